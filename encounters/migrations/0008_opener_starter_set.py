"""The organisation-wide starter set of conversation openers, in Finnish, Swedish and English.

Short, open questions a worker can ask as part of the visit, one context at a time. Managers
add their units' own openers on the openers page; these stay as the shared starting point.
"""

from django.db import migrations

STARTER_SET = {
    "home_care": [
        (
            "Mitä toivoisit meidän tekevän toisin käynneillämme?",
            "Vad önskar du att vi skulle göra annorlunda under våra besök?",
            "What would you like us to do differently on our visits?",
        ),
        (
            "Mikä kotikäynneissä auttaa sinua eniten arjessasi?",
            "Vad i hembesöken hjälper dig mest i vardagen?",
            "What about the home visits helps you most in your daily life?",
        ),
        (
            "Onko jotain, mitä toivoisit meidän kysyvän useammin?",
            "Finns det något du önskar att vi frågade oftare?",
            "Is there something you wish we asked more often?",
        ),
        (
            "Miten käyntiemme ajankohdat sopivat sinun päivääsi?",
            "Hur passar tiderna för våra besök in i din dag?",
            "How do the times of our visits fit into your day?",
        ),
    ],
    "clinic": [
        (
            "Mikä tässä käynnissä auttoi sinua eniten?",
            "Vad hjälpte dig mest under det här besöket?",
            "What helped you most during this visit?",
        ),
        (
            "Oliko jotain, mikä oli tänään hankalaa tai epäselvää?",
            "Var det något som var besvärligt eller oklart i dag?",
            "Was anything difficult or unclear today?",
        ),
        (
            "Miten ajan varaaminen ja tänne tuleminen sujuivat?",
            "Hur gick det att boka tid och att ta sig hit?",
            "How did booking the appointment and getting here go?",
        ),
        (
            "Mitä toivoisit meidän tekevän toisin seuraavalla kerralla?",
            "Vad önskar du att vi gjorde annorlunda nästa gång?",
            "What would you like us to do differently next time?",
        ),
    ],
    "social_work": [
        (
            "Mikä yhteistyössämme on auttanut sinua eteenpäin?",
            "Vad i vårt samarbete har hjälpt dig framåt?",
            "What in our work together has helped you move forward?",
        ),
        (
            "Onko jotain, mitä toivoisit meidän selittävän paremmin?",
            "Finns det något du önskar att vi förklarade bättre?",
            "Is there something you wish we explained better?",
        ),
        (
            "Tuntuuko sinusta, että asiasi on tullut kuulluksi?",
            "Känner du att du har blivit hörd i ditt ärende?",
            "Do you feel that you have been heard in your matter?",
        ),
        (
            "Mikä olisi pieni muutos, joka helpottaisi asiointiasi kanssamme?",
            "Vilken liten förändring skulle göra det lättare för dig att ha kontakt med oss?",
            "What small change would make dealing with us easier for you?",
        ),
    ],
    "phone": [
        (
            "Saitko tänään yhteyden meihin helposti?",
            "Var det lätt att nå oss i dag?",
            "Was it easy to reach us today?",
        ),
        (
            "Saitko puhelun aikana vastauksen siihen, mitä tulit kysymään?",
            "Fick du under samtalet svar på det du ville fråga?",
            "Did you get an answer to what you called about?",
        ),
        (
            "Mitä toivoisit meidän tekevän toisin puhelinpalvelussa?",
            "Vad önskar du att vi gjorde annorlunda i telefontjänsten?",
            "What would you like us to do differently on the phone?",
        ),
    ],
}


def seed(apps, schema_editor):
    Opener = apps.get_model("encounters", "Opener")
    Opener.objects.bulk_create(
        Opener(unit=None, context=context, text_fi=fi, text_sv=sv, text_en=en)
        for context, openers in STARTER_SET.items()
        for fi, sv, en in openers
    )


def unseed(apps, schema_editor):
    Opener = apps.get_model("encounters", "Opener")
    Opener.objects.filter(unit__isnull=True, created_by__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("encounters", "0007_openers_and_teams")]

    operations = [migrations.RunPython(seed, unseed)]
