"""Search: ranked full-text search over obligations, targets, references and document text.

The index holds a *folded* copy of every passage: abbreviations expanded (Sở KH&CN -> Sở Khoa học
và Công nghệ), then lower-cased with every diacritic stripped and đ mapped to d (`vntext.fold`).
Queries are folded the same way, so `doi moi`, `Đổi mới`, `Hoà`/`Hòa` and `Sở KH&CN` all meet the
same tokens. FTS5's own `remove_diacritics` is not used: it leaves đ, and misses letters with two
marks (ế, ợ) in mode 1.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from . import search_index
from .abbrev import LiteralGate, expand_abbreviations, literal_gate
from .rules import load_rules
from .vntext import fold

KINDS = ("obligation", "target", "reference", "text")
YEAR_WINDOW = 60  # an open-ended deadline ("from 2021") covers this many years
YEARS = (1900, 2200)  # a --year outside this range is a typing mistake (20255)
_TOKEN = re.compile(r"\w+")
# Function words in nearly every passage (và, các, của, những, được, với): dropped from a query
# that has other words, as they only slow the ranking down.
STOPWORDS = frozenset({"va", "cac", "cua", "nhung", "duoc", "voi"})


class SearchInputError(ValueError):
    """A search the user asked for that cannot run: the message says what to type instead."""


# -- folding: abbreviations both ways --------------------------------------------------------------


@dataclass(frozen=True)
class _Terms:
    """Folded abbreviations (khcn, kh&cn, skhcn) -> folded expansions, and the search rules."""

    regex: re.Pattern[str] | None
    table: dict[str, str]
    rules: list[tuple[re.Pattern[str], str]] = field(default_factory=list)
    rules_gate: LiteralGate | None = None  # None: the rules always run


def _compact(folded: str) -> str:
    """'kh va cn' / 'kh&cn' / 'kh-cn' -> 'khcn'."""
    return "".join(re.split(r"[\s&.,\-]+|\bva\b", folded))


@lru_cache(maxsize=1)
def _syllable() -> re.Pattern[str]:
    """A folded Vietnamese syllable (rules/search.yaml `syllable`)."""
    return re.compile(load_rules("search").data["syllable"]["pattern"])


@lru_cache(maxsize=1)
def _terms() -> _Terms:
    """The folded forms of every abbreviation in rules/abbreviations.yaml (from each rule's examples)
    and the search-only terms of rules/search.yaml."""
    heads = load_rules("search").data.get("compact_heads") or {}
    syllable = _syllable()
    table: dict[str, str] = {}
    for rule in load_rules("abbreviations").rules:
        expansion = str(rule.get("expansion") or "").strip()
        if not expansion or rule.regex is None:
            continue
        for example in rule.examples:
            for m in rule.regex.finditer(example if isinstance(example, str) else example["text"]):
                written = " ".join(fold(m.group(0)).split())
                key = _compact(written)
                if not key or syllable.match(key):  # a real word in lower case: left to the case rules
                    continue
                forms = {written, key}
                if expansion[0].isupper():
                    for initial, head in heads.items():
                        table.setdefault(fold(initial) + key, fold(f"{head} {expansion}"))
                for form in forms:
                    table.setdefault(form, fold(expansion))
    regex = re.compile(rf"{_trie(table)}(?![\w])") if table else None
    rules = [(r.regex, fold(str(r.get("expansion")))) for r in load_rules("search").rules if r.regex is not None]
    return _Terms(regex, table, rules, literal_gate([rx for rx, _ in rules]) if rules else None)


def _trie(keys: Iterable[str]) -> str:
    """A regex matching any of `keys` not after a word character or '&', the longest first where one is
    the start of another (what an alternation of the keys, longest first, matches), written as a tree
    of their characters so the matcher tries only the keys that start with the character it is at."""
    tree: dict[str, Any] = {}
    for key in keys:
        node = tree
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = {}

    def alternation(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + alternation(child) for ch, child in node.items() if ch]
        if "" in node:
            alts.append("")  # the key ending here: tried after every longer one
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    # the look-behind follows the first character so that the matcher can skip to candidate characters
    return "(?:" + "|".join(f"{re.escape(ch)}(?<![\\w&]{re.escape(ch)}){alternation(child)}"
                            for ch, child in tree.items()) + ")"


def expand_folded(folded: str) -> str:
    """Folded abbreviations in folded text replaced by their folded expansions ('nsld' -> 'nang suat lao dong')."""
    terms = _terms()
    if terms.regex is not None:
        folded = terms.regex.sub(lambda m: terms.table[m.group(0)], folded)
    if terms.rules_gate is not None and not terms.rules_gate.may_match(folded):
        return folded  # no rule's literal: none of them can match
    for regex, expansion in terms.rules:
        folded = regex.sub(expansion, folded)
    return folded


def search_fold(s: str) -> str:
    """The form both index and queries are compared in: abbreviations expanded (written as in the
    rules, or in lower case, without spaces or marks), then folded."""
    return expand_folded(fold(expand_abbreviations(s))) if s else ""


# -- places: a district's documents belong to its province ------------------------------------------


def _search_data() -> dict[str, Any]:
    return load_rules("search").data


@lru_cache(maxsize=1)
def _place_words() -> re.Pattern[str]:
    words = sorted((fold(w) for w in _search_data().get("place_words") or []), key=len, reverse=True)
    return re.compile(r"^(?:(?:" + "|".join(re.escape(w) for w in words) + r")\s*)+")


def place_key(place: str) -> str:
    """The folded name a place is filed under: 'tỉnh Yên Bái', 'TP. Cần Thơ', 'yen bai' -> 'yen bai'."""
    from .places import province_name

    folded = " ".join(fold(place).replace("-", " - ").split())
    bare = _place_words().sub("", folded).strip()
    name = province_name(bare) or bare
    return " ".join(fold(name).split())


def document_province(meta: dict[str, Any], text: str) -> str | None:
    """The province of a district-level document: named by its issuer, by its opening lines, or
    by the district table of rules/search.yaml. None for other levels or when nothing says."""
    from .places import main_province, province_name

    if meta.get("level") not in ("district", "commune") or not meta.get("place"):
        return None
    issuer = meta.get("issuer") or ""
    m = re.search(r"\btỉnh\s+(.+)$", issuer)
    if m and province_name(m.group(1)):
        return province_name(m.group(1))
    named = main_province(text[:3000], meta.get("title") or "")
    if named and fold(named) != fold(meta["place"]):
        return named
    table = {fold(k): v for k, v in (_search_data().get("districts") or {}).items()}
    return table.get(fold(meta["place"]))


def _key(folded: str) -> str:
    return hashlib.blake2b(folded.encode(), digest_size=5).hexdigest()


# Filters are tokens indexed with each passage, so a filtered search is one intersection of
# posting lists inside FTS5: xxk<kind>, xxp<place>, xxb<body>, and xxy<year> for every year a
# passage covers (xxyall: recurring; an open-ended span is spelled out for YEAR_WINDOW years).
def kind_token(kind: str) -> str:
    return f"xxk{kind}"


def place_token(place_folded: str) -> str:
    return f"xxp{_key(place_folded)}"


def body_token(body_folded: str) -> str:
    return f"xxb{_key(body_folded)}"


def year_tokens(start: int | None, end: int | None, recurring: bool = False) -> list[str]:
    """Tokens of the years a span covers: both bounds, one open bound, or every year."""
    if recurring:
        return ["xxyall"]
    if start is not None and end is None:
        end = start + YEAR_WINDOW
    elif end is not None and start is None:
        start = end - YEAR_WINDOW
    if start is None or end is None or not 0 <= end - start <= 2 * YEAR_WINDOW:
        return []
    return [f"xxy{y}" for y in range(start, end + 1)]


def _year_tokens(year: int) -> list[str]:
    return [f"xxy{year}", "xxyall"]


MAX_QUERY_CHARS = 500
"""A query is cut to this many characters (about 80 words) before folding."""
MAX_QUERY_WORDS = 32
"""At most this many distinct words of a query are searched for (FTS5's cost grows with each)."""


def fts_query(query: str) -> str | None:
    """An FTS5 MATCH expression: every folded word of the query but STOPWORDS, quoted (all must occur).

    Words are kept once each (a repeated word asks nothing more, but FTS5's cost grows with the
    square of the terms), the query is cut to MAX_QUERY_CHARS and MAX_QUERY_WORDS words."""
    return " ".join(f'"{t}"' for t in query_words(query)) or None


def query_words(query: str) -> list[str]:
    """The folded words of a query `fts_query` searches for (each one FTS5 phrase)."""
    tokens = list(dict.fromkeys(_TOKEN.findall(search_fold(query[:MAX_QUERY_CHARS]))))
    return ([t for t in tokens if t not in STOPWORDS] or tokens)[:MAX_QUERY_WORDS]


# -- input ----------------------------------------------------------------------------------------


def normalize_kind(kind: str | None) -> str | None:
    """'obligations' -> 'obligation'; None or '' -> None; anything else is refused with the choices."""
    if not kind:
        return None
    k = kind.strip().lower()
    k = k[:-1] if k.endswith("s") and k[:-1] in KINDS else k
    if k not in KINDS:
        raise SearchInputError(f"unknown kind {kind!r}: choose one of {', '.join(KINDS)} (singular or plural)")
    return k


def check_year(year: int | str | None, option: str = "--year") -> int | None:
    """A year as an int, or a sentence saying what a year looks like."""
    if year is None or year == "":
        return None
    try:
        y = int(str(year).strip())
    except ValueError:
        y = -1
    if not YEARS[0] <= y <= YEARS[1]:
        raise SearchInputError(f"{option} must be a year such as 2025 (got {year!r})")
    return y


_DATE_FORMS = (re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$"), re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"))


def check_date(value: str | None, option: str, end: bool = False) -> str | None:
    """A date typed as dd/mm/yyyy, yyyy-mm-dd or a bare year, as ISO yyyy-mm-dd (a bare year: its
    first day, or its last when `end`); anything else is refused with a sentence."""
    if not value or not str(value).strip():
        return None
    v = str(value).strip()
    try:
        if re.fullmatch(r"\d{4}", v):
            y = check_year(v, option) or 0
            return date(y, 12, 31).isoformat() if end else date(y, 1, 1).isoformat()
        m = _DATE_FORMS[0].match(v)
        if m:
            return date(int(m[3]), int(m[2]), int(m[1])).isoformat()
        m = _DATE_FORMS[1].match(v)
        if m:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        pass
    raise SearchInputError(f"{option} must be a date such as 31/12/2025 (got {value!r})")


@dataclass
class Filters:
    """What a search keeps: item kind, body, year, place (with its districts), and document facts."""

    kind: str | None = None
    body: str | None = None
    body_prefix: bool = False
    year: int | None = None
    place: str | None = None
    doc_type: str | None = None
    level: str | None = None
    issuer: str | None = None
    date_from: str | None = None
    date_to: str | None = None

    @classmethod
    def checked(cls, **values: Any) -> Filters:
        """Filters from user input (strings allowed), each checked: bad input raises SearchInputError."""
        v = {k: (x.strip() if isinstance(x, str) else x) for k, x in values.items()}
        v = {k: (None if x == "" else x) for k, x in v.items()}
        return cls(kind=normalize_kind(v.get("kind")), body=v.get("body"), body_prefix=bool(v.get("body_prefix")),
                   year=check_year(v.get("year")), place=v.get("place"), doc_type=v.get("doc_type"),
                   level=v.get("level"), issuer=v.get("issuer"),
                   date_from=check_date(v.get("date_from"), "the start date"),
                   date_to=check_date(v.get("date_to"), "the end date", end=True))

    def any(self) -> bool:
        return any(getattr(self, f) not in (None, False) for f in self.__dataclass_fields__)


# -- filters --------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _body_place_rx() -> re.Pattern[str]:
    words = sorted((fold(w) for w in _search_data().get("body_place_words") or []), key=len, reverse=True)
    return re.compile(r"\s+(?:" + "|".join(re.escape(w) for w in words) + r")(?:\s.*)?$")


def bare_body(folded: str) -> str:
    """A folded body name without a leading 'cac' and the place it serves: the name compared by --body."""
    folded = " ".join(folded.split())
    folded = folded[4:] if folded.startswith("cac ") else folded
    return _body_place_rx().sub("", folded).strip()


def _body_matches(candidate: str, query: str, prefix: bool) -> bool:
    """Whether a stored (folded) name is the body asked for: the whole name, with or without the place
    it serves; with `prefix`, any name starting with the query's words."""
    names = {candidate} if _body_place_rx().search(query) else {candidate, bare_body(candidate)}
    if prefix:
        return any(n == query or n.startswith(query + " ") for n in names)
    return query in names


def body_names(conn: sqlite3.Connection, body: str, prefix: bool = False) -> set[str]:
    """Folded names of the stored bodies and issuers `body` designates (full or abbreviated)."""
    full, short = " ".join(search_fold(body).split()), " ".join(fold(body).split())
    full = full[4:] if full.startswith("cac ") else full
    names = set()
    for folded, aliases in conn.execute("SELECT folded, aliases_folded FROM bodies"):
        if _body_matches(folded, full, prefix) or any(_body_matches(a, short, prefix)
                                                      for a in (aliases or "").split(" | ") if a):
            names.add(folded)
    for (issuer,) in conn.execute("SELECT DISTINCT issuer_folded FROM documents WHERE issuer_folded != ''"):
        if _body_matches(issuer, full, prefix):
            names.add(issuer)
    return names


def _filter_groups(conn: sqlite3.Connection, f: Filters) -> list[list[str]] | None:
    """The filter tokens of the item filters, each list one OR group that must match; None when a
    filter matches nothing stored."""
    groups: list[list[str]] = []
    if f.kind:
        groups.append([kind_token(normalize_kind(f.kind) or "")])
    if f.body:
        names = body_names(conn, f.body, f.body_prefix)
        if not names:
            return None
        groups.append([body_token(n) for n in sorted(names)])
    if f.place:
        key = place_key(f.place)
        if not key:
            return None
        groups.append([place_token(key)])
    if f.year is not None:
        groups.append(_year_tokens(check_year(f.year) or 0))
    return groups


def _group_match(group: list[str]) -> str:
    """An OR group as FTS5 terms: 'xxkobligation', '(xxb1 OR xxb2)' (a body group always in brackets)."""
    return group[0] if len(group) == 1 and not group[0].startswith("xxb") else "(" + " OR ".join(group) + ")"


def _doc_where(f: Filters) -> tuple[str, list[Any]]:
    """SQL over `documents` for the document filters (type, level, issuer, date range), or ''."""
    conds, params = [], []
    if f.doc_type:
        conds.append("lower(doc_type) = lower(?)")
        params.append(f.doc_type)
    if f.level:
        conds.append("level = ?")
        params.append(f.level)
    if f.issuer:
        conds.append("issuer_folded = ?")
        params.append(" ".join(search_fold(f.issuer).split()))
    if f.date_from:
        conds.append("date >= ?")
        params.append(f.date_from)
    if f.date_to:
        conds.append("date <= ?")
        params.append(f.date_to)
    return " AND ".join(conds), params


@dataclass
class _Plan:
    match: str
    where: str  # extra condition on passages_fts.rowid, or ''
    params: list[Any]
    words: list[str] = field(default_factory=list)  # the query's words (ranked)
    groups: list[list[str]] = field(default_factory=list)  # filter tokens: OR groups, all required


def _plan(conn: sqlite3.Connection, query: str, f: Filters) -> _Plan | None:
    """The MATCH expression and document condition of a search; None when nothing can match."""
    groups = _filter_groups(conn, f)
    words = query_words(query)
    if groups is None or not (words or groups or _doc_where(f)[0]):
        return None
    terms = [_group_match(g) for g in groups]
    if not (words or groups):
        groups = [[kind_token(k) for k in KINDS]]
        terms = [" OR ".join(groups[0])]
    match = " AND ".join(([" ".join(f'"{w}"' for w in words)] if words else []) + terms)
    where, params = _doc_where(f)
    if where:
        where = f" AND passages_fts.rowid IN (SELECT id FROM passages WHERE doc_id IN (SELECT doc_id FROM documents WHERE {where}))"
    return _Plan(match, where, params, words, groups)


def _on_postgresql(conn: Any) -> bool:
    """Whether `conn` is a PostgreSQL store's connection (`extractor.store_pg`): its SQL is search_pg's."""
    return getattr(conn, "backend", None) == "postgresql"


Facets = dict[str, list[tuple[str, int]]]
"""Document fact -> its (value, passages) among a search's hits, most first (`facets`)."""


@dataclass
class SearchResults:
    """One page of hits, with how many passages match in all (`total`) and where the page starts."""

    hits: list[dict[str, Any]]
    total: int
    offset: int = 0
    engine: str = ""  # what found them: "tantivy" (the store's index), "fts5" or "postgresql" (the
    # database's own full-text search), or "" when nothing can match (a filter naming nothing stored)

    def count_line(self) -> str:
        """'20 of 53 hits' (or '21-40 of 53 hits' past the first page)."""
        n = len(self.hits)
        if self.offset and n:
            return f"{self.offset + 1}-{self.offset + n} of {self.total} hits"
        return f"{n} of {self.total} hits"


def _filters(filters: Filters | None, values: dict[str, Any]) -> Filters:
    if filters is not None:
        return filters
    return Filters(**{k: v for k, v in values.items() if v is not None})


def search(conn: sqlite3.Connection, query: str, *, filters: Filters | None = None, limit: int = 20,
           offset: int = 0, **values: Any) -> list[dict[str, Any]]:
    """Hits for `query`, best first (bm25), each with its document, section, quote and fields.

    Filters (a `Filters`, or its fields as keywords): `kind` keeps one kind of item (singular or
    plural); `body` keeps obligations led or supported by that body (its whole name, full or
    abbreviated, with or without the place it serves; `body_prefix`: any name starting so; other
    kinds: the issuing body); `year` keeps obligations whose deadline covers it and targets set
    for it; `place` keeps documents of that place, a province taking in its districts' documents;
    `doc_type`, `level`, `issuer`, `date_from`, `date_to` keep documents by their facts. An empty
    query with filters lists matching items in document order. Every matching passage is ranked
    (FTS5's `rank`, bm25, with the LIMIT pushed into the full-text scan).
    """
    return run(conn, query, filters=_filters(filters, values), limit=limit, offset=offset, count=False).hits


def run(conn: sqlite3.Connection, query: str, *, filters: Filters | None = None, limit: int = 20,
        offset: int = 0, count: bool = True) -> SearchResults:
    """`search` with the total number of matching passages (see `SearchResults`)."""
    if _on_postgresql(conn):
        from . import search_pg

        return search_pg.run(conn, query, filters=filters, limit=limit, offset=offset, count=count)
    f = filters or Filters()
    plan = _plan(conn, query, f)
    if plan is None:
        return SearchResults([], 0, offset)
    limit, offset = max(0, int(limit)), max(0, int(offset))
    base = f"FROM passages_fts WHERE passages_fts MATCH ?{plan.where}"
    args: tuple[Any, ...] = (plan.match, *plan.params, limit, offset)
    found = _tantivy_page(conn, plan, f, limit, offset, count)
    total: int | None = None
    engine = "fts5"
    order = "m.score, p.id"
    if found is not None:
        page, total = found
        engine = "tantivy"
        if not page:
            return SearchResults([], total or 0, offset, engine)
        top, args = index_page(page, "rowid", "(?, ?, ?)")
        order = "m.pos"
    elif plan.words:
        top = f"SELECT rowid, rank AS score {base} ORDER BY rank LIMIT ? OFFSET ?"
    else:
        top = f"SELECT rowid, 0.0 AS score {base} ORDER BY rowid LIMIT ? OFFSET ?"
    rows = conn.execute(hits_sql(top, "rowid", order), args).fetchall()
    hits = [_hit(conn, row) for row in rows]
    if not count:
        total = len(hits)
    elif total is None:
        total = conn.execute(f"SELECT count(*) {base}", (plan.match, *plan.params)).fetchone()[0]
    return SearchResults(hits, total, offset, engine)


def _tantivy_query(conn: sqlite3.Connection, plan: _Plan, f: Filters) -> tuple[Any, Any] | None:
    """The store's tantivy index (beside a SQLite file, or this machine's index of a PostgreSQL
    database: `extractor.search_index`) and its query for the search; None when there is none in step
    with the store, or the search is one it cannot answer exactly (the database answers then)."""
    if not search_index.enabled():
        return None
    index = search_index.for_reading(conn)
    if index is None:
        return None
    facts = {k: getattr(f, k) for k in ("doc_type", "level", "issuer", "date_from", "date_to")}
    if facts["doc_type"] and not facts["doc_type"].isascii() and _on_postgresql(conn):
        return None  # PostgreSQL's lower() folds letters SQLite's (and the index's) leaves: its own answer
    if facts["issuer"]:
        facts["issuer"] = " ".join(search_fold(facts["issuer"]).split())
    try:
        query = index.query(plan.words, plan.groups, facts)
    except (ValueError, OSError):
        return None
    return None if query is None else (index, query)


def _tantivy_page(conn: sqlite3.Connection, plan: _Plan, f: Filters, limit: int, offset: int,
                  count: bool) -> tuple[list[tuple[int, float]], int | None] | None:
    """A page of (passage id, score) and the total from the store's tantivy index; None when it
    cannot answer (`_tantivy_query`: FTS5 answers then)."""
    found = _tantivy_query(conn, plan, f)
    if found is None:
        return None
    index, query = found
    try:
        return index.top(query, limit, offset, count, ranked=bool(plan.words))
    except (ValueError, OSError):
        return None


def _tantivy_facets(conn: sqlite3.Connection, plan: _Plan, f: Filters) -> Facets | None:
    """The facets of a search counted by the store's tantivy index (`SearchIndex.facets`); None when it
    cannot count them exactly (the database's GROUP BY answers then)."""
    found = _tantivy_query(conn, plan, f)
    if found is None:
        return None
    index, query = found
    try:
        return index.facets(query)
    except (ValueError, OSError):  # tantivy's bucket limit (65,000 values of one fact among the hits)
        return None


def item_ids(conn: sqlite3.Connection, kind: str, filters: Filters) -> set[int] | None:
    """Ids of the stored items of `kind` ('obligation' or 'target') that `filters` keep; None when
    the filters keep every item (no item or document filter given)."""
    if _on_postgresql(conn):
        from . import search_pg

        return search_pg.item_ids(conn, kind, filters)
    f = Filters(**{**filters.__dict__, "kind": kind})
    if not any(getattr(f, k) not in (None, False) for k in f.__dataclass_fields__ if k != "kind"):
        return None
    plan = _plan(conn, "", f)
    if plan is None:
        return set()
    sql = f"""SELECT p.item_id FROM passages_fts JOIN passages p ON p.id = passages_fts.rowid
        WHERE passages_fts MATCH ?{plan.where}"""
    return {r[0] for r in conn.execute(sql, (plan.match, *plan.params))}


FACETS = search_index.FACETS  # the document facts counted: doc_type, issuer, level, place


def facets(conn: sqlite3.Connection, query: str, filters: Filters | None = None) -> Facets:
    """For each document fact (type, issuer, level, place): its values among the matching passages,
    with how many passages each holds, most first (then by value)."""
    return facet_counts(conn, query, filters)[0]


def facet_counts(conn: sqlite3.Connection, query: str, filters: Filters | None = None) -> tuple[Facets, str]:
    """`facets` and what counted them: "tantivy" (the store's index in step, its terms aggregation
    over the hits), "fts5" or "postgresql" (the database's GROUP BY over every match, the same
    answer), or "" when nothing can match."""
    if _on_postgresql(conn):
        from . import search_pg

        return search_pg.facet_counts(conn, query, filters)
    f = filters or Filters()
    plan = _plan(conn, query, f)
    out: Facets = {k: [] for k in FACETS}
    if plan is None:
        return out, ""
    found = _tantivy_facets(conn, plan, f)
    if found is not None:
        return found, "tantivy"
    for col in FACETS:
        sql = f"""SELECT d.{col}, count(*) FROM passages_fts JOIN passages p ON p.id = passages_fts.rowid
            JOIN documents d ON d.doc_id = p.doc_id WHERE passages_fts MATCH ?{plan.where}
            AND d.{col} IS NOT NULL AND d.{col} != '' GROUP BY d.{col} ORDER BY 2 DESC, 1"""
        out[col] = [(r[0], r[1]) for r in conn.execute(sql, (plan.match, *plan.params))]
    return out, "fts5"


_ITEM_SQL = {
    "obligation": "SELECT task, lead, support, deadline_text, deadline_kind, deadline_start, deadline_end, "
                  "deadline_date, quote FROM obligations WHERE id = ?",
    "target": "SELECT indicator, indicator_id, comparator, value, value_max, unit, year, scope, quote "
              "FROM targets WHERE id = ?",
    "reference": 'SELECT doc_type, number, date, issuer, title, relation, resolved_doc_id, quote '
                 'FROM "references" WHERE id = ?',
}


def index_page(page: list[tuple[int, float]], key: str, row: str) -> tuple[str, tuple[Any, ...]]:
    """The SELECT of a page the search index ranked, (`key`, score, pos: its place on the page) for
    `hits_sql`, one `row` of three parameters a hit, and its parameters."""
    top = f"SELECT column1 AS {key}, column2 AS score, column3 AS pos FROM (VALUES {', '.join(row for _ in page)}) v"
    return top, tuple(v for pos, (pid, score) in enumerate(page) for v in (pid, score, pos))


def hits_sql(top: str, key: str, order: str = "m.score, p.id") -> str:
    """The hit rows of a page: `top` selects (`key`, score) of the page's passages, best first; each
    passage comes back with its document's facts and, for text passages, its quote (both backends), in
    `order`: a page of the search index keeps the index's own (`pos`, its place on the page), since the
    index breaks ties between equal scores by where it holds a passage, which is not always passage
    order (a PostgreSQL database's index is built in the database's row order): so each page is the
    same slice of every match, no tied passage on two pages or on none."""
    return f"""SELECT p.id AS passage_id, p.kind, p.item_id, p.doc_id, p.span_start, p.span_end, p.section,
        m.score, d.title AS doc_title, d.number AS doc_number, d.kind AS doc_kind, d.place AS doc_place,
        d.doc_type AS doc_doc_type, d.date AS doc_date, d.issuer AS doc_issuer, d.level AS doc_level,
        CASE WHEN p.kind = 'text' THEN substr(d.text, p.span_start + 1, p.span_end - p.span_start) END AS text_quote
        FROM ({top}) m JOIN passages p ON p.id = m.{key} JOIN documents d ON d.doc_id = p.doc_id
        ORDER BY {order}"""


def _hit(conn: sqlite3.Connection, row: sqlite3.Row) -> dict[str, Any]:
    """One result row as a JSON-ready hit."""
    hit: dict[str, Any] = {
        "doc_id": row["doc_id"], "kind": row["kind"], "quote": row["text_quote"],
        "span": [row["span_start"], row["span_end"]], "section": row["section"],
        "score": round(row["score"], 4), "passage_id": row["passage_id"],
        "document": {"title": row["doc_title"], "number": row["doc_number"], "kind": row["doc_kind"],
                     "place": row["doc_place"], "doc_type": row["doc_doc_type"], "date": row["doc_date"],
                     "issuer": row["doc_issuer"], "level": row["doc_level"]},
    }
    if row["kind"] in _ITEM_SQL:
        item = dict(conn.execute(_ITEM_SQL[row["kind"]], (row["item_id"],)).fetchone())
        hit["quote"] = item.pop("quote")
        if row["kind"] == "obligation":
            item["lead"], item["support"] = json.loads(item["lead"]), json.loads(item["support"])
            dl = {k: item.pop(f"deadline_{k}") for k in ("text", "kind", "start", "end", "date")}
            item["deadline"] = dl if dl["kind"] or dl["text"] else None
        hit |= item
    return hit


def format_hit(hit: dict[str, Any]) -> str:
    """A hit as a few readable lines for the terminal."""
    doc = hit["document"]
    head = f"[{hit['kind']}] {hit['doc_id']}" + (f" ({doc['number']})" if doc.get("number") else "")
    lines = [head + (f" — {hit['section']}" if hit.get("section") else "")]
    if hit["kind"] == "obligation":
        lines.append(f"  lead: {'; '.join(hit['lead']) or '-'}" +
                     (f" | support: {'; '.join(hit['support'])}" if hit["support"] else "") +
                     (f" | deadline: {hit['deadline']['text']}" if hit.get("deadline") else ""))
    elif hit["kind"] == "target":
        value = hit["value"] if hit["value_max"] is None else f"{hit['value']}-{hit['value_max']}"
        lines.append(f"  {hit['indicator']}: {hit['comparator']} {value} {hit['unit'] or ''}"
                     + (f" by {hit['year']}" if hit.get("year") else ""))
    elif hit["kind"] == "reference":
        lines.append(f"  {hit['doc_type'] or ''} {hit['number'] or ''} ({hit['relation']})".rstrip())
    quote = " ".join((hit.get("quote") or "").split())
    lines.append(f"  “{quote[:300]}{'…' if len(quote) > 300 else ''}”")
    return "\n".join(lines)
