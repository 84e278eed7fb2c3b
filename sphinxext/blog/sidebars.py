"""What the sidebar templates see (the ``blog`` object), and the widgets made of them.

The same templates show the blog in the theme's sidebars (``html_sidebars``,
``blog_sidebars``; see :mod:`.html`) and inside a page, through the widget
directives (``{recent-posts}``, ...; see :mod:`.widgets`), which themes without
``html_sidebars`` (sphinx-rtd-theme) need.  :func:`render_widget` renders one
for a page, so a widget is exactly the HTML of its sidebar.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup
from sphinx.application import Sphinx

from .catalog import Blog
from .domain import BlogDomain, blog_domain, writes_generated_pages
from .frontmatter import Post
from .i18n import N_
from .pagelinks import folder_of, folder_pathto, linked, page_pathto


@dataclass(frozen=True)
class Widget:
    """A sidebar template that can also be placed in a page, and what it lists."""

    template: str
    heading: str
    kind: str  # "recent", "post" or a kind of term ("tag", "category", "author", "year")


#: directive name -> widget; ``{blog-widget} <name>`` takes the same names.  The headings
#: are the templates' own labels, translated where they are shown (builders without templates)
WIDGETS = {
    "recent-posts": Widget("blog/recentposts.html", N_("Recent posts"), "recent"),
    "tag-cloud": Widget("blog/tagcloud.html", N_("Tags"), "tag"),
    "tag-list": Widget("blog/tags.html", N_("Tags"), "tag"),
    "category-list": Widget("blog/categories.html", N_("Categories"), "category"),
    "author-list": Widget("blog/authors.html", N_("Authors"), "author"),
    "archive-list": Widget("blog/archives.html", N_("Archives"), "year"),
    "post-info": Widget("blog/postinfo.html", N_("About this post"), "post"),
}


class SidebarData:
    """The ``blog`` object sidebar templates use.

    What it gives is the same on every page of a folder (all posts of a blog share
    one): links are relative to the folder.  So the lists are computed once per
    folder, and so is the HTML of the sidebars that show them (:meth:`shared`).
    """

    def __init__(self, app: Sphinx, domain: BlogDomain, pagename: str, context: dict[str, Any],
                 post: Post | None) -> None:
        self.domain = domain
        self.views = domain.views
        self.config = app.config
        self.images = app.env.images
        self.templates = getattr(app.builder, "templates", None)
        self.context = context
        self.post = post
        self.builder = app.builder
        self.folder = folder_of(app.builder, pagename)
        self.pathto = folder_pathto(app.builder, self.folder)

    @property
    def current(self) -> Blog | None:
        return self.views.catalog.blog_of(self.post)

    def shared(self, template: str, **variables: Any) -> Markup:
        """``template`` rendered with the page's context and ``variables``, once per
        folder; templates that use only ``blog`` and ``_`` are the same on every page."""
        blog = self.current
        if self.templates is None or blog is None:
            return Markup("")
        key = (template, repr(sorted(variables.items())), blog.root, self.folder)
        rendered = self.domain.state.rendered
        if key not in rendered:
            rendered[key] = self.templates.render(template, {**self.context, **variables})
        return Markup(rendered[key])

    def recent(self, count: int | None = None) -> list[dict[str, Any]]:
        """The newest posts of the blog as links: ``title``, ``url``, ``date``, ``iso_date``."""
        blog = self.current
        if blog is None:
            return []
        posts = blog.posts[: count or self.config.blog_recent_posts]
        return [linked(self.views.link(post), self.pathto, self.images) for post in posts]

    def terms(self, kind: str) -> list[dict[str, Any]]:
        """Names, links, counts and cloud sizes (1-5) of a blog's tags, categories, ..."""
        blog = self.current
        if blog is None:
            return []
        return [{"name": item.name, "page": item.page, "count": item.count, "size": item.size,
                 "url": self.url(item.page)} for item in self.views.terms(blog.root, kind)]

    def archive(self) -> list[dict[str, Any]]:
        """The blog's years, newest first: name, link, count, the year page's title, and months
        (name, link, count), newest first."""
        blog = self.current
        if blog is None:
            return []
        return [{"name": item.year.name, "url": self.url(item.year.page), "count": item.year.count,
                 "title": self.views.page_title(blog, "year", item.year.name),
                 "months": [{"name": month.name, "url": self.url(month.page), "count": month.count}
                            for month in item.months]}
                for item in self.views.archive(blog.root)]

    def index_url(self) -> str:
        blog = self.current
        return self.url(blog.index_page) if blog else ""

    def url(self, page: str | None) -> str:
        """A generated page's link: in this build, else on the web site (``singlehtml``), else ''."""
        if not page:
            return ""
        if writes_generated_pages(self.builder):
            return str(self.pathto(page))
        return self.domain.web_url(page, self.builder)


def post_context(app: Sphinx, pagename: str, post: Post) -> dict[str, Any]:
    """``blog_post``: the post's entry view, linked from ``pagename``.  Builders without
    generated pages (``singlehtml``) link its terms and authors to the web site, or not at all."""
    domain = blog_domain(app.env)
    data = linked(domain.views.entry(post), page_pathto(app.builder, pagename), app.env.images)
    if not writes_generated_pages(app.builder):
        for term in (*data["categories"], *data["tags"]):
            term["url"] = domain.web_url(term["page"], app.builder) if term["page"] else ""
        for author in data["authors"]:
            author["url"] = author["link"] or (domain.web_url(author["page"], app.builder) if author["page"] else "")
    return data


def render_widget(app: Sphinx, pagename: str, widget: Widget, post: Post | None) -> str:
    """The HTML of ``widget``'s template on ``pagename``: what the sidebar would show there."""
    domain = blog_domain(app.env)
    context: dict[str, Any] = {"pagename": pagename}
    context["blog"] = SidebarData(app, domain, pagename, context, post)
    if post is not None:
        context["blog_post"] = post_context(app, pagename, post)
    return str(app.builder.templates.render(widget.template, context))  # type: ignore[attr-defined]
