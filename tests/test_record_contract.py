"""Every record the pipeline writes honours the public contract: schema, spans, doc ids."""

from __future__ import annotations

import json

from click.testing import CliRunner

from extractor.cli import cli
from extractor.record import validate_record


def test_txt_records_are_schema_valid(txt_records):
    for doc_id, rec in txt_records.items():
        assert validate_record(rec) == [], doc_id


def test_every_quote_is_its_span(txt_records):
    for doc_id, rec in txt_records.items():
        text = rec["text"]
        items = rec["targets"] + rec["obligations"] + [m for r in rec["references"] for m in r["mentions"]]
        for it in items:
            a, b = it["span"]
            assert text[a:b] == it["quote"], (doc_id, it["quote"][:60])


def test_sections_lie_inside_the_text(txt_records):
    for rec in txt_records.values():
        for s in rec["sections"]:
            assert 0 <= s["start"] < s["end"] <= len(rec["text"])


def test_doc_id_and_source(txt_records):
    rec = txt_records["yen-bai-114-kh-ubnd-2021"]
    assert rec["doc_id"] == "yen-bai-114-kh-ubnd-2021"
    assert rec["source"]["format"] == "txt"
    assert len(rec["source"]["sha256"]) == 64
    assert rec["status"] == "ok" and rec["errors"] == []


def test_normalized_text_drops_portal_furniture(txt_records):
    text = txt_records["yen-bai-114-kh-ubnd-2021"]["text"]
    assert "Đang tải nội dung" not in text
    assert "Số: 114/KH-UBND" in text


def test_cli_extract_file_prints_one_record(tmp_path):
    src = tmp_path / "mini.txt"
    src.write_text("KẾ HOẠCH\n\nThực hiện Quyết định số 36/QĐ-TTg ngày 11/01/2021 của Thủ tướng Chính phủ.\n",
                   encoding="utf-8")
    res = CliRunner().invoke(cli, ["extract", str(src)])
    assert res.exit_code == 0, res.output
    rec = json.loads(res.stdout)
    assert rec["doc_id"] == "mini" and validate_record(rec) == []


def test_cli_extract_folder_writes_one_record_per_file(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Kế hoạch số 1/KH-UBND", encoding="utf-8")
    (src / "b.txt").write_bytes(b"")
    out = tmp_path / "out"
    res = CliRunner().invoke(cli, ["extract", str(src), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in out.glob("*.json")) == ["a.json", "b.json"]
    bad = json.loads((out / "b.json").read_text(encoding="utf-8"))
    assert bad["status"] == "error" and bad["errors"]


def test_cli_extract_folder_needs_out(tmp_path):
    res = CliRunner().invoke(cli, ["extract", str(tmp_path)])
    assert res.exit_code == 2 and "-o OUT" in res.output


def test_doc_ids_stay_unique_for_repeated_names():
    from pathlib import Path

    from extractor.pipeline import doc_ids

    files = [Path("x/a.txt"), Path("y/a.txt"), Path("z/a.txt"), Path("a.pdf"), Path("b.txt")]
    assert doc_ids(files) == ["a", "a-txt", "a-txt-2", "a-pdf", "b"]
