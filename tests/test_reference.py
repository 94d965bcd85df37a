"""Reference data: party status on a date (both rules, partial dates) and the alias table."""

import re
from datetime import date

import pandas as pd
import pytest

from lib.io import reference
from lib.io.names import normalise_name


def make_states(rows):
    """Return a minimal states frame: (code, deposit text, precision, is_party)."""
    out = []
    for code, text, precision, is_party in rows:
        first, last = reference.parse_partial_date(text, precision)
        out.append(
            {
                "state_code": code,
                "is_party": is_party,
                "deposit_date_earliest": pd.Timestamp(first) if first else pd.NaT,
                "deposit_date_latest": pd.Timestamp(last) if last else pd.NaT,
            }
        )
    return pd.DataFrame(out)


STATES = make_states(
    [
        ("AAA", "2009-09-03", "day", True),  # deposited on the cut-off day itself
        ("BBB", "2009-08-10", "day", True),  # in force 30 days later: 2009-09-09
        ("CCC", "2009-09", "month", True),  # month only: counts from 30 Sep 2009
        ("DDD", "2008", "year", True),  # year only: counts from 31 Dec 2008
        ("EEE", "", "unknown", True),  # unknown: counts from the reference date (2025-09-25)
        ("FFF", "", "", False),  # not a party
    ]
)


def test_parse_partial_date():
    assert reference.parse_partial_date("2013-09", "month") == (date(2013, 9, 1), date(2013, 9, 30))
    assert reference.parse_partial_date("2012-02", "month") == (date(2012, 2, 1), date(2012, 2, 29))
    assert reference.parse_partial_date("2015", "year") == (date(2015, 1, 1), date(2015, 12, 31))
    assert reference.parse_partial_date("2006-05-25", "day") == (date(2006, 5, 25), date(2006, 5, 25))
    assert reference.parse_partial_date("", "unknown") == (None, None)


@pytest.mark.parametrize(
    "as_of, rule, expected",
    [
        ("2009-09-03", "deposited", {"AAA", "BBB", "DDD"}),
        ("2009-09-03", "in_force", {"DDD"}),
        ("2009-09-09", "in_force", {"BBB", "DDD"}),
        ("2009-09-30", "deposited", {"AAA", "BBB", "CCC", "DDD"}),
        ("2008-12-30", "deposited", set()),
        ("2025-09-25", "deposited", {"AAA", "BBB", "CCC", "DDD", "EEE"}),
    ],
)
def test_select_parties_as_of(as_of, rule, expected):
    assert set(reference.select_parties_as_of(STATES, as_of, rule)["state_code"]) == expected


def test_unknown_rule_is_refused():
    with pytest.raises(ValueError, match="Unknown party rule"):
        reference.select_parties_as_of(STATES, "2009-09-03", "signed")


def test_real_reference_gives_the_figures_of_the_2009_report(ref_dir):
    states = reference.load_states(ref_dir)
    # Report of the Secretariat, 28 September 2009 (CAC/COSP/2009/9, para. 23): "137 States parties" at the 3-4 September 2009 meeting.
    assert len(reference.select_parties_as_of(states, "2009-09-03", "deposited")) == 137
    # The report says 126 for the December 2008 meeting; the deposits give 129 by 18 Dec 2008 and 126 by
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


@pytest.mark.parametrize(
    "alias, code",
    [
        ("Vietnam", "VNM"),
        ("Ivory Coast", "CIV"),
        ("Bolivia", "BOL"),
        ("Turkey", "TUR"),
        ("Tanzania", "TZA"),
        ("Russia", "RUS"),
        ("Iran", "IRN"),
        ("Syria", "SYR"),
        ("Laos", "LAO"),
        ("Czech Republic", "CZE"),
        ("Swaziland", "SWZ"),
        ("Macedonia", "MKD"),
        ("Holland", "NLD"),
        ("Côte d’Ivoire", "CIV"),
        ("CÔTE D'IVOIRE", "CIV"),
        ("Allemagne", "DEU"),
        ("Alemania", "DEU"),
        ("  germany ", "DEU"),
        ("DEU", "DEU"),
        ("Union européenne", "EUU"),
    ],
)
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


# Names as at a date: a tiny names table, the rule on both sides of a change, the checks of the table, the real table.
NAMED = pd.DataFrame({"state_code": ["AAA", "BBB"], "state_name": ["Newland", "Steady"]})
RENAMED = pd.DataFrame(
    {
        "state_code": ["AAA", "AAA"],
        "name": ["Oldland", "Newland"],
        "in_use_from": [pd.NaT, pd.Timestamp("2009-03-18")],
        "in_use_to": [pd.Timestamp("2009-03-17"), pd.NaT],
    }
)


@pytest.mark.parametrize(
    "day, expected",
    [
        ("2008-12-18", "Oldland"),  # a meeting before the change
        ("2009-03-17", "Oldland"),  # the last day of the old name
        ("2009-03-18", "Newland"),  # the first day of the new name
        ("2009-09-03", "Newland"),  # a meeting after the change
    ],
)
def test_the_name_in_force_on_a_day(day, expected):
    named = reference.name_states_as_of(NAMED, RENAMED, day)
    assert dict(zip(named["state_code"], named["state_name"])) == {"AAA": expected, "BBB": "Steady"}  # BBB never renamed
    assert reference.name_states_as_of(NAMED, None, day)["state_name"].tolist() == ["Newland", "Steady"]


def test_find_name_in_force_reads_open_bounds():
    from lib.io.names import find_name_in_force

    periods = [("Old", "", "2009-03-17"), ("New", "2009-03-18", "")]
    assert [find_name_in_force(periods, d) for d in ("1990-01-01", "2009-03-17", "2009-03-18", "2099-01-01")] == [
        "Old",
        "Old",
        "New",
        "New",
    ]
    assert find_name_in_force([("Late", "2010-01-01", "")], "2009-01-01") is None  # before its first name: the caller's current name


NAMES_HEADER = "state_code,name,in_use_from,in_use_to,verified,source,note\n"


@pytest.mark.parametrize(
    "rows, message",
    [
        ("AAA,Oldland,,2009-03-17,no,x,\nAAA,Newland,2009-03-20,,no,x,\n", "must start the day after the previous one ends"),
        ("AAA,Oldland,,,no,x,\nAAA,Newland,2009-03-18,,no,x,\n", "only the last may end blank"),
        ("AAA,Oldland,,2009-03-17,no,x,\nAAA,Otherland,2009-03-18,,no,x,\n", "'Otherland' is not the current name 'Newland'"),
        ("AAA,Oldland,,18/03/2009,no,x,\n", "write days as YYYY-MM-DD"),
        ("ZZZ,Nowhere,,,no,x,\n", "ZZZ is not a State"),
    ],
)
def test_a_names_table_that_does_not_add_up_is_one_sentence(tmp_path, rows, message):
    (tmp_path / "state_names.csv").write_text(NAMES_HEADER + rows, encoding="utf-8")
    with pytest.raises(reference.ReferenceError, match=re.escape(message)):
        reference.load_state_names(tmp_path, NAMED)


def test_the_real_names_table_is_consistent_and_every_former_name_resolves(ref_dir):
    states = reference.load_states(ref_dir)
    names = reference.load_state_names(ref_dir, states)
    aliases = reference.load_aliases(ref_dir)
    assert {aliases[normalise_name(n)] for n in names["name"]} == set(names["state_code"])
    assert all(aliases[normalise_name(n)] == c for c, n in zip(names["state_code"], names["name"]))
    assert set(names["verified"]) <= {"yes", "no"} and (names["source"] != "").all()
    # the names of 2008-2009 (issue 13): the reports of the Working Group's meetings name States as the UN did then
    at_2009 = reference.name_states_as_of(states, names, "2009-09-03").set_index("state_code")["state_name"]
    assert at_2009[["CZE", "MKD", "TUR", "SWZ", "CPV", "LBY", "EUU", "BOL"]].tolist() == [
        "Czech Republic",
        "The former Yugoslav Republic of Macedonia",
        "Turkey",
        "Swaziland",
        "Cape Verde",
        "Libyan Arab Jamahiriya",
        "European Community",
        "Bolivia (Plurinational State of)",
    ]
    assert reference.name_states_as_of(states, names, "2008-12-18").set_index("state_code").loc["BOL", "state_name"] == "Bolivia"


def test_an_organisation_written_two_ways_is_one_provider(tmp_path):
    (tmp_path / "provider_aliases.csv").write_text(
        "alias,provider,source\nUnited Nations Development Programme,UNDP,x\nDeutsche Gesellschaft für Technische Zusammenarbeit,GTZ,x\n"
        "Deutsche Gesellschaft für Internationale Zusammenarbeit,GIZ,x\n",
        encoding="utf-8",
    )
    providers = reference.load_provider_aliases(tmp_path)
    # by hand: the full name and the acronym are UNDP (once); GTZ and GIZ stay apart; an unlisted name is kept, trimmed
    assert reference.name_providers("UNDP; united nations development programme ; GTZ;GIZ; Friends of Integrity ;", providers) == [
        "UNDP",
        "GTZ",
        "GIZ",
        "Friends of Integrity",
    ]
    assert reference.name_provider("  UNITED NATIONS DEVELOPMENT PROGRAMME", providers) == "UNDP"


@pytest.mark.parametrize(
    "rows, message",
    [
        ("UNDP,United Nations Development Programme,x\nUNDP,UNODC,x\n", "stands for both"),
        ("PNUD,UNDP,x\nUNDP,United Nations Development Programme,x\n", "stands for both"),  # a canonical name is another's alias
    ],
)
def test_an_ambiguous_provider_alias_is_refused(tmp_path, rows, message):
    (tmp_path / "provider_aliases.csv").write_text("alias,provider,source\n" + rows, encoding="utf-8")
    with pytest.raises(reference.ReferenceError, match=message):
        reference.load_provider_aliases(tmp_path)


def test_the_real_provider_aliases_keep_gtz_and_giz_apart(ref_dir):
    providers = reference.load_provider_aliases(ref_dir)
    assert reference.name_providers("United Nations Development Programme; UNDP; UN Office on Drugs and Crime; GTZ; GIZ", providers) == [
        "UNDP",
        "UNODC",
        "GTZ",
        "GIZ",
    ]
