"""Benchmark: plain MyST vs sphinxext.blog vs ABlog on a generated site of N posts.

For each repetition the variants are built in turn (plain, ours, ablog, plain,
ours, ablog, ...), each in a fresh copy of its source tree and a fresh output
folder, with ``python -m sphinx -b html -q`` in a subprocess.  Per build it
measures the wall time, the CPU time (user + system) and the peak resident memory
of the build process and its children (``os.wait4`` returns the rusage of exactly
that child).  After the full build, four incremental builds run in the same
output folder, one after the other:

* no change at all,
* a sentence appended to the body of one post (the middle one by date),
* the title of the newest post changed,
* a new post, newer than all others,

and for each the number of HTML files whose bytes changed (``genindex.html``
and ``search.html`` left out) is counted.  After the title change every HTML
file of the output is searched for the old title: a page still showing it is
stale.

``--jobs J`` (J > 1) adds a full build of ``ours`` with ``-j J`` per repetition
and compares its output with the ``-j 1`` output byte for byte.

Usage (``tox -e bench -- --posts 1000`` runs the same)::

    python benchmarks/run.py --posts 1000 --repeat 3 --jobs 2 --json bench.json
    python benchmarks/run.py --posts 1000 --repeat 1 --variants ours --profile ours.prof

To measure a checkout other than the installed one, point ``PYTHONPATH`` at it:
the builds run outside the repository, so ``python -m`` cannot pick up ``./sphinxext``.

The machine's load average is printed with the figures: on a busy machine the
times mean little.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

VARIANT_LABELS = {"plain": "A plain MyST", "ours": "B sphinxext.blog", "ablog": "C ABlog"}
#: pages that list every document or none: left out of "pages changed"
IGNORED_PAGES = {"genindex.html", "search.html"}
# fixed "now": reproducible output (copyright year, "published" decisions, feeds)
SOURCE_DATE_EPOCH = "1735689600"  # 2025-01-01
NEW_TITLE = "Renamed for the rebuild benchmark"
ADDED_SENTENCE = " This sentence was added to measure an incremental rebuild."


@dataclass
class Build:
    seconds: float
    max_rss_mb: float
    returncode: int
    warnings: int
    load: float  # 1-minute load average just before the build
    cpu_seconds: float = 0.0  # user + system time of the build process and its children


@dataclass
class Change:
    build: Build
    html_changed: int  # HTML files whose bytes changed (or appeared / disappeared)
    html_written: int  # HTML files written again (mtime changed), same bytes or not
    other_changed: int  # non-HTML files changed (feeds, searchindex.js, ...)
    sample: list[str] = field(default_factory=list)  # a few changed HTML pages
    old_title_pages: int | None = None  # after a title change: pages still showing the old title
    new_title_pages: int | None = None
    stale_sample: list[str] = field(default_factory=list)  # a few pages still showing the old title


@dataclass
class Run:
    variant: str
    full: Build
    env_pickle_bytes: int
    html_files: int
    html_bytes: int
    no_change: Change
    body_edit: Change
    title_edit: Change
    new_post: Change
    digest: str = ""  # of the full build's output, for the run-to-run check


@dataclass
class ParallelRun:
    full: Build
    identical: bool
    differing: list[str]


# -- running Sphinx ----------------------------------------------------------------------


def loadavg() -> float:
    try:
        return float(Path("/proc/loadavg").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")


def sphinx_build(src: Path, out: Path, jobs: int = 1, log: Path | None = None,
                 prefix: list[str] | None = None) -> Build:
    """One ``sphinx-build -b html -q`` in a subprocess: wall time, CPU time and peak RSS."""
    command = [sys.executable, *(prefix or ["-m", "sphinx"]), "-b", "html", "-q", str(src), str(out)]
    if jobs > 1:
        command += ["-j", str(jobs)]
    environ = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "NO_COLOR": "1"}
    # bytecode cached, as for installed packages: without it, an editable install of
    # the extension is compiled again by every build, while Sphinx's bytecode is reused
    environ.pop("PYTHONDONTWRITEBYTECODE", None)
    log = log or out.parent / f"{out.name}.log"
    # the files just copied or deleted (a fresh source tree, the previous variant's output)
    # are written back to the disk now, not during the build being timed
    if hasattr(os, "sync"):
        os.sync()
    load = loadavg()
    with open(log, "w", encoding="utf-8") as stderr:
        start = time.perf_counter()
        # not in the caller's folder: "python -m" puts the working folder first on sys.path,
        # and the repository's own checkout would shadow the sphinxext.blog being measured
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr, env=environ, cwd=out.parent)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss: kilobytes on Linux, bytes on macOS
    rss_mb = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    text = log.read_text(encoding="utf-8", errors="replace")
    if process.returncode != 0:
        raise SystemExit(f"build failed ({process.returncode}): {' '.join(command)}\n{text[-3000:]}")
    cpu = usage.ru_utime + usage.ru_stime
    return Build(round(seconds, 3), round(rss_mb, 1), process.returncode, text.count("WARNING"), load, round(cpu, 3))


# -- comparing outputs ---------------------------------------------------------------------


def snapshot(out: Path) -> dict[str, tuple[str, int]]:
    """relative path -> (sha1, mtime_ns) of every output file but the doctrees."""
    files = {}
    for path in out.rglob("*"):
        if path.is_file() and ".doctrees" not in path.parts and path.name != ".buildinfo":
            files[path.relative_to(out).as_posix()] = (
                hashlib.sha1(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    return files


def compare(before: dict[str, tuple[str, int]], after: dict[str, tuple[str, int]]) -> tuple[list[str], list[str], int]:
    """(changed HTML pages, written HTML pages, changed other files)."""
    names = before.keys() | after.keys()
    changed = sorted(n for n in names if (before.get(n) or ("",))[0] != (after.get(n) or ("",))[0])
    written = sorted(n for n in names if before.get(n) != after.get(n))
    html = [n for n in changed if n.endswith(".html") and n.rsplit("/", 1)[-1] not in IGNORED_PAGES]
    html_written = [n for n in written if n.endswith(".html") and n.rsplit("/", 1)[-1] not in IGNORED_PAGES]
    return html, html_written, len([n for n in changed if not n.endswith(".html")])


def pages_with(out: Path, text: str) -> list[str]:
    """HTML files showing ``text`` as a whole phrase."""
    pattern = re.compile(r"(?<![\w])" + re.escape(text) + r"(?![\w])")
    return sorted(path.relative_to(out).as_posix() for path in out.rglob("*.html") if ".doctrees" not in path.parts
                  and pattern.search(path.read_text(encoding="utf-8", errors="replace")))


def digest(files: dict[str, tuple[str, int]]) -> str:
    return hashlib.sha1(json.dumps(sorted((k, v[0]) for k, v in files.items())).encode()).hexdigest()


# -- edits ----------------------------------------------------------------------------------


def append_sentence(path: Path) -> None:
    """Append a sentence to the post's last paragraph (the excerpt stays the same)."""
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(text + ADDED_SENTENCE + "\n", encoding="utf-8")


def change_title(path: Path, variant: str, old: str, new: str) -> None:
    """Rename a post; in the plain and ABlog trees the hero image's alt text (the title) too.

    Ours derives the image's alt text from the title, as the others' alt text was written.
    """
    text = path.read_text(encoding="utf-8")
    if variant == "ours":
        updated = text.replace(f"title: {json.dumps(old)}\n", f"title: {json.dumps(new)}\n", 1)
    else:
        updated = text.replace(f"# {old}\n", f"# {new}\n", 1).replace(f"![{old}](", f"![{new}](")
    if updated == text:
        raise SystemExit(f"could not change the title in {path}")
    path.write_text(updated, encoding="utf-8")


# -- one repetition of one variant ----------------------------------------------------------------


def run_variant(variant: str, source: Path, work: Path, site: generate.Site) -> tuple[Run, dict[str, tuple[str, int]]]:
    src, out = work / "src", work / "out"
    shutil.copytree(source, src)
    full = sphinx_build(src, out)
    full_files = snapshot(out)
    html = [p for p in out.rglob("*.html") if ".doctrees" not in p.parts]
    env_pickle = out / ".doctrees" / "environment.pickle"

    def rebuild(name: str, title: tuple[str, str] | None = None) -> Change:
        before = snapshot(out)
        time.sleep(0.01)  # distinct mtimes
        build = sphinx_build(src, out, log=work / f"{name}.log")
        changed, written, other = compare(before, snapshot(out))
        change = Change(build, len(changed), len(written), other, changed[:8])
        if title:
            stale = pages_with(out, title[0])
            change.old_title_pages, change.stale_sample = len(stale), stale[:8]
            change.new_title_pages = len(pages_with(out, title[1]))
        return change

    no_change = rebuild("no-change")
    middle = sorted(site.posts, key=lambda p: (p.date, p.docname))[len(site.posts) // 2]
    append_sentence(src / f"{middle.docname}.md")
    body_edit = rebuild("body-edit")
    newest = site.newest
    change_title(src / f"{newest.docname}.md", variant, newest.title, NEW_TITLE)
    title_edit = rebuild("title-edit", (newest.title, NEW_TITLE))
    added = generate.new_post(site)
    (src / f"{added.docname}.md").write_text(generate.render_post(added, variant), encoding="utf-8")
    new_post = rebuild("new-post")
    new_post.new_title_pages = len(pages_with(out, added.title))
    run = Run(
        variant=variant,
        full=full,
        env_pickle_bytes=env_pickle.stat().st_size if env_pickle.exists() else 0,
        html_files=len(html),
        html_bytes=sum(p.stat().st_size for p in html),
        no_change=no_change,
        body_edit=body_edit,
        title_edit=title_edit,
        new_post=new_post,
        digest=digest(full_files),
    )
    return run, full_files


# -- report -------------------------------------------------------------------------------------


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def summarize(runs: dict[str, list[Run]], parallel: list[ParallelRun], jobs: int) -> dict:
    summary: dict = {}
    for variant, items in runs.items():
        full = [r.full.seconds for r in items]
        last = items[-1]

        def change(kind: str, items: list[Run] = items) -> dict:
            changes = [getattr(r, kind) for r in items]
            result = {
                "median_s": round(median([c.build.seconds for c in changes]), 2),
                "html_changed": [c.html_changed for c in changes],
                "html_written": [c.html_written for c in changes],
                "other_changed": [c.other_changed for c in changes],
                "sample": changes[-1].sample,
            }
            if kind == "new_post":
                result["showing_it"] = [c.new_title_pages for c in changes]
            if kind == "title_edit":
                result["old_title_pages"] = [c.old_title_pages for c in changes]
                result["new_title_pages"] = [c.new_title_pages for c in changes]
                result["stale_sample"] = changes[-1].stale_sample
            return result

        summary[variant] = {
            "full_median_s": round(median(full), 2),
            "full_cpu_median_s": round(median([r.full.cpu_seconds for r in items]), 2),
            "full_min_s": round(min(full), 2),
            "full_max_s": round(max(full), 2),
            "peak_rss_mb": max(r.full.max_rss_mb for r in items),
            "env_pickle_mb": round(last.env_pickle_bytes / 1e6, 2),
            "html_files": last.html_files,
            "html_mb": round(last.html_bytes / 1e6, 1),
            "warnings": last.full.warnings,
            "run_to_run_identical": len({r.digest for r in items}) == 1 if len(items) > 1 else None,
            "no_change": change("no_change"),
            "body_edit": change("body_edit"),
            "title_edit": change("title_edit"),
            "new_post": change("new_post"),
        }
    ratios = {}
    if "ours" in summary:
        for other in ("plain", "ablog"):
            if other in summary:
                ours, theirs = summary["ours"], summary[other]
                ratios[f"full ours/{other}"] = round(ours["full_median_s"] / theirs["full_median_s"], 2)
                ratios[f"full CPU time ours/{other}"] = round(
                    ours["full_cpu_median_s"] / theirs["full_cpu_median_s"], 2)
                ratios[f"no-change ours/{other}"] = round(
                    summary["ours"]["no_change"]["median_s"] / summary[other]["no_change"]["median_s"], 2)
    summary["ratios"] = ratios
    if parallel:
        seconds = [p.full.seconds for p in parallel]
        summary["parallel"] = {
            "jobs": jobs,
            "full_median_s": round(median(seconds), 2),
            "full_min_s": round(min(seconds), 2),
            "full_max_s": round(max(seconds), 2),
            "peak_rss_mb": max(p.full.max_rss_mb for p in parallel),
            "speedup_vs_j1": round(summary["ours"]["full_median_s"] / median(seconds), 2),
            "identical_to_j1": all(p.identical for p in parallel),
            "differing": sorted({d for p in parallel for d in p.differing})[:20],
        }
    return summary


def table(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for number, row in enumerate(rows):
        cells = zip(row, widths, strict=True)
        lines.append("  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(cells)))
        if number == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def counts(values: list) -> str:
    """'12' when every repetition agrees, else '12/13/12'."""
    return str(values[0]) if len(set(values)) == 1 else "/".join(str(v) for v in values)


def report(summary: dict, meta: dict) -> str:
    variants = [v for v in generate.VARIANTS if v in summary]
    out = [
        f"N = {meta['posts']} posts (+ {meta['handbook_pages']} handbook pages), {meta['repeat']} repetitions, "
        f"python {meta['python']}, Sphinx {meta['sphinx']}, myst-parser {meta['myst_parser']}, ABlog {meta['ablog']}",
        f"sphinxext.blog measured: {meta['sphinxext_blog_path']}",
        f"load average (1 min) before the builds: min {meta['load_min']:.2f}, max {meta['load_max']:.2f}; "
        f"at start: {meta['loadavg_start']}; at end: {meta['loadavg_end']}; {meta['cpus']} CPUs",
        "",
        "Full build (fresh output folder)",
    ]
    rows = [["variant", "median s", "min s", "max s", "CPU s", "peak RSS MB", "env.pickle MB", "HTML files", "HTML MB",
             "warnings", "same bytes run to run"]]
    for v in variants:
        s = summary[v]
        same = {True: "yes", False: "NO", None: "-"}[s["run_to_run_identical"]]
        rows.append([VARIANT_LABELS[v], f"{s['full_median_s']:.2f}", f"{s['full_min_s']:.2f}",
                     f"{s['full_max_s']:.2f}", f"{s['full_cpu_median_s']:.2f}", f"{s['peak_rss_mb']:.0f}",
                     f"{s['env_pickle_mb']:.2f}",
                     str(s["html_files"]), f"{s['html_mb']:.1f}", str(s["warnings"]), same])
    out.append(table(rows))
    out += ["", "Incremental rebuilds (median s; HTML pages whose bytes changed, genindex/search left out; "
                "'written' = files rewritten, same bytes or not)"]
    rows = [["variant", "no change s", "changed", "written", "body edit s", "changed", "written",
             "title edit s", "changed", "written", "stale (old title)", "new title",
             "new post s", "changed", "written", "showing it"]]
    for v in variants:
        s = summary[v]
        nc, be, te, npost = s["no_change"], s["body_edit"], s["title_edit"], s["new_post"]
        rows.append([VARIANT_LABELS[v], f"{nc['median_s']:.2f}", counts(nc["html_changed"]), counts(nc["html_written"]),
                     f"{be['median_s']:.2f}", counts(be["html_changed"]), counts(be["html_written"]),
                     f"{te['median_s']:.2f}", counts(te["html_changed"]), counts(te["html_written"]),
                     counts(te["old_title_pages"]), counts(te["new_title_pages"]),
                     f"{npost['median_s']:.2f}", counts(npost["html_changed"]), counts(npost["html_written"]),
                     counts(npost["showing_it"])])
    out.append(table(rows))
    if summary["ratios"]:
        out += ["", "Ratios (medians): " + ", ".join(f"{k} = {v:.2f}" for k, v in summary["ratios"].items())]
    if "parallel" in summary:
        p = summary["parallel"]
        out += ["", f"ours with -j {p['jobs']}: median {p['full_median_s']:.2f} s (min {p['full_min_s']:.2f}, "
                    f"max {p['full_max_s']:.2f}), peak RSS {p['peak_rss_mb']:.0f} MB, "
                    f"speed-up vs -j 1: {p['speedup_vs_j1']:.2f}x, output identical to -j 1: "
                    f"{'yes' if p['identical_to_j1'] else 'NO'}"]
        if p["differing"]:
            out.append("  differing files: " + ", ".join(p["differing"]))
    out += ["", "Changed pages (last repetition, first few):"]
    for v in variants:
        for kind in ("no_change", "body_edit", "title_edit", "new_post"):
            sample = summary[v][kind]["sample"]
            if sample:
                out.append(f"  {v} {kind}: {', '.join(sample)}")
        stale = summary[v]["title_edit"]["stale_sample"]
        if stale:
            out.append(f"  {v} still showing the old title: {', '.join(stale)}")
    return "\n".join(out)


def versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for name in ("sphinx", "myst-parser", "ablog", "sphinxext-blog"):
        try:
            found[name.replace("-", "_")] = version(name)
        except PackageNotFoundError:
            found[name.replace("-", "_")] = "not installed"
    return found


def measured_package(cwd: Path) -> str:
    """Where the build processes import sphinxext.blog from (PYTHONPATH can point at a snapshot)."""
    result = subprocess.run([sys.executable, "-c", "import sphinxext.blog as b; print(b.__file__)"],
                            capture_output=True, text=True, cwd=cwd)
    return result.stdout.strip() or result.stderr.strip().splitlines()[-1]


def profile(site_source: Path, work: Path, path: Path, top: int) -> None:
    """One full build of 'ours' under cProfile; prints the top self-time functions."""
    import pstats

    src, out = work / "profile-src", work / "profile-out"
    shutil.copytree(site_source, src)
    build = sphinx_build(src, out, prefix=["-m", "cProfile", "-o", str(path), "-m", "sphinx"])
    print(f"\nProfile of a full build of ours: {build.seconds:.1f} s under cProfile, written to {path}")
    stats = pstats.Stats(str(path))
    entries = sorted(stats.stats.items(), key=lambda item: item[1][2], reverse=True)  # type: ignore[attr-defined]
    rows = [["self s", "cum s", "calls", "function"]]
    ours = [["self s", "cum s", "calls", "function (sphinxext.blog)"]]
    for (filename, line, name), (_cc, nc, tt, ct, _) in entries:
        row = [f"{tt:.2f}", f"{ct:.2f}", str(nc), f"{_short(filename)}:{line}({name})"]
        if len(rows) <= top:
            rows.append(row)
        if "sphinxext/blog" in filename.replace(os.sep, "/") and len(ours) <= top:
            ours.append(row)
    print(table(rows))
    print()
    print(table(ours))


def _short(filename: str) -> str:
    filename = filename.replace(os.sep, "/")
    if "/sphinxext/" in filename:
        return "sphinxext/" + filename.split("/sphinxext/", 1)[1]
    for marker in ("site-packages/", "/lib/python"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=1000, help="number of posts (default 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions of every build (default 3)")
    parser.add_argument("--jobs", type=int, default=1,
                        help="also build ours with -j JOBS and compare with -j 1 (default 1: no)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--variants", default=",".join(generate.VARIANTS),
                        help="comma-separated subset of plain,ours,ablog")
    parser.add_argument("--workdir", type=Path, help="where sources and outputs go (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    parser.add_argument("--profile", type=Path, help="also profile one full build of ours (cProfile output file)")
    parser.add_argument("--top", type=int, default=25, help="profile entries to print")
    args = parser.parse_args(argv)

    variants = [v.strip() for v in args.variants.split(",") if v.strip()]
    unknown = set(variants) - set(generate.VARIANTS)
    if unknown:
        parser.error(f"unknown variants: {', '.join(sorted(unknown))}")
    if "ablog" in variants and importlib.util.find_spec("ablog") is None:
        print("ABlog is not installed (pip install ablog): the ablog variant is left out", file=sys.stderr)
        variants.remove("ablog")

    work = args.workdir or Path(tempfile.mkdtemp(prefix="blog-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    loadavg_start = Path("/proc/loadavg").read_text().strip() if Path("/proc/loadavg").exists() else ""
    try:
        site = generate.make_site(args.posts, args.seed)
        sources = {v: generate.write_site(site, v, work / "sources" / v) for v in variants}
        runs: dict[str, list[Run]] = {v: [] for v in variants}
        parallel: list[ParallelRun] = []
        for rep in range(args.repeat):
            j1_files = None
            for variant in variants:
                print(f"[{rep + 1}/{args.repeat}] {variant} ...", file=sys.stderr, flush=True)
                run, files = run_variant(variant, sources[variant], work / f"run{rep}" / variant, site)
                runs[variant].append(run)
                if variant == "ours":
                    j1_files = files
                print(f"    full {run.full.seconds:.1f} s, no-change {run.no_change.build.seconds:.1f} s, "
                      f"body {run.body_edit.build.seconds:.1f} s, title {run.title_edit.build.seconds:.1f} s, "
                      f"new post {run.new_post.build.seconds:.1f} s",
                      file=sys.stderr, flush=True)
                shutil.rmtree(work / f"run{rep}" / variant / "src", ignore_errors=True)
            if args.jobs > 1 and "ours" in variants:
                print(f"[{rep + 1}/{args.repeat}] ours -j {args.jobs} ...", file=sys.stderr, flush=True)
                target = work / f"run{rep}" / f"ours-j{args.jobs}"
                target.mkdir(parents=True)
                build = sphinx_build(sources["ours"], target / "out", jobs=args.jobs)
                files = snapshot(target / "out")
                assert j1_files is not None
                differing = sorted(n for n in files.keys() | j1_files.keys()
                                   if (files.get(n) or ("",))[0] != (j1_files.get(n) or ("",))[0])
                parallel.append(ParallelRun(build, not differing, differing))
                print(f"    full {build.seconds:.1f} s, {len(differing)} files differ from -j 1",
                      file=sys.stderr, flush=True)
            if not args.keep:
                shutil.rmtree(work / f"run{rep}", ignore_errors=True)
        summary = summarize(runs, parallel, args.jobs)
        loads = [r.full.load for rs in runs.values() for r in rs]
        meta = {
            "posts": args.posts,
            "handbook_pages": len(site.handbook) + 2,
            "repeat": args.repeat,
            "jobs": args.jobs,
            "seed": args.seed,
            "python": platform.python_version(),
            **versions(),
            "sphinxext_blog_path": measured_package(work),
            "cpus": os.cpu_count(),
            "loadavg_start": loadavg_start,
            "loadavg_end": Path("/proc/loadavg").read_text().strip() if Path("/proc/loadavg").exists() else "",
            "load_min": min(loads),
            "load_max": max(loads),
        }
        print(report(summary, meta))
        result = {"meta": meta, "summary": summary,
                  "runs": {v: [asdict(r) for r in rs] for v, rs in runs.items()},
                  "parallel": [asdict(p) for p in parallel]}
        if args.json:
            args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
        if args.profile and "ours" in variants:
            profile(sources["ours"], work, args.profile.resolve(), args.top)
        return result
    finally:
        if not args.keep and not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
        elif args.keep:
            print(f"work folder kept: {work}", file=sys.stderr)


if __name__ == "__main__":
    main()
