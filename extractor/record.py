"""The document record: vnplan's public output contract (see ../shared/spec/RECORD.md).

Plain dataclasses; `to_dict()` gives the JSON shape the schema in `schema/record.schema.json` checks.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

SCHEMA_VERSION = "1"


@dataclass
class Mention:
    """One place in `text` where something is cited."""

    span: list[int]
    quote: str


@dataclass
class Reference:
    """A distinct legal document the text cites; every citation of it is a mention."""

    doc_type: str | None
    number: str | None
    date: str | None
    issuer: str | None
    title: str | None
    relation: str
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
    comparator: str
    value: float
    value_max: float | None
    unit: str | None
    year: int | None
    scope: str | None
    span: list[int]
    quote: str


@dataclass
class Deadline:
    """When a task is due: a date, a year, a range of years, a recurrence, or a start."""

    text: str
    kind: str
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
    span: list[int]
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

    kind: str = "other"
    doc_type: str | None = None
    number: str | None = None
    date: str | None = None
    issuer: str | None = None
    level: str | None = None
    place: str | None = None
    title: str | None = None
    period: dict[str, int | None] | None = None
    signer: str | None = None
    effective: str | None = None  # ISO date the text says it takes effect (added in schema version 1)


@dataclass
class Source:
    """Where the record came from."""

    path: str
    sha256: str
    format: str
    pages: int | None = None
    ocr_pages: list[int] = field(default_factory=list)
    encoding: str | None = None
    converted_from: str | None = None


@dataclass
class Record:
    """One document, read and extracted."""

    doc_id: str
    source: Source
    status: str = "ok"
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
