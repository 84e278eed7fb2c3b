"""Components and HTML tags inside a paragraph (``... onboarding <TeamMember name="Ann" /> ...``).

A *run* is a paragraph-like group of lines. Each tag in it is replaced in place: a
component by its mapping's one-line output (or its children, or nothing), an HTML tag by
its fixed text. A tag that looks like a component but is not valid JSX (``<PUT IN GRAPH
HERE>``, a placeholder an author left) is escaped, so it shows as text, with a problem.
"""

from __future__ import annotations

from .mdx_components import Rendered, render_spec
from .mdx_context import Context
from .mdx_html import fix_tag, image_props, local_image, markdown_image, starts_html_block
from .mdx_js import TAG_NAME, Tag, parse_tag
from .mdx_layout import Item
from .mdx_source import GONE

Replacement = tuple[int, int, str]


def rewrite_run(ctx: Context, start: int, end: int) -> list[Item]:
    """The run's lines with its tags replaced; the first line keeps its place, the others
    follow it directly (a paragraph is never split)."""
    source = ctx.source
    html_block = starts_html_block(source.text[start : source.line_end(source.line_of(start))])
    lines = _lines(ctx, start, end, _replacements(ctx, start, end, html_block))
    kept = [(text, line) for text, line in lines if text.strip() or source.kinds[line] != GONE]
    return [Item(text, line, glue=index > 0) for index, (text, line) in enumerate(kept)]


def _replacements(ctx: Context, start: int, end: int, html_block: bool) -> list[Replacement]:
    replacements: list[Replacement] = []
    if ctx.too_deep(start):
        return replacements
    masked, position = ctx.source.masked, start
    while (opening := masked.find("<", position, end)) >= 0:
        following = masked[opening + 1 : opening + 3]
        if not (following[:1].isalpha() or (following[:1] == "/" and following[1:].isalpha())):
            position = opening + 1
            continue
        replacement, position = _tag_at(ctx, opening, (start, end), html_block)
        if replacement is not None:
            replacements.append(replacement)
    return replacements


def _tag_at(ctx: Context, opening: int, scope: tuple[int, int], html_block: bool) -> tuple[Replacement | None, int]:
    source, end = ctx.source, scope[1]
    tag = parse_tag(source.text, opening, end)
    if tag is None:
        name = TAG_NAME.match(source.text, opening + 1)
        if name and name.group()[0].isupper():
            ctx.problem(opening, f"<{name.group()} ...> is not a valid JSX tag; shown as text")
            return (opening, opening + 1, "\\<"), opening + 1
        return None, opening + 1
    if not ctx.is_component(tag.name) or (html_block and tag.name.islower()):
        return _html_tag(ctx, tag, html_block), tag.end
    if tag.closing:
        ctx.problem(opening, f"</{tag.name}> closes no open <{tag.name}>; left out")
        return (tag.start, tag.end, ""), tag.end
    if tag.self_closing:
        return (tag.start, tag.end, render_inline(ctx, tag, None)), tag.end
    close = ctx.closing_tag(tag, *scope)
    if close is None:
        ctx.problem(opening, f"<{tag.name}> is never closed; shown as text")
        return (opening, opening + 1, "\\<"), tag.end
    if ctx.too_deep(opening):
        return None, tag.end
    with ctx.nested():
        children = apply(source.text, tag.end, close[0], _replacements(ctx, tag.end, close[0], html_block))
    return (tag.start, close[1], render_inline(ctx, tag, children)), close[1]


def _html_tag(ctx: Context, tag: Tag, html_block: bool) -> Replacement | None:
    if tag.closing:
        return None
    path = local_image(ctx, tag) if tag.name == "img" and not html_block else None
    fixed = markdown_image(path, image_props(ctx, tag).get("alt", "")) if path else fix_tag(ctx, tag)
    return None if fixed == ctx.source.text[tag.start : tag.end] else (tag.start, tag.end, fixed)


def render_inline(ctx: Context, tag: Tag, children: str | None) -> str:
    """A component inside a sentence: its mapping's output when that fits on the line."""
    props = ctx.props(tag)
    kept = children or ""
    if tag.name in ctx.includes:
        ctx.problem(tag.start, f"<{tag.name} /> inserts {ctx.includes[tag.name]}, which needs a line of its own")
        return kept
    spec = ctx.components.get(tag.name)
    if spec is None:
        ctx.unknown_component(tag, props, bool(kept.strip()))
        return kept
    try:
        rendered = render_spec(spec, props, kept)
    except Exception as error:  # a user's callable must not stop the build
        ctx.problem(tag.start, f"the mapping of <{tag.name}> failed: {error}")
        return kept
    block = bool(rendered.head or rendered.tail) if rendered.with_children else len(rendered.head) > 1
    if block:
        ctx.problem(tag.start, f"<{tag.name}> is inside a sentence, but its mapping makes a block; children kept")
        return kept
    return flatten(rendered, kept)


def flatten(rendered: Rendered, children: str) -> str:
    if not rendered.with_children:
        return "\n".join(rendered.head)
    return "\n".join([*rendered.head, rendered.head_rest + children + rendered.tail_rest, *rendered.tail])


def apply(text: str, start: int, end: int, replacements: list[Replacement]) -> str:
    parts, position = [], start
    for begin, finish, new in replacements:
        parts += [text[position:begin], new]
        position = finish
    return "".join([*parts, text[position:end]])


def _lines(ctx: Context, start: int, end: int, replacements: list[Replacement]) -> list[tuple[str, int]]:
    """The rewritten text as lines, each with the input line it starts on."""
    source = ctx.source
    lines: list[tuple[str, int]] = []
    current, line = "", source.line_of(start)

    def add(text: str, first: int, last: int) -> None:
        nonlocal current, line
        parts = text.split("\n")
        current += parts[0]
        for number, part in enumerate(parts[1:], start=1):
            lines.append((current, line))
            current, line = part, min(first + number, last)

    position = start
    for begin, finish, new in replacements:
        add(source.text[position:begin], source.line_of(position), source.line_of(begin))
        add(new, source.line_of(begin), source.line_of(finish))
        position = finish
    add(source.text[position:end], source.line_of(position), source.line_of(max(end - 1, position)))
    lines.append((current, line))
    return lines
