"""The ``blog_*`` configuration values, declared with their types and checked once."""

from __future__ import annotations

from typing import Any, Literal

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from .dates import Zone, is_zone_name, zone_named

logger = logging.getLogger(__name__)

DEFAULT_SIDEBARS = {
    "Blog": [
        "blog/postinfo.html",
        "blog/recentposts.html",
        "blog/tagcloud.html",
        "blog/categories.html",
        "blog/archives.html",
        "searchbox.html",
    ]
}

#: name -> (default, rebuild, types, description)
Rebuild = Literal["env", "html"]
CONFIG_VALUES: dict[str, tuple[Any, Rebuild, tuple[type, ...], str]] = {
    "blog_post_pattern": (["blog/**"], "env", (list, tuple), "globs of documents that are posts when they have a date"),
    "blog_authors": (None, "env", (str, dict, list, type(None)), "authors registry: a JSON/YAML path or a dict"),
    "blog_date_format": (None, "env", (str, type(None)),
                         "how dates are shown (strftime codes); unset: the language's long date"),
    "blog_words_per_minute": (200, "env", (int,), "reading speed for the reading time"),
    "blog_sidebars": (DEFAULT_SIDEBARS, "html", (dict,), "named sidebar sets for the 'sidebar' frontmatter key"),
    "blog_baseurl": ("", "html", (str,), "the site's public URL, for feeds, social tags and copied links"),
    "blog_link_map": ({}, "env", (dict,), "site path prefix -> source folder"),
    "blog_posts_per_page": (10, "html", (int,), "posts per page of a generated list"),
    "blog_paginate_archives": (False, "html", (bool,), "paginate tag, category, author and year pages too"),
    "blog_recent_posts": (5, "html", (int,), "how many posts the recent posts sidebar shows"),
    "blog_future_posts": ("draft", "env", (str,), "'draft' or 'publish': what a post dated in the future is"),
    "blog_timezone": ("UTC", "env", (str,), "the IANA time zone of dates written without an offset"),
    "blog_show_drafts": (False, "env", (bool,), "list drafts too (previews)"),
    "blog_feed_archives": (False, "html", (bool,), "also write per-tag, per-category and per-author feeds"),
    "blog_feed_length": (20, "html", (int,), "entries per feed"),
    "blog_feed_fulltext": (False, "html", (bool,), "feeds carry the whole post, not the excerpt"),
    "blog_default_image": ("", "html", (str,), "og:image of posts without a featured image: a URL or a site path"),
    "blog_mdx": (True, "env", (bool,), "read MDX: .mdx files, imports, JSX components and comments, admonitions"),
    "blog_mdx_components": ({}, "env", (dict,), "MDX component name -> MyST template or callable"),
    "blog_jsonld": (True, "html", (bool,), "schema.org JSON-LD in the <head> of posts, blog indexes and author pages"),
    "blog_publisher": ({}, "html", (dict,), "the publisher in JSON-LD: name, url, logo (default: the project)"),
    "blog_path": ("", "env", (str,), "the blog of posts without a rootpage (default: their top folder)"),
    "blog_title": ("", "html", (str,), "the title of a blog without a landing page"),
    "blog_default_author": (None, "env", (str, list, tuple, type(None)), "author handle(s) of posts without one"),
    "blog_feed_subtitle": ("", "html", (str, type(None)), "the feeds' subtitle (default: the blog's title)"),
    "blog_ablog_urls": (False, "html", (bool,), "redirect pages and feed copies at ABlog's catalog URLs"),
    "blog_date_from_path": (True, "env", (bool,),
                            "a post without a date takes the one in its path (2021-03-09-name.md), as in Docusaurus"),
    "blog_tags": (None, "env", (dict, list, tuple, type(None)), "the tag list: key -> label, slug, description"),
    "blog_tags_file": (None, "env", (str, type(None)), "a tag list file (Docusaurus tags.yml), added to blog_tags"),
    "blog_categories": (None, "env", (dict, list, tuple, type(None)),
                        "the category list: key -> label, slug, description"),
    "blog_terms_policy": ("warn", "env", (str, dict),
                          "tags, categories, authors on no list: 'ignore', 'warn' or 'error' (or a dict per kind)"),
    "blog_image_widths": ([320, 640, 1024, 1600], "html", (list, tuple),
                          "widths of the smaller copies of featured images for srcset (needs Pillow)"),
}


def base_url(config: Config) -> str:
    """The site's public URL ending in '/': ``blog_baseurl``, else ``html_baseurl``; or ''."""
    url = str(config.blog_baseurl or config.html_baseurl or "").strip()
    if not url.startswith(("http://", "https://")):
        return ""
    return url.rstrip("/") + "/"


def site_zone(config: Config) -> Zone:
    """The zone of dates written without an offset (:confval:`blog_timezone`)."""
    return zone_named(getattr(config, "blog_timezone", "UTC"))


def check_config(app: Sphinx, config: Config) -> None:
    """One warning per bad value; the default is used instead."""
    if config.blog_future_posts not in ("draft", "publish"):
        _reset(config, "blog_future_posts", "expected 'draft' or 'publish'")
    for name in ("blog_posts_per_page", "blog_recent_posts", "blog_feed_length", "blog_words_per_minute"):
        if not isinstance(getattr(config, name), int) or getattr(config, name) < 1:
            _reset(config, name, "expected a positive whole number")
    sidebars = config.blog_sidebars
    if not all(isinstance(v, (list, tuple)) for v in sidebars.values()):
        _reset(config, "blog_sidebars", "expected a dict of name -> list of templates")
    widths = config.blog_image_widths
    if not isinstance(widths, (list, tuple)) or not all(isinstance(w, int) and w > 0 for w in widths):
        _reset(config, "blog_image_widths", "expected a list of widths in pixels, e.g. [320, 640, 1024]")
    if not is_zone_name(config.blog_timezone):
        _reset(config, "blog_timezone", "not a time zone of the IANA database, such as 'Europe/Berlin'")
    config.blog_path = str(config.blog_path or "").strip().strip("/")
    policy = config.blog_terms_policy
    values = policy.values() if isinstance(policy, dict) else [policy]
    if not all(value in ("ignore", "warn", "error") for value in values) or (
        isinstance(policy, dict) and not set(policy) <= {"tag", "category", "author"}
    ):
        _reset(config, "blog_terms_policy", "expected 'ignore', 'warn' or 'error', or a dict of "
                                            "'tag', 'category', 'author' -> one of them")
    if isinstance(config.blog_post_pattern, str):
        config.blog_post_pattern = [config.blog_post_pattern]


def _reset(config: Config, name: str, reason: str) -> None:
    default = CONFIG_VALUES[name][0]
    logger.warning(
        "%s = %r: %s; using %r", name, getattr(config, name), reason, default,
        type="blog", subtype="config",
    )
    setattr(config, name, default)


def setup_config(app: Sphinx) -> None:
    for name, (default, rebuild, types, description) in CONFIG_VALUES.items():
        app.add_config_value(name, default, rebuild, types=types, description=description)
    app.connect("config-inited", check_config)
