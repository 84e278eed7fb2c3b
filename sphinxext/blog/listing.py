"""Lists of posts inside documents, filled in at ``doctree-resolved``.

``{postlist}`` results, author cards, and on every post the previous/next links
and related posts.  Nodes are plain docutils nodes (cards use sphinx-design's
classes), so every builder can write them.  Queries run against the catalog,
which is built once per build.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections import Counter
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.nodes import make_refnode

from .authors import Author
from .catalog import Catalog, date_text
from .directives import authorcard, postlist
from .domain import NO_SEARCH, blog_domain, writes_generated_pages
from .frontmatter import Post

RELATED_COUNT = 3


def run_query(catalog: Catalog, query: dict[str, Any], docname: str) -> list[Post]:
    """The posts a ``{postlist}`` shows on ``docname``."""
    roots = [query["rootpage"]] if query.get("rootpage") else sorted(catalog.blogs)
    posts = [post for root in roots if root in catalog.blogs for post in catalog.blogs[root].posts]
    tags, categories, authors = set(query["tags"]), set(query["category"]), set(query["author"])
    start = dt.datetime.fromisoformat(query["date_from"]) if query.get("date_from") else None
    end = dt.datetime.fromisoformat(query["date_to"]) if query.get("date_to") else None

    def keep(post: Post) -> bool:
        return (
            (not tags or bool(tags.intersection(post.tags)))
            and (not categories or bool(categories.intersection(post.categories + post.crosspost)))
            and (not authors or bool(authors.intersection(post.authors)))
            and (not query.get("year") or (post.date is not None and post.date.year == query["year"]))
            and (start is None or (post.date is not None and post.date >= start))
            and (end is None or (post.date is not None and post.date <= end))
            and not (query.get("exclude_current") and post.docname == docname)
        )

    found = [post for post in posts if keep(post)]
    sort = query.get("sort", "-date")
    if sort.endswith("title"):
        found.sort(key=lambda post: post.title.casefold(), reverse=sort.startswith("-"))
    elif len(roots) > 1 or sort == "date":
        found.sort(key=lambda post: (post.date, post.docname), reverse=sort.startswith("-"))
    return found[: query["limit"]] if query.get("limit") else found


def related_posts(catalog: Catalog, post: Post, count: int = RELATED_COUNT) -> list[Post]:
    """Posts sharing the most tags with ``post``, newest first among equals; once per build."""
    key = (post.docname, count)
    if key not in catalog.related_cache:
        catalog.related_cache[key] = _rank_related(catalog, post, count)
    return catalog.related_cache[key]


def _rank_related(catalog: Catalog, post: Post, count: int) -> list[Post]:
    blog = catalog.blog_of(post)
    if blog is None:
        return []
    # positions, not posts: counting ints runs in C, and a smaller position is newer
    by_tag = blog.tag_positions()
    shared: Counter[int] = Counter()
    for tag in post.tags:
        shared.update(by_tag.get(tag, ()))
    shared.pop(blog.positions().get(post.docname, -1), None)
    best: list[int] = []
    for tags_in_common in range(max(shared.values(), default=0), 0, -1):
        candidates = [position for position, n in shared.items() if n == tags_in_common]
        best += heapq.nsmallest(count - len(best), candidates)
        if len(best) == count:
            break
    return [blog.posts[position] for position in best]


class Filler:
    """Replaces the placeholders of one resolved doctree."""

    def __init__(self, app: Sphinx, docname: str) -> None:
        self.app = app
        self.builder = app.builder
        self.config = app.config
        self.docname = docname
        self.domain = blog_domain(app.env)
        self.catalog = self.domain.catalog

    def link(self, post: Post, classes: tuple[str, ...] = ()) -> nodes.Element:
        text = nodes.inline(post.title, post.title)
        reference = make_refnode(self.builder, self.docname, post.docname, "", text, post.title)
        reference["classes"].extend(classes)
        return reference

    def date(self, post: Post) -> str:
        return date_text(post, self.config)

    def byline(self, post: Post) -> str:
        names = [(self.domain.authors.get(h) or Author(h, h)).name for h in post.authors]
        return " · ".join(part for part in (self.date(post), ", ".join(names)) if part)

    # -- {postlist} -------------------------------------------------------------------

    def postlist(self, node: postlist) -> nodes.Node:
        query = node["query"]
        posts = run_query(self.catalog, query, self.docname)
        if not posts:
            return nodes.paragraph("No posts yet.", "No posts yet.", classes=["blog-empty"])
        render = {"list": self._as_list, "excerpts": self._as_excerpts, "cards": self._as_cards}
        result = render[query["format"]](posts)
        result["classes"].extend([*node["classes"], NO_SEARCH])
        return result

    def _as_list(self, posts: list[Post]) -> nodes.Element:
        items = nodes.bullet_list(classes=["blog-postlist-list"])
        for post in posts:
            item = nodes.paragraph()
            item += self.link(post)
            if post.date is not None:
                shown = self.date(post)
                item += nodes.Text(" ")
                item += nodes.inline(shown, shown, classes=["blog-date"])
            items += nodes.list_item("", item)
        return items

    def _as_excerpts(self, posts: list[Post]) -> nodes.Element:
        box = nodes.container(classes=["blog-postlist-excerpts"])
        for post in posts:
            entry = nodes.container(classes=["blog-postlist-entry"])
            entry += nodes.paragraph("", "", self.link(post), classes=["blog-list-title"])
            meta = self.byline(post)
            entry += nodes.paragraph(meta, meta, classes=["blog-list-meta"])
            if post.excerpt:
                entry += nodes.paragraph(post.excerpt, post.excerpt, classes=["blog-excerpt"])
            box += entry
        return box

    def _as_cards(self, posts: list[Post]) -> nodes.Element:
        """A sphinx-design grid of cards: image, title, date and byline, excerpt."""
        grid = nodes.container(classes=["blog-postlist-cards", "sd-container-fluid", "sd-sphinx-override", "sd-mb-4"])
        row = nodes.container(classes=["sd-row", "sd-row-cols-1", "sd-row-cols-sm-2", "sd-row-cols-md-3", "sd-g-3"])
        grid += row
        for post in posts:
            card = nodes.container(classes=["sd-card", "sd-sphinx-override", "sd-w-100", "sd-shadow-sm", "blog-card"])
            if post.image:
                card += self._image(post)
            body = nodes.container(classes=["sd-card-body"])
            body += nodes.paragraph("", "", self.link(post), classes=["sd-card-title", "sd-font-weight-bold"])
            meta = self.byline(post)
            body += nodes.paragraph(meta, meta, classes=["sd-card-text", "blog-list-meta"])
            if post.excerpt:
                body += nodes.paragraph(post.excerpt, post.excerpt, classes=["sd-card-text", "blog-excerpt"])
            card += body
            row += nodes.container("", card, classes=["sd-col", "sd-d-flex-row"])
        return grid

    def _image(self, post: Post) -> nodes.image:
        uri = post.image or ""
        image = nodes.image(uri=uri, alt=post.image_alt or post.title, classes=["sd-card-img-top", "blog-thumbnail"])
        # the post's own page registered the file; point at that copy
        image["candidates"] = {"?" if post.is_image_url else "*": uri}
        return image

    # -- author cards -------------------------------------------------------------------

    def author_card(self, node: authorcard) -> nodes.Node:
        handle = node["handle"]
        author = self.domain.authors.get(handle)
        card = nodes.container(classes=["sd-card", "sd-sphinx-override", "sd-shadow-sm", *node["classes"]])
        body = nodes.container(classes=["sd-card-body", "blog-author-card-body"])
        body.extend(child for child in node.children if isinstance(child, nodes.image))
        name = author.name if author else handle
        title = nodes.paragraph(classes=["sd-card-title", "blog-author-name"])
        page = self.catalog.author_page(handle)
        text = nodes.inline(name, name)
        if page and self.catalog.is_generated(page) and writes_generated_pages(self.builder):
            title += make_refnode(self.builder, self.docname, page, "", text, name)
        elif author and author.url:
            title += nodes.reference("", "", text, refuri=author.url)
        else:
            title += text
        body += title
        if author and author.role:
            body += nodes.paragraph(author.role, author.role, classes=["sd-card-text", "blog-author-role"])
        if author and author.bio:
            body += nodes.paragraph(author.bio, author.bio, classes=["sd-card-text", "blog-author-bio"])
        card += body
        return card

    # -- previous / next and related posts on a post page -----------------------------

    def post_navigation(self, doctree: nodes.document, post: Post) -> None:
        blog = self.catalog.blog_of(post)
        section = next(iter(doctree.findall(nodes.section)), None)
        if blog is None or section is None:
            return
        newer, older = blog.neighbours(post)
        if newer or older:
            nav = nodes.container(classes=["blog-prevnext", NO_SEARCH])
            for other, label, css in ((newer, "Newer: ", "blog-newer"), (older, "Older: ", "blog-older")):
                if other is not None:
                    nav += nodes.paragraph("", label, self.link(other), classes=[css])
            section += nav
        related = related_posts(self.catalog, post)
        if related:
            box = nodes.container(classes=["blog-related", NO_SEARCH])
            box += nodes.rubric("Related posts", "Related posts")
            items = nodes.bullet_list()
            for other in related:
                items += nodes.list_item("", nodes.paragraph("", "", self.link(other)))
            box += items
            section += box


def fill_placeholders(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    filler = Filler(app, docname)
    for node in list(doctree.findall(postlist)):
        node.replace_self(filler.postlist(node))
    for card in list(doctree.findall(authorcard)):
        card.replace_self(filler.author_card(card))
    post = filler.domain.posts.get(docname)
    if post is not None and filler.catalog.is_listed(post):
        filler.post_navigation(doctree, post)


def setup_listing(app: Sphinx) -> None:
    app.connect("doctree-resolved", fill_placeholders)
