"""Dates in the site's time zone, daylight-saving changes, "now", and expiry (issue 17, item 2).

``tests/roots/test-dates`` holds posts at the daylight-saving changes of 2024 in Berlin
(31 March 02:30 does not exist, 27 October 02:30 happens twice) and New York (10 March,
3 November), a post written in UTC that is already in the new year in Berlin, a post
scheduled for 2030 that expires in June 2030, and a post that expired in 2024.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from sphinxext.blog.dates import (
    DateTexts,
    daylight_saving_problem,
    is_zone_name,
    iso_date,
    month_key,
    month_name,
    month_title,
    parse_date,
    parse_month,
)

from conftest import build, copy_root, parse_html, warnings_of

UTC = dt.UTC
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
# 2029-12-31 22:00 UTC: 23:00 in Berlin.  23:30 UTC: 00:30 on 1 January 2030 in Berlin
BEFORE_BERLIN_MIDNIGHT = int(dt.datetime(2029, 12, 31, 22, tzinfo=UTC).timestamp())
AFTER_BERLIN_MIDNIGHT = int(dt.datetime(2029, 12, 31, 23, 30, tzinfo=UTC).timestamp())
# the scheduled post expires at 2030-06-01 12:00 in Berlin, 10:00 UTC
AFTER_EXPIRY = int(dt.datetime(2030, 6, 1, 10, 30, tzinfo=UTC).timestamp())


# -- reading dates in a zone ----------------------------------------------------------------


@pytest.mark.parametrize(("zone", "text", "expected"), [
    (BERLIN, "2024-01-15 10:00", dt.datetime(2024, 1, 15, 9, tzinfo=UTC)),  # +01:00 in winter
    (BERLIN, "2024-07-15 10:00", dt.datetime(2024, 7, 15, 8, tzinfo=UTC)),  # +02:00 in summer
    (NEW_YORK, "2024-07-15 10:00", dt.datetime(2024, 7, 15, 14, tzinfo=UTC)),
    (BERLIN, "2024-07-15T10:00:00-04:00", dt.datetime(2024, 7, 15, 14, tzinfo=UTC)),  # an offset wins
    (BERLIN, "2024-07-15T10:00:00Z", dt.datetime(2024, 7, 15, 10, tzinfo=UTC)),
    (None, "2024-07-15 10:00", dt.datetime(2024, 7, 15, 10, tzinfo=UTC)),  # no zone: UTC
])
def test_a_time_without_an_offset_is_the_zones(zone, text, expected):
    moment, date_only = parse_date(text, zone)
    assert moment == expected and moment.utcoffset() == dt.timedelta(0) and not date_only


def test_a_date_without_a_time_is_midnight_in_the_zone():
    moment, date_only = parse_date("2024-05-01", BERLIN)
    assert date_only and moment == dt.datetime(2024, 4, 30, 22, tzinfo=UTC)
    assert moment.astimezone(BERLIN).date() == dt.date(2024, 5, 1)
    assert iso_date(moment, True, BERLIN) == "2024-05-01"
    assert iso_date(moment, False, BERLIN) == "2024-05-01T00:00:00+02:00"
    assert DateTexts(None, "en", BERLIN)(moment) == "May 1, 2024"
    assert DateTexts(None, "en", UTC)(moment) == "April 30, 2024"  # the same moment, shown in UTC


@pytest.mark.parametrize(("zone", "naive", "kind", "first", "second"), [
    (BERLIN, dt.datetime(2024, 3, 31, 2, 30), "does not exist",
     "2024-03-31T03:30:00+02:00", "2024-03-31T01:30:00+01:00"),
    (BERLIN, dt.datetime(2024, 10, 27, 2, 30), "is ambiguous",
     "2024-10-27T02:30:00+02:00", "2024-10-27T02:30:00+01:00"),
    (NEW_YORK, dt.datetime(2024, 3, 10, 2, 30), "does not exist",
     "2024-03-10T03:30:00-04:00", "2024-03-10T01:30:00-05:00"),
    (NEW_YORK, dt.datetime(2024, 11, 3, 1, 30), "is ambiguous",
     "2024-11-03T01:30:00-04:00", "2024-11-03T01:30:00-05:00"),
])
def test_a_time_at_a_daylight_saving_change_names_both_readings(zone, naive, kind, first, second):
    problem = daylight_saving_problem(naive, zone)
    assert f"{kind} in {zone}" in problem
    assert f"read as {first}, not {second}" in problem
    warned: list[str] = []
    moment, _ = parse_date(naive.isoformat(sep=" "), zone, warned.append)
    assert warned == [problem]
    assert moment == dt.datetime.fromisoformat(first)  # the first reading is the one used
    # the offsets the message offers choose each reading
    offsets = re.search(r"\((\S+) for the first, (\S+) for the second\)", problem).groups()
    for offset, reading in zip(offsets, (first, second), strict=True):
        assert parse_date(naive.isoformat() + offset)[0] == dt.datetime.fromisoformat(reading)


@pytest.mark.parametrize(("zone", "naive"), [
    (BERLIN, dt.datetime(2024, 3, 31, 3, 30)), (BERLIN, dt.datetime(2024, 10, 27, 3, 0)),
    (NEW_YORK, dt.datetime(2024, 3, 31, 2, 30)), (UTC, dt.datetime(2024, 3, 31, 2, 30)),
])
def test_ordinary_times_are_no_problem(zone, naive):
    assert daylight_saving_problem(naive, zone) == ""


def test_no_warning_for_dates_without_a_time_or_with_an_offset():
    warned: list[str] = []
    parse_date("2024-10-27", BERLIN, warned.append)
    parse_date("2024-10-27T02:30:00+01:00", BERLIN, warned.append)
    assert warned == []


def test_zone_names():
    assert is_zone_name("Europe/Berlin") and is_zone_name("UTC") and is_zone_name("America/New_York")
    assert not is_zone_name("Mars/Olympus") and not is_zone_name("") and not is_zone_name(None)
    assert not is_zone_name("../etc/passwd")


def test_months():
    assert month_key(dt.datetime(2023, 12, 31, 23, 30, tzinfo=UTC), BERLIN) == "2024-01"
    assert month_key(dt.datetime(2023, 12, 31, 23, 30, tzinfo=UTC), UTC) == "2023-12"
    assert parse_month("2024-5") == parse_month("2024-05") == "2024-05"
    assert parse_month("2024-13") is None and parse_month("May 2024") is None
    assert month_title("2024-05", "en") == "May 2024" and month_title("2024-05", "de") == "Mai 2024"
    assert month_name("2024-05", "fr") == "Mai"  # on its own in a list: capitalised, as CLDR says


# -- a site in a zone ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def berlin(tmp_path_factory):
    return build(copy_root("dates", tmp_path_factory.mktemp("berlin")))


@pytest.fixture(scope="module")
def new_york(tmp_path_factory):
    return build(copy_root("dates", tmp_path_factory.mktemp("new-york")), blog_timezone="America/New_York")


def date_warnings(app) -> list[str]:
    return [line for line in warnings_of(app) if "[blog.date]" in line]


def page(app, name: str):
    return parse_html(Path(app.outdir) / name)


def listed(app, name: str) -> list[str]:
    """The posts a generated page lists, by their link."""
    return [a["href"].rsplit("/", 1)[-1] for a in page(app, name).select(".blog-list-title a")]


def test_one_warning_per_time_at_a_daylight_saving_change(berlin, new_york):
    found = date_warnings(berlin)
    assert len(found) == 4, found  # two posts, the ABlog directive, the {postlist} option
    assert any("berlin-spring.md:3" in line and "does not exist in Europe/Berlin" in line
               and "read as 2024-03-31T03:30:00+02:00, not 2024-03-31T01:30:00+01:00" in line for line in found)
    assert any("berlin-autumn.md:3" in line and "is ambiguous in Europe/Berlin" in line for line in found)
    assert any("ablog-style.md:3" in line and "2024-10-27 02:15 is ambiguous" in line for line in found)
    assert any("index.md" in line and "postlist: date-from 2024-10-27 02:30 is ambiguous" in line for line in found)
    assert not [line for line in found if "newyork" in line]
    found = date_warnings(new_york)
    assert len(found) == 2, found
    assert any("newyork-spring.md:3" in line and "does not exist in America/New_York" in line for line in found)
    assert any("newyork-autumn.md:3" in line and "read as 2024-11-03T01:30:00-04:00, not 2024-11-03T01:30:00-05:00"
               in line for line in found)
    assert [line for line in warnings_of(berlin) + warnings_of(new_york) if "[blog.date]" not in line] == []


def test_dates_are_shown_archived_and_published_in_the_zone(berlin):
    post = page(berlin, "blog/new-year.html")  # 2023-12-31T23:30:00Z: 00:30 on New Year's Day in Berlin
    assert post.select_one(".blog-byline .blog-date").get_text() == "January 1, 2024"
    published = post.find("meta", property="article:published_time")["content"]
    assert published == "2024-01-01T00:30:00+01:00"
    data = json.loads(post.find("script", type="application/ld+json").string)
    assert data["datePublished"] == data["dateModified"] == published
    assert listed(berlin, "blog/archive/2024/01.html") == ["new-year.html"]
    assert not (Path(berlin.outdir) / "blog/archive/2023.html").exists()
    assert listed(berlin, "blog/archive/2024/03.html") == ["berlin-spring.html", "newyork-spring.html"]
    date_only = page(berlin, "blog/may-day.html").find("meta", property="article:published_time")["content"]
    assert date_only == "2024-05-01"
    atom = (Path(berlin.outdir) / "blog/atom.xml").read_text(encoding="utf-8")
    assert "<published>2024-01-01T00:30:00+01:00</published>" in atom
    assert "<published>2024-10-27T02:30:00+02:00</published>" in atom  # the first reading
    feed = json.loads((Path(berlin.outdir) / "blog/feed.json").read_text(encoding="utf-8"))
    assert {item["date_published"] for item in feed["items"]} >= {"2024-05-01T00:00:00+02:00"}


def test_the_same_moment_in_another_zone(new_york):
    post = page(new_york, "blog/new-year.html")  # 18:30 on New Year's Eve in New York
    assert post.select_one(".blog-byline .blog-date").get_text() == "December 31, 2023"
    assert post.find("meta", property="article:published_time")["content"] == "2023-12-31T18:30:00-05:00"
    assert listed(new_york, "blog/archive/2023/12.html") == ["new-year.html"]
    # a date without an offset is New York's now: 2024-05-01 is 04:00 UTC
    feed = json.loads((Path(new_york.outdir) / "blog/feed.json").read_text(encoding="utf-8"))
    assert "2024-05-01T00:00:00-04:00" in {item["date_published"] for item in feed["items"]}


def test_an_unknown_zone_is_one_config_warning_and_utc(tmp_path):
    app = build(copy_root("dates", tmp_path), blog_timezone="Mars/Olympus")
    config = [line for line in warnings_of(app) if "[blog.config]" in line]
    assert len(config) == 1 and "blog_timezone = 'Mars/Olympus'" in config[0] and "using 'UTC'" in config[0]
    post = page(app, "blog/new-year.html")
    assert post.find("meta", property="article:published_time")["content"] == "2023-12-31T23:30:00+00:00"
    assert date_warnings(app) == []  # nothing is ambiguous in UTC


# -- expiry ----------------------------------------------------------------------------------


def test_an_expired_post_is_marked_and_listed_nowhere(berlin):
    post = page(berlin, "blog/expired.html")
    notice = post.select_one(".blog-expired-notice")
    assert notice is not None and "out of date" in notice.get_text()
    assert post.select_one(".blog-draft-notice") is None
    assert post.find("meta", property="article:expiration_time")["content"] == "2024-06-01T00:00:00+02:00"
    assert json.loads(post.find("script", type="application/ld+json").string)["expires"] == "2024-06-01T00:00:00+02:00"
    for name in ("blog/index.html", "blog/tags/midnight.html", "blog/archive/2024/05.html",
                 "blog/authors/ann.html", "blog/archive/2024.html"):
        assert "expired.html" not in listed(berlin, name), name
    assert listed(berlin, "blog/archive/2024/05.html") == ["may-day.html"]
    sidebar = page(berlin, "index.html").select_one(".blog-archives").get_text(" ")
    assert "May (1)" in " ".join(sidebar.split())
    assert "An old offer" not in page(berlin, "index.html").select_one(".blog-recentposts").get_text()
    for feed in Path(berlin.outdir).rglob("feed.json"):
        assert "expired.html" not in feed.read_text(encoding="utf-8"), feed
    assert "expired" not in (Path(berlin.outdir) / "blog/atom.xml").read_text(encoding="utf-8")


def test_an_expired_post_with_drafts_shown(tmp_path):
    """Previews (blog_show_drafts) list it, still marked."""
    app = build(copy_root("dates", tmp_path), blog_show_drafts=True)
    assert "expired.html" in listed(app, "blog/index.html")
    assert page(app, "blog/expired.html").select_one(".blog-expired-notice") is not None


# -- now: SOURCE_DATE_EPOCH, scheduled posts, incremental builds ------------------------------------


def output(app) -> dict[str, bytes]:
    """Every file of a build, but Sphinx's search index (see test_build_consistency)."""
    outdir = Path(app.outdir)
    return {path.relative_to(outdir).as_posix(): path.read_bytes() for path in sorted(outdir.rglob("*"))
            if path.is_file() and path.name not in ("searchindex.js", ".buildinfo.bak")}


def scheduled_state(app) -> tuple[bool, str]:
    """(is the scheduled post listed on the blog's index, its notice)."""
    post = page(app, "blog/scheduled.html")
    notice = post.select_one(".blog-draft-notice, .blog-expired-notice")
    return "scheduled.html" in listed(app, "blog/index.html"), notice["class"][-1] if notice else ""


def test_a_date_only_post_is_published_at_midnight_in_the_zone(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(AFTER_BERLIN_MIDNIGHT))
    berlin = build(copy_root("dates", tmp_path / "berlin"))
    utc = build(copy_root("dates", tmp_path / "utc"), blog_timezone="UTC")
    assert scheduled_state(berlin) == (True, "")
    assert scheduled_state(utc) == (False, "blog-draft-notice")


def test_incremental_builds_publish_and_expire_by_the_clock(tmp_path, monkeypatch):
    """The same sources, built again later: the scheduled post is published, then expired,
    without being edited; each incremental build equals a fresh build at that time."""
    srcdir = copy_root("dates", tmp_path / "site")
    states = []
    for epoch in (BEFORE_BERLIN_MIDNIGHT, AFTER_BERLIN_MIDNIGHT, AFTER_EXPIRY):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
        again = build(srcdir)
        fresh = build(copy_root("dates", tmp_path / f"fresh-{epoch}"))
        assert output(again) == output(fresh)
        states.append(scheduled_state(again))
    assert states == [(False, "blog-draft-notice"), (True, ""), (False, "blog-expired-notice")]


def test_a_fixed_now_writes_nothing_again(tmp_path, monkeypatch):
    """SOURCE_DATE_EPOCH is "now" everywhere, also the clock an incremental build compares
    with: a second build at the same epoch has nothing to write."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(AFTER_BERLIN_MIDNIGHT))
    srcdir = copy_root("dates", tmp_path)
    first = build(srcdir)
    before = _mtimes(first)
    second = build(srcdir)
    assert _mtimes(second) == before


def _mtimes(app) -> dict[str, int]:
    """Modification times of the pages and feeds (Sphinx writes its search and index pages every time)."""
    return {path.relative_to(app.outdir).as_posix(): path.stat().st_mtime_ns for path in Path(app.outdir).rglob("*")
            if path.suffix in (".html", ".xml", ".json") and path.name not in ("search.html", "genindex.html")}
