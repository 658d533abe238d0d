"""List counters as a word processor or a browser prints them: Word's number formats (`numFmt`) and HTML's
list types (`<ol type>`), for the readers that write a list's automatic numbers into the text."""

from __future__ import annotations

HTML_TYPES = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}
"""An `<ol type>` as the Word number format that prints the same counter."""


def _roman(n: int) -> str:
    """Upper-case Roman numeral of n."""
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + sym, n - value
    return out


def _letters(n: int) -> str:
    """Spreadsheet-style letters of n: 1 -> a, 27 -> aa."""
    s = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        s = chr(97 + r) + s
    return s or "a"


def format_number(n: int, fmt: str) -> str:
    """A list counter in Word's number format: decimal 3, lowerLetter c, upperRoman III."""
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)
