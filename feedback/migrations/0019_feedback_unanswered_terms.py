"""Feedback left unanswered: the word "feedback" alone is no longer evidence of the matter.

Workers frame notes as "Palautteena asiakkaalta: ..." and clients thank for the chance to give
feedback, so "palaute" alone (and "antaa palautetta", Swedish "respons") filed such notes under
feedback left unanswered, and so did "toivoo vastausta" (hopes for an answer) with an "ei"
anywhere in the note. Alone these words now weigh too little to decide the matter; with words
of no answer, of no handling or of not hearing what came of it they still do. Terms an
admin has edited are left alone; the rows are written out, as in 0018.
"""

from django.db import migrations

# (concept slug, term, language, is_negative, old weight, new weight)
REWEIGHTED = [
    ("feedback_unanswered", "palaute", "fi", False, 2.0, 1.0),
    ("feedback_unanswered", "palautteeseen", "fi", False, 2.0, 1.0),
    ("feedback_unanswered", "palautteisiin", "fi", False, 2.0, 1.0),
    ("feedback_unanswered", "asiakaspalaute", "fi", False, 2.0, 1.0),
    ("feedback_unanswered", "respons", "sv", False, 2.0, 1.0),
    ("feedback_unanswered", "responsen", "sv", False, 2.0, 1.0),
    ("feedback_unanswered", "feedback", "sv", False, 2.0, 1.0),
    ("feedback_unanswered", "vastaus", "fi", False, 1.0, 0.5),
    ("feedback_unanswered", "ei vastausta", "fi", False, 2.0, 1.0),
    ("feedback_unanswered", "ei vastattu", "fi", False, 2.0, 1.5),
]

# (concept slug, term, language, is_negative, weight): giving feedback is no sign of it
# going unanswered.
REMOVED = [
    ("feedback_unanswered", "antaa palaute", "fi", False, 2.0),
    ("feedback_unanswered", "laittaa palaute", "fi", False, 2.0),
    ("feedback_unanswered", "jättää palaute", "fi", False, 2.0),
]

# (concept slug, term, language, is_negative, weight)
ADDED = [
    ("feedback_unanswered", "palaute käsitellä", "fi", False, 3.0),
    ("feedback_unanswered", "palaute vaikutus", "fi", False, 3.0),
    ("feedback_unanswered", "respons hända", "sv", False, 3.0),
    ("feedback_unanswered", "respons behandla", "sv", False, 3.0),
]


def refresh(apps, schema_editor):
    Concept = apps.get_model("feedback", "Concept")
    ConceptTerm = apps.get_model("feedback", "ConceptTerm")
    concepts = dict(Concept.objects.filter(slug="feedback_unanswered").values_list("slug", "pk"))
    for slug, term, language, negative, weight in ADDED:
        if slug in concepts:
            ConceptTerm.objects.get_or_create(
                concept_id=concepts[slug],
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
        concept_id = Concept.objects.filter(slug=slug).values_list("pk", flat=True).first()
        if concept_id is not None:  # by key: a reversal may meet another state's models
            ConceptTerm.objects.get_or_create(
                concept_id=concept_id,
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
    dependencies = [("feedback", "0018_lexicon_matters")]
    operations = [migrations.RunPython(refresh, restore)]
