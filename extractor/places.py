"""Places: province names and spellings, locality words and their levels, place names after a locality
word, and the province an article is about. Tables live in rules/meta.yaml and rules/vocab.yaml; name words and the words
that never start a place name in rules/references.yaml.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Any, get_args

from .record import Level
from .rules import RuleError, RuleFile, load_rules
from .vntext import fold


def _meta_data() -> dict[str, Any]:
    """The place tables of rules/meta.yaml."""
    return load_rules("meta").data


@lru_cache(maxsize=1)
def _places() -> dict[str, tuple[str, str]]:
    """Folded place name -> (official name, 'province')."""
    d = _meta_data()
    out = {fold(p): (p, "province") for p in province_names() + central_cities()}
    for variant, name in (d.get("place_variants") or {}).items():
        out[fold(variant)] = (name, "province")
    return out


def province_name(name: str | None) -> str | None:
    """The official province name for a spelling of it ('YÊN BÁI' -> 'Yên Bái'), or None."""
    if not name:
        return None
    hit = _places().get(fold(" ".join(name.split())))
    return hit[0] if hit else None


def province_pattern() -> str:
    """A regex alternative of every province spelling (case-insensitive use), longest first."""
    names = sorted({*province_names(), *central_cities()}
                   | set(_meta_data().get("place_variants") or {}), key=len, reverse=True)
    return "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)


def province_unit(place: str) -> str:
    """A province or central city named with its unit: 'Bắc Ninh' -> 'tỉnh Bắc Ninh', 'Cần Thơ' -> 'thành phố Cần
    Thơ'."""
    name = province_name(place) or " ".join(place.split())
    return f"{'thành phố' if name in central_cities() else 'tỉnh'} {name}"


@lru_cache(maxsize=1)
def named_localities() -> re.Pattern[str]:
    """A collective of localities and the provinces it names right after it ('các địa phương Bắc Ninh, Bình Dương,
    An Giang'): group `places`, the names with their separators."""
    place = rf"(?:(?i:tỉnh|thành\s+phố)\s+)?(?:{province_pattern()})(?![\wÀ-ỹ])"
    return re.compile(rf"(?i:các|những)\s+(?:địa\s+phương|tỉnh(?:\s*,\s*thành\s+phố)?)\s+"
                      rf"(?P<places>{place}(?:(?:\s*,\s*(?:và\s+)?|\s+và\s+){place})*)")


def locality_list(places: str) -> list[tuple[str, str]]:
    """'Bắc Ninh, Bình Dương và An Giang' (the `places` of `named_localities`) -> each as written and with its unit."""
    names = re.split(r"\s*,\s*(?:và\s+)?|\s+và\s+", places.strip())
    return [(n, province_unit(re.sub(r"^(?i:tỉnh|thành\s+phố)\s+", "", n))) for n in names if n]


def title_case(name: str) -> str:
    """'THUẬN AN' -> 'Thuận An'; a known province gets its official spelling."""
    name = " ".join(name.split())
    return province_name(name) or " ".join(w[:1].upper() + w[1:].lower() for w in name.split())


def unit_level(unit: str, place: str | None) -> Level | None:
    """Level of a body named with a locality word: 'tỉnh' -> province, 'thành phố Thuận An' -> district."""
    unit = unit.lower()
    if unit == "thành phố" and place and fold(place) in {fold(c) for c in central_cities()}:
        return "province"
    return locality_units().get(unit)


def province_names() -> list[str]:
    """The provinces' official names (rules/meta.yaml `provinces`)."""
    return list(_meta_data()["provinces"])


def central_cities() -> list[str]:
    """The centrally-run cities (rules/vocab.yaml): a *thành phố* among them is a province."""
    return list(load_rules("vocab").data["central_cities"])


def locality_units() -> dict[str, Level]:
    """Locality word -> level of a body named with it (rules/vocab.yaml; RuleError on an unknown level)."""
    units = dict(load_rules("vocab").data["locality_units"])
    bad = sorted(str(v) for v in units.values() if v not in get_args(Level))
    if bad:
        raise RuleError(f"vocab: locality_units has unknown level(s) {', '.join(bad)}")
    return units


def _ref_rules() -> RuleFile:
    """The citation rule file (name words, words that never start a place name)."""
    return load_rules("references")


@lru_cache(maxsize=1)
def _province_rx() -> re.Pattern[str]:
    """A province name after a space."""
    return re.compile(r"\s+(" + province_pattern() + r")(?![\w])")


@lru_cache(maxsize=1)
def name_words_rx() -> re.Pattern[str]:
    """One to four capitalised words after a space: a place or body name ('Thuận An')."""
    word = _ref_rules().fragments["name_word"]
    return re.compile(rf"[ \t]+({word}(?:[ \t]+{word}){{0,3}})(?![\w])")


def local_name(text: str, pos: int, unit: str) -> tuple[int, str | None]:
    """The place name after a locality word at `pos` ('tỉnh| Bình Dương'), or no name."""
    if unit in ("tỉnh", "thành phố"):
        m = _province_rx().match(text, pos)
        if m:
            return m.end(), province_name(m.group(1))
    if unit == "tỉnh":
        return pos, None
    m = name_words_rx().match(text, pos)
    if m and m.group(1).split()[0] not in _ref_rules().data["not_names"]:
        return m.end(), " ".join(m.group(1).split())
    return pos, None


_VENUE = re.compile(r"(?:\btại|\bở|\bdiễn\s+ra)\s+(?:(?:thành\s+phố|TP\.?|tỉnh|thủ\s+đô)\s+)?$", re.IGNORECASE)


def main_province(text: str, headline: str, skip_venues: bool = False) -> str | None:
    """The province an article is about: the one named most (the headline counts triple). With
    `skip_venues`, a place named only as a venue ('hội nghị tại Hà Nội') does not count."""
    rx = re.compile(r"(?<!\w)(" + province_pattern() + r")(?!\w)")
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for source, weight in ((text, 1), (headline, 2)):
        for m in rx.finditer(source):
            name = province_name(m.group(1))
            if not name or (skip_venues and _VENUE.search(source[max(0, m.start() - 25):m.start()])):
                continue
            counts[name] += weight
            if source is text:
                first.setdefault(name, m.start())
    if not counts:
        return None
    return max(counts, key=lambda n: (counts[n], -first.get(n, 0)))
