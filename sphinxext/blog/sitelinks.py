"""Site-absolute links: ``/blog/slug``, ``/handbook/x#heading`` and copied site URLs.

Posts written for Gatsby-style sites link to *site paths*.  MyST cannot find a
file there, so it leaves an unresolved ``myst`` ``pending_xref`` that its own
resolver (post-transform priority 9) would report as ``myst.xref_missing``.
:class:`SiteLinkResolver` runs before it (priority 5) and turns every such
link, and every ``blog_baseurl`` URL, into an ordinary internal reference made
with ``make_refnode``, so the href is right for each builder.

While reading, the site paths each document links to are kept in the blog
domain, so an incremental build writes a page again when a link of it now leads
elsewhere (:func:`pages_with_changed_links`).
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.errors import NoUri
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

from .domain import blog_domain
from .sitepaths import SiteResolver, Target, current_builder, is_site_path, site_resolver

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


def warn(message: str, location: Any) -> None:
    logger.warning(message, type="blog", subtype="link", location=location)


# -- what each document links to, collected while reading ---------------------------------


def links_in(doctree: nodes.document, docname: str, resolver: SiteResolver) -> list[tuple[str, bool]]:
    """The site paths a document links to (site paths, relative paths, copied site URLs),
    each with whether the link shows the target's title."""
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


def collect_site_links(app: Sphinx, doctree: nodes.document) -> None:
    """doctree-read: the site paths of the document just read."""
    links = links_in(doctree, app.env.docname, site_resolver(app.env, app.builder))
    if links:
        blog_domain(app.env).site_links[app.env.docname] = links


def pages_with_changed_links(app: Sphinx, env: BuildEnvironment) -> set[str]:
    """Documents whose site links now lead elsewhere than when they were written: to
    another anchor (the target's headings changed), a new or removed page, another
    title.  What each link led to is kept between builds."""
    resolver = site_resolver(env, app.builder)
    seen: dict[tuple[str, bool], Any] = {}

    def leads_to(link: tuple[str, bool]) -> Any:
        if link not in seen:
            target = resolver.resolve(link[0])
            seen[link] = target and (target.page, target.anchor, target.anchor_found,
                                     resolver.title(target.page) if link[1] else "")
        return seen[link]

    domain = blog_domain(env)
    before: dict[str, list[Any]] = domain.data.setdefault("link_targets", {})
    now = {docname: [leads_to(link) for link in links] for docname, links in domain.site_links.items()}
    domain.data["link_targets"] = now
    return {docname for docname, targets in now.items() if before.get(docname, targets) != targets}


# -- the post-transform ------------------------------------------------------------------


class SiteLinkResolver(SphinxPostTransform):
    """Site paths and copied site URLs -> internal references.

    Priority 5: before MyST's resolver (9), which would warn ``myst.xref_missing``.
    MyST emits no ``missing-reference`` event for ``myst`` links, so a handler
    of that event would never see them.
    """

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        resolver = site_resolver(self.env, current_builder(self.env))
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
            found = make_refnode(resolver.builder, fromdocname, target.page, target.anchor, contnode)
        except NoUri:  # a page this builder does not write (LaTeX: a post not in the document)
            url = blog_domain(self.env).web_url(target.page, resolver.builder)  # '' without a base URL
            anchor = f"#{target.anchor}" if url and target.anchor else ""
            return nodes.reference("", "", contnode, refuri=url + anchor) if url else contnode
        if found.get("refuri", "").count("#") > 1:  # singlehtml: "#document-x#y" on one page is "#y"
            found["refuri"] = "#" + found["refuri"].rsplit("#", 1)[1]
        return found


def setup_sitelinks(app: Sphinx) -> None:
    app.connect("doctree-read", collect_site_links)
    app.add_post_transform(SiteLinkResolver)
