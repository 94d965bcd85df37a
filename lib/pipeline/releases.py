"""Register a public build as a release once its audit has passed: the report folders it published, the plan's cells,
who was counted and the answers (lib.io.releases), so that every later public build plans and is audited against it."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd

from lib.analysis.suppression import RELEASE_INPUTS
from lib.io.paths import processed_dir, raw_dir, resolve_today
from lib.io.releases import RELEASE, list_releases, write_release
from lib.model.disclosure import SUPPRESSION_FILE, read_release_plan
from lib.pipeline.plan import list_reports


def fingerprint_release(folders: list[Path], cells: bytes, decisions: dict) -> str:
    """Return a digest of what a release publishes: every CSV of every report, the plan's cells, the decisions."""
    digest = hashlib.sha256(cells)
    digest.update(json.dumps({k: decisions.get(k) for k in ("meetings", "briefs")}, sort_keys=True).encode("utf-8"))
    for folder in sorted(folders, key=lambda p: p.name):
        for csv in sorted(folder.glob("*.csv")):
            digest.update(f"{folder.name}/{csv.name}".encode())
            digest.update(csv.read_bytes())
    return digest.hexdigest()


def register_release(data_dir: str, reports_dir: Path, commit: str = "") -> str:
    """Register what the public folder now publishes as a release, unless it publishes exactly what the latest release
    did; return the new release's id ('' when none was needed)."""
    expected = set(list_reports(raw_dir(data_dir), "public"))
    folders = [p.parent for p in Path(reports_dir).glob("*/meta.json") if p.parent.name in expected]
    processed = processed_dir(data_dir)
    cells_bytes = (processed / SUPPRESSION_FILE).read_bytes()
    decisions = read_release_plan(data_dir)
    digest = fingerprint_release(folders, cells_bytes, decisions)
    releases = list_releases(data_dir)
    if releases and json.loads((releases[-1].folder / RELEASE).read_text(encoding="utf-8")).get("digest") == digest:
        return ""
    manifest = json.loads((processed / "manifest.json").read_text(encoding="utf-8"))
    briefs = [[s, m] for s, m in decisions.get("briefs", []) if f"country_brief--{s}--{m}" in {f.name for f in folders}]
    return write_release(
        data_dir,
        resolve_today(),
        folders,
        pd.read_csv(processed / SUPPRESSION_FILE, dtype={"key": str}, keep_default_na=False),
        pd.read_csv(processed / RELEASE_INPUTS["respondents"], dtype=str, keep_default_na=False),
        pd.read_parquet(processed / RELEASE_INPUTS["answers"]),
        pd.read_parquet(processed / RELEASE_INPUTS["answer_forms"]),
        decisions.get("meetings", {}),
        briefs,
        manifest.get("data_checksum", ""),
        commit,
        digest,
    )
