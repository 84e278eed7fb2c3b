"""``blog_box``: a block of the extension's markup that themes leave alone.

Docutils' ``container`` is written as ``<div class="docutils container">``, and
themes style ``.container``: pydata-sphinx-theme sets ``width: unset`` on it
(a card grid collapses to one column) and furo zeroes its padding (cards lose
their gutters).  A ``blog_box`` is a container for every builder (Sphinx's
translators fall back to ``visit_container`` along the class's MRO), but HTML
gets a plain ``<div>`` with only its own classes, as sphinx-design's grids do.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx


class blog_box(nodes.container):  # noqa: N801 (docutils node naming)
    """A ``<div>`` with the given classes in HTML; a container elsewhere."""


def box(*children: nodes.Node, classes: list[str]) -> blog_box:
    return blog_box("", *children, classes=list(classes))


def visit_blog_box(self: Any, node: blog_box) -> None:
    self.body.append(self.starttag(node, "div"))


def depart_blog_box(self: Any, node: blog_box) -> None:
    self.body.append("</div>\n")


def setup_boxes(app: Sphinx) -> None:
    app.add_node(blog_box, html=(visit_blog_box, depart_blog_box))
