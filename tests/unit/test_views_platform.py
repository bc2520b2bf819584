"""The platform page's view models (roma_monitor.serve.views_platform) on hand-made query rows:
the status matrix's columns and cells, the headline figures as the metrics print them."""

from __future__ import annotations

import pandas as pd

from roma_monitor.serve import views_platform as v
from roma_monitor.serve.formatting import NBSP


def test_the_matrix_has_the_counts_then_a_column_per_recommendation() -> None:
    frame = pd.DataFrame(
        {
            "municipality_atvk_2021": ["0002000"],
            "municipality_name_lv": ["Daugavpils"],
            "municipality_name_en": ["Daugavpils"],
            "addressed": [1.0],
            "tracked": [2.0],
            "M01_status": ["uzsakts"],
            "M01_status_name_lv": ["Uzsākts"],
            "M01_status_name_en": ["In progress"],
            "M02_status": [None],
            "M02_status_name_lv": [None],
            "M02_status_name_en": [None],
        }
    )
    table = v.matrix(frame).table(frame, "en", screen=True)
    assert table.headers == ["Municipality", "Addressed", "Tracked", "M01", "M02"]
    assert table.texts("en") == [["Daugavpils", "1", "2", "◐ In progress", ""]]  # none yet: empty


def test_the_headline_figures_as_the_metrics_print_them() -> None:
    frame = pd.DataFrame({"workshops": [1234.0], "addressed": [95.0], "addressed_share": [0.6376]})
    cells = v.FIGURES.only("workshops", "addressed_share").table(frame, "lv", screen=True)
    assert cells.headers == ["Darbnīcas", "Risināto daļa"]
    assert cells.texts("lv") == [[f"1{NBSP}234", f"63,8{NBSP}%"]]
