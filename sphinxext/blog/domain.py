"""The ``blog`` domain: the per-document store of posts, its roles, and objects.inv.

Per-document data lives in ``self.data`` keyed by docname, so parallel reads
merge cleanly; everything derived from all posts (the catalog) is computed once
per build, in the main process, and dropped whenever a post changes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence, Set
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.domains import Domain, ObjType
from sphinx.roles import XRefRole
from sphinx.util import docname_join, logging
from sphinx.util.nodes import make_refnode

from .authors import Author
from .catalog import Catalog
from .frontmatter import Post

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


class BlogDomain(Domain):
    name = "blog"
    label = "Blog"
    object_types = {
        "post": ObjType("post", "post", "any"),
        "author": ObjType("author", "author", "any"),
        "tag": ObjType("tag", "tag", "any"),
        "category": ObjType("category", "category", "any"),
    }
    roles = {
        kind: XRefRole(innernodeclass=nodes.inline, warn_dangling=True)
        for kind in ("post", "author", "tag", "category")
    }
    initial_data: ClassVar[dict[str, Any]] = {"posts": {}, "authors": {}, "postlists": {}, "post_refs": {}}
    # bump when the shape of the stored data changes
    data_version = 1

    _catalog: Catalog | None = None
    registry_changed = False  # set in the main process when blog_authors changed
    documents_changed = True  # set in the main process: were documents added, changed or removed
    previous_catalog: Catalog | None = None  # the catalog before this build's reading

    # -- the store ---------------------------------------------------------------

    @property
    def posts(self) -> dict[str, Post]:
        return self.data.setdefault("posts", {})

    @property
    def authors(self) -> dict[str, Author]:
        """The registry of this build (set by the main process before reading)."""
        return self.data.setdefault("authors", {})

    @property
    def postlists(self) -> dict[str, list[dict[str, Any]]]:
        """docname -> the queries of its ``{postlist}`` directives."""
        return self.data.setdefault("postlists", {})

    @property
    def post_refs(self) -> dict[str, set[str]]:
        """docname -> targets of the post references it holds (shown with the post's title)."""
        return self.data.setdefault("post_refs", {})

    def note_postlist(self, docname: str, query: dict[str, Any]) -> None:
        self.postlists.setdefault(docname, []).append(query)

    def note_post_ref(self, docname: str, target: str) -> None:
        self.post_refs.setdefault(docname, set()).add(target)

    def note_post(self, post: Post) -> None:
        self.posts[post.docname] = post
        self.forget_catalog()

    def clear_doc(self, docname: str) -> None:
        self.postlists.pop(docname, None)
        self.post_refs.pop(docname, None)
        if self.posts.pop(docname, None) is not None:
            self.forget_catalog()

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key in ("posts", "postlists", "post_refs"):
            mine = self.data.setdefault(key, {})
            for docname, value in otherdata.get(key, {}).items():
                if docname in docnames:
                    mine[docname] = value
        self.forget_catalog()

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        # references whose text is a post's title: rewritten when that title changes
        for node in document.findall(pending_xref):
            if node.get("refdomain") == "blog" and node.get("reftype") == "post" and not node.get("refexplicit"):
                self.note_post_ref(docname, node["reftarget"])
            elif node.get("reftype") == "doc" and not node.get("refexplicit"):
                self.note_post_ref(docname, "/" + docname_join(docname, node["reftarget"]))

    def forget_catalog(self) -> None:
        self._catalog = None

    @property
    def catalog(self) -> Catalog:
        """Everything derived from all posts: lists, tags, archives; built once."""
        if self._catalog is None:
            self._catalog = Catalog(self.env.config, self.posts, self.authors, self.env.found_docs)
        return self._catalog

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
        page, anchor, title = found
        if not node.get("refexplicit"):
            contnode = nodes.inline(title, title, classes=contnode.get("classes", []))
        if page and not _is_url(page) and not self._page_exists(builder, page):
            # generated pages exist only for HTML builders: fall back to the author's link
            author = self.authors.get(target.strip()) if typ == "author" else None
            page = author.url if author else ""
        if not page:  # nowhere to link to: the text alone
            return nodes.inline("", "", contnode)  # type: ignore[return-value]
        if _is_url(page):
            reference = nodes.reference("", "", internal=False, refuri=page, reftitle=title)
            reference += contnode
            return reference
        return make_refnode(builder, fromdocname, page, anchor, contnode, title)

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
        for typ in ("post", "author", "tag", "category"):
            if (typ == "post" and names_doc) or self._lookup(typ, target, fromdocname) is None:
                continue
            reference = self.resolve_xref(env, fromdocname, builder, typ, target, node, contnode)
            if reference is not None:
                results.append((f"blog:{typ}", reference))
        return results

    def _lookup(self, typ: str, target: str, fromdocname: str) -> tuple[str, str, str] | None:
        """(page or URL, anchor, default text) of a role's target."""
        catalog = self.catalog
        if typ == "post":
            post = catalog.find_post(target, fromdocname)
            return (post.docname, "", post.title) if post else None
        if typ == "author":
            author = self.authors.get(target.strip())
            if author is None:
                return None
            page = catalog.author_page(author.handle, self.posts.get(fromdocname))
            return page or author.url, "", author.name
        if typ in ("tag", "category"):
            return catalog.term_page(typ, target.strip(), self.posts.get(fromdocname))
        return None

    def _page_exists(self, builder: Builder, pagename: str) -> bool:
        if pagename in self.env.all_docs:
            return True
        return self.catalog.is_generated(pagename) and writes_generated_pages(builder)

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        catalog = self.catalog
        for post in sorted(self.posts.values(), key=lambda post: post.docname):
            yield post.docname, post.title, "post", post.docname, "", 1
        yield from catalog.inventory_objects()


# Sphinx's search index skips elements with this class (Sphinx 8.1+): a page that
# lists other posts should not be found by their titles and excerpts, nor every post
# by the words of its navigation
NO_SEARCH = "no-search"


def writes_generated_pages(builder: Builder) -> bool:
    """Listing pages are written by the multi-page HTML builders (html, dirhtml, epub),
    which collect extra pages; a one-page build has nowhere to put them."""
    return builder.format == "html" and builder.name != "singlehtml"


def _is_url(text: str) -> bool:
    return text.startswith(("http://", "https://", "//"))


def blog_role(kind: str) -> Any:
    """The domain's role under a short name (``{post}``), whatever the primary domain."""
    role = XRefRole(innernodeclass=nodes.inline, warn_dangling=True)

    def run(name: str, rawtext: str, text: str, lineno: int, inliner: Any,
            options: dict[str, Any] | None = None, content: Sequence[str] = ()) -> Any:
        return role(f"blog:{kind}", rawtext, text, lineno, inliner, options or {}, content)

    return run


def warn_missing_reference(app: Any, domain: Domain | None, node: pending_xref) -> bool | None:
    """One ``blog.ref`` warning per unknown target, instead of Sphinx's generic one."""
    if domain is None or domain.name != "blog":
        return None
    logger.warning("unknown %s %r", node["reftype"], node["reftarget"], type="blog", subtype="ref", location=node)
    return True


def setup_domain(app: Any) -> None:
    app.add_domain(BlogDomain)
    for kind in BlogDomain.roles:
        app.add_role(kind, blog_role(kind))
    app.connect("warn-missing-reference", warn_missing_reference)


def blog_domain(env: BuildEnvironment) -> BlogDomain:
    domain = env.get_domain("blog")
    assert isinstance(domain, BlogDomain)
    return domain
