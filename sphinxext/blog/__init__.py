"""sphinxext-blog: a blog inside a Sphinx documentation site.

``setup()`` only registers the parts; each module owns one concern.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from .ablog import setup_ablog
from .allowlists import setup_allowlists
from .anchors import setup_anchors
from .boxes import setup_boxes
from .config import setup_config
from .decorations import setup_decorations
from .directives import setup_directives
from .domain import setup_domain
from .featured import setup_featured
from .feeds import setup_feeds
from .html import setup_html
from .i18n import setup_i18n
from .incremental import setup_incremental
from .jsonld import setup_jsonld
from .listing import setup_listing
from .onepage import setup_onepage
from .pages import setup_pages
from .post import setup_post
from .redirects import setup_redirects
from .sitelinks import setup_sitelinks
from .social import setup_social
from .sources import setup_sources
from .srcset import setup_srcset
from .widgets import setup_widgets

__version__ = "0.1.0"

# bump when the data the extension stores in the environment changes shape
ENV_VERSION = 4


def setup(app: Sphinx) -> dict[str, Any]:
    setup_config(app)
    setup_i18n(app)
    setup_domain(app)
    setup_allowlists(app)
    setup_sources(app)
    setup_post(app)
    setup_boxes(app)
    setup_directives(app)
    setup_featured(app)
    setup_widgets(app)
    setup_anchors(app)
    setup_sitelinks(app)
    setup_decorations(app)
    setup_srcset(app)
    setup_listing(app)
    setup_onepage(app)
    setup_incremental(app)
    setup_html(app)
    setup_pages(app)
    setup_feeds(app)
    setup_social(app)
    setup_jsonld(app)
    setup_redirects(app)
    setup_ablog(app)  # last: it connects to the events the parts above declare
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
