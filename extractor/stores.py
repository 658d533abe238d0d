"""Choosing the store: a SQLite file (the default) or a PostgreSQL server, by what `--db` names.

`open_store("outputs/vnplan.db")` opens SQLite (`extractor.store.Store`);
`open_store("postgresql://user@host:5432/vnplan")` (or `postgres://`) opens PostgreSQL
(`extractor.store_pg.PgStore`), which has the same methods, tables and search semantics.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

_URL = re.compile(r"^postgres(?:ql)?://", re.IGNORECASE)


def is_url(db: str | Path | None) -> bool:
    """Whether `db` names a PostgreSQL database rather than a SQLite file."""
    return isinstance(db, str) and bool(_URL.match(db))


def shown(db: str | Path) -> str:
    """`db` as printed for a user: a URL without its password."""
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", str(db)) if is_url(db) else str(db)


def open_store(db: str | Path, readonly: bool = False) -> Any:
    """The store at `db`: a `PgStore` for a postgresql:// URL, else a SQLite `Store` (the file)."""
    if is_url(db):
        from .store_pg import PgStore

        return PgStore(str(db), readonly=readonly)
    from .store import Store

    return Store(Path(db), readonly=readonly)


def store_exists(db: str | Path) -> bool:
    """Whether there is something to open read-only (a server is tried when the store is opened)."""
    return is_url(db) or Path(db).exists()
