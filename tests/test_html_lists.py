"""A web page's list items keep the marker the browser draws (`<ul>` bullets, `<ol type="a">` letters): the
bullets and lettered sub-items that tell a plan's duties apart."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html

from extractor.ingest.html import mark_list_items
from extractor.pipeline import extract_file
from tests.conftest import duties
from tests.formats import real_html

PAGE = """<html><head><meta charset="utf-8"><title>Kế hoạch</title></head><body>
<nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/van-ban">Văn bản</a></li></ul></nav>
<article>
<p>ỦY BAN NHÂN DÂN TỈNH NINH BÌNH</p><p>Số: 196/KH-UBND</p><p>Ninh Bình, ngày 04 tháng 11 năm 2024</p>
<p><strong>KẾ HOẠCH</strong></p><p><strong>Triển khai thực hiện Chỉ thị số 30/CT-TTg</strong></p>
<p><strong>III. TỔ CHỨC THỰC HIỆN</strong></p>
<p><strong>1. Sở Nội vụ</strong></p>
<ul>
<li>Chủ trì, phối hợp với Sở Tài chính rà soát, sắp xếp các đơn vị sự nghiệp công lập; hoàn thành trong năm 2025.</li>
<li>Định kỳ hằng năm tổng hợp, báo cáo Ủy ban nhân dân tỉnh kết quả thực hiện.</li>
</ul>
<p><strong>2. Sở Thông tin và Truyền thông</strong></p>
<ol type="a">
<li><p>Chủ trì tuyên truyền, phổ biến nội dung Kế hoạch trên các phương tiện thông tin đại chúng.</p></li>
<li><p>Phối hợp với Sở Nội vụ xây dựng cơ sở dữ liệu cán bộ, công chức, viên chức của tỉnh.</p></li>
</ol>
</article></body></html>"""


def test_items_of_bulleted_and_lettered_lists_are_each_a_duty_of_their_heading(tmp_path: Path) -> None:
    path = tmp_path / "ninhbinh-196.html"
    path.write_text(PAGE, encoding="utf-8")
    record = extract_file(path)
    assert record.meta.number == "196/KH-UBND"
    duties = [(o.lead, o.support, o.task.split()[:3]) for o in record.obligations]
    assert duties == [
        (["Sở Nội vụ"], ["Sở Tài chính"], ["Chủ", "trì,", "phối"]),
        (["Sở Nội vụ"], [], ["Định", "kỳ", "hằng"]),
        (["Sở Thông tin và Truyền thông"], [], ["Chủ", "trì", "tuyên"]),
        (["Sở Thông tin và Truyền thông"], ["Sở Nội vụ"], ["Phối", "hợp", "với"]),
    ]
    assert record.obligations[0].deadline is not None and record.obligations[0].deadline.end == 2025
    assert record.obligations[1].deadline is not None and record.obligations[1].deadline.kind == "recurring"


def test_markers_follow_the_list_type_start_and_value_and_written_markers_stay() -> None:
    root = lxml.html.document_fromstring(
        '<ol type="a" start="2"><li>Chủ trì</li><li><p><strong>Phối hợp</strong> với</p></li></ol>'
        '<ul><li>- đã có dấu</li><li>Một<ul><li>con</li></ul></li></ul>'
        '<ol><li>x</li><li value="5">y</li></ol><ol type="I" start="4"><li>z</li></ol>')
    assert mark_list_items(root)
    assert [re.sub(r"\s+", " ", li.text_content()) for li in root.iter("li")] == [
        "b) Chủ trì", "c) Phối hợp với", "- đã có dấu", "- Một- con", "- con", "1. x", "5. y", "IV. z"]
    assert not mark_list_items(lxml.html.document_fromstring("<p>a) không có danh sách</p>"))


def test_a_real_plan_whose_portal_writes_its_bullets_as_a_list_reads_as_its_page(tmp_path: Path) -> None:
    """Đồng Tháp's plan 597/KH-UBND as a portal page: its 81 '- ' bullets as <ul> items give the same
    obligations as the page that writes the dashes."""
    page = real_html(Path(__file__).parent / "real" / "dongthap-597-kh-ubnd-2025.txt", tmp_path / "dashes.html")
    text = page.read_text(encoding="utf-8")
    items = re.compile(r"<p>[-–+•]\s*(.*?)</p>")
    listed = re.sub(r"(?:<p>[-–+•]\s*.*?</p>\s*)+",
                    lambda m: "<ul>" + "".join(f"<li>{x}</li>" for x in items.findall(m.group(0))) + "</ul>\n", text)
    assert listed.count("<li>") >= 30
    (tmp_path / "listed.html").write_text(listed, encoding="utf-8")
    dashes, lists = extract_file(page), extract_file(tmp_path / "listed.html")
    assert len(dashes.obligations) > 20
    assert duties(lists) == duties(dashes)
