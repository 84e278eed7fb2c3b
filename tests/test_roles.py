"""The blog domain's roles, their warnings, {any}, and objects.inv."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest

from conftest import build, copy_root, parse_html, warnings_of


@pytest.fixture(scope="module", params=["html", "dirhtml"])
def site(request, module_tmp):
    return build(copy_root("roles", module_tmp / request.param), request.param)


def out_path(app, docname: str):
    if app.builder.name == "dirhtml" and docname != "index":
        return app.outdir / docname / "index.html"
    return app.outdir / f"{docname}.html"


def links(app, docname: str) -> list[tuple[str, str]]:
    html = parse_html(out_path(app, docname))
    body = html.select_one("div.body")
    return [(a.get_text(), a["href"]) for a in body.select("a") if "headerlink" not in a.get("class", [])]


def target_file(app, docname: str, href: str):
    path = unquote(href.split("#")[0])
    base = out_path(app, docname).parent
    target = (base / path).resolve()
    return target / "index.html" if target.is_dir() else target


def test_roles_resolve_with_default_and_explicit_text(site):
    found = links(site, "index")
    texts = [text for text, _href in found]
    assert texts == [
        "We launched: the story", "the launch", "We launched: the story", "Second post", "Second post",
        "Ann Author", "Our Ann", "No Page",
        "Launch", "Product engineers", "News", "Engineering",
        "Product engineers",
    ]
    expected_pages = {
        "We launched: the story": "blog/launch", "the launch": "blog/launch", "Second post": "blog/second",
        "Ann Author": "blog/authors/ann", "Our Ann": "blog/authors/ann",
        "Launch": "blog/tags/launch", "Product engineers": "blog/tags/product-engineers",
        "News": "blog/categories/news", "Engineering": "blog/categories/engineering",
    }
    for text, href in found:
        if text == "No Page":  # an author with no posts: their own link
            assert href == "https://example.org/nopage"
            continue
        assert target_file(site, "index", href) == out_path(site, expected_pages[text]).resolve(), (text, href)


def test_rest_roles(site):
    assert [text for text, _ in links(site, "rest")] == ["We launched: the story", "Ann Author", "Launch"]


def test_unknown_targets_warn_once_each_with_location(site):
    warnings = [w for w in warnings_of(site) if "[blog.ref]" in w]
    assert len(warnings) == 3
    assert re.search(r"index\.md:12: WARNING: unknown post 'blog/missing'", warnings[0])
    assert re.search(r"index\.md:12: WARNING: unknown author 'nobody'", warnings[1])
    assert re.search(r"index\.md:14: WARNING: unknown tag 'No such tag'", warnings[2])
    assert [w for w in warnings_of(site) if "[blog.ref]" not in w] == []


def test_inventory_lists_posts_authors_tags_categories(site):
    from sphinx.util.inventory import InventoryFile

    with open(site.outdir / "objects.inv", "rb") as stream:
        inventory = InventoryFile.load(stream, "https://example.com/", lambda base, uri: base + uri)
    posts = inventory["blog:post"]
    assert sorted(posts) == ["blog/launch", "blog/second"]
    assert posts["blog/launch"][3] == "We launched: the story"
    assert posts["blog/launch"][2] == "https://example.com/" + (
        "blog/launch.html" if site.builder.name == "html" else "blog/launch/"
    )
    assert sorted(inventory["blog:author"]) == ["ann"]
    assert inventory["blog:author"]["ann"][3] == "Ann Author"
    assert sorted(inventory["blog:tag"]) == ["Launch", "Product engineers"]
    assert sorted(inventory["blog:category"]) == ["Engineering", "News"]


def test_latex_builder_degrades_to_text(module_tmp):
    app = build(copy_root("roles", module_tmp / "latex"), "latex")
    assert [w for w in warnings_of(app) if "[blog.ref]" not in w] == []


def test_one_page_builds_give_every_post_its_byline(module_tmp):
    """singlehtml puts every document in one tree: each post still gets its own byline."""
    srcdir = copy_root("roles", module_tmp / "singlehtml")
    index = srcdir / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n```{toctree}\nblog/launch\nblog/second\n```\n",
                     encoding="utf-8")
    app = build(srcdir, "singlehtml")
    page = parse_html(app.outdir / "index.html")
    bylines = page.select(".blog-byline")
    assert len(bylines) == 2
    first = bylines[0].find_parent("section").find(["h1", "h2"]).get_text().rstrip("¶")
    assert first == "We launched: the story"
    # no generated author pages in a one-page build: the author's own link
    assert bylines[0].select_one("a.blog-author-name")["href"] == "https://example.org/ann"
    assert [tag.get_text() for tag in bylines[0].select(".blog-tag")] == ["Launch", "Product engineers"]
    # ... and tags, with no page in this build, link to their page on the web site (blog_baseurl)
    assert [a["href"] for a in bylines[0].select(".blog-tags a")] == [
        "https://example.com/blog/tags/launch.html", "https://example.com/blog/tags/product-engineers.html"]
    assert not (app.outdir / "blog").exists()
