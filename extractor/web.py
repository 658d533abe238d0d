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
            _items_html(items),
            '<section id="compliance" class="placeholder"><h2>Compliance report</h2>'
            "<!-- COMPLIANCE REPORT: reserved for the compliance issue; nothing is shown here until it lands. -->"
            "<p>Not available yet: the compliance report is a separate piece of work.</p></section>",
            f"<h2>Text</h2><pre class='doctext'>{highlight(doc['text'] or '', marks)}</pre>"]
    return "200 OK", "text/html", page(doc["title"] or doc_id, "".join(body)).encode()


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


class BadRequest(ValueError):
    """A request parameter that is not valid; the message is shown with a 400."""


MAX_PARAM_CHARS = 500
PARAMS = {"q", "kind", "body", "place", "year", "hl"}
SECURITY_HEADERS = [
    ("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
                                "base-uri 'none'; frame-ancestors 'none'"),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
    ("Cache-Control", "no-store"),
    ("Server", "vnplan"),  # no Python version
]


def validate(params: dict[str, str]) -> dict[str, str]:
    """The parameters of a request checked: known ones only, short, and well-formed; else BadRequest."""
    for k, v in params.items():
        if k in PARAMS and len(v) > MAX_PARAM_CHARS:
            raise BadRequest(f"parameter {k} is too long ({len(v)} characters; at most {MAX_PARAM_CHARS})")
    kind = params.get("kind", "").strip()
    if kind and kind not in KINDS:
        raise BadRequest(f"kind must be one of {', '.join(KINDS)}")
    year = params.get("year", "").strip()
    if year and not (year.isascii() and year.isdigit() and 1000 <= int(year) <= 2999):
        raise BadRequest("year must be a year from 1000 to 2999")
    hl = params.get("hl", "")
    if hl and not (hl.count("-") == 1 and all(x.isascii() and x.isdigit() and len(x) <= 12 for x in hl.split("-"))):
        raise BadRequest("hl must be START-END (two character offsets)")
    return {k: v for k, v in params.items() if k in PARAMS}


def allowed_hosts(host: str, port: int, extra: Iterable[str] = ()) -> set[str]:
    """The Host header values a server bound to host:port answers (DNS rebinding is refused)."""
    names = {host, "localhost", "127.0.0.1", "[::1]", *extra}
    if host in ("0.0.0.0", "::", ""):
        import socket

        names |= {socket.gethostname(), socket.getfqdn()}
    return {n.lower() for n in names} | {f"{n.lower()}:{port}" for n in names}


def _host_ok(environ: dict[str, Any], hosts: set[str] | None, any_ip: bool) -> bool:
    host = (environ.get("HTTP_HOST") or "").strip().lower()
    if hosts is None or not host:
        return True  # no Host header (HTTP/1.0, direct WSGI calls): nothing to rebind
    if host in hosts:
        return True
    if any_ip:  # serving on every interface: any address of this machine, by number
        import ipaddress

        name = host.rsplit(":", 1)[0] if host.count(":") == 1 or host.startswith("[") else host
        try:
            ipaddress.ip_address(name.strip("[]"))
            return True
        except ValueError:
            return False
    return False


def make_app(db: Path, hosts: set[str] | None = None,
             any_ip: bool = False) -> Callable[[dict[str, Any], StartResponse], Iterable[bytes]]:
    """The WSGI application serving the database at `db`; `hosts`: the Host headers it answers."""

    def app(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        def respond(status: str, ctype: str, body: bytes) -> list[bytes]:
            start_response(status, [("Content-Type", f"{ctype}; charset=utf-8"), ("Content-Length", str(len(body))),
                                    *SECURITY_HEADERS])
            return [body] if environ.get("REQUEST_METHOD", "GET") != "HEAD" else [b""]

        if environ.get("REQUEST_METHOD", "GET") not in ("GET", "HEAD"):
            return respond("405 Method Not Allowed", "text/plain", b"read-only")
        if not _host_ok(environ, hosts, any_ip):
            return respond("421 Misdirected Request", "text/plain", b"this server does not answer for that host name")
        raw_path = environ.get("PATH_INFO", "/").encode("latin-1", "replace").decode("utf-8", "replace")
        try:
            query = environ.get("QUERY_STRING", "")
            if len(query) > 8 * MAX_PARAM_CHARS:
                raise BadRequest("the query string is too long")
            params = validate({k: v[0] for k, v in parse_qs(query, errors="replace").items()})
            status, ctype, body = route(db, raw_path, params)
        except BadRequest as e:
            status, ctype = "400 Bad Request", "text/html"
            body = page("Bad request", f"<h1>Bad request</h1><p class='empty'>{esc(e)}</p>").encode()
        except Exception as e:  # noqa: BLE001 - one bad request must not stop the server
            status, ctype, body = "500 Internal Server Error", "text/plain", f"error: {type(e).__name__}".encode()
        return respond(status, ctype, body)

    return app


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _Handler(WSGIRequestHandler):
    server_version = "vnplan"
    sys_version = ""  # no Python version in the Server header

    def version_string(self) -> str:
        return self.server_version


class _QuietHandler(_Handler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass


def _bind(db: Path, host: str, port: int, handler: type[WSGIRequestHandler],
          allow_hosts: Iterable[str] = ()) -> WSGIServer:
    Store(db, readonly=True).close()  # fail now, not on the first request, when there is no database
    hosts: set[str] = set()
    app = make_app(Path(db), hosts, any_ip=host in ("0.0.0.0", "::", ""))
    server = make_server(host, port, app, server_class=_Server, handler_class=handler)
    hosts |= allowed_hosts(host, server.server_port, allow_hosts)
    return server


def start_server(db: Path, host: str = "127.0.0.1", port: int = 0,
                 allow_hosts: Iterable[str] = ()) -> tuple[WSGIServer, threading.Thread]:
    """Serve in a background thread (port 0: any free port, see `server.server_port`)."""
    server = _bind(db, host, port, _QuietHandler, allow_hosts)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread


def serve(db: Path, host: str = "127.0.0.1", port: int = 8765, allow_hosts: Iterable[str] = ()) -> None:
    """Serve until interrupted; warns when the pages are reachable from other machines."""
    import ipaddress
    import sys

    try:
        local = ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        local = host == "localhost"
    if not local:
        print(f"vnplan: warning: serving on {host} makes the database readable by every machine that can reach "
              "this one (no login); use --host 127.0.0.1 to keep it local", file=sys.stderr, flush=True)
    server = _bind(db, host, port, _Handler, allow_hosts)
    print(f"vnplan: serving {db} on http://{host}:{server.server_port}/ (Ctrl-C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
