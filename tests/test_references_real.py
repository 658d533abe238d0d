"""References and parent on real state documents (issue 8): sentences of tests/real and the excerpts of
tests/refs_real (copied from ../shared/corpus/real), each a pattern seen in several real documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.pipeline import extract_file
from tests.test_references import refs_of

HERE = Path(__file__).resolve().parent
DECISION = {"kind": "decision", "doc_type": "Quyết định", "number": "2820/QĐ-UBND", "level": "province",
            "issuer": "Ủy ban nhân dân Thành phố Hồ Chí Minh", "place": "Hồ Chí Minh"}


def _refs(path: Path) -> tuple[dict, object]:
    rec = extract_file(path)
    assert (rec.status, rec.errors) == ("ok", [])
    return {r.number or f"{r.doc_type}:{r.title}:{r.date}": r for r in rec.references}, rec


@pytest.mark.parametrize("text,number", [
    # gazette tables break a number after its separator (chinhphu-97)
    ("Tháng\n6/2026\nNghị định số\n09/2026/NĐ-\nCP4\n14 Xây dựng, vận hành Cơ sở dữ liệu", "09/2026/NĐ-CP"),
    ("Chương trình số 12-\nCTr/BCĐ,\nNghị quyết số 119/2026/\nUBTVQH15\n22 Thể chế hóa", "119/2026/UBTVQH15"),
    # the Government's numbered resolutions of 2025 (hcm-2820)
    ("Căn cứ Nghị quyết số 66.2/2025/NQ-CP ngày 28 tháng 8 năm 2025 của Chính phủ Quy định xử lý khó khăn;",
     "66.2/2025/NQ-CP"),
    # a second number after 'và' is a document of the first one's type (vpcp-624, chinhphu-03)
    ("Nâng cấp hạ tầng đáp ứng yêu cầu tại văn bản số 1552/BTTTT-TTH và 708/BTTTT-CATTT; hoàn thành kết nối.",
     "708/BTTTT-CATTT"),
])
def test_numbers_of_real_citations(text, number):
    refs = refs_of("KẾ HOẠCH\n\nI. NHIỆM VỤ\n\n1. Nội dung\n\n" + text + "\n", **DECISION)
    assert number in refs


def test_forms_are_no_documents():
    """hanoi-73: 'theo mẫu số 01-ĐĐN-CT kèm theo Nghị quyết này' names a form."""
    refs = refs_of("NGHỊ QUYẾT\n\nĐiều 5. Hồ sơ\n\n- Đơn đề nghị hỗ trợ chi phí (theo mẫu số 01-ĐĐN-CT kèm theo "
                   "Nghị quyết này);\n- Bản sao Quyết định số 12/QĐ-UBND.\n", **DECISION)
    assert not any("ĐĐN" in k for k in refs) and "12/QĐ-UBND" in refs


@pytest.mark.parametrize("sentence,title", [
    ("1. Được hưởng ưu đãi về thuế theo quy định tại điểm a khoản 3 Điều 43 Luật Thủ đô và được Thành phố hỗ trợ.",
     "Thủ đô"),  # hanoi-73
    ("- Bảo đảm gắn kết giữa việc triển khai thi hành Luật Bảo vệ dữ liệu cá nhân với việc xây dựng thể chế.",
     "Bảo vệ dữ liệu cá nhân"),  # ttg-2623
    ("Bố trí kinh phí thực hiện Kế hoạch theo quy định của Luật Ngân sách nhà nước và quy định về phân cấp.",
     "Ngân sách nhà nước"),  # ttg-2623
    ("quy định của Luật Ngân sách nhà nước, Luật Đầu tư công và pháp luật có liên quan.", "Đầu tư công"),
    ("Căn cứ Luật Đầu tư công số 58/2024/QH15, được sửa đổi, bổ sung tại Luật Sửa đổi, bổ sung một số điều của "
     "Luật Đấu thầu, Luật Đầu tư theo phương thức đối tác công tư, Luật Hải quan;",
     "Đầu tư theo phương thức đối tác công tư"),  # hcm-2820, vpcp-624
])
def test_law_names_end_where_the_name_does(sentence, title):
    refs = refs_of("KẾ HOẠCH\n\nI. NHIỆM VỤ\n\n1. Nội dung\n\n" + sentence + "\n", **DECISION)
    assert f"Luật:{title}" in refs, list(refs)
    assert not any(k.startswith("Luật:") and k != f"Luật:{title}" and k.startswith(f"Luật:{title}") for k in refs)


def test_laws_being_drafted_are_no_references():
    """vpcp-624, ttg-2629, ttg-844, hcm-2820: a law to build or revise is not cited; the laws an amending law to
    build names are."""
    text = ("KẾ HOẠCH\n\nI. NHIỆM VỤ\n\n1. Nội dung\n\n"
            "- Xây dựng các Luật sửa đổi, bổ sung các Luật: (1) Luật Ngân sách nhà nước; (2) Luật Doanh nghiệp.\n"
            "- Xây dựng Luật Thuế thu nhập cá nhân (thay thế).\n- Xây dựng Luật An ninh dữ liệu.\n"
            "- Xử lý khó khăn trong thời gian chưa ban hành Luật Quy hoạch (sửa đổi);\n"
            "- Rà soát, xây dựng Luật Bảo hiểm y tế sửa đổi.\n")
    refs = refs_of(text, **DECISION)
    laws = sorted(k.split(":")[1] for k in refs if k.startswith("Luật:"))
    assert laws == ["Doanh nghiệp", "Ngân sách nhà nước"]


def test_real_openings_relations_and_parent():
    """The opening patterns of the real gold documents, by their texts in tests/real."""
    refs, rec = _refs(HERE / "real" / "hanoi-308-kh-ubnd-2025.txt")  # a long 'Thực hiện A; B; C; D' sentence
    assert [refs[n].relation for n in ("214/NQ-CP", "278/2025/NĐ-CP", "142/QĐ-TTg", "1229/QĐ-UBND")] \
        == ["implements"] * 4
    assert rec.parent.number == "214/NQ-CP"  # the one its title carries out
    refs, rec = _refs(HERE / "real" / "hanoi-73-nq-hdnd-2025.txt")  # 'Xét Tờ trình …; Báo cáo thẩm tra số …'
    assert (refs["117/BC-BPC"].relation, refs["465/BC-UBND"].relation) == ("basis", "basis")
    refs, rec = _refs(HERE / "real" / "hcm-2820-qd-ubnd-2025.txt")
    assert refs["71/NQ-CP"].relation == "basis"  # 'được sửa đổi, bổ sung cập nhật một số điều tại'
    assert refs["06/QĐ-TTg"].relation == "basis" and rec.parent.number == "3103/QĐ-BTC"  # edition rule
    assert (refs["27/2023/QH15"].relation, refs["31/2024/QH15"].relation) == ("cites", "basis")
    assert (refs["62/2020/QH14"].relation, refs["62/2020/QH14"].title) == \
        ("basis", "sửa đổi, bổ sung một số điều của Luật xây dựng")  # Luật Xây dựng is 50/2014/QH13
    assert not [k for k in refs if "62/2020" in k and k != "62/2020/QH14"]
    refs, rec = _refs(HERE / "real" / "chinhphu-97-nq-cp-2026.txt")
    assert refs["66-NQ/TW"].relation == "basis" and rec.parent.number == "66-NQ/TW"


def test_real_excerpts():
    """ttg-844: lower-case law names, two amending laws of one law, the attached plan's title line; chinhphu-109:
    its chain has no cut number; ttg-2629: laws to build are no references."""
    refs, rec = _refs(HERE / "refs_real" / "ttg-844-qd-ttg-2026-trich.txt")
    assert refs["Luật:bảo hiểm y tế:2008-11-14"].relation == "basis"
    assert {k.split(":")[2] for k in refs if k.startswith("Luật:sửa đổi")} == {"2014-06-13", "2024-11-27"}
    assert (refs["52-CT/TW"].relation, rec.parent.number) == ("basis", "52-CT/TW")
    assert "Chỉ thị số 52-CT/TW" in rec.meta.title and not rec.meta.title.endswith("–")
    refs, rec = _refs(HERE / "refs_real" / "chinhphu-109-nq-cp-2026-trich.txt")
    assert rec.parent.chain == ["18-KL/TW"]
    refs, rec = _refs(HERE / "refs_real" / "ttg-2629-qd-ttg-2025-trich.txt")
    assert not [k for k in refs if k.startswith("Luật:") and ("An ninh dữ liệu" in k or "Trí tuệ" in k)]


def test_a_submission_is_never_the_parent(tmp_path):
    """A Tờ trình is acted on, never carried out (ANNOTATION.md): the attachment of a Bộ Tư pháp letter lists
    documents and names one submission; no Tờ trình comes out as its parent."""
    text = ("DANH MỤC\n\nVĂN BẢN QUY PHẠM PHÁP LUẬT CÓ NỘI DUNG LIÊN QUAN\n\n"
            "Nghị định số 06/2021/NĐ-CP ngày 26/01/2021 của Chính phủ quy định chi tiết một số nội dung về quản lý "
            "chất lượng.\n\nHiệu lực thi hành từ ngày 26/01/2021. Đã trình Chính phủ tại Tờ trình số 47/TTr-BXD "
            "ngày 30/11/2020.\n")
    path = tmp_path / "botuphap-danh-muc.txt"
    path.write_text(text, encoding="utf-8")
    rec = extract_file(path)
    assert any(r.number == "47/TTr-BXD" for r in rec.references)
    assert rec.parent is None or rec.parent.doc_type != "Tờ trình"
