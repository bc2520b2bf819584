"""The printable "state of the platform" report (PDF) for a meeting of the Roma Integration
Policy Consultative Council.

``state_of_platform_pdf(indicators_con, operations_con, lang)`` reads the published snapshots
(never the warehouse) and returns the PDF bytes: a cover with the date of data; every indicator
with a target (value, target, share, pace needed vs current, status as a word in a cell of its
Okabe-Ito colour, as on screen); each measure's headline indicators without a target; a
choropleth of the five planning regions (matplotlib, from the boundaries shipped with the
package, attribution under it) with the same figures as a table; the key breakdowns (sex, age
band, Roma beside ethnicity coverage; Roma counts rounded ``≈155``, withheld cells ``×``, a
figure of an earlier quarter end with its date, each legend only when its mark is shown, never
recomputed); data-quality notes (last load per source, rejected extracts and why). Page numbers
and the product footer on every page. With nothing published (``indicators_con=None``) it is
one page saying so.

A4 portrait, fpdf2, DejaVu Sans (shipped inside matplotlib) because fpdf2's core fonts are
latin-1 only and cannot write ā č ē ģ ī ķ ļ ņ š ū ž. No network, no pyplot (the figure is
built on an ``Agg`` canvas, so concurrent sessions do not share pyplot's global state).
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import matplotlib
import pandas as pd
from fpdf import FPDF, FontFace
from fpdf.enums import MethodReturnValue, XPos, YPos

from roma_monitor.serve import queries as q
from roma_monitor.serve.formatting import (
    DISPLAY_TZ,
    MISSING,
    Kind,
    format_date,
    format_datetime,
    format_month,
    format_number,
    is_missing,
    normalise_lang,
)
from roma_monitor.serve.geo import REGION_SHORT_NAMES, label_point, load_boundaries, rings
from roma_monitor.serve.i18n import Rounding, boundaries_attribution, localized, t
from roma_monitor.serve.queries.core import as_date
from roma_monitor.serve.style import STATUS_STYLE
from roma_monitor.serve.viewmodel import ViewTable
from roma_monitor.serve.views import (
    PDF_BREAKDOWNS,
    PDF_GROUPS,
    PDF_HEADLINES,
    PDF_LOADS,
    PDF_REGIONS,
    PDF_REJECTED,
    PDF_TARGETS,
    missing_legend,
    status_key,
    status_legend,
    target_legend,
)

__all__ = ["collect", "map_png", "state_of_platform_pdf"]

Connection = q.Connection

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FONT = "DejaVu"
MAX_REJECTED = 10

MAP_COLOUR = "#0072B2"  # Okabe-Ito blue: the dark end of the map's single-hue ramp
HEADER_FILL = (230, 230, 230)
TEXT_GREY = (90, 90, 90)
SECTIONS = ("targets", "headline", "map", "breakdowns", "quality")  # exports.report.<s>_header
TEXT_KINDS = (Kind.LABEL, Kind.CODE, Kind.DATE, Kind.MONTH, Kind.DATETIME)

# --- data ------------------------------------------------------------------------------------


@dataclass
class ReportData:
    lang: str
    publication: q.Publication
    freshness: q.Freshness
    rounding: Rounding | None = None  # the snapshot's (with something published)
    overview: pd.DataFrame = field(default_factory=pd.DataFrame)  # the overview's rows, Latvia
    map_name: str = ""
    regions: pd.DataFrame = field(default_factory=pd.DataFrame)
    breakdowns: pd.DataFrame = field(default_factory=pd.DataFrame)
    loads: pd.DataFrame = field(default_factory=pd.DataFrame)
    rejected: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def targets(self) -> pd.DataFrame:
        """Every indicator with a target (the overview's rows with one)."""
        return self.overview[self.overview["has_target"].astype(bool)]

    @property
    def headlines(self) -> pd.DataFrame:
        """Each measure's headline indicator without a target."""
        return self.overview[~self.overview["has_target"].astype(bool)]


def breakdown_rows(con: Connection, overview: pd.DataFrame) -> pd.DataFrame:
    """The overview's indicators that have breakdowns, one row each: the overview's figures
    and, per group, ``<breakdown>.<value>`` with its marks (``views.PDF_BREAKDOWNS``), at the
    indicator's latest month in Latvia."""
    rows = []
    for row in overview.to_dict("records"):
        cells = q.indicator_breakdowns(con, row["indicator_code"])
        for cell in cells.to_dict("records"):
            key = f"{cell['breakdown']}.{cell['breakdown_value']}"
            row |= {key: cell["value"], f"{key}.withheld": cell["is_suppressed"]}
            row |= {f"{key}.rounded": cell["is_rounded"], f"{key}.as_of": cell["value_as_of"]}
        if any(group in row for group in PDF_GROUPS):
            rows.append(row | {"period": cells["period"].iloc[0]})
    return pd.DataFrame(rows)


def collect(
    indicators_con: Connection | None, operations_con: Connection | None, lang: str
) -> ReportData:
    """Everything the report shows, read from the snapshots (the empty one where ``None``)."""
    indicators_con = indicators_con or q.empty_snapshot()
    operations_con = operations_con or q.empty_snapshot()
    publication = q.publication(indicators_con)
    data = ReportData(
        lang=lang,
        publication=publication,
        freshness=q.freshness(indicators_con, operations_con),
        loads=q.last_loads(operations_con),
        rejected=q.quarantined_loads(operations_con).head(MAX_REJECTED),
        overview=q.measure_overview(indicators_con),
    )
    if data.overview.empty:
        return data
    data.rounding = Rounding.published(publication.metadata)
    # the map: the first measure's headline indicator (dbt's order) among those with regions
    mappable = q.map_indicators(indicators_con)
    if code := q.headline_indicator(mappable):
        data.regions = q.regions_latest(indicators_con, code)
        data.map_name = localized(mappable[mappable["indicator_code"] == code].iloc[0], lang)
    data.breakdowns = breakdown_rows(indicators_con, data.overview)
    return data


# --- the map ---------------------------------------------------------------------------------


def map_png(regions: pd.DataFrame, lang: str) -> bytes:
    """A choropleth of the planning regions (``regions_latest`` rows) as PNG bytes: a light
    to Okabe-Ito-blue ramp, each region labelled with its name and value (never colour alone),
    regions without a value hatched."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.cm import ScalarMappable
    from matplotlib.colors import LinearSegmentedColormap, Normalize
    from matplotlib.figure import Figure
    from matplotlib.patches import Polygon
    from matplotlib.ticker import FuncFormatter

    values = {
        row["geo_code"]: None if is_missing(row["value"]) else float(row["value"])
        for _, row in regions.iterrows()
    }
    known = [v for v in values.values() if v is not None]
    norm = Normalize(vmin=0, vmax=max(known) if known else 1)
    cmap = LinearSegmentedColormap.from_list("okabe_blue", ["#EAF3FA", MAP_COLOUR])

    figure = Figure(figsize=(7.0, 4.4), dpi=150)
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0.0, 0.0, 0.86, 1.0))
    name_key = "name" if lang == "lv" else "name_en"
    for feature in load_boundaries("planning_region")["features"]:
        code = feature["properties"]["code"]
        value = values.get(code)
        exterior = rings(feature["geometry"])
        for ring in exterior:
            patch = Polygon(
                [tuple(p[:2]) for p in ring],
                closed=True,
                facecolor="#FFFFFF" if value is None else cmap(norm(value)),
                edgecolor="#333333",
                linewidth=0.6,
                hatch="///" if value is None else None,
            )
            axes.add_patch(patch)
        x, y = label_point(exterior)
        short = REGION_SHORT_NAMES.get(code, {}).get(lang) or str(
            feature["properties"].get(name_key, code)
        )
        axes.text(
            x,
            y,
            f"{short}\n{format_number(value, lang)}",
            ha="center",
            va="center",
            fontsize=8,
            bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "alpha": 0.85, "lw": 0},
        )
    axes.autoscale_view()
    axes.set_aspect(1 / math.cos(math.radians(56.9)))  # lon/lat at Latvia's latitude
    axes.set_axis_off()
    colour_axes = figure.add_axes((0.88, 0.15, 0.025, 0.7))
    figure.colorbar(
        ScalarMappable(norm=norm, cmap=cmap),
        cax=colour_axes,
        format=FuncFormatter(lambda v, _pos: format_number(v, lang)),
    )
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=150, bbox_inches="tight", facecolor="white")
    return buffer.getvalue()


# --- the document ----------------------------------------------------------------------------


class Report(FPDF):
    """A4 portrait with the product footer and page numbers on every page, and a table
    helper (fpdf2's tables) that wraps cells and repeats the header after a page break."""

    def __init__(self, lang: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.lang = lang
        self.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(True, margin=18)
        self.set_lang(lang)
        self.set_title(t("exports.report.title", lang))
        self.set_creator(t("footer.product", lang))
        self.set_font(FONT, size=10)

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font(FONT, size=7.5)
        self.set_text_color(*TEXT_GREY)
        self.cell(0, 5, t("footer.product", self.lang), align="L")
        self.set_x(self.l_margin)
        page = t("exports.report.page", self.lang, page=self.page_no(), pages="{nb}")
        self.cell(0, 5, page, align="R")
        self.set_text_color(0, 0, 0)

    # text helpers

    def line(self, text: str, size: float, height: float, style: str = "") -> None:
        """``text`` from the left margin in ``size`` (``style`` ``"B"``: bold), wrapped."""
        self.set_font(FONT, style, size)
        self.multi_cell(0, height, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def heading(self, text: str, size: float = 14) -> None:
        if self.will_page_break(size * 1.6):
            self.add_page()
        self.ln(2)
        self.line(text, size, size * 0.5, "B")
        self.ln(1.5)
        self.set_font(FONT, size=10)

    def section(self, name: str) -> None:
        """The heading of one of the report's ``SECTIONS``, numbered as in the contents."""
        self.heading(section_title(name, self.lang))

    def paragraph(self, text: str, size: float = 9, grey: bool = False) -> None:
        """A paragraph, never split across pages."""
        self.set_font(FONT, size=size)
        if self.will_page_break(self._paragraph_height(text, size)):
            self.add_page()
        if grey:
            self.set_text_color(*TEXT_GREY)
        self.line(text, size, size * 0.48)
        self.set_text_color(0, 0, 0)
        self.ln(1)

    def _paragraph_height(self, text: str, size: float) -> float:
        self.set_font(FONT, size=size)
        return self._lines(text, self.epw, size * 0.48) * size * 0.48 + 1

    def notes(self, *texts: str, size: float = 7.5) -> None:
        """The small grey notes under a table (what its marks mean), kept together on one
        page."""
        if self.will_page_break(sum(self._paragraph_height(text, size) for text in texts)):
            self.add_page()
        for text in texts:
            self.paragraph(text, size=size, grey=True)

    def together(self, render: Callable[[], None]) -> None:
        """``render`` (a table and the notes under it) on a new page when it would run over
        onto the next page but fits on one, so that a table's legends never start a page
        alone."""
        if self._pages_taken(render) and not self._pages_taken(render, fresh=True):
            self.add_page()
        render()

    def _pages_taken(self, render: Callable[[], None], fresh: bool = False) -> int:
        """How many page breaks ``render`` makes (after a new page when ``fresh``), tried on
        the document and then undone."""
        with self.offset_rendering():
            if fresh:
                self.add_page()
            start = self.page
            render()
            return self.page - start

    # tables

    def _lines(self, text: str, width: float, height: float) -> int:
        lines = self.multi_cell(
            width, height, text, align="L", dry_run=True, output=MethodReturnValue.LINES
        )
        return max(1, len(lines))

    def view(
        self,
        table: ViewTable,
        widths: list[float],
        size: float = 8,
        fills: list[dict[int, tuple[str, str]]] | None = None,
    ) -> None:
        """A view's table (``View.table(..., screen=True)``) as the screen shows it: words on
        the left, figures on the right, the header row repeated on a new page; ``fills``: per
        row, column -> (background, text colour), as the screen colours the status."""
        headers = [c.header for c in table.columns]
        rows = table.texts(self.lang)
        aligns = tuple("LEFT" if c.kind in TEXT_KINDS else "RIGHT" for c in table.columns)
        self.set_font(FONT, size=size)
        with self.table(
            col_widths=tuple(self._fitted_widths(headers, rows, widths, size)),
            width=sum(widths),
            align="LEFT",
            text_align=aligns,
            v_align="TOP",
            line_height=size * 0.45,
            padding=1,
            headings_style=FontFace(emphasis="BOLD", fill_color=HEADER_FILL),
        ) as grid:
            grid.row(headers)
            for index, cells in enumerate(rows):
                row, fill = grid.row(), (fills[index] if fills else {})
                for column, text in enumerate(cells):
                    colours = fill.get(column)
                    style = FontFace(fill_color=colours[0], color=colours[1]) if colours else None
                    row.cell(text, style=style)
        self.ln(2)

    def _fitted_widths(
        self, headers: list[str], rows: list[list[str]], widths: list[float], size: float
    ) -> list[float]:
        """``widths`` changed so that no word is split across lines ("Measur/e"): a column
        narrower than its longest word (bold in the header) is widened, and the width is taken
        from the columns with the most room to spare; the table keeps its total width."""

        def longest(texts: list[str], style: str) -> float:
            self.set_font(FONT, style, size)
            # lines wrap at ordinary spaces only: a number with no-break spaces is one word
            words = [w for text in texts for line in text.split("\n") for w in line.split(" ")]
            return max((self.get_string_width(w) for w in words), default=0.0)

        needed = [
            max(longest([header], "B"), longest([row[i] for row in rows], ""))
            + 2 * (1.0 + self.c_margin)  # the padding, and multi_cell's own margin
            + 0.2  # rounding in fpdf's line breaking
            for i, header in enumerate(headers)
        ]
        fitted = [max(w, n) for w, n in zip(widths, needed, strict=True)]
        excess = sum(fitted) - sum(widths)
        while excess > 1e-6:
            spare, column = max((fitted[i] - needed[i], i) for i in range(len(fitted)))
            if spare <= 1e-6:
                break  # the words cannot all fit: the table grows rather than split a word
            taken = min(spare, excess)
            fitted[column] -= taken
            excess -= taken
        self.set_font(FONT, size=size)
        return fitted


def section_title(name: str, lang: str) -> str:
    return f"{SECTIONS.index(name) + 1}. {t(f'exports.report.{name}_header', lang)}"


def _title_page(pdf: Report, lang: str) -> None:
    pdf.add_page()
    pdf.ln(30)
    pdf.line(t("exports.report.title", lang), 24, 11, "B")


def _render_cover(pdf: Report, data: ReportData, today: date) -> None:
    lang, publication = data.lang, data.publication
    _title_page(pdf, lang)
    pdf.ln(2)
    pdf.line(t("exports.report.subtitle", lang), 13, 6.5)
    pdf.ln(1)
    pdf.paragraph(t("app.tagline", lang), size=11, grey=True)
    pdf.ln(12)
    month = format_month(data.freshness.latest_period or publication.latest_period, lang)
    pdf.line(t("exports.report.data_date", lang, month=month), 13, 7, "B")
    if publication.is_published:
        time, version = format_datetime(publication.published_at, lang), publication.version
        pdf.line(t("exports.report.published", lang, time=time, version=version), 10, 5.5)
    pdf.line(t("exports.report.generated", lang, date=format_date(today, lang)), 10, 5.5)


def _render_contents(pdf: Report, data: ReportData) -> None:
    pdf.ln(12)
    pdf.line(t("exports.report.contents", data.lang), 11, 6, "B")
    for section in SECTIONS:
        pdf.line(section_title(section, data.lang), 10, 5.5)


def _render_targets(pdf: Report, data: ReportData) -> None:
    lang = data.lang
    pdf.add_page()
    pdf.section("targets")
    latest = data.freshness.latest_period
    pdf.paragraph(t("exports.report.targets_intro", lang, month=format_month(latest, lang)))
    table = PDF_TARGETS.table(data.targets, lang, screen=True)
    status = [c.key for c in table.columns].index("status")
    fills = [{status: STATUS_STYLE[status_key(row)]} for row in data.targets.to_dict("records")]

    def render() -> None:
        pdf.view(table, [42, 18, 24, 26, 15, 16, 18, 21], fills=fills)
        pace = t("exports.report.pace_note", lang, missing=MISSING)
        pdf.notes(pace, status_legend(lang), *target_legend(data.targets, lang))

    pdf.together(render)


def _render_headlines(pdf: Report, data: ReportData) -> None:
    lang = data.lang

    def render() -> None:
        pdf.section("headline")
        pdf.paragraph(t("exports.report.headline_intro", lang))
        if not data.headlines.empty:
            table = PDF_HEADLINES.table(data.headlines, lang, screen=True)
            pdf.view(table, [62, 28, 22, 30, 38])

    pdf.together(render)


def _render_map(pdf: Report, data: ReportData) -> None:
    if data.regions.empty:
        pdf.section("map")
        pdf.paragraph(t("regions.empty", data.lang))
        return
    pdf.together(lambda: _render_map_section(pdf, data))


def _render_map_section(pdf: Report, data: ReportData) -> None:
    lang = data.lang
    pdf.section("map")
    period = as_date(data.regions["period"].iloc[0])
    pdf.image(
        io.BytesIO(map_png(data.regions, lang)),
        x=pdf.l_margin,
        w=170,
        alt_text=t("exports.report.map_alt", lang, indicator=data.map_name),
    )
    month = format_month(period, lang)
    caption = t("exports.report.map_caption", lang, indicator=data.map_name, month=month)
    pdf.paragraph(caption, size=8.5)
    pdf.paragraph(boundaries_attribution(lang), size=7, grey=True)
    table = PDF_REGIONS.table(data.regions, lang, screen=True)
    pdf.view(table, [62, 28, 30, 25, 35])
    pdf.notes(
        t("regions.note", lang),
        t("roma.lower_bound_table", lang),
        *PDF_REGIONS.legends(data.regions, lang, data.rounding),
        *missing_legend(table, lang),
    )


def _render_breakdowns(pdf: Report, data: ReportData) -> None:
    lang = data.lang
    frame = data.breakdowns
    if frame.empty:
        pdf.section("breakdowns")
        pdf.paragraph(t("empty.no_indicator_data", lang))
        return
    month = format_month(frame["period"].max(), lang)
    table = PDF_BREAKDOWNS.table(frame, lang, screen=True)

    def render() -> None:
        pdf.section("breakdowns")
        pdf.paragraph(t("exports.report.breakdowns_intro", lang, month=month))
        pdf.view(table, [40, 17, 19, 17, 17, 17, 17, 17, 19], size=7.5)
        pdf.notes(
            t("roma.lower_bound_table", lang),
            *PDF_BREAKDOWNS.legends(frame, lang, data.rounding),
            *missing_legend(table, lang),
        )

    pdf.together(render)


def _render_quality(pdf: Report, data: ReportData) -> None:
    lang = data.lang
    pdf.section("quality")
    period = format_month(data.freshness.latest_period, lang)
    time = format_datetime(data.freshness.last_load_finished_at, lang)
    pdf.paragraph(t("exports.report.quality_freshness", lang, period=period, time=time))
    if data.loads.empty:
        pdf.paragraph(t("exports.report.no_loads", lang))
        return
    pdf.heading(t("loads.header", lang), size=11)
    pdf.view(PDF_LOADS.table(data.loads, lang, screen=True), [17, 48, 33, 17, 22, 43])
    pdf.heading(t("exports.report.rejected_header", lang), size=11)
    if data.rejected.empty:
        pdf.paragraph(t("exports.report.no_rejected", lang))
        return
    pdf.view(PDF_REJECTED.table(data.rejected, lang, screen=True), [15, 45, 18, 22, 80])


def _render_no_data(pdf: Report, lang: str, today: date) -> None:
    _title_page(pdf, lang)
    pdf.ln(8)
    pdf.paragraph(t("exports.report.no_data", lang), size=11)
    pdf.paragraph(t("exports.report.generated", lang, date=format_date(today, lang)), size=10)


def state_of_platform_pdf(
    indicators_con: Connection | None,
    operations_con: Connection | None,
    lang: str = "lv",
    today: date | None = None,
) -> bytes:
    """The "state of the platform" report as PDF bytes (module docstring); ``today`` is the
    generation date printed on the cover (default: today in Riga)."""
    lang = normalise_lang(lang)
    today = today or datetime.now(DISPLAY_TZ).date()
    pdf = Report(lang)
    data = collect(indicators_con, operations_con, lang)
    if data.overview.empty:
        _render_no_data(pdf, lang, today)
        return bytes(pdf.output())
    _render_cover(pdf, data, today)
    _render_contents(pdf, data)
    _render_targets(pdf, data)
    _render_headlines(pdf, data)
    _render_map(pdf, data)
    _render_breakdowns(pdf, data)
    _render_quality(pdf, data)
    return bytes(pdf.output())
