"""Obligations: who must do what by when, from task sections, sentences and appendix tables."""

from __future__ import annotations

from .document import Doc
from .record import Obligation


def extract_obligations(doc: Doc) -> list[Obligation]:
    return []
