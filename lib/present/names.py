"""The names a document writes in each language: regional groups, forms of assistance and articles' titles from the
reference data's names table (English where it has none), and the tables and values handed to messages and charts
written with them."""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

from lib.analysis.needs import INDICATOR_FULL, INDICATOR_NEEDING
from lib.io.codes import ALL_GROUPS_LABEL, NO_FORM_LABEL, TOTAL_LABEL
from lib.present.i18n import SOURCE_LANGUAGE, current_language, gettext as _, pgettext, set_frame_localiser

# The columns of names and the columns of codes that say what they name: (name column, code column, kind of name).
NAMED_COLUMNS = [
    ("group_name", "group_code", "group"),
    ("label", "ta_form_code", "form"),
    ("form", "ta_form_code", "form"),
    ("title", "provision", "title"),
]


def index_names(
    names: pd.DataFrame | None,
    forms: pd.DataFrame | None = None,
    groups: pd.DataFrame | None = None,
    states: pd.DataFrame | None = None,
) -> dict[tuple[str, str], dict[str, str]]:
    """Return the names table as {(kind, language): {code: name}} (a title's code is 'checklist_id:provision'), with the
    English names by code under (kind, SOURCE_LANGUAGE): the forms' labels (a table may list forms by label without
    their code), the regional groups' names (a text may name a group without its code) and the States' current names
    (a text may name a State without its code)."""
    if names is None or names.empty:
        return {}
    index = {(k, lang): dict(zip(g["code"], g["name"])) for (k, lang), g in names.groupby(["kind", "language"])}
    if forms is not None:
        index[("form", SOURCE_LANGUAGE)] = dict(zip(forms["ta_form_code"], forms["label"]))
    if groups is not None:
        index[("group", SOURCE_LANGUAGE)] = dict(zip(groups["group_code"], groups["group_name"]))
    if states is not None:
        index[("state", SOURCE_LANGUAGE)] = dict(zip(states["state_code"], states["state_name"]))
    return index


def name_state(code: str, english: str, language: str, index: dict) -> str:
    """Return a State's short name in a language as the document's English names it: a name it no longer has (state_names.csv)
    as that language wrote it then, or in English when the reference data do not give it; otherwise its current name in
    the language (English where the reference data have none)."""
    key = f"{code}:{english}"
    if key in index.get(("state_former", SOURCE_LANGUAGE), {}):
        return index.get(("state_former", language), {}).get(key, english)
    return index.get(("state", language), {}).get(code, english)


def find_state_code(english: str, index: dict) -> str:
    """Return the code of the State an English short name (current or former) names; '' for none."""
    for code, name in index.get(("state", SOURCE_LANGUAGE), {}).items():
        if name == english:
            return code
    return next((key.partition(":")[0] for key, name in index.get(("state_former", SOURCE_LANGUAGE), {}).items() if name == english), "")


MIN_LISTED = 5  # a table of at least 5 States in strict alphabetical order is a list by name (by chance: 1 in 120)


def find_name_blocks(table: pd.DataFrame) -> pd.Series | None:
    """Return the blocks in which a table lists its States by name (one block: the whole table; or one per value of
    another column the table is grouped by first, say the respondents then the others), as a block number per row;
    None when the table does not list its States by name (a ranking by needs keeps its order in every language).

    A list by name has at least MIN_LISTED States, each block in strict alphabetical order."""
    names = table["state_name"]
    if len(names) < MIN_LISTED or not names.is_unique:
        return None
    if names.is_monotonic_increasing:
        return pd.Series(0, index=table.index)
    for column in table.columns.drop(["state_name", "state_code"], errors="ignore"):
        values = table[column].astype(str)
        blocks = (values != values.shift()).cumsum()
        if blocks.iloc[-1] != values.nunique() or blocks.iloc[-1] == len(values):  # each value in one run, and runs, not rows
            continue
        if all(group.is_monotonic_increasing for _block, group in names.groupby(blocks)):
            return blocks
    return None


def sort_key_for_names(name: str) -> str:
    """Return a name's key for sorting in French or Spanish order: accents and case set aside (Émirats after Égypte as in
    a French list, Perú among the P), the rest letter by letter."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()


_index: dict = {}  # the names of the report being written (use_index), for the acronyms a sentence or a table spells


def use_index(index: dict) -> None:
    """Use a data folder's names (index_names) wherever a text, a table or a chart is written in another language: the
    tables and values handed to them (i18n's localiser) and the providers named by their acronym."""
    global _index
    _index = index
    set_frame_localiser(lambda value, language: localise(value, language, _index))


def spell_out(acronym: str) -> str:
    """Return a provider's acronym as a text names it the first time, in the current language: 'the United Nations Office
    on Drugs and Crime (UNODC)', French '(ONUDC)'; an acronym the reference data do not know, as it is."""
    language = current_language()
    short = _index.get(("acronym", language), {}).get(acronym, acronym)
    name = _index.get(("acronym_name", language), {}).get(acronym)
    return pgettext("a provider named in full, its acronym after it", "the {name} ({acronym})", name=name, acronym=short) if name else short


PROVIDER_COLUMNS = ("provider", "providers", "supply_providers", "providers_reported")  # table columns naming providers, '; '-separated


def translate_providers(value):
    """Return a cell naming providers ('UNODC; UNDP') with each acronym as the current language writes it ('ONUDC; PNUD')."""
    if not isinstance(value, str) or not value:
        return value
    acronyms = _index.get(("acronym", current_language()), {})
    return LABEL_SEPARATOR.join(acronyms.get(p, p) for p in value.split(LABEL_SEPARATOR))


FORM_LISTS = ("forms", "covered_forms", "uncovered_forms")  # columns of a brief's tables listing forms by label, '; '-separated
LABEL_SEPARATOR = "; "  # how those columns join labels (lib.analysis.brief)


def rename_forms(labels: pd.Series, index: dict, language: str) -> pd.Series:
    """Return form labels (one per cell, or several '; '-separated) in `language`, through their English labels."""
    by_label = {label: code for code, label in index.get(("form", SOURCE_LANGUAGE), {}).items()}
    named = index.get(("form", language), {})
    rename = lambda text: LABEL_SEPARATOR.join(named.get(by_label.get(x, ""), x) for x in str(text).split(LABEL_SEPARATOR))  # noqa: E731
    return labels.map(lambda v: v if not isinstance(v, str) or not v else rename(v))


def find_title_names(index: dict, language: str) -> dict[str, str]:
    """Return the articles' titles in a language by provision (the checklist's code dropped: one checklist per meeting)."""
    return {code.partition(":")[2]: name for code, name in index.get(("title", language), {}).items()}


def localise(value, language: str, index: dict):
    """Return a table, a row (Series) or a dict with its names in `language` wherever a code beside them says what they
    name (NAMED_COLUMNS); anything else, and everything in the source language, as it is."""
    if language == SOURCE_LANGUAGE or not index:
        return value
    if isinstance(value, str):  # a regional group or a State named in English without its code ('African States')
        by_name = {name: code for code, name in index.get(("group", SOURCE_LANGUAGE), {}).items()}
        if value in by_name:
            return index.get(("group", language), {}).get(by_name[value], value)
        state = find_state_code(value, index)
        return name_state(state, value, language, index) if state else value
    lookups = {kind: index.get((kind, language), {}) for kind in ("group", "form")} | {"title": find_title_names(index, language)}
    if isinstance(value, pd.DataFrame):
        changed = {
            name: value[code].map(lookups[kind]).fillna(value[name])
            for name, code, kind in NAMED_COLUMNS
            if name in value.columns and code in value.columns
        }
        if "state_name" in value.columns:  # States by their code, or by their English name alone
            code_of = lambda name: find_state_code(str(name), index)  # noqa: E731
            codes = value["state_code"] if "state_code" in value.columns else value["state_name"].map(code_of)
            changed["state_name"] = pd.Series(
                [name_state(c, n, language, index) if isinstance(n, str) and c else n for c, n in zip(codes, value["state_name"])],
                index=value.index,
            )
        if "group_name" in value.columns and "group_code" not in value.columns:  # groups named without their code
            changed["group_name"] = value["group_name"].map(lambda name: localise(name, language, index))
        for column in FORM_LISTS + ("form",):  # forms named by their label only
            if column in value.columns and column not in changed and not pd.api.types.is_numeric_dtype(value[column]):
                changed[column] = rename_forms(value[column], index, language)
        out = value.assign(**changed) if changed else value
        blocks = find_name_blocks(value) if "state_name" in changed else None
        if blocks is not None:  # a list of States by name: in the language's order (within each block)
            order = pd.DataFrame({"block": blocks, "key": out["state_name"].map(sort_key_for_names)}).sort_values(["block", "key"])
            out = out.loc[order.index]
        return out
    if isinstance(value, pd.Series | dict):
        out = value.copy()
        for name, code, kind in NAMED_COLUMNS:
            if name in out and code in out and isinstance(out[code], str):
                out[name] = lookups[kind].get(out[code], out[name])
        if "state_name" in out and "state_code" in out and isinstance(out["state_name"], str):
            out["state_name"] = name_state(out["state_code"], out["state_name"], language, index)
        if "meeting_id" in out:  # a meeting: its masthead fields as the reference data give them in the language
            fields = index.get(("meeting", language), {})
            for key, name in fields.items():
                meeting, _sep, field = key.partition(":")
                if meeting == out["meeting_id"] and field in out:
                    out[field] = name
        return out
    return value


def label_codes(code_labels: dict[str, dict[str, str]], language: str, index: dict) -> dict[str, dict[str, str]]:
    """Return the labels tables show instead of codes (Report.code_labels) in `language`: regional groups, forms and
    States in another role (an expert's nationality) named from the names table, the rest as given."""
    if language == SOURCE_LANGUAGE or not index:
        return code_labels
    renamed = {"group_code": index.get(("group", language), {}), "ta_form_code": index.get(("form", language), {})}
    renamed["nationality"] = {c: name_state(c, n, language, index) for c, n in code_labels.get("nationality", {}).items()}
    return {column: labels | {c: n for c, n in renamed.get(column, {}).items() if c in labels} for column, labels in code_labels.items()}


INDICATOR_PATTERNS = [
    (re.compile(re.escape(p).replace(re.escape("{article}"), "(?P<article>.+)") + "$"), p) for p in (INDICATOR_FULL, INDICATOR_NEEDING)
]


def translate_indicator(indicator: str) -> str:
    """Return an indicator of the change table in the current language: 'Art. 5: fully compliant (%)' by its pattern,
    'Response rate (%)' as a message."""
    for pattern, message in INDICATOR_PATTERNS:
        if found := pattern.match(str(indicator)):
            return _(message, article=found["article"])
    return _(str(indicator))


def translate_answer(value):
    """Return an answer a table cell holds in words ('yes', 'fully compliant', lib.analysis.brief) in the current
    language; any other value as it is. Tables translate their cells only when shown: the analyses compare the words."""
    if not isinstance(value, str):
        return value
    answers = {
        "yes": pgettext("a flag in a table", "yes"),
        "no": pgettext("a flag in a table", "no"),
        "no answer": pgettext("an answer in a table", "no answer"),
        "fully compliant": pgettext("an answer in a table", "fully compliant"),
        "partly compliant": pgettext("an answer in a table", "partly compliant"),
        "not compliant": pgettext("an answer in a table", "not compliant"),
        "yes (not counted: no need reported)": pgettext("an answer in a table", "yes (not counted: no need reported)"),
        ALL_GROUPS_LABEL: _(ALL_GROUPS_LABEL),
        TOTAL_LABEL: _(TOTAL_LABEL),
        NO_FORM_LABEL: _(NO_FORM_LABEL),
    }
    return answers.get(value, value)


def translate_heading(heading: str) -> str:
    """Return a table heading that is a name rather than a column label (a wide table's regional groups, its total) in the
    current language."""
    return translate_answer(localise(heading, current_language(), _index))
