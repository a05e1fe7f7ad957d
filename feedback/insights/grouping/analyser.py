"""Which text analyser the grouping runs on this machine, for the workspace and /healthz.

Grouping reads notes through Voikko (Finnish base forms and compound parts; Debian's
libvoikko1 and voikko-fi) and a Snowball stemmer (Swedish); without them a small
suffix-stripping stemmer stands in and groups fewer notes. Operators and managers should see
plainly which one runs, so this module only looks, it never analyses.
"""

from functools import lru_cache
from importlib.util import find_spec

from .normalise import voikko_available

FULL = "voikko+snowball"
FALLBACK = "fallback"
# What the README tells an operator to install for the full analyser.
INSTALL_HINT = "apt-get install libvoikko1 voikko-fi"


@lru_cache(maxsize=1)
def analyser_parts() -> dict[str, str]:
    """The analyser of each language: "voikko" or "fallback" for Finnish, "snowball" or
    "fallback" for Swedish. Cached: the installed libraries do not change while running."""
    return {
        "fi": "voikko" if voikko_available() else FALLBACK,
        "sv": "snowball" if find_spec("snowballstemmer") is not None else FALLBACK,
    }


def analyser_name() -> str:
    """ "voikko+snowball" when both run, "fallback" when neither does, else the one that
    runs ("voikko" or "snowball")."""
    parts = analyser_parts()
    running = [name for name in (parts["fi"], parts["sv"]) if name != FALLBACK]
    return "+".join(running) if running else FALLBACK


def analyser_is_full() -> bool:
    return analyser_name() == FULL
