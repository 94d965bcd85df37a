"""Show the Working Group's register in a background paper, in the form of section III of the Secretariat's report of
28 September 2009, as a paper for the meeting knew it: the recommendations, and the action reported by its cut-off."""

from __future__ import annotations

from html import escape

import pandas as pd

from lib.present.narrative import format_date

SOURCE_SEPARATOR = "; "  # a register source reads '<report>, para. N; <what was inferred>': the second part is shared


def is_known_at(register: pd.DataFrame) -> pd.Series:
    """Return, per recommendation, whether the action taken on it had been reported by the cut-off date."""
    return register["stated_on"].notna() & ~register["is_stated_later"].astype(bool)


def describe_sources(register: pd.DataFrame) -> str:
    """Return one provenance note on where the register comes from: each recommendation's paragraph, and what the
    sources share (how an adoption date was inferred), stated once."""
    if register.empty:
        return ""
    heads, tails = [], set()
    for rid, source in zip(register["recommendation_id"], register["source_text"]):
        head, _, tail = str(source).partition(SOURCE_SEPARATOR)
        heads.append(f"{rid}: {head}")
        tails |= {tail} if tail else set()
    text = "Register of the recommendations of the Working Group, sources: " + "; ".join(heads) + "."
    return text + "".join(f" For all of them, {t}." for t in sorted(tails))


def show_wg_section(rep, register: pd.DataFrame) -> None:
    """Show the register through the report API, as numbered paragraphs: each recommendation under its section
    letter and, when it had been reported by the cut-off date, the action taken (dated). Where each text comes from
    goes to the provenance page (describe_sources), not into the body."""
    section = None
    known = is_known_at(register)
    for r, is_known in zip(register.itertuples(), known):
        letter, _, number = r.recommendation_id.partition(".")
        if letter != section:
            section = letter
            rep.section(str(r.themes), letter=letter)
        texts = r.text.split("\n\n")
        rep.paragraph(escape(f"{'Recommendation ' + number if number else 'Recommendations'}: {texts[0]}"))
        for more in texts[1:]:
            rep.paragraph(escape(more))
        action = [p for p in (r.note_text if isinstance(r.note_text, str) else "").split("\n\n") if p]
        if is_known and action:
            rep.paragraph(escape(f"Action taken, as reported on {format_date(r.stated_on)}: {action[0]}"))
            for more in action[1:]:
                rep.paragraph(escape(more))
    rep.record_provenance(describe_sources(register))
