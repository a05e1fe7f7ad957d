"""Phrase material for the ``seed_demo`` management command.

Client-voice texts of the kind a worker types during a visit, written for demo data and
benchmarks. They are separate from the labelled grouping corpus
(``feedback/tests/data/grouping_corpus.json``): none of these sentences appears there, so
demo data never leaks into the measurement of the grouping.

- ``PHRASES``: dicts ``{"matter", "kind", "themes", "areas", "lang", "text"}``. ``matter`` is
  a concept id from ``feedback/insights/grouping/MATTERS.md`` or ``None``; ``areas`` lists
  the service area slugs where the text is plausible; ``themes`` is a small, deliberately
  imperfect guess.
- ``OBSERVATIONS``: the worker's own short view, kept apart from the client's words.
- ``OPENERS`` / ``CLOSERS`` (and ``_SV``): optional fragments to vary texts when recombining.
  An opener ending in a colon keeps the text as it is; an opener ending in "että" / "att"
  expects the first letter of the text to be lower-cased.

Plain data, no imports: the command decides how to sample and combine.
"""

# Note kinds (feedback.models.NoteKind values).
PRB = "problem"
IDEA = "idea"
BAD = "bad_experience"
GOOD = "good_experience"
THX = "thanks"

# Theme slugs.
BOOK = "booking-access"
WAIT = "waiting"
INFO = "information"
RESP = "respect"
CONT = "continuity"
PREM = "premises"
DIGI = "digital"
CONTENT = "service-content"
FEES = "fees"
OTHER = "other"

# Service area slugs.
HOMECARE = "kotihoito"
HEALTH = "terveysasemat"
CLINIC = "neuvolat"
SOCIAL = "aikuissosiaalityo"
DENTAL = "suun-terveydenhuolto"

# (matter, lang, areas, ((kind, themes, text), ...)); kept compact by hand, one text a row.
# fmt: off
_BLOCKS = (
    ("phone_access", "fi", (HEALTH, DENTAL, CLINIC), (
        (PRB, (BOOK,),
            "Soitin aamulla kolme kertaa ja joka kerta sama ilmoitus että jono on täynnä."),
        (BAD, (BOOK, WAIT),
            "Puhelinjonossa meni neljäkymmentä minuuttia ja sitten kuului vain tuuttaus."),
        (PRB, (BOOK,),
            ("Takaisinsoittopalvelu lupasi soittaa samana "
             "päivänä, soitto tuli vasta seuraavana iltapäivänä.")),
        (PRB, (), "Puhelinaika on just silloin kun oon töissä, en voi soittaa kesken työvuoron."),
        (BAD, (BOOK,), "ei vastata puhelimeen, kokeilin koko aamupäivän"),
        (IDEA, (BOOK,),
            "Toivoo että takaisinsoittoon vois valita itse sopivan ajan, vaikka illan."),
        (PRB, (WAIT,),
            ("Mie yritin soittaa ja automaatti sano että kaikki "
             "takaisinsoittoajat on tältä päivältä jo varattu.")),
        (BAD, (),
            ("Takasinsoitto tuli tuntemattomasta numerosta "
             "ja luulin sitä puhelinmyyjäks, en vastannu.")),
        (IDEA, (BOOK,),
            ("Puhelinpalveluun vois lisätä vaihtoehdon pelkille "
             "reseptiasioille, ettei ne tuki koko jonoa.")),
        (PRB, (BOOK,),
            ("Ajanvarauksen numeroon ei pääse läpi ennen yhdeksää "
             "ollenkaan, vaikka kahdeksalta pitäis aueta.")),
        (GOOD, (BOOK,),
            "Takaisinsoitto tuli tunnin sisällä, tosi hyvä ettei tarvinnu roikkua linjalla."),
    )),
    ("phone_access", "sv", (HEALTH, DENTAL, CLINIC), (
        (PRB, (BOOK,), "Telefontiden är för kort, man hinner aldrig fram innan den tar slut."),
        (BAD, (WAIT,), "Jag ringde i en halvtimme och ingen svarade."),
    )),
    ("phone_access", "fi", (HOMECARE,), (
        (PRB, (), "Hoitajien numeroon soittaessa menee vastaajaan, eikä kukaan soita takasin."),
        (IDEA, (BOOK,),
            "Kotihoitoon tarvittais yks numero joka oikeesti vastaa myös viikonloppuna."),
    )),
    ("phone_access", "fi", (HEALTH, DENTAL, CLINIC, HOMECARE), (
        (BAD, (BOOK,), "ei kukaan vastaa, soitin jo eilen ja tänään"),
        (PRB, (BOOK,),
            ("Puhelu ohjautuu aina vaan nauhotteelle joka "
             "käskee soittaa myöhemmin, sit se aika on jo ohi.")),
        (PRB, (WAIT,),
            "Mie soitan aina heti kahdeksalta ja silti oon jonossa sijalla kakskymmentä."),
        (BAD, (), "Linja katkes kesken ku olin vihdoin päässy jonon kärkeen, ihan itku tuli."),
    )),
    ("waiting_room_delay", "fi", (HEALTH, DENTAL, CLINIC), (
        (BAD, (WAIT,), "Istuin aulassa puolitoista tuntia ennen kuin minut kutsuttiin sisään."),
        (PRB, (WAIT,),
            "Vastaanotto oli taas jäljessä, ja mie olin ottanu töistä vapaata vaan tunnin."),
        (BAD, (WAIT,),
            ("Lapsi kyllästy ootteluun odotustilassa ja alko "
             "kiukutella, meidän vuoro ois ollu jo puol tuntia sitten.")),
        (PRB, (),
            "Laboratoriossa oli vuoronumero ja edellä neljäkymmentä ihmistä, aamu meni siihen."),
        (BAD, (WAIT,), "Oltiin paikalla vartin etuajassa ja odotettiin vielä tunti ajan jälkeen."),
        (PRB, (WAIT,),
            "Aina iltapäivän ajat venyy, kannattaa varata aamusta jos haluaa päästä ajallaan."),
        (IDEA, (WAIT,),
            ("Asiakas ehdottaa ettei samalle tunnille varattais "
             "montaa potilasta, niin ei tarvis istua aulassa.")),
        (BAD, (),
            "Vanhus istui aulassa tunnin yli ajan, ja hänen kyytinsä ehti lähteä ilman häntä."),
        (GOOD, (WAIT,), "Pääsin sisään ihan minuutilleen, harvinaista mutta tosi hienoa."),
        (PRB, (WAIT,),
            ("Hammashoitolan aulassa istuttiin vielä pitkään "
             "varatun ajan jälkeen, lapsen hermot meni.")),
    )),
    ("waiting_room_delay", "sv", (HEALTH, DENTAL, CLINIC), (
        (BAD, (WAIT,), "Vi fick vänta en timme efter vår bokade tid."),
    )),
    ("waiting_room_delay", "fi", (HEALTH, DENTAL, CLINIC), (
        (BAD, (WAIT,), "Istuttiin aulassa niin pitkään että parkkiaika ehti loppua."),
        (PRB, (WAIT,),
            "Aina pitää varata koko aamupäivä ku ei koskaan tiiä milloin pääsee sisään."),
        (BAD, (), "odotettiin sisäänpääsyä yli tunti, pienen lapsen kanssa se on pitkä aika"),
    )),
    ("delay_information", "fi", (HEALTH, DENTAL, CLINIC), (
        (BAD, (INFO,),
            "Odotin pitkään ja kukaan ei tullut sanomaan mitään, en tiennyt onko minut unohdettu."),
        (IDEA, (INFO,),
            "Aulaan vois laittaa taulun jossa lukee kunkin vastaanoton viive minuutteina."),
        (PRB, (INFO,), "Vastaanottovirkailija ei osannut kertoa kauanko lääkäri viipyy."),
        (IDEA, (INFO,),
            "Jos aikataulu venyy, vois laittaa tekstiviestin niin ehtis käydä kahvilla."),
        (GOOD, (INFO,),
            ("Hoitaja tuli heti kertomaan että lääkäri on "
             "hätätapauksessa ja arvioi odotusajan, kiitos tiedosta.")),
        (BAD, (RESP, INFO), "Ei se myöhästyminen haitannu, mut ois ollu kohteliasta kertoa siitä."),
        (PRB, (INFO,), "Kukaan ei maininnut viivästyksestä ennen kuin itse kysyin tiskiltä."),
        (IDEA, (INFO,), "Ilmottautumisautomaatti vois kertoa jos oma vastaanotto on myöhässä."),
    )),
    ("delay_information", "sv", (HEALTH, DENTAL, CLINIC), (
        (PRB, (INFO,), "Ingen informerade oss om varför det drog ut på tiden."),
    )),
    ("appointment_availability", "fi", (HEALTH,), (
        (PRB, (BOOK,), "Kiireetöntä lääkäriaikaa ei ollut tarjolla ennen kuin kuukauden päähän."),
        (BAD, (BOOK, WAIT), "Ajat on aina täynnä, ja uusia ajoja ei kuulemma avata vielä."),
        (PRB, (BOOK,), "Hoitajalle pääsee kyllä, mutta lääkärin arvio kestää viikkoja."),
        (BAD, (WAIT,),
            ("Sain ajan vasta seitsemän viikon päähän, "
             "siinä ajassa vaiva joko paranee tai pahenee.")),
        (IDEA, (BOOK,),
            ("Voisiko tehdä niin että kontrolliaika varataan heti "
             "edellisellä käynnillä, ettei tarvitse jonottaa uudelleen.")),
        (PRB, (BOOK, CONT),
            ("Omalle lääkärille ei saa aikaa, vaan tarjotaan "
             "aina vuokralääkäriä jonkun viikon päähän.")),
        (BAD, (BOOK,),
            "Lääkärin vastaanotolle olis päässyt vasta ensi kuussa, joten menin päivystykseen."),
        (PRB, (),
            "Sanottiin et ei oo aikoja koko syksylle ja pitää soittaa uudestaan marraskuussa."),
        (GOOD, (BOOK,), "Sain ajan jo samalle viikolle, tosi hyvä yllätys."),
        (PRB, (WAIT,), "Kuukauden oottaminen tikkien poistoon ei oo järkevää."),
        (IDEA, (BOOK,),
            "Toivoo että terveysasemalle tulis lisää lääkäreitä, aikoja ei saa mitenkään."),
    )),
    ("appointment_availability", "sv", (HEALTH,), (
        (PRB, (BOOK,), "Det finns inga lediga tider hos läkaren förrän om en månad."),
    )),
    ("appointment_availability", "fi", (HOMECARE,), (
        (PRB, (BOOK,),
            ("Kotihoidon asiakkaalle ei saada terveysasemalta "
             "lääkäriaikaa viikkoihin, vaikka haava ei parane.")),
    )),
    ("appointment_availability", "fi", (HEALTH,), (
        (BAD, (BOOK,),
            "lääkäriin ei oo aikoja, pitää kuulemma soittaa aamulla uudestaan ja toivoa parasta"),
        (PRB, (BOOK, WAIT),
            "Hoitajan aikaakin piti odottaa kolme viikkoa, vaikka oli ihan pieni juttu."),
        (PRB, (BOOK,), "Ku ei saa aikaa, niin pitää mennä yksityiselle ja se maksaa."),
    )),
    ("dental_queue", "fi", (DENTAL,), (
        (BAD, (WAIT,), "Hampaan paikkaukseen on jono kevääseen asti."),
        (PRB, (BOOK, WAIT),
            "Hammastarkastukseen ei saa aikaa, kuulemma jonoa on yli puoli vuotta."),
        (BAD, (),
            "Viisaudenhammas särkee ja ensimmäinen vapaa hammaslääkäriaika on kuukausien päässä."),
        (PRB, (BOOK,), "Suuhygienistin käynti on lykkääntynyt jo kahdesti, nyt ootellaan taas."),
        (IDEA, (BOOK, WAIT),
            ("Toivoo että hammashoidon jonossa voisi "
             "ilmoittaa, jos pääsisi lyhyellä varoitusajalla.")),
        (BAD, (WAIT,), "Oltiin jonossa hammaslääkärille niin kauan että hammas ehti haljeta."),
        (PRB, (),
            ("Lapsen hammastarkastus olisi pitänyt olla "
             "viime vuonna, vieläkään ei oo kutsua tullu.")),
        (GOOD, (BOOK,), "Hammaslääkäriin pääsi yllättävän nopeasti, luulin että jono on pidempi."),
        (PRB, (BOOK,), "Proteesin tekoon menee kuulemma vuosi, siihen asti syön soseita."),
        (BAD, (WAIT,), "hammaslääk. jono on naurettava, kohta vuos odotettu"),
    )),
    ("dental_queue", "sv", (DENTAL,), (
        (BAD, (WAIT,), "Kön till tandvården är alldeles för lång."),
        (PRB, (BOOK,), "Jag har inte fått någon tid för tandkontroll på över ett år."),
    )),
    ("dental_queue", "fi", (HEALTH, HOMECARE), (
        (PRB, (BOOK,),
            ("Asiakas kertoi että suun terveydenhuoltoon on kuukausien "
             "jono, eikä hammassärkyyn saa apua terveysasemalta.")),
    )),
    ("dental_queue", "fi", (DENTAL,), (
        (PRB, (WAIT,),
            ("Oon oottanu hammashoitoon pääsyä niin kauan "
             "et en ees muista millon oon ilmottautunu.")),
        (BAD, (BOOK, WAIT), "Hammassärkyyn sain vaan särkylääkettä ja kehotuksen jonottaa."),
    )),
    ("homecare_visit_times", "fi", (HOMECARE,), (
        (BAD, (), "Aamulääkkeet tulee vasta puolen päivän aikaan, vaikka ne pitäis ottaa aamulla."),
        (PRB, (CONTENT,), "Iltapalakäynti on neljältä iltapäivällä, se on ihan liian aikaisin."),
        (PRB, (), "Hoitajat tulee eri aikaan joka päivä, en voi suunnitella mitään."),
        (IDEA, (CONTENT,),
            "Toivoo että aamukäynnit olisivat ennen yhdeksää, jotta ehtisi päiväkeskukseen."),
        (BAD, (), "Odotin aamupalaa ja hoitajaa yhteentoista asti, vatsa kurni."),
        (PRB, (CONTENT,),
            "Suihkukäynti siirretään aina kun on kiire, viimeksi jäi kokonaan väliin."),
        (IDEA, (INFO,),
            ("Kotihoito vois ilmottaa edes suurin piirtein "
             "millon tulevat, vaikka tunnin tarkkuudella.")),
        (BAD, (CONTENT,), "Ilta-käynti tuli jo puol viideltä ja sitten sanottiin hyvää yötä."),
        (PRB, (), "Mummon päivärytmi menee sekasin kun hoitajat tulee miten sattuu."),
        (GOOD, (CONTENT,),
            "Nyt kun käynnit on aina samaan aikaan, päivä rytmittyy paljon paremmin."),
    )),
    ("homecare_visit_times", "sv", (HOMECARE,), (
        (PRB, (CONTENT,), "Kvällsbesöket kommer redan klockan fem, det är för tidigt."),
    )),
    ("homecare_visit_times", "fi", (HOMECARE,), (
        (BAD, (), "Hoitaja tuli aamulla vasta ku mie olin jo itte keittäny puuron."),
        (PRB, (CONTENT,),
            ("Iltakäynti vaihtelee kuuden ja yhdeksän välillä, "
             "ei tiiä millon laittaa yöpaidan päälle.")),
        (IDEA, (INFO,), "Toivoo että seuraavan päivän käyntiaika kerrottais edellisenä päivänä."),
    )),
    ("staff_continuity", "fi", (HOMECARE,), (
        (BAD, (CONT,), "Tällä viikolla kävi seitsemän eri hoitajaa, en muista kenenkään nimeä."),
        (IDEA, (CONT,), "Toivoo omahoitajaa, joka kävis useimpina päivinä."),
        (PRB, (CONT,),
            "Uudet hoitajat ei tiedä mihin avain laitetaan ja miten kahvinkeitin toimii."),
        (GOOD, (CONT,), "Kiitos että samat tutut hoitajat käyvät, on turvallinen olo."),
    )),
    ("staff_continuity", "sv", (HOMECARE,), (
        (BAD, (CONT,), "Jag vet aldrig vem som kommer, det är alltid någon ny."),
    )),
    ("staff_continuity", "fi", (HEALTH, CLINIC, SOCIAL, DENTAL), (
        (PRB, (CONT,), "Joka kerta eri lääkäri, eikä kukaan ole lukenut aiempia tietoja."),
        (BAD, (CONT,), "Saa kertoa tarinansa aina uudelleen alusta, se on raskasta."),
        (PRB, (CONT,),
            ("Terveydenhoitaja vaihtui kesken raskauden ja "
             "uuden kanssa piti aloittaa tutustuminen alusta.")),
        (PRB, (CONT,),
            ("Sosiaaliohjaaja on vaihtunut niin monta kertaa, "
             "etten jaksa enää kertoa samoja asioita.")),
        (IDEA, (CONT,), "Toivoo että voisi itse pyytää saman lääkärin jatkokäynnille."),
        (BAD, (),
            "Kolmas eri hammaslääkäri saman hoidon aikana, ja jokainen suunnittelee eri tavalla."),
    )),
    ("staff_continuity", "fi", (HOMECARE, HEALTH), (
        (BAD, (CONT,), "Aina uus naama ovella, ei tiiä kuka on tulossa."),
        (PRB, (CONT,),
            "Lääkäri ei ollu lukenu edellisen lääkärin merkintöjä, sama kaikki uudestaan."),
    )),
    ("rushed_visits", "fi", (HOMECARE, HEALTH, CLINIC, DENTAL), (
        (BAD, (RESP,), "Hoitajalla oli niin kiire että takki jäi päälle koko käynnin ajaksi."),
        (BAD, (CONTENT,), "Vastaanotto oli ohi ennen kuin ehdin kysyä toisesta asiasta."),
        (PRB, (CONTENT,), "Kymmenen minuuttia ei riitä, kun asioita on monta."),
        (IDEA, (CONTENT,),
            "Toivoo että kotikäynnillä ehdittäis joskus istua alas ja juoda kahvit yhdessä."),
        (BAD, (RESP,), "Tuntui että olin liukuhihnalla, sisään ja ulos viidessä minuutissa."),
        (PRB, (CONTENT,),
            "Neuvolakäynti oli niin tiivis, ettei ehditty puhua kuin painosta ja pituudesta."),
        (BAD, (), "Hoitaja kiirehti niin että unohti laittaa turvarannekkeen takaisin."),
        (GOOD, (CONTENT,), "Lääkäri otti reilusti aikaa eikä hoputtanut, harvinaista nykyään."),
        (BAD, (RESP,), "Hammaslääkäri puhui jo seuraavasta potilaasta kun olin vielä tuolissa."),
    )),
    ("rushed_visits", "sv", (HOMECARE, HEALTH, CLINIC, DENTAL), (
        (BAD, (CONTENT,), "Besöket tog bara fem minuter, de hade för bråttom."),
    )),
    ("rushed_visits", "fi", (HOMECARE, HEALTH, CLINIC), (
        (BAD, (CONTENT,), "Hoitaja vilkas vaan ovelta et kaikki hyvin ja lähti."),
        (PRB, (RESP,), "Ei ehditty ees kysyä miten mie voin, lääkkeet vaan pöytään."),
    )),
    ("transport", "fi", (HEALTH, DENTAL, CLINIC, SOCIAL, HOMECARE), (
        (PRB, (OTHER,), "Bussi kulkee niin harvoin että pitää tulla kaks tuntia etuajassa."),
        (BAD, (OTHER,), "Taksi ei löytänyt perille ja myöhästyin labrasta."),
        (PRB, (),
            ("Kela-kyydin tilaaminen on hankalaa, puhelimessa "
             "jonotetaan ja kyyti tulee miten sattuu.")),
        (IDEA, (OTHER,), "Toivoo että maaseudulta pääsis vastaanotolle jollain kutsutaksilla."),
        (PRB, (OTHER,),
            "Kuljetuspalvelu ei hyväksy matkaa hammashoitolaan, vaikka sinne ei muuten pääse."),
        (BAD, (), "Paluukyyti unohtui tilata ja istuin odottamassa kaksi tuntia."),
        (IDEA, (OTHER,),
            ("Olisi kiva jos neuvolassa voisi käydä samalla kertaa kuin "
             "lapsen muut tutkimukset, ettei tarvitse ajaa kahdesti.")),
        (PRB, (OTHER,), "Sossuun on kaks bussinvaihtoa, ja tapaaminen on aamulla kahdeksalta."),
    )),
    ("transport", "sv", (HEALTH, DENTAL, CLINIC, SOCIAL, HOMECARE), (
        (PRB, (OTHER,), "Taxin kom inte och jag missade min tid."),
    )),
    ("transport", "fi", (HEALTH, HOMECARE, DENTAL), (
        (PRB, (OTHER,),
            "Kutsutaksi pitää tilata edellisenä päivänä, mut aikaa ei tiedetä vielä silloin."),
        (BAD, (OTHER,), "Taksikyydissä meni kaks tuntia ku se haki kaikki muutkin."),
    )),
    ("parking", "fi", (HEALTH, DENTAL, CLINIC, SOCIAL), (
        (PRB, (PREM,), "Pysäköintialue on aina täynnä aamupäivisin."),
        (BAD, (PREM, FEES),
            "Parkkeeraus maksaa, vaikka käynti kestää usein pidempään kuin luulis."),
        (PRB, (PREM,), "Invapaikkoja on vain kaksi ja ne on kaukana ovesta."),
        (IDEA, (PREM,), "Pysäköintiajan vois pidentää kahteen tuntiin, nyt yks tunti ei riitä."),
        (PRB, (), "Pihan parkkipaikat on lumen peitossa ja ahtaita."),
        (BAD, (), "Jouduin jättämään auton kauppakeskuksen parkkiin ja kävelemään liukkaalla."),
        (IDEA, (PREM,), "Vaunuparkki neuvolan oven eteen ois kätevä."),
    )),
    ("parking", "sv", (HEALTH, DENTAL, CLINIC, SOCIAL), (
        (PRB, (PREM,), "Det finns för få parkeringsplatser vid tandvården."),
    )),
    ("parking", "fi", (HEALTH, DENTAL, CLINIC), (
        (BAD, (PREM,), "Parkkihallin automaatti ei ottanu korttia ja jono kasvo."),
        (PRB, (FEES,), "Parkkimaksu tulee kalliiksi ku käy viikottain hoidossa."),
    )),
    ("digital_booking", "fi", (HEALTH, DENTAL, CLINIC, SOCIAL, HOMECARE), (
        (PRB, (DIGI,), "Sähköinen asiointi vaatii pankkitunnukset, ja niitä ei kaikilla ole."),
        (BAD, (DIGI,), "Yritin perua ajan netissä mutta sivu kaatui, ja sain silti laskun."),
        (PRB, (DIGI,),
            "Mobiilivarmenne ei toimi vanhalla puhelimella, en pääse kirjautumaan mihinkään."),
        (IDEA, (DIGI,),
            "Ajanvarauksen pitäisi toimia myös puhelimen näytöllä, nyt kaikki napit on pieniä."),
        (PRB, (DIGI,),
            "Omaolon oirearvio ohjaa aina soittamaan, joten en tiedä mihin sitä tarvitaan."),
        (GOOD, (DIGI,), "Sain varattua ajan netissä parissa minuutissa, tosi helppoa."),
        (PRB, (DIGI,),
            "Valtuutus omaisen puolesta asiointiin on niin monimutkainen, ettei siitä saa selvää."),
        (BAD, (), "Netissä olevat ajat katoaa sillä välin kun tunnistautuu."),
        (IDEA, (DIGI,), "Toivoo että sähköiseen palveluun saisi neuvontaa vaikka kirjastossa."),
        (PRB, (DIGI,),
            "Toimeentulotuen sähköinen hakemus hylkää liitteen koska tiedosto on liian iso."),
    )),
    ("digital_booking", "sv", (HEALTH, DENTAL, CLINIC, SOCIAL, HOMECARE), (
        (PRB, (DIGI,), "Det går inte att logga in i e-tjänsten med mina bankkoder."),
    )),
    ("digital_booking", "fi", (HEALTH, DENTAL, CLINIC, SOCIAL), (
        (BAD, (DIGI,), "Ajanvaraussovellus kaatuu aina maksuvaiheessa tai tunnistautumisessa."),
        (PRB, (DIGI,), "Mun isä ei osaa käyttää nettiä, ja kaikki ohjataan sinne."),
        (IDEA, (DIGI,), "Nettiajanvaraukseen vois tulla selkeämmät ohjeet isommalla fontilla."),
    )),
    ("reminders", "fi", (HEALTH, DENTAL, CLINIC, HOMECARE), (
        (IDEA, (), "Muistutus viikkoa ennen olis parempi kuin edellisenä päivänä."),
        (PRB, (), "En saanut muistutusta ollenkaan, ja sakkomaksu tuli unohtuneesta ajasta."),
        (GOOD, (), "Tekstiviestimuistutus on hyvä juttu, kiitos siitä."),
        (PRB, (INFO,), "Muistutusviestissä ei lue mihin toimipisteeseen pitää mennä."),
        (IDEA, (), "Voisiko muistutuksen saada myös omaiselle, kun äiti ei itse lue viestejä."),
        (BAD, (), "Muistutuksen mukaan aika oli keskiviikkona, vaikka oikeasti se oli tiistaina."),
        (PRB, (DIGI,), "Muistutukset tulee vanhaan numeroon, vaikka olen ilmoittanut uuden."),
    )),
    ("reminders", "sv", (HEALTH, DENTAL, CLINIC, HOMECARE), (
        (IDEA, (), "Det vore bra med ett sms dagen innan besöket."),
    )),
    ("reminders", "fi", (HEALTH, DENTAL, CLINIC), (
        (PRB, (), "Tekstari tuli mut siinä ei lukenu kellonaikaa."),
        (BAD, (), "Ei tullu mitään muistutusta ja aika meni ohi, nyt pitää taas jonottaa."),
    )),
    ("service_language", "fi", (HEALTH, DENTAL, CLINIC, HOMECARE, SOCIAL), (
        (PRB, (RESP,),
            "Asiakas on kaksikielinen, mutta vaikeista asioista haluaisi puhua ruotsiksi."),
        (IDEA, (CONTENT,), "Toivoo ruotsinkielisiä esitteitä neuvolaan."),
        (PRB, (), "Ruotsinkielistä palvelua luvattiin, mutta vastaanotolla puhuttiin vain suomea."),
    )),
    ("service_language", "sv", (HEALTH, DENTAL, CLINIC, HOMECARE, SOCIAL), (
        (PRB, (RESP,), "Jag vill kunna prata svenska med min läkare."),
        (BAD, (), "Ingen kunde svara på svenska när jag ringde."),
        (IDEA, (CONTENT,), "Det skulle hjälpa om det fanns en svensktalande skötare i hemvården."),
        (PRB, (INFO,), "Informationen om vaccinationerna finns bara på finska."),
        (GOOD, (RESP,), "Det var skönt att kunna uträtta ärenden på mitt eget modersmål."),
    )),
    ("interpreters", "fi", (HEALTH, CLINIC, SOCIAL, DENTAL, HOMECARE), (
        (PRB, (CONTENT,), "Tulkin tilaamisessa meni niin kauan, että aika siirtyi kahdesti."),
        (BAD, (RESP,), "Puhelintulkin ääni katkeili eikä mitään saanut selvää."),
        (IDEA, (CONTENT,),
            "Toivoo samaa tulkkia joka kerta, ettei tarvitse kertoa kaikkea uudelleen vieraalle."),
        (PRB, (CONTENT,),
            ("Viittomakielen tulkki pitää tilata viikkoja "
             "etukäteen, äkillisiin asioihin ei saa tulkkia.")),
        (GOOD, (CONTENT,), "Tulkki oli tosi hyvä ja selitti myös mitä lääkäri tarkoitti."),
        (PRB, (), "Lapsi joutui tulkkaamaan vanhemmilleen sosiaalityöntekijän tapaamisessa."),
        (BAD, (CONTENT,),
            "Tulkkina oli tuttu samasta yhteisöstä, eikä asiakas uskaltanut puhua avoimesti."),
    )),
    ("interpreters", "sv", (HEALTH, CLINIC, SOCIAL, DENTAL, HOMECARE), (
        (PRB, (CONTENT,), "Tolken kom inte, och besöket blev inställt."),
    )),
    ("plain_language_letters", "fi", (SOCIAL, HEALTH, HOMECARE, CLINIC, DENTAL), (
        (PRB, (INFO,),
            ("Päätöskirjeessä oli kolme sivua lakitekstiä, "
             "mutta ei sanaakaan siitä mitä minun pitää tehdä.")),
        (BAD, (INFO,), "Kirjeen luettuani en vieläkään tiennyt, hyväksyttiinkö hakemus."),
        (IDEA, (INFO,), "Toivoo että kirjeisiin tulisi lyhyt tiivistelmä selkokielellä."),
        (PRB, (INFO,), "Laskelma tulee taulukkona, josta ei ymmärrä mistä summa muodostuu."),
        (PRB, (INFO,), "Kutsukirje oli niin vaikeaselkoinen, että tulin väärään paikkaan."),
        (BAD, (INFO,),
            "Muutoksenhakuohjeessa oli niin monta pykälää, että jätin valituksen tekemättä."),
        (GOOD, (INFO,), "Tällä kertaa päätös oli kirjoitettu selvästi ja ymmärrettävästi, kiitos."),
        (PRB, (INFO,), "virkakieltä, en ymmärtäny sanaakaan"),
    )),
    ("plain_language_letters", "sv", (SOCIAL, HEALTH, HOMECARE, CLINIC, DENTAL), (
        (PRB, (INFO,), "Jag förstod inte brevet, det var fullt av svåra ord."),
    )),
    ("fees", "fi", (HEALTH, DENTAL, HOMECARE, SOCIAL, CLINIC), (
        (PRB, (FEES,), "Lasku tuli kahteen kertaan samasta käynnistä."),
        (BAD, (FEES,),
            "En tiennyt että peruuttamattomasta ajasta menee maksu, kukaan ei kertonut."),
        (PRB, (FEES,), "Kotihoidon kuukausimaksun laskentaperuste on epäselvä."),
        (IDEA, (FEES,), "Toivoo että hinta kerrottaisiin ennen hoitoa, ei vasta laskussa."),
        (PRB, (FEES,), "Maksukatto täyttyi mutta laskuja tulee edelleen."),
        (BAD, (FEES,), "Laskun eräpäivä oli jo mennyt ennen kuin kirje tuli perille."),
        (PRB, (FEES,), "Asiakas kysyi voiko laskun maksaa osissa, kukaan ei osannut vastata."),
        (PRB, (FEES,), "Ateriamaksu nousi yllättäen eikä siitä ilmoitettu etukäteen."),
        (IDEA, (FEES,), "Maksuhuojennusta vois tarjota itse, monet ei tiedä että sellainen on."),
        (BAD, (FEES,), "Hammaslääkärin lasku oli paljon isompi kuin arvioitiin."),
    )),
    ("fees", "sv", (HEALTH, DENTAL, HOMECARE, SOCIAL, CLINIC), (
        (PRB, (FEES,), "Jag fick en räkning för ett besök som jag avbokade."),
    )),
    ("fees", "fi", (HEALTH, DENTAL, HOMECARE, SOCIAL), (
        (PRB, (FEES,), "Lasku tuli vaikka olin sairaana enkä päässyt, ilmotin kyllä."),
        (BAD, (FEES,), "En ymmärrä miks kotihoidon lasku on joka kuukausi eri summa."),
        (PRB, (FEES,), "Maksuista pitäis kertoa etukäteen, nyt tuli yllätyksenä."),
    )),
    ("homecare_food", "fi", (HOMECARE,), (
        (BAD, (CONTENT,), "Ruoka on liian suolaista, eikä sitä voi syödä verenpaineen takia."),
        (PRB, (CONTENT,), "Ateriat tulevat pakastettuina, enkä jaksa lämmittää niitä itse."),
        (IDEA, (CONTENT,), "Toivoo että ruokalista olisi nähtävillä etukäteen."),
        (BAD, (CONTENT,), "Aina samat laatikot, makaroonilaatikkoa kolme kertaa viikossa."),
        (GOOD, (CONTENT,), "Hernekeitto oli tosi hyvää, kiitos kokille."),
        (PRB, (), "Lounas jää syömättä, kun se tuodaan niin aikaisin."),
        (PRB, (CONTENT,), "Ruoka on liian kovaa, en pysty pureskelemaan ilman proteesia."),
        (IDEA, (CONTENT,), "Pehmeää ruokaa pitäis saada kun hampaat on huonot."),
        (BAD, (CONTENT,), "Kastike oli valunut rasiasta koko pussiin."),
        (PRB, (CONTENT,), "Iltapala on pelkkä voileipä, ja yöllä on nälkä."),
    )),
    ("homecare_food", "sv", (HOMECARE,), (
        (BAD, (CONTENT,), "Maten är för salt och portionerna för små."),
    )),
    ("homecare_food", "fi", (HOMECARE,), (
        (BAD, (CONTENT,), "ruoka on mautonta, ei siinä oo mitään makua"),
        (PRB, (CONTENT,),
            ("Keitto tuli kylmänä ja se piti lämmittää "
             "mikrossa, enkä mie osaa sitä mikroa käyttää.")),
        (IDEA, (CONTENT,), "Vois joskus tuoda jotain herkkua, vaikka pullaa sunnuntaina."),
    )),
    ("accessibility", "fi", (HEALTH, DENTAL, CLINIC, SOCIAL), (
        (PRB, (PREM,), "Sisäänkäynnin luiska on liian jyrkkä, rollaattori karkaa käsistä."),
        (BAD, (PREM,), "Ulko-ovet ei aukea automaattisesti, jouduin odottamaan että joku avaa."),
        (PRB, (PREM,), "Inva-wc on lukossa ja avain pitää hakea kolmannesta kerroksesta."),
        (IDEA, (PREM,), "Portaisiin tarvittais kaide molemmille puolille."),
        (PRB, (PREM,), "Vastaanottohuone on niin ahdas, ettei pyörätuolin kanssa mahdu sisään."),
        (BAD, (), "Hissi oli taas epäkunnossa ja jouduin kiipeämään portaat."),
        (IDEA, (PREM,), "Sisäänkäynnille voisi laittaa penkin, jolla voi levätä."),
    )),
    ("accessibility", "sv", (HEALTH, DENTAL, CLINIC, SOCIAL), (
        (PRB, (PREM,), "Dörrarna är för tunga att öppna med rullstol."),
    )),
    ("accessibility", "fi", (HEALTH, DENTAL, SOCIAL), (
        (PRB, (PREM,), "Ovi on niin raskas että en jaksa avata sitä rollaattorin kanssa."),
        (BAD, (PREM,), "Pyörätuolilla ei mahtunu vessaan, piti oottaa toista vessaa."),
    )),
    ("signage", "fi", (HEALTH, DENTAL, CLINIC, SOCIAL), (
        (PRB, (PREM,), "Käytävillä ei ole mitään opasteita laboratorioon."),
        (BAD, (PREM,), "Kiersin rakennusta kymmenen minuuttia ennen kuin löysin oikean oven."),
        (IDEA, (PREM,), "Huonenumerot pitäisi olla isommalla ja kontrastilla."),
        (PRB, (PREM, INFO), "Kutsukirjeessä luki eri sisäänkäynti kuin ovessa."),
        (IDEA, (PREM,), "Opasteisiin voisi lisätä kuvia, kaikki eivät lue suomea."),
    )),
    ("signage", "sv", (HEALTH, DENTAL, CLINIC, SOCIAL), (
        (PRB, (PREM,), "Det finns inga skyltar på svenska och jag hittade inte rätt rum."),
    )),
    ("lab_results", "fi", (HEALTH, CLINIC, HOMECARE), (
        (PRB, (INFO,), "Tulokset piti tulla viikossa, nyt on mennyt kolme eikä mitään kuulu."),
        (BAD, (INFO,), "Sain kuulla tuloksista vasta kun itse soitin perään."),
        (IDEA, (INFO,),
            "Toivoo että tulokset selitettäisiin lyhyesti, pelkät numerot ei kerro mitään."),
        (PRB, (INFO,), "Luvattiin soittaa kun tulos tulee, mutta puhelua ei koskaan tullut."),
        (GOOD, (INFO,), "Lääkäri soitti tuloksista heti seuraavana päivänä, kiitos."),
        (PRB, (DIGI, INFO),
            ("Omakantaan tuli tulos jossa oli punainen tähti, "
             "ja huolestuin kun kukaan ei selittänyt.")),
        (PRB, (INFO,), "Kotihoidossa ei tiedetty, oliko verikokeen tulos jo tullut."),
    )),
    ("lab_results", "sv", (HEALTH, CLINIC, HOMECARE), (
        (PRB, (INFO,), "Jag har inte fått några svar på blodproverna."),
    )),
    ("lab_results", "fi", (HEALTH,), (
        (BAD, (INFO,),
            ("Tuloksia en oo saanu, ja ku soitin niin "
             "sanottiin et lääkäri ei oo vielä kattonu niitä.")),
        (PRB, (INFO,), "Labrassa sanottiin et tulokset tulee kotiin kirjeenä, mitään ei tullu."),
    )),
    ("medication", "fi", (HOMECARE, HEALTH), (
        (PRB, (CONTENT,), "Dosetti jäi täyttämättä, kun hoitaja ei ehtinyt."),
        (BAD, (CONTENT,), "Lääkkeitä jäi apteekkiin hakematta, kun kukaan ei hoitanut sitä."),
        (PRB, (CONTENT,), "Reseptin uusimispyyntö katosi jonnekin, ja lääke loppui."),
        (IDEA, (CONTENT,), "Toivoo että lääkkeiden muutoksista kerrottaisiin myös omaiselle."),
        (PRB, (), "Lääkkeet on annettu väärään aikaan, iltalääke aamulla."),
        (GOOD, (CONTENT,),
            "Hoitaja huomasi lääkkeiden yhteisvaikutuksen ja korjasi sen, kiitos tarkkuudesta."),
        (PRB, (CONTENT,), "Apteekin annosjakelusta tuli väärät pussit."),
        (BAD, (),
            "Kipulääkettä ei saanut ennen kuin lääkäri oli hyväksynyt, ja siihen meni päiviä."),
    )),
    ("medication", "sv", (HOMECARE, HEALTH), (
        (PRB, (CONTENT,), "Mitt recept förnyades inte i tid."),
    )),
    ("medication", "fi", (HOMECARE, HEALTH), (
        (PRB, (CONTENT,),
            "Lääkkeet meni sekasin ku uusi hoitaja ei tienny et mulla on kaks eri dosettia."),
        (BAD, (CONTENT,), "Reseptiä piti pyytää kolme kertaa ennen kuin se uusittiin."),
    )),
    ("chat_service", "fi", (HEALTH, CLINIC, DENTAL, SOCIAL), (
        (PRB, (DIGI,), "Chat on kiinni just silloin kun ehtisin kirjoittaa."),
        (BAD, (DIGI,), "Chatissa oli jonossa kolmekymmentä ennen minua, lopetin."),
        (GOOD, (DIGI,), "Chatin kautta sain apua iltaisin, ei tarvinnut soittaa."),
        (IDEA, (DIGI,), "Toivoo että chat olisi auki myös viikonloppuisin."),
        (PRB, (DIGI,),
            "Chatissa vastaaja ei näe aiempia keskusteluja, joten kaikki pitää kertoa uudelleen."),
        (BAD, (DIGI,), "Chatti ohjasi soittamaan, ja puhelimessa ohjattiin chattiin."),
        (PRB, (DIGI,), "Chat-ikkuna katoaa jos puhelin menee lukkoon, ja jonopaikka menee."),
        (IDEA, (DIGI,), "Neuvolan chatissa vois olla mahdollisuus lähettää kuva ihottumasta."),
    )),
    ("chat_service", "sv", (HEALTH, CLINIC, DENTAL, SOCIAL), (
        (PRB, (DIGI,), "Chatten är bara öppen på förmiddagen."),
    )),
    ("chat_service", "fi", (HEALTH, CLINIC), (
        (BAD, (DIGI,), "Chatin jono ei liikkunu mihinkään puoleen tuntiin."),
        (PRB, (DIGI,),
            "Chatissa kysyttiin samat asiat kolmeen kertaan ennen kuin pääsin ihmiselle."),
    )),
    ("opening_hours", "fi", (HEALTH, CLINIC, DENTAL, SOCIAL), (
        (IDEA, (BOOK,), "Toivoo että terveysasema olisi auki lauantaiaamuisin."),
        (PRB, (BOOK,), "Laboratorio menee kiinni ennen kuin ehdin töistä."),
        (BAD, (), "Tulin paikalle ja ovessa luki että tänään suljettu koulutuksen vuoksi."),
        (IDEA, (BOOK,), "Iltavastaanotto kerran viikossa auttaisi työssäkäyviä."),
        (PRB, (BOOK,), "Kesällä kaikki on kiinni, ja pitää mennä naapurikuntaan."),
        (PRB, (), "Sossun aukioloajat muuttui eikä siitä ilmoitettu mitään."),
    )),
    ("opening_hours", "sv", (HEALTH, CLINIC, DENTAL, SOCIAL), (
        (IDEA, (BOOK,), "Det vore bra med öppet på kvällar för oss som jobbar."),
    )),
    ("cleanliness", "fi", (HEALTH, DENTAL, CLINIC, SOCIAL), (
        (PRB, (PREM,), "Wc:ssä ei ollut saippuaa eikä käsipyyhkeitä."),
        (BAD, (PREM,), "Lattialla oli hiekkaa ja kuravettä koko aulassa."),
        (PRB, (PREM,), "Tutkimushuoneen pöydällä oli edellisen potilaan paperit ja roskia."),
        (IDEA, (PREM,), "Toivoo että aulan lehdet vaihdettais, ne on rispaantuneita ja likaisia."),
        (GOOD, (PREM,), "Tilat oli tosi siistit, kiitos siivoojille."),
        (PRB, (PREM,), "Neuvolan hoitopöytä oli likainen kun tulimme."),
    )),
    ("cleanliness", "sv", (HEALTH, DENTAL, CLINIC, SOCIAL), (
        (PRB, (PREM,), "Det var smutsigt i väntrummet."),
    )),
    ("privacy_at_reception", "fi", (HEALTH, DENTAL, CLINIC, SOCIAL), (
        (PRB, (RESP,), "Luukulla piti selittää koko vaiva, ja jonossa seisovat kuuli joka sanan."),
        (BAD, (RESP,), "Virkailija toisti henkilötietoni kovaan ääneen."),
        (IDEA, (RESP,), "Toivoo että ilmoittautuminen hoidettaisiin erillisessä tilassa."),
        (PRB, (RESP,), "Ilmoittautumispiste on keskellä aulaa, kaikki kuulee kaiken."),
        (BAD, (RESP,),
            "En halunnut kertoa sosiaalitoimiston tiskillä miksi tulin, mutta oli pakko."),
        (IDEA, (PREM, RESP),
            "Äänieristys tai edes taustamusiikki ilmoittautumispisteelle auttaisi."),
    )),
    ("privacy_at_reception", "sv", (HEALTH, DENTAL, CLINIC, SOCIAL), (
        (PRB, (RESP,), "Man hör allt som sägs vid receptionen."),
    )),
    ("kind_treatment", "fi", (HOMECARE, HEALTH, CLINIC, SOCIAL, DENTAL), (
        (THX, (RESP,), "Kiitos ihanasta hoitajasta, joka jaksoi kuunnella."),
        (THX, (RESP,), "Kiitos lämpimästä vastaanotosta, tuli tervetullut olo."),
        (GOOD, (RESP,), "Hoitaja puhui minulle eikä vain saattajalleni, se tuntui hyvältä."),
        (THX, (), "Kiitos kun otitte vakavasti ja järjestitte asian samana päivänä."),
        (GOOD, (RESP,), "Sosiaalityöntekijä oli tosi mukava ja selitti kaiken kärsivällisesti."),
        (THX, (RESP,), "Kiitos hammaslääkärille, joka rauhoitteli pelkäävää lasta."),
        (GOOD, (RESP,), "Kohtelu oli asiallista ja kunnioittavaa koko käynnin ajan."),
        (THX, (), "Kotihoidon hoitajat on aina iloisia, se piristää päivää."),
        (GOOD, (RESP,),
            "Terveydenhoitaja muisti meidän vanhemman lapsen nimen, ihana yksityiskohta."),
        (THX, (RESP,), "Iso kiitos koko tiimille, olette kultaisia."),
        (GOOD, (RESP,), "Lääkäri katsoi silmiin ja kysyi miten minä jaksan."),
        (THX, (RESP,), "Kiitos kun ette hoputtaneet, vaikka tiedän että teillä on kiire."),
        (GOOD, (RESP,), "Vastaanotossa oli ystävällinen ja rauhallinen tunnelma."),
        (THX, (), "Äiti kiittää hoitajia, he ovat hänen päivänsä kohokohta."),
        (GOOD, (RESP,), "Minua kohdeltiin ihmisenä, vaikka olin huonossa kunnossa."),
        (THX, (RESP,), "Kiitos että hoitaja jäi hetkeksi juttelemaan, se merkitsi paljon."),
        (GOOD, (RESP,), "Suuhygienisti kertoi koko ajan mitä tekee, ei jännittänyt yhtään."),
        (THX, (), "kiitos hyvästä palvelusta"),
    )),
    ("kind_treatment", "sv", (HOMECARE, HEALTH, CLINIC, SOCIAL, DENTAL), (
        (THX, (RESP,), "Tack för gott bemötande."),
        (THX, (RESP,), "Tack till den vänliga sköterskan som tog sig tid."),
        (GOOD, (RESP,), "Jag blev väl bemött och kände mig trygg."),
        (THX, (), "Stort tack till hela personalen."),
    )),
    ("kind_treatment", "fi", (HOMECARE, HEALTH, CLINIC, SOCIAL, DENTAL), (
        (THX, (RESP,), "kiitos ihanalle hoitajalle, oot kultainen"),
        (GOOD, (RESP,), "Hoitaja oli niin mukava ja nauro mun jutuille."),
        (THX, (), "Kiitos kun olitte niin ystävällisiä mun pojalle."),
    )),
    ("not_listened", "fi", (HEALTH, CLINIC, SOCIAL, HOMECARE, DENTAL), (
        (BAD, (RESP,), "Lääkäri ei ottanut vakavasti kun sanoin että kipu on uusi."),
        (BAD, (RESP,), "Puhuin, mutta tuntui että seinälle olisi puhunut."),
        (PRB, (RESP,), "Omaisen havaintoja ei kuunneltu, vaikka tunnen äidin parhaiten."),
        (BAD, (RESP,), "Minulle sanottiin että olen liian nuori siihen sairauteen, eikä tutkittu."),
        (PRB, (RESP,), "Toiveeni hoidon suhteen sivuutettiin täysin."),
        (BAD, (RESP,), "Sosiaalityöntekijä keskeytti ja sanoi tietävänsä jo mitä aion sanoa."),
        (IDEA, (RESP,), "Toivoo että vastaanotolla kysyttäis ensin, mitä asiakas itse ajattelee."),
        (GOOD, (RESP,), "Tällä kertaa minua kuunneltiin ja uskottiin, kiitos."),
    )),
    ("not_listened", "sv", (HEALTH, CLINIC, SOCIAL, HOMECARE, DENTAL), (
        (BAD, (RESP,), "Jag kände att ingen lyssnade på vad jag sa."),
    )),
    ("social_worker_reach", "fi", (SOCIAL,), (
        (PRB, (BOOK,),
            "Sosiaalityöntekijän puhelinaika on puoli tuntia viikossa, eikä siihen mahdu."),
        (BAD, (BOOK,), "Lähetin viestin kolme viikkoa sitten, vastausta ei vieläkään."),
        (PRB, (CONT,), "En tiedä kuka minun asioitani nyt hoitaa, kukaan ei ole ilmoittanut."),
        (IDEA, (BOOK,), "Toivoo että sosiaalityöntekijälle voisi varata ajan itse netissä."),
        (BAD, (), "Sossun vaihteesta sanottiin että työntekijä soittaa, mutta mitään ei kuulunut."),
        (PRB, (BOOK,), "Sijaisen yhteystietoja ei ole missään."),
        (GOOD, (BOOK,), "Sossu soitti takaisin jo parin tunnin päästä, olin tosi helpottunut."),
        (PRB, (BOOK,), "Kiireellisessäkin asiassa sosiaalityöntekijää ei saa kiinni."),
    )),
    ("social_worker_reach", "sv", (SOCIAL,), (
        (PRB, (BOOK,), "Det är omöjligt att få tag på socialarbetaren."),
    )),
    ("social_worker_reach", "fi", (SOCIAL,), (
        (BAD, (BOOK,), "Mie oon laittanu kolme viestiä sossulle, yhteenkään ei oo vastattu."),
        (PRB, (BOOK,),
            "Sosiaalityöntekijän ajan saa vasta kuukauden päähän, vaikka asia on kiireellinen."),
    )),
    ("benefit_processing", "fi", (SOCIAL,), (
        (PRB, (WAIT,),
            ("Hakemus on ollut käsittelyssä viisi viikkoa, "
             "lain mukaan pitäisi olla seitsemän arkipäivää.")),
        (BAD, (WAIT,), "Päätöstä odotellessa sähköt meinas mennä poikki."),
        (PRB, (INFO,), "Käsittelyaikaa ei kerrota missään, arvailen vaan."),
        (IDEA, (WAIT,), "Toivoo että hakemuksen etenemistä voisi seurata netissä."),
        (BAD, (WAIT,),
            "Lisäselvityspyyntö tuli vasta kolmen viikon jälkeen, ja nyt kello alkaa alusta."),
        (PRB, (), "Vuokran maksusitoumus tuli myöhässä ja vuokranantaja suuttui."),
        (GOOD, (WAIT,), "Päätös tuli nopeasti ja selkeästi, kiitos."),
        (PRB, (WAIT,),
            ("Asiakas on odottanut toimeentulotukipäätöstä "
             "yli kuukauden, ruoka-apu on ainoa vaihtoehto.")),
    )),
    ("benefit_processing", "sv", (SOCIAL,), (
        (PRB, (WAIT,), "Handläggningen av min ansökan tar alldeles för länge."),
    )),
    ("benefit_processing", "fi", (SOCIAL,), (
        (BAD, (WAIT,),
            "Tukipäätöstä ootellessa rahat loppu kokonaan, jouduin hakemaan ruoka-apua."),
        (PRB, (INFO,), "Hakemus on kuulemma \"vireillä\", mut kukaan ei kerro mitä se tarkottaa."),
    )),
    ("family_coaching", "fi", (CLINIC,), (
        (IDEA, (CONTENT,), "Toivoo perhevalmennukseen myös etäosallistumismahdollisuutta."),
        (GOOD, (CONTENT,), "Vauvaperheiden ryhmä oli ihana, sain sieltä ystäviä."),
        (PRB, (CONTENT,), "Perhevalmennus oli täynnä eikä meitä otettu mukaan."),
        (IDEA, (CONTENT,), "Isille oma ryhmä ois hyvä juttu."),
        (BAD, (CONTENT,),
            "Ryhmässä puhuttiin vain synnytyksestä, ei yhtään arjesta vauvan kanssa."),
        (IDEA, (CONTENT,), "Toivoo että perhevalmennuksessa käsiteltäisiin myös parisuhdetta."),
        (PRB, (CONTENT,), "Ryhmän aika on keskellä työpäivää."),
        (GOOD, (CONTENT,), "Ensisynnyttäjien valmennus auttoi jännitykseen tosi paljon."),
    )),
    ("family_coaching", "sv", (CLINIC,), (
        (IDEA, (CONTENT,), "Vi pappor skulle behöva en egen grupp på rådgivningen."),
    )),
    ("assistive_devices", "fi", (HOMECARE, HEALTH), (
        (PRB, (CONTENT,), "Apuvälineiden lainaamo on auki vain arkipäivisin kolmeen."),
        (BAD, (CONTENT,), "Pyörätuolin rengas on ollut puhki viikon, eikä korjaajaa saa."),
        (IDEA, (CONTENT,), "Toivoo että apuvälineet tuotaisiin kotiin eikä tarvitsisi hakea itse."),
        (PRB, (CONTENT,), "Tukikahvaa kylpyhuoneeseen on odotettu kuukausia."),
        (GOOD, (CONTENT,),
            "Uusi rollaattori tuotiin nopeasti ja se oli säädetty valmiiksi, kiitos."),
        (PRB, (), "Sairaalasängyn sähkömoottori on rikki."),
        (BAD, (CONTENT,), "Kävelykeppi oli liian lyhyt, eikä sitä vaihdettu."),
    )),
    ("assistive_devices", "sv", (HOMECARE, HEALTH), (
        (PRB, (CONTENT,), "Rollatorn är trasig och ingen har kommit för att laga den."),
    )),
    ("waiting_room_comfort", "fi", (HEALTH, DENTAL, CLINIC, SOCIAL), (
        (PRB, (PREM,), "Odotustilassa on liian kuuma ja tunkkaista."),
        (IDEA, (PREM,), "Aulaan voisi tuoda muutaman tuolin, jossa on käsinojat."),
        (PRB, (PREM,), "Odotustilassa ei ole yhtään pistorasiaa puhelimen lataamiseen."),
        (IDEA, (PREM,),
            "Lapsille voisi olla jotain tekemistä aulassa, väritystehtäviä tai kirjoja."),
        (BAD, (PREM,), "Aulassa vetää niin että jalat jäätyy."),
        (GOOD, (PREM,), "Uusi odotustila on viihtyisä, kiitos sohvista."),
        (IDEA, (PREM,), "Vesipiste aulaan olisi tarpeen, etenkin kesällä."),
        (PRB, (PREM,), "Odotushuoneen tv:stä tulee kovaa ääntä, ei voi lukea."),
        (IDEA, (PREM, DIGI), "Langaton verkko aulaan, niin voisi hoitaa asioita odottaessa."),
    )),
    ("waiting_room_comfort", "sv", (HEALTH, DENTAL, CLINIC, SOCIAL), (
        (IDEA, (PREM,), "Det behövs en vattenautomat i väntrummet."),
    )),
    ("waiting_room_comfort", "fi", (HEALTH, CLINIC, DENTAL), (
        (PRB, (PREM,), "Odotustilan tuolit on kovia ja vinoja, selkä kipeytyy."),
        (IDEA, (PREM,), "Vaunuille tarvittais oma paikka aulaan, nyt ne on kaikkien tiellä."),
    )),
    ("referral_information", "fi", (HEALTH, CLINIC, HOMECARE, DENTAL), (
        (PRB, (INFO,), "Lähetteen tilasta ei osaa kukaan kertoa mitään."),
        (BAD, (INFO,), "Kuukausien päästä selvisi, että lähete oli jäänyt lähettämättä."),
        (IDEA, (INFO,), "Toivoo ilmoitusta siitä, kun lähete on vastaanotettu."),
        (PRB, (INFO,), "Erikoissairaanhoidosta ei ole kuulunut mitään lähetteen jälkeen."),
        (BAD, (INFO,), "Lähete palautettiin ilman että minulle kerrottiin miksi."),
        (PRB, (INFO,), "Lapsen lähetteestä ei tiedetty neuvolassa mitään."),
    )),
    ("referral_information", "sv", (HEALTH, CLINIC, HOMECARE, DENTAL), (
        (IDEA, (INFO,), "Jag vill veta när remissen har kommit fram."),
    )),
    ("mental_health_access", "fi", (HEALTH, SOCIAL, CLINIC), (
        (PRB, (BOOK,), "Mielenterveyshoitajalle jonotetaan kuukausia, ja sillä välin ei apua saa."),
        (BAD, (BOOK,), "Sanottiin että pitää olla ensin lääkärin lähete, lääkäriin taas ei pääse."),
        (IDEA, (BOOK,), "Toivoo että kriisiaikoja olisi varattu joka päivälle."),
        (PRB, (CONTENT,), "Terapian jatkoa ei ole järjestetty, ja hoito katkesi."),
        (BAD, (BOOK,), "Nuoren psykiatriseen arvioon on kolmen kuukauden jono."),
        (GOOD, (CONTENT,),
            "Pääsin nopeasti psykiatriselle sairaanhoitajalle, se auttoi todella paljon."),
        (PRB, (BOOK,),
            "Päihdeasiakkaalle ei löydy mielenterveyspalvelua, pallotellaan paikasta toiseen."),
        (IDEA, (BOOK,), "Matalan kynnyksen vastaanotto ilman ajanvarausta auttaisi monia."),
    )),
    ("mental_health_access", "sv", (HEALTH, SOCIAL, CLINIC), (
        (PRB, (BOOK,), "Väntetiden till psykiatrisk sjukskötare är för lång."),
    )),
    ("mental_health_access", "fi", (HEALTH, SOCIAL), (
        (BAD, (BOOK,), "Mielenterveyspuolelle ei pääse, sanovat et jonoa on."),
    )),
    ("homecare_cleaning_help", "fi", (HOMECARE,), (
        (PRB, (CONTENT,), "Imurointia ei tehdä enää, ja pöly pahentaa astmaa."),
        (BAD, (CONTENT,), "Kauppakassi tuli ilman maitoa ja leipää, vaikka ne oli listalla."),
        (IDEA, (CONTENT,), "Toivoo apua ikkunanpesuun keväällä."),
        (PRB, (CONTENT,), "Pyykit jää pesemättä, kun kotihoidolla ei ole siihen aikaa."),
        (GOOD, (CONTENT,), "Kiitos kun hoitaja vei roskat ja tyhjensi tiskikoneen."),
        (PRB, (FEES,), "Siivouspalvelun hinta on liian kova pienestä eläkkeestä."),
        (IDEA, (CONTENT,),
            "Asiakas toivoo että kaupassakäynnissä voisi olla mukana itse, pääsisi ulos."),
        (PRB, (), "Sängyn petaaminen jää tekemättä kun on kiire."),
    )),
    ("homecare_cleaning_help", "sv", (HOMECARE,), (
        (PRB, (CONTENT,), "Ingen städar hos mig längre."),
    )),
    ("homecare_cleaning_help", "fi", (HOMECARE,), (
        (BAD, (CONTENT,), "Kukaan ei auta pyykkien kanssa, ja pestävää kertyy."),
        (PRB, (CONTENT,), "Kauppaan pääsee vaan kerran viikossa ja aina jotain puuttuu."),
    )),
    (None, "fi", (HOMECARE, HEALTH, CLINIC, SOCIAL, DENTAL), (
        (THX, (), "Kiitos tästä mahdollisuudesta antaa palautetta."),
        (THX, (), "Kiitos että välitätte."),
        (GOOD, (),
            "Hyvä että tällaista kysytään suoraan käynnillä, en olisi muuten kirjoittanut mitään."),
        (IDEA, (OTHER,), "Toivoo että palautteen vaikutuksista kerrottaisiin myöhemmin."),
        (GOOD, (), "Kokonaisuutena palvelu on toiminut hyvin."),
        (THX, (), "Iso kiitos kaikille, olette tehneet valtavan työn."),
        (GOOD, (), "Hyvä mieli jäi käynnistä."),
        (IDEA, (OTHER,), "Asiakas ehdottaa, että kerran vuodessa järjestettäisiin avoimet ovet."),
        (PRB, (OTHER,),
            "Asiakas kysyi, miksi hänen antamaansa palautetta viime vuonna ei koskaan käsitelty."),
        (GOOD, (), "Kaikki sujui, ei ole mitään valitettavaa."),
        (IDEA, (), "Voisiko aulassa olla kierrätyshylly lastenvaatteille?"),
        (PRB, (), "Rakennuksen ilmastointi pitää kovaa ääntä koko ajan."),
        (IDEA, (), "Joulukuusi aulaan ilahduttaisi."),
        (PRB, (OTHER,), "Nettisivuilta ei löydy mitään ajankohtaista tietoa."),
        (GOOD, (), "Kiva kun henkilökunnalla on nimikyltit."),
        (IDEA, (OTHER,), "Asiakasraadista voisi kertoa enemmän, en ole kuullut siitä aiemmin."),
        (PRB, (), "Lahjoitin kirjoja aulan hyllyyn, mutta ne oli viety pois."),
        (GOOD, (), "Kiitos kahvista ja pullasta ystävänpäivänä."),
        (IDEA, (), "Verenpainemittari aulaan, jossa voisi itse mitata odottaessa."),
        (PRB, (), "Ovessa on edelleen vanhat koronaohjeet, hämmentää."),
        (THX, (), "Kiitos että muistitte soittaa ja kysyä miten toipuminen on edennyt."),
        (GOOD, (), "Hyvä että asiat hoituivat yhdellä käynnillä."),
        (IDEA, (OTHER,),
            "Palautetta voisi antaa myös kuvakkeilla, kaikille kirjoittaminen ei ole helppoa."),
        (PRB, (), "Takki jäi naulakkoon eikä löytöesineistä ollut tietoa."),
    )),
    (None, "sv", (HOMECARE, HEALTH, CLINIC, SOCIAL, DENTAL), (
        (THX, (), "Tack för att ni frågar vad vi tycker."),
        (GOOD, (), "Allt fungerade bra den här gången."),
        (IDEA, (OTHER,), "Det vore bra att få veta vad som händer med min respons."),
    )),
    (None, "fi", (HOMECARE,), (
        (THX, (), "Kiitos hoitajille jouluruusuista, äiti oli niin iloinen."),
        (GOOD, (), "Hoitaja kasteli kukat kysymättä, pieni mutta mukava ele."),
        (PRB, (), "Avainboksin koodi ei toimi kylmällä."),
        (IDEA, (), "Asiakas toivoo, että joku joskus lukisi hänelle lehteä ääneen."),
        (GOOD, (), "Ulkoilu hoitajan kanssa oli viikon paras hetki."),
        (IDEA, (),
            "Olisi kiva jos kotihoito järjestäisi joskus yhteisen kahvihetken alueen asiakkaille."),
        (PRB, (), "Turvapuhelimen ranneke hiertää ranteessa."),
    )),
    (None, "fi", (CLINIC,), (
        (GOOD, (), "Neuvolan kirjahylly on lasten suosikki."),
        (IDEA, (), "Vauvan punnitukseen lämpimämpi alusta."),
        (GOOD, (), "Kiitos kun kysyitte myös isän jaksamisesta."),
        (PRB, (), "Neuvolan nettisivun kuva-aineisto on vanhentunutta."),
    )),
    (None, "fi", (SOCIAL,), (
        (GOOD, (), "Tapaamisessa oli rauhallinen huone, se auttoi puhumaan."),
        (IDEA, (), "Toivoo että aulassa olisi tietoa ruoka-avusta ja muista tukimuodoista."),
        (THX, (), "Kiitos että minut ohjattiin velkaneuvontaan, siitä oli paljon apua."),
    )),
    (None, "fi", (DENTAL,), (
        (GOOD, (), "Hammashoitolan uusi tuoli on mukava."),
        (IDEA, (), "Kattoon televisio, niin toimenpide tuntuis lyhyemmältä."),
        (PRB, (), "Imulaite piti kovaa ääntä ja säikäytti lapsen."),
    )),
)
# fmt: on


def _expand(blocks):
    return [
        {
            "matter": matter,
            "kind": kind,
            "themes": list(themes),
            "areas": list(areas),
            "lang": lang,
            "text": text,
        }
        for matter, lang, areas, rows in blocks
        for kind, themes, text in rows
    ]


PHRASES = _expand(_BLOCKS)


OBSERVATIONS = [
    "Sama toive kuultu usealta asiakkaalta tällä viikolla.",
    "Asiakas vaikutti huolestuneelta laskusta.",
    "Asiakas oli tyytyväinen, kun asia otettiin puheeksi.",
    "Aihe on tullut esiin jo aiemmilla käynneillä.",
    "Asiakas ei halunnut tehdä virallista muistutusta, mutta toivoi että asia viedään eteenpäin.",
    "Omainen oli paikalla ja oli samaa mieltä.",
    "Asiakas oli väsynyt ja vähän kireä, mutta asiallinen.",
    "Ymmärrän asiakkaan turhautumisen, tilanne on ollut sama koko syksyn.",
    "Kerroin, että palaute käsitellään tiimipalaverissa.",
    "Asiakas kysyi, kuuleeko hän asiasta vielä myöhemmin.",
    "Havainto sopii yhteen sen kanssa, mitä aulassa on nähty.",
    "Asiakas oli selvästi helpottunut, kun sai sanoa asian ääneen.",
    "Sama ongelma näkyy myös iltavuoroissa.",
    "Asiakas pelkäsi, että palautteen antaminen vaikuttaa hänen hoitoonsa. Kerroin ettei vaikuta.",
    "Lupasin selvittää asian ja palata siihen seuraavalla käynnillä.",
    "Asiakas ei ole aiemmin antanut palautetta, koska ei tiennyt mihin.",
    "Tämä on pieni asia, mutta helposti korjattavissa.",
    "Asiakas kertoi asian rauhallisesti, ei valittanut.",
    "Asiakkaalla on muistisairaus, omaisen kanssa sovittu että hän seuraa asiaa.",
    "Asiakas sanoi, että ei halua olla hankala, mutta asia on vaivannut.",
    "Tilanne toistuu erityisesti maanantaisin.",
    "Asiakas oli kiitollinen, että kysyttiin.",
    "Kerroin, että asiaan ei juuri nyt voi vaikuttaa, ja kerroin syyn. Asiakas ymmärsi.",
    "Asiakas toivoo vastausta tekstiviestillä.",
    "Työparini on kuullut saman asiakkaalta viime viikolla.",
    "Asiakas oli itkuinen, taustalla myös muita huolia.",
    "Vaikuttaa siltä, että ohje on ymmärretty eri tavoin eri tiimeissä.",
    "Omaisen mukaan sama asia on toistunut useamman kerran.",
    "Asiakas antoi palautteen hymyillen, ei ollut pahoillaan.",
    "Tästä on tullut palautetta myös puhelimessa.",
    "Asiakas osallistuisi mielellään asian kehittämiseen.",
    "Asiakas toivoi, ettei hänen nimeään mainita.",
    "Vaikea arvioida, onko kyse yksittäistapauksesta.",
    "Asiakkaan mukaan asia oli paremmin ennen organisaatiomuutosta.",
    "Huomasin itsekin saman, kun tulin käynnille.",
    "Asiakas kertoi asian vasta käynnin lopussa, kun kysyin suoraan.",
    "Asiakas puhui paljon, tämä oli hänelle tärkein asia.",
    "Asiakas oli aiemmin kertonut saman, mutta ei ollut kuullut mitään jatkosta.",
    "Asiakas sanoi, ettei jaksa enää valittaa, koska mikään ei muutu.",
    "Kiitos välitetty tiimille.",
    "Asiakas ei ollut vihainen, halusi vain kertoa kokemuksensa.",
    "Vanhemmat olivat samaa mieltä keskenään.",
    "Asia koskee todennäköisesti myös muita alueen asiakkaita.",
    "Tarvitaan selvitys ennen kuin voi luvata mitään.",
    "Ehdotus vaikuttaa helposti toteutettavalta.",
    "Asiakas oli yllättynyt, että hänen mielipidettään kysyttiin.",
    "Kirjasin asiakkaan omin sanoin mahdollisimman tarkasti.",
    "Asiakkaalla on kuulon heikkenemistä, mikä voi osin selittää kokemusta.",
    "Esihenkilön kannattaa katsoa tätä.",
    "Asiakas haluaa tietää, mitä asialle tehdään.",
    "Asiakas antoi luvan palata asiaan.",
    "Sama ajatus tuli esiin myös asiakasraadissa.",
    "Asiakas toivoi, että palaute menee nimettömänä eteenpäin.",
    "Asiakas oli pettynyt, mutta ymmärsi henkilöstöpulan.",
    "Aihe nousi esiin luontevasti keskustelun lomassa.",
    "Asiakas kertoi tämän jo toista kertaa tässä kuussa.",
    "Kerroin Te sanoitte, me teimme -sivusta, asiakas kiinnostui.",
    "Olen samaa mieltä asiakkaan kanssa.",
    "Asiakas kaipaa ennen kaikkea tietoa, ei välttämättä muutosta.",
    "Tämä toistuu etenkin loma-aikoina.",
    "Asiakas halusi erityisesti kiittää.",
    "Asiakas vaikutti yksinäiseltä, palaute liittyi osin siihen.",
]

OPENERS = [
    "Asiakas sanoi:",
    "Asiakas kertoi, että",
    "Asiakas sanoi, että",
    "Asiakas toivoo, että",
    "Asiakkaan sanoin:",
    "Omainen kertoi:",
    "Tytär kertoi käynnillä:",
    "Kotikäynnillä tuli puheeksi:",
    "Vastaanotolla asiakas mainitsi:",
    "Puhelussa asiakas sanoi:",
    "Käynnin lopuksi asiakas halusi sanoa:",
    "Asiakas halusi kertoa:",
    "Kysyin kuulumisia, asiakas kertoi:",
    "Äiti sanoi neuvolakäynnillä:",
    "Isä kertoi:",
    "Asiakas mainitsi ohimennen, että",
    "Asiakas sanoi suoraan:",
    "Palautteena asiakkaalta:",
    "Asiakas kertoi jo toista kertaa:",
    "Asiakas pyysi kirjaamaan:",
    "Puoliso kertoi:",
]

CLOSERS = [
    "— tätä on toivottu ennenkin.",
    "Asiakas toivoo, että asia viedään eteenpäin.",
    "Ei halunnut tehdä virallista valitusta.",
    "Toivoo vastausta.",
    "Sanoi että saa kertoa eteenpäin.",
    "Ei ollut vihainen, halusi vain kertoa.",
    "Mainitsi saman jo viime käynnillä.",
    "(omainen samaa mieltä)",
    "Asiakas naurahti perään, mutta asia on hänelle tärkeä.",
    "Sanoi, että muutkin naapurit ovat puhuneet samasta.",
    "Ei tarvitse vastata hänelle henkilökohtaisesti.",
    "Toivoo, että tästä olisi apua muillekin.",
    "Asiakas oli asiasta pahoillaan.",
    "— sama juttu kuin viime kuussa.",
    "Asiakas kiitti, että kysyttiin.",
    "Sanoi, että muuten kaikki on hyvin.",
    "Tärkeä asia asiakkaalle.",
    "Asiakas toivoo, että joku soittaa hänelle asiasta.",
    "Ymmärtää, että kaikki ei muutu heti.",
    "Sanoi ettei halua olla valittaja.",
    "Asiakas sanoi tämän hymyillen.",
]

OPENERS_SV = [
    "Klienten sa:",
    "Klienten berättade att",
    "Anhörig berättade:",
    "Under hembesöket kom det upp:",
    "Klienten ville säga:",
    "Med klientens egna ord:",
]

CLOSERS_SV = [
    "Klienten vill att saken förs vidare.",
    "Ville inte göra ett formellt klagomål.",
    "Önskar svar.",
    "Har sagt samma sak tidigare.",
    "Klienten tackade för att vi frågade.",
    "(anhörig av samma åsikt)",
]
