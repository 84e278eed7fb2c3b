# pydata-sphinx-theme: the blog's lists in the primary (left) sidebar, the post's own
# information at the top of the secondary (right) one, above the page's contents.
html_theme = "pydata_sphinx_theme"
# one list for every page: blog/postinfo.html is empty outside posts, and the theme
# drops empty items (a dict with "**" and "blog/**" would match blog pages twice)
html_theme_options = {
    "secondary_sidebar_items": ["blog/postinfo.html", "page-toc.html", "sourcelink.html"],
}
blog_sidebars = {
    "Blog": [
        "sidebar-nav-bs.html",
        "blog/recentposts.html",
        "blog/tagcloud.html",
        "blog/categories.html",
        "blog/archives.html",
    ],
}
html_sidebars = {"blog/**": blog_sidebars["Blog"]}
