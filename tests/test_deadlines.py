"""Deadlines: each kind of time phrase, noun-phrase 'hằng năm', and the governing phrase of a bullet."""

import pytest

from extractor.deadlines import find_deadline, locate_deadline


def _dl(text, cell=False):
    d = find_deadline(text, cell=cell)
    return None if d is None else (d.kind, d.start, d.end, d.date)


@pytest.mark.parametrize("cell,want", [
    ("Năm 2021", ("year", None, 2021, None)),
    ("Năm 2021-2030", ("range", 2021, 2030, None)),
    ("giai đoạn 2021 - 2025", ("range", 2021, 2025, None)),
    ("2021-2025", ("range", 2021, 2025, None)),
    ("2021 – 2025", ("range", 2021, 2025, None)),
    ("Từ năm 2021", ("from", 2021, None, None)),
    ("Hàng năm", ("recurring", None, None, None)),
    ("Hằng năm", ("recurring", None, None, None)),
    ("Định kỳ", ("recurring", None, None, None)),
    ("Định kỳ hàng năm", ("recurring", None, None, None)),
    ("Định kỳ hoặc đột xuất", ("recurring", None, None, None)),
    ("Theo từng năm", ("recurring", None, None, None)),  # 893/QĐ-TTg's time cell
    ("trước ngày 20 hằng tháng", ("recurring", None, None, None)),  # a monthly due date (308/KH-UBND of Hà Nội)
    ("Hằng quý", ("recurring", None, None, None)),
    ("Hàng tháng", ("recurring", None, None, None)),
    ("Thường xuyên", ("recurring", None, None, None)),
    ("trước ngày 30/6/2022", ("date", None, None, "2022-06-30")),
    ("trước ngày 30 tháng 6 năm 2022", ("date", None, None, "2022-06-30")),
    ("31/12/2021", ("date", None, None, "2021-12-31")),
    # a quarter, month or half year is no single day: kind year, the period's last day as extra
    ("Quý IV/2021", ("year", None, 2021, "2021-12-31")),
    ("quý III năm 2022", ("year", None, 2022, "2022-09-30")),
    ("trong Quý IV/2022", ("year", None, 2022, "2022-12-31")),
    ("Tháng 6/2022", ("year", None, 2022, "2022-06-30")),
    ("trước tháng 12 năm 2021", ("year", None, 2021, "2021-12-31")),
    ("6 tháng đầu năm 2022", ("year", None, 2022, "2022-06-30")),
    ("Sáu tháng cuối năm 2023", ("year", None, 2023, "2023-12-31")),
    ("Quý I/2022 - Quý IV/2025", ("range", 2022, 2025, None)),
    ("Từ tháng 6/2022 đến tháng 12/2023", ("range", 2022, 2023, None)),
    ("Quý I/2022 - Quý III/2022", ("year", None, 2022, None)),
    ("Năm 2022 và các năm tiếp theo", ("from", 2022, None, None)),
    ("Từ năm 2023 và những năm tiếp theo", ("from", 2023, None, None)),
    ("cuối năm 2025", ("year", None, 2025, None)),
    ("trong năm 2022", ("year", None, 2022, None)),
    ("đến năm 2025", ("year", None, 2025, None)),
    ("Từ năm 2021 đến năm 2025", ("range", 2021, 2025, None)),
])
def test_time_cell_kinds(cell, want):
    assert _dl(cell, cell=True) == want


@pytest.mark.parametrize("text,phrase", [
    # 'hằng năm' describing the tasks is no deadline; the later 'Định kỳ báo cáo' is
    ("Chủ trì, phối hợp với các sở, ban, ngành liên quan triển khai kế hoạch; lồng ghép, triển khai các nhiệm vụ "
     "khoa học và công nghệ hằng năm; hướng dẫn thực hiện các văn bản. Định kỳ báo cáo kết quả thực hiện kế hoạch "
     "theo quy định.", "Định kỳ"),
    ("Chủ trì, phối hợp với các phòng, ban lồng ghép, triển khai các nhiệm vụ khoa học và công nghệ hàng năm để hỗ "
     "trợ doanh nghiệp nâng cao năng suất trên nền tảng khoa học, công nghệ và đổi mới sáng tạo từ năm 2021.",
     "từ năm 2021"),
    ("Hằng năm, căn cứ vào nội dung kế hoạch được phê duyệt, Sở Khoa học và Công nghệ có trách nhiệm tổng hợp",
     "Hằng năm"),
    ("Chủ trì, phối hợp với Sở Khoa học và Công nghệ sử dụng, khai thác dữ liệu; định kỳ hàng năm cập nhật, bổ sung "
     "thông tin, dữ liệu.", "định kỳ hàng năm"),
    ("Tham mưu tổ chức sơ kết, tổng kết việc thực hiện Kế hoạch. Định kỳ hoặc đột xuất tổng hợp, báo cáo Sở Khoa "
     "học và Công nghệ", "Định kỳ hoặc đột xuất"),
    ("Hàng năm phối hợp với Phòng Kinh tế xây dựng các chương trình truyền thông", "Hàng năm"),
    ("tổ chức các hoạt động tôn vinh, khen thưởng tập thể trong cộng đồng doanh nghiệp hằng năm.", "hằng năm"),
    ("Xây dựng kế hoạch của địa phương, hoàn thành trong Quý III/2021.", "trong Quý III/2021"),
    # a completion time after a plan noun still times the task
    ("Chủ trì, phối hợp với Sở Tài chính bố trí kinh phí thực hiện, hoàn thành trong năm 2023.",
     "hoàn thành trong năm 2023"),
    ("Xây dựng kế hoạch thực hiện trong năm 2023.", "trong năm 2023"),
    ("Xây dựng kế hoạch triển khai trong quý III/2023.", "trong quý III/2023"),
    ("Rà soát các nhiệm vụ, hoàn thành trước 31/12/2023.", "hoàn thành trước 31/12/2023"),
    ("Gửi báo cáo kết quả thực hiện kế hoạch chậm nhất ngày 15/11/2022.", "chậm nhất ngày 15/11/2022"),
    ("Trình dự thảo Đề án, hoàn thành đến năm 2025.", "đến năm 2025"),
])
def test_governing_phrase(text, phrase):
    hit = locate_deadline(text)
    assert hit is not None and hit.deadline.text == phrase
    assert text[hit.start:hit.end] == phrase


@pytest.mark.parametrize("text", [
    "lồng ghép, triển khai các nhiệm vụ khoa học và công nghệ hằng năm; hướng dẫn thực hiện",
    "Ban hành các kế hoạch đưa vào sử dụng các dự án của Đề án xây dựng mô hình đô thị thông minh giai đoạn "
    "2019-2021 định hướng đến năm 2025 và xây dựng chính quyền điện tử",
    "Triển khai Kế hoạch số 4363/KH-UBND ngày 07/9/2020 của UBND tỉnh",
    "Tham mưu Ủy ban nhân dân tỉnh cân đối, bố trí kinh phí để thực hiện các nhiệm vụ của kế hoạch",
])
def test_no_deadline(text):
    assert find_deadline(text) is None


@pytest.mark.parametrize("cell,end,date", [
    ("6/2025", 2025, "2025-06-30"),      # 03/NQ-CP's Thời gian hoàn thành cells (tests/real-group8)
    ("12/2028", 2028, "2028-12-31"),
    ("06/2025", 2025, "2025-06-30"),
])
def test_month_and_year_alone_in_a_time_cell(cell, end, date):
    dl = find_deadline(cell, cell=True)
    assert dl is not None and (dl.end, dl.date) == (end, date)


def test_month_and_year_inside_a_date_or_number_is_no_month():
    assert find_deadline("ngày 15/6/2025", cell=True).date == "2025-06-15"
    assert find_deadline("Nghị định số 6/2025/NĐ-CP", cell=True) is None


@pytest.mark.parametrize("cell, start", [
    ("Từ quý I/2027", 2027),  # Quyết định 844/QĐ-TTg's task table (tests/real-group3)
    ("Từ quý II/2027", 2027),
    ("Từ tháng 8/2023", 2023),  # Nghị quyết 175/NQ-CP's task table (tests/real-group5)
    ("từ Quý IV/2024", 2024),
])
def test_a_start_given_by_its_quarter_or_month_has_no_end(cell, start):
    d = find_deadline(cell, cell=True)
    assert d is not None and (d.kind, d.start, d.end) == ("from", start, None)


@pytest.mark.parametrize("text, end", [
    ("Trước năm 2025", 2024),  # Nghị quyết 175/NQ-CP's task table (tests/real-group5): by the end of 2024
    ("Hoàn thiện hệ thống công nghệ thông tin, hoàn thành trước năm 2025", 2024),
    ("đến năm 2025", 2025),
])
def test_before_a_year_ends_with_the_year_before(text, end):
    d = find_deadline(text, cell=True)
    assert d is not None and (d.kind, d.end) == ("year", end)


def test_years_listed_span_from_the_first_to_the_last():
    """Nghị quyết 175/NQ-CP's task table (tests/real-group5): 'Trong năm 2023, 2024'."""
    d = find_deadline("Trong năm 2023, 2024", cell=True)
    assert d is not None and (d.kind, d.start, d.end) == ("range", 2023, 2024)


@pytest.mark.parametrize("cell", ["Từ 01/7/2025", "Giai đoạn 2026-2030 và những năm tiếp theo"])
def test_a_start_on_a_day_or_a_period_going_on(cell):
    """Kế hoạch 141/KH-UBND of Bắc Ninh (tests/real-final), time cells of its task table: a start, no end."""
    d = find_deadline(cell, cell=True)
    assert d is not None and d.kind == "from" and d.end is None


def test_a_due_date_outranks_the_period_reported_on():
    """Công văn 2315 of Tuyên Quang (held-out 4): the task reports on 2022 and is due on 15 June 2023; a period that
    ends before a later due date is what the task reports on, and a time cell is read as written."""
    text = ("có trách nhiệm đánh giá kết quả triển khai Kế hoạch số 92/KH-UBND trong năm 2022 và 5 tháng đầu năm 2023 "
            "(theo đề cương gửi kèm), gửi về Sở Khoa học và Công nghệ trước ngày 15/6/2023.")
    due = find_deadline(text)
    assert due is not None and (due.kind, due.date) == ("date", "2023-06-15")
    assert find_deadline("Hoàn thành trong năm 2025; báo cáo trước ngày 15/12/2025.").end == 2025
