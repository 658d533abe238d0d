"""One typed record: `Record.from_dict` reads back every record and gold file, and the shipped JSON
schema and the dataclasses describe the same fields and the same enums."""

from __future__ import annotations

import dataclasses
import json
import types
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints, is_typeddict

import pytest

from extractor.pipeline import extract_file
from extractor.record import Record, RecordError, record_schema

ROOT = Path(__file__).resolve().parent.parent
SETS = [ROOT / "corpus", *sorted((ROOT / "tests").glob("real*")), *sorted((ROOT / "tests").glob("heldout*"))]
GOLDS = sorted((ROOT / "tests" / "gold").glob("*.json")) + [p for s in SETS for p in sorted(s.glob("*.gold.json"))]


@pytest.mark.parametrize("folder", SETS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_extracted_record_round_trips(folder):
    for path in sorted(folder.glob("*.txt")):
        d = json.loads(json.dumps(extract_file(path).to_dict()))
        assert Record.from_dict(d).to_dict() == d, path.name


def _contains(full: Any, part: Any) -> bool:
    if isinstance(part, dict):
        return isinstance(full, dict) and all(k in full and _contains(full[k], v) for k, v in part.items())
    if isinstance(part, list):
        return isinstance(full, list) and len(full) == len(part) and all(map(_contains, full, part))
    return full == part


def test_every_gold_record_loads_and_keeps_its_values():
    assert len(GOLDS) >= 40
    for path in GOLDS:
        gold = json.loads(path.read_text(encoding="utf-8"))
        rec = Record.from_dict(gold)
        assert _contains(rec.to_dict(), gold), path.name


def test_from_dict_rejects_unknown_keys_and_values_outside_an_enum():
    good = {"doc_id": "x", "source": {"path": "x.txt", "sha256": "0" * 64, "format": "txt"}}
    assert Record.from_dict(good).meta.kind == "other"
    with pytest.raises(RecordError, match=r"record\.meta: unknown key\(s\) numbr"):
        Record.from_dict(good | {"meta": {"numbr": "1/QĐ"}})
    with pytest.raises(RecordError, match=r"record\.targets\[0\]\.comparator: '≥' is not one of"):
        Record.from_dict(good | {"targets": [{"comparator": "≥"}]})


# --- the schema and the dataclasses agree -------------------------------------------------------


def _resolve(node: dict, schema: dict) -> dict:
    """A schema node with its $ref, allOf and nullable oneOf folded into one object node."""
    if "$ref" in node:
        node = {**schema["$defs"][node["$ref"].split("/")[-1]], **{k: v for k, v in node.items() if k != "$ref"}}
    if "oneOf" in node:
        (node,) = [n for n in node["oneOf"] if n.get("type") != "null"]
    if "allOf" in node:
        merged = {k: v for k, v in node.items() if k != "allOf"}
        for part in node["allOf"]:
            part = _resolve(part, schema)
            merged["properties"] = {**part.get("properties", {}), **merged.get("properties", {})}
        node = merged
    return node


def _strip_optional(tp: Any) -> tuple[Any, bool]:
    if get_origin(tp) in (Union, types.UnionType) and type(None) in get_args(tp):
        (inner,) = [a for a in get_args(tp) if a is not type(None)]
        return inner, True
    return tp, False


def _agree(tp: Any, node: dict, schema: dict, where: str, problems: list[str]) -> None:
    node = _resolve(node, schema)
    tp, optional = _strip_optional(tp)
    if get_origin(tp) is list:
        _agree(get_args(tp)[0], node.get("items", {}), schema, f"{where}[]", problems)
    elif get_origin(tp) is Literal:
        enum = set(node.get("enum", [node.get("const")]))
        if enum - {None} != set(get_args(tp)):
            problems.append(f"{where}: schema enum {sorted(enum - {None})} != {sorted(get_args(tp))}")
        if (None in enum) != optional:
            problems.append(f"{where}: null {'allowed' if None in enum else 'refused'} by the schema")
    elif dataclasses.is_dataclass(tp) or is_typeddict(tp):
        hints = get_type_hints(tp)
        props = node.get("properties", {})
        for name in sorted(set(hints) - set(props)):
            problems.append(f"{where}.{name}: a field of {tp.__name__} missing from the schema")
        for name in sorted(set(props) - set(hints)):
            problems.append(f"{where}.{name}: in the schema, not a field of {tp.__name__}")
        for name in sorted(set(node.get("required", [])) - set(hints)):
            problems.append(f"{where}.{name}: required by the schema, not a field of {tp.__name__}")
        for name in sorted(set(hints) & set(props)):
            _agree(hints[name], props[name], schema, f"{where}.{name}", problems)


def test_the_schema_and_the_dataclasses_agree():
    schema = record_schema()
    problems: list[str] = []
    _agree(Record, schema, schema, "record", problems)
    assert problems == []


def test_the_agreement_check_sees_a_difference():
    schema = json.loads(json.dumps(record_schema()))
    schema["properties"]["targets"]["items"]["properties"]["comparator"]["enum"].remove("~")
    schema["properties"]["meta"]["properties"]["extra"] = {"type": "string"}
    problems: list[str] = []
    _agree(Record, schema, schema, "record", problems)
    assert problems == ["record.meta.extra: in the schema, not a field of Meta",
                        "record.targets[].comparator: schema enum ['<', '<=', '=', '>', '>=', 'range'] != "
                        "['<', '<=', '=', '>', '>=', 'range', '~']"]
