"""``benchmarks/paired.py``: both trees built at once, CPUs swapped, the CPUs' bias cancelled."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).parents[1] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import paired  # noqa: E402


def test_the_geometric_mean_of_both_assignments_cancels_a_slower_cpu() -> None:
    # the extension's build is 1.08 x plain's; CPU 1 runs everything 10 % slower
    true_ratio, slow = 1.08, 1.10
    pairs = [paired.Pair({"plain": 0, "ours": 1}, {"plain": 20.0, "ours": 20.0 * true_ratio * slow}),
             paired.Pair({"plain": 1, "ours": 0}, {"plain": 20.0 * slow, "ours": 20.0 * true_ratio})]
    text = paired.report(pairs, 10)
    assert [round(pair.ratio, 3) for pair in pairs] == [1.188, 0.982]
    assert "plain on CPU 0: median ratio 1.188 over 1 pairs" in text
    assert "plain on CPU 1: median ratio 0.982 over 1 pairs" in text
    assert "the CPUs' difference cancels): 1.080" in text


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity") or len(os.sched_getaffinity(0)) < 2,
                    reason="needs two CPUs and os.sched_setaffinity")
def test_a_small_run_builds_both_trees_on_swapped_cpus(capsys: pytest.CaptureFixture[str]) -> None:
    pairs = paired.main(["--posts", "3", "--repeat", "2"])
    first, second = sorted(os.sched_getaffinity(0))[:2]
    assert [pair.cpus for pair in pairs] == [{"plain": first, "ours": second}, {"plain": second, "ours": first}]
    assert all(pair.seconds["plain"] > 0 and pair.seconds["ours"] > 0 for pair in pairs)
    out = capsys.readouterr().out
    assert "same bytes in every pair: plain yes, ours yes" in out
    assert "sphinxext.blog measured: " in out and "sphinxext/blog/__init__.py" in out.replace(os.sep, "/")


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity") or len(os.sched_getaffinity(0)) < 2,
                    reason="needs two CPUs and os.sched_setaffinity")
def test_a_failed_build_stops_the_run_with_its_messages(tmp_path: Path) -> None:
    sources = {}
    for variant, conf in (("plain", ""), ("ours", "raise RuntimeError('conf.py of the broken tree')\n")):
        sources[variant] = tmp_path / variant
        sources[variant].mkdir()
        (sources[variant] / "conf.py").write_text(conf, encoding="utf-8")
        (sources[variant] / "index.rst").write_text("Title\n=====\n", encoding="utf-8")
    first, second = sorted(os.sched_getaffinity(0))[:2]
    with pytest.raises(SystemExit, match="ours build failed:(.|\n)*conf.py of the broken tree"):
        paired.build_pair(sources, tmp_path / "work", {"plain": first, "ours": second})
