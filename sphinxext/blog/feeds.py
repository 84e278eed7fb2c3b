"""Atom, RSS 2.0 and JSON Feed 1.1 of every blog, written when an HTML build finishes.

Each blog (one per ``rootpage``) gets ``{root}/atom.xml``, ``{root}/rss.xml`` and
``{root}/feed.json``; with ``blog_feed_archives`` every tag, category and author
page ``{page}`` gets ``{page}/atom.xml`` and so on too.  Feeds hold published
posts only: never drafts or unlisted posts, even with ``blog_show_drafts``, nor
future posts (unless ``blog_future_posts = "publish"``).  They depend on nothing
but the sources (no build time in them), so two builds write the same bytes.

Full-text entries (``blog_feed_fulltext``) are the written post page's own text:
the ``section.blog-post`` of the HTML file, without title, byline and the other
decorations (:data:`.domain.DECORATION_CLASSES`), links and images made absolute.
Which feeds exist, their titles and posts, are views (:attr:`.views.Views.feeds`).

Every page of a blog advertises its feeds with ``<link rel="alternate">`` tags.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import lxml.etree
import lxml.html
from feedgen.feed import FeedGenerator
from markupsafe import Markup, escape
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util import logging

from .config import base_url, site_zone
from .dates import local
from .domain import DECORATION_CLASSES, blog_domain
from .frontmatter import Post
from .i18n import html_lang
from .pagelinks import WEB_BUILDERS, absolute_image_url, page_url
from .views import FeedView, Views

if TYPE_CHECKING:
    from sphinx.config import Config


logger = logging.getLogger(__name__)

FEED_FILES = "blog-feeds-{}.json"  # next to the doctrees: the feed files of the last build, per builder
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
ATOM_ENTRY = "{http://www.w3.org/2005/Atom}entry"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# characters XML 1.0 cannot hold (lxml refuses them)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_DECORATIONS = " | ".join(
    [".//h1[1]", ".//a[contains(concat(' ', normalize-space(@class), ' '), ' headerlink ')]", ".//script", ".//style"]
    + [f".//*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]" for name in DECORATION_CLASSES]
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


def feed_url(feed: FeedView, base: str, fmt: FeedFormat) -> str:
    return f"{base}{quote(feed.folder)}/{fmt.filename}"


def feed_path(feed: FeedView, outdir: str | Path, fmt: FeedFormat) -> Path:
    return Path(outdir, *feed.folder.split("/"), fmt.filename)


@dataclass(frozen=True)
class Entry:
    """What every feed says about one post (computed once per build)."""

    post: Post
    date: dt.datetime  # the post's date in the site's time zone
    url: str
    authors: tuple[tuple[str, str], ...]  # (name, url or "")
    terms: tuple[str, ...]  # categories, then tags
    summary: str
    content: str  # the post's HTML with absolute links; "" unless blog_feed_fulltext
    image: str


# -- which feeds a page advertises ------------------------------------------------------


def _missing_base_message(config: Config) -> str:
    given = config.blog_baseurl or config.html_baseurl
    if given:
        setting = "blog_baseurl" if config.blog_baseurl else "html_baseurl"
        return (f"no blog feeds written: {setting} = {given!r} is not an absolute http(s) URL; "
                "set blog_baseurl in conf.py to the site's public URL, e.g. 'https://example.com/'")
    return ("no blog feeds written: set blog_baseurl (or html_baseurl) in conf.py to the site's "
            "public URL, e.g. blog_baseurl = 'https://example.com/'")


def feeds_of_page(pagename: str, views: Views, post: Post | None) -> list[FeedView]:
    """The feeds a page advertises: its blog's, then its own (tag, category, author pages)."""
    feeds = views.feeds
    if post is not None:
        root: str | None = post.root
    else:
        roots = [r for r in views.catalog.blogs if pagename == r or pagename.startswith(f"{r}/")]
        root = max(roots, key=len) if roots else None  # the innermost of nested blogs
    found = [feeds[root]] if root in feeds else []
    own = feeds.get(pagename)
    if own is not None and own.page == pagename and own not in found:
        found.append(own)
    return found


# -- the <link rel="alternate"> tags ----------------------------------------------------


def add_feed_links(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if app.builder.name not in WEB_BUILDERS:
        return
    base = base_url(app.config)
    if not base:
        return
    domain = blog_domain(app.env)
    feeds = feeds_of_page(pagename, domain.views, domain.posts.get(pagename))
    links = "".join(_link_tag(feed, fmt, base) for feed in feeds for fmt in FORMATS)
    if links:
        context["metatags"] = context.get("metatags") or ""
        context["metatags"] += links


def _link_tag(feed: FeedView, fmt: FeedFormat, base: str) -> str:
    return _alternate_link(fmt.mimetype, f"{feed.title} ({fmt.label})", feed_url(feed, base, fmt))


@lru_cache(maxsize=1024)  # the same few tags on every page of a blog
def _alternate_link(mimetype: str, title: str, url: str) -> str:
    return str(Markup('\n<link rel="alternate" type="{}" title="{}" href="{}" />').format(mimetype, title, url))


# -- entries -----------------------------------------------------------------------------


class EntryMaker:
    """Entries of posts, each computed once per build and shared by all feeds."""

    def __init__(self, app: Sphinx, views: Views, base: str) -> None:
        self.app = app
        self.views = views
        self.base = base
        self.fulltext = bool(app.config.blog_feed_fulltext)
        self.zone = site_zone(app.config)
        self._entries: dict[str, Entry] = {}

    def __call__(self, post: Post) -> Entry:
        entry = self._entries.get(post.docname)
        if entry is None:
            entry = self._entries[post.docname] = self._make(post)
        return entry

    def _make(self, post: Post) -> Entry:
        url = page_url(self.app.builder, post.docname, self.base)
        shown = self.views.shown_name
        assert post.date is not None  # published posts have a date
        return Entry(
            post=post,
            date=local(post.date, self.zone),
            url=url,
            authors=tuple((author.name, author.link) for author in self.views.post_authors(post)),
            terms=tuple(dict.fromkeys([shown("category", name) for name in post.categories]
                                      + [shown("tag", name) for name in post.tags])),
            summary=post.excerpt or post.description or "",
            content=post_html(self.app, post.docname, url) if self.fulltext else "",
            image=absolute_image_url(post.image, self.app.env.images, self.base),
        )


def post_html(app: Sphinx, docname: str, url: str) -> str:
    """The body of the written post page, without title and decorations, links made absolute."""
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
    for element in section.xpath(_DECORATIONS):
        element.drop_tree()
    section.make_links_absolute(url, resolve_base_href=False)
    parts = [str(escape(section.text or ""))]
    parts += [lxml.html.tostring(child, encoding="unicode") for child in section]
    return "".join(parts).strip()


# -- writing ------------------------------------------------------------------------------


def write_feeds(app: Sphinx, exception: BaseException | None) -> None:
    """build-finished: write every feed of a successful HTML build; remove the files of
    feeds that no longer exist (a tag lost its last post)."""
    if exception is not None or app.builder.name not in WEB_BUILDERS:
        return
    views = blog_domain(app.env).views
    base = base_url(app.config)
    if views.feeds and not base:
        logger.warning(_missing_base_message(app.config), type="blog", subtype="feed")
    written: list[Path] = []
    changed = 0
    make_entry = EntryMaker(app, views, base)
    # other parts of the extension may add feeds at other folders: ABlog's (see .ablog_links)
    extra = [feed for feeds in app.emit("blog-feeds", views) for feed in feeds if feed.folder not in views.feeds]
    for feed in [*views.feeds.values(), *extra] if base else ():
        entries = [make_entry(post) for post in feed.posts]
        home = page_url(app.builder, feed.page, base)
        atom, rss = xml_feeds(feed, entries, home, base, app.config)
        documents = {ATOM: atom, RSS: rss, JSON: json_feed(feed, entries, home, base, app.config).encode()}
        for fmt, data in documents.items():
            path = feed_path(feed, app.outdir, fmt)
            changed += _write(path, data)
            written.append(path)
    _remove_old(app, written)
    if written:
        logger.info("blog: %d feeds (Atom, RSS, JSON Feed), %d files changed", len(views.feeds), changed)


def _remove_old(app: Sphinx, written: list[Path]) -> None:
    """Delete the feed files of the previous build that this build did not write."""
    store = Path(app.doctreedir) / FEED_FILES.format(app.builder.name)
    outdir = Path(app.outdir)
    now = sorted(path.relative_to(outdir).as_posix() for path in written)
    try:
        before = set(json.loads(store.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        before = set()
    for name in sorted(before - set(now)):
        (outdir / name).unlink(missing_ok=True)
        _remove_empty_folders((outdir / name).parent, outdir)
    store.write_text(json.dumps(now), encoding="utf-8")


def _remove_empty_folders(folder: Path, outdir: Path) -> None:
    """The folders a removed feed leaves empty (a month or tag that went), as a fresh build would."""
    while folder != outdir and outdir in folder.parents:
        try:
            folder.rmdir()  # only when empty
        except OSError:
            return
        folder = folder.parent


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


def xml_feeds(feed: FeedView, entries: Sequence[Entry], home: str, base: str, config: Config) -> tuple[bytes, bytes]:
    """The Atom and the RSS document of ``feed``; ``home`` is the URL of its page."""
    generator = FeedGenerator()
    generator.load_extension("dc", atom=False, rss=True)  # RSS authors without e-mail
    generator.id(home)
    generator.title(_xml(feed.title))
    generator.description(_xml(config.blog_feed_subtitle or feed.title))
    generator.updated(entries[0].date)  # the newest entry: never the build time
    generator.generator("sphinxext-blog")
    if config.language:
        generator.language(html_lang(config.language))
    if any(not entry.authors for entry in entries):  # Atom: a feed-level author then
        generator.author({"name": _xml(str(config.project))})
    for entry in entries:
        _add_entry(generator, entry)
    documents = []
    for fmt, render in ((ATOM, generator.atom_str), (RSS, generator.rss_str)):
        generator.link([
            {"href": feed_url(feed, base, fmt), "rel": "self", "type": fmt.mimetype},
            {"href": home, "rel": "alternate", "type": "text/html"},
        ], replace=True)
        documents.append(render(pretty=True))
    return with_entry_languages(documents[0], entries), documents[1]


def with_entry_languages(atom: bytes, entries: Sequence[Entry]) -> bytes:
    """Atom entries of posts in their own language get ``xml:lang`` (feedgen has no
    setting for it); a feed without such posts keeps feedgen's bytes."""
    languages = [entry.post.lang for entry in entries]
    if not any(languages):
        return atom
    root = lxml.etree.fromstring(atom)
    for element, language in zip(root.iter(ATOM_ENTRY), languages, strict=True):
        if language:
            element.set(XML_LANG, language)
    return bytes(lxml.etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8"))


def _add_entry(generator: FeedGenerator, entry: Entry) -> None:
    post = entry.post
    item = generator.add_entry(order="append")
    item.guid(entry.url, permalink=True)  # also the Atom id: stable across builds
    item.title(_xml(post.title or post.docname))
    item.link(href=entry.url, rel="alternate", type="text/html")
    item.published(entry.date)
    item.updated(entry.date)
    for name, url in entry.authors:
        item.author({"name": _xml(name), "uri": url} if url else {"name": _xml(name)})
        item.dc.dc_creator(_xml(name))
    if entry.terms:
        item.category([{"term": _xml(term)} for term in entry.terms])
    if entry.summary:
        item.summary(_xml(entry.summary))
    if entry.content:
        item.content(_xml(entry.content), type="html")
    if post.lang:
        item.dc.dc_language(post.lang)  # RSS items have no language of their own


def json_feed(feed: FeedView, entries: Sequence[Entry], home: str, base: str, config: Config) -> str:
    """The JSON Feed 1.1 document of ``feed``; ``home`` is the URL of its page."""
    data: dict[str, Any] = {
        "version": JSON_FEED_VERSION,
        "title": feed.title,
        "home_page_url": home,
        "feed_url": feed_url(feed, base, JSON),
    }
    if config.language:
        data["language"] = html_lang(config.language)
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
    item["date_published"] = entry.date.isoformat()
    if entry.authors:
        item["authors"] = [{"name": name, **({"url": url} if url else {})} for name, url in entry.authors]
    if entry.terms:
        item["tags"] = list(entry.terms)
    if post.lang:
        item["language"] = post.lang
    return item


def setup_feeds(app: Sphinx) -> None:
    app.add_event("blog-feeds")  # (views) -> [FeedView]: more feeds to write
    app.connect("html-page-context", add_feed_links)
    app.connect("build-finished", write_feeds)
