"""Parent chains lengthened with what other documents implement: `link.extend_chains`,
`batch.relink_folder`, and the same chains from `vnplan extract DIR`, `vnplan ingest DIR` and `demo`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.batch import extract_folder, ingest_folder, relink_folder, run_demo
from extractor.link import extend_chains
from extractor.pipeline import write_json_atomic
from extractor.record import Record
from extractor.store import Store


def rec(doc_id: str, number: str | None, parent: str | None, chain: list[str] | None = None) -> Record:
    return Record.from_dict({"doc_id": doc_id, "source": {"path": f"{doc_id}.txt", "sha256": "0" * 64,
                                                         "format": "txt"}, "meta": {"number": number},
                             "parent": {"number": parent, "chain": chain or [parent]} if parent else None})


def test_extend_chains_follows_what_the_other_records_implement():
    a = rec("a", "12/KH-UBND", "777/QĐ-BKHCN")
    b = rec("b", "777/QĐ-BKHCN", "888/QĐ-TTg")
    c = rec("c", "888/QĐ-TTg", None)
    changed = extend_chains([a, b, c])
    assert changed == [a] and a.parent.chain == ["777/QĐ-BKHCN", "888/QĐ-TTg"]
    assert b.parent.chain == ["888/QĐ-TTg"] and c.parent is None
    assert extend_chains([a, b, c]) == []  # idempotent


def test_extend_chains_stops_at_a_cycle():
    a = rec("a", "1/KH-UBND", "2/KH-UBND")
    b = rec("b", "2/KH-UBND", "1/KH-UBND")
    extend_chains([a, b])
    assert a.parent.chain == ["2/KH-UBND", "1/KH-UBND"]
    assert b.parent.chain == ["1/KH-UBND", "2/KH-UBND"]


def test_relink_folder_rewrites_only_the_changed_records(tmp_path):
    records = [rec("a", "12/KH-UBND", "777/QĐ-BKHCN"), rec("b", "777/QĐ-BKHCN", "888/QĐ-TTg")]
    paths = []
    for r in records:
        write_json_atomic(tmp_path / f"{r.doc_id}.json", r.to_dict())
        paths.append(tmp_path / f"{r.doc_id}.json")
    before_b = paths[1].stat().st_mtime_ns
    assert relink_folder(paths) == 1
    assert json.loads(paths[0].read_text(encoding="utf-8"))["parent"]["chain"] == ["777/QĐ-BKHCN", "888/QĐ-TTg"]
    assert paths[1].stat().st_mtime_ns == before_b
    assert relink_folder(paths) == 0


HUYEN = ("ỦY BAN NHÂN DÂN\nHUYỆN KRÔNG PẮC\n\nSố: 156/KH-UBND\n\nKrông Pắc, ngày 10 tháng 3 năm 2022\n\nKẾ HOẠCH\n\n"
         "Nâng cao năng suất giai đoạn 2022 - 2030\n\nThực hiện Kế hoạch số 98/KH-UBND ngày 02/02/2022 của "
         "UBND tỉnh Đắk Lắk.\n\nI. MỤC TIÊU\n\n- Nâng cao năng suất.\n")
XA = ("ỦY BAN NHÂN DÂN\nXÃ EA PHÊ\n\nSố: 12/KH-UBND\n\nEa Phê, ngày 01 tháng 4 năm 2022\n\nKẾ HOẠCH\n\n"
      "Nâng cao năng suất giai đoạn 2022 - 2030\n\nThực hiện Kế hoạch số 156/KH-UBND ngày 10/3/2022 của "
      "UBND huyện Krông Pắc.\n\nI. MỤC TIÊU\n\n- Nâng cao năng suất.\n")


@pytest.fixture
def plans(tmp_path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    (src / "huyen.txt").write_text(HUYEN, encoding="utf-8")
    (src / "xa.txt").write_text(XA, encoding="utf-8")
    return src


def chains_in(db: Path) -> dict[str, list[str]]:
    with Store(db, readonly=True) as s:
        return {d["doc_id"]: [c["parent_number"] for c in s.chain(d["doc_id"])] for d in s.documents()}


def test_extract_ingest_and_demo_give_the_same_chains(plans, tmp_path):
    extract_folder(plans, tmp_path / "out", progress=False)
    extracted = {p.stem: json.loads(p.read_text(encoding="utf-8"))["parent"]["chain"]
                 for p in (tmp_path / "out").glob("*.json")}
    assert extracted["xa"][:2] == ["156/KH-UBND", "98/KH-UBND"]
    ingest_folder(plans, tmp_path / "x.db")
    assert chains_in(tmp_path / "x.db") == extracted
    with Store(tmp_path / "x.db", readonly=True) as s:
        assert s.get_record("xa")["parent"]["chain"] == extracted["xa"]
        assert [c["parent_doc_id"] for c in s.chain("xa")][:1] == ["huyen"]
    run_demo(plans, tmp_path / "demo", progress=False)
    assert chains_in(tmp_path / "demo" / "vnplan.db") == extracted


def test_ingest_lengthens_chains_of_documents_stored_in_an_earlier_batch(plans, tmp_path):
    db = tmp_path / "x.db"
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    (plans / "xa.txt").rename(first / "xa.txt")
    (plans / "huyen.txt").rename(second / "huyen.txt")
    ingest_folder(first, db)
    assert chains_in(db)["xa"][:1] == ["156/KH-UBND"] and "98/KH-UBND" not in chains_in(db)["xa"]
    result = ingest_folder(second, db)
    assert result.relinked == 1 and chains_in(db)["xa"][:2] == ["156/KH-UBND", "98/KH-UBND"]
