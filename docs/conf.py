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

# The "Blog" sidebar set named by the posts' `sidebar: Blog` key; this is the
# default set, plus the authors list.
blog_sidebars = {
    "Blog": [
        "blog/postinfo.html",
        "blog/recentposts.html",
        "blog/tagcloud.html",
        "blog/categories.html",
        "blog/authors.html",
        "blog/archives.html",
        "searchbox.html",
    ],
}

# -- HTML ----------------------------------------------------------------------------

html_theme = "alabaster"
html_title = "sphinxext-blog"
html_static_path = []
html_theme_options = {
    "description": "A blog inside your Sphinx documentation site",
    "fixed_sidebar": True,
}

# The blog's landing page is an ordinary page: give it the blog sidebars too.
html_sidebars = {
    "blog/index": [
        "about.html",
        "searchfield.html",
        "blog/recentposts.html",
        "blog/tagcloud.html",
        "blog/categories.html",
        "blog/authors.html",
        "blog/archives.html",
        "navigation.html",
    ],
}
