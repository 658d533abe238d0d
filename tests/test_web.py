"""The web pages, driven in headless Chromium (Debian's /usr/bin/chromium) by Playwright."""

from __future__ import annotations

import shutil
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from extractor.stores import open_store
from extractor.web import highlight, start_server
from tests.conftest import make_db
from tests.test_store import add_gold_records

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]
YB = "yen-bai-114-kh-ubnd-2021"


@pytest.fixture(scope="module")
def server(module_backend, tmp_path_factory, request):
    """The pages of the gold records, served once from SQLite and once from PostgreSQL."""
    db = make_db(module_backend, tmp_path_factory.mktemp("web"), request, "w")
    with open_store(db) as s:
        add_gold_records(s)
        s.add_record({"doc_id": "xss", "source": {"path": "x.txt", "sha256": "b" * 64, "format": "txt"},
                      "status": "ok", "errors": [], "meta": {"title": "<script>alert(1)</script>"},
                      "text": "Văn bản <b>thử</b> & kiểm tra"})
    srv, thread = start_server(db, "127.0.0.1", 0)
    yield f"http://127.0.0.1:{srv.server_port}"
    srv.shutdown()
    srv.server_close()
    thread.join(5)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        pytest.skip("Debian chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def test_highlight_escapes_and_splits_overlaps():
    out = highlight("a<b>cdef", [(1, 5, "obligation", "o-1"), (3, 7, "target", "t-1")])
    assert out == ('a<mark class="obligation" id="o-1">&lt;b</mark><mark class="obligation target" id="t-1">'
                   '&gt;c</mark><mark class="target">de</mark>f')


@pytest.mark.slow
def test_search_without_diacritics_in_browser(server, browser):
    page = browser.new_page()
    page.goto(server + "/")
    page.fill("input[name=q]", "du toan ngan sach")
    page.select_option("select[name=kind]", "obligation")
    page.click("button[type=submit]")
    page.wait_for_selector("ol.hits li")
    first = page.locator("ol.hits li").first
    assert "tổng hợp, lập dự toán nguồn ngân sách sự nghiệp khoa học" in first.inner_text()
    assert "Sở Khoa học và Công nghệ" in first.inner_text()
    assert page.locator("#count").inner_text() == "1–1 trong 1 kết quả"

    page.fill("input[name=q]", "doi moi sang tao")
    page.fill("input[name=body]", "Sở KH&CN")
    page.fill("input[name=year]", "2025")
    page.fill("input[name=place]", "yen bai")
    page.click("button[type=submit]")
    page.wait_for_selector("ol.hits li")
    texts = page.locator("ol.hits li").all_inner_texts()
    assert texts and all("Yên Bái" in t and "Sở Khoa học và Công nghệ" in t for t in texts)

    # follow the hit to its document page: the item is highlighted where it stands in the text
    page.locator("ol.hits li a").first.click()
    page.wait_for_selector("pre.doctext mark.hit")
    hit = page.locator("mark.hit").first.inner_text()
    assert hit and hit in page.locator("pre.doctext").inner_text()
    assert page.locator("pre.doctext mark.obligation").count() >= 10
    assert page.locator("#compliance").count() == 1
    page.close()


@pytest.mark.slow
def test_document_page_and_list_in_browser(server, browser):
    page = browser.new_page()
    page.goto(server + "/documents")
    assert page.locator("table tr").count() == 7  # header + 6 documents
    page.click(f"text={YB}")
    page.wait_for_selector("pre.doctext mark")
    assert "Kế hoạch nâng cao năng suất" in page.locator("h1").inner_text()
    marks = page.locator("pre.doctext mark.target")
    assert marks.count() >= 4 and "%" in " ".join(marks.all_inner_texts())
    page.click("h2:has-text('Nhiệm vụ')")  # the heading is there; an item link jumps to its mark
    page.locator("table a[href^='#obligation-']").first.click()
    assert page.url.endswith("#obligation-0")
    assert page.locator("mark#obligation-0").is_visible()
    page.close()


def test_escaping_and_errors(server):
    status, body = _get(server + "/doc/xss")
    assert status == 200 and "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body
    assert "&lt;b&gt;thử&lt;/b&gt; &amp; kiểm tra" in body
    status, body = _get(server + "/?q=%3Cscript%3E")
    assert status == 200 and "<script>" not in body.split("</head>")[1]
    assert _get(server + "/doc/nope")[0] == 404
    assert _get(server + "/nowhere")[0] == 404
    req = urllib.request.Request(server + "/", method="POST", data=b"x")
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(req, timeout=10)
    assert e.value.code == 405


def test_read_only_connection(server, tmp_path):
    with pytest.raises(FileNotFoundError):
        start_server(tmp_path / "missing.db")
