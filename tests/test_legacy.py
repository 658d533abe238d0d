"""Legacy Vietnamese encodings: TCVN3 (ABC, .VnTime) and VNI (VNI-Times) read back to Unicode."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from extractor.ingest.legacy import (
    convert_legacy,
    convert_run,
    decode_cp1252,
    decode_legacy_bytes,
    decode_tcvn3,
    decode_vni,
    detect_legacy,
    is_vietnamese_syllable,
    legacy_font,
    to_tcvn3,
    to_vni,
)
from extractor.pipeline import extract_file
from extractor.rules import load_rules

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
DEV_DOCS = ["yen-bai-114-kh-ubnd-2021", "news-quang-ninh-36-2021"]

# Every Vietnamese letter with a diacritic, lower and upper case.
_BASES = "aăâeêioôơuưy"
_TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
VN_LOWER = sorted({unicodedata.normalize("NFC", b + t) for b in _BASES for t in _TONES} | {"đ"})
VN_LETTERS = [c for c in VN_LOWER if c not in "aeiouy"] + [c.upper() for c in VN_LOWER if c not in "aeiouy"]


def _ratio(a: str, b: str) -> float:
    return fuzz.ratio(a, b) / 100


# ------------------------------------------------------------------ tables


def test_tables_are_one_to_one_and_complete():
    data = load_rules("legacy_encodings").data
    tcvn3, vni = data["tcvn3"], data["vni"]
    assert len(tcvn3) == 74 and len(set(tcvn3.values())) == 74
    assert all(0xA1 <= int(k, 16) <= 0xFE for k in tcvn3)
    assert len(VN_LETTERS) == 134
    assert sorted(vni) == sorted(VN_LETTERS)
    assert len(set(vni.values())) == len(vni)
    # every VNI sequence is an ASCII letter + one cp1252 mark byte, or one byte
    for seq in vni.values():
        assert 1 <= len(seq) <= 2 and all(c.encode("cp1252") for c in seq)


@pytest.mark.parametrize("letter", VN_LETTERS)
def test_every_letter_round_trips(letter):
    assert decode_vni(to_vni(letter)) == letter
    tcvn = decode_tcvn3(to_tcvn3(letter))
    # TCVN3 has codes for all small letters and for Ă Â Ê Ô Ơ Ư Đ only
    assert tcvn == (letter if letter.islower() or letter in "ĂÂÊÔƠƯĐ" else letter.lower())


@pytest.mark.parametrize("legacy,unicode_text", [
    ("QuyÕt ®Þnh", "Quyết định"),
    ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
    ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
    ("Uû ban nh©n d©n tØnh Yªn B¸i", "Uỷ ban nhân dân tỉnh Yên Bái"),
    ("ng­êi lao ®éng", "người lao động"),
])
def test_known_tcvn3_strings(legacy, unicode_text):
    assert decode_tcvn3(legacy) == unicode_text
    assert convert_legacy(legacy) == (unicode_text, "tcvn3")


@pytest.mark.parametrize("legacy,unicode_text", [
    ("Quyeát ñònh", "Quyết định"),
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
    ("ngöôøi lao ñoäng, taêng naêng suaát, bình ñaúng", "người lao động, tăng năng suất, bình đẳng"),
    ("ÑAÛNG COÄNG SAÛN VIEÄT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM"),
])
def test_known_vni_strings(legacy, unicode_text):
    assert decode_vni(legacy) == unicode_text
    assert convert_legacy(legacy) == (unicode_text, "vni")


# ------------------------------------------------------------------ detection


@pytest.mark.parametrize("text", [
    "Quyết định số 36/QĐ-TTg ngày 11/01/2021 của Thủ tướng Chính phủ",
    unicodedata.normalize("NFD", "Quyết định số 36/QĐ-TTg ngày 11/01/2021 của Thủ tướng Chính phủ"),
    "Tôi có cà phê",  # Vietnamese in Latin-1 letters only
    "The plan targets 7.2% growth per year.",
    "Où est la gare ? Il a été là, à côté du café.",
    "Señor Müller aß Crème brûlée in Zürich; naïve résumé © 2021 ®",
    "",
])
def test_normal_text_is_left_alone(text):
    assert convert_legacy(text) == (text, None)
    assert detect_legacy(text) is None


@pytest.mark.parametrize("doc", DEV_DOCS)
def test_unicode_dev_text_is_left_alone(doc):
    text = (CORPUS / f"{doc}.txt").read_text(encoding="utf-8")
    assert convert_legacy(text) == (text, None)
    assert convert_legacy(unicodedata.normalize("NFD", text))[1] is None


def test_syllable_check():
    for w in ["Quyết", "định", "nghiêng", "người", "khuya", "giữa", "gì", "quý", "ĐỊNH", "ươn"]:
        assert is_vietnamese_syllable(w), w
    for w in ["QuyÕt", "®Þnh", "Quyeát", "cafộ", "world", "ộtộ", "aáb"]:
        assert not is_vietnamese_syllable(w), w


# ------------------------------------------------------------------ dev texts in each encoding


@pytest.mark.parametrize("doc", DEV_DOCS)
def test_vni_rendering_of_dev_text_reads_back_exactly(doc):
    text = (CORPUS / f"{doc}.txt").read_text(encoding="utf-8")
    data = to_vni(text).encode("cp1252")
    assert convert_legacy(decode_cp1252(data)) == (text, "vni")
    # whatever single-byte code page a reader guessed, the text is recovered
    for codec in ("latin-1", "cp1258", "cp1250"):
        try:
            decoded = data.decode(codec)
        except UnicodeDecodeError:
            continue
        back, enc = convert_legacy(decoded)
        assert enc == "vni", codec
        if codec != "latin-1":  # latin-1 reads cp1252 quotes as control characters
            assert back == text, codec


@pytest.mark.parametrize("doc", DEV_DOCS)
def test_tcvn3_rendering_of_dev_text_reads_back(doc):
    text = (CORPUS / f"{doc}.txt").read_text(encoding="utf-8")
    data = to_tcvn3(text).encode("cp1252")
    back, enc = convert_legacy(decode_cp1252(data))
    assert enc == "tcvn3"
    # TCVN3 cannot code capitals with a tone mark; heading lines and words with capitals
    # around them are restored, a lone capital mid-sentence ("của Ủy ban") is not.
    assert back.lower() == text.lower()
    assert _ratio(back, text) >= 0.999
    if doc.startswith("yen-bai"):
        for s in ["ỦY BAN NHÂN DÂN", "TỈNH YÊN BÁI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                  "Số: 114/KH-UBND", "KẾ HOẠCH", "36/QĐ-TTg", "6,2%/năm", "Ủy ban nhân dân tỉnh Yên Bái ban hành"]:
            assert s in back, s
    assert decode_legacy_bytes(data) == (back, "tcvn3")
    back_cp1258, enc = convert_legacy(data.decode("cp1258"))
    assert (back_cp1258, enc) == (back, "tcvn3")


def test_decode_legacy_bytes_ignores_utf8_and_english():
    assert decode_legacy_bytes("Quyết định số 36".encode()) is None
    assert decode_legacy_bytes(b"Plain English text, nothing else.") is None


# ------------------------------------------------------------------ DOCX runs


@pytest.mark.parametrize("font,text,want", [
    (".VnTime", "QuyÕt ®Þnh sè 36/Q§-TTg", "Quyết định số 36/QĐ-TTg"),
    (".VnTimeH", "kÕ ho¹ch", "KẾ HOẠCH"),
    (".VnArialH", "uû ban nh©n d©n", "UỶ BAN NHÂN DÂN"),
    (".VnArial", "§éc lËp", "Độc lập"),
    ("VNI-Times", "Quyeát ñònh soá 36/QÑ-TTg", "Quyết định số 36/QĐ-TTg"),
    ("VNI-Helve", "KEÁ HOAÏCH", "KẾ HOẠCH"),
    ("Times New Roman", "QuyÕt ®Þnh", "QuyÕt ®Þnh"),
    (None, "Quyeát", "Quyeát"),
    (".VnTime", "Quyết định", "Quyết định"),  # already Unicode: a converted file that kept its font
])
def test_convert_run(font, text, want):
    assert convert_run(text, font) == want


def test_legacy_font_names():
    assert legacy_font(".VnTime") == "tcvn3"
    assert legacy_font(".VnTimeH") == "tcvn3_upper"
    assert legacy_font("VNI-Times") == "vni"
    assert legacy_font("Arial") is None
    assert legacy_font(None) is None


# ------------------------------------------------------------------ through the pipeline


def _record_text(path: Path) -> str:
    rec = extract_file(path)
    assert rec.status in ("ok", "partial"), rec.errors
    return rec.text


@pytest.fixture(scope="module")
def txt_text() -> str:
    return _record_text(CORPUS / f"{DEV_DOCS[0]}.txt")


@pytest.mark.parametrize("enc", ["tcvn3", "vni"])
def test_legacy_txt_file_reads_like_unicode(enc, tmp_path, txt_text):
    text = (CORPUS / f"{DEV_DOCS[0]}.txt").read_text(encoding="utf-8")
    encode = to_tcvn3 if enc == "tcvn3" else to_vni
    path = tmp_path / f"{DEV_DOCS[0]}.txt"
    path.write_bytes(encode(text).encode("cp1252"))
    rec = extract_file(path)
    assert rec.status in ("ok", "partial"), rec.errors
    assert rec.source.encoding == enc
    if enc == "vni":
        assert rec.text == txt_text
    else:
        assert rec.text.lower() == txt_text.lower()
        assert _ratio(rec.text, txt_text) >= 0.999


def test_legacy_font_docx_reads_like_unicode(tmp_path):
    import docx

    d = docx.Document()
    p = d.add_paragraph()
    p.add_run("QuyÕt ®Þnh sè 36/Q§-TTg ngµy 11/01/2021").font.name = ".VnTime"
    p = d.add_paragraph()
    p.add_run("Ngöôøi lao ñoäng").font.name = "VNI-Times"
    p = d.add_paragraph()
    p.add_run("kÕ ho¹ch").font.name = ".VnTimeH"
    path = tmp_path / "legacy-fonts.docx"
    d.save(path)
    text = _record_text(path)
    assert "Quyết định số 36/QĐ-TTg ngày 11/01/2021" in text
    assert "Người lao động" in text
    assert "KẾ HOẠCH" in text
