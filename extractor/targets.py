"""Targets: numbers the text sets as aims, with comparator, unit, horizon year and indicator id."""

from __future__ import annotations

from .document import Doc
from .record import Target


def extract_targets(doc: Doc) -> list[Target]:
    return []
