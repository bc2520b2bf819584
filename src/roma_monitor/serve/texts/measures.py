"""UI strings of the measures page (Latvian first, then English)."""

STRINGS: dict[str, dict[str, str]] = {
    "lv": {},
    "en": {},
}
