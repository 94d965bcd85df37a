"""The reader's language: every sentence a document states comes from a gettext catalog (lib/present/locales), in whole
messages with named fields and the catalog's own plural forms, and every number and date from one locale formatter."""

from __future__ import annotations

import gettext as _gettext
import io
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

LOCALES_DIR = Path(__file__).parent / "locales"  # <language>/LC_MESSAGES/messages.po; messages.pot is their template
DOMAIN = "messages"  # the one gettext domain: documents, pages and charts share their terms
SOURCE_LANGUAGE = "en"  # the messages are written in English; its catalog lets an editor reword one without the Python

_language = SOURCE_LANGUAGE  # the language documents are being written in (use_language)


def list_languages(locales: Path | None = None) -> list[str]:
    """Return the languages that have a catalog, the source language first."""
    found = sorted(p.parent.parent.name for p in (locales or LOCALES_DIR).glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return [SOURCE_LANGUAGE] + [lang for lang in found if lang != SOURCE_LANGUAGE]


@cache
def load_translations(language: str) -> _gettext.NullTranslations:
    """Return a language's translations: its compiled catalog (.mo) when it is newer than the .po, else the .po compiled
    in memory (a checkout or a catalog just edited needs no compile step); no catalog stops with one sentence."""
    po = LOCALES_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    mo = po.with_suffix(".mo")
    if not po.exists():
        raise ValueError(f"There is no catalog for the language {language!r}: the languages with one are {', '.join(list_languages())}.")
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        with mo.open("rb") as f:
            return _gettext.GNUTranslations(f)
    with po.open("rb") as f:
        catalog = read_po(f, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)  # a fuzzy entry is a guess: the English stands until a translator confirms it
    buffer.seek(0)
    return _gettext.GNUTranslations(buffer)


def use_language(language: str) -> None:
    """Write from now on in `language` (a code with a catalog: 'en', 'fr', 'es')."""
    global _language
    load_translations(language)  # fails at once for a language without a catalog
    _language = language


def current_language() -> str:
    """Return the language documents are being written in."""
    return _language


@contextmanager
def writing_in(language: str) -> Iterator[None]:
    """Write in `language` inside the block, and in the previous language after it."""
    before = _language
    use_language(language)
    try:
        yield
    finally:
        use_language(before)


def gettext(message: str, /, **fields: object) -> str:
    """Return a message in the current language with its named fields filled in ('{count} States parties')."""
    text = load_translations(_language).gettext(message)
    return text.format(**fields) if fields else text


def ngettext(singular: str, plural: str, n: int, /, **fields: object) -> str:
    """Return the form of a message the current language uses for the number n (French takes 0 and 1 as singular), with
    its fields filled in; the number itself is a field like any other ({count}), written as the caller formats it."""
    text = load_translations(_language).ngettext(singular, plural, int(n))
    return text.format(**fields)


def pgettext(context: str, message: str, /, **fields: object) -> str:
    """Return a message that has a context (the same English word in two roles), with its fields filled in."""
    text = load_translations(_language).pgettext(context, message)
    return text.format(**fields) if fields else text


def npgettext(context: str, singular: str, plural: str, n: int, /, **fields: object) -> str:
    """Return the plural form of a message that has a context, with its fields filled in."""
    return load_translations(_language).npgettext(context, singular, plural, int(n)).format(**fields)


def format_integer(n: int) -> str:
    """Return a whole number with the current language's digit grouping ('1,234'; '1 234' in French)."""
    return format_decimal(int(n), format="#,##0", locale=_language)


def format_decimal_figure(value: float, digits: int) -> str:
    """Return an already rounded figure with `digits` decimals in the current language ('6.3'; '6,3' in French)."""
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=_language, decimal_quantization=True)


def format_long_date(value) -> str:
    """Return a date as the current language's documents write it: '3 September 2009', '3 septembre 2009', '3 de
    septiembre de 2009' (the pattern is the catalog's, so a new language brings its own)."""
    pattern = pgettext("CLDR date pattern of the documents", "d MMMM y")
    return _babel_date(value, format=pattern, locale=_language)


def format_month_year(value) -> str:
    """Return a month as 'September 2009' in the current language."""
    return _babel_date(value, format=pgettext("CLDR month pattern of the documents", "MMMM y"), locale=_language)


def read_direction() -> str:
    """Return the writing direction of the current language, 'ltr' or 'rtl' (from CLDR: Arabic is right to left)."""
    return Locale.parse(_language).text_direction
