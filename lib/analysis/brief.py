"""Compute a country brief: one State's compliance profile, needs, TA received, unmet needs, change and regional context."""

from __future__ import annotations

import pandas as pd

from lib.analysis import matrix
from lib.analysis.needs import Dataset, Snapshot, flag_needs, tabulate_compliance, tabulate_ta_needs
from lib.io.reference import name_states_as_of

COMPLIANCE_WORDS = {"full": "fully compliant", "partial": "partly compliant", "none": "not compliant"}  # as a brief says it
# Rows of a list a brief's first pages show (articles with needs no known activity covers, experts): the two pages a
# donor round-table reads. The annex and the CSV have every row, and the brief says so where it cuts.
BRIEF_LIST_ROWS = 12


def find_state(data: Dataset, state_code: str, day=None) -> pd.Series:
    """Return a State's reference row, named as the UN named it on a day (today's name without a day); a plain error
    for an unknown code."""
    states = data.states if day is None else name_states_as_of(data.states, data.state_names, day)
    match = states[states["state_code"] == state_code]
    if match.empty:
        raise KeyError(f"Unknown State code {state_code!r}: use an ISO3 code of states.parquet (EUU for the European Union).")
    return match.iloc[0]


def select_state_answers(snap: Snapshot, state_code: str) -> pd.DataFrame:
    """Return the State's answers at the cut-off (its latest submission by then), one row per provision of the checklist."""
    answers = snap.answers[snap.answers["state_code"] == state_code]
    if answers.empty:
        raise KeyError(f"{state_code} had not submitted a self-assessment by the cut-off date of {snap.meeting['meeting_id']}.")
    forms = snap.answer_forms[snap.answer_forms["state_code"] == state_code].groupby("provision")["ta_form_code"].agg(list)
    labels = snap.form_labels
    table = snap.checklist[["provision", "title"]].merge(answers, on="provision", how="left")
    table["forms"] = table["provision"].map(forms).map(lambda f: "; ".join(labels[c] for c in f) if isinstance(f, list) else "")
    return table


def summarise_state(data: Dataset, snap: Snapshot, state_code: str) -> dict:
    """Return the brief's headline facts: party status, submission, counts by compliance and needs."""
    state = find_state(data, state_code, snap.meeting["start_date"])  # named as on the meeting's first day
    table = select_state_answers(snap, state_code)
    resp = snap.respondents.set_index("state_code").loc[state_code]
    flags = flag_needs(table)
    return {
        "state_name": state["state_name"],
        "group_name": state["group_name"],
        "group_code": state["group_code"],
        "is_party": bool(resp["is_party"]),
        "deposit_date": state["deposit_date_text"],
        "instrument": state["instrument"],
        "submitted_on": resp["submitted_on"],
        "submissions_n": int(resp["submissions_n"]),
        "provisions_n": len(table),
        "full_n": int((table["compliance_code"] == "full").sum()),
        "partial_n": int((table["compliance_code"] == "partial").sum()),
        "none_n": int((table["compliance_code"] == "none").sum()),
        "no_answer_n": int(table["compliance_code"].isna().sum()),
        "ta_needed_n": int(flags["is_need"].sum()),
        "ta_provided_n": int(flags["is_provided"].sum()),
        "unmet_n": int(flags["is_unmet"].sum()),
    }


def sort_forms(forms: pd.Series, order: list[str]) -> list[str]:
    """Return a need's form codes once each, in the checklist's order of forms."""
    rank = {code: i for i, code in enumerate(order)}
    return sorted(set(forms), key=lambda code: rank.get(code, len(rank)))


def split_coverage(supply: pd.DataFrame, state_code: str, snap: Snapshot) -> pd.DataFrame:
    """Return, per article of the State's needs, the forms an ongoing or planned activity covers and those that no
    known activity covers (each in the checklist's order of forms, as labels joined with '; '), and the providers of
    the matching activities."""
    rows = supply[supply["state_code"] == state_code]
    order, labels = snap.ta_forms["ta_form_code"].tolist(), snap.form_labels
    name = lambda codes: "; ".join(labels.get(c, "form not named") for c in sort_forms(codes, order))  # noqa: E731
    frames = []
    for provision, group in rows.groupby("provision", sort=False):
        covered = group[group["coverage"] != "unmet"]
        frames.append(
            {
                "provision": provision,
                "covered_forms": name(covered["ta_form_code"]),
                "uncovered_forms": name(group.loc[group["coverage"] == "unmet", "ta_form_code"]),
                "supply_providers": "; ".join(sorted({p for v in covered["providers"] for p in v.split("; ") if p})),
            }
        )
    return pd.DataFrame(frames, columns=["provision", "covered_forms", "uncovered_forms", "supply_providers"])


def tabulate_profile(snap: Snapshot, state_code: str, supply: pd.DataFrame) -> pd.DataFrame:
    """Return, per article: compliance, TA needed and in which forms, TA received and from whom (as the State reports
    them), and which forms a known activity covers and which none does, with the providers of those activities."""
    table = select_state_answers(snap, state_code)
    table = table.merge(split_coverage(supply, state_code, snap), on="provision", how="left")
    yes_no = {True: "yes", False: "no"}
    return pd.DataFrame(
        {
            "provision": table["provision"],
            "title": table["title"],
            "compliance": table["compliance_code"].map(COMPLIANCE_WORDS).fillna("no answer"),
            "ta_needed": table["is_ta_needed"].map(yes_no).fillna("no answer"),
            "forms": table["forms"],
            "ta_provided": describe_provided(table),
            "providers_reported": table["ta_providers_text"].fillna(""),
            "covered_forms": table["covered_forms"].fillna(""),
            "uncovered_forms": table["uncovered_forms"].fillna(""),
            "supply_providers": table["supply_providers"].fillna(""),
        }
    )


def list_uncovered(profile: pd.DataFrame) -> pd.DataFrame:
    """Return the articles with a need that no known activity covers, one row each with its forms in one cell, and
    whether the State reports receiving assistance for it (what a donor could take up)."""
    rows = profile[profile["uncovered_forms"] != ""]
    return rows[["provision", "title", "uncovered_forms", "ta_provided"]].reset_index(drop=True)


def list_priorities(profile: pd.DataFrame) -> list[str]:
    """Return the State's priorities as the brief states them (narrative.write_priorities_sentence): the articles, in the checklist's order,
    for which it needs assistance and reports receiving none."""
    return profile.loc[(profile["ta_needed"] == "yes") & (profile["ta_provided"] == "no"), "provision"].astype(str).tolist()


def find_repeated_submission(summary: dict, previous_cutoff) -> pd.Timestamp | None:
    """Return the date of the State's submission when the previous meeting already had it (no new one since), else None."""
    if previous_cutoff is None or pd.isna(previous_cutoff):
        return None
    return summary["submitted_on"] if summary["submitted_on"] <= pd.Timestamp(previous_cutoff) else None


def compare_with_group(snap: Snapshot, state_code: str, group_code: str) -> pd.DataFrame:
    """Return, per article, the State's answers beside its group's shares fully compliant and needing TA.

    The group's figures follow the build's policy: a public build's plan (lib.analysis.suppression) already counts the State's
    own published answers as known, so a figure left to fewer than 3 other States is suppressed in every report alike.
    """
    table = select_state_answers(snap, state_code)
    comp, needs = tabulate_compliance(snap, group_code), tabulate_ta_needs(snap, group_code)
    context = pd.DataFrame(
        {
            "provision": table["provision"],
            "title": table["title"],
            "compliance": table["compliance_code"].map(COMPLIANCE_WORDS).fillna("no answer"),
            "group_full_pct": comp["full_pct"].values,
            "ta_needed": table["is_ta_needed"].map({True: "yes", False: "no"}).fillna("no answer"),
            "group_ta_needed_pct": needs["ta_needed_pct"].values,
            "group_respondents_n": comp["responding_parties_n"].values,
        }
    )
    return context


def compare_submissions(data: Dataset, snap: Snapshot, state_code: str) -> tuple[pd.DataFrame, pd.Timestamp | None]:
    """Return the articles whose answers changed since the State's previous submission, and that submission's date."""
    cutoff, checklist_id = snap.meeting["cutoff_date"], snap.meeting["checklist_id"]
    mine = data.answers[
        (data.answers["state_code"] == state_code)
        & (data.answers["checklist_id"] == checklist_id)
        & (data.answers["submitted_on"] <= cutoff)
    ]
    dates = sorted(mine["submitted_on"].unique())
    if len(dates) < 2:
        return pd.DataFrame(columns=["provision", "before_compliance", "now_compliance", "before_ta_needed", "now_ta_needed"]), None
    before, now = (mine[mine["submitted_on"] == d].set_index("provision") for d in dates[-2:])
    rows = []
    for provision in snap.checklist["provision"]:
        b_c, n_c = (describe_compliance(frame["compliance_code"].get(provision)) for frame in (before, now))
        b_n, n_n = (describe_yes_no(frame["is_ta_needed"].get(provision)) for frame in (before, now))
        if (b_c, b_n) != (n_c, n_n):
            rows.append(
                {"provision": provision, "before_compliance": b_c, "now_compliance": n_c, "before_ta_needed": b_n, "now_ta_needed": n_n}
            )
    return pd.DataFrame(
        rows, columns=["provision", "before_compliance", "now_compliance", "before_ta_needed", "now_ta_needed"]
    ), pd.Timestamp(dates[-2])


def describe_provided(table: pd.DataFrame) -> pd.Series:
    """Return the State's answer on TA provided as the brief shows it: counted only for a need (needs.flag_needs)."""
    flags = flag_needs(table)
    answer = table["is_ta_provided"].map({True: "yes", False: "no"}).fillna("")
    return answer.mask(~flags["is_need"] & (answer == "yes"), "yes (not counted: no need reported)")


def describe_compliance(code) -> str:
    """Return a compliance code in words ('no answer' for a blank or a provision left out)."""
    return "no answer" if code is None or pd.isna(code) else COMPLIANCE_WORDS[code]


def describe_yes_no(value) -> str:
    """Return a yes/no answer in words ('no answer' for a blank or a provision left out)."""
    return "no answer" if value is None or pd.isna(value) else ("yes" if value else "no")


def build_state_supply(data: Dataset, snap: Snapshot, state_code: str) -> pd.DataFrame:
    """Return the needs-supply matrix rows of one State at the cut-off."""
    needs = matrix.list_needs(snap)
    return matrix.build_matrix(
        needs[needs["state_code"] == state_code], data.activities, data.activity_targets, snap.meeting["cutoff_date"]
    )
