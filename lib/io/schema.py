"""Describe every processed table and column once (type, rule, meaning); the reports' glossary is built from here."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from lib.io.codes import (
    ACTIVITY_STATUSES,
    COMMON_STATUSES,
    COMPLIANCE_CODES,
    EVENT_TYPES,
    LEVELS,  # noqa: F401
    MEMBERSHIP_RULES,
    ROW_STATUSES,
)  # (COMMON_STATUSES: read through schema by older callers)
from lib.io.messages import N_

REJECT_REASONS = {  # every reason a raw row can be rejected for, with the sentence shown to the analyst
    "missing_value": "a required value is blank",
    "unknown_state": "the State name is not in state_aliases.csv",
    "unknown_checklist": "the checklist id is not in checklist.csv",
    "unknown_article": "the article is not in this checklist (exports) or not an article of the Convention (activities)",
    "bad_compliance": "the compliance answer is not in answer_vocabulary.csv",
    "bad_yes_no": "the answer is not yes/no in English, French or Spanish",
    "unknown_ta_form": "a TA form is not in ta_forms.csv",
    "forms_without_need": "TA forms are listed although TA is not needed",
    "bad_date": "the date is not a valid ISO date (YYYY-MM-DD); other formats are ambiguous and not guessed",
    "future_date": "the submission date is later than the date of the ingest",
    "exact_duplicate": "the row repeats an earlier row exactly",
    "conflicting_answers": "the same submission answers this article twice with different values",
    # supply of technical assistance (raw/ta_activities)
    "unknown_provider_type": "the provider type is not bilateral, multilateral, UN, regional organisation or NGO",
    "unknown_level": "the level is not national, regional or global",
    "unknown_recipient": (
        "a recipient is not a State in state_aliases.csv, a regional group, or 'global' (IATI: see iso_codes.csv, iati_region_map.csv)"
    ),
    "end_before_start": "the end date is before the start date",
    "bad_status": "the status is not planned, ongoing or completed",
    "inactive_activity": "the activity is cancelled or suspended",
    "bad_currency": "a budget needs a three-letter ISO 4217 currency code",
    "duplicate_activity_id": "another activity already has this id (with different content)",
    "out_of_scope": "no sector of the IATI activity is in iati_sector_map.csv: not anti-corruption assistance",
    "malformed_file": "the file cannot be read as an IATI activity file; the other files were loaded",
    # peer review calendars, recommendations and status assessments (raw/peer_review)
    "unknown_mechanism": "the mechanism is not in review_mechanisms.csv",
    "unknown_round": "the round is not one of the mechanism's rounds in review_cycles.csv",
    "unknown_event_type": "the event type is not on-site visit, plenary, report adoption or follow-up deadline",
    "bad_event_status": "the event status is not planned, confirmed, held, postponed or cancelled",
    "state_on_plenary": "a plenary concerns no single State: leave the State blank",
    "not_a_member": "the State was not a member of the mechanism on that date (review_membership.csv)",
    "overlapping_event": "the dates overlap an earlier event of the same mechanism, State and type",
    "duplicate_event_id": "another event already has this id (with different content)",
    "due_before_adoption": "the follow-up deadline is before the adoption of the recommendation",
    "duplicate_recommendation_id": "the mechanism already has a recommendation with this id (with different content)",
    "unknown_recommendation": "no accepted recommendation of the mechanism has this id",
    "assessed_before_adoption": "the assessment is dated before the adoption of the recommendation",
    "bad_review_status": "the status is not in the mechanism's follow-up vocabulary (review_status_vocabulary.csv)",
    "duplicate_assessment": "the recommendation already has this status on this date (with a different note)",
    "conflicting_assessment": "the same recommendation is assessed twice on one day with different statuses",
    # any row of any export (its other values are not checked)
    "too_many_fields": "the row has values beyond the header's last column (or under a blank header cell): they cannot be "
    "placed in a column, so the row is not read",
    "too_long": "a value is longer than its column allows (limits in data/raw/README.md), so the row is not read",
}
# The reasons a self-assessment row is rejected, as the data-quality annex of a document tells its readers (no file
# or column names): completes "N rows were rejected because they ...".
READER_REASONS = {
    "missing_value": N_("left a required answer blank"),
    "unknown_state": N_("named a State that is not on the list of States and their other names"),
    "unknown_checklist": N_("named a checklist other than the self-assessment checklist"),
    "unknown_article": N_("named an article the checklist does not cover"),
    "bad_compliance": N_("gave a compliance answer other than fully, partly or not compliant"),
    "bad_yes_no": N_("answered a yes-or-no question with something else"),
    "unknown_ta_form": N_("named a form of technical assistance that is not on the checklist's list"),
    "forms_without_need": N_("listed forms of technical assistance while answering that none was needed"),
    "bad_date": N_("gave a submission date that cannot be read without guessing"),
    "future_date": N_("were dated later than the day the data were read"),
    "exact_duplicate": N_("repeated an earlier row exactly"),
    "conflicting_answers": N_("answered one article twice with different answers in one submission"),
    "too_many_fields": N_("held more values than the checklist has questions"),
    "too_long": N_("held an answer longer than the checklist allows"),
}
INPUT_REASONS = {"too_many_fields", "too_long"}  # reasons any raw row can be rejected for, whatever its file

# The longest value a raw field may hold, in characters (data/raw/README.md, "Limits"): a longer one rejects its row, or
# its CV, as too_long, so that no value can make a report or the memory of the build unbounded. Free text has room for a
# long paragraph of a UN report (the Working Group's longest recommendation has 1,345 characters); lists for every
# article or State; anything else, a name, code, date or answer, 200 (the longest UN short name has 52).
FIELD_LIMITS = {
    "notes": 2000,
    "ta_providers": 2000,
    "source": 2000,
    "criteria": 2000,  # free text kept verbatim
    "text": 4000,
    "note": 4000,  # a recommendation and the action taken on it, verbatim from a review report
    "recipients": 2000,
    "articles": 1000,
    "ta_forms": 1000,
    "themes": 1000,  # ';'-separated lists
    "current_position": 500,
    "institution": 500,  # the text fields of a CV
}
FIELD_LIMIT_DEFAULT = 200  # any other field
CV_LIST_LIMIT = 50  # the most items a list of a CV may hold (languages, expertise, forms)


def limit_of(column: str) -> int:
    """Return the most characters a raw field of this name may hold (FIELD_LIMITS, else FIELD_LIMIT_DEFAULT)."""
    return FIELD_LIMITS.get(column, FIELD_LIMIT_DEFAULT)


FLAG_REASONS = {  # every reason a value is flagged in a row that is kept (processed/flags.csv), with its sentence
    "bad_budget": "the budget is negative or not a number: the activity is kept with a blank budget",
}


def _col(dtype, description: str, nullable: bool = False, checks=None, unique: bool = False) -> pa.Column:
    """Return a pandera column with its description (the glossary entry)."""
    return pa.Column(dtype, checks=checks, nullable=nullable, unique=unique, description=description)


STATES = pa.DataFrameSchema(
    {
        "state_code": _col(str, "ISO 3166-1 alpha-3 code (EUU for the European Union)", unique=True),
        "state_name": _col(str, "UN short name (UN M49)"),
        "is_un_member": _col(bool, "true for the 193 UN Member States"),
        "group_code": _col(str, "UN regional group code; NONE = no regional group"),
        "group_name": _col(str, "UN regional group, or 'no regional group'"),
        "is_party": _col(bool, "true if the State is a party to the Convention by the reference date"),
        "signature_date": _col(pa.DateTime, "date of signature of the Convention", nullable=True),
        "deposit_date_text": _col(str, "deposit date as compiled (YYYY-MM-DD, YYYY-MM or YYYY)"),
        "deposit_date_precision": _col(str, "day, month, year or unknown"),
        "deposit_date_earliest": _col(pa.DateTime, "earliest day the deposit date can denote", nullable=True),
        "deposit_date_latest": _col(pa.DateTime, "latest day the deposit date can denote", nullable=True),
        "instrument": _col(str, "ratification, accession, acceptance, approval or succession"),
    },
    strict=True,
    name="states",
)

STATE_NAMES = pa.DataFrameSchema(
    {
        "state_code": _col(str, "State (see states); only States whose UN short name changed since 2005 are listed"),
        "name": _col(str, "UN short name in use from in_use_from to in_use_to"),
        "in_use_from": _col(pa.DateTime, "first day the name was in use; blank = before 2005", nullable=True),
        "in_use_to": _col(pa.DateTime, "last day the name was in use; blank = still in use (the current name)", nullable=True),
        "verified": _col(str, "yes = the day is stated by a UN source; no = the earliest day the sources allow (see note)"),
        "source": _col(str, "the notice, letter or page the change is documented in"),
        "note": _col(str, "what is and is not confirmed about the day"),
    },
    strict=True,
    coerce=True,
    name="state_names",
)

SA_ANSWERS = pa.DataFrameSchema(
    {
        "state_code": _col(str, "responding State (see states)"),
        "checklist_id": _col(str, "self-assessment checklist answered"),
        "provision": _col(str, "article, or article(paragraph), of the Convention"),
        "submitted_on": _col(pa.DateTime, "date of the submission the row belongs to"),
        "compliance_code": _col(str, "full, partial or none; blank = not answered", nullable=True, checks=pa.Check.isin(COMPLIANCE_CODES)),
        "is_ta_needed": _col(
            "boolean",
            "technical assistance needed for the provision; blank = not answered (a row listing "
            "forms of TA needed with this answer blank is read as yes)",
            nullable=True,
        ),
        "is_ta_needed_from_forms": _col(bool, "true when TA needed was left blank and read as yes because the row lists forms of TA"),
        "is_ta_provided": _col("boolean", "technical assistance already being provided; blank = not answered", nullable=True),
        "ta_form_codes": _col(str, "';'-separated TA form codes needed (normalised from codes or labels)"),
        "ta_providers_text": _col(str, "providers of TA already given, free text kept verbatim"),
        "ta_provider_names": _col(
            str, "';'-separated providers of ta_providers_text, each by its name in provider_aliases.csv (as written when not listed)"
        ),
        "notes_text": _col(str, "free-text notes, kept verbatim"),
        "state_name_raw": _col(str, "the State name as written in the export"),
        "source_file": _col(str, "raw file the row came from (relative to the raw folder)"),
        "source_row": _col(int, "row number in that file as a spreadsheet shows it (header = 1)"),
        "row_status": _col(str, "accepted (latest submission) or superseded (an earlier one)", checks=pa.Check.isin(ROW_STATUSES)),
        "superseded_by_date": _col(pa.DateTime, "date of the later submission that superseded this row", nullable=True),
    },
    strict=True,
    coerce=True,
    name="sa_answers",
)

SA_ANSWER_FORMS = pa.DataFrameSchema(
    {
        "state_code": _col(str, "responding State"),
        "checklist_id": _col(str, "checklist answered"),
        "provision": _col(str, "article of the Convention"),
        "submitted_on": _col(pa.DateTime, "date of the submission"),
        "ta_form_code": _col(str, "form of technical assistance needed (see ta_forms)"),
    },
    strict=True,
    coerce=True,
    name="sa_answer_forms",
)

REJECTS = pa.DataFrameSchema(
    {
        "source_file": _col(str, "raw file (relative to the raw folder)"),
        "source_row": _col(
            int,
            "row number as a spreadsheet shows it (header = 1); for an IATI file, the activity's position "
            "in it (first = 1); 0 = the whole file",
        ),
        "column": _col(str, "column(s) at fault, ';'-separated (for an IATI activity, preceded by its position and iati-identifier)"),
        "value": _col(str, "the value(s) at fault, as written"),
        "reason_code": _col(str, "reject reason code(s), ';'-separated"),
        "reason": _col(str, "the reason(s) in plain words"),
    },
    strict=True,
    coerce=True,
    name="rejects",
)

REJECTED_SUBMISSIONS = pa.DataFrameSchema(
    {
        "state_text": _col(str, "the State as written in the export (its first spelling); blank when no State was given"),
        "state_code": _col(str, "the State's code when the name is known; blank for an unknown name"),
        "checklist_text": _col(str, "the checklist id as written"),
        "submitted_on_text": _col(str, "the submission date as written"),
        "submitted_on_date": _col(pa.DateTime, "the submission date when it is a valid ISO date; blank otherwise", nullable=True),
        "source_files": _col(str, "';'-separated raw files holding the submission's rows"),
        "rows_read_n": _col(int, "rows of the submission read, none of them accepted"),
        "reason_codes": _col(str, "';'-separated reject reason codes of its rows"),
        "reasons": _col(str, "the reasons in plain words, each with the number of rows it rejected"),
    },
    strict=True,
    coerce=True,
    name="rejected_submissions",
)

FLAGS = pa.DataFrameSchema(
    {
        "source_file": _col(str, "raw file (relative to the raw folder)"),
        "source_row": _col(int, "row number as a spreadsheet shows it (header = 1); for an IATI file, the activity's position in it"),
        "column": _col(str, "the column flagged (for an IATI activity: its position, identifier and the field)"),
        "value": _col(str, "the value as written"),
        "reason_code": _col(str, "flag reason code"),
        "reason": _col(str, "the reason in plain words, and what was kept"),
    },
    strict=True,
    coerce=True,
    name="flags",
)

RECONCILIATION = pa.DataFrameSchema(
    {
        "source_file": _col(str, "raw file, or 'all files'"),
        "rows_read_n": _col(int, "data rows read"),
        "rows_accepted_n": _col(int, "rows of the latest submission of each State and checklist"),
        "rows_superseded_n": _col(int, "rows of earlier submissions (kept as history)"),
        "rows_rejected_n": _col(int, "rows rejected, listed in rejects.csv"),
        "is_reconciled": _col(bool, "read = accepted + superseded + rejected"),
    },
    strict=True,
    coerce=True,
    name="reconciliation",
)

TA_ACTIVITIES = pa.DataFrameSchema(
    {
        "activity_id": _col(str, "activity identifier (IATI identifier for IATI files)", unique=True),
        "provider": _col(str, "provider of the technical assistance, by its name in provider_aliases.csv (as written when not listed)"),
        "provider_text": _col(str, "provider as written in the activity table or IATI file"),
        "provider_type": _col(str, "bilateral, multilateral, UN, regional organisation or NGO"),
        "level": _col(str, "national, regional or global", checks=pa.Check.isin(LEVELS)),
        "recipient_codes": _col(str, "';'-separated State codes (national), group codes (regional) or 'global'"),
        "provisions": _col(str, "';'-separated articles covered; blank = area unspecified"),
        "ta_form_codes": _col(str, "';'-separated TA forms; blank = form unspecified"),
        "start_date": _col(pa.DateTime, "start (IATI: actual, else planned)"),
        "end_date": _col(pa.DateTime, "end (IATI: actual, else planned); blank = open-ended", nullable=True),
        "status": _col(str, "planned, ongoing or completed", checks=pa.Check.isin(ACTIVITY_STATUSES)),
        "budget": _col(float, "total budget in `currency`; blank = not given", nullable=True),
        "currency": _col(str, "ISO 4217 code of the budget"),
        "budget_note": _col(
            str, "why the budget is blank although one was given (negative or not a number; listed in flags.csv); blank = as given"
        ),
        "source_text": _col(str, "where the activity comes from, as written (IATI: the title)"),
        "source_file": _col(str, "raw file the activity was read from"),
        "source_row": _col(int, "row of the raw file (IATI: the activity's position in the file, the first is 1)"),
        "row_status": _col(str, "accepted"),
    },
    strict=True,
    name="ta_activities",
)

TA_ACTIVITY_TARGETS = pa.DataFrameSchema(
    {
        "activity_id": _col(str, "activity (see ta_activities)"),
        "level": _col(str, "national, regional or global"),
        "recipient_code": _col(str, "State code, regional group code or 'global'"),
        "provision": _col(str, "article covered; blank = area unspecified"),
        "ta_form_code": _col(str, "form of TA; blank = form unspecified"),
    },
    strict=True,
    name="ta_activity_targets",
)

CHECKLIST = pa.DataFrameSchema(
    {
        "checklist_id": _col(str, "self-assessment checklist"),
        "article": _col(str, "article of the Convention"),
        "paragraph": _col(str, "paragraph, blank when the whole article is covered"),
        "title": _col(str, "title of the article"),
        "chapter": _col(str, "chapter of the Convention (II prevention, III criminalization, IV cooperation, V asset recovery)"),
        "chapter_title": _col(str, "title of the chapter"),
        "provision": _col(str, "article, or article(paragraph): the key used in answers"),
        "provision_order": _col(int, "order of the provision in its checklist"),
    },
    strict=True,
    coerce=True,
    name="checklist",
)

NAME_KINDS = [
    "group",
    "form",
    "title",
    "meeting",
    "acronym",
    "acronym_name",
    "state",
    "state_former",
]  # what the names table names in other languages (reference.load_names)
NAMES = pa.DataFrameSchema(
    {
        "kind": _col(
            str,
            "what is named: group (a regional group), form (of assistance), title (of an article), meeting (a masthead field), "
            "acronym and acronym_name (a provider), state or state_former (a State's name, or one it had)",
            checks=pa.Check.isin(NAME_KINDS),
        ),
        "code": _col(
            str,
            "its code: group_code, ta_form_code, checklist_id:provision for a title, meeting_id:field for a meeting, state_code "
            "for a State, state_code:English name for a State's former name",
        ),
        "language": _col(str, "the language of the name (fr, es; en too for an acronym and its full name)"),
        "name": _col(str, "the name as the documents write it in that language"),
    },
    strict=True,
    coerce=True,
    unique=["kind", "code", "language"],
    name="names",
)

TA_FORMS = pa.DataFrameSchema(
    {
        "ta_form_code": _col(str, "code of a form of technical assistance", unique=True),
        "label": _col(str, "English label"),
        "label_fr": _col(str, "French label (accepted in exports)"),
        "label_es": _col(str, "Spanish label (accepted in exports)"),
    },
    strict=True,
    coerce=True,
    name="ta_forms",
)

MEETINGS = pa.DataFrameSchema(
    {
        "meeting_id": _col(str, "meeting identifier used in report names", unique=True),
        "name": _col(str, "meeting name"),
        "start_date": _col(pa.DateTime, "first day of the meeting"),
        "end_date": _col(pa.DateTime, "last day of the meeting"),
        "cutoff_date": _col(pa.DateTime, "data cut-off: submissions and party status are taken as at this date"),
        "checklist_id": _col(str, "checklist whose answers the meeting considers"),
        "source": _col(str, "where the meeting and its figures are documented"),
        "quoted_respondents_n": _col("Int64", "responding States parties a UN document quotes for the meeting", nullable=True),
        "quoted_parties_n": _col("Int64", "States parties the quoted response rate is of", nullable=True),
        "quoted_pct": _col("Int64", "the quoted response rate, whole per cent", nullable=True),
        "quoted_status_date": _col(
            pa.DateTime, "the date the quoted count of parties corresponds to, when earlier than the cut-off", nullable=True
        ),
        "quoted_source": _col(str, "the document and paragraph quoting the figures"),
        "body": _col(str, "the body the documents are issued for (masthead), e.g. the Conference of the States Parties"),
        "meeting_of": _col(str, "the body meeting (masthead), e.g. the Working Group"),
        "place": _col(str, "where the meeting is held"),
        "agenda_symbol": _col(str, "symbol of the meeting's provisional agenda (the masthead's footnote)"),
        "agenda_item": _col("Int64", "the provisional agenda's item the background paper is issued under", nullable=True),
        "agenda_title": _col(str, "title of that agenda item"),
        "paper_symbol": _col(str, "document symbol of the background paper; regional analyses are its addenda"),
        "paper_title": _col(str, "title of the background paper"),
        "issued_on": _col(pa.DateTime, "date of issue of the documents (blank: the day they are built)", nullable=True),
        "mandate": _col(str, "resolutions of the Conference giving the mandate, in the order cited (resolutions.csv)"),
        "document_source": _col(str, "sources of the masthead fields"),
        "unconfirmed": _col(str, "masthead fields no source at hand confirms (column names, ';'-separated)"),
    },
    strict=True,
    coerce=True,
    name="meetings",
)

RESOLUTIONS = pa.DataFrameSchema(
    {
        "resolution_id": _col(str, "resolution of the Conference (session/number)", unique=True),
        "session": _col(str, "session of the Conference that adopted it"),
        "session_place_dates": _col(str, "place and dates of that session"),
        "decision": _col(str, "what the Conference decided, in the words of the source (after 'the Conference')"),
        "source": _col(str, "where the decision is quoted from"),
    },
    strict=True,
    coerce=True,
    name="resolutions",
)


REVIEW_MECHANISMS = pa.DataFrameSchema(
    {
        "mechanism_id": _col(str, "short id of a review mechanism or body (IRM, GRECO, MESICIC, WGB, IAP, WGTA)", unique=True),
        "name": _col(str, "full name"),
        "host": _col(str, "host organisation"),
        "instrument": _col(str, "instrument whose implementation it reviews"),
        "membership_rule": _col(
            str,
            "listed (review_membership.csv), uncac_parties (every party to the Convention) or none",
            checks=pa.Check.isin(MEMBERSHIP_RULES),
        ),
        "follow_up": _col(str, "how the mechanism follows up its recommendations"),
        "source": _col(str, "where this is documented"),
    },
    strict=True,
    name="review_mechanisms",
)

REVIEW_CYCLES = pa.DataFrameSchema(
    {
        "mechanism_id": _col(str, "mechanism"),
        "round": _col(str, "round, phase or cycle, as the mechanism names it"),
        "title": _col(str, "title of the round"),
        "themes": _col(str, "';'-separated themes of the round"),
        "provisions": _col(str, "';'-separated articles of the UNCAC the themes correspond to (an editable analytic mapping)"),
        "start_year": _col(int, "first year of the round"),
        "end_year": _col(int, "last year of the round"),
        "verified": _col(str, "yes when checked against the source; no = to verify"),
        "source": _col(str, "where this is documented"),
    },
    strict=True,
    coerce=True,
    name="review_cycles",
)

REVIEW_MEMBERSHIP = pa.DataFrameSchema(
    {
        "mechanism_id": _col(str, "mechanism"),
        "state_code": _col(str, "member State"),
        "member_from": _col(pa.DateTime, "first day of membership; blank = not compiled (member throughout the data)", nullable=True),
        "member_to": _col(pa.DateTime, "last day of membership; blank = still a member as at the compilation date", nullable=True),
        "as_at": _col(pa.DateTime, "date the membership list was compiled as at"),
        "verified": _col(str, "yes when checked against the source; no = to verify"),
        "source": _col(str, "where the membership is documented"),
        "notes": _col(str, "dates to verify and other remarks"),
    },
    strict=True,
    coerce=True,
    name="review_membership",
)

REVIEW_VOCABULARY = pa.DataFrameSchema(
    {
        "mechanism_id": _col(str, "mechanism"),
        "status": _col(str, "a status in the mechanism's own words"),
        "common_status": _col(str, "the same status on the common scale", checks=pa.Check.isin(COMMON_STATUSES)),
        "verified": _col(str, "yes when checked against the source; no = to verify"),
        "note": _col(str, "how the mapping reads the mechanism's status"),
    },
    strict=True,
    coerce=True,
    name="review_vocabulary",
)

REVIEW_EVENTS = pa.DataFrameSchema(
    {
        "event_id": _col(str, "event identifier", unique=True),
        "mechanism_id": _col(str, "mechanism holding the event"),
        "state_code": _col(str, "State concerned; blank for a plenary"),
        "event_type": _col(str, "on-site visit, plenary, report adoption or follow-up deadline", checks=pa.Check.isin(EVENT_TYPES)),
        "start_date": _col(pa.DateTime, "first day"),
        "end_date": _col(pa.DateTime, "last day (the first day when one day)"),
        "status": _col(str, "planned, confirmed, held, postponed or cancelled"),
        "round": _col(str, "round of the mechanism, when given"),
        "notes_text": _col(str, "free-text notes, kept verbatim"),
        "source_file": _col(str, "raw file the event came from"),
        "source_row": _col(int, "row number in that file (header = 1)"),
        "row_status": _col(str, "accepted"),
    },
    strict=True,
    coerce=True,
    name="review_events",
)

RECOMMENDATIONS = pa.DataFrameSchema(
    {
        "mechanism_id": _col(str, "mechanism that issued the recommendation"),
        "recommendation_id": _col(str, "the recommendation's id within its mechanism"),
        "state_code": _col(str, "State the recommendation is addressed to; blank for the Working Group's own"),
        "round": _col(str, "round, phase or cycle"),
        "adopted_on": _col(pa.DateTime, "date the report holding it was adopted", nullable=True),
        "text": _col(str, "the recommendation, verbatim"),
        "provisions": _col(str, "';'-separated articles of the UNCAC it concerns"),
        "themes": _col(str, "';'-separated themes"),
        "criteria_text": _col(str, "criteria for assessing progress; blank = none given (not measurable)"),
        "follow_up_due": _col(pa.DateTime, "deadline for reporting on follow-up", nullable=True),
        "source_text": _col(str, "the report and paragraph it comes from"),
        "source_file": _col(str, "raw file the recommendation came from"),
        "source_row": _col(int, "row number in that file (header = 1)"),
        "row_status": _col(str, "accepted"),
    },
    strict=True,
    coerce=True,
    name="recommendations",
)

RECOMMENDATION_ASSESSMENTS = pa.DataFrameSchema(
    {
        "mechanism_id": _col(str, "mechanism"),
        "recommendation_id": _col(str, "recommendation assessed"),
        "assessed_on": _col(pa.DateTime, "date of the assessment (the report that states it)"),
        "status": _col(str, "status in the mechanism's words"),
        "common_status": _col(str, "status on the common scale", checks=pa.Check.isin(COMMON_STATUSES)),
        "note_text": _col(str, "action taken or reasons, verbatim"),
        "source_text": _col(str, "the report and paragraph stating the status"),
        "source_file": _col(str, "raw file"),
        "source_row": _col(int, "row number in that file (header = 1)"),
        "row_status": _col(
            str, "accepted (latest assessment of the recommendation) or superseded (its history)", checks=pa.Check.isin(ROW_STATUSES)
        ),
        "superseded_by_date": _col(pa.DateTime, "date of the later assessment", nullable=True),
    },
    strict=True,
    coerce=True,
    name="recommendation_assessments",
)

TABLES = {
    s.name: s
    for s in (
        STATES,
        STATE_NAMES,
        CHECKLIST,
        NAMES,
        TA_FORMS,
        MEETINGS,
        SA_ANSWERS,
        SA_ANSWER_FORMS,
        REJECTS,
        REJECTED_SUBMISSIONS,
        FLAGS,
        RECONCILIATION,
        TA_ACTIVITIES,
        TA_ACTIVITY_TARGETS,
        REVIEW_MECHANISMS,
        REVIEW_CYCLES,
        REVIEW_MEMBERSHIP,
        REVIEW_VOCABULARY,
        REVIEW_EVENTS,
        RECOMMENDATIONS,
        RECOMMENDATION_ASSESSMENTS,
    )
}


def make_empty(table: pa.DataFrameSchema) -> pd.DataFrame:
    """Return an empty frame with a schema's columns and dtypes (a data folder without that input)."""
    return pd.DataFrame({name: pd.Series(dtype=col.dtype.type) for name, col in table.columns.items()})


def describe_columns(names: list[str] | None = None) -> pd.DataFrame:
    """Return the glossary (table, column, type, meaning) of the processed tables."""
    rows = []
    for table, schema in TABLES.items():
        if names and table not in names:
            continue
        for col, spec in schema.columns.items():
            rows.append({"table": table, "column": col, "type": str(spec.dtype), "meaning": spec.description})
    return pd.DataFrame(rows)
