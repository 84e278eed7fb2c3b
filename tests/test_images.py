"""Responsive heroes and thumbnails (issue 17, item 5): ``width``/``height`` always, ``srcset``
copies with Pillow, written once and reused, ``loading="lazy"`` on list images.

Root ``test-images``: a post with a 1200 x 600 hero, one with a 200 x 100 hero, one with a
remote hero; the home page shows the posts as cards and the wide image by ``{featured-image}``.
The images are written here (PNG needs no Pillow).  Tests of the copies skip without Pillow.
"""

from __future__ import annotations

import os
import posixpath
import struct
import time
import zlib
from pathlib import Path

import pytest

from sphinxext.blog import images
from sphinxext.blog.images import ImageVariants, image_size, variant_files, variant_name

from conftest import build, copy_root, parse_html, warnings_of

WIDE, SMALL = (1200, 600), (200, 100)
WIDTHS = (320, 640, 1024)  # blog_image_widths of the root


def png(path: Path, size: tuple[int, int], colour: bytes = b"\xd9\x77\x06", broken: bool = False) -> Path:
    """A one-colour PNG, written by hand; ``broken``: a valid header and damaged pixel data."""
    width, height = size
    pixels = zlib.compress(b"".join(b"\x00" + colour * width for _ in range(height)))
    if broken:
        pixels = pixels[:20] + b"\x00" * 20

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b""))
    return path


def site_root(tmp_path: Path, name: str = "images") -> Path:
    srcdir = copy_root("images", tmp_path / name)
    png(srcdir / "images" / "wide.png", WIDE)
    png(srcdir / "images" / "small.png", SMALL)
    return srcdir


def page(app, name: str):
    return parse_html(Path(app.outdir) / name)


def img(app, name: str, selector: str):
    found = page(app, name).select_one(selector)
    assert found is not None, f"{selector} not on {name}"
    return found


def parse_srcset(value: str) -> list[tuple[str, int]]:
    """``a.png 320w, b.png 640w`` -> [(a.png, 320), (b.png, 640)]; fails on anything else."""
    found = []
    for candidate in value.split(","):
        url, descriptor = candidate.split()
        assert descriptor.endswith("w") and descriptor[:-1].isdigit(), candidate
        found.append((url, int(descriptor[:-1])))
    return found


@pytest.fixture
def no_pillow(monkeypatch):
    monkeypatch.setattr(images, "has_pillow", lambda: False)


# -- without Pillow: sizes, lazy loading, no copies ------------------------------------------------


def test_sizes_and_lazy_loading_without_pillow(tmp_path, no_pillow):
    app = build(site_root(tmp_path))
    assert warnings_of(app) == []
    hero = img(app, "blog/wide.html", "img.blog-hero-image")
    assert (hero["width"], hero["height"]) == ("1200", "600")
    assert hero["alt"] == "Orange, from edge to edge"
    assert "loading" not in hero.attrs and "srcset" not in hero.attrs  # the hero is what the reader came for
    small = img(app, "blog/small.html", "img.blog-hero-image")
    assert (small["width"], small["height"]) == ("200", "100")
    remote = img(app, "blog/remote.html", "img.blog-hero-image")
    assert "width" not in remote.attrs and remote["src"] == "https://example.org/hero.png"
    by_hand = img(app, "index.html", ".blog-featured-image img")
    assert (by_hand["width"], by_hand["height"]) == ("1200", "600")
    cards = page(app, "index.html").select(".blog-card img")
    assert [(card.get("width"), card.get("height"), card["loading"]) for card in cards] == [
        ("1200", "600", "lazy"), ("200", "100", "lazy"), (None, None, "lazy")]
    thumbs = page(app, "blog/tags/pictures.html").select("img.blog-thumbnail")
    assert [(thumb.get("width"), thumb.get("height"), thumb["loading"]) for thumb in thumbs] == [
        ("1200", "600", "lazy"), ("200", "100", "lazy"), (None, None, "lazy")]
    assert all(thumb["alt"] for thumb in thumbs + cards)
    assert not [tag for tag in thumbs + cards + [hero] if tag.has_attr("srcset")]
    assert not (Path(app.outdir) / "_images" / "blog").exists()


def test_other_builders_show_the_hero_as_an_image(tmp_path, no_pillow):
    app = build(site_root(tmp_path), "text")
    assert warnings_of(app) == []
    assert "Orange, from edge to edge" in (Path(app.outdir) / "blog" / "wide.txt").read_text(encoding="utf-8")


def test_image_size_reads_only_files_in_the_source_folder(tmp_path):
    srcdir = tmp_path / "src"
    png(srcdir / "in.png", (30, 20))
    outside = png(tmp_path / "outside.png", (40, 10))
    (srcdir / "link.png").symlink_to(outside)
    assert image_size("in.png", srcdir) == (30, 20)
    assert image_size("../outside.png", srcdir) is None
    assert image_size("link.png", srcdir) is None  # a link out of the folder, however it is spelt
    assert image_size("missing.png", srcdir) is None
    (srcdir / "notes.png").write_text("not an image", encoding="utf-8")
    assert image_size("notes.png", srcdir) is None


def test_variant_names():
    assert variant_name("hero.png", 320) == "blog/hero-320.png"
    assert variant_name("Hero.JPG", 640) == "blog/Hero-640.jpg"


# -- with Pillow: the copies ---------------------------------------------------------------------


@pytest.fixture
def pillow():
    return pytest.importorskip("PIL.Image")


def copies(app) -> dict[str, int]:
    """Modification times (ns) of the srcset copies of a build."""
    folder = Path(app.outdir) / "_images" / "blog"
    return {path.name: path.stat().st_mtime_ns for path in sorted(folder.iterdir())} if folder.is_dir() else {}


def test_srcset_copies_exist_at_their_widths(tmp_path, pillow):
    app = build(site_root(tmp_path))
    assert warnings_of(app) == []
    outdir = Path(app.outdir)
    assert sorted(copies(app)) == ["wide-1024.png", "wide-320.png", "wide-640.png"]  # not of the small image
    for width in WIDTHS:
        with pillow.open(outdir / "_images" / "blog" / f"wide-{width}.png") as copy:
            assert copy.size == (width, width // 2) and copy.format == "PNG"
    for name, selector in [("blog/wide.html", "img.blog-hero-image"), ("index.html", ".blog-featured-image img"),
                           ("index.html", ".blog-card img"), ("blog/tags/pictures.html", "img.blog-thumbnail")]:
        tag = img(app, name, selector)
        candidates = parse_srcset(tag["srcset"])
        assert [width for _url, width in candidates] == [*WIDTHS, 1200], name
        assert tag["sizes"].strip() and (tag["width"], tag["height"]) == ("1200", "600")
        folder = posixpath.dirname(name)
        for url, width in candidates:  # each candidate is a file of that width, relative to the page
            with pillow.open(outdir / folder / url) as file:
                assert file.width == width, (name, url)
        assert candidates[-1][0] == tag["src"]  # the original is the largest candidate
    assert not img(app, "blog/small.html", "img.blog-hero-image").has_attr("srcset")  # nothing smaller to offer


def test_copies_are_reused_not_rewritten(tmp_path, pillow):
    srcdir = site_root(tmp_path)
    first = copies(build(srcdir))
    assert len(first) == 3
    time.sleep(0.01)
    assert copies(build(srcdir)) == first  # a build with nothing to do
    post = srcdir / "blog" / "wide.md"  # an edited post: its page is written again, the copies are not
    post.write_text(post.read_text(encoding="utf-8").replace("1200 pixels", "twelve hundred pixels"), "utf-8")
    later = time.time() + 2
    os.utime(post, (later, later))
    again = build(srcdir)
    assert "twelve hundred" in (Path(again.outdir) / "blog" / "wide.html").read_text(encoding="utf-8")
    assert copies(again) == first
    png(srcdir / "images" / "wide.png", WIDE, colour=b"\x06\x77\xd9")  # a new picture: new copies
    os.utime(srcdir / "images" / "wide.png", (later + 2, later + 2))
    changed = copies(build(srcdir))
    assert changed.keys() == first.keys() and all(changed[name] > first[name] for name in first)


def test_copies_in_a_parallel_build_are_the_serial_builds(tmp_path, pillow):
    serial = build(site_root(tmp_path, "serial"))
    parallel = build(site_root(tmp_path, "parallel"), parallel=2)
    for name in copies(serial):
        assert (Path(serial.outdir) / "_images/blog" / name).read_bytes() == \
            (Path(parallel.outdir) / "_images/blog" / name).read_bytes()
    card = ".blog-card img"
    assert img(serial, "index.html", card)["srcset"] == img(parallel, "index.html", card)["srcset"]


def test_jpeg_copies_stay_jpeg(tmp_path, pillow):
    srcdir = site_root(tmp_path)
    pillow.new("RGB", (900, 300), (10, 120, 200)).save(srcdir / "images" / "photo.jpg", quality=90)
    post = srcdir / "blog" / "wide.md"
    post.write_text(post.read_text(encoding="utf-8").replace("wide.png", "photo.jpg"), encoding="utf-8")
    app = build(srcdir)
    assert sorted(name for name in copies(app) if name.startswith("photo")) == ["photo-320.jpg", "photo-640.jpg"]
    with pillow.open(Path(app.outdir) / "_images/blog/photo-640.jpg") as copy:
        assert copy.format == "JPEG" and copy.size == (640, 213)


def test_an_unreadable_image_is_one_warning_and_no_srcset(tmp_path, pillow):
    srcdir = site_root(tmp_path)
    png(srcdir / "images" / "wide.png", WIDE, broken=True)
    app = build(srcdir)
    found = [line for line in warnings_of(app) if "[blog.image]" in line]
    assert len(found) == 1 and "no smaller copies of wide.png" in found[0], found
    assert "wide.md:" in found[0]  # where the image is shown: the hero of the first page written
    hero = img(app, "blog/wide.html", "img.blog-hero-image")
    assert not hero.has_attr("srcset") and hero["width"] == "1200"
    assert copies(app) == {}


def test_a_removed_posts_copies_go_with_it(tmp_path, pillow):
    srcdir = site_root(tmp_path)
    (srcdir / "index.md").write_text("# Images\n\n```{postlist}\n:format: cards\n```\n", encoding="utf-8")
    app = build(srcdir)
    assert len(copies(app)) == 3
    (srcdir / "blog" / "wide.md").unlink()
    again = build(srcdir)
    assert copies(again) == {}
    assert not (Path(again.outdir) / "_images" / "wide.png").exists()


def test_variants_never_read_outside_the_source_folder(tmp_path, pillow):
    srcdir = tmp_path / "src"
    outside = png(tmp_path / "outside.png", WIDE)
    srcdir.mkdir()
    (srcdir / "link.png").symlink_to(outside)
    warned: list[str] = []
    variants = ImageVariants(srcdir, tmp_path / "out" / "_images", WIDTHS,
                             lambda message, where: warned.append(message))
    assert variants.candidates("link.png", "link.png", WIDE) == ()
    assert not (tmp_path / "out").exists() and warned == []


def test_variant_files_of_an_image(tmp_path):
    folder = tmp_path / "_images"
    assert variant_files(folder, "hero.png") == []
    (folder / "blog").mkdir(parents=True)
    for name in ("hero-320.png", "hero-640.png", "hero-dark.png", "hero-1-320.png", "other-320.png", "hero-320.jpg"):
        (folder / "blog" / name).write_bytes(b"")
    assert [path.name for path in variant_files(folder, "hero.png")] == ["hero-320.png", "hero-640.png"]
