"""The needs-supply matrix on the fixture, against the coverage computed by hand (tests/fixtures/README.md)."""

import openpyxl
import pandas as pd
import pytest

from lib.analysis import matrix, needs
from lib.present import workbook


@pytest.fixture(scope="module")
def supply_at(dataset):
    """Return a function building the matrix at a meeting."""

    def build(meeting_id, group_code=matrix.ALL_GROUPS):
        snap = needs.take_snapshot(dataset, meeting_id)
        return matrix.build_matrix(
            matrix.list_needs(snap, group_code), dataset.activities, dataset.activity_targets, snap.meeting["cutoff_date"]
        )

    return build


def coverage_of(table):
    """Return {(State, provision, form): (coverage, providers)}."""
    return {(r.state_code, r.provision, r.ta_form_code): (r.coverage, r.providers) for r in table.itertuples()}


def test_matrix_september_2009(supply_at):
    assert coverage_of(supply_at("wg-ta-2009-09")) == {
        ("KEN", "46(9)", "legislative_drafting"): ("met", "UNDP"),
        ("NGA", "5", "model_legislation"): ("unmet", ""),
        ("NGA", "15", "onsite_expert"): ("met", "Norad"),
        ("SEN", "5", "legal_advice"): ("unmet", ""),
        ("SEN", "15", "legislative_drafting"): ("met by several providers", "GIZ; UNDP"),
        ("SEN", "15", "legal_advice"): ("met", "UNDP"),
    }


def test_matrix_december_2008(supply_at):
    assert coverage_of(supply_at("wg-ta-2008-12")) == {
        ("KEN", "15", "legal_advice"): ("met by several providers", "Norad; UNDP"),
        ("KEN", "15", "capacity_building"): ("met by several providers", "Norad; World Bank"),
        ("KEN", "46(9)", "legislative_drafting"): ("met", "UNDP"),
        ("NGA", "5", "model_legislation"): ("unmet", ""),
        ("NGA", "15", "onsite_expert"): ("met", "Norad"),
    }


def test_levels_are_reported_apart(supply_at):
    table = supply_at("wg-ta-2009-09").set_index(["state_code", "provision", "ta_form_code"])
    row = table.loc[("SEN", "15", "legislative_drafting")]
    assert (row["national_activities"], row["regional_activities"], row["global_activities"]) == ("A5", "XM-DAC-41114-FIXTURE-2", "")


def test_coverage_tables(supply_at):
    table = supply_at("wg-ta-2009-09")
    overall = matrix.tabulate_coverage(table)
    assert overall[["need_items_n", "unsupplied_n", "one_provider_n", "several_providers_n", "unsupplied_pct"]].values.tolist() == [
        [6, 2, 3, 1, 33.3]
    ]
    by_article = matrix.tabulate_coverage(table, "provision")
    assert by_article["provision"].tolist() == ["5", "15", "46(9)", "All"]
    assert by_article[["need_items_n", "unsupplied_n", "one_provider_n", "several_providers_n"]].values.tolist() == [
        [2, 2, 0, 0],
        [3, 0, 2, 1],
        [1, 0, 1, 0],
        [6, 2, 3, 1],
    ]


def test_group_filter(supply_at):
    assert len(supply_at("wg-ta-2009-09", "WEOG")) == 0 and len(supply_at("wg-ta-2009-09", "AFR")) == 6


def test_providers_top_unmet_and_duplications(supply_at, dataset):
    table = supply_at("wg-ta-2009-09")
    providers = matrix.tabulate_supply_by_provider(table, dataset.activities, "2009-09-03").set_index("provider")
    assert providers.loc["UNDP", ["needs_met_n", "states_n", "shared_n"]].tolist() == [3, 2, 1]
    assert providers.loc["GIZ", ["needs_met_n", "shared_n"]].tolist() == [1, 1]
    assert providers.loc["OECD", "needs_met_n"] == 0  # a global activity with no article meets no particular need
    assert len(providers) == 7
    top = matrix.list_top_unmet(table, {"legal_advice": "Legal advice", "model_legislation": "Model legislation"})
    assert top[["provision", "form", "unsupplied_n", "states"]].values.tolist() == [
        ["5", "Legal advice", 1, "Senegal"],
        ["5", "Model legislation", 1, "Nigeria"],
    ]
    dup = matrix.list_duplications(table)
    assert dup[["state_name", "provision", "providers_n", "activities"]].values.tolist() == [
        ["Senegal", "15", 2, "A5; XM-DAC-41114-FIXTURE-2"]
    ]


def test_ended_activities_do_not_count(dataset):
    active = matrix.select_active(dataset.activities, "2011-01-02")
    assert "A1" not in set(active["activity_id"]) and "A5" not in set(active["activity_id"]) and "A2" in set(active["activity_id"])


def test_workbook_is_filterable(supply_at, tmp_path):
    table = supply_at("wg-ta-2009-09")
    workbook.write_workbook({"matrix": table, "by_article": matrix.tabulate_coverage(table, "provision")}, tmp_path / "m.xlsx")
    book = openpyxl.load_workbook(tmp_path / "m.xlsx")
    assert book.sheetnames == ["matrix", "by_article"]
    sheet = book["matrix"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == sheet.dimensions
    assert sheet.max_row == 7 and [c.value for c in sheet[1]][:3] == ["state_code", "state_name", "group_code"]
    back = pd.read_excel(tmp_path / "m.xlsx", sheet_name="by_article", dtype={"provision": str})
    assert back["unsupplied_n"].tolist() == [2, 0, 0, 2]


def test_no_duplication_gives_an_empty_table(supply_at):
    table = supply_at("wg-ta-2009-09")
    empty = matrix.list_duplications(table[table["coverage"] != "met by several providers"])
    assert empty.empty and "activities" in empty.columns
