"""Link: document numbers, the parent a document implements and its chain.

Numbers (numbers.py: canonical_number) are the keys that tie documents together. Known documents come
from rules/registry.yaml, optionally extended by the caller (e.g. an index of the corpus records, see
`registry_from_records`). Local numbers such as 114/KH-UBND repeat across
provinces, so a registry entry is only used when the issuers agree or the number is national.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any

from .document import Doc
from .numbers import canonical_number, implemented_in, is_national_number, own_subject
from .places import central_cities, locality_units
from .record import Parent, Record, Reference
from .rules import load_rules
from .vntext import fold

_LEVEL_RANK = {"national": 0, "province": 1, "district": 2, "commune": 3}
_MAX_CHAIN = 12


# ---------------------------------------------------------------- registry and parent


def bundled_registry() -> list[dict[str, Any]]:
    """The registry entries shipped in rules/registry.yaml."""
    return list(load_rules("registry").data.get("documents") or [])


def registry_from_records(records: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Registry entries from extracted records (their meta and parent), to pass to `find_parent`."""
    out = []
    for rec in records:
        meta = rec.get("meta") or {}
        if not meta.get("number"):
            continue
        parent = rec.get("parent") or {}
        out.append({"number": meta["number"], "doc_type": meta.get("doc_type"), "date": meta.get("date"),
                    "issuer": meta.get("issuer"), "title": meta.get("title"), "level": meta.get("level"),
                    "place": meta.get("place"), "implements": parent.get("number")})
    return out


def _entries(registry: Iterable[Mapping[str, Any]] | Mapping[str, Mapping[str, Any]] | None) -> list[dict]:
    extra: list[dict] = []
    if isinstance(registry, Mapping):
        extra = [dict(v, number=v.get("number", k)) for k, v in registry.items()]
    elif registry is not None:
        extra = [dict(v) for v in registry]
    return extra + bundled_registry()  # caller's entries first: they win


def _same_issuer(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    norm = [re.sub(r"\bubnd\b", "uy ban nhan dan", fold(x)) for x in (a, b)]
    return " ".join(norm[0].split()) == " ".join(norm[1].split())


def _lookup(entries: list[dict], number: str | None, issuer: str | None) -> dict | None:
    """The registry entry for a number, when it is national or its issuer agrees."""
    if not number:
        return None
    hits = [e for e in entries if e.get("number") == number]
    for e in hits:
        if _same_issuer(e.get("issuer"), issuer):
            return e
    if hits and is_national_number(number):
        return hits[0]
    return None


def issuer_level(issuer: str | None, number: str | None = None) -> str | None:
    """Level of an issuing body: national for Thủ tướng / Bộ / Trung ương, else by its locality word."""
    if number and is_national_number(number) and not issuer:
        return "national"
    if not issuer:
        return None
    f = fold(issuer)
    units, starts = _locality_words()
    folded = {fold(w): level for w, level in locality_units().items()}
    levels = set()
    for m in units.finditer(f):  # longest word first: *thị xã* is one word, not *xã*
        level = folded[m.group(1)]
        if m.group(1) == "thanh pho" and _central_city_rx().search(f):
            level = "province"
        levels.add(level)
    for level in ("commune", "district", "province"):  # the most local word decides
        if level in levels:
            return level
    return "national" if f.startswith(starts) else None


@lru_cache(maxsize=1)
def _locality_words() -> tuple[re.Pattern[str], tuple[str, ...]]:
    """The folded locality words of rules/vocab.yaml as one regex, and the starts of national issuers."""
    words = sorted(locality_units(), key=len, reverse=True)
    rx = re.compile(r"\b(" + "|".join(re.escape(fold(w)) for w in words) + r")\b")
    return rx, tuple(load_rules("vocab").data["national_issuer_starts"])


@lru_cache(maxsize=1)
def _central_city_rx() -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(re.escape(fold(c)) for c in central_cities()) + r")\b")


def _ref_level(ref: Reference, entries: list[dict]) -> int:
    level = issuer_level(ref.issuer, ref.number)
    if level is None:
        entry = _lookup(entries, ref.number, ref.issuer)
        level = entry.get("level") if entry else None
    return _LEVEL_RANK.get(level or "", 1)


def _authority(ref: Reference) -> int:
    """How high the issuer stands among national bodies (rules/vocab.yaml); local bodies rank lowest."""
    table = load_rules("vocab").data.get("issuer_authority") or {}
    f = fold(ref.issuer or "")
    return next((rank for start, rank in table.items() if f.startswith(start)), len(table))


def _specificity(ref: Reference, entries: list[dict], own: list[str], references: list[Reference]
                 ) -> tuple[int, bool, bool, int]:
    """Sort key: the most local first; of one level, the one whose subject the own title (its words `own`) repeats
    or narrows (the province's plan over the department's letter asking for plans), and of *Căn cứ* editions one
    whose own subject it narrows before one whose subject is the document it carries out (a province's resolution on
    science and technology under 57-NQ/TW, not under 03/NQ-CP's *Chương trình hành động … thực hiện Nghị quyết số
    57-NQ/TW*); then the lowest-standing issuer (of documents named as carried out, the one carrying out the other)."""
    edition = _is_edition(own, ref, references, entries)
    inherited = edition and ref.relation == "basis" and not _narrows(own, _title_words(own_subject(ref.title)))
    return (-_ref_level(ref, entries), not edition, inherited, -_authority(ref))


@lru_cache(maxsize=1)
def _unit_words() -> list[list[str]]:
    """The locality words of rules/vocab.yaml as word lists, longest first ('thành phố' before 'thành')."""
    return sorted((u.split() for u in locality_units()), key=len, reverse=True)


def _without_places(text: str) -> str:
    """A title without the places it names (a locality word and the capitalised name after it: 'xã Gia Phú',
    'tỉnh Lào Cai', 'Thành phố Hồ Chí Minh'), so that a commune's plan and the province's plan of the same
    subject are seen to share it. A title in capitals is left whole (its names cannot be told)."""
    if text.upper() == text:
        return text
    units = _unit_words()
    words, out, i = text.split(), [], 0
    while i < len(words):
        unit = next((len(u) for u in units if [w.lower() for w in words[i:i + len(u)]] == u), 0)
        j = i + unit
        while unit and j < len(words) and words[j][:1].isupper():
            j += 1
        if unit and j > i + unit:
            out.append(" ")
            i = j
        else:
            out.append(words[i])
            i += 1
    return " ".join(out)


@lru_cache(maxsize=1)
def _citation_rx() -> re.Pattern[str]:
    """A citation inside a folded title ('nghi quyet so 71/nq-cp ngay 01/4/2025'): two titles naming the same
    document share those words without one narrowing the other."""
    kinds = "|".join(sorted(map(re.escape, load_rules("references").data["doc_type_words"]), key=len, reverse=True))
    return re.compile(rf"(?:\b(?:{kinds})\s+)?(?:\bso\s+)?\b\d+[\w.]*[/-][\w/.-]+"
                      r"(?:\s+ngay\s+\d{1,2}(?:[/.-]\d{1,2}[/.-]\d{4}|\s+thang\s+\d{1,2}\s+nam\s+\d{4}))?")


def _title_words(text: str | None) -> list[str]:
    """A title's folded words without what opens it (ban hành, phê duyệt, về việc …), without its horizon
    (đến năm 2025, định hướng đến năm 2030; giai đoạn 2026 - 2030: rules/vocab.yaml) and the places it names."""
    horizon = load_rules("vocab").data.get("title_horizon")
    folded = fold(_without_places(text or ""))
    folded = _citation_rx().sub(" ", re.sub(horizon, " ", folded) if horizon else folded)
    words = re.findall(r"\w+", folded)
    openers = [fold(o).split() for o in load_rules("vocab").data.get("title_openers") or []]
    changed = True
    while changed:
        changed = False
        for o in openers:
            if words[:len(o)] == o:
                words, changed = words[len(o):], True
    return words


OWN_LEAD = 2  # topic words a title may put before the run of another's it repeats


def _repeats_title(own: list[str], cited: list[str]) -> bool:
    """True when `own` repeats a run of `cited`'s words long enough to be that title narrowed (at least six
    words, half of the cited title): 'Chương trình phát triển tài sản trí tuệ tỉnh Quảng Bình …' under
    'Chương trình phát triển tài sản trí tuệ đến năm 2030'; not two titles sharing 'chuyển đổi số', nor a title
    whose run comes after topics of its own unless the run says most of the cited title (what a title is about
    comes first: 'Quy định chính sách hỗ trợ doanh nghiệp … đổi mới công nghệ, chuyển đổi số và nâng cao năng suất
    lao động …' is no edition of 36/QĐ-TTg's plan; 'Ban hành mục tiêu, chỉ tiêu và một số chính sách thúc đẩy phát
    triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số tỉnh …' is one of 57-NQ/TW's)."""
    if len(cited) < 4:
        return False
    match = SequenceMatcher(None, own, cited, autojunk=False).find_longest_match(0, len(own), 0, len(cited))
    run = match.size
    late = len(_topic_words(own[:match.a])) > OWN_LEAD  # after topics of its own, the run must say most of it
    return run >= min(6, len(cited)) and run >= (NARROWED_SHARE if late else 0.5) * len(cited)


NARROWED_SHARE = 0.75  # a title keeping three quarters of a Căn cứ document's topic words narrows it


@lru_cache(maxsize=1)
def _function_phrases() -> list[list[str]]:
    """The folded words of rules/vocab.yaml `title_function_words`, longest phrase first."""
    return sorted((fold(p).split() for p in load_rules("vocab").data.get("title_function_words") or []),
                  key=len, reverse=True)


def _topic_words(words: list[str]) -> list[str]:
    """A title's words without those naming no topic (kinds of plan, function words: rules/vocab.yaml)."""
    phrases = _function_phrases()
    out, i = [], 0
    while i < len(words):
        hit = next((len(p) for p in phrases if words[i:i + len(p)] == p), 0)
        if not hit and not words[i].isdigit():
            out.append(words[i])
        i += hit or 1
    return out


def _narrows_title(own: list[str], cited: list[str]) -> float:
    """How much of the cited title's topic the own title keeps (the share of its topic words found there):
    'Chuyển đổi số trong hoạt động xây dựng … tỉnh Đồng Tháp' keeps 4 of the 5 of 'Chiến lược chuyển đổi
    số của Bộ Xây dựng'; 0 when the cited title has under three topic words or the own title's first topic
    words are not among them (what it is about comes first)."""
    topic, own_topic = _topic_words(cited), _topic_words(own)
    if len(topic) < 3 or not set(own_topic[:2]) <= set(topic):
        return 0.0  # the own title opens on another topic: 'Đề án Đào tạo, bồi dưỡng … nguồn nhân lực … năng
        # lượng nguyên tử' is no edition of 'Quy hoạch phát triển, ứng dụng năng lượng nguyên tử'
    kept = set(own_topic)
    return sum(w in kept for w in topic) / len(topic)


def _subject_titles(ref: Reference, references: list[Reference], entries: list[dict], depth: int = 3) -> list[str]:
    """The titles that say what `ref` is about: its own, and those of the documents its title says it carries
    out ('Kế hoạch số 512/KH-UBND … về triển khai Nghị quyết số 57-NQ/TW …' is about 57-NQ/TW's subject), from
    the text's other references or the registry, up to `depth` links."""
    titles = [ref.title or ""]
    for number in implemented_in(ref.title)[:2] if depth else []:
        cited = next((r for r in references if r.number == number and r is not ref), None)
        entry = _lookup(entries, number, None) or {}
        if cited is not None and cited.title:
            titles.extend(_subject_titles(cited, references, entries, depth - 1))
        elif entry.get("title"):
            titles.append(entry["title"])
    return titles


def _narrows(own: list[str], words: list[str]) -> bool:
    """True when a title (its words `own`) repeats or narrows another's (its words `words`)."""
    return _repeats_title(own, words) or _narrows_title(own, words) >= NARROWED_SHARE


def _is_edition(own: list[str], ref: Reference, references: list[Reference], entries: list[dict]) -> bool:
    """True when a title (its words `own`) repeats or narrows the subject of `ref` (ANNOTATION.md, parent)."""
    return any(_narrows(own, words) for words in map(_title_words, _subject_titles(ref, references, entries)))


def _editions(doc: Doc, references: list[Reference], entries: list[dict]) -> list[Reference]:
    """*Căn cứ* documents this one is an edition of: named in its title (Kế hoạch triển khai Quyết định số
    …), or whose subject its own title repeats or narrows (a province's programme under the national one, a
    ward's plan under the city's plan that carries out the same national resolution)."""
    title = doc.meta.title or ""
    barred = {fold(t) for t in load_rules("vocab").data.get("not_editions") or []}
    never = {fold(t) for t in load_rules("vocab").data.get("never_parents") or []}
    named = [r for r in references if r.relation == "basis" and r.number  # a circular 'hướng dẫn … theo Nghị
             and fold(r.number) in fold(title.replace(" ", "")) and fold(r.doc_type or "") not in never]
    if named:  # định số 68/2026/NĐ-CP': a decree or a law named by number in the title is what it is an edition of
        return named
    basis = [r for r in references if r.relation == "basis" and r.number and fold(r.doc_type or "") not in barred]
    # a title listing its subjects ('Kế hoạch chuyển đổi cơ cấu cây trồng, phát triển vùng trồng cây ăn quả tập
    # trung …') is about each: each subject after a comma opens a title of its own
    owns = [_title_words(title)] + [_title_words(title[m.end():]) for m in re.finditer(r",\s+", title)]
    return [r for r in basis if any(_is_edition(own, r, references, entries) for own in owns)]


def _next_up(number: str, issuer: str | None, references: list[Reference], entries: list[dict],
             said: dict[str, str]) -> str | None:
    """What `number` implements: the registry's link, else what the text says (a citation nested in its
    description: 'Kế hoạch số 152/KH-UBND … về triển khai Quyết định số 36/QĐ-TTg'), else the registry title."""
    entry = _lookup(entries, number, issuer)
    if entry and entry.get("implements"):
        return entry["implements"]
    if number in said:
        return said[number]
    ref = next((r for r in references if r.number == number), None)
    for title in (ref.title if ref else None, said.get(f"after:{number}"), (entry or {}).get("title")):
        found = [n for n in implemented_in(title) if n != number]
        if found:
            return found[0]
    return None


def _after_mentions(text: str, references: list[Reference]) -> dict[str, str]:
    """The words after each mention of a numbered reference, up to the clause end ('after:<number>'), so a
    description that another mention gives ('Kế hoạch số 126/KH-UBND được ban hành nhằm thực hiện …') counts."""
    out: dict[str, str] = {}
    for ref in references:
        for m in ref.mentions if ref.number else []:
            tail = re.split(r"[.;\n]", text[m.span[1]:m.span[1] + 250], maxsplit=1)[0]
            tail = load_rules("references").rule("ref.title_end").rx.split(tail, maxsplit=1)[0]  # not '(Kèm theo …'
            tail = re.sub(r"\S+$", "", tail) if m.span[1] + 250 < len(text) and len(tail) >= 250 - 1 else tail
            if implemented_in(tail):
                out[f"after:{ref.number}"] = tail
                break
    return out


def _news_says(doc: Doc, subject: Reference, references: list[Reference]) -> dict[str, str]:
    """In a news article, a sentence whose subject is the reported plan and says it carries out another
    document ('Kế hoạch được xây dựng nhằm triển khai Quyết định 36/QĐ-TTg …') links the two."""
    if doc.meta.kind != "news" or not subject.doc_type:
        return {}
    head = r"\s+".join(map(re.escape, subject.doc_type.split()))
    rx = re.compile(rf"(?:[.;!?]\s+|\n)\s*{head}\b(?:\s+(?:này|trên|số\s+\S+))?[^.;\n]{{0,80}}?"
                    r"(?:nhằm|để|là\s+để)?\s*(?:tiếp\s+tục\s+)?(?:triển\s+khai|thực\s+hiện|cụ\s+thể\s+hóa)\b[^.;\n]{0,40}$")
    for ref in references:
        if ref is subject or not ref.number or _ref_level(ref, []) >= _ref_level(subject, []):
            continue
        for m in ref.mentions:
            start = m.span[0]
            if rx.search(("\n" + doc.text[:start]) if start <= 200 else doc.text[start - 200:start]):
                return {subject.number or "": ref.number}
    return {}


def _chain(first: Reference, others: list[Reference], references: list[Reference], entries: list[dict],
           said: dict[str, str]) -> list[str]:
    """Ancestors, nearest first: the parent, then what each one implements (registry, then the text)."""
    chain = [first.number] if first.number else []
    issuer = first.issuer
    number = first.number
    while number and len(chain) < _MAX_CHAIN:
        nxt = _next_up(number, issuer, references, entries, said)
        if not nxt or nxt in chain:
            break
        chain.append(nxt)
        number, issuer = nxt, None
    for ref in others:  # other implemented documents of a higher level, when the registry stops short
        if ref.number and ref.number not in chain and _ref_level(ref, entries) < _ref_level(first, entries):
            chain.append(ref.number)
    return chain


def _news_subject(references: list[Reference], entries: list[dict]) -> Reference | None:
    """The document a news article reports on: the most local numbered one, then the most named."""
    numbered = [r for r in references if r.number]
    if not numbered:
        return None
    return max(numbered, key=lambda r: (_ref_level(r, entries), len(r.mentions),
                                        -r.mentions[0].span[0] if r.mentions else 0))


def _carries_out(ref: Reference, titled: list[Reference], references: list[Reference], said: dict[str, str]) -> bool:
    """True when `ref` says it carries out one of the `titled` documents (in its title, or the words after one
    of its mentions)."""
    numbers = {r.number for r in titled}
    return any(n in numbers for n in implemented_in(ref.title) + implemented_in(said.get(f"after:{ref.number}")))


def _titled_without_number(title: str | None, references: list[Reference]) -> Reference | None:
    """The one Căn cứ document of the kind and issuer a title says it carries out without its number (rules
    `ref.title_programme_carried_out`), or None."""
    m = load_rules("references").rule("ref.title_programme_carried_out").rx.search(title or "")
    if m is None:
        return None
    kind, issuer = fold(m.group("type")).split()[:2], fold(m.group("issuer") or "")
    same = [r for r in references if r.relation == "basis" and r.number and fold(r.doc_type or "").split()[:2] == kind
            and (not issuer or fold(r.issuer or "").startswith(issuer))]
    return same[0] if len(same) == 1 else None


def _implemented(doc: Doc, references: list[Reference], entries: list[dict], said: dict[str, str]
                 ) -> list[Reference]:
    """What the document carries out: its `implements` references (the opening's *Thực hiện* or a title
    that says so); failing that, what the registry says it implements; failing that, the *Căn cứ* documents
    it is an edition of (ANNOTATION.md)."""
    unnumbered = _titled_without_number(doc.meta.title, references)
    if unnumbered is not None:  # 'triển khai Chương trình hành động của UBND tỉnh thực hiện Nghị quyết số 29-NQ/TW …'
        return [unnumbered]
    found = [r for r in references if r.relation == "implements" and (r.number or r.date)]
    editions = _editions(doc, references, entries)
    titled = [r for r in found if r.number and r.number in implemented_in(doc.meta.title)]
    if titled and doc.meta.kind != "news":  # the title says which one it carries out: 'Kế hoạch triển khai thực
        # hiện Nghị quyết số 214/NQ-CP' over the city's strategy its opening also names; but the province's own
        # programme carrying that one out is more specific ('Chương trình hành động số 05-CTr/TU … về thực hiện
        # Nghị quyết số 57-NQ/TW' under a title naming 57-NQ/TW), as is one whose subject the title repeats (the
        # province's plan for 36/QĐ-TTg, named in the opening of a letter whose subject line names 36/QĐ-TTg)
        words = _title_words(doc.meta.title)
        found = titled + [r for r in found if r not in titled and (
            _carries_out(r, titled, references, said) or _is_edition(words, r, references, entries))]
    if found:  # a title naming two documents it carries out names both (… triển khai QĐ 06 và QĐ 3103)
        return found + [r for r in editions if fold(r.number or "") in fold((doc.meta.title or "").replace(" ", ""))]
    if doc.meta.kind == "news":
        subject = _news_subject(references, entries)
        return [subject] if subject else []
    own = _lookup(entries, doc.meta.number, doc.meta.issuer)
    if own:  # a known document: the registry says what it implements (nothing, for a root)
        number = own.get("implements")
        ref = next((r for r in references if number and r.number == number), None)
        return [ref or Reference(None, number, None, None, None, "implements")] if number else []
    return editions


def find_parent(doc: Doc, references: list[Reference],
                registry: Iterable[Mapping[str, Any]] | Mapping[str, Mapping[str, Any]] | None = None,
                ) -> Parent | None:
    """The document this one directly implements (the most local one), with its chain of ancestors.

    `registry` adds known documents (a list of entries or a dict by number, e.g. from
    `registry_from_records`) to the bundled rules/registry.yaml; the caller's entries win."""
    entries = _entries(registry)
    never = {fold(t) for t in load_rules("vocab").data.get("never_parents") or []}
    said = _after_mentions(doc.text, references)
    implemented = _implemented(doc, [r for r in references if fold(r.doc_type or "") not in never], entries, said)
    if not implemented:
        return None
    own = _title_words(doc.meta.title)
    ordered = sorted(implemented, key=lambda r: _specificity(r, entries, own, references))
    best = ordered[0]
    entry = _lookup(entries, best.number, best.issuer) or {}
    return Parent(number=best.number, doc_type=best.doc_type or entry.get("doc_type"),
                  date=best.date or entry.get("date"), issuer=best.issuer or entry.get("issuer"),
                  chain=_chain(best, ordered[1:], references, entries, {**said, **_news_says(doc, best, references)}))


def extend_chains(records: list[Record]) -> list[Record]:
    """Lengthen each record's parent chain with what the other records implement; the records changed."""
    implements: dict[str, str] = {}
    for entry in registry_from_records(r.to_dict() for r in records) + bundled_registry():
        if entry.get("implements"):
            implements.setdefault(entry["number"], canonical_number(entry["implements"]) or entry["implements"])
    changed = []
    for rec in records:
        parent = rec.parent
        if not parent or not parent.chain:
            continue
        chain = list(parent.chain)
        while chain[-1] in implements and implements[chain[-1]] not in chain:
            chain.append(implements[chain[-1]])
        if chain != parent.chain:
            parent.chain = chain
            changed.append(rec)
    return changed
