"""A small read-only web front end: search with filters, document pages with highlighted items.

Standard library only (wsgiref); every request opens the database read-only (`mode=ro`), every
query is parameterized (see `Store`), and every value shown is HTML-escaped.
"""

from __future__ import annotations

import html
import threading
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path
from socketserver import ThreadingMixIn
from typing import Any
from urllib.parse import parse_qs, quote, urlencode
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from .store import Store

KINDS = ("obligation", "target", "reference", "text")
Response = tuple[str, str, bytes]  # status, content type, body
StartResponse = Callable[..., Any]


def esc(v: Any) -> str:
    return html.escape("" if v is None else str(v))


def page(title: str, body: str) -> str:
    """The page frame: header with navigation, then `body`."""
    return f"""<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{esc(title)} · vnplan</title>
<link rel="stylesheet" href="/static/style.css"></head><body>
<header><a class="brand" href="/">vnplan</a><a href="/">Search</a><a href="/documents">Documents</a></header>
<main>{body}</main></body></html>"""


def _doc_link(doc_id: str, label: str | None = None, query: dict[str, str] | None = None) -> str:
    href = f"/doc/{quote(doc_id)}" + (f"?{urlencode(query)}#hl" if query else "")
    return f'<a href="{esc(href)}">{esc(label or doc_id)}</a>'


def search_page(store: Store, params: dict[str, str]) -> str:
    """The search form and, when asked, the ranked hits."""
    q, kind, body, place, year_s = (params.get(k, "").strip() for k in ("q", "kind", "body", "place", "year"))
    options = "".join(f'<option value="{k}"{" selected" if k == kind else ""}>{k}</option>' for k in KINDS)
    form = f"""<form class="search" method="get" action="/">
<label>Query<input name="q" value="{esc(q)}" placeholder="đổi mới sáng tạo, khoa hoc, Sở KH&amp;CN" autofocus></label>
<label>Kind<select name="kind"><option value="">all</option>{options}</select></label>
<label>Body<input name="body" value="{esc(body)}" placeholder="Sở KH&amp;CN"></label>
<label>Year<input name="year" value="{esc(year_s)}" inputmode="numeric" placeholder="2025"></label>
<label>Place<input name="place" value="{esc(place)}" placeholder="Yên Bái"></label>
<button type="submit">Search</button></form>"""
    if not any((q, kind, body, place, year_s)):
        return page("Search", "<h1>Search</h1>" + form)
    year = int(year_s) if year_s.isdigit() else None
    note = f'<p class="empty">Year “{esc(year_s)}” is not a year; ignored.</p>' if year_s and year is None else ""
    hits = store.search(q, kind=kind or None, body=body or None, year=year, place=place or None, limit=50)
    items = "".join(_hit_html(h) for h in hits)
    results = f'<p class="meta" id="count">{len(hits)} hit(s)</p><ol class="hits">{items}</ol>' if hits else \
        '<p class="empty" id="count">No hits.</p>'
    return page(f"{q or 'Search'}", "<h1>Search</h1>" + form + note + results)


def _hit_html(h: dict[str, Any]) -> str:
    doc = h["document"]
    span = h["span"]
    where = {"hl": f"{span[0]}-{span[1]}"} if span[0] is not None and span[1] else None
    title = doc.get("title") or h["doc_id"]
    details = ""
    if h["kind"] == "obligation":
        dl = h.get("deadline") or {}
        details = (f"<div><b>Lead:</b> {esc('; '.join(h['lead']) or '—')}"
                   + (f" · <b>Support:</b> {esc('; '.join(h['support']))}" if h["support"] else "")
                   + (f" · <b>Deadline:</b> {esc(dl.get('text'))}" if dl else "") + "</div>")
    elif h["kind"] == "target":
        value = h["value"] if h["value_max"] is None else f"{h['value']}–{h['value_max']}"
        details = (f"<div><b>{esc(h['indicator'])}</b>: {esc(h['comparator'])} {esc(value)} {esc(h['unit'])}"
                   + (f" · year {esc(h['year'])}" if h.get("year") else "") + "</div>")
    elif h["kind"] == "reference":
        details = f"<div><b>{esc(h['doc_type'])} {esc(h['number'])}</b> ({esc(h['relation'])})</div>"
    return (f'<li class="hit {esc(h["kind"])}"><span class="badge {esc(h["kind"])}">{esc(h["kind"])}</span> '
            f'{_doc_link(h["doc_id"], title, where)} <span class="meta">{esc(doc.get("number") or "")} · '
            f'{esc(doc.get("place") or "")} · {esc(h.get("section") or "")}</span>{details}'
            f'<blockquote class="quote">{esc(h.get("quote"))}</blockquote></li>')


def documents_page(store: Store) -> str:
    """Every stored document with its item counts."""
    rows = "".join(
        f"<tr><td>{_doc_link(d['doc_id'])}</td><td>{esc(d['kind'])}</td><td>{esc(d['status'])}</td>"
        f"<td>{esc(d['number'])}</td><td>{esc(d['date'])}</td><td>{esc(d['place'])}</td><td>{esc(d['title'])}</td>"
        f"<td>{d['obligations']}</td><td>{d['targets']}</td><td>{d['references']}</td></tr>"
        for d in store.documents())
    head = "".join(f"<th>{c}</th>" for c in ("document", "kind", "status", "number", "date", "place", "title",
                                             "obligations", "targets", "references"))
    return page("Documents", f"<h1>Documents</h1><table><tr>{head}</tr>{rows}</table>")


def highlight(text: str, marks: list[tuple[int, int, str, str | None]]) -> str:
    """`text` escaped, each (start, end, css class, anchor id) wrapped in <mark>; overlaps are split."""
    marks = [(max(0, s), min(len(text), e), c, a) for s, e, c, a in marks if s is not None and e and e > s]
    cuts = sorted({0, len(text), *(s for s, *_ in marks), *(e for _, e, *_ in marks)})
    out, anchored = [], set()
    for a, b in zip(cuts, cuts[1:], strict=False):
        covering = [m for m in marks if m[0] <= a and b <= m[1]]
        piece = esc(text[a:b])
        if not covering:
            out.append(piece)
            continue
        ids = [m[3] for m in covering if m[3] and m[3] not in anchored and m[0] == a]
        anchored.update(ids)
        anchor = f' id="{esc(ids[0])}"' if ids else ""
        out.append(f'<mark class="{esc(" ".join(sorted({m[2] for m in covering})))}"{anchor}>{piece}</mark>')
    return "".join(out)


def document_page(store: Store, doc_id: str, params: dict[str, str]) -> Response:
    """A document: its facts, parent chain, items, and its text with every item highlighted."""
    doc = store.document(doc_id)
    if doc is None:
        return "404 Not Found", "text/html", page("Not found", f"<h1>No document {esc(doc_id)}</h1>").encode()
    items = store.items(doc_id)
    marks: list[tuple[int, int, str, str | None]] = []
    for kind in ("obligation", "target"):
        marks += [(i["span_start"], i["span_end"], kind, f"{kind}-{i['ord']}") for i in items[kind]]
    for r in items["reference"]:
        marks += [(m["span"][0], m["span"][1], "reference", f"reference-{r['ord']}") for m in r["mentions"]
                  if m.get("span")]
    hl = params.get("hl", "")
    if "-" in hl and all(x.isdigit() for x in hl.split("-", 1)):
        s, e = map(int, hl.split("-", 1))
        marks.append((s, e, "hit", "hl"))
    facts = "".join(f"<tr><th>{k}</th><td>{esc(doc[k])}</td></tr>" for k in
                    ("kind", "doc_type", "number", "date", "issuer", "level", "place", "signer", "status")
                    if doc.get(k))
    if doc.get("period_start"):
        facts += f"<tr><th>period</th><td>{esc(doc['period_start'])}–{esc(doc['period_end'])}</td></tr>"
    chain = " → ".join(_doc_link(c["parent_doc_id"], c["parent_number"]) if c["parent_doc_id"]
                       else esc(c["parent_number"]) for c in store.chain(doc_id))
    if chain:
        facts += f"<tr><th>implements</th><td>{chain}</td></tr>"
    if doc["errors"]:
        facts += f"<tr><th>problems</th><td>{esc('; '.join(doc['errors']))}</td></tr>"
    body = [f"<h1>{esc(doc['title'] or doc_id)}</h1><p class='meta'>{esc(doc_id)}</p><table>{facts}</table>",
            _signatures_html(store, doc_id),
            _items_html(items),
            _implementing_html(store, doc), _compliance_html(store, doc_id),
            f"<h2>Text</h2><pre class='doctext'>{highlight(doc['text'] or '', marks)}</pre>"]
    return "200 OK", "text/html", page(doc["title"] or doc_id, "".join(body)).encode()


def _signatures_html(store: Store, doc_id: str) -> str:
    """The file's digital signatures (source.signatures of the stored record), as a small table."""
    record = store.get_record(doc_id) or {}
    sigs = (record.get("source") or {}).get("signatures") or []
    if not sigs:
        return ""
    return _item_table("Signatures", ["signer", "organisation", "signed at", "intact", "changes after", "trust"], [
        f"<tr><td>{esc(g.get('signer'))}</td><td>{esc(g.get('organisation'))}</td><td>{esc(g.get('signed_at'))}</td>"
        f"<td>{'yes' if g.get('intact') else 'NO'}</td><td>{esc(g.get('changes_after') or 'not analysed')}</td>"
        f"<td title='{esc(g.get('trust_reason'))}'>{esc(g.get('trust'))}</td></tr>" for g in sigs]).replace(
        "<h2>", "<h2 id='signatures'>", 1)


def _implementing_html(store: Store, doc: dict[str, Any]) -> str:
    """*Văn bản triển khai*: the stored documents implementing this one (recursively), news apart."""
    from .compliance import Sources, tree

    if not doc.get("number"):
        return ""
    t = tree(doc["number"], Sources(store))

    def label(info) -> str:
        name = _doc_link(info.doc_id, info.number or info.doc_id) if info.doc_id else esc(info.number)
        facts = " · ".join(esc(x) for x in (info.date, info.issuer, info.level) if x)
        return f"{name} <span class='meta'>{facts}</span>"

    items = "".join(f"<li style='margin-left:{depth - 1}em'>{label(n.info)}</li>" for depth, n in t.walk())
    apart = "".join(f"<li>{esc(m.relation)}: {label(m.info)}</li>" for m in t.apart)
    body = f"<ul class='tree'>{items}</ul>" if items else "<p class='empty'>No stored document implements it.</p>"
    if apart:
        body += f"<p>Only citing or reporting on it:</p><ul>{apart}</ul>"
    return f'<section id="implementing"><h2>Văn bản triển khai</h2>{body}</section>'


def _compliance_html(store: Store, doc_id: str) -> str:
    """The compliance report of a plan against its parents, or why there is none."""
    from .compliance import CheckError, Sources, check
    from .compliance.render_html import report_fragment

    record = store.get_record(doc_id)
    if record is None or (record.get("meta") or {}).get("kind") == "news":
        return ('<section id="compliance"><h2>Compliance report</h2>'
                "<p class='empty'>A news report is not checked against a parent.</p></section>")
    try:
        report = check(record, sources=Sources(store))
    except CheckError as e:
        return f'<section id="compliance"><h2>Compliance report</h2><p class="empty">{esc(e)}</p></section>'
    return f'<section id="compliance"><h2>Compliance report</h2>{report_fragment(report, 3)}</section>'


def _item_table(title: str, headers: list[str], rows: list[str]) -> str:
    """One section of a document's item lists: a heading with the count, then a table."""
    head = "".join(f"<th>{h}</th>" for h in headers)
    return f"<h2>{title} ({len(rows)})</h2><table><tr>{head}</tr>{''.join(rows)}</table>"


def _items_html(items: dict[str, list[dict[str, Any]]]) -> str:
    parts = []
    if items["obligation"]:
        parts.append(_item_table("Obligations", ["task", "lead", "support", "deadline"], [
            f"<tr><td><a href='#obligation-{o['ord']}'>{esc(o['task'])}</a></td><td>{esc('; '.join(o['lead']))}</td>"
            f"<td>{esc('; '.join(o['support']))}</td><td>{esc(o['deadline_text'])}</td></tr>" for o in items["obligation"]]))
    if items["target"]:
        parts.append(_item_table("Targets", ["indicator", "", "value", "unit", "year"], [
            f"<tr><td><a href='#target-{t['ord']}'>{esc(t['indicator'])}</a></td><td>{esc(t['comparator'])}</td>"
            f"<td>{esc(t['value'])}{'–' + esc(t['value_max']) if t['value_max'] is not None else ''}</td>"
            f"<td>{esc(t['unit'])}</td><td>{esc(t['year'])}</td></tr>" for t in items["target"]]))
    if items["reference"]:
        parts.append(_item_table("References", ["type", "number", "relation", "title"], [
            f"<tr><td>{esc(r['doc_type'])}</td><td>"
            + (_doc_link(r["resolved_doc_id"], r["number"]) if r["resolved_doc_id"] else esc(r["number"]))
            + f"</td><td>{esc(r['relation'])}</td><td>{esc(r['title'])}</td></tr>" for r in items["reference"]]))
    return "".join(parts)


def route(db: Path, path: str, params: dict[str, str]) -> Response:
    """The response for one GET request."""
    if path == "/static/style.css":
        css = resources.files("extractor").joinpath("web/style.css").read_bytes()
        return "200 OK", "text/css", css
    if path == "/favicon.ico":
        return "204 No Content", "text/plain", b""
    with Store(db, readonly=True) as store:
        if path == "/":
            return "200 OK", "text/html", search_page(store, params).encode()
        if path == "/documents":
            return "200 OK", "text/html", documents_page(store).encode()
        if path.startswith("/doc/"):
            return document_page(store, path[len("/doc/"):], params)
    return "404 Not Found", "text/html", page("Not found", "<h1>Not found</h1>").encode()


def make_app(db: Path) -> Callable[[dict[str, Any], StartResponse], Iterable[bytes]]:
    """The WSGI application serving the database at `db`."""

    def app(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD", "GET") not in ("GET", "HEAD"):
            start_response("405 Method Not Allowed", [("Content-Type", "text/plain")])
            return [b"read-only"]
        raw_path = environ.get("PATH_INFO", "/").encode("latin-1").decode("utf-8", "replace")
        params = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
        try:
            status, ctype, body = route(db, raw_path, params)
        except Exception as e:  # noqa: BLE001 - one bad request must not stop the server
            status, ctype, body = "500 Internal Server Error", "text/plain", f"error: {type(e).__name__}".encode()
        start_response(status, [("Content-Type", f"{ctype}; charset=utf-8"), ("Content-Length", str(len(body)))])
        return [body]

    return app


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass


def start_server(db: Path, host: str = "127.0.0.1", port: int = 0) -> tuple[WSGIServer, threading.Thread]:
    """Serve in a background thread (port 0: any free port, see `server.server_port`)."""
    Store(db, readonly=True).close()  # fail now, not on the first request, when there is no database
    server = make_server(host, port, make_app(Path(db)), server_class=_Server, handler_class=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread


def serve(db: Path, host: str = "127.0.0.1", port: int = 8765) -> None:
    """Serve until interrupted."""
    Store(db, readonly=True).close()
    server = make_server(host, port, make_app(Path(db)), server_class=_Server)
    print(f"vnplan: serving {db} on http://{host}:{server.server_port}/ (Ctrl-C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
