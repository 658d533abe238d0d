"""The document record: vnplan's public output contract (see ../shared/spec/RECORD.md).

Plain dataclasses; `to_dict()` gives the JSON shape the schema in `schema/record.schema.json` checks,
and `Record.from_dict()` reads it back (tests/test_record_model.py proves the schema and these
dataclasses agree: every field, every enum).
"""

from __future__ import annotations

import dataclasses
import json
import types
from dataclasses import asdict, dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any, Literal, TypedDict, Union, get_args, get_origin, get_type_hints

SCHEMA_VERSION = "1"

# The enums of the record, as the schema lists them.
Status = Literal["ok", "partial", "error"]
Format = Literal["txt", "html", "pdf", "docx", "doc", "unknown"]
Kind = Literal["decision", "resolution", "decree", "circular", "law", "plan", "program", "directive",
               "official_letter", "report", "news", "other"]
Level = Literal["national", "province", "district", "commune"]
DateSource = Literal["text", "stamp", "signature"]
Relation = Literal["implements", "basis", "amends", "replaces", "cites"]
Comparator = Literal[">", ">=", "~", "=", "<=", "<", "range"]
DeadlineKind = Literal["date", "year", "range", "recurring", "from"]
SignerKind = Literal["person", "organisation"]
Coverage = Literal["entire_file", "earlier_revision", "partial", "unclear"]
ChangesAfter = Literal["none", "validation_data", "form_filling", "annotations", "other"]
Trust = Literal["checked", "not checked"]

Span = list[int]
"""Character offsets [start, end) into the record's `text`."""


def as_format(value: str) -> Format:
    """`value` when it is a record format, else 'unknown' (a reader's own names such as 'image' or 'zip')."""
    for f in get_args(Format):
        if value == f:
            return f
    return "unknown"


class Period(TypedDict):
    """The years a plan covers (either end may be unknown)."""

    start: int | None
    end: int | None


class RecordError(ValueError):
    """A dict that is not a record: an unknown key or a value outside its enum."""


@dataclass
class Mention:
    """One place in `text` where something is cited."""

    span: Span
    quote: str


@dataclass
class Reference:
    """A distinct legal document the text cites; every citation of it is a mention."""

    doc_type: str | None
    number: str | None
    date: str | None
    issuer: str | None
    title: str | None
    relation: Relation
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Parent:
    """The document this one directly implements, with its known ancestors (nearest first)."""

    number: str | None
    doc_type: str | None
    date: str | None
    issuer: str | None
    chain: list[str] = field(default_factory=list)


@dataclass
class Target:
    """A quantitative aim the text sets."""

    indicator: str
    indicator_id: str | None
    comparator: Comparator
    value: float
    value_max: float | None
    unit: str | None
    year: int | None
    scope: str | None
    span: Span
    quote: str
    ocr_confidence: float | None = None  # confidence of the OCR words holding its digits (OCR text only)


@dataclass
class Deadline:
    """When a task is due: a date, a year, a range of years, a recurrence, or a start."""

    text: str
    kind: DeadlineKind
    start: int | None = None
    end: int | None = None
    date: str | None = None


@dataclass
class Obligation:
    """A task that named bodies must carry out."""

    task: str
    lead: list[str]
    support: list[str]
    deadline: Deadline | None
    span: Span
    quote: str
    section: str | None = None


@dataclass
class Section:
    """A heading of the section tree, with its extent in `text`."""

    id: str
    number: str | None
    title: str
    level: int
    start: int
    end: int


@dataclass
class Meta:
    """What the document says about itself (header block, title, signature)."""

    kind: Kind = "other"
    doc_type: str | None = None
    number: str | None = None
    date: str | None = None
    issuer: str | None = None
    level: Level | None = None
    place: str | None = None
    title: str | None = None
    period: Period | None = None
    signer: str | None = None
    effective: str | None = None  # ISO date the text says it takes effect (added in schema version 1)
    date_source: DateSource | None = None  # where `date` comes from: text, stamp or signature
    ocr_confidence: dict[str, float] | None = None  # OCR word confidence (0-100) of number and date


@dataclass
class Signature:
    """One digital signature of a PDF (see README, *Signatures*)."""

    field: str
    signer: str | None = None  # the certificate subject's common name
    organisation: str | None = None  # its organisation (O)
    unit: str | None = None  # its organisational unit (OU)
    issuer: str | None = None  # the certificate authority that issued it
    kind: SignerKind | None = None  # person, or organisation (the office's seal)
    signed_at: str | None = None  # the signer's clock, ISO 8601 in Vietnam time
    timestamp: str | None = None  # the time-stamp authority's time, when the signature has one
    revision: int | None = None  # the file revision it signs (1 = the first)
    intact: bool = False  # the signed bytes are unchanged
    valid: bool = False  # intact and the cryptographic signature verifies
    coverage: Coverage | None = None  # entire_file, earlier_revision, partial, unclear
    changes_after: ChangesAfter | None = None  # none, validation_data, form_filling, annotations, other
    trust: Trust = "not checked"  # checked or not checked
    trust_reason: str = ""


@dataclass
class StampedText:
    """Text a PDF annotation draws into a line (a number or day stamped at signing)."""

    page: int
    text: str
    line: str


@dataclass
class Source:
    """Where the record came from."""

    path: str
    sha256: str
    format: Format
    pages: int | None = None
    ocr_pages: list[int] = field(default_factory=list)
    encoding: str | None = None
    converted_from: str | None = None
    signatures: list[Signature] = field(default_factory=list)
    stamped: list[StampedText] = field(default_factory=list)


@dataclass
class Record:
    """One document, read and extracted."""

    doc_id: str
    source: Source
    status: Status = "ok"
    errors: list[str] = field(default_factory=list)
    meta: Meta = field(default_factory=Meta)
    references: list[Reference] = field(default_factory=list)
    parent: Parent | None = None
    targets: list[Target] = field(default_factory=list)
    obligations: list[Obligation] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    text: str = ""
    schema_version: str = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready dict, keys in the order RECORD.md lists them."""
        d = asdict(self)
        order = ["schema_version", "doc_id", "source", "status", "errors", "meta", "references", "parent",
                 "targets", "obligations", "sections", "text"]
        return {k: d[k] for k in order} | {k: v for k, v in d.items() if k not in order}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        """The record a `to_dict()` dict (or a record JSON file) holds. A missing key takes its field's
        default, or the empty value of its type (so partial records such as golds load); an unknown key
        or a value outside its enum raises RecordError."""
        return _build(cls, data, "record")


def _empty(tp: Any) -> Any:
    """The value a missing field without default takes: None, [], '', 0, or an empty dataclass."""
    origin = get_origin(tp)
    if origin in (Union, types.UnionType) and type(None) in get_args(tp):
        return None
    if origin is list:
        return []
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _build(tp, {}, tp.__name__)
    if origin is Literal:
        return get_args(tp)[0]
    return {str: "", int: 0, float: 0.0, bool: False}.get(tp)


def _convert(tp: Any, value: Any, where: str) -> Any:
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        if value is None and type(None) in get_args(tp):
            return None
        (inner,) = [a for a in get_args(tp) if a is not type(None)]
        return _convert(inner, value, where)
    if origin is Literal:
        if value not in get_args(tp):
            raise RecordError(f"{where}: {value!r} is not one of {list(get_args(tp))}")
        return value
    if origin is list:
        (item,) = get_args(tp)
        return [_convert(item, v, f"{where}[{i}]") for i, v in enumerate(value)]
    if dataclasses.is_dataclass(tp) and isinstance(value, dict):
        return _build(tp, value, where)
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def _build(cls: Any, data: dict[str, Any], where: str) -> Any:
    hints = _hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise RecordError(f"{where}: unknown key(s) {', '.join(unknown)}")
    kwargs = {}
    for name, f in fields.items():
        if name in data:
            kwargs[name] = _convert(hints[name], data[name], f"{where}.{name}")
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            kwargs[name] = _empty(hints[name])
    return cls(**kwargs)


@lru_cache(maxsize=1)
def record_schema() -> dict[str, Any]:
    """The JSON schema of the record, shipped inside the package."""
    text = resources.files("extractor").joinpath("schema/record.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def validate_record(record: dict[str, Any]) -> list[str]:
    """Schema problems of a record dict, as readable strings (empty when valid)."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(record_schema())
    return [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(record)]
