"""What readers see of a post, an author, a term and a blog: one function each.

Every writer (post pages, lists, sidebars, generated pages, feeds, social tags)
shows posts through these views, so a display name, a blog's title or a date is
decided here once.  Views are frozen dataclasses made once per build by
:class:`Views` and shared.

A view's **fingerprint** hashes every one of its fields, so the fields a list
entry shows are exactly the fields that decide whether a page showing it must be
written again (:mod:`.incremental`, :mod:`.pages`): adding a shown field cannot
leave a page stale.  Views hold page *names*; :mod:`.pagelinks` turns them into
links for a builder.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from .catalog import Blog, Catalog
from .dates import DateTexts, local, month_name, month_title
from .frontmatter import Post
from .i18n import N_, _, reading_time_label

if TYPE_CHECKING:
    from docutils import nodes

#: titles of generated pages: a term's page (its name as ``%(<kind>)s``), an index of terms
PAGE_TITLES = {
    # TRANSLATORS: a tag's page; the quotes are yours to choose („X“, « X »), also in "Posts in “X”"
    "tag": N_("Posts tagged “%(tag)s”"),
    "category": N_("Posts in “%(category)s”"),
    "author": N_("Posts by %(author)s"),
    "year": N_("Posts from %(year)s"),
    # TRANSLATORS: a month's page; %(month)s is the month and its year ("May 2024")
    "month": N_("Posts from %(month)s"),
    "tags": N_("Tags"),
    "categories": N_("Categories"),
    "authors": N_("Authors"),
    "archive": N_("Archive"),
}
#: generated pages that get their own feeds with ``blog_feed_archives``
FEED_KINDS = ("tag", "category", "author", "month")


class View:
    """A frozen dataclass whose fingerprint covers every field."""

    #: each view class's field names: dataclasses.fields() walks the class on every call
    _field_names: ClassVar[dict[type, tuple[str, ...]]] = {}

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        names = View._field_names.get(cls)
        if names is None:
            names = View._field_names[cls] = tuple(f.name for f in dataclasses.fields(cls))  # type: ignore[arg-type]
        return names

    def as_dict(self) -> dict[str, Any]:
        """The fields by name (what templates get, before links are added)."""
        return {name: getattr(self, name) for name in self.field_names()}

    def fingerprint(self) -> str:
        # made once: a post's entry is on many pages (its tags', category's, month's, ...)
        found: str | None = self.__dict__.get("_fingerprint")
        if found is None:
            shown = tuple(_fingerprinted(getattr(self, name)) for name in self.field_names())
            found = hashlib.sha256(repr((type(self).__name__, shown)).encode()).hexdigest()[:32]
            object.__setattr__(self, "_fingerprint", found)  # not a field: frozen, equal, fingerprinted alike
        return found


def _fingerprinted(value: Any) -> Any:
    if isinstance(value, View):
        return value.fingerprint()
    if isinstance(value, tuple):
        return tuple(_fingerprinted(item) for item in value)
    return value


@dataclass(frozen=True)
class PostLink(View):
    """A link to a post (previous/next, related, recent posts, plain lists): title and date."""

    page: str
    title: str
    date: str
    iso_date: str


@dataclass(frozen=True)
class TermLink(View):
    """A tag or category of a post, and its page (None: no page, shown as text)."""

    name: str
    page: str | None


@dataclass(frozen=True)
class AuthorView(View):
    """An author as readers see them; ``known`` is False for a handle not in the registry."""

    handle: str
    name: str
    role: str
    page: str | None  # the author's generated page
    link: str  # the registry's URL (profile, social)
    avatar: str  # a URL, or a path relative to the source folder
    bio: str
    known: bool


@dataclass(frozen=True)
class PostEntry(View):
    """A post as lists show it (excerpt lists, cards, generated pages, the post-info sidebar)."""

    page: str
    title: str
    date: str
    iso_date: str
    authors: tuple[AuthorView, ...]
    categories: tuple[TermLink, ...]
    tags: tuple[TermLink, ...]
    reading_time: int
    reading_label: str  # "5 min read", in the site's language
    excerpt: str
    image: str | None
    image_alt: str
    image_width: int  # the local image's size (0: unknown, or a URL)
    image_height: int
    lang: str  # the post's own language ("" for the site's)


@dataclass(frozen=True)
class Navigation(View):
    """What a post page shows of other posts: its neighbours and related posts."""

    newer: PostLink | None
    older: PostLink | None
    related: tuple[PostLink, ...]


@dataclass(frozen=True)
class FeedView:
    """One feed: the posts it holds, the folder it is written to, the page it mirrors."""

    folder: str  # below the output folder, e.g. "blog" or "blog/tags/python"
    page: str  # the page with the same list of posts (the feed's alternate link)
    title: str
    posts: tuple[Post, ...]  # newest first


@dataclass(frozen=True)
class TermItem(View):
    """A tag (category, author, year) in a sidebar or an index page: name, page, count, cloud size."""

    name: str
    page: str | None
    count: int
    size: int  # 1-5


@dataclass(frozen=True)
class ArchiveYear(View):
    """A year of a blog's archive and its months, newest first, each named alone ("May")."""

    year: TermItem
    months: tuple[TermItem, ...]


def fingerprint_of(items: Iterable[Any]) -> str:
    """One fingerprint for a sequence of views and plain values (a page's content)."""
    shown = [_fingerprinted(item) for item in items]
    return hashlib.sha256(repr(shown).encode()).hexdigest()


def blog_title_of(root: str, titles: Mapping[str, nodes.Node], default: str = "") -> str:
    """A blog's title, one rule everywhere: the title of its landing document
    (``<root>/index`` or ``<root>``), else ``default`` (:confval:`blog_title`), else its
    root's last segment in words (``engineering-blog`` -> "Engineering blog")."""
    for docname in (f"{root}/index", root):
        if docname in titles:
            return str(titles[docname].astext())
    if default:
        return default
    words = root.rsplit("/", 1)[-1].replace("-", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else "Blog"


class Views:
    """The views of one catalog, each made once and then shared."""

    def __init__(self, catalog: Catalog, titles: Mapping[str, nodes.title], dates: DateTexts) -> None:
        self.catalog = catalog
        self.titles = titles
        self.date_text = dates
        self._links: dict[str, PostLink] = {}
        self._entries: dict[str, PostEntry] = {}
        self._authors: dict[tuple[str, str], AuthorView] = {}
        self._terms: dict[tuple[str, str], tuple[TermItem, ...]] = {}
        self._archives: dict[str, tuple[ArchiveYear, ...]] = {}

    # -- posts -------------------------------------------------------------------

    def link(self, post: Post) -> PostLink:
        view = self._links.get(post.docname)
        if view is None:
            iso = local(post.date, self.date_text.zone).isoformat() if post.date else ""
            view = self._links[post.docname] = PostLink(post.docname, post.title, self.date_text(post.date), iso)
        return view

    def entry(self, post: Post) -> PostEntry:
        view = self._entries.get(post.docname)
        if view is None:
            link = self.link(post)
            view = self._entries[post.docname] = PostEntry(
                page=post.docname,
                title=post.title,
                date=link.date,
                iso_date=link.iso_date,
                authors=self.post_authors(post),
                categories=tuple(self.term("category", name, post) for name in post.categories),
                tags=tuple(self.term("tag", name, post) for name in post.tags),
                reading_time=post.reading_time,
                reading_label=reading_time_label(post.reading_time, self.date_text.language),
                excerpt=post.excerpt,
                image=post.image,
                image_alt=post.image_alt or post.title,
                image_width=post.image_size[0] if post.image_size else 0,
                image_height=post.image_size[1] if post.image_size else 0,
                lang=post.lang or "",
            )
        return view

    def navigation(self, post: Post) -> Navigation | None:
        """Previous/next and related posts of a listed post; None for others."""
        blog = self.catalog.blog_of(post)
        if blog is None or not self.catalog.is_listed(post):
            return None
        newer, older = blog.neighbours(post)
        return Navigation(
            self.link(newer) if newer else None,
            self.link(older) if older else None,
            tuple(self.link(other) for other in self.catalog.related(post)),
        )

    def postlist(self, query: Mapping[str, Any], docname: str) -> tuple[PostLink | PostEntry, ...]:
        """What a ``{postlist}`` shows: links for the ``list`` format, entries otherwise."""
        posts = self.catalog.query(query, docname)
        if query.get("format", "list") == "list":
            return tuple(self.link(post) for post in posts)
        return tuple(self.entry(post) for post in posts)

    # -- authors and terms -----------------------------------------------------------

    def author(self, handle: str, from_post: Post | None = None) -> AuthorView:
        """An author; the page is the author page of ``from_post``'s blog when it has one."""
        key = (handle, from_post.root if from_post is not None else "")
        view = self._authors.get(key)
        if view is None:
            author = self.catalog.authors.get(handle)
            page = self.catalog.author_page(handle, from_post)
            if author is None:
                view = AuthorView(handle, handle, "", page, "", "", "", known=False)
            else:
                view = AuthorView(handle, author.name, author.role, page, author.url, author.image, author.bio, True)
            self._authors[key] = view
        return view

    def post_authors(self, post: Post) -> tuple[AuthorView, ...]:
        """A post's authors as its byline shows them: registry entries, with this post's
        overrides (Docusaurus ``{key, title}``), and authors the post alone knows."""
        if not post.author_details:
            return tuple(self.author(handle, post) for handle in post.authors)
        views = []
        for given in post.author_details:
            if not given.handle:  # no page, no registry: exactly what the post says
                views.append(AuthorView("", given.name, given.role, None, given.url, given.image, "", known=True))
                continue
            view = self.author(given.handle, post)
            views.append(dataclasses.replace(view, name=given.name or view.name, role=given.role or view.role,
                                             link=given.url or view.link, avatar=given.image or view.avatar))
        return tuple(views)

    def author_name(self, handle: str) -> str:
        """An author's name, else the handle."""
        return self.author(handle).name

    def term(self, kind: str, name: str, from_post: Post | None = None) -> TermLink:
        found = self.catalog.term_page(kind, name, from_post)
        return TermLink(self.shown_name(kind, name), found[0] if found else None)

    def shown_name(self, kind: str, name: str) -> str:
        """How a term is shown: authors by name, tags and categories by their list's label,
        months in words ("May 2024"), the rest as written."""
        if kind == "author":
            return self.author_name(name)
        if kind == "month":
            return month_title(name, self.date_text.language)
        term = self.catalog.term(kind, name)
        return term.label if term is not None else name

    def term_description(self, kind: str, name: str) -> str:
        """The description a tag or category list gives the term; '' for none."""
        term = self.catalog.term(kind, name) if kind in ("tag", "category") else None
        return term.description if term is not None else ""

    def terms(self, root: str, kind: str) -> tuple[TermItem, ...]:
        """A blog's tags (categories, authors, years) with page, count and cloud size."""
        items = self._terms.get((root, kind))
        if items is None:
            blog = self.catalog.blogs.get(root)
            counts = self.catalog.terms_of(blog, kind) if blog is not None else []
            most = max((count for _name, count in counts), default=1)
            items = self._terms[(root, kind)] = tuple(
                TermItem(self.shown_name(kind, name), blog.term_page(kind, name) if blog else None, count,
                         1 + (4 * count) // most if most > 1 else 3)
                for name, count in counts
            )
        return items

    def archive(self, root: str) -> tuple[ArchiveYear, ...]:
        """A blog's years, newest first, each with its months (the archive sidebar, year pages)."""
        found = self._archives.get(root)
        if found is None:
            blog = self.catalog.blogs.get(root)
            keys = [key for key, _count in self.catalog.terms_of(blog, "month")] if blog is not None else []
            months = list(zip(keys, self.terms(root, "month"), strict=True))
            language = self.date_text.language
            found = self._archives[root] = tuple(
                ArchiveYear(year, tuple(dataclasses.replace(item, name=month_name(key, language))
                                        for key, item in months if key[:4] == year.name))
                for year in self.terms(root, "year")
            )
        return found

    # -- blogs -------------------------------------------------------------------------

    def blog_title(self, blog: Blog) -> str:
        return blog_title_of(blog.root, self.titles, getattr(self.catalog.config, "blog_title", ""))

    def page_title(self, blog: Blog, kind: str, name: str = "") -> str:
        """The title of a generated page: kind '' is the blog index, 'tags' (...) an index."""
        if not kind:
            return self.blog_title(blog)
        return _(PAGE_TITLES[kind]) % {kind: self.shown_name(kind, name)}  # an index of terms: no placeholder

    @functools.cached_property
    def feeds(self) -> dict[str, FeedView]:
        """folder -> feed: each blog's, and with ``blog_feed_archives`` each tag's, category's
        and author's.  Published posts only, whatever ``blog_show_drafts`` says."""
        feeds: dict[str, FeedView] = {}
        for root in sorted(self.catalog.blogs):
            for feed in self._feeds_of(self.catalog.blogs[root]):
                feeds.setdefault(feed.folder, feed)
        return feeds

    def _feeds_of(self, blog: Blog) -> Iterable[FeedView]:
        title = self.blog_title(blog)
        posts = self.catalog.published(blog.posts)
        if posts:
            yield FeedView(blog.root, blog.index_page, title, posts)
        if not self.catalog.config.blog_feed_archives:
            return
        for kind in FEED_KINDS:
            for name in sorted(blog.terms.get(kind, {})):
                page = blog.term_page(kind, name)
                posts = self.catalog.published(blog.terms[kind][name])
                if page and posts:
                    feed_title = _("%(blog)s: %(name)s") % {"blog": title, "name": self.shown_name(kind, name)}
                    yield FeedView(page, page, feed_title, posts)

    @functools.cached_property
    def sidebar_fingerprint(self) -> str:
        """What the blog sidebars show: each blog's recent posts and its terms with counts."""
        recent = self.catalog.config.blog_recent_posts
        return fingerprint_of(
            (root, tuple(self.link(post) for post in self.catalog.blogs[root].posts[:recent]),
             tuple(self.terms(root, kind) for kind in ("tag", "category", "author")), self.archive(root))
            for root in sorted(self.catalog.blogs)
        )
