"""Match experts of the directory to the needs no activity meets, by a stated ranking rule."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd

from lib import matrix, reference

ONSITE_FORM = "onsite_expert"  # on-site assistance: never by an expert of the recipient State's own nationality
WORKING_LEVELS = ("native", "fluent", "working")  # a language spoken at one of these levels can carry an activity
TOP_N = 3  # experts proposed per need
MIN_CANDIDATES = 3  # a need with fewer available candidates than this is reported as short of experts
RANKING_RULE = (
    "An expert is a candidate for a need when the expert's areas of expertise include the need's article and the "
    "expert is not reported as unavailable; for on-site assistance, an expert of the recipient State's own nationality "
    "is never proposed. Candidates are ranked by: (1) speaking a language of the recipient State at working level or "
    "better; (2) delivering the form of assistance asked for; (3) being available rather than of limited availability; "
    "(4) coming from the recipient State's regional group (exchanges of expertise within a region); (5) years of "
    f"anti-corruption experience, more first; ties by the directory's order. The first {TOP_N} are proposed."
)


def read_directory(con: sqlite3.Connection) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Return the directory's tables: experts, languages, areas, forms."""
    read = lambda sql: pd.read_sql_query(sql, con)  # noqa: E731
    return (read("SELECT * FROM experts ORDER BY expert_id"), read("SELECT * FROM expert_languages"),
            read("SELECT * FROM expert_areas"), read("SELECT * FROM expert_forms"))


def load_state_languages(ref_dir: Path) -> pd.DataFrame:
    """Return (state_code, language) pairs: the languages assistance to each State can be given in."""
    return reference.read_reference_csv(ref_dir, "state_languages.csv")[["state_code", "language"]]


def rank_candidates(unmet: pd.DataFrame, experts: pd.DataFrame, languages: pd.DataFrame, areas: pd.DataFrame,
                    forms: pd.DataFrame, state_languages: pd.DataFrame) -> pd.DataFrame:
    """Return every (need, candidate expert) with the ranking criteria and the rank (1 = best), by RANKING_RULE.

    unmet: needs with state_code, group_code, provision, ta_form_code (one row per need)."""
    needs = unmet[["state_code", "group_code", "provision", "ta_form_code"]].drop_duplicates().reset_index(drop=True)
    needs["need_id"] = range(len(needs))
    needs["article"] = matrix.article_of(needs["provision"].astype(str))
    by_area = areas.assign(article=matrix.article_of(areas["area"].astype(str)))  # a theme stays itself: no article matches it
    exact = needs.merge(by_area[["expert_id", "area"]], left_on="provision", right_on="area")
    whole = needs.merge(by_area.loc[by_area["area"] == by_area["article"], ["expert_id", "article"]], on="article")
    cand = pd.concat([exact[["need_id", "expert_id"]], whole[["need_id", "expert_id"]]]).drop_duplicates()
    cand = cand.merge(needs, on="need_id").merge(
        experts[["expert_id", "nationality_code", "group_code", "availability", "years_experience"]].rename(
            columns={"group_code": "expert_group_code"}), on="expert_id")
    cand = cand[cand["availability"] != "not available"]
    cand = cand[~((cand["ta_form_code"] == ONSITE_FORM) & (cand["nationality_code"] == cand["state_code"]))]
    spoken = languages[languages["level"].isin(WORKING_LEVELS)].merge(state_languages, on="language")[["expert_id", "state_code"]]
    cand = cand.merge(spoken.drop_duplicates().assign(speaks_language=True), on=["expert_id", "state_code"], how="left")
    cand["speaks_language"] = cand["speaks_language"].fillna(False).astype(bool)
    cand = cand.merge(forms.assign(delivers_form=True), on=["expert_id", "ta_form_code"], how="left")
    cand["delivers_form"] = cand["delivers_form"].fillna(False).astype(bool)
    cand["is_available"] = cand["availability"] == "available"
    cand["same_group"] = cand["expert_group_code"] == cand["group_code"]
    cand = cand.sort_values(["need_id", "speaks_language", "delivers_form", "is_available", "same_group", "years_experience", "expert_id"],
                            ascending=[True, False, False, False, False, False, True], kind="stable")
    cand["rank"] = cand.groupby("need_id").cumcount() + 1
    return cand.reset_index(drop=True)


def propose_experts(ranked: pd.DataFrame, experts: pd.DataFrame, top_n: int = TOP_N) -> pd.DataFrame:
    """Return the first top_n candidates per need with who they are (contacts only with the expert's consent)."""
    top = ranked[ranked["rank"] <= top_n].merge(
        experts[["expert_id", "full_name", "institution", "email", "consent_contact"]], on="expert_id")
    top["contact"] = top["email"].where(top["consent_contact"] == "yes").fillna("")
    return top[["state_code", "provision", "ta_form_code", "rank", "expert_id", "full_name", "nationality_code", "institution",
                "speaks_language", "delivers_form", "availability", "same_group", "contact"]]


def count_candidates(needs: pd.DataFrame, ranked: pd.DataFrame) -> pd.DataFrame:
    """Return each need with its number of suitable experts: candidates who speak a language of the State (0 when none)."""
    counts = ranked[ranked["speaks_language"]].groupby(["state_code", "provision", "ta_form_code"], dropna=False).size().rename("candidates_n").reset_index()
    out = needs.merge(counts, on=["state_code", "provision", "ta_form_code"], how="left")
    out["candidates_n"] = out["candidates_n"].fillna(0).astype(int)
    return out
