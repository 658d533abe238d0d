"""Search: folded queries (with or without diacritics, any tone placement, abbreviations), filters,
ranking, and the `vnplan search` command. Expected hits are exact: literal ones, and sets computed
from the gold records by an independent Python oracle."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter

import pytest
from click.testing import CliRunner

from extractor.abbrev import expand_abbreviations
from extractor.cli import cli
from extractor.search import FACETS, Filters, facet_counts
from extractor.store import Store
from extractor.stores import open_store
from extractor.vntext import fold
from tests.conftest import make_db
from tests.test_store import add_gold_records, gold_records

# Every Vietnamese letter FTS5 alone gets wrong or that needs folding, and each of the five tone
# marks (sắc, huyền, hỏi, ngã, nặng) on letters that already carry a mark.
LETTERS = ["đ", "Đ", "ư", "ơ", "ă", "â", "ê", "ô",
           "ế", "ề", "ể", "ễ", "ệ", "ố", "ồ", "ổ", "ỗ", "ộ", "ớ", "ờ", "ở", "ỡ", "ợ",
           "ứ", "ừ", "ử", "ữ", "ự", "ắ", "ằ", "ẳ", "ẵ", "ặ", "ấ", "ầ", "ẩ", "ẫ", "ậ"]
YB = "yen-bai-114-kh-ubnd-2021"


def _letters_record() -> dict:
    words = [f"zz{letter}zz{i}" for i, letter in enumerate(LETTERS)]
    text = "Văn bản kiểm thử chữ cái\n" + "\n".join(words) + "\nỦy ban nhân dân tỉnh Hoà Bình và Thuỷ lợi\n"
    return {"doc_id": "letters", "source": {"path": "letters.txt", "sha256": "a" * 64, "format": "txt"},
            "status": "ok", "errors": [], "meta": {"kind": "other", "place": "Hòa Bình"}, "text": text}


@pytest.fixture(scope="module")
def store(module_backend, tmp_path_factory, request) -> Store:
    """The gold records and a record of every letter, once on SQLite and once on PostgreSQL."""
    s = add_gold_records(open_store(make_db(module_backend, tmp_path_factory.mktemp("search"), request, "s")))
    s.add_record(_letters_record())
    yield s
    s.close()


def _keys(hits: list[dict]) -> list[tuple[str, str, int]]:
    return [(h["doc_id"], h["kind"], h["passage_id"]) for h in hits]


def _obligations() -> list[tuple[str, dict]]:
    return [(doc_id, o) for doc_id, r in gold_records().items() for o in r["obligations"]]


@pytest.mark.parametrize("i,letter", list(enumerate(LETTERS)))
def test_every_letter_folds_both_ways(store, i, letter):
    word = f"zz{letter}zz{i}"
    for query in (word, fold(word), word.upper(), unicodedata.normalize("NFD", word)):
        hits = store.search(query)
        assert [(h["doc_id"], h["kind"]) for h in hits] == [("letters", "text")], query


@pytest.mark.parametrize("variants", [["Hòa Bình", "Hoà Bình", "hoa binh", "HOÀ BÌNH"], ["thủy lợi", "Thuỷ lợi"]])
def test_tone_placement_and_no_diacritics(store, variants):
    """Old (Hoà) and new (Hòa) tone placement and no marks at all find the same passages."""
    results = [_keys(store.search(q, limit=500)) for q in variants]
    assert "letters" in {doc for doc, _, _ in results[0]}
    assert all(r == results[0] for r in results)


@pytest.mark.parametrize("variants", [
    ["khoa học", "khoa hoc", "KHOA HỌC", "Khoa Hoc"],
    ["đổi mới", "doi moi", "Đổi Mới", "DOI MOI", "đổi mói"],
    ["Sở KH&CN", "Sở KHCN", "So KH&CN", "Sở Khoa học và Công nghệ", "so khoa hoc va cong nghe"],
])
def test_spellings_give_identical_hits(store, variants):
    results = [_keys(store.search(q, limit=200)) for q in variants[:-1] if q != "đổi mói"]
    assert results[0], variants[0]
    assert all(r == results[0] for r in results)
    if "đổi mói" in variants:  # a wrong tone mark is folded away too
        assert _keys(store.search("đổi mói", limit=200)) == results[0]


def test_exact_literal_hit(store):
    hits = store.search("du toan ngan sach", kind="obligation")
    assert len(hits) == 1
    h = hits[0]
    assert h["doc_id"] == YB and h["lead"] == ["Sở Khoa học và Công nghệ"]
    assert h["task"].startswith("tổng hợp, lập dự toán nguồn ngân sách sự nghiệp khoa học")
    assert h["deadline"]["kind"] == "recurring" and h["quote"] and h["section"]
    assert h["document"]["number"] == "114/KH-UBND"


def test_doi_moi_obligations_match_oracle(store):
    """Every word of the query, folded, among the folded words of the item (abbreviations expanded)."""
    def words(o: dict) -> set[str]:
        return set(re.findall(r"\w+", fold(expand_abbreviations(" ".join([o["task"], o["quote"], *o["lead"],
                                                                          *o["support"]])))))
    expected = {(d, o["task"]) for d, o in _obligations() if {"doi", "moi"} <= words(o)}
    hits = store.search("doi moi", kind="obligation", limit=500)
    assert {(h["doc_id"], h["task"]) for h in hits} == expected
    assert len(expected) >= 10


def test_body_filter_full_or_abbreviated(store):
    expected = {(d, o["task"]) for d, o in _obligations()
                if any("so khoa hoc va cong nghe" in fold(b) for b in o["lead"] + o["support"])}
    assert len(expected) >= 10
    for body in ("Sở KH&CN", "Sở Khoa học và Công nghệ", "so khoa hoc va cong nghe", "SỞ KHCN"):
        hits = store.search("", kind="obligation", body=body, limit=500)
        assert {(h["doc_id"], h["task"]) for h in hits} == expected, body


def _covers(d: dict | None, y: int) -> bool:
    """The year semantics, written independently of the SQL."""
    if not d:
        return False
    k = d["kind"]
    return ((k == "recurring") or (k == "year" and d["end"] == y) or (k == "date" and d["date"][:4] == str(y))
            or (k == "range" and d["start"] <= y <= d["end"]) or (k == "from" and d["start"] <= y))


@pytest.mark.parametrize("year", [2021, 2025, 2031])
def test_year_filter_obligations(store, year):
    expected = {(d, o["task"]) for d, o in _obligations() if _covers(o.get("deadline"), year)}
    hits = store.search("", kind="obligation", year=year, limit=500)
    assert {(h["doc_id"], h["task"]) for h in hits} == expected
    tasks = {h["task"] for h in hits}
    # yen-bai appendix row due "Năm 2021"; the "Từ năm 2021" policy row runs from 2021 on
    assert any(t.startswith("Tuyên truyền, giới thiệu nội dung của Kế hoạch") for t in tasks) == (year == 2021)
    assert any(t.startswith("Xây dựng cơ chế chính sách hỗ trợ doanh nghiệp") for t in tasks)


def test_year_filter_targets_and_combined(store):
    expected = {(d, t["indicator"], t["value"]) for d, r in gold_records().items() for t in r["targets"]
                if t["year"] == 2030}
    hits = store.search("", kind="target", year=2030, limit=500)
    assert sorted((h["doc_id"], h["indicator"], h["value"]) for h in hits) == sorted(
        (d, t["indicator"], t["value"]) for d, r in gold_records().items() for t in r["targets"] if t["year"] == 2030)
    assert {(h["doc_id"], h["indicator"], h["value"]) for h in hits} == expected
    combined = store.search("khoa hoc", kind="obligation", body="Sở KH&CN", year=2025, place="Yen Bai", limit=500)
    assert combined and {h["doc_id"] for h in combined} == {YB}
    assert all(_covers(h["deadline"], 2025) for h in combined)


def test_place_filter(store):
    assert {h["doc_id"] for h in store.search("nang suat", place="yen bai", limit=500)} == {YB}
    # Thuận An is a city of Bình Dương: the province's documents include it
    assert {h["doc_id"] for h in store.search("nang suat", place="Bình Dương", limit=500)} == {
        "news-binh-duong-2109-2021", "news-binh-duong-khcn-2022", "thuan-an-kh-2021"}
    assert {h["doc_id"] for h in store.search("nang suat", place="Thuận An", limit=500)} == {"thuan-an-kh-2021"}


def test_ranked_and_references(store):
    hits = store.search("nang suat lao dong", limit=30)
    assert [h["score"] for h in hits] == sorted(h["score"] for h in hits)
    refs = store.search("36/QĐ-TTg", kind="reference")
    assert {h["doc_id"] for h in refs} == {YB, "news-quang-ninh-36-2021"}
    assert all(h["number"] == "36/QĐ-TTg" for h in refs)


def test_search_command_json(store):
    result = CliRunner().invoke(cli, ["search", "doi moi", "--kind", "obligation", "--body", "Sở KH&CN",
                                      "--year", "2025", "--json", "--db", str(store.path), "--limit", "3"])
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    assert 1 <= len(hits) <= 3
    for h in hits:
        assert {"doc_id", "kind", "quote", "section", "task", "lead", "support", "deadline"} <= set(h)
        assert h["kind"] == "obligation"
    text = CliRunner().invoke(cli, ["search", "du toan ngan sach", "--db", str(store.path)])
    assert text.exit_code == 0 and "dự toán nguồn ngân sách" in text.stdout and YB in text.stdout


def test_year_filter_keeps_only_dated_kinds(store):
    hits = store.search("nang suat", year=2025, limit=500)
    assert hits and {h["kind"] for h in hits} <= {"obligation", "target"}
    assert all(h["year"] == 2025 for h in hits if h["kind"] == "target")


@pytest.mark.parametrize("query,filters", [
    ("khoa hoc", {}), ("doi moi", {"kind": "obligation"}), ("", {"place": "Bình Dương"}),
    ("ke hoach", {"level": "district", "date_from": "2021-06-01"}), ("nang suat", {"year": 2025}),
    ("", {"issuer": "UBND tỉnh Yên Bái", "kind": "text"}), ("Hoà Bình", {}), ("zzzz khong co", {})])
def test_facets_count_the_hits_documents(store, query, filters):
    """Facets (through the store's index, on both backends) are the document facts of every hit
    counted, most first, then by value: an oracle over the hits themselves."""
    assert store.sync_index()  # the writer's index in step (it commits every few seconds and on close)
    f = Filters(**filters)
    results = store.search_results(query, f, limit=10**6)
    assert len(results.hits) == results.total
    expected = {}
    for col in FACETS:
        counts = Counter(h["document"][col] for h in results.hits if h["document"][col])
        expected[col] = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    got, engine = facet_counts(store.conn, query, f)
    assert engine == results.engine == "tantivy"
    assert got == expected == store.facets(query, f)
    assert (sum(n for _, n in got["place"]) > 0) == (query != "zzzz khong co")
