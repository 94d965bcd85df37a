"""Plan what a public release suppresses, over everything a reader holds at once: every earlier release in the register,
every meeting of the same checklist and every consenting State's brief. The threshold rule first (a count of 1 or 2
States is suppressed, and every figure of a group with 1 or 2 respondents), then further figures, chosen by linear
programming over the linked tables (lib.analysis.linked), until no count of 1 or 2 States can be worked out, in any
publication or in any difference between two publications; a meeting whose figures are unchanged since a release
republishes that release's figures as issued."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from lib.analysis import needs
from lib.analysis.linked import NOT_NEEDED, NOT_REQUESTING, Expression, LinkedModel, Publication, count_units, list_measure_keys
from lib.analysis.protection import Protector
from lib.io.builds import read_consents
from lib.io.codes import ALL_GROUPS as ALL, NO_FORM, NO_GROUP_CODE
from lib.io.files import write_if_changed
from lib.io.paths import processed_dir, raw_dir
from lib.io.releases import Release, fingerprint_answers, list_releases
from lib.model.disclosure import MIN_STATES, RELEASE_PLAN_FILE, SUPPRESSION_FILE, Policy

RESPONDENTS = "responding_parties_n"  # the base of every share of a group: public (Annex I names the respondents)
NON_PARTY, ALL_REPLIES = "non_party_respondents_n", "respondents_n"  # replies of non-parties, and all replies: public too
ANALYSED = "analysed"  # shown for the groups that get a regional analysis (not 'no regional group'), and for all groups
# Where each count is shown in a public build, before suppression: for every group, for all groups only, or for the
# analysed groups and all groups; the others are shown nowhere, but a reader can still work them out, so the plan
# protects them like suppressed ones. The audit (lib.analysis.audit) reads what is published and checks this.
SHOWN = {
    "full_n": "every",
    "partial_n": ALL,
    "none_n": ALL,
    "no_answer_n": ALL,
    "ta_needed_n": "every",
    "unmet_n": "every",
    "ta_provided_n": ANALYSED,
    "needs_n": ANALYSED,
    "states_n": ANALYSED,
    NOT_NEEDED: "nowhere",
    NOT_REQUESTING: "nowhere",
}
CELL_COLUMNS = ["meeting_id", "measure", "group_code", "key"]
NEW = "new"  # the release being planned, in publication ids ('new/<meeting id>')


@dataclass
class Candidate:
    """One meeting as the release being planned would publish it."""

    meeting_id: str
    checklist_id: str
    groups: list[str]  # the groups of its parties, in the reports' order
    parties: dict[str, int]  # parties by group, and ALL
    respondents: dict[str, int]  # responding parties by group, and ALL
    non_party: tuple[int, int]  # (non-party respondents, all respondents)
    units: pd.DataFrame  # one row per responding party: state_code, group_code, version
    counts: pd.DataFrame  # each responding party's own counts (lib.analysis.linked.count_units)
    answers: pd.DataFrame  # the rows counted (for the register), as the processed tables have them
    answer_forms: pd.DataFrame
    everyone: pd.DataFrame  # every respondent (parties and not): state_code, group_code, is_party, version


@dataclass
class ReleasePlan:
    """The plan of one release: every count with its status, where each meeting's figures come from, the briefs."""

    cells: pd.DataFrame
    meetings: dict = field(default_factory=dict)  # meeting_id -> {"source": "current" or the release republished}
    briefs: list = field(default_factory=list)  # [state_code, meeting_id] to publish
    withheld: list = field(default_factory=list)  # [state_code, meeting_id, reason] consenting, not published
    checks: int = 0  # bounds solved
    answers: list = field(default_factory=list)  # the answers each meeting's figures come from (for the register)
    answer_forms: list = field(default_factory=list)
    respondents: list = field(default_factory=list)  # who is counted at each meeting, with the version of its answers


def describe_candidate(data: needs.Dataset, meeting_id: str, provisions_forms: tuple[list[str], list[str]], policy: Policy) -> Candidate:
    """Return a meeting's figures as the release would publish them (from the current data, or from the answers of the
    release the policy republishes it from): its respondents, their versions and their own counts."""
    snap = needs.take_snapshot(data, meeting_id, policy=policy)
    provisions, forms = provisions_forms
    groups = needs._groups(snap)["group_code"].tolist()
    answers = snap.answers[snap.answers["is_party"]]
    answer_forms = snap.answer_forms[snap.answer_forms["is_party"]]
    versions = fingerprint_answers(snap.answers)
    everyone = snap.answers.drop_duplicates("state_code")[["state_code", "group_code", "is_party"]].set_index("state_code").join(versions)
    units = everyone[everyone["is_party"]].drop(columns="is_party").reset_index()
    summary = needs.summarise_response(snap)
    parties = snap.parties.groupby("group_code").size().to_dict()
    respondents = units.groupby("group_code").size().to_dict()
    return Candidate(
        meeting_id,
        snap.meeting["checklist_id"],
        groups,
        parties | {ALL: len(snap.parties)},
        {g: respondents.get(g, 0) for g in groups} | {ALL: len(units)},
        (summary[NON_PARTY], summary[ALL_REPLIES]),
        units.sort_values("state_code").reset_index(drop=True),
        count_units(answers, answer_forms, provisions, forms),
        snap.answers[data.answers.columns].assign(meeting_id=meeting_id),
        snap.answer_forms[data.answer_forms.columns].assign(meeting_id=meeting_id),
        everyone.reset_index().assign(meeting_id=meeting_id),
    )


def is_shown(measure: str, group: str, analysed: set[str]) -> bool:
    """Return True when a public build shows this count for this group (before suppression)."""
    scope = SHOWN[measure]
    return scope == "every" or (scope != "nowhere" and (group == ALL or (scope == ANALYSED and group in analysed)))


class Planner:
    """The plan over one checklist: the publications of earlier releases (fixed) and the new ones (to decide)."""

    def __init__(self, checklist: str, provisions: list[str], forms: list[str], threshold: int = MIN_STATES):
        self.checklist, self.provisions, self.forms, self.threshold = checklist, provisions, forms, threshold
        self.measure_keys = list_measure_keys(provisions, forms)
        self.units: dict[tuple[str, str], int] = {}  # (state_code, version) -> unit index
        self.unit_group: list[str] = []
        self.unit_counts: list[np.ndarray] = []
        self.old: list[tuple[Publication, dict]] = []  # earlier publications with their published cells {(measure, group, key): value}
        self.new: list[tuple[Publication, Candidate]] = []
        self.known: set[int] = set()
        self.checks = 0

    def add_unit(self, state: str, version: str, group: str, counts: np.ndarray) -> int:
        """Return the index of a State's version of its answers, adding it on first sight."""
        key = (state, version)
        if key not in self.units:
            self.units[key] = len(self.unit_group)
            self.unit_group.append(group)
            self.unit_counts.append(counts)
        return self.units[key]

    def add_units(self, units: pd.DataFrame, counts: pd.DataFrame) -> list[int]:
        """Add a publication's units (state_code, group_code, version) with their own counts; return their indices."""
        matrix = counts.reindex(columns=pd.MultiIndex.from_tuples(self.measure_keys), fill_value=0)
        return [self.add_unit(r.state_code, r.version, r.group_code, matrix.loc[r.state_code].to_numpy()) for r in units.itertuples()]

    def add_old(self, meeting_id: str, units: list[int], published: dict) -> None:
        """Add an earlier release's publication of a meeting; one with the same States and versions as another is the
        same publication, and what either published is known."""
        for pub, cells in self.old:
            if pub.meeting_id == meeting_id and set(pub.units) == set(units):
                cells.update(published)
                return
        self.old.append((Publication(f"old{len(self.old)}/{meeting_id}", meeting_id, sorted(units)), dict(published)))

    def find_issued(self, meeting_id: str, units: list[int]) -> dict | None:
        """Return the published cells of an earlier publication of this meeting with exactly these units, if any."""
        for pub, cells in self.old:
            if pub.meeting_id == meeting_id and set(pub.units) == set(units):
                return cells
        return None

    def model(self) -> LinkedModel:
        """Return the linked model of every publication, with the earlier releases' published cells fixed."""
        pubs = [p for p, _ in self.old] + [p for p, _ in self.new]
        known = np.zeros(len(self.unit_group), bool)
        known[list(self.known)] = True
        model = LinkedModel(
            self.measure_keys, self.provisions, self.forms, np.array(self.unit_group, dtype=object), np.array(self.unit_counts), known, pubs
        ).build()
        mk_index = {mk: i for i, mk in enumerate(self.measure_keys)}
        for pub, cells in self.old:
            for (measure, group, key), value in cells.items():
                if (measure, key) in mk_index:
                    mk = mk_index[(measure, key)]
                    expr = model.cell(pub, group, mk)
                    if expr.atoms:
                        model.fix(expr, value - model.known_value(pub, group, mk))
                        model.issued.add(expr.column)
        return model

    def list_sensitive(self, model: LinkedModel, pubs: list[Publication]) -> list:
        """Return every count a reader could name (each publication's counts, and the States counted in one publication
        and not in another) whose value beyond the known States is 1 or 2: the counts to protect."""
        groups = sorted(set(self.unit_group)) + [ALL]
        sets = {frozenset(model.atoms_of(frozenset([p.pub_id]))) for p in pubs}
        sets |= {frozenset(model.atoms_of(frozenset([q.pub_id]), frozenset([p.pub_id]))) for p in pubs for q in pubs if p is not q}
        out = []
        for atoms in sets:
            if not atoms:
                continue
            for g in groups:
                chosen = [a for a in atoms if g == ALL or model.atoms[a][1] == g]
                if not chosen:
                    continue
                units = np.concatenate([model.atom_units[a] for a in chosen])
                values = model.unit_counts[units].sum(axis=0)
                for mk in np.flatnonzero((values >= 1) & (values < self.threshold)):
                    out.append(model.expression(sorted(atoms), g, int(mk)))
        return list({e.column: e for e in out}.values())


def plan_checklist(planner: Planner) -> tuple[dict[str, pd.DataFrame], list[tuple[Expression, str]], int]:
    """Decide the status of every count of the new publications of one checklist. Return ({meeting: cells with their
    status}, [the counts no new figure can protect, with why], bounds solved)."""
    model = planner.model()
    mk_index = {mk: i for i, mk in enumerate(planner.measure_keys)}
    decided: dict[str, pd.DataFrame] = {}
    owners: dict[int, list[tuple[str, int]]] = {}  # expression column -> (meeting, row of its cells) of new counts
    tables = {}
    for pub, cand in planner.new:
        analysed = set(cand.groups) - {NO_GROUP_CODE}
        rows = []
        for g in [ALL] + cand.groups:
            n_resp = cand.respondents.get(g, 0)
            for measure, key in planner.measure_keys:
                mk = mk_index[(measure, key)]
                expr = model.cell(pub, g, mk) if n_resp else None
                known = model.known_value(pub, g, mk) if n_resp else 0
                value = (expr.true_value if expr is not None and expr.atoms else 0) + known
                rows.append((g, measure, key, value, known, is_shown(measure, g, analysed), expr))
        table = pd.DataFrame(rows, columns=["group_code", "measure", "key", "value", "known", "shown", "expr"])
        thin = {g for g in cand.groups if 1 <= count_unknown(planner, pub, g) < planner.threshold}
        residual = table["value"] - table["known"]
        table["primary"] = table["shown"] & (residual.between(1, planner.threshold - 1) | table["group_code"].isin(thin))
        table["published"] = table["shown"] & ~table["primary"]
        tables[pub.meeting_id] = (pub, table)
        for i, r in table.iterrows():
            if r["expr"] is not None and r["expr"].atoms:
                if r["expr"].column in model.issued and r["shown"]:  # an earlier release published it: hiding it now protects nothing
                    table.at[i, "published"] = True
                owners.setdefault(r["expr"].column, []).append((pub.meeting_id, i))
                if r["published"]:
                    model.fix(r["expr"], r["value"] - r["known"])
    pubs = [p for p, _ in planner.old] + [p for p, _ in planner.new]
    protector = Protector(model, planner.list_sensitive(model, pubs), list(owners), planner.threshold)
    secondary: set[int] = set()

    def usable(columns) -> list[int]:  # new figures published so far, which no earlier release published already
        return [c for c in columns if c in owners and c not in model.issued and all(tables[m][1].at[i, "published"] for m, i in owners[c])]

    # Suppressing a figure only widens what the others can be: a count found safe stays safe, so only the counts found
    # pinned are bounded again, until none is.
    pending = protector.certify(protector.sensitive)
    while pending:
        still = []
        for expr in pending:
            disclosed, binding = protector.check(expr)  # (proven safe at once when another count's witness shows it)
            if not disclosed:
                continue
            choices = usable(binding if binding is not None else []) or usable(related(model, expr, owners))
            if not choices:
                where = f"{planner.measure_keys[expr.mk]} of {expr.group}"
                return {}, [(expr, f"no new figure can protect {where}")], protector.checks
            cost = {c: sum(tables[m][1].at[i, "value"] - tables[m][1].at[i, "known"] for m, i in owners[c]) for c in choices}
            column = min(choices, key=lambda c: (cost[c], c))
            for m, i in owners[column]:
                tables[m][1].at[i, "published"] = False
            model.free(model_expression(model, column))
            secondary.add(column)
            still.append(expr)
        pending = still
    release_unneeded(protector, tables, owners, secondary)
    for meeting_id, (_, table) in tables.items():
        status = np.where(
            table["published"], "published", np.where(table["primary"], "primary", np.where(table["shown"], "secondary", "not shown"))
        )
        decided[meeting_id] = table.drop(columns=["expr", "primary", "published"]).assign(status=status)
    return decided, [], protector.checks


def related(model: LinkedModel, expr, owners: dict) -> list[int]:
    """Return the new counts sharing an atom and an article or form with an expression: where to look for a figure
    to suppress when no published figure binds its bound in the linear programme (the integer one pinned it)."""
    key = model.measure_keys[expr.mk][1]
    atoms = set(expr.atoms)
    return [
        e.column for e in model.expressions.values() if e.column in owners and model.measure_keys[e.mk][1] == key and atoms & set(e.atoms)
    ]


def count_unknown(planner: Planner, pub: Publication, group: str) -> int:
    """Return the respondents of a group in a publication whose answers no published brief gives."""
    return sum(1 for u in pub.units if planner.unit_group[u] == group and u not in planner.known)


def model_expression(model: LinkedModel, column: int):
    """Return the expression of a column."""
    return next(e for e in model.expressions.values() if e.column == column)


def release_unneeded(protector: Protector, tables: dict, owners: dict, secondary: set[int]) -> None:
    """Publish again every further suppressed count that protects nothing, the largest first: each is kept published
    only if every count to protect can still not be worked out (information loss kept to what protection needs)."""
    model = protector.model
    truth = {
        c: tables[owners[c][0][0]][1].at[owners[c][0][1], "value"] - tables[owners[c][0][0]][1].at[owners[c][0][1], "known"]
        for c in secondary
    }
    for column in sorted(secondary, key=lambda c: (-truth[c], c)):
        expr = model_expression(model, column)
        model.fix(expr, truth[column])
        lost = protector.publish(column, truth[column])
        if not protector.is_all_safe(lost, integer=False):
            model.free(expr)
            protector.withdraw()
            continue
        for m, i in owners[column]:
            tables[m][1].at[i, "published"] = True
        secondary.discard(column)


def plan_release(
    data: needs.Dataset, consenting: set[str], releases: list[Release], data_dir: str = "", threshold: int = MIN_STATES
) -> ReleasePlan:
    """Return the plan of a public release: every count of every meeting with its status, the source of each meeting's
    figures (the current data, or an earlier release's as issued), and the briefs it publishes or withholds."""
    meetings = data.meetings.sort_values("cutoff_date")
    forms = data.ta_forms["ta_form_code"].tolist() + [NO_FORM]
    frames, plan = [], ReleasePlan(pd.DataFrame())
    for checklist, chosen in meetings.groupby("checklist_id", sort=False):
        provisions = data.checklist.loc[data.checklist["checklist_id"] == checklist].sort_values("provision_order")["provision"].tolist()
        sources = {m: "current" for m in chosen["meeting_id"]}
        withheld: set[tuple[str, str]] = set()
        while True:
            candidates = [
                describe_candidate(data, m, (provisions, forms), frozen_policy(data_dir, m, source)) for m, source in sources.items()
            ]
            planner = Planner(checklist, provisions, forms, threshold)
            issued = load_issued(planner, releases, set(sources))
            briefs = []
            for cand in candidates:
                ids = planner.add_units(cand.units, cand.counts)
                briefs += [
                    (s, cand.meeting_id, u)
                    for s, u in zip(cand.units["state_code"], ids)
                    if s in consenting and (s, cand.meeting_id) not in withheld
                ]
                if planner.find_issued(cand.meeting_id, ids) is None:
                    planner.new.append((Publication(f"{NEW}/{cand.meeting_id}", cand.meeting_id, ids, True), cand))
            planner.known |= issued["known"] | {u for _, _, u in briefs}
            blocked = withhold_briefs(planner, briefs, issued["known"])
            if blocked:
                withheld |= blocked
                continue
            decided, failed, checks = plan_checklist(planner)
            plan.checks += checks
            if failed:  # no new figure can protect it: an issued meeting keeps its issued figures, the latest first
                revisable = [p.meeting_id for p, _ in planner.new if p.meeting_id in issued["last"]]
                if not revisable:
                    raise RuntimeError(f"No figure can protect a count of {checklist}: suppress its whole table ({failed[0][1]}).")
                sources[revisable[-1]] = issued["last"][revisable[-1]]
                continue
            costly = [m for m in decided if m in issued["cells"] and is_costly(decided[m], issued["cells"][m])]
            if costly:  # a revision hiding too much of what was issued: the issued figures stand
                sources[costly[-1]] = issued["last"][costly[-1]]
                continue
            break
        for cand in candidates:
            if cand.meeting_id in decided:
                cells = add_public_counts(decided[cand.meeting_id], cand)
            else:  # unchanged since an earlier release, or kept as issued: its figures as that release published them
                cells = issued["cells"][cand.meeting_id]
            frames.append(cells.assign(meeting_id=cand.meeting_id))
            plan.meetings[cand.meeting_id] = {"source": sources[cand.meeting_id]}
            plan.answers.append(cand.answers)
            plan.answer_forms.append(cand.answer_forms)
            plan.respondents.append(cand.everyone)
        plan.briefs += [[s, m] for s, m, _ in briefs]
        plan.withheld += [[s, m, WITHHELD_BRIEF] for s, m in sorted(withheld)]
    plan.cells = pd.concat(frames, ignore_index=True)[CELL_COLUMNS + ["value", "known", "shown", "status"]]
    return plan


# A revision of an issued meeting's figures may hide at most this share of the figures the issue published: hiding more
# would trade a document readers have for a worse one (the late answers count at the next meeting anyway).
REVISION_MAX_LOSS = 0.1


def is_costly(revised: pd.DataFrame, issued: pd.DataFrame) -> bool:
    """Return True when a revision publishes fewer than (1 - REVISION_MAX_LOSS) of the figures the issue published."""
    published = lambda t: int((t["status"] == "published").sum())  # noqa: E731
    issued = issued[issued["measure"].isin(set(revised["measure"]))]  # the counts both plan (the public ones aside)
    return published(revised) < (1 - REVISION_MAX_LOSS) * published(issued)


WITHHELD_BRIEF = "its answers, with the figures already issued, would let a reader work out other States' answers"  # why a brief waits


def frozen_policy(data_dir: str, meeting_id: str, source: str) -> Policy:
    """Return the policy a meeting's candidate is read under: its figures from the release it is republished from."""
    return Policy("public", frozen=((meeting_id, source),) if source != "current" else (), data_dir=data_dir)


def add_public_counts(cells: pd.DataFrame, cand: Candidate) -> pd.DataFrame:
    """Return a meeting's cells with the counts every public build publishes: responding parties by group, non-party replies."""
    extra = [(g, RESPONDENTS, "", n, 0, True, "published") for g, n in cand.respondents.items()]
    extra += [
        (ALL, NON_PARTY, "", cand.non_party[0], 0, True, "published"),
        (ALL, ALL_REPLIES, "", cand.non_party[1], 0, True, "published"),
    ]
    public = pd.DataFrame(extra, columns=["group_code", "measure", "key", "value", "known", "shown", "status"])
    return pd.concat([public, cells[public.columns]], ignore_index=True)


def load_issued(planner: Planner, releases: list[Release], meetings: set[str]) -> dict:
    """Add every earlier release's publications of these meetings to the planner; return what they tell: the units whose
    briefs were published (known), each meeting's cells as last issued and the release that last issued them."""
    out: dict = {"known": set(), "cells": {}, "last": {}}  # known: unit ids; cells: meeting -> table; last: meeting -> release id
    for release in releases:
        cells = release.read_cells()
        respondents = release.read_respondents()
        answers, answer_forms = release.read_answers()
        for meeting_id in sorted(meetings & set(release.meetings)):
            who = respondents[(respondents["meeting_id"] == meeting_id) & respondents["is_party"]]
            mine = answers[answers["meeting_id"] == meeting_id]
            counts = count_units(mine, answer_forms[answer_forms["meeting_id"] == meeting_id], planner.provisions, planner.forms)
            ids = planner.add_units(who[["state_code", "group_code", "version"]], counts)
            table = cells[(cells["meeting_id"] == meeting_id)]
            published = table[table["status"] == "published"]
            planner.add_old(meeting_id, ids, {(r.measure, r.group_code, r.key): float(r.value) for r in published.itertuples()})
            out["cells"][meeting_id] = table.drop(columns=["meeting_id"]).reset_index(drop=True)
            out["last"][meeting_id] = release.release_id
            unit_of = dict(zip(who["state_code"], ids))
            out["known"] |= {unit_of[s] for s, m in release.briefs if m == meeting_id and s in unit_of}
    return out


def withhold_briefs(planner: Planner, briefs: list, known_before: set[int]) -> set[tuple[str, str]]:
    """Return the new briefs to withhold: those whose answers, with what earlier releases published, let a reader work
    out a count of 1 or 2 other States (those figures cannot be suppressed any more)."""
    new = [(s, m, u) for s, m, u in briefs if u not in known_before]
    if not new or not planner.old:
        return set()
    saved, planner.new = planner.new, []
    model = planner.model()
    blocked = set()
    protector = Protector(model, planner.list_sensitive(model, [p for p, _ in planner.old]), [], planner.threshold)
    for expr in protector.certify(protector.sensitive):
        if protector.check(expr)[0]:
            blocked |= {(s, m) for s, m, u in new if expr.group in (ALL, planner.unit_group[u])}
    planner.new = saved
    return blocked


RELEASE_INPUTS = {  # in processed/: what the next release registers beside what it publishes (lib.io.releases)
    "answers": "release-answers.parquet",
    "answer_forms": "release-answer-forms.parquet",
    "respondents": "release-respondents.csv",
}


def write_plan(plan: ReleasePlan, data_dir: str, releases: list[Release]) -> None:
    """Write the plan (cells, decisions) and what the release would register into the processed folder, each only when
    it changes (so that the public reports rebuild only then)."""
    out = processed_dir(data_dir)
    write_if_changed(out / SUPPRESSION_FILE, plan.cells.to_csv(index=False).encode("utf-8"))
    decisions = {
        "meetings": plan.meetings,
        "briefs": plan.briefs,
        "withheld": plan.withheld,
        "releases_before": [r.release_id for r in releases],
    }
    write_if_changed(out / RELEASE_PLAN_FILE, (json.dumps(decisions, indent=1) + "\n").encode("utf-8"))
    pd.concat(plan.answers, ignore_index=True).to_parquet(out / RELEASE_INPUTS["answers"], index=False)
    pd.concat(plan.answer_forms, ignore_index=True).to_parquet(out / RELEASE_INPUTS["answer_forms"], index=False)
    respondents = pd.concat(plan.respondents, ignore_index=True)[["meeting_id", "state_code", "group_code", "is_party", "version"]]
    write_if_changed(out / RELEASE_INPUTS["respondents"], respondents.to_csv(index=False).encode("utf-8"))


def describe_plan(plan: ReleasePlan, releases: list[Release]) -> str:
    """Return the plan in one line: counts suppressed, earlier releases, meetings kept as issued, briefs withheld."""
    shown = plan.cells[plan.cells["status"] != "not shown"]
    counts = shown["status"].value_counts()
    kept = [f"{m} (as issued in {d['source']})" for m, d in plan.meetings.items() if d["source"] != "current"]
    return (
        f"Disclosure: {counts.get('primary', 0)} counts suppressed by the threshold rule + {counts.get('secondary', 0)} to "
        f"protect them = {counts.get('primary', 0) + counts.get('secondary', 0)} suppressed of {len(shown)} shown, against "
        f"{len(releases)} earlier release(s) ({plan.checks} bounds solved)"
        + (f"; figures kept as issued: {', '.join(kept)}" if kept else "")
        + (f"; {len(plan.withheld)} brief(s) withheld" if plan.withheld else "")
    )


def main(argv: list[str] | None = None) -> int:
    """Command line: python -m lib.analysis.suppression [--data-dir D]: writes processed/suppression-public.csv, the
    release plan (where each meeting's figures come from, the briefs published or withheld) and the release's inputs."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", default="")
    args = parser.parse_args(argv)
    data = needs.load_dataset(args.data_dir)
    releases = list_releases(args.data_dir)
    plan = plan_release(data, read_consents(raw_dir(args.data_dir)), releases, args.data_dir)
    write_plan(plan, args.data_dir, releases)
    print(describe_plan(plan, releases))
    return 0


if __name__ == "__main__":
    sys.exit(main())
