"""Indicator tables of gazette text whose cells wrap over lines: the header cells ('CƠ QUAN CHỦ' / 'TRÌ, THEO
DÕI'), the indicator, its value and the lead and support cells of each row, each over several lines. Real lines
of Nghị quyết 109/NQ-CP, Phụ lục I (tests/real-group6)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from extractor.appendix import Cell, _cells_run_on, find_tables
from extractor.indicator_tables import _parts
from extractor.pipeline import extract_file

HERE = Path(__file__).resolve().parent


@cache
def _real(folder: str, name: str):
    """The record of a whole gazette text of a real gold set, read once for the tests that look at its rows."""
    return extract_file(HERE / folder / f"{name}.txt")


def _group3(name: str):
    """The record of a whole gazette text of tests/real-group3."""
    return _real("real-group3", name)


def _row(rec, task_start: str):
    """The one obligation of `rec` whose task opens with `task_start`."""
    (row,) = [o for o in rec.obligations if o.task.startswith(task_start)]
    return row


def _appendix() -> str:
    """The resolution's opening and its Phụ lục I up to row 5, lines as the gazette text has them."""
    lines = (HERE / "real-group6" / "chinhphu-109-nq-cp-2026.txt").read_text(encoding="utf-8").split("\n")
    start = next(k for k, ln in enumerate(lines) if ln.strip() == "Phụ lục I")
    end = next(k for k in range(start, len(lines)) if lines[k].strip() == "5")
    head = "CHÍNH PHỦ\n\nSố: 109/NQ-CP Hà Nội, ngày 16 tháng 4 năm 2026\n\nNGHỊ QUYẾT\n\nBan hành Chương trình hành động\n\n"
    return head + "\n".join(lines[start:end]) + "\n"


APPENDIX = _appendix()


def test_a_header_whose_cells_wrap_is_read_whole():
    (table,) = find_tables(APPENDIX)
    assert table.columns == ["number", "task", "other", "lead", "support"] and table.wrapped


def test_each_row_is_an_obligation_with_its_numbered_lead_bodies(tmp_path):
    path = tmp_path / "nq-109.txt"
    path.write_text(APPENDIX, encoding="utf-8")
    rec = extract_file(path)
    rows = [(o.task, o.lead, o.support[:1]) for o in rec.obligations]
    assert rows == [
        ("Tốc độ tăng trưởng GDP bình quân/năm (%)", ["Bộ Tài chính", "Các bộ, cơ quan, địa phương",
                                                      "các tập đoàn, tổng công ty, doanh nghiệp nhà nước"],
         ["Các đơn vị có liên quan"]),
        ("GDP bình quân đầu người đến năm 2030 (USD)", ["Bộ Tài chính", "Các bộ, cơ quan, địa phương",
                                                        "các tập đoàn, tổng công ty, doanh nghiệp nhà nước"],
         ["Các đơn vị có liên quan"]),
        ("Tốc độ tăng chỉ số sản xuất công nghiệp bình quân hằng năm (IIP) (%)", ["Bộ Công Thương"], ["Bộ Tài chính"]),
        ("Tỉ lệ nội địa hóa một số ngành công nghiệp chủ lực đến năm 2030 (%)", ["Bộ Công Thương"], ["Bộ Tài chính"]),
    ]
    for o in rec.obligations:
        assert rec.text[o.span[0]:o.span[1]] == o.quote


def test_each_row_value_is_a_target_with_the_unit_of_its_indicator(tmp_path):
    path = tmp_path / "nq-109.txt"
    path.write_text(APPENDIX, encoding="utf-8")
    rec = extract_file(path)
    got = sorted((t.comparator, t.value, t.value_max, t.unit, t.year) for t in rec.targets)
    assert got == sorted([(">=", 10, None, "%", 2030), ("=", 8500, None, "USD", 2030), ("range", 11, 12, "%", 2030),
                          ("range", 40, 45, "%", 2030)])


def test_a_row_run_onto_one_line_is_cut_back_into_its_cells():
    line = ("Tốc độ tăng chỉ số sản xuất công nghiệp bình quân hằng năm (IIP) (%) 11 - 12 Bộ Công Thương Bộ Tài chính, "
            "các bộ, cơ quan, địa phương, Tập đoàn kinh tế, Tổng công ty và các đơn vị có liên quan")
    assert [c.text for c in _cells_run_on(Cell(0, len(line), line))] == [
        "Tốc độ tăng chỉ số sản xuất công nghiệp bình quân hằng năm (IIP) (%)", "11 - 12", "Bộ Công Thương",
        "Bộ Tài chính, các bộ, cơ quan, địa phương, Tập đoàn kinh tế, Tổng công ty và các đơn vị có liên quan"]


def _excerpt(name: str, first: str, stop: str) -> str:
    """The resolution's opening and the lines of `name` from the line `first` to the line before `stop`."""
    lines = (HERE / "real-group7" / f"{name}.txt").read_text(encoding="utf-8").split("\n")
    start = next(k for k, ln in enumerate(lines) if ln.strip() == first)
    end = next(k for k in range(start + 1, len(lines)) if lines[k].strip() == stop)
    head = "CHÍNH PHỦ\n\nSố: 109/NQ-CP Hà Nội, ngày 16 tháng 4 năm 2026\n\nNGHỊ QUYẾT\n\nBan hành Chương trình hành động\n\n"
    return head + "\n".join(lines[start:end]) + "\n"


def test_a_targets_table_with_unnamed_header_cells_and_sub_rows(tmp_path):
    """Phụ lục II of Nghị quyết 109/NQ-CP: 'NGÀNH, LĨNH VỰC/ ĐỊA PHƯƠNG | TỐC ĐỘ BÌNH QUÂN 2026 - 2030 (%/NĂM) |
    CƠ QUAN CHỦ TRÌ, THEO DÕI | CƠ QUAN PHỐI HỢP'; rows with sub-rows ('- Công nghiệp', 'Trong đó: …') whose
    figures are in the header's unit."""
    path = tmp_path / "pl2.txt"
    path.write_text(_excerpt("chinhphu-109-nq-cp-2026-pl2", "Phụ lục II", "3"), encoding="utf-8")
    rec = extract_file(path)
    assert [(o.task, o.lead) for o in rec.obligations] == [
        ("Khu vực nông, lâm nghiệp và thủy sản", ["Bộ Nông nghiệp và Môi trường"]),
        ("Công nghiệp", ["Bộ Công Thương"]),
        ("Trong đó: Công nghiệp chế biến, chế tạo", ["Bộ Công Thương"]),
        ("Xây dựng", ["Bộ Xây dựng"])]
    assert sorted((t.value, t.unit, t.year) for t in rec.targets) == [  # the country's row first ('Cả nước' / '≥ 10,0')
        (3.6, "%/năm", 2030), (10, "%/năm", 2030), (11.8, "%/năm", 2030), (12.3, "%/năm", 2030),
        (12.4, "%/năm", 2030), (14.5, "%/năm", 2030)]


def test_a_task_table_whose_time_column_comes_before_the_bodies(tmp_path):
    """Phụ lục III of Nghị quyết 109/NQ-CP: 'NHIỆM VỤ | THỜI HẠN HOÀN THÀNH | CƠ QUAN CHỦ TRÌ | CƠ QUAN PHỐI HỢP',
    a row run onto one line by normalizing ('… kỷ nguyên mới Tháng 12/2026 Bộ Tư pháp Các bộ, …') included."""
    path = tmp_path / "pl3.txt"
    path.write_text(_excerpt("chinhphu-109-nq-cp-2026-pl3", "Phụ lục III", "4"), encoding="utf-8")
    rec = extract_file(path)
    assert [(o.lead, o.deadline and (o.deadline.text, o.deadline.date)) for o in rec.obligations] == [
        (["Bộ Tư pháp"], ("Tháng 12/2026", "2026-12-31")), (["Bộ Tư pháp"], ("Tháng 12/2026", "2026-12-31")),
        (["Bộ Nông nghiệp và Môi trường"], ("Quý IV/2026", "2026-12-31"))]


def _task_table_982() -> str:
    """982/QĐ-TTg's task table (Công báo text, tests/real-group4) from row 2.8 to row 4.3: an inline group row
    ('3. Tăng cường …', '4. Hỗ trợ …'), support cells one body a line, a page break and its repeated header."""
    lines = (HERE / "real-group4" / "ttg-982-qd-ttg-2026.txt").read_text(encoding="utf-8").split("\n")
    start = next(k for k, ln in enumerate(lines) if ln.strip() == "2.8")
    end = next(k for k in range(start, len(lines)) if lines[k].strip() == "4.4")
    head = ("THỦ TƯỚNG CHÍNH PHỦ\n\nSố: 982/QĐ-TTg Hà Nội, ngày 01 tháng 6 năm 2026\n\nQUYẾT ĐỊNH\n\n"
            "TT \nNhiệm vụ, giải pháp \nCơ quan  \nchủ trì \nCơ quan \n phối hợp \nSản phẩm  \nThời gian  \nthực hiện \n")
    return head + "\n".join(lines[start:end]) + "\n"


def test_task_rows_under_inline_group_rows_with_support_listed_a_body_a_line(tmp_path):
    path = tmp_path / "qd-982.txt"
    path.write_text(_task_table_982(), encoding="utf-8")
    rec = extract_file(path)
    rows = [(o.task[:30], o.lead, o.support, o.deadline.text if o.deadline else None) for o in rec.obligations]
    # 3.1, under '3. Tăng cường …'; its support cell goes on over the page break, after the repeated header;
    # its time cell is the row's last line before the break (the gold's Quý IV/2026)
    assert ("Nghiên cứu, sửa đổi, bổ sung c", ["Bộ Khoa học và Công nghệ"],
            ["Bộ Tài chính", "Ủy ban nhân dân các thành phố trực thuộc Trung ương"], "Quý IV/2026") in rows
    assert ("Ban hành các chính sách hỗ trợ", ["Bộ Tài chính"],  # 3.3
            ["Bộ Khoa học và Công nghệ", "Cơ quan, tổ chức, doanh nghiệp liên quan"], "Quý I/2027") in rows
    assert ("Xây dựng, công bố Bộ nhận diện", ["Bộ Khoa học và Công nghệ"],  # 4.1, under '4. Hỗ trợ …'
            ["Cơ quan, tổ chức và doanh nghiệp liên quan"], "Quý III/2026") in rows
    assert ("Tổ chức truyền thông quốc tế (", ["Bộ Văn hóa, Thể thao và Du lịch"],  # 4.2
            ["Bộ Khoa học và Công nghệ", "Cơ quan, tổ chức, địa phương, doanh nghiệp liên quan"], "thường xuyên") in rows
    assert len(rows) == 9  # 2.8 to 4.3
    for o in rec.obligations:
        assert rec.text[o.span[0]:o.span[1]] == o.quote


def test_rows_numbered_inline_after_a_repeated_header_and_a_time_cell_after_an_empty_result():
    """97/NQ-CP (Công báo text, tests/real): after the header repeated on a new page the rows open inline
    ('13  Xây dựng, …') and their numbers go on ('14  …', then '15' alone); a row's result cell ran into its
    support cell, so its time line ('Tháng' / '6/2026') follows the support line directly."""
    text = (HERE / "real" / "chinhphu-97-nq-cp-2026.txt").read_text(encoding="utf-8")
    path = Path(__file__).resolve().parent / "real" / "chinhphu-97-nq-cp-2026.txt"
    rec = extract_file(path)
    rows = {o.task: (o.lead, o.support, o.deadline.text if o.deadline else None) for o in rec.obligations}
    assert rows["Xây dựng, hoàn thiện thể chế về công tác kiểm soát thủ tục hành chính"] == (
        ["Bộ Tư pháp"], ["Các bộ, cơ quan ngang bộ"], "Tháng 6/2026")
    assert rows["Xây dựng, vận hành Cơ sở dữ liệu quốc gia về thủ tục hành chính"] == (
        ["Bộ Tư pháp"], ["Các bộ, cơ quan ngang bộ"], "Tháng 3/2026")
    assert "13  Xây dựng, hoàn thiện thể chế về công tác" in text


def test_a_header_whose_last_cell_a_continued_row_ran_onto_keeps_its_time_column():
    """982/QĐ-TTg, Công báo: on a new page the repeated header's last cell took the lower-case lines of the row
    going on from the page before ('Thời gian thực hiện sở, tiêu chuẩn quốc gia …'); the column is still time."""
    text = ("TT\nNhiệm vụ, giải pháp\nCơ quan chủ trì\nCơ quan phối hợp\nSản phẩm\n"
            "Thời gian thực hiện sở, tiêu chuẩn quốc gia và quy chuẩn kỹ thuật quốc gia cho các nhóm sản phẩm.\n"
            "1.5\nTăng cường năng lực hạ tầng chất lượng quốc gia (NQI).\nBộ Khoa học và Công nghệ\n"
            "Cơ quan, tổ chức và doanh nghiệp liên quan\nQuyết định Bộ trưởng\nQuý IV/2026\n")
    (table,) = find_tables(text)
    assert table.columns == ["number", "task", "lead", "support", "other", "time"]


def test_a_target_in_a_wrapped_task_row_takes_the_year_of_its_time_cell():
    """109/NQ-CP, Phụ lục III (tests/real-group7): a task cell over seven lines, its time cell 'Quý II/2026'
    before the bodies; each rate the task sets is a target of 2026 (ANNOTATION.md: an appendix row's year is
    the end of its Thời gian period), the cut in time and the cut in compliance costs two targets."""
    rec = extract_file(HERE / "real-group7" / "chinhphu-109-nq-cp-2026-pl3.txt")
    row = [(t.value, t.year) for t in rec.targets if t.quote.startswith("Hoàn thành việc cắt giảm 50%")]
    assert sorted(row) == [(30, 2026), (50, 2026), (50, 2026), (100, 2026)]


def test_a_lead_cut_by_a_page_break_completes_to_its_name():
    """982/QĐ-TTg, Công báo (tests/real-group4): row 1.4 broke at a page, its cells' first lines before the break
    ('Bộ Khoa học và' / 'Cơ quan, tổ chức'), the rest after the repeated header ('Công nghệ'); the cut lead is the
    one ministry it begins, not run into the support cell below it."""
    rec = extract_file(HERE / "real-group4" / "ttg-982-qd-ttg-2026.txt")
    row = next(o for o in rec.obligations if o.task.startswith("Nghiên cứu xây dựng tiêu chuẩn cơ"))
    assert row.lead == ["Bộ Khoa học và Công nghệ"]
    assert not any("và Cơ quan" in b for o in rec.obligations for b in o.lead + o.support)


def test_a_rank_value_and_a_year_wrapped_under_its_indicator(tmp_path):
    """109/NQ-CP's Phụ lục I (tests/real-group6): 'Chỉ số năng lực cạnh tranh công nghiệp (CIP) đến năm' / '2030' /
    'Thuộc nhóm' / '3 nước dẫn' / 'đầu ASEAN': the year ends the indicator's horizon, the rank is the value; 'Số
    đặc khu kinh tế đến năm' / '2030' / '3' likewise."""
    rec = extract_file(HERE / "real-group6" / "chinhphu-109-nq-cp-2026.txt")
    got = {(t.value, t.unit, t.year) for t in rec.targets if "(CIP)" in t.indicator or "đặc khu kinh tế" in t.indicator}
    assert got == {(3, "Top", 2030), (3, None, 2030)}


def test_a_value_run_onto_its_locality_and_a_footnote_mark_is_no_unit(tmp_path):
    """109/NQ-CP's Phụ lục II (tests/real-group7): 'Thành phố Hải Phòng 13,0 - 14,0' (the value cell joined to the
    name at the line's end) is that province's range; 'Thành phố Hồ Chí' / 'Minh(*)' / '10,0' keeps the header's
    unit, the bracket being a footnote mark."""
    rec = extract_file(HERE / "real-group7" / "chinhphu-109-nq-cp-2026-pl2.txt")
    by_place = {t.indicator: (t.comparator, t.value, t.value_max, t.unit) for t in rec.targets}
    assert by_place["Thành phố Hải Phòng"] == ("range", 13, 14, "%/năm")
    assert by_place["Thành phố Hồ Chí Minh"] == ("=", 10, None, "%/năm")


def test_an_approval_level_column_and_the_time_cell_after_the_bodies(tmp_path):
    """893/QĐ-TTg in gazette text (tests/real-final), Phụ lục: a 'Cấp phê duyệt' column (the officer who approves,
    a body-like cell) stands between the bodies and 'Tiến độ thực hiện'; the time line closes the row."""
    text = ("QUYẾT ĐỊNH\n\nPhụ lục \nDANH MỤC NHIỆM VỤ TRỌNG TÂM \nSTT \nNhiệm vụ \nCơ quan chủ trì \nĐơn vị phối hợp \n"
            "(Bộ/ngành/địa phương) \nCấp phê duyệt \nTiến độ \nthực hiện \n1 \nĐiều tra, đánh giá nhu cầu đào \n"
            "tạo, bồi dưỡng nhân lực trong lĩnh vực năng lượng \nnguyên tử \nBộ Khoa học và \nCông nghệ \n"
            "Các bộ, ngành và          \nđịa phương \nBộ trưởng Bộ \nKhoa học và \nCông nghệ \nHằng năm \n \n2 \n"
            "Ban hành khung chương trình \nđào tạo, bồi dưỡng đối với nhân \nlực quản lý nhà nước \nBộ Khoa học và \n"
            "Công nghệ \nBộ Giáo dục và Đào tạo \nvà các bộ, ngành, địa \nphương có liên quan \nBộ trưởng Bộ \n"
            "Khoa học và \nCông nghệ \n \n2026 - 2027 \n")
    path = tmp_path / "qd-893.txt"
    path.write_text(text, encoding="utf-8")
    rows = [(o.lead, o.deadline.text if o.deadline else None) for o in extract_file(path).obligations]
    assert rows == [(["Bộ Khoa học và Công nghệ"], "Hằng năm"), (["Bộ Khoa học và Công nghệ"], "2026 - 2027")]


def test_a_time_cell_that_opens_with_its_phrase_after_cells_that_wrapped(tmp_path):
    """100/NQ-CP in gazette text (tests/real-final), Phụ lục row 1: the support cell wraps ('… Ủy ban Công tác về
    các tổ chức' / 'PCPNN,' / 'VTV, VOV,' / 'TTXVN'), the product cell over two lines, and the time cell opens with
    its phrase then explains it ('Thực hiện thường xuyên, lồng ghép …')."""
    text = ("NGHỊ QUYẾT\n\nPhụ lục\nNHIỆM VỤ CỤ THỂ\n\nTT \nNhiệm vụ \nCơ quan chủ trì \nCơ quan phối hợp \nSản phẩm \n"
            "Thời gian hoàn thành \n1.  \nTổ chức tuyên truyền, phổ biến, quán triệt thường xuyên, sâu rộng về nội "
            "dung của Chỉ thị. \nBộ Ngoại giao \nCác Bộ, ngành, địa phương, Ủy ban Công tác về các tổ chức \nPCPNN, \n"
            "VTV, VOV, \nTTXVN \nHội nghị, tập huấn, báo cáo. Bảo đảm \n100% cán bộ, đảng viên được quán triệt. \n"
            "Thực hiện thường xuyên, lồng ghép trong nhiệm vụ thường xuyên về tuyên truyền trong công tác an ninh, "
            "chính trị, đối ngoại. \n")
    path = tmp_path / "nq-100.txt"
    path.write_text(text, encoding="utf-8")
    (ob,) = extract_file(path).obligations
    assert ob.lead == ["Bộ Ngoại giao"]
    assert ob.support == ["Các Bộ, ngành, địa phương", "Ủy ban Công tác về các tổ chức phi chính phủ nước ngoài",
                          "Đài Truyền hình Việt Nam", "Đài Tiếng nói Việt Nam", "Thông tấn xã Việt Nam"]
    assert ob.deadline is not None and ob.deadline.kind == "recurring"


NQ_100_ROW = """CHÍNH PHỦ

Số: 100/NQ-CP Hà Nội, ngày 06 tháng 4 năm 2026

NGHỊ QUYẾT

PHỤ LỤC

TT
Tên nhiệm vụ
Cơ quan
chủ trì
Cơ
quan
phối hợp
Kết quả/Đánh giá
Thời
hạn
hoàn thành
1.
Nghiên cứu, đề xuất xây dựng văn bản quy phạm
pháp luật điều chỉnh tổng thể hoạt động các tổ
chức phi chính phủ, phi lợi nhuận nước ngoài và
tổ chức nhân dân, các hội, pháp nhân khác trong
nước hoạt động tại Việt Nam.
Bộ
Nội
vụ,
Bộ
Ngoại
giao
Bộ Công an,
Bộ
Tài
chính, Bộ Tư
pháp,
các
Bộ,
ngành
liên quan
Đề xuất xây dựng
Luật
Năm 2026 –
2030
"""


def test_a_time_cell_cut_after_its_dash_is_one_range(tmp_path):
    """Phụ lục of Nghị quyết 100/NQ-CP in gazette text: the time cell 'Năm 2026 – 2030' wraps after its dash; the
    row's deadline is the range, not its last line's year."""
    path = tmp_path / "nq-100.txt"
    path.write_text(NQ_100_ROW, encoding="utf-8")
    (row,) = extract_file(path).obligations
    assert row.lead == ["Bộ Nội vụ", "Bộ Ngoại giao"]
    assert row.deadline is not None and row.deadline.kind == "range"
    assert (row.deadline.start, row.deadline.end) == (2026, 2030)


def test_a_lead_line_holding_the_support_cell_beside_it(tmp_path):
    """Phụ lục III of 109/NQ-CP in gazette text (tests/real-group7), row 7: the lead cell and the support cell ran
    onto one line and the support wrapped ('… Môi trường Các bộ, cơ quan, địa' / 'phương') before a page header."""
    text = ("NGHỊ QUYẾT\n\nPhụ lục III\nTT \nNHIỆM VỤ \nTHỜI HẠN      \nHOÀN THÀNH \nCƠ QUAN CHỦ TRÌ \nCƠ QUAN PHỐI HỢP \n"
            "6 \nHoàn thiện hệ thống thông tin đất đai \nQuý II/2026 \nBộ Nông nghiệp và Môi trường \n"
            "Bộ Công an \n7 \nRà soát, phê duyệt điều chỉnh Quy hoạch sử dụng đất \nQuý II/2026 \n"
            "Bộ Nông nghiệp và Môi trường Các bộ, cơ quan, địa \nphương \n\nCÔNG BÁO/Số 259/Ngày 30-04-2026 \n59\n \n \n"
            "8 \nSố hoá và làm sạch hệ thống dữ liệu đất đai trên toàn quốc \nQuý II/2026 \n"
            "Bộ Nông nghiệp và Môi trường, \ncác địa phương \nBộ Công an, các bộ, cơ \nquan, đơn vị có liên quan \n")
    path = tmp_path / "nq-109-pl3.txt"
    path.write_text(text, encoding="utf-8")
    rows = [(o.lead, o.support) for o in extract_file(path).obligations]
    assert rows[1] == (["Bộ Nông nghiệp và Môi trường"], ["Các bộ, cơ quan, địa phương"])
    assert rows[0] == (["Bộ Nông nghiệp và Môi trường"], ["Bộ Công an"])


def test_a_lead_cell_of_every_level_is_closed():
    """Quyết định 844/QĐ-TTg in gazette text (tests/real-group3), row I.2: 'Ủy ban nhân dân các cấp' is a whole lead
    cell ('các cấp' asks for nothing more, as a bare 'cấp' does), so the support cell after it is the support and the
    time cell is read."""
    rec = _group3("ttg-844-qd-ttg-2026")
    (row,) = [o for o in rec.obligations if o.task.startswith("Đưa các chỉ tiêu bao phủ")]
    assert (row.lead, row.support, row.deadline.kind if row.deadline else None) == (
        ["Ủy ban nhân dân các cấp"], ["Các cơ quan, tổ chức, đơn vị có liên quan"], "recurring")


def test_a_value_cell_opening_with_its_direction_in_percentage_points():
    """Phụ lục I of Nghị quyết 109/NQ-CP, row 43 'Giảm tỉ lệ hộ nghèo (theo chuẩn nghèo đa chiều) (%)': its value
    cell says the direction and counts in percentage points ('Giảm 1 - 1,5' / 'điểm%/năm')."""
    (part,) = _parts("Giảm 1 - 1,5 điểm%/năm")
    assert (part.cmp, part.lo, part.hi, part.unit) == ("range", 1, 1.5, "điểm%/năm")
    (part,) = _parts("Tăng tối thiểu 2 điểm%")
    assert (part.cmp, part.lo, part.unit) == (">=", 2, "điểm%")


def test_a_time_cell_before_a_last_column_of_sources():
    """Nghị quyết 97/NQ-CP (tests/real): its task table ends with the document each task comes from ('Chương
    trình số 12-' / 'CTr/BCĐ'), after the time cell; the result cell wraps over three lines, so the time cell is
    found by what it says ('Tháng' / '9/2026'), the one time phrase after the bodies."""
    rec = extract_file(HERE / "real" / "chinhphu-97-nq-cp-2026.txt")
    row = next(o for o in rec.obligations if o.task.startswith("Nghiên cứu, xây dựng trình Bộ Chính trị Đề án"))
    assert row.deadline is not None and (row.deadline.text, row.deadline.end) == ("Tháng 9/2026", 2026)
    # row 1: the product cell and the time cell on one line ('Báo cáo hằng năm 2026 và hằng năm'): the time
    # phrase the line ends with, from its figure
    first = next(o for o in rec.obligations if o.task.startswith("Thực hiện nghiêm quy định các bộ, cơ quan ngang"))
    assert first.deadline is not None and (first.deadline.text, first.deadline.kind) == ("2026 và hằng năm", "recurring")



def test_a_lead_cell_that_submits_to_a_council_keeps_the_council_in_its_cell():
    """844/QĐ-TTg's task table (Công báo text, tests/real-group3), row 3: the lead cell 'Ủy ban nhân / dân cấp tỉnh
    / trình / Hội / đồng / nhân / dân cùng cấp' wraps over seven lines; the council it submits to stays in the lead
    cell (ANNOTATION.md: a body a task is addressed to is no support), and 'cùng cấp' ends that cell. The whole
    document: how its lines join depends on the wrap width measured over all of it."""
    rec = _group3("ttg-844-qd-ttg-2026")
    (row,) = [o for o in rec.obligations if o.task.startswith("Bố trí ngân sách địa phương và huy động")]
    assert (row.lead, row.support) == (["Ủy ban nhân dân cấp tỉnh"], ["Các cơ quan, tổ chức, đơn vị có liên quan"])
    assert rec.text[row.span[0]:row.span[1]] == row.quote


def test_nested_rows_numbered_on_the_line_of_their_task():
    """105/NQ-CP, Công báo (tests/real-group3): after the header repeated on a new page, rows '2.1 Theo dõi, tổng hợp
    …', '2.2 …', '2.3 …' under the group row '2' carry their number on their task's first line; each is a row."""
    rec = _group3("chinhphu-105-nq-cp-2026")
    rows = [(o.task[:40], o.lead, o.deadline.text if o.deadline else None) for o in rec.obligations
            if o.task.startswith(("Theo dõi, tổng hợp", "Thực hiện các nhiệm vụ liên quan đến sắp xếp"))]
    assert rows == [
        ("Theo dõi, tổng hợp việc sắp xếp đơn vị s", ["Bộ Nội vụ"], "Thường xuyên"),
        ("Theo dõi, tổng hợp kết quả sắp xếp đơn v", ["Các bộ quản lý ngành, lĩnh vực"], "Thường xuyên"),
        ("Thực hiện các nhiệm vụ liên quan đến sắp", ["Bộ Giáo dục và Đào tạo"], "Quý III/2026"),
        ("Thực hiện các nhiệm vụ liên quan đến sắp", ["Bộ Y tế"], "Quý III/2026")]


def test_a_time_cell_run_onto_the_product_cell_before_it():
    """105/NQ-CP (tests/real-group3): the layout ran row 1's product and time cells onto one line ('Các nhiệm vụ liên
    quan đến công tác cán bộ Thường xuyên'); the time phrase ending it is the row's time cell."""
    rec = _group3("chinhphu-105-nq-cp-2026")
    (row,) = [o for o in rec.obligations if o.task.startswith("Triển khai nghiêm các quy định mới ban hành tại Luật Cán "
                                                              "bộ, công chức, Luật Viên chức")]
    assert row.deadline is not None and (row.deadline.text, row.deadline.kind) == ("Thường xuyên", "recurring")


def test_a_time_cell_in_capitals_ending_the_task_s_line(tmp_path):
    """Phụ lục III of Nghị quyết 109/NQ-CP: row 6's time cell ends its task's last line ('… tăng trưởng "2 con số"
    Quý II/2026'); a time cell opens in capitals, a time phrase of the task itself would not."""
    path = tmp_path / "pl3.txt"
    path.write_text(_excerpt("chinhphu-109-nq-cp-2026-pl3", "Phụ lục III", "8"), encoding="utf-8")
    rec = extract_file(path)
    (row,) = [o for o in rec.obligations if o.task.startswith("Lập, điều chỉnh, phê duyệt các quy hoạch")]
    assert row.task.endswith('yêu cầu tăng trưởng "2 con số"')
    assert row.deadline is not None and (row.deadline.text, row.deadline.date) == ("Quý II/2026", "2026-06-30")
    assert row.lead == ["Các bộ, cơ quan, địa phương"]


def test_a_row_a_page_break_cut_goes_on_after_its_time_cell():
    """100/NQ-CP, Công báo (tests/real-final): row I.4 broke at a page whose header was not repeated; after its time
    cell ('Thực hiện thường xuyên.') the next page goes on with the task ('hình, xu hướng thế giới …') and the
    support cell ('về các tổ chức' / 'PCPNN' after '…, Ủy ban Công tác'), in column order."""
    row = _row(_real("real-final", "chinhphu-100-nq-cp-2026"), "Nâng cao hiệu quả của các cơ chế phối hợp")
    assert row.task.endswith("tranh thủ nguồn lực viện trợ phi chính phủ nước ngoài")
    assert row.lead == ["Bộ Ngoại giao"]
    assert row.support == ["Các Bộ, ngành, địa phương", "Ủy ban Công tác về các tổ chức phi chính phủ nước ngoài"]


def test_a_proper_name_a_cell_cut_over_two_lines_is_one_name():
    """100/NQ-CP: the support cell wrapped inside 'Việt Nam' ('Các cơ quan đại diện Việt' / 'Nam tại nước ngoài')."""
    row = _row(_real("real-final", "chinhphu-100-nq-cp-2026"), "Nâng cao vai trò chủ động của các cơ quan đại diện")
    assert row.support == ["Các cơ quan đại diện Việt Nam tại nước ngoài"]


def test_a_row_cut_before_a_repeated_header_takes_back_its_cells_after_it():
    """97/NQ-CP, Công báo (tests/real): row 23's support cell broke at a page ('Đài Truyền hình Việt' / 'Nam, Đài' /
    'Tiếng nói'); after the repeated header the page goes on with it ('Việt Nam và các bộ, ngành,' / 'UBND tỉnh,
    thành phố') before the next row's number."""
    row = _row(_real("real", "chinhphu-97-nq-cp-2026"), "Xây dựng, vận hành chuyên mục “Tiêu điểm chính sách”")
    assert row.support == ["Đài Truyền hình Việt Nam", "Đài Tiếng nói Việt Nam", "các bộ, ngành",
                           "Ủy ban nhân dân tỉnh, thành phố"]
    assert row.deadline is not None and row.deadline.text == "Thường xuyên"


def test_a_task_line_run_onto_a_repeated_header_goes_back_to_its_row():
    """982/QĐ-TTg, Công báo (tests/real-group4): the task going on after the repeated header ran onto its last
    cell ('Thời gian thực hiện vừa và nhỏ phù hợp …'); the run-on lines end the task of the row before the page."""
    rec = _real("real-group4", "ttg-982-qd-ttg-2026")
    assert _row(rec, "Lựa chọn 05 doanh nghiệp công nghệ số").task.endswith(
        "dẫn dắt hệ sinh thái doanh nghiệp vừa và nhỏ phù hợp với các ngành công nghiệp chiến lược, có lợi thế, "
        "có tiềm năng xuất khẩu")
    assert _row(rec, "Nghiên cứu đề xuất bổ sung chức năng").task.endswith(
        "hỗ trợ các doanh nghiệp công nghệ số Việt Nam tham gia thị trường quốc tế")


def test_a_whole_name_takes_no_lower_case_line_after_a_page_break():
    """844/QĐ-TTg (tests/real-group3): after the page break 'quan, tổ chức có liên quan' ends a cell cut after 'cơ';
    it never goes on with a lead cell that is a whole name ('Bộ Y tế')."""
    row = _row(_real("real-group3", "ttg-844-qd-ttg-2026"), "Xây dựng Nghị định về tăng mức đóng bảo hiểm y tế")
    assert row.lead == ["Bộ Y tế"]
    assert row.task.endswith("bảo đảm duy trì bền vững và tăng tỷ lệ dân số tham gia bảo hiểm y tế")


def test_a_lead_cell_cut_after_its_determiner_keeps_the_support_cell_beside_it():
    """105/NQ-CP (group 3), row 4 of part IV: the page break cut the lead cell after 'Ủy ban nhân dân các'; the
    support cell 'Các bộ, ngành, cơ quan liên quan' on the next line is the support, not more of the lead."""
    rec = _group3("chinhphu-105-nq-cp-2026")
    (row,) = [o for o in rec.obligations if o.task.startswith("Ban hành các quy định và đầu tư nguồn lực")]
    assert row.support == ["Các bộ, ngành, cơ quan liên quan"] and row.lead[0] == "Các bộ, cơ quan ngang bộ"


def test_rows_numbered_by_their_part_under_group_rows_numbered_otherwise(tmp_path):
    """A page's text taken cell by cell (BeautifulSoup's get_text, a cell a line): Đồng Nai's 179/KH-UBND numbers
    its rows by their part (1.1 under 'I', 2.1 under 'II') and starts again at 1.1 under a new part 'B'; every row
    is read."""
    rows = []
    for number, task, lead in [("1.1", "Rà soát, xây dựng, sửa đổi, bổ sung các quy định pháp luật", "Sở Tư pháp"),
                               ("II", "Phát triển hạ tầng", None),
                               ("2.1", "Triển khai hạ tầng số và hạ tầng bưu chính", "Sở Khoa học và Công nghệ"),
                               ("2.2", "Triển khai chiến lược chuyển đổi số lĩnh vực giao thông", "Sở Xây dựng"),
                               ("B", "PHÁT TRIỂN KINH TẾ SỐ VÀ XÃ HỘI SỐ NGÀNH, LĨNH VỰC", None),
                               ("I", "Phát triển kinh tế số, xã hội số nông nghiệp và môi trường", None),
                               ("1.1", "Triển khai Nền tảng số quản lý đất đai", "Sở Nông nghiệp và Môi trường")]:
        rows += [number, task] + ([lead, "Các sở, ban, ngành; UBND các phường, xã", "2026 - 2030", "Kế hoạch"]
                                  if lead else [])
    text = "\n".join(["PHỤ LỤC", "NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM", "STT", "Nhiệm vụ, giải pháp", "Đơn vị thực hiện",
                      "Đơn vị phối hợp", "Thời gian thực hiện", "Sản phẩm đầu ra", "A", "PHÁT TRIỂN NỀN MÓNG",
                      "I", "Hoàn thiện thể chế", *rows]) + "\n"
    path = tmp_path / "179.txt"
    path.write_text(text, encoding="utf-8")
    record = extract_file(path)
    assert [(o.lead, o.deadline.text if o.deadline else None) for o in record.obligations] == [
        (["Sở Tư pháp"], "2026 - 2030"), (["Sở Khoa học và Công nghệ"], "2026 - 2030"),
        (["Sở Xây dựng"], "2026 - 2030"), (["Sở Nông nghiệp và Môi trường"], "2026 - 2030")]


SUBMITTED = """CHÍNH PHỦ

Số: 109/NQ-CP Hà Nội, ngày 16 tháng 4 năm 2026

NGHỊ QUYẾT

Phụ lục III

TT
NHIỆM VỤ CỤ THỂ
CƠ QUAN
CHỦ TRÌ
CƠ QUAN PHỐI
HỢP
THỜI HẠN
THỰC HIỆN
CẤP TRÌNH/
PHÊ DUYỆT
73 Phát triển và vận hành hiệu quả Cổng pháp luật quốc gia
Bộ Tư pháp
Các bộ, ngành
2026 - 2030
Thủ tướng
Chính phủ
74 Chiến lược hoàn thiện hệ thống pháp luật Việt Nam trong kỷ nguyên
mới
Bộ Tư pháp
Các bộ, ngành
2026 - 2030
Bộ Chính trị,
Đảng ủy Chính
phủ
"""


def test_the_submitting_level_after_the_time_is_no_row_of_its_own(tmp_path):
    """Nghị quyết 109/NQ-CP's full text (corpus/real), Phụ lục III: the last column names the level a task is
    submitted to ('Bộ Chính trị, / Đảng ủy Chính / phủ'); a Party committee there is no doer of a row of its own."""
    (tmp_path / "109.txt").write_text(SUBMITTED, encoding="utf-8")
    assert [(o.lead, o.support, o.deadline.text if o.deadline else None) for o in extract_file(tmp_path / "109.txt").obligations] == [
        (["Bộ Tư pháp"], ["Các bộ, ngành"], "2026 - 2030"), (["Bộ Tư pháp"], ["Các bộ, ngành"], "2026 - 2030")]
