"""The browser test of the themes issue: build docs/ with each theme, open the blog's pages
in Chromium (Playwright) at 1280 and 390 px, light and dark, and check the layout.

    python tests/browser/check.py --themes alabaster,furo --out artifacts/browser

Prints one line per check (``theme width scheme page check STATUS detail``), a summary
table, and exits 1 when a check fails because of the extension's markup (``--report-only``:
always 0). Without Chromium or Playwright it prints SKIPPED and exits 0. Not collected
by pytest (no ``test_*.py`` file here); ``tox -e browser`` runs it.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

import axe
import gallery
import probes
import report
import selftest
import sites

HERE = Path(__file__).resolve().parent
MEASURE = (HERE / "measure.js").read_text("utf-8")
VIEWPORTS = {1280: 900, 390: 844}
SCHEMES = ("light", "dark")
AXE_PAGES = ("post-full", "index", "tag", "author", "archive")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--themes", default=",".join(sites.THEME_SNIPPETS),
                        help="comma-separated: alabaster,furo,pydata_sphinx_theme,sphinx_book_theme,sphinx_rtd_theme")
    parser.add_argument("--out", type=Path, default=sites.REPO / "artifacts" / "browser",
                        help="folder for screenshots and results.json")
    parser.add_argument("--chromium", default=None, help="the browser binary (default: chromium on PATH)")
    parser.add_argument("--axe", default=None, help="axe.min.js (default: $AXE_CORE_JS or node_modules/axe-core)")
    parser.add_argument("--keep", type=Path, default=None, help="build the sites here and keep them")
    parser.add_argument("--report-only", action="store_true", help="exit 0 even when checks fail")
    parser.add_argument("--self-test", action="store_true", help="only check the checks on fixtures/*.html")
    parser.add_argument("--gallery", type=Path, default=None,
                        help="also save the small screenshots of the docs' Themes page here (docs/images/themes)")
    return parser.parse_args(argv)


def find_chromium(explicit: str | None) -> str | None:
    found = ["/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")]
    candidates = [explicit] if explicit else found
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def skip_reason(chromium: str | None) -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install playwright)"
    if chromium is None:
        return "no Chromium found (apt-get install chromium, or pass --chromium)"
    return None


class Run:
    """Everything one run checked, for the printed lines, the summary and results.json."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []
        self.violations: list[dict[str, Any]] = []
        self.timing: dict[str, dict[str, float]] = {}

    def add(self, theme: str, width: int | str, scheme: str, page: str, result: probes.Result) -> None:
        row = {"theme": theme, "width": width, "scheme": scheme, "page": page, **asdict(result)}
        self.rows.append(row)
        detail = result.detail if result.ours or result.status != "FAIL" else f"[theme] {result.detail}"
        line = f"{theme:<19} {width!s:>4} {scheme:<5} {page:<13} {result.check:<12} {result.status} {detail}"
        print(line, flush=True)

    def failed_ours(self) -> bool:
        return any(r["status"] == "FAIL" and r["ours"] for r in self.rows)


def check_build(run: Run, site: sites.Site) -> None:
    if site.returncode != 0:
        run.add(site.theme, "-", "-", "site", probes.Result("build", "FAIL", f"exit {site.returncode}: "
                                                            + (site.warnings[-1] if site.warnings else "")))
        return
    ours = any("[blog" in w for w in site.warnings)
    status = "FAIL" if site.warnings else "PASS"
    detail = f"{len(site.warnings)} warnings" + (f", first: {site.warnings[0][:160]}" if site.warnings else "")
    run.add(site.theme, "-", "-", "site", probes.Result("build", status, detail, ours))
    missing = sites.missing_author_names(site)
    detail = f"names missing from author pages: {', '.join(missing)}" if missing else "names on author pages"
    run.add(site.theme, "-", "-", "site", probes.Result("authors", "FAIL" if missing else "PASS", detail))


def check_page(run: Run, browser_page: Any, site: sites.Site, key: str, where: tuple[int, str], args: Any) -> None:
    width, scheme = where
    browser_page.goto(site.pages[key].as_uri(), wait_until="load")
    browser_page.evaluate("document.fonts.ready.then(() => true)")
    measured = browser_page.evaluate(MEASURE)
    promised = sites.SIDEBAR_WIDGETS[site.theme]
    kind = "post" if key in ("post-full", "post-standard") else key if key in promised else "page"
    expect = probes.Expect(frozenset(promised[kind]))
    for result in probes.judge(measured, expect):
        run.add(site.theme, width, scheme, key, result)
    shot = args.out / site.theme / f"{key}-{width}-{scheme}.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    browser_page.screenshot(path=str(shot), full_page=True)
    if args.axe_script and key in AXE_PAGES:
        found = axe.run(browser_page, args.axe_script, measured.get("themeLink"))
        run.add(site.theme, width, scheme, key, axe.judge(found))
        for violation in found:
            run.violations.append({"theme": site.theme, "width": width, "scheme": scheme, "page": key,
                                   **asdict(violation)})


def check_theme(run: Run, browser: Any, theme: str, workdir: Path, args: Any) -> None:
    started = time.monotonic()
    site = sites.build(theme, workdir / theme)
    check_build(run, site)
    for width, height in VIEWPORTS.items():
        for scheme in SCHEMES:
            context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
            browser_page = context.new_page()
            for key in site.pages:
                check_page(run, browser_page, site, key, (width, scheme), args)
            context.close()
    if args.gallery and site.pages:
        gallery.shoot(browser, site, args.gallery)
    run.timing[theme] = {"build": round(site.seconds, 1), "total": round(time.monotonic() - started, 1)}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    chromium = find_chromium(args.chromium)
    reason = skip_reason(chromium)
    if reason:
        print(f"SKIPPED: browser test not run: {reason}")
        return 0
    from playwright.sync_api import sync_playwright

    themes = [sites.theme_name(t.strip()) for t in args.themes.split(",") if t.strip()]
    unknown = [t for t in themes if t not in sites.THEME_SNIPPETS]
    if unknown:
        print(f"unknown theme(s): {', '.join(unknown)}; known: {', '.join(sites.THEME_SNIPPETS)}")
        return 2
    if args.self_test:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            ok = selftest.run(browser, MEASURE)
            browser.close()
        return 0 if ok else 1
    args.axe_script = axe.find_axe(args.axe)
    if args.axe_script is None:
        print("axe-core not found (npm install axe-core, or --axe PATH): accessibility checks skipped")
    run = Run()
    with tempfile.TemporaryDirectory(prefix="blog-browser-") as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        workdir = args.keep or Path(tmp)
        for theme in themes:
            check_theme(run, browser, theme, workdir, args)
        browser.close()
    report.summary(run.rows, run.violations, run.timing)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(
        {"rows": run.rows, "axe": run.violations, "timing": run.timing}, indent=1, ensure_ascii=False), "utf-8")
    print(f"screenshots and results.json in {args.out}")
    return 1 if run.failed_ours() and not args.report_only else 0


if __name__ == "__main__":
    sys.exit(main())
