"""The build enforces what may be published and survives faults: outputs outside the report API, two builds at once, a
killed build, a removed export (issue 14, sections 2 and 4)."""

import os
import shutil
import signal
import subprocess
import sys
import time

import nbformat
import pandas as pd
import pytest

from conftest import ROOT, copy_fixture, run_make

pytestmark = pytest.mark.integration
PAPER = "background_paper--wg-ta-2009-09"
BARE_CELL = "needs.list_states_by_response(snap)"  # a table of States shown as a bare DataFrame, not through rep.table


def drive(data, reports, report_id, *args):
    """Run the build driver on one report; return the completed process."""
    return subprocess.run(
        [sys.executable, "-m", "lib.pipeline.driver", report_id, "--data-dir", str(data), "--reports-dir", str(reports), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def test_a_bare_dataframe_fails_a_public_build_and_shows_in_a_restricted_one(built, tmp_path):
    data, _, _ = built
    notebooks = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks", notebooks)
    nb = nbformat.read(notebooks / "background_paper.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(BARE_CELL))
    nbformat.write(nb, notebooks / "background_paper.ipynb")
    number = sum(
        c.cell_type == "code" for c in nb.cells
    )  # the appended cell: the last code cell (counted as the driver counts, injected parameters aside)
    subprocess.run([sys.executable, "-m", "lib.analysis.suppression", "--data-dir", str(data)], cwd=ROOT, check=True, capture_output=True)
    public = drive(data, tmp_path / "public", PAPER, "--build", "public", "--notebooks-dir", str(notebooks))
    assert public.returncode == 1
    assert f"background_paper.ipynb, code cell {number} ('{BARE_CELL}') shows a bare value" in public.stderr, public.stderr
    assert not (tmp_path / "public" / f"{PAPER}.html").exists()
    restricted = drive(data, tmp_path / "restricted", PAPER, "--notebooks-dir", str(notebooks))
    assert restricted.returncode == 0, restricted.stderr
    assert "has_responded" in (tmp_path / "restricted" / f"{PAPER}.html").read_text(encoding="utf-8")  # the bare table is there


def test_two_builds_at_once_take_turns(tmp_path):
    data = copy_fixture(tmp_path / "data")
    command = ["make", "--no-print-directory", "reports", f"DATA_DIR={data}", f"REPORTS_DIR={tmp_path / 'reports'}"]
    first = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(3)
    second = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    out, err = first.communicate()
    assert first.returncode == 0 and second.returncode == 0, err + second.stderr
    assert "another build of" in second.stderr and "waiting for it to finish" in second.stderr
    assert "Traceback" not in err + second.stderr and "built" not in second.stdout  # the second found everything built
    index = pd.read_csv(tmp_path / "reports" / "index.csv")
    assert len(index) == len(list((tmp_path / "reports").glob("*--*.html"))) > 20


def test_a_killed_build_leaves_nothing_behind_and_a_removed_export_leaves_every_report(tmp_path):
    data = copy_fixture(tmp_path / "data")
    reports, work = tmp_path / "reports", tmp_path / "reports.work"
    command = ["make", "--no-print-directory", "reports", f"DATA_DIR={data}", f"REPORTS_DIR={reports}"]
    build = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.time() + 120
    while time.time() < deadline and not list((work / "tmp").glob("*")):  # wait until a report is being built
        time.sleep(0.2)
    os.killpg(build.pid, signal.SIGKILL)
    build.wait()
    assert list((work / "tmp").glob("*")), "the build was killed before it started a report"
    again = run_make(data, reports)
    assert again.returncode == 0, again.stderr
    assert not (work / "tmp").exists() and not (work / "staging").exists()
    respondents = pd.read_csv(reports / PAPER / "response_by_group.csv").set_index("group_code")
    assert respondents.loc["ALL", "responding_parties_n"] == 5
    # the September 2009 export withdrawn: Senegal, the European Union and Kenya's update leave the reports
    (data / "raw" / "self_assessment" / "export_2009-09.csv").unlink()
    after = run_make(data, reports)
    assert after.returncode == 0 and "Ingest" in after.stdout, after.stderr
    respondents = pd.read_csv(reports / PAPER / "response_by_group.csv").set_index("group_code")
    assert respondents.loc["ALL", "responding_parties_n"] == 3  # Kenya (2008), Nigeria, France
    assert not (reports / "country_brief--SEN--wg-ta-2009-09.html").exists()
