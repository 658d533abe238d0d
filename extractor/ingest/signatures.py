"""Digital signatures of a PDF, read and checked with pyHanko (no hand-parsed CMS).

For each signature: who signed (the certificate subject's name and organisation), when (the
signer's clock and, when present, the time-stamp authority's), whether the signed bytes are
intact, what it covers (the whole file, or an earlier revision that later ones extended) and
what changed after it (pyHanko's difference analysis: nothing, form filling, annotations or
more). The trust chain is checked only against roots this machine trusts, offline: the
Vietnamese government CA (Ban Cơ yếu Chính phủ) is in no trust store here and no root is
bundled, so such chains are reported `not checked` with that reason.

`reconcile` compares the record's `meta.signer` with the signatures and, when the text gives
no date, offers the organisation seal's signing date as `meta.date` (`date_source: signature`).
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from functools import lru_cache
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..record import ChangesAfter, Coverage, Signature, Trust

if TYPE_CHECKING:
    from ..record import Record

VIETNAM_TIME = timezone(timedelta(hours=7))
MAX_SIGNATURES = 20
MAX_DIFF_WORK = 100_000
"""pyHanko's difference analysis reads every object of each signed revision (about 1 s per
signature for a tagged 9-page plan of 4,300 objects). Signatures are analysed latest first
while (objects in the file) x (signatures analysed) stays within this bound; the rest get
`changes_after: null` (not analysed). A bound on work, not time, keeps records reproducible."""
_COVERAGE: dict[str, Coverage] = {"ENTIRE_FILE": "entire_file", "ENTIRE_REVISION": "earlier_revision",
             "CONTIGUOUS_BLOCK_FROM_START": "partial", "UNCLEAR": "unclear"}
_CHANGES: dict[str, ChangesAfter] = {"NONE": "none", "LTA_UPDATES": "validation_data", "FORM_FILLING": "form_filling",
            "ANNOTATIONS": "annotations", "OTHER": "other"}


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """pyHanko logs expected conditions (an unknown root, a SHA-1 time stamp) as errors with
    tracebacks; the record says what matters, so they are silenced while it runs."""
    loggers = [logging.getLogger(n) for n in ("pyhanko", "pyhanko_certvalidator")]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        for lg, level in zip(loggers, levels, strict=True):
            lg.setLevel(level)


def _reader_class() -> type:
    """pyHanko's reader with object streams indexed once: its own reader parses a stream's
    whole header for every object it takes out, which made one difference analysis of a
    9-page signed plan take 20 s."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.reader import PdfFileReader

    class IndexedReader(PdfFileReader):
        def _get_object_from_stream(self, idnum: int, stmnum: int, idx: int) -> Any:
            cache = self.__dict__.setdefault("_vnplan_objstm", {})
            if stmnum not in cache:
                try:
                    stream = generic.Reference(stmnum, 0, self).get_object()
                    if not isinstance(stream, generic.StreamObject):
                        raise TypeError(f"object {stmnum} is not an object stream")
                    data = stream.data
                    first = int(stream["/First"])
                    nums = [int(x) for x in data[:first].split()]
                    cache[stmnum] = (data, first, dict(zip(nums[0::2], nums[1::2], strict=False)))
                except Exception:  # noqa: BLE001 - pyHanko's own path reports a bad stream
                    cache[stmnum] = None
            entry = cache[stmnum]
            if entry is None or idnum not in entry[2]:
                return super()._get_object_from_stream(idnum, stmnum, idx)
            data, first, offsets = entry
            buf = BytesIO(data)
            buf.seek(first + offsets[idnum])
            try:
                return generic.read_object(buf, generic.Reference(idnum, 0, self))
            except Exception:  # noqa: BLE001
                return super()._get_object_from_stream(idnum, stmnum, idx)

    return IndexedReader


@lru_cache(maxsize=1)
def _system_roots() -> tuple[Any, ...]:
    """The root certificates this machine trusts (the system CA bundle OpenSSL uses)."""
    import ssl

    from asn1crypto import pem, x509

    paths = ssl.get_default_verify_paths()
    roots = []
    for path in (paths.cafile, paths.openssl_cafile):
        try:
            data = Path(path).read_bytes() if path else b""
        except OSError:
            continue
        for _, _, der in pem.unarmor(data, multiple=True):
            with contextlib.suppress(ValueError):
                roots.append(x509.Certificate.load(der))
        if roots:
            break
    return tuple(roots)


def _name(cert: Any, key: str) -> str | None:
    value = cert.subject.native.get(key)
    if isinstance(value, list):
        value = ", ".join(map(str, value))
    return " ".join(str(value).split()) or None if value else None


def _iso(dt: datetime | None) -> str | None:
    if dt is None:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(VIETNAM_TIME).isoformat(timespec="seconds")


_E = TypeVar("_E")


def _enum(value: Any, table: dict[str, _E]) -> _E | None:
    return table.get(getattr(value, "name", ""), None) if value is not None else None


def _trust(status: Any, cert: Any) -> tuple[Trust, str]:
    """('checked' | 'not checked', why) for the certificate chain."""
    if status.trusted:
        path = status.validation_path
        root = path.trust_anchor.name if path is not None else None
        where = f" to {root}" if root else ""
        return "checked", f"the chain was verified{where} against this machine's trust store (offline: revocation not checked)"
    ca = cert.issuer.native
    who = ca.get("common_name") or "its issuer"
    org = ca.get("organization_name")
    return "not checked", (f"the certificate was issued by {who}" + (f" ({org})" if org else "")
                           + ", whose root certificate is in no trust store on this machine and is not bundled")


def _one(sig: Any, context: Any, diff: bool) -> Signature:
    """One embedded signature, validated (with the difference analysis when `diff`)."""
    from pyhanko.sign.validation import validate_pdf_signature

    cert = sig.signer_cert
    out = Signature(field=str(sig.field_name or ""), signer=_name(cert, "common_name"),
                    organisation=_name(cert, "organization_name"),
                    unit=_name(cert, "organizational_unit_name"),
                    issuer=" ".join(str(cert.issuer.native.get("common_name") or "").split()) or None,
                    signed_at=_iso(sig.self_reported_timestamp), revision=sig.signed_revision + 1)
    status = validate_pdf_signature(sig, context, skip_diff=not diff)
    out.intact, out.valid = bool(status.intact), bool(status.valid)
    out.coverage = _enum(status.coverage, _COVERAGE)
    out.changes_after = _enum(status.modification_level, _CHANGES)
    if status.timestamp_validity is not None:
        out.timestamp = _iso(status.timestamp_validity.timestamp)
    out.trust, out.trust_reason = _trust(status, cert)
    return out


def read_signatures(data: bytes) -> tuple[list[Signature], list[str]]:
    """The digital signatures of PDF bytes, and problems met reading them (never raises)."""
    if b"/ByteRange" not in data:  # no signature dictionary anywhere: skip pyHanko entirely
        return [], []
    try:
        from pyhanko_certvalidator import ValidationContext
    except ImportError:
        return [], ["digital signatures not checked: pyHanko is not installed (pip install pyhanko)"]
    problems: list[str] = []
    out: list[Signature] = []
    with _quiet():
        try:
            reader = _reader_class()(BytesIO(data), strict=False)
            embedded = list(reader.embedded_signatures)
        except Exception as e:  # noqa: BLE001 - a damaged signature structure is reported
            return [], [f"digital signatures could not be read: {type(e).__name__}: {e}"]
        context = ValidationContext(trust_roots=list(_system_roots()), allow_fetching=False)
        objects = max(1, sum(1 for _ in reader.xrefs.explicit_refs_in_revision(0)))
        # latest first: each later revision's objects are then read once for all the earlier ones
        for k, sig in enumerate(reversed(embedded[:MAX_SIGNATURES])):
            try:
                out.insert(0, _one(sig, context, (k + 1) * objects <= MAX_DIFF_WORK))
            except Exception as e:  # noqa: BLE001 - one bad signature must not lose the others
                problems.append(f"signature {sig.field_name}: could not be checked: {type(e).__name__}: {e}")
    if len(embedded) > MAX_SIGNATURES:
        problems.append(f"only the first {MAX_SIGNATURES} of {len(embedded)} signatures were checked")
    return out, problems


# ---------------------------------------------------------------- the record against its signatures


def _fold(s: str) -> str:
    from ..vntext import fold

    return " ".join(fold(s).split())


def reconcile(record: Record) -> None:
    """Check `meta.signer` against the signatures; mark where `meta.date` came from, and offer
    the organisation seal's signing date when the text gives none."""
    from ..rules import load_rules

    meta, sigs = record.meta, record.source.signatures
    if meta.date and meta.date_source is None:
        meta.date_source = "stamp" if _date_stamped(record) else "text"
    if not sigs:
        return
    seal_rx = load_rules("signatures").rule("signature.organisation").rx
    people = [s for s in sigs if s.signer and not seal_rx.match(s.signer)]
    seals = [s for s in sigs if s.signer and seal_rx.match(s.signer)]
    for s in sigs:
        s.kind = "organisation" if s in seals else "person" if s in people else None
    if meta.signer and people and _fold(meta.signer) not in {_fold(p.signer or "") for p in people}:
        names = ", ".join(dict.fromkeys(p.signer or "" for p in people))
        record.errors.append(f"warning: the text names the signer {meta.signer}, but the digital signatures "
                             f"are by {names}")
        if record.status == "ok":
            record.status = "partial"
    if meta.date is None:
        times = sorted(s.signed_at for s in seals if s.signed_at and s.intact)
        if times:
            meta.date, meta.date_source = times[0][:10], "signature"


def _date_stamped(record: Record) -> bool:
    """True when the record's date stands in a line that a signing system stamped."""
    from ..rules import load_rules
    from ..vntext import find_dates

    rx = load_rules("meta").rule("meta.dateline").rx
    for stamp in record.source.stamped:
        m = rx.search(stamp.line)
        found = find_dates(m.group("date")) if m else []
        if m and found and found[0][2] == record.meta.date and re.search(r"\d", stamp.text) \
                and stamp.text in m.group("date"):
            return True
    return False
