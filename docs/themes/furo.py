# furo: the blog's widgets are blocks of furo's left sidebar, after its brand and
# search and before its navigation, inside its scrolling part; blog.css gives them
# the look of furo's own sidebar captions and links (and its dark mode).
html_theme = "furo"
blog_sidebars = {
    "Blog": [
        "sidebar/brand.html",
        "sidebar/search.html",
        "sidebar/scroll-start.html",
        "blog/postinfo.html",
        "blog/recentposts.html",
        "blog/tagcloud.html",
        "blog/categories.html",
        "blog/archives.html",
        "sidebar/navigation.html",
        "sidebar/scroll-end.html",
    ],
}
html_sidebars = {"blog/**": blog_sidebars["Blog"]}
