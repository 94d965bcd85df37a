"""Paragraphs in UN editorial style, written from the numbers, with data escaped."""

import pandas as pd
import pytest

from lib.analysis import needs
from lib.present import narrative, sections


@pytest.mark.parametrize("n, text", [(0, "no"), (1, "one"), (9, "nine"), (10, "10"), (137, "137"), (1423, "1,423")])
def test_format_count(n, text):
    assert narrative.format_count(n) == text


@pytest.mark.parametrize(
    "value, text",
    [
        (52.5, "53 per cent"),
        (51.2, "51 per cent"),
        (0.5, "1 per cent"),
        (100.0, "100 per cent"),
        (83.3, "83 per cent"),
        (float("nan"), "no per cent figure (no respondents, or suppressed)"),
    ],
)
def test_format_pct_rounds_halves_up(value, text):
    assert narrative.format_pct(value) == text


@pytest.mark.parametrize(
    "part, whole, text",
    [
        (66, 129, "51 per cent"),
        (77, 137, "56 per cent"),
        (1, 8, "13 per cent"),
        (21, 40, "53 per cent"),
        (0, 0, "no per cent figure (no respondents, or suppressed)"),
    ],
)
def test_format_share_from_counts(part, whole, text):
    # 21/40 = 52.5 exactly: half up gives 53; 1/8 = 12.5 gives 13.
    assert narrative.format_share(part, whole) == text


def test_dates():
    assert narrative.format_date("2009-09-03") == "3 September 2009"
    assert narrative.format_meeting_dates("2009-09-03", "2009-09-04") == "3 and 4 September 2009"
    assert narrative.format_meeting_dates("2009-09-03", "2009-09-07") == "3 to 7 September 2009"
    assert narrative.format_meeting_dates("2009-08-31", "2009-09-01") == "31 August 2009 to 1 September 2009"


def test_response_paragraph_on_fixture(dataset):
    snap = needs.take_snapshot(dataset, "wg-ta-2009-09")
    text = narrative.write_response_paragraph(needs.summarise_response(snap), snap.meeting, "deposited")
    assert text.startswith(
        "For the meeting held on 3 and 4 September 2009, information on technical assistance "
        "requirements was available from five States parties (equal to 83 per cent of the six States parties"
    )
    assert "one State that was not a party at that date submitted a self-assessment" in text


def test_region_paragraph_opens_with_a_capital(dataset):
    snap = needs.take_snapshot(dataset, "wg-ta-2009-09")
    text = narrative.write_region_paragraph(
        "African States",
        needs.tabulate_response_by_group(snap),
        needs.compare_region_with_global(snap, "AFR"),
        needs.rank_priority_needs(snap, "AFR"),
    )
    assert text.startswith("Three States parties of the African States (equal to 100 per cent of the three States parties")
    # articles 5 and 15 tie at +26.7 points: both are named, as the chart's reading names them
    assert (
        "most markedly for articles 5 (preventive anti-corruption policies and practices) and 15 (bribery of national "
        "public officials), at 67 per cent of the group's respondents against 40 per cent globally (+26.7 percentage points)"
    ) in text
    assert text.endswith("is article 5 (preventive anti-corruption policies and practices), with two needs not yet met.")


def test_provider_names_are_escaped(dataset):
    snap = needs.take_snapshot(dataset, "wg-ta-2008-12")
    text = narrative.write_provided_paragraph(needs.tabulate_ta_needs(snap), needs.tabulate_providers(snap))
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert text.startswith("Of the four needs for technical assistance reported (State party by article), two were already being addressed")


def test_needs_paragraph_singular_and_plural(dataset):
    snap = needs.take_snapshot(dataset, "wg-ta-2009-09")
    text = narrative.write_needs_paragraph(needs.tabulate_ta_needs(snap), needs.tabulate_forms(snap))
    assert "legislative drafting (two requests from two States parties) and legal advice (two requests from one State party)" in text


def test_change_paragraph(dataset):
    cur, prev = needs.take_snapshot(dataset, "wg-ta-2009-09"), needs.take_snapshot(dataset, "wg-ta-2008-12")
    text = narrative.write_change_paragraph(needs.compare_snapshots(cur, prev), prev.meeting)
    assert "increased by two, and the response rate moved from 50 per cent to 83 per cent" in text
    assert text.endswith("concerned article 5 (+6.7 percentage points).")
    assert narrative.write_change_paragraph(None, None).startswith("This is the first meeting")


def test_titles_with_markup_are_escaped():
    compliance = pd.DataFrame({"provision": ["5", "6"], "title": ["<i>x</i>", "A & B"], "full_pct": [50.0, 10.0]})
    text = narrative.write_compliance_paragraph(compliance)
    assert "&lt;i&gt;x&lt;/i&gt;" in text and "a &amp; b" in text


def test_region_paragraph_with_a_suppressed_response_cites_no_number():
    import pandas as pd

    response = pd.DataFrame({"group_name": ["Western European and other States"], "responding_parties_n": [pd.NA], "parties_n": [19]})
    text = narrative.write_region_paragraph(
        "Western European and other States", response, pd.DataFrame(columns=["ta_needed_gap_pp"]), pd.DataFrame(columns=["unmet_n"])
    )
    assert "suppressed" in text and "per cent" not in text and "19" not in text


def tied_compliance() -> pd.DataFrame:
    """Eleven articles: 46 and 16 tie at the top (7.0 %), nine tie at the bottom (0.0 %); 100 respondents each."""
    provisions = ["46", "16"] + [str(p) for p in (5, 6, 9, 15, 17, 23, 25, 44, 52)]
    full = [7, 7] + [0] * 9
    return pd.DataFrame(
        {
            "provision": provisions,
            "title": [f"t{p}" for p in provisions],
            "full_n": full,
            "responding_parties_n": [100] * 11,
            "full_pct": [float(f) for f in full],
        }
    )


def test_ties_are_named_together_in_the_sentence_and_the_chart():
    import matplotlib.pyplot as plt

    from lib.present import charts

    table = tied_compliance()
    text = narrative.write_compliance_paragraph(table)
    assert (
        "most frequently reported with articles 46 (t46) and 16 (t16), by 7 per cent of responding States parties "
        "each, and least frequently with nine articles, by 0 per cent each."
    ) in text
    fig, reading = charts.plot_compliance(table.assign(partial_pct=0.0, none_pct=0.0, no_answer_pct=0.0), "Compliance")
    plt.close(fig)
    assert reading == "Full compliance ranges from 0 per cent of respondents (nine articles) to 7 per cent (art. 46 and art. 16)."
    # the pooled share comes from the counts: 14 of 1,100 answers = 1.27 % -> 1 per cent
    assert text.endswith("1 per cent of the answers of responding States parties reported full compliance.")


def test_region_below_the_global_level_everywhere_reads_closest():
    comparison = pd.DataFrame(
        {
            "provision": ["5", "15"],
            "title": ["a", "b"],
            "region_ta_needed_pct": [30.0, 10.0],
            "global_ta_needed_pct": [36.0, 40.0],
            "ta_needed_gap_pp": [-6.0, -30.0],
        }
    )
    text = narrative.describe_gap(comparison)
    assert (
        text.startswith(
            "The need for technical assistance was below the global level for every article; it came closest "
            "for article 5 (a), at 30 per cent"
        )
        and "(-6.0 percentage points)" in text
    )
    import matplotlib.pyplot as plt

    from lib.present import charts

    fig, reading = charts.plot_region_vs_global(comparison, "Group", "Region")
    plt.close(fig)
    assert reading == "The region's need is below the global level everywhere, and closest to it for art. 5 (-6.0 percentage points)."


def test_forms_that_tie_are_named_together():
    forms = pd.DataFrame(
        {"ta_form_code": ["a", "b", "c", ""], "label": ["A", "B", "C", "Form not named"], "needs_n": [5, 3, 3, 9], "states_n": [4, 3, 2, 9]}
    )
    needs_table = pd.DataFrame({"provision": ["5"], "title": ["t"], "ta_needed_n": [12], "ta_needed_pct": [40.0]})
    text = narrative.write_needs_paragraph(needs_table, forms)
    # A leads; B and C tie for second: both named; the unnamed form is never called a form
    assert text.endswith(
        "were a (five requests from four States parties), b (three requests from three States parties) "
        "and c (three requests from two States parties)."
    )


def test_a_meeting_still_to_come_reads_in_the_future(monkeypatch):
    from lib.present import index

    meeting = pd.Series(
        {"start_date": pd.Timestamp("2027-03-01"), "end_date": pd.Timestamp("2027-03-02"), "cutoff_date": pd.Timestamp("2027-01-15")}
    )
    monkeypatch.setenv("UNCAC_TODAY", "2026-11-30")
    assert narrative.describe_meeting(meeting) == "to be held on 1 and 2 March 2027"
    assert narrative.describe_cutoff(meeting) == (
        "15 January 2027 (a date that has not passed yet: the figures are those received by 30 November 2026)"
    )
    meta = {"meeting_start": "2027-03-01", "cutoff_date": "2027-01-15"}
    assert index.describe_timing(meta, "2026-11-30") == "meeting to be held from 2027-03-01; its data cut-off has not passed yet"
    monkeypatch.setenv("UNCAC_TODAY", "2027-03-05")
    assert narrative.describe_meeting(meeting) == "held on 1 and 2 March 2027" and narrative.describe_cutoff(meeting) == "15 January 2027"
    assert index.describe_timing(meta, "2027-03-05") == ""


def test_the_paper_says_why_the_quoted_response_figures_differ(dataset):
    # the fixture's meetings.csv quotes the 2009 report: 66 of 126 (52 per cent) for December 2008, counted on 3 November
    # 2008; of the fixture's six parties, five had deposited by then and the European Union followed on 12 November 2008
    snap = needs.take_snapshot(dataset, "wg-ta-2008-12")
    quoted = needs.compare_with_quoted(dataset, snap)
    assert (quoted["parties_at_status_n"], len(snap.parties)) == (5, 6)
    text = narrative.write_quoted_note(quoted, needs.summarise_response(snap), snap.meeting, is_synthetic=False)
    assert text.startswith("The Report of the Secretariat") and "66 States parties (equal to 52 per cent of the 126 States parties)" in text
    assert (
        "at an earlier date, 3 November 2008 (five by the reference data), while this paper counts them at its cut-off date, "
        "18 December 2008 (six): one State deposited its instrument in between." in text
    )
    september = needs.take_snapshot(dataset, "wg-ta-2009-09")
    text = narrative.write_quoted_note(
        needs.compare_with_quoted(dataset, september), needs.summarise_response(september), september.meeting, is_synthetic=True
    )
    assert "77 of 137, rounds to 56 per cent by the rule of this paper" in text and text.endswith("not from the document.")


def pairs(n: int) -> pd.DataFrame:
    """Return a table of n pairs (only its length is read)."""
    return pd.DataFrame({"state_name": ["Utopia"] * n})


def test_empty_clash_tables_say_plainly_there_are_none():
    text = narrative.write_clash_paragraph(pairs(0), pairs(0), 0, pairs(0), 30, 120)
    assert text == (
        "No two plenaries of different mechanisms overlap. No pair of on-site visits by two mechanisms to the same "
        "State falls within 30 days of each other. No pair of visits still planned, confirmed or postponed falls "
        "within 120 days of each other in the same State: there is no candidate for a joint on-site visit."
    )
    assert "candidates to explore" not in text and "seed" not in text


def test_a_held_clash_is_not_called_avoidable():
    held = narrative.write_clash_paragraph(pairs(1), pairs(1), 0, pairs(0), 30, 120)
    assert "One pair of plenaries of different mechanisms overlaps." in held
    assert (
        "One pair of on-site visits by two mechanisms to the same State falls within 30 days of each other, a burden on "
        "the State's authorities: both visits have already been held."
        in held
        and "avoid" not in held
    )
    mixed = narrative.write_clash_paragraph(pairs(0), pairs(3), 2, pairs(2), 30, 120)
    assert (
        "Three pairs of on-site visits by two mechanisms to the same State fall within 30 days of each other, a burden on "
        "the State's authorities: one pair was already held, and in two pairs a visit is still planned, confirmed or "
        "postponed, which scheduling can still move."
    ) in mixed
    assert mixed.endswith(
        "Two pairs of visits still planned, confirmed or postponed fall within 120 days of each other in the "
        "same State: candidates to explore for a joint on-site visit (the Secretariat's report of 8 March 2017 "
        "on synergies with other review mechanisms, para. 6)."
    )
    movable = narrative.write_clash_paragraph(pairs(0), pairs(2), 2, pairs(1), 30, 120)
    assert "that scheduling can still avoid: a visit of each pair is still planned, confirmed or postponed." in movable
    assert ": a candidate to explore for a joint on-site visit" in movable


def test_overlap_sentence_from_counts_with_ties():
    # AFR 1 of 2 States by several mechanisms (50 %), WEOG 1 of 2 (50 %), EEG 0 of 4: all 2 of 8 = 25 per cent
    by_group = pd.DataFrame(
        {
            "group_name": ["African States", "Eastern European States", "Western European and other States", "All"],
            "one_mechanism_n": [1, 4, 1, 6],
            "two_mechanisms_n": [1, 0, 0, 1],
            "three_mechanisms_n": [0, 0, 1, 1],
            "four_or_more_n": [0, 0, 0, 0],
            "several_pct": [50.0, 0.0, 50.0, 25.0],
        }
    )
    assert narrative.write_overlap_sentence(by_group, "2018-12-31") == (
        "On 31 December 2018, two of the eight States under review (25 per cent) were reviewed by more than one mechanism; "
        "the share is highest among the African States and the Western European and other States (50 per cent each)."
    )
    alone = by_group.assign(one_mechanism_n=[2, 4, 2, 8], two_mechanisms_n=0, three_mechanisms_n=0)
    assert narrative.write_overlap_sentence(alone, "2018-12-31") == (
        "On 31 December 2018, none of the eight States under review was reviewed by more than one mechanism."
    )


def test_followup_paragraph_agrees_in_number_and_cites_no_seed():
    # 1 assessed (implemented), 0 not yet assessed: 'one has been assessed', no clause on zero not yet assessed
    one = pd.DataFrame(
        {
            "mechanism_id": ["All"],
            "recommendations_n": [1],
            "implemented_n": [1],
            "partly_implemented_n": [0],
            "not_implemented_n": [0],
            "no_longer_applicable_n": [0],
            "not_yet_assessed_n": [0],
            "implemented_pct": [100.0],
            "partly_pct": [0.0],
        }
    )
    assert narrative.write_followup_paragraph("GRECO", one, "2019-05-10") == (
        "As at 10 May 2019, the register holds one recommendation for GRECO, of which one has been assessed: one implemented "
        "(100 per cent of those assessed) and none partly implemented (0 per cent)."
    )
    text = narrative.write_measurability_sentence(pd.DataFrame({"recommendations_n": [16], "without_criteria_n": [1]}))
    assert text.startswith("One of the 16 recommendations (6 per cent) gives no criteria for assessing progress")
    assert "seed" not in text and "8 March 2017" in text


def test_pool_paragraph_counts_the_experts_recommended_by_the_cut_off():
    text = narrative.write_pool_paragraph("summary", 124, 302, "2008-12-18")
    assert "The directory holds 302 experts" in text and "124 of them had been recommended by the cut-off date, 18 December 2008" in text
    assert "None of them had been recommended" in narrative.write_pool_paragraph("s", 0, 2, "2008-12-18")


def test_the_summary_covers_response_compliance_needs_regions_and_change(dataset):
    snap, previous = needs.take_snapshot(dataset, "wg-ta-2009-09"), needs.take_snapshot(dataset, "wg-ta-2008-12")
    paragraphs = sections.write_summary(
        needs.summarise_response(snap),
        snap.meeting,
        needs.tabulate_ta_needs(snap),
        needs.tabulate_forms(snap),
        needs.tabulate_compliance(snap),
        needs.tabulate_ta_needs_by_group(snap),
        needs.compare_snapshots(snap, previous),
        previous.meeting,
    )
    assert len(paragraphs) == 2 and paragraphs[0].startswith("The present paper gives an overview")
    text = paragraphs[1]
    assert "reported full compliance in" in text and "per cent of their answers" in text  # compliance
    assert "Technical assistance was most often required in respect of" in text  # needs
    assert "Since the meeting held on 18 and 19 December 2008, the number of responding States parties" in text  # change
    first = sections.write_summary(
        needs.summarise_response(previous),
        previous.meeting,
        needs.tabulate_ta_needs(previous),
        needs.tabulate_forms(previous),
        needs.tabulate_compliance(previous),
        needs.tabulate_ta_needs_by_group(previous),
        None,
        None,
    )
    assert "Since the meeting" not in first[1]  # the first meeting has nothing to compare with


def test_a_group_of_fewer_than_three_respondents_is_never_singled_out_in_the_summary():
    by_group = pd.DataFrame(
        {
            "provision": ["5", "5"],
            "group_code": ["AFR", "WEOG"],
            "group_name": ["African States", "Western European and other States"],
            "responding_parties_n": [2, 10],
            "ta_needed_n": [2, 6],
            "ta_needed_pct": [100.0, 60.0],
            "unmet_n": [1, 1],
        }
    )
    text = sections.summarise_groups(by_group)
    assert text == (
        "Needs differed between regional groups; the share of respondents needing assistance was highest among the "
        "Western European and other States for article 5."
    )
