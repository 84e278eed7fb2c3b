"""``singlehtml``: the posts are part of the one page.

The builder inlines the documents of the toctrees into the root document; posts
are orphans, reached through lists, so they would be left out, and every link to
one (``#document-blog/x``) would lead nowhere.  When the root document is
resolved, each post not already inlined is appended to it, resolved and
decorated as on its own page, and wrapped as Sphinx wraps inlined documents
(``start_of_file``, which the HTML writer marks with the ``document-<name>`` id
those links use).
"""

from __future__ import annotations

import inspect

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from .domain import blog_domain


def posts_in_order(app: Sphinx) -> list[str]:
    """Every post, each blog's newest first (blogs by root), then unlisted posts by name."""
    catalog = blog_domain(app.env).catalog
    ordered = [post.docname for root in sorted(catalog.blogs) for post in catalog.blogs[root].posts]
    listed = set(ordered)
    rest = sorted(name for name in blog_domain(app.env).posts if name not in listed)
    return [name for name in ordered + rest if name in app.env.all_docs]


def resolved(app: Sphinx, docname: str) -> nodes.document:
    """The document resolved for this builder (decorations, lists and references included)."""
    if "tags" in inspect.signature(app.env.get_and_resolve_doctree).parameters:  # Sphinx 8.1+
        return app.env.get_and_resolve_doctree(docname, app.builder, tags=app.builder.tags)
    return app.env.get_and_resolve_doctree(docname, app.builder)


def append_posts(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """doctree-resolved of the root document in ``singlehtml``: add the posts it lacks."""
    if app.builder.name != "singlehtml" or docname != app.config.root_doc:
        return
    inlined = {node["docname"] for node in doctree.findall(addnodes.start_of_file)} | {docname}
    # under the root's own top section, so each post's title is a level below the root's
    parent: nodes.Element = next((child for child in doctree.children if isinstance(child, nodes.section)), doctree)
    for name in posts_in_order(app):
        if name in inlined:
            continue
        wrapper = addnodes.start_of_file(docname=name)
        wrapper.extend(list(resolved(app, name).children))
        for section in wrapper.findall(nodes.section):
            section.setdefault("docname", name)
        parent += wrapper


def setup_onepage(app: Sphinx) -> None:
    # after the root's own decorations and lists (priority 500): the posts come decorated
    app.connect("doctree-resolved", append_posts, priority=900)
