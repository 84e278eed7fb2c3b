"""The authors registry: its shapes, its problems, and what a build makes of it."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from sphinxext.blog.authors import Author, load_registry

from conftest import ROOTS, build, parse_html, warnings_of


class Warnings(list):
    """Collects warn(subtype, message, location) calls."""

    def __call__(self, subtype: str, message: str, location: str) -> None:
        self.append((subtype, message, location))

    @property
    def subtypes(self) -> list[str]:
        return [subtype for subtype, _message, _location in self]


@pytest.fixture
def site(tmp_path) -> Path:
    """A source folder with an avatar inside it and one outside it."""
    src = tmp_path / "src"
    (src / "images" / "authors").mkdir(parents=True)
    (src / "images" / "authors" / "ian.png").write_bytes(b"\x89PNG")
    (tmp_path / "elsewhere.png").write_bytes(b"\x89PNG")
    return src


def load(setting, src: Path, confdir: Path | None = None) -> tuple[dict[str, Author], Warnings]:
    warnings = Warnings()
    return load_registry(setting, confdir or src, src, warnings), warnings


# -- shapes ---------------------------------------------------------------------------


POSTHOG = [
    {
        "handle": "ian-vanagas",
        "name": "Ian Vanagas",
        "role": "Technical writer",
        "link_type": "github",
        "link_url": "https://github.com/example-ian",
        "image": "../images/authors/ian.png",
    },
    {
        "handle": "joe-martin",
        "name": "Joe Martin",
        "role": "Marketing",
        "link_type": "linkedin",
        "link_url": "https://linkedin.com/in/example-joe",
    },
    {"handle": "charles-cook", "name": "Charles Cook", "role": "Designer"},
]


def test_posthog_json_list(site):
    data = site / "data"
    data.mkdir()
    (data / "authors.json").write_text(json.dumps(POSTHOG), encoding="utf-8")
    registry, warnings = load("data/authors.json", site)
    assert warnings == []
    assert list(registry) == ["ian-vanagas", "joe-martin", "charles-cook"]
    ian = registry["ian-vanagas"]
    assert ian == Author(
        handle="ian-vanagas",
        name="Ian Vanagas",
        role="Technical writer",
        image="images/authors/ian.png",  # relative to the registry file, stored relative to the source folder
        url="https://github.com/example-ian",
        link_type="github",
    )
    assert not ian.is_image_url
    assert registry["joe-martin"].url == "https://linkedin.com/in/example-joe"
    assert registry["charles-cook"] == Author("charles-cook", "Charles Cook", role="Designer")


DOCUSAURUS = """\
ian-vanagas:
  name: Ian Vanagas
  title: Technical writer
  url: https://example.com/ian
  image_url: images/authors/ian.png
joe-martin:
  name: Joe Martin
  title: Marketing
  image_url: https://example.com/joe.png
  socials:
    github: example-joe
    x: joe
lottie:
  name: Lottie Coxon
  socials:
    linkedin: lottie-c
slim:
  name: Slim
  socials:
    mastodon: https://mastodon.example/@slim
"""


def test_docusaurus_yaml_mapping(site):
    (site / "authors.yml").write_text(DOCUSAURUS, encoding="utf-8")
    registry, warnings = load("authors.yml", site)
    assert warnings == []
    ian = registry["ian-vanagas"]
    assert (ian.name, ian.role, ian.url, ian.image) == (
        "Ian Vanagas",
        "Technical writer",
        "https://example.com/ian",
        "images/authors/ian.png",
    )
    joe = registry["joe-martin"]
    assert (joe.role, joe.image, joe.url, joe.link_type) == (
        "Marketing",
        "https://example.com/joe.png",
        "https://github.com/example-joe",  # the first social account, as a URL
        "github",
    )
    assert joe.is_image_url
    assert registry["lottie"].url == "https://www.linkedin.com/in/lottie-c"
    assert registry["slim"].url == "https://mastodon.example/@slim"  # a URL is kept as is


def test_yaml_registry_with_yaml_suffix(site):
    (site / "authors.yaml").write_text("a:\n  name: A\n", encoding="utf-8")
    registry, warnings = load("authors.yaml", site)
    assert (list(registry), warnings) == (["a"], [])


def test_dict_from_conf(site):
    registry, warnings = load(
        {"ian-vanagas": {"name": "Ian", "title": "Writer", "image_url": "images/authors/ian.png"}, "bob": {}},
        site,
    )
    assert warnings == []
    assert registry["ian-vanagas"] == Author("ian-vanagas", "Ian", role="Writer", image="images/authors/ian.png")
    assert registry["bob"].name == "bob"  # no name: the handle


def test_list_from_conf(site):
    registry, warnings = load([{"handle": "a", "name": "A"}], site)
    assert (registry["a"].name, warnings) == ("A", [])


@pytest.mark.parametrize("setting", [None, "", {}, []])
def test_no_registry(site, setting):
    assert load(setting, site) == ({}, [])


def test_name_whitespace_is_collapsed(site):
    registry, _ = load({"a": {"name": "  Ann \n  Example ", "role": 42}}, site)
    assert (registry["a"].name, registry["a"].role) == ("Ann Example", "42")


# -- problems -----------------------------------------------------------------------


def test_duplicate_handle_one_warning_first_kept(site):
    entries = [*POSTHOG[1:], {"handle": "joe-martin", "name": "Someone Else"}]
    (site / "authors.json").write_text(json.dumps(entries), encoding="utf-8")
    registry, warnings = load("authors.json", site)
    assert registry["joe-martin"].name == "Joe Martin"
    assert len(warnings) == 1
    subtype, message, location = warnings[0]
    assert subtype == "author"
    assert "joe-martin" in message
    assert location == f"{(site / 'authors.json').resolve()}:1"


def test_entry_without_handle(site):
    (site / "authors.json").write_text(json.dumps([{"name": "No handle"}, {"handle": "a"}]), encoding="utf-8")
    registry, warnings = load("authors.json", site)
    assert list(registry) == ["a"]
    assert warnings.subtypes == ["author"]


def test_entry_not_a_mapping(site):
    registry, warnings = load({"a": "Ann", "b": {"name": "B"}}, site)
    assert list(registry) == ["b"]
    assert warnings.subtypes == ["author"]


def test_avatar_outside_the_source_folder_is_refused(site):
    registry, warnings = load({"a": {"name": "A", "image_url": "../elsewhere.png"}}, site)
    assert registry["a"].image == ""
    assert warnings.subtypes == ["image"]
    assert "outside the source folder" in warnings[0][1]


def test_avatar_outside_through_site_absolute_path_is_refused(site):
    registry, warnings = load({"a": {"name": "A", "image": "/../elsewhere.png"}}, site)
    assert registry["a"].image == ""
    assert warnings.subtypes == ["image"]


def test_avatar_site_absolute_path(site):
    (site / "data").mkdir()
    (site / "data" / "authors.json").write_text(
        json.dumps([{"handle": "a", "image": "/images/authors/ian.png"}]), encoding="utf-8"
    )
    registry, warnings = load("data/authors.json", site)
    assert (registry["a"].image, warnings) == ("images/authors/ian.png", [])


def test_missing_avatar_is_warned(site):
    registry, warnings = load({"a": {"name": "A", "image": "images/authors/nobody.png"}}, site)
    assert registry["a"].image == ""
    assert warnings.subtypes == ["image"]
    assert "nobody.png" in warnings[0][1]


def test_avatar_relative_to_conf_for_a_conf_dict(site, tmp_path):
    # conf.py in a folder above the sources: a dict's avatars are relative to conf.py
    registry, warnings = load({"a": {"image": "src/images/authors/ian.png"}}, site, confdir=tmp_path)
    assert (registry["a"].image, warnings) == ("images/authors/ian.png", [])


def test_unreadable_registry(site):
    registry, warnings = load("missing.json", site)
    assert registry == {}
    assert warnings.subtypes == ["author"]
    assert "missing.json" in warnings[0][1]


@pytest.mark.parametrize(("name", "text"), [("bad.json", "[{"), ("bad.yml", "a: [")])
def test_invalid_registry_file(site, name, text):
    (site / name).write_text(text, encoding="utf-8")
    registry, warnings = load(name, site)
    assert registry == {}
    assert warnings.subtypes == ["author"]


def test_registry_of_wrong_shape(site):
    (site / "authors.json").write_text('"just text"', encoding="utf-8")
    registry, warnings = load("authors.json", site)
    assert registry == {}
    assert warnings.subtypes == ["author"]


# -- in a build -----------------------------------------------------------------------

POST = """\
---
title: A post by two
date: 2023-02-01
author:
  - ian-vanagas
  - ghost-writer
tags: [Explainers]
---

Written by a known author and an unknown one.
"""

SECOND_POST = """\
---
title: Another post
date: 2023-02-02
author: ian-vanagas
---

Only a known author.
"""

HANDBOOK = """\
# Handbook

Our writer is {blog:author}`ian-vanagas`; read {blog:author}`her posts <ian-vanagas>`.

```{toctree}
```
"""


def make_site(target: Path, conf_extra: str = "") -> Path:
    (target / "blog").mkdir(parents=True)
    (target / "handbook").mkdir()
    (target / "images").mkdir()
    shutil.copy(ROOTS / "test-seed" / "images" / "blog" / "product-engineer.jpg", target / "images" / "ian.jpg")
    (target / "authors.json").write_text(
        json.dumps(
            [
                {
                    "handle": "ian-vanagas",
                    "name": "Ian Vanagas",
                    "role": "Technical writer",
                    "image": "images/ian.jpg",
                    "link_url": "https://example.com/ian",
                }
            ]
        ),
        encoding="utf-8",
    )
    (target / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinxext.blog"]\nproject = "Authors"\n'
        'exclude_patterns = ["_build"]\nblog_authors = "authors.json"\n'
        'blog_baseurl = "https://example.com/"\n' + conf_extra,
        encoding="utf-8",
    )
    (target / "index.md").write_text("# Site\n\n```{toctree}\nhandbook/index\n```\n", encoding="utf-8")
    (target / "handbook" / "index.md").write_text(HANDBOOK, encoding="utf-8")
    (target / "blog" / "two.md").write_text(POST, encoding="utf-8")
    (target / "blog" / "another.md").write_text(SECOND_POST, encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def authors_app(module_tmp):
    return build(make_site(module_tmp / "registry"))


@pytest.fixture(scope="module")
def conf_dict_app(module_tmp):
    conf = '\nblog_authors = {"ian-vanagas": {"name": "Ian From Conf", "title": "Editor"}}\n'
    return build(make_site(module_tmp / "confdict", conf))


def author_warnings(app) -> list[str]:
    return [line for line in warnings_of(app) if "[blog.author]" in line]


def test_unknown_handle_is_one_warning_at_the_author_key(authors_app):
    warnings = author_warnings(authors_app)
    assert len(warnings) == 1, warnings
    assert re.search(r"blog/two\.md:4: WARNING: .*'ghost-writer'.*\[blog\.author\]$", warnings[0]), warnings[0]


def test_no_other_warnings(authors_app):
    assert [w for w in warnings_of(authors_app) if "[blog.author]" not in w] == []


def test_byline_shows_known_name_and_unknown_handle(authors_app):
    byline = parse_html(authors_app.outdir / "blog" / "two.html").select_one(".blog-byline")
    names = byline.select(".blog-author-name")
    assert [name.get_text() for name in names] == ["Ian Vanagas", "ghost-writer"]
    assert names[0].name == "a"
    assert (authors_app.outdir / "blog" / names[0]["href"]).resolve().is_file()
    assert "blog-author-unknown" in names[1]["class"]
    assert names[1].name != "a"
    assert [role.get_text() for role in byline.select(".blog-author-role")] == ["Technical writer"]


def test_byline_avatar_is_copied(authors_app):
    avatar = parse_html(authors_app.outdir / "blog" / "two.html").select_one(".blog-byline img.blog-avatar")
    assert avatar is not None
    assert avatar["alt"] == "Ian Vanagas"
    assert (authors_app.outdir / "blog" / avatar["src"]).resolve().is_file()


def test_author_role_on_a_handbook_page(authors_app):
    html = parse_html(authors_app.outdir / "handbook" / "index.html")
    links = [a for a in html.select("a.reference") if "ian-vanagas" in a.get("href", "")]
    assert [a.get_text() for a in links] == ["Ian Vanagas", "her posts"]
    for link in links:
        target = (authors_app.outdir / "handbook" / link["href"].split("#")[0]).resolve()
        assert target.is_file(), link["href"]
        assert "Ian Vanagas" in parse_html(target).get_text()


def test_author_page_lists_the_posts(authors_app):
    html = parse_html(authors_app.outdir / "handbook" / "index.html")
    href = next(a["href"] for a in html.select("a.reference") if a.get_text() == "Ian Vanagas")
    page = parse_html((authors_app.outdir / "handbook" / href).resolve())
    text = page.get_text()
    assert "A post by two" in text
    assert "Another post" in text


def test_registry_dict_in_conf_overrides_the_file(conf_dict_app):
    byline = parse_html(conf_dict_app.outdir / "blog" / "another.html").select_one(".blog-byline")
    assert byline.select_one(".blog-author-name").get_text() == "Ian From Conf"
    assert byline.select_one(".blog-author-role").get_text() == "Editor"
    html = parse_html(conf_dict_app.outdir / "handbook" / "index.html")
    assert "Ian From Conf" in [a.get_text() for a in html.select("a.reference")]
    assert len(author_warnings(conf_dict_app)) == 1


@pytest.fixture(scope="module")
def duplicate_app(module_tmp):
    srcdir = make_site(module_tmp / "dupe")
    entries = json.loads((srcdir / "authors.json").read_text(encoding="utf-8"))
    (srcdir / "authors.json").write_text(json.dumps([*entries, {"handle": "ian-vanagas"}]), encoding="utf-8")
    return build(srcdir)


def test_duplicate_handle_in_a_build_warns_once(duplicate_app):
    duplicates = [line for line in author_warnings(duplicate_app) if "duplicate author handle" in line]
    assert len(duplicates) == 1
    html = parse_html(duplicate_app.outdir / "blog" / "another.html")
    assert html.select_one(".blog-byline .blog-author-name").get_text() == "Ian Vanagas"


def test_registry_warning_names_the_registry_file(duplicate_app):
    duplicate = next(line for line in author_warnings(duplicate_app) if "duplicate author handle" in line)
    assert re.match(r"^\S*/authors\.json(?::\d*)?: WARNING", duplicate), duplicate
