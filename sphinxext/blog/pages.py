"""Generated pages: each blog's index, tag, category, author, year and month pages, paginated.

They are HTML-only pages (``html-collect-pages``), never files in the user's
source folder.  Their body is rendered from the ``blog/listing.html`` template
into the theme's ``page.html``, so every theme shows them in its own layout.  A
page is written only when what it shows changed (a fingerprint per page, kept
next to the doctrees), so a no-change rebuild writes none of them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import escape
from sphinx.application import Sphinx

from .catalog import INDEXED_KINDS, KIND_FOLDERS, TERM_KINDS, Blog
from .domain import blog_domain, writes_generated_pages
from .frontmatter import Post
from .i18n import _, html_lang, post_count_label, text_direction
from .images import THUMBNAIL_SIZES, srcset
from .pagelinks import PathTo, folder_of, folder_pathto, image_url, linked, page_pathto
from .views import TermItem, Views, fingerprint_of

FINGERPRINTS = "blog-pages.json"


def page_names(base: str, count: int) -> list[str]:
    """Names of a list's pages: the first at ``base``, then ``…/page/2``, ``…/page/3``."""
    folder = base[: -len("/index")] if base.endswith("/index") else base
    return [base] + [f"{folder}/page/{number}" for number in range(2, count + 1)]


@dataclass
class PageSpec:
    """One generated page, described cheaply: rendering waits until it must be written."""

    pagename: str
    blog: Blog
    kind: str  # "" (blog index), tag, category, author, year, month; or tags, categories, ... (indexes)
    name: str = ""
    posts: list[Post] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # every page of this paginated list
    number: int = 1


class PageWriter:
    """Describes, fingerprints and renders the generated pages of one build."""

    def __init__(self, app: Sphinx, views: Views) -> None:
        self.builder = app.builder
        self.config = app.config
        self.views = views
        self.catalog = views.catalog
        self.images = app.env.images
        self.language = app.config.language
        # a post is listed on several pages of a folder (its tags' pages): linked once per folder
        self._linked: dict[tuple[str, str], dict[str, Any]] = {}
        self._folder_links: dict[str, PathTo] = {}

    def pages(self) -> Iterator[PageSpec]:
        for root in sorted(self.catalog.blogs):
            blog = self.catalog.blogs[root]
            yield from self._list_pages(blog, "", "", blog.index_page, blog.posts)
            for kind in INDEXED_KINDS:
                yield PageSpec(blog.kind_index_page(kind), blog, KIND_FOLDERS[kind])
            for kind in TERM_KINDS:
                for name, posts in blog.terms[kind].items():
                    page = blog.term_page(kind, name)
                    if page is not None:  # an author with ``page: false`` has none
                        yield from self._list_pages(blog, kind, name, page, posts)

    def _list_pages(self, blog: Blog, kind: str, name: str, base: str, posts: list[Post]) -> Iterator[PageSpec]:
        paginated = not kind or self.config.blog_paginate_archives
        per_page = self.config.blog_posts_per_page if paginated else max(len(posts), 1)
        names = page_names(base, max(1, -(-len(posts) // per_page)))
        for number, pagename in enumerate(names, start=1):
            chunk = posts[(number - 1) * per_page : number * per_page]
            yield PageSpec(pagename, blog, kind, name, chunk, names, number)

    def fingerprint(self, spec: PageSpec, build_digest: str) -> str:
        """Everything the page shows (the views it renders), without rendering it."""
        shown: Any
        if spec.kind in KIND_FOLDERS.values():
            shown = self.views.terms(spec.blog.root, _kind_of(spec.kind))
        else:
            shown = tuple(self.views.entry(post) for post in spec.posts)
        author = self.views.author(spec.name) if spec.kind == "author" else None
        months = self._months(spec)
        return fingerprint_of([spec.pagename, spec.kind, spec.name, spec.names, spec.number, shown, author, months,
                               self.views.page_title(spec.blog, spec.kind, spec.name), self._count_label(spec),
                               self.views.term_description(spec.kind, spec.name), build_digest])

    def _months(self, spec: PageSpec) -> tuple[TermItem, ...]:
        """A year's page links to its months."""
        if spec.kind != "year":
            return ()
        return next((year.months for year in self.views.archive(spec.blog.root) if year.year.name == spec.name), ())

    def _count_label(self, spec: PageSpec) -> str:
        """A term page says how many posts it lists in all ("12 posts"), whichever page it is."""
        if spec.kind not in KIND_FOLDERS:
            return ""
        return post_count_label(len(spec.blog.terms[spec.kind][spec.name]), self.language)

    def context(self, spec: PageSpec) -> dict[str, Any]:
        pathto = page_pathto(self.builder, spec.pagename)
        title = self.views.page_title(spec.blog, spec.kind, spec.name)
        language = {"lang": html_lang(self.language), "direction": text_direction(self.language)}
        if spec.kind in KIND_FOLDERS.values():
            items = self.views.terms(spec.blog.root, _kind_of(spec.kind))
            terms = [{"name": item.name, "page": item.page, "count": item.count, "size": item.size,
                      "url": pathto(item.page) if item.page else ""} for item in items]
            return {"kind": spec.kind, "title": title, "terms": terms, "posts": [],
                    "blog_index": pathto(spec.blog.index_page), **language}
        count = len(spec.names)
        folder = folder_of(self.builder, spec.pagename)
        if spec.number > 1:
            # TRANSLATORS: the title of the second and later pages of a long list of posts
            title = _("%(title)s (page %(number)s)") % {"title": title, "number": spec.number}
        return {
            "kind": spec.kind or "index",
            "title": title,
            "count_label": self._count_label(spec),
            "description": self.views.term_description(spec.kind, spec.name),
            "posts": [self._entry(post, folder) for post in spec.posts],
            "profile": self._profile(spec.name, pathto) if spec.kind == "author" else None,
            "months": [{"name": item.name, "count": item.count, "url": pathto(item.page) if item.page else ""}
                       for item in self._months(spec)],
            "newer": pathto(spec.names[spec.number - 2]) if spec.number > 1 else "",
            "older": pathto(spec.names[spec.number]) if spec.number < count else "",
            "page_number": spec.number,
            "page_count": count,
            "blog_index": pathto(spec.blog.index_page),
            **language,
        }

    def _entry(self, post: Post, folder: str) -> dict[str, Any]:
        key = (post.docname, folder)
        if key not in self._linked:
            if folder not in self._folder_links:
                self._folder_links[folder] = folder_pathto(self.builder, folder)
            pathto = self._folder_links[folder]
            entry = self._linked[key] = linked(self.views.entry(post), pathto, self.images)
            entry["image_srcset"] = self._srcset(post, pathto)
            entry["image_sizes"] = THUMBNAIL_SIZES
        return self._linked[key]

    def _srcset(self, post: Post, pathto: PathTo) -> str:
        """The thumbnail's smaller copies (:mod:`.images`); '' without Pillow or copies."""
        if not post.image or not post.image_size or post.image not in self.images:
            return ""
        variants = blog_domain(self.builder.env).image_variants(self.builder)
        candidates = variants.candidates(post.image, self.images[post.image][1], post.image_size, post.docname)
        return srcset(candidates, lambda name: pathto("_images/" + name, resource=True))

    def _profile(self, handle: str, pathto: PathTo) -> dict[str, str]:
        author = self.views.author(handle)
        return {
            "name": author.name,
            "role": author.role,
            "url": author.link,
            "avatar": image_url(author.avatar, self.images, pathto),
            "bio": author.bio,
        }

    def render(self, spec: PageSpec) -> dict[str, Any]:
        context = self.context(spec)
        body = self.builder.templates.render("blog/listing.html", {**context, "pagename": spec.pagename})  # type: ignore[attr-defined]
        # themes show a page's title as HTML (a document's title is rendered markup): escape it
        return {"title": str(escape(context["title"])), "body": body, "blog_generated": context["kind"]}


def _kind_of(folder: str) -> str:
    return next(kind for kind in INDEXED_KINDS if KIND_FOLDERS[kind] == folder)


def build_digest(app: Sphinx, views: Views) -> str:
    """What every generated page depends on: HTML settings, templates, the sidebars' data."""
    build_info = getattr(app.builder, "build_info", None)
    config_hash = getattr(build_info, "config_hash", ""), getattr(build_info, "tags_hash", "")
    templates = getattr(app.builder, "templates", None)
    newest = templates.newest_template_mtime() if templates is not None else 0
    return json.dumps([config_hash, newest, views.sidebar_fingerprint, app.builder.name], default=str)


def collect_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    if not writes_generated_pages(app.builder) or not hasattr(app.builder, "templates"):
        return
    views = blog_domain(app.env).views
    writer = PageWriter(app, views)
    store = Path(app.doctreedir) / FINGERPRINTS
    try:
        previous: dict[str, str] = json.loads(store.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        previous = {}
    digest = build_digest(app, views)
    fingerprints: dict[str, str] = {}
    for spec in writer.pages():
        fingerprint = fingerprints[spec.pagename] = writer.fingerprint(spec, digest)
        output = Path(app.builder.get_outfilename(spec.pagename))  # type: ignore[attr-defined]
        if previous.get(spec.pagename) != fingerprint or not output.exists():
            yield spec.pagename, writer.render(spec), "page.html"
    for pagename in previous.keys() - fingerprints.keys():
        # a tag or page that no longer exists: its old file would be a stale page
        Path(app.builder.get_outfilename(pagename)).unlink(missing_ok=True)  # type: ignore[attr-defined]
    store.write_text(json.dumps(fingerprints, sort_keys=True), encoding="utf-8")


def setup_pages(app: Sphinx) -> None:
    app.connect("html-collect-pages", collect_pages)
