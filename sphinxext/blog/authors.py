"""The authors registry: who writes posts, read from a file or ``conf.py`` (pure: no Sphinx).

Accepted shapes: PostHog's JSON list (``handle, name, role, image, link_type,
link_url``), a Docusaurus-style YAML mapping keyed by handle (``name, title, url,
image_url, socials``), or the same mapping given as a dict in ``conf.py``.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .urls import is_url

#: warn(subtype, message, location): how problems reach the caller.
Warn = Callable[[str, str, str], None]

_SOCIAL_URLS = {
    "x": "https://x.com/{}",
    "twitter": "https://twitter.com/{}",
    "github": "https://github.com/{}",
    "linkedin": "https://www.linkedin.com/in/{}",
}


@dataclass(frozen=True)
class Author:
    handle: str
    name: str
    role: str = ""
    image: str = ""  # an absolute URL, or a file path relative to the source dir
    url: str = ""
    link_type: str = ""
    bio: str = ""

    @property
    def is_image_url(self) -> bool:
        return is_url(self.image)


def load_registry(setting: object, confdir: Path, srcdir: Path, warn: Warn) -> dict[str, Author]:
    """Read ``blog_authors`` (a path or a mapping) into handle -> Author."""
    if not setting:
        return {}
    if isinstance(setting, (Mapping, list, tuple)):
        conf = _conf_location(confdir)
        entries = setting.items() if isinstance(setting, Mapping) else _list_items(setting, conf, warn)
        return _build(entries, confdir, srcdir, conf, warn)
    path = (confdir / str(setting)).resolve()
    location = f"{path}:1"  # "file:line": a bare string would be taken for a docname
    try:
        text = path.read_text(encoding="utf-8")
        raw = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (OSError, ValueError, yaml.YAMLError) as err:
        warn("author", f"cannot read the authors registry {setting!r}: {err}", location)
        return {}
    lines = text.splitlines()
    if isinstance(raw, list):
        items: Iterable[tuple[object, object]] = _list_items(raw, location, warn)
    elif isinstance(raw, dict):
        items = raw.items()
    else:
        warn("author", "the authors registry should be a list or a mapping of authors", location)
        return {}
    return _build(items, path.parent, srcdir, location, warn, lines)


def _conf_location(confdir: Path) -> str:
    """``<confdir>/conf.py:<line of blog_authors>``: a bare "conf.py" would be taken for a document."""
    path = confdir / "conf.py"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        lines = []
    line = next((n for n, text in enumerate(lines, start=1) if re.match(r"blog_authors\s*[:=]", text)), 1)
    return f"{path}:{line}"


def _list_items(raw: Iterable[Any], location: str, warn: Warn) -> Iterable[tuple[object, object]]:
    for entry in raw:
        if isinstance(entry, dict) and entry.get("handle"):
            yield entry["handle"], entry
        else:
            warn("author", f"registry entry without a 'handle': {entry!r}", location)


def _build(
    items: Iterable[tuple[object, object]], base: Path, srcdir: Path, location: str, warn: Warn,
    lines: list[str] | None = None,
) -> dict[str, Author]:
    registry: dict[str, Author] = {}
    seen: dict[str, int] = {}
    for handle, entry in items:
        handle = str(handle)
        seen[handle] = seen.get(handle, 0) + 1
        if lines is not None:
            location = f"{location.rsplit(':', 1)[0]}:{_line_of(lines, handle, seen[handle])}"
        if not isinstance(entry, dict):
            warn("author", f"registry entry {handle!r} should be a mapping", location)
            continue
        if handle in registry:
            warn("author", f"duplicate author handle {handle!r} in the registry; the first is kept", location)
            continue
        registry[handle] = _author(handle, entry, base, srcdir, location, warn)
    return registry


def _line_of(lines: list[str], handle: str, occurrence: int) -> int:
    """The line of the ``occurrence``-th entry for ``handle`` (JSON value or YAML key)."""
    pattern = re.compile(rf"""(["']){re.escape(handle)}\1|^{re.escape(handle)}\s*:""")
    found = 0
    for number, line in enumerate(lines, start=1):
        if pattern.search(line.strip()):
            found += 1
            if found == occurrence:
                return number
    return 1


def _author(handle: str, entry: dict[str, Any], base: Path, srcdir: Path, location: str, warn: Warn) -> Author:
    def text(*keys: str) -> str:
        for key in keys:
            value = entry.get(key)
            if isinstance(value, (str, int, float)) and value != "":
                return " ".join(str(value).split())
        return ""

    url = text("link_url", "url", "website", "link")
    link_type = text("link_type")
    socials = entry.get("socials")
    if not url and isinstance(socials, dict):
        for kind, value in socials.items():
            template = _SOCIAL_URLS.get(str(kind).lower())
            if isinstance(value, str) and value:
                url = value if value.startswith("http") or template is None else template.format(value)
                link_type = str(kind)
                break
    image = text("image_url", "image", "avatar", "picture")
    if image and not is_url(image):
        image = _source_relative(image, base, srcdir, handle, location, warn)
    return Author(
        handle=handle,
        name=text("name") or handle,
        role=text("role", "title"),
        image=image,
        url=url,
        link_type=link_type,
        bio=text("bio", "description"),
    )


def _source_relative(image: str, base: Path, srcdir: Path, handle: str, location: str, warn: Warn) -> str:
    """An avatar path as a path relative to the source dir; files elsewhere are refused."""
    path = (srcdir / image.lstrip("/")) if image.startswith("/") else (base / image)
    path = path.resolve()
    if not path.is_relative_to(srcdir.resolve()):
        warn("image", f"avatar of {handle!r} ({image}) is outside the source folder; not used", location)
        return ""
    if not path.is_file():
        warn("image", f"avatar of {handle!r} not found: {image}", location)
        return ""
    return posixpath.join(*path.relative_to(srcdir.resolve()).parts)
