"""Markup that survives every theme, the widget and featured-image directives, and no
configuration churn (issue 13.2-13.4).  The browser test (tests/browser) checks the
layout itself in Chromium; these tests check the HTML it relies on."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOTS, build, parse_html, warnings_of

SIDEBARS = ["blog/postinfo.html", "blog/recentposts.html", "blog/tagcloud.html", "blog/tags.html",
            "blog/categories.html", "blog/authors.html", "blog/archives.html"]


def _root(tmp_path: Path, name: str = "root") -> Path:
    srcdir = tmp_path / name
    shutil.copytree(ROOTS / "test-builders", srcdir)
    return srcdir


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The builders root in HTML, with every blog sidebar on every page."""
    srcdir = _root(tmp_path_factory.mktemp("themes"))
    return build(srcdir, "html", html_sidebars={"**": SIDEBARS})


def test_cards_and_decorations_are_not_docutils_containers(site):
    """Themes restyle .container (pydata: width unset; furo: no padding): none of ours is one."""
    page = parse_html(Path(site.outdir) / "index.html")
    assert page.select(".blog-postlist-cards .sd-row > .sd-col > .sd-card.blog-card > .sd-card-body")
    ours = page.select("[class*='blog-'], .blog-postlist-cards *")
    assert ours and [el for el in ours if "container" in el.get("class", [])] == []
    post = parse_html(Path(site.outdir) / "blog" / "first.html")
    assert not post.select(".blog-byline.container, .blog-byline .container, .blog-prevnext.container")


def test_sphinx_design_stylesheet_comes_with_the_cards(site):
    page = parse_html(Path(site.outdir) / "index.html")
    assert page.select_one('link[href^="_static/sphinx-design.min.css"]') is not None
    assert (Path(site.outdir) / "_static" / "sphinx-design.min.css").is_file()


@pytest.mark.parametrize(("page", "widget"), [
    ("index.html", "blog-recentposts"), ("index.html", "blog-tagcloud"), ("index.html", "blog-categories"),
    ("index.html", "blog-authors"), ("index.html", "blog-archives"), ("blog/second.html", "blog-postinfo"),
])
def test_a_widget_directive_is_the_html_of_its_sidebar(site, page, widget):
    html = parse_html(Path(site.outdir) / page)
    in_sidebar = html.select_one(f".sphinxsidebar .{widget}")
    in_body = html.select_one(f"div[role=main] .{widget}")
    assert in_sidebar is not None and in_body is not None
    assert str(in_body) == str(in_sidebar)
    assert in_body.select("li, p")


def test_post_info_can_name_another_post(site):
    html = parse_html(Path(site.outdir) / "index.html")
    info = html.select_one("div[role=main] .blog-postinfo")
    assert [a.get_text() for a in info.select(".blog-tags a")] == ["Sphinx", "Docs as code"]
    assert info.select_one(".blog-date time")["datetime"].startswith("2024-06-20")


def test_blog_widget_with_a_name_is_the_named_directive(tmp_path):
    srcdir = _root(tmp_path)
    (srcdir / "widgets.md").write_text(
        "---\norphan: true\n---\n# Widgets\n\n```{blog-widget} tag-list\n```\n\n```{tag-list}\n```\n", "utf-8")
    app = build(srcdir, "html")
    assert warnings_of(app) == []
    lists = parse_html(Path(app.outdir) / "widgets.html").select(".blog-tags-list")
    assert len(lists) == 2 and str(lists[0]) == str(lists[1])


def test_widget_mistakes_are_one_warning_each(tmp_path):
    srcdir = _root(tmp_path)
    (srcdir / "mistakes.md").write_text(
        "---\norphan: true\n---\n# Mistakes\n\n```{blog-widget} recent\n```\n\n```{post-info}\n```\n\n"
        "```{post-info} blog/nowhere\n```\n", "utf-8")
    app = build(srcdir, "html")
    found = warnings_of(app)
    assert len(found) == 3, found
    assert "mistakes.md:6: WARNING: unknown blog widget 'recent'" in found[0] and "[blog.widget]" in found[0]
    assert "mistakes.md:9: WARNING: post-info on a page that is not a post" in found[1]
    assert "unknown post 'blog/nowhere'" in found[2] and "[blog.ref]" in found[2]


def test_a_changed_post_rewrites_the_pages_with_its_widgets(tmp_path):
    srcdir = _root(tmp_path)
    build(srcdir, "html")
    post = srcdir / "blog" / "first.md"
    post.write_text(post.read_text("utf-8").replace('"The first post"', '"The renamed post"'), "utf-8")
    app = build(srcdir, "html")
    index = parse_html(Path(app.outdir) / "index.html")
    assert "The renamed post" in index.select_one(".blog-recentposts").get_text()
    assert "The first post" not in index.select_one(".blog-recentposts").get_text()


@pytest.mark.parametrize("theme", ["pydata_sphinx_theme", "sphinx_book_theme"])
def test_hide_anchor_drops_the_page_toc_but_keeps_the_post_info(tmp_path, theme):
    """pydata and book: the post info sits in the secondary sidebar, which hideAnchor must keep."""
    pytest.importorskip(theme)
    options = {"secondary_sidebar_items": ["blog/postinfo.html", "page-toc.html"]}
    app = build(_root(tmp_path), "html", html_theme=theme, html_theme_options=options)
    hidden = parse_html(Path(app.outdir) / "blog" / "first.html")  # hideAnchor: true
    shown = parse_html(Path(app.outdir) / "blog" / "second.html")
    for page in (hidden, shown):
        assert page.select_one(".bd-sidebar-secondary .blog-postinfo") is not None
    assert hidden.select("#pst-page-toc-nav") == [] and hidden.select("a.headerlink") == []
    assert shown.select("#pst-page-toc-nav") != []


# -- {featured-image} ------------------------------------------------------------------------


def test_featured_image_is_the_post_hero_figure(site):
    page = parse_html(Path(site.outdir) / "index.html")
    figure = page.select_one("figure.blog-featured-image")
    assert {"blog-hero", "blog-hero-full"} <= set(figure["class"])
    image = figure.select_one("img.blog-hero-image")
    assert image["src"] == "_images/hero.png" and image["alt"] == "A coloured rectangle"
    assert figure.select_one("p.blog-hero-title").get_text() == "A hero by hand"
    assert figure.select_one("figcaption").get_text().strip().rstrip("¶") == "The caption of the hero."
    # the post's own frontmatter hero: the same figure, made by the same function
    hero = parse_html(Path(site.outdir) / "blog" / "first.html").select_one("figure.blog-hero")
    assert {"blog-hero", "blog-hero-full"} <= set(hero["class"])
    assert hero.select_one("img.blog-hero-image")["src"] == "../_images/hero.png"


def _featured(tmp_path: Path, directive: str) -> tuple[object, Path]:
    srcdir = _root(tmp_path)
    (srcdir / "notes").mkdir()
    (srcdir / "notes" / "hero.md").write_text(f"---\norphan: true\n---\n# Hero\n\n{directive}\n", "utf-8")
    app = build(srcdir, "html")
    return app, Path(app.outdir) / "notes" / "hero.html"


@pytest.mark.parametrize(("argument", "src"), [
    ("../images/hero.png", "../_images/hero.png"),
    ("/images/hero.png", "../_images/hero.png"),
    ("https://images.example/a%20b.png", "https://images.example/a%20b.png"),
])
def test_featured_image_takes_a_relative_path_a_source_path_or_a_url(tmp_path, argument, src):
    app, page = _featured(tmp_path, f"```{{featured-image}} {argument}\n```")
    assert warnings_of(app) == []
    figure = parse_html(page).select_one("figure.blog-hero.blog-hero-standard.blog-featured-image")
    assert figure.select_one("img")["src"] == src


def test_featured_image_refuses_what_frontmatter_images_refuse(tmp_path):
    outside = tmp_path / "outside.png"
    shutil.copy(ROOTS / "test-builders" / "images" / "hero.png", outside)
    srcdir = _root(tmp_path)
    (srcdir / "images" / "link.png").symlink_to(outside)
    cases = ["missing.png", "../../outside.png", "../images/link.png", "javascript:alert(1)"]
    text = "".join(f"```{{featured-image}} {case}\n```\n\n" for case in cases)
    text += "```{featured-image} ../images/hero.png\n:type: wide\n```\n"
    (srcdir / "notes").mkdir()
    (srcdir / "notes" / "hero.md").write_text(f"---\norphan: true\n---\n# Hero\n\n{text}", "utf-8")
    app = build(srcdir, "html")
    found = warnings_of(app)
    assert len(found) == 5, found
    assert all("[blog.image]" in line for line in found)
    assert "hero.md:6: WARNING: featured image missing.png not found" in found[0]
    assert "featured image ../../outside.png is outside the source folder; not used" in found[1]
    assert "featured image ../images/link.png is outside the source folder; not used" in found[2]
    assert "featured image javascript:alert(1) not found" in found[3]
    assert "unknown featured image type 'wide'" in found[4]
    figures = parse_html(Path(app.outdir) / "notes" / "hero.html").select("figure.blog-hero")
    assert len(figures) == 1 and "blog-hero-standard" in figures[0]["class"]
    assert not (Path(app.outdir) / "_images" / "outside.png").exists()
    assert not (Path(app.outdir) / "_images" / "link.png").exists()


# -- no configuration churn -------------------------------------------------------------------


def test_an_unchanged_rebuild_finds_the_configuration_unchanged(tmp_path):
    """Static files added at config-inited, before Sphinx compares the configuration (issue 13.4)."""
    srcdir = _root(tmp_path)
    build(srcdir, "html", html_theme="alabaster")  # the test app would swap alabaster for basic
    again = build(srcdir, "html", html_theme="alabaster")
    status = again.status.getvalue()
    assert "configuration has changed" not in status
    assert "0 added, 0 changed, 0 removed" in status and "no targets are out of date" in status


def test_with_sphinx_design_loaded_its_own_stylesheet_serves_the_cards(tmp_path):
    app = build(_root(tmp_path), "html", extensions=["myst_parser", "sphinx_design", "sphinxext.blog"])
    page = parse_html(Path(app.outdir) / "index.html")
    assert len(page.select('link[href^="_static/sphinx-design.min.css"]')) == 1  # sphinx-design's, not twice
