"""A view's page names as links for one builder: relative and public URLs, image URLs.

Views (:mod:`.views`) hold page *names*, the same for every builder; what a
template or a feed needs is URLs.  ``page_pathto`` and ``folder_pathto`` are the one
``pathto`` of the extension (Sphinx's own takes arguments that differ between
builders), ``linked`` turns a view into the dict templates show.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from sphinx.util.osutil import relative_uri

from .urls import absolute_url, is_url
from .views import AuthorView, PostEntry, PostLink, TermItem, TermLink

if TYPE_CHECKING:
    from sphinx.builders import Builder

PathTo = Callable[..., str]
#: ``env.images``: source path -> (documents showing it, file name in the output's image folder)
Images = Mapping[str, tuple[set[str], str]]
#: builders whose pages are a web site at the public URL (feeds, social tags, redirects point into it)
WEB_BUILDERS = frozenset({"html", "dirhtml"})


def page_pathto(builder: Builder, pagename: str) -> PathTo:
    """Like the templates' ``pathto`` on ``pagename`` (a link to the page itself is ``#``)."""
    return _pathto(builder, builder.get_target_uri(pagename))


def folder_pathto(builder: Builder, folder: str) -> PathTo:
    """Like ``pathto``, relative to a folder rather than a page: a link to the current
    page is then a plain relative link, so every page of the folder gets the same links."""
    return _pathto(builder, posixpath.join(folder, "\0"))  # a name no page has


def folder_of(builder: Builder, pagename: str) -> str:
    """The output folder of a page ('' for the top)."""
    return posixpath.dirname(builder.get_target_uri(pagename))


def _pathto(builder: Builder, base: str) -> PathTo:
    # a list page links each tag, author and image of its posts many times: each made once
    made: dict[tuple[str, bool], str] = {}

    def pathto(target: str, resource: bool = False) -> str:
        key = (target, resource)
        if key not in made:
            if resource and is_url(target):
                made[key] = target
            else:
                made[key] = relative_uri(base, target if resource else builder.get_target_uri(target)) or "#"
        return made[key]

    return pathto


def image_url(image: str | None, images: Images, pathto: PathTo) -> str:
    """The URL of a featured image or avatar: as is, or where Sphinx copied the file."""
    if not image:
        return ""
    if is_url(image):
        return image
    if image not in images:  # not shown by any document, so not copied
        return ""
    return pathto("_images/" + images[image][1], resource=True)


def page_url(builder: Builder, pagename: str, base: str) -> str:
    """The public URL of a page ('' without a base URL)."""
    return absolute_url(builder.get_target_uri(pagename), base) if base else ""


def absolute_image_url(image: str | None, images: Images, base: str) -> str:
    """A featured image's public URL: a URL as is, else where Sphinx copied the file."""
    if not image:
        return ""
    if is_url(image):
        return absolute_url(image, base)
    if not base or image not in images:
        return ""
    return absolute_url("_images/" + images[image][1], base)


def linked(view: PostLink | PostEntry, pathto: PathTo, images: Images) -> dict[str, Any]:
    """A view as templates use it: its fields, with URLs relative to ``pathto``'s base."""
    data = view.as_dict()
    data["url"] = pathto(view.page)
    if isinstance(view, PostEntry):
        data["authors"] = [linked_author(author, pathto, images) for author in view.authors]
        data["categories"] = [linked_term(term, pathto) for term in view.categories]
        data["tags"] = [linked_term(term, pathto) for term in view.tags]
        data["image"] = image_url(view.image, images, pathto)
    return data


def linked_author(author: AuthorView, pathto: PathTo, images: Images) -> dict[str, Any]:
    data = author.as_dict()
    data["url"] = pathto(author.page) if author.page else author.link
    data["avatar"] = image_url(author.avatar, images, pathto)
    return data


def linked_term(term: TermLink | TermItem, pathto: PathTo) -> dict[str, Any]:
    data = term.as_dict()
    data["url"] = pathto(term.page) if term.page else ""
    return data

