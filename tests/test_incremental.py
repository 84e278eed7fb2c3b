"""Incremental builds equal fresh builds; a no-change rebuild writes no page; -j 2 equals -j 1."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import sphinx

from conftest import ROOTS, build, copy_root, parse_html

# Sphinx writes these itself on every build, whatever changed
SPHINX_OWN_PAGES = {"genindex.html", "search.html"}


def html_files(outdir: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(outdir)): path.read_bytes()
        for path in sorted(outdir.rglob("*.html"))
    }


def mtimes(outdir: Path) -> dict[str, int]:
    return {str(p.relative_to(outdir)): p.stat().st_mtime_ns for p in outdir.rglob("*.html")}


def edit(srcdir: Path, name: str, old: str, new: str) -> None:
    path = srcdir / f"{name}.md"
    text = path.read_text(encoding="utf-8")
    assert re.search(old, text, flags=re.M), old
    path.write_text(re.sub(old, new, text, count=1, flags=re.M), encoding="utf-8")


EDITS = {
    "title": ("blog/epsilon", r'^title: .*$', 'title: "Epsilon, renamed"'),
    "tags": ("blog/gamma", r"^    - Feedback$", "    - Planning"),
    "date": ("blog/alpha", r"^date: .*$", "date: 2024-03-03"),
    "draft": ("blog/eta", r"^---\n\nThe", "draft: true\n---\n\nThe"),
}


def diff(one: dict[str, bytes], other: dict[str, bytes]) -> list[str]:
    names = set(one) | set(other)
    return sorted(name for name in names if one.get(name) != other.get(name))


@pytest.fixture(scope="module")
def incremental(tmp_path_factory):
    """One source tree built once, then edited and rebuilt in place, edit after edit."""
    srcdir = tmp_path_factory.mktemp("incremental") / "src"
    shutil.copytree(ROOTS / "test-collections", srcdir)
    build(srcdir)
    return srcdir


@pytest.mark.parametrize("kind", list(EDITS))
def test_incremental_equals_fresh(incremental, tmp_path, kind):
    name, old, new = EDITS[kind]
    edit(incremental, name, old, new)
    app = build(incremental)
    fresh_src = tmp_path / "fresh"
    shutil.copytree(incremental, fresh_src, ignore=shutil.ignore_patterns("_build"))
    fresh = build(fresh_src)
    assert diff(html_files(app.outdir), html_files(fresh.outdir)) == []


def test_no_change_rebuild_writes_no_page(tmp_path):
    srcdir = copy_root("collections", tmp_path)
    app = build(srcdir)
    before = mtimes(app.outdir)
    again = build(srcdir)
    after = mtimes(again.outdir)
    rewritten = sorted(name for name in after if after[name] != before.get(name))
    assert [name for name in rewritten if name not in SPHINX_OWN_PAGES] == []


def test_body_edit_rewrites_only_the_post(tmp_path):
    srcdir = copy_root("collections", tmp_path)
    app = build(srcdir)
    before = html_files(app.outdir)
    edit(srcdir, "blog/delta", r"^More words about", "Even more words about")
    after = html_files(build(srcdir).outdir)
    assert [name for name in diff(before, after) if name not in SPHINX_OWN_PAGES] == ["blog/delta.html"]


def test_parallel_equals_serial(tmp_path):
    serial = build(copy_root("collections", tmp_path / "serial"))
    parallel = build(copy_root("collections", tmp_path / "parallel"), parallel=2)
    assert diff(html_files(serial.outdir), html_files(parallel.outdir)) == []


def test_excerpt_edit_rewrites_the_post_and_the_lists_showing_the_excerpt(tmp_path):
    srcdir = copy_root("collections", tmp_path)
    app = build(srcdir)
    before = mtimes(app.outdir)
    edit(srcdir, "blog/theta", r"^The opening paragraph", "A new opening paragraph")
    again = build(srcdir)
    after = mtimes(again.outdir)
    written = sorted(n for n in after if after[n] != before.get(n) and n not in SPHINX_OWN_PAGES)
    if sphinx.version_info < (8, 1):  # Sphinx 8.0 itself rewrites the root document on any change
        written.remove("index.html")
    # the post, and the generated lists that show its excerpt; not the other posts,
    # whose sidebars and previous/next links show only its title and date
    assert written == [
        "blog/archive/2024.html", "blog/archive/2024/01.html", "blog/authors/ann.html",
        "blog/categories/product.html", "blog/index.html", "blog/tags/launch.html", "blog/theta.html",
    ]


def test_future_post_is_published_when_its_day_comes(tmp_path, monkeypatch):
    """No source changes, only the clock: the post loses its draft notice and is listed."""
    srcdir = copy_root("collections", tmp_path)
    edit(srcdir, "blog/future-post", r"^date: .*$", "date: 2030-01-01")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1893369600")  # 2029-12-31
    before = build(srcdir)
    post = before.outdir / "blog/future-post.html"
    assert parse_html(post).select(".blog-draft-notice")
    assert "A post from the future" not in parse_html(before.outdir / "blog/index.html").get_text()

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1893542400")  # 2030-01-02
    after = build(srcdir)
    assert not parse_html(post).select(".blog-draft-notice")
    assert "A post from the future" in parse_html(after.outdir / "blog/index.html").get_text()
    fresh_src = tmp_path / "fresh"
    shutil.copytree(srcdir, fresh_src, ignore=shutil.ignore_patterns("_build"))
    fresh = build(fresh_src)
    assert diff(html_files(after.outdir), html_files(fresh.outdir)) == []
