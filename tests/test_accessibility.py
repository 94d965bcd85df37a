"""Accessibility: axe-core finds no violation of WCAG 2.1 AA on one page of every kind, in headless Chromium, offline."""

import pytest
from browser import Browser, as_url, ensure_axe, ensure_chromium

pytestmark = pytest.mark.integration

# One page of every kind the site has (the fixture's build): the index, the provenance page and one report of each notebook.
PAGES = [
    "index.html",
    "provenance.html",
    "background_paper--wg-ta-2009-09.html",
    "regional_needs--AFR--wg-ta-2009-09.html",
    "ta_matrix--ALL--wg-ta-2009-09.html",
    "expert_pool--wg-ta-2009-09.html",
    "country_brief--SEN--wg-ta-2009-09.html",
    "recommendations_followup--all--all.html",
    "review_coordination--2019.html",
]


@pytest.fixture(scope="module")
def audit():
    """A headless Chromium with axe-core's script (both installed from Debian's and npm's packages when missing)."""
    script = ensure_axe().read_text(encoding="utf-8")
    page = Browser(ensure_chromium())
    yield page, script
    page.close()


@pytest.mark.parametrize("name", PAGES)
def test_no_wcag_aa_violation(built, audit, name):
    _, reports, _ = built
    page, script = audit
    assert (reports / name).is_file(), f"{name} is not in the build: update PAGES"
    page.open(as_url(reports / name))
    violations = page.check_accessibility(script)
    assert violations == [], "\n".join(f"{v['id']} ({v['impact']}): {v['help']}: {v['nodes'][:3]}" for v in violations)
    assert [u for u in page.requested_urls() if not u.startswith(("file:", "data:"))] == []


def test_the_map_is_shown_with_its_reading_as_alt_text(built, audit):
    _, reports, _ = built
    page, _ = audit
    page.open(as_url(reports / "background_paper--wg-ta-2009-09.html"))
    alt = page.evaluate("Array.from(document.images).map(i => i.alt).find(a => a.startsWith('World map')) || ''")
    # the fixture at the 2009 cut-off (tests/fixtures/README.md): 6 States parties, 5 responded; Nigeria and Senegal have
    # one unmet need each in the matrix (tests/test_matrix.py), the other respondents none
    assert "six States parties" in alt and "five responded (83 per cent)" in alt and "the most in Nigeria and Senegal (one)" in alt
