"""``check.py --self-test``: each check must fail on fixtures/bad.html and pass on fixtures/good.html,
so a check that cannot fail (or cannot pass) shows up before it judges a theme; and a link of ours in
the theme's own failing link colour is the theme's failure (theme-link.html), one in a colour of ours
is ours (our-link.html)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import probes

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHECKS = ("overflow", "card-columns", "card-images", "card-spacing", "thumbnails", "hero-title", "contrast",
          "title-once", "sidebar")
EXPECT = probes.Expect(frozenset({"blog-recentposts"}))


def run(browser: Any, measure: str) -> bool:
    """Print one line per fixture and check; True when every check behaved."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    page = context.new_page()
    ok = True
    for fixture, wanted in (("bad.html", "FAIL"), ("good.html", "PASS")):
        page.goto((FIXTURES / fixture).as_uri(), wait_until="load")
        results = {r.check: r for r in probes.judge(page.evaluate(measure), EXPECT)}
        for check in CHECKS:
            result = results.get(check)
            status = result.status if result else "absent"
            verdict = "ok" if status == wanted else "WRONG"
            ok = ok and status == wanted
            print(f"self-test {fixture:<9} {check:<12} {status:<6} want {wanted}: {verdict} "
                  f"{result.detail if result else ''}")
    for fixture, ours in (("theme-link.html", False), ("our-link.html", True)):
        page.goto((FIXTURES / fixture).as_uri(), wait_until="load")
        result = next(r for r in probes.judge(page.evaluate(measure), EXPECT) if r.check == "contrast")
        behaved = result.status == "FAIL" and result.ours == ours
        ok = ok and behaved
        print(f"self-test {fixture:<9} contrast     {result.status:<6} want FAIL, "
              f"{'ours' if ours else 'the theme' + chr(39) + 's'}: {'ok' if behaved else 'WRONG'} {result.detail}")
    context.close()
    return ok
