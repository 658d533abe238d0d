"""Indicator tables of the document model and targets of real documents' text (excerpts copied from
../shared/corpus/real into tests/targets_real/): one target per (indicator row, value column)."""

from __future__ import annotations

from pathlib import Path

from extractor.document import Block, RawDocument
from extractor.normalize import normalize_document
from extractor.pipeline import extract_file, extract_text_into
from extractor.record import Record, Source, Target

HERE = Path(__file__).parent / "targets_real"


def _targets(name: str) -> list[Target]:
    rec = extract_file(HERE / name)
    assert rec.status == "ok" and not rec.errors
    for t in rec.targets:
        assert rec.text[t.span[0]:t.span[1]] == t.quote
    return rec.targets


def _rows(targets: list[Target]) -> list[tuple]:
    return [(t.comparator, t.value, t.value_max, t.unit, t.year) for t in targets]


def _blocks(blocks: list[Block], fmt: str = "docx") -> list[Target]:
    norm = normalize_document(RawDocument("x." + fmt, fmt, "0" * 64, blocks=blocks))
    rec = extract_text_into(Record("x", Source("x." + fmt, "0" * 64, fmt)), norm.text, norm.tables)
    for t in rec.targets:
        assert norm.text[t.span[0]:t.span[1]] == t.quote
    return rec.targets


def test_markdown_indicator_table_with_group_row_horizon() -> None:
    got = _targets("chinhphu-03-phu-luc-i.md")
    assert _rows(got)[:8] == [("<=", 3, None, "thứ bậc", 2030), ("<=", 50, None, "thứ bậc", 2030),
                              ("<=", 3, None, "thứ bậc", 2030), ("<=", 50, None, "thứ bậc", 2030),
                              ("<=", 3, None, "thứ bậc", 2030), (">=", 5, None, "doanh nghiệp", 2030),
                              (">=", 55, None, "%", 2030), (">=", 50, None, "%", 2030)]
    assert got[1].indicator == "Xếp hạng năng lực cạnh tranh số - Thế giới"
    assert got[0].quote.startswith("Xếp hạng năng lực cạnh tranh số") and got[0].quote.endswith("≤ 3 Đông Nam Á")
    by_ind = {t.indicator: t for t in got}
    assert _rows([by_ind["Quy mô kinh tế số"]]) == [(">=", 30, None, "% GDP", 2030)]
    assert _rows([by_ind["Hình thành các Trung tâm dữ liệu quốc gia"]])[0][:2] == (">=", 3)
    # word cells (Đạt mức tiên tiến ...) and a parent row without a value are no targets
    assert not any(t.indicator.startswith(("Tiềm lực", "Chỉ tiêu về thực hiện")) for t in got)
    assert len(got) == 19


def test_crawled_indicator_table_rows_run_together() -> None:
    got = _targets("ttg-2629-phu-luc-i.txt")
    assert _rows(got) == [("=", 100, None, "%", 2027), ("=", 100, None, "%", 2027), ("=", 95, None, "%", 2027)]
    assert got[2].indicator.startswith("Tỉ lệ người dân, doanh nghiệp đánh giá hài lòng")


def test_two_level_header_run_into_one_row_and_baseline_column() -> None:
    got = _targets("sonla-2954-bieu-chi-tieu.txt")
    assert [(t.value, t.year) for t in got[:5]] == [(27000, 2026), (27500, 2027), (28000, 2028), (29000, 2029),
                                                     (30000, 2030)]
    assert {t.indicator for t in got} == {"Cà Phê - Diện tích", "Cà Phê - Sản lượng cà phê nhân"}
    assert 26120 not in [t.value for t in got] and 37724 not in [t.value for t in got]  # ƯTH năm 2025
    assert got[5].unit == "tấn" and got[5].value == 39800


def test_word_table_with_two_header_rows() -> None:
    period = "GIAI ĐOẠN 2026 - 2030"
    got = _blocks([
        Block("para", "Phụ lục: Chỉ tiêu phát triển"),
        Block("table", rows=[["TT", "Chỉ tiêu", "ĐVT", "Thực hiện 2024", period, period, period],
                             ["TT", "Chỉ tiêu", "ĐVT", "Thực hiện 2024", "Năm 2026", "Năm 2028", "Kế hoạch 2030"],
                             ["I", "Kinh tế số", "", "", "", "", ""],
                             ["1", "Tỷ trọng kinh tế số trong GRDP", "%", "18", "22", "25", "≥ 30"],
                             ["2", "Doanh nghiệp công nghệ số", "Doanh nghiệp", "900", "1.000", "", "Top 3"]])])
    assert _rows(got) == [("=", 22, None, "%", 2026), ("=", 25, None, "%", 2028), (">=", 30, None, "%", 2030),
                          ("=", 1000, None, "doanh nghiệp", 2026), ("=", 3, None, "Top", 2030)]


def test_results_column_and_task_table_time_cell() -> None:
    table = Block("table", rows=[
        ["STT", "Tên nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Kết quả thực hiện"],
        ["1", "Chủ trì xây dựng cơ sở dữ liệu quốc gia về y tế, 12 CSDL chuyên ngành, bệnh án điện tử",
         "Bộ Y tế", "31/12/2025", "Có 11/11 địa phương hoàn thành, đạt tỷ lệ 100%"]])
    got = _blocks([Block("para", "PHỤ LỤC"), table])
    assert _rows(got) == [("=", 12, None, "CSDL", 2025)]


def test_stage_horizons_over_the_bullets_under_them() -> None:
    got = _targets("ttg-2629-muc-tieu.txt")
    years = [(t.value, t.year) for t in got if t.unit == "%"]
    assert years[:4] == [(100, 2027), (100, 2027), (95, 2027), (99, 2030)]
    assert 3 not in [t.value for t in got]  # cấp độ 3 is a level, no count


TEXT = """ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP
Số: 597/KH-UBND
KẾ HOẠCH
Triển khai chuyển đổi số
III. NHIỆM VỤ THỜI GIAN TỚI
1. Các bộ, ngành, địa phương tập trung: (i) Sửa đổi, bổ sung 322 văn bản quy phạm pháp luật theo phương án đã được Thủ tướng Chính phủ phê duyệt; (ii) Xây dựng Luật sửa đổi, bổ sung 07 Luật (Luật Đấu thầu; Luật Đầu tư).
2. Ngân hàng Nhà nước triển khai hiệu quả Chương trình tín dụng 500 nghìn tỷ đồng, bảo đảm 100% thủ tục hành chính xử lý trên môi trường điện tử.
3. Cá nhân được Thành phố hỗ trợ 100% giá vé theo tháng; hỗ trợ 50% thuế thu nhập cá nhân.
4. Bộ Công Thương xây dựng phương án cung cấp điện đối với 117 thôn chưa có điện.
"""


def test_counts_and_rates_of_real_task_text() -> None:
    rec = extract_text_into(Record("x", Source("x.txt", "0" * 64, "txt")), TEXT)
    assert _rows(rec.targets) == [("=", 322, None, "văn bản quy phạm pháp luật", None), ("=", 100, None, "%", None)]


def test_the_columns_numbering_row_and_a_total_row_in_crawled_text() -> None:
    """2954/QĐ-UBND of Sơn La (tests/real-final), Phụ lục 02 as the portal's crawled text: a two-level header
    (year over 'Lượng' / 'Giá trị'), then the row numbering the columns ('1 | 2 | … | 11'), which is no data,
    then 'Tổng I + II' with empty cells and values in thousands (240.000 is no row number)."""
    path = Path(__file__).parent / "real-final" / "sonla-2954-qd-ubnd-2025.txt"
    rec = extract_file(path)
    total = sorted((t.year, t.value, t.unit) for t in rec.targets if t.indicator.startswith("Tổng I + II"))
    assert total == [(2026, 240000, "nghìn USD"), (2027, 270000, "nghìn USD"), (2028, 305000, "nghìn USD"),
                     (2029, 345000, "nghìn USD"), (2030, 400000, "nghìn USD")]
    assert not [t for t in rec.targets if t.indicator.startswith(("2 -", "1 -"))]
    for t in rec.targets:
        assert rec.text[t.span[0]:t.span[1]] == t.quote


def _export_plan_docx(path: Path, merged: bool) -> Path:
    """Sơn La's Phụ lục 02 (2954/QĐ-UBND, tests/real-final) as a DOCX: 'Kế hoạch 2026' over 'Lượng (Tấn)' and
    'Giá trị tham gia xuất khẩu (Nghìn USD)'; with `merged` each year's cell is merged across its two columns
    (as Word writes it), else the years stand side by side with empty cells after them (the spans left out)."""
    import docx

    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH xuất khẩu sản phẩm hàng hóa giai đoạn 2026 - 2030")
    document.add_paragraph("PHỤ LỤC 02")
    table = document.add_table(rows=4, cols=6)
    years = ["Kế hoạch 2026", "Kế hoạch 2027"]
    head = ["TT", "Sản phẩm", years[0], "", years[1], ""] if merged else ["TT", "Sản phẩm", *years, "", ""]
    subs = ["", "", "Lượng (Tấn)", "Giá trị tham gia xuất khẩu (Nghìn USD)", "Lượng (Tấn)",
            "Giá trị tham gia xuất khẩu (Nghìn USD)"]
    if not merged:
        subs = ["", *subs[2:], ""]
    rows = [head, subs, ["1", "Xoài", "13.500", "7.000", "14.800", "7.800"],
            ["2", "Nhãn", "6.400", "24.700", "7.100", "26.100"]]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).text = text
    if merged:
        table.cell(0, 2).merge(table.cell(0, 3))
        table.cell(0, 4).merge(table.cell(0, 5))
    document.save(str(path))
    return path


def test_year_groups_over_two_value_columns_in_a_docx(tmp_path) -> None:
    """Each year's group covers its two columns whether Word merged the cell (gridSpan) or the spans were left out;
    every value is a target of its year, in its column's unit."""
    for merged in (True, False):
        rec = extract_file(_export_plan_docx(tmp_path / f"plan-{merged}.docx", merged))
        got = sorted((t.indicator.split(" - ")[0], t.year, t.value, t.unit) for t in rec.targets)
        assert got == sorted([("Xoài", 2026, 13500, "tấn"), ("Xoài", 2026, 7000, "nghìn USD"),
                              ("Xoài", 2027, 14800, "tấn"), ("Xoài", 2027, 7800, "nghìn USD"),
                              ("Nhãn", 2026, 6400, "tấn"), ("Nhãn", 2026, 24700, "nghìn USD"),
                              ("Nhãn", 2027, 7100, "tấn"), ("Nhãn", 2027, 26100, "nghìn USD")]), merged


def test_units_written_in_the_value_cells_of_a_table_without_a_unit_column() -> None:
    """A meeting notice's table (held-out 7: 'TT | Chỉ tiêu | Kế hoạch năm 2026 | Thực hiện đến 31/7/2026 | Ghi
    chú'): the plan's column gives aims whose unit is in the cell ('Tối thiểu 60%', '900 trạm'); what was done is
    no aim. A unit column saying more than a bare % keeps its words."""
    table = Block("table", rows=[
        ["TT", "Chỉ tiêu", "Kế hoạch năm 2026", "Thực hiện đến 31/7/2026", "Ghi chú"],
        ["1", "Tỷ lệ hồ sơ trực tuyến toàn trình", "Tối thiểu 60%", "38,4%", "Chậm tiến độ"],
        ["2", "Số trạm phát sóng 5G", "900 trạm", "640 trạm", "Đạt 71%"]])
    got = _blocks([Block("para", "Kết quả thực hiện một số chỉ tiêu so với kế hoạch năm 2026 như sau:"), table])
    assert _rows(got) == [(">=", 60, None, "%", 2026), ("=", 900, None, "trạm", 2026)]
    assert got[1].indicator == "Số trạm phát sóng 5G"
    unit_column = Block("table", rows=[
        ["TT", "Chỉ tiêu", "Đơn vị tính", "Năm 2030"],
        ["1", "Chi ngân sách hằng năm cho khoa học, công nghệ", "% tổng chi NSNN", "≥ 3%"]])
    assert _rows(_blocks([Block("para", "PHỤ LỤC"), unit_column])) == [(">=", 3, None, "% tổng chi NSNN", 2030)]


def test_a_report_tables_column_numbers_are_no_units_its_indicator_brackets_are():
    """A ward's report (held-out 10): '| STT | Chỉ tiêu | (1) | (2) | (3) = (2)/(1) |' numbers the columns under
    'Kế hoạch năm 2026 | Thực hiện năm 2026 | Tỷ lệ (%)'; a row's unit is the bracket closing its indicator."""
    table = Block("table", rows=[
        ["STT", "Chỉ tiêu", "Kế hoạch năm 2026", "Thực hiện năm 2026", "Tỷ lệ (%)"],
        ["STT", "Chỉ tiêu", "(1)", "(2)", "(3) = (2)/(1)"],
        ["1", "Tốc độ tăng năng suất lao động (%)", "6,5", "6,9", "106,2"],
        ["2", "Số lớp tập huấn về năng suất, chất lượng (lớp)", "05", "06", "120,0"]])
    got = _blocks([Block("para", "Kết quả thực hiện các chỉ tiêu năm 2026:"), table])
    assert _rows(got) == [("=", 6.5, None, "%", 2026), ("=", 5, None, "lớp", 2026)]


def test_a_report_s_plan_column_of_its_own_year_holds_aims(tmp_path: Path) -> None:
    """A department's report of December 2025 on the year's results and next year's tasks (held-out 13): its
    results table's 'Kế hoạch năm 2025' column is the year's plan, aims of 2025 (the report speaks from 2026 for
    its text, as its title's next year); the achieved and rate columns are none."""
    path = tmp_path / "bao-cao.txt"
    path.write_text(
        "SỞ TÀI CHÍNH\n\nSố: 486/BC-STC\n\nGia Lai, ngày 12 tháng 12 năm 2025\n\nBÁO CÁO\n\nKết quả thực hiện Kế hoạch "
        "xúc tiến đầu tư năm 2025 và phương hướng, nhiệm vụ năm 2026\n\nI. KẾT QUẢ THỰC HIỆN NĂM 2025\n\n"
        "| STT | Chỉ tiêu | Đơn vị tính | Kế hoạch năm 2025 | Thực hiện (đến 30/11/2025) | Tỷ lệ (%) |\n"
        "|---|---|---|---|---|---|\n"
        "| 1 | Số dự án được cấp mới chủ trương đầu tư | dự án | 60 | 52 | 86,7 |\n"
        "| 2 | Vốn đầu tư nước ngoài (FDI) đăng ký | triệu USD | 300 | 212,5 | 70,8 |\n", encoding="utf-8")
    assert _rows(_targets_at(path)) == [("=", 60, None, "dự án", 2025), ("=", 300, None, "triệu USD", 2025)]


def _targets_at(path: Path) -> list[Target]:
    rec = extract_file(path)
    return rec.targets
