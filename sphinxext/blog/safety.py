"""The decisions that keep untrusted posts and registries harmless, in one place.

Posts, images and the authors registry come from strangers (pull requests built by CI); each
check protecting the build or its readers is one pure function here (issue 12):

- :func:`contained` / :func:`source_relative`: a local file may be read or copied only when its
  real path is a regular file inside an allowed folder; :func:`inside_output`: files we write.
- :func:`clean_url` / :func:`safe_url`: what may reach ``href``, ``src`` or ``content``.
- :func:`safe_filename` / :func:`unique_filenames`: generated pages; :func:`safe_site_path`: redirects.
- :func:`first_invalid_utf8`: where a source file stops being UTF-8; :func:`xml_text`: feed text.
- :func:`load_bounded`: YAML that cannot exhaust time or memory.

YAML figures for :func:`load_bounded` (PyYAML 6.0.4 with libyaml, one core; peak by tracemalloc):
alias bomb of 9 levels of 9 (9**9 values): refused in 0.3 ms, 0.02 MB; ``&a [*a]``: 0.1 ms;
5 MB title: refused before parsing in < 0.1 ms, 0.13 MB; 10,000 tags one per line (119 KB):
refused before parsing; 10,000 tags in a 49 KB flow list: accepted in 61 ms, 4.3 MB.
Unbounded, libyaml loads them as fast (an alias is one shared object), but whatever walks
the value (``repr``, ``json.dumps``, ``env.metadata``) visits 9**9 values or recurses
forever; the pure-Python loader MyST uses takes 0.9 s on a 5 MB title.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import stat
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import yaml

__all__ = [
    "ALLOWED_SCHEMES", "MAX_FRONTMATTER_BYTES", "MAX_NAME_BYTES", "MAX_REGISTRY_BYTES", "MAX_YAML_DEPTH",
    "MAX_YAML_NODES", "RESERVED_NAMES", "YAMLLimitError", "check_expansion", "check_size", "clean_url", "contained",
    "first_invalid_utf8", "inside_output", "line_at", "load_bounded", "local_reference", "readable_slug",
    "safe_filename", "safe_site_path", "safe_url", "source_relative", "unique_filenames", "url_scheme", "xml_text",
]

StrPath = str | os.PathLike[str]

# -- containment -------------------------------------------------------------------------


def contained(path: StrPath, roots: Iterable[StrPath]) -> Path | None:
    """The real path of ``path`` when it is an existing regular file inside one of ``roots``.

    Symlinks and ``..`` are resolved first (``os.path.realpath``), in ``path`` and in every
    root, so a link out of the source folder is refused however it is spelt.  Directories,
    FIFOs and devices are refused: reading them can block or never end.  ``path`` must be
    absolute (else it depends on the working directory).  A hard link cannot be told from
    the file it links, but git never creates one.
    """
    if not os.path.isabs(path):
        raise ValueError(f"contained() needs an absolute path, not {os.fspath(path)!r}")
    try:
        real = os.path.realpath(path)
        if not stat.S_ISREG(os.stat(real).st_mode):
            return None
    except (OSError, ValueError):  # missing, too long, a symlink loop, an embedded NUL
        return None
    return Path(real) if _within(real, roots) else None


def source_relative(path: StrPath, srcdir: StrPath) -> str | None:
    """``path`` relative to the real source dir, in posix form (as Sphinx's image collector
    takes it), when it is :func:`contained` in it."""
    real = contained(path, [srcdir])
    return Path(os.path.relpath(real, os.path.realpath(srcdir))).as_posix() if real else None


def local_reference(reference: str, base: StrPath, srcdir: StrPath) -> Path:
    """Where a file reference points before any check: ``/x.png`` from the source dir, else from
    ``base`` (the post's or registry's folder); not normalised, so ``link/../x`` keeps the file
    system's meaning.  Check the result with :func:`contained`."""
    if reference.startswith("/"):
        return Path(os.path.join(os.path.abspath(srcdir), reference.lstrip("/")))
    return Path(os.path.join(os.path.abspath(base), reference))


def inside_output(path: StrPath, outdir: StrPath) -> Path | None:
    """The real path of an output file about to be written, when it stays in ``outdir``.  It need
    not exist; if it does, it must not be a symlink (writing would go wherever it points)."""
    try:
        if os.path.lexists(path) and not stat.S_ISREG(os.lstat(path).st_mode):
            return None
        real = os.path.realpath(path)
    except (OSError, ValueError):
        return None
    return Path(real) if _within(real, [outdir]) else None


def _within(real: str, roots: Iterable[StrPath]) -> bool:
    """Whether the already resolved ``real`` is inside (or is) one of the resolved ``roots``."""
    target = os.path.normcase(real)
    bases = (os.path.normcase(os.path.realpath(root)) for root in roots)
    return any(target == base or target.startswith(base.rstrip(os.sep) + os.sep) for base in bases)


# -- URLs --------------------------------------------------------------------------------

#: the schemes a link from a post or the registry may have; everything else is refused
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})

# WHATWG URL: a scheme is an ASCII letter, then letters, digits, "+", "-" or ".", before ":"
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_C0_AND_SPACE = "".join(map(chr, range(0x21)))


def url_scheme(url: str) -> str | None:
    """The scheme a browser finds in ``url`` (WHATWG URL Standard), lowercased; None if relative.

    Browsers first strip leading and trailing C0 controls and spaces and delete every
    tab and newline: ``"\\x01java\\tscript:"`` is ``javascript``."""
    text = url.strip(_C0_AND_SPACE)
    text = re.sub(r"[\t\n\r]", "", text)
    match = _SCHEME.match(text)
    return match.group(1).lower() if match else None


def clean_url(url: str) -> str | None:
    """``url`` without surrounding whitespace when it may be used as a link; else None.

    Allowed: ``http:``, ``https:``, ``mailto:``; protocol-relative ``//host/x`` (hosts
    http(s) could reach anyway; feeds should make it absolute); site paths ``/x``;
    relative ``x/y``, ``../x``, ``#fragment``, ``?query``.  Refused: every other scheme
    (``javascript:``, ``vbscript:``, ``data:``, ``file:``...), a control character left
    after trimming whitespace (``java\\tscript:``, ``\\x01javascript:``), a backslash
    before the query (browsers read ``/\\host`` as ``//host``), a first segment that holds
    a colon once percent- or entity-decoded or NFKC-normalised (``javascript%3A``,
    ``javascript&colon;``: a tool that decodes once would see a scheme), and ''.
    """
    text = url.strip(" \t\n\r\f")
    if not text or _CONTROL.search(text):
        return None
    scheme = url_scheme(text)
    if scheme is not None:
        return text if scheme in ALLOWED_SCHEMES else None
    # decoded before splitting: in "jav&#x09;ascript:" the "#" belongs to the entity
    decoded = unicodedata.normalize("NFKC", html.unescape(unquote(text)))
    for form in (text, decoded):
        first_segment = re.split(r"[/?#]", form, maxsplit=1)[0]
        if "\\" in re.split(r"[?#]", form, maxsplit=1)[0] or ":" in first_segment or _CONTROL.search(first_segment):
            return None
    return text


def safe_url(url: str) -> bool:
    """Whether ``url`` may reach an ``href``, ``src`` or ``content`` (see :func:`clean_url`)."""
    return clean_url(url) is not None


# -- output names ------------------------------------------------------------------------

#: the longest generated file name, in UTF-8 bytes, before its suffix (file systems allow 255)
MAX_NAME_BYTES = 100
#: names the extension's own pages use, and names Windows refuses whatever their suffix
RESERVED_NAMES = frozenset(
    {"index", "page", "con", "prn", "aux", "nul"} | {f"{dev}{n}" for dev in ("com", "lpt") for n in range(1, 10)}
)


def readable_slug(name: str) -> str:
    """A readable URL segment: lowercase, letters of any script kept, the rest as '-'; may be ''."""
    # twice: casefolding can undo NFKC (and the reverse); after two rounds the text is a fixed
    # point, so names macOS or Windows would confuse (case, composed or not) end up equal
    text = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold()).casefold()
    return re.sub(r"[^\w]+", "-", text).strip("-_")


def safe_filename(name: str, used: set[str]) -> str:
    """A file name segment for a tag, category, author, year or slug called ``name``.

    The result is non-empty, lowercase (casefolded), has no path separator, dot or control
    character (so no ``..``, no hidden file), is at most :data:`MAX_NAME_BYTES` UTF-8 bytes,
    is none of :data:`RESERVED_NAMES` and is not in ``used``, the names given out so far in
    the same folder, to which it is added: ``Growth`` and ``growth`` must not overwrite each
    other on macOS and Windows.  Given in sorted order, names get the same file every build.

    Ordinary names keep their readable slug (``Product Engineering`` -> ``product-engineering``);
    long ones are cut on a character boundary plus ``-`` and 8 hex digits of the name's SHA-256;
    names without letters or digits are spelt out (``???`` -> ``question-mark``, 🚀 -> ``rocket``).
    """
    base = readable_slug(name) or _spelt_out(name)
    if len(base.encode()) > MAX_NAME_BYTES:
        base = _fit(base, "-" + hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:8])
    candidate, number = base, 2
    while candidate in used or candidate in RESERVED_NAMES:
        candidate, number = _fit(base, f"-{number}"), number + 1
    used.add(candidate)
    return candidate


def unique_filenames(names: Iterable[str]) -> dict[str, str]:
    """name -> :func:`safe_filename` for the names of one folder, given in sorted order."""
    used: set[str] = set()
    return {name: safe_filename(name, used) for name in sorted(set(names))}


def _fit(base: str, suffix: str) -> str:
    """``base`` cut on a character boundary so that ``base + suffix`` fits MAX_NAME_BYTES."""
    room = MAX_NAME_BYTES - len(suffix.encode())
    cut = base.encode()[:room].decode("utf-8", "ignore").rstrip("-_")
    return (cut or "x") + suffix


def _spelt_out(name: str) -> str:
    """A name made only of punctuation, symbols or spaces, spelt out: ``!?`` -> ``exclamation-mark-question-mark``."""
    words: list[str] = []
    for char in name:
        spelt = readable_slug(unicodedata.name(char, "")) or f"u{ord(char):04x}"
        if not words or words[-1] != spelt:
            words.append(spelt)
    return readable_slug("-".join(words)) or "unnamed"


_WINDOWS_FORBIDDEN = frozenset('<>:"|?*\\')


def safe_site_path(path: str) -> str | None:
    """A ``slug``/``redirect_from`` site path as ``a/b`` for a redirect page; None when unsafe.

    An old URL must be kept exactly, or its redirect is useless, so nothing is renamed: the
    path is percent-decoded (once) and refused when a segment is ``..``, starts with a dot
    (``.htaccess``, ``.git``), holds a control character or one Windows forbids in file names
    (``\\`` among them) or is over 200 UTF-8 bytes, or when the path is empty or over 1,024 bytes.
    ``/etc/passwd`` is fine: a site path, written as ``etc/passwd.html`` in the output.
    """
    segments = [s for s in unquote(path.strip()).split("/") if s not in ("", ".")]
    joined = "/".join(segments)
    if not segments or len(joined.encode("utf-8", "surrogatepass")) > 1024:
        return None
    for segment in segments:
        if segment.startswith(".") or _CONTROL.search(segment) or _WINDOWS_FORBIDDEN.intersection(segment):
            return None
        if len(segment.encode("utf-8", "surrogatepass")) > 200:
            return None
    return joined


# -- encoding ----------------------------------------------------------------------------


def first_invalid_utf8(data: bytes) -> int | None:
    """The offset of the first byte that is not valid UTF-8 (overlong forms and surrogates too); None if valid."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        return err.start
    return None


def line_at(data: bytes, offset: int) -> int:
    """The 1-based line holding byte ``offset``, for a warning's location."""
    return data.count(b"\n", 0, offset) + 1


# XML 1.0 cannot hold these: lxml (feedgen) raises on them, which stops the whole build
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold (C0 controls but tab and newlines, ...)."""
    return _NOT_XML.sub("", text)


# -- bounded YAML --------------------------------------------------------------------------

#: a post's frontmatter: real ones are under 1 KB; refused beyond this before parsing
MAX_FRONTMATTER_BYTES = 64 * 1024
MAX_REGISTRY_BYTES = 1024 * 1024  #: the authors registry: a thousand authors fit many times over
#: values in a document once every alias is expanded (a 64 KiB file without aliases has fewer)
MAX_YAML_NODES = 100_000
MAX_YAML_DEPTH = 50  #: nesting of lists and mappings: frontmatter needs 3; whatever walks them recurses

_DEFAULT_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YAMLLimitError(ValueError):
    """YAML refused for size, expansion or depth; ``line`` 1-based, ``problem_mark`` as PyYAML's."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line
        self.problem_mark = yaml.Mark("<yaml>", 0, line - 1, 0, None, 0)


def check_size(text: str, limit: int = MAX_FRONTMATTER_BYTES) -> None:
    """Raise :class:`YAMLLimitError` at the line where ``text`` passes ``limit`` UTF-8 bytes.

    Only a prefix of at most ``limit + 1`` characters is ever encoded: memory stays
    bounded by the limit, not by the text.
    """
    if len(text) * 4 <= limit:  # a character is at most 4 bytes
        return
    head = text[: limit + 1].encode("utf-8", "surrogatepass")
    if len(head) <= limit:
        return
    line = head.count(b"\n", 0, limit) + 1
    raise YAMLLimitError(f"the YAML is more than {limit:,} bytes long ({len(text):,} characters)", line)


def check_expansion(node: yaml.Node | None, limit: int = MAX_YAML_NODES, max_depth: int = MAX_YAML_DEPTH) -> None:
    """Raise :class:`YAMLLimitError` when ``node`` expands to more than ``limit`` values or nests too deep.

    Composing keeps an alias as a second reference to its anchored node, so a "billion laughs"
    graph is small; what walks it later explodes.  Each distinct node is measured once:
    O(nodes + references).  An anchor holding an alias of itself never ends; nesting past
    ``max_depth`` exhausts the recursion of whatever walks it.  The line is the top-level key's.
    """
    if node is None:
        return
    measure = _Measure(limit, max_depth)
    pairs = node.value if isinstance(node, yaml.MappingNode) else [(None, node)]
    total = 1 if isinstance(node, yaml.MappingNode) else 0
    for key, value in pairs:
        line = (key or value).start_mark.line + 1
        if isinstance(value, yaml.ScalarNode) and (key is None or isinstance(key, yaml.ScalarNode)):
            total += 1 if key is None else 2  # most frontmatter values: nothing to walk
        else:
            try:
                total += measure.size(value) + (measure.size(key) if key else 0)
            except _Refused as err:
                raise YAMLLimitError(str(err), line) from None
        if total > limit:
            raise YAMLLimitError(f"YAML aliases expand to more than {limit:,} values (an alias bomb?)", line)


class _Refused(Exception):
    """A value without end, or nested too deep."""


class _Measure:
    """Expanded size (capped at ``limit + 1``) and height of composed YAML nodes, memoised."""

    def __init__(self, limit: int, max_depth: int) -> None:
        self.limit, self.max_depth = limit, max_depth
        self.known: dict[int, tuple[int, int]] = {}  # id(node) -> (size, height); the graph keeps nodes alive

    def size(self, root: yaml.Node) -> int:
        """An explicit stack rather than recursion: depth is what is being checked."""
        ancestors: set[int] = set()  # those of the nodes above on the stack; len() is the depth
        stack: list[tuple[yaml.Node, bool]] = [(root, False)]
        while stack:
            node, children_done = stack.pop()
            children = _children(node)
            if children_done:
                ancestors.discard(id(node))
                measured = [self.known[id(child)] for child in children]
                size = min(self.limit + 1, 1 + sum(size for size, _height in measured))
                self.known[id(node)] = (size, 1 + max((height for _size, height in measured), default=0))
                continue
            if id(node) in self.known:
                self._check_depth(len(ancestors) + self.known[id(node)][1])
                continue
            ancestors.add(id(node))
            self._check_depth(len(ancestors))
            stack.append((node, True))
            for child in children:
                if id(child) in ancestors:
                    raise _Refused("a YAML anchor contains an alias of itself (a value without end)")
                stack.append((child, False))
        return self.known[id(root)][0]

    def _check_depth(self, depth: int) -> None:
        if depth > self.max_depth:
            raise _Refused(f"YAML values nested more than {self.max_depth} levels deep")


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def load_bounded(
    text: str, loader: type = _DEFAULT_LOADER, *, max_bytes: int = MAX_FRONTMATTER_BYTES,
    max_nodes: int = MAX_YAML_NODES,
) -> tuple[Any, yaml.Node | None]:
    """(value, node) of the one YAML document in ``text``, within the limits, with ``loader``.

    The node keeps every key's line.  Raises :class:`YAMLLimitError` (a ValueError) or
    ``yaml.YAMLError``: one warning for the caller.  libyaml refuses nesting past 1,000 levels
    itself; the pure-Python composer recurses, and its RecursionError becomes a YAMLLimitError.
    """
    check_size(text, max_bytes)
    parser = loader(text)
    try:
        node = parser.get_single_node()
        check_expansion(node, max_nodes)
        return (parser.construct_document(node) if node is not None else None), node
    except RecursionError:
        raise YAMLLimitError(f"YAML values nested more than {MAX_YAML_DEPTH} levels deep", 1) from None
    finally:
        parser.dispose()
