"""The report as a DOCX a legal officer can edit and send on (python-docx), and as xlsx (openpyxl):
one report, or the monitoring table of every plan under a decision."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .model import VERDICTS, Report
from .render_md import chain_text, describe


def to_docx(report: Report, path: Path) -> Path:
    """Headings, the plan's facts, one verdict table and one task table per parent, the problems."""
    from docx import Document

    doc = Document()
    p = report.plan
    doc.add_heading(f"Báo cáo đối chiếu: {p.title or p.doc_id}", level=1)
    doc.add_paragraph(f"Kế hoạch: {describe(p)}")
    doc.add_paragraph(f"Chain: {chain_text(report)}")
    for a in report.parents:
        doc.add_heading(f"Against {a.number}", level=2)
        doc.add_paragraph(describe(a.info) + (f" — {a.info.title}" if a.info.title else ""))
        doc.add_paragraph("Parent figures and tasks from: " + "; ".join(a.provenance))
        if a.targets:
            doc.add_heading("Targets", level=3)
            rows = [["indicator", "year", "parent", "plan", "verdict", "why", "parent figure from", "plan text"]]
            rows += [[t.indicator_id or t.indicator, str(t.year or "—"), t.parent.text() if t.parent else "—",
                      t.plan.text() if t.plan else "—", t.verdict, t.reason,
                      t.provenance.label() if t.provenance else "—",
                      t.plan.quote.quote if t.plan and t.plan.quote else ""] for t in a.targets]
            _table(doc, rows)
        if a.tasks:
            covered = sum(t.covered for t in a.tasks)
            doc.add_heading(f"Tasks: {covered} of {len(a.tasks)} covered", level=3)
            rows = [["id", "task", "covered", "score", "plan passage"]]
            rows += [[t.task_id, t.task, "yes" if t.covered else "no", f"{t.score:.2f}",
                      t.matches[0].quote if t.matches and t.covered else ""] for t in a.tasks]
            _table(doc, rows)
    doc.add_heading(f"Problems ({len(report.problems)})", level=2)
    for pr in report.problems:
        para = doc.add_paragraph(style="List Bullet")
        para.add_run(f"{pr.kind}: ").bold = True
        para.add_run(pr.message + (f" — “{pr.quotes[0].quote}”" if pr.quotes else ""))
    if report.signatures:
        doc.add_heading(f"Signatures ({len(report.signatures)})", level=2)
        for line in report.signature_lines():
            doc.add_paragraph(line, style="List Bullet")
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


def _table(doc, rows: list[list[str]]) -> None:
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            table.cell(i, j).text = value
            if i == 0:
                for run in table.cell(i, j).paragraphs[0].runs:
                    run.bold = True


def _sheet(wb, title: str, rows: Sequence[Sequence[object]]):
    from openpyxl.styles import Font

    ws = wb.create_sheet(title)
    for row in rows:
        ws.append(row)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    return ws


def to_xlsx(report: Report, path: Path) -> Path:
    """Sheets: targets, tasks, problems."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    _sheet(wb, "targets", [["against", "indicator_id", "indicator", "year", "parent", "plan", "verdict", "why",
                            "parent figure from", "plan quote", "span"]]
           + [[t.against, t.indicator_id, t.indicator, t.year, t.parent.text() if t.parent else None,
               t.plan.text() if t.plan else None, t.verdict, t.reason, t.provenance.label() if t.provenance else None,
               t.plan.quote.quote if t.plan and t.plan.quote else None,
               f"{t.plan.quote.span[0]}-{t.plan.quote.span[1]}" if t.plan and t.plan.quote else None]
              for a in report.parents for t in a.targets])
    _sheet(wb, "tasks", [["against", "task_id", "task", "covered", "score", "best passage", "span"]]
           + [[t.against, t.task_id, t.task, t.covered, t.score, t.matches[0].quote if t.matches else None,
               f"{t.matches[0].span[0]}-{t.matches[0].span[1]}" if t.matches else None]
              for a in report.parents for t in a.tasks])
    _sheet(wb, "problems", [["kind", "message", "quote", "span"]]
           + [[p.kind, p.message, p.quotes[0].quote if p.quotes else None,
               f"{p.quotes[0].span[0]}-{p.quotes[0].span[1]}" if p.quotes else None] for p in report.problems])
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(str(path))
    return path


def monitoring_rows(number: str, reports: list[Report]) -> list[list[object]]:
    """One row per plan checked against `number`: facts, chain, verdict counts, share of tasks covered."""
    head: list[object] = ["doc_id", "number", "date", "issuer", "level", "place", "chain", *VERDICTS, "tasks", "tasks covered",
            "share covered", "problems"]
    rows: list[list[object]] = [head]
    for r in reports:
        a = next(x for x in r.parents if x.number == number)
        counts = a.counts()
        share = a.coverage()
        rows.append([r.plan.doc_id, r.plan.number, r.plan.date, r.plan.issuer, r.plan.level, r.plan.place,
                     chain_text(r), *(counts[v] for v in VERDICTS), len(a.tasks), sum(t.covered for t in a.tasks),
                     None if share is None else round(share, 3), len(r.problems)])
    return rows


def monitoring_xlsx(number: str, reports: list[Report], path: Path) -> Path:
    """The monitoring table of every plan under `number` as one sheet."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    _sheet(wb, "plans", monitoring_rows(number, reports))
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(str(path))
    return path
