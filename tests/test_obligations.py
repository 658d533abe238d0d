"""Obligations on small documents built from real corpus phrases, and whole-document checks."""

from __future__ import annotations

import pytest

from extractor.appendix import find_tables, table_obligations
from extractor.document import Doc
from extractor.obligations import extract_obligations, heading_bodies
from extractor.pipeline import extract_file
from extractor.structure import find_sections


def _table_rows(text: str):
    """The obligations of every task table found in `text`."""
    return [o for t in find_tables(text) for o in table_obligations(text, t)]


def _pipeline_obls(tmp_path, text: str):
    """Obligations of `text` read as a .txt file by the whole pipeline (hard-wrapped lines joined as a portal's
    text is)."""
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    return extract_file(path).obligations


def _obls(text: str):
    doc = Doc(text)
    doc.sections = find_sections(text)
    obls = extract_obligations(doc)
    for o in obls:
        assert text[o.span[0]:o.span[1]] == o.quote
    return obls


PLAN = """KẾ HOẠCH

II. NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU

1. Phát triển hoạt động nghiên cứu

- Phối hợp với các đơn vị liên quan tổ chức các chương trình, khóa đào tạo về các giải pháp nâng cao năng suất.

III. KINH PHÍ THỰC HIỆN

2. Hằng năm, căn cứ vào nội dung kế hoạch được phê duyệt, Sở Khoa học và Công nghệ có trách nhiệm tổng hợp, lập dự toán nguồn ngân sách sự nghiệp khoa học gửi Sở Tài chính thẩm định, trình Ủy ban nhân dân tỉnh theo quy định.

IV. TỔ CHỨC THỰC HIỆN

1. Sở Khoa học và Công nghệ:

- Là cơ quan thường trực giúp Ủy ban nhân dân tỉnh quản lý nhà nước về hoạt động năng suất, chủ trì xây dựng kế hoạch.

- Chủ trì, phối hợp với các sở, ban, ngành liên quan triển khai kế hoạch; lồng ghép, triển khai các nhiệm vụ khoa học và công nghệ hằng năm. Định kỳ báo cáo kết quả thực hiện kế hoạch theo quy định.

2. Các sở: Công Thương, Xây dựng, Văn hóa, Thể thao và Du lịch trong phạm vi thẩm quyền có trách nhiệm:

Phối hợp với Sở Khoa học và Công nghệ và các sở quản lý chuyên ngành, xây dựng các chương trình truyền thông. Tham mưu, đề xuất với Ủy ban nhân dân tỉnh triển khai các nội dung của kế hoạch.

3. Sở Kế hoạch và Đầu tư:

Chủ trì, phối hợp với Sở Tài chính và Sở khoa học và Công nghệ tổng hợp, cân đối đảm bảo các nguồn lực.

4. Ban Quản lý các khu công nghiệp tỉnh, Liên minh Hợp tác tỉnh, Hiệp hội doanh nghiệp tỉnh:

- Phối hợp triển khai thực hiện nội dung nâng cao năng suất trong các hợp tác xã, làng nghề.

- Cung cấp thông tin về nhu cầu đào tạo cho Sở Khoa học và Công nghệ để tổng hợp, báo cáo Ủy ban nhân dân tỉnh.

5. Các doanh nghiệp, cá nhân có hoạt động sản xuất; Hội Doanh nhân trẻ Thuận An

Hội Doanh nhân trẻ Thuận An phối hợp với Phòng Kinh tế; các Sở, ngành liên quan tổ chức các hoạt động tôn vinh trong cộng đồng doanh nghiệp hằng năm.

Tích cực, chủ động trong việc áp dụng hệ thống quản lý, áp dụng công cụ cải tiến năng suất.

Trên đây là Kế hoạch nâng cao năng suất. Yêu cầu Thủ trưởng các sở, ban, ngành nghiêm túc triển khai thực hiện.

Nơi nhận:
- Bộ Khoa học và Công nghệ;
- Sở Tài chính chủ trì;
"""


@pytest.fixture(scope="module")
def plan():
    return _obls(PLAN)


def _find(obls, words):
    hits = [o for o in obls if words in o.task]
    assert len(hits) == 1, f"{words!r}: {[o.task for o in obls]}"
    return hits[0]


def test_plan_count(plan):
    assert len(plan) == 9


def test_task_list_without_lead_is_no_obligation(plan):
    assert not [o for o in plan if "khóa đào tạo" in o.task]


def test_lead_sentence_in_funding_section(plan):
    o = _find(plan, "lập dự toán")
    assert o.lead == ["Sở Khoa học và Công nghệ"] and o.support == []
    assert o.deadline.kind == "recurring" and o.deadline.text == "Hằng năm"
    assert o.task.startswith("tổng hợp, lập dự toán")


def test_bullets_under_body_heading(plan):
    o = _find(plan, "Là cơ quan thường trực")
    assert o.lead == ["Sở Khoa học và Công nghệ"] and o.deadline is None
    o = _find(plan, "lồng ghép")
    assert o.support == ["các sở, ban, ngành liên quan"]
    assert o.deadline.text == "Định kỳ"


def test_distributed_list_heading_and_support(plan):
    o = _find(plan, "chương trình truyền thông")
    assert o.lead == ["Sở Công Thương", "Sở Xây dựng", "Sở Văn hóa, Thể thao và Du lịch"]
    assert o.support == ["Sở Khoa học và Công nghệ", "các sở quản lý chuyên ngành"]


def test_two_supports_joined_by_va(plan):
    assert _find(plan, "cân đối").support == ["Sở Tài chính", "Sở Khoa học và Công nghệ"]


def test_addressed_bodies_are_not_support(plan):
    o = _find(plan, "Cung cấp thông tin")
    assert o.lead == ["Ban Quản lý các khu công nghiệp tỉnh", "Liên minh Hợp tác xã tỉnh", "Hiệp hội doanh nghiệp tỉnh"]
    assert o.support == []


def test_paragraphs_naming_different_doers(plan):
    o = _find(plan, "tôn vinh")
    assert o.lead == ["Hội Doanh nhân trẻ Thuận An"]
    assert o.support == ["Phòng Kinh tế", "các Sở, ngành liên quan"]
    assert o.deadline.kind == "recurring"
    o = _find(plan, "Tích cực")
    assert o.lead == ["Các doanh nghiệp, cá nhân có hoạt động sản xuất"]


def test_closing_and_distribution_list_skipped(plan):
    assert not [o for o in plan if "nghiêm túc" in o.task or "Trên đây" in o.task]
    assert not [o for o in plan if o.span[0] > PLAN.index("Nơi nhận")]


def test_sections_recorded(plan):
    assert _find(plan, "Là cơ quan thường trực").section == "IV.1"


@pytest.mark.parametrize("line,lead,task", [
    ("1. Sở Khoa học và Công nghệ:", ["Sở Khoa học và Công nghệ"], None),
    ("1. Phòng Kinh tế", ["Phòng Kinh tế"], None),
    ("3. Phòng Tài chính - Kế hoạch", ["Phòng Tài chính - Kế hoạch"], None),
    ("7. Ủy ban nhân dân các huyện, thị xã, thành phố:", ["Ủy ban nhân dân các huyện, thị xã, thành phố"], None),
    ("b) Sở Tài chính: Bố trí kinh phí thực hiện Kế hoạch.", ["Sở Tài chính"], "Bố trí kinh phí thực hiện Kế hoạch."),
    ("6. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"], None),
    ("a) Sở Khoa học và Công nghệ là cơ quan thường trực, có trách nhiệm:", ["Sở Khoa học và Công nghệ"], None),
    ("1. Trách nhiệm của Sở Thông tin và Truyền thông", ["Sở Thông tin và Truyền thông"], None),
    ("1. Các sở, ban, ngành, Ủy ban nhân dân các huyện, thị xã, thành phố:",
     ["Các sở, ban, ngành", "Ủy ban nhân dân các huyện, thị xã, thành phố"], None),
    ("2. Kinh phí thực hiện", [], None),
    ("2. Mục tiêu cụ thể", [], None),
    # abbreviations are expanded before deciding a heading names a body
    ("6. BQL các KCN tỉnh:", ["Ban Quản lý các khu công nghiệp tỉnh"], None),
    ("3. Sở KH&ĐT:", ["Sở Kế hoạch và Đầu tư"], None),
    ("4. Sở TC:", ["Sở Tài chính"], None),
    ("5. BQL Khu kinh tế tỉnh:", ["Ban Quản lý Khu kinh tế tỉnh"], None),
    # a list of levels after UBND is one body
    ("6. UBND quận, huyện:", ["Ủy ban nhân dân quận, huyện"], None),
    ("7. UBND các xã, phường, thị trấn:", ["Ủy ban nhân dân các xã, phường, thị trấn"], None),
    ("8. UBND cấp huyện:", ["Ủy ban nhân dân cấp huyện"], None),
    # parks addressed as doers, one 'Các' over a list (982/QĐ-TTg, Điều 2); a park named as a place is no heading
    ("8. Các Khu Công nghệ cao, Khu Công nghệ số tập trung và hiệp hội, doanh nghiệp liên quan",
     ["Các Khu Công nghệ cao", "Khu công nghệ số tập trung", "hiệp hội, doanh nghiệp liên quan"], None),
    ("3. Phát triển các khu công nghệ cao", [], None),
])
def test_heading_bodies(line, lead, task):
    assert heading_bodies(line) == (lead, task)


@pytest.mark.parametrize("line,lead", [
    # directives and decisions address the officer; the lead is the body he heads
    ("1. Giám đốc Sở Khoa học và Công nghệ:", ["Sở Khoa học và Công nghệ"]),
    ("2. Giám đốc các sở: Công Thương, Nông nghiệp và Phát triển nông thôn, Thông tin và Truyền thông:",
     ["Sở Công Thương", "Sở Nông nghiệp và Phát triển nông thôn", "Sở Thông tin và Truyền thông"]),
    ("3. Giám đốc Sở Kế hoạch và Đầu tư, Giám đốc Sở Tài chính:", ["Sở Kế hoạch và Đầu tư", "Sở Tài chính"]),
    ("4. Chủ tịch Ủy ban nhân dân các huyện, thị xã, thành phố:", ["Ủy ban nhân dân các huyện, thị xã, thành phố"]),
    ("5. Thủ trưởng các sở, ban, ngành tỉnh:", ["các sở, ban, ngành tỉnh"]),
    ("6. Chánh Văn phòng UBND tỉnh:", ["Văn phòng Ủy ban nhân dân tỉnh"]),
    ("7. Cục trưởng Cục Thuế tỉnh:", ["Cục Thuế tỉnh"]),
    ("8. Trưởng Ban Quản lý các khu công nghiệp tỉnh:", ["Ban Quản lý các khu công nghiệp tỉnh"]),
    # ministry units
    ("1. Tổng cục Tiêu chuẩn Đo lường Chất lượng:", ["Tổng cục Tiêu chuẩn Đo lường Chất lượng"]),
    ("2. Vụ Kế hoạch - Tài chính:", ["Vụ Kế hoạch - Tài chính"]),
    ("3. Văn phòng Bộ:", ["Văn phòng Bộ"]),
    ("1. Đối với Sở Khoa học và Công nghệ:", ["Sở Khoa học và Công nghệ"]),
    ("a) Đối với các sở, ban, ngành:", ["các sở, ban, ngành"]),
    ("2. Đối với UBND các huyện, thị xã, thành phố", ["Ủy ban nhân dân các huyện, thị xã, thành phố"]),
    ("10. Ngân hàng Nhà nước Việt Nam - Chi nhánh tỉnh:", ["Ngân hàng Nhà nước Việt Nam - Chi nhánh tỉnh"]),  # as the real gold writes a branch
    ("4. Vụ Đánh giá, Thẩm định và Giám định công nghệ:", ["Vụ Đánh giá, Thẩm định và Giám định công nghệ"]),
    ("5. Trung tâm Truyền thông khoa học và công nghệ:", ["Trung tâm Truyền thông khoa học và công nghệ"]),
    ("6. Các đơn vị thuộc Bộ:", ["Các đơn vị thuộc Bộ"]),
    ("7. Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ:", ["Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ"]),
    ("8. Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương:",
     ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương"]),
    ("9. Ban Tuyên giáo Tỉnh ủy:", ["Ban Tuyên giáo Tỉnh ủy"]),
    ("10. Các cơ quan thông tấn, báo chí:", ["Các cơ quan thông tấn, báo chí"]),
])
def test_officer_and_ministry_headings(line, lead):
    assert heading_bodies(line) == (lead, None)


@pytest.mark.parametrize("line,lead,task", [
    # a numbered implementation item whose subject is the body: a heading with its task on the same line
    ("2. Các sở: Công Thương, Nông nghiệp và Phát triển nông thôn, Y tế phối hợp với Sở KH&CN lựa chọn doanh nghiệp.",
     ["Sở Công Thương", "Sở Nông nghiệp và Phát triển nông thôn", "Sở Y tế"],
     "phối hợp với Sở KH&CN lựa chọn doanh nghiệp."),
    ("4. Hiệp hội Doanh nghiệp tỉnh phối hợp tuyên truyền, vận động hội viên tham gia Kế hoạch.",
     ["Hiệp hội doanh nghiệp tỉnh"], "phối hợp tuyên truyền, vận động hội viên tham gia Kế hoạch."),
    ("5. UBND các huyện, thị xã, thành phố căn cứ Kế hoạch này xây dựng kế hoạch trước ngày 30/9/2022.",
     ["Ủy ban nhân dân các huyện, thị xã, thành phố"], "căn cứ Kế hoạch này xây dựng kế hoạch trước ngày 30/9/2022."),
    ("2. Các sở, ban, ngành, UBND các huyện, thành phố căn cứ nhiệm vụ được giao, chủ động xây dựng kế hoạch.",
     ["Các sở, ban, ngành", "Ủy ban nhân dân các huyện, thành phố"],
     "căn cứ nhiệm vụ được giao, chủ động xây dựng kế hoạch."),
    ("6. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh phối hợp tuyên truyền, vận động nhân dân.",
     ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"], "phối hợp tuyên truyền, vận động nhân dân."),
    ("3. UBND các huyện, thành phố căn cứ tình hình thực tế:", ["Ủy ban nhân dân các huyện, thành phố"], None),
    ("3. Vụ Pháp chế phối hợp rà soát văn bản quy phạm pháp luật.", ["Vụ Pháp chế"],
     "phối hợp rà soát văn bản quy phạm pháp luật."),
    ("4. Cục Phát triển thị trường và doanh nghiệp khoa học và công nghệ hướng dẫn doanh nghiệp.",
     ["Cục Phát triển thị trường và doanh nghiệp khoa học và công nghệ"], "hướng dẫn doanh nghiệp."),
    ("5. Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ, Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung "
     "ương căn cứ chức năng, nhiệm vụ được giao triển khai Kế hoạch.",
     ["Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ", "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương"],
     "căn cứ chức năng, nhiệm vụ được giao triển khai Kế hoạch."),
    ("6. Các tổ chức khoa học và công nghệ tham gia thực hiện các nhiệm vụ.",
     ["Các tổ chức khoa học và công nghệ"], "tham gia thực hiện các nhiệm vụ."),
    ("7. Các phòng, ban chuyên môn thuộc Ủy ban nhân dân thị xã phối hợp với Phòng Kinh tế.",
     ["Các phòng, ban chuyên môn thuộc Ủy ban nhân dân thị xã"], "phối hợp với Phòng Kinh tế."),
    ("8. Trường Đại học Phú Yên phối hợp đào tạo.", ["Trường Đại học Phú Yên"], "phối hợp đào tạo."),
    ("3. Kinh phí thực hiện Kế hoạch được bố trí từ ngân sách.", [], None),
    ("3. Các nhiệm vụ trọng tâm triển khai trong năm 2022.", [], None),
    ("3. Bố trí kinh phí thực hiện các nhiệm vụ.", [], None),
    ("5. Các huyện, thị xã, thành phố:", ["Các huyện, thị xã, thành phố"], None),
    ("7. Các địa phương:", ["Các địa phương"], None),
    ("4. Ủy ban nhân dân tỉnh giao Sở Tài chính chủ trì bố trí kinh phí.", [], None),  # left to the sentence reader
    ("3. Ban Chỉ đạo tỉnh", ["Ban Chỉ đạo tỉnh"], None),  # a capitalised "Chỉ đạo" is part of the name
    ("3. Hằng năm, tổ chức đánh giá kết quả thực hiện.", [], None),
    ("9. Sở Công Thương tạo điều kiện cho doanh nghiệp tham gia.", ["Sở Công Thương"],
     "tạo điều kiện cho doanh nghiệp tham gia."),
    # 'tạo' in 'sáng tạo' is no verb: the committee is what the solution strengthens, not a doer (bacninh-144)
    ("Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và đề án 06 của tỉnh, bảo đảm "
     "vai trò định hướng trọng tâm.", [], None),
    # 'dự án đầu tư xây dựng' is the board's name, not its verbs (105/NQ-CP)
    ("5. Ban Quản lý dự án đầu tư xây dựng tỉnh tổ chức thực hiện các dự án.",
     ["Ban Quản lý dự án đầu tư xây dựng tỉnh"], "tổ chức thực hiện các dự án."),
    ("Ban Quản lý dự án đầu tư xây dựng cấp xã phải tự chủ về tài chính, tự đảm bảo kinh phí hoạt động.", [], None),
])
def test_subject_items(line, lead, task):
    assert heading_bodies(line, subject=True) == (lead, task)
    assert heading_bodies(line)[1] is None  # not read so outside numbered implementation items


DIRECTIVE = """CHỈ THỊ

Về đẩy mạnh ứng dụng khoa học, công nghệ nhằm nâng cao năng suất

Để triển khai thực hiện có hiệu quả Quyết định số 36/QĐ-TTg, Chủ tịch Ủy ban nhân dân tỉnh chỉ thị:

1. Giám đốc Sở Khoa học và Công nghệ:

a) Chủ trì, phối hợp với các sở, ngành, địa phương tham mưu UBND tỉnh triển khai Luật Chuyển giao công nghệ.

b) Hằng năm, đặt hàng các nhiệm vụ khoa học và công nghệ phục vụ nâng cao năng suất.

2. Giám đốc các sở: Công Thương, Thông tin và Truyền thông:

Phối hợp với Sở Khoa học và Công nghệ lựa chọn doanh nghiệp tiêu biểu trong giai đoạn 2022 - 2025.

3. Giám đốc Sở Kế hoạch và Đầu tư, Giám đốc Sở Tài chính:

Sở Kế hoạch và Đầu tư chủ trì tham mưu bố trí vốn đầu tư phát triển.

Sở Tài chính tham mưu bố trí kinh phí sự nghiệp khoa học và công nghệ hằng năm.

4. Chủ tịch Ủy ban nhân dân các huyện, thị xã, thành phố:

- Chỉ đạo xây dựng kế hoạch nâng cao năng suất của địa phương, ban hành trước ngày 31/12/2021.

- Hỗ trợ hợp tác xã ứng dụng tiến bộ kỹ thuật vào sản xuất nông nghiệp.

Chủ tịch Ủy ban nhân dân tỉnh yêu cầu Thủ trưởng các sở, ban, ngành, Chủ tịch Ủy ban nhân dân các huyện nghiêm túc thực hiện Chỉ thị này./.

Nơi nhận:
- Các sở, ban, ngành;
"""


def test_directive_items_are_assignments():
    obls = _obls(DIRECTIVE)
    assert [(o.lead, o.task[:12]) for o in obls] == [
        (["Sở Khoa học và Công nghệ"], "Chủ trì, phố"), (["Sở Khoa học và Công nghệ"], "Hằng năm, đặ"),
        (["Sở Công Thương", "Sở Thông tin và Truyền thông"], "Phối hợp với"),
        (["Sở Kế hoạch và Đầu tư"], "Sở Kế hoạch "), (["Sở Tài chính"], "Sở Tài chính"),
        (["Ủy ban nhân dân các huyện, thị xã, thành phố"], "Chỉ đạo xây "),
        (["Ủy ban nhân dân các huyện, thị xã, thành phố"], "Hỗ trợ hợp t")]
    assert obls[0].support == ["các sở, ngành, địa phương"]
    assert obls[2].support == ["Sở Khoa học và Công nghệ"] and obls[2].deadline.kind == "range"
    assert obls[4].deadline is None  # 'kinh phí sự nghiệp ... hằng năm' is a noun phrase
    assert obls[5].deadline.date == "2021-12-31"


def test_directive_with_its_own_implementation_item():
    obls = _obls("CHỈ THỊ\n\nChủ tịch UBND tỉnh yêu cầu:\n\n1. Giám đốc Sở Tài chính:\n\na) Bố trí kinh phí thực hiện."
                 "\n\nb) Hướng dẫn thanh quyết toán.\n\n2. Sở Y tế chủ trì hướng dẫn các bệnh viện.\n\n"
                 "3. Tổ chức thực hiện\n\na) Thủ trưởng các sở, ban, ngành tổ chức quán triệt Chỉ thị này.\n\n"
                 "b) Giao Văn phòng UBND tỉnh theo dõi, đôn đốc việc thực hiện.\n\nNơi nhận:\n- Như trên;\n")
    assert [o.lead for o in obls] == [["Sở Tài chính"], ["Sở Tài chính"], ["Sở Y tế"], ["các sở, ban, ngành"],
                                      ["Văn phòng Ủy ban nhân dân tỉnh"]]


def test_plan_heading_with_yeu_cau_is_no_directive():
    obls = _obls("KẾ HOẠCH\n\nI. MỤC ĐÍCH, YÊU CẦU:\n\n1. Mục đích\n\n- Nâng cao năng suất lao động.\n\n"
                 "2. Yêu cầu\n\n- Các sở, ngành, địa phương chủ động triển khai thực hiện.\n\n"
                 "II. TỔ CHỨC THỰC HIỆN\n\n1. Sở Tài chính bố trí kinh phí.\n")
    assert [o.lead for o in obls] == [["Sở Tài chính"]]


def test_directive_items_under_roman_parts():
    obls = _obls("CHỈ THỊ\n\nChủ tịch UBND tỉnh yêu cầu:\n\nI. NHIỆM VỤ CHUNG\n\nCác cấp, các ngành quán triệt Chỉ thị."
                 "\n\nII. NHIỆM VỤ CỤ THỂ\n\n1. Giám đốc Sở Tài chính:\n\na) Bố trí kinh phí thực hiện.\n\n"
                 "2. Sở Y tế chủ trì hướng dẫn các bệnh viện.\n\nNơi nhận:\n- Như trên;\n")
    assert [o.lead for o in obls] == [["Sở Tài chính"], ["Sở Y tế"]]


def test_closing_paragraph_keeps_its_assignment():
    obls = _obls("CHỈ THỊ\n\nChủ tịch UBND tỉnh yêu cầu:\n\n1. Sở Tài chính bố trí kinh phí thực hiện.\n\n"
                 "2. Sở Y tế chủ trì hướng dẫn các bệnh viện.\n\nYêu cầu Thủ trưởng các sở, ban, ngành nghiêm túc "
                 "thực hiện Chỉ thị này. Giao Sở Khoa học và Công nghệ theo dõi, đôn đốc việc thực hiện Chỉ thị; "
                 "định kỳ hằng năm báo cáo Chủ tịch UBND tỉnh./.\n\nNơi nhận:\n- Như trên;\n")
    assert [o.lead for o in obls] == [["Sở Tài chính"], ["Sở Y tế"], ["Sở Khoa học và Công nghệ"]]
    assert obls[2].task == "theo dõi, đôn đốc việc thực hiện Chỉ thị; định kỳ hằng năm báo cáo Chủ tịch UBND tỉnh"


IMPLEMENTATION_SENTENCES = """KẾ HOẠCH

IV. TỔ CHỨC THỰC HIỆN

1. Sở Khoa học và Công nghệ là cơ quan đầu mối, chủ trì tổ chức thực hiện Kế hoạch.

2. Các sở: Công Thương, Nông nghiệp và Phát triển nông thôn, Y tế phối hợp với Sở KH&CN lựa chọn doanh nghiệp tham gia Kế hoạch.

3. Hiệp hội Doanh nghiệp tỉnh phối hợp tuyên truyền, vận động hội viên tham gia Kế hoạch.

4. UBND các huyện, thị xã, thành phố căn cứ Kế hoạch này xây dựng kế hoạch thực hiện trước ngày 30/9/2022.

Trên đây là Kế hoạch hỗ trợ doanh nghiệp; yêu cầu các sở, ngành, địa phương triển khai thực hiện./.
"""


def test_implementation_items_written_as_sentences():
    obls = _obls(IMPLEMENTATION_SENTENCES)
    assert [o.lead for o in obls] == [
        ["Sở Khoa học và Công nghệ"], ["Sở Công Thương", "Sở Nông nghiệp và Phát triển nông thôn", "Sở Y tế"],
        ["Hiệp hội doanh nghiệp tỉnh"], ["Ủy ban nhân dân các huyện, thị xã, thành phố"]]
    assert obls[1].support == ["Sở Khoa học và Công nghệ"]
    assert obls[2].support == []  # the doer of 'phối hợp tuyên truyền' leads
    assert obls[3].deadline.date == "2022-09-30"


@pytest.mark.parametrize("text,want", [
    # bullets naming their own doer as subject, under a heading that names none
    ("Chủ tịch UBND tỉnh yêu cầu:\n\n1. Tăng cường công tác tuyên truyền\n\n"
     "- Các sở, ban, ngành, địa phương đẩy mạnh tuyên truyền về chuyển đổi số.\n\n"
     "- Đài Phát thanh và Truyền hình tỉnh, Báo Quảng Trị mở chuyên mục về chuyển đổi số.\n\n"
     "- Nâng cao nhận thức của người dân.\n\n2. Sở Tài chính bố trí kinh phí.\n",
     [(["Các sở, ban, ngành, địa phương"], "đẩy mạnh tuyên truyền về chuyển đổi số"),
      (["Đài Phát thanh và Truyền hình tỉnh", "Báo Quảng Trị"], "mở chuyên mục về chuyển đổi số"),
      (["Sở Tài chính"], "bố trí kinh phí")]),
    ("KẾ HOẠCH\n\nIV. TỔ CHỨC THỰC HIỆN\n\n- Sở Tài chính bố trí kinh phí thực hiện Kế hoạch.\n\n"
     "- Hiệp hội doanh nghiệp tỉnh tham gia tuyên truyền, vận động hội viên.\n\n"
     "Yêu cầu Thủ trưởng các sở, ban, ngành nghiêm túc triển khai thực hiện./.\n",
     [(["Sở Tài chính"], "bố trí kinh phí thực hiện Kế hoạch"),
      (["Hiệp hội doanh nghiệp tỉnh"], "tham gia tuyên truyền, vận động hội viên")]),
])
def test_bullets_with_their_own_subject(text, want):
    assert [(o.lead, o.task) for o in _obls(text)] == want


def test_paragraph_doers_named_by_their_officer():
    obls = _obls("KẾ HOẠCH\n\nIV. TỔ CHỨC THỰC HIỆN\n\n1. Sở Kế hoạch và Đầu tư, Sở Tài chính:\n\n"
                 "Giám đốc Sở Kế hoạch và Đầu tư chỉ đạo tham mưu bố trí vốn đầu tư phát triển.\n\n"
                 "Giám đốc Sở Tài chính tham mưu bố trí kinh phí sự nghiệp.\n")
    assert [o.lead for o in obls] == [["Sở Kế hoạch và Đầu tư"], ["Sở Tài chính"]]


@pytest.mark.parametrize("text,lead,task", [
    ("Giao Giám đốc Sở Tài chính chủ trì, phối hợp với Sở Kế hoạch và Đầu tư bố trí kinh phí.\n",
     ["Sở Tài chính"], "chủ trì, phối hợp với Sở Kế hoạch và Đầu tư bố trí kinh phí"),
    ("Giám đốc Sở Y tế có trách nhiệm chỉ đạo các bệnh viện áp dụng công cụ cải tiến năng suất.\n",
     ["Sở Y tế"], "chỉ đạo các bệnh viện áp dụng công cụ cải tiến năng suất"),
    ("UBND tỉnh giao Giám đốc Sở Công Thương hướng dẫn doanh nghiệp.\n", ["Sở Công Thương"], "hướng dẫn doanh nghiệp"),
])
def test_officer_in_lead_sentences(text, lead, task):
    assert [(o.lead, o.task) for o in _obls(text)] == [(lead, task)]


@pytest.mark.parametrize("line,lead,task", [
    # only the officer before the bodies stands for them; the task keeps its words
    ("1. Sở Tài chính: Giám đốc Sở chỉ đạo bố trí kinh phí", ["Sở Tài chính"], "Giám đốc Sở chỉ đạo bố trí kinh phí"),
    ("5. Giám đốc Sở Tài chính bố trí kinh phí, báo cáo Chủ tịch UBND tỉnh.", ["Sở Tài chính"],
     "bố trí kinh phí, báo cáo Chủ tịch UBND tỉnh."),
])
def test_officer_titles_in_tasks_kept(line, lead, task):
    assert heading_bodies(line, subject=True) == (lead, task)


def test_support_named_by_its_officer():
    obls = _obls("Sở Nội vụ chủ trì, phối hợp với Chủ tịch UBND các huyện rà soát tổ chức bộ máy.\n")
    assert obls[0].support == ["Ủy ban nhân dân các huyện"]


NEWS = ("Sở Khoa học và Công nghệ chủ trì, phối hợp với các Sở, Ban, ngành liên quan tổ chức hướng dẫn, đôn đốc, "
        "kiểm tra việc thực hiện Kế hoạch; Chi cục Tiêu chuẩn Đo lường Chất lượng trực thuộc Sở Khoa học và Công "
        "nghệ là cơ quan đầu mối theo dõi, tổng hợp tình hình triển khai thực hiện Kế hoạch.\n\n"
        "Sở KH&CN sẽ trình UBND tỉnh Kế hoạch này để triển khai ngay Quyết định 36/QĐ-TTg. "
        "Tổng cục sẽ phối hợp và giúp đỡ Quảng Ninh trong quá trình triển khai thực hiện.\n")


def test_news_lead_sentences_and_intent():
    obls = _obls(NEWS)
    assert [o.lead for o in obls] == [["Sở Khoa học và Công nghệ"], ["Chi cục Tiêu chuẩn Đo lường Chất lượng"]]
    assert obls[0].support == ["các Sở, Ban, ngành liên quan"]
    assert obls[1].task.startswith("là cơ quan đầu mối")


@pytest.mark.parametrize("text", [
    "Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Khoa học và Công nghệ chịu trách nhiệm thi hành Quyết định này./.",
    "Trong quá trình thực hiện nếu có khó khăn, vướng mắc đề nghị cơ quan, đơn vị kịp thời báo cáo về Phòng Kinh tế.",
    "Ông Hoàng Bá Nam, Giám đốc Sở KH&CN khẳng định, Quảng Ninh sẵn sàng thực hiện Quyết định 36/QĐ-TTg.",
    "Ông Hoàng Bá Nam, Giám đốc Sở KH&CN chủ trì buổi làm việc.",
    "Chủ tịch Ủy ban nhân dân tỉnh yêu cầu Thủ trưởng các sở, ban, ngành, Chủ tịch Ủy ban nhân dân các huyện, "
    "thị xã, thành phố nghiêm túc thực hiện Chỉ thị này./.",
    "Trên đây là Kế hoạch; yêu cầu các sở, ngành, địa phương triển khai thực hiện./.",
    "Đề nghị Cục Thuế tỉnh quan tâm, phối hợp; trong quá trình thực hiện nếu có vướng mắc, đề nghị các cơ quan, "
    "đơn vị báo cáo về Sở Khoa học và Công nghệ để tổng hợp./.",
    # passive: what is done to them (105/NQ-CP, group 3)
    "Các cơ sở giáo dục thuộc diện dồn ghép phải được chuẩn bị đầy đủ cơ sở vật chất tại điểm trường chính.",
])
def test_not_obligations(text):
    assert _obls(text) == []


@pytest.mark.parametrize("line,leads", [
    # passive 'được giao cho X' names no doer
    ("- Cụ thể hóa các nhiệm vụ được giao cho Bộ Khoa học và Công nghệ tại Quyết định số 36/QĐ-TTg.", []),
    # objectives hold no assignment without a lead marker
    ("- Giao Sở Khoa học và Công nghệ tổ chức triển khai các nội dung của Kế hoạch.", []),
    # an explicit 'X chủ trì' stays an obligation there
    ("- Sở Khoa học và Công nghệ chủ trì tổ chức triển khai các nội dung của Kế hoạch.", [["Sở Khoa học và Công nghệ"]]),
])
def test_objectives_hold_no_assignments(line, leads):
    for title in ("I. MỤC ĐÍCH, YÊU CẦU\n\n1. Mục đích", "I. MỤC TIÊU\n\n1. Mục tiêu chung", "II. YÊU CẦU"):
        obls = _obls(f"KẾ HOẠCH\n\n{title}\n\n{line}\n\nIII. KINH PHÍ\n\nNgân sách tỉnh.\n")
        assert [o.lead for o in obls] == leads, title


def test_passive_assignment_is_no_lead_anywhere():
    obls = _obls("II. NHIỆM VỤ\n\n- Triển khai các nhiệm vụ đã giao cho Sở Tài chính tại Kế hoạch số 12/KH-UBND.\n")
    assert obls == []


@pytest.mark.parametrize("bullet,support", [
    ("- Chủ trì, phối hợp với các cơ sở giáo dục nghề nghiệp tổ chức đào tạo nghề cho lao động.",
     ["các cơ sở giáo dục nghề nghiệp"]),
    ("- Phối hợp với các sở, ban ngành, UBND quận, huyện triển khai kế hoạch.",
     ["các sở, ban ngành", "Ủy ban nhân dân quận, huyện"]),
    ("- Chủ trì, phối hợp với Sở TC bố trí kinh phí thực hiện.", ["Sở Tài chính"]),
    ("- Phối hợp với Sở TN&MT, Sở TP, Sở XD, Sở YT, Sở CT hướng dẫn doanh nghiệp.",
     ["Sở Tài nguyên và Môi trường", "Sở Tư pháp", "Sở Xây dựng", "Sở Y tế", "Sở Công Thương"]),
    ("- Chủ trì, phối hợp với Trung tâm Truyền thông khoa học và công nghệ tuyên truyền kế hoạch.",
     ["Trung tâm Truyền thông khoa học và công nghệ"]),
    ("- Chủ trì, phối hợp với Sở NV, Sở KH&ĐT và UBND các xã, phường, thị trấn rà soát.",
     ["Sở Nội vụ", "Sở Kế hoạch và Đầu tư", "Ủy ban nhân dân các xã, phường, thị trấn"]),
])
def test_support_lists_under_a_body_heading(bullet, support):
    obls = _obls(f"IV. TỔ CHỨC THỰC HIỆN\n\n1. Sở LĐ-TB&XH:\n\n{bullet}\n\n2. UBND quận, huyện:\n\n"
                 "- Tổ chức triển khai kế hoạch trên địa bàn.\n")
    assert [(o.lead, o.support) for o in obls] == [
        (["Sở Lao động - Thương binh và Xã hội"], support), (["Ủy ban nhân dân quận, huyện"], [])]


@pytest.mark.parametrize("item,lead", [
    # an implementation item opening with an adverbial: the doer is the body list after its comma
    ("2. Căn cứ Kế hoạch này, các sở, ban, ngành, UBND các huyện xây dựng kế hoạch thực hiện.",
     ["các sở, ban, ngành", "Ủy ban nhân dân các huyện"]),
    ("2. Hằng năm, Sở Tài chính bố trí kinh phí thực hiện Kế hoạch.", ["Sở Tài chính"]),
    ("- Căn cứ chức năng, nhiệm vụ được giao, các sở, ngành xây dựng kế hoạch thực hiện.", ["các sở, ngành"]),
    ("- Căn cứ nội dung Kế hoạch, UBND các huyện, thị xã chủ động bố trí kinh phí.",
     ["Ủy ban nhân dân các huyện, thị xã"]),
    ("2. Căn cứ Kế hoạch này, xây dựng kế hoạch thực hiện.", None),
    ("2. Trong quá trình thực hiện, nếu có vướng mắc, các sở, ngành báo cáo về Sở Khoa học và Công nghệ.", None),
    # the same closing request naming who has the duty assigns it (Nghị quyết 175/NQ-CP, III.2.h)
    ("2. Trong quá trình triển khai thực hiện Đề án, nếu có khó khăn, vướng mắc, các bộ, ngành, địa phương có trách "
     "nhiệm gửi kiến nghị về Bộ Công an để tổng hợp, báo cáo Thủ tướng Chính phủ.", ["các bộ, ngành, địa phương"]),
])
def test_implementation_items_opening_with_an_adverbial(item, lead):
    obls = _obls(f"IV. TỔ CHỨC THỰC HIỆN\n\n1. Sở Khoa học và Công nghệ:\n\n- Chủ trì triển khai Kế hoạch.\n\n{item}\n")
    assert obls[0].lead == ["Sở Khoa học và Công nghệ"]
    got = [(o.lead, o.task) for o in obls[1:]]
    task = item.split(" ", 1)[1].rstrip(".")
    assert got == ([(lead, task)] if lead else []), got


def test_adverbial_bullet_naming_part_of_its_heading_keeps_the_heading():
    obls = _obls("IV. TỔ CHỨC THỰC HIỆN\n\n1. Các sở, ban, ngành, địa phương:\n\n"
                 "- Căn cứ Kế hoạch này, các sở xây dựng kế hoạch thực hiện.\n")
    assert [o.lead for o in obls] == [["Các sở, ban, ngành, địa phương"]]


@pytest.mark.parametrize("heading,support", [
    ("2. Sở Tài chính chủ trì, phối hợp với Sở KH&ĐT:", ["Sở Kế hoạch và Đầu tư"]),
    ("2. Sở Tài chính:", []),
    ("Điều 2. Giao Sở Tài chính chủ trì, phối hợp với các cơ quan liên quan:", ["các cơ quan liên quan"]),
])
def test_heading_support_holds_for_bullets_without_their_own(heading, support):
    prefix = "" if heading.startswith("Điều") else "IV. TỔ CHỨC THỰC HIỆN\n\n"
    obls = _obls(f"{prefix}{heading}\n\n- Bố trí kinh phí thực hiện kế hoạch.\n\n"
                 "- Hướng dẫn, phối hợp với Sở NV thực hiện.\n")
    assert [(o.lead, o.support) for o in obls] == [(["Sở Tài chính"], support), (["Sở Tài chính"], ["Sở Nội vụ"])]


@pytest.mark.parametrize("furniture", ["- 3 -", "3", "– 12 –", "* * *"])
def test_lines_without_letters_are_no_tasks(furniture):
    obls = _obls("IV. TỔ CHỨC THỰC HIỆN\n\n1. Sở Khoa học và Công nghệ:\n\n- Chủ trì triển khai Kế hoạch.\n\n"
                 f"{furniture}\n\n- Tổng hợp, báo cáo kết quả thực hiện.\n\n2. Sở Tài chính:\n\n"
                 f"Bố trí kinh phí thực hiện Kế hoạch.\n\n{furniture}\n\n")
    assert [o.task for o in obls] == ["Chủ trì triển khai Kế hoạch", "Tổng hợp, báo cáo kết quả thực hiện",
                                      "Bố trí kinh phí thực hiện Kế hoạch"]


def test_decision_article_assigning_a_list():
    obls = _obls("QUYẾT ĐỊNH\n\nĐiều 1. Phê duyệt Đề án hỗ trợ doanh nghiệp nâng cao năng suất.\n\n"
                 "Điều 2. Giao Sở Khoa học và Công nghệ chủ trì, phối hợp với các cơ quan liên quan:\n\n"
                 "- Hướng dẫn các doanh nghiệp xây dựng dự án.\n\n"
                 "- Theo dõi, tổng hợp, báo cáo UBND tỉnh kết quả thực hiện trước ngày 15/12 hằng năm.\n\n"
                 "Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Khoa học và Công nghệ chịu trách nhiệm thi hành "
                 "Quyết định này./.\n")
    assert [(o.lead, o.task[:9]) for o in obls] == [(["Sở Khoa học và Công nghệ"], "Hướng dẫn"),
                                                    (["Sở Khoa học và Công nghệ"], "Theo dõi,")]
    assert obls[1].deadline.kind == "recurring"


def test_assignment_in_decision_article():
    obls = _obls("Điều 2. Giao Sở Khoa học và Công nghệ chủ trì, phối hợp với các sở, ban, ngành, Ủy ban nhân dân "
                 "các huyện, thành, thị tổ chức triển khai thực hiện Kế hoạch.\n")
    assert len(obls) == 1 and obls[0].lead == ["Sở Khoa học và Công nghệ"]
    assert obls[0].support == ["các sở, ban, ngành", "Ủy ban nhân dân các huyện, thành, thị"]


NESTED = """KẾ HOẠCH

IV. TỔ CHỨC THỰC HIỆN

1. Trách nhiệm của các sở, ngành

a) Sở Khoa học và Công nghệ

- Chủ trì, phối hợp với các sở, ngành, UBND các huyện, thành phố tổ chức triển khai thực hiện Kế hoạch.

- Hằng năm, tổng hợp, báo cáo UBND tỉnh, Bộ Khoa học và Công nghệ kết quả thực hiện trước ngày 15/12.

b) Sở Kế hoạch và Đầu tư, Sở Tài chính

Căn cứ khả năng cân đối ngân sách, tham mưu UBND tỉnh bố trí kinh phí thực hiện Kế hoạch.

2. Trách nhiệm của Sở Thông tin và Truyền thông

a) Chủ trì, phối hợp với Báo Bắc Giang, Đài Phát thanh và Truyền hình tỉnh đẩy mạnh tuyên truyền.

b) Hướng dẫn các cơ quan báo chí đưa tin.

3. UBND các huyện, thành phố

Xây dựng kế hoạch thực hiện, gửi Sở KH&CN trước ngày 30/6/2021 để tổng hợp.
"""


def test_nested_responsibility_headings():
    obls = _obls(NESTED)
    assert [o.lead for o in obls] == [
        ["Sở Khoa học và Công nghệ"], ["Sở Khoa học và Công nghệ"], ["Sở Kế hoạch và Đầu tư", "Sở Tài chính"],
        ["Sở Thông tin và Truyền thông"], ["Sở Thông tin và Truyền thông"], ["Ủy ban nhân dân các huyện, thành phố"]]
    assert obls[0].support == ["các sở, ngành", "Ủy ban nhân dân các huyện, thành phố"]
    assert obls[1].deadline.kind == "recurring"
    assert obls[3].support == ["Báo Bắc Giang", "Đài Phát thanh và Truyền hình tỉnh"]
    assert obls[5].support == [] and obls[5].deadline.date == "2021-06-30"  # 'gửi Sở KH&CN' is no support


LOOSE = """KẾ HOẠCH

III. TỔ CHỨC THỰC HIỆN

Sở Khoa học và Công nghệ là cơ quan thường trực, chủ trì theo dõi, đôn đốc việc thực hiện Kế hoạch.

- Sở Tài chính:
+ Bố trí kinh phí thực hiện Kế hoạch.
+ Hướng dẫn thanh quyết toán kinh phí.
- Sở Nội vụ: Phối hợp với Sở Khoa học và Công nghệ đưa nội dung năng suất vào chương trình đào tạo.

Trên đây là Kế hoạch.
"""


def test_body_headings_as_bullets():
    obls = _obls(LOOSE)
    assert [(o.lead, o.task[:20]) for o in obls] == [
        (["Sở Khoa học và Công nghệ"], "là cơ quan thường tr"), (["Sở Tài chính"], "Bố trí kinh phí thực"),
        (["Sở Tài chính"], "Hướng dẫn thanh quyế"), (["Sở Nội vụ"], "Phối hợp với Sở Khoa")]
    assert obls[3].support == ["Sở Khoa học và Công nghệ"]


@pytest.mark.parametrize("text,lead,task", [
    ("Điều 2. Giao Sở Khoa học và Công nghệ tổ chức triển khai thực hiện Kế hoạch này.\n",
     ["Sở Khoa học và Công nghệ"], "tổ chức triển khai thực hiện Kế hoạch này"),
    ("UBND tỉnh giao Sở Công Thương và Sở Tài chính hướng dẫn doanh nghiệp.\n",
     ["Sở Công Thương", "Sở Tài chính"], "hướng dẫn doanh nghiệp"),
    ("Theo đó, Sở KH&CN là cơ quan thường trực, tham mưu UBND tỉnh triển khai Kế hoạch.\n",
     ["Sở Khoa học và Công nghệ"], "là cơ quan thường trực, tham mưu UBND tỉnh triển khai Kế hoạch"),
    ("Điều 2. Các sở: Tài chính, Kế hoạch và Đầu tư có trách nhiệm bố trí kinh phí thực hiện Kế hoạch.\n",
     ["Sở Tài chính", "Sở Kế hoạch và Đầu tư"], "bố trí kinh phí thực hiện Kế hoạch"),
    ("Giao các sở: Xây dựng, Giao thông vận tải chủ trì rà soát quy hoạch.\n",
     ["Sở Xây dựng", "Sở Giao thông vận tải"], "chủ trì rà soát quy hoạch"),
    ("Sở Khoa học và Công nghệ làm đầu mối tổng hợp, báo cáo kết quả thực hiện Kế hoạch.\n",
     ["Sở Khoa học và Công nghệ"], "làm đầu mối tổng hợp, báo cáo kết quả thực hiện Kế hoạch"),
])
def test_assignment_sentences(text, lead, task):
    obls = _obls(text)
    assert [(o.lead, o.task) for o in obls] == [(lead, task)]


def test_bullet_naming_its_own_doer():
    obls = _obls("IV. TỔ CHỨC THỰC HIỆN\n\n1. Các sở, ngành:\n\n- Sở Tài chính bố trí kinh phí.\n\n"
                 "- Xây dựng kế hoạch của ngành.\n")
    assert [o.lead for o in obls] == [["Sở Tài chính"], ["Các sở, ngành"]]


LABELLED = """II. NHIỆM VỤ

1. Nhiệm vụ cụ thể

- Xây dựng cơ sở dữ liệu về năng suất.
+ Cơ quan chủ trì: Sở Khoa học và Công nghệ.
+ Cơ quan phối hợp: Các sở, ngành liên quan.
+ Thời gian thực hiện: Năm 2022.

- Đào tạo chuyên gia năng suất (Cơ quan chủ trì: Sở Lao động - Thương binh và Xã hội; thời gian thực hiện: 2022-2025).

- Tuyên truyền về năng suất. Đơn vị chủ trì: Sở TT&TT; đơn vị phối hợp: Báo Hà Tĩnh, Đài PT và TH tỉnh; thời gian: hằng năm.

- Phối hợp với các đơn vị liên quan tổ chức đào tạo.
"""


def test_labelled_task_blocks():
    obls = _obls(LABELLED)
    assert [(o.task, o.lead, o.support) for o in obls] == [
        ("Xây dựng cơ sở dữ liệu về năng suất", ["Sở Khoa học và Công nghệ"], ["Các sở, ngành liên quan"]),
        ("Đào tạo chuyên gia năng suất", ["Sở Lao động - Thương binh và Xã hội"], []),
        ("Tuyên truyền về năng suất", ["Sở Thông tin và Truyền thông"],
         ["Báo Hà Tĩnh", "Đài Phát thanh và Truyền hình tỉnh"]),
    ]
    assert [o.deadline.kind for o in obls] == ["year", "range", "recurring"]


def test_labelled_sub_items_of_a_law_implementation_plan():
    """A Prime Minister's plan to implement a law (2623/QĐ-TTg): each decree to draft is a dash item with '+'
    labels, its list of provisions runs over lines that open with 'Điều 6;' and its time is a 'Thời hạn ban
    hành'."""
    text = ("5. Xây dựng Nghị định của\nChính phủ\n\n- Nghị định quy định chi tiết\nmột số điều Luật Bảo vệ dữ "
            "liệu cá nhân\n\n+ Nội dung: quy định chi tiết\nmột số điều Luật Bảo vệ dữ liệu cá nhân quy\n"
            "định chi tiết: khoản 2, khoản 3 Điều 2; khoản 5 Điều 4; khoản 3\nĐiều 6; khoản 5 Điều 9; khoản 3 "
            "Điều 17.\n\n+ Cơ quan chủ trì: Bộ Công\nan.\n\n+ Cơ quan phối hợp: Văn\nphòng Chính phủ, Bộ Tư "
            "pháp và các cơ quan có liên quan.\n\n+ Thời hạn ban hành: trước\nngày 01 tháng 01 năm 2026.\n")
    (o,) = _obls(text)
    assert (o.lead, o.support) == (["Bộ Công an"], ["Văn phòng Chính phủ", "Bộ Tư pháp", "các cơ quan có liên quan"])
    assert o.deadline is not None and o.deadline.date == "2026-01-01"


def test_a_lead_label_written_as_one_clause_per_doer():
    """'Cơ quan thực hiện:' naming each doer with what it does, the time label one line per doer (2623/QĐ-TTg's
    review of legal documents): one obligation per clause, its doers as lead, its own line's deadline; a
    clause's doers end where its verb begins (no 'Ủy ban nhân dân … rà soát văn bản' as a name)."""
    text = ("4. Rà soát văn bản quy phạm\npháp luật\n\n- Nội dung: rà soát các văn\nbản quy phạm pháp luật có liên "
            "quan đến Luật thuộc thẩm quyền quản lý nhà nước\nđược phân công.\n\n- Cơ quan thực hiện: Bộ Công\nan "
            "tiến hành rà soát các văn bản quy phạm pháp luật có liên quan đến Luật thuộc\nthẩm quyền quản lý nhà "
            "nước; các bộ, cơ quan ngang bộ, Ủy ban nhân dân các tỉnh,\nthành phố trực thuộc trung ương rà soát văn "
            "bản quy phạm pháp luật có liên quan\nđến Luật thuộc phạm vi, lĩnh vực, địa bàn quản lý nhà nước được "
            "phân công.\n\n- Thời gian thực hiện:\n\n+ Các bộ, cơ quan ngang bộ, Ủy\nban nhân dân các tỉnh, thành "
            "phố trực thuộc trung ương gửi kết quả rà soát về Bộ\nCông an trước ngày 15 tháng 12 năm 2025.\n\n"
            "+ Bộ Công an tổng hợp kết quả\nrà soát, báo cáo Thủ tướng Chính phủ trước ngày 31 tháng 12 năm 2025.\n")
    obls = _obls(text)
    assert [(o.lead, o.deadline.date if o.deadline else None) for o in obls] == [
        (["Bộ Công an"], "2025-12-31"),
        (["các bộ, cơ quan ngang bộ", "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương"], "2025-12-15")]
    assert obls[0].task.startswith("Bộ Công an tiến hành rà soát") and obls[1].task.endswith("được phân công")
    assert all(text[o.span[0]:o.span[1]] == o.quote for o in obls)


def test_a_lead_label_of_bodies_alone_is_no_clause():
    """A lead value naming bodies only (with a qualifier) stays one obligation with every body as lead."""
    text = ("1. Xây dựng cơ sở dữ liệu về năng suất\n\n- Cơ quan thực hiện: Bộ Công an, Bộ Tư pháp và các cơ quan "
            "có liên quan.\n\n- Thời gian thực hiện: năm 2026.\n")
    (o,) = _obls(text)
    assert o.lead == ["Bộ Công an", "Bộ Tư pháp", "các cơ quan có liên quan"]


TABLE = """PHỤ LỤC

Stt

Nội dung, nhiệm vụ

Thời gian

Đơn vị chủ trì

Đơn vị phối hợp

1

Tuyên truyền, giới thiệu nội dung của Kế hoạch và các văn bản liên quan

Năm 2021

Sở KH&CN

Các đơn vị liên quan

2

- ng dụng công nghệ số, tự động hóa.

- ng dụng thương mại điện tử trong việc quảng bá và tiêu thụ sản phẩm.

Năm 2021-2030

Sở Thông tin & Truyền thông

Các đơn vị liên quan

3

Tuyên truyền triển khai các chương trình đào tạo

Hàng năm

Sở Lao động- Thương binh và Xã hội

Các đơn vị liên quan
"""


def test_table_rows():
    tables = find_tables(TABLE)
    assert len(tables) == 1 and tables[0].columns == ["number", "task", "time", "lead", "support"]
    rows = table_obligations(TABLE, tables[0])
    assert [o.lead for o in rows] == [["Sở Khoa học và Công nghệ"], ["Sở Thông tin và Truyền thông"],
                                      ["Sở Lao động - Thương binh và Xã hội"]]
    assert [o.deadline.kind for o in rows] == ["year", "range", "recurring"]
    assert all(o.support == ["Các đơn vị liên quan"] for o in rows)
    assert "thương mại điện tử" in rows[1].task  # one row, however many dashes
    assert all(TABLE[o.span[0]:o.span[1]] == o.quote for o in rows)


def test_table_cells_with_abbreviated_bodies():
    text = TABLE.replace("Sở Thông tin & Truyền thông", "BQL các KCN").replace(
        "Sở Lao động- Thương binh và Xã hội", "Sở TC")
    rows = table_obligations(text, find_tables(text)[0])
    assert [o.lead for o in rows] == [["Sở Khoa học và Công nghệ"], ["Ban Quản lý các khu công nghiệp"],
                                      ["Sở Tài chính"]]


def test_table_columns_in_another_order():
    text = ("TT\n\nNhiệm vụ\n\nCơ quan chủ trì\n\nCơ quan phối hợp\n\nThời gian hoàn thành\n\nSản phẩm\n\n"
            "I\n\nNhóm nhiệm vụ tuyên truyền\n\n1\n\nTuyên truyền Kế hoạch\n\nSở Thông tin và Truyền thông\n\n"
            "Sở KH&CN\n\nQuý IV/2021\n\nTin, bài\n")
    rows = table_obligations(text, find_tables(text)[0])
    assert len(rows) == 1
    assert rows[0].lead == ["Sở Thông tin và Truyền thông"] and rows[0].support == ["Sở Khoa học và Công nghệ"]
    assert rows[0].deadline.date == "2021-12-31"


UNNUMBERED = """PHỤ LỤC

Nội dung công việc

Đơn vị chủ trì

Đơn vị phối hợp

Thời gian thực hiện

Sản phẩm

Tuyên truyền, phổ biến Kế hoạch trên các phương tiện thông tin đại chúng

Sở Thông tin và Truyền thông

Sở KH&CN, Báo Bắc Giang

Hằng năm

Tin, bài, phóng sự

Nội dung tuyên truyền về năng suất

Sở Văn hóa, Thể thao và Du lịch

Quý IV/2022

Xây dựng cơ sở dữ liệu về năng suất

- Thu thập dữ liệu doanh nghiệp

- Cập nhật phần mềm

Sở Khoa học và Công nghệ

Năm 2022

Hỗ trợ doanh nghiệp áp dụng công cụ cải tiến năng suất

Sở Công Thương

Các sở, ngành liên quan

2022 - 2025

Nơi nhận:
- Như trên;
"""


def test_table_without_number_column():
    tables = find_tables(UNNUMBERED)
    assert [t.columns for t in tables] == [["task", "lead", "support", "time", "other"]]
    rows = table_obligations(UNNUMBERED, tables[0])
    assert [(o.lead, o.support, o.deadline.kind) for o in rows] == [
        (["Sở Thông tin và Truyền thông"], ["Sở Khoa học và Công nghệ", "Báo Bắc Giang"], "recurring"),
        (["Sở Văn hóa, Thể thao và Du lịch"], [], "year"),  # a task starting like a header word
        (["Sở Khoa học và Công nghệ"], [], "year"),  # empty support and product cells are dropped
        (["Sở Công Thương"], ["Các sở, ngành liên quan"], "range")]
    assert rows[2].task == "Xây dựng cơ sở dữ liệu về năng suất Thu thập dữ liệu doanh nghiệp Cập nhật phần mềm"
    assert "Nơi nhận" not in rows[3].quote
    assert all(UNNUMBERED[o.span[0]:o.span[1]] == o.quote for o in rows)


@pytest.mark.parametrize("text", [
    "Nhiệm vụ\n\nTăng cường tuyên truyền\n",  # a task word alone is no header
    "Nội dung\n\nĐơn vị chủ trì\n\nSở Tài chính\n",  # two header cells are not enough without a third
])
def test_no_unnumbered_table(text):
    assert find_tables(text) == []


# ---------------------------------------------------------------- whole documents


def test_whole_documents_spans_and_roles(txt_records):
    for rec in txt_records.values():
        for o in rec["obligations"]:
            assert rec["text"][o["span"][0]:o["span"][1]] == o["quote"]
            assert o["lead"], o
    assert txt_records["news-quang-ninh-36-2021"]["obligations"] == []
    yb = txt_records["yen-bai-114-kh-ubnd-2021"]["obligations"]
    assert len(yb) == 22
    assert sum(1 for o in yb if o["section"] == "PL") == 11


def test_issuer_code_inside_a_document_number_is_no_body():
    """'Theo Quyết định 1158/QĐ-UBND, Sở X chủ trì …': UBND there is part of the number, not a lead."""
    from extractor.body_spans import find_bodies

    text = ("Theo Quyết định 1158/QĐ-UBND, Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Công Thương, "
            "Sở Tài chính thẩm định hồ sơ đề nghị hỗ trợ của doanh nghiệp.")
    assert [b.name for b in find_bodies(text)] == ["Sở Khoa học và Công nghệ", "Sở Công Thương", "Sở Tài chính"]
    (ob,) = extract_obligations(Doc(text))
    assert ob.lead == ["Sở Khoa học và Công nghệ"] and ob.support == ["Sở Công Thương", "Sở Tài chính"]


def test_office_of_council_and_committee_is_one_body():
    from extractor.bodies import split_body_list

    assert split_body_list("Văn phòng HĐND và UBND thị xã") == ["Văn phòng Hội đồng nhân dân và Ủy ban nhân dân thị xã"]
    assert split_body_list("Sở Tài chính, Sở Xây dựng và Sở Y tế") == ["Sở Tài chính", "Sở Xây dựng", "Sở Y tế"]


NOTICE = """THÔNG BÁO

I. VỀ KẾT QUẢ ĐẠT ĐƯỢC

Bộ Khoa học và Công nghệ tổ chức 5 hội nghị chuyên đề trong năm.

III. NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM, CỤ THỂ

3. Khẩn trương xây dựng và ban hành chiến lược dữ liệu: (1) Thanh tra Chính phủ ban hành trước ngày 25 tháng 11 năm 2025; (2) Bộ Công an chủ trì, phối hợp các bộ, cơ quan liên quan ban hành hướng dẫn rà soát các cơ sở dữ liệu; Các bộ, ngành, địa phương căn cứ hướng dẫn của Bộ Công an tổ chức rà soát các cơ sở dữ liệu thuộc phạm vi quản lý.

5. Nhiệm vụ về phát triển khoa học, công nghệ

a) Bộ Khoa học và Công nghệ: (1) trình Thủ tướng Chính phủ Chương trình quốc gia phát triển các sản phẩm công nghệ chiến lược, hoàn thành trong tháng 11 năm 2025; (2) chủ trì, phối hợp với các bộ, ngành hoàn thành Bộ công cụ đo lường; (3) đôn đốc các doanh nghiệp viễn thông phủ sóng 5G.
"""


def test_a_notice_assigns_tasks_to_the_subject_of_each_clause() -> None:
    got = [(o.lead, o.task) for o in _obls(NOTICE)]

    def has(lead: list[str], start: str) -> bool:
        return any(ld == lead and task.startswith(start) for ld, task in got)

    assert has(["Thanh tra Chính phủ"], "ban hành trước ngày 25 tháng 11 năm 2025")
    assert has(["Bộ Công an"], "chủ trì, phối hợp các bộ, cơ quan liên quan ban hành hướng dẫn")
    assert has(["Các bộ, ngành, địa phương"], "căn cứ hướng dẫn của Bộ Công an tổ chức rà soát")
    assert not any("hội nghị chuyên đề" in task for _, task in got)  # narration of results is no task


def test_a_body_heading_with_bracketed_inline_tasks_gives_one_obligation_each() -> None:
    got = [(o.lead, o.task[:30]) for o in _obls(NOTICE) if o.lead == ["Bộ Khoa học và Công nghệ"]]
    assert [t for _, t in got] == ["trình Thủ tướng Chính phủ Chươ", "chủ trì, phối hợp với các bộ, ",
                                   "đôn đốc các doanh nghiệp viễn "]


# ---------------------------------------------------------------- real sentences (tests/real, issue 8)

HDND_SUPERVISION = """Điều 18. Giám sát thi hành Nghị quyết

1. Thường trực Hội đồng nhân dân, các Ban của Hội đồng nhân dân, các Tổ đại biểu và đại biểu Hội đồng nhân dân Thành phố có trách nhiệm giám sát quá trình tổ chức triển khai, thực hiện Nghị quyết này.

2. Đề nghị Ủy ban Mặt trận tổ quốc Việt Nam thành phố Hà Nội phối hợp giám sát việc tổ chức, triển khai, thực hiện.

Điều 19. Hiệu lực thi hành

3. Trường hợp văn bản được dẫn chiếu tại Nghị quyết này được sửa đổi, bổ sung, thay thế bằng các văn bản khác của cấp có thẩm quyền thì áp dụng theo các văn bản sửa đổi, bổ sung hoặc thay thế.
"""


def test_hdnd_organs_supervise_the_resolution():
    obls = _obls(HDND_SUPERVISION)
    ob = next(o for o in obls if "giám sát quá trình" in o.task)
    assert ob.lead == ["Thường trực Hội đồng nhân dân", "các Ban của Hội đồng nhân dân", "các Tổ đại biểu",
                       "Đại biểu Hội đồng nhân dân Thành phố"]
    assert not any(o.lead[0].startswith("Trường hợp") for o in obls)  # a condition is no body


DESCRIBED = """Điều 17. Trách nhiệm của cơ quan, tổ chức, cá nhân

1. Cơ quan, tổ chức, cá nhân hưởng cơ chế, chính sách, biện pháp ưu đãi, hỗ trợ có trách nhiệm sử dụng kinh phí hỗ trợ đúng mục đích, nội dung và phạm vi được ưu đãi, hỗ trợ.

c) Trong thời hạn 03 ngày kể từ ngày nhận được yêu cầu bổ sung, giải trình nội dung đề nghị và các tài liệu có liên quan (nếu có), đơn vị đề nghị hỗ trợ có trách nhiệm hoàn thiện, bổ sung hồ sơ theo yêu cầu.

Các cơ quan được phân công chủ trì thực hiện nhiệm vụ theo Kế hoạch này có trách nhiệm lập kế hoạch, dự toán kinh phí thực hiện nhiệm vụ.
"""


def test_a_class_of_doers_described_by_what_they_do_leads():
    leads = {o.lead[0]: o.task for o in _obls(DESCRIBED)}
    assert leads["Cơ quan, tổ chức, cá nhân hưởng cơ chế, chính sách, biện pháp ưu đãi, hỗ trợ"].startswith(
        "sử dụng kinh phí hỗ trợ")
    assert leads["đơn vị đề nghị hỗ trợ"].startswith("hoàn thiện, bổ sung hồ sơ")
    assert "Các cơ quan được phân công chủ trì thực hiện nhiệm vụ theo Kế hoạch này" in leads
    assert "Các cơ quan" not in leads


def test_a_described_doer_after_a_time_limit_after_a_colon():
    """Nghị định 74/2025/NĐ-CP (tests/real-group6): the duty follows the colon of 'thực hiện như sau:' and a time
    limit ('Trước 30 ngày, …,'); the class of units before 'có trách nhiệm' leads."""
    text = ("d) Cấp thẻ bảo hiểm y tế từ lần thứ hai trở đi, thực hiện như sau: Trước 30 ngày, tính đến thời điểm thẻ "
            "bảo hiểm y tế của đối tượng hết hạn sử dụng, đơn vị cấp sư đoàn và tương đương có trách nhiệm gửi văn bản "
            "đến Bảo hiểm xã hội Quân đội đề nghị gia hạn và in thẻ.\n")
    (o,) = _obls(text)
    assert (o.lead, o.task) == (["đơn vị cấp sư đoàn và tương đương"],
                                "gửi văn bản đến Bảo hiểm xã hội Quân đội đề nghị gia hạn và in thẻ")


def test_a_scheme_s_stages_describe_and_its_duties_assign():
    """Nghị quyết 175/NQ-CP (tests/real-group5): the stages of the scheme say what each holds ('Trung tâm dữ liệu
    quốc gia thực hiện: (1) …'); a duty with its marker ('chịu trách nhiệm') still leads, and the data centre,
    written in lower case after its head, is a body."""
    text = ("IV. ĐỐI TƯỢNG, PHẠM VI TRIỂN KHAI\n\n- Về quản trị vận hành hệ thống: Trung tâm dữ liệu quốc gia chịu "
            "trách nhiệm quản trị toàn bộ hạ tầng công nghệ thông tin của vùng chuyên dụng.\n\n"
            "VII. CÁC GIAI ĐOẠN THỰC HIỆN\n\n1. Giai đoạn 2 từ năm 2026 đến hết năm 2028\n\n"
            "- Trung tâm dữ liệu quốc gia thực hiện: (1) Mở rộng phát triển kho dữ liệu về con người; (2) Phát triển "
            "kho dữ liệu tổng hợp.\n\n- Các bộ, ban, ngành, địa phương khẩn trương xây dựng các cơ sở dữ liệu quốc "
            "gia.\n")
    assert [(o.lead, o.task[:24]) for o in _obls(text)] == [(["Trung tâm dữ liệu quốc gia"], "quản trị toàn bộ hạ tầng")]


def test_organising_a_named_programme_is_no_class_of_doers():
    """'Tổ chức' before a capitalised word is the verb: the sentence of a solutions list (Đồng Nai's 179/KH-UBND)
    names no doer, while 'Tổ chức khoa học và công nghệ …' is one."""
    text = ("d) Triển khai hệ sinh thái sản phẩm, công cụ, giải pháp, dịch vụ kiểm kê phát thải khí nhà kính theo "
            "tiêu chuẩn quốc tế. Tổ chức Chương trình hỗ trợ các cơ sở là đối tượng phải kiểm kê khí nhà kính thực "
            "hiện kiểm kê phát thải theo quy định của pháp luật.\n\ne) Tổ chức khoa học và công nghệ công lập có "
            "trách nhiệm báo cáo kết quả thực hiện nhiệm vụ.\n")
    assert [o.lead for o in _obls(text)] == [["Tổ chức khoa học và công nghệ công lập"]]


@pytest.mark.parametrize("line,lead,task", [
    ("7. Các doanh nghiệp hoạt động trong lĩnh vực xây dựng, giao thông, vận tải, logistics và công nghệ thông tin "
     "trên địa bàn Tỉnh", ["Các doanh nghiệp hoạt động trong lĩnh vực xây dựng, giao thông, vận tải, logistics và "
                          "công nghệ thông tin trên địa bàn Tỉnh"], None),
    ("3. Các cơ quan báo chí tăng cường tuyên truyền", ["Các cơ quan báo chí"], "tăng cường tuyên truyền"),
    ("Các tổ chức khoa học và công nghệ công lập trên địa bàn tỉnh:",
     ["Các tổ chức khoa học và công nghệ công lập trên địa bàn tỉnh"], None),
])
def test_described_heading(line, lead, task):
    assert heading_bodies(line, subject=line[0].isdigit()) == (lead, task)


# the header of a Government programme's task table (gazette text: one cell a line)
GAZETTE_HEADER = """TT
Tên nhiệm vụ
Cơ quan chủ trì
Cơ quan phối hợp
Kết quả
Thời gian hoàn thành
Căn cứ bổ sung
"""
GAZETTE_ROWS = GAZETTE_HEADER + """6
Rà soát, thể chế hóa kịp thời những quan điểm, chủ trương trong Văn kiện Đại hội thành pháp luật
Các bộ, cơ quan ngang bộ Bộ Tư pháp
Các văn bản quy phạm pháp luật được ban hành
Thường xuyên
Chương trình số 12-
CTr/BCĐ
7 Đề án về chỉ số đánh giá, chấm điểm KPI về công tác xây dựng pháp luật
Bộ Tư pháp
Các bộ, cơ quan ngang bộ Đề án trình
Thủ tướng
Chính phủ
Tháng
3/2026
Nghị quyết số 23/NQ-CP ngày 07/02/2026
"""


def test_gazette_row_number_on_the_task_line_and_a_result_cell_run_into_the_support():
    rows = _table_rows(GAZETTE_ROWS)
    kpi = next(o for o in rows if "KPI" in o.task)
    assert kpi.task == "Đề án về chỉ số đánh giá, chấm điểm KPI về công tác xây dựng pháp luật"
    assert kpi.lead == ["Bộ Tư pháp"]
    assert kpi.support == ["Các bộ, cơ quan ngang bộ"]


TASKS_BY_BODY = """II. NHIỆM VỤ, GIẢI PHÁP
1. Hoàn thiện thể chế, chức năng, nhiệm vụ của các cơ quan, đơn vị, tổ chức
a) Các bộ, cơ quan ngang bộ, Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương
- Tiếp tục nghiên cứu, chủ động đề xuất hoàn thiện đồng bộ thể chế liên quan đến chức năng, nhiệm vụ, quyền hạn.
- Tiếp tục rà soát, nghiên cứu, xây dựng, ban hành theo thẩm quyền văn bản quy phạm pháp luật trong ngành, lĩnh vực.
b) Bộ Nội vụ
- Chủ trì, phối hợp với các cơ quan liên quan hoàn thiện thể chế về công tác cán bộ.
2. Đẩy mạnh chuyển đổi số
- Xây dựng cơ sở dữ liệu quốc gia về cán bộ, công chức.
III. TỔ CHỨC THỰC HIỆN
1. Bộ Nội vụ theo dõi, đôn đốc các bộ, ngành, địa phương trong việc triển khai thực hiện.
"""


def test_tasks_section_organised_by_body_headings():
    obls = _obls(TASKS_BY_BODY)
    def lead_of(start: str) -> list[str]:
        return next(o.lead for o in obls if o.task.startswith(start))

    assert lead_of("Tiếp tục nghiên cứu, chủ động") == [
        "Các bộ, cơ quan ngang bộ", "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương"]
    assert lead_of("Tiếp tục rà soát") == lead_of("Tiếp tục nghiên cứu")
    assert lead_of("Chủ trì, phối hợp với các cơ quan") == ["Bộ Nội vụ"]
    assert not any("cơ sở dữ liệu quốc gia" in o.task for o in obls)  # a task heading names no doer


RUN_TOGETHER = """TT
Nội dung công việc
Cơ quan chủ trì
Cơ quan phối hợp
Cấp trình
Sản phẩm
Thời hạn hoàn thành
1
Hoàn thiện thể chế liên quan đến chức năng, nhiệm vụ, quyền hạn, tổ chức bộ máy của các cơ quan, đơn vị, tổ chức Các bộ, cơ quan ngang bộ Các bộ, ngành, cơ quan liên quan Quốc hội, Chính phủ, Bộ trưởng Luật, Nghị định, Thông tư Thường xuyên
2
Xây dựng, vận hành chuyên mục “Tiêu điểm chính sách” trên Đài Truyền hình
Việt Nam, Đài Tiếng nói Việt Nam
Bộ Tư pháp
Các bộ, ngành
Các số chuyên mục được phát sóng
Quý IV/2026
"""


def test_gazette_row_whose_cells_ran_together_on_one_line():
    rows = _table_rows(RUN_TOGETHER)
    first = next(o for o in rows if o.task.startswith("Hoàn thiện thể chế"))
    assert first.task.endswith("các cơ quan, đơn vị, tổ chức")
    assert first.lead == ["Các bộ, cơ quan ngang bộ"]
    assert first.support == ["Các bộ, ngành, cơ quan liên quan"]
    assert first.deadline is not None and first.deadline.kind == "recurring"
    tv = next(o for o in rows if "Tiêu điểm" in o.task)
    assert tv.lead == ["Bộ Tư pháp"]  # 'trên Đài Truyền hình' is inside the task, not its lead


WRAPPED_CELLS = """STT
Tên nhiệm vụ cụ thể
Cơ quan chủ trì
Cơ quan phối hợp
Kết quả
Thời gian hoàn thành
I. Đổi mới mạnh mẽ tư duy và hành động trong lãnh đạo, chỉ đạo
1.
Tăng cường lãnh đạo, chỉ đạo xây dựng và tổ chức thực hiện hiệu quả các chủ trương, chính sách về bảo hiểm y tế.
Các bộ ở
Trung ương,
Ủy ban nhân dân cấp tỉnh ở địa phương
Các cơ quan, tổ chức, đơn vị khác có liên quan.
Văn bản chỉ đạo
Thường xuyên
II. Hoàn thiện thể chế về bảo hiểm y tế đáp ứng mục tiêu
2.
Xây dựng Đề án về đổi mới, nâng cao hiệu quả công tác truyền thông về thực hiện bảo hiểm y tế.
Bộ Tài chính
Bộ Y tế, cơ quan, đơn vị liên quan
Quyết định của Bộ trưởng ban hành Đề án
Quý I/2027
"""


def test_a_body_cell_wrapped_over_lines_and_a_group_row_with_its_title():
    rows = _table_rows(WRAPPED_CELLS)
    first, second = rows
    assert first.lead == ["Các bộ ở Trung ương", "Ủy ban nhân dân cấp tỉnh ở địa phương"]
    assert first.deadline is not None and first.deadline.kind == "recurring"
    assert "Hoàn thiện thể chế" not in first.quote  # the group row 'II. ...' ends row 1
    assert second.lead == ["Bộ Tài chính"]
    assert second.support == ["Bộ Y tế", "cơ quan, đơn vị liên quan"]


INDICATORS_BY_BODY = """PHỤ LỤC
PHÂN CÔNG THỰC HIỆN CÁC CHỈ TIÊU PHÁT TRIỂN KINH TẾ SỐ, XÃ HỘI SỐ ĐẾN NĂM 2030
TT
Chỉ tiêu
Chủ trì
I. Kinh tế số
1
Kinh tế số chiếm 45% GRDP tỉnh.
Sở Tài chính
2
Tỷ lệ doanh nghiệp có hoạt động đổi mới sáng tạo đạt tối thiểu 40%
Sở Khoa học và Công nghệ
"""


def test_indicators_assigned_to_bodies_in_a_table():
    rows = _table_rows(INDICATORS_BY_BODY)
    assert [(o.task, o.lead) for o in rows] == [
        ("Kinh tế số chiếm 45% GRDP tỉnh", ["Sở Tài chính"]),
        ("Tỷ lệ doanh nghiệp có hoạt động đổi mới sáng tạo đạt tối thiểu 40%", ["Sở Khoa học và Công nghệ"])]


FOOTNOTE_IN_ROW = GAZETTE_HEADER + """8
Xây dựng Đề án “Tiêu chí đánh giá hiệu quả văn bản quy phạm pháp luật sau khi văn bản ban hành”
Bộ Tư pháp
Các bộ, cơ quan ngang bộ Quyết định của Thủ tướng
Chính phủ ban hành Bộ Tiêu chí
2026
Nghị quyết số 66-NQ/TW
3 Chương trình số 12-CTr/BCĐ ngày 30 tháng 12 năm 2025 của Ban Chỉ đạo Trung ương về hoàn thiện thể chế
"""


def test_a_row_run_on_past_its_cells_is_led_by_its_first_body_line():
    """Gazette text: a footnote after the last row, and a result cell run into the support cell."""
    (row,) = _table_rows(FOOTNOTE_IN_ROW)
    assert row.task.startswith("Xây dựng Đề án “Tiêu chí") and "Bộ Tư pháp" not in row.task
    assert row.lead == ["Bộ Tư pháp"]
    assert row.support == ["Các bộ, cơ quan ngang bộ"]


NOTICE_ITEMS = """II. NHIỆM VỤ TRỌNG TÂM
4. Đẩy mạnh cắt giảm, đơn giản hóa thủ tục hành chính: (1) Các bộ, ngành, khẩn trương rà soát, sửa đổi và thống nhất quy trình tái cấu trúc dịch vụ công trực tuyến, hoàn thành trong tháng 11 năm 2025; (2) các bộ, ngành, địa phương tổ chức tổng rà soát hiện trạng cung cấp dịch vụ công trực tuyến.
đ) Bộ Xây dựng: Khẩn trương thành lập đoàn công tác hỗ trợ 6 thành phố trực thuộc Trung ương trong triển khai xây dựng Đề án Đô thị thông minh, hoàn thành trong tháng 12 năm 2025.
"""


def test_a_subject_followed_by_a_comma_or_a_colon_in_a_notice():
    doc = Doc(NOTICE_ITEMS, find_sections(NOTICE_ITEMS))
    doc.meta.kind = "other"
    obls = extract_obligations(doc)
    leads = {o.task[:20]: o.lead for o in obls}
    assert leads["khẩn trương rà soát,"] == ["Các bộ, ngành"]
    assert leads["Khẩn trương thành lậ"] == ["Bộ Xây dựng"]


BROKEN_HEADING = """VI. TỔ CHỨC THỰC HIỆN

16. Mặt trận
Tổ quốc tỉnh và các tổ chức chính trị - xã hội

Phát huy vai trò trong tuyên truyền, vận động Nhân dân, giám sát triển khai Kế hoạch.

17. Giao Sở Xây dựng
Theo dõi, đôn đốc Ủy ban nhân dân các phường, xã thực hiện cập nhật thông tin số nhà.
"""


def test_a_body_heading_cut_by_a_line_break():
    obls = _obls(BROKEN_HEADING)
    assert [(o.lead, o.task[:24]) for o in obls] == [
        (["Mặt trận Tổ quốc tỉnh", "các tổ chức chính trị - xã hội"], "Phát huy vai trò trong t"),
        (["Sở Xây dựng"], "Theo dõi, đôn đốc Ủy ban")]


def test_a_result_cell_is_never_a_support():
    text = """TT
Tên nhiệm vụ
Cơ quan chủ trì
Cơ quan phối hợp
Kết quả
Thời gian hoàn thành
1
Rà soát, thể chế hóa kịp thời những quan điểm, chủ trương trong Văn kiện Đại hội thành pháp luật
Bộ Tư pháp
Các văn bản quy phạm pháp luật được ban hành
Thường xuyên
"""
    (row,) = _table_rows(text)
    assert row.lead == ["Bộ Tư pháp"] and row.support == []


NESTED_ROWS = """TT
Nhiệm vụ, giải pháp
Cơ quan chủ trì
Cơ quan phối hợp
Sản phẩm
Thời gian thực hiện
1.
Rà soát, hoàn thiện thể chế
1.1
Nghiên cứu, rà soát, sửa đổi, bổ sung và đơn giản hóa các quy định, thủ tục hành chính liên quan đến hoạt động đầu tư.
Bộ Tài chính
Bộ Khoa học và Công nghệ
Cơ chế, chính sách được ban hành
Nhiệm vụ thường xuyên
1.2
Hoàn thiện, ban hành các chính sách thúc đẩy phát triển hạ tầng số hiện đại.
Bộ Khoa học và Công nghệ
Bộ Tài chính
Cơ chế, chính sách được ban hành
Quý IV/2026
2.
Phát triển thị trường
2.1
Xây dựng chương trình xúc tiến thương mại cho doanh nghiệp công nghệ số.
Bộ Công Thương
Bộ Ngoại giao
Chương trình được phê duyệt
Năm 2027
"""


def test_rows_numbered_under_their_group_row():
    rows = _table_rows(NESTED_ROWS)
    assert [(o.lead, o.support, o.deadline and o.deadline.kind) for o in rows] == [
        (["Bộ Tài chính"], ["Bộ Khoa học và Công nghệ"], "recurring"),
        (["Bộ Khoa học và Công nghệ"], ["Bộ Tài chính"], "year"),
        (["Bộ Công Thương"], ["Bộ Ngoại giao"], "year")]


def test_nested_rows_go_on_after_a_repeated_header():
    """A table continued on a new page: its header printed again, then '1.5', '1.6' under the group row '1.'."""
    text = NESTED_ROWS.replace("2.\nPhát triển thị trường\n2.1", "TT\nNhiệm vụ, giải pháp\nCơ quan chủ trì\n"
                               "Cơ quan phối hợp\nSản phẩm\nThời gian thực hiện\n1.3")
    rows = _table_rows(text)
    assert [o.lead for o in rows] == [["Bộ Tài chính"], ["Bộ Khoa học và Công nghệ"], ["Bộ Công Thương"]]


ADVERBIAL_BULLET = """IV. TỔ CHỨC THỰC HIỆN
1. Bộ Khoa học và Công nghệ
- Làm đầu mối tổng hợp tình hình thực hiện Chương trình.
- Định kỳ hằng quý, hằng năm công bố kết quả đánh giá để theo dõi, đôn đốc và xếp hạng về Chính phủ số; tổ chức tôn vinh dịch vụ công chất lượng nhất, dịch vụ công thu hút sự tham gia rộng rãi nhất, cơ quan nhà nước vận hành tối ưu nhất.
"""


def test_a_body_deep_in_a_bullet_opened_by_an_adverbial_is_no_doer():
    """2629/QĐ-TTg: 'cơ quan nhà nước vận hành' after the fifth comma is what is honoured, not who acts."""
    obls = _obls(ADVERBIAL_BULLET)
    assert [o.lead for o in obls] == [["Bộ Khoa học và Công nghệ"], ["Bộ Khoa học và Công nghệ"]]


TWO_DOERS_INLINE = """IV. TỔ CHỨC THỰC HIỆN
5. Các bộ, ngành, địa phương định kỳ hằng năm gửi báo cáo Bộ Khoa học và Công nghệ tình hình triển khai Chương trình trước ngày 15 tháng 12 để tổng hợp. Bộ Khoa học và Công nghệ tổng hợp tình hình triển khai Chương trình, báo cáo Thủ tướng Chính phủ trước ngày 30 tháng 01 của năm tiếp theo.
"""


def test_an_inline_task_whose_next_sentence_names_another_doer():
    obls = _obls(TWO_DOERS_INLINE)
    assert [(o.lead, o.task[:22]) for o in obls] == [
        (["Các bộ, ngành, địa phương"], "định kỳ hằng năm gửi b"),
        (["Bộ Khoa học và Công nghệ"], "Bộ Khoa học và Công ng")]


def test_a_word_table_cell_whose_paragraphs_wrap_one_name():
    """A lead cell written 'Bộ Khoa học và' / 'Công nghệ' in two paragraphs names one body; two paragraphs
    each a whole name are two bodies."""
    from extractor.appendix import _cell_bodies
    from extractor.document import TableCell

    assert _cell_bodies(TableCell(0, 25, "Bộ Khoa học và\n\nCông nghệ")) == ["Bộ Khoa học và Công nghệ"]
    assert _cell_bodies(TableCell(0, 25, "Bộ Tài chính\n\nBộ Công an")) == ["Bộ Tài chính", "Bộ Công an"]
    # a head word the cell's width left alone at a paragraph's end (2629/QĐ-TTg as a Word file, group 4)
    assert _cell_bodies(TableCell(0, 36, "Bộ Công an, Bộ\n\nKhoa học và Công nghệ")) == [
        "Bộ Công an", "Bộ Khoa học và Công nghệ"]


def test_word_task_table_rows_that_hold_no_task(tmp_path):
    """A Word task table (dongnai-179's and 2629/QĐ-TTg's layout): its header repeated on a new page, a group row
    whose title spans the columns and a row holding only a group number give no obligation; the tasks do."""
    import docx

    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Phát triển kinh tế số")
    document.add_paragraph("IV. TỔ CHỨC THỰC HIỆN")
    rows = [["STT", "Nội dung", "Đơn vị thực hiện", "Thời gian"],
            ["1", "Xây dựng cơ sở dữ liệu về chuyển đổi số", "Sở Khoa học và Công nghệ", "Năm 2026"],
            ["STT", "Nội dung", "Đơn vị thực hiện", "Thời gian"],
            ["II", "Nhóm các nền tảng số dùng chung", "", ""],
            ["III.1.1", "Nhóm các nền tảng phục vụ quản trị", "", ""],
            ["2", "Phát triển nền tảng số dùng chung của tỉnh", "Sở Tài chính", "Quý IV/2026"]]
    table = document.add_table(rows=len(rows), cols=4)
    for r, cells in enumerate(rows):
        for c, value in enumerate(cells):
            table.cell(r, c).text = value
    table.cell(3, 1).merge(table.cell(3, 3))
    table.cell(4, 1).merge(table.cell(4, 3))
    path = tmp_path / "plan.docx"
    document.save(str(path))
    rec = extract_file(path)
    assert [(o.task, o.lead) for o in rec.obligations] == [
        ("Xây dựng cơ sở dữ liệu về chuyển đổi số", ["Sở Khoa học và Công nghệ"]),
        ("Phát triển nền tảng số dùng chung của tỉnh", ["Sở Tài chính"])]


@pytest.mark.parametrize("line", [
    # Phụ lục III of Nghị quyết 175/NQ-CP: statements of what a body does, no heading naming a body
    "a) Trung tâm dữ liệu quốc gia sẽ quản trị, vận hành các thành phần về ảo hóa",
    "b) Trung tâm dữ liệu quốc gia không thực hiện thu phí sử dụng",
    "a) Trung tâm dữ liệu quốc gia quản lý và",
])
def test_a_heading_whose_body_goes_on_with_a_modal_or_an_open_and_names_no_body(line):
    assert heading_bodies(line)[0] == []


def test_what_a_cited_provision_delegated_is_no_obligation():
    """Bộ Tư pháp's appendix (tests/real-group8) lists what laws delegated: 'Khoản 4 Điều 5 giao Bộ … chủ trì'
    sets no task of this text; 'Giao Sở … chủ trì' in a plan does."""
    text = ("DANH MỤC\n\nI. Văn bản\n\nKhoản 4 Điều 5 giao Bộ Tài nguyên và Môi trường chủ trì, phối hợp với Bộ Nội "
            "vụ, Bộ Tài chính quy định cụ thể về cơ cấu tổ chức của Văn phòng đăng ký đất đai.\n\n"
            "Khoản 3 Điều 31 giao Bộ trưởng Bộ Tài nguyên và Môi trường quy định việc lập bản đồ địa chính.\n\n"
            "II. TỔ CHỨC THỰC HIỆN\n\nGiao Sở Tư pháp chủ trì, phối hợp với các sở, ngành theo dõi việc thi hành.\n")
    obls = _obls(text)
    assert [(o.lead, o.support) for o in obls] == [(["Sở Tư pháp"], ["các sở, ngành"])]


def test_subject_leading_with_a_pioneering_verb():
    """Đồng Nai's 179/KH-UBND (tests/real-group4), item 20 of Tổ chức thực hiện: the State enterprises lead."""
    text = ("KẾ HOẠCH\n\nII. TỔ CHỨC THỰC HIỆN\n\n1. Sở Tài chính tham mưu bố trí kinh phí thực hiện Kế hoạch.\n\n"
            "2. Các doanh nghiệp nhà nước, Tổng Công ty tiên phong, dẫn dắt sự phát triển kinh tế số của ngành, "
            "lĩnh vực.\n")
    obls = _obls(text)
    assert [o.lead for o in obls] == [["Sở Tài chính"], ["Các doanh nghiệp nhà nước, Tổng Công ty"]]
    assert obls[1].task.startswith("tiên phong, dẫn dắt sự phát triển kinh tế số")


def test_the_government_requesting_party_and_assembly_bodies_in_a_numbered_item():
    """109/NQ-CP (tests/real-group6), Tổ chức thực hiện item 4: the Government's request names the doers of the
    task; each body and collective of the list leads ('các cơ quan tư pháp', 'đoàn thể nhân dân' are collectives)."""
    names, task = heading_bodies(
        "4. Chính phủ trân trọng đề nghị các cơ quan của Đảng, Quốc hội và các cơ quan của Quốc hội, Hội đồng nhân "
        "dân các cấp, các cơ quan tư pháp, Mặt trận Tổ quốc Việt Nam và các tổ chức thành viên, các tổ chức chính "
        "trị - xã hội, đoàn thể nhân dân tăng cường giám sát, phối hợp chặt chẽ", subject=True)
    assert names == ["các cơ quan của Đảng", "Quốc hội", "các cơ quan của Quốc hội", "Hội đồng nhân dân các cấp",
                     "các cơ quan tư pháp", "Mặt trận Tổ quốc Việt Nam", "các tổ chức thành viên",
                     "các tổ chức chính trị - xã hội, đoàn thể nhân dân"]
    assert task == "tăng cường giám sát, phối hợp chặt chẽ"


def test_a_task_group_titled_with_the_verb_to_organise_and_labelled_lines(tmp_path):
    """Bắc Ninh's 141/KH-UBND (tests/real-final), Nhiệm vụ và giải pháp items 7 and 8, hard-wrapped as the
    portal gives them: '8. Tổ chức' opens no body ('organise'), 'Đơn vị chủ trì tham mưu thực hiện' is a lead
    label."""
    text = ("KẾ HOẠCH\n\nIII. NHIỆM VỤ VÀ GIẢI PHÁP\n\n7. Đẩy mạnh\nchuyển đổi số trong công tác xây dựng pháp luật\n\n"
            "- Ra mắt AI pháp luật hỗ trợ\ncho cán bộ, công chức, viên chức trên địa bàn tỉnh.\n\n"
            "Đơn vị chủ trì tham mưu thực\nhiện: Sở Khoa học và Công nghệ.\n\nĐơn vị phối hợp thực hiện: Sở\nTư pháp.\n\n"
            "Thời gian thực hiện: Tháng\n12/2025.\n\n8. Tổ chức\nhội nghị, hội thảo trong công tác xây dựng pháp luật\n\n"
            "- Tổ chức hội nghị, hội thảo\ntrao đổi nghiệp vụ, kinh nghiệm trong công tác xây dựng pháp luật.\n\n"
            "Đơn vị chủ trì: Sở Tư\npháp.\n\nĐơn vị phối hợp: Các cơ\nquan, đơn vị liên quan.\n\n"
            "Thời gian thực hiện: Hằng\nnăm.\n")
    obls = _pipeline_obls(tmp_path, text)
    assert [(o.lead, o.support, o.deadline.text if o.deadline else None) for o in obls] == [
        (["Sở Khoa học và Công nghệ"], ["Sở Tư pháp"], "Tháng 12/2025"),
        (["Sở Tư pháp"], ["Các cơ quan, đơn vị liên quan"], "Hằng năm")]
    assert obls[1].task == "Tổ chức hội nghị, hội thảo trao đổi nghiệp vụ, kinh nghiệm trong công tác xây dựng pháp luật"


def test_a_numbered_item_whose_subject_and_task_go_on_over_wrapped_lines_and_paragraphs(tmp_path):
    """141/KH-UBND, Tổ chức thực hiện: a subject list cut by the line break before 'liên quan'; an item whose
    task runs on into a paragraph of its own doer is one obligation (ANNOTATION.md)."""
    text = ("KẾ HOẠCH\n\nIV. TỔ CHỨC\nTHỰC HIỆN\n\n1. Các cơ quan, đơn vị,\nđịa phương xây dựng Kế hoạch triển khai "
            "thực hiện\nxong trong tháng 12/2025.\nĐịnh kỳ báo cáo UBND tỉnh (qua Sở Tư pháp) kết quả thực hiện Kế "
            "hoạch hằng năm\n(trước ngày 15 tháng 11).\n\n4. Các Sở, ngành, đơn vị\nliên quan kiện toàn và nâng cao "
            "trình độ đội ngũ công chức, viên chức làm công\ntác pháp chế.\n\n5. UBND các xã, phường\ntăng cường "
            "công tác lãnh đạo công tác xây dựng và thực thi pháp luật.\n")
    obls = _pipeline_obls(tmp_path, text)
    assert [o.lead for o in obls] == [["Các cơ quan, đơn vị, địa phương"], ["Các Sở, ngành, đơn vị liên quan"],
                                      ["Ủy ban nhân dân các xã, phường"]]
    assert "Định kỳ báo cáo UBND tỉnh" in obls[0].quote
    assert obls[1].task.startswith("kiện toàn và nâng cao trình độ")


def test_role_labels_under_a_body_heading_give_their_bullets_support(tmp_path):
    """Sơn La's 2954/QĐ-UBND (tests/real-final), Tổ chức thực hiện: '1. Sở / Công Thương', then 'a) Chủ trì, phối
    hợp với …' and 'b) Phối hợp với …', each over its bullets; '6. Sở Ngoại / Vụ' is one name broken by the
    portal; the mass organisations of item 8 are each a lead ('Đoàn TNCS' written short)."""
    text = ("QUYẾT ĐỊNH\n\nV. TỔ CHỨC\nTHỰC HIỆN\n\n1. Sở\nCông Thương\n\na) Chủ trì, phối hợp với các\nsở, ban, "
            "ngành, UBND các xã, phường và cơ quan, đơn vị có liên quan\n\n- Là cơ quan đầu mối chủ trì tổ\nchức "
            "thực hiện, theo dõi, đôn đốc các sở, ban, ngành triển khai Kế hoạch này.\n\n- Tổ chức chương trình tập "
            "huấn\nkiến thức về hội nhập kinh tế quốc tế.\n\nb) Phối hợp với các sở,\nngành, UBND các xã, phường\n\n"
            "- Hỗ trợ các nhà đầu tư, các tập\nđoàn lớn đến đầu tư phát triển hạ tầng thương mại.\n\n6. Sở Ngoại\nVụ\n\n"
            "- Thẩm định, trình UBND tỉnh về\nthủ tục người nước ngoài vào tỉnh.\n\n8. Đề nghị\nLiên minh Hợp tác xã "
            "tỉnh, Đoàn TNCS Hồ Chí Minh tỉnh, Hội nông dân tỉnh, Hiệp\nhội doanh nghiệp tỉnh\n\n- Đẩy mạnh tập huấn, "
            "học tập mô\nhình sản xuất tiên tiến.\n")
    obls = _pipeline_obls(tmp_path, text)
    assert [(o.lead, o.support) for o in obls] == [
        (["Sở Công Thương"], ["các sở, ban, ngành", "Ủy ban nhân dân các xã, phường", "cơ quan, đơn vị có liên quan"]),
        (["Sở Công Thương"], ["các sở, ban, ngành", "Ủy ban nhân dân các xã, phường", "cơ quan, đơn vị có liên quan"]),
        (["Sở Công Thương"], ["các sở, ngành", "Ủy ban nhân dân các xã, phường"]),
        (["Sở Ngoại vụ"], []),
        (["Liên minh Hợp tác xã tỉnh", "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh", "Hội Nông dân tỉnh",
          "Hiệp hội doanh nghiệp tỉnh"], [])]
    assert obls[0].task.startswith("Là cơ quan đầu mối chủ trì tổ chức thực hiện")


def test_a_role_paragraph_closing_on_its_colon_gives_the_bullets_under_it_support(tmp_path):
    """Sơn La's 2954/QĐ-UBND (tests/real-final), item 4: the heading's body, then a paragraph that only states its
    role over the bullets, closing on a colon; a paragraph doing a task of its own gives none."""
    text = ("QUYẾT ĐỊNH\n\nV. TỔ CHỨC\nTHỰC HIỆN\n\n4. Sở\nKhoa học và Công Nghệ\n\nChủ trì, phối hợp với các sở,\n"
            "ngành, UBND các xã, phường và các cơ quan, đơn vị có liên quan:\n\n- Triển khai thực hiện các\nchính "
            "sách khuyến khích doanh nghiệp, HTX đầu tư, áp dụng chuyển giao đổi mới\ncông nghệ tiên tiến.\n\n"
            "- Hỗ trợ cập nhật các thông tin\nliên quan đến các quy định về các tiêu chuẩn, quy chuẩn quốc tế.\n\n"
            "5. Sở Tài chính\n\nTham mưu bố trí kinh phí, phối hợp với Sở Nội vụ thực hiện các nội dung sau:\n\n"
            "- Hướng dẫn các sở, ngành xây dựng dự toán kinh phí triển khai các nhiệm vụ được giao.\n")
    obls = _pipeline_obls(tmp_path, text)
    shared = ["các sở, ngành", "Ủy ban nhân dân các xã, phường", "các cơ quan, đơn vị có liên quan"]
    assert [(o.lead, o.support) for o in obls] == [(["Sở Khoa học và Công nghệ"], shared),
                                                  (["Sở Khoa học và Công nghệ"], shared), (["Sở Tài chính"], [])]
    assert obls[0].task.startswith("Triển khai thực hiện các chính sách khuyến khích doanh nghiệp")


def test_a_group_assigned_with_its_members_listed_after_gom(tmp_path):
    """Quyết định 893/QĐ-TTg (tests/real-final), IV.3.d: 'Giao các cơ sở đào tạo trọng điểm gồm: …' assigns the
    bodies listed after 'gồm:', a member university named with its parent after a dash; the group before the
    colon is no doer."""
    text = ("QUYẾT ĐỊNH\n\nIV. NHIỆM VỤ VÀ GIẢI PHÁP\n\n3. Xây dựng kế hoạch và tổ chức đào tạo, bồi dưỡng\n\n"
            "d) Giao các cơ sở đào tạo trọng điểm gồm: Đại học Bách Khoa Hà Nội,\nTrường Đại học Khoa học Tự nhiên - "
            "Đại học Quốc gia Hà Nội, Trường Đại\nhọc Đà Lạt, Viện Năng lượng nguyên tử Việt Nam và các cơ sở do Bộ\n"
            "Khoa học và Công nghệ lựa chọn đủ năng lực thực hiện đào tạo, bồi dưỡng về\nnăng lượng nguyên tử.\n")
    (ob,) = _pipeline_obls(tmp_path, text)
    assert ob.lead[:4] == ["Đại học Bách Khoa Hà Nội", "Trường Đại học Khoa học Tự nhiên - Đại học Quốc gia Hà Nội",
                           "Trường Đại học Đà Lạt", "Viện Năng lượng nguyên tử Việt Nam"]
    assert ob.task.startswith("Giao các cơ sở đào tạo trọng điểm gồm")


def test_a_time_opening_a_sentence_holds_for_each_doers_clause():
    """Nghị định 74/2025/NĐ-CP (tests/real-group6), Điều 5.4.b: 'Hằng năm, X có trách nhiệm …, Y có trách nhiệm …;
    Z có trách nhiệm …': each of the three reports yearly."""
    text = ("Điều 5. Đóng bảo hiểm y tế\n\nb) Hằng năm, Bảo hiểm xã hội Quân đội có trách nhiệm báo cáo quyết toán "
            "phần thu của đối tượng quy định tại khoản 1 Điều 2 Nghị định này, Bảo hiểm xã hội Công an nhân dân có "
            "trách nhiệm báo cáo quyết toán phần thu của đối tượng quy định tại khoản 2 Điều 2 Nghị định này; Bảo "
            "hiểm xã hội tỉnh, thành phố trực thuộc Trung ương có trách nhiệm báo cáo quyết toán phần thu với Bảo "
            "hiểm xã hội Việt Nam.\n")
    obls = _obls(text)
    assert [o.lead for o in obls] == [["Bảo hiểm xã hội Quân đội"], ["Bảo hiểm xã hội Công an nhân dân"],
                                      ["Bảo hiểm xã hội tỉnh, thành phố trực thuộc Trung ương"]]
    assert [(o.deadline.text, o.deadline.kind) if o.deadline else None for o in obls] == [("Hằng năm", "recurring")] * 3


def test_a_gazette_task_row_whose_support_name_wraps_over_its_cell_lines(tmp_path):
    """100/NQ-CP in gazette text (tests/real-final), Phụ lục row 3: the support cell's lines 'Thanh' / 'tra' /
    'Chính phủ,' make one name the gazetteer knows, and the list goes on to its collective."""
    text = ("NGHỊ QUYẾT\n\nPhụ lục\nNHIỆM VỤ CỤ THỂ\n\nTT \nNhiệm vụ \nCơ quan chủ trì \nCơ quan phối hợp \n"
            "Sản phẩm \nThời gian hoàn thành \n3.  \nXây dựng quy định, chế tài xử phạt phù hợp với \ntính chất, "
            "nội dung vi phạm trong hoạt động của \ntổ chức phi chính phủ nước ngoài tại Việt Nam.  \nBộ Ngoại \n"
            "giao \nThanh \ntra \nChính phủ, \nBộ Công an, \nBộ Tư pháp, \ncác \nBộ, \nngành \nliên \nquan \n"
            "Đề xuất ban hành, \nsửa đổi, bổ sung \nNghị định, Thông \ntư \nNăm 2026 - \n2028 \n")
    obls = _pipeline_obls(tmp_path, text)
    assert [(o.lead, o.support) for o in obls] == [
        (["Bộ Ngoại giao"], ["Thanh tra Chính phủ", "Bộ Công an", "Bộ Tư pháp", "các Bộ, ngành liên quan"])]


def test_a_support_list_going_on_over_semicolons_names_no_subject(tmp_path):
    """2954/QĐ-UBND (tests/real-final), Điều 2: the bodies after 'phối hợp với' are listed with semicolons; the
    ones after a semicolon go on the support list, they are no subject of 'triển khai'."""
    text = ("QUYẾT ĐỊNH\n\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch xuất khẩu sản phẩm hàng hóa.\n\n"
            "Điều 2. Giao\nSở Công Thương chủ trì, phối hợp với các Sở, ban, ngành của tỉnh; Ủy ban nhân\n"
            "dân các xã, phường; các cơ quan, đơn vị và các doanh nghiệp, hợp tác xã có liên\nquan triển khai "
            "thực hiện Kế hoạch này.\n\nĐiều 3. Quyết định này có hiệu lực kể từ ngày ký ban hành.\n")
    obls = _pipeline_obls(tmp_path, text)
    assert [(o.lead, o.support) for o in obls] == [
        (["Sở Công Thương"], ["các Sở, ban, ngành của tỉnh", "Ủy ban nhân dân các xã, phường",
                              "các cơ quan, đơn vị và các doanh nghiệp, hợp tác xã có liên quan"])]


def test_a_body_heading_whose_name_a_line_break_cuts_before_its_colon():
    """Kế hoạch 179/KH-UBND of Đồng Nai, VI.8: the portal broke the heading inside the bank's name, before the colon
    that opens its task ('8. Ngân hàng nhà nước Việt' / 'Nam - Chi nhánh Khu vực II: Chủ trì, …')."""
    obls = _obls("VI. TỔ CHỨC THỰC HIỆN\n\n7. Sở Công Thương: Chủ trì, phối hợp triển khai các nhiệm vụ thương mại điện tử.\n\n"
                 "8. Ngân hàng nhà nước Việt\nNam - Chi nhánh Khu vực II: Chủ trì, phối hợp triển khai các nhiệm vụ "
                 "phát triển kinh tế số và xã hội số thuộc phạm vi quản lý nhà nước của Kế hoạch.\n\n"
                 "9. Công an tỉnh: Chủ trì, phối hợp triển khai các nhiệm vụ phát triển hạ tầng định danh.\n")
    assert [o.lead for o in obls] == [["Sở Công Thương"], ["Ngân hàng Nhà nước Việt Nam - Chi nhánh Khu vực II"],
                                      ["Công an tỉnh"]]
    assert obls[1].task.startswith("Chủ trì, phối hợp triển khai các nhiệm vụ phát triển kinh tế số")


def test_a_subject_of_a_bank_and_its_commercial_banks_doing_a_task_resolutely():
    """Thông báo 624/TB-VPCP, item 5.h (tests/real): 'các ngân hàng thương mại cổ phần' is a collective qualified by
    'cổ phần', cut by a line break, and 'quyết liệt' opens the task as 'khẩn trương' does."""
    text = ("III. NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM\n\n5. Nhiệm vụ về phát triển KHCN, đổi mới sáng tạo\n\n"
            "g) Bộ Y tế xây dựng, trình cấp có thẩm quyền phê duyệt Kế hoạch triển khai Sổ sức khỏe điện tử, hoàn thành "
            "trong tháng 12 năm 2025.\n"
            "h) Ngân hàng Nhà nước Việt Nam và các ngân hàng\nthương mại cổ phần quyết liệt triển khai hiệu quả, đúng "
            "trọng tâm, trọng điểm\nChương trình tín dụng 500 nghìn tỷ đồng, báo cáo Thủ tướng Chính phủ trước ngày 20 "
            "tháng 11\nnăm 2025 và hàng tháng.\n")
    got = [(o.lead, o.deadline.date if o.deadline else None) for o in _obls(text)]
    assert got == [(["Bộ Y tế"], "2025-12-31"),
                   (["Ngân hàng Nhà nước Việt Nam", "các ngân hàng thương mại cổ phần"], "2025-11-20")]


# 109/NQ-CP, section II: a numbered task heading without a stop over the paragraph naming who answers for it; the
# officers ('Thủ trưởng, người đứng đầu') stand for the bodies they head, local government as a whole among them.
HEADED_RESPONSIBILITY = """NGHỊ QUYẾT
Về nhiệm vụ, giải pháp trọng tâm

II. NHIỆM VỤ, GIẢI PHÁP
1. Đẩy mạnh giải ngân vốn đầu tư công
Thủ trưởng, người đứng đầu các bộ, ngành, cơ quan và chính quyền địa phương chịu trách nhiệm chỉ đạo rà soát, thống kê, phân loại tổng thể các dự án tồn đọng (kể cả các dự án trong và ngoài ngân sách).
2. Bảo đảm an ninh trật tự
Bộ Công an chỉ đạo lực lượng công an các cấp chủ động nắm tình hình địa bàn; phối hợp với chính quyền địa phương các cấp trong việc rà soát, cung cấp số liệu hộ gia đình cư trú trên địa bàn.
"""


def test_a_numbered_heading_ends_a_sentence_and_officers_stand_for_their_bodies():
    obls = _obls(HEADED_RESPONSIBILITY)
    assert [(o.lead, o.support, o.task[:36]) for o in obls] == [
        (["các bộ, ngành, cơ quan", "Chính quyền địa phương"], [], "chỉ đạo rà soát, thống kê, phân loại"),
        (["Bộ Công an"], ["Chính quyền địa phương các cấp"], "chỉ đạo lực lượng công an các cấp ch")]


def test_a_sentence_that_only_says_when_gives_the_task_before_it_its_deadline():
    """Công văn 4085/UBND-ĐT of Hồ Chí Minh City (tests/real): the task's sentence ends at its full stop and the
    next says only when it is due; the time is the task's deadline and the quote runs to it."""
    text = ("KẾ HOẠCH\n\nII. NHIỆM VỤ\n\n"
            "- Trên cơ sở kết quả khảo sát, Sở Xây dựng chủ trì, phối hợp Trung tâm Chuyển đổi số Thành phố xây "
            "dựng, đề xuất trình Ủy ban nhân dân Thành phố phương án xây dựng hoặc lựa chọn phần mềm dùng chung "
            "thống nhất trên toàn địa bàn Thành phố. Thời gian hoàn thành trong tháng 12 năm 2025.\n\n"
            "- Sở Tài chính chủ trì bố trí kinh phí thực hiện. Thời gian qua, kinh phí đã được bố trí kịp thời.\n")
    first, second = _obls(text)
    assert first.lead == ["Sở Xây dựng"] and first.quote.endswith("Thời gian hoàn thành trong tháng 12 năm 2025.")
    assert first.deadline is not None and (first.deadline.kind, first.deadline.end) == ("year", 2025)
    assert second.lead == ["Sở Tài chính"] and second.deadline is None  # 'Thời gian qua' says no time


def test_a_task_called_a_standing_one_is_recurring():
    """Thông báo 624/TB-VPCP (tests/real): '…, nhiệm vụ thường xuyên' after a task is its recurring deadline."""
    (ob,) = _obls("THÔNG BÁO\n\nII. NHIỆM VỤ\n\nb) Bộ Công an chủ trì tiếp tục đầu tư phát triển, mở rộng Trung tâm "
                  "Dữ liệu quốc gia số 1, nhiệm vụ thường xuyên.\n")
    assert ob.deadline is not None and (ob.deadline.text, ob.deadline.kind) == ("nhiệm vụ thường xuyên", "recurring")


@pytest.mark.parametrize("line, lead", [
    # Nghị quyết 100/NQ-CP (real-final): the ministries and provinces propose, the Ministry of Finance does
    ("5. Trên cơ sở đề xuất của các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ, Ủy ban nhân dân các tỉnh, thành "
     "phố trực thuộc Trung ương, Bộ Tài chính tổng hợp, trình cấp có thẩm quyền bố trí dự toán chi ngân sách nhà "
     "nước hằng năm.", ["Bộ Tài chính"]),
    ("3. Căn cứ báo cáo kết quả thực hiện của các sở, ngành, Sở Nội vụ tổng hợp, báo cáo Ủy ban nhân dân tỉnh.",
     ["Sở Nội vụ"]),
    # a list closed by 'và' ends the proposers: no doer of its own (Quyết định 982/QĐ-TTg, under '3. Bộ Tài chính')
    ("a) Trên cơ sở đề xuất của Bộ Khoa học và Công nghệ và các bộ, ngành và địa phương, cân đối, tổng hợp trình cấp "
     "có thẩm quyền bố trí ngân sách nhà nước hằng năm.", []),
])
def test_proposers_before_the_doer(line, lead):
    assert heading_bodies(line, subject=True)[0] == lead


def test_proposers_clause_inside_a_sentence():
    """Thông báo 624/TB-VPCP (tests/real): '…, trên cơ sở đề xuất của Bộ KH&CN, Bộ Tài chính tổng hợp, trình …'
    opens the Ministry of Finance's own task inside the ministries' sentence."""
    first, second = _obls(
        "THÔNG BÁO\n\nII. NHIỆM VỤ\n\nb) Các bộ, ngành, địa phương căn cứ chức năng, nhiệm vụ được giao khẩn trương "
        "đăng ký nhu cầu kinh phí qua Bộ Khoa học và Công nghệ, chi tiết nguồn vốn đầu tư, chi thường xuyên, trên cơ "
        "sở đề xuất của Bộ Khoa học và Công nghệ, Bộ Tài chính tổng hợp, trình cấp có thẩm quyền xem xét, quyết "
        "định.\n")
    assert first.lead == ["Các bộ, ngành, địa phương"] and "trên cơ sở" not in first.quote
    assert second.lead == ["Bộ Tài chính"]
    assert second.quote.startswith("trên cơ sở đề xuất của Bộ Khoa học và Công nghệ, Bộ Tài chính tổng hợp")


def test_role_tag_in_brackets_after_a_heading_body():
    """Quyết định 2820/QĐ-UBND (tests/real): '1. Sở Tài chính (cơ quan chủ trì)' heads the bullets below it; the
    bracket's 'chủ trì' is no task of its own, and the bullet's proposers ('Trên cơ sở văn bản đề xuất kinh phí
    của các Sở, ban, ngành chuyên môn, Sở Tài chính phối hợp …') are no doers."""
    assert heading_bodies("1. Sở Tài chính (cơ quan chủ trì)", subject=True) == (["Sở Tài chính"], None)
    assert heading_bodies("2. Sở Khoa học và Công nghệ (Cơ quan thường trực Ban Chỉ đạo):") == (
        ["Sở Khoa học và Công nghệ"], None)
    obls = _obls(
        "KẾ HOẠCH\n\nIV. TỔ CHỨC THỰC HIỆN\n\n1. Sở Tài chính (cơ quan chủ trì)\n\n- Chủ trì xây dựng, tổ chức thực "
        "hiện, theo dõi, đôn đốc thực hiện Kế hoạch.\n\n- Trên cơ sở văn bản đề xuất kinh phí của các Sở, ban, ngành "
        "chuyên môn, Sở Tài chính phối hợp với các đơn vị liên quan thẩm định, tổng hợp nhu cầu kinh phí.\n")
    assert [(o.lead, o.support, o.quote[:20]) for o in obls] == [
        (["Sở Tài chính"], [], "- Chủ trì xây dựng, "), (["Sở Tài chính"], ["các đơn vị liên quan"], "- Trên cơ sở văn bản")]


def test_a_paragraph_that_only_says_when_dates_the_task_before_it():
    """Công văn 4085/UBND-ĐT (tests/real) as a Word file: the time sentence is a paragraph of its own under the
    bullet it dates; it is no task of its own."""
    text = ("Chủ tịch Ủy ban nhân dân Thành phố có ý kiến chỉ đạo như sau:\n\n1. Về việc rà soát, làm sạch dữ liệu số "
            "nhà đã cấp\n\n1.1. Giao Ủy ban nhân dân các phường, xã, đặc khu\n\n- Trên cơ sở dữ liệu đất đai do Sở "
            "Nông nghiệp và Môi trường cung cấp, Ủy ban nhân dân các phường, xã, đặc khu tổ chức rà soát, cập nhật và "
            "làm sạch dữ liệu số nhà đã cấp.\n\nThời gian hoàn thành trước ngày 31 tháng 12 năm 2025.\n\n1.2. Giao "
            "Sở Xây dựng\n\nTheo dõi, đôn đốc việc cập nhật thông tin số nhà.\n")
    first, second = _obls(text)
    assert first.lead == ["Ủy ban nhân dân các phường, xã, đặc khu"]
    assert first.deadline is not None and first.deadline.date == "2025-12-31"
    assert first.quote.endswith("Thời gian hoàn thành trước ngày 31 tháng 12 năm 2025.")
    assert second.lead == ["Sở Xây dựng"] and second.deadline is None


def test_a_bullet_naming_a_narrower_kind_of_its_headings_doers():
    """Kế hoạch 144/KH-UBND (group 3): under '18. Các doanh nghiệp công nghệ số', 'a) Doanh nghiệp viễn thông, bưu
    chính ưu tiên đầu tư …' is led by the kind it names; the heading's own kind and a description ('là lực lượng
    …') are the heading's."""
    obls = _obls(
        "KẾ HOẠCH\n\nV. TỔ CHỨC THỰC HIỆN\n\n18. Các doanh nghiệp công nghệ số\n\na) Doanh nghiệp viễn thông, bưu "
        "chính ưu tiên đầu tư nâng cấp hạ tầng số, hạ tầng bưu chính rộng khắp.\n\nb) Doanh nghiệp công nghệ số chủ "
        "động tham gia triển khai Kế hoạch.\n\nc) Doanh nghiệp công nghệ số là lực lượng tiên phong trong kiến tạo "
        "hạ tầng, phát triển nền tảng số.\n")
    assert [o.lead for o in obls] == [["Doanh nghiệp viễn thông, bưu chính"], ["Các doanh nghiệp công nghệ số"],
                                      ["Các doanh nghiệp công nghệ số"]]


def test_a_directive_s_closing_call_then_a_duty_in_one_paragraph(tmp_path):
    """A Chairman's directive (held-out 11) closes its last item with the call on every addressee to carry it out,
    then gives the department its duty in the next sentence: the call is no duty, the department's is."""
    text = ("CHỈ THỊ\n\nVề đẩy nhanh tiến độ giải ngân vốn đầu tư công năm 2026\n\n"
            "Chủ tịch Ủy ban nhân dân tỉnh chỉ thị:\n\n"
            "1. Sở Xây dựng:\n\nCông bố giá vật liệu xây dựng trên địa bàn tỉnh định kỳ hằng tháng.\n\n"
            "2. Tổ chức thực hiện:\n\nGiám đốc các sở, Thủ trưởng các ban, ngành, Chủ tịch Ủy ban nhân dân các xã, "
            "phường và các chủ đầu tư nghiêm túc triển khai thực hiện Chỉ thị này. Sở Tài chính theo dõi, kiểm tra "
            "việc thực hiện, báo cáo Chủ tịch Ủy ban nhân dân tỉnh kết quả trước ngày 25 tháng 12 năm 2026.\n")
    got = [(o.lead, o.deadline.text if o.deadline else None) for o in _pipeline_obls(tmp_path, text)]
    assert got == [(["Sở Xây dựng"], "định kỳ hằng tháng"), (["Sở Tài chính"], "trước ngày 25 tháng 12 năm 2026")]


def test_an_abbreviated_body_is_the_one_the_text_spells_out(tmp_path):
    """A district's task table (held-out 11) writes 'Trung tâm VH-TT huyện', which the abbreviation list reads as
    the district office's 'Văn hóa và Thông tin'; the text names 'Trung tâm Văn hóa - Truyền thông huyện' in full,
    of the same head, initials and locality: that is the body."""
    text = ("KẾ HOẠCH\n\nNâng cao năng suất lao động năm 2022\n\nIII. TỔ CHỨC THỰC HIỆN\n\n"
            "1. Phòng Văn hóa và Thông tin, Trung tâm Văn hóa - Truyền thông huyện\n\n"
            "Xây dựng chuyên mục, tăng thời lượng tuyên truyền về năng suất.\n\nPHỤ LỤC\n\n"
            "| TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian thực hiện |\n"
            "|---|---|---|---|---|\n"
            "| 1 | Xây dựng chuyên mục về năng suất | Phòng VH&TT | Trung tâm VH-TT huyện; UBND các xã, thị trấn | "
            "2022 - 2025 |\n")
    got = [(o.lead, o.support) for o in _pipeline_obls(tmp_path, text)]
    assert got[-1] == (["Phòng Văn hóa và Thông tin"],
                       ["Trung tâm Văn hóa - Truyền thông huyện", "Ủy ban nhân dân các xã, thị trấn"])


def test_a_prime_minister_s_directive_whose_formula_runs_long_before_its_colon(tmp_path):
    """A Prime Minister's directive (held-out 13): 'Thủ tướng Chính phủ yêu cầu …, thực hiện … các nhiệm vụ, giải
    pháp sau đây, phấn đấu … giảm ít nhất 10% …; 100% cơ sở giáo dục …:' is its directing formula, more than 200
    characters from the verb to the colon; the headings after it name the doers of their lettered items."""
    text = ("CHỈ THỊ\n\nVề tăng cường bảo đảm trật tự, an toàn giao thông cho học sinh\n\n"
            "Để chủ động phòng ngừa tai nạn giao thông liên quan đến học sinh, Thủ tướng Chính phủ yêu cầu các bộ, cơ "
            "quan ngang bộ, cơ quan thuộc Chính phủ, Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương tập "
            "trung chỉ đạo, thực hiện quyết liệt, đồng bộ các nhiệm vụ, giải pháp sau đây, phấn đấu trong năm học "
            "2025 - 2026 giảm ít nhất 10% số vụ tai nạn giao thông so với năm học 2024 - 2025; 100% cơ sở giáo dục "
            "phổ thông tổ chức ký cam kết chấp hành pháp luật về an toàn giao thông:\n\n"
            "1. Bộ Giáo dục và Đào tạo:\n\na) Chủ trì, phối hợp với Bộ Công an ban hành văn bản hướng dẫn.\n\n"
            "b) Định kỳ hằng năm tổng hợp, báo cáo Thủ tướng Chính phủ trước ngày 30 tháng 6.\n\n"
            "2. Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương:\n\n"
            "a) Bố trí kinh phí từ ngân sách địa phương để thực hiện các nhiệm vụ tại Chỉ thị này.\n")
    got = [(o.lead, o.support) for o in _pipeline_obls(tmp_path, text)]
    assert got == [(["Bộ Giáo dục và Đào tạo"], ["Bộ Công an"]), (["Bộ Giáo dục và Đào tạo"], []),
                   (["Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương"], [])]


def test_a_directive_item_s_second_sentence_with_doers_responsible_of_its_own(tmp_path):
    """A Prime Minister's directive (held-out 13): item 4 gives the committee its task, then a sentence naming the
    national broadcasters 'có trách nhiệm dành thời lượng …': theirs is a duty of its own."""
    text = ("CHỈ THỊ\n\nVề an toàn giao thông cho học sinh\n\nThủ tướng Chính phủ yêu cầu các bộ, ngành thực hiện:\n\n"
            "1. Bộ Giáo dục và Đào tạo:\n\na) Chủ trì ban hành văn bản hướng dẫn.\n\n"
            "2. Ủy ban An toàn giao thông Quốc gia chủ trì theo dõi, đôn đốc các bộ, ngành, địa phương thực hiện Chỉ "
            "thị. Đài Truyền hình Việt Nam, Đài Tiếng nói Việt Nam, Thông tấn xã Việt Nam có trách nhiệm dành thời "
            "lượng phù hợp tuyên truyền các nội dung của Chỉ thị.\n\n"
            "3. Giao Văn phòng Chính phủ theo dõi, tổng hợp tình hình thực hiện Chỉ thị.\n")
    got = [o.lead for o in _pipeline_obls(tmp_path, text)]
    assert ["Đài Truyền hình Việt Nam", "Đài Tiếng nói Việt Nam", "Thông tấn xã Việt Nam"] in got
    assert ["Ủy ban An toàn giao thông Quốc gia"] in got
