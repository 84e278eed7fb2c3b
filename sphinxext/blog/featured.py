"""``{featured-image}``: a hero image placed by hand, on any page.

The same figure as a post's frontmatter hero (:func:`.decorations.hero`), with
the same rules for the image: a URL must be a web address (:func:`.safety.safe_url`),
a path is relative to the page (``/x.png``: to the source folder) and must be a
file inside the source folder (:func:`.safety.contained`); anything else is one
``blog.image`` warning and no image.
"""

from __future__ import annotations

import os
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .decorations import hero, located
from .images import image_size
from .safety import local_reference, safe_url, source_relative
from .urls import is_url

logger = logging.getLogger(__name__)

IMAGE_TYPES = ("full", "standard")


def image_uri(reference: str, document: str | os.PathLike[str], srcdir: str | os.PathLike[str]) -> tuple[str, str]:
    """(the image node's URI, '') for a usable image; ('', the problem) otherwise.

    ``document`` is the source file referring to the image; a local file becomes
    ``/<path from the source folder>``, as Sphinx's image collector takes it."""
    if is_url(reference):
        if safe_url(reference):
            return reference, ""
        return "", f"featured image URL {reference!r} is not allowed; not used"
    path = local_reference(reference, os.path.dirname(document), srcdir)
    relative = source_relative(path, srcdir)
    if relative is not None:
        return "/" + relative, ""
    if os.path.lexists(path) and not os.path.isdir(path):
        return "", f"featured image {reference} is outside the source folder; not used"
    return "", f"featured image {reference} not found"


class FeaturedImageDirective(SphinxDirective):
    """``{featured-image} path-or-URL`` with ``:type: full|standard``, ``:alt:``,
    ``:title:`` (over a ``full`` image, under a ``standard`` one) and ``:caption:``."""

    required_arguments = 1
    final_argument_whitespace = True  # a file name may hold spaces
    option_spec: ClassVar[dict[str, Any]] = {
        "type": directives.unchanged,
        "alt": directives.unchanged,
        "title": directives.unchanged,
        "caption": directives.unchanged,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        uri, problem = image_uri(self.arguments[0].strip(), self.env.doc2path(self.env.docname), self.env.srcdir)
        if problem:
            self._warn(problem)
            return []
        image_type = (self.options.get("type") or "standard").strip()
        if image_type not in IMAGE_TYPES:
            self._warn(f"unknown featured image type {image_type!r}: expected full or standard; standard is used")
            image_type = "standard"
        title = (self.options.get("title") or "").strip()
        caption = (self.options.get("caption") or "").strip()
        alt = (self.options.get("alt") or "").strip() or title or caption
        size = image_size(uri.lstrip("/"), self.env.srcdir) if not is_url(uri) else None
        figure = hero(uri, image_type, alt, title=title, caption=caption, size=size)
        figure["classes"].extend(["blog-featured-image", *self.options.get("class", [])])
        self.set_source_info(figure)
        return [located(figure, figure)]

    def _warn(self, message: str) -> None:
        logger.warning(message, type="blog", subtype="image", location=self.get_location())


def setup_featured(app: Sphinx) -> None:
    app.add_directive("featured-image", FeaturedImageDirective)
