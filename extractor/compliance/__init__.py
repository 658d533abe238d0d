"""Compliance: a plan checked against its parents (`check`), and the plans under a decision (`tree`).

A stage on top of the records: parent side (`parent`), target verdicts (`verdicts`), task
coverage (`coverage`), problems of the plan (`problems`), the report model (`model`) and its
renderers (`render_md`, `render_html`, `render_office`)."""

from .check import CheckError, check, check_all, plans_under
from .model import Report
from .sources import Sources
from .tree import Tree, format_tree, tree

__all__ = ["CheckError", "Report", "Sources", "Tree", "check", "check_all", "format_tree", "plans_under", "tree"]
