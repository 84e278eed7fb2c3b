"""How a component is shown: the built-in mapping, templates, callables, directive fences.

A mapping value is a MyST snippet template or a callable:

- a template is MyST text where ``{{children}}`` stands for the component's children
  (already converted) and ``{{prop}}`` for a prop's value (empty when missing);
- a callable receives ``(props, children)`` and returns MyST text.

Directives in the output always use backtick fences, whatever the template wrote
(``:::{note}`` becomes a backtick fence, so nothing depends on MyST's ``colon_fence``), and
every fence is longer than any fence among the children, so nesting always works.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

PLACEHOLDER = re.compile(r"\{\{\s*([\w-]+)\s*\}\}")
CHILDREN = re.compile(r"\{\{\s*children\s*\}\}")
DIRECTIVE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?:`{3,}|:{3,})(?P<rest>\{[^}]+\}.*)$")
FENCE_CLOSE = re.compile(r"^(?P<indent>[ \t]*)(?:`{3,}|:{3,})[ \t]*$")
BACKTICK_FENCE = re.compile(r"^[ \t]*(`{3,})")

SPHINX_KINDS = {"note", "tip", "hint", "important", "warning", "caution", "attention", "danger", "error", "seealso"}
# Docusaurus and PostHog kinds Sphinx has no admonition for: (Sphinx kind, title shown)
KIND_ALIASES = {
    "info": ("note", "Info"),
    "success": ("tip", "Success"),
    "secondary": ("note", "Secondary"),
    "fyi": ("note", None),
    "action": ("important", None),
}
CAPTION = "```{rst-class} blog-caption\n{{children}}\n```"
WRAPPER = "{{children}}"


@dataclass
class Rendered:
    """A component's output around its children: whole lines before and after them, and
    the text that shares the first and the last child line."""

    head: list[str] = field(default_factory=list)
    head_rest: str = ""
    tail_rest: str = ""
    tail: list[str] = field(default_factory=list)
    with_children: bool = False


def render_spec(spec: str | Callable[..., str], props: Mapping[str, Any], children: str) -> Rendered:
    """Apply a template or call a callable; raises TypeError when a callable returns no text."""
    if isinstance(spec, str):
        parts = CHILDREN.split(spec, maxsplit=1)
        if len(parts) == 1:
            return _whole(_fill(spec, props))
        return _around(_fill(parts[0], props), _fill(parts[1], props))
    text = spec(dict(props), children)
    if not isinstance(text, str):
        raise TypeError(f"returned {type(text).__name__}, not MyST text")
    at = text.find(children) if children else -1
    return _around(text[:at], text[at + len(children) :]) if at >= 0 else _whole(text)


def _fill(template: str, props: Mapping[str, Any]) -> str:
    return PLACEHOLDER.sub(lambda match: text_of(props.get(match.group(1))), template)


def _whole(text: str) -> Rendered:
    return Rendered(head=text.strip("\n").split("\n") if text.strip() else [])


def _around(head: str, tail: str) -> Rendered:
    head_lines, tail_lines = head.split("\n"), tail.split("\n")
    rendered = Rendered(head_rest=head_lines.pop(), tail_rest=tail_lines.pop(0), with_children=True)
    rendered.head = _drop_edges(head_lines, leading=True)
    rendered.tail = _drop_edges(tail_lines, leading=False)
    return rendered


def _drop_edges(lines: list[str], leading: bool) -> list[str]:
    while lines and not lines[0 if leading else -1].strip():
        lines.pop(0 if leading else -1)
    return lines


def text_of(value: Any) -> str:
    if value is None or isinstance(value, bool):
        return "true" if value is True else ""
    return str(value)


def longest_fence(lines: list[str]) -> int:
    runs = [len(match.group(1)) for line in lines if (match := BACKTICK_FENCE.match(line))]
    return max(runs, default=0)


def normalize_fences(rendered: Rendered, children_fence: int) -> None:
    """Rewrite the directive fences of a component's output as backtick fences longer than
    ``children_fence`` (outer ones longer than inner ones)."""
    lines: list[str | None] = [*rendered.head, None, *rendered.tail]
    heights: dict[int, int] = {}
    stack: list[list[int]] = []  # [line index, height of what it holds]
    for index, line in enumerate(lines):
        if line is None:
            continue
        if DIRECTIVE_OPEN.match(line):
            stack.append([index, 0])
        elif FENCE_CLOSE.match(line) and stack:
            opener, inner = stack.pop()
            heights[opener] = heights[index] = inner + 1
            if stack:
                stack[-1][1] = max(stack[-1][1], inner + 1)
    for opener, inner in stack:
        heights[opener] = inner + 1
    base = max(3, children_fence + 1)
    for index, height in heights.items():
        line = lines[index] or ""
        match = DIRECTIVE_OPEN.match(line) or FENCE_CLOSE.match(line)
        assert match is not None
        rest = match.groupdict().get("rest") or ""
        lines[index] = match["indent"] + "`" * (base + height - 1) + rest
    split = lines.index(None)
    rendered.head = [line or "" for line in lines[:split]]
    rendered.tail = [line or "" for line in lines[split + 1 :]]


# -- the built-in mapping ---------------------------------------------------------------------


def admonition_kind(word: str) -> tuple[str, str | None]:
    """A Sphinx admonition kind for a Docusaurus/PostHog kind, and the title it implies."""
    word = word.strip().lower()
    if word in SPHINX_KINDS:
        return word, None
    return KIND_ALIASES.get(word, ("note", word.capitalize() or None))


def admonition_head(kind: str, title: str | None) -> list[str]:
    if title:
        return ["```{admonition} " + " ".join(title.split()), ":class: " + kind]
    return ["```{" + kind + "}"]


def admonition(default_kind: str) -> Callable[[dict[str, Any], str], str]:
    def render(props: dict[str, Any], children: str) -> str:
        kind, implied = admonition_kind(text_of(props.get("type") or props.get("variant")) or default_kind)
        head = admonition_head(kind, text_of(props.get("title")) or implied)
        return "\n".join([*head, children, "```"])

    return render


def quote(props: dict[str, Any], children: str) -> str:
    """A pull-quote; the quote is the children or the ``quote`` prop, the attribution the
    ``author``/``name`` prop with ``title``/``role``/``company``."""
    text = children if children.strip() else text_of(props.get("quote") or props.get("text"))
    who = [text_of(props.get(key)) for key in ("author", "name", "title", "role", "company")]
    attribution = ", ".join(part for part in who if part)
    tail = ["", "— " + attribution] if attribution else []
    return "\n".join(["```{pull-quote}", text, *tail, "```"])


def image_directive(path: str, alt: str = "", classes: str = "", width: str = "", height: str = "") -> str:
    options = [("alt", alt), ("class", " ".join(classes.split())), ("width", width), ("height", height)]
    lines = ["```{image} " + path] + [f":{name}: {' '.join(value.split())}" for name, value in options if value]
    return "\n".join([*lines, "```"])


def screenshot(dark_mode: bool) -> Callable[[dict[str, Any], str], str]:
    """``imageLight``/``imageDark`` pairs: two images the theme shows in its light or dark mode."""

    def render(props: dict[str, Any], children: str) -> str:
        light = text_of(props.get("imageLight") or props.get("image") or props.get("src"))
        dark = text_of(props.get("imageDark")) if dark_mode else ""
        alt, classes = text_of(props.get("alt")), text_of(props.get("classes") or props.get("className"))
        if not light or not dark:
            return image_directive(light or dark, alt, classes) if light or dark else children
        light_image = image_directive(light, alt, f"only-light {classes}")
        return light_image + "\n" + image_directive(dark, alt, f"only-dark {classes}")

    return render


def tab_item(props: dict[str, Any], children: str) -> str:
    label = text_of(props.get("label") or props.get("value")) or "Tab"
    head = ["```{tab-item} " + " ".join(label.split())] + ([":selected:"] if props.get("default") is True else [])
    return "\n".join([*head, children, "```"])


def plain_tab_item(props: dict[str, Any], children: str) -> str:
    """A tab without sphinx-design: its label as a rubric, then its content."""
    label = text_of(props.get("label") or props.get("value")) or "Tab"
    return "\n".join(["```{rubric} " + " ".join(label.split()), "```", children])


#: Docusaurus tabs when sphinx-design's directives are not loaded: one section after another
PLAIN_TABS: dict[str, str | Callable[..., str]] = {"Tabs": WRAPPER, "TabItem": plain_tab_item}


def link(props: dict[str, Any], children: str) -> str:
    target = text_of(props.get("to") or props.get("href"))
    if not target:
        return children
    destination = f"<{target}>" if " " in target else target
    if not children.strip():
        return f"[{target}]({destination})"
    if "\n\n" in children or children.lstrip().startswith(("`", "<", ":")):
        return children  # not one paragraph: a Markdown link cannot hold it
    return f"[{children}]({destination})"


def default_components(dark_mode: bool = True) -> dict[str, str | Callable[..., str]]:
    """The built-in mapping. ``dark_mode=False`` (a theme without one) shows only the
    light image of a light/dark pair."""
    return {
        "Quote": quote,
        "Blockquote": quote,
        "Caption": CAPTION,
        "figcaption": CAPTION,
        "CalloutBox": admonition("note"),
        "Callout": admonition("note"),
        "Admonition": admonition("note"),
        "Note": admonition("note"),
        "Tip": admonition("tip"),
        "Warning": admonition("warning"),
        "BorderWrapper": WRAPPER,
        "Wrapper": WRAPPER,
        "Box": WRAPPER,
        "Container": WRAPPER,
        "Center": WRAPPER,
        "ProductScreenshot": screenshot(dark_mode),
        "Tabs": "```{tab-set}\n{{children}}\n```",
        "TabItem": tab_item,
        "Link": link,
        "a": link,
    }
