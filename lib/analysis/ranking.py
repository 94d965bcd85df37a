"""Pick the highest or lowest rows of a table one way for every sentence and chart: ties together, thin bases aside."""

from __future__ import annotations

import pandas as pd

MIN_BASE = 3  # a share resting on fewer respondents is never singled out as the highest or lowest (one or two States)


def select_extreme(
    table: pd.DataFrame,
    value_col: str,
    largest: bool = True,
    base_col: str | None = None,
    min_base: int = MIN_BASE,
    exclude: pd.Series | None = None,
) -> pd.DataFrame:
    """Return every row at the largest (or smallest) value of a column, in the table's order (ties all returned).

    Rows whose base_col counts fewer than min_base respondents, or that `exclude` marks (e.g. a total row), are left
    out; so are rows with no value because they have no respondent (base 0). An empty frame when none is left, or when
    a value among the rows left is suppressed (public builds): the highest or lowest cannot then be told honestly.
    """
    keep = pd.Series(True, index=table.index)
    if base_col is not None:
        base = table[base_col].astype("Float64")
        keep &= (base.fillna(min_base) >= min_base).astype(bool)  # a suppressed base is not known to be thin
        keep &= ~(base == 0).fillna(False).astype(bool)
    if exclude is not None:
        keep &= ~exclude.astype(bool)
    rows = table[keep]
    if rows.empty or rows[value_col].isna().any():
        return rows.iloc[0:0]
    values = rows[value_col].astype("float64")
    target = values.max() if largest else values.min()
    return rows[values == target]


def select_next(table: pd.DataFrame, value_col: str, leaders: pd.DataFrame, **kwargs) -> pd.DataFrame:
    """Return the rows at the next largest value after the leaders (ties all returned); empty when there is none."""
    return select_extreme(table.drop(index=leaders.index), value_col, **kwargs)


def select_top(table: pd.DataFrame, value_col: str, n: int) -> pd.DataFrame:
    """Return the n rows largest first (ties in the table's order) and every row tied with the n-th: a cut never
    falls inside a tie, so what is named is named together. Missing values are never among them."""
    ordered = order_descending(table.dropna(subset=[value_col]), value_col)
    if len(ordered) <= n:
        return ordered
    last = ordered[value_col].iloc[n - 1]
    return ordered[(ordered[value_col] >= last).to_numpy()]


def order_descending(table: pd.DataFrame, value_col: str) -> pd.DataFrame:
    """Return the rows largest first, ties in the table's own order, missing values last (how tables and charts rank)."""
    return table.sort_values(value_col, ascending=False, kind="stable", na_position="last")
