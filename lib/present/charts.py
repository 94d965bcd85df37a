"""Draw the reports' charts: colour-blind-safe, titled, labelled, each returned with a one-line reading."""

from __future__ import annotations

import textwrap
import warnings
from typing import cast

import matplotlib

matplotlib.use("Agg") if not matplotlib.get_backend().startswith("module://") else None
import matplotlib.pyplot as plt  # noqa: E402
import matplotlib.transforms as mtransforms  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402
import seaborn.objects as so  # noqa: E402
from matplotlib.artist import Artist  # noqa: E402
from matplotlib.container import BarContainer  # noqa: E402

from lib.analysis.ranking import MIN_BASE, order_descending, select_extreme  # noqa: E402
from lib.io.codes import TOTAL_LABEL  # noqa: E402
from lib.io.messages import N_  # noqa: E402
from lib.model.disclosure import SUPPRESSED  # noqa: E402
from lib.model.shares import format_number  # noqa: E402
from lib.present.i18n import (  # noqa: E402
    format_decimal_figure,
    format_integer,
    gettext as _,
    make_translatable,
    ngettext,
    pgettext,
)
from lib.present.narrative import (  # noqa: E402
    MAX_NAMED,
    count_articles,
    format_count,
    format_pct,
    format_points,
    join_words,
    name_items,
    select_largest_gap,
)

# Okabe-Ito palette: distinguishable with the common colour-vision deficiencies.
COMPLIANCE_COLOURS = {"full": "#009E73", "partial": "#E69F00", "none": "#D55E00", "no_answer": "#BBBBBB"}
COMPLIANCE_LABELS = {
    "full": N_("Fully compliant"),
    "partial": N_("Partly compliant"),
    "none": N_("Not compliant"),
    "no_answer": N_("No answer"),
}
REGION_COLOUR, GLOBAL_COLOUR = "#0072B2", "#999999"  # Okabe-Ito blue against neutral grey
GLOBAL_LABEL = N_("All respondents")  # the global bars beside a region's
BAR_COLOUR = "#0072B2"
HEATMAP_CMAP = "cividis"  # perceptually uniform and designed for colour-vision deficiency
LABEL_CHARS = 48  # a longer bar label (an article's title, the Working Group's areas) wraps onto lines this long, never cut
LINE_INCH, BAR_INCH = 0.17, 0.15  # a bar chart's height: per line of its labels, and per bar (the gap between bars)
LEGEND_DROP_PT = 30  # tick labels and the axis label take about 28 points: the legend sits just under them, whatever the bar count
FIG_DPI = 90  # enough for a screen, keeps the embedded PNGs and drawing time small
MISSING_MARK = "–"  # a heatmap cell without a share: no respondent, or suppressed in a public build
BAR_FILL = so.Bar(alpha=1, edgewidth=0)  # solid bars in the palette's own colours (seaborn.objects fades them by default)


def wrap_labels(values, width: int = LABEL_CHARS) -> list[str]:
    """Return the values as bar labels wrapped onto lines of at most `width` characters: whole, never cut."""
    return [textwrap.fill(str(v), width) for v in values]


def measure_height(labels: list[str], extra: float) -> float:
    """Return a bar chart's height in inches: room for every line of its labels and a gap per bar, plus `extra`."""
    return LINE_INCH * sum(label.count("\n") + 1 for label in labels) + BAR_INCH * len(labels) + extra


def check_distinct(labels: list[str], what: str) -> None:
    """Stop when two bars would share a label: seaborn would draw them as one (their mean or their sum)."""
    repeated = sorted({v for v in labels if labels.count(v) > 1})
    if repeated:
        raise ValueError(f"The chart of {what} has several bars labelled {', '.join(map(repr, repeated))}: give each row its own label.")


def draw_stacked(ax: plt.Axes, rows: pd.DataFrame, labels: list[str], colours: dict, names: dict) -> None:
    """Draw one horizontal bar per row (first row on top), stacked by the columns of `colours` in order (seaborn.objects)."""
    check_distinct(labels, "stacked bars")
    long = pd.DataFrame(
        [(label, names[col], float(v)) for col in colours for label, v in zip(labels, rows[col].fillna(0))],
        columns=["label", "part", "value"],
    )
    with warnings.catch_warnings():  # seaborn 0.13.2 passes pandas 3 a deprecated copy= argument; the drawing is unaffected
        warnings.filterwarnings("ignore", message="The copy keyword is deprecated", module="seaborn")
        (
            so.Plot(long, x="value", y="label", color="part")
            .add(BAR_FILL, so.Stack())
            .scale(color={names[col]: colour for col, colour in colours.items()}, y=so.Nominal(order=labels))
            .theme(dict(plt.rcParams))  # the matplotlib look of every other chart, not seaborn's theme
            .on(ax)
            .plot()
        )
    legend = ax.figure.legends.pop()  # seaborn.objects puts its legend beside the figure; the caller places it
    ax.legend(cast(list[Artist], legend.legend_handles), [t.get_text() for t in legend.texts])  # seaborn drew every handle: no None


def label_provisions(table: pd.DataFrame) -> list[str]:
    """Return axis labels 'Art. 15 Bribery of national public officials' (long titles wrapped, never cut)."""
    return wrap_labels([_("Art. {article}  {title}", article=p, title=t) for p, t in zip(table["provision"], table["title"])])


def plot_compliance(compliance: pd.DataFrame, title: str) -> tuple[plt.Figure, str]:
    """Stacked bars of compliance by article (per cent of responding parties)."""
    labels = label_provisions(compliance)
    fig, ax = plt.subplots(figsize=(9, measure_height(labels, 1.4)), dpi=FIG_DPI)
    shares = compliance.rename(columns={f"{col}_pct": col for col in COMPLIANCE_LABELS})
    draw_stacked(ax, shares, labels, COMPLIANCE_COLOURS, {k: _(v) for k, v in COMPLIANCE_LABELS.items()})
    ax.set_xlim(0, 100)
    ax.set_xlabel(_("Share of responding States parties (%)"))
    ax.set_ylabel(_("Article of the Convention"))
    ax.set_title(title, loc="left")
    fig.tight_layout()
    below_axis_label = mtransforms.offset_copy(ax.transAxes, fig=fig, y=-LEGEND_DROP_PT, units="points")
    sns.move_legend(ax, "upper left", ncol=4, bbox_to_anchor=(0, 0), bbox_transform=below_axis_label, frameon=False)
    best, worst = select_extreme(compliance, "full_pct"), select_extreme(compliance, "full_pct", largest=False)
    if best.empty:
        return fig, write_suppressed_reading()
    reading = _(
        "Full compliance ranges from {low} of respondents ({low_articles}) to {high} ({high_articles}).",
        low=format_pct(worst["full_pct"].iloc[0]),
        low_articles=name_articles_short(worst),
        high=format_pct(best["full_pct"].iloc[0]),
        high_articles=name_articles_short(best),
    )
    return fig, reading


def write_suppressed_reading() -> str:
    """Return the reading of a chart whose extremes a public version suppresses."""
    return _("Some figures are suppressed in the present document: the largest and smallest are not named.")


def name_articles_short(rows: pd.DataFrame) -> str:
    """Return tied articles as a chart reading names them: 'art. 46 and art. 16', or 'nine articles'."""
    if len(rows) > MAX_NAMED:
        return count_articles(len(rows))
    return join_words([_("art. {article}", article=p) for p in rows["provision"]])


def plot_needs_heatmap(by_group: pd.DataFrame, checklist: pd.DataFrame, title: str) -> tuple[plt.Figure, str]:
    """Heatmap of the share of responding parties needing TA, article x regional group."""
    grid = by_group.pivot(index="provision", columns="group_name", values="ta_needed_pct")
    grid = grid.reindex(index=checklist["provision"], columns=list(dict.fromkeys(by_group["group_name"])))
    codes = dict(zip(by_group["group_name"], by_group["group_code"]))
    grid = grid.astype("float64").rename(
        index=lambda p: _("Art. {article}", article=p), columns=lambda g: shorten_group(codes.get(g, ""), g)
    )
    fig, ax = plt.subplots(figsize=(9, 0.34 * len(grid) + 1.8), dpi=FIG_DPI)
    draw_heatmap(ax, grid, _("Respondents needing technical assistance (%)"), vmax=100)
    ax.tick_params(axis="x", labelrotation=20)
    plt.setp(ax.get_xticklabels(), ha="right")
    ax.set_xlabel(_("UN regional group"))
    ax.set_ylabel(_("Article of the Convention"))
    ax.set_title(title, loc="left")
    fig.tight_layout()
    top = select_extreme(by_group, "ta_needed_pct", base_col="responding_parties_n")
    if top.empty:
        return fig, _(
            "No share rests on at least {minimum} respondents, or some are suppressed ('{mark}'): no highest share is named.",
            minimum=format_count(MIN_BASE),
            mark=MISSING_MARK,
        )
    cells = [_("art. {article} in the {group}", article=r.provision, group=r.group_name) for r in top.itertuples()]
    fields = dict(
        minimum=format_count(MIN_BASE),
        cells=join_words(cells)
        if len(cells) <= MAX_NAMED
        else ngettext("{count} cell", "{count} cells", len(cells), count=format_count(len(cells))),
        share=format_pct(top["ta_needed_pct"].iloc[0]),
        mark=MISSING_MARK,
    )
    if len(top) == 1:
        return fig, _(
            "The darkest-to-brightest scale shows need rising; among groups of at least {minimum} respondents, the highest "
            "share is {cells} ({share} of {base} respondents; '{mark}' = no respondent, or suppressed).",
            base=format_count(int(top["responding_parties_n"].iloc[0])),
            **fields,
        )
    return fig, _(
        "The darkest-to-brightest scale shows need rising; among groups of at least {minimum} respondents, the highest share "
        "is {cells} ({share} each; '{mark}' = no respondent, or suppressed).",
        **fields,
    )


def shorten_group(group_code: str, group_name: str) -> str:
    """Return a regional group's name short enough for a heatmap's column ('African', 'Latin American & Caribbean'): the
    United Nations regional groups by their catalog's short names, any other group by its name."""
    short = {
        "AFR": pgettext("short name of a regional group in a chart", "African"),
        "APG": pgettext("short name of a regional group in a chart", "Asia-Pacific"),
        "EEG": pgettext("short name of a regional group in a chart", "Eastern European"),
        "GRULAC": pgettext("short name of a regional group in a chart", "Latin American & Caribbean"),
        "WEOG": pgettext("short name of a regional group in a chart", "Western European & other"),
        "NONE": pgettext("short name of a regional group in a chart", "no regional group"),
    }
    return short.get(group_code, group_name)


def draw_heatmap(ax: plt.Axes, grid: pd.DataFrame, scale_label: str, vmax: float | None = None, annotate: bool = True) -> None:
    """Draw a grid of numbers as a seaborn heatmap on the shared scale, each cell written (a dash where there is none)."""
    cells = grid.map(lambda v: MISSING_MARK if pd.isna(v) else format_number(v)) if annotate else False
    sns.heatmap(
        grid,
        ax=ax,
        cmap=HEATMAP_CMAP,
        vmin=0,
        vmax=vmax,
        annot=cells,
        fmt="",
        annot_kws={"fontsize": 8},
        cbar_kws={"label": scale_label, "shrink": 0.8},
    )
    for i, j in zip(*grid.isna().to_numpy().nonzero()) if annotate else ():  # seaborn leaves cells without a value blank
        ax.text(j + 0.5, i + 0.5, MISSING_MARK, ha="center", va="center", fontsize=8)
    ax.tick_params(axis="y", labelrotation=0)


def plot_ranked_bars(
    table: pd.DataFrame, label_col: str, value_col: str, title: str, xlabel: str, ylabel: str, unit: str = ""
) -> tuple[plt.Figure, str]:
    """Horizontal bars ranked from largest to smallest, values written at the bar ends."""
    table = table.assign(**{value_col: table[value_col].astype("float64")})  # suppressed counts (public builds) are NaN
    ranked = order_descending(table, value_col)  # largest first, drawn on top; ties in the table's order, as the table ranks them
    labels = wrap_labels(ranked[label_col])
    check_distinct(labels, title)
    fig, ax = plt.subplots(figsize=(9, measure_height(labels, 1.3)), dpi=FIG_DPI)
    sns.barplot(x=ranked[value_col].fillna(0).to_numpy(), y=labels, order=labels, color=BAR_COLOUR, saturation=1, orient="h", ax=ax)
    ends = [_(SUPPRESSED) if pd.isna(v) else format_value(v, unit) for v in ranked[value_col]]
    if ax.containers:  # no bar at all for an empty table
        ax.bar_label(cast(BarContainer, ax.containers[0]), labels=ends, padding=2, fontsize=8)  # barplot's bars
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title, loc="left")
    ax.margins(x=0.12)
    fig.tight_layout()
    top, low = select_extreme(table, value_col), select_extreme(table, value_col, largest=False)
    if top.empty:
        return fig, write_suppressed_reading()
    name = lambda rows: (  # noqa: E731
        join_words([str(v) for v in rows[label_col]])
        if len(rows) <= MAX_NAMED
        else ngettext("{count} item", "{count} items", len(rows), count=format_count(len(rows)))
    )
    value = lambda rows: format_value(rows[value_col].iloc[0], unit)  # noqa: E731
    if top.index.equals(low.index):
        return fig, ngettext(
            "Every item shown stands at {value}: {items}.",
            "Every item shown stands at {value} each: {items}.",
            len(top),
            value=value(top),
            items=name(top),
        )
    fields = dict(top=name(top), top_value=value(top), low=name(low), low_value=value(low))
    if len(top) > 1 and len(low) > 1:
        return fig, _("Largest: {top} ({top_value} each); smallest shown: {low} ({low_value} each).", **fields)
    if len(top) > 1:
        return fig, _("Largest: {top} ({top_value} each); smallest shown: {low} ({low_value}).", **fields)
    if len(low) > 1:
        return fig, _("Largest: {top} ({top_value}); smallest shown: {low} ({low_value} each).", **fields)
    return fig, _("Largest: {top} ({top_value}); smallest shown: {low} ({low_value}).", **fields)


def format_value(value: float, unit: str = "") -> str:
    """Return a bar's value as the chart writes it: as few decimals as it has ('34', '12.5'), then its unit."""
    figure = format_integer(value) if float(value).is_integer() else format_decimal_figure(value, len(f"{value:g}".partition(".")[2]))
    return f"{figure}{unit}"


def plot_region_vs_global(comparison: pd.DataFrame, group_name: str, title: str) -> tuple[plt.Figure, str]:
    """Paired bars: share needing TA in the region against the global share, article by article."""
    series = {"region_ta_needed_pct": group_name, "global_ta_needed_pct": _(GLOBAL_LABEL)}
    pairs = comparison.assign(article=[_("Art. {article}", article=p) for p in comparison["provision"]]).melt(
        id_vars="article", value_vars=list(series), var_name="series", value_name="pct"
    )
    pairs["series"] = pairs["series"].map(series)
    fig, ax = plt.subplots(figsize=(9, 0.42 * len(comparison) + 1.5), dpi=FIG_DPI)
    sns.barplot(
        pairs.fillna({"pct": 0}),
        x="pct",
        y="article",
        hue="series",
        hue_order=list(series.values()),
        palette=[REGION_COLOUR, GLOBAL_COLOUR],
        saturation=1,  # the palette as given (seaborn dulls bars by default)
        orient="h",
        errorbar=None,
        ax=ax,
    )
    ax.set_xlim(0, 100)
    ax.set_xlabel(_("Respondents needing technical assistance (%)"))
    ax.set_ylabel(_("Article of the Convention"))
    ax.set_title(title, loc="left")
    sns.move_legend(ax, "lower right", frameon=False, title=None)
    fig.tight_layout()
    rows, kind = select_largest_gap(comparison)
    if rows.empty:
        return fig, _("The region's shares are suppressed in the present document (too few responding States parties).")
    fields = dict(articles=name_articles_short(rows), points=format_points(rows["ta_needed_gap_pp"].iloc[0]))
    each = len(rows) > 1
    if kind == "above":
        reading = (
            _("The region's need is furthest above the global level for {articles} ({points} each).", **fields)
            if each
            else _("The region's need is furthest above the global level for {articles} ({points}).", **fields)
        )
    elif kind == "equal":
        reading = (
            _("The region's need is nowhere above the global level, and equal to it for {articles} ({points} each).", **fields)
            if each
            else _("The region's need is nowhere above the global level, and equal to it for {articles} ({points}).", **fields)
        )
    else:
        reading = (
            _("The region's need is below the global level everywhere, and closest to it for {articles} ({points} each).", **fields)
            if each
            else _("The region's need is below the global level everywhere, and closest to it for {articles} ({points}).", **fields)
        )
    return fig, reading


def draw_stacked_bars(rows: pd.DataFrame, label_col: str, colours: dict, names: dict, xlabel: str, ylabel: str, title: str) -> plt.Figure:
    """Draw horizontal bars stacked by the columns of `colours` (in order), one bar per row, long labels wrapped."""
    labels = wrap_labels(rows[label_col])
    fig, ax = plt.subplots(figsize=(9, measure_height(labels, 1.6)), dpi=FIG_DPI)
    draw_stacked(ax, rows, labels, colours, names)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title, loc="left")
    sns.move_legend(ax, "lower center", bbox_to_anchor=(0.5, 1.06), ncol=3, frameon=False, fontsize=8)
    fig.tight_layout()
    return fig


COVERAGE_COLOURS = {
    "unsupplied_n": "#D55E00",
    "one_provider_n": "#009E73",
    "several_providers_n": "#E69F00",
}  # Okabe-Ito: distinct for colour-blind readers
COVERAGE_LABELS = {
    "unsupplied_n": "Not covered",
    "one_provider_n": "Met by one provider",
    "several_providers_n": "Met by several providers",
}


def plot_coverage(table: pd.DataFrame, label_col: str, title: str, ylabel: str) -> tuple[plt.Figure, str]:
    """Stacked horizontal bars of needs by coverage class, one bar per row of a coverage table (total row excluded)."""
    rows = table[table[label_col].astype(str) != TOTAL_LABEL]
    fig = draw_stacked_bars(rows, label_col, COVERAGE_COLOURS, COVERAGE_LABELS, "Needs (State party x article x form)", ylabel, title)
    worst = select_extreme(rows, "unsupplied_pct")
    if worst.empty:
        return fig, "No needs to show."
    labels = [f"article {v}" if label_col == "provision" else str(v) for v in worst[label_col]]
    noun = "articles" if label_col == "provision" else "items"
    counts = f" of {worst['need_items_n'].iloc[0]:.0f} needs" if len(worst) == 1 else " each"
    share = format_pct(worst["unsupplied_pct"].iloc[0])
    reading = f"The largest share of needs not covered by any known activity is for {name_items(labels, noun)} ({share}{counts})."
    return fig, reading


STATE_COLOUR = "#D55E00"  # the State's own needs, against the group's bars in BAR_COLOUR


def plot_state_needs(context: pd.DataFrame, state_name: str, title: str) -> tuple[plt.Figure, str]:
    """Bars of the group's share needing TA by article; the articles where the State needs TA are highlighted."""
    mine = context["ta_needed"] == "yes"
    labels = [f"Art. {p}" for p in context["provision"]]
    check_distinct(labels, title)
    keys = [f"{state_name} needs TA", "does not (or no answer)"]
    fig, ax = plt.subplots(figsize=(8, 0.3 * len(context) + 1.4), dpi=FIG_DPI)
    sns.barplot(
        x=context["group_ta_needed_pct"].astype("float64").fillna(0).to_numpy(),
        y=labels,
        order=labels,
        hue=[keys[0] if m else keys[1] for m in mine],
        hue_order=keys,
        palette=[STATE_COLOUR, BAR_COLOUR],
        saturation=1,
        dodge=False,
        orient="h",
        ax=ax,
    )
    ax.set_xlim(0, 100)
    ax.set_xlabel("Group's responding States parties needing technical assistance (%)")
    ax.set_ylabel("Article of the Convention")
    ax.set_title(title, loc="left")
    sns.move_legend(ax, "best", fontsize=8, title=None)  # clear of the longest bars
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
    rows = table[table[label_col].astype(str) != TOTAL_LABEL]
    fig = draw_stacked_bars(rows, label_col, STATUS_COLOURS, STATUS_LABELS, "Recommendations", ylabel, title)
    top = select_extreme(rows.dropna(subset=["implemented_pct"]), "implemented_pct")  # ties named together, as everywhere
    if top.empty:
        return fig, "No recommendation has been assessed yet."
    if len(top) > 1:
        names = name_items([str(v) for v in top[label_col]], "items")
        return fig, (
            f"The highest implementation rate among assessed recommendations is for {names} "
            f"({format_pct(top['implemented_pct'].iloc[0])} each)."
        )
    best = top.iloc[0]
    assessed = int(best[["implemented_n", "partly_implemented_n", "not_implemented_n"]].sum())
    whole = format_number(100 * int(best["implemented_n"]) / assessed)  # from the counts, as the text rounds it
    return fig, (
        f"The highest implementation rate among assessed recommendations is for {best[label_col]} "
        f"({whole} per cent of {assessed} assessed)."
    )


def plot_calendar_load(by_month: pd.DataFrame, title: str) -> tuple[plt.Figure, str]:
    """Heatmap of events per month and mechanism: the months that carry several mechanisms' work at once."""
    table = by_month.set_index("month")
    fig, ax = plt.subplots(figsize=(9, 0.32 * max(len(table.columns), 1) + 1.8), dpi=FIG_DPI)
    if table.columns.empty:
        table = table.assign(**{"(none)": 0})
    draw_heatmap(ax, table.T.astype("float64").rename(columns=str, index=str), "Events", annotate=False)
    ax.tick_params(axis="x", labelrotation=90, labelsize=7)
    ax.set_xlabel("Month")
    ax.set_ylabel("Mechanism")
    ax.set_title(title, loc="left")
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


# Each chart returns its figure and reading as i18n.TextTuple: a report in several languages draws it again in each.
make_translatable(globals(), ("plot_",))
