"""Site-absolute links: ``/blog/slug``, ``/handbook/x#heading`` and copied site URLs.

Posts written for Gatsby-style sites link to *site paths*.  MyST cannot find a
file there, so it leaves an unresolved ``myst`` ``pending_xref`` that its own
resolver (post-transform priority 9) would report as ``myst.xref_missing``.
:class:`SiteLinkResolver` runs before it (priority 5) and turns every such
link, and every ``blog_baseurl`` URL, into an ordinary internal reference made
with ``make_refnode``, so the href is right for each builder.

Anchors are the heading slugs GitHub and Gatsby make; :class:`LinkDataCollector`
maps them to the sections' real ids per document while reading, in the
environment (``env.blog_anchors``), so parallel reads merge by docname.  It also
keeps the site paths each document links to, so an incremental build writes a
page again when a link of it now leads elsewhere (:func:`pages_with_changed_links`).

Also here: the breadcrumb of a post (a link to its blog's root page) and the
small redirect pages written at a post's ``slug`` and ``redirect_from`` paths.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Set
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote, urlsplit

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.domains.std import StandardDomain
from sphinx.environment.collectors import EnvironmentCollector
from sphinx.errors import NoUri
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.nodes import clean_astext, make_refnode
from sphinx.util.osutil import relative_uri

from .config import base_url
from .domain import NO_SEARCH, blog_domain, writes_generated_pages
from .frontmatter import Post

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

# github-slugger (Gatsby's autolink headers): drop all but letters, digits, "_", "-", " "
_SLUG_DROP = re.compile(r"[^\w\- ]")
_RAW_ID = re.compile(r"""\b(?:id|name)\s*=\s*["']([^"'\s]+)["']""")


def warn(message: str, location: Any) -> None:
    logger.warning(message, type="blog", subtype="link", location=location)


# -- heading anchors, collected while reading ----------------------------------------


def github_slug(text: str) -> str:
    """The anchor GitHub/Gatsby give a heading: ``Stage 1: Beginning`` -> ``stage-1-beginning``."""
    return _SLUG_DROP.sub("", text.lower()).replace(" ", "-")


def site_anchors(env: BuildEnvironment) -> dict[str, dict[str, str]]:
    """docname -> {anchor as written in a link: the id in the output}."""
    anchors: dict[str, dict[str, str]] = env.__dict__.setdefault("blog_anchors", {})
    return anchors


def anchor_table(doctree: nodes.document) -> dict[str, str]:
    """Heading slugs first (deduplicated the GitHub way), then every real id as itself,
    then the ids written in raw HTML (``<a id="...">``); from one walk of the tree."""
    sections: list[nodes.Element] = []
    ids: list[str] = []
    raw_ids: list[str] = []
    for element in doctree.findall(nodes.Element):
        ids.extend(element.get("ids", ()))
        if isinstance(element, nodes.section):
            sections.append(element)
        elif isinstance(element, nodes.raw) and "html" in element.get("format", "").split():
            raw_ids.extend(_RAW_ID.findall(element.astext()))
    table: dict[str, str] = {}
    for section in sections:
        # a post's H1 comes from its frontmatter: on the old site it took no slug
        if not section["ids"] or "blog-post" in section["classes"]:
            continue
        if not section.children or not isinstance(section[0], nodes.title):
            continue
        base = github_slug(clean_astext(section[0]))
        slug, number = base, 1
        while slug in table:
            slug, number = f"{base}-{number}", number + 1
        table[slug] = section["ids"][0]
    for ident in (*ids, *raw_ids):
        table.setdefault(ident, ident)
    return table


def site_links(env: BuildEnvironment) -> dict[str, list[tuple[str, bool]]]:
    """docname -> [(site path it links to, whether the link shows the target's title)]."""
    links: dict[str, list[tuple[str, bool]]] = env.__dict__.setdefault("blog_site_links", {})
    return links


def links_in(doctree: nodes.document, docname: str, resolver: SiteResolver) -> list[tuple[str, bool]]:
    """The site paths a document links to (site paths, relative paths, copied site URLs)."""
    found: set[tuple[str, bool]] = set()
    for xref in doctree.findall(pending_xref):
        target = xref.get("reftarget", "")
        if xref.get("reftype") != "myst" or xref.get("refdomain"):
            continue
        if target.startswith(("./", "../")):
            path, sep, fragment = target.partition("#")
            target = posixpath.normpath(posixpath.join("/", posixpath.dirname(docname), path)) + sep + fragment
        if is_site_path(target):
            found.add((target, not xref.get("refexplicit") or not xref.astext()))
    if resolver.base is not None:
        for reference in doctree.findall(nodes.reference):
            site_path = resolver.site_path_of_url(reference.get("refuri", ""))
            if site_path and not reference.get("internal"):
                found.add((site_path, False))
    return sorted(found)


class LinkDataCollector(EnvironmentCollector):
    """What each document gives to links and takes from them, kept per document in the
    environment so ``-j N`` reads merge cleanly: its anchors (``env.blog_anchors``)
    and the site paths it links to (``env.blog_site_links``)."""

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        site_anchors(env).pop(docname, None)
        site_links(env).pop(docname, None)

    def merge_other(
        self, app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment
    ) -> None:
        for store in (site_anchors, site_links):
            mine, theirs = store(env), store(other)
            for docname in docnames:
                if docname in theirs:
                    mine[docname] = theirs[docname]  # type: ignore[assignment]

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        docname = app.env.docname
        site_anchors(app.env)[docname] = anchor_table(doctree)
        links = links_in(doctree, docname, SiteResolver(app.env, app.builder))
        if links:
            site_links(app.env)[docname] = links

    def get_outdated_docs(
        self, app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
    ) -> list[str]:
        # an environment pickled before this collector existed: read those documents again
        anchors = site_anchors(env)
        return [docname for docname in env.all_docs if docname not in anchors and docname not in changed]


def pages_with_changed_links(app: Sphinx, env: BuildEnvironment) -> set[str]:
    """Documents whose site links now lead elsewhere than when they were written: to
    another anchor (the target's headings changed), a new or removed page, another
    title.  What each link led to is kept between builds."""
    resolver = SiteResolver(env, app.builder)
    seen: dict[tuple[str, bool], Any] = {}

    def leads_to(link: tuple[str, bool]) -> Any:
        if link not in seen:
            target = resolver.resolve(link[0])
            seen[link] = target and (target.page, target.anchor, target.anchor_found,
                                     resolver.title(target.page) if link[1] else "")
        return seen[link]

    before: dict[str, list[Any]] = env.__dict__.get("blog_link_targets", {})
    now = {docname: [leads_to(link) for link in links] for docname, links in site_links(env).items()}
    env.blog_link_targets = now  # type: ignore[attr-defined]
    return {docname for docname, targets in now.items() if before.get(docname, targets) != targets}


class HeadingSlugLinks(SphinxTransform):
    """``[text](#slug)`` within a page, with GitHub's slug of one of its headings.

    MyST's ResolveAnchorIds (priority 879) knows only its own slugs and names, so
    this runs just before it and points such links at the section's real id.
    """

    default_priority = 870

    def apply(self, **kwargs: Any) -> None:
        links = [ref for ref in self.document.findall(nodes.reference) if ref.get("id_link")]
        if not links:
            return
        table = anchor_table(self.document)
        myst_slugs = getattr(self.document, "myst_slugs", {})
        for ref in links:
            name = ref["refuri"][1:]
            if name in self.document.nameids or name in self.document.ids or name in myst_slugs:
                continue  # MyST resolves these itself
            if name in table:
                del ref["refuri"], ref["id_link"]
                ref["refid"] = table[name]
                ref["internal"] = True


# -- site paths -> documents and anchors -----------------------------------------------


@dataclass(frozen=True)
class Target:
    """Where a site path leads: a page, and the id to land on ('' for the top)."""

    page: str
    anchor: str = ""
    anchor_found: bool = True


def is_site_path(target: str) -> bool:
    return target.startswith("/") and not target.startswith("//")


class SiteResolver:
    """Resolves site paths (``/blog/x/#y``) against one build's documents and posts."""

    def __init__(self, env: BuildEnvironment, builder: Builder) -> None:
        self.env = env
        self.builder = builder
        self.config = env.config
        self.generated_pages = writes_generated_pages(builder)
        self.link_map = sorted(
            ((_site_prefix(site), _folder(folder)) for site, folder in self.config.blog_link_map.items()),
            key=lambda item: -len(item[0]),
        )
        self.public_url = base_url(self.config)
        self.base = _base(self.public_url)

    def resolve(self, target: str) -> Target | None:
        """The page and anchor of ``/path#fragment``; None when no page is there."""
        path, _, fragment = target.partition("#")
        page = self.page(path.partition("?")[0])
        if page is None:
            return None
        if not fragment:
            return Target(page)
        anchor = self.anchor(page, unquote(fragment))
        return Target(page, anchor or fragment, anchor is not None)

    def page(self, path: str) -> str | None:
        """The document (or generated page) at a site path."""
        site = _clean_path(path)
        if site is None:
            return None
        source = self.map_path(site)
        if not source:
            return self.config.root_doc
        docs = self.env.all_docs
        for candidate in (source, f"{source}/index"):
            if candidate in docs:
                return candidate
        post = self.post(site, source)
        if post is not None:
            return post.docname
        return self.generated_page(source)

    def map_path(self, site: str) -> str:
        """``blog_link_map``: a site path prefix served from another source folder."""
        for prefix, folder in self.link_map:
            if f"/{site}/".startswith(prefix):
                return (folder + site[len(prefix) - 1 :]).strip("/")
        return site

    def post(self, site: str, source: str) -> Post | None:
        """A post by its ``slug`` or ``redirect_from``/``aliases`` path."""
        catalog = blog_domain(self.env).catalog
        # find_post takes a bare slug only below a blog's root (/blog/slug)
        found = (catalog.find_post("/" + path) for path in dict.fromkeys((site, source)))
        return next((post for post in found if post is not None), None)

    def generated_page(self, source: str) -> str | None:
        if not self.generated_pages:
            return None
        catalog = blog_domain(self.env).catalog
        if source in catalog.blogs:
            return catalog.blogs[source].index_page
        return source if catalog.is_generated(source) else None

    def anchor(self, page: str, fragment: str) -> str | None:
        """The id of the heading slug, id or MyST label ``fragment`` in ``page``."""
        table = site_anchors(self.env).get(page, {})
        for key in (fragment, fragment.lower()):
            if key in table:
                return table[key]
        std = self.env.get_domain("std")
        assert isinstance(std, StandardDomain)
        name = " ".join(fragment.lower().split())
        for labels in (std.labels, std.anonlabels):
            if name in labels and labels[name][0] == page:
                return labels[name][1]
        return None

    def site_path_of_url(self, uri: str) -> str | None:
        """``https://example.com/handbook/x#y`` -> ``/handbook/x#y`` when the host is ours."""
        if self.base is None or not uri.startswith(("http://", "https://")):
            return None
        host, root = self.base
        parts = urlsplit(uri)
        if _host(parts.netloc) != host or not (parts.path + "/").startswith(root):
            return None
        path = "/" + parts.path[len(root) :].lstrip("/")
        return path + (f"#{parts.fragment}" if parts.fragment else "")

    def url_of(self, site_path: str) -> str:
        """Where an unresolved site path points: the public site when it is known."""
        if not self.public_url:
            return site_path
        return self.public_url.rstrip("/") + site_path

    def title(self, page: str, default: str = "") -> str:
        """A document's title; generated pages have none in the environment."""
        if page in self.env.titles:
            return clean_astext(self.env.titles[page])
        return default or page.removesuffix("/index").rsplit("/", 1)[-1].replace("-", " ").capitalize()


def current_builder(env: Any) -> Any:
    """The builder of this build (Sphinx 9 keeps the app as ``env._app``, 8 as ``env.app``)."""
    app = getattr(env, "_app", None) or env.app
    return app.builder


def _clean_path(path: str) -> str | None:
    """``/blog/x/`` -> ``blog/x``; None for paths that climb out of the site."""
    segments = [s for s in unquote(path).split("/") if s not in ("", ".")]
    if ".." in segments:
        return None
    return "/".join(segments)


def _site_prefix(prefix: str) -> str:
    return "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"


def _folder(folder: str) -> str:
    return folder.strip("/") + "/" if folder.strip("/") else ""


def _host(netloc: str) -> str:
    host = netloc.lower().rsplit("@", 1)[-1]
    return host.removeprefix("www.")


def _base(baseurl: str) -> tuple[str, str] | None:
    """(host, path prefix ending in '/') of the site's public URL."""
    if not baseurl:
        return None
    parts = urlsplit(baseurl)
    return _host(parts.netloc), _site_prefix(parts.path)


# -- the post-transform ------------------------------------------------------------------


class SiteLinkResolver(SphinxPostTransform):
    """Site paths and copied site URLs -> internal references; the post breadcrumb.

    Priority 5: before MyST's resolver (9), which would warn ``myst.xref_missing``.
    MyST emits no ``missing-reference`` event for ``myst`` links, so a handler
    of that event would never see them.
    """

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        builder = current_builder(self.env)
        resolver = SiteResolver(self.env, builder)
        for xref in list(self.document.findall(pending_xref)):
            if xref.get("reftype") != "myst" or xref.get("refdomain"):
                continue
            target = xref.get("reftarget", "")
            if is_site_path(target):
                self.resolve_xref(resolver, xref)
            elif target.startswith(("./", "../")):
                self.resolve_relative(resolver, xref)
        if resolver.base is not None:
            for reference in list(self.document.findall(nodes.reference)):
                if not reference.get("internal") and "refuri" in reference:
                    self.resolve_url(resolver, reference)
        self.add_breadcrumb(resolver)

    def resolve_xref(self, resolver: SiteResolver, xref: pending_xref) -> None:
        site_path = xref["reftarget"]
        first = xref.children[0] if xref.children else None
        contnode = first.deepcopy() if isinstance(first, nodes.Element) else nodes.inline()
        target = resolver.resolve(site_path)
        new: nodes.Element
        if target is None:
            warn(f"site link {site_path!r} matches no document", xref)
            if not contnode.astext():
                contnode = nodes.literal(site_path, site_path)
            # still a link: to the page on the public site, or to the bare path
            new = nodes.reference("", "", contnode, refuri=resolver.url_of(site_path))
        else:
            if not xref.get("refexplicit") or not contnode.astext():
                title = resolver.title(target.page)
                contnode = nodes.inline(title, title, classes=contnode["classes"])
            new = self.refnode(resolver, target, contnode, xref, site_path)
        if "reftitle" in xref and isinstance(new, nodes.reference):
            new["reftitle"] = xref["reftitle"]
        xref.replace_self(new)

    def resolve_relative(self, resolver: SiteResolver, xref: pending_xref) -> None:
        """``../handbook/x#y`` from ``blog/post``: MyST finds the page, not the anchor.

        Only links that resolve are taken; MyST reports the others as before.
        """
        folder = posixpath.dirname(xref.get("refdoc") or self.env.docname)
        path, sep, fragment = xref["reftarget"].partition("#")
        site = posixpath.normpath(posixpath.join("/", folder, path))
        if resolver.resolve(site) is not None:
            xref["reftarget"] = site + sep + fragment
            self.resolve_xref(resolver, xref)

    def resolve_url(self, resolver: SiteResolver, reference: nodes.reference) -> None:
        site_path = resolver.site_path_of_url(reference["refuri"])
        target = resolver.resolve(site_path) if site_path else None
        if target is None:  # a page this site does not have: leave the URL alone
            return
        contnode = nodes.inline("", "", *(child.deepcopy() for child in reference.children))
        new = self.refnode(resolver, target, contnode, reference, reference["refuri"])
        if isinstance(new, nodes.reference):
            for key in ("reftitle", "classes"):
                if reference.get(key):
                    new[key] = reference[key]
        reference.replace_self(new)

    def refnode(
        self, resolver: SiteResolver, target: Target, contnode: nodes.Element, node: nodes.Element, link: str
    ) -> nodes.Element:
        if not target.anchor_found:
            warn(f"{link!r}: no heading or label {target.anchor!r} in {target.page!r}", node)
        fromdocname = node.get("refdoc") or self.env.docname
        try:
            return make_refnode(resolver.builder, fromdocname, target.page, target.anchor, contnode)
        except NoUri:  # e.g. a page this builder does not write
            return contnode

    def add_breadcrumb(self, resolver: SiteResolver) -> None:
        """A link to the post's blog root, at the top of the post, before the byline."""
        post = blog_domain(self.env).posts.get(self.env.docname)
        if post is None:
            return
        section = next(iter(self.document.findall(nodes.section)), None)
        if section is None or not section.children or not isinstance(section[0], nodes.title):
            return
        page = resolver.page(post.root)
        if page is None or page == post.docname:
            return
        title = resolver.title(page, post.root.rsplit("/", 1)[-1].replace("-", " ").capitalize())
        try:
            link = make_refnode(resolver.builder, self.env.docname, page, "", nodes.inline(title, title))
        except NoUri:
            return
        section.insert(1, nodes.paragraph("", "", link, classes=["blog-breadcrumb", NO_SEARCH]))


# -- redirect pages at the old URLs of posts ---------------------------------------------

REDIRECT_MARK = '<meta name="generator" content="sphinxext-blog redirect">'
REDIRECT_PAGE = """<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
{mark}
<title>Redirecting to {title}</title>
<link rel="canonical" href="{canonical}">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={target}">
</head>
<body>
<p>This page has moved to <a href="{target}">{title}</a>.</p>
</body>
</html>
"""


def alias_pages(post: Post, resolver: SiteResolver) -> list[str]:
    """Output page names of a post's ``slug`` and aliases: a bare name is under its blog."""
    pages = []
    for alias in (post.slug, *post.aliases):
        path = _clean_path(alias or "")
        if not path:
            continue
        if "/" not in path:
            path = f"{post.root}/{path}"
        page = resolver.map_path(path)
        if page != post.docname and page not in pages:
            pages.append(page)
    return pages


def write_redirects(app: Sphinx, exception: Exception | None) -> None:
    builder = app.builder
    if exception is not None or builder.name not in ("html", "dirhtml"):
        return
    resolver = SiteResolver(app.env, builder)
    catalog = blog_domain(app.env).catalog
    for post in sorted(blog_domain(app.env).posts.values(), key=lambda post: post.docname):
        for page in alias_pages(post, resolver):
            if page in app.env.all_docs or catalog.is_generated(page):
                continue  # never hide a real page
            outfile = Path(builder.get_outfilename(page))  # type: ignore[attr-defined]
            text = redirect_page(app, builder, page, post)
            if outfile.is_file():
                old = outfile.read_text(encoding="utf-8", errors="replace")
                if old == text or REDIRECT_MARK not in old:
                    continue  # unchanged, or a page that is not ours
            outfile.parent.mkdir(parents=True, exist_ok=True)
            outfile.write_text(text, encoding="utf-8")


def redirect_page(app: Sphinx, builder: Builder, page: str, post: Post) -> str:
    uri = builder.get_target_uri(post.docname)
    target = quote(relative_uri(builder.get_target_uri(page), uri) or "./", safe="/#:%.-_~")
    base = base_url(app.config)
    canonical = base + quote(uri, safe="/#:%.-_~") if base else target
    title = post.title or post.docname
    return REDIRECT_PAGE.format(
        mark=REDIRECT_MARK, title=html.escape(title), target=html.escape(target), canonical=html.escape(canonical)
    )


def setup_links(app: Sphinx) -> None:
    app.add_env_collector(LinkDataCollector)
    app.add_transform(HeadingSlugLinks)
    app.add_post_transform(SiteLinkResolver)
    app.connect("build-finished", write_redirects)
