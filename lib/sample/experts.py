"""Write the synthetic pool of fictional experts: unbalanced as real pools are, with duplicates and bad CVs."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import yaml

from lib.io import cv, reference

POOL_SIZE = 300  # fictional experts in the sample pool
# Real pools lean towards the groups that fund and host TA programmes: weights per regional group
GROUP_WEIGHTS = {"WEOG": 0.36, "EEG": 0.2, "GRULAC": 0.16, "APG": 0.14, "AFR": 0.12, "NONE": 0.02}
FEMALE_SHARE = 0.34  # an unbalanced gender ratio, as in the pools the Working Group discussed
GIVEN = [
    "Alba",
    "Bram",
    "Cleo",
    "Dario",
    "Edda",
    "Faro",
    "Gala",
    "Hugo",
    "Iria",
    "Jonas",
    "Kaia",
    "Lior",
    "Mira",
    "Nilo",
    "Orla",
    "Pavo",
    "Quila",
    "Rune",
    "Sela",
    "Tavi",
    "Uma",
    "Vero",
    "Wren",
    "Xeno",
    "Yara",
    "Zeno",
]
FAMILY = [
    "Fictiva",
    "Madeupson",
    "Placeholder",
    "Notreal",
    "Samplewood",
    "Testerling",
    "Inventa",
    "Imaginaro",
    "Pretendi",
    "Fabulo",
    "Mockridge",
    "Dummont",
    "Synthetica",
    "Fakenham",
    "Hypothetico",
]  # clearly fictional surnames
POSITIONS = [
    "Prosecutor",
    "Judge",
    "Investigator",
    "Legal adviser",
    "Auditor",
    "Procurement specialist",
    "Policy officer",
    "Financial intelligence analyst",
    "Professor of criminal law",
    "Head of unit",
]
INSTITUTIONS = [
    "Anti-corruption agency",
    "Office of the prosecutor",
    "Ministry of justice",
    "Supreme audit institution",
    "Financial intelligence unit",
    "University",
    "Police academy",
    "Court of appeal",
]
AREA_SKEW = 1.3  # expertise concentrates on a few articles: the k-th area is drawn about k^-1.3 as often as the first
LANGUAGE_WEIGHTS = {"en": 0.9, "fr": 0.35, "es": 0.3, "ru": 0.15, "ar": 0.1, "zh": 0.04, "pt": 0.08, "de": 0.1}
MARKER = """# Synthetic sample: fictional experts

Written by `python -m lib.sample.synthetic` (seed {seed}). Every person in these files is FICTIONAL (the surnames say so:
Fictiva, Placeholder, Notreal...); names, dates of birth, e-mail addresses and telephone numbers belong to nobody.
Nationalities and recommending States are real States. A few CVs are duplicates (merged) or invalid (rejected).
"""


def weigh_areas(n: int) -> np.ndarray:
    """Return drawing weights for n areas: the first (prevention, bribery) common, the last (asset recovery) rare."""
    weights = 1 / np.arange(1, n + 1) ** AREA_SKEW
    return weights / weights.sum()


def draw_cv(
    i: int, states_by_group: dict[str, list[str]], names: dict[str, str], areas: list[str], forms: list[str], rng: np.random.Generator
) -> dict:
    """Return one fictional expert's CV as the YAML template holds it."""
    group = rng.choice(list(GROUP_WEIGHTS), p=list(GROUP_WEIGHTS.values()))
    code = rng.choice(states_by_group[group])
    given, family = rng.choice(GIVEN), FAMILY[i % len(FAMILY)]
    born = date(1950, 1, 1) + timedelta(days=int(rng.integers(0, 365 * 40)))
    langs = [
        {"language": lang, "level": str(rng.choice(cv.LANGUAGE_LEVELS[:3]))} for lang, w in LANGUAGE_WEIGHTS.items() if rng.random() < w
    ] or [{"language": "en", "level": "working"}]
    return {
        "full_name": f"{given} {family}-{i:03d}",
        "date_of_birth": born.isoformat(),
        "nationality": names[code],
        "gender": "female" if rng.random() < FEMALE_SHARE else "male",
        "email": f"{given.lower()}.{family.lower()}{i:03d}@example.org",
        "phone": f"+00 555 {i:04d}",
        "current_position": str(rng.choice(POSITIONS)),
        "institution": str(rng.choice(INSTITUTIONS)),
        "years_experience": int(rng.integers(3, 35)),
        "recommended_by": names[code],
        "recommended_on": (date(2008, 6, 1) + timedelta(days=int(rng.integers(0, 500)))).isoformat(),
        "availability": str(rng.choice(cv.AVAILABILITY, p=[0.6, 0.3, 0.1])),
        "consent_contact": "yes" if rng.random() < 0.7 else "no",
        "languages": langs,
        "expertise": sorted(set(rng.choice(areas, size=int(rng.integers(1, 4)), p=weigh_areas(len(areas))).tolist())),
        "forms": sorted(set(rng.choice(forms, size=int(rng.integers(1, 4))).tolist())),
    }


def write_experts(data_dir: Path, seed: int) -> list[Path]:
    """Write raw/experts: the pool (YAML), two filled Excel templates, a file of bad CVs and a malformed file."""
    ref_dir, out = data_dir / "raw" / "reference", data_dir / "raw" / "experts"
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed + 3)
    states = reference.load_states(ref_dir)
    states_by_group = {g: sorted(states.loc[states["group_code"] == g, "state_code"]) for g in GROUP_WEIGHTS}
    names = dict(zip(states["state_code"], states["state_name"]))
    areas = [f"Art. {p}" for p in reference.load_checklist(ref_dir)["provision"].unique()] + cv.THEMES
    forms = reference.read_reference_csv(ref_dir, "ta_forms.csv")["ta_form_code"].tolist()
    pool = [draw_cv(i, states_by_group, names, areas, forms, rng) for i in range(POOL_SIZE)]
    for k, i in enumerate(range(0, 24, 3)):  # eight people recommended again, later, by another State or with new skills
        again = dict(
            pool[i],
            recommended_on=(date.fromisoformat(pool[i]["recommended_on"]) + timedelta(days=90)).isoformat(),
            expertise=pool[i]["expertise"] + [str(rng.choice(areas))],
        )
        if k % 2:
            again["date_of_birth"] = ""  # recognised by e-mail alone
        pool.append(again)
    written = [out / "sample_experts.yaml"]
    written[0].write_text(yaml.safe_dump(pool, allow_unicode=True, sort_keys=False), encoding="utf-8")
    bad = [
        dict(pool[40], full_name="Bad Notreal-901", nationality="Atlantis"),
        dict(pool[41], full_name="Bad Notreal-902", date_of_birth="31/02/1970"),
        dict(pool[42], full_name="Bad Notreal-903", languages=[{"language": "klingon", "level": "fluent"}]),
        dict(pool[43], full_name="", email="nobody-904@example.org"),
        dict(pool[44], full_name="Bad Notreal-905", email="not-an-address"),
        dict(pool[45], full_name="Bad Notreal-906", expertise=["Art. 99", "telepathy"]),
    ]
    written.append(out / "sample_experts_to_check.yaml")
    written[-1].write_text(yaml.safe_dump(bad, allow_unicode=True, sort_keys=False), encoding="utf-8")
    written.append(out / "sample_expert_malformed.json")
    written[-1].write_text('{"full_name": "Truncated Fictiva-907", "languages": [', encoding="utf-8")
    written += write_filled_workbooks(ref_dir, out, [draw_cv(900 + j, states_by_group, names, areas, forms, rng) for j in range(2)])
    (out / "SYNTHETIC_SAMPLE.md").write_text(MARKER.format(seed=seed), encoding="utf-8")
    return written


def write_filled_workbooks(ref_dir: Path, out: Path, filled: list[dict]) -> list[Path]:
    """Fill the Excel template with CVs, as a State would, one workbook each."""
    from openpyxl import load_workbook

    from lib.io.files import write_reproducible_xlsx

    template = cv.write_template(ref_dir, out / ".template")[0]
    paths = []
    for j, c in enumerate(filled, start=1):
        wb = load_workbook(template)
        ws = wb["CV"]
        for row in ws.iter_rows(min_row=2):
            row[1].value = c.get(row[2].value) if c.get(row[2].value) != "" else None
        for item in c["languages"]:
            wb["Languages"].append([item["language"], item["level"]])
        for area in c["expertise"]:
            wb["Expertise"].append([area])
        for form in c["forms"]:
            wb["Forms"].append([form])
        path, buf = out / f"sample_expert_cv_{j}.xlsx", io.BytesIO()
        wb.save(buf)
        write_reproducible_xlsx(buf.getvalue(), path)
        paths.append(path)
    for p in (out / ".template").iterdir():
        p.unlink()
    (out / ".template").rmdir()
    return paths
