"""Write the fixed parts of the documents the secretariat issues: summary, mandate, purpose, annexes, glossary (escaped),
each sentence a whole message of the catalog."""

from __future__ import annotations

from html import escape

import pandas as pd

from lib.analysis.ranking import select_extreme
from lib.io.codes import NO_FORM
from lib.io.schema import READER_REASONS, REJECT_REASONS
from lib.model.disclosure import MIN_STATES, SUPPRESSED, SUPPRESSED_SYMBOL
from lib.present.i18n import gettext as _, make_translatable, ngettext, pgettext
from lib.present.narrative import (
    MAX_NAMED,
    WRITER_PREFIXES,
    capitalise,
    count_or_none,
    count_states_parties,
    describe_cutoff,
    describe_meeting,
    format_count,
    format_share,
    join_words,
    name_articles,
)


def list_glossary_terms() -> list[tuple[str, str]]:
    """Return the terms a delegate meets in the documents, defined for readers (the data contract defines the columns)."""
    return [
        (
            _("State party"),
            _(
                "a State (or regional economic integration organization) that had deposited its instrument of ratification, "
                "acceptance, approval or accession to the Convention by the cut-off date"
            ),
        ),
        (
            _("Cut-off date"),
            _(
                "the date up to which self-assessment reports are counted for a meeting; a report received later counts for "
                "the next meeting"
            ),
        ),
        (
            _("Responding State party"),
            _(
                "a State party whose self-assessment report had been received by the cut-off date; when a State submitted "
                "more than once, its latest report by that date is used"
            ),
        ),
        (_("Response rate"), _("responding States parties as a share of all States parties at the cut-off date")),
        (
            _("Compliance"),
            _(
                "what a responding State party reported for an article of the Convention: fully compliant, partly compliant "
                "or not compliant; an article left blank counts as no answer"
            ),
        ),
        (
            _("Technical assistance need"),
            _(
                "an article for which a responding State party reported that it needs technical assistance (or listed forms "
                "of assistance without answering the question)"
            ),
        ),
        (
            _("Need not yet met, as reported by the State"),
            _("a technical assistance need for which the State party does not report receiving assistance"),
        ),
        (
            _("Need not covered by any known activity"),
            _(
                "a need (article and form of assistance) that no ongoing or planned activity of a provider known to the "
                "Secretariat addresses, at the cut-off date; a State may report a need as met that no known activity "
                "covers, or the reverse"
            ),
        ),
        (
            _("Form of technical assistance"),
            _(
                "the kind of assistance requested, from the checklist's list (for example legal advice, or capacity-building "
                "and training); one need may name several forms"
            ),
        ),
        (_("Regional group"), _("the United Nations regional group of a State party; a few parties belong to none")),
        (
            _("Per cent"),
            _(
                "shares are computed from the counts and given in whole per cent in the text (halves rounded up) and to one "
                "decimal in the tables"
            ),
        ),
    ]


def describe_suppression_term() -> tuple[str, str]:
    """Return the glossary entry of a public version for a suppressed figure (the rule's threshold from MIN_STATES)."""
    return (
        _(SUPPRESSED).capitalize(),
        _(
            "a figure not published in the present document (shown as \u2018{symbol}\u2019 in tables) because it rests on "
            "fewer than {minimum} States, or because it would allow such a figure to be worked out, in the present document "
            "or together with an earlier one",
            symbol=SUPPRESSED_SYMBOL,
            minimum=format_count(MIN_STATES),
        ),
    )


def write_mandate_paragraph(meeting: pd.Series, resolutions: pd.DataFrame | None) -> str:
    """Return the introduction's mandate: what each resolution the meeting cites decided, in the words of its source."""
    ids = [r for r in str(meeting.get("mandate", "")).split(";") if r]
    known = resolutions.set_index("resolution_id") if resolutions is not None and len(resolutions) else pd.DataFrame()
    sentences = []
    for i, rid in enumerate(ids):
        if rid not in known.index:
            continue
        fields = dict(resolution=escape(rid), decision=escape(known.loc[rid, "decision"]))
        if i == 0 and meeting.get("body"):
            sentences.append(_("In its resolution {resolution}, the {body} {decision}.", body=escape(meeting["body"]), **fields))
        else:
            sentences.append(_("In its resolution {resolution}, the Conference {decision}.", **fields))
    return " ".join(sentences)


def write_purpose_paragraph(meeting: pd.Series, kind: str, group_name: str = "") -> str:
    """Return what the present document covers, for the background paper or a regional analysis (its addendum)."""
    fields = dict(
        held=escape(describe_meeting(meeting)),
        place=escape(meeting["place"]) if meeting.get("place") else "",
        cutoff=escape(describe_cutoff(meeting)),
        group=escape(group_name),
        paper=escape(meeting["paper_symbol"]) if meeting.get("paper_symbol") else "",
    )
    if kind == "regional_needs":
        if fields["paper"] and fields["place"]:
            return _(
                "The present addendum to the background paper ({paper}) prepared by the Secretariat for the meeting of the "
                "Working Group {held} in {place} analyses the self-assessment reports of the States parties of the {group} "
                "received by {cutoff}: the group's technical assistance needs set against the global figures, the forms of "
                "assistance it requests most, and its priority needs.",
                **fields,
            )
        if fields["paper"]:
            return _(
                "The present addendum to the background paper ({paper}) prepared by the Secretariat for the meeting of the "
                "Working Group {held} analyses the self-assessment reports of the States parties of the {group} received by "
                "{cutoff}: the group's technical assistance needs set against the global figures, the forms of assistance "
                "it requests most, and its priority needs.",
                **fields,
            )
        if fields["place"]:
            return _(
                "The present addendum to the background paper prepared by the Secretariat for the meeting of the Working "
                "Group {held} in {place} analyses the self-assessment reports of the States parties of the {group} received "
                "by {cutoff}: the group's technical assistance needs set against the global figures, the forms of "
                "assistance it requests most, and its priority needs.",
                **fields,
            )
        return _(
            "The present addendum to the background paper prepared by the Secretariat for the meeting of the Working Group "
            "{held} analyses the self-assessment reports of the States parties of the {group} received by {cutoff}: the "
            "group's technical assistance needs set against the global figures, the forms of assistance it requests most, and "
            "its priority needs.",
            **fields,
        )
    scope = _(
        "It gives a global overview of the self-assessment reports received by {cutoff}: the response to the checklist, "
        "compliance with the articles it covers, the technical assistance needed, by article, by form and by regional "
        "group, the assistance already provided, and the change since the previous meeting.",
        **fields,
    )
    if fields["place"]:
        opening = _(
            "The present background paper was prepared by the Secretariat for the meeting of the Working Group {held} in {place}.", **fields
        )
    else:
        opening = _("The present background paper was prepared by the Secretariat for the meeting of the Working Group {held}.", **fields)
    return f"{opening} {scope}"


def name_top_needs(ta_needs: pd.DataFrame, forms: pd.DataFrame) -> str:
    """Return the summary's sentence on the articles and forms most often cited, by the rule of the needs paragraph ('' if
    a figure it would rest on is suppressed)."""
    top = select_extreme(ta_needs, "ta_needed_n")
    first = select_extreme(forms[forms["ta_form_code"] != NO_FORM], "needs_n")
    if top.empty or first.empty:
        return ""
    labels = [escape(str(v).lower()) for v in first["label"]]
    articles = name_articles(top, with_titles=False)
    if len(labels) > MAX_NAMED:
        return _(
            "Technical assistance was most often required in respect of {articles}, and most frequently requested in "
            "{count} forms equally.",
            articles=articles,
            count=format_count(len(labels)),
        )
    return _(
        "Technical assistance was most often required in respect of {articles}, and most frequently requested in the form of {forms}.",
        articles=articles,
        forms=join_words(labels),
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
    opening = _(
        "The present paper gives an overview of the self-assessment reports on the implementation of the Convention "
        "received by {cutoff} from {parties} (equal to {share} of the {total} States parties at that date).",
        cutoff=escape(describe_cutoff(meeting)),
        parties=count_states_parties(summary["responding_parties_n"]),
        share=format_share(summary["responding_parties_n"], summary["parties_n"]),
        total=format_count(summary["parties_n"]),
    )
    rest = [summarise_compliance(compliance), name_top_needs(ta_needs, forms), summarise_groups(by_group)]
    rest.append(summarise_change(change, previous))
    return [opening, " ".join(t for t in rest if t)]


def summarise_compliance(compliance: pd.DataFrame) -> str:
    """Return the summary's sentence on compliance: the share of answers reporting full compliance, and the articles
    with the highest and lowest shares ('' when a figure it rests on is suppressed)."""
    top, low = select_extreme(compliance, "full_pct"), select_extreme(compliance, "full_pct", largest=False)
    counts = compliance[["full_n", "responding_parties_n"]] if {"full_n", "responding_parties_n"} <= set(compliance) else None
    if top.empty or low.empty or counts is None or counts.isna().any().any() or top.index.equals(low.index):
        return ""
    return _(
        "Respondents reported full compliance in {share} of their answers, most often with {top} and least often with {low}.",
        share=format_share(compliance["full_n"].sum(), compliance["responding_parties_n"].sum()),
        top=name_articles(top, with_titles=False),
        low=name_articles(low, with_titles=False),
    )


def summarise_groups(by_group: pd.DataFrame) -> str:
    """Return the summary's sentence on regional differences: the group and article with the highest share of
    respondents needing assistance, among groups of at least MIN_BASE respondents ('' when none can be named)."""
    top = select_extreme(by_group.dropna(subset=["ta_needed_pct"]), "ta_needed_pct", base_col="responding_parties_n")
    if top.empty or len(top) > MAX_NAMED:
        return ""
    places = join_words(
        [
            _("among the {group} for article {article}", group=escape(r.group_name), article=escape(str(r.provision)))
            for r in top.itertuples()
        ]
    )
    return _("Needs differed between regional groups; the share of respondents needing assistance was highest {places}.", places=places)


def summarise_change(change: pd.DataFrame | None, previous: pd.Series | None) -> str:
    """Return the summary's sentence on the change in the response since the previous meeting ('' without one)."""
    if change is None or previous is None:
        return ""
    moved = change.set_index("indicator").loc["Responding States parties", "change"]
    if pd.isna(moved):
        return ""
    moved = int(moved)
    fields = dict(meeting=escape(describe_meeting(previous)), count=format_count(abs(moved)))
    if moved > 0:
        return _("Since the meeting {meeting}, the number of responding States parties rose by {count}.", **fields)
    if moved < 0:
        return _("Since the meeting {meeting}, the number of responding States parties fell by {count}.", **fields)
    return _("Since the meeting {meeting}, the number of responding States parties did not change.", **fields)


def write_region_summary(group_name: str, response: pd.DataFrame, meeting: pd.Series, ta_needs: pd.DataFrame, forms: pd.DataFrame) -> str:
    """Return a regional analysis's summary: the group's response by the cut-off, and its needs most often cited."""
    row = response[response["group_name"] == group_name]
    fields = dict(group=escape(group_name), cutoff=escape(describe_cutoff(meeting)))
    if row.empty or pd.isna(row.iloc[0]["responding_parties_n"]):
        return _(
            "The present addendum analyses the self-assessment reports of the States parties of the {group} received by "
            "{cutoff}; the group's counts are suppressed in the present document.",
            **fields,
        )
    r = row.iloc[0]
    text = _(
        "The present addendum analyses the self-assessment reports of the {group} received by {cutoff} from {parties} of the "
        "group (equal to {share} of its {total} States parties).",
        parties=count_states_parties(r["responding_parties_n"]),
        share=format_share(r["responding_parties_n"], r["parties_n"]),
        total=format_count(r["parties_n"]),
        **fields,
    )
    needs = name_top_needs(ta_needs, forms)
    return f"{text} {needs}" if needs else text


def write_quality_paragraph(rows: pd.Series, meeting: pd.Series) -> str:
    """Return the data-quality annex's account of the rows of the self-assessment reports as they stood at the cut-off."""
    return _(
        "The self-assessment reports received are read row by row (one row per article of a report). As they stood at the "
        "cut-off date, {cutoff}, the {count} rows received were accounted for as follows:",
        cutoff=escape(describe_cutoff(meeting)),
        count=format_count(rows["rows_read_n"]),
    )


def describe_reason(reason_code: str) -> str:
    """Return why rows were rejected, as a reader is told it ('left a required answer blank'), in the current language."""
    return _(READER_REASONS[reason_code]) if reason_code in READER_REASONS else REJECT_REASONS.get(reason_code, reason_code)


def list_quality_items(rows: pd.Series, reasons: pd.DataFrame) -> list:
    """Return the subparagraphs of the data-quality account: used, superseded, not used and rejected rows, the rejected
    ones by reason in words (sub-items)."""
    n = lambda column: int(rows[column])  # noqa: E731
    items = [
        capitalise(
            ngettext(
                "{count} was used: the latest report of each State by that date;",
                "{count} were used: the latest report of each State by that date;",
                n("rows_used_n"),
                count=count_or_none(n("rows_used_n")),
            )
        ),
        capitalise(
            ngettext(
                "{count} belonged to earlier reports that a later one superseded;",
                "{count} belonged to earlier reports that a later one superseded;",
                n("rows_superseded_n"),
                count=count_or_none(n("rows_superseded_n")),
            )
        ),
        capitalise(
            ngettext(
                "{count} was not used for this meeting (received after its cut-off date, or for another checklist);",
                "{count} were not used for this meeting (received after its cut-off date, or for another checklist);",
                n("rows_not_used_n"),
                count=count_or_none(n("rows_not_used_n")),
            )
        ),
    ]
    why = [
        pgettext(
            "a rejected-rows subitem", "{count} {reason};", count=format_count(r.rows_n), reason=escape(describe_reason(r.reason_code))
        )
        if i < len(reasons) - 1
        else pgettext(
            "the last rejected-rows subitem",
            "{count} {reason}.",
            count=format_count(r.rows_n),
            reason=escape(describe_reason(r.reason_code)),
        )
        for i, r in enumerate(reasons.itertuples())
    ]
    rejected_n = n("rows_rejected_n")
    several = int(reasons["rows_n"].sum()) > rejected_n
    fields = dict(count=count_or_none(rejected_n))
    if several:
        rejected = ngettext(
            "{count} was rejected, each with its reason (a row may fail for more than one reason)",
            "{count} were rejected, each with its reason (a row may fail for more than one reason)",
            rejected_n,
            **fields,
        )
    else:
        rejected = ngettext(
            "{count} was rejected, each with its reason", "{count} were rejected, each with its reason", rejected_n, **fields
        )
    if why:
        return [*items, (pgettext("a sentence introducing a list", "{sentence}:", sentence=capitalise(rejected)), why)]
    return [*items, (pgettext("a sentence that ends a list", "{sentence}.", sentence=capitalise(rejected)), why)]


def list_respondents_paragraphs(respondents: pd.DataFrame) -> list[str]:
    """Return Annex I's paragraphs: each regional group with the number and names of its responding States parties."""
    return [
        capitalise(
            _(
                "{group} ({count}): {states}.",
                group=escape(group),
                count=format_count(len(rows)),
                states=escape(join_words(list(rows["state_name"]))),
            )
        )
        for group, rows in respondents.groupby("group_name", sort=False)
    ]


def tabulate_rejected_reasons(reasons: pd.DataFrame) -> pd.DataFrame:
    """Return the rows rejected by reason, each reason in words (describe_reason), for the data-quality annex."""
    return reasons.assign(reason=reasons["reason_code"].map(describe_reason))[["reason", "rows_n"]]


def tabulate_glossary(is_public: bool) -> pd.DataFrame:
    """Return the glossary of the terms readers meet (with 'suppressed' in a public edition)."""
    terms = list_glossary_terms() + ([describe_suppression_term()] if is_public else [])
    return pd.DataFrame(terms, columns=["term", "meaning"])


# Each function here that writes text (or a table of words) is remade in each language of a report (i18n.Text).
make_translatable(globals(), (*WRITER_PREFIXES, "tabulate_"))
