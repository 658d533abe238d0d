"""Every rule in rules/*.yaml compiles and matches its examples, and none of its counter-examples."""

from __future__ import annotations

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
