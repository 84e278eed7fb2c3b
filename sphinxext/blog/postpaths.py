"""What a post's path says, read the way Docusaurus reads it: a date and a default address.

Docusaurus takes a post's date from its path when the frontmatter gives none: a
``YYYY-MM-DD`` prefix of the file name (``2021-03-09-releasing-i18n.md``), of a folder
post (``2021-05-12-two-beta/index.mdx``), or a date spread over folders
(``2021/03-09-releasing-i18n.mdx``, ``2021/03/09/releasing-i18n.md``); the last date in
the path counts.  The post's address is then ``<blog>/YYYY/MM/DD/<name>``: the date as
folders, then the folders before it and the name after it.  A folder post without a
date is at ``<blog>/<folder>``.  Pure: no Sphinx.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# the folders before the date (greedy: the last date in the path counts), the date with
# '-' or '/' between its parts, then the name after a separator, or nothing
_DATED = re.compile(
    r"^(?P<folder>(?:[^/]+/)*)(?P<year>\d{4})[-/](?P<month>\d{1,2})[-/](?P<day>\d{1,2})"
    r"(?:[-/](?P<name>.+))?$"
)


@dataclass(frozen=True)
class PathFacts:
    """A post's date as written in its path (``"2021-03-09"``), and its Docusaurus address."""

    date: str | None
    slug: str | None  # a site path such as ``blog/2021/03/09/releasing-i18n``; None: the page's own name


def read_post_path(docname: str, root: str) -> PathFacts:
    """The date and the default address Docusaurus gives the post ``docname`` of the blog ``root``.

    The date is only looked for as Docusaurus writes it; whether it is a real date
    (``2021-02-30`` is not) is for the caller to check.
    """
    # relative to the blog's folder; a post outside it: to its own top folder
    inside = docname[len(root) + 1 :] if docname.startswith(root + "/") else docname.partition("/")[2] or docname
    relative = inside[: -len("/index")] if inside.endswith("/index") else inside
    found = _DATED.match(relative)
    if found is None:
        slug = f"{root}/{relative}" if relative != inside else None
        return PathFacts(None, slug if slug != docname else None)
    year, month, day = found["year"], found["month"], found["day"]
    rest = (found["folder"] + (found["name"] or "")).strip("/")
    slug = "/".join(part for part in (root, year, month, day, rest) if part)
    return PathFacts(f"{year}-{month}-{day}", slug if slug != docname else None)
