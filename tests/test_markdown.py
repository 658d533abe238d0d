"""Markdown's inline markup (crawled pages saved as `.md`, or `.txt` holding `**bold**`) is read as its text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractor.ingest.markdown import is_markdown, render_inline, render_markdown
from extractor.pipeline import extract_file
from tests.conftest import duties

# a plan's implementation section as a page converted to Markdown writes it: bold body headings, a cited
# decision as a link, a list with `* ` markers, a task table with bold header cells
PLAN_MD = """**ỦY BAN NHÂN DÂN TỈNH BÌNH DƯƠNG**

Số: 45/KH-UBND

Bình Dương, ngày 12 tháng 3 năm 2024

**KẾ HOẠCH**

**Triển khai thực hiện chuyển đổi số năm 2024**

Căn cứ [Quyết định số 749/QĐ-TTg ngày 03/6/2020](https://vanban.chinhphu.vn/?docid=200163) của Thủ tướng Chính phủ;

**III. TỔ CHỨC THỰC HIỆN**

**1. Sở Thông tin và Truyền thông**
* Chủ trì, phối hợp với *Sở Tài chính* tham mưu UBND tỉnh bố trí kinh phí triển khai Kế hoạch; \
hoàn thành trước ngày 30/6/2024.
* Định kỳ hằng quý tổng hợp kết quả, báo cáo UBND tỉnh.

**2. Sở Nội vụ**
* Chủ trì đưa nội dung chuyển đổi số vào chương trình bồi dưỡng cán bộ, công chức trong năm 2024.

| **TT** | **Nhiệm vụ** | **Cơ quan chủ trì** | **Cơ quan phối hợp** | **Thời gian** |
|---|---|---|---|---|
| 1 | Xây dựng kho dữ liệu dùng chung của tỉnh | Sở Thông tin và Truyền thông | Các sở, ban, ngành | Năm 2024 |
"""


def test_bold_headings_a_link_and_star_items_read_as_the_plan_they_write(tmp_path: Path) -> None:
    path = tmp_path / "binhduong-45-kh-ubnd-2024.md"
    path.write_text(PLAN_MD, encoding="utf-8")
    record = extract_file(path)
    assert record.meta.number == "45/KH-UBND"
    assert record.meta.date == "2024-03-12"
    assert "749/QĐ-TTg" in [r.number for r in record.references]
    duties = [(o.lead, o.support, o.task) for o in record.obligations]
    assert [(lead, support, task.split()[:4]) for lead, support, task in duties] == [
        (["Sở Thông tin và Truyền thông"], ["Sở Tài chính"], ["Chủ", "trì,", "phối", "hợp"]),
        (["Sở Thông tin và Truyền thông"], [], ["Định", "kỳ", "hằng", "quý"]),
        (["Sở Nội vụ"], [], ["Chủ", "trì", "đưa", "nội"]),
        # the table's row, not its cells as bullets of the heading above it
        (["Sở Thông tin và Truyền thông"], ["Các sở, ban, ngành"], ["Xây", "dựng", "kho", "dữ"]),
    ]
    assert "phối hợp với Sở Tài chính tham mưu" in duties[0][2]
    assert record.obligations[0].deadline is not None and record.obligations[0].deadline.date == "2024-06-30"
    assert not any("*" in o.quote for o in record.obligations)


def test_inline_markup_is_rendered_and_lone_stars_stay() -> None:
    assert render_inline("**1. Sở Khoa học\nvà Công nghệ:**") == "1. Sở Khoa học\nvà Công nghệ:"
    assert render_inline("Chỉ tiêu (*) đạt 5 \\* 2 theo [Nghị quyết 57-NQ/TW](http://x) _đến năm 2030_") == \
        "Chỉ tiêu (*) đạt 5 * 2 theo Nghị quyết 57-NQ/TW đến năm 2030"
    assert render_inline("Sở KH&CN; mã_số_thuế; &amp;") == "Sở KH&CN; mã_số_thuế; &"


def test_lines_keep_their_blanks_and_tables_their_cells() -> None:
    text = "**2. Sở Tài chính** \nbố trí kinh phí \n\n\n| **TT** | **Nội dung** |\n|---|---|\n| 1 | Rà soát a\\|b |"
    assert render_markdown(text) == "2. Sở Tài chính \nbố trí kinh phí \n\n\n| TT | Nội dung |\n|---|---|\n| 1 | Rà soát a\\|b |"
    assert render_markdown("  * Chủ trì rà soát;\n*Nơi nhận:*") == "  - Chủ trì rà soát;\nNơi nhận:"


def test_a_text_file_is_markdown_only_when_it_writes_strong_emphasis() -> None:
    assert is_markdown("plan.txt", "**1. Sở Tài chính**")
    assert is_markdown("plan.md", "1. Sở Tài chính")
    # converted texts keep italics as written: the real corpus's "(*trọng tâm là mục III*)"
    assert not is_markdown("plan.txt", "các nội dung Kế hoạch (*trọng tâm là mục III*).")
    assert not is_markdown("plan.txt", "Chỉ tiêu (**) không tính")


# a crawler's Markdown of a real text: every numbered heading bold, or an ATX heading (## I., ### 1.)
MARKUPS = {
    "bold": lambda t: re.sub(r"(?m)^((?:[IVX]+|\d+(?:\.\d+)*)\.[ \t]+\S[^\n]*?)[ \t]*$", r"**\1**", t),
    "atx": lambda t: re.sub(r"(?m)^(\d+\.[ \t]+\S)", r"### \1", re.sub(r"(?m)^([IVX]+\.[ \t]+\S)", r"## \1", t)),
}


@pytest.mark.parametrize("markup", sorted(MARKUPS))
@pytest.mark.parametrize("name", ["ttg-21-ct-ttg-2026", "hcm-4085-ubnd-dt-2025"])
def test_a_real_text_with_its_numbered_headings_marked_up_reads_as_the_text(tmp_path: Path, name: str,
                                                                             markup: str) -> None:
    """The Prime Minister's Chỉ thị 21/CT-TTg and Hồ Chí Minh City's letter 4085/UBND-ĐT as a crawler's Markdown
    writes them: the same meta, references and obligations as the plain text."""
    source = Path(__file__).parent / "real" / f"{name}.txt"
    text = source.read_text(encoding="utf-8")
    marked = MARKUPS[markup](text)
    assert marked.count("**" if markup == "bold" else "# ") >= 2
    (tmp_path / f"{name}.md").write_text(marked, encoding="utf-8")
    plain, md = extract_file(source), extract_file(tmp_path / f"{name}.md")
    assert md.meta == plain.meta
    assert [r.number for r in md.references] == [r.number for r in plain.references]
    assert duties(md) == duties(plain)
    assert len(plain.obligations) >= 4


def test_a_heading_without_a_number_keeps_its_mark_for_the_title() -> None:
    """03/NQ-CP as crawled: no type line, the title an ATX heading under its number; numbered headings lose
    their marks."""
    text = "Số: 03/NQ-CP\nHà Nội, ngày 09 tháng 01 năm 2025\n\n## Ban hành Chương trình hành động\n\n## II. NHIỆM VỤ\n### 1. Nâng cao nhận thức\n## Điều 2. Hiệu lực"
    assert render_markdown(text) == text.replace("## II.", "II.").replace("### 1.", "1.").replace("## Điều", "Điều")
    record = extract_file(Path(__file__).parent / "real-group8" / "chinhphu-03-nq-cp-2025.txt")
    assert record.meta.title.startswith("Ban hành Chương trình hành động của Chính phủ thực hiện Nghị quyết số 57")
    assert record.parent is not None and record.parent.number == "57-NQ/TW"
