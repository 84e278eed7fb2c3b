"""The block structure of an MDX post, rendered as MyST lines that know their input line.

A region (the whole body, or the children of a component or admonition) is read line by
line: code lines pass verbatim; ``import``/``export`` statements at the top level are
removed and remembered; Docusaurus ``:::kind`` admonitions and JSX elements that stand
on their own lines (*flow* elements) become blocks whose children are rendered as a
region of their own; everything else is a paragraph-like run for :mod:`.mdx_inline`.

A block keeps its lines in place: the output before its children sits on the opening
tag's lines, the children on their own lines, the output after them on the closing tag's
line (see :mod:`.mdx_layout` for what happens when a block needs more lines).
"""

from __future__ import annotations

import re
from dataclasses import replace

from .mdx_components import Rendered, admonition_head, admonition_kind, render_spec
from .mdx_context import Context
from .mdx_html import fix_tag, local_image
from .mdx_inline import rewrite_run
from .mdx_js import TAG_NAME, esm_statement, parse_tag
from .mdx_layout import Item, blank_at
from .mdx_output import (
    Element,
    content_lines,
    generated,
    indented,
    prepare,
    render_image,
    render_include,
    wrap,
)
from .mdx_source import CODE, FENCE, GONE, REMOVED, TEXT, Source

ADMONITION = re.compile(
    r"^(?P<indent>[ \t]*)(?P<colons>:{3,})[ \t]*"
    r"(?P<kind>note|tip|info|caution|warning|danger|important|success|secondary)(?![\w-])(?P<rest>.*)$"
)
COLON_OPEN = re.compile(r"^[ \t]*(:{3,})[ \t]*[\w{]")
COLON_CLOSE = re.compile(r"^[ \t]*(:{3,})[ \t]*$")
RAW_TEXT = {"pre", "script", "style", "textarea"}
TITLE_ATTRIBUTE = re.compile(r"""^\{\s*title\s*=\s*(["'])(?P<title>.*)\1\s*\}$""")


def render_document(ctx: Context) -> list[Item]:
    source = ctx.source
    items = [Item(line, index, glue=index > 0) for index, line in enumerate(source.lines[: source.body])]
    start = source.body
    if 0 < start < len(source.lines) and not source.lines[start].strip():
        items.append(Item("", start))  # the blank after the frontmatter stays: the title may go there
        start += 1
    if start < len(source.lines):
        items += Region(ctx, source.starts[start], len(source.text), 0).render()
    if len(source.lines) > 1 and source.lines[-1] == "":  # the final newline stays
        items.append(blank_at(len(source.lines) - 1))
    return items


def _next_line(source: Source, line: int, end: int) -> int:
    return min(source.starts[line + 1], end) if line + 1 < len(source.lines) else end


HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")


class Region:
    """Renders the lines between two offsets."""

    def __init__(self, ctx: Context, start: int, end: int, depth: int) -> None:
        self.ctx, self.source, self.start, self.end, self.depth = ctx, ctx.source, start, end, depth
        self.items: list[Item] = []
        self.run: list[int] | None = None  # [start, end] of the open paragraph-like run
        self.last_code = -2
        self.continues = False  # the next run goes on with the paragraph before it

    def render(self) -> list[Item]:
        position = self.start
        with self.ctx.nested():
            while position < self.end:
                position = self._step(position)
            self._flush()
        return self.items

    def _step(self, position: int) -> int:
        source = self.source
        line = source.line_of(position)
        stop, following = min(source.line_end(line), self.end), _next_line(source, line, self.end)
        kind, masked = source.kinds[line], source.masked[position:stop]
        if kind == GONE:
            return following
        if kind == TEXT and masked.strip() and self.run and not _interrupts(masked):
            block = self._known_element(position, line, masked)
            if block is None:
                self.run[1] = stop
                return following
            self._flush()
            self._add_in_paragraph(block[0])
            return block[1]
        self._flush()
        if kind == CODE:
            fence = bool(FENCE.match(source.lines[line]))  # a blank line next to a fence may go
            glue = self.last_code == line - 1
            self._add([Item(source.text[position:stop], line, glue=glue, hard_start=fence, hard_end=fence)])
            self.last_code = line
        elif kind != REMOVED and not masked.strip():
            self._add([blank_at(line)])
        elif kind == TEXT:
            block = self._block(position, line, masked)
            if block is not None:
                self._add(block[0])
                return block[1]
            if line in source.labels or HEADING.match(masked):
                self._add(self._heading(position, line, stop))
            else:
                self.run = [position, stop]
        return following

    def _add(self, items: list[Item]) -> None:
        self.items += items
        self.continues = False

    def _add_in_paragraph(self, items: list[Item]) -> None:
        """A component standing on its own lines inside a paragraph: a block (a fence
        ends the paragraph), or lines that go on with the paragraph."""
        if items and not items[0].hard_start:
            self.items += [replace(items[0], glue=True), *items[1:]]
            self.continues = True
        else:
            self._add(items)

    def _known_element(self, position: int, line: int, masked: str) -> tuple[list[Item], int] | None:
        opening = position + len(masked) - len(masked.lstrip())
        name = TAG_NAME.match(self.source.masked, opening + 1) if masked.lstrip().startswith("<") else None
        if name is None or not self.ctx.is_component(name.group()):
            return None
        if name.group() not in self.ctx.components and name.group() not in self.ctx.includes:
            return None  # unknown: its children stay in the sentence
        return self._element(opening, line)

    def _heading(self, position: int, line: int, stop: int) -> list[Item]:
        """A heading, after its ``(id)=`` label if it has one; a heading needs no blank
        line around it, so the lines next to it may absorb a shift."""
        label = self.source.labels.get(line)
        heading = [replace(item, hard_start=True, hard_end=True) for item in rewrite_run(self.ctx, position, stop)]
        return (generated([f"({label})="], line) if label else []) + heading

    def _flush(self) -> None:
        if self.run is not None:
            items = rewrite_run(self.ctx, self.run[0], self.run[1])
            if self.continues and items:  # the paragraph goes on after a component line
                items[0] = replace(items[0], glue=True)
            self._add(items)
            self.run = None

    def _block(self, position: int, line: int, masked: str) -> tuple[list[Item], int] | None:
        if self.ctx.too_deep(position):
            return None
        at_line_start = position == self.source.starts[line]
        if self.depth == 0 and at_line_start and masked.startswith(("import", "export")):
            esm = self._esm(position)
            if esm is not None:
                return esm
        if at_line_start and ADMONITION.match(masked):
            return self._admonition(line)
        opening = position + len(masked) - len(masked.lstrip())
        if masked.lstrip().startswith("<"):
            return self._element(opening, line)
        return None

    def _esm(self, position: int) -> tuple[list[Item], int] | None:
        """Consecutive ``import``/``export`` statements: removed, imports remembered."""
        source, found = self.source, False
        while position < self.end and source.masked.startswith(("import", "export"), position):
            statement = esm_statement(source.text, position, self.end)
            if statement is None:
                break
            end, imported = statement
            if imported is not None:
                self.ctx.bind(imported)
            found, position = True, _next_line(source, source.line_of(end), self.end)
        return ([], position) if found else None

    def _admonition(self, line: int) -> tuple[list[Item], int]:
        """``:::kind Title`` ... ``:::``: a Sphinx admonition with that title."""
        source = self.source
        match = ADMONITION.match(source.mask[line])
        assert match is not None
        closer = self._colon_closer(line, len(match["colons"]))
        inner_end = source.starts[closer] if closer is not None else self.end
        kind, implied = admonition_kind(match["kind"])
        head = admonition_head(kind, _title(source.lines[line][match.start("rest") :]) or implied)
        if closer is None:
            self.ctx.problem(source.starts[line], f"{match['colons']}{match['kind']} is never closed")
        children = Region(self.ctx, _next_line(source, line, self.end), inner_end, self.depth + 1).render()
        rendered = Rendered(head=head, tail=["```"] if closer is not None else [], with_children=True)
        items = wrap(rendered, prepare(children), line, line if closer is None else closer, match["indent"])
        return items, self.end if closer is None else _next_line(source, closer, self.end)

    def _colon_closer(self, line: int, colons: int) -> int | None:
        """The line of the ``:::`` closing the admonition opened on ``line``."""
        source, nested = self.source, []
        last = source.line_of(max(self.end - 1, 0))
        for index in range(line + 1, last + 1):
            if source.kinds[index] != TEXT:
                continue
            opener, closer = COLON_OPEN.match(source.mask[index]), COLON_CLOSE.match(source.mask[index])
            if opener:
                nested.append(len(opener.group(1)))
            elif closer and nested and len(closer.group(1)) >= nested[-1]:
                nested.pop()
            elif closer and not nested and len(closer.group(1)) >= colons:
                return index
        return None

    def _element(self, opening: int, line: int) -> tuple[list[Item], int] | None:
        """A JSX element standing on its own lines."""
        source = self.source
        if not source.masked[opening + 1 : opening + 2].isalpha() or self.ctx.too_deep(opening):
            return None
        tag = parse_tag(source.text, opening, self.end)
        if tag is None or tag.closing:
            return None
        close = None if tag.self_closing else self.ctx.closing_tag(tag, self.start, self.end)
        if close is None and not tag.self_closing:
            return None
        after = close[1] if close else tag.end
        last = source.line_of(after - 1)
        if source.text[after : source.line_end(last)].strip():
            return None  # text follows: the element is inside a sentence
        prefix = source.text[source.starts[line] : opening]
        element = Element(tag, close, prefix if not prefix.strip() else "")
        following = _next_line(source, last, self.end)
        if self.ctx.is_component(tag.name):
            return render_component(self.ctx, element, self.depth), following
        if tag.name == "img" and local_image(self.ctx, tag):
            return render_image(self.ctx, element), following
        start = source.starts[line] if element.indent else opening
        if tag.name.lower() in RAW_TEXT:  # whitespace matters inside: left as written
            return content_lines(source.text[start:after], line), following
        if last == line:  # one line of HTML: fixed in place, a block of its own
            return rewrite_run(self.ctx, start, after), following
        return render_html(self.ctx, element, self.depth), following


def _interrupts(masked: str) -> bool:
    """Lines that end a paragraph-like run: headings and colon fences."""
    return bool(HEADING.match(masked) or ADMONITION.match(masked) or COLON_CLOSE.match(masked))


def _title(rest: str) -> str:
    rest = rest.strip()
    if rest.startswith("[") and rest.endswith("]"):
        return rest[1:-1].strip()
    attribute = TITLE_ATTRIBUTE.match(rest)
    return attribute["title"].strip() if attribute else rest


def children_of(ctx: Context, element: Element, depth: int) -> list[Item]:
    if element.close is None:
        return []
    source, tag_end, close_start = ctx.source, element.tag.end, element.close[0]
    start = tag_end
    if not source.text[tag_end : source.line_end(source.line_of(tag_end))].strip():
        start = min(source.line_end(source.line_of(tag_end)) + 1, close_start)
    close_line = source.line_of(close_start)
    end = close_start
    if not source.text[source.starts[close_line] : close_start].strip():
        end = max(source.starts[close_line], start)
    return Region(ctx, start, end, depth + 1).render()


def render_component(ctx: Context, element: Element, depth: int) -> list[Item]:
    tag, source = element.tag, ctx.source
    props = ctx.props(tag)
    open_line = source.line_of(tag.start)
    close_line = source.line_of(element.close[0]) if element.close else open_line
    children = prepare(children_of(ctx, element, depth))
    if tag.name in ctx.includes:
        return render_include(ctx, element, bool(children), open_line, close_line)
    spec = ctx.components.get(tag.name)
    if spec is None:
        ctx.unknown_component(tag, props, bool(children))
        return indented(children, element.indent)
    try:
        rendered = render_spec(spec, props, "\n".join(item.text for item in children))
    except Exception as error:  # a user's callable must not stop the build
        ctx.problem(tag.start, f"the mapping of <{tag.name}> failed: {error}; children kept")
        rendered = Rendered(with_children=True)
    return wrap(rendered, children if rendered.with_children else [], open_line, close_line, element.indent)


def render_html(ctx: Context, element: Element, depth: int) -> list[Item]:
    """A multi-line HTML element: its tags fixed and kept raw, its children rendered as
    MDX (a line of Markdown after raw HTML gets a blank line, see :mod:`.mdx_layout`)."""
    source, tag = ctx.source, element.tag
    open_line = source.line_of(tag.start)
    items = content_lines(element.indent + fix_tag(ctx, tag), open_line)
    ctx.in_html += 1  # inside HTML, lowercase names (a, figcaption) are HTML again
    try:
        children = indented(prepare(children_of(ctx, element, depth)), element.indent)
    finally:
        ctx.in_html -= 1
    if children and children[0].line == items[-1].line and not children[0].generated:
        items[-1] = replace(items[-1], text=items[-1].text + children.pop(0).text.lstrip())
    items += children
    if element.close is not None:
        close_line = source.line_of(element.close[0])
        close_text = source.text[element.close[0] : element.close[1]]
        if items[-1].line == close_line and not items[-1].generated:
            items[-1] = replace(items[-1], text=items[-1].text + close_text)
        else:
            items.append(Item(element.indent + close_text, close_line))
    return items
