"""ABlog compatibility: an ABlog site builds after replacing ``"ablog"`` by ``"sphinxext.blog"``.

This module reads ABlog's configuration (``config-inited``, before the extension
checks its own): the ``blog_authors`` tuple form, ``post_date_format``,
``blog_feed_length = None``; and it says, once per setting, what to do about the
settings with no equivalent (Disqus, Font Awesome, ...).  The parts:

* :mod:`.ablog_options`: ABlog's post options and frontmatter keys (pure);
* :mod:`.ablog_posts`: its frontmatter, the ``post`` and ``update`` directives;
* :mod:`.ablog_links`: its ``{ref}`` labels, and its old URLs kept with redirect
  pages and feed copies (:confval:`blog_ablog_urls`).

ABlog's sidebar templates (``ablog/postcard.html``, ...) are in ``templates/ablog``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from .ablog_links import setup_ablog_links
from .ablog_posts import setup_ablog_posts
from .config import Rebuild

logger = logging.getLogger(__name__)

#: ABlog's own settings, with its defaults: read here, so conf.py keeps them unchanged
ABLOG_VALUES: dict[str, tuple[Any, Rebuild]] = {
    "blog_languages": ({}, "env"),
    "blog_locations": ({}, "env"),
    "blog_default_language": (None, "env"),
    "blog_default_location": (None, "env"),
    "post_date_format": ("%d %B %Y", "env"),
    "post_date_format_short": ("%d %B", "html"),
    "post_auto_excerpt": (1, "env"),
    "post_auto_image": (0, "env"),
    "post_auto_orphan": (True, "env"),
    "post_redirect_refresh": (5, "html"),
    "post_show_prev_next": (True, "html"),
    "post_always_section": (False, "env"),
    "blog_feed_templates": ({"atom": {}}, "html"),
    "blog_feed_titles": (None, "html"),
    "blog_archive_titles": (None, "html"),
    "disqus_shortname": (None, "html"),
    "disqus_pages": (False, "html"),
    "disqus_drafts": (False, "html"),
    "fontawesome_included": (False, "html"),
    "fontawesome_link_cdn": (None, "html"),
    "fontawesome_css_file": ("", "html"),
    "skip_injecting_base_ablog_templates": (False, "html"),
}

#: settings whose feature the extension does not have: what to do instead
NO_EQUIVALENT = {
    "disqus_shortname": "comments are not built in: add your comment service's snippet in a template "
                        "(e.g. a 'page.html' that extends '!page.html'), then remove the setting",
    "disqus_pages": "comments are not built in (see disqus_shortname); remove the setting",
    "disqus_drafts": "comments are not built in (see disqus_shortname); remove the setting",
    "fontawesome_included": "the blog's templates use no icon font; remove the setting",
    "fontawesome_link_cdn": "the blog's templates use no icon font; add the stylesheet with "
                            "html_css_files if your own templates need it, and remove the setting",
    "fontawesome_css_file": "the blog's templates use no icon font; add the stylesheet with "
                            "html_css_files if your own templates need it, and remove the setting",
    "blog_feed_templates": "feeds are Atom, RSS and JSON Feed with the post's title, excerpt and "
                           "(blog_feed_fulltext) text; remove the setting",
    "blog_feed_titles": "feed entries always carry the excerpt; remove the setting",
    "blog_archive_titles": "generated pages list posts with their excerpts; use a {postlist} for "
                           "a list of titles, and remove the setting",
    "post_always_section": "a document is one post: split documents that hold several, and remove the setting",
    "post_show_prev_next": "posts always link to the previous and next post; hide '.blog-prevnext' "
                           "with CSS if you must, and remove the setting",
}
# ABlog's "all posts" feed length; the extension needs a number
_ALL = 1_000_000


def authors_registry(setting: object) -> object:
    """ABlog's ``{"key": ("Name", "https://link")}`` as the registry's ``{"key": {"name", "url"}}``;
    other shapes are left to the registry loader."""
    if not isinstance(setting, Mapping):
        return setting
    converted: dict[object, object] = {}
    for key, value in setting.items():
        if isinstance(value, (tuple, list)) and value and all(isinstance(v, (str, type(None))) for v in value):
            entry = {"name": value[0]}
            if len(value) > 1 and value[1]:
                entry["url"] = value[1]
            value = entry
        converted[key] = value
    return converted


def translate_config(app: Sphinx, config: Config) -> None:
    """config-inited, before the extension's own check: ABlog's settings as the extension's."""
    config.blog_authors = authors_registry(config.blog_authors)
    if config.blog_feed_length is None:  # ABlog: every post
        config.blog_feed_length = _ALL
    ablog_format = config.post_date_format
    if ablog_format != ABLOG_VALUES["post_date_format"][0] and not config.blog_date_format:
        config.blog_date_format = ablog_format  # dates are shown as the site showed them
    for name, advice in NO_EQUIVALENT.items():
        value, default = getattr(config, name), ABLOG_VALUES[name][0]
        if value != default and (value or isinstance(default, bool)):  # set, to something that matters
            logger.warning("ABlog's %s is not supported: %s", name, advice, type="blog", subtype="ablog",
                           location=_conf_location(app, name))


def _conf_location(app: Sphinx, name: str) -> str:
    """``conf.py:line`` of a setting (a bare name would be taken for a document)."""
    path = Path(app.confdir, "conf.py")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return f"{path}:1"
    pattern = re.compile(rf"^{re.escape(name)}\s*[:=]")
    line = next((number for number, text in enumerate(lines, start=1) if pattern.match(text)), 1)
    return f"{path}:{line}"


def setup_ablog(app: Sphinx) -> None:
    for name, (default, rebuild) in ABLOG_VALUES.items():
        app.add_config_value(name, default, rebuild)
    app.connect("config-inited", translate_config, priority=450)  # before config.check_config
    setup_ablog_posts(app)
    setup_ablog_links(app)
