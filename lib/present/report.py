"""Show report content from notebooks: banner, provenance, escaped tables written as CSV, charts, paragraphs."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import UTC
from html import escape
from pathlib import Path

import numpy as np
import pandas as pd

from lib.io.files import write_report_csv
from lib.present.narrative import describe_cutoff

# Column labels shown to readers; CSV files keep the machine names (unit suffix _n = count, _pct = per cent).
COLUMN_LABELS = {
    "provision": "Article",
    "title": "Title",
    "responding_parties_n": "Responding parties",
    "full_n": "Fully compliant",
    "partial_n": "Partly compliant",
    "none_n": "Not compliant",
    "no_answer_n": "No answer",
    "full_pct": "Fully compliant (%)",
    "partial_pct": "Partly compliant (%)",
    "none_pct": "Not compliant (%)",
    "no_answer_pct": "No answer (%)",
    "ta_needed_n": "Needing TA",
    "ta_needed_pct": "Needing TA (%)",
    "ta_provided_n": "TA already provided",
    "unmet_n": "Needs not yet met",
    "group_code": "Group code",
    "group_name": "Regional group",
    "parties_n": "States parties",
    "responding_pct": "Response rate (%)",
    "ta_form_code": "Form code",
    "label": "Form of technical assistance",
    "needs_n": "Requests (State x article)",
    "states_n": "States parties",
    "states_pct": "States parties (% of respondents)",
    "provider": "Provider (as written)",
    "indicator": "Indicator",
    "previous": "Previous meeting",
    "current": "This meeting",
    "change": "Change",
    "region_full_pct": "Region: fully compliant (%)",
    "global_full_pct": "All: fully compliant (%)",
    "region_ta_needed_pct": "Region: needing TA (%)",
    "global_ta_needed_pct": "All: needing TA (%)",
    "ta_needed_gap_pp": "Gap (percentage points)",
    "rank": "Rank",
    "not_full_pct": "Not fully compliant (%)",
    "top_forms": "Forms most requested",
    "state_code": "Code",
    "state_name": "State",
    "submitted_on": "Submitted on",
    "submissions_n": "Submissions",
    "has_responded": "Responded",
    "source_file": "File",
    "rows_read_n": "Rows read",
    "rows_accepted_n": "Accepted",
    "rows_superseded_n": "Superseded",
    "rows_rejected_n": "Rejected",
    "is_reconciled": "Reconciled",
    "state_text": "State (as written)",
    "submitted_on_text": "Submitted on (as written)",
    "reasons": "Reasons",
    "rows_used_n": "Used at this meeting",
    "rows_not_used_n": "Not used (later, or another checklist)",
    "table": "Table",
    "column": "Column",
    "type": "Type",
    "meaning": "Meaning",
    "coverage": "Coverage",
    "providers_n": "Providers",
    "providers": "Providers (as written)",
    "need_items_n": "Needs (State x article x form)",
    "unsupplied_n": "Unmet (no activity)",
    "one_provider_n": "Met by one provider",
    "several_providers_n": "Met by several providers",
    "unsupplied_pct": "Unmet (%)",
    "several_providers_pct": "Met by several (%)",
    "activities_n": "Active activities",
    "needs_met_n": "Needs met",
    "shared_n": "Needs met with other providers",
    "provider_type": "Provider type",
    "form": "Form",
    "states": "States parties",
    "compliance": "Compliance",
    "ta_needed": "TA needed",
    "forms": "Forms requested",
    "ta_provided": "TA received",
    "providers_reported": "Providers (as reported)",
    "supply_providers": "Providers with matching activities",
    "group_full_pct": "Group: fully compliant (%)",
    "group_ta_needed_pct": "Group: needing TA (%)",
    "group_respondents_n": "Group respondents",
    "before_compliance": "Compliance before",
    "now_compliance": "Compliance now",
    "before_ta_needed": "TA needed before",
    "now_ta_needed": "TA needed now",
    "activities": "Activities",
    "national_activities": "National activities",
    "regional_activities": "Regional activities",
    "experts_n": "Experts",
    "experts_pct": "Experts (%)",
    "parties_pct": "States parties (%)",
    "proportional_n": "Experts for a proportional share",
    "shortfall_n": "Shortfall (experts)",
    "language": "Language code",
    "language_name": "Language",
    "is_un_language": "UN language",
    "gender": "Gender",
    "area": "Article or theme",
    "kind": "Kind",
    "short_n": "Short of experts (fewer than 3)",
    "short_pct": "Short of experts (%)",
    "candidates_n": "Suitable experts",
    "expert": "Expert",
    "nationality": "Nationality",
    "institution": "Institution",
    "speaks_language": "Speaks a language of the State",
    "mechanism_id": "Mechanism",
    "mechanisms": "Mechanisms",
    "mechanisms_n": "Mechanisms",
    "one_mechanism_n": "One mechanism",
    "two_mechanisms_n": "Two mechanisms",
    "three_mechanisms_n": "Three mechanisms",
    "four_or_more_n": "Four or more",
    "several_pct": "Reviewed by several (%)",
    "mechanism_id_a": "Mechanism",
    "start_date_a": "From",
    "end_date_a": "To",
    "status_a": "Status",
    "mechanism_id_b": "Other mechanism",
    "start_date_b": "From (other)",
    "end_date_b": "To (other)",
    "status_b": "Status (other)",
    "overlap_days": "Days in common",
    "gap_days": "Days apart",
    "event_id": "Event",
    "event_type": "Event",
    "start_date": "From",
    "end_date": "To",
    "status": "Status",
    "round": "Round",
    "month": "Month",
    "recommendations_n": "Recommendations",
    "implemented_n": "Implemented",
    "partly_implemented_n": "Partly implemented",
    "not_implemented_n": "Not implemented",
    "no_longer_applicable_n": "No longer applicable",
    "not_yet_assessed_n": "Not yet assessed",
    "implemented_pct": "Implemented (% of assessed)",
    "partly_pct": "Partly implemented (% of assessed)",
    "theme": "Theme",
    "recommendation_id": "Recommendation",
    "follow_up_due": "Follow-up due",
    "days_overdue": "Days overdue",
    "common_status": "Status (common scale)",
    "assessed_since_due": "Assessed since the deadline",
    "with_deadline_n": "With a deadline",
    "overdue_n": "Overdue",
    "overdue_pct": "Overdue (%)",
    "without_criteria_n": "Without criteria",
    "without_criteria_pct": "Without criteria (%)",
    "text": "Recommendation (verbatim)",
    "open_with_ta_need_n": "Open, State reports a TA need",
    "open_without_ta_need_n": "Open, State reports no TA need",
    "open_not_self_assessed_n": "Open, article not self-assessed",
    "with_ta_need_pct": "With a TA need (% of self-assessed)",
    "themes": "Area",
    "status_as_stated": "Status as the text states it",
    "source_text": "Source",
    "availability": "Availability",
    "contact": "Contact (with consent)",
    "global_activities": "Global activities",
    "is_ta_provided": "TA reported as provided",
}
PERCENT_SUFFIXES = ("_pct", "_pp")  # per cent and percentage points always show one decimal, so a column aligns


def format_cell(column: str, value, missing: str = "") -> str:
    """Return a cell as readers see it: percentages with one decimal, other numbers as they are, yes/no for flags, dates."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return missing
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.1f}" if column.endswith(PERCENT_SUFFIXES) else f"{value:g}"
    if isinstance(value, pd.Timestamp):  # a date reads as a date, as in the CSV; a time only when there is one
        return value.strftime("%Y-%m-%d") if value == value.normalize() else value.strftime("%Y-%m-%d %H:%M")
    return str(value)


def render_table_html(frame: pd.DataFrame, caption: str, csv_name: str = "", missing: str = "", max_rows: int | None = None) -> str:
    """Return an escaped HTML table with reader labels; every cell and header goes through html.escape.

    missing: how a missing number reads (public builds: 'suppressed'); max_rows: show only the first rows of a long
    list, and say so in the caption (the CSV holds every row)."""
    total = len(frame)
    if max_rows is not None and total > max_rows:
        frame = frame.head(max_rows)
    head = "".join(
        f'<th class="{"num" if pd.api.types.is_numeric_dtype(frame[c]) and frame[c].dtype != bool else ""}">'
        f"{escape(COLUMN_LABELS.get(c, c))}</th>"
        for c in frame.columns
    )
    body = []
    for row in frame.itertuples(index=False):
        cells = []
        for col, value in zip(frame.columns, row):
            numeric = pd.api.types.is_numeric_dtype(frame[col]) and frame[col].dtype != bool
            text = format_cell(col, value, missing if numeric else "")
            cells.append(f'<td class="{"num" if numeric else ""}">{escape(text)}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    shown = f"first {len(frame):,} of {total:,} rows shown{', all in the CSV' if csv_name else ''}" if len(frame) < total else ""
    notes = "; ".join(n for n in (f"CSV: {escape(csv_name)}" if csv_name else "", shown) if n)
    csv_note = f' <span class="uncac-csv">({notes})</span>' if notes else ""
    return (
        f'<table class="uncac-table"><caption>{escape(caption)}{csv_note}</caption><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


REPORT_OUTPUT = "uncac_report"  # metadata key marking an output the report API made: a public build publishes no other


def display_ipython(kind: str, payload, meta: dict | None = None) -> None:
    """Show content in a Jupyter kernel (the default sink), marked as made by the report API."""
    from IPython.display import HTML, Image, display

    if kind == "html":
        display(HTML(payload), metadata={REPORT_OUTPUT: kind})
    else:
        display(Image(data=payload, format="png", metadata={"alt": meta.get("alt", "")}), metadata={REPORT_OUTPUT: kind})


SELF_ASSESSMENT_BANNER = "the answers in this report are fictional, generated for testing (States and their party status are real)."
REVIEW_BANNER = (
    "the calendars, recommendations and statuses of the review mechanisms in this report are fictional, generated "
    "for testing (the mechanisms, their members and rounds are real, and so is the register of the Working Group "
    "on Technical Assistance, entered from CAC/COSP/2009/9)."
)
# A page lists at most this many rows of a long list (recommendations, overdue items): a reviewer reads the first ones
# on the page, an analyst filters the whole list in its CSV. Aggregate tables are always shown in full.
LONG_LIST_ROWS = 40
DEFAULT_SINK = {"sink": display_ipython}  # where reports show content when no sink is given (lib.build.bench swaps it)


class Report:
    """One report's output: shows content through a sink and writes every shown table as CSV."""

    def __init__(self, tables_dir: str = "", sink: Callable | None = None, policy=None):
        """tables_dir: where shown tables go as CSV ('' = nowhere, for interactive use); sink: None = Jupyter display;
        policy: the build's lib.model.disclosure.Policy (None: restricted, everything; public: only PUBLIC_TABLES, missing
        numbers read 'suppressed')."""
        from lib.model import disclosure

        self.policy = policy or disclosure.Policy()
        self.build = self.policy.build
        self.tables_dir = Path(tables_dir) if tables_dir else None
        self.sink = sink or DEFAULT_SINK["sink"]
        self.tables: list[str] = []
        if self.tables_dir:
            self.tables_dir.mkdir(parents=True, exist_ok=True)

    def html(self, markup: str) -> None:
        """Show trusted, already escaped HTML."""
        self.sink("html", markup)

    def paragraph(self, text: str) -> None:
        """Show a paragraph (text already escaped by lib.present.narrative)."""
        self.html(f'<p class="uncac-para">{text}</p>')

    def table(self, frame: pd.DataFrame, name: str, caption: str, max_rows: int | None = None) -> None:
        """Show a table and write the same rows and columns to <tables_dir>/<name>.csv (public builds: only a
        publishable table, without its free-text columns; a withheld table is named, not shown). max_rows: for a long
        list (e.g. LONG_LIST_ROWS), show its first rows only; the CSV has them all and the caption says so."""
        from lib.model import disclosure

        missing = ""
        if self.build == "public":
            frame, missing = disclosure.select_public_columns(frame, name), disclosure.SUPPRESSED
            if frame is None:
                self.html(f'<p class="uncac-note">{escape(caption)}: not published (it lists States or their own words).</p>')
                return
        if self.tables_dir:
            write_report_csv(frame, self.tables_dir / f"{name}.csv", missing)
            self.tables.append(f"{name}.csv")
        self.html(render_table_html(frame, caption, f"{name}.csv" if self.tables_dir else "", missing, max_rows))

    def workbook(self, views: dict[str, pd.DataFrame], name: str, caption: str) -> None:
        """Write views as an Excel workbook (and each as CSV) beside the report, and link it from the report."""
        from lib.present.workbook import write_workbook

        if not self.tables_dir or self.build == "public":
            return
        write_workbook(views, self.tables_dir / f"{name}.xlsx")
        for sheet, frame in views.items():
            write_report_csv(frame, self.tables_dir / f"{name}_{sheet}.csv")
        self.link_file(caption, f"{name}.xlsx", "one sheet per view, header frozen, filters on; the same views as CSV beside it")

    def calendar(self, events: pd.DataFrame, name: str, caption: str) -> None:
        """Write events as an iCalendar file beside the report (calendar applications import it) and link it."""
        from datetime import datetime

        from lib.present.calendar import write_ics

        if not self.tables_dir or self.build == "public":
            return
        write_ics(events, self.tables_dir / f"{name}.ics", datetime.now(UTC).replace(microsecond=0))
        self.link_file(caption, f"{name}.ics", f"iCalendar, all-day events; the same events as CSV in {name}.csv")

    def link_file(self, caption: str, filename: str, detail: str) -> None:
        """Show a link to a file written beside the report (in its tables folder), with what the file holds."""
        self.html(
            f'<p class="uncac-note">{escape(caption)}: <a href="{escape(self.tables_dir.name)}/{escape(filename)}">'
            f"{escape(filename)}</a> ({escape(detail)}).</p>"
        )

    def figure(self, fig_and_reading: tuple, name: str = "") -> None:
        """Show a chart as an embedded PNG (its reading as alt text) followed by its one-line reading."""
        import matplotlib.pyplot as plt

        fig, reading = fig_and_reading
        buf = io.BytesIO()
        fig.savefig(buf, format="png", bbox_inches="tight")
        plt.close(fig)
        self.sink("png", buf.getvalue(), {"alt": reading})
        self.html(f'<p class="uncac-reading">Reading: {escape(reading)}</p>')

    def banner(self, manifest: dict, what: str = SELF_ASSESSMENT_BANNER) -> None:
        """Show the synthetic-sample banner when the data are the synthetic sample, and the rule of a public build."""
        from lib.model import disclosure

        if self.build == "public":
            self.html(f'<div class="uncac-public">{escape(disclosure.RULE_TEXT)}</div>')
        if manifest.get("is_synthetic"):
            self.html(f'<div class="uncac-banner">SYNTHETIC SAMPLE DATA: {escape(what)} Do not quote them.</div>')

    def provenance(self, manifest: dict, meeting: pd.Series, rule: str) -> None:
        """Show what data the report used: cut-off, party rule, files and checksums, reconciliation."""
        self.html(
            f'<div class="uncac-provenance"><p>Data cut-off: <b>{escape(describe_cutoff(meeting))}</b>; '
            f"States parties counted by the rule <b>{escape(rule)}</b>; data checksum "
            f"<code>{escape(manifest['data_checksum'][:12])}</code>.</p><p>Ingest: {escape(manifest['reconciliation'])}.</p>"
            f"{'' if self.policy.is_public else render_input_files(manifest, ('self_assessment/',))}</div>"
        )


def render_input_files(manifest: dict, prefixes: tuple[str, ...]) -> str:
    """Return the collapsed list of the raw files under these folders with their checksums (from the ingest's manifest)."""
    files = "".join(
        f"<li>{escape(e['path'])} <code>{escape(e['sha256'][:12])}</code></li>"
        for e in manifest["inputs"]
        if e["path"].startswith(prefixes)
    )
    return f"<details><summary>Input files</summary><ul>{files}</ul></details>"


class Context:
    """What a report notebook works on: the data, the snapshot at its meeting, the previous one, the output."""

    def __init__(self, data, snap, previous, rep: Report, rule: str):
        self.data, self.snap, self.previous, self.rep, self.rule = data, snap, previous, rep, rule


def open_report(
    meeting_id: str,
    party_rule: str,
    data_dir: str,
    tables_dir: str,
    sink: Callable | None = None,
    state_code: str = "",
    build: str = "restricted",
) -> Context:
    """Load the data, take the snapshot at the meeting's cut-off (and the previous one), show banner and provenance.

    With a state_code (a country brief) the provenance names that State's data checksum instead of the whole
    data set's, since a brief depends only on its State's and its group's answers.
    """
    from lib.analysis import needs
    from lib.model import disclosure

    data = needs.load_dataset(data_dir)
    policy = disclosure.load_policy(data_dir, build)
    snap = needs.take_snapshot(data, meeting_id, party_rule, policy)
    previous_id = needs.find_previous_meeting_id(data, meeting_id)
    previous = needs.take_snapshot(data, previous_id, party_rule, policy) if previous_id and not state_code else None
    rep = Report(tables_dir, sink, policy)
    rep.banner(data.manifest)
    if state_code:
        checksum = read_state_checksum(data_dir, state_code)
        rep.html(
            f'<div class="uncac-provenance"><p>Data cut-off: <b>{escape(describe_cutoff(snap.meeting))}</b>; '
            f"States parties counted by the rule <b>{escape(party_rule)}</b>; checksum of this State's answers "
            f"<code>{escape(checksum[:12])}</code>.</p></div>"
        )
    else:
        rep.provenance(data.manifest, snap.meeting, party_rule)
    return Context(data, snap, previous, rep, party_rule)


def open_review_report(data_dir: str, tables_dir: str, sink: Callable | None = None, build: str = "restricted"):
    """Load the peer review tables, show the banner and the provenance (review files, checksums, reconciliation)."""
    from lib.model import disclosure, register

    reviews = register.load_reviews(data_dir)
    rep = Report(tables_dir, sink, disclosure.Policy(disclosure.check_build(build)))
    rep.banner(reviews.manifest, REVIEW_BANNER)
    total = reviews.reconciliation[["rows_read_n", "rows_accepted_n", "rows_superseded_n", "rows_rejected_n"]].sum()
    rep.html(
        f'<div class="uncac-provenance"><p>Data checksum <code>{escape(reviews.manifest["data_checksum"][:12])}</code>. '
        f"{escape(register.describe_membership_dates(reviews))}</p><p>Peer review files: {total['rows_read_n']:,} rows read = "
        f"{total['rows_accepted_n']:,} accepted + {total['rows_superseded_n']:,} superseded (earlier assessments, kept as "
        f"history) + {total['rows_rejected_n']:,} rejected (processed/rejects.csv).</p>"
        f"{render_input_files(reviews.manifest, ('peer_review/', 'reference/review_'))}</div>"
    )
    return reviews, rep


def read_state_checksum(data_dir: str, state_code: str) -> str:
    """Return the checksum of one State's processed answers (written by the ingest; '' when it has none)."""
    from lib.io.paths import processed_dir

    path = processed_dir(data_dir) / "by_state" / f"{state_code}.sha"
    return path.read_text(encoding="utf-8").strip() if path.is_file() else ""


def show_annex(ctx: Context) -> None:
    """Show the data-quality annex (reconciliation of raw rows) and the glossary of the columns used."""
    from lib.analysis import needs
    from lib.io import schema
    from lib.present import narrative

    recon = needs.reconcile_at_cutoff(ctx.data, ctx.snap.meeting)
    ctx.rep.paragraph(narrative.write_reconciliation_paragraph(recon, ctx.snap.meeting))
    ctx.rep.table(ctx.rep.policy.name_files(recon), "reconciliation", "Raw rows as they stood at the cut-off date, by file")
    rejected = needs.select_rejected_submissions(ctx.data, ctx.snap.meeting)
    ctx.rep.paragraph(narrative.write_rejected_submissions_sentence(rejected))
    if len(rejected):
        ctx.rep.table(
            rejected, "rejected_submissions", "Submissions rejected entirely, with the reasons (their States count as not responding)"
        )
    ctx.rep.table(schema.describe_columns(["sa_answers", "states"]), "glossary", "Glossary of the data used")


def show_review_annex(reviews, rep: Report) -> None:
    """Show the peer review data-quality annex: reconciliation of the raw rows, the rejected rows, and the glossary."""
    from lib.io import schema

    rep.paragraph(
        "Every raw row of the peer review files ends accepted, superseded (an earlier status assessment of the same "
        "recommendation, kept as its history) or rejected with its reason (data/processed/rejects.csv)."
    )
    rep.table(reviews.reconciliation, "review_reconciliation", "Reconciliation of the peer review files, by file")
    rep.table(reviews.rejects, "review_rejects", "Rejected rows of the peer review files, with file, row, column, value and reason")
    rep.table(
        schema.describe_columns(["review_events", "recommendations", "recommendation_assessments", "review_membership"]),
        "glossary",
        "Glossary of the data used",
    )


def render_heading(group_name: str, meeting: pd.Series) -> str:
    """Return the escaped sub-heading naming the region and the meeting."""
    return (
        f'<h2>{escape(group_name)}</h2><p class="uncac-note">{escape(str(meeting["name"]))}; data cut-off '
        f"{escape(describe_cutoff(meeting))}.</p>"
    )
