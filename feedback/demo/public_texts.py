"""What the demo's published actions say in public, in Finnish, Swedish and English.

Keyed by the insight's matter (the concept's slug); a matter not listed here gets the
general texts. Written as a service would write them: what clients said, and what was
changed, in plain language.
"""

GENERAL = {
    "title": {
        "fi": "",  # the insight's own title
        "sv": "Det du berättade för oss",
        "en": "What you told us",
    },
    "summary": {
        "fi": "Asiakkaat kertoivat tästä asiasta käyntiensä aikana useaan otteeseen.",
        "sv": "Klienterna tog upp den här saken flera gånger under sina besök.",
        "en": "Clients raised this matter several times during their visits.",
    },
    "change": {
        "fi": "Kävimme palautteen läpi tiimin kanssa ja muutimme toimintatapaamme sen mukaan.",
        "sv": "Vi gick igenom responsen i teamet och ändrade vårt arbetssätt utifrån den.",
        "en": "We went through the feedback as a team and changed how we work.",
    },
}

MATTERS = {
    "kind_treatment": {
        "title": {
            "fi": "Kiireetön ja kunnioittava kohtaaminen",
            "sv": "Ett lugnt och respektfullt bemötande",
            "en": "Unhurried and respectful encounters",
        },
        "summary": {
            "fi": "Moni kiitti ystävällisestä kohtelusta, mutta osa koki, että kiire näkyi "
            "käynnillä eikä asiaa ehditty kuunnella loppuun.",
            "sv": "Många tackade för ett vänligt bemötande, men en del upplevde att "
            "brådskan syntes och att ingen hann lyssna till slut.",
            "en": "Many thanked us for kind treatment, but some felt rushed and that "
            "nobody had time to listen to the end.",
        },
        "change": {
            "fi": "Jokaisen käynnin lopussa kysymme nyt: ”Jäikö jotain, mitä halusit "
            "vielä sanoa?” Kiireisimpiin aamuihin lisättiin yksi hoitaja.",
            "sv": "I slutet av varje besök frågar vi nu: ”Finns det något mer du vill "
            "säga?” De mest hektiska morgnarna har fått en skötare till.",
            "en": "At the end of every visit we now ask: “Is there anything else you "
            "wanted to say?” The busiest mornings have one more nurse.",
        },
    },
    "fees": {
        "title": {
            "fi": "Selkeämmät asiakasmaksut ja laskut",
            "sv": "Tydligare klientavgifter och fakturor",
            "en": "Clearer client fees and bills",
        },
        "summary": {
            "fi": "Laskuista oli vaikea nähdä, mistä maksu muodostuu, ja maksukaton "
            "täyttymistä piti seurata itse.",
            "sv": "Det var svårt att se på fakturan vad avgiften bestod av, och man fick "
            "själv hålla reda på avgiftstaket.",
            "en": "It was hard to see from the bill what the fee was made of, and clients "
            "had to keep track of the annual fee cap themselves.",
        },
        "change": {
            "fi": "Laskussa näkyy nyt jokainen käynti omalla rivillään ja kuinka paljon "
            "maksukattoon on jäljellä. Maksuista voi kysyä numerosta, joka on laskussa.",
            "sv": "På fakturan syns nu varje besök på en egen rad och hur mycket som "
            "återstår till avgiftstaket. Frågor om avgifter besvaras på numret på fakturan.",
            "en": "The bill now shows each visit on its own line and how much is left "
            "before the fee cap. Questions about fees are answered at the number on the bill.",
        },
    },
    "homecare_food": {
        "title": {
            "fi": "Kotihoidon ateriat",
            "sv": "Måltiderna i hemvården",
            "en": "Meals in home care",
        },
        "summary": {
            "fi": "Ateriat tulivat eri aikaan eri päivinä, ja ruoka oli usein samaa.",
            "sv": "Måltiderna kom vid olika tider olika dagar, och maten var ofta densamma.",
            "en": "Meals came at different times on different days, and the food was often "
            "the same.",
        },
        "change": {
            "fi": "Ateriat tuodaan nyt saman tunnin sisällä joka päivä, ja asiakas voi "
            "valita viikon ateriat kahdesta vaihtoehdosta.",
            "sv": "Måltiderna kommer nu inom samma timme varje dag, och klienten kan välja "
            "veckans måltider bland två alternativ.",
            "en": "Meals now arrive within the same hour every day, and clients can choose "
            "the week's meals from two options.",
        },
    },
    "phone_access": {
        "title": {
            "fi": "Puhelimeen pääsee läpi",
            "sv": "Det går att komma fram per telefon",
            "en": "Getting through on the phone",
        },
        "summary": {
            "fi": "Aamuisin puhelimeen ei päässyt läpi, ja takaisinsoittoa sai odottaa "
            "seuraavaan päivään.",
            "sv": "På morgnarna kom man inte fram per telefon, och man fick vänta till nästa "
            "dag på att bli uppringd.",
            "en": "In the mornings nobody could get through, and a call-back could take "
            "until the next day.",
        },
        "change": {
            "fi": "Soitamme takaisin samana päivänä. Aamun puhelinaikaan vastaa nyt kaksi "
            "hoitajaa yhden sijaan.",
            "sv": "Vi ringer tillbaka samma dag. Under morgonens telefontid svarar nu två "
            "skötare i stället för en.",
            "en": "We call back the same day. Two nurses instead of one now answer during "
            "the morning phone hour.",
        },
    },
}

NOT_POSSIBLE = {
    "justification": {
        "fi": "Tämän vuoden talousarviossa ei ole tähän rahaa, eikä muutosta voi tehdä "
        "muista palveluista leikkaamatta.",
        "sv": "Det finns inga pengar för detta i årets budget, och ändringen kan inte göras "
        "utan att skära i andra tjänster.",
        "en": "This year's budget has no money for this, and the change cannot be made "
        "without cutting other services.",
    },
    "instead": {
        "fi": "Kerromme jo ensimmäisellä käynnillä, mitä nyt voimme tehdä, ja asia on "
        "mukana ensi vuoden talousarvion valmistelussa.",
        "sv": "Vi berättar redan vid första besöket vad vi kan göra nu, och frågan finns "
        "med när nästa års budget bereds.",
        "en": "We tell clients at the first visit what we can do now, and the matter is "
        "part of preparing next year's budget.",
    },
}


def texts_for(slug: str | None) -> dict:
    """The public texts of a matter, or the general ones."""
    return MATTERS.get(slug or "", GENERAL)
