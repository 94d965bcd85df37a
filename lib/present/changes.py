"""Write the "what changed" page: the reports the last rebuild made and, table by table, the figures that changed (stdlib only)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from html import escape
from pathlib import Path

from lib.io.files import write_if_changed
from lib.model.disclosure import AUDITED_TABLES, Policy

PAGE = "changes.html"  # beside index.html, which links it
SNAPSHOT = "site"  # in the build's working folder: stamps.json and tables/<report>/<csv>, the previous build's tables
BRIEF_PREFIX = "country_brief--"  # report ids of the country briefs, which name their State
MAX_SHOWN = 40  # changes listed per table; a table changing everywhere is summarised by its count beyond that
STYLE = """body{font-family:"Segoe UI",Arial,sans-serif;max-width:70rem;margin:1rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;font-size:.85rem;margin:.3rem 0 1rem 0}
th,td{border-bottom:1px solid #ddd;padding:.25rem .5rem;text-align:left}
td.num{text-align:right}h3{font-size:1rem;margin:1rem 0 .2rem 0}"""


def read_rows(text: str) -> list[list[str]]:
    """Return a CSV's rows (header first) from its text ([] for an empty or missing one)."""
    return list(csv.reader(io.StringIO(text))) if text else []


def choose_key(header: list[str], *tables: list[list[str]]) -> int:
    """Return how many leading columns tell the rows apart in every table (0: none do, rows pair by position)."""
    for width in range(1, len(header)):
        if all(len({tuple(r[:width]) for r in rows}) == len(rows) for rows in tables):
            return width
    return 0


def diff_table(old: list[list[str]], new: list[list[str]]) -> list[tuple[str, str, str, str]]:
    """Return the figures that changed between two versions of a CSV, as (row, column, old value, new value).

    Rows pair on the fewest leading columns that identify them in both versions; a row only in one version reads
    '(no row)' on the other side; a changed header is one change of its own."""
    if old == new:
        return []
    if not old or not new or old[0] != new[0]:
        return [("(columns)", "", ", ".join(old[0]) if old else "(no table)", ", ".join(new[0]) if new else "(no table)")]
    header, old_rows, new_rows = new[0], old[1:], new[1:]
    width = choose_key(header, old_rows, new_rows)
    keyed = [{(tuple(r[:width]) if width else (str(n + 1),)): r for n, r in enumerate(rows)} for rows in (old_rows, new_rows)]
    changes = []
    for key in list(keyed[0]) + [k for k in keyed[1] if k not in keyed[0]]:
        before, after, label = keyed[0].get(key), keyed[1].get(key), " / ".join(key)
        if before is None or after is None:
            changes.append(
                (label, "", "(no row)" if before is None else ", ".join(before), "(no row)" if after is None else ", ".join(after))
            )
            continue
        changes += [(label, col, b, a) for col, b, a in zip(header[width:], before[width:], after[width:]) if b != a]
    return changes


def stamp_reports(reports_dir: Path, metas: list[dict]) -> dict[str, str]:
    """Return {report id: when its meta.json was last written}: a report rebuilt since gets a new stamp."""
    return {m["report_id"]: str((reports_dir / m["report_id"] / "meta.json").stat().st_mtime_ns) for m in metas}


def compare_report(reports_dir: Path, snapshot: Path, meta: dict) -> dict[str, list]:
    """Return {table: its changes} for one rebuilt report against the snapshot, and update the snapshot to the new tables."""
    kept, found = snapshot / meta["report_id"], {}
    kept.mkdir(parents=True, exist_ok=True)
    for table in meta["tables"]:
        now, before = reports_dir / meta["report_id"] / table, kept / table
        old = before.read_text(encoding="utf-8") if before.is_file() else ""
        new = now.read_text(encoding="utf-8") if now.is_file() else ""
        if changes := diff_table(read_rows(old), read_rows(new)):
            found[table] = changes
        if now.is_file():
            shutil.copyfile(now, before)
    for gone in set(p.name for p in kept.glob("*.csv")) - set(meta["tables"]):
        (kept / gone).unlink()
    return found


def render_changes(rebuilt: list[dict], changed: dict[str, dict[str, list]], removed: list[str], first: bool, public: bool = False) -> str:
    """Return the page: the reports rebuilt (those whose figures changed first), then each changed table's figures, old -> new.

    public: a public build names no State whose brief it no longer publishes (a removed brief is counted, not named), and
    compares only the tables whose figures its audit attacked across releases (AUDITED_TABLES)."""
    if public:
        briefs = [r for r in removed if r.startswith(BRIEF_PREFIX)]
        removed = [r for r in removed if not r.startswith(BRIEF_PREFIX)]
        removed += [f"{len(briefs)} country brief{'s' if len(briefs) != 1 else ''} no longer published"] if briefs else []
        changed = {r: {t: c for t, c in tables.items() if t in AUDITED_TABLES} for r, tables in changed.items()}
    if first:
        summary = f"<p>First build recorded in this folder ({len(rebuilt)} reports): there is no previous build to compare with.</p>"
    else:
        summary = f"<p>The last rebuild made {len(rebuilt)} report{'s' if len(rebuilt) != 1 else ''}.</p>"
    with_changes = [m for m in rebuilt if changed.get(m["report_id"])]
    same = [m for m in rebuilt if not changed.get(m["report_id"])]

    def item(m: dict) -> str:
        n = sum(len(c) for c in changed.get(m["report_id"], {}).values())
        return (
            f'<li><a href="{escape(m["report_id"])}.html">{escape(m["title"])}</a>'
            + (f" ({n} figure{'s' if n != 1 else ''})" if n else "")
            + "</li>"
        )

    parts = ["<h2>Reports rebuilt</h2>", summary]
    if not first:
        parts.append(
            f'<h3>With changed figures</h3><ul id="changed-reports">{"".join(item(m) for m in with_changes) or "<li>none</li>"}</ul>'
        )
        parts.append(
            f'<h3>Rebuilt, no figure changed</h3><ul id="unchanged-reports">{"".join(item(m) for m in same) or "<li>none</li>"}</ul>'
        )
    if removed:
        parts.append(f"<h3>Removed</h3><ul>{''.join(f'<li>{escape(r)}</li>' for r in removed)}</ul>")
    if with_changes:
        parts.append("<h2>Figures that changed (previous build -> this build)</h2>")
    for m in with_changes:
        parts.append(f'<h3><a href="{escape(m["report_id"])}.html">{escape(m["title"])}</a></h3>')
        for table, changes in changed[m["report_id"]].items():
            rows = "".join(
                f"<tr><td>{escape(r)}</td><td>{escape(c)}</td><td class=num>{escape(o)}</td><td class=num>{escape(n)}</td></tr>"
                for r, c, o, n in changes[:MAX_SHOWN]
            )
            more = f"<p>and {len(changes) - MAX_SHOWN} more changes: compare the CSV files.</p>" if len(changes) > MAX_SHOWN else ""
            link = f'<a href="{escape(m["report_id"])}/{escape(table)}">{escape(table)}</a>'
            parts.append(
                f'<table data-csv="{escape(table)}"><caption>{link}</caption>'
                f"<thead><tr><th>Row</th><th>Column</th><th>Before</th><th>Now</th></tr></thead><tbody>{rows}</tbody></table>{more}"
            )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>What changed in the last rebuild</title>'
        f'<style>{STYLE}</style></head><body><h1>What changed in the last rebuild</h1><p><a href="index.html">Back to the index</a></p>'
        + "".join(parts)
        + "</body></html>\n"
    )


def write_changes(reports_dir: Path, work_dir: Path, metas: list[dict]) -> bool:
    """Compare the reports rebuilt since the last run with the kept tables and write changes.html; return whether it was written.

    A run with nothing rebuilt reads only the reports' stamps (a no-op rebuild stays fast) and leaves the page as it is."""
    store = work_dir / SNAPSHOT
    stamps_path = store / "stamps.json"
    before = json.loads(stamps_path.read_text(encoding="utf-8")) if stamps_path.is_file() else None
    now = stamp_reports(reports_dir, metas)
    rebuilt = [m for m in metas if (before or {}).get(m["report_id"]) != now[m["report_id"]]]
    removed = sorted(set(before or {}) - set(now))
    if before is not None and not rebuilt and not removed and (reports_dir / PAGE).is_file():
        return False
    changed = {m["report_id"]: compare_report(reports_dir, store / "tables", m) for m in rebuilt}
    if before is None:  # the first run only fills the snapshot: every table would read as new
        changed = {}
    for report_id in removed:
        shutil.rmtree(store / "tables" / report_id, ignore_errors=True)
    public = any(Policy(m.get("build", "restricted")).is_public for m in metas)
    page = render_changes(rebuilt, changed, removed, before is None, public)
    wrote = write_if_changed(reports_dir / PAGE, page.encode("utf-8"))
    store.mkdir(parents=True, exist_ok=True)
    stamps_path.write_text(json.dumps(now, indent=1) + "\n", encoding="utf-8")
    return wrote
