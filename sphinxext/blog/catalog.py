"""The catalog: everything derived from all posts, computed once per build.

Blogs (one per ``rootpage``), their listed posts newest first, and their tags,
categories, authors, years and months (in the site's time zone), with the page
name of every generated page; the
queries of ``{postlist}`` and the related posts of a post.  Built in O(posts),
then only read (related posts are ranked on first use and kept).  What readers
*see* of all this (names, titles, dates, URLs) is :mod:`.views`' business.
"""

from __future__ import annotations

import datetime as dt
import functools
import heapq
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .authors import Author
from .config import site_zone
from .dates import Zone, month_key, utc_now
from .frontmatter import Post
from .safety import safe_filename
from .terms import Term, TermList

if TYPE_CHECKING:
    from sphinx.config import Config


RELATED_COUNT = 3

TERM_KINDS = ("tag", "category", "author", "year", "month")
# folder of each kind's pages below the blog root; months are in their year's folder
KIND_FOLDERS = {"tag": "tags", "category": "categories", "author": "authors", "year": "archive", "month": "archive"}
#: kinds whose folder has an index page (the archive's lists the years)
INDEXED_KINDS = ("tag", "category", "author", "year")


def is_draft(post: Post, config: Config, now: dt.datetime) -> bool:
    """Drafts are built but listed nowhere: ``draft``, no date, or a future date."""
    if post.draft or post.date is None:
        return True
    return post.date > now and config.blog_future_posts == "draft"


def is_expired(post: Post, now: dt.datetime) -> bool:
    """An expired post (``expires``/``expiryDate`` passed) is built, marked, and listed nowhere."""
    return post.expires is not None and post.expires <= now


def is_hidden(post: Post, config: Config, now: dt.datetime) -> bool:
    """Listed nowhere because of the clock or a flag: a draft, a future post, an expired post."""
    return is_draft(post, config, now) or is_expired(post, now)


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
        position = self.positions.get(post.docname)
        if position is None:
            return None, None
        newer = self.posts[position - 1] if position > 0 else None
        older = self.posts[position + 1] if position + 1 < len(self.posts) else None
        return newer, older

    @functools.cached_property
    def positions(self) -> dict[str, int]:
        """docname -> index in ``posts`` (newest first)."""
        return {post.docname: index for index, post in enumerate(self.posts)}

    @functools.cached_property
    def tag_positions(self) -> dict[str, list[int]]:
        """tag -> positions in ``posts`` of the posts with it."""
        position = self.positions
        return {tag: [position[post.docname] for post in posts] for tag, posts in self.terms.get("tag", {}).items()}


class Catalog:
    """All blogs of the site; lookups by docname, slug, alias, tag, category, author."""

    def __init__(
        self,
        config: Config,
        posts: Mapping[str, Post],
        authors: Mapping[str, Author],
        docnames: Iterable[str] = (),
        now: dt.datetime | None = None,
        lists: Mapping[str, TermList | None] | None = None,
    ) -> None:
        self.config = config
        self.posts = dict(posts)  # a snapshot: the domain's dict changes while reading
        self.authors = authors
        self.lists = lists or {}  # kind -> its allow-list (tags, categories); absent: none
        self.now = now or utc_now()
        self.zone: Zone = site_zone(config)
        self.docnames = set(docnames)
        self.by_path: dict[str, Post] = {}
        for post in posts.values():
            for path in (post.slug, *post.aliases):
                if path:
                    self.by_path.setdefault(path.strip("/"), post)
            if post.slug:  # also by its slug's last part: a dated slug (blog/2021/03/09/x) as /blog/x
                self.by_path.setdefault(post.slug.rsplit("/", 1)[-1], post)
        self.blogs: dict[str, Blog] = {}
        for post in sorted(posts.values(), key=post_sort_key, reverse=True):
            if self.is_listed(post):
                self._blog(post.root).posts.append(post)
        for blog in self.blogs.values():
            self._collect_terms(blog)
        self.generated: dict[str, tuple[Blog, str, str]] = self._generated_pages()
        self._related: dict[str, list[Post]] = {}

    # -- which posts are listed --------------------------------------------------

    def is_listed(self, post: Post) -> bool:
        if self.config.blog_show_drafts:
            return True
        return not post.unlisted and not is_hidden(post, self.config, self.now)

    def published(self, posts: Iterable[Post]) -> tuple[Post, ...]:
        """The newest ``blog_feed_length`` published posts (drafts never, whatever the config)."""
        chosen: list[Post] = []
        for post in posts:
            if post.draft or post.unlisted or is_hidden(post, self.config, self.now):
                continue
            chosen.append(post)
            if len(chosen) >= self.config.blog_feed_length:
                break
        return tuple(chosen)

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
            month = month_key(post.date, self.zone) if post.date else ""
            names = {
                "tag": post.tags,
                "category": tuple(dict.fromkeys(post.categories + post.crosspost)),
                "author": post.authors,
                "year": (month[:4],) if month else (),
                "month": (month,) if month else (),
            }
            for kind, values in names.items():
                for value in values:
                    terms[kind].setdefault(value, []).append(post)
        blog.terms = terms
        for kind, by_name in terms.items():
            if kind == "month":  # 2024-05 -> archive/2024/05, next to the year's page
                blog.slugs.update(((kind, name), name.replace("-", "/")) for name in by_name)
                continue
            blog.slugs.update(self._slugs(kind, by_name))

    def _slugs(self, kind: str, names: Iterable[str]) -> dict[tuple[str, str], str]:
        """Safe, unique file names of a kind's pages, given in sorted order (the same every
        build); names with a chosen file name (a list's ``slug``, a registry ``permalink``)
        first, so they keep it; terms without a page (``page: false``) get none."""
        wanted = {name: self._wanted_slug(kind, name) for name in names}
        used: set[str] = set()
        slugs = {}
        for chosen in (True, False):
            for name in sorted(name for name, slug in wanted.items() if slug is not None and bool(slug) == chosen):
                slugs[(kind, name)] = safe_filename(wanted[name] or name, used)
        return slugs

    def _wanted_slug(self, kind: str, name: str) -> str | None:
        """The file name a term asks for; '' for one made from its name; None for no page."""
        if kind == "author":
            author = self.authors.get(name)
            return "" if author is None else (author.permalink if author.page else None)
        term = self.term(kind, name)
        return term.slug if term is not None else ""

    def term(self, kind: str, name: str) -> Term | None:
        """The list entry of a tag or category (by key or label); None when it is on no list."""
        found = self.lists.get(kind)
        key = found.key_of(name) if found is not None else None
        return found.terms[key] if found is not None and key is not None else None

    def key_of(self, kind: str, name: str) -> str:
        """The key that groups posts of the term ``name`` (a key or a label)."""
        term = self.term(kind, name)
        return term.key if term is not None else name

    def _generated_pages(self) -> dict[str, tuple[Blog, str, str]]:
        """pagename -> (blog, kind, name); kind '' is the blog index, 'tags' etc. indexes."""
        pages: dict[str, tuple[Blog, str, str]] = {}
        for blog in self.blogs.values():
            pages[blog.index_page] = (blog, "", "")
            for kind in INDEXED_KINDS:
                pages[blog.kind_index_page(kind)] = (blog, KIND_FOLDERS[kind], "")
            for kind in TERM_KINDS:
                for name in blog.terms[kind]:
                    page = blog.term_page(kind, name)
                    if page is not None:  # an author with ``page: false`` has none
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
        name = self.key_of(kind, name)
        blog = self.blog_of(from_post, kind, name)
        if blog is None:
            return None
        page = blog.term_page(kind, name)
        term = self.term(kind, name)
        return page or blog.index_page, "", term.label if term is not None else name

    def terms_of(self, blog: Blog, kind: str) -> list[tuple[str, int]]:
        """(name, number of posts) of a blog's tags (categories, ...), in the order lists show them."""
        by_name = blog.terms.get(kind, {})
        names = sorted(by_name, reverse=(kind in ("year", "month")), key=lambda n: (n.casefold(), n))
        return [(name, len(by_name[name])) for name in names]

    def inventory_terms(self) -> list[tuple[str, str, str]]:
        """(kind, name, page) of every author, tag and category with a page."""
        found = []
        for kind in ("author", "tag", "category", "month"):
            for name in sorted({name for blog in self.blogs.values() for name in blog.terms[kind]}):
                blog = self.blog_of(None, kind, name)
                page = blog.term_page(kind, name) if blog else None
                if page is not None:
                    found.append((kind, name, page))
        return found

    # -- queries -----------------------------------------------------------------

    def query(self, query: Mapping[str, Any], docname: str) -> list[Post]:
        """The posts a ``{postlist}`` with options ``query`` shows on ``docname``."""
        roots = [query["rootpage"]] if query.get("rootpage") else sorted(self.blogs)
        posts = [post for root in roots if root in self.blogs for post in self.blogs[root].posts]
        keys = {"tags": [self.key_of("tag", name) for name in query["tags"]],
                "category": [self.key_of("category", name) for name in query["category"]]}
        keep = _query_filter({**query, **keys}, docname, self.zone)
        found = [post for post in posts if keep(post)]
        sort = query.get("sort", "-date")
        if sort.endswith("title"):
            found.sort(key=lambda post: post.title.casefold(), reverse=sort.startswith("-"))
        elif len(roots) > 1 or sort == "date":
            found.sort(key=lambda post: (post.date, post.docname), reverse=sort.startswith("-"))
        return found[: query["limit"]] if query.get("limit") else found

    def related(self, post: Post) -> list[Post]:
        """Posts sharing the most tags with ``post``, newest first among equals; ranked once."""
        if post.docname not in self._related:
            self._related[post.docname] = self._rank_related(post, RELATED_COUNT)
        return self._related[post.docname]

    def _rank_related(self, post: Post, count: int) -> list[Post]:
        blog = self.blog_of(post)
        if blog is None:
            return []
        # positions, not posts: counting ints runs in C, and a smaller position is newer
        by_tag = blog.tag_positions
        shared: Counter[int] = Counter()
        for tag in post.tags:
            shared.update(by_tag.get(tag, ()))
        shared.pop(blog.positions.get(post.docname, -1), None)
        best: list[int] = []
        for tags_in_common in range(max(shared.values(), default=0), 0, -1):
            candidates = [position for position, n in shared.items() if n == tags_in_common]
            best += heapq.nsmallest(count - len(best), candidates)
            if len(best) == count:
                break
        return [blog.posts[position] for position in best]


def _query_filter(query: Mapping[str, Any], docname: str, zone: Zone) -> Callable[[Post], bool]:
    tags, categories, authors = set(query["tags"]), set(query["category"]), set(query["author"])
    start = dt.datetime.fromisoformat(query["date_from"]) if query.get("date_from") else None
    end = dt.datetime.fromisoformat(query["date_to"]) if query.get("date_to") else None

    def keep(post: Post) -> bool:
        return (
            (not tags or bool(tags.intersection(post.tags)))
            and (not categories or bool(categories.intersection(post.categories + post.crosspost)))
            and (not authors or bool(authors.intersection(post.authors)))
            and (not query.get("year") or (post.date is not None and post.date.astimezone(zone).year == query["year"]))
            and (start is None or (post.date is not None and post.date >= start))
            and (end is None or (post.date is not None and post.date <= end))
            and not (query.get("exclude_current") and post.docname == docname)
        )

    return keep
