"""Vietnamese text primitives shared by every stage: numbers, dates, tone placement, folding."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

# Old-style tone placement on the vowel pairs oa, oe, uy -> the placement modern NFC text uses.
_TONE_PLACEMENT = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
_TONE_PLACEMENT |= {k.capitalize(): v.capitalize() for k, v in _TONE_PLACEMENT.items()}
_TONE_PLACEMENT |= {k.upper(): v.upper() for k, v in _TONE_PLACEMENT.items()}


def _pairs_by_first_letter(pairs: list[str]) -> str:
    """The two-letter `pairs` not after q or Q, as one alternative per first letter (o, O, u, U): the
    matcher then looks only at those letters (the look-behind follows the letter for that reason)."""
    seconds: dict[str, list[str]] = {}
    for pair in pairs:
        seconds.setdefault(pair[0], []).append(pair[1])
    return "(?:" + "|".join(f"{re.escape(a)}(?<![qQ]{re.escape(a)})[{''.join(map(re.escape, bs))}]"
                            for a, bs in seconds.items()) + ")"


# Only where the pair ends the syllable (hoà, thuỷ), not inside one (hoàng, khuỷu, quýt).
_TONE_RE = re.compile(_pairs_by_first_letter(list(_TONE_PLACEMENT)) + r"(?![a-zA-Zà-ỹÀ-Ỹđ])")


ODD_SPACES = "\u00a0" + "".join(chr(cp) for cp in range(0x2000, 0x200B)) + "\u202f\u205f\u3000"
"""No-break and other fixed-width spaces (a page's &nbsp;, Word's Ctrl+Shift+Space) that stand for a space."""

# Characters Vietnamese text is typed or converted with in place of its own: the Icelandic eth (Ð U+00D0,
# ð U+00F0) for Đ/đ, as some keyboards, fonts and old converters write it, and the odd spaces for the space.
_LOOK_ALIKES = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111", **dict.fromkeys(ODD_SPACES, " ")})


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def fix_look_alikes(s: str) -> str:
    """Vietnamese letters and plain spaces for their look-alikes: 'ÐỀ ÁN' -> 'ĐỀ ÁN', 'PHỤ\\u00a0LỤC' -> 'PHỤ LỤC'
    (the same length, so offsets hold)."""
    return s.translate(_LOOK_ALIKES)


def fix_tone_placement(s: str) -> str:
    """Move tone marks to one consistent placement: Hoà -> Hòa, Uỷ -> Ủy, thuỷ -> thủy."""
    return _TONE_RE.sub(lambda m: _TONE_PLACEMENT[m.group(0)], s)


def _strip_marks(c: str) -> str:
    c = c.lower().replace("đ", "d")
    return "".join(x for x in unicodedata.normalize("NFD", c) if unicodedata.category(x) != "Mn")


# Every precomposed Latin letter with marks (Vietnamese and others), lower-cased and stripped.
_FOLD_TABLE = {cp: _strip_marks(chr(cp)) for cp in range(0xC0, 0x250)}
_FOLD_TABLE |= {cp: _strip_marks(chr(cp)) for cp in range(0x1E00, 0x1F00)}
_FOLD_TABLE |= {ord(c): c.lower() for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}
_FOLD_TABLE |= {cp: "" for cp in range(0x300, 0x370)}  # stray combining marks
_FOLD_TABLE |= {0xD0: "d", 0xF0: "d"}  # the eth typed for Đ/đ


def fold(s: str) -> str:
    """Lower-case, strip every diacritic and map đ to d: 'Đổi mới' -> 'doi moi'."""
    if not s.isascii():
        s = unicodedata.normalize("NFC", s)
    return s.translate(_FOLD_TABLE)


_NUMBER = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$|^\d+(?:,\d+)?$|^\d+\.\d{1,2}$")


def parse_number(s: str) -> float | None:
    """Read a Vietnamese-written number: '7,5' -> 7.5, '2.500' -> 2500, '01' -> 1, '1.000,5' -> 1000.5."""
    s = s.strip().replace(" ", "")
    if not s or not _NUMBER.match(s):
        return None
    if "," in s:
        whole, frac = s.split(",", 1)
        return float(whole.replace(".", "") + "." + frac)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", s):
        return float(s.replace(".", ""))
    return float(s)


def as_int_if_whole(x: float) -> float | int:
    return int(x) if float(x).is_integer() else x


_DATE_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d{2})(?!\d)")
_DATE_WORDS = re.compile(
    r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+((?:19|20)\d{2})", re.IGNORECASE
)


def iso_date(day: int | str, month: int | str, year: int | str) -> str | None:
    """ISO date string, or None when the parts are not a real date."""
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """Every date in the text, in both written forms, as (start, end, ISO)."""
    found = []
    for rx in (_DATE_NUMERIC, _DATE_WORDS):
        for m in rx.finditer(text):
            iso = iso_date(m.group(1), m.group(2), m.group(3))
            if iso:
                found.append((m.start(), m.end(), iso))
    return sorted(found)


def parse_date(text: str) -> str | None:
    """The first date in `text` as ISO: '11/01/2021' and 'ngày 11 tháng 01 năm 2021' -> '2021-01-11'."""
    dates = find_dates(text)
    return dates[0][2] if dates else None
