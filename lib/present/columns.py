"""The column widths of a document's table, from its text measured in the print typeface: no word or number is cut."""

from __future__ import annotations

from lib.present.fonts import measure

MAX_COLUMN_EMS = 18  # a column of long text wraps rather than grow wider than this many ems (about 40 letters)
HEADER_LINES = 2  # a header may wrap onto this many lines before its column is widened for it
SLACK = 1.02  # room for rounding between writers (Word lays text out in twentieths of a point)


def find_floor(column: str, cells: list[str], numeric: bool, size: float) -> float:
    """Return the width (points) below which a word of the column, or a number, would be cut across lines."""
    words = [measure(w, size, bold=True) for w in column.split()] or [0.0]
    if numeric:  # a number is never broken: the whole cell
        words += [measure(c, size) for c in cells]
    else:
        words += [measure(w, size) for c in cells for w in c.split()]
    return max(words) * SLACK


def find_want(column: str, cells: list[str], size: float) -> float:
    """Return the width (points) a column would like: its longest cell on one line, up to MAX_COLUMN_EMS, and its header
    on at most HEADER_LINES lines."""
    longest = max([measure(c, size) for c in cells] or [0.0])
    return max(min(longest, MAX_COLUMN_EMS * size), measure(column, size, bold=True) / HEADER_LINES) * SLACK


def fit_columns(
    columns: list[str], rows: list[list[str]], numeric: list[bool], width: float, size: float, pad: float
) -> list[float] | None:
    """Return the column widths (points, summing to width) of a table set at a size, each cell padded by pad points
    in all; None when even the narrowest widths that cut no word do not fit (set it smaller, or turn the page)."""
    cells = [[row[i] for row in rows] for i in range(len(columns))]
    floors = [find_floor(c, cells[i], numeric[i], size) + pad for i, c in enumerate(columns)]
    if sum(floors) > width:
        return None
    wants = [max(find_want(c, cells[i], size) + pad, floors[i]) for i, c in enumerate(columns)]
    if sum(wants) <= width:  # everything fits on one line: the spare width shared in proportion
        return [w * width / sum(wants) for w in wants]
    spare, extra = width - sum(floors), [w - f for w, f in zip(wants, floors)]
    return [f + spare * e / sum(extra) for f, e in zip(floors, extra)]
