"""Read raw files row by row, the toolkit every ingest shares: reference, text rows with numbers, dates, articles, rejects."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from lib.io import reference, schema
from lib.io.names import normalise_name

EXPORT_SUFFIXES = (".csv", ".xlsx")  # formats the secretariat's exports come in


ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


ARTICLE_PREFIX = re.compile(r"^(art(icle|ículo|iculo)?\.?)\s*", re.IGNORECASE)


FORM_SEPARATOR = ";"  # ta_forms and ta_providers list several values separated by ';'


SUGGESTIONS_SHOWN = 3  # closest known names offered for an unknown State name


# rapidfuzz similarity (0-100, fuzz.ratio on normalised names) a known name needs to be offered: 'Djibuti' ~ 'Djibouti'
# scores 93, 'Kenia' ~ 'Kenya' 80, while 'Atlantis' has no known name above 70
SUGGESTION_MIN_SCORE = 80


EXTRA_FIELDS = "_extra_fields"  # a row's values beyond its header's last column, ';'-joined ('' = none): too_many_fields


# The csv module refuses a field over 131,072 characters and so the whole file: a longer value must reach the row
# check and reject its row alone (too_long). Ten million characters bounds what one field can cost.
CSV_FIELD_MAX = 10_000_000


SHOWN_CHARACTERS = 60  # a rejected value too long for its column is shown by its first characters


class StructuralError(Exception):
    """The input cannot be read as a whole (missing column, unreadable file, no data): one plain sentence."""


@dataclass
class Reference:
    """The reference tables the row checks need."""

    aliases: dict[str, str]
    provisions: dict[str, set[str]]
    forms: dict[str, str]
    answers: dict[str, dict[str, str]]
    states: pd.DataFrame = field(repr=False)
    providers: dict[str, str] = field(default_factory=dict, repr=False)  # provider_aliases.csv: normalised name -> provider


def load_reference(ref_dir: Path) -> Reference:
    """Load the alias index, checklist provisions, TA form labels and answer vocabularies."""
    checklist = reference.load_checklist(ref_dir)
    forms = reference.load_ta_forms(ref_dir)
    form_index = {}
    for col in ("ta_form_code", "label", "label_fr", "label_es"):
        form_index.update({normalise_name(v): c for v, c in zip(forms[col], forms["ta_form_code"]) if v})
    provisions: dict[str, set[str]] = {}
    for cid, prov in zip(checklist["checklist_id"], checklist["provision"]):
        provisions.setdefault(cid, set()).add(prov)
    return Reference(
        reference.load_aliases(ref_dir),
        provisions,
        form_index,
        reference.load_answer_vocabulary(ref_dir),
        reference.load_states(ref_dir),
        reference.load_provider_aliases(ref_dir),
    )


def read_export(path: Path, root: Path, columns: list[str]) -> pd.DataFrame:
    """Return a raw file's columns as strings, with source_file, source_row (the spreadsheet's row number, header = 1)
    and EXTRA_FIELDS (values beyond the header's last column, or under a blank header cell); structural problems raise."""
    rel = path.relative_to(root).as_posix()
    try:
        records = read_records(path)
    except UnicodeDecodeError:
        raise StructuralError(f"The file {rel} is not UTF-8 text: save it again as 'CSV UTF-8' and rerun make data.") from None
    except Exception as exc:  # openpyxl/zip/parser errors: the file as a whole cannot be read
        raise StructuralError(
            f"The file {rel} cannot be read ({type(exc).__name__}): "
            f"open it in Excel, save it again as .xlsx or CSV UTF-8, and rerun make data."
        ) from None
    if not records:
        raise StructuralError(f"The file {rel} is empty: remove it or export it again with its header row.")
    wanted, unnamed, width = index_header(records[0], columns, rel)
    rows = []
    for number, record in enumerate(records[1:], start=2):
        if not record:  # a blank line of a CSV holds no row, and keeps its number
            continue
        cells = [("" if v is None else str(v)).strip() for v in record] + [""] * (width - len(record))
        extra = [cells[i] for i in unnamed if cells[i]] + [v for v in cells[width:] if v]
        rows.append([cells[i] for i in wanted] + [rel, number, FORM_SEPARATOR.join(extra)])
    return pd.DataFrame(rows, columns=[*columns, "source_file", "source_row", EXTRA_FIELDS]).astype({"source_row": int})


def index_header(header: list, columns: list[str], rel: str) -> tuple[list[int], list[int], int]:
    """Return the positions of the required columns in a header row (case and spaces aside; a column named twice: the
    first), the positions of its blank cells, and its width; a missing required column stops with one sentence."""
    names = [str(c).strip().lower() for c in header]
    named: dict[str, int] = {}
    for i, name in enumerate(names):
        named.setdefault(name, i)
    missing = [c for c in columns if c not in named]
    if missing:
        raise StructuralError(
            f"The file {rel} lacks the required column(s) {', '.join(missing)}: "
            f"add them to its header row (see data/raw/README.md) and rerun make data."
        )
    return [named[c] for c in columns], [i for i, name in enumerate(names) if not name], len(names)


def read_records(path: Path) -> list[list]:
    """Return the rows of a CSV (stdlib csv: a row's fields are never shifted into other columns) or of a workbook's
    first sheet, the header first; a blank line of a CSV is an empty row, so that every row keeps its number."""
    if path.suffix.lower() != ".csv":
        return pd.read_excel(path, dtype=str, keep_default_na=False, header=None, engine="openpyxl").values.tolist()
    limit = csv.field_size_limit(CSV_FIELD_MAX)
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            return list(csv.reader(fh))
    finally:
        csv.field_size_limit(limit)


def screen_row(row: dict, columns: list[str]) -> list[tuple]:
    """Return the problems that keep a raw row from being checked at all (its other values are not read): values beyond
    the header's last column (too_many_fields), or a value longer than its column allows (too_long)."""
    if row.get(EXTRA_FIELDS):
        return [("(whole row)", row[EXTRA_FIELDS], "too_many_fields")]
    return find_too_long(row, columns)


def find_too_long(row: dict, columns) -> list[tuple[str, str, str, str]]:
    """Return a too_long problem for each value longer than its column's limit (schema.FIELD_LIMITS), naming the limit."""
    problems = []
    for col in columns:
        value, limit = str(row.get(col) or ""), schema.limit_of(col)
        if len(value) > limit:
            problems.append(
                (col, value[:SHOWN_CHARACTERS] + "...", "too_long", f"{len(value):,} characters; the limit for {col} is {limit:,}")
            )
    return problems


def list_exports(folder: Path, suffixes: tuple[str, ...] = EXPORT_SUFFIXES) -> list[Path]:
    """Return the export files of a folder in a stable order; refuses formats it cannot read."""
    if not folder.is_dir():
        raise StructuralError(f"The folder {folder} does not exist: put the self-assessment exports there, or pass DATA_DIR=... to make.")
    files = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(("~$", ".")) or not path.is_file():
            continue
        if path.suffix.lower() in suffixes:
            files.append(path)
        elif path.suffix.lower() in (".xls", ".ods", ".tsv", ".txt"):
            raise StructuralError(f"The file {path.name} is in a format the ingest does not read: save it as .xlsx or CSV UTF-8.")
    return files


def parse_iso_date(value: str) -> date | None:
    """Return the date of a strict ISO YYYY-MM-DD string (an Excel cell's time part is allowed), else None."""
    text = value[:10] if re.match(r"^\d{4}-\d{2}-\d{2}[ T]00:00:00$", value) else value
    if not ISO_DATE.match(text):
        return None
    try:
        return datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError:
        return None


def normalise_provision(value: str) -> str:
    """Return the provision label of an article as written ("Art. 15", "article 46(9)", "15.0")."""
    text = ARTICLE_PREFIX.sub("", value.strip()).replace(" ", "")
    return text[:-2] if re.fullmatch(r"\d+\.0", text) else text


def suggest_state_names(name: str, ref: Reference) -> list[str]:
    """Return the UN short names of the States whose aliases are closest to an unknown name, best first (rapidfuzz)."""
    from rapidfuzz import fuzz, process  # noqa: PLC0415  (only an unknown name needs it)

    current = dict(zip(ref.states["state_code"], ref.states["state_name"]))
    spellings = [alias for alias in ref.aliases if len(alias) > 3]  # not the three-letter codes
    found: list[str] = []
    for alias, _, _ in process.extract(normalise_name(name), spellings, scorer=fuzz.ratio, limit=20, score_cutoff=SUGGESTION_MIN_SCORE):
        state = current.get(ref.aliases[alias])
        if state and state not in found:
            found.append(state)
    return found[:SUGGESTIONS_SHOWN]


def describe_closest(names: list[str]) -> str:
    """Return the suggestion added to an unknown name's reason: 'closest known names: X, Y' or 'no close known name'."""
    return f"closest known names: {', '.join(names)}" if names else "no close known name"


def flag_unknown_state(column: str, value: str, ref: Reference) -> tuple[str, str, str, str]:
    """Return the unknown_state problem of a State name no alias matches, with the closest known names."""
    return (column, value, "unknown_state", describe_closest(suggest_state_names(value, ref)))


def summarise_problems(
    source_file: str, source_row: int, problems: list[tuple], where: str = "", reasons: dict[str, str] = schema.REJECT_REASONS
) -> dict:
    """Return one rejects.csv (or flags.csv) line for a raw row and all its problems: (column, value, reason_code[, detail]).

    where: what the row is when its number is not a spreadsheet row ('activity 3 in the file, <iati-identifier>').
    """
    columns = "; ".join(p[0] for p in problems)
    return {
        "source_file": source_file,
        "source_row": source_row,
        "column": f"{where}: {columns}" if where else columns,
        "value": "; ".join(p[1] for p in problems),
        "reason_code": "; ".join(p[2] for p in problems),
        "reason": "; ".join(reasons[p[2]] + (f" ({p[3]})" if len(p) > 3 else "") for p in problems),
    }
