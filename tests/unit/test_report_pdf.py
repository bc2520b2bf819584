"""The "state of the platform" PDF, read back: its text is decoded from the PDF itself (content
streams through each font's ToUnicode map), not from what the code meant to write."""

from __future__ import annotations

import re
import zlib
from datetime import date

import pytest

from roma_monitor.publish.snapshot import connect_published
from roma_monitor.serve.formatting import NBSP, WITHHELD_MARK
from roma_monitor.serve.i18n import BOUNDARIES_ATTRIBUTION, BOUNDARIES_ATTRIBUTION_LV, t
from roma_monitor.serve.queries import regions_latest
from roma_monitor.serve.report_pdf import map_png, state_of_platform_pdf
from roma_monitor.settings import Paths
from tests.conftest_snapshot import CODE, REJECTED_MESSAGE, publish_fixture_snapshots

# --- a minimal reader for the PDFs fpdf2 writes -----------------------------------------------

_OBJ = re.compile(rb"(\d+) 0 obj\s*")
_LENGTH = re.compile(rb"/Length (\d+)")


def pdf_objects(data: bytes) -> dict[int, tuple[bytes, bytes | None]]:
    """``{number: (dictionary, stream or None)}``, streams inflated; scanning object by object
    and skipping each stream by its /Length, so stream bytes are never parsed as objects."""
    objects: dict[int, tuple[bytes, bytes | None]] = {}
    pos = 0
    while (match := _OBJ.search(data, pos)) is not None:
        start = match.end()
        end = data.index(b"endobj", start)
        stream_at = data.find(b"stream", start, end)
        if stream_at == -1:
            objects[int(match.group(1))] = (data[start:end], None)
            pos = end + 6
            continue
        head = data[start:stream_at]
        body_start = stream_at + len(b"stream")
        body_start += 2 if data[body_start : body_start + 2] == b"\r\n" else 1
        length = int(_LENGTH.search(head).group(1))
        body = data[body_start : body_start + length]
        if b"/FlateDecode" in head:
            body = zlib.decompress(body)
        objects[int(match.group(1))] = (head, body)
        pos = data.index(b"endobj", body_start + length) + 6
    return objects


def _unicode_map(cmap: bytes) -> dict[int, str]:
    mapping: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, uni in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            mapping[int(code, 16)] = bytes.fromhex(uni.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
        for lo, hi, uni in re.findall(rb"<(\w+)>\s*<(\w+)>\s*<(\w+)>", block):
            base = int(uni, 16)
            for offset, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                mapping[code] = chr(base + offset)
    return mapping


_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _literal(content: bytes, pos: int) -> tuple[bytes, int]:
    """The PDF literal string starting at ``content[pos] == b'('`` and the position after it."""
    out, depth, i = bytearray(), 1, pos + 1
    while depth:
        char = content[i : i + 1]
        if char == b"\\":
            nxt = content[i + 1 : i + 2]
            if nxt in _ESCAPES:
                out += _ESCAPES[nxt]
                i += 2
            elif nxt.isdigit():
                octal = re.match(rb"[0-7]{1,3}", content[i + 1 : i + 4]).group(0)
                out.append(int(octal, 8))
                i += 1 + len(octal)
            elif nxt in b"\r\n":
                i += 2
            else:
                out += nxt
                i += 2
            continue
        if char == b"(":
            depth += 1
        elif char == b")":
            depth -= 1
            if depth == 0:
                break
        out += char
        i += 1
    return bytes(out), i + 1


_TOKEN = re.compile(rb"/(\w+)\s+[\d.]+\s+Tf|\(|<([0-9A-Fa-f]*)>|\bET\b")


def pdf_pages_text(data: bytes) -> list[str]:
    """The text of each page, one line per text object (BT … ET)."""
    objects = pdf_objects(data)
    font_objects = {}
    for head, _ in objects.values():
        for name, number in re.findall(rb"/(F\d+) (\d+) 0 R", head):
            font_objects[name.decode()] = int(number)
    maps = {}
    for name, number in font_objects.items():
        to_unicode = re.search(rb"/ToUnicode (\d+) 0 R", objects[number][0])
        maps[name] = _unicode_map(objects[int(to_unicode.group(1))][1]) if to_unicode else {}
    kids = next(
        re.search(rb"/Kids \[([^\]]*)\]", head).group(1)
        for head, _ in objects.values()
        if b"/Type /Pages" in head
    )
    pages = []
    for page_number in re.findall(rb"(\d+) 0 R", kids):
        head = objects[int(page_number)][0]
        content = objects[int(re.search(rb"/Contents (\d+) 0 R", head).group(1))][1]
        pages.append(_decode_content(content, maps))
    return pages


def _decode_content(content: bytes, maps: dict[str, dict[int, str]]) -> str:
    lines, line, font, pos = [], [], {}, 0
    while (match := _TOKEN.search(content, pos)) is not None:
        token = match.group(0)
        if match.group(1):
            font = maps.get(match.group(1).decode(), {})
            pos = match.end()
        elif token == b"(":
            raw, pos = _literal(content, match.start())
            line.append(_glyphs(raw, font))
        elif token.startswith(b"<"):
            line.append(_glyphs(bytes.fromhex(match.group(2).decode()), font))
            pos = match.end()
        else:  # ET
            lines.append("".join(line))
            line = []
            pos = match.end()
    return "\n".join(line for line in lines if line)


def flat(text: str) -> str:
    """Text to search in: cells wrap at spaces (a line break was a space), and fpdf2 prints
    the no-break spaces of wrapped cells as plain spaces."""
    return text.replace("\n", " ").replace(NBSP, " ")


def _glyphs(raw: bytes, font: dict[int, str]) -> str:
    codes = [int.from_bytes(raw[i : i + 2], "big") for i in range(0, len(raw) - 1, 2)]
    return "".join(font.get(code, "\ufffd") for code in codes)


# --- fixtures --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Paths:
    return publish_fixture_snapshots(tmp_path_factory.mktemp("report") / "home")


@pytest.fixture(scope="module")
def connections(home: Paths):
    with (
        connect_published("indicators", home) as ind,
        connect_published("operations", home) as ops,
    ):
        yield ind, ops


@pytest.fixture(scope="module")
def latvian(connections) -> bytes:
    return state_of_platform_pdf(*connections, lang="lv", today=date(2023, 2, 16))


@pytest.fixture(scope="module")
def english(connections) -> bytes:
    return state_of_platform_pdf(*connections, lang="en", today=date(2023, 2, 16))


# --- tests -----------------------------------------------------------------------------------


# the headers of the report's tables (targets, headlines, regions, breakdowns, loads)
TABLE_HEADER_KEYS = [
    *(f"exports.report.col_{key}" for key in ("indicator", "measure", "value", "target")),
    *(f"exports.report.col_{key}" for key in ("share", "pace", "status", "period", "total")),
    *("regions.region", "regions.value", "regions.share", "regions.roma", "regions.coverage"),
]


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_table_headers_never_split_a_word(lang: str, latvian: bytes, english: bytes) -> None:
    """Issue 15: the English PDF printed "Measur" / "e" and "self-declare" / "d" on two lines
    of the header; a header may wrap between words, never inside one."""
    lines = [
        line
        for page in pdf_pages_text(latvian if lang == "lv" else english)
        for line in page.splitlines()
    ]
    for key in TABLE_HEADER_KEYS:
        for word in t(key, lang).split(" "):
            assert any(word in line for line in lines), (key, word)


def test_is_a_pdf_of_several_a4_pages(latvian: bytes) -> None:
    assert latvian.startswith(b"%PDF-")
    assert latvian.rstrip().endswith(b"%%EOF")
    pages = pdf_pages_text(latvian)
    assert len(pages) >= 2
    assert b"/MediaBox [0 0 595.28 841.89]" in latvian  # A4 portrait in points


def test_latvian_cover_title_data_date_and_generation_date(latvian: bytes) -> None:
    cover = pdf_pages_text(latvian)[0]
    assert "Romu platformas stāvoklis" in cover
    assert "Periods: 2022. gada novembris" in cover  # latest published period
    assert "Pārskats sagatavots: 16.02.2023" in cover
    assert "Publicēts: " in cover


def test_targets_table_in_latvian_formats(latvian: bytes, connections) -> None:
    ind, _ = connections
    value, target = ind.execute(
        "SELECT value, target FROM fct_indicator_progress "
        "WHERE indicator_code = ? AND geo_level = 'country' ORDER BY period DESC LIMIT 1",
        [CODE],
    ).fetchone()
    text = flat("\n".join(pdf_pages_text(latvian)))
    assert (value, int(target)) == (1234, 3000)
    assert "1 234" in text
    assert "> 3 000" in text
    assert "41,1 %" in text  # share of target 1234 / 3000
    assert "Ierobežots progress" in text  # the published status (fct_indicator_status)


def test_map_page_with_attribution_regions_and_roma_marks(latvian: bytes) -> None:
    pages = pdf_pages_text(latvian)
    map_page = next(page for page in pages[1:] if "3. Pa plānošanas reģioniem" in page)
    assert "Robežas: Who's On First" in map_page
    assert "Latgales plānošanas reģions" in map_page
    # Vidzeme and Zemgale Roma counts are withheld: the mark and what it means (not "< 5")
    assert WITHHELD_MARK in map_page
    flat_page = flat(map_page)
    assert "× nav publicēts, lai no citiem publicētajiem skaitļiem nevarētu aprēķināt" in (
        flat_page
    )
    assert "mazāk par" not in flat_page and "•" not in flat_page
    # Rīga ≈15, Kurzeme ≈0, Latgale ≈40: rounded, with the legend
    for shown in ("≈15", "≈0", "≈40"):
        assert shown in map_page
    assert (
        "≈ romu skaits noapaļots līdz tuvākajam skaitlim, kas dalās ar 5 (≈0 nozīmē 0–2)"
        in flat_page
    )
    # November shows the 30.09.2022 figures: the as-of date is said
    assert "norādīts romu skaits 30.09.2022" in flat_page
    assert latvian.count(b"/Subtype /Image") >= 1  # the choropleth


def test_breakdowns_show_roma_beside_coverage(latvian: bytes) -> None:
    text = flat("\n".join(pdf_pages_text(latvian)))
    assert "Galvenie sadalījumi" in text
    assert "62,3 %" in text  # ethnicity coverage of the latest country row
    assert "Romu skaits ir minimālais novērtējums" in text


def test_data_quality_lists_last_loads_and_rejected_extracts(latvian: bytes) -> None:
    text = "\n".join(pdf_pages_text(latvian))
    assert "Datu kvalitāte" in text
    # the latest data are the last accepted period's file; the rejected one is listed apart
    assert "SIF_9144_202211.csv" in text
    assert "SIF_9144_202212.csv" in text
    # the message may wrap across lines in its cell: compare without line breaks
    assert REJECTED_MESSAGE.replace(" ", "") in text.replace("\n", "").replace(" ", "")


def test_every_page_has_the_footer_and_page_number(latvian: bytes) -> None:
    pages = pdf_pages_text(latvian)
    for number, page in enumerate(pages, start=1):
        assert "Romu platformas monitorings · Latvijas Republikas Kultūras ministrija" in page
        assert f"{number}. lpp. no {len(pages)}" in page


def test_english_variant(english: bytes) -> None:
    pages = pdf_pages_text(english)
    text = flat("\n".join(pages))
    assert "State of the Roma platform" in pages[0]
    assert "Data as of: November 2022" in pages[0]
    assert "Report generated: 16 February 2023" in pages[0]
    assert "1,234" in text and "> 3,000" in text and "41.1%" in text
    assert "Limited progress" in text
    assert f"Page 1 of {len(pages)}" in pages[0]
    assert "Romu platformas stāvoklis" not in text


def test_nothing_published_is_one_page_saying_so() -> None:
    pdf = state_of_platform_pdf(None, None, lang="lv", today=date(2023, 2, 16))
    pages = pdf_pages_text(pdf)
    assert len(pages) == 1
    assert "Romu platformas stāvoklis" in pages[0]
    assert "Vēl nav publicētu datu" in pages[0]
    assert "16.02.2023" in pages[0]
    english = pdf_pages_text(state_of_platform_pdf(None, None, lang="en"))
    assert "No data has been published yet" in english[0]


def test_operations_missing_still_reports_the_indicators(connections) -> None:
    ind, _ = connections
    text = flat("\n".join(pdf_pages_text(state_of_platform_pdf(ind, None, lang="lv"))))
    assert "1 234" in text
    assert "Ielāžu žurnāls nav publicēts." in text


def test_map_png_is_an_image(connections) -> None:
    ind, _ = connections
    png = map_png(regions_latest(ind, CODE), "lv")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(png) > 10_000


def test_attribution_is_quoted_verbatim_in_the_report_language(latvian: bytes) -> None:
    text = "".join(pdf_pages_text(latvian)).replace("\n", "").replace(" ", "")
    assert BOUNDARIES_ATTRIBUTION_LV.replace(" ", "") in text
    assert BOUNDARIES_ATTRIBUTION.replace(" ", "") not in text


def test_reader_sees_what_fpdf_wrote() -> None:
    """The test reader itself: Latvian letters and NBSP through the ToUnicode map."""
    from fpdf import FPDF

    from roma_monitor.serve.report_pdf import FONT_DIR

    pdf = FPDF()
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_page()
    pdf.set_font("DejaVu", size=12)
    pdf.cell(text=f"āčēģīķļņšūž (x) 1{NBSP}234,5")
    assert pdf_pages_text(bytes(pdf.output())) == [f"āčēģīķļņšūž (x) 1{NBSP}234,5"]
