"""Describe the pool of experts against the States parties and the unmet needs: balance, languages, gender, areas."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from lib.analysis import matching, matrix
from lib.analysis.needs import Dataset, Snapshot
from lib.io import cv, experts
from lib.io.paths import processed_dir, raw_dir
from lib.model.shares import compute_pct, round_half_up


class Pool:
    """The directory as it stood at a report's cut-off date (experts recommended by then, each merged from the recommendations
    made by then; its tables read once), and the directory's counts today."""

    def __init__(self, data_dir: str | Path, cutoff: str | pd.Timestamp):
        con = experts.connect(data_dir)
        self.cutoff, self.directory_n = pd.Timestamp(cutoff), experts.count_experts(con)
        self.experts, self.languages, self.areas, self.forms = experts.read_directory_at(con, self.cutoff)
        con.close()
        counts = pd.read_csv(processed_dir(data_dir) / "experts_reconciliation.csv")
        totals = {c: int(counts[c].sum()) for c in ("rows_read_n", "rows_accepted_n", "rows_superseded_n", "rows_rejected_n")}
        self.summary = experts.describe_counts(dict(totals, files=len(counts), experts=self.directory_n))


def tabulate_balance(pool: Pool, snap: Snapshot) -> pd.DataFrame:
    """Return, per regional group, experts and States parties (counts and shares) and the shortfall against a pool
    in proportion to the parties: how many more experts the group needs to reach its share."""
    groups = snap.parties[["group_code", "group_name"]].drop_duplicates()
    table = groups.set_index("group_code")
    table["parties_n"] = snap.parties.groupby("group_code").size()
    table["experts_n"] = pool.experts.groupby("group_code").size()
    table = table.fillna({"experts_n": 0}).astype({"parties_n": int, "experts_n": int})
    total_experts, total_parties = int(table["experts_n"].sum()), int(table["parties_n"].sum())
    table["parties_pct"] = compute_pct(table["parties_n"], total_parties).values
    table["experts_pct"] = compute_pct(table["experts_n"], total_experts).values
    fair = table["parties_n"] * total_experts / total_parties if total_parties else table["parties_n"] * 0
    table["proportional_n"] = [int(round_half_up(v)) for v in fair]  # 0.5 of an expert rounds up, as every figure does
    table["shortfall_n"] = (table["proportional_n"] - table["experts_n"]).clip(lower=0)
    return table.sort_values("shortfall_n", ascending=False, kind="stable").reset_index()


def tabulate_languages(pool: Pool) -> pd.DataFrame:
    """Return, per language, the experts who can work in it (working level or better), UN languages first."""
    usable = pool.languages[pool.languages["level"].isin(matching.WORKING_LEVELS)]
    table = usable.groupby("language")["expert_id"].nunique().rename("experts_n").reset_index()
    table["language_name"] = table["language"].map(cv.LANGUAGES)
    table["is_un_language"] = table["language"].isin(list(cv.UN_LANGUAGES))
    table["experts_pct"] = compute_pct(table["experts_n"], len(pool.experts)).values
    return table.sort_values(["is_un_language", "experts_n"], ascending=False, kind="stable")[
        ["language", "language_name", "is_un_language", "experts_n", "experts_pct"]
    ].reset_index(drop=True)


def tabulate_gender(pool: Pool) -> pd.DataFrame:
    """Return the experts by gender, with shares."""
    table = pool.experts.groupby("gender").size().reindex(cv.GENDERS, fill_value=0).rename("experts_n").reset_index()
    table["experts_pct"] = compute_pct(table["experts_n"], len(pool.experts)).values
    return table


def tabulate_areas(pool: Pool, snap: Snapshot) -> pd.DataFrame:
    """Return, per article of the checklist and per theme, the experts declaring it."""
    counts = pool.areas.groupby("area")["expert_id"].nunique()
    order = list(snap.checklist["provision"]) + cv.THEMES
    table = pd.DataFrame({"area": order, "experts_n": [int(counts.get(a, 0)) for a in order]})
    table["kind"] = ["article"] * len(snap.checklist) + ["theme"] * len(cv.THEMES)
    return table


def match_unmet(
    pool: Pool, data: Dataset, snap: Snapshot, data_dir: str | Path = "", state_code: str = ""
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (the unmet needs with their number of suitable experts, the ranked candidates), of one State or of all."""
    needs = matrix.list_needs(snap)
    if state_code:
        needs = needs[needs["state_code"] == state_code]
    supply = matrix.build_matrix(needs, data.activities, data.activity_targets, snap.meeting["cutoff_date"])
    unmet = supply[supply["coverage"] == "unmet"][["state_code", "state_name", "group_code", "provision", "ta_form_code"]]
    ranked = matching.rank_candidates(
        unmet, pool.experts, pool.languages, pool.areas, pool.forms, matching.load_state_languages(raw_dir(data_dir) / "reference")
    )
    return matching.count_candidates(unmet, ranked), ranked


def tabulate_short_by_article(counted: pd.DataFrame) -> pd.DataFrame:
    """Return, per article, the unmet needs and those with fewer than MIN_CANDIDATES suitable experts."""
    counted = counted.assign(is_short=counted["candidates_n"] < matching.MIN_CANDIDATES)
    table = counted.groupby("provision", sort=False).agg(unmet_n=("state_code", "size"), short_n=("is_short", "sum")).reset_index()
    table["short_pct"] = compute_pct(table["short_n"].astype(int), table["unmet_n"]).values
    return table.sort_values(["short_n", "unmet_n"], ascending=False, kind="stable").reset_index(drop=True)


def list_short_needs(counted: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """Return the unmet needs with fewer than MIN_CANDIDATES suitable experts (State level: restricted builds)."""
    short = counted[counted["candidates_n"] < matching.MIN_CANDIDATES]
    return pd.DataFrame(
        {
            "state_name": short["state_name"],
            "provision": short["provision"],
            "form": short["ta_form_code"].map(labels).fillna("form not named"),
            "candidates_n": short["candidates_n"],
        }
    ).reset_index(drop=True)


def list_experts_for_state(ranked: pd.DataFrame, pool: Pool, labels: dict[str, str]) -> pd.DataFrame:
    """Return the experts proposed for one State's unmet needs (names: restricted builds; contacts only with consent)."""
    top = matching.propose_experts(ranked, pool.experts)
    return pd.DataFrame(
        {
            "provision": top["provision"],
            "form": top["ta_form_code"].map(labels).fillna("form not named"),
            "rank": top["rank"],
            "expert": top["full_name"],
            "nationality": top["nationality_code"],
            "institution": top["institution"],
            "speaks_language": top["speaks_language"],
            "availability": top["availability"],
            "contact": top["contact"],
        }
    ).reset_index(drop=True)


def describe_source(cutoff) -> str:
    """Return the source line of a table of experts: the directory as it stood at the cut-off date."""
    ts = pd.Timestamp(cutoff)
    return f"directory of experts recommended by States parties, as it stood on {ts.day} {ts.strftime('%B %Y')}."


def describe_ranking_summary() -> str:
    """Return the matching rule's one-sentence form as an escaped note (a country brief fits two printed pages)."""
    from html import escape

    return "<b>Matching rule.</b> " + escape(matching.write_ranking_summary())


def describe_ranking_rule() -> str:
    """Return the matching rule as an escaped paragraph, so every report that proposes experts states it."""
    from html import escape

    return "<b>Matching rule.</b> " + escape(matching.RANKING_RULE)
