"""Link: the parent a document implements and its chain up to the national root."""

from __future__ import annotations

from .document import Doc
from .record import Parent, Reference


def find_parent(doc: Doc, references: list[Reference]) -> Parent | None:
    return None
