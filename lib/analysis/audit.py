"""Attack a public build as a reader could: every figure it publishes, read back from its CSV files, in one integer
programme per meeting; fail when a count of 1 or 2 States can be pinned down. Separate code from lib.analysis.suppression,
which decides the suppression: this module knows only the published files, the reference data and the true counts."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import coo_matrix

from lib.io.codes import ALL_GROUPS as ALL, ALL_GROUPS_LABEL, NO_FORM, NO_FORM_LABEL
from lib.io.paths import processed_dir
from lib.io.reference import select_parties_as_of

THRESHOLD = 3  # a count of fewer States than this (1 or 2) must not be worked out
SUPPRESSED = "suppressed"  # how a suppressed figure reads in a published CSV
CATEGORIES = ["full", "partial", "none", "no_answer"]  # compliance answers; blank = no_answer
EPS = 1e-6  # float tolerance of the linear programme's bounds


@dataclass
class Meeting:
    """One meeting's unknowns (every count of States a public build is computed from) and what the build publishes of them."""

    meeting_id: str
    groups: list[str]
    parties: dict[str, int]
    provisions: list[str]
    forms: list[str]
    cells: dict = field(default_factory=dict)  # (measure, group, key) -> column index
    fixed: dict = field(default_factory=dict)  # column -> (value, where it is published)
    shares: list = field(default_factory=list)  # (count column or None, base column or None, base constant, share, where)
    known: dict = field(default_factory=dict)  # column -> what consenting States' briefs publish of it
    suppressed: dict = field(default_factory=dict)  # column -> where it reads 'suppressed'

    def cell(self, measure: str, group: str, key: str = "") -> int:
        """Return the column of a count, creating it on first use."""
        return self.cells.setdefault((measure, group, key), len(self.cells))


def read_csv(path: Path) -> pd.DataFrame:
    """Read a published table as text (suppressed cells read 'suppressed')."""
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def number(text: str) -> float | None:
    """Return a published figure as a number, None when suppressed or blank."""
    return None if text in ("", SUPPRESSED) else float(text)


def observe_count(m: Meeting, measure: str, group: str, key: str, text: str, where: str) -> None:
    """Record a published count, or that it is suppressed."""
    col = m.cell(measure, group, key)
    value = number(text)
    if value is None:
        m.suppressed.setdefault(col, where)
    else:
        m.fixed[col] = (value, where)


def observe_share(m: Meeting, count: tuple | None, base: tuple | None, text: str, where: str, base_value: float = 0.0) -> None:
    """Record a published share (per cent, one decimal, halves up) of a count over a base count or constant."""
    value = number(text)
    if value is not None:
        m.shares.append((m.cell(*count) if count else None, m.cell(*base) if base else None, base_value, value, where))


def read_background_paper(m: Meeting, folder: Path, names: dict[str, str], forms: dict[str, str], meetings: dict) -> None:
    """Read the tables of a background paper."""
    if (folder / "response_by_group.csv").is_file():
        for r in read_csv(folder / "response_by_group.csv").to_dict("records"):
            where = f"{folder.name}/response_by_group.csv {r['group_code']}"
            observe_count(m, "R", r["group_code"], "", r["responding_parties_n"], where)
            observe_share(m, ("R", r["group_code"], ""), None, r["responding_pct"], where, float(r["parties_n"]))
    for name, measures in (
        ("compliance_by_article.csv", [f"{c}_n" for c in CATEGORIES]),
        ("ta_needs_by_article.csv", ["ta_needed_n", "ta_provided_n", "unmet_n"]),
    ):
        if (folder / name).is_file():
            for r in read_csv(folder / name).to_dict("records"):
                read_article_row(m, r, ALL, measures, f"{folder.name}/{name} art. {r['provision']}")
    if (folder / "ta_needs_by_form.csv").is_file():
        read_forms(m, folder / "ta_needs_by_form.csv", ALL, forms)
    if (folder / "ta_needs_by_article_and_group.csv").is_file():
        for r in read_csv(folder / "ta_needs_by_article_and_group.csv").to_dict("records"):
            read_article_row(
                m,
                r,
                r["group_code"],
                ["ta_needed_n", "unmet_n"],
                f"{folder.name}/ta_needs_by_article_and_group.csv art. {r['provision']} {r['group_code']}",
            )
    if (folder / "full_compliance_by_article_and_group.csv").is_file():
        for r in read_csv(folder / "full_compliance_by_article_and_group.csv").to_dict("records"):
            for column, text in r.items():
                if column in names:
                    where = f"{folder.name}/full_compliance_by_article_and_group.csv art. {r['provision']} {column}"
                    observe_share(m, ("full_n", names[column], r["provision"]), ("R", names[column], ""), text, where)
    if (folder / "change_since_previous_meeting.csv").is_file():
        read_change(m, folder, meetings)


def read_article_row(m: Meeting, r: dict, group: str, measures: list[str], where: str) -> None:
    """Record the counts and shares of one article's row (responding parties, the measures, their shares)."""
    p = r["provision"]
    if "responding_parties_n" in r:
        observe_count(m, "R", group, "", r["responding_parties_n"], where)
    for measure in measures:
        if measure in r:
            observe_count(m, measure, group, p, r[measure], where)
        share = measure[: -len("_n")] + "_pct"
        if share in r:
            observe_share(m, (measure, group, p), ("R", group, ""), r[share], where)


def read_forms(m: Meeting, path: Path, group: str, forms: dict[str, str]) -> None:
    """Record a table of forms: requests and States per form, and the share of respondents."""
    for r in read_csv(path).to_dict("records"):
        key = r["ta_form_code"] if "ta_form_code" in r else forms[r["label"]]
        where = f"{path.parent.name}/{path.name} form {key or '(not named)'}"
        observe_count(m, "needs_n", group, key, r["needs_n"], where)
        observe_count(m, "states_n", group, key, r["states_n"], where)
        observe_share(m, ("states_n", group, key), ("R", group, ""), r.get("states_pct", ""), where)


def read_change(m: Meeting, folder: Path, meetings: dict) -> None:
    """Record the change table: this meeting's and the previous meeting's figures for all groups."""
    previous = meetings.get(("previous", m.meeting_id))
    for r in read_csv(folder / "change_since_previous_meeting.csv").to_dict("records"):
        for column, meeting in (("current", m), ("previous", previous)):
            if meeting is None:
                continue
            where, indicator = f"{folder.name}/change_since_previous_meeting.csv {r['indicator']} ({column})", r["indicator"]
            if indicator == "Responding States parties":
                observe_count(meeting, "R", ALL, "", r[column], where)
            elif indicator.startswith("Art. "):
                provision = indicator[5:].split(":")[0]
                measure = "full_n" if "fully compliant" in indicator else "ta_needed_n"
                observe_share(meeting, (measure, ALL, provision), ("R", ALL, ""), r[column], where)
            elif indicator == "Response rate (%)":
                observe_share(meeting, ("R", ALL, ""), None, r[column], where, float(meeting.parties[ALL]))


def read_regional_analysis(m: Meeting, folder: Path, group: str, forms: dict[str, str]) -> None:
    """Read the tables of a regional needs analysis of one group."""
    if (folder / "region_against_global.csv").is_file():
        for r in read_csv(folder / "region_against_global.csv").to_dict("records"):
            where, p = f"{folder.name}/region_against_global.csv art. {r['provision']}", r["provision"]
            for prefix, g in (("region", group), ("global", ALL)):
                observe_share(m, ("full_n", g, p), ("R", g, ""), r[f"{prefix}_full_pct"], where)
                observe_share(m, ("ta_needed_n", g, p), ("R", g, ""), r[f"{prefix}_ta_needed_pct"], where)
    if (folder / "ta_needs_by_form.csv").is_file():
        read_forms(m, folder / "ta_needs_by_form.csv", group, forms)
    if (folder / "priority_needs.csv").is_file():
        for r in read_csv(folder / "priority_needs.csv").to_dict("records"):
            where = f"{folder.name}/priority_needs.csv art. {r['provision']}"
            read_article_row(m, r, group, ["unmet_n", "ta_needed_n", "ta_provided_n"], where)
            if number(r.get("not_full_pct", "")) is not None:  # (respondents - fully compliant) / respondents
                m.shares.append(
                    (
                        ("not_full", m.cell("R", group, ""), m.cell("full_n", group, r["provision"])),
                        m.cell("R", group, ""),
                        0.0,
                        number(r["not_full_pct"]),
                        where,
                    )
                )


BRIEF_COMPLIANCE = {"fully compliant": "full", "partly compliant": "partial", "not compliant": "none", "no answer": "no_answer"}


def read_brief(m: Meeting, folder: Path, group: str, forms: dict[str, str]) -> None:
    """Read a consenting party's brief: its own answers are known (they add to its group's and to all groups' counts),
    and its regional context shows its group's shares."""
    profile = read_csv(folder / "profile.csv")
    known = [("R", "")]
    for r in profile.to_dict("records"):
        p, need = r["provision"], r["ta_needed"] == "yes"
        known.append((f"{BRIEF_COMPLIANCE[r['compliance']]}_n", p))
        if need:
            provided = r["ta_provided"] == "yes"
            known += [("ta_needed_n", p), ("ta_provided_n" if provided else "unmet_n", p)]
            named = [forms[f.strip()] for f in r["forms"].split(";") if f.strip()] or [""]
            known += [("needs_n", f) for f in named]
    requested = {k for measure, k in known if measure == "needs_n"}
    known += [("states_n", f) for f in requested]
    for measure, key in known:
        for g in (group, ALL):
            col = m.cell(measure, g, key)
            m.known[col] = m.known.get(col, 0) + 1
    if (folder / "regional_context.csv").is_file():
        for r in read_csv(folder / "regional_context.csv").to_dict("records"):
            where, p = f"{folder.name}/regional_context.csv art. {r['provision']}", r["provision"]
            observe_count(m, "R", group, "", r["group_respondents_n"], where)
            observe_share(m, ("full_n", group, p), ("R", group, ""), r["group_full_pct"], where)
            observe_share(m, ("ta_needed_n", group, p), ("R", group, ""), r["group_ta_needed_pct"], where)


def is_yes(value) -> bool:
    """Return True for a yes answer (a blank, NA, is no)."""
    return bool(value) if pd.notna(value) else False


def count_truth(
    data_dir: str | Path, meeting: pd.Series, states: pd.DataFrame, provisions: list[str], party_rule: str = "deposited"
) -> dict:
    """Return the true counts of one meeting, computed here from the processed answers (not by lib.analysis.needs)."""
    folder = processed_dir(data_dir)
    answers = pd.read_parquet(folder / "sa_answers.parquet")
    forms = pd.read_parquet(folder / "sa_answer_forms.parquet")
    answers = answers[(answers["checklist_id"] == meeting["checklist_id"]) & (answers["submitted_on"] <= meeting["cutoff_date"])]
    answers = answers[answers["submitted_on"] == answers.groupby("state_code")["submitted_on"].transform("max")]
    parties = set(select_parties_as_of(states, meeting["cutoff_date"], party_rule)["state_code"])
    group = dict(zip(states["state_code"], states["group_code"]))
    truth: dict = {}

    def add(measure, g, key, n=1):
        for gg in (g, ALL):
            truth[(measure, gg, key)] = truth.get((measure, gg, key), 0) + n

    for code in answers["state_code"].unique():
        if code in parties:
            add("R", group[code], "")
    mine = answers[answers["state_code"].isin(parties)]
    named = forms.groupby(["state_code", "provision", "submitted_on"])["ta_form_code"].agg(list).rename("forms").reset_index()
    mine = mine.merge(named, on=["state_code", "provision", "submitted_on"], how="left")
    requested = set()
    for r in mine.itertuples():
        g, p = group[r.state_code], r.provision
        if isinstance(r.compliance_code, str):
            add(f"{r.compliance_code}_n", g, p)
        if is_yes(r.is_ta_needed):
            add("ta_needed_n", g, p)
            add("ta_provided_n" if is_yes(r.is_ta_provided) else "unmet_n", g, p)
            for f in r.forms if isinstance(r.forms, list) else [""]:
                add("needs_n", g, f)
                requested.add((r.state_code, f))
    for code, f in requested:
        add("states_n", group[code], f)
    for (measure, g, _), n in list(truth.items()):  # no answer: a respondent that left the article blank or out of its submission
        if measure == "R":
            for p in provisions:
                truth[("no_answer_n", g, p)] = n - sum(truth.get((f"{c}_n", g, p), 0) for c in CATEGORIES[:3])
    return truth


def build_programme(m: Meeting) -> tuple:
    """Return the relations any reader can use (groups add up to all groups; compliance answers to the respondents;
    needs = provided + unmet; bounds of counts of States) and the published figures, as sparse rows."""
    eq, ub = [], []
    measures = [f"{c}_n" for c in CATEGORIES] + ["ta_needed_n", "ta_provided_n", "unmet_n"]
    for measure, keys in [("R", [""])] + [(x, m.provisions) for x in measures] + [(x, m.forms) for x in ("needs_n", "states_n")]:
        for k in keys:
            eq.append(({m.cell(measure, g, k): 1.0 for g in m.groups} | {m.cell(measure, ALL, k): -1.0}, 0.0))
    for g in [ALL] + m.groups:
        base = m.cell("R", g, "")
        for p in m.provisions:
            eq.append(({m.cell(f"{c}_n", g, p): 1.0 for c in CATEGORIES} | {base: -1.0}, 0.0))
            eq.append(({m.cell("ta_needed_n", g, p): 1.0, m.cell("ta_provided_n", g, p): -1.0, m.cell("unmet_n", g, p): -1.0}, 0.0))
            ub.append(({m.cell("ta_needed_n", g, p): 1.0, base: -1.0}, 0.0))  # no more needs than respondents
        for f in m.forms:
            ub.append(({m.cell("states_n", g, f): 1.0, m.cell("needs_n", g, f): -1.0}, 0.0))
            ub.append(({m.cell("states_n", g, f): 1.0, base: -1.0}, 0.0))
            ub.append(({m.cell("needs_n", g, f): 1.0, m.cell("states_n", g, f): -float(len(m.provisions))}, 0.0))
            ub.append(({m.cell("needs_n", g, f): 1.0} | {m.cell("ta_needed_n", g, p): -1.0 for p in m.provisions}, 0.0))
        ub.append(({m.cell("ta_needed_n", g, p): 1.0 for p in m.provisions} | {m.cell("needs_n", g, f): -1.0 for f in m.forms}, 0.0))
    for count, base, base_value, share, _ in m.shares:  # s = floor(1000 c / b + 1/2) / 10 <=> (20s - 1) b <= 2000 c <= (20s + 1) b - 1
        terms = ({count[1]: 2000.0, count[2]: -2000.0} if isinstance(count, tuple) else {count: 2000.0}) if count is not None else {}
        lo_terms, hi_terms = dict(terms), dict(terms)
        where = f"{_} ({share:.1f} %)"
        if base is not None:
            lo_terms[base] = lo_terms.get(base, 0.0) - (20 * share - 1)
            hi_terms[base] = hi_terms.get(base, 0.0) - (20 * share + 1)
            ub.append(({k: -v for k, v in lo_terms.items()}, 0.0, where))
            ub.append((hi_terms, -1.0, where))
        else:
            ub.append(({k: -v for k, v in terms.items()}, -(20 * share - 1) * base_value, where))
            ub.append((terms, (20 * share + 1) * base_value - 1, where))
    return eq, ub


def to_sparse(rows: list, n: int):
    """Return (matrix, right-hand side) of rows given as ({column: coefficient}, rhs[, where])."""
    r = [i for i, row in enumerate(rows) for _ in row[0]]
    c = [j for row in rows for j in row[0]]
    v = [x for row in rows for x in row[0].values()]
    return coo_matrix((v, (r, c)), shape=(len(rows), n)).tocsr(), np.array([row[1] for row in rows], float)


def explain(c: np.ndarray, eq, ub, lower, upper, m: Meeting, ub_where: list[str], limit: int = 6) -> list[str]:
    """Return the published figures that bind a bound: counts whose reduced cost, and shares whose dual value, is not zero."""
    (a_eq, b_eq), (a_ub, b_ub) = eq, ub
    res = linprog(c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=np.column_stack([lower, upper]), method="highs")
    found = [
        m.fixed[col][1] + f" = {m.fixed[col][0]:g}"
        for col in sorted(m.fixed)
        if abs(res.lower.marginals[col]) > EPS or abs(res.upper.marginals[col]) > EPS
    ]
    found += [ub_where[i] for i in np.flatnonzero(np.abs(res.ineqlin.marginals) > EPS) if ub_where[i]]
    return list(dict.fromkeys(found))[:limit]


def bound(c: np.ndarray, eq, ub, lower, upper) -> float:
    """Return min c.x over the whole numbers satisfying the relations (the LP when its solution is whole, else the MILP)."""
    (a_eq, b_eq), (a_ub, b_ub) = eq, ub
    res = linprog(c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=np.column_stack([lower, upper]), method="highs")
    if res.status != 0:
        raise RuntimeError(f"The published figures are inconsistent with the relations the audit assumes ({res.message}).")
    if np.abs(res.x - np.round(res.x)).max(initial=0) <= EPS:
        return float(res.fun)
    exact = milp(
        c,
        constraints=[LinearConstraint(a_eq, b_eq, b_eq), LinearConstraint(a_ub, -np.inf, b_ub)],
        integrality=np.ones(len(c)),
        bounds=Bounds(lower, upper),
    )
    if exact.status != 0:
        raise RuntimeError(f"No whole numbers of States fit the published figures ({exact.message}): the build contradicts itself.")
    return float(exact.fun)


def audit_meeting(m: Meeting, truth: dict) -> list[dict]:
    """Return a finding for every count of 1 or 2 States (beyond what consenting States publish) the build does not show
    exactly: the least and greatest values the published figures allow, and whether that pins it down."""
    eq_rows, ub_rows = build_programme(m)
    n = len(m.cells)
    eq, ub = to_sparse(eq_rows, n), to_sparse(ub_rows, n)
    ub_where = [row[2] if len(row) > 2 else "" for row in ub_rows]
    keys = {col: key for key, col in m.cells.items()}
    known = np.array([m.known.get(i, 0) for i in range(n)], float)
    upper = np.array([m.parties.get(keys[i][1], 0) * (len(m.provisions) if keys[i][0] == "needs_n" else 1) for i in range(n)], float)
    lower, upper = known.copy(), np.maximum(upper, known)
    for col, (value, _) in m.fixed.items():
        lower[col] = upper[col] = value
    findings = []
    for col in range(n):
        measure, group, key = keys[col]
        cell = {"meeting_id": m.meeting_id, "measure": measure, "group_code": group, "key": key}  # what each finding is about
        residual = truth.get((measure, group, key), 0) - known[col]
        if col in m.fixed and m.fixed[col][0] != truth.get((measure, group, key), 0):  # the audit's own count disagrees
            findings.append(
                {
                    **cell,
                    "true_value": int(truth.get((measure, group, key), 0)),
                    "low": None,
                    "high": None,
                    "is_disclosed": False,
                    "where": m.fixed[col][1],
                    "revealed_by": "",
                    "differs": f"published {m.fixed[col][0]:g}, counted {truth.get((measure, group, key), 0)}",
                }
            )
        if not 1 <= residual < THRESHOLD:
            continue
        if col in m.fixed:  # published as it is: a count of one or two States (beyond the consenting ones) in plain sight
            findings.append(
                {
                    **cell,
                    "true_value": int(residual),
                    "low": int(residual),
                    "high": int(residual),
                    "is_disclosed": True,
                    "where": m.fixed[col][1],
                    "revealed_by": "published as it is",
                    "differs": "",
                }
            )
            continue
        c = np.zeros(n)
        c[col] = -1.0
        high = -bound(c, eq, ub, lower, upper) - known[col]
        low = None if high >= THRESHOLD - EPS else bound(-c, eq, ub, lower, upper) - known[col]  # reaching 3 protects it
        disclosed = low is not None and (high - low < EPS or (low >= 1 - EPS and high <= THRESHOLD - 1 + EPS))
        revealed = explain(-c if low >= 1 - EPS else c, eq, ub, lower, upper, m, ub_where) if disclosed else []
        findings.append(
            {
                **cell,
                "true_value": int(residual),
                "low": None if low is None else int(round(low)),
                "high": int(round(high)),
                "is_disclosed": disclosed,
                "where": m.suppressed.get(col, "not shown (worked out from others)"),
                "revealed_by": "; ".join(revealed),
                "differs": "",
            }
        )
    return findings


def read_build(folders: list[Path], data_dir: str | Path) -> tuple[dict[str, Meeting], pd.DataFrame, pd.DataFrame]:
    """Return the meetings of a public build with everything its report folders publish, and the processed states and meetings."""
    folder = processed_dir(data_dir)
    states = pd.read_parquet(folder / "states.parquet")
    meetings = pd.read_parquet(folder / "meetings.parquet").sort_values("cutoff_date").reset_index(drop=True)
    checklist = pd.read_parquet(folder / "checklist.parquet")
    forms = pd.read_parquet(folder / "ta_forms.parquet")
    labels = dict(zip(forms["label"], forms["ta_form_code"])) | {NO_FORM_LABEL: NO_FORM}
    names = dict(zip(states["group_name"], states["group_code"])) | {ALL_GROUPS_LABEL: ALL}
    out, index, party_codes = {}, {}, {}
    for i, row in meetings.iterrows():
        parties = select_parties_as_of(states, row["cutoff_date"], "deposited")
        party_codes[row["meeting_id"]] = set(parties["state_code"])
        counts = parties.groupby("group_code").size().to_dict() | {ALL: len(parties)}
        provisions = checklist.loc[checklist["checklist_id"] == row["checklist_id"], "provision"].tolist()
        out[row["meeting_id"]] = Meeting(
            row["meeting_id"], sorted(set(parties["group_code"])), counts, provisions, forms["ta_form_code"].tolist() + [""]
        )
        if i:
            index[("previous", row["meeting_id"])] = out[meetings.loc[i - 1, "meeting_id"]]
    for folder_ in sorted(folders, key=lambda f: f.name):
        meta = json.loads((folder_ / "meta.json").read_text(encoding="utf-8"))
        params = meta["parameters"]
        m = out.get(params.get("meeting_id", ""))
        if m is None:
            continue
        if meta["notebook"] == "background_paper":
            read_background_paper(m, folder_, names, labels, index)
        elif meta["notebook"] == "regional_needs":
            read_regional_analysis(m, folder_, params["group_code"], labels)
        elif meta["notebook"] == "country_brief" and params["state_code"] in party_codes[m.meeting_id]:
            read_brief(m, folder_, names[meta["group_name"]], labels)  # a non-party's answers are in no count
    return out, states, meetings


def audit_build(reports: str | Path | list[Path], data_dir: str | Path = "") -> pd.DataFrame:
    """Return the findings of the audit of a public build: its folder, or the list of its report folders (one row per
    count of 1 or 2 States not shown exactly, and per such count published)."""
    folders = [p.parent for p in Path(reports).glob("*/meta.json")] if isinstance(reports, (str, Path)) else list(reports)
    built, states, meetings = read_build(folders, data_dir)
    findings = []
    for _, meeting in meetings.iterrows():
        m = built[meeting["meeting_id"]]
        findings += audit_meeting(m, count_truth(data_dir, meeting, states, m.provisions))
    columns = ["meeting_id", "measure", "group_code", "key", "true_value", "low", "high", "is_disclosed", "where", "revealed_by", "differs"]
    return pd.DataFrame(findings, columns=columns)


def main(argv: list[str] | None = None) -> int:
    """Command line: python -m lib.analysis.audit REPORTS_DIR [--data-dir D]; exit 1 when a count is disclosed."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("reports_dir")
    parser.add_argument("--data-dir", default="")
    args = parser.parse_args(argv)
    findings = audit_build(args.reports_dir, args.data_dir)
    print(describe_findings(findings))
    return 1 if findings["is_disclosed"].any() or findings["differs"].astype(bool).any() else 0


def describe_findings(findings: pd.DataFrame, limit: int = 20) -> str:
    """Return the audit's verdict in lines: how many counts it attacked, which it pinned down and which differ."""
    disclosed, differs = findings[findings["is_disclosed"]], findings[findings["differs"].astype(bool)]
    lines = [
        f"Audit: {int((findings['differs'] == '').sum())} counts of 1 or 2 States attacked; {len(disclosed)} pinned down by "
        f"the published figures; {len(differs)} published figures differ from the audit's own count."
    ]
    lines += [
        f"  DISCLOSED {r.meeting_id} {r.measure} of {r.group_code} {r.key}: true {r.true_value}, the published figures "
        f"allow only {r.low:.0f} to {r.high:.0f} ({r.where}); revealed by: {r.revealed_by}"
        for r in disclosed.head(limit).itertuples()
    ]
    lines += [
        f"  DIFFERS {r.meeting_id} {r.measure} of {r.group_code} {r.key}: {r.differs} ({r.where})" for r in differs.head(limit).itertuples()
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
