"""The two builds and the consents deciding which country briefs a public build may publish (stdlib only: make reads them)."""

from __future__ import annotations

import csv
import re
from datetime import date, datetime
from pathlib import Path

RELEASE_PLAN_FILE = "release-plan.json"  # in processed/: where each meeting's public figures come from, the briefs published
CONSENT_FILE = "publication_consent.csv"  # reference table: the dated history of States' consent to publish their brief


CONSENT_ANSWERS = ("yes", "no")  # consent_to_publish: anything else is not guessed


ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")  # recorded_on: a day written YYYY-MM-DD, the only unambiguous form


BUILDS = ("restricted", "public")  # restricted: everything, for the secretariat; public: what may be published


def read_csv(path: Path) -> list[dict]:
    """Read a small reference CSV as dicts."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def check_build(build: str) -> str:
    """Return the build name, or stop with a plain sentence when it is not one of BUILDS."""
    if build not in BUILDS:
        raise ValueError(f"Unknown build {build!r}: use one of {', '.join(BUILDS)}.")
    return build


class ConsentError(ValueError):
    """publication_consent.csv cannot be read as a dated history; the message is one plain sentence."""


def read_consent_record(record: dict, row: int) -> tuple[str, date, str]:
    """Return (State code, day recorded, 'yes' or 'no') of one consent record, or stop plainly when it is unreadable."""
    where = f"{CONSENT_FILE} row {row} ({record.get('state_code') or 'no State code'})"
    written = (record.get("recorded_on") or "").strip()
    try:
        day = datetime.strptime(written, "%Y-%m-%d").date() if ISO_DAY.match(written) else None
    except ValueError:
        day = None
    if day is None:
        raise ConsentError(
            f"{where} has {'no date' if not written else f'the date {written!r}'} in recorded_on: write the day the "
            "consent or refusal was recorded as YYYY-MM-DD (the latest record of each State decides; no date is guessed)."
        )
    answer = (record.get("consent_to_publish") or "").strip().lower()
    if answer not in CONSENT_ANSWERS:
        raise ConsentError(f"{where} has {f'{answer!r}' if answer else 'no answer'} in consent_to_publish: write yes or no.")
    return (record.get("state_code") or "").strip(), day, answer


def read_consents(raw: Path) -> set[str]:
    """Return the codes of the States whose latest recorded decision is consent to publish their country brief.

    publication_consent.csv is a dated history: per State, the record with the latest recorded_on decides (a 'no'
    after a 'yes' withdraws the consent); two records of one day that disagree count as 'no' (the cautious choice).
    No file = no consent. A blank or unreadable date, or an answer other than yes/no, stops with one sentence.
    """
    path = raw / "reference" / CONSENT_FILE
    if not path.is_file():
        return set()
    latest: dict[str, tuple[date, bool]] = {}  # State -> (day, is a refusal) of the record that decides
    for row, record in enumerate(read_csv(path), start=2):  # row 1 is the header, as a spreadsheet numbers it
        state, day, answer = read_consent_record(record, row)
        rank = (day, answer == "no")  # the later day decides; on one day a 'no' outranks a 'yes'
        latest[state] = max(latest.get(state, rank), rank)
    return {state for state, (_, is_refusal) in latest.items() if not is_refusal}
