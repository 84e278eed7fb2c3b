"""Structured data for search engines: schema.org JSON-LD in each page's ``<head>``.

* a post: ``BlogPosting`` (headline, dates, authors as ``Person``, image,
  publisher, ``mainEntityOfPage``, section, keywords, language);
* a blog's index (its generated index and its landing document): ``Blog``, with its
  newest posts;
* an author's page: ``ProfilePage`` whose ``mainEntity`` is the ``Person``;
* the site's root document: ``WebSite``, once.

Everything shown comes from :mod:`.views`.  The data is written with
``json.dumps`` into ``<script type="application/ld+json">``, with ``<`` escaped as
``\\u003c``, so no text of a post can close the script element.  Without a public
base URL (:confval:`blog_baseurl`), URLs are left out rather than made relative.
"""

from __future__ import annotations

import json
from typing import Any

from sphinx.application import Sphinx

from .catalog import Blog
from .config import base_url, site_zone
from .dates import iso_date
from .domain import blog_domain
from .frontmatter import Post
from .i18n import html_lang
from .pagelinks import WEB_BUILDERS, absolute_image_url, page_url
from .views import AuthorView, Views

SCHEMA = "https://schema.org"
#: Google shows at most this many characters of a headline
HEADLINE_LENGTH = 110
#: posts a ``Blog`` lists
BLOG_POSTS = 10


class JsonLd:
    """The JSON-LD objects of one build's pages."""

    def __init__(self, app: Sphinx) -> None:
        self.app = app
        self.config = app.config
        self.views: Views = blog_domain(app.env).views
        self.base = base_url(app.config)

    def url(self, pagename: str | None) -> str:
        return page_url(self.app.builder, pagename, self.base) if pagename else ""

    def for_page(self, pagename: str, context: dict[str, Any]) -> list[dict[str, Any]]:
        catalog = self.views.catalog
        found: list[dict[str, Any]] = []
        if pagename == self.config.root_doc:
            found.append(self.website())
        post = blog_domain(self.app.env).posts.get(pagename)
        if post is not None:
            found.append(self.posting(post))
        blog = self._blog_of_index(pagename)
        if blog is not None:
            found.append(self.blog(blog, pagename))
        generated = catalog.generated.get(pagename)
        if generated is not None and generated[1] == "author":
            found.append(self.profile(generated[2], pagename))
        return found

    def _blog_of_index(self, pagename: str) -> Blog | None:
        for blog in self.views.catalog.blogs.values():
            if pagename in (blog.index_page, f"{blog.root}/index", blog.root):
                return blog
        return None

    def website(self) -> dict[str, Any]:
        name = " ".join(str(self.config.html_title or self.config.project).split())
        return _clean({"@context": SCHEMA, "@type": "WebSite", "name": name, "url": self.base})

    def posting(self, post: Post, context: bool = True) -> dict[str, Any]:
        entry = self.views.entry(post)
        zone = site_zone(self.config)
        published = iso_date(post.date, post.date_only, zone) if post.date else ""
        data: dict[str, Any] = {
            "@context": SCHEMA if context else None,
            "@type": "BlogPosting",
            "headline": _headline(post.meta_title or post.title),
            "name": post.title,
            "url": self.url(post.docname),
            "datePublished": published,
            "dateModified": iso_date(post.updated, False, zone) if post.updated else published,
            "expires": iso_date(post.expires, False, zone) if post.expires else "",
            "author": [self.person(author) for author in entry.authors],
            "image": absolute_image_url(post.image, self.app.env.images, self.base),
            "description": post.description or post.excerpt,
            "keywords": ", ".join(post.keywords or [term.name for term in entry.tags]),
            "articleSection": entry.categories[0].name if entry.categories else "",
            "inLanguage": post.lang or html_lang(self.config.language),
        }
        if context:
            data["publisher"] = self.publisher()
            data["mainEntityOfPage"] = _clean({"@type": "WebPage", "@id": self.url(post.docname)})
        return _clean(data)

    def person(self, author: AuthorView) -> dict[str, Any]:
        return _clean({
            "@type": "Person",
            "name": author.name,
            "url": self.url(author.page) or (author.link if author.link.startswith("http") else ""),
            "sameAs": author.link if author.link.startswith("http") else "",
            "jobTitle": author.role,
        })

    def publisher(self) -> dict[str, Any]:
        """``blog_publisher`` (name, url, logo), else the project as an organisation."""
        given = self.config.blog_publisher or {}
        logo = str(given.get("logo") or "")
        return _clean({
            "@type": "Organization",
            "name": str(given.get("name") or self.config.project),
            "url": str(given.get("url") or self.base),
            "logo": _clean({"@type": "ImageObject", "url": logo}) if logo else None,
        })

    def blog(self, blog: Blog, pagename: str) -> dict[str, Any]:
        return _clean({
            "@context": SCHEMA,
            "@type": "Blog",
            "name": self.views.blog_title(blog),
            "url": self.url(pagename),
            "publisher": self.publisher(),
            "blogPost": [self.posting(post, context=False) for post in blog.posts[:BLOG_POSTS]],
        })

    def profile(self, handle: str, pagename: str) -> dict[str, Any]:
        author = self.views.author(handle)
        person = self.person(author)
        person["description"] = author.bio or None
        person["image"] = absolute_image_url(author.avatar, self.app.env.images, self.base)
        return _clean({"@context": SCHEMA, "@type": "ProfilePage", "url": self.url(pagename),
                       "mainEntity": _clean(person)})


def _headline(title: str) -> str:
    return title if len(title) <= HEADLINE_LENGTH else title[: HEADLINE_LENGTH - 1].rstrip() + "…"


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    """Without empty values: schema.org readers treat "" as a (wrong) value."""
    return {key: value for key, value in data.items() if value not in ("", None, [], {})}


def script(data: dict[str, Any]) -> str:
    """A ``<script type="application/ld+json">`` element; ``<`` is escaped, so text in the
    data can never end the element (``</script>``) or open a comment (``<!--``)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    return '\n<script type="application/ld+json">' + text.replace("<", "\\u003c") + "</script>"


def add_jsonld(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if not app.config.blog_jsonld or app.builder.name not in WEB_BUILDERS:
        return
    objects = JsonLd(app).for_page(pagename, context)
    if objects:
        context["metatags"] = (context.get("metatags") or "") + "".join(script(data) for data in objects)


def setup_jsonld(app: Sphinx) -> None:
    # after the social tags (priority 900), which parse the tags before them: not this script
    app.connect("html-page-context", add_jsonld, priority=950)
