"""The suppression public builds used before the plan over the whole build (kept only so that tests can show the
audit catches what it let through): a threshold rule, then no line of parts and total left with one hidden cell."""

from __future__ import annotations

import numpy as np
import pandas as pd

from lib.analysis import needs

MIN_STATES = 3


def mask_small(values: pd.DataFrame, min_states: int = MIN_STATES) -> pd.DataFrame:
    """Return True where a count of States is 1 to min_states - 1 (primary suppression; 0 discloses no State)."""
    return (values > 0) & (values < min_states)


def _pick_complement(values: np.ndarray, masked: np.ndarray, candidates: list[int]) -> int | None:
    """Return the position of the cell to suppress next in a line: the smallest open non-zero value, else any open cell."""
    open_cells = [i for i in candidates if not masked[i]]
    if not open_cells:
        return None
    nonzero = [i for i in open_cells if values[i] > 0]
    return min(nonzero or open_cells, key=lambda i: (values[i], i))


def protect_lines(
    values: pd.DataFrame,
    masked: pd.DataFrame,
    row_lines: list[tuple[list[str], str]] = (),
    column_total_row=None,
    blocks: pd.Series | None = None,
) -> pd.DataFrame:
    """Return the mask widened so that no line (parts adding up to a shown total) has exactly one suppressed cell.

    row_lines: within each row, (part columns, total column); column_total_row: the index label of the row holding
    every column's total over the other rows (None: no such row); blocks: a key per row when the table stacks
    several such blocks (each with its own total row). Repeats until no line can be solved.
    """
    v, m = values.to_numpy(dtype="float64"), masked.to_numpy(dtype=bool).copy()
    cols = {c: i for i, c in enumerate(values.columns)}
    lines = [([cols[c] for c in parts], cols[total]) for parts, total in row_lines]
    keys = np.zeros(len(values)) if blocks is None else pd.factorize(np.asarray(blocks))[0]
    is_total = np.asarray(values.index == column_total_row) if column_total_row is not None else np.zeros(len(values), bool)
    column_lines = []
    for k in np.unique(keys) if column_total_row is not None else []:
        rows = np.flatnonzero(keys == k)
        totals = [r for r in rows if is_total[r]]
        if totals:
            column_lines.append(([r for r in rows if not is_total[r]], totals[0]))
    changed = True
    while changed:
        changed = False
        for parts, total in lines:
            for r in range(len(v)):
                if m[r, parts].sum() + m[r, total] == 1:
                    pick = _pick_complement(v[r], m[r], parts)
                    m[r, total if pick is None else pick] = True
                    changed = True
        for others, total_at in column_lines:
            for c in range(v.shape[1]):
                if m[others, c].sum() + m[total_at, c] == 1:
                    pick = _pick_complement(v[:, c], m[:, c], others)
                    m[total_at if pick is None else pick, c] = True
                    changed = True
    return pd.DataFrame(m, index=masked.index, columns=masked.columns)


def suppress(
    table: pd.DataFrame,
    counts: list[str],
    base: str | None = None,
    shares: dict[str, str] | None = None,
    row_lines: list[tuple[list[str], str]] = (),
    column_total_row=None,
    contributors: str | None = None,
    min_states: int = MIN_STATES,
    block_by: str | None = None,
) -> pd.DataFrame:
    """Return the table with small counts of States suppressed (NA) and every figure that would reveal one.

    counts: columns counting States; base: the number of States a row is computed from (a row from fewer than
    min_states is suppressed whole); contributors: the number of distinct States behind a row's other counts;
    shares: share column -> the count it is computed from; row_lines/column_total_row: see protect_lines;
    block_by: a column whose values split the table into blocks, each with its own total row.
    """
    values = table[counts].astype("float64")
    masked = mask_small(values, min_states)
    for whole in filter(None, (base, contributors)):
        small_row = table[whole] < min_states
        masked.loc[small_row.to_numpy(), :] = True
    masked = protect_lines(values, masked, row_lines, column_total_row, table[block_by] if block_by else None)
    out = table.copy()
    for col in counts:
        out[col] = out[col].astype("Int64").mask(masked[col])
    for share, count in (shares or {}).items():
        out[share] = out[share].astype("float64").mask(masked[count])
    return out


# How the old public builds counted and suppressed each kind of table (its lib.analysis.needs.PROTECTION).
PROTECTION = {
    "compliance": (
        "provision",
        needs.count_compliance,
        {
            "counts": ["responding_parties_n"] + [f"{c}_n" for c in needs.COMPLIANCE_COLUMNS],
            "base": "responding_parties_n",
            "shares": {f"{c}_pct": f"{c}_n" for c in needs.COMPLIANCE_COLUMNS},
            "row_lines": [([f"{c}_n" for c in needs.COMPLIANCE_COLUMNS], "responding_parties_n")],
        },
    ),
    "ta_needs": (
        "provision",
        needs.count_ta_needs,
        {
            "counts": ["responding_parties_n", "ta_needed_n", "ta_provided_n", "unmet_n"],
            "base": "responding_parties_n",
            "shares": {"ta_needed_pct": "ta_needed_n"},
            "row_lines": [(["ta_provided_n", "unmet_n"], "ta_needed_n")],
        },
    ),
}


def protect_by_group(snap: needs.Snapshot, kind: str) -> dict[str, pd.DataFrame]:
    """Return one kind of table for every group and for all, suppressed jointly by the old rule."""
    key, count, rule = PROTECTION[kind]
    codes = ["ALL"] + needs._groups(snap)["group_code"].tolist()
    tables = {code: count(snap, None if code == "ALL" else code) for code in codes}
    long = pd.concat([t.assign(_group=code) for code, t in tables.items()], ignore_index=True)
    protected = suppress(long.set_index("_group"), column_total_row="ALL", block_by=key, **rule).reset_index()
    return {code: protected[protected["_group"] == code].drop(columns="_group").reset_index(drop=True) for code in codes}


def suppress_response(snap: needs.Snapshot) -> pd.DataFrame:
    """Return the response by group as the old public builds showed it."""
    table = needs.tabulate_response_by_group(snap).set_index("group_code")
    return suppress(
        table, ["responding_parties_n"], shares={"responding_pct": "responding_parties_n"}, column_total_row="ALL"
    ).reset_index()


def suppress_brief_context(snap: needs.Snapshot, state_code: str, group_code: str, comp: pd.DataFrame, ta: pd.DataFrame) -> pd.DataFrame:
    """Return a brief's regional context as the old public builds showed it: the State's own answer taken out."""
    table = snap.answers[snap.answers["state_code"] == state_code].set_index("provision").reindex(comp["provision"])
    own_full = (table["compliance_code"] == "full").to_numpy()
    own_need = table["is_ta_needed"].fillna(False).astype(bool).to_numpy()
    others = lambda counts, own: pd.Series(counts, dtype="Float64").to_numpy(na_value=float("nan")) - own  # noqa: E731
    context = pd.DataFrame(
        {
            "provision": comp["provision"].values,
            "group_full_pct": comp["full_pct"].values,
            "group_ta_needed_pct": ta["ta_needed_pct"].values,
            "group_respondents_n": comp["responding_parties_n"].values,
        }
    )
    for share, left in (
        ("group_full_pct", others(comp["full_n"].values, own_full)),
        ("group_ta_needed_pct", others(ta["ta_needed_n"].values, own_need)),
    ):
        context[share] = context[share].mask(((left > 0) & (left < MIN_STATES)) | pd.isna(left))
    rest = others(comp["responding_parties_n"].values, 1)
    few = (rest < MIN_STATES) | pd.isna(rest)
    context.loc[few, ["group_full_pct", "group_ta_needed_pct"]] = float("nan")
    context["group_respondents_n"] = context["group_respondents_n"].mask(few)
    return context
