"""Generated pages, post lists, navigation and drafts, on a dozen posts in two blogs."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
import snowballstemmer
import sphinx

from conftest import build, copy_root, parse_html, warnings_of

LISTED_BLOG = [  # newest first
    "Theta: the newest listed post",
    "Eta estimates",
    "Zeta and the café über-tag",
    "Epsilon: small things matter",
    "Delta between plans and reality",
    "Gamma rays of feedback",
    "Beta: what we learned",
    "Alpha launch notes",
]
HIDDEN = {"A draft nobody should see", "A post from the future", "Unlisted but reachable"}


@pytest.fixture(scope="module")
def site(module_tmp):
    return build(copy_root("collections", module_tmp))


def listed_titles(app, page: str) -> list[str]:
    html = parse_html(app.outdir / f"{page}.html")
    return [a.get_text() for a in html.select(".blog-list .blog-list-title a")]


def all_pages(app, page: str) -> list[str]:
    """Titles over all pages of a paginated list, following the 'older' links."""
    titles, path = [], app.outdir / f"{page}.html"
    while True:
        html = parse_html(path)
        titles += [a.get_text() for a in html.select(".blog-list .blog-list-title a")]
        older = html.select_one("a.blog-older")
        if older is None:
            return titles
        path = (path.parent / older["href"]).resolve()


def test_build_is_clean(site):
    assert warnings_of(site) == []


def test_blog_index_is_paginated_newest_first(site):
    assert listed_titles(site, "blog/index") == LISTED_BLOG[:3]
    assert listed_titles(site, "blog/page/2") == LISTED_BLOG[3:6]
    assert listed_titles(site, "blog/page/3") == LISTED_BLOG[6:]
    assert all_pages(site, "blog/index") == LISTED_BLOG
    page2 = parse_html(site.outdir / "blog/page/2.html")
    assert (site.outdir / "blog/page" / page2.select_one("a.blog-newer")["href"]).resolve() == (
        site.outdir / "blog/index.html"
    )


def test_second_blog_has_its_own_pages(site):
    assert listed_titles(site, "customers/index") == ["Globex and the feedback loop", "How Acme ships faster"]
    assert listed_titles(site, "customers/tags/launch") == ["How Acme ships faster"]


def test_tag_category_author_year_pages(site):
    assert all_pages(site, "blog/tags/launch") == [
        "Theta: the newest listed post", "Eta estimates", "Beta: what we learned", "Alpha launch notes"
    ]
    assert all_pages(site, "blog/tags/feedback") == ["Epsilon: small things matter", "Gamma rays of feedback"]
    # crosspost lists Delta under Engineering too
    assert all_pages(site, "blog/categories/engineering") == [
        "Eta estimates", "Epsilon: small things matter", "Delta between plans and reality",
        "Beta: what we learned", "Alpha launch notes",
    ]
    assert all_pages(site, "blog/authors/bob") == [
        "Zeta and the café über-tag", "Gamma rays of feedback", "Beta: what we learned"
    ]
    assert all_pages(site, "blog/archive/2022") == [
        "Epsilon: small things matter", "Delta between plans and reality", "Gamma rays of feedback"
    ]


def test_slugs_are_readable_and_unique(site):
    # "Product engineers" and "product-engineers" are two tags: two pages
    assert all_pages(site, "blog/tags/product-engineers") == ["Gamma rays of feedback", "Alpha launch notes"]
    assert all_pages(site, "blog/tags/product-engineers-2") == ["Zeta and the café über-tag"]
    assert all_pages(site, "blog/tags/café-über") == ["Zeta and the café über-tag"]


def test_index_pages_list_terms_with_counts(site):
    html = parse_html(site.outdir / "blog/tags/index.html")
    terms = {li.a.get_text(): li.select_one(".blog-count").get_text() for li in html.select(".blog-terms li")}
    assert terms == {
        "Café Über": "(1)", "Feedback": "(2)", "Launch": "(4)", "Planning": "(2)",
        "Product engineers": "(2)", "product-engineers": "(1)",
    }
    for li in html.select(".blog-terms li"):
        assert (site.outdir / "blog/tags" / unquote(li.a["href"])).resolve().is_file()


def test_author_page_shows_profile(site):
    html = parse_html(site.outdir / "blog/authors/ann.html")
    profile = html.select_one(".blog-author-profile")
    assert profile.select_one(".blog-author-name a")["href"] == "https://example.org/ann"
    assert profile.select_one(".blog-author-role").get_text() == "Engineer"
    assert profile.select_one(".blog-author-bio").get_text() == "Writes about launches."


def test_list_entries_show_date_authors_excerpt(site):
    entry = parse_html(site.outdir / "blog/index.html").select_one(".blog-list-entry")
    assert entry.select_one("time").get_text() == "January 20, 2024"
    assert [a.get_text() for a in entry.select(".blog-author")] == ["Ann Author"]
    assert entry.select_one(".blog-excerpt").get_text() == (
        "The opening paragraph of theta: the newest listed post is its excerpt."
    )


def test_drafts_future_and_unlisted_are_built_but_listed_nowhere(site):
    for page in ("blog/draft-post", "blog/future-post", "blog/hidden"):
        assert (site.outdir / f"{page}.html").is_file()
    notice = parse_html(site.outdir / "blog/draft-post.html").select(".blog-draft-notice")
    assert len(notice) == 1
    assert parse_html(site.outdir / "blog/future-post.html").select(".blog-draft-notice")
    assert not parse_html(site.outdir / "blog/hidden.html").select(".blog-draft-notice")
    for path in site.outdir.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if path.stem in ("draft-post", "future-post", "hidden"):
            continue
        for title in HIDDEN:
            assert title not in text, (title, path)


def postlist_sections(site) -> dict[str, list[str]]:
    html = parse_html(site.outdir / "handbook.html")
    found = {}
    for section in html.select("section section"):
        found[section["id"]] = [a.get_text() for a in section.select("a.reference.internal")]
    return found


def test_postlist_filters_and_formats(site):
    sections = postlist_sections(site)
    assert sections["latest-launch-posts"] == ["Theta: the newest listed post", "Eta estimates"]
    assert sections["engineering-as-excerpts"] == [
        "Eta estimates", "Epsilon: small things matter", "Delta between plans and reality",
        "Beta: what we learned", "Alpha launch notes",
    ]
    assert sections["cards-from-2022"] == [
        "Epsilon: small things matter", "Delta between plans and reality", "How Acme ships faster",
        "Gamma rays of feedback",
    ]
    assert sections["between-dates-oldest-first"] == [
        "Gamma rays of feedback", "Delta between plans and reality", "Epsilon: small things matter"
    ]
    html = parse_html(site.outdir / "handbook.html")
    assert html.select_one("#nothing-matches .blog-empty").get_text() == "No posts yet."
    assert len(html.select("#cards-from-2022 .sd-card")) == 4
    assert html.select("#engineering-as-excerpts .blog-excerpt")


def _stylesheets(page: Path) -> list[str]:
    """The file names of the stylesheets a page links."""
    return [link["href"].split("?")[0].rsplit("/", 1)[-1] for link in parse_html(page).select("link[rel=stylesheet]")]


def test_cards_come_with_sphinx_designs_stylesheet_alone(site):
    """The stylesheet is linked where cards are, and copied; sphinx-design's directives stay
    off unless listed."""
    assert _stylesheets(site.outdir / "handbook.html").count("sphinx-design.min.css") == 1
    assert ".sd-card" in (site.outdir / "_static/sphinx-design.min.css").read_text(encoding="utf-8")
    assert "sphinx_design" not in site.extensions


def test_pages_without_cards_do_not_load_sphinx_designs_stylesheet(site):
    for page in (site.outdir / "blog" / "alpha.html", site.outdir / "blog" / "index.html", site.outdir / "index.html"):
        assert not parse_html(page).select(".sd-card")
        stylesheets = _stylesheets(page)
        assert "blog.css" in stylesheets and "sphinx-design.min.css" not in stylesheets, page


def test_sphinx_design_listed_by_the_user_adds_its_stylesheet_once(tmp_path):
    srcdir = copy_root("collections", tmp_path)
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + "\nextensions.append('sphinx_design')\n", encoding="utf-8")
    app = build(srcdir)
    stylesheets = [link["href"] for link in parse_html(app.outdir / "handbook.html").select("link[rel=stylesheet]")]
    assert [href.split("?")[0] for href in stylesheets].count("_static/sphinx-design.min.css") == 1
    assert "sphinx_design" in app.extensions


def test_author_card(site):
    card = parse_html(site.outdir / "handbook.html").select_one("#the-team .blog-author-card")
    link = card.select_one(".blog-author-name a")
    assert link.get_text() == "Ann Author"
    assert (site.outdir / link["href"]).resolve() == site.outdir / "blog/authors/ann.html"
    assert card.select_one(".blog-author-role").get_text() == "Engineer"


def test_prev_next_and_related(site):
    html = parse_html(site.outdir / "blog/epsilon.html")
    assert html.select_one(".blog-newer a").get_text() == "Zeta and the café über-tag"
    assert html.select_one(".blog-older a").get_text() == "Delta between plans and reality"
    related = [a.get_text() for a in html.select(".blog-related a")]
    assert related == ["Gamma rays of feedback"]
    # most shared tags first, then newest:
    # Eta (Planning, Launch) shares Launch with Theta, Beta, Alpha and Planning with Delta
    eta = parse_html(site.outdir / "blog/eta.html")
    assert [a.get_text() for a in eta.select(".blog-related a")] == [
        "Theta: the newest listed post", "Delta between plans and reality", "Beta: what we learned"
    ]
    alpha = parse_html(site.outdir / "blog/alpha.html")  # Launch + Product engineers: Gamma shares one
    assert [a.get_text() for a in alpha.select(".blog-related a")][:1] == ["Theta: the newest listed post"]


def test_roles_link_to_generated_pages(site):
    byline = parse_html(site.outdir / "blog/zeta.html").select_one(".blog-byline")
    hrefs = {a.get_text(): a["href"] for a in byline.select("a")}
    assert hrefs["Café Über"] == "tags/caf%C3%A9-%C3%BCber.html"
    assert hrefs["product-engineers"] == "tags/product-engineers-2.html"
    assert hrefs["Bob Builder"] == "authors/bob.html"
    assert hrefs["Culture"] == "categories/culture.html"


def test_dirhtml_urls(module_tmp):
    app = build(copy_root("collections", module_tmp / "dirhtml"), "dirhtml")
    assert (app.outdir / "blog/tags/product-engineers/index.html").is_file()
    assert (app.outdir / "blog/page/2/index.html").is_file()
    byline = parse_html(app.outdir / "blog/zeta/index.html").select_one(".blog-byline")
    hrefs = {a.get_text(): a["href"] for a in byline.select("a")}
    assert hrefs["Bob Builder"] == "../authors/bob/"
    assert (app.outdir / "blog/zeta" / hrefs["Bob Builder"] / "index.html").resolve().is_file()


def test_show_drafts_lists_drafts_for_previews(module_tmp):
    app = build(copy_root("collections", module_tmp / "drafts"), blog_show_drafts=True)
    listed = all_pages(app, "blog/index")
    assert {"A draft nobody should see", "A post from the future", "Unlisted but reachable"} <= set(listed)
    assert listed[0] == "A post from the future"  # still newest first


def test_tag_list_and_cloud_sidebars(module_tmp):
    sidebars = {"index": ["blog/tags.html", "blog/tagcloud.html", "blog/authors.html"]}
    app = build(copy_root("collections", module_tmp / "sidebars"), html_sidebars=sidebars)
    html = parse_html(app.outdir / "index.html")
    tags = [a.get_text() for a in html.select(".blog-tags-list a")]
    cloud = html.select(".blog-tagcloud li")
    assert tags == ["Café Über", "Feedback", "Launch", "Planning", "Product engineers", "product-engineers"]
    assert [li.a.get_text() for li in cloud] == tags
    assert "blog-size-5" in cloud[2]["class"]  # Launch: the most used tag
    assert [a.get_text() for a in html.select(".blog-authors a")] == ["Ann Author", "Bob Builder", "Cat Coder"]
    for a in html.select(".blog-sidebar a"):
        assert (app.outdir / unquote(a["href"])).is_file(), a["href"]


def test_archive_pages_one_page_unless_paginated(site, module_tmp):
    assert listed_titles(site, "blog/tags/launch") == [
        "Theta: the newest listed post", "Eta estimates", "Beta: what we learned", "Alpha launch notes"
    ]
    assert not (site.outdir / "blog/tags/launch/page/2.html").exists()
    app = build(copy_root("collections", module_tmp / "paginated"), blog_paginate_archives=True)
    assert listed_titles(app, "blog/tags/launch") == ["Theta: the newest listed post", "Eta estimates",
                                                     "Beta: what we learned"]
    assert listed_titles(app, "blog/tags/launch/page/2") == ["Alpha launch notes"]


@pytest.mark.skipif(sphinx.version_info < (8, 1), reason="Sphinx 8.1 added the no-search class")
def test_lists_of_other_posts_are_not_indexed_for_search(site):
    """'rays' is only in Gamma's text: pages listing or linking Gamma are not found by it."""
    assert search_results(site, "rays") == {"blog/gamma"}
    # ... while Epsilon's page does show Gamma among its related posts, and the handbook lists it
    related = parse_html(site.outdir / "blog/epsilon.html").select_one(".blog-related")
    assert "Gamma rays of feedback" in related.get_text()
    cards = parse_html(site.outdir / "handbook.html").select_one("#cards-from-2022")
    assert "Gamma rays of feedback" in cards.get_text()


@pytest.mark.skipif(sphinx.version_info < (8, 1), reason="Sphinx 8.1 added the no-search class")
def test_every_posts_navigation_and_dates_are_not_indexed_but_its_authors_are(site):
    """'5 min read', the date and the breadcrumb are on every post: searching 'min',
    'January' or 'Blog' must not find them all.  An author's name finds their posts."""
    assert search_results(site, "min") == set()
    assert "blog/gamma" not in search_results(site, "january")  # Gamma is from January 10, 2022
    gamma = parse_html(site.outdir / "blog/gamma.html")
    assert gamma.select_one(".blog-reading-time").get_text().endswith("min read")
    assert gamma.select_one(".blog-date").get_text() == "January 10, 2022"
    assert gamma.select_one(".blog-breadcrumb a").get_text() == "Blog"
    assert "blog/gamma" not in search_results(site, "blog")
    assert "blog/gamma" in search_results(site, "Bob")


def search_results(site, word: str) -> set[str]:
    """The documents Sphinx's search finds by ``word`` (in their text or titles)."""
    text = (site.outdir / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(re.search(r"Search\.setIndex\((.*)\)\s*$", text, re.S).group(1))
    stem = snowballstemmer.stemmer("english").stemWord(word.lower())
    found: set[int] = set()
    for kind in ("terms", "titleterms"):
        numbers = index[kind].get(stem, [])
        found.update([numbers] if isinstance(numbers, int) else numbers)
    return {index["docnames"][number] for number in found}


@pytest.fixture(scope="module")
def sidebars_everywhere(module_tmp):
    return build(copy_root("collections", module_tmp / "everywhere"),
                 html_sidebars={"**": ["blog/recentposts.html", "blog/tagcloud.html"]})


@pytest.mark.parametrize("page", ["blog/theta", "blog/alpha", "blog/tags/feedback", "blog/index", "handbook"])
def test_sidebar_links_lead_to_their_pages_from_every_page(sidebars_everywhere, page):
    """Sidebars are shared by the pages of a folder: every link, also one to the
    current page itself, is a working relative link."""
    outdir = sidebars_everywhere.outdir
    path = outdir / f"{page}.html"
    html = parse_html(path)
    recent = {a.get_text(): a["href"] for a in html.select(".blog-recentposts li a")}
    assert list(recent) == LISTED_BLOG[:5]
    assert (path.parent / recent["Theta: the newest listed post"]).resolve() == outdir / "blog/theta.html"
    assert (path.parent / html.select_one(".blog-recentposts h3 a")["href"]).resolve() == outdir / "blog/index.html"
    tags = {a.get_text(): a["href"] for a in html.select(".blog-tagcloud a")}
    assert (path.parent / tags["Feedback"]).resolve() == outdir / "blog/tags/feedback.html"


@pytest.mark.parametrize("page", ["blog/index", "blog/page/2", "blog/tags/feedback", "blog/authors/ann",
                                  "blog/archive/2022", "blog/categories/engineering"])
def test_list_entries_link_to_their_posts_and_authors(site, page):
    """List entries are made once per folder and shared by its pages: every link works."""
    path = site.outdir / f"{page}.html"
    entries = parse_html(path).select(".blog-list-entry")
    assert entries
    for entry in entries:
        title = entry.select_one(".blog-list-title a")
        target = (path.parent / unquote(title["href"])).resolve()
        assert parse_html(target).title.get_text().startswith(title.get_text())
        for author in entry.select(".blog-author a"):
            assert (path.parent / unquote(author["href"])).resolve().parent == site.outdir / "blog/authors"
            assert (path.parent / unquote(author["href"])).resolve().is_file()
