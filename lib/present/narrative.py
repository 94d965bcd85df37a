"""Write report paragraphs from the numbers, in the register of a UN secretariat report (HTML-escaped): each sentence is
a whole message of the catalog (lib/present/locales), one per case, so that an editor rewords it and a translator
translates it without touching the Python that computes the figures."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape

import pandas as pd
from babel import Locale

from lib.analysis.matching import MIN_CANDIDATES
from lib.analysis.ranking import MIN_BASE, select_extreme, select_next
from lib.io.codes import TOTAL_LABEL
from lib.io.paths import resolve_today
from lib.model.disclosure import MIN_STATES, SUPPRESSED, SUPPRESSED_SYMBOL
from lib.model.shares import round_half_up
from lib.present.i18n import (
    current_language,
    format_decimal_figure,
    format_integer,
    format_long_date,
    format_month_year,
    gettext as _,
    make_translatable,
    ngettext,
    pgettext,
)
from lib.present.names import spell_out

WRITER_PREFIXES = ("write_", "describe_", "summarise_", "name_", "count_", "title_", "list_")  # what translatable wraps
WORDS_BELOW = 10  # UN style: counts below 10 in words ("three"), from 10 in figures ("12", "1,423")


def name_small_number(n: int) -> str:
    """Return a count below WORDS_BELOW in words, in the current language ('no' for 0: 'no States parties')."""
    return (
        pgettext("count in words", "no"),
        pgettext("count in words", "one"),
        pgettext("count in words", "two"),
        pgettext("count in words", "three"),
        pgettext("count in words", "four"),
        pgettext("count in words", "five"),
        pgettext("count in words", "six"),
        pgettext("count in words", "seven"),
        pgettext("count in words", "eight"),
        pgettext("count in words", "nine"),
    )[n]


def format_count(n: int) -> str:
    """Return a count in UN editorial style: words below 10, figures from 10 (thousands grouped as the language groups
    them); a count a public version suppresses is 'a number (suppressed) of'."""
    if pd.isna(n):
        return _("a number (suppressed) of")
    n = int(n)
    return name_small_number(n) if 0 <= n < WORDS_BELOW else format_integer(n)


def select_form(n) -> int:
    """Return the number that picks a message's plural form: the count itself, or 2 (the plural) for a suppressed one."""
    return 2 if pd.isna(n) else int(n)


def format_figure(value: float, digits: int = 0) -> str:
    """Return a figure rounded half up to `digits` decimals, written as the current language writes numbers."""
    return format_decimal_figure(round_half_up(value, digits), digits)


def format_pct(value: float) -> str:
    """Return a percentage as whole 'N per cent', rounding halves up (52.5 -> 53), as UN documents do."""
    if pd.isna(value):
        return _("no per cent figure (no respondents, or suppressed)")
    return _("{value} per cent", value=format_figure(value))


def format_points(value: float, signed: bool = True) -> str:
    """Return a difference in percentage points to one decimal ('+4.2 percentage points'; French '1,5 point' takes the
    singular: the plural form follows the language's CLDR rule for the decimal figure)."""
    figure = format_figure(abs(value), 1)
    sign = ("-" if value < 0 else "+") if signed else ""
    return ngettext(
        "{sign}{value} percentage point", "{sign}{value} percentage points", select_decimal_form(abs(value)), sign=sign, value=figure
    )


def select_decimal_form(value: float) -> int:
    """Return the number that picks a message's plural form for a decimal figure: 1 where CLDR's rule for the language
    says 'one' (French: below 2, '1,5 point'), else 2; a figure written with a decimal ('1.0') is never 'one' in English."""
    figure = Decimal(repr(round_half_up(value, 1))).quantize(Decimal("0.1"))
    return 1 if Locale.parse(current_language()).plural_form(figure) == "one" else 2


def capitalise(sentence: str) -> str:
    """Return a sentence with its first letter in upper case (a count in words may open it); a sentence that would open
    with a numeral opens with the catalog's 'A total of' instead (UN editorial rule: no sentence opens with a numeral)."""
    if sentence[:1].isdigit():
        return _("A total of {sentence}", sentence=sentence)
    return sentence[:1].upper() + sentence[1:]


def format_share(part: int, whole: int) -> str:
    """Return part/whole as whole 'N per cent' from the exact counts (no double rounding through a 1-decimal figure)."""
    if pd.isna(part) or pd.isna(whole) or not whole:
        return format_pct(float("nan"))
    return format_pct(100 * int(part) / int(whole))  # an exact half (21 of 40) is exact in binary too, so it rounds up


def join_words(items: Sequence[str]) -> str:
    """Return items as a sentence lists them: 'a', 'a and b', 'a, b and c' (no serial comma, as the UN writes English)."""
    if len(items) == 1:
        return items[0]
    head = pgettext("list separator", ", ").join(items[:-1])
    return _("{items} and {last}", items=head, last=items[-1])


MAX_NAMED = 3  # more tied items than this are counted ("nine articles"), not listed


def count_articles(n: int) -> str:
    """Return 'nine articles' ('one article')."""
    return ngettext("{count} article", "{count} articles", select_form(n), count=format_count(n))


def count_states_parties(n: int) -> str:
    """Return 'five States parties' ('one State party')."""
    return ngettext("{count} State party", "{count} States parties", select_form(n), count=format_count(n))


def count_states(n: int) -> str:
    """Return 'two States' ('one State')."""
    return ngettext("{count} State", "{count} States", select_form(n), count=format_count(n))


def count_days(n: int) -> str:
    """Return 'nine days' ('one day', '30 days')."""
    return ngettext("{count} day", "{count} days", select_form(n), count=format_count(n))


def count_needs(n: int) -> str:
    """Return 'seven needs' ('one need')."""
    return ngettext("{count} need", "{count} needs", select_form(n), count=format_count(n))


def name_articles(rows: pd.DataFrame, with_titles: bool = True) -> str:
    """Return the articles of some rows as a sentence names them, in UN style: 'article 46 (title)', 'articles 46
    and 16' (one noun for several), or 'nine articles' when more than MAX_NAMED tie (escaped)."""
    if len(rows) > MAX_NAMED:
        return count_articles(len(rows))
    titled = with_titles and len(rows) <= 2 and "title" in rows
    named = [
        _("{article} ({title})", article=escape(str(r["provision"])), title=escape(str(r["title"]).lower()))
        if titled
        else escape(str(r["provision"]))
        for _i, r in rows.iterrows()
    ]
    return ngettext("article {articles}", "articles {articles}", len(named), articles=join_words(named))


def name_items(labels: list[str], noun: str) -> str:
    """Return tied items as a chart reading names them: 'A', 'A and B', or 'nine articles' past MAX_NAMED (not escaped)."""
    return join_words(labels) if len(labels) <= MAX_NAMED else f"{format_count(len(labels))} {noun}"


def format_date(value) -> str:
    """Return a date as the documents write it: '3 September 2009' (the language's pattern)."""
    return format_long_date(pd.Timestamp(value).date())


def format_day(value) -> str:
    """Return the day of a date as a range writes its first day ('3'; French '1er' for the first of a month)."""
    day = pd.Timestamp(value).day
    return pgettext("the first day of a month, in a range", "{day}", day=day) if day == 1 else str(day)


def format_meeting_dates(start, end) -> str:
    """Return meeting dates as '3 and 4 September 2009' (or 'from ... to ...' across months)."""
    s, e = pd.Timestamp(start), pd.Timestamp(end)
    if s == e:
        return format_date(s)
    if (s.year, s.month) == (e.year, e.month):
        month = format_month_year(e.date())
        if (e - s).days == 1:
            return _("{first} and {last} {month}", first=s.day, last=e.day, month=month)
        return pgettext("days of one month", "{first} to {last} {month}", first=s.day, last=e.day, month=month)
    return pgettext("dates in two months", "{first} to {last}", first=format_date(s), last=format_date(e))


def describe_meeting(meeting: pd.Series) -> str:
    """Return 'held on 3 and 4 September 2009', or 'to be held on ...' for a meeting whose first day is still to come."""
    dates = format_meeting_dates(meeting["start_date"], meeting["end_date"])
    future = pd.Timestamp(meeting["start_date"]).date() > resolve_today()
    s, e = pd.Timestamp(meeting["start_date"]), pd.Timestamp(meeting["end_date"])
    if s == e:  # one day: 'el 3 de ...', not 'los días ...'
        if future:
            return pgettext("said of a one-day meeting", "to be held on {date}", date=dates)
        return pgettext("said of a one-day meeting", "held on {date}", date=dates)
    if (e - s).days > 1:  # a range: 'du 19 au 23 juin 2017', 'del 19 al 23 de junio de 2017'
        start = format_day(s) if (s.year, s.month) == (e.year, e.month) else format_date(s)
        if future:
            return pgettext("said of a meeting of several days", "to be held from {start} to {end}", start=start, end=format_date(e))
        return pgettext("said of a meeting of several days", "held from {start} to {end}", start=start, end=format_date(e))
    if future:
        return pgettext("said of the meeting", "to be held on {dates}", dates=dates)
    return pgettext("said of the meeting", "held on {dates}", dates=dates)


def describe_cutoff(meeting: pd.Series) -> str:
    """Return the cut-off date, said to be still to come when it is ('3 September 2009, a date that has not passed yet')."""
    text = format_date(meeting["cutoff_date"])
    if pd.Timestamp(meeting["cutoff_date"]).date() > resolve_today():
        return _(
            "{date} (a date that has not passed yet: the figures are those received by {today})",
            date=text,
            today=format_date(resolve_today()),
        )
    return text


def write_response_paragraph(summary: dict, meeting: pd.Series, rule: str) -> str:
    """Return the response-rate paragraph: 'N States parties (equal to P per cent of the M States parties)'."""
    fields = dict(
        meeting=escape(describe_meeting(meeting)),
        parties=count_states_parties(summary["responding_parties_n"]),
        share=format_share(summary["responding_parties_n"], summary["parties_n"]),
        total=format_count(summary["parties_n"]),
        cutoff=escape(describe_cutoff(meeting)),
    )
    if rule == "deposited":
        text: str = _(
            "For the meeting {meeting}, information on technical assistance requirements was available from {parties} "
            "(equal to {share} of the {total} States parties whose instrument of ratification or accession had been "
            "deposited by that date, {cutoff}).",
            **fields,
        )
    else:
        text = _(
            "For the meeting {meeting}, information on technical assistance requirements was available from {parties} "
            "(equal to {share} of the {total} States parties for which the Convention was in force on that date, {cutoff}).",
            **fields,
        )
    others = summary["non_party_respondents_n"]
    if pd.isna(others) or pd.isna(summary["respondents_n"]):  # a public version: their number rests on too few States
        text += " " + _(
            "In addition, some States that were not a party at that date submitted a self-assessment. Replies from "
            "non-parties are presented separately and are not included in the figures that follow."
        )
    elif others:
        text += " " + ngettext(
            "In addition, {states} that was not a party at that date submitted a self-assessment; in all, {respondents} "
            "replied, of which {parties} were parties. Replies from non-parties are presented separately and are not "
            "included in the figures that follow.",
            "In addition, {states} that were not a party at that date submitted a self-assessment; in all, {respondents} "
            "replied, of which {parties} were parties. Replies from non-parties are presented separately and are not "
            "included in the figures that follow.",
            select_form(others),
            states=count_states(others),
            respondents=count_states(summary["respondents_n"]),
            parties=format_count(summary["responding_parties_n"]),
        )
    return text


def write_quoted_note(quoted: dict | None, summary: dict, meeting: pd.Series, is_synthetic: bool) -> str:
    """Return the note saying why the response figures a UN document quotes for the meeting differ from this paper's."""
    if quoted is None:
        return ""
    text: str = _(
        "The {source} gives for this meeting {respondents} (equal to {pct} per cent of the {parties} States parties).",
        source=escape(quoted["source"]),
        respondents=count_states_parties(quoted["respondents_n"]),
        pct=quoted["pct"],
        parties=format_count(quoted["parties_n"]),
    )
    if quoted["parties_at_status_n"] is not None and quoted["parties_at_status_n"] != summary["parties_n"]:
        fields = dict(
            status_date=escape(format_date(quoted["status_date"])),
            at_status=format_count(quoted["parties_at_status_n"]),
            cutoff=escape(format_date(meeting["cutoff_date"])),
            parties=format_count(summary["parties_n"]),
        )
        joined = quoted["joined_n"]
        if joined:
            text += " " + ngettext(
                "That count of States parties is the one at an earlier date, {status_date} ({at_status} by the reference "
                "data), while this paper counts them at its cut-off date, {cutoff} ({parties}): {states} deposited its "
                "instrument in between.",
                "That count of States parties is the one at an earlier date, {status_date} ({at_status} by the reference "
                "data), while this paper counts them at its cut-off date, {cutoff} ({parties}): {states} deposited their "
                "instruments in between.",
                int(joined),
                states=count_states(joined),
                **fields,
            )
        else:
            text += " " + _(
                "That count of States parties is the one at an earlier date, {status_date} ({at_status} by the reference "
                "data), while this paper counts them at its cut-off date, {cutoff} ({parties}).",
                **fields,
            )
    exact = format_share(quoted["respondents_n"], quoted["parties_n"])
    if exact != _("{value} per cent", value=quoted["pct"]):
        text += " " + _(
            "The ratio of the quoted counts, {part} of {whole}, rounds to {exact} by the rule of this paper (halves up, from the counts).",
            part=quoted["respondents_n"],
            whole=quoted["parties_n"],
            exact=exact,
        )
    if is_synthetic:
        text += " " + _("The responding States of this paper come from the synthetic sample, not from the document.")
    return text


def write_compliance_paragraph(compliance: pd.DataFrame) -> str:
    """Return the paragraph on the articles with the highest and lowest reported full compliance (ties named together)."""
    top, low = select_extreme(compliance, "full_pct"), select_extreme(compliance, "full_pct", largest=False)
    if top.empty:
        return _(
            "Some figures of full compliance are suppressed in the present document (too few responding States parties): "
            "the articles with the highest and lowest shares are not named."
        )
    if top.index.equals(low.index):
        text: str = ngettext(
            "Full compliance was reported by {share} of responding States parties for the only article shown.",
            "Full compliance was reported by {share} of responding States parties for each of the {count} articles shown.",
            len(top),
            share=format_pct(top["full_pct"].iloc[0]),
            count=format_count(len(top)),
        )
    else:
        fields = dict(
            top=name_articles(top),
            top_share=format_pct(top["full_pct"].iloc[0]),
            low=name_articles(low),
            low_share=format_pct(low["full_pct"].iloc[0]),
        )
        if len(top) == 1 and len(low) == 1:
            text = _(
                "Full compliance was most frequently reported with {top}, by {top_share} of responding States parties, and "
                "least frequently with {low}, by {low_share}.",
                **fields,
            )
        elif len(low) == 1:
            text = _(
                "Full compliance was most frequently reported with {top}, by {top_share} of responding States parties "
                "each, and least frequently with {low}, by {low_share}.",
                **fields,
            )
        elif len(top) == 1:
            text = _(
                "Full compliance was most frequently reported with {top}, by {top_share} of responding States parties, and "
                "least frequently with {low}, by {low_share} each.",
                **fields,
            )
        else:
            text = _(
                "Full compliance was most frequently reported with {top}, by {top_share} of responding States parties "
                "each, and least frequently with {low}, by {low_share} each.",
                **fields,
            )
    if {"full_n", "responding_parties_n"} <= set(compliance) and compliance[["full_n", "responding_parties_n"]].notna().all().all():
        text += " " + _(
            "Across the {count} articles covered by the checklist, {share} of the answers of responding States parties "
            "reported full compliance.",
            count=format_count(len(compliance)),
            share=format_share(compliance["full_n"].sum(), compliance["responding_parties_n"].sum()),
        )
    return text


def describe_form(row: pd.Series) -> str:
    """Return one form with its counts: 'legal advice (two requests from one State party)' (escaped); a count a public
    version suppresses is left out of the sentence, never written as a number withheld."""
    label = escape(str(row["label"]).lower())
    if pd.isna(row["needs_n"]):
        return label
    requests = ngettext("{count} request", "{count} requests", int(row["needs_n"]), count=format_count(row["needs_n"]))
    if pd.isna(row["states_n"]):
        return _("{form} ({requests})", form=label, requests=requests)
    return _("{form} ({requests} from {states})", form=label, requests=requests, states=count_states_parties(row["states_n"]))


def write_needs_paragraph(needs: pd.DataFrame, forms: pd.DataFrame) -> str:
    """Return the paragraph on the articles and forms of technical assistance most often required (ties named together)."""
    top = select_extreme(needs, "ta_needed_n")
    named = forms[forms["ta_form_code"] != ""]
    first = select_extreme(named, "needs_n")
    leaders = first if len(first) > 1 else pd.concat([first, select_next(named, "needs_n", first)])
    if top.empty or len(leaders) < 2:
        return _(
            "Some figures of technical assistance needs are suppressed in the present document (too few responding States "
            "parties): the articles and forms most often cited are not named."
        )
    row = top.iloc[0]
    fields = dict(
        articles=name_articles(top),
        parties=count_states_parties(row["ta_needed_n"]),
        share=format_pct(row["ta_needed_pct"]),
        forms=join_words([describe_form(r) for _i, r in leaders.head(MAX_NAMED).iterrows()]),
    )
    if len(top) == 1:
        text = _(
            "Technical assistance was most often required in respect of {articles}, by {parties} ({share} of respondents).",
            **fields,
        )
    else:
        text = _(
            "Technical assistance was most often required in respect of {articles}, by {parties} each ({share} of respondents).",
            **fields,
        )
    more = len(leaders) - MAX_NAMED
    if more > 0:
        return (
            text
            + " "
            + ngettext(
                "The forms of assistance most frequently requested were {forms}, and {count} other form as often.",
                "The forms of assistance most frequently requested were {forms}, and {count} other forms as often.",
                more,
                count=format_count(more),
                **fields,
            )
        )
    return text + " " + _("The forms of assistance most frequently requested were {forms}.", **fields)


def write_provided_paragraph(needs: pd.DataFrame, providers: pd.DataFrame) -> str:
    """Return the paragraph on technical assistance already provided and needs not yet met."""
    total, given, unmet = (needs[c].sum() if needs[c].notna().all() else pd.NA for c in ("ta_needed_n", "ta_provided_n", "unmet_n"))
    if any(pd.isna(v) for v in (total, given, unmet)):  # a public version: any one of the three gives the others away
        text: str = _(
            "According to the respondents, some of the needs for technical assistance they reported were already being addressed."
        )
    else:
        text = _(
            "Of the {total} needs for technical assistance reported (State party by article), {given} were already being "
            "addressed, according to the respondents, while {unmet} were not yet met.",
            total=format_count(total),
            given=count_or_none(given),
            unmet=count_or_none(unmet),
        )
    if len(providers):
        names = [escape(spell_out(p)) for p in providers["provider"].head(3)]  # UN style: an acronym spelled out at first use
        text += " " + ngettext(
            "The provider most often cited was {providers}.",
            "The providers most often cited were {providers}.",
            len(names),
            providers=join_words(names),
        )
    return text


def write_change_paragraph(change: pd.DataFrame, previous: pd.Series | None) -> str:
    """Return the paragraph on the change since the previous meeting."""
    if previous is None:
        return _("This is the first meeting in the data: no earlier figures are available for comparison.")
    head = change.set_index("indicator")
    d_resp = head.loc["Responding States parties", "change"]
    if pd.isna(d_resp):
        return _("The change since the previous meeting is suppressed in the present document (too few responding States parties).")
    d_resp = int(d_resp)
    rates = change[change["indicator"].str.endswith("needing assistance (%)")]
    rises = select_extreme(rates.assign(provision=rates["indicator"].str.extract(r"Art\. ([^:]+):", expand=False)), "change")
    fields = dict(
        meeting=escape(describe_meeting(previous)),
        count=format_count(abs(d_resp)),
        before=format_pct(head.loc["Response rate (%)", "previous"]),
        after=format_pct(head.loc["Response rate (%)", "current"]),
    )
    if d_resp > 0:
        text: str = _(
            "Compared with the meeting {meeting}, the number of responding States parties increased by {count}, and the "
            "response rate moved from {before} to {after}.",
            **fields,
        )
    elif d_resp < 0:
        text = _(
            "Compared with the meeting {meeting}, the number of responding States parties decreased by {count}, and the "
            "response rate moved from {before} to {after}.",
            **fields,
        )
    else:
        text = _(
            "Compared with the meeting {meeting}, the number of responding States parties did not change, and the response "
            "rate moved from {before} to {after}.",
            **fields,
        )
    if len(rises) and rises["change"].iloc[0] > 0:
        text += " " + ngettext(
            "The largest increase in the share of respondents requiring assistance concerned {articles} ({points}).",
            "The largest increase in the share of respondents requiring assistance concerned {articles} ({points} each).",
            len(rises),
            articles=name_articles(rises, with_titles=False),
            points=format_points(rises["change"].iloc[0]),
        )
    return text


def write_region_paragraph(group_name: str, response: pd.DataFrame, comparison: pd.DataFrame, priorities: pd.DataFrame) -> str:
    """Return the opening paragraph of a regional needs analysis."""
    row = response[response["group_name"] == group_name]
    group = escape(group_name)
    if row.empty or (pd.notna(row.iloc[0]["responding_parties_n"]) and row.iloc[0]["responding_parties_n"] == 0):
        return _("No State party of the {group} had submitted a self-assessment by the cut-off date.", group=group)
    r = row.iloc[0]
    if pd.isna(r["responding_parties_n"]):
        return _(
            "The number of States parties of the {group} that had submitted a self-assessment by the cut-off date, and the "
            "group's figures drawn from it, are suppressed in the present document (fewer than {minimum} States, or a "
            "figure from which such a number could be worked out).",
            group=group,
            minimum=format_count(MIN_STATES),
        )
    n = int(r["responding_parties_n"])
    if comparison.empty or priorities.empty or comparison["ta_needed_gap_pp"].isna().all():
        return capitalise(
            ngettext(
                "{parties} of the {group} had submitted a self-assessment by the cut-off date; the group's figures are "
                "suppressed in the present document (too few responding States parties).",
                "{parties} of the {group} had submitted a self-assessment by the cut-off date; the group's figures are "
                "suppressed in the present document (too few responding States parties).",
                n,
                parties=count_states_parties(n),
                group=group,
            )
        )
    first = priorities.iloc[0]
    if pd.isna(first["rank"]):
        priority = _("Some counts of needs not yet met are suppressed in the present document, so the articles are not ranked.")
    elif first["unmet_n"] > 0:
        priority = ngettext(
            "The first priority, by the ranking rule stated below, is article {article} ({title}), with {count} need not yet met.",
            "The first priority, by the ranking rule stated below, is article {article} ({title}), with {count} needs not yet met.",
            int(first["unmet_n"]),
            article=escape(first["provision"]),
            title=escape(first["title"].lower()),
            count=format_count(first["unmet_n"]),
        )
    else:
        priority = _("Every need for technical assistance the group reported is already being addressed.")
    opening = ngettext(
        "{parties} of the {group} (equal to {share} of the {total} States parties of the group) had submitted a "
        "self-assessment by the cut-off date.",
        "{parties} of the {group} (equal to {share} of the {total} States parties of the group) had submitted a "
        "self-assessment by the cut-off date.",
        n,
        parties=count_states_parties(n),
        group=group,
        share=format_share(n, r["parties_n"]),
        total=format_count(r["parties_n"]),
    )
    return capitalise(" ".join(part for part in (opening, describe_gap(comparison), priority) if part))


def select_largest_gap(comparison: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """Return the articles where the region's need is furthest above the global share (ties together) and how to say
    it: 'above' when that gap is positive, 'equal' at zero, 'closest' when the region is below everywhere."""
    rows = select_extreme(comparison, "ta_needed_gap_pp")
    if rows.empty:
        return rows, ""
    gap = rows["ta_needed_gap_pp"].iloc[0]
    return rows, "above" if gap > 0 else "equal" if gap == 0 else "closest"


def describe_gap(comparison: pd.DataFrame) -> str:
    """Return the sentence on where the region's need for TA stands furthest above (or closest to) the global level."""
    rows, kind = select_largest_gap(comparison)
    if rows.empty:
        return ""
    r = rows.iloc[0]
    fields = dict(
        articles=name_articles(rows),
        region=format_pct(r["region_ta_needed_pct"]),
        world=format_pct(r["global_ta_needed_pct"]),
        points=format_points(r["ta_needed_gap_pp"]),
    )
    if kind == "above":
        return _(
            "The need for technical assistance exceeded the global level most markedly for {articles}, at {region} of the "
            "group's respondents against {world} globally ({points}).",
            **fields,
        )
    if kind == "equal":
        return _(
            "The need for technical assistance was nowhere above the global level; it equalled it for {articles}, at "
            "{region} of the group's respondents against {world} globally ({points}).",
            **fields,
        )
    return _(
        "The need for technical assistance was below the global level for every article; it came closest for {articles}, "
        "at {region} of the group's respondents against {world} globally ({points}).",
        **fields,
    )


def write_reconciliation_paragraph(recon: pd.DataFrame, meeting: pd.Series) -> str:
    """Return the annex's account of the raw rows as they stood at the meeting's cut-off date."""
    t = recon[recon["source_file"] == "all files"].iloc[0]
    fields = dict(
        cutoff=escape(describe_cutoff(meeting)),
        read=format_count(t["rows_read_n"]),
        files=ngettext("{count} file", "{count} files", len(recon) - 1, count=format_count(len(recon) - 1)),
        used=format_count(t["rows_used_n"]),
        superseded=format_count(t["rows_superseded_n"]),
        not_used=format_count(t["rows_not_used_n"]),
        rejected=format_count(t["rows_rejected_n"]),
    )
    if t["is_reconciled"]:
        return _(
            "Every raw row ends in one place. As they stood at the cut-off date, {cutoff}, the {read} rows read from {files} "
            "were: {used} used (for the self-assessment exports, the latest submission of each State by that date; for the "
            "other files, the rows accepted), {superseded} superseded by a later submission or assessment, {not_used} not "
            "used for this meeting (submitted after its cut-off date, or for another checklist) and {rejected} rejected "
            "with their reason: every row is accounted for.",
            **fields,
        )
    return _(
        "Every raw row ends in one place. As they stood at the cut-off date, {cutoff}, the {read} rows read from {files} "
        "were: {used} used (for the self-assessment exports, the latest submission of each State by that date; for the "
        "other files, the rows accepted), {superseded} superseded by a later submission or assessment, {not_used} not "
        "used for this meeting (submitted after its cut-off date, or for another checklist) and {rejected} rejected with "
        "their reason: THE COUNTS DO NOT RECONCILE.",
        **fields,
    )


def write_issued_note(day) -> str:
    """Return the note of a public document whose figures are kept as an earlier version issued them."""
    return _(
        "The figures of the present document are those of its version issued on {date}: self-assessment reports received "
        "or corrected since are not reflected in them.",
        date=format_date(day),
    )


def write_rejected_submissions_sentence(rejected: pd.DataFrame, lists_them: bool = True) -> str:
    """Return the annex's sentence on submissions none of whose rows could be used. The document names no State for
    them (the provenance page lists them for the Secretariat); a public version gives no number either (lists_them
    False): it would count States the tables do not."""
    if rejected.empty:
        return _("No submission was rejected entirely: every responding State has at least one row used.")
    if not lists_them:
        return _(
            "Some submissions were rejected entirely (none of their rows could be used); the States concerned count as not "
            "responding unless another submission of theirs was used."
        )
    return capitalise(
        ngettext(
            "{count} submission was rejected entirely (none of its rows could be used), so the State concerned counts as "
            "not responding unless another submission of it was used.",
            "{count} submissions were rejected entirely (none of their rows could be used), so the States concerned count "
            "as not responding unless another submission of theirs was used.",
            len(rejected),
            count=format_count(len(rejected)),
        )
    )


def describe_rejected_submissions(rejected: pd.DataFrame) -> str:
    """Return, for the provenance page, the submissions rejected entirely: each State as written, its date and reasons."""
    if rejected.empty:
        return ""
    listed = "; ".join(f"{r.state_text} ({r.submitted_on_text}): {r.reasons}" for r in rejected.itertuples())
    return _("Submissions rejected entirely (none of their rows used): {listed}.", listed=listed)


def write_groups_paragraph(by_group: pd.DataFrame) -> str:
    """Return the paragraph on needs by regional group: the highest share of a group's respondents needing technical
    assistance on one article, singled out only where it rests on at least MIN_BASE respondents (ties named together)."""
    top = select_extreme(by_group.dropna(subset=["ta_needed_pct"]), "ta_needed_pct", base_col="responding_parties_n")
    if top.empty:
        return _(
            "Technical assistance needs are set out by article and regional group below; no group's share rests on enough "
            "respondents to single out the highest."
        )
    places = join_words(
        [_("{article} among the {group}", article=describe_article(r.provision), group=escape(r.group_name)) for r in top.itertuples()]
    )
    row = top.iloc[0]
    fields = dict(minimum=format_count(MIN_BASE), share=format_pct(row["ta_needed_pct"]), places=places)
    if len(top) == 1:
        return _(
            "Needs differ between regional groups. Among groups with at least {minimum} respondents, the highest share of "
            "respondents needing technical assistance on one article was {share} of the group's {base} respondents, for "
            "{places}. Full compliance is set out in the same way for comparison.",
            base=format_count(int(row["responding_parties_n"])),
            **fields,
        )
    return _(
        "Needs differ between regional groups. Among groups with at least {minimum} respondents, the highest share of "
        "respondents needing technical assistance on one article was {share} each, for {places}. Full compliance is set "
        "out in the same way for comparison.",
        **fields,
    )


def describe_article(provision) -> str:
    """Return 'article 53' (a checklist's provision may be '53' or '53.1': 'article 53, paragraph 1')."""
    article, _sep, paragraph = str(provision).partition(".")
    if paragraph:
        return _("article {article}, paragraph {paragraph}", article=article, paragraph=paragraph)
    return _("article {article}", article=article)


def write_region_forms_paragraph(forms: pd.DataFrame) -> str:
    """Return the paragraph on the forms of technical assistance the region requested most (ties named together)."""
    named = forms[forms["ta_form_code"] != ""]
    first = select_extreme(named, "needs_n")
    if first.empty:
        return _("The forms of technical assistance the region requested are not named in the present document.")
    leaders = first if len(first) > 1 else pd.concat([first, select_next(named, "needs_n", first)])
    shown = [describe_form(r) for _i, r in leaders.head(MAX_NAMED).iterrows()]
    more = len(leaders) - MAX_NAMED
    if more > 0:
        return ngettext(
            "The forms of assistance most frequently requested in the region were {forms}, and {count} other form as often.",
            "The forms of assistance most frequently requested in the region were {forms}, and {count} other forms as often.",
            more,
            forms=join_words(shown),
            count=format_count(more),
        )
    return ngettext(
        "The form of assistance most frequently requested in the region was {forms}.",
        "The forms of assistance most frequently requested in the region were {forms}.",
        len(shown),
        forms=join_words(shown),
    )


def write_glossary_sentence() -> str:
    """Return the sentence introducing the glossary."""
    return _("The terms below are used in the present document in the meanings given here.")


def write_members_sentence(group_name: str, states: pd.DataFrame) -> str:
    """Return the sentence introducing the list of the group's States parties and their response."""
    return capitalise(
        ngettext(
            "{parties} of the {group} at the cut-off date is listed below, of which {responded} responded.",
            "{parties} of the {group} at the cut-off date are listed below, of which {responded} responded.",
            len(states),
            parties=count_states_parties(len(states)),
            group=escape(group_name),
            responded=count_or_none(int(states["has_responded"].sum())),
        )
    )


def write_matrix_paragraph(overall: pd.DataFrame, scope: str, activities_n: int) -> str:
    """Return the opening paragraph of the needs-supply matrix: how many needs no activity meets, and duplications."""
    t = overall.iloc[0]
    if not t["need_items_n"]:
        return _("No responding State party {scope} reported a need for technical assistance by the cut-off date.", scope=escape(scope))
    return capitalise(
        ngettext(
            "{needs} for technical assistance (State party, article and form) was reported by the responding States parties "
            "{scope}. Set against the {activities} of the providers that were ongoing or planned at the cut-off date, "
            "{unsupplied} ({share}) were met by no activity, {one} by one provider and {several} by several providers at "
            "once, where delivery should be coordinated to avoid duplication.",
            "{needs} for technical assistance (State party, article and form) were reported by the responding States "
            "parties {scope}. Set against the {activities} of the providers that were ongoing or planned at the cut-off "
            "date, {unsupplied} ({share}) were met by no activity, {one} by one provider and {several} by several providers "
            "at once, where delivery should be coordinated to avoid duplication.",
            int(t["need_items_n"]),
            needs=count_needs(t["need_items_n"]),
            scope=escape(scope),
            activities=ngettext("{count} activity", "{count} activities", activities_n, count=format_count(activities_n)),
            unsupplied=count_or_none(t["unsupplied_n"]),
            share=format_share(t["unsupplied_n"], t["need_items_n"]),
            one=count_or_none(t["one_provider_n"]),
            several=count_or_none(t["several_providers_n"]),
        )
    )


def write_brief_paragraph(summary: dict, meeting: pd.Series, repeated_on=None) -> str:
    """Return a country brief's opening paragraph: status, submission, compliance, needs and whether they are met, as
    the State reports them; repeated_on: the date of its submission when an earlier meeting already had it."""
    name = escape(summary["state_name"])
    deposit = summary["deposit_date"]
    deposit = format_date(deposit) if len(deposit) == 10 else deposit  # a partial date (2013, 2013-09) stays as compiled
    fields = dict(
        state=name,
        group=escape(summary["group_name"]),
        date=escape(format_date(summary["submitted_on"])),
        deposit=escape(deposit),
        instrument=escape(name_instrument(summary["instrument"])),
    )
    if summary["is_party"] and len(summary["deposit_date"]) != 10:  # a year or a month: 'since 2013', never 'since the 2013'
        opening = pgettext(
            "since a year or a month",
            "{state}, a State party since {deposit} ({instrument}), of the {group}, submitted its self-assessment on {date}",
            **fields,
        )
    elif summary["is_party"]:
        opening = _(
            "{state}, a State party since {deposit} ({instrument}), of the {group}, submitted its self-assessment on {date}", **fields
        )
    else:
        opening = _(
            "{state}, not a party to the Convention at the cut-off date (its reply is kept apart from the parties' figures), "
            "of the {group}, submitted its self-assessment on {date}",
            **fields,
        )
    if summary["submissions_n"] > 1:
        opening = _(
            "{opening} (its latest of {count} submissions by the cut-off date, {cutoff})",
            opening=opening,
            count=format_count(summary["submissions_n"]),
            cutoff=escape(format_date(meeting["cutoff_date"])),
        )
    counts = dict(
        provisions=format_count(summary["provisions_n"]),
        full=count_or_none(summary["full_n"]),
        partial=count_or_none(summary["partial_n"]),
        none=count_or_none(summary["none_n"]),
        blank=format_count(summary["no_answer_n"]),
    )
    if summary["no_answer_n"]:
        compliance = _(
            "Of the {provisions} articles covered, it reported full compliance with {full}, partial compliance with {partial} "
            "and non-compliance with {none}, and did not answer for {blank}.",
            **counts,
        )
    else:
        compliance = _(
            "Of the {provisions} articles covered, it reported full compliance with {full}, partial compliance with {partial} "
            "and non-compliance with {none}.",
            **counts,
        )
    text = f"{opening}. {compliance} "
    if not summary["ta_needed_n"]:
        return text + _("It reported no need for technical assistance.") + write_repeated_sentence(summary["state_name"], repeated_on)
    needed, given, unmet = int(summary["ta_needed_n"]), int(summary["ta_provided_n"]), int(summary["unmet_n"])
    fields = dict(articles=count_articles(needed), given=format_count(given), unmet=format_count(unmet))
    if unmet == 0:
        account = ngettext(
            "It requires technical assistance for {articles}; by its own account, assistance is already being received for it.",
            "It requires technical assistance for {articles}; by its own account, assistance is already being received for all of them.",
            needed,
            **fields,
        )
    elif given == 0:
        account = ngettext(
            "It requires technical assistance for {articles}; by its own account, this need is not yet being met.",
            "It requires technical assistance for {articles}; by its own account, none of these needs is being met yet.",
            needed,
            **fields,
        )
    else:
        account = ngettext(
            "It requires technical assistance for {articles}; by its own account, assistance is already being received for "
            "{given} of them, and {unmet} is not yet met.",
            "It requires technical assistance for {articles}; by its own account, assistance is already being received for "
            "{given} of them, and {unmet} are not yet met.",
            unmet,
            **fields,
        )
    return text + account + write_repeated_sentence(summary["state_name"], repeated_on)


def name_instrument(instrument: str) -> str:
    """Return the kind of instrument a State deposited, in the current language ('ratification', French 'ratification',
    Spanish 'ratificación'); a description the reference data add stays as written."""
    kinds = {
        "ratification": pgettext("the instrument a State deposited", "ratification"),
        "accession": pgettext("the instrument a State deposited", "accession"),
        "acceptance": pgettext("the instrument a State deposited", "acceptance"),
        "approval": pgettext("the instrument a State deposited", "approval"),
        "succession": pgettext("the instrument a State deposited", "succession"),
    }
    word, _sep, rest = str(instrument).partition(" ")
    return kinds[word] + (f" {rest}" if rest else "") if word in kinds else str(instrument)


def write_repeated_sentence(state_name: str, repeated_on) -> str:
    """Return the sentence a brief adds when the State has submitted nothing new since an earlier meeting ('' if it has)."""
    if repeated_on is None or pd.isna(repeated_on):
        return ""
    return " " + _(
        "{state} has submitted no new self-assessment since the previous meeting: this brief repeats its report of {date}.",
        state=escape(state_name),
        date=escape(format_date(repeated_on)),
    )


def write_priorities_sentence(priorities: list[str]) -> str:
    """Return the brief's one line of priorities: the articles for which the State needs assistance and receives none
    (lib.analysis.brief.list_priorities)."""
    if not priorities:
        return _("Priorities (the articles for which the State needs technical assistance and reports receiving none): none.")
    return ngettext(
        "Priorities (the articles for which the State needs technical assistance and reports receiving none): article {articles}.",
        "Priorities (the articles for which the State needs technical assistance and reports receiving none): articles {articles}.",
        len(priorities),
        articles=escape(join_words(priorities)),
    )


def write_uncovered_sentence(uncovered: pd.DataFrame, state_name: str, shown: int) -> str:
    """Return the sentence introducing the articles with needs that no known activity covers (what a donor could take
    up); shown: how many of them the brief's first pages list (the annex has them all)."""
    state = escape(state_name)
    if uncovered.empty:
        return _(
            "Every need {state} reported is covered by at least one ongoing or planned activity known to the Secretariat.",
            state=state,
        )
    n = len(uncovered)
    fields = dict(articles=count_articles(n), state=state, shown=format_count(shown))
    if shown < n:
        return _(
            "For {articles}, {state} reported needs that no ongoing or planned activity known to the Secretariat covers; the "
            "forms of assistance concerned are listed by article for the first {shown} of them below, and for all of them "
            "in annex I.",
            **fields,
        )
    return _(
        "For {articles}, {state} reported needs that no ongoing or planned activity known to the Secretariat covers; the "
        "forms of assistance concerned are listed by article below.",
        **fields,
    )


def write_experts_sentence(counted: pd.DataFrame, listed: bool = True) -> str:
    """Return the sentence introducing the experts a brief proposes: for how many of the needs no known activity covers
    the directory holds a suitable candidate (one who speaks a language of the State); listed: whether the brief lists
    them (a public version names no expert: the Secretariat puts them in touch)."""
    if counted.empty:
        return _("No need of the State is left without a known activity, so no expert is proposed.")
    with_one = int((counted["candidates_n"] > 0).sum())
    fields = dict(needs=count_needs(len(counted)), count=format_count(with_one))
    if not with_one:
        return _("The directory of experts holds no suitable candidate for any of the {needs} that no known activity covers.", **fields)
    if listed:
        return capitalise(
            _(
                "The directory of experts holds suitable candidates for {count} of the {needs} that no known activity "
                "covers; they are proposed below, best ranked first.",
                **fields,
            )
        )
    return capitalise(
        _(
            "The directory of experts holds suitable candidates for {count} of the {needs} that no known activity covers; "
            "the Secretariat can put the State in touch with them.",
            **fields,
        )
    )


def write_cut_note(shown: int, total: int, kind: str) -> str:
    """Return the note under a list a brief cuts: how many rows it shows, and where the others are; kind: 'articles'
    (annex I lists them all) or 'proposals' (of experts: the Secretariat holds the others)."""
    fields = dict(shown=format_count(shown), total=format_count(total))
    if kind == "articles":
        return _("The first {shown} of {total} articles are shown; annex I lists them all.", **fields)
    if kind == "proposals":
        return _("The first {shown} of {total} proposals are shown; the Secretariat holds the others.", **fields)
    raise ValueError(f"write_cut_note knows the kinds 'articles' and 'proposals', not {kind!r}.")


def write_context_sentence(context: pd.DataFrame, state_name: str, group_name: str) -> str:
    """Return the sentence introducing the regional comparison: on how many of the articles for which the State needs
    assistance most of its group's respondents need it too (figures suppressed in a public version are left aside)."""
    known = context.dropna(subset=["group_ta_needed_pct"])
    needs = known[known["ta_needed"] == "yes"]
    shared = int((needs["group_ta_needed_pct"] > 50).sum())
    fields = dict(state=escape(state_name), group=escape(group_name))
    if len(known) < len(context) or needs.empty:
        return _(
            "The answers of {state} are set beside the shares of the responding States parties of the {group}, article by article.",
            **fields,
        )
    return _(
        "Of the {articles} for which {state} needs technical assistance, more than half of the responding States parties of "
        "the {group} need it too for {shared}.",
        articles=count_articles(len(needs)),
        shared=count_or_none(shared),
        **fields,
    )


def count_or_none(n: int) -> str:
    """Return a count in words where a bare zero reads 'none' ('compliance with none')."""
    return pgettext("a count of nought", "none") if int(n) == 0 else format_count(n)


def write_change_sentence(changes: pd.DataFrame, previous_date, state_name: str) -> str:
    """Return the sentence on what changed since the State's previous submission."""
    if previous_date is None:
        return _(
            "This is the first self-assessment of {state} for this checklist: there is no earlier submission to compare with.",
            state=escape(state_name),
        )
    date = escape(format_date(previous_date))
    if changes.empty:
        return _("The answers are unchanged since the previous submission of {date}.", date=date)
    return _(
        "Since the previous submission of {date}, the answers changed for {articles}:", date=date, articles=count_articles(len(changes))
    )


def write_pool_paragraph(experts_summary: str, experts_n: int, directory_n: int, cutoff: str | pd.Timestamp) -> str:
    """Return the opening paragraph of the expert pool report: the experts recommended by the cut-off, of the directory's."""
    if not directory_n:
        return _("The directory of experts is empty: no CV has been accepted.")
    fields = dict(
        directory=ngettext("{count} expert", "{count} experts", directory_n, count=format_count(directory_n)),
        count=format_count(experts_n),
        date=escape(format_date(cutoff)),
        summary=escape(experts_summary),
    )
    if not experts_n:
        counted: str = _(
            "None of them had been recommended by the cut-off date, {date}, so the figures below count no expert.",
            **fields,
        )
    else:
        counted = capitalise(
            ngettext(
                "{count} of them had been recommended by the cut-off date, {date}; the figures below count only this one (an "
                "expert recommended twice counts from the first recommendation).",
                "{count} of them had been recommended by the cut-off date, {date}; the figures below count only these (an "
                "expert recommended twice counts from the first recommendation).",
                experts_n,
                **fields,
            )
        )
    opening = _(
        "The directory holds {directory} recommended by States, after duplicate recommendations of the same person were "
        "merged and invalid CVs set aside.",
        **fields,
    )
    return f"{opening} {counted} {escape(experts_summary)}."


def write_balance_sentence(balance: pd.DataFrame) -> str:
    """Return the sentence on geographical balance: which groups fall furthest short of their share."""
    short = balance[balance["shortfall_n"] > 0]
    if short.empty:
        return _("Every regional group has at least its proportional share of the pool.")
    parts = [
        _(
            "the {group} ({count} short: {experts} of the experts against {parties} of the States parties)",
            group=escape(r.group_name),
            count=format_count(r.shortfall_n),
            experts=format_pct(r.experts_pct),
            parties=format_pct(r.parties_pct),
        )
        for r in short.head(3).itertuples()
    ]
    return _(
        "The pool is not balanced geographically; the groups furthest below their share are {groups}.",
        groups=pgettext("separator of list items that hold commas", "; ").join(parts),
    )


def write_short_sentence(short: pd.DataFrame) -> str:
    """Return the sentence on needs that no known activity covers and few experts could take up (fewer than
    matching.MIN_CANDIDATES suitable ones)."""
    total, few = int(short["unmet_n"].sum()), int(short["short_n"].sum())
    if not total:
        return _("Every need is covered by at least one activity known to the Secretariat.")
    if not few:
        return _(
            "Each of the {needs} not covered by any known activity has at least {minimum} suitable experts in the directory.",
            needs=count_needs(total),
            minimum=format_count(MIN_CANDIDATES),
        )
    text = ngettext(
        "Of the {needs} not covered by any known activity, {count} ({share}) has fewer than {minimum} suitable experts in the directory",
        "Of the {needs} not covered by any known activity, {count} ({share}) have fewer than {minimum} suitable experts in the directory",
        few,
        needs=count_needs(total),
        count=format_count(few),
        share=format_share(few, total),
        minimum=format_count(MIN_CANDIDATES),
    )
    worst = short[short["short_n"] > 0].head(1)
    if not worst.empty:
        return _("{sentence}; the most affected article is article {article}.", sentence=text, article=escape(worst.iloc[0]["provision"]))
    return text + "."


def write_coordination_paragraph(events: pd.DataFrame, period: str) -> str:
    """Return the opening paragraph of a coordination report: what the combined calendar holds."""
    if events.empty:
        return _("The combined calendar holds no event in {period}.", period=escape(period))
    counts = events.groupby("event_type").size()
    n = lambda kind: int(counts.get(kind, 0))  # noqa: E731
    parts = [
        ngettext("{count} plenary", "{count} plenaries", n("plenary"), count=format_count(n("plenary"))),
        ngettext("{count} on-site visit", "{count} on-site visits", n("on-site visit"), count=format_count(n("on-site visit"))),
        ngettext("{count} report adoption", "{count} report adoptions", n("report adoption"), count=format_count(n("report adoption"))),
        ngettext(
            "{count} follow-up deadline",
            "{count} follow-up deadlines",
            n("follow-up deadline"),
            count=format_count(n("follow-up deadline")),
        ),
    ]
    mechanisms = events["mechanism_id"].nunique()
    return _(
        "In {period} the combined calendar of the mechanisms holds {events} of {mechanisms}: {parts}.",
        period=escape(period),
        events=ngettext("{count} event", "{count} events", len(events), count=format_count(len(events))),
        mechanisms=ngettext("{count} mechanism", "{count} mechanisms", mechanisms, count=format_count(mechanisms)),
        parts=pgettext("list separator", ", ").join(parts),
    )


def write_overlap_sentence(by_group: pd.DataFrame, day) -> str:
    """Return the sentence on membership overlap: how many States several mechanisms review, and where the share is highest."""
    bands = ["one_mechanism_n", "two_mechanisms_n", "three_mechanisms_n", "four_or_more_n"]
    table = by_group.assign(states_n=by_group[bands].sum(axis=1), several_n=by_group[bands[1:]].sum(axis=1))
    total = table[table["group_name"] == TOTAL_LABEL].iloc[0]
    states, several = int(total["states_n"]), int(total["several_n"])
    when = escape(format_date(day))
    if not states:
        return _("On {date}, no State was under review by a mechanism with a list of members.", date=when)
    if not several:
        return _(
            "On {date}, none of the {count} States under review was reviewed by more than one mechanism.",
            date=when,
            count=format_count(states),
        )
    groups = table[(table["group_name"] != TOTAL_LABEL) & (table["states_n"] > 0)]
    ratio = groups["several_n"] / groups["states_n"]
    top = groups[ratio == ratio.max()]
    names = [_("the {group}", group=escape(g)) for g in top["group_name"]]
    first = top.iloc[0]
    return ngettext(
        "On {date}, {several} of the {states} States under review ({share}) were reviewed by more than one mechanism; the "
        "share is highest among {where} ({top_share}).",
        "On {date}, {several} of the {states} States under review ({share}) were reviewed by more than one mechanism; the "
        "share is highest among {where} ({top_share} each).",
        len(names),
        date=when,
        several=format_count(several),
        states=format_count(states),
        share=format_share(several, states),
        where=join_words(names),
        top_share=format_share(first["several_n"], first["states_n"]),
    )


def write_clash_paragraph(
    plenaries: pd.DataFrame, visits: pd.DataFrame, movable_n: int, joint: pd.DataFrame, clash_days: int, joint_days: int
) -> str:
    """Return the paragraph on schedule clashes and joint visit candidates, with the windows used: an empty table is said
    to be empty, and only a visit clash that can still be moved (movable_n of them) is called avoidable."""
    n = len(plenaries)
    if not n:
        text: str = _("No two plenaries of different mechanisms overlap.")
    else:
        text = capitalise(
            ngettext(
                "{count} pair of plenaries of different mechanisms overlaps.",
                "{count} pairs of plenaries of different mechanisms overlap.",
                n,
                count=format_count(n),
            )
        )
    return text + " " + write_visit_clash_sentence(len(visits), movable_n, clash_days) + " " + write_joint_sentence(len(joint), joint_days)


def write_visit_clash_sentence(n: int, movable: int, clash_days: int) -> str:
    """Return the sentence on n visit clashes: those already held are past; the movable ones can still be avoided."""
    if not n:
        return _(
            "No pair of on-site visits by two mechanisms to the same State falls within {days} of each other.",
            days=count_days(clash_days),
        )
    fields = dict(count=format_count(n), days=count_days(clash_days), held=format_count(n - movable), movable=format_count(movable))
    if movable == n:
        return capitalise(
            ngettext(
                "{count} pair of on-site visits by two mechanisms to the same State falls within {days} of each other, a "
                "burden on the State's authorities that scheduling can still avoid: a visit of the pair is still planned, "
                "confirmed or postponed.",
                "{count} pairs of on-site visits by two mechanisms to the same State fall within {days} of each other, a "
                "burden on the State's authorities that scheduling can still avoid: a visit of each pair is still planned, "
                "confirmed or postponed.",
                n,
                **fields,
            )
        )
    if not movable:
        return capitalise(
            ngettext(
                "{count} pair of on-site visits by two mechanisms to the same State falls within {days} of each other, a "
                "burden on the State's authorities: both visits have already been held.",
                "{count} pairs of on-site visits by two mechanisms to the same State fall within {days} of each other, a "
                "burden on the State's authorities: both visits of every pair have already been held.",
                n,
                **fields,
            )
        )
    return capitalise(
        _(
            "{count} pairs of on-site visits by two mechanisms to the same State fall within {days} of each other, a "
            "burden on the State's authorities: {held_pairs}, and in {movable_pairs} a visit is still planned, confirmed or "
            "postponed, which scheduling can still move.",
            held_pairs=ngettext("{count} pair was already held", "{count} pairs were already held", n - movable, count=fields["held"]),
            movable_pairs=ngettext("{count} pair", "{count} pairs", movable, count=fields["movable"]),
            **fields,
        )
    )


def write_joint_sentence(n: int, joint_days: int) -> str:
    """Return the sentence on n candidates for a joint on-site visit (both visits still planned, confirmed or postponed)."""
    if not n:
        return _(
            "No pair of visits still planned, confirmed or postponed falls within {days} of each other in the same "
            "State: there is no candidate for a joint on-site visit.",
            days=count_days(joint_days),
        )
    return capitalise(
        ngettext(
            "{count} pair of visits still planned, confirmed or postponed falls within {days} of each other in the same "
            "State: a candidate to explore for a joint on-site visit (the Secretariat's report of 8 March 2017 on synergies "
            "with other review mechanisms, para. 6).",
            "{count} pairs of visits still planned, confirmed or postponed fall within {days} of each other in the same "
            "State: candidates to explore for a joint on-site visit (the Secretariat's report of 8 March 2017 on synergies "
            "with other review mechanisms, para. 6).",
            n,
            count=format_count(n),
            days=count_days(joint_days),
        )
    )


def write_followup_paragraph(scope: str, by_mechanism: pd.DataFrame, as_at) -> str:
    """Return the opening paragraph of a follow-up report: recommendations and their implementation on the common scale."""
    total = by_mechanism[by_mechanism.iloc[:, 0] == TOTAL_LABEL].iloc[0]
    if not total["recommendations_n"]:
        return _("The register holds no recommendation for {scope}.", scope=escape(scope))
    assessed = int(total["implemented_n"] + total["partly_implemented_n"] + total["not_implemented_n"])
    done, partly, waiting = int(total["implemented_n"]), int(total["partly_implemented_n"]), int(total["not_yet_assessed_n"])
    gone = int(total["no_longer_applicable_n"])
    recommendations = int(total["recommendations_n"])
    parts = [
        _(
            "As at {date}, the register holds {recommendations} for {scope}",
            date=escape(format_date(as_at)),
            recommendations=ngettext(
                "{count} recommendation", "{count} recommendations", recommendations, count=format_count(recommendations)
            ),
            scope=escape(scope),
        )
    ]
    if not assessed:
        parts.append(_(", none of which has been assessed as implemented, partly implemented or not implemented"))
    else:
        parts.append(
            ngettext(
                ", of which {count} has been assessed: {done} implemented ({done_share} of those assessed) and {partly} partly "
                "implemented ({partly_share})",
                ", of which {count} have been assessed: {done} implemented ({done_share} of those assessed) and {partly} partly "
                "implemented ({partly_share})",
                assessed,
                count=format_count(assessed),
                done=count_or_none(done),
                done_share=format_share(done, assessed),
                partly=count_or_none(partly),
                partly_share=format_share(partly, assessed),
            )
        )
    if gone:
        parts.append(ngettext("; {count} is no longer applicable", "; {count} are no longer applicable", gone, count=format_count(gone)))
    if waiting:
        parts.append(ngettext("; {count} is not yet assessed", "; {count} are not yet assessed", waiting, count=format_count(waiting)))
    return "".join(parts) + "."


def write_overdue_sentence(overdue: pd.DataFrame, as_at) -> str:
    """Return the sentence on recommendations past their follow-up deadline."""
    date = escape(format_date(as_at))
    if overdue.empty:
        return _("No recommendation is past its follow-up deadline without progress as at {date}.", date=date)
    return capitalise(
        ngettext(
            "{count} recommendation is past the follow-up deadline as at {date} with no progress reported (not implemented, "
            "or not yet assessed); it has been due for {days}.",
            "{count} recommendations are past the follow-up deadline as at {date} with no progress reported (not "
            "implemented, or not yet assessed); the longest has been due for {days}.",
            len(overdue),
            count=format_count(len(overdue)),
            date=date,
            days=count_days(int(overdue["days_overdue"].max())),
        )
    )


def write_measurability_sentence(measurability: pd.DataFrame) -> str:
    """Return the sentence on recommendations that give no criteria for assessing progress."""
    total, blank = int(measurability["recommendations_n"].sum()), int(measurability["without_criteria_n"].sum())
    if not total:
        return _("There is no recommendation to assess for measurability.")
    if not blank:
        return ngettext(
            "The recommendation gives criteria for assessing progress, as the secretariats of the review mechanisms agreed "
            "(the Secretariat's report of 8 March 2017 on synergies with other review mechanisms, para. 6).",
            "Each of the {count} recommendations gives criteria for assessing progress, as the secretariats of the review "
            "mechanisms agreed (the Secretariat's report of 8 March 2017 on synergies with other review mechanisms, para. 6).",
            total,
            count=format_count(total),
        )
    return capitalise(
        ngettext(
            "{count} of the {recommendations} ({share}) gives no criteria for assessing progress; the secretariats of the "
            "review mechanisms agreed to use measurable recommendations that provide such criteria (the Secretariat's "
            "report of 8 March 2017 on synergies with other review mechanisms, para. 6).",
            "{count} of the {recommendations} ({share}) give no criteria for assessing progress; the secretariats of the "
            "review mechanisms agreed to use measurable recommendations that provide such criteria (the Secretariat's "
            "report of 8 March 2017 on synergies with other review mechanisms, para. 6).",
            blank,
            count=format_count(blank),
            recommendations=ngettext("{count} recommendation", "{count} recommendations", total, count=format_count(total)),
            share=format_share(blank, total),
        )
    )


def write_wg_paragraph(register: pd.DataFrame, meeting: pd.Series) -> str:
    """Return the paragraph opening the Working Group's register in a background paper: what was known at its cut-off."""
    if register.empty:
        return _(
            "No recommendation of the Working Group in its register had been adopted before the meeting {meeting}.",
            meeting=escape(describe_meeting(meeting)),
        )
    counts = register["common_status"].value_counts()
    n = lambda status: int(counts.get(status, 0))  # noqa: E731
    statuses = [
        text
        for k, text in (
            (
                "implemented",
                ngettext("{count} as implemented", "{count} as implemented", n("implemented"), count=format_count(n("implemented"))),
            ),
            (
                "partly implemented",
                ngettext(
                    "{count} as partly implemented or under way",
                    "{count} as partly implemented or under way",
                    n("partly implemented"),
                    count=format_count(n("partly implemented")),
                ),
            ),
            (
                "not implemented",
                ngettext(
                    "{count} as not implemented",
                    "{count} as not implemented",
                    n("not implemented"),
                    count=format_count(n("not implemented")),
                ),
            ),
            (
                "no longer applicable",
                ngettext(
                    "{count} as no longer applicable",
                    "{count} as no longer applicable",
                    n("no longer applicable"),
                    count=format_count(n("no longer applicable")),
                ),
            ),
            (
                "not yet assessed",
                ngettext(
                    "{count} as not yet assessed",
                    "{count} as not yet assessed",
                    n("not yet assessed"),
                    count=format_count(n("not yet assessed")),
                ),
            ),
        )
        if n(k)
    ]
    made = ngettext(
        "Before this meeting, the Working Group had made {count} recommendation, set out below.",
        "Before this meeting, the Working Group had made {count} recommendations, set out below.",
        len(register),
        count=format_count(len(register)),
    )
    cutoff = escape(describe_cutoff(meeting))
    if set(counts.index) <= {"not yet assessed"}:
        reported = ngettext(
            "By the cut-off date, {cutoff}, no action taken on it had been reported.",
            "By the cut-off date, {cutoff}, no action taken on any of them had been reported.",
            len(register),
            cutoff=cutoff,
        )
        return f"{made} {reported}"
    return f"{made} " + _("At the cut-off date, {cutoff}, the register records {statuses}.", cutoff=cutoff, statuses=join_words(statuses))


def title_priority_chart() -> str:
    """Return the title of the regional analysis's priority chart (needs.select_chart_priorities: the first articles
    and any tied with the last of them; no number in it, which a public version's audit would take for a count)."""
    return _("Articles with the most needs not yet met, as reported (articles tied at the cut shown together)")


def write_priority_rule() -> str:
    """Return the ranking rule of a regional analysis's priority needs, as needs.rank_priority_needs applies it."""
    return _(
        "Ranking rule. Articles are ranked by the number of the region's responding States parties that need technical "
        "assistance for the article and do not report receiving it (needs not yet met); ties are broken by the share of "
        "respondents not fully compliant (higher first), then by the order of the checklist."
    )


def write_profile_note(meeting: pd.Series) -> str:
    """Return the brief's note on where its article-by-article table comes from."""
    return _(
        "Compliance and needs are as the State reported them in its self-assessment report received by {date}, and so are "
        "the assistance it receives and the providers it names; coverage and the providers with matching activities come "
        "from the activities of providers of technical assistance ongoing or planned at that date.",
        date=escape(format_date(meeting["cutoff_date"])),
    )


def describe_supply_source(meeting: pd.Series) -> str:
    """Return the source line of a brief's tables that join the State's answers with the supply of assistance."""
    return _("self-assessment report of the State; activities ongoing or planned on {date}.", date=format_date(meeting["cutoff_date"]))


def write_map_paragraph(state_map: pd.DataFrame) -> str:
    """Return the paragraph introducing the world map: how many responding States have a need no activity meets."""
    responded = state_map[state_map["has_responded"].astype(bool)]
    return _(
        "Of the {parties} that responded, {count} reported at least one need not covered by any known activity, ongoing or "
        "planned, at the cut-off date ({needs} such needs in all). The map shows where they are, by the number of those "
        "needs; States too small to see on it are listed with their figures.",
        parties=count_states_parties(len(responded)),
        count=count_or_none(int((responded["unsupplied_n"] > 0).sum())),
        needs=format_count(int(responded["unsupplied_n"].sum())),
    )


def write_rule_text() -> str:
    """Return the note at the head of every public document and on the public index: the suppression rule, its threshold
    from MIN_STATES and its symbol from SUPPRESSED_SYMBOL."""
    return _(
        "The answers to the self-assessment checklist are the States' own information: a figure counting fewer than "
        "{minimum} States parties is suppressed (shown as \u2018{symbol}\u2019 in tables), together with the figures from "
        "which it could be worked out, in the present document or together with an earlier one. Tables listing States or "
        "their own words are not published.",
        minimum=MIN_STATES,
        symbol=SUPPRESSED_SYMBOL,
    )


def write_symbol_note() -> str:
    """Return the note under a table holding a suppressed figure: short, since every such table repeats it."""
    return _(
        "\u2018{symbol}\u2019: {suppressed} (fewer than {minimum} States parties, or a figure that would reveal such a count).",
        symbol=SUPPRESSED_SYMBOL,
        suppressed=_(SUPPRESSED),
        minimum=MIN_STATES,
    )


def write_synthetic_banner(kind: str) -> str:
    """Return the banner of every page built from the synthetic sample; kind: 'self_assessment' or 'review'."""
    if kind == "review":
        return _(
            "SYNTHETIC SAMPLE DATA: the calendars, recommendations and statuses of the review mechanisms in this report are "
            "fictional, generated for testing (the mechanisms, their members and rounds are real, and so is the register of "
            "the Working Group on Technical Assistance, entered from CAC/COSP/2009/9). Do not quote them."
        )
    return _(
        "SYNTHETIC SAMPLE DATA: the answers in this report are fictional, generated for testing (States and their party "
        "status are real). Do not quote them."
    )


# Each function here that writes text returns it as i18n.Text (or a list of them), remade in each language of a report.
make_translatable(globals(), WRITER_PREFIXES)
