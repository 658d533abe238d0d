"""Numbers read by OCR are never guessed: low-confidence or unparsable ones are left out.

Tesseract gives every word a confidence (0-100). The header number and date of a record whose
first page was OCR-ed carry the confidence of the words holding their digits
(`meta.ocr_confidence`); below `LOW_CONFIDENCE` they are set to null with a warning, and a
number or date line that OCR turned into stray letters is reported the same way. Targets
read from OCR text carry `ocr_confidence` too, and those below the threshold are listed in a
warning. Any warning makes the record `partial` (its `errors` is no longer empty).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..record import Record

LOW_CONFIDENCE = 80.0
"""Tesseract word confidence below which a digit is not trusted (clean print reads 90-97)."""


def _runs(s: str) -> list[int]:
    return [int(d) for d in re.findall(r"\d+", s)]


def digits_confidence(groups: list[int], words: list[tuple[str, float]]) -> float | None:
    """Confidence of a value whose digit groups are `groups`: for each group, the best word
    holding it (alone or in sequence with the next groups); the lowest of those. None when no
    word holds the first group (the value was not read by OCR)."""
    if not groups:
        return None
    found: list[float] = []
    for k, g in enumerate(groups):
        best = None
        for text, conf in words:
            runs = _runs(text)
            if g in runs and (best is None or conf > best):
                best = conf
        if best is None:
            if k == 0:
                return None
            best = 0.0
        found.append(best)
    return round(min(found), 1)


def check_ocr(record: Record, words: dict[int, list[tuple[str, float]]]) -> None:
    """Apply the confidence rules to a record read (wholly or partly) by OCR."""
    if not record.source.ocr_pages:
        return
    from ..rules import load_rules

    rules = load_rules("ocr_checks")
    meta, warnings = record.meta, []
    head = record.text[:1500]
    if 0 in record.source.ocr_pages:
        page = words.get(0, [])
        conf: dict[str, float] = {}
        if meta.number:
            c = digits_confidence(_runs(meta.number.split("/")[0]), page)
            conf["number"] = c if c is not None else 0.0
            if conf["number"] < LOW_CONFIDENCE:
                warnings.append(f"warning: the document number read by OCR ({meta.number}, confidence "
                                f"{conf['number']:.0f}) is uncertain and was left empty")
                meta.number = None
        elif (m := rules.rule("ocr.number_line_loose").rx.search(head)) is not None:
            warnings.append(f"warning: the document number on the scan could not be read "
                            f"(OCR gave {m.group(0).strip()!r}); it was left empty")
        if meta.date and meta.date_source in (None, "text"):
            y, mo, d = (int(x) for x in meta.date.split("-"))
            c = digits_confidence([d, mo, y], page)
            conf["date"] = c if c is not None else 0.0
            if conf["date"] < LOW_CONFIDENCE:
                warnings.append(f"warning: the date read by OCR ({meta.date}, confidence {conf['date']:.0f}) "
                                f"is uncertain and was left empty")
                meta.date, meta.date_source = None, None
        elif meta.date is None and (m := rules.rule("ocr.dateline_loose").rx.search(head)) is not None:
            warnings.append(f"warning: the date on the scan could not be read (OCR gave "
                            f"{' '.join(m.group(0).split())!r}); no date was taken from the text")
        meta.ocr_confidence = conf or None
    every = [w for page in sorted(words) for w in words[page]]
    low = []
    for t in record.targets:
        t.ocr_confidence = digits_confidence(_runs(_number_text(t.value)), every)
        if t.ocr_confidence is not None and t.ocr_confidence < LOW_CONFIDENCE:
            low.append(f"{t.quote[:60]!r} (confidence {t.ocr_confidence:.0f})")
    if low:
        warnings.append(f"warning: {len(low)} target(s) rest on low-confidence OCR digits: " + "; ".join(low))
    if warnings:
        record.errors.extend(warnings)
        if record.status == "ok":
            record.status = "partial"


def _number_text(value: float) -> str:
    """A target value as its digits are printed ('7.5' -> '7.5', '80.0' -> '80')."""
    return f"{value:g}" if value == value else ""
