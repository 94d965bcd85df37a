"""Compile data/raw/reference/state_aliases.csv (run once by a maintainer; the output is committed).

Sources: the UN short names and ISO3 codes of data/raw/reference/{uncac_states_parties,un_regional_groups}.csv, and
every UN short name a State has had since 2005 (data/raw/reference/state_names.csv), so that former names resolve;
ISO 3166-1 names and their French and Spanish translations from the Debian iso-codes project as packaged by
pycountry 26.2.16; common English variants and UN French/Spanish short names listed below (public usage).
Requires pycountry, which the project environment does not install: `pip install pycountry==26.2.16`.
"""

from __future__ import annotations

import csv
import gettext
import sys
from collections import defaultdict
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from lib.io.names import normalise_name  # noqa: E402

REF = ROOT / "data" / "raw" / "reference"
EU_CODE = "EUU"  # the EU has no ISO 3166 alpha-3 code; EUU is the World Bank's code for it

ENGLISH_VARIANTS = {
    "VNM": ["Vietnam"],
    "CIV": ["Ivory Coast", "Cote d'Ivoire"],
    "BOL": ["Bolivia"],
    "TUR": ["Turkey", "Turkiye"],
    "TZA": ["Tanzania"],
    "RUS": ["Russia"],
    "IRN": ["Iran"],
    "SYR": ["Syria"],
    "LAO": ["Laos", "Lao PDR"],
    "CZE": ["Czech Republic"],
    "SWZ": ["Swaziland"],
    "MKD": ["Macedonia", "The former Yugoslav Republic of Macedonia"],
    "NLD": ["Holland", "The Netherlands", "Netherlands (Kingdom of the)"],
    "KOR": ["South Korea", "Korea"],
    "PRK": ["North Korea", "DPRK"],
    "MDA": ["Moldova"],
    "VEN": ["Venezuela"],
    "MMR": ["Burma"],
    "CPV": ["Cape Verde"],
    "TLS": ["East Timor"],
    "BRN": ["Brunei"],
    "FSM": ["Micronesia"],
    "GBR": ["UK", "Great Britain", "Britain"],
    "USA": ["USA", "United States of America", "US"],
    "COD": ["DR Congo", "DRC", "Congo-Kinshasa", "Democratic Republic of Congo"],
    "COG": ["Congo-Brazzaville", "Republic of the Congo"],
    "GMB": ["The Gambia"],
    "BHS": ["The Bahamas"],
    "VAT": ["Vatican", "Vatican City"],
    "PSE": ["Palestine"],
    "LBY": ["Libyan Arab Jamahiriya"],
    "KGZ": ["Kyrgyz Republic"],
    "SVK": ["Slovak Republic"],
    "STP": ["Sao Tome and Principe"],
    "KNA": ["Saint Kitts and Nevis", "St Kitts and Nevis"],
    "LCA": ["St Lucia"],
    "VCT": ["St Vincent and the Grenadines"],
    "ARE": ["UAE"],
    "CAF": ["CAR"],
    "BIH": ["Bosnia"],
    "TTO": ["Trinidad"],
    "GNB": ["Guinea Bissau"],
    EU_CODE: ["European Community", "EU", "European Communities"],
}
UN_FRENCH = {
    "BOL": ["Bolivie (État plurinational de)"],
    "TZA": ["République-Unie de Tanzanie"],
    "RUS": ["Fédération de Russie"],
    "IRN": ["Iran (République islamique d')"],
    "VEN": ["Venezuela (République bolivarienne du)"],
    "KOR": ["République de Corée"],
    "PRK": ["République populaire démocratique de Corée"],
    "SYR": ["République arabe syrienne"],
    "LAO": ["République démocratique populaire lao"],
    "MDA": ["République de Moldova"],
    "FSM": ["Micronésie (États fédérés de)"],
    "COD": ["République démocratique du Congo"],
    "USA": ["États-Unis d'Amérique"],
    "GBR": ["Royaume-Uni de Grande-Bretagne et d'Irlande du Nord"],
    "NLD": ["Pays-Bas (Royaume des)"],
    "VNM": ["Viet Nam"],
    "PSE": ["État de Palestine"],
    EU_CODE: ["Union européenne"],
    "VAT": ["Saint-Siège"],
    "TUR": ["Turquie"],
    "CZE": ["Tchéquie", "République tchèque"],
}
UN_SPANISH = {
    "BOL": ["Bolivia (Estado Plurinacional de)"],
    "TZA": ["República Unida de Tanzanía"],
    "RUS": ["Federación de Rusia"],
    "IRN": ["Irán (República Islámica del)"],
    "VEN": ["Venezuela (República Bolivariana de)"],
    "KOR": ["República de Corea"],
    "PRK": ["República Popular Democrática de Corea"],
    "SYR": ["República Árabe Siria"],
    "LAO": ["República Democrática Popular Lao"],
    "MDA": ["República de Moldova"],
    "FSM": ["Micronesia (Estados Federados de)"],
    "COD": ["República Democrática del Congo"],
    "USA": ["Estados Unidos de América"],
    "GBR": ["Reino Unido de Gran Bretaña e Irlanda del Norte"],
    "NLD": ["Países Bajos (Reino de los)"],
    "CIV": ["Côte d'Ivoire"],
    "PSE": ["Estado de Palestina"],
    EU_CODE: ["Unión Europea"],
    "VAT": ["Santa Sede"],
    "TUR": ["Türkiye", "Turquía"],
    "CZE": ["Chequia", "República Checa"],
}
SOURCE_REF = "reference csv (UN M49 short name)"
SOURCE_ISO = "ISO 3166-1 via pycountry 26.2.16 (Debian iso-codes)"
SOURCE_CURATED = "curated common usage (scripts/compile_aliases.py)"
SOURCE_NAMES = "state_names.csv (UN short name in use at a date)"


def read_entities() -> dict[str, str]:
    """Return {state_code: UN short name} for every UN Member State, observer State and party."""
    entities: dict[str, str] = {}
    with open(REF / "un_regional_groups.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            entities[row["iso3"]] = row["name"]
    with open(REF / "uncac_states_parties.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            entities.setdefault(row["iso3"] or EU_CODE, row["name"])
    return entities


def read_dated_names() -> list[tuple[str, str]]:
    """Return (state_code, name) for every UN short name of state_names.csv, former names included."""
    with open(REF / "state_names.csv", encoding="utf-8") as fh:
        return [(row["state_code"], row["name"]) for row in csv.DictReader(fh)]


def collect_aliases(entities: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """Return (state_code, alias, language, source) rows before de-duplication."""
    fr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    es = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["es"])
    rows: list[tuple[str, str, str, str]] = []
    for code, name in entities.items():
        rows += [(code, name, "en", SOURCE_REF), (code, code, "code", SOURCE_REF)]
        country = pycountry.countries.get(alpha_3=code)
        if country is not None:
            for attr in ("name", "official_name", "common_name"):
                value = getattr(country, attr, None)
                if value:
                    rows.append((code, value, "en", SOURCE_ISO))
            for lang, tr in (("fr", fr), ("es", es)):
                translated = tr.gettext(country.name)
                rows.append((code, translated, lang, SOURCE_ISO))
                if "," in translated:  # "Bolivie, état plurinational de" -> also "Bolivie"
                    rows.append((code, translated.split(",")[0], lang, SOURCE_ISO))
            if "," in country.name:
                rows.append((code, country.name.split(",")[0], "en", SOURCE_ISO))
        for lang, table in (("en", ENGLISH_VARIANTS), ("fr", UN_FRENCH), ("es", UN_SPANISH)):
            rows += [(code, alias, lang, SOURCE_CURATED) for alias in table.get(code, [])]
    rows += [(code, name, "en", SOURCE_NAMES) for code, name in read_dated_names()]  # kept where no other source has it
    return rows


def deduplicate(rows: list[tuple[str, str, str, str]]) -> list[tuple[str, str, str, str]]:
    """Keep one row per normalised alias; drop aliases that would name two States (e.g. "Korea" in French)."""
    codes_by_key: dict[str, set[str]] = defaultdict(set)
    for code, alias, _, _ in rows:
        codes_by_key[normalise_name(alias)].add(code)
    kept, seen = [], set()
    for code, alias, lang, source in rows:
        key = normalise_name(alias)
        if len(codes_by_key[key]) > 1:
            # an exact UN short name (current or former) always wins over a shortened variant of another State's name
            if source not in (SOURCE_REF, SOURCE_NAMES):
                continue
        if key in seen:
            continue
        seen.add(key)
        kept.append((code, alias, lang, source))
    return kept


def main() -> None:
    """Write the alias table."""
    rows = deduplicate(collect_aliases(read_entities()))
    with open(REF / "state_aliases.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["state_code", "alias", "language", "source"])
        writer.writerows(sorted(rows))
    print(f"wrote {len(rows)} aliases")


if __name__ == "__main__":
    main()
