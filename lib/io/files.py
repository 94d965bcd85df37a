"""Write files only when their content changes, atomically, and cells that open safely in a spreadsheet (stdlib only:
the fast index step uses it too)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, TypeGuard

if TYPE_CHECKING:
    import pandas as pd

# A spreadsheet reads a cell starting with one of these as a formula (or, for tab and carriage return, may shift it
# into one): OWASP's list for CSV injection. Text from the data that starts so is written as text (docs/caveats.md).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_MARK = "'"  # a leading apostrophe: Excel, LibreOffice and Google Sheets show the rest as text, never evaluate it
# Report CSVs end their lines as RFC 4180 says (CR LF): the csv writer then quotes any cell holding a carriage return,
# which with a bare LF ending it writes unquoted, so that a spreadsheet would break the row there.
CSV_LINE_END = "\r\n"


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write bytes unless the file already holds them (so make sees no change); return True if written."""
    if path.is_file() and path.read_bytes() == data:
        return False
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return True


def is_formula_like(value: object) -> TypeGuard[str]:
    """Return True for text a spreadsheet would evaluate (it starts with =, +, -, @, a tab or a carriage return)."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def protect_text(value: object) -> object:
    """Return a CSV cell that opens safely in a spreadsheet: formula-like text gets a leading apostrophe (OWASP);
    numbers (a negative number too), dates, blanks and other text are returned as they are."""
    return TEXT_MARK + value if is_formula_like(value) else value


def protect_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of a table whose text cells open safely in a spreadsheet (protect_text); numeric columns untouched."""
    out = frame.copy()
    for i, dtype in enumerate(out.dtypes):
        if dtype.kind == "O":  # text, mixed and categorical columns; numbers, flags and dates have their own kinds
            out.isetitem(i, out.iloc[:, i].map(protect_text))
    return out


def write_report_csv(frame: pd.DataFrame, path: Path, missing: str = "") -> None:
    """Write a report's table as CSV that opens safely in a spreadsheet: formula-like text as text, every line break
    inside a cell quoted; missing: how a missing value reads (public builds: 'suppressed')."""
    protect_frame(frame).to_csv(path, index=False, na_rep=missing, lineterminator=CSV_LINE_END)


FIXED_ZIP_TIME = (2009, 11, 1, 0, 0, 0)  # xlsx members get a fixed timestamp so the file is reproducible


def write_reproducible_xlsx(workbook: bytes, path: Path) -> None:
    """Write workbook bytes with fixed zip member times and document dates, so the same content gives the same file."""
    import re

    with zipfile.ZipFile(io.BytesIO(workbook)) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # creation/modification times: make them fixed
                data = re.sub(rb"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", b"2009-11-01T00:00:00Z", data)
            dst.writestr(zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME), data, zipfile.ZIP_DEFLATED)
