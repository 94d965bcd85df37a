"""The document model's writers: a small inline document written as .docx and .pdf and read back; its word count and checks."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.text.paragraph import Paragraph
from matplotlib.figure import Figure
from matplotlib.image import imread
from poppler import read_pages, render_page

from conftest import ROOT
from lib.present.document import WORD_LIMIT, check_document, count_words
from lib.present.pdf import write_pdf
from lib.present.word import add_styled, set_style, write_docx

SYMBOL = "CAC/COSP/WG.3/2009/2"
FOOTNOTE = "CAC/COSP/WG.3/2009/1."
MASTHEAD = {
    "kind": "masthead",
    "united_nations": "United Nations",
    "body": "Conference of the States Parties to the United Nations Convention against Corruption",
    "symbol": SYMBOL,
    "distribution": "General",
    "date": "28 September 2009",
    "original": "English",
    "meeting": "Open-ended Intergovernmental Working Group on Technical Assistance",
    "place_dates": "Vienna, 3 and 4 September 2009",
    "agenda_item": "Item 2 of the provisional agenda",
    "agenda_footnote": FOOTNOTE,
    "agenda_title": "Needs of Türkiye and Côte d'Ivoire – an example",
    "title": "Self-assessment of the implementation of the Convention",
    "addendum": "",
    "subtitle": "",
    "author": "Background paper prepared by the Secretariat",
}
LONG_ROWS = [[f"State {i}", str(i * 3), f"{i * 1.5:.1f}"] for i in range(1, 61)]
ALT = "Bar chart: article 5 has the most requests, article 9 the fewest."


def make_document(compact: bool = False) -> dict:
    """Return the test document: masthead, banner, summary, two headings, five numbered paragraphs, two tables, a figure, an annex."""
    sentence = "In its resolution 1/5, the Conference decided to establish a working group on technical assistance. "
    blocks = [
        MASTHEAD,
        {"kind": "banner", "text": "Synthetic sample: the answers in this paper are fictional."},
        {"kind": "summary", "paragraphs": ["The paper counts <b>replies</b> & needs.", "Table 1 and figure 1 give the figures."]},
        {"kind": "heading", "level": 1, "label": "I.", "text": "Introduction"},
        {"kind": "paragraph", "number": 1, "text": sentence * 12, "items": []},
        {
            "kind": "paragraph",
            "number": 2,
            "text": "The working group should:",
            "items": [
                {
                    "label": "(a)",
                    "text": "Review the needs for technical assistance;",
                    "items": [{"label": "(i)", "text": "article by article;"}],
                },
                {"label": "(b)", "text": "Provide guidance on priorities."},
            ],
        },
        {"kind": "heading", "level": 2, "label": "A.", "text": "Responses"},
        {"kind": "paragraph", "number": 3, "text": "Table 1 lists the responding States parties.", "items": []},
        {
            "kind": "table",
            "number": 1,
            "title": "Replies by State",
            "source": "Source: self-assessment reports received by 3 September 2009.",
            "columns": ["State", "Replies", "Share of all replies (%)"],
            "numeric": [False, True, True],
            "rows": LONG_ROWS,
            "note": "Note: fictional figures.",
        },
        {"kind": "paragraph", "number": 4, "text": "Table 2 and figure 1 show the needs.", "items": []},
        {
            "kind": "table",
            "number": 2,
            "title": "Needs by article",
            "source": "Source: self-assessment reports.",
            "columns": ["Article", "Title", "Requests"],
            "numeric": [False, False, True],
            "rows": [
                ["5", "Preventive anti-corruption policies and practices, a title long enough to wrap in its cell", "12"],
                ["9", "Public procurement", "7"],
            ],
            "note": "",
        },
        {
            "kind": "figure",
            "number": 1,
            "title": "Requests by article",
            "source": "Source: self-assessment reports.",
            "image": "bars.png",
            "alt": ALT,
            "reading": "Article 5 has the most requests.",
        },
        {"kind": "paragraph", "number": 5, "text": sentence * 8, "items": []},
        {"kind": "annex", "label": "I", "title": "Data quality"},
        {"kind": "paragraph", "number": None, "text": "No reply was rejected.", "items": []},
    ]
    properties = {
        "title": "Self-assessment of the implementation of the Convention",
        "subject": "Technical assistance",
        "author": "Secretariat",
        "keywords": "UNCAC; technical assistance",
        "comments": "data sha256 0123abcd; cut-off 2009-09-03; commit 89ab",
        "language": "en",
        "created": "2009-09-03T00:00:00",
    }
    return {"properties": properties, "compact": compact, "blocks": blocks}


def draw_png(path: Path) -> None:
    """Draw a tiny bar chart as a PNG (matplotlib, no pyplot state)."""
    figure = Figure(figsize=(4, 2))
    figure.subplots().bar(["5", "9", "10"], [12, 7, 3], color="#4d4d4d")
    figure.savefig(path, dpi=100)


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> dict[str, Path]:
    """Write the test document as .docx, .pdf and compact .pdf once; return the paths and the images folder."""
    folder = tmp_path_factory.mktemp("documents")
    draw_png(folder / "bars.png")
    paths = {"images": folder, "docx": folder / "paper.docx", "pdf": folder / "paper.pdf", "compact": folder / "brief.pdf"}
    write_docx(make_document(), folder, paths["docx"])
    paths["pages"] = write_pdf(make_document(), folder, paths["pdf"]).pages
    paths["compact_pages"] = write_pdf(make_document(compact=True), folder, paths["compact"]).pages
    return paths


def read_body(document) -> list[tuple[str, str]]:
    """Return (style name, text) of every paragraph in the body, table cells included, in reading order."""
    out = []
    for element in document.element.body.iter(qn("w:p")):
        paragraph = Paragraph(element, document)
        out.append((paragraph.style.name, paragraph.text))
    return out


# --- the word count and the checks, on tiny documents counted by hand


def test_count_words_counts_every_text_a_reader_sees_but_labels_numbers_and_alt_text():
    tiny = {
        "properties": {},
        "compact": False,
        "blocks": [
            {"kind": "heading", "level": 1, "label": "I.", "text": "Introduction"},  # 1 (the label "I." is not a word)
            # "See table 1 – twice." 4 (the lone dash is not a word) + "One item;" 2 + "a sub-item." 2 = 8; the number and labels 0
            {
                "kind": "paragraph",
                "number": 1,
                "text": "See table 1 – twice.",
                "items": [{"label": "(a)", "text": "One item;", "items": [{"label": "(i)", "text": "a sub-item."}]}],
            },
            # title 3 + columns 2 + cells "5", "12", "9" 3 (a dash cell 0) + source 2 + empty note 0 = 10
            {
                "kind": "table",
                "number": 1,
                "title": "Needs by article",
                "source": "Source: reports.",
                "columns": ["Article", "Needs"],
                "numeric": [False, True],
                "rows": [["5", "12"], ["9", "–"]],
                "note": "",
            },
            # title 1 + source 2 + reading 3 = 6; the alt text and the file name are not seen
            {
                "kind": "figure",
                "number": 1,
                "title": "Needs",
                "source": "Source: reports.",
                "image": "x.png",
                "alt": "A bar chart",
                "reading": "Article 5 leads.",
            },
            {"kind": "note", "text": "Figures are fictional."},  # 3
            {"kind": "annex", "label": "I", "title": "Data quality"},  # 2 ("Annex I" is a label)
        ],
    }
    assert count_words(tiny) == 1 + 8 + 10 + 6 + 3 + 2  # 30


def test_count_words_counts_the_masthead_fields_the_banner_and_the_summary():
    masthead = MASTHEAD | {
        "body": "Conference of the States Parties",  # 5
        "symbol": "CAC/COSP/2009/9",  # 1
        "distribution": "General",  # 1 ("Distr.:" is the writers' label)
        "date": "28 September 2009",  # 3
        "original": "English",  # 1
        "meeting": "",  # 0
        "place_dates": "Vienna, 3 and 4 September 2009",  # 6
        "agenda_item": "Item 2 of the provisional agenda",  # 6
        "agenda_footnote": "CAC/COSP/2009/1.",  # 1
        "agenda_title": "Technical assistance",  # 2
        "title": "Background paper",  # 2
        "author": "",  # 0
    }
    banner = {"kind": "banner", "text": "Synthetic sample."}  # 2
    summary = {"kind": "summary", "paragraphs": ["One two three.", "Four."]}  # 3 + 1 ("Summary" is the writers' heading)
    assert count_words({"properties": {}, "compact": False, "blocks": [masthead, banner, summary]}) == 28 + 2 + 4
    assert WORD_LIMIT == 8500


def test_check_document_finds_nothing_in_a_sound_document():
    assert check_document(make_document()) == []


def test_check_document_reports_unknown_kinds_and_missing_fields():
    document = make_document()
    del document["properties"]["created"]
    del document["blocks"][8]["note"]  # block 9, the long table
    del document["blocks"][5]["items"][0]["items"][0]["label"]  # the (i) sub-item of paragraph 2 (block 6)
    document["blocks"].append({"kind": "chart", "data": []})  # block 16
    assert check_document(document) == [
        "the properties have no 'created'",
        "block 6 (paragraph) has an item without 'label'",
        "block 9 (table) has no 'note'",
        "block 16 is of an unknown kind 'chart'",
    ]
    assert check_document({"blocks": []}) == ["the document has no 'properties'", "the document has no 'compact'"] + [
        f"the properties have no '{field}'" for field in ("title", "subject", "author", "keywords", "comments", "language", "created")
    ]


def test_check_document_reports_paragraph_table_and_figure_numbers_out_of_sequence():
    document = make_document()
    document["blocks"][7]["number"] = 4  # paragraphs now 1, 2, 4, 4, 5 (the annex's unnumbered paragraph is left out)
    document["blocks"][10]["number"] = 3  # tables 1, 3
    document["blocks"][11]["number"] = 2  # figure 2 alone
    document["blocks"][9]["text"] = "Table 3 and figure 2 show the needs."
    assert check_document(document) == [
        "paragraph numbers are 1, 2, 4, 4, 5: they should run 1 to 5 in order (number 3 is out of place)",
        "table numbers are 1, 3: they should run 1 to 2 in order (number 2 is out of place)",
        "figure numbers are 2: they should run 1 to 1 in order (number 1 is out of place)",
    ]


def test_check_document_reports_tables_and_figures_the_text_never_refers_to():
    document = make_document()
    document["blocks"][2]["paragraphs"] = ["No reference here."]
    document["blocks"][7]["text"] = "TABLE 10 is another one."  # 10 is not 1
    document["blocks"][9]["text"] = "See Figure 1."  # any case
    assert check_document(document) == [
        "Table 1 is never referred to in the text (as 'table 1')",
        "Table 2 is never referred to in the text (as 'table 2')",
    ]


def test_check_document_reports_values_a_writer_cannot_lay_out():
    document = make_document()
    document["blocks"][0] = MASTHEAD | {"distribution": "Public"}
    document["blocks"][6] = document["blocks"][6] | {"level": 4}
    document["blocks"][10] = document["blocks"][10] | {"numeric": [False, True], "rows": [["5", "Title", "12"], ["9", "7"]]}
    assert check_document(document) == [
        "block 1 (masthead) has distribution 'Public': it is General or Restricted",
        "block 7 (heading) has level 4: levels are 1, 2 and 3",
        "Table 2 has 2 numeric flags for 3 columns",
        "Table 2 row 2 has 2 cells for 3 columns",
    ]


# --- the Word file, read back with python-docx


def test_docx_masthead_fields_come_in_order_with_the_title_in_the_title_style(written):
    body = read_body(docx.Document(written["docx"]))
    texts = [text for _, text in body]
    expected = [
        "United Nations",
        SYMBOL,
        MASTHEAD["body"],
        "Distr.: General",
        "28 September 2009",
        "Original: English",
        MASTHEAD["meeting"],
        MASTHEAD["place_dates"],
        MASTHEAD["agenda_item"] + "*",
        MASTHEAD["agenda_title"],
        MASTHEAD["title"],
        MASTHEAD["author"],
    ]
    assert texts[: len(expected)] == expected
    assert ("Title", MASTHEAD["title"]) in body


def test_docx_uses_the_named_word_styles(written):
    document = docx.Document(written["docx"])
    styles = dict((text, style) for style, text in read_body(document))
    assert styles["I.\tIntroduction"] == "Heading 1"
    assert styles["A.\tResponses"] == "Heading 2"
    assert styles["Table 1\nReplies by State"] == "Caption"
    assert styles["Figure 1\nRequests by article"] == "Caption"
    assert styles["Annex I\nData quality"] == "Heading 1"
    assert styles["No reply was rejected."] == "Normal"
    assert styles["Summary"] == "Summary Heading"
    assert styles["The paper counts <b>replies</b> & needs."] == "Summary"  # plain text, kept as written
    assert styles["Review the needs for technical assistance;"] == "Numbered Item"  # (a): Word numbers it
    assert styles["article by article;"] == "Numbered Subitem"  # (i)
    normal = document.styles["Normal"].font
    assert (normal.name, normal.size.pt, str(normal.color.rgb)) == ("Times New Roman", 10, "000000")  # sober: black Times
    assert str(document.styles["Heading 1"].font.color.rgb) == "000000"


def test_docx_paragraphs_are_numbered_by_word_1_to_n_with_a_hanging_indent(written):
    document = docx.Document(written["docx"])
    numbered = [text for style, text in read_body(document) if style == "Numbered Paragraph"]
    assert len(numbered) == 5 and not any(re.match(r"\d+\.", t) for t in numbered)  # no number typed: Word's list numbers
    num_pr = document.styles["Numbered Paragraph"].element.pPr.find(qn("w:numPr"))
    num_id = num_pr.find(qn("w:numId")).get(qn("w:val"))
    numbering = document.part.numbering_part.element
    (num,) = [n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == num_id]
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    (abstract,) = [a for a in numbering.findall(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == abstract_id]
    levels = [
        (lvl.find(qn("w:numFmt")).get(qn("w:val")), lvl.find(qn("w:lvlText")).get(qn("w:val"))) for lvl in abstract.findall(qn("w:lvl"))
    ]
    assert levels == [("decimal", "%1."), ("lowerLetter", "(%2)"), ("lowerRoman", "(%3)")]  # 1., (a), (i): one list
    indent = abstract.find(qn("w:lvl")).find(qn("w:pPr")).find(qn("w:ind"))
    assert indent.get(qn("w:left")) == indent.get(qn("w:hanging")) == str(int(Cm(1).twips))  # the number hangs in 1 cm
    item_pr = document.styles["Numbered Item"].element.pPr.find(qn("w:numPr"))
    assert (item_pr.find(qn("w:ilvl")).get(qn("w:val")), item_pr.find(qn("w:numId")).get(qn("w:val"))) == ("1", num_id)


def test_docx_table_is_a_word_table_with_its_header_repeated_and_rows_kept_whole(written):
    document = docx.Document(written["docx"])
    table = next(t for t in document.tables if len(t.rows) == 61)
    borders = {b.tag.split("}")[1]: b.get(qn("w:val")) for b in table._tbl.tblPr.find(qn("w:tblBorders"))}
    assert borders == {"top": "single", "left": "nil", "bottom": "single", "right": "nil", "insideH": "nil", "insideV": "nil"}
    assert all(c._tc.tcPr.find(qn("w:tcBorders")) is not None for c in table.rows[0].cells)  # a rule under the header only
    assert [c.text for c in table.rows[0].cells] == ["State", "Replies", "Share of all replies (%)"]
    assert [[c.text for c in row.cells] for row in table.rows[1:]] == LONG_ROWS
    header = table.rows[0]._tr.trPr
    assert header.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
    assert [c.paragraphs[0].alignment for c in table.rows[5].cells] == [
        WD_ALIGN_PARAGRAPH.LEFT,
        WD_ALIGN_PARAGRAPH.RIGHT,
        WD_ALIGN_PARAGRAPH.RIGHT,
    ]


def test_docx_picture_is_inline_at_the_text_width_with_its_alt_text(written):
    document = docx.Document(written["docx"])
    (shape,) = document.inline_shapes
    section = document.sections[0]
    assert shape.width == section.page_width - section.left_margin - section.right_margin
    assert shape.height == shape.width // 2  # the 4 x 2 inch chart keeps its aspect ratio
    doc_pr = shape._inline.docPr
    assert (doc_pr.get("descr"), doc_pr.get("title")) == (ALT, "Requests by article")


def test_docx_page_is_a4_numbered_with_the_symbol_in_the_header_from_page_2(written):
    section = docx.Document(written["docx"]).sections[0]
    assert abs(section.page_width - Cm(21)) < Cm(0.01) and abs(section.page_height - Cm(29.7)) < Cm(0.01)
    assert abs(section.left_margin - Cm(2.5)) < Cm(0.01)
    assert section.different_first_page_header_footer
    assert [p.text for p in section.header.paragraphs] == [p.text for p in section.even_page_header.paragraphs] == [SYMBOL]
    assert section.header.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT  # odd pages: the outer side is the right
    assert section.even_page_header.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert [p.text for p in section.first_page_header.paragraphs] == [""]
    for footer, fields in ((section.footer, ["PAGE"]), (section.even_page_footer, ["PAGE"]), (section.first_page_footer, [])):
        instructions = footer._element.findall(".//" + qn("w:instrText"))
        assert [i.text.strip() for i in instructions] == fields  # page 1 has no number


def test_docx_agenda_item_has_a_real_footnote(written):
    document = docx.Document(written["docx"])
    (rel,) = [r for r in document.part.rels.values() if r.reltype == RT.FOOTNOTES]
    assert rel.target_part.partname == "/word/footnotes.xml"
    footnotes = parse_xml(rel.target_part.blob)
    (note,) = [n for n in footnotes.iter(qn("w:footnote")) if n.get(qn("w:id")) == "1"]
    assert [t.text for t in note.iter(qn("w:t"))] == ["*", FOOTNOTE]  # the asterisk, then (after a tab) the text
    agenda = next(p for p in document.paragraphs if p.text.startswith(MASTHEAD["agenda_item"]))
    (reference,) = agenda._p.iter(qn("w:footnoteReference"))
    assert reference.get(qn("w:id")) == "1"
    with zipfile.ZipFile(written["docx"]) as package:
        assert "word/footnotes.xml" in package.namelist()
        assert "footnotes+xml" in package.read("[Content_Types].xml").decode()


def test_docx_is_dated_at_the_date_of_issue_and_the_same_bytes_on_a_rewrite(written, tmp_path):
    properties = docx.Document(written["docx"]).core_properties
    assert properties.created == properties.modified == datetime(2009, 9, 3, tzinfo=UTC)
    assert properties.comments == make_document()["properties"]["comments"]
    with zipfile.ZipFile(written["docx"]) as package:
        assert {info.date_time for info in package.infolist()} == {(2009, 9, 3, 0, 0, 0)}
        assert package.namelist()[:2] == ["[Content_Types].xml", "_rels/.rels"]
        assert "docProps/thumbnail.jpeg" not in package.namelist()
    write_docx(make_document(), written["images"], tmp_path / "again.docx")
    assert (tmp_path / "again.docx").read_bytes() == written["docx"].read_bytes()


def test_both_files_are_the_same_bytes_when_another_process_writes_them(written, tmp_path):
    script = (
        "import sys; from pathlib import Path; sys.path.insert(0, 'tests'); from test_documents import make_document;"
        "from lib.present.word import write_docx; from lib.present.pdf import write_pdf;"
        f"write_docx(make_document(), Path({str(written['images'])!r}), Path({str(tmp_path / 'b.docx')!r}));"
        f"write_pdf(make_document(), Path({str(written['images'])!r}), Path({str(tmp_path / 'b.pdf')!r}))"
    )
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, check=True)
    assert (tmp_path / "b.docx").read_bytes() == written["docx"].read_bytes()
    assert (tmp_path / "b.pdf").read_bytes() == written["pdf"].read_bytes()


# --- the PDF, read back with Poppler's pdftotext and pdftoppm


def test_pdf_is_the_same_bytes_on_a_rewrite_and_compact_takes_fewer_pages(written, tmp_path):
    assert write_pdf(make_document(), written["images"], tmp_path / "again.pdf").pages == written["pages"]
    assert (tmp_path / "again.pdf").read_bytes() == written["pdf"].read_bytes()
    assert b"/CreationDate (D:20090903000000+00'00')" in written["pdf"].read_bytes()
    assert 1 < written["compact_pages"] <= written["pages"]


def test_pdf_page_1_has_the_masthead_and_the_agenda_footnote(written, poppler):
    pages = read_pages(written["pdf"])
    assert len(pages) == written["pages"]
    first = " ".join(pages[0].split())  # lines joined: a long title wraps
    assert first.index("United Nations") < first.index(SYMBOL) < first.index("Distr.: General") < first.index(MASTHEAD["title"])
    assert MASTHEAD["agenda_item"] + "*" in first
    assert "Türkiye" in first and "Côte d'Ivoire – an example" in first  # STIX General draws what Helvetica cannot
    assert "The paper counts <b>replies</b> & needs." in first  # plain text, escaped for reportlab
    assert first.endswith(f"* {FOOTNOTE}")  # at the foot of the page, which has no number (UN documents number from page 2)
    assert all(FOOTNOTE not in page for page in pages[1:])


def test_pdf_long_table_runs_over_pages_with_its_header_repeated_and_the_symbol_in_their_header(written, poppler):
    pages = read_pages(written["pdf"])
    with_rows = [i for i, page in enumerate(pages) if re.search(r"^\s*State \d+\s", page, re.MULTILINE)]
    assert len(set(with_rows)) > 1
    assert all("Share of all replies (%)" in pages[i] for i in with_rows)
    assert all(page.lstrip().startswith(SYMBOL) for page in pages[1:])
    assert pages[-1].index("Annex I") < pages[-1].index("No reply was rejected.")


def test_pdf_page_1_renders_to_a_picture_that_is_not_blank(written, poppler, tmp_path):
    pixels = imread(render_page(written["pdf"], 1, tmp_path / "page1.png"))
    dark = (pixels[..., :3].mean(axis=-1) < 0.5).mean()
    assert 0.005 < dark < 0.5  # some ink: text and rules, on a white page
    assert pixels.shape[0] > pixels.shape[1]  # portrait


def test_empty_masthead_fields_leave_their_lines_out_and_no_footnote_without_its_text(tmp_path, poppler):
    document = make_document(compact=True)
    document["blocks"][0] = MASTHEAD | {"distribution": "", "meeting": "", "agenda_footnote": "", "author": ""}
    document["blocks"][6] = {"kind": "heading", "level": 3, "label": "", "text": "Responses"}  # a subsection without a label
    draw_png(tmp_path / "bars.png")
    write_docx(document, tmp_path, tmp_path / "brief.docx")
    written = docx.Document(tmp_path / "brief.docx")
    texts = [text for _, text in read_body(written)]
    assert "Distr.: General" not in texts and MASTHEAD["meeting"] not in texts and MASTHEAD["author"] not in texts
    assert MASTHEAD["agenda_item"] in texts  # no asterisk, no footnote part
    assert not [r for r in written.part.rels.values() if r.reltype == RT.FOOTNOTES]
    assert ("Heading 3", "Responses") in read_body(written)
    write_pdf(document, tmp_path, tmp_path / "brief.pdf")
    first = " ".join(read_pages(tmp_path / "brief.pdf")[0].split())
    assert "Distr." not in first and "*" not in first and MASTHEAD["agenda_item"] in first


def test_a_paragraph_takes_its_style_by_id_and_normal_leaves_no_mark():
    doc = docx.Document()
    heading, plain = add_styled(doc, "Title", "Heading 1"), add_styled(doc, "Text", "Normal")
    set_style(plain, "Normal")
    assert heading.style.name == "Heading 1" and heading._p.pPr.pStyle.val == "Heading1"
    assert plain.style.name == "Normal" and plain._p.pPr.pStyle is None


def test_pdf_cells_that_fit_one_line_are_written_as_they_are_and_longer_ones_wrap():
    from reportlab.platypus import Paragraph as PdfParagraph

    from lib.present.fonts import register_fonts
    from lib.present.pdf import FULL, make_rows, make_styles

    register_fonts()  # the widths are measured in the documents' fonts
    block, styles = {"columns": ["Article", "States"], "numeric": [False, True]}, make_styles(FULL)
    rows = [["Art. 5 <b>", "12"], ["Policies <and> practices, and the bodies that carry them out", "3"], ["two\nlines", "1"]]
    written = make_rows(block, styles, rows, [60.0, 40.0])
    assert written[0] == ["Article", "States"] and written[1] == ["Art. 5 <b>", "12"]  # as they are: no markup, nothing escaped
    long, two = written[2][0], written[3][0]
    assert isinstance(long, PdfParagraph) and "".join(f.text for f in long.frags) == rows[1][0]  # wraps, its "<" a character
    assert isinstance(two, PdfParagraph) and written[2][1] == "3"
