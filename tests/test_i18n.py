"""The reader's language: messages from the catalogs with their plural forms, numbers and dates by locale, and a catalog
check that fails on a stale template or an untranslated message."""

import re
import shutil

import pandas as pd
import pytest

from lib.analysis import needs
from lib.pipeline import catalogs
from lib.present import i18n, names, narrative, tables

MINI_CFG = "[python: src/**.py]\n"


@pytest.fixture
def in_language():
    """Write in a language for one test, and in English after it."""
    yield i18n.use_language
    i18n.use_language(i18n.SOURCE_LANGUAGE)


def write_po(path, language, entries, plural_forms="nplurals=2; plural=(n != 1);"):
    """Write a small .po file: entries are (msgid, msgstr) pairs, or (msgid, msgid_plural, [forms])."""
    lines = [
        'msgid ""',
        'msgstr ""',
        f'"Language: {language}\\n"',
        f'"Plural-Forms: {plural_forms}\\n"',
        '"Content-Type: text/plain; charset=utf-8\\n"',
        "",
    ]
    for entry in entries:
        if len(entry) == 2:
            lines += [f'msgid "{entry[0]}"', f'msgstr "{entry[1]}"', ""]
        else:
            lines += [f'msgid "{entry[0]}"', f'msgid_plural "{entry[1]}"']
            lines += [f'msgstr[{i}] "{form}"' for i, form in enumerate(entry[2])] + [""]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")


@pytest.fixture
def locales(tmp_path, monkeypatch):
    """A catalog folder of its own: a code tree with two messages, its template, an English and a French catalog."""
    src = tmp_path / "src"
    src.mkdir()
    code = 'from lib.present.i18n import gettext as _, ngettext\n_("{count} replies")\n'
    (src / "mod.py").write_text(code + 'ngettext("{n} State party", "{n} States parties", 2, n=2)\n')
    folder = tmp_path / "locales"
    folder.mkdir()
    (folder / "babel.cfg").write_text(MINI_CFG)
    write_po(folder / "messages.pot", "", [("{count} replies", ""), ("{n} State party", "{n} States parties", ["", ""])])
    write_po(folder / "en/LC_MESSAGES/messages.po", "en", [("{count} replies", ""), ("{n} State party", "{n} States parties", ["", ""])])
    write_po(
        folder / "fr/LC_MESSAGES/messages.po",
        "fr",
        [("{count} replies", "{count} réponses"), ("{n} State party", "{n} States parties", ["{n} État partie", "{n} États parties"])],
        "nplurals=2; plural=(n > 1);",
    )
    monkeypatch.setattr(i18n, "LOCALES_DIR", folder)
    i18n.load_translations.cache_clear()
    yield tmp_path
    i18n.load_translations.cache_clear()
    i18n.use_language(i18n.SOURCE_LANGUAGE)


def test_catalogs_in_step_and_translated_pass(locales):
    assert catalogs.check_catalogs(locales, locales / "locales") == []


def test_a_message_the_template_lacks_fails(locales):
    (locales / "src" / "new.py").write_text('from lib.present.i18n import gettext as _\n_("A new sentence.")\n')
    problems = catalogs.check_catalogs(locales, locales / "locales")
    assert any("template is stale: 1 message(s)" in p for p in problems)


def test_a_catalog_missing_a_message_of_the_template_fails(locales):
    write_po(locales / "locales/fr/LC_MESSAGES/messages.po", "fr", [("{count} replies", "{count} réponses")], "nplurals=2; plural=(n > 1);")
    problems = catalogs.check_catalogs(locales, locales / "locales")
    assert problems == ["The fr catalog is not in step with the template: run `make catalogs`."]


def test_an_untranslated_or_fuzzy_message_fails(locales):
    po = locales / "locales/fr/LC_MESSAGES/messages.po"
    write_po(
        po,
        "fr",
        [("{count} replies", ""), ("{n} State party", "{n} States parties", ["{n} État partie", ""])],
        "nplurals=2; plural=(n > 1);",
    )
    assert any("2 untranslated and 0 fuzzy" in p for p in catalogs.check_catalogs(locales, locales / "locales"))
    write_po(
        po,
        "fr",
        [("{count} replies", "{count} réponses"), ("{n} State party", "{n} States parties", ["{n} État partie", "{n} États parties"])],
    )
    po.write_text(po.read_text(encoding="utf-8").replace('msgid "{count} replies"', '#, fuzzy\nmsgid "{count} replies"'), encoding="utf-8")
    assert any("0 untranslated and 1 fuzzy" in p for p in catalogs.check_catalogs(locales, locales / "locales"))


def test_french_takes_nought_and_one_as_singular(locales):
    i18n.use_language("fr")
    forms = [i18n.ngettext("{n} State party", "{n} States parties", n, n=n) for n in (0, 1, 2)]
    assert forms == ["0 État partie", "1 État partie", "2 États parties"]
    i18n.use_language("en")
    assert i18n.ngettext("{n} State party", "{n} States parties", 0, n=0) == "0 States parties"


def test_an_editor_rewords_a_sentence_in_the_english_catalog(locales):
    po = locales / "locales/en/LC_MESSAGES/messages.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace('msgstr ""\n\nmsgid "{n}', 'msgstr "{count} replies were received"\n\nmsgid "{n}', 1)
    )
    i18n.load_translations.cache_clear()
    assert i18n.gettext("{count} replies", count="Twelve") == "Twelve replies were received"
    assert i18n.gettext("A message no catalog has.") == "A message no catalog has."


def test_a_fuzzy_translation_is_not_used(locales):
    po = locales / "locales/fr/LC_MESSAGES/messages.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgid "{count} replies"', '#, fuzzy\nmsgid "{count} replies"'), encoding="utf-8")
    i18n.load_translations.cache_clear()
    i18n.use_language("fr")
    assert i18n.gettext("{count} replies", count=3) == "3 replies"


def test_a_language_without_a_catalog_stops_with_one_sentence(locales):
    with pytest.raises(ValueError, match=r"no catalog for the language 'xx': the languages with one are en, fr"):
        i18n.use_language("xx")


def test_a_fresh_compiled_catalog_is_read_and_a_stale_one_ignored(locales):
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    po = locales / "locales/fr/LC_MESSAGES/messages.po"
    catalog = read_po(po.open("rb"), locale="fr")
    catalog.get("{count} replies").string = "{count} réponses (compilé)"
    with po.with_suffix(".mo").open("wb") as f:
        write_mo(f, catalog)
    i18n.load_translations.cache_clear()
    i18n.use_language("fr")
    assert i18n.gettext("{count} replies", count=3) == "3 réponses (compilé)"
    shutil.copystat(po.with_suffix(".mo"), po)  # a .po edited after the compile: same time is still fresh
    po.write_text(po.read_text(encoding="utf-8"), encoding="utf-8")  # now newer than the .mo
    import os

    mo_time = po.with_suffix(".mo").stat().st_mtime
    os.utime(po, (mo_time + 10, mo_time + 10))
    i18n.load_translations.cache_clear()
    assert i18n.gettext("{count} replies", count=3) == "3 réponses"


def test_english_keeps_the_un_forms(in_language):
    in_language("en")
    assert narrative.format_date("2009-09-03") == "3 September 2009"
    assert narrative.format_count(1423) == "1,423" and narrative.format_count(3) == "three"
    assert narrative.format_points(4.25) == "+4.3 percentage points" and narrative.format_points(-3) == "-3.0 percentage points"
    assert tables.format_cell("needs_n", 1234) == "1,234" and tables.format_cell("full_pct", 56.25) == "56.3"


def test_the_project_catalogs_are_in_step_with_the_code():
    # the same check as `make lint`, here so that a failing catalog names itself in the test report
    stale = [p for p in catalogs.check_catalogs() if "stale" in p or "not in step" in p]
    assert stale == []


@pytest.mark.parametrize("language", [lang for lang in i18n.list_languages() if lang != i18n.SOURCE_LANGUAGE])
def test_numbers_and_dates_follow_the_language(in_language, language):
    in_language(language)
    expected = {
        "fr": ("3 septembre 2009", "1\u202f423", "56,3"),
        "es": ("3 de septiembre de 2009", "1.423", "56,3"),  # CLDR through Babel: Spanish groups four digits too
    }
    if language not in expected:
        pytest.skip(f"no expected forms written for {language}")
    date, thousands, decimal = expected[language]
    assert narrative.format_date("2009-09-03") == date
    assert narrative.format_count(1423) == thousands
    assert tables.format_cell("full_pct", 56.25) == decimal


ENGLISH_WORDS = re.compile(r"\b(the|of|and|which|were|was|per cent|States parties|State party|with|by|for|from)\b")


@pytest.mark.parametrize("language", [lang for lang in i18n.list_languages() if lang != i18n.SOURCE_LANGUAGE])
def test_a_translated_paragraph_holds_no_english(in_language, language, dataset):
    snap = needs.take_snapshot(dataset, "wg-ta-2009-09")
    index = names.index_names(dataset.names, dataset.ta_forms)
    i18n.set_frame_localiser(lambda value, lang: names.localise(value, lang, index))  # as a report sets it: names from the data
    in_language(language)
    summary = needs.summarise_response(snap)
    texts = [
        narrative.write_response_paragraph(summary, snap.meeting, "deposited"),
        narrative.write_compliance_paragraph(i18n.localise(needs.tabulate_compliance(snap))),
        narrative.write_change_paragraph(pd.DataFrame(), None),
        narrative.format_meeting_dates("2009-09-03", "2009-09-04"),
        narrative.describe_meeting(snap.meeting),
    ]
    for text in texts:
        assert not ENGLISH_WORDS.search(text), text


def test_a_message_is_written_again_in_another_language_from_the_same_figures(in_language):
    in_language("en")
    text = narrative.write_change_paragraph(pd.DataFrame(), None)
    assert text == "This is the first meeting in the data: no earlier figures are available for comparison."
    french = i18n.in_language(text, "fr")
    assert french != text and "réunion" in french
    assert i18n.current_language() == "en"  # writing it again leaves the language as it was
    paragraphs = i18n.translatable(lambda n: [narrative.count_states_parties(n), narrative.count_articles(n)])(3)
    assert [str(p) for p in i18n.in_language(paragraphs, "fr")] == ["trois États parties", "trois articles"]
    assert str(i18n.in_language(paragraphs[1], "fr")) == "trois articles"  # each item of a list remade on its own


def test_names_are_written_in_the_language_from_the_reference_data():
    table = pd.DataFrame(
        {"names": ["x"], "kind": ["group"], "code": ["AFR"], "language": ["fr"], "name": ["Groupe des États d'Afrique"]}
    ).drop(columns="names")
    table = pd.concat(
        [
            table,
            pd.DataFrame(
                {
                    "kind": ["form", "title"],
                    "code": ["legal_advice", "sa-2008:15"],
                    "language": ["fr", "fr"],
                    "name": ["Conseils juridiques", "Corruption d'agents publics nationaux"],
                }
            ),
        ]
    )
    forms = pd.DataFrame({"ta_form_code": ["legal_advice"], "label": ["Legal advice"]})
    index = names.index_names(table, forms)
    frame = pd.DataFrame(
        {
            "group_code": ["AFR", "WEOG"],
            "group_name": ["African States", "Western European and other States"],
            "provision": ["15", "16"],
            "title": ["Bribery of national public officials", "Bribery of foreign public officials"],
            "uncovered_forms": ["Legal advice; Other", ""],
        }
    )
    french = names.localise(frame, "fr", index)
    # by hand: AFR and article 15 have French names, WEOG and article 16 keep English; a list of labels maps label by label
    assert french["group_name"].tolist() == ["Groupe des États d'Afrique", "Western European and other States"]
    assert french["title"].tolist() == ["Corruption d'agents publics nationaux", "Bribery of foreign public officials"]
    assert french["uncovered_forms"].tolist() == ["Conseils juridiques; Other", ""]
    assert names.localise(frame, "en", index) is frame
    assert names.localise({"group_code": "AFR", "group_name": "African States"}, "fr", index)["group_name"] == "Groupe des États d'Afrique"


def test_states_are_named_as_each_language_writes_them_then_and_now_and_listed_in_its_order():
    table = pd.DataFrame(
        {
            "kind": ["state", "state", "state", "state_former", "state_former", "state_former"],
            "code": ["BOL", "CPV", "EGY", "BOL:Bolivia", "BOL:Bolivia", "MKD:The former Yugoslav Republic of Macedonia"],
            "language": ["fr", "fr", "fr", "en", "fr", "en"],
            "name": [
                "Bolivie (État plurinational de)",
                "Cabo Verde",
                "Égypte",
                "Bolivia",
                "Bolivie",
                "The former Yugoslav Republic of Macedonia",
            ],
        }
    )
    states = pd.DataFrame(
        {
            "state_code": ["BOL", "CPV", "EGY", "MKD"],
            "state_name": ["Bolivia (Plurinational State of)", "Cabo Verde", "Egypt", "North Macedonia"],
        }
    )
    index = names.index_names(table, states=states)
    # by hand: Bolivia's former name has its French former name; North Macedonia's former name has none in French, so it
    # stays as the English wrote it (never the current name for a former one); a State without a French name stays English
    assert names.name_state("BOL", "Bolivia", "fr", index) == "Bolivie"
    assert names.name_state("BOL", "Bolivia (Plurinational State of)", "fr", index) == "Bolivie (État plurinational de)"
    assert names.name_state("MKD", "The former Yugoslav Republic of Macedonia", "fr", index) == "The former Yugoslav Republic of Macedonia"
    assert names.name_state("MKD", "North Macedonia", "fr", index) == "North Macedonia"
    assert names.localise("Egypt", "fr", index) == "Égypte" and names.localise("Bolivia", "fr", index) == "Bolivie"
    nationality = names.label_codes({"nationality": {"EGY": "Egypt", "XXX": "Atlantis"}}, "fr", index)["nationality"]
    assert nationality == {"EGY": "Égypte", "XXX": "Atlantis"}  # an expert's; a code the reference data do not know keeps its label
    index[("state", "fr")] |= {"DEU": "Allemagne", "HUN": "Hongrie", "ITA": "Italie"}
    codes, english = ["BOL", "CPV", "EGY", "DEU", "HUN", "ITA"], ["Bolivia", "Cabo Verde", "Egypt", "Germany", "Hungary", "Italy"]
    listed = pd.DataFrame({"state_code": codes, "state_name": english, "n": range(6)})
    french = names.localise(listed, "fr", index)
    # by hand: a list of six in English order comes in French order, accents set aside (Allemagne first, Égypte among the E)
    assert french["state_name"].tolist() == ["Allemagne", "Bolivie", "Cabo Verde", "Égypte", "Hongrie", "Italie"]
    assert french["n"].tolist() == [3, 0, 1, 2, 4, 5]
    ranked = listed.iloc[::-1]  # a table in another order (by needs, say) keeps it, and so does a short one
    assert names.localise(ranked, "fr", index)["state_name"].tolist()[:2] == ["Italie", "Hongrie"]
    assert names.localise(listed.head(3).iloc[[0, 2, 1]], "fr", index)["state_name"].tolist() == ["Bolivie", "Égypte", "Cabo Verde"]
    grouped = listed.iloc[[0, 2, 4, 1, 3, 5]].assign(responded=["yes"] * 3 + ["no"] * 3)  # Bolivia Egypt Hungary | Cabo Verde Germany Italy
    # by hand: each block (the respondents, then the others) in French order
    assert names.localise(grouped, "fr", index)["state_name"].tolist() == [
        "Bolivie",
        "Égypte",
        "Hongrie",
        "Allemagne",
        "Cabo Verde",
        "Italie",
    ]
    assert names.sort_key_for_names("Émirats arabes unis") > names.sort_key_for_names("Égypte")
