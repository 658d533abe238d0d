"""Words and formats of the interface in Vietnamese (default) or English, from rules/ui_vi.yaml:
export column titles, web labels, numbers with a decimal comma, dates as dd/mm/yyyy, target
comparators as a reader says them (trên 11 %/năm)."""

from __future__ import annotations

import re
from contextvars import ContextVar
from typing import Any

from .rules import load_rules

LANGS = ("vi", "en")
_DEFAULT = {"lang": "vi"}


def set_default_lang(lang: str) -> None:
    """The language of pages that do not ask for one (`vnplan serve --lang`)."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: one of {', '.join(LANGS)}")
    _DEFAULT["lang"] = lang


_REQUEST_LANG: ContextVar[str | None] = ContextVar("vnplan_lang", default=None)


def use_lang(params: dict[str, str]) -> str:
    """Set the language of the request being answered (?lang=en, else the default); returns it."""
    lang = (params.get("lang") or "").strip().lower()
    lang = lang if lang in LANGS else _DEFAULT["lang"]
    _REQUEST_LANG.set(lang)
    return lang


def lang_of(params: dict[str, str]) -> str:
    """The language a request asks for (?lang=en), else that of the request being answered, else
    the default."""
    lang = (params.get("lang") or "").strip().lower()
    return lang if lang in LANGS else (_REQUEST_LANG.get() or _DEFAULT["lang"])


def _data() -> dict[str, Any]:
    return load_rules("ui_vi").data


def export_header(name: str) -> str:
    """The Vietnamese title of an export column ('lead' -> 'Cơ quan chủ trì'); unknown names stay."""
    return (_data().get("export_headers") or {}).get(name, name)


def export_sheet(kind: str) -> str:
    """The Vietnamese xlsx sheet name of a kind ('obligations' -> 'Nhiệm vụ')."""
    return (_data().get("export_sheets") or {}).get(kind, kind)


def label(key: str, lang: str = "vi", **values: Any) -> str:
    """A web label in `lang` ('search' -> 'Tìm kiếm'), `{name}` fields filled from `values`; the key
    itself when the table lacks it."""
    entry = (_data().get("labels") or {}).get(key)
    text = str(entry.get(lang) or entry.get("en") or key) if isinstance(entry, dict) else key
    return text.format(**values) if values else text


def word(group: str, value: Any, lang: str = "vi") -> str:
    """A record value as the reader says it: word('level', 'district') -> 'Huyện'; unknown values stay."""
    if value is None or value == "":
        return ""
    key = f"{group}_{value}"
    return label(key, lang) if key in (_data().get("labels") or {}) else str(value)


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
