"""Match experts of the directory to the needs no activity meets, by a stated ranking rule."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from lib.analysis import matrix
from lib.io import cv, reference

ONSITE_FORM = "onsite_expert"  # on-site assistance: never by an expert of the recipient State's own nationality
EXCLUDED_AVAILABILITY = "not available"  # an expert the recommending State reports so is never a candidate
PREFERRED_AVAILABILITY = "available"  # ranked before the other availability that is not excluded ('limited')
WORKING_LEVELS = ("native", "fluent", "working")  # a language spoken at one of these levels can carry an activity
TOP_N = 3  # experts proposed per need
MIN_CANDIDATES = 3  # a need with fewer available candidates than this is reported as short of experts
RANK_KEYS = {  # the ranking criteria in order (True before False; more years first), each as RANKING_RULE words it
    "speaks_language": "speaking a language of the recipient State at {levels} level",
    "delivers_form": "delivering the form of assistance asked for",
    "is_available": "being reported as '{preferred}' rather than {others}",
    "same_group": "coming from the recipient State's regional group (exchanges of expertise within a region)",
    "years_experience": "years of anti-corruption experience, more first",
}
TIE_BREAK = "expert_id"  # the directory's order: `make experts` numbers the experts by name, then date of birth


def join_words(words: list[str], last: str = "or") -> str:
    """Return words as a list in prose: 'a, b or c'."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + f" {last} " + words[-1]


def write_ranking_rule() -> str:
    """Return the matching rule in words, generated from this module's constants (the reports and README.md print it)."""
    others = join_words([f"'{a}'" for a in cv.AVAILABILITY if a not in (PREFERRED_AVAILABILITY, EXCLUDED_AVAILABILITY)])
    criteria = [
        text.format(levels=join_words(list(WORKING_LEVELS)), preferred=PREFERRED_AVAILABILITY, others=others) for text in RANK_KEYS.values()
    ]
    ranked = "; ".join(f"({i}) {c}" for i, c in enumerate(criteria, start=1))
    return (
        f"An expert is a candidate for a need when the expert's areas of expertise include the need's article (an expert "
        f"on a whole article covers its paragraphs) and the expert is not reported as '{EXCLUDED_AVAILABILITY}'; for on-site "
        f"assistance, an expert of the recipient State's own nationality is never proposed. Candidates "
        f"are ranked by: {ranked}; ties follow the directory's order, which is alphabetical by name (then date of "
        f"birth). The first {TOP_N} are proposed. A need with fewer than {MIN_CANDIDATES} candidates speaking a language "
        f"of the recipient State at {join_words(list(WORKING_LEVELS))} level is short of experts."
    )


RANKING_RULE = write_ranking_rule()
RANK_KEY_WORDS = {  # each criterion of RANK_KEYS in a word or two, for the short form of the rule a two-page brief prints
    "speaks_language": "language",
    "delivers_form": "form of assistance",
    "is_available": "availability",
    "same_group": "regional group",
    "years_experience": "years of experience",
}


def write_ranking_summary() -> str:
    """Return the matching rule in one sentence (the country brief's): the criteria in order, naming where it is in full."""
    return (
        f"Experts whose expertise covers the article are ranked by {join_words(list(RANK_KEY_WORDS.values()), 'and')}, in that "
        f"order, and the first {TOP_N} are proposed for each need; the expert pool report of the meeting states the rule in full."
    )


def load_state_languages(ref_dir: Path) -> pd.DataFrame:
    """Return (state_code, language) pairs: the languages assistance to each State can be given in."""
    return reference.read_reference_csv(ref_dir, "state_languages.csv")[["state_code", "language"]]


def rank_candidates(
    unmet: pd.DataFrame,
    experts: pd.DataFrame,
    languages: pd.DataFrame,
    areas: pd.DataFrame,
    forms: pd.DataFrame,
    state_languages: pd.DataFrame,
) -> pd.DataFrame:
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
            columns={"group_code": "expert_group_code"}
        ),
        on="expert_id",
    )
    cand = cand[cand["availability"] != EXCLUDED_AVAILABILITY]
    cand = cand[~((cand["ta_form_code"] == ONSITE_FORM) & (cand["nationality_code"] == cand["state_code"]))]
    spoken = languages[languages["level"].isin(WORKING_LEVELS)].merge(state_languages, on="language")[["expert_id", "state_code"]]
    cand = cand.merge(spoken.drop_duplicates().assign(speaks_language=True), on=["expert_id", "state_code"], how="left")
    cand["speaks_language"] = cand["speaks_language"].fillna(False).astype(bool)
    cand = cand.merge(forms.assign(delivers_form=True), on=["expert_id", "ta_form_code"], how="left")
    cand["delivers_form"] = cand["delivers_form"].fillna(False).astype(bool)
    cand["is_available"] = cand["availability"] == PREFERRED_AVAILABILITY
    cand["same_group"] = cand["expert_group_code"] == cand["group_code"]
    cand = cand.sort_values(["need_id", *RANK_KEYS, TIE_BREAK], ascending=[True, *[False] * len(RANK_KEYS), True], kind="stable")
    cand["rank"] = cand.groupby("need_id").cumcount() + 1
    return cand.reset_index(drop=True)


def propose_experts(ranked: pd.DataFrame, experts: pd.DataFrame, top_n: int = TOP_N) -> pd.DataFrame:
    """Return the first top_n candidates per need with who they are (contacts only with the expert's consent)."""
    top = ranked[ranked["rank"] <= top_n].merge(
        experts[["expert_id", "full_name", "institution", "email", "consent_contact"]], on="expert_id"
    )
    top["contact"] = top["email"].where(top["consent_contact"] == "yes").fillna("")
    return top[
        [
            "state_code",
            "provision",
            "ta_form_code",
            "rank",
            "expert_id",
            "full_name",
            "nationality_code",
            "institution",
            "speaks_language",
            "delivers_form",
            "availability",
            "same_group",
            "contact",
        ]
    ]


def count_candidates(needs: pd.DataFrame, ranked: pd.DataFrame) -> pd.DataFrame:
    """Return each need with its number of suitable experts: candidates who speak a language of the State (0 when none)."""
    counts = (
        ranked[ranked["speaks_language"]]
        .groupby(["state_code", "provision", "ta_form_code"], dropna=False)
        .size()
        .rename("candidates_n")
        .reset_index()
    )
    out = needs.merge(counts, on=["state_code", "provision", "ta_form_code"], how="left")
    out["candidates_n"] = out["candidates_n"].fillna(0).astype(int)
    return out
