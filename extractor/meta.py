"""Meta: kind, number, date, issuer, level, place, title, period, signer from the header block.

Also the reading of issuing bodies named in running text (`issuer_at`: 'UBND tỉnh Bình Dương', 'Sở KH&CN')
that references use. Patterns and tables live in rules/meta.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import get_args

from .abbrev import expand_abbreviations
from .bodies import head_of
from .document import Doc
from .news_meta import news_meta
from .numbers import canonical_number, doc_type_from_number, issuer_from_number
from .places import central_cities, local_name, name_words_rx, province_name, title_case, unit_level
from .record import Kind, Level, Meta, Period
from .rules import RuleError, RuleFile, load_rules
from .vntext import find_dates, fold

_HEAD_LINES = 40  # the header block and title sit within the first lines
_TITLE_MAX = 400


def _rf() -> RuleFile:
    return load_rules("meta")


def is_normative(kind: str | None) -> bool:
    """A decree, circular or law (rules/targets.yaml `normative_kinds`): its figures are rules, not aims, and its
    own articles amend and end other documents."""
    return kind in (load_rules("targets").data.get("normative_kinds") or [])


def sets_rules(kind: str | None, number: str | None) -> bool:
    """A document whose figures are rules: a normative kind, or any kind numbered with its year as legal documents
    are (rules/targets.yaml `normative_number`: a province's 27/2026/NQ-HĐND setting support levels)."""
    return is_normative(kind) or bool(number and re.match(load_rules("targets").data["normative_number"], number))


def _rx(rule_id: str) -> re.Pattern[str]:
    return _rf().rule(rule_id).rx


def _doc_types() -> dict[str, tuple[Kind, str]]:
    """Type word of a title line -> (kind, document type) (rules/meta.yaml; RuleError on an unknown kind)."""
    types = {word: (kind, str(name)) for word, (kind, name) in _rf().data["doc_types"].items()}
    bad = sorted(str(k) for k, _ in types.values() if k not in get_args(Kind))
    if bad:
        raise RuleError(f"meta: doc_types has unknown kind(s) {', '.join(bad)}")
    return types


# ---------------------------------------------------------------- places and bodies


@lru_cache(maxsize=1)
def _sectors() -> list[str]:
    return sorted(_rf().data.get("sectors") or [], key=len, reverse=True)


def sector_name(words: str) -> str | None:
    """The official sector name that `words` starts with (any case): 'KHOA HỌC VÀ CÔNG NGHỆ ...' -> 'Khoa học và Công nghệ'."""
    f = fold(words)
    for s in _sectors():
        fs = fold(s)
        if f.startswith(fs) and (len(f) == len(fs) or not f[len(fs)].isalnum()):
            return s
    return None


def _caps_name(words: str) -> str:
    """A body name printed in capitals, in sentence case with its abbreviations expanded:
    'HĐND VÀ UBND' -> 'Hội đồng nhân dân và Ủy ban nhân dân'."""
    out = [full if (full := expand_abbreviations(w)) != w else w.lower() for w in words.split()]
    name = " ".join(out)
    return name[:1].upper() + name[1:]


def _joint_issuer(header_caps: list[str], place: str | None) -> str | None:
    """The bodies of a joint document's header, each on its line, joined by 'và' ('LIÊN ĐOÀN LAO ĐỘNG TỈNH SƠN
    LA' / 'SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH' -> 'Liên đoàn Lao động tỉnh Sơn La và Sở Văn hóa, Thể thao và Du lịch
    tỉnh Sơn La'); None unless two lines or more each name a body."""
    names = []
    if len(header_caps) == 1:  # a crawled cell's lines run together: split before each head in capitals
        heads = "|".join(re.escape(h.upper()) for h in sorted(load_rules("bodies").data["heads"], key=len, reverse=True))
        header_caps = re.split(rf"\s+(?=(?:{heads})\s)", header_caps[0])
    for line in header_caps:
        name = _parse_header_bodies(line)[0] or _caps_body(line)
        if not name:
            return None
        if place and place not in name and name.startswith(("Sở ", "Ban ")):  # a department of the header's province
            name = f"{name} {'thành phố' if unit_level('thành phố', place) == 'province' else 'tỉnh'} {place}"
        names.append(name)
    return " và ".join(names) if len(names) >= 2 else None


def _caps_body(line: str) -> str | None:
    """A body printed in capitals that the header reader does not know ('LIÊN ĐOÀN LAO ĐỘNG TỈNH SƠN LA'): its
    head word, the words after it each capitalised, its locality as a place; None when it opens with no head."""
    m = re.match(r"(?P<name>.+?)\s+(?P<unit>TỈNH|THÀNH PHỐ)\s+(?P<place>.+)$", " ".join(line.split()))
    words = (m.group("name") if m else line).split()
    head = head_of(" ".join(w.capitalize() if i == 0 else w.lower() for i, w in enumerate(words)))
    if not head:
        return None
    rest = " ".join(words[len(head.split()):])
    name = f"{head} {rest[:1]}{rest[1:].lower()}".strip()
    return f"{name} {m.group('unit').lower()} {title_case(m.group('place'))}" if m else name


def _parse_header_bodies(header: str) -> tuple[str | None, Level | None, str | None]:
    """(issuer, level, place) from the joined capital lines of the header block."""
    issuer = place = locality = None
    level: Level | None = None
    header = re.sub(r"[^\w\s&.,-]|[-_=]{2,}", " ", header)
    header = re.sub(r"\bTP\.?\s*", "THÀNH PHỐ ", " ".join(header.split()))
    party = _rx("meta.header_party").search(header)
    if party:
        name = title_case(party.group(2))
        level = "province" if province_name(name) else "district"
        committee = f"{party.group(1).capitalize()} ủy {name}"
        organ = re.match(r"\s+(BAN\s.+|VĂN PHÒNG(?:\s.+)?)$", header[party.end():])  # 'BAN CHỈ ĐẠO VỀ …' under it
        if organ:
            return f"{organ.group(1)[:1]}{organ.group(1)[1:].lower().rstrip(' ,.')} {committee}", level, name
        return committee, level, name
    body_rx, pos, office_of = _rx("meta.header_body"), 0, False
    while (m := body_rx.search(header, pos)) is not None:
        pos = max(m.end(), pos + 1)
        if m.group("office_of"):  # 'VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH …': the office of the body named next
            office_of = True
        elif m.group("office"):
            issuer = f"Văn phòng {issuer}" if issuer else None  # 'ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK' / 'VĂN PHÒNG'
        elif m.group("tp"):
            issuer, level, place = "Thủ tướng Chính phủ", "national", None
        elif m.group("gov"):
            issuer, level, place = "Chính phủ", "national", None
        elif m.group("council"):
            body = expand_abbreviations(m.group("council").replace("ỦY BAN NHÂN DÂN", "UBND")
                                        .replace("HỘI ĐỒNG NHÂN DÂN", "HĐND"))
            unit, name = m.group("unit").lower(), title_case(m.group("name"))
            end, known = local_name(header.title(), m.end("unit"), unit)
            if known and province_name(known):  # 'HẢI PHÒNG SỞ ...': a body word inside a province name
                name, pos = known, end
            locality = f"{unit} {name}"
            issuer, level, place = f"{body} {locality}", unit_level(unit, name), name
        else:
            head = m.group("head").capitalize()
            sector = sector_name(m.group("rest")) or _caps_name(m.group("rest"))
            issuer = f"{head} {sector}"
            if head in ("Bộ", "Tổng cục", "Cục") and not locality:
                level, place = "national", None
            elif locality:
                issuer = f"{issuer} {locality}"
    if office_of and issuer and not issuer.startswith("Văn phòng"):
        issuer = f"Văn phòng {issuer}"
    national = {fold(b): b for b in _rf().data.get("national_bodies") or []}
    return national.get(fold(issuer or ""), issuer), level, place


# ---------------------------------------------------------------- issuers in running text


@dataclass
class Locality:
    """Where the citing document sits: its own locality word and name, and its province."""

    unit: str | None = None
    place: str | None = None
    province: str | None = None


def _refs() -> RuleFile:
    """The citation rule file: body heads, national issuers, names that are not places."""
    return load_rules("references")


@lru_cache(maxsize=1)
def _national_rx() -> re.Pattern[str]:
    names = sorted(_refs().data["national_issuers"], key=len, reverse=True)
    return re.compile("|".join(r"\s+".join(map(re.escape, n.split())) for n in names))


def _council(text: str, pos: int, ctx: Locality) -> tuple[int, str] | None:
    m = _refs().rule("ref.council").rx.match(text[pos:pos + 60])
    if not m:
        return None
    unit = " ".join(m.group("unit").split()).rstrip(".")
    unit = "thành phố" if unit == "TP" else unit
    end, name = local_name(text, pos + m.end(), unit)
    if name is None:
        name = ctx.place if unit == ctx.unit else ctx.province if unit == "tỉnh" else None
    body = expand_abbreviations(" ".join(m.group("body").split()))
    return end, f"{body} {unit}" + (f" {name}" if name else "")


def issuer_at(text: str, pos: int, ctx: Locality) -> tuple[int, str] | None:
    """The issuing body named at `pos` (after 'của'), expanded, with its end offset."""
    m = _national_rx().match(text, pos)
    if m:
        return m.end(), " ".join(m.group().split())
    hit = _council(text, pos, ctx)
    if hit:
        return hit
    m = re.compile(_refs().data["party_local"]).match(text, pos)
    if m:
        unit = " ".join((m.group("unit") or "").split())
        provincial = "Tỉnh" in m.group() or unit in ("tỉnh", "thành phố")
        end, name = local_name(text, m.end(), unit or ("tỉnh" if provincial else ""))
        name = name or (ctx.province if provincial else ctx.place if ctx.unit else None)
        return end, " ".join(m.group().split()) + (f" {name}" if name else "")
    for head in _refs().data["body_heads"]:
        if not text.startswith(head + " ", pos):
            continue
        start = pos + len(head) + 1
        sector = sector_name(text[start:start + 60])
        token = re.match(r"[^\s,;.]+", text[start:start + 20])
        if sector:
            end = start + len(sector)
        elif token and sector_name(expand_abbreviations(token.group())):  # Sở KH&CN
            sector, end = sector_name(expand_abbreviations(token.group())), start + token.end()
        else:
            nm = name_words_rx().match(text, start - 1)
            if not nm:
                return None
            end, sector = nm.end(), nm.group(1)
        name = f"{head} {sector}"
        loc = re.match(r"\s+(tỉnh|thành phố|huyện|thị xã|quận)(?![\w])", text[end:end + 20])
        if loc:
            end2, place = local_name(text, end + loc.end(), loc.group(1))
            if place:
                return end2, f"{name} {loc.group(1)} {place}"
        if head in _refs().data["province_body_heads"] and ctx.unit not in (None, "tỉnh", "thành phố"):
            if not ctx.province:  # a province's department, whichever district cites it
                return end, name
            return end, f"{name} {'thành phố' if ctx.province in central_cities() else 'tỉnh'} {ctx.province}"
        if head not in ("Bộ", "Bộ trưởng Bộ", "Tổng cục", "Cục") and ctx.unit and ctx.place:
            name = f"{name} {ctx.unit} {ctx.place}"
        return end, name
    return None


def issuer_text(s: str, ctx: Locality) -> str | None:
    """Parse a whole phrase as an issuer ('UBND tỉnh Bình Dương'), or None."""
    hit = issuer_at(s, 0, ctx)
    return hit[1] if hit else None


# ---------------------------------------------------------------- header helpers


def _head_lines(doc: Doc) -> list[tuple[int, str]]:
    """(index, stripped text) of the non-empty lines before the body starts."""
    limit = doc.sections[0].start if doc.sections else len(doc.text)
    out: list[tuple[int, str]] = []
    for i, ln in enumerate(doc.lines):
        if ln.start >= limit or len(out) >= _HEAD_LINES:
            break
        if ln.text.strip():
            out.append((i, ln.text.strip()))
    return out


def _mended(lines: list[tuple[int, str]], date_rx: re.Pattern[str], type_rx: re.Pattern[str]) -> list[tuple[int, str]]:
    """Head lines as the header prints them, where a converter broke or glued them: a dateline cut before its
    year in a narrow cell ('Đồng Tháp, ngày 27 tháng 11 năm' / '2025') is joined; a dateline and the type line
    run together ('Hà Nội, ngày 13 tháng 5 năm 2026 QUYẾT ĐỊNH Ban hành …') are split apart; a dateline read
    right after the type line ('KẾ HOẠCH' / 'Hà Nội, ngày 17 tháng 11 năm 2025') goes back before it."""
    needs_number = load_rules("layout").rule("layout.dangling_number").rx
    joined: list[tuple[int, str]] = []
    for i, s in lines:
        if joined and (needs_number.search(joined[-1][1]) and re.match(r"\d", s) or _rx("meta.dateline_cut").search(
                joined[-1][1]) and _rx("meta.dateline_year").match(s)):
            joined[-1] = (joined[-1][0], f"{joined[-1][1]} {s}")  # '… ngày 13 tháng 5' / 'năm 2026 …'
        else:
            joined.append((i, s))
    out: list[tuple[int, str]] = []
    for i, s in joined:
        m = date_rx.search(s)
        if m and s[m.end():].strip() and type_rx.match(s[m.end():]):
            out += [(i, s[:m.end()]), (i, s[m.end():].strip())]
        elif (at := _type_line_before(out, type_rx)) is not None and m and m.start() == 0 \
                and not re.search(r"\w", s[m.end():]) and not any(date_rx.search(t) for _, t in out[:at]):
            out.insert(at, (i, s))  # the dateline read after the type word (or the title's first words after it):
            # the header's two columns
        else:  # read out of order (a scan's OCR, a text layer)
            out.append((i, s))
    return out


_TITLE_LINES_BEFORE_DATELINE = 2  # 'QUYẾT ĐỊNH' / 'VỀ' / 'Hà Nội, ngày …': a scan's OCR reads the columns so


def _type_line_before(out: list[tuple[int, str]], type_rx: re.Pattern[str]) -> int | None:
    """Where the type line stands among the last lines read, if it is one of them (the line itself or one or two
    lines of the title after it), or None."""
    for back in range(1, _TITLE_LINES_BEFORE_DATELINE + 2):
        if len(out) >= back and type_rx.match(out[-back][1]):
            return len(out) - back
    return None


_SUBJECT_LINES = 3  # how many lines a letter's V/v subject may run on over
_RULE_LINE = re.compile(r"[-–—_=*.\s]+")  # a rule drawn under a header's title or subject ('_______', '-----')


def _subject_text(lines: list[tuple[int, str]], at: int) -> str:
    """A letter's V/v subject with the lines a narrow header cell broke it over ('V/v đẩy mạnh triển khai' / 'Kế
    hoạch nâng cao năng suất lao động … năm 2026'), up to the motto, the dateline or the addressees."""
    m = _rx("meta.subject_line").match(lines[at][1])
    parts = [m.group("title")] if m else []
    for _, s in lines[at + 1:at + 1 + _SUBJECT_LINES]:
        if _is_caps(s) or _RULE_LINE.fullmatch(s) or _rx("meta.addressee_line").match(s) or \
                _rx("meta.motto").search(s) or _rx("meta.dateline").search(s) or _rx("meta.dateline_cut").search(s) \
                or parts[-1:] and parts[-1].rstrip().endswith((".", ";")):
            break
        parts.append(s)
    return " ".join(parts)


def _is_caps(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _sentence_case(title: str, keep: list[str]) -> str:
    """Lower-case an all-caps title, restoring place names and acronyms ('(TFP)')."""
    out = []
    for w in title.split():
        core = re.sub(r"\W", "", w)
        vowels = set(fold(core)) & set("aeiouy")
        out.append(w if core and not vowels else w.lower())
    s = " ".join(out)
    for name in keep:
        s = re.sub(r"(?<!\w)" + re.escape(name.lower()) + r"(?!\w)", name, s)
    return s


def _title(lines: list[tuple[int, str]], k: int, rest: str | None, doc_type: str, place: str | None) -> str:
    """The type word plus the title lines that follow the type line at position k."""
    parts = [rest] if rest else []
    for _, s in lines[k + 1:]:
        starter = _rx("meta.body_starter").match(s)
        if parts or rest:  # a later line continues the title only when it is clearly part of it
            stop = bool(starter)
        else:  # the line under the type word is the title ('Thực hiện Quyết định số 36/QĐ-TTg ...')
            stop = bool(starter) and (s.rstrip().endswith((".", ":", ";")) or s.startswith(("Căn cứ", "Kính gửi")))
        if (stop or _rx("meta.authority_line").match(s) or _RULE_LINE.fullmatch(s)
                or len(s) > _TITLE_MAX):
            break
        range_end = bool(parts) and re.search(r"\d{4}$", parts[-1]) and _rx("meta.title_range_end").match(s)
        if parts and not (_is_caps(s) and _is_caps(parts[0])) and not s[:1].islower() and not range_end \
                and not _rx("meta.title_runs_on").search(parts[-1]):  # ('… GIAI ĐOẠN 2026' / '- 2030' goes on)
            break
        parts.append(s)
    text = re.sub(r"\s*[-–—_=*]{3,}$", "", " ".join(parts).strip())  # a rule joined onto the last title line
    if not text:
        return doc_type
    data = _rf().data
    keep = [p for p in data["provinces"] + central_cities() + data["national_bodies"] + [place or "", "Việt Nam"] if p]
    text = _sentence_case(text, keep) if _is_caps(text) else text
    if text[:1].isupper() and not (len(text) > 1 and text[1].isupper()):
        text = text[0].lower() + text[1:]
    return f"{doc_type} {text}"


def _period(title: str | None) -> Period | None:
    if not title:
        return None
    m = _rx("meta.period").search(title)
    if m:
        return {"start": int(m.group("start")), "end": int(m.group("end"))}
    m = _rx("meta.period_until").search(title)
    if m:
        return {"start": None, "end": int(m.group("end"))}
    m = _rx("meta.period_year").search(title)
    if m:
        return {"start": int(m.group("year")), "end": int(m.group("year"))}
    return None


def _joined_signer(line: str) -> str | None:
    """The name at the end of a signature block joined on one line ('KT. CHỦ TỊCH ... Trần Văn Tân')."""
    if not re.match(r"(?:KT|TM|TL|TUQ)\s*\.", line):
        return None
    words = line.split()
    tail: list[str] = []
    while words and words[-1][:1].isupper() and words[-1][1:].islower() and len(tail) < 5:
        tail.insert(0, words.pop())
    return " ".join(tail) if len(tail) >= 2 else None


def _signer(doc: Doc, after: int) -> str | None:
    """The name under the first signature title (KT. CHỦ TỊCH / PHÓ CHỦ TỊCH) after line `after`."""
    sig, name = _rx("meta.signature_title"), _rx("meta.person_name")
    lines = doc.lines
    for i in range(after, len(lines)):
        line = lines[i].text.strip()
        joined = _joined_signer(line)
        if joined:
            return joined
        if not sig.match(line):
            continue
        seen = 0
        for ln in lines[i + 1:]:
            s = ln.text.strip()
            if not s or sig.match(s) or re.fullmatch(r"\(?\[?(?:đã ký|Đã ký|daky|ký)\]?\)?", s):
                continue
            m = name.match(s)
            if m:
                return m.group("name")
            seen += 1
            if seen > 2:
                break
    return None


def _national_issuer_of(number: str) -> str | None:
    """The national body whose issuer code ends a document number (03/NQ-CP -> Chính phủ; 93/2025/QH15 -> Quốc hội,
    `issuer_from_number`), or that a unit's code follows (1043/BTP-QLXLVPHC -> Bộ Tư pháp); None."""
    codes = _rf().data.get("issuer_codes") or {}
    parts = re.split(r"[-/]", number.split("/", 1)[-1])
    return issuer_from_number(number) or next((codes[p] for p in reversed(parts) if p in codes), None)


def _kind_of(doc_type: str | None) -> Kind:
    """The record kind of a document type word ('Công văn' -> official_letter), 'other' when none is known."""
    return next((kind for kind, name in _doc_types().values() if name == doc_type), "other")


def _attached_meta(lines: list[tuple[int, str]]) -> Meta | None:
    """The document an appendix without a header of its own was issued with ('(Ban hành kèm theo Công văn số
    1043/BTP-… ngày 9/4/2021)'), as that document's meta; None when no such line opens the text."""
    rx = _rx("meta.attached_to")
    for k, (_, s) in enumerate(lines):
        m = rx.match(s)
        if m is None:
            continue
        doc_type = " ".join(m.group("type").split())
        kind = _kind_of(doc_type)
        found = find_dates("ngày " + m.group("date")) if m.group("date") else []
        number = canonical_number(m.group("num"))
        issuer = _national_issuer_of(number) if number else None
        title = " ".join(t for _, t in lines[:k]) or None
        return Meta(kind=kind, doc_type=doc_type, number=number, date=found[0][2] if found else None,
                    issuer=issuer, level="national" if _is_national_body(issuer) else None, place=None,
                    title=_sentence_case(title, []) if title and _is_caps(title) else title, period=None)
    return None


def _is_national_body(issuer: str | None) -> bool:
    """True for a body named without a locality that acts for the whole country."""
    if not issuer:
        return False
    national = {fold(b) for b in _rf().data.get("national_bodies") or []}
    return fold(issuer) in national or fold(issuer).startswith(("bo ", "tong cuc "))


def _self_issuer(doc: Doc, place: str | None) -> tuple[str | None, Level | None, str | None]:
    """Issuer named in the opening ('UBND thành phố ban hành Kế hoạch') when the header lacks it."""
    limit = doc.sections[0].start if doc.sections else min(len(doc.text), 3000)
    m = _rx("meta.issued_by_self").search(doc.text[:limit])
    if not m:
        return None, None, None
    unit = m.group("unit").lower()
    after = doc.text[m.end("unit"):m.end("unit") + 40]
    named = re.match(r"\s+((?:[A-ZĐÀ-Ỹ][\wà-ỹ]*\s?){1,4})", after)
    name = province_name(named.group(1)) if named else None
    name = name or (title_case(named.group(1).strip()) if named and unit != "tỉnh" else None) or place
    if not name:
        return None, None, None
    body = expand_abbreviations(m.group("body"))
    return f"{body} {unit} {name}", unit_level(unit, name), name


# ---------------------------------------------------------------- main


def _heading_title(lines: list[tuple[int, str]]) -> str | None:
    """The title a crawled page marks as a heading when the type word is missing ('## Ban hành Chương trình hành
    động của Chính phủ …' under 'Số: 03/NQ-CP'), or None."""
    for _, s in lines:
        m = re.match(r"#{1,6}\s+(\S.{9,})$", s)
        if m and not _is_caps(m.group(1)):
            return m.group(1).strip()
    return None


def effective_date(text: str, issued: str | None) -> str | None:
    """The date the document takes effect as its own text states it (signing day = `issued`), or None."""
    m = _rx("meta.effective").search(text)
    if m is None:
        return None
    if m.group("signed"):
        return issued
    found = find_dates("ngày " + " ".join(m.group("date").split()))
    return found[0][2] if found else None


def extract_meta(doc: Doc) -> Meta:
    """What the document says about itself, from its header block, title and signature."""
    num_rx, date_rx, type_rx = _rx("meta.number_line"), _rx("meta.dateline"), _rx("meta.type_line")
    lines = _mended(_head_lines(doc), date_rx, type_rx)
    number = date = issue_place = None
    type_at = None
    header_caps: list[str] = []
    for k, (_, s) in enumerate(lines):
        if type_at is None and type_rx.match(s):
            type_at = k
            continue
        if type_at is not None:
            continue
        if k > 0 and re.fullmatch(r"VIỆT\s+NAM", s.strip()) and re.search(r"CHỦ\s+NGHĨA\s*$", lines[k - 1][1]):
            continue  # the motto's last words a portal put on a line of their own ('CỘNG HÒA XÃ HỘI CHỦ NGHĨA' / 'VIỆT NAM')
        s = _rx("meta.motto").sub(" ", s)
        if k > 0 and re.fullmatch(r"(?:Số|SỐ)\s*:?", lines[k - 1][1]):  # 'Số:' and its number in two cells
            s = f"Số: {s}"
        m = num_rx.search(s)
        if m:
            number = number or canonical_number(m.group("num"))
            s = s[:m.start()] + " " + s[m.end():]
        m = date_rx.search(s) if len(s) <= 120 else None
        if m and date is None:
            found = find_dates(m.group("date"))
            date = found[0][2] if found else None
            issue_place = m.group("place").strip()
            s = s[:m.start()]
        s = re.sub(r"[-_=*]{2,}", " ", s).strip()
        if s and _is_caps(s):
            header_caps.append(s)
    portal = _rx("meta.portal_title").match(lines[0][1]) if lines else None
    if number is None and portal:
        number = canonical_number(portal.group("num"))
    at = next((k for k, (_, s) in enumerate(lines) if _rx("meta.subject_line").match(s)), None)
    subject = _rx("meta.subject_line").match(lines[at][1]) if at is not None else None
    addressed = any(_rx("meta.addressee_line").match(s) for _, s in lines)
    letterhead = addressed and any(_rx("meta.motto").search(s) for _, s in lines)
    if type_at is None and number is None and date is None and subject is None and not letterhead:
        return _attached_meta(lines) or news_meta(doc)
    issuer, level, place = _parse_header_bodies(" ".join(header_caps))
    if issuer is None:
        issuer, level, place = _self_issuer(doc, province_name(issue_place) or issue_place)
    if issuer is None and number:
        issuer = _national_issuer_of(number)
    if _is_national_body(issuer):  # a ministry, the Government Office: whatever place the dateline names
        level, place = "national", None
    if place is None and issue_place and level != "national":
        place = province_name(issue_place) or issue_place
        level = level or ("province" if province_name(issue_place) else None)
        if issuer and issuer.startswith(("Sở ", "Chi cục ")) and level == "province":  # 'SỞ ...' alone in the header
            issuer = f"{issuer} {'thành phố' if unit_level('thành phố', place) == 'province' else 'tỉnh'} {place}"
    kind: Kind = "other"
    doc_type: str | None = None
    title = None
    if type_at is not None and (m := type_rx.match(lines[type_at][1])):
        word = " ".join(m.group("type").split())
        kind, doc_type = _doc_types().get(word) or ("other", word.capitalize())
        title = _title(lines, type_at, m.group("rest"), doc_type, place)
        if word.endswith("LIÊN TỊCH"):  # a joint document: each body of the header issues it
            issuer = _joint_issuer(header_caps, place) or issuer
    elif subject is not None or addressed:
        kind, doc_type = "official_letter", "Công văn"
        title = "Về việc " + _subject_text(lines, at) if subject and at is not None else None
    elif number:
        doc_type = doc_type_from_number(number)
        kind = _kind_of(doc_type)
        title = _heading_title(lines)
    after = lines[type_at][0] if type_at is not None else 0
    return Meta(kind=kind, doc_type=doc_type, number=number, date=date, issuer=issuer, level=level,
                place=place, title=title, period=_period(title), signer=_signer(doc, after),
                effective=effective_date(doc.text, date))
