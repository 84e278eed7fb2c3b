"""Redirect pages at the old URLs of posts: their ``slug`` and ``redirect_from`` paths
(and, asked for through the ``blog-redirects`` event, ABlog's old catalog pages).

Written at ``build-finished`` for ``html`` and ``dirhtml``, never over a real
page or a file the extension did not write.  The pages written are listed next
to the doctrees, so a redirect that is no longer wanted (its post was deleted or
lost the alias) is removed by the next build.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from markupsafe import Markup, escape
from sphinx.util.osutil import relative_uri

from .config import base_url
from .domain import blog_domain
from .frontmatter import Post
from .i18n import _, html_lang
from .pagelinks import WEB_BUILDERS
from .safety import inside_output
from .sitepaths import SiteResolver, clean_path

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

REDIRECTS = "blog-redirects-{}.json"  # next to the doctrees: the last build's redirect pages, per builder
REDIRECT_MARK = '<meta name="generator" content="sphinxext-blog redirect">'
REDIRECT_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
{mark}
<title>{heading}</title>
<link rel="canonical" href="{canonical}">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={target}">
</head>
<body>
<p>{moved}</p>
</body>
</html>
"""


def alias_pages(post: Post, resolver: SiteResolver) -> list[str]:
    """Output page names of a post's ``slug`` and aliases: a bare name is under its blog."""
    pages = []
    for alias in (post.slug, *post.aliases):
        path = clean_path(alias or "")
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
    if exception is not None or builder.name not in WEB_BUILDERS:
        return
    resolver = SiteResolver(app.env, builder)
    domain = blog_domain(app.env)
    wanted: dict[str, tuple[str, str]] = {}  # page -> (the page it leads to, that page's title)
    for post in sorted(domain.posts.values(), key=lambda post: post.docname):
        for page in alias_pages(post, resolver):
            wanted.setdefault(page, (post.docname, post.title or post.docname))
    # other parts of the extension may ask for more: ABlog's old URLs (see .ablog_links)
    for pages in app.emit("blog-redirects"):
        for page, target, title in pages:
            wanted.setdefault(page, (target, title))
    written: list[str] = []
    outfile_of = builder.get_outfilename  # type: ignore[attr-defined]
    for page, (target, title) in sorted(wanted.items()):
        # never hide a real page; in dirhtml, blog/index.html is both "blog" and "blog/index"
        if page in app.env.all_docs or domain.catalog.is_generated(page) or outfile_of(page) == outfile_of(target):
            continue
        outfile = inside_output(outfile_of(page), app.outdir)
        if outfile is not None and _write(outfile, redirect_page(app, builder, page, target, title)):
            written.append(page)
    _forget_old(app, builder, written)


def _write(outfile: Path, text: str) -> bool:
    """Write a redirect page unless a page that is not ours is there; True if it is ours."""
    if outfile.is_file():
        old = outfile.read_text(encoding="utf-8", errors="replace")
        if old == text:
            return True
        if REDIRECT_MARK not in old:
            return False
    outfile.parent.mkdir(parents=True, exist_ok=True)
    outfile.write_text(text, encoding="utf-8")
    return True


def _forget_old(app: Sphinx, builder: Builder, written: list[str]) -> None:
    """Remove the redirect pages of the previous build that this build did not write."""
    store = Path(app.doctreedir) / REDIRECTS.format(builder.name)
    try:
        previous = set(json.loads(store.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        previous = set()
    for page in sorted(previous - set(written)):
        outfile = Path(builder.get_outfilename(page))  # type: ignore[attr-defined]
        if outfile.is_file() and REDIRECT_MARK in outfile.read_text(encoding="utf-8", errors="replace"):
            outfile.unlink()
    store.write_text(json.dumps(sorted(written)), encoding="utf-8")


def redirect_page(app: Sphinx, builder: Builder, page: str, target_page: str, title: str) -> str:
    uri = builder.get_target_uri(target_page)
    target = quote(relative_uri(builder.get_target_uri(page), uri) or "./", safe="/#:%.-_~")
    base = base_url(app.config)
    canonical = base + quote(uri, safe="/#:%.-_~") if base else target
    link = Markup('<a href="{}">{}</a>').format(target, title)
    return str(Markup(REDIRECT_PAGE).format(
        mark=Markup(REDIRECT_MARK), lang=html_lang(app.config.language), target=target, canonical=canonical,
        # TRANSLATORS: a page at a post's old address, sending readers on to the post
        heading=_("Redirecting to %(title)s") % {"title": title},
        moved=Markup(escape(_("This page has moved to %(link)s."))) % {"link": link},
    ))


def setup_redirects(app: Sphinx) -> None:
    app.add_event("blog-redirects")  # () -> [(page, the page it leads to, its title)]
    app.connect("build-finished", write_redirects)
