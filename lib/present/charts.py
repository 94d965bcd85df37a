"""Draw the reports' charts: colour-blind-safe, titled, labelled, each returned with a one-line reading."""

from __future__ import annotations

import textwrap

import matplotlib

matplotlib.use("Agg") if not matplotlib.get_backend().startswith("module://") else None
import matplotlib.pyplot as plt  # noqa: E402
import matplotlib.transforms as mtransforms  # noqa: E402
import pandas as pd  # noqa: E402

from lib.analysis.ranking import MIN_BASE, order_descending, select_extreme  # noqa: E402
from lib.io.codes import TOTAL_LABEL  # noqa: E402
from lib.model.shares import format_number  # noqa: E402
from lib.present.narrative import name_items, select_largest_gap  # noqa: E402

# Okabe-Ito palette: distinguishable with the common colour-vision deficiencies.
COMPLIANCE_COLOURS = {"full": "#009E73", "partial": "#E69F00", "none": "#D55E00", "no_answer": "#BBBBBB"}
COMPLIANCE_LABELS = {"full": "Fully compliant", "partial": "Partly compliant", "none": "Not compliant", "no_answer": "No answer"}
REGION_COLOUR, GLOBAL_COLOUR = "#0072B2", "#999999"  # Okabe-Ito blue against neutral grey
BAR_COLOUR = "#0072B2"
HEATMAP_CMAP = "cividis"  # perceptually uniform and designed for colour-vision deficiency
LABEL_CHARS = 48  # longer bar labels (the Working Group's areas) are shortened so the bars keep their width
LEGEND_DROP_PT = 30  # tick labels and the axis label take about 28 points: the legend sits just under them, whatever the bar count
SUPPRESSED_READING = "Some figures are suppressed in this version: the largest and smallest are not named."
FIG_DPI = 90  # enough for a screen, keeps the embedded PNGs and drawing time small


def label_provisions(table: pd.DataFrame) -> list[str]:
    """Return axis labels 'Art. 15 Bribery of national public officials' (titles shortened)."""
    return [f"Art. {p}  {t[:42] + '…' if len(t) > 43 else t}" for p, t in zip(table["provision"], table["title"])]


def plot_compliance(compliance: pd.DataFrame, title: str) -> tuple[plt.Figure, str]:
    """Stacked bars of compliance by article (per cent of responding parties)."""
    fig, ax = plt.subplots(figsize=(9, 0.32 * len(compliance) + 1.4), dpi=FIG_DPI)
    labels = label_provisions(compliance)[::-1]
    left = pd.Series(0.0, index=range(len(compliance)))
    for col in COMPLIANCE_LABELS:
        values = compliance[f"{col}_pct"].fillna(0).iloc[::-1].reset_index(drop=True)
        ax.barh(labels, values, left=left, color=COMPLIANCE_COLOURS[col], label=COMPLIANCE_LABELS[col])
        left += values
    ax.set_xlim(0, 100)
    ax.set_xlabel("Share of responding States parties (%)")
    ax.set_ylabel("Article of the Convention")
    ax.set_title(title, loc="left")
    fig.tight_layout()
    below_axis_label = mtransforms.offset_copy(ax.transAxes, fig=fig, y=-LEGEND_DROP_PT, units="points")
    ax.legend(ncol=4, loc="upper left", bbox_to_anchor=(0, 0), bbox_transform=below_axis_label, frameon=False)
    best, worst = select_extreme(compliance, "full_pct"), select_extreme(compliance, "full_pct", largest=False)
    if best.empty:
        return fig, SUPPRESSED_READING
    reading = (
        f"Full compliance ranges from {format_number(worst['full_pct'].iloc[0])}% of respondents ({name_articles_short(worst)}) "
        f"to {format_number(best['full_pct'].iloc[0])}% ({name_articles_short(best)})."
    )
    return fig, reading


def name_articles_short(rows: pd.DataFrame) -> str:
    """Return tied articles as a chart reading names them: 'art. 46 and art. 16', or 'nine articles'."""
    return name_items([f"art. {p}" for p in rows["provision"]], "articles")


def plot_needs_heatmap(by_group: pd.DataFrame, checklist: pd.DataFrame, title: str) -> tuple[plt.Figure, str]:
    """Heatmap of the share of responding parties needing TA, article x regional group."""
    grid = by_group.pivot(index="provision", columns="group_name", values="ta_needed_pct")
    grid = grid.reindex(index=checklist["provision"], columns=list(dict.fromkeys(by_group["group_name"])))
    fig, ax = plt.subplots(figsize=(9, 0.34 * len(grid) + 1.8), dpi=FIG_DPI)
    image = ax.imshow(grid.to_numpy(dtype=float), cmap=HEATMAP_CMAP, vmin=0, vmax=100, aspect="auto")
    ax.set_xticks(
        range(grid.shape[1]), [g.replace(" States", "").replace(" and other", " & other") for g in grid.columns], rotation=20, ha="right"
    )
    ax.set_yticks(range(grid.shape[0]), [f"Art. {p}" for p in grid.index])
    for i in range(grid.shape[0]):
        for j in range(grid.shape[1]):
            v = grid.iat[i, j]
            ax.text(
                j,
                i,
                "–" if pd.isna(v) else format_number(v),
                ha="center",
                va="center",
                fontsize=8,
                color="black" if (pd.isna(v) or v > 55) else "white",
            )
    ax.set_xlabel("UN regional group")
    ax.set_ylabel("Article of the Convention")
    ax.set_title(title, loc="left")
    fig.colorbar(image, ax=ax, label="Respondents needing TA (%)", shrink=0.8)
    fig.tight_layout()
    top = select_extreme(by_group, "ta_needed_pct", base_col="responding_parties_n")
    if top.empty:
        return fig, f"No share rests on at least {MIN_BASE} respondents, or some are suppressed ('–'): no highest share is named."
    cells = name_items([f"art. {r.provision} in the {r.group_name}" for r in top.itertuples()], "cells")
    base = top["responding_parties_n"].iloc[0] if len(top) == 1 else None
    reading = (
        f"The darkest-to-brightest scale shows need rising; among groups of at least {MIN_BASE} respondents, the highest "
        f"share is {cells} ({format_number(top['ta_needed_pct'].iloc[0])}%"
        + (f" of {int(base)} respondents" if base is not None else " each")
        + "; '–' = no respondent, or suppressed)."
    )
    return fig, reading


def plot_ranked_bars(
    table: pd.DataFrame, label_col: str, value_col: str, title: str, xlabel: str, ylabel: str, unit: str = ""
) -> tuple[plt.Figure, str]:
    """Horizontal bars ranked from largest to smallest, values written at the bar ends."""
    table = table.assign(**{value_col: table[value_col].astype("float64")})  # suppressed counts (public builds) are NaN
    ranked = order_descending(table, value_col).iloc[::-1]  # largest at the top; ties in the table's order, as the table ranks them
    fig, ax = plt.subplots(figsize=(9, 0.34 * len(ranked) + 1.3), dpi=FIG_DPI)
    ax.barh([str(v) for v in ranked[label_col]], ranked[value_col].fillna(0), color=BAR_COLOUR)
    for y, v in enumerate(ranked[value_col]):
        ax.text(0 if pd.isna(v) else v, y, " suppressed" if pd.isna(v) else f" {v:g}{unit}", va="center", fontsize=8)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title, loc="left")
    ax.margins(x=0.12)
    fig.tight_layout()
    top, low = select_extreme(table, value_col), select_extreme(table, value_col, largest=False)
    if top.empty:
        return fig, SUPPRESSED_READING
    name = lambda rows: name_items([str(v) for v in rows[label_col]], "items")  # noqa: E731
    value = lambda rows: f"{rows[value_col].iloc[0]:g}{unit}" + (" each" if len(rows) > 1 else "")  # noqa: E731
    if top.index.equals(low.index):
        return fig, f"Every item shown stands at {value(top)}: {name(top)}."
    return fig, f"Largest: {name(top)} ({value(top)}); smallest shown: {name(low)} ({value(low)})."


def plot_region_vs_global(comparison: pd.DataFrame, group_name: str, title: str) -> tuple[plt.Figure, str]:
    """Paired bars: share needing TA in the region against the global share, article by article."""
    table = comparison.iloc[::-1].reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(9, 0.42 * len(table) + 1.5), dpi=FIG_DPI)
    y = range(len(table))
    ax.barh([i + 0.2 for i in y], table["region_ta_needed_pct"].fillna(0), height=0.4, color=REGION_COLOUR, label=group_name)
    ax.barh([i - 0.2 for i in y], table["global_ta_needed_pct"].fillna(0), height=0.4, color=GLOBAL_COLOUR, label="All respondents")
    ax.set_yticks(list(y), [f"Art. {p}" for p in table["provision"]])
    ax.set_xlim(0, 100)
    ax.set_xlabel("Respondents needing technical assistance (%)")
    ax.set_ylabel("Article of the Convention")
    ax.set_title(title, loc="left")
    ax.legend(loc="lower right", frameon=False)
    fig.tight_layout()
    rows, kind = select_largest_gap(comparison)
    if rows.empty:
        return fig, "The region's shares are suppressed in this version (too few responding States parties)."
    where = {"above": "furthest above", "equal": "at most equal to, and equal to", "closest": "below everywhere, and closest to"}[kind]
    reading = (
        f"The region's need is {where} the global level for {name_articles_short(rows)} "
        f"({rows['ta_needed_gap_pp'].iloc[0]:+.1f} percentage points{' each' if len(rows) > 1 else ''})."
    )
    return fig, reading


def draw_stacked_bars(rows: pd.DataFrame, label_col: str, colours: dict, names: dict, xlabel: str, ylabel: str, title: str) -> plt.Figure:
    """Draw horizontal bars stacked by the columns of `colours` (in order), one bar per row, long labels shortened."""
    labels = [textwrap.shorten(str(v), LABEL_CHARS, placeholder="...") for v in rows[label_col]]
    fig, ax = plt.subplots(figsize=(9, 0.38 * len(rows) + 1.6), dpi=FIG_DPI)
    left = pd.Series(0, index=rows.index, dtype=float)
    for col, colour in colours.items():
        ax.barh(labels, rows[col], left=left, color=colour, label=names[col])
        left += rows[col]
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title, loc="left")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.06), ncol=3, frameon=False, fontsize=8)
    fig.tight_layout()
    return fig


COVERAGE_COLOURS = {
    "unsupplied_n": "#D55E00",
    "one_provider_n": "#009E73",
    "several_providers_n": "#E69F00",
}  # Okabe-Ito: distinct for colour-blind readers
COVERAGE_LABELS = {"unsupplied_n": "Unmet", "one_provider_n": "Met by one provider", "several_providers_n": "Met by several providers"}


def plot_coverage(table: pd.DataFrame, label_col: str, title: str, ylabel: str) -> tuple[plt.Figure, str]:
    """Stacked horizontal bars of needs by coverage class, one bar per row of a coverage table (total row excluded)."""
    rows = table[table[label_col].astype(str) != TOTAL_LABEL].iloc[::-1]
    fig = draw_stacked_bars(rows, label_col, COVERAGE_COLOURS, COVERAGE_LABELS, "Needs (State party x article x form)", ylabel, title)
    worst = select_extreme(rows.iloc[::-1], "unsupplied_pct")
    if worst.empty:
        return fig, "No needs to show."
    labels = [f"article {v}" if label_col == "provision" else str(v) for v in worst[label_col]]
    noun = "articles" if label_col == "provision" else "items"
    counts = f" of {worst['need_items_n'].iloc[0]:.0f} needs" if len(worst) == 1 else " each"
    reading = (
        f"The largest share of unmet needs is for {name_items(labels, noun)} ({format_number(worst['unsupplied_pct'].iloc[0])}%{counts})."
    )
    return fig, reading


STATE_COLOUR = "#D55E00"  # the State's own needs, against the group's bars in BAR_COLOUR


def plot_state_needs(context: pd.DataFrame, state_name: str, title: str) -> tuple[plt.Figure, str]:
    """Bars of the group's share needing TA by article; the articles where the State needs TA are highlighted."""
    rows = context.iloc[::-1]
    mine = rows["ta_needed"] == "yes"
    fig, ax = plt.subplots(figsize=(8, 0.3 * len(rows) + 1.4), dpi=FIG_DPI)
    ax.barh(
        [f"Art. {p}" for p in rows["provision"]],
        rows["group_ta_needed_pct"].fillna(0),
        color=[STATE_COLOUR if m else BAR_COLOUR for m in mine],
    )
    ax.set_xlim(0, 100)
    ax.set_xlabel("Group's responding States parties needing TA (%)")
    ax.set_ylabel("Article of the Convention")
    ax.set_title(title, loc="left")
    handles = [plt.Rectangle((0, 0), 1, 1, color=STATE_COLOUR), plt.Rectangle((0, 0), 1, 1, color=BAR_COLOUR)]
    ax.legend(handles, [f"{state_name} needs TA", "does not (or no answer)"], loc="lower right", fontsize=8)
    fig.tight_layout()
    common = context[(context["ta_needed"] == "yes") & (context["group_ta_needed_pct"] >= 50)]
    n = int(mine.sum())
    reading = (
        (
            f"{state_name} needs TA for {n} article{'s' if n != 1 else ''}; at least half of the group's respondents "
            f"need it too for {len(common)} of {'them' if n != 1 else 'it'}."
        )
        if n
        else f"{state_name} reported no need for TA."
    )
    return fig, reading


STATUS_COLOURS = {  # the common follow-up scale, Okabe-Ito colours in the compliance order
    "implemented_n": "#009E73",
    "partly_implemented_n": "#E69F00",
    "not_implemented_n": "#D55E00",
    "no_longer_applicable_n": "#56B4E9",
    "not_yet_assessed_n": "#BBBBBB",
}
STATUS_LABELS = {
    "implemented_n": "Implemented",
    "partly_implemented_n": "Partly implemented",
    "not_implemented_n": "Not implemented",
    "no_longer_applicable_n": "No longer applicable",
    "not_yet_assessed_n": "Not yet assessed",
}


def plot_status_shares(table: pd.DataFrame, label_col: str, title: str, ylabel: str) -> tuple[plt.Figure, str]:
    """Stacked horizontal bars of recommendations by status on the common scale (total row excluded)."""
    rows = table[table[label_col].astype(str) != TOTAL_LABEL].iloc[::-1]
    fig = draw_stacked_bars(rows, label_col, STATUS_COLOURS, STATUS_LABELS, "Recommendations", ylabel, title)
    rated = rows.dropna(subset=["implemented_pct"])
    if rated.empty:
        return fig, "No recommendation has been assessed yet."
    best = rated.sort_values("implemented_pct", ascending=False, kind="stable").iloc[0]
    assessed = int(best[["implemented_n", "partly_implemented_n", "not_implemented_n"]].sum())
    whole = format_number(100 * int(best["implemented_n"]) / assessed)  # from the counts, as the text rounds it
    return fig, (
        f"The highest implementation rate among assessed recommendations is for {best[label_col]} ({whole}% of {assessed} assessed)."
    )


def plot_calendar_load(by_month: pd.DataFrame, title: str) -> tuple[plt.Figure, str]:
    """Heatmap of events per month and mechanism: the months that carry several mechanisms' work at once."""
    table = by_month.set_index("month")
    fig, ax = plt.subplots(figsize=(9, 0.32 * max(len(table.columns), 1) + 1.8), dpi=FIG_DPI)
    if table.columns.empty:
        table = table.assign(**{"(none)": 0})
    image = ax.imshow(table.T.to_numpy(dtype=float), aspect="auto", cmap=HEATMAP_CMAP)
    ax.set_yticks(range(len(table.columns)), [str(c) for c in table.columns])
    ax.set_xticks(range(len(table.index)), [str(m) for m in table.index], rotation=90, fontsize=7)
    ax.set_xlabel("Month")
    ax.set_ylabel("Mechanism")
    ax.set_title(title, loc="left")
    fig.colorbar(image, ax=ax, label="Events")
    fig.tight_layout()
    load = table.sum(axis=1)
    if not load.any():
        return fig, "No event in this period."
    busiest = [str(m) for m in load[load == load.max()].index]
    months = busiest[0] if len(busiest) == 1 else ", ".join(busiest[:-1]) + " and " + busiest[-1]
    most = int(load.max())
    return fig, (
        f"The busiest month{'s are' if len(busiest) > 1 else ' is'} {months}, with {most} event{'s' if most != 1 else ''}"
        f"{' each' if len(busiest) > 1 else ''} across the mechanisms."
    )
