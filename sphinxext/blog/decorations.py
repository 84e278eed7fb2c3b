"""A post page's decorations, all made here, in this order in the post's section:

1. the **H1**: the frontmatter title, written into the source at ``source-read``
   (:func:`title_line`, called by :mod:`.post`);
2. the **breadcrumb**: a link to the blog's landing page;
3. the **hero** image, added while reading (:func:`hero`), so Sphinx copies the file;
4. the **byline**: avatars, authors, date, reading time, category, tags;
5. the **draft notice**, or the **expired notice** of a post whose ``expires`` date passed;
6. at the end of the post, **previous/next** links and **related posts**.

2, 4, 5 and 6 are made when the page is written (``doctree-resolved``,
:func:`decorate`): they link to generated pages that exist only once every post
is read, and whether a post is still a draft depends on the day of the build.
Made then, they are not stored with the doctree.  Everything they show comes
from :mod:`.views`.  Feeds leave them out of full-text entries
(:data:`.domain.DECORATION_CLASSES`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from docutils import nodes

from .boxes import box
from .catalog import is_draft, is_expired
from .domain import DECORATION_CLASSES, NO_SEARCH, BlogDomain, blog_domain
from .frontmatter import Post
from .i18n import _, html_lang, same_language, text_direction
from .images import HERO_SIZES, responsive
from .sitepaths import site_resolver
from .urls import is_url
from .views import AuthorView, PostLink, TermLink

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_MARKDOWN_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def title_line(title: str) -> str:
    """The Markdown H1 of a post's title, punctuation escaped so it shows as written."""
    return "# " + _MARKDOWN_PUNCTUATION.sub(r"\\\1", title)


def hero(uri: str, image_type: str, alt: str, title: str = "", caption: str = "",
         size: tuple[int, int] | None = None) -> nodes.figure:
    """A hero image: a figure, which every builder shows (the post's frontmatter image and
    ``{featured-image}``); ``uri`` is a URL or a path from the source folder (``/x.png``).
    ``title`` lies over a ``full`` image (a post's own title is its H1 instead).  HTML gives
    it its ``size`` and, with Pillow, a ``srcset`` (:mod:`.images`)."""
    image = responsive(nodes.image(uri=uri, alt=alt, classes=["blog-hero-image"]), size, HERO_SIZES)
    if is_url(uri):
        image["candidates"] = {"?": uri}
    figure = nodes.figure("", image, classes=["blog-hero", f"blog-hero-{image_type}"])
    if title:
        figure += nodes.paragraph(title, title, classes=["blog-hero-title"])
    if caption:
        figure += nodes.caption(caption, caption)
    return figure


def post_hero(post: Post, place: nodes.Element) -> nodes.Element:
    """The post's frontmatter hero, located where ``place`` (its title) is."""
    uri = post.image if post.is_image_url else "/" + (post.image or "")
    return located(hero(uri or "", post.image_type, post.image_alt or post.title, size=post.image_size), place)


def located(node: nodes.Element, place: nodes.Element) -> nodes.Element:
    """``node`` and its descendants with ``place``'s source and line: the gettext builder of
    Sphinx 8.0 sorts the places of a message (an image's alt text is the post's title too)
    and fails on a place without a source."""
    for found in node.findall(nodes.Element):
        found.source, found.line = place.source, place.line
    return node


def draft_notice() -> nodes.Element:
    # TRANSLATORS: at the top of a post that is not published yet (a preview)
    text = _("Draft: this post is not published yet and is listed nowhere.")
    return box(nodes.paragraph(text, text), classes=["blog-draft-notice"])


def expired_notice() -> nodes.Element:
    # TRANSLATORS: at the top of a post whose expiry date (the "expires" frontmatter) has passed
    text = _("Expired: this post is out of date and is no longer listed.")
    return box(nodes.paragraph(text, text), classes=["blog-expired-notice"])


def decorate(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """doctree-resolved: the write-time decorations of each post in the tree."""
    domain = blog_domain(app.env)
    byline = Byline(app, docname)
    own = domain.posts.get(docname)
    for section in _post_sections(doctree, own is not None):
        post = domain.posts.get(section["blog_post"])
        if post is None:
            continue
        labels = Languages(post.lang, app.config.language)
        section["classes"].extend(labels.of_post())
        if post is own:
            crumb = breadcrumb(app, post, docname)
            if crumb is not None:
                section.insert(1, labels.mark(crumb))
        extra: list[nodes.Element] = [byline.of(post)]
        if is_draft(post, app.config, domain.catalog.now):
            extra.append(draft_notice())
        elif is_expired(post, domain.catalog.now):
            extra.append(expired_notice())
        position = 1
        while position < len(section) and _is_before_byline(section[position]):
            position += 1
        section[position:position] = [labels.mark(node) for node in extra]
        if post is own:
            section.extend(labels.mark(node) for node in navigation(byline, post))


class Languages:
    """A post's language and the site's: docutils writes a ``language-xx`` class as
    ``lang="xx"``; ``blog-rtl``/``blog-ltr`` set the direction where it changes.

    The post's section gets the post's language; the decorations in it, whose labels
    are in the site's language, get the site's when the two differ.
    """

    def __init__(self, post_lang: str | None, site_lang: str | None) -> None:
        self.site = site_lang
        self.post = post_lang if post_lang and not same_language(post_lang, site_lang) else None

    def of_post(self) -> list[str]:
        direction = text_direction(self.post or self.site)
        classes = [f"language-{self.post}"] if self.post else []
        if direction == "rtl" or direction != text_direction(self.site):
            classes.append(f"blog-{direction}")
        return classes

    def mark(self, node: nodes.Element) -> nodes.Element:
        """A decoration inside a post in another language: the site's language and direction."""
        if self.post:
            node["classes"].append(f"language-{html_lang(self.site)}")
            if text_direction(self.site) != text_direction(self.post):
                node["classes"].append(f"blog-{text_direction(self.site)}")
        return node


def _post_sections(doctree: nodes.document, is_post_page: bool) -> list[nodes.section]:
    if is_post_page:  # a post page: its first section
        first = next(iter(doctree.findall(nodes.section)), None)
        return [first] if first is not None and first.get("blog_post") else []
    # singlehtml, LaTeX: one tree holds many documents
    return [s for s in doctree.findall(nodes.section) if s.get("blog_post")]


def _is_before_byline(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Element) and bool({"blog-breadcrumb", "blog-hero"} & set(node["classes"]))


def breadcrumb(app: Sphinx, post: Post, docname: str) -> nodes.paragraph | None:
    """A link to the post's blog landing page (its root document, else its index)."""
    resolver = site_resolver(app.env, app.builder)
    page = resolver.page(post.root)
    if page is None or page == post.docname:
        return None
    title = resolver.title(page)
    link = blog_domain(app.env).reference(app.builder, docname, page, nodes.inline(title, title), "")
    if not isinstance(link, nodes.reference):
        return None
    return nodes.paragraph("", "", link, classes=["blog-breadcrumb", NO_SEARCH])


def navigation(byline: Byline, post: Post) -> list[nodes.Element]:
    """Previous/next links and related posts at the end of a listed post."""
    view = byline.domain.views.navigation(post)
    if view is None:
        return []
    found: list[nodes.Element] = []
    if view.newer or view.older:
        nav = box(classes=["blog-prevnext", NO_SEARCH])
        # TRANSLATORS: at the end of a post, before the title of the next newer (older) post
        newer, older = _("Newer:"), _("Older:")
        for other, label, css in ((view.newer, newer, "blog-newer"), (view.older, older, "blog-older")):
            if other is not None:
                nav += nodes.paragraph("", f"{label} ", byline.post_link(other), classes=[css])
        found.append(nav)
    if view.related:
        related = box(classes=["blog-related", NO_SEARCH])
        label = _("Related posts")
        related += nodes.rubric(label, label)
        items = nodes.bullet_list()
        for other in view.related:
            items += nodes.list_item("", nodes.paragraph("", "", byline.post_link(other)))
        related += items
        found.append(related)
    return found


class Byline:
    """Authors (avatar, name, role), date, reading time, category and tags of a post,
    linked to their generated pages where the builder writes them."""

    def __init__(self, app: Sphinx, docname: str) -> None:
        self.builder = app.builder
        self.docname = docname
        self.domain: BlogDomain = blog_domain(app.env)

    def of(self, post: Post) -> nodes.Element:
        """The byline; its parts are separated by real text (" · ", ", "), so text,
        LaTeX and man pages show them too, and no separator is part of a link."""
        entry = self.domain.views.entry(post)
        byline = box(classes=["blog-byline"])
        if entry.authors:
            authors = [self.author(author) for author in entry.authors]
            byline += box(*separated(authors, ", "), classes=["blog-byline-authors"])
        # the date and "5 min read" are on every post: searching "read" or "May"
        # should not find them all (author, category and tag names stay searchable)
        facts: list[nodes.Element] = []
        if entry.date:
            facts.append(nodes.inline(entry.date, entry.date, classes=["blog-date", NO_SEARCH]))
        minutes = entry.reading_label
        facts.append(nodes.inline(minutes, minutes, classes=["blog-reading-time", NO_SEARCH]))
        facts.extend(self.term(term, ["blog-category"]) for term in entry.categories)
        byline += nodes.paragraph("", "", *separated(facts, " · "), classes=["blog-byline-facts"])
        if entry.tags:
            tags = [self.term(term, ["blog-tag"]) for term in entry.tags]
            byline += nodes.paragraph("", "", *separated(tags, ", "), classes=["blog-tags"])
        return byline

    def author(self, author: AuthorView) -> nodes.inline:
        """One author: avatar, linked name, role; the handle when unknown."""
        item = nodes.inline(classes=["blog-author"])
        if not author.known:
            item += nodes.inline(author.name, author.name, classes=["blog-author-name", "blog-author-unknown"])
            return item
        if author.avatar:
            avatar = nodes.image(uri=author.avatar, alt=author.name, classes=["blog-avatar"])
            # a URL as is; a file where Sphinx copied it (noted when the post was read)
            avatar["candidates"] = {"?" if is_url(author.avatar) else "*": author.avatar}
            item += avatar
        item += self.link(author.page or author.link, author.name, ["blog-author-name"], "author", author.handle)
        if author.role:  # a space for text output; the flex layout of HTML drops it
            item += [nodes.Text(" "), nodes.inline(author.role, author.role, classes=["blog-author-role"])]
        return item

    def term(self, term: TermLink, classes: list[str]) -> nodes.Element:
        return self.link(term.page, term.name, classes)

    def link(self, page: str | None, text: str, classes: list[str], kind: str = "", target: str = "") -> nodes.Element:
        """A link to a generated page (or a URL); the text alone where there is none."""
        content = nodes.inline(text, text)
        node: nodes.Element = content
        if page is not None:
            found = self.domain.reference(self.builder, self.docname, page, content, text, kind, target)
            node = found if found is not None else content
        node["classes"].extend(classes)
        return node

    def post_link(self, post: PostLink) -> nodes.Element:
        text = nodes.inline(post.title, post.title)
        reference = self.domain.reference(self.builder, self.docname, post.page, text, post.title)
        return reference if reference is not None else text


def separated(parts: Sequence[nodes.Element], separator: str) -> list[nodes.Element]:
    """``parts`` with a ``blog-sep`` inline of ``separator`` between each two."""
    found: list[nodes.Element] = []
    for part in parts:
        if found:
            found.append(nodes.inline(separator, separator, classes=["blog-sep"]))
        found.append(part)
    return found


def release_decorations(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                        doctree: nodes.document | None) -> None:
    """html-page-context, last: the post's page is rendered; its decorations leave the tree.

    Sphinx keeps the doctrees it read in memory until it writes them, so to Python's
    garbage collector they are old objects, and so becomes whatever is added to them
    while they are written: the decorations of every post (hundreds of objects each)
    then pile up in the oldest generation and make it collect again and again, each time
    over the whole heap.  Detached once the page is rendered, they die young.
    """
    if doctree is None or pagename not in blog_domain(app.env).posts:
        return
    for section in _post_sections(doctree, True):
        section.children = [node for node in section.children if not _is_decoration(node)]


def _is_decoration(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Element) and any(cls in DECORATION_CLASSES for cls in node["classes"])


def setup_decorations(app: Sphinx) -> None:
    app.connect("doctree-resolved", decorate)
    app.connect("html-page-context", release_decorations, priority=999)
