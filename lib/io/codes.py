"""Every code and vocabulary of the data, defined once (stdlib only: the Makefile's plan reads them too)."""

from __future__ import annotations

from lib.io.messages import N_

# Regional groups
ALL_GROUPS = "ALL"  # the group code of figures over every regional group, and of a report covering them all
ALL_GROUPS_LABEL = N_("All States parties")  # how the all-groups row of a table of States parties by group reads
NO_GROUP_CODE = "NONE"  # parties outside the five UN regional groups (EU, Holy See, State of Palestine, Cook Islands, Niue)
TOTAL_LABEL = N_("All")  # the total row of a table by article, form, provider, mechanism, round, theme or group
EVERY = "all"  # the value of a mechanism or round parameter that takes every one (report ids: recommendations_followup--all--all)

# Self-assessment answers
COMPLIANCE_CODES = ["full", "partial", "none"]  # the checklist's three answers; blank = no answer (kept)
ROW_STATUSES = ["accepted", "superseded"]  # rejected rows go to rejects.csv, not to the tables of accepted rows

NO_FORM = ""  # the form of a need that names none: counted as its own row so that requests add up to the needs
NO_FORM_LABEL = N_("Form not named")  # how that row reads

# Supply of technical assistance
PROVIDER_TYPES = ["bilateral", "multilateral", "UN", "regional organisation", "NGO"]  # who provides an activity
LEVELS = ["national", "regional", "global"]  # whom an activity reaches: a State, a regional group, every State
ACTIVITY_STATUSES = ["planned", "ongoing", "completed"]  # cancelled and suspended activities are rejected
COVERAGE_CLASSES = ["unmet", "met", "met by several providers"]  # a need by the number of distinct providers meeting it

# Peer review
EVENT_TYPES = ["on-site visit", "plenary", "report adoption", "follow-up deadline"]  # the events of a review calendar
EVENT_STATUSES = ["planned", "confirmed", "held", "postponed", "cancelled"]  # cancelled events are kept, never scheduled
MEMBERSHIP_RULES = ["listed", "uncac_parties", "none"]  # members from review_membership.csv, every party to the Convention, or none
COMMON_STATUSES = [
    "implemented",
    "partly implemented",
    "not implemented",
    "no longer applicable",
    "not yet assessed",
]  # one scale for every mechanism
