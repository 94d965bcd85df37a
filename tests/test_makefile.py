"""The Makefile stops at once, with one sentence, on a mistyped DATA_DIR or BUILD, and creates nothing; folders whose
paths hold a space build."""

import csv
import hashlib
import json
import shutil
import subprocess

import pytest

from conftest import ROOT, copy_fixture


def make(*args: str) -> subprocess.CompletedProcess:
    """Run make in the repository with some arguments; return the completed process."""
    return subprocess.run(["make", "--no-print-directory", *args], cwd=ROOT, capture_output=True, text=True)


def list_tree(folder) -> set[str]:
    """Return every path under a folder, relative to it."""
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


@pytest.mark.parametrize("goal", ["reports", "data", "experts"])
def test_a_data_dir_without_raw_reference_stops_before_anything_is_made(tmp_path, goal):
    typo = tmp_path / "a" / "typo"
    result = make(goal, f"DATA_DIR={typo}", f"REPORTS_DIR={tmp_path / 'reports'}")
    assert result.returncode != 0
    assert f"DATA_DIR={typo} has no raw/reference folder: point DATA_DIR at a folder laid out like data/" in result.stderr
    assert result.stderr.count("\n") == 1 and result.stdout == ""  # one sentence, nothing run
    assert list_tree(tmp_path) == set()  # neither the data folder nor a reports folder was created


def test_a_mistyped_build_stops_and_leaves_nothing_behind(tmp_path):
    data = copy_fixture(tmp_path / "data")
    before = list_tree(tmp_path)
    result = make("reports", f"DATA_DIR={data}", "BUILD=publc")  # the default REPORTS_DIR would be reports/publc
    assert result.returncode != 0 and result.stdout == ""
    assert "BUILD=publc is not a build: use BUILD=restricted" in result.stderr and result.stderr.count("\n") == 1
    assert list_tree(tmp_path) == before  # no processed/ folder, no reports-publc.mk.tmp
    assert not (ROOT / "reports" / "publc").exists()


def test_help_and_test_need_no_data_folder(tmp_path):
    result = make("help", f"DATA_DIR={tmp_path / 'none'}", "BUILD=publc")
    assert result.returncode == 0 and "reports" in result.stdout
    dry = make("-n", "test", f"DATA_DIR={tmp_path / 'none'}")  # -n: print the recipe only (the suite is not run twice)
    assert dry.returncode == 0 and "pytest" in dry.stdout


@pytest.mark.integration  # builds reports with make
def test_a_data_folder_and_a_reports_folder_whose_paths_hold_a_space_build(tmp_path):
    typo = make("data", f"DATA_DIR={tmp_path / 'my typo'}")  # a mistyped one is named as given
    assert f"DATA_DIR={tmp_path / 'my typo'} has no raw/reference folder" in typo.stderr
    data, reports = copy_fixture(tmp_path / "my data"), tmp_path / "my reports"
    meetings = data / "raw" / "reference" / "meetings.csv"  # one meeting, no peer review: a small build is enough here
    meetings.write_text("\n".join(meetings.read_text(encoding="utf-8").splitlines()[:2]) + "\n", encoding="utf-8")
    shutil.rmtree(data / "raw" / "peer_review")
    result = make("reports", f"DATA_DIR={data}", f"REPORTS_DIR={reports}")
    assert result.returncode == 0, result.stdout + result.stderr
    # the Python side read and wrote the folders named, through links without spaces
    manifest = json.loads((data / "processed" / "manifest.json").read_text(encoding="utf-8"))
    export = data / "raw" / "self_assessment" / "export_2008-12.csv"
    assert {e["path"]: e["sha256"] for e in manifest["inputs"]}[export.relative_to(data / "raw").as_posix()] == hashlib.sha256(
        export.read_bytes()
    ).hexdigest()
    assert not any(e["path"].startswith("peer_review/") for e in manifest["inputs"])  # this copy's, not the fixture's
    with open(reports / "index.csv", encoding="utf-8", newline="") as fh:
        ids = [row["report_id"] for row in csv.DictReader(fh)]
    assert "background_paper--wg-ta-2008-12" in ids and all((reports / f"{i}.html").is_file() for i in ids)
    assert (tmp_path / "my reports.work").is_dir()  # the build's working folder beside the reports, as without a space
    assert set(p.name for p in tmp_path.iterdir()) == {"my data", "my reports", "my reports.work"}


def test_lab_serves_the_repository_on_the_project_kernel_and_passes_options():
    dry = make("-n", "lab", "LAB_ARGS=--allow-root --port 8899")  # -n: print the command only, JupyterLab does not start
    assert dry.returncode == 0, dry.stderr
    command = " ".join(line.rstrip("\\").strip() for line in dry.stdout.splitlines() if "jupyter" in line or "--" in line)
    assert f'jupyter lab --ServerApp.root_dir="{ROOT}"' in command  # lib/ and docs/ beside notebooks/
    assert "--FileContentsManager.preferred_dir=notebooks" in command and "default_kernel_name=uncac-ta" in command
    assert command.endswith("--allow-root --port 8899")
    assert 'LAB_ARGS="--allow-root --port 8899"' in make("help").stdout
