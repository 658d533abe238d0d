"""link.find_parent: the implemented document, the most local one, its chain through the registry."""

from __future__ import annotations

import json

import pytest

from extractor.document import Doc
from extractor.link import bundled_registry, find_parent, issuer_level, registry_from_records
from extractor.numbers import implemented_in
from extractor.pipeline import extract_file, extract_text_into
from extractor.record import Mention, Meta, Record, Reference, Source
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


def test_of_a_party_committees_plan_and_the_provinces_own_the_provinces_is_the_parent():
    """ANNOTATION.md: the most specific implemented document, the province's own plan rather than the Party's
    document above it, whichever the opening names first."""
    refs = [ref("14-KH/TU", issuer="Ban Thường vụ Tỉnh ủy Bắc Ninh", doc_type="Kế hoạch"),
            ref("24/KH-UBND", issuer="Ủy ban nhân dân tỉnh Bắc Ninh", doc_type="Kế hoạch")]
    assert find_parent(doc(level="province"), refs).number == "24/KH-UBND"
    refs = [ref("35-CTr/TU", issuer="Tỉnh ủy Đồng Tháp", doc_type="Chương trình"),
            ref("120/KH-UBND", issuer="Ủy ban nhân dân tỉnh Đồng Tháp", doc_type="Kế hoạch")]
    assert find_parent(doc(level="district"), refs).number == "120/KH-UBND"


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


@pytest.mark.parametrize("title", [
    "Quyết định về việc ban hành Kế hoạch nâng cao năng suất dựa trên nền tảng khoa học, công nghệ",
    "Quyết định về việc ban hành Kế hoạch tổng thể nâng cao năng suất dựa trên nền tảng khoa học, công nghệ "
    "và đổi mới sáng tạo trên địa bàn tỉnh Lào Cai giai đoạn 2021 - 2030",
])
def test_decision_that_is_an_edition_of_a_basis_plan_has_it_as_parent(title):
    """ANNOTATION.md: with only a Căn cứ list, the parent is the Căn cứ document whose title this one's
    repeats or narrows (the province's plan under the national plan); the decree applied is no parent."""
    d = doc(kind="decision", number="77/QĐ-UBND", issuer="Ủy ban nhân dân tỉnh Lào Cai", title=title)
    refs = [ref("08/2014/NĐ-CP", "basis", "Chính phủ", "Nghị định", title="quy định chi tiết Luật Khoa học"),
            ref("36/QĐ-TTg", "basis", "Thủ tướng Chính phủ", date="2021-01-11",
                title="ban hành Kế hoạch tổng thể nâng cao năng suất dựa trên nền tảng khoa học, công nghệ")]
    assert find_parent(d, refs).number == "36/QĐ-TTg"


@pytest.mark.parametrize("title", [
    "Quyết định về việc ban hành Quy chế quản lý nhiệm vụ khoa học và công nghệ cấp tỉnh",
    "Nghị quyết quy định cơ chế, chính sách thu hút nguồn nhân lực công nghệ cao làm việc tại khu công nghệ cao",
])
def test_decision_with_only_a_basis_it_is_no_edition_of_has_no_parent(title):
    """Laws and decrees applied, and plans on another subject, are basis only."""
    d = doc(kind="decision", number="77/QĐ-UBND", issuer="Ủy ban nhân dân tỉnh Lào Cai", title=title)
    refs = [ref("10/2024/NĐ-CP", "basis", "Chính phủ", "Nghị định", title="quy định về khu công nghệ cao"),
            ref("36/QĐ-TTg", "basis", "Thủ tướng Chính phủ", date="2021-01-11",
                title="ban hành Kế hoạch tổng thể nâng cao năng suất dựa trên nền tảng khoa học, công nghệ")]
    assert find_parent(d, refs) is None


def test_of_two_documents_a_title_carries_out_the_ministry_one_is_the_parent():
    d = doc(kind="decision", number="2820/QĐ-UBND", issuer="Ủy ban nhân dân thành phố Hồ Chí Minh",
            title="Quyết định ban hành kế hoạch triển khai quyết định số 06/QĐ-TTG ngày 02 tháng 01 năm 2025 của "
                  "Thủ tướng Chính phủ và quyết định số 3103/QĐ-BTC ngày 05 tháng 9 năm 2025 của bộ tài chính")
    refs = [ref("06/QĐ-TTg", "implements", "Thủ tướng Chính phủ"), ref("3103/QĐ-BTC", "basis", "Bộ Tài chính")]
    assert find_parent(d, refs).number == "3103/QĐ-BTC"


@pytest.mark.parametrize("description,want", [
    ("về triển khai Quyết định số 36/QĐ-TTg ngày 11/01/2021 của Thủ tướng Chính phủ", ["36/QĐ-TTg"]),
    ("thực hiện Quyết định số 36/QĐ/TTg", ["36/QĐ-TTg"]),
    ("về việc triển khai chính sách phát triển doanh nghiệp khoa học và công nghệ theo Nghị định số "
     "13/2019/NĐ-CP ngày 01/02/2019 của Chính phủ", ["13/2019/NĐ-CP"]),
    ("Kế hoạch triển khai thực hiện Quyết định số 1068/QĐ-TTg ngày 22/8/2019", ["1068/QĐ-TTg"]),
    ("Ban hành Kế hoạch thực hiện Kết luận số 52-KL/TW ngày 30/5/2019 của Ban Bí thư", ["52-KL/TW"]),
    ("ban hành Kế hoạch tổng thể nâng cao năng suất giai đoạn 2021 - 2030", []),
    ("về việc thực hiện nhiệm vụ năm 2022. Theo Quyết định số 36/QĐ-TTg", []),
    # the carrying out is what a meeting or a report reviews: nothing is carried out
    ("Kết luận của Chủ tịch Ủy ban nhân dân tỉnh tại cuộc họp đánh giá tình hình triển khai Nghị quyết số "
     "57-NQ/TW của Bộ Chính trị và Nghị quyết số 03/NQ-CP của Chính phủ trên địa bàn tỉnh", []),
    ("Báo cáo sơ kết 05 năm thực hiện Quyết định số 36/QĐ-TTg ngày 11/01/2021", []),
    ("về kết quả việc thực hiện Kế hoạch số 114/KH-UBND", []),
    (None, []),
])
def test_implemented_in_description(description, want):
    assert implemented_in(description) == want


@pytest.mark.parametrize("refs,chain", [
    # the text says the parent carries out another document: 'Kế hoạch số 126/KH-UBND … về triển khai QĐ 36'
    ([ref("126/KH-UBND", issuer="Ủy ban nhân dân tỉnh Phú Yên", doc_type="Kế hoạch",
          title="về triển khai Quyết định số 36/QĐ-TTg ngày 11/01/2021 của Thủ tướng Chính phủ"),
      ref("36/QĐ-TTg", "cites", "Thủ tướng Chính phủ")], ["126/KH-UBND", "36/QĐ-TTg"]),
    # a letter carrying out a ministry's letter that implements a decree
    ([ref("2856/BKHCN-PTTTDN", issuer="Bộ Khoa học và Công nghệ", doc_type="Công văn",
          title="về việc triển khai chính sách phát triển doanh nghiệp theo Nghị định số 13/2019/NĐ-CP"),
      ref("13/2019/NĐ-CP", "cites", "Chính phủ", "Nghị định")], ["2856/BKHCN-PTTTDN", "13/2019/NĐ-CP"]),
    # the registry first: 4363/KH-UBND implements 1068/QĐ-TTg
    ([ref("4363/KH-UBND", issuer="Ủy ban nhân dân tỉnh Bình Dương", doc_type="Kế hoạch")],
     ["4363/KH-UBND", "1068/QĐ-TTg"]),
    # no evidence: the chain stops at the parent
    ([ref("152/KH-UBND", issuer="Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu", doc_type="Kế hoạch",
          title="về nâng cao năng suất")], ["152/KH-UBND"]),
])
def test_chain_from_the_texts_own_citations(refs, chain):
    assert find_parent(doc(level="district"), refs).chain == chain


def test_news_chain_from_a_sentence_about_the_reported_plan():
    text = ("UBND tỉnh Tây Ninh vừa ban hành Kế hoạch số 1480/KH-UBND ngày 12/5/2023 về nâng cao năng suất.\n\n"
            "Kế hoạch được xây dựng nhằm triển khai Quyết định 36/QD-TTg ngày 11/01/2021 của Thủ tướng Chính phủ.")
    d = Doc(text)
    d.meta = Meta(kind="news")
    i, j = text.index("1480"), text.index("36/QD")
    refs = [Reference("Kế hoạch", "1480/KH-UBND", "2023-05-12", "Ủy ban nhân dân tỉnh Tây Ninh", None, "cites",
                      [Mention([i, i + 12], text[i:i + 12])]),
            Reference("Quyết định", "36/QĐ-TTg", "2021-01-11", "Thủ tướng Chính phủ", None, "cites",
                      [Mention([j, j + 9], text[j:j + 9])])]
    p = find_parent(d, refs, registry=[{"number": "36/QĐ-TTg", "issuer": "x", "implements": None}])
    assert p.chain == ["1480/KH-UBND", "36/QĐ-TTg"]


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


def test_chain_from_the_words_after_another_mention_of_the_parent():
    text = ("Thực hiện Kế hoạch số 126/KH-UBND ngày 30/6/2021 của UBND tỉnh, UBND huyện ban hành Kế hoạch.\n\n"
            "Kế hoạch số 126/KH-UBND được ban hành nhằm thực hiện Quyết định số 36/QĐ-TTg của Thủ tướng Chính phủ.")
    d = Doc(text)
    d.meta = Meta(kind="plan", level="district")
    i, j, k = text.index("Kế hoạch số 126"), text.rindex("Kế hoạch số 126"), text.index("Quyết định số 36")
    refs = [Reference("Kế hoạch", "126/KH-UBND", "2021-06-30", "Ủy ban nhân dân tỉnh Phú Yên", None, "implements",
                      [Mention([i, i + 27], text[i:i + 27]), Mention([j, j + 27], text[j:j + 27])]),
            Reference("Quyết định", "36/QĐ-TTg", None, "Thủ tướng Chính phủ", None, "cites",
                      [Mention([k, k + 26], text[k:k + 26])])]
    assert find_parent(d, refs).chain == ["126/KH-UBND", "36/QĐ-TTg"]


def test_batch_chains_follow_links_stated_by_other_documents(tmp_path):
    """A commune plan implementing a district plan gets the district's own parent appended."""
    from extractor.pipeline import extract_folder

    src = tmp_path / "in"
    src.mkdir()
    (src / "huyen.txt").write_text(
        "ỦY BAN NHÂN DÂN\nHUYỆN KRÔNG PẮC\n\nSố: 156/KH-UBND\n\nKrông Pắc, ngày 10 tháng 3 năm 2022\n\nKẾ HOẠCH\n\n"
        "Nâng cao năng suất giai đoạn 2022 - 2030\n\nThực hiện Kế hoạch số 98/KH-UBND ngày 02/02/2022 của "
        "UBND tỉnh Đắk Lắk.\n\nI. MỤC TIÊU\n\n- Nâng cao năng suất.\n", encoding="utf-8")
    (src / "xa.txt").write_text(
        "ỦY BAN NHÂN DÂN\nXÃ EA PHÊ\n\nSố: 12/KH-UBND\n\nEa Phê, ngày 01 tháng 4 năm 2022\n\nKẾ HOẠCH\n\n"
        "Nâng cao năng suất giai đoạn 2022 - 2030\n\nThực hiện Kế hoạch số 156/KH-UBND ngày 10/3/2022 của "
        "UBND huyện Krông Pắc.\n\nI. MỤC TIÊU\n\n- Nâng cao năng suất.\n", encoding="utf-8")
    out = tmp_path / "out"
    extract_folder(src, out, progress=False)
    xa = json.loads((out / "xa.json").read_text(encoding="utf-8"))
    assert xa["parent"]["chain"][:2] == ["156/KH-UBND", "98/KH-UBND"]


@pytest.mark.parametrize("issuer,level", [
    ("Ủy ban nhân dân thành phố Huế", "province"),  # a centrally-run city (rules/vocab.yaml), as meta says
    ("Ủy ban nhân dân thành phố Cần Thơ", "province"),
    ("Ủy ban nhân dân thành phố Thuận An", "district"),
    ("Ủy ban nhân dân thị xã Phú Mỹ", "district"),  # *thị xã* is one locality word, not *xã*
    ("Ủy ban nhân dân xã Tân Phú", "commune"),
    ("Ủy ban nhân dân huyện Trấn Yên tỉnh Yên Bái", "district"),
    ("Bộ Khoa học và Công nghệ", "national"),
    ("Sở Khoa học và Công nghệ", None),
])
def test_issuer_level_reads_the_locality_words_of_vocab(issuer, level):
    assert issuer_level(issuer) == level


def test_issuer_level_and_meta_agree_on_central_cities():
    from extractor.places import central_cities, unit_level

    for city in central_cities():
        assert unit_level("thành phố", city) == "province" == issuer_level(f"Ủy ban nhân dân thành phố {city}")


@pytest.mark.parametrize("raw,want", [("140/NQ-CP2", "140/NQ-CP"), ("66-NQ/TW1", "66-NQ/TW"),
                                      ("60/2024/QH15", "60/2024/QH15"), ("119/2026/UBTVQH15", "119/2026/UBTVQH15")])
def test_a_footnote_mark_after_an_issuer_code_is_no_part_of_the_number(raw, want):
    from extractor.numbers import canonical_number

    assert canonical_number(raw) == want


@pytest.mark.parametrize("title,cited,edition", [
    ("Quyết định phê duyệt Chương trình phát triển tài sản trí tuệ tỉnh Quảng Bình giai đoạn 2022 - 2025",
     "phê duyệt Chương trình phát triển tài sản trí tuệ đến năm 2030", True),
    ("Quyết định phê duyệt Chương trình hỗ trợ doanh nghiệp nâng cao năng suất và chất lượng sản phẩm, hàng hóa "
     "tỉnh Hưng Yên", "phê duyệt Chương trình quốc gia hỗ trợ doanh nghiệp nâng cao năng suất và chất lượng sản "
     "phẩm, hàng hóa giai đoạn 2021 - 2030", True),
    # a sector's programme under the national one (ttg-2597 under 749/QĐ-TTg, tests/real-group3 NOTES #9): the
    # national title's topic (chuyển đổi số) is all kept, 'quốc gia' being its scope
    ("Quyết định phê duyệt đề án chuyển đổi số trong hoạt động xây dựng, quản lý, khai thác kết cấu hạ tầng",
     "phê duyệt Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030", True),
    ("Kế hoạch phát triển kinh tế số và xã hội số tỉnh Bắc Ninh", "về phát triển kinh tế tư nhân", False),
    # narrowed: the plan keeps most of the cited strategy's topic words (chuyển đổi số, Bộ Xây dựng)
    ("Kế hoạch chuyển đổi số trong hoạt động xây dựng, quản lý, khai thác kết cấu hạ tầng giao thông trên địa "
     "bàn tỉnh Đồng Tháp", "ban hành Chiến lược chuyển đổi số của Bộ Xây dựng giai đoạn 2025-2030", True),
    # sharing one topic ('chuyển đổi số') of a broad resolution is no narrowing
    ("Kế hoạch chuyển đổi số trong hoạt động xây dựng, quản lý, khai thác kết cấu hạ tầng giao thông trên địa "
     "bàn tỉnh Đồng Tháp", "về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia",
     False),
    # the horizons differ ('giai đoạn 2026 - 2030' under 'đến năm 2025, định hướng đến năm 2030'): not counted
    ("Kế hoạch phát triển kinh tế số và xã hội số tỉnh Bắc Ninh giai đoạn 2026 - 2030",
     "phê duyệt Chiến lược quốc gia phát triển kinh tế số và xã hội số đến năm 2025, định hướng đến năm 2030", True),
    # 893/QĐ-TTg (tests/real-final): a training scheme in the field of a national plan opens on its own topic
    # (đào tạo, bồi dưỡng), though the plan's words all recur in it; the annotators gave it no parent
    ("Quyết định phê duyệt Đề án “Đào tạo, bồi dưỡng và phát triển nguồn nhân lực quản lý nhà nước, nghiên cứu - "
     "phát triển, ứng dụng và hỗ trợ kỹ thuật trong lĩnh vực năng lượng nguyên tử”",
     "phê duyệt Kế hoạch thực hiện quy hoạch phát triển, ứng dụng năng lượng nguyên tử thời kỳ đến năm 2030, tầm "
     "nhìn đến năm 2050", False),
    # held-out 7: a support policy whose title ends on the plan's topic (nâng cao năng suất lao động) after topics of
    # its own is no edition of the plan; held-out 6's HĐND resolution, whose run after its own words says most of
    # 57-NQ/TW's title, is one
    ("Quy định chính sách hỗ trợ doanh nghiệp, hợp tác xã đổi mới công nghệ, chuyển đổi số và nâng cao năng suất "
     "lao động trên địa bàn tỉnh Phú Thọ giai đoạn 2026 - 2030",
     "ban hành Kế hoạch tổng thể và dài hạn nâng cao năng suất lao động đến năm 2030", False),
    ("Ban hành mục tiêu, chỉ tiêu và một số chính sách thúc đẩy phát triển khoa học, công nghệ, đổi mới sáng tạo và "
     "chuyển đổi số tỉnh Quảng Trị giai đoạn 2026 - 2030",
     "về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia", True),
])
def test_an_edition_repeats_a_long_run_of_the_cited_title(title, cited, edition):
    d = doc(kind="decision", number="1/QĐ-UBND", issuer="Ủy ban nhân dân tỉnh Quảng Bình", title=title)
    refs = [ref("99/QĐ-TTg", "basis", "Thủ tướng Chính phủ", title=cited)]
    assert (find_parent(d, refs) is not None) is edition


def test_a_title_carrying_out_two_documents_names_both_and_the_nearer_is_the_parent(tmp_path):
    """Hồ Chí Minh City's 2820/QĐ-UBND, given as its opening only (header, title, the first Căn cứ lines): its
    capitals title carries out 06/QĐ-TTg 'VÀ QUYẾT ĐỊNH SỐ 3103/QĐ-BTC', so both are implemented and the
    ministry's plan, the nearer one, is the parent — as in the whole document."""
    from extractor.pipeline import extract_file

    title = ("Kế hoạch triển khai Quyết định số 06/QĐ-TTg ngày 02 tháng 01 năm 2025 của Thủ tướng Chính phủ và "
             "Quyết định số 3103/QĐ-BTC ngày 05 tháng 9 năm 2025 của Bộ Tài chính")
    assert implemented_in(title) == ["06/QĐ-TTg", "3103/QĐ-BTC"]
    assert implemented_in("Kế hoạch triển khai Quyết định số 06/QĐ-TTg; Căn cứ Quyết định số 3103/QĐ-BTC") == [
        "06/QĐ-TTg"]
    src = GOLD.parent / "real" / "hcm-2820-qd-ubnd-2025.txt"
    opening = tmp_path / src.name
    opening.write_text(src.read_text(encoding="utf-8")[:2600], encoding="utf-8")
    record = extract_file(opening)
    assert [(r.number, r.relation) for r in record.references[:2]] == [
        ("06/QĐ-TTg", "implements"), ("3103/QĐ-BTC", "implements")]
    assert record.parent is not None and record.parent.number == "3103/QĐ-BTC"


def test_the_provinces_own_programme_for_the_titled_resolution_is_more_specific():
    """A title naming 57-NQ/TW, an opening carrying out 57-NQ/TW, 03/NQ-CP and the province Party committee's
    programme 'về thực hiện Nghị quyết số 57-NQ/TW': that programme is the parent (ANNOTATION.md: the most
    specific); a city's strategy the opening also names, carrying out another document, is not."""
    d = doc(title="Kế hoạch triển khai thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị và Chương trình hành động "
                  "của Chính phủ trên địa bàn tỉnh Thái Nguyên")
    refs = [ref("57-NQ/TW", issuer="Bộ Chính trị", doc_type="Nghị quyết"),
            ref("03/NQ-CP", issuer="Chính phủ", doc_type="Nghị quyết"),
            ref("05-CTr/TU", issuer="Ban Chấp hành Đảng bộ tỉnh Thái Nguyên", doc_type="Chương trình",
                title="về thực hiện Nghị quyết số 57-NQ/TW")]
    assert find_parent(d, refs).number == "05-CTr/TU"
    refs[2] = ref("1229/QĐ-UBND", issuer="Ủy ban nhân dân tỉnh Thái Nguyên",
                  title="về việc phê duyệt Chiến lược dữ liệu tỉnh triển khai thực hiện Quyết định số 142/QĐ-TTg")
    assert find_parent(d, refs).number == "57-NQ/TW"


def test_of_one_level_the_plan_this_is_an_edition_of_comes_before_a_departments_letter():
    d = doc(title="Kế hoạch nâng cao năng suất dựa trên nền tảng khoa học, công nghệ và đổi mới sáng tạo trên địa "
                  "bàn huyện Bình Xuyên năm 2022")
    refs = [ref("1046/QĐ-UBND", issuer="Ủy ban nhân dân tỉnh Vĩnh Phúc",
                title="ban hành Kế hoạch nâng cao năng suất dựa trên nền tảng khoa học, công nghệ và đổi mới sáng "
                      "tạo tỉnh Vĩnh Phúc giai đoạn 2021 - 2030"),
            ref("215/SKHCN-QLCN", issuer="Sở Khoa học và Công nghệ tỉnh Vĩnh Phúc", doc_type="Công văn",
                title="về việc xây dựng kế hoạch nâng cao năng suất năm 2022")]
    assert find_parent(d, refs).number == "1046/QĐ-UBND"


@pytest.mark.parametrize("title,basis,want", [
    # a commune's plan under the province's plan of the same subject: the places are no part of the subject
    ("Kế hoạch chuyển đổi số xã Gia Phú năm 2026",
     [ref("486/KH-UBND", "basis", "Ủy ban nhân dân tỉnh Lào Cai", "Kế hoạch",
          title="về chuyển đổi số tỉnh Lào Cai năm 2026")], "486/KH-UBND"),
    # a ward's plan on 57-NQ/TW's subject under the city's plan carrying out 57-NQ/TW (its subject from the registry)
    ("Quyết định ban hành Kế hoạch triển khai thực hiện đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và "
     "chuyển đổi số trên địa bàn phường Phú Lợi giai đoạn 2025 - 2030",
     [ref("150/2025/NĐ-CP", "basis", "Chính phủ", "Nghị định", title="quy định tổ chức các cơ quan chuyên môn"),
      ref("512/KH-UBND", "basis", "Ủy ban nhân dân Thành phố Hồ Chí Minh", "Kế hoạch",
          title="về triển khai Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị trên địa bàn Thành phố")],
     "512/KH-UBND"),
    # a province's resolution on 57-NQ/TW's subject: 57-NQ/TW, whose own subject it narrows, before 03/NQ-CP, whose
    # subject is 57-NQ/TW's by carrying it out (held-out 6, an HĐND resolution)
    ("Nghị quyết ban hành mục tiêu, chỉ tiêu và một số chính sách thúc đẩy phát triển khoa học, công nghệ, đổi mới "
     "sáng tạo và chuyển đổi số tỉnh Quảng Trị giai đoạn 2026 - 2030",
     [ref("57-NQ/TW", "basis", "Bộ Chính trị", "Nghị quyết",
          title="về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia"),
      ref("03/NQ-CP", "basis", "Chính phủ", "Nghị quyết",
          title="ban hành Chương trình hành động của Chính phủ thực hiện Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm "
                "2024 của Bộ Chính trị")], "57-NQ/TW"),
    # two titles citing the same resolution share its citation, not a subject
    ("Về việc triển khai thực hiện Nghị quyết số 71/NQ-CP ngày 01/4/2025 của Chính phủ",
     [ref("59/KH-UBND", "basis", "Ủy ban nhân dân tỉnh Gia Lai", "Kế hoạch",
          title="về việc triển khai Nghị quyết số 71/NQ-CP ngày 01/4/2025 của Chính phủ")], None),
])
def test_basis_editions_by_subject(title, basis, want):
    p = find_parent(doc(title=title), basis)
    assert (p.number if p else None) == want


def test_a_directives_enacting_sentence_names_what_it_carries_out():
    """A directive's background cites a decision it reports on; its enacting sentence, after a purpose clause,
    carries out the province's plan (held-out 7: 'Để khắc phục những tồn tại, hạn chế nêu trên, thực hiện Kế hoạch
    số 145/KH-UBND …, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu …')."""
    text = ("ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG\nSố: 21/CT-UBND\nTuyên Quang, ngày 05 tháng 11 năm 2026\nCHỈ THỊ\n"
            "Về tăng cường cải cách hành chính, chuyển đổi số gắn với nâng cao năng suất lao động trong các cơ quan "
            "hành chính nhà nước trên địa bàn tỉnh\n\n"
            "Những năm qua, công tác cải cách hành chính đạt được những kết quả tích cực. Việc triển khai Quyết định "
            "số 36/QĐ-TTg ngày 11/01/2021 của Thủ tướng Chính phủ đã góp phần nâng năng suất lao động của tỉnh.\n\n"
            "Để khắc phục những tồn tại, hạn chế nêu trên, thực hiện Kế hoạch số 145/KH-UBND ngày 20/3/2025 của Ủy "
            "ban nhân dân tỉnh thực hiện Nghị quyết số 03/NQ-CP ngày 09/01/2025 của Chính phủ, Chủ tịch Ủy ban nhân "
            "dân tỉnh yêu cầu các cơ quan, đơn vị tập trung thực hiện các nhiệm vụ sau:\n")
    record = extract_text_into(Record("x", Source("x.txt", "0" * 64, "txt")), text)
    assert {r.number: r.relation for r in record.references}["145/KH-UBND"] == "implements"
    assert record.parent is not None and record.parent.number == "145/KH-UBND"


def test_a_provinces_plan_after_a_national_resolutions_title_is_carried_out_too():
    """'Thực hiện Nghị quyết số 03/NQ-CP … thực hiện Nghị quyết số 57-NQ/TW … và Kế hoạch số 64/KH-UBND … của Ủy ban
    nhân dân tỉnh …' (held-out 8, a province's letter): the plan after 'và' is no part of the Government's title
    (no national title names a province's plan); it is carried out, and the nearer, the parent. 57-NQ/TW stays
    nested in 03/NQ-CP's title."""
    text = ("ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN\nSố: 2184/UBND-KT\nV/v đẩy mạnh triển khai Kế hoạch nâng cao năng suất lao "
            "động năm 2026\nLạng Sơn, ngày 27 tháng 10 năm 2026\nKính gửi: Các sở, ban, ngành tỉnh\n\n"
            "Thực hiện Nghị quyết số 03/NQ-CP ngày 09/01/2025 của Chính phủ ban hành Chương trình hành động của Chính "
            "phủ thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, "
            "công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia và Kế hoạch số 64/KH-UBND ngày 18/3/2026 của Ủy "
            "ban nhân dân tỉnh về nâng cao năng suất lao động tỉnh Lạng Sơn giai đoạn 2026 - 2030;\n\n"
            "Ủy ban nhân dân tỉnh đề nghị các cơ quan thực hiện một số nội dung sau:\n")
    record = extract_text_into(Record("x", Source("x.txt", "0" * 64, "txt")), text)
    assert {r.number: r.relation for r in record.references} == {
        "03/NQ-CP": "implements", "57-NQ/TW": "cites", "64/KH-UBND": "implements"}
    assert record.parent is not None and record.parent.number == "64/KH-UBND"


def test_a_letter_organising_the_review_of_a_plan_carries_it_out(tmp_path):
    """'V/v tổng kết 05 năm thực hiện Kế hoạch số 96/KH-UBND …' (held-out 10, a province's letter): the subject line is
    the letter's opening and the review it organises is part of carrying the plan out, its parent; a notice of a
    meeting reviewing a resolution's carrying out does not carry it out (tests/openings op14)."""
    text = ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 2187/UBND-KT\nV/v tổng kết 05 năm thực hiện Kế hoạch số\n"
            "96/KH-UBND ngày 14/6/2021 về nâng cao năng suất lao động\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\nQuảng Ngãi, ngày 18 tháng 9 năm 2026\n\n"
            "Kính gửi: Các sở, ban, ngành tỉnh\n\nNgày 14/6/2021, Ủy ban nhân dân tỉnh ban hành Kế hoạch số "
            "96/KH-UBND nhằm triển khai Quyết định số 36/QĐ-TTg ngày 11/01/2021 của Thủ tướng Chính phủ.\n\n"
            "1. Các sở, ban, ngành tỉnh tổ chức tổng kết, gửi báo cáo về Sở Khoa học và Công nghệ trước ngày "
            "15/10/2026.\n")
    (tmp_path / "letter.txt").write_text(text, encoding="utf-8")
    record = extract_file(tmp_path / "letter.txt")
    assert {r.number: r.relation for r in record.references} == {"96/KH-UBND": "implements", "36/QĐ-TTg": "cites"}
    assert record.parent is not None and record.parent.number == "96/KH-UBND"


def test_a_circular_s_parent_is_the_decree_its_title_guides(tmp_path):
    """A ministry's circular (held-out 11) carries out nothing by name in its opening, and lists laws and decrees
    after Căn cứ; its title says which decree it guides ('… THEO NGHỊ ĐỊNH SỐ 68/2026/NĐ-CP …'): that decree is the
    parent (ANNOTATION.md: the Căn cứ document this one is an edition of), its relation stays basis."""
    path = tmp_path / "thong-tu.txt"
    path.write_text(
        "BỘ KHOA HỌC VÀ CÔNG NGHỆ\n\nSố: 12/2026/TT-BKHCN\n\nHà Nội, ngày 28 tháng 4 năm 2026\n\nTHÔNG TƯ\n\n"
        "HƯỚNG DẪN THỰC HIỆN HỖ TRỢ TƯ VẤN CHUYỂN ĐỔI SỐ CHO DOANH NGHIỆP NHỎ VÀ VỪA THEO NGHỊ ĐỊNH SỐ "
        "68/2026/NĐ-CP NGÀY 10 THÁNG 3 NĂM 2026 CỦA CHÍNH PHỦ\n\n"
        "Căn cứ Luật Hỗ trợ doanh nghiệp nhỏ và vừa ngày 12 tháng 6 năm 2017;\n\n"
        "Căn cứ Nghị định số 55/2025/NĐ-CP ngày 02 tháng 3 năm 2025 của Chính phủ quy định chức năng, nhiệm vụ, "
        "quyền hạn và cơ cấu tổ chức của Bộ Khoa học và Công nghệ;\n\n"
        "Căn cứ Nghị định số 68/2026/NĐ-CP ngày 10 tháng 3 năm 2026 của Chính phủ quy định chính sách hỗ trợ doanh "
        "nghiệp nhỏ và vừa;\n\nBộ trưởng Bộ Khoa học và Công nghệ ban hành Thông tư hướng dẫn.\n\n"
        "Chương I\n\nQUY ĐỊNH CHUNG\n\nĐiều 1. Phạm vi điều chỉnh\n\nThông tư này hướng dẫn hỗ trợ tư vấn.\n",
        encoding="utf-8")
    rec = extract_file(path)
    assert rec.meta.kind == "circular"
    assert rec.parent is not None and rec.parent.number == "68/2026/NĐ-CP"
    assert {r.number: r.relation for r in rec.references if r.number} == {
        "55/2025/NĐ-CP": "basis", "68/2026/NĐ-CP": "basis"}


def test_a_title_listing_two_subjects_is_an_edition_of_the_plan_of_its_second(tmp_path):
    """A commune council's resolution (held-out 12) adopts 'Kế hoạch chuyển đổi cơ cấu cây trồng, phát triển vùng
    trồng cây ăn quả tập trung …'; among its Căn cứ, the province's plan 'về phát triển vùng sản xuất cây ăn quả
    tập trung giai đoạn 2026 - 2030' is what its second subject narrows: the parent, its relation basis."""
    path = tmp_path / "nghi-quyet.txt"
    path.write_text(
        "HỘI ĐỒNG NHÂN DÂN\nXÃ YÊN LƯƠNG\n\nSố: 18/NQ-HĐND\n\nYên Lương, ngày 19 tháng 12 năm 2025\n\n"
        "NGHỊ QUYẾT\n\nThông qua Kế hoạch chuyển đổi cơ cấu cây trồng, phát triển vùng trồng cây ăn quả tập trung "
        "trên địa bàn xã Yên Lương giai đoạn 2026 - 2030\n\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;\n\n"
        "Căn cứ Nghị quyết số 45/2025/NQ-HĐND ngày 10 tháng 12 năm 2025 của Hội đồng nhân dân tỉnh Phú Thọ quy định "
        "chính sách hỗ trợ phát triển sản xuất nông nghiệp hàng hóa trên địa bàn tỉnh giai đoạn 2026 - 2030;\n\n"
        "Căn cứ Kế hoạch số 310/KH-UBND ngày 28 tháng 11 năm 2025 của Ủy ban nhân dân tỉnh Phú Thọ về phát triển vùng "
        "sản xuất cây ăn quả tập trung giai đoạn 2026 - 2030;\n\nQUYẾT NGHỊ:\n\n"
        "Điều 1. Thông qua Kế hoạch với những nội dung chủ yếu sau.\n", encoding="utf-8")
    rec = extract_file(path)
    assert rec.parent is not None and rec.parent.number == "310/KH-UBND"
    assert {r.number: r.relation for r in rec.references if r.number}["310/KH-UBND"] == "basis"


def test_a_title_carrying_out_the_province_s_programme_by_its_kind_names_its_parent(tmp_path):
    """A department's plan (openings 3) 'triển khai Chương trình hành động của Ủy ban nhân dân tỉnh thực hiện Nghị
    quyết số 29-NQ/TW và Kết luận số 51-KL/TW': the programme, named by kind and issuer without its number, is the
    province's 38/CTr-UBND of its Căn cứ, the parent; the numbers after it are nested in its description."""
    path = tmp_path / "ke-hoach.txt"
    path.write_text(
        "UBND TỈNH NGHỆ AN\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\n\nSố: 85/KH-SGDĐT\n\nNghệ An, ngày 20 tháng 01 năm 2025\n\n"
        "KẾ HOẠCH\n\nTriển khai Chương trình hành động của Ủy ban nhân dân tỉnh thực hiện Nghị quyết số 29-NQ/TW và "
        "Kết luận số 51-KL/TW trong ngành Giáo dục Nghệ An năm 2025\n\n"
        "Căn cứ Nghị quyết số 29-NQ/TW ngày 04/11/2013 của Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng khóa XI "
        "về đổi mới căn bản, toàn diện giáo dục và đào tạo;\n\n"
        "Căn cứ Nghị quyết số 44/NQ-CP ngày 09/6/2014 của Chính phủ ban hành Chương trình hành động của Chính phủ thực "
        "hiện Nghị quyết số 29-NQ/TW;\n\n"
        "Căn cứ Chương trình hành động số 38/CTr-UBND ngày 05/3/2020 của UBND tỉnh Nghệ An thực hiện Kết luận số "
        "51-KL/TW ngày 30/5/2019 của Ban Bí thư;\n\nI. MỤC ĐÍCH, YÊU CẦU\n\n1. Cụ thể hóa các nhiệm vụ.\n",
        encoding="utf-8")
    rec = extract_file(path)
    assert rec.parent is not None and rec.parent.number == "38/CTr-UBND"
