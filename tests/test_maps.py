"""The world map: unmet needs by State from the matrix, map classes, small States, the reading, and no map in public builds."""

import numpy as np
import pandas as pd

from conftest import Collect
from lib.analysis import matrix
from lib.model import disclosure
from lib.present import maps, report

STATES = pd.DataFrame(
    {
        "state_code": ["AAA", "BBB", "CCC", "DDD"],
        "state_name": ["Aland", "Boland", "Coland", "Doland"],
        "has_responded": [True, True, False, True],
    }
)
# The matrix rows of the needs: AAA has 3 needs, 2 unmet; BBB 1 need, met; DDD 6 needs, all unmet; CCC did not respond.
SUPPLY = pd.DataFrame(
    {
        "state_code": ["AAA", "AAA", "AAA", "BBB"] + ["DDD"] * 6,
        "coverage": ["unmet", "unmet", "met", "met"] + ["unmet"] * 6,
    }
)


def map_table():
    """Return the map's table of the tiny frames above."""
    return matrix.count_unmet_by_state(STATES, SUPPLY)


def test_unmet_needs_by_state_come_from_the_matrix_coverage():
    table = map_table()
    # by hand: AAA 2 unmet, BBB 0 (its one need is met), CCC did not respond (no figure), DDD 6
    assert table["unsupplied_n"].tolist() == [2, 0, pd.NA, 6]
    assert table["state_name"].tolist() == ["Aland", "Boland", "Coland", "Doland"]


def test_map_classes_and_small_states():
    table = map_table()
    # by hand: 2 in class 1-4, 0 in class 0, CCC hatched as not responding, 6 in class 5-9
    assert maps.classify_states(table).tolist() == ["1-4", "0", maps.NO_REPLY[0], "5-9"]
    areas = pd.Series({"AAA": 1_000_000.0, "BBB": 24_999.0, "CCC": 25_000.0})  # DDD has no outline
    small = maps.list_small_states(table, areas)
    assert small["state_code"].tolist() == ["BBB", "DDD"]  # under SMALL_AREA_KM2 (25,000 km2), or not drawn


def test_projected_area_of_a_small_square():
    # a 1 x 1 degree cell at the equator is about 111.2 km x 111.2 km = 12,364 km2 on a sphere of radius 6,371 km;
    # Equal Earth keeps areas, so the projected cell measures the same within a fraction of a per cent
    x, y = maps.project_equal_earth(np.array([0.0, 1.0, 1.0, 0.0]), np.array([0.0, 0.0, 1.0, 1.0]))
    assert abs(maps.measure_area_km2(x, y) - 12_364) < 40


def test_the_reading_names_the_numbers():
    reading = maps.describe_map(map_table(), small_n=2)
    # by hand: 4 States parties, 3 responded = 75.0 per cent, 1 did not; unmet 2 + 0 + 6 = 8, most in Doland (6);
    # one responding State (Boland) has none; two States listed beside the map
    # (shares in whole per cent, as the text gives them; sentences, not a list of labels)
    for part in ["four States parties", "three responded (75 per cent)", "the one that did not respond are hatched in grey", "Eight needs"]:
        assert part in reading
    assert "the most in Doland (six); one responding State has none." in reading
    assert reading.endswith("Two States too small to see are listed in the table beside the map.")


def test_the_map_is_drawn_from_shipped_outlines_with_its_reading():
    table = pd.DataFrame(
        {"state_code": ["NGA", "LUX"], "state_name": ["Nigeria", "Luxembourg"], "has_responded": [True, True], "unsupplied_n": [22, 2]}
    )
    fig, reading = maps.plot_state_map(table, "Map")
    # by hand: Nigeria (about 910,000 km2) is drawn large, Luxembourg (about 2,600 km2) is too small: one State listed
    assert maps.list_small_states_on_map(table)["state_name"].tolist() == ["Luxembourg"]
    assert reading.endswith("One State too small to see is listed in the table beside the map.")
    assert fig.axes[0].get_title(loc="left") == "Map"


def test_a_public_build_withholds_the_state_map_and_its_reference():
    import matplotlib.pyplot as plt

    def shown(build):
        sink = Collect()
        rep = report.Report("", sink, disclosure.Policy(build))
        rep.paragraph("Text.", see=["figure:state_map"])
        fig, ax = plt.subplots()
        ax.set_title("The map", loc="left")
        rep.figure((fig, "Reading."), "state_map")
        return sink.items

    public = shown("public")
    assert [kind for kind, _, _ in public] == ["html", "html"] and "see figure" not in public[0][1]
    assert "The map: not published" in public[1][1]
    restricted = shown("restricted")
    assert "(see figure 1)" in restricted[0][1] and any(kind == "png" for kind, _, _ in restricted)
    assert disclosure.Policy("public").shows_figure("compliance")  # the aggregate figures stay in a public build


def test_a_public_build_shows_neither_the_map_nor_its_figures():
    from types import SimpleNamespace

    sink = Collect()
    # no data is needed: a public build stops before computing the map's figures
    maps.show_state_map(SimpleNamespace(rep=report.Report("", sink, disclosure.Policy("public")), data=None, snap=None))
    assert sink.items == []  # a public document has no map and says nothing of one


def test_rings_join_into_one_path_of_closed_polygons():
    square = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]])
    path = maps.join_rings([square, square + 2])
    assert len(path.vertices) == 10  # each ring's four corners and its closing vertex
    assert [int(c) for c in path.codes] == [1, 2, 2, 2, 79] * 2  # MOVETO, LINETO x3, CLOSEPOLY
    assert path.contains_point((0.5, 0.5)) and path.contains_point((2.5, 2.5)) and not path.contains_point((1.5, 1.5))
