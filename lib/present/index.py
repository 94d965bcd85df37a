"""Write the reports site (index.html, index.csv; provenance, search and what-changed pages) from the meta.json files (stdlib, fast)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from html import escape
from pathlib import Path

from lib.io.codes import ALL_GROUPS
from lib.io.files import CSV_LINE_END, protect_text, write_if_changed
from lib.io.paths import resolve_today
from lib.model.disclosure import Policy
from lib.present.changes import write_changes
from lib.present.provenance import write_provenance
from lib.present.search import write_search

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
Array.prototype.forEach.call(document.querySelectorAll("table.states"), function (table) {
  var input = document.getElementById(table.dataset.filter), count = document.getElementById(table.dataset.count);
  var body = table.tBodies[0];
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
});
"""


def describe_timing(meta: dict, today: str) -> str:
    """Return the flag of a report whose meeting is still to come ('' for a past one); dates compare as ISO text."""
    start, cutoff = meta.get("meeting_start", ""), meta.get("cutoff_date", "")
    if not start or start <= today:
        return ""
    return f"meeting to be held from {start}" + ("; its data cut-off has not passed yet" if cutoff > today else "")


SUBMISSION_WEEKS = 10  # pre-session documents go to conference services ten weeks before the meeting's first day
HEADLINE_FORMS = 3  # the most requested forms of assistance a meeting's headline names


def compute_deadline(start: str) -> str:
    """Return the day a meeting's pre-session documents are due (ISO), ten weeks before its first day ('' without one)."""
    return (date.fromisoformat(start) - timedelta(weeks=SUBMISSION_WEEKS)).isoformat() if start else ""


FILE_KINDS = {"docx": "Word", "pdf": "PDF"}  # how a document's link reads


def name_document_language(meta: dict, filename: str) -> str:
    """Return the language a report's document is written in: <id>.docx is the report's first (source) language,
    <id>.<language>.docx another one."""
    parts = filename.removeprefix(meta["report_id"]).split(".")
    return parts[1] if len(parts) == 3 else (meta.get("languages") or ["en"])[0]


def render_documents(meta: dict) -> str:
    """Return the links to a report's Word file and PDF, with the word count ('' for a report not issued as a document),
    then, for a report written in other languages too, each language (named in itself) with its page and documents."""
    docs = meta.get("documents", {})
    files = docs.get("files", [])
    languages = meta.get("languages") or ["en"]

    def link(filename: str) -> str:
        return f'<a href="{escape(filename)}">{FILE_KINDS.get(filename.rsplit(".", 1)[1], "file")}</a>'

    links = " ".join(link(f) for f in files if name_document_language(meta, f) == languages[0])
    words = f" ({docs['words']:,} words)" if docs.get("words") and meta["notebook"] != BRIEF_NOTEBOOK else ""
    others = []
    for language in languages[1:]:
        name = meta.get("language_names", {}).get(language, language)
        page = f'<a href="{escape(meta["report_id"])}.{escape(language)}.html" hreflang="{escape(language)}">page</a>'
        theirs = " ".join(link(f) for f in files if name_document_language(meta, f) == language)
        others.append(f'<span lang="{escape(language)}">{escape(name)}</span>: {page}{" " + theirs if theirs else ""}')
    return "; ".join(part for part in [f"{links}{words}", *others] if part)


def find_work_dir(reports_dir: Path) -> Path:
    """Return the build's working folder beside a reports folder (reports/public -> reports/public.work, as the driver's)."""
    return reports_dir.with_name(reports_dir.name + ".work")


def list_failed(reports_dir: Path) -> set[str]:
    """Return the reports whose last rebuild failed (their executed notebooks wait in the working folder's failed/)."""
    failed = find_work_dir(reports_dir) / "failed"
    return {p.stem for p in failed.glob("*.ipynb")}


def render_report_item(meta: dict, today: str) -> str:
    """Return one report's line: its title linking the page, its flags (meeting to come, stale) and its documents."""
    timing = describe_timing(meta, today)
    flag = f' <strong class="flag">({escape(timing)})</strong>' if timing else ""
    if meta.get("is_stale"):
        flag += ' <strong class="flag">(stale: its last rebuild failed; this is the previous version)</strong>'
    documents = render_documents(meta)
    title = meta["title"].removesuffix(f", {meta.get('meeting_name', '')}")  # listed under its meeting's heading
    return f'<li><a href="{escape(meta["report_id"])}.html">{escape(title)}</a>{flag}{" | " + documents if documents else ""}</li>'


def name_brief_state(meta: dict) -> str:
    """Return the State's current name, and the name its brief uses (the one in force at the meeting) when it differs."""
    used = meta.get("state_name", meta["parameters"]["state_code"])
    current = meta.get("state_name_current", used)
    return current if used == current else f"{current} (in this brief: {used})"


def render_states_table(briefs: list[dict], suffix: str = "") -> str:
    """Return a meeting's sortable, filterable table of States linking each of its country briefs (empty when there is
    none); suffix tells the tables of several meetings apart (the newest meeting's has none: #states, #state-filter)."""
    if not briefs:
        return ""
    rows = "".join(
        f'<tr><td><a href="{escape(m["report_id"])}.html">{escape(name_brief_state(m))}</a></td>'
        f"<td>{escape(m['parameters']['state_code'])}</td><td>{escape(m.get('group_name', ''))}</td><td>{render_documents(m)}</td></tr>"
        for m in briefs
    )
    ids = {name: f"{name}{suffix}" for name in ("states", "state-filter", "state-count")}
    return (
        f'<h3>Country briefs</h3><p><label for="{ids["state-filter"]}">Filter: </label><input id="{ids["state-filter"]}" '
        f'type="search" placeholder="State, code or group"> <span id="{ids["state-count"]}"></span> (click a column header to sort)</p>'
        f'<table id="{ids["states"]}" class="states" data-filter="{ids["state-filter"]}" data-count="{ids["state-count"]}">'
        "<thead><tr><th>State</th><th>Code</th><th>Regional group</th><th>Printable</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


MEETING_ORDER = ("background_paper", "regional_needs", "ta_matrix", "expert_pool")  # how a meeting's reports are listed
REVIEW_NOTEBOOKS = ("review_coordination", "recommendations_followup")  # the peer review reports: no meeting, their own section


def read_csv_rows(path: Path) -> list[dict]:
    """Return a report's CSV table as rows ([] when the report or table is not in this build)."""
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def format_count(value: str) -> str:
    """Return a figure read from a CSV as a reader sees it: a whole number with thousands separators, other text as written."""
    return f"{int(value):,}" if value.isdigit() else value


def format_pct(value: str) -> str:
    """Return a share read from a CSV with its per cent sign (a suppressed one reads 'suppressed')."""
    return f"{value} per cent" if value.replace(".", "", 1).isdigit() else value


def select_headline_forms(rows: list[dict]) -> list[dict]:
    """Return the HEADLINE_FORMS most requested forms in the paper's order, and any form tied with the last of them
    (a cut never falls inside a tie); a form whose requests are suppressed is not among them."""
    named = [r for r in rows if r.get("ta_form_code") and r["needs_n"].isdigit()]
    if len(named) <= HEADLINE_FORMS:
        return named
    last = named[HEADLINE_FORMS - 1]["needs_n"]
    return named[:HEADLINE_FORMS] + [r for r in named[HEADLINE_FORMS:] if r["needs_n"] == last]


def describe_headline_form(row: dict) -> str:
    """Return one form of the headline with its requests and the States requesting it ('1 request from one State
    party'); a suppressed count is left out, never written as a number withheld."""
    needs = f"{format_count(row['needs_n'])} request{'' if row['needs_n'] == '1' else 's'}"
    if not row["states_n"].isdigit():
        return f"{row['label']} ({needs})"
    states = f"{format_count(row['states_n'])} {'State party' if row['states_n'] == '1' else 'States parties'}"
    return f"{row['label']} ({needs} from {states}, {format_pct(row['states_pct'])} of those responding)"


def read_headline(reports_dir: Path, meeting_id: str) -> list[str]:
    """Return a meeting's headline figures, read (never recomputed) from its reports' CSV tables: the response
    (background paper, response_by_group.csv, ALL row), the three most requested forms of assistance
    (ta_needs_by_form.csv, in the paper's order: by requests) and the needs no provider meets (matrix,
    coverage_by_group.csv, All row; restricted builds)."""
    paper = reports_dir / f"background_paper--{meeting_id}"
    lines = []
    for row in read_csv_rows(paper / "response_by_group.csv"):
        if row.get("group_code") == ALL_GROUPS:
            lines.append(
                f"Response: {format_count(row['responding_parties_n'])} of {format_count(row['parties_n'])} States parties "
                f"({format_pct(row['responding_pct'])})"
            )
    forms = select_headline_forms(read_csv_rows(paper / "ta_needs_by_form.csv"))
    if forms:
        lines.append(f"Most requested forms of assistance: {'; '.join(describe_headline_form(r) for r in forms)}")
    for row in read_csv_rows(reports_dir / f"ta_matrix--{ALL_GROUPS}--{meeting_id}" / "coverage_by_group.csv"):
        if row.get("group_name") == "All":
            lines.append(
                f"Needs not covered by any known activity: {format_count(row['unsupplied_n'])} of "
                f"{format_count(row['need_items_n'])} ({format_pct(row['unsupplied_pct'])})"
            )
    return lines


def render_meeting(reports_dir: Path, metas: list[dict], states: str, today: str) -> str:
    """Return one meeting's section: its dates and deadline, headline figures, its reports in reading order, then the States table."""
    ordered = sorted(metas, key=lambda m: (MEETING_ORDER.index(m["notebook"]), m["title"]))
    first, meeting_id = ordered[0], ordered[0]["parameters"]["meeting_id"]
    start = first.get("meeting_start", "")
    dates = (
        f"<p>First day {escape(start)}; data cut-off {escape(first['cutoff_date'])}; pre-session documents due "
        f"{escape(compute_deadline(start))} ({SUBMISSION_WEEKS} weeks before the first day).</p>"
        if start
        else ""
    )
    headline = "".join(f"<li>{escape(line)}</li>" for line in read_headline(reports_dir, meeting_id))
    figures = f'<ul class="headline">{headline}</ul>' if headline else ""
    items = "".join(render_report_item(m, today) for m in ordered)
    return (
        f'<section class="meeting" id="meeting-{escape(meeting_id)}"><h2>{escape(first.get("meeting_name") or meeting_id)}</h2>'
        f'{dates}{figures}<ul class="reports">{items}</ul>{states}</section>'
    )


def render_reviews(metas: list[dict], today: str) -> str:
    """Return the peer review reports' section: the coordination reports by year (latest first), then the follow-up of recommendations."""
    if not metas:
        return ""
    years = sorted({m["parameters"]["period"] for m in metas if "period" in m["parameters"]}, reverse=True)
    parts = [
        f"<h3>{escape(y)}</h3><ul>{''.join(render_report_item(m, today) for m in metas if m['parameters'].get('period') == y)}</ul>"
        for y in years
    ]
    followups = [m for m in metas if "period" not in m["parameters"]]
    if followups:
        parts.append(f"<h3>Follow-up of recommendations</h3><ul>{''.join(render_report_item(m, today) for m in followups)}</ul>")
    return '<section id="peer-review"><h2>Peer review reports</h2>' + "".join(parts) + "</section>"


def render_jump_links(metas: list[dict], meetings: list[str]) -> str:
    """Return the line of links to each meeting's section (newest first) and to the peer review reports."""
    names = {
        m["parameters"]["meeting_id"]: m.get("meeting_name") or m["parameters"]["meeting_id"]
        for m in metas
        if m["notebook"] in MEETING_ORDER
    }
    links = [f'<a href="#meeting-{escape(k)}">{escape(names[k])}</a>' for k in meetings]
    if any(m["notebook"] in REVIEW_NOTEBOOKS for m in metas):
        links.append('<a href="#peer-review">Peer review reports</a>')
    return f'<p class="jump">Go to: {" | ".join(links)}</p>' if len(links) > 1 else ""


def render_index(metas: list[dict], reports_dir: Path = Path(".")) -> str:
    """Return the index page: the latest meeting first (its reports, headline figures and the table of its country
    briefs), the earlier meetings newest first, each with its own table of briefs, then the peer review reports; build
    details are on the provenance page."""
    today = resolve_today().isoformat()
    briefs = sorted((m for m in metas if m["notebook"] == BRIEF_NOTEBOOK), key=lambda m: (name_brief_state(m), m["cutoff_date"]))
    meetings: dict[str, list[dict]] = {}
    for m in metas:
        if m["notebook"] in MEETING_ORDER:
            meetings.setdefault(m["parameters"]["meeting_id"], []).append(m)
    newest = sorted(meetings, key=lambda k: (meetings[k][0].get("meeting_start", ""), k), reverse=True)
    reviews = [m for m in metas if m["notebook"] in REVIEW_NOTEBOOKS]
    banner = (
        ('<p class="banner">SYNTHETIC SAMPLE DATA: these reports were built from the fictional sample; do not quote their figures.</p>')
        if any(m.get("is_synthetic") for m in metas)
        else ""
    )
    if any(Policy(m.get("build", "restricted")).is_public for m in metas):
        consent = "Country briefs are published only for the States that agreed to it."
        # imported here, for a public index only: the index step runs on every `make reports`, even a no-op one, and the
        # sentences module brings pandas (0.9 s of imports, when the step itself takes 0.1 s)
        from lib.present.narrative import write_rule_text

        banner += f'<p class="public"><b>Public version.</b> {escape(write_rule_text())} {consent}</p>'
    by_meeting: dict[str, list[dict]] = {}
    for m in briefs:
        by_meeting.setdefault(m["parameters"]["meeting_id"], []).append(m)
    sections = "".join(
        render_meeting(reports_dir, meetings[k], render_states_table(by_meeting.get(k, []), "" if n == 0 else f"-{k}"), today)
        for n, k in enumerate(newest)
    )
    orphans = [m for k, found in by_meeting.items() if k not in meetings for m in found]  # briefs of a meeting with no paper
    sections += render_states_table(orphans, "" if not newest else "-other")
    script = f"<script>{TABLE_SCRIPT}</script>" if briefs else ""
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>UNCAC technical assistance: reports</title>'
        f"<style>{STYLE}</style></head><body><h1>UNCAC technical assistance: reports</h1>{banner}"
        f'<p class="tools"><a href="search.html">Search the reports</a> | <a href="changes.html">What changed in the last rebuild</a> | '
        f'<a href="provenance.html">How each report was built (provenance)</a></p>'
        f"<p>{len(metas) - len(briefs)} reports and {len(briefs)} country briefs, the latest meeting first. Each report's page "
        "lists its tables as CSV files, with its Word and PDF documents.</p>"
        + render_jump_links(metas, newest)
        + sections
        + render_reviews(reviews, today)
        + script
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


def write_index(reports_dir: Path, processed: Path | None = None) -> tuple[int, bool]:
    """Write the site (index.html, index.csv, provenance, search and what-changed pages) when it changes; return (reports
    listed, whether anything was written)."""
    failed = list_failed(reports_dir)
    metas = [dict(m, is_stale=m["report_id"] in failed) for m in read_metas(reports_dir)]
    reports_dir.mkdir(parents=True, exist_ok=True)
    wrote_html = write_if_changed(reports_dir / "index.html", render_index(metas, reports_dir).encode("utf-8"))
    wrote_csv = write_if_changed(reports_dir / "index.csv", render_index_csv(metas).encode("utf-8"))
    wrote_provenance = write_provenance(reports_dir, metas, processed)
    wrote_search = write_search(reports_dir, metas, processed.parent / "raw" if processed else None)
    wrote_changes = write_changes(reports_dir, find_work_dir(reports_dir), metas)
    return len(metas), wrote_html or wrote_csv or wrote_provenance or wrote_search or wrote_changes
