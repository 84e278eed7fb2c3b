"""Open Graph, article, Twitter and description tags of post pages, alone and with
sphinxext-opengraph."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

import pytest

from conftest import build, copy_root, parse_html, warnings_of

BASE = "https://example.com/"
HERO = BASE + "_images/hero.png"
COVER = "https://images.example.org/cover.jpg"
LOGO = BASE + "logo.png"
DEFAULT = "https://cdn.example.com/default.png"
LAUNCH_DESCRIPTION = "Everything we shipped during launch week."

needs_opengraph = pytest.mark.skipif(
    importlib.util.find_spec("sphinxext.opengraph") is None, reason="sphinxext-opengraph is not installed"
)


@pytest.fixture(scope="module")
def site(module_tmp):
    return build(copy_root("feeds", module_tmp / "plain"))


@pytest.fixture(scope="module")
def opengraph(module_tmp):
    return build(
        copy_root("feeds", module_tmp / "opengraph"),
        extensions=["myst_parser", "sphinxext.blog", "sphinxext.opengraph"],
        html_baseurl=BASE,
        ogp_site_url=BASE,
        ogp_image=LOGO,
        ogp_social_cards={"enable": False},
        ogp_custom_meta_tags=['<meta name="twitter:card" content="summary" />'],
    )


@pytest.fixture(scope="module")
def dirhtml(module_tmp):
    """html_baseurl only (so Sphinx writes the canonical link), a default image."""
    return build(
        copy_root("feeds", module_tmp / "dirhtml"), "dirhtml",
        blog_baseurl="", html_baseurl=BASE, blog_default_image=DEFAULT,
    )


def head_of(app, docname: str):
    name = f"{docname}/index.html" if app.builder.name == "dirhtml" else f"{docname}.html"
    return parse_html(Path(app.outdir, name)).head


def meta(app, docname: str) -> list[tuple[str, str]]:
    """(property or name, content) of every meta tag in the page's head, in order."""
    head = head_of(app, docname)
    return [
        (tag.get("property") or tag.get("name"), tag["content"])
        for tag in head.find_all("meta")
        if tag.get("property") or tag.get("name")
    ]


def values(app, docname: str, key: str) -> list[str]:
    return [content for name, content in meta(app, docname) if name == key]


def single(app, docname: str, key: str) -> str | None:
    found = values(app, docname, key)
    assert len(found) <= 1, (key, found)
    return found[0] if found else None


def canonicals(app, docname: str) -> list[str]:
    return [link["href"] for link in head_of(app, docname).select('link[rel="canonical"]')]


# -- alone -----------------------------------------------------------------------------------


def test_post_with_local_image(site):
    page = "blog/local-image"
    assert single(site, page, "og:title") == "Launch week & what's next"
    assert single(site, page, "og:type") == "article"
    assert single(site, page, "og:url") == BASE + "blog/local-image.html"
    assert single(site, page, "og:description") == LAUNCH_DESCRIPTION
    assert single(site, page, "description") == LAUNCH_DESCRIPTION
    assert single(site, page, "og:image") == HERO
    assert Path(site.outdir, "_images/hero.png").is_file()
    assert single(site, page, "twitter:card") == "summary_large_image"
    assert single(site, page, "article:published_time") == "2024-01-10"
    assert values(site, page, "article:author") == ["Alice Example", "Bob Builder"]
    assert values(site, page, "article:tag") == ["Announcements", "Product engineers"]
    assert single(site, page, "keywords") == "launch, shipping"
    assert canonicals(site, page) == [BASE + "blog/local-image.html"]


def test_post_with_url_image(site):
    page = "blog/url-image"
    assert single(site, page, "og:image") == COVER
    assert single(site, page, "twitter:card") == "summary_large_image"
    # no description in the frontmatter: the excerpt
    assert single(site, page, "og:description") == "Remote images are used as they are."
    assert single(site, page, "article:published_time") == "2024-02-01T07:30:00+00:00"


def test_post_without_image(site):
    page = "blog/no-image"
    assert single(site, page, "og:image") is None
    assert single(site, page, "twitter:card") == "summary"  # the page's own html_meta says so too
    assert single(site, page, "og:locale") == "en_GB"  # the page's own tags stay
    assert single(site, page, "og:title") == 'Tips & tricks: <angle> brackets and "quotes"'
    assert single(site, page, "description") == "Escaping matters in feeds & pages."


def test_no_social_tags_outside_posts(site):
    assert [key for key, _ in meta(site, "index") if key.startswith(("og:", "article:"))] == []
    assert canonicals(site, "index") == []
    assert warnings_of(site) == []


# -- with a default image, html_baseurl and dirhtml -------------------------------------------


def test_default_image_and_sphinx_canonical(dirhtml):
    page = "blog/no-image"
    assert single(dirhtml, page, "og:image") == DEFAULT
    assert single(dirhtml, page, "og:url") == BASE + "blog/no-image/"
    # Sphinx's own canonical link, not a second one (Sphinx 8.0 writes it with ".html")
    assert canonicals(dirhtml, page) in ([BASE + "blog/no-image/"], [BASE + "blog/no-image.html"])
    assert single(dirhtml, "blog/local-image", "og:image") == HERO
    assert Path(dirhtml.outdir, "_images/hero.png").is_file()


# -- with sphinxext-opengraph ------------------------------------------------------------------


@needs_opengraph
@pytest.mark.parametrize("page", ["blog/local-image", "blog/url-image", "blog/no-image"])
def test_with_opengraph_no_tag_twice(opengraph, page):
    # (the theme's viewport tag is Sphinx's business)
    counts = Counter(key for key, _ in meta(opengraph, page) if key != "viewport")
    repeatable = {"article:author", "article:tag"}
    assert {key: n for key, n in counts.items() if n > 1 and key not in repeatable} == {}
    assert counts["og:site_name"] == 1  # opengraph's own tags stay
    assert len(canonicals(opengraph, page)) == 1


@needs_opengraph
def test_with_opengraph_featured_image_wins(opengraph):
    assert single(opengraph, "blog/local-image", "og:image") == HERO
    assert single(opengraph, "blog/local-image", "og:image:alt") == "Launch week & what's next"
    assert single(opengraph, "blog/url-image", "og:image") == COVER
    # without a featured image, opengraph's site image stays
    assert single(opengraph, "blog/no-image", "og:image") == LOGO


@needs_opengraph
def test_with_opengraph_post_values_win(opengraph):
    page = "blog/local-image"
    assert single(opengraph, page, "og:type") == "article"
    assert single(opengraph, page, "og:description") == LAUNCH_DESCRIPTION
    assert single(opengraph, page, "description") == LAUNCH_DESCRIPTION
    assert single(opengraph, page, "og:url") == BASE + "blog/local-image.html"
    # opengraph's own twitter:card gives way to the post's
    assert single(opengraph, "blog/no-image", "twitter:card") == "summary"
    assert single(opengraph, page, "twitter:card") == "summary_large_image"
