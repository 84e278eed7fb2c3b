"""Lists of posts inside documents, filled in at ``doctree-resolved``.

``{postlist}`` results and author cards.  Nodes are plain docutils nodes (cards
use sphinx-design's classes), so every builder can write them.  What they show
comes from :mod:`.views`: a ``list`` shows post links (title, date), the other
formats show list entries, and those views' fingerprints are what an
incremental build compares.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from .boxes import box
from .directives import authorcard, postlist
from .domain import NO_SEARCH, blog_domain
from .i18n import _, same_language
from .images import CARD_SIZES, responsive
from .urls import is_url
from .views import PostEntry, PostLink


class Filler:
    """Replaces the placeholders of one resolved doctree."""

    def __init__(self, app: Sphinx, docname: str) -> None:
        self.builder = app.builder
        self.docname = docname
        self.domain = blog_domain(app.env)
        self.views = self.domain.views
        self.language = app.config.language

    def link(self, post: PostLink | PostEntry) -> nodes.Element:
        text = nodes.inline(post.title, post.title)
        reference = self.domain.reference(self.builder, self.docname, post.page, text, post.title)
        return reference if reference is not None else text

    def own_language(self, entry: PostEntry) -> list[str]:
        """The class giving a post's title and excerpt its language, when not the site's."""
        return [f"language-{entry.lang}"] if entry.lang and not same_language(entry.lang, self.language) else []

    def byline(self, entry: PostEntry) -> str:
        names = ", ".join(author.name for author in entry.authors)
        return " · ".join(part for part in (entry.date, names) if part)

    # -- {postlist} -------------------------------------------------------------------

    def postlist(self, node: postlist) -> nodes.Node:
        query = node["query"]
        shown = self.views.postlist(query, self.docname)
        if not shown:
            empty = _("No posts yet.")
            return nodes.paragraph(empty, empty, classes=["blog-empty"])
        if query["format"] == "list":
            result = self._as_list([view for view in shown if isinstance(view, PostLink)])
        else:
            entries = [view for view in shown if isinstance(view, PostEntry)]
            result = self._as_cards(entries) if query["format"] == "cards" else self._as_excerpts(entries)
        result["classes"].extend([*node["classes"], NO_SEARCH])
        return result

    def _as_list(self, posts: list[PostLink]) -> nodes.Element:
        items = nodes.bullet_list(classes=["blog-postlist-list"])
        for post in posts:
            item = nodes.paragraph()
            item += self.link(post)
            if post.date:
                item += nodes.Text(" ")
                item += nodes.inline(post.date, post.date, classes=["blog-date"])
            items += nodes.list_item("", item)
        return items

    def _as_excerpts(self, entries: list[PostEntry]) -> nodes.Element:
        found = box(classes=["blog-postlist-excerpts"])
        for entry in entries:
            item = box(classes=["blog-postlist-entry"])
            item += nodes.paragraph("", "", self.link(entry), classes=["blog-list-title", *self.own_language(entry)])
            meta = self.byline(entry)
            item += nodes.paragraph(meta, meta, classes=["blog-list-meta"])
            if entry.excerpt:
                item += nodes.paragraph(entry.excerpt, entry.excerpt,
                                        classes=["blog-excerpt", *self.own_language(entry)])
            found += item
        return found

    def _as_cards(self, entries: list[PostEntry]) -> nodes.Element:
        """A sphinx-design grid of cards: image, title, date and byline, excerpt.

        ``blog_box`` divs, not containers: themes restyle ``.container`` (see :mod:`.boxes`)."""
        row = box(classes=["sd-row", "sd-row-cols-1", "sd-row-cols-sm-2", "sd-row-cols-md-3", "sd-g-3"])
        for entry in entries:
            card = box(classes=["sd-card", "sd-sphinx-override", "sd-w-100", "sd-shadow-sm", "blog-card"])
            if entry.image:
                card += self._image(entry)
            body = box(classes=["sd-card-body", "blog-card-body"])
            body += nodes.paragraph("", "", self.link(entry),
                                    classes=["sd-card-title", "sd-font-weight-bold", *self.own_language(entry)])
            meta = self.byline(entry)
            body += nodes.paragraph(meta, meta, classes=["sd-card-text", "blog-list-meta"])
            if entry.excerpt:
                body += nodes.paragraph(entry.excerpt, entry.excerpt,
                                        classes=["sd-card-text", "blog-excerpt", *self.own_language(entry)])
            card += body
            row += box(card, classes=["sd-col", "sd-d-flex-row"])
        return box(row, classes=["blog-postlist-cards", "sd-container-fluid", "sd-sphinx-override", "sd-mb-4"])

    def _image(self, entry: PostEntry) -> nodes.image:
        uri = entry.image or ""
        image = nodes.image(uri=uri, alt=entry.image_alt, classes=["sd-card-img-top", "blog-thumbnail"])
        # the post's own page registered the file; point at that copy
        image["candidates"] = {"?" if is_url(uri) else "*": uri}
        size = (entry.image_width, entry.image_height) if entry.image_width else None
        return responsive(image, size, CARD_SIZES, lazy=True)

    # -- author cards -------------------------------------------------------------------

    def author_card(self, node: authorcard) -> nodes.Node:
        author = self.views.author(node["handle"])
        card = box(classes=["sd-card", "sd-sphinx-override", "sd-shadow-sm", *node["classes"]])
        body = box(classes=["sd-card-body", "blog-author-card-body"])
        body.extend(child for child in node.children if isinstance(child, nodes.image))
        title = nodes.paragraph(classes=["sd-card-title", "blog-author-name"])
        text = nodes.inline(author.name, author.name)
        if author.page and self.domain.page_exists(self.builder, author.page):
            title += self.domain.reference(self.builder, self.docname, author.page, text, author.name) or text
        elif author.link:
            title += nodes.reference("", "", text, refuri=author.link)
        else:
            title += text
        body += title
        if author.role:
            body += nodes.paragraph(author.role, author.role, classes=["sd-card-text", "blog-author-role"])
        if author.bio:
            body += nodes.paragraph(author.bio, author.bio, classes=["sd-card-text", "blog-author-bio"])
        card += body
        return card


def fill_placeholders(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    filler = Filler(app, docname)
    for node in list(doctree.findall(postlist)):
        node.replace_self(filler.postlist(node))
    for card in list(doctree.findall(authorcard)):
        card.replace_self(filler.author_card(card))


def setup_listing(app: Sphinx) -> None:
    app.connect("doctree-resolved", fill_placeholders)
