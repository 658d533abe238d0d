"""Real documents in the forms offices send: TXT (crawled), DOCX with Word tables, HTML with
<table>s and PDF printed from the DOCX by LibreOffice.

Every form of every real document reads with `status: ok` and no error, every span quotes its text,
and each form of the adjudicated real gold (`tests/real/`) scores above floors set a little under
the figures measured (README, Quality, "real documents, per form"). `tests/real-forms/` holds more
real texts (no gold) read in every form.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.pipeline import extract_file, write_json_atomic
from tests.formats import build_real_forms
from tests.shared_score import score

pytestmark = pytest.mark.slow

HERE = Path(__file__).resolve().parent
GOLD = HERE / "real"
TXTS = sorted(GOLD.glob("*.txt")) + sorted((HERE / "real-forms").glob("*.txt"))
FORMS = ("txt", "docx", "html", "pdf")
_TABLES = {("references", "f1"): 0.97, ("targets", "f1"): 0.92, ("roles", "f1"): 0.88,
           ("obligations", "f1"): 0.92, ("parent", "accuracy"): 0.95}
FLOORS = {  # form -> (field, stat) -> floor, about 0.03 under the figures measured (README, Quality)
    "txt": {("references", "f1"): 0.97, ("targets", "f1"): 0.94, ("roles", "f1"): 0.87,
            ("obligations", "f1"): 0.92, ("parent", "accuracy"): 0.95},
    "docx": _TABLES,
    "html": _TABLES,
    "pdf": {("references", "f1"): 0.95, ("targets", "f1"): 0.89, ("roles", "f1"): 0.85,
            ("obligations", "f1"): 0.89, ("parent", "accuracy"): 0.95},
}
META_FLOOR = 0.95


@pytest.fixture(scope="module")
def forms(tmp_path_factory) -> dict[str, dict[str, Path]]:
    return build_real_forms(TXTS, tmp_path_factory.mktemp("real-forms"))


@pytest.fixture(scope="module")
def records(forms, tmp_path_factory) -> dict[str, tuple[Path, dict[str, dict]]]:
    """form -> (folder of records, doc_id -> record)."""
    out = {}
    for form, files in forms.items():
        folder = tmp_path_factory.mktemp(f"records-{form}")
        recs = {}
        for doc_id, path in files.items():
            recs[doc_id] = extract_file(path, doc_id=doc_id).to_dict()
            write_json_atomic(folder / f"{doc_id}.json", recs[doc_id])
        out[form] = (folder, recs)
    return out


@pytest.fixture(scope="module")
def scores(records) -> dict[str, dict]:
    return {form: score(GOLD, folder, verbose=True) for form, (folder, _) in records.items()}


def test_docx_holds_word_tables(forms):
    """The DOCX fixtures hold real Word tables: the header as a borderless 2-column table, the task
    table of 2820/QĐ-UBND ruled, 7 columns, section rows merged across, funding cells merged down."""
    import docx

    document = docx.Document(str(forms["docx"]["hcm-2820-qd-ubnd-2025"]))
    header, tasks = document.tables[0], document.tables[-1]
    assert len(header.columns) == 2 and header.style.name != "Table Grid"
    assert header.cell(1, 0).text == "Số:\n2820/QĐ-UBND"  # two paragraphs, as the crawl has them
    assert tasks.style.name == "Table Grid" and len(tasks.columns) == 7
    assert [c.text for c in tasks.rows[0].cells][:3] == ["TT", "Nhiệm vụ", "Cơ quan chủ trì"]
    section = tasks.rows[1].cells
    assert section[0].text == "I" and section[1]._tc is section[6]._tc  # one cell spanning 6 columns
    assert tasks.cell(2, 6)._tc is tasks.cell(3, 6)._tc  # 'Chi thường xuyên …' merged down
    assert all("\n" not in p.text for p in document.paragraphs[:40])  # paragraphs, not lines


@pytest.mark.parametrize("form", FORMS)
def test_every_real_document_reads(records, form):
    _, recs = records[form]
    assert len(recs) == len(TXTS)
    bad = {doc_id: (r["status"], r["errors"]) for doc_id, r in recs.items()
           if r["status"] != "ok" or r["errors"] or r["source"]["format"] != form}
    assert bad == {}


@pytest.mark.parametrize("form", FORMS)
def test_every_span_quotes_its_text(records, form):
    _, recs = records[form]
    wrong = []
    for doc_id, rec in recs.items():
        text = rec["text"]
        items = list(rec["targets"]) + list(rec["obligations"])
        items += [m for ref in rec["references"] for m in ref["mentions"]]
        wrong += [(doc_id, it["quote"]) for it in items if text[it["span"][0]:it["span"][1]] != it["quote"]]
    assert wrong == []


@pytest.mark.parametrize("form,field,stat", [(f, *k) for f in FORMS for k in FLOORS[f]])
def test_real_gold_per_form(scores, form, field, stat):
    got = scores[form][field][stat]
    assert got >= FLOORS[form][(field, stat)], f"{form} {field} {stat} {got}: {scores[form]['misses']}"


@pytest.mark.parametrize("form", FORMS)
def test_real_gold_meta_per_form(scores, form):
    low = {k: v["accuracy"] for k, v in scores[form]["meta"].items() if v["accuracy"] < META_FLOOR}
    assert low == {}, scores[form]["misses"]


@pytest.mark.parametrize("form", ["docx", "html", "pdf"])
def test_forms_keep_what_the_text_finds(records, form):
    """No form loses a table or its rows: per document, obligations and targets stay within 10 % of
    what the TXT form finds (more is allowed)."""
    _, txt = records["txt"]
    _, other = records[form]
    lost = {}
    for doc_id, rec in txt.items():
        for kind in ("obligations", "targets"):
            n, m = len(rec[kind]), len(other[doc_id][kind])
            if m < 0.9 * n - 1:
                lost[(doc_id, kind)] = (n, m)
    assert lost == {}
