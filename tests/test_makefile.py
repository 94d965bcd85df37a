"""The Makefile stops at once, with one sentence, on a mistyped DATA_DIR or BUILD, and creates nothing."""

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
