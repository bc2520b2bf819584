"""A PDF's text as a reader sees it, extracted by pypdf through each font's ToUnicode map (not
what the code meant to write): one string per page, the cells of one row on one line."""

from __future__ import annotations

import io

from pypdf import PdfReader

NBSP = "\u00a0"


def pdf_pages(data: bytes) -> list:
    return list(PdfReader(io.BytesIO(data)).pages)


def pdf_pages_text(data: bytes) -> list[str]:
    return [page.extract_text() for page in pdf_pages(data)]


def flat(text: str) -> str:
    """Text to search in: cells wrap at spaces (a line break was a space), and fpdf2 prints
    the no-break spaces of wrapped cells as plain spaces."""
    return text.replace("\n", " ").replace(NBSP, " ")
