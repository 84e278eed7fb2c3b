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
import os
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

from . import frontmatter, yamlblock
from .allowlists import check_post
from .config import site_zone
from .decorations import post_hero, title_line
from .domain import blog_domain
from .frontmatter import Post
from .images import image_size
from .postauthors import PostAuthor
from .postpaths import read_post_path
from .safety import first_invalid_utf8, line_at, local_reference, source_relative, url_scheme
from .urls import is_url

logger = logging.getLogger(__name__)

#: keys only a post has: a document under the post folders with one of them but no date is a mistake
POST_ONLY_KEYS = frozenset({"author", "authors", "tags", "category", "categories", "featuredImage"})
MORE_MARKERS = re.compile(r"<!--\s*(more|truncate)\s*-->", re.IGNORECASE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def warn(message: str, subtype: str, location: Any) -> None:
    logger.warning(message, type="blog", subtype=subtype, location=location)


# -- 1. source-read ----------------------------------------------------------------


def read_post_source(app: Sphinx, docname: str, source: list[str]) -> None:
    if app.env.doc2path(docname).suffix not in (".md", ".mdx"):
        return
    text = source[0]
    fm = yamlblock.read_frontmatter(text)
    under_pattern = post_matcher(tuple(app.config.blog_post_pattern))(docname)
    if fm is None:
        # Docusaurus: a dated file needs no frontmatter (the title is its first heading)
        if under_pattern and dated_path(app.config, docname):
            note_post(app.env, *frontmatter.parse_post(docname, yamlblock.Frontmatter({}, {}, 0, []),
                                                       app.config.blog_path or None, date_from_path=True))
        return
    if fm.problems:
        if under_pattern:  # say why the post is not one, and keep MyST off the broken block
            for problem in fm.problems:
                warn(f"{problem.message}; not read as a post", problem.subtype, (docname, problem.line))
            source[0] = yamlblock.blank_block(text, fm)
        return
    # other parts of the extension may translate keys first (ABlog's, see .ablog_posts)
    app.emit("blog-frontmatter-read", docname, fm)
    if not is_post(app.config, docname, fm):
        if under_pattern and "date" not in fm.data and POST_ONLY_KEYS.intersection(fm.data):
            keys = ", ".join(sorted(POST_ONLY_KEYS.intersection(fm.data)))
            warn(f"not a post: no 'date' (it has {keys}); built as a plain page", "date", (docname, 1))
        return
    post = note_post(app.env, *frontmatter.parse_post(docname, fm, app.config.blog_path or None,
                                                      date_from_path=app.config.blog_date_from_path,
                                                      zone=site_zone(app.config)))
    source[0] = _for_myst(app, docname, text, fm, post)


def _for_myst(app: Sphinx, docname: str, text: str, fm: yamlblock.Frontmatter, post: Post) -> str:
    """What MyST reads: without the blog's keys (a third of a post's reading time to parse
    and render again; other tools still find them, as text, in env.metadata), with the H1."""
    text = yamlblock.without_keys(text, fm, frontmatter.POST_KEYS)
    metadata = app.env.metadata[docname]
    for key in frontmatter.POST_KEYS.intersection(fm.data):
        metadata[key] = yamlblock.as_metadata(fm.data[key])
    return _insert_title(text, fm.end_line, post.title) if post.title else text


def note_post(env: BuildEnvironment, post: Post, problems: list[frontmatter.Problem]) -> Post:
    """Warn about a freshly parsed post's problems, complete and check it, and store it.

    Shared by frontmatter posts and posts made by a directive, so both are the same.
    A missing title is not a problem yet: :class:`PostTransform` takes the first heading.
    """
    for problem in problems:
        if problem.message != frontmatter.NO_TITLE:
            warn(problem.message, problem.subtype, (post.docname, problem.line))
    with_defaults(env, post)
    check_post(env, post)
    _check_sidebar(env, post)
    post.image, post.image_size = _checked_image(env, post)
    post.author_details = tuple(_checked_avatar(env, post, author) for author in post.author_details)
    blog_domain(env).note_post(post)
    return post


def with_defaults(env: BuildEnvironment, post: Post) -> Post:
    """``blog_default_author`` for a post that names none."""
    default = env.config.blog_default_author
    if not post.authors and not post.author_details and default:
        post.authors = (default,) if isinstance(default, str) else tuple(default)
    return post


@functools.cache
def post_matcher(patterns: tuple[str, ...]) -> Matcher:
    """``blog_post_pattern`` compiled once, not once per document."""
    return Matcher(list(patterns))


def is_post(config: Config, docname: str, fm: yamlblock.Frontmatter) -> bool:
    """``blogpost: true`` (ABlog), or a ``date`` and a name under :confval:`blog_post_pattern`."""
    flag = fm.data.get("blogpost")
    if isinstance(flag, bool) or str(flag).lower() in ("true", "yes", "false", "no"):
        return flag is True or str(flag).lower() in ("true", "yes")
    if flag is not None:
        warn(f"'blogpost' should be true or false, not {flag!r}; ignored", "frontmatter",
             (docname, fm.lines.get("blogpost", 1)))
    has_date = "date" in fm.data or dated_path(config, docname)
    return has_date and post_matcher(tuple(config.blog_post_pattern))(docname)


def dated_path(config: Config, docname: str) -> bool:
    """With :confval:`blog_date_from_path`, whether the path holds a date as Docusaurus writes it."""
    return bool(config.blog_date_from_path) and read_post_path(docname, docname.partition("/")[0]).date is not None


def _check_sidebar(env: BuildEnvironment, post: Post) -> None:
    sidebars = env.config.blog_sidebars
    if post.sidebar and post.sidebar not in sidebars:
        warn(f"unknown sidebar {post.sidebar!r}; known: {', '.join(sorted(sidebars)) or 'none'}"
             " (blog_sidebars); the theme's default sidebars are used", "sidebar",
             (post.docname, post.line_of("sidebar")))


def _checked_image(env: BuildEnvironment, post: Post) -> tuple[str | None, tuple[int, int] | None]:
    """The featured image if it can be used, and its size: a URL, or a file whose real path
    (symlinks followed) is inside the source folder; otherwise a warning, and no image."""
    if post.image is None or post.is_image_url:
        return post.image, None
    found, size = local_image(env, post.image)
    if found is None:
        path = Path(env.srcdir, post.image)
        key = next((k for k in ("featuredImage", "image", "featured_image", "cover") if k in post.lines), "")
        reason = "is outside the source folder; not used" if os.path.lexists(path) else "not found"
        warn(f"featured image {post.image} {reason}", "image", (post.docname, post.line_of(key)))
    return found, size


def local_image(env: BuildEnvironment, image: str) -> tuple[str | None, tuple[int, int] | None]:
    """(the image's real path relative to the source folder, or None outside it; its size).

    Many posts share an image (a blog's default hero): each file is looked at once per
    process and build."""
    known = blog_domain(env).state.local_images
    if image not in known:
        found = source_relative(Path(env.srcdir, image), env.srcdir)
        known[image] = (found, image_size(found, env.srcdir) if found else None)
    return known[image]


def _checked_avatar(env: BuildEnvironment, post: Post, author: PostAuthor) -> PostAuthor:
    """An avatar the post gives (Docusaurus ``image_url``): a URL, or a file inside the source folder."""
    if not author.image or is_url(author.image):
        return author
    path = Path(env.srcdir, author.image)
    if source_relative(path, env.srcdir) is not None:
        return author
    reason = "is outside the source folder; not used" if os.path.lexists(path) else "not found"
    line = next((post.line_of(key) for key in ("authors", "author_image_url", "author") if key in post.lines), 1)
    warn(f"avatar of {(author.name or author.handle)!r} ({author.image}) {reason}", "image", (post.docname, line))
    return dataclasses.replace(author, image="")


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
        self._set_metadata(post)  # also for a post without a title: it is still an orphan
        section = next(iter(self.document.findall(nodes.section)), None)
        if section is None or not isinstance(section[0], nodes.title):
            if not post.title:
                warn(frontmatter.NO_TITLE, "frontmatter", (post.docname, 1))
            return
        text, marked, first = walk_post(section)
        post = dataclasses.replace(
            post,
            # no title in the frontmatter: the first heading's, as ABlog, Docusaurus and Jekyll do;
            # a site translated with gettext catalogs: lists and feeds show the H1's translation
            title=clean_astext(section[0]) if section[0].get("translated") or not post.title else post.title,
            reading_time=reading_minutes(text, self.config.blog_words_per_minute),
            excerpt=marked or post.excerpt or post.description or first,
        )
        domain.note_post(post)
        section["classes"].extend(["blog-post", f"blog-hero-{post.image_type}"])
        # the title is the author's text exactly: no smart quotes
        section[0]["support_smartquotes"] = False
        if not post.show_title:
            section[0]["classes"].append("blog-title-hidden")
        section["blog_post"] = post.docname  # found again when written, also in one-page builds
        if post.image:
            section.insert(1, post_hero(post, section[0]))
        self._note_avatars(post)

    def _note_avatars(self, post: Post) -> None:
        """The byline shows the authors' avatars: have Sphinx copy them, as for any image."""
        registry = blog_domain(self.env).authors
        found = [author.image for handle in post.authors if (author := registry.get(handle)) is not None]
        found += [author.image for author in post.author_details]
        for image in dict.fromkeys(found):
            if image and not is_url(image):
                self.env.note_dependency(image)
                self.env.images.add_file(self.env.docname, image)

    def _set_metadata(self, post: Post) -> None:
        metadata = self.env.metadata[self.env.docname]
        metadata["orphan"] = True  # posts are reached through the blog's lists
        if post.hide_anchor:
            # furo; pydata and book drop their page-toc by themselves once html.py empties
            # the page's toc (removing their whole secondary sidebar would lose the post info)
            metadata["hide-toc"] = True


# -- reading time and excerpt -----------------------------------------------------------


def plain_text(node: nodes.Element) -> str:
    """The text a reader sees: inline raw HTML tags are not words."""
    return "".join(text.astext() for text in node.findall(nodes.Text) if not isinstance(text.parent, nodes.raw))


def reading_minutes(text: str, words_per_minute: int) -> int:
    """Words, plus CJK characters counted as about two characters a word."""
    cjk = 0 if text.isascii() else len(_CJK.findall(text))  # most posts: nothing to look for
    words = len((_CJK.sub(" ", text) if cjk else text).split())
    return max(1, round((words + cjk / 2) / max(words_per_minute, 1)))


def walk_post(section: nodes.Element) -> tuple[str, str | None, str]:
    """One walk of a post's section, for all it is read for: the raw text of every
    Text node, enough to count words without astext()'s unescaping; the paragraphs before a
    ``<!-- more -->`` (or ``<!-- truncate -->``) marker, None without one; the first paragraph.
    The excerpt is the marked text, else the ``excerpt``, ``description`` or
    ``seo.metaDescription`` frontmatter, else the first paragraph."""
    texts: list[str] = []
    paragraphs: list[nodes.Element] = []
    marked: str | None = None
    for node in section.findall():
        if isinstance(node, nodes.Text):
            texts.append(node)
        elif marked is not None:
            continue
        elif isinstance(node, (nodes.raw, nodes.comment)):
            if MORE_MARKERS.search(node.astext()):
                marked = " ".join(_clean(p) for p in paragraphs)
        elif isinstance(node, nodes.paragraph) and not isinstance(node.parent, (nodes.list_item, nodes.entry)):
            paragraphs.append(node)
    return " ".join(texts), marked, _clean(paragraphs[0]) if paragraphs else ""


def find_excerpt(section: nodes.Element) -> tuple[str | None, str]:
    """(paragraphs before a more-marker, or None without one; the first paragraph)."""
    _text, marked, first = walk_post(section)
    return marked, first


def _clean(paragraph: nodes.Element) -> str:
    return " ".join(plain_text(paragraph).split())


# -- files a post may not use ---------------------------------------------------------------


def skip_undecodable(app: Sphinx, env: Any, docnames: list[str]) -> None:
    """env-before-read-docs: a document that is not valid UTF-8 is one warning and left out;
    the rest of the site builds (Sphinx would stop the whole build)."""
    if str(app.config.source_encoding).lower().replace("_", "-") not in ("utf-8", "utf8", "utf-8-sig"):
        return
    for docname in list(docnames):
        try:
            data = env.doc2path(docname).read_bytes()
        except OSError:
            continue
        offset = first_invalid_utf8(data)
        if offset is not None:
            warn(f"not valid UTF-8 at byte {offset}; left out of the build", "encoding",
                 (docname, line_at(data, offset)))
            docnames.remove(docname)
            env.project.docnames.discard(docname)  # or the builder would write a page never read


def drop_outside_images(app: Sphinx, doctree: nodes.document) -> None:
    """doctree-read, before Sphinx collects images: an image of a post whose real file
    (symlinks followed) is outside the source folder, or that names no file (``![alt]()``),
    is one warning and dropped; its alt text stays."""
    docname = app.env.docname
    if docname not in blog_domain(app.env).posts:
        return
    # the hero was checked with the frontmatter; URLs are not files
    images = [image for image in doctree.findall(nodes.image) if "blog-hero-image" not in image["classes"]
              and not is_url(image.get("uri", "")) and url_scheme(image.get("uri", "")) is None]
    folder = app.env.doc2path(docname).parent if images else None
    for image in images:
        uri = image.get("uri", "")
        path = local_reference(uri, folder or app.srcdir, app.srcdir)
        if not uri.strip("./") or os.path.isdir(path):
            _drop(image, f"image {uri!r} names no file; not shown")
        elif os.path.lexists(path) and source_relative(path, app.srcdir) is None:
            _drop(image, f"image {uri!r} is outside the source folder; not used")


def _drop(image: nodes.image, message: str) -> None:
    warn(message, "image", image)
    alt = image.get("alt", "")
    image.replace_self(nodes.inline(alt, alt) if alt else nodes.inline())


def setup_post(app: Sphinx) -> None:
    app.add_event("blog-frontmatter-read")  # (docname, Frontmatter): may change the frontmatter's data
    app.connect("env-before-read-docs", skip_undecodable)
    app.connect("doctree-read", drop_outside_images, priority=400)
    app.connect("source-read", read_post_source)
    app.add_transform(PostTransform)
