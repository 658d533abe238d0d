"""Vietnamese number, date, tone-placement and folding primitives on real corpus phrases."""

from pathlib import Path

import pytest

from extractor.vntext import find_dates, fix_look_alikes, fix_tone_placement, fold, parse_date, parse_number


@pytest.mark.parametrize("s,want", [
    ("7,5", 7.5), ("2.500", 2500), ("01", 1), ("03", 3), ("45", 45), ("1.000,5", 1000.5),
    ("6,2", 6.2), ("12.345.678", 12345678), ("abc", None), ("", None),
])
def test_parse_number(s, want):
    assert parse_number(s) == want


@pytest.mark.parametrize("s,want", [
    ("Quyết định số 36/QĐ-TTg ngày 11/01/2021 của Thủ tướng", "2021-01-11"),
    ("Yên Bái, ngày 11 tháng 5 năm 2021", "2021-05-11"),
    ("Thuận An, ngày 18 tháng 11 năm 2021", "2021-11-18"),
    ("ngày 01/9/2021 của UBND tỉnh Bình Dương", "2021-09-01"),
    ("Ngày 25 tháng 3 năm 2022, UBND tỉnh", "2022-03-25"),
    ("Thứ bảy, 20/04/2024 | 02:24", "2024-04-20"),
    ("giai đoạn 2021 - 2030", None),
    ("ngày 31/02/2021", None),
])
def test_parse_date(s, want):
    assert parse_date(s) == want


def test_find_dates_gives_offsets():
    s = "ngày 07/9/2020 và ngày 22 tháng 8 năm 2019"
    assert [(s[a:b], iso) for a, b, iso in find_dates(s)] == [
        ("07/9/2020", "2020-09-07"), ("ngày 22 tháng 8 năm 2019", "2019-08-22")]


@pytest.mark.parametrize("s,want", [
    ("Hoà", "Hòa"), ("Uỷ ban nhân dân", "Ủy ban nhân dân"), ("Thuỷ", "Thủy"), ("hoá", "hóa"),
    ("Hoàng", "Hoàng"), ("khuỷu", "khuỷu"), ("quý", "quý"), ("CỘNG HOÀ", "CỘNG HÒA"),
])
def test_tone_placement(s, want):
    assert fix_tone_placement(s) == want


@pytest.mark.parametrize("s,want", [
    ("Đổi mới", "doi moi"), ("Sở Khoa học và Công nghệ", "so khoa hoc va cong nghe"),
    ("năng suất", "nang suat"), ("Ủy ban", "uy ban"), ("người", "nguoi"), ("Hải Dương", "hai duong"),
    ("Đ\u00f4\u0309i mơ\u0301i", "doi moi"), ("ẾỢỮẶ", "eoua"), ("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚĂĐĨŨƠƯ", "aaaaeeeiioooouuadiuou"),
])
def test_fold(s, want):
    assert fold(s) == want


def test_tone_placement_agrees_with_underthesea_on_every_corpus_word():
    """underthesea's text_normalize is the reference; it also respells (qui -> quy), which we must not."""
    import glob
    import re

    from underthesea import text_normalize

    from extractor.vntext import nfc

    words = set()
    root = Path(__file__).resolve().parent.parent
    for f in glob.glob(f"{root}/corpus/*.txt") + glob.glob(f"{root}/tests/heldout*/*.txt"):
        words |= set(re.findall(r"\w+", nfc(open(f, encoding="utf-8").read())))
    words = {w for w in words if not any(c.isdigit() for c in w)}  # syllables only: text_normalize splits '2b'
    words |= {"hoà", "Hoà", "thuỷ", "Uỷ", "toà", "khoẻ", "hoạ", "xoè", "loé", "HOÀ"}
    spelling = {"qui": "quy"}
    differ = [w for w in words if fix_tone_placement(w) != text_normalize(w)
              and text_normalize(w).lower() != spelling.get(w.lower())]
    assert differ == []


def test_tone_placement_pattern_is_the_alternation_of_its_pairs():
    """The pattern written as classes finds what the alternation of the 45 pairs finds, on random
    text of the letters around them (q before, a letter or đ after, capitals)."""
    import random
    import re

    from extractor.vntext import _TONE_PLACEMENT

    plain = re.compile(r"(?<![qQ])(" + "|".join(map(re.escape, _TONE_PLACEMENT)) + r")(?![a-zA-Zà-ỹÀ-Ỹđ])")
    letters = "qQoOuUaàÀáảạèÉẹỳÝỵyđ .," + "".join(_TONE_PLACEMENT)
    rng = random.Random(3)
    for _ in range(5000):
        s = "".join(rng.choice(letters) for _ in range(rng.randint(1, 12)))
        assert fix_tone_placement(s) == plain.sub(lambda m: _TONE_PLACEMENT[m.group(1)], s), s


def test_tone_regex_matches_every_pair_as_the_plain_alternation():
    """`_TONE_RE` is written one alternative per first letter: the same matches as every pair spelled out."""
    import re

    from extractor.vntext import _TONE_PLACEMENT, _TONE_RE

    plain = re.compile(r"(?<![qQ])(" + "|".join(map(re.escape, _TONE_PLACEMENT)) + r")(?![a-zA-Zà-ỹÀ-Ỹđ])")
    seconds = "àáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴ"
    texts = [a + b + c + d for a in "qQhx " for b in "oOuUa" for c in seconds for d in ("", "n", " ", "đ", ".")]
    texts += ["Hoà Bình, Thanh Hoá, thuỷ lợi, Uỷ ban, quý, khuỷu, hoàng, QUÝ, HOÀ, Qoà"]
    for t in texts:
        assert [m.span() for m in _TONE_RE.finditer(t)] == [m.span() for m in plain.finditer(t)], t


def test_the_eth_typed_for_d_with_stroke_is_read_as_it():
    """Some keyboards, fonts and converters write Đ as the Icelandic eth Ð (U+00D0): the record reads Đ, so the
    numbers and issuers it cites are found, and a query typed with it folds the same."""
    from extractor.document import Block, RawDocument
    from extractor.normalize import normalize_document
    from extractor.pipeline import extract_text_into
    from extractor.record import Record, Source

    assert fix_look_alikes("ÐỀ ÁN") == "ĐỀ ÁN" and fix_look_alikes("ðổi mới") == "đổi mới"
    assert fold("ÐỔI MỚI SÁNG TẠO") == fold("Đổi mới sáng tạo") == "doi moi sang tao"
    paras = ["ỦY BAN NHÂN DÂN\nTỈNH YÊN BÁI", "Số: 114/KH-UBND", "KẾ HOẠCH",
             "Thực hiện Quyết định số 36/QÐ-TTg ngày 11/01/2021 của Thủ tướng Chính phủ."]
    norm = normalize_document(RawDocument("x.txt", "txt", "0" * 64, blocks=[Block("para", p) for p in paras]))
    assert "Ð" not in norm.text and "36/QĐ-TTg" in norm.text
    rec = extract_text_into(Record("x", Source("x.txt", "0" * 64, "txt")), norm.text, norm.tables)
    assert [(r.number, r.date) for r in rec.references] == [("36/QĐ-TTg", "2021-01-11")]


def test_a_text_spaced_with_no_break_spaces_reads_as_with_spaces(tmp_path):
    """A page copied with its &nbsp; (Văn phòng Chính phủ's 624/TB-VPCP, its appendix headings and crawled task
    tables spaced so) gives the record of the text spaced with plain spaces."""
    from extractor.pipeline import extract_file

    src = Path(__file__).parent / "real" / "vpcp-624-tb-vpcp-2025.txt"
    spaced = tmp_path / src.name
    spaced.write_text(src.read_text(encoding="utf-8").replace(" ", "\u00a0"), encoding="utf-8")
    got, want = extract_file(spaced), extract_file(src)
    assert fix_look_alikes("PHỤ\u00a0LỤC\u202fI") == "PHỤ LỤC I"
    assert got.text == want.text
    assert [(o.lead, o.task, o.deadline) for o in got.obligations] == [
        (o.lead, o.task, o.deadline) for o in want.obligations]
    assert len(got.obligations) > 150
