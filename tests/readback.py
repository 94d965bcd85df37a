"""Built documents read back as a UN editor reads them (Word with python-docx, PDF with pypdf, the page's HTML), and
the editorial checks every background paper, regional analysis and country brief must pass, in words."""

from __future__ import annotations

import html
import re
from collections import Counter
from datetime import date
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from pypdf import PdfReader

from lib.present.narrative import format_date

KINDS = ("background_paper", "regional_needs", "country_brief")  # the reports issued as documents
REPEAT_WORDS = 20  # a phrase this long said twice in one document is said once too often
BRIEF_BODY_PT, MIN_TYPE_PT = 8, 7  # a brief's body text at least; no text of any document smaller
SERIF = ("STIX", "Times", "Serif", "Roman")  # the names of a serif face; a sans face names none of them
# words whose full stop ends no sentence ("art. 15", "para. 23", "WG.3")
ABBREVIATIONS = {"art", "arts", "para", "paras", "no", "nos", "e.g", "i.e", "add", "rev", "corr", "approx", "vol", "p", "pp", "wg"}
SENTENCE_NUMERAL = re.compile(r"(?:^|(\S*)[.!?]\s+)(\d[\d,.]*)")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
ARTICLE_PAIR = re.compile(r"\barticle \d+\w*(?:\s*\([^)]*\))? and article \d+", re.IGNORECASE)
TABLE_ONLY = re.compile(r"^(?:Table|Figure) \d+ shows\b")
SUPPRESSED_IN_TEXT = re.compile(r"\(suppressed\)|\ba number \(|\bsuppressed of\b", re.IGNORECASE)


def list_documents(reports: Path) -> list[Path]:
    """Return the documents of a reports folder: each report issued as a document, by its page."""
    return sorted(p for kind in KINDS for p in reports.glob(f"{kind}--*.html"))


def read_docx(path: Path) -> tuple[list[tuple[str, str]], list[list[list[str]]]]:
    """Return a Word file's body paragraphs outside tables as (style, text), and its tables as rows of cell texts."""
    document = docx.Document(path)
    paragraphs, tables = [], []
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            paragraphs.append((Paragraph(element, document).style.name, Paragraph(element, document).text))
        elif element.tag == qn("w:tbl"):
            tables.append([[cell.text for cell in row.cells] for row in Table(element, document).rows])
    return paragraphs, tables


def read_page(path: Path) -> tuple[list[str], list[str]]:
    """Return a page's running text (paragraphs, notes, headings, captions) and its table cells as a reader sees them:
    tags dropped, entities read, paragraph and item labels ('12.', '(a)') left out."""
    markup = path.read_text(encoding="utf-8")
    markup = re.sub(r"<(style|script|nav)\b.*?</\1>", " ", markup, flags=re.DOTALL)  # the navigation is not the document
    markup = re.sub(r'<span class="uncac-(?:no|label)">[^<]*</span>', " ", markup)

    def clean(inner: str) -> str:
        """Return an element's text."""
        return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", inner))).strip()

    body = [clean(m[1]) for m in re.findall(r"<(p|li|h[1-4]|caption)\b[^>]*>(.*?)</\1>", markup, flags=re.DOTALL)]
    cells = [clean(m[1]) for m in re.findall(r"<(td|th)\b[^>]*>(.*?)</\1>", markup, flags=re.DOTALL)]
    return [t for t in body if t], cells


def read_paragraphs(path: Path) -> list[str]:
    """Return the texts of a page's numbered and plain paragraphs (not its notes, sources or table cells)."""
    markup = re.sub(r'<span class="uncac-(?:no|label)">[^<]*</span>', " ", path.read_text(encoding="utf-8"))
    found = re.findall(r'<p class="uncac-para">(.*?)</p>', markup, flags=re.DOTALL)
    return [re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", p))).strip() for p in found]


def read_pdf(path: Path) -> tuple[str, list[tuple[str, bool]], list[tuple[str, float]]]:
    """Return a PDF's text, its fonts as (name, embedded), and the pieces of text it draws with their type size (points)."""
    reader = PdfReader(path)
    fonts, sizes, texts = {}, [], []
    for page in reader.pages:
        for font in (page.get("/Resources", {}).get("/Font", {}) or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[str(font.get("/BaseFont"))] = embedded

        def visit(text, cm, tm, font_dict, font_size, sizes=sizes):
            """Keep each piece of text drawn with its size on the page (the text matrix's scale times the font size)."""
            if text.strip():
                sizes.append((text.strip(), round(font_size * (tm[3] or 1) * (cm[3] or 1), 1)))

        texts.append(page.extract_text(visitor_text=visit))
    return "\n".join(texts), list(fonts.items()), sizes


def find_repeats(texts: list[str], words: int = REPEAT_WORDS) -> list[str]:
    """Return the phrases of `words` words that occur more than once in the texts (each reported once)."""
    seen, repeated = set(), []
    for text in texts:
        tokens = [t.strip('.,;:()\u2018\u2019"') for t in text.split()]  # punctuation does not make a phrase new
        for i in range(len(tokens) - words + 1):
            phrase = " ".join(tokens[i : i + words])
            if phrase in seen and phrase not in repeated:
                repeated.append(phrase)
            seen.add(phrase)
    return repeated


def find_numeral_opening(text: str) -> str:
    """Return the numeral a sentence of the text opens with ('' when none does; 'art. 15' ends no sentence)."""
    for m in SENTENCE_NUMERAL.finditer(text):
        if m.start() == 0 or (m.group(1) or "").lower().split("(")[-1] not in ABBREVIATIONS:
            return m.group(2)
    return ""


def check_texts(name: str, body: list[str], cells: list[str]) -> list[str]:
    """Return the editorial problems of a document's running text (body) and table cells, each in one sentence."""
    problems = []
    today = format_date(date.today())
    for text in body:
        if TABLE_ONLY.search(text):
            problems.append(f"{name}: a paragraph only names a table: {text[:80]!r}")
        if SUPPRESSED_IN_TEXT.search(text):
            problems.append(f"{name}: a sentence is filled with a suppressed figure: {text[:120]!r}")
        if numeral := find_numeral_opening(text):
            problems.append(f"{name}: a sentence opens with a numeral ({numeral}): {text[:120]!r}")
        if "%" in text:
            problems.append(f"{name}: '%' in the text (UN style writes 'per cent'): {text[:120]!r}")
        if m := ARTICLE_PAIR.search(text):
            problems.append(f"{name}: {m.group(0)!r} (UN style: 'articles N and M')")
        if today in text:
            problems.append(f"{name}: the build date ({today}) is in the document: {text[:120]!r}")
    for text in body + cells:
        if m := ISO_DATE.search(text):
            problems.append(f"{name}: an ISO date ({m.group(0)}) where a reader expects '3 September 2009': {text[:120]!r}")
    problems += [f"{name}: a phrase of {REPEAT_WORDS} words is repeated: {p!r}" for p in find_repeats(body)]
    return problems


def check_pdf(name: str, pdf: Path, tables: list[list[list[str]]], paragraphs: list[str]) -> list[str]:
    """Return the PDF's problems: a font not embedded or not serif, type too small, a paragraph of a brief under
    BRIEF_BODY_PT (paragraphs: from the page), a table's word or number cut across lines."""
    text, fonts, pieces = read_pdf(pdf)
    problems = [f"{name}.pdf: the font {font} is not embedded" for font, embedded in fonts if not embedded]
    problems += [f"{name}.pdf: the font {font} is not a serif" for font, _ in fonts if not any(s in font for s in SERIF)]
    smallest = min((size for _, size in pieces), default=MIN_TYPE_PT)
    if smallest < MIN_TYPE_PT:
        problems.append(f"{name}.pdf: text set at {smallest} pt, under {MIN_TYPE_PT} pt")
    if name.startswith("country_brief"):
        openings = [t[:30] for t in paragraphs if len(t) >= 20]
        small = [(t, size) for t, size in pieces if size < BRIEF_BODY_PT and any(t.startswith(o[:20]) for o in openings)]
        problems += [f"{name}.pdf: a paragraph of the brief is set at {size} pt, under {BRIEF_BODY_PT} pt: {t[:60]!r}" for t, size in small]
    words = Counter(text.split())
    for table in tables:
        for row in table:
            for cell in row:
                for token in cell.split():
                    if len(token) > 1 and not words[token]:
                        problems.append(f"{name}.pdf: {token!r} of a table cell is not whole in the PDF (cut across lines?)")
    return problems


def check_document(page: Path) -> list[str]:
    """Return every editorial problem of one document (its page, Word file and PDF) in words; [] when it passes."""
    name = page.stem
    body, cells = read_page(page)
    problems = check_texts(f"{name}.html", body, cells)
    tables: list[list[list[str]]] = []
    word = page.with_suffix(".docx")
    if word.is_file():
        paragraphs, tables = read_docx(word)
        body = [text for style, text in paragraphs if style not in ("Caption", "Masthead", "Title") and text]
        problems += check_texts(f"{name}.docx", body, [cell for table in tables for row in table for cell in row])
        masthead = [text for style, text in paragraphs if style in ("Masthead", "Title")]
        problems += check_texts(f"{name}.docx", [], masthead)  # its lines are no sentences: dates only
        masthead_cells = [cell for row in (tables[0] if tables else []) for cell in row]  # body, distribution, date
        problems += [f"{name}.docx: the masthead shows the build date" for cell in masthead_cells if format_date(date.today()) in cell]
    pdf = page.with_suffix(".pdf")
    if pdf.is_file():
        problems += check_pdf(name, pdf, tables, read_paragraphs(page))
    return problems


def check_documents(reports: Path) -> list[str]:
    """Return the editorial problems of every document of a reports folder."""
    return [problem for page in list_documents(reports) for problem in check_document(page)]
