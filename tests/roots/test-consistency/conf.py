extensions = ["myst_parser", "sphinxext.blog"]
project = "Consistency"
exclude_patterns = ["_build"]
blog_authors = "authors.json"
blog_baseurl = "https://example.com/"
blog_posts_per_page = 3
