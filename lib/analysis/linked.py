"""The linked tables a reader of every public release can reason over, for one checklist: each count of every
publication (a meeting's figures in a release) written as a sum over 'atoms' (the States whose answers appear in exactly
the same publications), so that a difference between two publications is a sum over atoms too; bounds by linear
programming (HiGHS), confirmed by integer programming where the linear bound is fractional. Used by the plan
(lib.analysis.suppression); the audit (lib.analysis.audit) has its own code."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field

import highspy
import numpy as np
import pandas as pd

from lib.analysis.needs import flag_needs
from lib.io.codes import ALL_GROUPS as ALL, NO_FORM

COMPLIANCE = ["full_n", "partial_n", "none_n", "no_answer_n"]  # a State's answer for an article: exactly one of these
NEEDS = ["ta_needed_n", "ta_provided_n", "unmet_n"]  # needed = provided + unmet
NOT_NEEDED = "ta_not_needed_n"  # the other answer to 'TA needed?': shown nowhere, yet respondents minus needing gives it
FORMS = ["needs_n", "states_n"]  # requests naming a form, States naming it
NOT_REQUESTING = "states_not_n"  # States not naming a form: shown nowhere, yet respondents minus states_n gives it
TOLERANCE = 1e-6  # bounds of the linear programme are floats: within this of an integer is that integer
INF = highspy.kHighsInf


def list_measure_keys(provisions: list[str], forms: list[str]) -> list[tuple[str, str]]:
    """Return every count a group has at a meeting, as (measure, key): by article, then by form."""
    by_article = [(m, p) for p in provisions for m in COMPLIANCE + NEEDS + [NOT_NEEDED]]
    return by_article + [(m, f) for f in forms for m in FORMS + [NOT_REQUESTING]]


def count_units(answers: pd.DataFrame, answer_forms: pd.DataFrame, provisions: list[str], forms: list[str]) -> pd.DataFrame:
    """Return each State's own counts at a meeting (one row per State, one column per (measure, key)): what it adds to
    every count of its group and of all groups. answers: its rows (latest submission); answer_forms: their forms."""
    states = sorted(answers["state_code"].unique())
    columns = pd.MultiIndex.from_tuples(list_measure_keys(provisions, forms), names=["measure", "key"])
    out = pd.DataFrame(0, index=pd.Index(states, name="state_code"), columns=columns, dtype="int64")
    if not states:
        return out
    rows = answers[answers["provision"].isin(provisions)]
    code = rows["compliance_code"].where(rows["compliance_code"].isin(["full", "partial", "none"]), "no_answer").fillna("no_answer")
    answered = pd.crosstab(rows["state_code"], [code + "_n", rows["provision"]]).reindex(index=states, fill_value=0)
    flags = flag_needs(rows)
    for measure, flag in (("ta_needed_n", "is_need"), ("ta_provided_n", "is_provided"), ("unmet_n", "is_unmet")):
        table = flags[flag].astype(int).groupby([rows["state_code"], rows["provision"]]).sum().unstack(fill_value=0)
        for p in provisions:
            out[(measure, p)] = table[p].reindex(states, fill_value=0).to_numpy() if p in table else 0
    for p in provisions:
        for measure in COMPLIANCE[:3]:
            out[(measure, p)] = answered[(measure, p)].to_numpy() if (measure, p) in answered else 0
        out[("no_answer_n", p)] = 1 - out[[(m, p) for m in COMPLIANCE[:3]]].sum(axis=1)
        out[(NOT_NEEDED, p)] = 1 - out[("ta_needed_n", p)]
    needs = rows[flags["is_need"]][["state_code", "provision", "submitted_on"]]
    requests = needs.merge(answer_forms[["state_code", "provision", "submitted_on", "ta_form_code"]], how="left")
    requests = requests.fillna({"ta_form_code": NO_FORM})
    per_form = requests.groupby(["state_code", "ta_form_code"]).size().unstack(fill_value=0)
    for f in forms:
        n = per_form[f].reindex(states, fill_value=0).to_numpy() if f in per_form else 0
        out[("needs_n", f)] = n
        out[("states_n", f)] = (np.asarray(n) > 0).astype(int) if f in per_form else 0
        out[(NOT_REQUESTING, f)] = 1 - out[("states_n", f)]
    return out


@dataclass
class Publication:
    """A meeting's figures as one release publishes them: which States (and which version of their answers) they count."""

    pub_id: str  # '<release id>/<meeting id>', or 'new/<meeting id>' for the release being planned
    meeting_id: str
    units: list[int]  # indices of the units (a State's version of its answers) counted, parties only
    is_new: bool = False


@dataclass
class Expression:
    """A count a reader can name: the sum, over a set of atoms of one group (or all groups), of one (measure, key)."""

    column: int
    atoms: tuple[int, ...]
    group: str
    mk: int  # index into the model's measure keys
    true_value: int  # beyond the known units


@dataclass
class LinkedModel:
    """The linear programme over one checklist's publications: atom columns, expression columns, relations."""

    measure_keys: list[tuple[str, str]]
    provisions: list[str]
    forms: list[str]
    unit_groups: np.ndarray  # group of each unit
    unit_counts: np.ndarray  # units x measure keys: each unit's own counts
    known: np.ndarray  # bool per unit: its answers are published in a brief (in any release)
    publications: list[Publication]
    atoms: list[tuple[frozenset, str]] = field(default_factory=list)  # (publications containing it, group)
    atom_units: list[np.ndarray] = field(default_factory=list)
    expressions: dict = field(default_factory=dict)  # (atoms, group, mk) -> Expression
    highs: highspy.Highs | None = None
    n_atom_columns: int = 0
    fixed: dict = field(default_factory=dict)  # expression column -> value it is fixed at (beyond known)
    mip: highspy.Highs | None = None  # the integer copy (integer_copy)
    issued: set = field(default_factory=set)  # columns an earlier release published: fixed for good
    atom_upper: np.ndarray | None = None  # the upper bound of every atom column

    def build(self) -> LinkedModel:
        """Group the unknown units into atoms, add the atom columns and their relations (a State's answers add up)."""
        membership: dict[int, set[str]] = {}
        for pub in self.publications:
            for u in pub.units:
                membership.setdefault(u, set()).add(pub.pub_id)
        keyed: dict[tuple[frozenset, str], list[int]] = {}
        for u, pubs in membership.items():
            if not self.known[u]:
                keyed.setdefault((frozenset(pubs), self.unit_groups[u]), []).append(u)
        self.atoms = sorted(keyed, key=lambda k: (sorted(k[0]), k[1]))
        self.atom_units = [np.array(sorted(keyed[a])) for a in self.atoms]
        n_mk = len(self.measure_keys)
        self.n_atom_columns = len(self.atoms) * n_mk
        h = make_solver()
        upper = []
        mk_index = {mk: i for i, mk in enumerate(self.measure_keys)}
        for units in self.atom_units:
            size = float(len(units))
            upper += [size * (len(self.provisions) if m == "needs_n" else 1) for m, _ in self.measure_keys]
        self.atom_upper = np.array(upper, dtype=float)
        h.addVars(self.n_atom_columns, np.zeros(self.n_atom_columns), self.atom_upper)
        rows: list[tuple[dict[int, float], float, float]] = []
        n_prov = float(len(self.provisions))
        for a, units in enumerate(self.atom_units):
            size, col = float(len(units)), lambda m, k, a=a: a * n_mk + mk_index[(m, k)]
            for p in self.provisions:
                rows.append(({col(m, p): 1.0 for m in COMPLIANCE}, size, size))
                rows.append(({col("ta_needed_n", p): 1.0, col("ta_provided_n", p): -1.0, col("unmet_n", p): -1.0}, 0.0, 0.0))
                rows.append(({col("ta_needed_n", p): 1.0, col(NOT_NEEDED, p): 1.0}, size, size))
            for f in self.forms:
                rows.append(({col("states_n", f): 1.0, col("needs_n", f): -1.0}, -INF, 0.0))
                rows.append(({col("needs_n", f): 1.0, col("states_n", f): -n_prov}, -INF, 0.0))
                rows.append(({col("states_n", f): 1.0, col(NOT_REQUESTING, f): 1.0}, size, size))
                rows.append(({col("needs_n", f): 1.0} | {col("ta_needed_n", p): -1.0 for p in self.provisions}, -INF, 0.0))
            rows.append(({col("ta_needed_n", p): 1.0 for p in self.provisions} | {col("needs_n", f): -1.0 for f in self.forms}, -INF, 0.0))
        add_rows(h, rows)
        self.highs = h
        return self

    def programme(self) -> highspy.Highs:
        """Return the linear programme build() made (a model not built yet has none)."""
        if self.highs is None:
            raise RuntimeError("The linked model has no linear programme yet: build() makes it.")
        return self.highs

    def atoms_of(self, pub_ids: set[str] | frozenset, exclude: set[str] | frozenset = frozenset()) -> list[int]:
        """Return the atoms counted in every publication of pub_ids and in none of exclude ... as a reader combines
        them: the atoms of one publication (exclude empty), or of one publication and not another (a difference)."""
        return [i for i, (pubs, _) in enumerate(self.atoms) if pub_ids <= pubs and not (pubs & exclude)]

    def expression(self, atoms: list[int], group: str, mk: int) -> Expression:
        """Return the column of the sum of one (measure, key) over these atoms (of one group, or all), adding it once."""
        chosen = tuple(a for a in atoms if group == ALL or self.atoms[a][1] == group)
        key = (chosen, group, mk)
        if key not in self.expressions:
            h = self.programme()
            column = h.getNumCol()
            h.addVars(1, np.zeros(1), np.array([INF]))
            terms = {column: 1.0} | {a * len(self.measure_keys) + mk: -1.0 for a in chosen}
            add_rows(h, [(terms, 0.0, 0.0)])
            true = int(sum(self.unit_counts[self.atom_units[a], mk].sum() for a in chosen))
            self.expressions[key] = Expression(column, chosen, group, mk, true)
        return self.expressions[key]

    def cell(self, pub: Publication, group: str, mk: int) -> Expression:
        """Return the expression of one count of a publication: its atoms of the group (all atoms for ALL)."""
        return self.expression(self.atoms_of(frozenset([pub.pub_id])), group, mk)

    def known_value(self, pub: Publication, group: str, mk: int) -> int:
        """Return what the known units (published briefs) add to a count of a publication."""
        units = [u for u in pub.units if self.known[u] and (group == ALL or self.unit_groups[u] == group)]
        return int(self.unit_counts[units, mk].sum()) if units else 0

    def fix(self, expr: Expression, value: float) -> None:
        """Publish an expression's value (beyond the known units): the reader knows it."""
        self.fixed[expr.column] = value
        for h in self.solvers():
            h.changeColBounds(expr.column, value, value)

    def free(self, expr: Expression) -> None:
        """Suppress an expression: the reader no longer knows its value (unless an earlier release published it)."""
        if expr.column in self.issued:
            raise ValueError("A figure an earlier release published cannot be suppressed any more.")
        self.fixed.pop(expr.column, None)
        for h in self.solvers():
            h.changeColBounds(expr.column, 0.0, INF)

    def solvers(self) -> list[highspy.Highs]:
        """Return the linear programme and, once made, its integer copy (both follow every publication decision)."""
        h = self.programme()
        return [h] + ([self.mip] if self.mip is not None and self.mip.getNumCol() == h.getNumCol() else [])

    def integer_copy(self) -> highspy.Highs:
        """Return the integer programme: a copy of the model with every column whole (made again after columns were added)."""
        h = self.programme()
        if self.mip is None or self.mip.getNumCol() != h.getNumCol():
            mip = make_solver()
            mip.passModel(h.getModel())
            n = mip.getNumCol()
            mip.changeColsIntegrality(n, np.arange(n, dtype=np.int32), np.array([highspy.HighsVarType.kInteger] * n))
            mip.changeColsCost(n, np.arange(n, dtype=np.int32), np.zeros(n))
            self.mip = mip
        return self.mip

    def solve(self, costs: dict[int, float], maximise: bool) -> tuple[float, np.ndarray, np.ndarray]:
        """Return (the optimum of a linear objective over the relations, its solution, the fixed columns binding it: those
        with a non-zero reduced cost). The linear programme, warm-started from the last basis."""
        h = self.programme()
        columns = np.array(list(costs), dtype=np.int32)
        h.changeColsCost(len(columns), columns, np.array(list(costs.values()), dtype=float))
        h.changeObjectiveSense(highspy.ObjSense.kMaximize if maximise else highspy.ObjSense.kMinimize)
        h.run()
        status = h.getModelStatus()
        h.changeColsCost(len(columns), columns, np.zeros(len(columns)))
        if status != highspy.HighsModelStatus.kOptimal:
            raise RuntimeError(f"The published figures contradict the relations between them ({status}).")
        solution = h.getSolution()
        duals = np.asarray(solution.col_dual)
        binding = np.array([c for c in self.fixed if abs(duals[c]) > TOLERANCE], dtype=int)
        values = np.asarray(solution.col_value).copy()
        return float(values[columns] @ np.array(list(costs.values()))), values, binding

    def solve_integer(
        self, costs: dict[int, float], maximise: bool, target: float | None = None, near: np.ndarray | None = None, whole: bool = True
    ) -> tuple[float, np.ndarray | None]:
        """Return (the optimum of a linear objective over whole numbers, its solution; None when no whole solution was
        found). target: stop at the first solution reaching it (enough to prove a count safe); near: a fractional solution
        whose whole atom columns are kept, so that only its fractional ones are searched (a quick whole solution close
        to it, not the optimum); whole: when none is found near it, search the whole model. The integer copy is solved, so
        that the linear programme keeps its basis."""
        mip = self.integer_copy()
        atom_upper = self.atom_upper
        if atom_upper is None:  # build() sets it with the linear programme
            raise RuntimeError("The linked model has no atom columns yet: build() adds them.")
        atoms = np.arange(self.n_atom_columns, dtype=np.int32)
        if near is not None:
            part = near[: self.n_atom_columns]
            kept = np.abs(part - np.round(part)) <= TOLERANCE
            lower, upper = np.where(kept, np.round(part), 0.0), np.where(kept, np.round(part), atom_upper)
            mip.changeColsBounds(len(atoms), atoms, lower, upper)
        columns = np.array(list(costs), dtype=np.int32)
        weights = np.array(list(costs.values()), dtype=float)
        mip.changeColsCost(len(columns), columns, weights)
        mip.changeObjectiveSense(highspy.ObjSense.kMaximize if maximise else highspy.ObjSense.kMinimize)
        mip.setOptionValue("objective_target", float(target) if target is not None else (-INF if not maximise else INF))
        mip.run()
        status = mip.getModelStatus()
        values = np.asarray(mip.getSolution().col_value).copy()
        mip.changeColsCost(len(columns), columns, np.zeros(len(columns)))
        if near is not None:
            mip.changeColsBounds(len(atoms), atoms, np.zeros(len(atoms)), atom_upper)
        if status == highspy.HighsModelStatus.kInfeasible:
            if near is not None and not whole:  # no whole solution near it; the whole search was not asked for
                return (-INF if maximise else INF), None
            if near is not None:
                return self.solve_integer(costs, maximise, target)
            raise RuntimeError("No whole numbers of States fit the published figures.")
        if len(values) != mip.getNumCol() or not self.is_whole(values):
            return (-INF if maximise else INF), None
        return float(values[columns] @ weights), values

    def is_whole(self, solution: np.ndarray, articles_only: bool = False) -> bool:
        """Return True when a solution gives every atom a whole number of States (then it is one a reader must allow).
        articles_only: look only at the counts by article (the plan's shortcut for a count by article: the counts by
        form, linked to the articles only through their totals, may stay fractional there; the audit checks every
        bound over whole numbers)."""
        part = solution[: self.n_atom_columns]
        if articles_only:
            part = part[self.article_columns]
        return bool(np.abs(part - np.round(part)).max(initial=0) <= TOLERANCE)

    @property
    def article_columns(self) -> np.ndarray:
        """Return a mask of the atom columns that count by article."""
        by_article = np.array([m not in FORMS + [NOT_REQUESTING] for m, _ in self.measure_keys])
        return np.tile(by_article, len(self.atoms))

    def is_form_count(self, expr: Expression) -> bool:
        """Return True for a count by form (requests, States naming it or not)."""
        return self.measure_keys[expr.mk][0] in FORMS + [NOT_REQUESTING]


def make_solver() -> highspy.Highs:
    """Return a silent HiGHS instance (its first one in a process prints a copyright banner to standard output, which
    would land in the build's log: that line is sent to the null device)."""
    stdout = sys.stdout.fileno()
    saved = os.dup(stdout)
    sys.stdout.flush()
    with open(os.devnull, "w") as null:
        os.dup2(null.fileno(), stdout)
        try:
            h = highspy.Highs()
        finally:
            os.dup2(saved, stdout)
            os.close(saved)
    h.setOptionValue("output_flag", False)
    return h


def add_rows(h: highspy.Highs, rows: list[tuple[dict[int, float], float, float]]) -> None:
    """Add rows given as ({column: coefficient}, lower, upper)."""
    if not rows:
        return
    starts: list[int] = []
    index: list[int] = []
    values: list[float] = []
    for terms, _, _ in rows:
        starts.append(len(index))
        index += list(terms)
        values += list(terms.values())
    lower = np.array([r[1] for r in rows], dtype=float)
    upper = np.array([r[2] for r in rows], dtype=float)
    h.addRows(len(rows), lower, upper, len(index), np.array(starts, dtype=np.int32), np.array(index, dtype=np.int32), np.array(values))


def is_disclosed(residual: float, low: float, high: float, threshold: int) -> bool:
    """Return True when a count of 1 up to threshold - 1 States is pinned down: exact, or within [1, threshold - 1]."""
    return 1 <= residual < threshold and (high - low < TOLERANCE or (low >= 1 - TOLERANCE and high <= threshold - 1 + TOLERANCE))
