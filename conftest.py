"""Shared test set-up (root, so it also serves nbval on notebooks/): a processed copy of the hand-computed fixture."""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
FIXTURE_DATA = ROOT / "tests" / "fixtures" / "data"
INGEST_DAY = date(2026, 1, 1)  # a fixed "today" for the ingest, so the future-date rule gives the same answer every year
_SESSION_DIR: Path | None = None


class Collect:
    """A report sink for tests: keeps what a report shows as (kind, payload, meta), with the document blocks."""

    def __init__(self):
        self.items = []

    def __call__(self, kind, payload, meta=None):
        self.items.append((kind, payload, meta or {}))

    def blocks(self):
        """Return the document blocks the report showed, in order."""
        return [m["block"] for _, _, m in self.items if m.get("block")]


def copy_fixture(dest: Path) -> Path:
    """Copy the fixture data folder (raw only) to dest and return dest."""
    shutil.copytree(FIXTURE_DATA, dest, ignore=shutil.ignore_patterns("processed"))
    return dest


def pytest_configure(config):
    """Ingest the fixture once into a scratch folder and point UNCAC_DATA_DIR at it (nbval kernels inherit it)."""
    global _SESSION_DIR
    from lib.io.ingest import run_ingest

    _SESSION_DIR = Path(tempfile.mkdtemp(prefix="uncac-test-"))
    data = copy_fixture(_SESSION_DIR / "data")
    run_ingest(data, today=INGEST_DAY)
    from lib.io.experts import build_directory

    build_directory(data, today=INGEST_DAY)
    os.environ["UNCAC_DATA_DIR"] = str(data)
    os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture(scope="session")
def poppler() -> None:
    """Make Poppler's tools available (tests/poppler.py, which the document tests import), or skip the test with the install hint."""
    from poppler import ensure_poppler

    try:
        ensure_poppler()
    except RuntimeError as reason:
        pytest.skip(str(reason))


def pytest_unconfigure(config):
    """Remove the scratch folder."""
    if _SESSION_DIR is not None:
        shutil.rmtree(_SESSION_DIR, ignore_errors=True)


@pytest.fixture(scope="session")
def fixture_data_dir() -> Path:
    """The processed fixture data folder (read-only for tests: copy it before changing anything)."""
    return Path(os.environ["UNCAC_DATA_DIR"])


@pytest.fixture(scope="session")
def dataset(fixture_data_dir):
    """The fixture's processed dataset."""
    from lib.analysis.needs import load_dataset

    return load_dataset(fixture_data_dir)


@pytest.fixture(scope="session")
def ref_dir() -> Path:
    """The repository's real reference tables."""
    return ROOT / "data" / "raw" / "reference"


def run_make(data, reports, *args):
    """Run make reports on a data folder; return the completed process."""
    import subprocess

    return subprocess.run(
        ["make", "--no-print-directory", *args, "reports", f"DATA_DIR={data}", f"REPORTS_DIR={reports}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The fixture built by `make -j2 reports` (marked synthetic, so the banner must show)."""
    from lib.io.ingest import SYNTHETIC_MARKER

    base = tmp_path_factory.mktemp("e2e")
    data = copy_fixture(base / "data")
    (data / "raw" / "self_assessment" / SYNTHETIC_MARKER).write_text("# Synthetic test fixture\n", encoding="utf-8")
    result = run_make(data, base / "reports", "-j2")
    assert result.returncode == 0, result.stdout + result.stderr
    return data, base / "reports", result


# Fixtures that build reports with make: a test that uses one is an integration test, whatever its module, so that
# `make check` (unit tests only) stays under a minute and `make test` runs it.
BUILDING_FIXTURES = {"built", "public", "built_languages"}


def pytest_collection_modifyitems(config, items):
    """Mark as integration every test that uses a fixture which builds reports (BUILDING_FIXTURES)."""
    for item in items:
        if BUILDING_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.integration)
