"""Reference data: party status on a date (both rules, partial dates) and the alias table."""

from datetime import date

import pandas as pd
import pytest

from lib import reference
from lib.names import normalise_name


def make_states(rows):
    """Return a minimal states frame: (code, deposit text, precision, is_party)."""
    out = []
    for code, text, precision, is_party in rows:
        first, last = reference.parse_partial_date(text, precision)
        out.append({"state_code": code, "is_party": is_party, "deposit_date_earliest": pd.Timestamp(first) if first else pd.NaT,
                    "deposit_date_latest": pd.Timestamp(last) if last else pd.NaT})
    return pd.DataFrame(out)


STATES = make_states([
    ("AAA", "2009-09-03", "day", True),     # deposited on the cut-off day itself
    ("BBB", "2009-08-10", "day", True),     # in force 30 days later: 2009-09-09
    ("CCC", "2009-09", "month", True),      # month only: counts from 30 Sep 2009
    ("DDD", "2008", "year", True),          # year only: counts from 31 Dec 2008
    ("EEE", "", "unknown", True),           # unknown: counts from the reference date (2025-09-25)
    ("FFF", "", "", False),                 # not a party
])


def test_parse_partial_date():
    assert reference.parse_partial_date("2013-09", "month") == (date(2013, 9, 1), date(2013, 9, 30))
    assert reference.parse_partial_date("2012-02", "month") == (date(2012, 2, 1), date(2012, 2, 29))
    assert reference.parse_partial_date("2015", "year") == (date(2015, 1, 1), date(2015, 12, 31))
    assert reference.parse_partial_date("2006-05-25", "day") == (date(2006, 5, 25), date(2006, 5, 25))
    assert reference.parse_partial_date("", "unknown") == (None, None)


@pytest.mark.parametrize("as_of, rule, expected", [
    ("2009-09-03", "deposited", {"AAA", "BBB", "DDD"}),
    ("2009-09-03", "in_force", {"DDD"}),
    ("2009-09-09", "in_force", {"BBB", "DDD"}),
    ("2009-09-30", "deposited", {"AAA", "BBB", "CCC", "DDD"}),
    ("2008-12-30", "deposited", set()),
    ("2025-09-25", "deposited", {"AAA", "BBB", "CCC", "DDD", "EEE"}),
])
def test_select_parties_as_of(as_of, rule, expected):
    assert set(reference.select_parties_as_of(STATES, as_of, rule)["state_code"]) == expected


def test_unknown_rule_is_refused():
    with pytest.raises(ValueError, match="Unknown party rule"):
        reference.select_parties_as_of(STATES, "2009-09-03", "signed")


def test_real_reference_gives_the_seed_figures(ref_dir):
    states = reference.load_states(ref_dir)
    # Seed (CAC/COSP/2009/9, para. 23): "137 States parties" at the 3-4 September 2009 meeting.
    assert len(reference.select_parties_as_of(states, "2009-09-03", "deposited")) == 137
    # The seed says 126 for the December 2008 meeting; the deposits give 129 by 18 Dec 2008 and 126 by
    # 3 Nov 2008 (data/raw/README.md explains the difference).
    assert len(reference.select_parties_as_of(states, "2008-12-18", "deposited")) == 129
    assert len(reference.select_parties_as_of(states, "2008-11-03", "deposited")) == 126
    assert len(reference.select_parties_as_of(states, "2008-12-18", "in_force")) == 128
    assert states["is_party"].sum() == 192


def test_parties_without_group_are_kept(ref_dir):
    states = reference.load_states(ref_dir)
    none = states[states["is_party"] & (states["group_code"] == reference.NO_GROUP_CODE)]
    assert {"EUU", "VAT", "PSE", "COK", "NIU"} <= set(none["state_code"])
    assert set(none["group_name"]) == {"no regional group"}


@pytest.mark.parametrize("alias, code", [
    ("Vietnam", "VNM"), ("Ivory Coast", "CIV"), ("Bolivia", "BOL"), ("Turkey", "TUR"), ("Tanzania", "TZA"),
    ("Russia", "RUS"), ("Iran", "IRN"), ("Syria", "SYR"), ("Laos", "LAO"), ("Czech Republic", "CZE"),
    ("Swaziland", "SWZ"), ("Macedonia", "MKD"), ("Holland", "NLD"), ("Côte d’Ivoire", "CIV"), ("CÔTE D'IVOIRE", "CIV"),
    ("Allemagne", "DEU"), ("Alemania", "DEU"), ("  germany ", "DEU"), ("DEU", "DEU"), ("Union européenne", "EUU"),
])
def test_aliases_resolve(ref_dir, alias, code):
    assert reference.load_aliases(ref_dir)[normalise_name(alias)] == code


def test_aliases_cover_every_member_and_party(ref_dir):
    states = reference.load_states(ref_dir)
    covered = set(reference.load_aliases(ref_dir).values())
    assert set(states["state_code"]) <= covered


def test_ambiguous_alias_is_refused(tmp_path):
    (tmp_path / "state_aliases.csv").write_text("state_code,alias,language,source\nAAA,Same,en,x\nBBB,same ,en,x\n", encoding="utf-8")
    with pytest.raises(reference.ReferenceError, match="names both"):
        reference.load_aliases(tmp_path)


def test_missing_reference_table_is_one_sentence(tmp_path):
    with pytest.raises(reference.ReferenceError, match=r"The reference table .*checklist.csv is missing"):
        reference.load_checklist(tmp_path)
