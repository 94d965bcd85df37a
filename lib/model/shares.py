"""Round every share one way, in every table, sentence and chart: per cent from the counts, halves rounded up."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import cast, overload

import numpy as np
import pandas as pd

HALF_UP_EPSILON = 1e-9  # absorbs binary error in 1000*part/whole so that exact halves (1 of 16 = 6.25) round up


@overload
def compute_pct(part: int, whole: int) -> float: ...
@overload
def compute_pct(part: pd.Series | int, whole: pd.Series | int) -> pd.Series: ...  # a Series with an int, or two Series
def compute_pct(part: pd.Series | int, whole: pd.Series | int) -> pd.Series | float:
    """Return part/whole in per cent with one decimal, halves rounded up as in UN tables (NaN where whole is 0)."""
    if isinstance(part, pd.Series) or isinstance(whole, pd.Series):
        index = (part if isinstance(part, pd.Series) else cast(pd.Series, whole)).index  # a scalar is broadcast over the other's rows
        part = pd.Series(part, index=index, dtype="float64")
        whole = pd.Series(whole, index=index, dtype="float64").where(lambda s: s > 0)
        return np.floor(1000 * part / whole + 0.5 + HALF_UP_EPSILON) / 10
    if whole is None or pd.isna(whole) or pd.isna(part) or not whole:
        return float("nan")
    return float(np.floor(1000 * float(part) / float(whole) + 0.5 + HALF_UP_EPSILON) / 10)


def round_half_up(value: float, digits: int = 0) -> float:
    """Return a figure rounded to `digits` decimals with halves away from zero (56.5 -> 57, 6.25 -> 6.3, -0.5 -> -1).

    Decimal on the figure's shortest repr, so 6.25 is the half it reads as, not the binary 6.2499999...
    """
    if value is None or pd.isna(value):
        return float("nan")
    return float(Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))


def format_number(value: float, digits: int = 0) -> str:
    """Return a figure as text with `digits` decimals, halves rounded up ('57', '6.3'); '' for a missing one."""
    if value is None or pd.isna(value):
        return ""
    return f"{round_half_up(value, digits):,.{digits}f}"


def subtract_pct(left: pd.Series, right: pd.Series) -> pd.Series:
    """Return the difference of two one-decimal shares in percentage points, exact to one decimal (no float noise)."""
    return (left.astype("float64") * 10 - right.astype("float64") * 10).round() / 10
