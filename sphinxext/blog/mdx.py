"""MDX and Docusaurus Markdown turned into MyST Markdown, before MyST parses it.

Gatsby and Docusaurus read ``.md`` and ``.mdx`` posts through MDX: posts hold ESM
``import``/``export`` lines, JSX components, JSX comments and Docusaurus ``:::tip``
admonitions. :func:`convert` rewrites such a text into MyST Markdown. It is a pure
function of the text and the component mapping: no Sphinx application, no file access.

Usage::

    result = convert(text, {"TeamMember": "{{name}}"})
    result.text       # MyST source; every kept line on its original line number
    result.problems   # MdxProblem(subtype="mdx", message, line) -- one warning each
    result.includes   # local .md/.mdx files inserted, relative to the document's folder
    result.images     # imported image name -> path relative to the document's folder
    result.unknown    # unknown component name -> line of its first use
    result.shifts     # [(input line, offset)] where kept lines moved; [] almost always

What it does
------------
- The frontmatter (leading ``---`` ... ``---``) passes unchanged. Nothing inside code
  fences (``` or ~~~, any length) or inline code spans is touched.
- Top-level ``import``/``export`` statements (one or several lines) are removed. A default
  import of a local ``.md``/``.mdx`` file binds a component that inserts the file
  (MyST's ``{include}`` directive, with ``:relative-images:`` and ``:relative-docs: .`` when
  the file is in another folder, so its relative images and links still work); of a local
  image, a name that ``<img src={name} />`` and props ``{name}`` read as the image's path.
  Imports from packages bind nothing.
- JSX comments ``{/* ... */}`` are removed; ``{/* truncate */}`` becomes ``<!-- truncate -->``.
- ``## Title {#id}`` and ``## Title {/* #id */}``: the id is removed from the heading and a
  MyST target ``(id)=`` is placed on the line before it, so the section gets that anchor.
- Docusaurus admonitions ``:::note``, ``:::tip``, ``:::info``, ``:::caution``,
  ``:::warning``, ``:::danger``, ``:::important``, ``:::success``, ``:::secondary``, with
  an optional title (``:::tip My title``, ``:::tip[My title]``) and nested with more
  colons, become Sphinx admonitions (``info``/``success``/``secondary`` have no Sphinx
  kind: a ``note``/``tip`` titled "Info"/"Success"/"Secondary"). MyST's ``:::{note}`` is
  left as it is.
- ``mdx-code-block`` fences are unwrapped: their content is converted like the rest.
- Components (a capitalised tag, or any name in the mapping) are shown by the mapping
  (see :mod:`.mdx_components` and :data:`DEFAULT_COMPONENTS`), on their own lines or
  inside a sentence. Props may be strings, numbers, booleans, ``{"..."}``, template
  literals without ``${}``, ``{imported name}`` or ``{require('./x.png')}``; any other
  JavaScript is one problem and the prop is ignored. An unknown component keeps its
  children as Markdown (self-closing: left out) and is one problem (``component`` set)
  per document. A tag that looks like a component but is not complete JSX
  (``<PUT GRAPH HERE>``) is escaped, so it shows as text, with a problem. A mapped
  component standing on its own lines right under a paragraph line (a ``<Caption>``
  under an image) becomes a block: a fence may end a paragraph.
- Plain HTML stays raw HTML with its JSX-isms fixed (:mod:`.mdx_html`); a Markdown line
  right after raw HTML gets a blank line before it, so MyST does not swallow it.
  ``<pre>``, ``<script>``, ``<style>`` and ``<textarea>`` are left as written. Inside raw
  HTML, lowercase names (``a``, ``figcaption``) stay HTML even when mapped. ``<img>``
  with a local or imported ``src`` becomes a Markdown image (an ``{image}`` directive
  when it has a width or height), so Sphinx copies the file; ``{' '}`` in text is a space.
- Directives are always written with backtick fences longer than any fence they hold,
  so the output does not depend on MyST's ``colon_fence``.

What it does not do
-------------------
It runs no JavaScript: expressions in text (``{new Date().getFullYear()}``), props
computed by code, components defined in the post, ``@site/`` imports and MDX's
``props``/``frontMatter`` variables are not evaluated; object props (Docusaurus
``<ThemedImage sources={{...}}>``, ``<Tabs values={[...]}>``) are problems. Docusaurus
``<Tabs groupId>`` syncing is not kept. A mapping callable returns MyST text, not
docutils nodes. Setext headings do not take ``{#id}``.

Line numbers
------------
Every line of kept content stays on its original line number; removed lines become
blank lines. A block component maps its opening tag's lines, its children's lines and
its closing tag's line onto the directive's opening fence, content and closing fence.
When the output needs more lines than the input held (a one-line ``<Cta />`` becomes a
four-line ``{include}``), it first moves up into blank lines before it, then uses the
blank lines after it, and only then pushes the following lines down; they move back at
the next blank line that can go without joining two blocks (two blank lines in a row,
or a blank line next to a fence). ``MdxResult.shifts`` lists where lines moved.
Inside a paragraph nothing is ever inserted: when a component inside a sentence spans
lines, the rest of the paragraph moves up and the following blank lines make up for it.

Modules
-------
:mod:`.mdx_source` (lines, code masks, comments, heading ids), :mod:`.mdx_js` (ESM
statements, JSX tags, props), :mod:`.mdx_blocks` (the block structure), :mod:`.mdx_inline`
(tags inside paragraphs), :mod:`.mdx_output` (a block's output lines),
:mod:`.mdx_components` (templates, callables, the built-in mapping), :mod:`.mdx_html`
(plain HTML), :mod:`.mdx_layout` (placing lines), :mod:`.mdx_context` (state, problems).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from .mdx_blocks import render_document
from .mdx_components import default_components
from .mdx_context import ComponentSpec, Context, MdxProblem
from .mdx_layout import layout
from .mdx_source import read_source

__all__ = ["DEFAULT_COMPONENTS", "MdxProblem", "MdxResult", "convert", "default_components"]

DEFAULT_COMPONENTS: dict[str, str | Callable[..., str]] = default_components()
# A text without any of these has nothing to convert and is returned as it is: a tag
# (<Name, <name , </name>), a JSX comment, a heading id, an admonition, a module line (a
# role's target such as </blog/x> or an autolink <https://...> is not a tag).  Three
# patterns, each searched only when its characters occur: one pattern of all alternatives
# tries each at every position of every post.
_TAG = re.compile(r"<[A-Za-z][\w.-]*(?=[\s/>])|</[A-Za-z][\w.-]*\s*>")
_BRACE = re.compile(r"\{[ \t]*/\*|\{#")
_LINE = re.compile(r"^[ \t]*:{3,}[ \t]*[a-z]|^(?:import|export)\b", re.M)


def needs_work(text: str) -> bool:
    """Whether ``text`` has anything MDX or Docusaurus Markdown to convert."""
    return bool(
        ("<" in text and _TAG.search(text))
        or ("{" in text and _BRACE.search(text))
        or ((":::" in text or "import" in text or "export" in text) and _LINE.search(text))
        or "mdx-code-block" in text
    )


@dataclass
class MdxResult:
    text: str  # MyST source, same line numbering as the input
    problems: list[MdxProblem] = field(default_factory=list)
    includes: list[str] = field(default_factory=list)  # local .md/.mdx files inserted
    images: dict[str, str] = field(default_factory=dict)  # imported image name -> path
    unknown: dict[str, int] = field(default_factory=dict)  # unknown component -> line of first use
    shifts: list[tuple[int, int]] = field(default_factory=list)  # (input line, offset) where lines moved


def convert(
    text: str, components: Mapping[str, ComponentSpec | None] | None = None, *, dark_mode: bool = True
) -> MdxResult:
    """Convert an MDX/Docusaurus Markdown text into MyST Markdown.

    ``components`` adds to (or, with ``None`` as a value, removes from) the built-in
    mapping; ``dark_mode=False`` shows only the light image of light/dark pairs.
    """
    if not needs_work(text):
        return MdxResult(text)
    mapping = {**default_components(dark_mode), **(components or {})}
    source = read_source(text)
    ctx = Context(source, {name: spec for name, spec in mapping.items() if spec is not None})
    try:
        lines, shifts = layout(render_document(ctx))
    except RecursionError:  # a JavaScript expression nested beyond Python's stack: keep the text
        problem = MdxProblem("mdx", "too deeply nested to convert; the text is left as written", source.body + 1)
        return MdxResult(text, [problem])
    lines += [""] * (len(source.lines) - len(lines))  # removed lines at the end stay blank lines
    return MdxResult("\n".join(lines), ctx.problems, ctx.used_includes, dict(ctx.images), dict(ctx.unknown), shifts)
