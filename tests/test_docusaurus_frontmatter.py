"""Docusaurus's frontmatter and file names, read without Sphinx: dates and addresses from the
path (``postpaths``), authors as objects and the legacy keys (``postauthors``), the other keys."""

from __future__ import annotations

import datetime as dt

import pytest

from sphinxext.blog.frontmatter import parse_post
from sphinxext.blog.postauthors import PostAuthor
from sphinxext.blog.postpaths import PathFacts, read_post_path


def source(*lines: str) -> str:
    return "---\n" + "".join(line + "\n" for line in lines) + "---\n\nBody.\n"


def day(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


# -- dates and addresses from the path -------------------------------------------------------------


@pytest.mark.parametrize(
    ("docname", "facts"),
    [
        ("blog/2021-03-09-releasing-i18n", PathFacts("2021-03-09", "blog/2021/03/09/releasing-i18n")),
        ("blog/2021-05-12-two-beta/index", PathFacts("2021-05-12", "blog/2021/05/12/two-beta")),
        ("blog/2021/03-09-releasing-i18n", PathFacts("2021-03-09", "blog/2021/03/09/releasing-i18n")),
        ("blog/2021/03/09/releasing-i18n", PathFacts("2021-03-09", None)),  # already its address
        ("blog/news/2021-3-9-x", PathFacts("2021-3-9", "blog/2021/3/9/news/x")),  # folders before the date kept
        ("blog/2021-03-09", PathFacts("2021-03-09", "blog/2021/03/09")),
        ("blog/two-beta/index", PathFacts(None, "blog/two-beta")),  # a folder post without a date
        ("blog/plain", PathFacts(None, None)),
        ("blog/2021-03-091-x", PathFacts(None, None)),  # not a date followed by a separator
        ("blog/release-2021-03-09", PathFacts(None, None)),  # a date inside a name is not one
        ("news/2021-03-09-x", PathFacts("2021-03-09", "blog/2021/03/09/x")),  # a post outside its blog's folder
    ],
)
def test_read_post_path(docname, facts):
    assert read_post_path(docname, "blog") == facts


def test_a_dated_file_name_gives_the_date_and_the_docusaurus_address():
    post, problems = parse_post("blog/2021-03-09-releasing-i18n", source("title: T"), date_from_path=True)
    assert (post.date, post.date_only, post.slug, problems) == (
        day("2021-03-09"), True, "blog/2021/03/09/releasing-i18n", [])


def test_the_frontmatter_date_and_slug_win():
    post, _ = parse_post("blog/2021-03-09-x", source("title: T", "date: 2021-04-01T10:30:00", "slug: y"),
                         date_from_path=True)
    assert (post.date, post.date_only, post.slug) == (day("2021-04-01T10:30:00"), False, "blog/y")


def test_without_date_from_path_the_path_says_nothing():
    post, _ = parse_post("blog/2021-03-09-x", source("title: T"))
    assert (post.date, post.slug) == (None, None)


def test_an_impossible_date_in_the_path_is_a_date_problem():
    post, problems = parse_post("blog/2021-02-30-x", source("title: T"), date_from_path=True)
    assert post.date is None
    assert [(p.subtype, p.message) for p in problems] == [
        ("date", "the date '2021-02-30' in the file's path is not a real date")]


def test_an_invalid_frontmatter_date_falls_back_on_the_path_with_a_warning():
    post, problems = parse_post("blog/2021-03-09-x", source("title: T", "date: soon"), date_from_path=True)
    assert post.date == day("2021-03-09")
    assert [p.subtype for p in problems] == ["date"]


# -- authors ---------------------------------------------------------------------------------------


def authors_of(*lines: str, docname: str = "blog/p"):
    post, problems = parse_post(docname, source("title: T", "date: 2024-01-01", *lines))
    return post.authors, post.author_details, [(p.subtype, p.message, p.line) for p in problems]


def test_handles_alone_keep_no_details():
    assert authors_of("authors: [ann, raj]") == (("ann", "raj"), (), [])
    assert authors_of("authors: ann") == (("ann",), (), [])


def test_a_registry_key_with_overrides_and_an_inline_author():
    found = authors_of("authors:", "  - key: raj", "    title: Guest editor", "  - name: Sam",
                       "    url: https://example.com/sam", "    image_url: https://example.com/sam.png",
                       "    socials: {github: sam}")
    assert found == (("raj",), (PostAuthor("raj", role="Guest editor"),
                                PostAuthor("", "Sam", "", "https://example.com/sam", "https://example.com/sam.png")),
                     [])


def test_socials_and_email_give_a_link_when_there_is_no_url():
    _, details, _ = authors_of("authors:", "  - {name: A, socials: {github: a-gh}}", "  - {name: B, email: b@x.org}")
    assert [author.url for author in details] == ["https://github.com/a-gh", "mailto:b@x.org"]


def test_a_single_object():
    assert authors_of("authors: {name: Sam, title: Guest}")[1] == (PostAuthor(name="Sam", role="Guest"),)


def test_legacy_keys_make_author_a_name():
    found = authors_of("author: Lena Fischer", "author_title: Designer", "author_url: https://example.com/l",
                       "author_image_url: https://example.com/l.png")
    assert found == ((), (PostAuthor("", "Lena Fischer", "Designer", "https://example.com/l",
                                     "https://example.com/l.png"),), [])


def test_bad_author_objects_are_problems_and_the_rest_is_kept():
    handles, details, problems = authors_of(
        "authors:", "  - {title: Nobody}", "  - {name: Eve, url: 'javascript:alert(1)', image_url: 'data:x'}",
        "  - {name: Far, image_url: ../../../secret.png}", "  - ann")
    assert handles == ("ann",)
    assert details == (PostAuthor(name="Eve"), PostAuthor(name="Far"), PostAuthor("ann"))
    assert [subtype for subtype, _message, _line in problems] == ["author", "url", "image", "image"]
    assert {line for *_rest, line in problems} == {4}


def test_a_local_avatar_is_relative_to_the_post():
    _, details, _ = authors_of("authors: [{name: A, image_url: ./img/a.png}, {name: B, image_url: /img/b.png}]",
                               docname="blog/folder/index")
    assert [author.image for author in details] == ["blog/folder/img/a.png", "img/b.png"]


def test_author_details_are_small_and_picklable():
    import pickle

    _, details, _ = authors_of("authors: [{name: A}]")
    assert pickle.loads(pickle.dumps(details)) == details


# -- the other keys ------------------------------------------------------------------------------------


def test_other_docusaurus_keys():
    post, problems = parse_post("blog/p", source(
        "title: T", "date: 2024-01-01", "hide_table_of_contents: true", "title_meta: Meta title",
        "image: ./hero.png", "description: D", "keywords: [a, b]", "draft: true", "unlisted: true",
        "last_update: {date: 2024-03-01, author: someone}", "sidebar_label: S", "sidebar_position: 3",
        "toc_min_heading_level: 2", "toc_max_heading_level: 4", "pagination_prev: null"))
    assert problems == []
    assert (post.hide_anchor, post.meta_title, post.image, post.description, post.keywords) == (
        True, "Meta title", "blog/hero.png", "D", ("a", "b"))
    assert (post.draft, post.unlisted, post.updated) == (True, True, day("2024-03-01"))


def test_a_bad_last_update_is_a_problem():
    _, problems = parse_post("blog/p", source("title: T", "date: 2024-01-01", "last_update: yesterday"))
    assert [p.subtype for p in problems] == ["frontmatter"]
    _, problems = parse_post("blog/p", source("title: T", "date: 2024-01-01", "last_update: {date: never}"))
    assert [p.subtype for p in problems] == ["date"]
