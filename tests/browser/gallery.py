"""``check.py --gallery DIR``: the small screenshots of the docs' Themes page.

A few views per theme, of the window only (not the whole page) and rendered at a
lower device scale, so the PNGs stay small enough to commit: docs/images/themes/.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

# (page, width, height, colour scheme, device scale): a post and the blog's landing page
# at desktop width, a post on a phone
VIEWS = (
    ("post-full", 1280, 800, "light", 0.5),
    ("index", 1280, 800, "dark", 0.5),
    ("post-standard", 390, 760, "light", 0.75),
)


def shoot(browser: Any, site: Any, folder: Path) -> list[Path]:
    """The gallery's screenshots of one built site; their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for key, width, height, scheme, scale in VIEWS:
        if key not in site.pages:
            continue
        context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme,
                                      device_scale_factor=scale)
        page = context.new_page()
        page.goto(site.pages[key].as_uri(), wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")
        path = folder / f"{site.theme}-{key}-{width}-{scheme}.png"
        page.screenshot(path=str(path))
        made.append(path)
        context.close()
    return made
