"""What a post page gets: its title, byline, hero image, draft notice, excerpt.

Reading a post happens in two steps, both in the reading process:

1. ``source-read``: decide whether the document is a post, read its frontmatter
   into a :class:`Post`, and give it an H1 made of the frontmatter title on the
   blank line after the frontmatter (so line numbers stay true and MyST nests
   the post's ``##`` sections under it).
2. :class:`PostTransform`: add the hero image; compute the excerpt and the
   reading time, once per post.

The byline and the draft notice are added when the page is written
(``doctree-resolved``): they link to generated pages that exist only once every
post is read, and whether a post is still a draft depends on the day of the
build.  Made then, they are not stored with the doctree and need no
cross-reference resolution.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.errors import NoUri
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.matching import Matcher

from . import frontmatter
from .catalog import date_text, is_draft
from .domain import NO_SEARCH, blog_domain
from .frontmatter import Post

logger = logging.getLogger(__name__)

MORE_MARKERS = re.compile(r"<!--\s*(more|truncate)\s*-->", re.IGNORECASE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_MARKDOWN_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


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
    if not _is_post(app, docname, fm.data):
        return
    post, problems = frontmatter.parse_post(docname, fm)
    for problem in problems:
        warn(problem.message, problem.subtype, (docname, problem.line))
    _check_references(app, post)
    post.image = _checked_image(app, post)
    blog_domain(app.env).note_post(post)
    # MyST need not parse and render the blog's keys again (a third of a post's
    # reading time); other tools still find them, as text, in env.metadata
    text = frontmatter.without_keys(text, fm, frontmatter.POST_KEYS)
    metadata = app.env.metadata[docname]
    for key in frontmatter.POST_KEYS.intersection(fm.data):
        metadata[key] = frontmatter.as_metadata(fm.data[key])
    if post.title:
        text = _insert_title(text, fm.end_line, post.title)
    source[0] = text


@functools.cache
def post_matcher(patterns: tuple[str, ...]) -> Matcher:
    """``blog_post_pattern`` compiled once, not once per document."""
    return Matcher(list(patterns))


def _is_post(app: Sphinx, docname: str, data: dict[str, Any]) -> bool:
    flag = data.get("blogpost")
    if flag is not None:
        return flag is True or str(flag).lower() in ("true", "yes")
    return "date" in data and post_matcher(tuple(app.config.blog_post_pattern))(docname)


def _check_references(app: Sphinx, post: Post) -> None:
    registry = blog_domain(app.env).authors
    for handle in post.authors:
        if handle not in registry:
            warn(f"unknown author {handle!r} (not in blog_authors)", "author",
                 (post.docname, post.line_of("author") if "author" in post.lines else post.line_of("authors")))
    if post.sidebar and post.sidebar not in app.config.blog_sidebars:
        warn(f"unknown sidebar {post.sidebar!r}; known: {', '.join(sorted(app.config.blog_sidebars)) or 'none'}"
             " (blog_sidebars); the theme's default sidebars are used", "sidebar",
             (post.docname, post.line_of("sidebar")))


def _checked_image(app: Sphinx, post: Post) -> str | None:
    """The featured image if it can be used; a missing local file is a warning."""
    if post.image is None or post.is_image_url:
        return post.image
    if not (Path(app.srcdir) / post.image).is_file():
        key = next((k for k in ("featuredImage", "image", "featured_image", "cover") if k in post.lines), "")
        warn(f"featured image not found: {post.image}", "image", (post.docname, post.line_of(key)))
        return None
    return post.image


def _insert_title(text: str, end_line: int, title: str) -> str:
    """Put ``# title`` on the blank line after the frontmatter (else a new line)."""
    lines = text.split("\n")
    heading = "# " + _MARKDOWN_PUNCTUATION.sub(r"\\\1", title)
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
            return
        post = frontmatter.replace(
            post,
            reading_time=reading_minutes(body_text(section), self.config.blog_words_per_minute),
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


def hero(post: Post) -> nodes.container:
    uri = post.image if post.is_image_url else "/" + (post.image or "")
    image = nodes.image(uri=uri, alt=post.image_alt or post.title, classes=["blog-hero-image"])
    if post.is_image_url:
        image["candidates"] = {"?": uri}
    return nodes.container("", image, classes=["blog-hero", f"blog-hero-{post.image_type}"])


def draft_notice() -> nodes.container:
    text = "Draft: this post is not published yet and is listed nowhere."
    return nodes.container("", nodes.paragraph(text, text), classes=["blog-draft-notice"])


# -- 3. when written ---------------------------------------------------------------------


def add_byline(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Byline and draft notice under the title (and the hero) of each post in the tree."""
    domain = blog_domain(app.env)
    byline = Byline(app, docname)
    for section in _post_sections(doctree, docname, domain.posts):
        post = domain.posts.get(section["blog_post"])
        if post is None:
            continue
        extra: list[nodes.Node] = [byline.of(post)]
        if is_draft(post, app.config, domain.catalog.now):
            extra.append(draft_notice())
        position = 1
        while position < len(section) and _is_furniture(section[position]):
            position += 1
        section[position:position] = extra


def _post_sections(doctree: nodes.document, docname: str, posts: dict[str, Post]) -> list[nodes.section]:
    if docname in posts:  # a post page: its first section
        first = next(iter(doctree.findall(nodes.section)), None)
        return [first] if first is not None and first.get("blog_post") else []
    # singlehtml, LaTeX: one tree holds many documents
    return [s for s in doctree.findall(nodes.section) if s.get("blog_post")]


def _is_furniture(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Element) and bool({"blog-breadcrumb", "blog-hero"} & set(node["classes"]))


class Byline:
    """Authors (avatar, name, role), date, reading time, category and tags of a post,
    linked to their generated pages where the builder writes them."""

    def __init__(self, app: Sphinx, docname: str) -> None:
        self.env = app.env
        self.builder = app.builder
        self.docname = docname
        self.domain = blog_domain(app.env)

    def of(self, post: Post) -> nodes.container:
        box = nodes.container(classes=["blog-byline"])
        if post.authors:
            authors = nodes.container(classes=["blog-byline-authors"])
            for handle in post.authors:
                authors += self.author(handle)
            box += authors
        facts = nodes.paragraph(classes=["blog-byline-facts"])
        # the date and "5 min read" are on every post: searching "read" or "May"
        # should not find them all (author, category and tag names stay searchable)
        if post.date is not None:
            shown = date_text(post, self.env.config)
            facts += nodes.inline(shown, shown, classes=["blog-date", NO_SEARCH])
        minutes = f"{post.reading_time} min read"
        facts += nodes.inline(minutes, minutes, classes=["blog-reading-time", NO_SEARCH])
        for name in post.categories:
            facts += self.term("category", name, ["blog-category"])
        box += facts
        if post.tags:
            tags = nodes.paragraph(classes=["blog-tags"])
            for name in post.tags:
                tags += self.term("tag", name, ["blog-tag"])
            box += tags
        return box

    def author(self, handle: str) -> nodes.inline:
        """One author: avatar, linked name, role; the handle when unknown."""
        author = self.domain.authors.get(handle)
        item = nodes.inline(classes=["blog-author"])
        if author is None:
            item += nodes.inline(handle, handle, classes=["blog-author-name", "blog-author-unknown"])
            return item
        if author.image:
            avatar = nodes.image(uri=author.image, alt=author.name, classes=["blog-avatar"])
            # a URL as is; a file where Sphinx copied it (noted when the post was read)
            avatar["candidates"] = {"?" if author.is_image_url else "*": author.image}
            item += avatar
        item += self.term("author", handle, ["blog-author-name"], author.name)
        if author.role:
            item += nodes.inline(author.role, author.role, classes=["blog-author-role"])
        return item

    def term(self, kind: str, target: str, classes: list[str], text: str | None = None) -> nodes.Element:
        """A link to a tag, category or author page, resolved directly by the blog domain."""
        shown = text or target
        content = nodes.inline(shown, shown)
        xref = pending_xref("", refdomain="blog", reftype=kind, reftarget=target, refexplicit=True)
        try:
            found = self.domain.resolve_xref(self.env, self.docname, self.builder, kind, target, xref, content)
        except NoUri:
            found = None
        # no page (a draft's new tag, a builder without generated pages): the text is enough
        node: nodes.Element = found if found is not None else content
        node["classes"].extend(classes)
        return node


# -- reading time and excerpt -----------------------------------------------------------


def body_text(section: nodes.Element) -> str:
    """All the text of the post, for its reading time (one walk of the tree)."""
    return section.astext()


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
    app.connect("source-read", read_post_source)
    app.add_transform(PostTransform)
    app.connect("doctree-resolved", add_byline)
