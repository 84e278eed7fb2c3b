"""The ``blog`` domain: the per-document store of posts, the build's state, its roles, objects.inv.

Per-document data lives in ``self.data`` keyed by docname, so parallel reads
merge cleanly.  What is derived from all posts (the catalog and its views) and
the flags of the current build live in one typed :class:`BuildState`, made
again for every build in the main process and dropped whenever a post changes.
The authors registry is loaded here too, before any document is read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence, Set
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.domains import Domain, ObjType
from sphinx.errors import NoUri
from sphinx.roles import XRefRole
from sphinx.util import docname_join, logging
from sphinx.util.nodes import make_refnode

from .authors import Author, load_registry
from .catalog import Catalog
from .config import base_url, site_zone
from .dates import DateTexts, parse_month
from .frontmatter import Post
from .images import ImageVariants
from .terms import TermList
from .urls import absolute_url, is_url
from .views import Views

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from .sitepaths import SiteResolver

logger = logging.getLogger(__name__)
T = TypeVar("T")

# Sphinx's search index skips elements with this class (Sphinx 8.1+): a page that
# lists other posts should not be found by their titles and excerpts, nor every post
# by the words of its navigation
NO_SEARCH = "no-search"
#: what the extension adds around a post's own text, title aside (see :mod:`.decorations`)
DECORATION_CLASSES = ("blog-breadcrumb", "blog-byline", "blog-draft-notice", "blog-expired-notice", "blog-prevnext",
                      "blog-related")
#: per-document stores, cleared and merged by docname
PER_DOCUMENT = (
    "posts", "postlists", "post_refs", "anchors", "site_links", "ablog", "ablog_refs", "widgets", "unknown_components",
    "term_problems",
)


class Store(Generic[T]):
    """A store of the domain: ``self.data[<attribute name>]``, a dict made on first use."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.key = name

    def __get__(self, domain: BlogDomain, owner: type | None = None) -> T:
        return domain.data.setdefault(self.key, {})  # type: ignore[no-any-return]


@dataclass
class BuildState:
    """What one build derives and decides, in the main process; never pickled."""

    catalog: Catalog | None = None
    views: Views | None = None
    previous: Catalog | None = None  # the catalog before this build read its documents
    previous_titles: dict[str, str] = field(default_factory=dict)  # titles of documents read again
    read_now: set[str] = field(default_factory=set)  # documents this build reads
    #: source path of a featured image -> (its real path inside the source folder or None, its size)
    local_images: dict[str, tuple[str | None, tuple[int, int] | None]] = field(default_factory=dict)
    outputs_that_may_go: list[str] = field(default_factory=list)  # pages of removed posts, images of posts read again
    registry_changed: bool = False  # blog_authors or a tag or category list differs from the previous build's
    documents_changed: bool = True  # documents were added, changed or removed
    dates: DateTexts | None = None
    variants: ImageVariants | None = None  # srcset copies of images, made once per build
    rendered: dict[tuple[str, ...], str] = field(default_factory=dict)  # HTML rendered once per folder
    site_resolver: SiteResolver | None = None  # made once per build (see .sitepaths)


class BlogDomain(Domain):
    name = "blog"
    label = "Blog"
    object_types = {
        "post": ObjType("post", "post", "any"),
        "author": ObjType("author", "author", "any"),
        "tag": ObjType("tag", "tag", "any"),
        "category": ObjType("category", "category", "any"),
        "month": ObjType("month", "month", "any"),
    }
    roles = {
        kind: XRefRole(innernodeclass=nodes.inline, warn_dangling=True)
        for kind in ("post", "author", "tag", "category", "month")
    }
    initial_data: ClassVar[dict[str, Any]] = {
        **{key: {} for key in PER_DOCUMENT},
        "authors": {},  # the registry of the build (handle -> Author)
        "terms": {},  # the tag and category lists of the build (kind -> TermList or None), see .allowlists
        "link_targets": {},  # docname -> where its site links led when it was last written
        "built_at": None,  # the clock of the previous build (drafts whose day came)
    }
    # bump when the shape of the stored data changes
    data_version = 5

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        self.state = BuildState()

    # -- the store ---------------------------------------------------------------

    # the stores, each a dict in self.data (so Sphinx pickles it and merges it per document)
    #: docname -> the post's record
    posts: Store[dict[str, Post]] = Store()
    #: handle -> Author: the registry of this build (set by the main process before reading)
    authors: Store[dict[str, Author]] = Store()
    #: docname -> the queries of its ``{postlist}`` directives
    postlists: Store[dict[str, list[dict[str, Any]]]] = Store()
    #: docname -> targets of the post references it holds (shown with the post's title)
    post_refs: Store[dict[str, set[str]]] = Store()
    #: docname -> {anchor as written in a link: the id in the output} (see :mod:`.anchors`)
    anchors: Store[dict[str, dict[str, str]]] = Store()
    #: docname -> {unknown MDX component: (line of its first use, warning)} (see :mod:`.sources`)
    unknown_components: Store[dict[str, dict[str, tuple[int, str]]]] = Store()
    #: docname -> [(site path it links to, whether the link shows the target's title)]
    site_links: Store[dict[str, list[tuple[str, bool]]]] = Store()
    #: docname -> what an ABlog post says beyond its record (:class:`.ablog_options.AblogPost`)
    ablog: Store[dict[str, Any]] = Store()
    #: docname -> [(widget name, the post a ``{post-info}`` names, or '')] of its widget directives
    widgets: Store[dict[str, list[tuple[str, str]]]] = Store()
    #: docname -> the ABlog labels its references use (see :mod:`.ablog_links`)
    ablog_refs: Store[dict[str, set[str]]] = Store()
    #: docname -> [(kind, message, line)] of its tags, categories, authors on no list (see :mod:`.allowlists`)
    term_problems: Store[dict[str, list[tuple[str, str, int]]]] = Store()
    #: kind -> the tag or category list of this build, None without one (set by :mod:`.allowlists` before reading)
    terms: Store[dict[str, TermList | None]] = Store()

    def note_widget(self, docname: str, name: str, target: str) -> None:
        self.widgets.setdefault(docname, []).append((name, target))

    def note_postlist(self, docname: str, query: dict[str, Any]) -> None:
        self.postlists.setdefault(docname, []).append(query)

    def note_post(self, post: Post) -> None:
        self.posts[post.docname] = post
        self.forget_catalog()

    def clear_doc(self, docname: str) -> None:
        for key in PER_DOCUMENT:
            if self.data.setdefault(key, {}).pop(docname, None) is not None and key == "posts":
                self.forget_catalog()

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key in PER_DOCUMENT:
            mine = self.data.setdefault(key, {})
            for docname, value in otherdata.get(key, {}).items():
                if docname in docnames:
                    mine[docname] = value
        self.forget_catalog()

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        # references to posts show the post's title (as text or tooltip) and break when it
        # goes: the page is written again when its target's title changes or it appears or goes
        for node in document.findall(pending_xref):
            if node.get("refdomain") == "blog" and node.get("reftype") == "post":
                self.post_refs.setdefault(docname, set()).add(node["reftarget"])
            elif node.get("reftype") == "doc":
                self.post_refs.setdefault(docname, set()).add("/" + docname_join(docname, node["reftarget"]))

    # -- what is derived from all posts ----------------------------------------------

    def forget_catalog(self) -> None:
        self.state.catalog = self.state.views = None
        self.state.rendered.clear()

    @property
    def catalog(self) -> Catalog:
        """Everything derived from all posts: lists, tags, archives; built once."""
        if self.state.catalog is None:
            self.state.catalog = Catalog(self.env.config, self.posts, self.authors, self.env.found_docs,
                                         lists=self.terms)
        return self.state.catalog

    @property
    def views(self) -> Views:
        """What readers see of the catalog's posts, authors, terms and blogs; made once."""
        if self.state.views is None:
            self.state.views = self.views_of(self.catalog)
        return self.state.views

    def views_of(self, catalog: Catalog) -> Views:
        if self.state.dates is None:
            config = self.env.config
            self.state.dates = DateTexts(config.blog_date_format, config.language, site_zone(config))
        return Views(catalog, self.env.titles, self.state.dates)

    def previous_catalog(self) -> Catalog:
        """The catalog as the previous build saw it (its posts, by its clock)."""
        built_at: dt.datetime | None = self.data.get("built_at")
        return Catalog(self.env.config, self.posts, self.authors, self.env.found_docs, now=built_at,
                       lists=self.terms)

    def image_variants(self, builder: Builder) -> ImageVariants:
        """The ``srcset`` copies of the build's images (:mod:`.images`), in the builder's image folder."""
        imagedir = Path(builder.outdir, getattr(builder, "imagedir", "_images"))
        variants = self.state.variants
        if variants is None or variants.imagedir != imagedir:
            variants = self.state.variants = ImageVariants(
                self.env.srcdir, imagedir, self.env.config.blog_image_widths,
                lambda message, where: logger.warning(message, type="blog", subtype="image", location=where))
        return variants

    # -- references ----------------------------------------------------------------

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        found = self._lookup(typ, target, fromdocname)
        if found is None:
            return None
        page, title = found
        if not node.get("refexplicit"):
            contnode = nodes.inline(title, title, classes=contnode.get("classes", []))
        return self.reference(builder, fromdocname, page, contnode, title, typ, target)

    def reference(self, builder: Builder, fromdocname: str, page: str, contnode: nodes.Element, title: str,
                  typ: str = "", target: str = "") -> nodes.reference | None:
        """A reference to a page or URL; an inline of the text when the builder has no such page."""
        if page and not is_url(page) and not self.page_exists(builder, page):
            # generated pages exist only for HTML builders: the author's link, else the web page
            author = self.authors.get(target.strip()) if typ == "author" else None
            page = author.url if author and author.url else self.web_url(page, builder)
        if page and not is_url(page):
            try:
                return make_refnode(builder, fromdocname, page, "", contnode, title)
            except NoUri:  # a page outside this builder's output (LaTeX: a post not in the document)
                page = self.web_url(page, builder)
        if not page:  # nowhere to link to: the text alone
            return nodes.inline("", "", contnode)  # type: ignore[return-value]
        reference = nodes.reference("", "", internal=False, refuri=page, reftitle=title)
        reference += contnode
        return reference

    def web_url(self, page: str, builder: Builder) -> str:
        """A page's public URL on the HTML site at the base URL; '' without one.  Not for
        ``linkcheck``: it would check the live site for pages this build has not published."""
        config = self.env.config
        if builder.name == "linkcheck":
            return ""
        suffix = config.html_link_suffix if config.html_link_suffix is not None else config.html_file_suffix
        return absolute_url(page + (suffix or ".html"), base_url(config)) if base_url(config) else ""

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        results = []
        # a target that names a document is the document's, not also a post's
        names_doc = docname_join(fromdocname, target) in env.all_docs or target.strip("/") in env.all_docs
        for typ in self.roles:
            if (typ == "post" and names_doc) or self._lookup(typ, target, fromdocname) is None:
                continue
            reference = self.resolve_xref(env, fromdocname, builder, typ, target, node, contnode)
            if reference is not None:
                results.append((f"blog:{typ}", reference))
        return results

    def _lookup(self, typ: str, target: str, fromdocname: str) -> tuple[str, str] | None:
        """(page or URL, default text) of a role's target."""
        catalog, views = self.catalog, self.views
        if typ == "post":
            post = catalog.find_post(target, fromdocname)
            return (post.docname, post.title) if post else None
        if typ == "author":
            if target.strip() not in self.authors:
                return None
            author = views.author(target.strip(), self.posts.get(fromdocname))
            return author.page or author.link, author.name
        if typ in ("tag", "category"):
            found = catalog.term_page(typ, target.strip(), self.posts.get(fromdocname))
            return (found[0], found[2]) if found else None
        if typ == "month":  # 2024-05: its archive page, shown as "May 2024"
            key = parse_month(target)
            found = catalog.term_page(typ, key, self.posts.get(fromdocname)) if key else None
            return (found[0], views.shown_name(typ, key or "")) if found else None
        return None

    def page_exists(self, builder: Builder, pagename: str) -> bool:
        if pagename in self.env.all_docs:
            return True
        return self.catalog.is_generated(pagename) and writes_generated_pages(builder)

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for post in sorted(self.posts.values(), key=lambda post: post.docname):
            yield post.docname, post.title, "post", post.docname, "", 1
        views = self.views
        for kind, name, page in self.catalog.inventory_terms():
            yield name, views.shown_name(kind, name), kind, page, "", 1


def writes_generated_pages(builder: Builder) -> bool:
    """Listing pages are written by the multi-page HTML builders (html, dirhtml, epub),
    which collect extra pages; a one-page build has nowhere to put them."""
    return builder.format == "html" and builder.name != "singlehtml"


def blog_role(kind: str) -> Any:
    """The domain's role under a short name (``{post}``), whatever the primary domain."""
    role = XRefRole(innernodeclass=nodes.inline, warn_dangling=True)

    def run(name: str, rawtext: str, text: str, lineno: int, inliner: Any,
            options: dict[str, Any] | None = None, content: Sequence[str] = ()) -> Any:
        return role(f"blog:{kind}", rawtext, text, lineno, inliner, options or {}, content)

    return run


def warn_missing_reference(app: Sphinx, domain: Domain | None, node: pending_xref) -> bool | None:
    """One ``blog.ref`` warning per unknown target, instead of Sphinx's generic one."""
    if domain is None or domain.name != "blog":
        return None
    logger.warning("unknown %s %r", node["reftype"], node["reftarget"], type="blog", subtype="ref", location=node)
    return True


# -- the authors registry in the build ------------------------------------------------------


def load_authors(app: Sphinx) -> None:
    """Read the registry in the main process, before any document is read."""

    def warn(subtype: str, message: str, location: str) -> None:
        logger.warning(message, type="blog", subtype=subtype, location=location)

    registry = load_registry(app.config.blog_authors, Path(app.confdir), Path(app.srcdir), warn)
    domain = blog_domain(app.env)
    domain.state.registry_changed = domain.authors != registry
    domain.data["authors"] = registry
    domain.forget_catalog()


def outdated_by_authors(app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str],
                        removed: Set[str]) -> list[str]:
    """A changed registry changes every byline and author link: reread everything."""
    domain = blog_domain(env)
    if not domain.state.registry_changed or not env.all_docs:
        return []
    domain.state.registry_changed = False
    return sorted(env.all_docs)


def setup_domain(app: Sphinx) -> None:
    app.add_domain(BlogDomain)
    for kind in BlogDomain.roles:
        app.add_role(kind, blog_role(kind))
    app.connect("warn-missing-reference", warn_missing_reference)
    app.connect("builder-inited", load_authors)
    app.connect("env-get-outdated", outdated_by_authors)


def blog_domain(env: BuildEnvironment) -> BlogDomain:
    domain = env.get_domain("blog")
    assert isinstance(domain, BlogDomain)
    return domain
