"""The UI strings, Latvian (the default) and English: a catalogue shipped as package data, one
TOML file per page (``common.toml``: what every page shares). Each key is a table holding its
Latvian text ``lv`` and its English text ``en`` side by side.

A count's words are the keys ``<key>.zero``, ``.one`` and ``.other`` (the CLDR plural
categories; English has no ``zero``), and ``<key>.=N`` for an exact count with its own wording
(``roma_monitor.serve.i18n.tn``). tests/unit/test_texts_catalogue.py checks that the languages,
their placeholders and the plural forms agree.
"""

from __future__ import annotations

import tomllib
from importlib.resources import files


def load() -> dict[str, dict[str, str]]:
    """``{"lv": {key: text}, "en": {key: text}}`` from every catalogue file; a key defined in
    two files is a bug (two pages would silently disagree), so it raises."""
    strings: dict[str, dict[str, str]] = {"lv": {}, "en": {}}
    for file in sorted(files(__name__).iterdir(), key=lambda f: f.name):
        if not file.name.endswith(".toml"):
            continue
        for key, texts in tomllib.loads(file.read_text(encoding="utf-8")).items():
            if key in strings["lv"]:
                raise ValueError(f"UI string key {key!r} defined twice (again in {file.name})")
            for lang, text in texts.items():
                strings[lang][key] = text
    return strings


STRINGS = load()
