"""The MDX text as lines, with what the converter must leave alone masked out.

:func:`read_source` splits the text into lines and classifies each one: the frontmatter
and code fences (``` and ~~~ of any length) are verbatim, ``mdx-code-block`` fence lines
are removed (their content is ordinary MDX). A *mask* of every line hides verbatim text
(code fences, inline code spans, HTML comments) behind ``MASKED`` characters, so the
structural searches (tags, comments, admonitions) run on the mask and find nothing inside
code, while the edits apply to the real text at the same offsets.

It also applies the line-preserving text edits that must happen before anything else:
heading ids (``## Title {#id}``, ``## Title {/* #id */}``) become labels, and JSX comments
``{/* ... */}`` are removed (``{/* truncate */}`` becomes the excerpt marker).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

MASKED = "\x01"

TEXT = "text"  # ordinary MDX
CODE = "code"  # verbatim: frontmatter, code fences
REMOVED = "removed"  # removed lines (mdx-code-block fences, import/export): blank in the output
GONE = "gone"  # a line that held only a JSX comment: removed, and a paragraph around it goes on

FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
HEADING_ID = re.compile(
    r"^(?P<heading> {0,3}#{1,6}[ \t].*?)[ \t]*"
    r"(?:\{#(?P<id>[\w:.-]+)\}|\{/\*[ \t]*#(?P<cid>[\w:.-]+)[ \t]*\*/\})[ \t]*$"
)
JSX_COMMENT = re.compile(r"\{[ \t]*/\*(?P<body>[\s\S]*?)\*/[ \t]*\}")
EXCERPT_MARKER = "<!-- truncate -->"


@dataclass
class Source:
    """The document's lines, their kinds, and the masked copy used for searching."""

    lines: list[str]
    kinds: list[str]
    body: int  # first line after the frontmatter
    labels: dict[int, str] = field(default_factory=dict)  # heading line -> custom anchor
    mask: list[str] = field(default_factory=list)
    text: str = ""
    masked: str = ""
    starts: list[int] = field(default_factory=list)

    def refresh(self) -> None:
        """Recompute the mask and the joined texts after the lines changed."""
        self.mask = mask_lines(self.lines, self.kinds)
        self.text = "\n".join(self.lines)
        self.masked = "\n".join(self.mask)
        self.starts = [0]
        for line in self.lines[:-1]:
            self.starts.append(self.starts[-1] + len(line) + 1)

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def line_end(self, line: int) -> int:
        return self.starts[line] + len(self.lines[line])


def read_source(text: str) -> Source:
    lines = text.split("\n")
    body = frontmatter_end(lines)
    source = Source(lines, classify(lines, body), body)
    source.refresh()
    _apply_heading_ids(source)
    source.refresh()
    _apply_jsx_comments(source)
    source.refresh()
    _apply_jsx_strings(source)
    source.refresh()
    return source


def frontmatter_end(lines: list[str]) -> int:
    """The index of the first line after a leading ``---`` ... ``---`` block (0 if none)."""
    if not lines or lines[0].rstrip() != "---":
        return 0
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return index + 1
    return 0


def classify(lines: list[str], body: int) -> list[str]:
    kinds = [CODE] * body + [TEXT] * (len(lines) - body)
    code: tuple[str, int] | None = None  # the open code fence: character and length
    unwrapped: list[tuple[str, int]] = []  # open mdx-code-block fences
    for index in range(body, len(lines)):
        match = FENCE.match(lines[index])
        if code is not None:
            kinds[index] = CODE
            if match and _closes(match, code):
                code = None
            continue
        if match is None or (match["fence"][0] == "`" and "`" in match["info"]):
            continue
        fence = (match["fence"][0], len(match["fence"]))
        if match["info"].strip().startswith("mdx-code-block"):
            unwrapped.append(fence)
            kinds[index] = REMOVED
        elif unwrapped and _closes(match, unwrapped[-1]):
            unwrapped.pop()
            kinds[index] = REMOVED
        else:
            code = fence
            kinds[index] = CODE
    return kinds


def _closes(match: re.Match[str], fence: tuple[str, int]) -> bool:
    mark = match["fence"]
    return mark[0] == fence[0] and len(mark) >= fence[1] and not match["info"].strip()


def mask_lines(lines: list[str], kinds: list[str]) -> list[str]:
    """Lines with code, inline code spans and HTML comments replaced by ``MASKED``."""
    masked: list[str] = []
    in_comment = False
    for line, kind in zip(lines, kinds, strict=True):
        if kind != TEXT:
            masked.append(MASKED * len(line) if kind == CODE else " " * len(line))
            continue
        chars = list(line)
        in_comment = _mask_comments(line, chars, in_comment)
        _mask_code_spans(line, chars)
        masked.append("".join(chars))
    return masked


def _mask_comments(line: str, chars: list[str], in_comment: bool) -> bool:
    position = 0
    while position < len(line):
        if not in_comment:
            start = line.find("<!--", position)
            if start < 0:
                return False
            position, in_comment = start, True
        end = line.find("-->", position + (4 if line.startswith("<!--", position) else 0))
        stop = len(line) if end < 0 else end + 3
        chars[position:stop] = MASKED * (stop - position)
        if end < 0:
            return True
        position, in_comment = stop, False
    return in_comment


def _mask_code_spans(line: str, chars: list[str]) -> None:
    for run in re.finditer(r"`+", line):
        if chars[run.start()] == MASKED:
            continue
        closing = re.compile(rf"(?<!`){run.group()}(?!`)").search(line, run.end())
        if closing:
            chars[run.start() : closing.end()] = MASKED * (closing.end() - run.start())


def _apply_heading_ids(source: Source) -> None:
    for index, masked in enumerate(source.mask):
        if source.kinds[index] != TEXT or "{" not in masked:
            continue
        match = HEADING_ID.match(masked)
        if match:
            source.labels[index] = match["id"] or match["cid"]
            source.lines[index] = source.lines[index][: match.end("heading")]


def _apply_jsx_comments(source: Source) -> None:
    """Remove ``{/* ... */}`` comments, working backwards so earlier offsets stay valid."""
    original = text = source.text
    for match in reversed(list(JSX_COMMENT.finditer(source.masked))):
        first, last = source.line_of(match.start()), source.line_of(match.end())
        before = original[source.starts[first] : match.start()]
        after = original[match.end() : source.line_end(last)]
        whole_lines = not JSX_COMMENT.sub("", before).strip() and not JSX_COMMENT.sub("", after).strip()
        if match["body"].strip() == "truncate":
            replacement = EXCERPT_MARKER + "\n" * (last - first)
        elif whole_lines:
            replacement = "\n" * (last - first)
            for index in range(first, last + 1):
                source.kinds[index] = GONE
        elif first == last:
            replacement = ""
        else:  # a comment spanning lines inside a paragraph: an HTML comment keeps the lines
            inner = match["body"].replace("--", "- -").split("\n")
            replacement = "<!--" + "\n".join(part if part.strip() else "." for part in inner) + "-->"
        text = text[: match.start()] + replacement + text[match.end() :]
    source.lines = text.split("\n")


JSX_STRING = re.compile(r"\{[ \t]*(?P<quote>['\"])(?P<text>[^'\"\n{}]*)(?P=quote)[ \t]*\}")


def _apply_jsx_strings(source: Source) -> None:
    """``{' '}`` and ``{"text"}`` in text (not as attribute values) are just that text."""
    for index, masked in enumerate(source.mask):
        if source.kinds[index] != TEXT or "{" not in masked:
            continue
        line = source.lines[index]
        for match in reversed(list(JSX_STRING.finditer(masked))):
            if not masked[: match.start()].rstrip().endswith("="):
                line = line[: match.start()] + match["text"] + line[match.end() :]
        source.lines[index] = line
