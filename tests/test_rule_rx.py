"""Rule.rx: the compiled pattern of a rule, a clear RuleError for a rule without one."""

import re

import pytest

from extractor.rules import Rule, RuleError, load_rules


def test_rx_is_the_compiled_pattern() -> None:
    rule = load_rules("meta").rule("meta.dateline")
    assert rule.rx is rule.regex
    assert isinstance(rule.rx, re.Pattern)


def test_rx_of_a_rule_without_pattern_names_the_rule() -> None:
    rule = Rule("demo.no_pattern", None, {"id": "demo.no_pattern"})
    with pytest.raises(RuleError, match=r"'demo.no_pattern' has no pattern"):
        _ = rule.rx
