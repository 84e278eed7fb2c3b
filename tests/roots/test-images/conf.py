# Responsive heroes and thumbnails (issue 17): tests/test_images.py writes the images
# (images/wide.png, 1200 x 600; images/small.png, 200 x 100) before building.
extensions = ["myst_parser", "sphinxext.blog"]
project = "Images"
exclude_patterns = ["_build"]
blog_baseurl = "https://example.com/"
blog_authors = {"ann": {"name": "Ann Author"}}
blog_image_widths = [320, 640, 1024]
