"""Every builder of Sphinx writes a site with post lists, cards, an author card, heroes,
widgets, tags and links between docs and posts: no traceback, no warning (issue 13.1).

The root (tests/roots/test-builders) has its posts outside every toctree, as a blog's
posts are, so one-document builders (LaTeX, Texinfo, singlehtml) meet links to posts
that are not in their document.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sphinx.util.console import strip_colors

from conftest import ROOTS, build, parse_html, warnings_of

BUILDERS = ("html", "dirhtml", "singlehtml", "epub", "latex", "texinfo", "text", "man", "gettext", "json",
            "pickle", "xml", "pseudoxml", "linkcheck", "changes")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Each builder's app, built once from its own copy of the root (lazily)."""
    import shutil

    apps = {}

    def get(buildername: str):
        if buildername not in apps:
            srcdir = tmp_path_factory.mktemp(buildername) / "root"
            shutil.copytree(ROOTS / "test-builders", srcdir)
            apps[buildername] = build(srcdir, buildername)
        return apps[buildername]

    return get


@pytest.mark.parametrize("buildername", BUILDERS)
def test_every_builder_writes_the_site_without_a_warning(built, buildername):
    app = built(buildername)  # an exception in the build would fail the test here
    assert warnings_of(app) == []
    assert "Traceback" not in strip_colors(app.status.getvalue())
    if buildername != "changes":  # no versionadded/versionchanged here: nothing to write
        assert any(path.is_file() for path in Path(app.outdir).rglob("*"))


def _text(path: Path) -> str:
    return " ".join(path.read_text(encoding="utf-8").split())


def test_text_bylines_and_tags_have_real_separators(built):
    outdir = Path(built("text").outdir)
    first = _text(outdir / "blog" / "first.txt")
    assert "Ann Author Engineer, Bo Writer Editor" in first
    assert "June 20, 2024 · 1 min read · Engineering" in first
    assert "Sphinx, Docs as code" in first
    # a list's byline and the post-info widget as plain text
    index = _text(outdir / "index.txt")
    assert "June 20, 2024 · Ann Author, Bo Writer" in index
    assert "About this post" in index and "Ann Author, Bo Writer" in index


def test_latex_bylines_have_separators_and_posts_outside_link_to_the_web(built):
    tex = next(Path(built("latex").outdir).glob("*.tex")).read_text(encoding="utf-8")
    # the posts are not in the PDF (not in the toctree): their web pages, by blog_baseurl
    assert r"\sphinxhref{https://blog.example/blog/first.html}" in tex
    assert r"\sphinxhref{https://blog.example/blog/tags/sphinx.html}" in tex
    # the hero is a figure with its caption; a list's byline keeps its separator
    assert re.search(r"\\begin\{figure\}.*?\\sphinxincludegraphics.*?\{\{hero\}\.png\}.*?"
                     r"\\caption\{The caption of the hero\.\}", tex, re.DOTALL)
    assert "June 20, 2024 · Ann Author, Bo Writer" in " ".join(tex.split())


def test_latex_without_a_base_url_shows_posts_outside_as_text(tmp_path):
    import shutil

    srcdir = tmp_path / "root"
    shutil.copytree(ROOTS / "test-builders", srcdir)
    app = build(srcdir, "latex", blog_baseurl="")
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert warnings_of(app) == []
    assert "blog.example" not in tex
    assert set(re.findall(r"\\sphinxhref\{(https?://[^}]*)\}", tex)) == {"https://example.org/ann"}  # profile
    assert "The first post" in tex


def test_singlehtml_holds_the_posts_and_no_link_dangles(built):
    app = built("singlehtml")
    page = parse_html(Path(app.outdir) / "index.html")
    ids = {element["id"] for element in page.select("[id]")}
    assert {"document-blog/first", "document-blog/second"} <= ids
    # in the document (Sphinx's own sidebar table of contents has "#document-x#y" links)
    body = page.select_one("div[role=main]")
    dangling = [a["href"] for a in body.select("a[href^='#']") if a["href"][1:] not in ids]
    assert dangling == []
    # each post decorated as on its own page, once
    titles = [h.get_text().rstrip("¶") for h in page.select(".blog-post > h2")]
    assert titles == ["The first post", "The second post"]
    assert len(page.select(".blog-post .blog-byline")) == 2
    # no relative link to a page this build does not write (tag pages are on the web site)
    for link in page.select("a[href]"):
        href = link["href"]
        if not href.startswith(("#", "http://", "https://", "mailto:")):
            assert (Path(app.outdir) / href.split("#")[0]).exists(), href


def test_linkcheck_does_not_check_the_live_site_for_pages_of_this_build(built):
    app = built("linkcheck")
    results = [json.loads(line) for line in (Path(app.outdir) / "output.json").read_text().splitlines() if line]
    assert [r["uri"] for r in results if "blog.example" in r["uri"]] == []


def test_json_keeps_widgets_and_cards_in_the_body(built):
    app = built("json")
    body = json.loads((Path(app.outdir) / "index.fjson").read_text(encoding="utf-8"))["body"]
    assert 'class="blog-sidebar blog-recentposts"' in body
    assert 'class="sd-card sd-sphinx-override sd-w-100 sd-shadow-sm blog-card"' in body
