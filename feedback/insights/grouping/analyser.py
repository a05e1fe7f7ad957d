"""Which text analyser the grouping runs on this machine, for the workspace and /healthz.

`analyser_name()` (feedback.insights.grouping) is "voikko" when Voikko gives Finnish base
forms and compound parts (Swedish base forms from simplemma), or "snowball" when Voikko
or its Finnish dictionary is missing and a stemmer stands in for Finnish, grouping fewer
notes. Managers and operators should see plainly which one runs; this module only looks.
"""

from . import analyser_name

FULL = "voikko"
# What the README tells an operator to install for the full analyser.
INSTALL_HINT = "apt-get install libvoikko1 voikko-fi"

__all__ = ["FULL", "INSTALL_HINT", "analyser_is_full", "analyser_name"]


def analyser_is_full() -> bool:
    return analyser_name() == FULL
