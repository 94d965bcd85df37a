"""Coordinate the review mechanisms: membership overlap, schedule clashes, joint visit candidates, calendar export."""

from __future__ import annotations

import re

import pandas as pd

from lib.io.codes import TOTAL_LABEL
from lib.model.register import Reviews, group_of, select_members_on
from lib.model.shares import compute_pct

OPEN_STATUSES = (
    "planned",
    "confirmed",
    "postponed",
)  # events whose dates can still move: a clash with one is avoidable, two make a joint visit candidate
PERIOD = re.compile(r"^(\d{4})(?:-(\d{4}))?$")
CALENDAR_COLUMNS = ["event_id", "mechanism_id", "state_name", "event_type", "start_date", "end_date", "status", "round"]


def parse_period(period: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Return the first and last day of a period written YYYY or YYYY-YYYY; anything else stops with a plain sentence."""
    match = PERIOD.match(period.strip())
    if not match or int(match.group(2) or match.group(1)) < int(match.group(1)):
        raise ValueError(f"The period {period!r} is not a year (2017) or a range of years (2016-2019).")
    return pd.Timestamp(f"{match.group(1)}-01-01"), pd.Timestamp(f"{match.group(2) or match.group(1)}-12-31")


def list_calendar(reviews: Reviews, period: str) -> pd.DataFrame:
    """Return the whole combined calendar (what clashes and joint visits are paired in), each State named as it was on
    the last day of the period the report is about."""
    last_day = parse_period(period)[1]
    events = reviews.events.copy()
    events["state_name"] = events["state_code"].map(lambda c: reviews.name_of(c, last_day) if c else "")
    return events.sort_values(["start_date", "mechanism_id", "state_name"]).reset_index(drop=True)


def is_in_period(start_date: pd.Series, end_date: pd.Series, period: str) -> pd.Series:
    """Return, for each span of dates, whether it falls at least partly within the period."""
    first, last = parse_period(period)
    return (end_date >= first) & (start_date <= last)


def select_events(reviews: Reviews, period: str) -> pd.DataFrame:
    """Return the calendar events that fall at least partly within the period, with the State's name."""
    calendar = list_calendar(reviews, period)
    return calendar[is_in_period(calendar["start_date"], calendar["end_date"], period)].reset_index(drop=True)


def select_pairs_in_period(pairs: pd.DataFrame, period: str) -> pd.DataFrame:
    """Return the pairs of events at least one of which falls (at least partly) within the period.

    A pair straddling two periods (a visit in December, the other in January) is in the report of each."""
    inside = is_in_period(pairs["start_date_a"], pairs["end_date_a"], period) | is_in_period(
        pairs["start_date_b"], pairs["end_date_b"], period
    )
    return pairs[inside].reset_index(drop=True)


def tabulate_overlap(reviews: Reviews, day, min_mechanisms: int = 1) -> pd.DataFrame:
    """Return every State under review on the day (by at least min_mechanisms mechanisms), with the mechanisms reviewing it."""
    rules = dict(zip(reviews.mechanisms["mechanism_id"], reviews.mechanisms["membership_rule"]))
    members = select_members_on(reviews, day)
    members = members[members["mechanism_id"].map(rules) != "none"]
    table = members.sort_values("mechanism_id").groupby("state_code")["mechanism_id"].agg(["count", "; ".join])
    table = table.rename(columns={"count": "mechanisms_n", "join": "mechanisms"}).reset_index()
    groups = group_of(reviews)
    table.insert(1, "state_name", table["state_code"].map(lambda c: reviews.name_of(c, day)))
    table.insert(2, "group_name", table["state_code"].map(groups).fillna("no regional group"))
    table = table[table["mechanisms_n"] >= min_mechanisms]
    return table.sort_values(["mechanisms_n", "state_name"], ascending=[False, True]).reset_index(drop=True)


def tabulate_overlap_by_group(overlap: pd.DataFrame) -> pd.DataFrame:
    """Return, by regional group, how many member States are reviewed by 1, 2, 3 and 4 or more mechanisms."""
    bands = (
        overlap["mechanisms_n"]
        .clip(upper=4)
        .map({1: "one_mechanism_n", 2: "two_mechanisms_n", 3: "three_mechanisms_n", 4: "four_or_more_n"})
    )
    table = pd.crosstab(overlap["group_name"], bands).reindex(
        columns=["one_mechanism_n", "two_mechanisms_n", "three_mechanisms_n", "four_or_more_n"], fill_value=0
    )
    table.loc[TOTAL_LABEL] = table.sum()
    table["several_pct"] = compute_pct(table.sum(axis=1) - table["one_mechanism_n"], table.sum(axis=1))
    counts = [c for c in table.columns if c.endswith("_n")]
    return table.astype({c: int for c in counts}).rename_axis("group_name").reset_index()


def tabulate_shared_members(reviews: Reviews, day) -> pd.DataFrame:
    """Return the mechanism x mechanism table of member States they share on the day (diagonal: members)."""
    members = select_members_on(reviews, day)
    pairs = members.merge(members, on="state_code")
    table = pd.crosstab(pairs["mechanism_id_x"], pairs["mechanism_id_y"]).rename_axis(index="mechanism_id", columns=None)
    return table.reset_index()


def pair_events(events: pd.DataFrame, same_state: bool) -> pd.DataFrame:
    """Return every pair of events of two different mechanisms (on one State when same_state), with gap and overlap in days."""
    key = "state_code" if same_state else "event_type"
    left = events.assign(_k=events[key])
    pairs = left.merge(left, on="_k", suffixes=("_a", "_b"))
    pairs = pairs[pairs["mechanism_id_a"] < pairs["mechanism_id_b"]]
    overlap = (pairs[["end_date_a", "end_date_b"]].min(axis=1) - pairs[["start_date_a", "start_date_b"]].max(axis=1)).dt.days + 1
    pairs = pairs.assign(
        overlap_days=overlap.clip(lower=0),
        gap_days=(-overlap + 1).clip(lower=0),
        _first=pairs[["start_date_a", "start_date_b"]].min(axis=1),
    )
    return pairs.sort_values(["_first", "mechanism_id_a", "mechanism_id_b"]).drop(columns="_first").reset_index(drop=True)


def find_plenary_clashes(calendar: pd.DataFrame, period: str) -> pd.DataFrame:
    """Return the pairs of plenaries of two mechanisms whose dates overlap (cancelled ones left out), paired in the whole
    calendar, with one of them in the period."""
    plenaries = calendar[(calendar["event_type"] == "plenary") & (calendar["status"] != "cancelled")]
    pairs = pair_events(plenaries, same_state=False)
    pairs = select_pairs_in_period(pairs[pairs["overlap_days"] > 0], period)
    return pairs[
        ["mechanism_id_a", "start_date_a", "end_date_a", "mechanism_id_b", "start_date_b", "end_date_b", "overlap_days"]
    ].reset_index(drop=True)


def find_visit_pairs(calendar: pd.DataFrame, window_days: int, period: str, open_only: bool = False) -> pd.DataFrame:
    """Return on-site visits of two mechanisms to one State at most window_days apart (open_only: both still movable),
    paired in the whole calendar, with at least one of the two visits in the period."""
    visits = calendar[(calendar["event_type"] == "on-site visit") & (calendar["status"] != "cancelled")]
    if open_only:
        visits = visits[visits["status"].isin(OPEN_STATUSES)]
    pairs = pair_events(visits, same_state=True)
    pairs = select_pairs_in_period(pairs[pairs["gap_days"] <= window_days], period)
    return (
        pairs[
            [
                "state_name_a",
                "mechanism_id_a",
                "start_date_a",
                "end_date_a",
                "status_a",
                "mechanism_id_b",
                "start_date_b",
                "end_date_b",
                "status_b",
                "gap_days",
            ]
        ]
        .rename(columns={"state_name_a": "state_name"})
        .reset_index(drop=True)
    )


def find_visit_clashes(calendar: pd.DataFrame, window_days: int, period: str) -> pd.DataFrame:
    """Return visits of two mechanisms to one State within window_days of each other, one of them in the period."""
    return find_visit_pairs(calendar, window_days, period)


def count_movable(pairs: pd.DataFrame) -> int:
    """Return how many pairs of visits can still be moved apart (a visit still planned, confirmed or postponed); the others
    were held: a past clash, no longer avoidable."""
    return int((pairs["status_a"].isin(OPEN_STATUSES) | pairs["status_b"].isin(OPEN_STATUSES)).sum())


def find_joint_candidates(calendar: pd.DataFrame, window_days: int, period: str) -> pd.DataFrame:
    """Return visits of two mechanisms to one State within window_days, both still planned, confirmed or postponed, one
    of them in the period."""
    return find_visit_pairs(calendar, window_days, period, open_only=True)


def tabulate_calendar(events: pd.DataFrame) -> pd.DataFrame:
    """Return the combined calendar as the CSV export shows it."""
    return events[CALENDAR_COLUMNS].reset_index(drop=True)


def tabulate_events_by_month(events: pd.DataFrame, period: str) -> pd.DataFrame:
    """Return the number of events (not cancelled) per mechanism in every month of the period (months without one as 0):
    an event counts in each month of the period it touches, the load each month carries."""
    first, last = parse_period(period)
    months = pd.period_range(first, last, freq="M").astype(str)
    live = events[events["status"] != "cancelled"]
    touched = [
        list(pd.period_range(max(start, first), min(end, last), freq="M").astype(str))
        for start, end in zip(live["start_date"], live["end_date"])
    ]
    spans = live.assign(month=touched).explode("month").dropna(subset=["month"])
    table = pd.crosstab(spans["month"], spans["mechanism_id"]).reindex(index=months, fill_value=0)
    return table.rename_axis(index="month", columns=None).reset_index()
