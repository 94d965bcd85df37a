"""The reports index as a reviewer uses it: in a real headless Chromium, from disk, offline."""

import shutil

import pytest
from browser import Browser, as_url, ensure_chromium

from conftest import run_make

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def browser():
    """A headless Chromium (installed from Debian's packages when missing and possible)."""
    page = Browser(ensure_chromium())
    yield page
    page.close()


def visible_cells(browser, column):
    """Return one column of the States table's visible rows."""
    return browser.evaluate(
        f"Array.from(document.querySelectorAll('#states tbody tr')).filter(r => !r.hidden).map(r => r.cells[{column}].textContent)"
    )


def type_filter(browser, text):
    """Type into the filter box as a user would (input event)."""
    browser.evaluate(
        f"(() => {{ const i = document.getElementById('state-filter'); i.value = {text!r}; "
        "i.dispatchEvent(new Event('input', {bubbles: true})); return 0; })()"
    )


def test_reviewer_filters_sorts_and_opens_a_brief(built, browser):
    _, reports, _ = built
    browser.open(as_url(reports / "index.html"))
    assert browser.evaluate("document.getElementById('state-count').textContent") == "6 of 6 briefs"  # the latest meeting's six
    type_filter(browser, "keny")
    assert visible_cells(browser, 0) == ["Kenya"]
    assert browser.evaluate("document.getElementById('state-count').textContent") == "1 of 6 briefs"
    type_filter(browser, "")
    browser.evaluate("(() => { const h = document.querySelectorAll('#states th')[1]; h.click(); h.click(); return 0; })()")
    codes = visible_cells(browser, 1)
    assert codes == sorted(codes, reverse=True) and len(codes) == 6
    type_filter(browser, "senegal")
    browser.evaluate("(() => { document.querySelector('#states tbody tr:not([hidden]) a').click(); return 0; })()")
    browser.wait_for("Page.loadEventFired")
    assert browser.evaluate("location.pathname").endswith("/country_brief--SEN--wg-ta-2009-09.html")
    text = browser.evaluate("document.body.innerText")
    assert "Senegal" in text and "Regional context" in text
    assert browser.evaluate("Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)")
    assert [u for u in browser.requested_urls() if not u.startswith(("file:", "data:"))] == []
    assert browser.console_errors() == []


def click(browser, selector):
    """Click the first element matching a CSS selector, as a reader would, and wait for the page it opens."""
    browser.evaluate(f"(() => {{ document.querySelector({selector!r}).click(); return 0; }})()")
    browser.wait_for("Page.loadEventFired")


def assert_offline_and_clean(browser):
    """Nothing was fetched from the network and nothing failed in the page."""
    assert [u for u in browser.requested_urls() if not u.startswith(("file:", "data:"))] == []
    assert browser.console_errors() == []


def test_index_opens_on_the_latest_meeting(built, browser):
    _, reports, _ = built
    browser.open(as_url(reports / "index.html"))
    sections = browser.evaluate("Array.from(document.querySelectorAll('section')).map(s => s.id)")
    assert sections == ["meeting-wg-ta-2009-09", "meeting-wg-ta-2008-12", "peer-review"]
    first = "document.querySelector('section')"
    links = browser.evaluate(f"Array.from({first}.querySelectorAll('ul.reports li > a:first-child')).map(a => a.getAttribute('href'))")
    assert links[0] == "background_paper--wg-ta-2009-09.html" and links[1].startswith("regional_needs--")
    assert browser.evaluate(f"{first}.contains(document.getElementById('states'))")  # the States table under the latest meeting
    headline = browser.evaluate(f"{first}.querySelector('ul.headline').innerText")
    assert "Response:" in headline and "Most requested forms of assistance:" in headline
    assert "Needs not covered by any known activity:" in headline
    assert_offline_and_clean(browser)


def test_a_report_links_back_and_to_its_related_reports(built, browser):
    _, reports, _ = built
    browser.open(as_url(reports / "regional_needs--AFR--wg-ta-2009-09.html"))
    related = browser.evaluate("Array.from(document.querySelectorAll('nav .uncac-related a')).map(a => a.getAttribute('href'))")
    # the AFR analysis of 2009: its background paper and the briefs of the group's States of that meeting
    assert related == [
        "background_paper--wg-ta-2009-09.html",
        "country_brief--KEN--wg-ta-2009-09.html",
        "country_brief--NGA--wg-ta-2009-09.html",
        "country_brief--SEN--wg-ta-2009-09.html",
    ]
    downloads = browser.evaluate("Array.from(document.querySelectorAll('nav .uncac-downloads a')).map(a => a.getAttribute('href'))")
    assert "regional_needs--AFR--wg-ta-2009-09.docx" in downloads and all((reports / d).is_file() for d in downloads)
    click(browser, "nav .uncac-related a")
    assert browser.evaluate("location.pathname").endswith("/background_paper--wg-ta-2009-09.html")
    toc = browser.evaluate("Array.from(document.querySelectorAll('nav .uncac-toc a')).map(a => a.getAttribute('href'))")
    assert len(toc) >= 4 and browser.evaluate(f"{toc!r}.every(h => document.getElementById(h.slice(1)) !== null)")
    assert browser.evaluate("document.querySelector('nav .uncac-toc a').textContent") == "Summary"
    previous = "nav .uncac-related a[href='background_paper--wg-ta-2008-12.html']"
    assert browser.evaluate(f"document.querySelector({previous!r}) !== null")  # each meeting's paper links the previous one
    click(browser, "nav a[href='index.html']")
    assert browser.evaluate("location.pathname").endswith("/index.html")
    assert_offline_and_clean(browser)


def search_for(browser, text):
    """Type a query into the search box; return the links of the results."""
    type_into = (
        f"(() => {{ const i = document.getElementById('search-box'); i.value = {text!r}; "
        "i.dispatchEvent(new Event('input', {bubbles: true})); return 0; })()"
    )
    browser.evaluate(type_into)
    return browser.evaluate("Array.from(document.querySelectorAll('#search-results a')).map(a => a.getAttribute('href'))")


def test_search_finds_a_states_brief_and_an_article(built, browser):
    _, reports, _ = built
    browser.open(as_url(reports / "index.html"))
    click(browser, "a[href='search.html']")
    senegal = search_for(browser, "senegal")  # its brief, and the papers that name it (Annex I lists the respondents)
    assert senegal[-1] == "country_brief--SEN--wg-ta-2009-09.html" and "background_paper--wg-ta-2009-09.html" in senegal
    assert not any(r.startswith("country_brief--") and "SEN" not in r for r in senegal)  # no other State's brief
    kenya = search_for(browser, "kenya 2009")
    assert "country_brief--KEN--wg-ta-2009-09.html" in kenya and "country_brief--KEN--wg-ta-2008-12.html" not in kenya
    found = search_for(browser, "article 46")  # in the fixture's checklist: every paper and brief has a row for it
    assert found[0] == "background_paper--wg-ta-2009-09.html" and "country_brief--KEN--wg-ta-2009-09.html" in found
    assert search_for(browser, "article 4") == []  # a whole number: not article 46
    assert search_for(browser, "article 99") == []
    assert_offline_and_clean(browser)


def test_what_changed_after_one_state_changes(built, browser, tmp_path):
    data, reports, _ = built
    copy = tmp_path / "copy"  # a copy of the built folders (times kept: make sees them up to date), changed and rebuilt
    shutil.copytree(data, copy / "data")
    shutil.copytree(reports, copy / "reports")
    shutil.copytree(reports.with_name(reports.name + ".work"), copy / "reports.work")
    export = copy / "data" / "raw" / "self_assessment" / "export_2009-09.csv"
    export.write_bytes(export.read_bytes().replace("Rédaction de textes législatifs; legal_advice".encode(), b"legal_advice"))
    result = run_make(copy / "data", copy / "reports")
    assert result.returncode == 0, result.stderr
    browser.open(as_url(copy / "reports" / "changes.html"))
    changed = browser.evaluate("Array.from(document.querySelectorAll('#changed-reports a')).map(a => a.getAttribute('href'))")
    listed = browser.evaluate("Array.from(document.querySelectorAll('a')).map(a => a.getAttribute('href'))")
    # Senegal (AFR) answered differently in 2009: its brief and the 2009 aggregates changed; the briefs of the other
    # groups' States were not rebuilt, and the 2008 reports, rebuilt with the new data, kept every figure
    assert "country_brief--SEN--wg-ta-2009-09.html" in changed
    assert {"background_paper--wg-ta-2009-09.html", "regional_needs--AFR--wg-ta-2009-09.html", "ta_matrix--ALL--wg-ta-2009-09.html"} <= set(
        changed
    )
    assert not [h for h in changed if "2008-12" in h]
    assert not [h for h in listed if any(f"--{c}--" in h for c in ("FRA", "DEU", "EUU"))]
    assert browser.evaluate("document.body.innerText").count("->") >= 1 and "Before" in browser.evaluate("document.body.innerText")
    assert_offline_and_clean(browser)
