"""What one conversion knows and collects: the source, the mapping, the imports, the problems."""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .mdx_js import Attr, Import, Tag, Unreadable, local_path, prop_value
from .mdx_source import Source

ComponentSpec = str | Callable[[dict[str, Any], str], str]
IMAGE_EXTENSIONS = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".bmp", ".ico"}


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
            self.problem(attr.start, f"<{tag.name}>: {attr.value} is JavaScript; ignored")
            raise Unreadable(attr.value or "")
        try:
            return prop_value(attr, self.images)
        except Unreadable as error:
            self.problem(
                attr.start,
                f"<{tag.name}> prop {attr.name}={{{error}}} is a JavaScript expression; ignored "
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
