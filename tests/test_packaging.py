"""The wheel's contents: every package of extractor/ listed, the top-level rules/ shipped as data."""

from __future__ import annotations

import tomllib
from pathlib import Path

from extractor import rules

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def test_every_python_package_is_listed_for_the_wheel():
    found = {p.parent.relative_to(ROOT).as_posix().replace("/", ".") for p in (ROOT / "extractor").rglob("__init__.py")}
    assert found | {"vnplan_rules"} == set(CONFIG["packages"])


def test_the_top_level_rules_folder_ships_as_package_data():
    assert CONFIG["package-dir"] == {"vnplan_rules": "rules"}
    shipped = CONFIG["package-data"]["vnplan_rules"]
    assert "*.yaml" in shipped
    assert {p.name for p in (ROOT / "rules").iterdir() if p.suffix == ".yaml"} >= {"vocab.yaml", "meta.yaml"}


def test_rules_are_read_from_the_checkout_here(monkeypatch):
    monkeypatch.delenv("VNPLAN_RULES", raising=False)
    assert Path(str(rules.rules_dir())) == ROOT / "rules"
    assert "vocab" in rules.rule_files() and "meta" in rules.rule_files()
