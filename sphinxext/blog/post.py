"""Reading a post: its record, its title, its hero, its excerpt and reading time.

Reading a post happens in two steps, both in the reading process:

1. ``source-read``: decide whether the document is a post, read its frontmatter
   into a :class:`Post`, and give it an H1 made of the frontmatter title on the
   blank line after the frontmatter (so line numbers stay true and MyST nests
   the post's ``##`` sections under it).
2. :class:`PostTransform`: add the hero image; compute the excerpt and the
   reading time, once per post.

The rest of a post page's decorations (byline, draft notice, previous/next) are
made when it is written: see :mod:`.decorations`.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.matching import Matcher
from sphinx.util.nodes import clean_astext

from . import frontmatter
from .decorations import hero, title_line
from .domain import blog_domain
from .frontmatter import Post

logger = logging.getLogger(__name__)

MORE_MARKERS = re.compile(r"<!--\s*(more|truncate)\s*-->", re.IGNORECASE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def warn(message: str, subtype: str, location: Any) -> None:
    logger.warning(message, type="blog", subtype=subtype, location=location)


# -- 1. source-read ----------------------------------------------------------------


def read_post_source(app: Sphinx, docname: str, source: list[str]) -> None:
    if not app.env.doc2path(docname).name.endswith(".md"):
        return
    text = source[0]
    fm = frontmatter.read_frontmatter(text)
    if fm is None:
        return
    if fm.problems and post_matcher(tuple(app.config.blog_post_pattern))(docname):
        # unreadable frontmatter: say so, rather than silently dropping the post
        for problem in fm.problems:
            warn(f"{problem.message}; not read as a post", problem.subtype, (docname, problem.line))
        return
    # other parts of the extension may translate keys first (ABlog's, see .ablog_posts)
    app.emit("blog-frontmatter-read", docname, fm)
    if not is_post(app.config, docname, fm.data):
        return
    post = note_post(app.env, *frontmatter.parse_post(docname, fm, app.config.blog_path or None))
    # MyST need not parse and render the blog's keys again (a third of a post's
    # reading time); other tools still find them, as text, in env.metadata
    text = frontmatter.without_keys(text, fm, frontmatter.POST_KEYS)
    metadata = app.env.metadata[docname]
    for key in frontmatter.POST_KEYS.intersection(fm.data):
        metadata[key] = frontmatter.as_metadata(fm.data[key])
    if post.title:
        text = _insert_title(text, fm.end_line, post.title)
    source[0] = text


def note_post(env: BuildEnvironment, post: Post, problems: list[frontmatter.Problem]) -> Post:
    """Warn about a freshly parsed post's problems, complete and check it, and store it.

    Shared by frontmatter posts and posts made by a directive, so both are the same.
    A missing title is not a problem yet: :class:`PostTransform` takes the first heading.
    """
    for problem in problems:
        if problem.message != frontmatter.NO_TITLE:
            warn(problem.message, problem.subtype, (post.docname, problem.line))
    with_defaults(env, post)
    _check_references(env, post)
    post.image = _checked_image(env, post)
    blog_domain(env).note_post(post)
    return post


def with_defaults(env: BuildEnvironment, post: Post) -> Post:
    """``blog_default_author`` for a post that names none."""
    default = env.config.blog_default_author
    if not post.authors and default:
        post.authors = (default,) if isinstance(default, str) else tuple(default)
    return post


@functools.cache
def post_matcher(patterns: tuple[str, ...]) -> Matcher:
    """``blog_post_pattern`` compiled once, not once per document."""
    return Matcher(list(patterns))


def is_post(config: Config, docname: str, data: dict[str, Any]) -> bool:
    """``blogpost: true``, or a ``date`` in a document that ``blog_post_pattern`` matches."""
    flag = data.get("blogpost")
    if flag is not None:
        return flag is True or str(flag).lower() in ("true", "yes")
    return "date" in data and post_matcher(tuple(config.blog_post_pattern))(docname)


def _check_references(env: BuildEnvironment, post: Post) -> None:
    registry = blog_domain(env).authors
    for handle in post.authors:
        if handle not in registry:
            warn(f"unknown author {handle!r} (not in blog_authors)", "author",
                 (post.docname, post.line_of("author") if "author" in post.lines else post.line_of("authors")))
    sidebars = env.config.blog_sidebars
    if post.sidebar and post.sidebar not in sidebars:
        warn(f"unknown sidebar {post.sidebar!r}; known: {', '.join(sorted(sidebars)) or 'none'}"
             " (blog_sidebars); the theme's default sidebars are used", "sidebar",
             (post.docname, post.line_of("sidebar")))


def _checked_image(env: BuildEnvironment, post: Post) -> str | None:
    """The featured image if it can be used; a missing local file is a warning."""
    if post.image is None or post.is_image_url:
        return post.image
    if not (Path(env.srcdir) / post.image).is_file():
        key = next((k for k in ("featuredImage", "image", "featured_image", "cover") if k in post.lines), "")
        warn(f"featured image not found: {post.image}", "image", (post.docname, post.line_of(key)))
        return None
    return post.image


def _insert_title(text: str, end_line: int, title: str) -> str:
    """Put ``# title`` on the blank line after the frontmatter (else a new line)."""
    lines = text.split("\n")
    heading = title_line(title)
    if len(lines) > end_line and not lines[end_line].strip():
        lines[end_line] = heading
    else:
        lines.insert(end_line, heading)
    return "\n".join(lines)


# -- 2. the transform ----------------------------------------------------------------


class PostTransform(SphinxTransform):
    """The hero image under the post's title; excerpt and reading time."""

    default_priority = 500

    def apply(self, **kwargs: Any) -> None:
        domain = blog_domain(self.env)
        post = domain.posts.get(self.env.docname)
        if post is None:
            return
        section = next(iter(self.document.findall(nodes.section)), None)
        if section is None or not isinstance(section[0], nodes.title):
            if not post.title:
                warn(frontmatter.NO_TITLE, "frontmatter", (post.docname, 1))
            self._set_metadata(post)
            return
        post = dataclasses.replace(
            post,
            # no title in the frontmatter: the first heading's, as ABlog, Docusaurus and Jekyll do
            title=post.title or clean_astext(section[0]),
            reading_time=reading_minutes(section.astext(), self.config.blog_words_per_minute),
            excerpt=choose_excerpt(post, section),
        )
        domain.note_post(post)
        section["classes"].extend(["blog-post", f"blog-hero-{post.image_type}"])
        # the title is the author's text exactly: no smart quotes
        section[0]["support_smartquotes"] = False
        if not post.show_title:
            section[0]["classes"].append("blog-title-hidden")
        section["blog_post"] = post.docname  # found again when written, also in one-page builds
        if post.image:
            section.insert(1, hero(post))
        self._note_avatars(post)
        self._set_metadata(post)

    def _note_avatars(self, post: Post) -> None:
        """The byline shows the authors' avatars: have Sphinx copy them, as for any image."""
        registry = blog_domain(self.env).authors
        for handle in post.authors:
            author = registry.get(handle)
            if author is not None and author.image and not author.is_image_url:
                self.env.note_dependency(author.image)
                self.env.images.add_file(self.env.docname, author.image)

    def _set_metadata(self, post: Post) -> None:
        metadata = self.env.metadata[self.env.docname]
        metadata["orphan"] = True  # posts are reached through the blog's lists
        if post.hide_anchor:
            metadata["hide-toc"] = True  # furo
            metadata["html_theme.sidebar_secondary.remove"] = True  # pydata, book


# -- reading time and excerpt -----------------------------------------------------------


def plain_text(node: nodes.Element) -> str:
    """The text a reader sees: inline raw HTML tags are not words."""
    return "".join(text.astext() for text in node.findall(nodes.Text) if not isinstance(text.parent, nodes.raw))


def reading_minutes(text: str, words_per_minute: int) -> int:
    """Words, plus CJK characters counted as about two characters a word."""
    cjk = 0 if text.isascii() else len(_CJK.findall(text))  # most posts: nothing to look for
    words = len((_CJK.sub(" ", text) if cjk else text).split())
    return max(1, round((words + cjk / 2) / max(words_per_minute, 1)))


def choose_excerpt(post: Post, section: nodes.Element) -> str:
    """The text before a ``<!-- more -->`` (or ``<!-- truncate -->``) marker; else the
    ``excerpt``, ``description`` or ``seo.metaDescription`` frontmatter; else the first paragraph."""
    marked, first = find_excerpt(section)
    return marked or post.excerpt or post.description or first


def find_excerpt(section: nodes.Element) -> tuple[str | None, str]:
    """(paragraphs before a more-marker, or None without one; the first paragraph)."""
    paragraphs: list[nodes.Element] = []
    for node in section.findall(_EXCERPT_NODES):
        if isinstance(node, (nodes.raw, nodes.comment)):
            if MORE_MARKERS.search(node.astext()):
                return " ".join(_clean(p) for p in paragraphs), _clean(paragraphs[0]) if paragraphs else ""
        elif isinstance(node, nodes.paragraph) and not isinstance(node.parent, (nodes.list_item, nodes.entry)):
            paragraphs.append(node)
    return None, _clean(paragraphs[0]) if paragraphs else ""


def _clean(paragraph: nodes.Element) -> str:
    return " ".join(plain_text(paragraph).split())


def _EXCERPT_NODES(node: nodes.Node) -> bool:  # noqa: N802 (a docutils findall condition)
    return isinstance(node, (nodes.paragraph, nodes.raw, nodes.comment))


def setup_post(app: Sphinx) -> None:
    app.add_event("blog-frontmatter-read")  # (docname, Frontmatter): may change the frontmatter's data
    app.connect("source-read", read_post_source)
    app.add_transform(PostTransform)
