"""The same document read from TXT, DOCX, PDF and HTML gives valid records with the same text."""

from __future__ import annotations

import pytest

from extractor.record import validate_record
from tests.conftest import dev_txt_paths
from tests.formats import squash

DOC_IDS = [p.stem for p in dev_txt_paths()]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def all_records(txt_records, docx_records, pdf_records, html_records) -> dict[str, dict[str, dict]]:
    return {"txt": txt_records, "docx": docx_records, "pdf": pdf_records, "html": html_records}


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_every_format_gives_the_same_text(all_records, doc_id):
    """Each format's record is schema-valid, readable, and its text equals the TXT text modulo whitespace."""
    got = {}
    for fmt, records in all_records.items():
        rec = records[doc_id]
        assert validate_record(rec) == [], f"{fmt}: invalid record"
        reading = [e for e in rec["errors"] if "step failed" not in e or e.startswith("normalize")]
        assert reading == [] and rec["status"] != "error", f"{fmt}: {rec['errors']}"  # extractor bugs aside
        assert rec["source"]["format"] == fmt
        got[fmt] = squash(rec["text"])
    assert {fmt: text == got["txt"] for fmt, text in got.items()} == dict.fromkeys(got, True)


def test_pdf_records_count_pages(pdf_records):
    assert pdf_records["yen-bai-114-kh-ubnd-2021"]["source"]["pages"] > 5
    assert all(rec["source"]["pages"] >= 1 for rec in pdf_records.values())


def test_pdf_keeps_paragraphs_and_appendix_rows(pdf_records, txt_records):
    """PDF wrapped lines are joined into the document's paragraphs; appendix cells stay paragraphs."""
    pdf_text = pdf_records["yen-bai-114-kh-ubnd-2021"]["text"]
    line = ("- Góp phần đạt mục tiêu tăng năng suất lao động bình quân của tỉnh đạt trên 7,2% /năm.")
    assert line in pdf_text.split("\n")
    assert "\n\nSở Lao động- Thương binh và Xã hội\n\nCác đơn vị liên quan" in pdf_text
    assert "\n\nNăm 2021-2030\n\nSở Thông tin & Truyền thông\n\n" in pdf_text


def test_docx_table_renders_like_the_portal_text(docx_records, txt_records):
    """The appendix read as a real DOCX table renders cell by cell exactly as the legal-portal TXT does."""
    docx_text = docx_records["yen-bai-114-kh-ubnd-2021"]["text"]
    txt_text = txt_records["yen-bai-114-kh-ubnd-2021"]["text"]
    tail = txt_text[txt_text.index("\n\nStt\n\n"):]
    assert tail in docx_text
