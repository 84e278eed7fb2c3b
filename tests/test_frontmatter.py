"""Frontmatter: every key and shape read into a typed Post, every problem with its line.

Line numbers are 1-based lines of the source file: line 1 is the opening ``---``,
so the first key is on line 2.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import time

import pytest
from sphinx.util.console import strip_colors

from sphinxext.blog.dates import parse_date
from sphinxext.blog.frontmatter import Post, Problem, parse_post, read_frontmatter
from sphinxext.blog.postauthors import PostAuthor

from conftest import build, copy_root, parse_html

UTC = dt.UTC


def source(*lines: str, body: str = "Body text.\n") -> str:
    """A MyST document whose frontmatter is ``lines`` (line 2 onwards)."""
    return "---\n" + "".join(line + "\n" for line in lines) + "---\n\n" + body


def parse(*lines: str, docname: str = "blog/post") -> tuple[Post, list[Problem]]:
    return parse_post(docname, source("title: A title", *lines))


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, problems
    return problems[0]


# -- read_frontmatter -----------------------------------------------------------------


def test_read_frontmatter_keeps_values_and_key_lines():
    fm = read_frontmatter(source("title: T", "date: 2023-01-24", "tags:", "  - A", "  - B", "draft: true"))
    assert fm is not None
    assert fm.data == {"title": "T", "date": "2023-01-24", "tags": ["A", "B"], "draft": True}
    assert fm.lines == {"title": 2, "date": 3, "tags": 4, "draft": 7}
    assert fm.end_line == 8
    assert fm.problems == []


def test_read_frontmatter_keeps_dates_as_text():
    # an impossible date must not make PyYAML drop the whole frontmatter
    fm = read_frontmatter(source("title: T", "date: 2020-02-30", "when: 2021-01-01 10:00:00"))
    assert fm is not None
    assert fm.data == {"title": "T", "date": "2020-02-30", "when": "2021-01-01 10:00:00"}
    assert fm.problems == []


@pytest.mark.parametrize("text", ["# No frontmatter\n", "---not a delimiter\ntitle: x\n---\n"])
def test_read_frontmatter_none_without_a_block(text):
    assert read_frontmatter(text) is None


def test_read_frontmatter_unclosed_block_is_a_problem():
    fm = read_frontmatter("---\ntitle: x\n")
    assert fm is not None and fm.data == {}
    assert fm.problems == [Problem("frontmatter", "the opening '---' has no closing '---'", 1)]


def test_read_frontmatter_empty_block():
    fm = read_frontmatter("---\n---\nBody\n")
    assert fm is not None
    assert (fm.data, fm.lines, fm.end_line) == ({}, {}, 2)
    assert fm.problems == [Problem("frontmatter", "empty frontmatter", 1)]


def test_read_frontmatter_dots_close_the_block():
    fm = read_frontmatter("---\ntitle: T\n...\nBody\n")
    assert fm is not None
    assert fm.data == {"title": "T"}
    assert fm.end_line == 3


@pytest.mark.parametrize(
    ("lines", "line"),
    [
        (("title: T", "tags: [unclosed"), 4),  # noticed at the end of the block
        (("title: T", "key: : :"), 3),
        (("title: T", "author: a", " bad: indent"), 4),
    ],
)
def test_read_frontmatter_invalid_yaml_is_one_problem(lines, line):
    fm = read_frontmatter(source(*lines))
    assert fm is not None
    assert fm.data == {}
    problem = only(fm.problems)
    assert problem.subtype == "frontmatter"
    assert problem.line == line
    assert "invalid YAML" in problem.message


def test_read_frontmatter_not_a_mapping():
    fm = read_frontmatter(source("- a", "- b"))
    assert fm is not None
    assert fm.data == {}
    problem = only(fm.problems)
    assert (problem.subtype, problem.line) == ("frontmatter", 2)


def test_read_frontmatter_crlf_line_endings():
    fm = read_frontmatter("---\r\ntitle: T\r\ndate: 2023-01-24\r\n---\r\nBody\r\n")
    assert fm is not None
    assert fm.data == {"title": "T", "date": "2023-01-24"}
    assert fm.lines == {"title": 2, "date": 3}
    assert fm.end_line == 4


# -- title --------------------------------------------------------------------------


def test_title():
    post, problems = parse_post(
        "blog/p", source('title: "Product engineer vs product manager: What\'s the difference?"')
    )
    assert post.title == "Product engineer vs product manager: What's the difference?"
    assert post.docname == "blog/p"
    assert problems == []
    assert post.line_of("title") == 2


def test_title_whitespace_is_collapsed():
    post, _ = parse_post("blog/p", source("title: >-", "  A title folded", "  over two lines"))
    assert post.title == "A title folded over two lines"


def test_title_number_is_read_as_text_with_a_warning():
    post, problems = parse_post("blog/p", source("title: 2030"))
    assert post.title == "2030"
    assert problems == [Problem("frontmatter", "'title' should be text, not int 2030 (read as '2030')", 2)]


def test_missing_title_is_a_problem_at_line_1():
    post, problems = parse_post("blog/p", source("date: 2023-01-24"))
    assert post.title == ""
    problem = only(problems)
    assert (problem.subtype, problem.line) == ("frontmatter", 1)
    assert "title" in problem.message


def test_title_of_wrong_type():
    post, problems = parse_post("blog/p", source("date: 2023-01-24", "title: [a, b]"))
    assert post.title == ""
    problem = only(problems)
    assert (problem.subtype, problem.line) == ("frontmatter", 3)


def test_empty_title_is_a_problem():
    post, problems = parse_post("blog/p", source('title: ""', "date: 2023-01-24"))
    assert post.title == ""
    problem = only(problems)
    assert (problem.subtype, problem.line) == ("frontmatter", 2)


# -- date ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected", "date_only"),
    [
        ("2023-01-24", dt.datetime(2023, 1, 24, tzinfo=UTC), True),
        ('"2023-01-24"', dt.datetime(2023, 1, 24, tzinfo=UTC), True),
        ("'2023-01-24'", dt.datetime(2023, 1, 24, tzinfo=UTC), True),
        ("2023-1-5", dt.datetime(2023, 1, 5, tzinfo=UTC), True),
        ("2023-01-24T10:30:00Z", dt.datetime(2023, 1, 24, 10, 30, tzinfo=UTC), False),
        ("2023-01-24T10:30:00.000Z", dt.datetime(2023, 1, 24, 10, 30, tzinfo=UTC), False),
        ("2023-01-24T10:30:00+02:00", dt.datetime(2023, 1, 24, 8, 30, tzinfo=UTC), False),
        ("2023-01-24T01:30:00+02:00", dt.datetime(2023, 1, 23, 23, 30, tzinfo=UTC), False),
        ("2023-01-24 10:30:00-05:00", dt.datetime(2023, 1, 24, 15, 30, tzinfo=UTC), False),
        ("2023-01-24T10:30:00", dt.datetime(2023, 1, 24, 10, 30, tzinfo=UTC), False),
        ("2023-01-24 10:30", dt.datetime(2023, 1, 24, 10, 30, tzinfo=UTC), False),
        ("Mar 12, 2024", dt.datetime(2024, 3, 12, tzinfo=UTC), True),  # ABlog/Jekyll style
        ("12 March 2024", dt.datetime(2024, 3, 12, tzinfo=UTC), True),
    ],
)
def test_date_shapes(value, expected, date_only):
    post, problems = parse(f"date: {value}")
    assert problems == []
    assert post.date == expected
    assert post.date.tzinfo is not None
    assert post.date.utcoffset() == dt.timedelta(0)
    assert post.date_only is date_only
    assert post.line_of("date") == 3


@pytest.fixture
def new_york_tz():
    """The local zone of the test process set to New York, restored afterwards."""
    if not hasattr(time, "tzset"):
        pytest.skip("time.tzset is not available on this platform")
    old = os.environ.get("TZ")
    os.environ["TZ"] = "America/New_York"
    time.tzset()
    if time.localtime(0).tm_hour != 19:  # no zone database: the same rules, spelt out
        os.environ["TZ"] = "EST+05EDT,M3.2.0,M11.1.0"
        time.tzset()
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = old
        time.tzset()


def test_naive_dates_are_utc_whatever_the_local_zone(new_york_tz):
    assert time.localtime(0).tm_hour == 19  # the zone really is New York (UTC-5)
    post, problems = parse("date: 2023-01-24 23:30:00")
    assert problems == []
    assert post.date == dt.datetime(2023, 1, 24, 23, 30, tzinfo=UTC)
    post, _ = parse("date: 2023-01-24")
    assert post.date == dt.datetime(2023, 1, 24, tzinfo=UTC)
    assert post.date.date() == dt.date(2023, 1, 24)


def test_parse_date_accepts_python_values():
    assert parse_date(dt.date(2023, 1, 24)) == (dt.datetime(2023, 1, 24, tzinfo=UTC), True)
    assert parse_date(dt.datetime(2023, 1, 24, 10)) == (dt.datetime(2023, 1, 24, 10, tzinfo=UTC), False)
    berlin = dt.timezone(dt.timedelta(hours=1))
    assert parse_date(dt.datetime(2023, 1, 24, 10, tzinfo=berlin)) == (
        dt.datetime(2023, 1, 24, 9, tzinfo=UTC),
        False,
    )


@pytest.mark.parametrize("value", ["2020-02-30", "2023-13-01", "yesterday", "", "24/01/2023", 20230124, None, [2023]])
def test_parse_date_rejects(value):
    assert parse_date(value) is None


def test_impossible_date_is_one_problem_and_the_rest_is_kept():
    post, problems = parse_post(
        "blog/p",
        source(
            "title: An impossible date",
            "date: 2020-02-30",
            "author: james-hawkins",
            "categories:",
            "  - Startups",
            "tags: [Growth]",
            "featuredImage: ../images/x.png",
        ),
    )
    problem = only(problems)
    assert (problem.subtype, problem.line) == ("date", 3)
    assert "2020-02-30" in problem.message
    assert post.date is None
    assert post.title == "An impossible date"
    assert post.authors == ("james-hawkins",)
    assert post.categories == ("Startups",)
    assert post.tags == ("Growth",)
    assert post.image == "images/x.png"


@pytest.mark.parametrize("value", ["[2023, 1, 24]", "{year: 2023}", "2023", "true"])
def test_date_of_wrong_type(value):
    post, problems = parse("author: x", f"date: {value}")
    assert post.date is None
    assert post.authors == ("x",)
    problem = only(problems)
    assert (problem.subtype, problem.line) == ("date", 4)


def test_empty_date_is_no_date_without_problem():
    post, problems = parse("date:")
    assert (post.date, problems) == (None, [])


# -- authors ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (("author: ian-vanagas",), ("ian-vanagas",)),
        (("author:", "  - ian-vanagas", "  - joe-martin"), ("ian-vanagas", "joe-martin")),
        (('author: ["ian-vanagas", "joe-martin"]',), ("ian-vanagas", "joe-martin")),
        (("author: [ian-vanagas]",), ("ian-vanagas",)),
        (("authors: [a, b]",), ("a", "b")),
        (("authors: a",), ("a",)),
        (("author: [a, a, b]",), ("a", "b")),  # duplicates kept once
        (("author: []",), ()),
    ],
)
def test_author_shapes(lines, expected):
    post, problems = parse(*lines)
    assert problems == []
    assert post.authors == expected


def test_author_takes_precedence_over_authors():
    post, _ = parse("authors: [b]", "author: a")
    assert post.authors == ("a",)


def test_author_as_an_object_is_an_author_of_the_post_alone():
    post, problems = parse("date: 2023-01-01", "author: {name: Ian}")
    assert (post.authors, problems) == ((), [])
    assert post.author_details == (PostAuthor(name="Ian"),)


def test_author_list_with_an_object_keeps_every_author_in_order():
    post, problems = parse("author:", "  - a", "  - {name: b}", "  - c", "  - [d]")
    assert post.authors == ("a", "c")
    assert post.author_details == (PostAuthor("a"), PostAuthor(name="b"), PostAuthor("c"))
    problem = only(problems)
    assert (problem.subtype, problem.line) == ("frontmatter", 3)


# -- flags: showTitle, hideAnchor, draft, unlisted ------------------------------------


@pytest.mark.parametrize(
    ("key", "attribute", "default"),
    [
        ("showTitle", "show_title", True),
        ("show_title", "show_title", True),
        ("hideAnchor", "hide_anchor", False),
        ("hide_anchor", "hide_anchor", False),
        ("draft", "draft", False),
        ("unlisted", "unlisted", False),
    ],
)
def test_flags(key, attribute, default):
    assert getattr(parse()[0], attribute) is default
    for value, expected in [
        ("true", True),
        ("false", False),
        ("True", True),
        ("'yes'", True),
        ("'no'", False),
    ]:
        post, problems = parse(f"{key}: {value}")
        assert problems == []
        assert getattr(post, attribute) is expected, value
    post, problems = parse(f"{key}:")
    assert (getattr(post, attribute), problems) == (default, [])


@pytest.mark.parametrize("key", ["showTitle", "hideAnchor", "draft", "unlisted"])
def test_flag_of_wrong_value_keeps_default(key):
    post, problems = parse("date: 2023-01-01", f"{key}: sometimes")
    problem = only(problems)
    assert (problem.subtype, problem.line) == ("frontmatter", 4)
    assert key in problem.message


# -- rootpage, sidebar -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "docname", "root"),
    [
        ("rootpage: /blog", "blog/p", "blog"),
        ("rootPage: /blog", "blog/p", "blog"),
        ("rootPage: /engineering/", "blog/p", "engineering"),
        ("rootpage: /", "blog/p", "blog"),
        ("root: news", "blog/p", "news"),
        ("", "news/p", "news"),  # default: the post's top folder
        ("", "p", "blog"),
    ],
)
def test_rootpage(line, docname, root):
    lines = ("title: T", line) if line else ("title: T",)
    post, problems = parse_post(docname, source(*lines))
    assert (post.root, problems) == (root, [])


def test_rootpage_default_can_be_given():
    post, _ = parse_post("blog/p", source("title: T"), default_root="news")
    assert post.root == "news"


def test_rootpage_lowercase_wins_over_camel_case():
    post, _ = parse("rootPage: /b", "rootpage: /a")
    assert post.root == "a"


def test_sidebar():
    assert parse()[0].sidebar is None
    post, problems = parse("sidebar: Blog")
    assert (post.sidebar, problems) == ("Blog", [])
    post, problems = parse("sidebar: [Blog]")
    assert post.sidebar is None
    assert only(problems).line == 3


# -- featured image ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("docname", "value", "expected"),
    [
        ("blog/p", "../images/blog/x.png", "images/blog/x.png"),
        ("blog/p", "./hero.png", "blog/hero.png"),
        ("blog/p", "hero.png", "blog/hero.png"),
        ("blog/2023/p", "../../images/x.png", "images/x.png"),
        ("blog/2023/p", "img/x.png", "blog/2023/img/x.png"),
        ("blog/p", "/images/x.png", "images/x.png"),  # site-absolute: from the source folder
        ("p", "images/x.png", "images/x.png"),
    ],
)
def test_featured_image_relative_to_the_post(docname, value, expected):
    post, problems = parse_post(docname, source("title: T", f"featuredImage: {value}"))
    assert problems == []
    assert post.image == expected
    assert not post.is_image_url


@pytest.mark.parametrize(
    "url",
    [
        "https://res.cloudinary.com/x/image/upload/hero.png",
        "http://example.com/a.jpg",
        "//cdn.example.com/a.jpg",
    ],
)
def test_featured_image_absolute_url(url):
    post, problems = parse(f"featuredImage: {url}")
    assert (post.image, problems) == (url, [])
    assert post.is_image_url


def test_featured_image_folded_url_over_two_lines():
    post, problems = parse(
        "featuredImage: >-",
        "  https://res.cloudinary.com/dmukukwp6/image/upload/",
        "  posthog.com/contents/images/blog/happy-hog.png",
        "featuredImageType: full",
    )
    assert problems == []
    assert (
        post.image == "https://res.cloudinary.com/dmukukwp6/image/upload/posthog.com/contents/images/blog/happy-hog.png"
    )
    assert post.image_type == "full"
    assert post.line_of("featuredImage") == 3
    assert post.line_of("featuredImageType") == 6


def test_featured_image_folded_url_on_one_line():
    post, _ = parse("featuredImage: >-", "  https://example.com/a.png")
    assert post.image == "https://example.com/a.png"


@pytest.mark.parametrize(
    ("docname", "value"),
    [
        ("blog/p", "../../outside.png"),
        ("p", "../x.png"),
        ("blog/p", "/../x.png"),
        ("blog/a/p", "../../../x.png"),
    ],
)
def test_featured_image_outside_the_source_folder(docname, value):
    post, problems = parse_post(docname, source("title: T", "date: 2023-01-01", f"featuredImage: {value}"))
    assert post.image is None
    problem = only(problems)
    assert (problem.subtype, problem.line) == ("image", 4)
    assert value in problem.message


@pytest.mark.parametrize("key", ["image", "cover", "featured_image"])
def test_featured_image_aliases(key):
    post, problems = parse(f"{key}: ../img/x.png")
    assert (post.image, problems) == ("img/x.png", [])


def test_featured_image_alias_outside_warns_at_its_own_line():
    post, problems = parse("date: 2023-01-01", "image: ../../x.png")
    assert post.image is None
    assert (only(problems).subtype, only(problems).line) == ("image", 4)


def test_featured_image_wins_over_image():
    post, _ = parse("image: b.png", "featuredImage: a.png")
    assert post.image == "blog/a.png"


def test_featured_image_of_wrong_type():
    post, problems = parse("featuredImage: [a.png]")
    assert post.image is None
    assert only(problems).line == 3


def test_empty_featured_image_is_no_image():
    post, problems = parse('featuredImage: ""')
    assert (post.image, problems) == (None, [])


def test_no_featured_image():
    post, problems = parse("featuredImage:")
    assert (post.image, post.image_type, problems) == (None, "standard", [])


@pytest.mark.parametrize(("value", "expected"), [("full", "full"), ("standard", "standard")])
def test_featured_image_type(value, expected):
    post, problems = parse("featuredImage: a.png", f"featuredImageType: {value}")
    assert (post.image_type, problems) == (expected, [])


def test_featured_image_type_snake_case_alias():
    post, problems = parse("featured_image_type: full")
    assert (post.image_type, problems) == ("full", [])


@pytest.mark.parametrize("value", ["wide", "Full", "[full]"])
def test_unknown_featured_image_type(value):
    post, problems = parse("featuredImage: a.png", f"featuredImageType: {value}")
    assert post.image_type == "standard"
    problem = only(problems)
    assert problem.line == 4
    if value != "[full]":  # not text at all: a frontmatter problem
        assert problem.subtype == "image"


def test_featured_image_alt():
    post, _ = parse("featuredImageAlt: A hedgehog")
    assert post.image_alt == "A hedgehog"
    assert parse()[0].image_alt == ""


# -- categories and tags --------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (("category: Engineering",), ("Engineering",)),
        (("categories:", "  - Engineering", "  - Startups"), ("Engineering", "Startups")),
        (("categories: engineering",), ("engineering",)),
        (("category: Engineering", "categories: [Startups, Engineering]"), ("Engineering", "Startups")),
        (("category: [A, B]",), ("A", "B")),
        (("category:",), ()),
    ],
)
def test_categories(lines, expected):
    post, problems = parse(*lines)
    assert (post.categories, problems) == (expected, [])


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (("tags:", "  - Explainers", "  - Product engineers"), ("Explainers", "Product engineers")),
        (("tags: [Explainers, Product engineers]",), ("Explainers", "Product engineers")),
        (("tags: Product engineers",), ("Product engineers",)),
        (("tags:", "  - A", "  - A", "  - '  spaced   out '"), ("A", "spaced out")),
        (("tags: [2023, C++]",), ("2023", "C++")),
        (("tag: Solo",), ("Solo",)),
        (("tags: []",), ()),
    ],
)
def test_tags(lines, expected):
    post, problems = parse(*lines)
    assert (post.tags, problems) == (expected, [])


@pytest.mark.parametrize(("value", "expected"), [
    ("a, b", ("a", "b")),
    ("Product engineers, Explainers,", ("Product engineers", "Explainers")),
])
def test_comma_separated_tags_are_split_with_a_warning(value, expected):
    post, problems = parse(f"tags: {value}")
    assert post.tags == expected
    problem = only(problems)
    assert (problem.subtype, problem.line) == ("frontmatter", 3)
    assert f"'tags' is one text {value!r}: read as 2 items" in problem.message and "write a list" in problem.message


def test_comma_separated_lists_are_ablog_frontmatter_when_blogpost_is_set():
    post, problems = parse("blogpost: true", "tags: a, b", "author: ann, bo")
    assert (post.tags, post.authors, problems) == (("a", "b"), ("ann", "bo"), [])


def test_empty_author_has_no_value():
    post, problems = parse("author:")
    assert post.authors == ()
    assert problems == [Problem("frontmatter", "'author' has no value", 3)]


def test_tags_of_wrong_type():
    post, problems = parse("date: 2023-01-01", "tags: {a: 1}")
    assert post.tags == ()
    problem = only(problems)
    assert (problem.subtype, problem.line) == ("frontmatter", 4)


def test_tags_with_a_nested_list_keep_the_text_items():
    post, problems = parse("tags:", "  - A", "  - [B, C]", "  - true")
    assert post.tags == ("A",)
    assert len(problems) == 2
    assert {(p.subtype, p.line) for p in problems} == {("frontmatter", 3)}


# -- seo, excerpt, description, keywords, crosspost ---------------------------------


def test_seo():
    post, problems = parse(
        "seo:",
        "  metaTitle: Product engineers, explained",
        "  metaDescription: >-",
        "    What they do",
        "    and why.",
    )
    assert problems == []
    assert post.meta_title == "Product engineers, explained"
    assert post.description == "What they do and why."


@pytest.mark.parametrize("value", ["[a, b]", "just text", "true"])
def test_seo_of_wrong_type(value):
    post, problems = parse("date: 2023-01-01", f"seo: {value}")
    assert (post.meta_title, post.description) == (None, None)
    problem = only(problems)
    assert (problem.subtype, problem.line) == ("frontmatter", 4)


def test_seo_item_of_wrong_type_keeps_the_other():
    post, problems = parse("date: 2023-01-01", "seo:", "  metaTitle: [x]", "  metaDescription: Kept")
    assert (post.meta_title, post.description) == (None, "Kept")
    problem = only(problems)
    assert (problem.subtype, problem.line) == ("frontmatter", 4)  # the line of 'seo'
    assert "metaTitle" in problem.message


def test_seo_empty_is_nothing():
    post, problems = parse("seo:")
    assert (post.meta_title, post.description, problems) == (None, None, [])


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (("description: From description",), "From description"),
        (("summary: From summary",), "From summary"),
        (("summary: S", "description: D"), "D"),
        (("description: D", "seo:", "  metaDescription: M"), "M"),
        ((), None),
    ],
)
def test_description_sources(lines, expected):
    post, problems = parse(*lines)
    assert (post.description, problems) == (expected, [])


def test_excerpt():
    post, problems = parse("excerpt: >-", "  The first words", "  of the post.")
    assert (post.excerpt, problems) == ("The first words of the post.", [])
    assert parse()[0].excerpt == ""


def test_keywords():
    post, problems = parse("keywords: [analytics, open source]")
    assert (post.keywords, problems) == (("analytics", "open source"), [])
    post, _ = parse("keywords: analytics")
    assert post.keywords == ("analytics",)


def test_crosspost():
    post, problems = parse("category: Engineering", "crosspost:", "  - Product engineers", "  - Startups")
    assert problems == []
    assert post.crosspost == ("Product engineers", "Startups")
    assert post.categories == ("Engineering",)


# -- slug and redirects --------------------------------------------------------------


def test_slug():
    assert parse()[0].slug is None
    # below the post's blog, as Docusaurus places it, unless it starts with the blog's path
    post, problems = parse("slug: /my-post/")
    assert (post.slug, problems) == ("blog/my-post", [])
    post, _ = parse("slug: 2023/my-post")
    assert post.slug == "blog/2023/my-post"
    post, _ = parse("slug: /blog/2023/my-post")
    assert post.slug == "blog/2023/my-post"


@pytest.mark.parametrize("key", ["redirect_from", "aliases"])
def test_redirects(key):
    post, problems = parse(f"{key}:", "  - /old/path/", "  - older")
    assert (post.aliases, problems) == (("old/path", "older"), [])
    post, _ = parse(f"{key}: /single/")
    assert post.aliases == ("single",)


# -- the whole seed shape, and invalid YAML ------------------------------------------


SEED = source(
    'title: "Product engineer vs product manager: What\'s the difference?"',
    "date: 2023-01-24",
    'author: ["ian-vanagas"]',
    "showTitle: true",
    "rootpage: /blog",
    "sidebar: Blog",
    "hideAnchor: true",
    "featuredImage: ../images/blog/product-engineer.jpg",
    "featuredImageType: full",
    "category: Engineering",
    "tags: ",
    "    - Explainers",
    "    - Product engineers",
)


def test_seed_frontmatter():
    post, problems = parse_post("blog/product-engineer-vs-product-manager", SEED)
    assert problems == []
    assert post.title == "Product engineer vs product manager: What's the difference?"
    assert post.date == dt.datetime(2023, 1, 24, tzinfo=UTC)
    assert post.authors == ("ian-vanagas",)
    assert (post.show_title, post.root, post.sidebar, post.hide_anchor) == (True, "blog", "Blog", True)
    assert (post.image, post.image_type) == ("images/blog/product-engineer.jpg", "full")
    assert post.categories == ("Engineering",)
    assert post.tags == ("Explainers", "Product engineers")
    assert post.lines == {
        "title": 2,
        "date": 3,
        "author": 4,
        "showTitle": 5,
        "rootpage": 6,
        "sidebar": 7,
        "hideAnchor": 8,
        "featuredImage": 9,
        "featuredImageType": 10,
        "category": 11,
        "tags": 12,
    }


def test_no_frontmatter_is_a_post_without_title():
    post, problems = parse_post("blog/p", "# Just a heading\n\nText.\n")
    assert post.title == ""
    assert [(p.subtype, p.line) for p in problems] == [("frontmatter", 1)]


def test_invalid_yaml_does_not_crash():
    post, problems = parse_post("blog/p", source("title: T", "date: 2023-01-24", "tags: [unclosed"))
    assert post.title == ""
    assert post.date is None
    assert problems[0].subtype == "frontmatter"
    assert problems[0].line == 5
    assert "invalid YAML" in problems[0].message


def test_invalid_yaml_is_exactly_one_problem():
    _post, problems = parse_post("blog/p", source("title: T", "date: 2023-01-24", "tags: [unclosed"))
    assert [(p.subtype, p.line) for p in problems] == [("frontmatter", 5)]


def test_not_a_mapping_does_not_crash():
    post, problems = parse_post("blog/p", source("just a string"))
    assert post.title == ""
    assert problems[0].subtype == "frontmatter"


def test_unknown_keys_are_ignored():
    post, problems = parse("layout: post", "comments: true", "lastUpdated: 2023-01-01")
    assert (post.title, problems) == ("A title", [])


def test_problems_keep_source_order_of_reading_and_all_lines():
    post, problems = parse_post(
        "blog/p",
        source(
            "title: T",  # 2
            "date: 2020-02-30",  # 3
            "showTitle: maybe",  # 4
            "featuredImage: ../../x.png",  # 5
            "featuredImageType: wide",  # 6
            "seo: [x]",  # 7
        ),
    )
    assert [(p.subtype, p.line) for p in problems] == [
        ("date", 3),
        ("frontmatter", 4),
        ("image", 6),
        ("image", 5),
        ("frontmatter", 7),
    ]
    assert post.title == "T"


# -- in a build: warnings with file:line, blogpost -----------------------------------


@pytest.fixture(scope="module")
def fm_app(module_tmp):
    return build(copy_root("frontmatter", module_tmp))


def blog_warnings(app) -> list[tuple[str, int | None, str]]:
    """(file name, line, type.subtype) of each warning (a message may run over several lines)."""
    records: list[str] = []
    for line in strip_colors(app.warning.getvalue()).splitlines():
        if "WARNING: " in line or not records:
            records.append(line)
        else:
            records[-1] += "\n" + line
    found = []
    for record in records:
        match = re.match(r"^(?P<path>.*?)(?::(?P<line>\d+))?: WARNING: .*\[(?P<kind>[\w.]+)\]$", record, re.DOTALL)
        assert match, record
        name = match["path"].rsplit("/", 1)[-1]
        found.append((name, int(match["line"]) if match["line"] else None, match["kind"]))
    return found


def test_build_impossible_date_warns_at_its_line_and_keeps_the_post(fm_app):
    assert ("impossible-date.md", 3, "blog.date") in blog_warnings(fm_app)
    html = parse_html(fm_app.outdir / "blog" / "impossible-date.html")
    assert [h.get_text().rstrip("¶") for h in html.select("div.body h1")] == ["An impossible date"]
    assert html.select_one(".blog-byline .blog-author-name").get_text() == "Ian Vanagas"
    assert [a.get_text() for a in html.select(".blog-byline .blog-tag")] == ["Kept"]


def test_build_impossible_date_is_the_only_warning_of_its_post(fm_app):
    assert [w for w in blog_warnings(fm_app) if w[0] == "impossible-date.md"] == [
        ("impossible-date.md", 3, "blog.date")
    ]


def test_build_image_warnings_with_lines(fm_app):
    warnings = blog_warnings(fm_app)
    assert ("unknown-image-type.md", 6, "blog.image") in warnings
    assert ("image-outside.md", 5, "blog.image") in warnings
    assert parse_html(fm_app.outdir / "blog" / "image-outside.html").select(".blog-hero") == []
    hero = parse_html(fm_app.outdir / "blog" / "unknown-image-type.html").select_one(".blog-hero")
    assert "blog-hero-standard" in hero["class"]


def test_build_folded_url_hero_and_seo_title(fm_app):
    html = parse_html(fm_app.outdir / "blog" / "folded-url.html")
    assert html.select_one(".blog-hero img")["src"] == "https://res.example.com/image/upload/hero-image.png"
    assert "blog-hero-full" in html.select_one(".blog-hero")["class"]
    assert html.title.get_text().split(" — ")[0] == "A shorter title for search engines"
    assert fm_app.env.titles["blog/folded-url"].astext() == "A folded URL: and a colon"
    assert [a.get_text() for a in html.select(".blog-byline .blog-category")] == ["Engineering", "Inside"]
    assert html.select_one(".blog-byline .blog-date").get_text() == "May 6, 2022"
    assert html.select("a.headerlink") == []
    assert not [w for w in blog_warnings(fm_app) if w[0] == "folded-url.md"]


def test_build_blogpost_flag(fm_app):
    posts = set(fm_app.env.get_domain("blog").posts)
    assert "notes/opted-in" in posts  # blogpost: true outside the post pattern
    assert "notes/plain" not in posts  # dated, but outside the post pattern
    assert "blog/not-a-post" not in posts  # blogpost: false inside the pattern
    assert parse_html(fm_app.outdir / "notes" / "opted-in.html").select_one(".blog-byline") is not None
    assert parse_html(fm_app.outdir / "blog" / "not-a-post.html").select_one(".blog-byline") is None


def test_build_warnings_are_typed(fm_app):
    # every warning the root causes is one of the expected, typed ones (toc.no_title: broken-yaml.md,
    # whose frontmatter title is lost with its YAML)
    kinds = {kind for _name, _line, kind in blog_warnings(fm_app)}
    expected = {"blog.date", "blog.image", "blog.frontmatter", "myst.topmatter", "ref.tag", "toc.no_title"}
    assert kinds <= expected, kinds


def test_build_invalid_yaml_is_a_blog_frontmatter_warning(fm_app):
    ours = [w for w in blog_warnings(fm_app) if w[0] == "broken-yaml.md" and w[2].startswith("blog.")]
    assert ours == [("broken-yaml.md", 5, "blog.frontmatter")]
    assert "blog/broken-yaml" not in fm_app.env.get_domain("blog").posts


@pytest.fixture(scope="module")
def title_to_header_app(module_tmp):
    # MyST's own way to make a frontmatter title the H1, which handbook pages need
    return build(copy_root("frontmatter", module_tmp / "title-to-header"), myst_title_to_header=True)


def test_title_to_header_gives_non_posts_their_title(title_to_header_app):
    html = parse_html(title_to_header_app.outdir / "notes" / "plain.html")
    assert title_to_header_app.env.titles["notes/plain"].astext() == "Plain"
    assert html.select("div.body h1")


def test_title_to_header_gives_posts_one_title(title_to_header_app):
    for name in ("impossible-date", "unknown-image-type", "folded-url"):
        html = parse_html(title_to_header_app.outdir / "blog" / f"{name}.html")
        assert len(html.select("div.body h1")) == 1, name
