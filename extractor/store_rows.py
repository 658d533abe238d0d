"""The rows one record becomes in the store: a pure function, run in worker processes.

`record_rows(record)` flattens a record into the documents/references/targets/obligations/links
rows and the folded full-text passages, so the single writer process only runs INSERTs.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .abbrev import expand_abbreviations
from .record import Record
from .rules import load_rules
from .search import (
    body_token,
    document_province,
    kind_token,
    place_key,
    place_token,
    search_fold,
    year_tokens,
)
from .vntext import fold

TEXT_CHUNK = 1000  # characters of text per indexed passage (lines are merged up to this size)


@dataclass
class DocRows:
    """Everything `Store.add_rows` writes for one document, computed without a database."""

    doc_id: str
    sha256: str
    document: dict[str, Any]
    references: list[dict[str, Any]] = field(default_factory=list)
    targets: list[dict[str, Any]] = field(default_factory=list)
    obligations: list[dict[str, Any]] = field(default_factory=list)
    links: list[tuple[int, str]] = field(default_factory=list)
    passages: list[tuple[str, int | None, int, int, str | None, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@lru_cache(maxsize=4096)
def body_aliases(name: str) -> tuple[str, ...]:
    """Abbreviated spellings of a body's name, from the abbreviation rules' own examples."""
    aliases: list[str] = []
    for rule in load_rules("abbreviations").rules:
        expansion = str(rule.get("expansion") or "")
        if not expansion.strip() or expansion not in name or rule.regex is None:
            continue
        for example in rule.examples:
            for m in rule.regex.finditer(str(example)):
                alias = name.replace(expansion, m.group(0))
                if alias != name and alias not in aliases:
                    aliases.append(alias)
    return tuple(aliases)


@lru_cache(maxsize=4096)
def _body_row(role: str, name: str) -> tuple[str, str, str, str, str]:
    name = expand_abbreviations(name)
    aliases = body_aliases(name)
    return role, name, search_fold(name), json.dumps(aliases, ensure_ascii=False), " | ".join(map(fold, aliases))


def _section_label(sections: list[dict[str, Any]], offset: int | None, fallback: str | None = None) -> str | None:
    """The innermost heading around `offset`, as 'II.1 Title' style text."""
    best = None
    if offset is not None:
        for s in sections:
            if s["start"] <= offset < s["end"] and (best is None or s["level"] >= best["level"]):
                best = s
    if best is None:
        return fallback
    return f"{best.get('id') or best.get('number') or ''} {best['title']}".strip()


def _span(item: dict[str, Any]) -> tuple[int | None, int | None]:
    span = item.get("span") or [None, None]
    return span[0], span[1]


def _year_bounds(d: dict[str, Any] | None) -> tuple[int | None, int | None, int | None]:
    """(deadline_year, year_from, year_to): the years a deadline covers; None is open-ended."""
    if not d:
        return None, None, None
    kind, start, end = d.get("kind"), d.get("start"), d.get("end")
    date_year = int(d["date"][:4]) if d.get("date") else None
    if kind == "date" and date_year:
        return date_year, date_year, date_year
    if kind == "year":
        return end or start, end or start, end or start
    if kind == "range":
        return end, start, end
    if kind == "from":
        return start, start, None
    return None, None, None  # recurring: every year


def _text_chunks(text: str) -> Iterator[tuple[int, int]]:
    """Spans of consecutive lines, merged up to about TEXT_CHUNK characters."""
    start = pos = 0
    for line in text.split("\n"):
        pos += len(line) + 1
        if pos - start >= TEXT_CHUNK:
            yield start, pos - 1
            start = pos
    if text[start:].strip():
        yield start, len(text)


def _tokens(*groups: list[str]) -> str:
    return " " + " ".join(t for g in groups for t in g)


def _obligation_years(d: dict[str, Any], year_from: int | None, year_to: int | None) -> list[str]:
    if not d.get("kind"):
        return []
    if year_from is None and year_to is None:
        return year_tokens(None, None, recurring=d["kind"] == "recurring")
    return year_tokens(year_from, year_to)


def record_rows(record: Record) -> DocRows:
    """The rows of one record (pure: run it in workers, then `Store.add_rows` in the writer)."""
    rec = record.to_dict()  # the stored JSON, and the dict the rows read
    meta, src, text = rec.get("meta") or {}, rec.get("source") or {}, rec.get("text") or ""
    sections, parent = rec.get("sections") or [], rec.get("parent") or {}
    period = meta.get("period") or {}
    doc_id = rec["doc_id"]
    stored = {k: v for k, v in rec.items() if k != "text"}
    place_folded, issuer_folded = place_key(meta.get("place") or ""), search_fold(meta.get("issuer") or "")
    province = document_province(meta, text)
    rows = DocRows(doc_id, src["sha256"], {
        "doc_id": doc_id, "sha256": src["sha256"], "path": src.get("path"), "format": src.get("format"),
        "pages": src.get("pages"), "status": rec.get("status"),
        "errors": json.dumps(rec.get("errors") or [], ensure_ascii=False),
        **{k: meta.get(k) for k in ("kind", "doc_type", "number", "date", "issuer", "level", "place", "title")},
        "place_folded": place_folded, "issuer_folded": issuer_folded,
        "period_start": period.get("start"), "period_end": period.get("end"), "signer": meta.get("signer"),
        "parent_number": parent.get("number"), "chars": len(text), "text": text,
        "record": json.dumps(stored, ensure_ascii=False)}, errors=list(rec.get("errors") or []))
    # filter tokens (see extractor.search): place for every passage, the issuer for the document's own
    # (a district's passages also carry its province's place token: a province holds its districts)
    place = [place_token(k) for k in dict.fromkeys([place_folded, place_key(province or "")]) if k]
    issuer = [body_token(issuer_folded)] if issuer_folded else []
    for i, ref in enumerate(rec.get("references") or []):
        mentions = ref.get("mentions") or []
        s, e = _span(mentions[0]) if mentions else (None, None)
        rows.references.append({
            "ord": i, **{k: ref.get(k) for k in ("doc_type", "number", "date", "issuer", "title", "relation")},
            "mentions": json.dumps(mentions, ensure_ascii=False), "span_start": s, "span_end": e,
            "quote": mentions[0].get("quote") if mentions else None, "section": _section_label(sections, s)})
        words = " ".join(str(ref.get(k) or "") for k in ("doc_type", "number", "date", "issuer", "title"))
        rows.passages.append(("reference", i, s or 0, e or 0, rows.references[-1]["section"], search_fold(words)
                              + _tokens([kind_token("reference")], place, issuer)))
    for i, t in enumerate(rec.get("targets") or []):
        s, e = _span(t)
        rows.targets.append({
            "ord": i, **{k: t.get(k) for k in ("indicator", "indicator_id", "comparator", "value", "value_max",
                                                  "unit", "year", "scope")},
            "span_start": s, "span_end": e, "quote": t.get("quote"), "section": _section_label(sections, s)})
        quote = t.get("quote") or ""
        words = " ".join([quote, *(w for w in (t.get("indicator"), t.get("unit")) if w and w not in quote)])
        years = [f"xxy{t['year']}"] if t.get("year") else []
        rows.passages.append(("target", i, s or 0, e or 0, rows.targets[-1]["section"], search_fold(words)
                              + _tokens([kind_token("target")], place, issuer, years)))
    for i, o in enumerate(rec.get("obligations") or []):
        s, e = _span(o)
        lead, support, d = list(o.get("lead") or []), list(o.get("support") or []), o.get("deadline") or {}
        year, year_from, year_to = _year_bounds(d)
        bodies = [_body_row("lead", b) for b in lead] + [_body_row("support", b) for b in support]
        rows.obligations.append({
            "ord": i, "task": o.get("task"), "lead": json.dumps(lead, ensure_ascii=False),
            "support": json.dumps(support, ensure_ascii=False), "lead_text": "; ".join(lead),
            "support_text": "; ".join(support), "deadline_text": d.get("text"), "deadline_kind": d.get("kind"),
            "deadline_start": d.get("start"), "deadline_end": d.get("end"), "deadline_date": d.get("date"),
            "deadline_year": year, "year_from": year_from, "year_to": year_to, "span_start": s, "span_end": e,
            "quote": o.get("quote"), "section": _section_label(sections, s, o.get("section")), "bodies": bodies})
        task, quote = o.get("task") or "", o.get("quote") or ""
        words = " ".join([quote if task in quote else f"{task} {quote}", *lead, *support])
        body_tokens = sorted({body_token(b[2]) for b in bodies})
        rows.passages.append(("obligation", i, s or 0, e or 0, rows.obligations[-1]["section"], search_fold(words)
                              + _tokens([kind_token("obligation")], place, body_tokens,
                                        _obligation_years(d, year_from, year_to))))
    chain = list(parent.get("chain") or []) or ([parent["number"]] if parent.get("number") else [])
    rows.links = [(depth, number) for depth, number in enumerate(chain, 1) if number]
    text_tokens = _tokens([kind_token("text")], place, issuer)
    for s, e in _text_chunks(text):
        rows.passages.append(("text", None, s, e, _section_label(sections, s), search_fold(text[s:e]) + text_tokens))
    return rows
