"""Open-vocabulary groups: candidates cached per text stay what a fresh search finds."""

import random

from feedback.insights.grouping.lexicon import Lexicon
from feedback.insights.grouping.normalise import Analyser
from feedback.insights.grouping.openvocab import JOIN, OpenGroups
from feedback.tests.corpus import corpus_notes


def test_a_text_met_again_finds_the_groups_started_since_it_was_first_met():
    groups = OpenGroups.build(Analyser(), Lexicon.from_seed().stopwords)
    texts = [note["text"] for note in corpus_notes()[:300]]
    order = texts + random.Random(7).sample(texts, len(texts)) + texts[::-1]
    joined = near = 0
    for text in order:
        # What an uncached search finds among the groups as they are now.
        expected = groups.candidates(1, groups.vocabulary.terms(text))
        key, found = groups.assign(1, text)
        if expected and expected[0].score >= JOIN:
            assert (key, found) == (expected[0].key, [])
            joined += 1
        elif key is not None:
            assert found == expected[:3]
            near += bool(found)
    assert joined and near  # both ways of leaving assign() were met
