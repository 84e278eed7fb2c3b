"""The safety decisions of issue 12: containment, URLs, file names, encoding, bounded YAML."""

from __future__ import annotations

import hashlib
import os
import random
import time
import tracemalloc
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinxext.blog import safety
from sphinxext.blog.safety import (
    MAX_NAME_BYTES,
    RESERVED_NAMES,
    YAMLLimitError,
    clean_url,
    contained,
    first_invalid_utf8,
    inside_output,
    line_at,
    load_bounded,
    local_reference,
    readable_slug,
    safe_filename,
    safe_site_path,
    safe_url,
    source_relative,
    unique_filenames,
    url_scheme,
    xml_text,
)

# -- containment -------------------------------------------------------------------------


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """``site/src`` with an image, and a canary file beside the source folder."""
    src = tmp_path / "site" / "src"
    (src / "images").mkdir(parents=True)
    (src / "images" / "hero.png").write_bytes(b"\x89PNG hero")
    (tmp_path / "site" / "canary.png").write_bytes(b"CANARY")
    (tmp_path / "site" / "src2").mkdir()
    (tmp_path / "site" / "src2" / "sibling.png").write_bytes(b"SIBLING")
    return src


def test_contained_accepts_a_file_inside(site: Path) -> None:
    assert contained(site / "images" / "hero.png", [site]) == site / "images" / "hero.png"
    assert contained(site / "images" / ".." / "images" / "hero.png", [site]) == site / "images" / "hero.png"


def test_contained_refuses_dot_dot_out_of_the_root(site: Path) -> None:
    assert contained(site / ".." / "canary.png", [site]) is None
    assert contained(site / "images" / ".." / ".." / "canary.png", [site]) is None


def test_contained_refuses_a_sibling_folder_sharing_the_prefix(site: Path) -> None:
    # "src2" starts with "src": a string prefix test would let it through
    assert contained(site.parent / "src2" / "sibling.png", [site]) is None


def test_contained_refuses_a_symlink_out_and_follows_one_in(site: Path) -> None:
    (site / "images" / "leak.png").symlink_to("../../canary.png")
    (site / "images" / "alias.png").symlink_to("hero.png")
    (site / "linked").symlink_to(site.parent)  # a folder link out of the root
    assert contained(site / "images" / "leak.png", [site]) is None
    assert contained(site / "linked" / "canary.png", [site]) is None
    assert contained(site / "images" / "alias.png", [site]) == site / "images" / "hero.png"


def test_contained_resolves_symlinks_before_dot_dot(site: Path, tmp_path: Path) -> None:
    """``link/../x`` is the parent of the link's *target*, as the file system reads it."""
    (tmp_path / "elsewhere" / "deep").mkdir(parents=True)
    (tmp_path / "elsewhere" / "hero.png").write_bytes(b"OUTSIDE")
    (site / "images" / "jump").symlink_to(tmp_path / "elsewhere" / "deep")
    reference = local_reference("jump/../hero.png", site / "images", site)
    assert contained(reference, [site]) is None


def test_contained_accepts_files_under_a_symlinked_root(site: Path, tmp_path: Path) -> None:
    (tmp_path / "srclink").symlink_to(site)
    assert contained(tmp_path / "srclink" / "images" / "hero.png", [tmp_path / "srclink"]) is not None
    assert contained(site / "images" / "hero.png", [tmp_path / "srclink"]) is not None


def test_contained_refuses_what_is_not_a_regular_file(site: Path) -> None:
    os.mkfifo(site / "pipe.png")
    (site / "loop.png").symlink_to("loop.png")
    assert contained(site / "images", [site]) is None
    assert contained(site / "pipe.png", [site]) is None
    assert contained(site / "loop.png", [site]) is None
    assert contained(site / "missing.png", [site]) is None
    assert contained(str(site / "a\x00b.png"), [site]) is None
    assert contained(site / ("x" * 5000), [site]) is None


def test_contained_takes_several_roots(site: Path) -> None:
    confdir = site.parent
    assert contained(confdir / "canary.png", [confdir, site]) == confdir / "canary.png"
    assert contained(confdir / "canary.png", [site]) is None


def test_contained_needs_an_absolute_path(site: Path) -> None:
    with pytest.raises(ValueError, match="absolute"):
        contained("images/hero.png", [site])


def test_source_relative(site: Path) -> None:
    (site / "images" / "alias.png").symlink_to("hero.png")
    (site / "images" / "leak.png").symlink_to("../../canary.png")
    assert source_relative(site / "images" / "hero.png", site) == "images/hero.png"
    assert source_relative(site / "images" / "alias.png", site) == "images/hero.png"
    assert source_relative(site / "images" / "leak.png", site) is None
    assert source_relative(site.parent / "canary.png", site) is None


def test_local_reference_reads_site_absolute_and_relative_paths(site: Path) -> None:
    blog = site / "blog"
    assert local_reference("/images/hero.png", blog, site) == site / "images" / "hero.png"
    assert local_reference("../images/hero.png", blog, site) == blog / ".." / "images" / "hero.png"
    assert source_relative(local_reference("../images/hero.png", blog, site), site) == "images/hero.png"
    assert source_relative(local_reference("/../canary.png", blog, site), site) is None


def test_inside_output(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "blog").mkdir(parents=True)
    (tmp_path / "victim.html").write_text("keep")
    (out / "blog" / "link.html").symlink_to(tmp_path / "victim.html")
    (out / "escape").symlink_to(tmp_path)
    assert inside_output(out / "blog" / "old.html", out) == out / "blog" / "old.html"
    assert inside_output(out / "new" / "folder" / "old.html", out) is not None  # folders made later
    assert inside_output(out / ".." / "old.html", out) is None
    assert inside_output(out / "blog" / "link.html", out) is None
    assert inside_output(out / "escape" / "x.html", out) is None
    assert inside_output(str(out / "a\x00.html"), out) is None


# -- URLs --------------------------------------------------------------------------------

ALLOWED = [
    "https://example.com/a?b=c#d", "http://example.com", "HTTPS://EXAMPLE.COM", "mailto:ann@example.com",
    "//cdn.example.com/a.png", "/blog/launch", "images/a.png", "../a", "#frag", "?q=1", "a/b:c",
    "https://example.com/a b", "  https://example.com/padded  ", "https:example.com",
]
REFUSED = [
    "javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "\x01javascript:alert(1)",
    "java\tscript:alert(1)", "java\nscript:alert(1)", "javascript\r:alert(1)", "\x00javascript:alert(1)",
    "vbscript:msgbox(1)", "data:text/html,<script>alert(1)</script>", "data:image/png;base64,AAAA",
    "file:///etc/passwd", "ftp://example.com", "tel:+1555", "x-custom:thing", "jav&#x09;ascript:alert(1)",
    "javascript%3Aalert(1)", "%6Aavascript:alert(1)", "javascript&colon;alert(1)", "javascript&#58;alert(1)",
    "ｊａｖａｓｃｒｉｐｔ：alert(1)", "/\\evil.example", "\\\\evil.example", "https://ok\x7f.example", "", "   ",
    "javascript\x0b:alert(1)",
]


@pytest.mark.parametrize("url", ALLOWED)
def test_allowed_urls(url: str) -> None:
    assert safe_url(url)
    assert clean_url(url) == url.strip()


@pytest.mark.parametrize("url", REFUSED)
def test_refused_urls(url: str) -> None:
    assert not safe_url(url)
    assert clean_url(url) is None


def test_url_scheme_follows_whatwg() -> None:
    assert url_scheme("\x01 Java\tScript:alert(1)") == "javascript"
    assert url_scheme("java script:x") is None  # a space is no scheme character: a relative URL
    assert url_scheme("1http:x") is None
    assert url_scheme("a+b-c.d:x") == "a+b-c.d"
    assert url_scheme("/x:y") is None


def whatwg_scheme(url: str) -> str | None:
    """An independent, character-by-character reading of the WHATWG scheme states."""
    url = url.strip("".join(chr(code) for code in range(0x21)))
    url = "".join(char for char in url if char not in "\t\n\r")
    if not url or not ("a" <= url[0].lower() <= "z"):
        return None
    scheme = ""
    for char in url:
        if char == ":":
            return scheme
        if not (char.isascii() and (char.isalnum() or char in "+-.")):
            return None
        scheme += char.lower()
    return None


TRICKY = ["java", "script", "JaVa", "ScRiPt", ":", "\t", "\n", "\r", "\x01", "\x00", " ", "%3A", "%3a", "&colon;",
          "&#58;", "/", "\\", "//", "#", "?", "http", "https", "s", "mailto", "data", "vbscript", "file", "ｊ", "：",
          "alert(1)", "\x7f", "+", ".", "-", "1"]
urls = st.lists(st.sampled_from(TRICKY) | st.text(max_size=3), max_size=12).map("".join)


@given(urls)
@settings(max_examples=2000, deadline=None)
def test_safe_url_never_lets_through_another_scheme(url: str) -> None:
    if safe_url(url):
        assert whatwg_scheme(url) in (None, "http", "https", "mailto")
        assert whatwg_scheme(clean_url(url) or "") in (None, "http", "https", "mailto")


@given(st.text(alphabet="\x00\x01\x08\t\n\r\x0b\x0c\x1f \x7f", max_size=4), st.data())
def test_obfuscated_javascript_is_always_refused(prefix: str, data: st.DataObject) -> None:
    word = "".join(data.draw(st.sampled_from([char.lower(), char.upper()])) for char in "javascript")
    position = data.draw(st.integers(0, len(word)))
    noise = data.draw(st.sampled_from(["", "\t", "\n", "\r", "\t\n"]))
    assert not safe_url(prefix + word[:position] + noise + word[position:] + ":alert(1)")


# -- file names --------------------------------------------------------------------------


def one(name: str) -> str:
    return safe_filename(name, set())


@pytest.mark.parametrize(("name", "expected"), [
    ("Product Engineering", "product-engineering"),
    ("Growth", "growth"),
    ("C++", "c"),
    ("Ünïcode Straße", "ünïcode-strasse"),
    ("日本語 タグ", "日本語-タグ"),
    ("2024", "2024"),
    ("ian-vanagas", "ian-vanagas"),
    ("../../etc/passwd", "etc-passwd"),
    (".hidden", "hidden"),
    ("!!!", "exclamation-mark"),
    ("-", "hyphen-minus"),
    ("???", "question-mark"),
    ("!?", "exclamation-mark-question-mark"),
    ("🚀", "rocket"),
    ("   ", "space"),
    ("", "unnamed"),
    ("\x01", "u0001"),
    ("index", "index-2"),
    ("Page", "page-2"),
    ("CON", "con-2"),
    ("<script>alert(1)</script>", "script-alert-1-script"),
])
def test_safe_filename_examples(name: str, expected: str) -> None:
    assert one(name) == expected


def test_ordinary_names_keep_the_slugs_of_earlier_versions() -> None:
    """The readable slugs the extension gave before these rules (their URLs must not change)."""
    earlier = {"Product Engineering": "product-engineering", "How we hire": "how-we-hire",
               "Ünïcode Straße": "ünïcode-strasse", "日本語 タグ": "日本語-タグ", "a_b": "a_b",
               "Q&A: what's next?": "q-a-what-s-next"}
    for name, slug in earlier.items():
        assert one(name) == slug


def test_case_variants_get_their_own_files_whatever_the_order() -> None:
    assert unique_filenames(["growth", "Growth", "GROWTH"]) == {"GROWTH": "growth", "Growth": "growth-2",
                                                               "growth": "growth-3"}
    assert unique_filenames(["Growth", "growth"]) == unique_filenames(["growth", "Growth"])
    # composed and decomposed letters are one name on macOS
    assert sorted(unique_filenames(["caf\u00e9", "cafe\u0301"]).values()) == ["café", "café-2"]


def test_long_names_are_cut_with_a_stable_hash() -> None:
    name = "a very long tag " * 20  # 320 characters
    result = one(name)
    digest = hashlib.sha256(name.encode()).hexdigest()[:8]
    assert result.endswith("-" + digest)
    assert len(result.encode()) <= MAX_NAME_BYTES
    assert result.startswith("a-very-long-tag-a-very")
    assert one(name) == result  # the same every build
    assert one(name + "!") != result  # names sharing a long prefix do not collide


def test_long_names_are_cut_on_a_character_boundary() -> None:
    result = one("長" * 300)
    assert len(result.encode()) <= MAX_NAME_BYTES
    assert result.encode().decode("utf-8") == result
    assert result.startswith("長" * 20)


def test_repeats_of_a_long_name_still_fit() -> None:
    used: set[str] = set()
    results = [safe_filename("x" * 300, used) for _ in range(12)]
    assert len(set(results)) == 12
    assert all(len(result.encode()) <= MAX_NAME_BYTES for result in results)
    assert results[1].endswith("-2") and results[11].endswith("-12")


def assert_valid_name(result: str) -> None:
    assert result
    assert "/" not in result and "\\" not in result and ".." not in result
    assert not result.startswith(".")
    assert not any(unicodedata.category(char) == "Cc" for char in result)
    assert len(result.encode()) <= MAX_NAME_BYTES
    assert result not in RESERVED_NAMES
    assert result == unicodedata.normalize("NFKC", result).casefold()  # what case-blind file systems compare


names = st.text(max_size=150) | st.sampled_from(["Growth", "growth", "GROWTH", "index", "page", "!!!", "-", "x" * 300])


@given(st.lists(names, max_size=30))
@settings(max_examples=500, deadline=None)
def test_safe_filenames_are_valid_and_injective(batch: list[str]) -> None:
    result = unique_filenames(batch)
    for name in result.values():
        assert_valid_name(name)
    assert len({name.casefold() for name in result.values()}) == len(set(batch))
    shuffled = list(batch)
    random.Random(0).shuffle(shuffled)
    assert unique_filenames(shuffled) == result  # stable whatever the order of the posts


@given(st.text())
def test_readable_slug_is_a_fixed_point(name: str) -> None:
    slug = readable_slug(name)
    assert readable_slug(slug) == slug


@pytest.mark.parametrize(("path", "expected"), [
    ("/blog/old-post/", "blog/old-post"),
    ("old-post", "old-post"),
    ("/blog//./x", "blog/x"),
    ("/etc/passwd", "etc/passwd"),
    ("/blog/caf%C3%A9", "blog/café"),
    ("../../etc/passwd", None),
    ("/blog/%2e%2e/%2e%2e/x", None),
    ("/blog/..\\..\\x", None),
    ("C:/Windows/x", None),
    ("/.htaccess", None),
    ("/blog/.git/config", None),
    ("/blog/a\x00b", None),
    ("/blog/a%00b", None),
    ("/", None),
    ("", None),
    ("/blog/" + "x" * 201, None),
    ("/a" * 600, None),
    ("/blog/what?", None),
])
def test_safe_site_path(path: str, expected: str | None) -> None:
    assert safe_site_path(path) == expected


@given(st.text())
def test_safe_site_paths_never_climb(path: str) -> None:
    result = safe_site_path(path)
    if result is not None:
        parts = result.split("/")
        assert all(part and part not in (".", "..") and not part.startswith(".") for part in parts)
        assert not os.path.isabs(result) and "\x00" not in result


# -- encoding ----------------------------------------------------------------------------


@pytest.mark.parametrize(("data", "offset"), [
    (b"plain ascii", None),
    ("café — 日本".encode(), None),
    (b"\xef\xbb\xbfwith a BOM", None),
    (b"caf\xe9 in Latin-1", 3),
    (b"\xc0\xaf overlong slash", 0),
    (b"ab\xed\xa0\x80 surrogate", 2),
    (b"cut at the end \xe2\x82", 15),
    (b"\xff", 0),
])
def test_first_invalid_utf8(data: bytes, offset: int | None) -> None:
    assert first_invalid_utf8(data) == offset


@given(st.text(), st.text(), st.sampled_from([b"\xff", b"\xc3", b"\x80", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80"]))
def test_first_invalid_utf8_finds_the_bad_byte(before: str, after: str, bad: bytes) -> None:
    head = before.encode()
    assert first_invalid_utf8(head + bad + b"x" + after.encode()) == len(head)
    assert first_invalid_utf8(head) is None


def test_line_at() -> None:
    data = b"---\ntitle: caf\xe9\n---\n"
    assert line_at(data, first_invalid_utf8(data) or 0) == 2
    assert line_at(data, 0) == 1


def test_xml_text_keeps_text_and_drops_what_xml_cannot_hold() -> None:
    assert xml_text("Caf\u00e9 \t\n\r <b> & \U0001f680") == "Caf\u00e9 \t\n\r <b> & \U0001f680"
    assert xml_text("a\x00b\x01c\x1fd\ufffee\ud800f") == "abcdef"


@given(st.text())
def test_xml_text_is_always_accepted_by_lxml(text: str) -> None:
    from lxml import etree

    element = etree.Element("title")
    element.text = xml_text(text)  # raises ValueError on a character XML cannot hold
    assert etree.fromstring(etree.tostring(element)).text == (xml_text(text) or None)


# -- bounded YAML --------------------------------------------------------------------------


class TimestamplessLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Like the extension's frontmatter loader: dates stay strings."""


TimestamplessLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if not tag.endswith(":timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
LOADERS = [TimestamplessLoader, yaml.SafeLoader]


def alias_bomb(levels: int = 9, width: int = 9) -> str:
    lines = ["title: A bomb", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * width) + "]")
    return "\n".join(lines) + f"\ntags: *a{levels - 1}\n"


def measured(text: str, loader: type, trace: bool = True) -> tuple[BaseException | None, float, int]:
    """(error, seconds, peak bytes) of load_bounded; timed without tracemalloc, which slows it."""

    def run() -> BaseException | None:
        try:
            load_bounded(text, loader)
        except (YAMLLimitError, yaml.YAMLError) as err:
            return err
        return None

    start = time.perf_counter()
    error = run()
    seconds = time.perf_counter() - start
    if not trace:
        return error, seconds, 0
    tracemalloc.start()
    try:
        run()
        return error, seconds, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_valid_frontmatter_loads_with_its_lines() -> None:
    text = "title: Hello\ndate: 2024-02-30\ntags:\n  - a\n  - b\nseo: {metaTitle: x}\n"
    data, node = load_bounded(text, TimestamplessLoader)
    assert data == {"title": "Hello", "date": "2024-02-30", "tags": ["a", "b"], "seo": {"metaTitle": "x"}}
    assert [key.start_mark.line + 1 for key, _value in node.value] == [1, 2, 3, 6]
    assert load_bounded("", TimestamplessLoader) == (None, None)
    assert load_bounded("a: &x [1, 2]\nb: *x\n")[0] == {"a": [1, 2], "b": [1, 2]}  # modest aliases are fine


@pytest.mark.parametrize("loader", LOADERS)
def test_alias_bomb_is_refused_quickly_in_little_memory(loader: type) -> None:
    error, seconds, peak = measured(alias_bomb(), loader)
    assert isinstance(error, YAMLLimitError)
    assert "alias bomb" in str(error)
    assert error.line == 7  # a5: the first anchor whose expansion passes the limit (9**6 values)
    assert seconds < 5 and peak < 5_000_000


@pytest.mark.parametrize("loader", LOADERS)
def test_a_value_containing_itself_is_refused(loader: type) -> None:
    for text, line in (("title: x\ntags: &a [*a]\n", 2), ("seo: &s {more: [1, *s]}\n", 1)):
        error, seconds, _peak = measured(text, loader)
        assert isinstance(error, YAMLLimitError) and "itself" in str(error)
        assert error.line == line and seconds < 5


@pytest.mark.parametrize("loader", LOADERS)
def test_deep_nesting_is_refused(loader: type) -> None:
    for depth in (51, 5000):
        error, seconds, _peak = measured("title: x\ndeep: " + "[" * depth + "]" * depth + "\n", loader, trace=False)
        assert isinstance(error, (YAMLLimitError, yaml.YAMLError)) and seconds < 5
    # depth reached through an alias counts too
    text = "a: &d " + "[" * 30 + "]" * 30 + "\nb: " + "[" * 30 + "*d" + "]" * 30 + "\n"
    error, _seconds, _peak = measured(text, loader)
    assert isinstance(error, YAMLLimitError) and error.line == 2
    assert load_bounded("x: " + "[" * 49 + "]" * 49, loader)[0] is not None


@pytest.mark.parametrize("loader", LOADERS)
def test_a_5_mb_title_is_refused_before_parsing(loader: type) -> None:
    error, seconds, peak = measured("date: 2024-01-01\ntitle: " + "A" * 5_000_000 + "\nauthor: ann\n", loader)
    assert isinstance(error, YAMLLimitError)
    assert "more than 65,536 bytes" in str(error)
    assert error.line == 2 and error.problem_mark.line == 1
    assert seconds < 5 and peak < 1_000_000  # the text is never copied whole


@pytest.mark.parametrize("loader", LOADERS)
def test_ten_thousand_tags(loader: type) -> None:
    listed = "title: x\ntags:\n" + "".join(f"  - tag number {n}\n" for n in range(10_000))
    error, seconds, _peak = measured(listed, loader)
    assert isinstance(error, YAMLLimitError) and error.line < 5000 and seconds < 5
    flow = "tags: [" + ",".join(str(n) for n in range(10_000)) + "]\n"  # 49 KB: within the limit
    error, seconds, peak = measured(flow, loader)
    assert error is None and seconds < 5 and peak < 50_000_000


def test_limits_can_be_raised_for_the_registry() -> None:
    text = "ann:\n  bio: " + "b" * 100_000 + "\n"
    with pytest.raises(YAMLLimitError):
        load_bounded(text)
    assert load_bounded(text, max_bytes=safety.MAX_REGISTRY_BYTES)[0]["ann"]["bio"] == "b" * 100_000


def test_expansion_limit_is_exact() -> None:
    # a mapping (1) + key and value "x: [...]" (2) + n items
    text = "x: &a [" + ", ".join(["1"] * 7) + "]\n"
    load_bounded(text, max_nodes=10)
    with pytest.raises(YAMLLimitError):
        load_bounded(text + "y: *a\n", max_nodes=10)


# PyYAML does not round-trip every control or line-separator character; not what is tested here
yaml_text = st.text(st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp")), max_size=20)
yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | yaml_text,
    lambda children: st.lists(children, max_size=5) | st.dictionaries(yaml_text, children, max_size=5),
    max_leaves=30,
)


@given(st.dictionaries(yaml_text, yaml_values, max_size=8))
@settings(max_examples=200, deadline=None)
def test_ordinary_yaml_is_never_refused(data: dict[str, object]) -> None:
    text = yaml.safe_dump(data, allow_unicode=True)
    assert load_bounded(text, yaml.SafeLoader)[0] == data
