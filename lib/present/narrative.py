"""Write report paragraphs from the numbers, in the register of a UN secretariat report (HTML-escaped)."""

from __future__ import annotations

from html import escape

import pandas as pd

from lib.analysis.ranking import MIN_BASE, select_extreme, select_next
from lib.io.codes import TOTAL_LABEL
from lib.io.paths import resolve_today
from lib.model.disclosure import MIN_STATES
from lib.model.shares import format_number

SMALL_NUMBERS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]  # UN style: 0-9 in words


SUPPRESSED_COUNT = "a number (suppressed) of"  # public builds: a count from fewer than MIN_STATES States is not given
SYNERGIES_2017 = (
    "the Secretariat's report of 8 March 2017 on synergies with other review mechanisms, "
    "para. 6"
)  # the measures the secretariats agreed: no clashes, joint visits, measurable recommendations


def format_count(n: int) -> str:
    """Return a count in UN editorial style: words below 10, figures from 10 (thousands with commas)."""
    if pd.isna(n):
        return SUPPRESSED_COUNT
    n = int(n)
    return SMALL_NUMBERS[n] if 0 <= n < 10 else f"{n:,}"


def format_pct(value: float) -> str:
    """Return a percentage as whole 'N per cent', rounding halves up (52.5 -> 53), as UN documents do."""
    if pd.isna(value):
        return "no per cent figure (no respondents, or suppressed)"
    return f"{format_number(value)} per cent"


NUMERAL_OPENING = "A total of"  # UN editorial rule: no sentence opens with a numeral ("A total of 12 submissions ...")


def capitalise(sentence: str) -> str:
    """Return a sentence with its first letter in upper case (a count in words may open it); a sentence that would open
    with a numeral opens with NUMERAL_OPENING instead."""
    if sentence[:1].isdigit():
        return f"{NUMERAL_OPENING} {sentence}"
    return sentence[:1].upper() + sentence[1:]


def format_share(part: int, whole: int) -> str:
    """Return part/whole as whole 'N per cent' from the exact counts (no double rounding through a 1-decimal figure)."""
    if pd.isna(part) or pd.isna(whole) or not whole:
        return format_pct(float("nan"))
    return format_pct(100 * int(part) / int(whole))  # an exact half (21 of 40) is exact in binary too, so it rounds up


def join_words(items: list[str]) -> str:
    """Return items as an English sentence lists them: 'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


MAX_NAMED = 3  # more tied items than this are counted ("nine articles"), not listed


def name_articles(rows: pd.DataFrame, with_titles: bool = True) -> str:
    """Return the articles of some rows as a sentence names them, in UN style: 'article 46 (title)', 'articles 46
    and 16' (one noun for several), or 'nine articles' when more than MAX_NAMED tie (escaped)."""
    if len(rows) > MAX_NAMED:
        return f"{format_count(len(rows))} articles"
    titled = with_titles and len(rows) <= 2 and "title" in rows
    named = [escape(str(r["provision"])) + (f" ({escape(str(r['title']).lower())})" if titled else "") for _, r in rows.iterrows()]
    return f"{'article' if len(named) == 1 else 'articles'} {join_words(named)}"


def name_items(labels: list[str], noun: str) -> str:
    """Return tied items as a chart reading names them: 'A', 'A and B', or 'nine articles' past MAX_NAMED (not escaped)."""
    return join_words(labels) if len(labels) <= MAX_NAMED else f"{format_count(len(labels))} {noun}"


def format_date(value) -> str:
    """Return a date as '3 September 2009'."""
    ts = pd.Timestamp(value)
    return f"{ts.day} {ts.strftime('%B %Y')}"


def format_meeting_dates(start, end) -> str:
    """Return meeting dates as '3 and 4 September 2009' (or 'from ... to ...' across months)."""
    s, e = pd.Timestamp(start), pd.Timestamp(end)
    if s == e:
        return format_date(s)
    if (s.year, s.month) == (e.year, e.month):
        joiner = " and " if (e - s).days == 1 else " to "
        return f"{s.day}{joiner}{e.day} {e.strftime('%B %Y')}"
    return f"{format_date(s)} to {format_date(e)}"


def describe_meeting(meeting: pd.Series) -> str:
    """Return 'held on 3 and 4 September 2009', or 'to be held on ...' for a meeting whose first day is still to come."""
    dates = format_meeting_dates(meeting["start_date"], meeting["end_date"])
    future = pd.Timestamp(meeting["start_date"]).date() > resolve_today()
    return f"{'to be held' if future else 'held'} on {dates}"


def describe_cutoff(meeting: pd.Series) -> str:
    """Return the cut-off date, said to be still to come when it is ('3 September 2009, a date that has not passed yet')."""
    text = format_date(meeting["cutoff_date"])
    if pd.Timestamp(meeting["cutoff_date"]).date() > resolve_today():
        text += f" (a date that has not passed yet: the figures are those received by {format_date(resolve_today())})"
    return text


def plural(n: int, one: str, many: str) -> str:
    """Return the count with the right noun."""
    return f"{format_count(n)} {one if not pd.isna(n) and int(n) == 1 else many}"


def write_response_paragraph(summary: dict, meeting: pd.Series, rule: str) -> str:
    """Return the response-rate paragraph: 'N States parties (equal to P per cent of the M States parties)'."""
    rule_text = (
        "whose instrument of ratification or accession had been deposited by that date"
        if rule == "deposited"
        else "for which the Convention was in force on that date"
    )
    text = (
        f"For the meeting {escape(describe_meeting(meeting))}, "
        f"information on technical assistance requirements was available from "
        f"{plural(summary['responding_parties_n'], 'State party', 'States parties')} (equal to "
        f"{format_share(summary['responding_parties_n'], summary['parties_n'])} of the {format_count(summary['parties_n'])} States parties "
        f"{rule_text}, {escape(describe_cutoff(meeting))})."
    )
    others = summary["non_party_respondents_n"]
    if pd.isna(others) or others:
        text += (
            f" In addition, {plural(others, 'State', 'States')} that {'was' if not pd.isna(others) and others == 1 else 'were'} not "
            f"a party at that date submitted a self-assessment; in all, {plural(summary['respondents_n'], 'State', 'States')} "
            f"replied, of which {format_count(summary['responding_parties_n'])} were parties. Replies from non-parties are "
            f"presented separately and are not included in the figures that follow."
        )
    return text


def write_quoted_note(quoted: dict | None, summary: dict, meeting: pd.Series, is_synthetic: bool) -> str:
    """Return the note saying why the response figures a UN document quotes for the meeting differ from this paper's."""
    if quoted is None:
        return ""
    text = (
        f"The {escape(quoted['source'])}, gives for this meeting {plural(quoted['respondents_n'], 'State party', 'States parties')} "
        f"(equal to {quoted['pct']} per cent of the {format_count(quoted['parties_n'])} States parties)."
    )
    if quoted["parties_at_status_n"] is not None and quoted["parties_at_status_n"] != summary["parties_n"]:
        text += (
            f" That count of States parties is the one at an earlier date, {escape(format_date(quoted['status_date']))} "
            f"({format_count(quoted['parties_at_status_n'])} by the reference data), while this paper counts them at its "
            f"cut-off date, {escape(format_date(meeting['cutoff_date']))} ({format_count(summary['parties_n'])})"
        )
        joined = quoted["joined_n"]
        text += (
            f": {plural(joined, 'State', 'States')} deposited {'its instrument' if joined == 1 else 'their instruments'} in between."
            if joined
            else "."
        )
    exact = format_share(quoted["respondents_n"], quoted["parties_n"])
    if exact != f"{quoted['pct']} per cent":
        text += (
            f" The ratio of the quoted counts, {quoted['respondents_n']} of {quoted['parties_n']}, rounds to {exact} by the "
            f"rule of this paper (halves up, from the counts)."
        )
    if is_synthetic:
        text += " The responding States of this paper come from the synthetic sample, not from the document."
    return text


def write_compliance_paragraph(compliance: pd.DataFrame) -> str:
    """Return the paragraph on the articles with the highest and lowest reported full compliance (ties named together)."""
    top, low = select_extreme(compliance, "full_pct"), select_extreme(compliance, "full_pct", largest=False)
    if top.empty:
        return (
            "Some figures of full compliance are suppressed in the present document (too few responding States parties): the "
            "articles with the highest and lowest shares are not named."
        )
    each = lambda rows: " each" if len(rows) > 1 else ""  # noqa: E731
    if top.index.equals(low.index):
        text = (
            f"Full compliance was reported by {format_pct(top['full_pct'].iloc[0])} of responding States parties for "
            f"{'each of the' if len(top) > 1 else 'the'} {format_count(len(top))} article{'s' if len(top) > 1 else ''} shown."
        )
    else:
        text = (
            f"Full compliance was most frequently reported with {name_articles(top)}, by {format_pct(top['full_pct'].iloc[0])} "
            f"of responding States parties{each(top)}, and least frequently with {name_articles(low)}, by "
            f"{format_pct(low['full_pct'].iloc[0])}{each(low)}."
        )
    if {"full_n", "responding_parties_n"} <= set(compliance) and compliance[["full_n", "responding_parties_n"]].notna().all().all():
        text += (
            f" Across the {format_count(len(compliance))} articles covered by the checklist, "
            f"{format_share(compliance['full_n'].sum(), compliance['responding_parties_n'].sum())} of the answers of "
            f"responding States parties reported full compliance."
        )
    return text


def describe_form(row: pd.Series) -> str:
    """Return one form with its counts: 'legal advice (two requests from one State party)' (escaped); a count a public
    version suppresses is left out of the sentence, never written as a number withheld."""
    label = escape(str(row["label"]).lower())
    if pd.isna(row["needs_n"]):
        return label
    if pd.isna(row["states_n"]):
        return f"{label} ({plural(row['needs_n'], 'request', 'requests')})"
    return f"{label} ({plural(row['needs_n'], 'request', 'requests')} from {plural(row['states_n'], 'State party', 'States parties')})"


def write_needs_paragraph(needs: pd.DataFrame, forms: pd.DataFrame) -> str:
    """Return the paragraph on the articles and forms of technical assistance most often required (ties named together)."""
    top = select_extreme(needs, "ta_needed_n")
    named = forms[forms["ta_form_code"] != ""]
    first = select_extreme(named, "needs_n")
    leaders = first if len(first) > 1 else pd.concat([first, select_next(named, "needs_n", first)])
    if top.empty or len(leaders) < 2:
        return (
            "Some figures of technical assistance needs are suppressed in the present document (too few responding States parties): "
            "the articles and forms most often cited are not named."
        )
    row = top.iloc[0]
    return (
        f"Technical assistance was most often required in respect of {name_articles(top)}, by "
        f"{plural(row['ta_needed_n'], 'State party', 'States parties')}{' each' if len(top) > 1 else ''} "
        f"({format_pct(row['ta_needed_pct'])} of respondents). The forms of assistance most frequently requested were "
        f"{join_words([describe_form(r) for _, r in leaders.head(MAX_NAMED).iterrows()])}"
        + (
            f", and {format_count(len(leaders) - MAX_NAMED)} other form{'s' if len(leaders) - MAX_NAMED > 1 else ''} as often"
            if len(leaders) > MAX_NAMED
            else ""
        )
        + "."
    )


def write_provided_paragraph(needs: pd.DataFrame, providers: pd.DataFrame) -> str:
    """Return the paragraph on technical assistance already provided and needs not yet met."""
    total, given, unmet = (needs[c].sum() if needs[c].notna().all() else pd.NA for c in ("ta_needed_n", "ta_provided_n", "unmet_n"))
    if any(pd.isna(v) for v in (total, given, unmet)):  # a public version: any one of the three gives the others away
        text = "According to the respondents, some of the needs for technical assistance they reported were already being addressed."
    else:
        text = (
            f"Of the {format_count(total)} needs for technical assistance reported (State party by article), "
            f"{format_count(given)} were already being addressed, according to the respondents, while "
            f"{format_count(unmet)} were not yet met."
        )
    if len(providers):
        names = [escape(p) for p in providers["provider"].head(3)]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        text += f" The provider{'s' if len(names) > 1 else ''} most often cited {'were' if len(names) > 1 else 'was'} {listed}."
    return text


def write_change_paragraph(change: pd.DataFrame, previous: pd.Series | None) -> str:
    """Return the paragraph on the change since the previous meeting."""
    if previous is None:
        return "This is the first meeting in the data: no earlier figures are available for comparison."
    head = change.set_index("indicator")
    d_resp = head.loc["Responding States parties", "change"]
    if pd.isna(d_resp):
        return "The change since the previous meeting is suppressed in the present document (too few responding States parties)."
    d_resp = int(d_resp)
    rates = change[change["indicator"].str.endswith("needing assistance (%)")]
    rises = select_extreme(rates.assign(provision=rates["indicator"].str.extract(r"Art\. ([^:]+):", expand=False)), "change")
    verb = "increased" if d_resp > 0 else "decreased" if d_resp < 0 else "did not change"
    text = (
        f"Compared with the meeting {escape(describe_meeting(previous))}, "
        f"the number of responding States parties {verb}"
        + (f" by {format_count(abs(d_resp))}" if d_resp else "")
        + f", and the response rate moved from {format_pct(head.loc['Response rate (%)', 'previous'])} "
        f"to {format_pct(head.loc['Response rate (%)', 'current'])}."
    )
    if len(rises) and rises["change"].iloc[0] > 0:
        text += (
            f" The largest increase in the share of respondents requiring assistance concerned "
            f"{name_articles(rises, with_titles=False)} (+{rises['change'].iloc[0]:.1f} percentage points"
            f"{' each' if len(rises) > 1 else ''})."
        )
    return text


def write_region_paragraph(group_name: str, response: pd.DataFrame, comparison: pd.DataFrame, priorities: pd.DataFrame) -> str:
    """Return the opening paragraph of a regional needs analysis."""
    row = response[response["group_name"] == group_name]
    if row.empty or (pd.notna(row.iloc[0]["responding_parties_n"]) and row.iloc[0]["responding_parties_n"] == 0):
        return f"No State party of the {escape(group_name)} had submitted a self-assessment by the cut-off date."
    r = row.iloc[0]
    if pd.isna(r["responding_parties_n"]):
        return (
            f"The number of States parties of the {escape(group_name)} that had submitted a self-assessment by the cut-off "
            f"date, and the group's figures drawn from it, are suppressed in the present document (fewer than "
            f"{SMALL_NUMBERS[MIN_STATES]} States, or "
            f"a figure from which such a number could be worked out)."
        )
    if comparison.empty or priorities.empty or comparison["ta_needed_gap_pp"].isna().all():
        return capitalise(
            f"{plural(r['responding_parties_n'], 'State party', 'States parties')} of the {escape(group_name)} had "
            f"submitted a self-assessment by the cut-off date; the group's figures are suppressed in the present document "
            f"(too few responding States parties)."
        )
    first = priorities.iloc[0]
    if pd.isna(first["rank"]):
        priority = "Some counts of needs not yet met are suppressed in the present document, so the articles are not ranked."
    elif first["unmet_n"] > 0:
        priority = (
            f"The first priority, by the ranking rule stated below, is article {escape(first['provision'])} "
            f"({escape(first['title'].lower())}), with {plural(first['unmet_n'], 'need', 'needs')} not yet met."
        )
    else:
        priority = "Every need for technical assistance the group reported is already being addressed."
    return capitalise(
        f"{plural(r['responding_parties_n'], 'State party', 'States parties')} of the {escape(group_name)} "
        f"(equal to {format_share(r['responding_parties_n'], r['parties_n'])} "
        f"of the {format_count(r['parties_n'])} States parties of the group) "
        f"had submitted a self-assessment by the cut-off date. " + describe_gap(comparison) + " " + priority
    )


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
    lead = {
        "above": "The need for technical assistance exceeded the global level most markedly for ",
        "equal": "The need for technical assistance was nowhere above the global level; it equalled it for ",
        "closest": "The need for technical assistance was below the global level for every article; it came closest for ",
    }[kind]
    return (
        lead + f"{name_articles(rows)}, at {format_pct(r['region_ta_needed_pct'])} of the group's respondents against "
        f"{format_pct(r['global_ta_needed_pct'])} globally ({r['ta_needed_gap_pp']:+.1f} percentage points)."
    )


def write_reconciliation_paragraph(recon: pd.DataFrame, meeting: pd.Series) -> str:
    """Return the annex's account of the raw rows as they stood at the meeting's cut-off date."""
    t = recon[recon["source_file"] == "all files"].iloc[0]
    verdict = "every row is accounted for" if t["is_reconciled"] else "THE COUNTS DO NOT RECONCILE"
    return (
        f"Every raw row ends in one place. As they stood at the cut-off date, {escape(describe_cutoff(meeting))}, "
        f"the {format_count(t['rows_read_n'])} rows read from {plural(len(recon) - 1, 'file', 'files')} were: "
        f"{format_count(t['rows_used_n'])} used (for the self-assessment exports, the latest submission of each State by "
        f"that date; for the other files, the rows accepted), {format_count(t['rows_superseded_n'])} superseded by a later "
        f"submission or assessment, {format_count(t['rows_not_used_n'])} not used for this meeting (submitted after its "
        f"cut-off date, or for another checklist) and {format_count(t['rows_rejected_n'])} rejected with their reason: "
        f"{verdict}."
    )


def write_issued_note(day) -> str:
    """Return the note of a public document whose figures are kept as an earlier version issued them."""
    return (
        f"The figures of the present document are those of its version issued on {format_date(day)}: self-assessment "
        "reports received or corrected since are not reflected in them."
    )


def write_rejected_submissions_sentence(rejected: pd.DataFrame, lists_them: bool = True) -> str:
    """Return the annex's sentence on submissions none of whose rows could be used. The document names no State for
    them (the provenance page lists them for the Secretariat); a public version gives no number either (lists_them
    False): it would count States the tables do not."""
    if rejected.empty:
        return "No submission was rejected entirely: every responding State has at least one row used."
    if not lists_them:
        return (
            "Some submissions were rejected entirely (none of their rows could be used); the States concerned count as not "
            "responding unless another submission of theirs was used."
        )
    return capitalise(
        f"{plural(len(rejected), 'submission was', 'submissions were')} rejected entirely "
        f"(none of {'its' if len(rejected) == 1 else 'their'} "
        f"rows could be used), so the State{'' if len(rejected) == 1 else 's'} concerned count{'s' if len(rejected) == 1 else ''} "
        f"as not responding unless another submission of {'it' if len(rejected) == 1 else 'theirs'} was used."
    )


def describe_rejected_submissions(rejected: pd.DataFrame) -> str:
    """Return, for the provenance page, the submissions rejected entirely: each State as written, its date and reasons."""
    if rejected.empty:
        return ""
    listed = "; ".join(f"{r.state_text} ({r.submitted_on_text}): {r.reasons}" for r in rejected.itertuples())
    return f"Submissions rejected entirely (none of their rows used): {listed}."


def write_groups_paragraph(by_group: pd.DataFrame) -> str:
    """Return the paragraph on needs by regional group: the highest share of a group's respondents needing technical
    assistance on one article, singled out only where it rests on at least MIN_BASE respondents (ties named together)."""
    top = select_extreme(by_group.dropna(subset=["ta_needed_pct"]), "ta_needed_pct", base_col="responding_parties_n")
    if top.empty:
        return (
            "Technical assistance needs are set out by article and regional group below; no group's share rests on enough "
            "respondents to single out the highest."
        )
    places = join_words([f"{describe_article(r.provision)} among the {escape(r.group_name)}" for r in top.itertuples()])
    row = top.iloc[0]
    base = f" of the group's {format_count(int(row['responding_parties_n']))} respondents" if len(top) == 1 else " each"
    return (
        f"Needs differ between regional groups. Among groups with at least {format_count(MIN_BASE)} respondents, the highest "
        f"share of respondents needing technical assistance on one article was {format_pct(row['ta_needed_pct'])}{base}, "
        f"for {places}. Full compliance is set out in the same way for comparison."
    )


def describe_article(provision) -> str:
    """Return 'article 53' (a checklist's provision may be '53' or '53.1': 'article 53, paragraph 1')."""
    article, _, paragraph = str(provision).partition(".")
    return f"article {article}, paragraph {paragraph}" if paragraph else f"article {article}"


def write_region_forms_paragraph(forms: pd.DataFrame) -> str:
    """Return the paragraph on the forms of technical assistance the region requested most (ties named together)."""
    named = forms[forms["ta_form_code"] != ""]
    first = select_extreme(named, "needs_n")
    if first.empty:
        return "The forms of technical assistance the region requested are not named in the present document."
    leaders = first if len(first) > 1 else pd.concat([first, select_next(named, "needs_n", first)])
    shown = [describe_form(r) for _, r in leaders.head(MAX_NAMED).iterrows()]
    more = len(leaders) - MAX_NAMED
    rest = f", and {plural(more, 'other form', 'other forms')} as often" if more > 0 else ""
    verb = "was" if len(shown) == 1 else "were"
    return f"The forms of assistance most frequently requested in the region {verb} {join_words(shown)}{rest}."


def write_glossary_sentence() -> str:
    """Return the sentence introducing the glossary."""
    return "The terms below are used in the present document in the meanings given here."


def write_members_sentence(group_name: str, states: pd.DataFrame) -> str:
    """Return the sentence introducing the list of the group's States parties and their response."""
    responded = int(states["has_responded"].sum())
    return capitalise(
        f"{plural(len(states), 'State party', 'States parties')} of the {escape(group_name)} at the cut-off date are "
        f"listed below, of which {format_count(responded)} responded."
    )


def write_matrix_paragraph(overall: pd.DataFrame, scope: str, activities_n: int) -> str:
    """Return the opening paragraph of the needs-supply matrix: how many needs no activity meets, and duplications."""
    t = overall.iloc[0]
    if not t["need_items_n"]:
        return f"No responding State party {escape(scope)} reported a need for technical assistance by the cut-off date."
    return capitalise(
        f"{plural(t['need_items_n'], 'need', 'needs')} for technical assistance (State party, article and form) "
        f"were reported by the responding States parties {escape(scope)}. Set against the "
        f"{plural(activities_n, 'activity', 'activities')} of the providers that were ongoing or planned at the cut-off date, "
        f"{format_count(t['unsupplied_n'])} ({format_share(t['unsupplied_n'], t['need_items_n'])}) were met by no activity, "
        f"{format_count(t['one_provider_n'])} by one provider and {format_count(t['several_providers_n'])} by several "
        f"providers at once, where delivery should be coordinated to avoid duplication."
    )


def write_brief_paragraph(summary: dict, meeting: pd.Series, repeated_on=None) -> str:
    """Return a country brief's opening paragraph: status, submission, compliance, needs and whether they are met, as
    the State reports them; repeated_on: the date of its submission when an earlier meeting already had it."""
    name = escape(summary["state_name"])
    deposit = summary["deposit_date"]
    deposit = format_date(deposit) if len(deposit) == 10 else deposit  # a partial date (2013, 2013-09) stays as compiled
    status = (
        f"a State party since {escape(deposit)} ({escape(summary['instrument'])})"
        if summary["is_party"]
        else "not a party to the Convention at the cut-off date (its reply is kept apart from the parties' figures)"
    )
    text = (
        f"{name}, {status}, of the {escape(summary['group_name'])}, submitted its self-assessment on "
        f"{escape(format_date(summary['submitted_on']))}"
        + (
            f" (its latest of {format_count(summary['submissions_n'])} submissions by the cut-off date, "
            f"{escape(format_date(meeting['cutoff_date']))})"
            if summary["submissions_n"] > 1
            else ""
        )
        + f". Of the {format_count(summary['provisions_n'])} articles covered, it reported full compliance with "
        f"{count_or_none(summary['full_n'])}, partial compliance with {count_or_none(summary['partial_n'])} and "
        f"non-compliance with {count_or_none(summary['none_n'])}"
        + (f", and did not answer for {format_count(summary['no_answer_n'])}" if summary["no_answer_n"] else "")
        + ". "
    )
    if not summary["ta_needed_n"]:
        return text + "It reported no need for technical assistance."
    needed, given, unmet = summary["ta_needed_n"], summary["ta_provided_n"], summary["unmet_n"]
    if unmet == 0:
        account = f"assistance is already being received for {'it' if needed == 1 else 'all of them'}"
    elif given == 0:
        account = "this need is not yet being met" if needed == 1 else "none of these needs is being met yet"
    else:
        account = (
            f"assistance is already being received for {format_count(given)} of them, and {format_count(unmet)} "
            f"{'is' if unmet == 1 else 'are'} not yet met"
        )
    text += f"It requires technical assistance for {plural(needed, 'article', 'articles')}; by its own account, {account}."
    return text + write_repeated_sentence(summary["state_name"], repeated_on)


def write_repeated_sentence(state_name: str, repeated_on) -> str:
    """Return the sentence a brief adds when the State has submitted nothing new since an earlier meeting ('' if it has)."""
    if repeated_on is None or pd.isna(repeated_on):
        return ""
    return (
        f" {escape(state_name)} has submitted no new self-assessment since the previous meeting: this brief repeats its "
        f"report of {escape(format_date(repeated_on))}."
    )


def write_priorities_sentence(priorities: list[str]) -> str:
    """Return the brief's one line of priorities: the articles for which the State needs assistance and receives none."""
    from lib.analysis.brief import PRIORITY_RULE

    if not priorities:
        return f"Priorities ({escape(PRIORITY_RULE)}): none."
    named = f"article {priorities[0]}" if len(priorities) == 1 else f"articles {join_words(priorities)}"
    return f"Priorities ({escape(PRIORITY_RULE)}): {escape(named)}."


def write_uncovered_sentence(uncovered: pd.DataFrame, state_name: str, shown: int) -> str:
    """Return the sentence introducing the articles with needs that no known activity covers (what a donor could take
    up); shown: how many of them the brief's first pages list (the annex has them all)."""
    if uncovered.empty:
        return f"Every need {escape(state_name)} reported is covered by at least one ongoing or planned activity known to the Secretariat."
    n = len(uncovered)
    text = (
        f"For {plural(n, 'article', 'articles')}, {escape(state_name)} reported needs that no ongoing or planned activity "
        f"known to the Secretariat covers; the forms of assistance concerned are listed by article"
    )
    if shown < n:
        return text + f" for the first {format_count(shown)} of them below, and for all of them in annex I."
    return text + " below."


def write_experts_sentence(counted: pd.DataFrame, listed: bool = True) -> str:
    """Return the sentence introducing the experts a brief proposes: for how many of the needs no known activity covers
    the directory holds a suitable candidate (one who speaks a language of the State); listed: whether the brief lists
    them (a public version names no expert: the Secretariat puts them in touch)."""
    if counted.empty:
        return "No need of the State is left without a known activity, so no expert is proposed."
    with_one = int((counted["candidates_n"] > 0).sum())
    if not with_one:
        return (
            f"The directory of experts holds no suitable candidate for any of the {plural(len(counted), 'need', 'needs')} "
            "that no known activity covers."
        )
    return capitalise(
        f"The directory of experts holds suitable candidates for {format_count(with_one)} of the "
        f"{plural(len(counted), 'need', 'needs')} that no known activity covers; "
        + ("they are proposed below, best ranked first." if listed else "the Secretariat can put the State in touch with them.")
    )


def write_cut_note(shown: int, total: int, noun: str, where: str) -> str:
    """Return the note under a list a brief cuts: how many rows it shows, and where the others are."""
    return f"The first {format_count(shown)} of {format_count(total)} {noun} are shown; {where}."


def write_context_sentence(context: pd.DataFrame, state_name: str, group_name: str) -> str:
    """Return the sentence introducing the regional comparison: on how many of the articles for which the State needs
    assistance most of its group's respondents need it too (figures suppressed in a public version are left aside)."""
    known = context.dropna(subset=["group_ta_needed_pct"])
    needs = known[known["ta_needed"] == "yes"]
    shared = int((needs["group_ta_needed_pct"] > 50).sum())
    if len(known) < len(context) or needs.empty:
        return (
            f"The answers of {escape(state_name)} are set beside the shares of the responding States parties of the "
            f"{escape(group_name)}, article by article."
        )
    return (
        f"Of the {plural(len(needs), 'article', 'articles')} for which {escape(state_name)} needs technical assistance, "
        f"more than half of the responding States parties of the {escape(group_name)} need it too for "
        f"{count_or_none(shared)}."
    )


def count_or_none(n: int) -> str:
    """Return a count in words where a bare zero reads 'none' ('compliance with none')."""
    return "none" if int(n) == 0 else format_count(n)


def write_change_sentence(changes: pd.DataFrame, previous_date, state_name: str) -> str:
    """Return the sentence on what changed since the State's previous submission."""
    if previous_date is None:
        return (
            f"This is the first self-assessment of {escape(state_name)} for this checklist: there is no earlier submission to compare with."
        )
    if changes.empty:
        return f"The answers are unchanged since the previous submission of {escape(format_date(previous_date))}."
    return (
        f"Since the previous submission of {escape(format_date(previous_date))}, the answers changed for "
        f"{plural(len(changes), 'article', 'articles')}:"
    )


def write_pool_paragraph(experts_summary: str, experts_n: int, directory_n: int, cutoff: str | pd.Timestamp) -> str:
    """Return the opening paragraph of the expert pool report: the experts recommended by the cut-off, of the directory's."""
    if not directory_n:
        return "The directory of experts is empty: no CV has been accepted (see raw/experts and make experts)."
    when = escape(format_date(cutoff))
    counted = (
        f"{capitalise(format_count(experts_n))} of them had been recommended by the cut-off date, {when}"
        if experts_n
        else f"None of them had been recommended by the cut-off date, {when}"
    )
    return (
        f"The directory holds {plural(directory_n, 'expert', 'experts')} recommended by States, after duplicate "
        f"recommendations of the same person were merged and invalid CVs set aside. {counted}; the figures below count "
        f"only {'these' if experts_n != 1 else 'this one'} (an expert recommended twice counts from the first "
        f"recommendation). {escape(experts_summary)}."
    )


def write_balance_sentence(balance: pd.DataFrame) -> str:
    """Return the sentence on geographical balance: which groups fall furthest short of their share."""
    short = balance[balance["shortfall_n"] > 0]
    if short.empty:
        return "Every regional group has at least its proportional share of the pool."
    parts = [
        f"the {escape(r.group_name)} ({format_count(r.shortfall_n)} short: {format_pct(r.experts_pct)} of the experts "
        f"against {format_pct(r.parties_pct)} of the States parties)"
        for r in short.head(3).itertuples()
    ]
    return capitalise("the pool is not balanced geographically; the groups furthest below their share are " + "; ".join(parts) + ".")


def write_short_sentence(short: pd.DataFrame) -> str:
    """Return the sentence on unmet needs short of experts."""
    total, few = int(short["unmet_n"].sum()), int(short["short_n"].sum())
    if not total:
        return "Every need is covered by at least one activity known to the Secretariat."
    text = (
        f"Of the {plural(total, 'need', 'needs')} not covered by any known activity, {format_count(few)} ({format_share(few, total)}) "
        f"{'has' if few == 1 else 'have'} fewer than three suitable experts in the directory"
    )
    worst = short[short["short_n"] > 0].head(1)
    if not worst.empty:
        text += f"; the most affected article is article {escape(worst.iloc[0]['provision'])}"
    return text + "."


def write_coordination_paragraph(events: pd.DataFrame, period: str) -> str:
    """Return the opening paragraph of a coordination report: what the combined calendar holds."""
    if events.empty:
        return f"The combined calendar holds no event in {escape(period)}."
    counts = events.groupby("event_type").size()
    kinds = {
        "plenary": "plenaries",
        "on-site visit": "on-site visits",
        "report adoption": "report adoptions",
        "follow-up deadline": "follow-up deadlines",
    }
    parts = [plural(int(counts.get(t, 0)), t, many) for t, many in kinds.items()]
    return (
        f"In {escape(period)} the combined calendar of the mechanisms holds {plural(len(events), 'event', 'events')} "
        f"of {plural(events['mechanism_id'].nunique(), 'mechanism', 'mechanisms')}: {', '.join(parts)}."
    )


def write_overlap_sentence(by_group: pd.DataFrame, day) -> str:
    """Return the sentence on membership overlap: how many States several mechanisms review, and where the share is highest."""
    bands = ["one_mechanism_n", "two_mechanisms_n", "three_mechanisms_n", "four_or_more_n"]
    table = by_group.assign(states_n=by_group[bands].sum(axis=1), several_n=by_group[bands[1:]].sum(axis=1))
    total = table[table["group_name"] == TOTAL_LABEL].iloc[0]
    states, several = int(total["states_n"]), int(total["several_n"])
    when = escape(format_date(day))
    if not states:
        return f"On {when}, no State was under review by a mechanism with a list of members."
    if not several:
        return f"On {when}, none of the {format_count(states)} States under review was reviewed by more than one mechanism."
    groups = table[(table["group_name"] != TOTAL_LABEL) & (table["states_n"] > 0)]
    ratio = groups["several_n"] / groups["states_n"]
    top = groups[ratio == ratio.max()]
    names = [f"the {escape(g)}" for g in top["group_name"]]
    where = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    first = top.iloc[0]
    return (
        f"On {when}, {format_count(several)} of the {format_count(states)} States under review "
        f"({format_share(several, states)}) were reviewed by more than one mechanism; the share is highest among {where} "
        f"({format_share(first['several_n'], first['states_n'])}{' each' if len(names) > 1 else ''})."
    )


def write_clash_paragraph(
    plenaries: pd.DataFrame, visits: pd.DataFrame, movable_n: int, joint: pd.DataFrame, clash_days: int, joint_days: int
) -> str:
    """Return the paragraph on schedule clashes and joint visit candidates, with the windows used: an empty table is said
    to be empty, and only a visit clash that can still be moved (movable_n of them) is called avoidable."""
    n = len(plenaries)
    text = (
        "No two plenaries of different mechanisms overlap. "
        if not n
        else f"{capitalise(plural(n, 'pair', 'pairs'))} of plenaries of different mechanisms {'overlaps' if n == 1 else 'overlap'}. "
    )
    return text + write_visit_clash_sentence(len(visits), movable_n, clash_days) + " " + write_joint_sentence(len(joint), joint_days)


def write_visit_clash_sentence(n: int, movable: int, clash_days: int) -> str:
    """Return the sentence on n visit clashes: those already held are past; the movable ones can still be avoided."""
    if not n:
        return f"No pair of on-site visits by two mechanisms to the same State falls within {clash_days} days of each other."
    text = (
        f"{capitalise(plural(n, 'pair', 'pairs'))} of on-site visits by two mechanisms to the same State "
        f"{'falls' if n == 1 else 'fall'} within {clash_days} days of each other, a burden on the State's authorities"
    )
    if movable == n:
        return text + (
            " that scheduling can still avoid: a visit of "
            + ("the pair" if n == 1 else "each pair")
            + " is still planned, confirmed or postponed."
        )
    if not movable:
        return text + (": both visits have already been held." if n == 1 else ": both visits of every pair have already been held.")
    return (
        text + f": {plural(n - movable, 'pair was', 'pairs were')} already held, and in {plural(movable, 'pair', 'pairs')} a "
        f"visit is still planned, confirmed or postponed, which scheduling can still move."
    )


def write_joint_sentence(n: int, joint_days: int) -> str:
    """Return the sentence on n candidates for a joint on-site visit (both visits still planned, confirmed or postponed)."""
    if not n:
        return (
            f"No pair of visits still planned, confirmed or postponed falls within {joint_days} days of each other in the "
            f"same State: there is no candidate for a joint on-site visit."
        )
    return (
        f"{capitalise(plural(n, 'pair', 'pairs'))} of visits still planned, confirmed or postponed {'falls' if n == 1 else 'fall'} "
        f"within {joint_days} days of each other in the same State: {'a candidate' if n == 1 else 'candidates'} to explore "
        f"for a joint on-site visit "
        f"({SYNERGIES_2017})."
    )


def write_followup_paragraph(scope: str, by_mechanism: pd.DataFrame, as_at) -> str:
    """Return the opening paragraph of a follow-up report: recommendations and their implementation on the common scale."""
    total = by_mechanism[by_mechanism.iloc[:, 0] == TOTAL_LABEL].iloc[0]
    if not total["recommendations_n"]:
        return f"The register holds no recommendation for {escape(scope)}."
    assessed = int(total["implemented_n"] + total["partly_implemented_n"] + total["not_implemented_n"])
    done, partly, waiting = int(total["implemented_n"]), int(total["partly_implemented_n"]), int(total["not_yet_assessed_n"])
    gone = int(total["no_longer_applicable_n"])
    text = (
        f"As at {escape(format_date(as_at))}, the register holds "
        f"{plural(int(total['recommendations_n']), 'recommendation', 'recommendations')} "
        f"for {escape(scope)}"
    )
    if not assessed:
        text += ", none of which has been assessed as implemented, partly implemented or not implemented"
    else:
        text += (
            f", of which {format_count(assessed)} {'has' if assessed == 1 else 'have'} been assessed: {format_count(done)} "
            f"implemented ({format_share(done, assessed)} of those assessed) and {format_count(partly)} partly implemented "
            f"({format_share(partly, assessed)})"
        )
    if gone:
        text += f"; {format_count(gone)} {'is' if gone == 1 else 'are'} no longer applicable"
    if waiting:
        text += f"; {format_count(waiting)} {'is' if waiting == 1 else 'are'} not yet assessed"
    return text + "."


def write_overdue_sentence(overdue: pd.DataFrame, as_at) -> str:
    """Return the sentence on recommendations past their follow-up deadline."""
    if overdue.empty:
        return f"No recommendation is past its follow-up deadline without progress as at {escape(format_date(as_at))}."
    return (
        f"{capitalise(plural(len(overdue), 'recommendation is', 'recommendations are'))} past the follow-up deadline as at "
        f"{escape(format_date(as_at))} with no progress reported (not implemented, or not yet assessed); the longest "
        f"has been due for {format_count(int(overdue['days_overdue'].max()))} days."
    )


def write_measurability_sentence(measurability: pd.DataFrame) -> str:
    """Return the sentence on recommendations that give no criteria for assessing progress."""
    total, blank = int(measurability["recommendations_n"].sum()), int(measurability["without_criteria_n"].sum())
    if not total:
        return "There is no recommendation to assess for measurability."
    return (
        f"{capitalise(format_count(blank))} of the {plural(total, 'recommendation', 'recommendations')} "
        f"({format_share(blank, total)}) {'gives' if blank == 1 else 'give'} no criteria for assessing progress; the "
        f"secretariats of the review mechanisms agreed to use measurable recommendations that provide such criteria "
        f"({SYNERGIES_2017})."
    )


def write_wg_paragraph(register: pd.DataFrame, meeting: pd.Series) -> str:
    """Return the paragraph opening the Working Group's register in a background paper: what was known at its cut-off."""
    if register.empty:
        return (
            f"No recommendation of the Working Group in its register had been adopted before the meeting "
            f"{escape(describe_meeting(meeting))}."
        )
    counts = register["common_status"].value_counts()
    words = {
        "implemented": "implemented",
        "partly implemented": "partly implemented or under way",
        "not implemented": "not implemented",
        "no longer applicable": "no longer applicable",
        "not yet assessed": "not yet assessed",
    }
    statuses = [f"{format_count(int(counts[k]))} as {w}" for k, w in words.items() if counts.get(k, 0)]
    made = f"Before this meeting, the Working Group had made {plural(len(register), 'recommendation', 'recommendations')}, set out below."
    cutoff = escape(describe_cutoff(meeting))
    if set(counts.index) <= {"not yet assessed"}:
        subject = "it" if len(register) == 1 else "any of them"
        return f"{made} By the cut-off date, {cutoff}, no action taken on {subject} had been reported."
    return f"{made} At the cut-off date, {cutoff}, the register records {join_words(statuses)}."


def title_priority_chart() -> str:
    """Return the title of the regional analysis's priority chart (needs.select_chart_priorities: the first articles
    and any tied with the last of them; no number in it, which a public version's audit would take for a count)."""
    return "Articles with the most needs not yet met, as reported (articles tied at the cut shown together)"


def write_priority_rule() -> str:
    """Return the ranking rule of a regional analysis's priority needs, as it states it (escaped)."""
    from lib.analysis.needs import PRIORITY_RULE

    return f"Ranking rule. {escape(PRIORITY_RULE)}"


def write_profile_note(meeting: pd.Series) -> str:
    """Return the brief's note on where its article-by-article table comes from."""
    return (
        f"Compliance and needs are as the State reported them in its self-assessment report received by "
        f"{escape(format_date(meeting['cutoff_date']))}, and so are the assistance it receives and the providers it names; "
        f"coverage and the providers with matching activities come from the activities of providers of technical "
        f"assistance ongoing or planned at that date."
    )


def describe_supply_source(meeting: pd.Series) -> str:
    """Return the source line of a brief's tables that join the State's answers with the supply of assistance."""
    return f"self-assessment report of the State; activities ongoing or planned on {format_date(meeting['cutoff_date'])}."


def write_map_paragraph(state_map: pd.DataFrame) -> str:
    """Return the paragraph introducing the world map: how many responding States have a need no activity meets."""
    responded = state_map[state_map["has_responded"].astype(bool)]
    with_unmet = int((responded["unsupplied_n"] > 0).sum())
    return (
        f"Of the {plural(len(responded), 'State party', 'States parties')} that responded, {format_count(with_unmet)} reported at "
        f"least one need not covered by any known activity, ongoing or planned, at the cut-off date "
        f"({format_count(int(responded['unsupplied_n'].sum()))} such needs in all). The map shows where they are, by the number "
        f"of those needs; States too small to see on it are listed with their figures."
    )
