"""Openings (`tests/openings/`, `tests/openings2/`): document openings written and annotated independently of the
rules, scored on what an opening holds (references, parent, meta); the second set's web pages, Word files and PDFs
too. Floors sit a little under today's scores (README, Quality)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from extractor.pipeline import extract_file, write_json_atomic
from tests.shared_score import score
from tests.test_heldout import score_txt_folder

HERE = Path(__file__).resolve().parent
SETS = sorted(p.name for p in HERE.glob("openings*") if p.is_dir())
FORMS = sorted(f"{p.parent.parent.name}/forms/{p.name}" for p in HERE.glob("openings*/forms/*") if p.is_dir())


@pytest.fixture(scope="module", params=SETS)
def openings_scores(request, tmp_path_factory):
    return score_txt_folder(HERE / request.param, tmp_path_factory.mktemp(request.param))


def test_openings_references_and_parent(openings_scores):
    assert openings_scores["references"]["f1"] >= 0.97, openings_scores["misses"]
    assert openings_scores["parent"]["accuracy"] >= 0.93, openings_scores["misses"]


def test_openings_meta(openings_scores):
    low = {k: v["accuracy"] for k, v in openings_scores["meta"].items() if (v["accuracy"] or 1) < 0.95}
    assert not low, openings_scores["misses"]


@pytest.mark.slow
@pytest.mark.parametrize("form", FORMS)
def test_openings_forms(form, tmp_path):
    """Each opening's page, Word file or PDF reads as its text does: references, parent and meta."""
    folder = HERE / form
    gold, pred = tmp_path / "gold", tmp_path / "pred"
    gold.mkdir()
    pred.mkdir()
    for path in sorted(folder.iterdir()):
        shutil.copy(folder.parent.parent / f"{path.stem}.gold.json", gold)
        write_json_atomic(pred / f"{path.stem}.json", extract_file(path, path.stem).to_dict())
    got = score(gold, pred, verbose=True)
    assert got["references"]["f1"] >= 0.95 and got["parent"]["accuracy"] >= 0.75, got["misses"]
    assert all((v["accuracy"] or 1) >= 0.75 for v in got["meta"].values()), got["misses"]
