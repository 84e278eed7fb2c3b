"""Generate the benchmark sites: N blog posts and a small handbook, three ways.

The same content (titles, dates, authors, tags, body text, links) is written as
three Sphinx source trees:

``plain``
    Plain MyST with ``myst_parser`` only: the title is the ``# H1``, the featured
    image is an image under it, and ``blog/index.md`` lists the posts with a
    globbing toctree (so they are not orphans).  Blog pages get the
    ``relations.html`` and ``searchbox.html`` sidebars: alabaster's default
    ``navigation.html`` would list every post on every post page.  A link to a
    section of a handbook page is MyST's own ``[text](/handbook/page.md#section)``
    with ``myst_heading_anchors = 2``, so plain MyST resolves the same anchors.
``ours``
    ``sphinxext.blog``: PostHog-style frontmatter (``title``, ``date``,
    ``author``, ``rootpage``, ``sidebar``, ``featuredImage``, ...), the blog
    sidebars, feeds (``blog_baseurl``), and a ``{postlist}`` on the home page.
    Links to other posts and handbook pages are ``{doc}`` or site-absolute
    (``/blog/slug``, ``/handbook/page#section``).
``ablog``
    ABlog: ``blogpost: true`` frontmatter, ABlog's sidebars, feeds and
    ``{postlist}``; links as in ``plain``.

Everything comes from one seeded ``random.Random``: the same arguments give the
same bytes, with no network and no data files.  The words are a small built-in
vocabulary; the text is readable-looking filler, not prose.

Usage::

    python benchmarks/generate.py --posts 100 --out /tmp/bench-src [--seed 0]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["VARIANTS", "Site", "generate", "make_site", "new_post", "render_post", "write_site"]

VARIANTS = ("plain", "ours", "ablog")
BASEURL = "https://blog.example.com/"
RECENT_POSTS = 5
FEED_LENGTH = 20
IMAGE_COUNT = 6
START_DATE = dt.date(2019, 1, 7)
END_DATE = dt.date(2024, 12, 16)  # dates spread over six years; none in the future

FIRST_NAMES = [
    "Ada", "Bruno", "Chidi", "Dana", "Emeka", "Farah", "Goran", "Hana", "Ines", "Jonas",
    "Kemi", "Lars", "Mina", "Nils", "Olga", "Pavel", "Quinn", "Rosa", "Sami", "Tomas",
    "Uma", "Vera", "Wren", "Ximena", "Yusuf",
]
LAST_NAMES = [
    "Abara", "Berger", "Costa", "Dubois", "Eriksen", "Fontaine", "Garcia", "Hoffmann", "Ibsen",
    "Jansen", "Kowalski", "Lindqvist", "Moreau", "Novak", "Okafor", "Petrov", "Quist", "Rossi",
    "Silva", "Takahashi", "Ueda", "Varga", "Weber", "Xu", "Yilmaz",
]
ROLES = ["Engineer", "Product manager", "Designer", "Technical writer", "Founder", "Data scientist"]
CATEGORIES = [
    "Engineering", "Product", "Company", "Guides", "Customers", "Culture", "Growth", "Release notes",
]
TAG_WORDS = [
    "Product engineers", "Analytics", "Feature flags", "Experiments", "Session replay", "Surveys",
    "Data warehouse", "Open source", "Startups", "Hiring", "Remote work", "Pricing", "Onboarding",
    "Retention", "SQL", "Python", "TypeScript", "Kubernetes", "ClickHouse", "Postgres",
    "Performance", "Security", "Privacy", "Design", "Documentation", "Testing", "Observability",
    "Roadmap", "Community", "Marketing", "Sales", "Support", "Finance", "Leadership", "Culture",
    "Engineering management", "Mobile", "Web", "AI", "Infrastructure",
]
HANDBOOK_TITLES = [
    "How we work", "Engineering standards", "Product principles", "Hiring process", "Onboarding guide",
    "Incident response", "Release process", "Design system", "Security practices", "Writing style guide",
]
SECTION_HEADINGS = [
    "Background", "The problem", "What we tried first", "Our approach", "Results", "Lessons learned",
    "What comes next", "Trade offs", "How it works", "Getting started", "Measuring impact",
    "Common mistakes", "Tools we use", "Team structure", "A worked example", "Questions to ask",
]
ADJECTIVES = [
    "quick", "stable", "simple", "careful", "small", "large", "shared", "early", "final", "remote",
    "clear", "useful", "noisy", "quiet", "steady", "modest", "honest", "complex", "patient", "bold",
    "direct", "gradual", "hidden", "obvious", "recent", "regular", "spare", "tidy", "urgent", "vital",
]
NOUNS = [
    "team", "release", "customer", "dashboard", "query", "pipeline", "feature", "metric", "roadmap",
    "service", "review", "deploy", "budget", "interview", "handbook", "incident", "database", "cache",
    "experiment", "funnel", "cohort", "event", "schema", "library", "meeting", "decision", "question",
    "prototype", "benchmark", "migration", "workflow", "backlog", "checklist", "sprint", "goal", "signal",
    "bottleneck", "estimate", "document", "channel", "ticket", "process", "default", "interface",
]
VERBS = [
    "ships", "improves", "measures", "replaces", "explains", "shapes", "tracks", "reduces", "supports",
    "changes", "tests", "reviews", "builds", "moves", "protects", "simplifies", "breaks", "covers",
    "informs", "limits", "speeds up", "slows down", "unblocks", "follows", "questions", "rewards",
]
ADVERBS = [
    "quickly", "rarely", "often", "carefully", "usually", "slowly", "clearly", "mostly", "quietly",
    "eventually", "simply", "already", "still", "always", "sometimes",
]
OPENERS = [
    "In practice", "Most of the time", "For a while", "Looking back", "On a good day", "In our experience",
    "At first", "Over time", "For most teams", "Every quarter", "During the launch", "After the migration",
]
TITLE_PATTERNS = [
    "How we {verb_base} the {adj} {noun}",
    "The {adj} guide to {noun_plural}",
    "Why every {noun} needs a {adj} {noun2}",
    "What we learned from {count} {noun_plural}",
    "{Adj} {noun_plural} and {adj2} {noun2_plural}",
    "A {adj} look at our {noun}",
    "Stop {verb_ing} your {noun_plural}",
    "The case for {adj} {noun_plural}",
    "{count} lessons about {noun_plural}",
    "Building a {adj} {noun} in {year}",
]
VERB_BASES = [
    "ship", "measure", "replace", "rebuild", "simplify", "test", "review", "scale", "document", "debug",
    "migrate", "design", "price", "plan", "automate",
]
ING = {"ship": "shipping", "debug": "debugging", "plan": "planning"}
CODE_SNIPPETS = [
    "def {name}(events):\n    return [event for event in events if event.get(\"{field}\")]\n",
    "SELECT {field}, count() AS total\nFROM events\nGROUP BY {field}\nORDER BY total DESC\nLIMIT 10;\n",
    "const {name} = (items) => items.filter((item) => item.{field}).length;\n",
]


@dataclass
class Link:
    kind: str  # "post" or "handbook"
    target: str  # docname
    text: str  # link text ('' for the target's own title, a {doc} link only)
    anchor: str = ""  # heading slug in the target (site-absolute links only)
    site_absolute: bool = False  # in the 'ours' tree: [text](/path#anchor) instead of {doc}
    lead: str = "See"  # the link is its own sentence: "{lead} {link}."


@dataclass
class Block:
    kind: str  # "para", "list", "code"
    parts: list = field(default_factory=list)  # para: str | Link items; list: list of items; code: [lang, text]


@dataclass
class Section:
    heading: str
    blocks: list[Block]


@dataclass
class PostSpec:
    index: int
    slug: str
    title: str
    date: dt.date
    authors: list[str]
    category: str
    tags: list[str]
    image: str  # file name in images/
    image_type: str
    intro: Block
    sections: list[Section]

    @property
    def docname(self) -> str:
        return f"blog/{self.slug}"


@dataclass
class HandbookPage:
    slug: str
    title: str
    sections: list[Section]

    @property
    def docname(self) -> str:
        return f"handbook/{self.slug}"


@dataclass
class Site:
    posts: list[PostSpec]  # oldest first
    handbook: list[HandbookPage]
    authors: dict[str, dict[str, str]]  # handle -> name, role, url
    reading_list: list[str]  # docnames of posts the handbook's reading list links to
    images: list[str]

    @property
    def newest(self) -> PostSpec:
        return max(self.posts, key=lambda p: (p.date, p.docname))


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def heading_anchor(text: str) -> str:
    """The GitHub-style anchor of a heading made of letters, digits and spaces."""
    return text.lower().replace(" ", "-")


def plural(noun: str) -> str:
    if noun.endswith(("s", "ch", "x")):
        return noun + "es"
    if noun.endswith("y") and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


# -- content ------------------------------------------------------------------------


class Writer:
    """Seeded filler text: sentences, paragraphs, sections."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def sentence(self) -> str:
        r = self.rng
        pattern = r.randrange(5)
        if pattern == 0:
            words = f"the {r.choice(ADJECTIVES)} {r.choice(NOUNS)} {r.choice(VERBS)} the {r.choice(NOUNS)}"
        elif pattern == 1:
            words = (f"{r.choice(OPENERS).lower()} a {r.choice(ADJECTIVES)} {r.choice(NOUNS)} "
                     f"{r.choice(ADVERBS)} {r.choice(VERBS)} every {r.choice(NOUNS)}")
        elif pattern == 2:
            words = (f"our {plural(r.choice(NOUNS))} {r.choice(ADVERBS)} need a {r.choice(ADJECTIVES)} "
                     f"{r.choice(NOUNS)} before the {r.choice(NOUNS)} {r.choice(VERBS)} anything")
        elif pattern == 3:
            words = (f"when the {r.choice(NOUNS)} is {r.choice(ADJECTIVES)}, the {r.choice(NOUNS)} "
                     f"{r.choice(VERBS)} the {r.choice(ADJECTIVES)} {r.choice(NOUNS)} and the team "
                     f"{r.choice(VERBS)} the {r.choice(NOUNS)}")
        else:
            words = (f"a {r.choice(ADJECTIVES)} {r.choice(NOUNS)} {r.choice(VERBS)} {plural(r.choice(NOUNS))} "
                     f"but {r.choice(ADVERBS)} {r.choice(VERBS)} the {r.choice(NOUNS)}")
        words = re.sub(r"\ba ([aeiou])", r"an \1", words)
        return words[0].upper() + words[1:] + "."

    def paragraph(self, words: int) -> list[str]:
        sentences: list[str] = []
        count = 0
        while count < words:
            sentence = self.sentence()
            sentences.append(sentence)
            count += len(sentence.split())
        return sentences

    def title(self, taken: set[str]) -> str:
        r = self.rng
        while True:
            noun, noun2 = r.sample(NOUNS, 2)
            adj, adj2 = r.sample(ADJECTIVES, 2)
            base = r.choice(VERB_BASES)
            text = r.choice(TITLE_PATTERNS).format(
                verb_base=base, verb_ing=ING.get(base) or (base[:-1] if base.endswith("e") else base) + "ing",
                adj=adj, Adj=adj.capitalize(), adj2=adj2, noun=noun, noun2=noun2,
                noun_plural=plural(noun), noun2_plural=plural(noun2),
                count=r.choice(["three", "five", "seven", "ten", "twelve"]),
                year=r.randrange(2019, 2025),
            )
            text = re.sub(r"\b([Aa]) ([aeiou])", r"\1n \2", text[0].upper() + text[1:])
            if text not in taken and not any(text in other or other in text for other in taken):
                taken.add(text)
                return text


def _words(parts: list) -> int:
    return sum(len(p.split()) if isinstance(p, str) else len((p.text or "x").split()) for p in parts)


def make_site(n: int, seed: int = 0) -> Site:
    """The content of a site with ``n`` posts, identical for every variant."""
    rng = random.Random(seed)
    writer = Writer(rng)
    handles = []
    authors: dict[str, dict[str, str]] = {}
    for first, last in zip(FIRST_NAMES, LAST_NAMES, strict=True):
        handle = f"{first}-{last}".lower()
        handles.append(handle)
        authors[handle] = {
            "name": f"{first} {last}",
            "role": rng.choice(ROLES),
            "url": f"https://people.example.com/{handle}",
        }
    handbook = []
    for title in HANDBOOK_TITLES:
        headings = rng.sample(SECTION_HEADINGS, 3)
        sections = [Section(h, [Block("para", writer.paragraph(rng.randrange(40, 70)))]) for h in headings]
        handbook.append(HandbookPage(slugify(title), title, sections))

    taken: set[str] = set()
    posts: list[PostSpec] = []
    for index in range(n):
        date = START_DATE + dt.timedelta(days=(index * (END_DATE - START_DATE).days) // max(n - 1, 1))
        posts.append(_make_post(index, date, posts, handbook, handles, taken, writer, rng))
    newest_first = sorted(posts, key=lambda p: (p.date, p.docname), reverse=True)
    reading_list = [p.docname for p in newest_first[:1]]
    if len(posts) > 1:
        reading_list += [p.docname for p in rng.sample(newest_first[1:], min(4, len(posts) - 1))]
    images = [f"hero-{i}.png" for i in range(IMAGE_COUNT)]
    return Site(posts, handbook, authors, reading_list, images)


def _make_post(index: int, date: dt.date, earlier: list[PostSpec], handbook: list[HandbookPage],
               handles: list[str], taken: set[str], writer: Writer, rng: random.Random) -> PostSpec:
    title = writer.title(taken)
    post = PostSpec(
        index=index,
        slug=slugify(title),
        title=title,
        date=date,
        authors=rng.sample(handles, rng.choice((1, 1, 2))),
        category=rng.choice(CATEGORIES),
        tags=rng.sample(TAG_WORDS, 3),
        image=f"hero-{rng.randrange(IMAGE_COUNT)}.png",
        image_type=rng.choice(("full", "standard")),
        intro=Block("para", writer.paragraph(45)),
        sections=[],
    )
    _fill_post(post, earlier, handbook, writer, rng)
    return post


def new_post(site: Site, seed: int = 0) -> PostSpec:
    """One more post, newer than all others (the day after the newest), for "add a post" rebuilds."""
    rng = random.Random(f"new-post-{seed}")
    taken = {post.title for post in site.posts}
    date = site.newest.date + dt.timedelta(days=1)
    return _make_post(len(site.posts), date, site.posts, site.handbook, list(site.authors), taken, Writer(rng), rng)


def _fill_post(post: PostSpec, earlier: list[PostSpec], handbook: list[HandbookPage],
               writer: Writer, rng: random.Random) -> None:
    """~800 words in ## sections, with links to earlier posts and handbook pages."""
    links: list[Link] = []
    for other in rng.sample(earlier, min(3, len(earlier))):
        explicit = rng.random() < 0.5
        links.append(Link("post", other.docname, f"our {rng.choice(NOUNS)} notes" if explicit else "",
                          site_absolute=explicit and rng.random() < 0.7))
    for page in rng.sample(handbook, 2):
        section = rng.choice(page.sections)
        links.append(Link("handbook", page.docname, f"the {page.title.lower()} page",
                          anchor=heading_anchor(section.heading), site_absolute=rng.random() < 0.7))
    rng.shuffle(links)
    total = _words(post.intro.parts)
    headings = rng.sample(SECTION_HEADINGS, 4)
    blocks_by_section: list[list[Block]] = [[] for _ in headings]
    target = 800
    per_section = (target - total) // len(headings)
    for number in range(len(headings)):
        blocks = blocks_by_section[number]
        written = 0
        while written < per_section - 20:
            size = min(rng.randrange(50, 90), per_section - written)
            parts: list = writer.paragraph(max(size, 15))
            if links and rng.random() < 0.6:
                link = links.pop()
                link.lead = rng.choice(["See", "Compare", "Read", "Also see"])
                parts.insert(rng.randrange(1, len(parts) + 1), link)
            blocks.append(Block("para", parts))
            written += _words(parts)
        if number == 1:
            items = [" ".join(writer.sentence().split()[:8]).rstrip(".,") for _ in range(rng.randrange(3, 6))]
            blocks.append(Block("list", items))
        if number == 2 and post.index % 3 == 0:
            snippet = rng.choice(CODE_SNIPPETS).format(name=rng.choice(NOUNS) + "_count", field=rng.choice(NOUNS))
            lang = "sql" if snippet.startswith("SELECT") else "javascript" if snippet.startswith("const") else "python"
            blocks.append(Block("code", [lang, snippet]))
    while links:  # whatever was not placed goes at the end of the last section
        link = links.pop()
        link.lead = "More in"
        blocks_by_section[-1].append(Block("para", [link]))
    post.sections = [Section(h, b) for h, b in zip(headings, blocks_by_section, strict=True)]


# -- rendering ------------------------------------------------------------------------


def render_link(link: Link, variant: str) -> str:
    if link.site_absolute:  # a link to a section of a page; MyST alone needs the file name
        suffix = "" if variant == "ours" else ".md"
        path = "/" + link.target + suffix + (f"#{link.anchor}" if link.anchor else "")
        return f"[{link.text}]({path})"
    if link.text:
        return f"{{doc}}`{link.text} </{link.target}>`"
    return f"{{doc}}`/{link.target}`"


def render_blocks(blocks: list[Block], variant: str) -> str:
    out = []
    for block in blocks:
        if block.kind == "para":
            words = [f"{p.lead} {render_link(p, variant)}." if isinstance(p, Link) else p for p in block.parts]
            out.append(" ".join(words))
        elif block.kind == "list":
            out.append("\n".join(f"- {item}" for item in block.parts))
        else:
            lang, code = block.parts
            out.append(f"```{lang}\n{code}```")
    return "\n\n".join(out)


def render_sections(sections: list[Section], variant: str) -> str:
    return "\n\n".join(f"## {s.heading}\n\n{render_blocks(s.blocks, variant)}" for s in sections)


def frontmatter(post: PostSpec, variant: str) -> str:
    if variant == "ours":
        authors = ", ".join(json.dumps(a) for a in post.authors)
        tags = "".join(f"\n  - {json.dumps(t)}" for t in post.tags)
        return (
            "---\n"
            f"title: {json.dumps(post.title)}\n"
            f"date: {post.date.isoformat()}\n"
            f"author: [{authors}]\n"
            "rootpage: /blog\n"
            "sidebar: Blog\n"
            f"featuredImage: ../images/{post.image}\n"
            f"featuredImageType: {post.image_type}\n"
            f"category: {post.category}\n"
            f"tags:{tags}\n"
            "---\n"
        )
    if variant == "ablog":
        return (
            "---\n"
            "blogpost: true\n"
            f"date: {post.date.isoformat()}\n"
            f"author: {', '.join(post.authors)}\n"
            f"category: {post.category}\n"
            f"tags: {', '.join(post.tags)}\n"
            "image: 1\n"
            "---\n"
        )
    return ""


def render_post(post: PostSpec, variant: str) -> str:
    head = frontmatter(post, variant)
    parts = [head] if head else []
    if variant == "ours":  # the title and the hero image come from the frontmatter
        parts.append(render_blocks([post.intro], variant) + "\n")
    else:  # the image after the first paragraph, which stays ABlog's excerpt
        parts.append(f"# {post.title}\n\n{render_blocks([post.intro], variant)}\n\n"
                     f"![{post.title}](../images/{post.image})\n")
    parts.append(render_sections(post.sections, variant) + "\n")
    return "\n".join(parts)


def render_handbook_page(page: HandbookPage, variant: str) -> str:
    return f"# {page.title}\n\n{render_sections(page.sections, variant)}\n"


def render_home(site: Site, variant: str) -> str:
    newest = sorted(site.posts, key=lambda p: (p.date, p.docname), reverse=True)[:RECENT_POSTS]
    if variant == "ours":
        latest = f"```{{postlist}} {RECENT_POSTS}\n:rootpage: /blog\n```"
    elif variant == "ablog":
        latest = f"```{{postlist}} {RECENT_POSTS}\n```"
    else:
        latest = "\n".join(f"- {{doc}}`/{p.docname}` {p.date:%b %d, %Y}" for p in newest)
    toctree = ["handbook/index"] + (["blog/index"] if variant == "plain" else [])
    return (
        "# Benchmark handbook\n\n"
        "A generated site for the blog benchmark: a handbook and a blog.\n\n"
        f"## Latest posts\n\n{latest}\n\n"
        "```{toctree}\n:maxdepth: 1\n\n" + "\n".join(toctree) + "\n```\n"
    )


def render_handbook_index(site: Site) -> str:
    pages = [p.docname.split("/", 1)[1] for p in site.handbook] + ["reading-list"]
    return "# Handbook\n\n```{toctree}\n:maxdepth: 1\n\n" + "\n".join(pages) + "\n```\n"


def render_reading_list(site: Site) -> str:
    items = "\n".join(f"- {{doc}}`/{name}`" for name in site.reading_list)
    return f"# Reading list\n\nPosts worth reading, by their titles:\n\n{items}\n"


def conf_py(site: Site, variant: str) -> str:
    common = (
        '"""Generated by benchmarks/generate.py."""\n'
        'project = "Blog benchmark"\n'
        'author = "Benchmark"\n'
        'copyright = "2024, Benchmark"\n'
        'exclude_patterns = ["_build"]\n'
        'html_theme = "alabaster"\n'
    )
    if variant == "plain":
        return common + (
            'extensions = ["myst_parser"]\n'
            "myst_heading_anchors = 2\n"
            'html_sidebars = {"blog/**": ["relations.html", "searchbox.html"]}\n'
        )
    if variant == "ours":
        sidebars = ["blog/postinfo.html", "blog/recentposts.html", "blog/tagcloud.html",
                    "blog/categories.html", "blog/archives.html", "searchbox.html"]
        return common + (
            'extensions = ["myst_parser", "sphinxext.blog"]\n'
            'blog_authors = "authors.json"\n'
            f"blog_baseurl = {BASEURL!r}\n"
            f"blog_recent_posts = {RECENT_POSTS}\n"
            f"blog_feed_length = {FEED_LENGTH}\n"
            "blog_feed_archives = False\n"
            f"blog_sidebars = {{'Blog': {sidebars!r}}}\n"
            f"html_sidebars = {{'blog/**': {sidebars!r}}}\n"
        )
    sidebars = ["ablog/postcard.html", "ablog/recentposts.html", "ablog/tagcloud.html",
                "ablog/categories.html", "ablog/archives.html", "searchbox.html"]
    authors = {handle: (a["name"], a["url"]) for handle, a in site.authors.items()}
    return common + (
        'extensions = ["myst_parser", "ablog"]\n'
        "myst_heading_anchors = 2\n"
        'blog_path = "blog"\n'
        'blog_title = "Blog"\n'
        f"blog_baseurl = {BASEURL!r}\n"
        f"blog_authors = {authors!r}\n"
        f"blog_feed_length = {FEED_LENGTH}\n"
        "blog_feed_archives = False\n"
        f"html_sidebars = {{'blog': {sidebars!r}, 'blog/**': {sidebars!r}}}\n"
    )


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A small solid-colour PNG, without Pillow."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def write_site(site: Site, variant: str, dest: Path) -> Path:
    """Write one variant's source tree into ``dest`` (created; must not hold another site)."""
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}; expected one of {VARIANTS}")
    dest.mkdir(parents=True, exist_ok=True)
    files: dict[str, str] = {
        "conf.py": conf_py(site, variant),
        "index.md": render_home(site, variant),
        "handbook/index.md": render_handbook_index(site),
        "handbook/reading-list.md": render_reading_list(site),
    }
    for page in site.handbook:
        files[f"{page.docname}.md"] = render_handbook_page(page, variant)
    for post in site.posts:
        files[f"{post.docname}.md"] = render_post(post, variant)
    if variant == "plain":
        files["blog/index.md"] = "# Blog\n\n```{toctree}\n:maxdepth: 1\n:glob:\n:reversed:\n\n*\n```\n"
    if variant == "ours":
        registry = [{"handle": h, "name": a["name"], "role": a["role"], "link_type": "website",
                     "link_url": a["url"]} for h, a in site.authors.items()]
        files["authors.json"] = json.dumps(registry, indent=2) + "\n"
    for name, text in files.items():
        path = dest / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    colours = [(230, 80, 60), (60, 140, 220), (250, 190, 40), (90, 180, 120), (150, 90, 200), (40, 40, 40)]
    for number, image in enumerate(site.images):
        path = dest / "images" / image
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(png(16, 9, colours[number % len(colours)]))
    return dest


def generate(n: int, out: Path, seed: int = 0, variants: tuple[str, ...] = VARIANTS) -> dict[str, Path]:
    """Write ``out/<variant>`` for each variant; returns variant -> source folder."""
    site = make_site(n, seed)
    return {variant: write_site(site, variant, Path(out) / variant) for variant in variants}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=100)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--variant", action="append", choices=VARIANTS, help="default: all three")
    args = parser.parse_args(argv)
    written = generate(args.posts, args.out, args.seed, tuple(args.variant or VARIANTS))
    for variant, path in written.items():
        print(f"{variant}: {path}")


if __name__ == "__main__":
    main()
