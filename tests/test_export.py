"""Exports: JSON Lines, CSV with a UTF-8 BOM (Vietnamese intact in Excel), xlsx; and `vnplan demo`."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from extractor.cli import cli
from extractor.export import header
from extractor.store import Store
from extractor.stores import open_store
from tests.conftest import make_db
from tests.test_store import add_gold_records, gold_records


@pytest.fixture(scope="module")
def db(module_backend, tmp_path_factory, request):
    """The gold records stored once on SQLite and once on PostgreSQL: a file path or a URL."""
    path = make_db(module_backend, tmp_path_factory.mktemp("export"), request, "e")
    with open_store(path) as s:
        add_gold_records(s)
    return path


def _n(kind: str) -> int:
    return sum(len(r[kind]) for r in gold_records().values())


def _run(*args: str):
    result = CliRunner().invoke(cli, ["export", *args])
    assert result.exit_code == 0, result.output
    return result


def test_csv_has_bom_and_vietnamese(db, tmp_path):
    out = tmp_path / "o.csv"
    _run("--format", "csv", "--kind", "obligations", "--db", str(db), "-o", str(out))
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == _n("obligations")
    assert list(rows[0]) == header("obligations")
    sample = next(r for r in rows if r["task"].startswith("tổng hợp, lập dự toán nguồn ngân sách"))
    assert sample["lead"] == "Sở Khoa học và Công nghệ" and sample["deadline_text"] == "Hằng năm"
    assert sample["doc_number"] == "114/KH-UBND" and sample["place"] == "Yên Bái"


def test_targets_csv_to_stdout(db):
    text = _run("--format", "csv", "--kind", "targets", "--db", str(db)).stdout
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == _n("targets")
    assert any(r["unit"] == "%/năm" and r["value"] == "6.2" and r["year"] == "2025" for r in rows)


def test_jsonl_holds_both_kinds(db):
    lines = _run("--format", "jsonl", "--db", str(db)).stdout.splitlines()
    items = [json.loads(x) for x in lines]
    assert len(items) == _n("obligations") + _n("targets")
    assert {i["kind"] for i in items} == {"obligation", "target"}
    ob = next(i for i in items if i["kind"] == "obligation" and len(i["lead"]) > 3)
    assert isinstance(ob["lead"], list) and all(isinstance(b, str) for b in ob["lead"])


def test_xlsx_two_sheets(db, tmp_path):
    out = tmp_path / "x.xlsx"
    _run("--format", "xlsx", "--db", str(db), "-o", str(out))
    wb = load_workbook(out, read_only=True)
    assert wb.sheetnames == ["obligations", "targets"]
    ob = list(wb["obligations"].values)
    assert list(ob[0]) == header("obligations") and len(ob) == _n("obligations") + 1
    assert any("Sở Khoa học và Công nghệ" in (row[header("obligations").index("lead")] or "") for row in ob[1:])
    assert len(list(wb["targets"].values)) == _n("targets") + 1


def test_xlsx_needs_a_file(db):
    result = CliRunner().invoke(cli, ["export", "--format", "xlsx", "--db", str(db)])
    assert result.exit_code == 2 and "-o FILE" in result.output


def test_demo_writes_every_output(tmp_path):
    out = tmp_path / "out"
    corpus = Path(__file__).resolve().parent.parent / "corpus"
    result = CliRunner().invoke(cli, ["demo", str(corpus), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "vnplan demo: 5 documents" in result.stdout and "outputs:" in result.stdout
    assert len(list((out / "records").glob("*.json"))) == 5
    for name in ("obligations.csv", "targets.csv", "vnplan.xlsx", "items.jsonl"):
        assert (out / "exports" / name).exists(), name
    with Store(out / "vnplan.db", readonly=True) as s:
        assert s.counts()["documents"] == 5
    again = CliRunner().invoke(cli, ["demo", str(corpus), "--out", str(out)])  # rebuilds, never doubles
    assert again.exit_code == 0
    with Store(out / "vnplan.db", readonly=True) as s:
        assert s.counts()["documents"] == 5


def _csv_rows(*args: str) -> list[dict]:
    text = _run("--format", "csv", *args).stdout
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def test_filters_are_those_of_search(db):
    """--body, --year, --place, --kind keep exactly the items search keeps with the same filters."""
    with open_store(db, readonly=True) as s:
        for filters in ({"body": "Sở KH&CN", "year": 2025}, {"place": "tỉnh Bình Dương"}, {"body": "Phòng Kinh tế"}):
            hits = s.search("", kind="obligation", limit=10_000, **filters)
            args = [x for k, v in filters.items() for x in (f"--{k}", str(v))]
            rows = _csv_rows("--kind", "obligation", "--db", str(db), *args)
            assert sorted((r["doc_id"], r["task"]) for r in rows) == sorted((h["doc_id"], h["task"]) for h in hits)
            assert rows, filters
    # a district's items are in its province's export
    with_obligations = {d for d, r in gold_records().items() if r["obligations"]
                        and r["meta"].get("place") in ("Bình Dương", "Thuận An")}
    assert "thuan-an-kh-2021" in with_obligations
    assert {r["doc_id"] for r in _csv_rows("--db", str(db), "--place", "binh duong")} == with_obligations
    targets = _csv_rows("--kind", "targets", "--db", str(db), "--year", "2030")
    assert targets and {r["year"] for r in targets} == {"2030"}
    assert len(targets) == sum(1 for r in gold_records().values() for t in r["targets"] if t["year"] == 2030)


def test_parent_filter_and_columns(db):
    rows = _csv_rows("--kind", "targets", "--db", str(db), "--parent", "36/QD-TTg")  # marks optional
    expected = {d for d, r in gold_records().items() if "36/QĐ-TTg" in ((r.get("parent") or {}).get("chain") or [])}
    assert {r["doc_id"] for r in rows} == expected and len(expected) >= 2
    yb = next(r for r in rows if r["doc_id"] == "yen-bai-114-kh-ubnd-2021")
    assert yb["parent"] == "36/QĐ-TTg" and yb["chain"] == "36/QĐ-TTg"
    bd = next(r for r in rows if r["doc_id"] == "news-binh-duong-2109-2021")
    assert bd["parent"] == "2109/QĐ-UBND" and bd["chain"] == "2109/QĐ-UBND → 36/QĐ-TTg"
    assert _csv_rows("--db", str(db), "--parent", "999/QĐ-TTg") == []


def test_vietnamese_headers(db, tmp_path):
    rows = _csv_rows("--kind", "obligations", "--headers", "vi", "--db", str(db), "--place", "Yên Bái")
    assert list(rows[0])[:9] == ["Mã tệp", "Số hiệu văn bản", "Loại văn bản", "Ngày ban hành", "Cơ quan ban hành",
                                 "Địa phương", "Trích yếu", "Văn bản cấp trên", "Chuỗi văn bản cấp trên"]
    sample = next(r for r in rows if r["Nhiệm vụ"].startswith("tổng hợp, lập dự toán nguồn ngân sách"))
    assert sample["Cơ quan chủ trì"] == "Sở Khoa học và Công nghệ" and sample["Thời hạn"] == "Hằng năm"
    out = tmp_path / "vi.xlsx"
    _run("--format", "xlsx", "--headers", "vi", "--db", str(db), "-o", str(out))
    wb = load_workbook(out, read_only=True)
    assert wb.sheetnames == ["Nhiệm vụ", "Chỉ tiêu"]
    assert list(next(wb["Chỉ tiêu"].values))[10:14] == ["Chỉ tiêu", "Mã chỉ tiêu", "Phép so sánh", "Giá trị"]


def test_export_input_errors(db, tmp_path):
    r = CliRunner().invoke(cli, ["export", "--db", str(db), "--year", "20255"])
    assert r.exit_code == 2 and "--year must be a year such as 2025" in r.output
    r = CliRunner().invoke(cli, ["export", "--db", str(tmp_path / "none.db")])
    assert r.exit_code == 1 and "run `vnplan ingest" in r.output
    single = _run("--format", "jsonl", "--kind", "target", "--db", str(db)).stdout
    assert single == _run("--format", "jsonl", "--kind", "targets", "--db", str(db)).stdout
