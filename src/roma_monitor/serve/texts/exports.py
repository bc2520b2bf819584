"""UI strings of the exports page (Latvian first, then English)."""

STRINGS: dict[str, dict[str, str]] = {
    "lv": {},
    "en": {},
}
