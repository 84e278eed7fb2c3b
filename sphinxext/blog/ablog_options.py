"""ABlog's post options and frontmatter keys, read into the extension's own keys (pure: no Sphinx).

An ABlog post says what it is either in frontmatter (``blogpost: true``, ``date``,
``tags``, ...) or with the options of a ``post`` directive; both use the same names.
:func:`translate` turns them into the mapping :func:`.frontmatter.parse_post`
reads, so a post made either way goes through the one reader, and returns what
ABlog says beyond the :class:`.frontmatter.Post` record (:class:`AblogPost`).
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .dates import parse_date

#: ABlog keys whose value ABlog uses and the Post record has no field for
EXTRA_KEYS = frozenset({"language", "location", "external_link"})
#: ABlog keys with no effect here (Disqus), read without a word
QUIET_KEYS = frozenset({"nocomments", "exclude"})
#: ABlog keys whose effect is lost: one warning names them
UNSUPPORTED_KEYS = frozenset({"canonical_link"})


@dataclass(frozen=True)
class AblogPost:
    """What an ABlog post says beyond the Post record."""

    languages: tuple[str, ...] = ()  # keys of blog_languages
    locations: tuple[str, ...] = ()  # keys of blog_locations
    external_link: str = ""
    excerpt_paragraphs: int | None = None  # ``excerpt: N``: the first N paragraphs
    content_excerpt: bool = False  # the post directive's content is the excerpt
    image_number: int | None = None  # ``image: N``: the Nth image of the post
    directive: bool = False  # made by a ``post`` directive


@dataclass
class Translated:
    """:func:`translate`'s result: the keys ``parse_post`` reads, with their lines, and the rest."""

    data: dict[str, Any]
    lines: dict[str, int]
    extra: AblogPost
    unsupported: list[str]


def ablog_slugify(name: str) -> str:
    """ABlog's URL segment of a tag, category or name, exactly as ABlog 0.11 makes it
    (accents dropped, other punctuation dropped without a separator), for its old URLs."""
    text = unicodedata.normalize("NFKD", str(name))
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def comma_list(value: object) -> tuple[str, ...]:
    """``a, b`` (or a YAML list) -> ('a', 'b'), as ABlog splits its options."""
    items = value if isinstance(value, (list, tuple)) else str(value or "").split(",")
    return tuple(dict.fromkeys(text for text in (" ".join(str(i).split()) for i in items) if text))


def _number(value: object) -> int | None:
    """A paragraph or image count: ABlog's ``excerpt: 2`` and ``image: 1``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    text = str(value).strip()
    return int(text) if text.isdigit() else None


def as_date(value: object, date_format: str) -> object:
    """A date written in ``post_date_format`` as a date; anything else as it was (the
    reader understands ISO dates and the usual wordy forms, and warns about the rest)."""
    if not isinstance(value, str) or parse_date(value) is not None:
        return value
    try:
        moment = dt.datetime.strptime(value.strip(), date_format)
    except ValueError:
        return value
    return moment.date() if moment.time() == dt.time() else moment


def translate(data: Mapping[str, Any], lines: Mapping[str, int], date_format: str) -> Translated:
    """ABlog's keys of ``data`` (frontmatter or post options) as the reader's keys."""
    out: dict[str, Any] = {}
    out_lines: dict[str, int] = {}
    extra: dict[str, Any] = {}
    unsupported: list[str] = []
    for key, value in data.items():
        target = key
        if key == "date":
            value = as_date(value, date_format)
        elif key == "redirect":
            target = "redirect_from"
        elif key in ("excerpt", "image") and _number(value) is not None:
            extra[f"{key}_paragraphs" if key == "excerpt" else "image_number"] = _number(value)
            continue
        elif key in EXTRA_KEYS:
            extra[key] = value
            if key != "language" or "," in str(value) or "lang" in data:
                continue
            target = "lang"  # one language: also the post's own (its lang attribute, feeds)
        elif key in QUIET_KEYS or key in UNSUPPORTED_KEYS:
            if key in UNSUPPORTED_KEYS:
                unsupported.append(key)
            continue
        out[target] = value
        if key in lines:
            out_lines[target] = lines[key]
    post = AblogPost(
        languages=comma_list(extra.get("language")),
        locations=comma_list(extra.get("location")),
        external_link=str(extra.get("external_link") or "").strip(),
        excerpt_paragraphs=extra.get("excerpt_paragraphs"),
        image_number=extra.get("image_number"),
    )
    return Translated(out, out_lines, post, unsupported)


def has_ablog_keys(data: Mapping[str, Any]) -> bool:
    """Whether a frontmatter says anything :func:`translate` changes (most do not)."""
    return any(
        key in EXTRA_KEYS or key in QUIET_KEYS or key in UNSUPPORTED_KEYS or key == "redirect"
        or (key in ("excerpt", "image") and _number(value) is not None)
        or (key == "date" and isinstance(value, str) and parse_date(value) is None)
        for key, value in data.items()
    )


def file_patterns(patterns: Iterable[str], suffixes: Iterable[str]) -> tuple[str, ...]:
    """ABlog's ``blog_post_pattern`` entries (file globs with a source suffix, such as
    ``blog/2023/*.md``) as document-name globs; the extension's own patterns are left out."""
    found = []
    for pattern in patterns:
        stem, suffix = posixpath.splitext(pattern)
        if suffix and suffix in suffixes:
            found.append(stem)
    return tuple(found)
