"""The suppression plan public builds used before releases were planned together (issue 23), kept only so that tests can
show the audit catches what it let through: one plan per meeting of one build, no earlier release, no difference
between meetings, complements never 0, response suppressed like any count."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import bmat, coo_matrix, vstack
from scipy.sparse.csgraph import connected_components

from lib.analysis import needs
from lib.io.codes import ALL_GROUPS as ALL, NO_GROUP_CODE
from lib.model.disclosure import MIN_STATES

RESPONDENTS = "responding_parties_n"  # the base of every share of a group
COMPLIANCE = [f"{c}_n" for c in needs.COMPLIANCE_COLUMNS]
NEEDS = ["ta_needed_n", "ta_provided_n", "unmet_n"]
FORMS = ["needs_n", "states_n"]
NON_PARTY, ALL_REPLIES = "non_party_respondents_n", "respondents_n"  # replies of non-parties, and all replies (all groups only)
ANALYSED = "analysed"  # shown for the groups that get a regional analysis (not 'no regional group'), and for all groups
# Where each count is shown in a public build, before suppression: for every group, for all groups only, or for the
# analysed groups and all groups. A count shown nowhere can still be worked out from the others: the model keeps it as
# an unknown, and protects it like a suppressed one. The audit (lib.analysis.audit) checks this against the files published.
SHOWN = {
    RESPONDENTS: "every",
    "full_n": "every",
    "partial_n": ALL,
    "none_n": ALL,
    "no_answer_n": ALL,
    "ta_needed_n": "every",
    "unmet_n": "every",
    "ta_provided_n": ANALYSED,
    "needs_n": ANALYSED,
    "states_n": ANALYSED,
    NON_PARTY: ALL,
    ALL_REPLIES: ALL,
}
CELL_COLUMNS = ["meeting_id", "measure", "group_code", "key"]
TOLERANCE = 1e-6  # LP bounds are floats: a bound within this of an integer is that integer


def list_cells(snap: needs.Snapshot, consenting: set[str]) -> pd.DataFrame:
    """Return every count a public build computes for one meeting, with its value, the part of it that consenting
    States' own briefs publish (`known`), the group's number of parties and whether a report shows it."""
    groups = needs._groups(snap)
    rows = []
    for code in [ALL] + groups["group_code"].tolist():
        g = None if code == ALL else code
        for count, key_col, measures in (
            (needs.count_compliance, "provision", [RESPONDENTS] + COMPLIANCE),
            (needs.count_ta_needs, "provision", NEEDS),
            (needs.count_forms, "ta_form_code", FORMS),
        ):
            table = count(snap, g)
            for measure in measures:
                keys = [""] * len(table) if measure == RESPONDENTS else table[key_col].tolist()
                rows += [(code, measure, k, int(v)) for k, v in zip(keys, table[measure])]
    summary = needs.summarise_response(snap)
    rows += [(ALL, NON_PARTY, "", summary[NON_PARTY]), (ALL, ALL_REPLIES, "", summary[ALL_REPLIES])]
    cells = pd.DataFrame(rows, columns=["group_code", "measure", "key", "value"]).drop_duplicates(["group_code", "measure", "key"])
    cells.insert(0, "meeting_id", snap.meeting["meeting_id"])
    known = count_known(snap, consenting)
    cells = cells.merge(known, on=["group_code", "measure", "key"], how="left").fillna({"known": 0})
    parties = snap.parties.groupby("group_code").size()
    cells["parties_n"] = cells["group_code"].map(parties).fillna(len(snap.parties)).astype(int)
    analysed = set(groups["group_code"]) - {NO_GROUP_CODE}
    scope = cells["measure"].map(SHOWN)
    cells["shown"] = (scope == "every") | (cells["group_code"] == ALL) | ((scope == ANALYSED) & cells["group_code"].isin(analysed))
    return cells.astype({"value": int, "known": int})


def count_known(snap: needs.Snapshot, consenting: set[str]) -> pd.DataFrame:
    """Return, per count, what the briefs of consenting parties publish of it: their own answers, summed by group."""
    answers = snap.answers[snap.answers["is_party"] & snap.answers["state_code"].isin(consenting)]
    if answers.empty:
        return pd.DataFrame(columns=["group_code", "measure", "key", "known"])
    flags = needs.flag_needs(answers).rename(columns={"is_need": "ta_needed_n", "is_provided": "ta_provided_n", "is_unmet": "unmet_n"})
    parts = [
        answers.assign(measure=answers["compliance_code"].fillna("no_answer") + "_n", key=answers["provision"]),
        flags.melt(ignore_index=False, var_name="measure", value_name="n")
        .join(answers[["group_code", "provision"]])
        .query("n")
        .rename(columns={"provision": "key"}),
        answers.drop_duplicates("state_code").assign(measure=RESPONDENTS, key=""),
    ]
    requests = needs.list_requests(snap)
    requests = requests[requests["state_code"].isin(consenting)].merge(
        answers[["state_code", "group_code"]].drop_duplicates(), on="state_code"
    )
    parts += [
        requests.assign(measure="needs_n", key=requests["ta_form_code"]),
        requests.drop_duplicates(["state_code", "ta_form_code"]).assign(measure="states_n", key=requests["ta_form_code"]),
    ]
    rows = pd.concat([p[["group_code", "measure", "key"]] for p in parts], ignore_index=True)
    by_group = rows.groupby(["group_code", "measure", "key"]).size().rename("known").reset_index()
    overall = rows.groupby(["measure", "key"]).size().rename("known").reset_index().assign(group_code=ALL)
    return pd.concat([by_group, overall], ignore_index=True)


@dataclass
class Model:
    """The linear relations between one meeting's counts that any reader of the published tables can use."""

    cells: pd.DataFrame
    equalities: object  # sparse matrix, each row = 0
    inequalities: object  # sparse matrix, each row <= 0
    lower: np.ndarray
    upper: np.ndarray


def build_model(cells: pd.DataFrame) -> Model:
    """Return the relations: groups add up to all groups, a row's parts to its total, needs = provided + unmet, and the
    bounds a count of States has (its consenting States' part at least; a need names at least one form, a request is
    a need). A relation whose counts are not all in `cells` is left out (so a test can model a single table)."""
    cells = cells.reset_index(drop=True)
    at = {k: i for i, k in enumerate(zip(cells["group_code"], cells["measure"], cells["key"]))}
    groups = [g for g in dict.fromkeys(cells["group_code"]) if g != ALL]
    provisions = cells.loc[cells["measure"] == "ta_needed_n", "key"].unique()
    forms = cells.loc[cells["measure"] == "needs_n", "key"].unique()
    eq: list[list] = [
        [(g, measure, key, 1.0) for g in rows["group_code"]] + [(ALL, measure, key, -1.0)]
        for (measure, key), rows in cells[cells["group_code"] != ALL].groupby(["measure", "key"])
    ]
    eq.append([(ALL, ALL_REPLIES, "", 1.0), (ALL, RESPONDENTS, "", -1.0), (ALL, NON_PARTY, "", -1.0)])
    ub: list[list] = []
    for g in [ALL] + groups:
        base = (g, RESPONDENTS, "", -1.0)
        for p in provisions:
            eq.append([(g, m, p, 1.0) for m in COMPLIANCE] + [base])
            eq.append([(g, "ta_needed_n", p, 1.0), (g, "ta_provided_n", p, -1.0), (g, "unmet_n", p, -1.0)])
            ub.append([(g, "ta_needed_n", p, 1.0), base])
        for f in forms:
            ub += [
                [(g, "states_n", f, 1.0), (g, "needs_n", f, -1.0)],
                [(g, "needs_n", f, 1.0), (g, "states_n", f, -float(len(provisions)))],
                [(g, "states_n", f, 1.0), base],
                [(g, "needs_n", f, 1.0)] + [(g, "ta_needed_n", p, -1.0) for p in provisions],
            ]
        ub.append([(g, "ta_needed_n", p, 1.0) for p in provisions] + [(g, "needs_n", f, -1.0) for f in forms])
    index = (
        lambda relations: [
            {at[t[:3]]: t[3] for t in terms}
            for terms in relations  # noqa: E731
            if len(terms) > 1 and all(t[:3] in at for t in terms)
        ]
    )
    upper = cells["parties_n"].to_numpy(float) * np.where(cells["measure"] == "needs_n", max(len(provisions), 1), 1)
    upper = np.where(cells["measure"].isin([NON_PARTY, ALL_REPLIES]), 1000.0, upper)  # non-parties: not bounded by the parties
    return Model(cells, to_matrix(index(eq), len(cells)), to_matrix(index(ub), len(cells)), cells["known"].to_numpy(float), upper)


def to_matrix(rows: list[dict[int, float]], n: int):
    """Return rows of {column: coefficient} as a sparse matrix."""
    r = [i for i, row in enumerate(rows) for _ in row]
    c = [j for row in rows for j in row]
    v = [x for row in rows for x in row.values()]
    return coo_matrix((v, (r, c)), shape=(len(rows), n)).tocsr()


def split_components(model: Model, published: np.ndarray) -> np.ndarray:
    """Return a component label for every cell not published (-1 for published ones): unknowns linked by a relation."""
    free = np.flatnonzero(~published)
    labels = np.full(len(published), -1)
    if not len(free):
        return labels
    rows = vstack([model.equalities, model.inequalities]).tocsr()[:, free]
    graph = bmat([[None, rows.T], [rows, None]])  # unknowns and relations as one bipartite graph
    _, comp = connected_components(graph, directed=False)
    labels[free] = comp[: len(free)]
    return labels


def solve_bound(
    model: Model, published: np.ndarray, i: int, maximise: bool, integer: bool = True, labels: np.ndarray | None = None, exact: bool = False
):
    """Return (the least or greatest value cell i can take given the published cells, the published cells whose values
    bind that bound: those in a relation with a non-zero dual value of the linear programme).

    integer: the bound of whole numbers of States; the linear programme gives it when its solution is whole (as it
    nearly always is for tables that add up), else the integer programme (exact) is solved. Only the unknowns linked to
    cell i enter, the published values moved to the right-hand side: the same bound from a small programme."""
    values = model.cells["value"].to_numpy(float)
    labels = split_components(model, published) if labels is None else labels
    part = np.flatnonzero(labels == labels[i])
    fixed = np.flatnonzero(published)
    systems, row_ids = [], []
    for matrix in (model.equalities, model.inequalities):
        rows = np.unique(matrix[:, part].nonzero()[0])
        systems.append((matrix[rows][:, part], -(matrix[rows][:, fixed] @ values[fixed])))
        row_ids.append(rows)
    (a_eq, b_eq), (a_ub, b_ub) = systems
    c = np.zeros(len(part))
    c[np.searchsorted(part, i)] = -1.0 if maximise else 1.0
    bounds = np.column_stack([model.lower[part], model.upper[part]])
    if exact:
        constraints = [LinearConstraint(a, b, b) for a, b in [(a_eq, b_eq)] if a.shape[0]]
        constraints += [LinearConstraint(a, -np.inf, b) for a, b in [(a_ub, b_ub)] if a.shape[0]]
        res = milp(c, constraints=constraints, integrality=np.ones(len(part)), bounds=Bounds(bounds[:, 0], bounds[:, 1]))
        return (-res.fun if maximise else res.fun), None
    res = linprog(
        c,
        A_ub=a_ub if a_ub.shape[0] else None,
        b_ub=b_ub if a_ub.shape[0] else None,
        A_eq=a_eq if a_eq.shape[0] else None,
        b_eq=b_eq if a_eq.shape[0] else None,
        bounds=bounds,
        method="highs",
    )
    binding = np.zeros(len(values), bool)
    for matrix, rows, duals in (
        (model.equalities, row_ids[0], res.eqlin.marginals if a_eq.shape[0] else []),
        (model.inequalities, row_ids[1], res.ineqlin.marginals if a_ub.shape[0] else []),
    ):
        tight = rows[np.abs(np.asarray(duals)) > TOLERANCE] if len(rows) else rows
        binding[matrix[tight].nonzero()[1]] = True
    bound = -res.fun if maximise else res.fun
    if integer and np.abs(res.x - np.round(res.x)).max(initial=0) > TOLERANCE:  # a fractional vertex: ask the integer programme
        bound = solve_bound(model, published, i, maximise, True, labels, exact=True)[0]
    return bound, binding & published


def is_disclosed(residual: float, low: float, high: float) -> bool:
    """Return True when a count of 1 or 2 States (beyond the consenting ones) is pinned down: exact, or within [1, 2]."""
    return 1 <= residual < MIN_STATES and (high - low < TOLERANCE or (low >= 1 - TOLERANCE and high <= MIN_STATES - 1 + TOLERANCE))


def check_cell(model: Model, published: np.ndarray, i: int, labels: np.ndarray) -> tuple[bool, np.ndarray | None]:
    """Return (whether cell i is disclosed, the published cells binding the bound that pins it)."""
    known, residual = model.lower[i], model.cells.at[i, "value"] - model.lower[i]
    high, _ = solve_bound(model, published, i, maximise=True, labels=labels)
    if high - known >= MIN_STATES - TOLERANCE:
        return False, None  # it can reach 3: protected whatever its least value
    low, _ = solve_bound(model, published, i, maximise=False, labels=labels)
    if not is_disclosed(residual, low - known, high - known):
        return False, None
    pinned_low = low - known >= 1 - TOLERANCE  # the bound that pins it: the lower one when it cannot be 0, else the upper
    return True, solve_bound(model, published, i, maximise=not pinned_low, labels=labels)[1]


def pick_complement(model: Model, published: np.ndarray, i: int, binding: np.ndarray | None) -> int | None:
    """Return the published cell to suppress next for cell i: one whose value binds i's bound, counting States beyond
    the consenting ones (never a zero), the smallest such; else the smallest such cell sharing a relation with i."""
    residual = model.cells["value"].to_numpy(float) - model.lower
    usable = published & (residual > 0)
    if binding is not None and (usable & binding).any():
        candidates = usable & binding
    else:
        rows = model.equalities[:, i].nonzero()[0]
        candidates = np.zeros(len(published), bool)
        candidates[model.equalities[rows].nonzero()[1]] = True
        candidates &= usable
    return int(np.flatnonzero(candidates)[np.argmin(residual[candidates])]) if candidates.any() else None


def plan_meeting(cells: pd.DataFrame) -> pd.DataFrame:
    """Return one meeting's cells with `status`: published, suppressed (primary or secondary) or not shown."""
    model = build_model(cells)
    cells = model.cells
    residual = (cells["value"] - cells["known"]).to_numpy()
    bases = cells[cells["measure"] == RESPONDENTS].set_index("group_code")
    thin_groups = bases.index[(bases["value"] - bases["known"]).between(1, MIN_STATES - 1)]  # a group of 1 or 2 (other) respondents
    thin = (cells["group_code"].isin(thin_groups) & ~cells["measure"].isin([NON_PARTY, ALL_REPLIES])).to_numpy()
    sensitive = (residual >= 1) & (residual < MIN_STATES)
    primary = cells["shown"].to_numpy() & (sensitive | thin)
    published = cells["shown"].to_numpy() & ~primary
    secondary = np.zeros(len(cells), bool)
    # Suppressing a cell only widens what the others can be: a cell found safe stays safe, so only the cells found
    # disclosed are looked at again, until none is.
    pending = np.flatnonzero(sensitive & ~published)
    while len(pending):
        still, labels = [], split_components(model, published)
        for i in pending:
            disclosed, binding = check_cell(model, published, i, labels)
            if not disclosed:
                continue
            j = pick_complement(model, published, i, binding)
            if j is None:
                raise RuntimeError(f"No cell can protect {tuple(cells.loc[i, CELL_COLUMNS])}: suppress its whole table.")
            published[j], secondary[j] = False, True
            labels = split_components(model, published)
            still.append(i)
        pending = still
    status = np.where(published, "published", np.where(primary, "primary", np.where(secondary, "secondary", "not shown")))
    return cells.assign(status=status)


def plan_suppression(data: needs.Dataset, consenting: set[str]) -> pd.DataFrame:
    """Return every count of every meeting a public build publishes, with its status (published, primary, secondary,
    not shown): the one decision all reports, briefs and sentences of the build follow."""
    frames = []
    for meeting_id in data.meetings["meeting_id"]:
        snap = needs.take_snapshot(data, meeting_id)
        frames.append(plan_meeting(list_cells(snap, consenting)))
    return pd.concat(frames, ignore_index=True)
