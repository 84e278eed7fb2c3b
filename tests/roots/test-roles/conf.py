extensions = ["myst_parser", "sphinxext.blog"]
project = "Roles"
exclude_patterns = ["_build"]
blog_baseurl = "https://example.com/"
blog_authors = {
    "ann": {"name": "Ann Author", "title": "Engineer", "url": "https://example.org/ann"},
    "nopage": {"name": "No Page", "url": "https://example.org/nopage"},
}
