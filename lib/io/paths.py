"""Locate the project, its data folders and the processed tables, whatever the working directory."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # lib/io/paths.py -> the repository
# Environment variable that points notebooks and tools at a data folder laid out like data/ (raw/, processed/),
# so that confidential exports kept outside the repository are used without editing any notebook.
DATA_DIR_ENV = "UNCAC_DATA_DIR"


def resolve_data_dir(data_dir: str | os.PathLike[str] = "") -> Path:
    """Return the data folder: the argument, else $UNCAC_DATA_DIR, else the repository's data/."""
    chosen = str(data_dir) or os.environ.get(DATA_DIR_ENV, "") or str(ROOT / "data")
    return Path(chosen).expanduser().resolve()


def raw_dir(data_dir: str | os.PathLike[str] = "") -> Path:
    """Return the immutable raw folder of a data folder."""
    return resolve_data_dir(data_dir) / "raw"


def processed_dir(data_dir: str | os.PathLike[str] = "") -> Path:
    """Return the processed (validated parquet) folder of a data folder."""
    return resolve_data_dir(data_dir) / "processed"


# ISO date that stands for today: tests set it, and so can a user rebuilding reports as they would have read on a past day.
TODAY_ENV = "UNCAC_TODAY"


def resolve_today() -> date:
    """Return today's date: $UNCAC_TODAY (YYYY-MM-DD) when set, else the system's date."""
    value = os.environ.get(TODAY_ENV, "")
    return date.fromisoformat(value) if value else date.today()
