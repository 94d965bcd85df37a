"""Write the synthetic sample's peer review calendars, recommendations and status histories (2016-2019)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from lib.io import reference
from lib.io.ingest import SYNTHETIC_MARKER
from lib.io.reviews import ASSESSMENT_COLUMNS, CALENDAR_COLUMNS, RECOMMENDATION_COLUMNS

SAMPLE_AS_AT = date(2018, 6, 30)  # the sample pretends to be seen on this day: earlier events held, later ones planned
PERIOD = (date(2016, 1, 1), date(2019, 12, 31))  # the years the sample's calendars cover
SOURCE = "SYNTHETIC SAMPLE (lib.sample.reviews): fictional, not a finding of any mechanism"
PLENARIES = {  # mechanism: (months of its plenaries, length in days)
    "GRECO": ((3, 6, 10, 12), 5),
    "WGB": ((3, 6, 10, 12), 4),
    "MESICIC": ((3, 9), 4),
    "IAP": ((3, 9), 3),
    "IRM": ((6, 11), 5),
}
ROUNDS = {  # mechanism: (round, share of members reviewed in the period, recommendations per report, months to follow-up)
    "GRECO": [("round-4", 0.9, (10, 18), 18), ("round-5", 0.6, (8, 16), 18)],
    "WGB": [("phase-4", 0.55, (15, 30), 24)],
    "MESICIC": [("round-5", 0.9, (10, 18), 18)],
    "IAP": [("round-4", 1.0, (18, 30), 12)],
    "IRM": [("cycle-2", 0.6, (12, 24), 18)],
}
EARLY_ROUNDS = {"round-4"}  # rounds whose reports were adopted before the period (only their follow-up falls in it)
ACTIONS = ["Adopt", "Strengthen", "Establish", "Review", "Ensure", "Introduce", "Clarify", "Provide for"]
OBJECTS = {  # what recommendations on each article ask for (fictional wording)
    "5": "the national anti-corruption strategy and its monitoring",
    "6": "the independence and resources of the preventive body",
    "7": "rules on conflicts of interest and asset declarations",
    "8": "a code of conduct with guidance and confidential counselling",
    "9": "transparency and review procedures in public procurement",
    "10": "public access to information held by public bodies",
    "11": "integrity rules for judges and prosecutors",
    "12": "accounting and auditing standards in the private sector",
    "13": "the participation of civil society in preventing corruption",
    "14": "customer due diligence and reporting of suspicious transactions",
    "15": "the offence of bribery of national public officials",
    "16": "the offence of bribery of foreign public officials",
    "17": "the offence of embezzlement by public officials",
    "20": "the offence of illicit enrichment",
    "23": "the laundering of proceeds of crime",
    "26": "the liability of legal persons and its sanctions",
    "30": "sanctions and the immunities of public officials",
    "32": "the protection of witnesses and experts",
    "33": "the protection of reporting persons",
    "36": "the specialised anti-corruption law enforcement authority",
    "44": "extradition for corruption offences",
    "46": "mutual legal assistance in corruption cases",
    "51": "international cooperation for asset recovery",
    "52": "enhanced scrutiny of politically exposed persons",
    "54": "the recognition of foreign confiscation orders",
    "57": "the return and disposal of confiscated assets",
}
CRITERIA = [
    "law adopted and in force",
    "regulation published and applied to all bodies concerned",
    "statistics on cases published yearly",
    "guidance issued and training given to the officials concerned",
    "body established with its own budget line",
]
NO_CRITERIA_SHARE = 0.3  # share of recommendations issued without criteria for assessing progress
OUTCOMES = ["implemented", "partly implemented", "not implemented"]  # on the common scale
FIRST_OUTCOME = (0.3, 0.35, 0.35)  # first follow-up: a third implemented, the rest split
SECOND_OUTCOME = {"partly implemented": (0.5, 0.4, 0.1), "not implemented": (0.25, 0.35, 0.4)}  # the next follow-up improves on it
LATE_SHARE = 0.12  # share of due follow-ups not yet assessed by SAMPLE_AS_AT: the overdue ones
NEAR_VISIT_SHARE = 0.3  # share of visits placed within four months of another mechanism's visit to the State (clashes, joint visits)


def pick_day(start: date, end: date, rng: np.random.Generator) -> date:
    """Return a seeded day between two dates."""
    return start + timedelta(days=int(rng.integers(0, max((end - start).days, 1))))


def monday_of(day: date) -> date:
    """Return the Monday of a day's week (meetings start on Mondays)."""
    return day - timedelta(days=day.weekday())


def write_plenaries(rng: np.random.Generator) -> list[dict]:
    """Return each mechanism's plenaries over the period."""
    events = []
    for mech, (months, length) in PLENARIES.items():
        for year in range(PERIOD[0].year, PERIOD[1].year + 1):
            for month in months:
                start = monday_of(date(year, month, int(rng.integers(1, 22))))
                events.append(
                    {
                        "mechanism": mech,
                        "state": "",
                        "event_type": "plenary",
                        "start": start,
                        "end": start + timedelta(days=length - 1),
                        "round": "",
                    }
                )
    return events


def status_of(day: date) -> str:
    """Return an event's status as seen on SAMPLE_AS_AT."""
    return "held" if day <= SAMPLE_AS_AT else "confirmed" if day <= SAMPLE_AS_AT + timedelta(days=120) else "planned"


def choose_reviewed(membership: pd.DataFrame, mech: str, share: float, rng: np.random.Generator) -> list[str]:
    """Return a seeded share of the mechanism's members over the whole period."""
    rows = membership[membership["mechanism_id"] == mech]
    members = sorted(
        rows.loc[
            (rows["member_from"].isna() | (rows["member_from"] <= pd.Timestamp(PERIOD[0])))
            & (rows["member_to"].isna() | (rows["member_to"] >= pd.Timestamp(PERIOD[1]))),
            "state_code",
        ]
    )
    return sorted(rng.choice(members, size=max(1, round(len(members) * share)), replace=False))


def draw_recommendations(
    mech: str,
    rnd: str,
    state: str,
    adopted: date,
    follow_months: int,
    count: int,
    provisions: list[str],
    themes: list[str],
    names: dict[str, str],
    rng: np.random.Generator,
) -> list[dict]:
    """Return one report's recommendations to a State, on the round's articles and themes."""
    recs = []
    usable = [p for p in provisions if p in OBJECTS] or list(OBJECTS)
    for i in range(count):
        article = str(rng.choice(usable))
        criteria = "" if rng.random() < NO_CRITERIA_SHARE else str(rng.choice(CRITERIA))
        recs.append(
            {
                "mechanism": mech,
                "state": names[state],
                "round": rnd,
                "recommendation_id": f"{mech}-{rnd}-{state}-{i + 1:02d}",
                "adopted_on": adopted.isoformat(),
                "text": f"{rng.choice(ACTIONS)} {OBJECTS[article]}.",
                "articles": article,
                "themes": str(rng.choice(themes)),
                "criteria": criteria,
                "follow_up_due": (adopted + timedelta(days=30 * follow_months)).isoformat(),
                "source": SOURCE,
            }
        )
    return recs


def draw_history(rec: dict, words: dict[str, str], rng: np.random.Generator) -> list[dict]:
    """Return a recommendation's dated assessments: 'not yet assessed' at adoption, then one or two follow-ups."""
    adopted, due = date.fromisoformat(rec["adopted_on"]), date.fromisoformat(rec["follow_up_due"])
    history = [(adopted, words["not yet assessed"])] if rng.random() < 0.5 else []
    first = due + timedelta(days=int(rng.integers(-30, 60)))
    if first <= SAMPLE_AS_AT and rng.random() > LATE_SHARE:
        outcome = str(rng.choice(OUTCOMES, p=FIRST_OUTCOME))
        history.append((first, words.get(outcome, words["partly implemented"])))  # MESICIC has no word for 'not implemented'
        second = first + timedelta(days=int(rng.integers(330, 560)))
        if outcome != "implemented" and second <= SAMPLE_AS_AT:
            history.append((second, words.get(str(rng.choice(OUTCOMES, p=SECOND_OUTCOME[outcome])), words["partly implemented"])))
    return [
        {
            "mechanism": rec["mechanism"],
            "recommendation_id": rec["recommendation_id"],
            "assessed_on": d.isoformat(),
            "status": s,
            "note": "",
            "source": SOURCE,
        }
        for d, s in history
    ]


def generate_reviews(ref_dir: Path, seed: int) -> tuple[list[dict], list[dict], list[dict]]:
    """Return the sample's calendar events, recommendations and assessments (all valid)."""
    from lib.io.reviews import load_review_reference  # noqa: PLC0415

    rng = np.random.default_rng(seed + 5)
    states = reference.load_states(ref_dir)
    rref = load_review_reference(ref_dir, states)
    names = dict(zip(states["state_code"], states["state_name"]))
    vocab = rref.vocabulary
    plenaries = write_plenaries(rng)
    events, recs, assessments = list(plenaries), [], []
    visits: dict[str, date] = {}  # State -> its first on-site visit
    for mech, rounds in ROUNDS.items():
        rows = vocab[vocab["mechanism_id"] == mech].iloc[::-1]
        words = dict(zip(rows["common_status"], rows["status"]))  # reversed: the mechanism's first word for a common status wins
        mech_plenaries = sorted(p["start"] for p in plenaries if p["mechanism"] == mech)
        for rnd, share, (low, high), follow_months in rounds:
            cycle = rref.cycles[(rref.cycles["mechanism_id"] == mech) & (rref.cycles["round"] == rnd)].iloc[0]
            provisions, themes = cycle["provisions"].split(";"), cycle["themes"].split(";")
            for state in choose_reviewed(rref.membership, mech, share, rng):
                adopted: date | None  # None when no plenary follows the visit: the State is skipped
                if rnd in EARLY_ROUNDS:
                    adopted = pick_day(date(2013, 6, 1), date(2015, 12, 1), rng)
                else:
                    visit = monday_of(pick_day(max(PERIOD[0], date(int(cycle["start_year"]), 1, 1)), date(2019, 6, 30), rng))
                    if state in visits and rng.random() < NEAR_VISIT_SHARE:
                        visit = monday_of(visits[state] + timedelta(days=int(rng.integers(7, 120))))
                    visits.setdefault(state, visit)
                    events.append(
                        {
                            "mechanism": mech,
                            "state": names[state],
                            "event_type": "on-site visit",
                            "start": visit,
                            "end": visit + timedelta(days=int(rng.integers(2, 5))),
                            "round": rnd,
                        }
                    )
                    adopted = next((p for p in mech_plenaries if p > visit + timedelta(days=120)), None)
                    if adopted is None:
                        continue
                    events.append(
                        {
                            "mechanism": mech,
                            "state": names[state],
                            "event_type": "report adoption",
                            "start": adopted,
                            "end": adopted,
                            "round": rnd,
                        }
                    )
                due = adopted + timedelta(days=30 * follow_months)
                if PERIOD[0] <= due <= PERIOD[1]:
                    events.append(
                        {
                            "mechanism": mech,
                            "state": names[state],
                            "event_type": "follow-up deadline",
                            "start": due,
                            "end": due,
                            "round": rnd,
                        }
                    )
                if adopted > SAMPLE_AS_AT:  # a report not yet adopted on the sample's day has no recommendations yet
                    continue
                report = draw_recommendations(
                    mech, rnd, state, adopted, follow_months, int(rng.integers(low, high + 1)), provisions, themes, names, rng
                )
                recs += report
                for rec in report:
                    assessments += draw_history(rec, words, rng)
    events.sort(key=lambda e: (e["start"], e["mechanism"], e["state"]))
    for i, e in enumerate(events):
        e.update(event_id=f"EV{i + 1:05d}", status=status_of(e["start"]), start=e["start"].isoformat(), end=e["end"].isoformat(), notes="")
    return events, recs, assessments


def add_bad_rows(events: list[dict], recs: list[dict], assessments: list[dict]) -> None:
    """Append the inputs that go wrong, each rejected by the ingest with its reason."""
    ev = dict(
        mechanism="GRECO",
        state="France",
        event_type="on-site visit",
        start="2017-05-08",
        end="2017-05-10",
        status="held",
        round="round-5",
        notes="SYNTHETIC bad row",
    )
    events += [
        dict(ev, event_id="BAD01", start="2017-05-12", end="2017-05-09", notes="SYNTHETIC bad row: end before start"),
        dict(ev, event_id="BAD02", mechanism="GRECCO", notes="SYNTHETIC bad row: unknown mechanism"),
        dict(ev, event_id="BAD03", state="Atlantis", notes="SYNTHETIC bad row: unknown State"),
        dict(ev, event_id="BAD04", state="Kazakhstan", notes="SYNTHETIC bad row: Kazakhstan joined GRECO in 2020"),
        dict(ev, event_id="BAD05", mechanism="MESICIC", state="Spain", round="round-5", notes="SYNTHETIC bad row: not a MESICIC member"),
        dict(ev, event_id="BAD06", event_type="site visit", notes="SYNTHETIC bad row: event type outside the vocabulary"),
        dict(ev, event_id="BAD07", event_type="plenary", notes="SYNTHETIC bad row: a plenary names a State"),
        dict(ev, event_id="BAD08", start="2017-05-08", end="2017-05-12", notes="SYNTHETIC: a valid visit, which BAD09 overlaps"),
        dict(ev, event_id="BAD09", start="2017-05-10", end="2017-05-11", notes="SYNTHETIC bad row: overlapping visit"),
    ]
    rec = dict(recs[0])
    recs += [
        dict(rec, recommendation_id="BAD-R1", follow_up_due="2010-01-01", text="SYNTHETIC bad row: follow-up due before adoption."),
        dict(rec, recommendation_id="BAD-R2", mechanism="OECD-XYZ", text="SYNTHETIC bad row: unknown mechanism."),
        dict(rec, text="SYNTHETIC bad row: same id as an earlier recommendation, other text."),
        dict(rec, recommendation_id="BAD-R3", round="round-9", text="SYNTHETIC bad row: unknown round."),
    ]
    first = next(a for a in assessments if a["recommendation_id"] == rec["recommendation_id"])
    assessments += [
        dict(first, status="largely compliant", note="SYNTHETIC bad row: an IAP word used for another mechanism"),
        dict(first, assessed_on="2001-01-01", note="SYNTHETIC bad row: assessed before adoption"),
        dict(first, recommendation_id="NO-SUCH-REC", note="SYNTHETIC bad row: unknown recommendation"),
    ]


MARKER_TEXT = """# Synthetic sample data (except the Working Group's register)

`sample_calendar.csv`, `sample_recommendations.csv` and `sample_assessments.csv` were written by `python -m lib.sample.synthetic`
(seed {seed}), as seen on {as_at}. The mechanisms, their members and rounds are real (data/raw/reference/review_*.csv);
every event date, recommendation and status is FICTIONAL: never quote them as findings of any mechanism.

`wgta_recommendations.csv` and `wgta_assessments.csv` are REAL: the recommendations of the Open-ended Intergovernmental
Working Group on Technical Assistance and the action taken on each, entered by hand from section III of the Report of
the Secretariat of 28 September 2009 (CAC/COSP/2009/9), verbatim, with their paragraph numbers in `source`.
"""


def write_reviews(data_dir: Path, seed: int) -> list[Path]:
    """Write the sample's calendar, recommendations and assessments into data_dir/raw/peer_review (WGTA files untouched)."""
    out = data_dir / "raw" / "peer_review"
    out.mkdir(parents=True, exist_ok=True)
    events, recs, assessments = generate_reviews(data_dir / "raw" / "reference", seed)
    add_bad_rows(events, recs, assessments)
    written = []
    for name, rows, columns in (
        ("sample_calendar.csv", events, CALENDAR_COLUMNS),
        ("sample_recommendations.csv", recs, RECOMMENDATION_COLUMNS),
        ("sample_assessments.csv", assessments, ASSESSMENT_COLUMNS),
    ):
        pd.DataFrame(rows, columns=columns).to_csv(out / name, index=False, lineterminator="\n")
        written.append(out / name)
    (out / SYNTHETIC_MARKER).write_text(MARKER_TEXT.format(seed=seed, as_at=SAMPLE_AS_AT.isoformat()), encoding="utf-8")
    return written + [out / SYNTHETIC_MARKER]
