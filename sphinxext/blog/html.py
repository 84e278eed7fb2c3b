"""HTML pages: sidebars, the post's template context, hideAnchor, the <title>, CSS.

Everything a template shows comes from the catalog, built once per build.  Sidebar
lists and their HTML are made once per folder of pages, with links relative to the
folder; only a post's own data (``blog_post``) is made per page.
"""

from __future__ import annotations

import importlib.resources
import posixpath
import re
from pathlib import Path
from typing import Any

from markupsafe import Markup
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.osutil import relative_uri

from .catalog import Blog, Catalog, date_text
from .domain import blog_domain
from .frontmatter import Post

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
    catalog = domain.catalog
    pathto = context["pathto"]
    post = domain.posts.get(pagename)
    if not app.builder.name.endswith(("json", "pickle")):  # serialising builders: data only
        context["blog"] = SidebarData(app, catalog, pagename, context, post)
    if post is None:
        return
    context["blog_post"] = post_view(post, catalog, app.config, pathto, app.env.images)
    sidebars = app.config.blog_sidebars.get(post.sidebar) if post.sidebar else None
    if sidebars is not None:
        context["sidebars"] = list(sidebars)
    if post.meta_title:
        context["title"] = post.meta_title
    if post.hide_anchor:
        context["body"] = _HEADERLINK.sub("", context.get("body", ""))
        context["toc"] = ""
        context["display_toc"] = False


def base_view(post: Post, catalog: Catalog, config: Config) -> dict[str, Any]:
    """What templates show of a post, with page names for links; computed once per build."""
    cached = catalog.views.get(post.docname)
    if cached is not None:
        return cached
    blog = catalog.blog_of(post)
    authors = []
    for handle in post.authors:
        author = catalog.authors.get(handle)
        authors.append({
            "handle": handle,
            "name": author.name if author else handle,
            "role": author.role if author else "",
            "page": catalog.author_page(handle, post),
            "link": author.url if author else "",
            "avatar": author.image if author else "",
        })

    def terms(kind: str, names: tuple[str, ...]) -> list[dict[str, Any]]:
        return [{"name": name, "page": blog.term_page(kind, name) if blog else None} for name in names]

    view = catalog.views[post.docname] = {
        "title": post.title,
        "page": post.docname,
        "date": date_text(post, config),
        "iso_date": post.date.isoformat() if post.date else "",
        "authors": authors,
        "categories": terms("category", post.categories),
        "tags": terms("tag", post.tags),
        "reading_time": post.reading_time,
        "excerpt": post.excerpt,
        "image": post.image,
        "image_alt": post.image_alt or post.title,
    }
    return view


def post_view(post: Post, catalog: Catalog, config: Config, pathto: Any, images: Any) -> dict[str, Any]:
    """What templates show of a post, with links relative to the current page."""
    view = base_view(post, catalog, config)

    def link(item: dict[str, Any]) -> dict[str, Any]:
        return {**item, "url": pathto(item["page"]) if item["page"] else item.get("link", "")}

    return {
        **view,
        "url": pathto(post.docname),
        "authors": [{**link(a), "avatar": image_url(a["avatar"], images, pathto)} for a in view["authors"]],
        "categories": [link(item) for item in view["categories"]],
        "tags": [link(item) for item in view["tags"]],
        "image": image_url(post.image, images, pathto),
    }


def image_url(image: str | None, images: Any, pathto: Any) -> str:
    """The URL of a featured image or avatar: as is, or where Sphinx copied the file."""
    if not image:
        return ""
    if image.startswith(("http://", "https://", "//")):
        return image
    if image not in images:  # not shown by any document, so not copied
        return ""
    return str(pathto("_images/" + images[image][1], resource=True))


def folder_view(post: Post, catalog: Catalog, builder: Any, folder: str, images: Any) -> dict[str, Any]:
    """A post as lists and sidebars show it, with links relative to ``folder``: made once
    per build for each folder, then shared by every page there that lists the post."""
    key = ("view", post.docname, folder)
    if key not in catalog.sidebar_cache:
        pathto = folder_pathto(builder, folder)
        catalog.sidebar_cache[key] = post_view(post, catalog, catalog.config, pathto, images)
    return catalog.sidebar_cache[key]  # type: ignore[no-any-return]


def folder_pathto(builder: Any, folder: str) -> Any:
    """Like the templates' ``pathto``, but relative to a folder rather than a page.

    A link to the current page is then a plain relative link instead of ``#``, so
    every page of a folder gets exactly the same links.
    """
    base = posixpath.join(folder, "\0")  # a name no page has

    def pathto(target: str, resource: bool = False) -> str:
        if resource and "://" in target:
            return target
        return relative_uri(base, target if resource else builder.get_target_uri(target))

    return pathto


class SidebarData:
    """The ``blog`` object sidebar templates use.

    What it gives is the same on every page of a folder (all posts of a blog share
    one): links are relative to the folder.  So the lists are computed once per
    folder, and so is the HTML of the sidebars that show them (:meth:`shared`).
    """

    def __init__(self, app: Sphinx, catalog: Catalog, pagename: str, context: dict[str, Any],
                 post: Post | None) -> None:
        self.catalog = catalog
        self.config = app.config
        self.images = app.env.images
        self.builder = app.builder
        self.templates = getattr(app.builder, "templates", None)
        self.context = context
        self.post = post
        self.folder = posixpath.dirname(app.builder.get_target_uri(pagename))
        self.pathto = folder_pathto(app.builder, self.folder)

    @property
    def current(self) -> Blog | None:
        return self.catalog.blog_of(self.post)

    def _once(self, key: tuple[Any, ...], compute: Any) -> Any:
        """``compute()`` once per build for this folder."""
        key = (*key, self.folder)
        if key not in self.catalog.sidebar_cache:
            self.catalog.sidebar_cache[key] = compute()
        return self.catalog.sidebar_cache[key]

    def shared(self, template: str, **variables: Any) -> Markup:
        """``template`` rendered with the page's context and ``variables``, once per
        folder; templates that use only ``blog`` and ``_`` are the same on every page."""
        blog = self.current
        if self.templates is None or blog is None:
            return Markup("")
        key = ("html", template, repr(sorted(variables.items())), blog.root)
        return self._once(key, lambda: Markup(self.templates.render(template, {**self.context, **variables})))  # type: ignore[no-any-return]

    def recent(self, count: int | None = None) -> list[dict[str, Any]]:
        blog = self.current
        if blog is None:
            return []
        posts = blog.posts[: count or self.config.blog_recent_posts]
        return [folder_view(post, self.catalog, self.builder, self.folder, self.images) for post in posts]

    def terms(self, kind: str) -> list[dict[str, Any]]:
        """Names, links, counts and cloud sizes (1-5) of a blog's tags, categories, ..."""
        blog = self.current
        if blog is None:
            return []
        return self._once(("terms", blog.root, kind), lambda: [  # type: ignore[no-any-return]
            {**item, "url": self.pathto(item["page"])} for item in self.catalog.term_list(blog, kind)
        ])

    def index_url(self) -> str:
        blog = self.current
        return str(self.pathto(blog.index_page)) if blog else ""


def setup_html(app: Sphinx) -> None:
    app.connect("config-inited", add_template_and_static_paths)
    app.connect("builder-inited", add_card_stylesheet)
    app.connect("html-page-context", page_context)
    app.add_css_file("blog.css")
