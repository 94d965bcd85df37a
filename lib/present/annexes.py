"""The annexes every report of a kind ends with: data quality, respondents, a group's members, the glossary; each takes
the report's context (lib.present.report.Context)."""

from __future__ import annotations

import pandas as pd

from lib.analysis import needs
from lib.io import schema
from lib.model import disclosure
from lib.model.dataset import Snapshot
from lib.present import narrative, sections
from lib.present.i18n import gettext as _
from lib.present.report import Context


def find_snapshot(ctx: Context) -> Snapshot:
    """Return the snapshot at the report's meeting (a report on the peer reviews has none, and none of these annexes)."""
    if ctx.snap is None:
        raise ValueError("This annex is for a report on a meeting; a report on the peer reviews has no snapshot at a meeting.")
    return ctx.snap


def show_annex(ctx: Context) -> None:
    """Show the data-quality annex (reconciliation of raw rows) and the glossary of the columns used."""

    meeting = find_snapshot(ctx).meeting
    recon = needs.reconcile_at_cutoff(ctx.data, meeting)
    ctx.rep.paragraph(narrative.write_reconciliation_paragraph(recon, meeting))
    ctx.rep.table(ctx.rep.policy.name_files(recon), "reconciliation", _("Raw rows as they stood at the cut-off date, by file"))
    rejected = needs.select_rejected_submissions(ctx.data, meeting)
    ctx.rep.paragraph(narrative.write_rejected_submissions_sentence(rejected))
    if len(rejected):
        ctx.rep.table(
            rejected, "rejected_submissions", _("Submissions rejected entirely, with the reasons (their States count as not responding)")
        )
    ctx.rep.table(schema.describe_columns(["sa_answers", "states"]), "glossary", _("Glossary of the data used"))


def show_respondents_annex(ctx: Context) -> None:
    """Show the annex of the States parties that responded, by regional group: public in every build, as in the papers
    the secretariat issued (who responded is not a State's answer; the disclosure plan takes it as known)."""

    ctx.rep.annex(_("States parties that responded, by regional group"))
    for text in sections.list_respondents_paragraphs(needs.list_respondents_by_group(find_snapshot(ctx))):
        ctx.rep.paragraph(text)


def show_quality_annex(ctx: Context) -> None:
    """Show the data-quality annex for readers: the rows of the self-assessment reports received and what became of them,
    by export (a total row last), the rejected ones by reason; every number of its text is in its tables."""

    ctx.rep.annex(_("Quality of the data"))
    meeting = find_snapshot(ctx).meeting
    recon = needs.reconcile_at_cutoff(ctx.data, meeting)
    exports = recon[recon["source_file"].str.startswith(needs.SELF_ASSESSMENT_PREFIX)]
    rows = needs.summarise_export_rows(recon)
    reasons = needs.count_rejected_by_reason(ctx.data_dir)
    ctx.rep.paragraph(
        sections.write_quality_paragraph(rows, meeting),
        see=["reconciliation", *(["rejected_rows_by_reason"] if len(reasons) else [])],
        items=sections.list_quality_items(rows, reasons),
    )
    named = exports.assign(source_file=disclosure.label_files(exports["source_file"]))  # a document names no file
    total = pd.DataFrame(
        [{"source_file": _("all self-assessment reports"), **rows.to_dict(), "is_reconciled": bool(named["is_reconciled"].all())}]
    )
    ctx.rep.table(
        pd.concat([named, total], ignore_index=True),
        "reconciliation",
        _("Rows of the self-assessment reports received, and what became of them at the cut-off date"),
    )
    if len(reasons):
        ctx.rep.table(sections.tabulate_rejected_reasons(reasons), "rejected_rows_by_reason", _("Rows rejected, by reason"))
    rejected = needs.select_rejected_submissions(ctx.data, meeting)
    ctx.rep.paragraph(narrative.write_rejected_submissions_sentence(rejected, ctx.rep.policy.names_states()))
    if ctx.rep.policy.names_states():  # which States' submissions: for the Secretariat, not in the document
        ctx.rep.record_provenance(narrative.describe_rejected_submissions(rejected))


def show_members_annex(ctx: Context) -> None:
    """Show a regional analysis's annex of the group's States parties and their response (a build that does not publish
    the list has no such annex)."""

    if not ctx.rep.policy.shows_table("states_by_response"):
        return
    ctx.rep.annex(_("States parties of the group and their response"))
    members = needs.list_states_by_response(find_snapshot(ctx), ctx.group_code).drop(columns="group_name")  # one group: no column for it
    group_name = needs.find_group_name(ctx.data, ctx.group_code)
    ctx.rep.paragraph(narrative.write_members_sentence(group_name, members), see=["states_by_response"])
    ctx.rep.table(members, "states_by_response", _("States parties of the group at the cut-off date, with their response"))


def show_glossary(ctx: Context) -> None:
    """Show the glossary of the terms the document uses, defined for readers."""

    ctx.rep.annex(_("Glossary"))
    glossary = sections.tabulate_glossary(ctx.rep.policy.is_public)
    ctx.rep.paragraph(narrative.write_glossary_sentence(), see=["glossary"])
    ctx.rep.table(glossary, "glossary", _("Terms used in the present document"), source=_("the Secretariat."))


def show_review_annex(ctx: Context) -> None:
    """Show the peer review data-quality annex: reconciliation of the raw rows, the rejected rows, and the glossary."""
    reviews, rep = ctx.data, ctx.rep

    rep.paragraph(
        _(
            "Every raw row of the peer review files ends accepted, superseded (an earlier status assessment of the same "
            "recommendation, kept as its history) or rejected with its reason."
        )
    )
    rep.table(reviews.reconciliation, "review_reconciliation", _("Reconciliation of the peer review files, by file"))
    rep.table(reviews.rejects, "review_rejects", _("Rejected rows of the peer review files, with file, row, column, value and reason"))
    rep.table(
        schema.describe_columns(["review_events", "recommendations", "recommendation_assessments", "review_membership"]),
        "glossary",
        _("Glossary of the data used"),
    )
