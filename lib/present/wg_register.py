"""Render the Working Group's register in the form of section III of the Secretariat's report of 28 September 2009."""

from __future__ import annotations

from html import escape

import pandas as pd


def render_wg_section(register: pd.DataFrame, cutoff) -> str:
    """Return the escaped HTML of the register in the form of section III of the secretariat's 2009 report.

    Each recommendation, its status at the cut-off date, and the action taken as the register states it, dated, with
    a note when that statement is later than the meeting."""
    from lib.present.narrative import format_date

    parts, section = [], None
    for r in register.itertuples():
        letter, _, number = r.recommendation_id.partition(".")
        if letter != section:
            section = letter
            parts.append(f'<h3 class="uncac-wg-section">{escape(letter)}. {escape(r.themes)}</h3>')
        heading = f"{number}. Recommendation" if number else "Recommendations"
        paragraphs = "".join(f"<p>{escape(p)}</p>" for p in r.text.split("\n\n"))
        action = "".join(f"<p>{escape(p)}</p>" for p in str(r.note_text if isinstance(r.note_text, str) else "").split("\n\n") if p)
        stated = "" if pd.isna(r.stated_on) else format_date(r.stated_on)
        when = (
            (f"Action taken, as reported on {escape(stated)}" + (" (after this meeting)" if r.is_stated_later else ""))
            if stated
            else "Action taken"
        )
        parts.append(
            f'<div class="uncac-wg-rec"><h4>{escape(heading)}</h4>{paragraphs}<p class="uncac-note">{escape(r.source_text)}</p>'
            f"<h4>{when}</h4>{action or '<p>No action reported.</p>'}"
            f'<p class="uncac-status">Status at the cut-off date ({escape(format_date(cutoff))}), on the common scale: '
            f"<b>{escape(r.common_status)}</b>."
            + (f" Status as the text of {escape(stated)} states it: <b>{escape(r.stated_status)}</b>." if stated else "")
            + f' <span class="uncac-note">{escape(str(r.action_source if isinstance(r.action_source, str) else ""))}</span></p></div>'
        )
    return "".join(parts)
