"""Latvian pages, exports and the PDF hold no English, and English pages no Latvian catalogue
text (issue 15: "Skaitīšanas kārtība: Each participant counted once…", the progress method, the
boundaries attribution, `platform` in the PDF's SAM column were English on Latvian pages).

The English words looked for are the words of the English UI strings that are not also words of
the Latvian ones (names such as "Open SDG" or "EuroGeographics" are in both); ALLOWED lists the
few that may stay, each with its reason. Every page is drawn on the published sample by
AppTest, with the XLSX and CSV its buttons would serve; the PDF is built from the same snapshot.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
from google.protobuf.message import Message
from streamlit.testing.v1 import AppTest

from roma_monitor.publish.snapshot import connect_published
from roma_monitor.serve.i18n import BOUNDARIES_ATTRIBUTION_LV, STRINGS
from roma_monitor.serve.report_pdf import state_of_platform_pdf
from tests.pdf_text import pdf_pages_text

DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard"
if str(DASHBOARD) not in sys.path:  # the dashboard's modules import each other by name
    sys.path.insert(0, str(DASHBOARD))

import app_auth  # noqa: E402

PAGES = [
    "app_pages/overview.py",
    "app_pages/measure.py",
    "app_pages/regions.py",
    "app_pages/platform.py",
    "app_pages/quality.py",
    "app_pages/methodology.py",
]
# English words that may appear on a Latvian page, and why (reviewed; keep it short).
ALLOWED = {
    "demo",  # `make demo`, a command
    "english",  # the language switch names each language in its own words
}
# Catalogue texts kept in one language, shown as they are (quotations of the report with their
# location; reviewers' notes): (table, column) of the published snapshot.
ONE_LANGUAGE_TEXTS = [
    ("dim_indicators", "source_citation"),
    ("dim_indicators", "target_source_citation"),
    ("ref_indicator_targets", "source_citation"),
    ("ref_measure_milestones", "source_citation"),
    ("ref_baseline_context", "source_citation"),
]
# Proto fields that hold no text a reader sees.
_HIDDEN_FIELDS = {
    *("id", "form_id", "key", "url", "spec", "data", "icon", "page_script_hash", "page"),
    "type",  # a button's kind ("secondary")
}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_PLACEHOLDER = re.compile(r"\{[^}]*\}")
_MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_\[\]<>#|~$:])")  # plain() on the methodology page


def words(text: str) -> set[str]:
    """The words of ``text``, lower case; codes (``municipality_atvk.allowed``,
    ``SIF_9144_202212.csv``, ``0–2``, ``RIGA``) are not words."""
    found = set()
    for token in re.split(r"[\s/·—–:;,()\[\]„”“\"'`*|<>=≥≤]+", text):
        token = token.strip(".!?…")
        if not token or "_" in token or "." in token or any(c.isdigit() for c in token):
            continue
        if len(token) > 1 and token.isupper():  # a code or an acronym (RIGA, NVA, ESF)
            continue
        found.update(w.lower() for w in _WORD.findall(token))
    return found


def vocabulary(lang: str) -> set[str]:
    return {w for text in STRINGS[lang].values() for w in words(_PLACEHOLDER.sub(" ", text))}


# the attribution's credited names (Who's On First, CC BY) are shown on Latvian pages too
ENGLISH_ONLY = vocabulary("en") - vocabulary("lv") - words(BOUNDARIES_ATTRIBUTION_LV) - ALLOWED


# --- what a reader sees ----------------------------------------------------------------------


def _proto_texts(message: Message) -> Iterator[str]:
    for field, value in message.ListFields():
        if field.name in _HIDDEN_FIELDS:
            continue
        values = value if field.label == field.LABEL_REPEATED else [value]
        for item in values:
            if isinstance(item, str):
                yield item
            elif isinstance(item, Message):
                yield from _proto_texts(item)


def _chart_titles(spec: Any) -> Iterator[str]:
    if isinstance(spec, dict):
        for name, value in spec.items():
            if name == "title" and isinstance(value, str):
                yield value
            elif name != "datasets":
                yield from _chart_titles(value)
    elif isinstance(spec, list):
        for value in spec:
            yield from _chart_titles(value)


def _frame_texts(frame: pd.DataFrame) -> Iterator[str]:
    yield from (str(c) for c in frame.columns)
    for column in frame.columns:
        yield from (v for v in frame[column] if isinstance(v, str))


def page_texts(at: AppTest) -> list[str]:
    """Every text the page shows: markdown, labels, help, options, table headers and cells,
    chart titles and alt texts."""
    texts: list[str] = []

    def walk(node: Any) -> None:
        for child in getattr(node, "children", {}).values():
            walk(child)
        kind = getattr(node, "type", None)
        proto = getattr(node, "proto", None)
        if kind in ("arrow_data_frame", "arrow_table", "dataframe", "table"):
            texts.extend(_frame_texts(node.value))
        elif kind in ("vega_lite_chart", "arrow_vega_lite_chart"):
            texts.append(proto.alt if hasattr(proto, "alt") else "")
            texts.extend(_chart_titles(json.loads(proto.spec)))
        elif isinstance(proto, Message):
            texts.extend(_proto_texts(proto))

    walk(at._tree)
    return texts


def english_words(texts: list[str]) -> set[str]:
    return {w for text in texts for w in words(text)} & ENGLISH_ONLY


# --- the files the buttons serve -------------------------------------------------------------


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> dict[str, Callable[[], bytes]]:
    """File name → the callable a download button would serve (recorded as the page draws)."""
    files: dict[str, Callable[[], bytes]] = {}
    real = app_auth.audited

    def record(data: Any, export: str, file_name: str, snapshot: str | None = None) -> Any:
        files[file_name] = data if callable(data) else (lambda: data)
        return real(data, export, file_name, snapshot)

    monkeypatch.setattr(app_auth, "audited", record)
    return files


def table_texts(rows: Iterable[Iterable[Any]]) -> list[str]:
    """Header and text cells of a sheet or CSV; a column of codes (its header says "kods") is
    for machines and holds codes in every language."""
    rows = iter(rows)
    header = [str(v or "") for v in next(rows, ())]
    codes = {i for i, name in enumerate(header) if "kods" in name.lower()}
    texts = list(header)
    for row in rows:
        texts.extend(v for i, v in enumerate(row) if isinstance(v, str) and i not in codes)
    return texts


def served_texts(name: str, data: bytes) -> list[str]:
    if name.endswith(".csv"):
        return table_texts(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    book = openpyxl.load_workbook(io.BytesIO(data))
    texts = [sheet.title for sheet in book.worksheets]
    for sheet in book.worksheets:
        texts.extend(table_texts(sheet.iter_rows(values_only=True)))
    return texts


def catalogue(home: Any) -> pd.DataFrame:
    with connect_published("indicators", home) as con:
        return con.execute("SELECT * FROM dim_indicators").df()


def catalogue_texts(home: Any, lang: str) -> list[str]:
    """The catalogue's texts in ``lang`` that differ from the other language's (long enough
    not to occur inside a quotation: "mērķa grupa" is in the report's own words too)."""
    frame, other = catalogue(home), "en" if lang == "lv" else "lv"
    texts = []
    for field in ("name", "definition", "counting_rule", "note", "category_name", "target_note"):
        for mine, theirs in zip(frame[f"{field}_{lang}"], frame[f"{field}_{other}"], strict=True):
            if isinstance(mine, str) and mine != theirs and len(mine) >= 30:
                texts.append(mine)
    return texts


def one_language_texts(home: Any) -> list[str]:
    with connect_published("indicators", home) as con:
        found = {
            value
            for table, column in ONE_LANGUAGE_TEXTS
            for (value,) in con.execute(f"SELECT DISTINCT {column} FROM {table}").fetchall()
            if isinstance(value, str)
        }
    return sorted(found, key=len, reverse=True)


def leftovers(
    texts: list[str], foreign_catalogue: list[str], kept: Iterable[str] = ()
) -> dict[str, Any]:
    """English words and other-language catalogue texts in ``texts``, once the ``kept``
    one-language texts are taken out."""
    shown = _MARKDOWN_ESCAPE.sub(r"\1", "\n".join(texts))
    for text in kept:
        shown = shown.replace(text, " ")
    return {
        "words": sorted(english_words([shown])),
        "catalogue": [text[:60] for text in foreign_catalogue if text[:40] in shown],
    }


# --- tests -----------------------------------------------------------------------------------


def test_the_word_list_holds_the_words_of_the_english_ui() -> None:
    assert {"counted", "rejected", "boundaries", "measure", "workshops"} <= ENGLISH_ONLY
    assert not {"esf", "atvk", "open", "sdg", "romu", "euroglobalmap"} & ENGLISH_ONLY
    assert words("SIF_9144_202212.csv noraidīts: municipality_atvk.allowed") == {"noraidīts"}


@pytest.mark.parametrize("page", PAGES)
def test_a_latvian_page_and_its_exports_hold_no_english(
    sample_home, run_app, served, page: str
) -> None:
    at = run_app(page=page)
    assert not at.exception
    english_catalogue, kept = catalogue_texts(sample_home, "en"), one_language_texts(sample_home)
    assert leftovers(page_texts(at), english_catalogue, kept) == {"words": [], "catalogue": []}
    tables = [name for name in served if name.endswith((".xlsx", ".csv"))]
    assert tables, "the page offers its tables for download"
    for name in tables:
        texts = served_texts(name, served[name]())
        assert leftovers(texts, english_catalogue, kept) == {"words": [], "catalogue": []}, name


@pytest.mark.parametrize("page", PAGES)
def test_an_english_page_shows_no_latvian_catalogue_text(sample_home, run_app, page) -> None:
    at = run_app(lang="en", page=page)
    assert not at.exception
    shown = "\n".join(page_texts(at))
    latvian = [text[:60] for text in catalogue_texts(sample_home, "lv") if text[:40] in shown]
    assert latvian == []


def test_the_latvian_pdf_holds_no_english(sample_home) -> None:
    with (
        connect_published("indicators", sample_home) as ind,
        connect_published("operations", sample_home) as ops,
    ):
        pdf = state_of_platform_pdf(ind, ops, lang="lv", today=date(2023, 2, 16))
    pages = pdf_pages_text(pdf)
    # a table cell may wrap: the words are still whole (report_pdf never splits one)
    texts = [" ".join(page.splitlines()) for page in pages]
    found = leftovers(texts, catalogue_texts(sample_home, "en"), one_language_texts(sample_home))
    assert found == {"words": [], "catalogue": []}
