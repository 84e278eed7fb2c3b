"""Sphinx configuration of the sphinxext-blog documentation (which contains an example blog)."""

project = "sphinxext-blog"
author = "The sphinxext-blog authors"
copyright = "2024, %s" % author

extensions = [
    "myst_parser",
    "sphinxext.blog",
]

myst_enable_extensions = ["deflist"]

source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
templates_path = []

# -- the blog ------------------------------------------------------------------------

blog_authors = "authors.yml"
blog_baseurl = "https://sphinxext-blog.example/"
# every tag, category and author page gets its own feeds too (see feeds-and-social.md)
blog_feed_archives = True

# -- HTML ----------------------------------------------------------------------------

# The one line that chooses the theme: alabaster, furo, pydata_sphinx_theme,
# sphinx_book_theme or sphinx_rtd_theme (or `sphinx-build -D html_theme=furo`).
html_theme = "alabaster"
html_title = "sphinxext-blog"
html_static_path = []


# Each theme's blog set-up (sidebars, theme options) is one snippet in themes/<theme>.py,
# shown on the Themes page (themes.md) for readers to copy into their conf.py. This site
# applies the snippet of the theme in use when the configuration is complete, so that
# -D html_theme=... picks the right one too.
def _apply_theme_snippet(app, config):
    import os

    snippet = os.path.join(os.path.dirname(os.path.abspath(__file__)), "themes", f"{config.html_theme}.py")
    if not os.path.isfile(snippet):
        return
    settings = {}
    with open(snippet, encoding="utf-8") as file:
        exec(compile(file.read(), snippet, "exec"), settings)
    for name, value in settings.items():
        if name.startswith("html_") or name.startswith("blog_"):
            if name != "html_theme":
                setattr(config, name, value)
    # pages can show content for one theme only: ```{only} sphinx_rtd_theme
    app.tags.add(config.html_theme)


def setup(app):
    app.connect("config-inited", _apply_theme_snippet, priority=100)
