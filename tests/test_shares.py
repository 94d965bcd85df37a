"""One rounding rule for every share: per cent from counts, halves rounded up (hand-computed)."""

import pandas as pd
import pytest

from lib.model import shares


@pytest.mark.parametrize(
    "value, digits, expected",
    [(56.5, 0, 57.0), (6.25, 1, 6.3), (93.75, 1, 93.8), (0.5, 0, 1.0), (-0.5, 0, -1.0), (2.5, 0, 3.0), (33.349, 1, 33.3)],
)
def test_round_half_up(value, digits, expected):
    assert shares.round_half_up(value, digits) == expected


def test_format_number_rounds_halves_up_and_keeps_missing_blank():
    assert shares.format_number(56.5) == "57" and shares.format_number(6.25, 1) == "6.3"
    assert shares.format_number(1039.0) == "1,039" and shares.format_number(float("nan")) == ""


def test_compute_pct_of_15_of_16_is_93_8():
    assert shares.compute_pct(15, 16) == 93.8  # 93.75: the half goes up
    assert shares.compute_pct(pd.Series([15, 1]), 16).tolist() == [93.8, 6.3]


def test_subtract_pct_is_exact_to_one_decimal():
    assert shares.subtract_pct(pd.Series([33.3, 40.0]), pd.Series([50.0, 33.3])).tolist() == [-16.7, 6.7]
