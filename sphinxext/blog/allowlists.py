"""Allow-lists: the tags, categories and authors a site knows, and one policy for the rest.

The lists are :confval:`blog_tags` (and :confval:`blog_tags_file`),
:confval:`blog_categories` and the authors registry (:confval:`blog_authors`).  They are
read once, in the main process, before any document (like the registry); a change of
a list rereads every document, as a change of the registry does.

While a post is read, its tags and categories are written as the list's keys (a post
may name a term by its label), and what is on no list is noted in the domain, per
document.  After reading, :confval:`blog_terms_policy` decides, per kind: ``ignore``,
``warn`` (a ``blog.tag``, ``blog.category`` or ``blog.author`` warning, once, when the
post is read) or ``error`` (an error with file and line on every build, and the build
fails with exit status 1, like ``linkcheck``'s broken links, after writing everything).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from .domain import blog_domain
from .frontmatter import Post, unique
from .terms import SETTINGS, TermList, load_terms

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

POLICIES = ("ignore", "warn", "error")
KINDS = ("tag", "category", "author")
DEFAULT_POLICY = "warn"


def policy_of(config: Config, kind: str) -> str:
    """:confval:`blog_terms_policy` for ``kind``: one value for all, or a value per kind."""
    setting = config.blog_terms_policy
    if isinstance(setting, Mapping):
        return str(setting.get(kind, DEFAULT_POLICY))
    return str(setting)


def load_lists(app: Sphinx) -> None:
    """builder-inited, after the registry: the tag and category lists of this build."""

    def warn(subtype: str, message: str, location: str) -> None:
        logger.warning(message, type="blog", subtype=subtype, location=location)

    config, confdir, srcdir = app.config, Path(app.confdir), Path(app.srcdir)
    lists = {kind: load_terms(kind, getattr(config, setting), config.blog_tags_file if kind == "tag" else None,
                              confdir, srcdir, warn)
             for kind, setting in SETTINGS.items()}
    domain = blog_domain(app.env)
    if domain.terms != lists:
        domain.state.registry_changed = True  # every byline, tag link and list may change
    domain.data["terms"] = lists
    domain.forget_catalog()


def check_post(env: BuildEnvironment, post: Post) -> None:
    """A post's tags and categories as the lists' keys; what is on no list, noted for :func:`report`."""
    domain = blog_domain(env)
    lists: Mapping[str, TermList | None] = domain.terms
    problems: list[tuple[str, str, int]] = []
    for kind, field, keys in (("tag", "tags", ("tags", "tag")), ("category", "categories", ("category", "categories")),
                              ("category", "crosspost", ("crosspost",))):
        found = lists.get(kind)
        if found is None:
            continue
        line = next((post.line_of(key) for key in keys if key in post.lines), 1)
        for name in getattr(post, field):
            if found.key_of(name) is None:
                problems.append((kind, f"unknown {kind} {name!r} (not in {_list_name(env.config, kind)})", line))
        setattr(post, field, unique(found.key_of(name) or name for name in getattr(post, field)))
    line = post.line_of("author") if "author" in post.lines else post.line_of("authors")
    problems += [("author", f"unknown author {handle!r} (not in blog_authors)", line)
                 for handle in post.authors if handle not in domain.authors]
    if problems:
        domain.term_problems[post.docname] = problems
    else:
        domain.term_problems.pop(post.docname, None)


def _list_name(config: Config, kind: str) -> str:
    if kind == "tag" and config.blog_tags_file:
        return f"blog_tags or {config.blog_tags_file}" if config.blog_tags else str(config.blog_tags_file)
    return SETTINGS[kind]


def report(app: Sphinx, env: BuildEnvironment) -> None:
    """env-updated: each term on no list, by the policy of its kind.  Warnings are given when
    the post is read; errors on every build, so a build that did not read the post fails too."""
    domain = blog_domain(env)
    failed = 0
    for docname in sorted(domain.term_problems):
        for kind, message, line in domain.term_problems[docname]:
            policy = policy_of(app.config, kind)
            if policy == "error":
                logger.error(message, type="blog", subtype=kind, location=(docname, line))
                failed += 1
            elif policy == "warn" and docname in domain.state.read_now:
                logger.warning(message, type="blog", subtype=kind, location=(docname, line))
    if failed:
        logger.error("the build fails: %d tag(s), categories or authors are on no list, and blog_terms_policy "
                     "is 'error'", failed, type="blog", subtype="policy")
        app.statuscode = 1


def setup_allowlists(app: Sphinx) -> None:
    app.connect("builder-inited", load_lists, priority=600)  # after the registry (domain.load_authors)
    app.connect("env-updated", report)
