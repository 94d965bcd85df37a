"""Write the combined calendar of the review mechanisms as an iCalendar file (RFC 5545) that calendar applications import."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pandas as pd

ICS_STATUS = {"planned": "TENTATIVE", "postponed": "TENTATIVE", "confirmed": "CONFIRMED", "held": "CONFIRMED", "cancelled": "CANCELLED"}


def write_ics(events: pd.DataFrame, path: Path, stamp: datetime) -> Path:
    """Write the events as an iCalendar file (RFC 5545, all-day events) that calendar applications import."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//UNODC secretariat//UNCAC peer review calendar//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Anti-corruption peer reviews")
    for e in events.itertuples():
        item = Event()
        where = f" - {e.state_name}" if e.state_name else ""
        item.add("uid", f"{e.event_id}-{e.mechanism_id}@uncac-ta")
        item.add("dtstamp", stamp)
        item.add("summary", f"{e.mechanism_id}: {e.event_type}{where}")
        item.add("dtstart", e.start_date.date())
        item.add("dtend", (e.end_date + timedelta(days=1)).date())  # DTEND of an all-day event is exclusive
        item.add("status", ICS_STATUS.get(e.status, "TENTATIVE"))
        item.add("categories", [e.mechanism_id, e.event_type])
        if e.round:
            item.add("description", f"{e.mechanism_id} {e.round}; status: {e.status}")
        cal.add_component(item)
    path.write_bytes(cal.to_ical())
    return path
