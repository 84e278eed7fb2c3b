"""Site paths (``/blog/x/#y``) -> documents and anchors, for one build.

A site path names a page as the old site's URL did: a document, a post by its
``slug`` or ``redirect_from`` path, a generated page, or a folder of
:confval:`blog_link_map`; its fragment is a heading slug, an id or a label
(:mod:`.anchors`).  Used by the link resolver, the breadcrumb and the redirects.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from sphinx.domains.std import StandardDomain
from sphinx.util.nodes import clean_astext

from .config import base_url
from .domain import blog_domain, writes_generated_pages
from .frontmatter import Post

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment


@dataclass(frozen=True)
class Target:
    """Where a site path leads: a page, and the id to land on ('' for the top)."""

    page: str
    anchor: str = ""
    anchor_found: bool = True


def is_site_path(target: str) -> bool:
    return target.startswith("/") and not target.startswith("//")


class SiteResolver:
    """Resolves site paths against one build's documents and posts."""

    def __init__(self, env: BuildEnvironment, builder: Builder) -> None:
        self.env = env
        self.builder = builder
        self.config = env.config
        self.domain = blog_domain(env)
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
        site = clean_path(path)
        if site is None:
            return None
        source = self.map_path(site)
        if not source:
            return str(self.config.root_doc)
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
        catalog = self.domain.catalog
        # find_post takes a bare slug only below a blog's root (/blog/slug)
        found = (catalog.find_post("/" + path) for path in dict.fromkeys((site, source)))
        return next((post for post in found if post is not None), None)

    def generated_page(self, source: str) -> str | None:
        if not self.generated_pages:
            return None
        catalog = self.domain.catalog
        if source in catalog.blogs:
            return catalog.blogs[source].index_page
        return source if catalog.is_generated(source) else None

    def anchor(self, page: str, fragment: str) -> str | None:
        """The id of the heading slug, id or MyST label ``fragment`` in ``page``."""
        table = self.domain.anchors.get(page, {})
        for key in (fragment, fragment.lower()):
            if key in table:
                return table[key]
        std = self.env.get_domain("std")
        assert isinstance(std, StandardDomain)
        name = " ".join(fragment.lower().split())
        for labels in (std.labels, std.anonlabels):
            if name in labels and labels[name][0] == page:
                return str(labels[name][1])
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

    def title(self, page: str) -> str:
        """A page's title: a document's own, a generated page's as that page shows it."""
        if page in self.env.titles:
            return clean_astext(self.env.titles[page])
        generated = self.domain.catalog.generated.get(page)
        if generated is not None:
            return self.domain.views.page_title(*generated)
        return page.removesuffix("/index").rsplit("/", 1)[-1].replace("-", " ").capitalize()


def site_resolver(env: BuildEnvironment, builder: Builder) -> SiteResolver:
    """The build's resolver, made once: what it is made of (settings, the builder) stays."""
    state = blog_domain(env).state
    if state.site_resolver is None or state.site_resolver.builder is not builder:
        state.site_resolver = SiteResolver(env, builder)
    return state.site_resolver


def current_builder(env: BuildEnvironment) -> Builder:
    """The builder of this build (Sphinx 9 keeps the app as ``env._app``, 8 as ``env.app``)."""
    app = getattr(env, "_app", None) or env.app
    return app.builder  # type: ignore[no-any-return]


def clean_path(path: str) -> str | None:
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
