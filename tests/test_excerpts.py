"""Excerpts (marker, frontmatter, first paragraph) and reading time, as lists show them."""

from __future__ import annotations

import pytest

from sphinxext.blog.post import reading_minutes

from conftest import build, parse_html, warnings_of

POSTS = {
    "marker": ("2024-01-06", "", "First part.\n\nSecond part.\n\n<!-- more -->\n\nHidden part."),
    "truncate": ("2024-01-05", "excerpt: Not this one.\n", "Docusaurus style.\n\n<!-- truncate -->\n\nRest."),
    "frontmatter": ("2024-01-04", "excerpt: The frontmatter excerpt.\n", "Body paragraph."),
    "description": ("2024-01-03", "description: The description.\n", "Body paragraph."),
    "seo": ("2024-01-02", "seo:\n  metaDescription: The meta description.\n", "Body paragraph."),
    "plain": ("2024-01-01", "", "Only the <b>first</b> paragraph.\n\nNot the second."),
}
EXPECTED = {
    "marker": "First part. Second part.",
    "truncate": "Docusaurus style.",
    "frontmatter": "The frontmatter excerpt.",
    "description": "The description.",
    "seo": "The meta description.",
    "plain": "Only the first paragraph.",
}


@pytest.fixture(scope="module")
def site(module_tmp):
    src = module_tmp / "src"
    (src / "blog").mkdir(parents=True)
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinxext.blog"]\nblog_baseurl = "https://example.com/"\n'
        "blog_posts_per_page = 10\n"
    )
    (src / "index.md").write_text("# Home\n")
    for name, (date, extra, body) in POSTS.items():
        text = f"---\ntitle: Post {name}\ndate: {date}\n{extra}---\n\n{body}\n"
        (src / "blog" / f"{name}.md").write_text(text, encoding="utf-8")
    return build(src)


def test_excerpt_sources_in_order(site):
    assert warnings_of(site) == []
    html = parse_html(site.outdir / "blog/index.html")
    shown = {
        entry.select_one(".blog-list-title a").get_text(): entry.select_one(".blog-excerpt").get_text()
        for entry in html.select(".blog-list-entry")
    }
    assert shown == {f"Post {name}": text for name, text in EXPECTED.items()}


def test_marker_text_stays_on_the_post_page(site):
    page = parse_html(site.outdir / "blog/marker.html")
    assert "Hidden part." in page.select_one("section.blog-post").get_text()


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("word " * 200, 1),
        ("word " * 1000, 5),
        ("字" * 2000, 5),  # CJK characters count about two to a word
        ("word " * 500 + "字" * 1000, 5),
        ("", 1),
    ],
)
def test_reading_time(text, minutes):
    assert reading_minutes(text, 200) == minutes
