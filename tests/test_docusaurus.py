"""A Docusaurus blog moves over unchanged (issue 16): the ``test-docusaurus`` root built with
the extension and nothing but Docusaurus's own files (``authors.yml``, ``tags.yml``).

Every post is checked the way a reader sees it: a post, listed, with the date, authors,
tags, excerpt, anchors and old address Docusaurus gave it, and no MDX text anywhere
(body, ``<title>``, toctree, search index).  :func:`check_table` is the table the issue
asks for (``python -m pytest tests/test_docusaurus.py -k table -s`` prints it).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from sphinx.util.parallel import parallel_available
from test_build_consistency import differences, edit, snapshot

from conftest import build, copy_root, parse_html, warnings_of


@dataclass(frozen=True)
class Expected:
    date: str
    authors: tuple[tuple[str, str], ...]  # (name, role) in byline order
    tags: tuple[str, ...]  # labels, in order
    excerpt: str
    anchors: tuple[str, ...]
    address: str  # the post's URL on the Docusaurus site (a redirect page here)


POSTS = {
    "blog/2020-12-01-legacy-front-matter": Expected(
        "2020-12-01", (("Lena Fischer", "Designer"),), ("Docs infrastructure",),
        "This post still uses the single-author keys of Docusaurus 1. MARKER-LEGACY", (),
        "blog/2020/12/01/legacy-front-matter"),
    "blog/2021-03-09-releasing-docs-v2": Expected(
        "2021-03-09", (("Ann Lee", "Docs maintainer"), ("Raj Patel", "Release engineer")),
        ("Release", "Docs infrastructure"), "Version 2 of the docs toolkit is out today. MARKER-INTRO",
        ("faster-builds", "upgrade-guide"), "blog/2021/03/09/releasing-docs-v2"),
    "blog/2022/05-01-translations-beta": Expected(
        "2022-05-01", (("Ann Lee", "Docs maintainer"), ("Tomás Ruiz", "Community translator")),
        ("Internationalization", "beta"), "The docs can now be translated, one locale at a time. MARKER-INTRO",
        ("enable-locale", "translate-sidebar"), "blog/translations-beta"),
    "blog/2023-01-15-folder-post/index": Expected(
        "2023-01-15", (("Raj Patel", "Guest editor for this post"), ("Lena Fischer", "Designer")),
        ("Docs infrastructure", "Release"), "Every pull request builds a preview of the docs. MARKER-INTRO",
        ("previews",), "blog/2023/01/15/folder-post"),
    "blog/2023-06-30-single-author-object": Expected(
        "2023-07-02", (("Sam Okafor", "Guest writer"),), ("Release",),
        "Front matter date wins over the date in the file name. MARKER-GUEST", (),
        "blog/2023/06/30/single-author-object"),
    "blog/2024-02-10-no-front-matter": Expected(
        "2024-02-10", (), (), "Docusaurus reads the date from the file name and the title from the first heading.",
        ("inferred",), "blog/2024/02/10/no-front-matter"),
}
MDX_TEXT = re.compile(r":::|\{/\*|\{#")


@pytest.fixture(scope="module")
def site(module_tmp):
    return build(copy_root("docusaurus", module_tmp))


def page(app, docname: str) -> BeautifulSoup:
    return parse_html(Path(app.outdir) / f"{docname}.html")


def search_index(app) -> dict:
    text = (Path(app.outdir) / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


def body_without_code(soup: BeautifulSoup) -> str:
    body = soup.select_one("div.body")
    for code in body.select("pre, code"):
        code.decompose()
    return body.get_text(" ")


# -- the checks of the table: each returns what it found wrong, or '' ------------------------


def check_post(app, docname: str, expected: Expected) -> str:
    listed = page(app, "blog/index").select("p.blog-list-title a")
    hrefs = [a["href"] for a in listed]
    if docname not in app.env.get_domain("blog").posts or f"{docname.removeprefix('blog/')}.html" not in hrefs:
        return f"not a listed post ({hrefs})"
    return ""


def check_date(app, docname: str, expected: Expected) -> str:
    posting = next(data for data in jsonld(page(app, docname)) if data["@type"] == "BlogPosting")
    shown = page(app, docname).select_one(".blog-byline .blog-date")
    if posting["datePublished"] != expected.date or shown is None or not shown.get_text().strip():
        return f"{posting['datePublished']} / {shown}"
    return ""


def check_authors(app, docname: str, expected: Expected) -> str:
    authors = page(app, docname).select(".blog-byline .blog-author")
    found = tuple((a.select_one(".blog-author-name").get_text(), role.get_text() if (role := a.select_one(
        ".blog-author-role")) else "") for a in authors)
    return "" if found == expected.authors else str(found)


def check_tags(app, docname: str, expected: Expected) -> str:
    links = page(app, docname).select(".blog-byline .blog-tags a")
    found = tuple(a.get_text() for a in links)
    folder = (Path(app.outdir) / f"{docname}.html").parent
    missing = [a["href"] for a in links if not (folder / a["href"]).is_file()]
    return "" if found == expected.tags and not missing else f"{found} {missing}"


def check_excerpt(app, docname: str, expected: Expected) -> str:
    for entry in page(app, "blog/index").select("li.blog-list-entry"):
        if entry.select_one(".blog-list-title a")["href"] == f"{docname.removeprefix('blog/')}.html":
            excerpt = entry.select_one(".blog-excerpt").get_text()
            return "" if excerpt == expected.excerpt else excerpt
    return "not on the blog index"


def check_anchors(app, docname: str, expected: Expected) -> str:
    # the section's own id, or (docutils < 0.22) an element inside the section
    ids = {node["id"] for node in page(app, docname).select("section[id], section [id]")}
    return "" if set(expected.anchors) <= ids else str(sorted(ids))


def check_address(app, docname: str, expected: Expected) -> str:
    redirect = Path(app.outdir) / f"{expected.address}.html"
    if not redirect.is_file():
        return f"no page at {expected.address}"
    refresh = parse_html(redirect).select_one('meta[http-equiv="refresh"]')["content"]
    target = (redirect.parent / refresh.split("url=", 1)[1]).resolve()
    return "" if target == (Path(app.outdir) / f"{docname}.html").resolve() else refresh


def check_no_mdx_text(app, docname: str, expected: Expected) -> str:
    soup = page(app, docname)
    found = [where for where, text in (
        ("body", body_without_code(soup)),
        ("title", soup.title.get_text()),
        ("toctree", page(app, "index").select_one("div.toctree-wrapper").get_text()),
    ) if MDX_TEXT.search(text)]
    index = search_index(app)
    number = index["docnames"].index(docname)
    titles = [title for title, places in index["alltitles"].items() if any(p[0] == number for p in places)]
    titles.append(index["titles"][number])
    if any(MDX_TEXT.search(title) for title in titles) or any(MDX_TEXT.search(term) for term in index["terms"]):
        found.append("search index")
    return ", ".join(found)


CHECKS: dict[str, Callable[..., str]] = {
    "post, listed": check_post, "date": check_date, "authors": check_authors, "tags": check_tags,
    "excerpt": check_excerpt, "anchors": check_anchors, "old address": check_address,
    "no MDX text": check_no_mdx_text,
}


def jsonld(soup: BeautifulSoup) -> list[dict]:
    return [json.loads(script.string) for script in soup.select('script[type="application/ld+json"]')]


def check_table(app) -> dict[str, dict[str, str]]:
    """docname -> check -> '' (passed) or what was found instead (a page that is not a post's
    has no byline or JSON-LD: its checks fail with what was missing)."""

    def run(check: Callable[..., str], docname: str, expected: Expected) -> str:
        try:
            return check(app, docname, expected)
        except (AttributeError, KeyError, StopIteration, TypeError, ValueError) as error:
            return f"{type(error).__name__}: {error}"

    return {docname: {name: run(check, docname, expected) for name, check in CHECKS.items()}
            for docname, expected in POSTS.items()}


def test_table_every_post_passes_every_check(site):
    table = check_table(site)
    print("\n| post | " + " | ".join(CHECKS) + " |\n|" + " --- |" * (len(CHECKS) + 1))
    for docname, results in table.items():
        print(f"| `{docname.removeprefix('blog/')}` | " + " | ".join("✓" if not r else f"✗ {r}" for r in
                                                                      results.values()) + " |")
    assert {docname: {k: v for k, v in results.items() if v} for docname, results in table.items()} == {
        docname: {} for docname in POSTS
    }


def test_the_root_has_its_one_warning_and_every_post(site):
    assert sorted(site.env.get_domain("blog").posts) == sorted(POSTS)
    assert [line.split("WARNING: ")[1] for line in warnings_of(site)] == [
        "unknown tag 'beta' (not in blog/tags.yml) [blog.tag]"
    ]
    assert f"{Path(site.srcdir, 'blog/2022/05-01-translations-beta.mdx')}:11:" in warnings_of(site)[0]


def test_no_output_page_holds_mdx_text(site):
    outdir = Path(site.outdir)
    for path in outdir.rglob("*.html"):
        soup = parse_html(path)
        assert not MDX_TEXT.search(soup.title.get_text() if soup.title else ""), path
        body = soup.select_one("div.body")
        if body is not None:
            assert not MDX_TEXT.search(body_without_code(soup)), path
    assert not MDX_TEXT.search(json.dumps(search_index(site)["terms"])), "search index"


# -- tags from tags.yml ---------------------------------------------------------------------


def test_tag_pages_have_the_label_the_permalink_and_the_description(site):
    soup = page(site, "blog/tags/releases")
    assert soup.select_one(".blog-listing h1").get_text() == "Posts tagged “Release”"
    assert soup.select_one(".blog-listing-description").get_text() == (
        "Announcements of new versions of the docs tooling.")
    assert len(soup.select("li.blog-list-entry")) == 3
    assert page(site, "blog/tags/docs-infra").select_one(".blog-listing-description").get_text() == (
        "How the documentation site is built and deployed.")
    # a tag on no list keeps its name, its own page and no description
    beta = page(site, "blog/tags/beta")
    assert beta.select_one(".blog-listing h1").get_text() == "Posts tagged “beta”"
    assert beta.select_one(".blog-listing-description") is None
    index = [a.get_text() for a in page(site, "blog/tags/index").select("li.blog-term a")]
    assert index == ["beta", "Docs infrastructure", "Internationalization", "Release"]
    assert not (Path(site.outdir) / "blog/tags/release.html").exists()


def test_tag_labels_reach_social_tags_json_ld_and_feeds(site):
    soup = page(site, "blog/2021-03-09-releasing-docs-v2")
    assert [m["content"] for m in soup.select('meta[property="article:tag"]')] == ["Release", "Docs infrastructure"]
    atom = feedparser.parse(Path(site.outdir, "blog/atom.xml").read_bytes())
    entry = next(e for e in atom.entries if e.link.endswith("2021-03-09-releasing-docs-v2.html"))
    assert [tag.term for tag in entry.tags] == ["Release", "Docs infrastructure"]


# -- authors -------------------------------------------------------------------------------


def test_author_pages_follow_the_page_key_of_authors_yml(site):
    authors = Path(site.outdir, "blog/authors")
    assert sorted(path.name for path in authors.iterdir()) == [
        "all-raj-articles.html", "ann.html", "index.html", "lena.html"]
    byline = page(site, "blog/2021-03-09-releasing-docs-v2").select(".blog-byline a.blog-author-name")
    assert [a["href"] for a in byline] == ["authors/ann.html", "authors/all-raj-articles.html"]


def test_inline_authors_have_no_page_and_link_to_their_url(site):
    soup = page(site, "blog/2022/05-01-translations-beta")
    tomas = soup.select(".blog-byline .blog-author")[1]
    assert tomas.select_one("a.blog-author-name")["href"] == "https://example.com/tomas"
    assert tomas.select_one("img.blog-avatar")["src"] == "https://example.com/tomas.png"
    legacy = page(site, "blog/2020-12-01-legacy-front-matter").select_one(".blog-byline .blog-author")
    assert legacy.select_one("a")["href"] == "https://example.com/lena"
    assert "blog-author-unknown" not in str(legacy)
    names = [a.get_text() for a in page(site, "blog/authors/index").select("li.blog-term a")]
    assert names == ["Ann Lee", "Lena Fischer", "Raj Patel"]  # registry authors only


def test_inline_authors_in_json_ld_and_feeds(site):
    data = next(d for d in jsonld(page(site, "blog/2022/05-01-translations-beta")) if d["@type"] == "BlogPosting")
    assert data["author"][1] == {"@type": "Person", "name": "Tomás Ruiz", "url": "https://example.com/tomas",
                                 "sameAs": "https://example.com/tomas", "jobTitle": "Community translator"}
    overridden = next(d for d in jsonld(page(site, "blog/2023-01-15-folder-post/index"))
                      if d["@type"] == "BlogPosting")
    assert overridden["author"][0]["jobTitle"] == "Guest editor for this post"
    assert overridden["author"][0]["url"] == "https://docs.example.com/blog/authors/all-raj-articles.html"
    feed = json.loads(Path(site.outdir, "blog/feed.json").read_text(encoding="utf-8"))
    by_title = {item["title"]: item.get("authors", []) for item in feed["items"]}
    assert by_title["A post by a guest, written as one author object"] == [
        {"name": "Sam Okafor", "url": "https://example.com/sam"}]
    assert by_title["Our first post, with the old front matter"] == [
        {"name": "Lena Fischer", "url": "https://example.com/lena"}]
    rss = feedparser.parse(Path(site.outdir, "blog/rss.xml").read_bytes())
    assert any("Tomás Ruiz" in entry.get("author", "") for entry in rss.entries)


# -- the other keys -----------------------------------------------------------------------------


def test_folder_post_hero_hides_anchors_and_links_relative_to_its_folder(site):
    soup = page(site, "blog/2023-01-15-folder-post/index")
    assert soup.select_one("img.blog-hero-image")["src"] == "../../_images/pipeline.png"
    assert soup.select_one('meta[property="og:image"]')["content"] == "https://docs.example.com/_images/pipeline.png"
    assert soup.select("a.headerlink") == []  # hide_table_of_contents, like hideAnchor
    assert soup.find("a", string="the release notes")["href"] == "../2021-03-09-releasing-docs-v2.html"
    assert soup.find("a", string="the upgrade guide")["href"] == "../2021-03-09-releasing-docs-v2.html#upgrade-guide"


def test_description_and_keywords(site):
    soup = page(site, "blog/2021-03-09-releasing-docs-v2")
    assert soup.select_one('meta[name="description"]')["content"] == (
        "Version 2 is out, with faster builds and a new theme.")
    assert soup.select_one('meta[name="keywords"]')["content"] == "release, toolkit"


def test_a_post_is_found_by_its_name_without_the_date(tmp_path):
    srcdir = copy_root("docusaurus", tmp_path)
    (srcdir / "links.md").write_text(
        "---\norphan: true\n---\n# Links\n\n[By name](/blog/releasing-docs-v2), {blog:post}`releasing-docs-v2` and "
        "[by slug](/blog/translations-beta).\n", encoding="utf-8")
    app = build(srcdir)
    hrefs = [a["href"] for a in page(app, "links").select("div.body a.reference")]
    assert hrefs == ["blog/2021-03-09-releasing-docs-v2.html"] * 2 + ["blog/2022/05-01-translations-beta.html"]
    assert [w for w in warnings_of(app) if "links.md" in w] == []


def test_without_dates_from_paths_dated_files_are_not_posts(tmp_path):
    app = build(copy_root("docusaurus", tmp_path), blog_date_from_path=False)
    assert sorted(app.env.get_domain("blog").posts) == ["blog/2023-06-30-single-author-object"]
    not_posts = [w for w in warnings_of(app) if "not a post: no 'date'" in w]
    assert len(not_posts) == 4  # the file without frontmatter has nothing that says "post"
    assert not (Path(app.outdir) / "blog/2021/03/09/releasing-docs-v2.html").exists()


# -- the same site with -j 2, and after editing tags.yml or authors.yml --------------------------


@pytest.mark.skipif(not parallel_available, reason="parallel builds need fork()")
def test_parallel_build_is_identical(site, module_tmp):
    parallel = build(copy_root("docusaurus", module_tmp / "parallel"), parallel=2)
    assert [w.split("docusaurus/", 1)[1] for w in warnings_of(parallel)] == [
        w.split("docusaurus/", 1)[1] for w in warnings_of(site)]
    assert differences(snapshot(parallel.outdir), snapshot(site.outdir)) == []


TAGS_EDIT = ("blog/tags.yml", "  label: Release\n", "  label: Releases and upgrades\n")
TAGS_DESCRIPTION_EDIT = ("blog/tags.yml", "Translating the documentation.", "Translating the docs into any language.")
AUTHORS_EDIT = ("blog/authors.yml", "  title: Docs maintainer\n", "  title: Lead maintainer\n")


@pytest.mark.parametrize("changes", [(TAGS_EDIT, TAGS_DESCRIPTION_EDIT), (AUTHORS_EDIT,)], ids=["tags", "authors"])
def test_editing_a_list_rewrites_what_shows_it_as_a_fresh_build_would(tmp_path, changes):
    srcdir = copy_root("docusaurus", tmp_path / "incremental")
    build(srcdir)
    before = snapshot(Path(srcdir, "_build", "html"))
    for change in changes:
        edit(srcdir, change)
    again = build(srcdir)
    fresh_src = copy_root("docusaurus", tmp_path / "fresh")
    for change in changes:
        edit(fresh_src, change)
    fresh = build(fresh_src)
    after = snapshot(Path(again.outdir))
    assert differences(after, snapshot(Path(fresh.outdir))) == []
    changed = {name for name in after if after[name] != before.get(name)}
    if changes[0] is TAGS_EDIT:
        assert {"blog/tags/releases.html", "blog/tags/i18n.html", "blog/tags/index.html",
                "blog/2021-03-09-releasing-docs-v2.html"} <= changed
        assert "Releases and upgrades" in (Path(again.outdir) / "blog/tags/releases.html").read_text(encoding="utf-8")
    else:
        assert {"blog/authors/ann.html", "blog/2021-03-09-releasing-docs-v2.html"} <= changed
        assert "Lead maintainer" in (Path(again.outdir) / "blog/authors/ann.html").read_text(encoding="utf-8")


# -- author pages, local avatars and impossible dates ------------------------------------------------


def test_page_false_means_no_author_page_and_a_bad_page_value_is_a_warning(tmp_path):
    srcdir = copy_root("docusaurus", tmp_path)
    registry = srcdir / "blog/authors.yml"
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text.replace("  title: Designer\n", "  title: Designer\n  page: false\n")
                        .replace("  page: true\n", "  page: maybe\n"), encoding="utf-8")
    app = build(srcdir)
    assert not (Path(app.outdir) / "blog/authors/lena.html").exists()
    assert (Path(app.outdir) / "blog/authors/ann.html").exists()  # a bad value: a page, with a warning
    lena = page(app, "blog/2023-01-15-folder-post/index").select(".blog-byline .blog-author")[1]
    assert lena.select_one(".blog-author-name").name == "span"  # no page and no URL: the name alone
    index = page(app, "blog/authors/index").select("li.blog-term")
    assert [(li.a is not None, li.get_text(" ", strip=True)) for li in index] == [
        (True, "Ann Lee (2)"), (False, "Lena Fischer (1)"), (True, "Raj Patel (2)")]
    bad = [w for w in warnings_of(app) if "'page' of author 'ann'" in w]
    assert len(bad) == 1 and f"{registry}:1:" in bad[0] and "[blog.author]" in bad[0]


def test_a_local_avatar_of_an_inline_author_is_copied(tmp_path):
    srcdir = copy_root("docusaurus", tmp_path)
    post = srcdir / "blog/2023-01-15-folder-post/index.mdx"
    post.write_text(post.read_text(encoding="utf-8").replace(
        "  - lena\n", "  - lena\n  - {name: Kim, image_url: ./img/pipeline-dark.png}\n"
                      "  - {name: Lost, image_url: ./img/missing.png}\n"), encoding="utf-8")
    app = build(srcdir)
    avatars = page(app, "blog/2023-01-15-folder-post/index").select(".blog-byline img.blog-avatar")
    assert [img["alt"] for img in avatars] == ["Raj Patel", "Lena Fischer", "Kim"]
    assert avatars[2]["src"] == "../../_images/pipeline-dark.png"
    missing = [w for w in warnings_of(app) if "missing.png" in w]
    assert len(missing) == 1 and "index.mdx:3:" in missing[0] and "not found [blog.image]" in missing[0]


def test_an_impossible_date_in_a_file_name_is_a_warning_and_a_draft(tmp_path):
    srcdir = copy_root("docusaurus", tmp_path)
    (srcdir / "blog/2021-02-30-leap.md").write_text("---\ntitle: Leap\n---\n\nText.\n", encoding="utf-8")
    app = build(srcdir)
    assert "blog/2021-02-30-leap" in app.env.get_domain("blog").posts
    found = [w for w in warnings_of(app) if "2021-02-30-leap.md" in w]
    assert [w.split("WARNING: ")[1] for w in found] == [
        "the date '2021-02-30' in the file's path is not a real date [blog.date]"]
    listed = [a.get_text() for a in page(app, "blog/index").select(".blog-listing .blog-list-title a")]
    assert listed and "Leap" not in listed  # a draft: listed nowhere (the theme's toctree may name it)


def test_with_myst_colon_fence_on_both_kinds_of_admonition_work(tmp_path):
    srcdir = copy_root("docusaurus", tmp_path)
    (srcdir / "myst-note.md").write_text("---\norphan: true\n---\n# MyST\n\n:::{note}\nA MyST note.\n:::\n",
                                         encoding="utf-8")
    app = build(srcdir, myst_enable_extensions=["colon_fence"])
    assert [line.split("WARNING: ")[1] for line in warnings_of(app)] == [
        "unknown tag 'beta' (not in blog/tags.yml) [blog.tag]"]
    assert page(app, "myst-note").select_one("div.admonition.note p:not(.admonition-title)").get_text() == (
        "A MyST note.")
    tip = page(app, "blog/2023-06-30-single-author-object").select_one("div.admonition.tip")
    assert tip.select_one("p.admonition-title").get_text() == "Guest tip"
    table = check_table(app)
    assert all(not problem for results in table.values() for problem in results.values()), table
