"""The sidebar widgets as directives, usable on any page.

``{recent-posts}``, ``{tag-cloud}``, ``{tag-list}``, ``{category-list}``,
``{author-list}``, ``{archive-list}`` and ``{post-info}`` (or ``{blog-widget}``
with one of those names) leave a placeholder while reading; :mod:`.listing`
fills it when the page is written: with the HTML of the sidebar template for
HTML builders, with plain nodes for the others.  ``{post-info}`` shows the
page's own post, or the post named by its argument.
"""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .boxes import box
from .domain import BlogDomain, blog_domain
from .frontmatter import Post
from .i18n import _
from .sidebars import WIDGETS, Widget, render_widget
from .views import TermItem

logger = logging.getLogger(__name__)


class blogwidget(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """Placeholder for a widget: ``widget`` (a name of :data:`.sidebars.WIDGETS`), ``post``
    (the target of ``{post-info}``, '' for the page's own post)."""


class WidgetDirective(SphinxDirective):
    """``{blog-widget} <name> [post]``."""

    required_arguments = 1
    optional_arguments = 1
    option_spec: ClassVar[dict[str, Any]] = {"class": directives.class_option}

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0].strip()
        if name not in WIDGETS:
            logger.warning(f"unknown blog widget {name!r}; known: {', '.join(WIDGETS)}", type="blog",
                           subtype="widget", location=self.get_location())
            return []
        return self.placeholder(name, self.arguments[1].strip() if len(self.arguments) > 1 else "")

    def placeholder(self, name: str, target: str) -> list[nodes.Node]:
        domain = blog_domain(self.env)
        if name == "post-info" and not target and self.env.docname not in domain.posts:
            logger.warning("post-info on a page that is not a post: name a post (``{post-info} blog/x``)",
                           type="blog", subtype="widget", location=self.get_location())
            return []
        node = blogwidget(widget=name, post=target, classes=self.options.get("class", []))
        self.set_source_info(node)
        domain.note_widget(self.env.docname, name, target)
        return [node]


def named(name: str) -> type[WidgetDirective]:
    """The directive ``{<name>}``: the widget ``name``; ``{post-info}`` takes an optional post."""

    class NamedWidget(WidgetDirective):
        required_arguments = 0
        optional_arguments = 1 if name == "post-info" else 0

        def run(self) -> list[nodes.Node]:
            return self.placeholder(name, self.arguments[0].strip() if self.arguments else "")

    NamedWidget.__name__ = f"Widget_{name.replace('-', '_')}"
    return NamedWidget


# -- when the page is written ----------------------------------------------------------


def fill_widgets(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """doctree-resolved: each placeholder becomes its sidebar's HTML, or plain nodes."""
    domain = blog_domain(app.env)
    html = app.builder.format == "html" and hasattr(app.builder, "templates")
    for node in list(doctree.findall(blogwidget)):
        widget = WIDGETS[node["widget"]]
        post = _post_of(domain, node, docname) if widget.kind == "post" else domain.posts.get(docname)
        if widget.kind == "post" and post is None:
            node.replace_self([])
            continue
        if html:
            found: nodes.Element = nodes.raw("", render_widget(app, docname, widget, post), format="html")
        else:
            found = PlainWidget(app, domain, docname).of(widget, post)
        found["classes"].extend(node["classes"])
        node.replace_self(found)


def _post_of(domain: BlogDomain, node: blogwidget, docname: str) -> Post | None:
    if not node["post"]:
        return domain.posts.get(docname)
    post = domain.catalog.find_post(node["post"], docname)
    if post is None:
        logger.warning("unknown post %r", node["post"], type="blog", subtype="ref", location=node)
    return post


class PlainWidget:
    """A widget for builders without templates (LaTeX, text, ...): a rubric and a list."""

    def __init__(self, app: Sphinx, domain: BlogDomain, docname: str) -> None:
        self.builder = app.builder
        self.config = app.config
        self.domain = domain
        self.docname = docname

    def of(self, widget: Widget, post: Post | None) -> nodes.Element:
        name = widget.template.rsplit("/", 1)[-1].removesuffix(".html")
        heading = _(widget.heading)
        found = box(nodes.rubric(heading, heading), classes=["blog-sidebar", f"blog-{name}"])
        items = self.post_facts(post) if widget.kind == "post" and post else self.entries(widget.kind, post)
        if items:
            found += nodes.bullet_list("", *(nodes.list_item("", nodes.paragraph("", "", *item)) for item in items))
        return found

    def link(self, page: str | None, text: str) -> nodes.Element:
        content = nodes.inline(text, text)
        if not page:
            return content
        return self.domain.reference(self.builder, self.docname, page, content, text) or content

    def entries(self, kind: str, post: Post | None) -> list[list[nodes.Node]]:
        views = self.domain.views
        blog = views.catalog.blog_of(post)
        if blog is None:
            return []
        if kind == "recent":
            links = [views.link(other) for other in blog.posts[: self.config.blog_recent_posts]]
            return [[self.link(link.page, link.title), nodes.Text(f" ({link.date})" if link.date else "")]
                    for link in links]
        if kind == "year":  # each year, then its months: "2024 (3): May (2), April (1)"
            return [[self.link(year.year.page, year.year.name), nodes.Text(f" ({year.year.count})"),
                     *self.months(year.months)] for year in views.archive(blog.root)]
        return [[self.link(item.page, item.name), nodes.Text(f" ({item.count})")]
                for item in views.terms(blog.root, kind)]

    def months(self, months: tuple[TermItem, ...]) -> list[nodes.Node]:
        found: list[nodes.Node] = []
        for month in months:
            found += [nodes.Text(", " if found else ": "), self.link(month.page, month.name),
                      nodes.Text(f" ({month.count})")]
        return found

    def post_facts(self, post: Post) -> list[list[nodes.Node]]:
        entry = self.domain.views.entry(post)
        authors = ", ".join(author.name for author in entry.authors)
        when = " · ".join(part for part in (entry.date, entry.reading_label) if part)
        rows: list[list[nodes.Node]] = [[nodes.Text(text)] for text in (authors, when) if text]
        for terms in (entry.categories, entry.tags):
            if terms:
                row: list[nodes.Node] = []
                for term in terms:
                    row += [nodes.Text(", ")] if row else []
                    row.append(self.link(term.page, term.name))
                rows.append(row)
        return rows


def setup_widgets(app: Sphinx) -> None:
    app.add_node(blogwidget)
    app.add_directive("blog-widget", WidgetDirective)
    for name in WIDGETS:
        app.add_directive(name, named(name))
    app.connect("doctree-resolved", fill_widgets)
