"""Map the needs of the self-assessments against the supply of TA: the needs-supply matrix and its views."""

from __future__ import annotations

import pandas as pd

from lib.analysis.needs import Snapshot, flag_needs, list_states_by_response
from lib.analysis.ranking import select_top
from lib.io.codes import ALL_GROUPS, COVERAGE_CLASSES, LEVELS, NO_FORM, TOTAL_LABEL
from lib.model.shares import compute_pct

NEED_KEY = ["state_code", "provision", "ta_form_code"]
UNSPECIFIED_FORM = NO_FORM  # a need without a named form, or an activity without one: matches any form


def list_needs(snap: Snapshot, group_code: str = ALL_GROUPS) -> pd.DataFrame:
    """Return one row per need of a responding party at the cut-off: State x provision x form ('' = no form named)."""
    answers = snap.answers[snap.answers["is_party"]]
    answers = answers[flag_needs(answers)["is_need"]]
    if group_code != ALL_GROUPS:
        answers = answers[answers["group_code"] == group_code]
    forms = snap.answer_forms[["state_code", "provision", "submitted_on", "ta_form_code"]]
    needs = answers.merge(forms, on=["state_code", "provision", "submitted_on"], how="left")
    needs["ta_form_code"] = needs["ta_form_code"].fillna(UNSPECIFIED_FORM)
    needs["is_ta_provided"] = needs["is_ta_provided"].fillna(False).astype(bool)
    columns = ["state_code", "state_name", "group_code", "group_name", "provision", "ta_form_code", "is_ta_provided"]
    order = {p: i for i, p in enumerate(snap.checklist["provision"])}
    return (
        needs[columns]
        .sort_values(["state_name", "provision"], key=lambda s: s.map(order) if s.name == "provision" else s, kind="stable")
        .reset_index(drop=True)
    )


def select_active(activities: pd.DataFrame, cutoff) -> pd.DataFrame:
    """Return the activities that had not ended by the cut-off (ongoing or planned then)."""
    return activities[activities["end_date"].isna() | (activities["end_date"] >= pd.Timestamp(cutoff))]


def article_of(provision: pd.Series) -> pd.Series:
    """Return the article number of provisions ('46(9)' -> '46')."""
    return provision.str.extract(r"^(\d+)", expand=False).fillna(provision)


def sort_key_provision(provision: str) -> tuple[int, str]:
    """Return a key ordering provisions as the Convention does: by article number, then paragraph."""
    number = "".join(ch for ch in provision.split("(")[0] if ch.isdigit())
    return (int(number) if number else 10**6, provision)


def find_matches(needs: pd.DataFrame, activities: pd.DataFrame, targets: pd.DataFrame) -> pd.DataFrame:
    """Return one row per (need, activity) where the activity covers the need's article and form for its State.

    An activity reaches a need nationally (its State), regionally (its regional group) or globally. It covers the
    need's provision when it names that provision or its whole article, and the form when it names it or no form.
    An activity with no article named (area unspecified) meets no particular need.
    """
    specified = targets[(targets["provision"] != "") & targets["activity_id"].isin(activities["activity_id"])]
    reach = pd.concat(
        [
            needs.merge(specified[specified["level"] == "national"], left_on="state_code", right_on="recipient_code"),
            needs.merge(specified[specified["level"] == "regional"], left_on="group_code", right_on="recipient_code"),
            needs.merge(specified[specified["level"] == "global"], how="cross"),
        ],
        ignore_index=True,
    )
    reach = reach.rename(
        columns={
            "provision_x": "provision",
            "ta_form_code_x": "ta_form_code",
            "provision_y": "activity_provision",
            "ta_form_code_y": "activity_form",
        }
    )
    covers_article = (reach["activity_provision"] == reach["provision"]) | (reach["activity_provision"] == article_of(reach["provision"]))
    covers_form = (
        (reach["activity_form"] == UNSPECIFIED_FORM)
        | (reach["ta_form_code"] == UNSPECIFIED_FORM)
        | (reach["activity_form"] == reach["ta_form_code"])
    )
    matched = reach[covers_article & covers_form].drop_duplicates(NEED_KEY + ["activity_id"])
    return matched.merge(activities[["activity_id", "provider", "provider_type", "status"]], on="activity_id")


def build_matrix(needs: pd.DataFrame, activities: pd.DataFrame, targets: pd.DataFrame, cutoff) -> pd.DataFrame:
    """Return the matrix: each need with the activities meeting it by level, its providers and its coverage class."""
    active = select_active(activities, cutoff)
    matches = find_matches(needs, active, targets)
    table = needs.copy()
    for level in LEVELS:
        ids = matches[matches["level"] == level].groupby(NEED_KEY)["activity_id"].agg(lambda s: "; ".join(sorted(s)))
        table = table.merge(ids.rename(f"{level}_activities"), left_on=NEED_KEY, right_index=True, how="left")
    providers = matches.groupby(NEED_KEY)["provider"].agg(lambda s: sorted(set(s)))
    table = table.merge(providers.rename("provider_list"), left_on=NEED_KEY, right_index=True, how="left")
    table["providers_n"] = table["provider_list"].map(lambda p: len(p) if isinstance(p, list) else 0)
    table["providers"] = table["provider_list"].map(lambda p: "; ".join(p) if isinstance(p, list) else "")
    table["coverage"] = pd.cut(table["providers_n"], [-1, 0, 1, float("inf")], labels=COVERAGE_CLASSES).astype(str)
    for level in LEVELS:
        table[f"{level}_activities"] = table[f"{level}_activities"].fillna("")
    return table.drop(columns="provider_list")


def tabulate_coverage(matrix: pd.DataFrame, by: str | None = None, labels: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return needs by coverage class (counts and share unmet), overall or by one column, with a total row."""
    keys = [by] if by else []
    counts = (
        matrix.assign(n=1).pivot_table(index=keys or None, columns="coverage", values="n", aggfunc="sum", fill_value=0, observed=False)
        if keys
        else matrix["coverage"].value_counts().to_frame().T
    )
    counts = counts.reindex(columns=COVERAGE_CLASSES, fill_value=0)
    if by == "provision":  # articles in the Convention's order, not as text ('5' before '15')
        counts = counts.loc[sorted(counts.index, key=sort_key_provision)]
    counts.columns = ["unsupplied_n", "one_provider_n", "several_providers_n"]
    counts.insert(0, "need_items_n", counts.sum(axis=1))
    if keys:
        counts.loc[TOTAL_LABEL] = counts.sum()
    counts["unsupplied_pct"] = compute_pct(counts["unsupplied_n"], counts["need_items_n"]).values
    counts["several_providers_pct"] = compute_pct(counts["several_providers_n"], counts["need_items_n"]).values
    table = counts.reset_index(names=by) if keys else counts.reset_index(drop=True)
    if labels is not None and by:
        table = labels.merge(table, on=by, how="right")
    return table


def tabulate_supply_by_provider(matrix: pd.DataFrame, activities: pd.DataFrame, cutoff) -> pd.DataFrame:
    """Return per provider: active activities, needs it meets, States it reaches, and needs it meets with others."""
    active = select_active(activities, cutoff)
    per_need = matrix[matrix["providers"] != ""].assign(provider=lambda d: d["providers"].str.split("; ")).explode("provider")
    met = per_need.groupby("provider").agg(
        needs_met_n=("state_code", "size"), states_n=("state_code", "nunique"), shared_n=("providers_n", lambda s: int((s > 1).sum()))
    )
    table = active.groupby(["provider", "provider_type"]).agg(activities_n=("activity_id", "size")).reset_index()
    table = table.merge(met, left_on="provider", right_index=True, how="left").fillna({"needs_met_n": 0, "states_n": 0, "shared_n": 0})
    table = table.astype({"needs_met_n": int, "states_n": int, "shared_n": int})
    return table.sort_values(["needs_met_n", "activities_n", "provider"], ascending=[False, False, True]).reset_index(drop=True)


def list_top_unmet(matrix: pd.DataFrame, labels: dict[str, str], top: int = 10) -> pd.DataFrame:
    """Return the `top` article x form combinations with the most needs no known activity covers (and any tied with
    the last of them), with the States concerned."""
    unmet = matrix[matrix["coverage"] == "unmet"]
    table = (
        unmet.groupby(["provision", "ta_form_code"])
        .agg(unsupplied_n=("state_code", "size"), states=("state_name", lambda s: "; ".join(sorted(s))))
        .reset_index()
    )
    table["form"] = table["ta_form_code"].map(labels).fillna("form not named")
    table = select_top(table.sort_values("provision", kind="stable"), "unsupplied_n", top)
    return table[["provision", "ta_form_code", "form", "unsupplied_n", "states"]].reset_index(drop=True)


def list_duplications(matrix: pd.DataFrame) -> pd.DataFrame:
    """Return the needs met by several providers at once, with who and through which activities."""
    dup = matrix[matrix["coverage"] == "met by several providers"]
    ids = ["; ".join(v for v in row if v) for row in dup[[f"{lv}_activities" for lv in LEVELS]].itertuples(index=False)]
    dup = dup.assign(activities=ids)
    return dup[["state_name", "group_name", "provision", "ta_form_code", "providers_n", "providers", "activities"]].reset_index(drop=True)


def count_unmet_by_state(states: pd.DataFrame, supply: pd.DataFrame) -> pd.DataFrame:
    """Return every State of `states` (state_code, state_name, has_responded) with its number of unmet needs (unsupplied_n) in the matrix
    `supply` (unsupplied_n of tabulate_coverage by State; 0 for a State without one, NA for a State that did not respond)."""
    by_state = tabulate_coverage(supply, "state_code")
    unmet = by_state[by_state["state_code"] != TOTAL_LABEL].set_index("state_code")["unsupplied_n"]
    table = states[["state_code", "state_name", "has_responded"]].copy()
    table["unsupplied_n"] = table["state_code"].map(unmet).fillna(0).astype("Int64").mask(~table["has_responded"].astype(bool))
    return table.reset_index(drop=True)


def tabulate_state_map(data, snap: Snapshot) -> pd.DataFrame:
    """Return the world map's figures: every State party at the cut-off, whether it responded, and its unmet needs."""
    supply = build_matrix(list_needs(snap), data.activities, data.activity_targets, snap.meeting["cutoff_date"])
    return count_unmet_by_state(list_states_by_response(snap), supply)
