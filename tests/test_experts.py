"""The directory of experts: the CV template, intake with rejects and merged duplicates, the SQLite build and search.

Fixture: tests/fixtures/data/raw/experts (5 CVs + 1 broken file). By hand: 6 read = 2 accepted + 2 merged + 2
rejected. Ada is recommended twice (same name, spaces and case aside, and date of birth): Nigeria's later
recommendation is kept, with the union of areas (5, 15, prevention), languages at their best level (en native,
es basic, fr fluent) and forms, from 1 Jan 2009 (its first recommendation). Bo is recommended twice under two names with one e-mail (case aside): France's
later CV is kept, counted from 1 Dec 2008. Cy's language 'xx' is unknown; broken.json cannot be read.
"""

import shutil
import sqlite3
from datetime import date

import pytest

from conftest import FIXTURE_DATA, ROOT
from lib import cv, experts

TODAY = date(2009, 11, 1)


@pytest.fixture(scope="module")
def directory(tmp_path_factory):
    data = tmp_path_factory.mktemp("experts") / "data"
    shutil.copytree(FIXTURE_DATA / "raw", data / "raw")
    counts = experts.build_directory(data, today=TODAY)
    return data, counts


def test_counts_reconcile_by_hand(directory):
    data, counts = directory
    assert (counts["rows_read_n"], counts["rows_accepted_n"], counts["rows_superseded_n"], counts["rows_rejected_n"]) == (6, 2, 2, 2)
    assert counts["experts"] == 2 and "reconciled" in experts.describe_counts(counts)


def test_rejects_name_file_row_column_value_and_reason(directory):
    data, _ = directory
    import pandas as pd

    rejects = pd.read_csv(data / "processed" / "experts_rejects.csv", keep_default_na=False)
    rows = set(zip(rejects["source_file"], rejects["source_row"], rejects["column"], rejects["value"], rejects["reason"]))
    assert ("cvs.yaml", 5, "languages", "xx", "unknown_language") in rows
    assert any(f == "broken.json" and r == "unreadable_file" for f, _, _, _, r in rows)
    assert ("cvs.yaml", 1, "full_name", "Ada Fictiva", "superseded: merged into cvs.yaml row 2") in rows
    assert ("cvs.yaml", 4, "full_name", "Bo N.", "superseded: merged into cvs.yaml row 3") in rows


def test_duplicates_are_merged_into_the_latest_recommendation(directory):
    data, _ = directory
    con = sqlite3.connect(data / "processed" / experts.DATABASE)
    ada = con.execute("SELECT expert_id, recommended_by_code, recommendations_n, availability, email FROM experts "
                      "WHERE full_name LIKE '%ada%'").fetchone()
    assert ada[1:] == ("NGA", 2, "limited", None)  # the later CV wins, field by field (it gave no e-mail)
    assert sorted(con.execute("SELECT area FROM expert_areas WHERE expert_id = ?", (ada[0],)).fetchall()) == [("15",), ("5",), ("prevention",)]
    assert sorted(con.execute("SELECT language, level FROM expert_languages WHERE expert_id = ?", (ada[0],)).fetchall()) == \
        [("en", "native"), ("es", "basic"), ("fr", "fluent")]
    bo = con.execute("SELECT full_name, recommended_on, group_code FROM experts WHERE email = 'bo@example.org'").fetchone()
    assert bo == ("Bo Notreal", "2009-02-01", "WEOG")


def test_a_merged_expert_keeps_the_date_of_the_first_recommendation(directory):
    # Ada: 1 Jan 2009 (Kenya), then 1 May 2009 (Nigeria, kept); Bo: 1 Dec 2008 as 'Bo N.', then 1 Feb 2009 (kept)
    data, _ = directory
    con = sqlite3.connect(data / "processed" / experts.DATABASE)
    dates = con.execute("SELECT recommended_on, first_recommended_on FROM experts ORDER BY expert_id").fetchall()
    assert dates == [("2009-05-01", "2009-01-01"), ("2009-02-01", "2008-12-01")]


def test_search_by_article_language_and_region(directory):
    data, _ = directory
    con = experts.connect(data)
    assert experts.search_experts(con, article="15")["nationality_code"].tolist() == ["KEN"]
    assert experts.search_experts(con, language="fr")["nationality_code"].tolist() == ["KEN"]
    assert experts.search_experts(con, group_code="WEOG", article="46(9)")["nationality_code"].tolist() == ["FRA"]
    assert experts.search_experts(con, article="15", group_code="WEOG").empty
    with pytest.raises(sqlite3.OperationalError):
        con.execute("DELETE FROM experts")  # read-only: the directory is rebuilt, never edited


def test_command_line_search(directory, capsys):
    data, _ = directory
    assert experts.main(["search", "--data-dir", str(data), "--article", "Art. 15", "--region", "African States"]) == 0
    assert "ada  fictiva" in capsys.readouterr().out  # as the kept (latest) CV spells it


def test_template_round_trip_through_excel(tmp_path, ref_dir):
    from openpyxl import load_workbook

    xlsx, yaml_path = cv.write_template(ref_dir, tmp_path)
    wb = load_workbook(xlsx)
    assert {"CV", "Languages", "Expertise", "Forms", "Lists"} <= set(wb.sheetnames) and wb["Lists"].sheet_state == "hidden"
    assert any(dv.formula1.startswith("Lists!") for dv in wb["CV"].data_validations.dataValidation)
    values = {"full_name": "Dee Inventa", "nationality": "Senegal", "gender": "female", "current_position": "Auditor",
              "institution": "Audit office", "years_experience": 9, "recommended_by": "Senegal", "recommended_on": "2009-04-01",
              "availability": "available", "consent_contact": "no"}
    for row in wb["CV"].iter_rows(min_row=2):
        row[1].value = values.get(row[2].value)
    wb["Languages"].append(["fr", "native"])
    wb["Expertise"].append(["Art. 15"])
    wb["Forms"].append(["legal_advice"])
    wb.save(tmp_path / "filled.xlsx")
    raw = cv.read_cv_file(tmp_path / "filled.xlsx")[0]
    from lib import reference

    clean, problems = cv.check_cv(raw, reference.load_aliases(ref_dir), {"5", "15", "46(9)"}, {"legal_advice"}, TODAY)
    assert problems == [] and clean["nationality_code"] == "SEN" and clean["areas"] == ["15"] and clean["languages"] == [("fr", "native")]
    assert "languages:" in yaml_path.read_text(encoding="utf-8")


def test_committed_template_is_current(tmp_path):
    written = cv.write_template(ROOT / "data" / "raw" / "reference", tmp_path)
    for path in written:
        assert path.read_bytes() == (ROOT / "templates" / "cv" / path.name).read_bytes(), f"run python -m lib.experts template ({path.name})"


def test_a_data_folder_without_cvs_gives_an_empty_directory(tmp_path):
    from lib import pool

    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA / "raw" / "reference", data / "raw" / "reference")
    counts = experts.build_directory(data, today=TODAY)
    assert counts["experts"] == 0 and counts["rows_read_n"] == 0
    assert pool.Pool(data, "2009-09-03").experts.empty
