"""A lead body merged down over several rows of a task table (Word's vertical merge, HTML's rowspan): each row's
task is that body's. Readers give a merged cell once, in its first row."""

from __future__ import annotations

from pathlib import Path

import docx

from extractor.pipeline import extract_file

HEADER = ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]
ROWS = [
    ["I. Hoàn thiện thể chế, chính sách", "", "", "", ""],
    ["1", "Xây dựng Nghị quyết của Hội đồng nhân dân tỉnh quy định chính sách hỗ trợ doanh nghiệp đổi mới sáng tạo",
     "Sở Khoa học và Công nghệ", "Sở Tài chính; Sở Tư pháp", "Quý III/2026"],
    ["2", "Rà soát, bãi bỏ các văn bản của tỉnh về khoa học, công nghệ không còn phù hợp", "", "Sở Tư pháp",
     "Năm 2026"],
    ["3", "Ban hành Quy chế thử nghiệm có kiểm soát đối với công nghệ mới", "", "Công an tỉnh", "Quý IV/2026"],
    ["II. Phát triển hạ tầng số", "", "", "", ""],
    ["4", "Xây dựng Kho dữ liệu dùng chung của tỉnh", "Văn phòng UBND tỉnh", "Các sở, ban, ngành", "Năm 2027"],
]
OPENING = ["ỦY BAN NHÂN DÂN TỈNH GIA LAI", "Số: 318/KH-UBND", "KẾ HOẠCH", "Thực hiện Nghị quyết số 03/NQ-CP",
           "PHỤ LỤC: NHIỆM VỤ TRỌNG TÂM"]
WANT = [("Xây dựng Ngh", ["Sở Khoa học và Công nghệ"], 2026),
        ("Rà soát, bãi", ["Sở Khoa học và Công nghệ"], 2026),
        ("Ban hành Quy", ["Sở Khoa học và Công nghệ"], 2026),
        ("Xây dựng Kho", ["Văn phòng Ủy ban nhân dân tỉnh"], 2027)]


def _duties(path: Path) -> list[tuple[str, list[str], int | None]]:
    record = extract_file(path)
    return [(o.task[:12], o.lead, o.deadline.end if o.deadline else None) for o in record.obligations]


def _word_plan(rows: list[list[str]]) -> tuple[docx.document.Document, docx.table.Table]:
    """A Word file with the plan's opening and its task table (header and `rows`), cells still to merge."""
    document = docx.Document()
    for line in OPENING:
        document.add_paragraph(line)
    table = document.add_table(rows=len(rows) + 1, cols=len(HEADER))
    for r, row in enumerate([HEADER, *rows]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    return document, table


def test_a_lead_merged_down_in_word_leads_each_row(tmp_path):
    document, table = _word_plan(ROWS)
    table.cell(2, 2).merge(table.cell(4, 2)).text = "Sở Khoa học và Công nghệ"  # rows 1-3 share their lead
    for r in (1, 5):  # group rows span the table
        table.cell(r, 0).merge(table.cell(r, len(HEADER) - 1)).text = ROWS[r - 1][0]
    path = tmp_path / "merged.docx"
    document.save(str(path))
    assert _duties(path) == WANT


def test_a_lead_spanning_rows_in_html_leads_each_row(tmp_path):
    cells = []
    for r, row in enumerate(ROWS):
        if not row[1]:
            cells.append(f'<tr><td colspan="5"><b>{row[0]}</b></td></tr>')
            continue
        tds = [f"<td>{row[0]}</td>", f"<td>{row[1]}</td>"]
        if r == 1:
            tds.append(f'<td rowspan="3">{row[2]}</td>')
        elif row[2]:
            tds.append(f"<td>{row[2]}</td>")
        tds += [f"<td>{row[3]}</td>", f"<td>{row[4]}</td>"]
        cells.append("<tr>" + "".join(tds) + "</tr>")
    head = "<tr>" + "".join(f"<th>{h}</th>" for h in HEADER) + "</tr>"
    page = ("<html><head><meta charset='utf-8'></head><body>" + "".join(f"<p>{p}</p>" for p in OPENING) +
            f"<table>{head}{''.join(cells)}</table></body></html>")
    path = tmp_path / "merged.html"
    path.write_text(page, encoding="utf-8")
    assert _duties(path) == WANT


def _support_and_time(path: Path) -> list[tuple[list[str], str | None]]:
    record = extract_file(path)
    return [(o.support, o.deadline.text if o.deadline else None) for o in record.obligations]


def test_support_and_time_merged_down_in_word_and_html_hold_for_each_row(tmp_path):
    """A support cell and a time cell merged over two rows (Word's vMerge, HTML's rowspan) give both rows their
    support and deadline; an empty cell no merge covers stays empty."""
    rows = [["1", "Xây dựng Kho dữ liệu dùng chung của tỉnh", "Văn phòng UBND tỉnh", "Sở Tài chính", "Năm 2026"],
            ["2", "Chuẩn hóa, làm sạch dữ liệu dùng chung", "Sở Khoa học và Công nghệ", "", ""],
            ["3", "Tổng kết, đánh giá việc thực hiện", "Sở Nội vụ", "", ""]]
    want = [(["Sở Tài chính"], "Năm 2026"), (["Sở Tài chính"], "Năm 2026"), ([], None)]
    document, table = _word_plan(rows)
    table.cell(1, 3).merge(table.cell(2, 3)).text = "Sở Tài chính"
    table.cell(1, 4).merge(table.cell(2, 4)).text = "Năm 2026"
    path = tmp_path / "merged.docx"
    document.save(str(path))
    assert _support_and_time(path) == want
    html = ("<html><head><meta charset='utf-8'></head><body>" + "".join(f"<p>{p}</p>" for p in OPENING) +
            "<table><tr>" + "".join(f"<th>{h}</th>" for h in HEADER) + "</tr>"
            f"<tr><td>1</td><td>{rows[0][1]}</td><td>{rows[0][2]}</td><td rowspan='2'>Sở Tài chính</td>"
            f"<td rowspan='2'>Năm 2026</td></tr><tr><td>2</td><td>{rows[1][1]}</td><td>{rows[1][2]}</td></tr>"
            f"<tr><td>3</td><td>{rows[2][1]}</td><td>{rows[2][2]}</td><td></td><td></td></tr></table></body></html>")
    page = tmp_path / "merged.html"
    page.write_text(html, encoding="utf-8")
    assert _support_and_time(page) == want
