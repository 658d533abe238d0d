"""The indicator table (rules/indicators.yaml): every example gets its id, no counter-example does."""

from __future__ import annotations

import re

import pytest

from extractor.rules import load_rules
from extractor.targets import classify_indicator

_KIND = re.compile(r"\s*\[(percent|count|rank|money|generic)\]\s*$")


def _rows() -> list[dict]:
    return load_rules("indicators").data["indicators"]


def _split(example: str) -> tuple[str, str]:
    """'phrase [count]' -> ('phrase', 'count'); no bracket means a percentage."""
    m = _KIND.search(example)
    return (example[: m.start()], m.group(1)) if m else (example, "percent")


def _cases(key: str):
    for row in _rows():
        for ex in row.get(key) or []:
            yield pytest.param(row["id"], *_split(ex), id=f"{row['id']}:{ex[:40]}")


def test_ids_unique_and_documented():
    ids = [r["id"] for r in _rows()]
    assert len(ids) == len(set(ids))
    for row in _rows():
        assert row.get("label") and row.get("examples"), row["id"]
        re.compile(row["pattern"])


def test_required_ids_present():
    ids = {r["id"] for r in _rows()}
    assert {"labor_productivity_growth", "tfp_contribution", "localities_with_plans", "large_enterprises_with_plans",
            "sme_pilot_projects", "productivity_clubs", "productivity_experts", "innovation_enterprise_rate",
            "tech_renewal_rate", "icf_rank"} <= ids


@pytest.mark.parametrize("ind_id,phrase,kind", list(_cases("examples")))
def test_examples(ind_id, phrase, kind):
    assert classify_indicator(phrase, kind) == ind_id


@pytest.mark.parametrize("ind_id,phrase,kind", list(_cases("counter_examples")))
def test_counter_examples(ind_id, phrase, kind):
    assert classify_indicator(phrase, kind) != ind_id


def test_folding_tolerates_missing_marks():
    assert classify_indicator("tang nang suat lao dong binh quan") == "labor_productivity_growth"
    assert classify_indicator("TĂNG NĂNG SUẤT LAO ĐỘNG") == "labor_productivity_growth"


def test_context_fallback_takes_nearest():
    ctx = "duy trì danh hiệu Top 21 của Diễn đàn cộng đồng thông minh thế giới (ICF), đưa Bình Dương vào Top 7"
    assert classify_indicator("đưa Bình Dương vào Top 7 tổ chức này", "rank", ctx) == "icf_rank"
    assert classify_indicator("số lượng hội viên", "count") is None
