"""ABlog's ``{ref}`` labels, and its old URLs kept (:confval:`blog_ablog_urls`).

**Labels.** ABlog gives every post a label (its document's last path component;
``index`` -> the folder's name) and every catalog page one (``blog-posts``,
``tag-<slug>``, ``category-<slug>``, ``author-<key>``, ``archive-<year>``, ...).
A ``missing-reference`` handler resolves those names, when no real label has
them, to the extension's pages: std's data is never changed, so it is safe with
``-j``.  For a builder without generated pages the text stays, without a link.

**Old URLs.** ABlog wrote its catalog pages at ``<blog_path>/tag/<slug>``,
``<blog_path>/<year>``, ``<blog_path>/drafts`` and so on, and their feeds at
``<page>/atom.xml``.  With ``blog_ablog_urls = True`` every such page gets a redirect
page to the extension's own page (through :mod:`.redirects`), and every such feed a
copy (through :mod:`.feeds`), so links and subscriptions keep working.  The names
use ABlog's own slug rule (:func:`.ablog_options.ablog_slugify`).
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.addnodes import pending_xref

from .ablog_options import AblogPost, ablog_slugify
from .catalog import Blog, Catalog
from .config import base_url
from .domain import BlogDomain, blog_domain
from .frontmatter import Post
from .views import FeedView, Views

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: the extension's term kinds with a folder of ABlog pages of the same name -> their index kind
TERM_INDEXES = {"tag": "tags", "category": "categories", "author": "authors"}
#: ABlog's labels of the catalog's index pages -> the extension's page kind
INDEX_LABELS = {"blog-archives": "archive", "blog-tags": "tags", "blog-categories": "categories",
                "blog-authors": "authors"}
_INDEX_KINDS = {"archive": "year", "tags": "tag", "categories": "category", "authors": "author"}


@dataclass(frozen=True)
class Label:
    """Where an ABlog label leads: a page (or URL; '' for none) and the link's text."""

    page: str
    text: str
    kind: str = ""  # "author": without an author page, the registry's link
    target: str = ""


# the labels of one catalog, made on first use (the catalog is made again when a post changes)
_LABELS: weakref.WeakKeyDictionary[Catalog, dict[str, Label]] = weakref.WeakKeyDictionary()


def ablog_blog(catalog: Catalog, config: Any) -> Blog | None:
    """The blog ABlog had: the one at ``blog_path`` (ABlog's default ``blog``), else the first."""
    root = config.blog_path or "blog"
    if root in catalog.blogs:
        return catalog.blogs[root]
    return catalog.blogs[min(catalog.blogs)] if catalog.blogs else None


def post_label(docname: str) -> str:
    """ABlog's label of a post: the last path component; ``index`` -> its folder's name."""
    folder, _, last = docname.rpartition("/")
    return folder.rpartition("/")[2] if last == "index" and folder else last


def full_names(config: Any, setting: str) -> dict[str, str]:
    """``blog_languages`` / ``blog_locations``: key -> full name."""
    names = {}
    for key, value in (getattr(config, setting, None) or {}).items():
        name = value[0] if isinstance(value, (tuple, list)) and value else value
        names[str(key)] = str(name or key)
    return names


def extras_of(domain: BlogDomain, post: Post, kind: str) -> tuple[str, ...]:
    """A post's languages or locations (keys), or the configured default."""
    extra = domain.ablog.get(post.docname, AblogPost())
    keys = extra.languages if kind == "language" else extra.locations
    default = getattr(domain.env.config, f"blog_default_{kind}", None)
    if not keys and default:
        keys = (default,) if isinstance(default, str) else tuple(default)
    return keys


# -- labels --------------------------------------------------------------------------------


def labels(domain: BlogDomain) -> dict[str, Label]:
    catalog = domain.catalog
    if catalog not in _LABELS:
        _LABELS[catalog] = dict(_make_labels(domain, domain.views))
    return _LABELS[catalog]


def _make_labels(domain: BlogDomain, views: Views) -> Iterator[tuple[str, Label]]:
    catalog, config = views.catalog, domain.env.config
    blog = ablog_blog(catalog, config)
    if blog is None:
        return
    index = blog.index_page
    title = views.blog_title(blog)
    yield from ((name, Label(index, title)) for name in ("blog-posts", "blog-post"))
    yield from ((name, Label(index, "Drafts")) for name in ("blog-drafts", "blog-draft"))
    for name, kind in INDEX_LABELS.items():
        yield name, Label(blog.kind_index_page(_INDEX_KINDS[kind]), views.page_title(blog, kind))
    yield "blog-languages", Label(index, "Languages")
    yield "blog-locations", Label(index, "Locations")
    base = base_url(config)
    yield "blog-feed", Label(f"{base}{blog.root}/atom.xml" if base else "", f"{title} Feed")
    for post in catalog.posts.values():
        for kind, names in (("tag", post.tags), ("category", post.categories)):
            for name in names:
                found = catalog.term_page(kind, name, post)
                yield f"{kind}-{ablog_slugify(name)}", Label(found[0] if found else index, name)
        for handle in post.authors:
            author = views.author(handle, post)
            yield f"author-{ablog_slugify(handle)}", Label(author.page or author.link, author.name, "author", handle)
        if post.date is not None:
            year = str(post.date.astimezone(catalog.zone).year)
            yield f"archive-{year}", Label(blog.term_page("year", year) or index, year)
        for kind in ("language", "location"):
            shown = full_names(config, f"blog_{kind}s")
            for key in extras_of(domain, post, kind):
                yield f"{kind}-{ablog_slugify(key)}", Label(index, shown.get(key, key))
    # last, so they win (in ABlog they are real labels); reversed, so the first of two documents wins
    for post in sorted(catalog.posts.values(), key=lambda post: post.docname, reverse=True):
        yield post_label(post.docname).lower(), Label(post.docname, post.title)


def note_label_refs(app: Sphinx, doctree: nodes.document) -> None:
    """doctree-read: the ``{ref}`` targets of a document, which may be ABlog's labels."""
    targets = {str(node["reftarget"]).lower() for node in doctree.findall(pending_xref)
               if node.get("refdomain") == "std" and node.get("reftype") == "ref"}
    if targets:
        blog_domain(app.env).ablog_refs[app.env.docname] = targets


def pages_with_changed_labels(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """env-updated, before :mod:`.incremental` forgets the previous catalog: the documents
    whose ``{ref}`` to an ABlog label now shows another title or leads elsewhere."""
    domain = blog_domain(env)
    refs = domain.ablog_refs
    if domain.state.previous is None or not refs:
        return []
    old, new = dict(_make_labels(domain, domain.views_of(domain.state.previous))), labels(domain)
    changed = {name for name in old.keys() | new.keys() if old.get(name) != new.get(name)}
    return sorted(docname for docname, targets in refs.items() if targets & changed)


def resolve_ablog_label(app: Sphinx, env: BuildEnvironment, node: pending_xref,
                        contnode: nodes.TextElement) -> nodes.Element | None:
    """missing-reference: a ``{ref}`` to one of ABlog's labels, when no real label has the name."""
    if node.get("refdomain") != "std" or node.get("reftype") != "ref":
        return None
    domain = blog_domain(env)
    label = labels(domain).get(str(node["reftarget"]).lower())
    if label is None:
        return None
    if not node.get("refexplicit"):
        contnode = nodes.inline(label.text, label.text, classes=contnode.get("classes", []))
    return domain.reference(app.builder, node["refdoc"], label.page, contnode, label.text, label.kind, label.target)


# -- old URLs --------------------------------------------------------------------------------


@dataclass(frozen=True)
class OldPage:
    """One of ABlog's catalog pages, and the extension's page with the same posts."""

    path: str  # ABlog's page name, e.g. "blog/tag/team"
    page: str  # the extension's, e.g. "blog/tags/team"
    title: str
    posts: tuple[Post, ...] = ()  # the posts of its feed; () for index pages
    feed_title: str = ""


def old_pages(domain: BlogDomain) -> list[OldPage]:
    """Every catalog page ABlog wrote for the blog (its published posts only)."""
    views, config = domain.views, domain.env.config
    blog = ablog_blog(views.catalog, config)
    if blog is None:
        return []
    path, index, title = config.blog_path or "blog", blog.index_page, views.blog_title(blog)
    found = [OldPage(path, index, title, tuple(blog.posts), title),
             OldPage(f"{path}/drafts", index, title),
             OldPage(f"{path}/archive", blog.kind_index_page("year"), views.page_title(blog, "archive"))]
    for kind, index_kind in TERM_INDEXES.items():
        by_name = blog.terms.get(kind, {})
        if by_name:
            found.append(OldPage(f"{path}/{kind}", blog.kind_index_page(kind), views.page_title(blog, index_kind)))
        for name, posts in sorted(by_name.items()):
            shown = views.shown_name(kind, name)
            if not ablog_slugify(shown):
                continue  # all punctuation: ABlog's page had no name of its own
            found.append(OldPage(f"{path}/{kind}/{ablog_slugify(shown)}", blog.term_page(kind, name) or index,
                                 views.page_title(blog, kind, name), tuple(posts), f"{title}: {shown}"))
    for year, posts in sorted(blog.terms.get("year", {}).items()):
        found.append(OldPage(f"{path}/{year}", blog.term_page("year", year) or index,
                             views.page_title(blog, "year", year), tuple(posts), f"{title}: {year}"))
    for kind in ("language", "location"):
        found += _extra_pages(domain, blog, kind, path)
    return found


def _extra_pages(domain: BlogDomain, blog: Blog, kind: str, path: str) -> list[OldPage]:
    """Languages and locations have no pages here: their old pages lead to the blog's index."""
    names = full_names(domain.env.config, f"blog_{kind}s")
    by_name: dict[str, list[Post]] = {}
    for post in blog.posts:
        for key in extras_of(domain, post, kind):
            by_name.setdefault(names.get(key, key), []).append(post)
    if not by_name:
        return []
    title = domain.views.blog_title(blog)
    pages = [OldPage(f"{path}/{kind}", blog.index_page, title)]
    pages += [OldPage(f"{path}/{kind}/{ablog_slugify(name)}", blog.index_page, title, tuple(posts), f"{title}: {name}")
              for name, posts in sorted(by_name.items()) if ablog_slugify(name)]
    return pages


def old_url_redirects(app: Sphinx) -> list[tuple[str, str, str]]:
    """blog-redirects: (ABlog's page, the extension's page, its title) of every old catalog page."""
    if not app.config.blog_ablog_urls:
        return []
    return [(old.path, old.page, old.title) for old in old_pages(blog_domain(app.env))]


def old_feed_copies(app: Sphinx, views: Views) -> list[FeedView]:
    """blog-feeds: a feed at each of ABlog's feed folders (``<page>/atom.xml``), with the
    posts ABlog's had: the blog's, and with ``blog_feed_archives`` each catalog page's."""
    if not app.config.blog_ablog_urls:
        return []
    domain = blog_domain(app.env)
    feeds = []
    for old in old_pages(domain):
        posts = views.catalog.published(old.posts)
        is_blog = old.path == (app.config.blog_path or "blog")
        if posts and (is_blog or app.config.blog_feed_archives):
            feeds.append(FeedView(old.path, old.page, old.feed_title, posts))
    return feeds


def setup_ablog_links(app: Sphinx) -> None:
    app.connect("doctree-read", note_label_refs)
    app.connect("env-updated", pages_with_changed_labels, priority=400)
    app.connect("missing-reference", resolve_ablog_label)
    app.connect("blog-redirects", old_url_redirects)
    app.connect("blog-feeds", old_feed_copies)
