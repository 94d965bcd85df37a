"""Check the message catalogs against the code: a template older than the messages of lib/, a catalog not updated from
the template, or a message a translation leaves out or only guesses (fuzzy) fails `make lint` with one sentence each."""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_python
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from lib.present.i18n import DOMAIN, LOCALES_DIR, SOURCE_LANGUAGE, list_languages

ROOT = Path(__file__).resolve().parents[2]  # the repository: babel.cfg's paths are relative to it
MAPPING = "babel.cfg"  # what `make catalogs` extracts (in the locales folder), read here the same way
TEMPLATE = f"{DOMAIN}.pot"  # the template of the catalogs, beside them


def extract_notebook(fileobj, keywords, comment_tags, options) -> Iterator:
    """Babel's extractor for notebooks (babel.cfg names it): the messages of their code cells, as its Python extractor
    finds them in a module (a notebook's headings and captions: rep.chapter(_("Introduction")))."""
    cells = json.load(fileobj)["cells"]
    code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    yield from extract_python(io.BytesIO(code.encode("utf-8")), keywords, comment_tags, options)


def extract_messages(root: Path = ROOT, locales: Path = LOCALES_DIR) -> set[tuple[str | None, object]]:
    """Return the messages the code holds now, as (context, id) pairs; an id is a (singular, plural) pair for a plural."""
    with (locales / MAPPING).open() as f:
        method_map, options_map = parse_mapping_cfg(f)
    found: set[tuple[str | None, object]] = set()
    for _file, _line, message, _comments, context in extract_from_dir(str(root), method_map, options_map):
        found.add((context, message if isinstance(message, str) else tuple(message)))
    return found


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    """Return a catalog read from a .po or .pot file."""
    with path.open("rb") as f:
        return read_po(f, locale=locale)


def key(message) -> tuple[str | None, object]:
    """Return a catalog entry's (context, id) pair, as extract_messages gives them."""
    return (message.context, message.id if isinstance(message.id, str) else tuple(message.id))


def check_catalogs(root: Path = ROOT, locales: Path = LOCALES_DIR) -> list[str]:
    """Return what is wrong with the catalogs, one sentence each (none when they are in step and complete): every
    language but the source one must translate every message."""
    problems = []
    template = {key(m) for m in read_catalog(locales / TEMPLATE) if m.id}
    code = extract_messages(root, locales)
    if code != template:
        problems.append(
            f"The message template is stale: {len(code - template)} message(s) of the code are not in it and "
            f"{len(template - code)} of it are no longer in the code; run `make catalogs` and translate the new messages."
        )
    for lang in list_languages(locales):
        catalog = read_catalog(locales / lang / "LC_MESSAGES" / f"{DOMAIN}.po", lang)
        held = {key(m) for m in catalog if m.id}
        if held != template:
            problems.append(f"The {lang} catalog is not in step with the template: run `make catalogs`.")
        if lang == SOURCE_LANGUAGE:  # an empty entry of the source catalog is the message as the code writes it
            continue
        missing = [m for m in catalog if m.id and not (all(m.string) if isinstance(m.string, tuple | list) else m.string)]
        fuzzy = [m for m in catalog if m.id and m.fuzzy]
        if missing or fuzzy:
            example = (missing or fuzzy)[0].id
            problems.append(
                f"The {lang} catalog has {len(missing)} untranslated and {len(fuzzy)} fuzzy message(s), the first "
                f"{example if isinstance(example, str) else example[0]!r}: translate or confirm them."
            )
    return problems


def main(argv: list[str] | None = None) -> int:
    """Check the catalogs (python -m lib.pipeline.catalogs): print each problem and fail, or print nothing."""
    argparse.ArgumentParser(description=__doc__).parse_args(argv)
    problems = check_catalogs()
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
