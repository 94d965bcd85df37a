"""Validate the supply of technical assistance: TA activities from CSV/XLSX and IATI files, with rejects."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pandas as pd

from lib.io import iati, reference, schema
from lib.io.codes import ACTIVITY_STATUSES, LEVELS, PROVIDER_TYPES
from lib.io.names import normalise_name
from lib.io.rows import (
    EXTRA_FIELDS,
    FORM_SEPARATOR,
    Reference,
    list_exports,
    normalise_provision,
    parse_iso_date,
    read_export,
    screen_row,
    summarise_problems,
)

ACTIVITY_COLUMNS = [
    "activity_id",
    "provider",
    "provider_type",
    "level",
    "recipients",
    "articles",
    "ta_forms",
    "start",
    "end",
    "status",
    "budget",
    "currency",
    "source",
]
GLOBAL = "global"  # the recipient of a global programme
CONVENTION_ARTICLES = range(1, 72)  # the Convention has 71 articles
SUPPLY_SUFFIXES = (".csv", ".xlsx", ".xml")  # activity tables, and IATI activity files
CURRENCY = re.compile(r"^[A-Z]{3}$")


def load_groups(ref: Reference) -> dict[str, str]:
    """Return {normalised group code or name: group code} for regional recipients."""
    groups = ref.states[["group_code", "group_name"]].drop_duplicates()
    index = {normalise_name(c): c for c in groups["group_code"]}
    index.update({normalise_name(n): c for n, c in zip(groups["group_name"], groups["group_code"])})
    return index


def split_list(value: str) -> list[str]:
    """Return the non-blank items of a ';'-separated cell."""
    return [item.strip() for item in value.split(FORM_SEPARATOR) if item.strip()]


def check_recipients(row: dict, ref: Reference, groups: dict[str, str]) -> tuple[list[str], list[tuple[str, str, str]]]:
    """Return the recipient codes of an activity (States, regional groups or 'global') and the problems found."""
    items, codes, problems = split_list(row["recipients"]), [], []
    level = row["level"].strip().lower()
    if level == GLOBAL:
        if items not in ([], [GLOBAL]):
            problems.append(("recipients", row["recipients"], "unknown_recipient"))
        return [GLOBAL], problems
    index = ref.aliases if level == "national" else groups
    for item in items:
        code = index.get(normalise_name(item))
        if code is None:
            problems.append(("recipients", item, "unknown_recipient"))
        elif code not in codes:
            codes.append(code)
    if not items:
        problems.append(("recipients", "", "missing_value"))
    return codes, problems


def check_articles(value: str) -> tuple[list[str], list[tuple[str, str, str]]]:
    """Return the provisions named (blank = area unspecified) and the unknown ones."""
    provisions, problems = [], []
    for item in split_list(value):
        provision = normalise_provision(item)
        number = re.match(r"^(\d+)", provision)
        if not number or int(number.group(1)) not in CONVENTION_ARTICLES:
            problems.append(("articles", item, "unknown_article"))
        elif provision not in provisions:
            provisions.append(provision)
    return provisions, problems


def check_activity(row: dict, ref: Reference, groups: dict[str, str], today: date) -> tuple[dict, list[tuple[str, str, str]]]:
    """Return the normalised activity and its problems as (column, value, reason_code)."""
    problems: list[tuple[str, str, str]] = []
    for col in ("activity_id", "provider", "provider_type", "level", "start", "status"):
        if not row[col]:
            problems.append((col, "", "missing_value"))
    if row["provider_type"] and row["provider_type"] not in PROVIDER_TYPES:
        types = {t.lower(): t for t in PROVIDER_TYPES}
        if row["provider_type"].lower() in types:
            row = dict(row, provider_type=types[row["provider_type"].lower()])
        else:
            problems.append(("provider_type", row["provider_type"], "unknown_provider_type"))
    level = row["level"].strip().lower()
    if row["level"] and level not in LEVELS:
        problems.append(("level", row["level"], "unknown_level"))
    recipients, found = check_recipients(row, ref, groups) if level in LEVELS else ([], [])
    provisions, bad_articles = check_articles(row["articles"])
    forms = []
    for item in split_list(row["ta_forms"]):
        code = ref.forms.get(normalise_name(item))
        if code is None:
            problems.append(("ta_forms", item, "unknown_ta_form"))
        elif code not in forms:
            forms.append(code)
    dates = {}
    for col in ("start", "end"):
        if row[col]:
            dates[col] = parse_iso_date(row[col])
            if dates[col] is None:
                problems.append((col, row[col], "bad_date"))
    start, end = dates.get("start"), dates.get("end")
    if start and end and end < start:
        problems.append(("end", row["end"], "end_before_start"))
    status = row["status"].strip().lower()
    if row["status"] and status not in ACTIVITY_STATUSES:
        problems.append(("status", row["status"], "inactive_activity" if status in ("cancelled", "suspended") else "bad_status"))
    budget, budget_note = read_budget(row["budget"])
    if budget is not None and not CURRENCY.match(row["currency"]):
        problems.append(("currency", row["currency"], "bad_currency"))
    problems += found + bad_articles
    out = {
        "activity_id": row["activity_id"],
        "provider": reference.name_provider(row["provider"], ref.providers),
        "provider_text": row["provider"],
        "provider_type": row["provider_type"],
        "level": level,
        "recipient_codes": FORM_SEPARATOR.join(recipients),
        "provisions": FORM_SEPARATOR.join(provisions),
        "ta_form_codes": FORM_SEPARATOR.join(forms),
        "start_date": dates.get("start"),
        "end_date": dates.get("end"),
        "status": status,
        "budget": budget,
        "currency": row["currency"] if budget is not None else "",
        "budget_note": budget_note,
        "source_text": row["source"],
    }
    return out, problems


def read_budget(text: str) -> tuple[float | None, str]:
    """Return a budget as written ('1,200,000') as a number, or None and why when it is negative or not a number.

    An unusable budget never rejects an activity: the activity is kept with a blank budget and the note, and listed
    in processed/flags.csv (rule in data/raw/README.md).
    """
    if not text:
        return None, ""
    try:
        budget = float(text.replace(",", ""))
    except ValueError:
        return None, f"{text} (as written): not a number, left blank"
    return (budget, "") if budget >= 0 else (None, f"{text} (as written): negative, left blank")


def locate_row(row: dict) -> str:
    """Return where a row is in its file: 'row N' of an activity table, 'activity N' (its position) of an IATI file."""
    return f"{'activity' if is_iati(row) else 'row'} {row['source_row']}"


def is_iati(row: dict) -> bool:
    """Return whether a row comes from an IATI XML file (its number is the activity's position, not a spreadsheet row)."""
    return str(row["source_file"]).lower().endswith(".xml")


def name_iati_activity(row: dict) -> str:
    """Return how a reject names an IATI activity: its position in the file and its iati-identifier ('' for a table row)."""
    if not is_iati(row):
        return ""
    return f"activity {row['source_row']} in the file, {row['activity_id'] or 'no iati-identifier'}"


def read_supply_file(path: Path, raw: Path) -> tuple[pd.DataFrame, list[dict]]:
    """Return a supply file's rows, or no rows and a whole-file reject when an IATI file is malformed."""
    if path.suffix.lower() != ".xml":
        return read_export(path, raw, ACTIVITY_COLUMNS), []
    try:
        return iati.read_iati_file(path, raw, raw / "reference"), []
    except iati.MalformedFile as exc:
        rel = path.relative_to(raw).as_posix()
        return pd.DataFrame(), [
            {
                "source_file": rel,
                "source_row": 0,
                "column": "(whole file)",
                "value": "",
                "reason_code": "malformed_file",
                "reason": str(exc),
            }
        ]


def validate_activities(raw_rows: pd.DataFrame, ref: Reference, today: date) -> tuple[pd.DataFrame, list[dict], list[dict]]:
    """Split activity rows into valid activities and rejects (out-of-scope IATI activities and duplicates included), and
    list the kept activities with a flagged value (a budget left blank)."""
    groups, valid, rejects, flags = load_groups(ref), [], [], []
    seen_rows: dict[tuple, str] = {}
    seen_ids: dict[str, str] = {}
    for row in raw_rows.to_dict("records"):
        key = tuple(row[c] for c in ACTIVITY_COLUMNS)
        where = name_iati_activity(row)
        unreadable = screen_row(row, ACTIVITY_COLUMNS)
        if unreadable:
            rejects.append(summarise_problems(row["source_file"], row["source_row"], unreadable, where))
            continue
        if key in seen_rows:
            rejects.append(
                summarise_problems(row["source_file"], row["source_row"], [("all", f"same as {seen_rows[key]}", "exact_duplicate")], where)
            )
            continue
        seen_rows[key] = f"{row['source_file']} {locate_row(row)}"
        if row.get("_in_scope") is False:
            sectors = row.get("_sectors_found") or "no sector code"
            rejects.append(summarise_problems(row["source_file"], row["source_row"], [("sector", sectors, "out_of_scope")], where))
            continue
        out, problems = check_activity(row, ref, groups, today)
        if not problems and out["activity_id"] in seen_ids:
            problems = [("activity_id", f"{out['activity_id']} (first at {seen_ids[out['activity_id']]})", "duplicate_activity_id")]
        if problems:
            rejects.append(summarise_problems(row["source_file"], row["source_row"], problems, where))
            continue
        seen_ids[out["activity_id"]] = f"{row['source_file']} {locate_row(row)}"
        valid.append(dict(out, source_file=row["source_file"], source_row=row["source_row"], row_status="accepted"))
        if out["budget_note"]:
            flags.append(
                summarise_problems(
                    row["source_file"], row["source_row"], [("budget", row["budget"], "bad_budget")], where, reasons=schema.FLAG_REASONS
                )
            )
    activities = pd.DataFrame(valid, columns=list(schema.TA_ACTIVITIES.columns)) if valid else schema.make_empty(schema.TA_ACTIVITIES)
    return activities, rejects, flags


def expand_targets(activities: pd.DataFrame) -> pd.DataFrame:
    """Return one row per (activity, recipient, provision, form); blank provision or form = unspecified."""
    rows = []
    for a in activities.itertuples():
        for recipient in a.recipient_codes.split(FORM_SEPARATOR):
            for provision in a.provisions.split(FORM_SEPARATOR):
                for form in a.ta_form_codes.split(FORM_SEPARATOR):
                    rows.append(
                        {
                            "activity_id": a.activity_id,
                            "level": a.level,
                            "recipient_code": recipient,
                            "provision": provision,
                            "ta_form_code": form,
                        }
                    )
    return pd.DataFrame(rows, columns=list(schema.TA_ACTIVITY_TARGETS.columns)) if rows else schema.make_empty(schema.TA_ACTIVITY_TARGETS)


def ingest_supply(raw: Path, ref: Reference, today: date) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Read and validate raw/ta_activities; return (rows read, activities, targets, rejects, flags). Absent folder = no supply."""
    folder = raw / "ta_activities"
    if not folder.is_dir():
        return (
            pd.DataFrame({"source_file": pd.Series(dtype=str), "source_row": pd.Series(dtype=int)}),
            schema.make_empty(schema.TA_ACTIVITIES),
            schema.make_empty(schema.TA_ACTIVITY_TARGETS),
            schema.make_empty(schema.REJECTS),
            schema.make_empty(schema.FLAGS),
        )
    frames, rejects = [], []
    for path in list_exports(folder, SUPPLY_SUFFIXES):
        frame, file_rejects = read_supply_file(path, raw)
        rejects += file_rejects
        frames.append(frame if len(frame) else pd.DataFrame([{"source_file": r["source_file"], "source_row": 0} for r in file_rejects]))
    read = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["source_file", "source_row"])
    rows = read[read["source_row"] > 0] if len(read) else read
    for col in [*ACTIVITY_COLUMNS, "_sectors_found", EXTRA_FIELDS]:
        if col not in rows:
            rows = rows.assign(**{col: ""})
    rows = rows.fillna({c: "" for c in [*ACTIVITY_COLUMNS, "_sectors_found", EXTRA_FIELDS]})
    activities, row_rejects, flags = validate_activities(rows, ref, today)
    rejects_frame = pd.DataFrame(rejects + row_rejects, columns=list(schema.REJECTS.columns))
    return (
        read[["source_file", "source_row"]],
        activities,
        expand_targets(activities),
        rejects_frame,
        pd.DataFrame(flags, columns=list(schema.FLAGS.columns)),
    )
