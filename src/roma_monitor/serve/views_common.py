"""What the view models of the quality, platform and methodology pages share: a table declared
as (UI string key, kind, values) and a name in the reader's language.

Each page's tables are declared once (``views_quality``, ``views_platform``,
``views_methodology``) as ``viewmodel.ViewTable``: the screen and the downloads format the same
columns by their kinds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from roma_monitor.serve.formatting import is_missing
from roma_monitor.serve.i18n import t
from roma_monitor.serve.viewmodel import Kind, ViewTable

OTHER_LANG = {"lv": "en", "en": "lv"}


def view(prefix: str, lang: str, columns: Iterable[tuple[str, Kind, Iterable[Any]]]) -> ViewTable:
    """A table whose headers are the UI strings ``<prefix>.<key>`` in ``lang`` (a key with a
    dot is a whole UI string key)."""
    return ViewTable.of(
        (t(key if "." in key else f"{prefix}.{key}", lang), kind, values)
        for key, kind, values in columns
    )


def text(value: Any) -> str | None:
    """A text cell: None when missing or blank (the screen shows "–", a file an empty cell)."""
    return None if is_missing(value) or not str(value).strip() else str(value)


def named(row: Mapping[str, Any] | Any, field: str, lang: str, code: str | None = None) -> Any:
    """``<field>_<lang>`` of a row (a mapping or a named tuple), else ``<field>_<other>``, else
    the row's ``code`` column (an identifier), else None."""
    get = row.get if isinstance(row, Mapping) else lambda name: getattr(row, name, None)
    for name in (f"{field}_{lang}", f"{field}_{OTHER_LANG.get(lang, 'lv')}", code):
        if name is not None and text(get(name)) is not None:
            return str(get(name))
    return None
