"""Exports: JSON Lines, CSV with a UTF-8 BOM (Vietnamese intact in Excel), xlsx; and `vnplan demo`."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from extractor.cli import cli
from extractor.export import header
from extractor.store import Store
from tests.test_store import add_gold_records, gold_records


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "e.db"
    with Store(path) as s:
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
    result = CliRunner().invoke(cli, ["demo", "corpus", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "vnplan demo: 5 documents" in result.stdout and "outputs:" in result.stdout
    assert len(list((out / "records").glob("*.json"))) == 5
    for name in ("obligations.csv", "targets.csv", "vnplan.xlsx", "items.jsonl"):
        assert (out / "exports" / name).exists(), name
    with Store(out / "vnplan.db", readonly=True) as s:
        assert s.counts()["documents"] == 5
    again = CliRunner().invoke(cli, ["demo", "corpus", "--out", str(out)])  # rebuilds, never doubles
    assert again.exit_code == 0
    with Store(out / "vnplan.db", readonly=True) as s:
        assert s.counts()["documents"] == 5
