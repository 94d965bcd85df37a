"""The documents' form through the report API: masthead from the meeting's data, numbered paragraphs, tables and
figures with sources and references, subparagraphs, annexes, and the blocks the Word file and the PDF are written from."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from conftest import Collect  # noqa: E402
from lib.model import disclosure  # noqa: E402
from lib.present import masthead, report, sections  # noqa: E402

MEETING = pd.Series(
    {
        "meeting_id": "wg-ta-2009-09",
        "name": "Working Group, meeting of 3 and 4 September 2009",
        "start_date": pd.Timestamp("2009-09-03"),
        "end_date": pd.Timestamp("2009-09-04"),
        "cutoff_date": pd.Timestamp("2009-09-03"),
        "body": "Conference of the States Parties to the United Nations Convention against Corruption",
        "meeting_of": "Open-ended Intergovernmental Working Group on Technical Assistance",
        "place": "Vienna",
        "agenda_symbol": "CAC/COSP/WG.3/2009/1",
        "agenda_item": 2,
        "agenda_title": "Technical assistance needs",
        "paper_symbol": "CAC/COSP/WG.3/2009/2",
        "paper_title": "Compliance and technical assistance needs",
        "issued_on": pd.NaT,
        "mandate": "1/5;2/4",
        "unconfirmed": "agenda_title;paper_title",
    }
)


def open_document(tmp_path, build="restricted"):
    """Return a report started as a document (with the test meeting's masthead) and its sink."""
    sink = Collect()
    rep = report.Report(str(tmp_path / "t"), sink, disclosure.Policy(build))
    rep.start_document(masthead.build_masthead(MEETING, "background_paper", build), "reports received.")
    return rep, sink


def test_masthead_comes_from_the_meeting_data():
    m = masthead.build_masthead(MEETING, "background_paper", "public")
    assert m["symbol"] == "CAC/COSP/WG.3/2009/2" and m["distribution"] == "General" and m["date"] == "Draft"  # never the build date
    assert m["agenda_title"] == "Technical assistance needs [to be confirmed]"  # a draft marks what no source confirms
    assert m["title"] == "Compliance and technical assistance needs [to be confirmed]"
    assert m["place_dates"] == "Vienna, 3 and 4 September 2009" and m["original"] == "English"
    assert m["agenda_item"] == "Item 2 of the provisional agenda" and m["agenda_footnote"] == "CAC/COSP/WG.3/2009/1."
    assert m["author"] == "Background paper prepared by the Secretariat"
    regional = masthead.build_masthead(MEETING, "regional_needs", "restricted", "Regional analysis: X", 3)
    assert regional["symbol"] == "CAC/COSP/WG.3/2009/2/Add.3" and regional["distribution"] == "Restricted"
    assert regional["title"] == "Compliance and technical assistance needs [to be confirmed]"  # the paper's title, then ...
    assert (regional["addendum"], regional["subtitle"]) == ("Addendum", "Regional analysis: X")  # ... its own
    issued = masthead.build_masthead(
        pd.concat([MEETING.drop("issued_on"), pd.Series({"issued_on": pd.Timestamp("2009-06-25")})]),
        "background_paper",
        "public",
    )
    assert issued["date"] == "25 June 2009"  # the date of issue in the data
    assert issued["title"] == "Compliance and technical assistance needs"  # an issued document carries no editor's mark
    no_item = masthead.build_masthead(
        pd.concat([MEETING.drop("agenda_item"), pd.Series({"agenda_item": pd.NA})]),
        "background_paper",
        "public",
    )
    assert no_item["agenda_item"] == "" and no_item["agenda_footnote"] == ""
    html = masthead.render_masthead_html(no_item | {"title": "<script>x</script>"})
    assert "<script>" not in html and "provisional agenda" not in html


def test_paragraphs_tables_and_figures_are_numbered_in_order_with_references_and_sources(tmp_path):
    rep, sink = open_document(tmp_path)
    rep.chapter("Introduction")
    rep.paragraph("First &amp; only <b>rule</b>.", see=["t_b", "figure:f"])  # refers to table t_b first: it is table 1
    rep.table(pd.DataFrame({"needs_n": [1]}), "t_b", "Needs")
    fig, ax = plt.subplots()
    ax.set_title("Needs by form", loc="left")
    rep.figure((fig, "A reading."), "f")
    with pytest.raises(ValueError, match="no paragraph refers to it"):  # a table is introduced by what it shows, never by its caption
        rep.table(pd.DataFrame({"needs_n": [2]}), "t_c", "States parties by group", source="the register.")
    rep.paragraph("Two States parties are in one group and one in another.", see=["t_c"])
    rep.table(pd.DataFrame({"needs_n": [2]}), "t_c", "States parties by group", source="the register.")
    rep.chapter("Second")
    rep.paragraph("With items.", items=["one;", ("two:", ["sub a;", "sub b."])])
    blocks = sink.blocks()
    kinds = [b["kind"] for b in blocks]
    assert kinds == ["masthead", "heading", "paragraph", "table", "figure", "paragraph", "table", "heading", "paragraph"]
    paragraphs = [b for b in blocks if b["kind"] == "paragraph"]
    assert [p["number"] for p in paragraphs] == [1, 2, 3]
    assert paragraphs[0]["text"] == "First & only rule (see table 1 and figure 1)."  # plain text: entities read, tags dropped
    assert paragraphs[1]["text"] == "Two States parties are in one group and one in another (see table 2)."
    table_1, figure_1, table_2 = (b for b in blocks if b["kind"] in ("table", "figure"))
    assert (table_1["number"], table_1["source"], table_1["columns"], table_1["rows"]) == (
        1,
        "Source: reports received.",
        ["Requests (State x article)"],
        [["1"]],
    )
    assert (figure_1["number"], figure_1["title"], figure_1["image"]) == (1, "Needs by form", "figure-1.png")
    assert (tmp_path / "t" / "figure-1.png").is_file() and fig.axes[0].get_title(loc="left") == ""  # the title moved to the caption
    assert table_2["source"] == "Source: the register."
    assert paragraphs[2]["items"] == [
        {"label": "(a)", "text": "one;", "items": []},
        {"label": "(b)", "text": "two:", "items": [{"label": "(i)", "text": "sub a;"}, {"label": "(ii)", "text": "sub b."}]},
    ]
    assert [(b["label"], b["text"]) for b in blocks if b["kind"] == "heading"] == [("I.", "Introduction"), ("II.", "Second")]
    html = "".join(p for k, p, _ in sink.items if k == "html")
    assert '<span class="uncac-no">Table 1</span>' in html and "CSV:" not in html  # no file name in a document's body


def test_a_table_shown_before_one_referred_to_earlier_stops_the_build(tmp_path):
    rep, _ = open_document(tmp_path)
    rep.paragraph("Text.", see=["later", "other"])  # 'later' is table 1, 'other' table 2
    with pytest.raises(ValueError, match="numbered 2 but shown as table 1"):
        rep.table(pd.DataFrame({"needs_n": [1]}), "other", "Other")  # shown first: it would be table 1


def test_a_public_document_neither_numbers_nor_refers_to_a_withheld_table(tmp_path):
    rep, sink = open_document(tmp_path, "public")
    rep.paragraph("Providers.", see=["ta_providers"])  # withheld in public builds: no reference
    rep.table(pd.DataFrame({"provider": ["X"]}), "ta_providers", "Providers")
    rep.paragraph("Needs.", see=["ta_needs_by_form"])
    rep.table(pd.DataFrame({"needs_n": [5]}), "ta_needs_by_form", "Needs by form")
    blocks = sink.blocks()
    assert blocks[1]["text"] == "Providers." and blocks[2]["text"] == "Needs (see table 1)."  # the withheld table: no trace
    assert [b["number"] for b in blocks if b["kind"] == "table"] == [1]


def test_mandate_paragraph_quotes_each_resolution_once_in_the_order_cited():
    resolutions = pd.DataFrame(
        {
            "resolution_id": ["2/4", "1/5"],
            "session": ["second", "first"],
            "session_place_dates": ["", ""],
            "decision": ["decided B", "decided A"],
            "source": ["", ""],
        }
    )
    text = sections.write_mandate_paragraph(MEETING, resolutions)
    assert text == (
        "In its resolution 1/5, the Conference of the States Parties to the United Nations Convention against Corruption "
        "decided A. In its resolution 2/4, the Conference decided B."
    )


def test_quality_items_account_for_every_row_and_give_reasons_in_words():
    rows = pd.Series({"rows_read_n": 20, "rows_used_n": 12, "rows_superseded_n": 3, "rows_not_used_n": 1, "rows_rejected_n": 4})
    reasons = pd.DataFrame({"reason_code": ["unknown_state", "bad_date"], "rows_n": [3, 2]})  # 5 > 4: one row fails twice
    items = sections.list_quality_items(rows, reasons)
    assert (
        items[0].startswith("A total of 12 were used") and items[1].startswith("Three belonged") and items[2].startswith("One was not used")
    )
    text, why = items[3]
    assert text == "Four were rejected, each with its reason (a row may fail for more than one reason):"
    assert why == [
        "three named a State that is not on the list of States and their other names;",
        "two gave a submission date that cannot be read without guessing.",
    ]
    # 12 + 3 + 1 + 4 = 20 rows read: every row accounted for


def test_respondents_annex_lists_each_group_with_its_number():
    respondents = pd.DataFrame({"state_name": ["Angola", "Kenya", "Chile"], "group_name": ["African States", "African States", "GRULAC"]})
    assert sections.list_respondents_paragraphs(respondents) == ["African States (two): Angola and Kenya.", "GRULAC (one): Chile."]


def paper_meta(**extra) -> dict:
    """Return the meta.json of a background paper as the driver writes it."""
    return {
        "report_id": "background_paper--wg-ta-2009-09",
        "notebook": "background_paper",
        "parameters": {"meeting_id": "wg-ta-2009-09"},
        "title": "Background paper",
        "cutoff_date": "2009-09-03",
        "meeting_name": "Working Group, meeting of 3 and 4 September 2009",
        "meeting_start": "2009-09-03",
        "build": "restricted",
        "data_checksum": "ab" * 32,
        "built_at": "2026-12-01 02:00 UTC",
        "commit": "abc1234",
        "tables": ["a.csv"],
        "seconds": 3.0,
        "documents": {"files": ["background_paper--wg-ta-2009-09.docx", "background_paper--wg-ta-2009-09.pdf"], "words": 4321, "pages": 9},
        "unconfirmed": ["agenda_item"],
        **extra,
    }


def test_the_index_shows_each_meeting_s_submission_deadline_and_links_the_documents():
    from lib.present import index

    assert index.compute_deadline("2009-09-03") == "2009-06-25"  # 3 September less 70 days: 25 June
    december = paper_meta(
        report_id="background_paper--x", meeting_start="2008-12-18", meeting_name="December", parameters={"meeting_id": "x"}
    )
    page = index.render_index([december, paper_meta()])
    assert page.index("2009-06-25") < page.index("2008-10-09")  # latest meeting first; 18 Dec 2008 - 70 days = 9 Oct
    assert '<a href="background_paper--wg-ta-2009-09.docx">Word</a>' in page and "4,321 words" in page
    assert 'href="provenance.html"' in page


def test_the_provenance_page_holds_the_build_material_and_the_unconfirmed_masthead_data():
    from lib.present import provenance

    manifest = {
        "data_checksum": "cd" * 32,
        "reconciliation": "10 rows read",
        "inputs": [{"path": "self_assessment/x.csv", "sha256": "ef" * 32}],
    }
    page = provenance.render_provenance([paper_meta()], manifest, show_inputs=True)
    assert "make report ID=background_paper--wg-ta-2009-09" in page and "ababababababab" in page and "abc1234" in page
    assert "unconfirmed masthead data: agenda_item" in page and "self_assessment/x.csv" in page and "4,321 words, 9 pages" in page
    assert "self_assessment/x.csv" not in provenance.render_provenance([paper_meta()], manifest, show_inputs=False)


def test_every_block_the_report_api_records_has_exactly_its_kinds_fields(tmp_path):
    from lib.present.document import BLOCK_FIELDS, ITEM_FIELDS, walk_items

    rep, sink = open_document(tmp_path)
    rep.summary(["A summary."])
    rep.chapter("Findings")
    rep.section("Response")
    rep.paragraph("The response is shown.", see=["t"], items=["first", ("second", ["its own"])])
    rep.table(pd.DataFrame({"group_name": ["A"], "states_n": [3]}), "t", "A table")
    rep.note("A note.")
    fig, ax = plt.subplots()
    ax.set_title("A chart", loc="left")
    rep.paragraph("The chart is shown.", see=["figure:f"])
    rep.figure((fig, "It reads so."), "f")
    rep.annex("The annex")
    blocks = sink.blocks()
    assert {b["kind"] for b in blocks} == set(BLOCK_FIELDS) - {"banner"}  # every kind but the sample's banner, shown once here
    for block in blocks:  # the fields the types of lib.present.document give, no more and no fewer
        assert set(block) == {"kind", *BLOCK_FIELDS[block["kind"]]}, block["kind"]
    items = next(b for b in blocks if b["kind"] == "paragraph" and b["items"])["items"]
    assert [depth for depth, _label, _text in walk_items(items)] == [1, 1, 2]
    assert all(set(item) - {"items"} == set(ITEM_FIELDS) for item in items)
