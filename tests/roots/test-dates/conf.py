# Dates in the site's time zone (issue 17): posts around the daylight-saving changes of
# Europe/Berlin and America/New_York, a post whose zone decides its year, a scheduled post,
# an expired one and one that expires later.  tests/test_dates.py sets blog_timezone.
extensions = ["myst_parser", "sphinxext.blog"]
project = "Dates"
exclude_patterns = ["_build"]
blog_timezone = "Europe/Berlin"
blog_baseurl = "https://example.com/"
blog_authors = {"ann": {"name": "Ann Author"}}
blog_feed_archives = True
html_sidebars = {"**": ["blog/recentposts.html", "blog/archives.html"]}
