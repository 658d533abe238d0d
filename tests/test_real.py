"""The real gold set: real state documents from other sources (tests/real), annotated by two independent
annotators who never read the rules, adjudicated (tests/real/NOTES-*.md, AGREEMENT-*.md).

The floors sit a little below today's scores (README, Quality) so that a regression fails. tests/real-final
holds the four documents kept unseen by the developers through seven landings (the final blind check in the
README, scored at each landing, totals only); they were opened at the eighth and are held to floors like the rest.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.pipeline import extract_file
from tests.test_heldout import score_txt_folder

HERE = Path(__file__).resolve().parent
FLOORS = {("references", "f1"): 0.97, ("targets", "f1"): 0.94, ("roles", "f1"): 0.91,
          ("obligations", "f1"): 0.94, ("parent", "accuracy"): 0.95, ("integrity", "accuracy"): 1.0}
META_FLOOR = 0.95
# tests/real-group3: four more real documents (a provincial plan, two Prime Minister's decisions with task
# tables, a Government resolution in gazette text), annotated and adjudicated the same way, scored blind once
# (README, Quality) and then used to fix general patterns; floors a little below today's scores.
# tests/real-group4: three more (two Prime Minister's decisions, a provincial plan), the same way.
GROUP4_FLOORS = {("references", "f1"): 0.97, ("targets", "f1"): 0.95, ("roles", "f1"): 0.87,
                 ("obligations", "f1"): 0.94, ("parent", "accuracy"): 0.95, ("integrity", "accuracy"): 1.0}
GROUP3_FLOORS = {("references", "f1"): 0.96, ("targets", "f1"): 0.94, ("roles", "f1"): 0.86,
                 ("obligations", "f1"): 0.92, ("parent", "accuracy"): 0.95, ("integrity", "accuracy"): 1.0}

# tests/real-group5: four more (three original PDFs read as PDFs: a signed plan, a signed decision, a gazette
# decree; a Government resolution in gazette text), scored blind first (tests/real-group5/BLIND.md).
GROUP5_FLOORS = {("references", "f1"): 0.93, ("targets", "f1"): 0.88, ("roles", "f1"): 0.90,
                 ("obligations", "f1"): 0.90, ("parent", "accuracy"): 0.95, ("integrity", "accuracy"): 1.0}


# tests/real-group6: five more (two gazette PDF decrees, a signed PDF letter, a scanned letter read by OCR, a
# Government resolution with its indicator appendix in gazette text), scored blind first (tests/real-group6/BLIND.md).
GROUP6_FLOORS = {("references", "f1"): 0.94, ("targets", "f1"): 0.95, ("roles", "f1"): 0.93,
                 ("obligations", "f1"): 0.93, ("parent", "accuracy"): 0.95, ("integrity", "accuracy"): 1.0}


# tests/real-group7: two more excerpts of the same resolution (a growth-targets table with leads, a wrapped task
# table), scored blind first (tests/real-group7/BLIND.md).
GROUP7_FLOORS = {("references", "f1"): 0.95, ("targets", "f1"): 0.97, ("roles", "f1"): 0.88,
                 ("obligations", "f1"): 0.94, ("parent", "accuracy"): 1.0, ("integrity", "accuracy"): 1.0}


# tests/real-group8: two more (Resolution 03/NQ-CP with its indicator and task appendices as pipe tables; a
# Ministry's 52-page PDF appendix of cited documents, given without its cover letter), scored blind first
# (tests/real-group8/BLIND.md).
GROUP8_FLOORS = {("references", "f1"): 0.94, ("targets", "f1"): 0.97, ("roles", "f1"): 0.94,
                 ("obligations", "f1"): 0.96, ("parent", "accuracy"): 1.0, ("integrity", "accuracy"): 1.0}


# tests/real-final: the four kept unseen through seven landings (blind at the seventh: roles 0.76, obligations
# 0.78, parent 0.75), opened at the eighth.
FINAL_FLOORS = {("references", "f1"): 0.96, ("targets", "f1"): 0.96, ("roles", "f1"): 0.89,
                ("obligations", "f1"): 0.95, ("parent", "accuracy"): 1.0, ("integrity", "accuracy"): 1.0}


SETS = {"real": FLOORS, "real-group3": GROUP3_FLOORS, "real-group4": GROUP4_FLOORS, "real-group5": GROUP5_FLOORS,
        "real-group6": GROUP6_FLOORS, "real-group7": GROUP7_FLOORS,
        "real-group8": GROUP8_FLOORS, "real-final": FINAL_FLOORS}


@pytest.fixture(scope="module")
def set_scores(tmp_path_factory):
    """folder name -> its scores, each gold folder extracted and scored once."""
    cache: dict[str, dict] = {}

    def scores(name: str) -> dict:
        if name not in cache:
            cache[name] = score_txt_folder(HERE / name, tmp_path_factory.mktemp(name))
        return cache[name]

    return scores


@pytest.fixture(scope="module")
def real_scores(set_scores):
    return set_scores("real")


SLOW_SETS = {"real-group6"}  # holds a scan: read by Tesseract, which only slow tests may start


@pytest.mark.parametrize("folder,field,stat", [pytest.param(f, *key, marks=[pytest.mark.slow] if f in SLOW_SETS else [])
                                               for f, floors in SETS.items() for key in floors])
def test_real_scores(set_scores, folder, field, stat):
    got = set_scores(folder)[field][stat]
    assert got >= SETS[folder][(field, stat)], f"{folder} {field} {stat} {got}: {set_scores(folder)['misses']}"


def test_real_meta(real_scores):
    low = {k: v["accuracy"] for k, v in real_scores["meta"].items() if (v["accuracy"] or 1) < META_FLOOR}
    assert not low, real_scores["misses"]


def test_every_real_text_reads_without_error(tmp_path):
    """Every real text of the repository (gold sets and the real excerpts) reads with status ok."""
    for txt in [*sorted((HERE / "real").glob("*.txt")), *sorted((HERE / "real-final").glob("*.txt")),
                *sorted((HERE / "real-group3").glob("*.txt")), *sorted((HERE / "real-group4").glob("*.txt"))]:
        rec = extract_file(txt)
        assert (rec.status, rec.errors) == ("ok", []), txt.name


def test_group8_meta_and_deadlines(set_scores):
    """Group 8: the appendix given without its letter takes the letter's identity from its 'kèm theo' line, and the
    task table's month-year time cells ('6/2025') are read as deadlines (blind: meta 0.50, deadlines 0.68)."""
    got = set_scores("real-group8")
    low = {k: v["accuracy"] for k, v in got["meta"].items() if (v["accuracy"] or 1) < 1.0}
    assert not low, got["misses"]
    assert got["obligations"]["deadline"]["accuracy"] >= 0.97, got["misses"]
