"""Write the search page: every report of the build findable by State, article or title, offline (an inline index, stdlib only)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from lib.io.files import write_if_changed

PAGE = "search.html"  # beside index.html, which links it
STYLE = """body{font-family:"Segoe UI",Arial,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;color:#222}
#search-box{font-size:1rem;padding:.3rem;width:25rem;max-width:100%}#search-results li{margin:.3rem 0}.kind{color:#555;font-size:.85rem}"""
# Every query word must begin a word of the entry (so "keny" finds Kenya); "article 5" is one term, and a term ending
# in a number ends there (so it does not find article 50, nor a "5" elsewhere). Accents are ignored on both sides.
# The index is inline: no file or network access.
SEARCH_SCRIPT = """
(function () {
  var entries = JSON.parse(document.getElementById("search-index").textContent);
  var box = document.getElementById("search-box"), list = document.getElementById("search-results");
  var count = document.getElementById("search-count");
  function fold(s) { return s.normalize("NFD").replace(/[\\u0300-\\u036f]/g, "").toLowerCase(); }
  function pattern(w) {
    var e = w.replace(/[.*+?^${}()|[\\]\\\\]/g, "\\\\$&");
    return new RegExp("(^|[^a-z0-9])" + e + (/[0-9]$/.test(w) ? "(?![0-9])" : ""));
  }
  function run() {
    var words = (fold(box.value).match(/articles?\\s+[0-9]+|\\S+/g) || []).map(function (w) {
      return w.replace(/^articles?\\s+/, "article ");
    }), shown = 0;
    list.textContent = "";
    if (!words.length) { count.textContent = entries.length + " pages"; return; }
    var tests = words.map(pattern);
    entries.forEach(function (e) {
      var text = fold(e.title + " | " + e.text);
      if (!tests.every(function (t) { return t.test(text); })) { return; }
      var li = document.createElement("li"), a = document.createElement("a"), kind = document.createElement("span");
      a.href = e.url; a.textContent = e.title; kind.className = "kind"; kind.textContent = " (" + e.kind + ")";
      if (e.lang) { a.lang = e.lang; }
      li.appendChild(a); li.appendChild(kind); list.appendChild(li); shown += 1;
    });
    count.textContent = shown + " of " + entries.length + " pages";
  }
  box.addEventListener("input", run);
  var q = new URLSearchParams(location.search).get("q");
  if (q) { box.value = q; }
  run();
})();
"""
KINDS = {
    "background_paper": "background paper",
    "regional_needs": "regional analysis",
    "ta_matrix": "needs and supply matrix",
    "expert_pool": "expert pool",
    "country_brief": "country brief",
    "review_coordination": "peer review coordination",
    "recommendations_followup": "follow-up of recommendations",
}


def describe_entry(meta: dict, titles: dict[str, str] | None = None, language: str = "") -> dict:
    """Return a report's search entry: its link, title, kind and the words it is found by (State, group, articles and
    their titles, headings, and every State the report names). titles: {article number: its title}, in the entry's
    language. language: a language the report is written in besides its first one, for its page in that language
    (found by its own title and the articles' titles in that language too)."""
    params, titles = meta["parameters"], titles or {}
    words = [meta.get("state_name", ""), meta.get("state_name_current", ""), params.get("state_code", ""), meta.get("group_name", "")]
    words += [params.get("group_code", ""), meta.get("meeting_name", "")]
    words += [f"article {n}" for n in meta.get("articles", [])] + meta.get("headings", [])
    words += [titles.get(str(n), "") for n in meta.get("articles", [])] + meta.get("states_named", [])
    entry = {
        "url": f"{meta['report_id']}.html",
        "title": meta["title"],
        "kind": KINDS.get(meta["notebook"], meta["notebook"]),
        "text": " | ".join(w for w in dict.fromkeys(words) if w),
    }
    if language:  # the page in that language, under its own title, its kind followed by the language's name
        name = meta.get("language_names", {}).get(language, language)
        entry.update(url=f"{meta['report_id']}.{language}.html", title=meta.get("titles", {}).get(language, meta["title"]), lang=language)
        entry["kind"] += f", {name}"
    return entry


def list_entries(meta: dict, titles: dict[str, dict[str, str]]) -> list[dict]:
    """Return a report's search entries: its page, then its page in each other language it is written in.
    titles: {language: {article number: its title}}."""
    english = titles.get("", {})
    both = lambda lang: {n: " | ".join(t for t in (title, titles.get(lang, {}).get(n)) if t) for n, title in english.items()}  # noqa: E731
    others = [describe_entry(meta, both(lang), lang) for lang in (meta.get("languages") or [])[1:]]
    return [describe_entry(meta, english), *others]


def render_search(metas: list[dict], titles: dict[str, dict[str, str]] | None = None) -> str:
    """Return the search page with its inline index (JSON, '</' escaped so that no entry can close the script): an entry
    per page, a report written in several languages having one per language. titles: read_article_titles."""
    latest_first = sorted(metas, key=lambda m: m.get("meeting_start", ""), reverse=True)
    ordered = sorted(latest_first, key=lambda m: m["notebook"] == "country_brief")  # results: the reports, then the briefs
    entries = [entry for m in ordered for entry in list_entries(m, titles or {})]
    index = json.dumps(entries, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Search the reports</title>'
        f'<style>{STYLE}</style></head><body><h1>Search the reports</h1><p><a href="index.html">Back to the index</a></p>'
        '<p><label for="search-box">State, article (e.g. "article 5" or "laundering"), region or title: </label>'
        '<input id="search-box" type="search" autofocus> <span id="search-count" aria-live="polite"></span></p>'
        f'<ul id="search-results"></ul><script type="application/json" id="search-index">{index}</script>'
        f"<script>{SEARCH_SCRIPT}</script><noscript>The search needs script; the index lists every report.</noscript></body></html>\n"
    )


def read_article_titles(raw: Path | None) -> dict[str, dict[str, str]]:
    """Return the articles' titles from the checklists of the reference data ({} without them): {"": {article number:
    English title}, language: {article number: title}} for each language with a title_<language> column."""
    path = raw / "reference" / "checklist.csv" if raw else None
    if not path or not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r.get("title") and not r.get("paragraph")]
    languages = [c.removeprefix("title_") for c in (rows[0] if rows else {}) if c.startswith("title_")]
    titles = {"": {r["article"]: r["title"] for r in rows}}
    return titles | {lang: {r["article"]: r[f"title_{lang}"] for r in rows if r.get(f"title_{lang}")} for lang in languages}


def write_search(reports_dir: Path, metas: list[dict], raw: Path | None = None) -> bool:
    """Write search.html when it changes (articles found by their titles too, from raw's checklists); return whether."""
    return write_if_changed(reports_dir / PAGE, render_search(metas, read_article_titles(raw)).encode("utf-8"))
