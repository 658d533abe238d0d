"""structure.find_sections: headings, levels, numbers, titles and extents on small texts."""

from __future__ import annotations

import pytest

from extractor.structure import find_sections

PLAN = """KẾ HOẠCH
NÂNG CAO NĂNG SUẤT

Thực hiện Quyết định số 36/QĐ-TTg ngày 11/01/2021 của Thủ tướng Chính phủ.

I. MỤC TIÊU, YÊU CẦU

1. Mục tiêu chung

- Đưa năng suất trở thành động lực.

2. Mục tiêu cụ thể

a) Mục tiêu đến năm 2025:

- Tối thiểu 15 doanh nghiệp.

b. Mục tiêu đến năm 2030:

III. KINH PHÍ THỰC HIỆN

1. Kinh phí thực hiện từ các nguồn: Ngân sách nhà nước.

2. Hằng năm, căn cứ vào nội dung kế hoạch được phê duyệt, Sở Khoa học và Công nghệ có trách nhiệm tổng hợp.

IV. TỔ CHỨC THỰC HIỆN

1. Sở Khoa học và Công nghệ:

- Là cơ quan thường trực.

Trên đây là Kế hoạch nâng cao năng suất.

Nơi nhận:
- Bộ Khoa học và Công nghệ;

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Nguyễn Thế Phước

PHỤ LỤC:

NỘI DUNG TRIỂN KHAI KẾ HOẠCH
(Ban hành kèm theo Kế hoạch số 114/KH-UBND ngày 11/5/2021 của Ủy ban nhân dân tỉnh Yên Bái)

Stt

Nội dung, nhiệm vụ

1

Tuyên truyền, giới thiệu nội dung của Kế hoạch

2

Nghiên cứu các yếu tố
"""

DECISION = """QUYẾT ĐỊNH
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
Điều 3. Chánh Văn phòng UBND tỉnh chịu trách nhiệm thi hành.
Nơi nhận:
- Như Điều 3;
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn A
KẾ HOẠCH
TỔNG THỂ NÂNG CAO NĂNG SUẤT
I. MỤC TIÊU
1. Mục tiêu chung
"""


@pytest.fixture(scope="module")
def plan():
    return {s.id: s for s in find_sections(PLAN)}


@pytest.mark.parametrize("sid,number,level,title", [
    ("I", "I", 1, "MỤC TIÊU, YÊU CẦU"),
    ("I.1", "1", 2, "Mục tiêu chung"),
    ("I.2", "2", 2, "Mục tiêu cụ thể"),
    ("I.2.a", "a", 3, "Mục tiêu đến năm 2025:"),
    ("I.2.b", "b", 3, "Mục tiêu đến năm 2030:"),
    ("III.1", "1", 2, "Kinh phí thực hiện từ các nguồn: Ngân sách nhà nước."),
    ("III.2", "2", 2, "Hằng năm, căn cứ vào nội dung kế hoạch được phê duyệt, Sở Khoa học và Công nghệ có trách nhiệm tổng hợp."),
    ("IV.1", "1", 2, "Sở Khoa học và Công nghệ:"),
])
def test_plan_headings(plan, sid, number, level, title):
    s = plan[sid]
    assert (s.number, s.level, s.title) == (number, level, title)


def test_section_ends_at_next_sibling(plan):
    a, b = plan["I.2.a"], plan["I.2.b"]
    assert a.end <= b.start
    assert PLAN[a.start:a.end].endswith("Tối thiểu 15 doanh nghiệp.")
    assert plan["I"].end <= plan["III"].start
    assert "III. KINH PHÍ" not in PLAN[plan["I"].start:plan["I"].end]


def test_section_stops_at_closing_block(plan):
    body = PLAN[plan["IV"].start:plan["IV"].end]
    assert "Trên đây là" not in body and "Nơi nhận" not in body


def test_appendix_level_one_and_table_numbers_not_headings(plan):
    pl = [s for s in plan.values() if s.id.startswith("PL")]
    assert len(pl) == 1 and pl[0].level == 1
    assert "NỘI DUNG TRIỂN KHAI KẾ HOẠCH" in pl[0].title
    assert not any(s.id.startswith("PL.") for s in plan.values())


def test_bullets_and_signature_not_sections(plan):
    titles = " ".join(s.title for s in plan.values())
    assert "Đưa năng suất" not in titles and "CHỦ TỊCH" not in titles


def test_offsets_point_at_heading_lines(plan):
    for s in plan.values():
        assert 0 <= s.start <= s.end <= len(PLAN)
        if s.number:
            assert PLAN[s.start:].startswith(s.number)


def test_news_without_numbering_has_no_sections():
    text = "Bình Dương phát triển khoa học công nghệ\n\nNgày 25 tháng 3 năm 2022, UBND tỉnh ban hành Chương trình."
    assert find_sections(text) == []


def test_decision_articles_and_attached_plan():
    secs = find_sections(DECISION)
    by_num = [(s.id, s.level) for s in secs]
    assert ("D1", 1) in by_num and ("D3", 1) in by_num
    d3 = next(s for s in secs if s.id == "D3")
    assert "Nơi nhận" not in DECISION[d3.start:d3.end]
    roman = next(s for s in secs if s.number == "I")
    assert roman.level == 1
    assert any(s.number == "1" and s.level == 2 for s in secs)


@pytest.mark.parametrize("line,number,title", [
    ("Chương II. QUY ĐỊNH CHUNG", "II", "QUY ĐỊNH CHUNG"),
    ("PHẦN I. ĐÁNH GIÁ", "I", "ĐÁNH GIÁ"),
    ("II- NHIỆM VỤ", "II", "NHIỆM VỤ"),
    ("1.2. Nội dung hỗ trợ", "1.2", "Nội dung hỗ trợ"),
    ("đ) Nhiệm vụ khác", "đ", "Nhiệm vụ khác"),
    ("4/ Kinh phí thực hiện", "4", "Kinh phí thực hiện"),
    ("c/ Nhiệm vụ khác", "c", "Nhiệm vụ khác"),
])
def test_heading_forms(line, number, title):
    secs = find_sections(line + "\nNội dung.\n")
    assert secs and (secs[0].number, secs[0].title) == (number, title)


@pytest.mark.parametrize("line", ["1", "2021 - 2030", "- a) gạch đầu dòng", "Chương trình hỗ trợ doanh nghiệp"])
def test_not_headings(line):
    assert find_sections(line + "\nNội dung.\n") == []


def test_chapter_title_on_next_line():
    secs = find_sections("Chương I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi điều chỉnh\n1. Khoản một\n")
    assert secs[0].title == "QUY ĐỊNH CHUNG" and secs[0].level == 1
    assert [s.level for s in secs] == [1, 2, 3]


def test_caps_table_head_in_appendix_is_not_a_section():
    text = ("I. MỤC TIÊU\n1. Mục tiêu chung\nPHỤ LỤC I\nDANH MỤC NHIỆM VỤ\nNỘI DUNG CÔNG VIỆC\nĐƠN VỊ CHỦ TRÌ\n"
            "Tuyên truyền\nSở Khoa học và Công nghệ\n")
    secs = find_sections(text)
    assert [s.id for s in secs] == ["I", "I.1", "PLI"]
    assert secs[-1].title == "PHỤ LỤC I: DANH MỤC NHIỆM VỤ" and secs[-1].end == len(text.rstrip())


def test_unnumbered_caps_title_after_numbered_heading():
    text = "Điều 1. Ban hành Kế hoạch.\nĐiều 2. Hiệu lực.\nKẾ HOẠCH\nNÂNG CAO NĂNG SUẤT\nI. MỤC TIÊU\n"
    secs = find_sections(text)
    caps = [s for s in secs if s.number is None]
    assert len(caps) == 1 and caps[0].title == "KẾ HOẠCH NÂNG CAO NĂNG SUẤT" and caps[0].level == 1
