"""Golden tests: the whole pipeline on the dev documents, scored by the shared scorer.

The thresholds are the issue's acceptance figures; the same assertion runs for every input
format the documents are read from (TXT, DOCX and PDF made from it).
"""

from __future__ import annotations

import pytest

from tests.conftest import GOLD
from tests.shared_score import score

THRESHOLDS = {
    ("references", "f1"): 0.95,
    ("targets", "f1"): 0.90,
    ("roles", "f1"): 0.90,
    ("obligations", "f1"): 0.80,
    ("parent", "accuracy"): 1.0,
    ("integrity", "accuracy"): 1.0,
}
ACCURACIES = [("targets", "comparator"), ("obligations", "deadline")]
META_FIELDS = ["kind", "number", "date", "issuer", "level", "place"]

FORMATS = ["txt_record_dir", pytest.param("docx_record_dir", marks=pytest.mark.slow),
           pytest.param("pdf_record_dir", marks=pytest.mark.slow)]


@pytest.fixture(scope="module", params=FORMATS)
def scores(request):
    return score(GOLD, request.getfixturevalue(request.param), verbose=True)


def test_no_missing_predictions(scores):
    assert scores["missing_predictions"] == []


@pytest.mark.parametrize("field,stat", list(THRESHOLDS))
def test_extraction_scores(scores, field, stat):
    got = scores[field][stat]
    assert got >= THRESHOLDS[(field, stat)], f"{field} {stat} {got}: {scores['misses']}"


@pytest.mark.parametrize("field,sub", ACCURACIES)
def test_item_accuracies(scores, field, sub):
    assert scores[field][sub]["accuracy"] >= 0.9, scores["misses"]


@pytest.mark.parametrize("field", META_FIELDS)
def test_meta_accuracy(scores, field):
    assert scores["meta"][field]["accuracy"] >= 0.9, scores["misses"]
