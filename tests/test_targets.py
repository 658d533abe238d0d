"""Targets: real phrases of Vietnamese plans (most from the dev corpus) -> the targets expected.

Each case is a small text run through `extract_targets` on a `Doc` with the section tree of
`structure.find_sections`; the expected list is exact, so numbers that are not aims must not
come out.
"""

from __future__ import annotations

import json

import pytest

from extractor.document import Doc
from extractor.pipeline import extract_file
from extractor.record import Meta
from extractor.structure import find_sections
from extractor.target_text import tidy_indicator
from extractor.targets import extract_targets
from tests.conftest import GOLD

# (value, value_max, comparator, unit, year)
CASES: list[tuple[str, str, list[tuple]]] = [
    # ---- comparators
    ("above_per_year", "Với mục tiêu tăng năng suất lao động bình quân trên 7,5%/năm.",
     [(7.5, None, ">", "%/năm", None)]),
    ("above_hon", "Phấn đấu tỷ lệ doanh nghiệp ứng dụng công nghệ số đạt hơn 60%.",
     [(60, None, ">", "%", None)]),
    ("above_vuot", "Mục tiêu doanh thu công nghệ thông tin vượt 20%/năm.", [(20, None, ">", "%/năm", None)]),
    ("at_least_toi_thieu", "Tối thiểu 30 doanh nghiệp nhỏ và vừa của tỉnh xây dựng và triển khai các dự án điểm.",
     [(30, None, ">=", "doanh nghiệp", None)]),
    ("at_least_it_nhat", "Có ít nhất 02 Doanh nghiệp quy mô lớn (tập đoàn, tổng công ty...) triển khai kế hoạch năng suất.",
     [(2, None, ">=", "doanh nghiệp", None)]),
    ("at_least_khong_duoi", "Phấn đấu tỷ lệ giải ngân không dưới 90%.", [(90, None, ">=", "%", None)]),
    ("at_least_tro_len", "Hỗ trợ từ 30 doanh nghiệp trở lên áp dụng công cụ cải tiến năng suất.",
     [(30, None, ">=", "doanh nghiệp", None)]),
    ("about_khoang", "Hỗ trợ đào tạo chứng nhận đạt tiêu chuẩn cho khoảng 01 chuyên gia năng suất chất lượng tại tỉnh.",
     [(1, None, "~", "chuyên gia", None)]),
    ("about_gan", "Phấn đấu gần 50% doanh nghiệp tham gia thương mại điện tử.", [(50, None, "~", "%", None)]),
    ("about_xap_xi", "Mục tiêu tỷ trọng kinh tế số xấp xỉ 30% GRDP.", [(30, None, "~", "%", None)]),
    ("equal_dat", "Góp phần đạt mục tiêu tăng năng suất lao động bình quân của tỉnh đạt 6,2%/năm.",
     [(6.2, None, "=", "%/năm", None)]),
    ("equal_plain", "Hình thành 01 câu lạc bộ cải tiến năng suất thành phố.", [(1, None, "=", "câu lạc bộ", None)]),
    ("at_most_toi_da", "Mục tiêu tỷ lệ hồ sơ trễ hạn tối đa 5%.", [(5, None, "<=", "%", None)]),
    ("at_most_khong_qua", "Phấn đấu tỷ lệ hộ nghèo không quá 3%.", [(3, None, "<=", "%", None)]),
    ("below_duoi", "Phấn đấu giảm tỷ lệ hộ nghèo xuống dưới 2%.", [(2, None, "<", "%", None)]),
    ("above_dat_tren_space", "Góp phần đạt mục tiêu tăng năng suất lao động bình quân của tỉnh đạt trên 7,2% /năm.",
     [(7.2, None, ">", "%/năm", None)]),
    # ---- ranges
    ("range_dash_spaces", "Từ 03 - 04 huyện, thị xã, thành phố thuộc tỉnh xây dựng và triển khai kế hoạch.",
     [(3, 4, "range", "huyện, thị xã, thành phố", None)]),
    ("range_den", "Từ 12 đến 15 tỉnh, thành phố trực thuộc trung ương hoàn thành việc xây dựng kế hoạch.",
     [(12, 15, "range", "tỉnh, thành phố", None)]),
    ("range_groups", "Từ 3 đến 5 tập đoàn, tổng công ty triển khai xây dựng và thực hiện kế hoạch năng suất.",
     [(3, 5, "range", "tập đoàn, tổng công ty", None)]),
    ("range_tight", "Hỗ trợ từ 5-10 doanh nghiệp ứng dụng công nghệ số.", [(5, 10, "range", "doanh nghiệp", None)]),
    ("range_two_in_bullet", "- Xây dựng thúc đẩy từ 1-3 doanh nghiệp công nghệ số điển hình. Hỗ trợ từ 5-10 doanh nghiệp.",
     [(1, 3, "range", "doanh nghiệp", None), (5, 10, "range", "doanh nghiệp", None)]),
    ("range_percent", "Phấn đấu tỷ lệ doanh nghiệp đổi mới sáng tạo đạt 30-40%.", [(30, 40, "range", "%", None)]),
    ("range_percent_both", "Mục tiêu tỷ lệ đô thị hóa từ 45% đến 50%.", [(45, 50, "range", "%", None)]),
    # ---- number forms
    ("leading_zero", "Triển khai thí điểm 01 doanh nghiệp thi công xây lắp nâng cao năng suất.",
     [(1, None, "=", "doanh nghiệp", None)]),
    ("thousands_dot", "Phấn đấu đến năm 2025 có 2.500 doanh nghiệp áp dụng công cụ cải tiến năng suất.",
     [(2500, None, "=", "doanh nghiệp", 2025)]),
    ("decimal_comma", "Đến năm 2030, năng suất lao động tăng bình quân 7,25%/năm.", [(7.25, None, "=", "%/năm", 2030)]),
    ("top_rank", "Đưa Bình Dương vào Top 7 tổ chức này.", [(7, None, "=", "Top", None)]),
    ("top_keep", "Tiếp tục duy trì giữ vững danh hiệu Top 21 của Diễn đàn cộng đồng thông minh thế giới (ICF).",
     [(21, None, "=", "Top", None)]),
    ("leading_group_rank", "Phấn đấu trở thành 1 trong 10 tỉnh dẫn đầu cả nước về chỉ số PCI.",
     [(10, None, "=", "nhóm dẫn đầu", None)]),
    # 175/NQ-CP: a rank written in words, also in a clause with no digit
    ("rank_in_words", "Đến năm 2025, kinh tế số Việt Nam đạt khoảng 20% GDP, đưa Việt Nam vươn lên đứng thứ hai về kinh tế "
     "số ở Đông Nam Á.", [(20, None, "~", "%", 2025), (2, None, "=", "hạng", 2025)]),
    ("rank_in_words_no_digit", "Phấn đấu chỉ số PCI của tỉnh đứng thứ ba cả nước.", [(3, None, "=", "hạng", None)]),
    ("rank_not_twentieth", "Chỉ số PCI của tỉnh đứng thứ hai mươi cả nước.", []),
    ("money_goal", "Mục tiêu đến năm 2030 năng suất lao động đạt 200 triệu đồng/người/năm.",
     [(200, None, "=", "triệu đồng/người/năm", 2030)]),
    # ---- years
    ("year_in_sentence", "Đến năm 2030, tỷ lệ doanh nghiệp có hoạt động đổi mới sáng tạo đạt 40%.",
     [(40, None, "=", "%", 2030)]),
    ("per_value_years", "Nâng cao tỉ lệ đóng góp của TFP khoảng 45% (năm 2025), trên 50% (năm 2030), tốc độ đổi mới "
     "công nghệ, thiết bị trên 20%/năm.",
     [(45, None, "~", "%", 2025), (50, None, ">", "%", 2030), (20, None, ">", "%/năm", None)]),
    ("horizon_after_not_before", "Góp phần đạt mục tiêu tăng năng suất lao động bình quân của tỉnh trên 11%/năm; đến năm "
     "2030 có khoảng 50 doanh nghiệp nhỏ và vừa của tỉnh xây dựng dự án điểm; hình thành ít nhất 1 Câu lạc bộ "
     "cải tiến năng suất.",
     [(11, None, ">", "%/năm", None), (50, None, "~", "doanh nghiệp", 2030), (1, None, ">=", "câu lạc bộ", 2030)]),
    ("horizon_run_sentences", "Kế hoạch được ban hành với mục tiêu cụ thể đến năm 2030, tăng năng suất lao động bình quân "
     "trên 7,5%/năm. Từ 03 - 04 huyện, thị xã, thành phố xây dựng kế hoạch. Tối thiểu 30 doanh nghiệp nhỏ và vừa "
     "triển khai dự án điểm.",
     [(7.5, None, ">", "%/năm", 2030), (3, 4, "range", "huyện, thị xã, thành phố", 2030),
      (30, None, ">=", "doanh nghiệp", 2030)]),
    ("horizon_run_paragraphs", "Về mục tiêu cụ thể, phấn đấu đến năm 2025 tăng năng suất lao động bình quân trên 7%/năm.\n\n"
     "Từ 12 đến 15 tỉnh, thành phố trực thuộc trung ương hoàn thành việc xây dựng kế hoạch.",
     [(7, None, ">", "%/năm", 2025), (12, 15, "range", "tỉnh, thành phố", 2025)]),
    ("horizon_run_broken", "Phấn đấu đến năm 2025 tăng năng suất lao động bình quân trên 7%/năm.\n\n"
     "Ông Giám đốc Sở phát biểu tại buổi làm việc về các nội dung của kế hoạch.\n\n"
     "Tối thiểu 20 doanh nghiệp triển khai dự án điểm.",
     [(7, None, ">", "%/năm", 2025), (20, None, ">=", "doanh nghiệp", None)]),
    ("closing_horizon", "Phấn đấu tỷ lệ doanh nghiệp ứng dụng công nghệ số đạt 35% vào năm 2025 và 50% vào năm 2030.",
     [(35, None, "=", "%", 2025), (50, None, "=", "%", 2030)]),
    ("period_opening", "- Giai đoạn 2021 - 2025: hỗ trợ 20 doanh nghiệp; giai đoạn 2026-2030: hỗ trợ 30 doanh nghiệp.",
     [(20, None, "=", "doanh nghiệp", 2025), (30, None, "=", "doanh nghiệp", 2030)]),
    ("heading_year", "I. MỤC TIÊU\n2. Mục tiêu cụ thể\na) Mục tiêu đến năm 2025:\n"
     "- Góp phần đạt mục tiêu tăng năng suất lao động bình quân trên 7%/năm.\n"
     "- Xây dựng và triển khai kế hoạch nâng cao năng suất.\n"
     "- Tối thiểu 1 doanh nghiệp nhỏ và vừa xây dựng và triển khai các dự án điểm.\n"
     "b) Mục tiêu đến năm 2030\n- Tối thiểu 2 doanh nghiệp nhỏ và vừa xây dựng và triển khai các dự án điểm.",
     [(7, None, ">", "%/năm", 2025), (1, None, ">=", "doanh nghiệp", 2025), (2, None, ">=", "doanh nghiệp", 2030)]),
    ("heading_vision", "2. Mục tiêu cụ thể\na) Đến năm 2025\n- Hỗ trợ 30 doanh nghiệp.\nb) Định hướng đến năm 2030\n"
     "- Hỗ trợ 60 doanh nghiệp.\nc) Tầm nhìn đến năm 2035\n- Hỗ trợ 90 doanh nghiệp.",
     [(30, None, "=", "doanh nghiệp", 2025), (60, None, "=", "doanh nghiệp", 2030), (90, None, "=", "doanh nghiệp", 2035)]),
    ("heading_period", "I. MỤC TIÊU\n1. Giai đoạn 2021 - 2025\n- Tốc độ tăng năng suất lao động bình quân đạt trên 7%/năm.\n"
     "2. Giai đoạn 2026 - 2030\n- Đóng góp của TFP vào tăng trưởng kinh tế đạt 50%.",
     [(7, None, ">", "%/năm", 2025), (50, None, "=", "%", 2030)]),
    ("bullet_horizon_stays", "I. MỤC TIÊU\n1. Mục tiêu đến năm 2030\n- Đến năm 2028, 60% doanh nghiệp ứng dụng thương mại "
     "điện tử.\n- Tỷ trọng kinh tế số chiếm 30% GRDP.",
     [(60, None, "=", "%", 2028), (30, None, "=", "%", 2030)]),
    ("plain_goal_lines", "Mục tiêu cụ thể đến năm 2025 của Kế hoạch nâng cao năng suất trên địa bàn tỉnh như sau\n"
     "- Hình thành 01 câu lạc bộ năng suất.\n- Xây dựng kế hoạch nâng cao năng suất.\n"
     "- Đến năm 2030:\n+ Tối thiểu 2 doanh nghiệp xây dựng dự án điểm.",
     [(1, None, "=", "câu lạc bộ", 2025), (2, None, ">=", "doanh nghiệp", 2030)]),
    ("aim_earlier_in_paragraph", "Cụ thể, đến năm 2025 phấn đấu: 80% doanh nghiệp ứng dụng công nghệ số; "
     "30 doanh nghiệp xây dựng dự án điểm.",
     [(80, None, "=", "%", 2025), (30, None, "=", "doanh nghiệp", 2025)]),
    ("broken_bullet_keeps_run", "a/ Mục tiêu đến năm 2025\n- Hình thành 01 câu lạc bộ cải tiến năng suất, góp phần gắn kết "
     "hoạt động\n\nsản xuất, kinh doanh của doanh nghiệp.\n- Đào tạo cho khoảng 01 chuyên gia năng suất.",
     [(1, None, "=", "câu lạc bộ", 2025), (1, None, "~", "chuyên gia", 2025)]),
    ("table_row_period", "Stt\n\nNội dung, nhiệm vụ\n\nThời gian\n\nĐơn vị chủ trì\n\n10\n\n"
     "- Tuyên truyền phổ biến các công nghệ mới.\n\n- Triển khai thí điểm 01 doanh nghiệp thi công xây lắp\n\n"
     "Năm 2021-2030\n\nSở Giao thông vận tải",
     [(1, None, "=", "doanh nghiệp", 2030)]),
    ("table_row_inline", "3 | Hỗ trợ từ 5-10 doanh nghiệp ứng dụng công nghệ số | 2021 - 2025 | Sở Thông tin và Truyền thông",
     [(5, 10, "range", "doanh nghiệp", 2025)]),
    ("table_row_inline_time_last", "2 | Hỗ trợ xây dựng, quản lý ít nhất 15 nhãn hiệu tập thể | Sở KH&CN | "
     "Sở NN&PTNT, UBND cấp huyện | 2021 - 2025 | Văn bằng bảo hộ", [(15, None, ">=", "nhãn hiệu", 2025)]),
    ("table_row_recurring", "5\n\nHỗ trợ tối thiểu 10 doanh nghiệp xây dựng kế hoạch\n\nHàng năm\n\nSở KH&CN",
     [(10, None, ">=", "doanh nghiệp", None)]),
    ("vision_title_no_horizon", "Chương trình phát triển khoa học công nghệ giai đoạn 2021-2030, tầm nhìn đến 2040.\n\n"
     "Bên cạnh tiếp tục duy trì danh hiệu Top 21, đưa Bình Dương vào Top 7 tổ chức này.",
     [(21, None, "=", "Top", None), (7, None, "=", "Top", None)]),
    ("duplicate_caption", "Đến năm 2030, tỷ lệ doanh nghiệp có hoạt động đổi mới sáng tạo đạt 40%.\n"
     "Bình Dương phấn đấu đến năm 2030, tỷ lệ doanh nghiệp có hoạt động đổi mới sáng tạo đạt 40%. (Ảnh: cand.com.vn)",
     [(40, None, "=", "%", 2030)]),
    # a multiplier word stays in the unit as written (RECORD.md: unit as written; the real gold of Nghị quyết
    # 109/NQ-CP: '45 - 50 triệu lượt khách' is 45-50 'triệu lượt khách', '2 triệu doanh nghiệp' 2 'triệu doanh nghiệp')
    ("thousand_word", "Phấn đấu đến năm 2030 có 10 nghìn doanh nghiệp áp dụng công cụ cải tiến năng suất.",
     [(10, None, "=", "nghìn doanh nghiệp", 2030)]),
    ("million_word", "Phấn đấu đến năm 2030 thu hút 45 - 50 triệu lượt khách du lịch quốc tế.",
     [(45, 50, "range", "triệu lượt", 2030)]),
    # Nghị quyết 109/NQ-CP: the period an aim is measured against is no horizon; the aim is the next period's
    ("baseline_period", "Quán triệt nguyên tắc bố trí vốn tập trung, không dàn trải, giảm số lượng dự án tối thiểu "
     "30% so với giai đoạn 2021 - 2025, ưu tiên bố trí cho các dự án liên vùng.", [(30, None, ">=", "%", 2030)]),
    # Nghị quyết 109/NQ-CP, Phụ lục III row 15: what a verb of change cuts is written after each percentage; the
    # cost of complying with procedures is an aim, not a support rate
    ("change_objects", "Hoàn thành việc cắt giảm 50% thời gian giải quyết thủ tục hành chính, 50% chi phí tuân thủ "
     "thủ tục hành chính của năm 2026 so với năm 2024 và phấn đấu tiếp tục cắt giảm tối thiểu 30% các ngành nghề "
     "kinh doanh có điều kiện, 100% các điều kiện kinh doanh không cần thiết.",
     [(50, None, "=", "%", None), (50, None, "=", "%", None), (30, None, ">=", "%", None), (100, None, "=", "%", None)]),
    # Quyết định 2629/QĐ-TTg (tests/real-group4): the count is what each of the share uses, part of its indicator;
    # a number naming a project after its type word is a name
    ("share_using_a_count", "+ 100% cơ quan, tổ chức sử dụng ít nhất 01 ứng dụng AI để phục vụ công tác chỉ đạo, "
     "điều hành.", [(100, None, "=", "%", None)]),
    ("numbered_project", "Theo dõi, đánh giá việc thực hiện các chỉ tiêu về chuyển đổi số và Đề án 06 phục vụ chỉ "
     "đạo, điều hành của Chính phủ.", []),
    # Quyết định 982/QĐ-TTg (tests/real-group4): the amount each counted enterprise or deal must reach is part of
    # the count's indicator, no target of its own
    ("count_with_amount_each", "Phấn đấu có 60 doanh nghiệp công nghệ số Việt Nam có doanh thu từ thị trường nước "
     "ngoài đạt 20 triệu USD/năm.", [(60, None, "=", "doanh nghiệp", None)]),
    ("count_with_value_each", "Phấn đấu thực hiện thành công tối thiểu 25 thương vụ mua bán và sáp nhập với giá trị "
     "mỗi thương vụ từ 01 triệu USD trở lên.", [(25, None, ">=", "thương vụ", None)]),
    ("number_word_bracket", "Hình thành 01 (một) câu lạc bộ cải tiến năng suất.", [(1, None, "=", "câu lạc bộ", None)]),
    ("times", "Phấn đấu giá trị giao dịch công nghệ tăng gấp 2 lần.", [(2, None, "=", "lần", None)]),
    ("year_then_aim", "Tỷ lệ đóng góp của TFP năm 2025 đạt 45%, năm 2030 đạt 50%.",
     [(45, None, "=", "%", 2025), (50, None, "=", "%", 2030)]),
    ("bracketed_period", "Phấn đấu hỗ trợ 20 doanh nghiệp (giai đoạn 2021-2025).", [(20, None, "=", "doanh nghiệp", 2025)]),
    ("period_opening_no_comma", "- Giai đoạn 2021 - 2025 hỗ trợ ít nhất 20 doanh nghiệp áp dụng công cụ cải tiến năng suất.",
     [(20, None, ">=", "doanh nghiệp", 2025)]),
    ("period_mid_clause", "Phối hợp với các hiệp hội trong giai đoạn 2022 - 2025 lựa chọn ít nhất 10 doanh nghiệp tiêu "
     "biểu để hỗ trợ đổi mới công nghệ. Hỗ trợ 5 doanh nghiệp khác.",
     [(10, None, ">=", "doanh nghiệp", 2025), (5, None, "=", "doanh nghiệp", None)]),
    ("period_closing", "Hỗ trợ 50 doanh nghiệp đổi mới công nghệ trong giai đoạn 2021-2025.",
     [(50, None, "=", "doanh nghiệp", 2025)]),
    ("table_quarter", "4\n\nHỗ trợ tối thiểu 10 doanh nghiệp xây dựng kế hoạch\n\nQuý IV/2022\n\nSở KH&CN",
     [(10, None, ">=", "doanh nghiệp", 2022)]),
    ("opening_percent_task", "II. NHIỆM VỤ\n- 100% hồ sơ công việc được xử lý trên môi trường mạng.",
     [(100, None, "=", "%", None)]),
    ("indicator_table_cells", "PHỤ LỤC\n\nSTT\n\nChỉ tiêu\n\nĐơn vị tính\n\nThực hiện năm 2020\n\nNăm 2025\n\nNăm 2030\n\n"
     "Ghi chú\n\n1\n\nTốc độ tăng năng suất lao động bình quân\n\n%\n\n6,5\n\ntrên 7\n\n7,5\n\n2\n\n"
     "Số doanh nghiệp xây dựng dự án điểm\n\nDoanh nghiệp\n\n10\n\n30\n\n50\n\nKhông rõ",
     [(7, None, ">", "%", 2025), (7.5, None, "=", "%", 2030), (30, None, "=", "doanh nghiệp", 2025),
      (50, None, "=", "doanh nghiệp", 2030)]),
    ("indicator_table_pipes", "STT | Chỉ tiêu | ĐVT | Năm 2025 | Năm 2030\n1 | Tỷ trọng kinh tế số trong GRDP | % | ≥ 20 | 30\n"
     "2 | Số doanh nghiệp khởi nghiệp | doanh nghiệp | 10-15 | 30",
     [(20, None, ">=", "%", 2025), (30, None, "=", "%", 2030), (10, 15, "range", "doanh nghiệp", 2025),
      (30, None, "=", "doanh nghiệp", 2030)]),
    ("task_table_is_no_indicator_table", "Stt\n\nNội dung, nhiệm vụ\n\nThời gian\n\nĐơn vị chủ trì\n\n1\n\n"
     "Tuyên truyền nội dung Kế hoạch\n\nNăm 2021\n\nSở KH&CN", []),
    ("appendix_time_column_after_bodies", "TT\n\nNhiệm vụ\n\nCơ quan chủ trì\n\nCơ quan phối hợp\n\n"
     "Thời gian thực hiện\n\nSản phẩm\n\n1\n\n- Rà soát sản phẩm OCOP cần bảo hộ.\n\n"
     "- Hỗ trợ xây dựng, quản lý ít nhất 15 nhãn hiệu tập thể cho đặc sản của tỉnh.\n\nSở KH&CN\n\n"
     "Sở NN&PTNT, UBND cấp huyện\n\n2021 - 2025\n\nVăn bằng bảo hộ",
     [(15, None, ">=", "nhãn hiệu", 2025)]),
    ("appendix_time_column_date", "STT\n\nNội dung công việc\n\nĐơn vị chủ trì\n\nThời gian hoàn thành\n\n1\n\n"
     "Hỗ trợ tối thiểu 20 doanh nghiệp áp dụng công cụ cải tiến năng suất\n\nSở Công Thương\n\nTrước ngày 30/6/2023",
     [(20, None, ">=", "doanh nghiệp", 2023)]),
    ("appendix_product_column", "STT\n\nNội dung\n\nSản phẩm\n\nĐơn vị chủ trì\n\nĐơn vị phối hợp\n\nThời gian\n\n1\n\n"
     "Hỗ trợ doanh nghiệp áp dụng công cụ cải tiến năng suất\n\nÍt nhất 10 doanh nghiệp được hỗ trợ\n\n"
     "Sở Khoa học và Công nghệ\n\nCác sở, ngành liên quan\n\n2022 - 2025\n\n2\n\nTổ chức tập huấn về năng suất\n\n"
     "Tối thiểu 200 lượt người\n\nSở Khoa học và Công nghệ\n\nSở Công Thương\n\nNăm 2023",
     [(10, None, ">=", "doanh nghiệp", 2025), (200, None, ">=", "lượt người", 2023)]),
    ("labelled_time_line", "III. NHIỆM VỤ\n- Hỗ trợ ít nhất 20 doanh nghiệp áp dụng công cụ cải tiến năng suất.\n"
     "+ Cơ quan chủ trì: Sở Khoa học và Công nghệ.\n+ Cơ quan phối hợp: Các sở, ngành liên quan.\n"
     "+ Thời gian thực hiện: 2022 - 2025.\n- Xây dựng 02 mô hình điểm về năng suất.\n"
     "+ Cơ quan chủ trì: Sở Nông nghiệp và Phát triển nông thôn.\n- Hỗ trợ 10 doanh nghiệp đổi mới công nghệ.\n"
     "+ Thời gian thực hiện: Năm 2024.",
     [(20, None, ">=", "doanh nghiệp", 2025), (2, None, "=", "mô hình", None), (10, None, "=", "doanh nghiệp", 2024)]),
    ("labelled_time_inline", "- Tổ chức tối thiểu 05 lớp tập huấn về năng suất (Cơ quan chủ trì: Sở Công Thương; "
     "thời gian thực hiện: năm 2023).", [(5, None, ">=", "lớp tập huấn", 2023)]),
    ("output_label", "- Hỗ trợ doanh nghiệp áp dụng công cụ cải tiến năng suất.\n+ Kết quả đầu ra: 30 doanh nghiệp "
     "được hỗ trợ.\n+ Thời gian thực hiện: 2022 - 2025.", [(30, None, "=", "doanh nghiệp", 2025)]),
    ("period_ends_sentence", "Lựa chọn ít nhất 10 doanh nghiệp tiêu biểu để hỗ trợ đổi mới công nghệ, chuyển đổi số "
     "trong giai đoạn 2022 - 2025.", [(10, None, ">=", "doanh nghiệp", 2025)]),
    ("horizon_ends_sentence", "Hỗ trợ 30 doanh nghiệp, hợp tác xã áp dụng hệ thống quản lý tiên tiến, hoàn thành "
     "đến năm 2025.", [(30, None, "=", "doanh nghiệp, hợp tác xã", 2025)]),
    ("bracket_horizon_ends_bullet", "- Hỗ trợ ít nhất 10 doanh nghiệp đổi mới công nghệ, chuyển đổi số (đến năm 2025).",
     [(10, None, ">=", "doanh nghiệp", 2025)]),
    ("bracket_horizon_whole_bullet", "- Hỗ trợ 10 doanh nghiệp áp dụng công cụ năng suất; đào tạo 50 cán bộ quản lý "
     "(năm 2025).", [(10, None, "=", "doanh nghiệp", 2025), (50, None, "=", "cán bộ", 2025)]),
    ("bracket_horizon_last_sentence", "Hỗ trợ 10 doanh nghiệp áp dụng công cụ năng suất. Đào tạo 50 cán bộ quản lý "
     "(năm 2023).", [(10, None, "=", "doanh nghiệp", None), (50, None, "=", "cán bộ", 2023)]),
    ("bracket_period_ends_bullet", "+ Tập huấn cho 200 lượt người về năng suất, chất lượng (giai đoạn 2021 - 2025);",
     [(200, None, "=", "lượt người", 2025)]),
    ("per_year_rate_new_paragraph", "Đến năm 2030, số doanh nghiệp được hỗ trợ áp dụng công cụ cải tiến năng suất đạt "
     "trên 120 doanh nghiệp.\n\nBên cạnh đó, hằng năm tổ chức từ 2 đến 3 lớp đào tạo chuyên gia năng suất.",
     [(120, None, ">", "doanh nghiệp", 2030), (2, 3, "range", "lớp đào tạo", None)]),
    ("per_year_rate_keeps_heading", "a) Mục tiêu đến năm 2025:\n- Mỗi năm hỗ trợ ít nhất 05 doanh nghiệp áp dụng "
     "hệ thống quản lý.", [(5, None, ">=", "doanh nghiệp", 2025)]),
    ("per_year_growth_keeps_run", "Đến năm 2025, phấn đấu:\n- Năng suất lao động tăng bình quân hằng năm 7%.\n"
     "- Số doanh nghiệp khoa học và công nghệ tăng bình quân hằng năm 10 doanh nghiệp.",
     [(7, None, "=", "%", 2025), (10, None, "=", "doanh nghiệp", 2025)]),
    ("restated_without_year", "Phấn đấu hỗ trợ 25 doanh nghiệp nhỏ và vừa xây dựng dự án điểm.\n"
     "Đến năm 2025, hỗ trợ 25 doanh nghiệp nhỏ và vừa xây dựng dự án điểm.",
     [(25, None, "=", "doanh nghiệp", 2025)]),
    ("range_percent_per_year", "- Tốc độ tăng năng suất lao động bình quân đạt 6,5 - 7%/năm.",
     [(6.5, 7, "range", "%/năm", None)]),
    ("range_percent_from_to", "Phấn đấu tăng năng suất lao động bình quân từ 6,5% đến 7%/năm.",
     [(6.5, 7, "range", "%/năm", None)]),
    ("no_lower_than", "- Tỷ lệ lao động qua đào tạo không thấp hơn 70%.", [(70, None, ">=", "%", None)]),
    ("down_below", "- Tỷ lệ hộ nghèo giảm xuống dưới 5%.", [(5, None, "<", "%", None)]),
    ("reach_all", "- Phấn đấu 100% cơ quan nhà nước áp dụng hệ thống quản lý chất lượng theo TCVN ISO 9001:2015.",
     [(100, None, "=", "%", None)]),
    ("thousands_dot_support", "- Hỗ trợ 1.500 doanh nghiệp áp dụng các công cụ cải tiến năng suất.",
     [(1500, None, "=", "doanh nghiệp", None)]),
    ("zero_padded_models", "- Xây dựng 05 mô hình điểm về áp dụng công cụ cải tiến năng suất.",
     [(5, None, "=", "mô hình", None)]),
    ("firm_list_pilot", "Đến năm 2025, hỗ trợ ít nhất 05 doanh nghiệp, hợp tác xã xây dựng và triển khai các mô hình "
     "điểm về cải tiến năng suất.", [(5, None, ">=", "doanh nghiệp, hợp tác xã", 2025)]),
    ("baseline_to_target", "Phấn đấu nâng tỷ lệ doanh nghiệp có hoạt động đổi mới sáng tạo từ 15% hiện nay lên 25% vào "
     "năm 2025.", [(25, None, "=", "%", 2025)]),
    ("baseline_down", "- Giảm tỷ lệ hộ nghèo từ 8% xuống còn 4%.", [(4, None, "=", "%", None)]),
    ("baseline_count", "Phấn đấu tăng số doanh nghiệp khoa học và công nghệ từ 20 doanh nghiệp lên 40 doanh nghiệp.",
     [(40, None, "=", "doanh nghiệp", None)]),
    ("money_level", "a) Mục tiêu đến năm 2025:\n- Năng suất lao động đạt 150 triệu đồng/người/năm.",
     [(150, None, "=", "triệu đồng/người/năm", 2025)]),
    ("report_quoted_aim_and_next_year",
     "I. KẾT QUẢ THỰC HIỆN NĂM 2022\n1. Về thực hiện các mục tiêu, chỉ tiêu\nKế hoạch số 50/KH-UBND đặt mục tiêu đến "
     "năm 2025 có ít nhất 20 doanh nghiệp áp dụng công cụ cải tiến năng suất. Năm 2022, Sở đã hỗ trợ 8 doanh nghiệp; "
     "150 cán bộ được tập huấn về năng suất.\nĐến nay, toàn huyện đã có 02 hợp tác xã được hỗ trợ xây dựng mô hình "
     "điểm.\nII. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2023\nNăm 2023, phấn đấu hỗ trợ thêm 6 doanh nghiệp áp dụng công cụ "
     "cải tiến năng suất.",
     [(20, None, ">=", "doanh nghiệp", 2025), (6, None, "=", "doanh nghiệp", 2023)]),
    ("intro_line_sets_aims", "II. NỘI DUNG KẾ HOẠCH\nPhấn đấu đến năm 2025, tỉnh đạt được các chỉ tiêu sau:\n"
     "- 30 doanh nghiệp xây dựng và triển khai dự án điểm về cải tiến năng suất.\n"
     "- 50% doanh nghiệp nhỏ và vừa được tiếp cận kiến thức về năng suất.\n- 02 câu lạc bộ năng suất.",
     [(30, None, "=", "doanh nghiệp", 2025), (50, None, "=", "%", 2025), (2, None, "=", "câu lạc bộ", 2025)]),
    ("intro_run_ends_with_bullets", "II. NỘI DUNG KẾ HOẠCH\nPhấn đấu đến năm 2025, đạt các chỉ tiêu sau:\n"
     "- 30 doanh nghiệp xây dựng dự án điểm.\nCác doanh nghiệp được lựa chọn theo tiêu chí của Sở.\n"
     "- 20 doanh nghiệp nộp hồ sơ.", [(30, None, "=", "doanh nghiệp", 2025)]),
    ("restated_in_other_words", "(BTN) - Tỉnh phấn đấu hỗ trợ 25 doanh nghiệp xây dựng dự án điểm.\n"
     "Theo đó, đến năm 2025, có 25 doanh nghiệp nhỏ và vừa xây dựng và triển khai dự án điểm về năng suất.",
     [(25, None, "=", "doanh nghiệp", 2025)]),
    ("not_restated_other_indicator", "- 100% cán bộ được tập huấn về năng suất.\n"
     "- Đến năm 2025, 100% cơ quan hành chính áp dụng hệ thống quản lý chất lượng.",
     [(100, None, "=", "%", None), (100, None, "=", "%", 2025)]),
    ("report_next_year_heading", "I. KẾT QUẢ THỰC HIỆN\n1. Công tác hỗ trợ doanh nghiệp\nTrong năm, Sở hỗ trợ 12 "
     "doanh nghiệp áp dụng công cụ cải tiến năng suất, đạt 120% kế hoạch.\nII. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2023\n"
     "1. Tiếp tục hỗ trợ ít nhất 10 doanh nghiệp áp dụng công cụ cải tiến năng suất.",
     [(10, None, ">=", "doanh nghiệp", 2023)]),
    ("not_restated_bare_unit", "- Hỗ trợ 10 doanh nghiệp.\n- Đến năm 2025, có 10 doanh nghiệp khởi nghiệp đổi mới sáng tạo.",
     [(10, None, "=", "doanh nghiệp", None), (10, None, "=", "doanh nghiệp", 2025)]),
    ("restated_same_year", "a) Mục tiêu đến năm 2025:\n- Hỗ trợ 30 doanh nghiệp nhỏ và vừa áp dụng công cụ cải tiến "
     "năng suất.\nII. NHIỆM VỤ\n- Đến năm 2025, hỗ trợ 30 doanh nghiệp nhỏ và vừa áp dụng các công cụ cải tiến năng suất.",
     [(30, None, "=", "doanh nghiệp", 2025)]),
    ("not_restated_other_level", "- Đến năm 2025, 100% hồ sơ công việc tại cấp tỉnh được xử lý trên môi trường mạng; "
     "100% hồ sơ công việc tại cấp huyện được xử lý trên môi trường mạng.",
     [(100, None, "=", "%", 2025), (100, None, "=", "%", 2025)]),
    ("not_restated_same_id", "- 100% hồ sơ công việc tại cấp xã được xử lý trên môi trường mạng.\n"
     "- Đến năm 2025, 100% hồ sơ công việc tại cấp tỉnh được xử lý trên môi trường mạng.",
     [(100, None, "=", "%", None), (100, None, "=", "%", 2025)]),
    ("report_way_forward", "I. KẾT QUẢ THỰC HIỆN\nSở hỗ trợ 12 doanh nghiệp áp dụng công cụ cải tiến năng suất.\n"
     "II. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI\n- Tiếp tục hỗ trợ 10 doanh nghiệp áp dụng công cụ cải tiến năng suất.\n"
     "- Tổ chức 02 hội thảo về năng suất.",
     [(10, None, "=", "doanh nghiệp", None), (2, None, "=", "hội thảo", None)]),
    # ---- shares: X of the Y units there are (a d/d before a count noun is no date)
    ("share_of_all", "2. Phấn đấu trong năm 2023, 100% thủ tục hành chính được xây dựng quy trình theo HTQLCL; "
     "tối thiểu 10/10 phường, xã công bố HTQLCL phù hợp TCVN ISO 9001:2015.",
     [(100, None, "=", "%", 2023), (10, None, ">=", "phường, xã", 2023)]),
    ("share_of_goal_bullet", "II. MỤC TIÊU\n- 15/15 xã, thị trấn xây dựng kế hoạch nâng cao năng suất.",
     [(15, None, "=", "xã, thị trấn", None)]),
    ("share_of_units", "Phấn đấu đến năm 2025 có 9/9 huyện, thị xã, thành phố triển khai kế hoạch.",
     [(9, None, "=", "huyện, thị xã, thành phố", 2025)]),
    ("not_share_date", "Trước ngày 15/12 hằng năm, các xã gửi báo cáo về Sở.", []),
    ("not_share_date_year", "Phấn đấu theo Thông tư ban hành ngày 10/10/2014 doanh nghiệp được hỗ trợ.", []),
    ("share_in_brackets_glosses", "Phấn đấu đến năm 2025, 100% huyện (9/9 huyện) có kế hoạch năng suất; 100% xã "
     "( 15/15 xã ) có cán bộ đầu mối.", [(100, None, "=", "%", 2025), (100, None, "=", "%", 2025)]),
    ("not_share_date_from", "Phấn đấu từ 01/7 doanh nghiệp nộp hồ sơ trực tuyến.", []),
    ("not_share_over_all", "Phấn đấu 12/10 xã đạt chuẩn.", []),
    # ---- a count with a leading zero as the object of the verb opening its bullet
    ("object_count_branch", "Phần I. MỤC TIÊU NĂM 2023\n* Hỗ trợ 05 doanh nghiệp xây dựng dự án điểm.\n"
     "* Đánh giá trình độ công nghệ sản xuất của 01 ngành công nghiệp chủ lực (ngành cơ khí chế tạo).",
     [(5, None, "=", "doanh nghiệp", 2023), (1, None, "=", "ngành", 2023)]),
    ("object_count_task_bullet", "- Tổ chức 02 đợt kiểm tra việc áp dụng hệ thống quản lý chất lượng.",
     [(2, None, "=", "đợt", None)]),
    ("object_count_range", "II. MỤC TIÊU\n- Xây dựng từ 01 - 02 bộ tài liệu hướng dẫn áp dụng công cụ năng suất.",
     [(1, 2, "range", "bộ", None)]),
    ("not_object_classification", "- Tập trung hỗ trợ 03 lĩnh vực ưu tiên: cơ khí, điện tử, chế biến.", []),
    ("not_object_without_verb", "II. MỤC TIÊU\nChương trình gồm 03 lĩnh vực ưu tiên.", []),
    ("not_object_after_comma", "- Tổ chức hội thảo, 02 đợt trong năm.", []),
    ("cmp_qualifier_count", "II. MỤC TIÊU\n- 100% doanh nghiệp nhỏ và vừa có từ 50 lao động trở lên áp dụng công "
     "cụ năng suất.", [(100, None, "=", "%", None)]),
    ("qualifier_at_least", "II. MỤC TIÊU\n- 100% xã có ít nhất 01 câu lạc bộ năng suất.", [(100, None, "=", "%", None)]),
    ("not_qualifier_after_list", "II. MỤC TIÊU\n- 80% doanh nghiệp được tập huấn, 50 doanh nghiệp áp dụng công cụ.",
     [(80, None, "=", "%", None), (50, None, "=", "doanh nghiệp", None)]),
    ("not_qualifier_after_verb", "Phấn đấu 100% cán bộ được tập huấn và hỗ trợ 20 doanh nghiệp.",
     [(100, None, "=", "%", None), (20, None, "=", "doanh nghiệp", None)]),
    ("not_qualifier_raised_to", "Phấn đấu tăng 20% số doanh nghiệp lên 500 doanh nghiệp.",
     [(20, None, "=", "%", None), (500, None, "=", "doanh nghiệp", None)]),
    ("not_qualifier_budget_rate", "Hỗ trợ 50% chi phí cho 20 doanh nghiệp áp dụng công cụ năng suất.",
     [(20, None, "=", "doanh nghiệp", None)]),
    # ---- a report's results section quoting the plan's aim
    ("report_quoted_aim_bare_plan", "I. KẾT QUẢ THỰC HIỆN NĂM 2022\n2. Kết quả đạt được\n- Có 12 doanh nghiệp được hỗ "
     "trợ xây dựng dự án điểm (mục tiêu của Kế hoạch đến năm 2025 là tối thiểu 20 doanh nghiệp), đạt 60% chỉ tiêu.",
     [(20, None, ">=", "doanh nghiệp", 2025)]),
    ("not_completion_rate", "Năm 2022, số doanh nghiệp được hỗ trợ đạt 120% kế hoạch.", []),
    ("not_horizon_of_titled_plan", "Thực hiện Kế hoạch nâng cao năng suất đến năm 2030, hỗ trợ 10 doanh nghiệp.",
     [(10, None, "=", "doanh nghiệp", None)]),
    # ---- a comparator phrase belongs to the value it surrounds
    ("cmp_suffix_inner_value", "II. MỤC TIÊU\n- 100% sản phẩm OCOP đạt từ 4 sao trở lên được bảo hộ nhãn hiệu.",
     [(100, None, "=", "%", None)]),
    ("cmp_suffix_own_value", "II. MỤC TIÊU\n- Hỗ trợ 20 doanh nghiệp nhỏ và vừa trở lên; 50% sản phẩm đạt từ 3 sao trở lên.",
     [(20, None, ">=", "doanh nghiệp", None), (50, None, "=", "%", None)]),
    # ---- numbers that are not targets
    ("not_done_after", "Gần 100 doanh nghiệp đã tham gia chương trình.", []),
    ("not_task_heading_status", "II. NHIỆM VỤ\n4. Tăng cường năng lực tiêu chuẩn hóa và đánh giá sự phù hợp\n"
     "- Hỗ trợ tối thiểu 10 doanh nghiệp áp dụng tiêu chuẩn.", [(10, None, ">=", "doanh nghiệp", None)]),
    ("not_task_count", "Kế hoạch đưa ra 5 nhiệm vụ và giải pháp chủ yếu: triển khai cơ chế, chính sách.", []),
    ("not_word_count", "Chương trình đề ra tám nhiệm vụ chủ yếu.", []),
    ("not_layers", "Mô hình 5 lớp (Qui hoạch đô thị, hạ tầng kỹ thuật, giao thông).", []),
    ("not_classification", "- Hỗ trợ 03 nhóm doanh nghiệp nhỏ và vừa trọng tâm: doanh nghiệp nhỏ và vừa chuyển đổi từ hộ "
     "kinh doanh.", []),
    ("not_ordinal", "Phù hợp xu thế của cuộc Cách mạng công nghiệp lần thứ tư.", []),
    ("not_party_meeting", "Thực hiện Nghị quyết Hội nghị Trung ương 7 khóa X về xây dựng đội ngũ trí thức.", []),
    ("not_dates_numbers", "Thực hiện Quyết định số 36/QĐ-TTg ngày 11/01/2021 của Thủ tướng Chính phủ.", []),
    ("not_period", "Tham mưu ban hành chính sách hỗ trợ đầu tư trên địa bàn tỉnh giai đoạn 2021-2015.", []),
    ("not_standard", "Áp dụng hệ thống quản lý chất lượng theo TCVN ISO 9001:2015 và ISO 56000.", []),
    ("not_version", "Triển khai chuyển đổi từ giao thức IPv4 sang IPv6; công nghiệp 4.0.", []),
    ("not_furniture", "Thứ bảy, 20/04/2024 | 02:24 - GMT+7\n19/04/2022 - 13:24\nTổng số lượt truy cập :\n  • 1\n  • 4", []),
    ("not_reporting_cycle", "Khảo sát để xây dựng kế hoạch chi tiết hằng năm, 05 năm về đào tạo.", []),
    ("not_parts_news", "Trong đó có 2 nội dung quan trọng Quảng Ninh sẽ quan tâm thực hiện.", []),
    ("not_budget", "Tổng kinh phí thực hiện Kế hoạch dự kiến: 15.000 triệu đồng.", []),
    ("not_support_rate", "Hỗ trợ tối đa 50% kinh phí, không quá 300 triệu đồng/dự án.", []),
    ("not_status_now", "Hiện nay toàn tỉnh có hơn 9.000 doanh nghiệp, trong đó 97% là doanh nghiệp nhỏ và vừa.", []),
    ("not_status_past", "Sở đã hỗ trợ 45 doanh nghiệp áp dụng công cụ cải tiến năng suất.", []),
    ("not_status_section", "I. KẾT QUẢ THỰC HIỆN GIAI ĐOẠN 2016-2020\nNăng suất lao động tăng bình quân 6,8%/năm; "
     "có 25 doanh nghiệp áp dụng hệ thống quản lý.\nII. MỤC TIÊU\n- Tối thiểu 30 doanh nghiệp áp dụng hệ thống quản lý.",
     [(30, None, ">=", "doanh nghiệp", None)]),
    ("not_budget_total", "Tổng kinh phí dự kiến: 12.500 triệu đồng.", []),
    ("not_budget_split", "Kinh phí thực hiện năm 2022: 1.200 triệu đồng, trong đó ngân sách tỉnh 800 triệu đồng.", []),
    ("not_budget_by_year", "II. MỤC TIÊU\n1. Mục tiêu cụ thể đến năm 2025\n- Hỗ trợ 30 doanh nghiệp.\n"
     "2. Kinh phí dự kiến để đạt mục tiêu như sau:\n- Năm 2022: 1.000 triệu đồng;\n- Năm 2023: 1.200 triệu đồng.",
     [(30, None, "=", "doanh nghiệp", 2025)]),
    ("not_budget_heading", "IV. KINH PHÍ THỰC HIỆN\nTổng kinh phí dự kiến là 3.500 triệu đồng, trong đó:\n"
     "- Ngân sách tỉnh: 2.000 triệu đồng.\n- Doanh nghiệp đối ứng: 1.500 triệu đồng.", []),
    ("not_attendance", "Hội nghị thu hút 200 đại biểu và hơn 150 doanh nghiệp tham dự.", []),
    ("not_attendance_news", "Hội thảo có sự tham gia của hơn 120 doanh nghiệp trên địa bàn tỉnh.", []),
    ("not_plan_status_section_quote", "I. KẾT QUẢ THỰC HIỆN GIAI ĐOẠN 2016-2020\nChương trình đặt mục tiêu hỗ trợ 50 "
     "doanh nghiệp; kết quả đã hỗ trợ 62 doanh nghiệp.\nII. MỤC TIÊU\n- Hỗ trợ 80 doanh nghiệp.",
     [(80, None, "=", "doanh nghiệp", None)]),
    ("not_status_in_goal_section", "II. MỤC TIÊU\n- Đến nay, toàn huyện đã có 02 hợp tác xã được hỗ trợ xây dựng mô "
     "hình điểm; phấn đấu đến năm 2025 có thêm 05 hợp tác xã.", [(5, None, "=", "hợp tác xã", 2025)]),
    ("not_views", "1.234 lượt xem", []),
    ("not_reported_growth", "GRDP của tỉnh tăng 8,5% so với cùng kỳ năm trước.", []),
    ("not_count_without_aim", "Hội thảo có sự tham gia của 120 doanh nghiệp.", []),
    # real: dongnai-179 (a heading giving its horizon before 'với các mục tiêu (14 mục tiêu)')
    ("horizon_heading_with_count", "2. Phát triển xã hội số đến năm 2030 với các mục tiêu (14 mục tiêu)\n\n"
     "(1) Tỷ lệ dân số từ 15 tuổi trở lên có điện thoại thông minh đạt tối thiểu 95%;",
     [(95, None, ">=", "%", 2030)]),
    # real: 2629/QĐ-TTg (a goal of the body restated by its appendix table: one aim)
    ("appendix_restates_body", "II. MỤC TIÊU\n1. Đến năm 2027\n- 100% thông tin, giấy tờ, tài liệu trong các thủ tục "
     "hành chính chỉ cung cấp một lần.\n- 100% cán bộ, công chức được đào tạo kỹ năng số cơ bản.\n\nPhụ lục I\nCÁC CHỈ TIÊU\n"
     "1. Đến năm 2027\n- Tỉ lệ thông tin, giấy tờ, tài liệu trong các thủ tục hành chính chỉ cung cấp một lần: 100%.\n",
     [(100, None, "=", "%", 2027), (100, None, "=", "%", 2027)]),
    # real: 141/KH-UBND of Bắc Ninh (tests/real-final): a numbered item's own horizon stays in the item
    ("item_horizon_stays_in_item", "II. MỤC TIÊU\n\n4. Trong giai đoạn 2026 - 2030 phấn đấu có ít nhất 10% đội ngũ cán "
     "bộ, công chức xây dựng chính sách, pháp luật từ nguồn thu hút.\n\n5. 100% đội ngũ cán bộ, công chức xây dựng "
     "chính sách, pháp luật được tập huấn, bồi dưỡng.\n",
     [(10, None, ">=", "%", 2030), (100, None, "=", "%", None)]),
    # held-out 5's fd01: the spending is the indicator, a share it reaches is an aim; one set aside in a task is a means
    ("budget_share_reached", "II. MỤC TIÊU\n1. Đến năm 2025\n- Chi ngân sách địa phương cho KH, CN, ĐMST và CĐS đạt "
     "tối thiểu 3% tổng chi ngân sách địa phương.\nIII. NHIỆM VỤ\n- Bố trí kinh phí bảo đảm tối thiểu 3% tổng chi ngân "
     "sách nhà nước cho các nhiệm vụ.\n",
     [(3, None, ">=", "%", 2025)]),
    # held-out 6, a directive: a year right before its value leads it, the period after 'và' is the next value's;
    # 'phấn đấu năm 2026' sets the year for the indicator after it
    ("year_leading_its_value", "Để tạo chuyển biến, phấn đấu tốc độ tăng năng suất lao động năm 2026 đạt trên 6,5% và "
     "bình quân giai đoạn 2026 - 2030 đạt từ 7% đến 7,5%/năm, Thủ tướng Chính phủ yêu cầu:\n",
     [(6.5, None, ">", "%", 2026), (7, 7.5, "range", "%/năm", 2030)]),
    # held-out 6, a ministry's letter: civil servants are counted like officers
    ("civil_servants_counted", "4. Chỉ đạo Sở Nội vụ rà soát, bố trí nhân lực ở cấp xã; bảo đảm mỗi xã, phường, đặc khu có "
     "ít nhất 01 công chức phụ trách chuyển đổi số.\n", [(1, None, ">=", "công chức", None)]),
    # held-out 6, an HĐND resolution: a sentence opening with its vision sets that horizon; a vision after the
    # period it extends (a title) sets none
    ("vision_sentence", "2. Mục tiêu đến năm 2030\nc) Chỉ số PII của tỉnh thuộc nhóm 30 tỉnh dẫn đầu cả nước đến năm "
     "2030. Tầm nhìn đến năm 2035, kinh tế số của tỉnh đạt khoảng 30% GRDP.\n",
     [(30, None, "=", "nhóm dẫn đầu", 2030), (30, None, "~", "%", 2035)]),
    # held-out 5 and 6: a 'đã' describing a noun of the indicator before its own 'đạt' reports nothing
    ("described_by_da", "d) Đẩy mạnh chuyển đổi số; phấn đấu năm 2026 tỷ lệ hồ sơ đạt tối thiểu 80%, tỷ lệ khai thác, sử "
     "dụng lại dữ liệu đã số hóa đạt 70%.\n", [(80, None, ">=", "%", 2026), (70, None, "=", "%", 2026)]),
    # held-out 5 and 6: a network speed is aimed like a measure; one before its clause's own 'đạt' qualifies the
    # indicator (Bắc Ninh's 144/KH-UBND)
    ("network_speed", "2. Mục tiêu cụ thể đến năm 2030\n- Các khu công nghiệp có hạ tầng băng rộng cố định tốc độ tối "
     "thiểu 1 Gb/s.\n- Tỷ lệ người sử dụng có khả năng truy cập băng rộng cố định với tốc độ 01 Gb/s đạt 100%.\n",
     [(1, None, ">=", "gb/s", 2030), (100, None, "=", "%", 2030)]),
    ("aim_year_before_indicator", "d) Đẩy mạnh chuyển đổi số; phấn đấu năm 2026 tỷ lệ hồ sơ thủ tục hành chính được "
     "giải quyết trực tuyến toàn trình đạt tối thiểu 80%.\n", [(80, None, ">=", "%", 2026)]),
    # held-out 11: two aims each closed by its own period, joined by 'và': the second takes the period after it,
    # not the one that closed the first
    ("two_periods_each_after_its_value", "I. MỤC TIÊU\n\nPhấn đấu tăng năng suất lao động bình quân trên 7%/năm "
     "giai đoạn 2021 - 2025 và trên 7,5%/năm giai đoạn 2026 - 2030.\n",
     [(7, None, ">", "%/năm", 2025), (7.5, None, ">", "%/năm", 2030)]),
    # held-out 12: a health programme's life expectancy and its rates per population; a school grade, an estimate of
    # the year before and a count kept going
    ("life_expectancy_and_per_population", "II. MỤC TIÊU\n\n2. Mục tiêu cụ thể đến năm 2030\n\n- Tuổi thọ trung "
     "bình đạt khoảng 75,5 tuổi;\n- Đạt 19 bác sĩ và 40 giường bệnh trên 10.000 dân;\n- Tỷ lệ trẻ em dưới 1 tuổi "
     "được tiêm chủng đầy đủ đạt từ 95% trở lên.\n",
     [(75.5, None, "~", "tuổi", 2030), (19, None, "=", "bác sĩ", 2030), (40, None, "=", "giường bệnh", 2030),
      (95, None, ">=", "%", 2030)]),
    ("grade_estimate_and_kept", "II. MỤC TIÊU\n\n2. Mục tiêu cụ thể đến năm 2027\n\n- Phấn đấu có tối thiểu 40% "
     "học sinh lớp 5 biết bơi an toàn.\n- Xây dựng mới 08 chuỗi cung ứng; duy trì 42 chuỗi đã được xác nhận trong "
     "các năm trước.\n\n(Năm 2025, tỷ lệ chất thải rắn sinh hoạt được thu gom trên địa bàn tỉnh ước đạt 88,6%).\n",
     [(40, None, ">=", "%", 2027), (8, None, "=", "chuỗi cung", 2027), (42, None, "=", "chuỗi", 2027)]),
    # held-out 11 and 13: a processing time cut to a limit is an aim where the clause shortens it; a time limit a
    # rule sets is none
    ("time_limit_shortened", "II. NHIỆM VỤ NĂM 2026\n\n1. Tiếp tục cải cách thủ tục hành chính, rút ngắn thời gian "
     "giải quyết thủ tục đầu tư xuống dưới 20 ngày.\n2. Hồ sơ được giải quyết trong thời hạn không quá 30 ngày kể "
     "từ ngày nhận đủ hồ sơ.\n", [(20, None, "<", "ngày", 2026)]),
    # held-out 9 and 11: a socio-economic plan's budget revenue and the whole society's investment are aims; a
    # budget to be spent stays a means
    ("revenue_and_social_investment", "2. Các chỉ tiêu chủ yếu\n- Tổng thu ngân sách nhà nước trên địa bàn "
     "đạt 32,6 nghìn tỷ đồng trở lên, trong đó thu nội địa khoảng 30,1 nghìn tỷ đồng.\n- Tổng vốn đầu tư phát triển "
     "toàn xã hội khoảng 118 nghìn tỷ đồng.\n- Tổng kinh phí thực hiện khoảng 12 tỷ đồng.\n",
     [(32.6, None, ">=", "nghìn tỷ đồng", None), (30.1, None, "~", "nghìn tỷ đồng", None),
      (118, None, "~", "nghìn tỷ đồng", None)]),
]


def _run(text: str, **meta) -> list:
    doc = Doc(text)
    doc.sections = find_sections(text)
    doc.meta = Meta(**meta)
    return extract_targets(doc)


META = {"report_quoted_aim_and_next_year": {"kind": "report", "date": "2022-12-15"},  # cases needing meta
        "report_quoted_aim_bare_plan": {"kind": "report", "date": "2022-12-05"},
        "report_next_year_heading": {"kind": "report", "date": "2022-12-10"},
        "report_way_forward": {"kind": "report", "date": "2022-12-10"},
        "baseline_period": {"kind": "resolution", "date": "2026-04-16"}}


@pytest.mark.parametrize("text,want,meta", [pytest.param(t, w, META.get(i, {}), id=i) for i, t, w in CASES])
def test_target_cases(text, want, meta):
    got = [(t.value, t.value_max, t.comparator, t.unit, t.year) for t in _run(text, **meta)]
    assert got == want


def test_case_count():
    assert len(CASES) >= 60


def test_quote_is_the_span():
    text = "a) Mục tiêu đến năm 2025:\n- Tối thiểu 15 doanh nghiệp trên địa bàn tỉnh xây dựng dự án điểm."
    for t in _run(text):
        assert text[t.span[0]:t.span[1]] == t.quote
        assert t.quote.startswith("Tối thiểu 15")


def test_past_year_is_no_aim():
    text = "Năm 2020, tỷ lệ đóng góp của TFP đạt 42%. Đến năm 2025, tỷ lệ đóng góp của TFP đạt 45%."
    got = [(t.value, t.year) for t in _run(text, date="2021-05-11")]
    assert got == [(45, 2025)]


def test_indicators_in_document_words():
    text = ("Góp phần đạt mục tiêu đóng góp của khoa học công nghệ thông qua TFP (năng suất nhân tố tổng hợp), "
            "đóng góp trên 45% vào tăng trưởng kinh tế của tỉnh.")
    (t,) = _run(text)
    assert t.indicator == "đóng góp của khoa học công nghệ thông qua TFP (năng suất nhân tố tổng hợp)"
    assert t.indicator_id == "tfp_contribution"
    (t,) = _run("Tối thiểu 30 doanh nghiệp nhỏ và vừa của tỉnh xây dựng và triển khai các dự án điểm về cải tiến "
                "năng suất, tiếp tục đẩy mạnh các hoạt động nghiên cứu.")
    assert t.indicator == "doanh nghiệp nhỏ và vừa của tỉnh xây dựng và triển khai các dự án điểm về cải tiến năng suất"
    assert t.indicator_id == "sme_pilot_projects"


@pytest.mark.parametrize("text,indicator,ind_id", [
    ("- Năng suất lao động đến năm 2025 đạt 150 triệu đồng/người.", "Năng suất lao động", "labor_productivity_level"),
    ("Mục tiêu: Năng suất lao động đến năm 2025 đạt 150 triệu đồng/người.", "Năng suất lao động",
     "labor_productivity_level"),
    ("Đến năm 2025, hỗ trợ 05 doanh nghiệp, hợp tác xã xây dựng và triển khai các dự án điểm về cải tiến năng suất.",
     "doanh nghiệp, hợp tác xã xây dựng và triển khai các dự án điểm về cải tiến năng suất", "sme_pilot_projects"),
    ("II. MỤC TIÊU\n3. 100% cán bộ làm công tác năng suất được đào tạo.", "cán bộ làm công tác năng suất được đào tạo",
     "trained_productivity_staff"),
    ("Phấn đấu nâng tỷ lệ doanh nghiệp có hoạt động đổi mới sáng tạo từ 15% hiện nay lên 25% vào năm 2025.",
     "nâng tỷ lệ doanh nghiệp có hoạt động đổi mới sáng tạo", "innovation_enterprise_rate"),
    ("Đến năm 2025, có tối thiểu 25 doanh nghiệp nhỏ và vừa xây dựng, triển khai dự án điểm về cải tiến năng suất.",
     "doanh nghiệp nhỏ và vừa xây dựng, triển khai dự án điểm về cải tiến năng suất", "sme_pilot_projects"),
    ("Hỗ trợ tối thiểu 20 DNNVV xây dựng, triển khai các dự án điểm về cải tiến năng suất.",
     "DNNVV xây dựng, triển khai các dự án điểm về cải tiến năng suất", "sme_pilot_projects"),
    ("Hỗ trợ tối thiểu 20 DN nhỏ và vừa xây dựng, triển khai các dự án điểm về cải tiến năng suất.",
     "DN nhỏ và vừa xây dựng, triển khai các dự án điểm về cải tiến năng suất", "sme_pilot_projects"),
    ("Phấn đấu trong năm 2023, 100% thủ tục hành chính được xây dựng quy trình theo HTQLCL.",
     "thủ tục hành chính được xây dựng quy trình theo HTQLCL", None),
    ("Phần I. MỤC TIÊU NĂM 2023\n* Đánh giá trình độ công nghệ sản xuất của 01 ngành công nghiệp chủ lực.",
     "Đánh giá trình độ công nghệ sản xuất của ngành công nghiệp chủ lực", None),
    ("II. MỤC TIÊU\n- 100% sản phẩm OCOP đạt từ 4 sao trở lên được bảo hộ nhãn hiệu.",
     "sản phẩm OCOP đạt từ 4 sao trở lên được bảo hộ nhãn hiệu", "ip_filings"),
])
def test_indicator_wording(text, indicator, ind_id):
    (t,) = _run(text)
    assert (t.indicator, t.indicator_id) == (indicator, ind_id)


def test_parallel_values_share_the_indicator():
    ts = _run("Phấn đấu tăng năng suất lao động xã hội bình quân trên 7% (năm 2025), trên 7,5% (năm 2030).")
    assert [t.indicator for t in ts] == ["tăng năng suất lao động xã hội bình quân"] * 2
    assert {t.indicator_id for t in ts} == {"labor_productivity_growth"}


def test_scope_contribution_and_quote():
    ts = _run("- Góp phần đạt mục tiêu tăng năng suất lao động bình quân trên 7%/năm.\n"
              "- Hình thành 01 câu lạc bộ cải tiến năng suất thành phố.", level="district")
    assert [t.scope for t in ts] == ["province", "district"]
    text = ("Sở vừa làm việc về dự thảo Kế hoạch của tỉnh, tăng năng suất lao động bình quân của tỉnh trên 11%/năm.\n"
            "Hồi tháng 1/2021, Thủ tướng Chính phủ ký Quyết định số 36/QĐ/TTg ban hành Kế hoạch tổng thể.\n"
            "Về mục tiêu cụ thể, phấn đấu đến năm 2025 góp phần đạt mục tiêu tăng năng suất lao động bình quân trên 7%/năm.")
    assert [t.scope for t in _run(text, level="province")] == ["province", "national"]


def test_news_headline_restated_in_body():
    text = ("Tây Ninh đặt mục tiêu tăng năng suất lao động bình quân trên 6,8%/năm\n\n"
            "(BTN) - UBND tỉnh vừa ban hành Kế hoạch nâng cao năng suất.\n\n"
            "Theo đó, đến năm 2025, tỉnh phấn đấu tăng năng suất lao động bình quân trên 6,8%/năm.")
    title = "Tây Ninh đặt mục tiêu tăng năng suất lao động bình quân trên 6,8%/năm"
    got = [(t.value, t.year) for t in _run(text, kind="news", title=title)]
    assert got == [(6.8, 2025)]
    text = "Quảng Ninh phấn đấu có 50 doanh nghiệp đổi mới công nghệ\n\nĐến năm 2030, hỗ trợ 50 doanh nghiệp đổi mới."
    got = [(t.value, t.year) for t in _run(text, kind="news", title="Quảng Ninh phấn đấu có 50 doanh nghiệp đổi mới công nghệ")]
    assert got == [(50, 2030)]


NEWS = ("Bình Phước: Hơn 600 doanh nghiệp được hỗ trợ nâng cao năng suất\n\n"
        "(BP) - Sáng 12/10, Sở Khoa học và Công nghệ tổ chức hội nghị tổng kết 2 năm thực hiện Kế hoạch. Hội nghị "
        "thu hút hơn 200 đại biểu và 150 doanh nghiệp tham dự.\n\nTheo Kế hoạch số 80/KH-UBND, đến năm 2025 tỉnh phấn "
        "đấu có ít nhất 30 doanh nghiệp xây dựng và triển khai dự án điểm về cải tiến năng suất. Sau 2 năm triển khai, "
        "hơn 600 doanh nghiệp được hỗ trợ tuyên truyền, 45 doanh nghiệp được hỗ trợ áp dụng công cụ cải tiến năng "
        "suất. Toàn tỉnh đã có 12 doanh nghiệp triển khai dự án điểm.\n\nNăm 2023, Sở phấn đấu hỗ trợ thêm 10 doanh "
        "nghiệp áp dụng hệ thống quản lý tiên tiến.")


@pytest.mark.parametrize("kind", ["news", "report"])
def test_achieved_figures_are_no_aims(kind):
    got = [(t.value, t.comparator, t.year, t.indicator_id) for t in _run(NEWS, kind=kind, date="2022-10-12")]
    assert got == [(30, ">=", 2025, "sme_pilot_projects"), (10, "=", 2023, "management_system_adoption")]


def test_news_passive_after_aim_in_same_sentence():
    text = ("Theo đó, đến năm 2025, tỉnh phấn đấu hỗ trợ 30 doanh nghiệp áp dụng công cụ năng suất; "
            "500 lượt cán bộ được tập huấn về năng suất. Thời gian qua, Sở tổ chức 15 lớp tập huấn cho hơn "
            "1.200 lượt người. Có 150 doanh nghiệp tham gia chương trình.")
    got = [(t.value, t.year) for t in _run(text, kind="news", date="2023-05-15")]
    assert got == [(30, 2025), (500, 2025)]


def test_news_quoted_range_is_an_aim():
    text = ("Kế hoạch tổng thể đặt các mục tiêu cụ thể. Cả nước có từ 12 đến 15 tỉnh, thành phố tham gia xây dựng "
            "kế hoạch nâng cao năng suất.")
    assert [(t.value, t.value_max) for t in _run(text, kind="news")] == [(12, 15)]


def test_news_without_aim_or_horizon_is_a_report():
    text = "Sở KH&CN phối hợp tổ chức 03 lớp tập huấn cho hơn 200 học viên.\nTỉnh hỗ trợ 20 doanh nghiệp đổi mới."
    assert _run(text, kind="news") == []
    assert len(_run(text, kind="plan")) == 3


def test_news_earlier_year_is_a_result():
    text = ("Năm 2022, tỉnh hỗ trợ 14 doanh nghiệp áp dụng công cụ cải tiến năng suất.\n"
            "Đến năm 2025, tỉnh phấn đấu hỗ trợ 40 doanh nghiệp áp dụng công cụ cải tiến năng suất.")
    got = [(t.value, t.year) for t in _run(text, kind="news", date="2023-05-15", period={"start": 2021, "end": 2025})]
    assert got == [(40, 2025)]


def test_passive_is_an_aim_in_a_plan():
    got = [(t.value, t.year) for t in _run("Đến năm 2025, có 45 doanh nghiệp được hỗ trợ áp dụng công cụ năng suất.\n"
                                           "- 100% cán bộ được tập huấn về năng suất.", kind="plan")]
    assert got == [(45, 2025), (100, 2025)]


def test_default_scope_without_meta():
    (t,) = _run("Tối thiểu 30 doanh nghiệp xây dựng dự án điểm.")
    assert t.scope == "province"


def test_dev_documents_targets(txt_records):
    """Whole documents: every target quote is its span, and the dev targets are found."""
    for doc_id, rec in txt_records.items():
        gold = json.loads((GOLD / f"{doc_id}.gold.json").read_text(encoding="utf-8"))
        got = {(t["value"], t["value_max"], t["year"]) for t in rec["targets"]}
        want = {(t["value"], t["value_max"], t["year"]) for t in gold["targets"]}
        assert want <= got, f"{doc_id}: missing {want - got}"
        assert len(rec["targets"]) == len(gold["targets"]), doc_id
        for t in rec["targets"]:
            assert rec["text"][t["span"][0]:t["span"][1]] == t["quote"]


def test_restructuring_caps_per_body_are_each_a_target():
    """105/NQ-CP (tests/real-group3): each clause caps another body's units at the same number; the subject names
    whose units they are, so neither clause is read as a repeat of the other; a cap on project boards counts too."""
    text = ("I. MỤC TIÊU\n\n- Lĩnh vực nội vụ: Đơn vị sự nghiệp công lập thuộc Sở Nội vụ được sắp xếp theo hướng tối "
            "đa không quá 03 đơn vị sự nghiệp công lập cung ứng dịch vụ sự nghiệp công tương ứng với 03 lĩnh vực "
            "sau.\n- Lĩnh vực tư pháp: Đơn vị sự nghiệp công lập thuộc Sở Tư pháp được sắp xếp theo hướng tối đa "
            "không quá 03 đơn vị sự nghiệp công lập cung ứng dịch vụ sự nghiệp công tương ứng với 03 lĩnh vực sau.\n"
            "- Ủy ban nhân dân cấp tỉnh chủ động xây dựng phương án sắp xếp, bảo đảm mỗi tỉnh, thành phố trực thuộc "
            "trung ương có tối đa không quá 03 Ban Quản lý dự án đầu tư xây dựng thuộc Ủy ban nhân dân cấp tỉnh.\n")
    got = [(t.comparator, t.value, t.unit, t.indicator) for t in _run(text, kind="resolution", level="national")]
    assert got == [
        ("<=", 3, "đơn vị", "Đơn vị sự nghiệp công lập thuộc Sở Nội vụ"),
        ("<=", 3, "đơn vị", "Đơn vị sự nghiệp công lập thuộc Sở Tư pháp"),
        ("<=", 3, "ban quản lý", "Ban Quản lý dự án đầu tư xây dựng thuộc Ủy ban nhân dân cấp tỉnh"),
    ]


def test_an_appendix_title_gives_its_rows_its_horizon(tmp_path):
    """Kế hoạch 144/KH-UBND of Bắc Ninh (tests/real-group3): the appendix's title closes on 'ĐẾN NĂM 2030' over two
    lines; its row restates the STEM share of item VI.19c, which names no year: one target, 2030."""
    text = ("VI. TỔ CHỨC THỰC HIỆN\n\n19. Các cơ sở đào tạo đại học, sau đại học\n\nc) Phấn đấu tỷ trọng đào tạo\n"
            "các ngành STEM trong các cơ sở giáo dục đại học đạt tối thiểu 30%, gắn với nhu\n"
            "cầu phát triển nguồn nhân lực số và công nghiệp công nghệ cao.\n\nPHỤ LỤC\n\n"
            "PHÂN CÔNG THỰC HIỆN CÁC CHỈ TIÊU PHÁT TRIỂN KINH TẾ SỐ,\nXÃ HỘI SỐ ĐẾN NĂM 2030\n\n"
            "(Ban hành kèm theo Kế hoạch số 144/KH-UBND ngày 24 tháng 11 năm 2025 của\nUBND tỉnh Bắc Ninh)\n\n"
            "|\nTT\n|\nChỉ tiêu\n|\nChủ trì\n|\n|\n|\nI. Kinh\ntế số\n|\n|\n|\n6\n|\nTỷ trọng đào tạo các ngành\n"
            "STEM trong các cơ sở giáo dục đại học, cao đẳng, đào tạo nghề của tỉnh đạt tối\nthiểu 30%, gắn với nhu "
            "cầu phát triển nguồn nhân lực số và công nghiệp công\nnghệ cao.\n|\nSở Giáo dục và Đào tạo\n|\n")
    path = tmp_path / "kh-144.txt"
    path.write_text("ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\n\nSố: 144/KH-UBND\n\nKẾ HOẠCH\n\n" + text, encoding="utf-8")
    got = [(t.value, t.comparator, t.unit, t.year) for t in extract_file(path).targets]
    assert got == [(30, ">=", "%", 2030)]


def test_a_table_note_ends_the_rows_and_the_title_period_is_the_horizon(tmp_path):
    """Phụ lục II of Nghị quyết 109/NQ-CP in gazette text (tests/real-group7): the title names aims over a period
    ('MỤC TIÊU … GIAI ĐOẠN 2026 - 2030', between the appendix's label and '(Kèm theo …)'); the note under the table
    is no part of its last row, and its own figure takes the title's horizon; the country's row opening the body
    ('Cả nước' / '≥ 10,0') is no part of the capitals header cell before it ('CƠ QUAN' / 'PHỐI HỢP'), nor its value
    cell of the group row after it ('II' / 'THEO TỈNH, THÀNH' / 'PHỐ')."""
    text = ("NGHỊ QUYẾT\n\nĐiều 1. Ban hành kèm theo Nghị quyết này các mục tiêu tăng trưởng.\n\n"
            "Phụ lục II \nMỤC TIÊU TĂNG TRƯỞNG GDP, GRDP GIAI ĐOẠN 2026 - 2030  \n(Kèm theo Nghị quyết số 109/NQ-CP  \n"
            "ngày 16 tháng 4 năm 2026 của Chính phủ) \n____________ \n \nTT \nNGÀNH, LĨNH VỰC/  \nĐỊA PHƯƠNG \n"
            "TỐC ĐỘ BÌNH \nQUÂN 2026 - \n2030 (%/NĂM) \nCƠ QUAN CHỦ \nTRÌ, THEO DÕI \nCƠ QUAN  \nPHỐI HỢP \n  \n"
            "Cả nước \n≥ 10,0 \n \n \nII \nTHEO TỈNH, THÀNH \nPHỐ \n  \n33 \nAn Giang \n9,5 - 10,0 \n  \n \n34 \nCà Mau \n10,0 - 10,5 \n  \n \n"
            "Ghi chú: (*) Tốc độ tăng trưởng GRDP Thành phố Hồ Chí Minh không kể dầu khí \nkhoảng 10,5 - 11,0%/năm. \n")
    path = tmp_path / "nq-109.txt"
    path.write_text("CHÍNH PHỦ\n\nSố: 109/NQ-CP\n\n" + text, encoding="utf-8")
    got = {(t.value, t.value_max, t.year): t.indicator for t in extract_file(path).targets}
    assert got[(10, 10.5, 2030)] == "Cà Mau"
    assert got[(10, None, 2030)] == "Cả nước"  # the country's row under the header: no part of the header's last cell
    assert "không kể dầu khí" in got[(10.5, 11, 2030)]


def test_each_percentage_a_verb_of_change_governs_has_its_own_object():
    """Nghị quyết 109/NQ-CP, Phụ lục III row 15: 'cắt giảm 50% A, 50% B … cắt giảm tối thiểu 30% C, 100% D'; a
    baseline after the value is no object ('tăng tối thiểu 20% so với …')."""
    text = ("Hoàn thành việc cắt giảm 50% thời gian giải quyết thủ tục hành chính, 50% chi phí tuân thủ thủ tục hành "
            "chính của năm 2026 so với năm 2024 và phấn đấu tiếp tục cắt giảm tối thiểu 30% các ngành nghề kinh "
            "doanh có điều kiện, 100% các điều kiện kinh doanh không cần thiết.")
    got = [t.indicator for t in _run(text)]
    assert got[0] == "cắt giảm thời gian giải quyết thủ tục hành chính"
    assert got[1].startswith("chi phí tuân thủ thủ tục hành chính của năm 2026")
    assert got[2:] == ["cắt giảm các ngành nghề kinh doanh có điều kiện", "các điều kiện kinh doanh không cần thiết"]
    text = "Đến năm 2030, giá trị sản phẩm của doanh nghiệp tham gia Đề án tăng tối thiểu 20% so với trước khi được hỗ trợ."
    assert [t.indicator for t in _run(text)] == ["giá trị sản phẩm của doanh nghiệp tham gia Đề án tăng"]


def test_indicators_of_an_export_aim_sentence():
    """Quyết định 2954/QĐ-UBND (real-final): a measured amount takes the quantity named before it, an aim word
    before the value is no indicator, and a growth rate named alone is the rate of the value before it, so two
    products with the same rate stay two targets."""
    text = ("II. MỤC TIÊU\n\n+ Tổng sản phẩm Nhãn tham gia xuất khẩu phấn đấu đến năm 2030 đạt 8.500 tấn; tổng giá trị "
            "sản phẩm Nhãn tham gia xuất khẩu đến năm 2030 dự kiến đạt 30,2 triệu USD, tốc độ tăng bình quân 05 - "
            "06%/năm.\n\n+ Tổng sản phẩm trái cây tham gia xuất khẩu đến năm 2030 đạt trên 46.200 tấn; tổng giá trị "
            "sản phẩm trái cây tham gia xuất khẩu đến năm 2030 dự kiến đạt trên 48,3 triệu USD, tốc độ tăng bình quân "
            "05 - 06%/năm.\n\nĐến năm 2030 đưa vào sử dụng trên 5.000 km đường bộ cao tốc.\n")
    got = [(t.indicator, t.value, t.value_max, t.unit, t.year) for t in _run(text)]
    assert got == [
        ("Tổng sản phẩm Nhãn tham gia xuất khẩu", 8500, None, "tấn", 2030),
        ("tổng giá trị sản phẩm Nhãn tham gia xuất khẩu", 30.2, None, "triệu USD", 2030),
        ("tốc độ tăng bình quân giá trị sản phẩm Nhãn tham gia xuất khẩu", 5, 6, "%/năm", 2030),
        ("Tổng sản phẩm trái cây tham gia xuất khẩu", 46200, None, "tấn", 2030),
        ("tổng giá trị sản phẩm trái cây tham gia xuất khẩu", 48.3, None, "triệu USD", 2030),
        ("tốc độ tăng bình quân giá trị sản phẩm trái cây tham gia xuất khẩu", 5, 6, "%/năm", 2030),
        ("km đường bộ cao tốc", 5000, None, "km", 2030)]


@pytest.mark.parametrize("text, indicator, value", [
    # Quyết định 2629/QĐ-TTg (tests/real-group4): a list of short nouns after the value goes on to its predicate
    ("Đến năm 2027, 100% cán bộ, công chức, viên chức được đào tạo kỹ năng số cơ bản.",
     "cán bộ, công chức, viên chức được đào tạo kỹ năng số cơ bản", 100),
    ("Đến năm 2030, 95% người dân, doanh nghiệp đánh giá hài lòng khi sử dụng dịch vụ công trực tuyến.",
     "người dân, doanh nghiệp đánh giá hài lòng khi sử dụng dịch vụ công trực tuyến", 95),
    # a comma after a longer phrase still ends it
    ("Đến năm 2030, 100% hồ sơ, dữ liệu chuyên ngành được quản lý, cập nhật, khai thác trên môi trường số.",
     "hồ sơ, dữ liệu chuyên ngành được quản lý", 100),
])
def test_indicator_over_a_list_of_short_nouns(text, indicator, value):
    (t,) = _run("II. MỤC TIÊU\n\n" + text + "\n")
    assert (t.indicator, t.value, t.unit) == (indicator, value, "%")


@pytest.mark.parametrize("indicator, tidy", [
    # Nghị quyết 109/NQ-CP's appendix rows and notes, 982/QĐ-TTg, 893/QĐ-TTg (the real gold sets)
    ("(*) Tốc độ tăng trưởng GRDP Thành phố Hồ Chí Minh không kể dầu khí khoảng",
     "Tốc độ tăng trưởng GRDP Thành phố Hồ Chí Minh không kể dầu khí"),
    ("Trong đó: - Bán buôn, bán lẻ, sửa chữa ô tô", "Bán buôn, bán lẻ, sửa chữa ô tô"),
    ("(10) Tỷ lệ bệnh viện triển khai bệnh án điện tử", "Tỷ lệ bệnh viện triển khai bệnh án điện tử"),
    ("với tốc độ tăng trưởng bình quân", "tốc độ tăng trưởng bình quân"),
    ("lớp đào tạo về công cụ cải tiến năng suất cho khoảng", "lớp đào tạo về công cụ cải tiến năng suất"),
    ("Nhân lực … được đào tạo, bồi dưỡng bảo đảm tự chủ được", "Nhân lực … được đào tạo, bồi dưỡng bảo đảm tự chủ"),
    ("Tỷ lệ nhà máy sử dụng nền tảng số phục vụ sản xuất (MES)", "Tỷ lệ nhà máy sử dụng nền tảng số phục vụ sản xuất (MES)"),
    ("và", "và"),  # nothing else left: kept
])
def test_tidy_indicator(indicator, tidy):
    assert tidy_indicator(indicator) == tidy


def test_a_period_opening_the_sentence_is_no_indicator():
    """Kế hoạch 141/KH-UBND (real-final): '4. Trong giai đoạn 2026 - 2030 phấn đấu có ít nhất 10% đội ngũ …'."""
    (t,) = _run("II. MỤC TIÊU\n\n4. Trong giai đoạn 2026 - 2030 phấn đấu có ít nhất 10% đội ngũ cán bộ, công chức xây "
                "dựng chính sách, pháp luật từ nguồn thu hút.\n")
    assert (t.indicator, t.value, t.comparator, t.year) == (
        "đội ngũ cán bộ, công chức xây dựng chính sách", 10, ">=", 2030)


def test_a_tasks_completion_gives_its_figures_their_year(tmp_path):
    """A directive's duty closing on when it is to be finished (tests/heldout5 fd02): its 100% is an aim for that
    year."""
    path = tmp_path / "ct.txt"
    path.write_text(
        "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG TRỊ\n\nSố: 09/CT-UBND\n\nCHỈ THỊ\n\n1. Chủ tịch Ủy ban nhân dân các xã, phường:\n\n"
        "a) Tổ chức số hóa 100% hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực thuộc thẩm quyền, hoàn "
        "thành trước ngày 31 tháng 12 năm 2025.\n\nb) Xác định cấp độ an toàn đối với 100% hệ thống thông tin do cơ "
        "quan quản lý, hoàn thành trong quý IV năm 2026.\n", encoding="utf-8")
    got = [(t.value, t.unit, t.year) for t in extract_file(path).targets]
    assert got == [(100, "%", 2025), (100, "%", 2026)]


def test_a_labelled_tasks_result_takes_the_end_of_its_time_line(tmp_path):
    """A ministry's plan written as labelled lines (tests/heldout5 fd03): the counts of its 'Sản phẩm' line are aims
    for the year its 'Thời gian thực hiện' line ends; a task with no time line gives none."""
    path = tmp_path / "kh.txt"
    path.write_text(
        "BỘ KHOA HỌC VÀ CÔNG NGHỆ\n\nSố: 1418/QĐ-BKHCN\n\nKẾ HOẠCH HÀNH ĐỘNG\n\nII. NHIỆM VỤ CỤ THỂ\n\n"
        "12. Đào tạo nhân lực công nghệ số\n\na) Cơ quan chủ trì: Học viện Công nghệ Bưu chính Viễn thông.\n\n"
        "b) Cơ quan phối hợp: Vụ Tổ chức cán bộ.\n\nc) Thời gian thực hiện: 2025 - 2030.\n\n"
        "d) Sản phẩm: Đào tạo tối thiểu 1.500 kỹ sư, cử nhân công nghệ số mỗi năm.\n\n"
        "13. Phát triển bưu chính số\n\na) Cơ quan chủ trì: Cục Bưu điện Trung ương.\n\n"
        "b) Sản phẩm: từ 3 - 5 mô hình bưu chính số thí điểm tại địa phương.\n", encoding="utf-8")
    got = [(t.value, t.value_max, t.year) for t in extract_file(path).targets]
    assert got == [(1500, None, 2030), (3, 5, None)]


def test_appendix_row_restating_a_goal_in_other_words(tmp_path):
    """An indicator table restating the body's goals under its own names and unit column (held-out 6, a national
    programme): one aim each; a row the body does not state stays."""
    text = ("THỦ TƯỚNG CHÍNH PHỦ\n\nSố: 1468/QĐ-TTg\n\nHà Nội, ngày 27 tháng 11 năm 2023\n\nQUYẾT ĐỊNH\n\n"
            "Phê duyệt Chương trình nâng cao năng suất lao động trong doanh nghiệp nhỏ và vừa\n\nII. MỤC TIÊU\n\n"
            "a) Đến năm 2025:\n\n- Năng suất lao động của các doanh nghiệp nhỏ và vừa tham gia Chương trình tăng bình "
            "quân từ 5% đến 6%/năm.\n\n- Đào tạo, bồi dưỡng ít nhất 250 chuyên gia tư vấn năng suất và chuyển đổi số "
            "cho doanh nghiệp nhỏ và vừa.\n\nPhụ lục\n\nCHỈ TIÊU CHỦ YẾU CỦA CHƯƠNG TRÌNH\n\n"
            "| TT | Chỉ tiêu | Đơn vị | Đến năm 2025 | Đến năm 2030 |\n| --- | --- | --- | --- | --- |\n"
            "| 1 | Tốc độ tăng năng suất lao động bình quân của doanh nghiệp tham gia Chương trình | %/năm | 5 - 6 | - |\n"
            "| 2 | Chuyên gia tư vấn năng suất và chuyển đổi số | Người | ≥ 250 | - |\n"
            "| 3 | Tỷ lệ doanh nghiệp duy trì kết quả cải tiến sau hỗ trợ | % | - | ≥ 70 |\n")
    path = tmp_path / "programme.txt"
    path.write_text(text, encoding="utf-8")
    got = sorted((t.value, t.value_max, t.year) for t in extract_file(path).targets)
    assert got == [(5, 6, 2025), (70, None, 2030), (250, None, 2025)]


def test_support_policy_amounts_are_means(tmp_path):
    """An HĐND resolution adopting aims and support policies (held-out 6): the amounts of its support policies are
    means, the aims above them stay."""
    text = ("HỘI ĐỒNG NHÂN DÂN\nTỈNH QUẢNG TRỊ\nSố: 27/2025/NQ-HĐND\nQuảng Trị, ngày 12 tháng 12 năm 2025\n\nNGHỊ QUYẾT\n\n"
            "Ban hành mục tiêu, chỉ tiêu và một số chính sách thúc đẩy phát triển khoa học, công nghệ tỉnh Quảng Trị "
            "giai đoạn 2026 - 2030\n\nQUYẾT NGHỊ:\n\nĐiều 1. Ban hành mục tiêu, chỉ tiêu và một số chính sách như sau:\n\n"
            "2. Mục tiêu, chỉ tiêu đến năm 2030\n\nKinh tế số chiếm từ 20 - 22% GRDP.\n\n3. Một số chính sách hỗ trợ\n\n"
            "b) Hỗ trợ xác lập quyền sở hữu công nghiệp: 30 triệu đồng/văn bằng bảo hộ sáng chế được cấp trong nước, "
            "60 triệu đồng/văn bằng được cấp ở nước ngoài; 10 triệu đồng/văn bằng bảo hộ kiểu dáng công nghiệp.\n\n"
            "c) Thu hút chuyên gia: hỗ trợ một lần 200 triệu đồng đối với người có học vị tiến sĩ và 300 triệu đồng "
            "đối với người có chức danh phó giáo sư.\n")
    path = tmp_path / "nq-27.txt"
    path.write_text(text, encoding="utf-8")
    assert [(t.value, t.value_max, t.unit) for t in extract_file(path).targets] == [(20, 22, "%")]


def test_an_indicator_table_under_the_goals_restates_them(tmp_path):
    """A department's plan states its goals, then lists them in a table in the same section (held-out 6): a row
    restating a sentence's goal is the same aim; a row the sentences do not state stays."""
    text = ("SỞ KHOA HỌC VÀ CÔNG NGHỆ\n\nSố: 47/KH-SKHCN\n\nHà Tĩnh, ngày 14 tháng 4 năm 2025\n\nKẾ HOẠCH\n\n"
            "Triển khai Nghị quyết số 57-NQ/TW\n\nII. CHỈ TIÊU CHỦ YẾU\n\nNăm 2025 có ít nhất 12 doanh nghiệp khoa học "
            "và công nghệ; hỗ trợ tối thiểu 20 dự án khởi nghiệp đổi mới sáng tạo trong năm 2025. Các chỉ tiêu cụ thể "
            "như sau:\n\n| TT | Chỉ tiêu | Đơn vị tính | Năm 2025 |\n| --- | --- | --- | --- |\n"
            "| 1 | Số doanh nghiệp khoa học và công nghệ | Doanh nghiệp | ≥ 12 |\n"
            "| 2 | Số dự án khởi nghiệp đổi mới sáng tạo được hỗ trợ | Dự án | 20 |\n"
            "| 3 | Tỷ trọng kinh tế số trong GRDP của tỉnh | % | 12 |\n")
    path = tmp_path / "kh-47.txt"
    path.write_text(text, encoding="utf-8")
    assert sorted((t.value, t.unit) for t in extract_file(path).targets) == [
        (12, "%"), (12, "doanh nghiệp"), (20, "dự án")]


def test_a_clause_whose_subject_is_elided_keeps_the_sentences_indicator():
    """'…, chi cho R&D trên địa bàn tỉnh đạt tối thiểu 0,5% GRDP; đến năm 2030 đạt 2% GRDP' (held-out 6, a department's
    plan): the second aim is the same spending's; a value opening its clause names its own indicator after it."""
    got = [(t.value, t.year, t.indicator) for t in _run(
        "II. CHỈ TIÊU CHỦ YẾU\nPhấn đấu đến năm 2025, chi cho nghiên cứu và phát triển (R&D) trên địa bàn tỉnh đạt tối "
        "thiểu 0,5% GRDP; đến năm 2030 đạt 2% GRDP.\nTỷ lệ dịch vụ công trực tuyến đạt 80%; 100% hồ sơ được số hóa.\n")]
    assert got == [(0.5, 2025, "chi cho nghiên cứu và phát triển (R&D) trên địa bàn tỉnh"),
                   (2, 2030, "chi cho nghiên cứu và phát triển (R&D) trên địa bàn tỉnh"),
                   (80, 2030, "Tỷ lệ dịch vụ công trực tuyến"), (100, 2030, "hồ sơ được số hóa")]


def test_this_figure_stands_for_the_indicator_named_before():
    """'Năm 2025 có ít nhất 12 doanh nghiệp khoa học và công nghệ; đến năm 2030 con số này là 30 doanh nghiệp'
    (held-out 6, a department's plan): 'con số này' is the enterprises named before, across a full stop as well; a
    value naming its own indicator keeps it."""
    got = [(t.value, t.year, t.indicator) for t in _run(
        "II. CHỈ TIÊU CHỦ YẾU\nNăm 2025 có ít nhất 12 doanh nghiệp khoa học và công nghệ; đến năm 2030 con số này là "
        "30 doanh nghiệp.\nĐến năm 2026, tỷ lệ hồ sơ được số hóa đạt 60%. Đến năm 2030, tỷ lệ này đạt 100%; "
        "tỷ lệ dịch vụ công trực tuyến đạt 90%.\n")]
    assert got == [(12, 2025, "doanh nghiệp khoa học và công nghệ"), (30, 2030, "doanh nghiệp khoa học và công nghệ"),
                   (60, 2026, "tỷ lệ hồ sơ được số hóa"), (100, 2030, "tỷ lệ hồ sơ được số hóa"),
                   (90, 2030, "tỷ lệ dịch vụ công trực tuyến")]


def test_a_value_pointed_back_to_a_part_of_this_text_restates_it():
    """'Sở Tài chính chủ trì tham mưu bố trí dự toán hằng năm, bảo đảm tỷ lệ chi tối thiểu 3% nêu tại khoản 3 Mục II'
    (held-out 6, a merged province's plan) restates the aim of section II; an aim another document set ('đã đề ra
    tại Kế hoạch', held-out 4's letter 2315) is quoted as an aim, its 'đã' no report of a result."""
    got = [(t.value, t.year) for t in _run(
        "II. MỤC TIÊU\n3. Chi ngân sách cho khoa học, công nghệ đạt tối thiểu 5% tổng chi ngân sách địa phương.\n"
        "IV. KINH PHÍ\nSở Tài chính chủ trì tham mưu bố trí dự toán hằng năm, bảo đảm tỷ lệ chi tối thiểu 5% nêu tại "
        "khoản 3 Mục II.\n")]
    assert got == [(5, None)]
    record = extract_file(GOLD.parent / "heldout4" / "tuyen-quang-cv-2315-2023.txt")
    assert [(t.value, t.year, t.indicator) for t in record.targets] == [
        (6, 2025, "tăng năng suất lao động bình quân")]


def test_a_budget_share_listed_among_the_goals_is_an_aim():
    """'- … bố trí không thấp hơn 3% tổng chi ngân sách địa phương hằng năm cho khoa học, công nghệ' under the goals
    (held-out 7, a merged province's plan; held-out 6's 'trong đó chi cho chuyển đổi số không thấp hơn 1%') is an
    aim; the same share set aside in a task stays a means."""
    got = [(t.value, t.year) for t in _run(
        "II. MỤC TIÊU\n2. Mục tiêu đến năm 2030\n- Chi cho nghiên cứu và phát triển (R&D) đạt 2% GRDP; bố trí không "
        "thấp hơn 3% tổng chi ngân sách địa phương hằng năm cho khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi "
        "số.\nIII. NHIỆM VỤ\n1. Sở Tài chính bố trí tối thiểu 5% tổng chi ngân sách cho chuyển đổi số.\n")]
    assert got == [(2, 2030), (3, 2030)]


def test_a_level_is_no_count_and_community_teams_are_counted():
    """'tài khoản định danh điện tử mức độ 2 sử dụng thường xuyên' names a level, no aim of 2; 'mỗi tổ dân phố duy trì
    01 Tổ công nghệ số cộng đồng' counts teams (held-out 7, a ward's plan)."""
    got = [(t.value, t.unit, t.year) for t in _run(
        "II. MỤC TIÊU\nĐến năm 2026:\n- Phổ cập kỹ năng số cho ít nhất 3.500 lượt người dân; mỗi tổ dân phố duy trì 01 "
        "Tổ công nghệ số cộng đồng hoạt động hiệu quả.\n- Từ 60% đến 65% người dân trong độ tuổi trưởng thành có tài "
        "khoản định danh điện tử mức độ 2 sử dụng thường xuyên trên ứng dụng VNeID.\n")]
    assert got == [(3500, "lượt người", 2026), (1, "tổ công nghệ số cộng đồng", 2026), (60, "%", 2026)]


def test_the_items_of_an_article_share_the_horizon_of_its_intro_line():
    """'Điều 3. Mục tiêu của chính sách' / 'Phấn đấu đến năm 2030:' / '1. Có ít nhất 300 doanh nghiệp …' (held-out 7,
    an HĐND resolution): the numbered items under the intro line keep its horizon; the next article does not."""
    got = [(t.value, t.year) for t in _run(
        "Điều 3. Mục tiêu của chính sách\nPhấn đấu đến năm 2030:\n1. Có ít nhất 300 doanh nghiệp, hợp tác xã được hỗ "
        "trợ đổi mới công nghệ.\n2. Năng suất lao động của các doanh nghiệp được thụ hưởng chính sách tăng bình quân "
        "không dưới 8%/năm.\nĐiều 4. Tổ chức thực hiện\n1. Phấn đấu có 100% hồ sơ được tiếp nhận trực tuyến.\n",
        kind="resolution", number="27/2026/NQ-HĐND")]
    assert got == [(300, 2030), (8, 2030), (100, None)]


def test_a_resolution_numbered_with_its_year_sets_rules_outside_its_goals():
    """27/2026/NQ-HĐND (held-out 7): a legal document numbered with its year; its support rates and conditions
    ('hỗ trợ 50% chi phí', 'phải còn mới 100%') are rules, its goals aims. A plan numbered without a year keeps
    its figures."""
    text = ("Điều 3. Mục tiêu của chính sách\n1. Có ít nhất 300 doanh nghiệp được hỗ trợ đổi mới công nghệ đến năm "
            "2030.\nĐiều 4. Nội dung và mức hỗ trợ\n1. Hỗ trợ 50% chi phí mua máy móc, thiết bị.\n2. Máy móc, thiết bị "
            "được hỗ trợ phải còn mới 100%.\n")
    assert [(t.value, t.year) for t in _run(text, kind="resolution", number="27/2026/NQ-HĐND")] == [(300, 2030)]
    assert len(_run(text, kind="resolution", number="15/NQ-HĐND")) > 1


def test_a_tasks_date_dates_the_aim_before_it_only():
    """'Sở Y tế … bảo đảm đạt 80% giao dịch trước ngày 31/12/2026' (held-out 7, a meeting notice): the date closing
    the task dates the aim; a task's date before a value is no horizon for it (624/TB-VPCP: '… hoàn thành trước ngày
    22 tháng 12 năm 2025; (3) … 100% TTHC …'); a region's number in a body's name is no count ('Ngân hàng Nhà nước
    Khu vực 12 chỉ đạo …')."""
    got = [(t.value, t.year) for t in _run(
        "2. Nhiệm vụ trong thời gian tới\ne) Sở Y tế có trách nhiệm chỉ đạo các bệnh viện công lập triển khai thanh "
        "toán không dùng tiền mặt, bảo đảm đạt 80% giao dịch trước ngày 31/12/2026.\nh) Đề nghị Ngân hàng Nhà nước Khu "
        "vực 12 chỉ đạo các tổ chức tín dụng mở rộng thanh toán không dùng tiền mặt.\ni) Rà soát hiện trạng dữ liệu, "
        "hoàn thành trước ngày 22 tháng 12 năm 2025; các bộ, ngành hoàn thành mục tiêu 100% TTHC được thực hiện "
        "trực tuyến.\n", kind="other", date="2025-08-14")]
    assert got == [(80, 2026), (100, None)]


def test_a_directives_duties_set_signatures_and_frequencies_not_past_levels():
    """Held-out 7, a directive: 'ký số 100% văn bản đi' is an aim ('số 100' is no document number); 'tổ chức diễn
    tập … ít nhất 01 lần/năm' sets a least frequency; 'nhiều nơi mới đạt khoảng 40%' tells where things stand."""
    got = [(t.value, t.unit, t.indicator) for t in _run(
        "Tuy nhiên, tỷ lệ hồ sơ được xử lý trực tuyến toàn trình còn thấp, nhiều nơi mới đạt khoảng 40%.\n"
        "II. NHIỆM VỤ CỤ THỂ\nd) Thực hiện nghiêm việc xử lý văn bản trên môi trường điện tử (trừ văn bản mật), ký số "
        "100% văn bản đi.\na) Chủ trì bảo đảm an toàn thông tin; tổ chức diễn tập ứng cứu sự cố an toàn thông tin mạng "
        "ít nhất 01 lần/năm.\n", kind="directive", date="2026-11-05")]
    assert got == [(100, "%", "ký số văn bản đi"),
                   (1, "lần/năm", "tổ chức diễn tập ứng cứu sự cố an toàn thông tin mạng")]


def test_a_letters_results_are_no_aims_and_its_requests_are():
    """Held-out 8, a province's letter: the bullets under 'Một số kết quả bước đầu:' and 'Một số tồn tại, hạn chế …:'
    report; the requests set aims ('phấn đấu tỷ lệ giải ngân đến ngày 31/12/2026 đạt trên 95% kế hoạch vốn được
    giao', 'Cử lãnh đạo phụ trách và 01 công chức đầu mối …'); a report's outlook over a period dates its aims."""
    got = [(t.value, t.year) for t in _run(
        "Một số kết quả bước đầu:\n- 100% sở, ban, ngành đã ban hành kế hoạch; tổ chức 06 lớp tập huấn cho 420 lượt "
        "cán bộ.\n- Tỷ lệ hồ sơ được xử lý trực tuyến toàn trình đạt 71,3%.\nMột số tồn tại, hạn chế chủ yếu như sau:\n"
        "- Chương trình mới tiếp nhận 14 hồ sơ, thấp xa so với yêu cầu hỗ trợ 40 doanh nghiệp trong năm 2026.\n"
        "Để bảo đảm hoàn thành các mục tiêu năm 2026, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:\n"
        "c) Đẩy nhanh giải ngân; phấn đấu tỷ lệ giải ngân đến ngày 31/12/2026 đạt trên 95% kế hoạch vốn được giao.\n"
        "đ) Cử lãnh đạo phụ trách và 01 công chức đầu mối theo dõi việc thực hiện Kế hoạch, gửi danh sách trước ngày "
        "10/11/2026.\n", kind="official_letter", date="2026-10-27")]
    assert got == [(95, 2026), (1, 2026)]
    outlook = [(t.value, t.year) for t in _run(
        "PHƯƠNG HƯỚNG, NHIỆM VỤ GIAI ĐOẠN 2026 - 2030\nI. MỤC TIÊU\nTỉnh xác định các mục tiêu chủ yếu giai đoạn "
        "2026 - 2030 như sau:\n- Tỷ lệ đóng góp của TFP vào tăng trưởng đạt khoảng 50% vào cuối giai đoạn.\n",
        kind="report", date="2025-12-08")]
    assert outlook == [(50, 2030)]


def test_the_one_unit_a_rate_is_counted_per_is_no_aim():
    """'Giá trị sản xuất bình quân trên 01 ha đất trồng trọt đạt khoảng 150 triệu đồng' (held-out 8, a commune's plan):
    'trên 01 ha' is what the value is counted per; 'trên 1.000 doanh nghiệp' is more than a thousand."""
    got = [(t.value, t.unit) for t in _run(
        "II. MỤC TIÊU\nĐến năm 2026:\n- Giá trị sản xuất bình quân trên 01 ha đất trồng trọt đạt khoảng 150 triệu "
        "đồng.\n- Hỗ trợ trên 1.000 doanh nghiệp đổi mới công nghệ.\n")]
    assert got == [(150, "triệu đồng"), (1000, "doanh nghiệp")]


def test_a_count_after_a_floor_word_is_an_aim_whoever_does_it():
    """Held-out 8: a floor word makes a count an aim in a duty with its doer before the verb, of any noun ('ít nhất
    01 giải pháp', 'tối thiểu 03 nghiệp vụ'), a part word alone its unit ('02 đợt'); a time after it is none."""
    got = [(t.comparator, t.value, t.unit, t.year) for t in _run(
        "IV. TỔ CHỨC THỰC HIỆN\n1. Sở Khoa học và Công nghệ:\n"
        "a) Mỗi sở, ban, ngành lựa chọn và đưa vào vận hành ít nhất 01 giải pháp ứng dụng công nghệ số hoặc trí tuệ "
        "nhân tạo trong xử lý công việc chuyên môn, hoàn thành trong tháng 12/2026.\n"
        "b) Rà soát quy trình nghiệp vụ, lựa chọn tối thiểu 03 nghiệp vụ ưu tiên để ứng dụng trí tuệ nhân tạo, triển "
        "khai trong năm 2027.\n"
        "c) Hoàn thành tối thiểu 02 đợt tập huấn trong năm 2026; gửi báo cáo trong thời hạn tối thiểu 30 ngày.\n")]
    assert got == [(">=", 1, "giải pháp", 2026), (">=", 3, "nghiệp vụ", 2027), (">=", 2, "đợt", 2026)]


def test_an_annual_plans_goals_take_its_year_when_they_name_none():
    """An HĐND resolution on the province's plan for 2027 (held-out 9): its numbered goals name no year; the
    document's one-year period is their horizon. A letter's period sets none."""
    text = ("Điều 1. Mục tiêu, chỉ tiêu chủ yếu năm 2027\n2. Các chỉ tiêu chủ yếu\na) Các chỉ tiêu kinh tế:\n"
            "(5) Kim ngạch xuất khẩu hàng hóa đạt 2,1 tỷ USD.\nb) Các chỉ tiêu xã hội:\n"
            "(8) Giải quyết việc làm mới cho 28.000 lao động.\n")
    got = [(t.value, t.year) for t in _run(text.replace(" năm 2027", ""), kind="resolution",
                                           period={"start": 2027, "end": 2027})]
    assert got == [(2.1, 2027), (28000, 2027)]
    assert [t.year for t in _run(text.replace(" năm 2027", ""), kind="official_letter",
                                 period={"start": 2027, "end": 2027})] == [None, None]


def test_a_numbered_stage_with_its_years_dates_the_aims_after_it():
    """A Prime Minister's programme (held-out 9): 'Giai đoạn 1 (2026 - 2028): tối thiểu 3.000 doanh nghiệp; Giai đoạn 2
    (2029 - 2030): …' sets each stage's aims for the stage's end; a later horizon in the clause is its own."""
    got = [(t.value, t.value_max, t.year) for t in _run(
        "2. Mục tiêu cụ thể\na) Số doanh nghiệp được hỗ trợ: Giai đoạn 1 (2026 - 2028): tối thiểu 3.000 doanh nghiệp; "
        "Giai đoạn 2 (2029 - 2030): tối thiểu 5.000 doanh nghiệp, nâng tổng số doanh nghiệp được hỗ trợ đến năm 2030 "
        "lên trên 8.000 doanh nghiệp.\nb) Tốc độ tăng năng suất lao động bình quân của doanh nghiệp được hỗ trợ: Giai "
        "đoạn 1 (2026 - 2028): từ 6 - 8%/năm; Giai đoạn 2 (2029 - 2030): trên 10%/năm.\n")]
    assert got == [(3000, None, 2028), (5000, None, 2030), (8000, None, 2030), (6, 8, 2028), (10, None, 2030)]


def test_a_second_aim_joined_by_and_is_no_qualifier_of_the_first():
    """A Party plan's vision (held-out 9): 'đạt ít nhất 50% GRDP và có từ 03 - 05 doanh nghiệp …' sets two aims; '100%
    doanh nghiệp có từ 50 lao động trở lên' is one (the count says which firms)."""
    got = [(t.value, t.value_max, t.year) for t in _run(
        "2. Tầm nhìn đến năm 2045\nĐến năm 2045, quy mô kinh tế số của tỉnh đạt ít nhất 50% GRDP và có từ 03 - 05 "
        "doanh nghiệp công nghệ số quy mô lớn, có năng lực cạnh tranh trong khu vực.\n")]
    assert got == [(50, None, 2045), (3, 5, 2045)]
    assert [t.value for t in _run("II. MỤC TIÊU\nĐến năm 2030, 100% doanh nghiệp có từ 50 lao động trở lên ứng dụng "
                                  "công nghệ số.\n")] == [100]


def test_an_old_aim_quoted_by_name_in_an_account_of_results():
    """A directive's account of the last period (held-out 9): 'vẫn thấp hơn mục tiêu 6,5%/năm đề ra cho giai đoạn 2021 -
    2025' quotes an aim, a target of 2025 though the directive speaks in 2026; the results around it are none."""
    got = [(t.value, t.unit, t.year, t.indicator) for t in _run(
        "Năm 2025, năng suất lao động của tỉnh đạt 142,6 triệu đồng/lao động; tốc độ tăng năng suất lao động bình quân "
        "giai đoạn 2021 - 2025 đạt 5,8%/năm. Tuy nhiên, tốc độ tăng năng suất lao động vẫn thấp hơn mục tiêu 6,5%/năm "
        "đề ra cho giai đoạn 2021 - 2025; quy mô doanh nghiệp còn nhỏ.\n", kind="directive", date="2026-01-21")]
    assert got == [(6.5, "%/năm", 2025, "tốc độ tăng năng suất lao động")]


def test_an_old_aim_quoted_in_a_results_section_with_words_between():
    """A meeting notice's assessment (held-out 10): under 'I. ĐÁNH GIÁ CHUNG' the results are no aims, but 'cao hơn
    mục tiêu tăng bình quân trên 6,5%/năm giai đoạn 2021 - 2025 mà Kế hoạch số 87/KH-UBND đề ra' quotes one."""
    got = [(t.comparator, t.value, t.year) for t in _run(
        "I. ĐÁNH GIÁ CHUNG\nNăng suất lao động xã hội năm 2025 ước đạt 168,4 triệu đồng/lao động, tăng 7,2% so với năm "
        "2024, cao hơn mục tiêu tăng bình quân trên 6,5%/năm giai đoạn 2021 - 2025 mà Kế hoạch số 87/KH-UBND đề ra. "
        "Tỷ lệ lao động qua đào tạo đạt 71,3%.\n", kind="other", date="2026-03-18")]
    assert got == [(">", 6.5, 2025)]


def test_the_share_a_sum_is_of_a_budget_is_no_aim():
    """A scheme's funding (held-out 10): 'ngân sách tỉnh khoảng 112.000 triệu đồng (chiếm khoảng 60%)' breaks a
    total down; 'kinh tế số chiếm khoảng 20% GRDP' among the goals is an aim."""
    got = [(t.value, t.unit) for t in _run(
        "I. MỤC TIÊU\nĐến năm 2030, kinh tế số chiếm khoảng 20% GRDP.\nIII. KINH PHÍ\nTổng kinh phí dự kiến: 186.500 "
        "triệu đồng, trong đó: ngân sách tỉnh khoảng 112.000 triệu đồng (chiếm khoảng 60%); vốn của doanh nghiệp "
        "khoảng 74.500 triệu đồng.\n")]
    assert got == [(20, "%")]
