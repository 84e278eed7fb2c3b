"""A Docusaurus blog folder copied into a Sphinx site (see README.md): the two lines of
settings a Docusaurus user adds, and the files Docusaurus already had."""

extensions = ["myst_parser", "sphinx_design", "sphinxext.blog"]
project = "Docusaurus blog"
exclude_patterns = ["_build", "README.md"]
blog_authors = "blog/authors.yml"
blog_tags_file = "blog/tags.yml"
blog_baseurl = "https://docs.example.com/"
