"""The document model shared by the Word and PDF writers: its blocks, what a reader sees, its word count and its checks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from typing import Literal, NotRequired, TypedDict, cast, get_args, get_type_hints

from lib.present.i18n import gettext as _, ngettext

WORD_LIMIT = 8500  # reports of the Secretariat are limited to 8,500 words


# The document model: one type per block kind, each field typed, so that the code that records a block (lib.present.report,
# lib.present.tables) and the writers that read it (lib.present.word, lib.present.pdf) are checked against the same fields
# by the type checker. A block travels as JSON in the executed notebook's outputs: it stays a dict, tagged by its kind.
class Item(TypedDict):
    """A subparagraph ((a), (b)...) and its own items ((i), (ii)...)."""

    label: str
    text: str
    items: NotRequired[list[Item]]


class MastheadFields(TypedDict):
    """The masthead's fields (lib.present.masthead.build_masthead): the page shows them, and a document's block holds them."""

    united_nations: str
    body: str
    symbol: str
    distribution: str
    date: str
    original: str
    meeting: str
    place_dates: str
    agenda_item: str
    agenda_footnote: str
    agenda_title: str
    title: str
    addendum: str
    subtitle: str
    author: str


class MastheadBlock(MastheadFields):
    """The masthead of a document the Secretariat issues."""

    kind: Literal["masthead"]


class BannerBlock(TypedDict):
    """A boxed line above the text: the synthetic sample's banner, a public build's rule."""

    kind: Literal["banner"]
    text: str


class SummaryBlock(TypedDict):
    """The summary: unnumbered paragraphs under its heading."""

    kind: Literal["summary"]
    paragraphs: list[str]


class HeadingBlock(TypedDict):
    """A chapter (level 1), section (2) or subsection (3) heading with its label ('I.', 'A.')."""

    kind: Literal["heading"]
    level: int
    label: str
    text: str


class ParagraphBlock(TypedDict):
    """A paragraph, numbered in a document (None: unnumbered), with its subparagraphs."""

    kind: Literal["paragraph"]
    number: int | None
    text: str
    items: list[Item]


class TableBlock(TypedDict):
    """A numbered table as the page lays it out (lib.present.tables.lay_out_table), with its source line and note."""

    kind: Literal["table"]
    number: int
    title: str
    source: str
    columns: list[str]
    numeric: list[bool]
    rows: list[list[str]]
    note: str


class FigureBlock(TypedDict):
    """A numbered figure: its print copy's file beside the tables, its alt text and its one-line reading."""

    kind: Literal["figure"]
    number: int
    title: str
    source: str
    image: str
    alt: str
    reading: str


class NoteBlock(TypedDict):
    """A note in small type, unnumbered."""

    kind: Literal["note"]
    text: str


class AnnexBlock(TypedDict):
    """The start of an annex: its label ('I') and title, on a new page in print."""

    kind: Literal["annex"]
    label: str
    title: str


Block = MastheadBlock | BannerBlock | SummaryBlock | HeadingBlock | ParagraphBlock | TableBlock | FigureBlock | NoteBlock | AnnexBlock


class Properties(TypedDict):
    """The document's properties (Word's core properties, the PDF's information): for readers, and the build's provenance."""

    title: str
    subject: str
    author: str
    keywords: str
    comments: str
    language: str
    created: str  # ISO 8601: the date of issue, the one timestamp the writers put in a file


class Document(TypedDict):
    """A document as the writers take it: its properties, compact or not (a country brief), and its blocks in order."""

    properties: Properties
    compact: bool
    blocks: list[Block]


BLOCK_TYPES = (MastheadBlock, BannerBlock, SummaryBlock, HeadingBlock, ParagraphBlock, TableBlock, FigureBlock, NoteBlock, AnnexBlock)
# The fields each block kind must have, read from the types above (check_fields checks a recorded block against them).
BLOCK_FIELDS: dict[str, tuple[str, ...]] = {
    get_args(get_type_hints(t)["kind"])[0]: tuple(f for f in t.__annotations__ if f != "kind") for t in BLOCK_TYPES
}
PROPERTY_FIELDS = tuple(Properties.__annotations__)
DOCUMENT_FIELDS = tuple(Document.__annotations__)
ITEM_FIELDS = tuple(f for f in Item.__annotations__ if f != "items")
HEADING_LEVELS = (1, 2, 3)  # chapter, section, subsection: Word's Heading 1-3
DISTRIBUTIONS = ("General", "Restricted")  # the two distributions of a UN document

# Pages (UN documents are A4): margins in cm, the compact ones for a country brief of at most 2 pages.
PAGE_WIDTH_CM, PAGE_HEIGHT_CM = 21.0, 29.7
MARGIN_CM = 2.5
COMPACT_MARGIN_CM = 1.2
INDENT_CM, COMPACT_INDENT_CM = 1.0, 0.7  # the hanging indent of numbered paragraphs, headings and each level of items

# The masthead, as UN documents have it.
TITLE_FIELDS = ("title", "addendum", "subtitle")  # set as the title: an addendum's line and its own title follow the paper's
AGENDA_MARK = "*"  # the agenda item's footnote is marked with an asterisk, not a number
MASTHEAD_SPLIT = 0.62  # share of the text width left of the right-hand column (distribution, date, original)
SYMBOL_SHARE = 0.65  # share of the text width the symbol takes on the top line, right of "United Nations"

WORD = re.compile(r"\w")  # a token is a word when it holds a letter or a digit (a lone dash in a cell is not)


def read_margin_cm(document: Document) -> float:
    """Return the page margin of a document in cm (narrow for a compact document)."""
    return COMPACT_MARGIN_CM if document.get("compact") else MARGIN_CM


def read_indent_cm(document: Document) -> float:
    """Return the hanging indent of a document in cm (narrower for a compact document)."""
    return COMPACT_INDENT_CM if document.get("compact") else INDENT_CM


def read_created(document: Document) -> datetime:
    """Return the document's date of issue (properties.created), the one timestamp the writers put in a file."""
    return datetime.fromisoformat(document["properties"]["created"])


def list_masthead_top(masthead: MastheadFields) -> list[str]:
    """Return the right-hand lines beside the issuing body: distribution, date, original language (empty ones left out)."""
    lines = [
        _("Distr.: {distribution}", distribution=masthead["distribution"]) if masthead["distribution"] else "",
        masthead["date"],
        _("Original: {language}", language=masthead["original"]) if masthead["original"] else "",
    ]
    return [line for line in lines if line]


def list_masthead_lines(masthead: MastheadFields) -> list[tuple[str, str]]:
    """Return the masthead's lines below the issuing body as (field, text), in reading order, empty ones left out."""
    fields = ("meeting", "place_dates", "agenda_item", "agenda_title", "title", "addendum", "subtitle", "author")
    values = cast(dict[str, str], masthead)
    return [(field, values[field]) for field in fields if values[field]]


def has_agenda_footnote(masthead: MastheadFields) -> bool:
    """Return whether the agenda item line carries the footnote (both the line and the footnote text are given)."""
    return bool(masthead["agenda_item"] and masthead["agenda_footnote"])


def walk_items(items: list[Item], depth: int = 1) -> Iterator[tuple[int, str, str]]:
    """Yield (depth, label, text) of a paragraph's subparagraphs and their items, depth 1 for (a), 2 for (i)."""
    for item in items:
        yield depth, item["label"], item["text"]
        yield from walk_items(item.get("items", []), depth + 1)


def format_caption(block: TableBlock | FigureBlock) -> str:
    """Return the caption label of a table or figure: 'Table 3', 'Figure 2'."""
    if block["kind"] == "figure":
        return _("Figure {number}", number=block["number"])
    return _("Table {number}", number=block["number"])


def format_annex(block: AnnexBlock) -> str:
    """Return the label line of an annex: 'Annex I' (or 'Annex' alone)."""
    return _("Annex {label}", label=block["label"]) if block["label"] else _("Annex")


def iter_reader_texts(document: Document) -> Iterator[str]:
    """Yield every text a reader sees that the document supplies (no labels, numbers, alt text or file names)."""
    for block in document["blocks"]:
        if block["kind"] == "masthead":
            fields = cast(dict[str, str], block)
            yield from (fields[field] for field in BLOCK_FIELDS["masthead"] if field != "united_nations")  # a label, as 'Distr.' is
        elif block["kind"] == "banner" or block["kind"] == "note" or block["kind"] == "heading":
            yield block["text"]
        elif block["kind"] == "summary":
            yield from block["paragraphs"]
        elif block["kind"] == "paragraph":
            yield block["text"]
            yield from (text for _kind, _level, text in walk_items(block["items"]))
        elif block["kind"] == "table":
            yield from (block["title"], *block["columns"], *(cell for row in block["rows"] for cell in row), block["source"], block["note"])
        elif block["kind"] == "figure":
            yield from (block["title"], block["source"], block["reading"])
        elif block["kind"] == "annex":
            yield block["title"]


def count_text_words(text: str) -> int:
    """Return the words of one text: whitespace-separated tokens holding a letter or a digit."""
    return sum(1 for token in text.split() if WORD.search(token))


def count_words(document: Document) -> int:
    """Return the words of every text a reader sees: masthead, summary, headings, paragraphs and items, tables, figures, notes."""
    return sum(count_text_words(text) for text in iter_reader_texts(document))


def check_fields(document: dict) -> list[str]:
    """Return the missing fields and unknown block kinds of a document, in words."""
    problems = [f"the document has no '{field}'" for field in DOCUMENT_FIELDS if field not in document]
    problems += [f"the properties have no '{f}'" for f in PROPERTY_FIELDS if f not in document.get("properties", {})]
    for i, block in enumerate(document.get("blocks", []), start=1):
        kind = block.get("kind")
        if kind not in BLOCK_FIELDS:
            problems.append(f"block {i} is of an unknown kind {kind!r}")
            continue
        problems += [f"block {i} ({kind}) has no '{field}'" for field in BLOCK_FIELDS[kind] if field not in block]
        if kind == "paragraph" and "items" in block:
            problems += [f"block {i} (paragraph) has an item without '{f}'" for f in ITEM_FIELDS if not all_items_have(block["items"], f)]
    return problems


def all_items_have(items: list[dict], field: str) -> bool:
    """Return whether every item and sub-item has a field."""
    return all(field in item and all_items_have(item.get("items", []), field) for item in items)


def check_sequence(numbers: list[int], what: str) -> list[str]:
    """Return a problem when numbers are not 1..n in order without gaps."""
    if numbers == list(range(1, len(numbers) + 1)):
        return []
    expected = next(n for n, got in enumerate(numbers, start=1) if got != n)
    shown = ", ".join(str(n) for n in numbers)
    return [f"{what} numbers are {shown}: they should run 1 to {len(numbers)} in order (number {expected} is out of place)"]


def list_referring_texts(document: Document) -> list[str]:
    """Return the running text where tables and figures are referred to: summary, paragraphs and their items, notes."""
    texts = []
    for block in document["blocks"]:
        if block["kind"] == "summary":
            texts += block["paragraphs"]
        elif block["kind"] == "paragraph":
            texts += [block["text"], *(text for _kind, _level, text in walk_items(block["items"]))]
        elif block["kind"] == "note":
            texts.append(block["text"])
    return texts


def compile_references() -> tuple[re.Pattern[str], dict[str, set[str]]]:
    """Return the pattern of a reference to tables or figures as the current language writes it ('tables 5 and 6',
    'tableaux 5 et 6'), from the same messages that write them (report.join_references), and its words by kind."""
    words = {
        kind: {ngettext(one, many, n, numbers="").strip().lower() for n in (1, 2)}
        for kind, one, many in (
            ("table", "table {numbers}", "tables {numbers}"),
            ("figure", "figure {numbers}", "figures {numbers}"),
        )
    }
    conjunction = re.escape(_("{items} and {last}", items="", last="").strip())
    alternatives = "|".join(re.escape(w) for w in sorted(words["table"] | words["figure"], key=len, reverse=True))
    return re.compile(rf"(?<!\w)({alternatives})\s+(\d+(?:(?:,\s*|\s+{conjunction}\s+)\d+)*)", re.IGNORECASE), words


def list_references(text: str) -> set[tuple[str, int]]:
    """Return the (kind, number) of every table and figure a text refers to: 'table 3', 'tables 1, 2 and 4', 'figure 1'."""
    pattern, words = compile_references()
    kind_of = {w: kind for kind, found in words.items() for w in found}
    return {(kind_of[m[1].lower()], int(n)) for m in pattern.finditer(text) for n in re.findall(r"\d+", m[2])}


def check_references(document: Document) -> list[str]:
    """Return a problem for each table or figure the text never refers to as 'table N' / 'figure N' (any case)."""
    referred = list_references("\n".join(list_referring_texts(document)))
    return [
        f"{format_caption(block)} is never referred to in the text (as '{format_caption(block).lower()}')"
        for block in list_numbered(document["blocks"])
        if (block["kind"], block["number"]) not in referred
    ]


def list_numbered(blocks: list[Block]) -> list[TableBlock | FigureBlock]:
    """Return the tables and figures of a document, in order."""
    return [block for block in blocks if block["kind"] == "table" or block["kind"] == "figure"]


def check_values(document: Document) -> list[str]:
    """Return the values a writer cannot lay out: heading levels, distribution, table rows and flags not as wide as the columns."""
    problems = []
    for i, block in enumerate(document["blocks"], start=1):
        if block["kind"] == "heading" and block["level"] not in HEADING_LEVELS:
            problems.append(f"block {i} (heading) has level {block['level']}: levels are 1, 2 and 3")
        elif block["kind"] == "masthead" and block["distribution"] not in (*DISTRIBUTIONS, *(_(d) for d in DISTRIBUTIONS), ""):
            problems.append(f"block {i} (masthead) has distribution {block['distribution']!r}: it is General or Restricted")
        elif block["kind"] == "table":
            width = len(block["columns"])
            if len(block["numeric"]) != width:
                problems.append(f"{format_caption(block)} has {len(block['numeric'])} numeric flags for {width} columns")
            problems += [
                f"{format_caption(block)} row {r} has {len(row)} cells for {width} columns"
                for r, row in enumerate(block["rows"], start=1)
                if len(row) != width
            ]
    return problems


def check_document(record: dict) -> list[str]:
    """Return the problems in words of a document as recorded (fields, kinds, numbering, references, values); [] when it
    is a Document the writers can write."""
    problems = check_fields(record)
    if problems:
        return problems
    document = cast(Document, record)  # every block has its kind's fields (check_fields)
    blocks = document["blocks"]
    paragraphs = [b["number"] for b in blocks if b["kind"] == "paragraph"]
    problems += check_sequence([n for n in paragraphs if n is not None], "paragraph")
    problems += check_sequence([b["number"] for b in list_numbered(blocks) if b["kind"] == "table"], "table")
    problems += check_sequence([b["number"] for b in list_numbered(blocks) if b["kind"] == "figure"], "figure")
    return problems + check_references(document) + check_values(document)
