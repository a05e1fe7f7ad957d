"""Data of the open vocabulary (see vocab): the fi-sv bridge, Swedish markers, generic words.

BRIDGE_SV_FI maps common Swedish words of social and health services to the Finnish lemma
of the same thing; it was written from a general service vocabulary, not from notes.
GENERIC lists lemmas that occur in notes of many different matters of the development
corpus (never the frozen test part): they say little about which matter a note is about.
"""

BRIDGE_SV_FI = {
    "tolk": "tulkki",
    "tolkar": "tulkki",
    "telefon": "puhelin",
    "ringa": "soittaa",
    "ringde": "soittaa",
    "samtal": "puhelu",
    "återuppringning": "takaisinsoitto",
    "tid": "aika",
    "tider": "aika",
    "kö": "jono",
    "köer": "jono",
    "vänta": "odottaa",
    "väntan": "odotus",
    "väntetid": "odotusaika",
    "läkare": "lääkäri",
    "sköterska": "hoitaja",
    "skötare": "hoitaja",
    "tandläkare": "hammaslääkäri",
    "tand": "hammas",
    "tänder": "hammas",
    "brev": "kirje",
    "beslut": "päätös",
    "ansökan": "hakemus",
    "blankett": "lomake",
    "mat": "ruoka",
    "måltid": "ateria",
    "medicin": "lääke",
    "mediciner": "lääke",
    "läkemedel": "lääke",
    "recept": "resepti",
    "hemvård": "kotihoito",
    "hemtjänst": "kotihoito",
    "besök": "käynti",
    "hembesök": "kotikäynti",
    "morgon": "aamu",
    "kväll": "ilta",
    "natt": "yö",
    "helg": "viikonloppu",
    "buss": "bussi",
    "taxi": "taksi",
    "färdtjänst": "kuljetuspalvelu",
    "parkering": "pysäköinti",
    "hiss": "hissi",
    "trappa": "porras",
    "skylt": "kyltti",
    "skyltar": "kyltti",
    "väntrum": "odotustila",
    "avgift": "maksu",
    "faktura": "lasku",
    "räkning": "lasku",
    "kostnad": "kustannus",
    "remiss": "lähete",
    "journal": "potilastieto",
    "uppgifter": "tieto",
    "svar": "vastaus",
    "provsvar": "laboratoriovastaus",
    "prov": "näyte",
    "vaccin": "rokote",
    "vaccination": "rokotus",
    "barn": "lapsi",
    "förälder": "vanhempi",
    "föräldrar": "vanhempi",
    "mamma": "äiti",
    "pappa": "isä",
    "dotter": "tytär",
    "son": "poika",
    "anhörig": "omainen",
    "anhöriga": "omainen",
    "socialarbetare": "sosiaalityöntekijä",
    "handläggare": "käsittelijä",
    "utkomststöd": "toimeentulotuki",
    "bidrag": "tuki",
    "stöd": "tuki",
    "hjälpmedel": "apuväline",
    "rollator": "rollaattori",
    "rullstol": "pyörätuoli",
    "terapi": "terapia",
    "terapeut": "terapeutti",
    "kris": "kriisi",
    "ångest": "ahdistus",
    "missbruk": "päihde",
    "språk": "kieli",
    "svenska": "ruotsi",
    "finska": "suomi",
    "personal": "henkilökunta",
    "vikarie": "sijainen",
    "chatt": "chat",
    "påminnelse": "muistutus",
    "sms": "tekstiviesti",
    "textmeddelande": "tekstiviesti",
    "inloggning": "kirjautuminen",
    "bankkoder": "pankkitunnus",
    "nätet": "verkko",
    "webben": "verkko",
    "apotek": "apteekki",
    "dosett": "dosetti",
    "städning": "siivous",
    "dusch": "suihku",
    "bastu": "sauna",
    "sjukhus": "sairaala",
    "poliklinik": "poliklinikka",
    "mottagning": "vastaanotto",
    "hälsostation": "terveysasema",
    "rådgivning": "neuvola",
    "amning": "imetys",
    "grupp": "ryhmä",
    "grupper": "ryhmä",
    "boende": "asumispalvelu",
    "dagverksamhet": "päivätoiminta",
    "assistent": "avustaja",
    "namnskylt": "nimikyltti",
    "respons": "palaute",
    "feedback": "palaute",
    "namn": "nimi",
    "kallt": "kylmä",
    "kall": "kylmä",
    "sen": "myöhään",
    "försenad": "myöhässä",
    "tidig": "aikainen",
    "tidigt": "aikaisin",
    "kort": "lyhyt",
    "bråttom": "kiire",
    "stressad": "kiire",
}

# Words that occur in Swedish and (almost) never in Finnish notes: two of them make a
# note Swedish for the open vocabulary.
SWEDISH_MARKERS = frozenset(
    """och att det som inte jag han hon vi ni de dom man var är har hade ska skulle kan
    kunde för med till från på av om när sen efter eller men så nu bara också måste
    fick får min mitt mina din vår hans hennes deras den detta dessa inga ingen något
    någon aldrig alltid varje igen hela bra dålig dåligt""".split()
)

# Lemmas in notes of five or more different matters of the development corpus.
GENERIC = frozenset(
    """
    aamu aika aikaisin aina aiti ajanvaraus aldr alkaa alku aloittaa apu asema asukas aula
    automaatti barnet besok bra dag dom edellinen ees eft ehtia enaa ennenku ens ensimmainen
    ensin eri ettei far fick finn frag gang hakea hammas hammashoitola hammaslaakari hemvard
    henkilokunta heti hoitaa hoitaja hoito hoitola huone huono hur hyva ihmetella ihminen
    ilmoittaa ilta iltapaiva ing innan int isa istua ite jaada jono joutua kahvi kaks kaksi
    kasi kauppa kausi kaveri kayda kaynti kaynyt kayttaa kerta kerto kertonut kesken kiinni
    kiitos kiittaa kirje kiva koko kolmas kolme kom komm koskaan koti kotihoito koto koulu
    kova kukaan kuu kuukausi kuva kylma kymmenen kysya kyyti laakari laake lahtea lak lappu
    lapsi lattia liika lista loppu loytya lukea luulla maa maksa mamm matka mies miks mit
    miten muistuttaa mul mummo mut muuten myoha myohastya nahda nar netti neuvola nimi nopea
    numero odotella odottaa odotustila ois oma omainen oon ottaa ottanut ovi paa paasta
    paikata paikka paiva paivatoiminta palvella papp piha pitka poika pois puhelin puhua
    puoli riittaa ring saada sairaala sama samm satt selittaa sisa sit skick slut soittaa
    sopia sossu star taata tack taksi tandlak tarvinnut tarvita tavata teksti tekstiviesti
    terve terveysasema tid tiennyt tietaa tieto tiia tiistai tila timm toimia toinen tre
    tultu tunti tuoli tuu tva tyo tytar tytto uus uusi vaara vali vanha vant vapaa varata
    vasta vastaanotto vastata vastaus vauva veri vet viesti viikko viime vuoro vuosi
    ymmartaa
    """.split()
)

# Swedish base forms of everyday verbs and words that say little about a matter (general
# Swedish, not read off notes); they weigh as little as GENERIC words.
SWEDISH_GENERIC = frozenset(
    """
    inte int ingen inget inga veta sta komma bli saga gora finnas fa ga ta ge se sitta
    ligga halla efter fore sedan sen samma manga annan all alltid aldrig igen nagon nan
    nat gang dag vecka manad ar tid bra dalig stor liten lang kort ny gammal hela forst
    sista fast dom mer mest redan kvar hit dit hem hemma borta tycka tro kunna vilja
    """.split()
)
# Words simplemma reads as another word in these notes: "far" is the father, not "fara".
SWEDISH_LEMMAS = {"far": "far", "mor": "mor", "farmor": "farmor", "morfar": "morfar"}
