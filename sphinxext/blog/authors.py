"""The authors registry: who writes posts, read from a file or ``conf.py`` (pure: no Sphinx).

Accepted shapes: PostHog's JSON list (``handle, name, role, image, link_type,
link_url``), a Docusaurus-style YAML mapping keyed by handle (``name, title, url,
image_url, socials, page``), or the same mapping given as a dict in ``conf.py``.
The file reader is shared with the tag and category lists (:mod:`.terms`).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .safety import (
    MAX_REGISTRY_BYTES,
    check_size,
    clean_url,
    contained,
    first_invalid_utf8,
    line_at,
    load_bounded,
    local_reference,
    source_relative,
    url_scheme,
    xml_text,
)
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
    page: bool = True  # Docusaurus ``page: false``: no author page
    permalink: str = ""  # Docusaurus ``page: {permalink: ...}``: the author page's file name


    @property
    def is_image_url(self) -> bool:
        return is_url(self.image)


def load_registry(setting: object, confdir: Path, srcdir: Path, warn: Warn) -> dict[str, Author]:
    """Read ``blog_authors`` (a path or a mapping) into handle -> Author."""
    if not setting:
        return {}
    if isinstance(setting, (Mapping, list, tuple)):
        conf = conf_location(confdir, "blog_authors")
        entries = setting.items() if isinstance(setting, Mapping) else _list_items(setting, conf, warn)
        return _build(entries, confdir, srcdir, conf, warn)
    path = confdir / str(setting)
    location = f"{path}:1"  # "file:line": a bare string would be taken for a docname
    read = read_data_file(path, confdir, srcdir, location, warn)
    if read is None:
        return {}
    raw, text = read
    if isinstance(raw, list):
        items: Iterable[tuple[object, object]] = _list_items(raw, location, warn)
    elif isinstance(raw, dict):
        items = raw.items()
    else:
        warn("author", "the authors registry should be a list or a mapping of authors", location)
        return {}
    return _build(items, path.parent, srcdir, location, warn, text.splitlines())


def read_data_file(
    path: Path, confdir: Path, srcdir: Path, location: str, warn: Warn,
    what: str = "the authors registry", subtype: str = "author",
) -> tuple[Any, str] | None:
    """A registry's data and text: a file inside the folder of conf.py or the source folder
    (symlinks followed), valid UTF-8, JSON or YAML within the limits of :mod:`.safety`."""
    unused = "no authors" if subtype == "author" else "not used"
    real = contained(path.absolute(), [confdir, srcdir])
    if real is None:
        where = "is outside the folder of conf.py and the source folder" if os.path.lexists(path) else "was not found"
        warn(subtype, f"{what} {path.name!r} {where}; {unused}", location)
        return None
    try:
        data = real.read_bytes()
        offset = first_invalid_utf8(data)
        if offset is not None:
            warn("encoding", f"{what} is not valid UTF-8 at byte {offset}; {unused}", f"{path}:{line_at(data, offset)}")
            return None
        text = data.decode("utf-8")
        check_size(text, MAX_REGISTRY_BYTES)
        raw = json.loads(text) if path.suffix == ".json" else load_bounded(text, max_bytes=MAX_REGISTRY_BYTES)[0]
    except (OSError, ValueError, yaml.YAMLError) as err:
        warn(subtype, f"cannot read {what} {path.name!r}: {err}", location)
        return None
    return raw, text


def conf_location(confdir: Path, name: str) -> str:
    """``<confdir>/conf.py:<line of name>``: a bare "conf.py" would be taken for a document."""
    path = confdir / "conf.py"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        lines = []
    line = next((n for n, text in enumerate(lines, start=1) if re.match(rf"{name}\s*[:=]", text)), 1)
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
            location = f"{location.rsplit(':', 1)[0]}:{line_of_key(lines, handle, seen[handle])}"
        if not isinstance(entry, dict):
            warn("author", f"registry entry {handle!r} should be a mapping", location)
            continue
        if handle in registry:
            warn("author", f"duplicate author handle {handle!r} in the registry; the first is kept", location)
            continue
        registry[handle] = _author(handle, entry, base, srcdir, location, warn)
    return registry


def line_of_key(lines: list[str], handle: str, occurrence: int = 1) -> int:
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
            if isinstance(value, (str, int, float)) and not isinstance(value, bool) and value != "":
                return " ".join(xml_text(str(value)).split())
        return ""

    url, link_type = text("link_url", "url", "website", "link"), text("link_type")
    if not url:
        url, link_type = social_link(entry.get("socials"), link_type)
    if url and clean_url(url) is None:
        warn("url", f"link of author {handle!r} refused: {url!r} is not an http(s) or mailto URL or a site path",
             location)
        url = ""
    return Author(
        handle=handle,
        name=text("name") or handle,
        role=text("role", "title"),
        image=_avatar(text("image_url", "imageURL", "image", "avatar", "picture"), base, srcdir, handle, location,
                      warn),
        url=url,
        link_type=link_type,
        bio=text("bio", "description"),
        **_page(entry.get("page", True), handle, location, warn),
    )


def _page(value: object, handle: str, location: str, warn: Warn) -> dict[str, Any]:
    """Docusaurus's ``page``: false (no author page), true, or ``{permalink: /name}`` (the
    page's file name).  Absent means a page, as this extension always made them."""
    if isinstance(value, bool):
        return {"page": value}
    permalink = value.get("permalink") if isinstance(value, dict) else None
    if isinstance(permalink, str) and permalink.strip("/ "):
        return {"page": True, "permalink": " ".join(xml_text(permalink).split()).strip("/")}
    if not (isinstance(value, dict) and permalink is None):
        warn("author", f"'page' of author {handle!r} should be true, false or {{permalink: /name}}, not {value!r}; "
                       "the author gets a page", location)
    return {"page": True}


def social_link(socials: object, link_type: str = "") -> tuple[str, str]:
    """The first social profile as (URL, kind): a handle is made a URL for known networks."""
    if not isinstance(socials, dict):
        return "", link_type
    for kind, value in socials.items():
        if isinstance(value, str) and value.strip():
            value = " ".join(xml_text(value).split())
            template = _SOCIAL_URLS.get(str(kind).lower())
            if template is not None and url_scheme(value) is None and not value.startswith("/"):
                value = template.format(value)  # a handle on a known network
            return value, str(kind)
    return "", link_type


def _avatar(image: str, base: Path, srcdir: Path, handle: str, location: str, warn: Warn) -> str:
    """An avatar: an http(s) URL, or a file inside the source folder (symlinks followed) as a
    path relative to it; anything else is refused with a warning."""
    if not image or is_url(image):
        return image
    if url_scheme(image) is not None:
        warn("image", f"avatar of {handle!r} refused: {image[:40]!r} is not an http(s) URL or a file", location)
        return ""
    path = local_reference(image, base, srcdir)
    found = source_relative(path, srcdir)
    if found is None:
        where = "is outside the source folder; not used" if os.path.lexists(path) else "not found"
        warn("image", f"avatar of {handle!r} ({image}) {where}", location)
        return ""
    return found
