"""An ABlog site switched to the extension by one word in ``extensions`` (issue 18).

The site is ``tests/roots/test-ablog``: MyST posts with ABlog frontmatter, MyST and
reST ``post`` directives, an ``update``, a redirect, a draft, a post matched by
``blog_post_pattern``, ABlog ``postlist``s, ``{ref}`` links to ABlog's labels, its
``conf.py`` and sidebars.  It is built as a user would after replacing ``"ablog"``
by ``"sphinxext.blog"``, and, when ABlog is installed, with ABlog itself (in a
subprocess) to compare the two sites' posts and URLs.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sphinxext.blog.ablog import authors_registry
from sphinxext.blog.ablog_links import post_label
from sphinxext.blog.ablog_options import ablog_slugify, file_patterns, translate

from conftest import build, copy_root, parse_html, warnings_of

HAS_ABLOG = importlib.util.find_spec("ablog") is not None
NO_ABLOG = "ABlog is not installed (pip install ablog, or the 'test' extra): the comparison with ABlog is skipped"

#: every post of the root as ABlog shows it (title, date, authors, tags, category; draft)
POSTS = {
    "blog/2024/rueckblick-q2": ("Rückblick auf das zweite Quartal", "2024-07-05",
                                ["Mira Okafor", "Tomás Lindqvist"], ["team", "retrospective"], ["Team life"]),
    "blog/2024/sqlite-timers": ("Keeping timers in SQLite", "2024-06-20", ["Jun Park"],
                                ["performance", "tooling & CI"], ["Engineering"]),
    "blog/2024/offsite/index": ("Two rainy days in Bergen", "2024-05-02", ["Tomás Lindqvist", "Jun Park"],
                                ["team", "travel"], ["Team life"]),
    "blog/2024/release-0-4": ("Kettle 0.4: named brews", "2024-03-08", ["Mira Okafor", "Jun Park"],
                              ["release notes", "tooling & CI"], ["Releases"]),
    "blog/2024/hello-kettle": ("Hello from the Kettle team", "2024-01-15", ["Mira Okafor"], ["welcome", "team"],
                               ["News"]),
    "blog/2023/year-one": ("One year of Kettle", "2023-12-28", ["Tomás Lindqvist"], ["team", "retrospective"],
                           ["News"]),
    "blog/2023/tea-talk": ("Our talk at the autumn meetup", "2023-10-12", ["Mira Okafor"], ["talks"], ["News"]),
}
DRAFTS = {"blog/2024/roadmap": ("What comes after 1.0", "2099-12-31", ["Tomás Lindqvist"], ["roadmap"], ["News"])}
DATES = {"2024-07-05": "Jul 05, 2024", "2024-06-20": "Jun 20, 2024", "2024-05-02": "May 02, 2024",
         "2024-03-08": "Mar 08, 2024", "2024-01-15": "Jan 15, 2024", "2023-12-28": "Dec 28, 2023",
         "2023-10-12": "Oct 12, 2023"}

#: the HTML pages and feeds ABlog 0.11.13 writes for the root (checked against ABlog when installed)
def _names(text: str) -> list[str]:
    return text.split()


ABLOG_PAGES = _names("""
about blog blog/2023 blog/2023/tea-talk blog/2023/year-one blog/2024 blog/2024/hello-kettle
blog/2024/offsite/index blog/2024/release-0-4 blog/2024/roadmap blog/2024/rueckblick-q2
blog/2024/sqlite-timers blog/archive blog/author blog/author/jun-park blog/author/mira-okafor
blog/author/tomas-lindqvist blog/category blog/category/engineering blog/category/news
blog/category/releases blog/category/team-life blog/drafts blog/language blog/language/deutsch
blog/language/english blog/location blog/location/bergen blog/q2-retro blog/tag blog/tag/performance
blog/tag/release-notes blog/tag/retrospective blog/tag/talks blog/tag/team blog/tag/tooling-ci
blog/tag/travel blog/tag/welcome genindex index search
""")
ABLOG_FEEDS = _names("""
blog blog/2023 blog/2024 blog/author/jun-park blog/author/mira-okafor blog/author/tomas-lindqvist
blog/category/engineering blog/category/news blog/category/releases blog/category/team-life
blog/language/deutsch blog/language/english blog/location/bergen blog/tag/performance
blog/tag/release-notes blog/tag/retrospective blog/tag/talks blog/tag/team blog/tag/tooling-ci
blog/tag/travel blog/tag/welcome
""")
#: the two settings of the root with no equivalent: one blog.ablog warning each, and nothing else
EXPECTED_WARNINGS = ("disqus_shortname", "fontawesome_included")


def switched(tmp_path: Path) -> Path:
    """The root with "ablog" replaced by "sphinxext.blog" in conf.py, and nothing else."""
    src = copy_root("ablog", tmp_path)
    conf = src / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace('"ablog"', '"sphinxext.blog"'), encoding="utf-8")
    return src


@pytest.fixture(scope="module")
def site(module_tmp):
    return build(switched(module_tmp / "plain"), "html")


@pytest.fixture(scope="module")
def old_urls(module_tmp):
    src = switched(module_tmp / "old-urls")
    return {name: build(src, name, blog_ablog_urls=True) for name in ("html", "dirhtml")}


@pytest.fixture(scope="module")
def ablog_site(module_tmp):
    if not HAS_ABLOG:
        pytest.skip(NO_ABLOG)
    src = copy_root("ablog", module_tmp / "with-ablog")
    out = module_tmp / "ablog-out"
    script = Path(__file__).with_name("ablog_site.py")
    done = subprocess.run([sys.executable, str(script), str(src), str(out)], capture_output=True, text=True,
                          cwd=module_tmp, check=False, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr, done.stderr  # the root is a clean ABlog site
    return json.loads(done.stdout)


# -- building -------------------------------------------------------------------------------


def _only_documented_warnings(app) -> None:
    warnings = warnings_of(app)
    assert len(warnings) == len(EXPECTED_WARNINGS), "\n".join(warnings)
    for setting, line in zip(EXPECTED_WARNINGS, warnings, strict=True):
        assert re.search(rf"conf\.py:\d+: WARNING: ABlog's {setting} is not supported: .+\[blog\.ablog\]$", line)


def test_builds_with_only_the_warnings_of_settings_without_equivalent(site):
    _only_documented_warnings(site)


def test_parallel_build_gives_the_same_pages(site, module_tmp):
    app = build(switched(module_tmp / "parallel"), "html", parallel=2)
    _only_documented_warnings(app)
    for page in ("about.html", "blog/index.html", "blog/2024/sqlite-timers.html"):
        ours = parse_html(site.outdir / page).select_one("div.body")
        theirs = parse_html(app.outdir / page).select_one("div.body")
        assert str(ours) == str(theirs), page


# -- posts --------------------------------------------------------------------------------


def _byline(page) -> tuple[list[str], list[str], list[str]]:
    byline = page.select_one(".blog-byline")
    return ([a.get_text(strip=True) for a in byline.select(".blog-author-name")],
            [t.get_text(strip=True) for t in byline.select(".blog-tag")],
            [c.get_text(strip=True) for c in byline.select(".blog-category")])


def test_every_post_is_listed_with_its_ablog_title_date_and_authors(site):
    index = parse_html(site.outdir / "blog/index.html")
    entries = index.select("li.blog-list-entry")
    listed = []
    for entry in entries:
        link = entry.select_one(".blog-list-title a")
        meta = entry.select_one(".blog-list-meta")
        listed.append((link["href"], link.get_text(strip=True), meta.time.get_text(strip=True),
                       [a.get_text(strip=True) for a in meta.select(".blog-author")]))
    expected = [(f"{docname.removeprefix('blog/')}.html", title, DATES[date], authors)
                for docname, (title, date, authors, _tags, _categories) in POSTS.items()]
    assert listed == expected  # newest first, the draft left out


@pytest.mark.parametrize("docname", [*POSTS, *DRAFTS])
def test_every_post_page_shows_its_authors_tags_and_category(site, docname):
    _title, _date, authors, tags, categories = {**POSTS, **DRAFTS}[docname]
    page = parse_html(site.outdir / f"{docname}.html")
    assert _byline(page) == (authors, tags, categories)
    assert bool(page.select(".blog-draft-notice")) == (docname in DRAFTS)


def test_same_posts_as_ablog(site, ablog_site):
    domain = site.env.get_domain("blog")
    ours = []
    for post in sorted(domain.posts.values(), key=lambda post: post.docname):
        entry = domain.views.entry(post)
        ours.append({
            "docname": post.docname, "title": post.title, "date": post.date.date().isoformat(),
            "authors": [author.name for author in entry.authors], "tags": list(post.tags),
            "categories": list(post.categories), "draft": not domain.catalog.is_listed(post),
        })
    assert ours == ablog_site["posts"]


def test_reST_post_has_what_myst_posts_have(site):
    page = parse_html(site.outdir / "blog/2024/rueckblick-q2.html")
    section = page.select_one("section.blog-post")
    assert section.h1.get_text(strip=True).startswith("Rückblick auf das zweite Quartal")
    assert section.select_one(".blog-breadcrumb a").get_text(strip=True) == "Kettle Team Blog"
    assert section.select_one(".blog-prevnext .blog-older a")["href"] == "sqlite-timers.html"
    assert section.select(".blog-related a")
    feed = (site.outdir / "blog/atom.xml").read_text(encoding="utf-8")
    assert "Rückblick auf das zweite Quartal" in feed and "Drei Dinge liefen gut" in feed


def test_post_directive_content_is_the_excerpt_and_stays_unless_excluded(site):
    index = parse_html(site.outdir / "blog/index.html")
    excerpts = {e.select_one(".blog-list-title a").get_text(strip=True): e.select_one(".blog-excerpt").get_text()
                for e in index.select("li.blog-list-entry")}
    assert excerpts["Two rainy days in Bergen"].startswith("We met in person")
    assert excerpts["Our talk at the autumn meetup"].startswith("The slides and recording")
    # excerpt: 2 -> the first two paragraphs
    assert excerpts["Keeping timers in SQLite"].endswith("starts, pauses or ends.")
    offsite = parse_html(site.outdir / "blog/2024/offsite/index.html").select_one("section.blog-post")
    assert "We met in person" in offsite.get_text()
    talk = parse_html(site.outdir / "blog/2023/tea-talk.html").select_one("section.blog-post")
    assert "The slides and recording" not in talk.get_text()  # :exclude:
    assert talk.select_one(".blog-external-link a")["href"] == "https://kettle.example.org/talks/autumn-meetup"
    assert talk.h1.get_text(strip=True).startswith("Slides: timing tea")  # :title: names the post only


def test_post_auto_image_is_the_post_image_without_a_hero(site):
    index = parse_html(site.outdir / "blog/index.html")
    images = [img["src"] for img in index.select("img.blog-thumbnail")]
    assert images == ["../_images/harbour.png"]
    assert not parse_html(site.outdir / "blog/2024/offsite/index.html").select(".blog-hero")


def test_update_box(site):
    box = parse_html(site.outdir / "blog/2024/sqlite-timers.html").select_one("div.blog-update.admonition")
    assert box.select_one(".admonition-title").get_text() == "Updated on Jul 01, 2024"
    assert "Raspberry Pi" in box.get_text()


def test_redirect_option_keeps_the_old_page(site):
    page = (site.outdir / "blog/q2-retro.html").read_text(encoding="utf-8")
    assert 'url=2024/rueckblick-q2.html"' in page


def test_ablog_postlists(site):
    index = parse_html(site.outdir / "index.html")
    latest, team, releases = index.select(".blog-postlist")
    assert [a.get_text() for a in latest.select(".blog-list-title a")] == [
        "Rückblick auf das zweite Quartal", "Keeping timers in SQLite", "Two rainy days in Bergen"]
    assert latest.select(".blog-excerpt")  # :excerpts:
    assert "blog-list-style-circle" in team["class"]
    assert [a.get_text() for a in team.select("a")] == [  # :tags: team, :sort: (oldest first)
        "One year of Kettle", "Hello from the Kettle team", "Two rainy days in Bergen",
        "Rückblick auf das zweite Quartal"]
    assert [a.get_text() for a in releases.select("a")] == ["Kettle 0.4: named brews"]


def test_ablog_sidebars_are_the_blogs(site):
    page = parse_html(site.outdir / "blog/2024/hello-kettle.html")
    sidebar = page.select_one(".sphinxsidebar")
    for css in ("blog-postinfo", "blog-recentposts", "blog-tagcloud", "blog-categories", "blog-archives",
                "blog-authors"):
        assert sidebar.select_one(f".{css}"), css


# -- labels ----------------------------------------------------------------------------------------


ABOUT_LINKS = [
    ("blog/2024/hello-kettle.html", "Hello from the Kettle team"),
    ("blog/2024/offsite/index.html", "the offsite notes"),
    ("blog/index.html", "Kettle Team Blog"),
    ("blog/archive/index.html", "Archive"),
    ("blog/tags/team.html", "team"),
    ("blog/tags/release-notes.html", "release notes"),
    ("blog/tags/tooling-ci.html", "tooling & CI"),
    ("blog/categories/releases.html", "Releases"),
    ("blog/categories/team-life.html", "Team life"),
    ("blog/authors/mira.html", "Mira Okafor"),
    ("blog/authors/tomas.html", "Tomás Lindqvist"),
    ("blog/archive/2024.html", "2024"),
    ("blog/archive/2023.html", "2023"),
    ("blog/index.html", "Deutsch"),
    ("blog/index.html", "Bergen"),
    ("blog/index.html", "Drafts"),
]


def test_ablog_labels_lead_to_our_pages(site):
    about = parse_html(site.outdir / "about.html")
    links = [(a["href"], a.get_text()) for a in about.select("div.body a.reference.internal")]
    assert links == ABOUT_LINKS
    sqlite = parse_html(site.outdir / "blog/2024/sqlite-timers.html")
    refs = [(a["href"], a.get_text()) for a in sqlite.select("section.blog-post > p a.reference.internal")]
    assert ("release-0-4.html", "Kettle 0.4: named brews") in refs
    assert ("../tags/performance.html", "performance") in refs


def test_labels_without_pages_are_text_in_other_builders(module_tmp):
    app = build(switched(module_tmp / "text"), "text")
    _only_documented_warnings(app)
    about = (app.outdir / "about.txt").read_text(encoding="utf-8")
    assert "tags: *team*, *release notes*, *tooling & CI*" in about
    assert "Start with *Hello from the Kettle team*" in about


# -- old URLs -------------------------------------------------------------------------------------


def _outfile(outdir: Path, page: str, builder: str) -> Path:
    if builder == "dirhtml" and page != "index" and not page.endswith("/index"):
        return outdir / page / "index.html"
    return outdir / f"{page}.html"


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_every_old_ablog_url_exists(old_urls, builder):
    app = old_urls[builder]
    _only_documented_warnings(app)
    outdir = Path(app.outdir)
    for page in ABLOG_PAGES:
        path = _outfile(outdir, page, builder)
        assert path.is_file(), page
        text = path.read_text(encoding="utf-8")
        target = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', text)
        if target is not None:  # a redirect: to a page that exists
            assert (path.parent / target.group(1)).resolve().exists() or target.group(1).endswith("/"), page
            landing = (path.parent / target.group(1)).resolve()
            assert (landing / "index.html" if landing.is_dir() else landing).is_file(), page
    for folder in ABLOG_FEEDS:
        feed = outdir / folder / "atom.xml"
        assert feed.is_file(), folder
        assert "<entry" in feed.read_text(encoding="utf-8"), folder


def test_old_urls_lead_to_the_pages_with_the_same_posts(old_urls):
    outdir = Path(old_urls["html"].outdir)
    leads = {}
    for old in ("blog/tag/tooling-ci", "blog/author/tomas-lindqvist", "blog/2023", "blog/category/team-life",
                "blog/drafts", "blog/language/deutsch", "blog/tag", "blog"):
        text = (outdir / f"{old}.html").read_text(encoding="utf-8")
        leads[old] = re.search(r'url=([^"]+)"', text).group(1)
    assert leads == {
        "blog/tag/tooling-ci": "../tags/tooling-ci.html", "blog/author/tomas-lindqvist": "../authors/tomas.html",
        "blog/2023": "archive/2023.html", "blog/category/team-life": "../categories/team-life.html",
        "blog/drafts": "index.html", "blog/language/deutsch": "../index.html", "blog/tag": "tags/index.html",
        "blog": "blog/index.html",
    }
    feed = (outdir / "blog/tag/tooling-ci/atom.xml").read_text(encoding="utf-8")
    assert feed.count("<entry>") == 2 and "Keeping timers in SQLite" in feed


def test_old_urls_are_removed_with_their_term(tmp_path):
    src = switched(tmp_path)
    build(src, "html", blog_ablog_urls=True)
    post = src / "blog/2023/tea-talk.md"
    post.write_text(post.read_text(encoding="utf-8").replace(":tags: talks", ":tags: team"), encoding="utf-8")
    app = build(src, "html", blog_ablog_urls=True)
    assert not (Path(app.outdir) / "blog/tag/talks.html").exists()
    assert not (Path(app.outdir) / "blog/tag/talks/atom.xml").exists()
    assert (Path(app.outdir) / "blog/tag/team.html").exists()


def test_ablog_writes_the_urls_listed_here(ablog_site):
    files = set(ablog_site["files"])
    assert {name.removesuffix(".html") for name in files if name.endswith(".html")} == set(ABLOG_PAGES)
    assert {name.removesuffix("/atom.xml") for name in files if name.endswith(".xml")} == set(ABLOG_FEEDS)


# -- units -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "slug"), [
    ("tooling & CI", "tooling-ci"), ("release notes", "release-notes"), ("Tomás Lindqvist", "tomas-lindqvist"),
    ("A/B", "ab"), ("C++", "c"), ("Café", "cafe"), ("under_score", "under_score"), ("-x-", "-x-"), ("!!", ""),
])
def test_ablog_slugify(name, slug):
    assert ablog_slugify(name) == slug


@pytest.mark.parametrize(("docname", "label"), [
    ("blog/2024/hello-kettle", "hello-kettle"), ("blog/2024/offsite/index", "offsite"), ("index", "index"),
])
def test_post_label(docname, label):
    assert post_label(docname) == label


def test_translate_ablog_keys():
    data = {"date": "20/06/2024", "redirect": "old/a, old/b", "excerpt": 2, "image": "1", "language": "de, en",
            "location": "bergen", "external_link": " https://x.example ", "nocomments": "", "tags": "a, b",
            "canonical_link": "https://y.example"}
    result = translate(data, dict.fromkeys(data, 3), "%d/%m/%Y")
    assert result.data == {"date": __import__("datetime").date(2024, 6, 20), "redirect_from": "old/a, old/b",
                           "tags": "a, b"}
    assert result.lines == {"date": 3, "redirect_from": 3, "tags": 3}
    assert (result.extra.excerpt_paragraphs, result.extra.image_number) == (2, 1)
    assert result.extra.languages == ("de", "en") and result.extra.locations == ("bergen",)
    assert result.extra.external_link == "https://x.example"
    assert result.unsupported == ["canonical_link"]
    # the extension's own meaning of image and excerpt stays
    kept = translate({"image": "hero.png", "excerpt": "Some text"}, {}, "%d %B %Y")
    assert kept.data == {"image": "hero.png", "excerpt": "Some text"}


def test_authors_registry_tuple_form():
    converted = authors_registry({"a": ("Ann", "https://a.example"), "b": ("Bo", None), "c": {"name": "Cy"}})
    assert converted == {"a": {"name": "Ann", "url": "https://a.example"}, "b": {"name": "Bo"}, "c": {"name": "Cy"}}
    assert authors_registry("authors.yml") == "authors.yml"


def test_file_patterns():
    assert file_patterns(["blog/2023/*.md", "blog/**", "posts/**/*.rst", "x/*.txt"], (".md", ".rst")) == (
        "blog/2023/*", "posts/**/*")


# -- small sites -------------------------------------------------------------------------------


def _site(tmp_path: Path, files: dict[str, str], **conf) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    lines = ['extensions = ["myst_parser", "sphinxext.blog"]', 'exclude_patterns = ["_build"]',
             'blog_baseurl = "https://example.com/"']
    lines += [f"{key} = {value!r}" for key, value in conf.items()]
    (src / "conf.py").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (src / "index.md").write_text("# Home\n", encoding="utf-8")
    for name, text in files.items():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_text(text, encoding="utf-8")
    return src


def test_title_from_the_first_heading(tmp_path):
    app = build(_site(tmp_path, {
        "blog/heading.md": "---\ndate: 2024-01-02\n---\n\n# Title from the heading\n\nText.\n",
        "blog/hidden.md": "---\ndate: 2024-01-03\nshowTitle: false\n---\n\n# A hidden heading\n\nText.\n",
        "blog/none.md": "---\ndate: 2024-01-04\n---\n\nNo heading at all.\n",
    }))
    warnings = warnings_of(app)
    assert len(warnings) == 1 and "none.md:1: WARNING: post has no 'title' [blog.frontmatter]" in warnings[0]
    posts = app.env.get_domain("blog").posts
    assert posts["blog/heading"].title == "Title from the heading"
    assert "blog-title-hidden" in parse_html(app.outdir / "blog/hidden.html").h1["class"]


def test_frontmatter_wins_over_the_post_directive(tmp_path):
    app = build(_site(tmp_path, {
        "blog/both.md": "---\nblogpost: true\ndate: 2024-02-01\ntags: [one]\n---\n\n# Both\n\n"
                        "```{post} 2024-02-01\n:tags: two\n:category: Notes\n```\n\nText.\n",
    }))
    warnings = warnings_of(app)
    assert len(warnings) == 1 and "'tags' is given by the frontmatter and by the 'post' directive" in warnings[0]
    assert "[blog.ablog]" in warnings[0]
    post = app.env.get_domain("blog").posts["blog/both"]
    assert (post.tags, post.categories) == (("one",), ("Notes",))


def test_ablog_frontmatter_keys_in_myst(tmp_path):
    app = build(_site(tmp_path, {
        "blog/a.md": "---\nblogpost: true\ndate: 12/05/2024\nexcerpt: 2\nimage: 1\nredirect: blog/old-a\n"
                     "language: de\n---\n\n# A\n\nOne.\n\n![pic](pic.png)\n\nTwo.\n\nThree.\n",
        "blog/pic.png": "",
    }, post_date_format="%d/%m/%Y"))
    assert not warnings_of(app)
    post = app.env.get_domain("blog").posts["blog/a"]
    assert post.date.date().isoformat() == "2024-05-12"
    # ABlog counts the image's paragraph too; the excerpt is text
    assert (post.excerpt, post.image, post.aliases) == ("One.", "blog/pic.png", ("blog/old-a",))
    assert (app.outdir / "blog/old-a.html").is_file()
    assert app.env.get_domain("blog").ablog["blog/a"].languages == ("de",)


def test_registry_problem_in_conf_py_is_located_in_conf_py(tmp_path):
    src = _site(tmp_path, {}, blog_authors={"ann": 3})
    app = build(src)
    warnings = warnings_of(app)
    assert len(warnings) == 1
    assert f"{src / 'conf.py'}:4: WARNING: registry entry 'ann' should be a mapping [blog.author]" in warnings[0]


def test_incremental_build_rewrites_pages_whose_ablog_label_changed(tmp_path):
    src = switched(tmp_path)
    build(src, "html", html_sidebars={})  # no sidebars: they show the title too, and would rewrite every page
    post = src / "blog/2024/hello-kettle.md"
    post.write_text(post.read_text(encoding="utf-8").replace("# Hello from the Kettle team", "# Hello, world"),
                    encoding="utf-8")
    app = build(src, "html", html_sidebars={})
    about = parse_html(app.outdir / "about.html")
    assert about.select_one("div.body a.reference.internal").get_text() == "Hello, world"


def test_rest_field_list_is_ablog_frontmatter(tmp_path):
    app = build(_site(tmp_path, {
        "blog/fields.rst": ":blogpost: true\n:date: Oct 10, 2023\n:author: ann, bo\n:tags: one, two\n"
                           ":category: Manual\n:location: bergen\n\nA reST post\n===========\n\nIts first words.\n",
        "blog/page.rst": ":orphan:\n:tags: not, a, post\n\nA page\n======\n\nText.\n",
    }, blog_authors={"ann": ("Ann", None), "bo": ("Bo", None)}))
    assert not warnings_of(app)
    posts = app.env.get_domain("blog").posts
    assert set(posts) == {"blog/fields"}
    post = posts["blog/fields"]
    assert (post.title, post.date.date().isoformat(), post.authors, post.tags, post.categories) == (
        "A reST post", "2023-10-10", ("ann", "bo"), ("one", "two"), ("Manual",))
    page = parse_html(app.outdir / "blog/fields.html")
    assert _byline(page) == (["Ann", "Bo"], ["one", "two"], ["Manual"])


def test_what_is_not_supported_warns_once_where_it_is_written(tmp_path):
    app = build(_site(tmp_path, {
        "blog/a.md": "# A\n\n```{post} 2024-03-01\n:canonical_link: https://elsewhere.example/a\n```\n\n"
                     "```{post} 2024-03-02\n:tags: again\n```\n\nText.\n",
        "list.md": "---\norphan: true\n---\n\n# List\n\n```{postlist}\n:language: en\n```\n",
    }, post_show_prev_next=False, disqus_pages=False, post_always_section=True))
    found = sorted(re.sub(r"^.*/src/", "", line) for line in warnings_of(app))
    assert found == [
        "blog/a.md:3: WARNING: ABlog's 'canonical_link' option is not supported: it is ignored [blog.ablog]",
        "blog/a.md:7: WARNING: one post per document: this second 'post' directive is ignored [blog.ablog]",
        "conf.py:4: WARNING: ABlog's post_show_prev_next is not supported: posts always link to the previous "
        "and next post; hide '.blog-prevnext' with CSS if you must, and remove the setting [blog.ablog]",
        "conf.py:6: WARNING: ABlog's post_always_section is not supported: a document is one post: split "
        "documents that hold several, and remove the setting [blog.ablog]",
        "list.md:7: WARNING: postlist: ABlog's :language: is not supported; the option is ignored [blog.ablog]",
    ]
    assert app.env.get_domain("blog").posts["blog/a"].tags == ()


def test_hostile_values_make_no_link_and_no_odd_file(tmp_path):
    app = build(_site(tmp_path, {
        "blog/a.md": "# A\n\n```{post} 2024-03-01\n:tags: !!, fine\n:external_link: javascript:alert(1)\n```\n\n"
                     "Text.\n",
    }, blog_ablog_urls=True))
    found = [re.sub(r"^.*/src/", "", line) for line in warnings_of(app)]
    assert found == ["blog/a.md:1: WARNING: external_link 'javascript:alert(1)' is not a link that may be "
                     "followed; not shown [blog.ablog]"]
    outdir = Path(app.outdir)
    assert not (outdir / "blog/tag/.html").exists() and (outdir / "blog/tag/fine.html").is_file()
    assert "javascript" not in (outdir / "blog/a.html").read_text(encoding="utf-8")


def test_rest_post_directive_takes_the_extensions_own_keys(tmp_path):
    app = build(_site(tmp_path, {
        "blog/hero.rst": "A post with a hero\n==================\n\n.. post:: 2024-04-01\n   :author: ann\n"
                         "   :featured_image: pic.png\n   :featured_image_type: full\n   :rootpage: /news\n\n"
                         "Its first words.\n",
        "blog/pic.png": "",
    }, blog_authors={"ann": ("Ann", None)}))
    assert not warnings_of(app)
    post = app.env.get_domain("blog").posts["blog/hero"]
    assert (post.image, post.image_type, post.root) == ("blog/pic.png", "full", "news")
    page = parse_html(app.outdir / "blog/hero.html")
    assert page.select_one("section.blog-post.blog-hero-full .blog-hero img")
    assert (app.outdir / "news/index.html").is_file()
