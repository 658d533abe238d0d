"""The tantivy index of a PostgreSQL database (`extractor.search_index`, kept on the writer's machine):
exactly PostgreSQL's own full-text hits, totals and facets for the benchmark's 20 queries and every filter;
detected when deleted, stale (a writer killed between the PostgreSQL commit and the index commit) or
behind a log another machine's index trimmed, and rebuilt on open while searches stay right; a sync
waits for a loader's open transaction rather than skip its changes; `vnplan reindex --db URL`.
A real private PostgreSQL cluster (tests/pg_cluster.py), real tantivy."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner

from extractor import search_index
from extractor.cli import cli
from extractor.search import Filters, run
from extractor.stores import open_store
from tests.conftest import new_pg_db
from tests.test_search_index import (
    MORE,
    QUERIES,
    YB,
    _all,
    _engine,
    _facets,
    _odd_record,
    _old_index,
    _own,
    _own_facets,
    _read,
    _read_facets,
    fact_records,
    pages_cover_the_hits_once,
)
from tests.test_store import gold_records

ROOT = Path(__file__).resolve().parent.parent
ALL = 10**6


@pytest.fixture(scope="module")
def url(pg_server) -> str:
    """The gold records, a record of odd characters and the fact variants in a PostgreSQL database
    with its index."""
    db = new_pg_db(pg_server, "pgindex")
    with open_store(db) as s:
        for rec in [*gold_records().values(), _odd_record(), *fact_records()]:
            assert s.add_record(rec) == "added"
    return db


@pytest.fixture()
def store(url):
    with open_store(url, readonly=True) as s:
        yield s


def test_pages_cover_the_hits_once(store):
    """Tantivy holds a PostgreSQL database's passages in the database's row order, not passage order: a
    page is still the same slice of every match, ties in the index's order (see tests/test_search_index.py)."""
    pages_cover_the_hits_once(store)


@pytest.mark.parametrize("query,filters", QUERIES + MORE, ids=lambda v: str(v)[:40])
def test_same_hits_and_totals_as_postgresql(store, monkeypatch, query, filters):
    _engine(monkeypatch, "postgresql")
    pg_ids, pg_total, pg_engine, _ = _all(store, query, filters)
    _engine(monkeypatch, "tantivy")
    ids, total, engine, scores = _all(store, query, filters)
    own = filters.get("doc_type") and not filters["doc_type"].isascii()  # PostgreSQL's lower(): its own answer
    assert (pg_engine, engine) in ({("postgresql", "postgresql")} if own else
                                   {("postgresql", "tantivy"), ("", "")}), (pg_engine, engine)
    assert sorted(ids) == sorted(pg_ids)
    assert total == pg_total == len(pg_ids)
    assert len(set(ids)) == len(ids)
    if query.strip() and ids and engine == "tantivy":
        assert scores == sorted(scores) and scores[0] < 0  # best first, negated as FTS5's rank
    elif not query.strip():
        assert ids == sorted(ids)  # an empty query lists in document order


@pytest.mark.parametrize("query,filters", QUERIES + MORE, ids=lambda v: str(v)[:40])
def test_same_facets_as_postgresql(store, monkeypatch, query, filters):
    """Facets counted by the index: PostgreSQL's GROUP BY to the value, count and order."""
    _engine(monkeypatch, "postgresql")
    own, own_engine = _facets(store.conn, query, filters)
    _engine(monkeypatch, "tantivy")
    got, engine = _facets(store.conn, query, filters)
    mine = filters.get("doc_type") and not filters["doc_type"].isascii()  # PostgreSQL's lower(): its own answer
    assert (own_engine, engine) in ({("postgresql", "postgresql")} if mine else
                                    {("postgresql", "tantivy"), ("", "")}), (own_engine, engine)
    assert got == own


def test_the_queries_find_something_and_tantivy_answers(store):
    found = [q for q, f in QUERIES + MORE if run(store.conn, q, filters=Filters(**f), limit=1).total]
    assert len(found) >= 30
    r = run(store.conn, "khoa hoc", filters=Filters(), limit=3)
    assert r.engine == "tantivy" and r.total > 40 and len(r.hits) == 3
    for query in ("中文資料", "ＡＢＣ１２３", "Ωmega", "ΣΑΛΑ", "gạch_dưới"):
        assert [h["doc_id"] for h in store.search(query)] == ["ky-tu"], query


def test_hits_are_hydrated_as_postgresqls(store, monkeypatch):
    """A hit from tantivy is the hit PostgreSQL gives for the same passage (all but the score)."""
    hits = store.search("doi moi sang tao", kind="obligation", limit=5)
    _engine(monkeypatch, "postgresql")
    own = {h["passage_id"]: h for h in run(store.conn, "doi moi sang tao", filters=Filters(kind="obligation"),
                                             limit=ALL).hits}
    assert len(hits) == 5
    for hit in hits:
        assert {k: v for k, v in hit.items() if k != "score"} == {k: v for k, v in own[hit["passage_id"]].items()
                                                                  if k != "score"}
        assert hit["kind"] == "obligation" and hit["quote"] and hit["span"][1] > hit["span"][0]


def test_same_totals_and_facets_as_sqlite(store, tmp_path):
    """Both backends, each through its index: the same totals and facets for the benchmark's queries."""
    lite = tmp_path / "l.db"
    with open_store(lite) as s:
        for rec in [*gold_records().values(), _odd_record(), *fact_records()]:
            s.add_record(rec)
    with open_store(lite, readonly=True) as s:
        for query, filters in QUERIES:
            a, b = (run(x.conn, query, filters=Filters(**filters), limit=0) for x in (s, store))
            assert (a.total, a.engine) == (b.total, b.engine), (query, filters)
            assert _facets(s.conn, query, filters) == _facets(store.conn, query, filters), (query, filters)


# -- in step: deleted, stale, trimmed by another index, a loader's open transaction ------------------


def _small(pg_server, *doc_ids: str) -> str:
    db = new_pg_db(pg_server, "small")
    records = gold_records()
    with open_store(db) as s:
        for doc_id in doc_ids:
            s.add_record(records[doc_id])
    return db


def _path(db: str) -> Path:
    with psycopg.connect(db) as c:
        (uuid,) = c.execute("SELECT uuid FROM search_state").fetchone()
    return search_index.index_root() / uuid


def test_deleted_index_is_rebuilt_on_open(pg_server, monkeypatch):
    db = _small(pg_server, YB, "thuan-an-kh-2021")
    expected = _own(db, monkeypatch, "khoa hoc")
    facets = _own_facets(db, monkeypatch, "khoa hoc")
    assert expected[1] > 10 and _read(db, "khoa hoc") == (*expected, "tantivy")
    assert len(facets["issuer"]) == 2 and _read_facets(db, "khoa hoc") == (facets, "tantivy")
    search_index.forget_path(_path(db))
    shutil.rmtree(_path(db))
    assert _read(db, "khoa hoc") == (*expected, "postgresql")  # right meanwhile, from PostgreSQL
    assert _read_facets(db, "khoa hoc") == (facets, "postgresql")
    with open_store(db):
        pass
    assert _read(db, "khoa hoc") == (*expected, "tantivy")
    assert _read_facets(db, "khoa hoc") == (facets, "tantivy")


_KILLED_WRITER = """
import os, signal, sys
from extractor import search_index
from extractor.stores import open_store
from tests.test_store import changed, gold_records

search_index.SYNC_SECONDS = 3600  # the index commit comes later (at close): the kill lands before it
records = gold_records()
s = open_store(sys.argv[1])
s.add_record(records["news-quang-ninh-36-2021"])
s.add_record(changed(records[sys.argv[2]], "\\nDòng mới: chữ ký số điện tử."))  # replaces its passages
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_writer_killed_between_postgresql_and_index_commits(pg_server, monkeypatch):
    db = _small(pg_server, YB, "thuan-an-kh-2021")
    old = _read(db, "khoa hoc")
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(_KILLED_WRITER), db, YB], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == -9, proc.stderr
    with psycopg.connect(db) as c:
        assert c.execute("SELECT count(*) FROM documents").fetchone()[0] == 3
        assert c.execute("SELECT count(*) FROM passages_changes").fetchone()[0] > 0  # logged, not indexed
    for query in ("khoa hoc", "chu ky so dien tu", "36/QĐ-TTg"):
        expected = _own(db, monkeypatch, query)
        assert expected[1] > 0
        assert _read(db, query) == (*expected, "postgresql")  # stale index detected: PostgreSQL answers, right
        assert _read_facets(db, query) == (_own_facets(db, monkeypatch, query), "postgresql")
    assert _read(db, "khoa hoc")[0] != old[0]
    assert "Quảng Ninh" in dict(_read_facets(db, "khoa hoc")[0]["place"])
    with open_store(db) as s:
        assert s.conn.execute("SELECT count(*) FROM passages_changes").fetchone()[0] == 0
    for query in ("khoa hoc", "chu ky so dien tu", "36/QĐ-TTg"):
        assert _read(db, query) == (*_own(db, monkeypatch, query), "tantivy")
        assert _read_facets(db, query) == (_own_facets(db, monkeypatch, query), "tantivy")


def test_log_trimmed_by_another_machines_index_is_rebuilt(pg_server, monkeypatch, tmp_path):
    """Two machines each keep an index of one database: each one's sync trims the log, so the other
    finds its stamp behind a log that no longer says what changed, and rebuilds."""
    db = _small(pg_server, YB)
    mine = search_index.index_root()
    monkeypatch.setenv("VNPLAN_INDEX_DIR", str(tmp_path / "other-machine"))
    with open_store(db) as s:
        s.add_record(gold_records()["thuan-an-kh-2021"])  # applied and trimmed by the other machine's index
    monkeypatch.setenv("VNPLAN_INDEX_DIR", str(mine))
    expected = _own(db, monkeypatch, "khoa hoc")
    assert _read(db, "khoa hoc") == (*expected, "postgresql")  # this machine's index is behind
    with open_store(db) as s:
        assert s._index.rebuilt
    assert _read(db, "khoa hoc") == (*expected, "tantivy")


def test_sync_waits_for_a_loaders_open_transaction(pg_server, monkeypatch):
    """A loader's transaction holds an earlier sequence number than a later commit: the sync locks the
    log and waits for it, so its passages are not skipped."""
    db = _small(pg_server, YB)
    records = gold_records()
    slow = open_store(db)
    slow._index.close()  # this loader keeps no index of its own
    slow._index = None
    writer = open_store(db)
    try:
        with slow.transaction() as c:
            slow._write(c, search_index_rows(records["thuan-an-kh-2021"]), "2021-01-01T00:00:00+00:00")
            writer.add_record(records["news-binh-duong-khcn-2022"])  # commits a later number meanwhile
            done = threading.Event()

            def sync() -> None:
                writer.sync_index()
                done.set()

            t = threading.Thread(target=sync)
            t.start()
            time.sleep(1.0)
            assert not done.is_set()  # waiting for the open transaction
        t.join(30)
        assert done.is_set()
        assert writer.sync_index()
    finally:
        slow.close()
        writer.close()
    for query in ("khoa hoc", "thuan an", "binh duong"):
        expected = _own(db, monkeypatch, query)
        assert expected[1] > 0 and _read(db, query) == (*expected, "tantivy"), query


def search_index_rows(record: dict):
    from extractor.record import Record
    from extractor.store_rows import record_rows

    return record_rows(Record.from_dict(record))


def test_reindex_command(pg_server, monkeypatch):
    db = _small(pg_server, YB, "news-binh-duong-khcn-2022")
    with psycopg.connect(db) as c:
        passages = c.execute("SELECT count(*) FROM passages").fetchone()[0]
    search_index.forget_path(_path(db))
    shutil.rmtree(_path(db))
    assert _read(db, "khoa hoc")[2] == "postgresql"
    result = CliRunner().invoke(cli, ["reindex", "--db", db])
    assert result.exit_code == 0, result.output
    assert f"{passages:,} passages indexed" in result.output and passages > 50
    assert _read(db, "khoa hoc") == (*_own(db, monkeypatch, "khoa hoc"), "tantivy")


def test_changed_document_facts_reach_the_index(pg_server, monkeypatch):
    """A document whose level, or issuer and place (the facts only facets read), change: its passages
    are logged again (trigger on documents)."""
    db = _small(pg_server, YB, "thuan-an-kh-2021")
    with open_store(db) as s:
        s.conn.execute("UPDATE documents SET level = 'commune' WHERE doc_id = ?", (YB,))
    expected = _own(db, monkeypatch, "", level="commune")
    assert expected[1] > 10 and _read(db, "", level="commune") == (*expected, "tantivy")
    with open_store(db) as s:
        s.conn.execute("UPDATE documents SET issuer = 'UBND thị xã Nghĩa Lộ', place = 'Nghĩa Lộ' WHERE doc_id = ?",
                       (YB,))
    facets = _own_facets(db, monkeypatch, "khoa hoc")
    assert "Nghĩa Lộ" in dict(facets["place"]) and "UBND thị xã Nghĩa Lộ" in dict(facets["issuer"])
    assert _read_facets(db, "khoa hoc") == (facets, "tantivy")


def test_a_fact_too_long_for_a_fast_field_leaves_facets_to_postgresql(pg_server, monkeypatch):
    db = new_pg_db(pg_server, "long")
    rec = gold_records()["thuan-an-kh-2021"]
    rec["meta"]["issuer"] = "Ủy ban nhân dân " * 5000  # 95,000 bytes: tantivy would cut it at 65,535
    with open_store(db) as s:
        s.add_record(gold_records()[YB])
        s.add_record(rec)
    facets = _own_facets(db, monkeypatch, "khoa hoc")
    assert rec["meta"]["issuer"] in dict(facets["issuer"])
    assert _read_facets(db, "khoa hoc") == (facets, "postgresql")
    assert _read(db, "khoa hoc") == (*_own(db, monkeypatch, "khoa hoc"), "tantivy")


def test_a_database_of_the_previous_index_version_is_brought_up(pg_server, monkeypatch):
    """A database prepared by vnplan-search-2 (its trigger on documents not on issuer and place) and
    its index (no fact fields): readers use PostgreSQL, the next writer replaces both."""
    db = _small(pg_server, YB, "thuan-an-kh-2021")
    with psycopg.connect(db) as c:
        c.execute("DROP TRIGGER documents_log_facts ON documents")
        c.execute("CREATE TRIGGER documents_log AFTER UPDATE OF doc_type, level, issuer_folded, date ON documents "
                  "FOR EACH ROW EXECUTE FUNCTION vnplan_log_document()")
    search_index.forget_path(_path(db))
    _old_index(_path(db))
    facets = _own_facets(db, monkeypatch, "khoa hoc")
    assert _read_facets(db, "khoa hoc") == (facets, "postgresql")
    with open_store(db) as s:
        triggers = {r[0] for r in s.conn.execute("SELECT tgname FROM pg_trigger WHERE tgrelid = 'documents'::regclass "
                                                 "AND NOT tgisinternal")}
        assert triggers == {"documents_log_facts"}
        s.conn.execute("UPDATE documents SET place = 'Nghĩa Lộ' WHERE doc_id = ?", (YB,))
    facets = _own_facets(db, monkeypatch, "khoa hoc")
    assert "Nghĩa Lộ" in dict(facets["place"])
    assert _read_facets(db, "khoa hoc") == (facets, "tantivy")
