"""Untrusted posts (issue 12): the hostile root builds, warns once per problem, keeps every
valid post, leaks no file from outside the source folder and lets no text become markup.

The root is ``tests/roots/test-hostile`` (its README lists what each file tries).  What git
cannot hold is planted here: a canary file beside the source folder with a symlink to it,
a post with a 5 MB title and one with 10,000 tags.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from lxml import etree

from sphinxext.blog.safety import url_scheme

from conftest import build, copy_root, parse_html, warnings_of

CANARY = b"CANARY-5e1f-do-not-publish"
WARNING = re.compile(r"^(?P<file>[^:]+?)(?::(?P<line>\d+))?: WARNING: (?P<message>.*) \[(?P<type>[\w.]+)\]$")

EXPECTED = sorted([
    ("authors.yml", 17, "blog.url"), ("authors.yml", 20, "blog.url"), ("authors.yml", 20, "blog.image"),
    ("authors.yml", 24, "blog.url"), ("authors.yml", 27, "blog.url"), ("authors.yml", 30, "blog.url"),
    ("authors.yml", 33, "blog.url"), ("authors.yml", 37, "blog.image"),
    ("blog/symlink-image.md", 5, "blog.image"), ("blog/image-scheme.md", 5, "blog.image"),
    ("blog/redirects.md", 5, "blog.redirect"), *[("blog/redirects.md", 6, "blog.redirect")] * 3,
    ("blog/not-utf8.md", 2, "blog.encoding"),
    ("blog/unclosed-fence.md", 1, "blog.frontmatter"), ("blog/empty-frontmatter.md", 1, "blog.frontmatter"),
    ("blog/non-mapping.md", 2, "blog.frontmatter"),
    *[("blog/wrong-types.md", line, "blog.frontmatter") for line in (2, 4, 5, 6, 9, 10, 11)],
    ("blog/bad-date.md", 3, "blog.date"), ("blog/no-date.md", 1, "blog.date"),
    ("blog/comma-lists.md", 4, "blog.frontmatter"), ("blog/comma-lists.md", 5, "blog.frontmatter"),
    ("blog/alias-bomb.md", 10, "blog.frontmatter"),
    ("blog/huge-title.md", 2, "blog.frontmatter"), ("blog/many-tags.md", 3335, "blog.frontmatter"),
])
CONTROLS = {
    "blog/2024-01-10-first-light": "First light",
    "blog/2024-02-14-second-wind": "Second wind",
    "blog/2024-03-20-third-time": "Third time's the charm",
}
HOSTILE_TEXT = ("<script>alert('title')</script> & \"quotes\" </script>", "</script>", "]]>", "<b>bold</b>")


def plant(tmp_path: Path) -> Path:
    """The hostile root, with what git cannot hold planted (see its README)."""
    src = copy_root("hostile", tmp_path)
    (tmp_path / "canary.png").write_bytes(CANARY)
    (src / "images" / "leak.png").symlink_to("../../canary.png")
    (src / "blog" / "huge-title.md").write_text(
        "---\ntitle: " + "A" * 5_000_000 + "\ndate: 2024-04-15\n---\n\nA title of five million letters.\n",
        encoding="utf-8")
    (src / "blog" / "many-tags.md").write_text(
        "---\ntitle: Many tags\ndate: 2024-04-16\ntags:\n" + "".join(f"  - tag number {n}\n" for n in range(10_000))
        + "---\n\nTen thousand tags.\n", encoding="utf-8")
    return src


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    src = plant(tmp_path_factory.mktemp("hostile"))
    app = build(src)
    return app, src, Path(app.outdir)


def blog_warnings(app, src: Path) -> list[tuple[str, int, str]]:
    found = []
    for line in warnings_of(app):
        if "isn't included in any toctree" in line:  # Sphinx's own, about the pages that are not posts
            continue
        match = WARNING.match(line)
        assert match, f"not one warning with a location: {line}"
        if match["type"].startswith("blog"):
            where = Path(match["file"]).resolve()
            found.append((where.relative_to(src.resolve()).as_posix(), int(match["line"] or 0), match["type"]))
    return sorted(found)


def test_one_warning_per_problem_with_file_and_line(site):
    app, src, _ = site
    assert blog_warnings(app, src) == EXPECTED
    others = [w for w in warnings_of(app) if "[blog." not in w and "isn't included in any toctree" not in w]
    assert others == []


def test_every_valid_post_is_on_its_page_in_listings_and_feeds(site):
    _, _, out = site
    index = parse_html(out / "blog/archive/2024.html").get_text()  # the index is paginated
    feed = json.loads((out / "blog/feed.json").read_text(encoding="utf-8"))
    for docname, title in CONTROLS.items():
        page = parse_html(out / f"{docname}.html")
        assert [h1.get_text(strip=True).rstrip("¶") for h1 in page.select("div.body h1")] == [title]
        assert page.select(".blog-byline .blog-author-name")
        assert title in index
        assert title in [item["title"] for item in feed["items"]]
    growth = parse_html(out / "blog/tags/growth.html").select_one(".blog-list-title")
    assert growth.get_text(strip=True) == "First light"
    assert (out / "blog/tags/growth-2.html").is_file()  # "growth" and "Growth" each have a page


def test_hostile_text_stays_text_everywhere(site):
    _, _, out = site
    page = parse_html(out / "blog/markup.html")
    assert page.select_one("h1").get_text(strip=True).rstrip("¶") == HOSTILE_TEXT[0]
    tags = [a.get_text() for a in page.select(".blog-byline .blog-tags .blog-tag")]
    assert tags == list(HOSTILE_TEXT[1:])
    atom = etree.fromstring((out / "blog/atom.xml").read_bytes())
    titles = atom.xpath("//a:entry/a:title/text()", namespaces={"a": "http://www.w3.org/2005/Atom"})
    assert HOSTILE_TEXT[0] in titles
    items = json.loads((out / "blog/feed.json").read_text(encoding="utf-8"))["items"]
    assert HOSTILE_TEXT[0] in [item["title"] for item in items]


def test_no_injected_element_handler_or_url_scheme(site):
    _, _, out = site
    for path in out.rglob("*.html"):
        for element in parse_html(path).find_all(True):
            assert not [name for name in element.attrs if name.lower().startswith("on")], (path, element)
            for name in ("href", "src", "content", "action"):
                value = element.get(name)
                if isinstance(value, str) and name != "content" or element.name == "meta" and value:
                    assert url_scheme(str(value)) in (None, "http", "https", "mailto"), (path, name, value)
            assert element.name != "svg", (path, element)
            if element.name == "script" and element.get("type") == "application/ld+json":
                assert "<" not in element.get_text() and json.loads(element.get_text())  # data, not markup
            else:
                assert not (element.name == "script" and "alert" in element.get_text()), (path, element)
            assert not (element.name == "img" and element.get("src") == "x"), (path, element)
            assert not (element.name == "b" and element.get_text() == "bold"), (path, element)
    for path in out.rglob("*.xml"):
        tree = etree.fromstring(path.read_bytes())
        assert not [e for e in tree.iter() if isinstance(e.tag, str) and etree.QName(e).localname in ("script", "svg")]


def test_no_file_from_outside_the_source_folder(site):
    _, _, out = site
    assert not (out / "_images" / "canary.png").exists() and not (out / "_images" / "leak.png").exists()
    for path in out.rglob("*"):
        if path.is_file():
            assert CANARY not in path.read_bytes(), path


def test_output_names_are_safe(site):
    _, _, out = site
    for path in out.rglob("*"):
        assert path.resolve().is_relative_to(out.resolve())
        name = path.name.rsplit(".", 1)[0] if path.is_file() else path.name
        if path.name in (".buildinfo", ".buildinfo.bak"):
            continue
        assert name and not name.startswith(".") and len(name.encode()) <= 100, path
        assert not re.search(r"[\x00-\x1f\\]", path.name), path
    assert (out / "etc/passwd.html").is_file()  # a site path, even this one, stays in the output
    assert not list(out.parent.glob("*windows*")) and not (out / "blog/.htaccess.html").exists()


def output(outdir: Path) -> dict[str, bytes]:
    left_out = {".doctrees", ".buildinfo", "searchindex.js", "_sources", ".buildinfo.bak"}
    return {p.relative_to(outdir).as_posix(): p.read_bytes() for p in sorted(outdir.rglob("*"))
            if p.is_file() and not left_out.intersection(p.relative_to(outdir).parts)}


def test_parallel_build_gives_the_same_site(site, tmp_path):
    _, _, out = site
    parallel = build(plant(tmp_path), parallel=2)
    assert output(Path(parallel.outdir)) == output(out)


def test_fixing_a_bad_post_incrementally_gives_a_fresh_build(tmp_path):
    src = plant(tmp_path / "edit")
    build(src)
    fixed = "---\ntitle: Fixed at last\ndate: 2024-04-08\nauthor: ann\ntags: [Python]\n---\n\nNow closed.\n"
    (src / "blog" / "unclosed-fence.md").write_text(fixed, encoding="utf-8")
    (src / "blog" / "not-utf8.md").write_text("---\ntitle: Now UTF-8\ndate: 2024-04-09\n---\n\nOK.\n", "utf-8")
    again = build(src)
    fresh_src = tmp_path / "fresh" / "hostile"
    shutil.copytree(src, fresh_src, symlinks=True, ignore=shutil.ignore_patterns("_build"))
    (tmp_path / "fresh" / "canary.png").write_bytes(CANARY)
    fresh = build(fresh_src)
    assert "Fixed at last" in parse_html(Path(again.outdir) / "blog/index.html").get_text()
    assert output(Path(again.outdir)) == output(Path(fresh.outdir))
