"""Read a post's YAML frontmatter into one typed, validated :class:`Post` record.

Sphinx only keeps frontmatter as strings (``env.metadata``), so the YAML is read
here again, with line numbers, and every problem becomes a :class:`Problem`
(the caller turns those into Sphinx warnings).  Whatever could be read is kept.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Iterable, Set
from dataclasses import dataclass, field
from typing import Any

import yaml

from .dates import parse_date
from .urls import is_url

IMAGE_TYPES = ("full", "standard")
#: the problem of a post without a ``title`` key (the reader may still find its first heading)
NO_TITLE = "post has no 'title'"


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a post's frontmatter: a warning to emit."""

    subtype: str
    message: str
    line: int


@dataclass
class Post:
    """Everything the extension knows about one post; computed once, reused everywhere."""

    docname: str
    title: str = ""
    date: dt.datetime | None = None  # aware, UTC; midnight for date-only posts
    date_only: bool = True
    authors: tuple[str, ...] = ()
    show_title: bool = True
    root: str = "blog"  # the blog (collection) root, a site path without slashes
    sidebar: str | None = None
    hide_anchor: bool = False
    image: str | None = None  # an absolute URL, or a path relative to the source dir
    image_type: str = "standard"
    image_alt: str = ""
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    crosspost: tuple[str, ...] = ()
    meta_title: str | None = None
    description: str | None = None  # seo.metaDescription / description / summary
    excerpt: str = ""  # explicit excerpt, or the one found in the body
    keywords: tuple[str, ...] = ()
    slug: str | None = None
    aliases: tuple[str, ...] = ()
    draft: bool = False
    unlisted: bool = False
    reading_time: int = 1  # minutes
    lines: dict[str, int] = field(default_factory=dict)  # key -> source line

    @property
    def is_image_url(self) -> bool:
        return is_url(self.image)

    def line_of(self, key: str) -> int:
        return self.lines.get(key, 1)


@dataclass
class Frontmatter:
    """The raw frontmatter: its values, the line of each key, and where it ends."""

    data: dict[str, Any]
    lines: dict[str, int]
    end_line: int  # 1-based line of the closing ``---``
    problems: list[Problem]


# libyaml's parser when PyYAML has it: pure-Python YAML is a large share of reading time
_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# Timestamps stay strings: PyYAML raises on impossible dates ("2020-02-30") and
# would lose the whole frontmatter; dates are parsed below, with a warning.
class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    pass


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if not tag.endswith(":timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

#: every key parse_post reads: the blog's own, which MyST does not need to see
POST_KEYS = frozenset({
    "title", "date", "author", "authors", "showTitle", "show_title", "rootpage", "rootPage", "root",
    "sidebar", "hideAnchor", "hide_anchor", "featuredImage", "featured_image", "image", "cover",
    "featuredImageType", "featured_image_type", "featuredImageAlt", "image_alt", "imageAlt",
    "category", "categories", "tags", "tag", "crosspost", "seo", "description", "summary", "excerpt",
    "keywords", "slug", "redirect_from", "aliases", "draft", "unlisted", "blogpost",
})


def split_frontmatter(source: str) -> tuple[str, int] | None:
    """Return the YAML text and the 1-based line of its closing delimiter."""
    if not source.startswith("---"):
        return None
    lines = source.splitlines()
    if lines[0].rstrip() != "---":
        return None
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() in ("---", "..."):
            return "\n".join(lines[1 : number - 1]) + "\n", number
    return None


def read_frontmatter(source: str) -> Frontmatter | None:
    """Parse the frontmatter block of a MyST document, keeping key line numbers."""
    split = split_frontmatter(source)
    if split is None:
        return None
    text, end_line = split
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Frontmatter({}, {}, end_line, [])
        data = loader.construct_document(node)
    except (yaml.YAMLError, ValueError, RecursionError) as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = Problem("frontmatter", f"invalid YAML frontmatter: {err}", line)
        return Frontmatter({}, {}, end_line, [problem])
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        problem = Problem("frontmatter", "frontmatter is not a mapping of keys to values", 2)
        return Frontmatter({}, {}, end_line, [problem])
    lines = {
        str(key.value): key.start_mark.line + 2
        for key, _value in node.value
        if isinstance(key, yaml.ScalarNode)
    }
    return Frontmatter(data, lines, end_line, [])


class _Reader:
    """Typed accessors over the frontmatter that record a Problem per bad value."""

    def __init__(self, fm: Frontmatter) -> None:
        self.data = fm.data
        self.lines = fm.lines
        self.problems: list[Problem] = []

    def key(self, *names: str) -> str | None:
        """The first of ``names`` present (aliases: the first name is the canonical one)."""
        return next((name for name in names if name in self.data), None)

    def warn(self, key: str, message: str, subtype: str = "frontmatter") -> None:
        self.problems.append(Problem(subtype, message, self.lines.get(key, 1)))

    def text(self, *names: str) -> str | None:
        key = self.key(*names)
        if key is None or self.data[key] is None:
            return None
        value = self.data[key]
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return " ".join(str(value).split())
        self.warn(key, f"{key!r} should be text, not {_shape(value)}")
        return None

    def flag(self, *names: str, default: bool = False) -> bool:
        key = self.key(*names)
        if key is None or self.data[key] is None:
            return default
        value = self.data[key]
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in ("true", "yes", "false", "no"):
            return value.strip().lower() in ("true", "yes")
        self.warn(key, f"{key!r} should be true or false, not {value!r}")
        return default

    def strings(self, *names: str) -> tuple[str, ...]:
        """A list of strings; a single string is split at commas (ABlog's ``tags: a, b``)."""
        key = self.key(*names)
        if key is None or self.data[key] is None:
            return ()
        value = self.data[key]
        if isinstance(value, str):
            value = value.split(",")
        if not isinstance(value, list):
            self.warn(key, f"{key!r} should be a list of text, not {_shape(value)}")
            return ()
        items: list[str] = []
        for item in value:
            if isinstance(item, (str, int, float)) and not isinstance(item, bool):
                text = " ".join(str(item).split())
                if text and text not in items:
                    items.append(text)
            else:
                self.warn(key, f"{key!r} holds {_shape(item)}; only text is kept")
        return tuple(items)


def parse_post(
    docname: str, source: str | Frontmatter, default_root: str | None = None
) -> tuple[Post, list[Problem]]:
    """Build the Post record of ``docname`` from its MyST source text (or its read frontmatter)."""
    fm = source if isinstance(source, Frontmatter) else read_frontmatter(source)
    fm = fm or Frontmatter({}, {}, 0, [])
    reader = _Reader(fm)
    data = reader.data
    post = Post(docname=docname, lines=dict(fm.lines))

    post.title = reader.text("title") or ""
    post.date, post.date_only = _read_date(reader)
    post.authors = reader.strings("author", "authors")
    post.show_title = reader.flag("showTitle", "show_title", default=True)
    root = reader.text("rootpage", "rootPage", "root")
    post.root = _clean_root(root) if root else (default_root or _root_of(docname))
    post.sidebar = reader.text("sidebar")
    post.hide_anchor = reader.flag("hideAnchor", "hide_anchor")
    post.image, post.image_type, post.image_alt = _read_image(reader, docname)
    post.categories = unique(reader.strings("category") + reader.strings("categories"))
    post.tags = reader.strings("tags", "tag")
    post.crosspost = reader.strings("crosspost")
    seo = _read_seo(reader)
    post.meta_title = seo.get("metaTitle")
    post.description = (
        seo.get("metaDescription") or reader.text("description") or reader.text("summary")
    )
    post.excerpt = reader.text("excerpt") or ""
    post.keywords = reader.strings("keywords")
    slug = reader.text("slug")
    post.slug = slug.strip("/") if slug else None
    post.aliases = tuple(a.strip("/") for a in reader.strings("redirect_from", "aliases"))
    post.draft = reader.flag("draft")
    post.unlisted = reader.flag("unlisted")
    if not post.title and not fm.problems:
        if "title" in data and data["title"] in (None, ""):
            reader.warn("title", "post has an empty 'title'")
        elif "title" not in data:
            reader.problems.append(Problem("frontmatter", NO_TITLE, 1))
    return post, fm.problems + reader.problems


def without_keys(source: str, fm: Frontmatter, keys: Set[str]) -> str:
    """``source`` with the lines of those frontmatter ``keys`` blanked (line numbers stay).

    MyST then neither parses nor renders them; when no key is left, the whole
    frontmatter block, delimiters included, becomes blank lines.
    """
    starts = sorted(fm.lines.items(), key=lambda item: item[1])
    hidden = [key for key, _line in starts if key in keys]
    if not hidden:
        return source
    lines = source.split("\n")
    if len(hidden) == len(starts) == len(fm.data):
        first, last = 1, fm.end_line
        lines[first - 1 : last] = [""] * (last - first + 1)
        return "\n".join(lines)
    ends = [line - 1 for _key, line in starts[1:]] + [fm.end_line - 1]
    for (key, start), end in zip(starts, ends, strict=True):
        if key in keys:
            lines[start - 1 : end] = [""] * (end - start + 1)
    return "\n".join(lines)


def as_metadata(value: object) -> str:
    """A frontmatter value as the text ``env.metadata`` holds."""
    if isinstance(value, (list, tuple)):
        return ", ".join(as_metadata(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{key}: {as_metadata(item)}" for key, item in value.items())
    return "" if value is None else str(value)


def _read_date(reader: _Reader) -> tuple[dt.datetime | None, bool]:
    key = reader.key("date")
    if key is None or reader.data[key] is None:
        return None, True
    value = reader.data[key]
    parsed = parse_date(value)
    if parsed is None:
        reader.warn(key, f"invalid date {value!r}: expected YYYY-MM-DD or an ISO datetime", "date")
        return None, True
    return parsed


def _read_image(reader: _Reader, docname: str) -> tuple[str | None, str, str]:
    image = reader.text("featuredImage", "featured_image", "image", "cover")
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
    if image.startswith("/"):
        resolved = posixpath.normpath(image.lstrip("/"))
    else:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(docname), image))
    if resolved.startswith("../") or resolved == "..":
        key = reader.key("featuredImage", "featured_image", "image", "cover") or "featuredImage"
        reader.warn(key, f"featured image {image!r} is outside the source folder; not used", "image")
        return None, image_type, alt
    return resolved, image_type, alt


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
            seo[name] = " ".join(item.split())
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
