"""Write the synthetic sample's supply of technical assistance: activities (CSV) and a small IATI file."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import numpy as np
import pandas as pd

from lib.io import reference
from lib.io.ingest import SYNTHETIC_MARKER
from lib.io.names import normalise_name
from lib.io.rows import normalise_provision
from lib.io.supply import ACTIVITY_COLUMNS

NATIONAL_SHARE = 0.22  # share of the latest needs (State x article) met by one national activity
DUPLICATED_SHARE = 0.07  # share met by two or three providers at once: the duplication the Working Group warns about
REGIONAL_PROGRAMMES = 2  # regional programmes per regional group
PROVIDER_TYPES = {
    "UNODC": "UN",
    "UNDP": "UN",
    "World Bank": "multilateral",
    "OECD": "regional organisation",
    "Council of Europe": "regional organisation",
    "OAS": "regional organisation",
    "USAID": "bilateral",
    "DFID": "bilateral",
    "GTZ": "bilateral",
    "AusAID": "bilateral",
    "Norad & Sida": "bilateral",
    "European Commission": "regional organisation",
    "African Development Bank": "multilateral",
    "Asian Development Bank": "multilateral",
    "Inter-American Development Bank": "multilateral",
    "OECD/ADB Anti-Corruption Initiative": "regional organisation",
    "OECD Anti-Corruption Network": "regional organisation",
    "Transparency International": "NGO",
    "Basel Institute on Governance": "NGO",
}
IATI_SAMPLE = "sample_iati_activities.xml"  # a small IATI 2.03 file, as a donor would publish it


def collect_needs(periods: list[list[dict]], ref_dir: Path) -> pd.DataFrame:
    """Return the (State code, provision, forms) needs of the sample's latest submissions."""
    aliases = reference.load_aliases(ref_dir)
    yes = {"yes", "oui", "si"}
    rows = [r for period in periods[:-1] for r in period if normalise_name(r["ta_needed"]) in yes]
    needs = pd.DataFrame(
        [
            {
                "state_code": aliases[normalise_name(r["state"])],
                "provision": normalise_provision(r["article"]),
                "forms": r["ta_forms"],
                "submitted_on": r["submitted_on"],
            }
            for r in rows
        ]
    )
    latest = needs.groupby("state_code")["submitted_on"].transform("max")
    return needs[needs["submitted_on"] == latest].drop_duplicates(["state_code", "provision"]).reset_index(drop=True)


def draw_period(rng: np.random.Generator) -> tuple[str, str, str]:
    """Return start, end and status of an activity around the sample's meetings."""
    start = date(2007, 1, 1) + timedelta(days=int(rng.integers(0, 1000)))
    end = start + timedelta(days=int(rng.integers(365, 1460)))
    status = "planned" if start > date(2009, 9, 3) else "completed" if end < date(2009, 9, 3) else "ongoing"
    return start.isoformat(), end.isoformat(), status


def make_activity(i: int, provider: str, level: str, recipients: str, articles: str, forms: str, rng: np.random.Generator) -> dict:
    """Return one activity row of the sample."""
    start, end, status = draw_period(rng)
    budget = int(rng.integers(2, 80)) * 25000
    return {
        "activity_id": f"SAMPLE-{i:04d}",
        "provider": provider,
        "provider_type": PROVIDER_TYPES[provider],
        "level": level,
        "recipients": recipients,
        "articles": articles,
        "ta_forms": forms,
        "start": start,
        "end": end,
        "status": status,
        "budget": str(budget),
        "currency": "USD",
        "source": "synthetic sample",
    }


def generate_activities(periods: list[list[dict]], ref_dir: Path, providers: dict[str, list[str]], seed: int) -> list[dict]:
    """Return the sample's activities: national ones (some duplicated), regional and global programmes, bad rows."""
    rng = np.random.default_rng(seed + 7)
    needs = collect_needs(periods, ref_dir)
    states = reference.load_states(ref_dir).set_index("state_code")
    checklist = reference.load_checklist(ref_dir)
    rows, i = [], 0
    for need in needs.itertuples():
        draw = rng.random()
        group = states.loc[need.state_code, "group_code"]
        pool = [p for p in providers[group] if p in PROVIDER_TYPES] or ["UNODC"]
        count = 1 if draw < NATIONAL_SHARE else int(rng.integers(2, 4)) if draw < NATIONAL_SHARE + DUPLICATED_SHARE else 0
        for provider in rng.choice(pool, size=min(count, len(pool)), replace=False):
            i += 1
            forms = need.forms.split(";")[0] if need.forms and rng.random() < 0.7 else ""
            rows.append(make_activity(i, str(provider), "national", states.loc[need.state_code, "state_name"], need.provision, forms, rng))
    for group in ["AFR", "APG", "EEG", "GRULAC", "WEOG"]:
        for _ in range(REGIONAL_PROGRAMMES):
            i += 1
            articles = ";".join(sorted(rng.choice(checklist["provision"], size=3, replace=False), key=int))
            rows.append(
                make_activity(
                    i,
                    str(rng.choice([p for p in providers[group] if p in PROVIDER_TYPES])),
                    "regional",
                    group,
                    articles,
                    str(rng.choice(["capacity_building", "good_practices", "legal_advice"])),
                    rng,
                )
            )
    rows.append(make_activity(i + 1, "UNODC", "global", "global", "5;6;9", "good_practices;model_legislation", rng))
    rows.append(make_activity(i + 2, "Basel Institute on Governance", "global", "global", "53;54;55;57", "capacity_building", rng))
    rows.append(make_activity(i + 3, "Transparency International", "global", "global", "", "", rng))  # area unspecified
    bad = dict(rows[0], activity_id="SAMPLE-BAD-1", recipients="Atlantis")
    rows += [
        bad,
        dict(rows[1], activity_id="SAMPLE-BAD-2", start="03/04/2009"),
        dict(rows[2], activity_id="SAMPLE-BAD-3", end="2006-01-01"),
        dict(rows[3]),
    ]  # the last one repeats a row exactly
    return rows


IATI_TEMPLATE = """<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03" generated-datetime="2009-08-31T00:00:00">
{activities}
</iati-activities>
"""
IATI_ACTIVITY = """  <iati-activity default-currency="{currency}">
    <iati-identifier>{identifier}</iati-identifier>
    <reporting-org ref={org_ref} type="{org_type}"><narrative>{org}</narrative></reporting-org>
    <title><narrative>{title}</narrative></title>
    <activity-status code="{status}"/>
    <activity-date type="2" iso-date="{start}"/>
    <activity-date type="3" iso-date="{end}"/>
    {recipient}
    <sector vocabulary="1" code="{sector}"/>
    <budget type="1"><period-start iso-date="{start}"/><period-end iso-date="{end}"/><value value-date="{start}">{budget}</value></budget>
  </iati-activity>"""
IATI_ACTIVITIES = [  # identifier, org ref, org type, org, title, status, start, end, recipient, sector, budget, currency
    (
        "GB-GOV-1-SAMPLE-101",
        "GB-GOV-1",
        "10",
        "United Kingdom",
        "Support to the anti-corruption commission",
        "2",
        "2008-04-01",
        "2011-03-31",
        '<recipient-country code="KE"/>',
        "15113",
        "750000",
        "GBP",
    ),
    (
        "SE-0-SE-6-SAMPLE-102",
        "SE-0",
        "10",
        "Sweden",
        "Legal reform and mutual legal assistance",
        "2",
        "2008-09-01",
        "2010-12-31",
        '<recipient-country code="TZ"/>',
        "15130",
        "400000",
        "SEK",
    ),
    (
        "XM-DAC-41114-SAMPLE-103",
        "XM-DAC-41114",
        "40",
        "United Nations Development Programme",
        "Regional anti-corruption programme for Asia and the Pacific",
        "2",
        "2009-01-01",
        "2012-12-31",
        '<recipient-region code="798" vocabulary="1"/>',
        "15113",
        "1200000",
        "USD",
    ),
    (
        "US-GOV-1-SAMPLE-104",
        "US-GOV-1",
        "10",
        "United States",
        "Financial intelligence unit support",
        "1",
        "2010-01-01",
        "2011-12-31",
        '<recipient-country code="PH"/>',
        "24030",
        "300000",
        "USD",
    ),
    (
        "GB-GOV-1-SAMPLE-105",
        "GB-GOV-1",
        "10",
        "United Kingdom",
        "Basic education",
        "2",
        "2008-01-01",
        "2010-12-31",
        '<recipient-country code="NG"/>',
        "11220",
        "900000",
        "GBP",
    ),  # out of scope
]


def render_iati() -> str:
    """Return the sample IATI file: a few donor activities, one of them outside anti-corruption (rejected as out of scope)."""
    parts = []
    for ident, ref, kind, org, title, status, start, end, recipient, sector, budget, currency in IATI_ACTIVITIES:
        parts.append(
            IATI_ACTIVITY.format(
                identifier=escape(ident),
                org_ref=quoteattr(ref),
                org_type=kind,
                org=escape(org),
                title=escape(title),
                status=status,
                start=start,
                end=end,
                recipient=recipient,
                sector=sector,
                budget=budget,
                currency=currency,
            )
        )
    return IATI_TEMPLATE.format(activities="\n".join(parts))


def write_supply(data_dir: Path, periods: list[list[dict]], providers: dict[str, list[str]], seed: int, marker: str) -> list[Path]:
    """Write data_dir/raw/ta_activities: the sample activities CSV, the IATI sample and the synthetic marker."""
    ref_dir, out = data_dir / "raw" / "reference", data_dir / "raw" / "ta_activities"
    out.mkdir(parents=True, exist_ok=True)
    frame = pd.DataFrame(generate_activities(periods, ref_dir, providers, seed), columns=ACTIVITY_COLUMNS)
    csv_path, xml_path = out / "sample_activities.csv", out / IATI_SAMPLE
    csv_path.write_bytes(frame.to_csv(index=False, lineterminator="\n").encode("utf-8"))
    xml_path.write_text(render_iati(), encoding="utf-8")
    (out / SYNTHETIC_MARKER).write_text(marker, encoding="utf-8")
    return [csv_path, xml_path]
