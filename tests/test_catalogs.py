"""The shipped message catalogs, and what the gettext builder writes.

- the ``.pot`` holds exactly the messages in the sources (Python and templates), as
  ``pybabel extract -F babel.cfg`` finds them (see CONTRIBUTING.md);
- every shipped ``.po`` translates every message (every plural form), consistently
  (placeholders), and its committed ``.mo`` says the same;
- ``-b gettext`` over the documentation lists every label: the template labels in
  ``sphinx.pot`` (Sphinx extracts the templates of ``templates_path``), all of them in
  ``sphinxext.blog.pot``; the labels made while pages are written never reach the
  documents' own catalogs.
"""

from __future__ import annotations

import configparser
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from sphinxext.blog.i18n import LOCALE_DIR, POT_FILE

from conftest import build, copy_root

ROOT = Path(__file__).parents[1]
SHIPPED = sorted(path.parent.name for path in LOCALE_DIR.glob("*/LC_MESSAGES"))


def read(path: Path) -> Catalog:
    with path.open("rb") as file:
        return read_po(file)


def _key(message) -> str:
    return message.id[0] if message.pluralizable else message.id


def extracted() -> Catalog:
    """The messages of the sources, found as ``pybabel extract -F babel.cfg -c TRANSLATORS:`` does."""
    config = configparser.ConfigParser()
    config.read(ROOT / "babel.cfg", encoding="utf-8")
    method_map = [(section.split(":", 1)[1].strip(), section.split(":", 1)[0].strip())
                  for section in config.sections()]
    catalog = Catalog()
    found = extract_from_dir(str(ROOT), method_map, keywords=DEFAULT_KEYWORDS, comment_tags=("TRANSLATORS:",))
    for filename, lineno, message, comments, context in found:
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def shape(catalog: Catalog) -> dict[str, tuple]:
    """What a template must agree on: ids, plurals, the files they are in, translators' comments."""
    return {
        _key(message): (message.id, sorted({filename for filename, _line in message.locations}),
                        " ".join(" ".join(message.auto_comments).split()))  # however the lines wrap
        for message in catalog if message.id
    }


def test_shipped_languages():
    assert {"de", "es", "fr", "ja", "pt_BR", "zh_CN"} <= set(SHIPPED)
    assert all((LOCALE_DIR / language / "LC_MESSAGES" / "sphinxext.blog.mo").is_file() for language in SHIPPED)


def test_pot_is_up_to_date_with_the_sources():
    assert shape(read(POT_FILE)) == shape(extracted()), (
        "the labels changed: run pybabel extract and update (CONTRIBUTING.md, 'Adding a language')"
    )


@pytest.mark.parametrize("language", SHIPPED)
def test_catalog_translates_every_message(language):
    po = read(LOCALE_DIR / language / "LC_MESSAGES" / "sphinxext.blog.po")
    template = read(POT_FILE)
    assert {_key(m) for m in po if m.id} == {_key(m) for m in template if m.id}
    assert not po.obsolete
    plurals = Catalog(locale=language).num_plurals
    assert po.num_plurals == plurals
    for message in po:
        if not message.id:
            continue
        strings = message.string if message.pluralizable else (message.string,)
        assert not message.fuzzy, message.id
        assert len(strings) == (plurals if message.pluralizable else 1), message.id
        assert all(strings), message.id
    assert [(message.id, errors) for message, errors in po.check()] == []  # placeholders as in the msgid


@pytest.mark.parametrize("language", SHIPPED)
def test_compiled_catalog_matches_its_po(language):
    folder = LOCALE_DIR / language / "LC_MESSAGES"
    po = read(folder / "sphinxext.blog.po")
    with (folder / "sphinxext.blog.mo").open("rb") as file:
        mo = read_mo(file)
    assert {_key(m): tuple(m.string) if m.pluralizable else m.string for m in mo if m.id} == {
        _key(m): tuple(m.string) if m.pluralizable else m.string for m in po if m.id}, (
        "the .mo is older than its .po: run pybabel compile (CONTRIBUTING.md)"
    )


def test_the_check_of_placeholders_can_fail():
    catalog = Catalog(locale="de")
    catalog.add("Posts by %(author)s", "Beiträge von %(autor)s", flags=["python-format"])
    assert list(catalog.check())


# -- the gettext builder ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def docs_catalogs(tmp_path_factory) -> Path:
    srcdir = tmp_path_factory.mktemp("gettext") / "docs"
    shutil.copytree(ROOT / "docs", srcdir, ignore=shutil.ignore_patterns("_build"))
    return Path(build(srcdir, "gettext").outdir)


def test_gettext_output_holds_the_blogs_catalog_template(docs_catalogs):
    assert (docs_catalogs / "sphinxext.blog.pot").read_bytes() == POT_FILE.read_bytes()


def test_sphinx_pot_lists_every_template_label(docs_catalogs):
    in_templates = {message.id for message in read(POT_FILE)
                    if any("/templates/" in filename for filename, _line in message.locations)}
    assert "Recent posts" in in_templates
    assert in_templates <= {message.id for message in read(docs_catalogs / "sphinx.pot")}


NUMBERS = {"%(count)s", "%(minutes)s", "%(number)s", "%(year)s"}


def label_patterns() -> list[re.Pattern[str]]:
    """Each label as a pattern of what it shows: numbers where it shows a number, anything for a name."""
    patterns = []
    for message in read(POT_FILE):
        for msgid in (message.id if message.pluralizable else (message.id,)):
            if msgid and len(re.sub(r"%\(\w+\)s|\W", "", msgid)) >= 3:
                parts = re.split(r"(%\(\w+\)s)", msgid)
                patterns.append(re.compile("".join(
                    r"[\d.,\s]+" if part in NUMBERS else ".+" if part.startswith("%(") else re.escape(part)
                    for part in parts)))
    return patterns


def test_labels_made_while_writing_stay_out_of_the_documents_catalogs(docs_catalogs):
    """No message of a document's catalog looks like a label, unless the document wrote it
    (the docs have an "Authors" heading of their own)."""
    patterns = label_patterns()
    assert any(pattern.fullmatch("12 min read") for pattern in patterns)
    assert not any(pattern.fullmatch("Social and search metadata of posts") for pattern in patterns)
    sources = "\n".join(path.read_text(encoding="utf-8") for path in (ROOT / "docs").glob("**/*.md"))
    polluted = []
    for pot in docs_catalogs.glob("**/*.pot"):
        if pot.name in ("sphinx.pot", "sphinxext.blog.pot"):
            continue
        polluted += [(pot.name, m.id) for m in read(pot)
                     if m.id and m.id not in sources and any(p.fullmatch(m.id) for p in patterns)]
    assert polluted == []


def test_a_posts_catalog_holds_only_its_own_text(tmp_path):
    """Byline, dates, author names, reading time, previous/next, related posts: none of
    what the extension adds to a post reaches the catalog of the posts' text."""
    srcdir = copy_root("i18n", tmp_path)
    out = Path(build(srcdir, "gettext").outdir)
    sources = "\n".join(path.read_text(encoding="utf-8") for path in sorted((srcdir / "blog").glob("*.md")))
    messages = [message.id for message in read(out / "blog.pot") if message.id]
    assert "Lorem ipsum dolor sit amet, consectetur adipiscing elit." in messages
    assert [message for message in messages if message not in sources] == []
