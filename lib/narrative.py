"""Write report paragraphs from the numbers, in the register of a UN secretariat report (HTML-escaped)."""

from __future__ import annotations

from html import escape

import pandas as pd

from lib.shares import format_number

SMALL_NUMBERS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]  # UN style: 0-9 in words


SUPPRESSED_COUNT = "a number (suppressed) of"  # public builds: a count from fewer than 3 States is not given
SYNERGIES_2017 = ("the Secretariat's report of 8 March 2017 on synergies with other review mechanisms, "
                  "para. 6")  # the measures the secretariats agreed: no clashes, joint visits, measurable recommendations


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


def capitalise(sentence: str) -> str:
    """Return a sentence with its first letter in upper case (a count in words may open it)."""
    return sentence[:1].upper() + sentence[1:]


def format_share(part: int, whole: int) -> str:
    """Return part/whole as whole 'N per cent' from the exact counts (no double rounding through a 1-decimal figure)."""
    if pd.isna(part) or pd.isna(whole) or not whole:
        return format_pct(float("nan"))
    return format_pct(100 * int(part) / int(whole))  # an exact half (21 of 40) is exact in binary too, so it rounds up


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


def plural(n: int, one: str, many: str) -> str:
    """Return the count with the right noun."""
    return f"{format_count(n)} {one if not pd.isna(n) and int(n) == 1 else many}"


def write_response_paragraph(summary: dict, meeting: pd.Series, rule: str) -> str:
    """Return the response-rate paragraph: 'N States parties (equal to P per cent of the M States parties)'."""
    rule_text = ("whose instrument of ratification or accession had been deposited by that date" if rule == "deposited"
                 else "for which the Convention was in force on that date")
    text = (f"For the meeting held on {escape(format_meeting_dates(meeting['start_date'], meeting['end_date']))}, "
            f"information on technical assistance requirements was available from "
            f"{plural(summary['responding_parties_n'], 'State party', 'States parties')} (equal to "
            f"{format_share(summary['responding_parties_n'], summary['parties_n'])} of the {format_count(summary['parties_n'])} States parties "
            f"{rule_text}, {escape(format_date(summary['cutoff_date']))}).")
    others = summary["non_party_respondents_n"]
    if pd.isna(others) or others:
        text += (f" In addition, {plural(others, 'State', 'States')} that {'was' if not pd.isna(others) and others == 1 else 'were'} not "
                 f"a party at that date submitted a self-assessment; in all, {plural(summary['respondents_n'], 'State', 'States')} "
                 f"replied, of which {format_count(summary['responding_parties_n'])} were parties. Replies from non-parties are "
                 f"presented separately and are not included in the figures that follow.")
    return text


def write_compliance_paragraph(compliance: pd.DataFrame) -> str:
    """Return the paragraph on the articles with the highest and lowest reported full compliance."""
    ranked = compliance.dropna(subset=["full_pct"]).sort_values("full_pct", ascending=False, kind="stable")
    if ranked.empty:
        return "Every figure of full compliance is suppressed in this version (too few responding States parties)."
    top, low = ranked.iloc[0], ranked.iloc[-1]
    return (f"Full compliance was most frequently reported with article {escape(top['provision'])} "
            f"({escape(top['title'].lower())}), by {format_pct(top['full_pct'])} of responding States parties, and least "
            f"frequently with article {escape(low['provision'])} ({escape(low['title'].lower())}), by "
            f"{format_pct(low['full_pct'])}. Across the {format_count(len(compliance))} articles covered by the checklist, "
            f"the average share of responding States parties reporting full compliance was "
            f"{format_pct(compliance['full_pct'].mean())}.")


def write_needs_paragraph(needs: pd.DataFrame, forms: pd.DataFrame) -> str:
    """Return the paragraph on the articles and forms of technical assistance most often required."""
    ranked, forms = needs.dropna(subset=["ta_needed_n"]), forms.dropna(subset=["needs_n", "states_n"])
    if ranked.empty or len(forms) < 2:
        return "The figures of technical assistance needs are suppressed in this version (too few responding States parties)."
    top = ranked.sort_values("ta_needed_n", ascending=False, kind="stable").iloc[0]
    f1, f2 = forms.iloc[0], forms.iloc[1]
    return (f"Technical assistance was most often required in respect of article {escape(top['provision'])} "
            f"({escape(top['title'].lower())}), by {plural(top['ta_needed_n'], 'State party', 'States parties')} "
            f"({format_pct(top['ta_needed_pct'])} of respondents). The forms of assistance most frequently requested were "
            f"{escape(f1['label'].lower())} ({plural(f1['needs_n'], 'request', 'requests')} from {plural(f1['states_n'], 'State party', 'States parties')}) "
            f"and {escape(f2['label'].lower())} ({plural(f2['needs_n'], 'request', 'requests')} from {plural(f2['states_n'], 'State party', 'States parties')}).")


def write_provided_paragraph(needs: pd.DataFrame, providers: pd.DataFrame) -> str:
    """Return the paragraph on technical assistance already provided and needs not yet met."""
    total, given, unmet = (needs[c].sum() if needs[c].notna().all() else pd.NA for c in ("ta_needed_n", "ta_provided_n", "unmet_n"))
    text = (f"Of the {format_count(total)} needs for technical assistance reported (State party by article), "
            f"{format_count(given)} were already being addressed, according to the respondents, while "
            f"{format_count(unmet)} were not yet met.")
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
        return "The change since the previous meeting is suppressed in this version (too few responding States parties)."
    d_resp = int(d_resp)
    rates = change[change["indicator"].str.endswith("needing TA (%)")].dropna(subset=["change"])
    rise = rates.sort_values("change", ascending=False).iloc[0] if len(rates) else None
    verb = "increased" if d_resp > 0 else "decreased" if d_resp < 0 else "did not change"
    text = (f"Compared with the meeting held on {escape(format_meeting_dates(previous['start_date'], previous['end_date']))}, "
            f"the number of responding States parties {verb}"
            + (f" by {format_count(abs(d_resp))}" if d_resp else "")
            + f", and the response rate moved from {format_pct(head.loc['Response rate (%)', 'previous'])} "
            f"to {format_pct(head.loc['Response rate (%)', 'current'])}.")
    if rise is not None and rise["change"] > 0:
        text += (f" The largest increase in the share of respondents requiring assistance concerned "
                 f"{escape(rise['indicator'].split(':')[0].replace('Art.', 'article'))} (+{rise['change']:.1f} percentage points).")
    return text


def write_region_paragraph(group_name: str, response: pd.DataFrame, comparison: pd.DataFrame, priorities: pd.DataFrame) -> str:
    """Return the opening paragraph of a regional needs analysis."""
    row = response[response["group_name"] == group_name]
    if row.empty or (pd.notna(row.iloc[0]["responding_parties_n"]) and row.iloc[0]["responding_parties_n"] == 0):
        return f"No State party of the {escape(group_name)} had submitted a self-assessment by the cut-off date."
    r = row.iloc[0]
    comparison, priorities = comparison.dropna(subset=["ta_needed_gap_pp"]), priorities.dropna(subset=["unmet_n"])
    if pd.isna(r["responding_parties_n"]):
        return (f"The number of States parties of the {escape(group_name)} that had submitted a self-assessment by the cut-off "
                f"date, and the group's figures drawn from it, are suppressed in this version (fewer than three States, or "
                f"a figure from which such a number could be worked out).")
    if comparison.empty or priorities.empty:
        return capitalise(f"{plural(r['responding_parties_n'], 'State party', 'States parties')} of the {escape(group_name)} had "
                          f"submitted a self-assessment by the cut-off date; the group's figures are suppressed in this version "
                          f"(too few responding States parties).")
    gap = comparison.sort_values("ta_needed_gap_pp", ascending=False).iloc[0]
    first = priorities.iloc[0]
    return capitalise(f"{plural(r['responding_parties_n'], 'State party', 'States parties')} of the {escape(group_name)} "
            f"(equal to {format_share(r['responding_parties_n'], r['parties_n'])} of the {format_count(r['parties_n'])} States parties of the group) "
            f"had submitted a self-assessment by the cut-off date. "
            + (f"The need for technical assistance exceeded the global level most markedly for article "
               if gap["ta_needed_gap_pp"] > 0 else
               "The need for technical assistance was at or below the global level for every article; it came closest for article ")
            + f"{escape(gap['provision'])} ({escape(gap['title'].lower())}): "
            f"{format_pct(gap['region_ta_needed_pct'])} of the group's respondents, against {format_pct(gap['global_ta_needed_pct'])} "
            f"globally. "
            + (f"The first priority, by the ranking rule stated below, is article {escape(first['provision'])} "
               f"({escape(first['title'].lower())}), with {plural(first['unmet_n'], 'need', 'needs')} not yet met."
               if first["unmet_n"] > 0 else "Every need for technical assistance the group reported is already being addressed."))


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
        f"providers at once, where delivery should be coordinated to avoid duplication.")


def write_brief_paragraph(summary: dict, meeting: pd.Series) -> str:
    """Return a country brief's opening paragraph: status, submission, compliance, needs and whether they are met."""
    name = escape(summary["state_name"])
    deposit = summary["deposit_date"]
    deposit = format_date(deposit) if len(deposit) == 10 else deposit  # a partial date (2013, 2013-09) stays as compiled
    status = (f"a State party since {escape(deposit)} ({escape(summary['instrument'])})" if summary["is_party"]
              else "not a party to the Convention at the cut-off date (its reply is kept apart from the parties' figures)")
    text = (f"{name}, {status}, of the {escape(summary['group_name'])}, submitted its self-assessment on "
            f"{escape(format_date(summary['submitted_on']))}"
            + (f" (its latest of {format_count(summary['submissions_n'])} submissions by the cut-off date, "
               f"{escape(format_date(meeting['cutoff_date']))})" if summary["submissions_n"] > 1 else "")
            + f". Of the {format_count(summary['provisions_n'])} articles covered, it reported full compliance with "
            f"{count_or_none(summary['full_n'])}, partial compliance with {count_or_none(summary['partial_n'])} and "
            f"non-compliance with {count_or_none(summary['none_n'])}"
            + (f", and did not answer for {format_count(summary['no_answer_n'])}" if summary["no_answer_n"] else "") + ". ")
    if not summary["ta_needed_n"]:
        return text + "It reported no need for technical assistance."
    needed, given, unmet = summary["ta_needed_n"], summary["ta_provided_n"], summary["unmet_n"]
    if unmet == 0:
        account = f"assistance is already being received for {'it' if needed == 1 else 'all of them'}"
    elif given == 0:
        account = f"{'this need is' if needed == 1 else 'none of these needs is'} yet being met"
    else:
        account = (f"assistance is already being received for {format_count(given)} of them, and {format_count(unmet)} "
                   f"{'is' if unmet == 1 else 'are'} not yet met")
    return text + f"It requires technical assistance for {plural(needed, 'article', 'articles')}; by its own account, {account}."


def count_or_none(n: int) -> str:
    """Return a count in words where a bare zero reads 'none' ('compliance with none')."""
    return "none" if int(n) == 0 else format_count(n)


def write_unmet_sentence(unmet: pd.DataFrame, state_name: str) -> str:
    """Return the sentence introducing the needs no known activity meets (the list a donor can act on)."""
    if unmet.empty:
        return f"Every need {escape(state_name)} reported is matched by at least one ongoing or planned activity known to the secretariat."
    return capitalise(f"{plural(len(unmet), 'need', 'needs')} of {escape(state_name)} (article and form) "
                      f"{'is' if len(unmet) == 1 else 'are'} matched by no ongoing or planned activity known to the secretariat:")


def write_change_sentence(changes: pd.DataFrame, previous_date, state_name: str) -> str:
    """Return the sentence on what changed since the State's previous submission."""
    if previous_date is None:
        return f"This is the first self-assessment of {escape(state_name)} for this checklist: there is no earlier submission to compare with."
    if changes.empty:
        return f"The answers are unchanged since the previous submission of {escape(format_date(previous_date))}."
    return (f"Since the previous submission of {escape(format_date(previous_date))}, the answers changed for "
            f"{plural(len(changes), 'article', 'articles')}:")


def write_pool_paragraph(experts_summary: str, experts_n: int, directory_n: int, cutoff: str | pd.Timestamp) -> str:
    """Return the opening paragraph of the expert pool report: the experts recommended by the cut-off, of the directory's."""
    if not directory_n:
        return "The directory of experts is empty: no CV has been accepted (see raw/experts and make experts)."
    when = escape(format_date(cutoff))
    counted = (f"{capitalise(format_count(experts_n))} of them had been recommended by the cut-off date, {when}"
               if experts_n else f"None of them had been recommended by the cut-off date, {when}")
    return (f"The directory holds {plural(directory_n, 'expert', 'experts')} recommended by States, after duplicate "
            f"recommendations of the same person were merged and invalid CVs set aside. {counted}; the figures below count "
            f"only {'these' if experts_n != 1 else 'this one'} (an expert recommended twice counts from the first "
            f"recommendation). {escape(experts_summary)}.")


def write_balance_sentence(balance: pd.DataFrame) -> str:
    """Return the sentence on geographical balance: which groups fall furthest short of their share."""
    short = balance[balance["shortfall_n"] > 0]
    if short.empty:
        return "Every regional group has at least its proportional share of the pool."
    parts = [f"the {escape(r.group_name)} ({format_count(r.shortfall_n)} short: {format_pct(r.experts_pct)} of the experts "
             f"against {format_pct(r.parties_pct)} of the States parties)" for r in short.head(3).itertuples()]
    return capitalise("the pool is not balanced geographically; the groups furthest below their share are " + "; ".join(parts) + ".")


def write_short_sentence(short: pd.DataFrame) -> str:
    """Return the sentence on unmet needs short of experts."""
    total, few = int(short["unmet_n"].sum()), int(short["short_n"].sum())
    if not total:
        return "No need is left unmet by the activities known to the secretariat."
    text = (f"Of the {plural(total, 'unmet need', 'unmet needs')}, {format_count(few)} ({format_share(few, total)}) "
            f"{'has' if few == 1 else 'have'} fewer than three suitable experts in the directory")
    worst = short[short["short_n"] > 0].head(1)
    if not worst.empty:
        text += f"; the most affected article is article {escape(worst.iloc[0]['provision'])}"
    return text + "."


def write_coordination_paragraph(events: pd.DataFrame, period: str) -> str:
    """Return the opening paragraph of a coordination report: what the combined calendar holds."""
    if events.empty:
        return f"The combined calendar holds no event in {escape(period)}."
    counts = events.groupby("event_type").size()
    kinds = {"plenary": "plenaries", "on-site visit": "on-site visits", "report adoption": "report adoptions",
             "follow-up deadline": "follow-up deadlines"}
    parts = [plural(int(counts.get(t, 0)), t, many) for t, many in kinds.items()]
    return (f"In {escape(period)} the combined calendar of the mechanisms holds {plural(len(events), 'event', 'events')} "
            f"of {plural(events['mechanism_id'].nunique(), 'mechanism', 'mechanisms')}: {', '.join(parts)}.")


def write_overlap_sentence(by_group: pd.DataFrame, day) -> str:
    """Return the sentence on membership overlap: how many States several mechanisms review, and where the share is highest."""
    bands = ["one_mechanism_n", "two_mechanisms_n", "three_mechanisms_n", "four_or_more_n"]
    table = by_group.assign(states_n=by_group[bands].sum(axis=1), several_n=by_group[bands[1:]].sum(axis=1))
    total = table[table["group_name"] == "All groups"].iloc[0]
    states, several = int(total["states_n"]), int(total["several_n"])
    when = escape(format_date(day))
    if not states:
        return f"On {when}, no State was under review by a mechanism with a list of members."
    if not several:
        return f"On {when}, none of the {format_count(states)} States under review was reviewed by more than one mechanism."
    groups = table[(table["group_name"] != "All groups") & (table["states_n"] > 0)]
    ratio = groups["several_n"] / groups["states_n"]
    top = groups[ratio == ratio.max()]
    names = [f"the {escape(g)}" for g in top["group_name"]]
    where = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    first = top.iloc[0]
    return (f"On {when}, {format_count(several)} of the {format_count(states)} States under review "
            f"({format_share(several, states)}) were reviewed by more than one mechanism; the share is highest among {where} "
            f"({format_share(first['several_n'], first['states_n'])}{' each' if len(names) > 1 else ''}).")


def write_clash_paragraph(plenaries: pd.DataFrame, visits: pd.DataFrame, movable_n: int, joint: pd.DataFrame, clash_days: int,
                          joint_days: int) -> str:
    """Return the paragraph on schedule clashes and joint visit candidates, with the windows used: an empty table is said
    to be empty, and only a visit clash that can still be moved (movable_n of them) is called avoidable."""
    n = len(plenaries)
    text = ("No two plenaries of different mechanisms overlap. " if not n else
            f"{capitalise(plural(n, 'pair', 'pairs'))} of plenaries of different mechanisms {'overlaps' if n == 1 else 'overlap'}. ")
    return text + write_visit_clash_sentence(len(visits), movable_n, clash_days) + " " + write_joint_sentence(len(joint), joint_days)


def write_visit_clash_sentence(n: int, movable: int, clash_days: int) -> str:
    """Return the sentence on n visit clashes: those already held are past; the movable ones can still be avoided."""
    if not n:
        return f"No pair of on-site visits by two mechanisms to the same State falls within {clash_days} days of each other."
    text = (f"{capitalise(plural(n, 'pair', 'pairs'))} of on-site visits by two mechanisms to the same State "
            f"{'falls' if n == 1 else 'fall'} within {clash_days} days of each other, a burden on the State's authorities")
    if movable == n:
        return text + (" that scheduling can still avoid: a visit of " + ("the pair" if n == 1 else "each pair")
                       + " is still planned, confirmed or postponed.")
    if not movable:
        return text + (": both visits have already been held." if n == 1 else ": both visits of every pair have already been held.")
    return (text + f": {plural(n - movable, 'pair was', 'pairs were')} already held, and in {plural(movable, 'pair', 'pairs')} a "
            f"visit is still planned, confirmed or postponed, which scheduling can still move.")


def write_joint_sentence(n: int, joint_days: int) -> str:
    """Return the sentence on n candidates for a joint on-site visit (both visits still planned, confirmed or postponed)."""
    if not n:
        return (f"No pair of visits still planned, confirmed or postponed falls within {joint_days} days of each other in the "
                f"same State: there is no candidate for a joint on-site visit.")
    return (f"{capitalise(plural(n, 'pair', 'pairs'))} of visits still planned, confirmed or postponed {'falls' if n == 1 else 'fall'} "
            f"within {joint_days} days of each other in the same State: {'a candidate' if n == 1 else 'candidates'} to explore "
            f"for a joint on-site visit "
            f"({SYNERGIES_2017}).")


def write_followup_paragraph(scope: str, by_mechanism: pd.DataFrame, as_at) -> str:
    """Return the opening paragraph of a follow-up report: recommendations and their implementation on the common scale."""
    total = by_mechanism[by_mechanism.iloc[:, 0] == "All"].iloc[0]
    if not total["recommendations_n"]:
        return f"The register holds no recommendation for {escape(scope)}."
    assessed = int(total["implemented_n"] + total["partly_implemented_n"] + total["not_implemented_n"])
    done, partly, waiting = int(total["implemented_n"]), int(total["partly_implemented_n"]), int(total["not_yet_assessed_n"])
    gone = int(total["no_longer_applicable_n"])
    text = (f"As at {escape(format_date(as_at))}, the register holds {plural(int(total['recommendations_n']), 'recommendation', 'recommendations')} "
            f"for {escape(scope)}")
    if not assessed:
        text += ", none of which has been assessed as implemented, partly implemented or not implemented"
    else:
        text += (f", of which {format_count(assessed)} {'has' if assessed == 1 else 'have'} been assessed: {format_count(done)} "
                 f"implemented ({format_share(done, assessed)} of those assessed) and {format_count(partly)} partly implemented "
                 f"({format_share(partly, assessed)})")
    if gone:
        text += f"; {format_count(gone)} {'is' if gone == 1 else 'are'} no longer applicable"
    if waiting:
        text += f"; {format_count(waiting)} {'is' if waiting == 1 else 'are'} not yet assessed"
    return text + "."


def write_overdue_sentence(overdue: pd.DataFrame, as_at) -> str:
    """Return the sentence on recommendations past their follow-up deadline."""
    if overdue.empty:
        return f"No recommendation is past its follow-up deadline without progress as at {escape(format_date(as_at))}."
    return (f"{capitalise(plural(len(overdue), 'recommendation is', 'recommendations are'))} past the follow-up deadline as at "
            f"{escape(format_date(as_at))} with no progress reported (not implemented, or not yet assessed); the longest "
            f"has been due for {format_count(int(overdue['days_overdue'].max()))} days.")


def write_measurability_sentence(measurability: pd.DataFrame) -> str:
    """Return the sentence on recommendations that give no criteria for assessing progress."""
    total, blank = int(measurability["recommendations_n"].sum()), int(measurability["without_criteria_n"].sum())
    if not total:
        return "There is no recommendation to assess for measurability."
    return (f"{capitalise(format_count(blank))} of the {plural(total, 'recommendation', 'recommendations')} "
            f"({format_share(blank, total)}) {'gives' if blank == 1 else 'give'} no criteria for assessing progress; the "
            f"secretariats of the review mechanisms agreed to use measurable recommendations that provide such criteria "
            f"({SYNERGIES_2017}).")


def write_wg_paragraph(register: pd.DataFrame) -> str:
    """Return the paragraph opening the Working Group's register in the background paper."""
    if register.empty:
        return "The register of the Working Group's recommendations is empty in this data folder (raw/peer_review)."
    counts = register["common_status"].value_counts()
    return (f"The Working Group made {plural(len(register), 'recommendation', 'recommendations')}. As the secretariat's "
            f"report states them, {format_count(int(counts.get('implemented', 0)))} are implemented, "
            f"{format_count(int(counts.get('partly implemented', 0)))} partly implemented or under way and "
            f"{format_count(int(counts.get('not implemented', 0)))} not yet implemented. The text below is the register "
            f"(real data, entered from the Report of the Secretariat of 28 September 2009), in the form of its section III.")
