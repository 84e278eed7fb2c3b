"""The PostHog corpus (141 posts in .md and .mdx, 17 handbook pages) built as one Sphinx site.

The corpus is read at run time from ``conftest.CORPUS`` and never copied into the
project; the tests skip when it is missing.  The site is the DESIGN's whole set-up:
``extensions = ["myst_parser", "sphinxext.blog"]`` and an authors registry, with no
MyST syntax extensions: the corpus has no colon fences, and ``html_image`` would only
turn the ``<img>`` tags of five posts into warnings about images the corpus leaves out.
"""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml
from sphinx.util.console import strip_colors

from conftest import CORPUS, build, parse_html

pytestmark = pytest.mark.skipif(not (CORPUS / "contents" / "blog").is_dir(), reason="corpus not available")

UNKNOWN_HANDLES = {"david-newell", "raquel-smith", "raul-negron-otero"}
IMPOSSIBLE_DATE = "after-the-hn-launch"

CONF = """\
extensions = ["myst_parser", "sphinxext.blog"]
project = "PostHog"
blog_authors = "data/authors.json"
blog_baseurl = "https://posthog.example/"
blog_feed_length = 1000  # every post in the feed, so the test can find each
exclude_patterns = ["_build"]
"""

INDEX = """\
# PostHog

```{toctree}
:glob:
:hidden:

handbook/**
```
"""


# -- the site -------------------------------------------------------------------------


def post_sources() -> list[Path]:
    """The posts: every .md and .mdx file of the blog folder (its _includes/ and _snippets/
    hold MDX partials that posts import)."""
    folder = CORPUS / "contents" / "blog"
    return sorted([*folder.glob("*.md"), *folder.glob("*.mdx")])


@pytest.fixture(scope="module")
def corpus_app(module_tmp):
    srcdir = module_tmp / "posthog"
    shutil.copytree(CORPUS / "contents" / "blog", srcdir / "blog")  # as it is: .md, .mdx, partials
    shutil.copytree(CORPUS / "contents" / "handbook", srcdir / "handbook")
    (srcdir / "data").mkdir()
    shutil.copy(CORPUS / "src" / "data" / "authors.json", srcdir / "data" / "authors.json")
    (srcdir / "conf.py").write_text(CONF, encoding="utf-8")
    (srcdir / "index.md").write_text(INDEX, encoding="utf-8")
    return build(srcdir)


@pytest.fixture(scope="module")
def registry() -> dict[str, str]:
    """handle -> name, as the registry file says (the first of a duplicated handle)."""
    names: dict[str, str] = {}
    for entry in json.loads((CORPUS / "src" / "data" / "authors.json").read_text(encoding="utf-8")):
        names.setdefault(entry["handle"], " ".join(entry.get("name", entry["handle"]).split()))
    return names


class Source:
    """One corpus post: its frontmatter (all values as text) and the line of each key."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.docname = f"blog/{path.stem}"
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        self.text = text
        assert lines[0] == "---", path
        end = lines.index("---", 1)
        # BaseLoader: everything stays text, so the impossible date cannot fail the load
        self.data = yaml.load("\n".join(lines[1:end]), Loader=yaml.BaseLoader)
        self.key_lines = {
            line.split(":", 1)[0]: number
            for number, line in enumerate(lines[1:end], start=2)
            if re.match(r"^[A-Za-z_]+:", line)
        }

    @property
    def title(self) -> str:
        return " ".join(self.data["title"].split())

    @property
    def meta_title(self) -> str | None:
        seo = self.data.get("seo")
        return " ".join(seo["metaTitle"].split()) if isinstance(seo, dict) and seo.get("metaTitle") else None

    @property
    def authors(self) -> list[str]:
        value = self.data.get("author", self.data.get("authors"))
        if not value:
            return []
        return [value] if isinstance(value, str) else list(dict.fromkeys(value))

    @property
    def author_line(self) -> int:
        return self.key_lines.get("author") or self.key_lines["authors"]


@pytest.fixture(scope="module")
def sources() -> list[Source]:
    return [Source(path) for path in post_sources()]


# -- warnings ------------------------------------------------------------------------------

RECORD_START = re.compile(r"(^|: )(WARNING|ERROR|CRITICAL): ")
TYPE = re.compile(r"\[([A-Za-z_]+(?:\.[A-Za-z_]+)?)\]\s*$")


def warning_records(app) -> list[str]:
    """Whole warnings (a message may run over several lines)."""
    records: list[str] = []
    for line in strip_colors(app.warning.getvalue()).splitlines():
        if RECORD_START.search(line) or not records:
            records.append(line)
        else:
            records[-1] += "\n" + line
    return records


def kind_of(record: str) -> str:
    level = RECORD_START.search(record)
    found = TYPE.search(record)
    kind = found[1] if found else "untyped"
    return kind if level is None or level[2] == "WARNING" else f"{kind} ({level[2]})"


# -- tests -------------------------------------------------------------------------------


def test_build_finishes_without_traceback(corpus_app):
    output = corpus_app.status.getvalue() + corpus_app.warning.getvalue()
    assert "Traceback" not in output
    assert "Exception occurred" not in output
    assert "build succeeded" in strip_colors(corpus_app.status.getvalue())


def test_every_post_is_a_post(corpus_app, sources):
    posts = corpus_app.env.get_domain("blog").posts
    assert sorted(posts) == sorted(source.docname for source in sources)
    assert len(posts) == 141
    assert sum(1 for source in sources if source.path.suffix == ".mdx") == 15


def test_every_post_title(corpus_app, sources):
    wrong = []
    for source in sources:
        html = parse_html(corpus_app.outdir / f"{source.docname}.html")
        shown = html.title.get_text().rsplit(" — ", 1)[0]
        expected = source.meta_title or source.title  # seo.metaTitle is the <title> when given
        if shown != expected:
            wrong.append((source.docname, "<title>", shown, expected))
        doc_title = corpus_app.env.titles[source.docname].astext()
        if doc_title != source.title:
            wrong.append((source.docname, "doc title", doc_title, source.title))
    assert wrong == []


def test_the_post_with_an_impossible_date(corpus_app, sources):
    source = next(s for s in sources if s.path.stem == IMPOSSIBLE_DATE)
    assert source.data["date"] == "2020-02-30"
    post = corpus_app.env.get_domain("blog").posts[source.docname]
    assert post.date is None
    assert post.title == source.title
    records = [r for r in warning_records(corpus_app) if "[blog.date]" in r]
    assert len(records) == 1
    assert f"{IMPOSSIBLE_DATE}.md:{source.key_lines['date']}: WARNING" in records[0]


def test_bylines_show_registry_names_and_unknown_handles(corpus_app, sources, registry):
    checked = 0
    wrong = []
    for source in sources:
        html = parse_html(corpus_app.outdir / f"{source.docname}.html")
        shown = [node.get_text() for node in html.select(".blog-byline .blog-author-name")]
        expected = [registry.get(handle, handle) for handle in source.authors]
        if shown != expected:
            wrong.append((source.docname, shown, expected))
        unknown = [node.get_text() for node in html.select(".blog-byline .blog-author-name.blog-author-unknown")]
        if unknown != [h for h in source.authors if h not in registry]:
            wrong.append((source.docname, "unknown", unknown))
        checked += bool(source.authors)
    assert wrong == []
    assert checked == sum(1 for source in sources if source.authors)


def test_unknown_handles_warn_once_per_post(corpus_app, sources, registry):
    used_unknown = {h for source in sources for h in source.authors if h not in registry}
    assert used_unknown <= UNKNOWN_HANDLES, used_unknown - UNKNOWN_HANDLES
    expected = Counter(
        (source.path.name, source.author_line, handle)
        for source in sources
        for handle in source.authors
        if handle in UNKNOWN_HANDLES
    )
    found = Counter()
    for record in warning_records(corpus_app):
        match = re.search(r"blog/([^/]+\.mdx?):(\d+): WARNING: unknown author '([^']+)'.*\[blog\.author\]$", record)
        if match:
            found[(match[1], int(match[2]), match[3])] += 1
    assert found == expected
    assert sum(found.values()) == sum(1 for s in sources for h in s.authors if h in UNKNOWN_HANDLES)


def test_duplicate_registry_entry_warns_once(corpus_app):
    duplicates = [r for r in warning_records(corpus_app) if "duplicate author handle" in r]
    assert len(duplicates) == 1
    assert duplicates[0].endswith("[blog.author]")


def test_relative_links_to_posts_are_not_ambiguous(corpus_app):
    assert [r for r in warning_records(corpus_app) if "[myst.xref_ambiguous]" in r] == []


def test_every_post_is_listed_and_in_the_feed(corpus_app, sources):
    out = Path(corpus_app.outdir)
    listed = {unquote(a["href"].split("#")[0]) for page in (out / "blog" / "archive").glob("*.html")
              for a in parse_html(page).select(".blog-list-title a")}
    items = json.loads((out / "blog" / "feed.json").read_text(encoding="utf-8"))["items"]
    feed = {unquote(item["url"]) for item in items}
    dated = [source for source in sources if source.path.stem != IMPOSSIBLE_DATE]  # undated: a draft
    assert sorted(f"../{s.path.stem}.html" for s in dated if f"../{s.path.stem}.html" not in listed) == []
    assert sorted(s.docname for s in dated if f"https://posthog.example/{s.docname}.html" not in feed) == []


IMPORT_LINE = re.compile(r"^\s*import\s[^\n]*\sfrom\s+['\"]", re.MULTILINE)
COMPONENT_TAG = re.compile(r"<[A-Z][A-Za-z0-9]*[\s/>]")


def without_code(path: Path) -> tuple[str, str]:
    """(the page's HTML as written, its text) without code blocks and inline code."""
    raw = path.read_text(encoding="utf-8")
    html = re.sub(r"<(pre|code|script|style)\b.*?</\1>", "", raw, flags=re.S)  # as written: tag names keep their case
    soup = parse_html(path)
    for code in soup.select("pre, code, .highlight, script, style"):
        code.decompose()
    return html, soup.get_text()


def test_no_mdx_syntax_is_left_in_any_page(corpus_app):
    wrong = []
    for path in sorted(Path(corpus_app.outdir).rglob("*.html")):
        html, text = without_code(path)
        if IMPORT_LINE.search(text):
            wrong.append((path.name, "import line"))
        if "{/*" in text:
            wrong.append((path.name, "JSX comment"))
        # a component as a tag (raw) or as text; the corpus's own placeholders stay as escaped text
        for found in COMPONENT_TAG.findall(html) + [t for t in COMPONENT_TAG.findall(text) if not t.isupper()]:
            if not re.match(r"<(PUT|Put|IANS)\b", found):
                wrong.append((path.name, found))
    assert wrong == []


def test_the_mdx_posts_show_their_components(corpus_app, sources):
    """Components the defaults know become real content: quotes, admonitions, screenshots."""
    out = Path(corpus_app.outdir)
    used = {name for source in sources for name in re.findall(r"<(Quote|ProductScreenshot|CalloutBox)\b", source.text)}
    shown = {
        "Quote": "blockquote", "ProductScreenshot": "img", "CalloutBox": "div.admonition",
    }
    for name in used:
        pages = [s for s in sources if f"<{name}" in s.text]
        assert any(parse_html(out / f"{s.docname}.html").select_one(f"div.body {shown[name]}") for s in pages), name


def test_links_to_pages_inside_the_corpus_resolve(corpus_app):
    out = Path(corpus_app.outdir)
    broken = []
    for path in sorted(out.rglob("*.html")):
        for a in parse_html(path).select("div.body a[href]"):
            href = a["href"]
            if re.match(r"^[a-z]+:|^//|^#", href) or not href.split("#")[0]:
                continue
            target = (path.parent / unquote(href.split("#")[0].split("?")[0])).resolve()
            # a page of the corpus (links to its missing images and to other sites' paths are warned)
            inside = target.is_relative_to(out.resolve()) and target.suffix in ("", ".html")
            if inside and not target.exists():
                broken.append((path.relative_to(out).as_posix(), href))
    assert broken == []


def test_unknown_components_warn_once_per_name(corpus_app):
    names = Counter(re.search(r"unknown MDX component <(\w+)>", r)[1] for r in warning_records(corpus_app)
                    if "unknown MDX component" in r)
    assert names and all(count == 1 for count in names.values()), names


def test_print_warning_summary(corpus_app, capsys):
    records = warning_records(corpus_app)
    by_kind = Counter(kind_of(record) for record in records)
    by_family = Counter(kind.split(".")[0] if "." in kind else "other" for kind in by_kind.elements())
    with capsys.disabled():
        print(f"\n\ncorpus build: {len(records)} warnings")
        for family, count in sorted(by_family.items(), key=lambda item: (-item[1], item[0])):
            print(f"  {family}: {count}")
            for kind, kind_count in sorted(by_kind.items(), key=lambda item: (-item[1], item[0])):
                if (kind.split(".")[0] if "." in kind else "other") == family:
                    print(f"    [{kind}] {kind_count}")
    assert sum(by_kind.values()) == len(records)
