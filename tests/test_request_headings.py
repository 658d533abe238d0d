"""Duties of a plan's or a letter's implementation section written the ways real documents write them: bodies a
request heading names outside the gazetteer, a bullet naming its own doers before a colon, a numbered instruction
stating its whole task before 'Trong đó lưu ý:' or 'Đồng thời:', a province's heads of departments named together.
Sentences from the blind set `tests/heldout5` (a Sở's plan, a province's letter and directive)."""

from __future__ import annotations

from pathlib import Path

from extractor.pipeline import extract_file

HEADER = ("ỦY BAN NHÂN DÂN\nTỈNH PHÚ THỌ\nSố: 412/KH-UBND\nPhú Thọ, ngày 19 tháng 9 năm 2025\n\nKẾ HOẠCH\n"
          "Phát triển kinh tế số tỉnh Phú Thọ năm 2026\n\nIV. TỔ CHỨC THỰC HIỆN\n\n")


def _obligations(tmp_path: Path, body: str) -> list[tuple[list[str], str]]:
    (tmp_path / "plan.txt").write_text(HEADER + body, encoding="utf-8")
    record = extract_file(tmp_path / "plan.txt").to_dict()
    return [(o["lead"], o["task"]) for o in record["obligations"]]


def _duties(tmp_path: Path, text: str) -> list[dict]:
    """The obligations of a whole document's text, header and all."""
    (tmp_path / "doc.txt").write_text(text, encoding="utf-8")
    return extract_file(tmp_path / "doc.txt").to_dict()["obligations"]


def test_a_request_heading_names_bodies_outside_the_gazetteer(tmp_path):
    got = _obligations(tmp_path, (
        "1. Đề nghị Viettel Phú Thọ (Chi nhánh Viettel Phú Thọ - Tập đoàn Công nghiệp - Viễn thông Quân đội), VNPT "
        "Phú Thọ (Viễn thông Phú Thọ), MobiFone Phú Thọ và các doanh nghiệp viễn thông trên địa bàn\n\n"
        "- Đầu tư phát triển hạ tầng mạng 5G, cáp quang theo danh sách điểm vùng lõm sóng.\n\n"
        "- Chia sẻ, dùng chung hạ tầng viễn thông thụ động.\n\n"
        "2. Đề nghị Bưu điện tỉnh Phú Thọ\n\n"
        "- Phát huy mạng lưới bưu cục, điểm bưu điện - văn hóa xã hỗ trợ người dân sử dụng dịch vụ công trực tuyến.\n"))
    telecoms = ["Chi nhánh Viettel Phú Thọ - Tập đoàn Công nghiệp - Viễn thông Quân đội", "Viễn thông Phú Thọ",
                "MobiFone Phú Thọ", "các doanh nghiệp viễn thông trên địa bàn"]
    assert [(lead, task.split(",")[0]) for lead, task in got] == [
        (telecoms, "Đầu tư phát triển hạ tầng mạng 5G"), (telecoms, "Chia sẻ"), (["Bưu điện tỉnh Phú Thọ"], "Phát huy mạng lưới bưu cục")]


def test_a_bullet_naming_its_own_doers_before_a_colon(tmp_path):
    got = _obligations(tmp_path, (
        "1. Đề nghị các sở, ban, ngành tỉnh\n\n"
        "- Sở Công Thương: chủ trì hỗ trợ doanh nghiệp, hộ kinh doanh đưa sản phẩm lên sàn thương mại điện tử.\n\n"
        "- Sở Y tế, Sở Giáo dục và Đào tạo: chỉ đạo 100% bệnh viện, cơ sở giáo dục công lập thu phí dịch vụ không "
        "dùng tiền mặt.\n"))
    assert [lead for lead, _ in got] == [["Sở Công Thương"], ["Sở Y tế", "Sở Giáo dục và Đào tạo"]]


def test_an_instruction_states_its_task_before_its_notes_or_further_tasks(tmp_path):
    got = _obligations(tmp_path, (
        "1. Giao Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Tài chính tham mưu Ủy ban nhân dân tỉnh ban hành "
        "Kế hoạch phát triển kinh tế số và xã hội số tỉnh đến năm 2030; hoàn thành, trình Ủy ban nhân dân tỉnh trước "
        "ngày 15 tháng 8 năm 2025. Trong đó lưu ý:\n\n"
        "a) Xác định các chỉ tiêu của tỉnh bám sát hệ thống chỉ tiêu tại Phụ lục kèm theo Nghị quyết.\n\n"
        "b) Phân công cụ thể nhiệm vụ, sản phẩm, thời gian hoàn thành cho các sở, ngành.\n\n"
        "2. Giao Sở Tài chính chủ trì, phối hợp với Sở Khoa học và Công nghệ rà soát, tổng hợp nhu cầu kinh phí thực "
        "hiện các nhiệm vụ phát triển kinh tế số; hoàn thành trước ngày 30 tháng 9 năm 2025. Đồng thời:\n\n"
        "a) Chủ trì, phối hợp với Sở Công Thương xây dựng Chương trình hỗ trợ doanh nghiệp nhỏ và vừa chuyển đổi "
        "số.\n\n"
        "b) Hướng dẫn các cơ quan, đơn vị thực hiện thuê dịch vụ công nghệ thông tin.\n"))
    assert [lead for lead, _ in got] == [["Sở Khoa học và Công nghệ"], ["Sở Tài chính"], ["Sở Tài chính"],
                                         ["Sở Tài chính"]]
    assert "tham mưu Ủy ban nhân dân tỉnh ban hành Kế hoạch" in got[0][1]
    assert "Xác định các chỉ tiêu" not in got[0][1]  # the notes are the task's, no obligations of their own


def test_heads_of_a_provinces_departments_stand_for_the_departments(tmp_path):
    got = _obligations(tmp_path, (
        "1. Giám đốc các sở, Thủ trưởng các ban, ngành tỉnh:\n\n"
        "a) Trực tiếp lãnh đạo, chỉ đạo và chịu trách nhiệm về kết quả cải cách thủ tục hành chính của cơ quan.\n\n"
        "b) Rà soát, tái cấu trúc quy trình, công bố danh mục thủ tục hành chính đủ điều kiện.\n"))
    assert [lead for lead, _ in got] == [["Các sở, ban, ngành tỉnh"], ["Các sở, ban, ngành tỉnh"]]


def test_a_wards_own_bodies_head_their_duties(tmp_path):
    """A ward's plan after the 2025 reform (tests/heldout5 fd05): its health station, its residential groups and its
    Fatherland Front with the socio-political organisations 'phường' after them."""
    (tmp_path / "ward.txt").write_text(
        "ỦY BAN NHÂN DÂN\nPHƯỜNG NÔNG TRANG\nSố: 12/KH-UBND\nNông Trang, ngày 14 tháng 01 năm 2026\n\nKẾ HOẠCH\n"
        "Chuyển đổi số phường Nông Trang năm 2026\n\nIV. TỔ CHỨC THỰC HIỆN\n\n"
        "1. Trạm Y tế phường\n\nChủ trì cập nhật hồ sơ sức khỏe điện tử, triển khai khám chữa bệnh bằng căn cước và "
        "ứng dụng VNeID.\n\n2. Các tổ dân phố\n\nPhối hợp với Công an phường hướng dẫn người dân cài đặt, sử dụng ứng "
        "dụng VNeID, dịch vụ công trực tuyến.\n\n3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam phường và các tổ chức "
        "chính trị - xã hội phường phối hợp tuyên truyền, vận động Nhân dân tham gia, giám sát việc thực hiện Kế "
        "hoạch.\n", encoding="utf-8")
    record = extract_file(tmp_path / "ward.txt").to_dict()
    assert [o["lead"] for o in record["obligations"]] == [
        ["Trạm Y tế phường"], ["Các tổ dân phố"],
        ["Ủy ban Mặt trận Tổ quốc Việt Nam phường", "các tổ chức chính trị - xã hội phường"]]


LETTER = ("BỘ KHOA HỌC VÀ\nCÔNG NGHỆ\n-------\n\nSố: 6215/BKHCN-KHTC\nV/v triển khai thực hiện Nghị quyết số 57-NQ/TW\n\n"
          "Hà Nội, ngày 18 tháng 11 năm 2025\n\nKính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.\n\n")


def test_a_letters_requests_are_its_addressees_tasks(tmp_path):
    """An official letter asks its addressees in a formula broken over lines (held-out 6, a ministry's letter): items
    naming no doer are theirs; an item directing a body to lead (Chỉ đạo Sở … chủ trì) is that body's, over its
    lettered items; a body directed without a lead marker leaves the task to the addressees."""
    (tmp_path / "letter.txt").write_text(LETTER + (
        "Để bảo đảm hoàn thành các mục tiêu năm 2025, Bộ KH&CN đề nghị Ủy ban nhân dân các tỉnh, thành phố trực thuộc\n"
        "Trung ương quan tâm chỉ đạo\ntriển khai một số nội dung sau:\n\n"
        "1. Chỉ đạo Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Tài chính,\nSở Nội vụ và các cơ quan liên quan:\n\n"
        "a) Rà soát toàn bộ nhiệm vụ được giao tại kế hoạch thực hiện Nghị quyết số 57-NQ/TW của địa phương.\n\n"
        "b) Tham mưu Ủy ban nhân dân cấp tỉnh ban hành quy định về cơ chế khoán chi, hoàn thành trong quý I/2026.\n\n"
        "2. Bố trí kinh phí cho khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số trong dự toán ngân sách địa\n"
        "phương năm 2026.\n\n"
        "3. Chỉ đạo Sở Nội vụ rà soát, bố trí nhân lực làm công tác chuyển đổi số ở cấp xã.\n\n"
        "Trân trọng./.\n"), encoding="utf-8")
    got = [(o["lead"], o["support"], o["task"].split(" ")[0]) for o in extract_file(tmp_path / "letter.txt").to_dict()["obligations"]]
    committees = ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"]
    assert got == [(["Sở Khoa học và Công nghệ"], ["Sở Tài chính", "Sở Nội vụ", "các cơ quan liên quan"], "Rà"),
                   (["Sở Khoa học và Công nghệ"], ["Sở Tài chính", "Sở Nội vụ", "các cơ quan liên quan"], "Tham"),
                   (committees, [], "Bố"), (committees, [], "Chỉ")]


def test_a_bullet_directing_a_body_to_lead_is_that_bodys(tmp_path):
    """'c) Chỉ đạo Sở Khoa học và Công nghệ chủ trì, phối hợp với …' under a province's heading: the directed body leads
    (held-out 6, a national programme and a directive); 'Chỉ đạo Sở Nội vụ rà soát' stays the heading's."""
    got = _obligations(tmp_path, (
        "1. Ủy ban nhân dân tỉnh Phú Thọ:\n\n"
        "a) Chỉ đạo Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Tài chính lựa chọn doanh nghiệp tham gia Chương "
        "trình.\n\n"
        "b) Chỉ đạo Sở Nội vụ rà soát, bố trí nhân lực làm công tác chuyển đổi số ở cấp xã.\n"))
    assert [lead for lead, _ in got] == [["Sở Khoa học và Công nghệ"], ["Ủy ban nhân dân tỉnh Phú Thọ"]]


def test_a_proposers_list_of_collectives_leaves_the_task_to_the_heading(tmp_path):
    """'Trên cơ sở đề xuất của các bộ, cơ quan trung ương, tổng hợp, trình …' under '2. Bộ Tài chính:' (held-out 6, a
    national programme): the commas go on with the proposers, the doer is the heading's; an association of small and
    medium enterprises is one name before its 'trong phạm vi chức năng … tham gia'."""
    got = _obligations(tmp_path, (
        "2. Sở Tài chính:\n\n"
        "a) Trên cơ sở đề xuất của các sở, cơ quan chuyên môn, tổng hợp, trình cấp có thẩm quyền bố trí kinh phí "
        "thực hiện Kế hoạch;\n\n"
        "3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, Hiệp hội Doanh nghiệp nhỏ và vừa tỉnh trong phạm vi chức "
        "năng, nhiệm vụ của mình tham gia tuyên truyền, vận động doanh nghiệp hưởng ứng Kế hoạch.\n"))
    assert [lead for lead, _ in got] == [["Sở Tài chính"], ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
                                                             "Hiệp hội Doanh nghiệp nhỏ và vừa tỉnh"]]


def test_clauses_naming_other_doers_are_their_own_duties(tmp_path):
    """Under a heading of several bodies (held-out 6, a programme and a directive): a bullet of clauses each naming its
    doer is one duty a doer; a later sentence naming a doer with its lead marker is that doer's; a doer restated
    without a marker stays the item's."""
    got = _obligations(tmp_path, (
        "1. Sở Thông tin và Truyền thông, Sở Công Thương, Sở Nội vụ:\n\n"
        "a) Lồng ghép nội dung của Kế hoạch vào các chương trình, đề án do sở chủ trì;\n\n"
        "b) Sở Thông tin và Truyền thông hướng dẫn tiêu chí lựa chọn nền tảng số; Sở Công Thương hỗ trợ doanh nghiệp "
        "ứng dụng thương mại điện tử; Sở Nội vụ đào tạo kỹ năng số cho công chức.\n\n"
        "2. Sở Xây dựng, Sở Nông nghiệp và Môi trường:\n\n"
        "Xây dựng chương trình nâng cao năng suất trong các ngành nông nghiệp, xây dựng. Sở Nông nghiệp và Môi "
        "trường chủ trì, phối hợp với Sở Khoa học và Công nghệ xây dựng ít nhất 50 mô hình nông nghiệp số.\n\n"
        "3. Các sở, ban, ngành; Ủy ban nhân dân các xã, phường:\n\n"
        "Chủ động công bố dữ liệu mở của ngành, lĩnh vực và địa phương. UBND cấp xã chú trọng công bố các dữ liệu "
        "về dân cư, đất đai.\n"))
    assert [(lead, task.split(" ")[0]) for lead, task in got] == [
        (["Sở Thông tin và Truyền thông", "Sở Công Thương", "Sở Nội vụ"], "Lồng"),
        (["Sở Thông tin và Truyền thông"], "Sở"), (["Sở Công Thương"], "Sở"), (["Sở Nội vụ"], "Sở"),
        (["Sở Xây dựng", "Sở Nông nghiệp và Môi trường"], "Xây"), (["Sở Nông nghiệp và Môi trường"], "Sở"),
        (["Các sở, ban, ngành", "Ủy ban nhân dân các xã, phường"], "Chủ")]


def test_a_duty_and_the_closing_formula_after_it_on_the_next_line(tmp_path):
    """A portal page of one-line paragraphs (held-out 6, a merged province's plan): the last heading's duty and the
    closing formula on the line after it are two paragraphs; the duty stays, the formula gives nothing."""
    got = _obligations(tmp_path, (
        "6. Báo và Phát thanh, Truyền hình Phú Thọ\n"
        "Mở chuyên trang, chuyên mục tuyên truyền về khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số.\n"
        "Yêu cầu Thủ trưởng các sở, ban, ngành, Chủ tịch UBND các xã, phường nghiêm túc triển khai; trong quá trình "
        "thực hiện nếu có khó khăn, vướng mắc, kịp thời báo cáo UBND tỉnh để xem xét, giải quyết./.\n"))
    assert [(lead, task.split(",")[0]) for lead, task in got] == [
        (["Báo và Phát thanh, Truyền hình Phú Thọ"], "Mở chuyên trang")]


DIRECTIVE = ("ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG\nSố: 21/CT-UBND\nTuyên Quang, ngày 05 tháng 11 năm 2026\n\nCHỈ THỊ\n\n"
             "Về tăng cường cải cách hành chính, chuyển đổi số gắn với nâng cao năng suất lao động trong các cơ quan "
             "hành chính nhà nước trên địa bàn tỉnh\n\n"
             "Để khắc phục những tồn tại, hạn chế nêu trên, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu các cơ quan, đơn "
             "vị, địa phương tập trung thực hiện tốt các mục tiêu, nhiệm vụ sau:\n\n"
             "I. MỤC TIÊU ĐẾN HẾT NĂM 2027\n\n"
             "1. Tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến toàn trình đạt trên 80%.\n\n"
             "2. Mức độ hài lòng của người dân đạt tối thiểu 90%.\n\n"
             "II. NHIỆM VỤ CỤ THỂ\n\n")


def test_a_directives_goals_are_no_tasks_and_its_items_name_other_doers(tmp_path):
    """Held-out 7, a directive: the goals under the directing formula are no one's tasks; a paragraph after an
    officer's items naming other officers with their lead markers ('Bên cạnh đó, Giám đốc Sở Tài chính có trách
    nhiệm …; Giám đốc Trung tâm … chủ trì …') gives each his body's duty; 'c) Đề nghị Tỉnh Đoàn chỉ đạo …' under the
    mass organisations is the Youth Union's; an item whose subject is followed by 'hằng tháng' is its own."""
    (tmp_path / "ct.txt").write_text(DIRECTIVE + (
        "1. Giám đốc Sở Khoa học và Công nghệ:\n\n"
        "a) Xây dựng kho dữ liệu dùng chung của tỉnh; hoàn thành trong quý II năm 2027.\n\n"
        "b) Phối hợp với Sở Nội vụ tổ chức bồi dưỡng kỹ năng số cho cán bộ, công chức cấp xã.\n\n"
        "Bên cạnh đó, Giám đốc Sở Tài chính có trách nhiệm cân đối, bố trí kinh phí thực hiện các nhiệm vụ; Giám đốc "
        "Trung tâm Phục vụ hành chính công tỉnh chủ trì giám sát việc tiếp nhận, trả kết quả hồ sơ.\n\n"
        "2. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội tỉnh:\n\n"
        "a) Tăng cường tuyên truyền, vận động Nhân dân sử dụng dịch vụ công trực tuyến.\n\n"
        "b) Đề nghị Tỉnh Đoàn chỉ đạo các cơ sở Đoàn duy trì đội hình thanh niên tình nguyện hỗ trợ chuyển đổi số.\n\n"
        "3. Trung tâm Phục vụ hành chính công tỉnh hằng tháng công khai danh sách cơ quan có hồ sơ trễ hạn.\n"),
        encoding="utf-8")
    record = extract_file(tmp_path / "ct.txt")
    assert [o.lead for o in record.obligations] == [
        ["Sở Khoa học và Công nghệ"], ["Sở Khoa học và Công nghệ"], ["Sở Tài chính"],
        ["Trung tâm Phục vụ hành chính công tỉnh"],
        ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "các tổ chức chính trị - xã hội tỉnh"], ["Tỉnh đoàn"],
        ["Trung tâm Phục vụ hành chính công tỉnh"]]


def test_a_steering_committees_notice_assigns_to_party_bodies(tmp_path):
    """Held-out 8, a provincial steering committee's conclusion notice: its header names the committee under the
    Party committee; '3. Giao nhiệm vụ cụ thể' heads the assignments to Party bodies and departments; the aims after
    '…, phấn đấu đến ngày 31/12/2026:' are that year's; the closing '… thông báo để … biết, thực hiện' and a line
    pointing to the appendix are no tasks."""
    (tmp_path / "tb.txt").write_text(
        "TỈNH ỦY TUYÊN QUANG\nBAN CHỈ ĐẠO VỀ PHÁT TRIỂN KHOA HỌC,\nCÔNG NGHỆ, ĐỔI MỚI SÁNG TẠO\nVÀ CHUYỂN ĐỔI SỐ\n*\n"
        "Số 14-TB/BCĐ\nĐẢNG CỘNG SẢN VIỆT NAM\n---------------\nTuyên Quang, ngày 19 tháng 6 năm 2026\n\nTHÔNG BÁO\n"
        "kết luận của đồng chí Trưởng Ban Chỉ đạo tại Phiên họp lần thứ ba\n-----\n\n"
        "2. Mục tiêu, nhiệm vụ trọng tâm 6 tháng cuối năm 2026\n\n"
        "Các cơ quan, đơn vị tập trung thực hiện quyết liệt các nhiệm vụ, phấn đấu đến ngày 31/12/2026:\n\n"
        "- Tỷ lệ hồ sơ giải quyết thủ tục hành chính trực tuyến toàn trình đạt tối thiểu 80%;\n\n"
        "- Giải ngân vốn cho khoa học, công nghệ và chuyển đổi số đạt trên 90% kế hoạch được giao.\n\n"
        "3. Giao nhiệm vụ cụ thể\n\n3.1. Đảng ủy Ủy ban nhân dân tỉnh\n\n"
        "- Lãnh đạo, chỉ đạo Ủy ban nhân dân tỉnh ban hành Kế hoạch điều chỉnh nhiệm vụ chuyển đổi số năm 2026; "
        "hoàn thành trước ngày 31/7/2026.\n\n3.2. Ban Tổ chức Tỉnh ủy\n\n"
        "Tham mưu Ban Thường vụ Tỉnh ủy bổ sung kết quả chuyển đổi số vào tiêu chí đánh giá tổ chức đảng.\n\n"
        "3.3. Văn phòng Tỉnh ủy\n\nTheo dõi, đôn đốc việc thực hiện các nội dung kết luận tại Thông báo này.\n\n"
        "Danh mục nhiệm vụ, sản phẩm cần hoàn thành trong năm 2026 có Phụ lục kèm theo.\n\n"
        "Ban Chỉ đạo thông báo để các cơ quan, đơn vị, địa phương biết, thực hiện./.\n", encoding="utf-8")
    record = extract_file(tmp_path / "tb.txt")
    assert record.meta.issuer == ("Ban chỉ đạo về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số "
                                  "Tỉnh ủy Tuyên Quang")
    assert [(t.value, t.year) for t in record.targets] == [(80, 2026), (90, 2026)]
    assert [o.lead for o in record.obligations] == [
        ["Đảng ủy Ủy ban nhân dân tỉnh"], ["Ban Tổ chức Tỉnh ủy"], ["Văn phòng Tỉnh ủy"]]


def test_a_letters_requests_after_a_paragraph_of_background(tmp_path):
    """A department's letter (held-out 9): its requesting formula, then a paragraph of last year's results, then the
    numbered requests; an item heading its addressee leads its letters, 'Các cơ quan, đơn vị nêu trên' as written."""
    letter = ("SỞ KHOA HỌC VÀ CÔNG NGHỆ\nSố: 1248/SKHCN-QLCN\nV/v triển khai thực hiện Kế hoạch số 46/KH-UBND\n"
              "Ninh Bình, ngày 12 tháng 3 năm 2026\n\nKính gửi:\n- Ủy ban nhân dân các xã, phường;\n- Sở Tài chính.\n\n"
              "Thực hiện Kế hoạch số 46/KH-UBND ngày 24/02/2026 của UBND tỉnh Ninh Bình, Sở Khoa học và Công nghệ đề "
              "nghị các cơ quan, đơn vị quan tâm triển khai thực hiện một số nội dung sau:\n\n"
              "Năm 2025, toàn tỉnh đã hỗ trợ 27 doanh nghiệp, hợp tác xã áp dụng công cụ cải tiến năng suất.\n\n"
              "1. Ủy ban nhân dân các xã, phường:\n\n"
              "a) Chủ trì rà soát, lập danh sách doanh nghiệp có nhu cầu được hỗ trợ, gửi về Sở trước ngày 30/4/2026;\n\n"
              "b) Tổ chức tuyên truyền, phổ biến nội dung Kế hoạch số 46/KH-UBND đến cộng đồng doanh nghiệp.\n\n"
              "2. Các cơ quan, đơn vị nêu trên có trách nhiệm báo cáo tình hình, kết quả thực hiện định kỳ hằng quý.\n")
    assert [o["lead"] for o in _duties(tmp_path, letter)] == [
        ["Ủy ban nhân dân các xã, phường"], ["Ủy ban nhân dân các xã, phường"], ["Các cơ quan, đơn vị nêu trên"]]


def test_a_communes_labelled_tasks_with_an_officer_among_the_partners(tmp_path):
    """A commune's plan (held-out 9): 'Trưởng các thôn' among the partners of a labelled task stands for the villages;
    'Các cơ quan, đơn vị được giao chủ trì' is a collective as written."""
    duties = _duties(tmp_path, HEADER.replace("IV. TỔ CHỨC THỰC HIỆN\n\n", "III. NHIỆM VỤ\n\n") + (
        "4. Kiện toàn, nâng cao hiệu quả hoạt động của Tổ công nghệ số cộng đồng\n"
        "- Cơ quan chủ trì: Phòng Văn hóa - Xã hội;\n"
        "- Cơ quan phối hợp: Đoàn Thanh niên Cộng sản Hồ Chí Minh xã, Trưởng các thôn;\n"
        "- Thời gian thực hiện: Trước ngày 31/3/2026.\n"
        "IV. TỔ CHỨC THỰC HIỆN\n"
        "1. Các cơ quan, đơn vị được giao chủ trì có trách nhiệm cụ thể hóa nhiệm vụ, tổ chức thực hiện; báo cáo kết "
        "quả về Văn phòng HĐND và UBND xã trước ngày 10/12/2026.\n"))
    assert [(o["lead"], o["support"]) for o in duties] == [
        (["Phòng Văn hóa - Xã hội"], ["Đoàn Thanh niên Cộng sản Hồ Chí Minh xã", "các thôn"]),
        (["Các cơ quan, đơn vị được giao chủ trì"], [])]


def test_a_doer_without_a_lead_marker_in_the_tasks_section_is_no_duty(tmp_path):
    """A ministry's plan (held-out 9): under 'III. NHIỆM VỤ, GIẢI PHÁP' a paragraph naming its unit and a marker
    ('Cục Công nghiệp chủ trì …') is a duty, one naming a unit and a verb only ('Cục Xúc tiến thương mại tổ chức
    …') states a task of the plan (ANNOTATION.md: a lead needs 'chủ trì', 'là cơ quan đầu mối', 'có trách nhiệm')."""
    duties = _duties(tmp_path, HEADER.replace("IV. TỔ CHỨC THỰC HIỆN\n\n", "III. NHIỆM VỤ, GIẢI PHÁP\n\n") + (
        "2. Đổi mới công nghệ, chuyển đổi số\n\n"
        "Cục Công nghiệp chủ trì, phối hợp với Vụ Khoa học và Công nghệ xây dựng Chương trình hỗ trợ doanh nghiệp "
        "xây dựng mô hình nhà máy thông minh, trình Bộ trưởng trong năm 2027.\n\n"
        "4. Xúc tiến thương mại, phát triển thị trường\n\n"
        "Cục Xúc tiến thương mại tổ chức các hoạt động kết nối doanh nghiệp với chuỗi cung ứng toàn cầu.\n"))
    assert [o["lead"] for o in duties] == [["Cục Công nghiệp"]]


def test_a_meetings_conclusions_give_tasks_to_the_bodies_heading_their_items(tmp_path):
    """A Chairman's conclusions (held-out 10): under 'II. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI' an item heading its
    bodies ('3. Các sở, ban, ngành; Ủy ban nhân dân các xã, phường:') leads its a) b), as in an implementation
    section."""
    duties = _duties(tmp_path,
        "VĂN PHÒNG\nỦY BAN NHÂN DÂN\nTỈNH THÁI NGUYÊN\nSố: 127/TB-VPUBND\nThái Nguyên, ngày 18 tháng 3 năm 2026\n\n"
        "THÔNG BÁO\nKết luận của Chủ tịch Ủy ban nhân dân tỉnh tại cuộc họp về nâng cao năng suất lao động\n\n"
        "II. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI\n\n"
        "1. Sở Tài chính chủ trì rà soát, tham mưu Ủy ban nhân dân tỉnh ban hành Kế hoạch, hoàn thành trước ngày "
        "30/4/2026.\n\n3. Các sở, ban, ngành; Ủy ban nhân dân các xã, phường:\n\n"
        "a) Rà soát, cắt giảm thời gian, chi phí tuân thủ thủ tục hành chính.\n\n"
        "b) Định kỳ hằng quý báo cáo kết quả thực hiện về Sở Khoa học và Công nghệ.\n")
    assert [o["lead"] for o in duties] == [
        ["Sở Tài chính"], ["Các sở, ban, ngành", "Ủy ban nhân dân các xã, phường"],
        ["Các sở, ban, ngành", "Ủy ban nhân dân các xã, phường"]]


def test_a_letters_item_asking_for_a_report_lists_its_contents_not_tasks(tmp_path):
    """A province's letter (held-out 10): '1. Các sở, ban, ngành tỉnh; Ủy ban nhân dân các xã, phường, đặc khu tổ chức
    tổng kết …; xây dựng báo cáo với các nội dung chính sau:' then a) b) c) (what the report holds) and when it is
    sent: one duty of the item's subjects, its notes and sending part of it."""
    duties = _duties(tmp_path,
        "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 2187/UBND-KT\nV/v tổng kết 05 năm thực hiện Kế hoạch số 96/KH-UBND\n"
        "Quảng Ngãi, ngày 18 tháng 9 năm 2026\n\nKính gửi: Các sở, ban, ngành tỉnh\n\n"
        "Ủy ban nhân dân tỉnh yêu cầu các cơ quan, đơn vị thực hiện các nội dung sau:\n\n"
        "1. Các sở, ban, ngành tỉnh; Ủy ban nhân dân các xã, phường, đặc khu tổ chức tổng kết 05 năm thực hiện Kế "
        "hoạch số 96/KH-UBND trong phạm vi ngành, lĩnh vực, địa bàn quản lý; xây dựng báo cáo với các nội dung chính "
        "sau:\n\na) Kết quả thực hiện các mục tiêu, chỉ tiêu giai đoạn 2021 - 2025;\n\n"
        "b) Tồn tại, hạn chế, nguyên nhân và bài học kinh nghiệm;\n\n"
        "c) Đề xuất nhiệm vụ, giải pháp và kiến nghị cho giai đoạn 2026 - 2030.\n\n"
        "Báo cáo gửi Sở Khoa học và Công nghệ trước ngày 15/10/2026.\n\n"
        "2. Sở Nội vụ có trách nhiệm đánh giá kết quả nâng cao chất lượng nguồn nhân lực, gửi Sở Khoa học và Công "
        "nghệ trước ngày 15/10/2026.\n")
    first, second = duties
    assert first["lead"] == ["Các sở, ban, ngành tỉnh", "Ủy ban nhân dân các xã, phường, đặc khu"]
    assert first["task"].startswith("tổ chức tổng kết 05 năm") and "trước ngày 15/10/2026" in first["quote"]
    assert second["lead"] == ["Sở Nội vụ"]
