"""The spaCy annotation layer: every extracted item is a span over the same characters."""

from __future__ import annotations

import pytest

from extractor.annotate import SPAN_GROUP, item_spans, render_spans_html, to_spacy_doc, write_docbin
from extractor.record import Record


@pytest.fixture(scope="module")
def records(txt_records) -> dict[str, Record]:
    return {k: Record.from_dict(v) for k, v in txt_records.items()}


def test_every_item_becomes_a_span_covering_its_quote(records):
    rec = records["yen-bai-114-kh-ubnd-2021"]
    doc = to_spacy_doc(rec)
    spans = doc.spans[SPAN_GROUP]
    assert len(spans) == len(item_spans(rec)) > 0
    labels = {s.label_ for s in spans}
    assert labels == {"REFERENCE", "TARGET", "OBLIGATION"}
    for span, (start, end, _) in zip(sorted(spans, key=lambda s: (s.start_char, s.end_char)), item_spans(rec),
                                     strict=True):
        assert span.start_char <= start and end <= span.end_char  # expanded to token edges, never cut


def test_reference_span_reads_the_citation(records):
    doc = to_spacy_doc(records["thuan-an-kh-2021"])
    refs = [s.text for s in doc.spans[SPAN_GROUP] if s.label_ == "REFERENCE"]
    assert any("2109/QĐ-UBND" in r for r in refs)


def test_docbin_round_trip(records, tmp_path):
    from spacy.tokens import DocBin

    from extractor.annotate import blank_vietnamese

    path = tmp_path / "dev.spacy"
    assert write_docbin(list(records.values()), path) == len(records)
    docs = list(DocBin().from_disk(path).get_docs(blank_vietnamese().vocab))
    assert {d.user_data["doc_id"] for d in docs} == set(records)
    assert sum(len(d.spans[SPAN_GROUP]) for d in docs) == sum(len(item_spans(r)) for r in records.values())


def test_displacy_view_marks_targets(records):
    html = render_spans_html(records["thuan-an-kh-2021"])
    assert "TARGET" in html and "7,5%/năm" in html
