"""Where documents come from for a check: the records of a batch in memory, and a database.

Both answer the same few questions (a record by doc_id or number, the records that descend
from or cite a number), so the parent side and the tree read them the same way."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..link import bundled_registry
from ..numbers import is_national_number
from ..store import Store
from ..vntext import fold


def record_chain(record: dict[str, Any]) -> list[str]:
    """The numbers a record implements, nearest first (its parent's chain)."""
    parent = record.get("parent") or {}
    chain = list(parent.get("chain") or [])
    if parent.get("number") and parent["number"] not in chain:
        chain.insert(0, parent["number"])
    return chain


@dataclass
class Sources:
    """A batch of records (in memory) and/or a store; batch records win over stored ones."""

    store: Store | None = None
    batch: list[dict[str, Any]] = field(default_factory=list)
    _cache: dict[str, dict[str, Any] | None] = field(default_factory=dict)

    def record(self, doc_id: str) -> dict[str, Any] | None:
        """The full record of a document (text included)."""
        for r in self.batch:
            if r.get("doc_id") == doc_id:
                return r
        if self.store is None:
            return None
        if doc_id not in self._cache:
            self._cache[doc_id] = self.store.get_record(doc_id)
        return self._cache[doc_id]

    def doc_ids(self) -> list[str]:
        """Every known document, batch first."""
        ids = [r["doc_id"] for r in self.batch]
        if self.store is not None:
            ids += [d["doc_id"] for d in self.store.documents(limit=1_000_000) if d["doc_id"] not in ids]
        return ids

    def by_number(self, number: str) -> list[dict[str, Any]]:
        """Records whose own number is `number` (legal documents before news)."""
        out = [r for r in self.batch if (r.get("meta") or {}).get("number") == number]
        if self.store is not None:
            seen = {r["doc_id"] for r in out}
            out += [rec for d in self.store.documents_by_number(number)
                    if d["doc_id"] not in seen and (rec := self.record(d["doc_id"])) is not None]
        return sorted(out, key=lambda r: (r.get("meta") or {}).get("kind") == "news")

    def related(self, number: str) -> list[dict[str, Any]]:
        """Records that descend from `number` or cite it, in doc_id order."""
        out = {r["doc_id"]: r for r in self.batch
               if number in record_chain(r) or any(x.get("number") == number for x in r.get("references") or [])}
        if self.store is not None:
            ids = {d["doc_id"] for d in self.store.descendants(number)} | \
                  {d["doc_id"] for d in self.store.citing(number)}
            for doc_id in ids - set(out):
                rec = self.record(doc_id)
                if rec is not None:
                    out[doc_id] = rec
        return [out[k] for k in sorted(out)]

    def resolve_plan(self, plan: str) -> dict[str, Any] | None:
        """A record by doc_id, else by number (a plan before a news report)."""
        rec = self.record(plan)
        if rec is not None:
            return rec
        found = self.by_number(plan)
        return found[0] if found else None

    def records(self) -> Iterable[dict[str, Any]]:
        """Every known record (loaded one by one from the store)."""
        for doc_id in self.doc_ids():
            rec = self.record(doc_id)
            if rec is not None:
                yield rec


def registry_entry(number: str, issuer: str | None = None) -> dict[str, Any] | None:
    """The registry's entry for a number (rules/registry.yaml); a local number only when the issuers agree."""
    for e in bundled_registry():
        if e.get("number") != number:
            continue
        if issuer and e.get("issuer") and not is_national_number(number) and fold(issuer) != fold(e["issuer"]):
            continue
        return e
    return None
