"""Placing converted MDX lines so that every kept line stays on its original line number.

The converter does not write text directly: it produces a list of :class:`Item` lines,
each with the input line it *wants* to sit on. :func:`layout` then places them:

- a line wanting line *n* is put on line *n*, padding with blank lines where input lines
  were removed (import statements, comments, tags that became shorter);
- a generated block that needs more lines than its input span (a one-line ``<Cta />`` that
  becomes a three-line ``{include}`` directive) first moves up into the blank lines
  before it, when that changes no Markdown meaning (a fence can follow any paragraph),
  then flows over the blank lines after it;
- only when there is no such room does the output fall behind the input; it catches up
  again at the next blank line that can be dropped without joining two blocks (a second
  blank line in a row, or a blank line next to a fence), so a shift stays local.

Paragraph lines are *glued*: nothing is ever inserted inside a paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass

LOOKAHEAD = 200  # items a generated group looks ahead for the next input line (bounds the work)


@dataclass(frozen=True)
class Item:
    """One output line and where it wants to be."""

    text: str
    line: int  # the 0-based input line this output line belongs on
    elastic: bool = False  # a blank line from the input: may be dropped to catch up
    glue: bool = False  # must directly follow the previous item (paragraph continuation, option lines)
    pull: bool = False  # first line of a generated group: may move up into the blank lines before it
    hard_start: bool = False  # may directly follow a paragraph (fence, MyST target, blank)
    hard_end: bool = False  # a paragraph may directly follow it (fence, directive option)
    generated: bool = False  # produced by the converter, not a line of the input

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def html(self) -> bool:
        """Raw HTML, which only a blank line ends in CommonMark (a whole comment ends itself)."""
        text = self.text.strip()
        return not self.generated and text.startswith("<") and not (text.startswith("<!--") and text.endswith("-->"))


def blank_at(line: int) -> Item:
    return Item("", line, elastic=True)


def layout(items: list[Item]) -> tuple[list[str], list[tuple[int, int]]]:
    """The output lines, and the shifts: ``(input line, offset)`` wherever the offset of
    kept input lines changes (1-based input lines; an empty list means no line moved)."""
    out: list[Item] = []
    following = _next_solid(items)
    for index, item in enumerate(items):
        if item.elastic:
            if len(out) > item.line and _droppable(out[-1] if out else None, following[index]):
                continue
            _pad(out, item.line)
            out.append(item)
            continue
        if item.pull and not item.glue:
            target = min(item.line, _latest_start(items, index))
            _retract(out, item, target)
            _pad(out, target)
        elif not item.glue:
            _pad(out, item.line)
        if not item.glue and out and out[-1].html and not item.html and not item.blank:
            out.append(Item("", len(out), generated=True))  # else MyST reads it as part of the raw HTML
        out.append(item)
    return [item.text for item in out], _shifts(out)


def _pad(out: list[Item], line: int) -> None:
    while len(out) < line:
        out.append(blank_at(len(out)))


def _next_solid(items: list[Item]) -> list[Item | None]:
    """For each item, the first item after it that is not an elastic blank line."""
    following: list[Item | None] = [None] * len(items)
    solid: Item | None = None
    for index in range(len(items) - 1, -1, -1):
        following[index] = solid
        if not items[index].elastic:
            solid = items[index]
    return following


def _droppable(before: Item | None, after: Item | None) -> bool:
    """Whether the blank line between ``before`` and ``after`` can go without joining blocks."""
    if after is None:
        return False  # the blank lines at the end, and so the final newline, stay
    if before is None or before.blank or before.hard_end:
        return True
    return after.hard_start and not before.html


def _retract(out: list[Item], item: Item, target: int) -> None:
    """Move a generated group up into the blank lines before it, so that it does not
    push the next input line down."""
    while len(out) > max(target, 0) and out[-1].elastic:
        before = out[-2] if len(out) > 1 else None
        if not _droppable(before, item):
            break
        out.pop()


def _latest_start(items: list[Item], index: int) -> int:
    """The last line the group starting at ``index`` can start on and still leave the next
    input line (the anchor) where it is."""
    needed = 0
    last: Item | None = None
    for item in items[index : index + LOOKAHEAD]:
        if item.elastic:
            continue
        if not item.generated and needed:
            separator = 0 if (last is None or last.hard_end or item.hard_start) else 1
            return item.line - needed - separator
        needed += 1
        last = item
    return items[index].line


def _shifts(out: list[Item]) -> list[tuple[int, int]]:
    shifts: list[tuple[int, int]] = []
    current = 0
    for position, item in enumerate(out):
        if item.generated or item.elastic:
            continue
        offset = position - item.line
        if offset != current:
            shifts.append((item.line + 1, offset))
            current = offset
    return shifts
