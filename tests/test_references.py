"""references.extract_references: citation phrases of the corpus and the genre -> expected references."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.document import Doc
from extractor.pipeline import extract_file
from extractor.record import Meta
from extractor.references import extract_references
from extractor.structure import find_sections
from tests.conftest import GOLD

HERE = Path(__file__).resolve().parent


def refs_of(text: str, **meta) -> dict:
    """References of `text` by number (or doc_type for unnumbered ones); `meta` sets the document's own meta."""
    doc = Doc(text)
    doc.sections = find_sections(text)
    doc.meta = Meta(**{"kind": "plan", **meta})
    out = {}
    for r in extract_references(doc):
        out[r.number or f"{r.doc_type}:{r.title}"] = r
    return out


BODY = "\n\nI. MỤC TIÊU\n\n1. Nội dung\n\n- {}\n"
YB = {"number": "114/KH-UBND", "issuer": "Ủy ban nhân dân tỉnh Yên Bái", "level": "province", "place": "Yên Bái",
      "doc_type": "Kế hoạch"}
TA = {"issuer": "Ủy ban nhân dân thành phố Thuận An", "level": "district", "place": "Thuận An", "doc_type": "Kế hoạch"}


@pytest.mark.parametrize("phrase,number,date,issuer", [
    ("Triển khai Quyết định số 36/QĐ-TTg ngày 11/01/2021 của Thủ tướng Chính phủ.", "36/QĐ-TTg", "2021-01-11",
     "Thủ tướng Chính phủ"),
    ("Triển khai Quyết định số 36/QĐ/TTg Ban hành Kế hoạch tổng thể.", "36/QĐ-TTg", None, "Thủ tướng Chính phủ"),
    ("Sẵn sàng thực hiện Quyết định 36/QĐ-TTg.", "36/QĐ-TTg", None, "Thủ tướng Chính phủ"),
    ("Theo quyết định số 36/QD-TTg ngày 11 tháng 01 năm 2021.", "36/QĐ-TTg", "2021-01-11", "Thủ tướng Chính phủ"),
    ("Theo Quyết định số 36 /QĐ-TTg của Thủ tướng Chính phủ.", "36/QĐ-TTg", None, "Thủ tướng Chính phủ"),
    ("Căn cứ Nghị định số 08/2014/NĐ-CP ngày 27/01/2014 của Chính phủ.", "08/2014/NĐ-CP", "2014-01-27", "Chính phủ"),
    ("Theo Kết luận số 52-KL/TW ngày 30/5/2019 của Ban Bí thư Trung ương Đảng.", "52-KL/TW", "2019-05-30",
     "Ban Bí thư Trung ương Đảng"),
    ("Theo Nghị quyết số 52-NQ/TW ngày 27/9/2019 của Bộ Chính trị.", "52-NQ/TW", "2019-09-27", "Bộ Chính trị"),
    ("Theo Thông tư số 01/2021/TT-BKHCN ngày 01/3/2021 của Bộ Khoa học và Công nghệ.", "01/2021/TT-BKHCN",
     "2021-03-01", "Bộ Khoa học và Công nghệ"),
    ("Triển khai Kế hoạch số 4363/KH-UBND ngày 07/9/2020 của UBND tỉnh Triển khai thực hiện chiến lược.",
     "4363/KH-UBND", "2020-09-07", "Ủy ban nhân dân tỉnh Bình Dương"),
    ("Triển khai Kế hoạch số 2434/KH-UBND ngày 10/8/2021 của UBND thành phố Thuận An về việc thực hiện.",
     "2434/KH-UBND", "2021-08-10", "Ủy ban nhân dân thành phố Thuận An"),
    ("Theo Quyết định số 826/QĐ-UBND ngày 27/3/2020 của UBND tỉnh Bình Dương.", "826/QĐ-UBND", "2020-03-27",
     "Ủy ban nhân dân tỉnh Bình Dương"),
    ("Theo Văn bản số 1234/UBND-KT ngày 02/3/2022 của UBND thành phố.", "1234/UBND-KT", "2022-03-02",
     "Ủy ban nhân dân thành phố Thuận An"),
    ("Theo Quyết định số 1158/QĐ-UBND ngày 15/4/2021 của Chủ tịch UBND tỉnh.", "1158/QĐ-UBND", "2021-04-15",
     "Chủ tịch Ủy ban nhân dân tỉnh Bình Dương"),
    ("Theo Quyết định số 1895/QĐ-TTg của Thủ tướng Chính phủ ngày 25/12/2012.", "1895/QĐ-TTg", "2012-12-25",
     "Thủ tướng Chính phủ"),
])
def test_numbered_citation(phrase, number, date, issuer):
    text = "KẾ HOẠCH\n\nMở đầu." + BODY.format(phrase) + "\nCác huyện thuộc tỉnh Bình Dương."
    refs = refs_of(text, **TA)
    r = refs[number]
    assert (r.date, r.issuer, r.relation) == (date, issuer, "cites")


OPENING = """KẾ HOẠCH

Thực hiện Quyết định số 2109/QĐ-UBND ngày 01/9/2021 của UBND tỉnh Bình Dương ban hành Kế hoạch tổng thể nâng cao năng suất. Xét đề nghị của Phòng Kinh tế tại Công văn số 462/PKT ngày 12/11/2021. UBND thành phố ban hành Kế hoạch như sau:

I. MỤC TIÊU

1. Nhiệm vụ

- Tiếp tục triển khai thực hiện Đề án hỗ trợ doanh nghiệp nhỏ và vừa khởi nghiệp sáng tạo trên địa bàn tỉnh Bình Dương đến năm 2025 theo Quyết định số 826/QĐ-UBND ngày 27/3/2020 của UBND tỉnh Bình Dương.

- Triển khai Kế hoạch số 1678/KH-UBND ngày 07/4/2020 của UBND tỉnh Bình Dương thực hiện Quyết định số 142/QĐ-TTg ngày 21/01/2020 của Thủ tướng Chính phủ về việc thực hiện Kết luận số 52-KL/TW ngày 30/5/2019 của Ban Bí thư Trung ương Đảng về tiếp tục thực hiện Nghị quyết Hội nghị Trung ương 7 khóa X về xây dựng đội ngũ trí thức trong thời kỳ đẩy mạnh công nghiệp hóa, hiện đại hóa đất nước.

- Áp dụng Hệ thống quản lý chất lượng theo Tiêu chuẩn quốc gia TCVN ISO 9001:2015 và tiêu chuẩn ISO 56000.

- Gắn kết với Đề án hỗ trợ phát triển hệ sinh thái khởi nghiệp đổi mới sáng tạo; Chương trình đổi mới công nghệ.
"""


@pytest.fixture(scope="module")
def opening():
    return refs_of(OPENING, **TA)


@pytest.mark.parametrize("number,relation", [
    ("2109/QĐ-UBND", "implements"),
    ("462/PKT", "basis"),
    ("826/QĐ-UBND", "cites"),
    ("1678/KH-UBND", "cites"),
    ("142/QĐ-TTg", "cites"),
    ("52-KL/TW", "cites"),
])
def test_relations(opening, number, relation):
    assert opening[number].relation == relation


def test_proposal_issuer_gets_document_locality(opening):
    r = opening["462/PKT"]
    assert (r.doc_type, r.issuer, r.title) == ("Công văn", "Phòng Kinh tế thành phố Thuận An", None)


def test_programme_cited_through_its_decision(opening):
    r = opening["826/QĐ-UBND"]
    assert r.doc_type == "Quyết định"
    assert r.title.startswith("Đề án hỗ trợ doanh nghiệp nhỏ và vừa khởi nghiệp sáng tạo")


@pytest.mark.parametrize("number,date,issuer,title_start", [
    ("1678/KH-UBND", "2020-04-07", "Ủy ban nhân dân tỉnh Bình Dương", "thực hiện Quyết định số 142/QĐ-TTg"),
    ("142/QĐ-TTg", "2020-01-21", "Thủ tướng Chính phủ", "về việc thực hiện Kết luận số 52-KL/TW"),
    ("52-KL/TW", "2019-05-30", "Ban Bí thư Trung ương Đảng", "về tiếp tục thực hiện Nghị quyết"),
])
def test_nested_citations_each_their_own(opening, number, date, issuer, title_start):
    r = opening[number]
    assert (r.date, r.issuer) == (date, issuer)
    assert r.title.startswith(title_start)


def test_party_resolution_by_name(opening):
    r = next(r for r in opening.values() if r.doc_type == "Nghị quyết")
    assert (r.number, r.date, r.issuer) == (None, None, "Ban Chấp hành Trung ương Đảng")
    assert r.title.startswith("Hội nghị Trung ương 7 khóa X về xây dựng đội ngũ trí thức")


def test_standards_and_named_programmes_are_not_references(opening):
    assert not any("ISO" in key or "TCVN" in key for key in opening)
    assert not any(r.doc_type in ("Đề án", "Chương trình") for r in opening.values())
    assert len(opening) == 7


def test_own_number_is_not_a_reference():
    text = ("KẾ HOẠCH\n\nThực hiện Quyết định số 36/QĐ-TTg ngày 11/01/2021 của Thủ tướng Chính phủ.\n\n"
            "I. MỤC TIÊU\n\nTriển khai Kế hoạch số 114/KH-UBND.\n\nPHỤ LỤC:\n\nNỘI DUNG TRIỂN KHAI\n"
            "(Ban hành kèm theo Kế hoạch số 114/KH-UBND ngày 11/5/2021 của Ủy ban nhân dân tỉnh Yên Bái)\n")
    refs = refs_of(text, **YB)
    assert set(refs) == {"36/QĐ-TTg"}
    assert refs["36/QĐ-TTg"].relation == "implements"


def test_attachment_caption_names_the_document_itself():
    text = ("KẾ HOẠCH\nNÂNG CAO NĂNG SUẤT\n(Ban hành kèm theo Quyết định số 2109/QĐ-UBND ngày 01/9/2021 của UBND tỉnh)\n"
            "I. MỤC TIÊU\n")
    assert refs_of(text, kind="plan", doc_type="Kế hoạch") == {}


def test_law_by_name_without_number():
    text = "KẾ HOẠCH" + BODY.format("Bố trí kinh phí theo quy định của Luật Ngân sách nhà nước và các quy định hiện hành.")
    r = refs_of(text, **YB)["Luật:Ngân sách nhà nước"]
    assert (r.number, r.date, r.issuer, r.relation) == (None, None, "Quốc hội", "cites")


DECISION = """QUYẾT ĐỊNH
Về việc ban hành Kế hoạch
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BÌNH DƯƠNG
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;
Căn cứ Luật Khoa học và Công nghệ ngày 18 tháng 6 năm 2013;
Căn cứ Nghị định số 08/2014/NĐ-CP ngày 27/01/2014 của Chính phủ quy định chi tiết một số điều của Luật Khoa học và Công nghệ;
Căn cứ Quyết định số 36/QĐ-TTg ngày 11/01/2021 của Thủ tướng Chính phủ; Quyết định số 1068/QĐ-TTg ngày 22/8/2019 của Thủ tướng Chính phủ;
Xét đề nghị của Giám đốc Sở Khoa học và Công nghệ tại Tờ trình số 125/TTr-SKHCN ngày 20/8/2021.
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch.
Điều 2. Quyết định này thay thế Quyết định số 1234/QĐ-UBND ngày 05/5/2015 của UBND tỉnh.
"""


@pytest.fixture(scope="module")
def decision():
    return refs_of(DECISION, kind="decision", doc_type="Quyết định", number="2109/QĐ-UBND",
                   issuer="Ủy ban nhân dân tỉnh Bình Dương", level="province", place="Bình Dương")


@pytest.mark.parametrize("key,date,relation", [
    ("Luật:Tổ chức chính quyền địa phương", "2015-06-19", "basis"),
    ("Luật:sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương",
     "2019-11-22", "basis"),
    ("Luật:Khoa học và Công nghệ", "2013-06-18", "basis"),
    ("08/2014/NĐ-CP", "2014-01-27", "basis"),
    ("36/QĐ-TTg", "2021-01-11", "basis"),
    ("1068/QĐ-TTg", "2019-08-22", "basis"),
    ("125/TTr-SKHCN", "2021-08-20", "basis"),
    ("1234/QĐ-UBND", "2015-05-05", "replaces"),
])
def test_decision_basis_list(decision, key, date, relation):
    assert (decision[key].date, decision[key].relation) == (date, relation)


def test_repeated_mentions_merged_with_quotes(decision):
    law = decision["Luật:Khoa học và Công nghệ"]
    assert len(law.mentions) == 2
    for m in law.mentions:
        assert DECISION[m.span[0]:m.span[1]] == m.quote


def test_document_issued_on_a_date_without_number():
    text = ("Bình Dương phát triển khoa học công nghệ\n\nNgày 25 tháng 3 năm 2022, UBND tỉnh Bình Dương đã ban hành "
            "Chương trình Phát triển khoa học công nghệ và đổi mới sáng tạo (KHCN&ĐMST) phục vụ phát triển đô thị "
            "thông minh trên địa bàn tỉnh giai đoạn 2021-2030, tầm nhìn đến 2040 (Chương trình).\n")
    refs = list(refs_of(text, kind="news", place="Bình Dương", level="province").values())
    assert len(refs) == 1
    r = refs[0]
    assert (r.doc_type, r.number, r.date, r.issuer, r.relation) == (
        "Chương trình", None, "2022-03-25", "Ủy ban nhân dân tỉnh Bình Dương", "cites")
    assert r.title.endswith("tầm nhìn đến 2040")


def test_news_issuer_from_subject_and_all_cites():
    text = ("Kế hoạch tổng thể nâng cao năng suất\nỦy ban nhân dân tỉnh Bình Dương đã ban hành Kế hoạch tổng thể "
            "nâng cao năng suất giai đoạn 2021 - 2030 tại Quyết định số 2109/QĐ-UBND ngày 01/9/2021 với mục tiêu cụ thể.")
    r = refs_of(text, kind="news", place="Bình Dương", level="province")["2109/QĐ-UBND"]
    assert (r.issuer, r.relation) == ("Ủy ban nhân dân tỉnh Bình Dương", "cites")
    assert r.title == "ban hành Kế hoạch tổng thể nâng cao năng suất giai đoạn 2021 - 2030"


def test_coordinated_citations_share_the_opening_relation():
    text = ("KẾ HOẠCH\n\nThực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị và Kế hoạch số 114/KH-UBND "
            "ngày 11/5/2021 của UBND tỉnh Yên Bái về nâng cao năng suất, UBND huyện ban hành Kế hoạch.\n\nI. MỤC TIÊU\n")
    refs = refs_of(text, kind="plan", issuer="Ủy ban nhân dân huyện Trấn Yên", level="district", place="Trấn Yên")
    assert refs["05-CT/TW"].relation == "implements"
    assert refs["114/KH-UBND"].relation == "implements"


@pytest.mark.parametrize("phrase", [
    "giai đoạn 2021 - 2030", "từ 5-10 doanh nghiệp", "chuyển đổi từ giao thức IPv4 sang IPv6",
    "quy chuẩn QCVN 01:2019/BYT", "ngày 11/01/2021", "Top 21 của ICF", "theo quy định của pháp luật về ngân sách nhà nước",
    "tham mưu ban hành Nghị Quyết quy định một số chính sách ưu đãi",
    "Giấy phép số 123/GP-BTTTT do Bộ Thông tin và Truyền thông cấp", "Cơ quan chủ quản: giấy phép 45/GPXB-BTTTT",
])
def test_not_references(phrase):
    assert refs_of("KẾ HOẠCH" + BODY.format(phrase), **YB) == {}


def _gold(doc_id: str) -> dict:
    return json.loads((GOLD / f"{doc_id}.gold.json").read_text(encoding="utf-8"))


def test_dev_documents_references(txt_records):
    for doc_id, rec in txt_records.items():
        want = {(r["number"] or r["doc_type"], r["date"], r["relation"]) for r in _gold(doc_id)["references"]}
        got = {(r["number"] or r["doc_type"], r["date"], r["relation"]) for r in rec["references"]}
        assert got == want, doc_id
        for r in rec["references"]:
            for m in r["mentions"]:
                assert rec["text"][m["span"][0]:m["span"][1]] == m["quote"]


@pytest.mark.parametrize("opening,number,relation", [
    ("Để triển khai thực hiện có hiệu quả Quyết định số 36/QĐ-TTg ngày 11/01/2021 của Thủ tướng Chính phủ, "
     "UBND tỉnh ban hành Kế hoạch.", "36/QĐ-TTg", "implements"),
    ("Căn cứ các văn bản:\n- Quyết định số 36/QĐ-TTg ngày 11/01/2021 của Thủ tướng Chính phủ;\n"
     "- Kế hoạch số 114/KH-UBND ngày 11/5/2021 của UBND tỉnh Yên Bái.", "114/KH-UBND", "basis"),
    ("Căn cứ Kế hoạch số 114/KH-UBND ngày 11/5/2021 của UBND tỉnh Yên Bái về nâng cao năng suất; Thực hiện "
     "Quyết định số 36/QĐ-TTg của Thủ tướng Chính phủ; UBND huyện ban hành Kế hoạch.", "36/QĐ-TTg", "implements"),
    ("Thực hiện Kế hoạch số 114/KH-UBND ngày 11/5/2021 của UBND tỉnh Yên Bái về thực hiện Quyết định số "
     "36/QĐ-TTg của Thủ tướng Chính phủ, UBND huyện ban hành Kế hoạch.", "36/QĐ-TTg", "cites"),
])
def test_opening_clauses(opening, number, relation):
    text = "KẾ HOẠCH\n\n" + opening + "\n\nI. MỤC TIÊU\n"
    refs = refs_of(text, issuer="Ủy ban nhân dân huyện Trấn Yên", level="district", place="Trấn Yên")
    assert refs[number].relation == relation


def test_title_stops_before_the_documents_own_clause():
    text = ("KẾ HOẠCH\n\nThực hiện Quyết định số 36/QĐ-TTg ngày 11/01/2021 của Thủ tướng Chính phủ ban hành Kế hoạch "
            "tổng thể (sau đây gọi tắt là Quyết định số 36/QĐ-TTg), Ủy ban nhân dân tỉnh ban hành Kế hoạch.\n\nI. MỤC TIÊU\n")
    r = refs_of(text, **YB)["36/QĐ-TTg"]
    assert r.title == "ban hành Kế hoạch tổng thể"
    assert len(r.mentions) == 2 and r.relation == "implements"


def test_merged_fields_come_from_the_fullest_citation():
    text = ("Kế hoạch 155/KH-UBND năm 2021 thực hiện Quyết định 36/QĐ-TTg về Kế hoạch tổng thể do tỉnh Bắc Kạn ban hành\n"
            "KẾ HOẠCH\nTHỰC HIỆN QUYẾT ĐỊNH SỐ 36/QĐ-TTG NGÀY 11/01/2021 CỦA THỦ TƯỚNG CHÍNH PHỦ\n"
            "Thực hiện Quyết định số 36/QĐ-TTg ngày 11/01/2021 của Thủ tướng Chính phủ ban hành Kế hoạch tổng thể, "
            "Ủy ban nhân dân tỉnh Bắc Kạn ban hành Kế hoạch.\nI. MỤC TIÊU\n")
    refs = refs_of(text, number="155/KH-UBND", issuer="Ủy ban nhân dân tỉnh Bắc Kạn", level="province",
                   place="Bắc Kạn", doc_type="Kế hoạch")
    assert list(refs) == ["36/QĐ-TTg"]
    r = refs["36/QĐ-TTg"]
    assert (len(r.mentions), r.date, r.issuer, r.title, r.relation) == (
        3, "2021-01-11", "Thủ tướng Chính phủ", "ban hành Kế hoạch tổng thể", "implements")


def test_subject_that_issued_another_plan_is_not_the_issuer():
    text = "Tin\nUBND tỉnh Hà Tĩnh vừa ban hành Kế hoạch thực hiện Quyết định số 36/QĐ-TTg.\n"
    r = refs_of(text, kind="news", place="Hà Tĩnh", level="province")["36/QĐ-TTg"]
    assert (r.issuer, r.title) == ("Thủ tướng Chính phủ", None)


PY = {"issuer": "Ủy ban nhân dân tỉnh Phú Yên", "level": "province", "place": "Phú Yên", "kind": "directive",
      "doc_type": "Chỉ thị"}


@pytest.mark.parametrize("opening,want", [
    # coordinated citations share the opening verb's relation (và / comma / ;)
    ("Để triển khai thực hiện có hiệu quả Quyết định số 36/QĐ-TTg ngày 11/01/2021 của Thủ tướng Chính phủ ban hành "
     "Kế hoạch tổng thể nâng cao năng suất và Kế hoạch số 126/KH-UBND ngày 30/6/2021 của UBND tỉnh Phú Yên thực "
     "hiện Quyết định số 36/QĐ-TTg, Chủ tịch UBND tỉnh chỉ thị:", {"36/QĐ-TTg": "implements", "126/KH-UBND": "implements"}),
    ("Để tổ chức triển khai thực hiện Quyết định số 36/QĐ-TTg ngày 11/01/2021 của Thủ tướng Chính phủ; Kế hoạch số "
     "126/KH-UBND ngày 30/6/2021 của UBND tỉnh, Chủ tịch UBND tỉnh chỉ thị:",
     {"36/QĐ-TTg": "implements", "126/KH-UBND": "implements"}),
    ("Nhằm đẩy mạnh việc thực hiện Quyết định số 36/QĐ-TTg, Kế hoạch số 126/KH-UBND của UBND tỉnh, Chủ tịch UBND "
     "tỉnh chỉ thị:", {"36/QĐ-TTg": "implements", "126/KH-UBND": "implements"}),
    ("Để triển khai thực hiện có hiệu quả Quyết định số 36/QĐ-TTg ngày 11/01/2021 của Thủ tướng Chính phủ ban hành "
     "Kế hoạch tổng thể (sau đây gọi tắt là Quyết định số 36/QĐ-TTg) và Kế hoạch số 126/KH-UBND ngày 30/6/2021 của "
     "UBND tỉnh, Chủ tịch UBND tỉnh chỉ thị:", {"36/QĐ-TTg": "implements", "126/KH-UBND": "implements"}),
    # nested in the description of another citation: cites
    ("Thực hiện Kế hoạch số 126/KH-UBND ngày 30/6/2021 của UBND tỉnh Phú Yên về triển khai Quyết định số 36/QĐ-TTg "
     "ngày 11/01/2021 của Thủ tướng Chính phủ, UBND thị xã ban hành Kế hoạch.",
     {"126/KH-UBND": "implements", "36/QĐ-TTg": "cites"}),
    # coordinated with a nested citation: cites like it
    ("Thực hiện Công văn số 2856/BKHCN-PTTTDN ngày 05/10/2022 của Bộ Khoa học và Công nghệ về việc triển khai chính "
     "sách theo Nghị định số 13/2019/NĐ-CP ngày 01/02/2019 của Chính phủ về doanh nghiệp khoa học và công nghệ và "
     "Thông tư số 01/2021/TT-BKHCN ngày 01/3/2021 của Bộ Khoa học và Công nghệ, UBND tỉnh có ý kiến như sau:",
     {"2856/BKHCN-PTTTDN": "implements", "13/2019/NĐ-CP": "cites", "01/2021/TT-BKHCN": "cites"}),
    # a purpose clause about a target is not what the document carries out
    ("Để góp phần thực hiện Kế hoạch số 77/KH-UBND ngày 14/6/2021 của UBND tỉnh, phấn đấu đến năm 2025 có 25 doanh "
     "nghiệp.", {"77/KH-UBND": "cites"}),
    # Công văn and Tờ trình numbers; the proposal acted on is basis
    ("Căn cứ Công văn số 1234/BKHCN-TĐC ngày 02/3/2022 của Bộ Khoa học và Công nghệ; Theo đề nghị của Giám đốc Sở "
     "Khoa học và Công nghệ tại Tờ trình số 45/TTr-SKHCN ngày 28/5/2021.",
     {"1234/BKHCN-TĐC": "basis", "45/TTr-SKHCN": "basis"}),
    ("Thực hiện Văn bản số 2856/UBND-KT ngày 05/10/2022 của UBND tỉnh, Sở ban hành Kế hoạch.",
     {"2856/UBND-KT": "implements"}),
])
def test_relations_coordinated_and_nested(opening, want):
    refs = refs_of("CHỈ THỊ\n\n" + opening + "\n\n1. Giám đốc Sở Khoa học và Công nghệ:\n\na) Chủ trì.\n", **PY)
    assert {n: refs[n].relation for n in want} == want


@pytest.mark.parametrize("title,basis_line,relation", [
    ("Về việc ban hành Kế hoạch thực hiện Quyết định số 36/QĐ-TTg ngày 11/01/2021 của Thủ tướng Chính phủ", False,
     "implements"),
    ("Ban hành Kế hoạch triển khai thực hiện Quyết định số 36/QĐ-TTg trên địa bàn tỉnh", False, "implements"),
    # ANNOTATION.md (parent): a Căn cứ document the title says this one carries out keeps its relation basis
    ("Về việc ban hành Kế hoạch thực hiện Quyết định số 36/QĐ-TTg ngày 11/01/2021 của Thủ tướng Chính phủ", True,
     "basis"),
    ("Về việc ban hành Kế hoạch nâng cao năng suất trên địa bàn tỉnh giai đoạn 2022 - 2030", True, "basis"),
])
def test_own_title_that_carries_a_document_out(title, basis_line, relation):
    """A decision whose title says it carries a document out implements it, unless its Căn cứ list names it."""
    basis = "Căn cứ Quyết định số 36/QĐ-TTg ngày 11/01/2021 của Thủ tướng Chính phủ;" if basis_line else \
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"
    text = ("QUYẾT ĐỊNH\n" + title + "\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÀO CAI\n\n" + basis +
            "\n\nQUYẾT ĐỊNH:\n\nĐiều 1. Ban hành Kế hoạch.\n")
    refs = refs_of(text, kind="decision", doc_type="Quyết định", number="88/QĐ-UBND", level="province",
                   issuer="Ủy ban nhân dân tỉnh Lào Cai", place="Lào Cai", title="Quyết định " + title[:1].lower() + title[1:])
    if "36/QĐ-TTg" in title or basis_line:
        assert refs["36/QĐ-TTg"].relation == relation


@pytest.mark.parametrize("phrase,title,date", [
    ("Căn cứ Luật Chất lượng sản phẩm, hàng hóa ngày 21 tháng 11 năm 2007;", "Chất lượng sản phẩm, hàng hóa", "2007-11-21"),
    ("Căn cứ Luật Tiêu chuẩn và Quy chuẩn kỹ thuật ngày 29 tháng 6 năm 2006;", "Tiêu chuẩn và Quy chuẩn kỹ thuật",
     "2006-06-29"),
    ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều của Luật "
     "Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;",
     "Tổ chức chính quyền địa phương", "2015-06-19"),
    ("theo Luật Ngân sách nhà nước, các sở bố trí kinh phí.", "Ngân sách nhà nước", None),
])
def test_law_names_with_commas_keep_their_date(phrase, title, date):
    refs = refs_of("KẾ HOẠCH\n\n" + phrase + "\n\nI. MỤC TIÊU\n", **YB)
    assert refs[f"Luật:{title}"].date == date


@pytest.mark.parametrize("sentence,number,date", [
    ("Trước đó, vào ngày 15/3/2022, UBND tỉnh đã ký ban hành Quyết định số 678/QĐ-UBND về Đề án chuyển đổi số.",
     "678/QĐ-UBND", "2022-03-15"),
    ("Ngày 25 tháng 3 năm 2022, UBND tỉnh Bình Dương đã ban hành Chương trình số 12/CTr-UBND về khoa học công nghệ.",
     "12/CTr-UBND", "2022-03-25"),
    ("Thực hiện Quyết định số 36/QĐ-TTg ngày 11/01/2021, UBND tỉnh ban hành Kế hoạch số 126/KH-UBND.",
     "126/KH-UBND", None),
])
def test_date_written_before_the_citation(sentence, number, date):
    refs = refs_of("Tin tức\n\n" + sentence + "\n", kind="news", place="Bình Dương", level="province")
    assert refs[number].date == date


def test_portal_box_of_linked_documents_is_not_cited(tmp_path):
    """normalize cuts the trailing 'Văn bản liên quan' box, so its documents are never cited."""
    from extractor.pipeline import extract_file

    body = ("KẾ HOẠCH\n\nThực hiện Quyết định số 36/QĐ-TTg của Thủ tướng Chính phủ.\n\nI. MỤC TIÊU\n\n"
            + "- Nâng cao năng suất dựa trên nền tảng khoa học, công nghệ và đổi mới sáng tạo.\n\n" * 6
            + "Văn bản liên quan\n\nQuyết định số 999/QĐ-UBND ngày 01/01/2021 về việc khác\n")
    src = tmp_path / "kh.txt"
    src.write_text(body, encoding="utf-8")
    assert [r.number for r in extract_file(src).references] == ["36/QĐ-TTg"]


def test_list_item_after_a_nested_citation_keeps_the_opening_relation():
    text = ("KẾ HOẠCH\n\nCăn cứ Nghị định số 08/2014/NĐ-CP ngày 27/01/2014 của Chính phủ quy định chi tiết Luật Khoa học "
            "và Công nghệ; Thông tư số 01/2021/TT-BKHCN ngày 01/3/2021 của Bộ Khoa học và Công nghệ.\n\nI. MỤC TIÊU\n")
    refs = refs_of(text, **YB)
    assert (refs["08/2014/NĐ-CP"].relation, refs["01/2021/TT-BKHCN"].relation) == ("basis", "basis")


@pytest.mark.parametrize("sentence,title", [
    ("Luật Chuyển giao công nghệ năm 2017 và Quyết định số 36/QĐ-TTg của Thủ tướng Chính phủ đều nhấn mạnh vai trò "
     "của đổi mới công nghệ.", "Chuyển giao công nghệ"),
    ("Doanh nghiệp được hưởng ưu đãi theo Luật Đầu tư năm 2020.", "Đầu tư"),
    ("Áp dụng Luật Tiêu chuẩn và Quy chuẩn kỹ thuật năm 2006 trong sản xuất.", "Tiêu chuẩn và Quy chuẩn kỹ thuật"),
    ("Doanh nghiệp được ưu đãi theo Luật Doanh nghiệp 2020 và Luật Đầu tư 2020.", "Doanh nghiệp"),
    ("Doanh nghiệp được ưu đãi theo Luật Doanh nghiệp 2020 và Luật Đầu tư 2020.", "Đầu tư"),
    ("Theo Luật Chất lượng sản phẩm, hàng hóa năm 2007, doanh nghiệp công bố hợp quy.", "Chất lượng sản phẩm, hàng hóa"),
])
def test_law_cited_by_name_and_year_has_no_date(sentence, title):
    for meta in (YB, {"kind": "news"}):  # in a plan's tasks and in news text alike
        r = refs_of("KẾ HOẠCH" + BODY.format(sentence), **meta)[f"Luật:{title}"]
        assert (r.number, r.date, r.issuer, r.relation) == (None, None, "Quốc hội", "cites")


def test_law_named_before_its_number_is_one_reference():
    refs = refs_of("KẾ HOẠCH" + BODY.format("Căn cứ Luật Đầu tư số 61/2020/QH14 ngày 17 tháng 6 năm 2020;"), **YB)
    assert list(refs) == ["61/2020/QH14"]
    r = refs["61/2020/QH14"]
    assert (r.doc_type, r.date, r.issuer, r.title) == ("Luật", "2020-06-17", "Quốc hội", "Đầu tư")
    assert r.mentions[0].quote == "Luật Đầu tư số 61/2020/QH14"


def test_a_bracketed_note_that_the_document_carries_out_a_provision_makes_it_implemented():
    from extractor.document import Doc
    from extractor.meta import extract_meta
    from extractor.references import extract_references
    from extractor.structure import find_sections

    text = ("HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HÀ NỘI\nSố: 73/2025/NQ-HĐND\nHà Nội, ngày 27 tháng 11 năm 2025\nNGHỊ QUYẾT\n"
            "Quy định cơ chế thu hút nguồn nhân lực công nghệ cao\n"
            "Căn cứ Luật Thủ đô số 39/2024/QH15;\n"
            "Xét Tờ trình số 426/TTr-UBND ngày 21 tháng 11 năm 2025 của Ủy ban nhân dân Thành phố về việc ban hành "
            "Nghị quyết quy định cơ chế thu hút nguồn nhân lực (thực hiện điểm b khoản 4 Điều 24 Luật Thủ đô);\n"
            "QUYẾT NGHỊ:\nĐiều 1. Phạm vi điều chỉnh\n")
    doc = Doc(text)
    doc.sections = find_sections(text)
    doc.meta = extract_meta(doc)
    refs = {r.number: r.relation for r in extract_references(doc)}
    assert refs["39/2024/QH15"] == "implements"
    assert refs["426/TTr-UBND"] == "basis"


def test_one_party_congress_resolution_however_it_is_named():
    """Nghị quyết 109/NQ-CP names the XIVth Congress's resolution three ways: one reference."""
    refs = refs_of("Căn cứ Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV của Đảng và Kết luận số 18-KL/TW "
                   "ngày 02 tháng 4 năm 2026 của Ban Chấp hành Trung ương Đảng;\n\n"
                   "1. Quán triệt nội dung liên quan của Nghị quyết Đại hội XIV và Kết luận số 18-KL/TW.\n\n"
                   "2. Các dự án theo Chương trình hành động thực hiện Nghị quyết Đại hội Đảng lần thứ XIV.\n",
                   kind="resolution")
    congress = [r for r in refs.values() if r.doc_type == "Nghị quyết" and not r.number]
    assert len(congress) == 1 and len(congress[0].mentions) == 3
    assert congress[0].title == "Đại hội đại biểu toàn quốc lần thứ XIV của Đảng"
    assert congress[0].relation == "basis"


def test_a_letter_implements_the_document_it_received_and_orders_carried_out():
    """Công văn 706/UBND-VP7 of Ninh Bình (tests/real-group6): it received the Ministry's guidance and assigns
    its implementation, 'tại Văn bản trên'; the attachment line's number is only cited."""
    text = ("ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH\n\nSố: 706/UBND-VP7\nNinh Bình, ngày 04 tháng 11 năm 2024\n"
            "V/v tuyển chọn và gọi công dân nhập ngũ năm 2025\n\nKính gửi: Bộ Chỉ huy Quân sự tỉnh\n\n"
            "UBND tỉnh nhận được Văn bản số 4705/HD-BQP ngày 31/10/2024 của Bộ Quốc phòng hướng dẫn về việc "
            "tuyển chọn và gọi công dân nhập ngũ năm 2025.\n"
            "UBND tỉnh giao Bộ Chỉ huy Quân sự tỉnh chủ trì, phối hợp với các cơ quan, đơn vị có liên quan nghiên "
            "cứu, triển khai thực hiện và tham mưu chỉ đạo thực hiện các nội dung, yêu cầu của Bộ Quốc phòng tại "
            "Văn bản trên theo đúng quy định, đảm bảo thời gian.\n"
            "(Kèm theo Văn bản số 4706/HD-BQP ngày 31/10/2024 của Bộ Quốc phòng)./.\n")
    refs = refs_of(text, kind="official_letter", doc_type="Công văn", number="706/UBND-VP7")
    assert refs["4705/HD-BQP"].relation == "implements"
    assert refs["4706/HD-BQP"].relation == "cites"
    # a letter that only forwards documents for reference implements none of them
    forward = ("Sở Tư pháp nhận được Phiếu chuyển số 3578/PC-VP ngày 09 tháng 02 năm 2021 của Văn phòng Ủy ban nhân "
               "dân Thành phố về việc chuyển Quyết định số 81/QĐ-TTg ngày 19 tháng 01 năm 2021 của Thủ tướng Chính "
               "phủ.\nSở Tư pháp kính chuyển Quyết định số 81/QĐ-TTg nêu trên đến Quý Cơ quan để nghiên cứu, tham "
               "khảo.\n")
    assert all(r.relation != "implements" for r in refs_of(forward, kind="official_letter", doc_type="Công văn").values())


def test_a_law_name_a_crawler_broke_over_two_lines_is_read_whole():
    """ttg-2597 (tests/real-group3): 'Căn cứ Luật Tổ chức' / 'Chính phủ ngày 18 tháng 2 năm 2025;'."""
    refs = refs_of("Căn cứ Luật Tổ chức\nChính phủ ngày 18 tháng 2 năm 2025;\n\nCăn cứ Luật Công\nnghệ thông tin ngày "
                   "29 tháng 6 năm 2006;\n", kind="decision")
    laws = sorted((r.title, r.date) for r in refs.values() if r.doc_type == "Luật")
    assert laws == [("Công nghệ thông tin", "2006-06-29"), ("Tổ chức Chính phủ", "2025-02-18")]


def test_law_named_before_its_bracketed_number_is_one_reference():
    """Bộ Tư pháp's appendix (tests/real-group8): 'Luật Đất đai (số 45/2013/QH13 ngày 29/11/2013)' is one law,
    named and numbered; an amending law's title stops before its bracketed number and before what it assigns."""
    refs = refs_of("Căn cứ:\n\n1. Luật Đất đai (số 45/2013/QH13 ngày 29/11/2013) giao Chính phủ quy định.\n\n"
                   "2. Luật sửa đổi, bổ sung một số điều của Luật Phòng cháy và chữa cháy (số 40/2013/QH13 ngày "
                   "22/11/2013).\n\n3. Nghị định số 79/2014/NĐ-CP quy định chi tiết một số điều của Luật phòng cháy"
                   " và chữa cháy và Luật sửa đổi, bổ sung một số điều của Luật phòng cháy và chữa cháy giao Bộ Tài "
                   "chính quy định.\n")
    assert refs["45/2013/QH13"].title == "Đất đai"
    assert refs["40/2013/QH13"].title == "sửa đổi, bổ sung một số điều của Luật Phòng cháy và chữa cháy"
    laws = sorted(k for k in refs if k.startswith("Luật:") or refs[k].doc_type == "Luật")
    assert laws == ["40/2013/QH13", "45/2013/QH13", "Luật:Phòng cháy và chữa cháy"], laws


def test_attached_programme_title_is_no_opening():
    """03/NQ-CP (tests/real-group8): 'Thực hiện Nghị quyết số 57-NQ/TW …' over '(Kèm theo Nghị quyết số 03/NQ-CP …)'
    is the attached programme's title; 57-NQ/TW stays the basis the Căn cứ list makes it (ANNOTATION.md, parent)."""
    refs = refs_of("CHÍNH PHỦ\nSố: 03/NQ-CP\n\nCăn cứ Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị "
                   "về đột phá phát triển khoa học, công nghệ;\n\nĐiều 1. Ban hành kèm theo Nghị quyết này Chương "
                   "trình hành động.\n\nThực hiện Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị "
                   "về đột phá phát triển khoa học, công nghệ\n\n(Kèm theo Nghị quyết số 03/NQ-CP ngày 09 tháng 01 "
                   "năm 2025 của Chính phủ)\n\nI. MỤC TIÊU\n\n1. Tổ chức thể chế hóa.\n",
                   kind="resolution", number="03/NQ-CP")
    assert refs["57-NQ/TW"].relation == "basis"


def test_proposals_listed_after_a_line_break_share_the_basis():
    """Nghị quyết 100/NQ-CP in gazette lines (tests/real-final): the proposal's clause is cut by line breaks, and
    the letters listed after the first ('…, số 1518/BNG-NVVH … và số 2265/BC-BNG-NVVH …') are its basis too."""
    refs = {r.number: r for r in extract_file(HERE / "real-final" / "chinhphu-100-nq-cp-2026.txt").references}
    assert [refs[n].relation for n in ("364/TTr-BNG-NVVH", "1518/BNG-NVVH", "2265/BC-BNG-NVVH")] == ["basis"] * 3


def test_a_basis_the_document_replaces_is_replaced():
    """Nghị quyết 109/NQ-CP (tests/real-group6): 41/NQ-CP stands in its Căn cứ list, and its Điều 2 says 'Nghị quyết
    này … thay thế Nghị quyết số 41/NQ-CP': replaced. A title in the Căn cứ list that amends another document does
    not make this one amend it (Quyết định 807/QĐ-UBND of Ninh Bình, tests/real-group5)."""
    text = ("CHÍNH PHỦ\n\nSố: 109/NQ-CP\n\nNGHỊ QUYẾT\n\nCăn cứ Nghị quyết số 41/NQ-CP ngày 11 tháng 3 năm 2026 của Chính \n"
            "phủ về Chương trình hành động của Chính phủ;\n"
            "Căn cứ Nghị quyết số 1210/2016/UBTVQH13 ngày 25 tháng 5 năm 2016 của Ủy ban Thường vụ Quốc hội về phân loại "
            "đô thị; Nghị quyết số 26/2022/UBTVQH15 ngày 21 tháng 9 năm 2022 của Ủy ban Thường vụ Quốc hội sửa đổi, bổ "
            "sung một số điều của Nghị quyết số 1210/2016/UBTVQH13;\n\nQUYẾT NGHỊ: \n\n"
            "Điều 1. Ban hành kèm theo Nghị quyết này Chương trình hành động.\n\nĐiều 2. Hiệu lực thi hành \n"
            "1. Nghị quyết này có hiệu lực thi hành kể từ ngày ký và thay thế Nghị quyết số \n"
            "41/NQ-CP ngày 11 tháng 3 năm 2026 của Chính phủ về Chương trình hành động của Chính phủ.\n")
    refs = refs_of(text, kind="resolution", number="109/NQ-CP", issuer="Chính phủ", level="national")
    assert refs["41/NQ-CP"].relation == "replaces"
    assert refs["1210/2016/UBTVQH13"].relation == "basis" and refs["26/2022/UBTVQH15"].relation == "basis"


def test_a_letter_acts_on_the_documents_it_received():
    """Công văn 687/STP-VB of Sở Tư pháp Hồ Chí Minh City (tests/real-group6): 'Sở Tư pháp nhận được Phiếu chuyển số
    3578/PC-VP …' is what the letter acts on (basis), as is the second slip after 'Đồng thời,'; the decision the
    slip forwarded is only cited."""
    text = ("SỞ TƯ PHÁP\n\nSố: 687/STP-VB\n\nKính gửi: Các Sở, ban ngành Thành phố\n\n"
            "Sở Tư pháp nhận được Phiếu chuyển số 3578/PC-VP ngày 09 tháng 02 năm 2021 của Văn phòng Ủy ban nhân dân "
            "Thành phố về việc chuyển Quyết định số 81/QĐ-TTg ngày 19 tháng 01 năm 2021 của Thủ tướng Chính phủ phê "
            "duyệt Chương trình hỗ trợ pháp lý liên ngành cho doanh nghiệp nhỏ và vừa giai đoạn năm 2021-2026.\n\n"
            "Đồng thời, Sở Tư pháp nhận được Phiếu chuyển số 9180/PC-VP ngày 20 tháng 02 năm 2021 của Văn phòng Ủy ban "
            "nhân dân Thành phố.\n")
    refs = refs_of(text, kind="letter", number="687/STP-VB", issuer="Sở Tư pháp Thành phố Hồ Chí Minh")
    assert (refs["3578/PC-VP"].relation, refs["9180/PC-VP"].relation, refs["81/QĐ-TTg"].relation) == (
        "basis", "basis", "cites")


def test_a_bill_named_before_whom_it_goes_to_is_no_reference():
    """Nghị quyết 03/NQ-CP (tests/real-group8): a law to be completed and submitted to the National Assembly is a
    bill, not an issued law; the law an amending bill's title names is cited all the same."""
    refs = refs_of("NGHỊ QUYẾT" + BODY.format(
        "Bổ sung các chính sách tháo gỡ điểm nghẽn và hoàn thiện Luật Công nghiệp công nghệ số trình Quốc hội ban "
        "hành. Hoàn thiện Luật sửa đổi, bổ sung một số điều của Luật Tiêu chuẩn và Quy chuẩn kỹ thuật trình Quốc hội "
        "thông qua tại Kỳ họp thứ 9."), kind="resolution")
    assert sorted(refs) == ["Luật:Tiêu chuẩn và Quy chuẩn kỹ thuật"]


def test_a_law_whose_name_ends_in_so_keeps_it():
    """'Luật Chuyển đổi số', 'Luật Tần số vô tuyến điện': 'số' ends or sits inside the name when no number
    follows it ('Luật Giao dịch điện tử số 20/2023/QH15' is numbered)."""
    refs = refs_of("KẾ HOẠCH" + BODY.format(
        "Tổ chức triển khai thi hành Luật Chuyển đổi số và Luật Tần số vô tuyến điện; thực hiện Luật Giao dịch điện "
        "tử số 20/2023/QH15 ngày 22 tháng 6 năm 2023."))
    assert {r.title for r in refs.values()} == {"Chuyển đổi số", "Tần số vô tuyến điện", "Giao dịch điện tử"}
    assert "20/2023/QH15" in refs


def _cited(text: str) -> list[tuple]:
    doc = Doc(text)
    doc.sections = find_sections(text)
    return [(r.doc_type, r.number, r.title, len(r.mentions)) for r in extract_references(doc)]


def test_a_document_cited_by_type_and_serial_alone():
    """Nghị quyết 03/NQ-CP (group 8) and Thông báo 624/TB-VPCP (tests/real): 'Chỉ thị 18 chống thất thu thuế' is a
    directive of its own; 'Kế hoạch 02' is the 'Kế hoạch 02-KH/BCĐTW' the text cites in full."""
    assert _cited("(10) Đẩy mạnh thực hiện Chỉ thị 18 chống thất thu thuế, đảm bảo an ninh tiền tệ.") == [
        ("Chỉ thị", None, "Chỉ thị 18 chống thất thu thuế", 1)]
    (plan,) = _cited("Chỉ 3/12 nền tảng theo Kế hoạch 02 được hình thành cơ bản. Các bộ thực hiện Kế hoạch "
                     "02-KH/BCĐTW ngày 19/6/2025 về phát triển dữ liệu.")
    assert plan == ("Kế hoạch", "02-KH/BCĐTW", "về phát triển dữ liệu", 2)
    assert _cited("Kế hoạch 2026 - 2030 và Đề án 06 được triển khai.") == []


def test_a_revised_law_acted_on_is_in_force():
    """Nghị quyết 105/NQ-CP (group 3): '(3) Căn cứ Luật Giáo dục nghề nghiệp (sửa đổi), xây dựng văn bản …' cites
    the revised law, issued; 'chưa ban hành Luật Quy hoạch (sửa đổi)' (2820/QĐ-UBND) names a draft, no reference."""
    assert [(t, n, title) for t, n, title, _ in _cited(
        "(3) Căn cứ Luật Giáo dục nghề nghiệp (sửa đổi), xây dựng văn bản quy phạm pháp luật.")] == [
        ("Luật", None, "Giáo dục nghề nghiệp (sửa đổi)")]
    assert _cited("Trong thời gian chưa ban hành Luật Quy hoạch (sửa đổi), các sở thực hiện.") == []


def test_an_opening_list_item_on_its_own_line_keeps_the_trigger_above():
    """A crawled portal page (held-out 11) breaks the opening's 'Thực hiện A; B;' list after each ';': the province
    Party programme on the next line is still carried out, and its issuer, 'Ban Chấp hành Đảng bộ tỉnh', is the
    province's Party committee whole."""
    text = ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG TRỊ\nSố: 86/KH-UBND\nKẾ HOẠCH\n"
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;\n"
            "Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công "
            "nghệ; Nghị quyết số 03/NQ-CP ngày 09/01/2025 của Chính phủ ban hành Chương trình hành động của Chính phủ "
            "thực hiện Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị;\n"
            "Chương trình hành động số 09-CTr/TU ngày 20/10/2025 của Ban Chấp hành Đảng bộ tỉnh thực hiện Nghị quyết "
            "số 57-NQ/TW của Bộ Chính trị;\n"
            "Theo đề nghị của Sở Khoa học và Công nghệ tại Tờ trình số 412/TTr-SKHCN ngày 18/02/2026, Ủy ban nhân dân "
            "tỉnh ban hành Kế hoạch triển khai thực hiện với các nội dung sau:\nI. MỤC ĐÍCH, YÊU CẦU\n"
            "1. Kế thừa kết quả thực hiện Kế hoạch số 35/KH-UBND ngày 15/8/2025 của UBND tỉnh;\n"
            "Kế hoạch số 40/KH-UBND ngày 01/9/2025 của UBND tỉnh.\n")
    refs = refs_of(text, number="86/KH-UBND", issuer="Ủy ban nhân dân tỉnh Quảng Trị", level="province",
                   place="Quảng Trị")
    assert (refs["09-CTr/TU"].relation, refs["09-CTr/TU"].issuer) == (
        "implements", "Ban Chấp hành Đảng bộ tỉnh Quảng Trị")
    assert (refs["03/NQ-CP"].relation, refs["412/TTr-SKHCN"].relation) == ("implements", "basis")
    assert (refs["35/KH-UBND"].relation, refs["40/KH-UBND"].relation) == ("cites", "cites")  # past the opening


def test_a_law_s_gazette_opening_cites_the_constitution_and_amends_the_laws_its_title_names(tmp_path):
    """A law as the gazette prints it (openings 2): the gazette's part title and issuer line above the header are
    not the document; 'Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam' is its basis; the law its enacting
    sentence names is the law itself, and the laws that title names are the ones it amends."""
    path = tmp_path / "luat.txt"
    path.write_text(
        "CÔNG BÁO/Số 1031 + 1032/Ngày 20-12-2019                                      3\n\n"
        "PHẦN I. VĂN BẢN QUY PHẠM PHÁP LUẬT\n\nQUỐC HỘI\n\n"
        "QUỐC HỘI                      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "                                   Độc lập - Tự do - Hạnh phúc\n\nLuật số: 47/2019/QH14\n\n"
        "                                   LUẬT\n         SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT TỔ CHỨC CHÍNH PHỦ\n"
        "                  VÀ LUẬT TỔ CHỨC CHÍNH QUYỀN ĐỊA PHƯƠNG\n\n"
        "     Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n"
        "     Quốc hội ban hành Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính\n"
        "phủ số 76/2015/QH13 và Luật Tổ chức chính quyền địa phương số 77/2015/QH13.\n\n"
        "     Điều 1. Sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ\n"
        "     1. Tuân thủ Hiến pháp và pháp luật, quản lý xã hội bằng Hiến pháp và pháp\nluật.\n",
        encoding="utf-8")
    rec = extract_file(path)
    assert (rec.meta.kind, rec.meta.number, rec.meta.issuer) == ("law", "47/2019/QH14", "Quốc hội")
    assert sorted((r.doc_type, r.number, r.relation) for r in rec.references) == [
        ("Hiến pháp", None, "basis"), ("Luật", "76/2015/QH13", "amends"), ("Luật", "77/2015/QH13", "amends")]
    assert rec.parent is None


def test_a_background_clause_in_lower_case_carries_out_nothing():
    """A directive's background (openings 2): '… đã cơ bản thực hiện đúng Nghị định số 30/2020/NĐ-CP …; triển khai
    các nhiệm vụ … tại Kế hoạch số 112/KH-UBND' tells what was done; only the opening's own list ('Thực hiện A;
    thực hiện B') carries out. A law named in lower case with its year is a law ('Luật tổ chức chính quyền địa
    phương năm 2025')."""
    refs = refs_of(
        "CHỈ THỊ\n\nVề tăng cường kỷ luật trong công tác văn thư\n\n"
        "Sau khi tổ chức chính quyền địa phương 2 cấp theo Luật tổ chức chính quyền địa phương năm 2025, khối lượng "
        "văn bản tăng mạnh. Các cơ quan, đơn vị đã cơ bản thực hiện đúng Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 "
        "của Chính phủ về công tác văn thư; triển khai các nhiệm vụ về chuyển đổi số tại Kế hoạch số 112/KH-UBND "
        "ngày 14/8/2025 của UBND tỉnh.\n\nThực hiện Kế hoạch số 40/KH-UBND ngày 01/9/2025 của UBND tỉnh; thực hiện "
        "Kế hoạch số 41/KH-UBND ngày 02/9/2025 của UBND tỉnh, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:\n\n"
        "1. Thủ trưởng các sở chỉ đạo rà soát.\n", kind="directive", number="04/CT-UBND",
        issuer="Ủy ban nhân dân tỉnh Gia Lai", level="province", place="Gia Lai")
    assert {k: r.relation for k, r in refs.items()} == {
        "Luật:Tổ chức chính quyền địa phương": "cites", "30/2020/NĐ-CP": "cites", "112/KH-UBND": "cites",
        "40/KH-UBND": "implements", "41/KH-UBND": "implements"}


def test_the_laws_an_amending_law_s_title_lists_are_each_their_own():
    """A decree's Căn cứ (held-out 11) names the 2022 law amending nine laws; 'Luật Đầu tư công' and 'Luật Đầu tư
    theo phương thức đối tác công tư' in its title are laws of their own, not 'Luật Đầu tư' cited before them."""
    refs = refs_of(
        "NGHỊ ĐỊNH\n\nCăn cứ Luật Đầu tư ngày 17 tháng 6 năm 2020; Luật sửa đổi, bổ sung một số điều của Luật Đầu "
        "tư công, Luật Đầu tư theo phương thức đối tác công tư, Luật Đầu tư, Luật Nhà ở và Luật Đấu thầu ngày 11 "
        "tháng 01 năm 2022;\n\nChính phủ ban hành Nghị định.\n\nĐiều 1. Phạm vi điều chỉnh\n", kind="decree")
    titles = {r.title for r in refs.values() if r.doc_type == "Luật"}
    assert {"Đầu tư", "Đầu tư công", "Đầu tư theo phương thức đối tác công tư", "Nhà ở", "Đấu thầu"} <= titles


def test_a_known_law_name_run_on_into_the_sentence_ends_at_its_name():
    """A scheme's funding (held-out 12): 'theo phân cấp của Luật Ngân sách nhà nước và khả năng cân đối ngân sách':
    the law is 'Ngân sách nhà nước'; a name that goes on after 'và' in lower case stays whole when it is the name
    ('Luật Bảo vệ và phát triển rừng')."""
    refs = refs_of("ĐỀ ÁN" + BODY.format(
        "Kinh phí được bố trí hằng năm theo phân cấp của Luật Ngân sách nhà nước và khả năng cân đối ngân sách; thực "
        "hiện Luật Bảo vệ và phát triển rừng."))
    assert {r.title for r in refs.values()} == {"Ngân sách nhà nước", "Bảo vệ và phát triển rừng"}
    refs = refs_of("NGHỊ QUYẾT" + BODY.format(  # a name with a comma, no date after it (held-out 12)
        "Nghiên cứu, đề xuất sửa đổi, bổ sung Luật Khám bệnh, chữa bệnh về cơ chế tự chủ."))
    assert {r.title for r in refs.values()} == {"Khám bệnh, chữa bệnh"}
