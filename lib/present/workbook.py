"""Write Excel workbooks beside a report: one filterable sheet per view, every text cell a string, never a formula."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from lib.io.files import is_formula_like


def write_workbook(views: dict[str, pd.DataFrame], path: Path) -> None:
    """Write one sheet per view: header row frozen, autofilter on, columns sized to their content. Every text cell is
    written as a string (never a formula, whatever it starts with) and formula-like text is marked as text for editing."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    for name, frame in views.items():
        sheet = wb.create_sheet(name[:31])
        sheet.append([str(c) for c in frame.columns])
        for row in frame.itertuples(index=False):
            sheet.append([to_excel_value(v) for v in row])
        for cells in sheet.iter_rows():
            for cell in cells:
                if isinstance(cell.value, str):
                    mark_as_text(cell)
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
        for i, col in enumerate(frame.columns, start=1):
            width = max([len(str(col))] + [len(str(v)) for v in frame[col].head(200)])
            sheet.column_dimensions[get_column_letter(i)].width = min(60, width + 2)
    wb.save(path)


def to_excel_value(value):
    """Return a cell's value as openpyxl writes it: missing as an empty cell, numpy numbers and flags as Python's."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def mark_as_text(cell) -> None:
    """Make a text cell a string cell (openpyxl makes text starting with '=' a formula) and, when the text is formula-like,
    prefix it for editing as Excel's leading apostrophe does (lib.io.files.is_formula_like), so it never becomes one."""
    cell.data_type = "s"
    if is_formula_like(cell.value):
        cell.quotePrefix = True
