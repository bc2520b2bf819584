"""The catalogue of UI strings (src/roma_monitor/serve/texts/*.toml): every key has its Latvian
and its English text with the same placeholders, and every count's words have the plural forms
CLDR gives each language."""

from __future__ import annotations

import string
import tomllib
from importlib.resources import files

import pytest
from babel import Locale

from roma_monitor.serve.texts import STRINGS

LANGS = ("lv", "en")
CATALOGUE = {
    file.name: tomllib.loads(file.read_text(encoding="utf-8"))
    for file in files("roma_monitor.serve.texts").iterdir()
    if file.name.endswith(".toml")
}
# a count's words: <noun>.<category> (tn); every plural has the category "other"
PLURALS = {key.removesuffix(".other") for key in STRINGS["lv"] if key.endswith(".other")}


def categories(lang: str) -> set[str]:
    """The CLDR plural categories of ``lang`` (Babel leaves out "other": every language has it)."""
    return set(Locale.parse(lang).plural_form.tags) | {"other"}


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_catalogue_has_a_file_per_page() -> None:
    assert {"common.toml", "measures.toml", "quality.toml", "exports.toml"} <= set(CATALOGUE)


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_every_key_has_its_latvian_and_english_text(name: str) -> None:
    for key, texts in CATALOGUE[name].items():
        # only a plural category English lacks ("zero") may be Latvian alone
        plural, _, category = key.rpartition(".")
        english_lacks = plural in PLURALS and category not in categories("en")
        assert set(texts) <= set(LANGS), (name, key)
        assert {"lv"} | (set() if english_lacks else {"en"}) <= set(texts), (name, key)
        for lang, text in texts.items():
            assert isinstance(text, str) and text.strip(), (name, key, lang)


def test_a_key_is_defined_once() -> None:
    keys = [key for table in CATALOGUE.values() for key in table]
    assert len(keys) == len(set(keys)) == len(STRINGS["lv"])


def test_latvian_and_english_have_the_same_placeholders() -> None:
    for key, latvian in STRINGS["lv"].items():
        english = STRINGS["en"].get(key) or STRINGS["en"][key.rpartition(".")[0] + ".other"]
        assert fields(latvian) == fields(english), key


def test_a_count_has_every_plural_form_its_language_needs() -> None:
    assert categories("lv") == {"zero", "one", "other"}  # CLDR: 0, 10–20 … / 1, 21 … / the rest
    assert {"plural.indicators", "plural.persons", "loads.unaccepted"} <= PLURALS
    for plural in PLURALS:
        for lang in LANGS:
            forms = {f"{plural}.{category}" for category in categories(lang)}
            assert forms <= set(STRINGS[lang]), (plural, lang, forms - set(STRINGS[lang]))
    # and no stray form without its plural ("plural.x.one" with no "plural.x.other")
    for key in STRINGS["lv"]:
        plural, _, category = key.rpartition(".")
        if category in categories("lv") or category.startswith("="):
            assert plural in PLURALS, key
