"""The blog's labels in the site's language: its message catalog, plurals, numbers, locales.

Every label the extension writes ("Recent posts", "5 min read", "Posts tagged “X”")
is a message of the ``sphinxext.blog`` catalog, shipped in ``locale/`` and loaded
with :meth:`~sphinx.application.Sphinx.add_message_catalog`.  A site can add a
language or reword a label with its own ``sphinxext.blog.po`` in its
``locale_dirs``: it is compiled and read before the shipped one.

Labels made in Python use :data:`_` and :func:`ngettext`; they are made while
pages are written, after Sphinx translated the documents, so the site's own
catalogs never see them.  Labels in templates use Jinja's ``_()``: the builder's
templates get the site's (and Sphinx's) catalog first, as for any theme label,
then this one (:class:`TemplateTranslations`).  The gettext builder writes the
catalog's template, ``sphinxext.blog.pot``, next to the site's own (see
``docs/i18n.md``).
"""

from __future__ import annotations

import re
import shutil
from functools import cache, lru_cache
from gettext import NullTranslations
from pathlib import Path
from typing import TYPE_CHECKING

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.numbers import format_decimal
from sphinx.locale import get_translation, get_translator
from sphinx.util.i18n import CatalogRepository

if TYPE_CHECKING:
    from sphinx.application import Sphinx

CATALOG = "sphinxext.blog"
LOCALE_DIR = Path(__file__).parent / "locale"
POT_FILE = LOCALE_DIR / f"{CATALOG}.pot"

#: translate a label (lazily: a label made before the catalog is loaded is translated when shown)
_ = get_translation(CATALOG)
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


def N_(message: str) -> str:  # noqa: N802 (gettext's name for "mark for extraction")
    """Mark a label for the catalog; it is translated where it is shown."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    """The label for ``count`` things, in the language's plural form."""
    return get_translator(CATALOG).ngettext(singular, plural, count)


# -- languages as Babel, HTML and Open Graph name them --------------------------------------


@cache
def babel_locale(language: str | None) -> Locale:
    """The Babel locale of a Sphinx ``language`` or a BCP 47 tag; English when unknown."""
    try:
        return Locale.parse((language or "en").replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        return Locale("en")


def is_language_tag(text: str) -> bool:
    """``de``, ``pt-BR``, ``zh_Hans_CN``: the shape of a language tag (not whether it exists)."""
    return bool(_LANGUAGE_TAG.match(text))


def html_lang(language: str | None) -> str:
    """A language as HTML's ``lang``, feeds and JSON Feed write it: ``pt_BR`` -> ``pt-BR``."""
    return (language or "en").replace("_", "-")


def same_language(first: str | None, second: str | None) -> bool:
    return html_lang(first).lower() == html_lang(second).lower()


@cache  # asked for every post and page; Babel's lookup is not free
def text_direction(language: str | None) -> str:
    """``rtl`` for Arabic, Hebrew, Persian, ...; else ``ltr``."""
    return str(babel_locale(language).text_direction)


@cache
def og_locale(language: str | None) -> str:
    """Open Graph's ``language_TERRITORY``: ``de`` -> ``de_DE``, ``pt-BR`` -> ``pt_BR``."""
    locale = babel_locale(language)
    territory = locale.territory
    if territory is None:
        likely = get_global("likely_subtags").get(locale.language, "")
        territory = likely.rsplit("_", 1)[-1] if likely.count("_") >= 1 else None
    return f"{locale.language}_{territory}" if territory else locale.language


@lru_cache(maxsize=4096)  # reading times and counts: a few small numbers, asked again and again
def number(value: int, language: str | None) -> str:
    """A number as the language writes it (``1,234``, ``1.234``, ``1 234``)."""
    return format_decimal(value, locale=babel_locale(language))


# -- labels with a number ---------------------------------------------------------------------


def reading_time_label(minutes: int, language: str | None) -> str:
    # TRANSLATORS: the estimated reading time of a post, in its byline; %(minutes)s is a number
    return ngettext("%(minutes)s min read", "%(minutes)s min read", minutes) % {
        "minutes": number(minutes, language)
    }


def post_count_label(count: int, language: str | None) -> str:
    # TRANSLATORS: under the title of a tag's (category's, author's, year's) page
    return ngettext("%(count)s post", "%(count)s posts", count) % {"count": number(count, language)}


# -- loading the catalogs ------------------------------------------------------------------------


class TemplateTranslations(NullTranslations):
    """What ``_()`` finds in templates: the site's and Sphinx's catalogs first, so a
    site's ``sphinx.po`` still rewords any template label, then the blog's catalog."""

    def __init__(self, site: NullTranslations, blog: NullTranslations) -> None:
        super().__init__()
        self.site = site
        self.blog = blog

    def gettext(self, message: str) -> str:
        text = self.site.gettext(message)
        return text if text != message else self.blog.gettext(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        text = self.site.ngettext(msgid1, msgid2, n)
        return text if text not in (msgid1, msgid2) else self.blog.ngettext(msgid1, msgid2, n)

    def pgettext(self, context: str, message: str) -> str:
        return self.site.pgettext(context, message)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return self.site.npgettext(context, msgid1, msgid2, n)


def load_catalogs(app: Sphinx) -> None:
    """The site's own ``sphinxext.blog`` catalogs first, then the shipped one.

    Sphinx compiles a site's ``.po`` files only after extensions are set up; like
    it does for the site's ``sphinx.po``, an outdated ``sphinxext.blog.po`` is
    compiled first, so its labels are used from the first build on.
    """
    config = app.config
    repo = CatalogRepository(app.srcdir, config.locale_dirs, config.language, config.source_encoding)
    for catalog in repo.catalogs:
        if catalog.domain == CATALOG and catalog.is_outdated():
            catalog.write_mo(config.language, config.gettext_allow_fuzzy_translations)
    for locale_dir in repo.locale_dirs:
        app.add_message_catalog(CATALOG, str(locale_dir))
    app.add_message_catalog(CATALOG, str(LOCALE_DIR))


def install_template_translations(app: Sphinx) -> None:
    """builder-inited: the builder's Jinja environment finds the blog's labels too."""
    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if environment is None or not hasattr(environment, "install_gettext_translations"):
        return  # a custom template bridge, or templates without i18n
    translations = TemplateTranslations(get_translator("sphinx"), get_translator(CATALOG))
    environment.install_gettext_translations(translations, newstyle=False)


def write_catalog_template(app: Sphinx, exception: BaseException | None) -> None:
    """build-finished of the gettext builder: ``sphinxext.blog.pot`` beside the site's
    catalogs, so ``sphinx-intl update`` makes a ``sphinxext.blog.po`` to translate."""
    if exception is not None or app.builder.name != "gettext":
        return
    target = Path(app.outdir, POT_FILE.name)
    if not target.is_file() or target.read_bytes() != POT_FILE.read_bytes():
        shutil.copyfile(POT_FILE, target)


def setup_i18n(app: Sphinx) -> None:
    load_catalogs(app)
    app.connect("builder-inited", install_template_translations)
    app.connect("build-finished", write_catalog_template)
