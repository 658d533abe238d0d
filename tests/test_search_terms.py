"""Search finds what officers type: abbreviations both ways (also lower case, glued, without marks),
places as a hierarchy, whole body names, `N of M` counts with an offset, and input checked with a
sentence. Counts are exact and compared with the same query written out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor.cli import cli
from extractor.pipeline import extract_file
from extractor.search import (
    Filters,
    SearchInputError,
    _terms,
    check_date,
    check_year,
    document_province,
    normalize_kind,
    place_key,
    search_fold,
)
from extractor.store import Store
from extractor.stores import open_store
from tests.conftest import make_db
from tests.test_store import add_gold_records

HELDOUT = Path(__file__).resolve().parent
DISTRICT_DOCS = ["heldout4/chu-pah-kh-112-2022.txt", "heldout2/krong-pac-156-kh-ubnd-2022.txt",
                 "heldout/phu-my-kh-215-2022.txt"]


@pytest.fixture(scope="module")
def store(module_backend, tmp_path_factory, request) -> Store:
    """The gold records and three district plans, once on SQLite and once on PostgreSQL."""
    s = add_gold_records(open_store(make_db(module_backend, tmp_path_factory.mktemp("terms"), request, "t")))
    for rel in DISTRICT_DOCS:
        s.add_record(extract_file(HELDOUT / rel))
    yield s
    s.close()


def _total(store: Store, query: str, **filters) -> int:
    return store.search_results(query, Filters(**filters), limit=0).total


def _keys(store: Store, query: str, **filters) -> list[tuple[str, str, int]]:
    hits = store.search_results(query, Filters(**filters), limit=1000).hits
    return sorted((h["doc_id"], h["kind"], h["passage_id"]) for h in hits)


@pytest.mark.parametrize("written_out,typed,count", [
    ("Sở Khoa học và Công nghệ", ["SKHCN", "Sở KH&CN", "sở khcn", "so kh&cn", "Sở KHCN"], 84),
    ("Sở Tài chính", ["Sở TC", "STC", "so tc"], 12),
    ("năng suất lao động", ["NSLĐ", "nsld", "NSLD"], 49),
    ("đổi mới sáng tạo", ["ĐMST", "dmst", "Đmst"], 91),
    ("Phòng Giáo dục và Đào tạo", ["PGDĐT", "Phòng GD&ĐT", "phong gddt"], 10),
    ("Ủy ban nhân dân", ["UBND", "ubnd"], None),
])
def test_abbreviations_find_what_their_expansion_finds(store, written_out, typed, count):
    expected = _keys(store, written_out)
    if count is not None:
        assert len(expected) == count
    assert expected
    for q in typed:
        assert _keys(store, q) == expected, q


def test_abbreviation_in_the_text_is_found_by_the_expansion(store):
    """Both ways: passages that write ĐMST (inside KHCN&ĐMST) are hits of 'đổi mới sáng tạo'."""
    rows = store.conn.execute("SELECT d.text, p.span_start, p.span_end, p.id FROM passages p "
                              "JOIN documents d ON d.doc_id = p.doc_id WHERE p.kind = 'text'").fetchall()
    with_abbrev = {r[3] for r in rows if "ĐMST" in r[0][r[1]:r[2]] and "đổi mới sáng tạo" not in r[0][r[1]:r[2]].lower()}
    assert with_abbrev
    hits = {h["passage_id"] for h in store.search_results("đổi mới sáng tạo", Filters(kind="text"), limit=1000).hits}
    assert with_abbrev <= hits


def test_folding_of_terms():
    assert search_fold("SKHCN") == "so khoa hoc va cong nghe"
    assert search_fold("Sở TC tỉnh") == "so tai chinh tinh"
    assert search_fold("tăng NSLĐ") == "tang nang suat lao dong"
    assert search_fold("KHCN&ĐMST") == "khoa hoc va cong nghe&doi moi sang tao"
    # what looks like an abbreviation inside a word or a standard number is left alone
    assert search_fold("TCVN ISO 9001") == "tcvn iso 9001"
    assert search_fold("Phòng TC-KH") == "phong tai chinh - ke hoach"
    assert search_fold("tổ chức") == "to chuc"


def test_no_term_is_a_vietnamese_syllable():
    """No folded abbreviation is a syllable, so none can stand for a real word of the text."""
    import re

    from extractor.rules import load_rules

    syllable = load_rules("search").data["syllable"]
    rx = re.compile(syllable["pattern"])
    assert all(rx.match(w) for w in syllable["examples"]) and not any(rx.match(w) for w in syllable["counter_examples"])
    terms = _terms()
    assert len(terms.table) > 40
    for key in terms.table:
        assert not rx.match(re.sub(r"[\s&.,-]+|\bva\b", "", key)), key
    assert {"ubnd", "khcn", "kh&cn", "skhcn", "pgddt", "nnptnt"} <= set(terms.table)


# -- places ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["Yên Bái", "tỉnh Yên Bái", "Tỉnh Yên Bái", "yen bai", "tinh yen bai", "YÊN BÁI"])
def test_place_spellings(typed):
    assert place_key(typed) == "yen bai"


def test_place_keys_of_cities_and_districts():
    assert place_key("TP. Cần Thơ") == place_key("thành phố Cần Thơ") == "can tho"
    assert place_key("thành phố Thuận An") == "thuan an"
    assert place_key("Bà Rịa – Vũng Tàu".replace("–", "-")) == place_key("ba ria - vung tau")


def test_a_province_holds_its_districts_documents(store):
    province = {h["doc_id"] for h in store.search("", place="tỉnh Bình Dương", limit=1000)}
    assert province == {"news-binh-duong-2109-2021", "news-binh-duong-khcn-2022", "thuan-an-kh-2021"}
    assert {h["doc_id"] for h in store.search("", place="binh duong", limit=1000)} == province
    assert {h["doc_id"] for h in store.search("", place="thành phố Thuận An", limit=1000)} == {"thuan-an-kh-2021"}
    assert {h["doc_id"] for h in store.search("", place="Gia Lai", limit=1000)} == {"chu-pah-kh-112-2022"}
    assert {h["doc_id"] for h in store.search("", place="dak lak", limit=1000)} == {"krong-pac-156-kh-ubnd-2022"}
    assert {h["doc_id"] for h in store.search("", place="Bà Rịa - Vũng Tàu", limit=1000)} == {"phu-my-kh-215-2022"}
    assert _total(store, "", place="Thuận An") == _total(store, "", place="Bình Dương") - _total(
        store, "", place="Bình Dương", level="province")


def test_document_province_sources():
    # the issuer names it
    assert document_province({"level": "district", "place": "X", "issuer": "Ủy ban nhân dân huyện X tỉnh Gia Lai"},
                             "") == "Gia Lai"
    # the opening lines name it
    assert document_province({"level": "district", "place": "Y"}, "Ủy ban nhân dân tỉnh Bình Dương\nHuyện Y") \
        == "Bình Dương"
    # nothing says: the district table of rules/search.yaml
    assert document_province({"level": "district", "place": "Thuận An"}, "Kế hoạch") == "Bình Dương"
    assert document_province({"level": "district", "place": "Nowhere"}, "Kế hoạch") is None
    assert document_province({"level": "province", "place": "Yên Bái"}, "tỉnh Lào Cai") is None


# -- bodies ---------------------------------------------------------------------------------------


def _bodies_of(store: Store, body: str, prefix: bool = False) -> set[str]:
    hits = store.search("", kind="obligation", body=body, body_prefix=prefix, limit=1000)
    return {b for h in hits for b in h["lead"] + h["support"] if b.startswith("Phòng Kinh tế")}


def test_body_matches_whole_names(store):
    assert _bodies_of(store, "Phòng Kinh tế") == {"Phòng Kinh tế"}
    assert _bodies_of(store, "phong kinh te va ha tang") == {"Phòng Kinh tế và Hạ tầng"}
    assert _bodies_of(store, "Phòng KT&HT") == {"Phòng Kinh tế và Hạ tầng"}
    assert _bodies_of(store, "Phòng Kinh tế", prefix=True) == {"Phòng Kinh tế", "Phòng Kinh tế và Hạ tầng"}
    assert _total(store, "", kind="obligation", body="Phòng Kinh tế") == 14
    assert _total(store, "", kind="obligation", body="Phòng Kinh tế và Hạ tầng") == 11
    assert _total(store, "", kind="obligation", body="Phòng Kinh tế", body_prefix=True) == 25
    assert _total(store, "", kind="obligation", body="Phòng Kinh") == 0


# -- counts, offset, input ------------------------------------------------------------------------


def test_counts_and_offset(store):
    first = store.search_results("đổi mới", limit=20)
    assert len(first.hits) == 20 and first.total == _total(store, "doi moi") > 20
    assert first.count_line() == f"20 of {first.total} hits"
    second = store.search_results("đổi mới", limit=20, offset=20)
    assert second.count_line() == f"21-{20 + len(second.hits)} of {first.total} hits"
    all_ = store.search_results("đổi mới", limit=1000).hits
    assert [h["passage_id"] for h in first.hits + second.hits] == [h["passage_id"] for h in all_[:40]]


def test_input_checked():
    assert normalize_kind("obligations") == normalize_kind("Obligation") == "obligation"
    assert normalize_kind("targets") == "target" and normalize_kind("") is None
    with pytest.raises(SearchInputError, match="choose one of obligation, target"):
        normalize_kind("tasks")
    with pytest.raises(SearchInputError, match="must be a year such as 2025"):
        check_year("20255")
    assert check_year("2025") == 2025
    assert check_date("31/12/2025", "x") == "2025-12-31" and check_date("2021", "x", end=True) == "2021-12-31"
    with pytest.raises(SearchInputError, match="a date such as 31/12/2025"):
        check_date("31/02/2025", "the start date")


def _cli(*args: str):
    return CliRunner().invoke(cli, ["search", *args])


def test_search_command_messages(store, tmp_path):
    db = ["--db", str(store.path)]
    r = _cli("x", "--year", "20255", *db)
    assert r.exit_code == 2 and "--year must be a year such as 2025 (got '20255')" in r.output
    r = _cli("", *db)
    assert r.exit_code == 2 and "nothing to search for: type some words" in r.output
    r = _cli("   ", *db)
    assert r.exit_code == 2 and "nothing to search for" in r.output
    r = _cli("x", *["--db", str(tmp_path / "none.db")])
    assert r.exit_code == 1 and "run `vnplan ingest FOLDER" in r.output and "Traceback" not in r.output
    plural = _cli("năng suất", "--kind", "obligations", "--json", "-n", "500", *db)
    singular = _cli("năng suất", "--kind", "obligation", "--json", "-n", "500", *db)
    assert plural.exit_code == 0 and json.loads(plural.stdout) == json.loads(singular.stdout)
    r = _cli("đổi mới", "-n", "20", *db)
    total = _total(store, "đổi mới")
    assert f"20 of {total} hits (next page: --offset 20)" in r.stderr
    r = _cli("đổi mới", "-n", "20", "--offset", "20", *db)
    assert f"21-40 of {total} hits" in r.stderr
    r = _cli("", "--place", "tinh binh duong", "--body", "Phòng Kinh tế", "--json", *db)
    assert {h["doc_id"] for h in json.loads(r.stdout)} == {"thuan-an-kh-2021"}
