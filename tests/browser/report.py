"""The summary check.py prints after its per-check lines."""

from __future__ import annotations

from collections import defaultdict
from typing import Any


def _failing(rows: list[dict[str, Any]], ours: bool) -> str:
    """``check: page, page/dark`` for the failed checks; a page failing in one scheme only says which."""
    schemes: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in rows:
        if row["status"] == "FAIL" and row["ours"] == ours:
            schemes[row["check"]][row["page"]].add(row["scheme"])
    parts = []
    for check, pages in schemes.items():
        named = [page if len(found) > 1 or "-" in found else f"{page}/{next(iter(found))}"
                 for page, found in pages.items()]
        parts.append(f"{check}: {', '.join(named)}")
    return "; ".join(parts) or "-"


def checks_table(rows: list[dict[str, Any]]) -> None:
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[(row["theme"], str(row["width"]))].append(row)
    print("\n| theme | width | checks | pass | fail (ours) | fail (theme) | skip | failing, ours | failing, theme's |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for (theme, width), group in groups.items():
        count = {s: sum(1 for r in group if r["status"] == s) for s in ("PASS", "SKIP")}
        ours = sum(1 for r in group if r["status"] == "FAIL" and r["ours"])
        theirs = sum(1 for r in group if r["status"] == "FAIL" and not r["ours"])
        print(f"| {theme} | {width} | {len(group)} | {count['PASS']} | {ours} | {theirs} | {count['SKIP']} "
              f"| {_failing(group, True)} | {_failing(group, False)} |")


def axe_table(violations: list[dict[str, Any]]) -> None:
    """By rule: distinct nodes (theme, page, selector) over all widths and schemes."""
    if not violations:
        print("\naxe: no serious or critical violation")
        return
    rules: dict[str, dict[str, Any]] = {}
    for v in violations:
        rule = rules.setdefault(v["rule"], {"impact": v["impact"], "ours": set(), "theirs": set(), "themes": set(),
                                            "example": ""})
        rule["themes"].add(v["theme"])
        for side in ("ours", "theirs"):
            for node in v[side]:
                rule[side].add((v["theme"], v["page"], node["target"]))
                if side == "ours" and not rule["example"]:
                    rule["example"] = node["target"]
    print("\n| axe rule | impact | nodes, ours | nodes, theme's | themes | an example of ours |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, rule in sorted(rules.items(), key=lambda item: -len(item[1]["ours"])):
        print(f"| {name} | {rule['impact']} | {len(rule['ours'])} | {len(rule['theirs'])} "
              f"| {', '.join(sorted(rule['themes']))} | `{rule['example'] or '-'}` |")


def summary(rows: list[dict[str, Any]], violations: list[dict[str, Any]], timing: dict[str, dict[str, float]]) -> None:
    checks_table(rows)
    axe_table(violations)
    print("\n| theme | build s | total s |")
    print("| --- | --- | --- |")
    for theme, seconds in timing.items():
        print(f"| {theme} | {seconds['build']} | {seconds['total']} |")
    ours = sum(1 for r in rows if r["status"] == "FAIL" and r["ours"])
    theirs = sum(1 for r in rows if r["status"] == "FAIL" and not r["ours"])
    print(f"\n{len(rows)} checks: {ours} failed because of the extension, {theirs} because of the theme")
