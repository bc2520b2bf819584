"""UI strings of the quality page (Latvian first, then English)."""

STRINGS: dict[str, dict[str, str]] = {
    "lv": {},
    "en": {},
}
