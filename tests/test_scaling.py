"""Per-page work does not grow with the number of posts (a regression guard, no timings).

Sites of 10 and 40 posts from the benchmark's generator (``benchmarks/generate.py``)
are built with counters on the functions whose call counts would show work
that walks all posts once per page: the catalog is built a fixed number of times
per build, a page asks for a bounded number of post views, related posts are
computed a bounded number of times per post.  Then one post's body and the
newest post's title are edited: exactly the pages that show them are written
again, and no page keeps the old title.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.jinja2glue import BuiltinTemplateLoader

from sphinxext.blog import catalog, pages, sidebars

from conftest import build, parse_html

GENERATOR = Path(__file__).parents[1] / "benchmarks" / "generate.py"
SIZES = (10, 40)
# Sphinx writes these on every build, whatever changed
SPHINX_OWN_PAGES = {"genindex.html", "search.html"}
NEW_TITLE = "Renamed by the scaling test"
# catalogs per build: the current one, and on a rebuild the one from before reading
MAX_CATALOGS = 3
# post views a page may need beyond its recent posts and its list's page of posts
EXTRA_VIEWS = 2
# related-post computations per post: writing the post, and comparing old and new on a rebuild
RELATED_PER_POST = 3


def load_generator() -> Any:
    spec = importlib.util.spec_from_file_location("blog_bench_generate", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


generate = load_generator()


@dataclass
class Counts:
    catalogs: int = 0
    related: int = 0
    post_views: int = 0
    pages: int = 0
    sidebar_renders: int = 0  # blog.shared(): sidebar HTML rendered for a folder of pages
    views_per_page: dict[str, int] = field(default_factory=dict)
    _views_since_last_page: int = 0


def count_calls(monkeypatch: pytest.MonkeyPatch, counts: Counts) -> None:
    """Wrap the functions whose calls are counted; the build runs in this process."""
    original_init = catalog.Catalog.__init__

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        counts.catalogs += 1
        original_init(self, *args, **kwargs)

    monkeypatch.setattr(catalog.Catalog, "__init__", init)

    def wrap(function: Callable[..., Any], counter: str) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            setattr(counts, counter, getattr(counts, counter) + 1)
            if counter == "post_views":
                counts._views_since_last_page += 1
            return function(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(catalog.Catalog, "_rank_related", wrap(catalog.Catalog._rank_related, "related"))
    # a post view made into links for a page: modules that imported it by name hold their own reference
    view = wrap(sidebars.linked, "post_views")
    monkeypatch.setattr(sidebars, "linked", view)
    monkeypatch.setattr(pages, "linked", view)

    original_handle_page = StandaloneHTMLBuilder.handle_page

    def handle_page(self: Any, pagename: str, *args: Any, **kwargs: Any) -> Any:
        # a generated page's views are made just before it is handed over: count them too
        result = original_handle_page(self, pagename, *args, **kwargs)
        counts.pages += 1
        counts.views_per_page[pagename] = counts._views_since_last_page
        counts._views_since_last_page = 0
        return result

    monkeypatch.setattr(StandaloneHTMLBuilder, "handle_page", handle_page)

    original_render = BuiltinTemplateLoader.render

    def render(self: Any, template: str, context: dict[str, Any]) -> str:
        if template.startswith("blog/_"):
            counts.sidebar_renders += 1
        return original_render(self, template, context)

    monkeypatch.setattr(BuiltinTemplateLoader, "render", render)


def counted_build(srcdir: Path) -> tuple[Any, Counts]:
    counts = Counts()
    with pytest.MonkeyPatch.context() as monkeypatch:
        count_calls(monkeypatch, counts)
        # paginated archives: every list page then shows at most blog_posts_per_page posts
        app = build(srcdir, blog_paginate_archives=True)
    return app, counts


def html_pages(outdir: Path) -> dict[str, tuple[bytes, int]]:
    return {
        path.relative_to(outdir).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in outdir.rglob("*.html")
        if path.name not in SPHINX_OWN_PAGES
    }


def changed(before: dict[str, tuple[bytes, int]], after: dict[str, tuple[bytes, int]]) -> tuple[set[str], set[str]]:
    """(pages whose bytes changed, pages written again)."""
    names = before.keys() | after.keys()
    return (
        {n for n in names if (before.get(n) or (b"",))[0] != (after.get(n) or (b"",))[0]},
        {n for n in names if before.get(n) != after.get(n)},
    )


def showing(outdir: Path, title: str) -> set[str]:
    pattern = re.compile(r"(?<!\w)" + re.escape(title) + r"(?!\w)")
    return {
        path.relative_to(outdir).as_posix()
        for path in outdir.rglob("*.html")
        if path.name not in SPHINX_OWN_PAGES and pattern.search(path.read_text(encoding="utf-8"))
    }


@dataclass
class Built:
    site: Any
    srcdir: Path
    outdir: Path
    counts: Counts
    warnings: str


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Built]:
    built = {}
    for size in SIZES:
        site = generate.make_site(size, seed=1)
        srcdir = generate.write_site(site, "ours", tmp_path_factory.mktemp(f"scaling{size}") / "src")
        app, counts = counted_build(srcdir)
        built[size] = Built(site, srcdir, Path(app.outdir), counts, app.warning.getvalue())
    return built


def test_generated_sites_build_cleanly(sites: dict[int, Built]) -> None:
    for size, built in sites.items():
        assert built.warnings == "", size
        posts = list((built.outdir / "blog").glob("*.html"))
        assert len(posts) >= size


def test_catalog_is_built_a_fixed_number_of_times(sites: dict[int, Built]) -> None:
    small, large = (sites[size].counts.catalogs for size in SIZES)
    assert 1 <= large <= MAX_CATALOGS
    assert large == small, "catalogs built per build grow with the number of posts"


def test_post_views_per_page_are_bounded(sites: dict[int, Built]) -> None:
    for size, built in sites.items():
        config = generate  # the generated conf sets the recent posts; the page size is the default
        bound = config.RECENT_POSTS + 10 + EXTRA_VIEWS  # blog_posts_per_page defaults to 10
        worst = max(built.counts.views_per_page.items(), key=lambda item: item[1])
        assert worst[1] <= bound, (size, worst)
        assert built.counts.post_views <= bound * built.counts.pages
    # the same constant bound at every size: per-page work does not grow with the posts
    # (which pages fill the shared sidebar caches first varies, so sizes are not compared)
    assert all(max(sites[size].counts.views_per_page.values()) <= bound for size in SIZES)


def test_sidebars_are_rendered_once_per_folder(sites: dict[int, Built]) -> None:
    """The generated conf shows 4 shared sidebars (recent posts, tags, categories, archives)
    on every blog page: rendered once per folder of pages, not once per page."""
    for size, built in sites.items():
        folders = {path.parent for path in built.outdir.rglob("*.html")}
        assert 0 < built.counts.sidebar_renders <= 4 * len(folders), size
    # month pages live in their year's folder: a small blog spread over six years has
    # almost a folder per page, a larger one shares each folder between many pages
    large = sites[SIZES[-1]].counts
    assert large.sidebar_renders < large.pages / 2
    # every post page shows the same sidebars
    posts = sorted((sites[SIZES[-1]].outdir / "blog").glob("*.html"))
    shown = {str(parse_html(path).select_one(".blog-tagcloud")) for path in posts}
    assert len(shown) == 1


def test_related_posts_computed_a_bounded_number_of_times(sites: dict[int, Built]) -> None:
    for size, built in sites.items():
        assert built.counts.related <= RELATED_PER_POST * size, size


@pytest.fixture(scope="module")
def no_change(sites: dict[int, Built]) -> tuple[Counts, set[str]]:
    """The smaller site built again without any change."""
    built = sites[SIZES[0]]
    before = html_pages(built.outdir)
    _, counts = counted_build(built.srcdir)
    return counts, changed(before, html_pages(built.outdir))[1]


def test_no_change_rebuild_writes_nothing(no_change: tuple[Counts, set[str]]) -> None:
    counts, written = no_change
    assert written == set()
    assert counts.catalogs <= 2  # the previous build's (as of its clock) and this build's
    assert counts.post_views == 0


def test_no_change_rebuild_computes_no_related_posts(no_change: tuple[Counts, set[str]]) -> None:
    # comparing what posts show of each other costs posts x (posts sharing a tag): only when a post changed
    counts, _ = no_change
    assert counts.related == 0


@pytest.fixture(scope="module")
def edits(sites: dict[int, Built]) -> dict[str, Any]:
    """The larger site: a sentence appended to one post, then the newest post renamed."""
    built = sites[SIZES[-1]]
    site, srcdir, outdir = built.site, built.srcdir, built.outdir
    results: dict[str, Any] = {}

    middle = sorted(site.posts, key=lambda p: (p.date, p.docname))[len(site.posts) // 2]
    path = srcdir / f"{middle.docname}.md"
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + " One more sentence.\n", encoding="utf-8")
    before = html_pages(outdir)
    _, counts = counted_build(srcdir)
    results["body"] = (middle, *changed(before, html_pages(outdir)), counts)

    newest = site.newest
    path = srcdir / f"{newest.docname}.md"
    text = path.read_text(encoding="utf-8")
    old_line = f'title: "{newest.title}"\n'
    assert old_line in text
    path.write_text(text.replace(old_line, f'title: "{NEW_TITLE}"\n'), encoding="utf-8")
    before = html_pages(outdir)
    app, counts = counted_build(srcdir)
    results["title"] = (newest, *changed(before, html_pages(outdir)), counts)
    results["title_warnings"] = app.warning.getvalue()
    results["toctree_parents"] = {
        f"{parent}.html"
        for docname in app.env.found_docs
        for parent in app.env.files_to_rebuild.get(docname, ())
    }
    return results


def test_body_edit_rewrites_only_the_post(edits: dict[str, Any], sites: dict[int, Built]) -> None:
    post, changed_pages, written, counts = edits["body"]
    assert changed_pages == {f"{post.docname}.html"}
    if sphinx.version_info < (8, 1):  # Sphinx 8.0 itself rewrites the root document on any change
        written = written - {"index.html"}
    assert written == changed_pages
    size = SIZES[-1]
    assert counts.catalogs <= MAX_CATALOGS
    assert counts.related <= RELATED_PER_POST * size


def test_title_edit_rewrites_the_pages_showing_it(edits: dict[str, Any], sites: dict[int, Built]) -> None:
    post, changed_pages, written, counts = edits["title"]
    outdir = sites[SIZES[-1]].outdir
    assert edits["title_warnings"] == ""
    assert showing(outdir, post.title) == set(), "pages still show the old title"
    shown = showing(outdir, NEW_TITLE)
    assert f"{post.docname}.html" in shown
    assert "index.html" in shown  # the home page's {postlist}
    assert "handbook/reading-list.html" in shown  # a {doc} link showing the title
    assert changed_pages == shown
    # Sphinx itself writes the toctree parents of every page it writes (same bytes here)
    assert written - changed_pages <= edits["toctree_parents"]
    size = SIZES[-1]
    assert counts.catalogs <= MAX_CATALOGS
    assert counts.related <= RELATED_PER_POST * size
