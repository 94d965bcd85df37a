"""The documents in French and Spanish, built from the same execution as the English ones: each page in its language,
the same figures, no English left in the text, and a French brief that still prints on two pages."""

import csv
import re
import subprocess
from collections import Counter
from html import unescape
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from conftest import ROOT, copy_fixture
from lib.io.ingest import SYNTHETIC_MARKER
from lib.present.i18n import LOCALES_DIR

LANGUAGES = ["fr", "es"]
REPORTS = ["background_paper--wg-ta-2009-09", "regional_needs--AFR--wg-ta-2009-09", "country_brief--KEN--wg-ta-2009-09"]


@pytest.fixture(scope="module")
def built_languages(tmp_path_factory):
    """Three reports of the fixture built in English, French and Spanish (make report, LANGUAGES="en fr es")."""
    base = tmp_path_factory.mktemp("languages")
    data = copy_fixture(base / "data")
    (data / "raw" / "self_assessment" / SYNTHETIC_MARKER).write_text("# Synthetic test fixture\n", encoding="utf-8")
    for report_id in REPORTS:
        result = subprocess.run(
            [
                "make",
                "--no-print-directory",
                "report",
                f"ID={report_id}",
                f"DATA_DIR={data}",
                f"REPORTS_DIR={base / 'reports'}",
                "LANGUAGES=en fr es",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stdout + result.stderr
    return data, base / "reports"


def read_main(page: Path) -> str:
    """Return the text of a page's document (its <main> without the navigation), tags removed."""
    html = page.read_text(encoding="utf-8")
    main = html[html.find("<main>") : html.find("</main>")]
    main = re.sub(r"<nav\b.*?</nav>", " ", main, flags=re.S)
    main = re.sub(r"<(script|style)\b.*?</\1>", " ", main, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", " ", main))


def list_figures(text: str) -> Counter:
    """Return the figures a text states from 10 up and every decimal, whatever the locale writes them as ('1 234,5' and
    '1,234.5' are 1234.5); a count below 10 is written in words or in figures as each language's style wants."""
    text = re.sub(r"(?<=\d)[\u202f\u00a0 ](?=\d{3}\b)", "", text)  # French and Spanish digit groups
    found = Counter()
    for token in re.findall(r"\d[\d.,]*\d|\d", text):
        if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", token):  # English thousands
            token = token.replace(",", "")
        elif re.fullmatch(r"\d+,\d+", token):  # a decimal comma
            token = token.replace(",", ".")
        elif re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?", token):  # Spanish-style groups with a point
            token = token.replace(".", "").replace(",", ".")
        token = token.rstrip(".")
        if "." in token or int(token) >= 10:
            found[token] += 1
    return found


def test_each_report_has_its_page_and_documents_in_each_language(built_languages):
    _data, reports = built_languages
    for report_id in REPORTS:
        for language in LANGUAGES:
            page = reports / f"{report_id}.{language}.html"
            assert page.is_file(), page
            html = page.read_text(encoding="utf-8")
            assert f'<html lang="{language}" dir="ltr">' in html
            assert f'href="{report_id}.html" hreflang="en"' in html  # the page links to its other languages
            assert (reports / f"{report_id}.{language}.pdf").is_file()
        english = (reports / f"{report_id}.html").read_text(encoding="utf-8")
        assert f'href="{report_id}.fr.html" hreflang="fr"' in english and f'href="{report_id}.es.html" hreflang="es"' in english
    assert (reports / f"{REPORTS[0]}.fr.docx").is_file() and (reports / f"{REPORTS[0]}.es.docx").is_file()


def test_every_csv_column_is_labelled_in_each_language_and_the_csv_keeps_its_codes(built_languages):
    _data, reports = built_languages
    for report_id in REPORTS:
        folder = reports / report_id
        with (folder / "columns.csv").open(encoding="utf-8", newline="") as handle:
            labels = list(csv.DictReader(handle))
        listed = {(row["file"], row["column"]) for row in labels}
        for table in folder.glob("*.csv"):
            if table.name == "columns.csv":
                continue
            with table.open(encoding="utf-8", newline="") as handle:
                header = next(csv.reader(handle))
            assert {(table.name, column) for column in header} <= listed, table.name  # one set of files, every column listed
        assert all(row["en"] and row["fr"] and row["es"] for row in labels)
        states = [row for row in labels if row["column"] == "state_name"]
        assert all((row["fr"], row["es"]) == ("État", "Estado") for row in states)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("report_id", REPORTS)
def test_the_translations_state_the_same_figures_as_the_english(built_languages, report_id, language):
    # every number of the document, parsed as each locale writes it: dates, counts, shares, table cells, paragraph numbers
    _data, reports = built_languages
    english = list_figures(read_main(reports / f"{report_id}.html"))
    translated = list_figures(read_main(reports / f"{report_id}.{language}.html"))
    assert english == translated, (english - translated, translated - english)


def collect_english_words() -> set[str]:
    """Return the words of the English messages that no translation uses as well (not 'article', 'Distr.', 'Source')."""
    words = lambda text: {w.lower() for w in re.findall(r"[A-Za-z]{4,}", re.sub(r"\{[^}]*\}", " ", text))}  # noqa: E731
    english, translated = set(), set()
    for message in read_po((LOCALES_DIR / "messages.pot").open("rb")):
        for text in [message.id] if isinstance(message.id, str) else message.id:
            english |= words(text)
    for language in LANGUAGES:
        for message in read_po((LOCALES_DIR / language / "LC_MESSAGES" / "messages.po").open("rb"), locale=language):
            for text in [message.string] if isinstance(message.string, str) else message.string:
                translated |= words(text or "")
    return english - translated


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("report_id", REPORTS)
def test_a_translated_document_holds_no_english_word_of_the_messages(built_languages, report_id, language):
    data, reports = built_languages
    text = read_main(reports / f"{report_id}.{language}.html")
    names = " ".join(
        p.read_text(encoding="utf-8")
        for p in (data / "raw" / "reference").glob("*.csv")  # State names, providers, titles: data
    )
    quoted = [*(data / "raw" / "ta_activities").glob("*"), *(data / "raw" / "peer_review").glob("*")]  # providers, the register's texts
    names += " ".join(p.read_text(encoding="utf-8") for p in quoted if p.suffix in (".csv", ".xml", ".md"))
    data_words = {w.lower() for w in re.findall(r"[A-Za-z]{4,}", names)}
    english = collect_english_words() - data_words - {"synthetic", "sample"}  # the sample's banner says so in capitals
    found = sorted({w for w in re.findall(r"[A-Za-z]{4,}", text) if w.lower() in english})
    assert found == [], found[:30]


def test_the_french_brief_still_prints_its_body_on_two_pages(built_languages, poppler):
    _data, reports = built_languages
    pdf = reports / f"{REPORTS[2]}.fr.pdf"
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split("\f")
    first_annex = next(i for i, page in enumerate(pages) if re.search(r"^\s*Annexe I\b", page, flags=re.M))
    assert first_annex <= 2  # pages 1 and 2 hold the body; the annex starts on page 3 at the latest


ARABIC = {  # a partial catalog: what a translator's first pass might hold; the rest reads in English until translated
    "Summary": "موجز",
    "Introduction": "مقدمة",
    "United Nations": "الأمم المتحدة",
    "{value} per cent": "{value} في المائة",
}


@pytest.mark.integration  # builds reports with make
def test_a_language_added_by_a_partial_catalog_builds_its_page_right_to_left(tmp_path):
    # Arabic needs no code: a catalog folder (a copy of the project's plus ar/) is a language the build writes in
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    locales = tmp_path / "locales"
    subprocess.run(["cp", "-r", str(LOCALES_DIR), str(locales)], check=True)
    template = read_po((LOCALES_DIR / "messages.pot").open("rb"))
    catalog = Catalog(locale="ar")
    for message in template:
        if message.id:
            catalog.add(message.id, ARABIC.get(message.id, "") if isinstance(message.id, str) else ("",) * 6, context=message.context)
    (locales / "ar" / "LC_MESSAGES").mkdir(parents=True)
    with (locales / "ar" / "LC_MESSAGES" / "messages.po").open("wb") as f:
        write_po(f, catalog)
    data = copy_fixture(tmp_path / "data")
    reports = tmp_path / "reports"
    result = subprocess.run(
        ["make", "--no-print-directory", "report", f"ID={REPORTS[0]}", f"DATA_DIR={data}", f"REPORTS_DIR={reports}", "LANGUAGES=en ar"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "UNCAC_LOCALES_DIR": str(locales)},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    html = (reports / f"{REPORTS[0]}.ar.html").read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in html
    assert "موجز" in html and "مقدمة" in html and "الأمم المتحدة" in html and "في المائة" in html
    assert "Response to the self-assessment checklist" in html  # an untranslated message reads as written, not blank
