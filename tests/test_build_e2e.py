"""End to end: `make reports` on the fixture into a temporary folder, figures checked against tests/fixtures/README.md."""

import json
import re
import shutil
import subprocess
import sys

import nbformat
import pandas as pd
import pytest

from conftest import ROOT, copy_fixture, run_make
from lib.pipeline.driver import find_unsafe_html

pytestmark = pytest.mark.integration
AGGREGATES = [
    f"{nb}--{m}"
    for m in ("wg-ta-2008-12", "wg-ta-2009-09")
    for nb in ("background_paper", "regional_needs--AFR", "regional_needs--WEOG", "ta_matrix--ALL", "expert_pool")
]
BRIEFS = [f"country_brief--{c}--wg-ta-2008-12" for c in ("DEU", "FRA", "KEN", "NGA")] + [
    f"country_brief--{c}--wg-ta-2009-09" for c in ("DEU", "EUU", "FRA", "KEN", "NGA", "SEN")
]
FOLLOWUPS = [
    "recommendations_followup--all--all",
    "recommendations_followup--GRECO--round-5",
    "recommendations_followup--IRM--cycle-2",
    "recommendations_followup--WGB--phase-4",
]  # they read every State's answers
REVIEWS = ["review_coordination--2017", "review_coordination--2019"] + FOLLOWUPS
REPORT_IDS = AGGREGATES + BRIEFS + REVIEWS


def read_table(reports, report_id, name):
    """Return one exported CSV table."""
    return pd.read_csv(reports / report_id / f"{name}.csv", dtype={"provision": str}, keep_default_na=False)


def test_every_report_and_the_index_are_built(built):
    data, reports, result = built
    assert sorted(p.stem for p in reports.glob("*--*.html")) == sorted(REPORT_IDS)
    assert "Ingest: 84 rows read from 8 files = 43 accepted + 7 superseded + 34 rejected (reconciled)" in result.stdout
    assert not (reports / "_failed").exists() and not list((reports / ".tmp").glob("*")) if (reports / ".tmp").exists() else True


def test_csv_figures_match_the_hand_computed_ones(built):
    _, reports, _ = built
    resp = read_table(reports, "background_paper--wg-ta-2008-12", "response_by_group").set_index("group_code")
    assert resp.loc[["AFR", "WEOG", "NONE", "ALL"], ["parties_n", "responding_parties_n", "responding_pct"]].values.tolist() == [
        [3, 2, 66.7],
        [2, 1, 50.0],
        [1, 0, 0.0],
        [6, 3, 50.0],
    ]
    comp = read_table(reports, "background_paper--wg-ta-2009-09", "compliance_by_article").set_index("provision")
    assert comp[["full_n", "partial_n", "none_n", "no_answer_n", "full_pct"]].values.tolist() == [
        [2, 2, 1, 0, 40.0],
        [3, 1, 1, 0, 60.0],
        [3, 1, 0, 1, 60.0],
    ]
    needs = read_table(reports, "background_paper--wg-ta-2009-09", "ta_needs_by_article").set_index("provision")
    assert needs.loc["15", ["ta_needed_n", "ta_needed_pct", "ta_provided_n", "unmet_n"]].tolist() == [2, 40.0, 1, 1]
    forms = read_table(reports, "background_paper--wg-ta-2009-09", "ta_needs_by_form").set_index("ta_form_code")
    assert forms.loc["legal_advice", ["needs_n", "states_n", "states_pct"]].tolist() == [2, 1, 20.0]
    change = read_table(reports, "background_paper--wg-ta-2009-09", "change_since_previous_meeting").set_index("indicator")
    assert change.loc["Response rate (%)", ["previous", "current", "change"]].astype(float).tolist() == [50.0, 83.3, 33.3]
    ranked = read_table(reports, "regional_needs--AFR--wg-ta-2009-09", "priority_needs")
    assert ranked[["rank", "provision", "unmet_n"]].values.tolist() == [[1, "5", 2], [2, "15", 1], [3, "46(9)", 0]]
    weog = read_table(reports, "regional_needs--WEOG--wg-ta-2009-09", "states_by_response")
    assert weog[["state_code", "has_responded"]].values.tolist() == [["FRA", True], ["NOR", False]]
    matrix_view = read_table(reports, "ta_matrix--ALL--wg-ta-2009-09", "coverage_by_article")
    assert matrix_view[["provision", "need_items_n", "unsupplied_n", "one_provider_n", "several_providers_n"]].values.tolist() == [
        ["5", 2, 2, 0, 0],
        ["15", 3, 0, 2, 1],
        ["46(9)", 1, 0, 1, 0],
        ["All", 6, 2, 3, 1],
    ]
    assert (reports / "ta_matrix--ALL--wg-ta-2009-09" / "ta_matrix.xlsx").is_file()
    page = (reports / "ta_matrix--ALL--wg-ta-2009-09.html").read_text(encoding="utf-8")
    assert 'href="ta_matrix--ALL--wg-ta-2009-09/ta_matrix.xlsx"' in page
    non_party = read_table(reports, "background_paper--wg-ta-2008-12", "non_party_respondents")
    assert non_party["state_code"].tolist() == ["DEU"]
    recon = read_table(reports, "background_paper--wg-ta-2008-12", "reconciliation").set_index("source_file")
    # as at 18 December 2008, the self-assessment reports only (the annex speaks of them): 34 rows read = the exports' 11
    # rows of that date used + none superseded yet + the 10 of 2009 not used + 13 rejected
    assert recon.loc[
        "all self-assessment reports", ["rows_read_n", "rows_used_n", "rows_superseded_n", "rows_not_used_n", "rows_rejected_n"]
    ].tolist() == [
        34,
        11,
        0,
        10,
        13,
    ]


def test_every_shown_table_has_its_csv(built):
    _, reports, _ = built
    for report_id in REPORT_IDS:
        meta = json.loads((reports / report_id / "meta.json").read_text())
        html = (reports / f"{report_id}.html").read_text(encoding="utf-8")
        shown = re.findall(r'<table class="uncac-table" data-csv="([^"]+)">', html)
        assert len(shown) == html.count('<table class="uncac-table"') > 0
        assert set(shown) <= set(meta["tables"])
        assert sorted(p.name for p in (reports / report_id).glob("*.csv")) == meta["tables"]


def test_html_is_offline_and_script_in_data_is_text(built):
    _, reports, _ = built
    for report_id in REPORT_IDS:
        html = (reports / f"{report_id}.html").read_text(encoding="utf-8")
        assert find_unsafe_html(html) == [], report_id
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html, re.IGNORECASE)
        assert "def " not in html and "from lib import" not in html  # no code cells
        assert "SYNTHETIC SAMPLE DATA" in html
        if not report_id.startswith("country_brief"):  # a brief has no chart (its printed form fits two pages)
            assert re.search(r'<img [^>]*src="data:image/png;base64,', html)
    page = (reports / "background_paper--wg-ta-2008-12.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page or "&lt;script&gt;alert('x')&lt;/script&gt;" in page
    assert "<script>alert" not in page


def test_index_lists_every_report_with_its_provenance(built):
    data, reports, _ = built
    index = pd.read_csv(reports / "index.csv", dtype=str)
    assert sorted(index["report_id"]) == sorted(REPORT_IDS)
    manifest = json.loads((data / "processed" / "manifest.json").read_text())
    assert set(index[~index["report_id"].str.startswith("country_brief")]["data_checksum"]) == {manifest["data_checksum"]}
    assert set(index["cutoff_date"].dropna()) == {"2008-12-18", "2009-09-03"}  # review reports have no meeting cut-off
    assert index.loc[index["report_id"].str.startswith(("review_", "recommendations_")), "cutoff_date"].isna().all()
    assert index["commit"].str.len().min() >= 7 and index["built_at"].str.endswith("UTC").all()
    page = (reports / "index.html").read_text(encoding="utf-8")
    # one table row per brief and each meeting's table header; every report is linked once (its meeting's list, the
    # States table or the peer review section), and the build details are on the provenance page, not the index
    assert "SYNTHETIC SAMPLE DATA" in page and page.count("<tr>") == len(BRIEFS) + 2  # a table of briefs per meeting
    assert all(page.count(f'href="{r}.html"') == 1 for r in REPORT_IDS) and manifest["data_checksum"][:12] not in page
    provenance = (reports / "provenance.html").read_text(encoding="utf-8")
    assert all(f"make report ID={r}</code>" in provenance for r in REPORT_IDS)
    states = page[page.index('<table id="states"') :]
    # each brief's page and its printable PDF; the table's script is inline
    assert states.count('href="country_brief--') == 2 * len(BRIEFS) and "<script>" in states and "src=" not in states
    brief = json.loads((reports / "country_brief--KEN--wg-ta-2009-09" / "meta.json").read_text())
    assert brief["data_checksum"] == (data / "processed" / "by_state" / "KEN.sha").read_text().strip()


def test_second_build_does_nothing_and_one_missing_report_is_rebuilt_alone(built):
    data, reports, _ = built
    stamps = {p.name: p.stat().st_mtime_ns for p in reports.glob("*.html")}
    again = run_make(data, reports)
    assert again.returncode == 0 and "built" not in again.stdout and "Ingest" not in again.stdout, again.stdout
    assert {p.name: p.stat().st_mtime_ns for p in reports.glob("*.html")} == stamps
    (reports / "regional_needs--WEOG--wg-ta-2008-12.html").unlink()
    once = run_make(data, reports)
    assert once.returncode == 0, once.stderr
    assert re.findall(r"^built\s+(\S+)\.html", once.stdout, re.MULTILINE) == ["regional_needs--WEOG--wg-ta-2008-12"]


def test_one_state_changing_rebuilds_its_brief_its_group_and_the_aggregates(built):
    data, reports, _ = built
    export = data / "raw" / "self_assessment" / "export_2009-09.csv"
    original = export.read_bytes()
    export.write_bytes(original.replace("Rédaction de textes législatifs; legal_advice".encode(), b"legal_advice"))
    try:
        result = run_make(data, reports)
        assert result.returncode == 0, result.stderr
        rebuilt = set(re.findall(r"^built\s+(\S+)\.html", result.stdout, re.MULTILINE))
    finally:
        export.write_bytes(original)
        run_make(data, reports)
    # Senegal (AFR) changed: its brief, the other AFR briefs (their regional context includes it), and every
    # aggregate, and the follow-up reports (they set recommendations against every State's answers); not the briefs
    # of France, Germany (WEOG) or the European Union (no group), nor the calendars of the review mechanisms.
    africa = {b for b in BRIEFS if any(f"--{c}--" in b for c in ("KEN", "NGA", "SEN"))}
    assert rebuilt == set(AGGREGATES) | africa | set(FOLLOWUPS)


def test_failed_notebook_keeps_the_previous_report(built):
    data, reports, _ = built
    work = reports.with_name(reports.name + ".work")
    report_id = "regional_needs--XYZ--wg-ta-2009-09"  # no such regional group: the notebook raises
    (reports / f"{report_id}.html").write_text("previous report", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "lib.pipeline.driver", report_id, "--data-dir", str(data), "--reports-dir", str(reports)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert f"FAILED  {report_id}: KeyError" in result.stderr and "the previous report, if any, is kept" in result.stderr
    assert (reports / f"{report_id}.html").read_text(encoding="utf-8") == "previous report"
    assert (work / "failed" / f"{report_id}.ipynb").is_file() and not (reports / "_failed").exists()
    assert not (reports / report_id).exists() and not list((work / "tmp").glob("*")) if (work / "tmp").exists() else True
    (reports / f"{report_id}.html").unlink()
    (work / "failed" / f"{report_id}.ipynb").unlink()


def test_a_failed_rebuild_is_marked_stale_and_forgotten_once_it_builds(built, tmp_path):
    data, reports, _ = built
    report_id = "regional_needs--WEOG--wg-ta-2009-09"
    notebooks = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks", notebooks)
    nb = nbformat.read(notebooks / "regional_needs.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("raise RuntimeError('broken on purpose')"))
    nbformat.write(nb, notebooks / "regional_needs.ipynb")
    drive = [sys.executable, "-m", "lib.pipeline.driver", report_id, "--data-dir", str(data), "--reports-dir", str(reports)]
    assert subprocess.run(drive + ["--notebooks-dir", str(notebooks)], cwd=ROOT, capture_output=True, text=True).returncode == 1
    subprocess.run([sys.executable, "-m", "lib.pipeline.site", str(reports)], cwd=ROOT, check=True, capture_output=True)
    index = pd.read_csv(reports / "index.csv", dtype=str).set_index("report_id")
    assert index.loc[report_id, "is_stale"] == "True" and (reports / f"{report_id}.html").is_file()  # the previous version stays
    assert "stale: its last rebuild failed" in (reports / "index.html").read_text(encoding="utf-8")
    assert subprocess.run(drive, cwd=ROOT, capture_output=True, text=True).returncode == 0
    subprocess.run([sys.executable, "-m", "lib.pipeline.site", str(reports)], cwd=ROOT, check=True, capture_output=True)
    assert pd.read_csv(reports / "index.csv", dtype=str).set_index("report_id").loc[report_id, "is_stale"] == "False"
    assert not list((reports.with_name(reports.name + ".work") / "failed").glob("*"))  # only the current failures


def test_structural_error_stops_make_with_one_sentence(tmp_path):
    data = copy_fixture(tmp_path / "data")
    (data / "raw" / "self_assessment" / "export_2009-09.csv").write_text("state,article\nKenya,5\n", encoding="utf-8")
    result = run_make(data, tmp_path / "reports")
    assert result.returncode != 0
    assert (
        "make data stopped: The file self_assessment/export_2009-09.csv lacks the required column(s) submitted_on, checklist, compliance"
    ) in result.stderr
    assert "Traceback" not in result.stderr
    assert not list((tmp_path / "reports").glob("*.html")) if (tmp_path / "reports").exists() else True


def test_make_report_builds_exactly_one_report_and_a_page_as_a_goal_says_how(built):
    data, reports, _ = built
    report_id = "regional_needs--WEOG--wg-ta-2008-12"  # up to date: built all the same, alone
    result = subprocess.run(
        ["make", "--no-print-directory", "report", f"ID={report_id}", f"DATA_DIR={data}", f"REPORTS_DIR={reports}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert re.findall(r"^built\s+(\S+)\.html", result.stdout, re.MULTILINE) == [report_id]
    wrong = subprocess.run(
        ["make", "--no-print-directory", "report", "ID=regional_needs--XYZ--wg-ta-2008-12", f"DATA_DIR={data}", f"REPORTS_DIR={reports}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert wrong.returncode != 0 and "is not a report of this data folder's restricted build" in wrong.stderr
    page = subprocess.run(
        ["make", "--no-print-directory", str(reports / f"{report_id}.html"), f"DATA_DIR={data}", f"REPORTS_DIR={reports}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    touched = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-W",
            "notebooks/regional_needs.ipynb",
            str(reports / f"{report_id}.html"),
            f"DATA_DIR={data}",
            f"REPORTS_DIR={reports}",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert page.returncode == 0 or "make report ID=" in page.stderr  # up to date: nothing to do
    assert touched.returncode != 0 and f"build a report with make report ID={report_id}" in touched.stderr
