"""What counts as a URL, and how a site path becomes a public one.

One rule for the whole package: a *URL* is an absolute web address
(``http://``, ``https://``) or a protocol-relative one (``//host/x``); anything
else a post or a registry gives is a path (a file in the source folder, or a
page of the site).
"""

from __future__ import annotations

from urllib.parse import quote

WEB_PREFIXES = ("http://", "https://", "//")


def is_url(text: str | None) -> bool:
    """An absolute or protocol-relative web address, as opposed to a path."""
    return bool(text) and str(text).startswith(WEB_PREFIXES)


def absolute_url(target: str, base: str) -> str:
    """``target`` as a full public URL: a URL as is (``//host`` gets ``https:``), a
    site path or output path joined to ``base`` (which ends in '/'); '' without a base."""
    if target.startswith("//"):
        return "https:" + target
    if is_url(target):
        return target
    if not base:
        return ""
    return base + quote(target.lstrip("/"), safe="/#:%~")
