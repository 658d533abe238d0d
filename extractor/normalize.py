"""Normalize: blocks of a raw document -> the one plain text every span points into."""

from __future__ import annotations

import re

from .document import RawDocument
from .vntext import fix_tone_placement, nfc


def normalize(raw: RawDocument) -> str:
    """NFC, one tone placement, blank-line runs collapsed."""
    text = "\n".join(b.text for b in raw.blocks if b.kind == "para")
    text = fix_tone_placement(nfc(text))
    return re.sub(r"\n\s*\n+", "\n\n", text).strip()
