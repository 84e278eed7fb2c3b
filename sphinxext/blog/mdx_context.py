"""What one conversion knows and collects: the source, the mapping, the imports, the problems."""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from .mdx_js import Attr, Import, Tag, Unreadable, local_path, pair_tags, prop_value
from .mdx_source import Source

ComponentSpec = str | Callable[[dict[str, Any], str], str]
MAX_NESTING = 40  # blocks and tags nested deeper stay text (and Python's stack stays safe)
IMAGE_EXTENSIONS = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".bmp", ".ico"}


def shorten(code: str, limit: int = 60) -> str:
    """JavaScript quoted in a message: one line, at most ``limit`` characters."""
    code = " ".join(code.split())
    return code if len(code) <= limit else code[: limit - 1] + "…"


@dataclass
class MdxProblem:
    """One thing in the post the converter could not show as written (one warning)."""

    subtype: str  # always "mdx"
    message: str
    line: int  # 1-based line of the input
    component: str | None = None  # set for an unknown component: warn once per build per name


@dataclass
class Context:
    source: Source
    components: Mapping[str, ComponentSpec]
    includes: dict[str, str] = field(default_factory=dict)  # component name -> .md/.mdx path
    images: dict[str, str] = field(default_factory=dict)  # imported name -> image path
    used_includes: list[str] = field(default_factory=list)
    problems: list[MdxProblem] = field(default_factory=list)
    unknown: dict[str, int] = field(default_factory=dict)
    in_html: int = 0  # how many raw HTML elements the current text is inside
    pairs: dict[tuple[str, int, int], dict[int, tuple[int, int]]] = field(default_factory=dict)
    nesting: int = 0
    reported_depth: bool = False

    def problem(self, offset: int, message: str) -> None:
        self.problems.append(MdxProblem("mdx", message, self.source.line_of(offset) + 1))

    def bind(self, imported: Import) -> None:
        """Remember what a local import binds: a file to include or an image; imports
        from packages bind nothing."""
        path = local_path(imported.source)
        if path is None or imported.default is None:
            return
        extension = posixpath.splitext(path)[1].lower()
        if extension in (".md", ".mdx"):
            self.includes[imported.default] = path
        elif extension in IMAGE_EXTENSIONS:
            self.images[imported.default] = path

    @contextmanager
    def nested(self) -> Iterator[None]:
        self.nesting += 1
        try:
            yield
        finally:
            self.nesting -= 1

    def too_deep(self, offset: int) -> bool:
        """Whether blocks or tags at this depth must stay text (one problem per document)."""
        if self.nesting < MAX_NESTING:
            return False
        if not self.reported_depth:
            self.reported_depth = True
            self.problem(offset, f"blocks or tags nested over {MAX_NESTING} deep; the deeper ones are left as text")
        return True

    def closing_tag(self, tag: Tag, start: int, end: int) -> tuple[int, int] | None:
        """The span of the tag closing ``tag``, searched between ``start`` and ``end``
        (pairs computed once per name and span, so many unclosed tags stay cheap)."""
        key = (tag.name, start, end)
        if key not in self.pairs:
            self.pairs[key] = pair_tags(self.source.masked, self.source.text, tag.name, start, end)
        return self.pairs[key].get(tag.start)

    def is_component(self, name: str) -> bool:
        """Capitalised names are components; lowercase ones only when mapped and not
        inside raw HTML."""
        if name[:1].isupper():
            return True
        return not self.in_html and (name in self.components or name in self.includes)

    def props(self, tag: Tag) -> dict[str, Any]:
        """The tag's props; each unreadable one is a problem and left out."""
        props: dict[str, Any] = {}
        for attr in tag.attrs:
            try:
                value = self.prop(tag, attr)
            except Unreadable:
                continue
            if attr.name is not None:
                props[attr.name] = value
        return props

    def prop(self, tag: Tag, attr: Attr) -> Any:
        if attr.name is None:
            self.problem(attr.start, f"<{tag.name}>: {shorten(attr.value or '')} is JavaScript; ignored")
            raise Unreadable(attr.value or "")
        try:
            return prop_value(attr, self.images)
        except Unreadable as error:
            self.problem(
                attr.start,
                f"<{tag.name}> prop {attr.name}={{{shorten(str(error))}}} is a JavaScript expression; ignored "
                "(only strings, numbers, booleans and imported names are read)",
            )
            raise

    def unknown_component(self, tag: Tag, props: Mapping[str, Any], has_children: bool) -> None:
        if tag.name in self.unknown:
            return
        line = self.source.line_of(tag.start) + 1
        self.unknown[tag.name] = line
        example = "{{name}}" if "name" in props else "{{children}}" if has_children else ""
        shown = "its children are kept" if has_children else "it is left out"
        self.problems.append(
            MdxProblem(
                "mdx",
                f"unknown MDX component <{tag.name}> (first used on line {line}): {shown}; to show it, "
                f"map it in conf.py, e.g. blog_mdx_components = {{{tag.name!r}: {example!r}}}",
                line,
                component=tag.name,
            )
        )
