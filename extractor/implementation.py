"""Obligations of an implementation section (*Tổ chức thực hiện*) and of a directive's numbered items.

Each body heading ('1. Sở Khoa học và Công nghệ:', '2. Giám đốc các sở: Công Thương, Y tế:') and the
bullets or paragraphs under it; a numbered item whose subject is a body ('4. Hiệp hội Doanh nghiệp tỉnh
phối hợp tuyên truyền ...') is a heading with its task on the same line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import structure
from .abbrev import expand_abbreviations
from .bodies import (
    canonical_body,
    expand_in_context,
    head_of,
    is_collective,
    list_heading_task,
    name_goes_on,
    officer_collective,
    officer_title_end,
    split_at_heads,
    split_body_list,
    strip_officers,
)
from .body_spans import BodySpan, body_list_at, find_bodies
from .document import Doc
from .normalize import LIST_START
from .obligation_units import (
    MAX_BODY_WORDS,
    NUMBER,
    Block,
    enumerated_tasks,
    make,
    merge_sub_bullets,
    rx,
    sentences,
    supports,
    text_blocks,
)
from .record import Obligation, Section
from .rules import RuleFile, load_rules
from .vntext import fold


def _body_rules() -> RuleFile:
    return load_rules("bodies")


_LOCALITY_NOUNS = ("huyện", "xã", "phường", "thị", "thành", "quận", "tỉnh", "địa")  # 'Các huyện, thị xã, thành phố'


def _is_body_phrase(s: str) -> bool:
    """A short phrase that is only a body name or a collective (no task words); abbreviations count as
    their full form ('BQL các KCN tỉnh' is 'Ban Quản lý các khu công nghiệp tỉnh')."""
    s = expand_in_context(expand_abbreviations(s)).strip(" .:;")
    if not s or len(s.split()) > MAX_BODY_WORDS:
        return False
    if rx("support.marker").search(s) or re.search(r"\b(?:chủ trì|có trách nhiệm)\b", s, re.IGNORECASE):
        return False
    if rx("lead.not_a_name").search(s):
        return False  # 'Trung tâm dữ liệu quốc gia sẽ quản trị', a wrapped line 'Trung tâm … quản lý và'

    bodies, stop = body_list_at(s, 0)
    if bodies and s[stop:].strip() and _subject_verb(s[stop:]):
        return False  # 'UBND các huyện, thành phố căn cứ tình hình thực tế'
    if len(bodies) == 1 and not bodies[0].collective and not s[stop:].strip():
        return True  # a gazetteer name whose first word opens no other ('Tổng Liên đoàn Lao động Việt Nam')
    words = s.split()
    listed = words[0].lower() in ("các", "những") and len(words) > 1 and (  # not 'Các nhiệm vụ trọng tâm'
        head_of(" ".join(words[1:])) is not None or words[1].lower().rstrip(",:") in _LOCALITY_NOUNS)
    return head_of(s) is not None or is_collective(s) or listed or s.lower().startswith(("ủy ban", "ubnd"))


def _pieces(s: str) -> list[str]:
    return [p for part in re.split(r"\s*;\s*", s.strip(" :")) for p in split_at_heads(part)]


def _subject_verb(rest: str) -> bool:
    """True when `rest`, the text after a list of bodies, goes on with their verb ('phối hợp tuyên truyền',
    'căn cứ Kế hoạch này xây dựng ...'), not with the rest of a name ('giáo Tỉnh ủy' after 'Ban Tuyên')."""
    return bool(rx("lead.subject_verb").match(rest.lstrip(" ,")))


def proposers_doer(s: str) -> int | None:
    """Where the doer starts after an adverbial naming the proposers ('Trên cơ sở đề xuất của các bộ, …,
    Bộ Tài chính tổng hợp …' -> the offset of 'Bộ Tài chính'): the last body of the comma list after its
    'của', followed by its verb (lead.proposers); None when the list closes with 'và' or no verb follows."""
    m = rx("lead.proposers").match(s)
    if not m:
        return None
    bodies, stop = body_list_at(s, m.end())
    if len(bodies) < 2 or not re.fullmatch(r"\s*,\s*", s[bodies[-2].end:bodies[-1].start]):
        return None
    return bodies[-1].start if _subject_verb(s[stop:]) and not s[stop:].lstrip().startswith(",") else None


def directed_lead(s: str) -> int | None:
    """Where the lead starts in a task directing a body to lead it ('Chỉ đạo Sở Khoa học và Công nghệ chủ trì, phối
    hợp với …' -> the offset of 'Sở'): a body list after lead.directing, its lead marker right after it; None for a
    body directed without one ('Chỉ đạo Sở Nội vụ rà soát …' is the directing body's task)."""
    m = rx("lead.directing").match(s)
    if not m:
        return None
    bodies, stop = body_list_at(s, m.end())
    return m.end() if bodies and rx("lead.marker").match(s, stop) else None


def _ends_in_body(s: str) -> bool:
    """True when `s` closes on a body's name ('Trên cơ sở đề xuất của các bộ'): a comma after it goes on with the
    list ('…, cơ quan trung ương, tổng hợp …'), it opens no subject."""
    found = find_bodies(s)
    return bool(found) and found[-1].end >= len(s.rstrip())


def _subject_heading(s: str, names: list[str], stop: int) -> tuple[list[str], str | None]:
    """A line whose subject is a body list followed by its verb; `names` end at `stop` in `s`."""
    if not (names and _subject_verb(s[stop:])):
        verb = rx("lead.subject_verb").search(s, stop)  # 'Vụ Pháp chế phối hợp ...': a name the open-name rule cuts
        subj = strip_officers(s[:verb.start()].rstrip(" ,")) if verb else ""  # '…, Chủ tịch Ủy ban …' names the body
        inner = find_bodies(subj)
        gaps = [subj[a.end:b.start] for a, b in zip(inner, inner[1:], strict=False)]
        listed = bool(inner) and inner[0].start == 0 and inner[0].collective and inner[-1].end == len(subj)
        named = head_of(subj) or is_collective(subj) or subj.startswith(("UBND", "Ủy ban")) or listed  # not 'Các nhiệm vụ'
        if verb is None or not subj or not named or not (_is_body_phrase(subj) or listed) or any(
                not re.fullmatch(r"\s*(?:,|;|và|,\s*và)?\s*", g) for g in gaps):  # 'UBND tỉnh giao Sở X ...' is no list
            return [], None
        names, stop = split_body_list(subj), verb.start()
    rest = s[stop:].lstrip(" ,")
    stated = rx("heading.task_then_intro").search(rest)
    if stated:  # '… tổ chức tổng kết …; xây dựng báo cáo với các nội dung chính sau:': the task stands before it
        return names, rest[:stated.start() + 1]
    return names, (None if rest.rstrip().endswith(":") else rest)


def _verb_near_subject(phrase: str, words: int = 3) -> bool:
    """True when a verb of lead.subject_verb stands among the first words of `phrase`, the text after a
    subject ('tăng cường tuyên truyền' after 'Các cơ quan báo chí' makes a clause; 'hoạt động trong lĩnh vực
    xây dựng' after 'Các doanh nghiệp' a heading)."""
    head = " ".join(phrase.split()[:words])
    return rx("lead.subject_verb").search(head) is not None


_REQUESTED_WORDS = 30  # a heading naming whom it asks is a list of names, never a sentence


def _requested_names(s: str) -> list[str]:
    """The bodies a request heading names by position, outside the gazetteer ('5. Đề nghị Bưu điện tỉnh Phú Thọ',
    '4. Đề nghị Viettel Phú Thọ (Chi nhánh Viettel Phú Thọ - Tập đoàn …), VNPT Phú Thọ (Viễn thông Phú Thọ), MobiFone
    Phú Thọ và các doanh nghiệp viễn thông trên địa bàn'): the names, a name's full form in brackets after it taken
    for it; none when the line goes on with a verb or a lead marker (then it is a sentence)."""
    s = s.strip().rstrip(":").strip()
    plain = re.sub(r"\s*\([^()]*\)", "", s)
    if not plain or len(plain.split()) > _REQUESTED_WORDS or rx("lead.subject_verb").search(plain) or rx(
            "lead.marker").search(plain) or re.search(r"[.;]", plain):
        return []
    names = []
    for piece in re.split(r"\s*,\s*|\s+và\s+", s):
        full = re.search(r"\(([^()]*)\)\s*$", piece)
        name = full.group(1) if full and full.group(1)[:1].isupper() else re.sub(r"\s*\([^()]*\)", "", piece)
        if name.strip():
            names.append(" ".join(name.split()))
    return names if all(n[:1].isupper() or n.lower().startswith(("các ", "những ")) for n in names) else []


def heading_bodies(line: str, subject: bool = False) -> tuple[list[str], str | None]:
    """The bodies a heading line names and the task written on the same line, if any.

    '2. Các Phòng: Quản lý Đô thị; Y tế' -> (['Phòng Quản lý Đô thị', 'Phòng Y tế'], None);
    'Sở Tài chính: bố trí kinh phí' -> (['Sở Tài chính'], 'bố trí kinh phí');
    'Sở Tài chính chủ trì, phối hợp ... bố trí kinh phí' -> (['Sở Tài chính'], 'chủ trì, phối hợp ...');
    '1. Giám đốc Sở Tài chính:' -> (['Sở Tài chính'], None): the officer stands for the body he heads.
    With `subject` (a numbered item of an implementation section), a line whose subject is a body list
    followed by its verb is a heading with its task: 'Hiệp hội Doanh nghiệp tỉnh phối hợp tuyên truyền ...'
    -> (['Hiệp hội doanh nghiệp tỉnh'], 'phối hợp tuyên truyền ...').
    """
    s = NUMBER.sub("", line, count=1)
    for tag in ("body.alias", "body.role_tag"):  # '(sau đây gọi tắt là …)', '(cơ quan chủ trì)'
        s = _body_rules().rule(tag).rx.sub("", s)
    s = s.strip()
    directed = directed_lead(s)
    if directed is not None:  # '1. Chỉ đạo Sở Khoa học và Công nghệ chủ trì, phối hợp với …:'
        return heading_bodies(s[directed:], subject)
    if subject and rx("lead.adverbial_opener").match(s) and not rx("closing.formula").search(s):
        doer = proposers_doer(s)
        if doer is not None:
            names, task = heading_bodies(s[doer:], subject=True)
            if names and task is not None:
                return names, s
        for comma in re.finditer(r",\s*", s[:240]):  # 'Căn cứ Kế hoạch này, các sở, ngành xây dựng ...'
            if body_list_at(s, comma.end())[0] and not _ends_in_body(s[:comma.start()]):
                names, task = heading_bodies(s[comma.end():], subject=True)
                if names and task is not None:
                    return names, s
    prefix = rx("heading.request_prefix").match(s)
    asked = s[prefix.end():] if prefix else s
    requested = prefix is not None and "đề nghị" in prefix.group().lower() and asked[:1].isupper() and not asked.isupper()
    s = officer_collective(asked)
    s = s[officer_title_end(s):]  # the task after the bodies stays as written
    described = rx("lead.described_heading").match(s)
    listed_end = body_list_at(s, 0)[1]
    if described and listed_end < described.end("body") and (described.group("colon") or (
            subject and not _verb_near_subject(s[listed_end:described.end("body")]))):
        return [described.group("body").strip()], None  # 'Các doanh nghiệp hoạt động trong lĩnh vực ...:'
    if re.match(r"^(?:các|những)\s+\w+(?:\s*,\s*\w+){0,3}\s*:", s, re.IGNORECASE) and head_of(
            s.split()[1].rstrip(":,")):
        cut = list_heading_task(s) if subject else None
        return (split_body_list(s[:cut]), s[cut:]) if cut else (split_body_list(s), None)
    m = rx("lead.inline_colon").match(s)
    head_part, task = (strip_officers(m.group("bodies")), m.group("task")) if m else (strip_officers(s), None)
    pieces = _pieces(expand_abbreviations(head_part))  # "Đoàn TNCS …" opens a name as its full form does
    if pieces and all(_is_body_phrase(p) for p in pieces):
        return split_body_list(head_part), task
    named = _requested_names(s) if requested and task is None else []
    if named:
        return named, None
    bodies, stop = body_list_at(s, 0)
    mk = rx("lead.marker").match(s, stop) if bodies else None
    names = list(dict.fromkeys(b.name for b in bodies))
    if not mk:
        return _subject_heading(s, names, stop) if subject else ([], None)
    rest = s[mk.end():].strip()
    stated = rx("heading.task_then_intro").search(s, mk.start("marker"))
    if stated:  # '… chủ trì, phối hợp … tham mưu …; hoàn thành trước ngày …. Trong đó lưu ý:': the task stands
        return names, s[mk.start("marker"):stated.start() + 1]
    return names, (None if not rest or rest.endswith(":") else s[mk.start("marker"):])


def _marker_len(text: str, b: Block) -> int:
    m = rx("item.bullet").match(text[b.start:b.end])
    return m.end() if m else 0


def _doer_at(text: str, block: Block) -> list[BodySpan]:
    """Bodies opening a paragraph as its subject ('Hội Doanh nhân trẻ Thuận An phối hợp với ...')."""
    start = block.start + len(text[block.start:block.end]) - len(NUMBER.sub("", text[block.start:block.end]))
    line = text[start:block.end]
    if rx("lead.adverbial_opener").match(line) and not rx("closing.formula").search(line):
        doer = proposers_doer(line)
        if doer is not None:
            return _subject_at(text, start + doer, block.end)
        opening = line[:240].split(";", 1)[0]  # the adverbial's own clause, its first commas
        for comma in list(re.finditer(r",\s*", opening))[:3]:  # 'Căn cứ Kế hoạch này, các sở, ngành xây dựng ...'
            if _ends_in_body(opening[:comma.start()]):
                continue  # 'Trên cơ sở đề xuất của các bộ, cơ quan trung ương, tổng hợp …': the list goes on
            found = _subject_at(text, start + comma.end(), block.end)
            if found and (_subject_verb(text[found[-1].end:block.end])
                          or rx("lead.marker").match(text, found[-1].end, block.end)):  # '…, các bộ có trách nhiệm'
                return found
    directed = directed_lead(line)
    if directed is not None:  # 'c) Chỉ đạo Sở Khoa học và Công nghệ chủ trì, phối hợp với …'
        return _subject_at(text, start + directed, block.end)
    return _subject_at(text, officer_title_end(text, start), block.end)  # 'Giám đốc Sở Tài chính chỉ đạo ...'


def _subject_at(text: str, start: int, end: int) -> list[BodySpan]:
    """The doers a clause at `start` opens with, when a lead marker, a colon or a verb follows them; a connective
    ('Bên cạnh đó,') and an officer's title ('Giám đốc Sở Tài chính có trách nhiệm …') before them are passed."""
    connective = rx("lead.connective").match(text, start, end)
    start = connective.end() if connective else start
    start = officer_title_end(text, start)
    bodies, stop = body_list_at(text, start, end)
    if not bodies:
        return []
    rest = text[stop:end].lstrip(" ,")
    if rx("lead.marker").match(text, stop, end):
        return bodies
    if rest.startswith(":") and rest[1:].strip():
        return bodies  # '- Sở Y tế, Sở Giáo dục và Đào tạo: chỉ đạo …' names its own doers
    return bodies if rest[:1].islower() and not rx("lead.name_goes_on").match(rest) else []


# ---------------------------------------------------------------- implementation section


@dataclass
class _LabelledBullet(Block):
    """A bullet under a role label ('a) Chủ trì, phối hợp với các sở, ngành …'), with the label's bodies."""

    support: list[str] = field(default_factory=list)


def _role_label_bullets(text: str, item: Block) -> list[_LabelledBullet] | None:
    """The bullets of a sub-item that is only a role label over them: '1. Sở Công Thương' / 'a) Chủ trì,
    phối hợp với các sở, ban, ngành …' / '- Là cơ quan đầu mối …' / '- Tổ chức …'; each bullet is a task of
    the heading's body, with the label's bodies as its support. None for any other sub-item."""
    blocks = merge_sub_bullets(text_blocks(text, item.start, item.end))
    if len(blocks) < 2 or not all(b.marker for b in blocks[1:]):
        return None
    label = NUMBER.sub("", text[blocks[0].start:blocks[0].end], count=1)
    if not rx("lead.role_label").match(" ".join(label.split())):
        return None
    shared = supports(text, blocks[0].start, blocks[0].end, [])
    return [_LabelledBullet(b.start, b.end, b.marker, shared) for b in blocks[1:]]


def _under_role_label(text: str, label: Block, bullets: list[Block]) -> list[Block]:
    """The bullets after a paragraph that only states the heading body's role over them, closing on its colon
    ('4. Sở Khoa học và Công nghệ' / 'Chủ trì, phối hợp với các sở, ngành, UBND các xã, phường và các cơ quan, đơn
    vị có liên quan:' / '- Triển khai …'): each takes the label's bodies as its support."""
    raw = text[label.start:label.end].rstrip()
    if not raw.endswith(":") or not rx("lead.role_label").match(" ".join(NUMBER.sub("", raw, count=1).split())):
        return bullets
    shared = supports(text, label.start, label.end, [])
    return [_LabelledBullet(b.start, b.end, b.marker, shared) for b in bullets] if shared else bullets


def _item_obligations(doc: Doc, item: Section, children: list[Section], lead: list[str],
                      content_start: int) -> list[Obligation]:
    """Obligations of one body heading: its bullets, or its paragraphs."""
    text = doc.text
    closing = rx("closing.formula")
    if children:
        blocks = [Block(c.start, c.end, "-") for c in children]
        intro = text_blocks(text, content_start, children[0].start)
    else:
        blocks = merge_sub_bullets(text_blocks(text, content_start, item.end))
        first = next((i for i, b in enumerate(blocks) if b.marker), len(blocks))
        intro, blocks = blocks[:first], blocks[first:]
    intro = [b for b in intro if not closing.search(text[b.start:b.end])]
    blocks = [b for b in blocks if not closing.search(text[b.start:b.end])]
    if not children and blocks and intro:
        blocks = _under_role_label(text, intro[-1], blocks)
    out = [make(doc, b.start, b.end, lead) for b in intro
           if blocks and text[b.start:b.end].rstrip()[-1:] != ":"]
    if children:
        expanded: list[Block] = []
        for b in blocks:
            expanded += _role_label_bullets(text, b) or [b]
        blocks = expanded
    if blocks:
        blocks = [part for b in blocks for part in _doer_parts(text, b, lead)]
        for b in blocks:
            body_start = b.start + _marker_len(text, b)
            doer = _doer_at(text, Block(body_start, b.end, None))
            if doer and all(d.collective and any(fold(x).startswith(fold(d.name)) for x in lead) for d in doer):
                doer = []  # '- Căn cứ ..., các sở xây dựng ...' under 'Các sở, ban, ngành:' is the heading's
            kind = None if doer else _narrower_kind(text, body_start, b.end, lead)
            ob = make(doc, b.start, b.end, list(dict.fromkeys(d.name for d in doer)) or ([kind] if kind else lead))
            if isinstance(b, _LabelledBullet):  # the role label's bodies, after the bullet's own
                ob.support = list(dict.fromkeys([*ob.support, *(x for x in b.support if x not in ob.lead)]))
            out.append(ob)
        return out
    paras = intro
    if not paras:
        return []
    parts = [_doer_parts(text, p, lead) for p in paras]
    doers = [_doer_at(text, p[0]) for p in parts]
    if not any(doers) and all(len(p) == 1 for p in parts):
        return [make(doc, paras[0].start, paras[-1].end, lead)]
    named = {fold(b.name) for d in doers for b in d}
    rest = [x for x in lead if fold(x) not in named] or lead
    out = []
    for p, d in zip(parts, doers, strict=True):
        out.append(make(doc, p[0].start, p[0].end, [b.name for b in d] if d else rest))
        out += [make(doc, q.start, q.end, [b.name for b in _doer_at(text, q)]) for q in p[1:]]
    return out


def _doer_parts(text: str, block: Block, lead: list[str]) -> list[Block]:
    """A bullet or paragraph cut before each clause or sentence that opens with another doer than its heading's
    ('b) Bộ Thông tin và Truyền thông hướng dẫn …; Bộ Công Thương hỗ trợ …; Bộ Lao động - Thương binh và Xã hội chỉ
    đạo …', 'Xây dựng … . Bộ Nông nghiệp và Môi trường chủ trì, phối hợp … xây dựng …'): one block a doer."""
    body_start = block.start + _marker_len(text, block)
    current = {fold(d.name) for d in _doer_at(text, Block(body_start, block.end, None))}
    opens_with_doer = bool(current)  # a bullet of clauses each naming its doer: every new doer cuts
    current = current or {fold(x) for x in lead}
    cuts = []
    for m in re.finditer(r"[;.]\s+(?=[A-ZĐÀ-Ỹ])", text[body_start:block.end]):
        pos = body_start + m.end()
        found = _subject_at(text, pos, block.end)
        names = {fold(d.name) for d in found}
        leads = rx("lead.marker").match(text, found[-1].end, block.end) if found else None
        if found and names != current and not all(d.collective for d in found) and (opens_with_doer or leads):
            cuts.append(pos)  # (a doer restated without a lead marker, 'UBND cấp xã chú trọng …', stays the item's)
            current = names
    if not cuts:
        return [block]
    edges = [block.start, *cuts, block.end]
    return [Block(a, b, block.marker if a == block.start else None) for a, b in zip(edges, edges[1:], strict=False)]


_SUBJECT_WORDS = 12  # how far into a bullet its own subject's verb may stand


def _narrower_kind(text: str, start: int, end: int, lead: list[str]) -> str | None:
    """The subject of a bullet that names a narrower kind of its heading's collective doers, by the heading's own
    noun, before its verb ('18. Các doanh nghiệp công nghệ số' / 'a) Doanh nghiệp viễn thông, bưu chính ưu tiên đầu
    tư …' -> 'Doanh nghiệp viễn thông, bưu chính'); None when the bullet opens otherwise or with the bare noun."""
    if len(lead) != 1 or not is_collective(lead[0]) or not re.match(r"(?i:các|những)\s", lead[0]):
        return None
    noun = " ".join(lead[0].split()[1:3])  # 'doanh nghiệp', 'cơ quan', 'đơn vị'
    line = LIST_START.sub("", text[start:end], count=1)
    if not fold(line).startswith(fold(noun) + " "):
        return None
    verb = rx("lead.subject_verb").search(line, len(noun), len(" ".join(line.split()[:_SUBJECT_WORDS])))
    subject = line[:verb.start()].rstrip(" ,") if verb else ""
    if fold(subject) == fold(lead[0].split(maxsplit=1)[1]):
        return None  # the heading's own doers ('b) Doanh nghiệp công nghệ số chủ động …')
    # a copula, a passive or 'có' makes the words a description ('d) Doanh nghiệp công nghệ số là lực lượng …')
    return subject if len(subject.split()) > len(noun.split()) and not re.search(
        r"[.;:]|\s(?:là|được|bị|có)\s", subject) else None


def _loose(doc: Doc, start: int, end: int) -> tuple[list[Obligation], list[tuple[int, int]]]:
    """Body headings written as bullets ('- Sở Tài chính:' then its items), bullets naming their doer
    before a colon ('- Sở Tài chính: bố trí kinh phí') or as their subject ('- Báo Quảng Trị mở chuyên
    mục ...'), outside numbered body headings."""
    text = doc.text
    out, covered = [], []
    current: list[str] = []
    blocks = text_blocks(text, start, end)
    for i, b in enumerate(blocks):
        raw = text[b.start:b.end]
        lead, inline = heading_bodies(re.sub(r"^\s*[-–+•*]\s*", "", raw))
        if inline and not rx("lead.inline_colon").match(NUMBER.sub("", re.sub(r"^\s*[-–+•*]\s*", "", raw))):
            current = []
            continue  # 'Sở X chủ trì ...; Chi cục Y là cơ quan đầu mối ...': left to the sentence reader
        bullets_follow = i + 1 < len(blocks) and blocks[i + 1].marker not in (None, b.marker)
        own, task = ([], None) if lead or rx("closing.formula").search(raw) else heading_bodies(
            re.sub(r"^\s*[-–+•*]\s*", "", raw), subject=True)
        if own and task:  # '- Các sở, ban, ngành, địa phương đẩy mạnh tuyên truyền ...': its own doer
            out.append(make(doc, b.start, b.end, own, task))
        elif lead and inline:
            out.append(make(doc, b.start, b.end, lead, inline))
        elif lead and (raw.rstrip().endswith(":") or bullets_follow):
            current = lead
        elif current and not rx("closing.formula").search(raw):
            out.append(make(doc, b.start, b.end, current))
        else:
            current = []
            continue
        covered.append((b.start, b.end))
    return out, covered


def _children(sec: Section, sections: list[Section]) -> list[Section]:
    """The direct sub-headings of `sec` (levels may skip: a 'Phần III' at level 1 over '1.' at level 3)."""
    inner = [s for s in sections if sec.start <= s.start < sec.end and s.level > sec.level and s is not sec]
    return [s for s in inner if not any(c.level < s.level and c.start <= s.start < c.end for c in inner)]


def _bare_list(line: str) -> bool:
    """A heading that only names bodies (no task on its line)."""
    names, task = heading_bodies(line)
    return bool(names) and task is None


def _heading_end(text: str, start: int, end: int) -> int:
    """Where an item's heading ends: its first line, or with the next line when a layout break cut a body name
    ('16. Mặt trận' / 'Tổ quốc tỉnh và các tổ chức chính trị - xã hội': the line is a bare head word, or it ends
    open with a comma, 'và', 'các') and the next line opens with a word (no bullet, number or blank line); a
    heading that carries its task and ends no sentence goes on over the lines of hard-wrapped text ('4. Bộ Y tế
    chủ trì, … theo dõi, đôn đốc' / 'việc triển khai … kiến nghị' / 'Thủ tướng Chính phủ các biện pháp …')."""
    stop = text.find("\n", start)
    stop = end if stop < 0 or stop > end else stop
    line = NUMBER.sub("", text[start:stop], count=1).strip()
    next_line = text[stop + 1:text.find("\n", stop + 1) if "\n" in text[stop + 1:end] else end]
    cut = bool(line) and (head_of(line) == line or rx("layout.open_end").search(line) is not None or (
        line.endswith(";") and _bare_list(line[:-1])) or  # 'Trách nhiệm của các bộ, …;' / 'Ủy ban …'
        name_goes_on(line, next_line))  # '6. Sở Ngoại' / 'Vụ'
    if cut and stop < end and re.match(r"[^\S\n]*[^\W\d_]", text[stop + 1:stop + 3]) \
            and not re.match(r"[^\S\n]*(?:[a-zđ]\)|[-–+•*])", text[stop + 1:stop + 4]):
        nxt = text.find("\n", stop + 1)
        return end if nxt < 0 or nxt > end else nxt
    def wrapped() -> bool:  # the heading ends no sentence and a hard-wrapped line of gazette text follows
        return stop < end and not text[start:stop].rstrip().endswith((".", ":", ";", "!", "?")) \
            and re.match(r"[^\S\n]*[^\W\d_]", text[stop + 1:stop + 3]) is not None \
            and not LIST_START.match(text[stop + 1:stop + 8])

    # a heading that carries its task, or whose task (and the rest of its body list) starts on the next line:
    # '4. Các Sở, ngành, đơn vị' / 'liên quan kiện toàn và nâng cao trình độ …'
    if wrapped() and (heading_bodies(line, subject=True)[1] is not None or (
            text[stop + 1:stop + 2].islower() and heading_bodies(f"{line} {next_line.strip()}", subject=True)[1] is not None)):
        while wrapped():
            nxt = text.find("\n", stop + 1)
            stop = end if nxt < 0 or nxt > end else nxt
    return stop


def _inline_obligations(doc: Doc, start: int, end: int, lead: list[str]) -> list[Obligation]:
    """The task written on a heading's line, split where a later sentence names another doer as its subject
    ('5. Các bộ, ngành, địa phương gửi báo cáo … . Bộ Khoa học và Công nghệ tổng hợp …, báo cáo Thủ tướng
    Chính phủ …': one obligation per doer, as paragraphs naming different doers are)."""
    text, cuts = doc.text, [(start, lead)]
    for s, e in sentences(text, start, end)[1:]:
        doer = _subject_at(text, s, e)
        names = list(dict.fromkeys(d.name for d in doer))
        rest = text[doer[-1].end:e] if doer else ""
        if names and (_subject_verb(rest) or rx("lead.marker").match(rest)) \
                and {fold(n) for n in names} != {fold(x) for x in cuts[-1][1]}:  # '… Y có trách nhiệm …' too
            cuts.append((s, names))
    bounds = [c[0] for c in cuts[1:]] + [end]
    return [make(doc, a, b, names) for (a, names), b in zip(cuts, bounds, strict=True)]


def _continues(doc: Doc, inline: Obligation, following: list[Obligation], grandkids: list[Section]) -> bool:
    """True when the plain paragraphs after a heading that carries its task go on with that task: no bullets
    or sub-items, one paragraph group led by the heading's own doer (ANNOTATION.md: a heading followed by plain
    paragraphs is one obligation)."""
    if grandkids or len(following) != 1 or following[0].lead != inline.lead:
        return False
    quote = doc.text[following[0].span[0]:following[0].span[1]]
    return not LIST_START.match(quote) and inline.span[1] <= following[0].span[0]


def implementation_obligations(doc: Doc, sec: Section, sections: list[Section], headed_only: bool = False,
                               addressees: list[str] | None = None) -> tuple[list[Obligation], list[tuple[int, int]]]:
    """Obligations under the body headings of an implementation section, and the spans they cover; with
    `headed_only` (a tasks section), only those under items headed by bodies; items without a body heading are
    the `addressees`' tasks when the section has them (a letter's '… đề nghị Ủy ban nhân dân các tỉnh … chỉ đạo
    triển khai một số nội dung sau:')."""
    text = doc.text
    out: list[Obligation] = []
    covered: list[tuple[int, int]] = []
    kids = _children(sec, sections)
    for item in kids:
        line_end = _heading_end(text, item.start, item.end)
        grandkids = _children(item, sections)
        # the heading as one line: a name a line break cut ('Ngân hàng nhà nước Việt' / 'Nam - Chi nhánh …: Chủ trì')
        lead, inline = heading_bodies(" ".join(text[item.start:line_end].split()), subject=True)
        sub_heads = [g for g in grandkids if heading_bodies(text[g.start:text.find("\n", g.start)], subject=True)[0]]
        if lead and grandkids and 2 * len(sub_heads) > len(grandkids):
            lead = []  # 'Trách nhiệm của các sở, ngành' over 'a) Sở Tài chính', 'b) Sở Xây dựng'
        if not lead and addressees and not sub_heads:  # '2. Bố trí kinh phí …' asked of the letter's addressees
            if rx("section.objectives").search(item.title or ""):
                continue  # 'I. MỤC TIÊU ĐẾN HẾT NĂM 2027' under the formula: aims, no tasks
            out += _item_obligations(doc, item, grandkids, addressees, line_end) if grandkids else [
                make(doc, item.start, item.end, addressees)]
            covered.append((item.start, item.end))
            continue
        if not lead:
            if grandkids:
                sub, cov = implementation_obligations(doc, item, sections, headed_only)
            else:
                sub, cov = ([], []) if headed_only else _loose(doc, line_end, item.end)
            out += sub
            covered += cov
            continue
        if inline:
            istart = text.find(inline.strip()[:20], item.start, line_end)
            istart = item.start if istart < 0 else istart
            numbered = enumerated_tasks(doc, istart, line_end, lead) if rx("lead.enumerated").match(
                text, max(item.start, text.rfind(":", item.start, istart)), line_end) else []
            out += numbered or _inline_obligations(doc, istart, line_end, lead)
        shared = [] if inline else supports(text, item.start, line_end, lead)
        following = _item_obligations(doc, item, grandkids, lead, line_end)
        intro = rx("heading.task_then_intro").search(" ".join(text[item.start:line_end].split())) if inline else None
        closing = next((b.start for b in text_blocks(text, line_end, item.end)
                        if rx("closing.formula").search(text[b.start:b.end])), item.end)
        if intro and rx("heading.notes_intro").match(intro.group("intro")):
            following = []  # '… Trong đó lưu ý: a) … b) …': notes on the task just stated
            if inline and out and out[-1].lead == lead and rx("heading.contents_intro").match(intro.group("intro")):
                last = out.pop()  # what the report it asks for holds, and its sending: the task's own words
                out.append(make(doc, last.span[0], len(text[:closing].rstrip()), last.lead))
        if inline and out and _continues(doc, out[-1], following, grandkids):
            last = out.pop()  # '1. Các cơ quan … xây dựng Kế hoạch … . Định kỳ báo cáo …': one item, one task
            following = [make(doc, last.span[0], following[0].span[1], last.lead)]
        for ob in following:
            if shared and not ob.support and not rx("support.marker").search(ob.quote):
                ob.support = list(shared)  # 'Sở Tài chính chủ trì, phối hợp với Sở Nội vụ:' holds for its bullets
            out.append(ob)
        covered.append((item.start, closing))  # a closing paragraph is left to the sentence reader

    if not kids and not headed_only:
        body_start = text.find("\n", sec.start)
        sub, cov = _loose(doc, body_start if 0 <= body_start < sec.end else sec.end, sec.end)
        out += sub
        covered += cov
    return out, covered


@dataclass
class Directive:
    """The numbered items of a directive or letter, as one section, and the bodies its directing formula asks."""

    section: Section
    addressees: list[str]


_INTRO_LINES = 6  # how far back a directing formula broken over lines may open


def _intro_sentence(text: str, end: int) -> str:
    """The sentence closing at `end`, its lines joined: a portal or gazette breaks it over several lines."""
    start = text.rfind("\n", 0, end) + 1
    for _ in range(_INTRO_LINES):
        prev_end = start - 1
        prev_start = text.rfind("\n", 0, max(prev_end, 0)) + 1
        prev = text[prev_start:prev_end].rstrip()
        if prev_end <= 0 or not prev or prev[-1] in ".:;" or NUMBER.match(prev):
            break
        start = prev_start
    return " ".join(text[start:end].split())


def _addressees(sentence: str) -> list[str]:
    """The bodies a directing formula asks ('Bộ KH&CN đề nghị Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung
    ương … chỉ đạo triển khai một số nội dung sau:' -> that committee), or none."""
    asked = rx("section.directive_addressee").search(sentence)
    bodies = body_list_at(sentence, asked.end())[0] if asked else []
    return list(dict.fromkeys(b.name for b in bodies))


def _line_before(text: str, pos: int) -> tuple[int, int]:
    """(start, end) of the last line before `pos` with text, its trailing blanks dropped (no copy: linear time)."""
    end = pos
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return text.rfind("\n", 0, end) + 1, end


def _formula_end(text: str, item: int, starts: set[int]) -> int | None:
    """Where the line ending in a colon that may be a directing formula ends, before the numbered item at `item`:
    the line right before it, or the one before a paragraph of background between them ('… đề nghị các cơ quan,
    đơn vị … triển khai thực hiện một số nội dung sau:' / 'Năm 2025, toàn tỉnh đã hỗ trợ 27 doanh nghiệp …' / '1. Ủy
    ban nhân dân các xã, phường:'); None when neither is (a heading 'I. MỤC ĐÍCH, YÊU CẦU:' is none)."""
    line_start, end = _line_before(text, item)
    if end and text[end - 1] == "." and line_start not in starts and not NUMBER.match(text[line_start:end]):
        line_start, end = _line_before(text, line_start)  # one paragraph of background
    if not (end and text[end - 1] == ":") or NUMBER.match(text[line_start:end]) or line_start in starts:
        return None
    return end


def directive_items(doc: Doc, sections: list[Section]) -> Directive | None:
    """The numbered directive items of a document (up to its own implementation item), as one section.

    A Chỉ thị (or a letter) assigns its tasks in numbered items right after the directing formula:
    '... Chủ tịch Ủy ban nhân dân tỉnh chỉ thị:' / '... yêu cầu:' then '1. Giám đốc Sở ...: a) ...'.
    The items are read like the body headings of a *Tổ chức thực hiện* section; those without one are tasks of
    the bodies the formula asks, if it names them.
    """
    text, intro = doc.text, rx("section.directive_intro")
    ordered = sorted(sections, key=lambda x: x.start)
    def numbered(sec: Section) -> bool:
        return bool(re.fullmatch(r"\d+|[IVXLC]+", sec.number or ""))

    starts = {sec.start for sec in ordered}
    for i, first in enumerate(ordered):
        if not numbered(first):
            continue
        end = _formula_end(text, first.start, starts)
        if end is None:
            continue
        sentence = _intro_sentence(text, end)
        if not intro.search(sentence):
            continue
        last = first
        for sec in ordered[i + 1:]:
            if sec.level < first.level or (sec.level == first.level and not numbered(sec)):
                break
            last = sec if sec.level == first.level else last
        return Directive(Section("directive", None, "", first.level - 1, first.start, last.end), _addressees(sentence))
    return None


def duty_appendix_obligations(doc: Doc, sections: list[Section]) -> tuple[list[Obligation], list[tuple[int, int]]]:
    """Obligations of appendices titled by whose tasks they list ('Phụ lục I: NHIỆM VỤ CỦA CÁC BỘ, NGÀNH, ĐỊA
    PHƯƠNG'): the numbered items of each part ('I. NHIỆM VỤ CHUNG') that has no body heading of its own, led by
    the bodies the title names; and the spans of those parts."""
    out: list[Obligation] = []
    covered: list[tuple[int, int]] = []
    for sec in sections:
        m = rx("section.duty_appendix").match(sec.title or "")
        lead = [b if not b.isupper() else b[:1] + b[1:].lower()
                for b in (canonical_body(x) for x in split_body_list(m.group("bodies")))] if m else []
        if not lead or not all(is_collective(b) or head_of(b) for b in lead):
            continue
        following = [s for s in sections if s.start > sec.start]
        end = min((s.start for s in following if structure.is_appendix(s)), default=len(doc.text))
        parts = _children(sec, sections) or [s for s in following if s.start < end and s.level == sec.level]
        for part in parts:  # the appendix's parts: under it, or after it at its level up to the next appendix
            items = _children(part, sections)
            headed = [i for i in items if heading_bodies(doc.text[i.start:_heading_end(doc.text, i.start, i.end)])[0]]
            if not items or 2 * len(headed) > len(items):  # a part of body headings leads its own items
                continue  # ('Đối với các đơn vị …:' only narrows which of the title's bodies an item is for)
            out += _item_obligations(doc, part, items, lead, _heading_end(doc.text, part.start, part.end))
            covered.append((part.start, part.end))
    return out, covered
