# sphinx-book-theme (built on pydata-sphinx-theme): the same places, with the book
# theme's own primary sidebar templates.
html_theme = "sphinx_book_theme"
html_theme_options = {
    "secondary_sidebar_items": ["blog/postinfo.html", "page-toc.html"],
}
blog_sidebars = {
    "Blog": [
        "navbar-logo.html",
        "search-button-field.html",
        "sbt-sidebar-nav.html",
        "blog/recentposts.html",
        "blog/tagcloud.html",
        "blog/categories.html",
        "blog/archives.html",
    ],
}
html_sidebars = {"blog/**": blog_sidebars["Blog"]}
