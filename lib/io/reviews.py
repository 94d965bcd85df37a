"""Validate peer review data: mechanisms and memberships, calendars, recommendations and their status history."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from lib.io import reference, schema
from lib.io.codes import COMMON_STATUSES, EVENT_STATUSES, EVENT_TYPES, EVERY, MEMBERSHIP_RULES
from lib.io.names import normalise_name
from lib.io.rows import (
    Reference,
    StructuralError,
    flag_unknown_state,
    list_exports,
    normalise_provision,
    parse_iso_date,
    read_export,
    screen_row,
    summarise_problems,
)
from lib.io.supply import CONVENTION_ARTICLES

FOLDER = "peer_review"  # raw/peer_review: calendars, recommendation registers and status assessments
CALENDAR_COLUMNS = ["event_id", "mechanism", "state", "event_type", "start", "end", "status", "round", "notes"]
RECOMMENDATION_COLUMNS = [
    "mechanism",
    "state",
    "round",
    "recommendation_id",
    "adopted_on",
    "text",
    "articles",
    "themes",
    "criteria",
    "follow_up_due",
    "source",
]
ASSESSMENT_COLUMNS = ["mechanism", "recommendation_id", "assessed_on", "status", "note", "source"]
FILE_KINDS = {"calendar": CALENDAR_COLUMNS, "recommendations": RECOMMENDATION_COLUMNS, "assessments": ASSESSMENT_COLUMNS}
ARTICLE_RANGE = re.compile(r"^(\d+)\s*-\s*(\d+)$")


@dataclass
class ReviewReference:
    """The peer review reference tables and the membership index the row checks need."""

    mechanisms: pd.DataFrame
    cycles: pd.DataFrame
    vocabulary: pd.DataFrame
    membership: pd.DataFrame
    members: dict[str, dict[str, list[tuple]]] = field(repr=False, default_factory=dict)
    rules: dict[str, str] = field(repr=False, default_factory=dict)  # mechanism id -> membership rule
    rounds: dict[str, set[str]] = field(repr=False, default_factory=dict)  # mechanism id -> its rounds

    def is_member(self, mechanism: str, state: str, day: date) -> bool:
        """Return True when the State was a member of the mechanism on the day (a blank start = member throughout)."""
        for start, end in self.members.get(mechanism, {}).get(state, []):
            if (start is None or start <= day) and (end is None or day <= end):
                return True
        return False


def expand_articles(value: str) -> tuple[list[str], list[str]]:
    """Return the articles of a ';'-separated list that may hold ranges ('15-42; 46'), and the items not understood."""
    articles, bad = [], []
    for item in (p.strip() for p in value.split(";")):
        if not item:
            continue
        text = normalise_provision(item)
        span = ARTICLE_RANGE.match(text)
        numbers = list(range(int(span.group(1)), int(span.group(2)) + 1)) if span else ([int(text)] if text.isdigit() else [])
        if not numbers or any(n not in CONVENTION_ARTICLES for n in numbers):
            bad.append(item)
            continue
        articles += [str(n) for n in numbers if str(n) not in articles]
    return articles, bad


def derive_party_membership(states: pd.DataFrame) -> pd.DataFrame:
    """Return the IRM's members: every party from the day the Convention entered into force for it (deposit + 30 days)."""
    parties = states[states["is_party"]]
    start = parties["deposit_date_latest"].fillna(pd.Timestamp(reference.REFERENCE_AS_AT)) + timedelta(days=reference.ENTRY_INTO_FORCE_DAYS)
    return pd.DataFrame(
        {
            "mechanism_id": "IRM",
            "state_code": parties["state_code"],
            "member_from": start,
            "member_to": pd.NaT,
            "as_at": pd.Timestamp(reference.REFERENCE_AS_AT),
            "verified": "yes",
            "source": "uncac_states_parties.csv: a party from the entry into force of the Convention for it (art. 68(2))",
            "notes": "",
        }
    )


def load_review_reference(ref_dir: Path, states: pd.DataFrame) -> ReviewReference:
    """Load and check review_mechanisms, review_cycles, review_status_vocabulary and review_membership."""
    mechanisms = reference.read_reference_csv(ref_dir, "review_mechanisms.csv")
    cycles = reference.read_reference_csv(ref_dir, "review_cycles.csv")
    vocabulary = reference.read_reference_csv(ref_dir, "review_status_vocabulary.csv")
    listed = reference.read_reference_csv(ref_dir, "review_membership.csv")
    known, codes = set(mechanisms["mechanism_id"]), set(states["state_code"])
    for name, frame in (("review_cycles.csv", cycles), ("review_status_vocabulary.csv", vocabulary), ("review_membership.csv", listed)):
        unknown = sorted(set(frame["mechanism_id"]) - known)
        if unknown:
            raise reference.ReferenceError(
                f"{name} names the mechanism(s) {', '.join(unknown)}, which review_mechanisms.csv does not list: "
                f"add them there or correct the id."
            )
    bad_rule = sorted(set(mechanisms["membership_rule"]) - set(MEMBERSHIP_RULES))
    bad_scale = sorted(set(vocabulary["common_status"]) - set(COMMON_STATUSES))
    bad_state = sorted(set(listed["state_code"]) - codes)
    for values, what in (
        (bad_rule, f"membership rule(s) other than {', '.join(MEMBERSHIP_RULES)} in review_mechanisms.csv"),
        (bad_scale, f"common status(es) outside the scale ({', '.join(COMMON_STATUSES)}) in review_status_vocabulary.csv"),
        (bad_state, "State code(s) not in the reference States in review_membership.csv"),
    ):
        if values:
            raise reference.ReferenceError(f"There are {what}: {', '.join(values)}; correct them.")
    for col in ("member_from", "member_to", "as_at"):
        listed[col] = pd.to_datetime(listed[col].replace("", None), format="%Y-%m-%d")
    parts = [listed]
    if "uncac_parties" in set(mechanisms["membership_rule"]):
        parts.append(
            derive_party_membership(states).assign(
                mechanism_id=mechanisms.loc[mechanisms["membership_rule"] == "uncac_parties", "mechanism_id"].iloc[0]
            )
        )
    membership = pd.concat(parts, ignore_index=True).sort_values(["mechanism_id", "state_code"]).reset_index(drop=True)
    cycles = cycles.assign(
        provisions=[";".join(expand_articles(v)[0]) for v in cycles["articles"]],
        start_year=cycles["start_year"].astype(int),
        end_year=cycles["end_year"].astype(int),
    ).drop(columns="articles")
    members: dict[str, dict[str, list[tuple]]] = {}
    for m in membership.itertuples():
        span = (None if pd.isna(m.member_from) else m.member_from.date(), None if pd.isna(m.member_to) else m.member_to.date())
        members.setdefault(m.mechanism_id, {}).setdefault(m.state_code, []).append(span)
    rules = dict(zip(mechanisms["mechanism_id"], mechanisms["membership_rule"]))
    rounds = {m: set(cycles.loc[cycles["mechanism_id"] == m, "round"]) for m in rules}
    return ReviewReference(mechanisms, cycles, vocabulary, membership, members, rules, rounds)


def classify_file(path: Path) -> str:
    """Return which kind of review file a name denotes (calendar, recommendations, assessments), or stop plainly."""
    kinds = [k for k in FILE_KINDS if k in path.stem.lower()]
    if len(kinds) != 1:
        raise StructuralError(
            f"The file {path.name} in raw/{FOLDER} does not say what it holds: its name must contain exactly one of "
            f"{', '.join(FILE_KINDS)} (see data/raw/README.md)."
        )
    return kinds[0]


def check_common(row: dict, ref: Reference, rref: ReviewReference, problems: list) -> tuple[str, str]:
    """Check the mechanism, State and round of a row; return the (mechanism, State code) found ('' when unknown)."""
    mechanism = row["mechanism"].strip().upper()
    if row["mechanism"] and mechanism not in rref.rules:
        problems.append(("mechanism", row["mechanism"], "unknown_mechanism"))
        mechanism = ""
    state = ""
    if row.get("state"):
        state = ref.aliases.get(normalise_name(row["state"]), "")
        if not state:
            problems.append(flag_unknown_state("state", row["state"], ref))
    if mechanism and row.get("round"):
        if row["round"] not in rref.rounds[mechanism]:
            problems.append(("round", row["round"], "unknown_round"))
    return mechanism, state


def check_dates(row: dict, columns: tuple[str, ...], problems: list, today: date | None = None) -> dict[str, date | None]:
    """Return the parsed dates of the given columns (blank = None), noting bad and future dates."""
    dates: dict[str, date | None] = {}
    for col in columns:
        dates[col] = day = parse_iso_date(row[col]) if row[col] else None
        if row[col] and day is None:
            problems.append((col, row[col], "bad_date"))
        elif today and day and day > today:
            problems.append((col, row[col], "future_date"))
    return dates


def require(row: dict, columns: tuple[str, ...], problems: list) -> None:
    """Note every required column left blank."""
    problems += [(c, "", "missing_value") for c in columns if not row[c]]


def check_event(row: dict, ref: Reference, rref: ReviewReference) -> tuple[dict, list]:
    """Return a calendar event normalised, and its problems as (column, value, reason_code)."""
    problems: list = []
    require(row, ("event_id", "mechanism", "event_type", "start", "status"), problems)
    mechanism, state = check_common(row, ref, rref, problems)
    event_type, status = row["event_type"].strip().lower(), row["status"].strip().lower()
    if row["event_type"] and event_type not in EVENT_TYPES:
        problems.append(("event_type", row["event_type"], "unknown_event_type"))
    if row["status"] and status not in EVENT_STATUSES:
        problems.append(("status", row["status"], "bad_event_status"))
    if event_type == "plenary" and row["state"]:
        problems.append(("state", row["state"], "state_on_plenary"))
    elif event_type in EVENT_TYPES and event_type != "plenary" and not row["state"]:
        problems.append(("state", "", "missing_value"))
    dates = check_dates(row, ("start", "end"), problems)
    start, end = dates["start"], dates["end"] or dates["start"]
    if start and end and end < start:
        problems.append(("end", row["end"], "end_before_start"))
    if mechanism and state and start and event_type != "plenary" and not rref.is_member(mechanism, state, start):
        problems.append(("state", f"{row['state']} ({mechanism}, {start.isoformat()})", "not_a_member"))
    return {
        "event_id": row["event_id"],
        "mechanism_id": mechanism,
        "state_code": state,
        "event_type": event_type,
        "start_date": start,
        "end_date": end,
        "status": status,
        "round": row["round"],
        "notes_text": row["notes"],
    }, problems


def check_recommendation(row: dict, ref: Reference, rref: ReviewReference, today: date) -> tuple[dict, list]:
    """Return a recommendation normalised, and its problems."""
    problems: list = []
    require(row, ("mechanism", "round", "recommendation_id", "text"), problems)
    mechanism, state = check_common(row, ref, rref, problems)
    rule = rref.rules.get(mechanism)
    if rule in ("listed", "uncac_parties") and not row["state"]:
        problems.append(("state", "", "missing_value"))
    dates = check_dates(row, ("adopted_on",), problems, today) | check_dates(row, ("follow_up_due",), problems)
    if dates["adopted_on"] and dates["follow_up_due"] and dates["follow_up_due"] < dates["adopted_on"]:
        problems.append(("follow_up_due", row["follow_up_due"], "due_before_adoption"))
    if mechanism and state and (rule == "none" or (dates["adopted_on"] and not rref.is_member(mechanism, state, dates["adopted_on"]))):
        when = dates["adopted_on"].isoformat() if dates["adopted_on"] else "no members"
        problems.append(("state", f"{row['state']} ({mechanism}, {when})", "not_a_member"))
    articles, bad = expand_articles(row["articles"])
    problems += [("articles", item, "unknown_article") for item in bad]
    return {
        "mechanism_id": mechanism,
        "recommendation_id": row["recommendation_id"],
        "state_code": state,
        "round": row["round"],
        "adopted_on": dates["adopted_on"],
        "text": row["text"],
        "provisions": ";".join(articles),
        "themes": ";".join(t.strip() for t in row["themes"].split(";") if t.strip()),
        "criteria_text": row["criteria"],
        "follow_up_due": dates["follow_up_due"],
        "source_text": row["source"],
    }, problems


def check_assessment(row: dict, rref: ReviewReference, recommendations: dict, vocab: dict, today: date) -> tuple[dict, list]:
    """Return a status assessment normalised (with its common status), and its problems."""
    problems: list = []
    require(row, ("mechanism", "recommendation_id", "assessed_on", "status"), problems)
    mechanism = row["mechanism"].strip().upper()
    if row["mechanism"] and mechanism not in rref.rules:
        problems.append(("mechanism", row["mechanism"], "unknown_mechanism"))
    rec = recommendations.get((mechanism, row["recommendation_id"]))
    if row["recommendation_id"] and mechanism in rref.rules and rec is None:
        problems.append(("recommendation_id", row["recommendation_id"], "unknown_recommendation"))
    assessed = check_dates(row, ("assessed_on",), problems, today)["assessed_on"]
    if rec is not None and assessed and rec["adopted_on"] and assessed < rec["adopted_on"]:
        problems.append(("assessed_on", row["assessed_on"], "assessed_before_adoption"))
    common = vocab.get((mechanism, row["status"].strip().lower()))
    if row["status"] and mechanism in rref.rules and common is None:
        problems.append(("status", f"{row['status']} (not in the {mechanism} vocabulary)", "bad_review_status"))
    return {
        "mechanism_id": mechanism,
        "recommendation_id": row["recommendation_id"],
        "assessed_on": assessed,
        "status": row["status"].strip().lower(),
        "common_status": common,
        "note_text": row["note"],
        "source_text": row["source"],
    }, problems


def validate(kind: str, rows: pd.DataFrame, check, key: list[str], reason: str) -> tuple[list[dict], list[dict]]:
    """Run a row check over raw rows; reject exact duplicates, failing rows and a second row with an existing key."""
    valid, rejects = [], []
    seen_rows: dict[tuple, str] = {}
    seen_keys: dict[tuple, str] = {}
    columns = FILE_KINDS[kind]
    for row in rows.to_dict("records"):
        where = f"{row['source_file']} row {row['source_row']}"
        unreadable = screen_row(row, columns)
        if unreadable:
            rejects.append(summarise_problems(row["source_file"], row["source_row"], unreadable))
            continue
        whole = tuple(row[c] for c in columns)
        if whole in seen_rows:
            rejects.append(
                summarise_problems(row["source_file"], row["source_row"], [("all", f"same as {seen_rows[whole]}", "exact_duplicate")])
            )
            continue
        seen_rows[whole] = where
        out, problems = check(row)
        k = tuple(out[c] for c in key)
        if not problems and k in seen_keys:
            problems = [(key[-1], f"{k[-1]} (first at {seen_keys[k]})", reason)]
        if problems:
            rejects.append(summarise_problems(row["source_file"], row["source_row"], problems))
            continue
        seen_keys[k] = where
        valid.append(dict(out, source_file=row["source_file"], source_row=row["source_row"], row_status="accepted"))
    return valid, rejects


def reject_overlaps(events: list[dict]) -> tuple[list[dict], list[dict]]:
    """Reject an event whose dates overlap an earlier listed one of the same mechanism, State and type (not cancelled)."""
    kept, rejects = [], []
    last_by_key: dict[tuple, dict] = {}
    for e in sorted(events, key=lambda e: (e["start_date"], e["source_file"], e["source_row"])):
        key = (e["mechanism_id"], e["state_code"], e["event_type"])
        prior = last_by_key.get(key)
        if e["status"] != "cancelled" and prior and e["start_date"] <= prior["end_date"]:
            rejects.append(
                summarise_problems(
                    e["source_file"],
                    e["source_row"],
                    [
                        (
                            "start",
                            f"{e['start_date'].isoformat()} overlaps {prior['event_id']} "
                            f"({prior['source_file']} row {prior['source_row']})",
                            "overlapping_event",
                        )
                    ],
                )
            )
            continue
        if e["status"] != "cancelled":
            last_by_key[key] = e
        kept.append(e)
    return kept, rejects


def split_conflicting_assessments(assessments: list[dict]) -> tuple[list[dict], list[dict]]:
    """Reject both rows when one recommendation is assessed twice on one day with different statuses."""
    frame = pd.DataFrame(assessments)
    if frame.empty:
        return assessments, []
    key = ["mechanism_id", "recommendation_id", "assessed_on"]
    dup = frame.duplicated(key, keep=False)
    rejects = []
    for _, group in frame[dup].groupby(key, sort=False):
        where = ", ".join(f"{f} row {r}" for f, r in zip(group["source_file"], group["source_row"]))
        rejects += [
            summarise_problems(f, r, [("status", f"{s} (rows: {where})", "conflicting_assessment")])
            for f, r, s in zip(group["source_file"], group["source_row"], group["status"])
        ]
    return frame[~dup].to_dict("records"), rejects


def mark_superseded_assessments(assessments: pd.DataFrame) -> pd.DataFrame:
    """Mark each recommendation's latest assessment accepted and the earlier ones superseded (kept as its history)."""
    frame = assessments.sort_values(["mechanism_id", "recommendation_id", "assessed_on"]).reset_index(drop=True)
    frame["superseded_by_date"] = frame.groupby(["mechanism_id", "recommendation_id"])["assessed_on"].shift(-1)
    frame["row_status"] = frame["superseded_by_date"].isna().map({True: "accepted", False: "superseded"})
    return frame


def read_review_files(raw: Path) -> dict[str, pd.DataFrame]:
    """Return the raw rows of raw/peer_review by kind (calendar, recommendations, assessments), as strings."""
    frames: dict[str, list[pd.DataFrame]] = {k: [] for k in FILE_KINDS}
    for path in list_exports(raw / FOLDER):
        kind = classify_file(path)
        frames[kind].append(read_export(path, raw, FILE_KINDS[kind]))
    empty = {k: pd.DataFrame(columns=[*FILE_KINDS[k], "source_file", "source_row"]) for k in FILE_KINDS}
    return {k: pd.concat(v, ignore_index=True) if v else empty[k] for k, v in frames.items()}


def empty_tables() -> dict[str, pd.DataFrame]:
    """Return the review tables of a data folder without peer review data."""
    return {
        s.name: schema.make_empty(s)
        for s in (
            schema.REVIEW_MECHANISMS,
            schema.REVIEW_CYCLES,
            schema.REVIEW_MEMBERSHIP,
            schema.REVIEW_VOCABULARY,
            schema.REVIEW_EVENTS,
            schema.RECOMMENDATIONS,
            schema.RECOMMENDATION_ASSESSMENTS,
        )
    }


def ingest_reviews(raw: Path, ref: Reference, today: date) -> tuple[pd.DataFrame, dict[str, pd.DataFrame], pd.DataFrame]:
    """Read and validate raw/peer_review; return (rows read, validated tables by name, rejects). Absent folder = none."""
    ref_dir = raw / "reference"
    if not (raw / FOLDER).is_dir():
        return (
            pd.DataFrame({"source_file": pd.Series(dtype=str), "source_row": pd.Series(dtype=int)}),
            empty_tables(),
            schema.make_empty(schema.REJECTS),
        )
    rref = load_review_reference(ref_dir, ref.states)
    raw_rows = read_review_files(raw)
    events, event_rejects = validate(
        "calendar", raw_rows["calendar"], lambda r: check_event(r, ref, rref), ["event_id"], "duplicate_event_id"
    )
    events, overlap_rejects = reject_overlaps(events)
    recs, rec_rejects = validate(
        "recommendations",
        raw_rows["recommendations"],
        lambda r: check_recommendation(r, ref, rref, today),
        ["mechanism_id", "recommendation_id"],
        "duplicate_recommendation_id",
    )
    by_key = {(r["mechanism_id"], r["recommendation_id"]): r for r in recs}
    vocab = {
        (m, s.lower()): c for m, s, c in zip(rref.vocabulary["mechanism_id"], rref.vocabulary["status"], rref.vocabulary["common_status"])
    }
    assessed, assessment_rejects = validate(
        "assessments",
        raw_rows["assessments"],
        lambda r: check_assessment(r, rref, by_key, vocab, today),
        ["mechanism_id", "recommendation_id", "assessed_on", "status"],
        "duplicate_assessment",
    )
    assessed, conflict_rejects = split_conflicting_assessments(assessed)
    tables = {
        "review_mechanisms": schema.REVIEW_MECHANISMS.validate(rref.mechanisms),
        "review_cycles": schema.REVIEW_CYCLES.validate(rref.cycles),
        "review_membership": schema.REVIEW_MEMBERSHIP.validate(rref.membership),
        "review_vocabulary": schema.REVIEW_VOCABULARY.validate(rref.vocabulary),
        "review_events": schema.REVIEW_EVENTS.validate(to_frame(events, schema.REVIEW_EVENTS, ("start_date", "end_date"))),
        "recommendations": schema.RECOMMENDATIONS.validate(to_frame(recs, schema.RECOMMENDATIONS, ("adopted_on", "follow_up_due"))),
    }
    frame = to_frame(assessed, schema.RECOMMENDATION_ASSESSMENTS, ("assessed_on",))
    tables["recommendation_assessments"] = schema.RECOMMENDATION_ASSESSMENTS.validate(
        mark_superseded_assessments(frame) if len(frame) else frame
    )
    read = pd.concat([f[["source_file", "source_row"]] for f in raw_rows.values()], ignore_index=True)
    rejects = pd.DataFrame(
        event_rejects + overlap_rejects + rec_rejects + assessment_rejects + conflict_rejects, columns=list(schema.REJECTS.columns)
    )
    return read, tables, rejects


def to_frame(rows: list[dict], table, date_columns: tuple[str, ...]) -> pd.DataFrame:
    """Return validated rows as a frame in a schema's column order, dates as timestamps."""
    if not rows:
        return schema.make_empty(table)
    frame = pd.DataFrame(rows)
    for col in table.columns:
        if col not in frame:
            frame[col] = None
    frame = frame[list(table.columns)]
    for col in date_columns:
        frame[col] = pd.to_datetime(frame[col])
    return frame.astype({"source_row": int})


def list_review_scope(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Return what the review reports cover (read by lib.pipeline.plan): the calendar's years and each mechanism's rounds."""
    events, recs = tables["review_events"], tables["recommendations"]
    years = sorted({int(y) for col in ("start_date", "end_date") for y in events[col].dt.year})
    rows = [{"notebook": "review_coordination", "first": str(y), "second": ""} for y in years]
    if len(recs):
        rows.append({"notebook": "recommendations_followup", "first": EVERY, "second": EVERY})
    rows += [
        {"notebook": "recommendations_followup", "first": m, "second": r}
        for m, r in recs[["mechanism_id", "round"]].drop_duplicates().sort_values(["mechanism_id", "round"]).itertuples(index=False)
    ]
    return pd.DataFrame(rows, columns=["notebook", "first", "second"])
