"""Site-absolute links (``/blog/slug``, ``/handbook/x#heading``, copied site URLs).

Every link in the ``links`` root is followed in the built output: its href must
open the intended page and land on the intended heading, for ``html`` and
``dirhtml``, serial and ``-j 2``.  The corpus test at the end (``test_corpus_*``)
measures the same on the real PostHog posts when they are present.
"""

from __future__ import annotations

import collections
import re
import shutil
from pathlib import Path

import pytest
from bs4 import Tag

from sphinxext.blog.anchors import github_slug

from conftest import CORPUS, build, copy_root, parse_html, warnings_of

# link text -> (page it must open, heading it must land on; None: the page top)
LINKS = {
    "L-slug": ("blog/second-post", None),
    "L-slash": ("blog/second-post", None),
    "L-page": ("handbook/product/some-page", None),
    "L-heading": ("handbook/product/some-page", "Stage 1: Beginning"),
    "L-label": ("handbook/product/some-page", "A labelled heading"),
    "L-accents": ("handbook/product/some-page", "Café & crème brûlée"),
    "L-duplicate": ("handbook/product/some-page", "Overview"),
    "L-nested": ("blog/2024/nested", None),
    "L-folder": ("blog/index", None),
    "L-alias": ("blog/second-post", None),
    "L-postslug": ("blog/2024/nested", None),
    "L-baseurl": ("handbook/product/some-page", "Stage 1: Beginning"),
    "L-self": ("blog/first-post", "Q&A: why links?"),
    "L-inpage": ("blog/first-post", "Q&A: why links?"),
    "L-relative": ("handbook/product/some-page", "Stage 1: Beginning"),
    "L-mapped": ("company/handbook/values", "Step on toes"),
    "L-team": ("handbook/team", None),
    "L-first": ("blog/first-post", "Links out"),
    "L-up": ("blog/first-post", None),
    "L-doc": ("blog/first-post", None),
    "L-post": ("blog/first-post", None),
    "L-post-anchor": ("blog/second-post", "Back to the handbook"),
    "L-url": ("blog/2024/nested", None),
    "L-url-slug": ("blog/2024/nested", None),
}
PAGES = ("blog/first-post", "blog/second-post", "blog/2024/nested", "handbook/team", "handbook/broken")
# (file, line, message) of each broken link in the root: one warning each
BROKEN = [
    ("handbook/broken.md", 5, "site link '/docs/nowhere' matches no document"),
    ("handbook/broken.md", 7, "site link '/blog/missing-post' matches no document"),
    (
        "handbook/broken.md",
        8,
        "'/handbook/product/some-page#no-such-heading': "
        "no heading or label 'no-such-heading' in 'handbook/product/some-page'",
    ),
]


@pytest.fixture(scope="module")
def srcdir(module_tmp):
    return copy_root("links", module_tmp)


@pytest.fixture(scope="module", params=["html", "dirhtml"])
def site(request, srcdir):
    return build(srcdir, request.param)


@pytest.fixture(scope="module")
def parallel_site(module_tmp):
    # its own copy: a fresh environment, so the documents are read in 2 processes
    return build(copy_root("links", module_tmp / "parallel"), "html", parallel=2)


def outfile(app, docname: str) -> Path:
    return Path(app.builder.get_outfilename(docname))


def follow(page: Path, href: str) -> tuple[Path, str]:
    """The file and fragment a relative href opens from ``page``."""
    url, _, fragment = href.partition("#")
    target = (page.parent / url).resolve() if url else page
    return (target / "index.html" if target.is_dir() else target), fragment


def links_of(app) -> dict[str, tuple[str, str]]:
    """link text -> (page it is on, href) for the test links of the root."""
    found = {}
    for docname in PAGES:
        for a in parse_html(outfile(app, docname)).select("a[href]"):
            text = a.get_text()
            if text.startswith(("L-", "B-")):
                found[text] = (docname, str(a["href"]))
    return found


def heading_at(path: Path, fragment: str) -> str | None:
    """The heading text of the section the fragment lands in; None for the page top."""
    if not fragment:
        return None
    element = parse_html(path).find(id=fragment)
    assert isinstance(element, Tag), f"no id {fragment!r} in {path}"
    section = element if element.name == "section" else element.find_parent("section")
    assert section is not None
    heading = section.find(re.compile("^h[1-6]$"))
    assert heading is not None
    return heading.get_text().rstrip("¶")


def attr(html: Tag, selector: str, name: str) -> str:
    """An attribute of the element ``selector`` finds (which must exist)."""
    element = html.select_one(selector)
    assert element is not None, selector
    return str(element[name])


# -- every link form lands on its page and heading ------------------------------------


@pytest.mark.parametrize("text", sorted(LINKS))
def test_link_lands_on_page_and_heading(site, text):
    docname, href = links_of(site)[text]
    page, heading = LINKS[text]
    target, fragment = follow(outfile(site, docname), href)
    assert target == outfile(site, page).resolve(), href
    assert heading_at(target, fragment) == heading, href


def test_links_are_internal(site):
    html = parse_html(outfile(site, "blog/first-post"))
    for a in html.select("a[href]"):
        if a.get_text() in LINKS:
            assert "internal" in a["class"], a
            assert not str(a["href"]).startswith(("/", "http")), a


def test_other_hosts_and_unknown_pages_stay_urls(site):
    links = links_of(site)
    assert links["L-external"][1] == "https://example.org/blog/first-post"
    assert links["B-url"][1] == "https://example.com/docs/nowhere"
    # a site path with no page: a link to it on the public site
    assert links["B-docs"][1] == "https://example.com/docs/nowhere"
    assert links["B-post"][1] == "https://example.com/blog/missing-post"


def expected_warnings(srcdir: Path) -> list[str]:
    return [f"{srcdir / path}:{line}: WARNING: {message} [blog.link]" for path, line, message in BROKEN]


def test_broken_links_warn_once_with_file_and_line(site, srcdir):
    # also: no myst.xref_missing, nothing else
    assert warnings_of(site) == expected_warnings(srcdir)


def test_breadcrumb_links_to_blog_root(site):
    page = outfile(site, "blog/2024/nested")
    crumb = parse_html(page).select_one("section.blog-post > p.blog-breadcrumb")
    assert crumb is not None
    # right after the title, before the byline
    previous, following = crumb.find_previous_sibling(), crumb.find_next_sibling()
    assert previous is not None and previous.name == "h1"
    assert following is not None and "blog-byline" in following["class"]
    assert crumb.get_text() == "Company blog"
    assert follow(page, attr(crumb, "a", "href"))[0] == outfile(site, "blog/index").resolve()


def test_no_breadcrumb_outside_posts(site):
    assert parse_html(outfile(site, "handbook/team")).select(".blog-breadcrumb") == []


@pytest.mark.parametrize(
    ("alias", "post"), [("blog/old-name", "blog/second-post"), ("blog/new-slug", "blog/2024/nested")]
)
def test_redirect_pages_at_old_urls(site, alias, post):
    page = outfile(site, alias)
    html = parse_html(page)
    url = attr(html, 'meta[http-equiv="refresh"]', "content").split("url=", 1)[1]
    assert follow(page, url)[0] == outfile(site, post).resolve()
    assert attr(html, 'link[rel="canonical"]', "href") == "https://example.com/" + site.builder.get_target_uri(post)


def test_alias_never_replaces_a_page(site):
    # second-post also claims /handbook/team, which is a document: the document wins
    page = parse_html(outfile(site, "handbook/team"))
    assert page.select_one('meta[http-equiv="refresh"]') is None
    assert page.select_one("div.body h1") is not None


def test_without_baseurl_or_blog_page(module_tmp):
    srcdir = copy_root("links", module_tmp / "nobase")
    (srcdir / "blog" / "index.md").unlink()  # /blog is now the generated blog index
    (srcdir / "index.md").write_text((srcdir / "index.md").read_text().replace("blog/index\n", ""))
    app = build(srcdir, "html", blog_baseurl="")
    links = links_of(app)
    generated = outfile(app, "blog/index")
    assert generated.is_file()
    assert follow(outfile(app, "blog/first-post"), links["L-folder"][1])[0] == generated
    crumb = parse_html(outfile(app, "blog/first-post")).select_one(".blog-breadcrumb")
    assert crumb is not None and crumb.get_text() == "Blog"
    assert follow(outfile(app, "blog/first-post"), attr(crumb, "a", "href"))[0] == generated
    assert links["B-docs"][1] == "/docs/nowhere"
    assert links["B-post"][1] == "/blog/missing-post"
    # copied URLs are only recognised when the site's URL is known
    assert links["L-baseurl"][1] == "https://example.com/handbook/product/some-page#stage-1-beginning"
    assert [w for w in warnings_of(app) if "[blog.link]" in w] == expected_warnings(app.srcdir)


def test_parallel_build_gives_same_hrefs(parallel_site, srcdir):
    serial = build(srcdir, "html")
    assert links_of(parallel_site) == links_of(serial)
    assert sorted(warnings_of(parallel_site)) == expected_warnings(parallel_site.srcdir)
    anchors = parallel_site.env.get_domain("blog").anchors["handbook/product/some-page"]
    assert anchors["overview-1"] == "id1"


def test_linkcheck_runs_without_extension_problems(srcdir):
    app = build(srcdir, "linkcheck", linkcheck_ignore=[r"https?://.*"])
    warnings = warnings_of(app)
    assert "Traceback" not in app.warning.getvalue() + app.status.getvalue()
    # the same broken site links as the HTML builds, and nothing else from us
    assert [w for w in warnings if "[blog" in w] == expected_warnings(srcdir)


@pytest.mark.parametrize(
    ("heading", "slug"),
    [
        ("Stage 1: Beginning", "stage-1-beginning"),
        ("Why?", "why"),
        ("Café & crème brûlée", "café--crème-brûlée"),
        ("Fresh new look—and—feel", "fresh-new-lookandfeel"),
        ("snake_case and `code`", "snake_case-and-code"),
        ("TL;DR", "tldr"),
    ],
)
def test_github_slug(heading, slug):
    assert github_slug(heading) == slug


# -- the real corpus (PostHog posts and handbook), when present ------------------------

CORPUS_CONTENTS = CORPUS / "contents"
# a site path in a Markdown link, or the same page as a posthog.com URL
CORPUS_LINK = re.compile(r"\]\((?:https?://(?:www\.)?posthog\.com)?(/[^)\s]*)\)")


@pytest.fixture(scope="module")
def corpus(module_tmp):
    if not CORPUS_CONTENTS.is_dir():
        pytest.skip("no corpus at /work/shared/corpus/posthog")
    srcdir = module_tmp / "corpus"
    for path in [*CORPUS_CONTENTS.glob("blog/*.md"), *CORPUS_CONTENTS.glob("handbook/**/*.md")]:
        target = srcdir / path.relative_to(CORPUS_CONTENTS)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    shutil.copyfile(CORPUS / "src" / "data" / "authors.json", srcdir / "authors.json")
    (srcdir / "index.md").write_text("# Corpus\n\n```{toctree}\n:glob:\nhandbook/**\n```\n", encoding="utf-8")
    (srcdir / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinxext.blog"]\n'
        'blog_authors = "authors.json"\n'
        'blog_baseurl = "https://posthog.com/"\n',
        encoding="utf-8",
    )
    return srcdir, build(srcdir, "html")


def corpus_target(path: str, docs: set[str]) -> str | None:
    page = path.partition("#")[0].partition("?")[0].strip("/")
    return next((name for name in (page, f"{page}/index") if name in docs), None)


def internal_targets(app, docname: str) -> collections.Counter[str]:
    """Pages the internal links of a built post open (by docname)."""
    page = outfile(app, docname)
    outdir = Path(app.outdir).resolve()
    found: collections.Counter[str] = collections.Counter()
    for a in parse_html(page).select("div.body a.reference.internal[href]"):
        target, _ = follow(page, str(a["href"]))
        if target.suffix == ".html" and target.is_relative_to(outdir):
            found[target.relative_to(outdir).with_suffix("").as_posix()] += 1
    return found


def test_corpus_site_links_resolve(corpus):
    srcdir, app = corpus
    docs = set(app.env.all_docs)
    present = resolved = 0
    unresolved: dict[str, collections.Counter[str]] = {}
    for source in sorted((srcdir / "blog").glob("*.md")):
        docname = source.relative_to(srcdir).with_suffix("").as_posix()
        targets = [corpus_target(m[1], docs) for m in CORPUS_LINK.finditer(source.read_text(encoding="utf-8"))]
        expected = collections.Counter(t for t in targets if t)
        found = internal_targets(app, docname)
        present += sum(expected.values())
        resolved += sum(min(count, found[target]) for target, count in expected.items())
        if expected - found:
            unresolved[docname] = expected - found
    link_warnings = [w for w in warnings_of(app) if w.endswith("[blog.link]")]
    print(
        f"\ncorpus: {resolved}/{present} site links to pages present resolve to internal hrefs; "
        f"{len(link_warnings)} blog.link warnings "
        f"({sum('no heading or label' in w for w in link_warnings)} for missing anchors)"
    )
    assert present > 50
    assert unresolved == {}
    assert resolved == present
    # MyST still reports links that are neither site paths nor resolvable
    assert not any(re.search(r"target not found: '/[^/]", w) for w in warnings_of(app))


def html_pages(outdir: Path) -> dict[str, bytes]:
    return {str(path.relative_to(outdir)): path.read_bytes() for path in sorted(outdir.rglob("*.html"))}


@pytest.mark.parametrize("edit", ["remove heading", "add page"])
def test_pages_linking_to_an_edited_page_are_written_again(tmp_path, edit):
    """A link leads elsewhere after an edit of its target page only: the linking page is
    written again, and the whole output equals a fresh build's."""
    srcdir = copy_root("links", tmp_path)
    before = links_of(build(srcdir))
    if edit == "remove heading":  # the second "Overview" loses its number
        page = srcdir / "handbook/product/some-page.md"
        text = page.read_text(encoding="utf-8")
        page.write_text(text.replace("## Overview\n\nThe first overview.\n\n", "", 1), encoding="utf-8")
        changed = "L-duplicate"
    else:  # a page that a link pointed at in vain
        (srcdir / "docs").mkdir()
        (srcdir / "docs/nowhere.md").write_text("# Now here\n\nFound.\n", encoding="utf-8")
        changed = "B-docs"
    again = build(srcdir)
    after = links_of(again)
    assert after[changed] != before[changed]
    if edit == "add page":
        assert follow(outfile(again, after[changed][0]), after[changed][1])[0] == outfile(again, "docs/nowhere")
    fresh_src = tmp_path / "fresh"
    shutil.copytree(srcdir, fresh_src, ignore=shutil.ignore_patterns("_build"))
    fresh = build(fresh_src)
    mine, theirs = html_pages(again.outdir), html_pages(fresh.outdir)
    assert [name for name in mine.keys() | theirs.keys() if mine.get(name) != theirs.get(name)
            and name not in ("genindex.html", "search.html")] == []
