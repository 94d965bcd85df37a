"""The committed synthetic sample is reproducible from its seed, marked synthetic, and exercises the ingest."""

import shutil
from datetime import date

import pandas as pd
import pytest

from conftest import ROOT
from lib.io import ingest, reference, rows
from lib.io.names import normalise_name
from lib.sample import synthetic

SAMPLE = ROOT / "data" / "raw" / "self_assessment"
SUPPLY = ROOT / "data" / "raw" / "ta_activities"
EXPERTS = ROOT / "data" / "raw" / "experts"
REVIEWS = ROOT / "data" / "raw" / "peer_review"
REAL_REGISTER = {"wgta_recommendations.csv", "wgta_assessments.csv"}  # entered by hand from CAC/COSP/2009/9: not generated


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory):
    """A data folder with the real reference tables and a freshly generated sample."""
    data = tmp_path_factory.mktemp("sample") / "data"
    shutil.copytree(ROOT / "data" / "raw" / "reference", data / "raw" / "reference")
    synthetic.write_sample(data)
    return data


@pytest.mark.parametrize("folder", [SAMPLE, SUPPLY, EXPERTS, REVIEWS], ids=lambda p: p.name)
def test_sample_is_byte_for_byte_reproducible(regenerated, folder):
    committed = sorted(p.name for p in folder.iterdir() if p.name not in REAL_REGISTER)
    assert sorted(p.name for p in (regenerated / "raw" / folder.name).iterdir()) == committed
    for name in committed:
        assert (regenerated / "raw" / folder.name / name).read_bytes() == (folder / name).read_bytes(), name


def test_sample_is_marked_synthetic():
    text = (SAMPLE / ingest.SYNTHETIC_MARKER).read_text(encoding="utf-8")
    assert "FICTIONAL" in text and f"seed {synthetic.SEED}" in text


def test_sample_exercises_the_ingest(regenerated):
    manifest = ingest.run_ingest(regenerated, today=date(2026, 1, 1))
    assert manifest["is_synthetic"] is True
    processed = regenerated / "processed"
    rejects = pd.read_csv(processed / "rejects.csv", keep_default_na=False)
    codes = {c for cell in rejects["reason_code"] for c in cell.split("; ")}
    assert codes >= {
        "unknown_state",
        "bad_compliance",
        "unknown_ta_form",
        "bad_date",
        "unknown_article",
        "missing_value",
        "forms_without_need",
        "exact_duplicate",
        "conflicting_answers",
        "unknown_recipient",
        "end_before_start",
        "out_of_scope",
    }
    activities = pd.read_parquet(processed / "ta_activities.parquet")
    assert set(activities["level"]) == {"national", "regional", "global"} and len(activities) > 100
    assert activities["activity_id"].str.startswith("XM-DAC-41114").any()  # the IATI sample came through
    answers = pd.read_parquet(processed / "sa_answers.parquet")
    assert (answers["row_status"] == "superseded").sum() > 0
    raw = pd.concat(
        [
            rows.read_export(p, regenerated / "raw", ingest.REQUIRED_COLUMNS)
            for p in rows.list_exports(regenerated / "raw" / "self_assessment")
        ]
    )
    assert raw["compliance"].isin(["Oui", "Oui, en partie", "Non"]).any() and raw["compliance"].isin(["Sí", "Sí, en parte"]).any()
    states = pd.read_parquet(processed / "states.parquet")[["state_code", "state_name"]]
    named = answers.merge(states, on="state_code")
    assert (named["state_name_raw"] != named["state_name"]).sum() > 0  # name variants, resolved through the aliases
    providers = answers.loc[answers["ta_providers_text"] != "", "ta_providers_text"]
    assert len(providers) > 20


def test_scaled_sample_has_every_party_on_71_provisions(tmp_path):
    synthetic.write_scaled_sample(tmp_path / "bench")
    checklist = pd.read_csv(tmp_path / "bench" / "raw" / "reference" / "checklist.csv")
    assert len(checklist) == 71
    meetings = pd.read_csv(tmp_path / "bench" / "raw" / "reference" / "meetings.csv")
    assert len(meetings) == 3
    rows = pd.concat(pd.read_csv(p, dtype=str) for p in (tmp_path / "bench" / "raw" / "self_assessment").glob("*.csv"))
    first = rows[rows["submitted_on"] <= meetings["cutoff_date"].iloc[0]]
    aliases = reference.load_aliases(tmp_path / "bench" / "raw" / "reference")
    codes = set(first["state"].map(lambda name: aliases[normalise_name(name)]))
    parties = reference.select_parties_as_of(
        reference.load_states(tmp_path / "bench" / "raw" / "reference"), meetings["cutoff_date"].iloc[0]
    )
    assert len(parties) == 192 and set(parties["state_code"]) <= codes


def test_review_sample_has_years_of_calendars_and_thousands_of_recommendations(regenerated):
    for name in REAL_REGISTER:
        shutil.copy(REVIEWS / name, regenerated / "raw" / "peer_review" / name)
    ingest.run_ingest(regenerated, today=date(2026, 1, 1))
    processed = regenerated / "processed"
    events = pd.read_parquet(processed / "review_events.parquet")
    recs = pd.read_parquet(processed / "recommendations.parquet")
    assessed = pd.read_parquet(processed / "recommendation_assessments.parquet")
    assert set(events["start_date"].dt.year) == {2016, 2017, 2018, 2019} and set(events["mechanism_id"]) >= {
        "GRECO",
        "WGB",
        "MESICIC",
        "IAP",
        "IRM",
    }
    assert len(recs) > 2000 and (assessed["row_status"] == "superseded").sum() > 500
    assert (recs.loc[recs["mechanism_id"] != "WGTA", "source_text"].str.startswith("SYNTHETIC")).all()
    rejects = pd.read_csv(processed / "rejects.csv", keep_default_na=False)
    codes = {c for cell in rejects.loc[rejects["source_file"].str.startswith("peer_review/"), "reason_code"] for c in cell.split("; ")}
    assert codes >= {
        "end_before_start",
        "unknown_mechanism",
        "unknown_state",
        "not_a_member",
        "unknown_event_type",
        "state_on_plenary",
        "overlapping_event",
        "due_before_adoption",
        "duplicate_recommendation_id",
        "unknown_round",
        "bad_review_status",
        "assessed_before_adoption",
        "unknown_recommendation",
    }
    assert "FICTIONAL" in (REVIEWS / ingest.SYNTHETIC_MARKER).read_text(encoding="utf-8")


def test_a_sample_export_never_writes_a_name_given_up_before_its_date():
    ref_dir = ROOT / "data" / "raw" / "reference"
    names = reference.load_state_names(ref_dir, reference.load_states(ref_dir))
    # Serbia and Montenegro ended on 2 Jun 2006: retired for a 2008 export, not for one of 2005; Turkey was in use in 2008
    assert synthetic.retire_names(names, "SRB", date(2008, 5, 4)) == {"Serbia and Montenegro"}
    assert synthetic.retire_names(names, "SRB", date(2005, 12, 1)) == frozenset()
    assert synthetic.retire_names(names, "TUR", date(2008, 5, 4)) == frozenset()
