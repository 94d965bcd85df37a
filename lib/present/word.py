"""Write a document (lib.present.document) as a Word file: named styles, real tables and footnote, same bytes on a rebuild."""

from __future__ import annotations

import io
import weakref
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import cast

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import CONTENT_TYPE as CT, RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Length, Pt, RGBColor
from lxml import etree

from lib.present.columns import fit_columns
from lib.present.document import (
    AGENDA_MARK,
    MASTHEAD_SPLIT,
    PAGE_HEIGHT_CM,
    PAGE_WIDTH_CM,
    SYMBOL_SHARE,
    TITLE_FIELDS,
    AnnexBlock,
    BannerBlock,
    Document,
    FigureBlock,
    HeadingBlock,
    MastheadBlock,
    NoteBlock,
    ParagraphBlock,
    Properties,
    SummaryBlock,
    TableBlock,
    format_annex,
    format_caption,
    has_agenda_footnote,
    list_masthead_lines,
    list_masthead_top,
    read_created,
    read_indent_cm,
    read_margin_cm,
    walk_items,
)
from lib.present.i18n import gettext as _, pgettext

FONT = "Times New Roman"  # the typeface of UN documents
BLACK = RGBColor(0, 0, 0)  # a UN document is black on white: the template's blue headings and captions are recoloured
BODY_PT, COMPACT_BODY_PT = 10, 8  # body text; a country brief is set smaller, never under 8 pt (as its PDF)
SMALL_PT = 8  # sources, notes, footnotes
TABLE_PT, COMPACT_TABLE_PT = 9, 7.5  # table text, as the PDF sets it
MIN_TABLE_PT, TABLE_STEP_PT = 7, 0.5  # a wide table is set smaller, step by step, never under 7 pt; then turned landscape
CELL_MARGIN_TWIPS = 60  # a cell's left and right margins (3 pt), as in the PDF, so both break lines alike
TWIPS_PER_PT, EMU_PER_PT = 20, 12700
# Heading 1-3 (chapter, section, subsection) and the Title in points, as the UN's HCh, H1 and H23 styles.
HEADING_PT = {1: 13, 2: 11, 3: 10}
TITLE_PT, SYMBOL_PT, UNITED_NATIONS_PT, BODY_NAME_PT = 15, 16, 13, 12
RULE_EIGHTHS = 12  # the masthead's rules, in eighths of a point (1.5 pt)
BANNER_RULE_EIGHTHS = 6  # the banner's box (0.75 pt)
MARK_PROPERTIES = '<w:rPr><w:rStyle w:val="FootnoteReference"/><w:vertAlign w:val="baseline"/></w:rPr>'
STYLE_IDS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # each document's style ids by name (set_style)
DEFAULT_STYLE_ID = "Normal"  # the template's default paragraph style: a paragraph in it carries no style mark
AGENDA_FOOTNOTE_ID = 1  # ids -1 and 0 are the separators every footnotes part starts with
TABLE_RULE_EIGHTHS, HEADER_RULE_EIGHTHS = 8, 4  # UN tables: a rule above and below (1 pt), one under the header (0.5 pt)
# The order of elements in a paragraph's properties after w:pBdr (WordprocessingML schema, CT_PPrBase).
AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:spacing", "w:ind", "w:contextualSpacing", "w:jc", "w:outlineLvl", "w:rPr")
PICTURE_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def set_font(style, size: float, bold: bool | None = None) -> None:
    """Set a style's font to the document face, black, at a size (the template's theme fonts and colours removed)."""
    style.font.name = FONT
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    fonts.set(qn("w:cs"), FONT)
    style.font.size = Pt(size)
    style.font.color.rgb = BLACK
    style.font.bold = bold
    style.font.italic = False


def remove_borders(style) -> None:
    """Remove a style's paragraph borders (the template's Title has a blue rule)."""
    ppr = style.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)


def make_border(sides: tuple[str, ...], eighths: int) -> etree._Element:
    """Return a w:pBdr with single black rules on the sides given."""
    border = OxmlElement("w:pBdr")
    for side in sides:
        line = OxmlElement(f"w:{side}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), str(eighths))
        line.set(qn("w:space"), "4")
        line.set(qn("w:color"), "000000")
        border.append(line)
    return border


def add_paragraph_style(doc, name: str, size: float, bold: bool | None = None, justify: bool = False):
    """Return a new paragraph style based on Normal, in the document face, ragged right unless it is body text."""
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    set_font(style, size, bold)
    style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY if justify else WD_ALIGN_PARAGRAPH.LEFT
    return style


def set_hanging(style, depth: int, indent_cm: float) -> None:
    """Give a style a hanging indent at `depth` indents, its label set off by a tab stop at the text."""
    fmt = style.paragraph_format
    fmt.left_indent = Cm(indent_cm * depth)
    fmt.first_line_indent = Cm(-indent_cm)
    fmt.tab_stops.add_tab_stop(Cm(indent_cm * depth))


def prepare_styles(doc, document: Document) -> None:
    """Restyle the template's Normal, Title, Heading 1-3, Caption, Header and Footer, and add the document's own styles."""
    compact, indent = document["compact"], read_indent_cm(document)
    body = COMPACT_BODY_PT if compact else BODY_PT
    normal = doc.styles["Normal"]
    set_font(normal, body)
    normal.paragraph_format.space_after = Pt(4 if compact else 6)
    normal.paragraph_format.line_spacing = 1.0
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY  # UN body text is justified; the styles below are not
    title = doc.styles["Title"]
    set_font(title, TITLE_PT - (2 if compact else 0), bold=True)
    remove_borders(title)
    title.paragraph_format.space_before, title.paragraph_format.space_after = Pt(6), Pt(6)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    for level, size in HEADING_PT.items():
        heading = doc.styles[f"Heading {level}"]
        set_font(heading, size - (1 if compact else 0), bold=True)
        heading.paragraph_format.space_before = Pt(10 if level == 1 else 8)
        heading.paragraph_format.space_after = Pt(6)
        heading.paragraph_format.keep_with_next = True
        heading.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
        set_hanging(heading, 1, indent)
    caption = doc.styles["Caption"]
    set_font(caption, body)
    caption.paragraph_format.keep_with_next = True
    caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT  # a justified line ending in a line break would be stretched
    caption.paragraph_format.space_before, caption.paragraph_format.space_after = Pt(8), Pt(4)
    for name in ("Header", "Footer"):
        set_font(doc.styles[name], SMALL_PT + 1)
    for depth, name in enumerate(("Numbered Paragraph", "Numbered Item", "Numbered Subitem"), start=1):
        set_hanging(add_paragraph_style(doc, name, body, justify=True), depth, indent)
    summary = add_paragraph_style(doc, "Summary", body, justify=True)
    summary.paragraph_format.left_indent = summary.paragraph_format.right_indent = Cm(indent)
    summary_heading = add_paragraph_style(doc, "Summary Heading", body + 2, bold=True)
    summary_heading.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    summary_heading.paragraph_format.keep_with_next = True
    banner = add_paragraph_style(doc, "Banner", SMALL_PT + 1)
    banner.element.get_or_add_pPr().insert_element_before(make_border(("top", "left", "bottom", "right"), BANNER_RULE_EIGHTHS), *AFTER_PBDR)
    banner.paragraph_format.space_after = Pt(12)
    add_paragraph_style(doc, "Masthead", body).paragraph_format.keep_with_next = True
    add_paragraph_style(doc, "Source", SMALL_PT).paragraph_format.space_after = Pt(2)
    add_paragraph_style(doc, "Note", SMALL_PT).paragraph_format.space_after = Pt(4)
    add_paragraph_style(doc, "Table Text", COMPACT_TABLE_PT if compact else TABLE_PT).paragraph_format.space_after = Pt(0)
    footnote_text = add_paragraph_style(doc, "footnote text", SMALL_PT)
    footnote_text.style_id = "FootnoteText"  # Word's own ids for its built-in footnote styles
    set_hanging(footnote_text, 1, indent)
    footnote_reference = doc.styles.add_style("footnote reference", WD_STYLE_TYPE.CHARACTER)
    footnote_reference.style_id = "FootnoteReference"
    footnote_reference.font.superscript = True


def set_page(section, document: Document) -> None:
    """Lay out the page: A4, the margins, a different first page."""
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Cm(PAGE_WIDTH_CM), Cm(PAGE_HEIGHT_CM)
    margin = Cm(read_margin_cm(document))
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = margin
    section.header_distance = section.footer_distance = Cm(read_margin_cm(document) / 2)
    section.different_first_page_header_footer = True


def add_page_field(paragraph) -> None:
    """Append a PAGE field (the page number) to a paragraph."""
    add_field(paragraph, " PAGE ", "1")


def add_field(paragraph, instruction: str, result: str) -> None:
    """Append a field to a paragraph: Word computes it (PAGE, SEQ Table...); result is what it shows until then."""
    for element, value in (("fldChar", "begin"), ("instrText", instruction), ("fldChar", "separate"), ("t", result), ("fldChar", "end")):
        run = paragraph.add_run()
        if element == "t":
            run.text = value
            continue
        node = OxmlElement(f"w:{element}")
        if element == "fldChar":
            node.set(qn("w:fldCharType"), value)
        else:
            node.set(qn("xml:space"), "preserve")
            node.text = value
        run._r.append(node)


def write_headers(doc, section, symbol: str) -> None:
    """Put the symbol in the header and the page number in the footer of the pages after the first, on the outer side
    (left on even pages, right on odd ones, as UN documents print them); page 1 has neither."""
    doc.settings.odd_and_even_pages_header_footer = True
    for header, footer, side in (
        (section.header, section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_header, section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        paragraph = header.paragraphs[0]
        paragraph.text = symbol
        paragraph.alignment = side
        for run in paragraph.runs:
            run.bold = True
        paragraph._p.get_or_add_pPr().insert_element_before(make_border(("bottom",), 4), *AFTER_PBDR)
        number = footer.paragraphs[0]
        number.alignment = side
        add_page_field(number)
        number.runs[-2].bold = True  # the page number's result, as the header: bold
    section.first_page_header.paragraphs[0].text = ""
    section.first_page_footer.paragraphs[0].text = ""


def set_table_borders(table, inside_h: int, bottom: int, top: int = 0) -> None:
    """Give a table without style rules above, between its rows and at its foot only (sizes in eighths of a point, 0 = none)."""
    borders = OxmlElement("w:tblBorders")
    for side, size in (("top", top), ("left", 0), ("bottom", bottom), ("right", 0), ("insideH", inside_h), ("insideV", 0)):
        line = OxmlElement(f"w:{side}")
        line.set(qn("w:val"), "single" if size else "nil")
        if size:
            line.set(qn("w:sz"), str(size))
            line.set(qn("w:space"), "0")
            line.set(qn("w:color"), "000000")
        borders.append(line)
    table._tbl.tblPr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription")


def set_style(paragraph, name: str) -> None:
    """Give a paragraph one of the document's paragraph styles, by name.

    python-docx's own setter compares the style with the default one, which it finds by reading every style of the
    template: about 1 ms a paragraph, two thirds of the time a Word file with tables took. The default (Normal) is no
    mark, as python-docx writes it."""
    ids = STYLE_IDS.setdefault(paragraph.part, {})  # found once per document: looking a style up by name reads them all too
    if name not in ids:
        ids[name] = paragraph.part.styles[name].style_id
    paragraph._p.style = None if ids[name] == DEFAULT_STYLE_ID else ids[name]


def add_styled(doc, text: str, name: str):
    """Add a paragraph of text in a named paragraph style (set_style) at the end of the document; return it."""
    paragraph = doc.add_paragraph(text)
    set_style(paragraph, name)
    return paragraph


def fill_cell(cell, lines: list[tuple[str, float, bool]], align=WD_ALIGN_PARAGRAPH.LEFT) -> None:
    """Write lines (text, size, bold) into a table cell, one paragraph each in the Masthead style."""
    for i, (text, size, bold) in enumerate(lines):
        paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        set_style(paragraph, "Masthead")
        paragraph.alignment = align
        paragraph.paragraph_format.space_after = Pt(2)
        run = paragraph.add_run(text)
        run.font.size, run.bold = Pt(size), bold


def make_mark_properties():
    """Return the run properties of the footnote mark: the footnote reference style, on the baseline (an asterisk is raised)."""
    return parse_xml(MARK_PROPERTIES.replace("<w:rPr>", f"<w:rPr {nsdecls('w')}>"))


def add_footnotes_part(doc, text: str) -> None:
    """Add word/footnotes.xml (the two separators and the agenda footnote) and relate it to the main document."""
    mark = f"<w:r>{MARK_PROPERTIES}<w:t>{AGENDA_MARK}</w:t></w:r>"
    body = parse_xml(
        f"<w:footnotes {nsdecls('w')}>"
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr>'
        "<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
        f'<w:footnote w:id="{AGENDA_FOOTNOTE_ID}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>{mark}'
        '<w:r><w:tab/></w:r><w:r><w:t xml:space="preserve"></w:t></w:r></w:p></w:footnote></w:footnotes>'
    )
    body.findall(f".//{{{W_NS}}}t")[-1].text = text  # set as a text node: lxml escapes it
    part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, body, doc.part.package)
    doc.part.relate_to(part, RT.FOOTNOTES)


def add_footnote_reference(paragraph) -> None:
    """Append the agenda footnote's reference to a paragraph: its own mark (an asterisk) follows the reference."""
    run = paragraph.add_run()
    run._r.append(make_mark_properties())
    reference = OxmlElement("w:footnoteReference")
    reference.set(qn("w:customMarkFollows"), "1")
    reference.set(qn("w:id"), str(AGENDA_FOOTNOTE_ID))
    run._r.append(reference)
    mark = paragraph.add_run(AGENDA_MARK)
    mark._r.insert(0, make_mark_properties())


def write_masthead(doc, block: MastheadBlock, width: int) -> None:
    """Write the UN masthead: a ruled table (United Nations | symbol; body | distribution) on a 3-column grid, then its lines."""
    table = doc.add_table(rows=2, cols=3)
    set_table_borders(table, inside_h=RULE_EIGHTHS, bottom=RULE_EIGHTHS)
    table.autofit = False
    left, right = int(width * (1 - SYMBOL_SHARE)), width - int(width * MASTHEAD_SPLIT)
    for cells in (table.columns, *(row.cells for row in table.rows)):
        cells[0].width, cells[1].width, cells[2].width = left, width - left - right, right
    symbol, body = table.cell(0, 1).merge(table.cell(0, 2)), table.cell(1, 0).merge(table.cell(1, 1))
    fill_cell(table.cell(0, 0), [(block["united_nations"], UNITED_NATIONS_PT, False)])
    fill_cell(symbol, [(block["symbol"], SYMBOL_PT, True)], WD_ALIGN_PARAGRAPH.RIGHT)
    fill_cell(body, [(block["body"], BODY_NAME_PT, True)])
    fill_cell(table.cell(1, 2), [(line, BODY_PT, False) for line in list_masthead_top(block)])
    for field, text in list_masthead_lines(block):
        paragraph = add_styled(doc, "", "Title" if field in TITLE_FIELDS else "Masthead")
        paragraph.add_run(text).bold = field in ("meeting", "agenda_title", "author") or None
        if field == "meeting":
            paragraph.paragraph_format.space_before = Pt(12)
        if field == "agenda_item" and has_agenda_footnote(block):
            add_footnote_reference(paragraph)
            add_footnotes_part(doc, block["agenda_footnote"])


def write_banner(doc, block: BannerBlock, _width: int) -> None:
    """Write the boxed notice."""
    add_styled(doc, block["text"], "Banner")


def write_summary(doc, block: SummaryBlock, _width: int) -> None:
    """Write the summary: its centred heading and indented, unnumbered paragraphs."""
    add_styled(doc, _("Summary"), "Summary Heading")
    for text in block["paragraphs"]:
        add_styled(doc, text, "Summary")


def write_heading(doc, block: HeadingBlock, _width: int) -> None:
    """Write a chapter, section or subsection heading: label, tab, text."""
    paragraph = add_styled(doc, f"{block['label']}\t{block['text']}" if block["label"] else block["text"], f"Heading {block['level']}")
    if not block["label"]:
        paragraph.paragraph_format.left_indent = paragraph.paragraph_format.first_line_indent = Cm(0)


def write_paragraph(doc, block: ParagraphBlock, _width: int) -> None:
    """Write a body paragraph and its subparagraphs. A numbered one is an item of Word's list (list_paragraph_levels): Word
    numbers it, and its subparagraphs (a), (i), so that an editor who inserts one gets the rest renumbered; an
    unnumbered one is plain Normal, its subparagraphs labelled in the text."""
    numbered = block["number"] is not None
    add_styled(doc, block["text"], "Numbered Paragraph" if numbered else "Normal")
    for depth, label, text in walk_items(block["items"]):
        style = "Numbered Item" if depth == 1 else "Numbered Subitem"
        paragraph = add_styled(doc, text if numbered else f"{label}\t{text}", style)
        if not numbered:  # outside the list: the label typed, no number from Word
            set_numbering(paragraph._p.get_or_add_pPr(), 0, 0)


def list_paragraph_levels() -> tuple[tuple[str, str], ...]:
    """Return the levels of the list of numbered paragraphs: 12., then (a), then (i) as the language labels them ('a)' in
    French and Spanish: the same message as report.label_subparagraph, Word's level number in place of the letter)."""
    label = lambda level: pgettext("the label of a subparagraph: (a), (i)", "({label})", label=level)  # noqa: E731
    return (("decimal", "%1."), ("lowerLetter", label("%2")), ("lowerRoman", label("%3")))


def set_numbering(ppr, level: int, num_id: int) -> None:
    """Set a paragraph's (or a style's) list level and list (num_id 0: no list)."""
    for old in ppr.findall(qn("w:numPr")):
        ppr.remove(old)
    numbering = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", level), ("w:numId", num_id)):
        node = OxmlElement(tag)
        node.set(qn("w:val"), str(value))
        numbering.append(node)
    ppr.insert_element_before(numbering, "w:pBdr", *AFTER_PBDR)


def add_paragraph_numbering(doc, indent_cm: float) -> None:
    """Define the document's list of numbered paragraphs (list_paragraph_levels: 1., (a), (i), each label hanging in the
    indent before a tab) and give it to the Numbered Paragraph, Item and Subitem styles."""
    numbering = doc.part.numbering_part.element
    taken = [int(n.get(qn("w:abstractNumId"))) for n in numbering.findall(qn("w:abstractNum"))]
    abstract_id = max(taken, default=0) + 1
    num_id = max([int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))], default=0) + 1
    twips = int(Cm(indent_cm).twips)
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
        f'<w:lvlJc w:val="left"/><w:pPr><w:tabs><w:tab w:val="num" w:pos="{twips * (i + 1)}"/></w:tabs>'
        f'<w:ind w:left="{twips * (i + 1)}" w:hanging="{twips}"/></w:pPr></w:lvl>'
        for i, (fmt, text) in enumerate(list_paragraph_levels())
    )
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}"><w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>'
    )
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:  # abstract numbers come before the numbers in numbering.xml
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'))
    for level, name in enumerate(("Numbered Paragraph", "Numbered Item", "Numbered Subitem")):
        set_numbering(doc.styles[name].element.get_or_add_pPr(), level, num_id)


def write_caption(doc, block: TableBlock | FigureBlock) -> None:
    """Write the caption above a table or figure: 'Table 3' (its number a SEQ field, so that Word renumbers the tables
    after one an editor inserts), then its title in bold on the next line."""
    label = format_caption(block)
    kind, number = label.split()
    paragraph = add_styled(doc, f"{kind} ", "Caption")
    add_field(paragraph, f" SEQ {kind} \\* ARABIC ", number)
    paragraph.runs[-1].add_break(WD_BREAK.LINE)
    paragraph.add_run(block["title"]).bold = True


def mark_row(row, header: bool) -> None:
    """Keep a table row on one page; a header row is repeated on every page the table runs to."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def rule_below(cell, eighths: int) -> None:
    """Draw a rule under a cell (the header row's)."""
    borders = OxmlElement("w:tcBorders")
    line = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", str(eighths)), ("w:space", "0"), ("w:color", "000000")):
        line.set(qn(key), value)
    borders.append(line)
    cell._tc.get_or_add_tcPr().append(borders)


def fill_table_row(row, cells: list[str], numeric: list[bool], widths: list[int], header: bool, size: float) -> None:
    """Write one row: text in the Table Text style at a size, numbers right-aligned, the header in bold over a rule."""
    for cell, text, is_number, width in zip(row.cells, cells, numeric, widths):
        cell.width = width
        paragraph = cell.paragraphs[0]
        set_style(paragraph, "Table Text")
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if is_number else WD_ALIGN_PARAGRAPH.LEFT
        run = paragraph.add_run(text)
        run.bold = header or None
        run.font.size = Pt(size)
        if header:
            rule_below(cell, HEADER_RULE_EIGHTHS)
    mark_row(row, header)


def set_cell_margins(table) -> None:
    """Give a table's cells the PDF's left and right margins (CELL_MARGIN_TWIPS) and none above or below."""
    margins = OxmlElement("w:tblCellMar")
    for side, twips in (("top", 0), ("left", CELL_MARGIN_TWIPS), ("bottom", 0), ("right", CELL_MARGIN_TWIPS)):
        node = OxmlElement(f"w:{side}")
        node.set(qn("w:w"), str(twips))
        node.set(qn("w:type"), "dxa")
        margins.append(node)
    table._tbl.tblPr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription")


def choose_table_size(block: TableBlock, width_pt: float, size: float) -> tuple[float, list[float]] | None:
    """Return the largest type size (from size down to MIN_TABLE_PT) at which no word of the table is cut, with its
    column widths in points; None when the table does not fit even at MIN_TABLE_PT."""
    pad = 2 * CELL_MARGIN_TWIPS / TWIPS_PER_PT
    while size >= MIN_TABLE_PT:
        widths = fit_columns(block["columns"], block["rows"], block["numeric"], width_pt, size, pad)
        if widths:
            return size, widths
        size -= TABLE_STEP_PT
    return None


def turn_page(doc, wide: bool) -> int:
    """Start a new section on a new page, landscape when wide, upright otherwise; return its text width (EMU)."""
    section = doc.add_section(WD_SECTION_START.NEW_PAGE)
    section.different_first_page_header_footer = False  # only page 1 of the document goes without header and number
    long_side, short_side = max(section.page_width, section.page_height), min(section.page_width, section.page_height)
    section.orientation = WD_ORIENT.LANDSCAPE if wide else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long_side, short_side) if wide else (short_side, long_side)
    return section.page_width - section.left_margin - section.right_margin


def write_table(doc, block: TableBlock, width: int) -> None:
    """Write a table: caption above, a Word table ruled as UN tables are (above, under the header, below; no boxes),
    header row repeated, rows unsplit, numbers right-aligned, source and note below. A table too wide for the page is
    set smaller, down to MIN_TABLE_PT; then on landscape pages of its own."""
    size = doc.styles["Table Text"].font.size.pt
    fitted = choose_table_size(block, width / EMU_PER_PT, size)
    turned = fitted is None
    if fitted is None:
        wide = turn_page(doc, True)
        even = [wide / EMU_PER_PT / len(block["columns"])] * len(block["columns"])
        fitted = choose_table_size(block, wide / EMU_PER_PT, size) or (MIN_TABLE_PT, even)
    size, widths_pt = fitted
    widths = [int(w * EMU_PER_PT) for w in widths_pt]
    write_caption(doc, block)
    table = doc.add_table(rows=1 + len(block["rows"]), cols=len(block["columns"]))
    set_table_borders(table, inside_h=0, bottom=TABLE_RULE_EIGHTHS, top=TABLE_RULE_EIGHTHS)
    set_cell_margins(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, column_width in zip(table.columns, widths):
        column.width = column_width  # the grid, which LibreOffice and Word lay a fixed table out by
    for i, (row, cells) in enumerate(zip(table.rows, [block["columns"], *block["rows"]])):
        fill_table_row(row, cells, block["numeric"], widths, header=i == 0, size=size)
    write_small_lines(doc, [block["source"], block["note"]], "Source")
    if turned:
        turn_page(doc, False)


def write_small_lines(doc, lines: list[str], style: str) -> None:
    """Write the non-empty lines in a small style (source, note, reading)."""
    for text in lines:
        if text:
            add_styled(doc, text, style)


def write_figure(doc, block: FigureBlock, width: int, images_dir: Path) -> None:
    """Write a figure: caption above, the picture at the text width with its alt text, source and reading below."""
    write_caption(doc, block)
    paragraph = add_styled(doc, "", "Normal")
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.keep_with_next = True
    shape = paragraph.add_run().add_picture(str(images_dir / block["image"]), width=width)
    doc_pr = shape._inline.find(f"{{{PICTURE_NS}}}docPr")
    doc_pr.set("descr", block["alt"])
    doc_pr.set("title", block["title"])
    write_small_lines(doc, [block["source"]], "Source")
    write_small_lines(doc, [block["reading"]], "Note")


def write_note(doc, block: NoteBlock, _width: int) -> None:
    """Write a note in small type."""
    add_styled(doc, block["text"], "Note")


def write_annex(doc, block: AnnexBlock, _width: int) -> None:
    """Start an annex on a new page: 'Annex I', then its title, one Heading 1 paragraph."""
    paragraph = add_styled(doc, format_annex(block), "Heading 1")
    paragraph.runs[0].add_break(WD_BREAK.LINE)
    paragraph.add_run(block["title"])
    paragraph.paragraph_format.page_break_before = True
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.first_line_indent = Cm(0)


# By kind, the writer of a block (a figure's takes the images' folder too); each writer takes its kind's type.
WRITERS: dict[str, Callable] = {
    "masthead": write_masthead,
    "banner": write_banner,
    "summary": write_summary,
    "heading": write_heading,
    "paragraph": write_paragraph,
    "table": write_table,
    "note": write_note,
    "annex": write_annex,
}


def set_properties(doc, properties: Properties) -> None:
    """Set the core properties (build material lives here, never in the body); created and modified are the date of issue."""
    core = doc.core_properties
    core.title, core.subject, core.author = properties["title"], properties["subject"], properties["author"]
    core.keywords, core.language = properties["keywords"], properties["language"]
    # the comments (dc:description) carry the provenance notes in full: Word reads any length, but python-docx refuses more
    # than 255 characters in a core property, so the element is written directly
    core._element._get_or_add("description").text = properties["comments"]
    core.last_modified_by, core.category, core.revision = properties["author"], "", 1
    core.created = core.modified = datetime.fromisoformat(properties["created"])


def drop_thumbnail(doc) -> None:
    """Remove the template's thumbnail (a picture of another document) from the package."""
    rels = doc.part.package.rels
    for r_id, rel in list(rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            rels.pop(r_id)


def order_entries(names: list[str]) -> list[str]:
    """Return zip entry names in a fixed order: the content types first, the package relationships next, then by name."""
    first = [n for n in ("[Content_Types].xml", "_rels/.rels") if n in names]
    return first + sorted(n for n in names if n not in first)


def write_fixed_zip(data: bytes, path: Path, stamp: datetime) -> None:
    """Write a package again with its entries in a fixed order, each stamped with the date of issue (same bytes each time)."""
    date_time = (max(stamp.year, 1980), stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in order_entries(source.namelist()):
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type, info.create_system, info.external_attr = zipfile.ZIP_DEFLATED, 0, 0o644 << 16
            target.writestr(info, source.read(name))
    path.write_bytes(out.getvalue())


def write_docx(document: Document, images_dir: Path, path: Path) -> None:
    """Write a document as a .docx: A4, named styles, masthead with its footnote, tables, figures, page numbers."""
    doc = docx.Document()
    prepare_styles(doc, document)
    section = doc.sections[0]
    set_page(section, document)
    width = cast(Length, section.page_width) - cast(Length, section.left_margin) - cast(Length, section.right_margin)  # set_page set them
    symbol = next((b["symbol"] for b in document["blocks"] if b["kind"] == "masthead"), "")
    write_headers(doc, section, symbol)
    add_paragraph_numbering(doc, read_indent_cm(document))
    for block in document["blocks"]:
        if block["kind"] == "figure":
            write_figure(doc, block, width, Path(images_dir))
        else:
            WRITERS[block["kind"]](doc, block, width)
    set_properties(doc, document["properties"])
    drop_thumbnail(doc)
    buffer = io.BytesIO()
    doc.save(buffer)
    write_fixed_zip(buffer.getvalue(), Path(path), read_created(document))
