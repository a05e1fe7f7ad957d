"""Seed lexicon concepts for health stations, oral health and child and school health clinics.

Same conventions as lexicon_seed.py; lexicon_seed.CONCEPTS takes these in after its own.
"""

from __future__ import annotations

CONCEPTS: list[dict] = []

# Terms added to matters of lexicon_seed.py: slug -> {"terms" | "terms_sv" | "negative": [...]}.
EXTEND: dict[str, dict[str, list[str]]] = {}
