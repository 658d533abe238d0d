"""The HTML report in headless Chromium (escaped, no console error), the DOCX through LibreOffice,
and the xlsx of one report."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from extractor.compliance import check
from extractor.compliance.render_html import to_html
from extractor.compliance.render_office import to_docx, to_xlsx

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]
TEXT = "Góp phần đạt mục tiêu tăng năng suất lao động bình quân của tỉnh đạt 6,2%/năm. <script>alert(1)</script> & <b>x</b>"


def hostile_plan() -> dict:
    """A plan whose title and text hold markup."""
    return {"doc_id": "xss", "meta": {"title": "<img src=x onerror=alert(1)>", "level": "province", "kind": "plan"},
            "parent": {"number": "36/QĐ-TTg", "chain": ["36/QĐ-TTg"]}, "references": [], "obligations": [],
            "sections": [], "text": TEXT,
            "targets": [{"indicator": "tăng năng suất lao động bình quân", "indicator_id": "labor_productivity_growth",
                         "comparator": "=", "value": 6.2, "value_max": None, "unit": "%/năm", "year": 2025,
                         "scope": "province", "span": [0, 78], "quote": TEXT[:78]}]}


def test_html_escapes_document_text():
    page = to_html(check(hostile_plan()))
    assert "<script>alert(1)</script>" not in page and "<img src=x" not in page
    assert "&lt;script&gt;" in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "http" not in page.split("<body>")[0]  # nothing loaded from elsewhere


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.mark.slow
@pytest.mark.parametrize("plan", [CORPUS / "yen-bai-114-kh-ubnd-2021.txt", "hostile"])
def test_html_opens_in_chromium_without_console_error(browser, tmp_path, plan):
    report = check(hostile_plan() if plan == "hostile" else plan)
    path = tmp_path / "r.html"
    path.write_text(to_html(report), encoding="utf-8")
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(path.as_uri())
    assert errors == [] and dialogs == []
    first = page.locator("table.verdicts tr").nth(1).inner_text()
    assert "labor_productivity_growth" in first and "weaker" in first
    assert "6,2%/năm" in page.locator("section.text").inner_text()
    if plan == "hostile":
        assert "<script>alert(1)</script>" in page.locator("section.text").inner_text()
    page.close()


@pytest.mark.slow
def test_docx_converts_with_libreoffice(tmp_path):
    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        pytest.skip("LibreOffice is not installed")
    from tests.formats import soffice_convert

    docx = to_docx(check(CORPUS / "yen-bai-114-kh-ubnd-2021.txt"), tmp_path / "r.docx")
    [txt] = soffice_convert([docx], tmp_path / "out", "txt")
    text = txt.read_text(encoding="utf-8-sig")
    assert "Against 36/QĐ-TTg" in text and "weaker" in text and "6.2 %/năm" in text


def test_xlsx_of_one_report(tmp_path):
    from openpyxl import load_workbook

    path = to_xlsx(check(CORPUS / "yen-bai-114-kh-ubnd-2021.txt"), tmp_path / "r.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == ["targets", "tasks", "problems"]
    rows = [r for r in wb["targets"].values][1:]
    assert ("labor_productivity_growth", 2025, "> 7 %/năm", "6.2 %/năm", "weaker") in [r[1:2] + r[3:7] for r in rows]
