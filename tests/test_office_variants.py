"""The real gold (`tests/real/`) in the shapes offices, crawlers and copy-paste leave documents in, each scored
against the same gold: copied text with tab-separated rows (with and without the line breaks of their cells, with
list items copied with a tab after their marks),
pipe rows with no rule, html2text's Markdown, Đ typed as Ð, a page's no-break spaces, a DOCX whose TT column Word
numbers, the page LibreOffice saves it as, and the PDF printed from it with its header rows repeated on each page.
Each stays at the floors of the DOCX form (README, Quality, "The same documents as offices and crawlers leave
them")."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.pipeline import extract_file, write_json_atomic
from tests.formats import copied_text, real_docx, retyped, soffice_convert, word_numbered
from tests.shared_score import score

pytestmark = pytest.mark.slow

GOLD = Path(__file__).resolve().parent / "real"
TXTS = sorted(GOLD.glob("*.txt"))
FLOORS = {("references", "f1"): 0.97, ("targets", "f1"): 0.94, ("roles", "f1"): 0.93,
          ("obligations", "f1"): 0.95, ("parent", "accuracy"): 0.95}
PDF_FLOORS = {**FLOORS, ("roles", "f1"): 0.91, ("obligations", "f1"): 0.93}
VARIANTS = ("tabs", "tab-breaks", "tab-lists", "pipes", "gfm", "eth", "nbsp", "numbered-docx", "office-html", "repeat-pdf")


@pytest.fixture(scope="module")
def variants(tmp_path_factory) -> dict[str, Path]:
    """variant -> folder of the 9 documents in that shape."""
    root = tmp_path_factory.mktemp("variants")
    docxs = [real_docx(t, root / "docx" / f"{t.stem}.docx") for t in TXTS]
    for d in docxs:
        for layout in ("tabs", "tab-breaks", "tab-lists", "pipes", "gfm"):
            copied_text(d, root / layout / f"{d.stem}.txt", layout)
        word_numbered(d, root / "numbered-docx" / d.name)
        word_numbered(d, root / "repeat" / d.name, repeat_header=True)
    for t in TXTS:
        for how in ("eth", "nbsp"):
            retyped(t, root / how / t.name, how)
    soffice_convert(docxs, root / "office-html", "html")
    soffice_convert(sorted((root / "repeat").glob("*.docx")), root / "repeat-pdf", "pdf", timeout=900)
    return {v: root / v for v in VARIANTS}


@pytest.fixture(scope="module")
def scores(variants, tmp_path_factory) -> dict[str, dict]:
    out = {}
    for name, folder in variants.items():
        preds = tmp_path_factory.mktemp(f"pred-{name}")
        for path in sorted(folder.iterdir()):
            record = extract_file(path, doc_id=path.stem)
            assert record.status == "ok", (name, path.name, record.errors)
            write_json_atomic(preds / f"{path.stem}.json", record.to_dict())
        out[name] = score(GOLD, preds, verbose=True)
    return out


@pytest.mark.parametrize("variant", VARIANTS)
def test_each_shape_scores_as_the_docx(scores, variant):
    floors = PDF_FLOORS if variant.endswith("pdf") else FLOORS
    low = {f"{field} {stat}": scores[variant][field][stat] for field, stat in floors
           if scores[variant][field][stat] < floors[(field, stat)]}
    assert low == {}, scores[variant]["misses"]
