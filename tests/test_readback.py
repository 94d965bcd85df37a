"""The editorial checks of built documents (tests/readback.py) on texts made to fail them, and on texts that pass."""

from datetime import date

from readback import check_texts, find_numeral_opening, find_repeats

from lib.present.narrative import format_date


def problems(body: list[str], cells: tuple[str, ...] = ()) -> list[str]:
    """Return the problems the checks find in a document of these texts."""
    return check_texts("doc", body, list(cells))


def test_a_clean_text_passes():
    text = (
        "Technical assistance was most often required in respect of articles 54 and 57, by 52 States parties "
        "(68 per cent of respondents), as of 3 September 2009 (see art. 15 and para. 23)."
    )
    assert problems([text], ("3 September 2009", "12.5", "Legal advice")) == []


def test_each_rule_fails_on_its_own_case():
    cases = {
        "Table 3 shows technical assistance needs by form.": "only names a table",
        "Response: a number (suppressed) of States parties replied.": "suppressed figure",
        "Needs were many. 12 States parties replied.": "opens with a numeral (12)",
        "Full compliance was reported by 68% of respondents.": "'%'",
        "Needs concern article 54 and article 57.": "'article 54 and article 57'",
        "Needs concern article 5 (preventive policies) and article 15 (bribery).": "(UN style: 'articles N and M')",
        f"Issued on {format_date(date.today())}.": "build date",
        "Received on 2009-09-03.": "ISO date",
    }
    for text, expected in cases.items():
        found = problems([text])
        assert len(found) == 1 and expected in found[0], (text, found)
    assert "ISO date" in problems([], ("2009-09-03",))[0]  # in a table cell too


def test_a_sentence_opening_with_a_numeral_is_found_but_not_an_abbreviation():
    assert find_numeral_opening("12 were used.") == "12"
    assert find_numeral_opening("Some were used. 1,208 were not.") == "1,208"
    assert find_numeral_opening("Highest for art. 15 and paras. 23 to 25 of CAC/COSP/WG.3/2009/2.") == ""
    assert find_numeral_opening("A total of 12 were used.") == ""


def test_a_phrase_of_twenty_words_said_twice_is_found_once():
    phrase = " ".join(f"w{i}" for i in range(20))
    assert find_repeats([f"Start {phrase}.", f"Again {phrase} end."]) == [phrase]
    assert find_repeats([" ".join(f"w{i}" for i in range(19)), " ".join(f"w{i}" for i in range(19))]) == []  # 19 words: allowed
