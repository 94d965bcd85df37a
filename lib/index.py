"""Write the reports index (index.html and index.csv) from each report's meta.json (stdlib only, fast)."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from html import escape
from pathlib import Path

from lib.files import write_if_changed

STYLE = """body{font-family:"Segoe UI",Arial,sans-serif;max-width:70rem;margin:1rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;font-size:.9rem}th,td{border-bottom:1px solid #ddd;padding:.3rem .6rem;text-align:left;vertical-align:top}
.banner{background:#fff3cd;border:2px solid #b8860b;color:#3d2c00;padding:.6rem 1rem;font-weight:600}code{font-size:.85rem}"""


def read_metas(reports_dir: Path) -> list[dict]:
    """Return the metadata of every built report, ordered by cut-off date then id."""
    metas = []
    for path in sorted(reports_dir.glob("*/meta.json")):
        if (reports_dir / f"{path.parent.name}.html").is_file():
            metas.append(json.loads(path.read_text(encoding="utf-8")))
    return sorted(metas, key=lambda m: (m.get("cutoff_date", ""), m["notebook"], m["report_id"]))


def render_index(metas: list[dict]) -> str:
    """Return the index page: one row per report with parameters, cut-off, data checksum, build time, commit."""
    rows = []
    for m in metas:
        params = "; ".join(f"{k} = {v}" for k, v in m["parameters"].items())
        tables = ", ".join(f'<a href="{escape(m["report_id"])}/{escape(t)}">{escape(t[:-4])}</a>' for t in m["tables"])
        rows.append(f'<tr><td><a href="{escape(m["report_id"])}.html">{escape(m["title"])}</a></td><td>{escape(params)}</td>'
                    f'<td>{escape(m["cutoff_date"])}</td><td><code>{escape(m["data_checksum"][:12])}</code></td>'
                    f'<td>{escape(m["built_at"])}</td><td><code>{escape(m["commit"])}</code></td><td>{tables}</td></tr>')
    banner = ('<p class="banner">SYNTHETIC SAMPLE DATA: these reports were built from the fictional sample; '
              "do not quote their figures.</p>") if any(m.get("is_synthetic") for m in metas) else ""
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>UNCAC technical assistance: reports</title>'
            f"<style>{STYLE}</style></head><body><h1>UNCAC technical assistance: reports</h1>{banner}"
            f"<p>{len(metas)} reports. Each table shown in a report is also available as CSV (last column).</p>"
            "<table><thead><tr><th>Report</th><th>Parameters</th><th>Data cut-off</th><th>Data checksum</th>"
            "<th>Built</th><th>Commit</th><th>Tables (CSV)</th></tr></thead><tbody>"
            + "".join(rows) + "</tbody></table></body></html>\n")


def render_index_csv(metas: list[dict]) -> str:
    """Return index.csv: the same rows as the page, machine-readable."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["report_id", "title", "parameters", "cutoff_date", "data_checksum", "built_at", "commit", "is_synthetic"])
    for m in metas:
        writer.writerow([m["report_id"], m["title"], json.dumps(m["parameters"]), m["cutoff_date"], m["data_checksum"],
                         m["built_at"], m["commit"], m.get("is_synthetic", False)])
    return out.getvalue()


def write_index(reports_dir: Path) -> tuple[int, bool]:
    """Write index.html and index.csv when they change; return (reports listed, whether anything was written)."""
    metas = read_metas(reports_dir)
    reports_dir.mkdir(parents=True, exist_ok=True)
    wrote_html = write_if_changed(reports_dir / "index.html", render_index(metas).encode("utf-8"))
    wrote_csv = write_if_changed(reports_dir / "index.csv", render_index_csv(metas).encode("utf-8"))
    return len(metas), wrote_html or wrote_csv


def main(argv: list[str] | None = None) -> int:
    """Command line: python -m lib.index REPORTS_DIR."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("reports_dir")
    parser.add_argument("--quiet-if-unchanged", action="store_true", help="print nothing when the index did not change")
    args = parser.parse_args(argv)
    n, wrote = write_index(Path(args.reports_dir))
    if wrote or not args.quiet_if_unchanged:
        print(f"index   {Path(args.reports_dir) / 'index.html'} ({n} reports{'' if wrote else ', unchanged'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
