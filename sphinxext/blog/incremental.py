"""Incremental builds: rewrite exactly the pages whose output depends on changed posts.

Sphinx knows that a post changed, not that other pages show it.  Before reading,
the current catalog is kept; after reading (``env-updated``, main process), it
is compared with the new one, and the documents whose shown data differ are
returned to Sphinx to be written again:

* posts whose previous/next or related posts changed,
* pages whose ``{postlist}`` result changed,
* pages whose references show a changed post's title,
* every page with blog sidebars, when what the sidebars show changed,
* pages whose site links now lead to another anchor, page or title.

Generated listing pages keep their own fingerprints (see :mod:`.pages`).
"""

from __future__ import annotations

from collections.abc import Set
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .catalog import Catalog, is_draft, link_key, listing_key
from .domain import blog_domain
from .links import pages_with_changed_links
from .listing import related_posts, run_query


def remember_catalog(app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str],
                     removed: Set[str]) -> list[str]:
    domain = blog_domain(env)
    domain.documents_changed = bool(added or changed or removed)
    # as of the previous build's clock, so posts whose day has come since count as changed
    domain.previous_catalog = None
    if domain.posts:
        domain.previous_catalog = Catalog(env.config, domain.posts, domain.authors, env.found_docs,
                                          now=domain.data.get("built_at"))
    return []


def post_view(catalog: Catalog, docname: str) -> Any:
    """What a post page shows of other posts: its neighbours and related posts."""
    post = catalog.posts.get(docname)
    blog = catalog.blog_of(post) if post is not None else None
    if post is None or blog is None or not catalog.is_listed(post):
        return None
    newer, older = blog.neighbours(post)
    return (
        [link_key(p) if p else None for p in (newer, older)],
        [link_key(p) for p in related_posts(catalog, post)],
    )


def posts_near(catalogs: tuple[Catalog, Catalog], changed: set[str]) -> set[str]:
    """Posts whose neighbours or related posts may include a changed post: its
    neighbours and the posts sharing a tag with it, before or after the change."""
    near = set(changed)
    for catalog in catalogs:
        for docname in changed:
            post = catalog.posts.get(docname)
            blog = catalog.blog_of(post) if post is not None else None
            if post is None or blog is None:
                continue
            near.update(p.docname for p in blog.neighbours(post) if p is not None)
            for tag in post.tags:
                near.update(p.docname for p in blog.terms["tag"].get(tag, ()))
    return near


def changed_posts(old: Catalog, new: Catalog) -> set[str]:
    """Posts read again, added or removed, and posts that were drafts in one build but
    not the other: a future post whose day has come is published without being edited."""

    def drafted(catalog: Catalog, docname: str) -> bool:
        post = catalog.posts.get(docname)
        return post is not None and is_draft(post, catalog.config, catalog.now)

    return {
        docname for docname in old.posts.keys() | new.posts.keys()
        if old.posts.get(docname) is not new.posts.get(docname) or drafted(old, docname) != drafted(new, docname)
    }


def changed_titles(old: Catalog, new: Catalog) -> set[str]:
    names = set(old.posts) | set(new.posts)
    return {
        name for name in names
        if (old.posts.get(name) and old.posts[name].title) != (new.posts.get(name) and new.posts[name].title)
    }


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    domain = blog_domain(env)
    # site links: a heading, page or title they lead to may have changed
    affected = pages_with_changed_links(app, env) if domain.documents_changed else set()
    old = domain.previous_catalog
    domain.previous_catalog = None
    domain.data["built_at"] = domain.catalog.now
    if old is not None:
        affected |= pages_showing_changed_posts(app, env, old, domain.catalog)
    return sorted(name for name in affected if name in env.all_docs)


def pages_showing_changed_posts(app: Sphinx, env: BuildEnvironment, old: Catalog, new: Catalog) -> set[str]:
    domain = blog_domain(env)
    changed = changed_posts(old, new)
    if not changed:  # nothing any page shows of posts changed
        return set()
    affected: set[str] = set()
    for docname in posts_near((old, new), changed):
        if post_view(old, docname) != post_view(new, docname):
            affected.add(docname)
    for docname, queries in domain.postlists.items():
        for query in queries:
            shown = link_key if query["format"] == "list" else listing_key  # titles and dates only
            before = [shown(p) for p in run_query(old, query, docname)]
            if before != [shown(p) for p in run_query(new, query, docname)]:
                affected.add(docname)
    titles = changed_titles(old, new)
    if titles:
        for docname, targets in domain.post_refs.items():
            found = (new.find_post(target, docname) for target in targets)
            if any(post is not None and post.docname in titles for post in found):
                affected.add(docname)
    if old.digest() != new.digest():
        affected.update(docs_with_blog_sidebars(app, env))
    return affected


def docs_with_blog_sidebars(app: Sphinx, env: BuildEnvironment) -> set[str]:
    """Documents whose sidebars include one of the blog's templates."""
    add_sidebars = getattr(app.builder, "add_sidebars", None)
    posts = blog_domain(env).posts
    blog_sets = app.config.blog_sidebars
    found = set()
    for docname in env.all_docs:
        post = posts.get(docname)
        if post is not None and post.sidebar in blog_sets:
            templates = blog_sets[post.sidebar]
        elif add_sidebars is not None:
            context: dict[str, Any] = {}
            add_sidebars(docname, context)  # html_sidebars and the theme's defaults
            templates = context.get("sidebars") or []
        else:
            found.add(docname)  # cannot tell on this Sphinx: rewrite to be safe
            continue
        if any(str(template).startswith("blog/") for template in templates):
            found.add(docname)
    return found


def setup_incremental(app: Sphinx) -> None:
    app.connect("env-get-outdated", remember_catalog)
    app.connect("env-updated", pages_to_rewrite)
