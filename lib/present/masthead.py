"""The masthead of a document the secretariat issues, from the meeting's data (meetings.csv), and its HTML."""

from __future__ import annotations

from html import escape
from typing import cast

import pandas as pd

from lib.io.reference import LIST_SEPARATOR
from lib.model.disclosure import Policy
from lib.present.document import MastheadFields
from lib.present.i18n import gettext as _, localise, pgettext
from lib.present.narrative import format_date, format_meeting_dates

# The masthead field that shows each column of meetings.csv an `unconfirmed` entry may name.
UNCONFIRMED_FIELDS = {
    "place": "place_dates",
    "agenda_symbol": "agenda_footnote",
    "agenda_item": "agenda_item",
    "agenda_title": "agenda_title",
    "paper_symbol": "symbol",
    "paper_title": "title",
}


def name_author(kind: str) -> str:
    """Return the author line under the title, as UN documents word it."""
    if kind == "country_brief":
        return _("Prepared by the Secretariat for the donor round-table")
    return _("Background paper prepared by the Secretariat")


def describe_place_dates(meeting: pd.Series) -> str:
    """Return the masthead's place and dates: 'Vienna, 3 and 4 September 2009' (the dates alone without a place)."""
    dates = format_meeting_dates(meeting["start_date"], meeting["end_date"])
    return _("{place}, {dates}", place=meeting["place"], dates=dates) if meeting.get("place") else dates


def name_addendum(paper_symbol: str, group_number: int) -> str:
    """Return the symbol of a regional analysis: an addendum of the background paper ('.../2009/2/Add.1'), '' without one."""
    return f"{paper_symbol}/Add.{group_number}" if paper_symbol else ""


def list_unconfirmed(meeting: pd.Series) -> list[str]:
    """Return the columns of meetings.csv that no source at hand confirms for a meeting (its `unconfirmed` list)."""
    value = meeting.get("unconfirmed")
    return [c for c in str(value).split(LIST_SEPARATOR) if c] if isinstance(value, str) else []


def mark_unconfirmed(fields: MastheadFields, meeting: pd.Series, kind: str) -> MastheadFields:
    """Return the masthead of a draft with '[to be confirmed]' after each non-empty field no source confirms.

    A country brief has its own title: the paper's title is not its to confirm."""
    marked = cast(dict[str, str], dict(fields))
    for column in list_unconfirmed(meeting):
        field = UNCONFIRMED_FIELDS.get(column)
        if field and marked.get(field) and not (field == "title" and kind == "country_brief"):
            marked[field] = _("{field} [to be confirmed]", field=marked[field])
    return cast(MastheadFields, marked)


def build_masthead(meeting: pd.Series, kind: str, build: str, title: str = "", group_number: int = 0) -> MastheadFields:
    """Return the masthead fields of a document of a meeting (kind: background_paper, regional_needs or country_brief).

    The background paper carries the meeting's paper symbol and title; a regional analysis is its addendum number
    group_number (the group's place in regional_groups.csv) and is titled `title`; a country brief has no symbol.
    Without a date of issue in the data the document is a draft: its date line says so, and each field no source
    confirms is marked for the editor."""
    meeting = localise(meeting)  # the body, meeting, place and titles in the language written in, where the data give them
    item = meeting.get("agenda_item")
    has_item = kind != "country_brief" and item is not None and not pd.isna(item)  # a brief is no pre-session document
    symbol = {"background_paper": meeting["paper_symbol"], "regional_needs": name_addendum(meeting["paper_symbol"], group_number)}
    issued_on = meeting.get("issued_on")
    is_draft = issued_on is None or pd.isna(issued_on)
    fields: MastheadFields = {
        "body": meeting["body"],
        "symbol": symbol.get(kind, ""),
        "united_nations": _("United Nations"),
        "distribution": _(Policy(build).distribution),
        # a document whose date of issue is not in meetings.csv yet is a draft: its date line is never the build date
        "date": pgettext("the date line of a document not yet issued", "Draft") if is_draft else format_date(pd.Timestamp(issued_on)),
        "original": pgettext("the language the documents are drafted in", "English"),
        "meeting": meeting["meeting_of"],
        "place_dates": describe_place_dates(meeting),
        "agenda_item": _("Item {item} of the provisional agenda", item=int(item)) if has_item else "",
        "agenda_footnote": f"{meeting['agenda_symbol']}." if has_item and meeting["agenda_symbol"] else "",
        "agenda_title": meeting["agenda_title"] if has_item else "",
        "title": meeting["paper_title"] if kind == "regional_needs" else title or meeting["paper_title"],
        "addendum": _("Addendum") if kind == "regional_needs" else "",  # an addendum carries the paper's title, then its own
        "subtitle": title if kind == "regional_needs" else "",
        "author": name_author(kind),
    }
    return mark_unconfirmed(fields, meeting, kind) if is_draft else fields


def render_masthead_html(m: MastheadFields) -> str:
    """Return the masthead as escaped HTML: symbol and distribution at the top, the body, meeting, agenda item, title."""
    e = {k: escape(str(v)) for k, v in m.items()}
    star = "*" if m["agenda_footnote"] else ""
    distr = escape(_("Distr.: {distribution}", distribution=m["distribution"]))
    original = escape(_("Original: {language}", language=m["original"]))
    lines = [
        f'<div class="uncac-masthead"><div class="uncac-mh-top"><span class="uncac-mh-un">{e["united_nations"]}</span>'
        f'<span class="uncac-mh-symbol">{e["symbol"]}</span></div>',
        f'<div class="uncac-mh-row"><p class="uncac-mh-body">{e["body"]}</p>'
        f'<p class="uncac-mh-distr">{distr}<br>{e["date"]}<br><br>{original}</p></div>',
        f'<p class="uncac-mh-meeting"><b>{e["meeting"]}</b><br>{e["place_dates"]}</p>' if m["meeting"] else "",
        f'<p class="uncac-mh-item">{e["agenda_item"]}{star}<br><b>{e["agenda_title"]}</b></p>' if m["agenda_item"] else "",
        f'<h1 class="uncac-mh-title">{e["title"]}</h1>',
        f'<p class="uncac-mh-title">{e["addendum"]}</p><h1 class="uncac-mh-title">{e["subtitle"]}</h1>' if m.get("subtitle") else "",
        f'<p class="uncac-mh-author">{e["author"]}</p>',
        f'<p class="uncac-footnote">* {e["agenda_footnote"]}</p>' if star else "",
        "</div>",
    ]
    return "".join(lines)
