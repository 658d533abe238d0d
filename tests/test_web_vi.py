"""The web pages as Vietnamese legal staff use them, in headless Chromium: Vietnamese labels by
default (English with ?lang=en), targets as read (trên 7,5 %/năm), dates dd/mm/yyyy, the query's
words highlighted, filters by type, issuer, level, place and dates with counts, pages of hits,
and the related-documents panel with meta.effective."""

from __future__ import annotations

import re
import urllib.request
from pathlib import Path

import pytest

from extractor.pipeline import extract_file
from extractor.search import Filters
from extractor.stores import open_store
from extractor.ui import date, number, target_value
from extractor.vntext import fold
from extractor.web import start_server
from tests.conftest import make_db
from tests.test_store import add_gold_records
from tests.test_web import browser  # noqa: F401 - the shared Chromium fixture

HERE = Path(__file__).resolve().parent / "interface"
YB = "yen-bai-114-kh-ubnd-2021"
AMEND, REPLACE, TTG = "yen-bai-20-qd-sua-doi-114", "yen-bai-25-qd-thay-the-114", "ttg-36-qd-ttg-2021-header"


@pytest.fixture(scope="module")
def db(module_backend, tmp_path_factory, request) -> Path | str:
    """The store the pages read, once on SQLite and once on PostgreSQL."""
    path = make_db(module_backend, tmp_path_factory.mktemp("webvi"), request, "w")
    with open_store(path) as s:
        add_gold_records(s)
        for doc in (TTG, AMEND, REPLACE):
            s.add_record(extract_file(HERE / f"{doc}.txt"))
        s.add_record({"doc_id": "xss", "source": {"path": "x.txt", "sha256": "c" * 64, "format": "txt"},
                      "status": "ok", "errors": [], "meta": {"title": "<script>alert(1)</script>"},
                      "text": "Văn bản <b>thử</b> & kiểm tra <i>nghiệm</i>"})
    return path


@pytest.fixture(scope="module")
def server(db):
    srv, thread = start_server(db, "127.0.0.1", 0)
    yield f"http://127.0.0.1:{srv.server_port}"
    srv.shutdown()
    srv.server_close()
    thread.join(5)


def _html(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.read().decode()


# -- formatting (no browser) ----------------------------------------------------------------------


def test_numbers_dates_and_comparators():
    assert target_value(">", 11.0, None, "%/năm") == "trên 11 %/năm"
    assert target_value(">", 7.5, None, "%/năm") == "trên 7,5 %/năm"
    assert target_value(">=", 2500, None, "doanh nghiệp") == "ít nhất 2.500 doanh nghiệp"
    assert target_value("<=", 30, None, "%") == "không quá 30 %"
    assert target_value("range", 5, 7.5, "%") == "từ 5 đến 7,5 %"
    assert target_value("~", 6.2, None, "%", "en") == "~ 6.2 %"
    assert target_value("=", 40, None, "%") == "40 %"
    assert number(1234567.25) == "1.234.567,25" and number(1234567.25, "en") == "1,234,567.25"
    assert date("2021-05-11") == "11/05/2021" and date(None) == ""


def test_every_label_in_both_languages():
    from extractor.rules import load_rules

    labels = load_rules("ui_vi").data["labels"]
    assert len(labels) > 60
    for key, entry in labels.items():
        assert set(entry) == {"vi", "en"} and all(isinstance(v, str) for v in entry.values()), key


def test_related_in_both_directions(db):
    with open_store(db, readonly=True) as s:
        yb = s.related(YB)
        assert [(r["number"], r["doc_id"]) for r in yb["amended_by"]] == [("20/QĐ-UBND", AMEND)]
        assert [(r["number"], r["doc_id"]) for r in yb["replaced_by"]] == [("25/QĐ-UBND", REPLACE)]
        assert ("36/QĐ-TTg", "implements", TTG) in {(r["number"], r["relation"], r["doc_id"]) for r in yb["cites"]}
        ttg = s.related(TTG)
        assert YB in {r["doc_id"] for r in ttg["implemented_by"]}
        assert "news-quang-ninh-36-2021" in {r["doc_id"] for r in ttg["cited_by"] + ttg["implemented_by"]}
        assert [r["doc_id"] for r in s.related(AMEND)["cites"] if r["doc_id"]] == [YB]
        assert s.effective(AMEND) == "2022-03-15" and s.effective(YB) is None


def test_query_words_escaped_and_highlighted(server):
    body = _html(server + "/?q=th%E1%BB%AD+nghiem")
    quote = re.search(r'<blockquote class="quote">(.*?)</blockquote>', body).group(1)
    assert quote == ('Văn bản &lt;b&gt;<mark class="q">thử</mark>&lt;/b&gt; &amp; kiểm tra '
                     '&lt;i&gt;<mark class="q">nghiệm</mark>&lt;/i&gt;')
    assert "<script>alert(1)</script>" not in body


# -- in the browser ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_vietnamese_search_page(server, browser, db):  # noqa: F811
    page = browser.new_page()
    page.goto(server + "/")
    assert page.locator("header").inner_text().split()[:4] == ["vnplan", "Tìm", "kiếm", "Văn"]
    labels = page.locator("form.search label").all_inner_texts()
    for want in ("Từ khóa", "Loại mục", "Cơ quan thực hiện", "Năm", "Địa phương", "Loại văn bản", "Cơ quan ban hành",
                 "Cấp", "Từ ngày", "Đến ngày"):
        assert any(t.strip().startswith(want) for t in labels), want
    assert page.locator("select[name=kind] option").all_inner_texts() == [
        "Tất cả", "Nhiệm vụ", "Chỉ tiêu", "Văn bản dẫn chiếu", "Nội dung"]
    page.fill("input[name=q]", "ĐMST")
    page.select_option("select[name=kind]", "target")
    page.click("button[type=submit]")
    page.wait_for_selector("ol.hits li")
    with open_store(db, readonly=True) as s:
        total = s.search_results("đổi mới sáng tạo", Filters(kind="target"), limit=0).total
    shown = min(20, total)
    assert page.locator("#count").inner_text() == f"1–{shown} trong {total} kết quả"
    assert page.locator("ol.hits li").count() == shown
    assert page.locator("ol.hits li .badge").first.inner_text() == "Chỉ tiêu"
    marks = page.locator("ol.hits mark.q").all_inner_texts()
    assert marks and {fold(m) for m in marks} <= {"doi", "moi", "sang", "tao", "dmst"}
    values = page.locator("ol.hits .value").all_inner_texts()
    assert "trên 7,5 %/năm" in values or any(re.fullmatch(r"(trên|ít nhất|khoảng|dưới|từ) .*", v) for v in values)
    assert not any(re.search(r"\d\.\d", v) for v in values)  # decimal comma, never a point
    assert page.locator("ol.hits .scope").first.inner_text() in ("toàn tỉnh", "toàn huyện", "cả nước")
    metas = page.locator("ol.hits li .meta").all_inner_texts()  # dates in Vietnamese order, never ISO
    assert any(re.search(r"\d{2}/\d{2}/\d{4}", m) for m in metas)
    assert not any(re.search(r"\d{4}-\d{2}-\d{2}", m) for m in metas)
    page.close()


@pytest.mark.slow
def test_filters_with_counts(server, browser, db):  # noqa: F811
    page = browser.new_page()
    page.goto(server + "/?q=n%C4%83ng+su%E1%BA%A5t")
    page.wait_for_selector("aside.facets")
    level = page.locator("[data-facet=level] li", has_text="Huyện")
    n = int(level.locator(".n").inner_text())
    level.locator("a").click()
    page.wait_for_selector("ol.hits li")
    assert page.locator("select[name=level]").input_value() == "district"
    assert page.locator("#count").inner_text().endswith(f"trong {n} kết quả")
    with open_store(db, readonly=True) as s:
        assert s.search_results("năng suất", Filters(level="district"), limit=0).total == n
    # a document type and a date range
    page.goto(server + "/?q=n%C4%83ng+su%E1%BA%A5t&doc_type=Quy%E1%BA%BFt+%C4%91%E1%BB%8Bnh")
    page.wait_for_selector("ol.hits li")
    links = page.locator("ol.hits li > a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert {h.split("?")[0] for h in links} == {f"/doc/{TTG}", f"/doc/{REPLACE}"}
    assert page.locator("[data-facet=doc_type] li").all_inner_texts() == [f"Quyết định {len(links)}"]
    page.fill("input[name=date_from]", "01/01/2022")
    page.click("button[type=submit]")
    page.wait_for_selector("ol.hits li")
    dates = [re.search(r"(\d{2})/(\d{2})/(\d{4})", t) for t in page.locator("ol.hits li .meta").all_inner_texts()]
    assert dates and all(d and d.group(3) >= "2022" for d in dates)
    links = page.locator("ol.hits li > a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert {h.split("?")[0] for h in links} == {f"/doc/{REPLACE}"}
    # a place takes in its districts, and a bad year is a sentence, not an error page
    page.goto(server + "/?place=t%E1%BB%89nh+B%C3%ACnh+D%C6%B0%C6%A1ng&kind=obligation")
    places = page.locator("[data-facet=place] li a").all_inner_texts()
    assert "Thuận An" in places and "Bình Dương" in places
    page.goto(server + "/?q=x&year=20255")
    assert "year must be a year such as 2025" in page.locator("#count").inner_text()
    page.goto(server + "/?q=")
    page.goto(server + "/?q=%C4%91%E1%BB%95i+m%E1%BB%9Bi")
    page.click("a.next")
    page.wait_for_selector("ol.hits li")
    assert page.locator("#count").inner_text().startswith("21–")
    page.close()


@pytest.mark.slow
def test_related_panel_and_validity(server, browser):  # noqa: F811
    page = browser.new_page()
    page.goto(server + f"/doc/{YB}")
    panel = page.locator("section#related")
    assert panel.locator("h2").inner_text() == "Văn bản liên quan"
    amended = panel.locator("[data-rel=amended_by]")
    assert "Văn bản sửa đổi, bổ sung văn bản này (1)" in amended.inner_text()
    assert "Quyết định 20/QĐ-UBND" in amended.inner_text() and "15/03/2022" in amended.inner_text()
    assert "Quyết định 25/QĐ-UBND" in panel.locator("[data-rel=replaced_by]").inner_text()
    cites = panel.locator("[data-rel=cites]")
    assert cites.locator("a", has_text="36/QĐ-TTg").count() == 1 and "thực hiện" in cites.inner_text()
    assert "chưa có trong cơ sở dữ liệu" in cites.inner_text()  # the Luật it cites is not stored
    cites.locator("a", has_text="36/QĐ-TTg").click()
    page.wait_for_selector("section#related")
    assert page.url.endswith(f"/doc/{TTG}")
    implementing = page.locator("[data-rel=implemented_by]")
    assert implementing.locator("a", has_text="114/KH-UBND").count() == 1
    assert page.locator("tr[data-fact=effective] td").inner_text() == "11/01/2021"
    implementing.locator("a", has_text="114/KH-UBND").click()
    page.wait_for_selector("section#related")
    assert page.locator("tr[data-fact=date] td").inner_text() == "11/05/2021"
    assert page.locator("tr[data-fact=level] td").inner_text() == "Tỉnh"
    assert page.locator("tr[data-fact=effective]").count() == 0  # no effect clause in this plan
    page.locator("section#related [data-rel=amended_by] a").click()
    page.wait_for_selector("tr[data-fact=effective]")
    assert page.locator("tr[data-fact=effective] th").inner_text() == "Ngày có hiệu lực"
    assert page.locator("tr[data-fact=effective] td").inner_text() == "15/03/2022"
    page.close()


@pytest.mark.slow
def test_english_on_request(server, browser):  # noqa: F811
    page = browser.new_page()
    page.goto(server + f"/doc/{YB}")
    page.click("header a.lang")
    page.wait_for_selector("section#related")
    assert "lang=en" in page.url
    assert page.locator("section#related h2").inner_text() == "Related documents"
    assert "Amended by (1)" in page.locator("[data-rel=amended_by]").inner_text()
    page.goto(server + "/?q=nang+suat+lao+dong&kind=target&lang=en")
    page.wait_for_selector("ol.hits li")
    assert re.fullmatch(r"1-\d+ of \d+ hits", page.locator("#count").inner_text())
    assert page.locator("ol.hits li .badge").first.inner_text() == "Target"
    assert page.locator("button[type=submit]").inner_text() == "Search"
    page.close()
