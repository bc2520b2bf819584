"""UI strings of the regions page (Latvian first, then English)."""

STRINGS: dict[str, dict[str, str]] = {
    "lv": {},
    "en": {},
}
