"""Tables in text (Markdown, the crawled one-cell-a-line form, tab-separated rows) reach the document model as tables."""

from __future__ import annotations

from pathlib import Path

from extractor.document import Block, RawDocument
from extractor.ingest.pipe_tables import crawled_rows, split_blocks
from extractor.normalize import normalize_document
from extractor.pipeline import extract_file, extract_text_into
from extractor.record import Record, Source

MARKDOWN = """PHỤ LỤC II

| TT | Tên nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Kết quả | Thời gian hoàn thành |
|---|---|---|---|---|---|
|  I. | Nâng cao nhận thức về phát triển khoa học, công nghệ |  |  |  |  |
| 6. | Cụ thể hóa nhiệm vụ chuyển đổi số trong kế hoạch công tác hằng năm. | Các bộ, ngành, địa phương |  | Kế hoạch công tác | Thường xuyên |
| 7. | Xây dựng kế hoạch triển khai Chương trình hành động của Chính phủ. | Các bộ, ngành, địa phương |  | Kế hoạch | 01/2025 |
"""

# the crawled form of a task table: a group row of two cells, then numbered rows; an empty support cell
CRAWLED = """|
STT
|
Nhiệm vụ, giải
pháp
|
Đơn vị thực hiện
|
Đơn vị phối hợp
|
Thời gian thực
hiện
|
|
I
|
Hoàn thiện thể chế
|
|
1.1
|
Rà soát, xây dựng, sửa đổi, bổ sung các quy định pháp
luật cho phù hợp với sự phát triển kinh tế số
|
Sở Tư pháp
|
|
2026 - 2030
|
|
1.2
|
Triển khai hạ tầng số và hạ tầng bưu chính
|
Sở Khoa học và Công nghệ
|
Các sở, ban, ngành; UBND các phường, xã
|
2026 - 2030
|

Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các đơn vị báo cáo Ủy ban nhân dân tỉnh."""


def _raw(text: str) -> RawDocument:
    return RawDocument("x.txt", "txt", "0" * 64, blocks=split_blocks(text))


def _record(text: str) -> Record:
    """The record of a text read as a TXT file's blocks."""
    norm = normalize_document(_raw(text))
    return extract_text_into(Record("x", Source("x.txt", "0" * 64, "txt")), norm.text, norm.tables)


def test_markdown_table_is_a_table_with_its_rows() -> None:
    blocks = split_blocks(MARKDOWN)
    assert [b.kind for b in blocks] == ["para", "table"]
    rows = blocks[1].rows
    assert rows[0] == ["TT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Kết quả", "Thời gian hoàn thành"]
    assert rows[3][0] == "7." and rows[3][5] == "01/2025" and rows[2][3] == ""


def test_crawled_rows_end_at_a_numbered_row_and_keep_empty_cells() -> None:
    rows = crawled_rows(["STT", "Nội dung", "Chủ trì", "Phối hợp", "", "I", "Nhóm", "", "1", "Việc A", "Sở Y tế",
                         "", "", "2", "Việc B", "Sở Tài chính", "Sở Nội vụ", ""])
    assert rows == [["STT", "Nội dung", "Chủ trì", "Phối hợp"], ["I", "Nhóm"], ["1", "Việc A", "Sở Y tế", ""],
                    ["2", "Việc B", "Sở Tài chính", "Sở Nội vụ"]]


def test_crawled_table_and_the_text_after_it() -> None:
    blocks = split_blocks(CRAWLED)
    assert [b.kind for b in blocks] == ["table", "para"]
    table = blocks[0]
    assert table.wrapped
    assert [r[0] for r in table.rows] == ["STT", "I", "1.1", "1.2"]
    assert table.rows[2][3] == "" and table.rows[2][4] == "2026 - 2030"
    assert blocks[1].text.startswith("Trong quá trình thực hiện")


def test_an_appendix_heading_between_two_crawled_tables_is_text() -> None:
    text = "|\nNơi nhận:\n- Như trên;\n|\nKT. BỘ TRƯỞNG\nPHÓ CHỦ NHIỆM\nPhạm Mạnh Cường\n|\nPHỤ LỤC I\nTỔNG HỢP NHIỆM VỤ\n" \
           "|\nSTT\n|\nNhiệm vụ\n|\nCơ quan chủ trì\n|\n|\n1.\n|\nRà soát quy định\n|\nCác bộ, ngành\n|"
    blocks = split_blocks(text)
    assert [b.kind for b in blocks] == ["table", "para", "table"]
    assert blocks[1].text.startswith("PHỤ LỤC I")
    assert blocks[2].rows[1] == ["1.", "Rà soát quy định", "Các bộ, ngành"]


def test_normalized_cells_point_into_the_text_and_crawled_lines_are_joined() -> None:
    norm = normalize_document(_raw(CRAWLED))
    (table,) = norm.tables
    for row in table.rows:
        for cell in row:
            if cell:
                assert norm.text[cell.start:cell.end] == cell.text
    assert table.rows[0][1].text == "Nhiệm vụ, giải pháp"
    assert table.rows[2][1].text.endswith("cho phù hợp với sự phát triển kinh tế số")
    assert table.rows[2][3] is None


def test_docx_like_table_rows_become_one_obligation_each() -> None:
    raw = RawDocument("x.docx", "docx", "0" * 64, blocks=[
        Block("para", "IV. TỔ CHỨC THỰC HIỆN"),
        Block("table", rows=[["TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"],
                             ["1", "Xây dựng cơ sở dữ liệu về năng suất\n- Thu thập số liệu", "Sở KH&CN",
                              "Sở Tài chính; Sở Nội vụ", "Năm 2026"],
                             ["2", "Tổ chức hội thảo", "Sở Công Thương", "", "Hằng năm"]])])
    norm = normalize_document(raw)
    rec = extract_text_into(Record("x", Source("x.docx", "0" * 64, "docx")), norm.text, norm.tables)
    got = [(o.task, o.lead, o.support, o.deadline.kind if o.deadline else None) for o in rec.obligations]
    assert got == [("Xây dựng cơ sở dữ liệu về năng suất Thu thập số liệu", ["Sở Khoa học và Công nghệ"],
                    ["Sở Tài chính", "Sở Nội vụ"], "year"),
                   ("Tổ chức hội thảo", ["Sở Công Thương"], [], "recurring")]
    for o in rec.obligations:
        assert norm.text[o.span[0]:o.span[1]] == o.quote


def test_crawled_task_table_obligations() -> None:
    norm = normalize_document(_raw(CRAWLED))
    rec = extract_text_into(Record("x", Source("x.txt", "0" * 64, "txt")), norm.text, norm.tables)
    got = [(o.lead, o.support, o.deadline.start if o.deadline else None) for o in rec.obligations]
    assert got == [(["Sở Tư pháp"], [], 2026),
                   (["Sở Khoa học và Công nghệ"], ["Các sở, ban, ngành", "Ủy ban nhân dân các phường, xã"], 2026)]


def test_a_task_table_continued_on_the_next_page_without_its_header_keeps_its_columns() -> None:
    header = ["TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"]
    raw = RawDocument("x.pdf", "pdf", "0" * 64, blocks=[
        Block("table", rows=[header, ["1", "Xây dựng cơ sở dữ liệu về năng suất", "Sở Tài chính", "", "Năm 2026"]], page=0),
        Block("table", rows=[["2", "Tổ chức hội thảo về năng suất", "Sở Công Thương", "Sở Nội vụ", "Hằng năm"]], page=1)])
    norm = normalize_document(raw)
    rec = extract_text_into(Record("x", Source("x.pdf", "0" * 64, "pdf")), norm.text, norm.tables)
    assert [(o.lead, o.support) for o in rec.obligations] == [(["Sở Tài chính"], []),
                                                             (["Sở Công Thương"], ["Sở Nội vụ"])]


def test_a_row_whose_cells_merged_with_the_row_under_it() -> None:
    """Quyết định 2820/QĐ-UBND of Hồ Chí Minh City as crawled (tests/real): the crawler leaves out the cells of a row
    merged (rowspan) with the row above: its number before its task, and the time, result and source cells after its
    lead and support. The row holding more cells than the header is that row and the one under it, which takes the
    merged cells of the row above."""
    header = ["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian", "Kết quả", "Nguồn kinh phí"]
    rows = crawled_rows(header + ["", "2", "Quản lý, vận hành Hệ thống", "Sở Tài chính", "Các sở, ngành", "Quý IV/2026",
                                  "", "Thực hiện sao lưu dữ liệu", "Sở Khoa học và Công nghệ", "Sở Tài chính", "",
                                  "III.1.1", "Nhóm các nền tảng", ""])
    assert rows == [header, ["2", "Quản lý, vận hành Hệ thống", "Sở Tài chính", "Các sở, ngành", "Quý IV/2026"],
                    ["", "Thực hiện sao lưu dữ liệu", "Sở Khoa học và Công nghệ", "Sở Tài chính", "Quý IV/2026", "", ""],
                    ["III.1.1", "Nhóm các nền tảng"]]


def test_the_row_under_a_merged_row_is_an_obligation_of_its_own() -> None:
    """The same row read from the whole text: its own lead and support, the time cell of the row above."""
    rec = extract_file(Path(__file__).resolve().parent / "real" / "hcm-2820-qd-ubnd-2025.txt")
    (obl,) = [o for o in rec.obligations if o.task.startswith("Thực hiện sao lưu dữ liệu")]
    assert (obl.lead, obl.support, obl.deadline.text if obl.deadline else None) == (
        ["Sở Khoa học và Công nghệ"], ["Sở Tài chính"], "Quý IV/2026")


def test_a_lead_cell_written_as_clauses_names_the_subject_of_each(tmp_path: Path) -> None:
    """Kế hoạch 144/KH-UBND of Bắc Ninh (tests/real-group3), its appendix row 2: the lead cell says who does what
    in two clauses, the second with a time word ('hằng năm') that makes it no time cell."""
    text = ("ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\n\nSố: 144/KH-UBND\n\nKẾ HOẠCH\n\nPHỤ LỤC\n\n|\nTT\n|\nChỉ tiêu\n|\nChủ trì\n|\n"
            "|\n1\n|\nKinh tế số chiếm 45% GRDP tỉnh.\n|\nSở Tài chính\n|\n|\n2\n|\nPhấn đấu mỗi năm phát triển từ\n"
            "05 bộ dữ liệu mở chất lượng cao phục vụ phát triển kinh tế số và xã hội số;\ncông bố trên Cổng Dữ liệu mở "
            "tỉnh Bắc Ninh.\n|\nSở KH&CN chủ trì hướng dẫn, tổng hợp; Các sở, ngành, UBND cấp xã thực\nhiện công bố dữ "
            "liệu mở hằng năm theo lĩnh vực quản lý.\n|\n|\n3\n|\nTỷ lệ doanh nghiệp có hoạt động\nđổi mới sáng tạo "
            "đạt tối thiểu 40%\n|\nSở Khoa học và Công nghệ\n|\n")
    path = tmp_path / "kh-144.txt"
    path.write_text(text, encoding="utf-8")
    assert [o.lead for o in extract_file(path).obligations] == [
        ["Sở Tài chính"], ["Sở Khoa học và Công nghệ", "Các sở, ngành", "Ủy ban nhân dân cấp xã"],
        ["Sở Khoa học và Công nghệ"]]



def _crawled(rows: list[list[str]]) -> str:
    """Rows as a portal's crawled text: each cell after a '|' line, a '|' line closing each row."""
    return "".join("".join(f"|\n{c}\n" if c else "|\n" for c in row) + "|\n" for row in rows)


SONLA_PRODUCTS = _crawled([
    ["TT", "Sản phẩm", "Kế hoạch 2026", "Kế hoạch 2027", "", ""],
    ["TT", "Lượng (Tấn)", "Giá trị tham gia xuất khẩu (Nghìn USD)", "Lượng (Tấn)",
     "Giá trị tham gia xuất khẩu (Nghìn USD)", ""],
    ["1", "Xoài", "13.500", "7.000", "14.800", "7.800"],
    ["2", "Nhãn", "6.400", "24.700", "7.100", "26.100"]])

def test_header_rows_run_together_are_cut_back_to_the_width_of_the_data_rows() -> None:
    """Quyết định 2954/QĐ-UBND of Sơn La, its list of export products (tests/real-final) crawled: two header rows,
    the second opening with no row number, read first as one; cut back, they are two rows of the data rows' width,
    the number cell merged down them empty in the lower one."""
    (table,) = [b for b in split_blocks(SONLA_PRODUCTS) if b.kind == "table"]
    assert table.rows[:2] == [
        ["TT", "Sản phẩm", "Kế hoạch 2026", "Kế hoạch 2027", "", ""],
        ["", "Lượng (Tấn)", "Giá trị tham gia xuất khẩu (Nghìn USD)", "Lượng (Tấn)",
         "Giá trị tham gia xuất khẩu (Nghìn USD)", ""]]
    assert [r[:2] for r in table.rows[2:]] == [["1", "Xoài"], ["2", "Nhãn"]]
    # a row of another width is left as it was: no cut falls on an empty cell
    assert crawled_rows(["TT", "Nội dung", "", "Ghi chú", "Thêm", "", "1", "Việc A", "Sở Y tế", ""])[0] == [
        "TT", "Nội dung", "", "Ghi chú", "Thêm"]


def test_targets_by_year_of_a_crawled_table_with_two_header_rows(tmp_path: Path) -> None:
    path = tmp_path / "sonla.txt"
    path.write_text("ỦY BAN NHÂN DÂN TỈNH SƠN LA\n\nQUYẾT ĐỊNH\n\nPhụ lục\nDANH MỤC HÀNG HÓA THAM GIA XUẤT KHẨU CỦA TỈNH "
                    "SƠN LA GIAI ĐOẠN 2026 – 2030\n\n" + SONLA_PRODUCTS, encoding="utf-8")
    rec = extract_file(path)
    assert [(t.indicator, t.value, t.unit, t.year) for t in rec.targets][:4] == [
        ("Xoài - Lượng", 13500, "tấn", 2026), ("Xoài - Giá trị tham gia xuất khẩu", 7000, "nghìn USD", 2026),
        ("Xoài - Lượng", 14800, "tấn", 2027), ("Xoài - Giá trị tham gia xuất khẩu", 7800, "nghìn USD", 2027)]
    assert all(rec.text[t.span[0]:t.span[1]] == t.quote for t in rec.targets)


def test_a_lead_cell_written_with_abbreviations_is_expanded(tmp_path: Path) -> None:
    """Nghị quyết 03/NQ-CP, Phụ lục II (tests/real-group8): the lead cell abbreviates 'cơ sở dữ liệu (quốc gia)';
    ANNOTATION.md writes leads with abbreviations expanded."""
    path = tmp_path / "nq-03.md"
    path.write_text("PHỤ LỤC II\n\n| TT | Tên nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |\n"
                    "|---|---|---|---|---|\n| 70. | Hoàn thiện triển khai xây dựng, đưa vào khai thác sử dụng 114 Cơ sở "
                    "dữ liệu quốc gia, Cơ sở dữ liệu chuyên ngành | Các bộ, ngành, địa phương là chủ quản CSDLQG, CSDL "
                    "chuyên ngành | Bộ Công an, Bộ Thông tin và Truyền thông | 2025 |\n", encoding="utf-8")
    (o,) = extract_file(path).obligations
    assert o.lead == ["Các bộ, ngành, địa phương là chủ quản cơ sở dữ liệu quốc gia, cơ sở dữ liệu chuyên ngành"]
    assert o.support == ["Bộ Công an", "Bộ Thông tin và Truyền thông"]


def test_an_officer_in_a_word_table_s_lead_cell_stands_for_his_body() -> None:
    """Thông báo 624/TB-VPCP (tests/real): 'Tổng Thanh tra Chính phủ' leads rows of its task table; the Inspector
    General stands for Thanh tra Chính phủ as a director stands for his department."""
    header = ["TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời hạn"]
    raw = RawDocument("x.docx", "docx", "0" * 64, blocks=[Block("table", rows=[
        header, ["29", "Hoàn thiện phần mềm, bảo đảm triển khai phần thông tin kiểm soát tài sản, thu nhập",
                 "Tổng Thanh tra Chính phủ", "25/11/2025"],
        ["30", "Bố trí kinh phí cho hệ thống thông tin", "Giám đốc Sở Tài chính", "Năm 2026"],
        ["31", "Tổng hợp số liệu về doanh nghiệp nhà nước", "Tổng cục Thống kê", "Năm 2026"]])])
    norm = normalize_document(raw)
    rec = extract_text_into(Record("x", Source("x.docx", "0" * 64, "docx")), norm.text, norm.tables)
    assert [o.lead for o in rec.obligations] == [["Thanh tra Chính phủ"], ["Sở Tài chính"], ["Tổng cục Thống kê"]]


# a task table copied from a portal page into a text file: cells separated by tabs; row 2 cut by the line
# breaks inside its support cell, row 1's time cell by one of its own; a paragraph after the table (no blank
# line, as Word copies)
COPIED = ("IV. TỔ CHỨC THỰC HIỆN\n"
          "STT\tNhiệm vụ, giải pháp\tĐơn vị thực hiện\tĐơn vị phối hợp\tThời gian thực hiện\n"
          "I\tHoàn thiện thể chế\t\t\t\n"
          "1\tRà soát, đề xuất sửa đổi các quy định về dữ liệu của tỉnh\tSở Tư pháp\t\tNăm 2026\n"
          "(trước ngày 30/11)\n"
          "2\tXây dựng cơ sở dữ liệu dùng chung của tỉnh\tSở Khoa học và Công nghệ\tCác sở, ban, ngành;\n"
          "Ủy ban nhân dân các phường, xã;\n"
          "Công an tỉnh\tQuý IV/2026\n"
          "Các sở, ngành căn cứ nhiệm vụ được giao xây dựng kế hoạch thực hiện.\n")


def test_a_table_copied_as_tab_separated_rows_is_a_table() -> None:
    blocks = split_blocks(COPIED)
    assert [b.kind for b in blocks] == ["para", "table", "para"]
    assert blocks[1].rows == [
        ["STT", "Nhiệm vụ, giải pháp", "Đơn vị thực hiện", "Đơn vị phối hợp", "Thời gian thực hiện"],
        ["I", "Hoàn thiện thể chế", "", "", ""],
        ["1", "Rà soát, đề xuất sửa đổi các quy định về dữ liệu của tỉnh", "Sở Tư pháp", "",
         "Năm 2026\n(trước ngày 30/11)"],
        ["2", "Xây dựng cơ sở dữ liệu dùng chung của tỉnh", "Sở Khoa học và Công nghệ",
         "Các sở, ban, ngành;\nỦy ban nhân dân các phường, xã;\nCông an tỉnh", "Quý IV/2026"]]
    rec = _record(COPIED)
    got = [(o.lead, o.support, o.deadline.text if o.deadline else None) for o in rec.obligations]
    assert got == [(["Sở Tư pháp"], [], "Năm 2026"),
                   (["Sở Khoa học và Công nghệ"], ["Các sở, ban, ngành", "Ủy ban nhân dân các phường, xã",
                                                   "Công an tỉnh"], "Quý IV/2026"),
                   (["Các sở, ngành"], [], None)]


def test_tabs_in_text_without_a_table_stay_text() -> None:
    text = "\tThực hiện Quyết định số 36/QĐ-TTg ngày 11/01/2021 của Thủ tướng Chính phủ;\n\tCăn cứ tình hình thực tế.\n"
    assert [b.kind for b in split_blocks(text)] == ["para"]


def test_a_markdown_table_without_its_outer_pipes_is_a_table() -> None:
    """GFM lets a table leave out its outer pipes, as html2text writes a page's tables."""
    text = ("PHỤ LỤC II\n\n"
            "TT | Tên nhiệm vụ | Cơ quan chủ trì | Thời gian hoàn thành\n"
            "---|---|---|---\n"
            "1 | Xây dựng cơ sở dữ liệu dùng chung của tỉnh | Sở Khoa học và Công nghệ | Quý IV/2026\n"
            "2 | Rà soát, đề xuất sửa đổi các quy định về dữ liệu | Sở Tư pháp | Năm 2026\n"
            "\nCác sở, ngành căn cứ nhiệm vụ được giao xây dựng kế hoạch thực hiện.\n")
    blocks = split_blocks(text)
    assert [b.kind for b in blocks] == ["para", "table", "para"]
    assert blocks[1].rows == [["TT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"],
                              ["1", "Xây dựng cơ sở dữ liệu dùng chung của tỉnh", "Sở Khoa học và Công nghệ",
                               "Quý IV/2026"],
                              ["2", "Rà soát, đề xuất sửa đổi các quy định về dữ liệu", "Sở Tư pháp", "Năm 2026"]]
    rec = _record(text)
    assert [(o.lead, o.deadline.text if o.deadline else None) for o in rec.obligations][:2] == [
        (["Sở Khoa học và Công nghệ"], "Quý IV/2026"), (["Sở Tư pháp"], "Năm 2026")]


def test_pipe_rows_without_a_rule_are_a_table() -> None:
    """Some crawlers write a table's rows between pipes with no `|---|` rule under the first."""
    text = ("IV. TỔ CHỨC THỰC HIỆN\n\n"
            "| TT | Nhiệm vụ | Cơ quan chủ trì | Thời gian |\n"
            "| 1 | Xây dựng cơ sở dữ liệu dùng chung | Sở Khoa học và Công nghệ | Năm 2026 |\n"
            "| 2 | Rà soát các quy định về dữ liệu | Sở Tư pháp | Quý IV/2026 |\n\n"
            "Các sở, ngành căn cứ nhiệm vụ được giao xây dựng kế hoạch thực hiện.\n")
    blocks = split_blocks(text)
    assert [b.kind for b in blocks] == ["para", "table", "para"]
    assert [r[2] for r in blocks[1].rows] == ["Cơ quan chủ trì", "Sở Khoa học và Công nghệ", "Sở Tư pháp"]
    assert [b.kind for b in split_blocks("| a | b |\nvăn bản\n| c | d | e |\n")] == ["para"]


def test_a_group_row_of_fewer_cells_stays_inside_a_rule_less_pipe_table(tmp_path: Path) -> None:
    """A ministry's task appendix in reader view (held-out 11): group rows write their merged cell once
    (`| I | Hoàn thiện cơ chế |`), and the table goes on past them; each task row is an obligation."""
    path = tmp_path / "phu-luc.txt"
    path.write_text(
        "PHỤ LỤC\n\nDANH MỤC NHIỆM VỤ\n\n"
        "| TT | Nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian hoàn thành |\n"
        "| I | Hoàn thiện cơ chế, chính sách |\n"
        "| 1 | Rà soát Chương trình khuyến công quốc gia | Vụ Kế hoạch - Tài chính | Cục Xúc tiến thương mại | "
        "Quý IV/2024 |\n"
        "| II | Đào tạo, truyền thông |\n"
        "| 2 | Biên soạn tài liệu, tổ chức tập huấn về năng suất | Vụ Phát triển nguồn nhân lực | Văn phòng Bộ | "
        "Quý II/2025 |\n", encoding="utf-8")
    blocks = split_blocks(path.read_text(encoding="utf-8"))
    assert [b.kind for b in blocks] == ["para", "para", "table"]
    assert blocks[2].rows[1] == ["I", "Hoàn thiện cơ chế, chính sách", "", "", ""]
    got = [(o.task, o.lead, o.deadline.text if o.deadline else None) for o in extract_file(path).obligations]
    assert got == [("Rà soát Chương trình khuyến công quốc gia", ["Vụ Kế hoạch - Tài chính"], "Quý IV/2024"),
                   ("Biên soạn tài liệu, tổ chức tập huấn về năng suất", ["Vụ Phát triển nguồn nhân lực"],
                    "Quý II/2025")]
    assert [b.kind for b in split_blocks("| a | b | c |\n| d |\n| e | f | g |\n")] == ["para"]  # one cell: text


def test_list_items_copied_with_their_tab_are_text_even_after_a_table() -> None:
    """Word copies a numbered or bulleted item as its mark, a tab and its text ('1.' / 'Sở Khoa học và Công nghệ',
    '-' / 'Chủ trì, …'): such lines are no table, alone or right after one, while a row a line break cut after its
    number and first cell still joins the table."""
    text = ("PHỤ LỤC\nSTT\tNhiệm vụ\tCơ quan chủ trì\tThời gian\n"
            "1\tXây dựng cơ sở dữ liệu dùng chung\tSở Khoa học và Công nghệ\tNăm 2026\n"
            "2\tTổ chức đào tạo chuyên gia năng suất\ncho doanh nghiệp\tSở Công Thương\tHằng năm\n"
            "IV.\tTỔ CHỨC THỰC HIỆN\n1.\tSở Khoa học và Công nghệ\n"
            "-\tChủ trì, phối hợp với các sở, ngành liên quan triển khai thực hiện Kế hoạch.\n"
            "2.\tSở Tài chính\n-\tTham mưu bố trí kinh phí thực hiện Kế hoạch theo quy định.\n")
    blocks = split_blocks(text)
    assert [b.kind for b in blocks] == ["para", "table", "para"]
    assert [r[0] for r in blocks[1].rows] == ["STT", "1", "2"]
    assert blocks[1].rows[2][1] == "Tổ chức đào tạo chuyên gia năng suất\ncho doanh nghiệp"
    rec = _record(text)
    assert [o.lead for o in rec.obligations] == [["Sở Khoa học và Công nghệ"], ["Sở Công Thương"],
                                                 ["Sở Khoa học và Công nghệ"], ["Sở Tài chính"]]
    assert [b.kind for b in split_blocks("1.\tSở Khoa học và Công nghệ\n-\tChủ trì triển khai Kế hoạch.\n")] == [
        "para"]


def test_line_breaks_written_as_br_in_a_cell_are_line_breaks(tmp_path: Path) -> None:
    """A portal's header table converted to Markdown keeps each cell's lines as `<br>` (GFM has no other line
    break): the number, issuer and subject line are read as from a header whose lines are lines."""
    page = ("| ỦY BAN NHÂN DÂN<br>TỈNH GIA LAI<br>------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - "
            "Hạnh phúc<br>--------------- |\n|---|---|\n| Số: 3412/UBND-KGVX<br/>V/v triển khai thực hiện Nghị quyết "
            "số 71/NQ-CP ngày 01/4/2025 của Chính phủ | Gia Lai, ngày 15 tháng 8 năm 2025 |\n\nKính gửi: Các sở, ban, "
            "ngành thuộc tỉnh.\n\nThực hiện Công văn số 2145/BKHCN-VP ngày 28/7/2025 của Bộ Khoa học và Công nghệ "
            "về việc đôn đốc triển khai Chương trình hành động của Chính phủ, UBND tỉnh đề nghị các sở, ngành "
            "triển khai các nội dung sau.\n")
    (tmp_path / "letter.txt").write_text(page, encoding="utf-8")
    record = extract_file(tmp_path / "letter.txt").to_dict()
    assert record["meta"]["number"] == "3412/UBND-KGVX"
    assert record["meta"]["issuer"] == "Ủy ban nhân dân tỉnh Gia Lai"
    assert record["meta"]["date"] == "2025-08-15"
    assert record["meta"]["title"].startswith("Về việc triển khai thực hiện Nghị quyết số 71/NQ-CP")
    assert "<br" not in record["text"]


def test_a_body_of_one_line_paragraphs_between_the_header_and_the_signature_bars_is_text(tmp_path: Path) -> None:
    """A portal page whose paragraphs are one line each, with no blank line among them (held-out 6, a merged
    province's plan): the stretch after the header's last bar opens with a blank line, as a crawled cell never does,
    and is the document's text, its headings and duties on their own lines."""
    text = ("|\nỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n|\n|\nSố: 286/KH-UBND\n|\n"
            "Ninh Bình, ngày 03 tháng 11 năm 2025\n|\n\nKẾ HOẠCH\nThực hiện Nghị quyết số 57-NQ/TW\n"
            "V. TỔ CHỨC THỰC HIỆN\n1. Sở Tài chính\nTham mưu cân đối, bố trí kinh phí thực hiện Kế hoạch.\n"
            "2. Sở Nội vụ\nChủ trì tham mưu đưa kết quả thực hiện Kế hoạch vào tiêu chí thi đua, khen thưởng.\n"
            "|\nNơi nhận:\n- Như trên;\n|\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n|\n")
    blocks = split_blocks(text)
    body = next(b for b in blocks if b.kind != "table" and "TỔ CHỨC THỰC HIỆN" in b.text)
    assert "1. Sở Tài chính\nTham mưu cân đối" in body.text
    path = tmp_path / "kh-286.txt"
    path.write_text(text, encoding="utf-8")
    record = extract_file(path)
    assert [(o.lead, o.task.split(",")[0]) for o in record.obligations] == [
        (["Sở Tài chính"], "Tham mưu cân đối"), (["Sở Nội vụ"], "Chủ trì tham mưu đưa kết quả thực hiện Kế hoạch vào tiêu chí thi đua")]


def test_a_crawled_row_missing_the_lead_merged_down_from_the_row_above() -> None:
    """A ministry's plan as a portal's crawled text (held-out 7): a lead (and its support) merged over two rows is
    printed once, so the rows under it are short; their time cell tells which cells are missing. An empty cell
    keeps its place between its bars, so a full row keeps its own lead."""
    text = "PHỤ LỤC\n" + _crawled([
        ["TT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Sản phẩm", "Thời gian hoàn thành"],
        ["4", "Nâng cấp Hệ thống dịch vụ công trực tuyến của Bộ", "Văn phòng Bộ", "Trung tâm Thông tin công nghiệp "
         "và thương mại", "Hệ thống được nâng cấp", "Quý III/2026"],
        ["5", "Triển khai hệ thống quản lý văn bản và ký số trên thiết bị di động", "Trung tâm Thông tin công nghiệp "
         "và thương mại", "Hệ thống vận hành chính thức", "Tháng 9/2026"],
        ["13", "Sơ kết 03 năm thực hiện Kế hoạch", "Cục Thương mại điện tử và Kinh tế số", "Các đơn vị thuộc Bộ",
         "Báo cáo sơ kết", "Quý IV/2028"],
        ["14", "Tổng kết thực hiện Kế hoạch", "Báo cáo tổng kết", "Tháng 12/2030"],
        ["15", "Rà soát các quy định về thương mại điện tử", "Vụ Pháp chế", "", "Báo cáo rà soát", "Năm 2027"]])
    got = [(o.lead, o.support, o.deadline.end if o.deadline else None) for o in _record(text).obligations]
    assert got == [
        (["Văn phòng Bộ"], ["Trung tâm Thông tin công nghiệp và thương mại"], 2026),
        (["Văn phòng Bộ"], ["Trung tâm Thông tin công nghiệp và thương mại"], 2026),
        (["Cục Thương mại điện tử và Kinh tế số"], ["Các đơn vị thuộc Bộ"], 2028),
        (["Cục Thương mại điện tử và Kinh tế số"], ["Các đơn vị thuộc Bộ"], 2030),
        (["Vụ Pháp chế"], [], 2027)]


def test_a_page_body_of_one_line_paragraphs_between_bars_is_text() -> None:
    """A crawled notice (held-out 8) whose body follows the header's last bar with no blank line: a stretch of many
    lines with numbered items is the page's text, its headings kept apart from the paragraphs under them."""
    body = ["THÔNG BÁO", "kết luận của đồng chí Trưởng Ban Chỉ đạo", "1. Đánh giá chung",
            "Sáu tháng đầu năm 2026, các cấp ủy đã quan tâm lãnh đạo, chỉ đạo.", "2. Nhiệm vụ trọng tâm",
            *[f"- Nhiệm vụ thứ {k} được triển khai theo kế hoạch." for k in range(1, 16)],
            "3. Giao nhiệm vụ cụ thể", "3.1. Sở Tài chính",
            "Chủ trì, phối hợp với Sở Khoa học và Công nghệ tham mưu bố trí kinh phí năm 2027."]
    text = "|\nTỈNH ỦY TUYÊN QUANG\n|\nĐẢNG CỘNG SẢN VIỆT NAM\n|\n" + "\n".join(body) + "\n|\nNơi nhận:\n|\n"
    assert "1. Đánh giá chung\n" in normalize_document(_raw(text)).text
    assert [o.lead for o in _record(text).obligations] == [["Sở Tài chính"]]


def test_a_crawl_with_a_bar_between_rows_and_a_cell_a_line(tmp_path: Path) -> None:
    """The other crawled layout (held-out 12): a bar only between rows, each row's cells one a line. The header's
    lines give the width; each row is a row, and the stage columns date its values."""
    path = tmp_path / "de-an.txt"
    path.write_text(
        "Phần II\nMỤC TIÊU\n2. Mục tiêu cụ thể\n|\nTT\nChỉ tiêu\nĐơn vị tính\nGiai đoạn 2026 - 2028\n"
        "Giai đoạn 2029 - 2030\n|\n1\nLượt khách đến các điểm du lịch cộng đồng\ntriệu lượt/năm\n1,8 - 2,0\ntrên 2,5\n"
        "|\n2\nSố điểm du lịch cộng đồng đạt chuẩn (lũy kế)\nđiểm\n15\ntối thiểu 25\n|\n", encoding="utf-8")
    rows = next(b for b in split_blocks(path.read_text(encoding="utf-8")) if b.kind == "table").rows
    assert rows[1] == ["1", "Lượt khách đến các điểm du lịch cộng đồng", "triệu lượt/năm", "1,8 - 2,0", "trên 2,5"]
    got = [(t.value, t.value_max, t.unit, t.year) for t in extract_file(path).targets]
    assert got == [(1.8, 2, "triệu lượt/năm", 2028), (2.5, None, "triệu lượt/năm", 2030),
                   (15, None, "điểm", 2028), (25, None, "điểm", 2030)]
    assert len(crawled_rows(["TT", "Nhiệm vụ", "", "1", "Rà soát"])) == 2  # a bar around each cell: as before
