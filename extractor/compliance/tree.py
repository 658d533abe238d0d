"""`tree`: every known document implementing a number, recursively, and those that only cite it
or report on it (news), listed apart."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from .model import DocInfo
from .parent import doc_info, registry_info
from .sources import Sources, record_chain


@dataclass
class TreeNode:
    """A document in the tree: stored (with its doc_id) or known only by number (registry)."""

    info: DocInfo
    stored: bool
    children: list[TreeNode] = field(default_factory=list)


@dataclass
class Mention:
    """A document that cites the number or reports on it, without implementing it."""

    info: DocInfo
    relation: str


@dataclass
class Tree:
    """The implementation tree of `root`, plus the documents listed apart."""

    root: TreeNode
    apart: list[Mention]

    def to_dict(self) -> dict[str, Any]:
        return {"root": _node_dict(self.root), "apart": [asdict(m) for m in self.apart]}

    def walk(self):
        """(depth, node) of every node under the root, depth first."""
        stack = [(1, c) for c in reversed(self.root.children)]
        while stack:
            depth, node = stack.pop()
            yield depth, node
            stack += [(depth + 1, c) for c in reversed(node.children)]


def _node_dict(n: TreeNode) -> dict[str, Any]:
    return {**asdict(n.info), "stored": n.stored, "children": [_node_dict(c) for c in n.children]}


def _info(number: str, sources: Sources) -> tuple[DocInfo, bool]:
    stored = [r for r in sources.by_number(number) if (r.get("meta") or {}).get("kind") != "news"]
    return (doc_info(stored[0]), True) if stored else (registry_info(number), False)


def tree(number: str, sources: Sources) -> Tree:
    """The documents implementing `number` (through every level of their chains) and those listed apart."""
    info, stored = _info(number, sources)
    root = TreeNode(info, stored)
    nodes: dict[str, TreeNode] = {number: root}
    apart: list[Mention] = []
    for rec in sources.related(number):
        m = rec.get("meta") or {}
        chain = record_chain(rec)
        if m.get("kind") == "news" or number not in chain:
            relation = "reports on" if m.get("kind") == "news" else next(
                (r.get("relation") or "cites" for r in rec.get("references") or [] if r.get("number") == number), "cites")
            apart.append(Mention(doc_info(rec), relation))
            continue
        parent = root
        for n in reversed(chain[: chain.index(number)]):
            if n not in nodes:
                i, s = _info(n, sources)
                nodes[n] = TreeNode(i, s)
                parent.children.append(nodes[n])
            parent = nodes[n]
        key = m.get("number") or rec["doc_id"]
        if key in nodes:  # the stored text of a number already placed from a chain
            nodes[key].info, nodes[key].stored = doc_info(rec), True
            if nodes[key] not in parent.children:
                parent.children.append(nodes[key])
            continue
        nodes[key] = TreeNode(doc_info(rec), True)
        parent.children.append(nodes[key])
    for node in nodes.values():
        node.children.sort(key=lambda c: (c.info.date or "", c.info.number or c.info.doc_id or ""))
    return Tree(root, apart)


def format_tree(t: Tree) -> str:
    """The tree as indented text lines: number, date, issuer, level (doc_id when stored)."""
    def line(info: DocInfo, stored: bool) -> str:
        label = info.number or "(no number)"
        facts = " · ".join(x for x in (info.date, info.issuer, info.level) if x)
        where = f" [{info.doc_id}]" if stored and info.doc_id else " (not stored)"
        return f"{label} — {facts}{where}" if facts else f"{label}{where}"

    lines = [line(t.root.info, t.root.stored)]
    lines += ["  " * d + "└ " + line(n.info, n.stored) for d, n in t.walk()]
    if t.apart:
        lines += ["", "Only citing or reporting on it (not implementing):"]
        lines += [f"  {m.relation}: {m.info.doc_id} ({m.info.kind or 'document'}"
                  + (f", {m.info.number}" if m.info.number else "") + (f", {m.info.date}" if m.info.date else "")
                  + (f", {m.info.place}" if m.info.place else "") + ")" for m in t.apart]
    return "\n".join(lines)
