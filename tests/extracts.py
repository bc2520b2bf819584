"""The agencies' extracts as a test reads them, independently of the pipeline's reader: UTF-8
when the file starts with a byte-order mark, else Windows-1257 (Baltic), ';'-separated."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

BOM = b"\xef\xbb\xbf"


def has_bom(path: Path) -> bool:
    return path.read_bytes().startswith(BOM)


def extract_text(path: Path) -> str:
    data = path.read_bytes()
    return data.decode("utf-8-sig") if data.startswith(BOM) else data.decode("cp1257")


def extract_rows(paths: Path | Iterable[Path]) -> list[dict[str, str]]:
    """The rows of one extract, or of several in the order given, as {column: text}."""
    paths = [paths] if isinstance(paths, Path) else paths
    return [
        row
        for path in paths
        for row in csv.DictReader(io.StringIO(extract_text(path), newline=""), delimiter=";")
    ]
