"""Month archives next to years (issue 17, item 4): month pages and their feeds, the year
page's months, the ``{month}`` role, and an archive sidebar that folds each year.

Root ``test-dates`` (Europe/Berlin): listed posts in January, March (two), May, October
(two) and November 2024; an expired post of May is on no page.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from sphinx.util.inventory import InventoryFile

from conftest import build, copy_root, parse_html, warnings_of

MONTHS = {"2024/11": 1, "2024/10": 2, "2024/05": 1, "2024/03": 2, "2024/01": 1}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build(copy_root("dates", tmp_path_factory.mktemp("archives")))


def page(app, name: str):
    return parse_html(Path(app.outdir) / name)


def test_a_page_per_month_with_its_posts(site):
    for month, count in MONTHS.items():
        html = page(site, f"blog/archive/{month}.html")
        assert len(html.select(".blog-list-entry")) == count, month
        assert html.select_one(".blog-listing-count").get_text() == f"{count} post{'s' if count > 1 else ''}"
    may = page(site, "blog/archive/2024/05.html")
    assert may.select_one(".blog-listing h1").get_text() == "Posts from May 2024"
    assert may.title.get_text().startswith("Posts from May 2024")
    assert [a.get_text() for a in may.select(".blog-list-title a")] == ["May day"]
    assert not (Path(site.outdir) / "blog/archive/2024/06.html").exists()  # no post in June


def test_the_year_page_links_its_months_newest_first(site):
    year = page(site, "blog/archive/2024.html")
    links = [(a.get_text(), a["href"]) for a in year.select(".blog-listing .blog-archive-months a")]
    assert links == [("November", "2024/11.html"), ("October", "2024/10.html"), ("May", "2024/05.html"),
                     ("March", "2024/03.html"), ("January", "2024/01.html")]
    counts = [span.get_text() for span in year.select(".blog-listing .blog-archive-months .blog-count")]
    assert counts == [f"({n})" for n in MONTHS.values()]
    # the archive's index lists years, not months
    assert [a.get_text() for a in page(site, "blog/archive/index.html").select(".blog-terms a")] == ["2024"]


def test_month_feeds_with_blog_feed_archives(site, tmp_path):
    for month in MONTHS:
        assert (Path(site.outdir) / "blog/archive" / month / "atom.xml").is_file()
    may = page(site, "blog/archive/2024/05.html")
    feeds = [link["href"] for link in may.select('link[rel="alternate"]')]
    assert "https://example.com/blog/archive/2024/05/atom.xml" in feeds
    plain = build(copy_root("dates", tmp_path), blog_feed_archives=False)
    assert not list((Path(plain.outdir) / "blog/archive").rglob("atom.xml"))


def test_the_month_role(site):
    links = page(site, "index.html").select("a .blog-month")
    assert [(span.get_text(), span.parent["href"]) for span in links] == [
        ("May 2024", "blog/archive/2024/05.html"), ("March 2024", "blog/archive/2024/03.html")]


def test_a_month_role_without_posts_or_not_a_month_is_one_warning_each(tmp_path):
    srcdir = copy_root("dates", tmp_path)
    (srcdir / "months.md").write_text("---\norphan: true\n---\n# Months\n\n{month}`2024-06` and {month}`May`.\n",
                                      encoding="utf-8")
    app = build(srcdir)
    refs = [line for line in warnings_of(app) if "[blog.ref]" in line]
    assert len(refs) == 2 and "unknown month '2024-06'" in refs[0] and "unknown month 'May'" in refs[1]
    assert all("months.md:" in line for line in refs)


def test_months_are_in_the_inventory(site):
    with (Path(site.outdir) / "objects.inv").open("rb") as stream:  # load() exists in Sphinx 8.0 and 9
        inventory = InventoryFile.load(stream, "", lambda base, uri: base + uri)
    months = inventory.data["blog:month"] if hasattr(inventory, "data") else inventory["blog:month"]
    assert set(months) == {key.replace("/", "-") for key in MONTHS}


def test_the_archive_sidebar_folds_years_into_months(site):
    sidebar = page(site, "blog/may-day.html").select_one(".sphinxsidebar .blog-archives")
    years = sidebar.select("li.blog-archive-year > details")
    assert len(years) == 1 and years[0].has_attr("open")  # the newest year is open
    summary = years[0].find("summary")
    assert " ".join(summary.get_text().split()) == "2024 (7)"
    assert summary.find("a") is None  # a link inside a <summary> is a control inside a control
    assert years[0].select_one(".blog-archive-all a")["href"] == "archive/2024.html"
    assert years[0].select_one(".blog-archive-all a").get_text() == "Posts from 2024"
    months = [(a.get_text(), a["href"]) for a in years[0].select(".blog-archive-month a")]
    assert months[0] == ("November", "archive/2024/11.html") and len(months) == len(MONTHS)


def test_older_years_are_closed(tmp_path):
    srcdir = copy_root("dates", tmp_path)
    (srcdir / "blog" / "old.md").write_text("---\ntitle: An older post\ndate: 2022-08-09\nauthor: ann\n---\n\nOld.\n",
                                            encoding="utf-8")
    app = build(srcdir)
    years = page(app, "index.html").select(".sphinxsidebar .blog-archives details")
    assert [details.summary.get_text(" ").split()[0] for details in years] == ["2024", "2022"]
    assert [details.has_attr("open") for details in years] == [True, False]
    assert (Path(app.outdir) / "blog/archive/2022/08.html").is_file()


def test_month_pages_in_dirhtml(tmp_path):
    app = build(copy_root("dates", tmp_path), "dirhtml")
    assert (Path(app.outdir) / "blog/archive/2024/05/index.html").is_file()
    assert (Path(app.outdir) / "blog/archive/2024/index.html").is_file()  # the year's page, next to its months
    year = page(app, "blog/archive/2024/index.html")
    assert year.select_one(".blog-listing .blog-archive-months a")["href"] == "11/"


def test_the_archive_widget_in_text_output(tmp_path):
    srcdir = copy_root("dates", tmp_path)
    (srcdir / "widget.md").write_text("---\norphan: true\n---\n# Widget\n\n```{archive-list}\n```\n", encoding="utf-8")
    app = build(srcdir, "text")
    text = " ".join((Path(app.outdir) / "widget.txt").read_text(encoding="utf-8").split())
    assert "2024 (7): November (1), October (2), May (1), March (2), January (1)" in text


def test_moving_a_post_to_another_month_rewrites_its_months_like_a_fresh_build(tmp_path):
    srcdir = copy_root("dates", tmp_path / "site")
    build(srcdir)
    post = srcdir / "blog" / "may-day.md"
    post.write_text(post.read_text(encoding="utf-8").replace("date: 2024-05-01", "date: 2024-07-04"), "utf-8")
    later = time.time() + 2
    os.utime(post, (later, later))
    again = build(srcdir)
    fresh = build(Path(shutil.copytree(srcdir, tmp_path / "fresh", ignore=shutil.ignore_patterns("_build"))))
    outdir = Path(again.outdir)
    assert not (outdir / "blog/archive/2024/05.html").exists()  # May lost its only post
    for name in ("blog/archive/2024/07.html", "blog/archive/2024.html", "index.html", "blog/new-year.html"):
        assert (outdir / name).read_bytes() == (Path(fresh.outdir) / name).read_bytes(), name
    assert sorted(p.name for p in (outdir / "blog/archive/2024").iterdir()) == \
        sorted(p.name for p in (Path(fresh.outdir) / "blog/archive/2024").iterdir())
