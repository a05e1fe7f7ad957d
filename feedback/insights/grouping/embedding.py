"""Optional embedding backend for grouping (off by default; nothing is ever downloaded).

Set GROUPING_EMBEDDING_BACKEND to the dotted path of a class with
``similarity(a: str, b: str) -> float`` (for example a client of an HTTP service the
organisation runs). The grouper then also accepts a curated example whose embedding
similarity reaches GROUPING_EMBEDDING_THRESHOLD when the lexicon found no matter.
"""

from __future__ import annotations

from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string


class EmbeddingBackend(Protocol):
    def similarity(self, a: str, b: str) -> float: ...


def embedding_backend() -> EmbeddingBackend | None:
    path = getattr(settings, "GROUPING_EMBEDDING_BACKEND", "")
    return import_string(path)() if path else None
