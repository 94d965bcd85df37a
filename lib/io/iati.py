"""Read IATI activity files (iati-activities 2.0x XML) into rows of the TA activities table."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd

from lib.io.reference import read_reference_csv

STATUS_CODES = {"1": "planned", "2": "ongoing", "3": "ongoing", "4": "completed", "5": "cancelled", "6": "suspended"}  # IATI ActivityStatus
START_DATE_TYPES = ("2", "1")  # actual start, else planned start (IATI ActivityDateType)
END_DATE_TYPES = ("4", "3")  # actual end, else planned end
DAC_VOCABULARIES = {"", "1"}  # sector vocabulary 1 = DAC 5-digit purpose codes (the default when absent)
REGION_VOCABULARIES = {"", "1"}  # region vocabulary 1 = OECD DAC regions (the default when absent)


class MalformedFile(Exception):
    """The file is not an iati-activities XML document; the message says why, in one sentence."""


def text_of(element: ET.Element | None) -> str:
    """Return the first narrative of an element (IATI 2.0x), or its own text (1.0x), stripped."""
    if element is None:
        return ""
    narrative = element.find("narrative")
    return ((narrative.text if narrative is not None else element.text) or "").strip()


def classify_provider(org: ET.Element | None, org_types: pd.DataFrame) -> str:
    """Return the provider type of a reporting organisation: by its reference prefix, else by its IATI type."""
    if org is None:
        return ""
    ref, kind = org.get("ref", ""), org.get("type", "")
    for rule, value, provider_type in zip(org_types["rule"], org_types["value"], org_types["provider_type"]):
        if rule == "ref_prefix" and ref.startswith(value):
            return provider_type
    for rule, value, provider_type in zip(org_types["rule"], org_types["value"], org_types["provider_type"]):
        if rule == "org_type" and kind == value:
            return provider_type
    return kind and f"IATI organisation type {kind}"


def pick_date(activity: ET.Element, types: tuple[str, ...]) -> str:
    """Return the first activity-date of the given types, in order of preference."""
    dates = {d.get("type", ""): d.get("iso-date", "") for d in activity.findall("activity-date")}
    return next((dates[t] for t in types if dates.get(t)), "")


def sum_budget(activity: ET.Element) -> tuple[str, str]:
    """Return the total budget and its currency (blank when the budgets mix currencies or are absent)."""
    default = activity.get("default-currency", "")
    values = [(v.text or "").strip() for v in activity.findall("budget/value")]
    currencies = {v.get("currency", default) for v in activity.findall("budget/value")}
    if not values or len(currencies) != 1:
        return "", ""
    try:
        return f"{sum(float(v) for v in values):.2f}", currencies.pop()
    except ValueError:
        return ";".join(values), currencies.pop()


def find_sectors(activity: ET.Element) -> list[tuple[str, str]]:
    """Return the (vocabulary, code) of the activity's sectors, or of its transactions' sectors when it has none.

    IATI 2.01 and later put sectors either on the activity or on every transaction, never both.
    """
    found = activity.findall("sector") or activity.findall("transaction/sector")
    return list(dict.fromkeys((s.get("vocabulary", ""), s.get("code", "").strip()) for s in found if s.get("code", "").strip()))


def describe_sectors(found: list[tuple[str, str]]) -> str:
    """Return the sector codes found, as a reject shows them: 'codes found: 11220; 15150' or 'no sector code'."""
    if not found:
        return "no sector code"
    return "codes found: " + "; ".join(
        code if vocabulary in DAC_VOCABULARIES else f"{code} (vocabulary {vocabulary})" for vocabulary, code in found
    )


def map_sectors(activity: ET.Element, sectors: pd.DataFrame) -> tuple[list[str], str, str]:
    """Return the mapped DAC codes found (activity, else transactions), and the articles and forms they map to
    (blank = area unspecified)."""
    codes = [code for vocabulary, code in find_sectors(activity) if vocabulary in DAC_VOCABULARIES]
    table = sectors.set_index("sector_code")
    known = [c for c in codes if c in table.index]
    articles = list(dict.fromkeys(a for c in known for a in table.loc[c, "articles"].split(";") if a))
    forms = list(dict.fromkeys(f for c in known for f in table.loc[c, "ta_forms"].split(";") if f))
    return known, ";".join(articles), ";".join(forms)


def convert_activity(activity: ET.Element, maps: dict[str, pd.DataFrame], iso2: dict[str, str]) -> dict:
    """Return one IATI activity as a TA activities row (strings), plus the IATI facts the checks need."""
    countries = [c.get("code", "").upper() for c in activity.findall("recipient-country")]
    regions = [r.get("code", "") for r in activity.findall("recipient-region") if r.get("vocabulary", "") in REGION_VOCABULARIES]
    region_map = dict(zip(maps["regions"]["region_code"], maps["regions"]["recipient"]))
    if countries:
        level, recipients = "national", ";".join(iso2.get(c, f"ISO2 {c}") for c in countries)
    elif regions:
        mapped = [region_map.get(r, f"IATI region {r}") for r in regions]
        level = "global" if mapped == ["global"] else "regional"
        recipients = ";".join(mapped)
    else:
        level, recipients = "", ""
    sectors, articles, forms = map_sectors(activity, maps["sectors"])
    budget, currency = sum_budget(activity)
    status_code = activity.find("activity-status")
    org = activity.find("reporting-org")
    return {
        "activity_id": (activity.findtext("iati-identifier") or "").strip(),
        "provider": text_of(org) or (org.get("ref", "") if org is not None else ""),
        "provider_type": classify_provider(org, maps["org_types"]),
        "level": level,
        "recipients": recipients,
        "articles": articles,
        "ta_forms": forms,
        "start": pick_date(activity, START_DATE_TYPES),
        "end": pick_date(activity, END_DATE_TYPES),
        "status": STATUS_CODES.get(status_code.get("code", "") if status_code is not None else "", ""),
        "budget": budget,
        "currency": currency,
        "source": f"IATI: {text_of(activity.find('title'))}"[:200],
        "_in_scope": bool(sectors),
        "_sectors_found": describe_sectors(find_sectors(activity)),
    }


def read_iati_file(path: Path, root: Path, ref_dir: Path) -> pd.DataFrame:
    """Return the activities of an IATI file as rows (source_row = the activity's position in the file, the first is 1)."""
    rel = path.relative_to(root).as_posix()
    try:
        tree = ET.parse(path)
    except ET.ParseError as exc:
        raise MalformedFile(f"The file {rel} is not well-formed XML ({exc}): export it again from the IATI registry.") from None
    top = tree.getroot()
    if top.tag != "iati-activities":
        raise MalformedFile(f"The file {rel} is XML but not an IATI activity file (its root is <{top.tag}>, not <iati-activities>).")
    maps = {
        "sectors": read_reference_csv(ref_dir, "iati_sector_map.csv"),
        "regions": read_reference_csv(ref_dir, "iati_region_map.csv"),
        "org_types": read_reference_csv(ref_dir, "iati_org_type_map.csv"),
    }
    codes = read_reference_csv(ref_dir, "iso_codes.csv")
    iso2 = dict(zip(codes["iso2"], codes["state_code"]))
    rows = [convert_activity(a, maps, iso2) for a in top.findall("iati-activity")]
    frame = pd.DataFrame(rows)
    return frame.assign(source_file=rel, source_row=range(1, len(frame) + 1)) if len(frame) else frame
