"""link.find_parent: the implemented document, the most local one, its chain through the registry."""

from __future__ import annotations

import json

import pytest

from extractor.document import Doc
from extractor.link import bundled_registry, find_parent, issuer_level, registry_from_records
from extractor.record import Mention, Meta, Reference
from tests.conftest import GOLD


def ref(number, relation="implements", issuer=None, doc_type="Quyết định", date=None, title=None, mentions=1):
    return Reference(doc_type, number, date, issuer, title, relation,
                     [Mention([i * 10, i * 10 + 5], "x") for i in range(mentions)])


def doc(**meta) -> Doc:
    d = Doc("text")
    d.meta = Meta(**{"kind": "plan", **meta})
    return d


def test_registry_has_the_known_documents():
    numbers = {e["number"]: e for e in bundled_registry()}
    assert numbers["36/QĐ-TTg"]["date"] == "2021-01-11" and numbers["36/QĐ-TTg"]["implements"] is None
    assert numbers["2109/QĐ-UBND"]["implements"] == "36/QĐ-TTg"
    assert numbers["114/KH-UBND"]["implements"] == "36/QĐ-TTg"
    for n in ("1068/QĐ-TTg", "142/QĐ-TTg", "52-KL/TW"):
        assert n in numbers


def test_district_plan_chain_through_registry():
    refs = [ref("2109/QĐ-UBND", issuer="Ủy ban nhân dân tỉnh Bình Dương", date="2021-09-01"),
            ref("462/PKT", "basis", "Phòng Kinh tế thành phố Thuận An", "Công văn")]
    p = find_parent(doc(), refs)
    assert (p.number, p.date, p.chain) == ("2109/QĐ-UBND", "2021-09-01", ["2109/QĐ-UBND", "36/QĐ-TTg"])


def test_province_plan_parent_is_national_root():
    p = find_parent(doc(), [ref("36/QĐ-TTg", issuer="Thủ tướng Chính phủ")])
    assert (p.number, p.issuer, p.chain) == ("36/QĐ-TTg", "Thủ tướng Chính phủ", ["36/QĐ-TTg"])


def test_most_specific_of_several_implemented():
    refs = [ref("36/QĐ-TTg", issuer="Thủ tướng Chính phủ"),
            ref("114/KH-UBND", issuer="Ủy ban nhân dân tỉnh Yên Bái", doc_type="Kế hoạch")]
    p = find_parent(doc(level="district"), refs)
    assert p.number == "114/KH-UBND"
    assert p.chain == ["114/KH-UBND", "36/QĐ-TTg"]


def test_local_number_of_another_province_does_not_chain():
    refs = [ref("114/KH-UBND", issuer="Ủy ban nhân dân tỉnh Lào Cai", doc_type="Kế hoạch")]
    assert find_parent(doc(), refs).chain == ["114/KH-UBND"]


def test_cited_only_is_no_parent():
    assert find_parent(doc(), [ref("36/QĐ-TTg", "cites"), ref("08/2014/NĐ-CP", "basis")]) is None


@pytest.mark.parametrize("refs,want", [
    ([ref("36/QĐ-TTg", "cites", "Thủ tướng Chính phủ", mentions=6)], "36/QĐ-TTg"),
    ([ref("2109/QĐ-UBND", "cites", "Ủy ban nhân dân tỉnh Bình Dương")], "2109/QĐ-UBND"),
    ([ref(None, "cites", "Ủy ban nhân dân tỉnh Bình Dương", "Chương trình", "2022-03-25")], None),
    ([], None),
])
def test_news_parent_is_the_numbered_document_reported_on(refs, want):
    p = find_parent(doc(kind="news"), refs)
    assert (p.number if p else None) == want


def test_decision_parent_from_registry_of_its_own_number():
    d = doc(kind="decision", number="2109/QĐ-UBND", issuer="Ủy ban nhân dân tỉnh Bình Dương")
    refs = [ref("36/QĐ-TTg", "basis", "Thủ tướng Chính phủ", date="2021-01-11")]
    p = find_parent(d, refs)
    assert (p.number, p.date) == ("36/QĐ-TTg", "2021-01-11")


def test_decision_parent_from_basis_with_the_same_title():
    d = doc(kind="decision", number="77/QĐ-UBND", issuer="Ủy ban nhân dân tỉnh Lào Cai",
            title="Quyết định về việc ban hành Kế hoạch nâng cao năng suất dựa trên nền tảng khoa học, công nghệ")
    refs = [ref("08/2014/NĐ-CP", "basis", "Chính phủ", "Nghị định", title="quy định chi tiết Luật Khoa học"),
            ref("36/QĐ-TTg", "basis", "Thủ tướng Chính phủ",
                title="ban hành Kế hoạch tổng thể nâng cao năng suất dựa trên nền tảng khoa học, công nghệ")]
    assert find_parent(d, refs).number == "36/QĐ-TTg"


def test_caller_registry_extends_the_chain():
    extra = registry_from_records([{"meta": {"number": "58/KH-UBND", "issuer": "Ủy ban nhân dân huyện Trấn Yên",
                                             "level": "district"},
                                    "parent": {"number": "114/KH-UBND"}}])
    refs = [ref("58/KH-UBND", issuer="Ủy ban nhân dân huyện Trấn Yên", doc_type="Kế hoạch")]
    p = find_parent(doc(level="commune"), refs, registry=extra)
    assert p.chain == ["58/KH-UBND", "114/KH-UBND"]
    by_number = {"58/KH-UBND": {"issuer": "Ủy ban nhân dân huyện Trấn Yên", "implements": "114/KH-UBND"}}
    assert find_parent(doc(), refs, registry=by_number).chain == ["58/KH-UBND", "114/KH-UBND"]


@pytest.mark.parametrize("issuer,level", [
    ("Thủ tướng Chính phủ", "national"),
    ("Bộ Khoa học và Công nghệ", "national"),
    ("Ban Bí thư Trung ương Đảng", "national"),
    ("Ủy ban nhân dân tỉnh Yên Bái", "province"),
    ("Ủy ban nhân dân thành phố Hà Nội", "province"),
    ("Ủy ban nhân dân thành phố Thuận An", "district"),
    ("Ủy ban nhân dân huyện Trấn Yên", "district"),
    ("Ủy ban nhân dân xã Tân Phước", "commune"),
])
def test_issuer_level(issuer, level):
    assert issuer_level(issuer) == level


def test_dev_documents_parent(txt_records):
    for doc_id, rec in txt_records.items():
        gold = json.loads((GOLD / f"{doc_id}.gold.json").read_text(encoding="utf-8"))["parent"]
        got = rec["parent"]
        assert (got or {}).get("number") == (gold or {}).get("number"), doc_id
        if gold:
            assert got["chain"] == gold["chain"], doc_id


def test_news_reporting_a_provincial_plan_that_implements_the_national_decision():
    refs = [ref("36/QĐ-TTg", "cites", "Thủ tướng Chính phủ", mentions=2),
            ref("4567/KH-UBND", "cites", "Ủy ban nhân dân tỉnh Quảng Nam", "Kế hoạch")]
    assert find_parent(doc(kind="news"), refs).number == "4567/KH-UBND"


def test_known_root_has_no_parent():
    d = doc(kind="decision", number="36/QĐ-TTg", issuer="Thủ tướng Chính phủ",
            title="Quyết định ban hành Kế hoạch tổng thể nâng cao năng suất")
    refs = [ref("52-NQ/TW", "basis", "Bộ Chính trị", "Nghị quyết", title="ban hành Kế hoạch tổng thể nâng cao năng suất")]
    assert find_parent(d, refs) is None


def test_decision_basis_without_title_uses_the_registry_title():
    d = doc(kind="decision", number="88/QĐ-UBND", issuer="Ủy ban nhân dân tỉnh Lào Cai",
            title="Quyết định về việc ban hành Kế hoạch nâng cao năng suất dựa trên nền tảng khoa học, công nghệ "
                  "và đổi mới sáng tạo trên địa bàn tỉnh Lào Cai giai đoạn 2021 - 2030")
    p = find_parent(d, [ref("36/QĐ-TTg", "basis", "Thủ tướng Chính phủ", date="2021-01-11")])
    assert p is not None and p.number == "36/QĐ-TTg"
