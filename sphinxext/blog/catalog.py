"""The catalog: everything derived from all posts, computed once per build.

Blogs (one per ``rootpage``), their listed posts newest first, and their tags,
categories, authors and years, with the page name of every generated page.
Built in O(posts) and then only read.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from sphinx.util.i18n import format_date

from .authors import Author
from .frontmatter import Post

__all__ = ["Blog", "Catalog", "slugify"]

TERM_KINDS = ("tag", "category", "author", "year")
# folder of each kind's pages below the blog root
KIND_FOLDERS = {"tag": "tags", "category": "categories", "author": "authors", "year": "archive"}


def slugify(name: str) -> str:
    """A readable URL segment: lowercase, letters of any script kept, the rest as '-'."""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = re.sub(r"[^\w]+", "-", text).strip("-_")
    return text or "-"


def utc_now() -> dt.datetime:
    """Now, or ``SOURCE_DATE_EPOCH`` when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC)


def is_draft(post: Post, config: Any, now: dt.datetime) -> bool:
    """Drafts are built but listed nowhere: ``draft``, no date, or a future date."""
    if post.draft or post.date is None:
        return True
    return post.date > now and config.blog_future_posts == "draft"


def listing_key(post: Post) -> tuple[Any, ...]:
    """What lists show of a post: when it changes, every list showing the post changes."""
    return (post.docname, post.title, post.date, post.authors, post.tags, post.categories,
            post.excerpt, post.image, post.image_alt, post.reading_time)


def date_text(post: Post, config: Any) -> str:
    """The post's date as readers see it (``blog_date_format``, in the site's language)."""
    if post.date is None:
        return ""
    return _formatted_date(config.blog_date_format, post.date, config.language)


@functools.lru_cache(maxsize=65536)
def _formatted_date(form: str, date: dt.datetime, language: str) -> str:
    # Babel's formatting costs about half a millisecond; a post's date is shown
    # on its page, in its list entries and in sidebars
    return format_date(form, date=date, language=language)


def link_key(post: Post) -> tuple[Any, ...]:
    """What a link to a post shows (sidebars, previous/next, related): its title and date."""
    return (post.docname, post.title, post.date)


def post_sort_key(post: Post) -> tuple[dt.datetime, str]:
    return (post.date or dt.datetime.min.replace(tzinfo=dt.UTC), post.docname)


@dataclass
class Blog:
    """One collection of posts (one ``rootpage``) and its generated pages."""

    root: str
    index_page: str
    posts: list[Post] = field(default_factory=list)  # listed posts, newest first
    terms: dict[str, dict[str, list[Post]]] = field(default_factory=dict)  # kind -> name -> posts
    slugs: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, name) -> slug

    def term_page(self, kind: str, name: str) -> str | None:
        slug = self.slugs.get((kind, name))
        return f"{self.root}/{KIND_FOLDERS[kind]}/{slug}" if slug else None

    def kind_index_page(self, kind: str) -> str:
        return f"{self.root}/{KIND_FOLDERS[kind]}/index"

    def neighbours(self, post: Post) -> tuple[Post | None, Post | None]:
        """(newer, older) post next to ``post`` in this blog."""
        position = self.positions().get(post.docname)
        if position is None:
            return None, None
        newer = self.posts[position - 1] if position > 0 else None
        older = self.posts[position + 1] if position + 1 < len(self.posts) else None
        return newer, older

    def tag_positions(self) -> dict[str, list[int]]:
        """tag -> positions in ``posts`` of the posts with it; computed once."""
        found: dict[str, list[int]] | None = getattr(self, "_tag_position_cache", None)
        if found is None:
            position = self.positions()
            found = {tag: [position[post.docname] for post in posts]
                     for tag, posts in self.terms.get("tag", {}).items()}
            self._tag_position_cache = found
        return found

    def positions(self) -> dict[str, int]:
        """docname -> index in ``posts`` (newest first); computed once."""
        positions: dict[str, int] | None = getattr(self, "_position_cache", None)
        if positions is None:
            positions = {post.docname: index for index, post in enumerate(self.posts)}
            self._position_cache = positions
        return positions


class Catalog:
    """All blogs of the site; lookups by docname, slug, alias, tag, category, author."""

    def __init__(
        self,
        config: Any,
        posts: Mapping[str, Post],
        authors: Mapping[str, Author],
        docnames: Iterable[str] = (),
        now: dt.datetime | None = None,
    ) -> None:
        self.config = config
        self.posts = dict(posts)  # a snapshot: the domain's dict changes while reading
        self.authors = authors
        self.now = now or utc_now()
        self.docnames = set(docnames)
        self.by_path: dict[str, Post] = {}
        for post in posts.values():
            for path in (post.slug, *post.aliases):
                if path:
                    self.by_path.setdefault(path.strip("/"), post)
        self.blogs: dict[str, Blog] = {}
        for post in sorted(posts.values(), key=post_sort_key, reverse=True):
            if self.is_listed(post):
                self._blog(post.root).posts.append(post)
        for blog in self.blogs.values():
            self._collect_terms(blog)
        self.generated: dict[str, tuple[Blog, str, str]] = self._generated_pages()
        self._digest: str | None = None
        # per-build caches of what templates show (see html.py): docname -> view, and
        # (list, blog, folder) -> sidebar items
        self.views: dict[str, dict[str, Any]] = {}
        self.sidebar_cache: dict[tuple[Any, ...], Any] = {}
        self._term_lists: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.related_cache: dict[tuple[str, int], list[Post]] = {}

    # -- which posts are listed --------------------------------------------------

    def is_listed(self, post: Post) -> bool:
        if self.config.blog_show_drafts:
            return True
        return not post.unlisted and not is_draft(post, self.config, self.now)

    # -- building ----------------------------------------------------------------

    def _blog(self, root: str) -> Blog:
        if root not in self.blogs:
            index = f"{root}/index"
            if index in self.docnames or root in self.docnames:
                index = f"{root}/posts"
            self.blogs[root] = Blog(root=root, index_page=index)
        return self.blogs[root]

    def _collect_terms(self, blog: Blog) -> None:
        terms: dict[str, dict[str, list[Post]]] = {kind: {} for kind in TERM_KINDS}
        for post in blog.posts:
            names = {
                "tag": post.tags,
                "category": tuple(dict.fromkeys(post.categories + post.crosspost)),
                "author": post.authors,
                "year": (str(post.date.year),) if post.date else (),
            }
            for kind, values in names.items():
                for value in values:
                    terms[kind].setdefault(value, []).append(post)
        blog.terms = terms
        for kind, by_name in terms.items():
            taken: set[str] = set()
            # sorted, so two names sharing a slug get the same suffixes every build
            for name in sorted(by_name):
                base = slugify(name)
                slug, number = base, 2
                while slug in taken or slug in ("index", "page"):
                    slug, number = f"{base}-{number}", number + 1
                taken.add(slug)
                blog.slugs[(kind, name)] = slug

    def _generated_pages(self) -> dict[str, tuple[Blog, str, str]]:
        """pagename -> (blog, kind, name); kind '' is the blog index, 'tags' etc. indexes."""
        pages: dict[str, tuple[Blog, str, str]] = {}
        for blog in self.blogs.values():
            pages[blog.index_page] = (blog, "", "")
            for kind in TERM_KINDS:
                pages[blog.kind_index_page(kind)] = (blog, KIND_FOLDERS[kind], "")
                for name in blog.terms[kind]:
                    page = blog.term_page(kind, name)
                    assert page is not None
                    pages[page] = (blog, kind, name)
        return pages

    # -- lookups -----------------------------------------------------------------

    def is_generated(self, pagename: str) -> bool:
        return pagename in self.generated

    def find_post(self, target: str, fromdocname: str = "") -> Post | None:
        """A post by docname (absolute or relative), site path, slug or alias."""
        target = target.strip()
        path = target.strip("/")
        candidates = [path, f"{path}/index"]
        if not target.startswith("/") and "/" in fromdocname:
            folder = fromdocname.rsplit("/", 1)[0]
            candidates.insert(0, f"{folder}/{path}")
        for candidate in candidates:
            if candidate in self.posts:
                return self.posts[candidate]
        if path in self.by_path:
            return self.by_path[path]
        # a bare slug under a blog's root: /blog/launch-story
        folder, _, last = path.rpartition("/")
        return self.by_path.get(last) if not folder or folder in self.blogs else None

    def blog_of(self, post: Post | None, kind: str = "", name: str = "") -> Blog | None:
        """The post's own blog, else the first blog that has the term."""
        if post is not None and post.root in self.blogs:
            blog = self.blogs[post.root]
            if not kind or name in blog.terms.get(kind, {}):
                return blog
        for root in sorted(self.blogs):
            blog = self.blogs[root]
            if not kind or name in blog.terms.get(kind, {}):
                return blog
        return None

    def author_page(self, handle: str, from_post: Post | None = None) -> str | None:
        blog = self.blog_of(from_post, "author", handle)
        return blog.term_page("author", handle) if blog else None

    def term_page(self, kind: str, name: str, from_post: Post | None = None) -> tuple[str, str, str] | None:
        """(page, anchor, text) for a tag or category role; the blog index until it has a page."""
        blog = self.blog_of(from_post, kind, name)
        if blog is None:
            return None
        page = blog.term_page(kind, name)
        if page is None:
            return blog.index_page, "", name
        return page, "", name

    def term_list(self, blog: Blog, kind: str) -> list[dict[str, Any]]:
        """A blog's tags (categories, ...) sorted, with page, count and cloud size (1-5)."""
        key = (blog.root, kind)
        if key not in self._term_lists:
            by_name = blog.terms.get(kind, {})
            most = max((len(posts) for posts in by_name.values()), default=1)
            names = sorted(by_name, reverse=(kind == "year"), key=lambda n: (n.casefold(), n))
            self._term_lists[key] = [
                {
                    "name": self.shown_name(kind, name),
                    "page": blog.term_page(kind, name),
                    "count": len(by_name[name]),
                    "size": 1 + (4 * len(by_name[name])) // most if most > 1 else 3,
                }
                for name in names
            ]
        return self._term_lists[key]

    def shown_name(self, kind: str, name: str) -> str:
        """Authors are shown by name, not handle."""
        author = self.authors.get(name) if kind == "author" else None
        return author.name if author else name

    def digest(self) -> str:
        """A fingerprint of what the sidebars show: recent posts and term counts per blog."""
        if self._digest is None:
            recent = self.config.blog_recent_posts
            data = [
                [
                    root,
                    [link_key(post) for post in self.blogs[root].posts[:recent]],
                    {kind: sorted((n, len(p)) for n, p in terms.items())
                     for kind, terms in self.blogs[root].terms.items()},
                ]
                for root in sorted(self.blogs)
            ]
            self._digest = hashlib.sha256(json.dumps(data, default=str).encode()).hexdigest()
        return self._digest

    def inventory_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        """Authors, tags and categories, each at the page its role links to."""
        for kind in ("author", "tag", "category"):
            names = sorted({name for blog in self.blogs.values() for name in blog.terms[kind]})
            for name in names:
                blog = self.blog_of(None, kind, name)
                page = blog.term_page(kind, name) if blog else None
                if page is None:
                    continue
                author = self.authors.get(name) if kind == "author" else None
                yield name, author.name if author else name, kind, page, "", 1
