"""Pieces of the web pages in the reader's language: the search form with its filters and counts,
hits with the query's words highlighted, document facts and the related-documents panel.

Labels and value words come from rules/ui_vi.yaml (`extractor.ui`); every value is escaped here.
"""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import quote, urlencode

from .search import FACETS, STOPWORDS, search_fold
from .ui import date, label, target_value, word

KINDS = ("obligation", "target", "reference", "text")
FILTER_PARAMS = ("q", "kind", "body", "body_prefix", "year", "place", "doc_type", "issuer", "level",
                 "date_from", "date_to", "offset", "lang")
PAGE_SIZE = 20


def esc(v: Any) -> str:
    return html.escape("" if v is None else str(v))


def doc_link(doc_id: str, text: str | None = None, query: dict[str, str] | None = None) -> str:
    href = f"/doc/{quote(doc_id)}" + (f"?{urlencode(query)}#hl" if query else "")
    return f'<a href="{esc(href)}">{esc(text or doc_id)}</a>'


def with_params(params: dict[str, str], **changes: str | None) -> str:
    """The search URL of `params` with some changed (None removes one)."""
    merged = {k: v for k, v in {**params, **changes}.items() if k in FILTER_PARAMS and v not in (None, "")}
    return "/?" + urlencode(merged)


# -- highlighting ---------------------------------------------------------------------------------

_WORD = re.compile(r"\w+(?:&\w+)*")


def query_words(query: str) -> set[str]:
    """The folded words a hit must hold (abbreviations expanded), function words aside."""
    words = set(re.findall(r"\w+", search_fold(query)))
    return (words - STOPWORDS) or words


def highlight_words(text: str, words: set[str]) -> str:
    """`text` escaped, each word that folds to a query word (or an abbreviation whose expansion is
    made of them: ĐMST for 'đổi mới sáng tạo') wrapped in <mark class="q">."""
    if not words:
        return esc(text)
    out, last = [], 0
    for m in _WORD.finditer(text or ""):
        folded = re.findall(r"\w+", search_fold(m.group(0)))
        if folded and all(w in words for w in folded) and any(w not in STOPWORDS for w in folded):
            out += [esc(text[last:m.start()]), f'<mark class="q">{esc(m.group(0))}</mark>']
            last = m.end()
    out.append(esc((text or "")[last:]))
    return "".join(out)


# -- the search form, counts and facets -----------------------------------------------------------


def _input(name: str, params: dict[str, str], lang: str, hint: str = "", extra: str = "", key: str = "") -> str:
    return (f'<label>{esc(label(key or name, lang))}<input name="{name}" value="{esc(params.get(name, ""))}"'
            f' placeholder="{esc(hint)}"{extra}></label>')


def _select(name: str, params: dict[str, str], lang: str, options: list[tuple[str, str]]) -> str:
    chosen = params.get(name, "")
    opts = f'<option value="">{esc(label("all", lang))}</option>' + "".join(
        f'<option value="{esc(v)}"{" selected" if v == chosen else ""}>{esc(t)}</option>' for v, t in options)
    return f'<label>{esc(label(name, lang))}<select name="{name}">{opts}</select></label>'


def search_form(params: dict[str, str], options: dict[str, list[str]], lang: str) -> str:
    """The search form: words, item kind, body, year, place, and the document filters."""
    kinds = [(k, label(k, lang)) for k in KINDS]
    checked = " checked" if params.get("body_prefix") else ""
    return f"""<form class="search" method="get" action="/">
{_input("q", params, lang, label("query_hint", lang), " autofocus", key="query")}
{_select("kind", params, lang, kinds)}
{_input("body", params, lang, "Sở KH&CN")}
<label class="check"><input type="checkbox" name="body_prefix" value="1"{checked}>{esc(label("body_prefix", lang))}</label>
{_input("year", params, lang, "2025", ' inputmode="numeric"')}
{_input("place", params, lang, "tỉnh Yên Bái")}
{_select("doc_type", params, lang, [(v, v) for v in options.get("doc_type", [])])}
{_select("issuer", params, lang, [(v, v) for v in options.get("issuer", [])])}
{_select("level", params, lang, [(v, word("level", v, lang)) for v in options.get("level", [])])}
{_input("date_from", params, lang, label("date_hint", lang))}
{_input("date_to", params, lang, label("date_hint", lang))}
<input type="hidden" name="lang" value="{esc(lang)}">
<button type="submit">{esc(label("submit", lang))}</button></form>"""


def facets_html(facets: dict[str, list[tuple[str, int]]], params: dict[str, str], lang: str) -> str:
    """Each document fact among the hits with its count; a value links to the search narrowed to it."""
    groups = []
    for col in FACETS:
        values = facets.get(col) or []
        if not values:
            continue
        chosen = params.get(col, "")
        items = "".join(
            f'<li{" class=chosen" if v == chosen else ""}><a href="{esc(with_params(params, **{col: v, "offset": None}))}">'
            f'{esc(word("level", v, lang) if col == "level" else v)}</a> <span class="n">{n}</span></li>'
            for v, n in values[:12])
        groups.append(f'<div class="facet" data-facet="{col}"><h3>{esc(label(col, lang))}</h3><ul>{items}</ul></div>')
    return f'<aside class="facets"><h2>{esc(label("refine", lang))}</h2>{"".join(groups)}</aside>' if groups else ""


def count_html(total: int, offset: int, shown: int, params: dict[str, str], lang: str) -> str:
    """'1–20 trong 53 kết quả' and the links to the pages before and after."""
    if not shown:
        return f'<p class="empty" id="count">{esc(label("no_hits", lang))}</p>'
    text = label("count", lang, first=offset + 1, last=offset + shown, total=total)
    links = []
    if offset > 0:
        links.append(f'<a class="prev" href="{esc(with_params(params, offset=str(max(0, offset - PAGE_SIZE)) or None))}">'
                     f'{esc(label("prev_page", lang))}</a>')
    if offset + shown < total:
        links.append(f'<a class="next" href="{esc(with_params(params, offset=str(offset + shown)))}">'
                     f'{esc(label("next_page", lang))}</a>')
    return f'<p class="meta"><span id="count">{esc(text)}</span> {" · ".join(links)}</p>'


# -- hits -----------------------------------------------------------------------------------------


def hit_html(h: dict[str, Any], words: set[str], lang: str) -> str:
    """One hit: its kind, document, section, the item's fields and its quote with the query's words marked."""
    doc = h["document"]
    span = h["span"]
    where = {"hl": f"{span[0]}-{span[1]}"} if span[0] is not None and span[1] else None
    if where and lang != "vi":
        where["lang"] = lang
    title = doc.get("title") or h["doc_id"]
    details = ""
    if h["kind"] == "obligation":
        dl = h.get("deadline") or {}
        details = (f"<div><b>{esc(label('lead', lang))}:</b> {esc('; '.join(h['lead']) or '—')}"
                   + (f" · <b>{esc(label('support', lang))}:</b> {esc('; '.join(h['support']))}" if h["support"] else "")
                   + (f" · <b>{esc(label('deadline', lang))}:</b> {esc(dl.get('text'))}" if dl else "") + "</div>")
    elif h["kind"] == "target":
        value = target_value(h["comparator"], h["value"], h["value_max"], h["unit"], lang)
        details = (f"<div><b>{esc(h['indicator'])}</b>: <span class='value'>{esc(value)}</span>"
                   + (f" · {esc(label('year_of', lang, year=h['year']))}" if h.get("year") else "")
                   + (f" · {esc(label('scope', lang))}: <span class='scope'>{esc(word('scope', h.get('scope'), lang))}</span>"
                      if h.get("scope") else "") + "</div>")
    elif h["kind"] == "reference":
        details = (f"<div><b>{esc(h['doc_type'])} {esc(h['number'])}</b> "
                   f"({esc(word('relation', h['relation'], lang))})</div>")
    facts = " · ".join(esc(x) for x in (doc.get("number"), date(doc.get("date")), doc.get("place"), h.get("section"))
                       if x)
    return (f'<li class="hit {esc(h["kind"])}"><span class="badge {esc(h["kind"])}">{esc(label(h["kind"], lang))}'
            f'</span> {doc_link(h["doc_id"], title, where)} <span class="meta">{facts}</span>{details}'
            f'<blockquote class="quote">{highlight_words(h.get("quote") or "", words)}</blockquote></li>')


# -- document page --------------------------------------------------------------------------------


def facts_rows(doc: dict[str, Any], effective: str | None, chain: str, lang: str) -> str:
    """The rows of a document's facts table, in the reader's words and dates."""
    rows = [("kind", word("kind", doc.get("kind"), lang)), ("doc_type", doc.get("doc_type")),
            ("number", doc.get("number")), ("date", date(doc.get("date"))), ("effective", date(effective)),
            ("issuer", doc.get("issuer")), ("level", word("level", doc.get("level"), lang)),
            ("place", doc.get("place")), ("signer", doc.get("signer")),
            ("status", word("status", doc.get("status"), lang))]
    if doc.get("period_start"):
        rows.append(("period", f"{doc['period_start']}–{doc.get('period_end') or ''}"))
    out = "".join(f'<tr data-fact="{k}"><th>{esc(label(k, lang))}</th><td>{esc(v)}</td></tr>' for k, v in rows if v)
    if chain:
        out += f'<tr data-fact="implements"><th>{esc(label("implements", lang))}</th><td>{chain}</td></tr>'
    if doc.get("errors"):
        out += f'<tr data-fact="problems"><th>{esc(label("problems", lang))}</th><td>{esc("; ".join(doc["errors"]))}</td></tr>'
    return out


RELATED = ("cites", "cited_by", "implemented_by", "amended_by", "replaced_by")


def related_html(related: dict[str, list[dict[str, Any]]], lang: str) -> str:
    """The related-documents panel: cited by it, citing it, implementing it, amended or replaced by it;
    each document linked when stored."""
    parts = []
    for key in RELATED:
        rows = related.get(key) or []
        items = []
        for r in rows:
            name = " ".join(x for x in (r.get("doc_type"), r.get("number")) if x) or r.get("doc_id") or ""
            link = doc_link(r["doc_id"], name, {"lang": lang} if lang != "vi" else None) if r.get("doc_id") \
                else f'{esc(name)} <span class="meta">({esc(label("not_stored", lang))})</span>'
            extra = " · ".join(esc(x) for x in (date(r.get("date")), r.get("title")) if x)
            rel = f' <span class="rel">{esc(word("relation", r.get("relation"), lang))}</span>' if key == "cites" else ""
            items.append(f"<li>{link}{rel}{f' <span class=meta>{extra}</span>' if extra else ''}</li>")
        body = f"<ul>{''.join(items)}</ul>" if items else f'<p class="empty">{esc(label("rel_none", lang))}</p>'
        parts.append(f'<div class="rel-group" data-rel="{key}"><h3>{esc(label("rel_" + key, lang))} '
                     f'<span class="n">({len(rows)})</span></h3>{body}</div>')
    return f'<section id="related"><h2>{esc(label("related", lang))}</h2>{"".join(parts)}</section>'
