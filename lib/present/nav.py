"""Add a report page's navigation: back to the index, its contents, its related reports and its downloads (no script).

The box stays a few lines high (contents, related reports and downloads folded), so the document's masthead and the
synthetic-sample banner show on the first screen."""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from html import escape, unescape
from pathlib import Path

from babel import Locale

from lib.io.messages import N_
from lib.present.i18n import gettext as _

INDEX_PAGE = "index.html"  # beside every report page: links stay relative, so a copied folder keeps working
SEARCH_PAGE = "search.html"
CHANGES_PAGE = "changes.html"
TOC_MIN_HEADINGS = 4  # a page with fewer headings is short enough to read without a table of contents
HEADING = re.compile(r"<h([23])((?:\s[^>]*)?)>(.*?)</h\1>", re.S)
HEADING_ID = re.compile(r'\sid="([^"]*)"')
TAG = re.compile(r"<[^>]+>")
CSV_TABLE = re.compile(r'<table[^>]*\sdata-csv="([^"]+)"[^>]*>\s*<caption>(.*?)</caption>', re.S)
ARTICLE = re.compile(r"\b[Aa]rticles?\s+(\d{1,2})\b")
ARTICLE_COLUMNS = ("provision", "article")  # the CSV columns that hold an article of the Convention ("46" or "46(9)")
LEADING_NUMBER = re.compile(r"^(\d{1,2})\b")
PILCROW = "\u00b6"  # nbconvert's anchor link after a markdown heading: not part of its text


def strip_tags(fragment: str) -> str:
    """Return the text of an HTML fragment (tags removed, entities read, the heading anchor's pilcrow dropped)."""
    return " ".join(unescape(TAG.sub(" ", fragment)).replace(PILCROW, "").split())  # a tag parts words ("Annex I</span>States")


def add_heading_ids(html: str) -> tuple[str, list[tuple[int, str, str]]]:
    """Give every h2 and h3 an id (keeping the one it has); return the page and its headings as (level, id, text)."""
    headings: list[tuple[int, str, str]] = []

    def label(match: re.Match) -> str:
        level, attrs, inner = match.groups()
        found = HEADING_ID.search(attrs)
        anchor = found.group(1) if found else f"section-{len(headings) + 1}"
        headings.append((int(level), anchor, strip_tags(inner)))
        return match.group(0) if found else f'<h{level}{attrs} id="{anchor}">{inner}</h{level}>'

    return HEADING.sub(label, html), headings


def render_toc(headings: list[tuple[int, str, str]]) -> str:
    """Return the page's table of contents, h3 nested under their h2 ('' for a short page)."""
    if len(headings) < TOC_MIN_HEADINGS:
        return ""
    parts: list[str] = []
    open_sub = False
    for level, anchor, text in headings:
        if level == 3 and not open_sub and parts:
            parts.append("<ul>")
            open_sub = True
        elif level == 2 and open_sub:
            parts.append("</ul>")
            open_sub = False
        parts.append(f'<li><a href="#{escape(anchor)}">{escape(text)}</a></li>')
    parts.append("</ul>" if open_sub else "")
    contents = escape(_("Contents"))
    return f'<details class="uncac-toc"><summary>{contents}</summary><ul>{"".join(parts)}</ul></details>'


def list_table_captions(html: str) -> dict[str, str]:
    """Return {CSV file: the caption of the table it holds} from the tables' data-csv attributes."""
    return {csv: strip_tags(caption) for csv, caption in CSV_TABLE.findall(html)}


def list_articles(html: str) -> list[int]:
    """Return the articles of the Convention a page names ('article 5', 'articles 15 and 16' counts 15), in order."""
    return sorted({int(n) for n in ARTICLE.findall(strip_tags(html))})


def list_named_states(html: str, names: list[str]) -> list[str]:
    """Return the States a page names, of the given names (UN short names), in order: what the site's search finds a
    report by, beyond the State of a brief."""
    text = strip_tags(html)  # a name the text does not hold at all is ruled out before its word-bounded search (200 names)
    return sorted(n for n in set(names) if n and n in text and re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text))


def list_csv_articles(folder: Path) -> list[int]:
    """Return the articles a report's CSV tables have rows for (their provision or article column), in order."""
    found = set()
    for path in folder.glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                for column in ARTICLE_COLUMNS:
                    if number := LEADING_NUMBER.match(row.get(column) or ""):
                        found.add(int(number.group(1)))
    return sorted(found)


def find_related(report_id: str, ids: list[str], groups: dict[tuple[str, str], str], meetings: list[str]) -> list[tuple[str, str]]:
    """Return (report id, how it relates) for the reports of the build a reader of this one goes to next.

    groups: {(State code, meeting): group code}; meetings: the meeting ids, oldest first. A regional analysis links
    its meeting's background paper and its group's briefs; a brief its region's analysis, background paper and the
    State's previous brief; a background paper the previous and next meetings' papers and its meeting's other reports.
    """
    notebook, *values = report_id.split("--")
    meeting = values[-1] if notebook in ("background_paper", "regional_needs", "ta_matrix", "expert_pool", "country_brief") else ""
    if not meeting:
        return []
    at = meetings.index(meeting) if meeting in meetings else -1
    previous = meetings[at - 1] if at > 0 else ""
    following = meetings[at + 1] if 0 <= at < len(meetings) - 1 else ""
    paper = (f"background_paper--{meeting}", N_("the meeting's background paper"))
    if notebook == "regional_needs":
        briefs = sorted(
            i
            for i in ids
            if i.startswith("country_brief--")
            and i.endswith(f"--{meeting}")
            and groups.get((i.removeprefix("country_brief--").removesuffix(f"--{meeting}"), meeting)) == values[0]
        )
        related = [paper] + [(b, N_("country brief of the group")) for b in briefs]
    elif notebook == "country_brief":
        group = groups.get((values[0], meeting), "")
        related = [(f"regional_needs--{group}--{meeting}", N_("the region's analysis")), paper]
        related.append((f"country_brief--{values[0]}--{previous}", N_("the State's brief for the previous meeting")))
    elif notebook == "background_paper":
        related = [
            (f"background_paper--{previous}", N_("the previous meeting's paper")),
            (f"background_paper--{following}", N_("the next meeting's paper")),
        ]
        related += [
            (i, N_("report for this meeting"))
            for i in ids
            if i.endswith(f"--{meeting}") and not i.startswith(("country_brief--", "background_paper--"))
        ]
    else:
        related = [paper]
    present = set(ids)
    return [(i, how) for i, how in related if i in present and i != report_id]


def render_related(related: list[tuple[str, str, str]]) -> str:
    """Return the list of related reports, each (report id, title, how it relates) ('' when there is none)."""
    if not related:
        return ""
    items = "".join(f'<li><a href="{escape(i)}.html">{escape(title)}</a> ({escape(_(how))})</li>' for i, title, how in related)
    summary = escape(_("Related reports ({count})", count=len(related)))
    return f'<details><summary>{summary}</summary><ul class="uncac-related">{items}</ul></details>'


def render_downloads(report_id: str, tables: list[str], captions: dict[str, str], files: list[str]) -> str:
    """Return the report's downloads: its documents and workbooks (files), then each table's CSV under its caption, in page order."""
    kinds = {"docx": "Word", "pdf": "PDF", "xlsx": _("Excel workbook"), "ics": _("Calendar")}
    items = [f'<li><a href="{escape(f)}">{kinds.get(f.rsplit(".", 1)[-1], escape(f))}</a></li>' for f in files]
    csv = escape(_("CSV"))
    in_order = [t for t in captions if t in tables] + [t for t in tables if t not in captions]  # page order, then the others
    items += [
        f'<li><a href="{escape(report_id)}/{escape(t)}">{escape(captions.get(t, t[:-4].replace("_", " ")))}</a> ({csv})</li>'
        for t in in_order
    ]
    downloads = escape(_("Downloads ({count})", count=len(items)))
    return f'<details class="uncac-downloads"><summary>{downloads}</summary><ul>{"".join(items)}</ul></details>' if items else ""


def name_language(language: str) -> str:
    """Return a language's name as it names itself, with a capital: 'English', 'Français', 'Español' (CLDR)."""
    name = Locale.parse(language).get_display_name(language) or language
    return name[:1].upper() + name[1:]


def render_navigation(
    page: str,
    report_id: str,
    tables: list[str],
    files: list[str],
    related: list[tuple[str, str, str]],
    languages: Sequence[tuple[str, str]] = (),
) -> str:
    """Return the page with its navigation after <main>: index, search and changes links, the page in its other
    languages ((language, page id) pairs, each named in its own language), contents, related reports, downloads."""
    page, headings = add_heading_ids(page)
    other = " | ".join(
        f'<a href="{escape(page_id)}.html" hreflang="{escape(lang)}" lang="{escape(lang)}">{escape(name_language(lang))}</a>'
        for lang, page_id in languages
    )
    index, search, changes = escape(_("All reports (index)")), escape(_("Search")), escape(_("What changed"))
    links = (
        f'<p><a href="{INDEX_PAGE}">{index}</a> | <a href="{SEARCH_PAGE}">{search}</a> | '
        f'<a href="{CHANGES_PAGE}">{changes}</a>{" | " + other if other else ""}</p>'
    )
    nav = (
        f'<nav class="uncac-nav" aria-label="Report navigation">{links}{render_toc(headings)}{render_related(related)}'
        f"{render_downloads(report_id, tables, list_table_captions(page), files)}</nav>"
    )
    at = page.find("<main>", max(page.find("<body"), 0)) + len("<main>")  # the body's main, not a mention in the stylesheet
    return page[:at] + nav + page[at:]
