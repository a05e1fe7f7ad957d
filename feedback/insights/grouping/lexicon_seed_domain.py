"""Seed lexicon concepts written from domain knowledge alone, for the open world.

Common matters of Finnish social and health services that no labelled corpus holds.

Same conventions as lexicon_seed.py; lexicon_seed.CONCEPTS takes these in after its own.
"""

from __future__ import annotations

CONCEPTS: list[dict] = []

# Terms added to matters of lexicon_seed.py: slug -> {"terms" | "terms_sv" | "negative": [...]}.
EXTEND: dict[str, dict[str, list[str]]] = {}
