"""Allow-lists (issue 17, item 3): tag and category lists from ``conf.py`` or a tags file, the
authors registry, and one policy (``blog_terms_policy``) for what is on no list."""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.cmd.build import build_main

from sphinxext.blog.terms import Term, TermList, load_terms

from conftest import build, parse_html, warnings_of

CONF = """
extensions = ["myst_parser", "sphinxext.blog"]
project = "Lists"
exclude_patterns = ["_build"]
blog_baseurl = "https://example.com/"
blog_authors = {"ann": {"name": "Ann Lee"}}
blog_tags = {
    "python": {"label": "Python", "slug": "py", "description": "Posts about Python."},
    "data": None,
}
blog_categories = {"eng": {"label": "Engineering", "description": "How we build."}}
"""
POSTS = {
    "blog/first.md": "---\ntitle: First\ndate: 2024-01-02\nauthor: [ann, bob]\ntags: [python, rust]\n"
                     "category: eng\n---\n\nFirst post.\n",
    "blog/second.md": "---\ntitle: Second\ndate: 2024-01-03\nauthor: ann\ntags: [Python, data]\n"
                      "category: Marketing\n---\n\nSecond post.\n",
    "index.md": "# Lists\n\n{tag}`Python` and {tag}`python`; {category}`Engineering`.\n\n"
                "```{postlist}\n:tags: Python\n```\n",
}
# (file, line, message) of every name on no list
UNKNOWN = [
    ("blog/first.md", 4, "unknown author 'bob' (not in blog_authors) [blog.author]"),
    ("blog/first.md", 5, "unknown tag 'rust' (not in blog_tags) [blog.tag]"),
    ("blog/second.md", 6, "unknown category 'Marketing' (not in blog_categories) [blog.category]"),
]


def make_site(tmp_path: Path, conf: str = CONF, **files: str) -> Path:
    srcdir = tmp_path / "site"
    for name, text in {**POSTS, **files}.items():
        (srcdir / name).parent.mkdir(parents=True, exist_ok=True)
        (srcdir / name).write_text(text, encoding="utf-8")
    (srcdir / "conf.py").write_text(conf, encoding="utf-8")
    return srcdir


def messages(lines: list[str], srcdir: Path, level: str = "WARNING") -> list[tuple[str, int, str]]:
    found = []
    for line in lines:
        if f": {level}: " in line and str(srcdir) in line:
            where, message = line.split(f": {level}: ", 1)
            name, number = where.removeprefix(f"{srcdir}/").rsplit(":", 1)
            found.append((name, int(number), message))
    return sorted(found)


def sphinx_build(srcdir: Path, capsys, *options: str) -> tuple[int, str]:
    status = build_main(["-q", *options, "-b", "html", str(srcdir), str(srcdir / "_build")])
    return status, capsys.readouterr().err


# -- the policy ----------------------------------------------------------------------------------


def test_warn_is_the_default_one_warning_each_with_file_and_line(tmp_path):
    srcdir = make_site(tmp_path)
    app = build(srcdir)
    assert messages(warnings_of(app), srcdir) == UNKNOWN
    again = build(srcdir)  # not read again: not said again, as Sphinx does with every warning
    assert messages(warnings_of(again), srcdir) == []


def test_ignore_says_nothing_and_keeps_everything(tmp_path):
    srcdir = make_site(tmp_path)
    app = build(srcdir, blog_terms_policy="ignore")
    assert warnings_of(app) == []
    assert parse_html(Path(app.outdir) / "blog/tags/rust.html").select_one("h1").get_text() == "Posts tagged “rust”"
    assert (Path(app.outdir) / "blog/authors/bob.html").is_file()


def test_warnings_fail_a_build_with_W(tmp_path, capsys):
    status, err = sphinx_build(make_site(tmp_path), capsys, "-W")
    assert status in (1, 2)  # Sphinx 8.0 stops at the first warning (2); 8.1+ fails at the end (1)
    assert "unknown tag 'rust'" in err and "Traceback" not in err


def test_error_fails_the_build_cleanly_every_time(tmp_path, capsys):
    srcdir = make_site(tmp_path, CONF + 'blog_terms_policy = "error"\n')
    status, err = sphinx_build(srcdir, capsys)
    assert status == 1
    assert messages(err.splitlines(), srcdir, "ERROR") == UNKNOWN
    assert "the build fails: 3 tag(s), categories or authors are on no list" in err
    assert "Traceback" not in err and "Extension error" not in err
    assert (srcdir / "_build/blog/first.html").is_file()  # everything else is written, as with -W
    status, err = sphinx_build(srcdir, capsys)  # nothing read again: the build still fails
    assert status == 1 and messages(err.splitlines(), srcdir, "ERROR") == UNKNOWN


def test_a_policy_per_kind(tmp_path, capsys):
    srcdir = make_site(tmp_path, CONF + 'blog_terms_policy = {"tag": "error", "author": "ignore"}\n')
    status, err = sphinx_build(srcdir, capsys)
    assert status == 1
    assert messages(err.splitlines(), srcdir, "ERROR") == [UNKNOWN[1]]
    assert messages(err.splitlines(), srcdir) == [UNKNOWN[2]]  # categories: the default, warn


@pytest.mark.parametrize("value", ["strict", {"tags": "error"}, {"tag": "fail"}])
def test_an_invalid_policy_is_one_config_warning_and_warn(tmp_path, value):
    srcdir = make_site(tmp_path)
    app = build(srcdir, blog_terms_policy=value)
    config = [w for w in warnings_of(app) if "[blog.config]" in w]
    assert len(config) == 1 and "blog_terms_policy" in config[0]
    assert messages(warnings_of(app), srcdir) == UNKNOWN


def test_without_lists_any_tag_or_category_is_fine(tmp_path):
    conf = CONF.split("blog_tags")[0].replace('"ann": {"name": "Ann Lee"}', '"ann": {}, "bob": {}')
    app = build(make_site(tmp_path, conf, **{"index.md": "# Lists\n"}), blog_terms_policy="error")
    assert warnings_of(app) == [] and app.statuscode == 0


# -- labels, slugs and descriptions on the pages ---------------------------------------------


@pytest.fixture(scope="module")
def listed(tmp_path_factory):
    return build(make_site(tmp_path_factory.mktemp("listed")), blog_terms_policy="ignore")


def test_a_term_named_by_key_or_label_is_one_term_with_the_list_s_page(listed):
    page = parse_html(Path(listed.outdir) / "blog/tags/py.html")
    assert page.select_one("h1").get_text() == "Posts tagged “Python”"
    assert page.select_one(".blog-listing-description").get_text() == "Posts about Python."
    assert [a.get_text() for a in page.select("p.blog-list-title a")] == ["Second", "First"]
    assert not (Path(listed.outdir) / "blog/tags/python.html").exists()
    byline = parse_html(Path(listed.outdir) / "blog/second.html").select(".blog-tags a")
    assert [(a.get_text(), a["href"]) for a in byline] == [("Python", "tags/py.html"), ("data", "tags/data.html")]


def test_category_pages_from_the_conf_list(listed):
    page = parse_html(Path(listed.outdir) / "blog/categories/eng.html")
    assert page.select_one("h1").get_text() == "Posts in “Engineering”"
    assert page.select_one(".blog-listing-description").get_text() == "How we build."


def test_roles_and_postlists_take_keys_and_labels(listed):
    body = parse_html(Path(listed.outdir) / "index.html").select_one("div.body")
    links = [(a.get_text(), a["href"]) for a in body.select_one("p").select("a")]
    assert links == [("Python", "blog/tags/py.html"), ("Python", "blog/tags/py.html"),
                     ("Engineering", "blog/categories/eng.html")]
    assert [a.get_text() for a in body.select("ul a")] == ["Second", "First"]


def test_the_file_and_conf_py_are_one_list(tmp_path):
    tags = "python:\n  label: Python 3\n  permalink: /python-3\n  description: From the file.\ndata:\n"
    conf = CONF.replace('"data": None,', '"data": {"label": "Data", "description": "From conf.py."},') + \
        'blog_tags_file = "tags.yml"\n'
    srcdir = make_site(tmp_path, conf.replace('"python": {"label": "Python", "slug": "py", '
                                              '"description": "Posts about Python."},', ""), **{"tags.yml": tags})
    app = build(srcdir, blog_terms_policy="ignore")
    python = parse_html(Path(app.outdir) / "blog/tags/python-3.html")
    assert python.select_one(".blog-listing-description").get_text() == "From the file."
    data = parse_html(Path(app.outdir) / "blog/tags/data.html")
    assert (data.select_one("h1").get_text(), data.select_one(".blog-listing-description").get_text()) == (
        "Posts tagged “Data”", "From conf.py.")  # conf.py completes and replaces the file's entry


def test_slugs_are_safe_file_names_and_chosen_ones_come_first(tmp_path):
    conf = CONF.replace('"data": None,', '"data": {"slug": "../../etc/Rust"}, "rust": None,')
    app = build(make_site(tmp_path, conf), blog_terms_policy="ignore")
    tags = Path(app.outdir, "blog/tags")
    assert (tags / "etc-rust.html").is_file() and (tags / "rust.html").is_file()
    assert not Path(app.outdir, "etc").exists()


def test_bad_list_entries_are_warnings_with_file_and_line(tmp_path):
    tags = "ok: {label: OK}\nbad: [1, 2]\n'': {label: Empty}\n"
    srcdir = make_site(tmp_path, CONF + 'blog_tags_file = "tags.yml"\n', **{"tags.yml": tags})
    app = build(srcdir, blog_terms_policy="ignore")
    found = [w for w in warnings_of(app) if "[blog.tag]" in w]
    assert len(found) == 2, found
    assert f"{srcdir / 'tags.yml'}:2:" in found[0] and "'bad' should be a label or a mapping" in found[0]
    assert "entry without a key" in found[1]


def test_a_missing_tags_file_is_one_warning(tmp_path):
    app = build(make_site(tmp_path, CONF + 'blog_tags_file = "nowhere.yml"\n'), blog_terms_policy="ignore")
    assert [w.split("WARNING: ")[1] for w in warnings_of(app)] == [
        "the tag list 'nowhere.yml' was not found; not used [blog.tag]"]


# -- the loader, pure ---------------------------------------------------------------------------


def test_load_terms_shapes(tmp_path):
    problems: list[tuple[str, str, str]] = []
    found = load_terms("tag", {"a": None, "b": "Bee", "c": {"permalink": "/see/", "description": "C"}, 3: 3},
                       None, tmp_path, tmp_path, lambda *args: problems.append(args))
    assert found == TermList.of([Term("a", "a"), Term("b", "Bee"), Term("c", "c", "see", "C"), Term("3", "3")])
    assert found.key_of("Bee") == "b" and found.key_of("b") == "b" and found.key_of("Cee") is None
    assert load_terms("tag", ["x", {"key": "y", "label": "Why"}], None, tmp_path, tmp_path, print) == TermList.of(
        [Term("x", "x"), Term("y", "Why")])
    assert load_terms("tag", None, None, tmp_path, tmp_path, print) is None
    assert problems == []


def test_a_key_wins_over_another_term_s_label(tmp_path):
    found = load_terms("tag", {"a": "b", "b": "Bee"}, None, tmp_path, tmp_path, print)
    assert found is not None and found.key_of("b") == "b" and found.key_of("Bee") == "b"
