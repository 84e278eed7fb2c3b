extensions = ["myst_parser", "sphinxext.blog"]
project = "Collections"
exclude_patterns = ["_build"]
blog_post_pattern = ["blog/**", "customers/**"]
blog_posts_per_page = 3
blog_authors = {
    "ann": {
        "name": "Ann Author", "title": "Engineer", "url": "https://example.org/ann", "bio": "Writes about launches."
    },
    "bob": {"name": "Bob Builder", "title": "Designer"},
    "cat": {"name": "Cat Coder", "title": "Founder"},
}
blog_baseurl = "https://example.com/"
