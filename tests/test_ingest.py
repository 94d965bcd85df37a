"""Ingest: every answer vocabulary, every reject reason, supersession, reconciliation, structural errors."""

import hashlib
import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from conftest import FIXTURE_DATA, INGEST_DAY, copy_fixture
from lib.io import ingest, rows, schema

REF = rows.load_reference(FIXTURE_DATA / "raw" / "reference")
TODAY = date(2026, 1, 1)


def make_row(**changes) -> dict:
    """Return a valid raw row (strings, as read), with some values changed."""
    row = {
        "state": "Kenya",
        "submitted_on": "2009-06-01",
        "checklist": "sa-2008",
        "article": "5",
        "compliance": "Yes",
        "ta_needed": "No",
        "ta_forms": "",
        "ta_provided": "",
        "ta_providers": "",
        "notes": "",
    }
    row.update(changes)
    return row


def reasons(row: dict) -> list[str]:
    """Return the reject reason codes check_row gives a row."""
    return [p[2] for p in ingest.check_row(row, REF, TODAY)[1]]


@pytest.mark.parametrize(
    "answer, code",
    [
        ("full", "full"),
        ("partial", "partial"),
        ("none", "none"),
        ("Yes", "full"),
        ("yes, in part", "partial"),
        ("No", "none"),
        ("Oui", "full"),
        ("Oui, en partie", "partial"),
        ("Non", "none"),
        ("Sí", "full"),
        ("Si, en parte", "partial"),
        ("SÍ, EN PARTE", "partial"),
        ("  no ", "none"),
        ("", None),
    ],
)
def test_compliance_vocabulary(answer, code):
    out, problems = ingest.check_row(make_row(compliance=answer), REF, TODAY)
    assert problems == [] and out["compliance_code"] == code


@pytest.mark.parametrize(
    "answer, value",
    [
        ("yes", True),
        ("no", False),
        ("Yes", True),
        ("NO", False),
        ("Oui", True),
        ("non", False),
        ("Sí", True),
        ("si", True),
        ("No", False),
        ("", None),
    ],
)
def test_yes_no_vocabulary(answer, value):
    out, problems = ingest.check_row(make_row(ta_needed=answer, ta_provided=answer), REF, TODAY)
    assert problems == [] and out["ta_needed"] is value and out["ta_provided"] is value


@pytest.mark.parametrize(
    "forms, codes",
    [
        ("legal_advice", "legal_advice"),
        ("Legal advice; capacity-building and training", "legal_advice;capacity_building"),
        ("Conseils juridiques;Rédaction de textes législatifs", "legal_advice;legislative_drafting"),
        ("Asesoramiento jurídico; legal_advice", "legal_advice"),  # the same form twice counts once
        (
            "model_legislation;good_practices;action_plan;onsite_expert;other",
            "model_legislation;good_practices;action_plan;onsite_expert;other",
        ),
    ],
)
def test_ta_forms_codes_and_labels(forms, codes):
    out, problems = ingest.check_row(make_row(ta_needed="Yes", ta_forms=forms), REF, TODAY)
    assert problems == [] and out["ta_form_codes"] == codes


@pytest.mark.parametrize(
    "needed, forms, is_needed, from_forms",
    [
        ("", "legal_advice", True, True),  # forms listed, 'TA needed' blank: read as yes, and marked so
        ("Yes", "legal_advice", True, False),
        ("", "", None, False),
        ("No", "", False, False),
    ],
)
def test_listed_forms_answer_ta_needed(needed, forms, is_needed, from_forms):
    out, problems = ingest.check_row(make_row(ta_needed=needed, ta_forms=forms), REF, TODAY)
    assert problems == [] and out["ta_needed"] is is_needed and out["ta_needed_from_forms"] is from_forms


@pytest.mark.parametrize(
    "written, provision",
    [("5", "5"), ("Art. 5", "5"), ("article 46(9)", "46(9)"), ("Artículo 15", "15"), ("15.0", "15"), ("46 (9)", "46(9)")],
)
def test_article_spellings(written, provision):
    out, problems = ingest.check_row(make_row(article=written), REF, TODAY)
    assert problems == [] and out["provision"] == provision


@pytest.mark.parametrize(
    "changes, reason",
    [
        ({"state": ""}, "missing_value"),
        ({"state": "Atlantis"}, "unknown_state"),
        ({"checklist": "sa-1999"}, "unknown_checklist"),
        ({"article": "99"}, "unknown_article"),
        ({"article": "46"}, "unknown_article"),  # the checklist asks about 46(9), not article 46 as a whole
        ({"compliance": "Maybe"}, "bad_compliance"),
        ({"ta_needed": "Perhaps"}, "bad_yes_no"),
        ({"ta_provided": "1"}, "bad_yes_no"),
        ({"ta_needed": "Yes", "ta_forms": "telepathy"}, "unknown_ta_form"),
        ({"ta_needed": "No", "ta_forms": "legal_advice"}, "forms_without_need"),
        ({"submitted_on": "03/06/2009"}, "bad_date"),
        ({"submitted_on": "2009-02-30"}, "bad_date"),
        ({"submitted_on": "2009-6-1"}, "bad_date"),
        ({"submitted_on": "2099-01-01"}, "future_date"),
    ],
)
def test_each_reject_reason(changes, reason):
    assert reasons(make_row(**changes)) == [reason]


SUPPLY_REASONS = {
    "unknown_provider_type",
    "unknown_level",
    "unknown_recipient",
    "end_before_start",
    "bad_status",
    "inactive_activity",
    "bad_currency",
    "duplicate_activity_id",
    "out_of_scope",
    "malformed_file",
}
REVIEW_REASONS = {
    "unknown_mechanism",
    "unknown_round",
    "unknown_event_type",
    "bad_event_status",
    "state_on_plenary",
    "not_a_member",
    "overlapping_event",
    "duplicate_event_id",
    "due_before_adoption",
    "duplicate_recommendation_id",
    "unknown_recommendation",
    "assessed_before_adoption",
    "bad_review_status",
    "duplicate_assessment",
    "conflicting_assessment",
}  # tested in test_reviews.py


def test_every_reason_has_a_sentence_and_a_test():  # the supply reasons are tested in test_supply.py
    tested = (
        SUPPLY_REASONS
        | REVIEW_REASONS
        | schema.INPUT_REASONS
        | {
            "missing_value",
            "unknown_state",
            "unknown_checklist",
            "unknown_article",
            "bad_compliance",
            "bad_yes_no",
            "unknown_ta_form",
            "forms_without_need",
            "bad_date",
            "future_date",
            "exact_duplicate",
            "conflicting_answers",
        }
    )
    assert set(schema.REJECT_REASONS) == tested


def test_excel_datetime_cell_is_a_date():
    out, problems = ingest.check_row(make_row(submitted_on="2009-06-01 00:00:00"), REF, TODAY)
    assert problems == [] and out["submitted_on"] == date(2009, 6, 1)


def test_several_problems_are_all_reported():
    row = make_row(state="Atlantis", compliance="Maybe")
    out, problems = ingest.check_row(row, REF, TODAY)
    line = rows.summarise_problems("f.csv", 7, problems)
    assert line["column"] == "state; compliance" and line["value"] == "Atlantis; Maybe"
    assert line["reason_code"] == "unknown_state; bad_compliance" and line["source_row"] == 7


def frame(rows: list[dict], source_file: str = "f.csv") -> pd.DataFrame:
    """Return raw rows as read_export would, numbered from spreadsheet row 2."""
    return pd.DataFrame(rows).assign(source_file=source_file, source_row=range(2, len(rows) + 2))


def test_exact_duplicate_and_conflict():
    raw = frame([make_row(), make_row(), make_row(article="15"), make_row(article="15", compliance="No")])
    answers, rejects = ingest.validate_rows(raw, REF, TODAY)
    assert list(answers["source_row"]) == [2]
    assert list(zip(rejects["source_row"], rejects["reason_code"])) == [
        (3, "exact_duplicate"),
        (4, "conflicting_answers"),
        (5, "conflicting_answers"),
    ]
    assert rejects.iloc[0]["value"] == "same as f.csv row 2"


def test_supersession_keeps_history():
    raw = frame(
        [
            make_row(submitted_on="2008-10-01"),
            make_row(submitted_on="2008-10-01", article="15"),
            make_row(submitted_on="2009-06-01", compliance="No"),
            make_row(state="Nigeria", submitted_on="2008-11-20"),
        ]
    )
    answers, rejects = ingest.validate_rows(raw, REF, TODAY)
    marked = ingest.mark_superseded(answers)
    status = dict(zip(zip(marked["state_code"], marked["source_row"]), marked["row_status"]))
    assert status == {("KEN", 2): "superseded", ("KEN", 3): "superseded", ("KEN", 4): "accepted", ("NGA", 5): "accepted"}
    kept = marked[marked["source_row"] == 2].iloc[0]
    assert kept["superseded_by_date"] == pd.Timestamp("2009-06-01")
    recon = ingest.reconcile(raw, marked, rejects)
    total = recon[recon["source_file"] == "all files"].iloc[0]
    assert (total["rows_read_n"], total["rows_accepted_n"], total["rows_superseded_n"], total["rows_rejected_n"]) == (4, 2, 2, 0)
    assert recon["is_reconciled"].all()


def test_reconciliation_line():
    recon = pd.DataFrame(
        {
            "source_file": ["a.csv", "all files"],
            "rows_read_n": [1500, 1500],
            "rows_accepted_n": [1200, 1200],
            "rows_superseded_n": [250, 250],
            "rows_rejected_n": [50, 50],
            "is_reconciled": [True, True],
        }
    )
    assert (
        ingest.describe_reconciliation(recon) == "1,500 rows read from 1 file = 1,200 accepted + 250 superseded + 50 rejected (reconciled)"
    )


def test_fixture_ingest_counts_and_rejects(fixture_data_dir):
    processed = fixture_data_dir / "processed"
    recon = pd.read_csv(processed / "reconciliation.csv")
    assert recon.set_index("source_file").loc[
        "all files", ["rows_read_n", "rows_accepted_n", "rows_superseded_n", "rows_rejected_n"]
    ].tolist() == [84, 43, 7, 34]
    assert recon.set_index("source_file").loc[
        "self_assessment/export_2008-12.csv", ["rows_read_n", "rows_accepted_n", "rows_superseded_n", "rows_rejected_n"]
    ].tolist() == [24, 5, 6, 13]
    rejects = pd.read_csv(processed / "rejects.csv", keep_default_na=False)
    answers_rejects = rejects[rejects["source_file"].str.startswith("self_assessment/")]
    assert answers_rejects["source_row"].tolist() == list(range(13, 26))
    assert set(answers_rejects["reason_code"]) == set(schema.REJECT_REASONS) - SUPPLY_REASONS - REVIEW_REASONS - schema.INPUT_REASONS
    assert set(answers_rejects["source_file"]) == {"self_assessment/export_2008-12.csv"}
    answers = pd.read_parquet(processed / "sa_answers.parquet")
    assert answers["row_status"].value_counts().to_dict() == {"accepted": 15, "superseded": 6}
    kenya = answers[(answers["state_code"] == "KEN") & (answers["provision"] == "15") & (answers["submitted_on"] == "2008-10-01")].iloc[0]
    assert kenya["ta_providers_text"] == "UNODC; <script>alert('x')</script>"  # free text kept verbatim
    assert kenya["notes_text"] == "<b>check</b> & see"
    assert kenya["state_name_raw"] == "Kenya"


def test_manifest_checksums_every_input(fixture_data_dir):
    import json

    manifest = json.loads((fixture_data_dir / "processed" / "manifest.json").read_text())
    paths = {e["path"]: e["sha256"] for e in manifest["inputs"]}
    raw = fixture_data_dir / "raw"
    assert (
        paths["self_assessment/export_2008-12.csv"] == hashlib.sha256((raw / "self_assessment/export_2008-12.csv").read_bytes()).hexdigest()
    )
    assert "reference/state_aliases.csv" in paths and manifest["is_synthetic"] is False
    assert manifest["reconciliation"].startswith("84 rows read from 8 files")
    assert "peer_review/calendar.csv" in paths and "reference/review_membership.csv" in paths
    assert "ta_activities/iati_sample.xml" in paths


def snapshot_tree(folder: Path) -> dict:
    """Return {relative path: (sha256, mtime)} for every file under a folder."""
    return {
        p.relative_to(folder).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_raw_files_are_never_modified_and_rerun_writes_nothing(tmp_path):
    data = copy_fixture(tmp_path / "data")
    before = snapshot_tree(data / "raw")
    ingest.run_ingest(data, today=INGEST_DAY)
    processed = snapshot_tree(data / "processed")
    ingest.run_ingest(data, today=INGEST_DAY)
    assert snapshot_tree(data / "raw") == before
    assert snapshot_tree(data / "processed") == processed  # same content: not even rewritten (make sees no change)


def test_xlsx_and_csv_read_the_same(tmp_path):
    data = copy_fixture(tmp_path / "data")
    sa = data / "raw" / "self_assessment"
    table = pd.read_csv(sa / "export_2009-09.csv", dtype=str, keep_default_na=False)
    (sa / "export_2009-09.csv").unlink()
    table.to_excel(sa / "export_2009-09.xlsx", index=False)
    manifest = ingest.run_ingest(data, today=INGEST_DAY)
    assert manifest["reconciliation"].startswith("84 rows read from 8 files = 43 accepted + 7 superseded + 34 rejected")


def run_cli(data: Path, capsys) -> tuple[int, str]:
    """Run the ingest command line on a data folder; return (exit code, stderr)."""
    code = ingest.main(["--data-dir", str(data)])
    return code, capsys.readouterr().err


@pytest.mark.parametrize(
    "damage, message",
    [
        (
            lambda sa: (sa / "export_2009-09.csv").write_text("state,submitted_on\nKenya,2009-01-01\n", encoding="utf-8"),
            "The file self_assessment/export_2009-09.csv lacks the required column(s) checklist, article",
        ),
        (
            lambda sa: (sa / "export_2009-09.csv").write_bytes(b"state\n" + "Côte".encode("latin-1")),
            "The file self_assessment/export_2009-09.csv is not UTF-8 text",
        ),
        (lambda sa: (sa / "export_2009-09.csv").write_bytes(b""), "The file self_assessment/export_2009-09.csv is empty"),
        (lambda sa: (sa / "broken.xlsx").write_bytes(b"not a zip file"), "The file self_assessment/broken.xlsx cannot be read"),
        (lambda sa: (sa / "old.xls").write_bytes(b"x"), "The file old.xls is in a format the ingest does not read"),
        (lambda sa: [p.unlink() for p in sa.glob("*.csv")], "No self-assessment export (.csv or .xlsx) was found"),
        (
            lambda sa: [p.write_text(",".join(ingest.REQUIRED_COLUMNS) + "\n", encoding="utf-8") for p in sa.glob("*.csv")],
            "hold no data rows",
        ),
        (lambda sa: shutil.rmtree(sa), "does not exist"),
        (lambda sa: (sa.parent / "reference" / "meetings.csv").unlink(), "The reference table"),
    ],
)
def test_structural_problems_stop_with_one_sentence(tmp_path, capsys, damage, message):
    data = copy_fixture(tmp_path / "data")
    damage(data / "raw" / "self_assessment")
    code, err = run_cli(data, capsys)
    assert code == 2
    assert message in err
    assert err.startswith("make data stopped: ") and err.count("\n") == 1 and "Traceback" not in err
    assert not (data / "processed" / "manifest.json").exists()


@pytest.mark.parametrize(
    "written, hint",
    [
        ("Kenyia", "closest known names: Kenya"),  # 'kenyia' scores 91 against 'kenya'
        ("Allemagn", "closest known names: Germany"),  # the French alias 'Allemagne' is closest: the UN short name is offered
        ("Nigera", "closest known names: Nigeria"),
        ("Atlantis", "no close known name"),
    ],
)
def test_an_unknown_state_is_rejected_with_the_closest_known_names(written, hint):
    problems = ingest.check_row(make_row(state=written), REF, TODAY)[1]
    assert problems == [("state", written, "unknown_state", hint)]
    line = rows.summarise_problems("f.csv", 2, problems + [("compliance", "Maybe", "bad_compliance")])
    assert line["reason"] == f"the State name is not in state_aliases.csv ({hint}); the compliance answer is not in answer_vocabulary.csv"
    assert line["reason_code"] == "unknown_state; bad_compliance" and line["value"] == f"{written}; Maybe"


def test_the_console_lists_rejected_rows_by_file_and_reason():
    rejects = pd.DataFrame(
        {
            "source_file": ["a.csv", "a.csv", "a.csv", "b.csv"],
            "source_row": [2, 3, 4, 2],
            "column": ["state", "state; compliance", "state", "submitted_on"],
            "value": ["Kenyia", "Kenyia; Maybe", "Atlantis", "03/04/2009"],
            "reason_code": ["unknown_state", "unknown_state; bad_compliance", "unknown_state", "bad_date"],
            "reason": ["x"] * 4,
        }
    )
    # by hand: a.csv has 3 rows: unknown_state 3 times ('Kenyia' twice), bad_compliance once (the second row counts twice)
    assert ingest.describe_rejects(rejects, REF) == [
        "  a.csv: 3 rows rejected",
        "    3 unknown_state: the State name is not in state_aliases.csv",
        "      'Kenyia' (2 rows): did you mean: Kenya?",
        "      'Atlantis': no close known name",
        "    1 bad_compliance: the compliance answer is not in answer_vocabulary.csv",
        "  b.csv: 1 row rejected",
        "    1 bad_date: the date is not a valid ISO date (YYYY-MM-DD); other formats are ambiguous and not guessed",
    ]
    many = pd.DataFrame(
        {
            "source_file": "c.csv",
            "source_row": range(12),
            "column": "state",
            "value": [f"Nowhere {i}" for i in range(12)],
            "reason_code": "unknown_state",
            "reason": "x",
        }
    )
    assert ingest.describe_rejects(many, REF)[-1] == "      and 2 more"  # 12 names: 10 listed


def test_a_submission_none_of_whose_rows_was_accepted_is_listed():
    raw = frame(
        [
            make_row(),
            make_row(article="15"),  # Kenya: accepted
            make_row(state="Norway", compliance="Maybe"),
            make_row(state="Norway", article="15", ta_needed="Perhaps"),
            make_row(state="Germany", submitted_on="2008-12-01"),
            make_row(state="Allemagne", submitted_on="2008-12-01", article="99"),
            make_row(state="Atlantis"),
            make_row(state="Kenya", submitted_on="12/03/2009"),
        ]
    )
    answers, rejects = ingest.validate_rows(raw, REF, TODAY)
    table = ingest.list_rejected_submissions(raw, ingest.mark_superseded(answers), rejects, REF)
    # by hand: Norway's two rows are both rejected (one reason each); Germany's row 6 ('Allemagne') is rejected but its
    # row 5 is accepted, so Germany responded; Atlantis is a State of its own; Kenya's undated row is a submission apart
    assert table[["state_text", "state_code", "submitted_on_text", "rows_read_n", "reason_codes"]].values.tolist() == [
        ["Atlantis", "", "2009-06-01", 1, "unknown_state"],
        ["Kenya", "KEN", "12/03/2009", 1, "bad_date"],
        ["Norway", "NOR", "2009-06-01", 2, "bad_compliance; bad_yes_no"],
    ]
    assert table.iloc[2]["reasons"] == (
        "gave a compliance answer other than fully, partly or not compliant (1 row); "
        "answered a yes-or-no question with something else (1 row)"
    )
    assert table.iloc[2]["submitted_on_date"] == date(2009, 6, 1) and pd.isna(table.iloc[1]["submitted_on_date"])


def test_fixture_rejected_submissions(fixture_data_dir):
    table = ingest.load_rejected_submissions(fixture_data_dir)
    # tests/fixtures/README.md: six submissions of export_2008-12.csv have no accepted row; Norway's 2008-10-01 one is whole
    assert table[["state_text", "checklist_text", "submitted_on_text", "rows_read_n"]].values.tolist() == [
        ["", "sa-2008", "2008-10-01", 1],
        ["Atlantis", "sa-2008", "2008-10-01", 1],
        ["Kenya", "sa-2008", "12/03/2009", 1],
        ["Norway", "sa-1999", "2008-10-01", 1],
        ["Norway", "sa-2008", "2008-10-01", 4],
        ["Norway", "sa-2008", "2099-01-01", 1],
    ]
    norway = table.iloc[4]
    assert norway["state_code"] == "NOR" and norway["reason_codes"] == "bad_compliance; bad_yes_no; unknown_ta_form; forms_without_need"
    assert norway["submitted_on_date"] == pd.Timestamp("2008-10-01")


def test_the_command_line_prints_the_rejects_by_file_and_reason(tmp_path, capsys):
    data = copy_fixture(tmp_path / "data")
    assert ingest.main(["--data-dir", str(data)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Ingest: 84 rows read from 8 files") and out[1] == "Rejected rows by file and reason:"
    assert "  self_assessment/export_2008-12.csv: 13 rows rejected" in out
    assert "      'Atlantis': no close known name" in out
    assert len(out) < 60 and not any("flagged" in line for line in out)
    table = data / "raw" / "ta_activities" / "activities.csv"
    table.write_text(
        table.read_text(encoding="utf-8").replace(
            'A3,World Bank,multilateral,regional,African States,5;15,Capacity-building and training,2009-01-01,2011-12-31,ongoing,"1,200,000"',  # noqa: E501 (one row of the fixture, as written)
            "A3,World Bank,multilateral,regional,African States,5;15,Capacity-building and training,2009-01-01,2011-12-31,ongoing,-5",
        ),
        encoding="utf-8",
    )
    assert ingest.main(["--data-dir", str(data)]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("Rows kept with a flagged value (e.g. a budget left blank): 1, listed in")


def test_the_providers_a_state_names_are_also_kept_by_their_canonical_names():
    raw = frame([make_row(ta_needed="Yes", ta_provided="Yes", ta_providers="UN Office on Drugs and Crime; UNODC ;World Bank")])
    answers, _ = ingest.validate_rows(raw, REF, TODAY)
    # by hand: the full name is UNODC (provider_aliases.csv), written twice it counts once; the text stays verbatim
    assert answers[["ta_providers_text", "ta_provider_names"]].values.tolist() == [
        ["UN Office on Drugs and Crime; UNODC ;World Bank", "UNODC;World Bank"]
    ]


HEADER = ",".join(ingest.REQUIRED_COLUMNS)


def ingest_with(tmp_path: Path, files: dict[str, str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Ingest a copy of the fixture with extra raw files (path under raw/: text); return (rejects, reconciliation)."""
    data = copy_fixture(tmp_path / "data")
    for name, text in files.items():
        (data / "raw" / name).write_text(text, encoding="utf-8")
    ingest.run_ingest(data, today=INGEST_DAY)
    read = lambda name: pd.read_csv(data / "processed" / name, dtype=str, keep_default_na=False)  # noqa: E731
    return read("rejects.csv"), read("reconciliation.csv").set_index("source_file")


def test_a_row_with_too_many_fields_is_rejected_whole_and_the_others_keep_their_columns_and_numbers(tmp_path):
    rows = [
        "Senegal,2009-07-15,sa-2008,5,Yes,No,,,,",  # row 2
        "",  # row 3: a blank line holds no row, and keeps its number
        "Senegal,2009-07-15,sa-2008,15,Yes,No,,,,,stray,value",  # row 4: two values beyond the header's last column
        "Senegal,2009-07-15,sa-2008,15,Yes,No,,,,,,",  # row 5: blank fields beyond it hold nothing: read
        "Nigeria,2009-07-15,sa-2008,5,Yes,No",
    ]  # row 6: fewer fields: the missing ones are blank
    rejects, recon = ingest_with(tmp_path, {"self_assessment/ragged.csv": "\n".join([HEADER, *rows]) + "\n"})
    mine = rejects[rejects["source_file"] == "self_assessment/ragged.csv"]
    assert mine[["source_row", "column", "value", "reason_code"]].values.tolist() == [
        ["4", "(whole row)", "stray;value", "too_many_fields"]
    ]
    assert mine["reason"].iloc[0] == schema.REJECT_REASONS["too_many_fields"]
    assert recon.loc["self_assessment/ragged.csv", ["rows_read_n", "rows_accepted_n", "rows_rejected_n"]].tolist() == ["4", "3", "1"]


def test_a_value_under_a_blank_header_cell_of_a_workbook_is_too_many_fields(tmp_path):
    data = copy_fixture(tmp_path / "data")
    sheet = pd.DataFrame([make_row(), make_row(article="15")]).assign(**{"": ["", "a comment"]})  # a column without a header
    sheet.to_excel(data / "raw" / "self_assessment" / "commented.xlsx", index=False)
    frame = rows.read_export(data / "raw" / "self_assessment" / "commented.xlsx", data / "raw", ingest.REQUIRED_COLUMNS)
    assert frame["source_row"].tolist() == [2, 3] and frame[rows.EXTRA_FIELDS].tolist() == ["", "a comment"]
    assert [reasons_of(r) for r in frame.to_dict("records")] == [[], ["too_many_fields"]]


def reasons_of(row: dict) -> list[str]:
    """Return the reasons screen_row gives a row read from an export."""
    return [p[2] for p in rows.screen_row(row, ingest.REQUIRED_COLUMNS)]


@pytest.mark.parametrize("column, limit", [("notes", 2000), ("ta_providers", 2000), ("state", 200), ("ta_forms", 1000)])
def test_a_value_longer_than_its_column_allows_is_rejected_naming_the_column_and_the_limit(column, limit):
    assert schema.limit_of(column) == limit
    assert reasons_of(make_row(**{column: "x" * limit})) == []  # at the limit: read (and then checked as usual)
    problems = rows.screen_row(make_row(**{column: "x" * (limit + 1)}), ingest.REQUIRED_COLUMNS)
    assert problems == [
        (column, "x" * rows.SHOWN_CHARACTERS + "...", "too_long", f"{limit + 1:,} characters; the limit for {column} is {limit:,}")
    ]


def test_too_long_values_are_rejected_in_exports_activity_tables_and_review_files(tmp_path):
    activity = "A9,UNODC,UN,national,Kenya,5,legal_advice,2008-01-01,,ongoing,,," + "s" * 2001
    recommendation = "GRECO,France,round-5,G5-FRA-9,2017-10-20," + "t" * 4001 + ",5,integrity,,2019-04-20,x"
    long_field = "y" * 200_000  # beyond the csv module's own field limit (131,072): still this row alone
    rejects, recon = ingest_with(
        tmp_path,
        {
            "self_assessment/long.csv": f"{HEADER}\nSenegal,2009-07-15,sa-2008,5,Yes,No,,,,{long_field}\nSenegal,2009-07-15,sa-2008,15,Yes,No,,,,ok\n",  # noqa: E501 (two rows of an export)
            "ta_activities/long.csv": ",".join(__import__("lib.io.supply", fromlist=["x"]).ACTIVITY_COLUMNS) + "\n" + activity + "\n",
            "peer_review/long_recommendations.csv": "mechanism,state,round,recommendation_id,adopted_on,text,articles,themes,criteria,"
            "follow_up_due,source\n" + recommendation + "\n",
        },
    )
    found = rejects[rejects["reason_code"] == "too_long"].set_index("source_file")
    assert found.loc["self_assessment/long.csv", "reason"].endswith("(200,000 characters; the limit for notes is 2,000)")
    assert found.loc["ta_activities/long.csv", "reason"].endswith("(2,001 characters; the limit for source is 2,000)")
    assert found.loc["peer_review/long_recommendations.csv", "column"] == "text"
    assert recon.loc["self_assessment/long.csv", ["rows_read_n", "rows_accepted_n", "rows_rejected_n"]].tolist() == ["2", "1", "1"]


def test_a_file_with_only_a_header_is_listed_in_the_reconciliation_with_no_rows(tmp_path):
    from lib.io import reviews, supply

    rejects, recon = ingest_with(
        tmp_path,
        {
            "self_assessment/empty_export.csv": HEADER + "\n",
            "ta_activities/empty_activities.csv": ",".join(supply.ACTIVITY_COLUMNS) + "\n",
            "peer_review/empty_calendar.csv": ",".join(reviews.CALENDAR_COLUMNS) + "\n",
        },
    )
    for name in ("self_assessment/empty_export.csv", "ta_activities/empty_activities.csv", "peer_review/empty_calendar.csv"):
        assert recon.loc[name, ["rows_read_n", "rows_accepted_n", "rows_superseded_n", "rows_rejected_n", "is_reconciled"]].tolist() == [
            "0",
            "0",
            "0",
            "0",
            "True",
        ], name
    assert recon.loc["all files", "rows_read_n"] == "84"  # the fixture's rows, unchanged
