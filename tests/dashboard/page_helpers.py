"""Reading a page that AppTest ran: its prose, its metrics, one of its grids; and the rows of
the published snapshot that the expected values are counted from."""

from __future__ import annotations

from roma_monitor.publish.snapshot import connect_published
from roma_monitor.serve.formatting import NBSP

PROSE = ("markdown", "caption", "info", "error", "warning", "success")


def texts(at) -> str:
    """All the prose of a run (markdown, captions, alerts) as one string."""
    return "\n".join(str(e.value) for kind in PROSE for e in getattr(at, kind))


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def frame_with(at, column: str):
    """The one dataframe on the page that has ``column``."""
    frames = [d.value for d in at.dataframe if column in d.value.columns]
    assert len(frames) == 1, column
    return frames[0]


def snapshot_rows(paths, sql: str, params: list | None = None) -> list[tuple]:
    with connect_published("indicators", paths) as con:
        return con.execute(sql, params or []).fetchall()


def fmt(value: float) -> str:
    """A whole number in the Latvian format, as the pages show it (written by hand here, not
    with the formatting the pages use)."""
    return f"{int(value):,}".replace(",", NBSP)
