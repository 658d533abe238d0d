"""Held-out sets: documents written and annotated independently of the rules, scored like the dev set.

They guard generalization: a rule tuned to one dev document that breaks the genre shows here.
The floors sit below today's scores (see README, Quality) so that only a real regression fails.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from extractor.pipeline import extract_file, write_json_atomic
from tests.shared_score import score

HERE = Path(__file__).resolve().parent
SETS = sorted(p.name for p in HERE.glob("heldout*") if p.is_dir() and any(p.glob("*.gold.json")))
FLOORS = {("references", "f1"): 0.9, ("targets", "f1"): 0.85, ("roles", "f1"): 0.85,
          ("obligations", "f1"): 0.8, ("parent", "accuracy"): 0.85, ("integrity", "accuracy"): 1.0}


def score_txt_folder(folder: Path, out: Path) -> dict:
    """Extract every TXT and PDF of a gold folder into `out` and score it against the folder's gold files."""
    for txt in sorted([*folder.glob("*.txt"), *folder.glob("*.pdf")]):
        write_json_atomic(out / f"{txt.stem}.json", extract_file(txt).to_dict())
    return score(folder, out, verbose=True)


# the office forms a set's writers made themselves (held-out 7: portal pages, Word files with merged cells and
# automatic numbering, PDFs printed from them, a crawled page), each scored against its document's gold
FORMS = sorted(f"{p.parent.parent.name}/forms/{p.name}" for p in HERE.glob("heldout*/forms/*") if p.is_dir())


@pytest.fixture(scope="module", params=SETS)
def heldout_scores(request, tmp_path_factory):
    return score_txt_folder(HERE / request.param, tmp_path_factory.mktemp(request.param))


@pytest.mark.parametrize("field,stat", list(FLOORS))
def test_heldout_scores(heldout_scores, field, stat):
    got = heldout_scores[field][stat]
    assert got >= FLOORS[(field, stat)], f"{field} {stat} {got}: {heldout_scores['misses']}"


def test_heldout_meta(heldout_scores):
    low = {k: v["accuracy"] for k, v in heldout_scores["meta"].items() if (v["accuracy"] or 1) < 0.85}
    assert not low, heldout_scores["misses"]


@pytest.fixture(scope="module", params=FORMS)
def form_scores(request, tmp_path_factory):
    folder = HERE / request.param
    gold, pred = tmp_path_factory.mktemp("gold"), tmp_path_factory.mktemp("pred")
    for path in sorted(folder.iterdir()):
        shutil.copy(folder.parent.parent / f"{path.stem}.gold.json", gold)
        write_json_atomic(pred / f"{path.stem}.json", extract_file(path, path.stem).to_dict())
    return score(gold, pred, verbose=True)


# a form holds one to seven documents, so its targets swing more than a whole set's: their floor sits lower
FORM_FLOORS = {**FLOORS, ("targets", "f1"): 0.75}


@pytest.mark.parametrize("field,stat", list(FORM_FLOORS))
def test_heldout_forms_scores(form_scores, field, stat):
    got = form_scores[field][stat]
    assert got >= FORM_FLOORS[(field, stat)], f"{field} {stat} {got}: {form_scores['misses']}"
