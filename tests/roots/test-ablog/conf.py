# An ABlog site, configured as an ABlog user writes it. The tests swap "ablog" for
# "sphinxext.blog" in ``extensions`` (a confoverride) and expect the same posts.
project = "Kettle"
author = "The Kettle team"
copyright = "2024, The Kettle team"

extensions = ["ablog", "myst_parser"]
exclude_patterns = ["_build", "README.md"]
html_theme = "alabaster"

# ABlog
blog_title = "Kettle Team Blog"
blog_path = "blog"
blog_baseurl = "https://kettle.example.org/"
blog_authors = {
    "mira": ("Mira Okafor", "https://kettle.example.org/people/mira"),
    "jun": ("Jun Park", "https://kettle.example.org/people/jun"),
    "tomas": ("Tomás Lindqvist", None),
}
blog_default_author = "mira"
blog_languages = {
    "en": ("English", None),
    "de": ("Deutsch", None),
}
blog_default_language = "en"
blog_locations = {
    "bergen": ("Bergen", "https://en.wikipedia.org/wiki/Bergen"),
}
blog_post_pattern = ["blog/2023/*.md"]
blog_feed_archives = True
blog_feed_fulltext = True
blog_feed_length = 10
blog_feed_subtitle = "Notes from a small team that makes a tea timer"
post_date_format = "%b %d, %Y"
post_date_format_short = "%b %d"
post_auto_image = 1
post_auto_excerpt = 1
post_redirect_refresh = 1
post_show_prev_next = True
disqus_shortname = "kettle-team-blog"
disqus_pages = False
fontawesome_included = True

html_sidebars = {
    "**": [
        "ablog/postcard.html",
        "ablog/recentposts.html",
        "ablog/tagcloud.html",
        "ablog/categories.html",
        "ablog/archives.html",
        "ablog/authors.html",
        "ablog/languages.html",
        "ablog/locations.html",
        "searchbox.html",
    ]
}
