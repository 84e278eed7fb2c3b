# A site whose posts and authors registry are hostile on purpose (issue 12); see README.md.
extensions = ["myst_parser", "sphinxext.blog"]
project = "Hostile"
exclude_patterns = ["_build", "README.md"]
blog_authors = "authors.yml"
blog_baseurl = "https://hostile.example/"
