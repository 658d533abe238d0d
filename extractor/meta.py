"""Meta: kind, number, date, issuer, level, place, title, period, signer from the header block."""

from __future__ import annotations

from .document import Doc
from .record import Meta


def extract_meta(doc: Doc) -> Meta:
    return Meta()
