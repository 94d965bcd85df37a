"""Public builds' suppression plan, decided over everything they publish at once: hand-computed on tiny tables."""

import pandas as pd
import pytest

from lib.analysis import suppression
from lib.model import disclosure


def response_cells(values: dict[str, int], parties: dict[str, int], known: dict[str, int] | None = None) -> pd.DataFrame:
    """Return a meeting whose only counts are the responding parties of each group and of all groups (shown)."""
    known = known or {}
    rows = [
        {
            "meeting_id": "m",
            "measure": "responding_parties_n",
            "group_code": g,
            "key": "",
            "value": v,
            "known": known.get(g, 0),
            "parties_n": parties[g],
            "shown": True,
        }
        for g, v in values.items()
    ]
    return pd.DataFrame(rows)


def statuses(plan: pd.DataFrame) -> dict[str, str]:
    return dict(zip(plan["group_code"], plan["status"]))


def test_a_group_of_one_respondent_is_hidden_with_the_smallest_other_group():
    # no regional group: 1 respondent (primary). Groups add up to all: 10 + 7 + 1 = 18, so one more group must go; the
    # smallest non-zero one, B (7). Then NONE + B = 8 with NONE <= 5 parties: NONE can be anything from 0 to 5.
    cells = response_cells({"A": 10, "B": 7, "NONE": 1, "ALL": 18}, {"A": 20, "B": 15, "NONE": 5, "ALL": 40})
    assert statuses(suppression.plan_meeting(cells)) == {"A": "published", "B": "secondary", "NONE": "primary", "ALL": "published"}


def test_a_zero_never_serves_as_the_complement():
    # B has no respondent: hiding that 0 would protect nothing (NONE = 12 - 10 - B could still only be 2 or less)
    cells = response_cells({"A": 10, "B": 0, "NONE": 2, "ALL": 12}, {"A": 20, "B": 15, "NONE": 5, "ALL": 40})
    assert statuses(suppression.plan_meeting(cells)) == {"A": "secondary", "B": "published", "NONE": "primary", "ALL": "published"}


def test_a_consenting_states_own_answers_count_as_known():
    # A has 4 respondents, 2 of whom publish their briefs: the other 2 are a count of two States (primary), though 4 >= 3
    cells = response_cells({"A": 4, "B": 9, "ALL": 13}, {"A": 20, "B": 15, "ALL": 35}, known={"A": 2, "ALL": 2})
    result = statuses(suppression.plan_meeting(cells))
    assert result["A"] == "primary" and result["B"] == "secondary" and result["ALL"] == "published"


def test_a_count_nobody_shows_is_still_protected():
    # NONE is shown nowhere, but all groups minus A and B gives it: 18 - 10 - 7 = 1; B (the smaller) goes
    cells = response_cells({"A": 10, "B": 7, "NONE": 1, "ALL": 18}, {"A": 20, "B": 15, "NONE": 5, "ALL": 40})
    cells.loc[cells["group_code"] == "NONE", "shown"] = False
    assert statuses(suppression.plan_meeting(cells)) == {"A": "published", "B": "secondary", "NONE": "not shown", "ALL": "published"}


@pytest.mark.parametrize(
    "residual, low, high, disclosed",
    [(1, 1, 1, True), (2, 1, 2, True), (1, 0, 1, False), (2, 2, 3, False), (1, 0, 0, True), (3, 3, 3, False), (2, 2, 2, True)],
)
def test_what_counts_as_disclosed(residual, low, high, disclosed):
    # a count of 1 or 2 States is disclosed when a reader can pin it (exact) or bound it within [1, 2]
    assert suppression.is_disclosed(residual, low, high) is disclosed


def test_the_policy_blanks_suppressed_counts_and_every_share_whose_count_or_base_is_hidden():
    policy = disclosure.Policy("public", frozenset({("m", "full_n", "A", "5"), ("m", "responding_parties_n", "B", "")}))
    table = pd.DataFrame(
        {
            "group_code": ["A", "A", "B"],
            "provision": ["5", "15", "5"],
            "responding_parties_n": [9, 9, 11],
            "full_n": [2, 4, 4],
            "full_pct": [22.2, 44.4, 36.4],
        }
    )
    out = policy.mask(table, "m", key_col="provision", group_col="group_code", shares={"full_pct": "full_n"})
    assert out["full_n"].isna().tolist() == [True, False, False]  # B's 4 stays: its base is hidden, not the count
    assert out["full_pct"].isna().tolist() == [True, False, True]  # 36.4 % of a hidden 11 would give the 11 back
    assert out["responding_parties_n"].isna().tolist() == [False, False, True]
    assert disclosure.Policy().mask(table, "m", "A") is table  # restricted: everything, as it is
