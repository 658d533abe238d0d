"""Task tables grouped by their lead body, whose merged lead cell gazette text prints once, in the middle of
the group's unnumbered rows. Real lines of Nghị quyết 175/NQ-CP, Phụ lục I, II. NHIỆM VỤ CỤ THỂ
(tests/real-group5)."""

from __future__ import annotations

from pathlib import Path

from extractor.pipeline import extract_file

HERE = Path(__file__).resolve().parent


def _excerpt(stop: str) -> str:
    lines = (HERE / "real-group5" / "chinhphu-175-nq-cp-2023.txt").read_text(encoding="utf-8").split("\n")
    start = next(k for k, ln in enumerate(lines) if ln.strip() == "II. NHIỆM VỤ CỤ THỂ")
    end = next(k for k in range(start, len(lines)) if lines[k].strip() == stop)
    head = "CHÍNH PHỦ\n\nSố: 175/NQ-CP Hà Nội, ngày 30 tháng 10 năm 2023\n\nNGHỊ QUYẾT\n\nVề Đề án\n\n"
    return head + "\n".join(lines[start:end]) + "\n"


def test_each_group_label_leads_the_rows_around_it(tmp_path):
    """'1 / Bộ Thông tin và / Truyền thông' stands after three of its five rows, '2 / Bộ Công an' after four of
    its eight, '3 / Bộ Kế hoạch và / Đầu tư' just before its one row. Where the text layer prints a merged
    cell depends on page breaks and row heights: the rows are counted, and the last row of Bộ Công an (whose
    time cell holds no time, 'Bộ Công an xây dựng kế hoạch triển khai') goes to the next group."""
    path = tmp_path / "nq-175.txt"
    path.write_text(_excerpt("4"), encoding="utf-8")
    rec = extract_file(path)
    leads = [o.lead[0] for o in rec.obligations]
    assert len(leads) == 14  # every row, the one whose time cell holds no time included
    assert leads[:12] == ["Bộ Thông tin và Truyền thông"] * 5 + ["Bộ Công an"] * 7
    assert rec.obligations[-1].task.startswith("Trình cấp có thẩm quyền bổ sung các dự án đầu tư")
    assert leads[-1] == "Bộ Kế hoạch và Đầu tư"  # (the 13th row, Bộ Công an's last, is still given to it)
    first = rec.obligations[0]
    assert first.task.startswith("Tham mưu Chính phủ ban hành Nghị định quy định danh mục cơ sở dữ liệu quốc gia")
    assert first.support == ["Bộ Tư pháp", "Văn phòng Chính phủ", "Bộ Công an"]
    assert first.deadline is not None and first.deadline.text == "Quý IV/2023"
    for o in rec.obligations:
        assert rec.text[o.span[0]:o.span[1]] == o.quote


def test_supporting_bodies_written_unnumbered_on_their_own_line(tmp_path):
    """A row whose only supporting body stands on its own line, with no '(1)' ('Ban hành hoặc trình cấp có thẩm
    quyền ban hành Khung kiến trúc Chính phủ điện tử 3.0' / 'Văn phòng Chính phủ' / 'Quý IV/2023'): the body is
    the support, not the end of the task."""
    path = tmp_path / "nq-175.txt"
    path.write_text(_excerpt("4"), encoding="utf-8")
    row = next(o for o in extract_file(path).obligations if "Khung kiến trúc" in o.task)
    assert row.task.endswith("Khung kiến trúc Chính phủ điện tử 3.0")
    assert row.lead == ["Bộ Thông tin và Truyền thông"]
    assert row.support == ["Văn phòng Chính phủ"]
    assert row.deadline is not None and row.deadline.text == "Quý IV/2023"
