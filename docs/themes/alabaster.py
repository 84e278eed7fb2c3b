# alabaster (Sphinx's default theme): the blog's widgets in alabaster's one sidebar,
# between its own "about", search and navigation blocks.
html_theme = "alabaster"
html_theme_options = {
    "description": "A blog inside your Sphinx documentation site",
    "fixed_sidebar": True,
}
# every page of the blog: its landing page and the generated tag, category, author
# and archive pages
html_sidebars = {
    "blog/**": [
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
# posts with `sidebar: Blog` also show the post's own authors, date and tags
blog_sidebars = {
    "Blog": [
        "about.html",
        "blog/postinfo.html",
        "blog/recentposts.html",
        "blog/tagcloud.html",
        "blog/categories.html",
        "blog/authors.html",
        "blog/archives.html",
        "searchfield.html",
    ],
}
