"""Shared fixtures: Sphinx's testing app on the roots in tests/roots, and HTML parsing."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

pytest_plugins = ("sphinx.testing.fixtures",)

ROOTS = Path(__file__).parent / "roots"
CORPUS = Path(__file__).parents[1].parent / "shared" / "corpus" / "posthog"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


def build(srcdir: Path, buildername: str = "html", *, parallel: int = 0, **confoverrides):
    """Build ``srcdir`` with Sphinx's test app; the app keeps its status and warnings."""
    from sphinx.testing.util import SphinxTestApp

    app = SphinxTestApp(
        buildername,
        srcdir=srcdir,
        status=StringIO(),
        warning=StringIO(),
        confoverrides=confoverrides,
        parallel=parallel,
    )
    try:
        app.build()
    finally:
        app.cleanup()
    return app


@pytest.fixture(scope="module")
def module_tmp(tmp_path_factory, request) -> Path:
    return tmp_path_factory.mktemp(request.module.__name__.rsplit(".", 1)[-1])


def parse_html(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def warnings_of(app) -> list[str]:
    """The warning lines a build printed (without colour codes)."""
    from sphinx.util.console import strip_colors

    return [line for line in strip_colors(app.warning.getvalue()).splitlines() if "WARNING" in line]


def copy_root(name: str, tmp_path: Path) -> Path:
    """A writable copy of a test root, for edit-and-rebuild tests."""
    target = tmp_path / name
    shutil.copytree(ROOTS / f"test-{name}", target)
    return target
