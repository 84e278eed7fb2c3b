"""Generated pages: each blog's index, tag, category, author and year pages, paginated.

They are HTML-only pages (``html-collect-pages``), never files in the user's
source folder.  Their body is rendered from the ``blog/listing.html`` template
into the theme's ``page.html``, so every theme shows them in its own layout.  A
page is written only when what it shows changed (a fingerprint per page, kept
next to the doctrees), so a no-change rebuild writes none of them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from .catalog import KIND_FOLDERS, Blog, Catalog
from .domain import blog_domain
from .frontmatter import Post
from .html import image_url, post_view

TITLES = {
    "tag": "Posts tagged “{}”",
    "category": "Posts in “{}”",
    "author": "Posts by {}",
    "year": "Posts from {}",
    "tags": "Tags",
    "categories": "Categories",
    "authors": "Authors",
    "archive": "Archive",
}
FINGERPRINTS = "blog-pages.json"


def page_names(base: str, count: int) -> list[str]:
    """Names of a list's pages: the first at ``base``, then ``…/page/2``, ``…/page/3``."""
    folder = base[: -len("/index")] if base.endswith("/index") else base
    return [base] + [f"{folder}/page/{number}" for number in range(2, count + 1)]


def make_pathto(builder: Any, pagename: str) -> Any:
    """Like the templates' ``pathto``, for rendering a body before ``handle_page``."""
    here = builder.get_target_uri(pagename)

    def pathto(target: str, resource: bool = False) -> str:
        uri = target if resource else builder.get_target_uri(target)
        return relative_uri(here, uri) or "#"

    return pathto


class PageWriter:
    """Renders the generated pages of one build."""

    def __init__(self, app: Sphinx, catalog: Catalog) -> None:
        self.app = app
        self.builder = app.builder
        self.config = app.config
        self.catalog = catalog
        self.images = app.env.images

    def pages(self) -> Iterator[tuple[str, dict[str, Any]]]:
        for root in sorted(self.catalog.blogs):
            blog = self.catalog.blogs[root]
            yield from self._list_pages(blog, "", "", blog.index_page, blog.posts)
            for kind, folder in KIND_FOLDERS.items():
                yield blog.kind_index_page(kind), self._terms_page(blog, kind, folder)
                for name, posts in blog.terms[kind].items():
                    page = blog.term_page(kind, name)
                    assert page is not None
                    yield from self._list_pages(blog, kind, name, page, posts)

    def _list_pages(
        self, blog: Blog, kind: str, name: str, base: str, posts: list[Post]
    ) -> Iterator[tuple[str, dict[str, Any]]]:
        per_page = self.config.blog_posts_per_page
        count = max(1, -(-len(posts) // per_page))
        names = page_names(base, count)
        title = self._title(blog, kind, name)
        for number, pagename in enumerate(names, start=1):
            pathto = make_pathto(self.builder, pagename)
            chunk = posts[(number - 1) * per_page : number * per_page]
            context = {
                "kind": kind or "index",
                "title": title if number == 1 else f"{title} (page {number})",
                "posts": [post_view(p, self.catalog, self.config, pathto, self.images) for p in chunk],
                "profile": self._profile(name, pathto) if kind == "author" else None,
                "newer": pathto(names[number - 2]) if number > 1 else "",
                "older": pathto(names[number]) if number < count else "",
                "page_number": number,
                "page_count": count,
                "blog_index": pathto(blog.index_page),
            }
            yield pagename, context

    def _terms_page(self, blog: Blog, kind: str, folder: str) -> dict[str, Any]:
        pagename = blog.kind_index_page(kind)
        pathto = make_pathto(self.builder, pagename)
        by_name = blog.terms[kind]
        names = sorted(by_name, reverse=(kind == "year"), key=lambda n: (n.casefold(), n))
        terms = [
            {"name": self._shown(kind, name), "url": pathto(blog.term_page(kind, name)), "count": len(by_name[name])}
            for name in names
        ]
        return {"kind": folder, "title": TITLES[folder], "terms": terms, "posts": [],
                "blog_index": pathto(blog.index_page)}

    def _title(self, blog: Blog, kind: str, name: str) -> str:
        if not kind:
            root_doc = next((d for d in (blog.root, f"{blog.root}/index") if d in self.app.env.titles), None)
            return self.app.env.titles[root_doc].astext() if root_doc else blog.root.rsplit("/", 1)[-1].title()
        return TITLES[kind].format(self._shown(kind, name))

    def _shown(self, kind: str, name: str) -> str:
        author = self.catalog.authors.get(name) if kind == "author" else None
        return author.name if author else name

    def _profile(self, handle: str, pathto: Any) -> dict[str, str]:
        author = self.catalog.authors.get(handle)
        if author is None:
            return {"name": handle, "role": "", "url": "", "avatar": "", "bio": ""}
        return {
            "name": author.name,
            "role": author.role,
            "url": author.url,
            "avatar": image_url(author.image, self.images, pathto),
            "bio": author.bio,
        }

    def render(self, pagename: str, context: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        body = self.builder.templates.render("blog/listing.html", {**context, "pagename": pagename})
        return body, {"title": context["title"], "body": body, "blog_generated": context["kind"]}


def collect_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    if app.builder.format != "html" or not hasattr(app.builder, "templates"):
        return
    catalog = blog_domain(app.env).catalog
    writer = PageWriter(app, catalog)
    store = Path(app.doctreedir) / FINGERPRINTS
    try:
        previous: dict[str, str] = json.loads(store.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        previous = {}
    sidebar_digest = catalog.digest()
    fingerprints: dict[str, str] = {}
    for pagename, context in writer.pages():
        body, page_context = writer.render(pagename, context)
        fingerprint = hashlib.sha256(
            json.dumps([body, page_context["title"], sidebar_digest, app.builder.name]).encode()
        ).hexdigest()
        fingerprints[pagename] = fingerprint
        output = Path(app.builder.get_outfilename(pagename))  # type: ignore[attr-defined]
        if previous.get(pagename) != fingerprint or not output.exists():
            yield pagename, page_context, "page.html"
    for pagename in previous.keys() - fingerprints.keys():
        # a tag or page that no longer exists: its old file would be a stale page
        Path(app.builder.get_outfilename(pagename)).unlink(missing_ok=True)  # type: ignore[attr-defined]
    store.write_text(json.dumps(fingerprints, sort_keys=True), encoding="utf-8")


def setup_pages(app: Sphinx) -> None:
    app.connect("html-collect-pages", collect_pages)
