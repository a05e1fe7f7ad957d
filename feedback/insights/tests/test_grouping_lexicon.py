"""The concept lexicon in the database follows the seed, and the matcher counts evidence once."""

import importlib

import pytest
from django.apps import apps

from feedback.insights.grouping import lexicon_seed, normalise
from feedback.insights.grouping.engine import MIN_SCORE, Grouper, NoteInput
from feedback.insights.grouping.lexicon import Lexicon
from feedback.insights.grouping.normalise import Analyser
from feedback.models import Concept, ConceptTerm

refresh_migration = importlib.import_module("feedback.migrations.0009_lexicon_refresh")
matters_migration = importlib.import_module("feedback.migrations.0018_lexicon_matters")
unanswered_migration = importlib.import_module("feedback.migrations.0019_feedback_unanswered_terms")


def _terms(lexicon: Lexicon) -> dict[str, tuple[list, list]]:
    return {
        concept.slug: (
            sorted((term.words, term.weight) for term in concept.terms),
            sorted(term.words for term in concept.negatives),
        )
        for concept in lexicon.concepts
    }


def _database_lexicon() -> Lexicon:
    return Lexicon.from_rows(
        list(ConceptTerm.objects.values_list("concept__slug", "term", "weight", "is_negative"))
    )


def _as_before(migration) -> None:
    """Undo a lexicon refresh's rows: the database as it stood before the migration."""
    for slug, term, language, negative, _weight in migration.ADDED:
        ConceptTerm.objects.filter(
            concept__slug=slug, term=term, language=language, is_negative=negative
        ).delete()
    for slug, term, language, negative, old, _new in migration.REWEIGHTED:
        ConceptTerm.objects.filter(
            concept__slug=slug, term=term, language=language, is_negative=negative
        ).update(weight=old)
    for slug, term, language, negative, weight in migration.REMOVED:
        ConceptTerm.objects.create(
            concept=Concept.objects.get(slug=slug),
            term=term,
            language=language,
            is_negative=negative,
            weight=weight,
        )


@pytest.mark.django_db
def test_a_new_database_groups_with_the_seed_lexicon():
    assert _terms(_database_lexicon()) == _terms(Lexicon.from_seed())


@pytest.mark.django_db
def test_lexicon_refresh_brings_an_older_database_to_the_seed_and_keeps_admin_edits():
    # The database as 0004 left it before this change, with one weight an admin has moved.
    _as_before(unanswered_migration)
    _as_before(refresh_migration)
    edited = ConceptTerm.objects.get(concept__slug="kind_treatment", term="ihana")
    edited.weight = 2.5
    edited.save(update_fields=["weight"])

    refresh_migration.refresh(apps, None)
    refresh_migration.refresh(apps, None)  # running it twice changes nothing more
    matters_migration.refresh(apps, None)  # and the later refreshes on top of it
    unanswered_migration.refresh(apps, None)

    edited.refresh_from_db()
    assert edited.weight == 2.5
    edited.weight = 1.0
    edited.save(update_fields=["weight"])
    assert _terms(_database_lexicon()) == _terms(Lexicon.from_seed())


@pytest.mark.django_db
def test_lexicon_matters_bring_a_database_of_0017_to_the_seed_and_back():
    # The database as it stood before 0018, with one weight an admin has moved.
    _as_before(unanswered_migration)
    Concept.objects.filter(slug__in=[slug for slug, *_ in matters_migration.CONCEPTS]).delete()
    _as_before(matters_migration)
    before = _terms(_database_lexicon())
    edited = ConceptTerm.objects.get(concept__slug="kind_treatment", term="ihana")
    edited.weight = 2.5
    edited.save(update_fields=["weight"])

    matters_migration.refresh(apps, None)
    matters_migration.refresh(apps, None)  # running it twice changes nothing more
    unanswered_migration.refresh(apps, None)

    edited.refresh_from_db()
    assert edited.weight == 2.5
    edited.weight = 1.0
    edited.save(update_fields=["weight"])
    assert _terms(_database_lexicon()) == _terms(Lexicon.from_seed())
    names = {c.slug: (c.name, c.name_sv, c.name_en) for c in Concept.objects.all()}
    for item in lexicon_seed.CONCEPTS:
        assert names[item["slug"]] == (item["name_fi"], item["name_sv"], item["name_en"])

    unanswered_migration.restore(apps, None)
    matters_migration.restore(apps, None)
    assert _terms(_database_lexicon()) == before
    assert not ConceptTerm.objects.filter(
        concept__slug__in=[s for s, *_ in matters_migration.CONCEPTS]
    ).exists()


@pytest.mark.django_db
def test_the_word_feedback_alone_no_longer_files_a_note_as_unanswered_and_back():
    # The database as 0018 left it, with one of 0019's weights an admin has moved.
    _as_before(unanswered_migration)
    before = _terms(_database_lexicon())
    framed = "Palautteena asiakkaalta: kiitos mahdollisuudesta antaa palautetta."
    assert _database_scores(framed).get("feedback_unanswered", 0) >= MIN_SCORE
    edited = ConceptTerm.objects.get(concept__slug="feedback_unanswered", term="responsen")
    edited.weight = 2.5
    edited.save(update_fields=["weight"])

    unanswered_migration.refresh(apps, None)
    unanswered_migration.refresh(apps, None)  # running it twice changes nothing more

    edited.refresh_from_db()
    assert edited.weight == 2.5  # the admin's weight stands
    assert _database_scores(framed).get("feedback_unanswered", 0) < MIN_SCORE
    unheard = "Palautetta annoin, mutta sitä ei koskaan käsitelty."
    assert _database_scores(unheard).get("feedback_unanswered", 0) >= MIN_SCORE
    edited.weight = 1.0
    edited.save(update_fields=["weight"])
    assert _terms(_database_lexicon()) == _terms(Lexicon.from_seed())

    unanswered_migration.restore(apps, None)
    assert _terms(_database_lexicon()) == before


def _database_scores(text: str) -> dict[str, float]:
    grouper = Grouper(lexicon=_database_lexicon(), analyser=Analyser())
    note = NoteInput(id=1, text=text)
    return grouper.concept_scores(note, grouper.analyse(text))


def _scores(text: str, **kwargs) -> dict[str, float]:
    grouper = Grouper(lexicon=Lexicon.from_seed(), analyser=Analyser())
    note = NoteInput(id=1, text=text, **kwargs)
    return grouper.concept_scores(note, grouper.analyse(text))


def test_a_word_said_twice_is_counted_once():
    once = _scores("Dosetti oli väärin täytetty.")
    twice = _scores("Dosetti oli väärin täytetty, dosetti pitää tarkistaa.")
    assert twice["medication"] == once["medication"]


def test_a_compound_is_not_counted_again_as_the_phrase_of_its_parts():
    # "omalääkäri" and "oma lääkäri" are the same evidence of staff continuity, once each.
    assert _scores("Omalääkäri")["staff_continuity"] == _scores("Oma lääkäri")["staff_continuity"]


@pytest.mark.skipif(not normalise.voikko_available(), reason="needs Voikko")
def test_spoken_finnish_is_read_as_the_standard_word():
    analyser = Analyser()
    assert "vastata" in analyser.forms("vastannu")
    assert "odottaa" in analyser.forms("ootin")
    assert "soittaa" in analyser.forms("soitettais")
