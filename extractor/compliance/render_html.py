"""The report as one self-contained HTML page: the verdict tables, then the plan's text with its
target verdicts and matched task passages highlighted through the spaCy annotation layer
(`extractor.annotate`) and displaCy's span view. All document text is escaped."""

from __future__ import annotations

import html

from .model import Report
from .render_md import chain_text, describe

CSS = """body{font-family:system-ui,sans-serif;margin:1.5rem auto;max-width:70rem;line-height:1.45;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1rem;width:100%}td,th{border:1px solid #ccc;padding:.25rem .4rem;
vertical-align:top;font-size:.9rem;text-align:left}th{background:#f3f3f3}.v-weaker,.v-missing{background:#fde2e2}
.v-ok{background:#e2f5e2}.v-restated,.v-extra{background:#eef}.v-not_comparable{color:#666}.no{background:#fde2e2}
blockquote{margin:.2rem 0;color:#444;font-size:.85rem}.meta{color:#555}section.text{border-top:2px solid #ddd}"""


def esc(v: object) -> str:
    return html.escape("" if v is None else str(v))


def _spans(report: Report) -> list[tuple[int, int, str]]:
    out = []
    for a in report.parents:
        for t in a.targets:
            if t.plan and t.plan.quote:
                out.append((t.plan.quote.span[0], t.plan.quote.span[1], f"{t.verdict.upper()} {a.number}"))
        for task in a.tasks:
            if task.covered:
                out += [(m.span[0], m.span[1], f"TASK {task.task_id}") for m in task.matches]
    return sorted(set(out))


def text_html(report: Report) -> str:
    """displaCy's span view of the plan text with the report's spans (escaped by displaCy)."""
    from spacy import displacy

    from ..annotate import SPAN_GROUP, blank_vietnamese

    doc = blank_vietnamese().make_doc(report.text)
    group = []
    for s, e, label in _spans(report):
        span = doc.char_span(s, e, label=label, alignment_mode="expand")
        if span is not None:
            group.append(span)
    doc.spans[SPAN_GROUP] = group
    return displacy.render(doc, style="span", options={"spans_key": SPAN_GROUP}, page=False)


def report_fragment(report: Report, heading_level: int = 2) -> str:
    """The verdict tables and problems as an HTML fragment (also used by the web document page)."""
    h, hh = f"h{heading_level}", f"h{heading_level + 1}"
    parts = [f"<p class='meta'>Chain: {esc(chain_text(report))}</p>"]
    for a in report.parents:
        parts.append(f"<{h}>Against {esc(a.number)}</{h}><p class='meta'>{esc(describe(a.info))}"
                     f"{' — ' + esc(a.info.title) if a.info.title else ''}<br>Parent figures and tasks from: "
                     f"{esc('; '.join(a.provenance))}</p>")
        if a.targets:
            rows = "".join(
                f"<tr class='v-{esc(t.verdict)}'><td>{esc(t.indicator_id or t.indicator)}</td><td>{esc(t.year)}</td>"
                f"<td>{esc(t.parent.text() if t.parent else '—')}</td><td>{esc(t.plan.text() if t.plan else '—')}</td>"
                f"<td><b>{esc(t.verdict)}</b></td><td>{esc(t.reason)}</td>"
                f"<td>{esc(t.provenance.label() if t.provenance else '—')}</td>"
                f"<td>{'<blockquote>' + esc(t.plan.quote.quote) + '</blockquote>' if t.plan and t.plan.quote else ''}</td></tr>"
                for t in a.targets)
            parts.append(f"<{hh}>Targets</{hh}><table class='verdicts'><tr><th>indicator</th><th>year</th>"
                         "<th>parent</th><th>plan</th><th>verdict</th><th>why</th><th>parent figure from</th>"
                         f"<th>plan text</th></tr>{rows}</table>")
        if a.tasks:
            covered = sum(t.covered for t in a.tasks)
            rows = "".join(
                f"<tr class='{'' if t.covered else 'no'}'><td>{esc(t.task_id)}</td><td>{esc(t.task)}</td>"
                f"<td>{'yes' if t.covered else 'no'}</td><td>{t.score:.2f} ({t.threshold:g})</td><td>"
                + "".join(f"<blockquote>{esc(m.quote)} <span class='meta'>({m.score:.2f})</span></blockquote>"
                          for m in (t.matches if t.covered else []))
                + "</td></tr>" for t in a.tasks)
            parts.append(f"<{hh}>Tasks: {covered} of {len(a.tasks)} covered</{hh}>"
                         "<table class='tasks'><tr><th>id</th><th>task</th><th>covered</th><th>similarity (needed)</th>"
                         f"<th>plan passages</th></tr>{rows}</table>")
        else:
            parts.append(f"<p>No tasks of {esc(a.number)} are known.</p>")
    items = "".join(f"<li><b>{esc(p.kind)}</b>: {esc(p.message)}"
                    + "".join(f"<blockquote>{esc(q.quote)} <span class='meta'>[{q.span[0]}–{q.span[1]}]</span>"
                              "</blockquote>" for q in p.quotes[:3]) + "</li>" for p in report.problems)
    parts.append(f"<{h}>Problems ({len(report.problems)})</{h}><ul class='problems'>{items}</ul>")
    if report.signatures:
        sigs = "".join(f"<li>{esc(x)}</li>" for x in report.signature_lines())
        parts.append(f"<{h}>Signatures ({len(report.signatures)})</{h}><ul class='signatures'>{sigs}</ul>")
    return "".join(parts)


def to_html(report: Report) -> str:
    """A whole page, no external resource."""
    p = report.plan
    title = f"Compliance report: {p.title or p.doc_id}"
    return (f"<!doctype html><html lang='vi'><head><meta charset='utf-8'><title>{esc(title)}</title>"
            f"<style>{CSS}</style></head><body><h1>{esc(title)}</h1><p class='meta'>Plan: {esc(describe(p))} "
            f"[{esc(p.doc_id)}]</p>{report_fragment(report)}<section class='text'><h2>Text of the plan</h2>"
            f"{text_html(report)}</section></body></html>")
