"""The disclosure policy of a build: what a public build may show, and which of its figures are suppressed."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from lib.io.builds import BUILDS, check_build, read_consents  # noqa: F401  (stdlib only: the Makefile reads them too)
from lib.io.paths import processed_dir, raw_dir

MIN_STATES = 3  # a published figure must come from at least this many States (the secretariat's threshold rule)
SUPPRESSED = "suppressed"  # how a suppressed cell reads in public tables and CSV files
SUPPRESSION_FILE = "suppression-public.csv"  # in processed/: the plan of lib.analysis.suppression, one row per count of the build
RULE_TEXT = (
    f"Public version. Self-assessment replies are the States' own information: a figure counting fewer than "
    f"{MIN_STATES} States parties is suppressed (shown as \u2018{SUPPRESSED}\u2019), together with the other figures, "
    f"chosen over all the reports of this version at once, from which it could be worked out; a share is shown only "
    f"with the counts it is computed from. Tables listing States or their free-text answers are not published."
)
# Tables a public build may show, with the columns it drops (free text, or figures the suppression does not cover).
# Any other table is withheld: a new table stays out of public builds until someone decides here that it is publishable.
PUBLIC_TABLES = {
    "response_by_group": (),
    "compliance_by_article": (),
    "ta_needs_by_article": (),
    "ta_needs_by_form": (),
    "ta_needs_by_article_and_group": (),
    "full_compliance_by_article_and_group": (),
    "change_since_previous_meeting": (),
    "region_against_global": (),
    "priority_needs": ("top_forms",),
    "reconciliation": (),
    "glossary": (),
    # the expert pool: counts of experts (no names, contacts or dates of birth, which appear only in restricted builds)
    "pool_by_group": (),
    "pool_languages": (),
    "pool_gender": (),
    "pool_areas": (),
    # a country brief is published only with the State's recorded consent; its free-text answers never are
    "profile": ("providers_reported",),
    "unmet_needs": (),
    "regional_context": (),
    "changes": (),
    # the Working Group's own recommendations: a published UN document, no State-level figure
    "wg_recommendations_status": (),
}
# Figures a public build may show, by the name rep.figure gives them: each is drawn from a table this policy masks.
# Any other figure is withheld like a table (an analyst's own chart stays out of public builds until it is listed here).
PUBLIC_FIGURES = {"compliance", "forms", "needs_by_group", "region", "priorities", "context", "pool_balance"}
BASE = "responding_parties_n"  # the count every share of a group is computed from


@dataclass(frozen=True)
class Policy:
    """Everything a build may publish, decided once: the build, the threshold, the tables allowed, the States whose
    briefs may be published and the counts suppressed (lib.analysis.suppression's plan over the whole public build)."""

    build: str = "restricted"
    suppressed: frozenset = field(default_factory=frozenset)  # (meeting_id, measure, group_code, key) of suppressed counts
    consents: frozenset = field(default_factory=frozenset)  # States whose brief may be published
    min_states: int = MIN_STATES

    @property
    def is_public(self) -> bool:
        """Return True for a public build."""
        return self.build == "public"

    def shows_table(self, name: str) -> bool:
        """Return True when the build shows the table of this name (a public build only those of PUBLIC_TABLES)."""
        return not self.is_public or name in PUBLIC_TABLES

    def shows_figure(self, name: str) -> bool:
        """Return True when the build shows the figure of this name (a public build only those of PUBLIC_FIGURES)."""
        return not self.is_public or name in PUBLIC_FIGURES

    def is_suppressed(self, meeting_id: str, measure: str, group_code: str, key: str = "") -> bool:
        """Return True when a count is suppressed in this build."""
        return (meeting_id, measure, group_code, key) in self.suppressed

    def name_files(self, table: pd.DataFrame, column: str = "source_file") -> pd.DataFrame:
        """Return a table whose raw file names a public build replaces by anonymous labels (a restricted one keeps them)."""
        return table.assign(**{column: label_files(table[column])}) if self.is_public else table

    def mask(
        self,
        table: pd.DataFrame,
        meeting_id: str,
        group_code: str = "",
        key_col: str | None = None,
        shares: dict[str, str] | None = None,
        group_col: str | None = None,
    ) -> pd.DataFrame:
        """Return a table of counts with its suppressed counts blanked (NA), and every share blanked whose count or base
        (the group's responding parties) is suppressed; a restricted build's table is returned as it is.

        group_code: the group of every row, or group_col: the column giving each row's group; key_col: the column
        giving each row's key (article or form), none for counts without one."""
        if not self.is_public:
            return table
        out = table.copy()
        keys = out[key_col].astype(str).tolist() if key_col else [""] * len(out)
        groups = out[group_col].tolist() if group_col else [group_code] * len(out)
        base_hidden = pd.Series([self.is_suppressed(meeting_id, BASE, g) for g in groups], index=out.index)
        for col in [c for c in out.columns if c.endswith("_n")]:
            hidden = [self.is_suppressed(meeting_id, col, g, "" if col == BASE else k) for g, k in zip(groups, keys)]
            out[col] = out[col].astype("Int64").mask(pd.Series(hidden, index=out.index))
        for share, count in (shares or {}).items():
            out[share] = out[share].astype("float64").mask(out[count].isna() | base_hidden)
        return out


FILE_KINDS = {
    "self_assessment/": "self-assessment export",
    "ta_activities/": "activity file",
    "peer_review/": "peer review file",
    "reference/": "reference table",
}  # how a public build names a raw file: by kind and number, never by its name


def label_files(names: pd.Series) -> pd.Series:
    """Return anonymous labels for raw file names ('self-assessment export 2 of 3'); other values are kept."""
    labels = {}
    for prefix, kind in FILE_KINDS.items():
        files = sorted(n for n in set(names) if str(n).startswith(prefix))
        labels.update({n: f"{kind} {i} of {len(files)}" for i, n in enumerate(files, start=1)})
    return names.map(lambda n: labels.get(n, n))


def load_policy(data_dir: str | Path = "", build: str = "restricted") -> Policy:
    """Return a build's policy: for a public one, the suppression plan written by `python -m lib.analysis.suppression`."""
    if check_build(build) == "restricted":
        return Policy()
    path = processed_dir(data_dir) / SUPPRESSION_FILE
    if not path.is_file():
        raise FileNotFoundError(f"No suppression plan in {path.parent}: run `make reports BUILD=public` (it writes {SUPPRESSION_FILE}).")
    plan = pd.read_csv(path, dtype={"key": str}, keep_default_na=False)
    hidden = plan[plan["status"].isin(["primary", "secondary"])]
    cells = frozenset(zip(hidden["meeting_id"], hidden["measure"], hidden["group_code"], hidden["key"]))
    return Policy("public", cells, frozenset(read_consents(raw_dir(data_dir))))


def select_public_columns(frame: pd.DataFrame, name: str) -> pd.DataFrame | None:
    """Return the columns of a table a public build may show, or None when the table is withheld."""
    if name not in PUBLIC_TABLES:
        return None
    return frame.drop(columns=[c for c in PUBLIC_TABLES[name] if c in frame.columns])
