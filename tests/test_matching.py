"""Experts ranked for unmet needs by the stated rule, on tiny frames computed by hand; the pool's balance."""

import pandas as pd

from lib import matching, pool

EXPERTS = pd.DataFrame({"expert_id": [1, 2, 3], "full_name": ["Ada Fictiva", "Cy Placeholder", "Bo Notreal"],
                        "nationality_code": ["KEN", "NOR", "FRA"], "group_code": ["AFR", "WEOG", "WEOG"],
                        "availability": ["limited", "available", "not available"], "years_experience": [20, 30, 10],
                        "institution": ["Prosecutor", "Audit", "Court"], "email": ["ada@example.org", "cy@example.org", "bo@example.org"],
                        "consent_contact": ["no", "yes", "yes"]})
LANGUAGES = pd.DataFrame({"expert_id": [1, 1, 2, 3], "language": ["fr", "en", "fr", "en"], "level": ["fluent", "native", "working", "fluent"]})
AREAS = pd.DataFrame({"expert_id": [1, 2, 3, 2], "area": ["15", "15", "15", "46"]})
FORMS = pd.DataFrame({"expert_id": [1], "ta_form_code": ["onsite_expert"]})
STATE_LANGUAGES = pd.DataFrame({"state_code": ["SEN", "KEN", "NGA"], "language": ["fr", "en", "en"]})


def rank(needs):
    return matching.rank_candidates(pd.DataFrame(needs, columns=["state_code", "group_code", "provision", "ta_form_code"]),
                                    EXPERTS, LANGUAGES, AREAS, FORMS, STATE_LANGUAGES)


def test_language_then_form_before_availability_and_group():
    # Senegal, art. 15, on-site: Ada (speaks fr, delivers on-site, limited, same group) and Cy (speaks fr, no form,
    # available, other group) are candidates; Bo is not available. By the rule: language tie, form -> Ada first.
    ranked = rank([("SEN", "AFR", "15", "onsite_expert")])
    assert ranked["expert_id"].tolist() == [1, 2]
    assert ranked[["speaks_language", "delivers_form", "is_available", "same_group"]].values.tolist() == \
        [[True, True, False, True], [True, False, True, False]]


def test_no_on_site_expert_of_the_recipient_nationality():
    assert rank([("KEN", "AFR", "15", "onsite_expert")])["expert_id"].tolist() == [2]  # Ada is Kenyan
    # for legal advice Ada may help her own State: she speaks English, Cy does not -> Ada first
    assert rank([("KEN", "AFR", "15", "legal_advice")])["expert_id"].tolist() == [1, 2]


def test_an_expert_on_a_whole_article_covers_its_paragraphs():
    assert rank([("NGA", "AFR", "46(9)", "legal_advice")])["expert_id"].tolist() == [2]


def test_counts_of_suitable_experts_and_contacts_only_with_consent():
    needs = pd.DataFrame([("NGA", "AFR", "46(9)", "legal_advice"), ("SEN", "AFR", "15", "onsite_expert"), ("SEN", "AFR", "5", "legal_advice")],
                         columns=["state_code", "group_code", "provision", "ta_form_code"])
    ranked = matching.rank_candidates(needs, EXPERTS, LANGUAGES, AREAS, FORMS, STATE_LANGUAGES)
    counted = matching.count_candidates(needs, ranked)
    assert counted["candidates_n"].tolist() == [0, 2, 0]  # Cy speaks no English (NGA); nobody covers art. 5
    proposed = matching.propose_experts(ranked, EXPERTS)
    assert dict(zip(proposed["full_name"], proposed["contact"])) == {"Ada Fictiva": "", "Cy Placeholder": "cy@example.org"}


def test_balance_by_hand(fixture_data_dir):
    from lib import needs

    data = needs.load_dataset(fixture_data_dir)
    snap = needs.take_snapshot(data, "wg-ta-2009-09")
    p = pool.Pool(fixture_data_dir)  # 2 experts: Ada (AFR), Bo (WEOG); 6 parties: AFR 3, WEOG 2, NONE 1
    table = pool.tabulate_balance(p, snap).set_index("group_code")
    assert table.loc["AFR", ["parties_n", "experts_n", "proportional_n", "shortfall_n"]].tolist() == [3, 1, 1, 0]
    assert table.loc["WEOG", ["experts_n", "experts_pct", "parties_pct"]].tolist() == [1, 50.0, 33.3]
    assert "6 CVs read from 2 files = 2 accepted + 2 merged" in p.summary and "2 experts in the directory" in p.summary
