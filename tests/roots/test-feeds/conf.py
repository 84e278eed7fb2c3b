extensions = ["myst_parser", "sphinxext.blog"]
project = "Feeds"
exclude_patterns = ["_build"]
blog_baseurl = "https://example.com/"
blog_feed_archives = True
blog_authors = {
    "alice": {"name": "Alice Example", "url": "https://alice.example.org/"},
    "bob": {"name": "Bob Builder"},
}
