"""Document numbers: their canonical form, their codes, and what the codes say (type, national issuer).

The lowest layer of the extraction modules: meta, references and link all read numbers through it.
The tables (type codes, issuer codes, spellings) are in rules/meta.yaml, the carrying-out verbs in
rules/vocab.yaml.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .rules import RuleFile, load_rules
from .vntext import nfc

_NUMBER_SPLIT = re.compile(r"\s*[/\-–]\s*")


def _without_footnote_mark(code: str, data: dict[str, Any]) -> str:
    """An issuer code with a footnote number glued to it ('CP2' in '140/NQ-CP2') is the code; codes that
    carry a term number (QH15, UBTVQH15) keep it."""
    m = re.fullmatch(r"([A-Za-zĐđ]+)(\d)", code)
    known = set(data.get("issuer_codes") or {}) | set(data.get("party_issuer_codes") or [])
    numbered = set(data.get("numbered_issuer_codes") or [])
    return m.group(1) if m and m.group(1) in known and m.group(1) not in numbered else code


def canonical_number(raw: str | None) -> str | None:
    """The official form of a document number: '36/QD/TTg' -> '36/QĐ-TTg', '52 - KL / TW' -> '52-KL/TW'."""
    if not raw:
        return None
    s = re.sub(r"^\s*(?:[Ss]ố|SỐ)\s*:?\s*", "", nfc(raw)).strip().rstrip(".,;:)")
    s = re.sub(r"\s*&\s*", "&", s)
    m = re.match(r"(\d{1,5}(?:\.\d{1,2})?[a-z]?)\s*[/\-–]\s*(.+)$", s, re.S)
    if not m:
        return None
    serial, parts = m.group(1), [p for p in _NUMBER_SPLIT.split(m.group(2)) if p]
    year = parts.pop(0) if len(parts) > 1 and re.fullmatch(r"(?:19|20)\d{2}", parts[0]) else None
    data = _meta_data()
    spell: dict[str, str] = data.get("code_spellings") or {}
    codes = [spell.get(c, c) for c in parts]
    codes[-1] = _without_footnote_mark(codes[-1], data)
    if len(codes) == 1:
        codes = _unglued(codes[0])
    if not codes or not all(re.fullmatch(r"[A-Za-zĐđ&]+\d{0,3}", c) for c in codes):
        return None
    party = {c.upper() for c in data.get("party_issuer_codes") or []}
    if len(codes) >= 2 and codes[-1].upper() in party and not year:
        return f"{serial}-{'-'.join(codes[:-1])}/{codes[-1]}"
    return f"{serial}{'/' + year if year else ''}/{'-'.join(codes)}"


@lru_cache(maxsize=1)
def _glued_codes() -> tuple[tuple[str, ...], frozenset[str]]:
    """The type codes, longest first, and the issuer codes (national and local) of rules/meta.yaml."""
    data = _meta_data()
    kinds = tuple(sorted(data.get("type_codes") or {}, key=len, reverse=True))
    return kinds, frozenset(data.get("issuer_codes") or {}) | frozenset(data.get("local_issuer_codes") or [])


def _unglued(code: str) -> list[str]:
    """A type code and an issuer code a text layer ran together, the hyphen it broke the line at dropped
    ('QĐBKHCN' -> ['QĐ', 'BKHCN'], 'NQCP' -> ['NQ', 'CP']): both must be known codes; else the code as it is."""
    kinds, issuers = _glued_codes()
    for kind in kinds:
        if code.startswith(kind) and code[len(kind):] in issuers:
            return [kind, code[len(kind):]]
    return [code]


def number_codes(number: str) -> list[str]:
    """The letter codes of a canonical number: '08/2014/NĐ-CP' -> ['NĐ', 'CP']."""
    return [p for p in re.split(r"[/-]", number)[1:] if not p.isdigit()]


@lru_cache(maxsize=1)
def _carry_out() -> re.Pattern[str]:
    """The carrying-out verbs of rules/vocab.yaml ('triển khai', 'cụ thể hóa' ...), spaces flexible."""
    verbs = sorted(load_rules("vocab").data["carrying_out_verbs"], key=len, reverse=True)
    return re.compile("(?:" + "|".join(r"\s+".join(map(re.escape, v.split())) for v in verbs) + r")\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _reviewed() -> re.Pattern[str]:
    """Words ending just before a carrying-out verb that make it the thing reviewed (rules/vocab.yaml
    `reviewing_words`: 'tình hình triển khai', 'kết quả việc thực hiện', 'sơ kết 05 năm thực hiện')."""
    words = sorted(load_rules("vocab").data["reviewing_words"], key=len, reverse=True)
    alts = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
    return re.compile(rf"\b(?:{alts})(?:\s+việc|\s+\d+\s+năm)?\s+$", re.IGNORECASE)


def _carried_out(description: str, limit: int, reviews: bool = False) -> list[tuple[re.Match[str], re.Match[str]]]:
    """(verb, citation) of each *thực hiện / triển khai / cụ thể hóa* followed within `limit` characters, in the same
    sentence, by a document number; a verb after a reviewing word is skipped ('đánh giá tình hình triển khai Nghị
    quyết …': reviewed, not carried out) unless `reviews` (a letter organising the review carries the plan out)."""
    number_rx = _ref_rules().rule("ref.number").rx
    found = []
    for verb in _carry_out().finditer(description):
        if not reviews and _reviewed().search(description, max(0, verb.start() - 40), verb.start()):
            continue
        m = number_rx.search(description, verb.end(), min(len(description), verb.end() + limit))
        if m is not None and not re.search(r"[.;]\s", description[verb.end():m.start()]):
            found.append((verb, m))
    return found


def own_subject(description: str | None, limit: int = 130) -> str:
    """What a description says its document itself is, before the citation it carries out ('ban hành Chương trình
    hành động của Chính phủ' of 'ban hành Chương trình hành động của Chính phủ thực hiện Nghị quyết số 57-NQ/TW …')."""
    if not description:
        return ""
    found = _carried_out(description, limit)
    return description[:found[0][0].start()] if found else description


def implemented_in(description: str | None, limit: int = 130, reviews: bool = False) -> list[str]:
    """Numbers a description says its document carries out: the citation right after *thực hiện /
    triển khai / cụ thể hóa* ('về triển khai Quyết định số 36/QĐ-TTg' -> ['36/QĐ-TTg'], 'triển khai chính
    sách … theo Nghị định số 13/2019/NĐ-CP' -> ['13/2019/NĐ-CP']) and those joined to it by *và*
    (rules/references.yaml `ref.also_carried_out`), nearest verb first; with `reviews`, a review of the carrying
    out counts too (an official letter's 'V/v tổng kết 05 năm thực hiện Kế hoạch số 96/KH-UBND')."""
    out: list[str] = []
    if not description:
        return out
    number_rx, also = _ref_rules().rule("ref.number").rx, _ref_rules().rule("ref.also_carried_out").rx
    for _, first in _carried_out(description, limit, reviews):
        m: re.Match[str] | None = first
        while m is not None:  # '… triển khai QĐ 06/QĐ-TTg … của Thủ tướng Chính phủ và QĐ số 3103/QĐ-BTC': both
            number = canonical_number(m.group())
            if number and number not in out:
                out.append(number)
            after = m.end()
            m = number_rx.search(description, after, min(len(description), after + limit))
            m = m if m is not None and also.match(description[after:m.start()]) else None
    return out


def doc_type_from_number(number: str | None) -> str | None:
    """The doc_type a number's type code implies ('114/KH-UBND' -> 'Kế hoạch'), or None."""
    if not number:
        return None
    table = _meta_data().get("type_codes") or {}
    for code in number_codes(number):
        bare = re.sub(r"\d+$", "", code)
        if bare in table:
            return table[bare]
    return None


def issuer_from_number(number: str | None) -> str | None:
    """A national issuer the number's issuer code names ('36/QĐ-TTg' -> 'Thủ tướng Chính phủ'), or None."""
    if not number:
        return None
    table = _meta_data().get("issuer_codes") or {}
    codes = number_codes(number)
    for code in reversed(codes[1:] if len(codes) > 1 else codes):
        bare = re.sub(r"\d+$", "", code)
        if bare in table and (bare != "QH" or len(codes) == 1):
            return table[bare]
    return None


def _meta_data() -> dict[str, Any]:
    """The number tables (type codes, issuer codes, spellings) of rules/meta.yaml."""
    return load_rules("meta").data


def _ref_rules() -> RuleFile:
    """The citation rule file (the number pattern)."""
    return load_rules("references")


def is_national_number(number: str | None) -> bool:
    """True when the number's issuer code names a national body (TTg, CP, BKHCN, /TW)."""
    return bool(number) and issuer_from_number(number) is not None
