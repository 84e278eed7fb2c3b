"""Property-based: random YAML at every frontmatter key and random registry entries never
break a build (issue 12).

Each example writes a small site (two posts with random frontmatter, one valid post, a
registry of random entries) and builds it: no traceback, every warning a ``[blog.*]``
warning, the valid post listed, and no ``<script>``, ``on*=`` handler or ``javascript:``
URL in the output that the theme did not put there.  Derandomised, so CI always runs the
same examples; ``FUZZ_EXAMPLES=200 pytest tests/test_fuzz.py`` explores more.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from sphinxext.blog.frontmatter import POST_KEYS
from sphinxext.blog.safety import url_scheme

from conftest import build, parse_html, warnings_of

HOSTILE = ["<script>alert(1)</script>", "javascript:alert(1)", "\"><img src=x onerror=alert(1)>", "]]>",
           "data:text/html,<b>x</b>", "../../etc/passwd", "/.htaccess", "java\tscript:alert(1)", "\x01", "{{ x }}",
           "2024-02-30", "2024-05-02", "https://example.com/a.png", "ann", "Product engineers", "", " ", "🚀", "a, b"]
TEXT = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=30))
SCALAR = st.one_of(TEXT, st.integers(-5, 3000), st.floats(allow_nan=False, allow_infinity=False), st.booleans(),
                   st.none())
VALUE: st.SearchStrategy[Any] = st.recursive(
    SCALAR, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(TEXT, inner, max_size=3)),
    max_leaves=8,
)
FRONTMATTER = st.dictionaries(st.sampled_from(sorted(POST_KEYS)), VALUE, max_size=8).map(
    lambda data: {"date": "2024-03-01", **data}
)
REGISTRY_KEYS = ["name", "title", "role", "url", "link_url", "image_url", "bio", "socials"]
REGISTRY = st.dictionaries(st.sampled_from(["ann", "bo", "mallory", "<b>x</b>"]),
                           st.dictionaries(st.sampled_from(REGISTRY_KEYS), VALUE, max_size=5), max_size=3)

VALID_POST = "---\ntitle: A valid post\ndate: 2024-01-01\nauthor: ann\ntags: [Control]\n---\n\nIt stays.\n"
CONF = 'extensions = ["myst_parser", "sphinxext.blog"]\nblog_authors = "authors.yml"\n' \
       'blog_baseurl = "https://fuzz.example/"\nexclude_patterns = ["_build"]\n'
WARNING_TYPE = re.compile(r"\[([\w.]+)\]$")


def write_site(root: Path, posts: list[dict[str, Any]], registry: dict[str, Any]) -> None:
    (root / "blog").mkdir(parents=True)
    (root / "conf.py").write_text(CONF, encoding="utf-8")
    (root / "index.md").write_text("# Fuzz\n\n```{postlist}\n:format: cards\n```\n", encoding="utf-8")
    (root / "authors.yml").write_text(yaml.safe_dump(registry, allow_unicode=True) or "{}\n", encoding="utf-8")
    (root / "blog" / "valid.md").write_text(VALID_POST, encoding="utf-8")
    for number, data in enumerate(posts):
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        (root / "blog" / f"random-{number}.md").write_text(f"---\n{text}---\n\nBody {number}.\n", encoding="utf-8")


def injected(path: Path) -> list[str]:
    found = []
    for element in parse_html(path).find_all(True):
        found += [f"{element.name} {name}=" for name in element.attrs if name.lower().startswith("on")]
        for name in ("href", "src"):
            value = element.get(name)
            if isinstance(value, str) and url_scheme(value) not in (None, "http", "https", "mailto"):
                found.append(f"{element.name} {name}={value!r}")
        if element.name == "script" and element.get("type") != "application/ld+json" and "alert" in element.text:
            found.append("script")
        if element.name in ("svg", "b") or element.name == "img" and element.get("src") == "x":
            found.append(element.name)
    return found


# no shrinking: each example is a whole build; a failing example is reported as found
@settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "12")), deadline=None, derandomize=True,
          phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(posts=st.lists(FRONTMATTER, min_size=2, max_size=2), registry=REGISTRY)
def test_random_frontmatter_and_registry_never_break_the_build(posts, registry):
    root = Path(tempfile.mkdtemp(prefix="blog-fuzz-"))
    try:
        write_site(root, posts, registry | {"ann": {"name": "Ann"}})
        app = build(root)  # a traceback fails the test
        types = [WARNING_TYPE.search(line) for line in warnings_of(app)]
        # a document that is not a post (blogpost: false) and in no toctree: Sphinx's own business
        assert all(match and (match[1].startswith("blog.") or match[1] == "toc.not_included") for match in types), \
            warnings_of(app)
        out = Path(app.outdir)
        assert "A valid post" in parse_html(out / "index.html").get_text()
        for path in out.rglob("*.html"):
            assert injected(path) == [], path
    finally:
        shutil.rmtree(root, ignore_errors=True)
