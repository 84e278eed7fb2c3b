# A small blog whose own text is Latin placeholder: whatever English is in its output,
# the extension wrote it.  tests/test_i18n.py builds it once per shipped language.
extensions = ["myst_parser", "sphinxext.blog"]
project = "Lorem"
exclude_patterns = ["_build"]
blog_authors = {"ann": {"name": "Ann Ito", "title": "Scriptrix"}}
blog_baseurl = "https://example.com/"
blog_posts_per_page = 2
blog_feed_archives = True
html_sidebars = {
    "**": [
        "blog/postinfo.html",
        "blog/recentposts.html",
        "blog/tagcloud.html",
        "blog/categories.html",
        "blog/authors.html",
        "blog/archives.html",
    ]
}
