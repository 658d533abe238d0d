"""The report as Markdown (the terminal default) and as JSON."""

from __future__ import annotations

import json

from .model import Against, DocInfo, Report

VERDICT_WORDS = {"ok": "ok", "weaker": "**weaker**", "missing": "**missing**", "extra": "extra",
                 "restated": "restated", "not_comparable": "not comparable"}


def to_json(report: Report) -> str:
    """The JSON of `Report.to_dict()`, UTF-8 kept."""
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2)


def cell(s: object, limit: int = 160) -> str:
    """A Markdown table cell: one line, pipes escaped, long text cut."""
    text = " ".join(str("" if s is None else s).split()).replace("|", "\\|")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe(d: DocInfo) -> str:
    """'114/KH-UBND, 2021-05-11, Ủy ban nhân dân tỉnh Yên Bái (province)'."""
    parts = [d.number or "(no number)", d.date, d.issuer]
    return ", ".join(p for p in parts if p) + (f" ({d.level})" if d.level else "")


def chain_text(report: Report) -> str:
    """The plan's chain, nearest first: '2109/QĐ-UBND → 36/QĐ-TTg'."""
    return " → ".join((c.number or "?") + ("" if c.doc_id else " (not stored)") for c in report.chain) or "none known"


def _against_md(a: Against) -> list[str]:
    counts = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in a.counts().items() if v)
    out = [f"## Against {a.number}", "", f"{describe(a.info)}" + (f" — {a.info.title}" if a.info.title else ""), "",
           f"Parent figures and tasks from: {'; '.join(a.provenance)}.", "", f"Target verdicts: {counts or 'none'}.", ""]
    if a.targets:
        out += ["| indicator | year | parent | plan | verdict | why | parent figure from | plan text |",
                "|---|---|---|---|---|---|---|---|"]
        for t in a.targets:
            out.append("| " + " | ".join([
                cell(t.indicator_id or t.indicator, 60), cell(t.year or "—"),
                cell(t.parent.text() if t.parent else "—"), cell(t.plan.text() if t.plan else "—"),
                VERDICT_WORDS[t.verdict], cell(t.reason, 120), cell(t.provenance.label() if t.provenance else "—", 90),
                cell(f"“{t.plan.quote.quote}” [{t.plan.quote.span[0]}–{t.plan.quote.span[1]}]"
                     if t.plan and t.plan.quote else "—", 200)]) + " |")
        out.append("")
    if a.tasks:
        covered = sum(t.covered for t in a.tasks)
        out += [f"### Tasks of {a.number}: {covered} of {len(a.tasks)} covered", "",
                "| task | covered | similarity (needed) | best plan passage |", "|---|---|---|---|"]
        for task in a.tasks:
            m = task.matches[0] if task.matches else None
            out.append(f"| {cell(task.task_id + '. ' + task.task, 140)} | {'yes' if task.covered else '**no**'} | "
                       f"{task.score:.2f} ({task.threshold:g}) | "
                       + (cell(f"“{m.quote}” [{m.span[0]}–{m.span[1]}]", 220) if m else "—") + " |")
        uncovered = [t for t in a.tasks if not t.covered]
        if uncovered:
            out += ["", "Not covered: " + "; ".join(f"{t.task_id} ({cell(t.task, 70)})" for t in uncovered) + "."]
        out.append("")
    else:
        out += [f"No tasks of {a.number} are known (its text is not stored and the registry lists none).", ""]
    return out


def to_markdown(report: Report) -> str:
    """The whole report as Markdown: plan, chain, one section per parent, problems."""
    p = report.plan
    out = [f"# Compliance report: {p.title or p.doc_id}", "",
           f"Plan: {describe(p)}" + (f" [{p.doc_id}]" if p.doc_id else ""), "", f"Chain: {chain_text(report)}", ""]
    if report.signatures:
        out += [f"## Signatures ({len(report.signatures)})", ""] + [f"- {cell(x, 300)}" for x in report.signature_lines()] + [""]
    for a in report.parents:
        out += _against_md(a)
    out += [f"## Problems ({len(report.problems)})", ""]
    for pr in report.problems:
        q = pr.quotes[0] if pr.quotes else None
        more = f" (+{len(pr.quotes) - 1} more)" if len(pr.quotes) > 1 else ""
        out.append(f"- {pr.kind}: {cell(pr.message, 200)}"
                   + (f" — “{cell(q.quote, 160)}” [{q.span[0]}–{q.span[1]}]{more}" if q else ""))
    return "\n".join(out).rstrip() + "\n"
