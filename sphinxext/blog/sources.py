"""Source text before MyST reads it: MDX and Docusaurus Markdown (``blog_mdx``).

Gatsby and Docusaurus read ``.md`` and ``.mdx`` through MDX, so real posts hold
``import`` lines, JSX components, JSX comments and ``:::tip`` admonitions.  With
:confval:`blog_mdx` on (the default):

* ``.mdx`` is a MyST Markdown suffix (unless the project maps it itself), and files
  and folders whose name starts with ``_`` (``_includes/``, ``_snippets/``: MDX partials
  that posts import) are not pages of their own;
* every ``.mdx`` document, and every ``.md`` document under :confval:`blog_post_pattern`
  (Gatsby reads posts through MDX; the rest of the site stays plain MyST), is converted
  by :func:`.mdx.convert` at ``source-read``, before the blog reads its frontmatter, and
  every file a post includes at ``include-read`` (MyST's include records it as a
  dependency of the post);
* a problem is one ``blog.mdx`` warning with file and line; an unknown component is
  one warning per build, at the first use of its name (so ``-j`` and incremental
  builds say it once too).
"""

from __future__ import annotations

from collections.abc import Set
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from .domain import blog_domain
from .mdx import MdxProblem, convert
from .mdx_components import PLAIN_TABS
from .post import post_matcher

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

MARKDOWN_SUFFIXES = (".md", ".mdx")
#: MDX partials: imported by posts, not pages of their own (Docusaurus's rule)
PARTIALS = ["**/_*.md", "**/_*.mdx", "**/_*/**"]
#: themes that show ``only-light``/``only-dark`` images by colour scheme
DARK_MODE_THEMES = ("furo", "pydata_sphinx_theme", "sphinx_book_theme")


def register_mdx(app: Sphinx, config: Config) -> None:
    """config-inited, after Sphinx made ``source_suffix`` a dict: ``.mdx`` as MyST."""
    if not config.blog_mdx:
        return
    suffixes = config.source_suffix
    if isinstance(suffixes, dict) and ".mdx" not in suffixes:
        config.source_suffix = {**suffixes, ".mdx": "markdown"}
    config.exclude_patterns = [*config.exclude_patterns, *PARTIALS]


def convert_source(app: Sphinx, docname: str, source: list[str]) -> None:
    """source-read, before the blog reads the frontmatter: MDX -> MyST, in ``.mdx`` files and
    in ``.md`` files under :confval:`blog_post_pattern` (the rest of the site is plain MyST)."""
    suffix = app.env.doc2path(docname).suffix
    if not app.config.blog_mdx or suffix not in MARKDOWN_SUFFIXES:
        return
    if suffix == ".md" and not post_matcher(tuple(app.config.blog_post_pattern))(docname):
        return
    result = convert(source[0], _components(app), dark_mode=_dark_mode(app))
    if result.text == source[0] and not result.problems:
        return
    source[0] = result.text
    for problem in result.problems:
        if problem.component is None:
            _warn(problem, (docname, problem.line))
    blog_domain(app.env).unknown_components[docname] = {
        problem.component: (problem.line, problem.message) for problem in result.problems if problem.component
    }


def convert_include(app: Sphinx, relative_path: Path, parent_docname: str, content: list[str]) -> None:
    """include-read: a file a post inserts is MDX too."""
    if not app.config.blog_mdx or Path(relative_path).suffix not in MARKDOWN_SUFFIXES:
        return
    result = convert(content[0], _components(app), dark_mode=_dark_mode(app))
    content[0] = result.text
    for problem in result.problems:
        _warn(problem, f"{Path(app.srcdir, relative_path)}:{problem.line}")


def _components(app: Sphinx) -> dict[str, Any]:
    """The user's mapping over the defaults; Docusaurus tabs as plain sections when the
    project does not load sphinx-design (whose directives the default tabs use)."""
    plain = {} if "sphinx_design" in app.extensions else PLAIN_TABS
    return {**plain, **(app.config.blog_mdx_components or {})}


def _dark_mode(app: Sphinx) -> bool:
    return str(getattr(app.config, "html_theme", "")) in DARK_MODE_THEMES


def _warn(problem: MdxProblem, location: Any) -> None:
    logger.warning(problem.message, type="blog", subtype=problem.subtype, location=location)


def remember_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """env-before-read-docs: which documents this build reads (their warnings are new)."""
    blog_domain(env).state.read_now = set(docnames)


def warn_unknown_components(app: Sphinx, env: BuildEnvironment) -> None:
    """env-updated (main process): one warning per unknown component name, at its first use
    (documents in name order), when that document was read by this build."""
    domain = blog_domain(env)
    first: dict[str, tuple[str, int, str]] = {}
    for docname in sorted(domain.unknown_components):
        for name, (line, message) in domain.unknown_components[docname].items():
            first.setdefault(name, (docname, line, message))
    read_now: Set[str] = domain.state.read_now
    for _name, (docname, line, message) in sorted(first.items()):
        if docname in read_now:
            logger.warning(message, type="blog", subtype="mdx", location=(docname, line))


def setup_sources(app: Sphinx) -> None:
    app.connect("config-inited", register_mdx, priority=900)
    app.connect("source-read", convert_source, priority=400)
    app.connect("include-read", convert_include)
    app.connect("env-before-read-docs", remember_read)
    app.connect("env-updated", warn_unknown_components)
