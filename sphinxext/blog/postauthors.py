"""A post's authors as Docusaurus writes them: objects, overrides and the legacy keys (pure).

``author: ian`` and ``authors: [ian, ann]`` name registry handles; nothing more is
kept for them than the handles (:attr:`.Post.authors`).  Docusaurus also writes:

* ``authors: [{key: raj, title: Guest editor}]``: a registry entry with this post's overrides;
* ``authors: [{name, title, url, image_url, socials, email}]``, or one such object: an
  author this post alone knows (no author page, never an unknown handle);
* Docusaurus 1's ``author`` (a name, then) with ``author_title``, ``author_url``,
  ``author_image_url``.

For those, :func:`read_authors` also returns one :class:`PostAuthor` per author, in
the post's order, which the views show (:meth:`.views.Views.post_authors`).
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .authors import social_link
from .safety import clean_url, url_scheme, xml_text
from .urls import is_url
from .yamlblock import Problem

#: Docusaurus 1's single-author keys; with any of them, ``author`` is a name, not a handle
LEGACY_KEYS = ("author_title", "author_url", "author_image_url", "author_image")
AUTHOR_KEYS = ("author", "authors", *LEGACY_KEYS)


@dataclass(frozen=True)
class PostAuthor:
    """One author of one post: a registry handle with overrides, or an author of its own ('' handle)."""

    handle: str = ""
    name: str = ""
    role: str = ""
    url: str = ""
    image: str = ""  # an http(s) URL, or a path relative to the source folder


def read_authors(
    data: Mapping[str, Any], lines: Mapping[str, int], docname: str
) -> tuple[tuple[str, ...], tuple[PostAuthor, ...], list[Problem]] | None:
    """(handles, authors in order, problems) when the post writes authors as objects or with the
    legacy keys; None when it only names handles (the caller reads them as a list of text)."""
    problems: list[Problem] = []
    if "authors" not in data and any(key in data for key in LEGACY_KEYS):
        author = _legacy(data, docname, lines, problems)
        return ((), (author,) if author else (), problems)
    key = "authors" if "authors" in data else "author"
    value = data.get(key)
    items = [value] if isinstance(value, Mapping) else value
    if not isinstance(items, list) or not any(isinstance(item, Mapping) for item in items):
        return None
    line = lines.get(key, 1)
    found: list[PostAuthor] = []
    for item in items:
        author = _item(item, docname, line, problems)
        if author is not None and author not in found:
            found.append(author)
    handles = tuple(dict.fromkeys(author.handle for author in found if author.handle))
    return handles, tuple(found), problems


def _item(item: object, docname: str, line: int, problems: list[Problem]) -> PostAuthor | None:
    if isinstance(item, (str, int)) and not isinstance(item, bool):
        handle = _text(item)
        return PostAuthor(handle) if handle else None
    if not isinstance(item, Mapping):
        problems.append(Problem("frontmatter", f"'authors' holds {item!r}; only handles and objects are kept", line))
        return None
    handle = _text(item.get("key"))
    name = _text(item.get("name"))
    if not handle and not name:
        problems.append(Problem("author", f"an author object without 'key' or 'name' ({dict(item)!r}); ignored", line))
        return None
    url = _text(item.get("url")) or social_link(item.get("socials"))[0]
    if not url and _text(item.get("email")):
        url = "mailto:" + _text(item.get("email"))
    image = _text(item.get("image_url") or item.get("imageURL") or item.get("image"))
    return PostAuthor(handle, name, _text(item.get("title")), _link(url, name or handle, line, problems),
                      _image(image, docname, name or handle, line, problems))


def _legacy(data: Mapping[str, Any], docname: str, lines: Mapping[str, int],
            problems: list[Problem]) -> PostAuthor | None:
    name = _text(data.get("author"))
    line = lines.get("author", 1)
    if not name:
        problems.append(Problem("author", "'author_title', 'author_url' or 'author_image_url' without 'author' "
                                          "(the author's name); no author", lines.get("author_title", line)))
        return None
    url = _link(_text(data.get("author_url")), name, lines.get("author_url", line), problems)
    image = _text(data.get("author_image_url") or data.get("author_image"))
    return PostAuthor("", name, _text(data.get("author_title")), url,
                      _image(image, docname, name, lines.get("author_image_url", line), problems))


def _link(url: str, who: str, line: int, problems: list[Problem]) -> str:
    if url and clean_url(url) is None:
        problems.append(Problem("url", f"link of author {who!r} refused: {url!r} is not an http(s) or mailto URL "
                                       "or a site path", line))
        return ""
    return url


def _image(image: str, docname: str, who: str, line: int, problems: list[Problem]) -> str:
    """An http(s) URL, or a path relative to the post (``/x``: to the source folder) that stays
    inside the source folder; whether the file exists is checked when the post is stored."""
    if not image or is_url(image):
        return image
    if url_scheme(image) is not None:
        problems.append(Problem("image", f"avatar of {who!r} refused: {image[:40]!r} is not an http(s) URL or a file",
                                line))
        return ""
    base = "" if image.startswith("/") else posixpath.dirname(docname)
    resolved = posixpath.normpath(posixpath.join(base, image.lstrip("/")))
    if resolved == ".." or resolved.startswith("../"):
        problems.append(Problem("image", f"avatar of {who!r} ({image}) is outside the source folder; not used", line))
        return ""
    return resolved


def _text(value: object) -> str:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return " ".join(xml_text(str(value)).split())
    return ""
