"""Poppler's command-line tools (Debian's poppler-utils) for the document tests: a PDF's text by page, its pages as PNG."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from debian import install_package

INSTALL_HINT = "install Debian's poppler-utils (apt-get install poppler-utils), which provides pdftotext and pdftoppm"


def ensure_poppler() -> None:
    """Make pdftotext and pdftoppm available, installing Debian's package when missing and allowed (root with apt-get)."""
    if shutil.which("pdftotext") and shutil.which("pdftoppm"):
        return
    install_package("poppler-utils")
    if not (shutil.which("pdftotext") and shutil.which("pdftoppm")):
        raise RuntimeError(f"No pdftotext/pdftoppm for the PDF tests: {INSTALL_HINT}.")


def read_pages(pdf: Path) -> list[str]:
    """Return the text of each page of a PDF as laid out (pdftotext -layout: a line of the page is a line of text)."""
    text = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]  # every page ends with a form feed


def render_page(pdf: Path, page: int, png: Path, dpi: int = 50) -> Path:
    """Render one page of a PDF to a PNG file (pdftoppm) and return its path."""
    stem = png.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(stem)], check=True)
    return stem.with_suffix(".png")
