"""Plain HTML inside MDX, made valid HTML: the JSX-isms of a tag are fixed in place.

``className`` becomes ``class`` (``htmlFor`` becomes ``for``), ``style={{textAlign:
'center'}}`` becomes ``style="text-align: center"``, ``attr={"x"}``/``{1}``/``{true}``
become plain attributes, a self-closed element that HTML does not allow to self-close
(``<iframe ... />``) gets its closing tag. Raw HTML stays raw HTML for MyST to pass on.
``<img>`` with a local or imported ``src`` becomes a Sphinx image instead, so the file
is copied like any image.
"""

from __future__ import annotations

import html
import re

from .mdx_context import Context, shorten
from .mdx_js import IDENTIFIER, Attr, Tag, Unreadable, prop_value

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# CommonMark HTML blocks of kinds 1 and 6: a line starting with one of these is raw HTML
BLOCK_TAGS = {
    "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center", "col",
    "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
    "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr",
    "html", "iframe", "legend", "li", "link", "main", "menu", "menuitem", "nav", "noframes", "ol",
    "optgroup", "option", "p", "param", "pre", "script", "search", "section", "style", "summary", "table",
    "tbody", "td", "textarea", "tfoot", "th", "thead", "title", "tr", "track", "ul",
}  # fmt: skip
RENAMED = {"className": "class", "htmlFor": "for"}
UNITLESS = {"opacity", "z-index", "font-weight", "line-height", "flex", "flex-grow", "flex-shrink", "order", "zoom"}
STYLE_PAIR = re.compile(
    r"\s*(?P<key>[A-Za-z_$][\w$]*|'[^']*'|\"[^\"]*\")\s*:\s*"
    r"(?P<value>'[^']*'|\"[^\"]*\"|-?\d+(?:\.\d+)?)\s*(?:,|$)"
)
HTML_BLOCK_START = re.compile(r" {0,3}(?:<!--|<\?|<![A-Za-z]|</?(?P<name>[A-Za-z][A-Za-z0-9-]*)(?=[\s/>]|$))")
LONE_TAG = re.compile(r" {0,3}</?[a-z][\w-]*(?:\s[^<>]*)?/?>\s*")


def starts_html_block(line: str) -> bool:
    """Whether CommonMark (so MyST) reads a block starting with this line as raw HTML."""
    match = HTML_BLOCK_START.match(line)
    if not match:
        return False
    name = match["name"]
    return name is None or name.lower() in BLOCK_TAGS or bool(LONE_TAG.fullmatch(line))


def fix_tag(ctx: Context, tag: Tag) -> str:
    """The tag's text as valid HTML."""
    base, out = tag.start, ctx.source.text[tag.start : tag.end]
    for attr in reversed(tag.attrs):
        fixed = _fixed_attr(ctx, tag, attr)
        start = attr.start - base
        if fixed is None:  # dropped, with the space before it
            start = len(out[:start].rstrip())
        out = out[:start] + (fixed or "") + out[attr.end - base :]
    if tag.self_closing and tag.name.lower() not in VOID:
        out = out[:-2].rstrip() + f"></{tag.name}>"
    return out


def _fixed_attr(ctx: Context, tag: Tag, attr: Attr) -> str | None:
    if attr.name is None:
        ctx.problem(attr.start, f"<{tag.name}>: {shorten(attr.value or '')} is JavaScript; ignored")
        return None
    name = RENAMED.get(attr.name, attr.name)
    raw = attr.value
    if raw is None or raw[0] != "{":
        return name if raw is None else f"{name}={raw}"
    if name == "style" and raw[1:-1].strip().startswith("{"):
        css = style_css(raw[1:-1].strip()[1:-1])
        if css is None:
            ctx.problem(attr.start, f"<{tag.name}> style={shorten(raw)} is not a plain style object; ignored")
        return None if css is None else f'{name}="{html.escape(css)}"'
    try:
        value = prop_value(attr, ctx.images)
    except Unreadable as error:
        ctx.problem(
            attr.start, f"<{tag.name}> {attr.name}={{{shorten(str(error))}}} is a JavaScript expression; ignored"
        )
        return None
    if value is True:
        return name
    if value is None or value is False:
        return None
    return f'{name}="{html.escape(str(value))}"'


def style_css(body: str) -> str | None:
    """``textAlign: 'center', marginTop: 8`` as ``text-align: center; margin-top: 8px``."""
    declarations, position = [], 0
    while body[position:].strip():
        match = STYLE_PAIR.match(body, position)
        if not match or match.end() == position:
            return None
        key = match["key"].strip("'\"")
        if IDENTIFIER.fullmatch(key):
            key = re.sub(r"[A-Z]", lambda upper: "-" + upper.group().lower(), key)
            key = "-" + key if key.startswith(("webkit-", "moz-", "ms-")) else key
        value = match["value"]
        if value[0] in "'\"":
            value = value[1:-1]
        elif key not in UNITLESS and float(value) != 0:
            value += "px"
        declarations.append(f"{key}: {value}")
        position = match.end()
    return "; ".join(declarations)


NOT_LOCAL = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|/)")


def local_image(ctx: Context, tag: Tag) -> str | None:
    """The path of an ``<img>`` whose ``src`` is an imported image or a relative path."""
    for attr in tag.attrs:
        if attr.name == "src":
            try:
                value = prop_value(attr, ctx.images)
            except Unreadable:
                return None
            if isinstance(value, str) and value and not NOT_LOCAL.match(value):
                return value
    return None


def image_props(ctx: Context, tag: Tag) -> dict[str, str]:
    """alt, class, width and height of an ``<img>``, as strings."""
    props = {RENAMED.get(key, key): value for key, value in ctx.props(tag).items()}
    return {
        key: str(value)
        for key in ("alt", "class", "width", "height")
        if isinstance(value := props.get(key), str | int | float) and not isinstance(value, bool)
    }


def markdown_image(path: str, alt: str) -> str:
    alt = alt.replace("[", r"\[").replace("]", r"\]")
    return f"![{alt}](<{path}>)" if " " in path else f"![{alt}]({path})"
