"""The frontmatter block of a source file: find it, load it within limits, hide it from MyST.

Sphinx keeps frontmatter only as strings (``env.metadata``), so the block is read
here again, with the line of every key.  A post's frontmatter comes from strangers:
it is loaded with a safe loader within the limits of :mod:`.safety` (size, alias
expansion, depth), and every way it can be broken (no closing ``---``, empty, not a
mapping, invalid YAML) is one :class:`Problem` with its line.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass
from typing import Any

import yaml

from .safety import load_bounded


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a post's frontmatter: a warning to emit."""

    subtype: str
    message: str
    line: int


@dataclass
class Frontmatter:
    """The raw frontmatter: its values, the line of each key, and where it ends."""

    data: dict[str, Any]
    lines: dict[str, int]
    end_line: int  # 1-based line of the closing ``---`` (1 when there is none)
    problems: list[Problem]


# libyaml's parser when PyYAML has it: pure-Python YAML is a large share of reading time
_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# Timestamps stay strings: PyYAML raises on impossible dates ("2020-02-30") and
# would lose the whole frontmatter; dates are parsed with a warning instead.
class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    pass


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if not tag.endswith(":timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def split_frontmatter(source: str) -> tuple[str, int] | None:
    """(YAML text, 1-based line of the closing delimiter); end line 0 when the block never
    closes; None when the source has no frontmatter."""
    if not source.startswith("---"):
        return None
    lines = source.splitlines()
    if lines[0].rstrip() != "---":
        return None
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() in ("---", "..."):
            return "\n".join(lines[1 : number - 1]) + "\n", number
    return "", 0


def read_frontmatter(source: str) -> Frontmatter | None:
    """The frontmatter block of a MyST document, with the line of each key; None without one."""
    split = split_frontmatter(source)
    if split is None:
        return None
    text, end_line = split
    if end_line == 0:
        return _broken("the opening '---' has no closing '---'", 1, 1)
    try:
        data, node = load_bounded(text, _Loader)
    except (yaml.YAMLError, ValueError, RecursionError) as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        return _broken(f"invalid YAML: {err}" if isinstance(err, yaml.YAMLError) else str(err), line, end_line)
    if node is None:
        return _broken("empty frontmatter", 1, end_line)
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        return _broken(f"frontmatter is {_article(data)}, not a mapping of keys to values", 2, end_line)
    lines = {str(key.value): key.start_mark.line + 2 for key, _value in node.value if isinstance(key, yaml.ScalarNode)}
    return Frontmatter(data, lines, end_line, [])


def _broken(message: str, line: int, end_line: int) -> Frontmatter:
    return Frontmatter({}, {}, end_line, [Problem("frontmatter", message, line)])


def _article(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a text"
    return f"a {type(value).__name__}"


def blank_block(source: str, fm: Frontmatter) -> str:
    """``source`` with its whole frontmatter block as blank lines (line numbers stay): for a
    block MyST must not read either (refused, or all of it the blog's)."""
    lines = source.split("\n")
    last = max(fm.end_line, 1)
    lines[:last] = [""] * min(last, len(lines))
    return "\n".join(lines)


def without_keys(source: str, fm: Frontmatter, keys: Set[str]) -> str:
    """``source`` with the lines of those frontmatter ``keys`` blanked (line numbers stay).

    MyST then neither parses nor renders them; when no key is left, the whole
    frontmatter block, delimiters included, becomes blank lines.
    """
    starts = sorted(fm.lines.items(), key=lambda item: item[1])
    hidden = [key for key, _line in starts if key in keys]
    if not hidden:
        return source
    if len(hidden) == len(starts) == len(fm.data):
        return blank_block(source, fm)
    lines = source.split("\n")
    ends = [line - 1 for _key, line in starts[1:]] + [fm.end_line - 1]
    for (key, start), end in zip(starts, ends, strict=True):
        if key in keys:
            lines[start - 1 : end] = [""] * (end - start + 1)
    return "\n".join(lines)


def as_metadata(value: object) -> str:
    """A frontmatter value as the text ``env.metadata`` holds."""
    if isinstance(value, (list, tuple)):
        return ", ".join(as_metadata(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{key}: {as_metadata(item)}" for key, item in value.items())
    return "" if value is None else str(value)
