"""Bodies in running text: one regex for a body name or a collective, and the lists they form.

Names, heads and collective nouns come from rules/bodies.yaml (see extractor/bodies.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from .bodies import canonical_body, head_of, shared_locality, shared_tail
from .places import locality_list, named_localities, province_pattern, province_unit
from .rules import load_rules


@dataclass
class BodySpan:
    """A body found in running text: its offsets and canonical name."""

    start: int
    end: int
    text: str
    name: str
    collective: bool = False


@cache
def _abbreviated_phrases() -> list[tuple[str, str]]:
    """(phrase, the regex of its abbreviation) of rules/abbreviations.yaml, for phrases of two words or more
    ('Ủy ban nhân dân' / 'UBND', 'Hội đồng nhân dân' / 'HĐND'), longest first."""
    pairs = [(str(rule.get("expansion")).strip(), rule.rx.pattern) for rule in load_rules("abbreviations").rules]
    return sorted(((e, p) for e, p in pairs if len(e.split()) > 1), key=lambda x: -len(x[0]))


def _name_regex(name: str, inner: bool = True) -> str:
    """A tolerant regex for a gazetteer name: 'và' may be '&', a dash or missing (Phòng Kinh tế - Hạ tầng),
    dashes and commas optional; a phrase inside the name may be abbreviated ('Văn phòng HĐND và UBND')."""
    marks: list[str] = []
    if inner:
        for phrase, abbrev in _abbreviated_phrases():
            if phrase != name and re.search(rf"(?<!\S){re.escape(phrase)}(?!\S)", name):
                name = re.sub(rf"(?<!\S){re.escape(phrase)}(?!\S)", f"\x00{len(marks)}", name)
                marks.append(f"(?:{abbrev}|{_name_regex(phrase, inner=False)})")
    out, glue = [], ""
    for w in name.split(" "):
        if w.startswith("\x00") and w[1:].isdigit():
            out.append(glue + marks[int(w[1:])])
            glue = r"\s+"
        elif w == "và":
            out.append(r"\s*(?:(?:và|&|[-–])\s*)?")
            glue = ""
        elif w in ("-", "–"):
            out.append(r"\s*(?:[-–]\s*)?")
            glue = ""
        else:
            out.append(glue + re.escape(w.rstrip(",")))
            glue = r",?\s*" if w.endswith(",") else r"\s+"
    return "".join(out)


@lru_cache(maxsize=1)
def body_regex() -> re.Pattern[str]:
    """One regex for a body in running text: a gazetteer name (also abbreviated), an open name
    (head + capitalised words) or a collective, each with an optional locality tail."""
    r = load_rules("bodies")
    frag = r.fragments
    heads = sorted(r.data["heads"], key=len, reverse=True)
    aliases: dict[str, list[str]] = {}
    for short, full in (r.data.get("head_aliases") or {}).items():
        aliases.setdefault(full, []).append(short)
    by_head: dict[str, list[str]] = {}
    for g in sorted(r.data["gazetteer"], key=len, reverse=True):
        h = head_of(g) or g.split()[0]
        by_head.setdefault(h, []).append(g[len(h):].strip())
    abbrevs = [rule.rx.pattern for rule in load_rules("abbreviations").rules]
    named = []
    for h, names in by_head.items():
        alts = [_name_regex(n) for n in names if n] + abbrevs + [
            re.escape(k) for g in r.data.get("context_abbreviations") or [] if h in g["heads"] for k in g["names"]]
        opt = "?" if "" in names else ""
        head_rx = "|".join([re.escape(h)] + [re.escape(a) for a in aliases.get(h, [])])
        named.append(rf"(?i:{head_rx})(?:\s+(?i:{'|'.join(alts)})){opt}(?![\wÀ-ỹ])")
    sylls = "|".join(sorted(set(r.data["open_name_syllables"]), key=len, reverse=True))
    stops = "|".join(sorted(map(re.escape, r.data.get("open_name_stops") or []), key=len, reverse=True))
    verbs = load_rules("obligations").rule("lead.subject_verb").rx.pattern
    nouns = "|".join(r"\s+".join(map(re.escape, n.split())) for n in sorted(r.data["collective_nouns"], key=len, reverse=True))
    free = rf"(?!{frag['cap_word']})(?!(?:{stops}|{sylls})(?![\wÀ-ỹ]))(?!{verbs})[^\W\d_][\wÀ-ỹ]*"
    item = (rf"(?:-\s*(?:{sylls})(?![\wÀ-ỹ])|(?:và\s+(?!(?:{nouns})(?![\wÀ-ỹ])))?(?:(?:{sylls})(?![\wÀ-ỹ])|{free}))")
    chunk = rf"{frag['cap_word']}(?:\s+{item})*"  # 'Trung tâm Truyền thông khoa học và công nghệ'
    head_alt = "|".join(re.escape(h) for h in heads)
    new_head = "|".join([head_alt] + [re.escape(a) for a in r.data.get("head_aliases") or {}])  # 'và UBND tỉnh'
    acronym = r"[A-ZĐ][A-ZĐ0-9&]{1,9}(?![\wÀ-ỹ])"  # after a comma an acronym is a body of its own ('Tập đoàn FPT, CMC')
    open_name = (rf"(?:{head_alt})\s+{chunk}"  # a member named with its parent after a dash: 'Trường Đại học Khoa
                 rf"(?:(?:\s+-\s+|(?:\s*,\s*(?!{acronym})|\s+và\s+|\s+)(?!(?:{new_head})\s)){chunk})*")  # học Tự
    # nhiên - Đại học Quốc gia Hà Nội'; after a comma, 'và' or a space a new head opens the next body
    loc = r.pattern("locality").pattern
    place = rf"(?!(?:Các|Những|Mọi)(?![\wÀ-ỹ])){frag['cap_word']}"  # 'Bộ Nội vụ Các bộ, ...': two cells
    region = r"(?:\s+khu\s+vực|(?<=[Kk]hu\svực)|(?<=[Vv]ùng))\s+(?:\d{1,2}|[IVX]{1,4})(?![\w/.,%])"  # Ngân hàng Nhà nước
    # Khu vực 12, Kho bạc Nhà nước khu vực XV
    place_run = rf"{place}(?:\s+{place}){{0,2}}"
    # a place named by two, joined by a dash ('Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn'), not a body
    # after a dash ('Sở Y tế - Sở Tài chính')
    place_run = rf"{place_run}(?:\s+[-–]\s+(?!(?:{new_head})(?![\wÀ-ỹ])){place_run})?"
    tail = rf"(?:\s+(?:{loc}|{place_run}))?(?:{region})?"
    going_on = "|".join(r"\s+".join(map(re.escape, c.split())) for c in r.data.get("name_continuations") or [])
    tail = rf"{tail}(?:\s+(?i:{going_on}){tail})?" if going_on else tail
    offices = "|".join(r"\s+".join(map(re.escape, o.split())) for o in r.data.get("province_offices") or [])
    office = rf"(?:{offices})\s+(?:tỉnh|thành\s+phố)(?:\s+{frag['cap_word']}){{1,3}}" if offices else r"(?!)"
    named_body = rf"(?:(?P<gaz>{'|'.join(named)})|{office}|{open_name}){tail}"
    _OPEN.append(re.compile(open_name + tail))
    qual = frag["qualifier"]
    quals = rf"(?:\s+(?:{qual})(?![\wÀ-ỹ]))"
    # a trade closes the list ('các doanh nghiệp viễn thông, doanh nghiệp bưu chính' is two collectives)
    trade = rf"(?:\s+(?:{frag['sector']})(?![\wÀ-ỹ]){quals}*)"
    collective_nouns = set(r.data["collective_nouns"])
    named_heads = "|".join(re.escape(h) for h in heads if " " in h and h.lower() not in collective_nouns)
    # a new name, no noun of the collective: 'các cơ quan của Quốc hội, Hội đồng nhân dân', 'các sở, ngành, Sở Tài
    # chính', 'các bộ, ngành, Tập đoàn FPT' (a head and a capitalised word)
    nxt = rf"(?!(?:{named_heads})(?![\wÀ-ỹ]))(?!(?:{head_alt})\s+{frag['cap_word']})"
    places = "".join(rf"(?<!{w}\s)" for w in ("tại", "của", "cho", "ở", "tới", "đến", "trong"))  # a place, no body
    collective = (rf"(?:{places}{frag['province_collective']}"  # 'Các tỉnh, thành phố' in a task table's cell
                  rf"|(?i:các|những)\s+(?i:{nouns}){quals}*(?:\s*,\s*{nxt}(?i:{nouns}){quals}*)*{trade}?"
                  rf"|(?:{nouns})(?:\s*,\s*(?:{nouns}))*(?:{quals}+|{trade}))(?![\wÀ-ỹ])")
    return re.compile(rf"(?P<named>{named_body})|(?P<coll>{collective})")


_OPEN: list[re.Pattern[str]] = []  # the open-name part of body_regex, filled when it is built
_AND_NAME = re.compile(r"\s+và\s+[A-ZĐ]")
_RELATED = re.compile(r"\s+(?:có\s+)?liên\s+quan(?![\wÀ-ỹ])")
_RELATED_END = re.compile(r"liên\s+quan(?=\s+\S)")
_PLURAL = re.compile(r"\s(?i:các|những)\s")
_ACRONYM = re.compile(r"\s*\([A-ZĐ][A-Za-zĐ&]{1,9}\)")  # a body's acronym in brackets after its name


def _span(text: str, m: re.Match[str], end: int) -> BodySpan:
    """The body of a match; a gazetteer name that an open name continues with 'và' and a capitalised
    word is that longer name ('Trung tâm Xúc tiến Thương mại và Đầu tư' is no 'Trung tâm Xúc tiến Thương mại')."""
    if m.group("coll") is not None:  # 'có liên quan' closes a collective: 'đơn vị có liên quan nghiên cứu, …'
        cut = _RELATED_END.search(m.group(0))
        raw = m.group(0)[:cut.end()] if cut else m.group(0)
        return BodySpan(m.start(), m.start() + len(raw), raw, raw.strip(), True)
    stop = m.end()
    if m.group("gaz") is not None and _OPEN:
        om = _OPEN[0].match(text, m.start(), end)
        if om and om.end() > stop and _AND_NAME.match(text, m.end("gaz"), om.end()):
            stop = om.end()
    related = _RELATED.match(text, stop, end)
    if related and _PLURAL.search(text, m.start(), stop):  # 'Ủy ban nhân dân các huyện, thành phố liên quan'
        # the plural name's own qualifier
        stop = related.end()
    raw = text[m.start():stop]
    acronym = _ACRONYM.match(text, stop, end)  # 'Đài Truyền hình Việt Nam (VTV) chủ trì'
    return BodySpan(m.start(), acronym.end() if acronym else stop, raw, canonical_body(raw))


def find_bodies(text: str, start: int = 0, end: int | None = None) -> list[BodySpan]:
    """Every body named in text[start:end], left to right."""
    end = len(text) if end is None else end
    out: list[BodySpan] = []
    for m in body_regex().finditer(text, start, end):
        if m.start() > 0 and text[m.start() - 1] in "-/":  # the issuer code of a number (1158/QĐ-UBND)
            continue
        if not out or m.start() >= out[-1].end:
            out.append(_span(text, m, end))
    return out


@cache
def _elided(head: str) -> re.Pattern[str] | None:
    """The gazetteer names under `head` written without it ('Khoa học và Công nghệ' for 'Bộ Khoa học và Công
    nghệ'), each closed as a list's item is: 'Sở Tài chính, Xây dựng kế hoạch …' names no Sở Xây dựng, 'Bộ Tài chính,
    Công an tỉnh' no Bộ Công an ('Bộ Văn hóa, Thể thao và Du lịch, Ngoại giao, Công an, các địa phương' does)."""
    names = [g[len(head):].strip() for g in load_rules("bodies").data["gazetteer"] if head_of(g) == head]
    names = sorted((n for n in names if n), key=len, reverse=True)
    names_rx = "|".join(_name_regex(n) for n in names)  # closed by the list's punctuation, 'và' or the end
    return re.compile(rf"(?:{names_rx})(?=\s*(?:[,;.:]|$)|\s+và\s)", re.M) if names else None


def _elided_body(text: str, prev: BodySpan, pos: int, end: int) -> BodySpan | None:
    """A body of the same kind as `prev` written without its head after it, as each of `_ELISIONS` reads one."""
    return next((found for read in _ELISIONS if (found := read(text, prev, pos, end))), None)


def _gazetteer_elided(text: str, prev: BodySpan, pos: int, end: int) -> BodySpan | None:
    """'Bộ Xây dựng, Khoa học và Công nghệ' names Bộ Xây dựng and Bộ Khoa học và Công nghệ."""
    head = None if prev.collective else head_of(prev.name)
    pattern = _elided(head) if head else None
    m = pattern.match(text, pos, end) if pattern else None
    return BodySpan(m.start(), m.end(), m.group(0), canonical_body(f"{head} {m.group(0)}")) if m else None


def _acronym_elided(text: str, prev: BodySpan, pos: int, end: int) -> BodySpan | None:
    """After a name of one word, an acronym: 'Tập đoàn FPT, CMC', 'Tập đoàn Viettel, VNPT'."""
    head = None if prev.collective else head_of(prev.name)
    if not head or not _ACRONYM_NAME.fullmatch(prev.name[len(head):].strip()):
        return None
    m = _ACRONYM_ITEM.match(text, pos, end)
    return BodySpan(m.start(), m.end(), m.group(0), canonical_body(f"{head} {m.group(0)}")) if m else None


def _level_elided(text: str, prev: BodySpan, pos: int, end: int) -> BodySpan | None:
    """'Ủy ban nhân dân cấp tỉnh, cấp xã': the same body at another level."""
    level = _LEVEL_NAME.fullmatch(prev.name)
    item = _LEVEL_ITEM.match(text, pos, end) if level else None
    return BodySpan(item.start(), item.end(), item.group(0), f"{level.group('body')} cấp {item.group('level')}") \
        if level and item else None


def _province_elided(text: str, prev: BodySpan, pos: int, end: int) -> BodySpan | None:
    """'Ủy ban nhân dân thành phố Hà Nội, Hồ Chí Minh, Hòa Bình': each province's own committee."""
    if not _committee_provinces()[0].fullmatch(prev.name):
        return None
    place = _committee_provinces()[1].match(text, pos, end)
    return BodySpan(place.start(), place.end(), place.group(0), committee_of(place.group("place"))) if place else None


_ELISIONS = (_gazetteer_elided, _acronym_elided, _level_elided, _province_elided)


_COMMITTEE = "Ủy ban nhân dân"
_LEVEL_NAME = re.compile(r"(?P<body>.+?)\s+cấp\s+(?:tỉnh|huyện|xã)")
_LEVEL_ITEM = re.compile(r"cấp\s+(?P<level>tỉnh|huyện|xã)(?![\wÀ-ỹ])")


@cache
def _committee_provinces() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A provinces' People's Committee named with its province ('Ủy ban nhân dân các tỉnh, thành phố Hà Nội'), and a
    province written alone after it, maybe with its unit, closed as a list's item or by the list's verb."""
    places = province_pattern()
    unit = r"(?:(?i:tỉnh|thành\s+phố)\s+)"
    return (re.compile(rf"{_COMMITTEE}\s+(?:các\s+)?(?:tỉnh|thành\s+phố)(?:\s*,\s*thành\s+phố)?\s+(?P<place>{places})"),
            re.compile(rf"{unit}?(?P<place>{places})(?=\s*(?:[,;.:]|$)|\s+(?:và\s|[a-zđà-ỹ]))", re.M))


def committee_of(place: str) -> str:
    """The People's Committee of a province: 'Ủy ban nhân dân thành phố Cần Thơ', 'Ủy ban nhân dân tỉnh Hòa Bình'."""
    return f"{_COMMITTEE} {province_unit(place)}"


def _named_localities(text: str, body: BodySpan, end: int) -> list[BodySpan]:
    """'các địa phương Bắc Ninh, Bình Dương, An Giang': the localities a collective names right after it, each its
    province or city ('tỉnh Bắc Ninh'); else the collective itself."""
    m = named_localities().match(text, body.start, end) if body.collective else None
    if m is None:
        return [body]
    out, at = [], m.start("places")
    for piece, name in locality_list(m.group("places")):
        start = text.index(piece, at)
        out.append(BodySpan(start, start + len(piece), piece, name))
        at = start + len(piece)
    return out


_ACRONYM_NAME = re.compile(r"[A-ZĐ][\wÀ-ỹ&]{1,15}")  # one word, no Vietnamese name of syllables: 'FPT', 'Viettel'
_ACRONYM_ITEM = re.compile(r"[A-ZĐ][A-ZĐ0-9&]{1,9}(?=\s*(?:[,;.:]|$)|\s+(?:và\s|[a-zđà-ỹ]))", re.M)  # closed, or
# followed by the list's verb ('… CMC khẩn trương hoàn thành')


_LIST_SEP = re.compile(r"\s*(?:,\s*và|,|;|\s+và)\s+|\s*;\s*")  # ", và" before ","


def body_list_at(text: str, pos: int, end: int | None = None) -> tuple[list[BodySpan], int]:
    """A list of bodies starting exactly at `pos` ('Sở Tài chính và Sở Khoa học và Công nghệ, các
    cơ quan liên quan'), and the offset where it stops."""
    end = len(text) if end is None else end
    rx = body_regex()
    found: list[BodySpan] = []
    cur = pos
    while cur < end:
        m = rx.match(text, cur, end)
        if not m:
            break
        found.append(_span(text, m, end))
        found[-1:] = _named_localities(text, found[-1], end)
        cur = found[-1].end
        sep = _LIST_SEP.match(text, cur, end)
        while sep and (elided := _elided_body(text, found[-1], sep.end(), end)):
            first = _committee_provinces()[0].fullmatch(found[-1].name) if found[-1].name.startswith(f"{_COMMITTEE} các ") else None
            if first and elided.name.startswith(_COMMITTEE):  # the first of the provinces listed: its own committee
                found[-1] = BodySpan(found[-1].start, found[-1].end, found[-1].text, committee_of(first.group("place")))
            found.append(elided)
            cur = elided.end
            sep = _LIST_SEP.match(text, cur, end)
        if not sep or not rx.match(text, sep.end(), end):
            break
        cur = sep.end()
    return _tails_shared(text, found), (found[-1].end if found else pos)


_AND = re.compile(r"\s+và\s+")
_COMMA = re.compile(r"\s*,\s*")


def _tails_shared(text: str, found: list[BodySpan]) -> list[BodySpan]:
    """A cut name before 'và' completed by the tail of the name after it ('các Tổ đại biểu và đại biểu Hội đồng
    nhân dân tỉnh': the groups of deputies are the council's); a bare local organ before a comma takes the
    locality of the organ after it ('HĐND, UBND các xã, phường')."""
    for i in range(len(found) - 1):
        prev, nxt = found[i], found[i + 1]
        if _AND.fullmatch(text, prev.end, nxt.start) and (name := shared_tail(prev.name, nxt.name)):
            found[i] = BodySpan(prev.start, prev.end, prev.text, name, prev.collective)
        elif _COMMA.fullmatch(text, prev.end, nxt.start) and (name := shared_locality(prev.name, nxt.name)):
            found[i] = BodySpan(prev.start, prev.end, prev.text, name, prev.collective)  # 'HĐND, UBND các xã'
    return found
