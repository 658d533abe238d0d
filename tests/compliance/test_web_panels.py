"""The web document page: *Văn bản triển khai* and the compliance report in place of the placeholder."""

from __future__ import annotations

import urllib.request
from pathlib import Path

import pytest

from extractor.batch import ingest_folder
from extractor.stores import open_store
from extractor.web import start_server
from tests.conftest import make_db

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
TEXT_36 = "Quyết định số 36/QĐ-TTg <b> đến năm 2025 tăng năng suất lao động bình quân trên 7%/năm"


@pytest.fixture(scope="module")
def server(module_backend, tmp_path_factory, request):
    """The corpus and a stand-in of 36/QĐ-TTg, served once from SQLite and once from PostgreSQL."""
    db = make_db(module_backend, tmp_path_factory.mktemp("webc"), request, "w")
    ingest_folder(CORPUS, db, workers=1, progress=False)
    with open_store(db) as s:  # a stored stand-in of the national decision, so its page has a list
        s.add_record({"doc_id": "qd-36", "source": {"path": "qd-36.txt", "sha256": "c" * 64, "format": "txt"},
                      "status": "ok", "errors": [], "text": TEXT_36,
                      "targets": [{"indicator": "tăng năng suất lao động bình quân",
                                   "indicator_id": "labor_productivity_growth", "comparator": ">", "value": 7,
                                   "value_max": None, "unit": "%/năm", "year": 2025, "scope": "national",
                                   "span": [TEXT_36.index("tăng"), len(TEXT_36)],
                                   "quote": TEXT_36[TEXT_36.index("tăng"):]}],
                      "meta": {"kind": "decision", "doc_type": "Quyết định", "number": "36/QĐ-TTg",
                               "date": "2021-01-11", "issuer": "Thủ tướng Chính phủ", "level": "national",
                               "title": "Kế hoạch tổng thể <nâng cao năng suất>"}})
    srv, thread = start_server(db, "127.0.0.1", 0)
    yield f"http://127.0.0.1:{srv.server_port}"
    srv.shutdown()
    srv.server_close()
    thread.join(5)


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as r:
        return r.read().decode()


def test_plan_page_shows_its_compliance_report(server):
    """The decision's own stored record is the parent side now (before quotes and the registry)."""
    page = _get(server + "/doc/yen-bai-114-kh-ubnd-2021")
    assert "Not available yet" not in page
    section = page.split('<section id="compliance">')[1].split("</section>")[0]
    assert "Against 36/QĐ-TTg" in section and "Parent figures and tasks from: record qd-36" in section
    assert "<td>labor_productivity_growth</td><td>2025</td><td>&gt; 7 %/năm</td><td>6.2 %/năm</td><td><b>weaker</b>" in section


def test_decision_page_lists_the_documents_implementing_it(server):
    page = _get(server + "/doc/qd-36")
    section = page.split('<section id="implementing">')[1].split("</section>")[0]
    assert section.index("114/KH-UBND") < section.index("2109/QĐ-UBND") < section.index("thuan-an-kh-2021")
    assert "reports on" in section and "news-quang-ninh-36-2021" in section
    assert "&lt;nâng cao năng suất&gt;" in page and "<nâng cao" not in page
