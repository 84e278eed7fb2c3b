"""Structured data: JSON-LD of posts, blog indexes, author pages and the site, parsed back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import build, copy_root, parse_html

HOSTILE_TITLE = 'Closing </script><script>alert("x")</script> & <!-- tags'


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    srcdir = copy_root("consistency", tmp_path_factory.mktemp("jsonld"))
    (srcdir / "blog" / "hostile-title.md").write_text(
        f"---\ntitle: '{HOSTILE_TITLE}'\ndate: 2022-01-05\nauthor: ian-vanagas\n---\n\nA post.\n", encoding="utf-8"
    )
    app = build(srcdir, blog_publisher={"name": "Example Inc.", "logo": "https://example.com/logo.png"})
    return Path(app.outdir)


def jsonld(path: Path) -> list[dict]:
    scripts = parse_html(path).head.select('script[type="application/ld+json"]')
    return [json.loads(script.string) for script in scripts]


def of_type(path: Path, kind: str) -> dict:
    found = [data for data in jsonld(path) if data["@type"] == kind]
    assert len(found) == 1, (path, [data["@type"] for data in jsonld(path)])
    return found[0]


def test_post_is_a_blog_posting_with_required_fields(site):
    data = of_type(site / "blog/ship-weekly.html", "BlogPosting")
    assert data["@context"] == "https://schema.org"
    assert data["headline"] == "Why we ship every week"
    assert data["datePublished"] == "2023-03-15" == data["dateModified"]
    assert data["author"] == [{"@type": "Person", "name": "Charles Cook", "jobTitle": "Designer",
                               "url": "https://example.com/blog/authors/charles-cook.html"}]
    assert data["url"] == data["mainEntityOfPage"]["@id"] == "https://example.com/blog/ship-weekly.html"
    assert data["image"].startswith("https://example.com/_images/hero")
    assert data["publisher"] == {"@type": "Organization", "name": "Example Inc.", "url": "https://example.com/",
                                 "logo": {"@type": "ImageObject", "url": "https://example.com/logo.png"}}
    assert data["articleSection"] == "Engineering"
    assert "Culture" in data["keywords"]


def test_author_with_a_profile_link_has_same_as(site):
    data = of_type(site / "blog/how-we-hire.html", "BlogPosting")
    people = {person["name"]: person for person in data["author"]}
    linked = [person for person in people.values() if "sameAs" in person]
    assert linked and all(person["sameAs"].startswith("https://") for person in linked)


def test_text_cannot_close_the_script_element(site):
    path = site / "blog/hostile-title.html"
    raw = path.read_text(encoding="utf-8")
    start = raw.index('<script type="application/ld+json">')
    body = raw[start + len('<script type="application/ld+json">') : raw.index("</script>", start)]
    assert "<" not in body
    assert of_type(path, "BlogPosting")["headline"] == HOSTILE_TITLE


def test_blog_index_is_a_blog_with_its_newest_posts(site):
    data = of_type(site / "blog/index.html", "Blog")
    assert data["name"] == "Blog"
    assert data["url"] == "https://example.com/blog/index.html"
    headlines = [post["headline"] for post in data["blogPost"]]
    listed = [a.get_text() for a in parse_html(site / "blog/index.html").select(".blog-list-title a")]
    assert len(headlines) == 6 and headlines[: len(listed)] == listed  # the first page lists 3
    assert all(post["@type"] == "BlogPosting" and "@context" not in post for post in data["blogPost"])


def test_author_page_is_a_profile_page(site):
    data = of_type(site / "blog/authors/ian-vanagas.html", "ProfilePage")
    assert data["mainEntity"]["@type"] == "Person"
    assert data["mainEntity"]["name"] == "Ian Vanagas"
    assert data["mainEntity"]["sameAs"] == "https://github.com/example-ian"


def test_the_root_page_describes_the_web_site_once(site):
    assert of_type(site / "index.html", "WebSite") == {
        "@context": "https://schema.org", "@type": "WebSite", "name": "Consistency documentation",
        "url": "https://example.com/",
    }
    assert [d for d in jsonld(site / "handbook/index.html") if d["@type"] == "WebSite"] == []


def test_switched_off(tmp_path):
    app = build(copy_root("consistency", tmp_path), blog_jsonld=False)
    assert jsonld(Path(app.outdir) / "blog/ship-weekly.html") == []
