"""Responsive images in HTML: ``width``/``height``, ``srcset``/``sizes`` and ``loading``.

Heroes and card thumbnails are :class:`.images.responsive_image` nodes.  Their HTML visitor
lets Sphinx's own image visitor write the ``<img>`` (its URL, classes and alt text, as for
any image), then adds the attributes that make it responsive.  Other builders write them as
plain images.  The list thumbnails of generated pages get the same attributes from their
template (see :mod:`.pages`).
"""

from __future__ import annotations

import posixpath
from typing import Any
from urllib.parse import quote

from markupsafe import escape
from sphinx.application import Sphinx

from .domain import blog_domain
from .images import responsive_image, srcset


def visit_responsive_image(translator: Any, node: responsive_image) -> None:
    source = node["uri"]  # Sphinx's visitor replaces it with the copy's URL
    start = len(translator.body)
    translator.visit_image(node)
    attributes = " ".join(f'{name}="{escape(value)}"' for name, value in _attributes(translator, node, source))
    for index in range(start, len(translator.body)):
        if attributes and "<img " in translator.body[index]:
            translator.body[index] = translator.body[index].replace("<img ", f"<img {attributes} ", 1)
            break


def depart_responsive_image(translator: Any, node: responsive_image) -> None:
    translator.depart_image(node)


def _attributes(translator: Any, node: responsive_image, source: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    size = node.get("blog_size")
    if size:
        found += [("width", str(size[0])), ("height", str(size[1]))]
    builder = translator.builder
    name = getattr(builder, "images", {}).get(source)
    if size and name:
        candidates = blog_domain(builder.env).image_variants(builder).candidates(source, name, tuple(size), node)
        if candidates:
            found.append(("srcset", srcset(candidates, lambda file: posixpath.join(builder.imgpath, quote(file)))))
            found.append(("sizes", node["blog_sizes"]))
    if node.get("blog_lazy"):
        found.append(("loading", "lazy"))
    return found


def setup_srcset(app: Sphinx) -> None:
    app.add_node(responsive_image, html=(visit_responsive_image, depart_responsive_image))
