"""Directives usable on any page: ``{postlist}`` and ``{author}`` (an author card).

Both emit a placeholder node while reading; the placeholder is filled at
``doctree-resolved`` (see :mod:`.listing`), when every post of the build is known.
The post list's query is stored per document so an incremental build rewrites
the page when its result changes.
"""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .config import site_zone
from .dates import parse_date
from .domain import blog_domain

logger = logging.getLogger(__name__)

FORMATS = ("list", "excerpts", "cards")
SORTS = ("date", "-date", "title", "-title")


class postlist(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """Placeholder for a list of posts; ``query`` holds the directive's options."""


class authorcard(nodes.General, nodes.Element):  # noqa: N801
    """Placeholder for an author card; ``handle`` names the author."""


def _names(argument: str | None) -> list[str]:
    return [part.strip() for part in (argument or "").split(",") if part.strip()]


def _choice(values: tuple[str, ...]) -> Any:
    return lambda argument: directives.choice((argument or "").strip(), values)


def _format(argument: str | None) -> str:
    """One of FORMATS; ABlog's ``{date} - {title}`` templates are shown as the ``list`` format."""
    if "{" in (argument or ""):
        return "list"
    return str(_choice(FORMATS)(argument))


def _sort(argument: str | None) -> str:
    """One of SORTS; ABlog's bare ``:sort:`` flag means oldest first."""
    return "date" if not (argument or "").strip() else str(_choice(SORTS)(argument))


class PostListDirective(SphinxDirective):
    """``{postlist}``: posts filtered by tags, category, author, blog, year or dates."""

    has_content = False
    optional_arguments = 1  # the number of posts (same as :limit:)
    option_spec: ClassVar[dict[str, Any]] = {
        "tags": _names,
        "category": _names,
        "author": _names,
        "rootpage": directives.unchanged,
        "year": directives.positive_int,
        "date-from": directives.unchanged,
        "date-to": directives.unchanged,
        "sort": _sort,
        "limit": directives.positive_int,
        "exclude-current": directives.flag,
        "format": _format,
        "class": directives.class_option,
        # ABlog's: excerpts as the excerpts format, a list style as a class; the rest accepted
        "excerpts": directives.flag,
        "list-style": directives.class_option,
        "expand": directives.unchanged,
        "date": directives.unchanged,
        "location": directives.unchanged,
        "language": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        query: dict[str, Any] = {
            "tags": self.options.get("tags", []),
            "category": self.options.get("category", []),
            "author": self.options.get("author", []),
            "rootpage": (self.options.get("rootpage") or "").strip().strip("/"),
            "year": self.options.get("year"),
            "sort": self.options.get("sort", "-date"),
            "limit": self.options.get("limit"),
            "exclude_current": "exclude-current" in self.options,
            "format": self.options.get("format", "excerpts" if "excerpts" in self.options else "list"),
        }
        for option in ("location", "language"):
            if option in self.options:
                logger.warning(f"postlist: ABlog's :{option}: is not supported; the option is ignored",
                               type="blog", subtype="ablog", location=self.get_location())
        if self.arguments:
            try:
                query["limit"] = directives.positive_int(self.arguments[0])
            except ValueError:
                self._warn(f"postlist: {self.arguments[0]!r} is not a number of posts")
        for option in ("date-from", "date-to"):
            query[option.replace("-", "_")] = self._date(option)
        styles = [f"blog-list-style-{style}" for style in self.options.get("list-style", [])]
        node = postlist(query=query, classes=["blog-postlist", *self.options.get("class", []), *styles])
        self.set_source_info(node)
        blog_domain(self.env).note_postlist(self.env.docname, query)
        return [node]

    def _date(self, option: str) -> str | None:
        """A date option as an ISO moment; a date without an offset is in :confval:`blog_timezone`."""
        value = self.options.get(option)
        if not value:
            return None
        parsed = parse_date(value, site_zone(self.config),
                            lambda problem: self._warn(f"postlist: {option} {problem}", "date"))
        if parsed is None:
            self._warn(f"postlist: {option} {value!r} is not a date (YYYY-MM-DD)")
            return None
        return parsed[0].isoformat()

    def _warn(self, message: str, subtype: str = "postlist") -> None:
        logger.warning(message, type="blog", subtype=subtype, location=self.get_location())


class AuthorDirective(SphinxDirective):
    """``{author}`` handle: a card with the author's avatar, name, role and link."""

    required_arguments = 1
    option_spec: ClassVar[dict[str, Any]] = {"class": directives.class_option}

    def run(self) -> list[nodes.Node]:
        handle = self.arguments[0].strip()
        author = blog_domain(self.env).authors.get(handle)
        if author is None:
            logger.warning(f"unknown author {handle!r} (not in blog_authors)", type="blog",
                           subtype="author", location=self.get_location())
        node = authorcard(handle=handle, classes=["blog-author-card", *self.options.get("class", [])])
        self.set_source_info(node)
        result: list[nodes.Node] = [node]
        if author is not None and author.image:
            # an image node in the doctree makes Sphinx copy the avatar to the output
            uri = author.image if author.is_image_url else "/" + author.image
            image = nodes.image(uri=uri, alt=author.name, classes=["blog-avatar"])
            node += image
        return result


def setup_directives(app: Sphinx) -> None:
    app.add_node(postlist)
    app.add_node(authorcard)
    app.add_directive("postlist", PostListDirective)
    app.add_directive("author", AuthorDirective)
