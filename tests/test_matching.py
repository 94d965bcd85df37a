"""Experts ranked for unmet needs by the stated rule, on tiny frames computed by hand; the pool's balance."""

import pandas as pd

from lib.analysis import matching, pool

EXPERTS = pd.DataFrame(
    {
        "expert_id": [1, 2, 3],
        "full_name": ["Ada Fictiva", "Cy Placeholder", "Bo Notreal"],
        "nationality_code": ["KEN", "NOR", "FRA"],
        "group_code": ["AFR", "WEOG", "WEOG"],
        "availability": ["limited", "available", "not available"],
        "years_experience": [20, 30, 10],
        "institution": ["Prosecutor", "Audit", "Court"],
        "email": ["ada@example.org", "cy@example.org", "bo@example.org"],
        "consent_contact": ["no", "yes", "yes"],
    }
)
LANGUAGES = pd.DataFrame(
    {"expert_id": [1, 1, 2, 3], "language": ["fr", "en", "fr", "en"], "level": ["fluent", "native", "working", "fluent"]}
)
AREAS = pd.DataFrame({"expert_id": [1, 2, 3, 2], "area": ["15", "15", "15", "46"]})
FORMS = pd.DataFrame({"expert_id": [1], "ta_form_code": ["onsite_expert"]})
STATE_LANGUAGES = pd.DataFrame({"state_code": ["SEN", "KEN", "NGA"], "language": ["fr", "en", "en"]})


def rank(needs):
    return matching.rank_candidates(
        pd.DataFrame(needs, columns=["state_code", "group_code", "provision", "ta_form_code"]),
        EXPERTS,
        LANGUAGES,
        AREAS,
        FORMS,
        STATE_LANGUAGES,
    )


def test_language_then_form_before_availability_and_group():
    # Senegal, art. 15, on-site: Ada (speaks fr, delivers on-site, limited, same group) and Cy (speaks fr, no form,
    # available, other group) are candidates; Bo is not available. By the rule: language tie, form -> Ada first.
    ranked = rank([("SEN", "AFR", "15", "onsite_expert")])
    assert ranked["expert_id"].tolist() == [1, 2]
    assert ranked[["speaks_language", "delivers_form", "is_available", "same_group"]].values.tolist() == [
        [True, True, False, True],
        [True, False, True, False],
    ]


def test_no_on_site_expert_of_the_recipient_nationality():
    assert rank([("KEN", "AFR", "15", "onsite_expert")])["expert_id"].tolist() == [2]  # Ada is Kenyan
    # for legal advice Ada may help her own State: she speaks English, Cy does not -> Ada first
    assert rank([("KEN", "AFR", "15", "legal_advice")])["expert_id"].tolist() == [1, 2]


def test_an_expert_on_a_whole_article_covers_its_paragraphs():
    assert rank([("NGA", "AFR", "46(9)", "legal_advice")])["expert_id"].tolist() == [2]


def test_counts_of_suitable_experts_and_contacts_only_with_consent():
    needs = pd.DataFrame(
        [("NGA", "AFR", "46(9)", "legal_advice"), ("SEN", "AFR", "15", "onsite_expert"), ("SEN", "AFR", "5", "legal_advice")],
        columns=["state_code", "group_code", "provision", "ta_form_code"],
    )
    ranked = matching.rank_candidates(needs, EXPERTS, LANGUAGES, AREAS, FORMS, STATE_LANGUAGES)
    counted = matching.count_candidates(needs, ranked)
    assert counted["candidates_n"].tolist() == [0, 2, 0]  # Cy speaks no English (NGA); nobody covers art. 5
    proposed = matching.propose_experts(ranked, EXPERTS)
    assert dict(zip(proposed["full_name"], proposed["contact"])) == {"Ada Fictiva": "", "Cy Placeholder": "cy@example.org"}


def test_balance_by_hand(fixture_data_dir):
    from lib.analysis import needs

    data = needs.load_dataset(fixture_data_dir)
    snap = needs.take_snapshot(data, "wg-ta-2009-09")
    p = pool.Pool(fixture_data_dir, snap.meeting["cutoff_date"])  # 2 experts: Ada (AFR), Bo (WEOG); 6 parties: AFR 3, WEOG 2, NONE 1
    table = pool.tabulate_balance(p, snap).set_index("group_code")
    assert table.loc["AFR", ["parties_n", "experts_n", "proportional_n", "shortfall_n"]].tolist() == [3, 1, 1, 0]
    assert table.loc["WEOG", ["experts_n", "experts_pct", "parties_pct"]].tolist() == [1, 50.0, 33.3]
    assert "6 CVs read from 2 files = 2 accepted + 2 merged" in p.summary and "2 experts in the directory" in p.summary


def test_a_report_counts_the_experts_recommended_by_its_cut_off(fixture_data_dir):
    # 18 Dec 2008: Ada was first recommended on 1 Jan 2009 (not yet); Bo on 1 Dec 2008 (his latest CV, 1 Feb 2009, is
    # later, but he counts from the first). The directory holds both; the December 2008 pool holds Bo alone.
    p = pool.Pool(fixture_data_dir, "2008-12-18")
    assert p.directory_n == 2 and p.experts["full_name"].tolist() == ["Bo N."]
    assert set(p.languages["expert_id"]) == set(p.areas["expert_id"]) == set(p.experts["expert_id"])
    assert pool.Pool(fixture_data_dir, "2008-11-30").experts.empty


def test_a_report_sees_each_expert_as_recommended_by_its_cut_off(fixture_data_dir):
    # Bo's two CVs: 1 Dec 2008 ("Bo N.", 11 years, Russian basic, asset recovery, no form) and 1 Feb 2009 ("Bo Notreal",
    # 12 years, English fluent, art. 46(9), capacity-building). On 18 Dec 2008 only the first had been made: the pool
    # shows that record, so Bo is no candidate for an art. 46(9) need then; on 3 Sep 2009 the merge of both.
    early, late = pool.Pool(fixture_data_dir, "2008-12-18"), pool.Pool(fixture_data_dir, "2009-09-03")
    assert early.experts[["full_name", "years_experience", "recommendations_n", "first_recommended_on"]].values.tolist() == [
        ["Bo N.", 11, 1, "2008-12-01"]
    ]
    assert early.languages[["language", "level"]].values.tolist() == [["ru", "basic"]]
    assert early.areas["area"].tolist() == ["asset recovery"] and early.forms.empty
    bo = late.experts.set_index("full_name").loc["Bo Notreal"]
    assert (bo["years_experience"], bo["recommendations_n"], bo["first_recommended_on"]) == (12, 2, "2008-12-01")
    bo_id = bo["expert_id"]
    assert sorted(late.areas.loc[late.areas["expert_id"] == bo_id, "area"]) == ["46(9)", "asset recovery"]
    assert late.forms.loc[late.forms["expert_id"] == bo_id, "ta_form_code"].tolist() == ["capacity_building"]
    # Ada (1 Jan and 1 May 2009): on 1 Mar 2009 her first CV alone, available, English native, French fluent.
    march = pool.Pool(fixture_data_dir, "2009-03-01").experts.set_index("full_name")
    assert march.loc["Ada Fictiva", ["availability", "consent_contact", "years_experience"]].tolist() == ["available", "yes", 20]
    need = pd.DataFrame([("NGA", "AFR", "46(9)", "legal_advice")], columns=["state_code", "group_code", "provision", "ta_form_code"])
    ranked = matching.rank_candidates(need, early.experts, early.languages, early.areas, early.forms, STATE_LANGUAGES)
    assert ranked.empty


def test_ties_follow_the_directory_order():
    # Ann (expert 1) and Zed (expert 2), alike in every criterion (French at working level, art. 15, available, WEOG, 30
    # years): the first in the directory, numbered alphabetically by name, ranks first, whatever the rows' order.
    twins = EXPERTS.iloc[[1, 1]].assign(expert_id=[2, 1], full_name=["Zed Fictional", "Ann Fictional"])
    languages = pd.DataFrame({"expert_id": [2, 1], "language": ["fr", "fr"], "level": ["working", "working"]})
    areas = pd.DataFrame({"expert_id": [2, 1], "area": ["15", "15"]})
    ranked = matching.rank_candidates(
        pd.DataFrame([("SEN", "AFR", "15", "legal_advice")], columns=["state_code", "group_code", "provision", "ta_form_code"]),
        twins,
        languages,
        areas,
        FORMS.iloc[:0],
        STATE_LANGUAGES,
    )
    assert ranked["expert_id"].tolist() == [1, 2]


def test_the_ranking_rule_is_generated_from_the_constants(monkeypatch):
    rule = matching.write_ranking_rule()
    assert rule == matching.RANKING_RULE
    assert (
        "at native, fluent or working level" in rule
        and "not reported as 'not available'" in rule
        and "for on-site assistance, an expert of" in rule
    )
    assert "onsite_expert" not in rule  # a reader's text names the form, not its code
    assert "The first 3 are proposed." in rule and "alphabetical by name" in rule
    # the criteria are stated in the order rank_candidates sorts by them
    order = [rule.index(f"({i}) ") for i in range(1, len(matching.RANK_KEYS) + 1)]
    assert order == sorted(order) and "(1) speaking a language" in rule and "(5) years of anti-corruption experience" in rule
    monkeypatch.setattr(matching, "TOP_N", 5)
    monkeypatch.setattr(matching, "WORKING_LEVELS", ("native", "fluent"))
    changed = matching.write_ranking_rule()
    assert "The first 5 are proposed." in changed and "at native or fluent level" in changed


def test_the_guide_to_the_directory_states_the_ranking_rule_the_reports_print():
    from conftest import ROOT

    guide = " ".join((ROOT / "docs" / "experts.md").read_text(encoding="utf-8").split())
    assert " ".join(matching.RANKING_RULE.split()) in guide, "copy matching.RANKING_RULE into docs/experts.md"
    assert (
        "Ranking rule" not in pool.describe_ranking_rule() and matching.RANKING_RULE.replace("'", "&#x27;") in pool.describe_ranking_rule()
    )


def test_the_proportional_share_of_experts_rounds_halves_up():
    # 2 experts (both WEOG) for 4 parties: AFR 1 party -> 0.5 of an expert, rounded up to 1 (round-half-even gave 0),
    # so AFR is 1 short; WEOG 3 parties -> 1.5 -> 2, none short (it has 2)
    from types import SimpleNamespace

    parties = pd.DataFrame(
        {"group_code": ["AFR", "WEOG", "WEOG", "WEOG"], "group_name": ["African States"] + ["Western European and other States"] * 3}
    )
    directory = SimpleNamespace(experts=pd.DataFrame({"expert_id": [1, 2], "group_code": ["WEOG", "WEOG"]}))
    table = pool.tabulate_balance(directory, SimpleNamespace(parties=parties)).set_index("group_code")
    assert table[["parties_n", "experts_n", "proportional_n", "shortfall_n"]].values.tolist() == [[1, 0, 1, 1], [3, 2, 2, 0]]
