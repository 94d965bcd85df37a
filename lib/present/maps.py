"""Draw the world map of the States parties: response at the cut-off and needs no known activity covers, with the States
too small to see."""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd
from matplotlib.collections import PolyCollection
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path

from lib.analysis.matrix import tabulate_state_map
from lib.io.messages import N_
from lib.io.shapes import SHAPES_SOURCE, read_country_rings
from lib.present.charts import FIG_DPI, plt
from lib.present.i18n import gettext as _, ngettext, translatable
from lib.present.narrative import (
    MAX_NAMED,
    capitalise,
    count_states,
    format_count,
    format_share,
    join_words,
    write_map_paragraph,
)

STATE_MAP = "state_map"  # the figure's name: not in lib.model.disclosure.PUBLIC_FIGURES: withheld from public builds
SMALL_STATES_TABLE = "states_too_small_for_the_map"  # not in PUBLIC_TABLES: it lists States
MAP_TITLE = N_("States parties by response and needs not covered by any known activity at the cut-off date")
EARTH_RADIUS_KM = 6371.0  # the Equal Earth projection below is equal-area on a sphere of this radius
SMALL_AREA_KM2 = 25_000  # under about 5 x 5 pixels at the map's screen width: such a State is listed beside the map
SOUTH_LIMIT = -60.0  # Antarctica (no State party) is left out: the map keeps its height for the inhabited continents
GRID = 0.002  # vertices closer than this (projected units, about a third of a pixel) are merged: the drawing stays fast
# Unmet needs of a responding State by class: a sequential single-hue scale (ColorBrewer Blues, ordered by lightness,
# readable with every common colour-vision deficiency and in greyscale); the lower bound of each class.
UNMET_CLASSES = [
    (0, "0", "#C6DBEF"),
    (1, "1-4", "#9ECAE1"),
    (5, "5-9", "#6BAED6"),
    (10, "10-19", "#3182BD"),
    (20, N_("20 or more"), "#08519C"),
]
NO_REPLY = (N_("Did not respond"), "#BDBDBD", "////")  # a State party without a reply: grey and hatched, apart from the blue scale
NOT_PARTY = (N_("Not a State party, or no data"), "#FFFFFF")
EDGE = "#666666"


def describe_map_source() -> str:
    """Return the map's source line, with the outlines' attribution and the United Nations disclaimer on boundaries."""
    return _(
        "self-assessment reports received by the cut-off date; the needs-supply matrix (activities ongoing or planned at the "
        "cut-off date); outlines: {outlines}. The boundaries shown do not imply official endorsement or acceptance by the "
        "United Nations.",
        outlines=SHAPES_SOURCE,
    )


def project_equal_earth(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return Equal Earth coordinates (unit sphere) of longitudes and latitudes in degrees (Savric, Patterson, Jenny 2018)."""
    a1, a2, a3, a4, m = 1.340264, -0.081106, 0.000893, 0.003796, np.sqrt(3) / 2
    theta = np.arcsin(m * np.sin(np.radians(lat)))
    t2 = theta**2
    x = 2 * np.sqrt(3) * np.radians(lon) * np.cos(theta) / (3 * (9 * a4 * t2**4 + 7 * a3 * t2**3 + 3 * a2 * t2 + a1))
    y = theta * (a4 * t2**4 + a3 * t2**3 + a2 * t2 + a1)
    return x, y


def measure_area_km2(x: np.ndarray, y: np.ndarray) -> float:
    """Return the area enclosed by a projected ring (shoelace formula), in square kilometres."""
    return abs(float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))) / 2 * EARTH_RADIUS_KM**2


def thin_ring(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Return a ring's vertices snapped to GRID, without consecutive repeats."""
    xy = np.round(np.column_stack([x, y]) / GRID) * GRID
    keep = np.r_[True, np.any(np.diff(xy, axis=0) != 0, axis=1)]
    return xy[keep]


def join_rings(rings: list[np.ndarray]) -> Path:
    """Return rings of vertices as one compound path, each ring a closed polygon of its own."""
    codes = [np.r_[Path.MOVETO, np.full(len(ring) - 1, Path.LINETO), Path.CLOSEPOLY] for ring in rings]
    vertices = [np.vstack([ring, ring[:1]]) for ring in rings]
    return Path(np.concatenate(vertices), np.concatenate(codes).astype(Path.code_type))


@functools.cache
def project_countries() -> pd.DataFrame:
    """Return one row per drawable ring of a country: state_code, its projected vertices and its area (km2)."""
    rings = read_country_rings()
    rows = []
    for code, lon, lat in rings.itertuples(index=False):
        if lat.max() < SOUTH_LIMIT:
            continue
        x, y = project_equal_earth(lon, lat)
        rows.append((code, thin_ring(x, y), measure_area_km2(x, y)))
    return pd.DataFrame(rows, columns=["state_code", "xy", "area_km2"])


def classify_states(table: pd.DataFrame) -> pd.Series:
    """Return each State's class on the map: an unmet-needs class label, or NO_REPLY's label for a State that did not respond."""
    bounds = [lower for lower, _label, _colour in UNMET_CLASSES]
    labels = [label for _lower, label, _colour in UNMET_CLASSES]
    index = np.searchsorted(bounds, table["unsupplied_n"].fillna(0).astype(int), side="right") - 1
    classes = pd.Series([labels[i] for i in index], index=table.index)
    return classes.where(table["has_responded"].astype(bool), NO_REPLY[0])


def list_small_states(table: pd.DataFrame, areas: pd.Series) -> pd.DataFrame:
    """Return the States of the map table too small to see (area under SMALL_AREA_KM2) or without an outline, by name.

    areas: each State's drawn area in km2, by state_code (a State missing from it has no outline on the map)."""
    area = table["state_code"].map(areas).fillna(0)
    small = table[area < SMALL_AREA_KM2]
    return small.sort_values("state_name", kind="stable").reset_index(drop=True)


def list_small_states_on_map(table: pd.DataFrame) -> pd.DataFrame:
    """Return the States of the map table too small to see on the drawn map: name, whether they responded, unmet needs."""
    areas = project_countries().groupby("state_code")["area_km2"].sum()
    return list_small_states(table, areas)[["state_name", "has_responded", "unsupplied_n"]]


def describe_map(table: pd.DataFrame, small_n: int) -> str:
    """Return the map's reading (its alt text), in sentences: the response, the needs not covered and where the States too
    small to see are listed (shares in whole per cent, as the text gives them)."""
    responded = table[table["has_responded"].astype(bool)]
    head = _(
        "World map of the {total} States parties at the cut-off date, shaded by the number of needs of each responding State "
        "that no known activity covers: {responded} responded ({share}); the {silent} that did not respond are hatched in grey.",
        total=format_count(len(table)),
        responded=format_count(len(responded)),
        share=format_share(len(responded), len(table)),
        silent=format_count(len(table) - len(responded)),
    )
    small = ngettext(
        "{count} State too small to see is listed in the table beside the map.",
        "{count} States too small to see are listed in the table beside the map.",
        small_n,
        count=format_count(small_n),
    )
    if not len(responded):
        return f"{head} {capitalise(small)}"
    most = int(responded["unsupplied_n"].max())
    top = responded[responded["unsupplied_n"] == most]["state_name"].tolist()
    fields = dict(
        count=format_count(int(responded["unsupplied_n"].sum())),
        states=join_words(top) if len(top) <= MAX_NAMED else count_states(len(top)),
        most=format_count(most),
    )
    none = int((responded["unsupplied_n"] == 0).sum())
    if not none:
        needs = _("{count} needs are not covered in all, the most in {states} ({most}); every responding State has at least one.", **fields)
    else:
        needs = ngettext(
            "{count} needs are not covered in all, the most in {states} ({most}); {none} responding State has none.",
            "{count} needs are not covered in all, the most in {states} ({most}); {none} responding States have none.",
            none,
            none=format_count(none),
            **fields,
        )
    return f"{head} {capitalise(needs)} {capitalise(small)}"


@translatable
def plot_state_map(table: pd.DataFrame, title: str) -> tuple[plt.Figure, str]:
    """World map (Equal Earth) of the States parties: unmet needs of those that responded, hatched grey those that did not."""
    shapes = project_countries()
    classes = classify_states(table).set_axis(table["state_code"])
    colours = {label: colour for _lower, label, colour in UNMET_CLASSES} | {NO_REPLY[0]: NO_REPLY[1]}
    fig, ax = plt.subplots(figsize=(9, 4.6), dpi=FIG_DPI)
    state_class = shapes["state_code"].map(classes)
    ax.add_collection(PolyCollection(shapes["xy"], facecolors=NOT_PARTY[1], edgecolors=EDGE, linewidths=0.2))
    for label, colour in colours.items():
        ax.add_collection(PolyCollection(shapes[state_class == label]["xy"], facecolors=colour, edgecolors=EDGE, linewidths=0.2))
    silent = shapes[state_class == NO_REPLY[0]]["xy"].tolist()
    if silent:  # one hatched outline of them all (hatching each State's polygon took nine tenths of the drawing); add_artist
        # because the States' polygons already set the limits (add_patch would measure every curve again)
        ax.add_artist(PathPatch(join_rings(silent), facecolor="none", edgecolor=EDGE, linewidth=0, hatch=NO_REPLY[2]))
    ax.autoscale_view()
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.set_title(title, loc="left")
    handles = [
        Patch(facecolor=colour, edgecolor=EDGE, label=_("{range} not covered", range=_(label))) for _lower, label, colour in UNMET_CLASSES
    ]
    handles += [
        Patch(facecolor=NO_REPLY[1], edgecolor=EDGE, hatch=NO_REPLY[2], label=_(NO_REPLY[0])),
        Patch(facecolor=NOT_PARTY[1], edgecolor=EDGE, label=_(NOT_PARTY[0])),
    ]
    ax.legend(handles=handles, loc="lower left", fontsize=7, frameon=False, ncols=1)
    return fig, describe_map(table, len(list_small_states_on_map(table)))


def show_state_map(ctx) -> None:
    """Show the world map with its paragraph and the table of the small States (a public build: a note that it is withheld)."""
    rep = ctx.rep
    if not rep.policy.shows_figure(STATE_MAP):  # it shows States one by one: a public document has no map
        return
    state_map = tabulate_state_map(ctx.data, ctx.snap)
    rep.paragraph(write_map_paragraph(state_map), see=[f"figure:{STATE_MAP}", SMALL_STATES_TABLE])
    rep.figure(plot_state_map(state_map, _(MAP_TITLE)), STATE_MAP, source=describe_map_source())
    rep.table(list_small_states_on_map(state_map), SMALL_STATES_TABLE, _("States parties too small to see on the map (or not drawn)"))
