"""Mark reader-facing text held by the lower layers for the catalogs (gettext's N_: extracted, translated when shown)."""


def N_(message: str) -> str:  # noqa: N802 (gettext's own name for the marker, which Babel's extractor knows)
    """Return the message unchanged: the presentation layer translates it when a document shows it."""
    return message
