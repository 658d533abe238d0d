"""meta.extract_meta and the number/body helpers, on small documents written as the genre writes them."""

from __future__ import annotations

import json

import pytest

from extractor.document import Doc
from extractor.meta import extract_meta
from extractor.numbers import canonical_number, doc_type_from_number, issuer_from_number
from extractor.structure import find_sections
from tests.conftest import GOLD


def meta_of(text: str):
    doc = Doc(text)
    doc.sections = find_sections(text)
    return extract_meta(doc)


@pytest.mark.parametrize("raw,want", [
    ("114/KH-UBND", "114/KH-UBND"),
    ("36/QĐ/TTg", "36/QĐ-TTg"),
    ("36/QD-TTg", "36/QĐ-TTg"),
    ("36 /QĐ-TTg", "36/QĐ-TTg"),
    ("số 36/QĐ-TTg", "36/QĐ-TTg"),
    ("08/2014/ND-CP", "08/2014/NĐ-CP"),
    ("52-KL/TW", "52-KL/TW"),
    ("02-KH/BCĐTW", "02-KH/BCĐTW"),      # the Party's central steering committee and its standing office
    ("07-TB/CQTTBCĐ", "07-TB/CQTTBCĐ"),
    ("52 - NQ / TW", "52-NQ/TW"),
    ("05/CT-TU", "05-CT/TU"),
    ("462/PKT", "462/PKT"),
    ("01/2021/TT-BKHCN", "01/2021/TT-BKHCN"),
    ("20/2021/NQ-HDND", "20/2021/NQ-HĐND"),
    ("29/2013/QH13", "29/2013/QH13"),
    ("/KH-UBND", None),
    ("11/01/2021", None),
    # a text layer (pdftotext) dropped the hyphen a narrow cell broke the line at: known type + issuer codes only
    ("2618/QĐBKHCN", "2618/QĐ-BKHCN"),
    ("289/2025/NĐCP", "289/2025/NĐ-CP"),
    ("06/2023/TTBXD", "06/2023/TT-BXD"),
    ("114/KHUBND", "114/KH-UBND"),
    ("180/2025/NĐ\n-CP", "180/2025/NĐ-CP"),  # the line broken before the hyphen
    ("11725/BTCQLĐT", "11725/BTCQLĐT"),  # no type code opens it: left as written
])
def test_canonical_number(raw, want):
    assert canonical_number(raw) == want


@pytest.mark.parametrize("number,doc_type,issuer", [
    ("36/QĐ-TTg", "Quyết định", "Thủ tướng Chính phủ"),
    ("114/KH-UBND", "Kế hoạch", None),
    ("08/2014/NĐ-CP", "Nghị định", "Chính phủ"),
    ("52-KL/TW", "Kết luận", "Ban Chấp hành Trung ương Đảng"),
    ("01/2021/TT-BKHCN", "Thông tư", "Bộ Khoa học và Công nghệ"),
    ("462/PKT", None, None),
])
def test_number_codes(number, doc_type, issuer):
    assert doc_type_from_number(number) == doc_type
    assert issuer_from_number(number) == issuer


PROVINCE_PLAN = """ỦY BAN NHÂN DÂN
TỈNH YÊN BÁI

-------

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------

Số: 114/KH-UBND

Yên Bái, ngày 11 tháng 5 năm 2021

KẾ HOẠCH

NÂNG CAO NĂNG SUẤT DỰA TRÊN NỀN TẢNG KHOA HỌC, CÔNG NGHỆ VÀ ĐỔI MỚI SÁNG TẠO GIAI ĐOẠN 2021-2030 TRÊN ĐỊA BÀN TỈNH YÊN BÁI

Thực hiện Quyết định số 36/QĐ-TTg ngày 11/01/2021 của Thủ tướng Chính phủ.

I. MỤC TIÊU

1. Mục tiêu chung

Nơi nhận:
- Bộ Khoa học và Công nghệ;
- Lưu: VT, NL
N.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH




Nguyễn Thế Phước
"""

DISTRICT_NO_HEADER = """Thuận An, ngày 18 tháng 11 năm 2021

KẾ HOẠCH

Triển khai thực hiện kế hoạch tổng thể nâng cao năng suất trên địa bàn thành phố Thuận An giai đoạn 2021 - 2030

Thực hiện Quyết định số 2109/QĐ-UBND ngày 01/9/2021 của UBND tỉnh Bình Dương ban hành Kế hoạch tổng thể. Xét đề nghị của Phòng Kinh tế tại Công văn số 462/PKT ngày 12/11/2021. UBND thành phố ban hành Kế hoạch tổng thể như sau:

I. MỤC TIÊU

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Nguyễn Thanh Tâm"""

DECISION = """ỦY BAN NHÂN DÂN TỈNH BÌNH DƯƠNG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 2109/QĐ-UBND\tBình Dương, ngày 01 tháng 9 năm 2021
QUYẾT ĐỊNH
VỀ VIỆC BAN HÀNH KẾ HOẠCH TỔNG THỂ NÂNG CAO NĂNG SUẤT TRÊN ĐỊA BÀN TỈNH BÌNH DƯƠNG GIAI ĐOẠN 2021 - 2030
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BÌNH DƯƠNG
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
KT. CHỦ TỊCH PHÓ CHỦ TỊCH Mai Hùng Dũng
"""

LETTER = """UBND TỈNH QUẢNG NINH
SỞ KHOA HỌC VÀ CÔNG NGHỆ
-------
Số: 123/SKHCN-QLCN
V/v triển khai Kế hoạch nâng cao năng suất
Quảng Ninh, ngày 05 tháng 4 năm 2021
Kính gửi: Các sở, ban, ngành.
Thực hiện Quyết định số 36/QĐ-TTg, Sở đề nghị các đơn vị báo cáo.
GIÁM ĐỐC
(Đã ký)
Hoàng Bá Nam
"""

NATIONAL = """THỦ TƯỚNG CHÍNH PHỦ
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: 36/QĐ-TTg
Hà Nội, ngày 11 tháng 01 năm 2021
QUYẾT ĐỊNH
BAN HÀNH KẾ HOẠCH TỔNG THỂ NÂNG CAO NĂNG SUẤT GIAI ĐOẠN 2021 - 2030
THỦ TƯỚNG CHÍNH PHỦ
Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch tổng thể.
"""

DISTRICT_HEADER = """ỦY BAN NHÂN DÂN
HUYỆN TRẤN YÊN
Số: 58/KH-UBND
Trấn Yên, ngày 20 tháng 6 năm 2021
KẾ HOẠCH
Cải cách hành chính năm 2022
I. MỤC TIÊU
"""

# The opening of the Law on Science, Technology and Innovation: the National Assembly writes its act's type before
# the number ('Luật số:'), with its term after the issuer code.
LAW = """QUỐC HỘI
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Luật số: 93/2025/QH15
Hà Nội, ngày 27 tháng 6 năm 2025

LUẬT
KHOA HỌC, CÔNG NGHỆ VÀ ĐỔI MỚI SÁNG TẠO

Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;
Quốc hội ban hành Luật Khoa học, công nghệ và đổi mới sáng tạo.
"""

MINISTRY = """BỘ KHOA HỌC VÀ CÔNG NGHỆ
Số: 01/2021/TT-BKHCN
Hà Nội, ngày 01 tháng 3 năm 2021
THÔNG TƯ
Quy định chi tiết
Điều 1. Phạm vi điều chỉnh
"""


@pytest.mark.parametrize("text,field,want", [
    (PROVINCE_PLAN, "kind", "plan"),
    (PROVINCE_PLAN, "doc_type", "Kế hoạch"),
    (PROVINCE_PLAN, "number", "114/KH-UBND"),
    (PROVINCE_PLAN, "date", "2021-05-11"),
    (PROVINCE_PLAN, "issuer", "Ủy ban nhân dân tỉnh Yên Bái"),
    (PROVINCE_PLAN, "level", "province"),
    (PROVINCE_PLAN, "place", "Yên Bái"),
    (PROVINCE_PLAN, "title", "Kế hoạch nâng cao năng suất dựa trên nền tảng khoa học, công nghệ và đổi mới "
                             "sáng tạo giai đoạn 2021-2030 trên địa bàn tỉnh Yên Bái"),
    (PROVINCE_PLAN, "period", {"start": 2021, "end": 2030}),
    (PROVINCE_PLAN, "signer", "Nguyễn Thế Phước"),
    (DISTRICT_NO_HEADER, "number", None),
    (DISTRICT_NO_HEADER, "date", "2021-11-18"),
    (DISTRICT_NO_HEADER, "issuer", "Ủy ban nhân dân thành phố Thuận An"),
    (DISTRICT_NO_HEADER, "level", "district"),
    (DISTRICT_NO_HEADER, "place", "Thuận An"),
    (DISTRICT_NO_HEADER, "title", "Kế hoạch triển khai thực hiện kế hoạch tổng thể nâng cao năng suất trên "
                                  "địa bàn thành phố Thuận An giai đoạn 2021 - 2030"),
    (DISTRICT_NO_HEADER, "signer", "Nguyễn Thanh Tâm"),
    (DECISION, "kind", "decision"),
    (DECISION, "number", "2109/QĐ-UBND"),
    (DECISION, "date", "2021-09-01"),
    (DECISION, "issuer", "Ủy ban nhân dân tỉnh Bình Dương"),
    (DECISION, "title", "Quyết định về việc ban hành kế hoạch tổng thể nâng cao năng suất trên địa bàn tỉnh "
                        "Bình Dương giai đoạn 2021 - 2030"),
    (DECISION, "signer", "Mai Hùng Dũng"),
    (LETTER, "kind", "official_letter"),
    (LETTER, "doc_type", "Công văn"),
    (LETTER, "number", "123/SKHCN-QLCN"),
    (LETTER, "issuer", "Sở Khoa học và Công nghệ tỉnh Quảng Ninh"),
    (LETTER, "level", "province"),
    (LETTER, "signer", "Hoàng Bá Nam"),
    (NATIONAL, "issuer", "Thủ tướng Chính phủ"),
    (NATIONAL, "level", "national"),
    (NATIONAL, "place", None),
    (NATIONAL, "date", "2021-01-11"),
    (DISTRICT_HEADER, "issuer", "Ủy ban nhân dân huyện Trấn Yên"),
    (DISTRICT_HEADER, "level", "district"),
    (DISTRICT_HEADER, "period", {"start": 2022, "end": 2022}),
    (MINISTRY, "issuer", "Bộ Khoa học và Công nghệ"),
    (MINISTRY, "kind", "circular"),  # a Thông tư (ANNOTATION.md meta)
    (MINISTRY, "level", "national"),
    (LAW, "kind", "law"),
    (LAW, "number", "93/2025/QH15"),
    (LAW, "date", "2025-06-27"),
    (LAW, "issuer", "Quốc hội"),
    (LAW, "level", "national"),
    (LAW, "place", None),
])
def test_header_fields(text, field, want):
    assert getattr(meta_of(text), field) == want


NEWS_PAGE_CLOCK = """Huỳnh AnhThứ bảy, 20/04/2024 | 02:24 - GMT+7

Bình Dương phát triển khoa học công nghệ và đối mới sáng tạo phục vụ phát triển đô thị thông minh

Ngày 25 tháng 3 năm 2022, UBND tỉnh Bình Dương đã ban hành Chương trình Phát triển khoa học công nghệ và đổi mới sáng tạo phục vụ phát triển đô thị thông minh trên địa bàn tỉnh giai đoạn 2021-2030, tầm nhìn đến 2040 (Chương trình).

19/04/2022 - 13:24
Bên cạnh tiếp tục duy trì giữ vững danh hiệu Top 21, đưa Bình Dương vào Top 7 tổ chức này, Chương trình còn hướng đến các mục tiêu cụ thể như tăng năng suất lao động xã hội bình quân trên 7%.
"""

NEWS_GLUED = """Triển khai kế hoạch tổng thể nâng cao năng suất chất lượng tại Quảng Ninh author 10:21 08/04/2021

(VietQ.vn) - Sở KH&CN Quảng Ninh vừa có buổi làm việc với Tổng cục TCĐLCL về triển khai Kế hoạch tổng thể nâng cao năng suất dựa trên nền tảng khoa học công nghệ và đổi mới sáng tạo giai đoạn 2021 -2030. Trước đó, đoàn công tác đã làm việc với Phú Thọ, Thái Nguyên và Quảng Ninh.
"""

NEWS_REPEATED_TITLE = """Kết quả hoạt động khai thác và vận hành Nền tảng Dữ liệu (Nền tảng IPPlatform)
Kế hoạch tổng thể nâng cao năng suất dựa trên nền tảng khoa học, công nghệ và đổi mới sáng tạo
Kế hoạch tổng thể nâng cao năng suất dựa trên nền tảng khoa học, công nghệ và đổi mới sáng tạo
Ủy ban nhân dân tỉnh Bình Dương đã ban hành Kế hoạch tổng thể nâng cao năng suất dựa trên nền tảng khoa học, công nghệ và đổi mới sáng tạo trên địa bàn tỉnh Bình Dương giai đoạn 2021 - 2030 tại Quyết định số 2109/QĐ-UBND ngày 01/9/2021 với mục tiêu cụ thể đến năm 2030.
"""


@pytest.mark.parametrize("text,field,want", [
    (NEWS_PAGE_CLOCK, "kind", "news"),
    (NEWS_PAGE_CLOCK, "date", "2022-04-19"),
    (NEWS_PAGE_CLOCK, "title", "Bình Dương phát triển khoa học công nghệ và đối mới sáng tạo phục vụ phát triển "
                               "đô thị thông minh"),
    (NEWS_PAGE_CLOCK, "place", "Bình Dương"),
    (NEWS_PAGE_CLOCK, "number", None),
    (NEWS_PAGE_CLOCK, "issuer", None),
    (NEWS_GLUED, "date", "2021-04-08"),
    (NEWS_GLUED, "title", "Triển khai kế hoạch tổng thể nâng cao năng suất chất lượng tại Quảng Ninh"),
    (NEWS_GLUED, "place", "Quảng Ninh"),
    (NEWS_GLUED, "level", "province"),
    (NEWS_REPEATED_TITLE, "title", "Kế hoạch tổng thể nâng cao năng suất dựa trên nền tảng khoa học, công nghệ "
                                   "và đổi mới sáng tạo"),
    (NEWS_REPEATED_TITLE, "date", None),
    (NEWS_REPEATED_TITLE, "period", None),
])
def test_news_fields(text, field, want):
    assert getattr(meta_of(text), field) == want


def _gold(doc_id: str) -> dict:
    return json.loads((GOLD / f"{doc_id}.gold.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("field", ["kind", "doc_type", "number", "date", "issuer", "level", "place", "period", "signer"])
def test_dev_documents_meta(txt_records, field):
    for doc_id, rec in txt_records.items():
        assert rec["meta"][field] == _gold(doc_id)["meta"][field], f"{doc_id}: meta.{field}"


@pytest.mark.parametrize("header,issuer,level,place", [
    ("ỦY BAN NHÂN DÂN TỈNH YÊN BÁI", "Ủy ban nhân dân tỉnh Yên Bái", "province", "Yên Bái"),
    ("UBND TỈNH BÌNH DƯƠNG SỞ KHOA HỌC VÀ CÔNG NGHỆ", "Sở Khoa học và Công nghệ tỉnh Bình Dương", "province", "Bình Dương"),
    ("UBND HUYỆN TRẤN YÊN PHÒNG KINH TẾ VÀ HẠ TẦNG", "Phòng Kinh tế và Hạ tầng huyện Trấn Yên", "district", "Trấn Yên"),
    ("BỘ KHOA HỌC VÀ CÔNG NGHỆ TỔNG CỤC TIÊU CHUẨN ĐO LƯỜNG CHẤT LƯỢNG",
     "Tổng cục Tiêu chuẩn Đo lường Chất lượng", "national", None),
    ("TỈNH ỦY BÌNH DƯƠNG", "Tỉnh ủy Bình Dương", "province", "Bình Dương"),
    ("UBND THÀNH PHỐ HÀ NỘI", "Ủy ban nhân dân thành phố Hà Nội", "province", "Hà Nội"),
    ("UBND TP. HỒ CHÍ MINH", "Ủy ban nhân dân thành phố Hồ Chí Minh", "province", "Hồ Chí Minh"),
    ("ỦY BAN NHÂN DÂN XÃ TÂN PHƯỚC", "Ủy ban nhân dân xã Tân Phước", "commune", "Tân Phước"),
    ("HỘI ĐỒNG NHÂN DÂN TỈNH HÀ TĨNH", "Hội đồng nhân dân tỉnh Hà Tĩnh", "province", "Hà Tĩnh"),
    ("ỦY BAN NHÂN DÂN", None, "province", "Hà Nội"),  # no locality: the dateline's place
    ("SỞ KHOA HỌC VÀ CÔNG NGHỆ", "Sở Khoa học và Công nghệ thành phố Hà Nội", "province", "Hà Nội"),
    # a department under the committee above it; body words inside a province name (Hải Phòng) stay in the name
    ("UBND THÀNH PHỐ HẢI PHÒNG\nSỞ KHOA HỌC VÀ CÔNG NGHỆ", "Sở Khoa học và Công nghệ thành phố Hải Phòng", "province",
     "Hải Phòng"),
    ("UBND TP HẢI PHÒNG SỞ TÀI CHÍNH", "Sở Tài chính thành phố Hải Phòng", "province", "Hải Phòng"),
    ("ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG", "Ủy ban nhân dân thành phố Hải Phòng", "province", "Hải Phòng"),
    ("UBND TỈNH LÀO CAI\nSỞ KHOA HỌC VÀ CÔNG NGHỆ\nCHI CỤC TIÊU CHUẨN ĐO LƯỜNG CHẤT LƯỢNG",
     "Chi cục Tiêu chuẩn Đo lường Chất lượng tỉnh Lào Cai", "province", "Lào Cai"),
    ("UBND HUYỆN THỦY NGUYÊN\nPHÒNG KINH TẾ", "Phòng Kinh tế huyện Thủy Nguyên", "district", "Thủy Nguyên"),
    ("UBND THỊ XÃ PHÚ MỸ\nPHÒNG KINH TẾ", "Phòng Kinh tế thị xã Phú Mỹ", "district", "Phú Mỹ"),
    ("UBND HUYỆN PHONG ĐIỀN\nPHÒNG KINH TẾ VÀ HẠ TẦNG", "Phòng Kinh tế và Hạ tầng huyện Phong Điền", "district",
     "Phong Điền"),
    ("UBND THÀNH PHỐ HÀ TĨNH\nPHÒNG KINH TẾ", "Phòng Kinh tế thành phố Hà Tĩnh", "district", "Hà Tĩnh"),
    ("UBND TỈNH BÀ RỊA - VŨNG TÀU\nSỞ KHOA HỌC VÀ CÔNG NGHỆ", "Sở Khoa học và Công nghệ tỉnh Bà Rịa - Vũng Tàu",
     "province", "Bà Rịa - Vũng Tàu"),
    ("UBND HUYỆN THỦY NGUYÊN\nVĂN PHÒNG HĐND VÀ UBND",
     "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện Thủy Nguyên", "district", "Thủy Nguyên"),
    ("SỞ KHOA HỌC VÀ CÔNG NGHỆ\nCHI CỤC TIÊU CHUẨN ĐO LƯỜNG CHẤT LƯỢNG",
     "Chi cục Tiêu chuẩn Đo lường Chất lượng thành phố Hà Nội", "province", "Hà Nội"),
    # a bare 'VĂN PHÒNG' under the committee or ministry is that body's office (held-out 7, a meeting notice)
    ("ỦY BAN NHÂN DÂN\nTỈNH ĐẮK LẮK\nVĂN PHÒNG", "Văn phòng Ủy ban nhân dân tỉnh Đắk Lắk", "province", "Đắk Lắk"),
    ("BỘ CÔNG THƯƠNG\nVĂN PHÒNG", "Văn phòng Bộ Công Thương", "national", None),
    # the office named before the committee it serves (held-out 10, a Chairman's conclusions), on one line or three
    ("VĂN PHÒNG\nỦY BAN NHÂN DÂN\nTỈNH THÁI NGUYÊN", "Văn phòng Ủy ban nhân dân tỉnh Thái Nguyên", "province",
     "Thái Nguyên"),
    ("VĂN PHÒNG UBND TỈNH THÁI NGUYÊN", "Văn phòng Ủy ban nhân dân tỉnh Thái Nguyên", "province", "Thái Nguyên"),
])
def test_header_bodies(header, issuer, level, place):
    text = f"{header}\nSố: 1/KH-UBND\nHà Nội, ngày 01 tháng 02 năm 2022\nKẾ HOẠCH\nThử nghiệm\n"
    m = meta_of(text)
    assert (m.issuer, m.level, m.place) == (issuer, level, place)


def test_portal_page_title_gives_the_number_when_the_header_has_none():
    text = ("Kế hoạch 2434/KH-UBND năm 2021 thực hiện chủ trương do thành phố Thuận An ban hành\n"
            "Thuận An, ngày 10 tháng 8 năm 2021\nKẾ HOẠCH\nThực hiện chủ trương\nI. MỤC TIÊU\n")
    m = meta_of(text)
    assert (m.number, m.date, m.kind, m.place) == ("2434/KH-UBND", "2021-08-10", "plan", "Thuận An")


def test_news_headline_skips_menus_and_bylines():
    text = ("Trang chủ > Khoa học - Công nghệ\nHà Tĩnh: Nâng cao năng suất dựa trên nền tảng khoa học, công nghệ\n"
            "Theo Báo Hà Tĩnh điện tử\nCập nhật: 15:30 20/07/2021\nNgày 12/7/2021, UBND tỉnh Hà Tĩnh đã ban hành Kế hoạch "
            "số 254/KH-UBND về thực hiện Quyết định số 36/QĐ-TTg ngày 11/01/2021 của Thủ tướng Chính phủ ban hành Kế hoạch "
            "tổng thể nâng cao năng suất dựa trên nền tảng khoa học, công nghệ và đổi mới sáng tạo.\n")
    m = meta_of(text)
    assert (m.kind, m.title, m.date, m.place) == (
        "news", "Hà Tĩnh: Nâng cao năng suất dựa trên nền tảng khoa học, công nghệ", "2021-07-20", "Hà Tĩnh")


def test_pdf_header_with_interleaved_columns():
    text = ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH YÊN BÁI Độc lập - Tự do - Hạnh phúc\n"
            "Số: 114/KH-UBND Yên Bái, ngày 11 tháng 5 năm 2021\nKẾ HOẠCH\nNâng cao năng suất giai đoạn 2021 - 2030\n"
            "Thực hiện Quyết định số 36/QĐ-TTg ngày 11/01/2021 của Thủ tướng Chính phủ.\nI. MỤC TIÊU\n")
    m = meta_of(text)
    assert (m.number, m.date, m.issuer, m.level, m.place, m.title) == (
        "114/KH-UBND", "2021-05-11", "Ủy ban nhân dân tỉnh Yên Bái", "province", "Yên Bái",
        "Kế hoạch nâng cao năng suất giai đoạn 2021 - 2030")


NEWS_DISTRICT = """Bảo Thắng nâng cao năng suất dựa trên nền tảng khoa học, công nghệ

Thứ Ba, 22/03/2022 08:15

(LCĐT) - UBND huyện Bảo Thắng (Lào Cai) vừa ban hành Kế hoạch số 45/KH-UBND ngày 10/3/2022 về nâng cao năng suất trên địa bàn huyện giai đoạn 2022 - 2030.

Kế hoạch nhằm triển khai Kế hoạch số 114/KH-UBND của UBND tỉnh Lào Cai. Tỉnh Lào Cai đặt mục tiêu tăng năng suất. Lào Cai là tỉnh biên giới.
"""

NEWS_REPORTED_ISSUER = """Nâng cao năng suất lao động trên địa bàn huyện

19/04/2022 - 13:24

Theo Kế hoạch số 45/KH-UBND ngày 10/3/2022 của UBND huyện Trấn Yên, đến năm 2025 toàn huyện có 10 doanh nghiệp áp dụng công cụ cải tiến năng suất tại tỉnh Yên Bái và tỉnh Yên Bái hỗ trợ kinh phí.
"""

NEWS_NATIONAL = """Sơ kết 2 năm triển khai Kế hoạch tổng thể nâng cao năng suất

19/04/2023 - 10:20

Ngày 18/4, tại Hà Nội, Tổng cục Tiêu chuẩn Đo lường Chất lượng tổ chức Hội nghị sơ kết 2 năm triển khai Quyết định số 36/QĐ-TTg ngày 11/01/2021 của Thủ tướng Chính phủ trên phạm vi cả nước.

Theo báo cáo, đến nay đã có 50 tỉnh, thành phố ban hành kế hoạch triển khai. Đại diện Sở KH&CN tỉnh Bình Dương chia sẻ kinh nghiệm.
"""

NEWS_VENUE_ONLY = """Hội thảo năng suất chất lượng năm 2023

19/04/2023 - 10:20

Hội thảo về năng suất chất lượng đã diễn ra tại Hà Nội với sự tham gia của nhiều doanh nghiệp. Bộ Khoa học và Công nghệ cho biết sẽ tiếp tục hỗ trợ doanh nghiệp trong thời gian tới.
"""

NEWS_NATIONAL_BACKGROUND = """Quảng Nam nâng cao năng suất lao động

19/04/2022 - 13:24

Ngày 11/01/2021, Thủ tướng Chính phủ ban hành Quyết định số 36/QĐ-TTg về Kế hoạch tổng thể nâng cao năng suất giai đoạn 2021 - 2030.

Để triển khai, UBND tỉnh Quảng Nam đã ban hành Kế hoạch số 4567/KH-UBND với nhiều mục tiêu cụ thể cho doanh nghiệp.
"""


@pytest.mark.parametrize("text,level,place", [
    (NEWS_NATIONAL_BACKGROUND, "province", "Quảng Nam"),
    (NEWS_DISTRICT, "district", "Bảo Thắng"),
    (NEWS_REPORTED_ISSUER, "district", "Trấn Yên"),
    (NEWS_NATIONAL, "national", None),
    (NEWS_VENUE_ONLY, "national", None),
    (NEWS_GLUED, "province", "Quảng Ninh"),
    (NEWS_REPEATED_TITLE, "province", "Bình Dương"),
])
def test_news_level_and_place_of_the_plan_reported_on(text, level, place):
    """Who issues the plan the article is about decides, then the locality named most, never a venue."""
    m = meta_of(text)
    assert (m.level, m.place) == (level, place)


@pytest.mark.parametrize("type_line,title_line,closing", [
    ("CHỈ THỊ", "Về việc đẩy mạnh chuyển đổi số trong doanh nghiệp", "Chủ tịch UBND tỉnh yêu cầu thực hiện nghiêm túc."),
    ("QUYẾT ĐỊNH", "Phê duyệt Chương trình phát triển tài sản trí tuệ",
     "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LONG AN\nQUYẾT ĐỊNH:\nĐiều 1. Phê duyệt."),
])
def test_document_signed_for_the_chairman_is_issued_by_the_committee(type_line, title_line, closing):
    text = (f"ỦY BAN NHÂN DÂN\nTỈNH LONG AN\nSố: 07/CT-UBND\nLong An, ngày 21 tháng 6 năm 2022\n{type_line}\n{title_line}\n"
            f"{closing}\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn Út\n")
    m = meta_of(text)
    assert (m.issuer, m.level, m.place, m.signer) == ("Ủy ban nhân dân tỉnh Long An", "province", "Long An", "Nguyễn Văn Út")


_LEAD = ("(BRVT) - UBND tỉnh Bà Rịa - Vũng Tàu vừa ban hành Kế hoạch số 145/KH-UBND ngày 18/8/2021 về nâng cao năng suất "
         "dựa trên nền tảng khoa học, công nghệ và đổi mới sáng tạo giai đoạn 2021 - 2030.")
_HEAD = "Bà Rịa - Vũng Tàu ban hành Kế hoạch nâng cao năng suất dựa trên nền tảng khoa học"


@pytest.mark.parametrize("above,below,date", [
    # the page clock above the headline, later than the article's dateline under it
    ("Thứ Năm, 14/03/2024", "Cập nhật lúc 09:15, Thứ Hai, 23/08/2021 (GMT+7)", "2021-08-23"),
    ("Thứ bảy, 20/04/2024 | 02:24 - GMT+7", "19/04/2022 - 13:24", "2022-04-19"),
    ("Trang chủ > Tin tức", "Thứ Sáu, 17/06/2022 - 07:30", "2022-06-17"),
    ("Trang chủ > Tin tức", "Đăng lúc 08:00 ngày 05/05/2022", "2022-05-05"),
    ("Trang chủ > Tin tức", "Ngày đăng: Thứ Hai, 23/08/2021", "2021-08-23"),
    ("Trang chủ > Tin tức", "Cập nhật: 14:05 | 22/09/2022", "2022-09-22"),
    ("Trang chủ > Tin tức", "Thứ Hai, ngày 15 tháng 5 năm 2023", "2023-05-15"),
    ("Trang chủ > Tin tức", "Ngày 17/06/2022", "2022-06-17"),
    ("Thứ sáu, 17/6/2022, 07:30 (GMT+7)", "Minh Châu", "2022-06-17"),
    # the article's dateline above the headline (not later than anything under it)
    ("Thứ Hai, 15/05/2023 09:30", "Minh Châu", "2023-05-15"),
    ("Thứ Hai, 23/08/2021", "Cập nhật lúc 09:15, Thứ Hai, 23/08/2021 (GMT+7)", "2021-08-23"),
])
def test_news_dateline_near_the_headline(above, below, date):
    text = f"{above}\n\n{_HEAD}\n\n{below}\n\n{_LEAD}\n\nNgười xem: 10:00 01/01/2025\n"
    m = meta_of(text)
    assert (m.date, m.title) == (date, _HEAD)


@pytest.mark.parametrize("lines", [
    ["Trang chủ > Tin tức", _HEAD, "Cập nhật lúc 09:15, Thứ Hai, 23/08/2021 (GMT+7)", "Lượt xem: 1.254"],
    ["Thứ Năm, 14/03/2024", _HEAD, "Thứ Sáu, 17/06/2022 - 07:30 - Báo Lào Cai điện tử"],
    [_HEAD, "Đăng lúc 08:00 ngày 05/05/2022 bởi Minh Châu"],
])
def test_news_headline_is_never_a_dateline(lines):
    assert meta_of("\n\n".join(lines + [_LEAD])).title == _HEAD


def test_news_dateline_above_the_headline_is_kept_despite_older_related_news():
    related = "\n".join(f"{10 + k}:00 1{k}/06/2022 Tin liên quan số {k} về năng suất" for k in range(3))
    text = f"Thời sự\n\nThứ sáu, 17/6/2022, 07:30 (GMT+7)\n\n{_HEAD}\n\n{_LEAD}\n\n" + "\n\n".join([_LEAD] * 4) + f"\n\n{related}\n"
    assert meta_of(text).date == "2022-06-17"


def test_a_caps_title_broken_after_giai_doan_goes_on_with_its_years():
    """Bắc Ninh 144/KH-UBND as a portal prints it: the title's period on a line of its own."""
    text = ("ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\n-------\nSố: 144/KH-UBND\nBắc Ninh, ngày 24 tháng 11 năm 2025\n\n"
            "KẾ HOẠCH\n\nPHÁT TRIỂN KINH TẾ SỐ VÀ XÃ HỘI SỐ TỈNH BẮC NINH GIAI ĐOẠN\n2026 - 2030\n\n"
            "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;\n")
    m = extract_meta(Doc(text, find_sections(text)))
    assert m.title == "Kế hoạch phát triển kinh tế số và xã hội số tỉnh Bắc Ninh giai đoạn 2026 - 2030"
    assert m.period is not None and (m.period["start"], m.period["end"]) == (2026, 2030)


def test_a_dateline_cut_before_its_year_in_a_narrow_header_cell_keeps_its_date():
    """A PDF printed from Word: the header cell wraps 'ngày 27 tháng 11 năm' / '2025' into two paragraphs."""
    m = meta_of("ỦY BAN NHÂN DÂN\n\nTỈNH ĐỒNG THÁP\n\n-------\n\nCỘNG HÒA XÃ HỘI\n\nCHỦ NGHĨA VIỆT NAM\n\n"
                "Độc lập - Tự do - Hạnh phúc\n\n---------------\n\nSố: 597/KH-UBND Đồng Tháp, ngày 27 tháng 11 năm"
                "\n\n2025\n\nKẾ HOẠCH\n\nCHUYỂN ĐỔI SỐ TRONG HOẠT ĐỘNG XÂY DỰNG, QUẢN LÝ, KHAI THÁC KẾT CẤU HẠ TẦNG "
                "GIAO THÔNG TRÊN ĐỊA BÀN TỈNH ĐỒNG THÁP\n\nCăn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ "
                "Chính trị;\n")
    assert (m.number, m.date, m.place) == ("597/KH-UBND", "2025-11-27", "Đồng Tháp")
    assert m.title == ("Kế hoạch chuyển đổi số trong hoạt động xây dựng, quản lý, khai thác kết cấu hạ tầng giao "
                       "thông trên địa bàn tỉnh Đồng Tháp")


def test_a_dateline_run_together_with_the_type_line_is_split_again():
    """A converter joined the header's dateline, the type word and the title into one paragraph."""
    m = meta_of("THỦ TƯỚNG CHÍNH PHỦ\n\n_______________\n\nSố: 844/QĐ-TTg\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM "
                "Độc lập - Tự do - Hạnh phúc\n\n___________________________________________________ Hà Nội, ngày "
                "13 tháng 5 năm 2026 QUYẾT ĐỊNH Ban hành Kế hoạch hành động thực hiện Chỉ thị số 52-CT/TW ngày 03 "
                "tháng 10 năm 2025 của Ban Bí thư về thực hiện bảo hiểm y tế toàn dân trong giai đoạn mới ––––––\n\n"
                "THỦ TƯỚNG CHÍNH PHỦ\n\nCăn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;\n")
    assert (m.kind, m.number, m.date, m.level) == ("decision", "844/QĐ-TTg", "2026-05-13", "national")
    assert m.title == ("Quyết định ban hành Kế hoạch hành động thực hiện Chỉ thị số 52-CT/TW ngày 03 tháng 10 năm "
                       "2025 của Ban Bí thư về thực hiện bảo hiểm y tế toàn dân trong giai đoạn mới")


def test_a_title_period_cut_before_its_end_year_goes_on():
    m = meta_of("ỦY BAN NHÂN DÂN\n\nTỈNH BẮC NINH\n\nSố: 144/KH-UBND Bắc Ninh, ngày 24 tháng 11 năm 2025\n\n"
                "KẾ HOẠCH\n\nPHÁT TRIỂN KINH TẾ SỐ VÀ XÃ HỘI SỐ TỈNH BẮC NINH GIAI ĐOẠN 2026\n\n- 2030\n\n"
                "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;\n")
    assert m.title == "Kế hoạch phát triển kinh tế số và xã hội số tỉnh Bắc Ninh giai đoạn 2026 - 2030"
    assert m.period == {"start": 2026, "end": 2030}


def test_a_dateline_cut_before_its_year_and_run_into_the_type_line_reads_whole():
    """A narrow header cell wraps 'Hà Nội, ngày 13 tháng 5' / 'năm 2026', and a converter runs the year into the
    type line: the date and the title are both read."""
    m = meta_of("THỦ TƯỚNG CHÍNH PHỦ\n\nSố: 844/QĐ-TTg\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh "
                "phúc\n\n___________ Hà Nội, ngày 13 tháng 5\n\nnăm 2026 QUYẾT ĐỊNH Ban hành Kế hoạch hành động thực "
                "hiện Chỉ thị số 52-CT/TW ngày 03 tháng 10 năm 2025 của Ban Bí thư\n\nTHỦ TƯỚNG CHÍNH PHỦ\n\n"
                "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;\n")
    assert (m.number, m.date) == ("844/QĐ-TTg", "2026-05-13")
    assert m.title == ("Quyết định ban hành Kế hoạch hành động thực hiện Chỉ thị số 52-CT/TW ngày 03 tháng 10 năm "
                       "2025 của Ban Bí thư")


def test_appendix_given_without_its_letter_takes_the_letter_identity():
    """Bộ Tư pháp's appendix to Công văn 1043/BTP-QLXLVPHC&TDTHPL (tests/real-group8), handed on without the
    letter: its 'kèm theo' line names the document it was issued with, whose identity it takes."""
    m = meta_of("DANH MỤC\n\nVĂN BẢN QUY PHẠM PHÁP LUẬT CÓ NỘI DUNG LIÊN QUAN ĐẾN\n\n"
                "LĨNH VỰC THEO DÕI TRỌNG TÂM, LIÊN NGÀNH NĂM 2021(*)\n\n"
                "(Ban hành kèm theo Công văn số 1043/BTP-QLXLVPHC&TDTHPL ngày 9/4/2021)\n\n"
                "STT\n\nTên văn bản/văn bản được quy định chi tiết\n\n1\n\n"
                "Luật Đất đai (số 45/2013/QH13 ngày 29/11/2013)\n")
    assert (m.kind, m.doc_type, m.number, m.date) == ("official_letter", "Công văn", "1043/BTP-QLXLVPHC&TDTHPL",
                                                      "2021-04-09")
    assert (m.issuer, m.level, m.place) == ("Bộ Tư pháp", "national", None)


def test_a_plan_with_its_own_header_keeps_it_over_kem_theo():
    """A header of its own wins: the 'kèm theo' line under a plan's title is read only when no header exists."""
    m = meta_of("ỦY BAN NHÂN DÂN\nTỈNH BÌNH DƯƠNG\nSố: 12/KH-UBND\nBình Dương, ngày 02 tháng 3 năm 2022\n\n"
                "KẾ HOẠCH\nThực hiện chuyển đổi số\n(Kèm theo Quyết định số 2109/QĐ-UBND ngày 01/9/2021)\n")
    assert (m.kind, m.number, m.date) == ("plan", "12/KH-UBND", "2022-03-02")


def test_crawled_title_heading_is_the_title_when_the_type_word_is_missing():
    """03/NQ-CP as crawled (tests/real-group8): the portal dropped 'NGHỊ QUYẾT' and marked the title '## …'."""
    m = meta_of("CHÍNH PHỦ\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nSố: 03/NQ-CP\n"
                "Hà Nội, ngày 09 tháng 01 năm 2025\n\n## Ban hành Chương trình hành động của Chính phủ thực hiện "
                "Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị\n\nCăn cứ Luật Tổ chức Chính "
                "phủ ngày 19 tháng 6 năm 2015;\n")
    assert (m.kind, m.number) == ("resolution", "03/NQ-CP")
    assert m.title.startswith("Ban hành Chương trình hành động của Chính phủ thực hiện Nghị quyết số 57-NQ/TW")


@pytest.mark.parametrize("number_line,dateline", [
    ("Số: 2109/ QĐ-UBND", "Bình Dương, ngày 01 tháng 9 năm 2021"),  # a space typed after the slash
    ("Số: 2109 /QĐ-UBND", "Bình Dương ngày 01 tháng 9 năm 2021"),  # and a dateline without its comma
])
def test_a_header_typed_with_loose_spacing_or_no_comma_keeps_its_number_and_date(number_line, dateline):
    text = DECISION.replace("Số: 2109/QĐ-UBND\tBình Dương, ngày 01 tháng 9 năm 2021", f"{number_line}\t{dateline}")
    meta = meta_of(text)
    assert (meta.number, meta.date, meta.place) == ("2109/QĐ-UBND", "2021-09-01", "Bình Dương")


def test_a_dateline_read_after_the_type_word_or_cut_after_its_day_is_the_header_s():
    """A scan's OCR or a text layer reads the header's right column after the type word ('KẾ HOẠCH' / 'Hà Nội, ngày
    17 tháng 11 năm 2025', Hà Nội's 308/KH-UBND), or a narrow cell cuts the dateline after its day ('…, ngày 25' /
    'tháng 11 năm 2025', Hồ Chí Minh City's 4085/UBND-ĐT): the date is the header's, the title the line after."""
    head = ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 308/KH-UBND\n")
    body = ("TRIỂN KHAI THỰC HIỆN NGHỊ QUYẾT SỐ 214/NQ-CP NGÀY 23/7/2025 CỦA CHÍNH PHỦ\n"
            "Thực hiện Nghị quyết số 214/NQ-CP ngày 23/7/2025 của Chính phủ; Quyết định số 1229/QĐ-UBND ngày "
            "28/02/2025 của UBND Thành phố, UBND Thành phố ban hành Kế hoạch như sau:\n")
    meta = meta_of(head + "KẾ HOẠCH\nHà Nội, ngày 17 tháng 11 năm 2025\n" + body)
    assert (meta.date, meta.place) == ("2025-11-17", "Hà Nội")
    assert meta.title == "Kế hoạch triển khai thực hiện nghị quyết số 214/NQ-CP ngày 23/7/2025 của Chính phủ"
    meta = meta_of(head + "Hà Nội, ngày 17\ntháng 11 năm 2025\nKẾ HOẠCH\n" + body)
    assert meta.date == "2025-11-17"


def test_a_header_whose_two_columns_a_scan_ran_into_the_same_lines_keeps_its_issuer():
    """OCR of a scanned 2820/QĐ-UBND reads the issuer's column and the motto's across: 'ỦY BAN NHÂN DÂN THÀNH PHỐ
    CỘNG HÒA XÃ' / 'HỒ CHÍ MINH' / 'HỘI CHỦ NGHĨA VIỆT NAM'; the motto's halves are no part of the issuer."""
    text = ("ỦY BAN NHÂN DÂN THÀNH PHỐ CỘNG HÒA XÃ\nHỒ CHÍ MINH\nxa l\nHỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\nSố:\n2820/QĐ-UBND\nThành phố Hồ\nChí Minh, ngày 19 tháng 11 năm 2025\n"
            "QUYẾT ĐỊNH\nBAN HÀNH KẾ HOẠCH TRIỂN KHAI QUYẾT ĐỊNH SỐ 06/QĐ-TTG\n")
    meta = meta_of(text)
    assert (meta.issuer, meta.level, meta.place) == ("Ủy ban nhân dân thành phố Hồ Chí Minh", "province", "Hồ Chí Minh")
    assert (meta.number, meta.date) == ("2820/QĐ-UBND", "2025-11-19")


def test_a_dateline_read_after_the_type_word_and_the_titles_first_word():
    """A scan's OCR reads the header's two columns out of order (the twentieth landing's scans of 2629/QĐ-TTg):
    'QUYẾT ĐỊNH' / 'VỀ' / 'Hà Nội, ngày 01 tháng 12 năm 2025' / 'VIỆC PHÊ DUYỆT …' keeps its date and its title."""
    text = ("THỦ TƯỚNG CHÍNH PHỦ\n\nCỘNG HÒA XÃ HỘI\n\nCHỦ NGHĨA VIỆT NAM\n\nĐộc lập - Tự do - Hạnh phúc\n\n"
            "Số: 2629/QĐ-TTg\n\nQUYẾT ĐỊNH\n\nVỀ\n\nHà Nội, ngày 01 tháng 12 năm 2025\n\n"
            "VIỆC PHÊ DUYỆT CHƯƠNG TRÌNH PHÁT TRIỂN CHÍNH PHỦ SỐ\n\nTHỦ TƯỚNG CHÍNH PHỦ\n\n"
            "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;\n")
    meta = extract_meta(Doc(text))
    assert (meta.date, meta.number, meta.title) == (
        "2025-12-01", "2629/QĐ-TTg", "Quyết định về việc phê duyệt chương trình phát triển Chính phủ số")


def test_a_title_ending_in_chuyen_doi_so_does_not_run_on():
    """'Về tăng cường cải cách hành chính, chuyển đổi số' ends the title: 'số' asks for a number only after a document's
    type ('Quyết định số' / '36/QĐ-TTg'); the paragraph after it is the text's (held-out 7, a directive)."""
    text = ("ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG\nSố: 21/CT-UBND\nTuyên Quang, ngày 05 tháng 11 năm 2026\nCHỈ THỊ\n"
            "Về tăng cường cải cách hành chính, chuyển đổi số\n\nNhững năm qua, công tác cải cách hành chính đạt được "
            "những kết quả tích cực.\n")
    assert meta_of(text).title == "Chỉ thị về tăng cường cải cách hành chính, chuyển đổi số"


def test_a_letters_subject_broken_over_lines_is_whole():
    """A letter printed to PDF from Word: the V/v cell under the number breaks the subject over two lines (held-out
    8); the title is the whole subject."""
    text = ("ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN\n_______\nSố: 2184/UBND-KT\nV/v đẩy mạnh triển khai\n"
            "Kế hoạch nâng cao năng suất lao động năm 2026\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\nLạng Sơn, ngày 27 tháng 10 năm 2026\nKính gửi:\n- Các sở, ban, ngành tỉnh;\n")
    assert meta_of(text).title == "Về việc đẩy mạnh triển khai Kế hoạch nâng cao năng suất lao động năm 2026"


def test_a_motto_split_over_two_lines_is_no_part_of_the_issuer():
    """A district's plan on a portal (openings 3) splits the header's lines: 'ỦY BAN NHÂN' / 'DÂN' / 'HUYỆN THĂNG
    BÌNH' and 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA' / 'VIỆT NAM': the issuer is the district's committee alone."""
    meta = meta_of("ỦY BAN NHÂN\nDÂN\nHUYỆN THĂNG BÌNH\n-------\nSố: 412/KH-UBND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA\n"
                   "VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\nThăng Bình, ngày\n14 tháng 11 năm 2023\n\n"
                   "KẾ HOẠCH\n\nThực hiện Chương trình xây dựng nông thôn mới năm 2024\n")
    assert (meta.issuer, meta.place, meta.number, meta.date) == (
        "Ủy ban nhân dân huyện Thăng Bình", "Thăng Bình", "412/KH-UBND", "2023-11-14")


@pytest.mark.parametrize("header", [
    "LIÊN ĐOÀN LAO ĐỘNG TỈNH SƠN LA\nSỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
    "LIÊN ĐOÀN LAO ĐỘNG TỈNH SƠN LA SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH",  # a crawled cell's lines run together
])
def test_a_joint_plan_is_issued_by_each_body_of_its_header(header):
    """A joint plan of a province's labour federation and its culture department (openings 3): *KẾ HOẠCH LIÊN
    TỊCH* is its kind, and both bodies of its header issue it."""
    meta = meta_of(f"{header}\n-------\nSố: 02/KHLT-LĐLĐ-SVHTTDL\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                   "Sơn La, ngày 18 tháng 02 năm 2025\n\nKẾ HOẠCH LIÊN TỊCH\n\nTổ chức Liên hoan văn nghệ quần chúng "
                   "năm 2025\n")
    assert (meta.kind, meta.doc_type, meta.issuer) == (
        "plan", "Kế hoạch liên tịch", "Liên đoàn Lao động tỉnh Sơn La và Sở Văn hóa, Thể thao và Du lịch tỉnh Sơn La")
