"""Normalise State names so that spelling variants match one alias table entry, and pick the name in force on a day."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Apostrophe-like characters seen in exports (typographic quotes, backtick, acute accent, prime).
APOSTROPHES = "\u2019\u2018\u02bc\u0060\u00b4\u2032"
_APOSTROPHE_TABLE = str.maketrans({c: "'" for c in APOSTROPHES})
_SPACES = re.compile(r"\s+")


def normalise_name(name: str) -> str:
    """Return the matching key of a name: case, accents, apostrophe style and spacing ignored."""
    text = unicodedata.normalize("NFKD", str(name)).translate(_APOSTROPHE_TABLE)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _SPACES.sub(" ", text).strip().casefold()


def find_name_in_force(periods: Iterable[tuple[str, str, str]], day: str) -> str | None:
    """Return the name whose period holds a day, else None.

    periods: (name, in_use_from, in_use_to) with ISO dates (YYYY-MM-DD), both days included, a blank bound open;
    day: an ISO date. Standard library only: lib.pipeline.plan uses it at make's parse time, lib.io.reference on frames.
    """
    for name, start, end in periods:
        if (not start or start <= day) and (not end or day <= end):
            return name
    return None
