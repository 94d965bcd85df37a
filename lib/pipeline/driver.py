"""Execute stale report notebooks with papermill and render them to offline HTML, replacing a report only on success."""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from multiprocessing import get_context
from pathlib import Path

from lib.io.builds import read_csv
from lib.io.paths import ROOT, processed_dir, raw_dir
from lib.io.releases import releases_dir
from lib.model.disclosure import Policy
from lib.pipeline.plan import BUILDS, describe_report, list_reports, read_respondents, state_names
from lib.pipeline.releases import register_release
from lib.present.i18n import read_direction, writing_in
from lib.present.index import name_document_language
from lib.present.nav import (
    add_heading_ids,
    find_related,
    list_articles,
    list_csv_articles,
    list_named_states,
    name_language,
    render_navigation,
)

KERNEL_NAME = "uncac-ta"  # the project kernelspec installed in the venv by `make venv` (never a user-level one)
KERNEL_MODE_ENV = "UNCAC_KERNEL"  # set to "fresh" to run every notebook on a plain Jupyter kernel (slower; for debugging)
FORK_ENGINE = "uncac-fork"  # lib.pipeline.engine: each notebook in a forked child of the pre-imported worker (the default)
KERNEL_ENGINE = "nbclient"  # papermill's own engine: a new Jupyter kernel per notebook
POOL_ENGINE = "uncac-pool"  # lib.pipeline.pool: nbclient on kernels started ahead (UNCAC_KERNEL=pool; slower, kept to measure)
TEMPLATE_DIR = ROOT / "templates"
# What sanitised outputs may contain: the markup lib.present.report writes; anything else is escaped to inert text.
ALLOWED_TAGS = [
    "a",
    "b",
    "br",
    "caption",
    "code",
    "details",
    "div",
    "em",
    "h1",
    "h2",
    "h3",
    "i",
    "li",
    "p",
    "section",
    "span",
    "strong",
    "summary",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
    "ol",
]
ALLOWED_ATTRIBUTES = {"*": ["class"], "a": ["href", "title"], "table": ["data-csv"]}  # data-csv: the table's CSV
SHOWN_MIMETYPES = {"text/html", "text/markdown", "image/png", "text/plain"}  # the output types templates/offline shows
CLEANED_MIMETYPES = {"text/html", "text/markdown"}  # of them, those cleaned to the allow-list
# What would make a page run script or fetch something from the network; the build fails on any of them.
FORBIDDEN_TAGS = {"script", "iframe", "object", "embed", "frame", "base", "meta"}  # meta: refresh redirects
REMOTE_URL = re.compile(r"^\s*(https?:|//|javascript:)", re.IGNORECASE)
REMOTE_CSS = re.compile(r"@import|url\(\s*[\"']?\s*(https?:|//)", re.IGNORECASE)
URL_ATTRIBUTES = {"src", "href", "srcset", "action", "formaction", "data", "poster", "background"}

_exporter = None


class ReportFailed(Exception):
    """A report notebook failed; the previous report is kept."""


def get_exporter():
    """Return the process's HTML exporter (created once: the first render costs about a second).

    A plain nbconvert TemplateExporter (nbconvert 7.17.2, pinned) with the report template (templates/offline), its
    documented traits (template_name, extra_template_basedirs, exclude_input, exclude_input_prompt,
    exclude_output_prompt, optimistic_validation) and register_preprocessor. HTMLExporter is not used: its extra
    resources serve JupyterLab's stylesheet, widgets and MathJax, which a report page leaves out, and its final
    BeautifulSoup pass (a quarter of the render) only adds placeholder alt text (report images carry their reading)
    and makes code and output areas focusable.
    """
    global _exporter
    if _exporter is None:
        from nbconvert.exporters import TemplateExporter
        from nbconvert.preprocessors import TagRemovePreprocessor

        # optimistic_validation: validate the notebook once after the preprocessors, not after each of them.
        _exporter = TemplateExporter(
            template_name="offline",
            extra_template_basedirs=[str(TEMPLATE_DIR)],
            file_extension=".html",
            exclude_input=True,
            exclude_input_prompt=True,
            exclude_output_prompt=True,
            optimistic_validation=True,
        )
        # a cell tagged NOTEBOOK_ONLY (the analyst's introduction to a notebook) is left out of the page
        _exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags={NOTEBOOK_ONLY_TAG}), enabled=True)
        _exporter.register_preprocessor(make_sanitizer(), enabled=True)
    return _exporter


def make_sanitizer():
    """Return the preprocessor that cleans what a page may show: markdown cells and HTML or markdown outputs.

    HTML is cleaned by nh3 (Rust's ammonia, the maintained successor of the deprecated bleach) to the allow-list
    (ALLOWED_TAGS, ALLOWED_ATTRIBUTES): a disallowed tag is removed (the content of script and style with it), an
    attribute off the list is dropped. Every output type the report template does not show is removed. An nbconvert
    Preprocessor overriding preprocess_cell (the documented way to write one).
    """
    import nh3
    from nbconvert.preprocessors import Preprocessor

    tags, attributes = set(ALLOWED_TAGS), {tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()}

    def clean(html: str) -> str:
        return nh3.clean(html, tags=tags, attributes=attributes, link_rel=None, strip_comments=True)

    class Sanitizer(Preprocessor):
        def preprocess_cell(self, cell, resources, index):
            if cell.cell_type != "code":
                cell.source = clean(cell.source)
                return cell, resources
            for output in cell.outputs:
                data = output.get("data", {})
                for mime in list(data):
                    if mime not in SHOWN_MIMETYPES:
                        del data[mime]
                    elif mime in CLEANED_MIMETYPES:
                        data[mime] = clean(data[mime])
            return cell, resources

    return Sanitizer()


class _UnsafeFinder(HTMLParser):
    """Collect the tags and attributes of a page that would run script or load a remote resource."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.in_style = False

    def handle_starttag(self, tag, attrs):
        if tag == "img" and not dict(attrs).get("alt"):
            self.found.append("<img> without alt text")
        if tag in FORBIDDEN_TAGS and not (tag == "meta" and all(k in ("charset", "name", "content") for k, _ in attrs)):
            self.found.append(f"<{tag}> element")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...> event handler")
            elif name in URL_ATTRIBUTES and REMOTE_URL.match(value):
                self.found.append(f"<{tag} {name}={value[:60]!r}>")
            elif name == "style" and REMOTE_CSS.search(value):
                self.found.append(f"<{tag} style=...> remote CSS")
        self.in_style = tag == "style"

    def handle_endtag(self, tag):
        self.in_style = False

    def handle_data(self, data):
        if self.in_style and REMOTE_CSS.search(data):
            self.found.append(f"<style> loads {REMOTE_CSS.search(data).group(0)!r}")


def find_unsafe_html(html: str) -> list[str]:
    """Return what in a page would run script or load from the network, or an image without alt text (not escaped text)."""
    finder = _UnsafeFinder()
    finder.feed(html)
    finder.close()
    return finder.found


def read_commit() -> str:
    """Return the short commit of the checkout, '-dirty' when it has uncommitted changes ('unknown' outside git)."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        return head + ("-dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def replace_dir(src: Path, dest: Path) -> None:
    """Move a folder into place, removing the previous one only after the new one is there."""
    old = dest.with_name(f".old-{dest.name}-{os.getpid()}")
    if dest.exists():
        dest.rename(old)
    src.rename(dest)
    shutil.rmtree(old, ignore_errors=True)


def warm_up_exporter() -> None:
    """Render an empty notebook once, so that forked workers inherit a ready exporter (the first render costs ~0.5 s)."""
    import nbformat

    get_exporter().from_notebook_node(nbformat.v4.new_notebook())


NOTEBOOK_ONLY_TAG = "notebook-only"  # a cell for the analyst in JupyterLab (how to use the notebook), not for readers
INJECTED_TAG = "injected-parameters"  # the tag papermill gives the cell of parameters it inserts
# papermill gives that cell a random id; a fixed one makes two builds of the same data identical (page and notebook)
INJECTED_CELL_ID = "injected-parameters"
REPORT_OUTPUT = "uncac_report"  # = lib.present.report.REPORT_OUTPUT (the driver stays free of the report's heavy imports)
LANG_KEY = "uncac_lang"  # = lib.present.report.LANG_KEY: the language of an output written in another than the source one
SOURCE_LANGUAGE = "en"  # = lib.present.i18n.SOURCE_LANGUAGE: its page is <id>.html, another language's <id>.<language>.html
# The reports written in every language of LANGUAGES (the documents the Working Group's members read); the others, for
# the Secretariat, in the source language.
MULTILINGUAL = {"background_paper", "regional_needs", "country_brief"}
OUTPUT_KINDS = {
    "stream": "text printed",
    "execute_result": "a bare value (a DataFrame, a number) left at the end of the cell",
    "display_data": "a display not made through the report API (display(), or a chart not passed to rep.figure)",
    "error": "an error",
}  # what a cell shows that the report API did not make, in words


@dataclass(frozen=True)
class Settings:
    """Where one run of the driver reads and writes, and how it executes notebooks."""

    data_dir: str
    reports_dir: Path
    build: str = "restricted"
    commit: str = "unknown"
    engine_name: str = FORK_ENGINE
    notebooks_dir: Path = ROOT / "notebooks"
    languages: tuple[str, ...] = (SOURCE_LANGUAGE,)  # LANGUAGES: the source language first

    @property
    def policy(self) -> Policy:
        """Return what the build may publish, as far as the driver needs it (public or not)."""
        return Policy(self.build)

    @property
    def work_dir(self) -> Path:
        """Return the build's working folder, beside the reports folder and never inside it: queue, scratch, failed
        notebooks and, for a public build, the reports staged until their audit passes."""
        return work_dir_of(self.reports_dir)

    @property
    def destination(self) -> Path:
        """Return where a built report goes: its place in a restricted build; the staging folder in a public one."""
        return self.work_dir / "staging" if self.policy.is_public else self.reports_dir


def work_dir_of(reports_dir: Path) -> Path:
    """Return the working folder of a reports folder: reports/public -> reports/public.work."""
    reports_dir = Path(reports_dir)
    return reports_dir.with_name(reports_dir.name + ".work")


def find_unreported_outputs(nb, notebook: str) -> list[str]:
    """Return one sentence per output of a cell that the report API did not make (a public build publishes none)."""
    problems, number = [], 0
    for cell in nb.cells:
        if cell.cell_type != "code" or INJECTED_TAG in cell.metadata.get("tags", []):
            continue
        number += 1
        for out in cell.outputs:
            if out.output_type == "display_data" and out.get("metadata", {}).get(REPORT_OUTPUT):
                continue
            first = (cell.source.strip().splitlines() or [""])[0][:70]
            problems.append(
                f"{notebook}.ipynb, code cell {number} ({first!r}) shows {OUTPUT_KINDS.get(out.output_type, out.output_type)}, "
                f"which a public build does not publish: show it with rep.table, rep.figure or rep.paragraph"
            )
    return problems


def fix_injected_cell_id(nb) -> None:
    """Give the cell of parameters papermill inserted its fixed id (INJECTED_CELL_ID) in place of a random one."""
    for cell in nb.cells:
        if INJECTED_TAG in cell.metadata.get("tags", []):
            cell.id = INJECTED_CELL_ID


def build_report(report_id: str, settings: Settings) -> dict:
    """Execute one report into a scratch folder, render it, then move it to its destination; return its metadata."""
    import nbformat
    import papermill

    started = time.perf_counter()
    spec = describe_report(report_id, raw_dir(settings.data_dir))
    scratch = settings.work_dir / "tmp" / f"{report_id}-{os.getpid()}"
    shutil.rmtree(scratch, ignore_errors=True)
    tables = scratch / report_id
    tables.mkdir(parents=True)
    executed = scratch / "notebook.ipynb"
    data = str(Path(settings.data_dir).resolve()) if settings.data_dir else ""
    params = dict(spec["parameters"], data_dir=data, tables_dir=str(tables), build=settings.build)
    languages = settings.languages if spec["notebook"] in MULTILINGUAL else (SOURCE_LANGUAGE,)
    if spec["notebook"] in MULTILINGUAL:
        params["languages"] = " ".join(languages)
    if settings.engine_name == FORK_ENGINE:
        import lib.pipeline.engine  # noqa: F401  registers the engine with papermill
    elif settings.engine_name == POOL_ENGINE:
        import lib.pipeline.pool  # noqa: F401  registers the prototype with papermill
    try:
        nb = papermill.execute_notebook(
            str(settings.notebooks_dir / f"{spec['notebook']}.ipynb"),
            str(executed),
            parameters=params,
            engine_name=settings.engine_name,
            kernel_name=KERNEL_NAME,
            progress_bar=False,
            request_save_on_cell_execute=False,
            cwd=str(ROOT),
        )
    except Exception as exc:
        last = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
        raise ReportFailed(
            f"{report_id}: {last} (executed notebook with the error: {keep_failed(settings, report_id, executed, scratch)}; "
            f"the previous report, if any, is kept)"
        ) from None
    fix_injected_cell_id(nb)
    if settings.policy.is_public and (problems := find_unreported_outputs(nb, spec["notebook"])):
        raise ReportFailed(f"{report_id}: {problems[0]} (executed notebook: {keep_failed(settings, report_id, executed, scratch)}).")
    written = {language: select_language(nb, language) for language in languages}  # one executed notebook, a page per language
    html, _ = get_exporter().from_notebook_node(written[SOURCE_LANGUAGE], resources={"metadata": {"name": spec["title"]}})
    unsafe = find_unsafe_html(html)
    if unsafe:
        shutil.rmtree(scratch, ignore_errors=True)
        raise ReportFailed(f"{report_id}: the rendered page fails its safety check ({unsafe[0]!r}); not published.")
    if not settings.policy.is_public:  # analysts open the executed notebook; a public folder holds only what is published
        nbformat.write(nb, tables / "notebook.ipynb")
    manifest = json.loads((processed_dir(settings.data_dir) / "manifest.json").read_text(encoding="utf-8"))
    state_sha = processed_dir(settings.data_dir) / "by_state" / f"{spec['parameters'].get('state_code', '')}.sha"
    checksum = (
        state_sha.read_text(encoding="utf-8").strip()
        if "state_code" in spec["parameters"] and state_sha.is_file()
        else manifest["data_checksum"]
    )  # a country brief depends on its State's answers only
    meta = dict(
        spec,
        build=settings.build,
        data_checksum=checksum,
        is_synthetic=manifest["is_synthetic"],
        built_at=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        commit=settings.commit,
        tables=sorted(p.name for p in tables.glob("*.csv")),
        seconds=round(time.perf_counter() - started, 1),
    )
    # The documents' writers import the report API, and with it matplotlib: only after engine.preload() has created the
    # shell the notebooks run in (as in a kernel, the shell exists before matplotlib is imported), so here, not at the top.
    from lib.pipeline.documents import collect_blocks, collect_provenance, write_documents

    meta["notes"] = collect_provenance(nb)

    documents = write_documents(collect_blocks(written[SOURCE_LANGUAGE]), meta, spec["notebook"], scratch, tables)
    if documents.get("problems"):
        shutil.rmtree(scratch, ignore_errors=True)
        raise ReportFailed(f"{report_id}: its document fails a check ({documents['problems'][0]}); not published.")
    if documents:
        meta["documents"] = {k: documents[k] for k in ("files", "words", "pages")}
    pages, titles = {}, {}
    for language in languages[1:]:  # the other languages: their page and documents from the same executed notebook
        pages[language], files, titles[language] = write_language(
            written[language], language, dict(meta, title=spec["title"]), scratch, tables, settings
        )
        if documents:
            meta["documents"]["files"] += files
    meta["languages"] = list(languages)
    meta["titles"] = titles  # each other language's page title (the search finds the page by it)
    meta["language_names"] = {language: name_language(language) for language in languages}  # the index names them so
    articles = sorted(set(list_articles(html)) | set(list_csv_articles(tables)))  # the site's search finds a report by them
    # the search finds a report by the States it names; a public build lists none there (its respondents are in Annex I)
    named = [] if settings.policy.is_public else list_named_states(html, list(state_names(raw_dir(settings.data_dir)).values()))
    meta.update(articles=articles, headings=[text for _, _, text in add_heading_ids(html)[1]], states_named=named)
    html = add_navigation(html, meta, tables, settings)
    for language, page in pages.items():
        with writing_in(language):  # the navigation in the page's language
            page = add_navigation(page, meta, tables, settings, language)
        (scratch / f"{report_id}.{language}.html").write_text(page, encoding="utf-8")
    if unsafe := find_unsafe_html(html):
        shutil.rmtree(scratch, ignore_errors=True)
        raise ReportFailed(f"{report_id}: the page's navigation fails its safety check ({unsafe[0]!r}); not published.")
    meta["seconds"] = round(time.perf_counter() - started, 1)
    (tables / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    (scratch / f"{report_id}.html").write_text(html, encoding="utf-8")
    place_report(scratch, report_id, settings.destination)
    shutil.rmtree(scratch, ignore_errors=True)
    forget_failure(settings, report_id)
    return meta


def select_language(nb, language: str):
    """Return the executed notebook as one language's page shows it: the outputs written in that language (the source
    language's carry no mark, nor do other outputs); the notebook itself when it holds one language only."""
    import copy

    marked = [o.get("metadata", {}).get(LANG_KEY) for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    if not any(marked):
        return nb
    chosen = copy.copy(nb)  # the outputs are shared with the executed notebook, read only: no deep copy of every picture
    keep = lambda cell: cell.cell_type == "code" or language == SOURCE_LANGUAGE  # noqa: E731  the analysts' introduction: English
    chosen.cells = [copy.copy(cell) for cell in nb.cells if keep(cell)]
    for cell in chosen.cells:
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.get("outputs", []) if (o.get("metadata", {}).get(LANG_KEY) or SOURCE_LANGUAGE) == language]
    return chosen


def write_language(nb, language: str, meta: dict, scratch: Path, tables: Path, settings: Settings) -> tuple[str, list[str], str]:
    """Write a report's page (returned, before its navigation) and documents in another language than the source one;
    return the page, the documents' files (<id>.<language>.docx and .pdf) and the page's title."""
    from lib.pipeline.documents import collect_blocks, write_documents  # after engine.preload(): see run_report

    blocks = collect_blocks(nb)
    with writing_in(language):
        head = next((b for b in blocks if b["kind"] == "masthead"), {})
        title = ", ".join(t for t in (head.get("subtitle") or head.get("title"), head.get("meeting")) if t) or meta["title"]
        html, _ = get_exporter().from_notebook_node(nb, resources={"metadata": {"name": title}})
        html = html.replace('<html lang="en">', f'<html lang="{language}" dir="{read_direction()}">', 1)
        if unsafe := find_unsafe_html(html):
            raise ReportFailed(f"{meta['report_id']}: its {language} page fails its safety check ({unsafe[0]!r}); not published.")
        if read_direction() == "rtl":  # the PDF writer does not shape right-to-left scripts yet: the page only, for now
            return html, [], title
        written = dict(meta, report_id=f"{meta['report_id']}.{language}", language=language)
        documents = write_documents(blocks, written, meta["notebook"], scratch, tables)
    if documents.get("problems"):
        raise ReportFailed(f"{meta['report_id']}: its {language} document fails a check ({documents['problems'][0]}); not published.")
    return html, documents.get("files", []), title


def add_navigation(html: str, meta: dict, tables: Path, settings: Settings, language: str = SOURCE_LANGUAGE) -> str:
    """Return the page with its navigation (lib.present.nav): the related reports of this build, the downloads and the
    page in its other languages."""
    raw = raw_dir(settings.data_dir)
    groups = {(r["state_code"], r["meeting_id"]): r["group_code"] for r in read_respondents(raw)}
    meetings = [m["meeting_id"] for m in sorted(read_csv(raw / "reference" / "meetings.csv"), key=lambda m: m["start_date"])]
    found = find_related(meta["report_id"], list_reports(raw, settings.build), groups, meetings)
    if settings.policy.is_public and meta["notebook"] != "country_brief":  # a public aggregate names no State: briefs via the index
        found = [(i, how) for i, how in found if not i.startswith("country_brief--")]
    same_meeting = f", {meta['meeting_name']}" if meta.get("meeting_name") else ""  # a title names its meeting only when it differs
    related = [(i, describe_report(i, raw)["title"].removesuffix(same_meeting), how) for i, how in found]
    exports = sorted(tables.glob("*.xlsx")) + sorted(tables.glob("*.ics"))  # the workbook and calendar a report writes
    documents = meta.get("documents", {}).get("files", [])  # this page's language's: <id>.docx, or <id>.<language>.docx
    mine = [f for f in documents if name_document_language(meta, f) == language]
    files = mine + [f"{meta['report_id']}/{p.name}" for p in exports]
    others = [(lang, meta["report_id"] + ("" if lang == SOURCE_LANGUAGE else f".{lang}")) for lang in meta.get("languages", [])]
    return render_navigation(html, meta["report_id"], meta["tables"], files, related, [o for o in others if o[0] != language])


def describe_documents(meta: dict) -> str:
    """Return what the build line says of a report's documents: their files, and the words against the limit."""
    from lib.pipeline.documents import WORD_LIMIT  # after engine.preload(): see run_report

    docs = meta.get("documents")
    if not docs:
        return ""
    kinds = dict.fromkeys(f.rsplit(".", 1)[1] for f in docs["files"])  # one word per format, whatever the languages
    files = " and ".join(k.upper().replace("DOCX", "Word") for k in kinds)
    if len(meta.get("languages", [])) > 1:
        files += f" ({', '.join(meta['languages'])})"
    pages = f", {docs['pages']} page{'s' if docs['pages'] != 1 else ''}" if docs.get("pages") else ""
    if meta["notebook"] == "country_brief":
        return f"; {files}{pages}"
    verdict = "within" if docs["words"] <= WORD_LIMIT else "OVER"
    return f"; {files}: {docs['words']:,} words, {verdict} the {WORD_LIMIT:,}-word limit{pages}"


def place_report(folder: Path, report_id: str, destination: Path) -> None:
    """Move a built report (its folder of tables, then its page) from a scratch or staging folder to its destination."""
    destination.mkdir(parents=True, exist_ok=True)
    replace_dir(folder / report_id, destination / report_id)
    documents = [*folder.glob(f"{report_id}.docx"), *folder.glob(f"{report_id}.pdf"), *folder.glob(f"{report_id}.*.*")]
    for document in sorted(documents):
        os.replace(document, destination / document.name)  # the Word file and PDF beside the page, and the other languages'

    os.replace(folder / f"{report_id}.html", destination / f"{report_id}.html")  # the make target appears last, and only on success


def keep_failed(settings: Settings, report_id: str, executed: Path, scratch: Path) -> Path:
    """Keep a failed report's executed notebook in the working folder's failed/ (never in a reports folder); return its path."""
    failed = settings.work_dir / "failed"
    failed.mkdir(parents=True, exist_ok=True)
    if executed.exists():
        shutil.copy(executed, failed / f"{report_id}.ipynb")
    shutil.rmtree(scratch, ignore_errors=True)
    return failed / f"{report_id}.ipynb"


def forget_failure(settings: Settings, report_id: str) -> None:
    """Remove a report's earlier failure once it builds: failed/ holds only the current failures."""
    (settings.work_dir / "failed" / f"{report_id}.ipynb").unlink(missing_ok=True)


def _build_safely(args: tuple) -> tuple[str, dict | None, str]:
    """Worker entry point: build one report and return (id, meta, error)."""
    report_id, settings = args
    try:
        return report_id, build_report(report_id, settings), ""
    except ReportFailed as exc:
        return report_id, None, str(exc)
    except Exception as exc:  # a bug in the driver or a broken environment: say which report it hit
        return report_id, None, f"{report_id}: {type(exc).__name__}: {exc}"


BUILD_MARKER = ".build"  # in a reports folder: which build (restricted or public) it holds; the two never mix


def claim_reports_dir(reports_dir: Path, build: str) -> None:
    """Mark a reports folder as holding one build; stop if it already holds the other (public pages beside restricted ones)."""
    reports_dir.mkdir(parents=True, exist_ok=True)
    marker = reports_dir / BUILD_MARKER
    held = marker.read_text(encoding="utf-8").strip() if marker.is_file() else ""
    if held and held != build:
        raise SystemExit(
            f"make reports: {reports_dir} holds a {held} build; build the {build} one into another folder "
            f"(REPORTS_DIR=...), or empty this one with make clean."
        )
    if not held and any(reports_dir.glob("*--*.html")):
        held = "restricted"  # a folder from before builds were marked: restricted
        if held != build:
            raise SystemExit(f"make reports: {reports_dir} holds restricted reports; build the public one into another folder.")
    marker.write_text(build + "\n", encoding="utf-8")


def build_reports(
    report_ids: list[str],
    data_dir: str,
    reports_dir: str,
    jobs: int = 2,
    build: str = "restricted",
    notebooks_dir: Path = ROOT / "notebooks",
    languages: tuple[str, ...] = (SOURCE_LANGUAGE,),
) -> list[str]:
    """Build reports over `jobs` worker processes; return the failure messages (empty when all succeeded).

    A public build stages its reports and publishes them only when the audit of everything the folder would then
    hold finds no count of 1 or 2 States that can be worked out (lib.analysis.audit); otherwise it publishes nothing new."""
    claim_reports_dir(Path(reports_dir), build)
    engine_name = {"fresh": KERNEL_ENGINE, "pool": POOL_ENGINE}.get(os.environ.get(KERNEL_MODE_ENV, "fork"), FORK_ENGINE)
    languages = (SOURCE_LANGUAGE, *(lang for lang in dict.fromkeys(languages) if lang != SOURCE_LANGUAGE))
    settings = Settings(data_dir, Path(reports_dir), build, read_commit(), engine_name, Path(notebooks_dir), languages)
    for leftover in ("tmp", "staging"):  # a killed build's scratch: only one build runs on a folder at a time (make's lock)
        shutil.rmtree(settings.work_dir / leftover, ignore_errors=True)
    if engine_name == FORK_ENGINE:
        from lib.pipeline import engine

        engine.preload()  # before the workers fork: every notebook's child starts from these imports
    elif engine_name == POOL_ENGINE:
        import lib.pipeline.pool  # noqa: F401  imported before forking, so every worker shares it
    import papermill  # noqa: F401  imported before forking, so every worker shares it

    warm_up_exporter()
    tasks = [(r, settings) for r in report_ids]
    if jobs <= 1 or len(tasks) <= 1:
        results = [_build_safely(t) for t in tasks]
    else:
        with ProcessPoolExecutor(max_workers=min(jobs, len(tasks)), mp_context=get_context("fork")) as pool:
            results = list(pool.map(_build_safely, tasks))
    failures = []
    for report_id, meta, error in results:
        if error or meta is None:  # _build_safely gives a meta only with no error
            failures.append(error)
            print(f"FAILED  {error}", file=sys.stderr)
        else:
            print(f"built   {report_id}.html ({meta['seconds']} s, {len(meta['tables'])} tables{describe_documents(meta)})")
    if settings.policy.is_public:
        failures += publish_if_audited(settings, [r for r, meta, _ in results if meta])
    shutil.rmtree(settings.work_dir / "tmp", ignore_errors=True)
    return failures


def publish_if_audited(settings: Settings, built: list[str]) -> list[str]:
    """Audit the public folder as it would be with the staged reports; move them into place only if no count of 1 or 2
    States can be worked out; otherwise discard them and return one failure naming the cells and the figures."""
    from lib.analysis.audit import audit_build, describe_findings, is_failed  # only a public build audits (scipy, HiGHS)

    staging = settings.destination
    called_for = set(list_reports(raw_dir(settings.data_dir), "public"))  # the index removes the others (a withdrawn consent)
    kept = called_for - set(built)
    folders = [p.parent for p in settings.reports_dir.glob("*/meta.json") if p.parent.name in kept]
    folders += [staging / r for r in built]
    started = time.perf_counter()
    findings = audit_build(folders, settings.data_dir)
    failed = is_failed(findings)
    print(f"audit   ({time.perf_counter() - started:.1f} s) " + describe_findings(findings, limit=5))
    if failed:
        shutil.rmtree(staging, ignore_errors=True)
        return [
            "the public build failed its audit (above), so nothing new was published: a count of 1 or 2 States can be "
            "worked out from the published figures, or a published figure differs from the audit's own count"
        ]
    for report_id in built:
        place_report(staging, report_id, settings.reports_dir)
    shutil.rmtree(staging, ignore_errors=True)
    if release := register_release(settings.data_dir, settings.reports_dir, settings.commit):
        print(f"release {release}: registered in {releases_dir(settings.data_dir)} (what this public build published, cell by cell)")
    return []


def read_queue(path: Path) -> list[str]:
    """Return the distinct report ids queued by make (in queue order) and empty the queue."""
    if not path.is_file():
        return []
    ids = list(dict.fromkeys(line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()))
    path.unlink()
    return ids


def main(argv: list[str] | None = None) -> int:
    """Command line: python -m lib.pipeline.driver (--queue FILE | REPORT_ID ...) --data-dir D --reports-dir R [--jobs N]."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("report_ids", nargs="*", help="report ids (see python -m lib.pipeline.plan list)")
    parser.add_argument("--queue", help="file of report ids written by make")
    parser.add_argument("--data-dir", default="")
    parser.add_argument("--reports-dir", default=str(ROOT / "reports"))
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument(
        "--build", default="restricted", choices=list(BUILDS), help="restricted (everything) or public (publishable content only)"
    )
    parser.add_argument("--notebooks-dir", default=str(ROOT / "notebooks"), help="the report notebooks (a copy, for tests)")
    parser.add_argument("--languages", default=SOURCE_LANGUAGE, help="the documents' languages, space-separated: 'en fr es'")
    args = parser.parse_args(argv)
    ids = args.report_ids + (read_queue(Path(args.queue)) if args.queue else [])
    if not ids:
        return 0
    if len(ids) > 1:  # a newcomer's first build runs for a minute or more: say what is coming before the first line
        print(f"Building {len(ids)} report(s), {min(args.jobs, len(ids))} at a time; one line below as each is done.", flush=True)
    languages = tuple(args.languages.split())
    failures = build_reports(ids, args.data_dir, args.reports_dir, args.jobs, args.build, Path(args.notebooks_dir), languages)
    if failures:
        print(f"make reports: {len(failures)} of {len(ids)} report(s) failed; the others were built.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
