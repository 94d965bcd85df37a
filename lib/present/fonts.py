"""The documents' typeface for print: STIX General, a Times design with Times New Roman's widths, shipped with matplotlib."""

from __future__ import annotations

from pathlib import Path

import matplotlib
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

# STIX General (SIL Open Font License) ships with matplotlib, a pinned dependency, so no system font is needed. It is a
# serif with Times New Roman's letter widths (a paper of ours sets within 0.3 per cent of Times New Roman's width), which
# the Word file names: the PDF and the Word file break lines and pages alike. It draws every letter of a State's name
# ("Türkiye", "Côte d'Ivoire") and the en dash. reportlab embeds the letters a PDF uses.
FONT, BOLD, ITALIC, BOLD_ITALIC = "STIXGeneral", "STIXGeneral-Bold", "STIXGeneral-Italic", "STIXGeneral-BoldItalic"
FILES = {FONT: "STIXGeneral.ttf", BOLD: "STIXGeneralBol.ttf", ITALIC: "STIXGeneralItalic.ttf", BOLD_ITALIC: "STIXGeneralBolIta.ttf"}


def register_fonts() -> None:
    """Register STIX General (regular, bold, italic, bold italic) with reportlab from matplotlib's fonts, once."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    for name, file in FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)


def measure(text: str, size: float, bold: bool = False) -> float:
    """Return the width of a text in points, set in the documents' typeface at a size (bold for a table's header)."""
    register_fonts()
    return pdfmetrics.stringWidth(text, BOLD if bold else FONT, size)
