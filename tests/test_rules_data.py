"""Every rule in rules/*.yaml compiles and matches its examples, and none of its counter-examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.rules import load_rules, rule_files


def _cases():
    for name in rule_files():
        for rule in load_rules(name).rules:
            if rule.regex is not None:
                yield pytest.param(name, rule, id=f"{name}:{rule.id}")


def test_rule_files_exist():
    assert rule_files(), "no rule files found in rules/"


@pytest.mark.parametrize("name,rule", list(_cases()))
def test_rule_examples(name, rule):
    assert rule.examples, f"{name}:{rule.id} has no examples"
    for ex in rule.examples:
        text, want = (ex["text"], ex.get("match")) if isinstance(ex, dict) else (ex, None)
        m = rule.regex.search(text)
        assert m, f"{rule.id} should match {text!r}"
        if want is not None:
            assert m.group(0) == want, f"{rule.id} on {text!r}: matched {m.group(0)!r}, want {want!r}"
    for ex in rule.counter_examples:
        text = ex["text"] if isinstance(ex, dict) else ex
        assert not rule.regex.search(text), f"{rule.id} should not match {text!r}"


@pytest.mark.parametrize("name", rule_files())
def test_rule_ids_unique(name):
    ids = [r.id for r in load_rules(name).rules]
    assert len(ids) == len(set(ids)), f"duplicate rule ids in {name}"


def test_every_abbreviation_example_holds_two_capitals_or_an_ampersand():
    """abbrev.expand_abbreviations skips text without them: every rule's examples must have one."""
    from extractor.abbrev import _MAY_HOLD_ABBREVIATION

    for rule in load_rules("abbreviations").rules:
        for ex in rule.examples:
            assert _MAY_HOLD_ABBREVIATION.search(ex if isinstance(ex, str) else ex["text"]), rule.id


def test_windowed_abbreviation_expansion_equals_the_full_pass():
    """expand_abbreviations works on stretches around triggers in long texts: same result as every rule
    over the whole text, on every bundled and held-out document."""
    import glob

    from extractor.abbrev import _expand_all, expand_abbreviations

    root = Path(__file__).resolve().parent.parent
    texts = [open(f, encoding="utf-8").read()
             for f in sorted(glob.glob(f"{root}/corpus/*.txt") + glob.glob(f"{root}/tests/heldout*/*.txt"))]
    texts.append("x" * 500 + " Sở KH&CN, UBND tỉnh, Sở Thông tin & Truyền thông " + "y" * 500)
    for t in texts:
        assert expand_abbreviations(t) == " ".join(_expand_all(t).split())


def test_every_target_value_rule_needs_a_digit():
    """targets._values skips clauses without digits for every value rule but those reading number words: no other
    value rule may match digit-free text, and a number word such a rule reads is one of its `word_numbers`."""
    from extractor.target_text import group, rules_of

    for rule in rules_of("value"):
        words = rule.get("word_numbers") or {}
        for ex in rule.examples:
            text = ex if isinstance(ex, str) else ex["text"]
            m = rule.regex.search(text)
            lo = group(m, "lo") if m else None
            assert m and (any(c.isdigit() for c in m.group(0)) or (lo or "").lower() in words), rule.id


def test_rule_ids_are_unique_in_each_file() -> None:
    """`RuleFile.rule(id)` returns the first rule of an id: a second one with the same id would be dead."""
    from collections import Counter

    from extractor.rules import load_rules, rule_files

    for name in rule_files():
        counts = Counter(r.id for r in load_rules(name).rules)
        assert [i for i, n in counts.items() if n > 1] == [], name


def _table_regex_cases():
    data = load_rules("obligations").data
    for table, entries in data["table_examples"].items():
        if "examples" in entries:  # a single regex
            yield table, [data[table]], entries
            continue
        for key, ex in entries.items():
            patterns = data[table][key]
            yield f"{table}.{key}", patterns if isinstance(patterns, list) else [patterns], ex


@pytest.mark.parametrize("name,patterns,cases", list(_table_regex_cases()), ids=lambda v: v if isinstance(v, str) else "")
def test_regexes_in_data_tables_match_their_examples(name, patterns, cases):
    import re

    flags = re.IGNORECASE if name.startswith(("table_header", "table_time_parts", "labels")) else 0
    if name.startswith("labels."):  # read as '<label>:' (appendix._label_rx)
        patterns = [rf"^(?:{p})\s*:" for p in patterns]
        cases = {k: [f"{x}:" for x in v] for k, v in cases.items()}
    rxs = [re.compile(p, flags) for p in patterns]
    for ex in cases["examples"]:
        assert any(rx.search(ex) for rx in rxs), (name, ex)
    for ex in cases["counter_examples"]:
        assert not any(rx.search(ex) for rx in rxs), (name, ex)


def test_every_regex_table_has_examples():
    data = load_rules("obligations").data
    assert set(data["table_examples"]) == {"table_header", "table_row_number", "table_row_number_inline", "table_indicator_task",
                                          "table_row_number_nested", "table_row_number_nested_inline",
                                          "table_value_start", "table_wrapped", "table_time_parts",
                                          "table_group_number", "labels"}
    assert set(data["table_examples"]["table_header"]) == set(data["table_header"])
    assert set(data["table_examples"]["labels"]) == set(data["labels"])


def test_a_rule_file_with_an_unknown_key_is_an_error(tmp_path, monkeypatch):
    import shutil

    from extractor.rules import RuleError

    for f in (Path(__file__).resolve().parent.parent / "rules").glob("*.yaml"):
        shutil.copy(f, tmp_path / f.name)
    with open(tmp_path / "vocab.yaml", "a", encoding="utf-8") as f:
        f.write("\ncentral_citys: [Huế]\n")
    with open(tmp_path / "layout.yaml", "a", encoding="utf-8") as f:
        f.write("\n  - {id: x.y, patern: 'a', examples: [a]}\n")
    monkeypatch.setenv("VNPLAN_RULES", str(tmp_path))
    load_rules.cache_clear()
    try:
        with pytest.raises(RuleError, match="vocab: unknown key.s. central_citys"):
            load_rules("vocab")
        with pytest.raises(RuleError, match="layout: rule 'x.y' has unknown key.s. patern"):
            load_rules("layout")
    finally:
        load_rules.cache_clear()
