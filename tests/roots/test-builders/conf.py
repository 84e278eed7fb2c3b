extensions = ["myst_parser", "sphinxext.blog"]
project = "Builders"
author = "The builders test"
copyright = "2024, The builders test"
version = release = "1.0"
exclude_patterns = ["_build"]
blog_baseurl = "https://blog.example/"
blog_authors = {
    "ann": {"name": "Ann Author", "title": "Engineer", "image": "images/ann.png", "url": "https://example.org/ann"},
    "bo": {"name": "Bo Writer", "title": "Editor"},
}
# the authors' profile links: no network in tests
linkcheck_ignore = [r"https://example\.org/"]
