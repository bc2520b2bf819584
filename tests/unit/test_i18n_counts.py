"""Counted sentences take the plural form the language needs (``i18n.tn``, CLDR rules):
Latvian 1 and 21 fails, 2, 10 and 11 faili (as the ministry writes "3 000 personas"); English
one file, 2 files."""

from __future__ import annotations

import pytest

from roma_monitor.serve.i18n import tn

KEY = "loads.unaccepted"
VALUES = {"source": "SIF", "received": "12.03.2023", "figures": "dati līdz 28.02.2023"}


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "Viens SIF datu fails, kas saņemts 12.03.2023, netika pieņemts; "),
        (2, "2 SIF datu faili netika pieņemti (pēdējais saņemts 12.03.2023); "),
        (10, "10 SIF datu faili netika pieņemti (pēdējais saņemts 12.03.2023); "),
        (11, "11 SIF datu faili netika pieņemti (pēdējais saņemts 12.03.2023); "),
        (21, "21 SIF datu fails netika pieņemts (pēdējais saņemts 12.03.2023); "),
        (22, "22 SIF datu faili netika pieņemti (pēdējais saņemts 12.03.2023); "),
    ],
)
def test_latvian_plural_forms(count: int, expected: str) -> None:
    assert tn(KEY, count, "lv", **VALUES) == expected + "dati līdz 28.02.2023."


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "One SIF data file, received on 12 March 2023, was not accepted; "),
        (2, "2 SIF data files were not accepted (the last received on 12 March 2023); "),
        (21, "21 SIF data files were not accepted (the last received on 12 March 2023); "),
    ],
)
def test_english_plural_forms(count: int, expected: str) -> None:
    values = VALUES | {"received": "12 March 2023", "figures": "the figures are as of 28 Feb"}
    assert tn(KEY, count, "en", **values) == expected + "the figures are as of 28 Feb."


def test_a_count_is_written_with_the_language_s_digit_grouping() -> None:
    assert tn(KEY, 1234, "lv", **VALUES).startswith("1\u00a0234 SIF datu faili ")
