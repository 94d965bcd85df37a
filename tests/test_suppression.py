"""Public releases' suppression plan, over every release and meeting at once: hand-computed on tiny tables."""

import pandas as pd
import pytest

from lib.analysis import linked, suppression
from lib.analysis.protection import Protector
from lib.io.codes import NO_FORM
from lib.model import disclosure

P, F = ["5"], ["legal_advice", NO_FORM]  # one article, one form (and needs naming none)


def answers(rows: list[tuple]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (answers, forms) from (State, compliance, TA needed, TA provided, forms) rows for article 5."""
    table = pd.DataFrame(
        [
            {
                "state_code": s,
                "provision": "5",
                "compliance_code": c,
                "is_ta_needed": n,
                "is_ta_provided": p,
                "submitted_on": pd.Timestamp("2009-01-01"),
            }
            for s, c, n, p, _ in rows
        ]
    ).astype({"is_ta_needed": "boolean", "is_ta_provided": "boolean"})
    forms = pd.DataFrame(
        [
            {"state_code": s, "provision": "5", "submitted_on": pd.Timestamp("2009-01-01"), "ta_form_code": f}
            for s, *_, fs in rows
            for f in fs
        ],
        columns=["state_code", "provision", "submitted_on", "ta_form_code"],
    )
    return table, forms.astype({"submitted_on": "datetime64[ns]"})


def test_each_state_adds_one_to_exactly_one_answer_and_its_complements():
    table, forms = answers([("A1", "full", True, False, ["legal_advice"]), ("A2", None, None, None, [])])
    counts = linked.count_units(table, forms, P, F)
    a1, a2 = counts.loc["A1"], counts.loc["A2"]
    assert (a1[("full_n", "5")], a1[("ta_needed_n", "5")], a1[("unmet_n", "5")], a1[("ta_not_needed_n", "5")]) == (1, 1, 1, 0)
    assert (a1[("needs_n", "legal_advice")], a1[("states_n", "legal_advice")], a1[("states_not_n", "legal_advice")]) == (1, 1, 0)
    # a blank answer is 'no answer' and no need; it names no form, so it does not request one either
    assert (a2[("no_answer_n", "5")], a2[("ta_not_needed_n", "5")], a2[("states_not_n", "legal_advice")]) == (1, 1, 1)
    table, forms = answers([("B1", "partial", True, True, [])])
    b1 = linked.count_units(table, forms, P, F).loc["B1"]
    assert (b1[("needs_n", NO_FORM)], b1[("ta_provided_n", "5")], b1[("unmet_n", "5")]) == (1, 1, 0)  # a need naming no form


def plan(groups: dict[str, list[tuple]], earlier: list | None = None) -> pd.DataFrame:
    """Plan one meeting whose groups' States answered so (group -> rows); return its cells with their status."""
    rows = [(g, r) for g, members in groups.items() for r in members]
    table, forms = answers([r for _, r in rows])
    units = pd.DataFrame({"state_code": [r[0] for _, r in rows], "group_code": [g for g, _ in rows], "version": "v1"})
    counts = linked.count_units(table, forms, P, F)
    respondents = {g: len(m) for g, m in groups.items()} | {"ALL": len(rows)}
    cand = suppression.Candidate("m", "c", list(groups), respondents, respondents, (0, len(rows)), units, counts, table, forms, units)
    planner = suppression.Planner("c", P, F)
    ids = planner.add_units(units, counts)
    planner.new.append((linked.Publication("new/m", "m", ids, True), cand))
    decided, failed, _ = suppression.plan_checklist(planner)
    assert not failed
    return decided["m"]


def status(cells: pd.DataFrame, measure: str, key: str = "5") -> dict[str, str]:
    """Return the status of a count in every group that shows it."""
    shown = cells[(cells["measure"] == measure) & (cells["key"] == key) & cells["shown"]]
    return dict(zip(shown["group_code"], shown["status"]))


def test_a_group_of_one_respondent_is_hidden_with_what_would_give_it_back():
    # A: 1 respondent (fully compliant, needing TA); B: 4 (three fully compliant, one not, needing TA). A's counts are
    # all primary (a group of one). Fully compliant: all groups 4 minus B 3 would give A's 1 back, so the smaller of the
    # two figures that bind it, B's 3, is hidden too; then A could be 0 (B 4): safe. Needing TA: 1, 1 and 2 in all: primary.
    full = lambda s: (s, "full", False, False, [])  # noqa: E731
    cells = plan(
        {"A": [("A1", "full", True, False, ["legal_advice"])], "B": [full("B1"), full("B2"), full("B3"), ("B4", "none", True, False, [])]}
    )
    assert status(cells, "full_n") == {"ALL": "published", "A": "primary", "B": "secondary"}
    assert status(cells, "ta_needed_n") == {"ALL": "primary", "A": "primary", "B": "primary"}
    assert not (cells["group_code"].eq("A") & cells["status"].eq("published")).any()


def test_a_group_of_three_or_more_publishes_its_counts_and_a_zero_is_no_count_to_protect():
    n = lambda s: (s, "partial", False, False, [])  # noqa: E731
    cells = plan({"A": [n("A1"), n("A2"), n("A3")], "B": [n("B1"), n("B2"), n("B3")]})
    assert status(cells, "partial_n") == {"ALL": "published"}  # shown for all groups only
    assert status(cells, "full_n") == {"ALL": "published", "A": "published", "B": "published"}  # zeros: all published
    assert set(cells.loc[cells["shown"], "status"]) == {"published"}


def test_a_state_counted_in_one_publication_and_not_the_other_is_protected():
    # two publications of one meeting: the first counts A1..A3, the second also A4, who needs TA. Their difference in
    # 'needing TA' (group A and all groups) is A4's answer: the new figures must not give it
    model_units = pd.DataFrame({"state_code": ["A1", "A2", "A3", "A4"], "group_code": "A", "version": "v1"})
    table, forms = answers([(s, "partial", s == "A4", False, []) for s in ["A1", "A2", "A3", "A4"]])
    counts = linked.count_units(table, forms, P, F)
    planner = suppression.Planner("c", P, F)
    ids = planner.add_units(model_units, counts)
    old = {("ta_needed_n", "A", "5"): 0.0, ("ta_needed_n", "ALL", "5"): 0.0, ("partial_n", "ALL", "5"): 3.0}
    planner.add_old("m", ids[:3], old)
    respondents = {"A": 4, "ALL": 4}
    cand = suppression.Candidate("m", "c", ["A"], respondents, respondents, (0, 4), model_units, counts, table, forms, model_units)
    planner.new.append((linked.Publication("new/m", "m", ids, True), cand))
    decided, failed, _ = suppression.plan_checklist(planner)
    assert not failed
    # needing TA: 1 in the new publication, 0 in the old one (published): the newcomer's need, hidden (primary) in
    # group A and in all groups; its request names no form: 1 request, 1 State, hidden too
    cells = decided["m"]
    assert status(cells, "ta_needed_n") == {"ALL": "primary", "A": "primary"}
    assert status(cells, "needs_n", NO_FORM) == {"ALL": "primary", "A": "primary"}
    # 4 partly compliant now, 3 before: the difference is the newcomer's answer, so the new 4 is hidden too
    assert status(cells, "partial_n") == {"ALL": "secondary"}


def test_the_reader_cannot_pin_what_the_plan_protects():
    # a tiny linked model: two groups of two unknown States each; all groups' count published, both groups' hidden
    # (each could be 0 to 2): the protector finds no count pinned; publishing one group's gives the other away
    table, forms = answers(
        [
            ("A1", "full", True, False, []),
            ("A2", "partial", False, False, []),
            ("B1", "full", False, False, []),
            ("B2", "none", True, False, []),
        ]
    )
    units = pd.DataFrame({"state_code": ["A1", "A2", "B1", "B2"], "group_code": ["A", "A", "B", "B"], "version": "v1"})
    planner = suppression.Planner("c", P, F)
    ids = planner.add_units(units, linked.count_units(table, forms, P, F))
    pub = linked.Publication("p/m", "m", ids)
    planner.old.append((pub, {}))
    model = planner.model()
    mk = model.measure_keys.index(("full_n", "5"))
    everyone, group_a, group_b = model.cell(pub, "ALL", mk), model.cell(pub, "A", mk), model.cell(pub, "B", mk)
    model.fix(everyone, 2)
    protector = Protector(model, [group_a, group_b], [], disclosure.MIN_STATES)
    assert protector.check(group_a) == (False, None)  # A's 1 full could be 0 (B then 2): not pinned
    model.fix(group_b, 1)
    assert group_a in protector.publish(group_b.column, 1)  # its proof (B 2, A 0) no longer holds
    disclosed, binding = protector.check(group_a)
    assert disclosed and set(binding) >= {everyone.column, group_b.column}


@pytest.mark.parametrize(
    "residual, low, high, disclosed", [(1, 1, 1, True), (2, 1, 2, True), (1, 0, 1, False), (2, 2, 3, False), (3, 3, 3, False)]
)
def test_what_counts_as_disclosed(residual, low, high, disclosed):
    # a count of 1 or 2 States is disclosed when a reader can pin it (exact) or bound it within [1, 2]
    assert linked.is_disclosed(residual, low, high, disclosure.MIN_STATES) is disclosed


def test_the_policy_blanks_suppressed_counts_and_every_share_whose_count_is_hidden():
    policy = disclosure.Policy("public", frozenset({("m", "full_n", "A", "5")}))
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
    assert out["full_n"].isna().tolist() == [True, False, False]
    assert out["full_pct"].isna().tolist() == [True, False, False]
    assert out["responding_parties_n"].notna().all()  # the respondents are public: never suppressed
    assert disclosure.Policy().mask(table, "m", "A") is table  # restricted: everything, as it is


def test_a_table_of_forms_never_orders_its_rows_on_a_suppressed_figure():
    from lib.analysis.needs import sort_forms

    table = pd.DataFrame(
        {
            "ta_form_code": ["a", "b", "c", "d", NO_FORM],
            "needs_n": pd.array([14, pd.NA, 9, pd.NA, 3], dtype="Int64"),
            "states_n": pd.array([5, pd.NA, 4, pd.NA, 2], dtype="Int64"),
        }
    )
    # published rows by requests; suppressed ones after them in the list's order (d before b here), whatever their values
    assert sort_forms(table, ["d", "c", "b", "a"])["ta_form_code"].tolist() == ["a", "c", "d", "b", NO_FORM]
