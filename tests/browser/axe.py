"""Run axe-core (from npm, injected into the page) and sort its findings into ours and the theme's."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from probes import Result

SEVERE = ("serious", "critical")

# After axe.run: each node of a violation, with "ours" when the element its selector
# names (or its HTML) is the extension's: a blog-* class on it or on an ancestor other
# than the <section> wrapping a whole post or list page (as in measure.js).  A contrast
# failure of a link of ours in the theme's own link colour on the theme's own background
# (``theme_link``: measure.js' probe, {fg, bg, ratio}) is the theme's, as in probes.py.
_RUN = """async (themeLink) => {
  const result = await axe.run(document, { resultTypes: ['violations'] });
  const ours = (el) => { for (let e = el; e && e.nodeType === 1; e = e.parentElement)
    if (e.tagName !== 'SECTION' && [...e.classList].some((c) => c.startsWith('blog-'))) return true;
    return false; };
  return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => { const sel = Array.isArray(n.target[0]) ? n.target[0][0] : n.target[0];
      let el = null; try { el = document.querySelector(sel); } catch (e) {}
      const themeColour = !!(themeLink && themeLink.ratio < 4.5 && el && el.closest('a[href]')
        && (n.any || []).some((c) => c.data && c.data.fgColor === themeLink.fg && c.data.bgColor === themeLink.bg));
      return { target: String(n.target.join(' ')), html: n.html.slice(0, 160), themeColour,
               // the opening tag's classes only when the selector finds nothing (e.g. in a frame)
               ours: !themeColour && (el ? ours(el) : /^<(?!section)[^>]*class="[^"]*\\bblog-/.test(n.html)),
               impact: n.impact }; }) }));
}"""


@dataclass
class Violation:
    rule: str
    impact: str
    help: str
    ours: list[dict[str, Any]] = field(default_factory=list)
    theirs: list[dict[str, Any]] = field(default_factory=list)


def find_axe(explicit: str | None) -> Path | None:
    """axe.min.js from --axe, $AXE_CORE_JS, or an npm install under the repo or the tox work dir."""
    repo = Path(__file__).resolve().parents[2]
    candidates = [explicit, os.environ.get("AXE_CORE_JS"),
                  repo / "node_modules/axe-core/axe.min.js", repo / ".tox/axe/node_modules/axe-core/axe.min.js"]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def run(page: Any, script: Path, theme_link: dict[str, Any] | None = None) -> list[Violation]:
    """Serious and critical violations on the open page."""
    page.add_script_tag(path=str(script))
    found = []
    for raw in page.evaluate(_RUN, theme_link):
        if raw["impact"] not in SEVERE:
            continue
        violation = Violation(raw["id"], raw["impact"], raw["help"])
        for node in raw["nodes"]:
            (violation.ours if node["ours"] else violation.theirs).append(node)
        found.append(violation)
    return found


def judge(violations: list[Violation]) -> Result:
    if not violations:
        return Result("axe", "PASS", "no serious or critical violation")
    parts = [f"{v.rule}[{v.impact}] ours {len(v.ours)}/theme {len(v.theirs)}" + _link_colour(v) for v in violations]
    ours = any(v.ours for v in violations)
    return Result("axe", "FAIL", "; ".join(parts), ours)


def _link_colour(violation: Violation) -> str:
    """How many of the theme's nodes are links of ours in the theme's own link colour."""
    count = sum(1 for node in violation.theirs if node.get("themeColour"))
    return f" (of which {count} ours in the theme's link colour)" if count else ""
