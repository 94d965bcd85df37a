"""The data of one data folder, and what was known at a meeting's cut-off: the dataset, its snapshot, the rule of needs."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from lib.io.codes import ALL_GROUPS, ALL_GROUPS_LABEL, NO_FORM, NO_FORM_LABEL
from lib.io.ingest import load_rejected_submissions
from lib.io.paths import processed_dir
from lib.io.reference import name_states_as_of, select_parties_as_of
from lib.io.releases import read_release_answers
from lib.model import disclosure


@dataclass
class Dataset:
    """The processed tables of one data folder, with its manifest."""

    states: pd.DataFrame
    checklist: pd.DataFrame
    ta_forms: pd.DataFrame
    meetings: pd.DataFrame
    answers: pd.DataFrame
    answer_forms: pd.DataFrame
    reconciliation: pd.DataFrame
    manifest: dict
    activities: pd.DataFrame | None = None
    activity_targets: pd.DataFrame | None = None
    state_names: pd.DataFrame | None = None  # the UN short names States had since 2005, with their dates (None = current names only)
    rejected_submissions: pd.DataFrame | None = None  # submissions none of whose rows was accepted (lib.io.ingest)
    resolutions: pd.DataFrame | None = None  # the Conference's resolutions the meetings cite as their mandate
    names: pd.DataFrame | None = None  # names in French and Spanish: regional groups, forms, articles' titles (reference.load_names)


@dataclass
class Snapshot:
    """What was known at one meeting's cut-off: the parties and the latest submission of each respondent."""

    meeting: pd.Series
    parties: pd.DataFrame
    respondents: pd.DataFrame
    answers: pd.DataFrame
    answer_forms: pd.DataFrame
    checklist: pd.DataFrame
    ta_forms: pd.DataFrame
    policy: disclosure.Policy = field(default_factory=disclosure.Policy)  # what the build may publish (restricted: everything)

    @property
    def form_labels(self) -> dict[str, str]:
        """Return {TA form code: its English label}: the one place tables and lists name a form from."""
        return dict(zip(self.ta_forms["ta_form_code"], self.ta_forms["label"]))


def load_dataset(data_dir: str | Path = "") -> Dataset:
    """Read the processed tables written by `make data`."""
    folder = processed_dir(data_dir)
    manifest_path = folder / "manifest.json"
    if not manifest_path.is_file():
        raise FileNotFoundError(f"No processed data in {folder}: run `make data` (or `make reports`) first.")
    read = lambda name: pd.read_parquet(folder / f"{name}.parquet")  # noqa: E731
    return Dataset(
        read("states"),
        read("checklist"),
        read("ta_forms"),
        read("meetings"),
        read("sa_answers"),
        read("sa_answer_forms"),
        pd.read_csv(folder / "reconciliation.csv"),
        json.loads(manifest_path.read_text(encoding="utf-8")),
        read("ta_activities"),
        read("ta_activity_targets"),
        read("state_names"),
        load_rejected_submissions(data_dir),
        read("resolutions"),
        read("names") if (folder / "names.parquet").is_file() else None,
    )


def find_meeting(data: Dataset, meeting_id: str) -> pd.Series:
    """Return a meeting's row, with a plain error listing the known ids."""
    match = data.meetings[data.meetings["meeting_id"] == meeting_id]
    if match.empty:
        raise KeyError(f"Unknown meeting {meeting_id!r}; known: {', '.join(data.meetings['meeting_id'])}.")
    return match.iloc[0]


def find_previous_meeting_id(data: Dataset, meeting_id: str) -> str | None:
    """Return the id of the meeting before this one (by cut-off date), or None for the first."""
    ids = data.meetings.sort_values("cutoff_date")["meeting_id"].tolist()
    i = ids.index(find_meeting(data, meeting_id)["meeting_id"])
    return ids[i - 1] if i > 0 else None


def take_snapshot(data: Dataset, meeting_id: str, rule: str = "deposited", policy: disclosure.Policy | None = None) -> Snapshot:
    """Return the parties at the cut-off and, for each respondent, its latest submission on or before it.

    States are named as the UN named them on the meeting's first day. Every table computed from the snapshot follows the
    build's disclosure policy (a public build's suppressed counts blanked, lib.model.disclosure); without a policy, a
    restricted build's.
    """
    meeting = find_meeting(data, meeting_id)
    cutoff = meeting["cutoff_date"]
    states = name_states_as_of(data.states, data.state_names, meeting["start_date"])
    parties = select_parties_as_of(states, cutoff, rule)
    all_answers, all_forms = data.answers, data.answer_forms
    if policy is not None and (release := policy.release_of(meeting_id)):  # republished as an earlier release issued it
        all_answers, all_forms = read_release_answers(policy.data_dir, release, meeting_id)
    answers = all_answers[(all_answers["checklist_id"] == meeting["checklist_id"]) & (all_answers["submitted_on"] <= cutoff)]
    latest = answers.groupby("state_code")["submitted_on"].transform("max")
    answers = answers[answers["submitted_on"] == latest]
    subs = all_answers[(all_answers["checklist_id"] == meeting["checklist_id"]) & (all_answers["submitted_on"] <= cutoff)]
    n_subs = subs.drop_duplicates(["state_code", "submitted_on"]).groupby("state_code").size().rename("submissions_n")
    respondents = (
        answers.drop_duplicates("state_code")[["state_code", "submitted_on"]]
        .merge(states[["state_code", "state_name", "group_code", "group_name"]], on="state_code")
        .merge(n_subs, left_on="state_code", right_index=True)
    )
    respondents["is_party"] = respondents["state_code"].isin(parties["state_code"])
    answers = answers.merge(states[["state_code", "state_name", "group_code", "group_name"]], on="state_code")
    answers["is_party"] = answers["state_code"].isin(parties["state_code"])
    forms = all_forms.merge(
        answers[["state_code", "provision", "submitted_on", "group_code", "is_party"]], on=["state_code", "provision", "submitted_on"]
    )
    checklist = data.checklist[data.checklist["checklist_id"] == meeting["checklist_id"]].sort_values("provision_order")
    return Snapshot(
        meeting,
        parties,
        respondents.sort_values("state_name").reset_index(drop=True),
        answers,
        forms,
        checklist.reset_index(drop=True),
        data.ta_forms,
        policy or disclosure.Policy(),
    )


def flag_needs(answers: pd.DataFrame) -> pd.DataFrame:
    """Return, per answer, whether it is a need for TA, a need TA is already being provided for, and a need not yet met.

    The one rule every table, sentence, chart and the matrix follow (caveat 5): a need is an answer with TA needed =
    yes (a blank read as yes at ingest when the row lists forms); TA provided counts only for a need; a need is not yet
    met unless TA is reported as provided for it (a blank counts as not provided).
    """
    need = answers["is_ta_needed"].fillna(False).astype(bool)
    provided = need & answers["is_ta_provided"].fillna(False).astype(bool)
    return pd.DataFrame({"is_need": need, "is_provided": provided, "is_unmet": need & ~provided}, index=answers.index)


def list_code_labels(data: Dataset, snap: Snapshot) -> dict[str, dict[str, str]]:
    """Return {column of codes: {code: its label}}: how tables name forms, regional groups and States (as nationalities)."""
    groups = dict(zip(data.states["group_code"], data.states["group_name"])) | {ALL_GROUPS: ALL_GROUPS_LABEL}
    return {
        "ta_form_code": snap.form_labels | {NO_FORM: NO_FORM_LABEL},
        "group_code": groups,
        "nationality": dict(zip(data.states["state_code"], data.states["state_name"])),
    }


def find_group_name(data: Dataset, group_code: str) -> str:
    """Return a regional group's name from its code, with a plain error listing the known codes."""
    names = dict(zip(data.states["group_code"], data.states["group_name"]))
    if group_code not in names:
        raise KeyError(f"Unknown regional group {group_code!r}; known: {', '.join(sorted(names))}.")
    return names[group_code]


@dataclass(frozen=True)
class MeetingData:
    """What a report on one meeting works on: the data set, the build's policy, the snapshot at the meeting's cut-off and
    the previous meeting's (None for the first meeting, or when not asked for)."""

    data: Dataset
    policy: disclosure.Policy
    snap: Snapshot
    previous: Snapshot | None


def load_meeting(data_dir: str | Path, meeting_id: str, rule: str, build: str, with_previous: bool = True) -> MeetingData:
    """Load the data set and the build's policy, and take the snapshot at the meeting's cut-off and the previous one's."""
    data = load_dataset(data_dir)
    policy = disclosure.load_policy(data_dir, build)
    snap = take_snapshot(data, meeting_id, rule, policy)
    previous_id = find_previous_meeting_id(data, meeting_id) if with_previous else None
    return MeetingData(data, policy, snap, take_snapshot(data, previous_id, rule, policy) if previous_id else None)
