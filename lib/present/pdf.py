"""Write a document (lib.present.document) as a PDF with reportlab platypus: UN masthead and footnote, same bytes on a rebuild."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    Image,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import Flowable

from lib.present.columns import fit_columns
from lib.present.document import (
    AGENDA_MARK,
    COMPACT_INDENT_CM,
    INDENT_CM,
    MASTHEAD_SPLIT,
    SYMBOL_SHARE,
    Document,
    FigureBlock,
    HeadingBlock,
    MastheadBlock,
    ParagraphBlock,
    TableBlock,
    format_annex,
    format_caption,
    has_agenda_footnote,
    list_masthead_lines,
    list_masthead_top,
    read_created,
    read_margin_cm,
    walk_items,
)
from lib.present.fonts import BOLD, FONT, register_fonts
from lib.present.i18n import gettext as _

rl_config.useA85 = 0  # images as binary Flate streams: reportlab's pure-Python ASCII85 text encoding took a third of their time

FOOTNOTE_RULE = 3 * cm  # the short rule above a footnote, as in UN documents
RULE, THIN_RULE = 1.5, 0.5  # the masthead's rules and the table rules, in points
MIN_CELL_PT = 7  # the smallest type a wide table is set in: a table that does not fit at it turns the page (landscape)
CELL_STEP_PT = 0.5  # a wide table is set smaller by this much at a time until its words fit
CELL_PAD_PT = 3  # a cell's padding left and right, in points
CELL_STYLES = ("cell", "cell_number", "cell_head", "cell_head_number")  # the styles of a table's cells
KEPT_ROWS = 3  # a table starts on a new page unless its caption, header and this many rows fit on the current one
MAX_HEIGHT = 10_000  # points: room enough to measure a flowable's natural height


@dataclass(frozen=True)
class Sizes:
    """Type sizes in points and the hanging indent, for a full document or a compact brief."""

    body: float
    small: float
    cell: float
    headings: tuple[float, float, float]
    title: float
    symbol: float
    indent: float
    figure_height: float  # a figure is at most this share of the frame's height (its width shrinks with it)


FULL = Sizes(body=10, small=8, cell=9, headings=(12, 11, 10), title=15, symbol=16, indent=INDENT_CM * cm, figure_height=0.6)
# A country brief is handed out at donor round-tables: never under 8 pt, its tables 7.5 pt.
COMPACT = Sizes(body=8, small=7.5, cell=7.5, headings=(10, 9, 8.5), title=12, symbol=12, indent=COMPACT_INDENT_CM * cm, figure_height=0.3)


def make_style(name: str, size: float, font: str = FONT, **options) -> ParagraphStyle:
    """Return a paragraph style in the documents' serif (lib.present.fonts), leading 1.2 times the size."""
    options = {"leading": size * 1.2} | options
    return ParagraphStyle(name, fontName=font, fontSize=size, bulletFontName=font, bulletFontSize=size, **options)


def make_styles(s: Sizes) -> dict[str, ParagraphStyle]:
    """Return the document's paragraph styles."""
    after = s.body * 0.6
    styles = {
        "body": make_style("body", s.body, alignment=TA_JUSTIFY, spaceAfter=after),
        "numbered": make_style("numbered", s.body, alignment=TA_JUSTIFY, spaceAfter=after, leftIndent=s.indent),
        "item1": make_style("item1", s.body, alignment=TA_JUSTIFY, spaceAfter=after, leftIndent=2 * s.indent, bulletIndent=s.indent),
        "item2": make_style("item2", s.body, alignment=TA_JUSTIFY, spaceAfter=after, leftIndent=3 * s.indent, bulletIndent=2 * s.indent),
        "summary_heading": make_style("summary_heading", s.body + 2, BOLD, alignment=TA_CENTER, spaceAfter=after, keepWithNext=1),
        "summary": make_style("summary", s.body, alignment=TA_JUSTIFY, spaceAfter=after, leftIndent=s.indent, rightIndent=s.indent),
        "banner": make_style(
            "banner",
            s.small + 1,
            borderWidth=0.75,
            borderColor="black",
            borderPadding=4,
            leftIndent=4,
            rightIndent=4,
            spaceBefore=6,
            spaceAfter=12,
        ),
        # A figure's caption is kept with its image; a table's is kept with its header and first rows (CondPageBreak), since
        # reportlab keeps a caption with a long table by moving the whole table to the next page.
        "caption_figure": make_style("caption_figure", s.body, spaceBefore=s.body, spaceAfter=s.body * 0.4, keepWithNext=1),
        "caption_table": make_style("caption_table", s.body, spaceBefore=s.body, spaceAfter=s.body * 0.4),
        "source": make_style("source", s.small, spaceBefore=2, spaceAfter=1),
        "note": make_style("note", s.small, spaceAfter=s.small * 0.6),
        "cell": make_style("cell", s.cell, leading=s.cell * 1.15),
        "cell_number": make_style("cell_number", s.cell, leading=s.cell * 1.15, alignment=TA_RIGHT),
        "cell_head": make_style("cell_head", s.cell, BOLD, leading=s.cell * 1.15),
        "cell_head_number": make_style("cell_head_number", s.cell, BOLD, leading=s.cell * 1.15, alignment=TA_RIGHT),
        "masthead": make_style("masthead", s.body, spaceAfter=2),
        "masthead_bold": make_style("masthead_bold", s.body, BOLD, spaceAfter=2),
        "united_nations": make_style("united_nations", s.symbol - 3),
        "symbol": make_style("symbol", s.symbol, BOLD, alignment=TA_RIGHT),
        "body_name": make_style("body_name", s.body + 1, BOLD, leading=(s.body + 1) * 1.2),
        "distribution": make_style("distribution", s.body - 1, leading=(s.body - 1) * 1.3),
        "title": make_style("title", s.title, BOLD, leading=s.title * 1.2, spaceBefore=s.body * 0.8, spaceAfter=s.body * 0.6),
        "footnote": make_style("footnote", s.small, leftIndent=s.indent),
        "header_even": make_style("header_even", s.small + 1, BOLD),
        "header_odd": make_style("header_odd", s.small + 1, BOLD, alignment=TA_RIGHT),
        "footer_even": make_style("footer_even", s.small + 1, BOLD),
        "footer_odd": make_style("footer_odd", s.small + 1, BOLD, alignment=TA_RIGHT),
    }
    for level, size in enumerate(s.headings, start=1):
        space = size * (1.0 if level == 1 else 0.8)
        options = {"spaceBefore": space, "spaceAfter": size * 0.5, "keepWithNext": 1, "leftIndent": s.indent}
        styles[f"h{level}"] = make_style(f"h{level}", size, BOLD, alignment=TA_LEFT, **options)
        styles[f"h{level}_plain"] = make_style(f"h{level}_plain", size, BOLD, **(options | {"leftIndent": 0}))
    return styles


def fit_size(style: ParagraphStyle, text: str, width: float) -> ParagraphStyle:
    """Return the style, set smaller when the text would not fit on one line of the width."""
    natural = pdfmetrics.stringWidth(text, style.fontName, style.fontSize)
    if natural <= width:
        return style
    size = style.fontSize * width / natural
    return ParagraphStyle(f"{style.name}_fitted", parent=style, fontSize=size, leading=size * 1.25)


def make_labelled(label: str, text: str, style: ParagraphStyle) -> Paragraph:
    """Return a paragraph whose label hangs in the indent (the bullet): '12.', '(a)', 'I.'; both escaped."""
    return Paragraph(f"<bullet>{escape(label)}</bullet>{escape(text)}", style)


def make_masthead(block: MastheadBlock, styles: dict, width: float) -> list[Flowable]:
    """Return the UN masthead: United Nations | symbol, body | distribution between rules, then its lines."""
    left, right = width * MASTHEAD_SPLIT, width * (1 - MASTHEAD_SPLIT)
    ruled = TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), FONT),  # reportlab's default for a cell is Helvetica, which would not be embedded
            ("LINEBELOW", (0, 0), (-1, -1), RULE, "black"),
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ("LEFTPADDING", (1, 0), (1, 0), 6),
        ]
    )
    symbol_style = fit_size(styles["symbol"], block["symbol"], width * SYMBOL_SHARE)
    top = [Paragraph(escape(block["united_nations"]), styles["united_nations"]), Paragraph(escape(block["symbol"]), symbol_style)]
    issuer = [
        Paragraph(escape(block["body"]), styles["body_name"]),
        [Paragraph(escape(line), styles["distribution"]) for line in list_masthead_top(block)],
    ]
    flowables: list[Flowable] = [
        # a document without a symbol (a country brief) is no UN document: no "United Nations" line above its issuer
        *([Table([top], colWidths=[width * (1 - SYMBOL_SHARE), width * SYMBOL_SHARE], style=ruled)] if block["symbol"] else []),
        Table([issuer], colWidths=[left, right], style=ruled),
        Spacer(1, styles["body"].fontSize),
    ]
    for field, text in list_masthead_lines(block):
        markup = escape(text) + (AGENDA_MARK if field == "agenda_item" and has_agenda_footnote(block) else "")
        style = {
            "title": "title",
            "addendum": "title",
            "subtitle": "title",
            "meeting": "masthead_bold",
            "agenda_title": "masthead_bold",
            "author": "masthead_bold",
        }.get(field, "masthead")
        flowables.append(Paragraph(markup, styles[style]))
    return flowables


def make_rows(block: TableBlock, styles: dict, rows: list[list[str]], widths: list[float]) -> list[list[Paragraph | str]]:
    """Return the header and the given rows as cells, numbers right-aligned: a text that fits on one line of its column as
    it is (the table's style sets its type), a longer one as a paragraph that wraps in its cell (four times slower)."""

    def make_cell(text: str, style: ParagraphStyle, width: float) -> Paragraph | str:
        if "\n" not in text and pdfmetrics.stringWidth(text, style.fontName, style.fontSize) <= width - 2 * CELL_PAD_PT:
            return text
        return Paragraph(escape(text), style)

    head = [styles["cell_head_number" if n else "cell_head"] for n in block["numeric"]]
    body = [styles["cell_number" if n else "cell"] for n in block["numeric"]]
    return [[make_cell(c, s, w) for c, s, w in zip(block["columns"], head, widths)]] + [
        [make_cell(c, s, w) for c, s, w in zip(row, body, widths)] for row in rows
    ]


def scale_style(style: ParagraphStyle, scale: float) -> ParagraphStyle:
    """Return a copy of a paragraph style with its type size and leading scaled."""
    return ParagraphStyle(f"{style.name}-{scale:.2f}", parent=style, fontSize=style.fontSize * scale, leading=style.leading * scale)


def choose_cell_size(block: TableBlock, width: float, size: float) -> tuple[float, list[float]] | None:
    """Return the largest cell size (from size down to MIN_CELL_PT) at which no word of the table is cut, and its
    column widths; None when the table does not fit the width even at MIN_CELL_PT."""
    while size >= MIN_CELL_PT:
        widths = fit_columns(block["columns"], block["rows"], block["numeric"], width, size, 2 * CELL_PAD_PT)
        if widths:
            return size, widths
        size -= CELL_STEP_PT
    return None


def make_table(block: TableBlock, styles: dict, width: float, wide_width: float) -> list[Flowable]:
    """Return a table: caption above, rows that split between pages only, header repeated, numbers right-aligned, source
    below. A table too wide for the page at its size is set smaller, down to MIN_CELL_PT; then on a landscape page."""
    fitted = choose_cell_size(block, width, styles["cell"].fontSize)
    turned = fitted is None
    if fitted is None:
        even = [wide_width / len(block["columns"])] * len(block["columns"])  # past all help: equal columns, turned
        fitted = choose_cell_size(block, wide_width, styles["cell"].fontSize) or (MIN_CELL_PT, even)
        width = wide_width
    size, widths = fitted
    if size != styles["cell"].fontSize:
        styles = dict(styles, **{k: scale_style(styles[k], size / styles["cell"].fontSize) for k in CELL_STYLES})
    pad = 1.5 * styles["cell"].fontSize / FULL.cell  # points above and below a cell's text: less in a compact brief
    rules = TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), FONT),  # reportlab's default for a cell is Helvetica, which would not be embedded
            ("FONTNAME", (0, 0), (-1, 0), BOLD),  # the type of the cells written as they are (make_rows): as their styles'
            ("FONTSIZE", (0, 0), (-1, -1), styles["cell"].fontSize),
            ("LEADING", (0, 0), (-1, -1), styles["cell"].leading),
            ("LINEABOVE", (0, 0), (-1, 0), THIN_RULE * 1.5, "black"),
            ("LINEBELOW", (0, 0), (-1, 0), THIN_RULE, "black"),
            ("LINEBELOW", (0, -1), (-1, -1), THIN_RULE * 1.5, "black"),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
            ("TOPPADDING", (0, 0), (-1, -1), pad),
            ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
            ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD_PT),
            ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD_PT),
            *[("ALIGN", (i, 0), (i, -1), "RIGHT") for i, numeric in enumerate(block["numeric"]) if numeric],
        ]
    )
    table = Table(make_rows(block, styles, block["rows"], widths), colWidths=widths, repeatRows=1, splitByRow=1, splitInRow=0, style=rules)
    caption = make_caption(block, styles)
    opening = Table(make_rows(block, styles, block["rows"][:KEPT_ROWS], widths), colWidths=widths, style=rules).wrap(width, MAX_HEIGHT)[1]
    style = caption[0].style
    needed = caption[0].wrap(width, MAX_HEIGHT)[1] + style.spaceBefore + style.spaceAfter + opening
    source = make_small([block["source"], block["note"]], styles["source"])
    body = [*caption, table, *source, Spacer(1, styles["body"].spaceAfter)]
    if turned:  # on pages of its own, turned; the text goes on on an upright page
        return [NextPageTemplate("landscape"), PageBreak(), *body, NextPageTemplate("later"), PageBreak()]
    return [CondPageBreak(needed), *body]


def make_caption(block: TableBlock | FigureBlock, styles: dict) -> list[Flowable]:
    """Return the caption above a table or figure: 'Table 3', then its title in bold (kept with what follows)."""
    return [Paragraph(f"{escape(format_caption(block))}<br/><b>{escape(block['title'])}</b>", styles[f"caption_{block['kind']}"])]


def make_small(lines: list[str], style: ParagraphStyle) -> list[Flowable]:
    """Return the non-empty lines in small type (source, note, reading)."""
    return [Paragraph(escape(text), style) for text in lines if text]


def make_figure(block: FigureBlock, styles: dict, width: float, max_height: float, images_dir: Path) -> list[Flowable]:
    """Return a figure: caption above, the image at the frame width (its aspect kept, never taller than max_height)."""
    path = images_dir / block["image"]
    pixels_wide, pixels_high = ImageReader(str(path)).getSize()
    scale = min(width / pixels_wide, max_height / pixels_high)
    image = Image(str(path), width=pixels_wide * scale, height=pixels_high * scale)
    image.hAlign = "CENTER"
    image.keepWithNext = True  # the source line stays under its image
    source, reading = make_small([block["source"]], styles["source"]), make_small([block["reading"]], styles["note"])
    return [*make_caption(block, styles), image, *source, *reading, Spacer(1, styles["body"].spaceAfter)]


def make_heading(block: HeadingBlock, styles: dict) -> list[Flowable]:
    """Return a chapter, section or subsection heading (its label hanging), kept with the next block."""
    level = block["level"]
    if block["label"]:
        return [make_labelled(block["label"], block["text"], styles[f"h{level}"])]
    return [Paragraph(escape(block["text"]), styles[f"h{level}_plain"])]


def make_paragraph(block: ParagraphBlock, styles: dict) -> list[Flowable]:
    """Return a body paragraph (its number hanging, or plain) and its subparagraphs indented below with their labels."""
    first = Paragraph(escape(block["text"]), styles["body"]) if block["number"] is None else None
    flowables = [first or make_labelled(f"{block['number']}.", block["text"], styles["numbered"])]
    return flowables + [make_labelled(label, text, styles[f"item{min(depth, 2)}"]) for depth, label, text in walk_items(block["items"])]


class PageMark(Flowable):
    """An invisible mark that records the page it falls on (where the first annex starts: a brief's two pages end there)."""

    def __init__(self, pages: dict, key: str) -> None:
        """pages: where the page number is recorded under key (the first mark of a key wins)."""
        super().__init__()
        self.pages, self.key = pages, key

    def wrap(self, available_width, available_height):
        """Take no room."""
        return 0, 0

    def draw(self) -> None:
        """Record the page number the mark is drawn on."""
        self.pages.setdefault(self.key, self.canv.getPageNumber())


def make_blocks(
    document: Document, styles: dict, width: float, wide_width: float, figure_height: float, images_dir: Path, pages: dict
) -> list[Flowable]:
    """Return the story: every block's flowables in reading order (pages receives the page the first annex starts on)."""
    # by kind, the flowables of a block: each maker takes its kind's type (the tag decides which)
    makers: dict[str, Callable[[Any], list[Flowable]]] = {
        "masthead": lambda b: make_masthead(b, styles, width),
        "banner": lambda b: [Paragraph(escape(b["text"]), styles["banner"])],
        "summary": lambda b: (
            [Paragraph(escape(_("Summary")), styles["summary_heading"])]
            + [Paragraph(escape(t), styles["summary"]) for t in b["paragraphs"]]
        ),
        "heading": lambda b: make_heading(b, styles),
        "paragraph": lambda b: make_paragraph(b, styles),
        "table": lambda b: make_table(b, styles, width, wide_width),
        "figure": lambda b: make_figure(b, styles, width, figure_height, images_dir),
        "note": lambda b: make_small([b["text"]], styles["note"]),
        "annex": lambda b: [
            PageBreak(),
            PageMark(pages, "annex"),
            Paragraph(f"{escape(format_annex(b))}<br/>{escape(b['title'])}", styles["h1_plain"]),
        ],
    }
    return [flowable for block in document["blocks"] for flowable in makers[block["kind"]](block)]


def make_footnote(document: Document, styles: dict) -> Paragraph | None:
    """Return the agenda footnote set at the foot of page 1, or None without one."""
    masthead = next((b for b in document["blocks"] if b["kind"] == "masthead"), None)
    if masthead is None or not has_agenda_footnote(masthead):
        return None
    return make_labelled(AGENDA_MARK, masthead["agenda_footnote"], styles["footnote"])


def make_canvas_maker(document: Document) -> Callable[..., Canvas]:
    """Return a canvas maker whose PDF dates are the date of issue (properties.created)."""
    stamp = read_created(document).strftime("D:%Y%m%d%H%M%S+00'00'")

    def make_canvas(*args, **kwargs) -> Canvas:
        """Return a canvas dated at the date of issue."""
        canvas = Canvas(*args, **(kwargs | {"initialFontName": FONT}))  # else every page names Helvetica, not embedded
        canvas.setDateFormatter(lambda *_args: stamp)
        return canvas

    return make_canvas


def make_page_drawers(document: Document, styles: dict, margin: float, footnote: Paragraph | None, footnote_height: float):
    """Return the page decorations: page 1 (its footnote, no number, as UN documents have it) and the pages after it,
    upright or turned (the symbol in the header and the page number in the footer, on the outer side: left on even
    pages, right on odd ones)."""
    symbol = next((b["symbol"] for b in document["blocks"] if b["kind"] == "masthead"), "")

    def draw_number(canvas: Canvas, doc, width: float) -> None:
        """Draw the page number in the footer, on the outer side of the page."""
        number = Paragraph(str(doc.page), styles["footer_even" if doc.page % 2 == 0 else "footer_odd"])
        number.wrapOn(canvas, width, margin)
        number.drawOn(canvas, margin, margin / 2)

    def draw_first(canvas: Canvas, doc) -> None:
        """Draw page 1's footnote above its footer, under a short rule."""
        if footnote is not None:
            canvas.setLineWidth(THIN_RULE)
            canvas.line(margin, margin + footnote_height + 3, margin + FOOTNOTE_RULE, margin + footnote_height + 3)
            footnote.drawOn(canvas, margin, margin)

    def draw_later(canvas: Canvas, doc) -> None:
        """Draw the symbol in the header over a thin rule, on the page's outer side, and the page number."""
        page_width, page_height = canvas._pagesize
        width = page_width - 2 * margin
        header = Paragraph(escape(symbol), styles["header_even" if doc.page % 2 == 0 else "header_odd"])
        _wide, height = header.wrapOn(canvas, width, margin)
        top = page_height - margin / 2
        header.drawOn(canvas, margin, top - height)
        canvas.setLineWidth(THIN_RULE)
        canvas.line(margin, top - height - 2, margin + width, top - height - 2)
        draw_number(canvas, doc, width)

    return draw_first, draw_later


@dataclass(frozen=True)
class Printed:
    """What a PDF came to: its pages, and the pages before its first annex (a brief's two-page rule reads those)."""

    pages: int
    body_pages: int


def write_pdf(document: Document, images_dir: Path, path: Path) -> Printed:
    """Write a document as an A4 PDF (compact for a brief), every font embedded; same bytes for the same document."""
    register_fonts()
    sizes = COMPACT if document["compact"] else FULL
    styles = make_styles(sizes)
    margin = read_margin_cm(document) * cm
    page_width, page_height = A4
    width, height = page_width - 2 * margin, page_height - 2 * margin
    wide_width, wide_height = page_height - 2 * margin, page_width - 2 * margin
    footnote = make_footnote(document, styles)
    footnote_height = footnote.wrap(width, height)[1] + styles["body"].fontSize if footnote is not None else 0
    draw_first, draw_later = make_page_drawers(document, styles, margin, footnote, footnote_height - styles["body"].fontSize)
    padding = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}
    first = Frame(margin, margin + footnote_height, width, height - footnote_height, id="first", **padding)
    later = Frame(margin, margin, width, height, id="later", **padding)
    turned = Frame(margin, margin, wide_width, wide_height, id="landscape", **padding)
    properties = document["properties"]
    doc = BaseDocTemplate(
        str(path),
        pagesize=A4,
        pageTemplates=[
            PageTemplate("first", [first], onPage=draw_first, autoNextPageTemplate="later"),
            PageTemplate("later", [later], onPage=draw_later),
            PageTemplate("landscape", [turned], onPage=draw_later, pagesize=landscape(A4)),
        ],
        invariant=1,
        title=properties["title"],
        author=properties["author"],
        subject=properties["subject"],
        keywords=properties["keywords"],
        creator=properties["author"],
        lang=properties["language"],
    )
    pages: dict[str, int] = {}
    story = make_blocks(document, styles, width, wide_width, sizes.figure_height * height, Path(images_dir), pages)
    doc.build(story, canvasmaker=make_canvas_maker(document))
    return Printed(doc.page, pages.get("annex", doc.page + 1) - 1)
