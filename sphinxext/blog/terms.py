"""Tag and category lists: the terms a site allows, with their label, page name and description.

One mechanism, two sources: :confval:`blog_tags` and :confval:`blog_categories` in
``conf.py``, and for tags a file, :confval:`blog_tags_file` (Docusaurus's ``tags.yml``:
``key: {label, permalink, description}``).  Entries of ``conf.py`` complete or replace
the file's, key by key.  Pure: no Sphinx; problems go to ``warn`` like the authors
registry's (:mod:`.authors`, whose file reader this uses).

A post names a term by its key or its label; both mean the same term, whose key
groups posts and names its page.  What a post names that is on no list follows
:confval:`blog_terms_policy` (see :mod:`.allowlists`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .authors import Warn, conf_location, line_of_key, read_data_file
from .safety import xml_text

#: the config value of each kind's list, in ``conf.py``
SETTINGS = {"tag": "blog_tags", "category": "blog_categories"}


@dataclass(frozen=True)
class Term:
    """A tag or category of a list: its key (what posts write), label, page name, description."""

    key: str
    label: str
    slug: str = ""  # the wanted file name of its page ('' : made from the key)
    description: str = ""


@dataclass(frozen=True)
class TermList:
    """One kind's list: key -> term, and every key and label a post may write -> key."""

    terms: Mapping[str, Term]
    names: Mapping[str, str]

    @classmethod
    def of(cls, terms: Iterable[Term]) -> TermList:
        by_key = {term.key: term for term in terms}
        names = {term.label: term.key for term in by_key.values()}
        names.update((key, key) for key in by_key)  # a key wins over another term's label
        return cls(by_key, names)

    def key_of(self, name: str) -> str | None:
        """The key of the term ``name`` (a key or a label); None when it is on no list."""
        return self.names.get(name)


def load_terms(
    kind: str, setting: object, file_setting: object, confdir: Path, srcdir: Path, warn: Warn
) -> TermList | None:
    """``kind``'s list from its ``conf.py`` setting and its file; None when neither is given
    (then every name is allowed and is its own label)."""
    found: dict[str, Term] = {}
    if file_setting:
        path = confdir / str(file_setting)
        location = f"{path}:1"
        read = read_data_file(path, confdir, srcdir, location, warn, f"the {kind} list", kind)
        if read is not None:
            raw, text = read
            found.update(_entries(kind, raw, location, warn, text.splitlines()))
    if setting:
        found.update(_entries(kind, setting, conf_location(confdir, SETTINGS[kind]), warn))
    return TermList.of(found.values()) if setting or file_setting else None


def _entries(kind: str, raw: object, location: str, warn: Warn, lines: list[str] | None = None) -> dict[str, Term]:
    """key -> term of a mapping (key -> label or {label, slug/permalink, description} or
    nothing) or a list (keys, or mappings with a ``key``)."""
    if isinstance(raw, Mapping):
        items: Iterable[tuple[object, object]] = raw.items()
    elif isinstance(raw, (list, tuple)):
        items = ((_key_of(entry), entry) for entry in raw)
    else:
        warn(kind, f"the {kind} list should be a mapping or a list, not {type(raw).__name__}", location)
        return {}
    found: dict[str, Term] = {}
    for key, entry in items:
        where = f"{location.rsplit(':', 1)[0]}:{line_of_key(lines, str(key))}" if lines and key else location
        term = _term(kind, key, entry, where, warn)
        if term is not None:
            found[term.key] = term
    return found


def _key_of(entry: object) -> object:
    if isinstance(entry, Mapping):
        return entry.get("key")
    return entry if isinstance(entry, (str, int)) and not isinstance(entry, bool) else None


def _term(kind: str, key: object, entry: object, location: str, warn: Warn) -> Term | None:
    name = _text(key)
    if not name:
        warn(kind, f"{kind} list entry without a key: {entry!r}; ignored", location)
        return None
    if entry is None or entry == key:
        return Term(name, name)
    if isinstance(entry, str):
        return Term(name, _text(entry) or name)
    if not isinstance(entry, Mapping):
        warn(kind, f"{kind} {name!r} should be a label or a mapping (label, slug, description), not {entry!r}; "
                   "its key is used as its label", location)
        return Term(name, name)
    return Term(name, _text(entry.get("label")) or name,
                _text(entry.get("slug") or entry.get("permalink")).strip("/"), _text(entry.get("description")))


def _text(value: Any) -> str:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return " ".join(xml_text(str(value)).split())
    return ""
