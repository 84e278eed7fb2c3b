"""Edit-and-rebuild of this project's docs site gives the same output folder as a fresh build.

Each test copies ``docs/``, builds it, makes one edit, builds again in the same
output folder, and compares **every file** of that output with a fresh build of the
edited sources: nothing stale, nothing left over, nothing missing.  Left out of the
comparison: what Sphinx itself keeps per build (``.doctrees``, ``.buildinfo``,
``_sources``) and ``searchindex.js`` (Sphinx keeps empty entries of re-read pages).
"""

from __future__ import annotations

import difflib
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from conftest import build, warnings_of

DOCS = Path(__file__).parents[1] / "docs"
LEFT_OUT = {".doctrees", ".buildinfo", "searchindex.js", "_sources", ".buildinfo.bak"}


def output(outdir: Path) -> dict[str, bytes]:
    return {
        path.relative_to(outdir).as_posix(): path.read_bytes()
        for path in sorted(outdir.rglob("*"))
        if path.is_file() and not LEFT_OUT.intersection(path.relative_to(outdir).parts)
    }


def differences(incremental: dict[str, bytes], fresh: dict[str, bytes]) -> list[str]:
    found = []
    for name in sorted(incremental.keys() | fresh.keys()):
        if name not in incremental:
            found.append(f"{name}: missing after the incremental build")
        elif name not in fresh:
            found.append(f"{name}: left over (a fresh build has no such file)")
        elif incremental[name] != fresh[name]:
            lines = difflib.unified_diff(fresh[name].decode(errors="replace").splitlines(),
                                         incremental[name].decode(errors="replace").splitlines(), lineterm="", n=0)
            found.append(f"{name}: stale\n    " + "\n    ".join(line[:160] for line in list(lines)[2:8]))
    return found


def touch_later(path: Path) -> None:
    later = time.time() + 2
    os.utime(path, (later, later))


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    touch_later(path)


def rebuild_and_compare(tmp_path: Path, edit: Callable[[Path], None], before: Callable[[Path], None] | None = None):
    srcdir = tmp_path / "src"
    shutil.copytree(DOCS, srcdir, ignore=shutil.ignore_patterns("_build"))
    if before is not None:
        before(srcdir)
    build(srcdir, html_theme="alabaster")  # (Sphinx's test app would swap alabaster for basic)
    edit(srcdir)
    again = build(srcdir, html_theme="alabaster")
    fresh_src = tmp_path / "fresh"
    shutil.copytree(srcdir, fresh_src, ignore=shutil.ignore_patterns("_build"))
    fresh = build(fresh_src, html_theme="alabaster")
    assert differences(output(Path(again.outdir)), output(Path(fresh.outdir))) == []
    return again, fresh


def test_renamed_author_reaches_every_page(tmp_path):
    again, _ = rebuild_and_compare(
        tmp_path, lambda src: replace_in(src / "authors.yml", "name: Priya Raman", "name: Priya R. Raman")
    )
    assert "Priya R. Raman" in (Path(again.outdir) / "blog/posts.html").read_text(encoding="utf-8")


def test_deleted_post_leaves_no_page_link_feed_or_redirect(tmp_path):
    def delete(src: Path) -> None:
        (src / "blog/running-a-docs-sprint.md").unlink()

    again, fresh = rebuild_and_compare(tmp_path, delete)
    outdir = Path(again.outdir)
    assert not (outdir / "blog/running-a-docs-sprint.html").exists()
    assert not (outdir / "news/2024/docs-sprint.html").exists()  # its redirect_from page
    assert not (outdir / "blog/tags/docs-sprints/atom.xml").exists()  # its only tag's feed
    # the pages that still refer to it say so, in the incremental build as in a fresh one
    def files_warned(app) -> list[str]:
        return sorted(w.split(":", 1)[0].replace(str(app.srcdir), "") for w in warnings_of(app)
                      if "running-a-docs-sprint" in w)

    assert files_warned(again) == files_warned(fresh) != []


def test_tag_losing_its_last_post_loses_its_page_and_feeds(tmp_path):
    def retag(src: Path) -> None:
        replace_in(src / "blog/writing-a-changelog-people-read.md", "    - Release notes\n", "    - Changelogs\n")

    again, _ = rebuild_and_compare(tmp_path, retag)
    outdir = Path(again.outdir)
    assert not (outdir / "blog/tags/release-notes.html").exists()
    assert not any((outdir / "blog/tags/release-notes").glob("*"))


def test_new_title_reaches_pages_next_to_the_post_in_document_order(tmp_path):
    """Posts in a toctree have neighbours that are not posts: their prev/next links show the title."""

    def in_toctree(src: Path) -> None:
        with (src / "blog/index.md").open("a", encoding="utf-8") as index:
            index.write("\n```{toctree}\n:hidden:\n:glob:\n\n*\n```\n")
        # a page that is not a post, after the last post: nothing else shows that post's title
        (src / "blog/zz-notes.md").write_text("# Notes\n\nA plain page.\n", encoding="utf-8")

    def retitle(src: Path) -> None:
        replace_in(src / "blog/writing-a-changelog-people-read.md",
                   'title: "Writing a changelog people actually read"', 'title: "Changelogs, read"')

    again, _ = rebuild_and_compare(tmp_path, retitle, before=in_toctree)
    assert "Changelogs, read" in (Path(again.outdir) / "blog/zz-notes.html").read_text(encoding="utf-8")


def test_new_featured_image_leaves_no_copy_of_the_old_one(tmp_path):
    """The old hero and its srcset copies go from ``_images``, as a fresh build never writes them."""

    def new_image(src: Path) -> None:
        shutil.copy(src / "images/blog/review.png", src / "images/blog/review-2025.png")
        replace_in(src / "blog/reviewing-docs-pull-requests.md",
                   "featuredImage: ../images/blog/review.png", "featuredImage: ../images/blog/review-2025.png")

    again, _ = rebuild_and_compare(tmp_path, new_image)
    images = sorted(path.name for path in (Path(again.outdir) / "_images").rglob("review*"))
    assert images and all(name.startswith("review-2025") for name in images), images
