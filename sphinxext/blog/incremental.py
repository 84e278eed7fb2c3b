"""Incremental builds: rewrite exactly the pages whose output depends on changed posts.

Sphinx knows that a post changed, not that other pages show it.  Before reading,
the current catalog is kept (with the titles of the documents about to be read
again); after reading (``env-updated``, main process), old and new are compared
*through their views*, and the documents whose shown views differ are returned
to Sphinx to be written again:

* posts that were published or expired by the clock (their notice), and posts whose
  previous/next or related posts changed (:class:`.views.Navigation`),
* pages whose ``{postlist}`` result changed (links or entries, by format),
* pages whose references lead to a post that changed title, appeared or went,
* every page with blog sidebars or widget directives, when what the sidebars show changed,
  and pages whose ``{post-info}`` shows a changed post,
* pages whose site links now lead to another anchor, page or title,
* the documents next to a document whose title changed, in Sphinx's own order
  (their previous/next links show it).

Generated listing pages keep their own fingerprints (see :mod:`.pages`).
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.nodes import clean_astext

from .catalog import Catalog, is_hidden
from .domain import BlogDomain, blog_domain
from .images import variant_files
from .sitelinks import pages_with_changed_links
from .views import Views


def remember_catalog(app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str],
                     removed: Set[str]) -> list[str]:
    """env-get-outdated: the catalog as it was (by the previous build's clock, so posts
    whose day has come since count as changed), and the titles of removed documents."""
    domain = blog_domain(env)
    domain.state.documents_changed = bool(added or changed or removed)
    domain.state.previous = domain.previous_catalog() if domain.posts else None
    domain.state.previous_titles = _titles(env, removed)
    domain.state.outputs_that_may_go = _outputs_that_may_go(app, env, domain, removed, changed)
    return []


def _outputs_that_may_go(app: Sphinx, env: BuildEnvironment, domain: BlogDomain, removed: Set[str],
                         changed: Set[str]) -> list[str]:
    """Output files a fresh build may not have: the pages of removed posts, and the images
    only posts that are removed or read again show (a hero replaced, a post no longer one).

    Sphinx leaves them in the output folder; :func:`remove_gone_outputs`
    deletes those that no document shows after reading."""
    get_outfilename = getattr(app.builder, "get_outfilename", None)
    gone = removed & domain.posts.keys()
    posts = (removed | changed) & domain.posts.keys()
    if get_outfilename is None or not posts:
        return []
    found = [str(get_outfilename(docname)) for docname in sorted(gone)]
    imagedir = Path(app.outdir, getattr(app.builder, "imagedir", "_images"))
    found += [str(imagedir / name) for docnames, name in env.images.values() if docnames and docnames <= posts]
    return found


def remove_gone_outputs(app: Sphinx, exception: BaseException | None) -> None:
    """build-finished: delete what :func:`_outputs_that_may_go` found, unless written again."""
    state = blog_domain(app.env).state
    imagedir = Path(app.outdir, getattr(app.builder, "imagedir", "_images"))
    still_used = {str(imagedir / name) for _docnames, name in app.env.images.values()}
    for path in state.outputs_that_may_go:
        if exception is None and path not in still_used:
            Path(path).unlink(missing_ok=True)
            if Path(path).parent == imagedir:  # and its srcset copies
                for copy in variant_files(imagedir, Path(path).name):
                    copy.unlink(missing_ok=True)
    state.outputs_that_may_go = []


def remember_titles(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """env-before-read-docs: the titles of the documents about to be read again."""
    blog_domain(env).state.previous_titles.update(_titles(env, docnames))


def _titles(env: BuildEnvironment, docnames: Iterable[str]) -> dict[str, str]:
    return {name: clean_astext(env.titles[name]) for name in docnames if name in env.titles}


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    domain = blog_domain(env)
    state = domain.state
    # site links: a heading, page or title they lead to may have changed
    affected = pages_with_changed_links(app, env) if state.documents_changed else set()
    affected |= neighbours_of_retitled(env, state.previous_titles)
    old, state.previous, state.previous_titles = state.previous, None, {}
    domain.data["built_at"] = domain.catalog.now
    if old is not None:
        affected |= pages_showing_changed_posts(app, domain, domain.views_of(old), domain.views)
    return sorted(name for name in affected if name in env.all_docs)


def neighbours_of_retitled(env: BuildEnvironment, previous_titles: dict[str, str]) -> set[str]:
    """Documents whose previous, next or parent document changed title (Sphinx shows it)."""
    retitled = {name for name, title in previous_titles.items()
                if name not in env.titles or clean_astext(env.titles[name]) != title}
    if not retitled:
        return set()
    return {docname for docname, relations in env.collect_relations().items()
            if retitled.intersection(relations)}


def changed_posts(old: Catalog, new: Catalog) -> set[str]:
    """Posts read again, added or removed, and posts that were hidden (drafts, expired) in
    one build but not the other, by each catalog's clock: a future post whose day has come
    is published, and a post whose ``expires`` has passed unlisted, without being edited."""

    def hidden(catalog: Catalog, docname: str) -> bool:
        post = catalog.posts.get(docname)
        return post is not None and is_hidden(post, catalog.config, catalog.now)

    return {
        docname for docname in old.posts.keys() | new.posts.keys()
        if old.posts.get(docname) is not new.posts.get(docname) or hidden(old, docname) != hidden(new, docname)
    }


def posts_near(views: tuple[Views, Views], changed: set[str]) -> set[str]:
    """Posts whose neighbours or related posts may include a changed post: its
    neighbours and the posts sharing a tag with it, before or after the change."""
    near = set(changed)
    for catalog in (view.catalog for view in views):
        for docname in changed:
            post = catalog.posts.get(docname)
            blog = catalog.blog_of(post) if post is not None else None
            if post is None or blog is None:
                continue
            near.update(p.docname for p in blog.neighbours(post) if p is not None)
            for tag in post.tags:
                near.update(p.docname for p in blog.terms["tag"].get(tag, ()))
    return near


def pages_showing_changed_posts(app: Sphinx, domain: BlogDomain, old: Views, new: Views) -> set[str]:
    changed = changed_posts(old.catalog, new.catalog)
    if not changed:  # nothing any page shows of posts changed
        return set()
    # a changed post itself: its draft or expired notice may have come or gone
    affected = set(changed) | {docname for docname in posts_near((old, new), changed)
                               if _navigation(old, docname) != _navigation(new, docname)}
    for docname, queries in domain.postlists.items():
        if any(old.postlist(query, docname) != new.postlist(query, docname) for query in queries):
            affected.add(docname)
    affected |= pages_referring_to_changed_posts(domain, old, new)
    if old.sidebar_fingerprint != new.sidebar_fingerprint:
        affected.update(docs_with_blog_sidebars(app, domain))
        affected.update(domain.widgets)  # the widget directives show what sidebars show
    affected.update(docname for docname, widgets in domain.widgets.items()
                    if any(target and _shown_post(new, target, docname) in changed for _name, target in widgets))
    return affected


def _shown_post(views: Views, target: str, docname: str) -> str | None:
    post = views.catalog.find_post(target, docname)
    return post.docname if post is not None else None


def _navigation(views: Views, docname: str) -> Any:
    post = views.catalog.posts.get(docname)
    return views.navigation(post) if post is not None else None


def pages_referring_to_changed_posts(domain: BlogDomain, old: Views, new: Views) -> set[str]:
    """Pages whose post references show another title, or lead to a post that appeared or went."""

    def shown(views: Views, target: str, docname: str) -> Any:
        post = views.catalog.find_post(target, docname)
        return (post.docname, post.title) if post is not None else None

    return {
        docname for docname, targets in domain.post_refs.items()
        if any(shown(old, target, docname) != shown(new, target, docname) for target in targets)
    }


def docs_with_blog_sidebars(app: Sphinx, domain: BlogDomain) -> set[str]:
    """Documents whose sidebars include one of the blog's templates."""
    add_sidebars = getattr(app.builder, "add_sidebars", None)
    blog_sets = app.config.blog_sidebars
    found = set()
    for docname in domain.env.all_docs:
        post = domain.posts.get(docname)
        if post is not None and post.sidebar in blog_sets:
            templates = blog_sets[post.sidebar]
        elif add_sidebars is not None:
            context: dict[str, Any] = {}
            add_sidebars(docname, context)  # html_sidebars and the theme's defaults
            templates = context.get("sidebars") or []
        else:
            found.add(docname)  # cannot tell on this Sphinx: rewrite to be safe
            continue
        if any(str(template).startswith(("blog/", "ablog/")) for template in templates):
            found.add(docname)
    return found


def setup_incremental(app: Sphinx) -> None:
    app.connect("env-get-outdated", remember_catalog)
    app.connect("env-before-read-docs", remember_titles)
    app.connect("build-finished", remove_gone_outputs)
    app.connect("env-updated", pages_to_rewrite)
