"""Compute the background paper's and regional analyses' tables from the processed data at a meeting's cut-off."""

from __future__ import annotations

import pandas as pd

from lib.analysis.ranking import select_top
from lib.io.codes import ALL_GROUPS, ALL_GROUPS_LABEL, NO_FORM, NO_FORM_LABEL, NO_GROUP_CODE
from lib.io.messages import N_
from lib.io.paths import processed_dir
from lib.io.reference import select_parties_as_of
from lib.model.dataset import (  # the dataset and snapshot, re-exported for the notebooks
    Dataset,
    Snapshot,
    find_group_name,
    find_meeting as find_meeting,
    find_previous_meeting_id as find_previous_meeting_id,
    flag_needs,
    load_dataset as load_dataset,
    take_snapshot as take_snapshot,
)
from lib.model.shares import compute_pct, subtract_pct

COMPLIANCE_COLUMNS = ["full", "partial", "none", "no_answer"]  # the four outcomes of each article, in display order
PROVIDER_SEPARATOR = ";"  # ta_providers lists several providers separated by ';'


def summarise_response(snap: Snapshot) -> dict:
    """Return the response-rate figures: responding parties, all parties, the rate and non-party replies."""
    responding = snap.respondents[snap.respondents["is_party"]]
    non_party = snap.respondents[~snap.respondents["is_party"]]
    summary = {
        "parties_n": len(snap.parties),
        "responding_parties_n": len(responding),
        "responding_pct": compute_pct(len(responding), len(snap.parties)),
        "non_party_respondents_n": len(non_party),
        "respondents_n": len(snap.respondents),
        "cutoff_date": snap.meeting["cutoff_date"],
    }
    table = snap.policy.mask(
        pd.DataFrame([summary]), snap.meeting["meeting_id"], ALL_GROUPS, shares={"responding_pct": "responding_parties_n"}
    )
    return {**summary, **table.iloc[0].to_dict()}


def compare_with_quoted(data: Dataset, snap: Snapshot, rule: str = "deposited") -> dict | None:
    """Return the response figures a UN document quotes for the meeting beside this paper's, with what explains them.

    parties_at_status_n: the parties on the quoted status date (when the document counted parties earlier than the
    cut-off); joined_n: the parties that joined between that date and the cut-off. None when meetings.csv quotes nothing
    for the meeting."""
    m = snap.meeting
    if pd.isna(m.get("quoted_parties_n", pd.NA)):
        return None
    out = {
        "respondents_n": int(m["quoted_respondents_n"]),
        "parties_n": int(m["quoted_parties_n"]),
        "pct": int(m["quoted_pct"]),
        "source": m["quoted_source"],
        "status_date": m["quoted_status_date"],
        "parties_at_status_n": None,
        "joined_n": 0,
    }
    if pd.notna(m["quoted_status_date"]):
        earlier = select_parties_as_of(data.states, m["quoted_status_date"], rule)
        out["parties_at_status_n"] = len(earlier)
        out["joined_n"] = int((~snap.parties["state_code"].isin(earlier["state_code"])).sum())
    return out


def _groups(snap: Snapshot) -> pd.DataFrame:
    """Return the regional groups present among the parties, in a fixed order, 'no regional group' last."""
    groups = snap.parties[["group_code", "group_name"]].drop_duplicates()
    return groups.assign(last=groups["group_code"] == NO_GROUP_CODE).sort_values(["last", "group_name"]).drop(columns="last")


def tabulate_response_by_group(snap: Snapshot) -> pd.DataFrame:
    """Return parties, responding parties and the response rate by regional group, with a total row."""
    parties = snap.parties.groupby("group_code").size().rename("parties_n")
    resp = snap.respondents[snap.respondents["is_party"]].groupby("group_code").size().rename("responding_parties_n")
    table = _groups(snap).set_index("group_code").join(parties).join(resp).fillna({"responding_parties_n": 0})
    table.loc[ALL_GROUPS] = [ALL_GROUPS_LABEL, table["parties_n"].sum(), table["responding_parties_n"].sum()]
    table = table.astype({"parties_n": int, "responding_parties_n": int})
    table["responding_pct"] = compute_pct(table["responding_parties_n"], table["parties_n"]).values
    return snap.policy.mask(
        table.reset_index(), snap.meeting["meeting_id"], group_col="group_code", shares={"responding_pct": "responding_parties_n"}
    )


def _party_answers(snap: Snapshot, group_code: str | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the answers and respondents of responding parties, optionally of one regional group."""
    answers = snap.answers[snap.answers["is_party"]]
    resp = snap.respondents[snap.respondents["is_party"]]
    if group_code:
        answers, resp = answers[answers["group_code"] == group_code], resp[resp["group_code"] == group_code]
    return answers, resp


def tabulate_compliance(snap: Snapshot, group_code: str | None = None) -> pd.DataFrame:
    """Return, per article, responding parties fully/partly/not compliant or not answering (counts and %)."""
    shares = {f"{c}_pct": f"{c}_n" for c in COMPLIANCE_COLUMNS}
    return snap.policy.mask(count_compliance(snap, group_code), snap.meeting["meeting_id"], group_code or ALL_GROUPS, "provision", shares)


def count_compliance(snap: Snapshot, group_code: str | None = None) -> pd.DataFrame:
    """Return the compliance table with every count as it is (no suppression)."""
    answers, resp = _party_answers(snap, group_code)
    counts = answers.groupby(["provision", "compliance_code"]).size().unstack(fill_value=0)
    table = snap.checklist[["provision", "title"]].set_index("provision").join(counts).fillna(0)
    for col in ["full", "partial", "none"]:
        table[col] = table[col].astype(int) if col in table else 0
    table["responding_parties_n"] = len(resp)
    table["no_answer"] = table["responding_parties_n"] - table[["full", "partial", "none"]].sum(axis=1)
    out = table[["title", "responding_parties_n"]].copy()
    for col in COMPLIANCE_COLUMNS:
        out[f"{col}_n"] = table[col].astype(int)
    for col in COMPLIANCE_COLUMNS:
        out[f"{col}_pct"] = compute_pct(out[f"{col}_n"], out["responding_parties_n"]).values
    return out.reset_index()


def tabulate_ta_needs(snap: Snapshot, group_code: str | None = None) -> pd.DataFrame:
    """Return, per article, parties needing TA, already receiving it, and needing it without receiving it."""
    return snap.policy.mask(
        count_ta_needs(snap, group_code),
        snap.meeting["meeting_id"],
        group_code or ALL_GROUPS,
        "provision",
        {"ta_needed_pct": "ta_needed_n"},
    )


def count_ta_needs(snap: Snapshot, group_code: str | None = None) -> pd.DataFrame:
    """Return the TA needs table with every count as it is (no suppression)."""
    answers, resp = _party_answers(snap, group_code)
    flags = flag_needs(answers).rename(columns={"is_need": "ta_needed_n", "is_provided": "ta_provided_n", "is_unmet": "unmet_n"})
    counts = flags.assign(provision=answers["provision"]).groupby("provision").sum()
    table = snap.checklist[["provision", "title"]].set_index("provision").join(counts).fillna(0)
    table["responding_parties_n"] = len(resp)
    for col in ("ta_needed_n", "ta_provided_n", "unmet_n"):
        table[col] = table[col].astype(int)
    table["ta_needed_pct"] = compute_pct(table["ta_needed_n"], table["responding_parties_n"]).values
    return table[["title", "responding_parties_n", "ta_needed_n", "ta_needed_pct", "ta_provided_n", "unmet_n"]].reset_index()


def tabulate_ta_needs_by_group(snap: Snapshot) -> pd.DataFrame:
    """Return the share of responding parties needing TA, article by regional group (long form)."""
    frames = []
    for g in _groups(snap).itertuples():
        t = tabulate_ta_needs(snap, g.group_code)
        frames.append(t.assign(group_code=g.group_code, group_name=g.group_name))
    return pd.concat(frames, ignore_index=True)[
        ["provision", "group_code", "group_name", "responding_parties_n", "ta_needed_n", "ta_needed_pct", "unmet_n"]
    ]


def tabulate_forms(snap: Snapshot, group_code: str | None = None) -> pd.DataFrame:
    """Return, per TA form, the needs citing it (State x article) and the parties citing it for any article."""
    table = snap.policy.mask(
        count_forms(snap, group_code), snap.meeting["meeting_id"], group_code or ALL_GROUPS, "ta_form_code", {"states_pct": "states_n"}
    )
    return sort_forms(table, snap.ta_forms["ta_form_code"].tolist())


def list_requests(snap: Snapshot, group_code: str | None = None) -> pd.DataFrame:
    """Return one row per request of responding parties: a need (State x article) and a form it names, or the form
    NO_FORM when the need names none, so that the requests of every form add up to the needs and to the matrix."""
    answers, _ = _party_answers(snap, group_code)
    needs = answers[flag_needs(answers)["is_need"]]
    forms = snap.answer_forms[["state_code", "provision", "submitted_on", "ta_form_code"]]
    requests = needs[["state_code", "provision", "submitted_on"]].merge(forms, how="left", on=["state_code", "provision", "submitted_on"])
    return requests.fillna({"ta_form_code": NO_FORM})


def count_forms(snap: Snapshot, group_code: str | None = None) -> pd.DataFrame:
    """Return the TA forms table with every count as it is (no suppression); needs naming no form are the last row."""
    forms = list_requests(snap, group_code)
    _, resp = _party_answers(snap, group_code)
    labels = pd.concat([snap.ta_forms[["ta_form_code", "label"]], pd.DataFrame([{"ta_form_code": NO_FORM, "label": NO_FORM_LABEL}])])
    table = labels.set_index("ta_form_code")
    table["needs_n"] = forms.groupby("ta_form_code").size()
    table["states_n"] = forms.groupby("ta_form_code")["state_code"].nunique()
    table = table.fillna(0).astype({"needs_n": int, "states_n": int})
    table["states_pct"] = compute_pct(table["states_n"], len(resp)).values
    return sort_forms(table.reset_index(), snap.ta_forms["ta_form_code"].tolist())


FORMS_ORDER = (  # how a table of forms orders its rows, as the documents state it
    "Forms are listed by the number of requests, then of States parties naming them; ties, and forms whose figures are "
    "suppressed, follow the order of the checklist's list of forms; needs naming no form come last."
)


def sort_forms(table: pd.DataFrame, order: list[str] | None = None) -> pd.DataFrame:
    """Return the forms most requested first (FORMS_ORDER): by requests, then States; ties and suppressed rows in the
    list's order (order: the form codes as ta_forms.csv lists them; default the table's codes sorted), NO_FORM last.
    A suppressed figure never decides a row's place: rows are ordered on published figures only."""
    order = order or sorted(table["ta_form_code"])
    position = {code: i for i, code in enumerate(order)}
    hidden = table["needs_n"].isna() | table["states_n"].isna()
    table = table.assign(
        _unnamed=table["ta_form_code"] == NO_FORM,
        _hidden=hidden,
        _needs=table["needs_n"].astype("Float64").where(~hidden),
        _states=table["states_n"].astype("Float64").where(~hidden),
        _position=table["ta_form_code"].map(position).fillna(len(position)),
    )
    ordered = table.sort_values(
        ["_unnamed", "_hidden", "_needs", "_states", "_position"], ascending=[True, True, False, False, True], kind="stable"
    )
    return ordered.drop(columns=["_unnamed", "_hidden", "_needs", "_states", "_position"]).reset_index(drop=True)


def select_named_forms(forms: pd.DataFrame) -> pd.DataFrame:
    """Return the rows of a forms table that name a form (the chart of forms, like the sentence, leaves out NO_FORM)."""
    return forms[forms["ta_form_code"] != NO_FORM]


def tabulate_providers(snap: Snapshot, group_code: str | None = None) -> pd.DataFrame:
    """Return the providers named for TA already given: parties and articles they cover (names verbatim).

    Providers are free text written by the States: a public build shows none of them (an empty table).
    """
    if snap.policy.is_public:
        return pd.DataFrame(
            {"provider": pd.Series(dtype="object"), "states_n": pd.Series(dtype="int64"), "needs_n": pd.Series(dtype="int64")}
        )
    answers, _ = _party_answers(snap, group_code)
    given = answers[flag_needs(answers)["is_provided"] & (answers["ta_providers_text"] != "")]
    split = given.assign(provider=given["ta_providers_text"].str.split(PROVIDER_SEPARATOR)).explode("provider")
    split["provider"] = split["provider"].str.strip()
    split = split[split["provider"] != ""]
    table = split.groupby("provider").agg(states_n=("state_code", "nunique"), needs_n=("provision", "size"))
    return table.sort_values(["states_n", "needs_n"], ascending=False).reset_index()


# The change table's indicators by article (the CSV keeps them in English; a document in another language translates them).
INDICATOR_FULL = N_("Art. {article}: fully compliant (%)")
INDICATOR_NEEDING = N_("Art. {article}: needing assistance (%)")


def compare_snapshots(current: Snapshot, previous: Snapshot) -> pd.DataFrame:
    """Return the change in the headline figures between two meetings (percentage points for rates)."""
    rows = []
    for label, fn in (
        (N_("States parties"), lambda s: summarise_response(s)["parties_n"]),
        (N_("Responding States parties"), lambda s: summarise_response(s)["responding_parties_n"]),
        (N_("Response rate (%)"), lambda s: summarise_response(s)["responding_pct"]),
    ):
        rows.append({"indicator": label, "previous": fn(previous), "current": fn(current)})
    cur_c, prev_c = tabulate_compliance(current), tabulate_compliance(previous)
    cur_n, prev_n = tabulate_ta_needs(current), tabulate_ta_needs(previous)
    for prov in current.checklist["provision"]:
        rows.append(
            {
                "indicator": INDICATOR_FULL.format(article=prov),
                "previous": prev_c.set_index("provision")["full_pct"].get(prov),
                "current": cur_c.set_index("provision")["full_pct"].get(prov),
            }
        )
        rows.append(
            {
                "indicator": INDICATOR_NEEDING.format(article=prov),
                "previous": prev_n.set_index("provision")["ta_needed_pct"].get(prov),
                "current": cur_n.set_index("provision")["ta_needed_pct"].get(prov),
            }
        )
    table = pd.DataFrame(rows)
    table["change"] = subtract_pct(table["current"], table["previous"])
    return table


def compare_region_with_global(snap: Snapshot, group_code: str) -> pd.DataFrame:
    """Return, per article, the region's and the global shares fully compliant and needing TA."""
    rc, gc = tabulate_compliance(snap, group_code), tabulate_compliance(snap)
    rn, gn = tabulate_ta_needs(snap, group_code), tabulate_ta_needs(snap)
    table = pd.DataFrame(
        {
            "provision": rc["provision"],
            "title": rc["title"],
            "region_full_pct": rc["full_pct"],
            "global_full_pct": gc["full_pct"],
            "region_ta_needed_pct": rn["ta_needed_pct"],
            "global_ta_needed_pct": gn["ta_needed_pct"],
        }
    )
    table["ta_needed_gap_pp"] = subtract_pct(table["region_ta_needed_pct"], table["global_ta_needed_pct"])
    return table


PRIORITY_CHART_ROWS = 10  # the regional analysis's chart shows this many articles, and any tied with the last of them


def select_chart_priorities(priorities: pd.DataFrame) -> pd.DataFrame:
    """Return the articles the priority chart shows: the PRIORITY_CHART_ROWS with the most needs not yet met, and any
    tied with the last of them (a cut never falls inside a tie), labelled 'Art. N'."""
    if priorities["unmet_n"].isna().any():  # a public build with a suppressed count: no rank, the table's first rows
        chosen = priorities.head(PRIORITY_CHART_ROWS)
    else:
        chosen = select_top(priorities, "unmet_n", PRIORITY_CHART_ROWS)
    return chosen.assign(article="Art. " + chosen["provision"].astype(str))


def rank_priority_needs(snap: Snapshot, group_code: str, forms_shown: int = 2) -> pd.DataFrame:
    """Rank the region's articles: most parties needing TA not yet received, then lowest full compliance.

    Ties keep the checklist's order. The most requested forms for each article are listed with it. When a count of
    needs not yet met is suppressed (public builds), the articles keep that order but get no rank.
    """
    needs = tabulate_ta_needs(snap, group_code)
    comp = tabulate_compliance(snap, group_code)[["provision", "full_n", "full_pct"]]
    table = needs.merge(comp, on="provision")
    not_full = table["responding_parties_n"].astype("Float64") - table["full_n"].astype("Float64")
    table["not_full_pct"] = compute_pct(not_full, table["responding_parties_n"]).values  # from the counts (caveat 6)
    forms = snap.answer_forms[snap.answer_forms["is_party"] & (snap.answer_forms["group_code"] == group_code)]
    labels = snap.form_labels
    top = (
        forms.groupby(["provision", "ta_form_code"])
        .size()
        .rename("n")
        .reset_index()
        .sort_values(["provision", "n"], ascending=[True, False], kind="stable")
    )
    # the forms_shown most requested of each article, and any tied with the last of them: a tie is named together
    chosen = [select_top(rows, "n", forms_shown) for _, rows in top.groupby("provision", sort=False)]
    shown = pd.concat(chosen) if chosen else top
    top_forms = shown.groupby("provision")["ta_form_code"].agg(lambda codes: "; ".join(labels[c] for c in codes))
    table["top_forms"] = table["provision"].map(lambda provision: top_forms.get(provision, ""))  # '' for an article without
    table = table.sort_values(["unmet_n", "not_full_pct"], ascending=[False, False], kind="stable", na_position="last")
    table.insert(0, "rank", pd.array(range(1, len(table) + 1), dtype="Int64"))
    if table["unmet_n"].isna().any():  # a suppressed count could rank anywhere: no rank is given (public builds)
        table["rank"] = pd.NA
    return table[["rank", "provision", "title", "unmet_n", "ta_needed_n", "ta_provided_n", "not_full_pct", "top_forms"]]


SELF_ASSESSMENT_PREFIX = "self_assessment/"  # the exports' folder in source_file: their rows are reconciled at a cut-off


def reconcile_at_cutoff(data: Dataset, meeting: pd.Series) -> pd.DataFrame:
    """Return, per raw file, its rows as they stood at a meeting's cut-off date (the annex of that meeting's reports).

    A self-assessment row is used (the latest submission of its State for the meeting's checklist dated on or before
    the cut-off), superseded (an earlier submission, superseded by then), not used (dated after the cut-off, or for
    another checklist) or rejected. Other files (supply, peer review) keep their status at ingest (accepted ->
    used). read = used + superseded + not used + rejected for every file.
    """
    answers = data.answers[["state_code", "checklist_id", "submitted_on", "source_file"]]
    known = (answers["checklist_id"] == meeting["checklist_id"]) & (answers["submitted_on"] <= meeting["cutoff_date"])
    latest = answers[known].groupby("state_code")["submitted_on"].transform("max")
    status = pd.Series("not_used", index=answers.index)
    status[known] = "superseded"
    status[known & (answers["submitted_on"] == latest.reindex(answers.index))] = "used"
    counts = pd.crosstab(answers["source_file"], status).reindex(columns=["used", "superseded", "not_used"], fill_value=0)
    recon = data.reconciliation[data.reconciliation["source_file"] != "all files"].set_index("source_file")
    table = pd.DataFrame({"rows_read_n": recon["rows_read_n"], "rows_rejected_n": recon["rows_rejected_n"]})
    is_export = table.index.str.startswith(SELF_ASSESSMENT_PREFIX)
    table["rows_used_n"] = counts["used"].reindex(table.index).fillna(0).where(is_export, recon["rows_accepted_n"])
    table["rows_superseded_n"] = counts["superseded"].reindex(table.index).fillna(0).where(is_export, recon["rows_superseded_n"])
    table["rows_not_used_n"] = counts["not_used"].reindex(table.index).fillna(0).where(is_export, 0)
    columns = ["rows_read_n", "rows_used_n", "rows_superseded_n", "rows_not_used_n", "rows_rejected_n"]
    table = table[columns].astype(int)
    table.loc["all files"] = table.sum()
    table["is_reconciled"] = table["rows_read_n"] == table[columns[1:]].sum(axis=1)
    return table.rename_axis("source_file").reset_index()


def select_rejected_submissions(data: Dataset, meeting: pd.Series) -> pd.DataFrame:
    """Return the submissions for the meeting's checklist, dated on or before its cut-off (or with a date that cannot be
    read), none of whose rows was accepted: their States count as not responding, and the annex says why."""
    table = data.rejected_submissions
    if table is None or table.empty:
        return pd.DataFrame(columns=["state_text", "state_code", "submitted_on_text", "rows_read_n", "reasons"])
    dated = table["submitted_on_date"].isna() | (table["submitted_on_date"] <= meeting["cutoff_date"])
    chosen = table[(table["checklist_text"] == meeting["checklist_id"]) & dated]
    return chosen[["state_text", "state_code", "submitted_on_text", "rows_read_n", "reasons"]].reset_index(drop=True)


def summarise_export_rows(recon: pd.DataFrame) -> pd.Series:
    """Return the self-assessment exports' rows at a cut-off (read, used, superseded, not used, rejected), summed over files."""
    exports = recon[recon["source_file"].str.startswith(SELF_ASSESSMENT_PREFIX)]
    return exports[["rows_read_n", "rows_used_n", "rows_superseded_n", "rows_not_used_n", "rows_rejected_n"]].sum().astype(int)


def count_rejected_by_reason(data_dir: str = "") -> pd.DataFrame:
    """Return the self-assessment rows rejected at ingest, by reason: reason_code, rows_n (a row may have several
    reasons, so the counts may add up to more than the rows rejected), most frequent first."""
    rejects = pd.read_csv(processed_dir(data_dir) / "rejects.csv", dtype=str, keep_default_na=False)
    exports = rejects[rejects["source_file"].str.startswith(SELF_ASSESSMENT_PREFIX)]
    rows = exports.drop_duplicates(["source_file", "source_row", "reason_code"])
    counts = rows.groupby("reason_code").size().rename("rows_n").reset_index()
    return counts.sort_values(["rows_n", "reason_code"], ascending=[False, True]).reset_index(drop=True)


def find_group_number(snap: Snapshot, group_code: str) -> int:
    """Return a regional group's place (1 for the first) in the groups' fixed order: its analysis is addendum number N."""
    return list(_groups(snap)["group_code"]).index(group_code) + 1


def list_respondents_by_group(snap: Snapshot) -> pd.DataFrame:
    """Return the States parties that responded by the cut-off, by regional group (the groups' order, then by name)."""
    table = snap.respondents[snap.respondents["is_party"]][["state_name", "group_code", "group_name"]]
    order = {code: i for i, code in enumerate(_groups(snap)["group_code"])}
    table = table.assign(_order=table["group_code"].map(order).fillna(len(order)))
    return table.sort_values(["_order", "state_name"]).drop(columns="_order").reset_index(drop=True)


def list_states_by_response(snap: Snapshot, group_code: str | None = None) -> pd.DataFrame:
    """Return every party (of a group) with whether and when it responded by the cut-off."""
    parties = snap.parties if not group_code else snap.parties[snap.parties["group_code"] == group_code]
    resp = snap.respondents[["state_code", "submitted_on", "submissions_n"]]
    table = parties[["state_code", "state_name", "group_name"]].merge(resp, on="state_code", how="left")
    table["has_responded"] = table["submitted_on"].notna()
    table["submissions_n"] = table["submissions_n"].fillna(0).astype(int)
    return table.sort_values(["has_responded", "state_name"], ascending=[False, True]).reset_index(drop=True)


def list_non_party_respondents(snap: Snapshot) -> pd.DataFrame:
    """Return the respondents that were not parties at the cut-off (reported apart from the response rate)."""
    table = snap.respondents[~snap.respondents["is_party"]][["state_code", "state_name", "group_name", "submitted_on"]].copy()
    return table.reset_index(drop=True)


def tabulate_compliance_by_group(snap: Snapshot) -> pd.DataFrame:
    """Return the share of responding parties fully compliant, article by regional group (wide, one column a group)."""
    frames = {g.group_name: tabulate_compliance(snap, g.group_code).set_index("provision")["full_pct"] for g in _groups(snap).itertuples()}
    frames[ALL_GROUPS_LABEL] = tabulate_compliance(snap).set_index("provision")["full_pct"]
    return pd.DataFrame(frames).reset_index()


def describe_scope(data: Dataset, group_code: str) -> str:
    """Return the scope of a report in words: 'of all regional groups' or 'of the African States'."""
    return "of all regional groups" if group_code == ALL_GROUPS else f"of the {find_group_name(data, group_code)}"
