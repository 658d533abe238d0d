"""Legacy Vietnamese 8-bit encodings (TCVN3/ABC, VNI) -> Unicode. Tables: rules/legacy_encodings.yaml.

Before Unicode, Vietnamese documents were typed in fonts that drew Vietnamese letters at the
code points of Western ones: TCVN3 (.VnTime) puts one letter per byte ("QuyÕt ®Þnh"), VNI
(VNI-Times) writes an ASCII base letter plus a mark byte ("Quyeát ñònh"). Read as cp1252, such
text is mojibake; `convert_legacy` recognises it by how many words become valid Vietnamese
syllables once converted, so normal Unicode or Western text is left alone.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

# ------------------------------------------------------------------ tables


@dataclass(frozen=True)
class _Tables:
    tcvn3_decode: dict[int, str]  # ord(char) -> letter, for str.translate
    tcvn3_encode: dict[str, str]
    vni_decode: dict[str, str]
    vni_encode: dict[str, str]
    vni_regex: re.Pattern[str]
    tcvn3_lower_only: frozenset[str]  # decoded letters whose capital has no TCVN3 code


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    from ..rules import load_rules

    data = load_rules("legacy_encodings").data
    tcvn3_decode = {int(k, 16): v for k, v in data["tcvn3"].items()}
    tcvn3_encode = {v: chr(k) for k, v in tcvn3_decode.items()}
    vni_encode = {k: v for k, v in data["vni"].items()}
    vni_decode = {v: k for k, v in vni_encode.items()}
    seqs = sorted(vni_decode, key=len, reverse=True)
    vni_regex = re.compile("|".join(map(re.escape, seqs)))
    lower_only = frozenset(c for c in tcvn3_encode if c.islower() and c.upper() not in tcvn3_encode)
    return _Tables(tcvn3_decode, tcvn3_encode, vni_decode, vni_encode, vni_regex, lower_only)


def decode_tcvn3(text: str) -> str:
    """TCVN3 text (its bytes read as cp1252/latin-1) -> Unicode, letter case as coded."""
    return text.translate(_tables().tcvn3_decode)


def decode_vni(text: str) -> str:
    """VNI text (its bytes read as cp1252) -> Unicode."""
    t = _tables()
    return t.vni_regex.sub(lambda m: t.vni_decode[m.group(0)], text)


def to_tcvn3(text: str) -> str:
    """Unicode -> TCVN3 (as the cp1252 characters of its bytes). Capitals with a tone mark have no
    code and become the lower-case code, as typists of the time had them drawn by a capital font."""
    enc = _tables().tcvn3_encode
    out = []
    for c in unicodedata.normalize("NFC", text):
        out.append(enc.get(c) or enc.get(c.lower()) or c)
    return "".join(out)


def to_vni(text: str) -> str:
    """Unicode -> VNI (as the cp1252 characters of its bytes)."""
    enc = _tables().vni_encode
    return "".join(enc.get(c, c) for c in unicodedata.normalize("NFC", text))


# ------------------------------------------------------------------ is it Vietnamese?

_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_NUCLEI = set(
    "a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê ui uô uơ uy "
    "ưa ưi ươ ưu yê iêu oai oay oeo uây uôi uya uyê uyu ươi ươu yêu".split()
)
_SYLLABLE = re.compile(
    r"(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?([aăâeêioôơuưy]{1,3})(ch|ng|nh|[cmnpt])?"
)
_EDGE_PUNCT = "\"'()[]{}<>.,;:!?-–—…“”‘’«»/\\*+=%&#@|~^`_"


@lru_cache(maxsize=65536)
def is_vietnamese_syllable(word: str) -> bool:
    """True for a well-formed Vietnamese syllable (any case, at most one tone mark): 'Quyết', 'ĐỊNH'."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for c in decomposed if c in _TONE_MARKS)
    if tones > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    m = _SYLLABLE.fullmatch(bare)
    return m is not None and m.group(2) in _NUCLEI


_MAX_TOKENS = 20000  # enough to judge an encoding; keeps detection fast on huge files


def _tokens(text: str) -> list[str]:
    words = (w.strip(_EDGE_PUNCT) for w in text.split())
    return [t for t in words if t and not t.isdigit()][:_MAX_TOKENS]


_NATIVE = re.compile("[\u1ea0-\u1ef9ĂăĐđĨĩŨũƠơƯư]")


def _native_letters(text: str) -> int:
    """Vietnamese letters outside Latin-1 (ạ, ế, ư, đ ...): only real Unicode text has them."""
    return len(_NATIVE.findall(text))


def _gain(tokens: list[str], decode: Callable[[str], str]) -> tuple[int, int]:
    """(words that became valid syllables minus words that stopped being ones, words changed)."""
    gain = changed = 0
    for tok, count in Counter(tokens).items():
        conv = decode(tok)
        if conv == tok:
            continue
        changed += count
        gain += count * (int(is_vietnamese_syllable(conv)) - int(is_vietnamese_syllable(tok)))
    return gain, changed


def _detect_scored(text: str) -> tuple[str | None, int]:
    """(encoding, words gained) for the legacy encoding `text` is in, or (None, 0)."""
    if not any(0xA0 <= ord(c) <= 0xFF for c in text):
        return None, 0
    # the gain counts words, at most one per word: Unicode Vietnamese, with more native letters than
    # a fifth of its words, is answered before its words are scored
    native = _native_letters(text)
    if native > 0.2 * min(_MAX_TOKENS, len(text.split())):
        return None, 0
    tokens = _tokens(text)
    best, best_gain = None, 0
    for name, decode in (("tcvn3", decode_tcvn3), ("vni", decode_vni)):
        gain, changed = _gain(tokens, decode)
        if changed and gain >= max(1, 0.5 * changed) and gain > best_gain:
            best, best_gain = name, gain
    if best is None or native > 0.2 * best_gain:
        return None, 0
    return best, best_gain


def detect_legacy(text: str) -> str | None:
    """'tcvn3' or 'vni' when `text` is that encoding read as cp1252, else None."""
    return _detect_scored(text)[0]


# ------------------------------------------------------------------ TCVN3 capitals

_WORD = re.compile(r"\S+")
_SENTENCE_START = re.compile(r"(?:^|(?<=[.!?]))(\s*)(\S)")


def _tcvn3_case(src_line: str, line: str, lower_only: frozenset[str]) -> str:
    """Restore capitals TCVN3 could not code, from the case of the letters around them."""
    tcvn_chars = _tables().tcvn3_decode

    def evidence(word: str) -> list[tuple[int, bool]]:
        # (position, is upper) of letters whose case the bytes do record
        return [(i, c.isupper() or ord(c) in tcvn_chars) for i, c in enumerate(word)
                if (c.isascii() and c.isalpha()) or (ord(c) in tcvn_chars and tcvn_chars[ord(c)].isupper())]

    def fires(word: str) -> bool:
        ev = evidence(word)
        has_coded = any(ord(c) in tcvn_chars and tcvn_chars[ord(c)] in lower_only for c in word)
        return has_coded and bool(ev) and all(up for _, up in ev) and any(i > 0 for i, _ in ev)

    src_words = _WORD.findall(src_line)
    words = _WORD.findall(line)
    if len(src_words) != len(words):
        return line
    ev_all = [up for w in src_words for _, up in evidence(w)]
    if any(fires(w) for w in src_words) and len(ev_all) >= 4 and sum(ev_all) >= 0.9 * len(ev_all):
        return line.upper()
    out_words = [w.upper() if fires(s) else w for s, w in zip(src_words, words, strict=True)]
    it = iter(out_words)
    out = _WORD.sub(lambda m: next(it), line)
    # a sentence never starts with a small letter: the capital font drew it
    return _SENTENCE_START.sub(lambda m: m.group(1) + (m.group(2).upper() if m.group(2) in lower_only else m.group(2)),
                               out)


def _decode_tcvn3_text(text: str) -> str:
    lower_only = _tables().tcvn3_lower_only
    lines = text.split("\n")
    return "\n".join(_tcvn3_case(src, decode_tcvn3(src), lower_only) for src in lines)


# ------------------------------------------------------------------ entry points


# Code pages a reader may have guessed for legacy bytes; their text is turned back into the bytes.
_REDECODE = ("cp1258", "cp1250", "cp1254", "cp1257", "iso8859_2", "iso8859_15", "mac_roman")


def _best_reading(text: str) -> tuple[str, str | None]:
    """The reading of `text` (as is, or turned back into bytes and re-read as cp1252) that most
    looks like legacy Vietnamese, with its encoding."""
    best, (enc, gain) = text, _detect_scored(text)
    if any(ord(c) > 0xFF for c in text):
        for codec in _REDECODE:
            try:
                recovered = decode_cp1252(text.encode(codec))
            except UnicodeEncodeError:
                continue
            r_enc, r_gain = _detect_scored(recovered)
            if r_gain > gain:
                best, enc, gain = recovered, r_enc, r_gain
    return best, enc


def convert_legacy(text: str) -> tuple[str, str | None]:
    """Detect TCVN3 or VNI mojibake in decoded `text` and convert it: (text, 'tcvn3'|'vni'|None).

    The text is expected as cp1252/Latin-1 decoded bytes; text another single-byte code page
    decoded (cp1258, cp1250 ...) is turned back into its bytes first."""
    text, enc = _best_reading(text)
    if enc == "tcvn3":
        return unicodedata.normalize("NFC", _decode_tcvn3_text(text)), enc
    if enc == "vni":
        return unicodedata.normalize("NFC", decode_vni(text)), enc
    return text, None


_CP1252_HIGH = {b: (bytes([b]).decode("cp1252", errors="ignore") or chr(b)) for b in range(0x80, 0xA0)}


def decode_cp1252(data: bytes) -> str:
    """Bytes as cp1252, the five bytes cp1252 leaves undefined kept as their Latin-1 characters."""
    return data.decode("latin-1").translate({b: c for b, c in _CP1252_HIGH.items()})


def decode_legacy_bytes(data: bytes) -> tuple[str, str] | None:
    """(Unicode text, 'tcvn3'|'vni') when raw file bytes are TCVN3 or VNI text, else None."""
    text, enc = convert_legacy(decode_cp1252(data))
    return (text, enc) if enc else None


def legacy_font(font_name: str | None) -> str | None:
    """'tcvn3', 'tcvn3_upper' or 'vni' for a legacy font name, else None."""
    if not font_name:
        return None
    from ..rules import load_rules

    rules = load_rules("legacy_encodings")
    if rules.rule("legacy.font_vni").rx.search(font_name):
        return "vni"
    if rules.rule("legacy.font_tcvn3").rx.search(font_name):
        if rules.rule("legacy.font_tcvn3_upper").rx.search(font_name):
            return "tcvn3_upper"
        return "tcvn3"
    return None


@lru_cache(maxsize=1)
def _symbol_table() -> dict[int, str]:
    """Symbol-font code (its low byte) -> the Unicode character it draws."""
    from ..rules import load_rules

    return {int(k, 16): v for k, v in load_rules("legacy_encodings").data["symbol"].items()}


def symbol_char(font_name: str | None, code: str) -> str:
    """The character a Word symbol (<w:sym w:font=… w:char=…/>) draws: the Symbol font's comparisons, arrows
    and marks as Unicode ('F0B3' -> '≥'), letters and digits as themselves; any other symbol font's code as the
    private-use character Word stores ('F0A7' in Wingdings -> U+F0A7, a bullet glyph)."""
    try:
        value = int(code, 16)
    except ValueError:
        return ""
    if (font_name or "").strip().lower() == "symbol":
        return _drawn_by_symbol(value)
    return chr(value) if 0 < value < 0x110000 else ""


def _drawn_by_symbol(value: int) -> str:
    """The character the Symbol font draws for code `value` (its low byte when Word stores it at U+F0xx)."""
    low = value & 0xFF if value >= 0xF000 else value
    return _symbol_table().get(low) or (chr(low) if 0x20 <= low < 0x7F else chr(value) if value < 0x110000 else "")


def decode_symbol_run(text: str) -> str:
    """The text of a run set in the Symbol font, each code read as the character it draws ('³' -> '≥')."""
    return "".join(_drawn_by_symbol(ord(c)) if 0x20 <= ord(c) <= 0xFF or 0xF020 <= ord(c) <= 0xF0FF else c
                   for c in text)


def convert_run(text: str, font_name: str | None) -> str:
    """Convert the text of a DOCX run set in a legacy font (.VnTime, .VnTimeH, VNI-Times ...).

    Text that already holds Vietnamese Unicode letters is returned as is (a converted file
    that kept its old font names)."""
    kind = legacy_font(font_name)
    if kind is None or not text or _native_letters(text):
        return text
    if kind == "vni":
        return unicodedata.normalize("NFC", decode_vni(text))
    out = decode_tcvn3(text)
    return unicodedata.normalize("NFC", out.upper() if kind == "tcvn3_upper" else out)
