"""Build the repository's docs site once per theme.

``docs/conf.py`` is theme-neutral: ``-D html_theme=<theme>`` switches it, and it
applies the theme's snippet from ``docs/themes/<theme>.py`` (the snippets the
Themes page documents), so this test builds exactly what a reader copies.
"""

from __future__ import annotations

import html
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs"
THEMES = ("alabaster", "furo", "pydata_sphinx_theme", "sphinx_book_theme", "sphinx_rtd_theme")
# One snippet per theme: what a user adds to a theme-neutral conf.py besides ``html_theme``.
THEME_SNIPPETS: dict[str, str] = {theme: (DOCS / "themes" / f"{theme}.py").read_text("utf-8") for theme in THEMES}

# The blog widgets each snippet promises, on a post and on the blog's other pages, and where
# it differs on the blog's landing page (the classes of the .blog-sidebar elements, without
# "blog-sidebar").
_ALL = ("blog-recentposts", "blog-tagcloud", "blog-categories", "blog-archives")
SIDEBAR_WIDGETS: dict[str, dict[str, tuple[str, ...]]] = {
    "alabaster": {"post": ("blog-postinfo", *_ALL), "page": _ALL},
    "furo": {"post": ("blog-postinfo", *_ALL), "page": _ALL},
    "pydata_sphinx_theme": {"post": ("blog-postinfo", *_ALL), "page": _ALL},
    "sphinx_book_theme": {"post": ("blog-postinfo", *_ALL), "page": _ALL},
    # no sidebars: the blog's landing page shows the widgets with the widget directives
    "sphinx_rtd_theme": {"post": (), "page": (), "index": _ALL},
}

# The short names accepted by --themes, as users know the themes.
ALIASES = {
    "pydata": "pydata_sphinx_theme",
    "pydata-sphinx-theme": "pydata_sphinx_theme",
    "book": "sphinx_book_theme",
    "sphinx-book-theme": "sphinx_book_theme",
    "rtd": "sphinx_rtd_theme",
    "sphinx-rtd-theme": "sphinx_rtd_theme",
}


@dataclass
class Site:
    """One theme's build: where it is, how it went, and the pages to open."""

    theme: str
    outdir: Path
    returncode: int = 0
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    pages: dict[str, Path] = field(default_factory=dict)


def theme_name(name: str) -> str:
    return ALIASES.get(name, name)


def build(theme: str, workdir: Path) -> Site:
    """Build docs/ with ``theme`` into ``workdir/html``; keep the warnings."""
    site = Site(theme, workdir / "html")
    workdir.mkdir(parents=True, exist_ok=True)
    warnfile = workdir / "warnings.txt"
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-E", "-D", f"html_theme={theme}",
               "-w", str(warnfile), "-d", str(workdir / "doctrees"), str(DOCS), str(site.outdir)]
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, env=os.environ.copy(), check=False)
    site.seconds = time.monotonic() - started
    site.returncode = done.returncode
    text = warnfile.read_text("utf-8") if warnfile.exists() else ""
    site.warnings = [line for line in text.splitlines() if line.strip()]
    if done.returncode != 0:
        site.warnings.append(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "build failed")
    else:
        site.pages = find_pages(site.outdir)
    return site


def _posts_by_hero() -> dict[str, str]:
    """Post page name -> hero type (``full``/``standard``), from the posts' frontmatter."""
    heroes = {}
    for source in sorted((DOCS / "blog").glob("*.md")):
        for line in source.read_text("utf-8").splitlines():
            if line.startswith("featuredImageType:"):
                heroes[f"blog/{source.stem}"] = line.split(":", 1)[1].strip().strip("\"'")
    return heroes


def find_pages(outdir: Path) -> dict[str, Path]:
    """The pages to check: a full-hero post, a standard-hero post, the index, posts, a tag, an author,
    a year of the archive (its months and posts)."""
    pages: dict[str, Path] = {}
    heroes = _posts_by_hero()
    for kind in ("full", "standard"):
        name = next((n for n, t in heroes.items() if t == kind), None)
        if name and (outdir / f"{name}.html").exists():
            pages[f"post-{kind}"] = outdir / f"{name}.html"
    for key, relative in (("index", "blog/index.html"), ("posts", "blog/posts.html")):
        if (outdir / relative).exists():
            pages[key] = outdir / relative
    for key, folder in (("tag", "blog/tags"), ("author", "blog/authors"), ("archive", "blog/archive")):
        found = sorted(p for p in (outdir / folder).glob("*.html") if p.name != "index.html")
        if found:
            pages[key] = found[0]
    return pages


def missing_author_names(site: Site) -> list[str]:
    """Names from docs/authors.yml not shown on their author page: the registry was not found."""
    import yaml

    registry = yaml.safe_load((DOCS / "authors.yml").read_text("utf-8")) or {}
    missing = []
    for handle, entry in registry.items():
        page = site.outdir / "blog" / "authors" / f"{handle}.html"
        text = html.unescape(page.read_text("utf-8")) if page.exists() else ""
        if entry["name"] not in text:
            missing.append(entry["name"])
    return missing
