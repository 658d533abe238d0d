"""Openings (`tests/openings/`): 30 document openings written and annotated independently of the rules, scored on
what an opening holds (references, parent, meta). Floors sit a little under today's scores (README, Quality)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_heldout import score_txt_folder

HERE = Path(__file__).resolve().parent / "openings"


@pytest.fixture(scope="module")
def openings_scores(tmp_path_factory):
    return score_txt_folder(HERE, tmp_path_factory.mktemp("openings"))


def test_openings_references_and_parent(openings_scores):
    assert openings_scores["references"]["f1"] >= 0.97, openings_scores["misses"]
    assert openings_scores["parent"]["accuracy"] >= 0.95, openings_scores["misses"]


def test_openings_meta(openings_scores):
    low = {k: v["accuracy"] for k, v in openings_scores["meta"].items() if (v["accuracy"] or 1) < 0.95}
    assert not low, openings_scores["misses"]
