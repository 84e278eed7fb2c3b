"""MDX posts are posts (issue 14): ``.mdx`` files with the extension, like ``.md`` ones.

The root ``tests/roots/test-mdx`` is a Gatsby-style blog (see its README); its conf.py
only loads the extension.  The converter itself is tested in ``test_mdx_source.py``.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from conftest import build, copy_root, parse_html, warnings_of

POSTS = {
    "blog/funnel-launch": "Funnels, rebuilt from scratch",
    "blog/query-engine-notes": "Notes from rewriting the query engine",
    "blog/team-onboarding": "How we onboard engineers in their first week",
}


@pytest.fixture(scope="module")
def site(module_tmp):
    return build(copy_root("mdx", module_tmp))


def test_mdx_and_md_files_are_posts_with_title_byline_list_and_feed(site):
    out = Path(site.outdir)
    feed = {item["title"] for item in json.loads((out / "blog/feed.json").read_text(encoding="utf-8"))["items"]}
    listed = {a.get_text() for a in parse_html(out / "blog/index.html").select(".blog-list-title a")}
    posts = site.env.get_domain("blog").posts
    for docname, title in POSTS.items():
        page = parse_html(out / f"{docname}.html")
        assert page.select_one("h1").get_text().rstrip("¶") == title
        assert page.select_one(".blog-byline .blog-author-name")
        assert posts[docname].title == title
        assert title in listed and title in feed


def test_partials_are_not_pages(site):
    assert not (Path(site.outdir) / "blog/_includes/cta.html").exists()
    assert "blog/_includes/cta" not in site.env.all_docs


def test_unknown_components_warn_once_per_build(tmp_path):
    src = copy_root("mdx", tmp_path)
    second = src / "blog" / "second-use.md"
    second.write_text("---\ntitle: Again\ndate: 2024-01-02\n---\n\nUsing <SmallTeam slug=\"x\" /> here too.\n",
                      encoding="utf-8")
    app = build(src)
    unknown = [w for w in warnings_of(app) if "unknown MDX component <SmallTeam>" in w]
    assert len(unknown) == 1 and "blog/second-use.md:6" in unknown[0]  # the first use, by document name
    again = build(src)  # nothing read again: nothing said again
    assert [w for w in warnings_of(again) if "SmallTeam" in w] == []


def test_mdx_switched_off(tmp_path):
    app = build(copy_root("mdx", tmp_path), blog_mdx=False)
    assert "blog/funnel-launch" not in app.env.all_docs  # .mdx is not a source suffix then
    assert "<SmallTeam" in (Path(app.outdir) / "blog/team-onboarding.html").read_text(encoding="utf-8")


def output(outdir: Path) -> dict[str, bytes]:
    left_out = {".doctrees", ".buildinfo", "searchindex.js", "_sources"}
    return {p.relative_to(outdir).as_posix(): p.read_bytes() for p in sorted(outdir.rglob("*"))
            if p.is_file() and not left_out.intersection(p.relative_to(outdir).parts)}


def test_editing_an_include_rewrites_the_posts_using_it(tmp_path):
    src = copy_root("mdx", tmp_path / "edit")
    build(src)
    include = src / "blog" / "_includes" / "cta.mdx"
    include.write_text(include.read_text(encoding="utf-8").replace("Enjoyed this?", "Liked it?"), encoding="utf-8")
    later = time.time() + 2
    os.utime(include, (later, later))
    again = build(src)
    for docname in ("blog/funnel-launch", "blog/query-engine-notes"):
        assert "Liked it?" in parse_html(Path(again.outdir) / f"{docname}.html").get_text()
    fresh = build(shutil.copytree(src, tmp_path / "fresh" / "mdx", ignore=shutil.ignore_patterns("_build")))
    assert output(Path(again.outdir)) == output(Path(fresh.outdir))


def test_parallel_build_is_identical(site, tmp_path):
    parallel = build(copy_root("mdx", tmp_path), parallel=2)
    assert output(Path(parallel.outdir)) == output(Path(site.outdir))
    assert sorted(warnings_of(parallel)) == sorted(w.replace(str(site.srcdir), str(parallel.srcdir))
                                                   for w in warnings_of(site))
