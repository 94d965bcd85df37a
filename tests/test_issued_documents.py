"""The documents `make reports` issues, read back: Word files (python-docx) and PDFs (Poppler) of the built fixture.

Masthead from the meeting's data, paragraphs numbered 1..n, tables and figures numbered and referred to, no build
material in the body, the figures quoted equal to the CSVs, the same text as the page, a brief on two pages at most."""

import html
import re
from decimal import ROUND_HALF_UP, Decimal

import docx
import pandas as pd
import pytest
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from PIL import Image
from poppler import read_pages, render_page
from readback import check_documents

from conftest import FIXTURE_DATA
from lib.present.document import list_references

pytestmark = pytest.mark.integration
MEETINGS = ("wg-ta-2008-12", "wg-ta-2009-09")
DOCUMENTS = [f"{kind}--{m}" for m in MEETINGS for kind in ("background_paper", "regional_needs--AFR", "regional_needs--WEOG")]
# what a delegate must never read in a document: file names, checksums, make targets, column types, data folders
BUILD_MATERIAL = re.compile(
    r"\.(csv|parquet|ipynb|xlsx|json|py)\b|\b[0-9a-f]{12,}\b|\bmake [a-z]|\b(int64|float64|datetime64|dtype)\b|data/|raw/|processed/",
    re.IGNORECASE,
)


def read_body(path) -> list[tuple[str, str]]:
    """Return (style name, text) of every paragraph of a Word file's body, table cells included, in reading order."""
    document = docx.Document(path)
    return [(p.style.name, p.text) for p in (Paragraph(e, document) for e in document.element.body.iter(qn("w:p")))]


def read_meeting(meeting_id: str) -> pd.Series:
    """Return the fixture's row of meetings.csv for a meeting."""
    meetings = pd.read_csv(FIXTURE_DATA / "raw" / "reference" / "meetings.csv", dtype=str).set_index("meeting_id")
    return meetings.loc[meeting_id]


def numbered(body: list[tuple[str, str]]) -> list[str]:
    """Return the numbered paragraphs' texts (Word numbers them: the text has no number typed)."""
    return [text for style, text in body if style == "Numbered Paragraph"]


def squash(text: str) -> str:
    """Return text with every run of white space made one space (pages, Word and PDF wrap lines differently)."""
    return re.sub(r"\s+", " ", text).strip()


def page_text(path) -> str:
    """Return what a reader sees of an HTML page: its text without tags, unescaped, white space squashed."""
    inline = re.sub(r"</?(b|i|em|strong|span|a|code)\b[^>]*>", "", path.read_text(encoding="utf-8"))
    return squash(html.unescape(re.sub(r"<[^>]+>", " ", inline)))


def test_every_document_is_written_beside_its_page_and_linked_from_the_index(built):
    _, reports, result = built
    index = (reports / "index.html").read_text(encoding="utf-8")
    for report_id in DOCUMENTS:
        for suffix in (".docx", ".pdf"):
            assert (reports / f"{report_id}{suffix}").is_file(), report_id + suffix
            assert f'href="{report_id}{suffix}"' in index
    briefs = sorted(p.stem for p in reports.glob("country_brief--*.html"))
    assert briefs and all((reports / f"{b}.pdf").is_file() and not (reports / f"{b}.docx").exists() for b in briefs)
    # the build prints each document's word count against the limit for reports of the Secretariat
    assert re.search(
        r"built   background_paper--wg-ta-2009-09\.html .*Word and PDF: [\d,]+ words, within the 8,500-word limit", result.stdout
    )


def test_the_masthead_is_the_meetings_data(built):
    _, reports, _ = built
    symbols = set()
    for report_id in DOCUMENTS:
        meeting = read_meeting(report_id.rsplit("--", 1)[1])
        texts = [text for style, text in read_body(reports / f"{report_id}.docx") if style in ("Masthead", "Title")]
        assert texts[0] == "United Nations" and texts[2] == meeting["body"], report_id
        unconfirmed = str(meeting["unconfirmed"]).split(";") if isinstance(meeting["unconfirmed"], str) else []
        mark = " [to be confirmed]" if "paper_symbol" in unconfirmed else ""  # a draft marks what no source confirms
        assert "Draft" in texts  # no date of issue in the data: a draft, never the build date
        if report_id.startswith("background_paper"):
            assert texts[1] == meeting["paper_symbol"] + mark
        else:  # a regional analysis is an addendum of its meeting's background paper
            assert re.fullmatch(re.escape(meeting["paper_symbol"]) + r"/Add\.\d" + re.escape(mark), texts[1]), texts[1]
            assert "Addendum" in texts
        symbols.add(texts[1])
        assert texts[3] == "Distr.: Restricted" and "Original: English" in texts  # a restricted build
        assert meeting["meeting_of"] in texts and any(t.startswith(f"{meeting['place']}, ") for t in texts)
        assert any(t.startswith(f"Item {meeting['agenda_item']} of the provisional agenda") for t in texts)
        assert any(t.startswith(meeting["agenda_title"]) for t in texts)
        footnotes = next(p for p in docx.Document(reports / f"{report_id}.docx").part.package.parts if p.partname.endswith("footnotes.xml"))
        assert meeting["agenda_symbol"] in footnotes.blob.decode("utf-8")  # the agenda item's footnote: a real Word footnote
    assert len(symbols) == len(DOCUMENTS)  # every document has its own symbol


def test_paragraphs_run_1_to_n_and_every_table_and_figure_is_numbered_and_referred_to(built):
    _, reports, _ = built
    for report_id in DOCUMENTS:
        body = read_body(reports / f"{report_id}.docx")
        paragraphs = numbered(body)
        assert paragraphs and not any(re.match(r"\d+\.", p) for p in paragraphs), report_id  # Word's list numbers them
        referred = list_references(" ".join(paragraphs))  # 'table 3', 'tables 1 and 2'
        for kind in ("Table", "Figure"):
            captions = [int(t.split("\n")[0].split()[1]) for s, t in body if s == "Caption" and t.startswith(kind + " ")]
            assert captions == list(range(1, len(captions) + 1)), (report_id, kind)
            for n in captions:
                assert (kind.lower(), n) in referred, (report_id, kind, n)
        assert captions or "regional_needs" in report_id  # the background paper has figures


def test_the_body_holds_no_build_material_which_goes_to_the_properties(built):
    data, reports, _ = built
    manifest = pd.read_json(data / "processed" / "manifest.json", typ="series")
    for report_id in DOCUMENTS:
        for style, text in read_body(reports / f"{report_id}.docx"):
            assert not BUILD_MATERIAL.search(text), (report_id, style, text)
        properties = docx.Document(reports / f"{report_id}.docx").core_properties
        assert manifest["data_checksum"] in properties.comments and properties.title  # provenance in the properties
    for report_id in DOCUMENTS:
        page = page_text(reports / f"{report_id}.html")
        assert not re.search(r"\b[0-9a-f]{12,}\b", page) and "data_checksum" not in page  # nor in the page's body


def test_the_figures_quoted_equal_the_csvs(built):
    _, reports, _ = built
    for meeting_id in MEETINGS:
        folder = reports / f"background_paper--{meeting_id}"
        total = pd.read_csv(folder / "response_by_group.csv").set_index("group_code").loc["ALL"]
        summary = next(t for s, t in read_body(reports / f"{folder.name}.docx") if s == "Summary")
        quoted = int(re.search(r"equal to (\d+) per cent of the", summary).group(1))
        # the text gives whole per cent, halves up, from the same share as the table's one decimal
        assert quoted == int(Decimal(str(total["responding_pct"])).quantize(Decimal("1"), ROUND_HALF_UP))
        body = read_body(reports / f"{folder.name}.docx")
        cells = [t for s, t in body if s == "Table Text"]
        # Table 1 of the paper is the response by group: its total row is the CSV's, figure for figure
        end = cells.index("All States parties") if "All States parties" in cells else None
        assert end is not None, meeting_id
        assert [c.replace(",", "") for c in cells[end + 1 : end + 4]] == [
            str(total["parties_n"]),
            str(total["responding_parties_n"]),
            f"{total['responding_pct']:.1f}",
        ]


def test_the_page_the_word_file_and_the_pdf_say_the_same_things(built, poppler):
    _, reports, _ = built
    for report_id in DOCUMENTS:
        page = page_text(reports / f"{report_id}.html")
        pdf = squash(" ".join(read_pages(reports / f"{report_id}.pdf")))
        for paragraph in numbered(read_body(reports / f"{report_id}.docx")):
            text = squash(paragraph)
            assert text in page, (report_id, text)
            assert text[:60] in pdf, (report_id, text[:60])  # the start: a page break may fall inside a paragraph


def test_page_1_of_a_pdf_is_not_blank_and_a_brief_prints_on_two_pages_at_most(built, poppler, tmp_path):
    _, reports, _ = built
    png = render_page(reports / "background_paper--wg-ta-2009-09.pdf", 1, tmp_path / "page1.png")
    grey = Image.open(png).convert("L")
    dark = sum(grey.histogram()[:128])  # pixels darker than mid-grey: text and rules
    assert dark > 0.01 * grey.width * grey.height
    first = read_pages(reports / "background_paper--wg-ta-2009-09.pdf")[0]
    assert "CAC/COSP/WG.3/2009/2" in first and "Distr.: Restricted" in first
    for pdf in reports.glob("country_brief--*.pdf"):  # two pages, then the annexes (the article table, the group)
        pages = read_pages(pdf)
        before_annex = next((i for i, page in enumerate(pages) if re.search(r"^\s*Annex I\s*$", page, re.MULTILINE)), len(pages))
        assert 1 <= before_annex <= 2, pdf.name


def test_every_document_passes_the_editorial_checks(built):
    """No build date, table-naming paragraph, suppressed figure in a sentence, numeral opening a sentence, '%' in the
    text, ISO date, 'article N and article M', repeated 20-word phrase, word cut in a table, sans or unembedded font,
    or brief under 8 pt, in any page, Word file or PDF (tests/readback.py)."""
    _, reports, _ = built
    assert check_documents(reports) == []
