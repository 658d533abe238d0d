"""Meta of a news article: headline, dateline, and the level and place of the plan it reports on.

Level and place come from who issues or carries out the plan the article is about (the subject of
*ban hành / triển khai*, the issuer of the reported document), then from the locality named most;
a place named only as a venue (*hội nghị tại Hà Nội*) does not make the article local. Patterns
live in rules/meta.yaml (meta.news_*).
"""

from __future__ import annotations

import re
from collections import Counter

from .document import Doc
from .places import local_name, main_province, province_name, unit_level
from .record import Level, Meta
from .rules import load_rules
from .vntext import find_dates

_LEAD_LINES = 3  # body paragraphs read as the article's lead
_BYLINE_LINES = 4  # lines under the headline where the article's own dateline sits


def _rx(rule_id: str) -> re.Pattern[str]:
    return load_rules("meta").rule(rule_id).rx


def _is_dateline(s: str) -> bool:
    """A line that is only a dateline (with its labels, weekday, time zone, a short byline or site name)."""
    m = _rx("meta.news_dateline").search(s) if len(s) < 120 else None
    return m is not None and len((s[:m.start()] + " " + s[m.end():]).split()) <= 4


def _headline(lines: list[tuple[int, str]]) -> tuple[int | None, str | None]:
    """The headline: the first title-like line near the top (a repeated one wins); never a dateline."""
    dl = _rx("meta.news_dateline")
    headline_at, headline = None, None
    seen: Counter[str] = Counter()
    for i, s in lines[:15]:
        if len(s) > 250 or (len(s.split()) >= 25 and s.endswith(".")):
            break
        if _is_dateline(s):
            continue
        m = dl.search(s)
        if m:  # a headline glued to its byline and dateline by line joining
            s = re.sub(r"(?:\s+[a-z]+:?)+$", "", s[:m.start()].strip())
        if (len(s.split()) < 4 or s.startswith("(") or s.endswith(".") or re.search(r"[>»|]", s)
                or re.match(r"(?:Theo|Nguồn|Ảnh|Tác giả|Bài|Video)\b", s)):  # menus, bylines, captions
            continue
        seen[s] += 1
        if headline is None or seen[s] > 1 or seen[headline] < 2:
            headline_at, headline = i, s
    return headline_at, headline


def _date(lines: list[tuple[int, str]], headline_at: int | None) -> str | None:
    """The article's dateline: the dated line closest to the headline (before or after it). A dated line
    above the headline that is later than a dateline just below it is the page's clock, not the article's."""
    dl = _rx("meta.news_dateline")
    found: list[tuple[int, int, str]] = []  # (position among the lines, line index, ISO date)
    for k, (i, s) in enumerate(lines):
        m = dl.search(s) if len(s) < 120 else None
        iso = find_dates(next(v for v in m.groupdict().values() if v)) if m else None
        if iso:
            found.append((k, i, iso[0][2]))
    if not found:
        return None
    if headline_at is None:
        return found[0][2]
    at = next((k for k, (i, _) in enumerate(lines) if i == headline_at), 0)
    below = [d for k, _, d in found if at < k <= at + _BYLINE_LINES]  # the article's own, not a related-news list
    found = [f for f in found if not (f[1] < headline_at and any(d < f[2] for d in below))] or found
    return min(found, key=lambda f: (abs(f[0] - at), f[1] < headline_at))[2]


def _local_subject(text: str, named: bool = False) -> tuple[Level, str | None] | None:
    """(level, place) of the local body that issues or carries out the reported plan, first in `text`
    (with `named`, only a body whose locality is named: 'UBND tỉnh Quảng Nam', not 'UBND tỉnh')."""
    hits = []
    for rule in ("meta.news_local_subject", "meta.news_reported_issuer"):
        hits += list(_rx(rule).finditer(text))
    for m in sorted(hits, key=lambda m: m.start()):
        unit = " ".join(m.group("unit").lower().split()).rstrip(".")
        unit = "thành phố" if unit == "tp" else unit
        end, name = local_name(text, m.end("unit"), unit)
        rest_end = m.end("rest") if m.group("rest") else end
        if not re.fullmatch(r"\s*(?:\([^()]{1,30}\))?\s*", text[end:rest_end] if rest_end >= end else ""):
            continue
        if name or (not named and unit == "tỉnh" and not text[m.end("unit"):rest_end].strip()):
            return unit_level(unit, name) or "province", name
    return None


def news_meta(doc: Doc) -> Meta:
    """Meta of a news article: headline, article dateline, the level and place it is about."""
    lines = [(i, ln.text.strip()) for i, ln in enumerate(doc.lines) if ln.text.strip()]
    headline_at, headline = _headline(lines)
    after = [s for i, s in lines if headline_at is None or i > headline_at]
    lead = [s for s in after if len(s.split()) >= 12][:_LEAD_LINES]
    national = _rx("meta.news_national_subject")
    place: str | None = None
    level: Level | None = None
    led_nationally = any(national.search(s) for s in [headline or ""] + lead)
    subject = _local_subject(headline or "") or _local_subject(doc.text, named=True)
    if subject is None and not led_nationally:
        subject = _local_subject(doc.text)
    if subject is not None:
        level, place = subject
        if place is None or level == "province":
            place = province_name(place) or main_province(doc.text, headline or "", skip_venues=True)
    elif not led_nationally:
        place = main_province(doc.text, headline or "", skip_venues=True)
        level = "province" if place else None
    if level is None and re.search(r"Thủ tướng|Chính phủ|Quốc hội|\bBộ [A-ZĐ]|Tổng cục", doc.text):
        level = "national"
    return Meta(kind="news", title=headline, date=_date(lines, headline_at), level=level, place=place)
