"""Show report content from notebooks: banner, provenance, escaped tables written as CSV, charts, paragraphs."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape, unescape
from pathlib import Path
from typing import Any, Literal, cast

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, Image as IPythonImage, display
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from PIL import Image

from lib.analysis import brief, needs
from lib.io.files import write_report_csv
from lib.io.paths import processed_dir
from lib.io.releases import find_release_day
from lib.model import disclosure, register
from lib.model.dataset import Snapshot, list_code_labels, load_meeting
from lib.present import names
from lib.present.calendar import write_ics
from lib.present.charts import COMPLIANCE_LABELS
from lib.present.document import Block, FigureBlock, Item, MastheadBlock, MastheadFields, ParagraphBlock
from lib.present.i18n import (
    SOURCE_LANGUAGE,
    gettext as _,
    in_language,
    list_languages,
    localise,
    ngettext,
    pgettext,
    use_language,
    writing_in,
)
from lib.present.labels import CODE_COLUMNS, label_heading
from lib.present.masthead import build_masthead, render_masthead_html
from lib.present.narrative import (
    describe_cutoff,
    format_date,
    join_words,
    write_issued_note,
    write_rule_text,
    write_symbol_note,
    write_synthetic_banner,
)
from lib.present.tables import describe_table, render_table_html, whole_counts
from lib.present.workbook import write_workbook

COLUMNS_FILE = "columns.csv"  # beside a report written in several languages: its CSV files' columns labelled in each


REPORT_OUTPUT = "uncac_report"  # metadata key marking an output the report API made: a public build publishes no other
BLOCK_KEY = "uncac_block"  # metadata key of the document block an output shows (the Word file and the PDF are written from them)
PROVENANCE_KIND = "provenance"  # an output for the provenance page and the documents' properties, never on the reader's page
NOTE_KEY = "uncac_note"  # metadata key of a provenance note's text
LANG_KEY = "uncac_lang"  # metadata key of the language of an output written in another than the source language


def display_ipython(kind: str, payload, meta: dict | None = None) -> None:
    """Show content in a Jupyter kernel (the default sink), marked as made by the report API, with its document block."""
    meta = meta or {}
    marks = (
        {REPORT_OUTPUT: kind}
        | ({BLOCK_KEY: meta["block"]} if meta.get("block") else {})
        | ({LANG_KEY: meta["lang"]} if meta.get("lang") else {})
    )
    if kind == PROVENANCE_KIND:  # the page template leaves it out; the build collects it (lib.pipeline.documents)
        display({"text/plain": payload}, raw=True, metadata=marks | {NOTE_KEY: payload})
    elif kind == "html":
        display(HTML(payload), metadata=marks)
    else:
        display(IPythonImage(data=payload, format="png", metadata={"alt": meta.get("alt", "")}), metadata=marks)


# A page lists at most this many rows of a long list (recommendations, overdue items): a reviewer reads the first ones
# on the page, an analyst filters the whole list in its CSV. Aggregate tables are always shown in full.
LONG_LIST_ROWS = 40
PRINT_DPI = 200  # figures of the Word file and the PDF: sharp on paper at the text width (screen pages use charts.FIG_DPI)
DRAWN_FORMAT = "tiff"  # the picture drawn once and read back at once (make_figure_copies): uncompressed, not encoded twice


def make_figure_copies(drawn: bytes, scale: float) -> tuple[bytes, bytes]:
    """Return a figure's print copy and its screen copy (PNG) from the picture drawn at print resolution (any format Pillow
    reads): the print copy without its alpha channel (a chart is opaque; the PDF then needs no soft mask), the screen copy
    scaled by a factor (Lanczos), so that a chart is drawn once, not once per resolution."""
    with Image.open(io.BytesIO(drawn)) as picture:
        opaque = picture.convert("RGB")
    size = (max(1, round(opaque.width * scale)), max(1, round(opaque.height * scale)))
    copies = []
    for copy in (opaque, opaque.resize(size, Image.Resampling.LANCZOS)):
        out = io.BytesIO()
        copy.save(out, format="png")
        copies.append(out.getvalue())
    return copies[0], copies[1]


ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]  # chapters, annexes
ITEM_LABELS = "abcdefghijklmnopqrstuvwxyz"  # subparagraphs (a), (b)...; their own items are (i), (ii)...
DEFAULT_SINK = {"sink": display_ipython}  # where reports show content when no sink is given (lib.pipeline.bench swaps it)


class Report:
    """One report's output: shows content through a sink and writes every shown table as CSV."""

    def __init__(
        self,
        tables_dir: str = "",
        sink: Callable | None = None,
        policy=None,
        code_labels: dict | None = None,
        language: str = SOURCE_LANGUAGE,
        languages: Sequence[str] = (),
    ):
        """tables_dir: where shown tables go as CSV ('' = nowhere, for interactive use); sink: None = Jupyter display;
        policy: the build's lib.model.disclosure.Policy (None: restricted, everything; public: only PUBLIC_TABLES, missing
        numbers read 'suppressed'); code_labels: {column of codes: {code: label}} the tables show instead of codes;
        language: the language it writes in (another than the source language marks its outputs with it, writes its
        figures as figure-N.<language>.png and no CSV: the CSV files keep codes, one set for every language); languages:
        every language the report is written in (the source language's report labels its CSV files' columns in each)."""
        self.policy = policy or disclosure.Policy()
        self.build = self.policy.build
        self.tables_dir = Path(tables_dir) if tables_dir else None
        self.language = language
        self.suffix = "" if language == SOURCE_LANGUAGE else f".{language}"
        base = sink or DEFAULT_SINK["sink"]
        self.sink = base if not self.suffix else (lambda kind, payload, meta=None: base(kind, payload, (meta or {}) | {"lang": language}))
        self.tables: list[str] = []
        self.languages = list(languages) or [language]
        self.labelled: list[list[str]] = []  # the CSV files' columns with their labels (COLUMNS_FILE), in that order
        self.code_labels = code_labels or {}
        self.numbered = False  # a document (start_document): paragraphs, tables and figures numbered, each with a source
        self.source = ""  # the source line of tables and figures unless a call names its own
        self.counts = {"paragraph": 0, "table": 0, "figure": 0, "chapter": 0, "section": 0, "annex": 0}
        self.numbers: dict[str, tuple[str, int]] = {}  # table or figure name -> (kind, number), from its first mention
        if self.tables_dir:
            self.tables_dir.mkdir(parents=True, exist_ok=True)

    def label_csv_columns(self, filename: str, columns: list[str]) -> None:
        """Add a CSV file's columns to COLUMNS_FILE beside the report: each column's label in every language the report is
        written in (the CSV files keep their codes and column names, one set for every language)."""
        if self.tables_dir is None:  # interactive use: no files
            return
        for column in columns:
            labels = []
            for language in self.languages:
                with writing_in(language):
                    labels.append(label_heading(column, column in CODE_COLUMNS))
            self.labelled.append([filename, column, *labels])
        header = ["file", "column", *self.languages]
        write_report_csv(pd.DataFrame(self.labelled, columns=header), self.tables_dir / COLUMNS_FILE)

    def html(self, markup: str, block: Block | None = None) -> None:
        """Show trusted, already escaped HTML (with the document block it renders, if any)."""
        self.sink("html", markup, {"block": block} if block else None)

    def start_document(self, masthead: MastheadFields, source: str) -> None:
        """Start a document: show its masthead; from here paragraphs, tables and figures are numbered, with this source."""
        self.numbered, self.source = True, source
        block: MastheadBlock = {"kind": "masthead", **masthead}
        self.html(render_masthead_html(masthead), block)

    def summary(self, paragraphs: Sequence[str]) -> None:
        """Show the document's summary: unnumbered paragraphs under 'Summary' (texts already escaped)."""
        body = "".join(f"<p>{p}</p>" for p in paragraphs)
        heading = escape(_("Summary"))
        self.html(
            f'<section class="uncac-summary"><h2>{heading}</h2>{body}</section>',
            {"kind": "summary", "paragraphs": [to_plain(p) for p in paragraphs]},
        )

    def chapter(self, title: str) -> None:
        """Show a chapter heading numbered with a Roman numeral (I., II., ...); sections restart at A."""
        self.counts["chapter"] += 1
        self.counts["section"] = 0
        label = f"{ROMAN[self.counts['chapter'] - 1]}."
        self.html(f'<h2 class="uncac-chapter">{label} {escape(title)}</h2>', {"kind": "heading", "level": 1, "label": label, "text": title})

    def section(self, title: str, letter: str = "") -> None:
        """Show a section heading of the current chapter, lettered A., B., ... (or by the letter its source gives it)."""
        self.counts["section"] += 1
        label = f"{letter or ITEM_LABELS[self.counts['section'] - 1].upper()}."
        self.html(f'<h3 class="uncac-section">{label} {escape(title)}</h3>', {"kind": "heading", "level": 2, "label": label, "text": title})

    def annex(self, title: str) -> None:
        """Start an annex, numbered with a Roman numeral (Annex I, Annex II, ...), on a new page in print."""
        self.counts["annex"] += 1
        label = ROMAN[self.counts["annex"] - 1]
        heading = escape(_("Annex {label}", label=label))
        self.html(f'<h2 class="uncac-annex">{heading}<br>{escape(title)}</h2>', {"kind": "annex", "label": label, "title": title})

    def refer(self, name: str, kind: str = "table") -> str:
        """Return how the text names a table or figure ('table 3'), numbering it now if it is not shown yet."""
        if name not in self.numbers:
            taken = [n for k, n in self.numbers.values() if k == kind]
            self.numbers[name] = (kind, max(taken, default=0) + 1)
        return f"{kind} {self.numbers[name][1]}"

    def paragraph(self, text: str, see: Sequence[str] = (), items: Sequence = ()) -> None:
        """Show a paragraph (text already escaped by lib.present.narrative), numbered in a document.

        see: names of tables (or 'figure:name') the paragraph refers to, added as '(see table 3 and figure 1)';
        items: subparagraphs, each a text or (text, [sub-items]), labelled (a), (b)... and (i), (ii)..."""
        shown = [  # a withheld table or figure is not referred to
            n for n in see if (self.policy.shows_figure(n[7:]) if n.startswith("figure:") else self.policy.shows_table(n))
        ]
        if shown:
            refs = [self.refer(n.removeprefix("figure:"), "figure" if n.startswith("figure:") else "table") for n in shown]
            text = add_reference(text, refs)
        number = None
        if self.numbered:
            self.counts["paragraph"] += 1
            number = self.counts["paragraph"]
        label = f'<span class="uncac-no">{number}.</span>' if number else ""
        block_items, markup = label_items(items)
        block: ParagraphBlock = {"kind": "paragraph", "number": number, "text": to_plain(text), "items": block_items}
        self.html(f'<p class="uncac-para">{label}{text}</p>{markup}', block if self.numbered else None)

    def record_provenance(self, text: str) -> None:
        """Record a note for the secretariat (plain text): where a figure comes from, how it reconciles with another
        document, what was inferred. The provenance page and the documents' properties carry it, the body never does."""
        if text and not self.suffix:  # the provenance is the Secretariat's, in the source language only
            self.sink(PROVENANCE_KIND, text, None)

    def note(self, text: str) -> None:
        """Show a note in small type, unnumbered (text already escaped)."""
        self.html(f'<p class="uncac-note">{text}</p>', {"kind": "note", "text": to_plain(text)} if self.numbered else None)

    def take_number(self, name: str, kind: str, caption: str) -> int:
        """Return the number of the table or figure shown now; refer to it first in a paragraph when no text has."""
        if name not in self.numbers:  # a table is introduced by what it shows about the data, never by its caption alone
            raise ValueError(
                f"{kind.capitalize()} {name!r} ({caption}) is shown but no paragraph refers to it: name it in the see= of "
                f"the paragraph that says what it shows."
            )
        number = self.numbers[name][1]
        self.counts[kind] += 1
        if number != self.counts[kind]:
            shown = f"{kind} {self.counts[kind]}"
            raise ValueError(f"{kind.capitalize()} {name!r} is numbered {number} but shown as {shown}: refer to them in the order shown.")
        return number

    def table(
        self,
        frame: pd.DataFrame,
        name: str,
        caption: str,
        max_rows: int | None = None,
        source: str = "",
        pivot: tuple | None = None,
        cut_note: str = "",
    ) -> None:
        """Show a table and write the same rows and columns to <tables_dir>/<name>.csv (public builds: only a
        publishable table, without its free-text columns; a withheld table is named, not shown). max_rows: for a long
        list (e.g. LONG_LIST_ROWS), show its first rows only; the CSV has them all and the caption says so. In a
        document the table is numbered and followed by its source line (source, or the document's). pivot: (index,
        columns, values) shows a long table wide, e.g. ("provision", "group_code", "ta_needed_pct"): one row an
        article, one column a group (values may name several columns); the CSV stays long. The page shows labels,
        not codes, and units in the headings (lay_out_table)."""
        if self.policy.is_public:
            frame = disclosure.select_public_columns(frame, name)
            if frame is None:
                if self.numbered:  # a public document simply has no such table (its text never refers to it)
                    return
                self.note(
                    escape(
                        _("{caption}: not published (it lists States or their own words, or it is not cleared for it).", caption=caption)
                    )
                )
                return
        if self.tables_dir and not self.suffix:  # a CSV names a suppressed figure by the word, a page and a document by the symbol
            write_report_csv(whole_counts(frame), self.tables_dir / f"{name}.csv", self.policy.word if self.policy.is_public else "")
            self.tables.append(f"{name}.csv")
            if len(self.languages) > 1:
                self.label_csv_columns(f"{name}.csv", list(frame.columns))
        missing = self.policy.symbol
        hidden = bool(missing) and bool(frame.select_dtypes("number").isna().to_numpy().any())
        note = f'<p class="uncac-source">{escape(write_symbol_note())}</p>' if hidden else ""
        csv_name = f"{name}.csv" if self.tables_dir else ""
        if not self.numbered:
            self.html(render_table_html(frame, caption, csv_name, missing, max_rows, code_labels=self.code_labels, pivot=pivot) + note)
            return
        number, line = self.take_number(name, "table", caption), _("Source: {source}", source=source or self.source)
        block = describe_table(frame, number, caption, line, missing, max_rows, self.code_labels, pivot, cut_note)
        if hidden:
            block["note"] = " ".join(n for n in (block["note"], write_symbol_note()) if n)
        markup = render_table_html(frame, caption, csv_name, missing, max_rows, number, self.code_labels, pivot)
        cut = f'<p class="uncac-source">{escape(block["note"])}</p>' if cut_note and block["note"] else ""
        self.html(f'{markup}<p class="uncac-source">{escape(line)}</p>{cut}{note}', block)

    def workbook(self, views: dict[str, pd.DataFrame], name: str, caption: str) -> None:
        """Write views as an Excel workbook (and each as CSV) beside the report, and link it from the report."""
        if not self.tables_dir or not self.policy.shows_exports():
            return
        if self.suffix:  # the workbook keeps codes, one for every language: another language links the same file
            self.link_file(caption, f"{name}.xlsx", _("one sheet per view, header frozen, filters on; each view also as CSV"))
            return
        write_workbook(views, self.tables_dir / f"{name}.xlsx")
        shown = {(self.tables_dir / t).read_bytes() for t in self.tables}  # a view the page already offers as CSV: once
        for sheet, frame in views.items():
            path = self.tables_dir / f"{name}_{sheet}.csv"
            write_report_csv(frame, path)
            if path.read_bytes() in shown:
                path.unlink()
        self.link_file(caption, f"{name}.xlsx", _("one sheet per view, header frozen, filters on; each view also as CSV"))

    def calendar(self, events: pd.DataFrame, name: str, caption: str) -> None:
        """Write events as an iCalendar file beside the report (calendar applications import it) and link it."""
        if not self.tables_dir or not self.policy.shows_exports():
            return
        if not self.suffix:
            write_ics(events, self.tables_dir / f"{name}.ics", datetime.now(UTC).replace(microsecond=0))
        same = f"{name}.csv"  # the events as CSV, beside the calendar
        self.link_file(caption, f"{name}.ics", _("iCalendar, all-day events; the same events as CSV in {file}", file=same))

    def link_file(self, caption: str, filename: str, detail: str) -> None:
        """Show a link to a file written beside the report (in its tables folder), with what the file holds."""
        assert self.tables_dir is not None, "a file is linked only from a report that writes its files"
        self.html(
            f'<p class="uncac-note">{escape(caption)}: <a href="{escape(self.tables_dir.name)}/{escape(filename)}">'
            f"{escape(filename)}</a> ({escape(detail)}).</p>"
        )

    def figure(self, fig_and_reading: tuple, name: str = "", source: str = "") -> None:
        """Show a chart as an embedded PNG (its reading as alt text) followed by its one-line reading.

        fig_and_reading: (a matplotlib figure, or the axes seaborn returns, and its reading in one sentence). A public
        build shows only the figures of disclosure.PUBLIC_FIGURES (by name); another is named, not shown. In a document
        the figure is numbered: its title moves from the image to the caption above it, its source line follows, and a
        print-resolution copy (figure-N.png beside the tables) goes into the Word file and the PDF."""
        drawn, reading = fig_and_reading
        fig = cast(Figure, drawn.figure if isinstance(drawn, Axes) else drawn)
        title_loc: Literal["left", "center"] = "left" if fig.axes[0].get_title(loc="left") else "center"  # lib's on the left
        if not self.policy.shows_figure(name):
            plt.close(fig)
            if self.numbered:  # a public document simply has no such figure (its text never refers to it)
                return
            self.note(
                escape(_("{caption}: not published (not cleared for it).", caption=fig.axes[0].get_title(loc=title_loc) or _("A figure")))
            )
            return
        block: FigureBlock | None = None
        if self.numbered:
            title = fig.axes[0].get_title(loc=title_loc)
            number = self.take_number(name or f"figure-{self.counts['figure'] + 1}", "figure", title)
            fig.axes[0].set_title("", loc=title_loc)
            line = _("Source: {source}", source=source or self.source)
            image = f"figure-{number}{self.suffix}.png"
            block = {"kind": "figure", "number": number, "title": title, "source": line, "image": image, "alt": reading, "reading": reading}
            label = escape(_("Figure {number}", number=number))
            self.html(f'<p class="uncac-caption"><span class="uncac-no">{label}</span> {escape(title)}</p>')
        if block and self.tables_dir:  # drawn once, at print resolution; the page's copy is that picture scaled down
            drawn = io.BytesIO()
            fig.savefig(drawn, format=DRAWN_FORMAT, dpi=PRINT_DPI, bbox_inches="tight")
            printed, png = make_figure_copies(drawn.getvalue(), fig.dpi / PRINT_DPI)
            (self.tables_dir / block["image"]).write_bytes(printed)
        else:
            buf = io.BytesIO()
            fig.savefig(buf, format="png", bbox_inches="tight")
            png = buf.getvalue()
        plt.close(fig)
        self.sink("png", png, {"alt": reading, "block": block})
        source_line = f'<p class="uncac-source">{escape(block["source"])}</p>' if block else ""
        read = escape(_("Reading: {reading}", reading=reading))
        self.html(f'{source_line}<p class="uncac-reading">{read}</p>')

    def banner(self, manifest: dict, what: str = "self_assessment") -> None:
        """Show the synthetic-sample banner when the data are the synthetic sample (what: 'self_assessment' or 'review',
        the data it is about), and the rule of a public build."""
        if self.policy.is_public:
            rule = write_rule_text()
            self.html(f'<div class="uncac-public">{escape(rule)}</div>', {"kind": "banner", "text": rule})
        if manifest.get("is_synthetic"):
            text = write_synthetic_banner(what)
            self.html(f'<div class="uncac-banner">{escape(text)}</div>', {"kind": "banner", "text": text})

    def provenance(self, manifest: dict, meeting: pd.Series, rule: str) -> None:
        """Show what data the report used: cut-off, party rule, files and checksums, reconciliation."""
        self.html(
            f'<div class="uncac-provenance"><p>Data cut-off: <b>{escape(describe_cutoff(meeting))}</b>; '
            f"States parties counted by the rule <b>{escape(rule)}</b>; data checksum "
            f"<code>{escape(manifest['data_checksum'][:12])}</code>.</p><p>Ingest: {escape(manifest['reconciliation'])}.</p>"
            f"{'' if self.policy.is_public else render_input_files(manifest, ('self_assessment/',))}</div>"
        )


def to_plain(markup: str) -> str:
    """Return the plain text of a trusted, escaped sentence (its few tags, such as <b>, dropped): a document block's text."""
    return unescape(re.sub(r"<[^>]*>", "", markup))


def join_references(refs: list[str]) -> str:
    """Return references grouped by kind, in the order first named: ['table 1', 'table 2', 'figure 1'] ->
    'tables 1 and 2 and figure 1' (UN usage: 'tables 5 and 6', never 'table 5 and table 6')."""
    numbers: dict[str, list[str]] = {}
    for ref in refs:
        kind, number = ref.split()
        numbers.setdefault(kind, []).append(number)
    parts = [
        ngettext("figure {numbers}", "figures {numbers}", len(found), numbers=join_words(found))
        if kind == "figure"
        else ngettext("table {numbers}", "tables {numbers}", len(found), numbers=join_words(found))
        for kind, found in numbers.items()
    ]
    return join_words(parts)


def add_reference(text: str, refs: list[str]) -> str:
    """Return a paragraph's text with '(see table 3 and figure 1)' before its final full stop."""
    named = join_references(refs)
    body = text[:-1].rstrip("\u00a0\u202f ") if text.endswith((".", ":")) else text  # before a final full stop or colon,
    stop = text[len(body) :]  # with the space a French colon keeps before it
    return body + ngettext(" (see {references})", " (see {references})", len(refs), references=escape(named)) + stop


KEEP_CAPITAL = {"States", "State", "UN", "Convention", "Working"}  # words capitalised mid-sentence in UN usage


def lower_first(text: str) -> str:
    """Return a caption as the middle of a sentence: first letter in lower case unless it starts an acronym or a name."""
    first = text.split(" ", 1)[0]
    return text if first.isupper() or first in KEEP_CAPITAL else text[:1].lower() + text[1:]


def label_subparagraph(label: str) -> str:
    """Return a subparagraph's label as the language writes it: '(a)', '(i)' in English; 'a)', 'i)' in French and Spanish."""
    return pgettext("the label of a subparagraph: (a), (i)", "({label})", label=label)


def label_items(items: Sequence) -> tuple[list[Item], str]:
    """Return the subparagraphs as blocks and as HTML, labelled (a), (b)... and their own items (i), (ii)..."""
    blocks: list[Item] = []
    markup: list[str] = []
    for i, item in enumerate(items):
        text, subs = item if isinstance(item, tuple) else (item, [])
        label = label_subparagraph(ITEM_LABELS[i])
        sub_blocks: list[Item] = [{"label": label_subparagraph(ROMAN[j].lower()), "text": to_plain(t)} for j, t in enumerate(subs)]
        sub_markup = "".join(
            f'<div class="uncac-subitem"><span class="uncac-label">{b["label"]}</span>{t}</div>' for b, t in zip(sub_blocks, subs)
        )
        blocks.append({"label": label, "text": to_plain(text), "items": sub_blocks})
        markup.append(f'<div class="uncac-item"><span class="uncac-label">{label}</span>{text}{sub_markup}</div>')
    return blocks, "".join(markup)


def render_input_files(manifest: dict, prefixes: tuple[str, ...]) -> str:
    """Return the collapsed list of the raw files under these folders with their checksums (from the ingest's manifest)."""
    files = "".join(
        f"<li>{escape(e['path'])} <code>{escape(e['sha256'][:12])}</code></li>"
        for e in manifest["inputs"]
        if e["path"].startswith(prefixes)
    )
    return f"<details><summary>Input files</summary><ul>{files}</ul></details>"


class Reports:
    """One report written in several languages: each call runs once per language, the source language first, on the
    same figures (its texts, charts and tables written again in each: lib.present.i18n.in_language); what a call
    returns, and every attribute, is the source language's report's."""

    def __init__(self, reports: dict[str, Report]):
        self.reports = reports
        self.first = next(iter(reports.values()))

    def __getattr__(self, name: str):
        found = getattr(self.first, name)
        if not callable(found):
            return found

        def run_in_each_language(*args, **kwargs):
            result = found(*args, **kwargs)
            for language, rep in list(self.reports.items())[1:]:
                with writing_in(language):
                    getattr(rep, name)(*in_language(list(args), language), **in_language(kwargs, language))
            return result

        return run_in_each_language


def list_report_languages(languages: str) -> list[str]:
    """Return the languages a report is written in, from a notebook's `languages` parameter ('en fr es'): the source
    language first (it writes the CSV files), each once; an unknown code stops with one sentence."""
    asked = languages.split() or [SOURCE_LANGUAGE]
    known = list_languages()
    unknown = [lang for lang in asked if lang not in known]
    if unknown:
        raise ValueError(f"No catalog for the language(s) {', '.join(unknown)}: the languages with one are {', '.join(known)}.")
    return [SOURCE_LANGUAGE] + [lang for lang in dict.fromkeys(asked) if lang != SOURCE_LANGUAGE]


@dataclass
class Context:
    """What a report notebook works on, whatever its kind: the data, the snapshot at its meeting and the previous one
    (None for a report on the peer reviews, whose data are the reviews), the output, and what the report is about."""

    data: Any  # lib.model.dataset.Dataset, or lib.model.register.Reviews for a report on the peer reviews
    snap: Snapshot | None
    previous: Snapshot | None
    rep: Report | Reports
    rule: str = ""  # who is a State party at the cut-off (deposited or in_force); '' for the peer reviews
    data_dir: str = ""  # the data folder the report was opened on
    group_code: str = ""  # a regional analysis's group
    state_code: str = ""  # a country brief's State


def open_report(
    meeting_id: str,
    party_rule: str,
    data_dir: str,
    tables_dir: str,
    sink: Callable | None = None,
    state_code: str = "",
    build: str = "restricted",
    document: str = "",
    group_code: str = "",
    languages: str = SOURCE_LANGUAGE,
) -> Context:
    """Load the data, take the snapshot at the meeting's cut-off (and the previous one), show banner and provenance.

    With a state_code (a country brief) the provenance names that State's data checksum instead of the whole
    data set's, since a brief depends only on its State's and its group's answers. With a document kind
    (background_paper, regional_needs with its group_code, country_brief with its state_code) the report is a document
    the secretariat issues: its masthead comes first, then the banner; paragraphs, tables and figures are numbered,
    and the provenance goes to the build's provenance page instead of the body. languages: the languages the report is
    written in ('en fr es'; the source language always, first); with more than one, ctx.rep writes every call in each.
    """
    loaded = load_meeting(data_dir, meeting_id, party_rule, build, with_previous=not state_code)
    data, policy, snap = loaded.data, loaded.policy, loaded.snap
    written = list_report_languages(languages)
    index = names.index_names(data.names, data.ta_forms, data.states[["group_code", "group_name"]].drop_duplicates(), data.states)
    names.use_index(index)  # tables and names handed to messages and charts, written in each language
    reports = {}
    for language in written:
        with writing_in(language):
            code_labels = names.label_codes(describe_codes(data, snap), language, index)
            reports[language] = Report(tables_dir, sink, policy, code_labels, language, written)
    rep = reports[SOURCE_LANGUAGE] if len(reports) == 1 else Reports(reports)
    ctx = Context(data, snap, loaded.previous, rep, party_rule, data_dir, group_code, state_code)
    use_language(SOURCE_LANGUAGE)
    if document:
        for language, one in reports.items():  # the masthead and the source line as each language writes them
            with writing_in(language):
                one.start_document(describe_document(data, snap, document, group_code, state_code), describe_source(snap.meeting))
        rep.banner(data.manifest)
        if release := policy.release_of(meeting_id):  # figures kept as an earlier release issued them: the document says so
            rep.note(write_issued_note(find_release_day(release)))  # a date only: nothing to escape, and Text to remake
        return ctx
    rep.banner(data.manifest)
    if state_code:
        checksum = read_state_checksum(data_dir, state_code)
        rep.html(
            f'<div class="uncac-provenance"><p>Data cut-off: <b>{escape(describe_cutoff(snap.meeting))}</b>; '
            f"States parties counted by the rule <b>{escape(party_rule)}</b>; checksum of this State's answers "
            f"<code>{escape(checksum[:12])}</code>.</p></div>"
        )
    else:
        rep.provenance(data.manifest, snap.meeting, party_rule)
    return ctx


def describe_codes(data, snap) -> dict[str, dict[str, str]]:
    """Return the labels tables show instead of codes: the data's (forms, groups, States) and the checklist's answers."""
    return list_code_labels(data, snap) | {"compliance_code": {code: _(label) for code, label in COMPLIANCE_LABELS.items()}}


def describe_source(meeting: pd.Series) -> str:
    """Return the source line of a document's tables and figures: the reports received by the cut-off date."""
    return _("self-assessment reports received by {date}.", date=format_date(meeting["cutoff_date"]))


def describe_document(data, snap, kind: str, group_code: str = "", state_code: str = "") -> MastheadFields:
    """Return the masthead of a report issued as a document: the meeting's data, the build, the day of issue."""
    if kind == "regional_needs":
        group_name = needs.find_group_name(data, group_code)
        number = needs.find_group_number(snap, group_code)
        title = _("Regional analysis: {group}", group=localise(group_name))
        return build_masthead(snap.meeting, kind, snap.policy.build, title, number)
    if kind == "country_brief":
        name = brief.summarise_state(data, snap, state_code)["state_name"]
        return build_masthead(snap.meeting, kind, snap.policy.build, _("Country brief: {state}", state=localise(name)))
    return build_masthead(snap.meeting, kind, snap.policy.build)


def open_review_report(data_dir: str, tables_dir: str, sink: Callable | None = None, build: str = "restricted") -> Context:
    """Load the peer review tables (ctx.data), show the banner and the provenance (review files, checksums,
    reconciliation)."""
    reviews = register.load_reviews(data_dir)
    rep = Report(tables_dir, sink, disclosure.Policy(disclosure.check_build(build)))
    rep.banner(reviews.manifest, "review")
    total = reviews.reconciliation[["rows_read_n", "rows_accepted_n", "rows_superseded_n", "rows_rejected_n"]].sum()
    rep.html(
        f'<div class="uncac-provenance"><p>Data checksum <code>{escape(reviews.manifest["data_checksum"][:12])}</code>. '
        f"{escape(register.describe_membership_dates(reviews))}</p><p>Peer review files: {total['rows_read_n']:,} rows read = "
        f"{total['rows_accepted_n']:,} accepted + {total['rows_superseded_n']:,} superseded (earlier assessments, kept as "
        f"history) + {total['rows_rejected_n']:,} rejected, each with its reason.</p>"
        f"{render_input_files(reviews.manifest, ('peer_review/', 'reference/review_'))}</div>"
    )
    return Context(reviews, None, None, rep, data_dir=data_dir)


def read_state_checksum(data_dir: str, state_code: str) -> str:
    """Return the checksum of one State's processed answers (written by the ingest; '' when it has none)."""
    path = processed_dir(data_dir) / "by_state" / f"{state_code}.sha"
    return path.read_text(encoding="utf-8").strip() if path.is_file() else ""


def render_heading(group_name: str, meeting: pd.Series) -> str:
    """Return the escaped sub-heading naming the region and the meeting."""
    return (
        f'<h2>{escape(group_name)}</h2><p class="uncac-note">{escape(str(meeting["name"]))}; data cut-off '
        f"{escape(describe_cutoff(meeting))}.</p>"
    )
