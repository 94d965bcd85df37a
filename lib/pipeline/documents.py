"""Write a report's Word file and PDF from the document blocks of its executed notebook: one source, three renderings."""

from __future__ import annotations

from pathlib import Path
from typing import cast

from lib.present.document import WORD_LIMIT as WORD_LIMIT, Document, Properties, check_document, count_words
from lib.present.pdf import write_pdf
from lib.present.report import BLOCK_KEY, NOTE_KEY, PROVENANCE_KIND, REPORT_OUTPUT
from lib.present.word import write_docx

# Which reports are issued as documents, and in which formats (a country brief is printed for donor round-tables).
DOCUMENT_FORMATS = {"background_paper": ("docx", "pdf"), "regional_needs": ("docx", "pdf"), "country_brief": ("pdf",)}
BRIEF_MAX_PAGES = 2  # a country brief is handed out at donor round-tables: two A4 pages at most before its annex


def collect_blocks(nb) -> list[dict]:
    """Return the document blocks the report API recorded in the outputs of an executed notebook, in reading order."""
    blocks = []
    for cell in nb.cells:
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            meta = out.get("metadata", {}) if out.output_type == "display_data" else {}
            if meta.get(REPORT_OUTPUT) and meta.get(BLOCK_KEY):
                blocks.append(dict(meta[BLOCK_KEY]))
    return blocks


def collect_provenance(nb) -> list[str]:
    """Return the provenance notes the report recorded (Report.record_provenance), in order, each once."""
    notes: list[str] = []
    for cell in nb.cells:
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            meta = out.get("metadata", {}) if out.output_type == "display_data" else {}
            if meta.get(REPORT_OUTPUT) == PROVENANCE_KIND and meta.get(NOTE_KEY) and meta[NOTE_KEY] not in notes:
                notes.append(meta[NOTE_KEY])
    return notes


def describe_properties(meta: dict, blocks: list[dict]) -> Properties:
    """Return the document's properties: title and subject for readers; the build material (provenance) in comments."""
    head = next((b for b in blocks if b["kind"] == "masthead"), {})
    provenance = (
        f"Report {meta['report_id']}; data cut-off {meta['cutoff_date']}; data checksum {meta['data_checksum']}; "
        f"build {meta['build']}; commit {meta['commit']}; built {meta['built_at']}"
        + ("; SYNTHETIC SAMPLE DATA" if meta.get("is_synthetic") else "")
        + "".join(f" {note}" for note in meta.get("notes", []))
    )
    return {
        "title": head.get("title", meta["title"]),
        "subject": head.get("symbol", "") or meta["title"],
        "author": "Secretariat",
        "keywords": "; ".join(v for v in (head.get("symbol", ""), "UNCAC", "technical assistance") if v),
        "comments": provenance,
        "language": meta.get("language", "en"),
        "created": f"{meta['cutoff_date']}T00:00:00",
    }


def write_documents(blocks: list[dict], meta: dict, notebook: str, folder: Path, images: Path) -> dict:
    """Write the report's documents into folder (beside its page) from its blocks (collect_blocks); return their facts.

    Returns {"files": [...], "words": n, "pages": n, "problems": [...]}; {} for a report not issued as a document."""
    formats = DOCUMENT_FORMATS.get(notebook, ())
    if not formats:
        return {}
    record = {"properties": describe_properties(meta, blocks), "compact": notebook == "country_brief", "blocks": blocks}
    problems = check_document(record)
    if problems:  # a document the writers cannot write: the build refuses the report with these
        return {"files": [], "words": 0, "problems": problems}
    document = cast(Document, record)  # checked: every block has its kind's fields
    facts: dict = {"files": [], "words": count_words(document), "problems": []}
    if "docx" in formats:
        write_docx(document, images, folder / f"{meta['report_id']}.docx")
        facts["files"].append(f"{meta['report_id']}.docx")
    if "pdf" in formats:
        printed = write_pdf(document, images, folder / f"{meta['report_id']}.pdf")
        facts["pages"] = printed.pages
        facts["files"].append(f"{meta['report_id']}.pdf")
        if notebook == "country_brief" and printed.body_pages > BRIEF_MAX_PAGES:
            facts["problems"].append(f"the printed brief runs to {printed.body_pages} pages before its annex, more than {BRIEF_MAX_PAGES}")
    return facts
