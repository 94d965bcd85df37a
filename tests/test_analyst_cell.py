"""An analyst's cell: a table from a short pandas expression and a chart, added to a copy of a notebook, reach the
restricted report with labels and a CSV, and stay out of a public build (issue 17, section 2)."""

import shutil
import subprocess
import sys

import nbformat
import pytest

from conftest import ROOT
from lib.pipeline import plan

pytestmark = pytest.mark.integration
PAPER = "background_paper--wg-ta-2009-09"
ANALYST_CELL = """answers = snap.answers[snap.answers["is_party"]]
by_group = answers.groupby(["group_code", "compliance_code"], as_index=False).size().rename(columns={"size": "answers_n"})
rep.paragraph("The answers are set out by regional group and compliance.", see=["analyst_table", "figure:analyst_figure"])
rep.table(by_group, "analyst_table", "Answers by regional group and compliance")
ax = by_group.pivot(index="group_code", columns="compliance_code", values="answers_n").plot.barh(stacked=True, title="Answers by group")
rep.figure((ax, "Answers of the responding States parties by regional group and compliance."), "analyst_figure")"""


def drive(data, reports, notebooks, *args, ids=(PAPER,)):
    """Run the build driver on some reports from a folder of notebooks; return the completed process."""
    command = [sys.executable, "-m", "lib.pipeline.driver", *ids, "--data-dir", str(data), "--reports-dir", str(reports)]
    return subprocess.run([*command, "--notebooks-dir", str(notebooks), *args], cwd=ROOT, capture_output=True, text=True)


@pytest.fixture(scope="module")
def notebooks(tmp_path_factory):
    """A copy of the notebooks whose background paper ends with an analyst's cell."""
    folder = tmp_path_factory.mktemp("analyst") / "notebooks"
    shutil.copytree(ROOT / "notebooks", folder)
    nb = nbformat.read(folder / "background_paper.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(ANALYST_CELL))
    nbformat.write(nb, folder / "background_paper.ipynb")
    return folder


def test_an_analysts_table_and_chart_show_with_labels_and_a_csv_in_a_restricted_build(built, notebooks, tmp_path):
    data, _, _ = built
    result = drive(data, tmp_path / "restricted", notebooks)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "restricted" / f"{PAPER}.html").read_text(encoding="utf-8")
    table = page[page.index('data-csv="analyst_table.csv"') :]  # the table itself (the page's downloads list its caption too)
    table = table[: table.index("</table>")]
    # headings and cells read as labels: the group's name and the answer's words, a count with its unit
    assert '<th class="">Regional group</th>' in table and "Compliance</th>" in table and "Answers (n)</th>" in table
    assert "African States" in table and "Fully compliant" in table
    assert "group_code" not in table and "compliance_code" not in table and ">AFR<" not in table and ">full<" not in table
    csv = (tmp_path / "restricted" / PAPER / "analyst_table.csv").read_text(encoding="utf-8")
    assert csv.splitlines()[0] == "group_code,compliance_code,answers_n" and "AFR,full," in csv  # the CSV keeps the codes
    assert "Answers by group" in page and "Reading: Answers of the responding States parties" in page  # the chart and its reading


def test_an_analysts_table_and_chart_are_withheld_from_a_public_build_which_still_builds(built, notebooks, tmp_path):
    data, _, _ = built
    subprocess.run([sys.executable, "-m", "lib.analysis.suppression", "--data-dir", str(data)], cwd=ROOT, check=True, capture_output=True)
    # the whole public build (its audit weighs every report it publishes together), the paper with the analyst's cell
    ids = plan.list_reports(data / "raw", "public")
    result = drive(data, tmp_path / "public", notebooks, "--build", "public", "--jobs", "2", ids=ids)
    assert result.returncode == 0, result.stdout + result.stderr  # shown through the report API: withheld, not a failure
    page = (tmp_path / "public" / f"{PAPER}.html").read_text(encoding="utf-8")
    assert "The answers are set out by regional group and compliance." in page  # the analyst's sentence, with no reference
    assert (
        "Answers by regional group and compliance" not in page and "Answers by group" not in page
    )  # a public document has no trace of them
    assert "(see table" not in page.split("The answers are set out by regional group and compliance")[-1][:20]
    assert not (tmp_path / "public" / PAPER / "analyst_table.csv").exists()
