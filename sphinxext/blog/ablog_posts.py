"""ABlog's posts: its frontmatter keys, the ``post`` and ``update`` directives, ``excerpt: N``
and ``image: N``.

A post made by a ``post`` directive is exactly a frontmatter post: its options go
through :func:`.ablog_options.translate` and :func:`.frontmatter.parse_post`, and
the record is stored by :func:`.post.note_post`; :class:`.post.PostTransform` then
adds the hero, excerpt and reading time as for any post.  When the document has
frontmatter too, the frontmatter wins, with a ``blog.ablog`` warning per value given
twice.  What ABlog says beyond the record (languages, locations, ``excerpt: N``,
``image: N``) is kept in the blog domain's ``ablog`` store.
"""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.matching import Matcher

from .ablog_options import AblogPost, as_date, file_patterns, has_ablog_keys, translate
from .config import site_zone
from .dates import DateTexts, parse_date
from .domain import blog_domain
from .frontmatter import Frontmatter, Post, parse_post
from .images import image_size
from .post import find_excerpt, is_post, note_post, plain_text, with_defaults
from .safety import clean_url
from .urls import is_url

logger = logging.getLogger(__name__)

#: options of ``post``: ABlog's, and the extension's own frontmatter keys (lower case)
TEXT_OPTIONS = (
    "tags", "category", "author", "location", "language", "redirect", "title", "excerpt", "image",
    "external_link", "canonical_link",
    "authors", "categories", "tag", "crosspost", "rootpage", "sidebar", "featured_image",
    "featured_image_type", "image_alt", "show_title", "hide_anchor", "description", "summary",
    "keywords", "slug", "redirect_from", "aliases", "draft", "unlisted",
)
#: fields of a Post that a directive does not set itself
_NOT_COMPARED = ("docname", "lines", "date_only", "reading_time", "excerpt", "image_size")


def warn(message: str, location: Any, subtype: str = "ablog") -> None:
    logger.warning(message, type="blog", subtype=subtype, location=location)


# -- frontmatter ------------------------------------------------------------------------


@functools.cache
def _file_matcher(patterns: tuple[str, ...]) -> Matcher:
    return Matcher(list(patterns))


def read_ablog_frontmatter(app: Sphinx, docname: str, fm: Frontmatter) -> None:
    """blog-frontmatter-read: ABlog's keys as the reader's."""
    translate_frontmatter(app.env, docname, fm)


def translate_frontmatter(env: BuildEnvironment, docname: str, fm: Frontmatter) -> None:
    """ABlog's keys of a frontmatter as the reader's; a file matching one of ABlog's
    ``blog_post_pattern`` globs is a post even without a date (then a draft)."""
    config = env.config
    patterns = file_patterns(config.blog_post_pattern, tuple(config.source_suffix))
    if patterns and "blogpost" not in fm.data and _file_matcher(patterns)(docname):
        fm.data["blogpost"] = True
        fm.lines["blogpost"] = fm.end_line  # every key has a line: the whole block is then hidden from MyST
    if not has_ablog_keys(fm.data):
        return
    result = translate(fm.data, fm.lines, config.post_date_format)
    for key in result.unsupported:
        warn(f"ABlog's {key!r} is not supported: the key is ignored", (docname, fm.lines.get(key, 1)))
    # only the keys kept have lines: lines of the others go with the key before them
    fm.data, fm.lines = result.data, result.lines
    if result.extra != AblogPost():
        blog_domain(env).ablog[docname] = result.extra


class AblogDocinfo(SphinxTransform):
    """A reST document's leading field list (``:blogpost: true``, ``:date: ...``) read as
    frontmatter, as ABlog reads it: the same keys, the same reader as a MyST post's."""

    default_priority = 400  # after docutils' DocInfo (340), before PostTransform (500)

    def apply(self, **kwargs: Any) -> None:
        docname = self.env.docname
        if self.env.doc2path(docname).name.endswith(".md"):
            return  # MyST frontmatter is read at source-read (post.py)
        # docutils puts the docinfo first, after comments and the like
        docinfo = next((node for node in self.document.children if isinstance(node, nodes.docinfo)), None)
        if docinfo is None:
            return
        data: dict[str, Any] = {}
        lines: dict[str, int] = {}
        for field in (child for child in docinfo.children if isinstance(child, nodes.Element)):
            if isinstance(field, nodes.field):
                name, text = field[0].astext(), field[1].astext()
            elif isinstance(field, nodes.authors):  # docutils' own :authors:, :author:, :date:, ...
                name, text = "authors", ", ".join(child.astext() for child in field.children)
            else:
                name, text = field.tagname, field.astext()
            data[name] = text
            lines[name] = field.line or docinfo.line or 1
        fm = Frontmatter(data, lines, 0, [])
        translate_frontmatter(self.env, docname, fm)
        if is_post(self.config, docname, fm):
            fm.data.setdefault("blogpost", True)  # ABlog's field lists write lists as "a, b"
            note_post(self.env, *parse_post(docname, fm, self.config.blog_path or None, zone=site_zone(self.config)))


# -- the post directive ---------------------------------------------------------------------


class PostDirective(SphinxDirective):
    """``.. post:: <date>``: the document is a post (ABlog's directive).

    The content, if any, is the post's excerpt and stays on the page unless
    ``:exclude:`` is given."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {
        **{name: directives.unchanged for name in TEXT_OPTIONS},
        "exclude": directives.flag,
        "nocomments": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        docname = self.env.docname
        domain = blog_domain(self.env)
        content = self.parse_content_to_nodes() if self.content else []
        shown: list[nodes.Node] = [] if "exclude" in self.options else content
        if domain.ablog.get(docname, AblogPost()).directive:
            warn("one post per document: this second 'post' directive is ignored", self.get_location())
            return shown
        data: dict[str, Any] = {key: value for key, value in self.options.items() if value is not None}
        if self.arguments:
            data["date"] = self.arguments[0]
        result = translate(data, dict.fromkeys(data, self.lineno), self.config.post_date_format)
        for key in result.unsupported:
            warn(f"ABlog's {key!r} option is not supported: it is ignored", self.get_location())
        # ABlog's options write lists as "a, b": "blogpost" tells the reader so (no warning)
        fm = Frontmatter({**result.data, "blogpost": True}, result.lines, 0, [])
        earlier = domain.posts.get(docname)  # the frontmatter's post, read at source-read
        post = note_post(self.env, *parse_post(docname, fm, self.config.blog_path or None, zone=site_zone(self.config)))
        excerpt = " ".join(" ".join(plain_text(p).split()) for p in _paragraphs(content))
        if earlier is not None:
            post = self._merged(earlier, post)
        if excerpt and not post.excerpt:
            post.excerpt = excerpt
        domain.note_post(post)
        extra = dataclasses.replace(result.extra, directive=True, content_excerpt=bool(excerpt))
        if docname in domain.ablog:  # ABlog keys in the frontmatter: they win too
            extra = _merged_extra(domain.ablog[docname], extra)
        domain.ablog[docname] = extra
        return shown

    def _merged(self, earlier: Post, mine: Post) -> Post:
        """The frontmatter's post, with what only the directive says; one warning per value both give."""
        empty = with_defaults(self.env, parse_post(earlier.docname, Frontmatter({}, {}, 0, []),
                                              self.config.blog_path or None)[0])
        changes: dict[str, Any] = {}
        for field in dataclasses.fields(Post):
            name = field.name
            if name in _NOT_COMPARED or getattr(mine, name) == getattr(empty, name):
                continue
            if getattr(earlier, name) not in (getattr(empty, name), getattr(mine, name)):
                warn(f"the post's {name!r} is given by the frontmatter and by the 'post' directive; "
                     "the frontmatter's is used", self.get_location())
                continue
            changes[name] = getattr(mine, name)
            if name == "date":
                changes["date_only"] = mine.date_only
            if name == "image":
                changes["image_size"] = mine.image_size
        return dataclasses.replace(earlier, **changes)


def _merged_extra(earlier: AblogPost, mine: AblogPost) -> AblogPost:
    empty = AblogPost()
    changes = {field.name: getattr(earlier, field.name) for field in dataclasses.fields(AblogPost)
               if getattr(earlier, field.name) != getattr(empty, field.name)}
    return dataclasses.replace(mine, **changes)


def _paragraphs(content: list[nodes.Node]) -> list[nodes.paragraph]:
    return [p for node in content if isinstance(node, nodes.Element) for p in node.findall(nodes.paragraph)]


# -- the update directive -----------------------------------------------------------------


class UpdateDirective(SphinxDirective):
    """``.. update:: <date>``: a dated box saying what changed since the post was published."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True

    def run(self) -> list[nodes.Node]:
        zone = site_zone(self.config)
        parsed = parse_date(as_date(self.arguments[0], self.config.post_date_format), zone,
                            lambda problem: warn(f"update date {problem}", self.get_location(), "date"))
        if parsed is None:
            warn(f"invalid update date {self.arguments[0]!r}: expected {self.config.post_date_format!r} "
                 "or YYYY-MM-DD", self.get_location(), "date")
            heading = "Updated"
        else:
            date = DateTexts(self.config.blog_date_format, self.config.language, zone)(parsed[0])
            heading = f"Updated on {date}"
        box = nodes.admonition(classes=["blog-update"])
        self.set_source_info(box)
        box += nodes.title(heading, heading)
        box.extend(self.parse_content_to_nodes())
        return [box]


# -- excerpt: N, image: N, external_link ------------------------------------------------------


class AblogExcerptAndImage(SphinxTransform):
    """After :class:`.post.PostTransform`: ABlog's ``excerpt: N`` (and ``post_auto_excerpt``)
    paragraphs as the excerpt, and its ``image: N`` (``post_auto_image``) as the post's image,
    which lists, cards and og:image show (no hero: the image is in the post already);
    an ``external_link`` as a link at the end of the post."""

    default_priority = 501

    def apply(self, **kwargs: Any) -> None:
        domain = blog_domain(self.env)
        section = next(iter(self.document.findall(nodes.section)), None)  # marked by PostTransform
        post = domain.posts.get(self.env.docname) if section is not None and section.get("blog_post") else None
        if post is None or section is None:
            return
        extra = domain.ablog.get(post.docname, AblogPost())
        changes: dict[str, Any] = {}
        count = extra.excerpt_paragraphs
        if count is None and self.config.post_auto_excerpt != 1:
            marked, first = find_excerpt(section)
            if marked is None and post.excerpt == first:  # no excerpt given: ABlog's default count
                count = self.config.post_auto_excerpt
        if count is not None and not extra.content_excerpt:
            texts = (" ".join(plain_text(p).split()) for p in _paragraphs([section])[:count])
            changes["excerpt"] = " ".join(text for text in texts if text)  # an image's paragraph counts too
        number = extra.image_number if extra.image_number is not None else self.config.post_auto_image
        if number and not post.image:
            changes.update(self._image(section, number))
        url = clean_url(extra.external_link) if extra.external_link else None
        if url:  # ABlog's lists link there instead of to the post: here the post links there
            section += nodes.paragraph("", "", nodes.reference(url, url, refuri=url), classes=["blog-external-link"])
        elif extra.external_link:
            warn(f"external_link {extra.external_link!r} is not a link that may be followed; not shown",
                 (post.docname, post.line_of("external_link")))
        if changes:
            domain.note_post(dataclasses.replace(post, **changes))

    def _image(self, section: nodes.Element, number: int) -> dict[str, Any]:
        images = list(section.findall(nodes.image))
        if number < 1 or number > len(images):
            return {}
        image = images[number - 1]
        uri = str(image.get("uri", ""))
        if not is_url(uri):
            uri = self.env.relfn2path(uri, self.env.docname)[0]
            if not (Path(self.env.srcdir) / uri).is_file():
                return {}
        size = image_size(uri, self.env.srcdir) if not is_url(uri) else None
        return {"image": uri, "image_alt": str(image.get("alt", "")), "image_size": size}


def setup_ablog_posts(app: Sphinx) -> None:
    app.connect("blog-frontmatter-read", read_ablog_frontmatter)
    app.add_directive("post", PostDirective)
    app.add_directive("update", UpdateDirective)
    app.add_transform(AblogDocinfo)
    app.add_transform(AblogExcerptAndImage)
