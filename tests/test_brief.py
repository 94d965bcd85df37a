"""Country briefs on the fixture: the State's profile, unmet needs, regional context and change, computed by hand."""

import pandas as pd
import pytest

from lib.analysis import brief, needs
from lib.pipeline import plan
from lib.present import narrative


@pytest.fixture(scope="module")
def snap(dataset):
    """The fixture at the September 2009 cut-off."""
    return needs.take_snapshot(dataset, "wg-ta-2009-09")


def test_summary_of_kenya(dataset, snap):
    s = brief.summarise_state(dataset, snap, "KEN")
    assert (s["state_name"], s["group_code"], s["is_party"], s["submissions_n"]) == ("Kenya", "AFR", True, 2)
    assert (s["full_n"], s["partial_n"], s["none_n"], s["no_answer_n"]) == (2, 1, 0, 0)
    assert (s["ta_needed_n"], s["ta_provided_n"], s["unmet_n"]) == (1, 1, 0)
    text = narrative.write_brief_paragraph(s, snap.meeting)
    assert text.startswith(
        "Kenya, a State party since 9 December 2003 (ratification), of the African States, submitted its "
        "self-assessment on 1 June 2009 (its latest of two submissions by the cut-off date, 3 September 2009)."
    )
    assert "full compliance with two, partial compliance with one and non-compliance with none." in text
    assert text.endswith(
        "It requires technical assistance for one article; by its own account, assistance is already being received for it."
    )
    nigeria = narrative.write_brief_paragraph(brief.summarise_state(dataset, snap, "NGA"), snap.meeting)
    assert nigeria.endswith(
        "for two articles; by its own account, assistance is already being received for one of them, and one is not yet met."
    )
    assert ", and did not answer for one." in nigeria
    senegal = narrative.write_brief_paragraph(brief.summarise_state(dataset, snap, "SEN"), snap.meeting)
    assert senegal.endswith("for two articles; by its own account, none of these needs is being met yet.")
    one = narrative.write_brief_paragraph(s | {"ta_needed_n": 1, "ta_provided_n": 0, "unmet_n": 1}, snap.meeting)
    assert one.endswith("for one article; by its own account, this need is not yet being met.")  # never 'is yet being met'
    repeated = narrative.write_brief_paragraph(s, snap.meeting, pd.Timestamp("2009-06-01"))
    assert repeated.endswith(
        "Kenya has submitted no new self-assessment since the previous meeting: this brief repeats its report of 1 June 2009."
    )
    assert brief.find_repeated_submission(s, pd.Timestamp("2009-06-30")) == pd.Timestamp("2009-06-01")
    assert brief.find_repeated_submission(s, pd.Timestamp("2008-12-18")) is None  # a new report since that meeting
    assert brief.find_repeated_submission(s, None) is None  # no previous meeting


def test_profile_of_nigeria(dataset, snap):
    supply = brief.build_state_supply(dataset, snap, "NGA")
    table = brief.tabulate_profile(snap, "NGA", supply)
    columns = ["provision", "compliance", "ta_needed", "forms", "ta_provided", "providers_reported", "covered_forms", "uncovered_forms"]
    on_site = "On-site assistance by an anti-corruption expert"
    assert table[columns].values.tolist() == [
        ["5", "not compliant", "yes", "Model legislation", "", "", "", "Model legislation"],
        ["15", "partly compliant", "yes", on_site, "yes", "World Bank", on_site, ""],  # a form an activity covers, per article
        ["46(9)", "no answer", "no answer", "", "", "", "", ""],
    ]
    assert table.set_index("provision").loc["15", "supply_providers"] == "Norad"
    uncovered = brief.list_uncovered(table)
    assert uncovered[["provision", "uncovered_forms", "ta_provided"]].values.tolist() == [["5", "Model legislation", ""]]
    assert brief.list_priorities(table) == []  # article 5: the State left 'assistance received' blank, not 'no'
    assert brief.list_priorities(table.assign(ta_provided=["no", "yes", ""])) == ["5"]
    assert narrative.write_priorities_sentence(["5", "16"]) == (
        "Priorities (the articles for which the State needs technical assistance and reports receiving none): articles 5 and 16."
    )
    text = narrative.write_uncovered_sentence(pd.concat([uncovered] * 3), "Nigeria", 2)
    assert text.endswith("listed by article for the first two of them below, and for all of them in annex I.")


def test_brief_follows_the_needs_rule(dataset, snap):
    # Senegal's article 15 lists two forms with 'TA needed' blank: a need, as in every other table; Kenya's article 5
    # reports TA provided (UNDP) with no need: shown, but not counted as assistance for a need
    senegal = brief.tabulate_profile(snap, "SEN", brief.build_state_supply(dataset, snap, "SEN")).set_index("provision")
    assert senegal.loc["15", ["ta_needed", "forms"]].tolist() == ["yes", "Legislative drafting; Legal advice"]
    kenya = brief.tabulate_profile(snap, "KEN", brief.build_state_supply(dataset, snap, "KEN")).set_index("provision")
    assert kenya.loc["5", "ta_provided"] == "yes (not counted: no need reported)"
    assert brief.summarise_state(dataset, snap, "KEN")["ta_provided_n"] == 1  # its 46(9) need only


def test_regional_context(snap):
    table = brief.compare_with_group(snap, "SEN", "AFR")
    assert table[
        ["provision", "compliance", "group_full_pct", "ta_needed", "group_ta_needed_pct", "group_respondents_n"]
    ].values.tolist() == [
        ["5", "partly compliant", 33.3, "yes", 66.7, 3],
        ["15", "not compliant", 33.3, "yes", 66.7, 3],
        ["46(9)", "fully compliant", 33.3, "no", 33.3, 3],
    ]


def test_change_since_previous_submission(dataset, snap):
    changes, previous = brief.compare_submissions(dataset, snap, "KEN")
    assert previous == pd.Timestamp("2008-10-01")
    assert changes.values.tolist() == [
        ["15", "partly compliant", "fully compliant", "yes", "no"],
        ["46(9)", "not compliant", "partly compliant", "yes", "yes"],
    ]
    none, first = brief.compare_submissions(dataset, snap, "SEN")
    assert first is None and none.empty
    assert narrative.write_change_sentence(none, first, "Senegal").startswith("This is the first self-assessment of Senegal")


def test_non_party_brief(dataset, snap):
    s = brief.summarise_state(dataset, snap, "DEU")
    assert s["is_party"] is False
    assert "not a party to the Convention at the cut-off date" in narrative.write_brief_paragraph(s, snap.meeting)


def test_a_brief_names_the_state_as_on_the_meeting_day(dataset, snap):
    # the EU was the European Community on 3 Sep 2009 (the Union replaced it on 1 Dec 2009); without a day, today's name
    assert brief.find_state(dataset, "EUU", snap.meeting["start_date"])["state_name"] == "European Community"
    assert brief.find_state(dataset, "EUU")["state_name"] == "European Union"


def test_the_index_shows_the_current_name_and_the_brief_s_name_when_it_differs():
    from lib.present import index

    meta = {
        "report_id": "country_brief--EUU--m",
        "parameters": {"state_code": "EUU", "meeting_id": "m"},
        "cutoff_date": "2009-09-03",
        "state_name": "European Community",
        "state_name_current": "European Union",
        "group_name": "no regional group",
    }
    assert index.name_brief_state(meta) == "European Union (in this brief: European Community)"
    assert index.name_brief_state(dict(meta, state_name="European Union")) == "European Union"
    assert "European Union (in this brief: European Community)" in index.render_states_table([meta])


def test_unknown_or_silent_state_is_a_plain_error(dataset, snap):
    with pytest.raises(KeyError, match="Unknown State code 'XXX'"):
        brief.summarise_state(dataset, snap, "XXX")
    with pytest.raises(KeyError, match="NOR had not submitted a self-assessment by the cut-off date"):
        brief.summarise_state(dataset, snap, "NOR")


def test_plan_lists_a_brief_for_every_respondent(fixture_data_dir):
    ids = plan.list_reports(fixture_data_dir / "raw")
    briefs = sorted(i for i in ids if i.startswith("country_brief--"))
    assert briefs == sorted(
        [f"country_brief--{c}--wg-ta-2008-12" for c in ("DEU", "FRA", "KEN", "NGA")]
        + [f"country_brief--{c}--wg-ta-2009-09" for c in ("DEU", "EUU", "FRA", "KEN", "NGA", "SEN")]
    )
    fragment = plan.write_makefile(fixture_data_dir / "raw")
    assert "$(REPORTS_DIR)/country_brief--SEN--wg-ta-2009-09.html: $(PROCESSED)/by_state/SEN.sha $(PROCESSED)/by_group/AFR.sha" in fragment
    spec = plan.describe_report("country_brief--EUU--wg-ta-2009-09", fixture_data_dir / "raw")
    # the title names the EU as the UN did on 3 Sep 2009, the meeting's first day: the Community became the Union on 1 Dec 2009
    assert (spec["state_name"], spec["state_name_current"], spec["group_name"]) == (
        "European Community",
        "European Union",
        "no regional group",
    )
    assert spec["title"] == "Country brief: European Community, " + spec["meeting_name"]


def test_change_with_blank_answers(dataset, snap):
    import dataclasses

    answers = dataset.answers.copy()
    earlier = (answers["state_code"] == "KEN") & (answers["submitted_on"] == "2008-10-01") & (answers["provision"] == "5")
    answers["is_ta_needed"] = answers["is_ta_needed"].astype("boolean")
    answers.loc[earlier, "is_ta_needed"] = pd.NA
    answers.loc[earlier, "compliance_code"] = None
    changed = dataclasses.replace(dataset, answers=answers)
    changes, _ = brief.compare_submissions(changed, needs.take_snapshot(changed, "wg-ta-2009-09"), "KEN")
    assert changes.values.tolist()[0] == ["5", "no answer", "fully compliant", "no answer", "no"]


def test_a_brief_names_the_state_as_at_its_meeting(dataset, snap):
    # the European Union succeeded the European Community on 1 December 2009, after the September 2009 meeting
    assert brief.summarise_state(dataset, snap, "EUU")["state_name"] == "European Community"
