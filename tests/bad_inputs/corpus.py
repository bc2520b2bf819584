"""The bad-input corpus: committed extract files (files/<case>/<file>) and the manifest
(cases.toml) saying what the gate must do with each. docs/bad-inputs.md is its table."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

CORPUS_DIR = Path(__file__).parent
FILES_DIR = CORPUS_DIR / "files"
MANIFEST = CORPUS_DIR / "cases.toml"
HOME_FILES_DIR = FILES_DIR / "_home"  # what the test home has loaded before each case

# Shaped like Latvian personal codes, but no person's: 01.02.2003 with a wrong check digit, and
# 29.02.1974 (no such day) with a wrong check digit. Never use a real code in a test.
FAKE_CODE = "010203-45678"
FAKE_CODE_DIGITS = "29027412340"
# The form issued since 2017: 32, then 9 digits (no birth date in it).
FAKE_NEW_CODE = "328765-43210"
FAKE_CODES = (FAKE_CODE, FAKE_CODE_DIGITS, FAKE_NEW_CODE)
# How people and office programs write the two halves apart.
SEPARATORS = ("", "-", " ", "\u2013", "\u00a0", "\u2011")


def fake_code_forms() -> list[str]:
    """Every spelling of the fake codes to search for: each separator between the halves."""
    forms = set()
    for code in FAKE_CODES:
        digits = code.replace("-", "")
        forms |= {f"{digits[:6]}{separator}{digits[6:]}" for separator in SEPARATORS}
    return sorted(forms)


@dataclass(frozen=True)
class Case:
    id: str
    what: str  # what is wrong (or special) about the file, for the docs table
    source: str
    file: str  # the file's name, as the agency sent it
    outcome: str  # loaded | rejected
    rule: str | None = None  # the rule the report names (rejected)
    message: str | None = None  # a fragment of that rule's explanation
    rows: list[int] = field(default_factory=list)  # data rows the rule names
    dataset: str | None = None  # loaded: the raw table's dataset
    loaded_rows: int | None = None
    kept: str = "archive"  # archive (loaded) | quarantine | deleted
    # Loaded: [column, row, value] as the warehouse holds it (CAST AS VARCHAR), e.g. a date.
    expect: list[list] = field(default_factory=list)

    @property
    def holds_personal_code(self) -> bool:
        return bool(self.rule and self.rule.endswith("no_personal_code"))

    @property
    def path(self) -> Path:
        return FILES_DIR / self.id / self.file


def load_cases() -> list[Case]:
    with open(MANIFEST, "rb") as f:
        data = tomllib.load(f)
    return [Case(**case) for case in data["case"]]
