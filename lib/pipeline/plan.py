"""List the reports a data folder calls for and their parameters (stdlib only: the Makefile calls it at parse time)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from lib.io.builds import BUILDS, RELEASE_PLAN_FILE, ConsentError, check_build, read_consents, read_csv  # noqa: F401  (BUILDS: re-exported for the driver)
from lib.io.codes import ALL_GROUPS, EVERY, NO_GROUP_CODE
from lib.io.names import find_name_in_force
from lib.model.disclosure import Policy

SEPARATOR = "--"  # report id = notebook--param1--param2; parameter values never contain it
NOTEBOOK_PARAMETERS = {  # the parameters that tell one report of a notebook from another, in id order
    "background_paper": ("meeting_id",),
    "regional_needs": ("group_code", "meeting_id"),
    "ta_matrix": ("group_code", "meeting_id"),
    "country_brief": ("state_code", "meeting_id"),
    "expert_pool": ("meeting_id",),
    "review_coordination": ("period",),
    "recommendations_followup": ("mechanism", "round_id"),
}
TITLES = {
    "background_paper": "Background paper",
    "regional_needs": "Regional needs analysis",
    "ta_matrix": "Needs and supply of technical assistance",
    "country_brief": "Country brief",
    "expert_pool": "The pool of anti-corruption experts",
    "review_coordination": "Coordination of the review mechanisms",
    "recommendations_followup": "Follow-up of recommendations",
}
ANALYSED_GROUPS_EXCLUDE = {NO_GROUP_CODE}  # 'no regional group' is shown in every count but gets no regional analysis
PUBLIC_NOTEBOOKS = {
    "background_paper",
    "regional_needs",
    "country_brief",
    "expert_pool",
}  # the matrix lists State-level needs: restricted only


def state_names(raw: Path) -> dict[str, str]:
    """Return {State code: UN short name} from the reference tables (the EU has no ISO3 code: EUU)."""
    names = {r["iso3"]: r["name"] for r in read_csv(raw / "reference" / "un_regional_groups.csv")}
    names.update({r["iso3"] or "EUU": r["name"] for r in read_csv(raw / "reference" / "uncac_states_parties.csv")})
    return names


def name_state_on(raw: Path, state_code: str, day: str) -> str:
    """Return a State's UN short name in force on an ISO day (state_names.csv; its current name where none is listed)."""
    path = raw / "reference" / "state_names.csv"
    periods = (
        [(r["name"], r["in_use_from"], r["in_use_to"]) for r in read_csv(path) if r["state_code"] == state_code]
        if path.is_file() and day
        else []
    )
    return find_name_in_force(periods, day) or state_names(raw).get(state_code, state_code)


def state_groups(raw: Path) -> dict[str, str]:
    """Return {State code: regional group name} ('no regional group' for parties outside the five)."""
    groups = {r["iso3"]: r["regional_group"] for r in read_csv(raw / "reference" / "un_regional_groups.csv")}
    groups.update({r["iso3"] or "EUU": r["un_regional_group"] for r in read_csv(raw / "reference" / "uncac_states_parties.csv")})
    return {code: ("no regional group" if g in ("", "none") else g) for code, g in groups.items()}


def read_respondents(raw: Path) -> list[dict]:
    """Return who submitted by each cut-off (written by the ingest next to the processed data; [] before it ran)."""
    path = raw.parent / "processed" / "respondents.csv"
    return read_csv(path) if path.is_file() else []


def read_public_briefs(raw: Path) -> set[tuple[str, str]]:
    """Return the (State, meeting) briefs a public build publishes: those the release plan lists (a consenting State's
    brief waits when it would reveal other States' answers with what was already issued); before a plan, every brief of
    a consenting State."""
    path = raw.parent / "processed" / RELEASE_PLAN_FILE
    if path.is_file():
        return {(s, m) for s, m in json.loads(path.read_text(encoding="utf-8")).get("briefs", [])}
    consents = read_consents(raw)
    return {(r["state_code"], r["meeting_id"]) for r in read_respondents(raw) if r["state_code"] in consents}


def read_review_scope(raw: Path) -> list[dict]:
    """Return the review reports the data call for (written by the ingest: the calendar's years, the rounds; [] before it ran)."""
    path = raw.parent / "processed" / "review_scope.csv"
    return read_csv(path) if path.is_file() else []


def list_reports(raw: Path, build: str = "restricted") -> list[str]:
    """Return every report id: per meeting, the background paper, one regional analysis per group, the matrix,
    and a country brief for every State that submitted by the cut-off; the review coordination for every year of
    the peer review calendar, and the follow-up of recommendations for all mechanisms and for each round.

    A public build has no matrix (one row per State's need), no review report (State-level schedules and statuses)
    and a brief only for a State whose consent is recorded.
    """
    if Policy(check_build(build)).is_public:
        briefs = read_public_briefs(raw)
        return [
            r
            for r in list_reports(raw)
            if r.split(SEPARATOR)[0] in PUBLIC_NOTEBOOKS and (not r.startswith("country_brief") or tuple(r.split(SEPARATOR)[1:]) in briefs)
        ]
    meetings = [m["meeting_id"] for m in read_csv(raw / "reference" / "meetings.csv")]
    groups = [
        g["group_code"] for g in read_csv(raw / "reference" / "regional_groups.csv") if g["group_code"] not in ANALYSED_GROUPS_EXCLUDE
    ]
    respondents = read_respondents(raw)
    ids = []
    for m in meetings:
        ids.append(SEPARATOR.join(["background_paper", m]))
        ids += [SEPARATOR.join(["regional_needs", g, m]) for g in groups]
        ids.append(SEPARATOR.join(["ta_matrix", ALL_GROUPS, m]))
        ids.append(SEPARATOR.join(["expert_pool", m]))
        ids += [SEPARATOR.join(["country_brief", r["state_code"], m]) for r in respondents if r["meeting_id"] == m]
    ids += [
        SEPARATOR.join([r["notebook"], r["first"], r["second"]] if r["second"] else [r["notebook"], r["first"]])
        for r in read_review_scope(raw)
    ]
    return ids


def write_makefile(raw: Path, build: str = "restricted") -> str:
    """Return the make fragment listing the reports, with each brief's own inputs (its State's and group's data)."""
    lines = [
        f"# Generated by `python -m lib.pipeline.plan makefile` after the ingest: the reports this data folder calls for ({build} build).",
        "REPORT_IDS := " + " ".join(list_reports(raw, build)),
    ]
    for r in read_respondents(raw):
        lines.append(
            f"$(REPORTS_DIR)/country_brief--{r['state_code']}--{r['meeting_id']}.html: "
            f"$(PROCESSED)/by_state/{r['state_code']}.sha $(PROCESSED)/by_group/{r['group_code']}.sha"
        )
    return "\n".join(lines) + "\n"


PUBLIC_ACRONYMS = {"GRECO", "MESICIC"}  # mechanism ids that are also the names readers know; the others are our codes


def name_round(raw: Path, mechanism: str, round_id: str) -> str:
    """Return a review round as its title names it: 'Group of States against Corruption (GRECO), fourth evaluation
    round' (review_mechanisms.csv, review_cycles.csv); 'all mechanisms', or a mechanism's 'all rounds'."""
    if mechanism == EVERY:
        return "all mechanisms"
    names = {m["mechanism_id"]: m["name"] for m in read_csv(raw / "reference" / "review_mechanisms.csv")}
    rounds = {(c["mechanism_id"], c["round"]): c["title"] for c in read_csv(raw / "reference" / "review_cycles.csv")}
    name = names.get(mechanism, mechanism)
    label = f"{name} ({mechanism})" if mechanism in PUBLIC_ACRONYMS else name
    if round_id == EVERY:
        return f"{label}, all rounds"
    title = rounds.get((mechanism, round_id), round_id)
    return f"{label}, {title[:1].lower()}{title[1:]}"


def describe_report(report_id: str, raw: Path) -> dict:
    """Return a report's notebook, parameters, title and meeting cut-off from its id."""
    notebook, *values = report_id.split(SEPARATOR)
    names = NOTEBOOK_PARAMETERS.get(notebook)
    if names is None or len(values) != len(names):
        raise ValueError(
            f"{report_id!r} is not a report id (expected notebook{SEPARATOR}params, e.g. background_paper{SEPARATOR}wg-ta-2009-09)."
        )
    params = dict(zip(names, values))
    meeting = {m["meeting_id"]: m for m in read_csv(raw / "reference" / "meetings.csv")}.get(params.get("meeting_id", ""), {})
    groups = {g["group_code"]: g["group_name"] for g in read_csv(raw / "reference" / "regional_groups.csv")}
    subject = "all regional groups" if params.get("group_code") == ALL_GROUPS else groups.get(params.get("group_code", ""), "")
    extra = {}
    if "state_code" in params:  # a brief names the State as the UN did on the meeting's first day; the index adds today's name
        subject = name_state_on(raw, params["state_code"], meeting.get("start_date", ""))
        extra = {
            "state_name": subject,
            "state_name_current": state_names(raw).get(params["state_code"], params["state_code"]),
            "group_name": state_groups(raw).get(params["state_code"], ""),
        }
    if "period" in params:
        subject = params["period"]
    if "mechanism" in params:
        subject = name_round(raw, params["mechanism"], params["round_id"])
    when = meeting.get("name", params.get("meeting_id", ""))
    title = f"{TITLES[notebook]}{': ' + subject if subject else ''}{', ' + when if when else ''}"
    return {
        "report_id": report_id,
        "notebook": notebook,
        "parameters": params,
        "title": title,
        "cutoff_date": meeting.get("cutoff_date", ""),
        "meeting_name": meeting.get("name", ""),
        "meeting_start": meeting.get("start_date", ""),
        "meeting_end": meeting.get("end_date", ""),
        "unconfirmed": [c for c in meeting.get("unconfirmed", "").split(";") if c],  # masthead data no source confirms
        **extra,
    }


def main(argv: list[str] | None = None) -> int:
    """Command line: python -m lib.pipeline.plan list RAW_DIR (one report id per line) | makefile RAW_DIR | check RAW_DIR ID
    [--build B]; check exits 2 with one sentence when the data folder and build do not call for that report."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("command", choices=["list", "makefile", "check"])
    parser.add_argument("raw_dir")
    parser.add_argument("report_id", nargs="?", default="", help="check: the report id to look for")
    parser.add_argument("--build", default="restricted", help="restricted (everything) or public (publishable reports only)")
    args = parser.parse_args(argv)
    if args.build not in BUILDS:
        print(f"make: BUILD must be one of {', '.join(BUILDS)}, not {args.build!r}.", file=sys.stderr)
        return 2
    try:
        if args.command == "makefile":
            sys.stdout.write(write_makefile(Path(args.raw_dir), args.build))
        elif args.command == "check":
            if args.report_id not in list_reports(Path(args.raw_dir), args.build):
                print(
                    f"make report: {args.report_id or '(no ID)'} is not a report of this data folder's {args.build} build; "
                    f"`python -m lib.pipeline.plan list {args.raw_dir} --build {args.build}` lists them.",
                    file=sys.stderr,
                )
                return 2
        else:
            print("\n".join(list_reports(Path(args.raw_dir), args.build)))
    except FileNotFoundError as exc:
        print(f"make: cannot list the reports: {exc.filename} is missing (DATA_DIR must hold raw/reference/).", file=sys.stderr)
        return 2
    except ConsentError as exc:
        print(f"make: cannot list the reports: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
