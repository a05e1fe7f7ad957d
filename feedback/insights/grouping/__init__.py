"""Grouping notes into insights (see engine). `analyser_name()` says which analyser runs."""


def analyser_name() -> str:
    """The analyser grouping uses here: "voikko" (Finnish lemmas and compound parts from
    libvoikko, Swedish base forms from simplemma) or "snowball" (a stemmer for Finnish,
    when Voikko or its Finnish dictionary is not installed)."""
    from .normalise import voikko_available

    return "voikko" if voikko_available() else "snowball"
