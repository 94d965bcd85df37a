"""Attack a public build as the most informed reader could: every release in the register and the new one, read back
from their published CSV files; who responded to each meeting and when, and which States' answers changed (the
respondents are published); every consenting State's brief ever published; the stated rules (the relations between
figures, the order of rows). Fail when a count of 1 or 2 States, in one publication or in the difference between two,
can be pinned down or bounded within [1, 2], when a published figure differs from the audit's own count, when a table's
rows do not follow the stated order, or when a document states a number that is no published figure.

Separate code from lib.analysis.suppression (the plan): this module knows only the published files, the register,
the processed answers and the reference data, and counts the truth itself."""

from __future__ import annotations

import argparse
import json
import math
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

import numpy as np
import pandas as pd

from lib.analysis.attack import ALL, EPS, THRESHOLD, Reading, System, Unit
from lib.analysis.texts import find_unpublished_numbers
from lib.io.codes import ALL_GROUPS_LABEL, NO_FORM, NO_FORM_LABEL
from lib.io.paths import processed_dir
from lib.io.reference import select_parties_as_of
from lib.io.releases import fingerprint_answers, list_releases

SUPPRESSED = "suppressed"  # how a suppressed figure reads in a published CSV
NEW = "new"  # the release being audited, in publication ids
BRIEF_COMPLIANCE = {"fully compliant": "full", "partly compliant": "partial", "not compliant": "none", "no answer": "no_answer"}
# The stated rules a reader may use beyond the relations between figures (lib.model.disclosure and the documents state
# them). IN_PLACE: a table of forms sorted on every figure, suppressed ones included (the rule before release 2 of the
# method: the audit is given it to show what it let through); NEVER_ZERO: a suppressed figure is never 0 unless its
# group has fewer than THRESHOLD respondents (the rule the README stated before).
STATED_RULES = frozenset({"published_first"})
ORDERED_TABLES = {"ta_needs_by_form.csv": ("needs_n", "states_n")}  # tables ordered by their figures, most first (needs.FORMS_ORDER)


@dataclass
class Finding:
    """One count attacked, or one thing found wrong."""

    meeting_id: str
    measure: str
    group_code: str
    key: str
    true_value: int | None = None
    low: int | None = None
    high: int | None = None
    is_disclosed: bool = False
    where: str = ""
    revealed_by: str = ""
    differs: str = ""
    release: str = NEW
    kind: str = "count"  # count (one publication), difference (States counted in one and not another), order, text


@dataclass
class Build:
    """Everything the reader holds, by checklist: units, readings, known units."""

    units: list = field(default_factory=list)
    unit_index: dict = field(default_factory=dict)  # (state, version) -> index
    readings: dict = field(default_factory=dict)  # checklist -> [Reading]
    known: set = field(default_factory=set)
    provisions: dict = field(default_factory=dict)  # checklist -> provisions
    forms: list = field(default_factory=list)
    form_labels: dict = field(default_factory=dict)  # a form's label, as tables of forms without codes show it -> its code


def read_csv(path: Path) -> pd.DataFrame:
    """Read a published table as text (suppressed cells read 'suppressed')."""
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def number(text: str) -> float | None:
    """Return a published figure as a number, None when suppressed or blank."""
    return None if text in ("", SUPPRESSED) else float(text)


def observe(r: Reading, measure: str, group: str, key: str, text: str, where: str) -> None:
    """Record a published count, or that it is suppressed."""
    value = number(text)
    if value is None:
        r.suppressed.setdefault((measure, group, key), where)
    else:
        r.counts[(measure, group, key)] = (value, where)


def observe_share(r: Reading, terms: list, text: str, where: str) -> None:
    """Record a published share (per cent, one decimal, halves up) of a count of a group over its respondents."""
    value = number(text)
    if value is not None and terms:
        r.shares.append((terms, value, where))


def read_paper(r: Reading, folder: Path, names: dict, forms: dict, previous: Reading | None) -> None:
    """Read the tables of a background paper."""
    if (folder / "response_by_group.csv").is_file():
        for row in read_csv(folder / "response_by_group.csv").to_dict("records"):
            observe(r, "R", row["group_code"], "", row["responding_parties_n"], f"{folder.name}/response_by_group.csv {row['group_code']}")
    for name, measures in (
        ("compliance_by_article.csv", [f"{c}_n" for c in ("full", "partial", "none", "no_answer")]),
        ("ta_needs_by_article.csv", ["ta_needed_n", "ta_provided_n", "unmet_n"]),
    ):
        if (folder / name).is_file():
            for row in read_csv(folder / name).to_dict("records"):
                read_article_row(r, row, ALL, measures, f"{folder.name}/{name} art. {row['provision']}")
    if (folder / "ta_needs_by_form.csv").is_file():
        read_forms(r, folder / "ta_needs_by_form.csv", ALL, forms)
    if (folder / "ta_needs_by_article_and_group.csv").is_file():
        for row in read_csv(folder / "ta_needs_by_article_and_group.csv").to_dict("records"):
            where = f"{folder.name}/ta_needs_by_article_and_group.csv art. {row['provision']} {row['group_code']}"
            read_article_row(r, row, row["group_code"], ["ta_needed_n", "unmet_n"], where)
    if (folder / "full_compliance_by_article_and_group.csv").is_file():
        for row in read_csv(folder / "full_compliance_by_article_and_group.csv").to_dict("records"):
            for column, text in row.items():
                if column in names:
                    where = f"{folder.name}/full_compliance_by_article_and_group.csv art. {row['provision']} {column}"
                    observe_share(r, [("full_n", names[column], row["provision"], 1.0)], text, where)
    if (folder / "change_since_previous_meeting.csv").is_file():
        for row in read_csv(folder / "change_since_previous_meeting.csv").to_dict("records"):
            for column, reading in (("current", r), ("previous", previous)):
                indicator, where = row["indicator"], f"{folder.name}/change_since_previous_meeting.csv {row['indicator']} ({column})"
                if reading is None or not indicator.startswith("Art. "):
                    continue
                provision = indicator[5:].split(":")[0]
                measure = "full_n" if "fully compliant" in indicator else "ta_needed_n"
                observe_share(reading, [(measure, ALL, provision, 1.0)], row[column], where)


def read_article_row(r: Reading, row: dict, group: str, measures: list[str], where: str) -> None:
    """Record the counts and shares of one article's row."""
    p = row["provision"]
    for measure in measures:
        if measure in row:
            observe(r, measure, group, p, row[measure], where)
        share = measure[: -len("_n")] + "_pct"
        if share in row:
            observe_share(r, [(measure, group, p, 1.0)], row[share], where)


def read_forms(r: Reading, path: Path, group: str, forms: dict) -> None:
    """Record a table of forms (requests and States per form, the share of respondents) and the order of its rows."""
    rows = read_csv(path).to_dict("records")
    keys = []
    for row in rows:
        key = row["ta_form_code"] if "ta_form_code" in row else forms[row["label"]]
        keys.append(key)
        where = f"{path.parent.name}/{path.name} form {key or '(not named)'}"
        observe(r, "needs_n", group, key, row["needs_n"], where)
        observe(r, "states_n", group, key, row["states_n"], where)
        observe_share(r, [("states_n", group, key, 1.0)], row.get("states_pct", ""), where)
    r.orders.append(([k for k in keys if k != NO_FORM], group, f"{path.parent.name}/{path.name}"))


def read_regional(r: Reading, folder: Path, group: str, forms: dict) -> None:
    """Read the tables of a regional analysis of one group."""
    if (folder / "region_against_global.csv").is_file():
        for row in read_csv(folder / "region_against_global.csv").to_dict("records"):
            where, p = f"{folder.name}/region_against_global.csv art. {row['provision']}", row["provision"]
            for prefix, g in (("region", group), ("global", ALL)):
                observe_share(r, [("full_n", g, p, 1.0)], row[f"{prefix}_full_pct"], where)
                observe_share(r, [("ta_needed_n", g, p, 1.0)], row[f"{prefix}_ta_needed_pct"], where)
    if (folder / "ta_needs_by_form.csv").is_file():
        read_forms(r, folder / "ta_needs_by_form.csv", group, forms)
    if (folder / "priority_needs.csv").is_file():
        for row in read_csv(folder / "priority_needs.csv").to_dict("records"):
            where = f"{folder.name}/priority_needs.csv art. {row['provision']}"
            read_article_row(r, row, group, ["unmet_n", "ta_needed_n", "ta_provided_n"], where)
            observe_share(r, [("R", group, "", 1.0), ("full_n", group, row["provision"], -1.0)], row.get("not_full_pct", ""), where)


def read_brief_context(r: Reading, folder: Path, group: str) -> None:
    """Read a brief's regional context: its group's respondents and shares."""
    if (folder / "regional_context.csv").is_file():
        for row in read_csv(folder / "regional_context.csv").to_dict("records"):
            where, p = f"{folder.name}/regional_context.csv art. {row['provision']}", row["provision"]
            observe(r, "R", group, "", row["group_respondents_n"], where)
            observe_share(r, [("full_n", group, p, 1.0)], row["group_full_pct"], where)
            observe_share(r, [("ta_needed_n", group, p, 1.0)], row["group_ta_needed_pct"], where)


def count_unit(rows: pd.DataFrame, forms_of: dict, provisions: list[str], forms: list[str]) -> dict:
    """Return one State's own counts from its answer rows (the audit's own count, not lib.analysis.needs')."""
    counts: dict = {}
    by_provision = {r.provision: r for r in rows.itertuples()}
    requested: dict[str, int] = {}
    for p in provisions:
        r = by_provision.get(p)
        code = r.compliance_code if r is not None and isinstance(r.compliance_code, str) and r.compliance_code else "no_answer"
        counts[(f"{code}_n", p)] = 1
        need = bool(r is not None and pd.notna(r.is_ta_needed) and r.is_ta_needed)
        provided = need and r is not None and bool(pd.notna(r.is_ta_provided) and r.is_ta_provided)
        counts[("ta_needed_n", p)] = int(need)
        counts[("ta_not_needed_n", p)] = int(not need)
        counts[("ta_provided_n", p)] = int(provided)
        counts[("unmet_n", p)] = int(need and not provided)
        if need:
            for f in forms_of.get(p) or [NO_FORM]:
                requested[f] = requested.get(f, 0) + 1
    for f in forms:
        counts[("needs_n", f)] = requested.get(f, 0)
        counts[("states_n", f)] = int(requested.get(f, 0) > 0)
        counts[("states_not_n", f)] = int(requested.get(f, 0) == 0)
    return counts


def version_of(rows: pd.DataFrame) -> str:
    """Return the version of a State's answers (a hash of what it answered: the register's fingerprint, lib.io.releases)."""
    return str(fingerprint_answers(rows).iloc[0])


def select_answers(answers: pd.DataFrame, meeting: pd.Series) -> pd.DataFrame:
    """Return each respondent's latest answers for a meeting's checklist dated on or before its cut-off."""
    rows = answers[(answers["checklist_id"] == meeting["checklist_id"]) & (answers["submitted_on"] <= meeting["cutoff_date"])]
    return rows[rows["submitted_on"] == rows.groupby("state_code")["submitted_on"].transform("max")]


def add_units(build: Build, rows: pd.DataFrame, forms_rows: pd.DataFrame, parties: set[str], group: dict, provisions: list[str]) -> dict:
    """Add the units of one publication (parties only); return {State: unit index}."""
    out = {}
    forms_of = forms_rows.groupby(["state_code", "provision"])["ta_form_code"].agg(list).to_dict() if len(forms_rows) else {}
    for state, mine in rows.groupby("state_code"):
        if state not in parties:
            continue
        key = (state, version_of(mine))
        if key not in build.unit_index:
            own = {p: forms_of.get((state, p), []) for p in provisions}
            build.unit_index[key] = len(build.units)
            build.units.append(Unit(state, key[1], group[state], count_unit(mine, own, provisions, build.forms)))
        out[state] = build.unit_index[key]
    return out


def read_publications(build: Build, folders: list[Path], release: str, answers, forms_rows, meetings, states, checklists) -> None:
    """Add one release's publications: its units per meeting (from the answers it counted) and what its files publish."""
    labels = build.form_labels
    names = dict(zip(states["group_name"], states["group_code"])) | {ALL_GROUPS_LABEL: ALL}
    group = dict(zip(states["state_code"], states["group_code"]))
    by_meeting: dict[str, tuple[Reading, dict, str, str | None]] = {}
    briefs: list[int] = []
    for i, m in meetings.iterrows():
        provisions = checklists[m["checklist_id"]]
        parties = set(select_parties_as_of(states, m["cutoff_date"], "deposited")["state_code"])
        rows = answers(m)
        units = add_units(build, rows, forms_rows(m), parties, group, provisions)
        reading = Reading(f"{release}/{m['meeting_id']}", m["meeting_id"], release, sorted(units.values()))
        previous = meetings.loc[i - 1, "meeting_id"] if i else None
        reading.public = list_public_numbers(rows, parties, group, m) | (by_meeting[previous][0].public if previous else set())
        by_meeting[m["meeting_id"]] = (reading, units, m["checklist_id"], previous)
    for folder in sorted(folders, key=lambda f: f.name):
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        params = meta["parameters"]
        if params.get("meeting_id") not in by_meeting:
            continue
        reading, units, _, previous = by_meeting[params["meeting_id"]]
        if meta["notebook"] == "background_paper":
            read_paper(reading, folder, names, labels, by_meeting[previous][0] if previous else None)
        elif meta["notebook"] == "regional_needs":
            read_regional(reading, folder, params["group_code"], labels)
        elif meta["notebook"] == "country_brief" and params["state_code"] in units:
            briefs.append(units[params["state_code"]])
            read_brief_context(reading, folder, group[params["state_code"]])
    build.known |= set(briefs)
    for reading, _, checklist, _ in by_meeting.values():
        build.readings.setdefault(checklist, []).append(reading)


def pick_meeting(table: pd.DataFrame, meeting: pd.Series) -> pd.DataFrame:
    """Return a register table's rows of one meeting."""
    return table[table["meeting_id"] == meeting["meeting_id"]]


def list_public_numbers(rows: pd.DataFrame, parties: set[str], group: dict, meeting: pd.Series) -> set[float]:
    """Return the numbers of a meeting every reader knows (the respondents are published): parties, respondents and the
    response rate by group (per cent, one decimal and whole), replies of non-parties, and the figures UN documents quote."""
    responding = set(rows["state_code"])
    out = {float(len(responding)), float(len(responding - parties))}
    for g in sorted({group[s] for s in parties}) + [ALL]:
        members = {s for s in parties if g in (ALL, group[s])}
        n, base = len(members & responding), len(members)
        out |= {float(n), float(base)}
        if base:
            share = math.floor(1000 * n / base + 0.5) / 10
            out |= {share, float(math.floor(share + 0.5))}
    for column in ("quoted_respondents_n", "quoted_parties_n", "quoted_pct"):
        if pd.notna(meeting.get(column, None)):
            out.add(float(meeting[column]))
    return out


def read_build(folders: list[Path], data_dir: str | Path) -> Build:
    """Return everything a reader holds: every release of the register and the new build's folders."""
    folder = processed_dir(data_dir)
    states = pd.read_parquet(folder / "states.parquet")
    meetings = pd.read_parquet(folder / "meetings.parquet").sort_values("cutoff_date").reset_index(drop=True)
    checklist = pd.read_parquet(folder / "checklist.parquet").sort_values("provision_order")
    checklists = {c: t["provision"].tolist() for c, t in checklist.groupby("checklist_id")}
    ta_forms = pd.read_parquet(folder / "ta_forms.parquet")
    labels = dict(zip(ta_forms["label"], ta_forms["ta_form_code"])) | {NO_FORM_LABEL: NO_FORM}
    build = Build(forms=ta_forms["ta_form_code"].tolist() + [NO_FORM], provisions=checklists, form_labels=labels)
    for release in list_releases(data_dir):
        answers, forms_rows = release.read_answers()
        shown = meetings[meetings["meeting_id"].isin(release.meetings)].reset_index(drop=True)
        read_publications(
            build,
            release.list_report_folders(),
            release.release_id,
            lambda m, a=answers: pick_meeting(a, m),
            lambda m, f=forms_rows: pick_meeting(f, m),
            shown,
            states,
            checklists,
        )
    plan = json.loads((folder / "release-plan.json").read_text(encoding="utf-8")) if (folder / "release-plan.json").is_file() else {}
    sources = {m: d["source"] for m, d in plan.get("meetings", {}).items()}
    current = pd.read_parquet(folder / "sa_answers.parquet"), pd.read_parquet(folder / "sa_answer_forms.parquet")
    frozen = {r.release_id: r for r in list_releases(data_dir)}

    def answers_of(m: pd.Series, forms: bool = False) -> pd.DataFrame:
        source = sources.get(m["meeting_id"], "current")
        if source != "current":  # republished as that release issued it
            table = frozen[source].read_answers()[1 if forms else 0]
            return table[table["meeting_id"] == m["meeting_id"]]
        rows = select_answers(current[0], m)
        if not forms:
            return rows
        return current[1].merge(rows[["state_code", "provision", "submitted_on"]], on=["state_code", "provision", "submitted_on"])

    read_publications(build, folders, NEW, answers_of, lambda m: answers_of(m, True), meetings, states, checklists)
    return build


def fix_readings(system: System, readings: list[Reading], build: Build, rules: frozenset) -> list[Finding]:
    """Put every published figure into the system (counts fixed, shares as bounds, stated orders); return the findings of
    figures that differ from the audit's own count."""
    findings, rows = [], []
    for r in readings:
        for (measure, group, key), (value, where) in r.counts.items():
            if measure == "R":
                true = sum(1 for u in r.units if group in (ALL, build.units[u].group))
                if value != true:
                    findings.append(Finding(r.meeting_id, measure, group, key, differs=f"published {value:g}, counted {true}", where=where))
                continue
            k = system.key_index[(measure, key)]
            known = system.known_part(r, group, (measure, key))
            atoms = system.atoms_in(frozenset([r.pub_id]), group=group)
            true = system.truth(atoms, k) + known
            if value != true:
                findings.append(
                    Finding(
                        r.meeting_id, measure, group, key, differs=f"published {value:g}, counted {true}", where=where, release=r.release
                    )
                )
            col = system.name(atoms, k)
            if col is not None:
                system.h.changeColBounds(col, value - known, value - known)
        for terms, share, _ in r.shares:  # share s of a group's respondents b: (20s - 1) b <= 2000 c <= (20s + 1) b - 1
            constant = 0.0
            coefs: dict[int, float] = {}
            for measure, group, key, coef in terms:
                base = sum(1 for u in r.units if group in (ALL, build.units[u].group))
                if measure == "R":
                    constant += coef * base
                    continue
                k = system.key_index[(measure, key)]
                constant += coef * system.known_part(r, group, (measure, key))
                col = system.name(system.atoms_in(frozenset([r.pub_id]), group=group), k)
                if col is not None:
                    coefs[col] = coefs.get(col, 0.0) + coef
            if base == 0:
                continue
            low, high = (20 * share - 1) * base / 2000 - constant, ((20 * share + 1) * base - 1) / 2000 - constant
            if coefs:
                rows.append(({c: v for c, v in coefs.items()}, low - EPS, high + EPS))
        if "never_zero" in rules:  # the old stated rule: a suppressed figure of a group of 3 or more respondents is not 0
            for (measure, group, key), _ in r.suppressed.items():
                n = sum(1 for u in r.units if u not in build.known and group in (ALL, build.units[u].group))
                if measure != "R" and n >= THRESHOLD:
                    col = system.name(system.atoms_in(frozenset([r.pub_id]), group=group), system.key_index[(measure, key)])
                    if col is not None:
                        system.h.changeColBounds(col, 1.0, np.inf)
        for keys, group, where in r.orders:
            findings += check_order(system, r, keys, group, where, rules, rows)
    system.add(rows)
    return findings


def check_order(system: System, r: Reading, keys: list[str], group: str, where: str, rules: frozenset, rows: list) -> list[Finding]:
    """Check a table of forms against its stated order; under the rule 'in place' (suppressed rows sorted on their true
    figures), add what the order tells: each row's requests at least the next one's."""

    def value(k: str, m: str) -> float | None:
        return r.counts.get((m, group, k), (None,))[0]

    shown = [k for k in keys if value(k, "needs_n") is not None and value(k, "states_n") is not None]
    hidden = [k for k in keys if k not in shown]
    if "in_place" in rules:
        for a, b in zip(keys, keys[1:]):
            ca = system.name(system.atoms_in(frozenset([r.pub_id]), group=group), system.key_index[("needs_n", a)])
            cb = system.name(system.atoms_in(frozenset([r.pub_id]), group=group), system.key_index[("needs_n", b)])
            ka = system.known_part(r, group, ("needs_n", a))
            kb = system.known_part(r, group, ("needs_n", b))
            if ca is not None and cb is not None:
                rows.append(({ca: 1.0, cb: -1.0}, kb - ka, np.inf))
        return []
    ordered = keys[: len(shown)] == shown and all(
        (value(a, "needs_n"), value(a, "states_n")) >= (value(b, "needs_n"), value(b, "states_n")) for a, b in zip(shown, shown[1:])
    )
    if not ordered or keys[len(shown) :] != [k for k in system.forms if k in hidden]:
        return [Finding(r.meeting_id, "order", group, "", kind="order", where=where, differs="the rows do not follow the stated order")]
    return []


def list_attacked(system: System, readings: list[Reading], build: Build) -> list[tuple]:
    """Return every count of 1 or 2 States a reader can name: (atoms, key index, group, kind, reading, other reading)."""
    groups = sorted({u.group for u in build.units}) + [ALL]
    sets: dict[tuple[tuple[int, ...], str], tuple[str, Reading, Reading]] = {}
    for r in readings:
        for q in readings:
            pubs, outside = frozenset([q.pub_id]), frozenset([r.pub_id]) if r is not q else frozenset()
            for g in groups:
                atoms = system.atoms_in(pubs, outside, g)
                if atoms:
                    sets.setdefault((atoms, g), ("count" if r is q else "difference", q, r))
    out = []
    for (atoms, g), (kind, q, r) in sets.items():
        for k in range(len(system.keys)):
            true = system.truth(atoms, k)
            if 1 <= true < THRESHOLD:
                out.append((atoms, k, g, kind, q, r, true))
    return out


def attack(system: System, attacked: list[tuple]) -> list[Finding]:
    """Return a finding for every count attacked: safe when some solution in whole numbers gives it 0, or 3 or more."""
    cols = {i: cast(int, system.name(a[0], a[1])) for i, a in enumerate(attacked)}  # an attacked count has atoms: it is named
    proven: set[int] = set()
    left = list(cols)
    maximise, stale = False, 0
    while left and stale < 2:  # objectives over many counts at once, each whole solution proving all it shows safe
        _, values, _ = system.solve({cols[i]: 1.0 for i in left}, maximise)
        if values is not None and not system.is_whole(values):
            _, values, _ = system.solve({cols[i]: 1.0 for i in left}, maximise, integer=True)
        before = len(left)
        if values is not None:
            proven |= {i for i in left if values[cols[i]] <= EPS or values[cols[i]] >= THRESHOLD - EPS}
            left = [i for i in left if i not in proven]
        stale = stale + 1 if len(left) == before else 0
        maximise = not maximise
    findings = []
    for i, (_, k, g, kind, q, r, true) in enumerate(attacked):
        measure, key = system.keys[k]
        finding = Finding(
            q.meeting_id,
            measure,
            g,
            key,
            true_value=true,
            where=f"{q.pub_id}" + (f" less {r.pub_id}" if kind == "difference" else ""),
            release=q.release,
            kind=kind,
        )
        if i not in proven:
            high = bound(system, cols[i], True)
            low = bound(system, cols[i], False)
            finding.low, finding.high = int(round(low)), int(round(high))
            finding.is_disclosed = low >= 1 - EPS and high <= THRESHOLD - 1 + EPS
            if finding.is_disclosed:
                finding.revealed_by = explain(system, cols[i], maximise=low < 1 - EPS)
        findings.append(finding)
    return findings


def bound(system: System, col: int, maximise: bool) -> float:
    """Return the least or greatest whole value of a count."""
    value, values, _ = system.solve({col: 1.0}, maximise)
    if values is None or system.is_whole(values):
        return value
    return system.solve({col: 1.0}, maximise, integer=True)[0]


def explain(system: System, col: int, maximise: bool, limit: int = 6) -> str:
    """Return the named counts whose published values bind a bound (non-zero reduced cost in the linear programme)."""
    _, _, duals = system.solve({col: 1.0}, maximise)
    lp = system.h.getLp()
    names = {c: key for key, c in system.named.items()}
    found = []
    for c in np.flatnonzero(np.abs(duals) > EPS):
        if c in names and lp.col_lower_[c] == lp.col_upper_[c]:
            atoms, k = names[int(c)]
            found.append(f"{system.keys[k][0]} {system.keys[k][1]} over {len(atoms)} atom(s) = {lp.col_lower_[c]:g}")
    return "; ".join(found[:limit])


def audit_build(reports: str | Path | list[Path], data_dir: str | Path = "", rules: frozenset = STATED_RULES) -> pd.DataFrame:
    """Return the findings of the audit of a public build against every release before it: its folder, or the list of its
    report folders. One row per count of 1 or 2 States attacked, and per figure, order or number found wrong."""
    folders = [p.parent for p in Path(reports).glob("*/meta.json")] if isinstance(reports, (str, Path)) else list(reports)
    build = read_build(folders, data_dir)
    findings: list[Finding] = []
    for checklist, readings in build.readings.items():
        system = System(build.units, readings, build.known, build.provisions[checklist], build.forms)
        findings += fix_readings(system, readings, build, rules)
        findings += attack(system, list_attacked(system, readings, build))
    findings += check_texts(folders, build)
    columns = list(Finding.__dataclass_fields__)
    return pd.DataFrame([f.__dict__ for f in findings], columns=columns)


TEXT_NOTEBOOKS = ("background_paper", "regional_needs", "country_brief")  # documents whose figures count States' answers


def check_texts(folders: list[Path], build: Build) -> list[Finding]:
    """Return a finding for every number a public document of the self-assessment (background paper, regional analysis,
    brief) states that is no figure it publishes nor one every reader knows (lib.analysis.texts)."""
    public = {r.meeting_id: r.public for readings in build.readings.values() for r in readings if r.release == NEW}
    out = []
    for folder in folders:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        if meta["notebook"] not in TEXT_NOTEBOOKS:
            continue
        known = public.get(meta["parameters"].get("meeting_id", ""), set())
        differences = {abs(a - b) for a in known for b in known if a.is_integer() and b.is_integer()}
        for where, text in find_unpublished_numbers(folder, known | differences):
            out.append(Finding("", "text", "", "", kind="text", where=where, differs=f"states {text}, which no published figure gives"))
    return out


def describe_findings(findings: pd.DataFrame, limit: int = 20) -> str:
    """Return the audit's verdict in lines: what it attacked, what it pinned, what differs."""
    counts = findings[findings["kind"].isin(["count", "difference"]) & (findings["differs"] == "")]
    disclosed = findings[findings["is_disclosed"]]
    wrong = findings[findings["differs"] != ""]
    releases = sorted(set(findings["release"]) - {NEW})
    lines = [
        f"Audit: {len(counts)} counts of 1 or 2 States attacked ({int((counts['kind'] == 'difference').sum())} of them "
        f"differences between two publications), against {len(releases)} earlier release(s); {len(disclosed)} pinned down by "
        f"the published figures; {len(wrong)} figures, orders or numbers found wrong."
    ]
    lines += [
        f"  DISCLOSED {r.meeting_id} {r.measure} of {r.group_code} {r.key} ({r.kind}, {r.where}): true {r.true_value}, the published "
        f"figures allow only {r.low} to {r.high}; revealed by: {r.revealed_by}"
        for r in disclosed.head(limit).itertuples()
    ]
    lines += [
        f"  WRONG {r.meeting_id} {r.measure} of {r.group_code} {r.key}: {r.differs} ({r.where})" for r in wrong.head(limit).itertuples()
    ]
    return "\n".join(lines)


def is_failed(findings: pd.DataFrame) -> bool:
    """Return True when the audit found a disclosure or something wrong."""
    return bool(findings["is_disclosed"].any() or (findings["differs"] != "").any())


def main(argv: list[str] | None = None) -> int:
    """Command line: python -m lib.analysis.audit REPORTS_DIR [--data-dir D]; exit 1 when the audit fails."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("reports_dir")
    parser.add_argument("--data-dir", default="")
    args = parser.parse_args(argv)
    findings = audit_build(args.reports_dir, args.data_dir)
    print(describe_findings(findings))
    return 1 if is_failed(findings) else 0


if __name__ == "__main__":
    sys.exit(main())
