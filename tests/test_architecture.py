"""Import direction: number canon below meta, references and link; no module reads another's private names."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted((ROOT / "extractor").rglob("*.py"))


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [(n.module or "", [a.name for a in n.names]) for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]


def test_no_module_imports_another_modules_private_names():
    private = [f"{p.relative_to(ROOT)}: from {'.' if not mod else mod} import {name}"
               for p in MODULES for mod, names in _imports(p) for name in names
               if name.startswith("_") and not name.startswith("__")]
    assert private == []


def test_numbers_sit_below_meta_references_and_link():
    numbers = {mod for mod, _ in _imports(ROOT / "extractor" / "numbers.py")}
    assert numbers <= {"__future__", "functools", "typing", "rules", "vntext"}, numbers
    for user in ("meta", "references", "link"):
        mods = {mod for mod, _ in _imports(ROOT / "extractor" / f"{user}.py")}
        assert "numbers" in mods and "link" not in mods, (user, mods)
