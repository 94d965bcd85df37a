"""Public builds: small cells suppressed with the cells that would reveal them, no State-level table, no free text,
a country brief only with recorded consent. Hand-computed on tiny frames and on the fixture (tests/fixtures/README.md)."""

import csv
import re
from pathlib import Path

import docx
import pandas as pd
import pytest
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from poppler import ensure_poppler, read_pages
from readback import check_documents

from conftest import ROOT, copy_fixture, run_make
from lib.analysis import audit
from lib.io import builds
from lib.model import disclosure
from lib.pipeline import plan

S = disclosure.SUPPRESSED


def test_tables_not_declared_publishable_are_withheld_and_free_text_dropped():
    frame = pd.DataFrame({"provision": ["5"], "providers_reported": ["UNODC"]})
    assert disclosure.select_public_columns(frame, "states_by_response") is None
    assert disclosure.select_public_columns(frame, "a_new_table") is None
    assert list(disclosure.select_public_columns(frame, "profile").columns) == ["provision"]
    with pytest.raises(ValueError, match="Unknown build"):
        disclosure.check_build("secret")
    assert "top_forms" not in disclosure.select_public_columns(pd.DataFrame({"rank": [1], "top_forms": ["x"]}), "priority_needs")


def test_public_plan_has_no_matrix_and_briefs_only_with_consent(fixture_data_dir):
    raw = Path(fixture_data_dir) / "raw"
    public, restricted = plan.list_reports(raw, "public"), plan.list_reports(raw)
    assert not any(r.startswith("ta_matrix") for r in public)
    assert sorted(r for r in public if r.startswith("country_brief")) == [
        "country_brief--KEN--wg-ta-2008-12",
        "country_brief--KEN--wg-ta-2009-09",
    ]
    assert any(r.startswith("country_brief--NGA") for r in restricted)  # Nigeria declined: restricted only


def write_consents(tmp_path: Path, *records: str) -> Path:
    """Write a publication_consent.csv of the given records (state,answer,day) into a raw folder; return the raw folder."""
    ref = tmp_path / "raw" / "reference"
    ref.mkdir(parents=True)
    lines = ["state_code,consent_to_publish,recorded_on,reference,source", *(f"{r},ref,test" for r in records)]
    (ref / builds.CONSENT_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path / "raw"


@pytest.mark.parametrize(
    "records, consenting",
    [
        (["KEN,yes,2009-08-01", "KEN,no,2009-10-01"], set()),  # a later 'no' withdraws the consent
        (["KEN,no,2009-08-01", "KEN,yes,2009-10-01"], {"KEN"}),  # a later 'yes' gives it
        (["KEN,no,2009-10-01", "KEN,yes,2009-08-01"], set()),  # the file's order does not matter, the dates do
        (["KEN,yes,2009-10-01", "KEN,no,2009-10-01"], set()),  # one day, two answers: the cautious 'no'
        (["KEN,no,2009-10-01", "KEN,yes,2009-10-01"], set()),
        (["KEN,yes,2009-08-01", "NGA,yes,2009-08-01", "NGA,no,2010-01-05", "KEN,Yes,2009-09-01"], {"KEN"}),
    ],
)
def test_the_latest_consent_record_of_each_state_decides(tmp_path, records, consenting):
    assert plan.read_consents(write_consents(tmp_path, *records)) == consenting


@pytest.mark.parametrize(
    "record, message",
    [
        ("KEN,yes,", "publication_consent.csv row 3 (KEN) has no date in recorded_on: write the day"),
        ("KEN,yes,01/08/2009", "row 3 (KEN) has the date '01/08/2009' in recorded_on"),
        ("KEN,yes,2009-02-30", "the date '2009-02-30'"),
        ("KEN,maybe,2009-08-01", "row 3 (KEN) has 'maybe' in consent_to_publish: write yes or no."),
        ("KEN,,2009-08-01", "has no answer in consent_to_publish"),
    ],
)
def test_an_unreadable_consent_record_stops_with_one_sentence(tmp_path, capsys, record, message):
    raw = write_consents(tmp_path, "NGA,yes,2009-08-01", record)
    with pytest.raises(plan.ConsentError, match=re.escape(message)):
        plan.read_consents(raw)
    assert plan.main(["list", str(raw), "--build", "public"]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


@pytest.fixture(scope="module")
def public(tmp_path_factory, built):
    """The fixture built with BUILD=public, beside the restricted build of conftest's `built`."""
    base = tmp_path_factory.mktemp("public")
    data = copy_fixture(base / "data")
    result = run_make(data, base / "reports", "-j2", "BUILD=public")
    assert result.returncode == 0, result.stdout + result.stderr
    return data, base / "reports"


def read_rows(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def has_poppler() -> bool:
    """Return whether Poppler's pdftotext can read the PDFs (installed by the test set-up where it can be)."""
    try:
        ensure_poppler()
    except RuntimeError:
        return False
    return True


def outputs(reports):
    """Return every published file a reader can open: pages, CSVs and the documents (Word; PDF when it can be read)."""
    suffixes = (".html", ".csv", ".docx") + ((".pdf",) if has_poppler() else ())
    return [p for p in reports.rglob("*") if p.suffix in suffixes and "_failed" not in p.parts]


ANNEX_I = "States parties that responded, by regional group"  # Annex I: who responded is public (docs/disclosure.md)


def drop_annex_i(text: str) -> str:
    """Return a document's text without Annex I, the list of the responding States (public by decision, as in the
    papers the secretariat issued), up to the next annex."""
    return re.sub(rf"{ANNEX_I}.*?(Annex II|$)", r"\1", text, flags=re.DOTALL)


def read_text(path):
    """Return a page's text without its embedded images (base64 can spell anything), its glossary (which explains the
    code EUU: documentation, not anybody's answer) and Annex I (who responded: public); a document's text as a reader
    sees it."""
    if path.name == "glossary.csv":
        return ""
    if path.suffix == ".docx":
        document = docx.Document(path)
        return drop_annex_i("\n".join(Paragraph(e, document).text for e in document.element.body.iter(qn("w:p"))))
    if path.suffix == ".pdf":
        return drop_annex_i("\n".join(read_pages(path)))
    text = re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "", path.read_text(encoding="utf-8"))
    return drop_annex_i(re.sub(r'<table class="uncac-table" data-csv="glossary.csv">.*?</table>', "", text, flags=re.DOTALL))


# States of the fixture that gave no consent, with the names their exports use (tests/fixtures/README.md)
NON_CONSENTING = {
    "NGA": ["Nigeria"],
    "SEN": ["Senegal", "Sénégal"],
    "FRA": ["France"],
    "NOR": ["Norway"],
    "EUU": ["European Union", "European Community", "Unión Europea"],
    "DEU": ["Germany", "Allemagne"],
}


def test_no_public_output_names_a_state_without_consent(public):
    _, reports = public
    for path in outputs(reports):
        text = read_text(path)
        for code, names in NON_CONSENTING.items():
            assert not re.search(rf"\b{code}\b", text), (path.name, code)
            for name in names:
                assert name not in text, (path.name, name)
        if "country_brief--KEN" not in str(path) and path.name not in (
            "index.html",
            "index.csv",
            "provenance.html",
            "search.html",
            "changes.html",
        ):
            assert "Kenya" not in text and not re.search(r"\bKEN\b", text), path.name


def test_no_public_output_holds_free_text(public):
    data, reports = public
    answers = pd.read_parquet(Path(data) / "processed" / "sa_answers.parquet")
    free = {v.strip() for col in ("ta_providers_text", "notes") if col in answers for v in answers[col].dropna() if v.strip()}
    assert any("alert" in v for v in free)  # the fixture's injection attempt is among them
    # providers of the supply data are public (donors' own activity reports): a brief may name them as such
    suppliers = set(pd.read_parquet(Path(data) / "processed" / "ta_activities.parquet")["provider"])
    for path in outputs(reports):
        text = read_text(path)
        assert "alert(" not in text and "check</b>" not in text and "&lt;b&gt;check" not in text, path.name
        for value in free:
            for piece in filter(None, (p.strip() for p in value.split(";"))):
                if piece not in suppliers:
                    assert piece not in text, (path.name, piece)


def test_the_audit_finds_no_count_of_one_or_two_states_in_the_public_build(public):
    # every figure the build publishes, read back from its CSV files and attacked as an integer programme
    data, reports = public
    findings = audit.audit_build(reports, data)
    assert len(findings) and not findings["is_disclosed"].any(), findings[findings["is_disclosed"]]


def test_no_public_file_holds_a_path_a_data_folder_or_a_raw_file_name(public):
    data, reports = public
    # the exports and other confidential inputs (the reference tables are public, and ship with the repository)
    raw_names = {p.name for p in (data / "raw").rglob("*") if p.is_file() and p.parent.name != "reference"} - {"SYNTHETIC_SAMPLE.md"}
    files = [p for p in reports.rglob("*") if p.is_file()]
    assert not [p for p in files if p.suffix == ".ipynb"] and not (reports / "_failed").exists() and not (reports / ".tmp").exists()
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        for forbidden in (str(data), str(data.parent), str(ROOT), data.parent.name, *raw_names):
            assert forbidden not in text, (path.relative_to(reports), forbidden)
    recon = read_rows(reports / "background_paper--wg-ta-2009-09" / "reconciliation.csv")
    assert {r["source_file"] for r in recon} == {
        "self-assessment export 1 of 2",
        "self-assessment export 2 of 2",
        "all self-assessment reports",
    }


def test_public_figures_by_hand(public, built):
    _, reports = public
    paper = reports / "background_paper--wg-ta-2009-09"
    # September 2009: who responded is public (Annex I names them): AFR 3 of 3, WEOG 1 of 2 (France), NONE 1 of 1
    resp = {r["group_code"]: (r["parties_n"], r["responding_parties_n"]) for r in read_rows(paper / "response_by_group.csv")}
    assert resp == {"AFR": ("3", "3"), "WEOG": ("2", "1"), "NONE": ("1", "1"), "ALL": ("6", "5")}
    # article 46(9): one party partly compliant, Kenya, whose brief says so: 0 others, published; none is 0 (a zero
    # discloses no State); no answer is 1 (Nigeria): suppressed, and full compliance (3: the European Community, France,
    # Senegal) with it, since the four answers add up to the 5 respondents (the shares go with their counts)
    comp = {r["provision"]: r for r in read_rows(paper / "compliance_by_article.csv")}
    assert (comp["46(9)"]["partial_n"], comp["46(9)"]["none_n"], comp["46(9)"]["full_n"], comp["46(9)"]["full_pct"]) == ("1", "0", S, S)
    kenya = {r["provision"]: r for r in read_rows(reports / "country_brief--KEN--wg-ta-2009-09" / "profile.csv")}
    assert (kenya["46(9)"]["compliance"], kenya["46(9)"]["ta_needed"], kenya["46(9)"]["ta_provided"]) == ("partly compliant", "yes", "yes")
    assert comp["46(9)"]["no_answer_n"] == S
    needs_ = {r["provision"]: r for r in read_rows(paper / "ta_needs_by_article.csv")}
    assert needs_["46(9)"]["unmet_n"] == "0"  # Kenya's need is met (its brief); no other State needs TA there
    # the restricted build of the same data shows every figure
    _, restricted, _ = built
    full = {r["provision"]: r for r in read_rows(restricted / "background_paper--wg-ta-2009-09" / "compliance_by_article.csv")}
    assert [full["5"][c] for c in ("full_n", "partial_n", "none_n")] == ["2", "2", "1"]


def test_public_pages_state_the_rule_and_hold_no_matrix_nor_state_table(public):
    _, reports = public
    page = (reports / "background_paper--wg-ta-2009-09.html").read_text(encoding="utf-8")
    assert "a figure counting fewer than 3 States parties is suppressed" in page and "not published" in page
    # no sentence counts one or two States' answers; who responded is public (Annex I): the response paragraph may
    text = drop_annex_i(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))
    text = re.sub(r"one State that was not a party at that date submitted a self-assessment", "", text)
    assert not re.search(r"\b(one|two|1|2) (State|States|State party|States parties)\b", text)
    assert not list(reports.glob("ta_matrix*")) and not (reports / "background_paper--wg-ta-2009-09" / "non_party_respondents.csv").exists()
    assert not (reports / "background_paper--wg-ta-2009-09" / "ta_providers.csv").exists()
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert "Public version" in index and "country_brief--KEN--wg-ta-2009-09.html" in index
    profile = read_rows(reports / "country_brief--KEN--wg-ta-2009-09" / "profile.csv")
    assert "providers_reported" not in profile[0]
    context = read_rows(reports / "country_brief--KEN--wg-ta-2009-09" / "regional_context.csv")
    assert {r["group_full_pct"] for r in context} == {S}  # 3 AFR respondents: without Kenya, only 2 others


def test_builds_never_share_a_folder_and_withdrawn_consent_removes_the_brief(public):
    data, reports = public
    result = run_make(data, reports, "BUILD=restricted")
    assert result.returncode != 0 and "holds a public build" in result.stdout + result.stderr
    consent = Path(data) / "raw" / "reference" / "publication_consent.csv"  # a dated history: a later 'no' withdraws
    consent.write_text(
        consent.read_text(encoding="utf-8") + "KEN,no,2009-10-01,fixture-3,test fixture: consent withdrawn\n", encoding="utf-8"
    )
    result = run_make(data, reports, "BUILD=public")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not list(reports.glob("country_brief--*")) and "removed country_brief--KEN" in result.stdout


PERSONAL = [
    "Fictiva",
    "fictiva",
    "Notreal",
    "ada@example.org",
    "bo@example.org",
    "1970-01-01",
    "+00 555",
]  # tests/fixtures/data/raw/experts


def test_no_public_output_holds_personal_data_of_experts(public, built):
    _, reports = public
    assert (reports / "expert_pool--wg-ta-2009-09.html").is_file()  # the pool is published, as counts
    for path in outputs(reports):
        text = read_text(path)
        for value in PERSONAL:
            assert value not in text, (path.name, value)
    # the restricted build names the experts proposed, and gives a contact only with the expert's consent
    _, restricted, _ = built
    pages = " ".join(read_text(p) for p in outputs(restricted))
    assert "fictiva" in pages.lower() or "notreal" in pages.lower()
    assert "ada@example.org" not in pages  # Ada's latest CV withholds consent


def test_public_documents_are_of_general_distribution_and_only_of_published_reports(public):
    _, reports = public
    documents = sorted(reports.glob("*.docx")) + sorted(reports.glob("*.pdf"))
    assert {p.stem for p in reports.glob("*.docx")} == {
        p.stem for p in reports.glob("*.html") if p.stem.startswith(("background_", "regional_"))
    }
    for path in documents:
        assert path.with_suffix(".html").is_file(), path.name  # a document only beside a published page
    for path in reports.glob("*.docx"):
        text = read_text(path)
        assert "Distr.: General" in text and "Restricted" not in text, path.name


def test_public_documents_pass_the_editorial_checks(public):
    """The public version reads as a document: the same checks as the restricted build's (tests/readback.py)."""
    _, reports = public
    assert check_documents(reports) == []
