"""The shortcuts of abbreviation expansion and search folding give what running every rule gives.

`abbrev.required_literals` reads from a pattern the literal strings one of which every match holds, so
a rule whose literals are absent is not run; `abbrev.max_width` / `ends_at_end` let a pattern anchored at
the end be searched near the end only; `search._trie` writes the folded terms as a tree. None of them
may change a result: checked against `re`'s own parser, on every rule's examples and on every bundled
document.
"""

from __future__ import annotations

import glob
import re
from pathlib import Path

import pytest

from extractor import search
from extractor.abbrev import LiteralGate, _expand_all, ends_at_end, literal_gate, max_width, required_literals
from extractor.rules import load_rules, rule_files
from extractor.vntext import fold

ROOT = Path(__file__).resolve().parent.parent


def _texts() -> list[str]:
    files = sorted(glob.glob(f"{ROOT}/corpus/*.txt") + glob.glob(f"{ROOT}/tests/real*/*.txt")
                   + glob.glob(f"{ROOT}/tests/heldout*/*.txt"))
    return [Path(f).read_text(encoding="utf-8") for f in files]


@pytest.mark.parametrize("pattern,flags,want", [
    (r"\bUBND\b", 0, ("UBND",)),
    (r"\bc[đd]s\b", re.I, ("cđs", "cds")),
    (r"\bBộ CHQS\b|\bBCH Quân sự\b|\bBCHQS\b", 0, ("Bộ CHQS", "BCH Quân sự", "BCHQS")),
    (r"(?<=\w) & (?=[A-Z])", 0, (" & ",)),
    (r"(?:ab)?cde", 0, ("cde",)),
    (r"x(?:abc)+y", 0, ("abc",)),
    (r"ab?c", 0, ("a",)),  # an optional character ends the run
    (r"ab{2}c", 0, ("a",)),
    (r"a{}b", 0, ("a{}b",)),  # '{}' is no quantifier
    (r"ab|\d+", 0, None),  # one choice holds no literal: nothing is required
    (r"(?:ab)*", 0, None),
    (r"[^a]bc", 0, ("bc",)),
    (r"[]x]yz", 0, ("]yz", "xyz")),
    (r"a\.b\-c", 0, ("a.b-c",)),
    (r"\u0111ổi", 0, ("đổi",)),
    (r"a(?i:bcd)", 0, ("a",)),  # a part under IGNORECASE does not count in a case-sensitive pattern
    (r"(?P<x>abc)(?P=x)", 0, None),  # a back-reference: not read, always run
    (r"(?x) a b", 0, None),  # VERBOSE: not read
    (r"\x41BC", 0, None),
])
def test_required_literals(pattern, flags, want):
    assert required_literals(re.compile(pattern, flags)) == want


def _all_patterns() -> list[re.Pattern[str]]:
    from extractor.body_spans import body_regex

    pats = [r.regex for name in rule_files() for r in load_rules(name).rules if r.regex is not None]
    return [*pats, body_regex(), search._terms().regex, re.compile(r"a{,3}b{2,}c{1,2}$"), re.compile(r"(?:x|yz)\Z")]


def test_widths_and_end_anchors_agree_with_re_s_own_parser():
    """The reader of the rule syntax sees every pattern as `re` does: the same widest match (a wrong
    reading of a group or a class would show here), and an end anchor only where `re` has one."""
    from re import _parser as sre_parse

    def ends(items) -> bool:  # the last item an end anchor, or a choice every branch of which ends so
        if not items:
            return False
        op, av = items[-1]
        if op == sre_parse.BRANCH:
            return all(ends(list(branch)) for branch in av[1])
        if op == sre_parse.SUBPATTERN:
            return ends(list(av[-1]))
        return op == sre_parse.AT and av in (sre_parse.AT_END, sre_parse.AT_END_STRING)

    anchored = 0
    for rx in _all_patterns():
        parsed = sre_parse.parse(rx.pattern, rx.flags)
        widest = parsed.getwidth()[1]
        assert max_width(rx) == (widest if widest < sre_parse.MAXREPEAT else None), rx.pattern[:120]
        if ends_at_end(rx):
            anchored += 1
            assert not rx.flags & re.MULTILINE and ends(list(parsed)), rx.pattern
    assert anchored >= 3


def _rule_cases():
    for name in rule_files():
        for rule in load_rules(name).rules:
            if rule.regex is not None and rule.examples:
                yield pytest.param(rule, id=f"{name}:{rule.id}")


@pytest.mark.parametrize("rule", list(_rule_cases()))
def test_a_rule_matching_its_example_passes_its_gate(rule):
    """Over every rule of every rule file (hundreds of patterns): where the pattern matches, its gate
    lets the text through."""
    gate = literal_gate([rule.regex])
    if gate is None:
        return  # no literal can be told: the rule always runs
    for ex in rule.examples:
        text = ex if isinstance(ex, str) else ex["text"]
        if rule.regex.search(text):
            assert gate.may_match(text), (rule.id, text, gate.literals)


def test_ignorecase_gate_compares_as_the_regex_engine():
    """Under IGNORECASE an ASCII letter also matches İ, ı, ſ and the Kelvin sign: the gate lets such
    text through, whether or not it is ASCII."""
    gate = LiteralGate(("sti", "kx"), ignorecase=True)
    for text in ("ſTİ", "STı", "Kx", "a STI b", "…sti…"):
        assert re.search("sti|kx", text, re.I)
        assert gate.may_match(text), text
    for text in ("s ti", "kk", "…s…"):
        assert not gate.may_match(text)
    assert not LiteralGate(("KH",)).may_match("kh Kh")


def test_gated_expansion_equals_every_rule_in_order():
    rules = load_rules("abbreviations").rules
    texts = [line for t in _texts() for line in t.split("\n")]
    texts += [str(ex) for r in rules for ex in r.examples + r.counter_examples]
    for t in texts:
        want = t
        for r in rules:
            want = r.rx.sub(str(r.get("expansion")), want)
        assert _expand_all(t) == want, t


def test_folded_terms_tree_matches_as_the_plain_alternation():
    terms = search._terms()
    alts = "|".join(re.escape(k) for k in sorted(terms.table, key=len, reverse=True))
    plain = re.compile(rf"(?<![\w&])(?:{alts})(?![\w])")
    assert terms.regex is not None
    keys = list(terms.table)
    texts = [fold(t) for t in _texts()]
    texts += [" ".join(keys), "&".join(keys), "x".join(keys), "-".join(keys), "".join(keys)]
    for t in texts:
        assert terms.regex.sub(lambda m: terms.table[m.group(0)], t) == \
            plain.sub(lambda m: terms.table[m.group(0)], t)


def test_gated_search_rules_equal_every_rule():
    terms = search._terms()
    texts = [fold(line) for t in _texts() for line in t.split("\n")]
    texts += [str(ex) for r in load_rules("search").rules for ex in r.examples + r.counter_examples]
    for t in texts:
        want = t
        if terms.regex is not None:
            want = terms.regex.sub(lambda m: terms.table[m.group(0)], want)
        for rx, expansion in terms.rules:
            want = rx.sub(expansion, want)
        assert search.expand_folded(t) == want, t


@pytest.mark.parametrize("name", ["abbreviations", "deadlines", "search", "boilerplate", "layout", "bodies"])
def test_a_rule_matching_a_corpus_line_passes_its_gate(name):
    """Over every line of every bundled document (and folded, for the rules that read folded text)."""
    lines = [line for t in _texts() for line in t.split("\n") if line.strip()]
    lines += [fold(line) for line in lines]
    for rule in load_rules(name).rules:
        if rule.regex is None:
            continue
        gate = literal_gate([rule.regex])
        if gate is None:
            continue
        for line in lines:
            if rule.regex.search(line):
                assert gate.may_match(line), (rule.id, line)
