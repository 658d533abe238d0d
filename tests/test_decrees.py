"""Duties in decrees: articles naming whose powers and duties they list, a lead-in naming the doers of
the numbered clauses below it, the closing article, and the gazette PDF layout they come in. Real text
of Nghị định 121/2026/NĐ-CP (tests/real-group5)."""

from __future__ import annotations

from pathlib import Path

from extractor import ingest
from extractor.normalize import normalize
from extractor.pipeline import extract_file
from tests.test_obligations import _obls

HERE = Path(__file__).resolve().parent

CHAPTER = """Chương III

THẨM QUYỀN VÀ TRÁCH NHIỆM

Điều 18. Thẩm quyền của Thủ tướng Chính phủ

Thủ tướng Chính phủ quyết định thành lập, tổ chức lại, giải thể tổ chức hành chính quy định tại điểm d khoản 2 Điều 2 Nghị định này theo quy định của pháp luật.

Điều 19. Thẩm quyền và trách nhiệm của Bộ trưởng Bộ Nội vụ

1. Trình cơ quan hoặc người có thẩm quyền ban hành hoặc ban hành theo thẩm quyền văn bản quy phạm pháp luật về tổ chức hành chính.

2. Trình Chính phủ quy định tiêu chí về thành lập, tổ chức lại, giải thể các tổ chức hành chính quy định tại khoản 1, khoản 2, khoản 3 Điều 2 Nghị định này.

3. Tổng hợp, cập nhật thông tin về tổ chức hành chính trong phạm vi cả nước và báo cáo các cấp có thẩm quyền theo quy định của pháp luật.

Điều 21. Thẩm quyền và trách nhiệm của Ủy ban nhân dân cấp tỉnh và Ủy ban nhân dân cấp xã

1. Ủy ban nhân dân cấp tỉnh trình Hội đồng nhân dân cùng cấp quyết định thành lập, tổ chức lại, giải thể tổ chức hành chính quy định tại điểm a, điểm d khoản 2 Điều 2 Nghị định này.

2. Ủy ban nhân dân cấp tỉnh quyết định thành lập, tổ chức lại, giải thể tổ chức hành chính quy định tại điểm b, điểm c, điểm đ, điểm e khoản 2 Điều 2 Nghị định này theo quy định của pháp luật.

3. Ủy ban nhân dân cấp xã trình Hội đồng nhân dân cùng cấp quyết định thành lập, tổ chức lại, giải thể tổ chức hành chính quy định tại khoản 3 Điều 2 Nghị định này.

Điều 22. Chế độ cung cấp thông tin, báo cáo về tổ chức hành chính

Các bộ, cơ quan ngang bộ, Ủy ban nhân dân tỉnh, thành phố trực thuộc trung ương có trách nhiệm:

1. Cung cấp thông tin về tổ chức hành chính thuộc thẩm quyền quản lý cho các cơ quan, tổ chức, cá nhân có liên quan theo quy định của pháp luật.

2. Định kỳ tổng hợp gửi báo cáo số liệu về tổ chức hành chính thuộc thẩm quyền quản lý về Bộ Nội vụ trước ngày 20 tháng 12 hằng năm để tổng hợp theo quy định.

Chương IV

ĐIỀU KHOẢN THI HÀNH

Điều 25. Trách nhiệm thi hành

Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Hội đồng nhân dân, Ủy ban nhân dân cấp tỉnh, Hội đồng nhân dân, Ủy ban nhân dân cấp xã và các cơ quan, tổ chức liên quan chịu trách nhiệm tổ chức thực hiện Nghị định này.
"""


def test_articles_naming_whose_duties_they_list_lead_their_clauses():
    got = [(o.lead, o.task[:40]) for o in _obls(CHAPTER)]
    assert got == [
        (["Thủ tướng Chính phủ"], "Thủ tướng Chính phủ quyết định thành lập"),
        (["Bộ Nội vụ"], "Trình cơ quan hoặc người có thẩm quyền b"),
        (["Bộ Nội vụ"], "Trình Chính phủ quy định tiêu chí về thà"),
        (["Bộ Nội vụ"], "Tổng hợp, cập nhật thông tin về tổ chức "),
        (["Ủy ban nhân dân cấp tỉnh"], "trình Hội đồng nhân dân cùng cấp quyết đ"),
        (["Ủy ban nhân dân cấp tỉnh"], "quyết định thành lập, tổ chức lại, giải "),
        (["Ủy ban nhân dân cấp xã"], "trình Hội đồng nhân dân cùng cấp quyết đ"),
        (["Các bộ, cơ quan ngang bộ", "Ủy ban nhân dân tỉnh, thành phố trực thuộc trung ương"],
         "Cung cấp thông tin về tổ chức hành chính"),
        (["Các bộ, cơ quan ngang bộ", "Ủy ban nhân dân tỉnh, thành phố trực thuộc trung ương"],
         "Định kỳ tổng hợp gửi báo cáo số liệu về "),
    ]  # Điều 25's "chịu trách nhiệm tổ chức thực hiện Nghị định này" is the closing formula, no duty


def test_an_addressee_at_a_line_start_is_no_doer():
    """'… kịp thời báo cáo và kiến nghị / Thủ tướng Chính phủ các biện pháp …' (844/QĐ-TTg, gazette lines):
    the Prime Minister is who the report goes to."""
    text = ("III. TỔ CHỨC THỰC HIỆN\n\n4. Bộ Y tế chủ trì, phối hợp với các bộ, ngành, địa phương theo dõi, đôn đốc\n"
            "việc triển khai thực hiện Chương trình hành động, kịp thời báo cáo và kiến nghị\n"
            "Thủ tướng Chính phủ các biện pháp cần thiết để bảo đảm thực hiện đồng bộ và có\nhiệu quả Kế hoạch hành động.\n")
    assert [o.lead for o in _obls(text)] == [["Bộ Y tế"]]


def _normalized(tmp_path: Path, text: str) -> str:
    """The record text of `text` read as a .txt file of gazette text."""
    path = tmp_path / "gazette.txt"
    path.write_text(text, encoding="utf-8")
    return normalize(ingest.read_document(path))


def test_an_even_page_number_before_the_gazette_header_is_furniture(tmp_path):
    text = ("hợp, đối sánh, làm sạch, kết\n\n 50 \nCÔNG BÁO/Số 1091 + 1092/Ngày 03-11-2023 \n  \n"
            "nối, chia sẻ. Kho dữ liệu về con người bao gồm dữ liệu thuộc các lĩnh vực: dân cư.\n")
    out = _normalized(tmp_path, text)
    assert "50" not in out and "CÔNG BÁO" not in out and "nối, chia sẻ" in out


def test_a_gazette_header_with_its_page_number_on_the_same_line_is_furniture(tmp_path):
    """Nghị quyết 100/NQ-CP as a portal copies the gazette: header and page number on one line, either order."""
    text = ("Bộ Ngoại giao\nCÔNG BÁO/Số 242/Ngày 22-04-2026 49\n5\nTham mưu xây dựng cơ chế phối hợp.\n\n"
            "50 CÔNG BÁO/Số 242/Ngày 22-04-2026\nBộ Tư pháp\n")
    out = _normalized(tmp_path, text)
    assert "CÔNG BÁO" not in out and "49" not in out and "50" not in out
    assert "\n5\n" in out and "Bộ Tư pháp" in out  # the row number after the header stays


def test_the_gazette_pdf_keeps_an_article_title_apart_from_its_lead_in():
    """The title of Điều 22 runs to the right margin; the indented paragraph below it is its own."""
    rec = extract_file(HERE / "real-group5" / "nghi-dinh-121-2026-nd-cp.pdf")
    assert "Điều 22. Chế độ cung cấp thông tin, báo cáo về tổ chức hành chính\n\nCác bộ, cơ quan ngang bộ" in rec.text
    leads = {tuple(o.lead) for o in rec.obligations if (o.section or "").startswith("CIII.D22")}
    assert ("Ủy ban nhân dân tỉnh, thành phố trực thuộc trung ương",) in leads or any(
        "Các bộ, cơ quan ngang bộ" in lead for lead in leads)
    assert not any("Nghị định này" in o.task and "tổ chức thực hiện" in o.task for o in rec.obligations)
    assert [t.value for t in rec.targets] == []  # '01 bộ hồ sơ' is a procedure's dossier


RESOLUTION = """Điều 2. Tổ chức thực hiện
1. Trách nhiệm Tổ công tác triển khai Đề án 06:
a) Chỉ đạo tổ chức xây dựng, triển khai thực hiện Đề án Trung tâm dữ liệu
quốc gia và các Dự án thành phần của Đề án.
2. Trách nhiệm của các bộ, cơ quan ngang bộ, cơ quan trực thuộc Chính phủ;
Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương
a) Kết nối Nền tảng tích hợp, chia sẻ dữ liệu của Trung tâm dữ liệu quốc gia.
3. Các sở, ban, ngành, Ủy ban nhân dân các huyện, thành phố liên quan có trách nhiệm phối hợp, tham gia cùng
Ủy ban nhân dân thành phố Tam Điệp trong quá trình lập, thẩm định, hoàn thiện Chương trình.
"""


def test_body_headings_of_a_resolution_in_gazette_lines():
    """175/NQ-CP (gazette text): a heading opened by 'Trách nhiệm' without 'của', a body list cut after its
    ';', and (807/QĐ-UBND) a plural name that keeps its 'liên quan'."""
    got = [(o.lead, o.task[:30]) for o in _obls(RESOLUTION)]
    assert got == [
        (["Tổ công tác triển khai Đề án 06"], "Chỉ đạo tổ chức xây dựng, triể"),
        (["các bộ, cơ quan ngang bộ, cơ quan trực thuộc Chính phủ",
          "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"], "Kết nối Nền tảng tích hợp, chi"),
        (["Các sở, ban, ngành", "Ủy ban nhân dân các huyện, thành phố liên quan"], "phối hợp, tham gia cùng Ủy ban"),
    ]


def test_officers_heading_a_class_of_bodies_stand_for_those_bodies():
    """844/QĐ-TTg and 121/2026/NĐ-CP: 'Bộ trưởng, Thủ trưởng cơ quan ngang bộ, …' is the ministries' collective."""
    text = ("Điều 2. Tổ chức thực hiện\n\n3. Bộ trưởng, Thủ trưởng cơ quan ngang bộ, cơ quan thuộc Chính phủ, Chủ "
            "tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương tập trung chỉ đạo thực hiện nội dung "
            "nhiệm vụ được giao trong Kế hoạch hành động.\n\n"
            "Điều 20. Thẩm quyền và trách nhiệm của Bộ trưởng, Thủ trưởng cơ quan ngang bộ\n\n"
            "1. Trình cơ quan hoặc người có thẩm quyền ban hành quy định cụ thể tiêu chí thành lập tổ chức hành chính.\n")
    assert [o.lead for o in _obls(text)] == [
        ["Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ", "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương"],
        ["Các bộ, cơ quan ngang bộ"]]


DECREE_74 = """CHÍNH PHỦ

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 74/2025/NĐ-CP Hà Nội, ngày 31 tháng 3 năm 2025

NGHỊ ĐỊNH

Sửa đổi, bổ sung một số điều của Nghị định số 70/2015/NĐ-CP ngày 01 tháng 9 năm 2015 của Chính phủ quy định chi tiết và hướng dẫn thi hành một số điều của Luật Bảo hiểm y tế đối với quân đội nhân dân, công an nhân dân và người làm công tác cơ yếu

Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;

Căn cứ Luật Bảo hiểm y tế ngày 14 tháng 11 năm 2008; Luật sửa đổi, bổ sung một số điều của Luật Bảo hiểm y tế ngày 13 tháng 6 năm 2014 và Luật sửa đổi, bổ sung một số điều của Luật Bảo hiểm y tế ngày 27 tháng 11 năm 2024;

Theo đề nghị của Bộ trưởng Bộ Quốc phòng;

Chính phủ ban hành Nghị định sửa đổi, bổ sung một số điều của Nghị định số 70/2015/NĐ-CP.

Điều 1. Sửa đổi, bổ sung một số điều của Nghị định số 70/2015/NĐ-CP

1. Nghị định này quy định chi tiết và hướng dẫn thi hành một số điều của Luật Bảo hiểm y tế số 25/2008/QH12 ngày 14 tháng 11 năm 2008, đã được sửa đổi, bổ sung bởi Luật số 46/2014/QH13 ngày 13 tháng 6 năm 2014 và Luật số 51/2024/QH15 ngày 27 tháng 11 năm 2024 (sau đây gọi chung là Luật Bảo hiểm y tế) đối với các đối tượng quy định tại khoản 3 Điều 12 của Luật Bảo hiểm y tế.

2. Mức đóng bảo hiểm y tế hằng tháng được xác định theo tỷ lệ phần trăm của tiền lương làm căn cứ đóng bảo hiểm xã hội bắt buộc theo quy định của Luật Bảo hiểm xã hội hoặc mức tham chiếu theo quy định của Luật Bảo hiểm y tế, cụ thể:

a) Bằng 4,5% tiền lương tháng đối với đối tượng quy định tại điểm a khoản 1 Điều 2 Nghị định này;

b) Bằng 4,5% mức tham chiếu đối với đối tượng quy định tại điểm b khoản 1 Điều 2 Nghị định này.

3. Ngoài phạm vi được hưởng bảo hiểm y tế quy định tại khoản 1 Điều này, đối tượng quy định tại Điều 2 Nghị định này còn được chi trả các chi phí theo quy định tại Điều 22 của Luật Bảo hiểm y tế bao gồm: Thuốc, hóa chất, thiết bị y tế được cấp phép lưu hành tại Việt Nam.

4. Quỹ bảo hiểm y tế thanh toán phần chi phí trong phạm vi quy định tại khoản 1 Điều 21 của Luật Bảo hiểm y tế và mức hưởng theo quy định tại Điều 22 của Luật Bảo hiểm y tế.
"""


def test_a_decree_cites_each_law_once_however_its_name_runs_on(tmp_path):
    """Real sentences of Nghị định 74/2025/NĐ-CP: the law named in the Căn cứ list and again in the body
    ('Luật Bảo hiểm y tế bao gồm: …', '… và mức hưởng …') is one reference; the amending laws cited by
    number and date are the ones the Căn cứ list names by their date; 'hoặc' ends a law's name."""
    path = tmp_path / "nd-74.txt"
    path.write_text(DECREE_74, encoding="utf-8")
    rec = extract_file(path)
    laws = sorted((r.number or "", r.date or "", r.title or "", r.relation) for r in rec.references
                  if r.doc_type == "Luật")
    assert laws == [
        ("", "", "Bảo hiểm xã hội", "cites"),
        ("", "2025-02-18", "Tổ chức Chính phủ", "basis"),
        ("25/2008/QH12", "2008-11-14", "Bảo hiểm y tế", "basis"),
        ("46/2014/QH13", "2014-06-13", "sửa đổi, bổ sung một số điều của Luật Bảo hiểm y tế", "basis"),
        ("51/2024/QH15", "2024-11-27", "sửa đổi, bổ sung một số điều của Luật Bảo hiểm y tế", "basis"),
    ]


def test_a_decrees_rates_are_rules_not_targets(tmp_path):
    """'Bằng 4,5% tiền lương tháng' in a decree fixes a contribution rate: no aim."""
    path = tmp_path / "nd-74.txt"
    path.write_text(DECREE_74, encoding="utf-8")
    rec = extract_file(path)
    assert rec.meta.kind == "decree"
    assert rec.targets == []


def test_a_clause_naming_three_doers_with_their_duties_gives_three_obligations():
    """Nghị định 74/2025/NĐ-CP: the social-insurance agencies of the army, the police and the provinces each
    report their own accounts (gazetteer names; 'trực thuộc Trung ương' written with a capital)."""
    text = ("b) Hằng năm, Bảo hiểm xã hội Quân đội có trách nhiệm báo cáo quyết toán phần thu, nộp bảo hiểm y tế "
            "của đối tượng quy định tại khoản 1 Điều 2 Nghị định này, Bảo hiểm xã hội Công an nhân dân có trách "
            "nhiệm báo cáo quyết toán phần thu, nộp bảo hiểm y tế của đối tượng quy định tại khoản 2 Điều 2 Nghị "
            "định này; Bảo hiểm xã hội tỉnh, thành phố trực thuộc Trung ương có trách nhiệm báo cáo quyết toán phần "
            "thu, nộp bảo hiểm y tế của đối tượng quy định tại điểm c khoản 3 Điều 2 Nghị định này với Bảo hiểm xã "
            "hội Việt Nam.\n")
    assert [o.lead for o in _obls(text)] == [["Bảo hiểm xã hội Quân đội"], ["Bảo hiểm xã hội Công an nhân dân"],
                                             ["Bảo hiểm xã hội tỉnh, thành phố trực thuộc Trung ương"]]


def test_a_decrees_rule_sentences_are_no_duties(tmp_path):
    """Nghị định 145/2026/NĐ-CP: 'Sở Giao dịch Chứng khoán Việt Nam … thực hiện hoạt động đầu tư theo quy định …'
    states a rule; in a decree only an explicit 'có trách nhiệm' or 'chủ trì' names a duty."""
    path = tmp_path / "nd.txt"
    path.write_text(DECREE_74.replace(
        "4. Quỹ bảo hiểm y tế", "4. Sở Giao dịch Chứng khoán Việt Nam thực hiện hoạt động đầu tư theo quy định của "
        "pháp luật.\n\n5. Bảo hiểm xã hội Quân đội có trách nhiệm báo cáo quyết toán với Bảo hiểm xã hội Việt Nam.\n\n"
        "6. Quỹ bảo hiểm y tế"), encoding="utf-8")
    rec = extract_file(path)
    assert [o.lead for o in rec.obligations] == [["Bảo hiểm xã hội Quân đội"]]


def test_an_appendix_titled_by_whose_tasks_it_lists_leads_its_items(tmp_path):
    """Nghị quyết 175/NQ-CP (tests/real-group5): 'Phụ lục I: NHIỆM VỤ CỦA CÁC BỘ, NGÀNH, ĐỊA PHƯƠNG', then
    'I. NHIỆM VỤ CHUNG' and its ten numbered items, each a task of the ministries, sectors and localities;
    'Đối với các đơn vị …:' only narrows which of them an item is for."""
    lines = (HERE / "real-group5" / "chinhphu-175-nq-cp-2023.txt").read_text(encoding="utf-8").split("\n")
    start = next(k for k, ln in enumerate(lines) if ln.strip() == "Phụ lục I")
    end = next(k for k in range(start, len(lines)) if ln_is(lines[k], "II. NHIỆM VỤ CỤ THỂ"))
    head = "CHÍNH PHỦ\n\nSố: 175/NQ-CP Hà Nội, ngày 30 tháng 10 năm 2023\n\nNGHỊ QUYẾT\n\nVề Đề án Trung tâm dữ liệu\n\n"
    path = tmp_path / "nq-175.txt"
    path.write_text(head + "\n".join(lines[start:end]) + "\n", encoding="utf-8")
    rec = extract_file(path)
    assert [o.section for o in rec.obligations][:9] == [f"I.{n}" for n in range(1, 10)]
    assert {tuple(o.lead) for o in rec.obligations} == {("Các bộ, ngành, địa phương",)}
    assert rec.obligations[1].deadline is not None and rec.obligations[1].deadline.text == "trong Quý IV/2023"


def ln_is(line: str, text: str) -> bool:
    return line.strip() == text


FINAL_ARTICLES = """CHÍNH PHỦ

Số: 145/2026/NĐ-CP Hà Nội, ngày 08 tháng 5 năm 2026

NGHỊ ĐỊNH

Quy định cơ chế tài chính của Sở Giao dịch chứng khoán Việt Nam

Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;

Điều 10. Hiệu lực thi hành và tổ chức thực hiện

1. Nghị định này có hiệu lực từ ngày 22 tháng 6 năm 2026 và áp dụng từ năm tài chính 2026.

2. Nghị định số 59/2021/NĐ-CP ngày 18 tháng 6 năm 2021 của Chính phủ quy định cơ chế tài chính của Tổng công ty Lưu ký và Bù trừ chứng khoán Việt Nam hết hiệu lực thi hành kể từ ngày Nghị định này có hiệu lực thi hành.

3. Sửa đổi cụm từ “Sở Giao dịch chứng khoán Việt Nam” thành “Sở Giao dịch chứng khoán Việt Nam và công ty con” tại khoản 3 Điều 12 Nghị định số 248/2025/NĐ-CP ngày 25 tháng 7 năm 2025 của Chính phủ.

4. Sửa đổi, bổ sung điểm a khoản 5 Điều 14 Nghị định số 146/2018/NĐ-CP ngày 17 tháng 10 năm 2018 của Chính phủ quy định chi tiết và hướng dẫn biện pháp thi hành một số điều của Luật Bảo hiểm y tế, đã được sửa đổi, bổ sung một số điều tại Nghị định số 75/2023/NĐ-CP ngày 19 tháng 10 năm 2023 của Chính phủ.
"""


def test_a_decrees_final_article_amends_and_ends_documents(tmp_path):
    """Real clauses of the final articles of Nghị định 145/2026/NĐ-CP and 74/2025/NĐ-CP (tests/real-group6): a
    decree ends a document ('… hết hiệu lực thi hành kể từ ngày Nghị định này có hiệu lực'), amends the provisions
    its clause names, and only cites the decree that amended one before it ('đã được sửa đổi, bổ sung … tại')."""
    path = tmp_path / "nd-145.txt"
    path.write_text(FINAL_ARTICLES, encoding="utf-8")
    rec = extract_file(path)
    assert rec.meta.kind == "decree"
    relations = {r.number: r.relation for r in rec.references if r.number}
    assert relations == {"59/2021/NĐ-CP": "replaces", "248/2025/NĐ-CP": "amends", "146/2018/NĐ-CP": "amends",
                         "75/2023/NĐ-CP": "cites"}
