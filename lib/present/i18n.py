"""The reader's language: every sentence a document states comes from a gettext catalog (lib/present/locales), in whole
messages with named fields and the catalog's own plural forms, and every number and date from one locale formatter."""

from __future__ import annotations

import gettext as _gettext
import io
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache, wraps
from pathlib import Path
from typing import SupportsInt

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

# <language>/LC_MESSAGES/messages.po, and messages.pot their template; UNCAC_LOCALES_DIR points a build at another folder
# of catalogs (a language being prepared, or the test of one), read by the driver and every notebook it runs.
LOCALES_DIR = Path(os.environ.get("UNCAC_LOCALES_DIR") or Path(__file__).parent / "locales")
DOMAIN = "messages"  # the one gettext domain: documents, pages and charts share their terms
SOURCE_LANGUAGE = "en"  # the messages are written in English; its catalog lets an editor reword one without the Python

_language = SOURCE_LANGUAGE  # the language documents are being written in (use_language)
# How a table handed to a message or a chart is written in another language (its names: States, groups, forms,
# articles' titles), set by the report that holds the data's names (lib.present.names); None: as it is.
_frame_localiser: Callable | None = None


class Text(str):
    """A message as written in the current language that can be written again in another: remake() writes it anew,
    from the same figures, in the language then current (one analysis, one rendering per language)."""

    remake: Callable[[], object] | None

    def __new__(cls, value: str, remake: Callable[[], object] | None = None):
        text = super().__new__(cls, value)
        text.remake = remake
        return text

    def __reduce__(self):
        """Pickle as the plain text it reads (a kernel sends outputs to the build process pickled; how to remake it stays)."""
        return (str, (str(self),))


class TextList(list):
    """A list of messages (paragraphs, subparagraphs) that can be written again in another language, as Text."""

    remake: Callable[[], object] | None = None

    def __reduce__(self):
        """Pickle as a plain list."""
        return (list, (list(self),))


class TextTuple(tuple):
    """A tuple (a chart and its reading) that can be drawn again in another language, as Text."""

    remake: Callable[[], object] | None = None

    def __reduce__(self):
        """Pickle as a plain tuple."""
        return (tuple, (tuple(self),))


def set_frame_localiser(localiser: Callable | None) -> None:
    """Set how tables handed to messages and charts are written in another language (None: left as they are)."""
    global _frame_localiser
    _frame_localiser = localiser


def in_language(value, language: str):
    """Return a value as written in `language`: a Text, TextList or TextTuple remade in it, a table's names in it,
    lists, tuples and dicts item by item; anything else (numbers, codes, dates) as it is."""
    remake = getattr(value, "remake", None) or (getattr(value, "attrs", None) or {}).get("remake")  # a table keeps it in attrs
    if remake is not None:
        if language == _language:
            return remake()
        with writing_in(language):
            return remake()
    if isinstance(value, Text | TextList | TextTuple):
        return value
    if isinstance(value, str):  # a name the data give in English (a regional group's), or any other text as it is
        return _frame_localiser(value, language) if _frame_localiser is not None else value
    if _frame_localiser is not None and type(value).__name__ in ("DataFrame", "Series"):
        return _frame_localiser(value, language)
    if isinstance(value, list):
        return [in_language(v, language) for v in value]
    if isinstance(value, tuple) and not hasattr(value, "_fields"):
        return tuple(in_language(v, language) for v in value)
    if isinstance(value, dict):
        named = _frame_localiser(value, language) if _frame_localiser is not None else value
        return {k: in_language(v, language) for k, v in named.items()}
    return value


def localise(value):
    """Return a table, row or dict with its names in the current language (the names the report's data give)."""
    return _frame_localiser(value, _language) if _frame_localiser is not None else value


def translatable(func: Callable) -> Callable:
    """Make a function that writes text (a paragraph, a list of them, a chart and its reading) return it as Text,
    TextList or TextTuple, so that a report in several languages writes it again in each, from the same arguments."""

    @wraps(func)
    def write(*args, **kwargs):
        result = func(*args, **kwargs)

        def remake():
            return write(*(in_language(a, _language) for a in args), **{k: in_language(v, _language) for k, v in kwargs.items()})

        if isinstance(result, str):
            return Text(result, remake)
        if type(result).__name__ == "DataFrame":  # a table of words (a glossary): remade whole, through its attrs
            result.attrs["remake"] = remake
            return result
        if isinstance(result, list):  # each paragraph of a list is remade on its own too ('for text in paragraphs: ...')
            made = TextList(Text(item, lambda i=i: remake()[i]) if isinstance(item, str) else item for i, item in enumerate(result))
        elif isinstance(result, tuple):
            made = TextTuple(result)
        else:
            return result
        made.remake = remake
        return made

    return write


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


def make_translatable(namespace: dict, prefixes: tuple[str, ...]) -> None:
    """Wrap (translatable) every function a module defines whose name starts with one of the prefixes: what it writes
    is remade in each language of a report from the same arguments, so the figures are computed once."""
    module = namespace["__name__"]
    for name, function in list(namespace.items()):
        if name.startswith(prefixes) and callable(function) and getattr(function, "__module__", "") == module:
            namespace[name] = translatable(function)


def gettext(message: str, /, **fields: object) -> Text:
    """Return a message in the current language with its named fields filled in ('{count} States parties')."""
    text = load_translations(_language).gettext(message)
    return Text(text.format(**fields) if fields else text, lambda: gettext(message, **in_language(fields, _language)))


def ngettext(singular: str, plural: str, n: int, /, **fields: object) -> Text:
    """Return the form of a message the current language uses for the number n (French takes 0 and 1 as singular), with
    its fields filled in; the number itself is a field like any other ({count}), written as the caller formats it."""
    text = load_translations(_language).ngettext(singular, plural, int(n))
    return Text(text.format(**fields) if fields else text, lambda: ngettext(singular, plural, n, **in_language(fields, _language)))


def pgettext(context: str, message: str, /, **fields: object) -> Text:
    """Return a message that has a context (the same English word in two roles), with its fields filled in."""
    text = load_translations(_language).pgettext(context, message)
    return Text(text.format(**fields) if fields else text, lambda: pgettext(context, message, **in_language(fields, _language)))


def format_integer(n: SupportsInt) -> Text:
    """Return a whole number with the current language's digit grouping ('1,234'; '1 234' in French)."""
    return Text(format_decimal(int(n), format="#,##0", locale=_language), lambda: format_integer(n))


def format_decimal_figure(value: float, digits: int) -> Text:
    """Return an already rounded figure with `digits` decimals in the current language ('6.3'; '6,3' in French)."""
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    text = format_decimal(value, format=pattern, locale=_language, decimal_quantization=True)
    return Text(text, lambda: format_decimal_figure(value, digits))


def format_long_date(value) -> Text:
    """Return a date as the current language's documents write it: '3 September 2009', '3 septembre 2009', '3 de
    septiembre de 2009' (the pattern is the catalog's, so a new language brings its own)."""
    pattern = pgettext("CLDR date pattern of the documents", "d MMMM y")
    if value.day == 1:  # French writes the first of a month '1er septembre'
        pattern = pgettext("CLDR date pattern of the documents, for the first day of a month", "d MMMM y")
    return Text(_babel_date(value, format=pattern, locale=_language), lambda: format_long_date(value))


def format_month_year(value) -> Text:
    """Return a month as 'September 2009' in the current language."""
    text = _babel_date(value, format=pgettext("CLDR month pattern of the documents", "MMMM y"), locale=_language)
    return Text(text, lambda: format_month_year(value))


def read_direction() -> str:
    """Return the writing direction of the current language, 'ltr' or 'rtl' (from CLDR: Arabic is right to left)."""
    return Locale.parse(_language).text_direction
