"""Seed lexicon concepts for home care, elderly and disability services and outpatient clinics.

Same conventions as lexicon_seed.py; lexicon_seed.CONCEPTS takes these in after its own.
"""

from __future__ import annotations

CONCEPTS: list[dict] = []
