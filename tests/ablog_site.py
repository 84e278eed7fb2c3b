"""Build a site with ABlog and print, as JSON, its posts and the pages and feeds it wrote.

Run in a subprocess (``python tests/ablog_site.py SRCDIR OUTDIR``): ABlog keeps its
blog in a class attribute, so a second build in one process would reuse the first.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path


def main(srcdir: str, outdir: str) -> None:
    from ablog.blog import Blog
    from sphinx.application import Sphinx

    app = Sphinx(srcdir, srcdir, outdir, f"{outdir}/.doctrees", "html", status=io.StringIO(),
                 warning=sys.stderr, freshenv=True)
    app.build()
    blog = Blog(app)
    posts = [
        {
            "docname": post.docname,
            "title": post.title,
            "date": post.date.date().isoformat() if post.date else None,
            "authors": [str(author) for author in post.author or []],
            "tags": [str(tag) for tag in post.tags or []],
            "categories": [str(category) for category in post.category or []],
            "draft": bool(post.draft),
        }
        for post in [*blog.posts, *blog.drafts]
    ]
    out = Path(outdir)
    written = sorted(path.relative_to(out).as_posix() for path in out.rglob("*")
                     if path.suffix in (".html", ".xml") and not path.relative_to(out).parts[0].startswith("_"))
    json.dump({"posts": sorted(posts, key=lambda post: post["docname"]), "files": written}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
