"""The directory of experts: build the SQLite database from the raw CVs, and search it (python -m lib.io.experts)."""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from datetime import date
from pathlib import Path

import pandas as pd

from lib.io import cv as cvs, reference
from lib.io.paths import processed_dir, raw_dir

SCHEMA = Path(__file__).with_name("experts.sql")  # tables and indexes, kept in the repository
DATABASE = "experts.sqlite"  # in data/processed: rebuilt whole by `make experts`
# The columns of one recommendation as written (experts.sql's recommendations table after its two ids).
RECOMMENDATION_COLUMNS = [
    "full_name",
    "date_of_birth",
    "nationality_code",
    "group_code",
    "gender",
    "email",
    "phone",
    "current_position",
    "institution",
    "years_experience",
    "recommended_by_code",
    "recommended_on",
    "availability",
    "consent_contact",
    "source_file",
    "source_row",
]
OPTIONAL_COLUMNS = ("date_of_birth", "email", "phone")  # blank in a CV, NULL in the database
# The columns of a merged expert (experts.sql's experts table): the latest recommendation's, and two about them all.
EXPERT_COLUMNS = ["expert_id"] + RECOMMENDATION_COLUMNS[:12] + ["first_recommended_on", "recommendations_n"] + RECOMMENDATION_COLUMNS[12:]


def build_directory(data_dir: str | Path = "", today: date | None = None) -> dict:
    """Rebuild processed/experts.sqlite (plus experts_rejects.csv and experts_reconciliation.csv); return the counts."""
    raw, out = raw_dir(data_dir), processed_dir(data_dir)
    merged, rejects, reconciliation = cvs.read_cvs(raw, today)
    states = reference.load_states(raw / "reference").set_index("state_code")
    merged.sort(key=lambda c: (c["full_name"].casefold(), c["date_of_birth"], c["source_file"], c["source_row"]))
    for c in merged:  # the regional group of the nationality, on the merged record and on each recommendation
        for rec in [c, *c["recommendations"]]:
            rec["group_code"] = states.at[rec["nationality_code"], "group_code"]
    out.mkdir(parents=True, exist_ok=True)
    tmp = out / f".{DATABASE}.{os.getpid()}"
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    con.executescript(SCHEMA.read_text(encoding="utf-8"))
    recommendation_id = 0
    for expert_id, c in enumerate(merged, start=1):
        con.execute(
            f"INSERT INTO experts VALUES ({','.join('?' * len(EXPERT_COLUMNS))})",
            [expert_id] + [describe_field(c, column) for column in EXPERT_COLUMNS[1:]],
        )
        con.executemany("INSERT INTO expert_languages VALUES (?,?,?)", [(expert_id, lang, v) for lang, v in c["languages"]])
        con.executemany("INSERT INTO expert_areas VALUES (?,?)", [(expert_id, a) for a in c["areas"]])
        con.executemany("INSERT INTO expert_forms VALUES (?,?)", [(expert_id, f) for f in c["forms"]])
        for rec in c["recommendations"]:
            recommendation_id += 1
            one = cvs.merge_person([rec])  # a CV naming a language twice keeps its best level, as the merge does
            con.execute(
                f"INSERT INTO recommendations VALUES ({','.join('?' * (len(RECOMMENDATION_COLUMNS) + 2))})",
                [recommendation_id, expert_id] + [describe_field(one, column) for column in RECOMMENDATION_COLUMNS],
            )
            con.executemany("INSERT INTO recommendation_languages VALUES (?,?,?)", [(recommendation_id, *lv) for lv in one["languages"]])
            con.executemany("INSERT INTO recommendation_areas VALUES (?,?)", [(recommendation_id, a) for a in one["areas"]])
            con.executemany("INSERT INTO recommendation_forms VALUES (?,?)", [(recommendation_id, f) for f in one["forms"]])
    con.commit()
    con.close()
    os.replace(tmp, out / DATABASE)
    rejects.to_csv(out / "experts_rejects.csv", index=False)
    reconciliation.to_csv(out / "experts_reconciliation.csv", index=False)
    totals = (
        reconciliation[["rows_read_n", "rows_accepted_n", "rows_superseded_n", "rows_rejected_n"]].sum()
        if len(reconciliation)
        else pd.Series(0, index=["rows_read_n", "rows_accepted_n", "rows_superseded_n", "rows_rejected_n"])
    )
    return {"files": len(reconciliation), "experts": len(merged), **{k: int(v) for k, v in totals.items()}}


def describe_field(cv: dict, column: str):
    """Return one column's value of a CV as the directory holds it: NULL for a blank optional field."""
    if column in OPTIONAL_COLUMNS:
        return cv[column] or None
    return int(cv[column]) if column == "years_experience" else cv[column]


def read_directory_at(con: sqlite3.Connection, cutoff: str | pd.Timestamp) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Return the directory as it stood at the cut-off date (experts, languages, areas, forms): each expert recommended by
    then, merged from their recommendations made by then only (cv.merge_person), so a later recommendation's
    availability, languages, areas and forms do not reach a report for an earlier meeting."""
    day = pd.Timestamp(cutoff).strftime("%Y-%m-%d")
    made = "JOIN recommendations r USING (recommendation_id) WHERE r.recommended_on <= ? ORDER BY t.recommendation_id"
    items: dict[str, dict[int, list]] = {"languages": {}, "areas": {}, "forms": {}}
    for rid, *value in con.execute(f"SELECT t.recommendation_id, t.language, t.level FROM recommendation_languages t {made}", [day]):
        items["languages"].setdefault(rid, []).append(tuple(value))
    for rid, value in con.execute(f"SELECT t.recommendation_id, t.area FROM recommendation_areas t {made}", [day]):
        items["areas"].setdefault(rid, []).append(value)
    for rid, value in con.execute(f"SELECT t.recommendation_id, t.ta_form_code FROM recommendation_forms t {made}", [day]):
        items["forms"].setdefault(rid, []).append(value)
    cursor = con.execute("SELECT * FROM recommendations WHERE recommended_on <= ? ORDER BY expert_id, recommendation_id", [day])
    names = [d[0] for d in cursor.description]
    people: dict[int, list[dict]] = {}
    for row in cursor:
        rec = dict(zip(names, row))
        rec.update(
            {k: rec[k] or "" for k in OPTIONAL_COLUMNS}, **{name: found.get(rec["recommendation_id"], []) for name, found in items.items()}
        )
        people.setdefault(rec["expert_id"], []).append(rec)
    merged = [cvs.merge_person(members) for _, members in sorted(people.items())]
    experts = pd.DataFrame([[describe_field(m, c) for c in EXPERT_COLUMNS] for m in merged], columns=EXPERT_COLUMNS)
    languages = pd.DataFrame([(m["expert_id"], *lv) for m in merged for lv in m["languages"]], columns=["expert_id", "language", "level"])
    areas = pd.DataFrame([(m["expert_id"], a) for m in merged for a in m["areas"]], columns=["expert_id", "area"])
    forms = pd.DataFrame([(m["expert_id"], f) for m in merged for f in m["forms"]], columns=["expert_id", "ta_form_code"])
    return experts, languages, areas, forms


def count_experts(con: sqlite3.Connection) -> int:
    """Return the number of experts in the directory as it stands today."""
    return int(con.execute("SELECT COUNT(*) FROM experts").fetchone()[0])


def describe_counts(counts: dict) -> str:
    """Return the reconciliation sentence: CVs read = accepted + merged into another + rejected."""
    ok = counts["rows_read_n"] == counts["rows_accepted_n"] + counts["rows_superseded_n"] + counts["rows_rejected_n"]
    return (
        f"{counts['rows_read_n']} CVs read from {counts['files']} files = {counts['rows_accepted_n']} accepted + "
        f"{counts['rows_superseded_n']} merged into a later recommendation of the same person + {counts['rows_rejected_n']} "
        f"rejected ({'reconciled' if ok else 'NOT RECONCILED'}); {counts['experts']} experts in the directory"
    )


def connect(data_dir: str | Path = "") -> sqlite3.Connection:
    """Open the directory read-only, with a plain error when `make experts` has not run."""
    path = processed_dir(data_dir) / DATABASE
    if not path.is_file():
        raise FileNotFoundError(f"No directory of experts in {path.parent}: run `make experts` first.")
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def search_experts(
    con: sqlite3.Connection, article: str = "", language: str = "", group_code: str = "", form: str = "", available_only: bool = False
) -> pd.DataFrame:
    """Return the experts matching every criterion given (article or theme, language, regional group, form), in the
    directory as it stands today (a report counts only the experts recommended by its cut-off date: lib.analysis.pool)."""
    where, params = [], []
    for value, table, column in (
        (article, "expert_areas", "area"),
        (language, "expert_languages", "language"),
        (form, "expert_forms", "ta_form_code"),
    ):
        if value:  # table and column names come from this tuple, never from the caller
            where.append(f"e.expert_id IN (SELECT expert_id FROM {table} WHERE {column} = ?)")
            params.append(value)
    if group_code:
        where.append("e.group_code = ?")
        params.append(group_code)
    if available_only:
        where.append("e.availability != 'not available'")
    sql = (
        "SELECT e.expert_id, e.full_name, e.nationality_code, e.group_code, e.gender, e.years_experience, e.availability, "
        "(SELECT group_concat(language || ':' || level, ' ') FROM (SELECT language, level FROM expert_languages l "
        " WHERE l.expert_id = e.expert_id ORDER BY language)) AS languages, "
        "(SELECT group_concat(area, '; ') FROM (SELECT area FROM expert_areas a WHERE a.expert_id = e.expert_id ORDER BY area)) AS areas "
        "FROM experts e" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY e.years_experience DESC, e.expert_id"
    )
    return pd.read_sql_query(sql, con, params=params)


def find_group_code(ref_dir: Path, name_or_code: str) -> str:
    """Return a regional group's code from its code or name, with a plain error listing the groups."""
    groups = reference.read_reference_csv(ref_dir, "regional_groups.csv")
    by_name = {**dict(zip(groups["group_name"].str.casefold(), groups["group_code"])), **{c.casefold(): c for c in groups["group_code"]}}
    if name_or_code.casefold() not in by_name:
        raise SystemExit(f"Unknown regional group {name_or_code!r}; known: {', '.join(groups['group_name'])}.")
    return by_name[name_or_code.casefold()]


def main(argv: list[str] | None = None) -> int:
    """Command line: python -m lib.io.experts build | search [--article A] [--language L] [--region R] [--form F]."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("command", choices=["build", "search", "template"])
    parser.add_argument("--data-dir", default="")
    parser.add_argument("--article", default="", help="a checklist provision (15, 46(9)) or a theme (asset recovery)")
    parser.add_argument("--language", default="", help="ISO 639-1 code: ar, zh, en, fr, ru, es, ...")
    parser.add_argument("--region", default="", help="regional group, by name or code (African States, AFR)")
    parser.add_argument("--form", default="", help="form of TA (ta_forms.csv code, e.g. legal_advice)")
    parser.add_argument("--available", action="store_true", help="leave out experts reported as not available")
    parser.add_argument("--out", default="templates/cv", help="template: the folder to write the CV template into")
    args = parser.parse_args(argv)
    if args.command == "template":
        for path in cvs.write_template(raw_dir(args.data_dir) / "reference", Path(args.out)):
            print(f"wrote {path}")
        return 0
    if args.command == "build":
        print(
            "Experts: " + describe_counts(build_directory(args.data_dir)) + ". Rejected CVs with reasons: "
            f"{processed_dir(args.data_dir) / 'experts_rejects.csv'}"
        )
        return 0
    try:
        con = connect(args.data_dir)
    except FileNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 2
    group = find_group_code(raw_dir(args.data_dir) / "reference", args.region) if args.region else ""
    article = args.article.strip()
    article = article if not article.lower().startswith(("art", "article")) else article.split(None, 1)[-1].lstrip(". ")
    found = search_experts(con, article, args.language.lower(), group, args.form, args.available)
    with pd.option_context("display.max_rows", 200, "display.width", 200, "display.max_colwidth", 60):
        print(found.to_string(index=False) if len(found) else "No expert matches.")
    print(f"{len(found)} expert(s).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
