"""The disclosure policy of a build: what a public build may show, and which of its figures are suppressed."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from lib.io.builds import BUILDS, RELEASE_PLAN_FILE, check_build, read_consents  # noqa: F401  (stdlib only: the Makefile reads them too)
from lib.io.messages import N_
from lib.io.paths import processed_dir, raw_dir

if TYPE_CHECKING:  # pandas is imported where a table is masked: the index step (lib.pipeline.site) asks the policy without it
    import pandas as pd

MIN_STATES = 3  # a published figure must come from at least this many States (the secretariat's threshold rule)
SUPPRESSED = N_("suppressed")  # the one word for a figure a public version withholds: how it reads in CSV files and text
SUPPRESSED_SYMBOL = "x"  # how a suppressed figure reads in a table of a page, a Word file or a PDF (explained under the table)
SUPPRESSION_FILE = "suppression-public.csv"  # in processed/: the plan of lib.analysis.suppression, one row per count of the build
DISTRIBUTION = {"public": N_("General"), "restricted": N_("Restricted")}  # the masthead's "Distr.:" line: who may receive it, by build
SMALL_COUNTS = " or ".join(str(n) for n in range(1, MIN_STATES))  # "1 or 2": the counts of States the threshold rule protects
# The sentences that state the rule to readers (the public note, the symbol's note under a table) are messages of the
# catalogs, written from MIN_STATES and SUPPRESSED_SYMBOL: lib.present.narrative.write_rule_text and write_symbol_note.
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
    "rejected_rows_by_reason": (),  # rows of the self-assessment reports rejected, by reason: no State named
    "glossary": (),
    # the expert pool: counts of experts (no names, contacts or dates of birth, which appear only in restricted builds)
    "pool_by_group": (),
    "pool_languages": (),
    "pool_gender": (),
    "pool_areas": (),
    # a country brief is published only with the State's recorded consent; its free-text answers never are
    "profile": ("providers_reported",),
    "uncovered_needs": (),
    "regional_context": (),
    "changes": (),
    # the Working Group's own recommendations: a published UN document, no State-level figure
    "wg_recommendations_status": (),
}
# Tables whose counts of States the plan protects and the audit attacks, over every release: the only tables whose
# figures the public "what changed" page compares between two releases (the others count no State's answer).
AUDITED_TABLES = {
    "response_by_group.csv",
    "compliance_by_article.csv",
    "ta_needs_by_article.csv",
    "ta_needs_by_form.csv",
    "ta_needs_by_article_and_group.csv",
    "full_compliance_by_article_and_group.csv",
    "change_since_previous_meeting.csv",
    "region_against_global.csv",
    "priority_needs.csv",
    "regional_context.csv",
    "profile.csv",
}
# Figures a public build may show, by the name rep.figure gives them: each is drawn from a table this policy masks.
# Any other figure is withheld like a table (an analyst's own chart stays out of public builds until it is listed here).
PUBLIC_FIGURES = {"compliance", "forms", "needs_by_group", "region", "priorities", "context", "pool_balance"}
BASE = "responding_parties_n"  # the count every share of a group is computed from


@dataclass(frozen=True)
class Policy:
    """Everything a build may publish, decided once: the build, the threshold, the tables allowed, the States whose
    briefs may be published, the counts suppressed (lib.analysis.suppression's plan over every release) and the meetings
    whose figures are republished as an earlier release issued them. The rest of lib/ asks this object."""

    build: str = "restricted"
    suppressed: frozenset = field(default_factory=frozenset)  # (meeting_id, measure, group_code, key) of suppressed counts
    consents: frozenset = field(default_factory=frozenset)  # States whose brief may be published
    min_states: int = MIN_STATES
    frozen: tuple = ()  # (meeting_id, release_id): meetings whose figures are those the release issued
    data_dir: str = ""  # where the register of releases is (for a frozen meeting's answers)

    @property
    def word(self) -> str:
        """Return the one word for what a public version withholds."""
        return SUPPRESSED

    @property
    def symbol(self) -> str:
        """Return how a withheld figure reads in a table ('' in a restricted build, which withholds none)."""
        return SUPPRESSED_SYMBOL if self.is_public else ""

    @property
    def distribution(self) -> str:
        """Return the masthead's distribution: General for a public build, Restricted otherwise."""
        return DISTRIBUTION[self.build]

    def release_of(self, meeting_id: str) -> str:
        """Return the release whose figures a meeting republishes ('' when they come from the current data)."""
        return dict(self.frozen).get(meeting_id, "")

    def names_states(self) -> bool:
        """Return True when the build may name a State in a table of its answers (restricted builds only)."""
        return not self.is_public

    def shows_exports(self) -> bool:
        """Return True when the build may write workbooks and calendars of State-level rows (restricted builds only)."""
        return not self.is_public

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
        import pandas as pd

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
    """Return a build's policy: for a public one, the plan written by `python -m lib.analysis.suppression`."""
    if check_build(build) == "restricted":
        return Policy()
    path = processed_dir(data_dir) / SUPPRESSION_FILE
    if not path.is_file():
        raise FileNotFoundError(f"No suppression plan in {path.parent}: run `make reports BUILD=public` (it writes {SUPPRESSION_FILE}).")
    import pandas as pd

    plan = pd.read_csv(path, dtype={"key": str}, keep_default_na=False)
    hidden = plan[plan["status"].isin(["primary", "secondary"])]
    cells = frozenset(zip(hidden["meeting_id"], hidden["measure"], hidden["group_code"], hidden["key"]))
    decisions = read_release_plan(data_dir)
    frozen = tuple(sorted((m, d["source"]) for m, d in decisions.get("meetings", {}).items() if d["source"] != "current"))
    briefs = {s for s, _ in decisions.get("briefs", [])} if decisions else set(read_consents(raw_dir(data_dir)))
    return Policy("public", cells, frozenset(briefs), frozen=frozen, data_dir=str(data_dir))


def read_release_plan(data_dir: str | Path = "") -> dict:
    """Return the plan's decisions for the release: each meeting's source, the briefs published and withheld ({} before a plan)."""
    path = processed_dir(data_dir) / RELEASE_PLAN_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def select_public_columns(frame: pd.DataFrame, name: str) -> pd.DataFrame | None:
    """Return the columns of a table a public build may show, or None when the table is withheld."""
    if name not in PUBLIC_TABLES:
        return None
    return frame.drop(columns=[c for c in PUBLIC_TABLES[name] if c in frame.columns])
