"""The readers' headings of the report tables' columns: each column's label, the unit its name's suffix gives, and the
labels of code columns (CSV files keep the machine names)."""

from __future__ import annotations

from lib.analysis.matching import MIN_CANDIDATES
from lib.io.messages import N_
from lib.present import names
from lib.present.i18n import gettext as _

# Column labels shown to readers; CSV files keep the machine names (unit suffix _n = count, _pct = per cent).
COLUMN_LABELS = {
    "provision": N_("Article"),
    "title": N_("Title"),
    "responding_parties_n": N_("Responding parties"),
    "full_n": N_("Fully compliant"),
    "partial_n": N_("Partly compliant"),
    "none_n": N_("Not compliant"),
    "no_answer_n": N_("No answer"),
    "full_pct": N_("Fully compliant (%)"),
    "partial_pct": N_("Partly compliant (%)"),
    "none_pct": N_("Not compliant (%)"),
    "no_answer_pct": N_("No answer (%)"),
    "ta_needed_n": N_("Needing assistance"),
    "ta_needed_pct": N_("Needing assistance (%)"),
    "ta_provided_n": N_("Assistance already provided"),
    "unmet_n": N_("Needs not yet met (as reported)"),
    "group_code": N_("Group code"),
    "group_name": N_("Regional group"),
    "parties_n": N_("States parties"),
    "responding_pct": N_("Response rate (%)"),
    "ta_form_code": N_("Form code"),
    "label": N_("Form of technical assistance"),
    "needs_n": N_("Requests (State x article)"),
    "states_n": N_("States parties"),
    "states_pct": N_("States parties: share of respondents (%)"),
    "provider": N_("Provider (as written)"),
    "indicator": N_("Indicator"),
    "previous": N_("Previous meeting"),
    "current": N_("This meeting"),
    "change": N_("Change"),
    "region_full_pct": N_("Region: fully compliant (%)"),
    "global_full_pct": N_("All: fully compliant (%)"),
    "region_ta_needed_pct": N_("Region: needing assistance (%)"),
    "global_ta_needed_pct": N_("All: needing assistance (%)"),
    "ta_needed_gap_pp": N_("Gap (percentage points)"),
    "rank": N_("Rank"),
    "not_full_pct": N_("Not fully compliant (%)"),
    "top_forms": N_("Forms most requested"),
    "state_code": N_("Code"),
    "state_name": N_("State"),
    "submitted_on": N_("Submitted on"),
    "submissions_n": N_("Submissions"),
    "has_responded": N_("Responded"),
    "source_file": N_("File"),
    "reason": N_("Reason"),
    "rows_n": N_("Rows"),
    "rows_read_n": N_("Rows read"),
    "rows_accepted_n": N_("Accepted"),
    "rows_superseded_n": N_("Superseded"),
    "rows_rejected_n": N_("Rejected"),
    "is_reconciled": N_("Reconciled"),
    "state_text": N_("State (as written)"),
    "submitted_on_text": N_("Submitted on (as written)"),
    "reasons": N_("Reasons"),
    "rows_used_n": N_("Used at this meeting"),
    "rows_not_used_n": N_("Not used (later, or another checklist)"),
    "table": N_("Table"),
    "column": N_("Column"),
    "type": N_("Type"),
    "meaning": N_("Meaning"),
    "term": N_("Term"),
    "coverage": N_("Coverage"),
    "covered_forms": N_("Forms a known activity covers"),
    "uncovered_forms": N_("Forms no known activity covers"),
    "providers_n": N_("Providers"),
    "providers": N_("Providers (as written)"),
    "need_items_n": N_("Needs (State x article x form)"),
    "unsupplied_n": N_("Not covered by any known activity"),
    "one_provider_n": N_("Met by one provider"),
    "several_providers_n": N_("Met by several providers"),
    "unsupplied_pct": N_("Not covered by any known activity"),
    "several_providers_pct": N_("Met by several (%)"),
    "activities_n": N_("Active activities"),
    "needs_met_n": N_("Needs met"),
    "shared_n": N_("Needs met with other providers"),
    "provider_type": N_("Provider type"),
    "form": N_("Form"),
    "states": N_("States parties"),
    "compliance": N_("Compliance"),
    "ta_needed": N_("Assistance needed"),
    "forms": N_("Forms requested"),
    "ta_provided": N_("Assistance received (as reported)"),
    "providers_reported": N_("Providers (as reported)"),
    "supply_providers": N_("Providers with matching activities"),
    "group_full_pct": N_("Group: fully compliant (%)"),
    "group_ta_needed_pct": N_("Group: needing assistance (%)"),
    "group_respondents_n": N_("Group respondents"),
    "before_compliance": N_("Compliance before"),
    "now_compliance": N_("Compliance now"),
    "before_ta_needed": N_("Assistance needed before"),
    "now_ta_needed": N_("Assistance needed now"),
    "activities": N_("Activities"),
    "national_activities": N_("National activities"),
    "regional_activities": N_("Regional activities"),
    "experts_n": N_("Experts"),
    "experts_pct": N_("Experts (%)"),
    "parties_pct": N_("States parties (%)"),
    "proportional_n": N_("Experts for a proportional share"),
    "shortfall_n": N_("Shortfall (experts)"),
    "language": N_("Language code"),
    "language_name": N_("Language"),
    "is_un_language": N_("UN language"),
    "gender": N_("Gender"),
    "area": N_("Article or theme"),
    "kind": N_("Kind"),
    "short_n": N_("Short of experts (fewer than {count})"),
    "short_pct": N_("Short of experts (%)"),
    "candidates_n": N_("Suitable experts"),
    "expert": N_("Expert"),
    "nationality": N_("Nationality"),
    "institution": N_("Institution"),
    "speaks_language": N_("Speaks a language of the State"),
    "mechanism_id": N_("Mechanism"),
    "mechanisms": N_("Mechanisms"),
    "mechanisms_n": N_("Mechanisms"),
    "one_mechanism_n": N_("One mechanism"),
    "two_mechanisms_n": N_("Two mechanisms"),
    "three_mechanisms_n": N_("Three mechanisms"),
    "four_or_more_n": N_("Four or more"),
    "several_pct": N_("Reviewed by several (%)"),
    "mechanism_id_a": N_("Mechanism"),
    "start_date_a": N_("From"),
    "end_date_a": N_("To"),
    "status_a": N_("Status"),
    "mechanism_id_b": N_("Other mechanism"),
    "start_date_b": N_("From (other)"),
    "end_date_b": N_("To (other)"),
    "status_b": N_("Status (other)"),
    "overlap_days": N_("Days in common"),
    "gap_days": N_("Days apart"),
    "event_id": N_("Event"),
    "event_type": N_("Event"),
    "start_date": N_("From"),
    "end_date": N_("To"),
    "status": N_("Status"),
    "round": N_("Round"),
    "month": N_("Month"),
    "recommendations_n": N_("Recommendations"),
    "implemented_n": N_("Implemented"),
    "partly_implemented_n": N_("Partly implemented"),
    "not_implemented_n": N_("Not implemented"),
    "no_longer_applicable_n": N_("No longer applicable"),
    "not_yet_assessed_n": N_("Not yet assessed"),
    "implemented_pct": N_("Implemented: share of those assessed (%)"),
    "partly_pct": N_("Partly implemented: share of those assessed (%)"),
    "theme": N_("Theme"),
    "recommendation_id": N_("Recommendation"),
    "follow_up_due": N_("Follow-up due"),
    "days_overdue": N_("Days overdue"),
    "common_status": N_("Status (common scale)"),
    "assessed_since_due": N_("Assessed since the deadline"),
    "with_deadline_n": N_("With a deadline"),
    "overdue_n": N_("Overdue"),
    "overdue_pct": N_("Overdue (%)"),
    "without_criteria_n": N_("Without criteria"),
    "without_criteria_pct": N_("Without criteria (%)"),
    "text": N_("Recommendation (verbatim)"),
    "open_with_ta_need_n": N_("Open, State reports a need for assistance"),
    "open_without_ta_need_n": N_("Open, State reports no need for assistance"),
    "open_not_self_assessed_n": N_("Open, article not self-assessed"),
    "with_ta_need_pct": N_("With a need for assistance: share of those self-assessed (%)"),
    "themes": N_("Area"),
    "status_as_stated": N_("Status as the text states it"),
    "source_text": N_("Source"),
    "availability": N_("Availability"),
    "contact": N_("Contact (with consent)"),
    "global_activities": N_("Global activities"),
    "is_ta_provided": N_("Assistance reported as provided"),
}


LABEL_FIELDS = {"short_n": {"count": MIN_CANDIDATES}}  # a label that states a rule takes its number from the rule's constant
PERCENT_SUFFIXES = ("_pct", "_pp")  # per cent and percentage points always show one decimal, so a column aligns


UNITS = {"_pct": "%", "_pp": N_("percentage points"), "_n": "n"}  # the unit a column's suffix names, said in its heading


IDENTIFIER_ENDINGS = ("_id", "_row", "year", "rank")  # whole numbers that name rather than count: no thousands separator


# Columns of codes and the columns that give their labels: a page shows the label, never the code (the CSV keeps
# both, machine-readable). With its label column in the table the code column is left off the page; without it, the
# code reads as its label (Report.code_labels, from the data) under this heading.
CODE_COLUMNS = {
    "ta_form_code": (("label", "form"), N_("Form of technical assistance")),
    "group_code": (("group_name",), N_("Regional group")),
    "compliance_code": (("compliance",), N_("Compliance")),
    "language": (("language_name",), N_("Language")),
    "reason_code": (("reason",), N_("Reason")),
    "nationality": ((), N_("Nationality")),
}


def label_heading(column: str, coded: bool) -> str:
    """Return a column's heading in the current language: what its codes are when it shows them as labels (coded), else
    its label with unit (label_column); a heading that is a name (a wide table's group, its total) as the language
    writes it."""
    if coded:
        return _(CODE_COLUMNS[column][1])
    label = label_column(column)
    return label if column in COLUMN_LABELS or column in CODE_COLUMNS else names.translate_heading(label)


def label_column(column: str) -> str:
    """Return a column's heading: its reader label (or its name in words), with the unit its suffix names, once."""
    stem = next((column.removesuffix(s) for s in UNITS if column.endswith(s)), column)
    label = (
        _(COLUMN_LABELS[column], **LABEL_FIELDS.get(column, {}))
        if column in COLUMN_LABELS
        else (stem.replace("_", " ").strip().capitalize() if column != stem else column.replace("_", " "))
    )
    label = label[:1].upper() + label[1:]
    unit = next((_(u) for s, u in UNITS.items() if column.endswith(s)), "")
    return _("{label} ({unit})", label=label, unit=unit) if unit and not label.endswith(")") else label
