"""Show report content from notebooks: banner, provenance, escaped tables written as CSV, charts, paragraphs."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from datetime import UTC
from html import escape, unescape
from pathlib import Path

import numpy as np
import pandas as pd
from PIL import Image

from lib.io.files import write_report_csv
from lib.io.messages import N_
from lib.io.releases import find_release_day
from lib.present import names
from lib.present.i18n import (
    SOURCE_LANGUAGE,
    format_integer,
    gettext as _,
    in_language,
    list_languages,
    localise,
    ngettext,
    pgettext,
    use_language,
    writing_in,
)
from lib.present.narrative import (
    describe_cutoff,
    format_date,
    format_figure,
    join_words,
    write_issued_note,
    write_rule_text,
    write_symbol_note,
    write_synthetic_banner,
)

# Column labels shown to readers; CSV files keep the machine names (unit suffix _n = count, _pct = per cent).
COLUMN_LABELS = {
    "provision": N_("Article"),
    "title": N_("Title"),
    "responding_parties_n": N_("Responding parties"),
    "full_n": N_("Fully compliant"),
    "partial_n": N_("Partly compliant"),
    "none_n": N_("Not compliant"),
    "no_answer_n": N_("No answer"),
    "full_pct": N_("Fully compliant (%)"),
    "partial_pct": N_("Partly compliant (%)"),
    "none_pct": N_("Not compliant (%)"),
    "no_answer_pct": N_("No answer (%)"),
    "ta_needed_n": N_("Needing assistance"),
    "ta_needed_pct": N_("Needing assistance (%)"),
    "ta_provided_n": N_("Assistance already provided"),
    "unmet_n": N_("Needs not yet met (as reported)"),
    "group_code": N_("Group code"),
    "group_name": N_("Regional group"),
    "parties_n": N_("States parties"),
    "responding_pct": N_("Response rate (%)"),
    "ta_form_code": N_("Form code"),
    "label": N_("Form of technical assistance"),
    "needs_n": N_("Requests (State x article)"),
    "states_n": N_("States parties"),
    "states_pct": N_("States parties: share of respondents (%)"),
    "provider": N_("Provider (as written)"),
    "indicator": N_("Indicator"),
    "previous": N_("Previous meeting"),
    "current": N_("This meeting"),
    "change": N_("Change"),
    "region_full_pct": N_("Region: fully compliant (%)"),
    "global_full_pct": N_("All: fully compliant (%)"),
    "region_ta_needed_pct": N_("Region: needing assistance (%)"),
    "global_ta_needed_pct": N_("All: needing assistance (%)"),
    "ta_needed_gap_pp": N_("Gap (percentage points)"),
    "rank": N_("Rank"),
    "not_full_pct": N_("Not fully compliant (%)"),
    "top_forms": N_("Forms most requested"),
    "state_code": N_("Code"),
    "state_name": N_("State"),
    "submitted_on": N_("Submitted on"),
    "submissions_n": N_("Submissions"),
    "has_responded": N_("Responded"),
    "source_file": N_("File"),
    "reason": N_("Reason"),
    "rows_n": N_("Rows"),
    "rows_read_n": N_("Rows read"),
    "rows_accepted_n": N_("Accepted"),
    "rows_superseded_n": N_("Superseded"),
    "rows_rejected_n": N_("Rejected"),
    "is_reconciled": N_("Reconciled"),
    "state_text": N_("State (as written)"),
    "submitted_on_text": N_("Submitted on (as written)"),
    "reasons": N_("Reasons"),
    "rows_used_n": N_("Used at this meeting"),
    "rows_not_used_n": N_("Not used (later, or another checklist)"),
    "table": N_("Table"),
    "column": N_("Column"),
    "type": N_("Type"),
    "meaning": N_("Meaning"),
    "term": N_("Term"),
    "coverage": N_("Coverage"),
    "covered_forms": N_("Forms a known activity covers"),
    "uncovered_forms": N_("Forms no known activity covers"),
    "providers_n": N_("Providers"),
    "providers": N_("Providers (as written)"),
    "need_items_n": N_("Needs (State x article x form)"),
    "unsupplied_n": N_("Not covered by any known activity"),
    "one_provider_n": N_("Met by one provider"),
    "several_providers_n": N_("Met by several providers"),
    "unsupplied_pct": N_("Not covered by any known activity"),
    "several_providers_pct": N_("Met by several (%)"),
    "activities_n": N_("Active activities"),
    "needs_met_n": N_("Needs met"),
    "shared_n": N_("Needs met with other providers"),
    "provider_type": N_("Provider type"),
    "form": N_("Form"),
    "states": N_("States parties"),
    "compliance": N_("Compliance"),
    "ta_needed": N_("Assistance needed"),
    "forms": N_("Forms requested"),
    "ta_provided": N_("Assistance received (as reported)"),
    "providers_reported": N_("Providers (as reported)"),
    "supply_providers": N_("Providers with matching activities"),
    "group_full_pct": N_("Group: fully compliant (%)"),
    "group_ta_needed_pct": N_("Group: needing assistance (%)"),
    "group_respondents_n": N_("Group respondents"),
    "before_compliance": N_("Compliance before"),
    "now_compliance": N_("Compliance now"),
    "before_ta_needed": N_("Assistance needed before"),
    "now_ta_needed": N_("Assistance needed now"),
    "activities": N_("Activities"),
    "national_activities": N_("National activities"),
    "regional_activities": N_("Regional activities"),
    "experts_n": N_("Experts"),
    "experts_pct": N_("Experts (%)"),
    "parties_pct": N_("States parties (%)"),
    "proportional_n": N_("Experts for a proportional share"),
    "shortfall_n": N_("Shortfall (experts)"),
    "language": N_("Language code"),
    "language_name": N_("Language"),
    "is_un_language": N_("UN language"),
    "gender": N_("Gender"),
    "area": N_("Article or theme"),
    "kind": N_("Kind"),
    "short_n": N_("Short of experts (fewer than 3)"),
    "short_pct": N_("Short of experts (%)"),
    "candidates_n": N_("Suitable experts"),
    "expert": N_("Expert"),
    "nationality": N_("Nationality"),
    "institution": N_("Institution"),
    "speaks_language": N_("Speaks a language of the State"),
    "mechanism_id": N_("Mechanism"),
    "mechanisms": N_("Mechanisms"),
    "mechanisms_n": N_("Mechanisms"),
    "one_mechanism_n": N_("One mechanism"),
    "two_mechanisms_n": N_("Two mechanisms"),
    "three_mechanisms_n": N_("Three mechanisms"),
    "four_or_more_n": N_("Four or more"),
    "several_pct": N_("Reviewed by several (%)"),
    "mechanism_id_a": N_("Mechanism"),
    "start_date_a": N_("From"),
    "end_date_a": N_("To"),
    "status_a": N_("Status"),
    "mechanism_id_b": N_("Other mechanism"),
    "start_date_b": N_("From (other)"),
    "end_date_b": N_("To (other)"),
    "status_b": N_("Status (other)"),
    "overlap_days": N_("Days in common"),
    "gap_days": N_("Days apart"),
    "event_id": N_("Event"),
    "event_type": N_("Event"),
    "start_date": N_("From"),
    "end_date": N_("To"),
    "status": N_("Status"),
    "round": N_("Round"),
    "month": N_("Month"),
    "recommendations_n": N_("Recommendations"),
    "implemented_n": N_("Implemented"),
    "partly_implemented_n": N_("Partly implemented"),
    "not_implemented_n": N_("Not implemented"),
    "no_longer_applicable_n": N_("No longer applicable"),
    "not_yet_assessed_n": N_("Not yet assessed"),
    "implemented_pct": N_("Implemented: share of those assessed (%)"),
    "partly_pct": N_("Partly implemented: share of those assessed (%)"),
    "theme": N_("Theme"),
    "recommendation_id": N_("Recommendation"),
    "follow_up_due": N_("Follow-up due"),
    "days_overdue": N_("Days overdue"),
    "common_status": N_("Status (common scale)"),
    "assessed_since_due": N_("Assessed since the deadline"),
    "with_deadline_n": N_("With a deadline"),
    "overdue_n": N_("Overdue"),
    "overdue_pct": N_("Overdue (%)"),
    "without_criteria_n": N_("Without criteria"),
    "without_criteria_pct": N_("Without criteria (%)"),
    "text": N_("Recommendation (verbatim)"),
    "open_with_ta_need_n": N_("Open, State reports a need for assistance"),
    "open_without_ta_need_n": N_("Open, State reports no need for assistance"),
    "open_not_self_assessed_n": N_("Open, article not self-assessed"),
    "with_ta_need_pct": N_("With a need for assistance: share of those self-assessed (%)"),
    "themes": N_("Area"),
    "status_as_stated": N_("Status as the text states it"),
    "source_text": N_("Source"),
    "availability": N_("Availability"),
    "contact": N_("Contact (with consent)"),
    "global_activities": N_("Global activities"),
    "is_ta_provided": N_("Assistance reported as provided"),
}
PERCENT_SUFFIXES = ("_pct", "_pp")  # per cent and percentage points always show one decimal, so a column aligns
UNITS = {"_pct": "%", "_pp": N_("percentage points"), "_n": "n"}  # the unit a column's suffix names, said in its heading
IDENTIFIER_ENDINGS = ("_id", "_row", "year", "rank")  # whole numbers that name rather than count: no thousands separator
MAX_DECIMALS = 2  # a column of other numbers shows as many decimals as its most precise value needs, up to this many
INDICATOR = "indicator"  # a table of indicators (one row per figure, its unit in its label): decimals go by row
# Columns of codes and the columns that give their labels: a page shows the label, never the code (the CSV keeps
# both, machine-readable). With its label column in the table the code column is left off the page; without it, the
# code reads as its label (Report.code_labels, from the data) under this heading.
CODE_COLUMNS = {
    "ta_form_code": (("label", "form"), N_("Form of technical assistance")),
    "group_code": (("group_name",), N_("Regional group")),
    "compliance_code": (("compliance",), N_("Compliance")),
    "language": (("language_name",), N_("Language")),
    "reason_code": (("reason",), N_("Reason")),
    "nationality": ((), N_("Nationality")),
}


COLUMNS_FILE = "columns.csv"  # beside a report written in several languages: its CSV files' columns labelled in each


def label_heading(column: str, coded: bool) -> str:
    """Return a column's heading in the current language: what its codes are when it shows them as labels (coded), else
    its label with unit (label_column); a heading that is a name (a wide table's group, its total) as the language
    writes it."""
    if coded:
        return _(CODE_COLUMNS[column][1])
    label = label_column(column)
    return label if column in COLUMN_LABELS or column in CODE_COLUMNS else names.translate_heading(label)


def label_column(column: str) -> str:
    """Return a column's heading: its reader label (or its name in words), with the unit its suffix names, once."""
    stem = next((column.removesuffix(s) for s in UNITS if column.endswith(s)), column)
    label = (
        _(COLUMN_LABELS[column])
        if column in COLUMN_LABELS
        else (stem.replace("_", " ").strip().capitalize() if column != stem else column.replace("_", " "))
    )
    label = label[:1].upper() + label[1:]
    unit = next((_(u) for s, u in UNITS.items() if column.endswith(s)), "")
    return _("{label} ({unit})", label=label, unit=unit) if unit and not label.endswith(")") else label


def count_decimals(values: pd.Series) -> int:
    """Return the decimals the most precise of some numbers needs to read as it is (at most MAX_DECIMALS)."""
    shown = [f"{v:.{MAX_DECIMALS}f}".rstrip("0") for v in values.dropna().astype("float64")]
    return max((len(t.split(".")[1]) for t in shown), default=0)


def choose_decimals(columns: list[str], table: pd.DataFrame) -> list[int | None]:
    """Return the decimals of each column (None for text): one for a share, none for a count, and for the other
    columns of decimal numbers (no unit in their names, e.g. a pivot's) as many as the most precise of them needs."""
    plain = [i for i, c in enumerate(columns) if is_number_column(table[i]) and not pd.api.types.is_integer_dtype(table[i])]
    plain = [i for i in plain if not columns[i].endswith((*PERCENT_SUFFIXES, "_n"))]
    shared = count_decimals(pd.concat([table[i] for i in plain])) if plain else 0
    return [
        None if not is_number_column(table[i]) else 1 if c.endswith(PERCENT_SUFFIXES) else shared if i in plain else 0
        for i, c in enumerate(columns)
    ]


def is_number_column(values: pd.Series) -> bool:
    """Return True for a column of numbers (flags are not numbers: they read yes or no)."""
    return bool(pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values))


def format_cell(column: str, value, missing: str = "", decimals: int | None = None) -> str:
    """Return a cell as readers see it: numbers with thousands separators and the column's decimals (percentages one),
    yes/no for flags, dates as dates. decimals: the column's (choose_decimals); None: this value's own."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return missing
    if isinstance(value, (bool, np.bool_)):
        return names.translate_answer("yes" if value else "no")
    if isinstance(value, (int, np.integer, float, np.floating)) and column.endswith(IDENTIFIER_ENDINGS) and float(value).is_integer():
        return str(int(value))
    if isinstance(value, (int, np.integer)) and decimals in (None, 0):
        return format_integer(value)
    if isinstance(value, (float, np.floating, int, np.integer)):
        if decimals is None:
            decimals = 1 if column.endswith(PERCENT_SUFFIXES) else count_decimals(pd.Series([value]))
        return format_figure(float(value), decimals)
    if isinstance(value, pd.Timestamp):  # a date as UN documents write it ('3 September 2009'; the CSV keeps ISO 8601)
        return format_date(value) if value == value.normalize() else f"{format_date(value)}, {value.strftime('%H:%M')}"
    return str(value)


def pivot_table(frame: pd.DataFrame, pivot: tuple, code_labels: dict) -> tuple[pd.DataFrame, list[str], list[str], pd.DataFrame]:
    """Return a long table as readers read it, wide: (table, headings, the long column each column's figures come from,
    which cells the long table has); pivot = (index column, column whose values become columns, value column(s))."""
    index, across, values = pivot
    values = [values] if isinstance(values, str) else list(values)
    keys = list(dict.fromkeys(frame[across]))
    wide = frame.pivot(index=index, columns=across, values=values).reindex(list(dict.fromkeys(frame[index])))
    present = frame.assign(_present=True).pivot(index=index, columns=across, values="_present").reindex(wide.index)
    order = [(v, k) for k in keys for v in values]
    same_measure = len({v.removesuffix(next((s for s in UNITS if v.endswith(s)), "")) for v in values}) == 1
    names = {k: str(code_labels.get(across, {}).get(k, k)) for k in keys}
    names = {k: n[:1].upper() + n[1:] for k, n in names.items()}
    headings = [label_column(index)] + [
        f"{names[k]} ({UNITS[s]})"
        if same_measure and (s := next((s for s in UNITS if v.endswith(s)), ""))
        else f"{names[k]}: {label_column(v)}"
        for v, k in order
    ]
    table = pd.concat([wide.index.to_series().reset_index(drop=True)] + [wide[c].reset_index(drop=True) for c in order], axis=1)
    table.columns = range(len(order) + 1)
    cells = pd.concat(
        [pd.Series(True, index=range(len(wide)))] + [present[k].fillna(False).astype(bool).reset_index(drop=True) for _v, k in order],
        axis=1,
    )
    return table, headings, [index] + [v for v, _k in order], cells


def lay_out_table(
    frame: pd.DataFrame, missing: str = "", code_labels: dict | None = None, pivot: tuple | None = None, max_rows: int | None = None
) -> dict:
    """Return a table as a page shows it: {"columns": headings, "numeric": flags, "rows": formatted cells, "total": rows}.

    Labels instead of codes (CODE_COLUMNS), units in headings, thousands separators, one number of decimals per column
    (per row in a table of indicators); a missing number reads `missing` (public builds: 'suppressed'). pivot: show a
    long table wide (pivot_table); a cell the long table does not have is left blank. max_rows: the first rows only."""
    code_labels = code_labels or {}
    if pivot:
        table, headings, sources, has_cell = pivot_table(frame, pivot, code_labels)
    else:
        hidden = [c for c, (labels, _heading) in CODE_COLUMNS.items() if c in frame.columns and any(lc in frame.columns for lc in labels)]
        table = frame.drop(columns=hidden)
        sources = list(table.columns)
        table = table.assign(
            **{c: table[c].map(lambda v, c=c: code_labels[c].get(v, v)) for c in sources if c in CODE_COLUMNS and c in code_labels}
        )
        if INDICATOR in table.columns:  # a table of indicators: each read in the language written in (its CSV keeps English)
            table = table.assign(**{INDICATOR: table[INDICATOR].map(names.translate_indicator)})
        words = [c for c in sources if not is_number_column(table[c])]  # answers in words, as the language writes them
        table = table.assign(**{c: table[c].map(names.translate_answer) for c in words})
        table = table.assign(**{c: table[c].map(names.translate_providers) for c in sources if c in names.PROVIDER_COLUMNS})
        headings = [label_heading(c, c in CODE_COLUMNS and c in code_labels) for c in sources]
        table.columns = range(len(sources))
        has_cell = pd.DataFrame(True, index=table.index, columns=table.columns)
    numeric = [is_number_column(frame[s]) for s in sources]
    decimals = choose_decimals(sources, table)
    by_row = INDICATOR in frame.columns and not pivot
    total, rows = len(table), []
    shown = table.head(max_rows) if max_rows is not None else table
    for r, (row, present) in enumerate(zip(shown.itertuples(index=False), has_cell.itertuples(index=False))):
        row_decimals = decide_row_decimals(frame.iloc[r], numeric, sources) if by_row else None
        rows.append(
            [
                format_cell(s, v, (missing if num else "") if ok else "", row_decimals if num and row_decimals is not None else d)
                for s, v, num, d, ok in zip(sources, row, numeric, decimals, present)
            ]
        )
    return {"columns": headings, "numeric": numeric, "rows": rows, "total": total}


def whole_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a table as its CSV holds it: in a table of indicators (counts and shares in one column), a count reads as
    a whole number ('129', not '129.0'), a share as it is; other tables unchanged."""
    if INDICATOR not in frame.columns:
        return frame
    numeric = [c for c in frame.columns if is_number_column(frame[c])]
    counts = ~frame[INDICATOR].astype(str).str.endswith(("(%)", "(percentage points)"))
    out = frame.astype({c: object for c in numeric})
    for c in numeric:
        out.loc[counts, c] = frame.loc[counts, c].map(lambda v: v if pd.isna(v) else int(round(float(v))))
    return out


def decide_row_decimals(row: pd.Series, numeric: list[bool], sources: list[str]) -> int:
    """Return the decimals of one row of a table of indicators: one for a figure in per cent, else as its values need."""
    if str(row[INDICATOR]).endswith(("(%)", "(percentage points)")):
        return 1
    return count_decimals(pd.Series([row[s] for s, num in zip(sources, numeric) if num], dtype="float64"))


def render_table_html(
    frame: pd.DataFrame,
    caption: str,
    csv_name: str = "",
    missing: str = "",
    max_rows: int | None = None,
    number: int | None = None,
    code_labels: dict | None = None,
    pivot: tuple | None = None,
) -> str:
    """Return an escaped HTML table as lay_out_table shows it; every cell and header goes through html.escape.

    missing: how a missing number reads (public builds: 'suppressed'); max_rows: show only the first rows of a long
    list, and say so in the caption (the CSV holds every row); number: a document's table number ('Table 3'), whose
    caption names no file; code_labels, pivot: see lay_out_table."""
    layout = lay_out_table(frame, missing, code_labels, pivot, max_rows)
    total, rows = layout["total"], layout["rows"]
    num = ["num" if n else "" for n in layout["numeric"]]
    head = "".join(f'<th class="{c}">{escape(h)}</th>' for c, h in zip(num, layout["columns"]))
    body = ["<tr>" + "".join(f'<td class="{c}">{escape(t)}</td>' for c, t in zip(num, row)) + "</tr>" for row in rows]
    named = "" if number else csv_name  # a document's caption names no file: its CSV is a download of the page
    shown = ""
    if len(rows) < total:
        fields = dict(shown=format_integer(len(rows)), total=format_integer(total))
        shown = (
            _("first {shown} of {total} rows shown, all in the CSV", **fields)
            if csv_name
            else _("first {shown} of {total} rows shown", **fields)
        )
    notes = "; ".join(n for n in (f"CSV: {escape(named)}" if named else "", escape(shown)) if n)
    csv_note = f' <span class="uncac-csv">({notes})</span>' if notes else ""
    number_label = escape(_("Table {number}", number=number)) if number else ""
    label = f'<span class="uncac-no">{number_label}</span> ' if number else ""
    csv_attribute = f' data-csv="{escape(csv_name)}"' if csv_name else ""
    return (
        f'<table class="uncac-table"{csv_attribute}><caption>{label}{escape(caption)}{csv_note}</caption><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


REPORT_OUTPUT = "uncac_report"  # metadata key marking an output the report API made: a public build publishes no other
BLOCK_KEY = "uncac_block"  # metadata key of the document block an output shows (the Word file and the PDF are written from them)
PROVENANCE_KIND = "provenance"  # an output for the provenance page and the documents' properties, never on the reader's page
NOTE_KEY = "uncac_note"  # metadata key of a provenance note's text
LANG_KEY = "uncac_lang"  # metadata key of the language of an output written in another than the source language


def display_ipython(kind: str, payload, meta: dict | None = None) -> None:
    """Show content in a Jupyter kernel (the default sink), marked as made by the report API, with its document block."""
    from IPython.display import HTML, Image, display

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
        display(Image(data=payload, format="png", metadata={"alt": meta.get("alt", "")}), metadata=marks)


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
        from lib.model import disclosure

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
        for column in columns:
            labels = []
            for language in self.languages:
                with writing_in(language):
                    labels.append(label_heading(column, column in CODE_COLUMNS))
            self.labelled.append([filename, column, *labels])
        header = ["file", "column", *self.languages]
        write_report_csv(pd.DataFrame(self.labelled, columns=header), self.tables_dir / COLUMNS_FILE)

    def html(self, markup: str, block: dict | None = None) -> None:
        """Show trusted, already escaped HTML (with the document block it renders, if any)."""
        self.sink("html", markup, {"block": block} if block else None)

    def start_document(self, masthead: dict, source: str) -> None:
        """Start a document: show its masthead; from here paragraphs, tables and figures are numbered, with this source."""
        from lib.present.masthead import render_masthead_html

        self.numbered, self.source = True, source
        self.html(render_masthead_html(masthead), {"kind": "masthead", **masthead})

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
        block = {"kind": "paragraph", "number": number, "text": to_plain(text), "items": block_items}
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
        from lib.model import disclosure

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
        from lib.present.workbook import write_workbook

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
        from datetime import datetime

        from lib.present.calendar import write_ics

        if not self.tables_dir or not self.policy.shows_exports():
            return
        if not self.suffix:
            write_ics(events, self.tables_dir / f"{name}.ics", datetime.now(UTC).replace(microsecond=0))
        same = f"{name}.csv"  # the events as CSV, beside the calendar
        self.link_file(caption, f"{name}.ics", _("iCalendar, all-day events; the same events as CSV in {file}", file=same))

    def link_file(self, caption: str, filename: str, detail: str) -> None:
        """Show a link to a file written beside the report (in its tables folder), with what the file holds."""
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
        import matplotlib.pyplot as plt
        from matplotlib.axes import Axes

        fig, reading = fig_and_reading
        fig = fig.figure if isinstance(fig, Axes) else fig
        title_loc = "left" if fig.axes[0].get_title(loc="left") else "center"  # lib's charts title on the left; plt.title centres
        if not self.policy.shows_figure(name):
            plt.close(fig)
            if self.numbered:  # a public document simply has no such figure (its text never refers to it)
                return
            self.note(
                escape(_("{caption}: not published (not cleared for it).", caption=fig.axes[0].get_title(loc=title_loc) or _("A figure")))
            )
            return
        block = None
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


def label_items(items: Sequence) -> tuple[list[dict], str]:
    """Return the subparagraphs as blocks and as HTML, labelled (a), (b)... and their own items (i), (ii)..."""
    blocks, markup = [], []
    for i, item in enumerate(items):
        text, subs = item if isinstance(item, tuple) else (item, [])
        label = label_subparagraph(ITEM_LABELS[i])
        sub_blocks = [{"label": label_subparagraph(ROMAN[j].lower()), "text": to_plain(t)} for j, t in enumerate(subs)]
        sub_markup = "".join(
            f'<div class="uncac-subitem"><span class="uncac-label">{b["label"]}</span>{t}</div>' for b, t in zip(sub_blocks, subs)
        )
        blocks.append({"label": label, "text": to_plain(text), "items": sub_blocks})
        markup.append(f'<div class="uncac-item"><span class="uncac-label">{label}</span>{text}{sub_markup}</div>')
    return blocks, "".join(markup)


def describe_table(
    frame: pd.DataFrame,
    number: int,
    caption: str,
    source: str,
    missing: str,
    max_rows: int | None,
    code_labels: dict | None = None,
    pivot: tuple | None = None,
    cut_note: str = "",
) -> dict:
    """Return a table as a document block: as the page lays it out (lay_out_table), the same rows shown; cut_note says
    where the rows not shown are, when max_rows cuts the table."""
    layout = lay_out_table(frame, missing, code_labels, pivot, max_rows)
    shown, total = len(layout["rows"]), layout["total"]
    note = (
        (cut_note or _("The first {shown} of {total} rows are shown.", shown=format_integer(shown), total=format_integer(total)))
        if shown < total
        else ""
    )
    return {
        "kind": "table",
        "number": number,
        "title": caption,
        "source": source,
        "columns": layout["columns"],
        "numeric": layout["numeric"],
        "rows": layout["rows"],
        "note": note,
    }


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


class Context:
    """What a report notebook works on: the data, the snapshot at its meeting, the previous one, the output."""

    def __init__(self, data, snap, previous, rep: Report | Reports, rule: str):
        self.data, self.snap, self.previous, self.rep, self.rule = data, snap, previous, rep, rule


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
    from lib.analysis import needs
    from lib.model import disclosure

    data = needs.load_dataset(data_dir)
    policy = disclosure.load_policy(data_dir, build)
    snap = needs.take_snapshot(data, meeting_id, party_rule, policy)
    previous_id = needs.find_previous_meeting_id(data, meeting_id)
    previous = needs.take_snapshot(data, previous_id, party_rule, policy) if previous_id and not state_code else None
    written = list_report_languages(languages)
    index = names.index_names(data.names, data.ta_forms, data.states[["group_code", "group_name"]].drop_duplicates(), data.states)
    names.use_index(index)  # tables and names handed to messages and charts, written in each language
    reports = {}
    for language in written:
        with writing_in(language):
            code_labels = names.label_codes(describe_codes(data, snap), language, index)
            reports[language] = Report(tables_dir, sink, policy, code_labels, language, written)
    rep = reports[SOURCE_LANGUAGE] if len(reports) == 1 else Reports(reports)
    use_language(SOURCE_LANGUAGE)
    if document:
        for language, one in reports.items():  # the masthead and the source line as each language writes them
            with writing_in(language):
                one.start_document(describe_document(data, snap, document, group_code, state_code), describe_source(snap.meeting))
        rep.banner(data.manifest)
        if release := policy.release_of(meeting_id):  # figures kept as an earlier release issued them: the document says so
            rep.note(write_issued_note(find_release_day(release)))  # a date only: nothing to escape, and Text to remake
        return Context(data, snap, previous, rep, party_rule)
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
    return Context(data, snap, previous, rep, party_rule)


def describe_codes(data, snap) -> dict[str, dict[str, str]]:
    """Return the labels tables show instead of codes: the data's (forms, groups, States) and the checklist's answers."""
    from lib.model.dataset import list_code_labels
    from lib.present.charts import COMPLIANCE_LABELS

    return list_code_labels(data, snap) | {"compliance_code": {code: _(label) for code, label in COMPLIANCE_LABELS.items()}}


def describe_source(meeting: pd.Series) -> str:
    """Return the source line of a document's tables and figures: the reports received by the cut-off date."""
    return _("self-assessment reports received by {date}.", date=format_date(meeting["cutoff_date"]))


def describe_document(data, snap, kind: str, group_code: str = "", state_code: str = "") -> dict:
    """Return the masthead of a report issued as a document: the meeting's data, the build, the day of issue."""
    from lib.analysis import brief, needs
    from lib.present.masthead import build_masthead

    if kind == "regional_needs":
        group_name = needs.find_group_name(data, group_code)
        number = needs.find_group_number(snap, group_code)
        title = _("Regional analysis: {group}", group=localise(group_name))
        return build_masthead(snap.meeting, kind, snap.policy.build, title, number)
    if kind == "country_brief":
        name = brief.summarise_state(data, snap, state_code)["state_name"]
        return build_masthead(snap.meeting, kind, snap.policy.build, _("Country brief: {state}", state=localise(name)))
    return build_masthead(snap.meeting, kind, snap.policy.build)


def open_review_report(data_dir: str, tables_dir: str, sink: Callable | None = None, build: str = "restricted"):
    """Load the peer review tables, show the banner and the provenance (review files, checksums, reconciliation)."""
    from lib.model import disclosure, register

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
    return reviews, rep


def read_state_checksum(data_dir: str, state_code: str) -> str:
    """Return the checksum of one State's processed answers (written by the ingest; '' when it has none)."""
    from lib.io.paths import processed_dir

    path = processed_dir(data_dir) / "by_state" / f"{state_code}.sha"
    return path.read_text(encoding="utf-8").strip() if path.is_file() else ""


def show_annex(ctx: Context) -> None:
    """Show the data-quality annex (reconciliation of raw rows) and the glossary of the columns used."""
    from lib.analysis import needs
    from lib.io import schema
    from lib.present import narrative

    recon = needs.reconcile_at_cutoff(ctx.data, ctx.snap.meeting)
    ctx.rep.paragraph(narrative.write_reconciliation_paragraph(recon, ctx.snap.meeting))
    ctx.rep.table(ctx.rep.policy.name_files(recon), "reconciliation", _("Raw rows as they stood at the cut-off date, by file"))
    rejected = needs.select_rejected_submissions(ctx.data, ctx.snap.meeting)
    ctx.rep.paragraph(narrative.write_rejected_submissions_sentence(rejected))
    if len(rejected):
        ctx.rep.table(
            rejected, "rejected_submissions", _("Submissions rejected entirely, with the reasons (their States count as not responding)")
        )
    ctx.rep.table(schema.describe_columns(["sa_answers", "states"]), "glossary", _("Glossary of the data used"))


def show_respondents_annex(ctx: Context) -> None:
    """Show the annex of the States parties that responded, by regional group: public in every build, as in the papers
    the secretariat issued (who responded is not a State's answer; the disclosure plan takes it as known)."""
    from lib.analysis import needs
    from lib.present import sections

    ctx.rep.annex(_("States parties that responded, by regional group"))
    for text in sections.list_respondents_paragraphs(needs.list_respondents_by_group(ctx.snap)):
        ctx.rep.paragraph(text)


def show_quality_annex(ctx: Context, data_dir: str) -> None:
    """Show the data-quality annex for readers: the rows of the self-assessment reports received and what became of them,
    by export (a total row last), the rejected ones by reason; every number of its text is in its tables."""
    from lib.analysis import needs
    from lib.model import disclosure
    from lib.present import narrative, sections

    ctx.rep.annex(_("Quality of the data"))
    recon = needs.reconcile_at_cutoff(ctx.data, ctx.snap.meeting)
    exports = recon[recon["source_file"].str.startswith(needs.SELF_ASSESSMENT_PREFIX)]
    rows = needs.summarise_export_rows(recon)
    reasons = needs.count_rejected_by_reason(data_dir)
    ctx.rep.paragraph(
        sections.write_quality_paragraph(rows, ctx.snap.meeting),
        see=["reconciliation", *(["rejected_rows_by_reason"] if len(reasons) else [])],
        items=sections.list_quality_items(rows, reasons),
    )
    named = exports.assign(source_file=disclosure.label_files(exports["source_file"]))  # a document names no file
    total = pd.DataFrame(
        [{"source_file": _("all self-assessment reports"), **rows.to_dict(), "is_reconciled": bool(named["is_reconciled"].all())}]
    )
    ctx.rep.table(
        pd.concat([named, total], ignore_index=True),
        "reconciliation",
        _("Rows of the self-assessment reports received, and what became of them at the cut-off date"),
    )
    if len(reasons):
        ctx.rep.table(sections.tabulate_rejected_reasons(reasons), "rejected_rows_by_reason", _("Rows rejected, by reason"))
    rejected = needs.select_rejected_submissions(ctx.data, ctx.snap.meeting)
    ctx.rep.paragraph(narrative.write_rejected_submissions_sentence(rejected, ctx.rep.policy.names_states()))
    if ctx.rep.policy.names_states():  # which States' submissions: for the Secretariat, not in the document
        ctx.rep.record_provenance(narrative.describe_rejected_submissions(rejected))


def show_members_annex(ctx: Context, group_code: str, group_name: str) -> None:
    """Show a regional analysis's annex of the group's States parties and their response (a build that does not publish
    the list has no such annex)."""
    from lib.analysis import needs
    from lib.present.narrative import write_members_sentence

    if not ctx.rep.policy.shows_table("states_by_response"):
        return
    ctx.rep.annex(_("States parties of the group and their response"))
    members = needs.list_states_by_response(ctx.snap, group_code).drop(columns="group_name")  # one group: no column for it
    ctx.rep.paragraph(write_members_sentence(group_name, members), see=["states_by_response"])
    ctx.rep.table(members, "states_by_response", _("States parties of the group at the cut-off date, with their response"))


def show_glossary(ctx: Context) -> None:
    """Show the glossary of the terms the document uses, defined for readers."""
    from lib.present import sections
    from lib.present.narrative import write_glossary_sentence

    ctx.rep.annex(_("Glossary"))
    glossary = sections.tabulate_glossary(ctx.rep.policy.is_public)
    ctx.rep.paragraph(write_glossary_sentence(), see=["glossary"])
    ctx.rep.table(glossary, "glossary", _("Terms used in the present document"), source=_("the Secretariat."))


def show_review_annex(reviews, rep: Report) -> None:
    """Show the peer review data-quality annex: reconciliation of the raw rows, the rejected rows, and the glossary."""
    from lib.io import schema

    rep.paragraph(
        _(
            "Every raw row of the peer review files ends accepted, superseded (an earlier status assessment of the same "
            "recommendation, kept as its history) or rejected with its reason."
        )
    )
    rep.table(reviews.reconciliation, "review_reconciliation", _("Reconciliation of the peer review files, by file"))
    rep.table(reviews.rejects, "review_rejects", _("Rejected rows of the peer review files, with file, row, column, value and reason"))
    rep.table(
        schema.describe_columns(["review_events", "recommendations", "recommendation_assessments", "review_membership"]),
        "glossary",
        _("Glossary of the data used"),
    )


def render_heading(group_name: str, meeting: pd.Series) -> str:
    """Return the escaped sub-heading naming the region and the meeting."""
    return (
        f'<h2>{escape(group_name)}</h2><p class="uncac-note">{escape(str(meeting["name"]))}; data cut-off '
        f"{escape(describe_cutoff(meeting))}.</p>"
    )
