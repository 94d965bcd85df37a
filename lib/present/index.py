"""Write the reports index (index.html and index.csv) from each report's meta.json (stdlib only, fast)."""

from __future__ import annotations

import csv
import io
import json
from html import escape
from pathlib import Path

from lib.io.files import CSV_LINE_END, protect_text, write_if_changed
from lib.io.paths import resolve_today

STYLE = """body{font-family:"Segoe UI",Arial,sans-serif;max-width:70rem;margin:1rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;font-size:.9rem}th,td{border-bottom:1px solid #ddd;padding:.3rem .6rem;text-align:left;vertical-align:top}
.banner{background:#fff3cd;border:2px solid #b8860b;color:#3d2c00;padding:.6rem 1rem;font-weight:600}code{font-size:.85rem}
.public{background:#e8f0fe;border:2px solid #0072B2;color:#002b55;padding:.6rem 1rem}
#states th{cursor:pointer}
#states th[aria-sort=ascending]::after{content:" \\25B2"}#states th[aria-sort=descending]::after{content:" \\25BC"}"""


def read_metas(reports_dir: Path) -> list[dict]:
    """Return the metadata of every built report, ordered by cut-off date then id."""
    metas = []
    for path in sorted(reports_dir.glob("*/meta.json")):
        if (reports_dir / f"{path.parent.name}.html").is_file():
            metas.append(json.loads(path.read_text(encoding="utf-8")))
    return sorted(metas, key=lambda m: (m.get("cutoff_date", ""), m["notebook"], m["report_id"]))


BRIEF_NOTEBOOK = "country_brief"  # briefs are listed in the States table, the other reports in the reports table
# The States table sorts (click a header) and filters (type in the box) with this inline script: no file or
# network access, so the index keeps working when opened from disk.
TABLE_SCRIPT = """
(function () {
  var table = document.getElementById("states"), input = document.getElementById("state-filter");
  var count = document.getElementById("state-count"), body = table.tBodies[0];
  function update() {
    var q = input.value.trim().toLowerCase(), shown = 0;
    Array.prototype.forEach.call(body.rows, function (row) {
      var hit = row.textContent.toLowerCase().indexOf(q) !== -1;
      row.hidden = !hit; if (hit) { shown += 1; }
    });
    count.textContent = shown + " of " + body.rows.length + " briefs";
  }
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
    th.addEventListener("click", function () {
      var asc = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[col].textContent, y = b.cells[col].textContent;
        return asc ? x.localeCompare(y) : y.localeCompare(x);
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
  input.addEventListener("input", update);
  update();
})();
"""


def describe_timing(meta: dict, today: str) -> str:
    """Return the flag of a report whose meeting is still to come ('' for a past one); dates compare as ISO text."""
    start, cutoff = meta.get("meeting_start", ""), meta.get("cutoff_date", "")
    if not start or start <= today:
        return ""
    return f"meeting to be held from {start}" + ("; its data cut-off has not passed yet" if cutoff > today else "")


def list_failed(reports_dir: Path) -> set[str]:
    """Return the reports whose last rebuild failed (their executed notebooks wait in the working folder's failed/)."""
    failed = reports_dir.with_name(reports_dir.name + ".work") / "failed"
    return {p.stem for p in failed.glob("*.ipynb")}


def render_reports_rows(metas: list[dict]) -> str:
    """Return the rows of the reports table: parameters, cut-off, data checksum, build time, commit, CSV tables."""
    rows, today = [], resolve_today().isoformat()
    for m in metas:
        params = "; ".join(f"{k} = {v}" for k, v in m["parameters"].items())
        tables = ", ".join(f'<a href="{escape(m["report_id"])}/{escape(t)}">{escape(t[:-4])}</a>' for t in m["tables"])
        timing = describe_timing(m, today)
        flag = f' <strong class="flag">({escape(timing)})</strong>' if timing else ""
        if m.get("is_stale"):
            flag += ' <strong class="flag">(stale: its last rebuild failed; this is the previous version)</strong>'
        rows.append(
            f'<tr><td><a href="{escape(m["report_id"])}.html">{escape(m["title"])}</a>{flag}</td><td>{escape(params)}</td>'
            f"<td>{escape(m['cutoff_date'])}</td><td><code>{escape(m['data_checksum'][:12])}</code></td>"
            f"<td>{escape(m['built_at'])}</td><td><code>{escape(m['commit'])}</code></td><td>{tables}</td></tr>"
        )
    return "".join(rows)


def name_brief_state(meta: dict) -> str:
    """Return the State's current name, and the name its brief uses (the one in force at the meeting) when it differs."""
    used = meta.get("state_name", meta["parameters"]["state_code"])
    current = meta.get("state_name_current", used)
    return current if used == current else f"{current} (in this brief: {used})"


def render_states_table(briefs: list[dict]) -> str:
    """Return the sortable, filterable table of States linking each country brief (empty when there is none)."""
    if not briefs:
        return ""
    rows = "".join(
        f'<tr><td><a href="{escape(m["report_id"])}.html">{escape(name_brief_state(m))}</a></td>'
        f"<td>{escape(m['parameters']['state_code'])}</td><td>{escape(m.get('group_name', ''))}</td>"
        f"<td>{escape(m['cutoff_date'])}</td><td>{escape(m['parameters']['meeting_id'])}</td></tr>"
        for m in briefs
    )
    return (
        '<h2>Country briefs</h2><p><label for="state-filter">Filter: </label><input id="state-filter" type="search" '
        'placeholder="State, code, group or meeting"> <span id="state-count"></span> (click a column header to sort)</p>'
        '<table id="states"><thead><tr><th>State</th><th>Code</th><th>Regional group</th><th>Data cut-off</th>'
        f"<th>Meeting</th></tr></thead><tbody>{rows}</tbody></table><script>{TABLE_SCRIPT}</script>"
    )


def render_index(metas: list[dict]) -> str:
    """Return the index page: the reports with their provenance, then the States table of country briefs."""
    briefs = sorted((m for m in metas if m["notebook"] == BRIEF_NOTEBOOK), key=lambda m: (name_brief_state(m), m["cutoff_date"]))
    others = [m for m in metas if m["notebook"] != BRIEF_NOTEBOOK]
    banner = (
        ('<p class="banner">SYNTHETIC SAMPLE DATA: these reports were built from the fictional sample; do not quote their figures.</p>')
        if any(m.get("is_synthetic") for m in metas)
        else ""
    )
    if any(m.get("build") == "public" for m in metas):
        from lib.model.disclosure import RULE_TEXT

        banner += f'<p class="public">{escape(RULE_TEXT)} Country briefs are published only for the States that agreed to it.</p>'
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>UNCAC technical assistance: reports</title>'
        f"<style>{STYLE}</style></head><body><h1>UNCAC technical assistance: reports</h1>{banner}"
        f"<p>{len(others)} reports and {len(briefs)} country briefs. Each table shown in a report is also available as "
        "CSV (last column).</p>"
        '<table id="reports"><thead><tr><th>Report</th><th>Parameters</th><th>Data cut-off</th><th>Data checksum</th>'
        "<th>Built</th><th>Commit</th><th>Tables (CSV)</th></tr></thead><tbody>"
        + render_reports_rows(others)
        + "</tbody></table>"
        + render_states_table(briefs)
        + "</body></html>\n"
    )


def render_index_csv(metas: list[dict]) -> str:
    """Return index.csv: the same rows as the page, machine-readable."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=CSV_LINE_END)
    writer.writerow(["report_id", "title", "parameters", "cutoff_date", "data_checksum", "built_at", "commit", "is_synthetic", "is_stale"])
    for m in metas:
        writer.writerow(
            [
                protect_text(v)
                for v in (
                    m["report_id"],
                    m["title"],
                    json.dumps(m["parameters"]),
                    m["cutoff_date"],
                    m["data_checksum"],
                    m["built_at"],
                    m["commit"],
                    m.get("is_synthetic", False),
                    m.get("is_stale", False),
                )
            ]
        )
    return out.getvalue()


def write_index(reports_dir: Path) -> tuple[int, bool]:
    """Write index.html and index.csv when they change; return (reports listed, whether anything was written)."""
    failed = list_failed(reports_dir)
    metas = [dict(m, is_stale=m["report_id"] in failed) for m in read_metas(reports_dir)]
    reports_dir.mkdir(parents=True, exist_ok=True)
    wrote_html = write_if_changed(reports_dir / "index.html", render_index(metas).encode("utf-8"))
    wrote_csv = write_if_changed(reports_dir / "index.csv", render_index_csv(metas).encode("utf-8"))
    return len(metas), wrote_html or wrote_csv
