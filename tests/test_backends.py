"""SQLite and PostgreSQL hold and find the same things: the same hits (passages) for the same
queries and filters, the same totals, facets, exports, statistics and related documents; the
command line reaches PostgreSQL by `--db postgresql://...`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor import export
from extractor.cli import cli
from extractor.search import Filters
from extractor.search_pg import to_tsquery_text
from extractor.store_pg import pg_sql, ts_words
from extractor.stores import is_url, open_store, shown
from tests.conftest import new_pg_db
from tests.test_store import gold_records

YB_ID = "yen-bai-114-kh-ubnd-2021"
QUERIES = [("doi moi sang tao", {}), ("Sở KH&CN", {"kind": "obligation"}), ("", {"kind": "obligation", "year": 2025}),
           ("khoa hoc", {"place": "Bình Dương"}), ("nang suat lao dong", {"kind": "target"}),
           ("36/QĐ-TTg", {"kind": "reference"}), ("", {"body": "Sở KH&CN", "year": 2025}),
           ("năng suất", {"year": 2030}), ("du toan ngan sach", {"doc_type": "Kế hoạch"}),
           ("ke hoach", {"date_from": "2021-06-01", "level": "district"}), ("dmst", {}), ("zzzz khong co", {})]


@pytest.fixture(scope="module")
def pair(tmp_path_factory, pg_server):
    """The gold records in a SQLite file and in a PostgreSQL database."""
    stores = (open_store(tmp_path_factory.mktemp("pair") / "p.db"), open_store(new_pg_db(pg_server, "pair")))
    for s in stores:
        for rec in gold_records().values():
            assert s.add_record(rec) == "added"
    yield stores
    for s in stores:
        s.close()


def _spans(hits):
    return sorted((h["doc_id"], h["kind"], tuple(h["span"]), h["quote"]) for h in hits)


@pytest.mark.parametrize("query,filters", QUERIES)
def test_same_hits_totals_and_facets(pair, query, filters):
    lite, pg = pair
    f = Filters(**filters)
    a, b = lite.search_results(query, f, limit=1000), pg.search_results(query, f, limit=1000)
    assert a.total == b.total == len(a.hits)
    assert _spans(a.hits) == _spans(b.hits)
    assert lite.facets(query, f) == pg.facets(query, f)
    if query == "zzzz khong co":
        assert a.total == 0
    else:
        assert a.total > 0


def test_best_hits_agree_where_the_ranking_is_clear(pair):
    """PostgreSQL ranks by ts_rank, SQLite by bm25: not the same order, but both put the passages
    holding the words most densely first: SQLite's best hit is among PostgreSQL's first five."""
    lite, pg = pair
    for query, filters in [("36/QĐ-TTg", {"kind": "reference"}), ("tổ chức thực hiện kế hoạch", {"kind": "text"}),
                           ("nang suat lao dong", {}), ("Sở KH&CN", {"kind": "obligation"})]:
        best = lite.search(query, limit=1, **filters)[0]
        assert (best["doc_id"], best["span"]) in [(h["doc_id"], h["span"]) for h in pg.search(query, limit=5, **filters)]
    for s in pair:  # scores: lower is better on both
        scores = [h["score"] for h in s.search("nang suat lao dong", limit=30)]
        assert scores == sorted(scores)


def test_same_reads_exports_and_counts(pair):
    lite, pg = pair
    assert lite.counts() == pg.counts()
    assert lite.stats() == pg.stats()
    for doc_id in gold_records():
        assert lite.get_record(doc_id) == pg.get_record(doc_id)
        assert lite.document(doc_id) | {"ingested_at": None} == pg.document(doc_id) | {"ingested_at": None}
        assert lite.related(doc_id) == pg.related(doc_id)
        assert lite.chain(doc_id) == pg.chain(doc_id)
    strip = {"id", "doc_id_", "obligation_id"}
    for kind in ("obligations", "targets"):
        rows = [[{k: v for k, v in r.items() if k not in strip} for r in s.item_rows(kind)] for s in pair]
        assert rows[0] == rows[1]
        sel = export.Selection(Filters(place="Bình Dương", year=2025), None)
        assert list(export.rows(lite, kind, sel)) == list(export.rows(pg, kind, sel))
    assert lite.doc_options() == pg.doc_options()


def test_same_bytes_twice_is_skipped_and_one_transaction(pair):
    lite, pg = pair
    rec = gold_records()["thuan-an-kh-2021"]
    before = pg.counts()
    assert pg.add_record(rec | {"doc_id": "another-name"}) == "skipped"
    assert pg.counts() == before


def test_add_batch_is_add_rows_in_one_transaction(pair, pg_server, tmp_path):
    """A batch stores what adding its documents one by one stores (a duplicate inside it skipped), and a
    failing document leaves nothing of its batch behind."""
    from extractor.record import Record
    from extractor.store_rows import record_rows

    records = gold_records()
    batched = (open_store(tmp_path / "b.db"), open_store(new_pg_db(pg_server, "batch")))
    try:
        for s, one_by_one in zip(batched, pair, strict=True):
            rows = [record_rows(Record.from_dict(r)) for r in records.values()]
            twin = record_rows(Record.from_dict(records[YB_ID] | {"doc_id": "twin"}))
            assert s.add_batch([*rows, twin]) == ["added"] * len(rows) + ["skipped"]
            assert s.counts() == one_by_one.counts()
            for f in (Filters(), Filters(kind="obligation", year=2025)):
                assert _spans(s.search_results("khoa hoc", f, limit=1000).hits) == \
                    _spans(one_by_one.search_results("khoa hoc", f, limit=1000).hits)
            before = s.counts()
            bad = record_rows(Record.from_dict(records[YB_ID] | {"doc_id": "bad"}))
            bad.sha256 = "c" * 64
            bad.document = bad.document | {"sha256": bad.sha256, "path": "bad.txt"}
            good = record_rows(Record.from_dict(records[YB_ID] | {"doc_id": "good"}))
            good.sha256 = "d" * 64
            good.document = good.document | {"sha256": good.sha256, "path": "good.txt"}
            bad.passages = [*bad.passages, ("text", None, 0, 1, None, None)]  # folded NULL: refused by both
            with pytest.raises(Exception):  # noqa: B017 - sqlite3 and psycopg raise their own IntegrityError
                s.add_batch([good, bad])
            assert s.counts() == before and not s.has_sha(good.sha256)
    finally:
        for s in batched:
            s.close()


def test_cli_ingest_search_export_on_postgresql(pg_server, tmp_path):
    url = new_pg_db(pg_server, "cli")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "thuan-an.txt").write_bytes(Path(gold_records()["thuan-an-kh-2021"]["source"]["path"]).read_bytes())
    r = CliRunner().invoke(cli, ["ingest", str(folder), "--db", url, "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["stored"] == 1
    again = CliRunner().invoke(cli, ["ingest", str(folder), "--db", url, "--json"])
    assert json.loads(again.stdout)["skipped"] == 1 and json.loads(again.stdout)["stored"] == 0
    hits = CliRunner().invoke(cli, ["search", "Phòng Kinh tế", "--kind", "obligation", "--db", url, "--json"])
    assert hits.exit_code == 0 and {h["doc_id"] for h in json.loads(hits.stdout)} == {"thuan-an"}
    out = CliRunner().invoke(cli, ["export", "--format", "csv", "--db", url])
    assert out.exit_code == 0 and out.stdout.startswith("\ufeffdoc_id,") and "thuan-an" in out.stdout


def test_unreachable_or_empty_postgresql_is_a_sentence(pg_server):
    bad = "postgresql://vnplan:secret@/nowhere?host=/nonexistent-socket-dir&port=1"
    r = CliRunner().invoke(cli, ["search", "x", "--db", bad])
    assert r.exit_code == 1 and "cannot connect to the PostgreSQL database" in r.output
    assert "secret" not in r.output and "Traceback" not in r.output
    empty = new_pg_db(pg_server, "empty")
    r = CliRunner().invoke(cli, ["search", "x", "--db", empty])
    assert r.exit_code == 1 and "no vnplan tables" in r.output and "vnplan ingest" in r.output


def test_translations():
    assert is_url("postgresql://u@h/db") and is_url("postgres://h/db") and not is_url("outputs/vnplan.db")
    assert shown("postgresql://u:pw@h:5432/db") == "postgresql://u:***@h:5432/db"
    assert pg_sql("SELECT ? FROM t WHERE a = '?' AND b LIKE 'x%' AND c % 2 = ?") == \
        "SELECT %s FROM t WHERE a = '?' AND b LIKE 'x%%' AND c %% 2 = %s"
    assert ts_words("36/qd-ttg ngay 1.5 kh&cn so_1") == "36 qd ttg ngay 1 5 kh cn so 1"
    assert to_tsquery_text('"doi" "moi" AND xxkobligation AND (xxy2025 OR xxyall)') == \
        "'doi' & 'moi' & 'xxkobligation' & ( 'xxy2025' | 'xxyall' )"
    assert to_tsquery_text('"ke hoach" "ab"* NOT "c"') == "('ke' <-> 'hoach') & 'ab':* & ! 'c'"
