"""The audit attacks a public build from outside: it must catch the three disclosures the old suppression let through
(issue 14, each checkable by hand), and find none in the sample's public build (tests/test_disclosure.py: the fixture)."""

import json
import shutil
from datetime import date

import pandas as pd
import pytest

import legacy_disclosure as legacy
from conftest import ROOT, run_make
from lib.analysis import audit, brief, needs
from lib.build import plan
from lib.io.ingest import run_ingest

pytestmark = pytest.mark.integration
M1, M2 = "wg-ta-2008-12", "wg-ta-2009-09"


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The repository's sample, ingested into a scratch folder."""
    data = tmp_path_factory.mktemp("sample") / "data"
    shutil.copytree(ROOT / "data" / "raw", data / "raw", ignore=shutil.ignore_patterns("README.md"))
    run_ingest(data, today=date(2026, 1, 1))
    return data


def write_report(folder, notebook: str, parameters: dict, tables: dict[str, pd.DataFrame], **meta) -> None:
    """Write a report folder as a public build lays it out: meta.json and one CSV per table ('suppressed' for NA)."""
    folder.mkdir(parents=True)
    (folder / "meta.json").write_text(json.dumps({"notebook": notebook, "parameters": parameters, **meta}), encoding="utf-8")
    for name, frame in tables.items():
        frame.to_csv(folder / f"{name}.csv", index=False, na_rep="suppressed")


def old_needs_by_group(snap) -> pd.DataFrame:
    """Return the paper's table of needs by article and group as the old suppression published it."""
    tables = legacy.protect_by_group(snap, "ta_needs")
    return pd.concat([t.assign(group_code=code) for code, t in tables.items() if code != "ALL"], ignore_index=True)[
        ["provision", "group_code", "responding_parties_n", "ta_needed_n", "ta_needed_pct", "unmet_n"]
    ]


def find(findings: pd.DataFrame, meeting: str, measure: str, group: str, key: str = "") -> pd.Series:
    rows = findings[
        (findings["meeting_id"] == meeting)
        & (findings["measure"] == measure)
        & (findings["group_code"] == group)
        & (findings["key"] == key)
    ]
    assert len(rows) == 1, (meeting, measure, group, key)
    return rows.iloc[0]


def test_example_1_a_share_published_with_its_count_gives_its_base_away(sample, tmp_path):
    # September 2009: WEOG's article 25 reads "4, 36.4 %", so WEOG has 11 respondents; the response table then gives
    # 77 - 17 - 13 - 16 - 19 - 11 = 1 for 'no regional group'
    snap = needs.take_snapshot(needs.load_dataset(sample), M2)
    write_report(
        tmp_path / f"background_paper--{M2}",
        "background_paper",
        {"meeting_id": M2},
        {"response_by_group": legacy.suppress_response(snap), "ta_needs_by_article_and_group": old_needs_by_group(snap)},
    )
    row = find(audit.audit_build(tmp_path, sample), M2, "R", "NONE")
    assert (row["true_value"], row["low"], row["high"], row["is_disclosed"]) == (1, 1, 1, True)
    assert "WEOG" in row["revealed_by"]


def test_example_2_a_row_of_zeros_is_no_complement(sample, tmp_path):
    # December 2008, article 46: all groups 21 need TA, the other four 20, the no-group row 0 of 0: WEOG = 1, and its
    # published 'unmet = 0' gives 'provided = 1'
    snap = needs.take_snapshot(needs.load_dataset(sample), M1)
    overall = legacy.protect_by_group(snap, "ta_needs")["ALL"]
    write_report(
        tmp_path / f"background_paper--{M1}",
        "background_paper",
        {"meeting_id": M1},
        {
            "response_by_group": legacy.suppress_response(snap),
            "ta_needs_by_article": overall,
            "ta_needs_by_article_and_group": old_needs_by_group(snap),
        },
    )
    findings = audit.audit_build(tmp_path, sample)
    assert find(findings, M1, "ta_needed_n", "WEOG", "46")[["true_value", "low", "high", "is_disclosed"]].tolist() == [1, 1, 1, True]
    assert find(findings, M1, "ta_provided_n", "WEOG", "46")["is_disclosed"]


def test_example_3_a_brief_and_the_paper_leave_two_other_states(sample, tmp_path):
    # a consenting State's brief hides its group's share of full compliance, the paper publishes the same share: the
    # group minus the State is two States
    data = needs.load_dataset(sample)
    snap = needs.take_snapshot(data, M2)
    groups = legacy.protect_by_group(snap, "compliance")
    for code in sorted(plan.read_consents(sample / "raw")):
        if code not in set(snap.respondents.loc[snap.respondents["is_party"], "state_code"]):
            continue
        group = data.states.set_index("state_code").loc[code, "group_code"]
        comp, ta = groups[group], legacy.protect_by_group(snap, "ta_needs")[group]
        context = legacy.suppress_brief_context(snap, code, group, comp, ta)
        own = snap.answers[snap.answers["state_code"] == code].set_index("provision")["compliance_code"].reindex(comp["provision"])
        others = comp["full_n"].astype("Float64").to_numpy(na_value=-1) - (own == "full").to_numpy()
        leaked = context["group_full_pct"].isna().to_numpy() & comp["full_pct"].notna().to_numpy() & (others >= 1) & (others <= 2)
        if leaked.any():  # the paper shows the group's share; the brief hid it because the State's own answer leaves 1 or 2
            break
    article = context.loc[leaked, "provision"].iloc[0]
    wide = pd.DataFrame(
        {"provision": comp["provision"], data.states.set_index("group_code").loc[group, "group_name"].iloc[0]: comp["full_pct"]}
    )
    write_report(
        tmp_path / f"background_paper--{M2}",
        "background_paper",
        {"meeting_id": M2},
        {"full_compliance_by_article_and_group": wide, "response_by_group": legacy.suppress_response(snap)},
    )
    profile = brief.tabulate_profile(snap, code, brief.build_state_supply(data, snap, code))
    write_report(
        tmp_path / f"country_brief--{code}--{M2}",
        "country_brief",
        {"state_code": code, "meeting_id": M2},
        {"profile": profile, "regional_context": context},
        group_name=comp.attrs.get("group_name") or data.states.set_index("state_code").loc[code, "group_name"],
    )
    row = find(audit.audit_build(tmp_path, sample), M2, "full_n", group, article)
    assert row["true_value"] == 2 and row["is_disclosed"], row


@pytest.fixture(scope="module")
def public_sample(sample, tmp_path_factory):
    """The sample's public build (the suppression plan, every public report, the audit at its end)."""
    reports = tmp_path_factory.mktemp("public-sample") / "reports"
    result = run_make(sample, reports, "BUILD=public")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return reports, result


def test_the_sample_public_build_passes_its_audit(sample, public_sample):
    reports, result = public_sample
    assert "; 0 pinned down by the published figures; 0 published figures differ" in result.stdout
    findings = audit.audit_build(reports, sample)
    assert len(findings) > 100 and not findings["is_disclosed"].any()
