"""References: the legal documents a text cites, merged per document, with every mention.

A citation is read as "<type word> số <number> ngày <date> của <issuer> <title>"; laws and Party
resolutions cited by name and documents the text says were issued on a date are read too.
Patterns live in rules/references.yaml; numbers are read by link, bodies with meta's tables.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from . import structure
from .document import Doc
from .meta import Locality, is_normative, issuer_at, issuer_text
from .numbers import (
    canonical_number,
    doc_type_from_number,
    implemented_in,
    is_national_number,
    issuer_from_number,
    number_codes,
)
from .places import local_name, main_province
from .record import Mention, Reference, Relation
from .rules import RuleFile, load_rules
from .vntext import find_dates, fold

_RANK: dict[Relation, int] = {"implements": 0, "replaces": 1, "amends": 2, "basis": 3, "cites": 4}
_LOOKBACK = 400
_SENTENCE_LOOKBACK = 2000

@dataclass
class _Cite:
    """One citation found in the text, before merging."""

    start: int
    end: int
    head_end: int
    doc_type: str | None
    number: str | None
    date: str | None = None
    issuer: str | None = None
    title: str | None = None
    relation: Relation | None = None
    key: tuple = field(default_factory=tuple)
    full: int = 0  # how many of date / issuer the citation itself states
    from_title: bool = False  # its relation comes from the document's own title ('Kế hoạch thực hiện Quyết định …')


@dataclass
class _Ctx(Locality):
    """What the document says about itself that citations need (own number, locality, openings)."""

    number: str | None = None
    doc_type: str | None = None
    openings: list[tuple[int, int]] = field(default_factory=list)
    news: bool = False
    title_implements: list[str] = field(default_factory=list)
    normative: bool = False  # a decree, circular or law: its own articles amend and end other documents


def _iso(date_text: str) -> str | None:
    """ISO form of a date written either way ('11/01/2021', '11 tháng 01 năm 2021')."""
    found = find_dates("ngày " + date_text)
    return found[0][2] if found else None


def _rf() -> RuleFile:
    return load_rules("references")


def _rx(rule_id: str) -> re.Pattern[str]:
    return _rf().rule(rule_id).rx


def _context(doc: Doc) -> _Ctx:
    m = doc.meta
    unit = place = None
    if m.issuer:
        hit = re.search(r"\b(tỉnh|thành phố|thị xã|huyện|quận|xã|phường|thị trấn)\s+(.+)$", m.issuer)
        if hit:
            unit, place = hit.group(1), hit.group(2)
    province = m.place if m.level == "province" else main_province(doc.text, "")
    return _Ctx(unit, place, province, m.number, m.doc_type, _openings(doc), m.kind == "news",
                [] if m.kind == "news" else implemented_in(m.title, reviews=m.kind == "official_letter"),
                is_normative(m.kind))


def _openings(doc: Doc) -> list[tuple[int, int]]:
    """The opening regions: text before the first heading, and the preamble of an attached
    document (an unnumbered title heading such as KẾ HOẠCH up to the next heading)."""
    if doc.meta.kind == "news":
        return []
    text, secs = doc.text, sorted(doc.sections, key=lambda s: s.start)
    if not secs:
        trig = _rx("ref.relation_opening")
        first = next((m for m in re.finditer(r"^.*$", text, re.MULTILINE) if trig.match(m.group())), None)
        if first is None:
            return []
        bullet = re.compile(r"^\s*(?:[-+•]|\d{1,2}[.)])\s", re.MULTILINE).search(text, first.end())
        return [(0, bullet.start() if bullet else len(text))]
    regions = [(0, secs[0].start)]
    for a, b in zip(secs, secs[1:] + [None], strict=False):
        if a.number is None and not structure.is_appendix(a):
            regions.append((a.start, b.start if b else len(text)))
    return regions


# ---------------------------------------------------------------- sentences


_DOT_SPACE = re.compile(r"\.\s")


def _sentence(text: str, pos: int, stops: str = r".;\n", lookback: int = _LOOKBACK) -> tuple[int, int]:
    """Bounds of the sentence around `pos` (a '.' ends one only before a space or the end)."""
    start = 0
    for m in re.finditer(rf"[{stops}]", text[max(0, pos - lookback):pos]):
        ch = m.group()
        if ch != "." or _DOT_SPACE.match(text, max(0, pos - lookback) + m.start()):
            start = max(0, pos - lookback) + m.end()
    end_m = re.compile(rf"\.(?=\s|$)|[{stops.replace('.', '')}]").search(text, pos)
    return start, end_m.start() if end_m else len(text)


# ---------------------------------------------------------------- finding citations


def _numbered(doc: Doc, ctx: _Ctx) -> list[_Cite]:
    text = doc.text
    out: list[_Cite] = []
    words = _rf().data["doc_type_words"]
    for m in _rx("ref.number").finditer(text):
        number = canonical_number(m.group())
        if not number:
            continue
        before = text[max(0, m.start() - 80):m.start()]
        lead = _rx("ref.lead").search(before)
        line_start = text.rfind("\n", 0, m.start()) + 1
        if re.match(r"\s*S[ốo]\s*:?\s*$", text[line_start:m.start()]) or number == ctx.number:
            continue
        listed = out[-1] if out and lead is None and _rx("ref.number_list_gap").match(text[out[-1].head_end:m.start()]) \
            else None  # 'văn bản số 1552/BTTTT-TTH và 708/BTTTT-CATTT': the second is a letter too
        if (lead is None and listed is None and doc_type_from_number(number) is None) \
                or _rx("ref.not_document").search(before) or set(number_codes(number)) & set(_rf().data["not_document_codes"]):
            continue
        typ = lead.group("type") if lead else None
        doc_type = words.get(" ".join(fold(typ).split())) if typ else doc_type_from_number(number) \
            or (listed.doc_type if listed else None)
        if doc_type is None and lead is not None and lead.group("so"):
            doc_type = "Công văn"  # 'số 123/UBND-KT': a number without a type code is a letter
        start = m.start() - len(before) + lead.start() if lead and lead.group().strip() else m.start()
        if ctx.number is None and _rx("ref.self_caption").search(text[max(0, start - 40):start]):
            continue
        c = _Cite(start, m.end(), m.end(), doc_type, number, key=("n", number))
        _fill_after(text, c, ctx)
        _fill_before(text, c, ctx)
        out.append(c)
    return out


def _fill_after(text: str, c: _Cite, ctx: _Ctx) -> None:
    """Date and issuer written after the number: 'ngày 11/01/2021 của Thủ tướng Chính phủ'."""
    pos = c.end
    for _ in range(2):
        d = _rx("ref.date_after").match(text[pos:pos + 60])
        if d and c.date is None:
            c.date = _iso(d.group("date"))
            pos += d.end()
            c.full += 1
        o = _rx("ref.of_issuer").match(text[pos:pos + 12])
        if o and c.issuer is None:
            hit = issuer_at(text, pos + o.end(), ctx)
            if hit:
                pos, c.issuer = hit
                c.full += 1
    c.head_end = pos


def _fill_before(text: str, c: _Cite, ctx: _Ctx) -> None:
    """Issuer, date, title and relation that the sentence gives before the citation."""
    s_start, _ = _sentence(text, c.start, r".\n")
    prefix = text[s_start:c.start]
    prop = _rx("ref.proposal").search(prefix)
    if prop and c.issuer is None:
        c.issuer = issuer_text(prop.group("issuer"), ctx) or prop.group("issuer")
        c.relation = "basis"
    subj = _rx("ref.issued_by_subject").search(prefix)
    if subj and subj.group("what").strip() and not re.search(r"\b(?:tại|theo|bằng)\s*$", prefix):
        subj = None  # 'UBND tỉnh ban hành Kế hoạch thực hiện Quyết định số 36': the subject issued the plan
    if subj and c.issuer is None:
        c.issuer = issuer_text(subj.group("issuer"), ctx)
        what = subj.group("what").strip(" ,")
        if what and "ký" not in subj.group("verb"):
            c.title = f"{' '.join(subj.group('verb').split())} {what}"
    prog = _rx("ref.programme_before").search(prefix)
    if prog and c.title is None:
        c.title = " ".join(prog.group("prog").split())
    ar = _rx("ref.amends_replaces").search(prefix)
    own = _own_opening(prefix[:ar.start()], c, ctx) or re.search(r"\bnày\b|^\s*Điều\s+\d", prefix[:ar.start()]) \
        or ctx.normative and re.fullmatch(r"\s*(?:\d{1,2}\s*[.)]|[a-zđ]\))?\s*", prefix[:ar.start()]) if ar else False
    if ar and own:  # the document itself amends or replaces it (a task 'tham mưu sửa đổi Nghị định …' only cites it);
        # a decree's own clause opens with the verb ('5. Sửa đổi, bổ sung điểm a khoản 5 Điều 14 Nghị định số …')
        c.relation = "amends" if ar.group("amends") else "replaces"
    elif ctx.normative and _rx("ref.expires").match(text, c.head_end):
        c.relation = "replaces"  # '2. Nghị định số 59/2021/NĐ-CP … hết hiệu lực thi hành kể từ ngày Nghị định này …'
    if c.issuer is None:
        c.issuer = issuer_from_number(c.number)
    if c.date is None:  # 'Ngày 25/3/2022, UBND tỉnh …', '… vào ngày 15/3/2022, UBND tỉnh đã ký ban hành'
        d = _rx("ref.date_before").search(prefix)
        if d and d.group("date2") and _rx("ref.number").search(prefix[max(0, d.start() - 30):d.start()]):
            d = None  # '… số 36/QĐ-TTg ngày 11/01/2021, …': that date is the other citation's
        c.date = _iso(d.group("date") or d.group("date2")) if d else None


def _own_opening(before: str, c: _Cite, ctx: _Ctx) -> bool:
    """Whether an amending verb in the opening is the document's own ('Sửa đổi, bổ sung một số điều của Nghị định số
    70/2015/NĐ-CP', its title), not a word of another document's title in the Căn cứ list ('Căn cứ …; Nghị quyết
    số 26/2022/UBTVQH15 … sửa đổi, bổ sung một số điều của Nghị quyết số 1210/2016/UBTVQH13')."""
    clause = before[before.rfind(";") + 1:]
    return any(a <= c.start < b for a, b in ctx.openings) and not re.search(r"(?i:căn\s+cứ)", clause) \
        and not _rx("ref.number").search(clause)


def _law_name(text: str, m: re.Match[str]) -> tuple[str, int]:
    """A law's name and where it ends: the rule's match, or the longer known name it begins (rules/references.yaml
    `law_names`: 'Luật Thuế xuất khẩu, thuế nhập khẩu', 'Luật Đầu tư theo phương thức đối tác công tư'), with the
    name of `law_name_variants` for another spelling of the same law."""
    title, end = " ".join(m.group("title").split()), m.end()
    for name in _known_law_names():  # a known name run on into the sentence: 'Luật Ngân sách nhà nước và khả năng
        ran_on = re.compile(r"\s+".join(map(re.escape, name.split())) + r"(?=\s+và\s+[a-zđà-ỹ])")  # cân đối …'
        if (cut := ran_on.match(text, m.start("title"))) and cut.end() < end:
            title, end = name, cut.end()
            break
    for name in _known_law_names():
        known = re.compile(r"\s+".join(map(re.escape, name.split())) + r"(?!\w)", re.IGNORECASE).match(text, m.start("title"))
        if known and (known.end() > end or known.end() == end and title[:1].islower()):  # or written in lower case
            title, end = name, known.end()
            break
    variants = {fold(k): v for k, v in (_rf().data.get("law_name_variants") or {}).items()}
    return variants.get(fold(title), title), end


def _known_law_names() -> list[str]:
    """The whole law names of rules/references.yaml and their variants, longest first."""
    data = _rf().data
    names = list(data.get("law_names") or []) + list(data.get("law_name_variants") or {})
    return sorted(names, key=len, reverse=True)


def _amending_numbers(text: str, joined: list[tuple[re.Match[str], _Cite]], amending_at: dict[int, _Cite],
                      numbered: list[_Cite], laws: list[_Cite]) -> None:
    """'Luật sửa đổi … của Luật xây dựng số 62/2020/QH14' when Luật Xây dựng has another number (50/2014/QH13):
    the number is the amending law's own, and the amending law is that numbered citation."""
    for m, num in joined:
        outer = next((c for a, c in amending_at.items() if a < m.start() < c.end), None)
        other = [n for n in numbered if n is not num and n.title and fold(n.title) == fold(num.title or "")
                 and n.number != num.number]
        if outer is not None and other and outer in laws:
            laws.remove(outer)
            num.start, num.relation = outer.start, None
            num.title = " ".join(text[outer.start:m.start()].split()[1:]) + " " + " ".join(m.group().split())
            num.date = num.date or outer.date


def _serial(number: str | None) -> int | None:
    """The serial a document number opens with ('02-KH/BCĐTW' -> 2)."""
    m = re.match(r"\d+", number or "")
    return int(m.group()) if m else None


def _short(doc: Doc, ctx: _Ctx, cites: list[_Cite]) -> list[_Cite]:
    """Documents cited by type and serial alone (`ref.short_citation`): a mention of the document of that type
    and serial cited in full ('Kế hoạch 02' of 'Kế hoạch 02-KH/BCĐTW'), else a document of its own, its title the
    words as written to the clause's end ('Chỉ thị 18 chống thất thu thuế')."""
    text, out = doc.text, []
    taken = [(c.start, c.end) for c in cites]
    words = _rf().data["doc_type_words"]
    for m in _rx("ref.short_citation").finditer(text):
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        typ, serial = words.get(" ".join(fold(m.group("type")).split())), int(m.group("serial"))
        if typ == ctx.doc_type and serial == _serial(ctx.number):
            continue  # the document itself
        full = next((c for c in cites if c.number and c.doc_type == typ and _serial(c.number) == serial), None)
        end = m.end() + len(re.split(r"[,;.:()\n]", text[m.end():m.end() + 120], maxsplit=1)[0].rstrip())
        c = _Cite(m.start(), m.end(), m.end(), typ, None, key=full.key if full else ("s", typ, serial),
                  title="" if full else " ".join(text[m.start():end].split()))  # '': no title of its own
        out.append(c)
    return out


def _issued_law(text: str, m: re.Match[str], amending: bool, nested: bool) -> tuple[str, int] | None:
    """The name of a law cited by name and where it ends, or None for a bill still being drafted: one to be built
    ('Xây dựng Luật …'), revised ('Luật Quy hoạch (sửa đổi)', unless acted on as in force: 'Căn cứ Luật Giáo dục
    nghề nghiệp (sửa đổi)', named so), or submitted ('… Luật Công nghiệp công nghệ số trình Quốc hội ban hành')
    unless named inside an amending law's title."""
    if _rx("ref.draft_law_before").search(text, max(0, m.start() - 40), m.start()):
        return None
    title, end = _law_name(text, m)
    revised = None if amending else _rx("ref.draft_law_after").match(text[end:end + 40])
    if revised and not _rx("ref.law_in_force_before").search(text, max(0, m.start() - 40), m.start()):
        return None
    if revised:
        title, end = f"{title} {' '.join(revised.group().split())}", end + revised.end()
    if not nested and _rx("ref.draft_law_submitted").match(text[end:end + 40]):
        return None
    return title, end


def _by_name(doc: Doc, ctx: _Ctx, numbered: list[_Cite]) -> list[_Cite]:
    """Laws and Party resolutions cited by name, and documents issued on a stated date. A law named
    before its number ('Luật Đầu tư số 61/2020/QH14', 'Luật Đất đai (số 45/2013/QH13 ngày …)') is that
    numbered citation, named."""
    text, out = doc.text, []
    taken = [(c.start, c.end) for c in numbered]

    def free(a: int, b: int) -> bool:
        return not any(a < e and s < b for s, e in taken)

    for m in _rx("ref.issued_on_date").finditer(text):
        if not free(m.start(), m.end()):
            continue
        typ = _rf().data["doc_type_words"].get(" ".join(fold(m.group("type")).split()))
        c = _Cite(m.start("type"), m.end("title"), m.end(), typ, None, _iso(m.group("date")),
                  issuer_text(m.group("issuer").strip(), ctx), " ".join(m.group("title").split()))
        c.key = ("d", typ, c.date)
        out.append(c)
        taken.append((c.start, c.end))
    laws: list[_Cite] = []
    matches = []
    for m in _rx("ref.law_by_name").finditer(text):
        matches.append(m)
        if re.match(r"sửa\s+đổi", m.group("title"), re.I):  # the laws an amending law's title names
            matches += list(_rx("ref.law_by_name").finditer(text, m.start("title") + 1, m.end()))
    own = [m for m in matches if re.match(r"sửa\s+đổi", m.group("title"), re.I)  # the law itself, enacted
           and _rx("ref.enacting_formula").search(text, max(0, m.start() - 40), m.start())]
    nested = {m.start() for m in matches[1:] if any(o.start("title") < m.start() < o.end() for o in matches)}
    amended = {m.start() for m in matches if any(o.start("title") < m.start() < o.end() for o in own)}
    amending_at: dict[int, _Cite] = {}  # an amending law's citation by the start of its title match
    joined: list[tuple[re.Match[str], _Cite]] = []
    for m in matches:
        if m in own:
            continue
        amending = bool(re.match(r"sửa\s+đổi", m.group("title"), re.I))
        head_end = m.start("title") + 1 if amending else m.end()  # an amending law's title may hold numbered laws
        named = _issued_law(text, m, amending, m.start() in nested) if free(m.start(), head_end) else None
        if named is None:
            continue
        title, end = named
        num = next((n for n in numbered if n.start >= end and n.doc_type in (None, "Luật")
                    and re.fullmatch(r"\s*(?:\(\s*)?(?:số\s*:?\s*)?", text[end:n.start])), None)
        if num is not None:
            num.start, num.doc_type, num.issuer, num.title = m.start(), "Luật", "Quốc hội", title
            if m.start() in nested:  # named inside an amending law's title (one entry with any other citation);
                num.relation = "amends" if m.start() in amended else "cites"  # amended, when that law is this one
                joined.append((m, num))
            continue
        c = _Cite(m.start(), end, end, "Bộ luật" if m.group("type").startswith("Bộ") else "Luật",
                  None, issuer="Quốc hội", title=title, key=("l", fold(title)))
        _fill_after(text, c, ctx)
        c.issuer = "Quốc hội"
        if amending and c.date:  # the amending laws of one law share a title: 'Luật sửa đổi … Luật Bảo hiểm y tế'
            c.key = ("l", fold(title), c.date)  # of 2014 and of 2024 are two laws
        if m.start() in nested:  # named inside an amending law's title: cited, not itself the basis
            c.relation = "amends" if m.start() in amended else "cites"
        if amending:
            amending_at[m.start("title")] = c
        laws.append(c)
    _amending_numbers(text, joined, amending_at, numbered, laws)
    by_name = {fold(n.title): n for n in numbered if n.doc_type == "Luật" and n.title}
    for c in laws:  # 'Luật Thủ đô' cited elsewhere as 'Luật Thủ đô số 39/2024/QH15' is that one law
        same = by_name.get(fold(c.title or ""))
        if same is not None:
            c.key, c.number = same.key, same.number
    out += laws
    out += _constitution(text, free)
    out += _party_resolutions(text, ctx, free)
    return out


def _constitution(text: str, free: Callable[[int, int], bool]) -> list[_Cite]:
    """The Constitution cited by its full name ('Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;')."""
    return [_Cite(m.start(), m.end(), m.end(), "Hiến pháp", None, title=" ".join(m.group().split()),
                  key=("h", "hien phap")) for m in _rx("ref.constitution").finditer(text) if free(m.start(), m.end())]


def _party_resolutions(text: str, ctx: _Ctx, free: Callable[[int, int], bool]) -> list[_Cite]:
    """Party resolutions cited by their congress or plenum ('Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XX')."""
    out = []
    for m in _rx("ref.party_resolution_by_name").finditer(text):
        if not free(m.start(), m.end()):
            continue
        t = m.group("title")
        issuer = ("Ban Chấp hành Trung ương Đảng" if "Trung ương" in t
                  else "Đại hội đại biểu toàn quốc của Đảng" if "toàn quốc" in t or re.fullmatch(r"Đại\s+hội\s+[IVXLC]+", t)
                  else None)
        dang_bo = re.search(r"Đảng\s+bộ\s+(tỉnh|thành phố|huyện|thị xã|quận)", t)
        if dang_bo and issuer is None:
            end, name = local_name(text, m.start("title") + dang_bo.end(), dang_bo.group(1))
            issuer = f"Đảng bộ {dang_bo.group(1)} {name or ctx.province or ''}".strip()
        congress = re.search(r"\b([IVXLC]+)$", t) if re.match(r"Đại\s+hội", t, re.I) and not dang_bo else None
        key = ("r", "dai hoi", congress.group(1)) if congress else ("r", fold(" ".join(t.split())))  # one congress
        c = _Cite(m.start(), m.end(), m.end(), "Nghị quyết", None, issuer=issuer, key=key)  # however it is named
        d = _rx("ref.date_after").match(text[c.end:c.end + 60])
        c.date = _iso(d.group("date")) if d else None
        c.head_end = m.start("title")
        out.append(c)
    return out


# ---------------------------------------------------------------- titles, relations, merging


def _titles(text: str, cites: list[_Cite]) -> None:
    """Title = the words after the citation head, up to the sentence end or the next citation."""
    numbered = sorted((c for c in cites if c.number), key=lambda c: c.start)
    for c in cites:
        if c.title is not None and c.key[0] != "r":
            continue
        _, s_end = _sentence(text, c.head_end)
        limit = s_end
        for n in numbered:
            if c.head_end <= n.start < limit:
                gap = text[c.head_end:n.start]
                limit = n.start if _rx("ref.connector").match(gap) or c.key[0] == "r" else n.head_end
                break
        t = " ".join(text[c.head_end:limit].split())
        t = _rx("ref.title_end").split(t, maxsplit=1)[0].strip(" ,;:.(")
        t = re.sub(r"\s+(?:và|hoặc)$", "", t)  # the next citation's connector ('… lần thứ XIV của Đảng và')
        t = re.sub(r"\s*\([^()]{1,40}\)$", "", t) if c.key[0] == "r" else t
        c.title = t if len(t) >= 3 else None


def _trigger(text: str, pos: int, depth: int = 0) -> tuple[re.Match[str] | None, int]:
    """The opening trigger (Căn cứ / Thực hiện ...) of the clause or sentence holding `pos`, of the 'Căn cứ các văn
    bản:' line that heads the bullet list holding it, or of the list item ending in ';' on the line above, when the
    citation opens its own line ('Thực hiện Nghị quyết số 03/NQ-CP …;' / 'Chương trình hành động số 09-CTr/TU …;')."""
    rx = _rx("ref.relation_opening")
    for stops in (r".;\n", r".\n"):  # the clause first ('...; Căn cứ X'), then the sentence (a long one: an
        start, _ = _sentence(text, pos, stops, _SENTENCE_LOOKBACK)  # opening's 'Thực hiện A; B; C; D')
        trig = rx.match(text[start:pos])
        if trig and _narrated(text, start, trig):
            continue
        if trig:
            return trig, start
    para = max(text.rfind("\n\n", 0, pos), text.rfind(". ", 0, pos), pos - _SENTENCE_LOOKBACK, -2) + 2
    trig = rx.match(text[para:pos])  # the paragraph, when a line break cuts its sentence ('… Luật\nThủ đô; Báo cáo …')
    if trig:
        return trig, para
    own = line_start = text.rfind("\n", 0, pos) + 1
    while re.match(r"\s*[-+•]", text[line_start:pos]) and line_start > 0:
        prev_start = text.rfind("\n", 0, line_start - 1) + 1
        prev = text[prev_start:line_start - 1]
        if not re.match(r"\s*[-+•]", prev):
            return (rx.match(prev) if prev.rstrip().endswith(":") else None), own
        line_start = prev_start
    before = text[:own].rstrip()
    if depth < _LIST_DEPTH and _opens_with_a_document(text[own:pos]) and before.endswith(";"):
        trig, start = _trigger(text, len(before) - 1, depth + 1)
        if trig:
            return trig, start
    return None, pos


_LIST_DEPTH = 8  # items of an opening's list, one a line, looked back over


def _opens_with_a_document(line_head: str) -> bool:
    """True when the words a line holds before a citation's number are that citation's type ('Chương trình hành
    động số ', '- Quyết định số '), not a sentence of its own ('Quốc hội ban hành Luật …')."""
    head = fold(line_head.strip().lstrip("-+•").strip())
    return not head or any(head.startswith(word) for word in (*_rf().data["doc_type_words"], "luat"))


def _narrated(text: str, start: int, trig: re.Match[str]) -> bool:
    """True for a trigger word in lower case opening a clause after ';' in a sentence that opens with none: the
    background's account of what was done ('Các cơ quan … đã thực hiện đúng Nghị định số 30/2020/NĐ-CP; triển khai
    các nhiệm vụ tại Kế hoạch số 112/KH-UBND'), not the opening's own list ('Thực hiện A; thực hiện B')."""
    word = trig.group().strip(" -+•")
    if not word[:1].islower() or not text[:start].rstrip().endswith(";"):
        return False
    sentence, _ = _sentence(text, start - 1, r".\n", _SENTENCE_LOOKBACK)
    return not _rx("ref.relation_opening").match(text[sentence:start])


def _title_line(text: str, start: int, pos: int) -> bool:
    """True when text[start:pos] is an attached document's title, not an opening sentence: printed in capitals
    ('KẾ HOẠCH / TRIỂN KHAI QUYẾT ĐỊNH SỐ 06/QĐ-TTG'), or the line right under a type word in capitals
    ('KẾ HOẠCH HÀNH ĐỘNG / Thực hiện Chỉ thị số 52-CT/TW'), marked as a heading by a crawled page ('## …'), or a line
    with the attached document's '(Kèm theo Nghị quyết số … )' under it."""
    head = [ch for ch in text[start:pos] if ch.isalpha()]
    if all(ch.isupper() for ch in head):
        return True
    line_start = text.rfind("\n", 0, start + 1) + 1
    if re.match(r"#{1,6}\s", text[line_start:pos]):
        return True  # a crawled page's title heading ('## Ban hành Chương trình … thực hiện Nghị quyết số 57-NQ/TW')
    line_end = text.find("\n", pos)
    below = text[line_end:line_end + 300].strip().split("\n", 1)[0] if line_end >= 0 else ""
    if load_rules("meta").rule("meta.attached_to").rx.match(below):
        return True  # an attached programme's title, '(Kèm theo Nghị quyết số 03/NQ-CP …)' under it
    if text[line_start:start].strip():
        return False
    prev = text[:line_start].rstrip().rsplit("\n", 1)[-1].strip()
    return bool(load_rules("meta").rule("meta.type_line").rx.match(prev)) and prev.upper() == prev


def _relations(text: str, cites: list[_Cite], ctx: _Ctx) -> None:
    """implements / basis in an opening clause (Thực hiện / Căn cứ, or the document's own title saying it
    carries a document out); a citation nested in another's description cites, one coordinated with the
    citation before it (và / , / ;) shares its relation; everything else cites."""
    for c in sorted(cites, key=lambda c: c.start):
        opening = any(a <= c.start < b for a, b in ctx.openings)
        if opening and _rx("ref.enacts_provision").search(text, max(0, c.start - 120), c.start):
            c.relation = "implements"  # '(thực hiện điểm b khoản 4 Điều 24 Luật Thủ đô)', even in a proposal line
            continue
        if c.relation is not None:
            continue
        c.relation = "cites"
        if not opening:
            continue
        trig, s_start = _trigger(text, c.start)
        relation: Relation
        if trig:
            relation = "basis" if trig.group("basis") else "implements"
            c.from_title = relation == "implements" and _title_line(text, s_start, c.start)
        elif c.number in ctx.title_implements:  # 'Ban hành Kế hoạch thực hiện Quyết định số 36/QĐ-TTg'
            relation, s_start = "implements", _sentence(text, c.start)[0]
            c.from_title = True
            c.title = None  # the words after it describe the document itself
        else:
            c.relation = _listed_after(text, c, cites) or c.relation
            continue
        prev = max((p for p in cites if s_start <= p.start < c.start), key=lambda p: p.start, default=None)
        gap = text[prev.head_end:c.start] if prev is not None else ""
        if prev is None or ";" in gap:
            c.relation = relation  # the next item of the opening's list ('Xét Tờ trình số …; Báo cáo thẩm tra số …')
        elif _rx("ref.amended_by").match(gap):
            c.relation = relation  # 'A được sửa đổi, bổ sung tại B': B is the basis A is
        elif re.search(r"(?:[,;:]|\bvà|\bcác|\bcùng|\bhoặc)\s*$", text[prev.head_end:c.start], re.IGNORECASE) \
                or _rx("ref.amended_by").match(text[prev.head_end:c.start]):
            # coordinated: 'Quyết định số 36/QĐ-TTg … và Kế hoạch số 126/KH-UBND' shares the relation of the one
            # before it; after ';' or a line break it is the next item of the opening's own list
            shared = min((p.relation or "cites" for p in cites if p.key == prev.key and s_start <= p.start < c.start),
                         key=lambda r: _RANK.get(r, 4))  # an alias '(sau đây gọi tắt là Quyết định 36)' is its document
            c.relation = relation if re.search(r"[;\n]", text[prev.head_end:c.start]) or _beside_national(
                c, [p for p in cites if s_start <= p.start < c.start], relation) else shared
        # else nested: 'Kế hoạch ... thực hiện Quyết định số ...' is cited by the outer one


def _beside_national(c: _Cite, before: list[_Cite], relation: Relation) -> bool:
    """True when `c`, a local document coordinated after a citation nested in a national document's title, is the
    clause's own second object: 'Thực hiện Nghị quyết số 03/NQ-CP … thực hiện Nghị quyết số 57-NQ/TW … và Kế hoạch số
    64/KH-UBND của Ủy ban nhân dân tỉnh …' (no national title names a province's plan)."""
    return bool(c.number) and not is_national_number(c.number) and any(
        p.relation == relation and is_national_number(p.number) for p in before)


def _listed_after(text: str, c: _Cite, cites: list[_Cite]) -> Relation | None:
    """The relation of the opening's citation that `c` is listed right after, when a line break hides the clause's
    trigger ('Theo đề nghị … tại các văn bản số 364/TTr-BNG-' / 'NVVH ngày …, số 1518/BNG-NVVH … và số 2265/…')."""
    prev = max((p for p in cites if p.head_end <= c.start), key=lambda p: p.head_end, default=None)
    if prev is None or prev.relation not in ("basis", "implements") or not _LISTED.fullmatch(text[prev.head_end:c.start]):
        return None
    return prev.relation


_LISTED = re.compile(r"\s*(?:,|;|và|,\s*và)\s*(?:số\s*)?", re.IGNORECASE)


def _merge(text: str, cites: list[_Cite]) -> list[Reference]:
    """One reference per document: every mention kept, fields from the fullest citation first."""
    groups: dict[tuple, list[_Cite]] = {}
    for c in sorted(cites, key=lambda c: c.start):
        groups.setdefault(c.key, []).append(c)
    out = []
    for group in groups.values():
        best = sorted(group, key=lambda c: -c.full)  # stable: the earliest of the fullest first

        def first(attr: str, cands: list[_Cite] = best) -> str | None:
            return next((getattr(c, attr) for c in cands if getattr(c, attr)), None)

        based = any(c.relation == "basis" for c in group)  # a Căn cứ document the title says this one carries
        relation: Relation = min((c.relation or "cites" for c in group if not (c.from_title and based)),
                                 key=lambda r: _RANK.get(r, 4), default="basis")  # out stays basis
        out.append(Reference(first("doc_type"), first("number"), first("date"), first("issuer"), first("title"),
                             relation, [Mention([c.start, c.end], text[c.start:c.end]) for c in group]))
    return out


def _received_and_carried_out(text: str, cites: list[_Cite], ctx: _Ctx) -> None:
    """In an official letter, the document it says it received and then orders carried out ('nhận được Văn
    bản số 4705/HD-BQP … giao Bộ Chỉ huy Quân sự tỉnh … triển khai thực hiện … tại Văn bản trên') is the
    document the letter implements."""
    if ctx.doc_type != "Công văn":
        return
    for c in cites:
        if c.number and _rx("ref.received").search(text[max(0, c.start - 40):c.start]) \
                and _rx("ref.carry_out_above").search(text, c.end, c.end + 800):
            c.relation = "implements"
            break


def _same_laws(cites: list[_Cite]) -> None:
    """Later mentions of a law the text names with its date or number are that law: a name run on into the
    sentence ('Luật Bảo hiểm y tế bao gồm: …', 'Luật Bảo hiểm y tế và mức hưởng …') keeps the name it begins
    with; a law cited by number and date alone ('Luật số 46/2014/QH13 ngày 13 tháng 6 năm 2014') is the law
    named on that date ('Luật sửa đổi, bổ sung … ngày 13 tháng 6 năm 2014')."""
    laws = [c for c in cites if c.doc_type == "Luật"]
    anchored = sorted((c for c in laws if c.title and (c.date or c.number)), key=lambda a: -len(a.title or ""))
    for c in laws:
        if c.date or c.number or not c.title or c.relation is not None:  # one an amending law's title lists is named
            continue  # whole: 'Luật Đầu tư công, Luật Đầu tư theo phương thức đối tác công tư, Luật Đầu tư, …'
        name = next((a for a in anchored if fold(c.title).startswith(fold(a.title or "") + " ")), None)
        if name is not None:
            c.title, c.key, c.number = name.title, name.key, name.number
    for num in (c for c in laws if c.number and c.date and not c.title):
        named = [c for c in laws if not c.number and c.date == num.date and c.title]
        if len({c.key for c in named}) == 1:
            for c in named:
                c.key, c.number = num.key, num.number


def extract_references(doc: Doc) -> list[Reference]:
    """Every distinct document the text cites, with all its mentions (not the document itself)."""
    ctx = _context(doc)
    cites = _numbered(doc, ctx)
    cites += _by_name(doc, ctx, cites)
    cites += _short(doc, ctx, cites)
    _titles(doc.text, cites)
    _same_laws(cites)
    _received_and_carried_out(doc.text, cites, ctx)
    _relations(doc.text, cites, ctx)
    return _merge(doc.text, cites)

