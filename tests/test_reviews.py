"""Peer review data: ingest with rejects, membership, clashes, calendar export, follow-up rates (figures from tests/fixtures/README.md)."""

import shutil
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest
from icalendar import Calendar

from conftest import ROOT, Collect, copy_fixture
from lib.analysis import coordination, followup
from lib.io import reference, reviews
from lib.io.ingest import run_ingest
from lib.model import register
from lib.pipeline import plan
from lib.present import calendar, narrative, report, wg_register

AS_AT = pd.Timestamp("2019-05-10")  # the fixture register's latest assessment


@pytest.fixture(scope="module")
def fixture_reviews(fixture_data_dir):
    return register.load_reviews(fixture_data_dir)


@pytest.fixture(scope="module")
def statuses(fixture_reviews):
    return followup.attach_status(fixture_reviews, followup.select_recommendations(fixture_reviews), AS_AT)


def test_review_reports_name_states_as_on_the_day_they_are_about(fixture_reviews):
    import dataclasses

    # the fixture's EU: the European Community until 30 Nov 2009 (state_names.csv); no day = today's name
    assert [fixture_reviews.name_of("EUU", d) for d in ("2009-11-30", "2009-12-01")] == ["European Community", "European Union"]
    assert fixture_reviews.name_of("EUU") == "European Union"
    # a State renamed within the calendar (a tiny names table): the 2017 report (last day 31 Dec 2017) and one as at 2019
    renamed = dataclasses.replace(
        fixture_reviews,
        state_names=pd.DataFrame(
            {
                "state_code": ["FRA", "FRA"],
                "name": ["Gaul", "France"],
                "in_use_from": [pd.NaT, pd.Timestamp("2018-01-01")],
                "in_use_to": [pd.Timestamp("2017-12-31"), pd.NaT],
            }
        ),
    )
    assert (renamed.name_of("FRA", pd.Timestamp("2017-12-31")), renamed.name_of("FRA", AS_AT)) == ("Gaul", "France")
    assert renamed.name_of("XXX", AS_AT) == "XXX"


def test_every_peer_review_row_is_accepted_superseded_or_rejected(fixture_reviews):
    recon = fixture_reviews.reconciliation.set_index("source_file")
    assert recon.loc["peer_review/calendar.csv", ["rows_read_n", "rows_accepted_n", "rows_superseded_n", "rows_rejected_n"]].tolist() == [
        15,
        10,
        0,
        5,
    ]
    assert recon.loc[
        "peer_review/recommendations.csv", ["rows_read_n", "rows_accepted_n", "rows_superseded_n", "rows_rejected_n"]
    ].tolist() == [9, 6, 0, 3]
    assert recon.loc[
        "peer_review/assessments.csv", ["rows_read_n", "rows_accepted_n", "rows_superseded_n", "rows_rejected_n"]
    ].tolist() == [9, 5, 1, 3]
    reasons = dict(
        zip(fixture_reviews.rejects["source_file"] + ":" + fixture_reviews.rejects["source_row"], fixture_reviews.rejects["reason_code"])
    )
    assert reasons == {
        "peer_review/calendar.csv:9": "not_a_member",
        "peer_review/calendar.csv:10": "not_a_member",
        "peer_review/calendar.csv:13": "end_before_start",
        "peer_review/calendar.csv:14": "overlapping_event",
        "peer_review/calendar.csv:15": "state_on_plenary",
        "peer_review/recommendations.csv:8": "unknown_mechanism",
        "peer_review/recommendations.csv:9": "due_before_adoption",
        "peer_review/recommendations.csv:10": "not_a_member",
        "peer_review/assessments.csv:8": "bad_review_status",
        "peer_review/assessments.csv:9": "assessed_before_adoption",
        "peer_review/assessments.csv:10": "unknown_recommendation",
    }
    assert "Norway (GRECO, 2017-09-04)" in set(fixture_reviews.rejects["value"])  # Norway joins GRECO on 1 Jan 2018 in the fixture


def test_status_history_keeps_earlier_assessments_as_superseded(fixture_reviews):
    history = fixture_reviews.assessments[fixture_reviews.assessments["recommendation_id"] == "G5-FRA-1"].sort_values("assessed_on")
    assert history[["status", "common_status", "row_status"]].values.tolist() == [
        ["not yet assessed", "not yet assessed", "superseded"],
        ["partly implemented", "partly implemented", "accepted"],
    ]


def test_membership_spans_and_the_articles_of_a_list():
    rref = reviews.ReviewReference(
        *(pd.DataFrame(),) * 4, members={"GRECO": {"NOR": [(date(2018, 1, 1), None)], "DEU": [(None, date(2022, 3, 16))]}}
    )
    assert not rref.is_member("GRECO", "NOR", date(2017, 12, 31)) and rref.is_member("GRECO", "NOR", date(2018, 1, 1))
    assert rref.is_member("GRECO", "DEU", date(1999, 1, 1)) and not rref.is_member("GRECO", "DEU", date(2022, 3, 17))
    assert not rref.is_member("WGB", "NOR", date(2018, 1, 1))
    assert reviews.expand_articles("15-17; Art. 46; 99; x") == (["15", "16", "17", "46"], ["99", "x"])


def test_a_reference_mistake_stops_with_one_sentence(tmp_path, ref_dir):
    ref = tmp_path / "reference"
    ref.mkdir()
    for name in ("review_mechanisms.csv", "review_cycles.csv", "review_status_vocabulary.csv"):
        (ref / name).write_bytes((ref_dir / name).read_bytes())
    (ref / "review_membership.csv").write_text(
        "mechanism_id,state_code,member_from,member_to,as_at,verified,source,notes\nGRECCO,FRA,,,2019-01-01,no,x,\n", encoding="utf-8"
    )
    with pytest.raises(reference.ReferenceError, match="names the mechanism\\(s\\) GRECCO"):
        reviews.load_review_reference(ref, reference.load_states(ref_dir))


def test_membership_overlap_by_group(fixture_reviews):
    overlap = coordination.tabulate_overlap(fixture_reviews, "2017-12-31")
    assert dict(zip(overlap["state_code"], overlap["mechanisms"])) == {
        "DEU": "GRECO; IRM; WGB",
        "FRA": "GRECO; IRM; WGB",
        "NOR": "IRM; WGB",
        "EUU": "IRM",
        "KEN": "IRM",
        "NGA": "IRM",
        "SEN": "IRM",
    }
    by_group = coordination.tabulate_overlap_by_group(overlap).set_index("group_name")
    cols = ["one_mechanism_n", "two_mechanisms_n", "three_mechanisms_n", "four_or_more_n", "several_pct"]
    assert by_group.loc["Western European and other States", cols].tolist() == [0, 1, 2, 0, 100.0]
    assert by_group.loc["African States", cols].tolist() == [3, 0, 0, 0, 0.0]
    assert by_group.loc["All", cols].tolist() == [4, 1, 2, 0, 42.9]  # 3 of 7 States


def test_plenary_and_visit_clashes_and_joint_visit_candidates(fixture_reviews):
    events = coordination.select_events(fixture_reviews, "2017")
    assert len(events) == 9  # E11 (2019) is outside the period
    calendar = coordination.list_calendar(fixture_reviews, "2017")
    plenaries = coordination.find_plenary_clashes(calendar, "2017")  # the cancelled IAP plenary does not clash
    assert plenaries[["mechanism_id_a", "mechanism_id_b", "overlap_days"]].values.tolist() == [["GRECO", "WGB", 3]]
    clashes = coordination.find_visit_clashes(calendar, 30, "2017")
    assert clashes[["state_name", "mechanism_id_a", "mechanism_id_b", "gap_days"]].values.tolist() == [["France", "GRECO", "WGB", 19]]
    assert coordination.count_movable(clashes) == 0  # both French visits were held: a past clash
    assert coordination.find_visit_clashes(calendar, 18, "2017").empty and coordination.find_visit_clashes(calendar, 30, "2019").empty
    joint = coordination.find_joint_candidates(calendar, 120, "2017")  # the French visits were held: only the German ones can be joined
    assert joint[["state_name", "mechanism_id_a", "mechanism_id_b", "gap_days"]].values.tolist() == [["Germany", "GRECO", "IRM", 61]]
    assert coordination.find_joint_candidates(calendar, 60, "2017").empty


def make_calendar(rows: list[tuple]) -> pd.DataFrame:
    """Return a tiny calendar: (event_id, mechanism, State, type, start, end, status) per row."""
    frame = pd.DataFrame(rows, columns=["event_id", "mechanism_id", "state_name", "event_type", "start_date", "end_date", "status"])
    return frame.assign(
        state_code=frame["state_name"].str[:3].str.upper(),
        round="",
        start_date=pd.to_datetime(frame["start_date"]),
        end_date=pd.to_datetime(frame["end_date"]),
    )


def test_a_pair_of_visits_straddling_two_years_is_in_both_years_reports():
    # GRECO visits Utopia 17-21 Dec 2018, the WGB 7-11 Jan 2019: 17 days apart (22 Dec .. 6 Jan), both planned.
    # Before: the calendar was cut to the year before pairing, so neither year listed the pair.
    calendar = make_calendar(
        [
            ("E1", "GRECO", "Utopia", "on-site visit", "2018-12-17", "2018-12-21", "planned"),
            ("E2", "WGB", "Utopia", "on-site visit", "2019-01-07", "2019-01-11", "planned"),
            ("E3", "IRM", "Utopia", "on-site visit", "2016-06-01", "2016-06-03", "held"),
        ]
    )
    for period in ("2018", "2019", "2018-2019"):
        clashes = coordination.find_visit_clashes(calendar, 30, period)
        assert clashes[["mechanism_id_a", "mechanism_id_b", "gap_days"]].values.tolist() == [["GRECO", "WGB", 17]], period
        joint = coordination.find_joint_candidates(calendar, 120, period)
        assert joint[["mechanism_id_a", "mechanism_id_b", "gap_days"]].values.tolist() == [["GRECO", "WGB", 17]], period
    assert coordination.find_visit_clashes(calendar, 30, "2017").empty and coordination.find_joint_candidates(calendar, 120, "2020").empty
    # the IRM's 2016 visit is 2 years from the others: no pair, even in a 2016-2019 report
    assert len(coordination.find_visit_clashes(calendar, 30, "2016-2019")) == 1


def test_a_clash_already_held_is_not_movable():
    # Utopia: GRECO and WGB both held (a past clash); Erewhon: IRM held, GRECO still planned (it can still move)
    calendar = make_calendar(
        [
            ("E1", "GRECO", "Utopia", "on-site visit", "2018-03-05", "2018-03-09", "held"),
            ("E2", "WGB", "Utopia", "on-site visit", "2018-03-19", "2018-03-23", "held"),
            ("E3", "IRM", "Erewhon", "on-site visit", "2018-05-07", "2018-05-09", "held"),
            ("E4", "GRECO", "Erewhon", "on-site visit", "2018-05-21", "2018-05-25", "planned"),
        ]
    )
    clashes = coordination.find_visit_clashes(calendar, 30, "2018")
    assert clashes["state_name"].tolist() == ["Utopia", "Erewhon"] and coordination.count_movable(clashes) == 1
    assert coordination.find_joint_candidates(calendar, 120, "2018").empty  # a held visit cannot be made joint


def test_plenaries_overlapping_across_new_year_are_in_both_years():
    # GRECO sits 28 Dec 2018 - 3 Jan 2019 (both years); the WGB 20-29 Dec 2018 (2018 only): 2 days in common (28-29 Dec)
    calendar = make_calendar(
        [
            ("P1", "GRECO", "", "plenary", "2018-12-28", "2019-01-03", "planned"),
            ("P2", "WGB", "", "plenary", "2018-12-20", "2018-12-29", "planned"),
        ]
    )
    for period in ("2018", "2019"):
        assert coordination.find_plenary_clashes(calendar, period)["overlap_days"].tolist() == [2], period


def test_the_calendar_load_counts_every_month_of_the_period():
    # 2019: IRM visit 30 Dec 2018 - 2 Jan 2019 (touches Jan 2019), GRECO 28 Feb - 1 Mar (Feb and Mar), WGB 5 Mar; a
    # cancelled IAP event in Mar is left out. Jan 1, Feb 1, Mar 2 (GRECO, WGB); every other month 0 (12 rows).
    calendar = make_calendar(
        [
            ("E1", "IRM", "Utopia", "on-site visit", "2018-12-30", "2019-01-02", "held"),
            ("E2", "GRECO", "Utopia", "on-site visit", "2019-02-28", "2019-03-01", "held"),
            ("E3", "WGB", "Utopia", "plenary", "2019-03-05", "2019-03-05", "held"),
            ("E4", "IAP", "", "plenary", "2019-03-06", "2019-03-06", "cancelled"),
        ]
    )
    table = coordination.tabulate_events_by_month(calendar, "2019")
    assert len(table) == 12 and table["month"].iloc[[0, -1]].tolist() == ["2019-01", "2019-12"]
    assert table.set_index("month").sum(axis=1).head(4).tolist() == [1, 1, 2, 0]
    from lib.present import charts

    assert charts.plot_calendar_load(table, "t")[1] == "The busiest month is 2019-03, with 2 events across the mechanisms."
    tied = coordination.tabulate_events_by_month(calendar.iloc[[1]], "2019")  # GRECO's visit alone: Feb and Mar tie at 1
    assert charts.plot_calendar_load(tied, "t")[1] == "The busiest months are 2019-02 and 2019-03, with 1 event each across the mechanisms."


def test_the_calendar_exports_as_icalendar_that_parses_back(fixture_reviews, tmp_path):
    events = coordination.select_events(fixture_reviews, "2017-2019")
    path = calendar.write_ics(events, tmp_path / "calendar.ics", datetime(2019, 6, 30, 12, 0))
    cal = Calendar.from_ical(path.read_bytes())
    items = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    assert len(items) == len(events) == 10
    visit = items["E04-GRECO@uncac-ta"]
    assert str(visit["summary"]) == "GRECO: on-site visit - France"
    assert visit.decoded("dtstart") == date(2017, 5, 8) and visit.decoded("dtend") == date(2017, 5, 11)  # exclusive end
    assert str(items["E15-IAP@uncac-ta"]["status"]) == "CANCELLED" and str(items["E06-IRM@uncac-ta"]["status"]) == "TENTATIVE"
    assert b"\r\n" in path.read_bytes() and all(len(line) <= 75 for line in path.read_bytes().split(b"\r\n"))


def test_period_must_be_a_year_or_a_range():
    assert coordination.parse_period("2016-2019") == (pd.Timestamp("2016-01-01"), pd.Timestamp("2019-12-31"))
    for bad in ("2019-2016", "17", "2017-03"):
        with pytest.raises(ValueError, match="is not a year"):
            coordination.parse_period(bad)


def test_implementation_rates_on_the_common_scale(statuses):
    table = followup.count_statuses(statuses, "mechanism_id").set_index("mechanism_id")
    cols = [
        "recommendations_n",
        "implemented_n",
        "partly_implemented_n",
        "not_implemented_n",
        "no_longer_applicable_n",
        "not_yet_assessed_n",
        "implemented_pct",
        "partly_pct",
    ]
    assert table.loc["GRECO", cols].tolist() == [2, 0, 1, 1, 0, 0, 0.0, 50.0]
    assert table.loc["IRM", cols].tolist() == [2, 0, 1, 1, 0, 0, 0.0, 50.0]
    assert table.loc["WGB", cols].tolist() == [2, 1, 0, 0, 0, 1, 100.0, 0.0]  # 1 of the 1 assessed
    assert table.loc["All", cols].tolist() == [6, 1, 2, 2, 0, 1, 20.0, 40.0]


def test_status_is_taken_as_at_a_date(fixture_reviews):
    before = followup.attach_status(fixture_reviews, followup.select_recommendations(fixture_reviews, "GRECO", "round-5"), "2018-01-01")
    assert before["common_status"].tolist() == ["not yet assessed", "not yet assessed"]
    with pytest.raises(ValueError, match="not in review_mechanisms.csv"):
        followup.select_recommendations(fixture_reviews, "GRECCO")
    with pytest.raises(ValueError, match="not an ISO date"):
        followup.resolve_as_at(fixture_reviews, "10/05/2019")
    assert followup.resolve_as_at(fixture_reviews, "") == AS_AT


def test_overdue_measurability_and_consistency(statuses, fixture_reviews):
    overdue = followup.list_overdue(statuses, AS_AT)
    assert overdue[["recommendation_id", "days_overdue", "common_status", "assessed_since_due"]].values.tolist() == [
        ["I2-DEU-1", 146, "not implemented", True],
        ["G5-FRA-2", 20, "not implemented", True],
    ]
    counted = followup.count_overdue(overdue, statuses).set_index("mechanism_id")
    assert counted[["with_deadline_n", "overdue_n", "overdue_pct"]].values.tolist() == [[2, 1, 50.0], [2, 1, 50.0], [2, 0, 0.0]]
    measurable = followup.tabulate_measurability(statuses).set_index("mechanism_id")
    assert measurable["without_criteria_n"].tolist() == [1, 0, 1] and measurable["without_criteria_pct"].tolist() == [50.0, 0.0, 50.0]
    side = followup.compare_mechanisms(statuses)
    assert side[["state_name", "provision", "mechanism_id", "recommendation_id"]].values.tolist() == [
        ["France", "5", "GRECO", "G5-FRA-1"],
        ["France", "5", "IRM", "I2-FRA-1"],
        ["France", "15", "GRECO", "G5-FRA-2"],
        ["France", "15", "WGB", "W4-FRA-1"],
    ]
    linked = followup.relate_to_ta_needs(statuses, fixture_reviews.answers).set_index("mechanism_id")
    cols = ["open_with_ta_need_n", "open_without_ta_need_n", "open_not_self_assessed_n"]
    # France's latest submission (2009-10-01) needs TA on article 5 and does not answer 15; Germany's says no TA on 5,
    # and its two answers on 15 conflict (both rejected): not self-assessed
    assert linked.loc["GRECO", cols].tolist() == [1, 0, 1] and linked.loc["IRM", cols].tolist() == [1, 1, 0]
    assert linked.loc["WGB", cols].tolist() == [0, 0, 1] and linked.loc["All", cols].tolist() == [2, 1, 2]
    assert linked.loc["All", "with_ta_need_pct"] == 66.7 and pd.isna(linked.loc["WGB", "with_ta_need_pct"])


def test_the_review_reports_a_data_folder_calls_for(fixture_data_dir):
    ids = [r for r in plan.list_reports(Path(fixture_data_dir) / "raw") if r.startswith(("review_", "recommendations_"))]
    assert ids == [
        "review_coordination--2017",
        "review_coordination--2019",
        "recommendations_followup--all--all",
        "recommendations_followup--GRECO--round-5",
        "recommendations_followup--IRM--cycle-2",
        "recommendations_followup--WGB--phase-4",
    ]
    assert not [r for r in plan.list_reports(Path(fixture_data_dir) / "raw", "public") if "review" in r or "recommendation" in r]


def test_the_working_group_register_is_the_2009_report_section_three(tmp_path):
    data = copy_fixture(tmp_path / "data")
    for name in ("review_mechanisms.csv", "review_cycles.csv", "review_status_vocabulary.csv"):
        shutil.copy(ROOT / "data" / "raw" / "reference" / name, data / "raw" / "reference" / name)
    shutil.rmtree(data / "raw" / "peer_review")
    (data / "raw" / "peer_review").mkdir()
    for name in ("wgta_recommendations.csv", "wgta_assessments.csv"):
        shutil.copy(ROOT / "data" / "raw" / "peer_review" / name, data / "raw" / "peer_review" / name)
    run_ingest(data)
    reviews = register.load_reviews(data)
    meeting = lambda start, cutoff: pd.Series(
        {
            "start_date": pd.Timestamp(start),
            "end_date": pd.Timestamp(start),  # noqa: E731
            "cutoff_date": pd.Timestamp(cutoff),
        }
    )
    # a paper shows what was known at its meeting: nothing had been adopted before 18 December 2008 ...
    assert followup.list_wg_register(reviews, meeting("2008-12-18", "2008-12-18")).empty
    # ... nine recommendations before 3 September 2009 (A.3 and C.3 were adopted at that meeting), none assessed by its
    # cut-off: the action taken was reported on 28 September 2009, after the meeting, and is shown with that date
    september = followup.list_wg_register(reviews, meeting("2009-09-03", "2009-09-03"))
    assert september["recommendation_id"].tolist() == ["A.1", "A.2", "A.4", "B", "C.1", "C.2", "C.4", "D.1", "D.2"]
    assert set(september["common_status"]) == {"not yet assessed"} and september["is_stated_later"].all()
    text = narrative.write_wg_paragraph(september, meeting("2009-09-03", "2009-09-03"))
    assert text.startswith("Before this meeting, the Working Group had made nine recommendations, set out below.")
    assert text.endswith("By the cut-off date, 3 September 2009, no action taken on any of them had been reported.")
    sink = Collect()
    rep = report.Report("", sink)
    rep.numbered = True
    wg_register.show_wg_section(rep, september)
    shown = [m["block"]["text"] for _, _, m in sink.items if m.get("block", {}).get("kind") == "paragraph"]
    assert not any("Action taken" in t for t in shown)  # reported on 28 September 2009: after the meeting, not shown
    notes = [payload for kind, payload, _ in sink.items if kind == report.PROVENANCE_KIND]
    assert len(notes) == 1 and notes[0].count("adoption date inferred") == 1  # the shared source, stated once
    table = followup.tabulate_wg_status(september)
    assert table["status_as_stated"].isna().all() and table["stated_on"].isna().all()  # nothing the meeting did not know
    # the Conference's session of November 2009 knew the whole register as the report states it
    wg = followup.list_wg_register(reviews, meeting("2009-11-09", "2009-11-01"))
    assert wg["recommendation_id"].tolist() == ["A.1", "A.2", "A.3", "A.4", "B", "C.1", "C.2", "C.3", "C.4", "D.1", "D.2"]
    assert wg["source_text"].str.contains("CAC/COSP/2009/9").all() and not wg["source_text"].str.contains("SYNTHETIC").any()
    assert wg["stated_status"].tolist() == [
        "consultations planned",
        "implemented",
        "no request received",
        "implemented",
        "action reported elsewhere",
        "action reported elsewhere",
        "action reported elsewhere",
        "under way",
        "under way",
        "under way",
        "implemented",
    ]
    assert wg["common_status"].value_counts().to_dict() == {"partly implemented": 6, "implemented": 3, "not implemented": 2}
    table = followup.tabulate_wg_status(wg)
    assert table.columns.tolist() == ["recommendation_id", "themes", "common_status", "status_as_stated", "stated_on"]
    assert table["status_as_stated"].tolist() == wg["stated_status"].tolist()
    # the text is verbatim from the Secretariat's report (its section III ships with the reference data, with its citation)
    source = ROOT / "data" / "raw" / "reference" / "sources" / "CAC-COSP-2009-9-section-III.txt"
    text = source.read_text(encoding="utf-8")
    assert "(CAC/COSP/2009/9), section III" in text.splitlines()[2]
    assert all(p in text for t in list(wg["text"]) + list(wg["note_text"]) for p in t.split("\n\n"))
    sink = Collect()
    rep = report.Report("", sink)
    rep.numbered = True
    wg_register.show_wg_section(rep, wg)
    headings = [m["block"] for _, _, m in sink.items if m.get("block", {}).get("kind") == "heading"]
    shown = [m["block"]["text"] for _, _, m in sink.items if m.get("block", {}).get("kind") == "paragraph"]
    assert [h["label"] for h in headings] == ["A.", "B.", "C.", "D."] and shown[0].startswith("Recommendation 1: ")
    assert sum(t.startswith("Action taken, as reported on 28 September 2009: ") for t in shown) == 11


def test_the_section_is_escaped():
    register_rows = pd.DataFrame(
        [
            {
                "recommendation_id": "A.1",
                "themes": "<b>x</b>",
                "text": "<script>alert(1)</script>",
                "source_text": "s",
                "note_text": "a & b",
                "stated_status": "under way",
                "common_status": "partly implemented",
                "action_source": "t",
                "stated_on": pd.Timestamp("2009-09-28"),
                "is_stated_later": False,
            }
        ]
    )
    sink = Collect()
    rep = report.Report("", sink)
    wg_register.show_wg_section(rep, register_rows)
    html = "".join(payload for kind, payload, _ in sink.items if kind == "html")
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;x&lt;/b&gt;" in html and "a &amp; b" in html


def test_the_other_reasons_a_review_row_is_rejected_for(tmp_path):
    data = copy_fixture(tmp_path / "data")
    folder = data / "raw" / "peer_review"
    with open(folder / "calendar.csv", "a", encoding="utf-8") as fh:
        fh.write(
            "E16,IRM,,plenary,2018-06-11,2018-06-15,maybe,,status outside the vocabulary\n"
            "E01,IRM,,plenary,2018-11-05,2018-11-09,planned,,id of an earlier event\n"
        )
    with open(folder / "assessments.csv", "a", encoding="utf-8") as fh:
        fh.write(
            "IRM,I2-DEU-1,2019-01-10,not addressed,another note,test fixture\n"
            "WGB,W4-DEU-1,2019-02-01,fully implemented,,test fixture\n"
            "WGB,W4-DEU-1,2019-02-01,not implemented,,test fixture\n"
        )
    run_ingest(data)
    rejects = register.load_reviews(data).rejects
    row = rejects["source_row"].astype(int)
    added = rejects[
        ((rejects["source_file"] == "peer_review/calendar.csv") & (row >= 17))
        | ((rejects["source_file"] == "peer_review/assessments.csv") & (row >= 11))
    ]
    assert sorted(zip(added["source_file"], added["source_row"], added["reason_code"])) == [
        ("peer_review/assessments.csv", "11", "duplicate_assessment"),
        ("peer_review/assessments.csv", "12", "conflicting_assessment"),
        ("peer_review/assessments.csv", "13", "conflicting_assessment"),
        ("peer_review/calendar.csv", "17", "bad_event_status"),
        ("peer_review/calendar.csv", "18", "duplicate_event_id"),
    ]


def make_statuses(rows: list[tuple]) -> pd.DataFrame:
    """Return tiny recommendations with their status: (mechanism, round, common status, criteria, follow-up due) per row."""
    frame = pd.DataFrame(rows, columns=["mechanism_id", "round", "common_status", "criteria_text", "follow_up_due"])
    return frame.assign(recommendation_id=[f"R{i}" for i in range(len(frame))], follow_up_due=pd.to_datetime(frame["follow_up_due"]))


def test_rates_by_round_never_pool_two_mechanisms_rounds():
    # GRECO round-4: 1 implemented + 1 not (50.0 %); IAP round-4: 1 implemented + 3 not (25.0 %). Pooled under "round-4"
    # (the old table) they read 2 of 6 = 33.3 %, a rate of no round.
    recs = make_statuses(
        [
            ("GRECO", "round-4", "implemented", "x", None),
            ("GRECO", "round-4", "not implemented", "x", None),
            ("IAP", "round-4", "implemented", "x", None),
        ]
        + [("IAP", "round-4", "not implemented", "x", None)] * 3
    )
    table = followup.count_statuses(recs, followup.ROUND_KEY)
    assert table[["mechanism_id", "round", "recommendations_n", "implemented_pct"]].values.tolist() == [
        ["GRECO", "round-4", 2, 50.0],
        ["IAP", "round-4", 4, 25.0],
        ["All", "", 6, 33.3],
    ]


def test_a_round_is_selected_with_its_mechanism(fixture_reviews):
    with pytest.raises(ValueError, match="belongs to one mechanism"):
        followup.select_recommendations(fixture_reviews, followup.ALL, "round-5")
    assert followup.select_recommendations(fixture_reviews, "GRECO", "round-5")["mechanism_id"].unique().tolist() == ["GRECO"]


def test_follow_up_shares_round_halves_up():
    # 16 GRECO recommendations: 1 implemented, 15 not: 1/16 = 6.25 % -> 6.3 (round-half-even .round(1) showed 6.2).
    # 1 of the 16 gives no criteria (6.3 %); all 16 are due before 2019 and 1 is implemented, so 15 are overdue: 93.75 -> 93.8.
    recs = make_statuses(
        [("GRECO", "round-5", "implemented", "", "2018-06-01")] + [("GRECO", "round-5", "not implemented", "law", "2018-06-01")] * 15
    )
    assert followup.count_statuses(recs, "mechanism_id")["implemented_pct"].tolist() == [6.3, 6.3]
    assert followup.tabulate_measurability(recs)["without_criteria_pct"].tolist() == [6.3]
    recs = recs.assign(state_name="Utopia", assessed_on=pd.NaT)
    overdue = followup.list_overdue(recs, "2019-01-01")
    assert followup.count_overdue(overdue, recs)[["with_deadline_n", "overdue_n", "overdue_pct"]].values.tolist() == [[16, 15, 93.8]]


def test_the_status_chart_reading_rounds_halves_up_from_the_counts():
    # 113 of 200 assessed implemented = 56.5 %: the reading says 57% (":.0f" rounded the half to even: 56%).
    # 10 of 29 = 34.48 %, shown 34.5 in the table: the reading says 34%, as the text does (not 35% from the rounded 34.5).
    from lib.present import charts

    table = pd.DataFrame(
        {
            "mechanism_id": ["GRECO", "MESICIC", "All"],
            "implemented_n": [113, 10, 123],
            "partly_implemented_n": [37, 19, 56],
            "not_implemented_n": [50, 0, 50],
            "no_longer_applicable_n": [0, 0, 0],
            "not_yet_assessed_n": [0, 0, 0],
            "implemented_pct": [56.5, 34.5, 53.7],
        }
    )
    assert charts.plot_status_shares(table, "mechanism_id", "t", "Mechanism")[1].endswith("for GRECO (57 per cent of 200 assessed).")
    assert charts.plot_status_shares(table.iloc[1:], "mechanism_id", "t", "Mechanism")[1].endswith(
        "for MESICIC (34 per cent of 29 assessed)."
    )
    assert narrative.format_share(10, 29) == "34 per cent"
    tied = table.assign(implemented_n=[113, 113, 226], partly_implemented_n=[37, 37, 74], implemented_pct=[56.5, 56.5, 56.5])
    assert charts.plot_status_shares(tied, "mechanism_id", "t", "Mechanism")[1].endswith("for GRECO and MESICIC (57 per cent each).")


def test_overlap_shares_round_halves_up():
    # 16 States under review, one (Utopia) by two mechanisms: 1/16 = 6.25 % -> 6.3 (was 6.2)
    overlap = pd.DataFrame({"state_code": [f"S{i:02d}" for i in range(16)], "group_name": ["G"] * 16, "mechanisms_n": [2] + [1] * 15})
    table = coordination.tabulate_overlap_by_group(overlap)
    assert table["several_pct"].tolist() == [6.3, 6.3]
