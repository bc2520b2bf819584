"""A view model (``roma_monitor.serve.viewmodel.ViewTable``) on screen.

The grid holds the values every download holds (rounded per kind, Riga time) so it sorts numbers
and dates as such, and shows the texts the view model writes for them (``Column.shown``:
``1 234``, ``41,1 %``, ``16.05.2017``): dates and times through the grid's own date format
(the same text), numbers through ``app_maps.show_table``, words as they are. A column with an
empty cell is text: the grid writes a null cell "None" whatever it is told.
"""

from __future__ import annotations

from typing import Any

import app_maps
import pandas as pd
import streamlit as st

from roma_monitor.serve.viewmodel import Kind, ViewTable

NUMERIC = (Kind.COUNT, Kind.NUMBER, Kind.SHARE, Kind.MONEY, Kind.ROMA_COUNT)
# formatting.format_date / format_datetime in the grid's (moment.js) patterns
DATE_FORMATS = {"lv": "DD.MM.YYYY", "en": "D MMMM YYYY"}
DATE_COLUMNS = {
    Kind.DATE: st.column_config.DateColumn,
    Kind.DATETIME: st.column_config.DatetimeColumn,
}


def _texts(values: list[Any], texts: list[str]) -> Any:
    shown = dict(zip(values, texts, strict=True))
    return lambda value: shown.get(value, str(value))


def show_view(
    view: ViewTable,
    lang: str,
    container: Any = st,
    column_config: dict[str, Any] | None = None,
    **kwargs: Any,
) -> None:
    """``view`` as a grid (``kwargs`` go to ``st.dataframe``; ``hide_index`` by default)."""
    data, formats, config = {}, {}, dict(column_config or {})
    for column in view.columns:
        header, values = column.title(lang), column.exported()
        if None in values or column.kind not in (*NUMERIC, Kind.DATE, Kind.DATETIME):
            # words, and any column with an empty cell: the grid would write it "None"
            data[header] = column.shown(lang)
            if column.kind in (*NUMERIC, Kind.DATE, Kind.DATETIME):
                config.setdefault(header, st.column_config.TextColumn(alignment="right"))
        elif column.kind in NUMERIC:
            data[header] = values
            formats[header] = _texts(values, column.shown(lang))
        else:
            pattern = DATE_FORMATS[lang] + (" HH:mm" if column.kind is Kind.DATETIME else "")
            data[header] = values
            config.setdefault(header, DATE_COLUMNS[column.kind](format=pattern))
    kwargs.setdefault("hide_index", True)
    kwargs.setdefault("width", "stretch")
    app_maps.show_table(pd.DataFrame(data), formats, container, config, **kwargs)
