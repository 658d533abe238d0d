"""The store: schema, one transaction per document, idempotence by sha256, replacement, links.

Rich records are built from the gold files (`gold_records`): the gold items get spans and quotes
found in the normalized corpus text, so tests do not depend on how far the extractors are.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
import sqlite3
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from extractor.ingest import read_document
from extractor.normalize import normalize
from extractor.record import SCHEMA_VERSION, Record
from extractor.store import Store, record_rows
from extractor.stores import open_store
from tests.conftest import make_db

ROOT = Path(__file__).resolve().parent.parent
GOLD = Path(__file__).resolve().parent / "gold"
_HEADING = re.compile(r"^([IVX]+)\.\s+(.+)$", re.MULTILINE)


def _line_span(text: str, start: int, end: int) -> list[int]:
    """The whole line(s) around text[start:end]."""
    s = text.rfind("\n", 0, start) + 1
    e = text.find("\n", end)
    return [s, len(text) if e < 0 else e]


def _locate(text: str, phrase: str | None) -> list[int] | None:
    """Span of the line holding `phrase` (or its first 40 characters), or None."""
    if not phrase:
        return None
    for probe in (phrase, phrase[:40]):
        i = text.find(probe)
        if i < 0:
            i = text.lower().find(probe.lower())
        if i >= 0:
            return _line_span(text, i, i + len(probe))
    return None


def _sections(text: str) -> list[dict[str, Any]]:
    heads = list(_HEADING.finditer(text))
    return [{"id": m.group(1), "number": m.group(1), "title": m.group(2).strip(), "level": 1,
             "start": m.start(), "end": heads[i + 1].start() if i + 1 < len(heads) else len(text)}
            for i, m in enumerate(heads)]


@lru_cache(maxsize=1)
def _gold_records() -> dict[str, dict[str, Any]]:
    out = {}
    for gold_path in sorted(GOLD.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        path = ROOT / "corpus" / f"{gold['doc_id']}.txt"
        raw = read_document(path)
        text = normalize(raw)
        rec: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION, "doc_id": gold["doc_id"],
            "source": {"path": str(path), "sha256": raw.sha256, "format": "txt", "pages": None},
            "status": "ok", "errors": [], "meta": gold["meta"], "parent": gold["parent"],
            "references": [], "targets": [], "obligations": [], "sections": _sections(text), "text": text}
        for ref in gold["references"]:
            span = _locate(text, ref["number"] or ref["title"])
            mentions = [{"span": span, "quote": text[span[0]:span[1]]}] if span else []
            rec["references"].append(ref | {"mentions": mentions})
        for key, probe in (("targets", "indicator"), ("obligations", "task")):
            for item in gold[key]:
                span = _locate(text, item[probe])
                if span:
                    base = {"deadline": None} if key == "obligations" else {}
                    rec[key].append(base | item | {"span": span, "quote": text[span[0]:span[1]]})
        out[gold["doc_id"]] = rec
    return out


def gold_records() -> dict[str, dict[str, Any]]:
    """Full records (spans, quotes, sections) made from the gold files and the corpus text."""
    return copy.deepcopy(_gold_records())


def add_gold_records(store: Store) -> Store:
    """Store every gold record; the store, for chaining."""
    for rec in gold_records().values():
        store.add_record(rec)
    return store


def changed(record: dict[str, Any], suffix: str) -> dict[str, Any]:
    """The same record as if its file had changed: new text tail, new sha256."""
    rec = copy.deepcopy(record)
    rec["text"] += suffix
    rec["source"]["sha256"] = hashlib.sha256(rec["text"].encode()).hexdigest()
    return rec


@pytest.fixture()
def store(backend, tmp_path, request) -> Store:
    """An empty store, once on SQLite and once on PostgreSQL."""
    with open_store(make_db(backend, tmp_path, request)) as s:
        yield s


def _on_pg(store: Store) -> bool:
    return getattr(store.conn, "backend", None) == "postgresql"


def test_gold_records_are_rich_and_quotes_match_spans():
    recs = gold_records()
    assert len(recs) == 5
    yb = recs["yen-bai-114-kh-ubnd-2021"]
    assert len(yb["obligations"]) >= 15 and len(yb["targets"]) >= 4
    for rec in recs.values():
        for item in rec["targets"] + rec["obligations"]:
            assert rec["text"][item["span"][0]:item["span"][1]] == item["quote"]


def test_add_record_writes_every_table(store):
    for rec in gold_records().values():
        assert store.add_record(rec) == "added"
    counts = store.counts()
    recs = gold_records().values()
    assert counts["documents"] == 5
    assert counts["obligations"] == sum(len(r["obligations"]) for r in recs)
    assert counts["targets"] == sum(len(r["targets"]) for r in recs)
    assert counts["references"] == sum(len(r["references"]) for r in recs)
    assert counts["obligation_bodies"] >= counts["obligations"]
    assert counts["errors"] == 0
    names = {r[0] for r in store.conn.execute("SELECT name FROM bodies")}
    assert "Sở Khoa học và Công nghệ" in names
    aliases = json.loads(store.conn.execute(
        "SELECT aliases FROM bodies WHERE name = 'Sở Khoa học và Công nghệ'").fetchone()[0])
    assert "Sở KH&CN" in aliases


def test_round_trip_and_schema_pragmas(store):
    rec = gold_records()["yen-bai-114-kh-ubnd-2021"]
    store.add_record(rec)
    assert store.get_record(rec["doc_id"]) == Record.from_dict(rec).to_dict()  # missing fields at their defaults
    if not _on_pg(store):
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    doc = store.document(rec["doc_id"])
    assert doc["number"] == "114/KH-UBND" and doc["period_start"] == 2021 and doc["place"] == "Yên Bái"


def test_idempotent_by_sha_and_copy_under_other_name(store):
    rec = gold_records()["thuan-an-kh-2021"]
    assert store.add_record(rec) == "added"
    before = store.counts()
    assert store.add_record(rec) == "skipped"
    assert store.add_record(rec | {"doc_id": "a-copy"}) == "skipped"
    assert store.counts() == before
    assert store.has_sha(rec["source"]["sha256"]) and not store.has_sha("0" * 64)


def test_changed_file_replaces_its_rows(store):
    rec = gold_records()["yen-bai-114-kh-ubnd-2021"]
    store.add_record(rec)
    before = store.counts()
    new = changed(rec, "\n\nPhụ lục bổ sung.")
    new["obligations"] = new["obligations"][:3]
    assert store.add_record(new) == "replaced"
    after = store.counts()
    assert after["documents"] == 1
    assert after["obligations"] == 3
    assert after["targets"] == before["targets"]
    assert store.get_record(rec["doc_id"])["text"].endswith("Phụ lục bổ sung.")
    # the full-text index follows the replacement: no stale passages
    if _on_pg(store):
        n_fts = store.conn.execute("SELECT count(*) FROM passages WHERE tsv @@ to_tsquery('simple', 'bo & sung')"
                                   ).fetchone()[0]
        assert store.conn.execute("SELECT count(*) FROM passages p WHERE NOT EXISTS "
                                  "(SELECT 1 FROM documents d WHERE d.doc_id = p.doc_id)").fetchone()[0] == 0
    else:
        n_fts = store.conn.execute("SELECT count(*) FROM passages_fts WHERE passages_fts MATCH 'bo sung'"
                                   ).fetchone()[0]
        assert store.conn.execute("INSERT INTO passages_fts(passages_fts) VALUES ('integrity-check')")
    assert n_fts >= 1
    assert [h["doc_id"] for h in store.search("phu luc bo sung", kind="text")] == [rec["doc_id"]]
    assert store.search("phu luc bo sung", kind="text")[0]["quote"].endswith("Phụ lục bổ sung.")


def test_parent_links_resolve_in_any_order(backend, tmp_path, request):
    recs = gold_records()
    # a stand-in for the provincial decision 2109/QĐ-UBND that Thuận An implements
    parent = changed(recs["yen-bai-114-kh-ubnd-2021"], "\n")
    parent["doc_id"] = "binh-duong-2109"
    parent["meta"] = parent["meta"] | {"number": "2109/QĐ-UBND", "place": "Bình Dương"}
    for order in ([recs["thuan-an-kh-2021"], parent], [parent, recs["thuan-an-kh-2021"]]):
        with open_store(make_db(backend, tmp_path, request, f"links-{order[0]['doc_id']}")) as s:
            for r in order:
                s.add_record(r)
            chain = s.chain("thuan-an-kh-2021")
            assert [c["parent_number"] for c in chain] == ["2109/QĐ-UBND", "36/QĐ-TTg"]
            assert chain[0]["parent_doc_id"] == "binh-duong-2109" and chain[1]["parent_doc_id"] is None
            resolved = s.conn.execute('SELECT resolved_doc_id FROM "references" WHERE doc_id = ? AND number = ?',
                                      ("thuan-an-kh-2021", "2109/QĐ-UBND")).fetchone()[0]
            assert resolved == "binh-duong-2109"


def test_a_failing_write_leaves_no_half_document(store):
    rec = gold_records()["yen-bai-114-kh-ubnd-2021"]
    rows = record_rows(Record.from_dict(rec))
    rows.passages.append(("text", None, 0, 1, None, None))  # NOT NULL violation after most rows went in
    import psycopg

    with pytest.raises((sqlite3.IntegrityError, psycopg.IntegrityError)):
        store.add_rows(rows)
    assert all(n == 0 for t, n in store.counts().items() if t != "bodies")


def test_error_records_are_stored_and_listed(store):
    rec = {"doc_id": "broken", "source": {"path": "x/broken.pdf", "sha256": "f" * 64, "format": "pdf"},
           "status": "error", "errors": ["cannot open file: damaged"], "meta": {}, "text": ""}
    store.add_record(rec)
    store.add_error("x/crash.txt", "worker failed: MemoryError")
    errs = store.errors()
    assert [(e["doc_id"], e["message"]) for e in errs] == [("broken", "cannot open file: damaged"),
                                                          (None, "worker failed: MemoryError")]
    assert store.document("broken")["status"] == "error"
