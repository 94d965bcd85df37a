"""Write the fixed parts of the documents the secretariat issues: summary, mandate, purpose, annexes, glossary (escaped)."""

from __future__ import annotations

from html import escape

import pandas as pd

from lib.analysis.ranking import select_extreme
from lib.io.codes import NO_FORM
from lib.io.schema import READER_REASONS, REJECT_REASONS
from lib.model.disclosure import MIN_STATES, SUPPRESSED, SUPPRESSED_SYMBOL
from lib.present.narrative import (
    MAX_NAMED,
    SMALL_NUMBERS,
    capitalise,
    describe_cutoff,
    describe_meeting,
    format_count,
    format_share,
    join_words,
    name_articles,
    plural,
)

# The terms a delegate meets in the documents, defined for readers (the data contract defines the columns).
GLOSSARY = [
    (
        "State party",
        "a State (or regional economic integration organization) that had deposited its instrument of "
        "ratification, acceptance, approval or accession to the Convention by the cut-off date",
    ),
    (
        "Cut-off date",
        "the date up to which self-assessment reports are counted for a meeting; a report received later counts for the next meeting",
    ),
    (
        "Responding State party",
        "a State party whose self-assessment report had been received by the cut-off date; when a "
        "State submitted more than once, its latest report by that date is used",
    ),
    ("Response rate", "responding States parties as a share of all States parties at the cut-off date"),
    (
        "Compliance",
        "what a responding State party reported for an article of the Convention: fully compliant, partly "
        "compliant or not compliant; an article left blank counts as no answer",
    ),
    (
        "Technical assistance need",
        "an article for which a responding State party reported that it needs technical "
        "assistance (or listed forms of assistance without answering the question)",
    ),
    (
        "Need not yet met, as reported by the State",
        "a technical assistance need for which the State party does not report receiving assistance",
    ),
    (
        "Need not covered by any known activity",
        "a need (article and form of assistance) that no ongoing or planned activity of a provider known to the Secretariat "
        "addresses, at the cut-off date; a State may report a need as met that no known activity covers, or the reverse",
    ),
    (
        "Form of technical assistance",
        "the kind of assistance requested, from the checklist's list (for example legal "
        "advice, or capacity-building and training); one need may name several forms",
    ),
    ("Regional group", "the United Nations regional group of a State party; a few parties belong to none"),
    (
        "Per cent",
        "shares are computed from the counts and given in whole per cent in the text (halves rounded up) and to one decimal in the tables",
    ),
]
SUPPRESSION_TERM = (
    SUPPRESSED.capitalize(),
    f"a figure not published in the present document (shown as \u2018{SUPPRESSED_SYMBOL}\u2019 in tables) because it rests on fewer "
    f"than {SMALL_NUMBERS[MIN_STATES]} States, or because it would allow such a figure to be worked out, in the present document or "
    "together with an earlier one",
)


def write_mandate_paragraph(meeting: pd.Series, resolutions: pd.DataFrame | None) -> str:
    """Return the introduction's mandate: what each resolution the meeting cites decided, in the words of its source."""
    ids = [r for r in str(meeting.get("mandate", "")).split(";") if r]
    known = resolutions.set_index("resolution_id") if resolutions is not None and len(resolutions) else pd.DataFrame()
    sentences = []
    for i, rid in enumerate(ids):
        if rid not in known.index:
            continue
        who = f"the {escape(meeting['body'])}" if i == 0 and meeting.get("body") else "the Conference"
        sentences.append(f"In its resolution {escape(rid)}, {who} {escape(known.loc[rid, 'decision'])}.")
    return " ".join(sentences)


def write_purpose_paragraph(meeting: pd.Series, kind: str, group_name: str = "") -> str:
    """Return what the present document covers, for the background paper or a regional analysis (its addendum)."""
    held = escape(describe_meeting(meeting))
    where = f" in {escape(meeting['place'])}" if meeting.get("place") else ""
    if kind == "regional_needs":
        paper = f" ({escape(meeting['paper_symbol'])})" if meeting.get("paper_symbol") else ""
        return (
            f"The present addendum to the background paper{paper} prepared by the Secretariat for the meeting of the Working "
            f"Group {held}{where} analyses the self-assessment reports of the States parties of the {escape(group_name)} "
            f"received by {escape(describe_cutoff(meeting))}: the group's technical assistance needs set against the global "
            f"figures, the forms of assistance it requests most, and its priority needs."
        )
    return (
        f"The present background paper was prepared by the Secretariat for the meeting of the Working Group {held}{where}. "
        f"It gives a global overview of the self-assessment reports received by {escape(describe_cutoff(meeting))}: the "
        f"response to the checklist, compliance with the articles it covers, the technical assistance needed, by article, "
        f"by form and by regional group, the assistance already provided, and the change since the previous meeting."
    )


def name_top_needs(ta_needs: pd.DataFrame, forms: pd.DataFrame) -> str:
    """Return the summary's sentence on the articles and forms most often cited, by the rule of the needs paragraph ('' if
    a figure it would rest on is suppressed)."""
    top = select_extreme(ta_needs, "ta_needed_n")
    first = select_extreme(forms[forms["ta_form_code"] != NO_FORM], "needs_n")
    if top.empty or first.empty:
        return ""
    labels = [escape(str(v).lower()) for v in first["label"]]
    form_text = join_words(labels) if len(labels) <= 3 else f"{format_count(len(labels))} forms equally"
    return (
        f" Technical assistance was most often required in respect of {name_articles(top, with_titles=False)}, and most "
        f"frequently requested in the form of {form_text}."
    )


def write_summary(
    summary: dict,
    meeting: pd.Series,
    ta_needs: pd.DataFrame,
    forms: pd.DataFrame,
    compliance: pd.DataFrame,
    by_group: pd.DataFrame,
    change: pd.DataFrame | None,
    previous: pd.Series | None,
) -> list[str]:
    """Return the background paper's summary, one paragraph each: the response by the cut-off, compliance, the needs
    most often cited, how the regional groups differ and the change since the previous meeting (a sentence whose
    figures a public version suppresses is left out)."""
    opening = (
        f"The present paper gives an overview of the self-assessment reports on the implementation of the Convention "
        f"received by {escape(describe_cutoff(meeting))} from "
        f"{plural(summary['responding_parties_n'], 'State party', 'States parties')} (equal to "
        f"{format_share(summary['responding_parties_n'], summary['parties_n'])} of the "
        f"{format_count(summary['parties_n'])} States parties at that date)."
    )
    rest = [summarise_compliance(compliance), name_top_needs(ta_needs, forms).strip(), summarise_groups(by_group)]
    rest.append(summarise_change(change, previous))
    return [opening, " ".join(t for t in rest if t)]


def summarise_compliance(compliance: pd.DataFrame) -> str:
    """Return the summary's sentence on compliance: the share of answers reporting full compliance, and the articles
    with the highest and lowest shares ('' when a figure it rests on is suppressed)."""
    top, low = select_extreme(compliance, "full_pct"), select_extreme(compliance, "full_pct", largest=False)
    counts = compliance[["full_n", "responding_parties_n"]] if {"full_n", "responding_parties_n"} <= set(compliance) else None
    if top.empty or low.empty or counts is None or counts.isna().any().any() or top.index.equals(low.index):
        return ""
    share = format_share(compliance["full_n"].sum(), compliance["responding_parties_n"].sum())
    return (
        f"Respondents reported full compliance in {share} of their answers, most often with "
        f"{name_articles(top, with_titles=False)} and least often with {name_articles(low, with_titles=False)}."
    )


def summarise_groups(by_group: pd.DataFrame) -> str:
    """Return the summary's sentence on regional differences: the group and article with the highest share of
    respondents needing assistance, among groups of at least MIN_BASE respondents ('' when none can be named)."""
    top = select_extreme(by_group.dropna(subset=["ta_needed_pct"]), "ta_needed_pct", base_col="responding_parties_n")
    if top.empty or len(top) > MAX_NAMED:
        return ""
    places = join_words([f"among the {escape(r.group_name)} for article {escape(str(r.provision))}" for r in top.itertuples()])
    return f"Needs differed between regional groups; the share of respondents needing assistance was highest {places}."


def summarise_change(change: pd.DataFrame | None, previous: pd.Series | None) -> str:
    """Return the summary's sentence on the change in the response since the previous meeting ('' without one)."""
    if change is None or previous is None:
        return ""
    moved = change.set_index("indicator").loc["Responding States parties", "change"]
    if pd.isna(moved):
        return ""
    moved = int(moved)
    how = f"rose by {format_count(moved)}" if moved > 0 else f"fell by {format_count(-moved)}" if moved < 0 else "did not change"
    return f"Since the meeting {escape(describe_meeting(previous))}, the number of responding States parties {how}."


def write_region_summary(group_name: str, response: pd.DataFrame, meeting: pd.Series, ta_needs: pd.DataFrame, forms: pd.DataFrame) -> str:
    """Return a regional analysis's summary: the group's response by the cut-off, and its needs most often cited."""
    row = response[response["group_name"] == group_name]
    if row.empty or pd.isna(row.iloc[0]["responding_parties_n"]):
        return (
            f"The present addendum analyses the self-assessment reports of the States parties of the {escape(group_name)} "
            f"received by {escape(describe_cutoff(meeting))}; the group's counts are suppressed in the present document."
        )
    r = row.iloc[0]
    return (
        f"The present addendum analyses the self-assessment reports of the {escape(group_name)} received by "
        f"{escape(describe_cutoff(meeting))} from {plural(r['responding_parties_n'], 'State party', 'States parties')} of the "
        f"group (equal to {format_share(r['responding_parties_n'], r['parties_n'])} of its "
        f"{format_count(r['parties_n'])} States parties)." + name_top_needs(ta_needs, forms)
    )


def write_quality_paragraph(rows: pd.Series, meeting: pd.Series) -> str:
    """Return the data-quality annex's account of the rows of the self-assessment reports as they stood at the cut-off."""
    return (
        f"The self-assessment reports received are read row by row (one row per article of a report). As they stood at "
        f"the cut-off date, {escape(describe_cutoff(meeting))}, the {format_count(rows['rows_read_n'])} rows received were "
        f"accounted for as follows:"
    )


def list_quality_items(rows: pd.Series, reasons: pd.DataFrame) -> list:
    """Return the subparagraphs of the data-quality account: used, superseded, not used and rejected rows, the rejected
    ones by reason in words (sub-items)."""
    was = lambda n: "was" if int(n) == 1 else "were"  # noqa: E731
    items = [
        f"{capitalise(format_count(rows['rows_used_n']))} {was(rows['rows_used_n'])} used: the latest report of each State by that date;",
        f"{capitalise(format_count(rows['rows_superseded_n']))} belonged to earlier reports that a later one superseded;",
        f"{capitalise(format_count(rows['rows_not_used_n']))} {was(rows['rows_not_used_n'])} not used for this meeting "
        f"(received after its cut-off date, or for another checklist);",
    ]
    why = [
        f"{format_count(r.rows_n)} {escape(READER_REASONS.get(r.reason_code, REJECT_REASONS.get(r.reason_code, r.reason_code)))};"
        for r in reasons.itertuples()
    ]
    if why:
        why[-1] = why[-1][:-1] + "."
    several = " (a row may fail for more than one reason)" if int(reasons["rows_n"].sum()) > int(rows["rows_rejected_n"]) else ""
    rejected = (
        f"{capitalise(format_count(rows['rows_rejected_n']))} {was(rows['rows_rejected_n'])} rejected, each with its reason{several}"
        + (":" if why else ".")
    )
    return [*items, (rejected, why)]


def list_respondents_paragraphs(respondents: pd.DataFrame) -> list[str]:
    """Return Annex I's paragraphs: each regional group with the number and names of its responding States parties."""
    return [
        capitalise(f"{escape(group)} ({format_count(len(rows))}): {escape(join_words(list(rows['state_name'])))}.")
        for group, rows in respondents.groupby("group_name", sort=False)
    ]


def tabulate_glossary(is_public: bool) -> pd.DataFrame:
    """Return the glossary of the terms readers meet (with 'suppressed' in a public edition)."""
    terms = GLOSSARY + ([SUPPRESSION_TERM] if is_public else [])
    return pd.DataFrame(terms, columns=["term", "meaning"])
