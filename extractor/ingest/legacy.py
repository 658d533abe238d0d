"""Legacy Vietnamese 8-bit encodings (TCVN3/ABC, VNI) -> Unicode. Tables: rules/legacy_encodings.yaml."""

from __future__ import annotations


def convert_legacy(text: str) -> tuple[str, str | None]:
    """Detect TCVN3 or VNI mojibake in decoded `text` and convert it: (text, 'tcvn3'|'vni'|None)."""
    return text, None


def convert_run(text: str, font_name: str | None) -> str:
    """Convert the text of a DOCX run set in a legacy font (.VnTime, VNI-Times ...)."""
    return text
