"""Words and formats of the interface in Vietnamese (default) or English, from rules/ui_vi.yaml:
export column titles, web labels, numbers with a decimal comma, dates as dd/mm/yyyy, target
comparators as a reader says them (trên 11 %/năm)."""

from __future__ import annotations

import re
from typing import Any

from .rules import load_rules

LANGS = ("vi", "en")


def _data() -> dict[str, Any]:
    return load_rules("ui_vi").data


def export_header(name: str) -> str:
    """The Vietnamese title of an export column ('lead' -> 'Cơ quan chủ trì'); unknown names stay."""
    return (_data().get("export_headers") or {}).get(name, name)


def export_sheet(kind: str) -> str:
    """The Vietnamese xlsx sheet name of a kind ('obligations' -> 'Nhiệm vụ')."""
    return (_data().get("export_sheets") or {}).get(kind, kind)


def label(key: str, lang: str = "vi") -> str:
    """A web label in `lang` ('search' -> 'Tìm kiếm'); the key itself when the table lacks it."""
    entry = (_data().get("labels") or {}).get(key)
    if isinstance(entry, dict):
        return str(entry.get(lang) or entry.get("en") or key)
    return key


def number(v: float | int | None, lang: str = "vi") -> str:
    """A number as the language writes it: 11.0 -> '11', 6.2 -> '6,2', 2500 -> '2.500' (vi) / '2,500' (en)."""
    if v is None:
        return ""
    x = float(v)
    text = f"{x:,.0f}" if x == int(x) else f"{x:,.6f}".rstrip("0").rstrip(".")
    if lang == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def date(iso: str | None, lang: str = "vi") -> str:
    """An ISO date as dd/mm/yyyy (both languages: the form Vietnamese documents use); others unchanged."""
    if not iso:
        return ""
    m = _ISO.match(str(iso))
    return f"{m[3]}/{m[2]}/{m[1]}" if m else str(iso)


def target_value(comparator: str | None, value: float | None, value_max: float | None, unit: str | None,
                 lang: str = "vi") -> str:
    """A target's value as read aloud: ('>', 11.0, None, '%/năm') -> 'trên 11 %/năm'; a range
    'từ 5 đến 7 %' (vi) or '5–7 %' (en)."""
    words = (_data().get("comparators") or {}).get(lang) or {}
    if value_max is not None or comparator == "range":
        parts = [words.get("range", ""), number(value, lang)]
        if value_max is not None:
            sep = words.get("range_to", "–")
            parts = [*parts, sep, number(value_max, lang)] if sep.strip() != "–" else \
                [parts[0], f"{number(value, lang)}–{number(value_max, lang)}"]
    else:
        parts = [words.get(comparator or "=", comparator or ""), number(value, lang)]
    return " ".join(p for p in [*parts, unit or ""] if p)
