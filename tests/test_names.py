"""Name matching ignores case, accents, apostrophe style and surrounding spaces."""

import pytest

from lib.io.names import normalise_name


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("  Côte d\u2019Ivoire ", "cote d'ivoire"),
        ("COTE D'IVOIRE", "cote d'ivoire"),
        ("Sénégal", "senegal"),
        ("Türkiye", "turkiye"),
        ("Bosnia   and\tHerzegovina", "bosnia and herzegovina"),
        ("", ""),
    ],
)
def test_normalise_name(raw, expected):
    assert normalise_name(raw) == expected
