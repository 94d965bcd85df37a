"""Compile data/raw/reference/iso_codes.csv: ISO 3166-1 alpha-2 for every entity of the reference tables.

Run once by a maintainer (the output is committed); IATI files name recipient countries by alpha-2 code.
Source: ISO 3166-1 from the Debian iso-codes project as packaged by pycountry 26.2.16
(`pip install pycountry==26.2.16`; the project environment does not install it). The EU (EUU) has
no ISO code; IATI uses the region vocabulary for it.
"""

import csv
from pathlib import Path

import pycountry

REF = Path(__file__).resolve().parents[1] / "data" / "raw" / "reference"


def main() -> None:
    """Write iso3 -> iso2 for every State code of state_aliases.csv that ISO 3166-1 knows."""
    with open(REF / "state_aliases.csv", encoding="utf-8") as fh:
        codes = sorted({row["state_code"] for row in csv.DictReader(fh)})
    with open(REF / "iso_codes.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["state_code", "iso2", "source"])
        for code in codes:
            country = pycountry.countries.get(alpha_3=code)
            if country:
                writer.writerow([code, country.alpha_2, "ISO 3166-1 via pycountry 26.2.16 (Debian iso-codes)"])


if __name__ == "__main__":
    main()
