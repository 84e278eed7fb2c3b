"""A Gatsby-style blog written partly in MDX (see README.md).

Until the extension wires ``sphinxext.blog.mdx`` in (``blog_mdx``), this conf calls the
converter itself: at ``source-read`` for every document and at ``include-read`` for the
files a post inserts.
"""

from sphinx.util import logging

from sphinxext.blog.mdx import convert

extensions = ["myst_parser", "sphinx_design"]
project = "MDX blog"
source_suffix = {".md": "markdown", ".mdx": "markdown"}
exclude_patterns = ["_build", "README.md", "blog/_includes"]
myst_title_to_header = True
suppress_warnings = ["myst.header"]
blog_mdx_components = {"TeamMember": "{{name}}", "NewsletterForm": ""}
# What the extension will read once it is wired in (issue 14); unused by this conf today.
blog_authors = "authors.json"
blog_baseurl = "https://example.com/"

logger = logging.getLogger("conf")


def _convert(app, docname, source):
    result = convert(source[0], app.config.blog_mdx_components)
    source[0] = result.text
    for problem in result.problems:
        logger.warning(problem.message, type="blog", subtype=problem.subtype, location=(docname, problem.line))


def _convert_include(app, relative_path, parent_docname, content):
    content[0] = convert(content[0], app.config.blog_mdx_components).text


def setup(app):
    app.add_config_value("blog_mdx_components", {}, "env")
    app.connect("source-read", _convert)
    app.connect("include-read", _convert_include)
