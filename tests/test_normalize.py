"""normalize(): the record text — NFC, one tone placement, no web furniture, layout breaks joined."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from extractor import ingest
from extractor.document import Block, RawDocument
from extractor.normalize import is_boilerplate, normalize, should_join
from tests.conftest import CORPUS, duties


def raw_of(*blocks: Block, fmt: str = "txt") -> RawDocument:
    return RawDocument("x", fmt, "0" * 64, blocks=list(blocks))


def text_of(s: str) -> str:
    return normalize(raw_of(Block("para", s)))


def corpus_text(name: str) -> str:
    return normalize(ingest.read_document(CORPUS / name))


def test_nfc_and_one_tone_placement():
    decomposed = unicodedata.normalize("NFD", "Ủy ban nhân dân tỉnh Hòa Bình")
    assert text_of(decomposed) == "Ủy ban nhân dân tỉnh Hòa Bình"
    assert text_of("Uỷ ban nhân dân tỉnh Hoà Bình, Thanh Hoá; thuỷ lợi") == \
        "Ủy ban nhân dân tỉnh Hòa Bình, Thanh Hóa; thủy lợi"


def test_blank_runs_collapse_and_trailing_spaces_go():
    assert text_of("KẾ HOẠCH   \n\n\n\n \u00a0\nI. MỤC TIÊU\t\n") == "KẾ HOẠCH\n\nI. MỤC TIÊU"


def test_a_line_has_each_run_of_spaces_made_one_plain_space():
    """clean_line leaves a lone plain space alone and makes every other run of spaces one plain
    space: what replacing every run (lone spaces too) does, on random lines."""
    import random

    from extractor.normalize import clean_line

    every_run = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
    rng = random.Random(5)
    for _ in range(5000):
        line = "".join(rng.choice("abạ  \t\u00a0\u2003\u202f\u3000\u200b\u00ad") for _ in range(rng.randint(0, 14)))
        assert clean_line(line) == every_run.sub(" ", re.sub("[\u200b-\u200d\u2060\ufeff\u00ad]", "", line)).rstrip()


def test_portal_furniture_is_dropped_from_the_corpus():
    yen_bai = corpus_text("yen-bai-114-kh-ubnd-2021.txt")
    assert yen_bai.startswith("ỦY BAN NHÂN DÂN\nTỈNH YÊN BÁI")
    assert "Đang tải nội dung" not in yen_bai and "Hệ thống pháp luật" not in yen_bai
    khcn = corpus_text("news-binh-duong-khcn-2022.txt")
    # dated lines stay (news meta tells the page clock from the article's dateline)
    assert khcn.startswith("Thứ bảy, 20/04/2024 | 02:24 - GMT+7\n\nBình Dương phát triển khoa học công nghệ")
    assert khcn.endswith("Bích Phương")  # "Xem thêm", the visitor counter and its digits are gone
    assert "TẠI ĐÂY" not in khcn
    quang_ninh = corpus_text("news-quang-ninh-36-2021.txt")
    assert quang_ninh.endswith("Phong Lâm")
    for furniture in ("Thích và chia sẻ bài viết:", "tin liên quan", "video hot", "Về đầu trang"):
        assert furniture not in quang_ninh


def test_boilerplate_keeps_sentences_that_mention_the_words():
    assert is_boilerplate("Xem thêm")
    assert is_boilerplate("Tổng số lượt truy cập :")
    assert not is_boilerplate("Xem thêm các nhiệm vụ tại Phụ lục kèm theo Kế hoạch này.")
    assert not is_boilerplate("Hoàn thiện hệ thống pháp luật về khoa học và công nghệ.")


@pytest.mark.parametrize("line", [
    "Thứ bảy, 20/04/2024 | 02:24 - GMT+7",  # a page clock: news meta sets it aside by its place and date
    "Thứ Sáu, 17/06/2022 - 07:30",
    "Thứ Năm, 14/03/2024",
    "Cập nhật lúc 09:15, Thứ Hai, 23/08/2021 (GMT+7)",
    "19/04/2022 - 13:24",
])
def test_dated_lines_are_kept(line):
    assert not is_boilerplate(line)


def test_hard_wrapped_txt_lines_are_joined():
    text = corpus_text("thuan-an-kh-2021.txt")
    assert ("- Triển khai Kế hoạch số 4363/KH-UBND ngày 07/9/2020 của UBND tỉnh Triển khai thực hiện "
            "Quyết định số 1068/QĐ-TTg ngày 22/8/2019 của Thủ tướng Chính phủ phê duyệt Chiến lược sở hữu "
            "trí tuệ đến năm 2030 trên địa bàn tỉnh Bình Dương, giai đoạn 2021 – 2025, tầm nhìn đến năm 2030."
            ) in text.split("\n")
    # a sentence cut by a page break (blank lines, then a lower-case continuation) is one paragraph again
    assert ("- Phối hợp Sở Khoa học và Công nghệ tổ chức triển khai, áp dụng hệ thống quản lý theo tiêu "
            "chuẩn ISO 56000") in text


def test_list_items_headings_and_header_block_stay_lines():
    yen_bai = corpus_text("yen-bai-114-kh-ubnd-2021.txt").split("\n")
    for line in ("ỦY BAN NHÂN DÂN", "TỈNH YÊN BÁI", "Số: 114/KH-UBND", "Yên Bái, ngày 11 tháng 5 năm 2021",
                 "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nơi nhận:", "- Bộ Khoa học và Công nghệ;",
                 "- Các sở, ban, ngành đoàn thể tỉnh;"):
        assert line in yen_bai
    thuan_an = corpus_text("thuan-an-kh-2021.txt").split("\n")
    for line in ("- UBND tỉnh;", " - Sở Khoa học và Công nghệ;", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"):
        assert line in thuan_an


def test_should_join():
    assert should_join("- Các sở, ban, ngành đoàn", "thể tỉnh;", None)
    assert not should_join("- Bộ Khoa học và Công nghệ;", "- Tổng cục TCĐLCL;", None)
    assert not should_join("Nơi nhận:", "- Bộ Khoa học và Công nghệ;", None)
    assert should_join("Thời gian thực hiện: Từ", "01/7/2025.", None)  # 141/KH-UBND of Bắc Ninh: a date after "Từ"
    assert not should_join("Thời gian thực hiện: Từ", "1. Sở Tư pháp chủ trì", None)
    assert not should_join("ỦY BAN NHÂN DÂN", "TỈNH YÊN BÁI", 80)
    assert not should_join("1. Mục tiêu chung", "a) Mục tiêu đến năm 2025:", 80)
    assert not should_join("Yên Bái, ngày 11 tháng 5 năm 2021", "KẾ HOẠCH", 80)
    # a whole name ending on a word that stands for a head only capitalised ends its line: the lead cell of a row
    # of Nghị quyết 175/NQ-CP's task table, before its task; a head cut from its name still asks for it
    assert not should_join("Bộ Quốc phòng", "Hướng dẫn, tư vấn các tiêu chuẩn, quy", None)
    assert should_join("- Phối hợp với Văn phòng", "Chính phủ theo dõi", None)
    assert should_join("1. Sở", "Tài chính", None)
    assert should_join("Căn cứ Luật Tổ chức chính quyền địa phương, ngày 19 tháng 6 năm 2015 về việc",
                       "tổ chức bộ máy", None)
    long = "- Triển khai Kế hoạch số 4363/KH-UBND ngày 07/9/2020 của UBND tỉnh"
    assert should_join(long, "Triển khai thực hiện Quyết định số 1068/QĐ-TTg", 80)
    assert not should_join(long, "Triển khai thực hiện Quyết định số 1068/QĐ-TTg", None)
    # a table row's number alone on its line opens the row, however long the line before (982/QĐ-TTg)
    assert not should_join("4. Hỗ trợ xây dựng và phát triển thương hiệu công nghiệp công nghệ số Make in Viet Nam",
                           "4.1", 80)
    # an article cited in a list of provisions runs on; only 'Điều 6.' or 'Điều 6 …' opens a line (2623/QĐ-TTg)
    assert should_join("định chi tiết: khoản 2, khoản 3 Điều 2; khoản 5 Điều 4; khoản 3",
                       "Điều 6; khoản 5 Điều 9; khoản 3 Điều 17;", 80)
    assert not should_join("định chi tiết: khoản 2, khoản 3 Điều 2; khoản 5 Điều 4; khoản 3",
                           "Điều 6. Trách nhiệm của các bộ", 80)
    # a month and year is no page number 'N/M': a time cell wrapped after 'Tháng' (97/NQ-CP, Công báo)
    assert should_join("Tháng", "6/2026", 80) and not should_join("Tháng", "2/5", 80)


def test_a_wrapped_line_joins_by_its_own_length_not_its_paragraphs():
    """Gazette table cells one short line each (982/QĐ-TTg, Công báo): after a cell whose lines were joined
    into a long one, the next cell ('Bộ Tài chính') is no continuation; in prose a full line still joins."""
    from extractor.normalize import join_wrapped

    cells = ["Nghiên cứu, đề xuất cấp có thẩm", "quyền ban hành cơ chế hỗ trợ tài", "Bộ Tài chính",
             "Bộ Khoa học và", "Công nghệ", "Cơ chế, chính sách", "được ban hành", "Quý IV/2026"]
    assert join_wrapped(cells, 80) == ["Nghiên cứu, đề xuất cấp có thẩm quyền ban hành cơ chế hỗ trợ tài",
                                       "Bộ Tài chính", "Bộ Khoa học và Công nghệ", "Cơ chế, chính sách được ban hành",
                                       "Quý IV/2026"]
    prose = ["- Triển khai Kế hoạch số 4363/KH-UBND ngày 07/9/2020 của UBND tỉnh Triển khai thực",
             "Quyết định số 1068/QĐ-TTg"]
    assert len(join_wrapped(prose, 80)) == 1


def test_tables_render_cell_by_cell_like_the_portal():
    raw = raw_of(Block("para", "PHỤ LỤC"),
                 Block("table", rows=[["Stt", "Nội dung, nhiệm vụ", "Đơn vị chủ trì"],
                                      ["7", "- Ứng dụng công nghệ số;\n- Ứng dụng thương mại điện tử.", "Sở Công Thương"],
                                      ["", "", ""]]),
                 Block("para", "Nguyễn Thế Phước"))
    assert normalize(raw) == ("PHỤ LỤC\n\nStt\n\nNội dung, nhiệm vụ\n\nĐơn vị chủ trì\n\n7\n\n"
                              "- Ứng dụng công nghệ số;\n\n- Ứng dụng thương mại điện tử.\n\nSở Công Thương\n\n"
                              "Nguyễn Thế Phước")


def test_table_cells_are_never_joined():
    raw = raw_of(Block("table", rows=[["Đơn vị chủ trì", "Đơn vị phối hợp"],
                                      ["Sở Công Thương", "các đơn vị liên quan"]]),
                 Block("para", "phối hợp thực hiện"))
    assert normalize(raw).split("\n\n") == ["Đơn vị chủ trì", "Đơn vị phối hợp", "Sở Công Thương",
                                             "các đơn vị liên quan", "phối hợp thực hiện"]


def test_page_furniture_dropped_for_paged_blocks():
    blocks = []
    for page in range(4):
        blocks += [Block("para", "Kế hoạch số 114/KH-UBND ngày 11/5/2021", page=page),
                   Block("para", f"- Nhiệm vụ {page + 1}: tuyên truyền về năng suất.", page=page),
                   Block("para", f"- {page + 1} -", page=page)]
    text = normalize(raw_of(*blocks, fmt="pdf"))
    assert text.split("\n\n") == [f"- Nhiệm vụ {i}: tuyên truyền về năng suất." for i in range(1, 5)]


def test_normalize_is_fast_enough():
    import time

    raw = ingest.read_document(CORPUS / "yen-bai-114-kh-ubnd-2021.txt")
    raw.blocks = raw.blocks * 20
    t = time.perf_counter()
    normalize(raw)
    assert time.perf_counter() - t < 2.0


def _txt_text(tmp_path, body: str) -> str:
    from extractor.pipeline import extract_file

    p = tmp_path / "page.txt"
    p.write_text(body, encoding="utf-8")
    return extract_file(p).text


def test_related_news_box_after_the_article_is_cut(tmp_path):
    article = "Sở Khoa học và Công nghệ chủ trì triển khai Kế hoạch nâng cao năng suất. " * 8
    text = _txt_text(tmp_path, article + "\n\nNgọc Bằng\n\nTin liên quan\n"
                     "Lào Cai: Hơn 120 doanh nghiệp được hỗ trợ nâng cao năng suất chất lượng\n\nBình luận (0)\n")
    assert text.endswith("Ngọc Bằng")
    assert "120 doanh nghiệp" not in text


def test_related_news_header_early_in_the_page_keeps_the_article(tmp_path):
    article = "Sở Khoa học và Công nghệ chủ trì triển khai Kế hoạch nâng cao năng suất. " * 8
    text = _txt_text(tmp_path, "Tin liên quan\n\n" + article)
    assert text.startswith("Sở Khoa học và Công nghệ chủ trì")


def test_decorated_page_numbers_dropped_from_pasted_text(tmp_path):
    text = _txt_text(tmp_path, "Phòng Kinh tế chủ trì triển khai.\n\n- 3 -\n\nTrang 4/10\n\n3\n\nPhòng Nội vụ phối hợp.\n")
    assert "- 3 -" not in text and "Trang 4/10" not in text
    assert "\n3\n" in text  # a bare number may be a table row number: kept


def test_headline_is_not_joined_to_its_byline(tmp_path):
    text = _txt_text(tmp_path, "Triển khai kế hoạch tổng thể nâng cao năng suất chất lượng tại Quảng Ninh\n\n"
                     "author 10:21 08/04/2021\n\n(VietQ.vn) - Sở KH&CN Quảng Ninh vừa có buổi làm việc.\n")
    assert text.split("\n")[0] == "Triển khai kế hoạch tổng thể nâng cao năng suất chất lượng tại Quảng Ninh"


def test_a_run_of_standard_codes_is_not_a_heading():
    from extractor.normalize import is_caps

    assert not is_caps("9001:2015, TCVN ISO 14001:2015, TCVN ISO 22000:2018.")
    assert is_caps("IV. TỔ CHỨC THỰC HIỆN") and is_caps("PHỤ LỤC 01")


def test_pdf_list_items_ending_in_semicolons_stay_apart():
    """A 'Căn cứ …;' line that reached the margin is not glued to the next 'Căn cứ' item."""
    from extractor.ingest.pdf import PdfLine, _continues

    prev = PdfLine(text="Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;")
    prev.x0, prev.x1, prev.top = 91.0, 499.0, 432.0
    nxt = PdfLine(text="Căn cứ Luật Tiêu chuẩn và Quy chuẩn kỹ thuật ngày 29 tháng 6 năm 2006;")
    nxt.x0, nxt.x1, nxt.top, nxt.first_word = 91.0, 480.0, 407.0, 21.0
    assert not _continues(prev, nxt, right=512.0, usual_pitch=24.5)


@pytest.mark.parametrize("a, b, joined", [
    ("1. Sở", "Tài chính (cơ quan chủ trì)", True),                     # a body head cut from its name
    ("IV. TỔ CHỨC", "THỰC HIỆN", True),                                  # a numbered capital heading cut
    ("Căn cứ Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm", "2024 của Bộ Chính trị", True),
    ("Bộ trưởng Bộ Xây dựng ban hành Chiến lược chuyển đổi số của Bộ Xây dựng giai đoạn", "2025-2030;", True),
    ("- Phối hợp với Sở Xây dựng,", "Sở Quy hoạch - Kiến trúc và Sở Nông nghiệp", False),  # a comma: no sign
    ("3. Phòng Tài chính - Kế hoạch", "Chủ trì, phối hợp với các cơ quan có liên quan", False),
    ("Hàng năm", "Sở KH&CN", False),                                     # a time cell, then a body cell
    ("ỦY BAN NHÂN DÂN", "TỈNH YÊN BÁI", False),                          # header lines stay lines
    ("IV. TỔ CHỨC THỰC HIỆN", "1. Sở Khoa học và Công nghệ", False),
])
def test_layout_breaks_inside_a_block(a: str, b: str, joined: bool) -> None:
    assert should_join(a, b, None) is joined


def test_layout_rules_do_not_join_across_a_blank_line() -> None:
    assert should_join("3. Văn phòng Sở", "Phối hợp với Chi cục TCĐLCL đưa kết quả", None, wrapped=False) is False


@pytest.mark.parametrize("a, b, joined", [
    # a page break (or a converted file's paragraph break) inside a sentence: the date, the year, the named
    # document go on in the next paragraph
    ("Việt Nam thuộc nhóm 4 nước dẫn đầu ASEAN và nhóm 60 nước dẫn đầu thế giới vào năm",
     "2028 theo đánh giá của Liên hợp quốc;", True),
    ("báo cáo kết quả thực hiện về Bộ Y tế trước ngày 31 tháng", "12 để tổng hợp, báo cáo Thủ tướng Chính phủ.", True),
    ("đôn đốc các doanh nghiệp viễn thông phủ sóng 5G, phải đạt 90% trong năm 2025 (đến nay mới đạt",
     "39,5%); (5) Phối hợp với các bộ, ngành tháo gỡ các khó khăn", True),  # a value the sentence's verb reaches
    ("- Nghiên cứu, xây dựng Luật Trí tuệ nhân tạo và các", "Nghị định, văn bản hướng dẫn thi hành.", True),
    ("- Xây dựng Chiến lược dữ liệu bảo đảm phù hợp với", "Khung kiến trúc dữ liệu quốc gia, Khung", True),
    # a heading ending in a body's head word, a table's repeated header, a row's number: no cut sentence
    ("Điều 20. Thẩm quyền và trách nhiệm của Bộ trưởng, Thủ trưởng cơ quan ngang bộ",
     "Bộ trưởng, Thủ trưởng cơ quan ngang bộ thực hiện", False),
    ("có thẩm quyền về định hướng biên chế giai đoạn 2026 - 2031, bảo đảm đồng bộ với", "TT", False),
    ("Đưa vào các Nghị quyết, chương trình, kế hoạch Hằng năm và từng giai đoạn", "3.", False),
    ("Bộ trưởng Bộ Khoa học và Công nghệ Hằng năm", "2 Xây dựng Thông tư quy định về đào tạo", False),
])
def test_a_sentence_cut_between_paragraphs_is_joined(a: str, b: str, joined: bool) -> None:
    assert should_join(a, b, None, wrapped=False) is joined


def test_a_page_break_inside_a_sentence_of_a_pdf_is_joined():
    """PDF paragraphs ending where the page (or the author's line) ended: the sentence goes on after it."""
    text = normalize(raw_of(Block("para", "Việt Nam thuộc nhóm 60 nước dẫn đầu thế giới vào năm", page=0),
                            Block("para", "2028 theo đánh giá của Liên hợp quốc.", page=1),
                            Block("para", "3. Văn phòng Sở", page=1),
                            Block("para", "Phối hợp với Chi cục TCĐLCL đưa kết quả.", page=1), fmt="pdf"))
    assert text.split("\n\n") == ["Việt Nam thuộc nhóm 60 nước dẫn đầu thế giới vào năm 2028 theo đánh giá của "
                                   "Liên hợp quốc.", "3. Văn phòng Sở", "Phối hợp với Chi cục TCĐLCL đưa kết quả."]


def test_a_document_number_cut_at_its_dash_is_joined_without_a_space() -> None:
    from extractor.normalize import join_wrapped

    assert join_wrapped(["theo Nghị định số 289/2025/NĐ-", "CP ngày 03 tháng 11 năm 2025"], None) == [
        "theo Nghị định số 289/2025/NĐ-CP ngày 03 tháng 11 năm 2025"]


def test_tail_search_finds_what_search_finds():
    """`tail_search` starts a pattern anchored at the end near the end of the line: the same match as
    searching the whole line (look-behinds and ^ as before), on every line of the corpus."""
    import glob

    from extractor.normalize import tail_search
    from extractor.rules import load_rules

    root = Path(__file__).resolve().parent.parent
    lines = [ln.strip() for f in sorted(glob.glob(f"{root}/corpus/*.txt") + glob.glob(f"{root}/tests/real*/*.txt"))
             for ln in Path(f).read_text(encoding="utf-8").split("\n")]
    lines += ["của", "xcủa", "a của", "a\ncủa", "1 của\n", "Sở KH&", "số", "ngày 5 tháng"]
    patterns = [load_rules("layout").rule(i).rx for i in ("layout.dangling_end", "layout.dangling_number")]
    patterns += [re.compile(r"(?<=ab)cd$"), re.compile(r"(?:^|\s)x+$"), re.compile(r"\bend\Z")]
    for rx in patterns:
        search = tail_search(rx)
        for ln in lines + [ln + " abcd" for ln in lines[:50]]:
            got, want = search(ln), rx.search(ln)
            assert (got and got.span()) == (want and want.span()), (rx.pattern, ln)
    assert tail_search(re.compile(r"x+$")) == re.compile(r"x+$").search  # unbounded: searched whole


def test_shortcut_matchers_equal_their_plain_forms():
    """The boilerplate patterns are tried as one anchored alternation (`abbrev.any_search`) and
    `clean_line` leaves single spaces alone: both give what the plain forms give, on every corpus line."""
    import glob

    from extractor.abbrev import any_search, starts_at_start
    from extractor.normalize import _INVISIBLE, clean_line
    from extractor.rules import load_rules

    root = Path(__file__).resolve().parent.parent
    lines = [ln for f in sorted(glob.glob(f"{root}/corpus/*.txt") + glob.glob(f"{root}/tests/*/*.txt"))
             for ln in Path(f).read_text(encoding="utf-8").split("\n")]
    rules = load_rules("boilerplate").rules
    lines += [str(ex) for r in rules for ex in r.examples + r.counter_examples]
    lines += ["a \t b", " \u00a0x", "x\u3000\u3000y ", "a  b", "\t", " ", "a\u200bb  c"]
    patterns = [r.regex for r in rules if r.regex is not None]
    combined = any_search(patterns)
    assert all(starts_at_start(rx) for rx in patterns)  # so they are tried as one alternation
    plain_spaces = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
    for ln in lines:
        s = ln.strip()
        assert combined(s) == any(rx.search(s) for rx in patterns), s
        assert clean_line(ln) == plain_spaces.sub(" ", _INVISIBLE.sub("", ln)).rstrip(), ln
    unanchored = [re.compile("b"), re.compile("^a")]
    assert any_search(unanchored)("xb") and not any_search(unanchored)("xa")


def test_a_name_cut_after_va_before_another_body_is_not_joined():
    """A gazette row broken by a page: 'Bộ Khoa học và' then the support cell's 'Cơ quan, tổ chức'; a name that goes
    on ('Bộ Nông nghiệp và' / 'Môi trường') still joins."""
    assert not should_join("Bộ Khoa học và", "Cơ quan, tổ chức", 40)
    assert should_join("Bộ Nông nghiệp và", "Môi trường", 40)


@pytest.mark.parametrize("a,b,joined", [
    # 141/KH-UBND of Bắc Ninh and 2954/QĐ-UBND of Sơn La (tests/real-final), hard-wrapped by the portal: a range
    # cut before its dash goes on; a bullet under a heading ending with its year does not
    ("4. Trong giai đoạn 2026", "- 2030 phấn đấu có ít nhất 10% đội ngũ cán bộ", True),
    ("gia xuất khẩu đến năm 2030 dự kiến đạt 30,2 triệu USD, tốc độ tăng bình quân 05", "- 06%/năm. Thị trường", True),
    ("b) Mục tiêu cụ thể đến năm 2025", "- 100% hồ sơ công việc được xử lý trên môi trường mạng", False),
    ("Năm 2025", "- 2024 là năm bản lề", False),
    # held-out 8, a Government resolution printed to PDF, and 2954/QĐ-UBND's title: cut after its dash, between
    # paragraphs as well
    ("- Tốc độ tăng năng suất lao động bình quân giai đoạn 2026 -", "2027 đạt trên 6,5%/năm.", True),
    ("Kết quả giai đoạn 2021 -", "2020 là năm khó khăn", False),
])
def test_a_range_cut_before_its_dash_goes_on(a, b, joined):
    assert should_join(a, b, 80) is joined
    assert should_join(a, b, None, wrapped=False) is joined


@pytest.mark.parametrize("glyph", ["•", "\uf0b7", "▪", "➢"])
def test_a_bullet_drawn_with_a_glyph_is_written_as_a_dash(glyph: str) -> None:
    """Word's Symbol bullet as a PDF's text layer gives it (U+F0B7), a dot, a square, an arrow: the dash every
    layer reads as a bullet; a checkbox of a form and a glyph inside a line stay."""
    text = text_of(f"{glyph} Chủ trì, phối hợp với Sở Tài chính tham mưu bố trí kinh phí;\n"
                   f"  {glyph} Định kỳ hằng năm báo cáo Ủy ban nhân dân tỉnh.\n"
                   "□ Thẻ đồng □ Thẻ bạc")
    assert [line.strip() for line in text.split("\n")] == ["- Chủ trì, phối hợp với Sở Tài chính tham mưu bố trí kinh phí;",
                                "- Định kỳ hằng năm báo cáo Ủy ban nhân dân tỉnh.", "□ Thẻ đồng □ Thẻ bạc"]


def test_a_real_plan_with_its_bullets_drawn_as_glyphs_reads_as_with_dashes(tmp_path) -> None:
    """Hồ Chí Minh City's decision 2820/QĐ-UBND with its 58 dash bullets written as Word's Symbol bullet:
    the same obligations."""
    from extractor.pipeline import extract_file

    source = Path(__file__).parent / "real" / "hcm-2820-qd-ubnd-2025.txt"
    glyphs = re.sub(r"(?m)^(\s*)-\s+", "\\1\uf0b7 ", source.read_text(encoding="utf-8"))
    assert glyphs.count("\uf0b7") >= 50
    (tmp_path / "hcm-2820.txt").write_text(glyphs, encoding="utf-8")
    dashes, drawn = extract_file(source), extract_file(tmp_path / "hcm-2820.txt")
    assert len(dashes.obligations) > 40
    assert duties(drawn) == duties(dashes)


def test_a_glyph_bullet_opens_a_new_item_where_a_reader_joins_wrapped_lines() -> None:
    """Đồng Tháp's plan 597/KH-UBND printed from Word with Symbol bullets: the PDF's text layer gives each item a
    U+F0B7 line, which must open an item, not continue the one before (every glyph of the rule is a list start)."""
    from extractor.normalize import LIST_START
    from extractor.rules import load_rules

    text = text_of("- Định kỳ rà soát, đề xuất sửa đổi, bổ sung các tiêu chuẩn, quy chuẩn kỹ thuật dữ liệu chuyên\n"
                   "ngành để phù hợp với định hướng của Bộ Xây dựng\n"
                   "\uf0b7 Thường xuyên nghiên cứu, trao đổi thông tin, học tập kinh nghiệm")
    assert text.split("\n") == [
        "- Định kỳ rà soát, đề xuất sửa đổi, bổ sung các tiêu chuẩn, quy chuẩn kỹ thuật dữ liệu chuyên ngành để phù "
        "hợp với định hướng của Bộ Xây dựng", "- Thường xuyên nghiên cứu, trao đổi thông tin, học tập kinh nghiệm"]
    glyphs = load_rules("layout").rule("layout.bullet_glyph").rx.pattern.split("([", 1)[1].split("])", 1)[0]
    for glyph in re.sub(r"\\u([0-9a-f]{4})", lambda m: chr(int(m.group(1), 16)), glyphs):
        assert LIST_START.match(f"{glyph} Chủ trì, phối hợp"), glyph


def test_a_counter_widget_s_bulleted_digits_are_dropped_before_bullets_become_dashes() -> None:
    """A news page's visitor counter (Bình Dương's portal: one digit per '•' line) is furniture, in every format;
    the glyph bullets of the text are dashes only after it is gone."""
    text = text_of("• Hỗ trợ 10 doanh nghiệp đổi mới công nghệ.\n\nTổng số lượt truy cập :\n  • 1\n  • 4\n• 1\n• 8")
    assert text == "- Hỗ trợ 10 doanh nghiệp đổi mới công nghệ."
    assert text_of("• 1\n• 4\n• 1\n• 8") == ""


def test_a_quarter_cut_from_its_roman_figure():
    """Nghị quyết 105/NQ-CP (group 3), a gazette table's time cell: 'Quý' / 'II/2026' is one time."""
    assert should_join("Quý", "II/2026", None)
    assert should_join("hoàn thành trong quý", "IV năm 2025.", None)
    assert not should_join("trong năm", "II. NHIỆM VỤ VÀ GIẢI PHÁP", None)


def test_a_determiner_is_not_followed_by_another():
    """105/NQ-CP (group 3), a gazette table's lead cell 'Các bộ, cơ / quan ngang / bộ, Ủy ban / nhân dân các' beside
    the support cell 'Các bộ, / ngành, cơ / quan liên / quan': 'các' / 'Các bộ,' is where one cell ends."""
    assert not should_join("nhân dân các", "Các bộ,", None)
    assert should_join("phối hợp với các", "Sở, ngành triển khai", None)


def test_a_citation_cut_before_its_article():
    """Quyết định 2623/QĐ-TTg (tests/real) as a Word file or a PDF, where the lines stay as laid out: '… khoản 5
    Điều 4; khoản 3' / 'Điều 6; khoản 5 Điều 9; …' is one citation, not an article heading opening a new item."""
    assert should_join("định chi tiết: khoản 2, khoản 3 Điều 2; khoản 5 Điều 4; khoản 3",
                       "Điều 6; khoản 5 Điều 9; khoản 3 Điều 17;", None, wrapped=False)
    assert not should_join("quy định tại khoản 3 Điều 2", "Điều 3. Tổ chức thực hiện", None)


def test_a_page_break_in_a_sentence_after_a_head_word_or_cung():
    """Công văn 4085/UBND-ĐT (tests/real) as a PDF: '… Thông tư số 09/2025/TT-BXD của Bộ' / 'Xây dựng. Thời gian …'
    and '… Bộ Nông nghiệp và Môi trường, cùng' / 'Kế hoạch số 94/KH-UBND …' are sentences a page cut."""
    assert should_join("bảo đảm phù hợp với quy định tại Thông tư số 09/2025/TT-BXD của Bộ",
                       "Xây dựng. Thời gian hoàn thành trong tháng 12 năm 2025.", None, wrapped=False)
    assert should_join("của Bộ Công an và Bộ Nông nghiệp và Môi trường, cùng",
                       "Kế hoạch số 94/KH-UBND ngày 19 tháng 9 năm 2025.", None, wrapped=False)
    assert not should_join("3. Văn phòng Sở", "Chủ trì tổng hợp báo cáo.", None, wrapped=False)


def test_a_cited_article_after_a_page_break_is_no_heading():
    """Nghị định 74/2025/NĐ-CP (the gazette PDF, group 6): '… theo quy định tại' / 'Điều 17 của Luật Bảo hiểm y tế
    …' at a page break is one sentence; 'Điều 9. Thẩm định …', with its full stop, is a heading."""
    assert should_join("2. Hồ sơ, thời hạn cấp thẻ bảo hiểm y tế được thực hiện theo quy định tại",
                       "Điều 17 của Luật Bảo hiểm y tế và quy định của Chính phủ.", None, wrapped=False)
    assert should_join("theo đúng quy định tại Điều 26 và", "Điều 27 của Luật Bảo hiểm y tế", None, wrapped=False)
    assert not should_join("hồ sơ theo quy định tại", "Điều 9. Thẩm định hồ sơ", None, wrapped=False)


def test_a_number_cut_in_a_narrow_cell_is_joined_whole():
    """A cell's number broken after its hyphen ('… số 10781/VPCP-' / 'CN ngày …', the code a scan's or a
    crawler's narrow column pushed to the next line) is one number again; a line after a plain date is not."""
    from extractor.normalize import _join_cell_lines

    assert _join_cell_lines(["Công văn số 10781/VPCP-", "CN ngày 05/12/2025"]) == [
        "Công văn số 10781/VPCP-CN ngày 05/12/2025"]
    assert _join_cell_lines(["Quý IV/2026", "UBND"]) == ["Quý IV/2026", "UBND"]


def test_a_line_longer_than_the_wrap_width_was_not_wrapped_by_it():
    """Gazette text wraps its paragraphs at one width, and prints a table's cells one a line (held-out 6, a province's
    plan in the Công báo): a task cell longer than that width is no wrapped line, the lead cell after it stays apart."""
    wrapped = "Các sở, ngành, địa phương căn cứ chức năng, nhiệm vụ được giao, chủ động xây"
    cell = ("Lồng ghép chỉ tiêu tăng năng suất lao động vào kế hoạch phát triển kinh tế - xã hội hằng năm của tỉnh và "
            "của các huyện, thị xã, thành phố")
    assert should_join(wrapped, "Kế hoạch thực hiện của ngành, địa phương mình.", 80)
    assert not should_join(cell, "Sở Tài chính", 80)


def test_a_paragraph_cut_after_the_verb_before_a_cited_title():
    """A converted file's paragraph break after 'ban hành' (held-out 6 as PDF: 'Căn cứ Nghị quyết số 03/NQ-CP … của
    Chính phủ ban hành' / 'Chương trình hành động …'): the sentence goes on; a heading in capitals does not."""
    assert should_join("Căn cứ Nghị quyết số 03/NQ-CP ngày 09 tháng 01 năm 2025 của Chính phủ ban hành",
                       "Chương trình hành động của Chính phủ thực hiện Nghị quyết số 57-NQ/TW;", None, wrapped=False)
    assert not should_join("QUYẾT ĐỊNH BAN HÀNH", "Kế hoạch thực hiện", None, wrapped=False)


def test_a_wrapped_crawl_keeps_a_heading_of_bodies_apart_from_its_task():
    """A crawled scheme (held-out 12) wraps at about 95 characters; its heading naming only bodies is nearly that
    long, and the task under it opens in capitals: the two are not one line. A heading left open by a bracket or a
    dash goes on (held-out 5: '7. Viettel Phú Thọ (Chi nhánh … Tập đoàn Công nghiệp -' / 'Viễn thông Quân đội)')."""
    heading = "6. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội"
    assert not should_join(heading, "Tuyên truyền, vận động hội viên, đoàn viên tham gia phát triển du lịch", 95)
    assert should_join("1. Rà soát hiện trạng các điểm du lịch cộng đồng; lựa chọn các bản có lợi thế về cảnh quan",
                       "Văn hóa để đầu tư có trọng điểm", 95)
    assert should_join("7. Viettel Phú Thọ (Chi nhánh Viettel Phú Thọ - Tập đoàn Công nghiệp - Viễn thông Quân",
                       "Đội), VNPT Phú Thọ (Viễn thông Phú Thọ)", 95)
