"""Report output: escaped tables with CSV twins, banner, charts with labels and a reading, safe HTML."""

import ast
import io
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from PIL import Image

from conftest import Collect
from lib.analysis import needs
from lib.pipeline import driver as build
from lib.present import charts, labels, report, tables

ATTACK = "<script>alert(1)</script><img src=x onerror=alert(2)>"


def test_table_html_escapes_cells_and_headers():
    frame = pd.DataFrame({"provider": [ATTACK], "<th>": [1]})
    html = tables.render_table_html(frame, "A <caption>")
    assert "<script" not in html and "<img" not in html and "&lt;script&gt;" in html
    assert "&lt;th&gt;" in html and "A &lt;caption&gt;" in html
    assert "Provider (as written)" in html  # reader label, while the CSV keeps the machine name


@pytest.mark.parametrize(
    "column, value, text",
    [
        ("full_pct", 39.0, "39.0"),
        ("full_pct", 17.55, "17.6"),
        ("ta_needed_gap_pp", -3.0, "-3.0"),
        ("previous", 66.0, "66"),
        ("has_responded", True, "yes"),
        ("is_reconciled", False, "no"),
        ("needs_n", 3, "3"),
        ("full_pct", float("nan"), ""),
        ("provider", "UNODC", "UNODC"),
        ("provider", None, ""),
        ("due", pd.Timestamp("2014-10-18"), "18 October 2014"),  # as UN documents write a date
        ("start", pd.Timestamp("2014-10-18 09:30"), "18 October 2014, 09:30"),
        ("due", pd.NaT, ""),
    ],
)
def test_format_cell(column, value, text):
    assert tables.format_cell(column, value) == text


def test_table_is_written_as_csv_beside_the_html(tmp_path):
    sink = Collect()
    rep = report.Report(str(tmp_path / "t"), sink)
    frame = pd.DataFrame({"provision": ["5", "46(9)"], "full_pct": [33.3, 66.7], "provider": [ATTACK, "a,b"]})
    rep.table(frame, "compliance", "Compliance")
    back = pd.read_csv(tmp_path / "t" / "compliance.csv", dtype={"provision": str})
    pd.testing.assert_frame_equal(back, frame)
    assert rep.tables == ["compliance.csv"] and sink.items[0][0] == "html"


FORMULAS = ['=HYPERLINK("http://x.example","click")', "+1", "-cmd", "@SUM(1)", "\tx", "\rx"]  # OWASP's starts


def hostile_frame() -> pd.DataFrame:
    """Return a table whose text cells would be formulas in a spreadsheet, beside plain text and numbers."""
    return pd.DataFrame({"title": FORMULAS + ["plain - text"], "budget": [-5.5, -1, 0, 1, 2, 3, 4], "state_code": ["KEN"] * 7})


def read_csv_cells(path: Path) -> list[list[str]]:
    """Return a CSV's data rows as the csv module reads them (what a spreadsheet is given)."""
    import csv

    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))[1:]


def test_formula_like_text_is_written_as_text_to_every_csv_and_workbook(tmp_path):
    import openpyxl

    rep = report.Report(str(tmp_path / "t"), Collect())
    rep.table(hostile_frame(), "activities", "Activities")
    rep.workbook({"matrix": hostile_frame().assign(level="national")}, "ta_matrix", "The matrix")  # a view of its own
    for name in ("activities.csv", "ta_matrix_matrix.csv"):
        rows = read_csv_cells(tmp_path / "t" / name)
        # each formula-like text is the same text after an apostrophe; plain text and numbers are as they were
        assert [r[0] for r in rows] == ["'" + f for f in FORMULAS] + ["plain - text"], name
        assert [r[1] for r in rows] == ["-5.5", "-1.0", "0.0", "1.0", "2.0", "3.0", "4.0"] and {r[2] for r in rows} == {"KEN"}
    sheet = openpyxl.load_workbook(tmp_path / "t" / "ta_matrix.xlsx")["matrix"]
    cells = list(sheet.iter_rows(min_row=2))
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)  # no formula anywhere
    # the text itself, as a string cell (a carriage return reads back as a line feed from plain XML, as written from lxml's
    # parser, which openpyxl uses when lxml is installed: a line break either way)
    assert [r[0].value.replace("\r", "\n") for r in cells] == [f.replace("\r", "\n") for f in FORMULAS] + ["plain - text"]
    assert [r[0].data_type for r in cells] == ["s"] * 7
    assert [r[0].quotePrefix for r in cells] == [True] * 6 + [False]  # Excel's leading apostrophe: stays text when edited
    assert [r[1].value for r in cells] == [-5.5, -1, 0, 1, 2, 3, 4] and cells[0][1].data_type == "n"  # numbers stay numbers
    assert hostile_frame()["title"].tolist() == FORMULAS + ["plain - text"]  # the caller's frame is not changed


def test_formula_like_text_in_the_reports_index_is_written_as_text():
    from lib.present import index

    meta = {
        "report_id": "x",
        "title": "=cmd|' /C calc'!A0",
        "parameters": {},
        "cutoff_date": "",
        "data_checksum": "-",
        "built_at": "",
        "commit": "",
        "is_synthetic": False,
    }
    text = index.render_index_csv([meta])
    assert "x,'=cmd|' /C calc'!A0,{},,'-," in text


def test_long_list_shows_its_first_rows_and_writes_them_all(tmp_path):
    sink = Collect()
    rep = report.Report(str(tmp_path / "t"), sink)
    frame = pd.DataFrame({"state_code": ["AFG", "ALB", "DZA", "AND", "AGO"], "overdue_days": [300, 200, 100, 50, 10]})
    rep.table(frame, "overdue", "Overdue", max_rows=2)
    html = sink.items[0][1]
    assert html.count("<tr>") == 1 + 2 and "ALB" in html and "DZA" not in html  # header + the first 2 rows
    assert "(CSV: overdue.csv; first 2 of 5 rows shown, all in the CSV)" in html
    assert len(pd.read_csv(tmp_path / "t" / "overdue.csv")) == 5
    rep.table(frame, "short", "Short", max_rows=5)  # a list within the limit reads as any table
    assert "(CSV: short.csv)</span>" in sink.items[1][1] and sink.items[1][1].count("<tr>") == 6


def test_banner_only_for_synthetic_data():
    sink = Collect()
    rep = report.Report("", sink)
    rep.banner({"is_synthetic": False})
    assert sink.items == []
    rep.banner({"is_synthetic": True})
    assert "SYNTHETIC SAMPLE DATA" in sink.items[0][1]


def test_figure_is_png_with_reading_as_alt(dataset):
    sink = Collect()
    rep = report.Report("", sink)
    compliance = needs.tabulate_compliance(needs.take_snapshot(dataset, "wg-ta-2009-09"))
    rep.figure(charts.plot_compliance(compliance, "Compliance"))
    kind, png, meta = sink.items[0]
    assert kind == "png" and png[:8] == b"\x89PNG\r\n\x1a\n" and meta["alt"].startswith("Full compliance ranges from")
    assert sink.items[1][1].startswith('<p class="uncac-reading">Reading: ')


def chart_cases(dataset):
    """Return every chart the notebooks draw, on the fixture."""
    snap = needs.take_snapshot(dataset, "wg-ta-2009-09")
    forms = needs.tabulate_forms(snap)
    return [
        charts.plot_compliance(needs.tabulate_compliance(snap), "Compliance"),
        charts.plot_needs_heatmap(needs.tabulate_ta_needs_by_group(snap), snap.checklist, "Needs by group"),
        charts.plot_ranked_bars(forms, "label", "needs_n", "Forms", "Requests", "Form"),
        charts.plot_region_vs_global(needs.compare_region_with_global(snap, "AFR"), "African States", "Region"),
    ]


def test_every_chart_has_title_axis_labels_and_reading(dataset):
    import matplotlib.pyplot as plt

    for fig, reading in chart_cases(dataset):
        ax = fig.axes[0]
        assert ax.get_title(loc="left") and ax.get_xlabel() and ax.get_ylabel()
        assert reading.endswith(".") and "\n" not in reading
        plt.close(fig)


@pytest.mark.parametrize("articles", [3, 15])
def test_compliance_legend_sits_just_under_the_axis_label(articles):
    import matplotlib.pyplot as plt

    table = pd.DataFrame(
        {
            "provision": [str(p) for p in range(articles)],
            "title": ["t"] * articles,
            "full_pct": [50.0] * articles,
            "partial_pct": [20.0] * articles,
            "none_pct": [20.0] * articles,
            "no_answer_pct": [10.0] * articles,
        }
    )
    fig, _ = charts.plot_compliance(table, "Compliance")
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    label = fig.axes[0].xaxis.label.get_window_extent(renderer)
    legend = fig.axes[0].get_legend().get_window_extent(renderer)
    gap_pt = (label.y0 - legend.y1) * 72 / fig.dpi
    assert 0 <= gap_pt <= 12  # under the label, not over it and not far below it (it was 60 points below for 15 articles, over it for 3)
    plt.close(fig)


def test_heatmap_reading_names_the_highest_cell(dataset):
    import matplotlib.pyplot as plt

    fig, reading = chart_cases(dataset)[1]
    plt.close("all")
    assert "art. 5 in the African States" in reading or "art. 15 in the African States" in reading


@pytest.mark.parametrize(
    "fragment",
    [
        "<script>x</script>",
        '<img src="https://example.org/a.png">',
        '<link rel="stylesheet" href="http://cdn/x.css">',
        "<style>@import url(x.css)</style>",
        '<div onclick="x()">',
        '<a href="javascript:alert(1)">',
        "<iframe src=x>",
        "<style>p { background: url( 'https://x/y.png') }</style>",
        '<p style="background:url(//x/y.png)">',
        '<meta http-equiv="refresh" content="0;url=https://x">',
    ],
)
def test_find_unsafe_html_flags(fragment):
    assert build.find_unsafe_html(f"<p>ok</p>{fragment}")


def test_find_unsafe_html_allows_inline_images_and_escaped_text():
    page = (
        '<meta charset="utf-8"><img src="data:image/png;base64,AAAA" alt="x"><p>&lt;script&gt; onerror=alert(1) '
        "url(https://x) javascript:x</p><style>/* see https://github.com */ p { color: red }</style>"
    )
    assert build.find_unsafe_html(page) == []


def test_exporter_neutralises_raw_html_outputs():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("x")
    ours = '<table class="uncac-table"><caption>c <a href="t/x.csv">x.csv</a></caption></table>'
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": f"<p>{ATTACK}</p>{ours}"})]
    nb.cells = [cell, nbformat.v4.new_markdown_cell(f"Markdown {ATTACK}")]
    html, _ = build.get_exporter().from_notebook_node(nb)
    assert build.find_unsafe_html(html) == []
    assert ours in html  # the markup lib.present.report writes (classes, relative links) survives the sanitiser unchanged


def test_page_carries_the_house_stylesheet_not_jupyterlabs():
    html, _ = build.get_exporter().from_notebook_node(nbformat.v4.new_notebook())
    assert ".uncac-banner" in html and "table.uncac-table" in html
    assert "--jp-" not in html  # JupyterLab's theme variables (about 260 kB of CSS a report never uses) are left out
    assert len(html) < 15_000


def test_every_column_label_is_defined_once():
    tree = ast.parse(Path(labels.__file__).read_text(encoding="utf-8"))
    written = next(n.value for n in tree.body if isinstance(n, ast.Assign) and n.targets[0].id == "COLUMN_LABELS")
    keys = [k.value for k in written.keys]
    assert sorted({k for k in keys if keys.count(k) > 1}) == []  # a repeated key silently relabels another report's column
    assert labels.COLUMN_LABELS["area"] == "Article or theme" and labels.COLUMN_LABELS["themes"] == "Area"


def test_heatmap_never_singles_out_a_group_of_one_or_two_respondents():
    import matplotlib.pyplot as plt

    by_group = pd.DataFrame(
        {
            "provision": ["5", "5", "15", "15"],
            "group_code": ["AFR", "NONE", "AFR", "NONE"],
            "group_name": ["African States", "no regional group"] * 2,
            "responding_parties_n": [10, 1, 10, 1],
            "ta_needed_pct": [40.0, 100.0, 60.0, 100.0],
        }
    )
    checklist = pd.DataFrame({"provision": ["5", "15"]})
    fig, reading = charts.plot_needs_heatmap(by_group, checklist, "Needs")
    plt.close(fig)
    assert "art. 15 in the African States (60 per cent of 10 respondents" in reading and "no regional group" not in reading


def test_coverage_reading_names_an_article_as_an_article():
    import matplotlib.pyplot as plt

    table = pd.DataFrame(
        {
            "provision": ["5", "23", "All"],
            "need_items_n": [4, 2, 6],
            "unsupplied_n": [1, 2, 3],
            "one_provider_n": [3, 0, 3],
            "several_providers_n": [0, 0, 0],
            "unsupplied_pct": [25.0, 100.0, 50.0],
        }
    )
    fig, reading = charts.plot_coverage(table, "provision", "Coverage", "Article")
    plt.close(fig)
    assert reading == "The largest share of needs not covered by any known activity is for article 23 (100 per cent of 2 needs)."


def test_ranked_bars_order_ties_as_the_table_does():
    import matplotlib.pyplot as plt

    table = pd.DataFrame({"article": ["Art. 9", "Art. 5", "Art. 15"], "unmet_n": [4, 4, 1]})  # ranked: 9 before 5 (tie)
    fig, reading = charts.plot_ranked_bars(table, "article", "unmet_n", "Priorities", "Needs", "Article")
    ax = fig.axes[0]
    on_screen = sorted(zip(ax.get_yticks(), ax.get_yticklabels()), key=lambda t: -ax.transData.transform((0, t[0]))[1])
    labels = [label.get_text() for _, label in on_screen]  # top to bottom, as a reader sees them
    plt.close(fig)
    assert labels == ["Art. 9", "Art. 5", "Art. 15"]
    assert reading == "Largest: Art. 9 and Art. 5 (4 each); smallest shown: Art. 15 (1)."


def test_tables_read_as_reviewers_read_them():
    frame = pd.DataFrame(
        {
            "ta_form_code": ["capacity_building", "legal_advice"],
            "needs_n": [1039, 7],
            "full_pct": [50.0, 17.55],  # one decimal each: 50.0 next to 17.6
            "mean_score": [2.0, 2.25],  # no unit in its name: as many decimals as its most precise value needs
            "source_row": [1039, 2],  # an identifier, not a quantity
        }
    )
    layout = tables.lay_out_table(frame, code_labels={"ta_form_code": {"capacity_building": "Capacity-building and training"}})
    assert layout["columns"] == [
        "Form of technical assistance",
        "Requests (State x article)",
        "Fully compliant (%)",
        "Mean score",
        "Source row",
    ]
    assert layout["rows"] == [
        ["Capacity-building and training", "1,039", "50.0", "2.00", "1039"],
        ["legal_advice", "7", "17.6", "2.25", "2"],  # a code without a label reads as it is
    ]
    assert layout["numeric"] == [False, True, True, True, True]


def test_a_code_column_gives_way_to_its_label_column_and_units_go_in_headings():
    frame = pd.DataFrame({"group_code": ["AFR"], "group_name": ["African States"], "parties_n": [41], "unknown_thing_n": [3000]})
    assert tables.lay_out_table(frame) == {
        "columns": ["Regional group", "States parties (n)", "Unknown thing (n)"],  # never a raw column name
        "numeric": [False, True, True],
        "rows": [["African States", "41", "3,000"]],
        "total": 1,
    }


def test_a_table_of_indicators_takes_its_decimals_by_row():
    frame = pd.DataFrame(
        {"indicator": ["States parties", "Response rate (%)"], "previous": [129.0, 51.0], "current": [137.0, 56.2], "change": [8.0, 5.2]}
    )
    assert tables.lay_out_table(frame)["rows"] == [["States parties", "129", "137", "8"], ["Response rate (%)", "51.0", "56.2", "5.2"]]


def test_a_long_table_is_shown_as_a_pivot_while_its_csv_stays_long(tmp_path):
    long = pd.DataFrame(
        {
            "provision": ["5", "5", "6", "6", "9"],
            "group_code": ["AFR", "WEOG", "AFR", "WEOG", "AFR"],  # art. 9 has no WEOG row: its cells are blank, not suppressed
            "ta_needed_n": pd.array([9, 2, pd.NA, 1, 3], dtype="Int64"),
            "ta_needed_pct": [52.9, 20.0, float("nan"), 10.0, 17.6],
        }
    )
    labels = {"group_code": {"AFR": "African States", "WEOG": "Western European and other States"}}
    sink = Collect()
    rep = report.Report(str(tmp_path / "t"), sink, code_labels=labels)
    rep.table(long, "ta_needs_by_article_and_group", "Needs", pivot=("provision", "group_code", ["ta_needed_n", "ta_needed_pct"]))
    assert pd.read_csv(tmp_path / "t" / "ta_needs_by_article_and_group.csv").shape == (5, 4)  # the CSV is the long table
    layout = tables.lay_out_table(long, "suppressed", labels, ("provision", "group_code", ["ta_needed_n", "ta_needed_pct"]))
    assert layout["columns"] == [
        "Article",
        "African States (n)",
        "African States (%)",
        "Western European and other States (n)",
        "Western European and other States (%)",
    ]
    assert layout["rows"] == [
        ["5", "9", "52.9", "2", "20.0"],
        ["6", "suppressed", "suppressed", "1", "10.0"],
        ["9", "3", "17.6", "", ""],
    ]
    assert '<th class="num">African States (%)</th>' in sink.items[0][1]


def test_a_public_build_withholds_an_analysts_table_and_figure_until_they_are_listed(tmp_path, monkeypatch):
    import matplotlib.pyplot as plt

    from lib.model import disclosure

    sink = Collect()
    rep = report.Report(str(tmp_path / "t"), sink, disclosure.Policy("public"))
    rep.table(pd.DataFrame({"needs_n": [4]}), "analyst_table", "My table")
    fig, ax = plt.subplots()
    ax.set_title("My chart")  # a plain matplotlib title (centred), as an analyst writes it
    rep.figure((ax, "A reading."), "analyst_figure")
    notes = [p for k, p, _ in sink.items if k == "html"]
    assert notes == [
        '<p class="uncac-note">My table: not published (it lists States or their own words, or it is not cleared for it).</p>',
        '<p class="uncac-note">My chart: not published (not cleared for it).</p>',
    ]
    assert not (tmp_path / "t" / "analyst_table.csv").exists() and not [k for k, _, _ in sink.items if k == "png"]
    monkeypatch.setitem(disclosure.PUBLIC_TABLES, "analyst_table", ())
    monkeypatch.setattr(disclosure, "PUBLIC_FIGURES", disclosure.PUBLIC_FIGURES | {"analyst_figure"})
    rep.table(pd.DataFrame({"needs_n": [4]}), "analyst_table", "My table")
    fig, ax = plt.subplots()
    rep.figure((ax, "A reading."), "analyst_figure")
    assert (tmp_path / "t" / "analyst_table.csv").is_file() and [k for k, _, _ in sink.items if k == "png"] == ["png"]


def test_a_table_of_indicators_writes_its_counts_as_whole_numbers():
    frame = pd.DataFrame(
        {"indicator": ["States parties", "Response rate (%)"], "previous": [129.0, 51.2], "current": [137.0, 56.2], "change": [8.0, 5.0]}
    )
    shown = tables.whole_counts(frame)
    assert shown.iloc[0, 1:].tolist() == [129, 137, 8] and shown.iloc[1, 1:].tolist() == [51.2, 56.2, 5.0]
    assert tables.whole_counts(frame.drop(columns="indicator")).equals(frame.drop(columns="indicator"))  # other tables as they are


def test_a_figure_is_drawn_once_and_copied_for_print_and_screen():
    drawn = io.BytesIO()
    Image.new("RGBA", (200, 100), (10, 20, 30, 255)).save(drawn, format=report.DRAWN_FORMAT)
    printed, screen = report.make_figure_copies(drawn.getvalue(), 0.45)
    with Image.open(io.BytesIO(printed)) as p, Image.open(io.BytesIO(screen)) as s:
        assert (p.format, s.format, p.mode, p.size, s.size) == ("PNG", "PNG", "RGB", (200, 100), (90, 45))
        assert p.getpixel((5, 5)) == (10, 20, 30) and s.getpixel((5, 5)) == (10, 20, 30)


def test_a_column_label_that_states_a_rule_takes_its_number_from_the_rules_constant():
    from lib.analysis.matching import MIN_CANDIDATES

    typed = {column: label for column, label in labels.COLUMN_LABELS.items() if any(ch.isdigit() for ch in label)}
    assert typed == {}  # a number typed into a label would stay behind when its rule changes
    assert MIN_CANDIDATES == 3 and labels.label_column("short_n") == "Short of experts (fewer than 3)"
