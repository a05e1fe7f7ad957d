"""Refresh the concept lexicon with the seed's terms of the grouping quality work.

0004 seeded the lexicon once; databases migrated before this change keep the old terms.
This adds the new terms, moves the weights the seed changed and drops the two terms the
seed dropped, but leaves alone any term an admin has already edited or removed.
The rows are written out here (not read from lexicon_seed) so the migration stays the same
when the seed changes again.
"""

from django.db import migrations

# (concept slug, term, language, is_negative, weight)
ADDED = [
    ("appointment_availability", "ensimmäinen vapaa", "fi", False, 2.0),
    ("appointment_availability", "seuraava vapaa", "fi", False, 2.0),
    ("appointment_availability", "vapaa aika", "fi", False, 2.0),
    ("appointment_availability", "vk", "fi", False, 0.5),
    ("delay_information", "berätta försening", "sv", False, 2.5),
    ("delay_information", "ei kerrot", "fi", False, 1.0),
    ("delay_information", "ei kerto", "fi", False, 1.0),
    ("delay_information", "ilmoit myöhäs", "fi", False, 2.5),
    ("delay_information", "ingen berättade", "sv", False, 2.0),
    ("delay_information", "ingen sa", "sv", False, 1.5),
    ("delay_information", "kerrot myöhäs", "fi", False, 2.5),
    ("delay_information", "kerto kauanko", "fi", False, 2.0),
    ("delay_information", "kerto myöhäs", "fi", False, 2.5),
    ("delay_information", "kerto syy", "fi", False, 2.5),
    ("delay_information", "kerto veny", "fi", False, 2.5),
    ("delay_information", "kerto viive", "fi", False, 2.5),
    ("delay_information", "meddela försening", "sv", False, 2.5),
    ("delay_information", "näyttö myöhäs", "fi", False, 2.5),
    ("delay_information", "näytö myöhäs", "fi", False, 2.5),
    ("delay_information", "sa försening", "sv", False, 2.5),
    ("delay_information", "sano kauanko", "fi", False, 2.0),
    ("delay_information", "sano myöhäs", "fi", False, 2.5),
    ("delay_information", "sano syy", "fi", False, 2.0),
    ("delay_information", "sano veny", "fi", False, 2.5),
    ("delay_information", "tieto myöhäs", "fi", False, 2.5),
    ("delay_information", "tietää myöhäs", "fi", False, 2.0),
    ("delay_information", "vet inte", "sv", False, 1.0),
    ("dental_queue", "hammas aika", "fi", False, 1.5),
    ("dental_queue", "hammas hoitojono", "fi", False, 3.0),
    ("dental_queue", "hammas jono", "fi", False, 3.0),
    ("dental_queue", "hammas kuukau", "fi", False, 2.5),
    ("dental_queue", "hammas odot", "fi", False, 2.0),
    ("dental_queue", "hammas vuosi", "fi", False, 2.0),
    ("dental_queue", "hampa jono", "fi", False, 3.0),
    ("dental_queue", "hampa odot", "fi", False, 2.0),
    ("dental_queue", "kk", "fi", False, 0.5),
    ("dental_queue", "lähete", "fi", True, 1.0),
    ("dental_queue", "tand kö", "sv", False, 3.0),
    ("dental_queue", "tand månader", "sv", False, 2.5),
    ("dental_queue", "tand vänta", "sv", False, 2.0),
    ("dental_queue", "tandläkare tid", "sv", False, 1.5),
    ("digital_booking", "sähköi ajanvarau", "fi", False, 3.0),
    ("homecare_cleaning_help", "rosk vien", "fi", False, 2.0),
    ("homecare_visit_times", "bussi", "fi", True, 1.0),
    ("homecare_visit_times", "eri aika", "fi", False, 1.5),
    ("homecare_visit_times", "linja-auto", "fi", True, 1.0),
    ("homecare_visit_times", "olika tider", "sv", False, 2.0),
    ("homecare_visit_times", "taksi", "fi", True, 1.0),
    ("interpreters", "etätulkki", "fi", False, 3.0),
    ("interpreters", "puhelintulk", "fi", False, 3.0),
    ("interpreters", "puhelintulkki", "fi", False, 3.0),
    ("interpreters", "videotulkki", "fi", False, 3.0),
    ("kind_treatment", "kiitos henkilökunta", "fi", False, 1.0),
    ("kind_treatment", "kiitos henkilöstö", "fi", False, 1.0),
    ("kind_treatment", "kiitos hoitaja", "fi", False, 1.0),
    ("kind_treatment", "kiitos lääkäri", "fi", False, 1.0),
    ("kind_treatment", "kiitos työntekijä", "fi", False, 1.0),
    ("kind_treatment", "snäll", "sv", False, 3.0),
    ("kind_treatment", "tack personal", "sv", False, 1.0),
    ("kind_treatment", "tack personalen", "sv", False, 1.0),
    ("lab_results", "labratulos", "fi", False, 3.0),
    ("lab_results", "labravastaus", "fi", False, 3.0),
    ("not_listened", "puhu ohi", "fi", False, 3.0),
    ("not_listened", "över huvudet", "sv", False, 2.5),
    ("opening_hours", "mene kiinni", "fi", False, 2.0),
    ("opening_hours", "mennä kiinni", "fi", False, 2.0),
    ("opening_hours", "saa kiinni", "fi", True, 1.0),
    ("opening_hours", "saada kiinni", "fi", True, 1.0),
    ("parking", "invapaik", "fi", False, 3.0),
    ("phone_access", "saa kiinni", "fi", False, 1.5),
    ("phone_access", "saada kiinni", "fi", False, 1.5),
    ("plain_language_letters", "komplicerad", "sv", False, 2.0),
    ("plain_language_letters", "kryptinen", "fi", False, 2.0),
    ("plain_language_letters", "käsittämätön", "fi", False, 2.0),
    ("plain_language_letters", "monimutk", "fi", False, 2.0),
    ("plain_language_letters", "monimutkainen", "fi", False, 2.0),
    ("privacy_at_reception", "ilmottau", "fi", False, 1.5),
    ("reminders", "laboratorio", "fi", True, 1.0),
    ("reminders", "labra", "fi", True, 1.0),
    ("reminders", "tuloks", "fi", True, 1.0),
    ("reminders", "tulos", "fi", True, 1.0),
    ("social_worker_reach", "saa kiinni", "fi", False, 2.0),
    ("social_worker_reach", "saada kiinni", "fi", False, 2.0),
    ("waiting_room_delay", "istu tunni", "fi", False, 2.0),
    ("waiting_room_delay", "istu tunti", "fi", False, 2.0),
    ("waiting_room_delay", "kuljetus", "fi", True, 1.0),
    ("waiting_room_delay", "kyyti", "fi", True, 1.0),
    ("waiting_room_delay", "minsa", "fi", False, 0.5),
    ("waiting_room_delay", "odot minuut", "fi", False, 1.5),
    ("waiting_room_delay", "odot tunni", "fi", False, 1.5),
    ("waiting_room_delay", "odot tunti", "fi", False, 1.5),
    ("waiting_room_delay", "ootel", "fi", False, 1.0),
    ("waiting_room_delay", "ootella", "fi", False, 1.0),
    ("waiting_room_delay", "ootta", "fi", False, 0.5),
    ("waiting_room_delay", "oottaa", "fi", False, 0.5),
    ("waiting_room_delay", "satt timme", "sv", False, 1.5),
    ("waiting_room_delay", "taks", "fi", True, 1.0),
    ("waiting_room_delay", "taksi", "fi", True, 1.0),
    ("waiting_room_delay", "timme", "sv", False, 0.5),
    ("waiting_room_delay", "vänta timme", "sv", False, 1.5),
]

# (concept slug, term, language, is_negative, old weight, new weight)
REWEIGHTED = [
    ("kind_treatment", "erinomainen", "fi", False, 1.5, 1.0),
    ("kind_treatment", "huippu", "fi", False, 1.5, 1.0),
    ("kind_treatment", "ihana", "fi", False, 2.0, 1.0),
    ("kind_treatment", "kiva", "fi", False, 1.0, 0.5),
    ("kind_treatment", "loistava", "fi", False, 1.5, 1.0),
    ("kind_treatment", "mahtava", "fi", False, 1.5, 1.0),
    ("kind_treatment", "mukava", "fi", False, 1.5, 1.0),
    ("kind_treatment", "underbar", "sv", False, 1.5, 1.0),
    ("kind_treatment", "upea", "fi", False, 1.5, 1.0),
    ("lab_results", "laboratori", "fi", False, 2.0, 1.0),
    ("lab_results", "laboratorio", "fi", False, 2.0, 1.0),
    ("lab_results", "labr", "fi", False, 2.0, 1.0),
    ("lab_results", "labra", "fi", False, 2.0, 1.0),
]

# (concept slug, term, language, is_negative, weight)
REMOVED = [
    ("referral_information", "hammas", "fi", True, 1.0),
    ("waiting_room_comfort", "istuin", "fi", False, 2.0),
]


def refresh(apps, schema_editor):
    Concept = apps.get_model("feedback", "Concept")
    ConceptTerm = apps.get_model("feedback", "ConceptTerm")
    concepts = {c.slug: c for c in Concept.objects.all()}
    for slug, term, language, negative, weight in ADDED:
        if slug in concepts:
            ConceptTerm.objects.get_or_create(
                concept=concepts[slug],
                term=term,
                language=language,
                is_negative=negative,
                defaults={"weight": weight},
            )
    for slug, term, language, negative, old, new in REWEIGHTED:
        ConceptTerm.objects.filter(
            concept__slug=slug, term=term, language=language, is_negative=negative, weight=old
        ).update(weight=new)
    for slug, term, language, negative, weight in REMOVED:
        ConceptTerm.objects.filter(
            concept__slug=slug, term=term, language=language, is_negative=negative, weight=weight
        ).delete()


def restore(apps, schema_editor):
    Concept = apps.get_model("feedback", "Concept")
    ConceptTerm = apps.get_model("feedback", "ConceptTerm")
    for slug, term, language, negative, old, new in REWEIGHTED:
        ConceptTerm.objects.filter(
            concept__slug=slug, term=term, language=language, is_negative=negative, weight=new
        ).update(weight=old)
    for slug, term, language, negative, weight in REMOVED:
        concept = Concept.objects.filter(slug=slug).first()
        if concept is not None:
            ConceptTerm.objects.get_or_create(
                concept=concept,
                term=term,
                language=language,
                is_negative=negative,
                defaults={"weight": weight},
            )
    for slug, term, language, negative, weight in ADDED:
        ConceptTerm.objects.filter(
            concept__slug=slug, term=term, language=language, is_negative=negative, weight=weight
        ).delete()


class Migration(migrations.Migration):
    dependencies = [("feedback", "0008_note_text_constraint")]
    operations = [migrations.RunPython(refresh, restore)]
