"""Ingest self-assessment exports: validate every raw row, supersede, reject with reasons, write parquet."""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pandas as pd

from lib.io import reference, schema
from lib.io.files import write_if_changed
from lib.io.names import normalise_name
from lib.io.paths import processed_dir, raw_dir
from lib.io.rows import (
    FORM_SEPARATOR,
    Reference,
    StructuralError,
    flag_unknown_state,
    list_exports,
    load_reference,
    normalise_provision,
    parse_iso_date,
    read_export,
    screen_row,
    suggest_state_names,
    summarise_problems,
)

REQUIRED_COLUMNS = [
    "state",
    "submitted_on",
    "checklist",
    "article",
    "compliance",
    "ta_needed",
    "ta_forms",
    "ta_provided",
    "ta_providers",
    "notes",
]
SYNTHETIC_MARKER = "SYNTHETIC_SAMPLE.md"  # present in a raw folder written by lib.sample.synthetic: reports show a banner
NAMES_LISTED = 10  # the console lists at most this many unknown names per file, then 'and N more'


def check_row(row: dict, ref: Reference, today: date) -> tuple[dict, list[tuple[str, ...]]]:
    """Return the normalised row and its problems as (column, value, reason_code[, detail])."""
    problems: list[tuple[str, ...]] = []
    out: dict = {}
    for col in ("state", "submitted_on", "checklist", "article"):
        if not row[col]:
            problems.append((col, "", "missing_value"))
    if row["state"]:
        out["state_code"] = ref.aliases.get(normalise_name(row["state"]))
        if out["state_code"] is None:
            problems.append(flag_unknown_state("state", row["state"], ref))
    if row["submitted_on"]:
        out["submitted_on"] = parse_iso_date(row["submitted_on"])
        if out["submitted_on"] is None:
            problems.append(("submitted_on", row["submitted_on"], "bad_date"))
        elif out["submitted_on"] > today:
            problems.append(("submitted_on", row["submitted_on"], "future_date"))
    if row["checklist"]:
        if row["checklist"] not in ref.provisions:
            problems.append(("checklist", row["checklist"], "unknown_checklist"))
        elif row["article"]:
            out["provision"] = normalise_provision(row["article"])
            if out["provision"] not in ref.provisions[row["checklist"]]:
                problems.append(("article", row["article"], "unknown_article"))
    out["compliance_code"] = None
    if row["compliance"]:
        out["compliance_code"] = ref.answers["compliance"].get(normalise_name(row["compliance"]))
        if out["compliance_code"] is None:
            problems.append(("compliance", row["compliance"], "bad_compliance"))
    for col in ("ta_needed", "ta_provided"):
        out[col] = None
        if row[col]:
            answer = ref.answers["yes_no"].get(normalise_name(row[col]))
            if answer is None:
                problems.append((col, row[col], "bad_yes_no"))
            out[col] = answer == "yes" if answer else None
    codes = []
    for item in filter(None, (p.strip() for p in row["ta_forms"].split(FORM_SEPARATOR))):
        code = ref.forms.get(normalise_name(item))
        if code is None:
            problems.append(("ta_forms", item, "unknown_ta_form"))
        elif code not in codes:
            codes.append(code)
    if codes and out.get("ta_needed") is False:
        problems.append(("ta_forms", row["ta_forms"], "forms_without_need"))
    # A row listing the forms of TA it needs answers "TA needed" by doing so: a blank is read as yes (data contract).
    out["ta_needed_from_forms"] = bool(codes) and out.get("ta_needed") is None and not row["ta_needed"]
    if out["ta_needed_from_forms"]:
        out["ta_needed"] = True
    out["ta_form_codes"] = FORM_SEPARATOR.join(codes)
    return out, problems


def validate_rows(raw: pd.DataFrame, ref: Reference, today: date) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split raw rows into valid answers and rejects (exact duplicates and conflicting answers included)."""
    valid, rejects = [], []
    first_seen: dict[tuple, tuple[str, int]] = {}  # a row's values -> (file, row) where they were first read
    for row in raw.to_dict("records"):
        unreadable = screen_row(row, REQUIRED_COLUMNS)
        if unreadable:
            rejects.append(summarise_problems(row["source_file"], row["source_row"], unreadable))
            continue
        key = tuple(row[c] for c in REQUIRED_COLUMNS)
        if key in first_seen:
            f, r = first_seen[key]
            rejects.append(summarise_problems(row["source_file"], row["source_row"], [("all", f"same as {f} row {r}", "exact_duplicate")]))
            continue
        first_seen[key] = (row["source_file"], row["source_row"])
        out, problems = check_row(row, ref, today)
        if problems:
            rejects.append(summarise_problems(row["source_file"], row["source_row"], problems))
            continue
        valid.append(
            {
                "state_code": out["state_code"],
                "checklist_id": row["checklist"],
                "provision": out["provision"],
                "submitted_on": out["submitted_on"],
                "compliance_code": out["compliance_code"],
                "is_ta_needed": out["ta_needed"],
                "is_ta_needed_from_forms": out["ta_needed_from_forms"],
                "is_ta_provided": out["ta_provided"],
                "ta_form_codes": out["ta_form_codes"],
                "ta_providers_text": row["ta_providers"],
                "ta_provider_names": FORM_SEPARATOR.join(reference.name_providers(row["ta_providers"], ref.providers)),
                "notes_text": row["notes"],
                "state_name_raw": row["state"],
                "source_file": row["source_file"],
                "source_row": row["source_row"],
            }
        )
    answers = pd.DataFrame(valid, columns=[c for c in schema.SA_ANSWERS.columns if c not in ("row_status", "superseded_by_date")])
    answers, conflicts = split_conflicts(answers)
    rejects += conflicts
    return answers, pd.DataFrame(rejects, columns=list(schema.REJECTS.columns))


def split_conflicts(answers: pd.DataFrame) -> tuple[pd.DataFrame, list[dict]]:
    """Remove every row of a submission that answers one article twice (which answer is right is not guessed)."""
    key = ["state_code", "checklist_id", "provision", "submitted_on"]
    dup = answers.duplicated(key, keep=False)
    conflicts = []
    for _, group in answers[dup].groupby(key, sort=False):
        where = ", ".join(f"{f} row {r}" for f, r in zip(group["source_file"], group["source_row"]))
        for f, r, prov in zip(group["source_file"], group["source_row"], group["provision"]):
            conflicts.append(summarise_problems(f, r, [("article", f"{prov} (rows: {where})", "conflicting_answers")]))
    return answers[~dup], conflicts


def mark_superseded(answers: pd.DataFrame) -> pd.DataFrame:
    """Mark rows of each State's latest submission per checklist accepted, earlier ones superseded."""
    answers = answers.copy()
    answers["submitted_on"] = pd.to_datetime(answers["submitted_on"])
    subs = answers[["state_code", "checklist_id", "submitted_on"]].drop_duplicates().sort_values("submitted_on")
    subs["superseded_by_date"] = subs.groupby(["state_code", "checklist_id"])["submitted_on"].shift(-1)
    answers = answers.merge(subs, on=["state_code", "checklist_id", "submitted_on"], how="left")
    answers["row_status"] = answers["superseded_by_date"].isna().map({True: "accepted", False: "superseded"})
    return answers.sort_values(["state_code", "checklist_id", "submitted_on", "source_file", "source_row"]).reset_index(drop=True)


def reconcile(raw: pd.DataFrame, answers: pd.DataFrame, rejects: pd.DataFrame, files: Sequence[str] = ()) -> pd.DataFrame:
    """Return per-file and total counts of rows read, accepted, superseded and rejected; files: every file read, so
    that one holding no row (a header alone) is listed with 0 rows."""
    read = raw.groupby("source_file").size()
    read = read.reindex(sorted(set(read.index) | set(files)), fill_value=0)
    status = answers.groupby(["source_file", "row_status"]).size().unstack(fill_value=0)
    rejected = rejects.drop_duplicates(["source_file", "source_row"]).groupby("source_file").size()
    table = pd.DataFrame({"rows_read_n": read}).join(status).join(rejected.rename("rows_rejected_n"))
    table = table.reindex(columns=["rows_read_n", "accepted", "superseded", "rows_rejected_n"]).fillna(0).astype(int)
    table = table.rename(columns={"accepted": "rows_accepted_n", "superseded": "rows_superseded_n"})
    table.loc["all files"] = table.sum()
    table["is_reconciled"] = table["rows_read_n"] == table[["rows_accepted_n", "rows_superseded_n", "rows_rejected_n"]].sum(axis=1)
    return table.rename_axis("source_file").reset_index()


def describe_reconciliation(recon: pd.DataFrame) -> str:
    """Return the one-line reconciliation: read = accepted + superseded + rejected."""
    t = recon[recon["source_file"] == "all files"].iloc[0]
    files = len(recon) - 1
    verdict = "reconciled" if t["is_reconciled"] else "NOT RECONCILED"
    return (
        f"{t['rows_read_n']:,} rows read from {files} file{'s' if files != 1 else ''} = {t['rows_accepted_n']:,} accepted"
        f" + {t['rows_superseded_n']:,} superseded + {t['rows_rejected_n']:,} rejected ({verdict})"
    )


def describe_for_readers(reason_code: str) -> str:
    """Return a reject reason as a document's reader reads it ('left a required answer blank'): no file or column name."""
    return schema.READER_REASONS.get(reason_code, schema.REJECT_REASONS[reason_code])


def list_rejected_submissions(raw: pd.DataFrame, answers: pd.DataFrame, rejects: pd.DataFrame, ref: Reference) -> pd.DataFrame:
    """Return every submission (State x checklist x submission date, as written) none of whose rows was accepted.

    Rows of one State written two ways ('Allemagne', 'Germany') are one submission; an unknown name is a State of its
    own. A row accepted, or superseded by a later submission, counts as accepted. Such a State is not a respondent:
    the data-quality annex lists it with the reasons, so that it is not taken for a State that did not reply.
    """
    columns = list(schema.REJECTED_SUBMISSIONS.columns)
    if raw.empty:
        return pd.DataFrame(columns=columns)
    raw = raw.assign(state_code=raw["state"].map(lambda n: ref.aliases.get(normalise_name(n), "")))
    raw["key"] = raw["state_code"].where(raw["state_code"] != "", "?" + raw["state"].map(normalise_name))
    kept = set(zip(answers["source_file"], answers["source_row"]))
    raw["is_kept"] = [(f, r) in kept for f, r in zip(raw["source_file"], raw["source_row"])]
    codes = rejects.set_index(["source_file", "source_row"])["reason_code"].to_dict()
    rows = []
    for (_, checklist, submitted_on), group in raw.groupby(["key", "checklist", "submitted_on"], sort=False):
        if group["is_kept"].any():
            continue
        found = pd.Series([c for f, r in zip(group["source_file"], group["source_row"]) for c in codes.get((f, r), "").split("; ") if c])
        counts = found.value_counts(sort=False)
        rows.append(
            {
                "state_text": group["state"].iloc[0],
                "state_code": group["state_code"].iloc[0],
                "checklist_text": checklist,
                "submitted_on_text": submitted_on,
                "submitted_on_date": parse_iso_date(submitted_on),
                "source_files": "; ".join(dict.fromkeys(group["source_file"])),
                "rows_read_n": len(group),
                "reason_codes": "; ".join(counts.index),
                "reasons": "; ".join(f"{describe_for_readers(c)} ({n} row{'s' if n != 1 else ''})" for c, n in counts.items()),
            }
        )
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["state_text", "checklist_text", "submitted_on_text"], key=lambda s: s.str.casefold()).reset_index(drop=True)


def load_rejected_submissions(data_dir: str | Path = "") -> pd.DataFrame:
    """Read processed/rejected_submissions.csv: the submissions none of whose rows was accepted (for the data-quality annex)."""
    path = processed_dir(data_dir) / "rejected_submissions.csv"
    if not path.is_file():
        raise FileNotFoundError(f"No processed data in {path.parent}: run `make data` (or `make reports`) first.")
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    return table.astype({"rows_read_n": int}).assign(submitted_on_date=pd.to_datetime(table["submitted_on_date"].replace("", None)))


def describe_rejects(rejects: pd.DataFrame, ref: Reference) -> list[str]:
    """Return the console lines listing rejected rows by file and reason, with the closest known names of unknown States.

    A row with two problems counts under both reasons; at most NAMES_LISTED unknown names are listed per file.
    """
    lines = []
    for source_file, rows in rejects.groupby("source_file", sort=True):
        lines.append(f"  {source_file}: {len(rows)} row{'s' if len(rows) != 1 else ''} rejected")
        problems = [
            (code, value if len(codes) == len(values) else whole)
            for codes, values, whole in zip(rows["reason_code"].str.split("; "), rows["value"].str.split("; "), rows["value"])
            for code, value in zip(codes, values if len(codes) == len(values) else [whole] * len(codes))
        ]
        counts = pd.Series([code for code, _ in problems]).value_counts(sort=False)
        for code, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            lines.append(f"    {n} {code}: {schema.REJECT_REASONS[code]}")
            if code == "unknown_state":
                names = pd.Series([value for c, value in problems if c == code]).value_counts(sort=False)
                for name, times in list(names.items())[:NAMES_LISTED]:
                    closest = suggest_state_names(name, ref)
                    hint = f"did you mean: {', '.join(closest)}?" if closest else "no close known name"
                    lines.append(f"      {name!r}{f' ({times} rows)' if times > 1 else ''}: {hint}")
                if len(names) > NAMES_LISTED:
                    lines.append(f"      and {len(names) - NAMES_LISTED} more")
    return lines


def hash_file(path: Path) -> str:
    """Return the SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def to_parquet_bytes(frame: pd.DataFrame) -> bytes:
    """Return a frame as parquet bytes (no index)."""
    buf = io.BytesIO()
    frame.to_parquet(buf, index=False)
    return buf.getvalue()


def build_manifest(raw: Path, inputs: list[Path], is_synthetic: bool, recon_line: str) -> dict:
    """Return the manifest: every input's checksum and one checksum for the whole data set."""
    entries = [{"path": p.relative_to(raw).as_posix(), "sha256": hash_file(p), "bytes": p.stat().st_size} for p in inputs]
    digest = hashlib.sha256("".join(f"{e['path']} {e['sha256']}\n" for e in entries).encode()).hexdigest()
    return {"data_checksum": digest, "is_synthetic": is_synthetic, "reconciliation": recon_line, "inputs": entries}


def run_ingest(data_dir: str | Path = "", today: date | None = None) -> dict:
    """Validate all raw exports of a data folder and write its processed tables; return the manifest."""
    raw, out = raw_dir(data_dir), processed_dir(data_dir)
    ref_dir, sa_dir = raw / "reference", raw / "self_assessment"
    ref = load_reference(ref_dir)
    files = list_exports(sa_dir)
    if not files:
        raise StructuralError(
            f"No self-assessment export (.csv or .xlsx) was found in {sa_dir}: "
            f"put the exports there, or run make sample for the synthetic sample."
        )
    raw_rows = pd.concat([read_export(p, raw, REQUIRED_COLUMNS) for p in files], ignore_index=True)
    if raw_rows.empty:
        raise StructuralError(f"The exports in {sa_dir} hold no data rows: check that the right files were exported.")
    answers, rejects = validate_rows(raw_rows, ref, today or date.today())
    answers = schema.SA_ANSWERS.validate(mark_superseded(answers))
    forms = answers[answers["ta_form_codes"] != ""].assign(ta_form_code=lambda d: d["ta_form_codes"].str.split(FORM_SEPARATOR))
    forms = forms.explode("ta_form_code")[list(schema.SA_ANSWER_FORMS.columns)].reset_index(drop=True)
    from lib.io import supply  # noqa: PLC0415  (supply builds on this module)

    supply_read, activities, targets, supply_rejects, flags = supply.ingest_supply(raw, ref, today or date.today())
    activities = schema.TA_ACTIVITIES.validate(
        activities.astype({"source_row": int, "budget": float}).assign(
            start_date=lambda d: pd.to_datetime(d["start_date"]), end_date=lambda d: pd.to_datetime(d["end_date"])
        )
    )
    targets = schema.TA_ACTIVITY_TARGETS.validate(targets)
    from lib.io import reviews  # noqa: PLC0415  (reviews builds on this module)

    review_read, review_tables, review_rejects = reviews.ingest_reviews(raw, ref, today or date.today())
    rejects = pd.concat([r for r in (rejects, supply_rejects, review_rejects) if len(r)] or [rejects], ignore_index=True)
    review_rows = [
        review_tables[t][["source_file", "row_status"]] for t in ("review_events", "recommendations", "recommendation_assessments")
    ]
    supply_dir = raw / "ta_activities"
    supply_files = list_exports(supply_dir, supply.SUPPLY_SUFFIXES) if supply_dir.is_dir() else []
    review_files = list_exports(raw / reviews.FOLDER) if (raw / reviews.FOLDER).is_dir() else []
    recon = schema.RECONCILIATION.validate(
        reconcile(
            pd.concat([raw_rows[["source_file", "source_row"]], supply_read, review_read], ignore_index=True),
            pd.concat([answers[["source_file", "row_status"]], activities[["source_file", "row_status"]], *review_rows], ignore_index=True),
            rejects,
            [p.relative_to(raw).as_posix() for p in files + supply_files + review_files],
        )
    )
    rejects = schema.REJECTS.validate(rejects.astype({"source_row": int}).sort_values(["source_file", "source_row"]).reset_index(drop=True))
    line = describe_reconciliation(recon)
    if not recon["is_reconciled"].all():
        raise StructuralError(
            f"The row counts do not reconcile ({line}): this is a bug in lib/io/ingest.py, please report it with the input files."
        )
    out.mkdir(parents=True, exist_ok=True)
    inputs = sorted([p for p in ref_dir.glob("*.csv")] + files + supply_files + review_files)
    manifest = build_manifest(
        raw, inputs, any((raw / d / SYNTHETIC_MARKER).is_file() for d in ("self_assessment", "ta_activities", reviews.FOLDER)), line
    )
    outputs = {
        "states.parquet": to_parquet_bytes(schema.STATES.validate(ref.states)),
        "state_names.parquet": to_parquet_bytes(schema.STATE_NAMES.validate(reference.load_state_names(ref_dir, ref.states))),
        "checklist.parquet": to_parquet_bytes(schema.CHECKLIST.validate(reference.load_checklist(ref_dir))),
        "ta_forms.parquet": to_parquet_bytes(schema.TA_FORMS.validate(reference.load_ta_forms(ref_dir))),
        "names.parquet": to_parquet_bytes(schema.NAMES.validate(reference.load_names(ref_dir))),
        "meetings.parquet": to_parquet_bytes(schema.MEETINGS.validate(reference.load_meetings(ref_dir))),
        "resolutions.parquet": to_parquet_bytes(schema.RESOLUTIONS.validate(reference.load_resolutions(ref_dir))),
        "sa_answers.parquet": to_parquet_bytes(answers),
        "sa_answer_forms.parquet": to_parquet_bytes(schema.SA_ANSWER_FORMS.validate(forms)),
        "ta_activities.parquet": to_parquet_bytes(activities),
        "ta_activity_targets.parquet": to_parquet_bytes(targets),
        **{f"{name}.parquet": to_parquet_bytes(table) for name, table in review_tables.items()},
        "rejects.csv": rejects.to_csv(index=False).encode(),
        "flags.csv": schema.FLAGS.validate(flags.astype({"source_row": int})).to_csv(index=False).encode(),
        "rejected_submissions.csv": schema.REJECTED_SUBMISSIONS.validate(list_rejected_submissions(raw_rows, answers, rejects, ref))
        .to_csv(index=False)
        .encode(),
        "reconciliation.csv": recon.to_csv(index=False).encode(),
        "manifest.json": (json.dumps(manifest, indent=2) + "\n").encode(),
    }
    outputs.update(partition_checksums(answers, ref.states, reference.load_meetings(ref_dir)))
    outputs["review_scope.csv"] = reviews.list_review_scope(review_tables).to_csv(index=False).encode()
    for name, data in outputs.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        write_if_changed(out / name, data)
    for stale in [*out.glob("by_state/*.sha"), *out.glob("by_group/*.sha")]:
        if stale.relative_to(out).as_posix() not in outputs:
            stale.unlink()
    return manifest


def hash_frame(frame: pd.DataFrame) -> str:
    """Return a SHA-256 of a frame's content (row order included)."""
    return hashlib.sha256(frame.to_csv(index=False).encode()).hexdigest()


def partition_checksums(answers: pd.DataFrame, states: pd.DataFrame, meetings: pd.DataFrame) -> dict[str, bytes]:
    """Return the small files make uses to rebuild only what one State's data touches.

    respondents.csv lists who submitted by each cut-off (the country briefs to build); by_state/<code>.sha and
    by_group/<group>.sha change only when that State's, or that group's, answers change.
    """
    files: dict[str, bytes] = {}
    ordered = answers.sort_values(["state_code", "checklist_id", "submitted_on", "provision"]).drop(columns=["source_file", "source_row"])
    group_of = dict(zip(states["state_code"], states["group_code"]))
    for code, rows in ordered.groupby("state_code"):
        files[f"by_state/{code}.sha"] = (hash_frame(rows) + "\n").encode()
    for group, rows in ordered.assign(group_code=ordered["state_code"].map(group_of)).groupby("group_code"):
        files[f"by_group/{group}.sha"] = (hash_frame(rows) + "\n").encode()
    lines = []
    for m in meetings.itertuples():
        subs = answers[(answers["checklist_id"] == m.checklist_id) & (answers["submitted_on"] <= m.cutoff_date)]
        for code in sorted(subs["state_code"].unique()):
            lines.append({"meeting_id": m.meeting_id, "state_code": code, "group_code": group_of.get(code, "")})
    files["respondents.csv"] = pd.DataFrame(lines, columns=["meeting_id", "state_code", "group_code"]).to_csv(index=False).encode()
    return files


def main(argv: list[str] | None = None) -> int:
    """Command line: python -m lib.io.ingest [--data-dir DIR]; prints the reconciliation line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", default="", help="folder laid out like data/ (default: $UNCAC_DATA_DIR or data/)")
    args = parser.parse_args(argv)
    try:
        manifest = run_ingest(args.data_dir)
    except (StructuralError, reference.ReferenceError) as exc:
        print(f"make data stopped: {exc}", file=sys.stderr)
        return 2
    out = processed_dir(args.data_dir)
    print(f"Ingest: {manifest['reconciliation']}. Rejected rows with reasons: {out / 'rejects.csv'}")
    rejects = pd.read_csv(out / "rejects.csv", dtype=str, keep_default_na=False)
    if len(rejects):
        if manifest["is_synthetic"]:  # a newcomer's first run: the sample's faults are there to show the checks at work
            print(
                "The synthetic sample carries faulty rows on purpose, so that every check below is seen at work: "
                "they are rejected as real data would be, and nothing is wrong with your set-up."
            )
        print("Rejected rows by file and reason:")
        print("\n".join(describe_rejects(rejects, load_reference(raw_dir(args.data_dir) / "reference"))))
    flags = pd.read_csv(out / "flags.csv", dtype=str, keep_default_na=False)
    if len(flags):
        print(f"Rows kept with a flagged value (e.g. a budget left blank): {len(flags)}, listed in {out / 'flags.csv'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
