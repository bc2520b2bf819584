"""UI strings of the methodology page (Latvian first, then English)."""

STRINGS: dict[str, dict[str, str]] = {
    "lv": {},
    "en": {},
}
