"""Heading anchors: the slugs GitHub and Gatsby give headings, and the ids they land on.

Posts written for Gatsby-style sites link to ``/handbook/x#stage-1-beginning``:
the GitHub slug of a heading.  While each document is read, :func:`collect_anchors`
maps every anchor a link may use (heading slugs, ids, ids written in raw HTML) to
the real id in the output, in the blog domain (per document, so ``-j`` reads
merge).  :class:`HeadingSlugLinks` does the same for ``[text](#slug)`` inside a page.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util.nodes import clean_astext

from .domain import blog_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx

# github-slugger (Gatsby's autolink headers): drop all but letters, digits, "_", "-", " "
_SLUG_DROP = re.compile(r"[^\w\- ]")
_RAW_ID = re.compile(r"""\b(?:id|name)\s*=\s*["']([^"'\s]+)["']""")


def github_slug(text: str) -> str:
    """The anchor GitHub/Gatsby give a heading: ``Stage 1: Beginning`` -> ``stage-1-beginning``."""
    return _SLUG_DROP.sub("", text.lower()).replace(" ", "-")


def anchor_table(doctree: nodes.document) -> dict[str, str]:
    """Heading slugs first (deduplicated the GitHub way), then every real id as itself,
    then the ids written in raw HTML (``<a id="...">``); from one walk of the tree."""
    sections: list[nodes.Element] = []
    ids: list[str] = []
    raw_ids: list[str] = []
    for element in doctree.findall(nodes.Element):
        ids.extend(element.get("ids", ()))
        if isinstance(element, nodes.section):
            sections.append(element)
        elif isinstance(element, nodes.raw) and "html" in element.get("format", "").split():
            raw_ids.extend(_RAW_ID.findall(element.astext()))
    table: dict[str, str] = {}
    for section in sections:
        # a post's H1 comes from its frontmatter: on the old site it took no slug
        if not section["ids"] or "blog-post" in section["classes"]:
            continue
        if not section.children or not isinstance(section[0], nodes.title):
            continue
        base = github_slug(clean_astext(section[0]))
        slug, number = base, 1
        while slug in table:
            slug, number = f"{base}-{number}", number + 1
        table[slug] = section["ids"][0]
    for ident in (*ids, *raw_ids):
        table.setdefault(ident, ident)
    return table


def collect_anchors(app: Sphinx, doctree: nodes.document) -> None:
    """doctree-read: the anchor table of the document just read."""
    blog_domain(app.env).anchors[app.env.docname] = anchor_table(doctree)


class HeadingSlugLinks(SphinxTransform):
    """``[text](#slug)`` within a page, with GitHub's slug of one of its headings.

    MyST's ResolveAnchorIds (priority 879) knows only its own slugs and names, so
    this runs just before it and points such links at the section's real id.
    """

    default_priority = 870

    def apply(self, **kwargs: Any) -> None:
        links = [ref for ref in self.document.findall(nodes.reference) if ref.get("id_link")]
        if not links:
            return
        table = anchor_table(self.document)
        myst_slugs = getattr(self.document, "myst_slugs", {})
        for ref in links:
            name = ref["refuri"][1:]
            if name in self.document.nameids or name in self.document.ids or name in myst_slugs:
                continue  # MyST resolves these itself
            if name in table:
                del ref["refuri"], ref["id_link"]
                ref["refid"] = table[name]
                ref["internal"] = True


def setup_anchors(app: Sphinx) -> None:
    app.connect("doctree-read", collect_anchors)
    app.add_transform(HeadingSlugLinks)
