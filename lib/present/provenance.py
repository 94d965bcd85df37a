"""Write the build's provenance page: what each report was built from and how, kept out of what a delegate reads (stdlib only)."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

from lib.io.files import write_if_changed
from lib.model.disclosure import Policy

PAGE = "provenance.html"  # beside index.html, which links it
STYLE = """body{font-family:"Segoe UI",Arial,sans-serif;max-width:75rem;margin:1rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;font-size:.85rem}th,td{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
code{font-size:.8rem}.flag{color:#8a1c00}.note{font-size:.8rem;color:#444}"""


def render_report_rows(metas: list[dict]) -> str:
    """Return one row per report: the command that rebuilds it, its parameters, data, commit, files and documents."""
    rows = []
    for m in metas:
        params = "; ".join(f"{k} = {v}" for k, v in m["parameters"].items())
        files = ", ".join(escape(t) for t in m["tables"])
        docs = m.get("documents", {})
        written = ", ".join(escape(f) for f in docs.get("files", []))
        if docs.get("words") is not None:
            written += f" ({docs['words']:,} words" + (f", {docs['pages']} pages" if docs.get("pages") else "") + ")"
        unconfirmed = m.get("unconfirmed", [])
        flag = f'<br><span class="flag">unconfirmed masthead data: {escape(", ".join(unconfirmed))}</span>' if unconfirmed else ""
        notes = "".join(f'<br><span class="note">{escape(n)}</span>' for n in m.get("notes", []))
        rows.append(
            f"<tr><td>{escape(m['report_id'])}{flag}{notes}</td><td><code>make report ID={escape(m['report_id'])}</code></td>"
            f"<td>{escape(params)}</td><td>{escape(m['cutoff_date'])}</td><td><code>{escape(m['data_checksum'][:16])}</code></td>"
            f"<td><code>{escape(m['commit'])}</code><br>{escape(m['built_at'])} ({m['seconds']} s)</td>"
            f"<td>{files}</td><td>{written}</td></tr>"
        )
    return "".join(rows)


def render_inputs(manifest: dict | None) -> str:
    """Return the list of the raw files the processed data were read from, with their checksums and the reconciliation."""
    if not manifest:
        return "<p>The processed data's manifest was not found.</p>"
    files = "".join(f"<tr><td>{escape(e['path'])}</td><td><code>{escape(e['sha256'][:16])}</code></td></tr>" for e in manifest["inputs"])
    return (
        f"<p>Data checksum <code>{escape(manifest['data_checksum'])}</code>. Ingest: {escape(manifest['reconciliation'])}.</p>"
        f"<table><thead><tr><th>Input file</th><th>SHA-256 (first 16)</th></tr></thead><tbody>{files}</tbody></table>"
    )


def render_provenance(metas: list[dict], manifest: dict | None, show_inputs: bool) -> str:
    """Return the provenance page: every report's build facts, then (restricted builds) the input files."""
    inputs = f"<h2>Input files</h2>{render_inputs(manifest)}" if show_inputs else ""
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Provenance of the reports</title>'
        f'<style>{STYLE}</style></head><body><h1>Provenance of the reports</h1><p><a href="index.html">Back to the index</a></p>'
        "<p>What each report was built from and how: build material that the documents themselves leave out. The Word "
        "files and PDFs carry the same facts in their document properties.</p>"
        "<table><thead><tr><th>Report</th><th>Rebuild</th><th>Parameters</th><th>Data cut-off</th><th>Data checksum</th>"
        "<th>Commit, built</th><th>Tables (CSV)</th><th>Documents</th></tr></thead><tbody>"
        + render_report_rows(metas)
        + f"</tbody></table>{inputs}</body></html>\n"
    )


def write_provenance(reports_dir: Path, metas: list[dict], processed: Path | None) -> bool:
    """Write provenance.html when it changes (a public build lists no input file names); return whether it was written."""
    manifest_path = processed / "manifest.json" if processed else None
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path and manifest_path.is_file() else None
    public = any(Policy(m.get("build", "restricted")).is_public for m in metas)
    return write_if_changed(reports_dir / PAGE, render_provenance(metas, manifest, not public).encode("utf-8"))
