"""The seed post: title, byline, hero, hideAnchor and sidebars on the built page."""

from __future__ import annotations

import pytest

from conftest import build, copy_root, parse_html, warnings_of

SEED_TITLE = "Product engineer vs product manager: What's the difference?"


@pytest.fixture(scope="module")
def seed(module_tmp):
    return build(copy_root("seed", module_tmp))


def page(app, name="blog/product-engineer-vs-product-manager"):
    return parse_html(app.outdir / f"{name}.html")


def test_title_is_frontmatter_title(seed):
    html = page(seed)
    assert html.title.get_text().split(" — ")[0] == SEED_TITLE
    h1s = html.select("div.body h1")
    assert [h.get_text() for h in h1s] == [SEED_TITLE]
    assert seed.env.titles["blog/product-engineer-vs-product-manager"].astext() == SEED_TITLE


def test_sections_nest_under_title_without_warnings(seed):
    html = page(seed)
    assert [h.get_text() for h in html.select("section.blog-post h2")] == ["How do both roles build a product?"]
    assert [h.get_text() for h in html.select("section.blog-post h3")] == ["Stage 1: Beginning", "Stage 2: Building"]
    assert warnings_of(seed) == []


def test_byline_names_author_with_link(seed):
    byline = page(seed).select_one(".blog-byline")
    author = byline.select_one(".blog-author a.blog-author-name")
    assert author.get_text() == "Ian Vanagas"
    target = (seed.outdir / "blog" / author["href"]).resolve()
    assert target.is_file(), author["href"]
    assert byline.select_one(".blog-author-role").get_text() == "Technical writer"
    assert byline.select_one(".blog-date").get_text() == "January 24, 2023"
    assert [a.get_text() for a in byline.select(".blog-category")] == ["Engineering"]
    assert [a.get_text() for a in byline.select(".blog-tag")] == ["Explainers", "Product engineers"]


def test_hero_is_full_and_image_copied(seed):
    html = page(seed)
    hero = html.select_one(".blog-hero")
    assert "blog-hero-full" in hero["class"]
    img = hero.select_one("img")
    assert img["alt"]
    assert (seed.outdir / "blog" / img["src"]).resolve().is_file()


def test_hide_anchor_removes_permalinks_and_toc(seed):
    html = page(seed)
    assert html.select("a.headerlink") == []
    sidebar = html.select_one(".sphinxsidebar")
    assert sidebar is not None
    # alabaster's default sidebars are replaced by the Blog set (no page TOC among them)
    assert sidebar.select_one(".blog-postinfo") is not None
    assert sidebar.select_one(".blog-recentposts") is not None
    # other pages keep their permalinks
    assert parse_html(seed.outdir / "index.html").select("a.headerlink")


def test_sidebars_are_the_blog_set(seed):
    sidebar = page(seed).select_one(".sphinxsidebarwrapper")
    classes = [div["class"][1] for div in sidebar.select(":scope > div.blog-sidebar")]
    assert classes == ["blog-postinfo", "blog-recentposts", "blog-tagcloud", "blog-categories", "blog-archives"]


def test_an_image_naming_no_file_is_one_warning_and_keeps_its_alt_text(tmp_path):
    srcdir = copy_root("seed", tmp_path)
    (srcdir / "blog" / "empty-image.md").write_text(
        "---\ntitle: An empty image\ndate: 2024-01-05\n---\n\nBefore.\n\n![A cat in a box]()\n\nAfter.\n",
        encoding="utf-8")
    app = build(srcdir)
    found = [w for w in warnings_of(app) if "empty-image" in w]
    assert len(found) == 1 and "empty-image.md:8" in found[0] and found[0].endswith("[blog.image]")
    assert "A cat in a box" in page(app, "blog/empty-image").select_one("div.body").get_text()


def test_decorations_leave_the_doctree_once_the_page_is_rendered(tmp_path):
    """Sphinx keeps the doctrees it read in memory until it writes them: decorations
    attached to them would be promoted to the collector's oldest generation with them.
    Handlers at the default priority (sphinxext-opengraph's) still see the decorations;
    after the last handler they are gone, and the page shows them all the same."""
    from io import StringIO

    from docutils import nodes
    from sphinx.testing.util import SphinxTestApp

    from sphinxext.blog.domain import DECORATION_CLASSES

    def decorations(doctree):
        return sorted(cls for node in doctree.findall(nodes.Element) for cls in node["classes"]
                      if cls in DECORATION_CLASSES)

    seen: dict[str, list[str]] = {}
    app = SphinxTestApp("html", srcdir=copy_root("seed", tmp_path), status=StringIO(), warning=StringIO())
    post = "blog/product-engineer-vs-product-manager"

    def probe(name):
        def handler(app, pagename, templatename, context, doctree):
            if pagename == post:
                seen[name] = decorations(doctree)
        return handler

    app.connect("html-page-context", probe("default"))
    app.connect("html-page-context", probe("last"), priority=1000)
    try:
        app.build()
    finally:
        app.cleanup()
    assert seen["default"] == ["blog-breadcrumb", "blog-byline"], seen
    assert seen["last"] == []
    html = page(app, post)
    assert html.select_one(".blog-byline .blog-author-name").get_text() == "Ian Vanagas"
    assert html.select_one(".blog-breadcrumb a") is not None
