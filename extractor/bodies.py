"""Administrative bodies: canonical names, distributed list headings, and body spans in running text.

The gazetteer, head words and collective nouns live in rules/bodies.yaml; near-miss spellings
("Phòng Văn hóa Thông tin", "Liên minh Hợp tác tỉnh") are matched with rapidfuzz.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from rapidfuzz import fuzz

from .abbrev import expand_abbreviations
from .places import central_cities, locality_list, named_localities, province_names
from .rules import RuleFile, load_rules
from .vntext import fix_tone_placement, fold

FUZZY_MIN = 88  # rapidfuzz ratio (0-100) for a near-miss spelling of a gazetteer name


def _rules() -> RuleFile:
    return load_rules("bodies")


@lru_cache(maxsize=1)
def _heads() -> list[str]:
    return sorted(_rules().data["heads"], key=len, reverse=True)


@lru_cache(maxsize=1)
def _not_heads() -> tuple[str, ...]:
    """Words that open with a head but name no body ('Trường hợp', 'Hội nghị'), lower case, with a space."""
    return tuple(_marked(w) + " " for w in _rules().data.get("not_heads") or [])


@lru_cache(maxsize=1)
def _gazetteer() -> dict[str, str]:
    """Folded canonical name -> canonical name."""
    return {_key(n): n for n in _rules().data["gazetteer"]}


@lru_cache(maxsize=8192)
def _key(s: str) -> str:
    """Comparison key: folded, dash and comma spacing unified, '&' read as 'và'."""
    s = fold(s).replace("&", " va ")
    s = re.sub(r"\s*[-–]\s*", " - ", s)
    s = re.sub(r"\s*,\s*", ", ", s)
    return " ".join(s.split())


def _marked(s: str) -> str:
    """Lower case with one tone placement ('Uỷ' -> 'ủy'), diacritics kept."""
    return fix_tone_placement(s.lower())


@lru_cache(maxsize=8192)
def head_of(name: str) -> str | None:
    """The head word a body name opens with ('Sở', 'Ban Quản lý', 'Ủy ban nhân dân'), or None.

    Diacritics count ('Bố trí kinh phí' opens with no 'Bộ', 'Phong trào' with no 'Phòng'), except in
    text written without any ('So Tai chinh')."""
    low, flat = _marked(name), fold(name)
    if low.startswith(_not_heads()):
        return None
    plain = flat == name.lower()  # no diacritics anywhere
    for h, mh, fh in _head_forms():
        for text, head in ((low, mh), (flat, fh) if plain else (low, mh)):
            if text == head or text.startswith(head + " ") or text.startswith(head + ","):
                return h
    return None


@lru_cache(maxsize=1)
def _head_forms() -> list[tuple[str, str, str]]:
    """Each head word with its marked (lower case, one tone placement) and folded forms, longest first."""
    return [(h, _marked(h), fold(h)) for h in _heads()]


def is_collective(name: str) -> bool:
    """'Các đơn vị liên quan', 'các sở, ban, ngành liên quan', 'tổ chức có liên quan', 'Các tỉnh, thành phố'."""
    words = name.strip().split()
    if not words:
        return False
    rest = " ".join(words[1:]) if words[0].lower() in ("các", "những", "mọi") else ""
    if rest and _province_collective().fullmatch(name.strip()):
        return True
    if rest:
        starts, nouns = _collective_noun_starts()
        low = rest.lower()
        return low.startswith(starts) or low in nouns
    return bool(_qualified_collective().fullmatch(name.strip()))


@lru_cache(maxsize=1)
def _province_collective() -> re.Pattern[str]:
    return _rules().pattern("province_collective")


@lru_cache(maxsize=1)
def _noun_alternation() -> str:
    """The collective nouns as one regex alternation, longest first."""
    return "|".join(sorted(map(re.escape, _rules().data["collective_nouns"]), key=len, reverse=True))


@lru_cache(maxsize=1)
def _collective_noun_starts() -> tuple[tuple[str, ...], frozenset[str]]:
    """The collective nouns followed by a space or a comma, and the nouns themselves."""
    nouns = _rules().data["collective_nouns"]
    return tuple(n + sep for n in nouns for sep in " ,"), frozenset(nouns)


@lru_cache(maxsize=1)
def _qualified_collective() -> re.Pattern[str]:
    """Collective nouns closed by a qualifier: 'cơ quan, đơn vị liên quan' (nouns of two words), also opening a
    table cell ('Cơ quan, tổ chức và doanh nghiệp liên quan'), a noun qualified on the way ('cơ sở khám bệnh, chữa
    bệnh, cơ quan, đơn vị liên quan')."""
    alts = "|".join(sorted(_rules().data["collective_nouns"], key=len, reverse=True))
    qual = rf"(?:\s+(?:{_rules().fragments['qualifier']}))"
    return re.compile(rf"(?i:{alts})(?:{qual}*(?:\s*,\s*|\s+và\s+)(?:{alts}|\w+))*{qual}+")


@lru_cache(maxsize=1)
def _context_abbreviations() -> list[tuple[re.Pattern[str], dict[str, str]]]:
    out = []
    for group in _rules().data.get("context_abbreviations") or []:
        names = group["names"]
        heads = "|".join(map(re.escape, group["heads"]))
        short = "|".join(re.escape(k) for k in sorted(names, key=len, reverse=True))
        out.append((re.compile(rf"(?<![\wÀ-ỹ])({heads})\s+({short})(?![\wÀ-ỹ&]|\s?[-&]\s?[A-ZĐ])"), names))
    return out


def expand_in_context(s: str) -> str:
    """'Sở TC' -> 'Sở Tài chính', 'Sở NV' -> 'Sở Nội vụ': short names read as such only after their head."""
    for rx, names in _context_abbreviations():
        def expand(m: re.Match[str], names: dict[str, str] = names) -> str:
            return f"{m.group(1)} {names[m.group(2)]}"

        s = rx.sub(expand, s)
    return s


def _tidy(s: str) -> str:
    """Expand abbreviations, unify dash spacing between words and the space after a comma, trim punctuation."""
    s = expand_in_context(expand_abbreviations(re.sub(r"\s*\([^)]*\)", "", s)))
    s = re.sub(r"(?<=[^\W\d])\s*[-–]\s*(?=[^\W\d])", " - ", s)
    s = re.sub(r"(?<=[^\W\d]),(?=[^\W\d])", ", ", s)  # 'Xã hội,Thanh tra Chính phủ': a comma typed without its space
    s = _level_lists(s)
    return s.strip(" \t.,;:")


def _level_lists(s: str) -> str:
    """'UBND các phường xã' -> 'UBND các phường, xã': levels listed without commas (rule body.level_list)."""
    rules = _rules()
    listed = rules.rule("body.level_list").rx
    if "các" not in s or not listed.search(s):
        return s
    level = rules.pattern("level_noun")
    return listed.sub(lambda m: "các " + ", ".join(level.findall(m.group(0)[3:])), s)


_REGION_TAIL = re.compile(r"khu\s+vực\s+(?:\d{1,2}|[IVX]{1,4})")


def _valid_tail(words: list[str]) -> bool:
    """A locality ('tỉnh', 'quận, huyện', 'các huyện, thị xã') or up to four capitalised words."""
    words = [w.strip(",") for w in words]
    if words[:1] in (["-"], ["–"]):  # 'Ngân hàng Nhà nước Việt Nam - Chi nhánh Khu vực II': the dash stays
        words = words[1:]
    if not words or _REGION_TAIL.fullmatch(" ".join(words)):  # 'Kho bạc Nhà nước khu vực XV'
        return True
    locs = _rules().data["locality_words"]
    quantifiers = _rules().data.get("locality_quantifiers", [])
    if words[0].lower() in quantifiers:  # 'các huyện', 'các cấp', not 'các tiêu chuẩn'
        rest = " ".join(words[1:3]).lower()
        return any(rest == w.lower() or rest.startswith(w.lower() + " ") for w in locs if w.lower() not in quantifiers)
    first = " ".join(words[:2]).lower()
    if any(first == w.lower() or first.startswith(w.lower() + " ") or words[0].lower() == w.lower()
           for w in locs):
        return True
    places = [w for i, w in enumerate(words) if w not in ("-", "–") or not 0 < i < len(words) - 1]
    return len(places) <= 4 and all(w[:1].isupper() for w in places)  # 'Đồng Đăng - Lạng Sơn' too


@lru_cache(maxsize=1024)
def name_completing(s: str) -> str | None:
    """The one gazetteer name a name cut after its 'và' begins ('Bộ Khoa học và' -> 'Bộ Khoa học và Công nghệ': a
    gazette row broken by a page, its lead cell's last line printed after the repeated header), or None."""
    if not re.search(r"\s(?:và|&)\s*$", s):
        return None
    start = _key(s.rstrip()) + " "
    names = [name for key, name in _gazetteer().items() if key.startswith(start)]
    return names[0] if len(names) == 1 else None


def name_cut_before(line: str, next_line: str) -> bool:
    """'Bộ Khoa học và' then 'Cơ quan, tổ chức': a name cut after its 'và' that completes to one gazetteer name,
    and a next line that opens another body and cannot go on with it (a gazette row broken by a page, the name's
    last line printed after the repeated header)."""
    nxt = next_line.strip()
    if not (name_completing(line.strip()) and nxt[:1].isupper()) or begins_a_name(f"{line} {nxt}"):
        return False
    noun = _bare_collective()[1]  # a collective noun opening the line, maybe after 'Các'
    return head_of(nxt) is not None or noun.match(re.sub(r"^(?i:các|những)\s+", "", nxt)) is not None


def name_ends(line: str, next_line: str) -> bool:
    """'Bộ Quốc phòng' then 'Hướng dẫn, tư vấn …': a line closing on a whole gazetteer name whose last word only
    looks like a head left standing ('phòng', 'bộ', 'sở' in lower case), which the next line does not carry on
    (a task table's lead cell before its task)."""
    words = line.split()
    if not words or not words[-1][:1].islower():
        return False
    names = _gazetteer()
    for k in range(2, min(len(words), 8) + 1):
        tail = " ".join(words[-k:])
        if _key(tail) in names:
            return not begins_a_name(f"{tail} {next_line.strip()}")
    return False


_ITEM_HEAD = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.|[a-zđ]\))\s+(?:(?i:đề\s+nghị)\s+)?")


def names_only_heading(line: str) -> bool:
    """A numbered heading that is only bodies ('6. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính
    trị - xã hội'): each piece between its commas, 'và' and ';' a named body or a collective; the line after it,
    opening in capitals, is its task, not the rest of a line the crawler wrapped."""
    head = _ITEM_HEAD.match(line.strip())
    if head is None or line.count("(") != line.count(")") or line.rstrip().endswith(("-", "–")):
        return False  # a bracket or a dash left open goes on on the next line
    pieces = [p for p in re.split(r"\s*[,;]\s*|\s+và\s+", line.strip()[head.end():].rstrip(" :")) if p]
    return bool(pieces) and all(head_of(p) is not None or is_collective(p) for p in pieces)


def name_goes_on(line: str, next_line: str) -> bool:
    """'6. Sở Ngoại' then 'Vụ': a line that only begins a gazetteer name, which its next line's first word
    carries on (a heading broken by the portal's layout)."""
    words = next_line.split()
    return bool(words) and cut_name(line) and begins_a_name(f"{line} {words[0]}")


@lru_cache(maxsize=1)
def _proper_pairs() -> frozenset[tuple[str, str]]:
    """Two capitalised words standing together inside a proper name the gazetteer or the province list writes,
    past a body's head word: ('Việt', 'Nam'), ('Hồ', 'Chí'), ('Đồng', 'Nai'), ('Công', 'Thương')."""
    places = {*province_names(), *central_cities()}
    pairs = set()
    for name in [*_rules().data["gazetteer"], *places]:
        words = name.split()
        pairs |= {(a, b) for a, b in zip(words[1:], words[2:], strict=False) if a[:1].isupper() and b[:1].isupper()}
        if name in places:
            pairs |= {(a, b) for a, b in zip(words, words[1:], strict=False)}
    return frozenset(pairs)


def proper_name_across(line: str, next_line: str) -> bool:
    """True when a line ends inside a proper name the next line completes: 'Các cơ quan đại diện Việt' / 'Nam tại
    nước ngoài', 'Ủy ban nhân dân Thành phố Hồ' / 'Chí Minh'."""
    last, nxt = line.split()[-1:], next_line.split()[:1]
    return bool(last and nxt) and (last[0], nxt[0].rstrip(",;.")) in _proper_pairs()


@lru_cache(maxsize=1)
def _sorted_keys() -> list[str]:
    return sorted(_gazetteer())


def cut_name(s: str) -> bool:
    """True when `s` begins a gazetteer name but is none ('Đài Tiếng nói' of 'Đài Tiếng nói Việt Nam'): a name
    cut short, by a cell's width or a page break."""
    return _key(s) not in _gazetteer() and begins_a_name(s)


def shared_tail(cut: str, whole: str) -> str | None:
    """The name a cut name (`cut`) takes from the whole name after its 'và' ('các Tổ đại biểu' and 'đại biểu Hội
    đồng nhân dân tỉnh' -> 'các Tổ đại biểu Hội đồng nhân dân tỉnh'), or None when no tail of `whole` completes it
    to a gazetteer name."""
    core = re.sub(r"^(?i:các|những)\s+", "", cut.strip())
    if not cut_name(core):
        return None
    words = whole.split()
    for k in range(1, len(words)):
        for j in range(len(words), k, -1):
            if _key(f"{core} {' '.join(words[k:j])}") in _gazetteer():
                return f"{cut.strip()} {' '.join(words[k:])}"
    return None


def shared_locality(bare: str, whole: str) -> str | None:
    """The name a bare local organ (`bare`) takes from the organ and locality after it ('Đảng ủy' before 'Ủy ban
    nhân dân các xã, phường' -> 'Đảng ủy các xã, phường'), or None when `bare` is no such head or `whole` has
    no locality of that kind."""
    heads = _rules().data.get("locality_bound_heads") or []
    head = head_of(whole)
    if head is None or bare.strip() not in heads or head not in heads:
        return None
    tail = whole[len(head):].split()
    return f"{bare.strip()} {' '.join(tail)}" if tail and tail[0][:1].islower() and _valid_tail(tail) else None


def begins_a_name(s: str) -> bool:
    """True when `s` is a gazetteer name or the start of one ('Bộ Nông nghiệp và Môi'), read word by word."""
    start = _key(s)
    keys = _sorted_keys()
    if start in _gazetteer():
        return True
    i = bisect_left(keys, start + " ")  # the keys going on from `start` word by word sort right after it
    return i < len(keys) and keys[i].startswith(start + " ")


def initials_key(name: str) -> tuple[str, tuple[str, ...], tuple[str, ...]] | None:
    """A body name's head, the initials of the capitalised words after it and the locality words after the last of
    them ('Trung tâm Văn hóa - Truyền thông huyện' -> ('Trung tâm', ('V', 'T'), ('huyện',))); None for a collective,
    a name with no head or fewer than two such words."""
    head = head_of(name)
    if not head or is_collective(name) or not name.startswith(head):
        return None
    words = [w for w in name[len(head):].split() if w not in ("-", "–", "và", "&", ",")]
    caps = [i for i, w in enumerate(words) if w[:1].isupper()]
    if len(caps) < 2:
        return None
    places = {w.lower() for w in _rules().data["locality_words"]}
    return head, tuple(words[i][0] for i in caps), tuple(w for w in words[caps[-1] + 1:] if w.lower() in places)


@lru_cache(maxsize=4096)
def canonical_body(name: str, context: str | None = None) -> str:
    """Full official name of a body as written: abbreviations expanded, near-misses fixed.

    'Sở KH&CN' -> 'Sở Khoa học và Công nghệ'; 'Liên minh Hợp tác tỉnh' -> 'Liên minh Hợp tác xã tỉnh';
    a trailing locality is kept as written; collective bodies are returned as written.
    `context` (e.g. the document's level) is accepted for callers but not needed yet.
    """
    s = _tidy(name)
    if not s or is_collective(s):
        return s
    whole = name_completing(s)
    if whole:
        return whole
    words = s.split()
    gaz = _gazetteer()
    best: tuple[float, int, str] | None = None
    for k in range(len(words), 0, -1):
        tail = words[k:]
        if not _valid_tail(tail):
            continue
        core = _key(" ".join(words[:k]))
        if core in gaz:
            cand = (101.0, k, gaz[core])
        else:
            hits = [(fuzz.ratio(core, g), g) for g in gaz if g.split()[0] == core.split()[0]]
            score, g = max(hits, default=(0.0, ""))
            if score < FUZZY_MIN:
                continue
            cand = (score, k, gaz[g])
        if best is None or cand[:2] > best[:2]:
            best = cand
    if best is None:
        for k in range(len(words) - 1, 1, -1):  # 'Sở Khoa học và Công nghệ - cơ quan thường trực'
            core = _key(" ".join(words[:k]))
            if core in gaz and words[k] not in ("và", "&") and (not words[k][:1].isalpha() or words[k][:1].islower()):
                return gaz[core]
        head = head_of(s)
        return (head + s[len(head):]) if head else s
    tail_words = words[best[1]:]
    if tail_words and all(w[:1].isupper() for w in tail_words) and head_of(best[2]) in _rules().data.get(
            "drop_bare_place_after", []):
        tail_words = []  # 'Sở Khoa học và Công nghệ Bình Dương': the place only locates the department
    if [w.lower() for w in tail_words[:2]] == ["chi", "nhánh"]:
        tail_words = ["-", *tail_words]  # a branch is named after its body and a dash ('… Việt Nam - Chi nhánh …')
    return f"{best[2]} {' '.join(tail_words)}".strip()


# ---------------------------------------------------------------- list headings


def _strip_heading_tail(text: str) -> str:
    rule = _rules().rule("body.heading_tail")
    return rule.rx.sub("", text.strip()).strip()


def _segment(head: str, pieces: list[str]) -> list[str]:
    """Join comma pieces back where a gazetteer name holds a comma ('Văn hóa, Thể thao và Du lịch')."""
    gaz = _gazetteer()
    out, i = [], 0
    while i < len(pieces):
        for k in (3, 2, 1):
            if i + k > len(pieces):
                continue
            cand = ", ".join(pieces[i:i + k])
            key = _key(f"{head} {cand}")
            if k == 1 or key in gaz or max((fuzz.ratio(key, g) for g in gaz), default=0) >= 95:
                out += _split_va(head, cand) if k == 1 else [cand]
                i += k
                break
    return out


def _split_va(head: str, piece: str) -> list[str]:
    """'Xây dựng và Y tế' -> two names when the whole is no gazetteer name but both halves are."""
    gaz = _gazetteer()
    if _key(f"{head} {piece}") in gaz:
        return [piece]
    words = piece.split()
    for i, w in enumerate(words):
        if w == "và" and 0 < i < len(words) - 1:
            left, right = " ".join(words[:i]), " ".join(words[i + 1:])
            if _key(f"{head} {left}") in gaz and _key(f"{head} {right}") in gaz:
                return [left, right]
    return [piece]


_LIST_HEAD = re.compile(r"^(?:các|những)\s+(\w+)(?:\s*,\s*\w+){0,3}\s*:\s*(.+)$", re.IGNORECASE | re.DOTALL)


def _shared_head(text: str) -> re.Match[str] | None:
    """`text` opening with one head shared by the names after its colon ('Các Bộ: Tài chính, Xây dựng …'): the
    match (the head word, the names), or None."""
    m = _LIST_HEAD.match(text)
    return m if m and head_of(m.group(1)) else None


def distributed_list(text: str) -> bool:
    """Whether `text` opens with one head shared by the names after its colon ('Các Bộ: Tài chính, Xây dựng …')."""
    return _shared_head(text.strip()) is not None


def split_body_list(text: str, context: str | None = None) -> list[str]:
    """The bodies a heading or table cell names, each as a full canonical name.

    'Các sở: Công Thương, Xây dựng có trách nhiệm:' -> ['Sở Công Thương', 'Sở Xây dựng'];
    'Phòng Văn hóa Thông tin; Đài Truyền thanh thành phố' -> two bodies.
    """
    text = _strip_heading_tail(_tidy(text))
    if not text:
        return []
    m = _shared_head(text)
    if m:
        head = head_of(m.group(1)) or m.group(1)
        head = head[:1].upper() + head[1:]
        body = m.group(2)
        pieces = [p.strip() for p in re.split(r"\s*;\s*", body) if p.strip()]
        if len(pieces) == 1:
            pieces = [p.strip() for p in re.split(r"\s*,\s*", body) if p.strip()]
            pieces = _segment(head, pieces)
        pieces = [re.sub(r"^và\s+", "", p) for p in pieces]
        k = next((i for i, p in enumerate(pieces) if i and not p[:1].isupper()), len(pieces))
        rest = split_body_list(", ".join(pieces[k:]), context) if k < len(pieces) else []  # '…, các bộ, cơ quan'
        return [canonical_body(f"{head} {p}", context) for p in pieces[:k]] + rest
    out = []
    scope = _rules().rule("body.cell_scope").rx
    for part in re.split(r"\s*;\s*", text):
        for p in split_at_heads(scope.sub("", part)):  # 'các bộ, ngành với các tiêu chuẩn … nội ngành'
            named = named_localities().fullmatch(p)  # 'các địa phương Bắc Ninh, Bình Dương, An Giang'
            out += [name for _, name in locality_list(named.group("places"))] if named else \
                [canonical_body(p, context)] if p else []
    out = _subordination_shared([b for b in out if b])
    return [shared_locality(b, nxt) or b for b, nxt in zip(out, out[1:], strict=False)] + out[-1:]


def _subordination_shared(parts: list[str]) -> list[str]:
    """Collectives listed before one saying whose units they all are share it ('các phòng, các Chi cục, các đơn vị
    sự nghiệp thuộc Sở': the department's rooms, branches and units, of an officers' heading; rules/bodies.yaml
    body.shared_subordination)."""
    subordinate = _rules().rule("body.shared_subordination").rx
    tail = subordinate.search(parts[-1]) if len(parts) > 1 else None
    if tail is None or not is_collective(parts[-1]) or \
            not all(is_collective(p) and not subordinate.search(p) for p in parts[:-1]):
        return parts
    return [f"{p}{tail.group()}" for p in parts[:-1]] + parts[-1:]


@lru_cache(maxsize=1)
def _title_patterns() -> list[str]:
    """Each officer title of rules/bodies.yaml as a pattern (any blanks between its words), longest first."""
    titles = sorted(_rules().data.get("officer_titles") or [], key=len, reverse=True)
    return [r"\s+".join(map(re.escape, t.split())) for t in titles]


@lru_cache(maxsize=1)
def _officer_titles() -> list[re.Pattern[str]]:
    return [re.compile(t + r"\s+", re.IGNORECASE) for t in _title_patterns()]


@lru_cache(maxsize=1)
def _any_officer_title() -> re.Pattern[str]:
    """All officer titles in one pattern: a cheap test before trying them one by one."""
    return re.compile("|".join(rx.pattern for rx in _officer_titles()), re.IGNORECASE)


@lru_cache(maxsize=1)
def _title_join() -> re.Pattern[str]:
    """An officer's title joined to the next by a comma or *và* ('Chủ tịch, Tổng Giám đốc các tập đoàn'; the
    second may be written in lower case: 'Thủ trưởng, người đứng đầu các bộ, ngành'): both head the bodies named
    after the second."""
    titles = "|".join(_title_patterns())
    second = "|".join(f"(?i:{t[0]}){t[1:]}" for t in _title_patterns())
    return re.compile(rf"(?<![\wÀ-ỹ])(?:{titles})\s*(?:,|\svà)\s*(?=(?:{second})\s)")  # the first as written


@lru_cache(maxsize=1)
def _alias_starts() -> tuple[str, ...]:
    return tuple(a + " " for a in _rules().data.get("head_aliases") or {})


def officer_title_end(text: str, pos: int = 0) -> int:
    """Where the body starts after an officer's title at `pos` ('Giám đốc Sở ...' -> the offset of 'Sở'),
    or `pos` when no title there is followed by a body head or 'các'/'những'."""
    shared = _title_join().match(text, pos)  # two officers of the same bodies ('Chủ tịch, Tổng Giám đốc các tập đoàn')
    if shared and (after := officer_title_end(text, shared.end())) > shared.end():
        return after
    if not _any_officer_title().match(text, pos):
        return pos
    aliases = _alias_starts()
    for rx in _officer_titles():
        m = rx.match(text, pos)
        rest = text[m.end():m.end() + 160] if m else ""  # a head word opens the body: its start suffices
        if m and (head_of(rest) or rest.startswith(aliases) or re.match(r"(?i:các|những)\s", rest)):
            return m.end()
    return pos


def officer_collective(text: str) -> str:
    """`text` with the officers heading a whole class of bodies at its start written as those bodies
    ('Bộ trưởng, Thủ trưởng cơ quan ngang bộ, cơ quan thuộc Chính phủ, Chủ tịch …' -> 'Các bộ, cơ quan ngang
    bộ, cơ quan thuộc Chính phủ, Chủ tịch …'; rules/bodies.yaml body.officer_collective_*)."""
    lead = len(text) - len(text.lstrip())
    for rule in _rules().rules:
        if rule.get("replacement") and rule.regex is not None and (m := rule.regex.match(text, lead)):
            return text[:lead] + str(rule.get("replacement")) + text[m.end():]
    return text


def strip_officers(text: str) -> str:
    """The bodies an officer heading names: 'Giám đốc Sở Kế hoạch và Đầu tư, Giám đốc Sở Tài chính'
    -> 'Sở Kế hoạch và Đầu tư, Sở Tài chính'; 'Giám đốc các sở: Công Thương, Y tế' -> 'các sở: ...';
    'Tổng Thanh tra Chính phủ' -> 'Thanh tra Chính phủ'. A title stays when no body head or 'các'/'những' follows
    it ('giám đốc doanh nghiệp')."""
    text = _rules().rule("body.officer_of_same_name").rx.sub("", text)  # 'Tổng Thanh tra Chính phủ'
    out, last = [], 0
    for start in (m.start() for m in re.finditer(r"(?<![\wÀ-ỹ])\w", text)):
        if start < last:
            continue
        end = officer_title_end(text, start)
        if end > start:
            out.append(text[last:start])
            last = end
    return "".join(out) + text[last:]


_TASK_MARKER = re.compile(r"\s(?=(?:chủ\s+trì|phối\s+hợp|có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm|căn\s+cứ|"
                          r"chủ\s+động|tổ\s+chức|triển\s+khai|xây\s+dựng|tham\s+mưu)\b)")


def list_heading_task(text: str) -> int | None:
    """Where the task starts after a distributed list written as a sentence's subject:
    'Các sở: Công Thương, Y tế phối hợp với Sở ...' -> the offset of 'phối hợp'; None when the
    heading ends with a colon or names no task."""
    m = _shared_head(text)
    if not m or text.rstrip().endswith(":"):
        return None
    head, gaz = head_of(m.group(1)) or "", _gazetteer()
    pos = m.start(2)
    for piece in re.finditer(r"[^,;]+", text[pos:]):
        words = list(re.finditer(r"\S+", piece.group(0)))
        if _key(f"{head} {expand_abbreviations(piece.group(0).strip())}") in gaz:
            continue
        for k in range(len(words) - 1, 0, -1):
            name = expand_abbreviations(piece.group(0)[:words[k - 1].end()].strip())
            if _key(f"{head} {name}") in gaz and words[k].group(0)[:1].islower():
                return pos + piece.start() + words[k].start()
    mk = _TASK_MARKER.search(text, pos)
    return mk.end() if mk else None


def _opens_named_body(s: str) -> bool:
    """True when `s` starts a new named body: a head then a capitalised word, a multi-word head,
    the start of a gazetteer name ('Hiệp hội doanh nghiệp'), or a gazetteer name with no head word ('Quốc hội')."""
    head = head_of(s)
    if head is None:  # a gazetteer name with no head word, written capitalised: 'Quốc hội', 'Thanh tra Chính phủ'
        words = s.split()
        return s[:1].isupper() and any(_key(" ".join(words[:len(g.split())])).rstrip(",;") == g for g in _headless_names())
    rest = s[len(head):].split()
    if not rest:  # a head that is a whole name: 'Tỉnh đoàn', 'Thông tấn xã Việt Nam'
        return _key(s) in _gazetteer()
    if " " in head or rest[0][:1].isupper():
        return True
    start = _key(f"{head} {rest[0]}")
    return any(g.startswith(start + " ") or g == start for g in _gazetteer())


@lru_cache(maxsize=1)
def _headless_names() -> list[str]:
    """The gazetteer's names (keys) that open with no head word ('quoc hoi', 'thanh tra chinh phu')."""
    return [k for k, name in _gazetteer().items() if head_of(name) is None]


@lru_cache(maxsize=1)
def _collective_start() -> re.Pattern[str]:
    """'các <collective noun>' (các sở, các đơn vị ...)."""
    nouns = "|".join(map(re.escape, _rules().data["collective_nouns"]))
    return re.compile(rf"(?i:các)\s+(?i:{nouns})\b")


@lru_cache(maxsize=1)
def _bare_collective() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A collective written without 'các' and closed by its qualifier ('cơ quan, đơn vị có liên quan', 'cơ quan, tổ
    chức và doanh nghiệp liên quan'), and
    one collective noun opening a phrase ('cơ sở khám bệnh, chữa bệnh')."""
    nouns = _noun_alternation()
    qual = _rules().fragments["qualifier"]
    return (re.compile(rf"(?i:{nouns})(?:(?:\s*,\s*|\s+(?:và|hoặc)\s+)(?i:{nouns}))*(?:\s+(?:{qual}))+(?![\wÀ-ỹ])"),
            re.compile(rf"(?i:{nouns})(?![\wÀ-ỹ])"))


def _bare_collective_after(prev: str, nxt: str) -> bool:
    """Whether a list goes on with a new body at `nxt`: a bare collective after a named body ('Bộ Y tế, cơ
    quan, đơn vị liên quan'), or any collective noun after a collective closed by 'liên quan' ('cơ quan, tổ
    chức có liên quan, cơ sở khám bệnh, chữa bệnh')."""
    closed, noun = _bare_collective()
    head = head_of(prev)
    rest = prev.strip()[len(head):].strip() if head else ""
    named = bool(rest) and not rest.startswith(",")  # a bare 'Bộ' in 'Bộ, ngành, …' names none
    if named and not is_collective(prev) and closed.match(nxt):
        return True
    return bool(re.search(r"liên\s+quan$", prev)) and noun.match(nxt) is not None


def closes_collective(prev: str, nxt: str) -> bool:
    """True when `nxt`, written after `prev` and 'và', closes the same collective: `prev` is collective nouns only
    ('Các bộ, cơ quan ngang bộ, địa phương'), `nxt` opens 'các <noun>' and no named body ('và các cơ quan liên
    quan'); ANNOTATION.md keeps such a collective as written."""
    return "," in prev and _whole_collective().fullmatch(prev.strip()) is not None \
        and _collective_start().match(nxt) is not None and not _opens_named_body(nxt)


@lru_cache(maxsize=1)
def _joined_names() -> re.Pattern[str] | None:
    """Gazetteer names that themselves hold 'và' or a comma (Văn phòng Hội đồng nhân dân và Ủy ban nhân dân)."""
    names = sorted((n for n in _gazetteer().values() if " và " in n or "," in n), key=len, reverse=True)
    return re.compile("|".join(re.escape(n) for n in names), re.IGNORECASE) if names else None


def split_at_heads(text: str) -> list[str]:
    """Split 'A tỉnh, B tỉnh và C' where a comma or 'và' is followed by a new named body or by
    'các <collective noun>'; 'các Sở, Ban, ngành liên quan' and names that hold 'và' stay whole; bodies
    written side by side without a comma are split too."""
    return [q for part in side_by_side(text) for q in _split_at_separators(part)]


def _split_at_separators(text: str) -> list[str]:
    coll = _collective_start()
    joined = _joined_names()
    inside = [(j.start(), j.end()) for j in joined.finditer(text)] if joined else []
    parts, last = [], 0
    plural = ""  # the plural a part before carries to the one being read ('Các doanh nghiệp A, doanh nghiệp B')
    whole_collective = lru_cache(maxsize=1)(is_collective)
    for m in re.finditer(r"\s*(?:,|\s+và)\s+", text):
        if any(a <= m.start() and m.end() <= b for a, b in inside):
            continue
        nxt, prev = text[m.end():], plural + text[last:m.start()]
        if "," not in m.group() and closes_collective(prev, nxt):
            continue  # 'Các bộ, cơ quan ngang bộ, địa phương và các cơ quan liên quan': one collective as written
        if prev.strip().lower() in _rules().data["collective_nouns"] and whole_collective(text):
            continue  # 'Hội, hiệp hội xã hội nghề nghiệp': a bare noun sharing the next one's qualifier
        described = "," in m.group() and _described_collective_after(prev, nxt)
        if _opens_named_body(nxt) or (coll.match(nxt) and last < m.start()) or _bare_collective_after(prev, nxt) \
                or described:
            parts.append(prev)
            last = m.end()
            plural = prev.split()[0] + " " if described else ""  # 'Các' governs both
    parts.append(plural + text[last:])
    return [p.strip() for p in parts if p.strip()]


@lru_cache(maxsize=1)
def _described_collective() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """A plural collective noun with words of its own after it ('Các doanh nghiệp viễn thông'); a collective noun
    opening the next conjunct; a qualifier alone after it (shared, not its own: 'doanh nghiệp liên quan')."""
    nouns = _noun_alternation()
    qual = _rules().fragments["qualifier"]
    return (re.compile(rf"(?i:các|những)\s+(?>(?i:{nouns}))\s+[^\s,;]+(?:\s+[^\s,;]+)*"),
            re.compile(rf"(?>(?i:{nouns}))(?![\wÀ-ỹ])"),
            re.compile(rf"\s*(?:$|[,;])|\s+(?:và|hoặc)\b|\s+(?:{qual})\s*(?:$|[,;])"))


def _described_collective_after(prev: str, nxt: str) -> bool:
    """Whether a comma joins two collectives each with a head noun of its own ('Các doanh nghiệp viễn thông,
    doanh nghiệp bưu chính'; 'Các doanh nghiệp nhà nước, Tổng Công ty'): two bodies, the plural governing both.
    A bare noun after the comma ('các trường đại học, cao đẳng'; 'Các hiệp hội, doanh nghiệp liên quan'), or a noun
    after a collective whose words only qualify it ('Các viện nghiên cứu, trường đại học thuộc Bộ'), goes on the same
    collective."""
    described, noun, bare = _described_collective()
    m = noun.match(nxt) if described.fullmatch(prev.strip()) else None
    if m is None or _opens_named_body(nxt):  # a named body is split off as itself: 'Viện Nghiên cứu phát triển'
        return False
    if nxt[:1].isupper():
        return True
    if _whole_collective().fullmatch(prev.strip()):  # its words a qualifier, no description: 'Các viện nghiên
        return False  # cứu, trường đại học thuộc Bộ' is one collective sharing 'thuộc Bộ'
    return bare.match(nxt, m.end()) is None


@lru_cache(maxsize=1)
def _whole_collective() -> re.Pattern[str]:
    """A collective body and nothing else: 'các bộ, cơ quan ngang bộ', 'Các sở, ban, ngành liên quan'."""
    nouns = _noun_alternation()
    qual = _rules().fragments["qualifier"]
    first, item = rf"(?i:{nouns})(?:\s+(?:{qual}))*", rf"(?:{nouns})(?:\s+(?:{qual}))*"
    # the noun after 'Các' in any case ('Các Bộ, ngành'), the others lower-case: 'Viện …' opens a name
    return re.compile(rf"(?i:các|những)\s+{first}(?:\s*,\s*{item})*")


def is_body_cell(text: str) -> bool:
    """True when every part of a cell names a body (a head word) or a collective: no result or task text."""
    parts = side_by_side(text)
    return bool(parts) and all(head_of(b) is not None or is_collective(b) for b in split_body_list(parts[0]))


@lru_cache(maxsize=1)
def _locality_start() -> re.Pattern[str]:
    """A locality in any case ('tỉnh', 'Thành phố Hồ Chí Minh', 'các huyện, thị xã')."""
    return _rules().pattern("locality", re.IGNORECASE)


@lru_cache(maxsize=1)
def _qualifier_start() -> re.Pattern[str]:
    """A collective's qualifier in any case ('Trung ương', 'trực thuộc Trung ương')."""
    return re.compile(rf"(?:{_rules().fragments['qualifier']})(?![\wÀ-ỹ])", re.IGNORECASE)


def side_by_side(text: str) -> list[str]:
    """Cells of a line where bodies stand side by side with no comma ('Các bộ, cơ quan ngang bộ Bộ Tư pháp':
    two table cells run together by a PDF's text layer; a listed collective then any capitalised word that
    opens no locality: 'các Sở Khoa học và Công nghệ' is one plural name); one part when there is no break."""
    parts, last = [], 0
    for m in re.finditer(r"\s+(?=\w)", text):
        if not text[m.end()].isupper():  # a capital opens the next cell ('À-Ỹ' holds the lower case too)
            continue
        prev = text[last:m.start()]
        after_collective = "," in prev and _whole_collective().fullmatch(prev.strip()) is not None \
            and not _locality_start().match(text, m.end()) \
            and not _qualifier_start().match(text, m.end())  # 'Các bộ, cơ quan Trung ương': its qualifier
        # a named body, then a bare head opening another, or 'Các'/'Những' opening a collective
        # ('Sở Tài chính Các sở, ngành'): what follows is looked at first, the name before only then
        opens = (_bare_head().match(text, m.start()) and _opens_named_body(text[m.end():])) or (
            text.startswith(("Các ", "Những "), m.end()) and _collective_start().match(text, m.end()))
        if after_collective or (opens and _named_before(prev)):
            parts.append(prev)
            last = m.end()
    parts, last = _collective_after_name(text, parts, last)
    return [p.strip() for p in parts + [text[last:]] if p.strip()]


def _collective_after_name(text: str, parts: list[str], last: int) -> tuple[list[str], int]:
    """'Sở Y tế cơ quan, đơn vị liên quan', 'Ủy ban nhân dân các cấp Cơ quan, đơn vị liên quan': a named body, then
    a collective closed by 'liên quan' with no comma between (two cells run together); the collective is a part of
    its own."""
    if not text.rstrip(" ,;.").endswith("liên quan"):
        return parts, last  # every collective looked for below closes the text with 'liên quan'
    closed = _bare_collective()[0]
    for m in re.finditer(r"\s+(?=\w)", text[last:]):
        at = last + m.start()
        name_start = text.rfind(",", last, at) + 1 or last  # the last body of a list before it
        rest = text[last + m.end():].strip(" ,;.")
        if rest.endswith("liên quan") and _named_before(text[name_start:at].strip()) and closed.fullmatch(rest):
            return [*parts, text[last:at]], last + m.end()
    return parts, last


def _named_before(prev: str) -> bool:
    """Whether `prev` is a gazetteer name, or ends with a named body ending in a locality word ('UBND tỉnh'; the
    last of a list: 'Các sở, ngành, UBND xã, phường, đặc khu') or a Party committee ('Ban Tổ chức Tỉnh ủy')."""
    if _key(prev) in _gazetteer():
        return True
    for m in reversed(list(re.finditer(r"(?:^|,\s*)", prev))):
        last = expand_abbreviations(prev[m.end():])
        if head_of(last) is not None:
            ends = [*_rules().data["locality_words"], *(_rules().data.get("party_committees") or [])]
            return any(last.endswith(" " + w) for w in ends) \
                and not re.search(r"(?i:các|những)$", last)  # 'HĐND tỉnh, các Ban ...': 'các' opens the next name
    return False


@lru_cache(maxsize=1)
def _bare_head() -> re.Pattern[str]:
    """A space before a capitalised head word and a capitalised name: where two bodies meet unseparated."""
    heads = "|".join(re.escape(h) for h in _heads())
    return re.compile(rf"\s+(?=(?:{heads})\s+[A-ZĐ])")


@lru_cache(maxsize=1)
def _enterprise_rx() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a list of enterprise nouns alone, such a list inside a longer one: after a comma or at the start, up
    to a comma, a *và* or the end)."""
    nouns = sorted(_rules().data.get("enterprise_nouns") or [], key=len, reverse=True)
    alt = "|".join(r"\s+".join(map(re.escape, n.split())) for n in nouns)
    run = rf"(?:các\s+)?(?:{alt})(?:\s*,\s*(?:{alt}))*"
    return re.compile(rf"(?i)^{run}$"), re.compile(rf"(?i)(?:^|,\s*)(?P<run>{run})(?=\s*(?:,|\svà\s|$))")


@lru_cache(maxsize=1)
def _name_tail_stop() -> re.Pattern[str]:
    words = sorted(_rules().data.get("name_tail_stops") or [], key=len, reverse=True)
    return re.compile(r"\s(?i:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in words) + r")(?![\wÀ-ỹ])")


def trimmed_names(names: list[str]) -> list[str]:
    """Role names without the text that ran on past a complete name ('Văn phòng Chính phủ trong quá trình thực hiện
    Đề án' -> 'Văn phòng Chính phủ'; rules/bodies.yaml `name_tail_stops`), and without a lone lower-case word that
    names no body ('từ'); collectives are kept as written."""
    out: list[str] = []
    for name in names:
        if not name[:1].isupper() or is_collective(name):
            if " " in name.strip() or is_collective(name):
                out.append(name)
            continue
        cut = _name_tail_stop().search(name)
        if cut:
            before = name[:cut.start()].rstrip(" ,")
            if _key(before) in _gazetteer() or before.split()[-1][:1].isupper():
                name = before
        out.append(name)
    return list(dict.fromkeys(out))


def _enterprise_parts(name: str) -> list[str]:
    """A collective cut around the State enterprises it lists by their kind: the ministries and localities
    before them ('các bộ, cơ quan, địa phương, Tập đoàn kinh tế, Tổng công ty') and the catch-all after them
    ('Tổng công ty và các đơn vị có liên quan') are collectives of their own."""
    _, inner = _enterprise_rx()
    m = inner.search(name)
    if not m:
        return [name]
    before = name[:m.start()].strip(" ,")
    after = re.sub(r"^(?:,|\s)*(?:và\s+)?", "", name[m.end():]).strip()
    if (before and not is_collective(before)) or (after and not (is_collective(after) and after.endswith("liên quan"))):
        return [name]
    return [p for p in (before, m.group("run"), after) if p]


def enterprise_family(names: list[str]) -> list[str]:
    """A list of bodies with the State enterprises named by their kind kept as one collective: bare enterprise
    nouns next to each other joined ('Tập đoàn kinh tế', 'Tổng công ty' -> 'Tập đoàn kinh tế, Tổng công ty'),
    a collective running on into them or out of them split there (`_enterprise_parts`)."""
    whole, _ = _enterprise_rx()
    out: list[str] = []
    for part in (p for name in names for p in _enterprise_parts(name)):
        if out and whole.match(part) and whole.match(out[-1]):
            out[-1] = f"{out[-1]}, {part}"
        else:
            out.append(part)
    return out
