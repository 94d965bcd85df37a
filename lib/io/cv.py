"""The expert CV template (Excel with drop-down lists, and YAML) and the reading of filled CVs into checked records."""

from __future__ import annotations

import io
import json
import re
from datetime import date
from pathlib import Path

import pandas as pd

from lib.io import reference, rows, schema
from lib.io.files import write_reproducible_xlsx
from lib.io.names import normalise_name

UN_LANGUAGES = {"ar": "Arabic", "zh": "Chinese", "en": "English", "fr": "French", "ru": "Russian", "es": "Spanish"}  # official UN
OTHER_LANGUAGES = {
    "pt": "Portuguese",
    "de": "German",
    "it": "Italian",
    "tr": "Turkish",
    "sw": "Swahili",
    "fa": "Persian",
    "hi": "Hindi",
    "id": "Indonesian",
    "ja": "Japanese",
    "ko": "Korean",
    "uk": "Ukrainian",
    "other": "Other",
}
LANGUAGES = {**UN_LANGUAGES, **OTHER_LANGUAGES}  # ISO 639-1 code -> name (what the template's drop-down offers)
LANGUAGE_LEVELS = ["native", "fluent", "working", "basic"]  # best first: matching prefers higher levels
GENDERS = ["female", "male", "other", "not stated"]
AVAILABILITY = ["available", "limited", "not available"]  # as the State recommending the expert reports it
YES_NO = ["yes", "no"]
# Themes beside the checklist's articles, for expertise that cuts across articles (the Working Group's three areas first)
THEMES = [
    "prevention",
    "criminalization",
    "asset recovery",
    "international cooperation",
    "law enforcement",
    "judicial integrity",
    "public procurement",
    "financial investigation",
    "anti-corruption bodies",
]
# Scalar fields of a CV: (field, label in the template, required)
SCALAR_FIELDS = [
    ("full_name", "Full name", True),
    ("date_of_birth", "Date of birth (YYYY-MM-DD)", False),
    ("nationality", "Nationality (State)", True),
    ("gender", "Gender", True),
    ("email", "E-mail", False),
    ("phone", "Telephone", False),
    ("current_position", "Current position", True),
    ("institution", "Institution", True),
    ("years_experience", "Years of anti-corruption experience", True),
    ("recommended_by", "Recommended by (State)", True),
    ("recommended_on", "Date of recommendation (YYYY-MM-DD)", True),
    ("availability", "Availability", True),
    ("consent_contact", "Consent to share contact details with TA providers", True),
]
LIST_SHEETS = {
    "languages": ("Languages", ["language", "level"]),
    "expertise": ("Expertise", ["area"]),
    "forms": ("Forms", ["ta_form"]),
}  # multi-valued parts of a CV: one sheet (or YAML list) each
CV_REJECT_REASONS = {
    "missing_value": "a required field is empty",
    "unknown_state": "not a State in the reference tables",
    "bad_date": "not a date YYYY-MM-DD in the past",
    "bad_gender": f"not one of {', '.join(GENDERS)}",
    "unknown_language": "not a language code of the template",
    "bad_level": f"not one of {', '.join(LANGUAGE_LEVELS)}",
    "unknown_area": "neither an article of the checklist nor a theme of the template",
    "unknown_ta_form": "not a form of technical assistance (ta_forms.csv)",
    "bad_availability": f"not one of {', '.join(AVAILABILITY)}",
    "bad_yes_no": "not yes or no",
    "bad_email": "not an e-mail address",
    "bad_years": "not a whole number of years from 0 to 70",
    "no_expertise": "no area of expertise given",
    "unreadable_file": "the file cannot be read as a CV",
    "unsafe_file": "the file is not read: larger, with more values (YAML aliases written out) or nested deeper than a file of CVs needs",
    "too_long": "a field is longer than its limit (data/raw/README.md, Limits), or a list holds too many items",
}
# Bounds on a file of CVs, so that a hostile file costs seconds and tens of MB, never the machine (data/raw/README.md,
# Limits). The sample's sample_experts.yaml holds 308 CVs in 164 kB: 14,608 YAML values (keys and values, aliases
# written out), 4 levels deep.
MAX_CV_FILE_BYTES = 2_000_000  # checked before the file is read: some 3,700 CVs
MAX_YAML_VALUES = 200_000  # some 4,000 CVs; counted while parsing, so a 'billion laughs' of nested aliases stops early
MAX_YAML_DEPTH = 20  # a list of CVs, a CV, a list of languages, a language: 4 levels
MAX_CVS_PER_FILE = 5_000  # a JSON list of empty CVs within 2 MB would otherwise yield millions of rejects
MAX_WORKBOOK_UNPACKED = 20_000_000  # a filled template unpacks to about 60 kB; checked before the workbook is opened
MAX_SHEET_ROWS = 1_000  # rows read from each sheet of a CV workbook (the template's lists stop at row 40)
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")


def write_template(ref_dir: Path, out_dir: Path) -> list[Path]:
    """Write the CV template as an Excel workbook with drop-down lists and as YAML; return the paths."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    states = sorted(reference.load_states(ref_dir)["state_name"])
    areas = [f"Art. {p}" for p in reference.load_checklist(ref_dir)["provision"].unique()] + THEMES
    forms = reference.read_reference_csv(ref_dir, "ta_forms.csv")["ta_form_code"].tolist()
    lists = {
        "states": states,
        "genders": GENDERS,
        "languages": list(LANGUAGES),
        "levels": LANGUAGE_LEVELS,
        "areas": areas,
        "forms": forms,
        "availability": AVAILABILITY,
        "yes_no": YES_NO,
    }
    wb = Workbook()
    cv = wb.active
    cv.title = "CV"
    cv.append(["Field", "Value", "field (do not edit)"])
    listed = {
        "nationality": "states",
        "recommended_by": "states",
        "gender": "genders",
        "availability": "availability",
        "consent_contact": "yes_no",
    }
    ref_sheet = wb.create_sheet("Lists")
    for col, (name, values) in enumerate(lists.items(), start=1):
        ref_sheet.cell(1, col, name)
        for row, value in enumerate(values, start=2):
            ref_sheet.cell(row, col, value)
    ref_sheet.sheet_state = "hidden"
    ranges = {name: f"Lists!${chr(64 + col)}$2:${chr(64 + col)}${len(values) + 1}" for col, (name, values) in enumerate(lists.items(), 1)}
    for row, (field, label, required) in enumerate(SCALAR_FIELDS, start=2):
        cv.append([label + (" *" if required else ""), None, field])
        if field in listed:
            dv = DataValidation(type="list", formula1=ranges[listed[field]], allow_blank=not required)
            cv.add_data_validation(dv)
            dv.add(f"B{row}")
    cv.column_dimensions["A"].width, cv.column_dimensions["B"].width = 52, 40
    for title, columns in LIST_SHEETS.values():
        ws = wb.create_sheet(title)
        ws.append(columns)
        for col, name in enumerate(columns):
            source = {"language": "languages", "level": "levels", "area": "areas", "ta_form": "forms"}[name]
            dv = DataValidation(type="list", formula1=ranges[source], allow_blank=True)
            ws.add_data_validation(dv)
            dv.add(f"{chr(65 + col)}2:{chr(65 + col)}40")
        ws.column_dimensions["A"].width = 34
    for ws in wb.worksheets:
        for cell in ws[1]:
            cell.font = Font(bold=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    xlsx, yaml_path = out_dir / "expert_cv_template.xlsx", out_dir / "expert_cv_template.yaml"
    buf = io.BytesIO()
    wb.save(buf)
    write_reproducible_xlsx(buf.getvalue(), xlsx)
    yaml_path.write_text(render_yaml_template(lists), encoding="utf-8")
    return [xlsx, yaml_path]


def render_yaml_template(lists: dict) -> str:
    """Return the YAML template: the same fields as the workbook, with the allowed values as comments."""
    lines = [
        "# Expert CV for the UNCAC directory of anti-corruption experts. One CV per file, or a list of CVs.",
        "# Fields marked required must be filled; coded fields take one of the values listed.",
    ]
    for field, label, required in SCALAR_FIELDS:
        allowed = {"gender": GENDERS, "availability": AVAILABILITY, "consent_contact": YES_NO}.get(field)
        note = f"  # {label}{' (required)' if required else ''}" + (f": {' | '.join(allowed)}" if allowed else "")
        lines.append(f"{field}:{note}")
    lines += [
        f"languages:  # list of {{language: code, level: {' | '.join(LANGUAGE_LEVELS)}}}; codes: {', '.join(LANGUAGES)}",
        "  - {language: en, level: fluent}",
        f"expertise:  # articles as 'Art. 15' and/or themes: {', '.join(THEMES)}",
        "  - Art. 15",
        f"forms:  # forms of TA the expert delivers: {', '.join(lists['forms'])}",
        "  - legal_advice",
    ]
    return "\n".join(lines) + "\n"


class UnsafeFile(ValueError):
    """A file of CVs refused before it is loaded (too large, too many values, too deep); the message is one sentence."""


def check_yaml_size(text: str) -> None:
    """Raise UnsafeFile when a YAML document, with every alias (*name) written out as what its anchor holds, has more than
    MAX_YAML_VALUES values or nests deeper than MAX_YAML_DEPTH. The event stream is read lazily and counted as it comes,
    so nested aliases (a 'billion laughs': a few hundred bytes standing for gigabytes) stop it at their first levels."""
    import yaml

    held: dict[str, int] = {}  # anchor -> values its node holds, aliases written out
    open_nodes: list[list] = []  # the collections being read: [anchor, values so far]
    total = 0
    for event in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        if isinstance(event, yaml.CollectionStartEvent):
            open_nodes.append([event.anchor, 1])
            total += 1
            if len(open_nodes) > MAX_YAML_DEPTH:
                raise UnsafeFile(f"the file nests values more than {MAX_YAML_DEPTH} levels deep, which no CV needs")
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            anchor, n = open_nodes.pop()
        elif isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent)):
            anchor, n = (None, held.get(event.anchor, 1)) if isinstance(event, yaml.AliasEvent) else (event.anchor, 1)
            total += n
        else:  # the stream's and the document's start and end
            continue
        if anchor:
            held[anchor] = n
        if open_nodes:
            open_nodes[-1][1] += n
        if total > MAX_YAML_VALUES:
            raise UnsafeFile(
                f"the file, with its YAML aliases written out, holds more than {MAX_YAML_VALUES:,} values, far more "
                "than a file of CVs needs: write each value out once, or split the file"
            )


def read_cv_file(path: Path) -> list[dict]:
    """Return the raw CVs in one file (a workbook holds one; YAML or JSON one or a list), each a dict of strings and lists.

    A file over MAX_CV_FILE_BYTES, YAML over MAX_YAML_VALUES values (aliases written out) or MAX_YAML_DEPTH levels, or a
    list of more than MAX_CVS_PER_FILE CVs raises UnsafeFile: nothing that large is built."""
    size = path.stat().st_size
    if size > MAX_CV_FILE_BYTES:
        raise UnsafeFile(f"the file has {size:,} bytes, more than the {MAX_CV_FILE_BYTES:,} a file of CVs may have: split it")
    if path.suffix.lower() == ".xlsx":
        check_workbook_size(path)
        return [read_cv_workbook(path)]
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".json":
        data = json.loads(text)
    else:
        import yaml

        check_yaml_size(text)
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506  (the safe loader, in C)
    items = data if isinstance(data, list) else [data]
    if len(items) > MAX_CVS_PER_FILE:
        raise UnsafeFile(f"the file holds {len(items):,} CVs, more than the {MAX_CVS_PER_FILE:,} a file of CVs may hold: split it")
    if not all(isinstance(item, dict) for item in items):
        raise ValueError("expected a CV (a mapping of fields) or a list of CVs")
    return items


def check_workbook_size(path: Path) -> None:
    """Raise UnsafeFile when a workbook would unpack to more than MAX_WORKBOOK_UNPACKED bytes (a 'zip bomb'); a file
    that is not a zip archive is left to the reader, which rejects it as unreadable."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except zipfile.BadZipFile:
        return
    if unpacked > MAX_WORKBOOK_UNPACKED:
        raise UnsafeFile(
            f"the workbook unpacks to {unpacked:,} bytes, more than the {MAX_WORKBOOK_UNPACKED:,} a CV workbook may: "
            "fill in the template again"
        )


def read_cv_workbook(path: Path) -> dict:
    """Return the CV of a filled template workbook (at most MAX_SHEET_ROWS rows of each sheet are read)."""
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    cv = {
        row[2]: row[1] for row in wb["CV"].iter_rows(min_row=2, max_row=MAX_SHEET_ROWS, values_only=True) if row and len(row) > 2 and row[2]
    }
    for key, (title, columns) in LIST_SHEETS.items():
        rows = [
            r for r in wb[title].iter_rows(min_row=2, max_row=MAX_SHEET_ROWS, values_only=True) if r and any(v not in (None, "") for v in r)
        ]
        cv[key] = [dict(zip(columns, r)) for r in rows] if key == "languages" else [r[0] for r in rows]
    wb.close()
    return cv


def as_text(value) -> str:
    """Return a field's value as stripped text ('' for none; dates as YYYY-MM-DD)."""
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    return str(value).strip()


def check_cv(
    raw: dict, aliases: dict[str, str], provisions: set[str], forms: set[str], today: date
) -> tuple[dict, list[tuple[str, str, str]]]:
    """Return (the clean CV, its problems as (column, value, reason)); a CV with any problem is rejected whole."""
    cv: dict = {}
    problems: list[tuple[str, str, str]] = []
    for field, _, required in SCALAR_FIELDS:
        value = as_text(raw.get(field))
        cv[field] = value
        if required and not value:
            problems.append((field, value, "missing_value"))
    too_long = find_too_long(cv, raw)
    if too_long:  # a CV with a field or list over its limit is not checked further
        return cv, too_long
    for field in ("nationality", "recommended_by"):
        if cv[field]:
            code = aliases.get(normalise_name(cv[field]))
            cv[f"{field}_code"] = code
            if not code:
                problems.append((field, cv[field], "unknown_state"))
    for field in ("date_of_birth", "recommended_on"):
        if cv[field]:
            try:
                day = date.fromisoformat(cv[field])
                if day > today:
                    raise ValueError
            except ValueError:
                problems.append((field, cv[field], "bad_date"))
    checks = [
        ("gender", GENDERS, "bad_gender"),
        ("availability", AVAILABILITY, "bad_availability"),
        ("consent_contact", YES_NO, "bad_yes_no"),
    ]
    for field, allowed, reason in checks:
        cv[field] = cv[field].lower()
        if cv[field] and cv[field] not in allowed:
            problems.append((field, cv[field], reason))
    if cv["email"] and not EMAIL.match(cv["email"]):
        problems.append(("email", cv["email"], "bad_email"))
    if cv["years_experience"] and not (cv["years_experience"].isdigit() and int(cv["years_experience"]) <= 70):
        problems.append(("years_experience", cv["years_experience"], "bad_years"))
    cv["languages"] = []
    for item in raw.get("languages") or []:
        lang = as_text(item.get("language") if isinstance(item, dict) else item).lower()
        level = as_text(item.get("level") if isinstance(item, dict) else "working").lower() or "working"
        if lang not in LANGUAGES:
            problems.append(("languages", lang, "unknown_language"))
        elif level not in LANGUAGE_LEVELS:
            problems.append(("languages", level, "bad_level"))
        else:
            cv["languages"].append((lang, level))
    cv["areas"] = []
    for item in raw.get("expertise") or []:
        area = as_text(item)
        provision = re.sub(r"^(article|art\.?)\s*", "", area, flags=re.IGNORECASE).strip()
        if provision in provisions:
            cv["areas"].append(provision)
        elif area.lower() in THEMES:
            cv["areas"].append(area.lower())
        else:
            problems.append(("expertise", area, "unknown_area"))
    if not raw.get("expertise"):
        problems.append(("expertise", "", "no_expertise"))
    cv["forms"] = []
    for item in raw.get("forms") or []:
        form = as_text(item)
        (cv["forms"].append(form) if form in forms else problems.append(("forms", form, "unknown_ta_form")))
    return cv, problems


def find_too_long(cv: dict, raw: dict) -> list[tuple[str, str, str]]:
    """Return a too_long problem for each text field over its limit (schema.FIELD_LIMITS) and each list of more than
    schema.CV_LIST_LIMIT items, the value saying how long it is and the limit."""
    problems = [
        (field, f"{value} ({detail})", reason)
        for field, value, reason, detail in rows.find_too_long(cv, [field for field, _, _ in SCALAR_FIELDS])
    ]
    for field in LIST_SHEETS:
        items = raw.get(field)
        if isinstance(items, (list, dict, str)) and len(items) > schema.CV_LIST_LIMIT:
            problems.append((field, f"{len(items):,} items; the limit is {schema.CV_LIST_LIMIT}", "too_long"))
    return problems


def identify_person(cv: dict) -> list[str]:
    """Return the keys that identify one person across recommendations: name with date of birth, and e-mail."""
    keys = []
    if cv["date_of_birth"]:
        keys.append("dob:" + normalise_name(cv["full_name"]) + "|" + cv["date_of_birth"])
    if cv["email"]:
        keys.append("email:" + cv["email"].lower())
    return keys


def merge_duplicates(cvs: list[dict]) -> tuple[list[dict], dict[int, int]]:
    """Merge CVs of the same person (name and date of birth, or e-mail) by merge_person.
    Return (merged CVs, {superseded position: kept position})."""
    parent = list(range(len(cvs)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    seen: dict[str, int] = {}
    for i, cv in enumerate(cvs):
        for key in identify_person(cv):
            if key in seen:
                parent[find(i)] = find(seen[key])
            else:
                seen[key] = i
    groups: dict[int, list[int]] = {}
    for i in range(len(cvs)):
        groups.setdefault(find(i), []).append(i)
    merged, superseded = [], {}
    for members in groups.values():
        cv = merge_person([cvs[i] for i in members])
        keep = next(i for i in members if cvs[i] is cv["recommendations"][-1])  # the latest, whose fields the record keeps
        superseded.update({i: keep for i in members if i != keep})
        merged.append(cv)
    return merged, superseded


def merge_person(recommendations: list[dict]) -> dict:
    """Return one person's record from their recommendations (CVs in file order): the latest recommendation's fields, with
    the union of languages (best level), areas and forms, the date of the first recommendation, and the recommendations
    themselves (oldest first). The one merge rule: the directory today and a report's view at its cut-off both use it."""
    order = sorted(range(len(recommendations)), key=lambda i: (recommendations[i]["recommended_on"], i))
    cv = {k: v for k, v in recommendations[order[-1]].items() if k != "recommendations"}  # the latest: a tie goes to the later CV
    levels: dict[str, str] = {}
    for rec in recommendations:
        for lang, level in rec["languages"]:
            if lang not in levels or LANGUAGE_LEVELS.index(level) < LANGUAGE_LEVELS.index(levels[lang]):
                levels[lang] = level
    cv["languages"] = sorted(levels.items())
    cv["areas"] = sorted({a for rec in recommendations for a in rec["areas"]})
    cv["forms"] = sorted({f for rec in recommendations for f in rec["forms"]})
    cv["recommendations_n"] = len(recommendations)
    cv["first_recommended_on"] = min(rec["recommended_on"] for rec in recommendations)  # a report at a cut-off counts the expert from it
    cv["recommendations"] = [recommendations[i] for i in order]
    return cv


def read_cvs(raw_dir: Path, today: date | None = None) -> tuple[list[dict], pd.DataFrame, pd.DataFrame]:
    """Read every CV under raw/experts; return (merged CVs, rejects, reconciliation by file). Files are never modified."""
    ref_dir, folder = raw_dir / "reference", raw_dir / "experts"
    today = today or date.today()
    aliases = reference.load_aliases(ref_dir)
    provisions = set(reference.load_checklist(ref_dir)["provision"])
    forms = set(reference.read_reference_csv(ref_dir, "ta_forms.csv")["ta_form_code"])
    files = sorted(p for p in folder.glob("*") if p.suffix.lower() in (".xlsx", ".yaml", ".yml", ".json")) if folder.is_dir() else []
    accepted, origins, rejects = [], [], []
    counts: dict[str, dict] = {}  # file -> its reconciliation row
    for path in files:
        name = path.name
        counts[name] = {"source_file": name, "rows_read_n": 0, "rows_accepted_n": 0, "rows_superseded_n": 0, "rows_rejected_n": 0}
        try:
            raws = read_cv_file(path)
        except Exception as exc:  # a malformed or unsafe file is rejected whole, the others still load
            counts[name]["rows_read_n"] = counts[name]["rows_rejected_n"] = 1
            reason = "unsafe_file" if isinstance(exc, UnsafeFile) else "unreadable_file"
            rejects.append(
                {
                    "source_file": name,
                    "source_row": 0,
                    "column": "",
                    "value": str(exc)[:200],
                    "reason_code": reason,
                    "reason": CV_REJECT_REASONS[reason],
                }
            )
            continue
        for row, raw in enumerate(raws, start=1):
            counts[name]["rows_read_n"] += 1
            cv, problems = check_cv(raw, aliases, provisions, forms, today)
            if problems:
                counts[name]["rows_rejected_n"] += 1
                rejects += [
                    {"source_file": name, "source_row": row, "column": c, "value": v, "reason_code": r, "reason": CV_REJECT_REASONS[r]}
                    for c, v, r in problems
                ]
            else:
                accepted.append(dict(cv, source_file=name, source_row=row))
                origins.append(name)
    merged, superseded = merge_duplicates(accepted)
    for i, origin in enumerate(origins):
        counts[origin]["rows_superseded_n" if i in superseded else "rows_accepted_n"] += 1
        if i in superseded:
            kept = accepted[superseded[i]]
            rejects.append(
                {
                    "source_file": origin,
                    "source_row": accepted[i]["source_row"],
                    "column": "full_name",
                    "value": accepted[i]["full_name"],
                    "reason_code": "merged",
                    "reason": f"superseded: merged into {kept['source_file']} row {kept['source_row']}",
                }
            )
    reject_frame = pd.DataFrame(rejects, columns=["source_file", "source_row", "column", "value", "reason_code", "reason"])
    columns = ["source_file", "rows_read_n", "rows_accepted_n", "rows_superseded_n", "rows_rejected_n"]
    return merged, reject_frame, pd.DataFrame(list(counts.values()), columns=columns)
