"""The masthead of a document the secretariat issues, from the meeting's data (meetings.csv), and its HTML."""

from __future__ import annotations

from datetime import date
from html import escape

import pandas as pd

from lib.model.disclosure import Policy
from lib.present.narrative import format_date, format_meeting_dates

ORIGINAL_LANGUAGE = "English"  # the language the documents are drafted in ("Original: English")
AUTHOR = {  # the author line under the title, as UN documents word it
    "background_paper": "Background paper prepared by the Secretariat",
    "regional_needs": "Background paper prepared by the Secretariat",
    "country_brief": "Prepared by the Secretariat for the donor round-table",
}


def describe_place_dates(meeting: pd.Series) -> str:
    """Return the masthead's place and dates: 'Vienna, 3 and 4 September 2009' (the dates alone without a place)."""
    dates = format_meeting_dates(meeting["start_date"], meeting["end_date"])
    return f"{meeting['place']}, {dates}" if meeting.get("place") else dates


def name_addendum(paper_symbol: str, group_number: int) -> str:
    """Return the symbol of a regional analysis: an addendum of the background paper ('.../2009/2/Add.1'), '' without one."""
    return f"{paper_symbol}/Add.{group_number}" if paper_symbol else ""


def build_masthead(meeting: pd.Series, kind: str, build: str, issued: date, title: str = "", group_number: int = 0) -> dict:
    """Return the masthead fields of a document of a meeting (kind: background_paper, regional_needs or country_brief).

    The background paper carries the meeting's paper symbol and title; a regional analysis is its addendum number
    group_number (the group's place in regional_groups.csv) and is titled `title`; a country brief has no symbol."""
    item = meeting.get("agenda_item")
    has_item = kind != "country_brief" and item is not None and not pd.isna(item)  # a brief is no pre-session document
    symbol = {"background_paper": meeting["paper_symbol"], "regional_needs": name_addendum(meeting["paper_symbol"], group_number)}
    return {
        "body": meeting["body"],
        "symbol": symbol.get(kind, ""),
        "distribution": Policy(build).distribution,
        "date": format_date(pd.Timestamp(meeting["issued_on"]) if not pd.isna(meeting["issued_on"]) else issued),
        "original": ORIGINAL_LANGUAGE,
        "meeting": meeting["meeting_of"],
        "place_dates": describe_place_dates(meeting),
        "agenda_item": f"Item {int(item)} of the provisional agenda" if has_item else "",
        "agenda_footnote": f"{meeting['agenda_symbol']}." if has_item and meeting["agenda_symbol"] else "",
        "agenda_title": meeting["agenda_title"] if has_item else "",
        "title": title or meeting["paper_title"],
        "author": AUTHOR[kind],
    }


def render_masthead_html(m: dict) -> str:
    """Return the masthead as escaped HTML: symbol and distribution at the top, the body, meeting, agenda item, title."""
    e = {k: escape(str(v)) for k, v in m.items()}
    star = "*" if m["agenda_footnote"] else ""
    lines = [
        f'<div class="uncac-masthead"><div class="uncac-mh-top"><span class="uncac-mh-un">United Nations</span>'
        f'<span class="uncac-mh-symbol">{e["symbol"]}</span></div>',
        f'<div class="uncac-mh-row"><p class="uncac-mh-body">{e["body"]}</p>'
        f'<p class="uncac-mh-distr">Distr.: {e["distribution"]}<br>{e["date"]}<br><br>Original: {e["original"]}</p></div>',
        f'<p class="uncac-mh-meeting"><b>{e["meeting"]}</b><br>{e["place_dates"]}</p>' if m["meeting"] else "",
        f'<p class="uncac-mh-item">{e["agenda_item"]}{star}<br><b>{e["agenda_title"]}</b></p>' if m["agenda_item"] else "",
        f'<h1 class="uncac-mh-title">{e["title"]}</h1><p class="uncac-mh-author">{e["author"]}</p>',
        f'<p class="uncac-footnote">* {e["agenda_footnote"]}</p>' if star else "",
        "</div>",
    ]
    return "".join(lines)
