"""Atom, RSS and JSON feeds: entries, links, authors, dates, archives, reproducibility."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from types import SimpleNamespace

import feedparser
import pytest
from lxml import etree
from lxml import html as lxml_html

from sphinxext.blog.config import base_url

from conftest import build, copy_root, parse_html, warnings_of

BASE = "https://example.com/"
ATOM_NS = {"a": "http://www.w3.org/2005/Atom"}
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
# the published posts of tests/roots/test-feeds, newest first
PUBLISHED = ["blog/no-image", "blog/url-image", "blog/local-image"]
TITLES = {
    "blog/no-image": 'Tips & tricks: <angle> brackets and "quotes"',
    "blog/url-image": "A post with a remote cover",
    "blog/local-image": "Launch week & what's next",
}
AUTHORS = {
    "blog/no-image": ["Bob Builder"],
    "blog/url-image": ["Alice Example"],
    "blog/local-image": ["Alice Example", "Bob Builder"],
}
PUBLISHED_AT = {
    "blog/no-image": "2024-03-05T00:00:00+00:00",
    "blog/url-image": "2024-02-01T07:30:00+00:00",  # 09:30 at +02:00
    "blog/local-image": "2024-01-10T00:00:00+00:00",
}
HIDDEN = ("draft", "future", "unlisted")
ARCHIVES = {
    "blog/tags/announcements": ["blog/no-image", "blog/local-image"],
    "blog/tags/product-engineers": ["blog/url-image", "blog/local-image"],
    "blog/categories/engineering": ["blog/no-image", "blog/local-image"],
    "blog/categories/product": ["blog/url-image"],
    "blog/authors/alice": ["blog/url-image", "blog/local-image"],
    "blog/authors/bob": ["blog/no-image", "blog/local-image"],
    # months (issue 17): a draft of March and an unlisted post of February are left out
    "blog/archive/2024/03": ["blog/no-image"],
    "blog/archive/2024/02": ["blog/url-image"],
    "blog/archive/2024/01": ["blog/local-image"],
}
FILES = ("atom.xml", "rss.xml", "feed.json")


@pytest.fixture(scope="module")
def site(module_tmp):
    return build(copy_root("feeds", module_tmp / "first"), blog_feed_fulltext=True)


@pytest.fixture(scope="module")
def rebuilt(module_tmp):
    """The same sources, built again elsewhere, in parallel."""
    return build(copy_root("feeds", module_tmp / "second"), parallel=2, blog_feed_fulltext=True)


@pytest.fixture(scope="module")
def dirhtml(module_tmp):
    """dirhtml, excerpts only, two entries per feed, drafts shown on the site."""
    return build(copy_root("feeds", module_tmp / "dirhtml"), "dirhtml", blog_feed_length=2, blog_show_drafts=True)


@pytest.fixture(scope="module")
def no_base(module_tmp):
    return build(copy_root("feeds", module_tmp / "nobase"), blog_baseurl="")


def output_of(app, url: str) -> Path:
    """The output file a feed's URL points to."""
    assert url.startswith(BASE), url
    path = url[len(BASE):].split("#")[0]
    if path == "" or path.endswith("/"):
        path += "index.html"
    return Path(app.outdir, path)


def docname_of(url: str) -> str:
    path = url[len(BASE):].split("#")[0]
    return path.removesuffix(".html").removesuffix("/")


def parsed(app, name: str):
    feed = feedparser.parse(str(Path(app.outdir, name)))
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def feed_files(app) -> dict[str, bytes]:
    outdir = Path(app.outdir)
    return {
        path.relative_to(outdir).as_posix(): path.read_bytes()
        for path in sorted(outdir.rglob("*"))
        if path.name in FILES and "_static" not in path.parts
    }


# -- the blog's feeds ----------------------------------------------------------------------


def test_feeds_written_for_blog_and_archives(site):
    expected = {f"{folder}/{name}" for folder in ["blog", *ARCHIVES] for name in FILES}
    assert set(feed_files(site)) == expected
    assert warnings_of(site) == []


@pytest.mark.parametrize("name, version", [("blog/atom.xml", "atom10"), ("blog/rss.xml", "rss20")])
def test_entries_in_order_with_titles_links_authors_dates(site, name, version):
    feed = parsed(site, name)
    assert feed.version == version
    links = [entry.link for entry in feed.entries]
    assert [docname_of(link) for link in links] == PUBLISHED
    for entry in feed.entries:
        docname = docname_of(entry.link)
        assert output_of(site, entry.link).is_file()
        assert entry.id == entry.link == BASE + docname + ".html"
        assert entry.title == TITLES[docname]
        assert [author.name for author in entry.authors] == AUTHORS[docname]
        assert entry.published_parsed[:6] == _parsed_time(PUBLISHED_AT[docname])
    assert feed.feed.updated_parsed[:6] == _parsed_time(PUBLISHED_AT["blog/no-image"])


def _parsed_time(iso: str) -> tuple[int, ...]:
    moment = dt.datetime.fromisoformat(iso)
    return moment.utctimetuple()[:6]


def test_atom_with_lxml(site):
    root = etree.parse(str(Path(site.outdir, "blog/atom.xml"))).getroot()
    assert root.findtext("a:updated", namespaces=ATOM_NS) == PUBLISHED_AT["blog/no-image"]
    self_link = root.find("a:link[@rel='self']", ATOM_NS)
    assert self_link.get("href") == BASE + "blog/atom.xml"
    entries = root.findall("a:entry", ATOM_NS)
    assert len(entries) == len(PUBLISHED)
    launch = entries[2]
    assert launch.findtext("a:published", namespaces=ATOM_NS) == PUBLISHED_AT["blog/local-image"]
    assert launch.findtext("a:updated", namespaces=ATOM_NS) == PUBLISHED_AT["blog/local-image"]
    authors = [(a.findtext("a:name", namespaces=ATOM_NS), a.findtext("a:uri", namespaces=ATOM_NS))
               for a in launch.findall("a:author", ATOM_NS)]
    assert authors == [("Alice Example", "https://alice.example.org/"), ("Bob Builder", None)]
    terms = [c.get("term") for c in launch.findall("a:category", ATOM_NS)]
    assert terms == ["Engineering", "Announcements", "Product engineers"]
    assert launch.findtext("a:summary", namespaces=ATOM_NS) == "Everything we shipped during launch week."


def test_rss_names_every_author(site):
    root = etree.parse(str(Path(site.outdir, "blog/rss.xml"))).getroot()
    items = root.findall("channel/item")
    assert [[c.text for c in item.findall(DC_CREATOR)] for item in items] == [AUTHORS[d] for d in PUBLISHED]
    assert [item.find("guid").get("isPermaLink") for item in items] == ["true"] * 3


def test_fulltext_content_has_absolute_links_and_no_page_furniture(site):
    feed = parsed(site, "blog/atom.xml")
    launch = feed.entries[2]
    body = lxml_html.fragment_fromstring(launch.content[0].value, create_parent="div")
    assert body.xpath("//h1") == []
    assert not body.find_class("blog-byline") and not body.find_class("blog-breadcrumb")
    assert "five" in body.text_content()
    hrefs = [a.get("href") for a in body.iter("a")]
    assert BASE + "blog/url-image.html" in hrefs
    assert BASE + "blog/local-image.html#whats-next" in hrefs
    sources = [img.get("src") for img in body.iter("img")]
    assert sources == [BASE + "_images/hero.png"]
    for url in hrefs + sources:
        assert url.startswith(BASE)
        assert output_of(site, url).is_file()


def test_json_feed(site):
    data = json.loads(Path(site.outdir, "blog/feed.json").read_text(encoding="utf-8"))
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["feed_url"] == BASE + "blog/feed.json"
    assert output_of(site, data["home_page_url"]).is_file()
    items = data["items"]
    assert [docname_of(item["url"]) for item in items] == PUBLISHED
    for item in items:
        docname = docname_of(item["url"])
        assert item["id"] == item["url"]
        assert item["title"] == TITLES[docname]
        assert [a["name"] for a in item["authors"]] == AUTHORS[docname]
        assert item["date_published"] == PUBLISHED_AT[docname]
        assert item["content_html"]
    images = {docname_of(item["url"]): item.get("image") for item in items}
    assert images == {
        "blog/no-image": None,
        "blog/url-image": "https://images.example.org/cover.jpg",
        "blog/local-image": BASE + "_images/hero.png",
    }
    assert output_of(site, images["blog/local-image"]).is_file()
    assert items[2]["authors"][0]["url"] == "https://alice.example.org/"


def test_no_drafts_future_or_unlisted_posts(site, dirhtml):
    for app in (site, dirhtml):
        for name, content in feed_files(app).items():
            text = content.decode("utf-8")
            for hidden in HIDDEN:
                assert f"blog/{hidden}" not in text, (name, hidden)


@pytest.mark.parametrize("folder", sorted(ARCHIVES))
def test_archive_feeds_hold_exactly_their_posts(site, folder):
    atom = parsed(site, f"{folder}/atom.xml")
    assert [docname_of(entry.link) for entry in atom.entries] == ARCHIVES[folder]
    rss = parsed(site, f"{folder}/rss.xml")
    assert [docname_of(entry.link) for entry in rss.entries] == ARCHIVES[folder]
    data = json.loads(Path(site.outdir, folder, "feed.json").read_text(encoding="utf-8"))
    assert [docname_of(item["url"]) for item in data["items"]] == ARCHIVES[folder]


def test_two_builds_write_identical_feeds(site, rebuilt):
    first, second = feed_files(site), feed_files(rebuilt)
    assert first.keys() == second.keys()
    for name in first:
        assert first[name] == second[name], name


# -- links in the pages ------------------------------------------------------------------


def alternates(app, page: str) -> list[tuple[str, str]]:
    head = parse_html(Path(app.outdir, page)).head
    return [(link["type"], link["href"]) for link in head.select('link[rel="alternate"]')]


BLOG_LINKS = [
    ("application/atom+xml", BASE + "blog/atom.xml"),
    ("application/rss+xml", BASE + "blog/rss.xml"),
    ("application/feed+json", BASE + "blog/feed.json"),
]


def test_post_pages_advertise_blog_feeds(site):
    for docname in [*PUBLISHED, "blog/draft"]:
        assert alternates(site, f"{docname}.html") == BLOG_LINKS
    assert alternates(site, "index.html") == []


def test_generated_pages_advertise_their_own_feeds(site):
    tag_page = Path(site.outdir, "blog/tags/announcements.html")
    if not tag_page.is_file():
        pytest.skip("tag pages are not generated")
    own = [(kind, href.replace("/blog/", "/blog/tags/announcements/")) for kind, href in BLOG_LINKS]
    assert alternates(site, "blog/tags/announcements.html") == BLOG_LINKS + own
    titles = [link["title"] for link in parse_html(tag_page).head.select('link[rel="alternate"]')]
    assert titles[3] == "Blog: Announcements (Atom)"  # the blog has no landing page: its root in words


# -- dirhtml, excerpts, length -------------------------------------------------------------


def test_dirhtml_links_and_excerpt_only_entries(dirhtml):
    feed = parsed(dirhtml, "blog/atom.xml")
    assert [entry.link for entry in feed.entries] == [BASE + "blog/no-image/", BASE + "blog/url-image/"]
    for entry in feed.entries:
        assert output_of(dirhtml, entry.link).is_file()
        assert "content" not in entry
    assert feed.entries[0].summary == "Escaping matters in feeds & pages."
    data = json.loads(Path(dirhtml.outdir, "blog/feed.json").read_text(encoding="utf-8"))
    assert [item["content_text"] for item in data["items"]] == [
        "Escaping matters in feeds & pages.", "Remote images are used as they are."
    ]
    assert all("content_html" not in item for item in data["items"])


def test_feed_length(dirhtml):
    tagged = parsed(dirhtml, "blog/tags/announcements/atom.xml")
    assert [docname_of(entry.link) for entry in tagged.entries] == ["blog/no-image", "blog/local-image"]


# -- no base URL ---------------------------------------------------------------------------


def test_without_base_url_no_feed_and_one_warning(no_base):
    assert feed_files(no_base) == {}
    warnings = warnings_of(no_base)
    assert len(warnings) == 1
    assert "blog_baseurl" in warnings[0] and "[blog.feed]" in warnings[0]
    assert alternates(no_base, "blog/local-image.html") == []


@pytest.mark.parametrize("blog, html, expected", [
    ("https://example.com", "", "https://example.com/"),
    ("", "https://docs.example.com/en/", "https://docs.example.com/en/"),
    ("https://blog.example.com//", "https://docs.example.com/", "https://blog.example.com/"),
    ("example.com", "", ""),
    ("", "", ""),
])
def test_base_url(blog, html, expected):
    assert base_url(SimpleNamespace(blog_baseurl=blog, html_baseurl=html)) == expected
