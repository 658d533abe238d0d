"""A small read-only web front end: search with filters, document pages with highlighted items.

Standard library only (wsgiref); every request opens the database read-only (`mode=ro`), every
query is parameterized (see `Store`), and every value shown is HTML-escaped.
"""

from __future__ import annotations

import html
import threading
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from importlib import resources
from pathlib import Path
from socketserver import ThreadingMixIn
from typing import Any
from urllib.parse import parse_qs, quote, urlencode
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from .store import Store
from .stores import open_store
from .ui import date, label, lang_of, target_value, use_lang, word
from .web_parts import (
    FILTER_PARAMS,
    PAGE_SIZE,
    count_html,
    facets_html,
    facts_rows,
    hit_html,
    query_words,
    related_html,
    search_form,
)

Response = tuple[str, str, bytes]  # status, content type, body
StartResponse = Callable[..., Any]


def esc(v: Any) -> str:
    return html.escape("" if v is None else str(v))


_REQUEST: ContextVar[tuple[str, dict[str, str]]] = ContextVar("vnplan_request", default=("/", {}))


def page(title: str, body: str, lang: str | None = None, path: str | None = None,
         params: dict[str, str] | None = None) -> str:
    """The page frame: header with navigation and the language switch (to the same page in the other
    language: `path` and `params`, by default those of the request), then `body`."""
    lang = lang or lang_of({})
    if path is None:
        path, params = _REQUEST.get()
    other = "en" if lang == "vi" else "vi"
    switch = esc(quote(path) + "?" + urlencode({**{k: v for k, v in (params or {}).items() if k in FILTER_PARAMS},
                                         "lang": other}))
    suffix = "" if lang == "vi" else "?lang=en"
    return f"""<!doctype html><html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{esc(title)} · vnplan</title>
<link rel="stylesheet" href="/static/style.css"></head><body>
<header><a class="brand" href="/{suffix}">vnplan</a><a href="/{suffix}">{esc(label("search", lang))}</a>
<a href="/documents{suffix}">{esc(label("documents", lang))}</a><a class="lang" href="{switch}">{esc(label("language", lang))}</a></header>
<main>{body}</main></body></html>"""


def _doc_link(doc_id: str, text: str | None = None, query: dict[str, str] | None = None, anchor: bool = True) -> str:
    href = f"/doc/{quote(doc_id)}" + (f"?{urlencode(query)}" + ("#hl" if anchor else "") if query else "")
    return f'<a href="{esc(href)}">{esc(text or doc_id)}</a>'


def search_page(store: Store, params: dict[str, str]) -> str:
    """The search form, the filters with their counts and, when asked, the ranked hits (a page of them)."""
    from .search import Filters, SearchInputError

    lang = lang_of(params)
    p = {k: v.strip() for k, v in params.items() if k in FILTER_PARAMS}
    form = search_form(p, store.doc_options(), lang)
    heading = f"<h1>{esc(label('search', lang))}</h1>"
    asked = {k: v for k, v in p.items() if k not in ("lang", "offset") and v}
    if not asked:
        return page(label("search", lang), heading + form, lang, "/", p)
    try:
        filters = Filters.checked(**{k: p.get(k) for k in ("kind", "body", "body_prefix", "year", "place", "doc_type",
                                                           "issuer", "level", "date_from", "date_to")})
    except SearchInputError as e:
        note = f'<p class="empty" id="count">{esc(label("bad_input", lang, error=e))}</p>'
        return page(label("search", lang), heading + form + note, lang, "/", p)
    q = p.get("q", "")
    if not q and not filters.any():
        note = f'<p class="empty" id="count">{esc(label("empty_query", lang))}</p>'
        return page(label("search", lang), heading + form + note, lang, "/", p)
    offset = int(p["offset"]) if p.get("offset", "").isdigit() else 0
    result = store.search_results(q, filters, limit=PAGE_SIZE, offset=offset)
    words = query_words(q)
    items = "".join(hit_html(h, words, lang) for h in result.hits)
    hits = count_html(result.total, offset, len(result.hits), p, lang) + (
        f'<ol class="hits" start="{offset + 1}">{items}</ol>' if items else "")
    side = facets_html(store.facets(q, filters), p, lang)
    return page(q or label("search", lang), heading + form + f'<div class="results">{side}<div>{hits}</div></div>',
                lang, "/", p)


def documents_page(store: Store, params: dict[str, str] | None = None) -> str:
    """Every stored document with its item counts."""
    lang = lang_of(params or {})
    q = {"lang": lang} if lang != "vi" else None
    rows = "".join(
        f"<tr><td>{_doc_link(d['doc_id'], None, q, anchor=False)}</td><td>{esc(word('kind', d['kind'], lang))}</td>"
        f"<td>{esc(word('status', d['status'], lang))}</td><td>{esc(d['number'])}</td><td>{esc(date(d['date']))}</td>"
        f"<td>{esc(d['place'])}</td><td>{esc(d['title'])}</td>"
        f"<td>{d['obligations']}</td><td>{d['targets']}</td><td>{d['references']}</td></tr>"
        for d in store.documents())
    head = "".join(f"<th>{esc(label(c, lang))}</th>" for c in ("document", "kind", "status", "number", "date", "place",
                                                              "title", "obligations", "targets", "references"))
    title = label("documents", lang)
    return page(title, f"<h1>{esc(title)}</h1><table><tr>{head}</tr>{rows}</table>", lang, "/documents", params)


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
        return "404 Not Found", "text/html", page(label("not_found"), f"<h1>{esc(label('no_document', doc_id=doc_id))}</h1>"
                                                  ).encode()
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
    lang = lang_of(params)
    link = {"lang": lang} if lang != "vi" else None
    chain = " → ".join(_doc_link(c["parent_doc_id"], c["parent_number"], link, anchor=False) if c["parent_doc_id"]
                       else esc(c["parent_number"]) for c in store.chain(doc_id))
    facts = facts_rows(doc, store.effective(doc_id), chain, lang)
    body = [f"<h1>{esc(doc['title'] or doc_id)}</h1><p class='meta'>{esc(doc_id)}</p><table>{facts}</table>",
            _signatures_html(store, doc_id),
            _items_html(items),
            _implementing_html(store, doc), _compliance_html(store, doc_id),
            f"<h2>{esc(label('text_heading'))}</h2><pre class='doctext'>{highlight(doc['text'] or '', marks)}</pre>"]
    body.insert(1, related_html(store.related(doc_id), lang))
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
    head = "".join(f"<th>{esc(label(h)) if h else ''}</th>" for h in headers)
    return f"<h2>{esc(label(title))} ({len(rows)})</h2><table><tr>{head}</tr>{''.join(rows)}</table>"


def _items_html(items: dict[str, list[dict[str, Any]]]) -> str:
    lang = lang_of({})
    parts = []
    if items["obligation"]:
        parts.append(_item_table("obligations", ["task", "lead", "support", "deadline"], [
            f"<tr><td><a href='#obligation-{o['ord']}'>{esc(o['task'])}</a></td><td>{esc('; '.join(o['lead']))}</td>"
            f"<td>{esc('; '.join(o['support']))}</td><td>{esc(o['deadline_text'])}</td></tr>" for o in items["obligation"]]))
    if items["target"]:
        parts.append(_item_table("targets", ["indicator", "value", "year", "scope"], [
            f"<tr><td><a href='#target-{t['ord']}'>{esc(t['indicator'])}</a></td>"
            f"<td class='value'>{esc(target_value(t['comparator'], t['value'], t['value_max'], t['unit'], lang))}</td>"
            f"<td>{esc(t['year'])}</td><td class='scope'>{esc(word('scope', t['scope'], lang))}</td></tr>"
            for t in items["target"]]))
    if items["reference"]:
        parts.append(_item_table("references", ["doc_type", "number", "relation", "title"], [
            f"<tr><td>{esc(r['doc_type'])}</td><td>"
            + (_doc_link(r["resolved_doc_id"], r["number"]) if r["resolved_doc_id"] else esc(r["number"]))
            + f"</td><td>{esc(word('relation', r['relation'], lang))}</td><td>{esc(r['title'])}</td></tr>"
            for r in items["reference"]]))
    return "".join(parts)


def route(db: Path | str, path: str, params: dict[str, str]) -> Response:
    """The response for one GET request."""
    if path == "/static/style.css":
        css = resources.files("extractor").joinpath("web/style.css").read_bytes()
        return "200 OK", "text/css", css
    if path == "/favicon.ico":
        return "204 No Content", "text/plain", b""
    use_lang(params)
    _REQUEST.set((path, params))
    with open_store(db, readonly=True) as store:
        if path == "/":
            return "200 OK", "text/html", search_page(store, params).encode()
        if path == "/documents":
            return "200 OK", "text/html", documents_page(store, params).encode()
        if path.startswith("/doc/"):
            return document_page(store, path[len("/doc/"):], params)
    return "404 Not Found", "text/html", page(label("not_found"), f"<h1>{esc(label('not_found'))}</h1>").encode()


class BadRequest(ValueError):
    """A request parameter that is not valid; the message is shown with a 400."""


class TooLong(BadRequest):
    """A parameter or query string longer than any real request (refused before any work)."""


class BadFilter(BadRequest):
    """A search filter `vnplan search` would refuse (the search page shows the sentence)."""


MAX_PARAM_CHARS = 500
SECURITY_HEADERS = [
    # no scripts at all; inline style attributes are used by the pages (indentation, displaCy marks)
    ("Content-Security-Policy", "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                                "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
    ("Cache-Control", "no-store"),
    ("Server", "vnplan"),  # no Python version
]
_SEARCH_KEYS = ("kind", "body", "body_prefix", "year", "place", "doc_type", "issuer", "level", "date_from", "date_to")


def validate(params: dict[str, str]) -> dict[str, str]:
    """The parameters of a request checked (short, well-formed, filters as `vnplan search` checks
    them); raises TooLong or BadRequest with the sentence to show."""
    from .search import Filters, SearchInputError

    for k, v in params.items():
        if len(v) > MAX_PARAM_CHARS:
            raise TooLong(f"parameter {k} is too long ({len(v)} characters; at most {MAX_PARAM_CHARS})")
    hl = params.get("hl", "")
    if hl and not (hl.count("-") == 1 and all(x.isascii() and x.isdigit() and len(x) <= 12 for x in hl.split("-"))):
        raise BadRequest("hl must be START-END (two character offsets)")
    offset = params.get("offset", "").strip()
    if offset and not (offset.isascii() and offset.isdigit() and len(offset) <= 9):
        raise BadRequest("offset must be a number of hits to skip, such as 20")
    try:
        Filters.checked(**{k: params.get(k) for k in _SEARCH_KEYS})
    except SearchInputError as e:
        raise BadFilter(str(e)) from None
    return params


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


def make_app(db: Path | str, hosts: set[str] | None = None,
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
                raise TooLong("the query string is too long")
            params = {k: v[0] for k, v in parse_qs(query, errors="replace").items()}
            try:
                validate(params)
                status, ctype, body = route(db, raw_path, params)
            except BadFilter:
                if raw_path != "/":
                    raise
                status, ctype, body = route(db, raw_path, params)  # the search page says what is wrong
                status = "400 Bad Request"
        except BadRequest as e:
            status, ctype = "400 Bad Request", "text/html"
            body = page("Bad request", f"<h1>Bad request</h1><p class='empty'>{esc(e)}</p>", path="/",
                        params={}).encode()
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


def _bind(db: Path | str, host: str, port: int, handler: type[WSGIRequestHandler],
          allow_hosts: Iterable[str] = ()) -> WSGIServer:
    open_store(db, readonly=True).close()  # fail now, not on the first request, when there is no database
    hosts: set[str] = set()
    app = make_app(db, hosts, any_ip=host in ("0.0.0.0", "::", ""))
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
