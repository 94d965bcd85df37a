"""Read back the numbers a public document states (its page, Word file and PDF) and find those that are no figure it
publishes: every number in the text must be a published figure of the report, a stated relation of its published
figures (a total of a column whose figures are all published, a count of rows), the threshold the rules state, or a
number that counts no State (an article, a paragraph, a date, a document symbol). Part of the audit."""

from __future__ import annotations

import math
import re
from html import unescape
from pathlib import Path

import pandas as pd

from lib.model.disclosure import MIN_STATES

SUPPRESSED = "suppressed"  # how a suppressed figure reads in a published CSV
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# Spans that hold numbers counting no State: references, dates, years, symbols, labels. Removed before numbers are read.
NOT_FIGURES = [
    r"\b(?:articles?|arts?\.|paragraphs?|paras?\.|subparagraphs?|tables?|figures?|annex(?:es)?|chapters?|items?|resolutions?|"
    r"pages?|sections?|rounds?|phases?|cycles?|decisions?|rules?)\s+(?:[IVXL]+|\d+[A-Za-z]?(?:\(\d+\))*)"
    r"(?:\s*(?:,|and|or|to|-|\u2013)\s*(?:[IVXL]+|\d+[A-Za-z]?(?:\(\d+\))*))*",
    rf"\b\d{{1,2}}(?:\s*(?:,|and|to|-|\u2013)\s*\d{{1,2}})*\s+(?:{MONTHS})(?:\s+\d{{4}})?",
    rf"\b(?:{MONTHS})\s+\d{{4}}",
    r"\b\d{4}-\d{2}-\d{2}\b",
    r"\b(?:19|20)\d{2}\b",
    r"\b[A-Z][A-Za-z]*(?:/[A-Za-z0-9.]+)+",
    r"\b\d+/\d+\b",
    r"\bAdd\.\s*\d+",
    r"\b[A-Z]\.\d{2}-\w+",
    r"^\s*\(?\d+[.)]\s",
    r"\([a-z]\)|\([ivx]+\)",
    r"\b(?:first\s+\d[\d,]*\s+of\s+\d[\d,]*\s+rows|(?:file|export)\s+\d+\s+of\s+\d+)",
    r"\b\d+(?:\(\d+\))+",  # an article's paragraph: 46(9)
]
NUMBER = re.compile(r"(?<![\w.,])[-\u2212]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\w])")


def read_page_text(page: Path) -> str:
    """Return the text of a report page's body (scripts, styles and the navigation left out)."""
    html = page.read_text(encoding="utf-8")
    html = re.sub(r"(?is)<(script|style|nav)\b.*?</\1>", " ", html)
    html = re.sub(r"(?is)<br\s*/?>|</p>|</div>|</tr>|</h\d>|</li>", "\n", html)
    return unescape(re.sub(r"<[^>]+>", " ", html))


def read_word_text(path: Path) -> str:
    """Return the text of a Word file: its paragraphs and the cells of its tables."""
    import docx

    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def read_pdf_text(path: Path) -> str:
    """Return the text of a PDF (lines that are only a number, the page numbers, left out)."""
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)
    text = re.sub(r"(\d{4}-\d{2}-\d?)\n(\d)", r"\1\2", text)  # a date a narrow table cell wrapped
    return "\n".join(line for line in text.splitlines() if not re.fullmatch(r"\s*\d+\s*", line))


def list_figures(folder: Path) -> set[float]:
    """Return what the report's CSV files publish as numbers, with the stated relations of them: every figure (a share
    also in whole per cent, as sentences give it), a column's total when all its figures are published, and each
    table's number of rows."""
    found: set[float] = {float(MIN_STATES)}
    for path in folder.glob("*.csv"):
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        found.add(float(len(table)))
        for column in table.columns:
            values = [to_number(v) for v in table[column]]
            numbers = [v for v in values if v is not None]
            found |= set(numbers)
            if column.endswith(("_pct", "_pp")) or "(%)" in column:
                found |= {float(math.floor(abs(v) + 0.5)) * (1 if v >= 0 else -1) for v in numbers}
            if numbers and len(numbers) == sum(1 for v in table[column] if v != "") and SUPPRESSED not in set(table[column]):
                found.add(round(sum(numbers), 1))
    return found


def to_number(text: str) -> float | None:
    """Return a cell as a number, None when it is not one."""
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def list_numbers(text: str) -> list[str]:
    """Return the numbers a text states, once the spans that count no State are removed."""
    for pattern in NOT_FIGURES:
        text = re.sub(pattern, " ", text, flags=re.MULTILINE | re.IGNORECASE)
    return NUMBER.findall(text)


def find_unpublished_numbers(folder: Path, public: frozenset[float] | set[float] = frozenset()) -> list[tuple[str, str]]:
    """Return (where, number) for every number a report's page, Word file or PDF states that is no published figure.
    public: the numbers every reader knows besides (respondents and parties by group, figures quoted from UN documents)."""
    figures = list_figures(folder) | set(public)
    out = []
    for suffix, reader in ((".html", read_page_text), (".docx", read_word_text), (".pdf", read_pdf_text)):
        path = folder.parent / f"{folder.name}{suffix}"
        if not path.is_file():
            continue
        for number in dict.fromkeys(list_numbers(reader(path))):
            if to_number(number.replace("\u2212", "-")) not in figures:
                out.append((f"{path.name}", number))
    return out
