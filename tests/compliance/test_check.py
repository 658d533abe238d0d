"""`vnplan check` and `vnplan tree` on the bundled corpus (Yên Bái, Thuận An, the news)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor.batch import ingest_folder
from extractor.cli import cli
from extractor.compliance import Sources, check, tree
from extractor.stores import open_store
from tests.conftest import make_db

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
YB, TA = "yen-bai-114-kh-ubnd-2021", "thuan-an-kh-2021"
QN = "quoted by news-quang-ninh-36-2021"


@pytest.fixture(scope="module")
def db(module_backend, tmp_path_factory, request):
    """The bundled corpus ingested once into SQLite and once into PostgreSQL."""
    path = make_db(module_backend, tmp_path_factory.mktemp("check"), request, "c")
    ingest_folder(CORPUS, path, workers=1, progress=False)
    return path


@pytest.fixture(scope="module")
def sources(db):
    store = open_store(db, readonly=True)
    yield Sources(store)
    store.close()


def _verdicts(report, number):
    a = next(x for x in report.parents if x.number == number)
    return {(t.indicator_id, t.year): (t.verdict, t.parent and t.parent.text(), t.plan and t.plan.text(),
                                       t.provenance and t.provenance.label()) for t in a.targets}


def test_yen_bai_against_36(sources):
    r = check(YB, sources=sources)
    assert [a.number for a in r.parents] == ["36/QĐ-TTg"]
    assert [c.number for c in r.chain] == ["36/QĐ-TTg"]
    v = _verdicts(r, "36/QĐ-TTg")
    assert v["labor_productivity_growth", 2025] == ("weaker", "> 7 %/năm", "6.2 %/năm", QN)
    assert v["labor_productivity_growth", 2030][:3] == ("weaker", "> 7.5 %/năm", "> 7.2 %/năm")
    assert v["labor_productivity_growth", 2030][3].startswith("registry: T4, reported: VOV")
    assert v["tfp_contribution", 2025] == ("missing", "~ 45 %", None, QN)
    assert v["tfp_contribution", 2030][:3] == ("missing", "~ 50 %", None)
    assert v["tfp_contribution", 2030][3].startswith("registry: T5")
    assert v["sme_pilot_projects", 2030][:3] == ("not_comparable", ">= 500 doanh nghiệp nhỏ và vừa", ">= 35 doanh nghiệp")
    assert v["localities_with_plans", 2025] == ("not_comparable", "12–15 tỉnh, thành phố", None, QN)
    assert v["sme_pilot_projects", 2025][0] == "extra"
    weaker = next(t for t in r.parents[0].targets if t.verdict == "weaker" and t.year == 2025)
    assert weaker.plan.quote.quote == r.text[slice(*weaker.plan.quote.span)]
    assert "6,2%/năm" in weaker.plan.quote.quote


def test_thuan_an_against_province_and_national(sources):
    r = check(TA, sources=sources)
    assert [a.number for a in r.parents] == ["2109/QĐ-UBND", "36/QĐ-TTg"]
    assert [(c.number, c.doc_id) for c in r.chain] == [("2109/QĐ-UBND", None), ("36/QĐ-TTg", None)]
    p = _verdicts(r, "2109/QĐ-UBND")
    assert p["labor_productivity_growth", 2030] == ("restated", "> 7.5 %/năm", "> 7.5 %/năm",
                                                   "quoted by news-binh-duong-2109-2021")
    assert p["tfp_contribution", 2030][0] == "restated"
    assert p["sme_pilot_projects", 2030][:3] == ("not_comparable", ">= 30 doanh nghiệp", ">= 2 doanh nghiệp")
    n = _verdicts(r, "36/QĐ-TTg")
    assert n["labor_productivity_growth", 2025] == ("restated", "> 7 %/năm", "> 7 %/năm", QN)
    assert n["tfp_contribution", 2025][:3] == ("restated", "~ 45 %", "> 45 %")
    assert n["labor_productivity_growth", 2030][0] == "restated"
    assert n["labor_productivity_growth", 2030][3].startswith("registry: T4")
    assert n["productivity_clubs", 2025][0] == "extra"


def test_without_database_parent_figures_come_from_the_registry():
    r = check(CORPUS / f"{YB}.txt")
    v = _verdicts(r, "36/QĐ-TTg")
    assert v["labor_productivity_growth", 2025][0] == "weaker"
    assert v["labor_productivity_growth", 2025][3].startswith("registry: T1, reported: VietQ 12/01/2021")
    assert r.parents[0].provenance == ["registry (rules/registry.yaml)"]


def test_tasks_of_36_and_problems_quote_their_text(sources):
    r = check(YB, sources=sources)
    tasks = {t.task_id: t for t in r.parents[0].tasks}
    assert set(tasks) == {f"N{i}" for i in range(1, 8)}
    assert tasks["N4"].covered and "hệ thống quản lý, mô hình, công cụ" in tasks["N4"].matches[0].quote
    assert tasks["N7"].covered is False
    for t in tasks.values():
        for m in t.matches:
            assert r.text[m.span[0]:m.span[1]] == m.quote
    assert r.problems and all(q.quote == r.text[q.span[0]:q.span[1]] for p in r.problems for q in p.quotes)
    assert {p.kind for p in r.problems} == {"no_deadline"}


def test_tree_lists_plans_and_news_apart(sources):
    t = tree("36/QĐ-TTg", sources)
    nodes = [(d, n.info.number, n.info.doc_id, n.stored) for d, n in t.walk()]
    assert nodes == [(1, "114/KH-UBND", YB, True), (1, "2109/QĐ-UBND", None, False), (2, None, TA, True)]
    assert sorted((m.info.doc_id, m.relation) for m in t.apart) == [
        ("news-binh-duong-2109-2021", "reports on"), ("news-quang-ninh-36-2021", "reports on")]


def test_cli_check_json_and_tree(db, tmp_path):
    runner = CliRunner()
    res = runner.invoke(cli, ["check", YB, "--db", str(db), "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["against"]["number"] == "36/QĐ-TTg"
    assert data["against"]["provenance"] == [QN, "registry (rules/registry.yaml)"]
    assert {"plan", "against", "chain", "targets", "tasks", "problems"} <= set(data)
    t = next(x for x in data["targets"] if x["indicator_id"] == "labor_productivity_growth" and x["year"] == 2025)
    assert (t["verdict"], t["parent"]["comparator"], t["parent"]["value"], t["plan"]["value"]) == ("weaker", ">", 7, 6.2)
    assert t["provenance"]["source"] == "quoted" and t["plan"]["quote"]["quote"].startswith("Góp phần đạt mục tiêu")
    md = runner.invoke(cli, ["check", YB, "--db", str(db)]).output
    assert "| labor_productivity_growth | 2025 | > 7 %/năm | 6.2 %/năm | **weaker** |" in md
    res = runner.invoke(cli, ["tree", "36/QĐ-TTg", "--db", str(db), "--json"])
    assert res.exit_code == 0
    assert [c["number"] for c in json.loads(res.output)["root"]["children"]] == ["114/KH-UBND", "2109/QĐ-UBND"]
    res = runner.invoke(cli, ["check", "nonexistent", "--db", str(db)])
    assert res.exit_code != 0 and "no file, doc_id or number 'nonexistent'" in res.output


def test_cli_monitoring_table(db, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "m.xlsx"
    res = CliRunner().invoke(cli, ["check", "--all", "--against", "36/QĐ-TTg", "--db", str(db), "--format", "xlsx",
                                   "-o", str(out)])
    assert res.exit_code == 0, res.output
    rows = list(load_workbook(out)["plans"].values)
    head = rows[0]
    by_doc = {r[0]: dict(zip(head, r, strict=True)) for r in rows[1:]}
    assert set(by_doc) == {YB, TA}
    assert (by_doc[YB]["weaker"], by_doc[YB]["missing"]) == (2, 2)
    assert by_doc[TA]["chain"] == "2109/QĐ-UBND (not stored) → 36/QĐ-TTg (not stored)"
    assert by_doc[TA]["restated"] == 4
