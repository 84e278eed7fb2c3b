"""HTML pages: sidebars, the post's template context, hideAnchor, the <title>, CSS.

Everything a template shows comes from :mod:`.views`, through :mod:`.sidebars`.
Sidebar lists and their HTML are made once per folder of pages, with links
relative to the folder; only a post's own data (``blog_post``) is made per page.
"""

from __future__ import annotations

import importlib.resources
import re
from pathlib import Path
from typing import Any

from markupsafe import escape
from sphinx.application import Sphinx
from sphinx.config import Config

from .domain import blog_domain
from .sidebars import SidebarData, post_context

HERE = Path(__file__).parent
#: the class every card has (:mod:`.listing`), and the stylesheet that draws it
_CARD = "sd-card"
SD_STYLESHEET = "sphinx-design.min.css"
# Sphinx's HTML writer emits heading permalinks in exactly this shape.
_HEADERLINK = re.compile(r'<a class="headerlink" href="#[^"]*" title="[^"]*">.*?</a>', re.DOTALL)


def add_template_and_static_paths(app: Sphinx, config: Config) -> None:
    """Our templates and static files, and sphinx-design's stylesheet for the cards.

    At ``config-inited``, before Sphinx compares the configuration with the previous
    build's: added later, every rebuild would find ``html_static_path`` changed and
    write every page again.  Appended, so the user's own templates override ours;
    new lists, because mutating them in place would change the defaults shared by
    later builds.  Only sphinx-design's stylesheet (linked by :func:`card_stylesheet`):
    the extension itself (loaded when the user lists ``sphinx_design``, which then adds
    the stylesheet) would run its transforms on every document, for directives a blog
    may not use.
    """
    config.templates_path = [*config.templates_path, str(HERE / "templates")]
    static = [str(HERE / "static")]
    if "sphinx_design" not in app.extensions:
        static.append(str(importlib.resources.files("sphinx_design") / "static"))
    config.html_static_path = [*config.html_static_path, *static]


def card_stylesheet(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """sphinx-design's stylesheet on the pages that show cards (post lists, author cards),
    not on every page: Sphinx takes a stylesheet added here for this page alone."""
    if "sphinx_design" not in app.extensions and _CARD in context.get("body", ""):
        app.add_css_file(SD_STYLESHEET)


def page_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    domain = blog_domain(app.env)
    post = domain.posts.get(pagename)
    if not app.builder.name.endswith(("json", "pickle")):  # serialising builders: data only
        context["blog"] = SidebarData(app, domain, pagename, context, post)
    if post is None:
        return
    context["blog_post"] = post_context(app, pagename, post)
    sidebars = app.config.blog_sidebars.get(post.sidebar) if post.sidebar else None
    if sidebars is not None:
        context["sidebars"] = list(sidebars)
    if post.meta_title:  # themes show the title as HTML (a document's is rendered markup)
        context["title"] = str(escape(post.meta_title))
    if post.hide_anchor:
        context["body"] = _HEADERLINK.sub("", context.get("body", ""))
        context["toc"] = ""
        context["display_toc"] = False


def setup_html(app: Sphinx) -> None:
    app.connect("config-inited", add_template_and_static_paths)
    app.connect("html-page-context", page_context)
    app.connect("html-page-context", card_stylesheet)
    app.add_css_file("blog.css")
