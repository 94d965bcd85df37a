"""The directory of experts: the CV template, intake with rejects and merged duplicates, the SQLite build and search.

Fixture: tests/fixtures/data/raw/experts (5 CVs + 1 broken file). By hand: 6 read = 2 accepted + 2 merged + 2
rejected. Ada is recommended twice (same name, spaces and case aside, and date of birth): Nigeria's later
recommendation is kept, with the union of areas (5, 15, prevention), languages at their best level (en native,
es basic, fr fluent) and forms, from 1 Jan 2009 (its first recommendation). Bo is recommended twice under two names with one
e-mail (case aside): France's
later CV is kept, counted from 1 Dec 2008. Cy's language 'xx' is unknown; broken.json cannot be read.
"""

import shutil
import sqlite3
from datetime import date

import pytest

from conftest import FIXTURE_DATA, ROOT
from lib.io import cv, experts

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
    rows = set(zip(rejects["source_file"], rejects["source_row"], rejects["column"], rejects["value"], rejects["reason_code"]))
    assert rejects.loc[rejects["reason_code"] == "unknown_language", "reason"].tolist() == [cv.CV_REJECT_REASONS["unknown_language"]]
    assert ("cvs.yaml", 5, "languages", "xx", "unknown_language") in rows
    assert any(f == "broken.json" and r == "unreadable_file" for f, _, _, _, r in rows)
    assert ("cvs.yaml", 1, "full_name", "Ada Fictiva", "merged") in rows and ("cvs.yaml", 4, "full_name", "Bo N.", "merged") in rows
    assert "superseded: merged into cvs.yaml row 2" in set(rejects["reason"])


def test_duplicates_are_merged_into_the_latest_recommendation(directory):
    data, _ = directory
    con = sqlite3.connect(data / "processed" / experts.DATABASE)
    ada = con.execute(
        "SELECT expert_id, recommended_by_code, recommendations_n, availability, email FROM experts WHERE full_name LIKE '%ada%'"
    ).fetchone()
    assert ada[1:] == ("NGA", 2, "limited", None)  # the later CV wins, field by field (it gave no e-mail)
    assert sorted(con.execute("SELECT area FROM expert_areas WHERE expert_id = ?", (ada[0],)).fetchall()) == [
        ("15",),
        ("5",),
        ("prevention",),
    ]
    assert sorted(con.execute("SELECT language, level FROM expert_languages WHERE expert_id = ?", (ada[0],)).fetchall()) == [
        ("en", "native"),
        ("es", "basic"),
        ("fr", "fluent"),
    ]
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
    values = {
        "full_name": "Dee Inventa",
        "nationality": "Senegal",
        "gender": "female",
        "current_position": "Auditor",
        "institution": "Audit office",
        "years_experience": 9,
        "recommended_by": "Senegal",
        "recommended_on": "2009-04-01",
        "availability": "available",
        "consent_contact": "no",
    }
    for row in wb["CV"].iter_rows(min_row=2):
        row[1].value = values.get(row[2].value)
    wb["Languages"].append(["fr", "native"])
    wb["Expertise"].append(["Art. 15"])
    wb["Forms"].append(["legal_advice"])
    wb.save(tmp_path / "filled.xlsx")
    raw = cv.read_cv_file(tmp_path / "filled.xlsx")[0]
    from lib.io import reference

    clean, problems = cv.check_cv(raw, reference.load_aliases(ref_dir), {"5", "15", "46(9)"}, {"legal_advice"}, TODAY)
    assert problems == [] and clean["nationality_code"] == "SEN" and clean["areas"] == ["15"] and clean["languages"] == [("fr", "native")]
    assert "languages:" in yaml_path.read_text(encoding="utf-8")


def test_committed_template_is_current(tmp_path):
    written = cv.write_template(ROOT / "data" / "raw" / "reference", tmp_path)
    for path in written:
        assert path.read_bytes() == (ROOT / "templates" / "cv" / path.name).read_bytes(), (
            f"run python -m lib.io.experts template ({path.name})"
        )


def test_a_data_folder_without_cvs_gives_an_empty_directory(tmp_path):
    from lib.analysis import pool

    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA / "raw" / "reference", data / "raw" / "reference")
    counts = experts.build_directory(data, today=TODAY)
    assert counts["experts"] == 0 and counts["rows_read_n"] == 0
    assert pool.Pool(data, "2009-09-03").experts.empty


BOMB_RUN = """
import json, resource, signal, sys
from datetime import date
# the libraries are loaded; from here on the build may use 300 MB more address space and 2 s (safety bounds, not a speed test)
from lib.io import experts
in_use = int(open("/proc/self/statm").read().split()[0]) * resource.getpagesize()
resource.setrlimit(resource.RLIMIT_AS, (in_use + 300 * 2**20, resource.RLIM_INFINITY))
signal.alarm(2)
print(json.dumps(experts.build_directory(sys.argv[1], today=date(2009, 11, 1))))
"""


def test_an_anchor_bomb_cv_is_rejected_within_300_mb_and_2_s_and_the_other_cvs_load(tmp_path):
    import json
    import subprocess
    import sys

    import pandas as pd

    from lib.pipeline.bench import render_anchor_bomb

    data = tmp_path / "my data"
    shutil.copytree(FIXTURE_DATA / "raw", data / "raw")
    (data / "raw" / "experts" / "anchor_bomb.yaml").write_text(render_anchor_bomb(), encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", BOMB_RUN, str(data)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]  # killed by the alarm (-14) or out of memory otherwise
    counts = json.loads(result.stdout)
    # by hand: the fixture's 6 CVs as before (2 accepted + 2 merged + 2 rejected) and the bomb, rejected whole
    assert (counts["rows_read_n"], counts["rows_accepted_n"], counts["rows_superseded_n"], counts["rows_rejected_n"]) == (7, 2, 2, 3)
    assert counts["experts"] == 2
    rejects = pd.read_csv(data / "processed" / "experts_rejects.csv", keep_default_na=False)
    bomb = rejects[rejects["source_file"] == "anchor_bomb.yaml"]
    assert bomb[["source_row", "reason_code"]].values.tolist() == [[0, "unsafe_file"]]
    assert "with its YAML aliases written out, holds more than 200,000 values" in bomb["value"].iloc[0]


@pytest.mark.parametrize(
    "text, message",
    [
        ("- " + "[" * 25 + "]" * 25 + "\n", "nests values more than 20 levels deep"),
        ("- a\n" * 200_001, "holds more than 200,000 values"),  # within the file size, but more values than any file of CVs
        ("- {}\n" * 5_001, "holds 5,001 CVs, more than the 5,000"),
    ],
)
def test_a_yaml_file_of_cvs_too_large_to_be_real_is_refused_before_it_is_built(tmp_path, text, message):
    path = tmp_path / "cvs.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(cv.UnsafeFile, match=message):
        cv.read_cv_file(path)


def test_a_file_over_the_size_limit_is_refused_unread_and_an_alias_of_a_plain_cv_is_read(tmp_path, monkeypatch):
    big = tmp_path / "big.json"
    big.write_text("[" + " " * cv.MAX_CV_FILE_BYTES + "]", encoding="utf-8")
    with pytest.raises(cv.UnsafeFile, match=f"bytes, more than the {cv.MAX_CV_FILE_BYTES:,} a file of CVs may have"):
        cv.read_cv_file(big)
    # the sample's YAML repeats a list by an alias (yaml.safe_dump writes one for a list shared by two CVs): still read
    shared = tmp_path / "shared.yaml"
    shared.write_text("- {full_name: A, forms: &f [legal_advice]}\n- {full_name: B, forms: *f}\n", encoding="utf-8")
    assert [c["forms"] for c in cv.read_cv_file(shared)] == [["legal_advice"], ["legal_advice"]]
    workbook = ROOT / "templates" / "cv" / "expert_cv_template.xlsx"
    monkeypatch.setattr(cv, "MAX_WORKBOOK_UNPACKED", 1_000)  # a 'zip bomb' is refused by the size it unpacks to
    with pytest.raises(cv.UnsafeFile, match="the workbook unpacks to"):
        cv.read_cv_file(workbook)


@pytest.mark.parametrize(
    "changes, column, value",
    [
        ({"full_name": "x" * 201}, "full_name", "x" * 60 + "... (201 characters; the limit for full_name is 200)"),
        ({"institution": "y" * 501}, "institution", "y" * 60 + "... (501 characters; the limit for institution is 500)"),
        ({"expertise": ["Art. 5"] * 51}, "expertise", "51 items; the limit is 50"),
    ],
)
def test_a_cv_field_or_list_over_its_limit_rejects_the_cv_as_too_long(changes, column, value):
    from lib.io import reference

    good = {
        "full_name": "Dee Inventa",
        "nationality": "Kenya",
        "gender": "female",
        "current_position": "Auditor",
        "institution": "Audit office",
        "years_experience": 9,
        "recommended_by": "Kenya",
        "recommended_on": "2009-04-01",
        "availability": "available",
        "consent_contact": "no",
        "expertise": ["Art. 5"] * 50,
    }  # 50 items: the limit
    aliases = reference.load_aliases(FIXTURE_DATA / "raw" / "reference")
    assert cv.check_cv(good, aliases, {"5"}, set(), TODAY)[1] == []
    assert cv.check_cv({**good, **changes}, aliases, {"5"}, set(), TODAY)[1] == [(column, value, "too_long")]
