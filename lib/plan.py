"""List the reports a data folder calls for and their parameters (stdlib only: the Makefile calls it at parse time)."""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

SEPARATOR = "--"  # report id = notebook--param1--param2; parameter values never contain it
NOTEBOOK_PARAMETERS = {  # the parameters that tell one report of a notebook from another, in id order
    "background_paper": ("meeting_id",),
    "regional_needs": ("group_code", "meeting_id"),
    "ta_matrix": ("group_code", "meeting_id"),
}
TITLES = {"background_paper": "Background paper", "regional_needs": "Regional needs analysis",
          "ta_matrix": "Needs and supply of technical assistance"}
ALL_GROUPS = "ALL"  # group_code of a report covering every regional group
ANALYSED_GROUPS_EXCLUDE = {"NONE"}  # 'no regional group' is shown in every count but gets no regional analysis


def read_csv(path: Path) -> list[dict]:
    """Read a small reference CSV as dicts."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def list_reports(raw: Path) -> list[str]:
    """Return every report id: per meeting, the background paper and one regional analysis per group."""
    meetings = [m["meeting_id"] for m in read_csv(raw / "reference" / "meetings.csv")]
    groups = [g["group_code"] for g in read_csv(raw / "reference" / "regional_groups.csv")
              if g["group_code"] not in ANALYSED_GROUPS_EXCLUDE]
    ids = []
    for m in meetings:
        ids.append(SEPARATOR.join(["background_paper", m]))
        ids += [SEPARATOR.join(["regional_needs", g, m]) for g in groups]
        ids.append(SEPARATOR.join(["ta_matrix", ALL_GROUPS, m]))
    return ids


def describe_report(report_id: str, raw: Path) -> dict:
    """Return a report's notebook, parameters, title and meeting cut-off from its id."""
    notebook, *values = report_id.split(SEPARATOR)
    names = NOTEBOOK_PARAMETERS.get(notebook)
    if names is None or len(values) != len(names):
        raise ValueError(f"{report_id!r} is not a report id (expected notebook{SEPARATOR}params, e.g. background_paper{SEPARATOR}wg-ta-2009-09).")
    params = dict(zip(names, values))
    meeting = {m["meeting_id"]: m for m in read_csv(raw / "reference" / "meetings.csv")}.get(params["meeting_id"], {})
    groups = {g["group_code"]: g["group_name"] for g in read_csv(raw / "reference" / "regional_groups.csv")}
    subject = "all regional groups" if params.get("group_code") == ALL_GROUPS else groups.get(params.get("group_code", ""), "")
    title = f"{TITLES[notebook]}{': ' + subject if subject else ''}, {meeting.get('name', params['meeting_id'])}"
    return {"report_id": report_id, "notebook": notebook, "parameters": params, "title": title,
            "cutoff_date": meeting.get("cutoff_date", "")}


def main(argv: list[str] | None = None) -> int:
    """Command line: python -m lib.plan list RAW_DIR -> one report id per line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("command", choices=["list"])
    parser.add_argument("raw_dir")
    args = parser.parse_args(argv)
    try:
        print("\n".join(list_reports(Path(args.raw_dir))))
    except FileNotFoundError as exc:
        print(f"make: cannot list the reports: {exc.filename} is missing (DATA_DIR must hold raw/reference/).", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
