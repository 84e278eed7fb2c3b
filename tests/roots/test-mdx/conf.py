"""A Gatsby-style blog written partly in MDX (see README.md): the extension reads it as is."""

extensions = ["myst_parser", "sphinx_design", "sphinxext.blog"]
project = "MDX blog"
exclude_patterns = ["_build", "README.md"]
blog_mdx_components = {"TeamMember": "{{name}}", "NewsletterForm": ""}
blog_authors = "authors.json"
blog_baseurl = "https://example.com/"
