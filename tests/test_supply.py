"""Supply of TA: activity rows (every reject reason), IATI conversion and mapping, the fixture's activities."""

import re
from datetime import date

import pandas as pd
import pytest

from conftest import FIXTURE_DATA, copy_fixture
from lib.io import iati, ingest, rows, supply

REF = rows.load_reference(FIXTURE_DATA / "raw" / "reference")
GROUPS = supply.load_groups(REF)
TODAY = date(2026, 1, 1)


def make_activity(**changes) -> dict:
    """Return a valid raw activity row (strings), with some values changed."""
    row = {
        "activity_id": "X1",
        "provider": "UNODC",
        "provider_type": "UN",
        "level": "national",
        "recipients": "Kenya",
        "articles": "5",
        "ta_forms": "legal_advice",
        "start": "2009-01-01",
        "end": "2010-01-01",
        "status": "ongoing",
        "budget": "",
        "currency": "",
        "source": "test",
    }
    row.update(changes)
    return row


def reasons(**changes) -> list[str]:
    """Return the reject reasons of an activity row."""
    return [p[2] for p in supply.check_activity(make_activity(**changes), REF, GROUPS, TODAY)[1]]


def test_valid_activity_is_normalised():
    out, problems = supply.check_activity(
        make_activity(
            recipients="Sénégal; KEN",
            articles="Art. 15; 46(9)",
            ta_forms="Conseils juridiques",
            provider_type="ngo",
            budget="1,000",
            currency="EUR",
        ),
        REF,
        GROUPS,
        TODAY,
    )
    assert problems == []
    assert (out["recipient_codes"], out["provisions"], out["ta_form_codes"], out["provider_type"], out["budget"]) == (
        "SEN;KEN",
        "15;46(9)",
        "legal_advice",
        "NGO",
        1000.0,
    )


@pytest.mark.parametrize(
    "changes, codes",
    [
        ({"level": "regional", "recipients": "African States"}, "AFR"),
        ({"level": "regional", "recipients": "weog"}, "WEOG"),
        ({"level": "global", "recipients": ""}, "global"),
        ({"level": "Global", "recipients": "global"}, "global"),
    ],
)
def test_regional_and_global_recipients(changes, codes):
    out, problems = supply.check_activity(make_activity(**changes), REF, GROUPS, TODAY)
    assert problems == [] and out["recipient_codes"] == codes


@pytest.mark.parametrize(
    "changes, reason",
    [
        ({"provider_type": "charity"}, "unknown_provider_type"),
        ({"level": "local"}, "unknown_level"),
        ({"recipients": "Atlantis"}, "unknown_recipient"),
        ({"level": "regional", "recipients": "Kenya"}, "unknown_recipient"),
        ({"level": "global", "recipients": "Kenya"}, "unknown_recipient"),
        ({"articles": "72"}, "unknown_article"),
        ({"ta_forms": "telepathy"}, "unknown_ta_form"),
        ({"start": "01/02/2009"}, "bad_date"),
        ({"end": "2008-12-31"}, "end_before_start"),
        ({"status": "closed"}, "bad_status"),
        ({"status": "cancelled"}, "inactive_activity"),
        ({"budget": "5000", "currency": "dollars"}, "bad_currency"),
        ({"provider": ""}, "missing_value"),
    ],
)
def test_each_activity_reject_reason(changes, reason):
    assert reasons(**changes) == [reason]


def test_duplicates_and_out_of_scope():
    rows = pd.DataFrame(
        [
            make_activity(),
            make_activity(),
            make_activity(recipients="Nigeria"),
            dict(make_activity(activity_id="X2"), _in_scope=False, _sectors_found="codes found: 11220"),
        ]
    ).assign(source_file="f.csv", source_row=[2, 3, 4, 5])
    activities, rejects, flags = supply.validate_activities(rows, REF, TODAY)
    assert activities["activity_id"].tolist() == ["X1"] and flags == []
    assert [(r["source_row"], r["reason_code"]) for r in rejects] == [
        (3, "exact_duplicate"),
        (4, "duplicate_activity_id"),
        (5, "out_of_scope"),
    ]
    assert (rejects[0]["value"], rejects[1]["value"]) == ("same as f.csv row 2", "X1 (first at f.csv row 2)")


@pytest.mark.parametrize(
    "budget, note",
    [
        ("-5000", "-5000 (as written): negative, left blank"),
        ("lots", "lots (as written): not a number, left blank"),
    ],
)
def test_a_negative_or_unreadable_budget_keeps_the_activity_with_a_flag(budget, note):
    out, problems = supply.check_activity(make_activity(budget=budget, currency="USD"), REF, GROUPS, TODAY)
    assert problems == [] and (out["budget"], out["currency"], out["budget_note"]) == (None, "", note)
    rows = pd.DataFrame([make_activity(budget=budget, currency="USD")]).assign(source_file="f.csv", source_row=[2])
    activities, rejects, flags = supply.validate_activities(rows, REF, TODAY)
    assert rejects == [] and activities["budget_note"].tolist() == [note] and pd.isna(activities["budget"].iloc[0])
    assert flags == [
        {
            "source_file": "f.csv",
            "source_row": 2,
            "column": "budget",
            "value": budget,
            "reason_code": "bad_budget",
            "reason": "the budget is negative or not a number: the activity is kept with a blank budget",
        }
    ]
    assert supply.check_activity(make_activity(budget="1,200", currency="USD"), REF, GROUPS, TODAY)[0]["budget_note"] == ""


IATI_FILE = """<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03">
  <iati-activity default-currency="USD">
    <iati-identifier>XX-1</iati-identifier>
    <reporting-org ref="XM-DAC-41114" type="40"><narrative>UNDP</narrative></reporting-org>
    <activity-status code="2"/><activity-date type="2" iso-date="2008-01-01"/><recipient-country code="KE"/>
    <transaction><transaction-type code="3"/><value>10</value><sector vocabulary="1" code="15113"/></transaction>
    <transaction><transaction-type code="3"/><value>20</value><sector vocabulary="1" code="15113"/></transaction>
  </iati-activity>
  <iati-activity>
    <iati-identifier>XX-2</iati-identifier>
    <reporting-org ref="XM-DAC-41114" type="40"><narrative>UNDP</narrative></reporting-org>
    <activity-status code="2"/><activity-date type="2" iso-date="2008-01-01"/><recipient-country code="KE"/>
    <sector vocabulary="1" code="11220"/><sector vocabulary="2" code="151"/>
  </iati-activity>
  <iati-activity default-currency="USD">
    <iati-identifier>XX-3</iati-identifier>
    <reporting-org ref="XM-DAC-41114" type="40"><narrative>UNDP</narrative></reporting-org>
    <activity-status code="2"/><activity-date type="2" iso-date="2008-01-01"/><recipient-country code="KE"/>
    <sector code="15130"/>
    <budget><value>-500</value></budget>
  </iati-activity>
  <iati-activity>
    <iati-identifier>XX-4</iati-identifier>
    <reporting-org ref="XM-DAC-41114" type="40"><narrative>UNDP</narrative></reporting-org>
    <activity-status code="5"/><activity-date type="2" iso-date="2008-01-01"/><recipient-country code="KE"/>
  </iati-activity>
</iati-activities>
"""


def test_iati_activities_are_named_by_position_and_identifier_with_the_sector_codes_found(tmp_path):
    (tmp_path / "ta_activities").mkdir()
    path = tmp_path / "ta_activities" / "x.xml"
    path.write_text(IATI_FILE, encoding="utf-8")
    rows = iati.read_iati_file(path, tmp_path, FIXTURE_DATA / "raw" / "reference")
    # activity 1 gives its sector (15113: arts. 5, 6, 36) on every transaction, none on the activity (IATI 2.01 and later)
    assert rows["_in_scope"].tolist() == [True, False, True, False] and rows["articles"].iloc[0] == "5;6;36"
    activities, rejects, flags = supply.validate_activities(rows, REF, TODAY)
    assert activities["activity_id"].tolist() == ["XX-1", "XX-3"]  # XX-3's negative budget is flagged, not rejected
    assert [(r["source_row"], r["column"], r["value"], r["reason_code"]) for r in rejects] == [
        (2, "activity 2 in the file, XX-2: sector", "codes found: 11220; 151 (vocabulary 2)", "out_of_scope"),
        (4, "activity 4 in the file, XX-4: sector", "no sector code", "out_of_scope"),
    ]
    assert [(f["source_row"], f["column"], f["value"]) for f in flags] == [(3, "activity 3 in the file, XX-3: budget", "-500.00")]


def test_iati_file_is_converted_and_mapped():
    rows = iati.read_iati_file(
        FIXTURE_DATA / "raw" / "ta_activities" / "iati_sample.xml", FIXTURE_DATA / "raw", FIXTURE_DATA / "raw" / "reference"
    )
    first, second = rows.iloc[0], rows.iloc[1]
    assert (first["activity_id"], first["provider"], first["provider_type"], first["level"], first["recipients"]) == (
        "GB-GOV-1-FIXTURE-1",
        "United Kingdom",
        "bilateral",
        "national",
        "KEN",
    )
    assert (first["articles"], first["ta_forms"], first["start"], first["end"], first["status"]) == (
        "5;6;36",
        "capacity_building;onsite_expert",
        "2008-03-01",
        "2010-03-01",
        "ongoing",
    )  # actual start wins over planned
    assert (first["budget"], first["currency"]) == ("100000.00", "GBP")  # budgets summed, default currency applied
    assert (second["provider_type"], second["level"], second["recipients"], second["budget"]) == ("UN", "regional", "AFR", "")
    assert rows["_in_scope"].tolist() == [True, True, False, True] and rows["status"].iloc[3] == "cancelled"


@pytest.mark.parametrize(
    "content, message",
    [
        ("<iati-activities><iati-activity>", "is not well-formed XML"),
        ("<?xml version='1.0'?><html><body/></html>", "not an IATI activity file (its root is <html>"),
    ],
)
def test_malformed_iati_file_is_one_sentence(tmp_path, content, message):
    (tmp_path / "ta_activities").mkdir()
    path = tmp_path / "ta_activities" / "x.xml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(iati.MalformedFile, match=re.escape(message)):
        iati.read_iati_file(path, tmp_path, FIXTURE_DATA / "raw" / "reference")


def test_fixture_supply_counts(fixture_data_dir):
    processed = fixture_data_dir / "processed"
    recon = pd.read_csv(processed / "reconciliation.csv").set_index("source_file")
    cols = ["rows_read_n", "rows_accepted_n", "rows_superseded_n", "rows_rejected_n"]
    assert recon.loc["ta_activities/activities.csv", cols].tolist() == [12, 5, 0, 7]
    assert recon.loc["ta_activities/iati_sample.xml", cols].tolist() == [4, 2, 0, 2]
    assert recon.loc["ta_activities/broken_export.xml", cols].tolist() == [1, 0, 0, 1]
    rejects = pd.read_csv(processed / "rejects.csv", keep_default_na=False)
    broken = rejects[rejects["source_file"] == "ta_activities/broken_export.xml"].iloc[0]
    assert broken["reason_code"] == "malformed_file" and "not well-formed XML" in broken["reason"]
    by_row = rejects[rejects["source_file"] == "ta_activities/activities.csv"].set_index("source_row")["reason_code"]
    assert by_row[13] == "bad_status"  # its unreadable budget ('lots') would only be flagged had the activity been kept
    iati_rejects = rejects[rejects["source_file"] == "ta_activities/iati_sample.xml"]
    assert iati_rejects[["source_row", "column", "value"]].values.tolist() == [
        [3, "activity 3 in the file, GB-GOV-1-FIXTURE-3: sector", "codes found: 11220"],
        [4, "activity 4 in the file, GB-GOV-1-FIXTURE-4: status", "cancelled"],
    ]
    assert pd.read_csv(processed / "flags.csv").empty
    activities = pd.read_parquet(processed / "ta_activities.parquet")
    assert sorted(activities["activity_id"]) == ["A1", "A2", "A3", "A4", "A5", "GB-GOV-1-FIXTURE-1", "XM-DAC-41114-FIXTURE-2"]


def test_no_supply_folder_means_no_activities(tmp_path):
    import shutil

    data = copy_fixture(tmp_path / "data")
    shutil.rmtree(data / "raw" / "ta_activities")
    manifest = ingest.run_ingest(data, today=TODAY)
    assert manifest["reconciliation"].startswith("67 rows read from 5 files")  # 34 self-assessment + 33 peer review rows
    assert len(pd.read_parquet(data / "processed" / "ta_activities.parquet")) == 0


def test_an_activity_keeps_the_provider_as_written_and_counts_under_its_canonical_name():
    rows = pd.DataFrame(
        [
            make_activity(activity_id="X1", provider="UNODC"),
            make_activity(activity_id="X2", provider="United Nations Office on Drugs and Crime", recipients="Nigeria"),
        ]
    ).assign(source_file="f.csv", source_row=[2, 3])
    activities, rejects, _ = supply.validate_activities(rows, REF, TODAY)
    assert rejects == [] and activities["provider"].tolist() == ["UNODC", "UNODC"]  # one provider in the matrix's tables
    assert activities["provider_text"].tolist() == ["UNODC", "United Nations Office on Drugs and Crime"]
    assert activities.groupby("provider").size().to_dict() == {"UNODC": 2}
