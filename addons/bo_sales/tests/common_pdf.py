# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""PDF reports checked as a running server prints them and as a person reads them.

The test is an ``HttpCase``: Odoo's test server runs and ``web.base.url`` points
at it, so wkhtmltopdf fetches the report CSS (Bootstrap grid, the company's
fonts) from the server as it does for a user, instead of printing bare HTML.

The pages are then read back the way a person reads them: rasterised
(``pdftoppm``) and recognised (``tesseract``, Italian and English). Reading the
PDF's text layer instead is not possible with the report CSS served by the
wkhtmltopdf Debian ships (Qt without wkhtmltopdf's patches): it draws text set
in web fonts as outlines, so the PDF has no text layer at all. Recognition
confuses a few glyphs that look alike in the report font (``I``, ``l`` and
``1``; ``O`` and ``0``; ``S``, ``$`` and ``5``; ``B`` and ``8``; ``Z`` and
``2``), drops or adds spaces and small punctuation (a period before a comma):
:func:`printed` maps the expected words and the page text to the same form,
letters and digits only, so a word that is printed is found and one
that is not printed is not.

The tools come with ``make setup`` (Debian's poppler-utils and tesseract-ocr);
a missing one fails the test, it is not skipped.
"""

import subprocess
import tempfile
from pathlib import Path

from odoo.tests import HttpCase

# Glyphs the recognition confuses in the report font, mapped to one of each set.
_LOOKALIKES = str.maketrans(
    {
        "I": "1",
        "l": "1",
        "|": "1",
        "O": "0",
        "S": "5",
        "$": "5",
        "§": "5",
        "B": "8",
        "Z": "2",
        "’": "'",
        "‘": "'",
        "“": '"',
        "”": '"',
        "–": "-",
        "—": "-",
    }
)


def printed(text):
    """``text`` in the form it is compared in: look-alike glyphs merged, letters
    and digits only (recognition drops or adds spaces and small punctuation)."""
    return "".join(char for char in text.translate(_LOOKALIKES) if char.isalnum())


def read_pages(pdf, dpi=300):
    """The text a reader sees on each page of ``pdf`` (bytes), page by page."""
    with tempfile.TemporaryDirectory(prefix="bo_pdf_") as folder:
        source = Path(folder, "report.pdf")
        source.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", "-png", str(source), str(Path(folder, "page"))],
            check=True,
            capture_output=True,
        )
        # pdftoppm pads the page numbers to one width: names sort as pages do.
        images = sorted(Path(folder).glob("page-*.png"))
        return [
            subprocess.run(
                ["tesseract", str(image), "-", "-l", "ita+eng"],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            for image in images
        ]


class PrintedPdfCase(HttpCase):
    """Base of the test classes that print PDF reports; put it first among the
    bases (``class TestX(PrintedPdfCase, SomeCommon)``)."""

    def render_pdf(self, report_ref, res_ids, data=None, report=None):
        """PDF bytes of ``report_ref`` for ``res_ids``, printed with the report
        CSS served by the running test server."""
        report = report or self.env["ir.actions.report"]
        self.assertEqual(
            report._get_report_url(),
            self.base_url(),
            "wkhtmltopdf must fetch the report CSS from the running server",
        )
        pdf, _format = report.with_context(force_report_rendering=True)._render_qweb_pdf(
            report_ref, res_ids, data=data
        )
        return pdf

    def assertPrinted(self, expected, page_text, msg=None):
        """``expected`` is printed on the page(s) whose text is ``page_text``."""
        self.assertIn(printed(expected), printed(page_text), msg)

    def assertNotPrinted(self, unexpected, page_text, msg=None):
        self.assertNotIn(printed(unexpected), printed(page_text), msg)
