"""Normalise State names so that spelling variants match one alias table entry."""

from __future__ import annotations

import re
import unicodedata

# Apostrophe-like characters seen in exports (typographic quotes, backtick, acute accent, prime).
APOSTROPHES = "\u2019\u2018\u02bc\u0060\u00b4\u2032"
_APOSTROPHE_TABLE = str.maketrans({c: "'" for c in APOSTROPHES})
_SPACES = re.compile(r"\s+")


def normalise_name(name: str) -> str:
    """Return the matching key of a name: case, accents, apostrophe style and spacing ignored."""
    text = unicodedata.normalize("NFKD", str(name)).translate(_APOSTROPHE_TABLE)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _SPACES.sub(" ", text).strip().casefold()
