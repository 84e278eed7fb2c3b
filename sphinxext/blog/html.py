"""HTML pages: sidebars, the post's template context, hideAnchor, the <title>, CSS.

Everything a template shows comes from :mod:`.views`.  Sidebar lists and their
HTML are made once per folder of pages, with links relative to the folder; only
a post's own data (``blog_post``) is made per page.
"""

from __future__ import annotations

import importlib.resources
import re
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape
from sphinx.application import Sphinx
from sphinx.config import Config

from .catalog import Blog
from .domain import BlogDomain, blog_domain
from .frontmatter import Post
from .pagelinks import folder_of, folder_pathto, linked, page_pathto

HERE = Path(__file__).parent
# Sphinx's HTML writer emits heading permalinks in exactly this shape.
_HEADERLINK = re.compile(r'<a class="headerlink" href="#[^"]*" title="[^"]*">.*?</a>', re.DOTALL)


def add_template_and_static_paths(app: Sphinx, config: Config) -> None:
    # appended, so the user's own templates override ours; new lists, because
    # mutating them in place would change the defaults shared by later builds
    config.templates_path = [*config.templates_path, str(HERE / "templates")]
    config.html_static_path = [*config.html_static_path, str(HERE / "static")]


def add_card_stylesheet(app: Sphinx) -> None:
    """Cards use sphinx-design's classes, so its stylesheet comes with them.

    Only the stylesheet: the extension itself (loaded when the user lists
    ``sphinx_design``, which then adds the stylesheet) would run its transforms
    on every document, for directives a blog may not use.
    """
    if app.builder.format != "html" or "sphinx_design" in app.extensions:
        return
    app.config.html_static_path.append(str(importlib.resources.files("sphinx_design") / "static"))
    app.add_css_file("sphinx-design.min.css")


def page_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    domain = blog_domain(app.env)
    post = domain.posts.get(pagename)
    if not app.builder.name.endswith(("json", "pickle")):  # serialising builders: data only
        context["blog"] = SidebarData(app, domain, pagename, context, post)
    if post is None:
        return
    pathto = page_pathto(app.builder, pagename)
    context["blog_post"] = linked(domain.views.entry(post), pathto, app.env.images)
    sidebars = app.config.blog_sidebars.get(post.sidebar) if post.sidebar else None
    if sidebars is not None:
        context["sidebars"] = list(sidebars)
    if post.meta_title:  # themes show the title as HTML (a document's is rendered markup)
        context["title"] = str(escape(post.meta_title))
    if post.hide_anchor:
        context["body"] = _HEADERLINK.sub("", context.get("body", ""))
        context["toc"] = ""
        context["display_toc"] = False


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
                 "url": self.pathto(item.page) if item.page else ""} for item in self.views.terms(blog.root, kind)]

    def index_url(self) -> str:
        blog = self.current
        return str(self.pathto(blog.index_page)) if blog else ""


def setup_html(app: Sphinx) -> None:
    app.connect("config-inited", add_template_and_static_paths)
    app.connect("builder-inited", add_card_stylesheet)
    app.connect("html-page-context", page_context)
    app.add_css_file("blog.css")
