"""Atom, RSS 2.0 and JSON Feed 1.1 of every blog, written when an HTML build finishes.

Each blog (one per ``rootpage``) gets ``{root}/atom.xml``, ``{root}/rss.xml`` and
``{root}/feed.json``; with ``blog_feed_archives`` every tag, category and author
page ``{page}`` gets ``{page}/atom.xml`` and so on too.  Feeds hold published
posts only: never drafts or unlisted posts, even with ``blog_show_drafts``, nor
future posts (unless ``blog_future_posts = "publish"``).  They depend on nothing
but the sources (no build time in them), so two builds write the same bytes.

Full-text entries (``blog_feed_fulltext``) are the written post page's own text:
the ``section.blog-post`` of the HTML file, without title, byline and the other
parts in ``FURNITURE_CLASSES``, links and images made absolute.

Every page of a blog advertises its feeds with ``<link rel="alternate">`` tags.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote
from weakref import WeakKeyDictionary

import lxml.html
from feedgen.feed import FeedGenerator
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util import logging

from .catalog import Blog, Catalog, is_draft
from .config import base_url
from .domain import blog_domain
from .frontmatter import Post

if TYPE_CHECKING:
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

__all__ = ["FORMATS", "Feed", "absolute_image_url", "base_url", "feeds_of_page"]

logger = logging.getLogger(__name__)

#: builders whose output is a web site the feeds can point into
FEED_BUILDERS = frozenset({"html", "dirhtml"})
#: generated pages that get their own feeds with ``blog_feed_archives``
ARCHIVE_KINDS = ("tag", "category", "author")
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
# characters XML 1.0 cannot hold (lxml refuses them)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# what the extension adds around a post's own text (title aside): left out of full-text feeds
FURNITURE_CLASSES = ("blog-breadcrumb", "blog-byline", "blog-draft-notice", "blog-prevnext", "blog-related")
_FURNITURE = " | ".join(
    [".//h1[1]", ".//a[contains(concat(' ', normalize-space(@class), ' '), ' headerlink ')]", ".//script", ".//style"]
    + [f".//*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]" for name in FURNITURE_CLASSES]
)


@dataclass(frozen=True)
class FeedFormat:
    filename: str
    mimetype: str
    label: str


ATOM = FeedFormat("atom.xml", "application/atom+xml", "Atom")
RSS = FeedFormat("rss.xml", "application/rss+xml", "RSS")
JSON = FeedFormat("feed.json", "application/feed+json", "JSON Feed")
FORMATS = (ATOM, RSS, JSON)


@dataclass(frozen=True)
class Feed:
    """One feed: the posts it holds, the folder it is written to, the page it mirrors."""

    folder: str  # below the output folder, e.g. "blog" or "blog/tags/python"
    page: str  # the page with the same list of posts (the feed's alternate link)
    title: str
    posts: tuple[Post, ...]  # newest first

    def url(self, base: str, fmt: FeedFormat) -> str:
        return f"{base}{quote(self.folder)}/{fmt.filename}"

    def path(self, outdir: str | Path, fmt: FeedFormat) -> Path:
        return Path(outdir, *self.folder.split("/"), fmt.filename)


@dataclass(frozen=True)
class Entry:
    """What every feed says about one post (computed once per build)."""

    post: Post
    url: str
    authors: tuple[tuple[str, str], ...]  # (name, url or "")
    terms: tuple[str, ...]  # categories, then tags
    summary: str
    content: str  # the post's HTML with absolute links; "" unless blog_feed_fulltext
    image: str


# -- URLs ------------------------------------------------------------------------------


def page_url(app: Sphinx, base: str, pagename: str) -> str:
    return base + app.builder.get_target_uri(pagename)


def absolute_image_url(image: str | None, env: BuildEnvironment, base: str) -> str:
    """A featured image's public URL: a URL as is, else where Sphinx copied the file."""
    if not image:
        return ""
    if image.startswith(("http://", "https://")):
        return image
    if image.startswith("//"):
        return "https:" + image
    if not base or image not in env.images:
        return ""
    return f"{base}_images/{quote(env.images[image][1])}"


def _missing_base_message(config: Config) -> str:
    given = config.blog_baseurl or config.html_baseurl
    if given:
        setting = "blog_baseurl" if config.blog_baseurl else "html_baseurl"
        return (f"no blog feeds written: {setting} = {given!r} is not an absolute http(s) URL; "
                "set blog_baseurl in conf.py to the site's public URL, e.g. 'https://example.com/'")
    return ("no blog feeds written: set blog_baseurl (or html_baseurl) in conf.py to the site's "
            "public URL, e.g. blog_baseurl = 'https://example.com/'")


# -- which feeds exist -------------------------------------------------------------------

_FEEDS: WeakKeyDictionary[Catalog, dict[str, Feed]] = WeakKeyDictionary()


def all_feeds(catalog: Catalog, env: BuildEnvironment) -> dict[str, Feed]:
    """folder -> Feed for every blog (and its archives); computed once per catalog."""
    feeds = _FEEDS.get(catalog)
    if feeds is None:
        feeds = {}
        for root in sorted(catalog.blogs):
            for feed in _feeds_of_blog(catalog, catalog.blogs[root], env):
                feeds.setdefault(feed.folder, feed)
        _FEEDS[catalog] = feeds
    return feeds


def _feeds_of_blog(catalog: Catalog, blog: Blog, env: BuildEnvironment) -> Iterable[Feed]:
    config = env.config
    title = blog_title(blog, env, len(catalog.blogs))
    posts = published(catalog, blog.posts)
    if posts:
        yield Feed(blog.root, blog.index_page, title, posts)
    if not config.blog_feed_archives:
        return
    for kind in ARCHIVE_KINDS:
        for name in sorted(blog.terms.get(kind, {})):
            page = blog.term_page(kind, name)
            posts = published(catalog, blog.terms[kind][name])
            if page and posts:
                yield Feed(page, page, f"{title}: {_term_label(catalog, kind, name)}", posts)


def published(catalog: Catalog, posts: Sequence[Post]) -> tuple[Post, ...]:
    """The newest ``blog_feed_length`` published posts (drafts never, whatever the config)."""
    config = catalog.config
    chosen: list[Post] = []
    for post in posts:
        if post.draft or post.unlisted or is_draft(post, config, catalog.now):
            continue
        chosen.append(post)
        if len(chosen) >= config.blog_feed_length:
            break
    return tuple(chosen)


def blog_title(blog: Blog, env: BuildEnvironment, blog_count: int) -> str:
    """The title of the blog's own landing page if it has one, else the project's name."""
    for docname in (f"{blog.root}/index", blog.root):
        if docname in env.titles:
            return env.titles[docname].astext()
    project = str(env.config.project)
    return project if blog_count == 1 else f"{project}: {blog.root}"


def _term_label(catalog: Catalog, kind: str, name: str) -> str:
    author = catalog.authors.get(name) if kind == "author" else None
    return author.name if author else name


def feeds_of_page(pagename: str, catalog: Catalog, env: BuildEnvironment, post: Post | None) -> list[Feed]:
    """The feeds a page advertises: its blog's, then its own (tag, category, author pages)."""
    feeds = all_feeds(catalog, env)
    if post is not None:
        root: str | None = post.root
    else:
        roots = [r for r in catalog.blogs if pagename == r or pagename.startswith(f"{r}/")]
        root = max(roots, key=len) if roots else None  # the innermost of nested blogs
    found = [feeds[root]] if root in feeds else []
    own = feeds.get(pagename)
    if own is not None and own.page == pagename and own not in found:
        found.append(own)
    return found


# -- the <link rel="alternate"> tags ----------------------------------------------------


def add_feed_links(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if app.builder.name not in FEED_BUILDERS:
        return
    base = base_url(app.config)
    if not base:
        return
    domain = blog_domain(app.env)
    feeds = feeds_of_page(pagename, domain.catalog, app.env, domain.posts.get(pagename))
    links = "".join(_link_tag(feed, fmt, base) for feed in feeds for fmt in FORMATS)
    if links:
        context["metatags"] = context.get("metatags") or ""
        context["metatags"] += links


def _link_tag(feed: Feed, fmt: FeedFormat, base: str) -> str:
    title = html.escape(f"{feed.title} ({fmt.label})")
    href = html.escape(feed.url(base, fmt))
    return f'\n<link rel="alternate" type="{fmt.mimetype}" title="{title}" href="{href}" />'


# -- entries -----------------------------------------------------------------------------


class EntryMaker:
    """Entries of posts, each computed once per build and shared by all feeds."""

    def __init__(self, app: Sphinx, base: str) -> None:
        self.app = app
        self.base = base
        self.registry = blog_domain(app.env).authors
        self.fulltext = bool(app.config.blog_feed_fulltext)
        self._entries: dict[str, Entry] = {}

    def __call__(self, post: Post) -> Entry:
        entry = self._entries.get(post.docname)
        if entry is None:
            entry = self._entries[post.docname] = self._make(post)
        return entry

    def _make(self, post: Post) -> Entry:
        url = page_url(self.app, self.base, post.docname)
        authors = []
        for handle in post.authors:
            author = self.registry.get(handle)
            authors.append((author.name, author.url) if author else (handle, ""))
        return Entry(
            post=post,
            url=url,
            authors=tuple(authors),
            terms=tuple(dict.fromkeys(post.categories + post.tags)),
            summary=post.excerpt or post.description or "",
            content=post_html(self.app, post.docname, url) if self.fulltext else "",
            image=absolute_image_url(post.image, self.app.env, self.base),
        )


def post_html(app: Sphinx, docname: str, url: str) -> str:
    """The body of the written post page, without title and byline, links made absolute."""
    builder = app.builder
    if not isinstance(builder, StandaloneHTMLBuilder):
        return ""
    try:
        document = lxml.html.document_fromstring(Path(builder.get_outfilename(docname)).read_bytes())
    except (OSError, ValueError) as err:
        logger.warning("cannot read %s for its feed entry: %s", docname, err,
                       type="blog", subtype="feed", location=docname)
        return ""
    sections = document.xpath(
        "//section[contains(concat(' ', normalize-space(@class), ' '), ' blog-post ')]"
    )
    if not sections:
        return ""
    section = sections[0]
    for element in section.xpath(_FURNITURE):
        element.drop_tree()
    section.make_links_absolute(url, resolve_base_href=False)
    parts = [html.escape(section.text or "", quote=False)]
    parts += [lxml.html.tostring(child, encoding="unicode") for child in section]
    return "".join(parts).strip()


# -- writing ------------------------------------------------------------------------------


def write_feeds(app: Sphinx, exception: BaseException | None) -> None:
    """build-finished: write every feed of a successful HTML build."""
    if exception is not None or app.builder.name not in FEED_BUILDERS:
        return
    feeds = all_feeds(blog_domain(app.env).catalog, app.env)
    if not feeds:
        return
    base = base_url(app.config)
    if not base:
        logger.warning(_missing_base_message(app.config), type="blog", subtype="feed")
        return
    make_entry = EntryMaker(app, base)
    written = 0
    for feed in feeds.values():
        entries = [make_entry(post) for post in feed.posts]
        home = page_url(app, base, feed.page)
        atom, rss = xml_feeds(feed, entries, home, base, app.config)
        written += _write(feed.path(app.outdir, ATOM), atom)
        written += _write(feed.path(app.outdir, RSS), rss)
        written += _write(feed.path(app.outdir, JSON), json_feed(feed, entries, home, base, app.config).encode())
    logger.info("blog: %d feeds (Atom, RSS, JSON Feed), %d files changed", len(feeds), written)


def _write(path: Path, data: bytes) -> bool:
    """Write only what changed, so unchanged feeds keep their timestamps."""
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as err:
        logger.warning("cannot write the feed %s: %s", path, err, type="blog", subtype="feed")
        return False
    return True


def _xml(text: str) -> str:
    return _NOT_XML.sub("", text)


def xml_feeds(feed: Feed, entries: Sequence[Entry], home: str, base: str, config: Config) -> tuple[bytes, bytes]:
    """The Atom and the RSS document of ``feed``; ``home`` is the URL of its page."""
    generator = FeedGenerator()
    generator.load_extension("dc", atom=False, rss=True)  # RSS authors without e-mail
    generator.id(home)
    generator.title(_xml(feed.title))
    generator.description(_xml(feed.title))
    generator.updated(entries[0].post.date)  # the newest entry: never the build time
    generator.generator("sphinxext-blog")
    if config.language:
        generator.language(str(config.language))
    if any(not entry.authors for entry in entries):  # Atom: a feed-level author then
        generator.author({"name": _xml(str(config.project))})
    for entry in entries:
        _add_entry(generator, entry)
    documents = []
    for fmt, render in ((ATOM, generator.atom_str), (RSS, generator.rss_str)):
        generator.link([
            {"href": feed.url(base, fmt), "rel": "self", "type": fmt.mimetype},
            {"href": home, "rel": "alternate", "type": "text/html"},
        ], replace=True)
        documents.append(render(pretty=True))
    return documents[0], documents[1]


def _add_entry(generator: FeedGenerator, entry: Entry) -> None:
    post = entry.post
    item = generator.add_entry(order="append")
    item.guid(entry.url, permalink=True)  # also the Atom id: stable across builds
    item.title(_xml(post.title or post.docname))
    item.link(href=entry.url, rel="alternate", type="text/html")
    item.published(post.date)
    item.updated(post.date)
    for name, url in entry.authors:
        item.author({"name": _xml(name), "uri": url} if url else {"name": _xml(name)})
        item.dc.dc_creator(_xml(name))
    if entry.terms:
        item.category([{"term": _xml(term)} for term in entry.terms])
    if entry.summary:
        item.summary(_xml(entry.summary))
    if entry.content:
        item.content(_xml(entry.content), type="html")


def json_feed(feed: Feed, entries: Sequence[Entry], home: str, base: str, config: Config) -> str:
    """The JSON Feed 1.1 document of ``feed``; ``home`` is the URL of its page."""
    data: dict[str, Any] = {
        "version": JSON_FEED_VERSION,
        "title": feed.title,
        "home_page_url": home,
        "feed_url": feed.url(base, JSON),
    }
    if config.language:
        data["language"] = str(config.language)
    data["items"] = [_json_item(entry) for entry in entries]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _json_item(entry: Entry) -> dict[str, Any]:
    post = entry.post
    item: dict[str, Any] = {"id": entry.url, "url": entry.url, "title": post.title or post.docname}
    if entry.content:
        item["content_html"] = entry.content
    else:
        item["content_text"] = entry.summary or post.title
    if entry.summary:
        item["summary"] = entry.summary
    if entry.image:
        item["image"] = entry.image
    assert post.date is not None  # published posts have a date
    item["date_published"] = post.date.isoformat()
    if entry.authors:
        item["authors"] = [{"name": name, **({"url": url} if url else {})} for name, url in entry.authors]
    if entry.terms:
        item["tags"] = list(entry.terms)
    return item


def setup_feeds(app: Sphinx) -> None:
    app.connect("html-page-context", add_feed_links)
    app.connect("build-finished", write_feeds)
