"""Write the seeded synthetic self-assessment sample: real States parties and groups, fictional answers."""

from __future__ import annotations

import argparse
import io
import shutil
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from lib.io import reference
from lib.io.files import write_reproducible_xlsx
from lib.io.ingest import REQUIRED_COLUMNS, SYNTHETIC_MARKER
from lib.io.paths import ROOT
from lib.sample import experts as sample_experts, reviews as sample_reviews, supply as sample_supply

SEED = 20091103  # fixed seed: the committed sample is byte-for-byte reproducible (tests/test_synthetic.py)
RESPONSE_SHARE = (
    0.51,
    0.56,
)  # share answering by each meeting, near the 52 and 57 per cent of the Secretariat's report of 28 September 2009 (CAC/COSP/2009/9)
EARLIEST_SUBMISSION = date(2008, 2, 1)  # the checklist was circulated in early 2008
RESUBMISSION_SHARE = 0.15  # share of early responders who send an updated report before the next meeting
LATE_RESUBMISSIONS = 4  # updates sent after the last cut-off: they must count for no meeting in the sample
NON_PARTY_RESPONDERS = ("DEU", "JPN", "NZL", "CZE", "SYR")  # signatories/Member States, not parties in 2009
# Article effects on the latent compliance score: criminalisation of domestic bribery is commonly in place;
# foreign bribery and asset recovery much less (pattern of the first reporting cycle's analytical reports).
ARTICLE_EFFECT = {
    "5": 0.2,
    "6": 0.1,
    "9": 0.3,
    "15": 1.1,
    "16": -0.6,
    "17": 0.9,
    "23": 0.6,
    "25": 0.4,
    "44": 0.3,
    "46": 0.0,
    "52": -0.3,
    "53": -0.7,
    "54": -0.8,
    "55": -0.6,
    "57": -0.9,
}
GROUP_EFFECT = {"AFR": -0.5, "APG": -0.2, "EEG": 0.1, "GRULAC": -0.1, "WEOG": 0.7, "NONE": 0.3}
GROUP_RESPONSE = {"AFR": -0.2, "APG": -0.3, "EEG": 0.3, "GRULAC": 0.3, "WEOG": 0.2, "NONE": -0.5}
IMPROVEMENT_PER_YEAR = 0.35  # resubmissions report somewhat better compliance
FORM_WEIGHTS: dict[str, dict[str, float]] = {  # which forms of TA each chapter's needs tend to ask for
    "II": {"good_practices": 3, "action_plan": 3, "capacity_building": 4, "legal_advice": 1, "onsite_expert": 2, "other": 0.3},
    "III": {"legislative_drafting": 4, "legal_advice": 3, "model_legislation": 3, "capacity_building": 2, "other": 0.3},
    "IV": {"legal_advice": 3, "model_legislation": 2, "capacity_building": 3, "good_practices": 2, "onsite_expert": 1},
    "V": {"capacity_building": 4, "onsite_expert": 3, "legal_advice": 2, "good_practices": 2, "legislative_drafting": 2},
}
PROVIDERS = {
    "AFR": ["UNODC", "UNDP", "GTZ", "DFID", "African Development Bank", "European Commission", "Norad & Sida"],
    "APG": ["UNODC", "UNDP", "Asian Development Bank", "AusAID", "OECD/ADB Anti-Corruption Initiative", "World Bank"],
    "EEG": ["UNODC", "Council of Europe", "European Commission", "OECD Anti-Corruption Network", "USAID"],
    "GRULAC": ["UNODC", "OAS", "Inter-American Development Bank", "USAID", "UNDP"],
    "WEOG": ["UNODC", "OECD"],
    "NONE": ["UNODC"],
}
FRENCH = {
    "BEN",
    "BFA",
    "BDI",
    "CMR",
    "CAF",
    "TCD",
    "COM",
    "COG",
    "COD",
    "CIV",
    "DJI",
    "GAB",
    "GIN",
    "MDG",
    "MLI",
    "MRT",
    "NER",
    "RWA",
    "SEN",
    "TGO",
    "TUN",
    "MAR",
    "DZA",
    "HTI",
    "FRA",
    "BEL",
    "LUX",
    "MCO",
}
SPANISH = {
    "ARG",
    "BOL",
    "CHL",
    "COL",
    "CRI",
    "CUB",
    "DOM",
    "ECU",
    "SLV",
    "GTM",
    "HND",
    "MEX",
    "NIC",
    "PAN",
    "PRY",
    "PER",
    "URY",
    "VEN",
    "ESP",
    "GNQ",
}
ANSWERS = {  # how each language writes the checklist answers
    "en": {"full": "Yes", "partial": "Yes, in part", "none": "No", "yes": "Yes", "no": "No"},
    "fr": {"full": "Oui", "partial": "Oui, en partie", "none": "Non", "yes": "Oui", "no": "Non"},
    "es": {"full": "Sí", "partial": "Sí, en parte", "none": "No", "yes": "Sí", "no": "No"},
}
BENCH_FIRST_CUTOFF = "2025-10-01"  # after the reference date, so that all 192 parties answer at every benchmark meeting


def choose_language(code: str) -> str:
    """Return the language a State's focal point answers in."""
    return "fr" if code in FRENCH else "es" if code in SPANISH else "en"


def choose_name(
    code: str, lang: str, states: pd.DataFrame, aliases: pd.DataFrame, rng: np.random.Generator, retired: frozenset[str] = frozenset()
) -> str:
    """Return the name a State writes: usually its UN short name, sometimes a variant in its language, never a UN
    short name it had given up by the day it writes (retired: retire_names)."""
    name = states.loc[states["state_code"] == code, "state_name"].iloc[0]
    variants = aliases[
        (aliases["state_code"] == code)
        & (aliases["language"].isin([lang, "en"]))
        & (aliases["alias"] != name)
        & (aliases["alias"] != code)
        & ~aliases["alias"].isin(retired)
    ]["alias"].tolist()
    if variants and rng.random() < 0.25:
        return variants[int(rng.integers(len(variants)))]
    return name


def retire_names(names: pd.DataFrame, code: str, day: date) -> frozenset[str]:
    """Return the UN short names a State had stopped using before a day (state_names.csv): 'Serbia and Montenegro' in 2008."""
    gone = names[(names["state_code"] == code) & (names["in_use_to"] < pd.Timestamp(day))]
    return frozenset(gone["name"])


def draw_answers(
    code: str, group: str, when: date, checklist: pd.DataFrame, lang: str, name: str, state_effect: float, rng: np.random.Generator
) -> list[dict]:
    """Return the rows of one submission of one State."""
    rows = []
    years = (when - EARLIEST_SUBMISSION).days / 365.25
    forms_all = list(dict.fromkeys(f for w in FORM_WEIGHTS.values() for f in w))
    for prov, chapter in zip(checklist["provision"], checklist["chapter"]):
        if rng.random() < 0.02:  # article skipped entirely: counted as "no answer"
            continue
        score = ARTICLE_EFFECT.get(prov, 0.0) + GROUP_EFFECT[group] + state_effect + IMPROVEMENT_PER_YEAR * years + rng.normal(0, 0.8)
        compliance = "full" if score > 0.6 else "partial" if score > -0.5 else "none"
        if rng.random() < 0.03:
            compliance = ""
        p_need = {"full": 0.08, "partial": 0.55, "none": 0.8, "": 0.3}[compliance] - 0.15 * (group == "WEOG")
        needed = rng.random() < p_need
        forms, provided, providers = [], "", ""
        if needed:
            weights = FORM_WEIGHTS[chapter]
            codes = list(weights)
            p = np.array([weights[c] for c in codes], dtype=float)
            k = int(rng.integers(1, 4))
            forms = list(rng.choice(codes, size=min(k, len(codes)), replace=False, p=p / p.sum()))
            forms.sort(key=forms_all.index)
            is_provided = rng.random() < 0.3
            provided = ANSWERS[lang]["yes" if is_provided else "no"]
            if is_provided:
                pool = PROVIDERS[group]
                picks = rng.choice(pool, size=min(int(rng.integers(1, 3)), len(pool)), replace=False)
                providers = "; ".join(sorted(picks))
        rows.append(
            {
                "state": name,
                "submitted_on": when.isoformat(),
                "checklist": checklist["checklist_id"].iloc[0],
                "article": prov if rng.random() > 0.1 else f"Art. {prov}",
                "compliance": ANSWERS[lang].get(compliance, "") if rng.random() > 0.05 else compliance,
                "ta_needed": ANSWERS[lang]["yes" if needed else "no"] if rng.random() > 0.02 else "",
                "ta_forms": ";".join(forms),
                "ta_provided": provided,
                "ta_providers": providers,
                "notes": "",
            }
        )
    return rows


def random_day(start: date, end: date, rng: np.random.Generator) -> date:
    """Return a day drawn uniformly between two dates, both included."""
    return start + timedelta(days=int(rng.integers(0, (end - start).days + 1)))


def generate_rows(
    ref_dir: Path,
    seed: int = SEED,
    shares: tuple[float, ...] = RESPONSE_SHARE,
    resubmission_share: float = RESUBMISSION_SHARE,
    late: int = LATE_RESUBMISSIONS,
) -> list[list[dict]]:
    """Return the sample's submissions as one list of rows per period between cut-offs (plus a late period)."""
    rng = np.random.default_rng(seed)
    states = reference.load_states(ref_dir)
    aliases = reference.read_reference_csv(ref_dir, "state_aliases.csv")
    names = reference.load_state_names(ref_dir, states)
    checklist = reference.load_checklist(ref_dir)
    meetings = reference.load_meetings(ref_dir)
    checklist = checklist[checklist["checklist_id"] == meetings["checklist_id"].iloc[0]]
    group = dict(zip(states["state_code"], states["group_code"]))
    propensity = {c: GROUP_RESPONSE[group[c]] + rng.normal(0, 0.6) for c in states["state_code"]}
    effect = {c: rng.normal(0, 0.5) for c in states["state_code"]}
    periods: list[list[dict]] = [[] for _ in range(len(meetings) + 1)]

    def draw_submission(code: str, when: date) -> list[dict]:
        """Return one State's answers submitted on a day, in its language and under the name it used then."""
        lang = choose_language(code)
        name = choose_name(code, lang, states, aliases, rng, retire_names(names, code, when))
        return draw_answers(code, group[code], when, checklist, lang, name, effect[code], rng)

    submitted: dict[str, date] = {}
    start = EARLIEST_SUBMISSION
    for i, m in enumerate(meetings.itertuples()):
        cutoff = m.cutoff_date.date()
        parties = reference.select_parties_as_of(states, cutoff)["state_code"].tolist()
        target = round(shares[min(i, len(shares) - 1)] * len(parties))
        ranked = sorted(parties, key=lambda c: -propensity[c])
        already = [c for c in ranked if c in submitted]
        new = [c for c in ranked if c not in submitted][: max(0, target - len(already))]
        resubmit = [c for c in already if rng.random() < resubmission_share]
        extra = [c for c in NON_PARTY_RESPONDERS if c not in parties and c not in submitted and c in group][: 2 + i]
        for code in sorted(new + resubmit + extra):
            when = random_day(max(start, submitted.get(code, start) + timedelta(days=1)), cutoff, rng)
            periods[i] += draw_submission(code, when)
            submitted[code] = when
        start = cutoff + timedelta(days=1)
    for code in sorted(rng.choice(sorted(submitted), size=min(late, len(submitted)), replace=False)):
        periods[-1] += draw_submission(code, random_day(start, start + timedelta(days=60), rng))
    return periods


def add_bad_rows(rows: list[dict], rng: np.random.Generator, tag: str) -> list[dict]:
    """Return rows with a handful of realistic mistakes mixed in (each must land in rejects)."""
    good = rows[int(rng.integers(len(rows)))]
    bad = [
        dict(good, state="Atlantis"),
        dict(good, compliance="Maybe"),
        dict(good, ta_needed="Yes", ta_forms="consultancy"),
        dict(good, submitted_on="03/04/2009"),
        dict(good, submitted_on="2009-02-30"),
        dict(good, article="99"),
        dict(good, state=""),
        dict(good, ta_needed="No", ta_forms="legal_advice", ta_provided=""),
        dict(good),  # an exact duplicate of an accepted row
    ]
    out = list(rows)
    for row in bad:
        out.insert(int(rng.integers(len(out) + 1)), row)
    if tag == "late":  # the same submission answering one article twice, differently
        twin = dict(out[0], compliance="No" if out[0]["compliance"] != "No" else "Yes", notes="entered twice")
        out.insert(1, twin)
    return out


def write_xlsx(frame: pd.DataFrame, path: Path) -> None:
    """Write a frame as .xlsx with fixed member timestamps, so the file is reproducible."""
    buf = io.BytesIO()
    frame.to_excel(buf, index=False, sheet_name="self_assessment", engine="openpyxl")
    write_reproducible_xlsx(buf.getvalue(), path)


MARKER_TEXT = """# Synthetic sample data

The files in this folder were written by `python -m lib.sample.synthetic` (seed {seed}). The State names, regional
groups and dates of becoming a party are real (data/raw/reference); every answer, date of submission, TA need
and provider is FICTIONAL. They are not the replies of any State and must never be quoted as such.
Reports built from this folder carry a "synthetic sample data" banner. Real exports belong outside the
repository: `make reports DATA_DIR=/path/to/confidential/data`.
"""


CONSENT_SHARE = 0.2  # share of the sample's States given a (fictional) consent to publish their country brief
CONSENT_SOURCE = "SYNTHETIC SAMPLE: fictional consent, for testing public builds; no State was asked"


def write_consents(ref_dir: Path, seed: int = SEED) -> Path:
    """Write the sample's publication_consent.csv: a seeded fifth of the States consent, a few decline explicitly."""
    rng = np.random.default_rng(seed + 2)
    codes = sorted(reference.load_states(ref_dir)["state_code"])
    draw = rng.random(len(codes))
    rows = [
        {
            "state_code": c,
            "consent_to_publish": "yes" if d < CONSENT_SHARE else "no",
            "recorded_on": "2009-08-01",
            "reference": f"sample-{i + 1:03d}",
            "source": CONSENT_SOURCE,
        }
        for i, (c, d) in enumerate(zip(codes, draw))
        if d < CONSENT_SHARE + 0.05
    ]
    path = ref_dir / "publication_consent.csv"
    pd.DataFrame(rows, columns=["state_code", "consent_to_publish", "recorded_on", "reference", "source"]).to_csv(path, index=False)
    return path


def write_sample(data_dir: Path, seed: int = SEED) -> list[Path]:
    """Write the default sample into data_dir/raw/self_assessment (reference read from data_dir/raw/reference)."""
    ref_dir, out = data_dir / "raw" / "reference", data_dir / "raw" / "self_assessment"
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed + 1)
    periods = generate_rows(ref_dir, seed)
    names = ["sample_export_2008-12.csv", "sample_export_2009-09.xlsx", "sample_export_2009-11.csv"]
    written = []
    for name, rows, tag in zip(names, periods, ("first", "second", "late")):
        frame = pd.DataFrame(add_bad_rows(rows, rng, tag), columns=REQUIRED_COLUMNS)
        path = out / name
        if name.endswith(".xlsx"):
            write_xlsx(frame, path)
        else:  # the first export is written as Excel does ("CSV UTF-8" carries a BOM)
            path.write_bytes(frame.to_csv(index=False, lineterminator="\n").encode("utf-8-sig" if tag == "first" else "utf-8"))
        written.append(path)
    (out / SYNTHETIC_MARKER).write_text(MARKER_TEXT.format(seed=seed), encoding="utf-8")
    written += sample_supply.write_supply(data_dir, periods, PROVIDERS, seed, MARKER_TEXT.format(seed=seed))
    written.append(write_consents(ref_dir, seed))
    written += sample_experts.write_experts(data_dir, seed)
    written += sample_reviews.write_reviews(data_dir, seed)
    return written


def write_scaled_sample(data_dir: Path, seed: int = SEED, provisions: int = 71, meetings: int = 3) -> None:
    """Write the benchmark's data folder: every party answering a 71-provision checklist at three meetings."""
    ref_src = ROOT / "data" / "raw" / "reference"
    ref_dir, out = data_dir / "raw" / "reference", data_dir / "raw" / "self_assessment"
    if ref_dir.exists():
        shutil.rmtree(ref_dir)
    shutil.copytree(ref_src, ref_dir)
    chapters = [("II", range(5, 15)), ("III", range(15, 43)), ("IV", range(43, 51)), ("V", range(51, 60))]
    rows = [(str(a), "", ch) for ch, arts in chapters for a in arts]
    extra = [(str(a), "2", ch) for ch, arts in chapters for a in arts][: provisions - len(rows)]
    checklist = pd.DataFrame(
        [
            {"checklist_id": "sa-2008", "article": a, "paragraph": p, "title": f"Article {a}", "chapter": ch, "chapter_title": ch}
            for a, p, ch in rows + extra
        ]
    )
    checklist.to_csv(ref_dir / "checklist.csv", index=False)
    cutoffs = pd.date_range(BENCH_FIRST_CUTOFF, periods=meetings, freq="180D")
    pd.DataFrame(
        {
            "meeting_id": [f"bench-{i + 1}" for i in range(meetings)],
            "name": [f"Benchmark meeting {i + 1}" for i in range(meetings)],
            "start_date": cutoffs.strftime("%Y-%m-%d"),
            "end_date": cutoffs.strftime("%Y-%m-%d"),
            "cutoff_date": cutoffs.strftime("%Y-%m-%d"),
            "checklist_id": "sa-2008",
            "source": "synthetic benchmark",
        }
    ).to_csv(ref_dir / "meetings.csv", index=False)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    periods = generate_rows(ref_dir, seed, shares=(1.0,), resubmission_share=1.0, late=0)
    for i, period in enumerate(periods[:-1]):
        pd.DataFrame(period, columns=REQUIRED_COLUMNS).to_csv(out / f"bench_export_{i + 1}.csv", index=False)
    (out / SYNTHETIC_MARKER).write_text(MARKER_TEXT.format(seed=seed), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Command line: python -m lib.sample.synthetic [--data-dir DIR] [--scaled]."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", default=str(ROOT / "data"), help="folder laid out like data/ to write into")
    parser.add_argument("--scaled", action="store_true", help="write the benchmark's scaled-up data set instead")
    args = parser.parse_args(argv)
    if args.scaled:
        write_scaled_sample(Path(args.data_dir))
    else:
        for path in write_sample(Path(args.data_dir)):
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
