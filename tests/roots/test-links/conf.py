extensions = ["myst_parser", "sphinxext.blog"]
project = "Links"
blog_authors = "authors.json"
blog_baseurl = "https://example.com/"
# the public site serves /people/... from the company/handbook/ folder
blog_link_map = {"/people/": "company/handbook/"}
exclude_patterns = ["_build"]
