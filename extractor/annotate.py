"""Annotate: a record as a spaCy `Doc` whose span group "vnplan" holds every extracted item.

This is the bridge to the spaCy ecosystem: `DocBin` files for training or correcting a
statistical model, and displaCy's span view for a reviewer. spaCy loads lazily, once.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from .record import Record

if TYPE_CHECKING:
    from spacy.tokens import Doc

SPAN_GROUP = "vnplan"


@cache
def blank_vietnamese():
    """A blank spaCy `vi` pipeline splitting on syllables (no pyvi word segmenter needed)."""
    import spacy

    return spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})


def item_spans(record: Record) -> list[tuple[int, int, str]]:
    """(start, end, label) of every located item: REFERENCE mentions, TARGET, OBLIGATION."""
    spans = [(m.span[0], m.span[1], "REFERENCE") for r in record.references for m in r.mentions]
    spans += [(t.span[0], t.span[1], "TARGET") for t in record.targets]
    spans += [(o.span[0], o.span[1], "OBLIGATION") for o in record.obligations]
    return sorted(spans)


def to_spacy_doc(record: Record) -> Doc:
    """The record's text as a spaCy Doc; items become spans (expanded to token edges) in doc.spans['vnplan']."""
    nlp = blank_vietnamese()
    doc = nlp.make_doc(record.text)
    group = []
    for start, end, label in item_spans(record):
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None:
            group.append(span)
    doc.spans[SPAN_GROUP] = group
    doc.user_data["doc_id"] = record.doc_id
    return doc


def write_docbin(records: list[Record], path: Path) -> int:
    """Write the records as one spaCy DocBin file (user data kept); the number of documents written."""
    from spacy.tokens import DocBin

    db = DocBin(store_user_data=True)
    for rec in records:
        db.add(to_spacy_doc(rec))
    path.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(path)
    return len(db)


def render_spans_html(record: Record) -> str:
    """displaCy's span view of the record's items, as an HTML fragment for review."""
    from spacy import displacy

    return displacy.render(to_spacy_doc(record), style="span", options={"spans_key": SPAN_GROUP}, page=False)
