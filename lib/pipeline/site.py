"""Write the reports' index for a build folder, after removing the reports its data and build no longer call for."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from lib.pipeline.plan import BUILDS, list_reports
from lib.present.index import write_index


def prune_reports(reports_dir: Path, expected: list[str]) -> list[str]:
    """Remove the reports the data and build no longer call for (a withdrawn consent, a State no longer listed); return their ids."""
    keep, removed = set(expected), []
    for page in sorted(reports_dir.glob("*--*.html")):
        report_id = page.stem.split(".")[0]  # a page in another language is <id>.<language>.html, kept with its report
        if report_id not in keep:
            page.unlink()
            shutil.rmtree(reports_dir / report_id, ignore_errors=True)
            for document in (page.with_suffix(".docx"), page.with_suffix(".pdf")):  # its Word file and PDF go with it
                document.unlink(missing_ok=True)
            if report_id == page.stem:
                removed.append(report_id)
    return removed


def main(argv: list[str] | None = None) -> int:
    """Command line: python -m lib.pipeline.site REPORTS_DIR [--raw-dir R --build B] [--quiet-if-unchanged]."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("reports_dir")
    parser.add_argument("--quiet-if-unchanged", action="store_true", help="print nothing when the index did not change")
    parser.add_argument("--raw-dir", help="with --build: remove the reports this data folder and build no longer call for")
    parser.add_argument("--build", default="restricted", choices=list(BUILDS))
    args = parser.parse_args(argv)
    if args.raw_dir:
        for report_id in prune_reports(Path(args.reports_dir), list_reports(Path(args.raw_dir), args.build)):
            print(f"removed {report_id}.html (no longer called for by the data or the {args.build} build)")
    processed = Path(args.raw_dir).parent / "processed" if args.raw_dir else None  # the manifest of the provenance page
    n, wrote = write_index(Path(args.reports_dir), processed)
    if wrote or not args.quiet_if_unchanged:
        print(f"index   {Path(args.reports_dir) / 'index.html'} ({n} reports{'' if wrote else ', unchanged'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
