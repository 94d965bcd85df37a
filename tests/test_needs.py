"""Report tables on the fixture, against the figures computed by hand in tests/fixtures/README.md."""

import pandas as pd
import pytest

from lib.analysis import needs
from lib.model import shares

M1, M2 = "wg-ta-2008-12", "wg-ta-2009-09"


def by_provision(table: pd.DataFrame, columns: list[str]) -> dict:
    """Return {provision: [values]} for some columns."""
    return {p: list(v) for p, v in zip(table["provision"], table[columns].itertuples(index=False))}


@pytest.mark.parametrize(
    "part, whole, pct", [(1, 3, 33.3), (2, 3, 66.7), (1, 16, 6.3), (3, 8, 37.5), (1, 40, 2.5), (5, 6, 83.3), (0, 4, 0.0), (7, 7, 100.0)]
)
def test_compute_pct_rounds_halves_up(part, whole, pct):
    assert shares.compute_pct(part, whole) == pct
    assert shares.compute_pct(pd.Series([part]), pd.Series([whole])).tolist() == [pct]


def test_compute_pct_of_nothing_is_nan():
    assert pd.isna(shares.compute_pct(0, 0))


def test_snapshot_takes_latest_submission_before_cutoff(dataset):
    snap = needs.take_snapshot(dataset, M2)
    resp = snap.respondents.set_index("state_code")
    assert set(resp.index) == {"KEN", "NGA", "FRA", "SEN", "EUU", "DEU"}
    assert resp.loc["KEN", "submitted_on"] == pd.Timestamp("2009-06-01") and resp.loc["KEN", "submissions_n"] == 2
    assert resp.loc["FRA", "submitted_on"] == pd.Timestamp("2008-12-18")  # its 2009-10-01 update came after the cut-off
    assert not resp.loc["DEU", "is_party"]
    assert len(snap.parties) == 6


def test_response_december_2008(dataset):
    snap = needs.take_snapshot(dataset, M1)
    s = needs.summarise_response(snap)
    assert (s["parties_n"], s["responding_parties_n"], s["responding_pct"], s["non_party_respondents_n"]) == (6, 3, 50.0, 1)
    table = needs.tabulate_response_by_group(snap).set_index("group_code")
    assert table.loc[["AFR", "WEOG", "NONE", "ALL"], ["parties_n", "responding_parties_n", "responding_pct"]].values.tolist() == [
        [3, 2, 66.7],
        [2, 1, 50.0],
        [1, 0, 0.0],
        [6, 3, 50.0],
    ]
    assert table.loc["NONE", "group_name"] == "no regional group"


def test_compliance_december_2008(dataset):
    table = needs.tabulate_compliance(needs.take_snapshot(dataset, M1))
    assert by_provision(table, ["full_n", "partial_n", "none_n", "no_answer_n", "full_pct"]) == {
        "5": [2, 0, 1, 0, 66.7],
        "15": [1, 2, 0, 0, 33.3],
        "46(9)": [1, 0, 1, 1, 33.3],
    }


def test_ta_needs_december_2008(dataset):
    table = needs.tabulate_ta_needs(needs.take_snapshot(dataset, M1))
    assert by_provision(table, ["ta_needed_n", "ta_needed_pct", "ta_provided_n", "unmet_n"]) == {
        "5": [1, 33.3, 0, 1],
        "15": [2, 66.7, 2, 0],
        "46(9)": [1, 33.3, 0, 1],
    }


def test_compliance_and_needs_september_2009(dataset):
    snap = needs.take_snapshot(dataset, M2)
    assert by_provision(needs.tabulate_compliance(snap), ["full_n", "partial_n", "none_n", "no_answer_n", "full_pct"]) == {
        "5": [2, 2, 1, 0, 40.0],
        "15": [3, 1, 1, 0, 60.0],
        "46(9)": [3, 1, 0, 1, 60.0],
    }
    assert by_provision(needs.tabulate_ta_needs(snap), ["ta_needed_n", "ta_needed_pct", "ta_provided_n", "unmet_n"]) == {
        "5": [2, 40.0, 0, 2],
        "15": [2, 40.0, 1, 1],
        "46(9)": [1, 20.0, 1, 0],
    }


def test_forms_september_2009(dataset):
    table = needs.tabulate_forms(needs.take_snapshot(dataset, M2))
    assert table[["ta_form_code", "needs_n", "states_n", "states_pct"]].head(4).values.tolist() == [
        ["legislative_drafting", 2, 2, 40.0],
        ["legal_advice", 2, 1, 20.0],
        ["model_legislation", 1, 1, 20.0],
        ["onsite_expert", 1, 1, 20.0],
    ]
    assert table["needs_n"].iloc[4:].tolist() == [0, 0, 0, 0, 0]
    assert table.iloc[-1][["ta_form_code", "label"]].tolist() == ["", "Form not named"]  # always the last row


def test_flag_needs_one_rule():
    # a need is TA needed = yes; provided counts only for a need; a need without TA provided (or blank) is not yet met
    answers = pd.DataFrame({"is_ta_needed": [True, True, True, False, None, None], "is_ta_provided": [True, False, None, True, True, None]})
    flags = needs.flag_needs(answers)
    assert flags["is_need"].tolist() == [True, True, True, False, False, False]
    assert flags["is_provided"].tolist() == [True, False, False, False, False, False]
    assert flags["is_unmet"].tolist() == [False, True, True, False, False, False]


def test_requests_by_form_add_up_to_the_matrix_need_items(dataset):
    from lib.analysis import matrix

    for meeting in (M1, M2):
        snap = needs.take_snapshot(dataset, meeting)
        supply = matrix.build_matrix(matrix.list_needs(snap), dataset.activities, dataset.activity_targets, snap.meeting["cutoff_date"])
        assert needs.tabulate_forms(snap)["needs_n"].sum() == len(supply)  # 5 in December 2008, 6 in September 2009
    # Senegal's article 15 leaves 'TA needed' blank and lists two forms: read as a need by the needs table too
    table = needs.tabulate_ta_needs(needs.take_snapshot(dataset, M2)).set_index("provision")
    assert table.loc["15", "ta_needed_n"] == 2


def test_providers_count_only_where_ta_is_needed(dataset):
    # Kenya's 2009 answer on article 5: no need, TA provided by UNDP: not counted (caveat 5); its 46(9) need names UNODC
    table = needs.tabulate_providers(needs.take_snapshot(dataset, M2))
    assert sorted(table["provider"]) == ["UNODC", "World Bank"]  # Kenya 46(9) and Nigeria 15 (its 2008 answers)


def test_not_full_share_is_computed_from_its_counts():
    # 15 of 16 not fully compliant = 93.75 -> 93.8 (halves up), where 100 - 6.3 would give 93.7
    from lib.model.shares import compute_pct

    assert compute_pct(16 - 1, 16) == 93.8 and round(100 - compute_pct(1, 16), 1) == 93.7


def test_providers_are_split_and_kept_verbatim(dataset):
    table = needs.tabulate_providers(needs.take_snapshot(dataset, M1))
    assert sorted(table["provider"]) == ["<script>alert('x')</script>", "UNODC", "World Bank"]
    assert table["states_n"].tolist() == [1, 1, 1]


def test_non_party_respondents_are_apart(dataset):
    table = needs.list_non_party_respondents(needs.take_snapshot(dataset, M1))
    assert table[["state_code", "submitted_on"]].values.tolist() == [["DEU", pd.Timestamp("2008-12-01")]]


def test_change_since_previous_meeting(dataset):
    current, previous = needs.take_snapshot(dataset, M2), needs.take_snapshot(dataset, M1)
    table = needs.compare_snapshots(current, previous).set_index("indicator")
    assert table.loc["Response rate (%)", ["previous", "current", "change"]].tolist() == [50.0, 83.3, 33.3]
    assert table.loc["Responding States parties", ["previous", "current"]].tolist() == [3, 5]
    assert table.loc["Art. 5: fully compliant (%)", ["previous", "current", "change"]].tolist() == [66.7, 40.0, -26.7]
    assert table.loc["Art. 5: needing assistance (%)", ["previous", "current", "change"]].tolist() == [33.3, 40.0, 6.7]
    assert needs.find_previous_meeting_id(dataset, M2) == M1 and needs.find_previous_meeting_id(dataset, M1) is None


def test_region_against_global_and_priorities(dataset):
    snap = needs.take_snapshot(dataset, M2)
    comparison = needs.compare_region_with_global(snap, "AFR")
    assert by_provision(comparison, ["region_ta_needed_pct", "global_ta_needed_pct", "ta_needed_gap_pp", "region_full_pct"]) == {
        "5": [66.7, 40.0, 26.7, 33.3],
        "15": [66.7, 40.0, 26.7, 33.3],
        "46(9)": [33.3, 20.0, 13.3, 33.3],
    }
    ranked = needs.rank_priority_needs(snap, "AFR")
    assert ranked[["rank", "provision", "unmet_n"]].values.tolist() == [[1, "5", 2], [2, "15", 1], [3, "46(9)", 0]]
    assert ranked.iloc[0]["top_forms"] == "Legal advice; Model legislation"


def test_states_by_response(dataset):
    snap = needs.take_snapshot(dataset, M2)
    weog = needs.list_states_by_response(snap, "WEOG")
    assert weog[["state_code", "has_responded", "submitted_on", "submissions_n"]].values.tolist() == [
        ["FRA", True, pd.Timestamp("2008-12-18"), 1],
        ["NOR", False, pd.NaT, 0],
    ]


def test_unknown_meeting_and_group_are_plain_errors(dataset):
    with pytest.raises(KeyError, match="Unknown meeting 'wg-1999'; known: wg-ta-2008-12, wg-ta-2009-09"):
        needs.take_snapshot(dataset, "wg-1999")
    with pytest.raises(KeyError, match="Unknown regional group 'XYZ'"):
        needs.find_group_name(dataset, "XYZ")


def test_heatmap_table_by_group(dataset):
    table = needs.tabulate_ta_needs_by_group(needs.take_snapshot(dataset, M2))
    afr = table[table["group_code"] == "AFR"].set_index("provision")["ta_needed_pct"].to_dict()
    assert afr == {"5": 66.7, "15": 66.7, "46(9)": 33.3}
    assert list(dict.fromkeys(table["group_code"])) == ["AFR", "WEOG", "NONE"]  # no regional group last


def test_states_are_named_as_the_un_named_them_on_the_meeting_day(dataset):
    import dataclasses

    # the fixture's EU was the European Community until 30 Nov 2009, after both meetings (state_names.csv)
    sep = needs.take_snapshot(dataset, M2)
    assert sep.respondents.set_index("state_code").loc["EUU", "state_name"] == "European Community"
    assert sep.parties.set_index("state_code").loc["EUU", "state_name"] == "European Community"
    # a State renamed between the two meetings (a tiny names table): Kenya was 'Old Kenya' up to 1 January 2009
    renamed = dataclasses.replace(
        dataset,
        state_names=pd.DataFrame(
            {
                "state_code": ["KEN", "KEN"],
                "name": ["Old Kenya", "Kenya"],
                "in_use_from": [pd.NaT, pd.Timestamp("2009-01-02")],
                "in_use_to": [pd.Timestamp("2009-01-01"), pd.NaT],
            }
        ),
    )
    for meeting, name in ((M1, "Old Kenya"), (M2, "Kenya")):  # first days 18 Dec 2008 and 3 Sep 2009
        snap = needs.take_snapshot(renamed, meeting)
        assert snap.respondents.set_index("state_code").loc["KEN", "state_name"] == name
        assert set(snap.answers.loc[snap.answers["state_code"] == "KEN", "state_name"]) == {name}
        assert snap.parties.set_index("state_code").loc["KEN", "state_name"] == name
    assert dataset.states.set_index("state_code").loc["KEN", "state_name"] == "Kenya"  # the reference itself is untouched


def test_reconciliation_as_the_rows_stood_at_each_cut_off(dataset):
    # tests/fixtures/README.md: Kenya's and France's 2008 submissions are superseded at ingest (by 2009-06-01 and
    # 2009-10-01), yet both are the latest by 18 December 2008; every 2009 row came after that cut-off
    cols = ["rows_read_n", "rows_used_n", "rows_superseded_n", "rows_not_used_n", "rows_rejected_n"]
    dec = needs.reconcile_at_cutoff(dataset, needs.find_meeting(dataset, M1)).set_index("source_file")
    assert dec.loc["self_assessment/export_2008-12.csv", cols].tolist() == [24, 11, 0, 0, 13]
    assert dec.loc["self_assessment/export_2009-09.csv", cols].tolist() == [10, 0, 0, 10, 0]
    sep = needs.reconcile_at_cutoff(dataset, needs.find_meeting(dataset, M2)).set_index("source_file")
    assert sep.loc["self_assessment/export_2008-12.csv", cols].tolist() == [24, 8, 3, 0, 13]  # Kenya's 2008 rows superseded
    assert sep.loc["self_assessment/export_2009-09.csv", cols].tolist() == [10, 9, 0, 1, 0]  # France's 2009-10-01 row: later
    assert dec["is_reconciled"].all() and sep["is_reconciled"].all()
    assert dec.loc["all files", "rows_read_n"] == sep.loc["all files", "rows_read_n"] == 84


def test_the_annex_lists_submissions_rejected_entirely(dataset):
    # Norway's 2008-10-01 submission: all four rows rejected (tests/fixtures/README.md), so Norway counts as not responding
    table = needs.select_rejected_submissions(dataset, needs.find_meeting(dataset, M1)).set_index("state_text")
    assert table.loc["Norway", ["state_code", "submitted_on_text", "rows_read_n"]].tolist() == ["NOR", "2008-10-01", 4]
    assert "listed forms of technical assistance while answering that none was needed (1 row)" in table.loc["Norway", "reasons"]
    assert "NOR" not in set(needs.take_snapshot(dataset, M1).respondents["state_code"])


def test_a_cut_never_falls_inside_a_tie():
    from lib.analysis.ranking import select_top

    table = pd.DataFrame({"provision": ["5", "6", "9", "15", "16"], "n": [4, 2, 3, 2, None]})
    assert select_top(table, "n", 2)["provision"].tolist() == ["5", "9"]
    assert select_top(table, "n", 3)["provision"].tolist() == ["5", "9", "6", "15"]  # 6 and 15 tie at the third place
    assert select_top(table, "n", 9)["provision"].tolist() == ["5", "9", "6", "15"]  # a missing figure is never named


def test_an_articles_most_requested_forms_name_a_tie_together(dataset):
    snap = needs.take_snapshot(dataset, "wg-ta-2009-09")
    # the fixture's African States request each form of articles 5 and 15 once: asked for one form, all tie
    table = needs.rank_priority_needs(snap, "AFR", forms_shown=1).set_index("provision")["top_forms"]
    assert table.to_dict() == {
        "5": "Legal advice; Model legislation",
        "15": "Legal advice; Legislative drafting; On-site assistance by an anti-corruption expert",
        "46(9)": "Legislative drafting",
    }
    weog = needs.rank_priority_needs(snap, "WEOG", forms_shown=1)  # no form requested: nothing to cut
    assert set(weog["top_forms"]) == {""}
