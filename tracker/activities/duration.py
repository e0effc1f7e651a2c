"""Durations as people type them: « 45 », « 1h30 », « 1:30 », « 2 h », « 90 min »."""

import re

DURATION_HELP = "En minutes (45) ou en heures et minutes (1h30, 1:30)."
DURATION_ERROR = ("Durée non comprise : tapez des minutes entières (45) ou des heures et "
                  "minutes (1h30, 1:30).")

_MINUTES = re.compile(r"(\d+)\s*(?:min|mn|m|minutes?)?")
_HOURS = re.compile(r"(\d+)\s*(?:h|heures?|:)\s*(?:(\d{1,2})\s*(?:min|mn|m)?)?")


def parse_duration(text: str) -> int | None:
    """Whole minutes, or None for an empty text; raises ValueError (in French) otherwise."""
    text = " ".join((text or "").split()).lower()
    if not text:
        return None
    if match := _MINUTES.fullmatch(text):
        return int(match.group(1))
    if match := _HOURS.fullmatch(text):
        minutes = int(match.group(2) or 0)
        if minutes < 60:
            return int(match.group(1)) * 60 + minutes
    raise ValueError(DURATION_ERROR)
