"""The audit's attack (lib.analysis.audit), written apart from the plan's code: every published figure of every release,
as one system of equations and inequalities over whole numbers of States, and for each count of 1 or 2 States a reader
can name (a count of one publication, or the States counted in one publication and not in another) whether the system
lets it be 0, or 3 or more. Exact: a bound from the linear programme counts only when its solution is in whole numbers,
else the integer programme decides."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field

import highspy
import numpy as np

THRESHOLD = 3  # a count of fewer States than this (1 or 2) must not be worked out
EPS = 1e-6  # the programmes' float tolerance
INF = highspy.kHighsInf
ALL = "ALL"  # the all-groups code, as the published tables write it
CATEGORIES = ["full", "partial", "none", "no_answer"]  # a State's compliance answer for an article: exactly one
ARTICLE_MEASURES = [f"{c}_n" for c in CATEGORIES] + ["ta_needed_n", "ta_provided_n", "unmet_n", "ta_not_needed_n"]
FORM_MEASURES = ["needs_n", "states_n", "states_not_n"]


@dataclass
class Unit:
    """One State's version of its answers: what it adds to each count (measure, key) of its group."""

    state: str
    version: str
    group: str
    counts: dict  # (measure, key) -> int


@dataclass
class Reading:
    """What one publication (a meeting's figures in one release) lets a reader read: the units it counts, its counts and
    shares as published, the counts it shows as suppressed, and the row orders it states."""

    pub_id: str
    meeting_id: str
    release: str
    units: list = field(default_factory=list)  # unit indices (parties only)
    counts: dict = field(default_factory=dict)  # (measure, group, key) -> (value, where)
    suppressed: dict = field(default_factory=dict)  # (measure, group, key) -> where
    shares: list = field(
        default_factory=list
    )  # (numerator terms [(measure, group, key, coef)], base (m, g, k) or None, base constant, share, where)
    public: set = field(default_factory=set)  # numbers every reader knows: respondents and parties by group, their shares
    orders: list = field(default_factory=list)  # (measure, group, [key of each row, in the order published], where): descending


class System:
    """The reader's system over one checklist: a column per atom and (measure, key), a column per named count."""

    def __init__(self, units: list[Unit], readings: list[Reading], known: set[int], provisions: list[str], forms: list[str]):
        self.units, self.readings, self.known, self.provisions, self.forms = units, readings, known, provisions, forms
        self.keys = [(m, p) for p in provisions for m in ARTICLE_MEASURES] + [(m, f) for f in forms for m in FORM_MEASURES]
        self.key_index = {k: i for i, k in enumerate(self.keys)}
        member: dict[int, set[str]] = {}
        for r in readings:
            for u in r.units:
                member.setdefault(u, set()).add(r.pub_id)
        atoms: dict[tuple, list[int]] = {}
        for u, pubs in member.items():
            if u not in known:
                atoms.setdefault((frozenset(pubs), units[u].group), []).append(u)
        self.atoms = sorted(atoms, key=lambda a: (sorted(a[0]), a[1]))
        self.atom_units = [atoms[a] for a in self.atoms]
        self.h = quiet_highs()
        self.named: dict[tuple, int] = {}  # (atoms, group, key index) -> column
        self.rows: list = []
        self.build()

    def column(self, atom: int, key: int) -> int:
        """Return the column of one atom's count."""
        return atom * len(self.keys) + key

    def build(self) -> None:
        """Add the atoms' columns and what every State's answers obey (summed over an atom)."""
        n_keys, n_prov = len(self.keys), float(len(self.provisions))
        upper = []
        for units in self.atom_units:
            upper += [len(units) * (n_prov if m == "needs_n" else 1.0) for m, _ in self.keys]
        self.h.addVars(len(upper), np.zeros(len(upper)), np.array(upper))
        self.n_atom_columns = len(upper)
        rows = []
        for a, units in enumerate(self.atom_units):
            size = float(len(units))
            col = lambda m, k, a=a: a * n_keys + self.key_index[(m, k)]  # noqa: E731
            for p in self.provisions:
                rows.append(({col(f"{c}_n", p): 1.0 for c in CATEGORIES}, size, size))
                rows.append(({col("ta_needed_n", p): 1.0, col("ta_provided_n", p): -1.0, col("unmet_n", p): -1.0}, 0.0, 0.0))
                rows.append(({col("ta_needed_n", p): 1.0, col("ta_not_needed_n", p): 1.0}, size, size))
            for f in self.forms:
                rows.append(({col("states_n", f): 1.0, col("needs_n", f): -1.0}, -INF, 0.0))
                rows.append(({col("needs_n", f): 1.0, col("states_n", f): -n_prov}, -INF, 0.0))
                rows.append(({col("states_n", f): 1.0, col("states_not_n", f): 1.0}, size, size))
                rows.append(({col("needs_n", f): 1.0} | {col("ta_needed_n", p): -1.0 for p in self.provisions}, -INF, 0.0))
            rows.append(({col("ta_needed_n", p): 1.0 for p in self.provisions} | {col("needs_n", f): -1.0 for f in self.forms}, -INF, 0.0))
        self.add(rows)

    def add(self, rows: list) -> None:
        """Add rows ({column: coefficient}, lower, upper)."""
        if not rows:
            return
        starts: list[int] = []
        index: list[int] = []
        values: list[float] = []
        for terms, _, _ in rows:
            starts.append(len(index))
            index += list(terms)
            values += list(terms.values())
        self.h.addRows(
            len(rows),
            np.array([r[1] for r in rows], float),
            np.array([r[2] for r in rows], float),
            len(index),
            np.array(starts, np.int32),
            np.array(index, np.int32),
            np.array(values, float),
        )

    def atoms_in(self, pubs: frozenset, outside: frozenset = frozenset(), group: str = ALL) -> tuple[int, ...]:
        """Return the atoms counted in every publication of pubs and none of outside, of one group (or all)."""
        return tuple(i for i, (p, g) in enumerate(self.atoms) if pubs <= p and not (p & outside) and group in (ALL, g))

    def name(self, atoms: tuple[int, ...], key: int) -> int | None:
        """Return the column of a count a reader can name (a sum over atoms), adding it once; None for an empty sum."""
        if not atoms:
            return None
        k = (atoms, key)
        if k not in self.named:
            col = self.h.getNumCol()
            self.h.addVars(1, np.zeros(1), np.array([INF]))
            self.add([({col: 1.0} | {self.column(a, key): -1.0 for a in atoms}, 0.0, 0.0)])
            self.named[k] = col
        return self.named[k]

    def known_part(self, reading: Reading, group: str, key: tuple) -> int:
        """Return what the known units (published briefs) add to a count of a publication."""
        return sum(self.units[u].counts.get(key, 0) for u in reading.units if u in self.known and group in (ALL, self.units[u].group))

    def truth(self, atoms: tuple[int, ...], key: int) -> int:
        """Return the true value of a sum over atoms (beyond the known units)."""
        return sum(self.units[u].counts.get(self.keys[key], 0) for a in atoms for u in self.atom_units[a])

    def solve(self, costs: dict[int, float], maximise: bool, integer: bool = False) -> tuple[float, np.ndarray | None, np.ndarray]:
        """Return (optimum, solution (None when no whole one was found), reduced costs) of a linear objective."""
        h = self.h
        if integer:
            h = quiet_highs()
            h.passModel(self.h.getModel())
            n = h.getNumCol()
            h.changeColsIntegrality(n, np.arange(n, dtype=np.int32), np.array([highspy.HighsVarType.kInteger] * n))
        cols = np.array(list(costs), np.int32)
        h.changeColsCost(len(cols), cols, np.array(list(costs.values()), float))
        h.changeObjectiveSense(highspy.ObjSense.kMaximize if maximise else highspy.ObjSense.kMinimize)
        h.run()
        status = h.getModelStatus()
        if not integer:
            h.changeColsCost(len(cols), cols, np.zeros(len(cols)))
        if status == highspy.HighsModelStatus.kInfeasible:
            raise RuntimeError("The published figures contradict the relations the audit assumes: the build contradicts itself.")
        if status != highspy.HighsModelStatus.kOptimal:
            return (-INF if maximise else INF), None, np.zeros(0)
        solution = h.getSolution()
        values = np.asarray(solution.col_value).copy()
        duals = np.asarray(solution.col_dual).copy() if not integer else np.zeros(len(values))
        return float(values[cols] @ np.array(list(costs.values()))), values, duals

    def is_whole(self, values: np.ndarray) -> bool:
        """Return True when a solution gives every atom whole numbers."""
        part = values[: self.n_atom_columns]
        return bool(np.abs(part - np.round(part)).max(initial=0) <= EPS)


def quiet_highs() -> highspy.Highs:
    """Return a HiGHS instance without its banner on standard output (printed once per process at the first one)."""
    fd = sys.stdout.fileno()
    saved = os.dup(fd)
    sys.stdout.flush()
    with open(os.devnull, "w") as null:
        os.dup2(null.fileno(), fd)
        try:
            h = highspy.Highs()
        finally:
            os.dup2(saved, fd)
            os.close(saved)
    h.setOptionValue("output_flag", False)
    return h
