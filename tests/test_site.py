"""The reviewers' site on tiny inputs: page navigation, related reports, headline figures, search, what changed."""

import json

from lib.present.changes import choose_key, diff_table, write_changes
from lib.present.index import format_count, read_headline, render_documents, render_index
from lib.present.nav import (
    add_heading_ids,
    find_related,
    list_articles,
    list_csv_articles,
    list_table_captions,
    render_navigation,
    render_toc,
)
from lib.present.search import describe_entry, list_entries, render_search

IDS = [
    "background_paper--m1",
    "background_paper--m2",
    "regional_needs--AFR--m2",
    "regional_needs--WEOG--m2",
    "ta_matrix--ALL--m2",
    "country_brief--KEN--m1",
    "country_brief--KEN--m2",
    "country_brief--SEN--m2",
    "country_brief--FRA--m2",
    "review_coordination--2019",
]
GROUPS = {("KEN", "m1"): "AFR", ("KEN", "m2"): "AFR", ("SEN", "m2"): "AFR", ("FRA", "m2"): "WEOG"}


def test_headings_get_ids_and_a_long_page_gets_contents():
    page = (
        '<main><h2 class="c">I. Intro</h2><h3 id="kept">A. One &amp; two</h3><h3>B. Three</h3>'
        '<h2>II. End<a href="#x">\u00b6</a></h2></main>'
    )
    html, headings = add_heading_ids(page)
    # four headings: the h3 that had an id keeps it, the others are numbered in page order
    assert headings == [
        (2, "section-1", "I. Intro"),
        (3, "kept", "A. One & two"),
        (3, "section-3", "B. Three"),
        (2, "section-4", "II. End"),
    ]
    assert '<h2 class="c" id="section-1">' in html and html.count('id="kept"') == 1
    toc = render_toc(headings)
    assert toc.index('href="#section-1"') < toc.index('<ul><li><a href="#kept">') < toc.index('href="#section-4"')
    assert render_toc(headings[:3]) == ""  # three headings: short page, no contents


def test_captions_and_articles_are_read_from_the_page():
    page = (
        '<table class="t" data-csv="a.csv"><caption><span>Table 1</span>Needs</caption></table><p>Article 5 and articles 15, article 5</p>'
    )
    assert list_table_captions(page) == {"a.csv": "Table 1 Needs"}
    assert list_articles(page) == [5, 15]


def test_related_reports_follow_region_meeting_and_state():
    # a regional analysis: its meeting's paper and its group's briefs of that meeting (not KEN m1, not FRA)
    assert find_related("regional_needs--AFR--m2", IDS, GROUPS, ["m1", "m2"]) == [
        ("background_paper--m2", "the meeting's background paper"),
        ("country_brief--KEN--m2", "country brief of the group"),
        ("country_brief--SEN--m2", "country brief of the group"),
    ]
    # a brief: its region's analysis, its paper, the State's previous brief
    assert [i for i, _ in find_related("country_brief--KEN--m2", IDS, GROUPS, ["m1", "m2"])] == [
        "regional_needs--AFR--m2",
        "background_paper--m2",
        "country_brief--KEN--m1",
    ]
    # the latest paper links the previous one and its meeting's reports (no next meeting, no briefs)
    assert [i for i, _ in find_related("background_paper--m2", IDS, GROUPS, ["m1", "m2"])] == [
        "background_paper--m1",
        "regional_needs--AFR--m2",
        "regional_needs--WEOG--m2",
        "ta_matrix--ALL--m2",
    ]
    assert find_related("background_paper--m1", IDS, GROUPS, ["m1", "m2"])[0] == ("background_paper--m2", "the next meeting's paper")
    assert find_related("review_coordination--2019", IDS, GROUPS, ["m1", "m2"]) == []


def test_navigation_links_back_related_and_downloads_relatively():
    page = '<style>/* <main> */</style><body><main><h2>One</h2><table data-csv="x.csv"><caption>Table 1 X</caption></table></main></body>'
    html = render_navigation(page, "r--m", ["x.csv"], ["r--m.docx", "r--m/w.xlsx"], [("p--m", "Paper", "its paper")])
    nav = html[html.index("<nav") : html.index("</nav>")]
    assert html.index("<main><nav") > html.index("<body")  # in the body's main, not in the stylesheet's comment
    assert 'href="index.html"' in nav and 'href="p--m.html">Paper</a>' in nav
    assert 'href="r--m/x.csv">Table 1 X</a> (CSV)' in nav and ">Word</a>" in nav and ">Excel workbook</a>" in nav
    assert "http" not in nav and "<script" not in html and "Contents" not in nav  # one heading: no contents


def test_diff_table_pairs_rows_on_their_key():
    old = [["group", "form", "n"], ["AFR", "legal", "3"], ["AFR", "drafting", "2"], ["WEOG", "legal", "1"]]
    new = [["group", "form", "n"], ["AFR", "legal", "4"], ["AFR", "drafting", "2"], ["EEG", "legal", "1"]]
    assert choose_key(old[0], old[1:], new[1:]) == 2  # group alone repeats AFR; group and form tell the rows apart
    assert diff_table(old, new) == [
        ("AFR / legal", "n", "3", "4"),
        ("WEOG / legal", "", "WEOG, legal, 1", "(no row)"),
        ("EEG / legal", "", "(no row)", "EEG, legal, 1"),
    ]
    assert diff_table(old, old) == []


def make_report(reports, report_id, notebook, tables, **extra):
    """Write a tiny built report: its page, meta.json and CSV tables."""
    folder = reports / report_id
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in tables.items():
        (folder / name).write_text(text, encoding="utf-8")
    meta = dict(report_id=report_id, notebook=notebook, title=f"T {report_id}", tables=sorted(tables), parameters={}, **extra)
    (folder / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    (reports / f"{report_id}.html").write_text("<p>r</p>", encoding="utf-8")
    return meta


def test_changes_lists_rebuilt_reports_and_changed_figures(tmp_path):
    reports, work = tmp_path / "r", tmp_path / "r.work"
    a = make_report(reports, "a--m", "background_paper", {"t.csv": "k,n\nx,1\ny,2\n"})
    b = make_report(reports, "b--m", "country_brief", {"u.csv": "k,n\nx,5\n"})
    assert write_changes(reports, work, [a, b])  # first run: fills the snapshot
    assert "First build" in (reports / "changes.html").read_text()
    assert not write_changes(reports, work, [a, b])  # nothing rebuilt: nothing written
    a = make_report(reports, "a--m", "background_paper", {"t.csv": "k,n\nx,1\ny,3\n"})
    assert write_changes(reports, work, [a, b])
    page = (reports / "changes.html").read_text()
    changed = page[page.index('id="changed-reports"') : page.index('id="unchanged-reports"')]
    assert "a--m.html" in changed and "(1 figure)" in changed and "b--m" not in page  # b was not rebuilt
    assert "<td>y</td><td>n</td><td class=num>2</td><td class=num>3</td>" in page


def test_headline_figures_are_read_from_the_csvs(tmp_path):
    paper = tmp_path / "background_paper--m"
    paper.mkdir()
    (paper / "response_by_group.csv").write_text(
        "group_code,group_name,parties_n,responding_parties_n,responding_pct\nAFR,A,41,17,41.5\nALL,All,1370,suppressed,suppressed\n"
    )
    (paper / "ta_needs_by_form.csv").write_text(
        "ta_form_code,label,needs_n,states_n,states_pct\nb,Legal advice,9,7,90.9\na,Drafting,3,2,20.0\n"
    )
    lines = read_headline(tmp_path, "m")
    assert lines[0] == "Response: suppressed of 1,370 States parties (suppressed)"  # a public build's suppressed cell reads as such
    # in the paper's order (by requests), each with its requests, States and share, so the order reads from the figures
    forms = (
        "Legal advice (9 requests from 7 States parties, 90.9 per cent of those responding); "
        "Drafting (3 requests from 2 States parties, 20.0 per cent of those responding)"
    )
    assert lines[1] == f"Most requested forms of assistance: {forms}"
    assert len(lines) == 2 and format_count("1039") == "1,039"  # no matrix: no unmet needs line


def test_index_opens_on_the_latest_meeting(tmp_path):
    def meta(report_id, notebook, meeting, start, **params):
        return dict(
            report_id=report_id,
            notebook=notebook,
            title=f"{notebook}, {meeting}",
            meeting_name=meeting,
            meeting_start=start,
            cutoff_date=start,
            parameters=dict(params, meeting_id=meeting) if meeting else params,
        )

    metas = [
        meta("background_paper--m1", "background_paper", "m1", "2008-12-18"),
        meta("background_paper--m2", "background_paper", "m2", "2009-09-03"),
        meta("expert_pool--m2", "expert_pool", "m2", "2009-09-03"),
        meta("review_coordination--2019", "review_coordination", "", "", period="2019"),
    ]
    page = render_index(metas, tmp_path)
    assert page.index("background_paper--m2.html") < page.index("expert_pool--m2.html") < page.index("background_paper--m1.html")
    assert page.index("background_paper--m1.html") < page.index('id="peer-review"') < page.index("<h3>2019</h3>")


def test_search_entries_name_state_articles_and_escape_the_script():
    entry = describe_entry(
        dict(
            report_id="country_brief--KEN--m",
            notebook="country_brief",
            title="Country brief: Kenya</script>",
            parameters={"state_code": "KEN"},
            state_name="Kenya",
            group_name="African States",
            articles=[5, 15],
            headings=["Needs"],
        )
    )
    assert entry["url"] == "country_brief--KEN--m.html" and entry["kind"] == "country brief"
    assert entry["text"] == "Kenya | KEN | African States | article 5 | article 15 | Needs"
    page = render_search([dict(report_id="a", notebook="x", title="</script><b>", parameters={})])
    assert "</script><b>" not in page and "http" not in page


def test_csv_articles_are_read_from_the_provision_column(tmp_path):
    (tmp_path / "a.csv").write_text("provision,n\n5,1\n46(9),2\n,3\n")
    (tmp_path / "b.csv").write_text("article,x\n15,1\n")
    (tmp_path / "c.csv").write_text("group,n\n12,1\n")  # no article column: its numbers are not articles
    assert list_csv_articles(tmp_path) == [5, 15, 46]


def test_the_headline_names_forms_tied_at_its_cut_and_leaves_out_a_suppressed_count():
    from lib.present import index

    rows = [
        {"ta_form_code": code, "label": code.title(), "needs_n": n, "states_n": s, "states_pct": "50.0"}
        for code, n, s in (("a", "9", "4"), ("b", "7", "1"), ("c", "5", "3"), ("d", "5", "suppressed"), ("e", "2", "2"))
    ]
    chosen = index.select_headline_forms(rows + [{"ta_form_code": "", "label": "Form not named", "needs_n": "99", "states_n": "9"}])
    assert [r["ta_form_code"] for r in chosen] == ["a", "b", "c", "d"]  # d ties with c, the third: named too
    assert index.describe_headline_form(rows[1]) == "B (7 requests from 1 State party, 50.0 per cent of those responding)"
    assert index.describe_headline_form(rows[3]) == "D (5 requests)"


def test_the_search_finds_a_report_by_an_articles_title_and_by_a_state_it_names():
    from lib.present import nav, search

    html = "<p>Needs of Nigeria and of the Niger, not of Nigeria's neighbour Chad.</p><p>Article 23 is cited.</p>"
    assert nav.list_named_states(html, ["Niger", "Nigeria", "Chad", "Mali"]) == ["Chad", "Niger", "Nigeria"]
    assert nav.list_named_states("<p>Needs of Nigeria.</p>", ["Niger", "Nigeria"]) == ["Nigeria"]  # held, but inside a word
    meta = {
        "report_id": "background_paper--m",
        "title": "Background paper",
        "notebook": "background_paper",
        "parameters": {"meeting_id": "m"},
        "articles": [23],
        "states_named": ["Nigeria"],
    }
    entry = search.describe_entry(meta, {"23": "Laundering of proceeds of crime"})
    assert "Laundering of proceeds of crime" in entry["text"] and "Nigeria" in entry["text"] and "article 23" in entry["text"]


def test_the_index_offers_each_language_with_its_page_and_documents():
    meta = {
        "report_id": "background_paper--m",
        "notebook": "background_paper",
        "languages": ["en", "fr", "es"],
        "language_names": {"en": "English", "fr": "Français", "es": "Español"},
        "documents": {"files": [f"background_paper--m{s}.{k}" for s in ("", ".fr", ".es") for k in ("docx", "pdf")], "words": 4599},
    }
    assert render_documents(meta) == (
        '<a href="background_paper--m.docx">Word</a> <a href="background_paper--m.pdf">PDF</a> (4,599 words); '
        '<span lang="fr">Français</span>: <a href="background_paper--m.fr.html" hreflang="fr">page</a> '
        '<a href="background_paper--m.fr.docx">Word</a> <a href="background_paper--m.fr.pdf">PDF</a>; '
        '<span lang="es">Español</span>: <a href="background_paper--m.es.html" hreflang="es">page</a> '
        '<a href="background_paper--m.es.docx">Word</a> <a href="background_paper--m.es.pdf">PDF</a>'
    )
    english_only = dict(meta, languages=["en"], documents={"files": ["background_paper--m.pdf"]})
    assert render_documents(english_only) == '<a href="background_paper--m.pdf">PDF</a>'


def test_the_search_finds_each_language_page_by_its_own_title_and_article_titles():
    meta = {
        "report_id": "background_paper--m",
        "notebook": "background_paper",
        "title": "Background paper",
        "parameters": {},
        "articles": [23],
        "languages": ["en", "fr"],
        "language_names": {"en": "English", "fr": "Français"},
        "titles": {"fr": "Document d'information"},
    }
    titles = {"": {"23": "Laundering of proceeds of crime"}, "fr": {"23": "Blanchiment du produit du crime"}}
    english, french = list_entries(meta, titles)
    assert (english["url"], english["title"], english["kind"]) == ("background_paper--m.html", "Background paper", "background paper")
    assert "lang" not in english and "Blanchiment" not in english["text"]
    assert (french["url"], french["title"], french["lang"]) == ("background_paper--m.fr.html", "Document d'information", "fr")
    assert french["kind"] == "background paper, Français" and "Blanchiment du produit du crime" in french["text"]
    assert "Laundering of proceeds of crime" in french["text"]  # found by the English words too
