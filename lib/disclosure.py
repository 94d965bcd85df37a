"""Disclosure control for public builds: suppress figures drawn from fewer than 3 States, withhold State-level tables."""

from __future__ import annotations

import numpy as np
import pandas as pd

from lib.plan import BUILDS, check_build  # noqa: F401  (the builds are listed once, in the stdlib-only plan)

MIN_STATES = 3  # a published figure must come from at least this many States (the secretariat's threshold rule)
SUPPRESSED = "suppressed"  # how a suppressed cell reads in public tables and CSV files
RULE_TEXT = (f"Public version. Self-assessment replies are the States' own information: figures drawn from fewer than "
             f"{MIN_STATES} States parties are suppressed (shown as \u2018{SUPPRESSED}\u2019), together with the fewest other figures "
             f"needed so that none can be worked out from a total; tables listing States or their free-text answers are not published.")
# Tables a public build may show, with the columns it drops (free text). Any other table is withheld: a new table
# stays out of public builds until someone decides here that it is publishable.
PUBLIC_TABLES = {
    "response_by_group": (), "compliance_by_article": (), "ta_needs_by_article": (), "ta_needs_by_form": (),
    "ta_needs_by_article_and_group": (), "full_compliance_by_article_and_group": (), "change_since_previous_meeting": (),
    "region_against_global": (), "priority_needs": (), "reconciliation": (), "glossary": (),
    # the expert pool: counts of experts (no names, contacts or dates of birth, which appear only in restricted builds)
    "pool_by_group": (), "pool_languages": (), "pool_gender": (), "pool_areas": (),
    # a country brief is published only with the State's recorded consent; its free-text answers never are
    "profile": ("providers_reported",), "unmet_needs": (), "regional_context": (), "changes": (),
    # the Working Group's own recommendations: a published UN document, no State-level figure
    "wg_recommendations_status": (),
}


def select_public_columns(frame: pd.DataFrame, name: str) -> pd.DataFrame | None:
    """Return the columns of a table a public build may show, or None when the table is withheld."""
    if name not in PUBLIC_TABLES:
        return None
    return frame.drop(columns=[c for c in PUBLIC_TABLES[name] if c in frame.columns])


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


def protect_lines(values: pd.DataFrame, masked: pd.DataFrame, row_lines: list[tuple[list[str], str]] = (),
                  column_total_row=None, blocks: pd.Series | None = None) -> pd.DataFrame:
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


def suppress(table: pd.DataFrame, counts: list[str], base: str | None = None, shares: dict[str, str] | None = None,
             row_lines: list[tuple[list[str], str]] = (), column_total_row=None, contributors: str | None = None,
             min_states: int = MIN_STATES, block_by: str | None = None) -> pd.DataFrame:
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
