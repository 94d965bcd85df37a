"""The reports index as a reviewer uses it: in a real headless Chromium, from disk, offline."""

import pytest
from browser import Browser, as_url, ensure_chromium

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
    assert browser.evaluate("document.getElementById('state-count').textContent") == "10 of 10 briefs"
    type_filter(browser, "keny")
    assert visible_cells(browser, 0) == ["Kenya", "Kenya"]
    assert browser.evaluate("document.getElementById('state-count').textContent") == "2 of 10 briefs"
    type_filter(browser, "")
    browser.evaluate("(() => { const h = document.querySelectorAll('#states th')[1]; h.click(); h.click(); return 0; })()")
    codes = visible_cells(browser, 1)
    assert codes == sorted(codes, reverse=True) and len(codes) == 10
    type_filter(browser, "senegal")
    browser.evaluate("(() => { document.querySelector('#states tbody tr:not([hidden]) a').click(); return 0; })()")
    browser.wait_for("Page.loadEventFired")
    assert browser.evaluate("location.pathname").endswith("/country_brief--SEN--wg-ta-2009-09.html")
    text = browser.evaluate("document.body.innerText")
    assert "Senegal" in text and "Regional context" in text
    assert browser.evaluate("Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)")
    assert [u for u in browser.requested_urls() if not u.startswith(("file:", "data:"))] == []
    assert browser.console_errors() == []
