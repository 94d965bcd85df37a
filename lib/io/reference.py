"""Load the reference tables (States, their names over time, groups, aliases, checklist, TA forms, meetings) and answer
party status and names on a date."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from lib.io.codes import NO_GROUP_CODE
from lib.io.names import find_name_in_force, normalise_name

EU_CODE = "EUU"  # the EU has no ISO 3166 alpha-3 code; EUU is the World Bank's code, used in state_aliases.csv
ENTRY_INTO_FORCE_DAYS = 30  # art. 68(2): in force for a party on the 30th day after deposit of its instrument
PARTY_RULES = ("deposited", "in_force")  # the two explicit rules for "State party as of a date"
# The reference compilation is complete up to this date (data/raw/reference/SOURCES.md): a party whose deposit
# date is unknown is known to have been a party by then, and is counted from then on.
REFERENCE_AS_AT = date(2025, 9, 25)


class ReferenceError(ValueError):
    """A reference table is missing or inconsistent; the message is one plain sentence."""


def read_reference_csv(ref_dir: Path, name: str) -> pd.DataFrame:
    """Read one reference CSV as strings, with a plain error when it is missing."""
    path = Path(ref_dir) / name
    if not path.is_file():
        raise ReferenceError(f"The reference table {path} is missing: copy data/raw/reference/{name} from the repository.")
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def parse_partial_date(value: str, precision: str) -> tuple[date | None, date | None]:
    """Return the earliest and latest day a partial ISO date (YYYY, YYYY-MM or YYYY-MM-DD) can denote."""
    value = (value or "").strip()
    if not value or precision == "unknown":
        return None, None
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        day = date(*parts)
        return day, day
    if len(parts) == 2:
        last = calendar.monthrange(parts[0], parts[1])[1]
        return date(parts[0], parts[1], 1), date(parts[0], parts[1], last)
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


def load_states(ref_dir: Path) -> pd.DataFrame:
    """Return one row per UN Member State, observer State and party, with group and party dates."""
    groups = read_reference_csv(ref_dir, "regional_groups.csv")
    code_by_group = dict(zip(groups["group_name"], groups["group_code"]))
    code_by_group["none"] = NO_GROUP_CODE
    members = read_reference_csv(ref_dir, "un_regional_groups.csv")
    parties = read_reference_csv(ref_dir, "uncac_states_parties.csv")
    parties["iso3"] = parties["iso3"].replace("", EU_CODE)
    rows = {}
    for m in members.itertuples():
        rows[m.iso3] = {
            "state_code": m.iso3,
            "state_name": m.name,
            "is_un_member": m.un_status == "member",
            "group_name_src": m.regional_group,
        }
    for p in parties.itertuples():
        first, last = parse_partial_date(p.deposit_date, p.deposit_date_precision)
        row = rows.setdefault(
            p.iso3,
            {"state_code": p.iso3, "state_name": p.name, "is_un_member": p.un_member == "yes", "group_name_src": p.un_regional_group},
        )
        row.update(
            {
                "state_name": p.name,
                "group_name_src": p.un_regional_group or row["group_name_src"],
                "signature_date": p.signature_date or None,
                "deposit_date_text": p.deposit_date,
                "deposit_date_precision": p.deposit_date_precision,
                "deposit_date_earliest": first,
                "deposit_date_latest": last,
                "instrument": p.instrument,
                "is_party": True,
            }
        )
    states = pd.DataFrame(list(rows.values()))
    states["is_party"] = states["is_party"].astype("boolean").fillna(False).astype(bool)
    unknown = set(states["group_name_src"]) - set(code_by_group)
    if unknown:
        raise ReferenceError(f"Unknown regional group name(s) {sorted(unknown)} in the reference tables: add them to regional_groups.csv.")
    states["group_code"] = states["group_name_src"].map(code_by_group)
    states["group_name"] = states["group_code"].map(dict(zip(groups["group_code"], groups["group_name"])))
    for col in ("signature_date", "deposit_date_earliest", "deposit_date_latest"):
        states[col] = pd.to_datetime(states[col])
    states["deposit_date_text"] = states["deposit_date_text"].fillna("")
    states["deposit_date_precision"] = states["deposit_date_precision"].fillna("")
    states["instrument"] = states["instrument"].fillna("")
    cols = [
        "state_code",
        "state_name",
        "is_un_member",
        "group_code",
        "group_name",
        "is_party",
        "signature_date",
        "deposit_date_text",
        "deposit_date_precision",
        "deposit_date_earliest",
        "deposit_date_latest",
        "instrument",
    ]
    return states[cols].sort_values("state_code").reset_index(drop=True)


def select_parties_as_of(states: pd.DataFrame, as_of: date | str | pd.Timestamp, rule: str = "deposited") -> pd.DataFrame:
    """Return the States parties on a date.

    rule "deposited": the instrument was deposited on or before the date; rule "in_force": the Convention was in
    force for the party on the date (deposit + 30 days, art. 68(2)). A deposit date known only to the month or
    year counts from the last day of that period (never earlier than it can have happened); an unknown deposit
    date counts from REFERENCE_AS_AT.
    """
    if rule not in PARTY_RULES:
        raise ValueError(f"Unknown party rule {rule!r}: use one of {', '.join(PARTY_RULES)}.")
    as_of = pd.Timestamp(as_of)
    latest = states["deposit_date_latest"].where(states["deposit_date_latest"].notna() | ~states["is_party"], pd.Timestamp(REFERENCE_AS_AT))
    if rule == "in_force":
        latest = latest + timedelta(days=ENTRY_INTO_FORCE_DAYS)
    return states[states["is_party"] & (latest <= as_of)]


NAME_COLUMNS = ["state_code", "name", "in_use_from", "in_use_to", "verified", "source", "note"]  # state_names.csv


def load_state_names(ref_dir: Path, states: pd.DataFrame) -> pd.DataFrame:
    """Return the UN short names of state_names.csv with the days they were in use, checked.

    Each listed State has one row per name, in order, each starting the day after the previous one ends; only the
    first may start blank (in use before 2005) and only the last is open-ended: it must be the State's current name.
    """
    names = read_reference_csv(ref_dir, "state_names.csv")
    current = dict(zip(states["state_code"], states["state_name"]))
    for col in ("in_use_from", "in_use_to"):
        bad = names.loc[(names[col] != "") & ~names[col].str.fullmatch(r"\d{4}-\d{2}-\d{2}"), col]
        if len(bad):
            raise ReferenceError(f"state_names.csv has {bad.iloc[0]!r} in {col}: write days as YYYY-MM-DD (blank = open).")
        names[col] = pd.to_datetime(names[col].replace("", None), format="%Y-%m-%d")
    for code, rows in names.groupby("state_code", sort=False):
        check_name_periods(code, rows.reset_index(drop=True), current)
    return names[NAME_COLUMNS].sort_values(["state_code", "in_use_from"], na_position="first").reset_index(drop=True)


def check_name_periods(code: str, rows: pd.DataFrame, current: dict[str, str]) -> None:
    """Raise a one-sentence ReferenceError unless a State's names follow each other day by day up to its current name."""
    where = f"state_names.csv ({code})"
    if code not in current:
        raise ReferenceError(f"{where}: {code} is not a State of uncac_states_parties.csv or un_regional_groups.csv.")
    rows = rows.sort_values("in_use_from", na_position="first").reset_index(drop=True)
    if rows["in_use_from"].iloc[1:].isna().any() or rows["in_use_to"].iloc[:-1].isna().any() or pd.notna(rows["in_use_to"].iloc[-1]):
        raise ReferenceError(f"{where}: only the first name may start blank and only the last may end blank.")
    if (rows["in_use_from"].iloc[1:].to_numpy() != (rows["in_use_to"].iloc[:-1] + timedelta(days=1)).to_numpy()).any():
        raise ReferenceError(f"{where}: each name must start the day after the previous one ends.")
    if rows["name"].iloc[-1] != current[code]:
        raise ReferenceError(
            f"{where}: the open-ended name {rows['name'].iloc[-1]!r} is not the current name {current[code]!r} "
            "of the States tables: make them agree."
        )


def name_states_as_of(states: pd.DataFrame, names: pd.DataFrame | None, day: date | str | pd.Timestamp) -> pd.DataFrame:
    """Return the States with `state_name` the UN short name in force on a day (their current name where none is listed).

    names: the dated names (load_state_names, or processed/state_names.parquet); None = every State's current name.
    """
    if names is None or names.empty:
        return states
    iso = pd.Timestamp(day).strftime("%Y-%m-%d")
    dated = {code: find_name_in_force(p, iso) for code, p in index_name_periods(names).items()}
    out = states.copy()
    out["state_name"] = out["state_code"].map({c: n for c, n in dated.items() if n}).fillna(out["state_name"])
    return out


def index_name_periods(names: pd.DataFrame | None) -> dict[str, list[tuple[str, str, str]]]:
    """Return {state_code: [(name, in_use_from, in_use_to)]} with ISO day strings (blank = open), for find_name_in_force."""
    text = lambda v: "" if pd.isna(v) else pd.Timestamp(v).strftime("%Y-%m-%d")  # noqa: E731
    periods: dict[str, list[tuple[str, str, str]]] = {}
    for row in names.itertuples() if names is not None else []:
        periods.setdefault(row.state_code, []).append((row.name, text(row.in_use_from), text(row.in_use_to)))
    return periods


def load_aliases(ref_dir: Path) -> dict[str, str]:
    """Return {normalised alias: state_code}; refuses an alias that names two States."""
    aliases = read_reference_csv(ref_dir, "state_aliases.csv")
    index: dict[str, str] = {}
    for code, alias in zip(aliases["state_code"], aliases["alias"]):
        key = normalise_name(alias)
        if index.get(key, code) != code:
            raise ReferenceError(f"The alias {alias!r} names both {index[key]} and {code} in state_aliases.csv: keep one.")
        index[key] = code
    return index


def load_provider_aliases(ref_dir: Path) -> dict[str, str]:
    """Return {normalised name: provider} of provider_aliases.csv, each canonical name included; refuses an alias that
    names two providers, or a canonical name that is another provider's alias."""
    aliases = read_reference_csv(ref_dir, "provider_aliases.csv")
    index: dict[str, str] = {}
    for alias, provider in [*zip(aliases["alias"], aliases["provider"]), *zip(aliases["provider"], aliases["provider"])]:
        key = normalise_name(alias)
        if index.get(key, provider) != provider:
            raise ReferenceError(f"The name {alias!r} stands for both {index[key]!r} and {provider!r} in provider_aliases.csv: keep one.")
        index[key] = provider
    return index


def name_provider(name: str, providers: dict[str, str]) -> str:
    """Return a provider's name in provider_aliases.csv (load_provider_aliases), or the name as written, trimmed."""
    return providers.get(normalise_name(name), name.strip())


def name_providers(text: str, providers: dict[str, str]) -> list[str]:
    """Return the providers a ';'-separated text names, each by name_provider, once each."""
    return list(dict.fromkeys(name_provider(item, providers) for item in text.split(";") if item.strip()))


# The languages the reference tables may name things in besides English, as a column suffix (title_fr, group_name_es):
# the documents in French and Spanish take their names from them (load_names).
NAME_LANGUAGES = ("fr", "es")
STATE_NAMES_LANGUAGES = "state_names_languages.csv"  # the States' UN short names in those languages (optional: English without it)
# The columns of meetings.csv a masthead shows that may come in those languages too (body_fr, place_es, paper_title_fr...).
MEETING_NAME_FIELDS = ("body", "meeting_of", "place", "agenda_title", "paper_title")


def list_name_columns(fields: tuple[str, ...]) -> list[str]:
    """Return the columns that name fields in the other languages: body_fr, body_es, place_fr..."""
    return [f"{field}_{lang}" for field in fields for lang in NAME_LANGUAGES]


def load_checklist(ref_dir: Path) -> pd.DataFrame:
    """Return the checklist provisions with a `provision` label: the article, or article(paragraph) (the titles in other
    languages go to the names table: load_names)."""
    checklist = read_reference_csv(ref_dir, "checklist.csv")
    checklist = checklist.drop(columns=[c for c in list_name_columns(("title",)) if c in checklist])
    checklist["provision"] = checklist["article"].where(
        checklist["paragraph"] == "", checklist["article"] + "(" + checklist["paragraph"] + ")"
    )
    checklist["provision_order"] = checklist.groupby("checklist_id").cumcount()
    return checklist


def load_resolutions(ref_dir: Path) -> pd.DataFrame:
    """Return the resolutions of the Conference that meetings cite as their mandate (empty when the table is absent)."""
    if not (Path(ref_dir) / "resolutions.csv").is_file():
        return pd.DataFrame(columns=["resolution_id", "session", "session_place_dates", "decision", "source"])
    return read_reference_csv(ref_dir, "resolutions.csv")


def load_names(ref_dir: Path) -> pd.DataFrame:
    """Return the names the documents write in each language but English, one row per (kind, code, language): regional
    groups (regional_groups.csv, group_name_fr and group_name_es), forms of assistance (ta_forms.csv, label_fr and
    label_es), articles' titles (checklist.csv, title_fr and title_es, by checklist and provision) and the masthead's
    fields of a meeting (meetings.csv, body_fr, place_es...: MEETING_NAME_FIELDS, by meeting and field); and the
    acronyms of providers (acronyms.csv: each acronym and full name in English, French and Spanish); the States' short
    names (STATE_NAMES_LANGUAGES, by state_code) and their former names (state_names.csv, name_fr and name_es, by
    state_code:English name). A column absent or
    a cell left blank gives no row: the document then writes the English name."""
    rows = []
    groups = read_reference_csv(ref_dir, "regional_groups.csv")
    forms = read_reference_csv(ref_dir, "ta_forms.csv")
    checklist = load_checklist(ref_dir).merge(
        read_reference_csv(ref_dir, "checklist.csv"), on=["checklist_id", "article", "paragraph", "title", "chapter", "chapter_title"]
    )
    for kind, table, code, prefix in (
        ("group", groups, "group_code", "group_name"),
        ("form", forms, "ta_form_code", "label"),
        ("title", checklist.assign(key=checklist["checklist_id"] + ":" + checklist["provision"]), "key", "title"),
    ):
        for lang in NAME_LANGUAGES:
            column = f"{prefix}_{lang}"
            if column in table:
                named = table[table[column].str.strip() != ""]
                rows += [(kind, c, lang, n.strip()) for c, n in zip(named[code], named[column])]
    if (Path(ref_dir) / "acronyms.csv").is_file():  # acronyms spelled out at first use, and written as each language does
        for row in read_reference_csv(ref_dir, "acronyms.csv").itertuples():
            rows += [("acronym", row.acronym, "en", row.acronym), ("acronym_name", row.acronym, "en", row.name)]
            for lang in NAME_LANGUAGES:
                rows.append(("acronym", row.acronym, lang, getattr(row, f"acronym_{lang}") or row.acronym))
                if getattr(row, f"name_{lang}"):
                    rows.append(("acronym_name", row.acronym, lang, getattr(row, f"name_{lang}")))
    if (Path(ref_dir) / STATE_NAMES_LANGUAGES).is_file():  # States' current short names (UNTERM) in French and Spanish
        states = read_reference_csv(ref_dir, STATE_NAMES_LANGUAGES)
        for lang in NAME_LANGUAGES:
            rows += [("state", c, lang, n.strip()) for c, n in zip(states["state_code"], states.get(f"name_{lang}", [])) if n.strip()]
    former = read_reference_csv(ref_dir, "state_names.csv").query("in_use_to != ''")  # names States no longer have
    rows += [("state_former", f"{c}:{n}", "en", n) for c, n in zip(former["state_code"], former["name"])]
    for lang in NAME_LANGUAGES:  # as each language wrote them (name_fr, name_es)
        if f"name_{lang}" in former:
            named = former[former[f"name_{lang}"].str.strip() != ""]
            triples = zip(named["state_code"], named["name"], named[f"name_{lang}"])
            rows += [("state_former", f"{c}:{n}", lang, t.strip()) for c, n, t in triples]
    meetings = read_reference_csv(ref_dir, "meetings.csv")
    for field in MEETING_NAME_FIELDS:
        for lang in NAME_LANGUAGES:
            column = f"{field}_{lang}"
            if column in meetings:
                named = meetings[meetings[column].str.strip() != ""]
                rows += [("meeting", f"{m}:{field}", lang, n.strip()) for m, n in zip(named["meeting_id"], named[column])]
    return pd.DataFrame(rows, columns=["kind", "code", "language", "name"])


def load_ta_forms(ref_dir: Path) -> pd.DataFrame:
    """Return the TA forms vocabulary (code and labels in English, French and Spanish)."""
    return read_reference_csv(ref_dir, "ta_forms.csv")


# Optional columns of meetings.csv: the response figures a UN document quotes for the meeting, so that a paper can say
# why its own count differs (blank when none is quoted).
QUOTED_COLUMNS = ["quoted_respondents_n", "quoted_parties_n", "quoted_pct", "quoted_status_date", "quoted_source"]


# Optional columns of meetings.csv: what the masthead of the meeting's background paper and regional analyses says (the
# body, the meeting, place, agenda item and its provisional agenda's symbol, the paper's symbol and title, its date of
# issue, the resolutions giving the mandate), their sources, and which of them no source at hand confirms.
DOCUMENT_COLUMNS = [
    "body",
    "meeting_of",
    "place",
    "agenda_symbol",
    "agenda_item",
    "agenda_title",
    "paper_symbol",
    "paper_title",
    "issued_on",
    "mandate",
    "document_source",
    "unconfirmed",
]
LIST_SEPARATOR = ";"  # mandate (resolution ids) and unconfirmed (column names) list several values


def load_meetings(ref_dir: Path) -> pd.DataFrame:
    """Return the meetings ordered by date, each with its data cut-off date, checklist and masthead."""
    meetings = read_reference_csv(ref_dir, "meetings.csv")
    meetings = meetings.drop(columns=[c for c in list_name_columns(MEETING_NAME_FIELDS) if c in meetings])  # load_names has them
    for col in QUOTED_COLUMNS + DOCUMENT_COLUMNS:
        if col not in meetings:
            meetings[col] = ""
    unknown = {c for v in meetings["unconfirmed"] for c in v.split(LIST_SEPARATOR) if c} - set(meetings.columns)
    if unknown:
        names = ", ".join(sorted(unknown))
        raise ReferenceError(f"meetings.csv: the column unconfirmed names {names}, which is not a column of the table.")
    meetings["issued_on"] = pd.to_datetime(meetings["issued_on"].replace("", None), format="%Y-%m-%d")
    meetings["agenda_item"] = pd.to_numeric(meetings["agenda_item"].replace("", None)).astype("Int64")
    for col in ("start_date", "end_date", "cutoff_date"):
        meetings[col] = pd.to_datetime(meetings[col], format="%Y-%m-%d")
    meetings["quoted_status_date"] = pd.to_datetime(meetings["quoted_status_date"].replace("", None), format="%Y-%m-%d")
    for col in ("quoted_respondents_n", "quoted_parties_n", "quoted_pct"):
        meetings[col] = pd.to_numeric(meetings[col].replace("", None)).astype("Int64")
    return meetings.sort_values("cutoff_date").reset_index(drop=True)


def load_answer_vocabulary(ref_dir: Path) -> dict[str, dict[str, str]]:
    """Return {vocabulary: {normalised answer: code}} for compliance and yes/no answers."""
    vocab = read_reference_csv(ref_dir, "answer_vocabulary.csv")
    out: dict[str, dict[str, str]] = {}
    for v, answer, code in zip(vocab["vocabulary"], vocab["answer"], vocab["code"]):
        out.setdefault(v, {})[normalise_name(answer)] = code
    return out
