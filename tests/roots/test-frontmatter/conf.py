extensions = ["myst_parser", "sphinxext.blog"]
project = "Frontmatter"
blog_authors = "authors.json"
exclude_patterns = ["_build"]
blog_baseurl = "https://example.com/"
