"""Rule data loaded from `rules/*.yaml`: named regex fragments and rules with examples.

A rule file may hold `fragments` (name -> regex, usable inside patterns as `{name}`), `rules`
(a list of dicts with `id`, `pattern`, `comment`, `examples`, `counter_examples` and any
fields the applying code reads) and any other data (gazetteers, tables). Files are parsed and
patterns compiled once per process.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml

_FRAGMENT_REF = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
_FLAGS = {"IGNORECASE": re.IGNORECASE, "MULTILINE": re.MULTILINE, "DOTALL": re.DOTALL, "VERBOSE": re.VERBOSE}


# The schema of every rule file: its top-level keys and the keys its rules may carry (beyond the common
# ones). A key not listed is an error at load, so a typo ('counter_example', 'patern') never passes
# silently; a new file or key is added here.
RULE_KEYS = {"id", "pattern", "comment", "examples", "counter_examples", "flags"}
SCHEMAS: dict[str, tuple[set[str], set[str]]] = {
    "abbreviations": ({"rules"}, {"expansion"}),
    "bodies": ({"collective_nouns", "enterprise_nouns", "context_abbreviations", "drop_bare_place_after", "fragments", "gazetteer",
                "not_heads", "province_offices", "locality_bound_heads", "name_continuations", "party_committees",
                "head_aliases", "heads", "locality_quantifiers", "locality_words", "name_tail_stops", "officer_titles", "open_name_stops",
                "open_name_syllables", "rules"}, {"replacement"}),
    "boilerplate": ({"rules"}, {"drop_following", "drop_rest"}),
    "compliance": ({"action_verbs", "coverage_model", "match_stopwords", "rate_units", "rules", "unit_groups",
                    "unit_multipliers"},
                   {"message", "name", "use"}),
    "deadlines": ({"adverbial_preps", "fragments", "noun_window", "plan_nouns", "rules"},
                  {"initial_only", "kind", "noun_check", "noun_window"}),
    "indicators": ({"indicators"}, set()),
    "layout": ({"rules"}, set()),
    "legacy_encodings": ({"rules", "symbol", "tcvn3", "vni"}, set()),
    "meta": ({"code_spellings", "doc_types", "fragments", "issuer_codes", "local_issuer_codes", "national_bodies",
              "numbered_issuer_codes",
              "party_issuer_codes",
              "place_variants", "provinces", "rules", "sectors", "type_codes"}, set()),
    "obligations": ({"fragments", "labels", "rules", "table_group_number", "table_header", "table_row_number", "table_row_number_inline", "table_indicator_task",
                     "table_value_start", "table_wrapped", "table_time_parts",
                     "table_row_number_nested", "table_row_number_nested_inline",
                     "table_examples"}, set()),
    "ocr_checks": ({"rules"}, set()),
    "ocr_fixes": ({"fragments", "heading_phrases", "rules"}, {"action", "replacement"}),
    "references": ({"body_heads", "doc_type_words", "fragments", "law_names", "law_name_variants", "national_issuers", "not_document_codes",
                    "not_names", "party_local", "province_body_heads", "rules"}, set()),
    "registry": ({"documents"}, set()),
    "search": ({"body_place_words", "compact_heads", "districts", "place_words", "rules", "syllable"}, {"expansion"}),
    "signatures": ({"rules"}, set()),
    "structure": ({"fragments", "rules"}, {"kind", "rank"}),
    "targets": ({"fragments", "normative_kinds", "normative_number", "percent_indicator", "restate_ignore", "count_subject_stops", "rules"},
                {"cmp", "column", "goals_aim", "kind", "needs", "opens", "scope", "skip_kinds", "unit_kind", "unit_map",
                 "word_numbers"}),
    "ui_vi": ({"comparators", "export_headers", "export_sheets", "labels"}, set()),
    "vocab": ({"title_openers", "issuer_authority", "not_editions", "never_parents", "locality_units", "central_cities",
               "national_issuer_starts", "carrying_out_verbs", "reviewing_words", "title_horizon",
               "title_function_words"}, set()),
}


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's safe loader: the same data, ~10x faster


def check_schema(name: str, data: dict[str, Any]) -> None:
    """Raise RuleError for a rule file without a schema, or a key its schema does not list."""
    if name not in SCHEMAS:
        raise RuleError(f"{name}: no schema for this rule file (add it to extractor.rules.SCHEMAS)")
    top, extra = SCHEMAS[name]
    unknown = sorted(set(data) - top)
    if unknown:
        raise RuleError(f"{name}: unknown key(s) {', '.join(unknown)} (known: {', '.join(sorted(top))})")
    for raw in data.get("rules") or []:
        bad = sorted(set(raw) - RULE_KEYS - extra) if isinstance(raw, dict) else ["(not a mapping)"]
        if bad:
            raise RuleError(f"{name}: rule {raw.get('id') if isinstance(raw, dict) else raw!r} has unknown "
                            f"key(s) {', '.join(bad)}")


class RuleError(ValueError):
    """A rule file that cannot be loaded: bad YAML, unknown fragment, invalid regex."""


@dataclass
class Rule:
    """One named pattern with the examples it must and must not match."""

    id: str
    regex: re.Pattern[str] | None
    data: dict[str, Any]
    examples: list[Any] = field(default_factory=list)
    counter_examples: list[Any] = field(default_factory=list)

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    @property
    def rx(self) -> re.Pattern[str]:
        """The compiled pattern, for rules that must have one (RuleError when the rule has none)."""
        if self.regex is None:
            raise RuleError(f"rule {self.id!r} has no pattern")
        return self.regex


@dataclass
class RuleFile:
    """A parsed rule file: its compiled rules, its fragments and its raw data."""

    name: str
    rules: list[Rule]
    fragments: dict[str, str]
    data: dict[str, Any]

    def rule(self, rule_id: str) -> Rule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(f"{self.name}: no rule {rule_id!r}")

    def pattern(self, name: str, flags: int = 0) -> re.Pattern[str]:
        """Compile a fragment by name (fragments may use other fragments)."""
        return _compile(self.name, expand(self.fragments, "{" + name + "}"), flags)


RULES_PACKAGE = "vnplan_rules"  # the top-level `rules/` folder, as the wheel installs it


def rules_dir() -> Traversable:
    """The folder of rule files: $VNPLAN_RULES; else `rules/` of the source checkout this package
    runs from; else the `vnplan_rules` package data installed with the wheel."""
    env = os.environ.get("VNPLAN_RULES")
    if env:
        return Path(env)
    checkout = Path(__file__).resolve().parent.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "rules").is_dir():
        return checkout / "rules"
    try:
        return resources.files(RULES_PACKAGE)
    except ModuleNotFoundError as e:
        raise RuleError(f"no rule files: neither {checkout / 'rules'} nor the {RULES_PACKAGE} package") from e


def expand(fragments: dict[str, str], pattern: str, depth: int = 0) -> str:
    """Replace `{name}` references by their fragment, wrapped in a non-capturing group."""
    if depth > 20:
        raise RuleError(f"fragment recursion too deep in {pattern!r}")

    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in fragments:
            raise RuleError(f"unknown fragment {{{name}}}")
        return "(?:" + expand(fragments, fragments[name], depth + 1) + ")"

    return _FRAGMENT_REF.sub(sub, pattern)


def _compile(file: str, pattern: str, flags: int) -> re.Pattern[str]:
    try:
        return re.compile(pattern, flags)
    except re.error as e:
        raise RuleError(f"{file}: invalid regex {pattern!r}: {e}") from e


@cache
def load_rules(name: str) -> RuleFile:
    """Load `rules/<name>.yaml` once; patterns are compiled with their fragments expanded."""
    path = rules_dir() / f"{name}.yaml"
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER) or {}
    except (OSError, yaml.YAMLError) as e:
        raise RuleError(f"cannot load rule file {path}: {e}") from e
    check_schema(name, data)
    fragments = {k: str(v) for k, v in (data.get("fragments") or {}).items()}
    rules = []
    for raw in data.get("rules") or []:
        if "id" not in raw:
            raise RuleError(f"{name}: a rule has no id: {raw}")
        regex = None
        if raw.get("pattern") is not None:
            flags = 0
            for f in raw.get("flags") or []:
                flags |= _FLAGS[f]
            regex = _compile(name, expand(fragments, str(raw["pattern"])), flags)
        rules.append(Rule(raw["id"], regex, raw, list(raw.get("examples") or []),
                          list(raw.get("counter_examples") or [])))
    return RuleFile(name, rules, fragments, data)


def rule_files() -> list[str]:
    """Names of all rule files present."""
    return sorted(p.name.removesuffix(".yaml") for p in rules_dir().iterdir() if p.name.endswith(".yaml"))
