"""Session fixtures: the dev corpus is read once per format and shared by every test."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.pipeline import extract_file, write_json_atomic

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD = Path(__file__).resolve().parent / "gold"


def dev_txt_paths() -> list[Path]:
    return sorted(CORPUS.glob("*.txt"))


@pytest.fixture(scope="session")
def txt_records() -> dict[str, dict]:
    """Records of the dev documents read from their TXT form, by doc_id."""
    return {p.stem: extract_file(p).to_dict() for p in dev_txt_paths()}


@pytest.fixture(scope="session")
def txt_record_dir(txt_records, tmp_path_factory) -> Path:
    """The TXT records written as a prediction folder for the scorer."""
    out = tmp_path_factory.mktemp("pred-txt")
    for doc_id, rec in txt_records.items():
        write_json_atomic(out / f"{doc_id}.json", rec)
    return out
