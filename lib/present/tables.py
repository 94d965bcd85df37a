"""A report's tables as readers see them: labels for codes, units in headings, numbers by locale with one number of
decimals per column, a long table shown wide, and the escaped HTML table and the document block made from that layout."""

from __future__ import annotations

from html import escape

import numpy as np
import pandas as pd

from lib.present import names
from lib.present.document import TableBlock
from lib.present.i18n import format_integer, gettext as _
from lib.present.labels import CODE_COLUMNS, IDENTIFIER_ENDINGS, PERCENT_SUFFIXES, UNITS, label_column, label_heading
from lib.present.narrative import format_date, format_figure

MAX_DECIMALS = 2  # a column of other numbers shows as many decimals as its most precise value needs, up to this many


INDICATOR = "indicator"  # a table of indicators (one row per figure, its unit in its label): decimals go by row


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
) -> TableBlock:
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
