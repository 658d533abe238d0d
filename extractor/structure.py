"""Structure: the heading tree (I., 1., a), Điều 1., PHỤ LỤC) with offsets."""

from __future__ import annotations

from .record import Section


def find_sections(text: str) -> list[Section]:
    """Headings of the text, each spanning to the next heading of the same or a higher level."""
    return []
