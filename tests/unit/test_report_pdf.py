"""The "state of the platform" PDF, read back with pypdf: the text a reader sees, not what the
code meant to write."""

from __future__ import annotations

from datetime import date

import pytest

from roma_monitor.publish.snapshot import connect_published
from roma_monitor.serve.formatting import WITHHELD_MARK
from roma_monitor.serve.i18n import BOUNDARIES_ATTRIBUTION, BOUNDARIES_ATTRIBUTION_LV, t
from roma_monitor.serve.report_pdf import state_of_platform_pdf
from roma_monitor.settings import Paths
from tests.conftest_snapshot import (
    CODE,
    REJECTED_MESSAGE,
    indicator_rows,
    publish_fixture_snapshots,
)
from tests.pdf_text import flat, pdf_pages, pdf_pages_text

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


# the headers of the report's tables: targets and headlines (the overview's), regions (the
# regions page's), breakdowns
TABLE_HEADER_KEYS = [
    *(f"overview.col.{key}" for key in ("indicator", "measure", "value", "target")),
    *(f"overview.col.{key}" for key in ("share_of_target", "needed_pace", "current_pace")),
    *("overview.col.status", "overview.col.value_period", "exports.report.col_total"),
    *(f"regionmap.col.{key}" for key in ("area", "value", "share")),
    *("roma.col.value", "roma.coverage"),
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


def test_four_a4_pages(latvian: bytes) -> None:
    # the cover; targets and headlines; regions and breakdowns; data quality
    pages = pdf_pages(latvian)
    assert len(pages) == 4
    for page in pages:  # A4 portrait: 210 x 297 mm in points
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(
            (595.28, 841.89)
        )


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
    # one image, the choropleth: each region filled at value / 500 (the largest, Rīga's) of the
    # way from #EAF3FA (234, 243, 250) to Okabe-Ito blue #0072B2 (0, 114, 178), worked by hand
    (choropleth,) = pdf_pages(latvian)[pages.index(map_page)].images
    counted = sorted(choropleth.image.convert("RGB").getcolors(1 << 20), reverse=True)
    fills = {
        (0, 114, 178),  # Rīga 500: 1
        (47, 140, 192),  # Latgale 400: 0.8
        (140, 191, 221),  # Kurzeme 200: 0.4
        (187, 217, 236),  # Zemgale 100: 0.2
        (218, 234, 245),  # Vidzeme 34: 0.068
    }
    assert fills <= {colour for _, colour in counted[:6]}  # with the white paper


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
    # when it was received, in Riga time: finished 2023-01-05 08:00 UTC
    rejected = flat(text.split("Noraidītie izraksti")[1])
    assert "Avots Fails Periods Saņemts Kāpēc noraidīts" in rejected
    assert "05.01.2023 10:00" in rejected


def test_rejected_copy_of_a_period_is_labelled_as_on_the_dashboard(connections) -> None:
    """A period that received several files: the rejected one says which copy it was (the
    query's ``copy``), so it is told apart from the loaded file of the same name."""
    from roma_monitor.serve.report_pdf import Report, _render_quality, collect

    data = collect(*connections, "lv")
    data.rejected = data.rejected.assign(copy=2)  # the second file received for 2022-12
    pdf = Report("lv")
    pdf.add_page()
    _render_quality(pdf, data)
    text = flat("\n".join(pdf_pages_text(bytes(pdf.output()))))
    assert "SIF_9144_202212.csv · 2. sūtījums" in text
    assert "05.01.2023 10:00" in text


def test_targets_page_explains_its_marks_and_pace_in_the_column_terms(latvian: bytes) -> None:
    page = flat(pdf_pages_text(latvian)[1])
    assert page.startswith("1. Rādītāji ar mērķi")
    assert "Pašreizējais temps mēnesī" in page  # the column header
    assert "Pašreizējais temps — pēdējo 12 mēnešu vidējais pieaugums mēnesī" in page
    assert "Temps: faktiskais" not in page
    # the status marks, as the overview explains them
    assert "✔ Mērķis sasniegts;" in page
    assert "⊘ Mērķis nav sasniegts termiņā — mērķa termiņš ir pienācis" in page
    assert "(iekavās — cik procentu no mērķa sasniegts)" in page


def test_breakdown_notes_stay_on_the_page_of_the_table(connections) -> None:
    """The Latvian report's breakdowns table ended at the foot of page 3 and its ≈ and –
    legends started page 4; the table and its notes now move on together."""
    from roma_monitor.serve.report_pdf import Report, _render_breakdowns, collect

    pdf = Report("lv")
    pdf.add_page()
    pdf.set_y(pdf.h - 75)  # room for the heading and the table, not for the notes as well
    _render_breakdowns(pdf, collect(*connections, "lv"))
    pages = [flat(page) for page in pdf_pages_text(bytes(pdf.output()))]
    table_page = next(page for page in pages if "1 234 – – – – – ≈55 62,3 %" in page)
    assert "≈ romu skaits noapaļots līdz tuvākajam skaitlim, kas dalās ar 5" in table_page
    assert "– nav datu: avots šo skaitli nav sniedzis." in table_page


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


def test_attribution_is_quoted_verbatim_in_the_report_language(latvian: bytes) -> None:
    text = "".join(pdf_pages_text(latvian)).replace("\n", "").replace(" ", "")
    assert BOUNDARIES_ATTRIBUTION_LV.replace(" ", "") in text
    assert BOUNDARIES_ATTRIBUTION.replace(" ", "") not in text


def test_notes_under_a_table_are_never_split_across_pages() -> None:
    """The sample's rounding note began at the foot of page 3 and ended on page 4; the notes
    now move to the next page together, each a sentence with its full stop."""
    from roma_monitor.serve.i18n import Rounding, rounded_legend, withheld_legend
    from roma_monitor.serve.report_pdf import Report

    pdf = Report("lv")
    pdf.add_page()
    pdf.set_y(pdf.h - 25)  # room for one line of each above the footer, not for both whole
    rounded = rounded_legend("lv", Rounding(5, 2))
    pdf.notes(withheld_legend("lv"), rounded)
    pages = [flat(page) for page in pdf_pages_text(bytes(pdf.output()))]
    assert len(pages) == 2
    for legend in (withheld_legend("lv"), rounded):
        assert legend.endswith(".")
        assert legend not in pages[0] and legend in pages[1]


def test_a_target_not_from_the_report_is_marked_with_its_source(tmp_path) -> None:
    """The council's report: a target the seed report does not state carries ``¹`` and a
    legend under the targets table that says where its source is given."""
    indicator, *others = indicator_rows()
    source = "Izglītības un zinātnes ministrija, 2015-10-21"
    marked = {**indicator, "target_is_from_report": False, "target_source_citation": source}
    home = publish_fixture_snapshots(tmp_path / "home", indicators=[marked, *others])
    with (
        connect_published("indicators", home) as ind,
        connect_published("operations", home) as ops,
    ):
        latvian = state_of_platform_pdf(ind, ops, lang="lv", today=date(2023, 2, 16))
        english = state_of_platform_pdf(ind, ops, lang="en", today=date(2023, 2, 16))
    lv_text = flat("\n".join(pdf_pages_text(latvian)))
    assert "> 3 000¹" in lv_text
    assert (
        "¹ mērķis nav no ziņojuma; avots norādīts informācijas paneļa lapā „Metodoloģija”."
        in lv_text
    )
    en_text = flat("\n".join(pdf_pages_text(english)))
    assert "> 3,000¹" in en_text
    assert (
        "¹ target not from the report; its source is on the dashboard's Methodology page."
        in en_text
    )


def test_a_target_from_the_report_has_no_mark(latvian: bytes) -> None:
    text = flat("\n".join(pdf_pages_text(latvian)))
    assert "> 3 000" in text and "¹" not in text
    assert "mērķis nav no ziņojuma" not in text
