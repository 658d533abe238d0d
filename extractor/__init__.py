"""vnplan: document intelligence for Vietnamese government plan texts.

`extract_file(path)` reads one file into a record (see `extractor.record`); the stages live in
one module each: ingest, normalize, structure, meta, references, targets, obligations, link,
store, search.
"""

__version__ = "0.1.0"

from .pipeline import extract_file  # noqa: E402

__all__ = ["extract_file", "__version__"]
