"""Responsive heroes and thumbnails: sizes, ``srcset`` variants, and the image node that shows them.

Every featured image in the source folder gets ``width`` and ``height`` attributes (its size
read from the file's header, by ``imagesize`` through Sphinx), so pages do not shift as images
load.  With Pillow installed (``pip install sphinxext-blog[images]``), it also gets smaller
copies for :confval:`blog_image_widths`, written once into ``_images/blog/<name>-<width>.<ext>``
and offered with ``srcset``/``sizes``; a copy that exists and is newer than its image is
reused, never written again, so incremental and no-change builds leave them alone.

Only regular files inside the source folder are read (:func:`.safety.contained`), and a file
Pillow cannot read, or would not open (a decompression bomb), is one ``blog.image`` warning
and no ``srcset``.
"""

from __future__ import annotations

import contextlib
import os
import posixpath
import threading
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.util.images import get_image_size

from .safety import contained, inside_output

#: formats Pillow writes back as they came (the copies keep the original's format)
RESIZABLE = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP", ".gif": "GIF"}
#: the subfolder of the output's image folder holding the copies
VARIANT_FOLDER = "blog"
#: ``sizes``: how wide an image is shown, for the browser to pick a copy before the CSS is known
HERO_SIZES = "(min-width: 64rem) 48rem, 100vw"
CARD_SIZES = "(min-width: 48rem) 33vw, (min-width: 36rem) 50vw, 100vw"
THUMBNAIL_SIZES = "8rem"

Size = tuple[int, int]
#: (file name below the output's image folder, its width in pixels)
Candidate = tuple[str, int]


class responsive_image(nodes.image):  # noqa: N801 (docutils node naming)
    """An image that HTML writes with ``width``/``height`` (``blog_size``), ``srcset``/``sizes``
    (``blog_sizes``) and ``loading="lazy"`` (``blog_lazy``); every other builder writes it as
    the image it is (Sphinx's translators look visitors up along the class's bases)."""


def responsive(image: nodes.image, size: Size | None, sizes: str, lazy: bool = False) -> nodes.image:
    """``image`` as a :class:`responsive_image` with its size and ``sizes``."""
    node = responsive_image(image.rawsource, *image.children, **image.attributes)
    node.source, node.line = image.source, image.line
    if size is not None:
        node["blog_size"] = size
    node["blog_sizes"] = sizes
    node["blog_lazy"] = lazy
    return node


def image_size(path: str | os.PathLike[str], srcdir: str | os.PathLike[str]) -> Size | None:
    """(width, height) of an image file inside ``srcdir``, from its header; None when unknown."""
    real = contained(Path(srcdir, path).absolute(), [srcdir])
    if real is None:
        return None
    try:
        size = get_image_size(str(real))
    except Exception:  # imagesize raises on some truncated files; the size is a nicety
        return None
    if size is None or size[0] <= 0 or size[1] <= 0:
        return None
    return int(size[0]), int(size[1])


def has_pillow() -> bool:
    try:
        import PIL.Image  # noqa: F401
    except ImportError:
        return False
    return True


def variant_name(output_name: str, width: int) -> str:
    """``hero.png`` at 640 px: ``blog/hero-640.png`` (below the output's image folder)."""
    stem, ext = posixpath.splitext(output_name)
    return f"{VARIANT_FOLDER}/{stem}-{width}{ext.lower()}"


def variant_files(imagedir: Path, output_name: str) -> list[Path]:
    """The copies of one output image that exist (to remove with it)."""
    stem, ext = posixpath.splitext(output_name)
    folder = imagedir / VARIANT_FOLDER
    return sorted(path for path in folder.glob(f"{stem}-*{ext.lower()}")
                  if path.name[len(stem) + 1 : -len(ext) or None].isdigit()) if folder.is_dir() else []


class ImageVariants:
    """The ``srcset`` copies of one build's images: made once per build and image, reused
    from earlier builds when newer than the image."""

    def __init__(self, srcdir: str | os.PathLike[str], imagedir: str | os.PathLike[str], widths: Sequence[int],
                 warn: Callable[[str, Any], None]) -> None:
        self.srcdir = Path(srcdir)
        self.imagedir = Path(imagedir)
        self.widths = sorted({int(width) for width in widths if int(width) > 0})
        self.warn = warn  # (message, where the image is shown) -> one blog.image warning
        self.enabled = has_pillow()
        self._found: dict[tuple[str, str], tuple[Candidate, ...]] = {}

    def candidates(self, source: str, output_name: str, size: Size | None, where: Any = None) -> tuple[Candidate, ...]:
        """The copies of ``source`` (a path below the source folder), smallest first, then the
        original at its own width; () when there are none (no Pillow, a small or odd image).
        ``where`` (a node, a docname) is the place a warning names."""
        key = (source, output_name)
        if key not in self._found:
            self._found[key] = self._make(source, output_name, size, where)
        return self._found[key]

    def _make(self, source: str, output_name: str, size: Size | None, where: Any) -> tuple[Candidate, ...]:
        ext = posixpath.splitext(output_name)[1].lower()
        if not self.enabled or size is None or ext not in RESIZABLE:
            return ()
        widths = [width for width in self.widths if width < size[0]]
        real = contained((self.srcdir / source).absolute(), [self.srcdir])
        if not widths or real is None:
            return ()
        missing = [width for width in widths if not self._is_current(variant_name(output_name, width), real)]
        if missing and not self._write(real, output_name, missing, RESIZABLE[ext], where):
            return ()
        return (*((variant_name(output_name, width), width) for width in widths), (output_name, size[0]))

    def _is_current(self, name: str, source: Path) -> bool:
        try:
            return (self.imagedir / name).stat().st_mtime >= source.stat().st_mtime
        except OSError:
            return False

    def _write(self, source: Path, output_name: str, widths: list[int], image_format: str, where: Any) -> bool:
        """The copies at ``widths``, each written whole (to a temporary file, then renamed),
        so a parallel writer or an interrupted build never leaves half an image."""
        from PIL import Image

        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                with Image.open(source) as original:
                    if getattr(original, "is_animated", False):
                        return False  # one frame of an animation would not be the same image
                    original.load()
                    for width in widths:
                        self._save(original, variant_name(output_name, width), width, image_format)
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombWarning, Image.DecompressionBombError) as err:
            self.warn(f"no smaller copies of {source.name} for srcset: {err}", where)
            return False
        return True

    def _save(self, original: object, name: str, width: int, image_format: str) -> None:
        from PIL import Image

        assert isinstance(original, Image.Image)
        height = max(1, round(original.height * width / original.width))
        copy = original.resize((width, height), Image.Resampling.LANCZOS)
        if image_format == "JPEG" and copy.mode not in ("RGB", "L"):
            copy = copy.convert("RGB")
        target = self.imagedir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if inside_output(target, self.imagedir) is None:
            raise OSError(f"{name} would be written outside the output folder")
        options = {"quality": 85} if image_format in ("JPEG", "WEBP") else {}
        exif = original.info.get("exif")
        if exif and image_format in ("JPEG", "WEBP"):
            options["exif"] = exif  # its orientation: the copy turns as the original does
        # a new file (modes as the umask says, like Sphinx's copies), renamed when whole
        temporary = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}")
        try:
            with os.fdopen(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666), "wb") as file:
                copy.save(file, format=image_format, **options)
            os.replace(temporary, target)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def srcset(candidates: Sequence[Candidate], url: Callable[[str], str]) -> str:
    """``a-320.png 320w, a.png 1200w``, each file name made a URL by ``url``."""
    return ", ".join(f"{url(name)} {width}w" for name, width in candidates)
