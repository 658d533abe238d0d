"""The tantivy index beside a SQLite store (`extractor.search_index`): exactly FTS5's hits, totals and
facets for the benchmark's 20 queries and every filter, in tantivy's own order; detected when deleted,
stale (a writer killed between the SQLite commit and the index commit) or another database's, and
rebuilt on open while searches stay right; and `vnplan reindex`. Real SQLite, real tantivy."""

from __future__ import annotations

import copy
import importlib.util
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from extractor import search_index
from extractor.cli import cli
from extractor.search import Filters, facet_counts, run
from extractor.store import Store
from extractor.stores import is_url, open_store
from tests.test_store import gold_records

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("bench_store", ROOT / "benchmarks" / "bench_store.py")
assert _spec and _spec.loader
bench_store = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_store)
QUERIES: list[tuple[str, dict]] = bench_store.QUERIES

ALL = 10**6  # a page holding every hit
YB = "yen-bai-114-kh-ubnd-2021"

# Words of other scripts and forms, so the index meets characters FTS5 splits or keeps its own way.
ODD_TEXT = ("Văn bản thử nghiệm ký tự\nMục tiêu 中文資料 và ＡＢＣ１２３ (toàn khối), ½ kế hoạch, x² + y², "
            "Ωmega ΣΑΛΑ, café\u0301 naïve, “trích dẫn” — gạch_dưới, mã#123@vn, Ⅻ chương, ﬁnal.\n")

# Document filters and words with filters beyond the benchmark's 20 queries.
MORE: list[tuple[str, dict]] = [
    ("khoa hoc", {"doc_type": "Kế hoạch"}), ("", {"doc_type": "kế hoạch"}), ("", {"doc_type": "KẾ HOẠCH"}),
    ("", {"doc_type": "KẾ hoạch"}), ("", {"level": "district"}), ("doi moi", {"level": "province", "kind": "obligation"}),
    ("", {"issuer": "UBND tỉnh Yên Bái"}), ("cong nghe", {"issuer": "Ủy ban nhân dân thành phố Thuận An"}),
    ("", {"date_from": "2021-06-01"}), ("khoa hoc", {"date_from": "2021-01-01", "date_to": "2021-12-31"}),
    ("", {"date_to": "2021-05-11"}), ("", {"date_from": "2021-05-11", "date_to": "2021-05-11"}),
    ("cong nghe", {"place": "Bình Dương", "date_from": "2022-01-01"}), ("", {"kind": "target", "year": 2025}),
    ("", {"body": "Sở KH&CN", "body_prefix": True}), ("trien khai", {"kind": "obligation", "body": "Sở Tài chính"}),
    ("", {"kind": "reference", "place": "Yên Bái", "level": "province"}), ("ke hoach", {"kind": "text", "year": 2030}),
    ("中文資料", {}), ("ＡＢＣ１２３", {}), ("Ωmega", {}), ("ΣΑΛΑ", {}), ("cafe", {}), ("½", {}), ("gạch_dưới", {}),
    ("khong co tu nay dau", {}), ("", {"doc_type": "Quyết định"}),
]


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# Document facts SQL groups apart though they fold alike: case, decomposed marks, a blank or spaced
# value, fullwidth and astral letters (UTF-8 byte order differs from UTF-16's there), on copies of
# one document (the same passages: tied counts, ordered by the value).
FACT_VARIANTS: dict[str, dict] = {
    "yb-upper": {"doc_type": "KẾ HOẠCH", "issuer": "ỦY BAN NHÂN DÂN TỈNH YÊN BÁI"},
    "yb-nfd": {"doc_type": _nfd("Kế hoạch"), "issuer": "Uy ban nhan dan tinh Yen Bai", "place": _nfd("Yên Bái"),
               "level": "district"},
    "yb-blank": {"doc_type": "", "issuer": "", "level": None, "place": ""},
    "yb-wide": {"doc_type": " ", "issuer": "ＵＢＮＤ tỉnh Yên Bái", "place": "Yên Bái "},
    "yb-astral": {"issuer": "𝐔𝐁𝐍𝐃 tỉnh Yên Bái", "level": "commune"},
}


def fact_records() -> list[dict]:
    """The Yên Bái plan under each of FACT_VARIANTS' facts (its own doc_id, path and sha256)."""
    out = []
    for i, (doc_id, meta) in enumerate(FACT_VARIANTS.items()):
        rec = gold_records()[YB]
        rec["doc_id"] = doc_id
        rec["source"] = rec["source"] | {"path": f"{doc_id}.txt", "sha256": f"{i + 1:x}" * 64}
        rec["meta"] |= meta
        out.append(rec)
    return out


def _odd_record() -> dict:
    return {"doc_id": "ky-tu", "source": {"path": "ky-tu.txt", "sha256": "b" * 64, "format": "txt"},
            "status": "ok", "errors": [], "meta": {"kind": "other", "place": "Hòa Bình", "date": "2023-02-01"},
            "text": ODD_TEXT}


def _engine(monkeypatch, engine: str) -> None:
    """Search through the tantivy index, or through the database's own full-text search (FTS5, PostgreSQL)."""
    if engine == "tantivy":
        monkeypatch.delenv("VNPLAN_SEARCH_INDEX", raising=False)
    else:
        monkeypatch.setenv("VNPLAN_SEARCH_INDEX", "off")


def _all(s: Store, query: str, filters: dict) -> tuple[list[int], int, str, list[float]]:
    r = run(s.conn, query, filters=Filters(**filters), limit=ALL)
    return [h["passage_id"] for h in r.hits], r.total, r.engine, [h["score"] for h in r.hits]


def _facets(conn, query: str, filters: dict):
    """The facets of a search and what counted them (tantivy, or the database's GROUP BY)."""
    return facet_counts(conn, query, Filters(**filters))


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    """The gold records, a record of odd characters and the fact variants in a SQLite store with its index."""
    path = tmp_path_factory.mktemp("index") / "s.db"
    with Store(path) as s:
        for rec in [*gold_records().values(), _odd_record(), *fact_records()]:
            assert s.add_record(rec) == "added"
    return path


@pytest.fixture()
def store(db) -> Store:
    with Store(db, readonly=True) as s:
        yield s


@pytest.mark.parametrize("query,filters", QUERIES + MORE, ids=lambda v: str(v)[:40])
def test_same_hits_and_totals_as_own(store, monkeypatch, query, filters):
    _engine(monkeypatch, "fts5")
    fts_ids, fts_total, fts_engine, _ = _all(store, query, filters)
    _engine(monkeypatch, "tantivy")
    ids, total, engine, scores = _all(store, query, filters)
    assert (fts_engine, engine) in {("fts5", "tantivy"), ("", "")}, (fts_engine, engine)
    assert sorted(ids) == sorted(fts_ids)
    assert total == fts_total == len(fts_ids)
    assert len(set(ids)) == len(ids)
    if query.strip() and store.search(query, **filters):
        assert scores == sorted(scores) and scores[0] < 0  # best first, negated as FTS5's rank
    elif not query.strip():
        assert ids == sorted(ids)  # an empty query lists in document order, as before


@pytest.mark.parametrize("query,filters", QUERIES + MORE, ids=lambda v: str(v)[:40])
def test_same_facets_as_own(store, monkeypatch, query, filters):
    """Facets counted by the index: FTS5's GROUP BY to the value, count and order."""
    _engine(monkeypatch, "fts5")
    own, own_engine = _facets(store.conn, query, filters)
    _engine(monkeypatch, "tantivy")
    got, engine = _facets(store.conn, query, filters)
    assert (own_engine, engine) in {("fts5", "tantivy"), ("", "")}, (own_engine, engine)
    assert got == own


def test_facets_keep_the_stored_values_apart(store):
    """The comparisons above meet every fact variant: values as stored, ties ordered by code point."""
    got, engine = _facets(store.conn, "khoa hoc", {})
    assert engine == "tantivy"
    issuers = dict(got["issuer"])
    variants = [v["issuer"] for v in FACT_VARIANTS.values() if v["issuer"]] + ["Ủy ban nhân dân tỉnh Yên Bái"]
    assert len({issuers[v] for v in variants}) == 1  # copies of one document: the same count
    tied = [v for v, _ in got["issuer"] if v in variants]
    assert tied == sorted(variants) and tied.index("ＵＢＮＤ tỉnh Yên Bái") < tied.index("𝐔𝐁𝐍𝐃 tỉnh Yên Bái")
    assert {"Kế hoạch", _nfd("Kế hoạch"), "KẾ HOẠCH", " "} <= dict(got["doc_type"]).keys()
    assert {"Yên Bái", _nfd("Yên Bái"), "Yên Bái "} <= dict(got["place"]).keys()
    assert all(value != "" and n > 0 for values in got.values() for value, n in values)
    for values in got.values():
        assert [n for _, n in values] == sorted((n for _, n in values), reverse=True)
    filtered, engine = _facets(store.conn, "khoa hoc", {"issuer": "UBND tỉnh Yên Bái", "level": "province"})
    assert engine == "tantivy"
    assert {"ỦY BAN NHÂN DÂN TỈNH YÊN BÁI", "Ủy ban nhân dân tỉnh Yên Bái"} <= dict(filtered["issuer"]).keys()
    assert "Uy ban nhan dan tinh Yen Bai" not in dict(filtered["issuer"])  # a district's: not kept
    assert [v for v, _ in filtered["level"]] == ["province"]


def test_the_queries_find_something(store):
    """The comparisons above are not between two empty lists."""
    found = [q for q, f in QUERIES + MORE if run(store.conn, q, filters=Filters(**f), limit=1).total]
    assert len(found) >= 30
    for query in ("中文資料", "ＡＢＣ１２３", "Ωmega", "ΣΑΛΑ", "½", "gạch_dưới"):
        assert [h["doc_id"] for h in store.search(query)] == ["ky-tu"], query


def test_pages_cover_the_hits_once(store):
    pages_cover_the_hits_once(store)


def pages_cover_the_hits_once(store: Any, queries: tuple[str, ...] = ("khoa hoc", "yen bai",
                                                                       "tiêu chuẩn đo lường chất lượng")) -> None:
    """Pages of 7, with the total and without it, are slices of every match ranked at once: tied
    passages (the copies of the Yên Bái plan) in the index's order, none on two pages or on none."""
    for query in queries:
        ids, total, engine, _ = _all(store, query, {})
        assert engine == "tantivy" and total == len(ids) > 20
        paged, searched = [], []
        for offset in range(0, total, 7):
            r = run(store.conn, query, limit=7, offset=offset)
            assert r.total == total and r.engine == "tantivy"
            paged += [h["passage_id"] for h in r.hits]
            searched += [h["passage_id"] for h in store.search(query, limit=7, offset=offset)]
        assert paged == searched == ids, query
    if "yen bai" in queries:
        tied = [h["score"] for h in run(store.conn, "yen bai", limit=ALL).hits]
        assert len(tied) > len(set(tied))


def test_hits_are_hydrated_as_before(store, monkeypatch):
    """A hit from tantivy is the hit FTS5 gives for the same passage (all but the score)."""
    hits = store.search("doi moi sang tao", kind="obligation", limit=5)
    _engine(monkeypatch, "fts5")
    fts = {h["passage_id"]: h for h in run(store.conn, "doi moi sang tao", filters=Filters(kind="obligation"),
                                             limit=ALL).hits}
    assert len(hits) == 5
    for hit in hits:
        assert {k: v for k, v in hit.items() if k != "score"} == {k: v for k, v in fts[hit["passage_id"]].items()
                                                                  if k != "score"}
        assert hit["kind"] == "obligation" and hit["quote"] and hit["span"][1] > hit["span"][0]


def test_tokens_are_fts5s():
    """Every character of the BMP in runs, and random mixes: the index's tokens are FTS5's."""
    rng = random.Random(5)
    pool = [chr(c) for c in range(0x80, 0x10000) if not 0xD800 <= c < 0xE000] + list("aZ09 _-.,") * 500
    texts = ["x" + "".join(chr(c) for c in range(start, start + 64)) + " y" for start in range(0x80, 0x10000, 64)
             if not 0xD800 <= start < 0xE000]
    texts += ["".join(rng.choice(pool) for _ in range(40)) for _ in range(300)]
    texts += ["Đổi mới Sáng tạo KH&CN 2025", "ABC def_GHI 12.5%", ODD_TEXT]
    c = sqlite3.connect(":memory:")
    c.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61 remove_diacritics 0')")
    c.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, instance)")
    c.executemany("INSERT INTO t (rowid, x) VALUES (?, ?)", list(enumerate(texts, 1)))
    fts: dict[int, Counter] = {}
    for doc, term in c.execute("SELECT doc, term FROM v"):
        fts.setdefault(doc, Counter())[term] += 1
    for i, text in enumerate(texts, 1):
        assert Counter(search_index.tokens(text).split()) == fts.get(i, Counter()), text


# -- in step: deleted, stale, another database's, switched off ------------------------------------


def _small(path: Path, *doc_ids: str) -> Path:
    records = gold_records()
    with Store(path) as s:
        for doc_id in doc_ids:
            s.add_record(records[doc_id])
    return path


def _read(db: Path | str, query: str, **filters) -> tuple[list[int], int, str]:
    """Every hit (sorted), the total and the engine that answered, from a SQLite file or a PostgreSQL URL."""
    with open_store(db, readonly=True) as s:
        ids, total, engine, _ = _all(s, query, filters)
    return sorted(ids), total, engine


def _own(db: Path | str, monkeypatch, query: str, **filters) -> tuple[list[int], int]:
    """The hits and total of the database's own full-text search (FTS5, or PostgreSQL's for a URL)."""
    monkeypatch.setenv("VNPLAN_SEARCH_INDEX", "off")
    ids, total, engine = _read(db, query, **filters)
    monkeypatch.delenv("VNPLAN_SEARCH_INDEX")
    assert engine == ("postgresql" if is_url(db) else "fts5")
    return ids, total


def _read_facets(db: Path | str, query: str, **filters) -> tuple[dict, str]:
    """The facets and what counted them, from a SQLite file or a PostgreSQL URL."""
    with open_store(db, readonly=True) as s:
        return _facets(s.conn, query, filters)


def _own_facets(db: Path | str, monkeypatch, query: str, **filters) -> dict:
    """The facets the database's own GROUP BY counts (FTS5's matches, or PostgreSQL's for a URL)."""
    monkeypatch.setenv("VNPLAN_SEARCH_INDEX", "off")
    got, engine = _read_facets(db, query, **filters)
    monkeypatch.delenv("VNPLAN_SEARCH_INDEX")
    assert engine == ("postgresql" if is_url(db) else "fts5")
    return got


def _remove(folder: Path) -> None:
    """Delete an index folder as a user would, again if a file of tantivy's last commit landed while it went (seen
    once under load: 'Directory not empty')."""
    for _ in range(5):
        shutil.rmtree(folder, ignore_errors=True)
        if not folder.exists():
            return
        time.sleep(0.2)
    assert not folder.exists()


def test_deleted_index_is_rebuilt_on_open(tmp_path, monkeypatch):
    db = _small(tmp_path / "d.db", YB, "thuan-an-kh-2021")
    expected = _own(db, monkeypatch, "khoa hoc")
    facets = _own_facets(db, monkeypatch, "khoa hoc")
    assert expected[1] > 10 and _read(db, "khoa hoc") == (*expected, "tantivy")
    assert len(facets["issuer"]) == 2 and _read_facets(db, "khoa hoc") == (facets, "tantivy")
    _remove(search_index.index_path(db))
    assert _read(db, "khoa hoc") == (*expected, "fts5")  # right meanwhile, from FTS5
    assert _read_facets(db, "khoa hoc") == (facets, "fts5")
    with Store(db):
        pass
    assert _read(db, "khoa hoc") == (*expected, "tantivy")
    assert _read_facets(db, "khoa hoc") == (facets, "tantivy")


_KILLED_WRITER = """
import os, signal, sys
from pathlib import Path
from extractor import search_index
from extractor.store import Store
from extractor.stores import is_url, open_store
from tests.test_store import changed, gold_records

search_index.SYNC_SECONDS = 3600  # the index commit comes later (at close): the kill lands before it
records = gold_records()
s = Store(Path(sys.argv[1]))
s.add_record(records["news-quang-ninh-36-2021"])
s.add_record(changed(records[sys.argv[2]], "\\nDòng mới: chữ ký số điện tử."))  # replaces its passages
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_writer_killed_between_sqlite_and_index_commits(tmp_path, monkeypatch):
    db = _small(tmp_path / "k.db", YB, "thuan-an-kh-2021")
    old = _read(db, "khoa hoc")
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(_KILLED_WRITER), str(db), YB], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == -9, proc.stderr
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT count(*) FROM documents").fetchone()[0] == 3
        assert c.execute("SELECT count(*) FROM passages_changes").fetchone()[0] > 0  # logged, not indexed
    stale = search_index.SearchIndex(db, writable=False)
    assert stale.stamp() != search_index.db_state(sqlite3.connect(db))
    for query in ("khoa hoc", "chu ky so dien tu", "36/QĐ-TTg"):
        expected = _own(db, monkeypatch, query)
        assert expected[1] > 0
        assert _read(db, query) == (*expected, "fts5")  # stale index detected: FTS5 answers, right
        assert _read_facets(db, query) == (_own_facets(db, monkeypatch, query), "fts5")
    assert _read(db, "khoa hoc")[0] != old[0]  # the new and replaced passages are in the answer
    assert "Quảng Ninh" in dict(_read_facets(db, "khoa hoc")[0]["place"])
    with Store(db) as s:
        assert s.conn.execute("SELECT count(*) FROM passages_changes").fetchone()[0] == 0
    for query in ("khoa hoc", "chu ky so dien tu", "36/QĐ-TTg"):
        assert _read(db, query) == (*_own(db, monkeypatch, query), "tantivy")
        assert _read_facets(db, query) == (_own_facets(db, monkeypatch, query), "tantivy")


def test_index_of_another_database_is_rebuilt(tmp_path, monkeypatch):
    a = _small(tmp_path / "a.db", YB)
    b = _small(tmp_path / "b.db", "thuan-an-kh-2021", "news-binh-duong-khcn-2022")
    shutil.rmtree(search_index.index_path(b))
    shutil.copytree(search_index.index_path(a), search_index.index_path(b))
    expected = _own(b, monkeypatch, "khoa hoc")
    assert _read(b, "khoa hoc") == (*expected, "fts5")
    with Store(b):
        pass
    assert _read(b, "khoa hoc") == (*expected, "tantivy")


def test_index_holding_other_passages_is_rebuilt(tmp_path, monkeypatch):
    """Passages written by a vnplan without the change log (its triggers dropped): counted on open."""
    db = _small(tmp_path / "o.db", YB)
    with sqlite3.connect(db) as c:
        for trigger in ("passages_log_ai", "passages_log_ad", "passages_log_au"):
            c.execute(f"DROP TRIGGER {trigger}")
        c.execute("DELETE FROM passages WHERE kind = 'obligation'")
    expected = _own(db, monkeypatch, "khoa hoc")
    with Store(db):
        pass
    assert _read(db, "khoa hoc") == (*expected, "tantivy")


def test_a_document_date_not_iso_leaves_date_filters_to_own(tmp_path, monkeypatch):
    db = tmp_path / "odd.db"
    rec = copy.deepcopy(_odd_record())
    rec["meta"]["date"] = "tháng 5/2021"
    with Store(db) as s:
        s.add_record(gold_records()[YB])
        s.add_record(rec)
    for filters in ({"date_from": "2021-01-01"}, {"date_to": "2021-12-31"}):
        expected = _own(db, monkeypatch, "", **filters)
        assert expected[1] > 0 and _read(db, "", **filters) == (*expected, "fts5")
        assert _read_facets(db, "", **filters) == (_own_facets(db, monkeypatch, "", **filters), "fts5")
    assert _read(db, "khoa hoc") == (*_own(db, monkeypatch, "khoa hoc"), "tantivy")
    assert _read_facets(db, "khoa hoc") == (_own_facets(db, monkeypatch, "khoa hoc"), "tantivy")


def test_a_fact_too_long_for_a_fast_field_leaves_facets_to_own(tmp_path, monkeypatch):
    """tantivy cuts a fast field's text at 65,535 bytes: such a value is not put in the index, its
    facets are counted by SQL (whole), while searches still go through the index."""
    db = tmp_path / "long.db"
    rec = gold_records()["thuan-an-kh-2021"]
    rec["meta"]["issuer"] = "Ủy ban nhân dân " * 5000  # 95,000 bytes
    with Store(db) as s:
        s.add_record(gold_records()[YB])
        s.add_record(rec)
    facets = _own_facets(db, monkeypatch, "khoa hoc")
    assert rec["meta"]["issuer"] in dict(facets["issuer"])
    assert _read_facets(db, "khoa hoc") == (facets, "fts5")
    assert _read(db, "khoa hoc") == (*_own(db, monkeypatch, "khoa hoc"), "tantivy")


def test_changed_document_facts_reach_the_index(tmp_path, monkeypatch):
    """A document whose issuer and place (the facts only facets read), or type, change in place: its
    passages are logged again (the trigger on documents), and the facets counted by the index follow."""
    db = _small(tmp_path / "c.db", YB, "thuan-an-kh-2021")
    for change, value in (("issuer = 'UBND thị xã Nghĩa Lộ', place = 'Nghĩa Lộ'", "Nghĩa Lộ"),
                          ("doc_type = 'Chương trình'", "Chương trình")):
        with Store(db) as s:
            s.conn.execute(f"UPDATE documents SET {change} WHERE doc_id = ?", (YB,))
        facets = _own_facets(db, monkeypatch, "khoa hoc")
        assert value in {v for values in facets.values() for v, _ in values}
        assert _read_facets(db, "khoa hoc") == (facets, "tantivy")
    assert "Ủy ban nhân dân tỉnh Yên Bái" not in dict(facets["issuer"])


_OLD_TRIGGER = """CREATE TRIGGER documents_log_au AFTER UPDATE OF doc_type, level, issuer_folded, date
    ON documents BEGIN
    INSERT INTO passages_changes (passage_id) SELECT id FROM passages WHERE doc_id = new.doc_id; END"""


def _old_index(path: Path) -> None:
    """An index of vnplan-search-2 in `path`: its fields (no facts for facets) and its stamp."""
    import tantivy

    stamp = (path / "vnplan-stamp").read_text()
    shutil.rmtree(path)
    path.mkdir()
    sb = tantivy.SchemaBuilder()
    sb.add_integer_field("id", stored=False, indexed=True, fast=True)
    sb.add_text_field("f", stored=False, tokenizer_name="whitespace", index_option="position")
    sb.add_text_field("m", stored=False, tokenizer_name="raw", index_option="basic")
    sb.add_integer_field("day", stored=False, indexed=True, fast=True)
    tantivy.Index(sb.build(), path=str(path))
    (path / "vnplan-stamp").write_text(stamp.replace(search_index.VERSION, "vnplan-search-2"))


def test_a_store_of_the_previous_index_version_is_brought_up(tmp_path, monkeypatch):
    """A store written by vnplan-search-2: its index (no fact fields) is left to FTS5 by readers and
    rebuilt by the next writer, and its trigger on documents replaced by one on issuer and place too."""
    db = _small(tmp_path / "v.db", YB, "thuan-an-kh-2021")
    with sqlite3.connect(db) as c:
        c.execute("DROP TRIGGER documents_log_facts")
        c.execute(_OLD_TRIGGER)
    _old_index(search_index.index_path(db))
    facets = _own_facets(db, monkeypatch, "khoa hoc")
    assert _read_facets(db, "khoa hoc") == (facets, "fts5")
    assert _read(db, "khoa hoc") == (*_own(db, monkeypatch, "khoa hoc"), "fts5")
    with Store(db) as s:
        triggers = {r[0] for r in s.conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert "documents_log_facts" in triggers and "documents_log_au" not in triggers
        s.conn.execute("UPDATE documents SET place = 'Nghĩa Lộ' WHERE doc_id = ?", (YB,))
    facets = _own_facets(db, monkeypatch, "khoa hoc")
    assert "Nghĩa Lộ" in dict(facets["place"])
    assert _read_facets(db, "khoa hoc") == (facets, "tantivy")


def test_switched_off(tmp_path, monkeypatch):
    monkeypatch.setenv("VNPLAN_SEARCH_INDEX", "off")
    db = _small(tmp_path / "off.db", YB)
    assert not search_index.index_path(db).exists()
    assert _read(db, "khoa hoc")[2] == "fts5"
    assert _read_facets(db, "khoa hoc")[1] == "fts5"


# -- vnplan reindex ------------------------------------------------------------------------------


def test_reindex_command(tmp_path, monkeypatch):
    db = _small(tmp_path / "r.db", YB, "news-binh-duong-khcn-2022")
    with Store(db, readonly=True) as s:
        passages = s.conn.execute("SELECT count(*) FROM passages").fetchone()[0]
    shutil.rmtree(search_index.index_path(db))
    assert _read(db, "khoa hoc")[2] == "fts5"
    result = CliRunner().invoke(cli, ["reindex", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert f"{passages:,} passages indexed" in result.output and passages > 50
    assert _read(db, "khoa hoc") == (*_own(db, monkeypatch, "khoa hoc"), "tantivy")
    again = CliRunner().invoke(cli, ["reindex", "--db", str(db)])  # an index in step is rebuilt all the same
    assert again.exit_code == 0 and f"{passages:,} passages indexed" in again.output


def test_reindex_command_refuses_with_a_sentence(tmp_path, monkeypatch):
    result = CliRunner().invoke(cli, ["reindex", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "no database at" in result.output and "Traceback" not in result.output
    db = _small(tmp_path / "r.db", YB)
    monkeypatch.setenv("VNPLAN_SEARCH_INDEX", "off")
    result = CliRunner().invoke(cli, ["reindex", "--db", str(db)])
    assert result.exit_code == 1 and "switched off" in result.output


_OTHER_USER_SEARCH = """
import sys
import tempfile
from pathlib import Path
from extractor.store import Store
from extractor.stores import is_url, open_store
with Store(Path(sys.argv[1]), readonly=True) as s:
    r = s.search_results("khoa hoc")
    print(r.engine, r.total)
"""


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("setpriv"), reason="needs root to act as another user")
def test_another_user_reads_the_index_from_a_read_only_folder(monkeypatch):
    """The web server or a colleague's shell: another user, the folder and the index read-only."""
    top = Path(tempfile.mkdtemp(prefix="vnplan-ro-"))
    try:
        top.chmod(0o755)
        db = _small(top / "x.db", YB)
        expected = _own(db, monkeypatch, "khoa hoc")[1]
        search_index.index_path(db).chmod(0o555)
        top.chmod(0o555)
        proc = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--", sys.executable,
                               "-c", textwrap.dedent(_OTHER_USER_SEARCH), str(db)], cwd=ROOT, capture_output=True,
                              text=True, timeout=300, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.split() == ["tantivy", str(expected)]
    finally:
        top.chmod(0o755)
        search_index.index_path(top / "x.db").chmod(0o755)
        shutil.rmtree(top)


@pytest.mark.parametrize("shards", [1, 3])
def test_every_shard_count_gives_the_same_answers(tmp_path, monkeypatch, shards):
    """An index split into 1 or 3 shards (`VNPLAN_SEARCH_SHARDS`; a passage in shard id % shards, each
    searched in its own thread): FTS5's hits, totals and facets for every query and filter, and pages
    that are slices of every match; a later writer keeps the count the index was built with."""
    monkeypatch.setenv("VNPLAN_SEARCH_SHARDS", str(shards))
    db = _small(tmp_path / "s.db", *gold_records())
    folder = search_index.index_path(db)
    assert sorted(p.name for p in folder.glob("shard-*")) == [f"shard-{k}" for k in range(shards)]
    answered = Counter()
    for query, filters in QUERIES + MORE:
        ids, total, engine = _read(db, query, **filters)
        facets, counted = _read_facets(db, query, **filters)
        _engine(monkeypatch, "fts5")
        assert (ids, total) == _read(db, query, **filters)[:2], (query, filters)
        assert facets == _read_facets(db, query, **filters)[0], (query, filters)
        _engine(monkeypatch, "tantivy")
        answered[engine, counted] += 1
    assert answered["tantivy", "tantivy"] >= 30
    with open_store(db, readonly=True) as s:
        sizes = [int(index.searcher().num_docs) for index in search_index.for_reading(s.conn).shards]
        assert len(sizes) == shards and min(sizes) > 0
        pages_cover_the_hits_once(s, queries=("khoa hoc", "ke hoach"))
    monkeypatch.setenv("VNPLAN_SEARCH_SHARDS", "2")
    with Store(db) as s:
        assert s._index is not None and len(s._index.shards) == shards and not s._index.rebuilt
