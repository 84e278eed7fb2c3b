"""Social and search metadata of post pages: Open Graph, ``article:*``, Twitter card,
``<meta name="description">`` and ``<link rel="canonical">``.

The tags go into ``context['metatags']`` late (priority 900), after extensions such
as sphinxext-opengraph (priority 500) added theirs: a tag another extension already
emitted for a key this module knows better (``og:image`` of a post with a featured
image, ``og:type``, ...) is replaced, so no key appears twice.  Tags the page itself
declares (a ``meta`` directive, MyST ``html_meta``) are the author's word and kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from html.parser import HTMLParser
from typing import Any

from markupsafe import Markup, escape
from sphinx.application import Sphinx

from .config import base_url, site_zone
from .dates import iso_date
from .domain import blog_domain
from .frontmatter import Post
from .i18n import og_locale
from .pagelinks import WEB_BUILDERS, absolute_image_url, page_url
from .urls import absolute_url

#: runs after every extension connected with the default priority (500)
LATE = 900
#: runs before them, to see the tags the page itself declares
EARLY = 100
_PAGE_OWN = "blog_page_metatags"  # context key: keys of the page's own meta tags

Tag = tuple[str, str, str]  # (attribute: 'property' or 'name', key, content)
_NEWLINE = re.compile("\n")


class _HeadTags(HTMLParser):
    """The ``<meta>`` and ``<link>`` tags of a ``metatags`` string, with where each is."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text = text
        self.line_starts = [0, *(match.end() for match in _NEWLINE.finditer(text))]
        self.found: list[tuple[int, int, str, dict[str, str]]] = []  # (start, end, tag, attributes)
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, column = self.getpos()
        start = self.line_starts[line - 1] + column
        end = start + len(self.get_starttag_text() or "")
        self.found.append((start, end, tag, {name: value or "" for name, value in attrs}))

    handle_startendtag = handle_starttag


def _meta_key(attributes: dict[str, str]) -> str:
    """The property or name of a ``<meta>`` tag, lowercased; '' for others (charset, ...)."""
    return (attributes.get("property") or attributes.get("name") or "").lower()


def meta_keys(metatags: str) -> set[str]:
    return {_meta_key(attrs) for _s, _e, tag, attrs in _head_tags(metatags) if tag == "meta"} - {""}


Found = Sequence[tuple[int, int, str, dict[str, str]]]  # (start, end, tag, attributes) of a head's tags


@lru_cache(maxsize=256)  # the pages of a blog share their head tags (feed links, a theme's)
def _head_tags(metatags: str) -> Found:
    """The ``<meta>`` and ``<link>`` tags of a head; none to parse in most pages."""
    lowered = metatags.lower()
    return tuple(_HeadTags(metatags).found) if "<meta" in lowered or "canonical" in lowered else ()


def _filtered(metatags: str, found: Found, drop: Callable[[str], bool]) -> tuple[str, Found]:
    """``metatags`` without the ``<meta>`` tags for which ``drop(key)`` is true (and their
    trailing whitespace), every other byte kept; and the tags kept."""
    parts, kept, position = [], [], 0
    for start, end, tag, attrs in found:
        if tag == "meta" and drop(_meta_key(attrs)):
            parts.append(metatags[position:start])
            position = end + len(metatags[end:]) - len(metatags[end:].lstrip())
        else:
            kept.append((start, end, tag, attrs))
    parts.append(metatags[position:])
    return "".join(parts), kept


def _canonical_in(found: Found) -> bool:
    return any(tag == "link" and "canonical" in attrs.get("rel", "").lower().split() for _s, _e, tag, attrs in found)


def remember_page_tags(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Early: note which meta tags the page declares itself, before other extensions add theirs."""
    if app.builder.name in WEB_BUILDERS and pagename in blog_domain(app.env).posts:
        context[_PAGE_OWN] = meta_keys(context.get("metatags") or "")


def add_social_tags(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Late: the post's tags replace other extensions' tags of the same keys."""
    if app.builder.name not in WEB_BUILDERS:
        return
    post = blog_domain(app.env).posts.get(pagename)
    if post is None:
        return
    page_own: set[str] = context.get(_PAGE_OWN) or set()
    tags = [tag for tag in social_tags(app, post) if tag[1] not in page_own]
    replaced = {key for _attribute, key, _content in tags}
    if "og:image" in replaced:  # its alt, width and height described the replaced image
        replaced |= {"og:image:alt", "og:image:width", "og:image:height", "og:image:type"}
    if "twitter:card" not in page_own:
        replaced.add("twitter:card")
    metatags = context.get("metatags") or ""
    metatags, left = _filtered(metatags, _head_tags(metatags), _dropper(replaced - page_own, page_own))
    if "twitter:card" not in page_own:
        tags.append(("name", "twitter:card", _card(tags, left)))
    context["metatags"] = metatags + "".join(_meta_tag(*tag) for tag in tags)
    url = _post_url(app, post)
    if url and not context.get("pageurl") and not _canonical_in(left):
        context["metatags"] += str(Markup('<link rel="canonical" href="{}" />\n').format(url))


def social_tags(app: Sphinx, post: Post) -> list[Tag]:
    """Open Graph, article and description tags of a post (``twitter:card`` aside)."""
    url = _post_url(app, post)
    description = post.description or post.excerpt
    image = _image(app, post)
    tags: list[Tag] = [
        ("property", "og:title", post.meta_title or post.title),
        ("property", "og:type", "article"),
        ("property", "og:locale", og_locale(post.lang or app.config.language)),
    ]
    if url:
        tags.append(("property", "og:url", url))
    if description:
        tags.append(("property", "og:description", description))
    if image:
        tags.append(("property", "og:image", image))
        tags.append(("property", "og:image:alt", post.image_alt or post.title))
    tags += _article_tags(app, post)
    if description:
        tags.append(("name", "description", description))
    if post.keywords:
        tags.append(("name", "keywords", ", ".join(post.keywords)))
    return tags


def _article_tags(app: Sphinx, post: Post) -> list[Tag]:
    tags: list[Tag] = []
    zone = site_zone(app.config)
    if post.date is not None:
        tags.append(("property", "article:published_time", iso_date(post.date, post.date_only, zone)))
    if post.expires is not None:
        tags.append(("property", "article:expiration_time", iso_date(post.expires, False, zone)))
    views = blog_domain(app.env).views
    tags += [("property", "article:author", author.name) for author in views.post_authors(post)]
    if post.categories:
        tags.append(("property", "article:section", views.shown_name("category", post.categories[0])))
    tags += [("property", "article:tag", views.shown_name("tag", tag)) for tag in post.tags]
    return tags


def _post_url(app: Sphinx, post: Post) -> str:
    return page_url(app.builder, post.docname, base_url(app.config))


def _image(app: Sphinx, post: Post) -> str:
    """The featured image's absolute URL, else ``blog_default_image`` (a URL or a site path)."""
    base = base_url(app.config)
    image = absolute_image_url(post.image, app.env.images, base)
    if image:
        return image
    default = str(app.config.blog_default_image or "").strip()
    return absolute_url(default, base) if default else ""


def _card(tags: list[Tag], found: Found) -> str:
    has_image = any(key == "og:image" for _a, key, _c in tags) or any(
        tag == "meta" and _meta_key(attrs) == "og:image" for _s, _e, tag, attrs in found)
    return "summary_large_image" if has_image else "summary"


def _dropper(replaced: set[str], page_own: set[str]) -> Callable[[str], bool]:
    """Drop the tags of ``replaced`` keys, and all but the first of each of ``page_own``'s
    (the page's own come first)."""
    seen: set[str] = set()

    def drop(key: str) -> bool:
        if key in replaced or (key in page_own and key in seen):
            return True
        seen.add(key)
        return False

    return drop


def _meta_tag(attribute: str, key: str, content: str) -> str:
    return f'<meta {escape(attribute)}="{escape(key)}" content="{escape(content)}" />\n'


def setup_social(app: Sphinx) -> None:
    app.connect("html-page-context", remember_page_tags, priority=EARLY)
    app.connect("html-page-context", add_social_tags, priority=LATE)
