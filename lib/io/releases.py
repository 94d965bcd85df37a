"""The register of public releases: what each public build published, cell by cell and file by file, and the answers it
was computed from, kept with the data (never in a reports or scratch folder) so that every later build knows it."""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from lib.io.paths import resolve_data_dir

RELEASES = "releases"  # in a data folder, beside raw/ and processed/: the register (make clean leaves it alone)
REGISTER = "register.csv"  # one row per release, oldest first
REGISTER_COLUMNS = ["release_id", "released_on", "released_at", "data_checksum", "commit", "reports_n", "cells_n", "suppressed_n"]
PUBLISHED = "published"  # in a release's folder: the report folders as published (meta.json and every CSV)
CELLS = "cells.csv"  # in a release's folder: every count of the plan, with its value and whether it was published
RESPONDENTS = "respondents.csv"  # in a release's folder: who was counted at each meeting, with the version of its answers
ANSWERS, ANSWER_FORMS = "answers.parquet", "answer_forms.parquet"  # the answers each meeting's figures were computed from
RELEASE = "release.json"  # in a release's folder: its date, the source of each meeting's figures, the briefs it published
VERSION_FIELDS = ["provision", "compliance_code", "is_ta_needed", "is_ta_provided", "ta_form_codes"]  # what a version fingerprints
VERSION_LENGTH = 16  # hex digits of a version: enough to tell a State's submissions apart


def releases_dir(data_dir: str | Path = "") -> Path:
    """Return the register's folder of a data folder."""
    return resolve_data_dir(data_dir) / RELEASES


@dataclass
class Release:
    """One earlier public release as the register keeps it."""

    release_id: str
    released_on: date
    folder: Path
    meetings: dict  # meeting_id -> {"source": "current" or the release whose answers it republished}
    briefs: list  # [state_code, meeting_id] of every country brief it published

    def read_cells(self) -> pd.DataFrame:
        """Return every count of the plan with its value and status (published, primary, secondary, not shown)."""
        return pd.read_csv(self.folder / CELLS, dtype={"key": str}, keep_default_na=False)

    def read_respondents(self) -> pd.DataFrame:
        """Return who was counted at each meeting: meeting_id, state_code, group_code, is_party, version."""
        return pd.read_csv(self.folder / RESPONDENTS, dtype=str, keep_default_na=False).assign(is_party=lambda t: t["is_party"].eq("True"))

    def read_answers(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Return the answers and the forms each meeting's figures were computed from (with their meeting_id)."""
        return pd.read_parquet(self.folder / ANSWERS), pd.read_parquet(self.folder / ANSWER_FORMS)

    def list_report_folders(self) -> list[Path]:
        """Return the folders of the reports it published (meta.json and CSV files, as published)."""
        return sorted(p.parent for p in (self.folder / PUBLISHED).glob("*/meta.json"))


def list_releases(data_dir: str | Path = "") -> list[Release]:
    """Return the releases of a data folder, oldest first ([] before the first public build)."""
    folder = releases_dir(data_dir)
    path = folder / REGISTER
    if not path.is_file():
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    out = []
    for row in rows:
        meta = json.loads((folder / row["release_id"] / RELEASE).read_text(encoding="utf-8"))
        out.append(
            Release(row["release_id"], date.fromisoformat(row["released_on"]), folder / row["release_id"], meta["meetings"], meta["briefs"])
        )
    return out


def read_release_answers(data_dir: str | Path, release_id: str, meeting_id: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the answers and forms a release computed one meeting's figures from (as the processed tables have them)."""
    folder = releases_dir(data_dir) / release_id
    answers = pd.read_parquet(folder / ANSWERS)
    forms = pd.read_parquet(folder / ANSWER_FORMS)
    pick = lambda t: t[t["meeting_id"] == meeting_id].drop(columns=["meeting_id"]).reset_index(drop=True)  # noqa: E731
    return pick(answers), pick(forms)


def fingerprint_answers(answers: pd.DataFrame) -> pd.Series:
    """Return the version of each State's answers (a hash of what it answered, article by article): two submissions
    with the same answers are the same version, whatever their dates."""
    if answers.empty:
        return pd.Series(dtype=str, name="version")
    rows = answers[["state_code", *VERSION_FIELDS]].astype("string").fillna("").sort_values(["state_code", "provision"])
    text = rows[VERSION_FIELDS[0]].str.cat(rows[VERSION_FIELDS[1:]], sep="|").groupby(rows["state_code"]).agg("\n".join)
    return text.map(lambda t: hashlib.sha256(t.encode("utf-8")).hexdigest()[:VERSION_LENGTH]).rename("version")


def find_release_day(release_id: str) -> date:
    """Return the day a release was made, from its id ('r002-2027-03-05' -> 5 March 2027; next_release_id writes it)."""
    return date.fromisoformat(release_id.split("-", 1)[1])


def next_release_id(data_dir: str | Path, today: date) -> str:
    """Return the id of the next release: its number and its day ('r002-2027-03-05')."""
    return f"r{len(list_releases(data_dir)) + 1:03d}-{today.isoformat()}"


def write_release(
    data_dir: str | Path,
    today: date,
    report_folders: list[Path],
    cells: pd.DataFrame,
    respondents: pd.DataFrame,
    answers: pd.DataFrame,
    answer_forms: pd.DataFrame,
    meetings: dict,
    briefs: list,
    data_checksum: str = "",
    commit: str = "",
    digest: str = "",
) -> str:
    """Register a public release: copy its published report folders, write its cells, respondents and answers, and add
    it to the register (last, so that a release half written is never read). Return its id."""
    folder = releases_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    release_id = next_release_id(data_dir, today)
    target, tmp = folder / release_id, folder / f".{release_id}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    (tmp / PUBLISHED).mkdir(parents=True)
    for report in report_folders:
        shutil.copytree(report, tmp / PUBLISHED / report.name, ignore=shutil.ignore_patterns("*.png", "*.docx", "*.pdf", "*.xlsx"))
    cells.to_csv(tmp / CELLS, index=False)
    respondents.to_csv(tmp / RESPONDENTS, index=False)
    answers.to_parquet(tmp / ANSWERS, index=False)
    answer_forms.to_parquet(tmp / ANSWER_FORMS, index=False)
    (tmp / RELEASE).write_text(
        json.dumps(
            {"release_id": release_id, "released_on": today.isoformat(), "meetings": meetings, "briefs": briefs, "digest": digest}, indent=1
        )
        + "\n",
        encoding="utf-8",
    )
    tmp.replace(target)
    register = folder / REGISTER
    is_new = not register.is_file()
    with open(register, "a", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=REGISTER_COLUMNS)
        if is_new:
            writer.writeheader()
        shown = cells[cells["status"] != "not shown"]
        writer.writerow(
            {
                "release_id": release_id,
                "released_on": today.isoformat(),
                "released_at": datetime.now().astimezone().isoformat(timespec="seconds"),
                "data_checksum": data_checksum,
                "commit": commit,
                "reports_n": len(report_folders),
                "cells_n": len(shown),
                "suppressed_n": int(shown["status"].isin(["primary", "secondary"]).sum()),
            }
        )
    return release_id
