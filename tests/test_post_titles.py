"""The frontmatter title in toctrees and search; showTitle; list thumbnails; exclude-current."""

from __future__ import annotations

import json
import re
import struct
import zlib

import pytest

from conftest import build, parse_html, warnings_of


def png() -> bytes:
    """A 1x1 black PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    body = chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 4)) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body


@pytest.fixture(scope="module")
def site(module_tmp):
    src = module_tmp / "src"
    (src / "blog").mkdir(parents=True)
    (src / "images").mkdir()
    (src / "images" / "hero.png").write_bytes(png())
    (src / "conf.py").write_text('extensions = ["myst_parser", "sphinxext.blog"]\nblog_baseurl = "https://example.com/"\n')
    (src / "index.md").write_text("# Home\n\n```{toctree}\nblog/hidden-title\nblog/other\n```\n")
    (src / "blog" / "hidden-title.md").write_text(
        "---\ntitle: Zanzibar quokka notes\ndate: 2024-02-02\nshowTitle: false\n"
        "featuredImage: ../images/hero.png\nfeaturedImageType: standard\n---\n\n"
        "The text.\n\n```{postlist}\n:exclude-current:\n```\n"
    )
    (src / "blog" / "other.md").write_text("---\ntitle: Other post\ndate: 2024-01-01\n---\n\nOther text.\n")
    return build(src)


def test_title_in_toctree_and_search_index(site):
    assert warnings_of(site) == []
    home = parse_html(site.outdir / "index.html")
    assert [a.get_text() for a in home.select(".toctree-wrapper a")] == ["Zanzibar quokka notes", "Other post"]
    text = (site.outdir / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(re.search(r"Search\.setIndex\((.*)\)\s*$", text, re.S).group(1))
    assert "Zanzibar quokka notes" in index["titles"]
    assert "zanzibar" in index["titleterms"]


def test_show_title_false_keeps_the_title_but_hides_the_h1(site):
    page = parse_html(site.outdir / "blog/hidden-title.html")
    assert page.title.get_text().startswith("Zanzibar quokka notes")
    h1 = page.select_one("div.body h1")
    assert h1.get_text().rstrip("¶") == "Zanzibar quokka notes"
    assert "blog-title-hidden" in h1["class"]
    assert "blog-hero-standard" in page.select_one(".blog-hero")["class"]


def test_exclude_current_and_list_thumbnails(site):
    page = parse_html(site.outdir / "blog/hidden-title.html")
    listed = [a.get_text() for a in page.select(".blog-postlist a")]
    assert listed == ["Other post"]
    index = parse_html(site.outdir / "blog/index.html")
    thumbnail = index.select_one(".blog-list-entry img.blog-thumbnail")
    assert thumbnail["alt"] == "Zanzibar quokka notes"
    assert (site.outdir / "blog" / thumbnail["src"]).resolve().is_file()
