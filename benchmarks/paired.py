"""Paired full builds: plain MyST and sphinxext.blog at the same time, one on each CPU.

``run.py`` builds the variants one after the other.  On a shared virtual machine the
same build then moves by several percent from one minute to the next, so a ratio of
two builds made a minute apart says little.  Two builds made at the same time share
those minutes.  The two CPUs need not be equal: on the machine this was written on, a
build ran about 7 % slower on one of them, and which one changed from run to run.  So the
variants swap CPUs every repetition, and the report gives the median ratio for each
assignment and their geometric mean, in which the difference between the CPUs cancels.
Both builds share the memory bandwidth and caches, so each is slower than alone; the
ratio is what is measured.

Only full builds, in fresh output folders; the output of each build is checked to be
the same bytes in every repetition.  Needs two CPUs and ``os.sched_setaffinity``
(Linux).  Usage::

    python benchmarks/paired.py --posts 1000 --repeat 6

As for ``run.py``, point ``PYTHONPATH`` at a checkout to measure it rather than the
installed package.
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
from run import SOURCE_DATE_EPOCH, digest, loadavg, measured_package, snapshot  # noqa: E402

VARIANTS = ("plain", "ours")


@dataclass
class Pair:
    cpus: dict[str, int]  # variant -> the CPU it ran on
    seconds: dict[str, float]

    @property
    def ratio(self) -> float:
        return self.seconds["ours"] / self.seconds["plain"]


def start_build(src: Path, out: Path, cpu: int) -> subprocess.Popen:
    """``sphinx-build -b html -q`` in a subprocess bound to one CPU; its messages go to
    ``<out>.log`` (a pipe nobody reads while it runs could fill up and stop it)."""
    environ = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "NO_COLOR": "1"}
    environ.pop("PYTHONDONTWRITEBYTECODE", None)
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", str(src), str(out)]
    with open(out.parent / f"{out.name}.log", "w", encoding="utf-8") as log:
        return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log, env=environ,
                                cwd=out.parent, preexec_fn=lambda: os.sched_setaffinity(0, {cpu}))


def build_pair(sources: dict[str, Path], work: Path, cpus: dict[str, int]) -> Pair:
    """Both variants at once; each one's wall time from its start to its own end."""
    if hasattr(os, "sync"):
        os.sync()
    started, processes = {}, {}
    for variant in VARIANTS:
        out = work / variant
        out.mkdir(parents=True)
        started[variant] = time.perf_counter()
        processes[variant] = start_build(sources[variant], out / "html", cpus[variant])
    seconds = {}
    pending = dict(processes)
    while pending:
        pid, status = os.wait()
        variant = next(v for v, p in pending.items() if p.pid == pid)
        seconds[variant] = round(time.perf_counter() - started[variant], 3)
        process = pending.pop(variant)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            for other in pending.values():  # the other build's time means nothing now
                other.kill()
                other.wait()
            log = work / variant / "html.log"
            raise SystemExit(f"{variant} build failed:\n{log.read_text(encoding='utf-8', errors='replace')[-3000:]}")
    return Pair(cpus, seconds)


def geometric_mean(values: list[float]) -> float:
    return math.exp(statistics.fmean(math.log(v) for v in values)) if values else float("nan")


def report(pairs: list[Pair], posts: int) -> str:
    lines = [f"N = {posts} posts, {len(pairs)} pairs, each pair built at the same time", "",
             "pair  plain on CPU  plain s  ours s  ours / plain",
             "----  ------------  -------  ------  ------------"]
    for number, pair in enumerate(pairs, 1):
        lines.append(f"{number:>4}  {pair.cpus['plain']:>12}  {pair.seconds['plain']:>7.2f}  "
                     f"{pair.seconds['ours']:>6.2f}  {pair.ratio:>12.3f}")
    lines.append("")
    by_cpu: dict[int, list[float]] = {}
    for pair in pairs:
        by_cpu.setdefault(pair.cpus["plain"], []).append(pair.ratio)
    for cpu, ratios in sorted(by_cpu.items()):
        lines.append(f"plain on CPU {cpu}: median ratio {statistics.median(ratios):.3f} over {len(ratios)} pairs")
    medians = [statistics.median(ratios) for ratios in by_cpu.values()]
    lines.append(f"geometric mean of those medians (the CPUs' difference cancels): {geometric_mean(medians):.3f}")
    lines.append(f"geometric mean of all pairs' ratios: {geometric_mean([p.ratio for p in pairs]):.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> list[Pair]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=1000, help="number of posts (default 1000)")
    parser.add_argument("--repeat", type=int, default=6, help="pairs to build, CPUs swapped each time (default 6)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if not hasattr(os, "sched_setaffinity") or len(os.sched_getaffinity(0)) < 2:
        parser.error("needs two CPUs this process may use, and os.sched_setaffinity (Linux)")
    first, second = sorted(os.sched_getaffinity(0))[:2]
    work = Path(tempfile.mkdtemp(prefix="blog-paired-"))
    try:
        site = generate.make_site(args.posts, args.seed)
        sources = {v: generate.write_site(site, v, work / "sources" / v) for v in VARIANTS}
        pairs: list[Pair] = []
        digests: dict[str, set[str]] = {v: set() for v in VARIANTS}
        print(f"load average before: {loadavg():.2f}", file=sys.stderr)
        for number in range(args.repeat):
            cpus = {"plain": first, "ours": second} if number % 2 == 0 else {"plain": second, "ours": first}
            target = work / f"pair{number}"
            pair = build_pair(sources, target, cpus)
            pairs.append(pair)
            for variant in VARIANTS:
                digests[variant].add(digest(snapshot(target / variant / "html")))
            shutil.rmtree(target, ignore_errors=True)
            print(f"[{number + 1}/{args.repeat}] plain {pair.seconds['plain']:.2f} s on CPU {cpus['plain']}, "
                  f"ours {pair.seconds['ours']:.2f} s on CPU {cpus['ours']}: {pair.ratio:.3f}", file=sys.stderr)
        print(f"sphinxext.blog measured: {measured_package(work)}")
        print(report(pairs, args.posts))
        print("same bytes in every pair: " + ", ".join(f"{v} {'yes' if len(d) == 1 else 'NO'}"
                                                       for v, d in digests.items()))
        return pairs
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
