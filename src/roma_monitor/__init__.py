"""Roma Platform Monitor."""
