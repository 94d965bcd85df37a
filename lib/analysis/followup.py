"""Follow up recommendations on one scale: rates, overdue, measurability, consistency, links to self-assessed TA needs."""

from __future__ import annotations

import pandas as pd

from lib.io.codes import (
    EVERY as ALL,  # ALL: the mechanism or round parameter that takes every one
    TOTAL_LABEL,
)
from lib.io.schema import COMMON_STATUSES
from lib.model.register import Reviews, group_of
from lib.model.shares import compute_pct

ROUND_KEY = ["mechanism_id", "round"]  # a round is one mechanism's: GRECO's round-4 is not the IAP's (review_cycles.csv)
SETTLED = ("implemented", "no longer applicable")  # statuses that close a recommendation
OVERDUE_STATUSES = ("not implemented", "not yet assessed")  # past its deadline with no progress reported: overdue
STATUS_COLUMNS = {s: s.replace(" ", "_") + "_n" for s in COMMON_STATUSES}  # count column of each common status
WG_MECHANISM = "WGTA"  # the Working Group on Technical Assistance: its register goes into the background paper


def select_recommendations(reviews: Reviews, mechanism: str = ALL, round_: str = ALL) -> pd.DataFrame:
    """Return the recommendations of one mechanism (or all) and one round (or all); unknown values stop plainly."""
    recs = reviews.recommendations
    if mechanism != ALL:
        if mechanism not in set(reviews.mechanisms["mechanism_id"]):
            raise ValueError(
                f"The mechanism {mechanism!r} is not in review_mechanisms.csv (use one of "
                f"{', '.join(reviews.mechanisms['mechanism_id'])}, or {ALL})."
            )
        recs = recs[recs["mechanism_id"] == mechanism]
    if round_ != ALL:
        if mechanism == ALL:
            raise ValueError(
                f"The round {round_!r} belongs to one mechanism: name the mechanism too (rounds of different "
                f"mechanisms share ids, such as GRECO's and the IAP's round-4)."
            )
        if round_ not in set(recs["round"]):
            raise ValueError(f"No recommendation of {mechanism} belongs to the round {round_!r}.")
        recs = recs[recs["round"] == round_]
    return recs.reset_index(drop=True)


def find_register_date(reviews: Reviews) -> pd.Timestamp:
    """Return the date the register is known as at: its latest assessment (or adoption when nothing is assessed)."""
    dates = pd.concat([reviews.assessments["assessed_on"], reviews.recommendations["adopted_on"]]).dropna()
    return dates.max() if len(dates) else pd.Timestamp.today().normalize()


def resolve_as_at(reviews: Reviews, as_at: str) -> pd.Timestamp:
    """Return the date statuses are taken at: an ISO date given, else the register's own date (its latest assessment)."""
    if not as_at:
        return find_register_date(reviews)
    try:
        return pd.Timestamp(pd.to_datetime(as_at, format="%Y-%m-%d"))
    except ValueError:
        raise ValueError(f"The date {as_at!r} is not an ISO date (YYYY-MM-DD).") from None


def attach_status(reviews: Reviews, recs: pd.DataFrame, as_at) -> pd.DataFrame:
    """Return the recommendations with their status as at a date: the latest assessment on or before it, else not yet assessed."""
    as_at = pd.Timestamp(as_at)
    known = reviews.assessments[reviews.assessments["assessed_on"] <= as_at].sort_values("assessed_on")
    latest = known.groupby(["mechanism_id", "recommendation_id"]).tail(1)[
        ["mechanism_id", "recommendation_id", "assessed_on", "status", "common_status"]
    ]
    out = recs.merge(latest, on=["mechanism_id", "recommendation_id"], how="left")
    out["common_status"] = out["common_status"].fillna("not yet assessed")
    out["status"] = out["status"].fillna("")
    out["state_name"] = out["state_code"].map(lambda c: reviews.name_of(c, as_at) if c else "")
    out["group_name"] = out["state_code"].map(group_of(reviews)).fillna("")
    out.loc[out["state_code"] == "", "group_name"] = "(no State: addressed to the secretariat)"
    return out


def count_statuses(frame: pd.DataFrame, by: str | list[str]) -> pd.DataFrame:
    """Return recommendations by one column (or several: a round is keyed by ROUND_KEY) and common status, with the
    implementation rate of those assessed; the total row reads 'All' in the first key column.

    implemented_pct and partly_pct are shares of the recommendations assessed (not 'not yet assessed', not 'no longer
    applicable'), so a round just adopted does not read as unimplemented."""
    keys = [by] if isinstance(by, str) else list(by)
    table = frame.groupby(keys + ["common_status"]).size().unstack("common_status")
    table = table.reindex(columns=list(COMMON_STATUSES)).fillna(0).astype(int).reset_index()
    total = {**{k: "" for k in keys}, keys[0]: TOTAL_LABEL, **table[list(COMMON_STATUSES)].sum().to_dict()}
    table = pd.concat([table, pd.DataFrame([total], columns=table.columns)], ignore_index=True).rename(columns=STATUS_COLUMNS)
    counts = list(STATUS_COLUMNS.values())
    assessed = table[["implemented_n", "partly_implemented_n", "not_implemented_n"]].sum(axis=1)
    table.insert(len(keys), "recommendations_n", table[counts].sum(axis=1))
    table["implemented_pct"] = compute_pct(table["implemented_n"], assessed)
    table["partly_pct"] = compute_pct(table["partly_implemented_n"], assessed)
    return table.astype({c: int for c in counts + ["recommendations_n"]}).rename_axis(columns=None)


def tabulate_by_theme(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the status counts by theme (a recommendation on two themes counts under each)."""
    themes = frame.assign(theme=frame["themes"].str.split(";")).explode("theme")
    return count_statuses(themes[themes["theme"].fillna("") != ""], "theme")


def list_overdue(frame: pd.DataFrame, as_at) -> pd.DataFrame:
    """Return recommendations past their follow-up deadline with no progress reported (not implemented, or not yet assessed)."""
    as_at = pd.Timestamp(as_at)
    late = frame[frame["follow_up_due"].notna() & (frame["follow_up_due"] < as_at) & frame["common_status"].isin(OVERDUE_STATUSES)].copy()
    late["days_overdue"] = (as_at - late["follow_up_due"]).dt.days
    late["assessed_since_due"] = late["assessed_on"].notna() & (late["assessed_on"] >= late["follow_up_due"])
    return late.sort_values(["days_overdue", "mechanism_id", "recommendation_id"], ascending=[False, True, True])[
        ["mechanism_id", "round", "recommendation_id", "state_name", "follow_up_due", "days_overdue", "common_status", "assessed_since_due"]
    ].reset_index(drop=True)


def count_overdue(overdue: pd.DataFrame, frame: pd.DataFrame) -> pd.DataFrame:
    """Return, by mechanism, the recommendations with a deadline and how many of them are overdue."""
    with_due = frame[frame["follow_up_due"].notna()].groupby("mechanism_id").size().rename("with_deadline_n")
    late = overdue.groupby("mechanism_id").size().rename("overdue_n")
    table = pd.concat([with_due, late], axis=1).fillna(0).astype(int)
    table["overdue_pct"] = compute_pct(table["overdue_n"], table["with_deadline_n"])
    return table.rename_axis("mechanism_id").reset_index()


def tabulate_measurability(frame: pd.DataFrame) -> pd.DataFrame:
    """Return, by mechanism, how many recommendations give no criteria for assessing progress (measurable ones are asked for)."""
    blank = frame["criteria_text"].str.strip() == ""
    table = (
        frame.assign(no_criteria=blank)
        .groupby("mechanism_id")
        .agg(recommendations_n=("recommendation_id", "size"), without_criteria_n=("no_criteria", "sum"))
    )
    table["without_criteria_pct"] = compute_pct(table["without_criteria_n"], table["recommendations_n"])
    return table.reset_index()


def list_without_criteria(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the recommendations that give no criteria for assessing progress."""
    return frame.loc[
        frame["criteria_text"].str.strip() == "", ["mechanism_id", "round", "recommendation_id", "state_name", "text"]
    ].reset_index(drop=True)


def explode_articles(frame: pd.DataFrame) -> pd.DataFrame:
    """Return one row per recommendation and UNCAC article it concerns."""
    out = frame.assign(provision=frame["provisions"].str.split(";")).explode("provision")
    return out[out["provision"].fillna("") != ""]


def compare_mechanisms(frame: pd.DataFrame) -> pd.DataFrame:
    """Return, for each State and article, the recommendations of two or more mechanisms side by side (consistency)."""
    rows = explode_articles(frame[frame["state_code"] != ""])
    several = rows.groupby(["state_code", "provision"])["mechanism_id"].transform("nunique") >= 2
    rows = rows[several]
    if rows.empty:
        return pd.DataFrame(columns=["state_name", "provision", "mechanism_id", "recommendation_id", "text", "common_status"])
    rows = rows.assign(order=rows["provision"].astype(int))
    return rows.sort_values(["state_name", "order", "mechanism_id", "recommendation_id"])[
        ["state_name", "provision", "mechanism_id", "recommendation_id", "text", "common_status"]
    ].reset_index(drop=True)


def latest_ta_needs(answers: pd.DataFrame) -> pd.DataFrame:
    """Return each State's latest self-assessed answer on TA needed, by article (paragraph answers count for the article)."""
    latest = answers[answers["row_status"] == "accepted"].assign(provision=lambda d: d["provision"].str.extract(r"^(\d+)")[0])
    need = latest.groupby(["state_code", "provision"])["is_ta_needed"].agg(
        lambda s: True if s.eq(True).any() else (False if s.eq(False).any() else pd.NA)
    )
    return need.rename("ta_needed").reset_index()


def relate_to_ta_needs(frame: pd.DataFrame, answers: pd.DataFrame) -> pd.DataFrame:
    """Return, by mechanism, the open recommendations (not implemented) on an article and what the State self-assessed there.

    ta_needed: the State said it needs TA on that article; no_need: it said it does not; not_assessed: its checklist has
    no answer on that article (or it did not respond)."""
    open_recs = explode_articles(frame[(frame["state_code"] != "") & ~frame["common_status"].isin(SETTLED)])
    linked = open_recs.merge(latest_ta_needs(answers), on=["state_code", "provision"], how="left")
    linked["link"] = linked["ta_needed"].map(lambda v: "not_assessed" if pd.isna(v) else ("ta_needed" if v else "no_need"))
    table = pd.crosstab(linked["mechanism_id"], linked["link"]).reindex(columns=["ta_needed", "no_need", "not_assessed"], fill_value=0)
    table.loc[TOTAL_LABEL] = table.sum()
    table.columns = ["open_with_ta_need_n", "open_without_ta_need_n", "open_not_self_assessed_n"]
    answered = table["open_with_ta_need_n"] + table["open_without_ta_need_n"]
    table["with_ta_need_pct"] = compute_pct(table["open_with_ta_need_n"], answered)
    return table.rename_axis("mechanism_id").reset_index()


def describe_scope(reviews: Reviews, mechanism: str, round_: str) -> str:
    """Return what a follow-up report covers, in words."""
    if mechanism == ALL:
        return "all mechanisms"
    name = dict(zip(reviews.mechanisms["mechanism_id"], reviews.mechanisms["name"]))[mechanism]
    if round_ == ALL:
        return f"{name} ({mechanism}), all rounds"
    cycle = reviews.cycles[(reviews.cycles["mechanism_id"] == mechanism) & (reviews.cycles["round"] == round_)]
    title = cycle["title"].iloc[0] if len(cycle) else round_
    return f"{name} ({mechanism}), {title} ({round_})"


def list_wg_register(reviews: Reviews, meeting: pd.Series) -> pd.DataFrame:
    """Return the Working Group's recommendations as a paper for a meeting knew them, in the order of the register.

    Only those adopted before the meeting's first day; `common_status` is the status as at the meeting's cut-off
    date (the latest assessment dated on or before it, else not yet assessed); `stated_status`, `stated_on` and the
    action taken are the register's latest statement, which may be later than the meeting (`is_stated_later`).
    """
    wg = reviews.recommendations[reviews.recommendations["mechanism_id"] == WG_MECHANISM]
    recs = attach_status(reviews, wg[wg["adopted_on"] < meeting["start_date"]], meeting["cutoff_date"])
    latest = reviews.assessments[reviews.assessments["row_status"] == "accepted"][
        ["mechanism_id", "recommendation_id", "assessed_on", "status", "note_text", "source_text"]
    ]
    latest = latest.rename(columns={"assessed_on": "stated_on", "status": "stated_status", "source_text": "action_source"})
    recs = recs.merge(latest, on=["mechanism_id", "recommendation_id"], how="left")
    recs["is_stated_later"] = recs["stated_on"] > meeting["cutoff_date"]
    return recs.sort_values("source_row").reset_index(drop=True)


def tabulate_wg_status(register: pd.DataFrame) -> pd.DataFrame:
    """Return the Working Group's recommendations as a status table, as the meeting knew them: the status at the
    cut-off, and the status as stated with its date only when it was stated by then (blank when reported later)."""
    table = register.rename(columns={"stated_status": "status_as_stated"})[
        ["recommendation_id", "themes", "common_status", "status_as_stated", "stated_on"]
    ].copy()
    later = register["is_stated_later"].astype(bool).to_numpy()
    table.loc[later, "status_as_stated"] = None
    table.loc[later, "stated_on"] = pd.NaT
    return table
