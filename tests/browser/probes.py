"""Judge what ``measure.js`` measured on one page: one :class:`Result` per check.

A check is "ours" when what fails is the extension's markup (an element with a
``blog-*`` class or inside one); the exit code of check.py only counts ours.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

WIDE = 1000  # px: from here on the card grid must have several columns and sidebars must show
TOLERANCE = 1.0  # px, for rounding in layout


@dataclass
class Result:
    check: str
    status: str  # PASS, FAIL or SKIP
    detail: str = ""
    ours: bool = True


@dataclass
class Expect:
    """What a theme's snippet promises on a page: the blog sidebar widgets it shows."""

    widgets: frozenset[str]


def _fail_or_pass(check: str, failures: list[str], ours: bool, passed: str) -> Result:
    if failures:
        more = f" (+{len(failures) - 4})" if len(failures) > 4 else ""
        return Result(check, "FAIL", "; ".join(failures[:4]) + more, ours)
    return Result(check, "PASS", passed)


def overflow(m: dict[str, Any]) -> Result:
    """A page wider than the window, or the extension's content cut off by a clipping box."""
    excess = m["scrollWidth"] - m["innerWidth"]
    if excess <= TOLERANCE:
        if m["clipped"]:
            cut = m["clipped"][0]
            return Result("overflow", "FAIL", f"{len(m['clipped'])} blog elements clipped, e.g. "
                          f"{_short(cut['what'])} {cut['past']} px past {cut['by']}")
        return Result("overflow", "PASS", f"scrollWidth {m['scrollWidth']}")
    culprits = m["overflowers"]
    ours = any(c["ours"] for c in culprits)
    named = ", ".join(f"{c['what']} (right {c['right']})" for c in culprits[:2]) or "culprit not found"
    return Result("overflow", "FAIL", f"{excess} px too wide: {named}", ours)


def _rows(cards: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    rows: dict[int, list[dict[str, Any]]] = {}
    for card in cards:
        top = next((t for t in rows if abs(t - card["top"]) <= 2), card["top"])
        rows.setdefault(top, []).append(card)
    return [sorted(rows[top], key=lambda c: c["left"]) for top in sorted(rows)]


def card_columns(m: dict[str, Any]) -> Result | None:
    if not m["grids"] or m["innerWidth"] < WIDE:
        return None
    failures = []
    for grid in m["grids"]:
        rows = _rows(grid["cards"])
        columns = len({c["left"] for c in rows[0]}) if rows else 0
        if columns < 2:
            widths = "/".join(str(c["width"]) for c in rows[0][:2]) if rows else "-"
            failures.append(f"{columns} column(s), card width {widths} px in a {grid['width']} px grid")
    return _fail_or_pass("card-columns", failures, True, f"{_first_row_columns(m)} columns")


def _first_row_columns(m: dict[str, Any]) -> int:
    rows = _rows(m["grids"][0]["cards"])
    return len(rows[0]) if rows else 0


def card_images(m: dict[str, Any]) -> Result | None:
    if not m["grids"]:
        return None
    failures = []
    for grid in m["grids"]:
        for number, row in enumerate(_rows(grid["cards"]), 1):
            heights = [c["img"] for c in row if c["img"] is not None]
            if heights and max(heights) - min(heights) > TOLERANCE:
                failures.append(f"row {number}: image heights {', '.join(f'{h:g}' for h in heights)} px")
    return _fail_or_pass("card-images", failures, True, "equal heights in each row")


def card_spacing(m: dict[str, Any]) -> Result | None:
    """Not in the issue's list, but the furo bug it names: cards need a gutter and padding."""
    if not m["grids"]:
        return None
    failures = []
    for grid in m["grids"]:
        for row in _rows(grid["cards"]):
            gaps = [b["left"] - (a["left"] + a["width"]) for a, b in zip(row, row[1:], strict=False)]
            if gaps and min(gaps) < 8:
                failures.append(f"gutter {min(gaps)} px")
                break
        insets = [c["inset"] for c in grid["cards"] if c["inset"] is not None]
        if insets and min(insets) < 8:
            failures.append(f"card text inset {min(insets)} px")
    return _fail_or_pass("card-spacing", failures, True, "gutters and padding >= 8 px")


def thumbnails(m: dict[str, Any]) -> Result | None:
    if not m["thumbs"]:
        return None
    narrow = [t for t in m["thumbs"] if t["width"] < 64]
    sizes = ", ".join(f"{t['width']:g}x{t['height']:g}" for t in narrow[:3])
    failures = [f"{len(narrow)}/{len(m['thumbs'])} thumbnails narrower than 64 px ({sizes})"] if narrow else []
    widths = sorted({t["width"] for t in m["thumbs"]})
    return _fail_or_pass("thumbnails", failures, True, f"widths {', '.join(f'{w:g}' for w in widths)} px")


def _inside(inner: dict[str, float], outer: dict[str, float]) -> bool:
    return (inner["left"] >= outer["left"] - TOLERANCE and inner["right"] <= outer["right"] + TOLERANCE
            and inner["top"] >= outer["top"] - TOLERANCE and inner["bottom"] <= outer["bottom"] + TOLERANCE)


def hero_title(m: dict[str, Any]) -> Result | None:
    heroes = [h for h in m["heroes"] if h["full"]]
    if not heroes:
        return None
    failures = []
    for hero in heroes:
        if hero["title"] is None:
            continue
        title, image = hero["title"], hero["hero"]
        if not _inside(title, image):
            past = max(title["bottom"] - image["bottom"], image["top"] - title["top"],
                       title["right"] - image["right"], image["left"] - title["left"])
            failures.append(f"title text runs {past:.0f} px past the hero image")
    if all(h["title"] is None for h in heroes):
        return Result("hero-title", "SKIP", "no visible title on the hero")
    return _fail_or_pass("hero-title", failures, True, "title text inside the hero image")


def title_once(m: dict[str, Any]) -> Result:
    shown = [h for h in m["h1"] if h["visible"]]
    failures = []
    if len(shown) != 1:
        failures.append(f"{len(shown)} visible h1 in {m['root']}")
    if len(m["titleCopies"]) > 1:
        failures.append(f"title shown {len(m['titleCopies'])} times: " + " | ".join(m["titleCopies"][:3]))
    return _fail_or_pass("title-once", failures, True, f"“{m['title'][:40]}”")


def sidebar(m: dict[str, Any], expect: Expect) -> Result:
    """Sideways only: a sidebar column taller than the window scrolls, which is fine."""
    present = {w["what"] for w in m["widgets"]}
    if not expect.widgets:
        extra = f" (yet {sorted(present)} in the page)" if present else ""
        return Result("sidebar", "SKIP", "theme shows no blog sidebar" + extra)
    wide = m["innerWidth"] >= WIDE
    failures = [f"missing {name}" for name in sorted(expect.widgets - present)]
    for widget in m["widgets"]:
        if not widget["visible"]:
            if wide and widget["what"] in expect.widgets:
                failures.append(f"{widget['what']} not visible")
            continue
        extent, frame = widget["extent"], widget["frameBox"]
        if extent["left"] < frame["left"] - TOLERANCE or extent["right"] > frame["right"] + TOLERANCE:
            worst = widget["worst"] or {"what": widget["what"], "past": 0}
            failures.append(f"{widget['what']}: {worst['what']} {worst['past']:g} px past {widget['frame']}")
    shown = sum(1 for w in m["widgets"] if w["visible"])
    return _fail_or_pass("sidebar", failures, True, f"{shown}/{len(m['widgets'])} widgets shown, inside their column")


def contrast(m: dict[str, Any]) -> Result | None:
    """Texts below 4.5:1 (3:1 when large); a link of ours shown in the theme's own link
    colour on the theme's own background, when that pair fails too, is the theme's failure."""
    measured = [c for c in m["contrast"] if not c["bgImage"]]
    if not measured:
        return None
    low = [c for c in measured if c["ratio"] < _needed(c)]
    low.sort(key=lambda c: c["ratio"])
    theme = m.get("themeLink")
    failures = [f"{c['ratio']:.2f} “{c['text']}” {c['fg']} on {c['bg']} ({_short(c['what'])})"
                + (f" [{c['plain']:.2f} without opacity]" if c["plain"] - c["ratio"] > 0.05 else "")
                + (" [the theme's link colour]" if _theme_link_colour(c, theme) else "") for c in low]
    worst = min(c["ratio"] for c in measured)
    passed = f"{len(measured)} texts, lowest {worst:.2f}"
    ours = any(c["ours"] and not _theme_link_colour(c, theme) for c in low)
    return _fail_or_pass("contrast", failures, ours, passed)


def _theme_link_colour(text: dict[str, Any], theme: dict[str, Any] | None) -> bool:
    return (theme is not None and text.get("link", False) and text["fg"] == theme["fg"]
            and text["bg"] == theme["bg"] and theme["ratio"] < _needed(text))


def _needed(text: dict[str, Any]) -> float:
    large = text["size"] >= 24 or (text["bold"] and text["size"] >= 18.66)
    return 3.0 if large else 4.5


def _short(path: str) -> str:
    return path.rsplit(" > ", 2)[-2] + " > " + path.rsplit(" > ", 1)[-1] if " > " in path else path


def judge(m: dict[str, Any], expect: Expect) -> list[Result]:
    """Every check that applies to this page."""
    checks: Iterable[Callable[[dict[str, Any]], Result | None]] = (
        overflow, card_columns, card_images, card_spacing, thumbnails, hero_title, contrast)
    results = [r for r in (check(m) for check in checks) if r is not None]
    results.append(title_once(m))
    results.append(sidebar(m, expect))
    return results
