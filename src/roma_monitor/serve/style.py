"""Colours every surface shares (dashboard, PDF), so a status looks the same on screen and on
paper. Okabe-Ito colours (distinguishable with the common colour-vision deficiencies); every
status is also shown with an icon or a word, never colour alone."""

from __future__ import annotations

# Progress class -> (background, text colour), best to worst.
STATUS_STYLE: dict[str, tuple[str, str]] = {
    "achieved": ("#0072B2", "#FFFFFF"),  # blue
    "substantial": ("#009E73", "#000000"),  # bluish green
    "moderate": ("#F0E442", "#000000"),  # yellow
    "limited": ("#E69F00", "#000000"),  # orange
    "deterioration": ("#D55E00", "#000000"),  # vermillion
    "not_achieved": ("#D55E00", "#000000"),  # the target date has come, the target not met
    "on_track": ("#0072B2", "#FFFFFF"),  # judged against the trajectory (no status mart)
    "behind": ("#E69F00", "#000000"),
    "no_target": ("#EEEEEE", "#000000"),
    "unknown": ("#EEEEEE", "#000000"),
}
