# sphinx-rtd-theme ignores html_sidebars and the posts' `sidebar` key: nothing to set.
# Show the blog's widgets in pages with the widget directives instead
# ({recent-posts}, {tag-cloud}, {post-info}, ...); this site puts them at the end of
# its blog's landing page.
html_theme = "sphinx_rtd_theme"
