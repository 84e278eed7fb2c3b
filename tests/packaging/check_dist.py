"""Check the built distributions: what the wheel holds, and that it works on its own.

Run by ``tox -e package`` after ``python -m build`` and ``twine check``::

    python tests/packaging/check_dist.py DIST_FOLDER

1. The wheel holds every file of the package that is not Python: the templates, the
   static files and the message catalogs (compared with the source tree, so a file
   added later is checked too).
2. A fresh virtual environment that installs only the wheel (its dependencies come
   from the package index) builds a small site with a post: the post page has its
   byline and the blog index lists it.

Exits 1 with a message per problem.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import venv
import zipfile
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "sphinxext" / "blog"
DATA_SUFFIXES = {".html", ".css", ".js", ".po", ".mo", ".pot"}

CONF = """\
extensions = ["myst_parser", "sphinxext.blog"]
project = "Wheel check"
blog_authors = {"ann": {"name": "Ann Author"}}
blog_baseurl = "https://example.com/"
"""
INDEX = "# Home\n\n```{postlist}\n```\n"
POST = """\
---
title: "A post from the wheel"
date: 2024-05-02
author: ann
tags: [Packaging]
---

Installed from the wheel alone.
"""


def data_files_in_source() -> set[str]:
    return {
        path.relative_to(ROOT).as_posix()
        for path in PACKAGE.rglob("*")
        if path.is_file() and path.suffix in DATA_SUFFIXES
    }


def check_wheel(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    missing = sorted(data_files_in_source() - names)
    return [f"{wheel.name} lacks {name}" for name in missing]


class _Classes(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.classes: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "class" and value:
                self.classes.update(value.split())

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(path: Path) -> _Classes:
    parser = _Classes()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def check_install(wheel: Path) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        env, site = Path(tmp, "venv"), Path(tmp, "site")
        venv.EnvBuilder(with_pip=True).create(env)
        python = env / ("Scripts" if sys.platform == "win32" else "bin") / "python"
        subprocess.run([python, "-m", "pip", "install", "--quiet", str(wheel)], check=True)
        (site / "blog").mkdir(parents=True)
        (site / "conf.py").write_text(CONF, encoding="utf-8")
        (site / "index.md").write_text(INDEX, encoding="utf-8")
        (site / "blog" / "first.md").write_text(POST, encoding="utf-8")
        out = Path(tmp, "out")
        # run outside the checkout, so the package can only come from the wheel
        subprocess.run([python, "-m", "sphinx", "-W", "-q", "-b", "html", str(site), str(out)], check=True, cwd=tmp)
        post, home = parsed(out / "blog" / "first.html"), parsed(out / "index.html")
        problems = []
        if "blog-byline" not in post.classes or "Ann Author" not in "".join(post.text):
            problems.append("the post built from the wheel has no byline with the author's name")
        if "A post from the wheel" not in "".join(home.text):
            problems.append("the home page's post list built from the wheel does not show the post")
        if not (out / "_static" / "blog.css").is_file():
            problems.append("blog.css was not copied into the site built from the wheel")
        return problems


def main(dist: Path) -> int:
    wheels = sorted(dist.glob("*.whl"))
    if len(wheels) != 1 or not list(dist.glob("*.tar.gz")):
        print(f"expected one wheel and one sdist in {dist}, found {sorted(p.name for p in dist.iterdir())}")
        return 1
    problems = check_wheel(wheels[0]) + check_install(wheels[0])
    for problem in problems:
        print("PROBLEM:", problem)
    if not problems:
        print(f"{wheels[0].name}: {len(data_files_in_source())} data files present; a site built from it alone")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
