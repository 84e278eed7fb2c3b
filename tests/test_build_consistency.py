"""The same sources give the same site: with ``-j 2``, and after an incremental rebuild.

Root ``test-consistency``: five posts in the seed's frontmatter shape (three authors,
shared tags and categories, pagination at three posts a page) and a handbook page that
refers to posts, authors, a tag and a category.

Every file of the output is compared byte for byte, with one exception: after an
incremental build, Sphinx's own search index keeps a title term whose only document
was re-read as a key with an empty document list (``"every": []``; Sphinx's
``IndexBuilder.prune``).  ``searchindex.js`` is therefore compared as data, with empty
term entries dropped: what a search finds is the same.
"""

from __future__ import annotations

import difflib
import json
import os
import time
from pathlib import Path

import pytest
from sphinx.util.parallel import parallel_available

from conftest import build, copy_root, parse_html, warnings_of

TITLE_EDIT = ("blog/ship-weekly.md", "title: Why we ship every week", "title: Why we ship twice a week")
TAG_EDIT = ("blog/how-we-hire.md", "  - Hiring\n", "  - Remote work\n")
SEARCH_INDEX = "searchindex.js"


# -- helpers ------------------------------------------------------------------------


def snapshot(outdir: Path) -> dict[str, bytes]:
    """Every output file (path relative to the output folder -> bytes)."""
    return {
        path.relative_to(outdir).as_posix(): path.read_bytes()
        for path in sorted(outdir.rglob("*"))
        if path.is_file() and path.name != ".buildinfo.bak"  # Sphinx's backup of an older .buildinfo
    }


def edit(srcdir: Path, change: tuple[str, str, str]) -> None:
    """Apply one edit, with a modification time safely after the last read."""
    name, old, new = change
    path = srcdir / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    later = time.time() + 2
    os.utime(path, (later, later))


def search_index(data: bytes) -> dict:
    text = data.decode("utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    for key in ("terms", "titleterms"):
        index[key] = {term: docs for term, docs in index[key].items() if docs != []}
    return index


def differences(got: dict[str, bytes], expected: dict[str, bytes], names: list[str] | None = None) -> list[str]:
    """Readable differences between two snapshots (of ``names`` when given)."""
    problems = []
    for name in names if names is not None else sorted(set(got) | set(expected)):
        if name not in got:
            problems.append(f"{name}: missing")
        elif name not in expected:
            problems.append(f"{name}: left over (not in a fresh build)")
        elif got[name] != expected[name]:
            if name == SEARCH_INDEX and search_index(got[name]) == search_index(expected[name]):
                continue
            diff = ""
            if name.endswith((".html", ".xml", ".json", ".js")):
                lines = difflib.unified_diff(
                    expected[name].decode().splitlines(), got[name].decode().splitlines(), lineterm="", n=0
                )
                diff = "\n    " + "\n    ".join(line[:160] for line in list(lines)[2:12])
            problems.append(f"{name}: differs{diff}")
    return problems


def read_status(app) -> str:
    return app.status.getvalue()


# -- builds (module-scoped: seven small builds in all) -----------------------------


@pytest.fixture(scope="module")
def serial(module_tmp):
    """-j 1 build of the root: (app, snapshot taken before any edit)."""
    app = build(copy_root("consistency", module_tmp / "serial"))
    return app, snapshot(app.outdir)


@pytest.fixture(scope="module")
def parallel(module_tmp):
    if not parallel_available:
        pytest.skip("parallel builds need fork()")
    app = build(copy_root("consistency", module_tmp / "parallel"), parallel=2)
    return app, snapshot(app.outdir)


@pytest.fixture(scope="module")
def fresh_title(module_tmp):
    srcdir = copy_root("consistency", module_tmp / "fresh-title")
    edit(srcdir, TITLE_EDIT)
    app = build(srcdir)
    return app, snapshot(app.outdir)


@pytest.fixture(scope="module")
def incremental_title(serial):
    app, _ = serial
    edit(Path(app.srcdir), TITLE_EDIT)
    again = build(Path(app.srcdir))
    return again, snapshot(again.outdir)


@pytest.fixture(scope="module")
def incremental_title_parallel(parallel):
    app, _ = parallel
    edit(Path(app.srcdir), TITLE_EDIT)
    again = build(Path(app.srcdir), parallel=2)
    return again, snapshot(again.outdir)


@pytest.fixture(scope="module")
def fresh_title_and_tags(module_tmp):
    srcdir = copy_root("consistency", module_tmp / "fresh-tags")
    edit(srcdir, TITLE_EDIT)
    edit(srcdir, TAG_EDIT)
    app = build(srcdir)
    return app, snapshot(app.outdir)


@pytest.fixture(scope="module")
def incremental_tags(incremental_title):
    app, _ = incremental_title
    edit(Path(app.srcdir), TAG_EDIT)
    again = build(Path(app.srcdir))
    return again, snapshot(again.outdir)


def html_pages(files: dict[str, bytes]) -> list[str]:
    return [name for name in files if name.endswith(".html")]


# -- the root itself -------------------------------------------------------------------


def test_root_builds_cleanly(serial):
    app, files = serial
    assert warnings_of(app) == []
    assert sorted(app.env.get_domain("blog").posts) == [
        "blog/how-we-hire",
        "blog/open-source-business",
        "blog/product-engineer-vs-product-manager",
        "blog/ship-weekly",
        "blog/year-in-review",
    ]
    # listing pages exist, paginated at three posts a page
    for page in ["blog/index.html", "blog/page/2.html", "blog/tags/hiring.html", "blog/authors/joe-martin.html"]:
        assert page in files, page
    recent = parse_html(app.outdir / "blog" / "how-we-hire.html").select(".blog-recentposts a")
    assert "Why we ship every week" in [a.get_text(" ", strip=True) for a in recent]


# -- (a) -j 2 gives the same bytes as -j 1 -----------------------------------------------


def test_parallel_build_really_ran_in_parallel(parallel):
    app, _ = parallel
    assert app.parallel == 2
    assert app.is_parallel_allowed("read")
    assert app.is_parallel_allowed("write")
    # parallel reading and writing report chunks of documents: "blog/a .. blog/c"
    reading = [line for line in read_status(app).splitlines() if "reading sources" in line]
    assert len(reading) > 1
    assert any(" .. " in line for line in reading), reading


def test_parallel_build_has_the_same_posts_and_warnings(serial, parallel):
    (one, _), (two, _) = serial, parallel
    assert two.env.get_domain("blog").posts.keys() == one.env.get_domain("blog").posts.keys()
    assert warnings_of(two) == warnings_of(one)


def test_parallel_build_writes_the_same_files(serial, parallel):
    assert sorted(parallel[1]) == sorted(serial[1])


def test_parallel_build_is_byte_identical(serial, parallel):
    # no exclusions: HTML, feeds, objects.inv, searchindex.js and _static all compared as bytes
    one, two = serial[1], parallel[1]
    assert len(html_pages(one)) >= 25
    assert [name for name in sorted(one) if one[name] != two.get(name)] == []


# -- (b) an incremental rebuild after a title edit equals a fresh build -------------------


def test_incremental_build_read_only_the_edited_post(incremental_title):
    app, _ = incremental_title
    assert "0 added, 1 changed, 0 removed" in read_status(app)
    assert warnings_of(app) == []


def test_incremental_title_edit_shows_everywhere(incremental_title):
    app, files = incremental_title
    post = parse_html(app.outdir / "blog" / "ship-weekly.html")
    assert post.title.get_text().split(" — ")[0] == "Why we ship twice a week"
    for name in html_pages(files):
        assert "Why we ship every week" not in files[name].decode(), name


def page_groups(app, files: dict[str, bytes]) -> dict[str, list[str]]:
    docs = app.env.found_docs
    posts = app.env.get_domain("blog").posts
    groups: dict[str, list[str]] = {"edited post": [], "other posts": [], "other documents": [], "generated": []}
    for name in html_pages(files):
        docname = name[: -len(".html")]
        if docname == "blog/ship-weekly":
            groups["edited post"].append(name)
        elif docname in posts:
            groups["other posts"].append(name)
        elif docname in docs:
            groups["other documents"].append(name)
        else:
            groups["generated"].append(name)  # blog index, tag/category/author/year pages, genindex, search
    return groups


@pytest.mark.parametrize("group", ["edited post", "other posts", "other documents", "generated"])
def test_incremental_title_edit_equals_fresh_build(incremental_title, fresh_title, group):
    app, got = incremental_title
    _, expected = fresh_title
    names = page_groups(app, expected)[group]
    assert names
    assert differences(got, expected, names) == []


def test_incremental_title_edit_other_files_equal_fresh_build(incremental_title, fresh_title):
    # feeds, objects.inv, searchindex.js (as data), images, sources, _static; no file left over
    got, expected = incremental_title[1], fresh_title[1]
    names = sorted(set(got) | set(expected))
    assert differences(got, expected, [name for name in names if not name.endswith(".html")]) == []
    assert sorted(got) == sorted(expected)


def test_parallel_incremental_title_edit_equals_fresh_build(incremental_title_parallel, fresh_title):
    app, got = incremental_title_parallel
    assert "0 added, 1 changed, 0 removed" in read_status(app)
    assert differences(got, fresh_title[1]) == []


# -- (c) a tag edit: a tag page goes, another comes, clouds and counts follow -------------


def test_incremental_tag_edit_equals_fresh_build(incremental_tags, fresh_title_and_tags):
    app, got = incremental_tags
    _, expected = fresh_title_and_tags
    assert "blog/tags/remote-work.html" in got
    assert "blog/tags/hiring.html" not in expected
    assert differences(got, expected) == []
    assert not (app.outdir / "blog" / "tags" / "hiring.html").exists()
