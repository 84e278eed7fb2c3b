"""Social and search metadata of post pages: Open Graph, ``article:*``, Twitter card,
``<meta name="description">`` and ``<link rel="canonical">``.

The tags go into ``context['metatags']`` late (priority 900), after extensions such
as sphinxext-opengraph (priority 500) added theirs: a tag another extension already
emitted for a key this module knows better (``og:image`` of a post with a featured
image, ``og:type``, ...) is replaced, so no key appears twice.  Tags the page itself
declares (a ``meta`` directive, MyST ``html_meta``) are the author's word and kept.
"""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import quote

from sphinx.application import Sphinx

from .config import base_url
from .domain import blog_domain
from .feeds import FEED_BUILDERS, absolute_image_url, page_url
from .frontmatter import Post

__all__ = ["social_tags"]

#: runs after every extension connected with the default priority (500)
LATE = 900
#: runs before them, to see the tags the page itself declares
EARLY = 100
_PAGE_OWN = "blog_page_metatags"  # context key: keys of the page's own meta tags

_META = re.compile(r"<meta\b[^>]*>\s*", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([^\s=/>]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""")
_CANONICAL = re.compile(r"""<link\b[^>]*\brel\s*=\s*["']?canonical\b""", re.IGNORECASE)

Tag = tuple[str, str, str]  # (attribute: 'property' or 'name', key, content)


def meta_key(tag: str) -> str:
    """The property or name of a ``<meta>`` tag, lowercased; '' for others (charset, ...)."""
    attributes = {name.lower(): value.strip("'\"") for name, value in _ATTRIBUTE.findall(tag)}
    return html.unescape(attributes.get("property") or attributes.get("name") or "").lower()


def meta_keys(metatags: str) -> set[str]:
    return {meta_key(match.group()) for match in _META.finditer(metatags)} - {""}


def remember_page_tags(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Early: note which meta tags the page declares itself, before other extensions add theirs."""
    if app.builder.name in FEED_BUILDERS and pagename in blog_domain(app.env).posts:
        context[_PAGE_OWN] = meta_keys(context.get("metatags") or "")


def add_social_tags(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Late: the post's tags replace other extensions' tags of the same keys."""
    if app.builder.name not in FEED_BUILDERS:
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
    metatags = _first_only(_without(context.get("metatags") or "", replaced - page_own), page_own)
    if "twitter:card" not in page_own:
        tags.append(("name", "twitter:card", _card(tags, metatags)))
    context["metatags"] = metatags + "".join(_meta_tag(*tag) for tag in tags)
    url = _post_url(app, post)
    if url and not context.get("pageurl") and not _CANONICAL.search(context["metatags"]):
        context["metatags"] += f'<link rel="canonical" href="{html.escape(url)}" />\n'


def social_tags(app: Sphinx, post: Post) -> list[Tag]:
    """Open Graph, article and description tags of a post (``twitter:card`` aside)."""
    url = _post_url(app, post)
    description = post.description or post.excerpt
    image = _image(app, post)
    tags: list[Tag] = [
        ("property", "og:title", post.meta_title or post.title),
        ("property", "og:type", "article"),
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
    if post.date is not None:
        published = post.date.date().isoformat() if post.date_only else post.date.isoformat()
        tags.append(("property", "article:published_time", published))
    registry = blog_domain(app.env).authors
    for handle in post.authors:
        author = registry.get(handle)
        tags.append(("property", "article:author", author.name if author else handle))
    if post.categories:
        tags.append(("property", "article:section", post.categories[0]))
    tags += [("property", "article:tag", tag) for tag in post.tags]
    return tags


def _post_url(app: Sphinx, post: Post) -> str:
    base = base_url(app.config)
    return page_url(app, base, post.docname) if base else ""


def _image(app: Sphinx, post: Post) -> str:
    """The featured image's absolute URL, else ``blog_default_image`` (a URL or a site path)."""
    base = base_url(app.config)
    image = absolute_image_url(post.image, app.env, base)
    if image:
        return image
    default = str(app.config.blog_default_image or "").strip()
    if default.startswith(("http://", "https://")):
        return default
    return base + quote(default.lstrip("/")) if default and base else ""


def _card(tags: list[Tag], metatags: str) -> str:
    has_image = any(key == "og:image" for _a, key, _c in tags) or "og:image" in meta_keys(metatags)
    return "summary_large_image" if has_image else "summary"


def _without(metatags: str, keys: set[str]) -> str:
    """``metatags`` without the ``<meta>`` tags of ``keys``."""
    if not keys:
        return metatags
    return _META.sub(lambda match: "" if meta_key(match.group()) in keys else match.group(), metatags)


def _first_only(metatags: str, keys: set[str]) -> str:
    """Keep the first ``<meta>`` of each of ``keys`` (the page's own, which come first)."""
    seen: set[str] = set()

    def keep(match: re.Match[str]) -> str:
        key = meta_key(match.group())
        if key in keys and key in seen:
            return ""
        seen.add(key)
        return match.group()

    return _META.sub(keep, metatags) if keys else metatags


def _meta_tag(attribute: str, key: str, content: str) -> str:
    return f'<meta {attribute}="{html.escape(key)}" content="{html.escape(content)}" />\n'


def setup_social(app: Sphinx) -> None:
    app.connect("html-page-context", remember_page_tags, priority=EARLY)
    app.connect("html-page-context", add_social_tags, priority=LATE)
