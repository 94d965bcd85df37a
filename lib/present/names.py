"""The names a document writes in each language: regional groups, forms of assistance and articles' titles from the
reference data's names table (English where it has none), and the tables and values handed to messages and charts
written with them."""

from __future__ import annotations

import pandas as pd

from lib.present.i18n import SOURCE_LANGUAGE

# The columns of names and the columns of codes that say what they name: (name column, code column, kind of name).
NAMED_COLUMNS = [
    ("group_name", "group_code", "group"),
    ("label", "ta_form_code", "form"),
    ("form", "ta_form_code", "form"),
    ("title", "provision", "title"),
]


def index_names(names: pd.DataFrame | None) -> dict[tuple[str, str], dict[str, str]]:
    """Return the names table as {(kind, language): {code: name}} (a title's code is 'checklist_id:provision')."""
    if names is None or names.empty:
        return {}
    return {(k, lang): dict(zip(g["code"], g["name"])) for (k, lang), g in names.groupby(["kind", "language"])}


def find_title_names(index: dict, language: str) -> dict[str, str]:
    """Return the articles' titles in a language by provision (the checklist's code dropped: one checklist per meeting)."""
    return {code.partition(":")[2]: name for code, name in index.get(("title", language), {}).items()}


def localise(value, language: str, index: dict):
    """Return a table, a row (Series) or a dict with its names in `language` wherever a code beside them says what they
    name (NAMED_COLUMNS); anything else, and everything in the source language, as it is."""
    if language == SOURCE_LANGUAGE or not index:
        return value
    lookups = {kind: index.get((kind, language), {}) for kind in ("group", "form")} | {"title": find_title_names(index, language)}
    if isinstance(value, pd.DataFrame):
        changed = {
            name: value[code].map(lookups[kind]).fillna(value[name])
            for name, code, kind in NAMED_COLUMNS
            if name in value.columns and code in value.columns
        }
        return value.assign(**changed) if changed else value
    if isinstance(value, pd.Series | dict):
        out = value.copy()
        for name, code, kind in NAMED_COLUMNS:
            if name in out and code in out and isinstance(out[code], str):
                out[name] = lookups[kind].get(out[code], out[name])
        if "meeting_id" in out:  # a meeting: its masthead fields as the reference data give them in the language
            fields = index.get(("meeting", language), {})
            for key, name in fields.items():
                meeting, _sep, field = key.partition(":")
                if meeting == out["meeting_id"] and field in out:
                    out[field] = name
        return out
    return value


def label_codes(code_labels: dict[str, dict[str, str]], language: str, index: dict) -> dict[str, dict[str, str]]:
    """Return the labels tables show instead of codes (Report.code_labels) in `language`: regional groups and forms named
    from the names table, the rest as given."""
    if language == SOURCE_LANGUAGE or not index:
        return code_labels
    renamed = {"group_code": index.get(("group", language), {}), "ta_form_code": index.get(("form", language), {})}
    return {column: labels | {c: n for c, n in renamed.get(column, {}).items() if c in labels} for column, labels in code_labels.items()}
