"""HTML pages: sidebars, the post's template context, hideAnchor, the <title>, CSS.

Everything a template shows comes from the catalog, built once per build; per page
only the handful of links it shows are made relative to that page.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.i18n import format_date

from .authors import Author
from .catalog import Blog, Catalog
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


def page_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    domain = blog_domain(app.env)
    catalog = domain.catalog
    pathto = context["pathto"]
    post = domain.posts.get(pagename)
    if not app.builder.name.endswith(("json", "pickle")):  # serialising builders: data only
        context["blog"] = SidebarData(catalog, app.config, pathto, post, app.env.images)
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


def date_text(post: Post, config: Config) -> str:
    if post.date is None:
        return ""
    return format_date(config.blog_date_format, date=post.date, language=config.language)


def author_link(catalog: Catalog, author: Author | None, handle: str, post: Post | None, pathto: Any) -> str:
    page = catalog.author_page(handle, post)
    if page:
        return str(pathto(page))
    return author.url if author else ""


def post_view(post: Post, catalog: Catalog, config: Config, pathto: Any, images: Any) -> dict[str, Any]:
    """What templates show of a post, with links relative to the current page."""
    blog = catalog.blog_of(post)
    authors = []
    for handle in post.authors:
        author = catalog.authors.get(handle)
        authors.append({
            "handle": handle,
            "name": author.name if author else handle,
            "role": author.role if author else "",
            "url": author_link(catalog, author, handle, post, pathto),
            "avatar": image_url(author.image, images, pathto) if author else "",
        })

    def terms(kind: str, names: tuple[str, ...]) -> list[dict[str, str]]:
        found = [(name, blog.term_page(kind, name) if blog else None) for name in names]
        return [{"name": name, "url": pathto(page) if page else ""} for name, page in found]

    return {
        "title": post.title,
        "url": pathto(post.docname),
        "date": date_text(post, config),
        "iso_date": post.date.isoformat() if post.date else "",
        "authors": authors,
        "categories": terms("category", post.categories),
        "tags": terms("tag", post.tags),
        "reading_time": post.reading_time,
        "excerpt": post.excerpt,
        "image": image_url(post.image, images, pathto),
        "image_alt": post.image_alt or post.title,
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


class SidebarData:
    """The ``blog`` object sidebar templates use; lists come precomputed from the catalog."""

    def __init__(self, catalog: Catalog, config: Config, pathto: Any, post: Post | None, images: Any) -> None:
        self.images = images
        self.catalog = catalog
        self.config = config
        self.pathto = pathto
        self.post = post

    @property
    def current(self) -> Blog | None:
        return self.catalog.blog_of(self.post)

    def recent(self, count: int | None = None) -> list[dict[str, Any]]:
        blog = self.current
        if blog is None:
            return []
        posts = blog.posts[: count or self.config.blog_recent_posts]
        return [post_view(post, self.catalog, self.config, self.pathto, self.images) for post in posts]

    def terms(self, kind: str) -> list[dict[str, Any]]:
        """Names, links, counts and cloud sizes (1-5) of a blog's tags, categories, ..."""
        blog = self.current
        if blog is None:
            return []
        by_name = blog.terms.get(kind, {})
        if not by_name:
            return []
        most = max(len(posts) for posts in by_name.values())
        names = sorted(by_name, reverse=(kind == "year"), key=lambda n: (n.casefold(), n))
        return [
            {
                "name": self._shown(kind, name),
                "url": self.pathto(blog.term_page(kind, name)),
                "count": len(by_name[name]),
                "size": 1 + (4 * len(by_name[name])) // most if most > 1 else 3,
            }
            for name in names
        ]

    def _shown(self, kind: str, name: str) -> str:
        author = self.catalog.authors.get(name) if kind == "author" else None
        return author.name if author else name

    def index_url(self) -> str:
        blog = self.current
        return str(self.pathto(blog.index_page)) if blog else ""


def setup_html(app: Sphinx) -> None:
    app.connect("config-inited", add_template_and_static_paths)
    app.connect("html-page-context", page_context)
    app.add_css_file("blog.css")
