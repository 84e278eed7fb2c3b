"""The output items of a block: generated lines, children, and how they are put together.

A block's output is a group of *generated* lines (a directive's opening fence and
options) on the opening tag's line, its children on their own lines, and another group
(the closing fence) on the closing tag's line. :mod:`.mdx_layout` places them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .mdx_components import (
    DIRECTIVE_OPEN,
    FENCE_CLOSE,
    Rendered,
    image_directive,
    longest_fence,
    normalize_fences,
)
from .mdx_context import Context
from .mdx_html import image_props, local_image, markdown_image
from .mdx_js import Tag
from .mdx_layout import Item

OPTION = re.compile(r"^[ \t]*:[\w-]+:")
TARGET = re.compile(r"^[ \t]*\([^)]+\)=[ \t]*$")


@dataclass
class Element:
    """A flow JSX element: its opening tag, the span of its closing tag, its indentation."""

    tag: Tag
    close: tuple[int, int] | None
    indent: str


def render_include(ctx: Context, element: Element, children: bool, open_line: int, close_line: int) -> list[Item]:
    """An imported ``.md``/``.mdx`` file: MyST's include directive, links and images of
    the included file read relative to its own folder."""
    path = ctx.includes[element.tag.name]
    if path not in ctx.used_includes:
        ctx.used_includes.append(path)
    if children:
        ctx.problem(element.tag.start, f"<{element.tag.name}> inserts {path}; its children are ignored")
    options = [":relative-images:", ":relative-docs: ."] if "/" in path else []
    head = ["```{include} " + path, *options, "```"]
    return wrap(Rendered(head=head), [], open_line, close_line, element.indent)


def render_image(ctx: Context, element: Element) -> list[Item]:
    """``<img>`` with a local or imported ``src``: a Sphinx image, so the file is copied; a
    one-line Markdown image unless it has a size (its classes are the old site's styling)."""
    tag = element.tag
    props, path = image_props(ctx, tag), local_image(ctx, tag) or ""
    alt, width, height = props.get("alt", ""), props.get("width", ""), props.get("height", "")
    text = image_directive(path, alt, props.get("class", ""), width, height) if width or height else ""
    line = ctx.source.line_of(tag.start)
    lines = text.split("\n") if text else [markdown_image(path, alt)]
    return wrap(Rendered(head=lines), [], line, line, element.indent)


def content_lines(text: str, line: int) -> list[Item]:
    return [Item(part, line + index, glue=index > 0) for index, part in enumerate(text.split("\n"))]


def prepare(children: list[Item]) -> list[Item]:
    """Children without blank lines around them, their common indentation removed (MDX
    ignores it; MyST would read indented lines as code)."""
    while children and children[0].elastic:
        children = children[1:]
    while children and children[-1].elastic:
        children = children[:-1]
    widths = [len(item.text) - len(item.text.lstrip(" \t")) for item in children if item.text.strip()]
    cut = min(widths, default=0)
    return [replace(item, text=item.text[cut:]) if item.text.strip() else item for item in children]


def indented(items: list[Item], indent: str) -> list[Item]:
    return [replace(item, text=indent + item.text) if indent and item.text.strip() else item for item in items]


def generated(lines: list[str], line: int) -> list[Item]:
    """Lines the converter writes, as one group wanting ``line``."""
    items = []
    for index, text in enumerate(lines):
        fence = bool(DIRECTIVE_OPEN.match(text) or FENCE_CLOSE.match(text))
        target, blank = bool(TARGET.match(text)), not text.strip()
        option = index > 0 and bool(OPTION.match(text))
        items.append(
            Item(
                text,
                line,
                glue=index > 0,
                pull=index == 0,
                generated=True,
                hard_start=fence or target or blank,
                hard_end=fence or target or blank or option,
            )
        )
    return items


def wrap(rendered: Rendered, children: list[Item], open_line: int, close_line: int, indent: str) -> list[Item]:
    """A block's items: its output before the children on the opening tag's line, the
    children on theirs, its output after them on the closing tag's line."""
    normalize_fences(rendered, longest_fence([item.text for item in children]))
    items = generated(rendered.head, open_line)
    children = list(children)
    if children:
        if rendered.head_rest:
            children[0] = replace(children[0], text=rendered.head_rest + children[0].text)
        if rendered.tail_rest:
            children[-1] = replace(children[-1], text=children[-1].text + rendered.tail_rest)
    elif rendered.head_rest or rendered.tail_rest:
        items += generated([rendered.head_rest + rendered.tail_rest], open_line)
    return indented(items + children + generated(rendered.tail, close_line), indent)
