"""How grouping reads words: spoken Finnish, slang, missing dots, Swedish base forms."""

import pytest

from feedback.insights.grouping import engine, normalise
from feedback.insights.grouping.engine import Grouper, NoteInput
from feedback.insights.grouping.lexicon import Lexicon
from feedback.insights.grouping.normalise import Analyser, tokens
from feedback.insights.grouping.vocab import Vocabulary

needs_voikko = pytest.mark.skipif(not normalise.voikko_available(), reason="needs Voikko")


def _terms(text: str) -> dict[str, float]:
    lexicon = Lexicon.from_seed()
    return Vocabulary(Analyser(), lexicon.stopwords).terms(text)


def _best(text: str, kind: str = "problem") -> str | None:
    grouper = Grouper(lexicon=Lexicon.from_seed(), analyser=Analyser())
    note = NoteInput(id=1, text=text, kind=kind)
    return grouper.best_concept(note, grouper.analyse(text))


@needs_voikko
@pytest.mark.parametrize(
    ("written", "standard"),
    [
        ("oikeesti", "oikea"),
        ("lyhytaikanen", "lyhytaikainen"),
        ("kirjottanu", "kirjoittaa"),
        ("uusiks", "uusi"),
        ("paivatoiminnan", "paivatoiminta"),  # typed without the dots
        ("terkkarin", "terveydenhoitaja"),
        ("silmäpolille", "silmapoliklinikka"),
        ("lääk", "laakari"),
    ],
)
def test_spoken_finnish_slang_and_missing_dots_are_read_as_the_standard_word(written, standard):
    assert standard in Analyser().forms(written)


def test_a_number_written_with_its_unit_counts_the_unit_as_a_word():
    assert tokens("aikoja 5vk päähän") == ["aikoja", "5vk", "vk", "päähän"]


def test_swedish_words_are_read_as_their_base_forms_and_meet_the_finnish_word():
    terms = _terms("Tolken kom inte och ingen ringde tillbaka")
    assert {"tolk", "tulkki"} <= set(terms)
    assert terms["tolk"] == 1.0
    assert terms["inte"] < 1.0  # an everyday word says little about the matter


def test_a_swedish_compound_the_dictionary_lacks_counts_its_parts():
    terms = _terms("Mina färdtjänstresor tar slut i mitten av månaden")
    assert terms["fardtjanst"] == terms["resa"] < 1.0
    assert "kuljetuspalvelu" in terms  # the bridged part


def test_far_in_a_swedish_note_is_the_father():
    assert "far" in _terms("Far säger att maten är kall och att han inte orkar")


def test_a_thanks_about_a_ride_is_about_the_ride(monkeypatch):
    text = "Kyyti tuli ajoissa joka päivä tällä viikolla, kiitos"
    assert _best(text, kind="thanks") == "transport"
    monkeypatch.setattr(engine, "PRAISE_BONUS", 1.0)  # the kind of note as heavy as a word
    assert _best(text, kind="thanks") != "transport"


def test_a_swedish_word_naming_the_dental_clinic_decides_no_matter():
    assert _best("Tandläkaren hade en rolig tröja och vi skrattade") is None
