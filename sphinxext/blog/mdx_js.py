"""The little JavaScript an MDX post contains: ESM statements, JSX tags and their props.

Nothing here runs JavaScript. Statements are *delimited* (so they can be removed) and
``import`` clauses are read for the names they bind; JSX tags are parsed into a name,
attributes with their offsets, and whether they close themselves; a prop's value is
read only when it is a literal or a name an import bound.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from typing import Any

CLOSERS = {"(": ")", "[": "]", "{": "}"}
CONTINUES = set("=,([{+-*/%&|^!?:.<>")  # a line ending in one of these goes on
TAG_NAME = re.compile(r"[A-Za-z][\w]*(?:[.:-][\w]+)*")
ATTR_NAME = re.compile(r"[A-Za-z_:$][\w:.$-]*")
UNQUOTED = re.compile(r"[^\s\"'=<>`]+")
IMPORT = re.compile(
    r"import(?=[\s{*'\"])\s*(?:(?P<clause>[\w$*{}\s,]+?)\s*from\s*)?"
    r"(?P<quote>['\"])(?P<source>[^'\"\n]+)(?P=quote)[ \t]*;?"
)
EXPORT = re.compile(r"export\s+(?:const|let|var|function|class|default|async|type|interface)\b|export\s*[{*]")
IDENTIFIER = re.compile(r"[A-Za-z_$][\w$]*")
REQUIRE = re.compile(r"require\(\s*(['\"])(?P<path>[^'\"]+)\1\s*\)(?:\.default)?")
JS_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0"}
MAX_TAG = 5_000  # how far a tag may run before it is not a tag (bounds the work per "<")


@dataclass
class Import:
    source: str
    default: str | None  # the name the default import binds


@dataclass
class Attr:
    name: str | None  # None for ``{...spread}``
    value: str | None  # the raw value ("...", {...}); None for a bare attribute
    start: int
    end: int


@dataclass
class Tag:
    name: str
    start: int
    end: int  # offset after ``>`` or ``/>``
    attrs: list[Attr]
    self_closing: bool = False
    closing: bool = False


class Unreadable(ValueError):
    """A prop whose value is a JavaScript expression the converter does not evaluate."""


# -- scanning ---------------------------------------------------------------------------------


def skip_string(text: str, index: int, limit: int) -> int:
    """The offset after the string or template literal starting at ``index``."""
    quote, position = text[index], index + 1
    while position < limit:
        char = text[position]
        if char == "\\":
            position += 2
        elif char == quote:
            return position + 1
        elif char == "\n" and quote != "`":
            return position  # an apostrophe in JSX text, not a string
        elif quote == "`" and text.startswith("${", position):
            position = match_bracket(text, position + 1, limit) or limit
        else:
            position += 1
    return limit


def match_bracket(text: str, index: int, limit: int) -> int | None:
    """The offset after the bracket matching the one at ``index``, or None."""
    stack: list[str] = []
    position = index
    while position < limit:
        char = text[position]
        if char in "'\"`":
            position = skip_string(text, position, limit)
            continue
        if text.startswith("/*", position):
            end = text.find("*/", position + 2, limit)
            if end < 0:
                return None
            position = end + 2
            continue
        if char in CLOSERS:
            stack.append(CLOSERS[char])
        elif char in ")]}":
            if not stack or stack.pop() != char:
                return None
            if not stack:
                return position + 1
        position += 1
    return None


def statement_end(text: str, index: int, limit: int) -> int:
    """The end of the ESM statement starting at ``index``: a newline with every bracket
    closed after a line that does not go on, a ``;``, or ``limit``."""
    depth, last, position = 0, "", index
    while position < limit:
        char = text[position]
        if char in "'\"`":
            position, last = skip_string(text, position, limit), char
            continue
        if char == "\n" and depth == 0 and last and last not in CONTINUES:
            return position
        if char == ";" and depth == 0:
            return position + 1
        if char in CLOSERS:
            depth += 1
        elif char in ")]}":
            depth = max(depth - 1, 0)
        if not char.isspace():
            last = char
        position += 1
    return limit


def esm_statement(text: str, index: int, limit: int) -> tuple[int, Import | None] | None:
    """An ``import``/``export`` statement at ``index``: its end and, for an import, what it
    imports. None when the text only looks like one (``Import the data ...``)."""
    match = IMPORT.match(text, index)
    if match and match.end() <= limit:
        if not _line_rest_blank(text, match.end(), limit):
            return None
        clause = (match["clause"] or "").strip()
        default = None if clause.startswith(("{", "*", "type ")) else IDENTIFIER.match(clause)
        return match.end(), Import(match["source"], default.group() if default else None)
    if EXPORT.match(text, index):
        end = statement_end(text, index, limit)
        return (end, None) if _line_rest_blank(text, end, limit) else None
    return None


def _line_rest_blank(text: str, index: int, limit: int) -> bool:
    newline = text.find("\n", index, limit)
    rest = text[index : limit if newline < 0 else newline]
    return not rest.strip(" \t;")


def local_path(source: str) -> str | None:
    """A relative import source as a path relative to the document's folder."""
    if not source.startswith(("./", "../")):
        return None
    return posixpath.normpath(source.split("?", 1)[0])


# -- JSX tags ---------------------------------------------------------------------------------


def parse_tag(text: str, index: int, limit: int) -> Tag | None:
    """The JSX (or HTML) tag starting with ``<`` at ``index``, or None if it is not one."""
    limit = min(limit, index + MAX_TAG)
    closing = text.startswith("</", index)
    name = TAG_NAME.match(text, index + 1 + closing)
    if not name or name.end() >= limit or text[name.end()] not in " \t\n/>":
        return None
    tag = Tag(name.group(), index, index, [], closing=closing)
    position = name.end()
    while True:
        while position < limit and text[position] in " \t\r\n":
            position += 1
        if position >= limit:
            return None
        if text.startswith("/>", position):
            tag.end, tag.self_closing = position + 2, True
            return None if closing else tag
        if text[position] == ">":
            tag.end = position + 1
            return tag
        attr = None if closing else _parse_attr(text, position, limit)
        if attr is None:
            return None
        tag.attrs.append(attr)
        position = attr.end


def _parse_attr(text: str, index: int, limit: int) -> Attr | None:
    if text[index] == "{":
        end = match_bracket(text, index, limit)
        return None if end is None else Attr(None, text[index:end], index, end)
    name = ATTR_NAME.match(text, index)
    if not name:
        return None
    position = name.end()
    while position < limit and text[position] in " \t\r\n":
        position += 1
    if position >= limit or text[position] != "=":
        return Attr(name.group(), None, index, name.end())
    position += 1
    while position < limit and text[position] in " \t\r\n":
        position += 1
    end = _value_end(text, position, limit)
    return None if end is None else Attr(name.group(), text[position:end], index, end)


def _value_end(text: str, index: int, limit: int) -> int | None:
    if index >= limit:
        return None
    if text[index] in "'\"":
        close = text.find(text[index], index + 1, limit)
        return None if close < 0 else close + 1
    if text[index] == "{":
        return match_bracket(text, index, limit)
    unquoted = UNQUOTED.match(text, index)
    return unquoted.end() if unquoted else None


def pair_tags(masked: str, text: str, name: str, start: int, end: int) -> dict[int, tuple[int, int]]:
    """For each ``<name ...>`` between ``start`` and ``end``, the span of the ``</name>``
    that closes it (nesting counted), keyed by the opening tag's offset; one pass."""
    pattern = re.compile(r"<(/?)" + re.escape(name) + r"(?=[\s/>])")
    pairs: dict[int, tuple[int, int]] = {}
    open_tags: list[int] = []
    position = start
    while match := pattern.search(masked, position, end):
        if match.group(1):
            close_end = masked.find(">", match.end(), end)
            if close_end < 0:
                break
            if open_tags:
                pairs[open_tags.pop()] = (match.start(), close_end + 1)
            position = close_end + 1
            continue
        tag = parse_tag(text, match.start(), end)
        if tag is not None and not tag.self_closing:
            open_tags.append(match.start())
        position = tag.end if tag else match.end()
    return pairs


# -- props ------------------------------------------------------------------------------------


def prop_value(attr: Attr, names: dict[str, str]) -> Any:
    """A prop as Python: str, int, float, bool or None; names bound by imports read as
    their path. Raises :class:`Unreadable` for any other JavaScript expression."""
    raw = attr.value
    if raw is None:
        return True
    if raw[0] in "'\"":
        return html.unescape(raw[1:-1])
    if raw[0] != "{":
        return raw
    return _expression_value(raw[1:-1].strip(), names)


STRING = re.compile(r"'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"")


NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def _expression_value(expression: str, names: dict[str, str]) -> Any:
    literals: dict[str, Any] = {"true": True, "false": False, "null": None, "undefined": None}
    if expression in literals:
        return literals[expression]
    if STRING.fullmatch(expression):
        return re.sub(r"\\(.)", lambda m: JS_ESCAPES.get(m.group(1), m.group(1)), expression[1:-1])
    if expression.startswith("`") and expression.endswith("`") and "${" not in expression and len(expression) > 1:
        return expression[1:-1]
    if NUMBER.fullmatch(expression):
        number = float(expression)
        return int(number) if number.is_integer() and "." not in expression else number
    if IDENTIFIER.fullmatch(expression) and expression in names:
        return names[expression]
    required = REQUIRE.fullmatch(expression)
    if required:
        return local_path(required["path"]) or required["path"]
    raise Unreadable(expression)
