"""Read a post's YAML frontmatter into one typed, validated :class:`Post` record.

Sphinx only keeps frontmatter as strings (``env.metadata``), so the YAML is read
here again, with line numbers, and every problem becomes a :class:`Problem`
(the caller turns those into Sphinx warnings).  Whatever could be read is kept.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .dates import Zone, parse_date
from .i18n import is_language_tag
from .postauthors import AUTHOR_KEYS, PostAuthor, read_authors
from .postpaths import read_post_path
from .safety import safe_site_path, url_scheme, xml_text
from .urls import is_url
from .yamlblock import Frontmatter, Problem, read_frontmatter

IMAGE_TYPES = ("full", "standard")
#: the problem of a post without a ``title`` key (the reader may still find its first heading)
NO_TITLE = "post has no 'title'"


@dataclass
class Post:
    """Everything the extension knows about one post; computed once, reused everywhere."""

    docname: str
    title: str = ""
    date: dt.datetime | None = None  # aware, UTC; midnight for date-only posts
    date_only: bool = True
    authors: tuple[str, ...] = ()  # registry handles
    # every author in order, when the post writes authors as objects (Docusaurus); else ()
    author_details: tuple[PostAuthor, ...] = ()
    show_title: bool = True
    root: str = "blog"  # the blog (collection) root, a site path without slashes
    sidebar: str | None = None
    hide_anchor: bool = False
    image: str | None = None  # an absolute URL, or a path relative to the source dir
    image_type: str = "standard"
    image_alt: str = ""
    image_size: tuple[int, int] | None = None  # (width, height) of a local image, read from its file
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    crosspost: tuple[str, ...] = ()
    meta_title: str | None = None
    description: str | None = None  # seo.metaDescription / description / summary
    excerpt: str = ""  # explicit excerpt, or the one found in the body
    keywords: tuple[str, ...] = ()
    slug: str | None = None  # a site path: the post's address on its old site
    aliases: tuple[str, ...] = ()
    updated: dt.datetime | None = None  # Docusaurus ``last_update.date``
    draft: bool = False
    unlisted: bool = False
    expires: dt.datetime | None = None  # aware, UTC: unlisted from then on, marked as expired
    lang: str | None = None  # the post's language as a BCP 47 tag ("pt-BR"), when not the site's
    reading_time: int = 1  # minutes
    lines: dict[str, int] = field(default_factory=dict)  # key -> source line

    @property
    def is_image_url(self) -> bool:
        return is_url(self.image)

    def line_of(self, key: str) -> int:
        return self.lines.get(key, 1)


#: every key parse_post reads: the blog's own, which MyST does not need to see
POST_KEYS = frozenset({
    *AUTHOR_KEYS, "title", "date", "showTitle", "show_title", "rootpage", "rootPage", "root",
    "sidebar", "hideAnchor", "hide_anchor", "hide_table_of_contents", "title_meta", "last_update",
    "featuredImage", "featured_image", "image", "cover",
    "featuredImageType", "featured_image_type", "featuredImageAlt", "image_alt", "imageAlt",
    "category", "categories", "tags", "tag", "crosspost", "seo", "description", "summary", "excerpt",
    "keywords", "slug", "redirect_from", "aliases", "draft", "unlisted", "blogpost", "lang", "language",
    "expires", "expiryDate", "expiry_date",
})


#: keys a post needs: an empty value is a mistake (other keys may be left empty: none)
_NEEDED_KEYS = frozenset({"title", "date", "author", "authors"})


class _Reader:
    """Typed accessors over the frontmatter that record a Problem per bad value.

    Values of the wrong shape are kept when their meaning is plain (``title: 42`` is
    "42"), with a warning; text is cleaned of characters XML cannot hold.
    """

    def __init__(self, fm: Frontmatter) -> None:
        self.data = fm.data
        self.lines = fm.lines
        self.problems: list[Problem] = []
        # ABlog's own frontmatter (blogpost: true) writes lists as "a, b": no warning then
        self.comma_lists = "blogpost" in fm.data

    def key(self, *names: str) -> str | None:
        """The first of ``names`` present (aliases: the first name is the canonical one)."""
        return next((name for name in names if name in self.data), None)

    def warn(self, key: str, message: str, subtype: str = "frontmatter") -> None:
        self.problems.append(Problem(subtype, message, self.lines.get(key, 1)))

    def value(self, *names: str) -> tuple[str, Any] | None:
        """(key, value) of the first of ``names`` present with a value; an empty needed key is a problem."""
        key = self.key(*names)
        if key is None:
            return None
        if self.data[key] is None or (self.data[key] == "" and key in _NEEDED_KEYS):
            if key in _NEEDED_KEYS:
                self.warn(key, f"{key!r} has no value")
            return None
        return key, self.data[key]

    def text(self, *names: str, numbers: bool = True) -> str | None:
        """Text; a number is read as its digits (``title: 2030``) unless ``numbers`` is False."""
        found = self.value(*names)
        if found is None:
            return None
        key, value = found
        if isinstance(value, str):
            return clean_text(value)
        if numbers and isinstance(value, (int, float)) and not isinstance(value, bool):
            self.warn(key, f"{key!r} should be text, not {_shape(value)} (read as {str(value)!r})")
            return str(value)
        self.warn(key, f"{key!r} should be text, not {_shape(value)}")
        return None

    def flag(self, *names: str, default: bool = False) -> bool:
        found = self.value(*names)
        if found is None:
            return default
        key, value = found
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in ("true", "yes", "false", "no"):
            return value.strip().lower() in ("true", "yes")
        self.warn(key, f"{key!r} should be true or false, not {value!r}")
        return default

    def strings(self, *names: str) -> tuple[str, ...]:
        """A list of strings; a single string with commas is split at them, with a warning
        (ABlog's frontmatter, ``blogpost: true``, writes lists that way: no warning there)."""
        found = self.value(*names)
        if found is None:
            return ()
        key, value = found
        if isinstance(value, str):
            items = tuple(dict.fromkeys(filter(None, (clean_text(part) for part in value.split(",")))))
            if len(items) > 1 and not self.comma_lists:
                self.warn(key, f"{key!r} is one text {value!r}: read as {len(items)} items "
                               f"({', '.join(items)}); write a list, e.g. [{', '.join(items)}]")
            return items
        if not isinstance(value, list):
            self.warn(key, f"{key!r} should be a list of text, not {_shape(value)}")
            return ()
        return self._items(key, value)

    def _items(self, key: str, value: list[Any]) -> tuple[str, ...]:
        items: list[str] = []
        for item in value:
            if isinstance(item, (str, int, float)) and not isinstance(item, bool):
                text = clean_text(str(item))
                if text and text not in items:
                    items.append(text)
            else:
                self.warn(key, f"{key!r} holds {_shape(item)}; only text is kept")
        return tuple(items)


def clean_text(value: str) -> str:
    """One line of text: whitespace runs as one space, no characters XML cannot hold."""
    return " ".join(xml_text(value).split())


def parse_post(
    docname: str, source: str | Frontmatter, default_root: str | None = None, *, date_from_path: bool = False,
    zone: Zone | None = None,
) -> tuple[Post, list[Problem]]:
    """Build the Post record of ``docname`` from its MyST source text (or its read frontmatter).

    With ``date_from_path``, a post without a ``date`` takes the one in its path, and a
    post without a ``slug`` the address Docusaurus gives it (see :mod:`.postpaths`).  Dates
    without an offset are read in ``zone`` (:confval:`blog_timezone`; UTC by default)."""
    fm = source if isinstance(source, Frontmatter) else read_frontmatter(source)
    fm = fm or Frontmatter({}, {}, 0, [])
    reader = _Reader(fm)
    data = reader.data
    post = Post(docname=docname, lines=dict(fm.lines))

    post.title = reader.text("title") or ""
    root = reader.text("rootpage", "rootPage", "root")
    post.root = _clean_root(root) if root else (default_root or _root_of(docname))
    post.date, post.date_only = _read_date(reader, docname, post.root, date_from_path, zone)
    post.authors, post.author_details = _read_authors(reader, docname)
    post.show_title = reader.flag("showTitle", "show_title", default=True)
    post.sidebar = reader.text("sidebar")
    post.hide_anchor = reader.flag("hideAnchor", "hide_anchor", "hide_table_of_contents")
    post.image, post.image_type, post.image_alt = _read_image(reader, docname)
    post.categories = unique(reader.strings("category") + reader.strings("categories"))
    post.tags = reader.strings("tags", "tag")
    post.crosspost = reader.strings("crosspost")
    seo = _read_seo(reader)
    post.meta_title = seo.get("metaTitle") or reader.text("title_meta")
    post.description = (
        seo.get("metaDescription") or reader.text("description") or reader.text("summary")
    )
    post.excerpt = reader.text("excerpt") or ""
    post.keywords = reader.strings("keywords")
    post.slug, post.aliases = _read_paths(reader, post.root)
    if post.slug is None and date_from_path:
        post.slug = read_post_path(docname, post.root).slug
    post.updated = _read_update(reader, zone)
    post.draft = reader.flag("draft")
    post.unlisted = reader.flag("unlisted")
    post.expires = _read_expiry(reader, zone)
    post.lang = _read_lang(reader)
    if not post.title and not fm.problems and "title" not in data:
        reader.problems.append(Problem("frontmatter", NO_TITLE, 1))
    return post, fm.problems + reader.problems


def _read_date(reader: _Reader, docname: str, root: str, from_path: bool,
               zone: Zone | None) -> tuple[dt.datetime | None, bool]:
    """The ``date``; else, ``from_path``, the date in the post's path (Docusaurus's rule)."""
    key = reader.key("date")
    if key is not None and reader.data[key] is not None:
        parsed = _read_moment(reader, key, zone)
        if parsed is not None:
            return parsed
    written = read_post_path(docname, root).date if from_path else None
    if written is None:
        return None, True
    parsed = parse_date(written, zone)
    if parsed is None:
        reader.problems.append(Problem("date", f"the date {written!r} in the file's path is not a real date", 1))
        return None, True
    return parsed


def _read_moment(reader: _Reader, key: str, zone: Zone | None) -> tuple[dt.datetime, bool] | None:
    """A date key's value, read in ``zone`` when it has no offset; one warning when it is not a
    date, or names a time that is not one moment in ``zone`` (a daylight-saving change)."""
    value = reader.data[key]
    parsed = parse_date(value, zone, lambda problem: reader.warn(key, f"{key}: {problem}", "date"))
    if parsed is None:
        what = "date" if key == "date" else f"{key} date"
        reader.warn(key, f"invalid {what} {value!r}: expected YYYY-MM-DD or an ISO datetime", "date")
    return parsed


def _read_expiry(reader: _Reader, zone: Zone | None) -> dt.datetime | None:
    """``expires`` (Hugo: ``expiryDate``): when the post stops being listed."""
    key = reader.key("expires", "expiryDate", "expiry_date")
    if key is None or reader.data[key] is None:
        return None
    parsed = _read_moment(reader, key, zone)
    return parsed[0] if parsed is not None else None


def _read_authors(reader: _Reader, docname: str) -> tuple[tuple[str, ...], tuple[PostAuthor, ...]]:
    """Handles, and the authors in order when some are objects or the legacy keys are used."""
    found = read_authors(reader.data, reader.lines, docname)
    if found is None:
        return reader.strings("author", "authors"), ()
    handles, details, problems = found
    reader.problems.extend(problems)
    return handles, details


def _read_update(reader: _Reader, zone: Zone | None) -> dt.datetime | None:
    """Docusaurus's ``last_update: {date, author}``: the date the post was last changed."""
    value = reader.data.get("last_update")
    written = value.get("date") if isinstance(value, dict) else None
    if written is None:
        if value is not None and not isinstance(value, dict):
            reader.warn("last_update", f"'last_update' should be a mapping (date, author), not {_shape(value)}")
        return None
    parsed = parse_date(written, zone, lambda problem: reader.warn("last_update", f"last_update: {problem}", "date"))
    if parsed is None:
        reader.warn("last_update", f"invalid date {written!r} in 'last_update'", "date")
        return None
    return parsed[0]


def _read_image(reader: _Reader, docname: str) -> tuple[str | None, str, str]:
    image = reader.text("featuredImage", "featured_image", "image", "cover", numbers=False)
    image_type = "standard"
    key = reader.key("featuredImageType", "featured_image_type")
    if key is not None:
        value = reader.text(key)
        if value in IMAGE_TYPES:
            image_type = value
        elif value is not None:
            choices = " or ".join(repr(choice) for choice in IMAGE_TYPES)
            reader.warn(key, f"unknown featuredImageType {value!r}: expected {choices}", "image")
    alt = reader.text("featuredImageAlt", "image_alt", "imageAlt") or ""
    if not image:
        return None, image_type, alt
    image = image.replace(" ", "") if is_url(image) else image
    if is_url(image):
        return image, image_type, alt
    if url_scheme(image) is not None:  # javascript:, data:, file:, ...
        key = reader.key("featuredImage", "featured_image", "image", "cover") or "featuredImage"
        reader.warn(key, f"featured image {image!r} is refused: not an http(s) URL or a file in the source folder",
                    "image")
        return None, image_type, alt
    if image.startswith("/"):
        resolved = posixpath.normpath(image.lstrip("/"))
    else:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(docname), image))
    if resolved.startswith("../") or resolved == "..":
        key = reader.key("featuredImage", "featured_image", "image", "cover") or "featuredImage"
        reader.warn(key, f"featured image {image!r} is outside the source folder; not used", "image")
        return None, image_type, alt
    return resolved, image_type, alt


def _read_paths(reader: _Reader, root: str) -> tuple[str | None, tuple[str, ...]]:
    """``slug`` and ``redirect_from`` as safe site paths (``a/b``); unsafe ones are dropped.

    A slug is below the post's blog, as Docusaurus places it (``launch`` and ``/2024/launch``
    are ``blog/launch`` and ``blog/2024/launch``), unless it starts with the blog's path."""

    def safe(key: str | None, path: str) -> str | None:
        found = safe_site_path(path)
        if found is None and key is not None:
            reader.warn(key, f"{key} {path!r} is not a safe site path (it climbs out of the site, names a "
                             "hidden file or holds characters a file name cannot); ignored", "redirect")
        return found

    slug = reader.text("slug")
    key = reader.key("redirect_from", "aliases")
    aliases = (safe(key, path) for path in reader.strings("redirect_from", "aliases"))
    slug = safe("slug", slug) if slug else None
    if slug is not None and slug != root and not slug.startswith(root + "/"):
        slug = f"{root}/{slug}"
    return slug, tuple(path for path in aliases if path)


def _read_lang(reader: _Reader) -> str | None:
    lang = reader.text("lang", "language")
    if lang is None or is_language_tag(lang):
        return lang.replace("_", "-") if lang else None
    reader.warn(reader.key("lang", "language") or "lang",
                f"{lang!r} is not a language tag such as 'de' or 'pt-BR'; the site's language is used")
    return None


def _read_seo(reader: _Reader) -> dict[str, str]:
    value = reader.data.get("seo")
    if value is None:
        return {}
    if not isinstance(value, dict):
        reader.warn("seo", f"'seo' should be a mapping (metaTitle, metaDescription), not {_shape(value)}")
        return {}
    seo: dict[str, str] = {}
    for name in ("metaTitle", "metaDescription"):
        item = value.get(name)
        if isinstance(item, str) and item.strip():
            seo[name] = clean_text(item)
        elif item is not None:
            reader.warn("seo", f"'seo.{name}' should be text, not {_shape(item)}")
    return seo


def _clean_root(root: str) -> str:
    return root.strip().strip("/") or "blog"


def _root_of(docname: str) -> str:
    return docname.split("/", 1)[0] if "/" in docname else "blog"


def _shape(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"a boolean ({value})"
    if value is None:
        return "nothing"
    return f"{type(value).__name__} {value!r}"


def unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))
