"""Load the processed peer review tables (mechanisms, members, calendar, recommendations) and answer membership."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from lib.io.names import find_name_in_force
from lib.io.paths import processed_dir
from lib.io.reference import index_name_periods

TABLES = (
    "review_mechanisms",
    "review_cycles",
    "review_membership",
    "review_vocabulary",
    "review_events",
    "recommendations",
    "recommendation_assessments",
    "states",
    "sa_answers",
)


@dataclass
class Reviews:
    """The peer review tables of one data folder, with the States and the manifest."""

    mechanisms: pd.DataFrame
    cycles: pd.DataFrame
    membership: pd.DataFrame
    vocabulary: pd.DataFrame
    events: pd.DataFrame
    recommendations: pd.DataFrame
    assessments: pd.DataFrame
    states: pd.DataFrame
    answers: pd.DataFrame
    reconciliation: pd.DataFrame
    rejects: pd.DataFrame
    manifest: dict
    state_names: pd.DataFrame | None = None  # the UN short names States had since 2005, with their dates

    def __post_init__(self) -> None:
        """Index the States' current and former names once (reports look them up row by row)."""
        self.names = dict(zip(self.states["state_code"], self.states["state_name"]))
        self.name_periods = index_name_periods(self.state_names)

    def name_of(self, code: str, day=None) -> str:
        """Return a State's UN short name in force on a day: the last day of a coordination period, the as-at date of
        a follow-up report (today's name without a day; the code when it has none)."""
        dated = find_name_in_force(self.name_periods.get(code, []), pd.Timestamp(day).strftime("%Y-%m-%d")) if day is not None else None
        return dated or self.names.get(code, code)


def load_reviews(data_dir: str | Path = "") -> Reviews:
    """Read the peer review tables written by `make data`."""
    folder = processed_dir(data_dir)
    if not (folder / "manifest.json").is_file():
        raise FileNotFoundError(f"No processed data in {folder}: run `make data` (or `make reports`) first.")
    mechanisms, cycles, membership, vocabulary, events, recommendations, assessments, states, answers = [
        pd.read_parquet(folder / f"{name}.parquet") for name in TABLES
    ]
    recon = pd.read_csv(folder / "reconciliation.csv")
    rejects = pd.read_csv(folder / "rejects.csv", dtype=str, keep_default_na=False)
    return Reviews(
        mechanisms,
        cycles,
        membership,
        vocabulary,
        events,
        recommendations,
        assessments,
        states,
        answers,
        recon[recon["source_file"].str.startswith("peer_review/")].reset_index(drop=True),
        rejects[rejects["source_file"].str.startswith("peer_review/")].reset_index(drop=True),
        json.loads((folder / "manifest.json").read_text(encoding="utf-8")),
        pd.read_parquet(folder / "state_names.parquet"),
    )


def select_members_on(reviews: Reviews, day) -> pd.DataFrame:
    """Return (mechanism_id, state_code) of every membership in force on a day (a blank start = member throughout)."""
    day = pd.Timestamp(day)
    m = reviews.membership
    live = (m["member_from"].isna() | (m["member_from"] <= day)) & (m["member_to"].isna() | (day <= m["member_to"]))
    return m.loc[live, ["mechanism_id", "state_code"]].drop_duplicates().reset_index(drop=True)


def describe_membership_dates(reviews: Reviews) -> str:
    """Return the sentence saying what date each membership list is compiled as at."""
    as_at = reviews.membership.groupby("mechanism_id")["as_at"].max().sort_index()
    parts = [f"{m} as at {d:%d %B %Y}".replace(" 0", " ") for m, d in as_at.items()]
    unverified = reviews.membership.loc[reviews.membership["verified"] != "yes", "mechanism_id"].nunique()
    note = (
        (
            f" Some entries of {unverified} list{'s' if unverified != 1 else ''} are still to verify against their source "
            "(review_membership.csv, column verified)."
        )
        if unverified
        else ""
    )
    return "Membership lists: " + "; ".join(parts) + "." + note


def group_of(reviews: Reviews) -> dict[str, str]:
    """Return {State code: regional group name}."""
    return dict(zip(reviews.states["state_code"], reviews.states["group_name"]))
