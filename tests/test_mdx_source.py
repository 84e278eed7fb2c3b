"""The MDX/Docusaurus source pass (sphinxext.blog.mdx): unit tests of ``convert`` and
builds of the two MDX test roots (the extension runs ``convert`` at ``source-read``).

Every unit test checks line numbers too: a ``MARK`` sentence must stay on its line.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Comment

from sphinxext.blog.mdx import DEFAULT_COMPONENTS, MdxResult, convert, default_components
from sphinxext.blog.mdx_layout import Item, layout

from conftest import ROOTS, build, copy_root, parse_html, warnings_of


def lines(text: str) -> list[str]:
    return text.split("\n")


def line_of(text: str, needle: str) -> int:
    """The 1-based line holding ``needle`` (which must occur once)."""
    pattern = re.compile(re.escape(needle) + r"(?![\w-])")
    found = [number for number, line in enumerate(lines(text), start=1) if pattern.search(line)]
    assert len(found) == 1, (needle, found, text)
    return found[0]


def offset_at(result: MdxResult, line: int) -> int:
    """How far input ``line`` moved, from the shifts the result reports."""
    offset = 0
    for start, value in result.shifts:
        if start <= line:
            offset = value
    return offset


def assert_kept(source: str, result: MdxResult, *markers: str) -> None:
    """Each marker is on its input line (moved by exactly what ``shifts`` says)."""
    for marker in markers:
        before = line_of(source, marker)
        assert line_of(result.text, marker) == before + offset_at(result, before), marker


def assert_same_lines(source: str, result: MdxResult) -> None:
    """Every MARK sentence of the input is on the same line, and nothing moved."""
    assert result.shifts == []
    assert_kept(source, result, *re.findall(r"MARK\w*", source))


# -- passing through --------------------------------------------------------------------------


def test_plain_markdown_is_returned_as_it_is():
    text = "---\ntitle: Plain\n---\n\n# Plain\n\nJust *Markdown* with a {ref}`role`.\n"
    assert convert(text).text == text


def test_frontmatter_passes_unchanged_even_when_it_looks_like_mdx():
    text = "---\ntitle: <Quote> import x from 'y'\nnote: ':::tip'\n---\n\n<Note>\nMARK\n</Note>\n"
    result = convert(text)
    assert lines(result.text)[:4] == lines(text)[:4]
    assert_same_lines(text, result)


@pytest.mark.parametrize("fence", ["```", "````", "~~~", "~~~~~"])
def test_nothing_inside_code_fences_changes(fence):
    code = [
        "import Cta from './cta.mdx'",
        "<Quote name='x' />",
        "{/* truncate */}",
        ":::tip Title",
        "## Heading {#id}",
        "<img className='x' />",
    ]
    text = "\n".join(["MARK1", "", fence + "jsx", *code, fence, "", "MARK2"])
    result = convert(text)
    assert lines(result.text)[3:9] == code
    assert_same_lines(text, result)


def test_inline_code_spans_stay_as_written():
    text = "Use `<Tabs>` and ``{/* x */}`` or `import a from 'b'` here. MARK"
    assert convert(text).text == text


# -- import and export ------------------------------------------------------------------------


def test_import_and_export_statements_are_removed_keeping_lines():
    text = (
        "import Tabs from '@theme/Tabs';\n"
        "import {\n  Caption,\n  ProductScreenshot\n} from 'components/ProductScreenshot'\n"
        "import './styles.css'\n"
        "export const meta = {\n  title: 'x',\n  tags: ['a', 'b'],\n}\n"
        "export default function Layout({ children }) {\n  return children\n}\n"
        "\nMARK1\n\nimport later from './later.png'\n\nMARK2\n"
    )
    result = convert(text)
    assert "import" not in result.text and "export" not in result.text
    assert not "".join(lines(result.text)[:14]).strip()
    assert_same_lines(text, result)


@pytest.mark.parametrize(
    "prose",
    [
        "import the data from 'Stripe' in one click. MARK",
        "Import your data from 'x' first. MARK",
        "export your dashboards as CSV. MARK",
    ],
)
def test_prose_that_starts_like_a_statement_stays(prose):
    assert convert(prose + "\n\n<br />\n").text.startswith(prose)


def test_imports_bind_includes_and_images_and_packages_bind_nothing():
    text = (
        "import Cta from './_includes/cta.mdx'\n"
        "import Other from '../shared/other.md'\n"
        "import { toc } from './named.mdx'\n"
        "import diagram from '../images/diagram.png'\n"
        "import styles from './post.module.css'\n"
        "import { Link } from 'gatsby'\n"
        "\n<Cta />\n\n<Other />\n\n<img src={diagram} alt='D' />\n"
    )
    result = convert(text)
    assert result.images == {"diagram": "../images/diagram.png"}
    assert result.includes == ["_includes/cta.mdx", "../shared/other.md"]
    assert result.problems == []


# -- JSX comments, truncate, heading ids ------------------------------------------------------


def test_jsx_comments_are_removed_inline_on_their_own_and_over_lines():
    text = (
        "Before {/* inline */} after. MARK1\n\n{/* own line */}\n\n{/*\n  several\n  lines\n*/}\n\nMARK2\n"
        "a sentence {/* across\nlines */} goes on. MARK3\n"
    )
    result = convert(text)
    assert "{/*" not in result.text
    assert lines(result.text)[0] == "Before  after. MARK1"
    assert not "".join(lines(result.text)[2:8]).strip()
    assert_same_lines(text, result)


def test_a_comment_line_inside_a_paragraph_does_not_split_it():
    text = "First line\n{/* note */}\nsecond line\n\nMARK\n"
    result = convert(text)
    assert lines(result.text)[:2] == ["First line", "second line"]
    assert_kept(text, result, "MARK")


@pytest.mark.parametrize("marker", ["{/* truncate */}", "{/*truncate*/}", "<!-- truncate -->"])
def test_truncate_becomes_the_excerpt_marker(marker):
    text = f"Intro. MARK1\n\n{marker}\n\nMore. MARK2\n"
    result = convert(text)
    assert lines(result.text)[2] == "<!-- truncate -->"
    assert_same_lines(text, result)


@pytest.mark.parametrize(
    "heading", ["## Setup {#custom-id}", "## Setup {/* #custom-id */}", "### Setup   {#custom-id}  "]
)
def test_heading_ids_become_a_label_on_the_line_before(heading):
    text = f"Intro. MARK1\n\n{heading}\n\nBody. MARK2\n"
    result = convert(text)
    assert lines(result.text)[1:3] == ["(custom-id)=", heading.split(" {")[0].rstrip()]
    assert_same_lines(text, result)


def test_a_heading_id_with_no_blank_line_before_it_takes_a_new_line():
    text = "Intro.\n## Setup {#setup}\nBody. MARK\n\nEnd. MARK2\n"
    result = convert(text)
    assert lines(result.text)[1:3] == ["(setup)=", "## Setup"]
    assert result.shifts[0] == (2, 1)
    assert_kept(text, result, "MARK", "MARK2")


# -- Docusaurus admonitions -------------------------------------------------------------------

KINDS = {
    "note": ("note", None),
    "tip": ("tip", None),
    "info": ("note", "Info"),
    "caution": ("caution", None),
    "warning": ("warning", None),
    "danger": ("danger", None),
    "important": ("important", None),
    "success": ("tip", "Success"),
    "secondary": ("note", "Secondary"),
}


@pytest.mark.parametrize("keyword", KINDS)
def test_docusaurus_admonitions_without_a_title(keyword):
    kind, title = KINDS[keyword]
    text = f"Intro. MARK1\n\n:::{keyword}\n\nBody. MARK2\n\n:::\n\nAfter. MARK3\n"
    result = convert(text)
    head = [f"```{{admonition}} {title}", f":class: {kind}"] if title else [f"```{{{kind}}}"]
    assert lines(result.text)[2 : 2 + len(head)] == head
    assert lines(result.text)[6] == "```"
    assert_same_lines(text, result)


@pytest.mark.parametrize(
    "opener", [":::tip My title", ":::tip[My title]", ':::tip{title="My title"}', ":::  tip My title"]
)
def test_docusaurus_admonition_titles(opener):
    text = f"Intro.\n\n{opener}\nBody. MARK1\n:::\n\nAfter. MARK2\n"
    result = convert(text)
    assert lines(result.text)[1:5] == ["```{admonition} My title", ":class: tip", "Body. MARK1", "```"]
    assert_same_lines(text, result)


def test_nested_admonitions_get_longer_outer_fences():
    text = "::::info Outer\nOuter. MARK1\n\n:::danger[Inner]\nInner. MARK2\n:::\n\n::::\n"
    result = convert(text)
    out = lines(result.text)
    assert out[0].startswith("````{admonition} Outer") or out[0] == "````{admonition} Outer"
    assert "```{admonition} Inner" in out and out.count("```") == 1 and out.count("````") == 1
    assert out.index("```") < out.index("````")
    assert_kept(text, result, "MARK1", "MARK2")


def test_myst_colon_fences_and_unknown_keywords_are_left_alone():
    text = (
        ":::{note}\nMyST. MARK1\n:::\n\n:::details Summary\nText. MARK2\n:::\n\n"
        ":::{tip}\n:::note\nIn. MARK3\n:::\n:::\n"
    )
    result = convert(text)
    out = lines(result.text)
    assert out[:7] == lines(text)[:7]
    assert out[8] == ":::{tip}" and out[9] == "```{note}" and out[11] == "```" and out[12] == ":::"
    assert_same_lines(text, result)


def test_an_unclosed_admonition_is_a_problem_and_runs_to_the_end():
    result = convert("Intro.\n\n:::warning\nNever closed. MARK\n")
    assert [problem.line for problem in result.problems] == [3]
    assert "never closed" in result.problems[0].message
    assert lines(result.text)[2] == "```{warning}"


def test_admonitions_inside_components_and_components_inside_admonitions():
    text = ":::tip\n<Note>\nDeep. MARK\n</Note>\n:::\n"
    out = lines(convert(text).text)
    assert out == ["````{tip}", "```{note}", "Deep. MARK", "```", "````", ""]


# -- mdx-code-block ---------------------------------------------------------------------------


def test_mdx_code_block_fences_are_unwrapped_and_their_content_converted():
    text = (
        "````mdx-code-block\nimport Tabs from '@theme/Tabs';\n\n<Note>\nInside. MARK1\n</Note>\n\n"
        "```js\nconst kept = <Note />;\n```\n````\n\nAfter. MARK2\n"
    )
    result = convert(text)
    out = lines(result.text)
    assert out[0] == "" and out[1] == "" and out[10] == ""
    assert out[3:6] == ["```{note}", "Inside. MARK1", "```"]
    assert out[7:10] == ["```js", "const kept = <Note />;", "```"]
    assert_same_lines(text, result)


def test_mdx_code_blocks_may_open_a_component_that_a_later_one_closes():
    """Docusaurus's way to put a code block in a tab: JSX in mdx-code-block fences around it."""
    text = (
        "```mdx-code-block\nimport Tabs from '@theme/Tabs';\n\n<Tabs>\n"
        '<TabItem value="bash" label="Bash">\n\n```\n\n'
        "```bash\nnpm install MARK1\n```\n\n```mdx-code-block\n</TabItem>\n</Tabs>\n```\n\nAfter. MARK2\n"
    )
    result = convert(text)
    out = lines(result.text)
    assert out[3:5] == ["`````{tab-set}", "````{tab-item} Bash"]  # longer than the code fence inside
    assert out[8:11] == ["```bash", "npm install MARK1", "```"]
    assert out[13:15] == ["````", "`````"]
    assert_same_lines(text, result)


# -- components: templates, callables, fences -------------------------------------------------


def test_a_template_gets_props_and_children_and_colon_fences_become_backticks():
    mapping = {"CalloutBox": ":::{note} {{title}}\n{{children}}\n:::"}
    text = '<CalloutBox title="Heads up">\nBody. MARK1\n</CalloutBox>\n\nAfter. MARK2\n'
    result = convert(text, mapping)
    assert lines(result.text)[:3] == ["```{note} Heads up", "Body. MARK1", "```"]
    assert_same_lines(text, result)


def test_fences_are_longer_than_any_fence_in_the_children():
    text = "<Note>\n\n````python\nprint('x')\n````\n\nMARK\n\n</Note>\n"
    result = convert(text)
    assert lines(result.text)[0] == "`````{note}" and lines(result.text)[8] == "`````"
    assert_same_lines(text, result)


def test_a_callable_gets_props_and_children_and_keeps_the_children_lines():
    def boxed(props, children):
        assert props == {"level": 2, "open": True, "label": "Hi"}
        return "```{admonition} " + props["label"] + "\n" + children + "\n```"

    text = '<Box level={2} open label={"Hi"}>\n\nOne. MARK1\n\nTwo. MARK2\n\n</Box>\n'
    result = convert(text, {"Box": boxed})
    assert lines(result.text)[0] == "```{admonition} Hi"
    assert_same_lines(text, result)


@pytest.mark.parametrize("bad", [lambda props, children: 1 / 0, lambda props, children: None])
def test_a_failing_callable_is_a_problem_and_keeps_the_children(bad):
    result = convert("Intro.\n\n<Box>\nKept. MARK\n</Box>\n", {"Box": bad})
    assert "Kept. MARK" in result.text
    assert len(result.problems) == 1 and "<Box>" in result.problems[0].message


def test_none_in_the_mapping_removes_a_default():
    result = convert("<Note>\nText. MARK\n</Note>\n", {"Note": None})
    assert "{note}" not in result.text and result.unknown == {"Note": 1}


def test_default_components_cover_the_documented_names():
    for name in ("Quote", "Blockquote", "Caption", "figcaption", "CalloutBox", "Callout", "Admonition", "Note"):
        assert name in DEFAULT_COMPONENTS
    for name in ("Tip", "Warning", "BorderWrapper", "ProductScreenshot", "Tabs", "TabItem", "Link", "a"):
        assert name in DEFAULT_COMPONENTS


def test_quote_with_author_props_is_a_pull_quote_with_attribution():
    text = (
        '<BorderWrapper>\n    <Quote\n        name="Kim Ortega"\n        title="Head of Growth"\n'
        "        quote={`“It works.”`}\n    />\n</BorderWrapper>\n\nAfter. MARK\n"
    )
    result = convert(text)
    assert lines(result.text)[1:6] == ["```{pull-quote}", "“It works.”", "", "— Kim Ortega, Head of Growth", "```"]
    assert_same_lines(text, result)


def test_blockquote_children_are_the_quote():
    text = '<Blockquote author="Ann">\nThe quote. MARK1\n</Blockquote>\n\n\n\nAfter. MARK2\n'
    result = convert(text)
    assert lines(result.text)[:5] == ["```{pull-quote}", "The quote. MARK1", "", "— Ann", "```"]
    assert_same_lines(text, result)


def test_a_one_line_caption_moves_into_the_blank_lines_around_it():
    text = "![Chart](chart.png)\n\n<Caption>The chart. MARK1</Caption>\n\nAfter. MARK2\n"
    result = convert(text)
    assert lines(result.text)[1:4] == ["```{rst-class} blog-caption", "The chart. MARK1", "```"]
    assert_same_lines(text, result)


def test_a_caption_right_under_an_image_ends_the_image_paragraph():
    text = "![Chart](chart.png)\n<Caption>The chart.</Caption>\n\nAfter. MARK\n\n## Next\n\nEnd. MARK2\n"
    result = convert(text)
    assert lines(result.text)[1:4] == ["```{rst-class} blog-caption", "The chart.", "```"]
    assert result.problems == []
    assert_kept(text, result, "MARK", "MARK2")
    assert offset_at(result, line_of(text, "MARK2")) == 0  # caught up at the heading


@pytest.mark.parametrize(
    ("tag", "head"),
    [
        ('<CalloutBox title="Go build" type="fyi">', ["```{admonition} Go build", ":class: note"]),
        ('<Callout type="caution">', ["```{caution}"]),
        ('<Admonition type="info">', ["```{admonition} Info", ":class: note"]),
        ("<Tip>", ["```{tip}"]),
        ("<Warning>", ["```{warning}"]),
    ],
)
def test_callouts_become_admonitions(tag, head):
    name = tag[1:].split()[0].rstrip(">")
    text = f"{tag}\n\nBody. MARK1\n\n</{name}>\n\nAfter. MARK2\n"
    result = convert(text)
    assert lines(result.text)[: len(head)] == head
    assert_same_lines(text, result)


@pytest.mark.parametrize("dark_mode", [True, False])
def test_product_screenshots_show_a_light_and_a_dark_image(dark_mode):
    text = (
        'Intro.\n\n<ProductScreenshot\n  imageLight="https://x/l.png"\n  imageDark="https://x/d.png"\n'
        '  alt="Screen"\n  classes="rounded"\n/>\n\nAfter. MARK\n'
    )
    result = convert(text, dark_mode=dark_mode)
    images = re.findall(r"```\{image\} (\S+)\n:alt: Screen\n:class: ([^\n]+)", result.text)
    if dark_mode:
        assert images == [("https://x/l.png", "only-light rounded"), ("https://x/d.png", "only-dark rounded")]
    else:
        assert images == [("https://x/l.png", "rounded")]
    assert_kept(text, result, "MARK")


def test_tabs_become_sphinx_design_tabs():
    text = (
        'Intro.\n\n<Tabs>\n  <TabItem value="npm" label="npm" default>\n    npm text. MARK1\n  </TabItem>\n'
        '  <TabItem value="yarn">\n    Yarn text. MARK2\n  </TabItem>\n</Tabs>\n'
    )
    result = convert(text)
    out = lines(result.text)
    assert out[1] == "````{tab-set}" and out[9] == "````"
    assert out[2:6] == ["```{tab-item} npm", ":selected:", "npm text. MARK1", "```"]
    assert out[6:8] == ["```{tab-item} yarn", "Yarn text. MARK2"]
    assert_same_lines(text, result)


def test_links_become_markdown_links_inline_and_around_blocks():
    text = (
        'Read <Link to="/blog/post">the post</Link> or <a href="https://x.org">this</a>. MARK1\n\n'
        '<Link to="/docs/install">\n    <Button type="primary">\n        Install it\n    </Button>\n</Link>\n\nMARK2\n'
    )
    result = convert(text)
    assert lines(result.text)[0] == "Read [the post](/blog/post) or [this](https://x.org). MARK1"
    assert lines(result.text)[4] == "[Install it](/docs/install)"
    assert result.unknown == {"Button": 4}
    assert_same_lines(text, result)


# -- props ------------------------------------------------------------------------------------


def test_props_read_literals_and_imported_names_and_report_javascript():
    seen = {}

    def spy(props, children):
        seen.update(props)
        return ""

    text = (
        "import shot from './shot.png'\n\n"
        "<Spy a=\"x &amp; y\" b='single' c={\"braced\"} d={'q'} e={`tpl`} f={3} g={-1.5} h={true} i={false}\n"
        "  j k={shot} l={require('./img/l.png').default} m={items.map(x => x)} n={`${x}`} {...rest} />\n"
    )
    result = convert(text, {"Spy": spy})
    assert seen == {
        "a": "x & y", "b": "single", "c": "braced", "d": "q", "e": "tpl", "f": 3, "g": -1.5,
        "h": True, "i": False, "j": True, "k": "shot.png", "l": "img/l.png",
    }  # fmt: skip
    assert [problem.line for problem in result.problems] == [4, 4, 4]
    assert all("JavaScript" in problem.message for problem in result.problems)


# -- unknown components -----------------------------------------------------------------------


def test_unknown_components_keep_children_drop_self_closing_and_are_reported_once():
    text = (
        'Intro. MARK1\n\n<Mystery kind="a">\n    Child text. MARK2\n</Mystery>\n\n<Gone />\n\n'
        '<Mystery>\nAgain. MARK3\n</Mystery>\n\nOn <Gone name="Ann" /> a line. MARK4\n'
    )
    result = convert(text)
    assert lines(result.text)[3] == "Child text. MARK2"
    assert "Gone" not in result.text and "Mystery" not in result.text
    assert result.unknown == {"Mystery": 3, "Gone": 7}
    reported = [(problem.component, problem.line) for problem in result.problems]
    assert reported == [("Mystery", 3), ("Gone", 7)]
    assert "blog_mdx_components" in result.problems[0].message
    assert_same_lines(text, result)


def test_the_hint_suggests_a_template_from_the_props():
    result = convert('On <TeamMember name="Ann" /> a line.\n')
    assert "{'TeamMember': '{{name}}'}" in result.problems[0].message


def test_placeholders_that_are_not_jsx_show_as_text_with_a_problem():
    text = "<PUT IN GRAPH OF SIGNUPS>\n\n<IANS’S VIDEO GOES HERE>\n\n<Put in a picture>\n\nMARK\n"
    result = convert(text)
    assert lines(result.text)[:5] == [
        "\\<PUT IN GRAPH OF SIGNUPS>",
        "",
        "\\<IANS’S VIDEO GOES HERE>",
        "",
        "\\<Put in a picture>",
    ]
    assert [problem.line for problem in result.problems] == [1, 3, 5]
    assert_same_lines(text, result)


# -- inline components ------------------------------------------------------------------------


def test_inline_components_in_a_sentence():
    text = 'When onboarding <TeamMember name="Ann Lee" photo /> to the team <Gone /> we met. MARK\n'
    result = convert(text, {"TeamMember": "{{name}}", "Gone": ""})
    assert lines(result.text)[0] == "When onboarding Ann Lee to the team  we met. MARK"
    assert result.problems == []


def test_a_block_mapping_used_in_a_sentence_keeps_the_children():
    result = convert("Some <Note>inline note</Note> here.\n")
    assert result.text == "Some inline note here.\n"
    assert "inside a sentence" in result.problems[0].message


def test_an_inline_component_over_several_lines_does_not_split_the_paragraph():
    text = 'First <TeamMember\n  name="Ann"\n/> then\nmore text.\n\nMARK\n'
    result = convert(text, {"TeamMember": "{{name}}"})
    assert lines(result.text)[:2] == ["First Ann then", "more text."]
    assert not "".join(lines(result.text)[2:5]).strip()
    assert result.shifts == [(4, -2), (6, 0)]  # the paragraph's last line moved up; the blank lines make up
    assert_kept(text, result, "MARK")


# -- includes ---------------------------------------------------------------------------------


def test_an_imported_mdx_file_becomes_an_include_using_blank_lines_around_it():
    text = "import Cta from './_includes/cta.mdx'\n\nIntro.\n\n\n<Cta />\n\n\n\nAfter. MARK\n"
    result = convert(text)
    assert lines(result.text)[5:9] == [
        "```{include} _includes/cta.mdx",
        ":relative-images:",
        ":relative-docs: .",
        "```",
    ]
    assert_same_lines(text, result)


def test_an_include_in_the_same_folder_needs_no_options():
    text = "import Cta from './cta.md'\n\nIntro.\n\n<Cta />\n\nAfter. MARK\n"
    result = convert(text)
    assert lines(result.text)[4:6] == ["```{include} cta.md", "```"]
    assert_same_lines(text, result)


def test_an_include_without_room_pushes_lines_down_until_blank_lines_can_go():
    text = (
        "import Cta from './a/cta.mdx'\n\nIntro.\n<Cta />\nAfter. MARK1\n\nMore. MARK2\n\n## Next\n\n"
        "Text. MARK3\n\n\nEnd. MARK4\n"
    )
    result = convert(text)
    assert lines(result.text)[3:7] == ["```{include} a/cta.mdx", ":relative-images:", ":relative-docs: .", "```"]
    # three lines down after it; the blank lines around the heading and the second of two
    # blank lines in a row can go, so the text is back in place at MARK4
    assert result.shifts == [(5, 3), (9, 2), (11, 1), (14, 0)]
    assert_kept(text, result, "MARK1", "MARK2", "MARK3", "MARK4")


def test_includes_inline_or_with_children_are_problems():
    text = "import Cta from './cta.mdx'\n\nSee <Cta /> here.\n\n<Cta>\nignored\n</Cta>\n"
    result = convert(text)
    assert len(result.problems) == 2 and result.includes == ["cta.mdx"]


# -- images and plain HTML --------------------------------------------------------------------


def test_imported_and_local_images_become_sphinx_images():
    text = (
        "import diagram from '../images/diagram.png'\n\n"
        '<img src={diagram} alt="A diagram" className="big" />\n\n'
        '<img src={require(\'./img/x.png\').default} alt="X" width="320" />\n\n\n\n\n'
        'Inline <img src={diagram} alt="d" /> image. MARK\n\n<img src="https://cdn.x/remote.png" className="r" />\n'
    )
    result = convert(text)
    out = lines(result.text)
    assert out[2] == "![A diagram](../images/diagram.png)"
    assert out[4:8] == ["```{image} img/x.png", ":alt: X", ":width: 320", "```"]
    assert out[9] == "Inline ![d](../images/diagram.png) image. MARK"
    assert out[11] == '<img src="https://cdn.x/remote.png" class="r" />'
    assert_same_lines(text, result)


def test_html_jsx_isms_are_fixed():
    text = (
        '<iframe\n    src="https://video.example/embed"\n    className="rounded"\n    allowFullScreen\n/>\n\n'
        "<div style={{textAlign: 'center', marginTop: 8, opacity: 0.5}} hidden={false} title={\"t\"} tabIndex={0}>\n"
        '<span className="x">Text<br />more</span>\n</div>\n\nMARK\n'
    )
    result = convert(text)
    out = lines(result.text)
    assert out[:4] == [
        "<iframe",
        '    src="https://video.example/embed"',
        '    class="rounded"',
        "    allowFullScreen></iframe>",
    ]
    assert out[6] == '<div style="text-align: center; margin-top: 8px; opacity: 0.5" title="t" tabIndex="0">'
    assert out[7] == '<span class="x">Text<br />more</span>'
    assert_same_lines(text, result)


def test_a_style_that_is_code_is_a_problem_and_dropped():
    result = convert("<div style={{color: theme.primary}}>\nx\n</div>\n")
    assert lines(result.text)[0] == "<div>"
    assert "style" in result.problems[0].message


def test_details_keep_their_markdown_and_markdown_after_raw_html_gets_a_blank_line():
    text = (
        "<details>\n<summary>Why?</summary>\n\nBecause **so**. MARK1\n\n</details>\n\n"
        "<blockquote>\nQuoted.\n</blockquote>\n"
    )
    result = convert(text)
    assert lines(result.text)[:6] == lines(text)[:6]
    assert lines(result.text)[7:10] == ["<blockquote>", "", "Quoted."]
    assert result.shifts == [(9, 1)]


def test_preformatted_html_is_left_as_written():
    text = "Intro.\n\n<pre>\n  code <b>x</b>\n    more {x}\n</pre>\n\nMARK\n"
    assert convert(text).text == text


def test_lowercase_mappings_stay_html_inside_raw_html():
    text = '<p>\n    <a href="https://x.org">via X</a>\n</p>\n\nMARK\n'
    result = convert(text)
    assert lines(result.text)[:3] == ["<p>", '<a href="https://x.org">via X</a>', "</p>"]
    assert_same_lines(text, result)


@pytest.mark.parametrize(
    "text",
    [
        "<Note>\n" * 300 + "deep\n" + "</Note>\n" * 300,
        ":::::::tip\n" * 300 + "deep\n" + "::::::::::::\n" * 300,
        "<div>\n" * 300 + "deep\n" + "</div>\n" * 300,
        "a " + "<Link to='x'>" * 300 + "deep" + "</Link>" * 300,
        "<Foo a={" + "{" * 3000 + "}" * 3000 + "} /> deep",
    ],
)
def test_deep_nesting_is_one_problem_not_a_crash(text):
    result = convert(text)
    assert "deep" in result.text
    assert 1 <= len(result.problems) <= 2
    assert all(len(problem.message) < 300 for problem in result.problems)


# -- layout -----------------------------------------------------------------------------------


def test_layout_pads_removed_lines_and_glues_paragraphs():
    items = [Item("a", 0), Item("b", 3), Item("c", 4, glue=True), Item("", 6, elastic=True), Item("d", 7)]
    assert layout(items) == (["a", "", "", "b", "c", "", "", "d"], [])


def test_layout_never_drops_a_blank_line_between_two_paragraphs():
    items = [Item("a", 0), Item("x", 0, generated=True, glue=True), Item("", 1, elastic=True), Item("b", 2)]
    out, shifts = layout(items)
    assert out == ["a", "x", "", "b"] and shifts == [(3, 1)]


BLOCKS = [
    "", "", "Plain text.", "import Cta from './cta.mdx'", "import {\n  A,\n  B\n} from 'x'",
    "<Cta />", "<Note>\nInside.\n</Note>", ":::tip Title\nTip.\n:::", "::::info\n:::danger\nx\n:::\n::::",
    "{/* c */}", "{/*\nc\n*/}", "## H {#h}", "<Caption>c</Caption>", "<Quote name='a' quote='q' />",
    "<Unknown>\nkid\n</Unknown>", "<PUT HERE>", "```\n<Note>\n```", "<div className='x'>\nmd\n</div>",
    "<img src={x} />", "a <TeamMember name='n' /> b", "<Tabs>\n<TabItem label='a'>\nA\n</TabItem>\n</Tabs>",
    "<Broken prop={", "</Stray>", "````mdx-code-block\n<Tip>t</Tip>\n````", "<ProductScreenshot imageLight='l' />",
    "text\n<Caption>under</Caption>", "<pre>\n  x\n</pre>", "<details>\n<summary>s</summary>\nbody\n</details>",
]  # fmt: skip


@pytest.mark.parametrize("seed", range(200))
def test_any_mix_converts_and_plain_lines_stay_where_the_shifts_say(seed):
    """Random documents (seeded, so a failure repeats) of the shapes above."""
    chosen = random.Random(seed).choices(BLOCKS, k=seed % 15)
    parts = []
    for number, block in enumerate(chosen):
        parts += [block, "", f"MARK{number} stays.", ""]
    text = "\n".join(parts)
    result = convert(text, {"TeamMember": "{{name}}"})
    assert len(lines(result.text)) >= len(lines(text))
    assert result.text.endswith("\n") == text.endswith("\n")
    assert_kept(text, result, *[f"MARK{number}" for number in range(len(chosen))])


# -- builds of the test roots -----------------------------------------------------------------


def marker_lines(root: str) -> dict[str, list[tuple[str, int, int]]]:
    """For each post of a root: (marker, input line, output line)."""
    found = {}
    for path in sorted((ROOTS / root).rglob("*.md*")):
        if path.name == "README.md":
            continue
        text = path.read_text(encoding="utf-8")
        result = convert(text, {"TeamMember": "{{name}}", "NewsletterForm": ""})
        found[path.name] = [
            (marker, line_of(text, marker), line_of(result.text, marker))
            for marker in re.findall(r"MARKER-[\w-]+", text)
        ]
    return found


# markers after a block that needs more lines than it had (an include, two images, a
# sized image): one line down, until the next heading or fence lets the text catch up
MOVED = {
    ("funnel-launch.mdx", "MARKER-AFTER-IMAGE"),
    ("funnel-launch.mdx", "MARKER-END"),
    ("query-engine-notes.mdx", "MARKER-END"),
    ("index.mdx", "MARKER-IMAGES"),
    ("index.mdx", "MARKER-OUTER"),
    ("index.mdx", "MARKER-INNER"),
}


@pytest.mark.parametrize("root", ["test-mdx", "test-docusaurus"])
def test_every_marker_of_the_roots_keeps_its_line_but_the_known_few(root):
    for name, markers in marker_lines(root).items():
        for marker, before, after in markers:
            assert after - before == ((name, marker) in MOVED), (name, marker, before, after)


def body_text(soup: BeautifulSoup) -> str:
    """The page's main text without code blocks and inline code."""
    body = soup.select_one("div.body")
    assert body is not None
    for code in body.select("pre, code"):
        code.decompose()
    return body.get_text(" ")


@pytest.fixture(scope="module")
def mdx_site(module_tmp):
    return build(copy_root("mdx", module_tmp))


@pytest.fixture(scope="module")
def docusaurus_site(module_tmp):
    return build(copy_root("docusaurus", module_tmp))


def page(app, docname: str) -> BeautifulSoup:
    return parse_html(Path(app.outdir) / f"{docname}.html")


@pytest.mark.parametrize("docname", ["blog/funnel-launch", "blog/team-onboarding", "blog/query-engine-notes"])
def test_mdx_pages_show_no_mdx_syntax(mdx_site, docname):
    soup = page(mdx_site, docname)
    text = body_text(soup)
    assert not re.search(r"\bimport\b.*\bfrom\b", text)
    assert "{/*" not in text and "{#" not in text and ":::" not in text
    raw = (Path(mdx_site.outdir) / f"{docname}.html").read_text(encoding="utf-8")
    assert not re.search(r"</?[A-Z]", raw), "a component reached the HTML as a tag"


def test_mdx_launch_post_blocks(mdx_site):
    soup = page(mdx_site, "blog/funnel-launch")
    quote = soup.select_one("blockquote.pull-quote")
    assert quote.select_one("p.attribution").get_text() == "—Kim Ortega, Head of Growth, Paperplane"
    callout = soup.select_one("div.admonition.note")
    assert callout.select_one("p.admonition-title").get_text() == "Try it today"
    # the test theme (basic) has no dark mode: the light screenshot alone (furo, pydata and book get both)
    assert soup.select("img.only-light, img.only-dark") == []
    assert len(soup.select("img.rounded")) == 1
    assert soup.select_one("p.blog-caption").get_text().startswith("The new funnel view")
    assert soup.find("img", alt="How a funnel query flows")["src"] == "../_images/funnel-diagram.png"
    assert "Ann Lee wrote the query planner and\nRaj Patel built" in soup.get_text()
    assert (Path(mdx_site.outdir) / "_images" / "funnel-diagram.png").exists()


@pytest.mark.parametrize("docname", ["blog/funnel-launch", "blog/query-engine-notes"])
def test_mdx_include_is_inserted_with_its_links_and_images(mdx_site, docname):
    soup = page(mdx_site, docname)
    assert soup.find("img", alt="Badge")["src"] == "../_images/badge.png"
    link = soup.find("a", string="onboard new people")
    assert link["href"] == "team-onboarding.html"
    assert soup.find("a", string="get the newsletter")["href"] == "https://example.com/newsletter"


def test_mdx_html_and_inline_components(mdx_site):
    soup = page(mdx_site, "blog/team-onboarding")
    iframe = soup.find("iframe")
    assert iframe["class"] == ["rounded", "shadow-xl"] and iframe.has_attr("allowfullscreen")
    assert soup.select_one("details summary").get_text() == "What if nothing is ready to ship?"
    assert soup.select_one("details p strong").get_text() == "this"
    assert soup.select_one("div[style]")["style"] == "text-align: center; margin-top: 12px"
    assert soup.find("img", alt="The team at the offsite")["class"] == ["rounded"]
    assert soup.select_one("section#day-one h2").get_text().startswith("Day one")
    assert "When onboarding Lena Fischer last month" in soup.get_text()
    assert "<PUT A PHOTO OF THE WHITEBOARD HERE>" in soup.get_text()


def test_mdx_code_stays_code_and_links_and_callouts_work(mdx_site):
    soup = page(mdx_site, "blog/query-engine-notes")
    assert "{/* kept inside code */}" in soup.select_one("div.highlight-jsx").get_text()
    assert soup.find("a", string="Read the launch post")["href"] == "funnel-launch.html"
    caution = soup.select_one("div.admonition.caution")
    assert caution.select_one("p.admonition-title").get_text() == "Mind the cache"
    assert soup.select_one("section#the-plan") is not None


def test_mdx_warnings_one_per_problem_with_file_and_line(mdx_site):
    warnings = [line for line in warnings_of(mdx_site) if "[blog.mdx]" in line]
    assert len(warnings) == 3, warnings
    assert any("query-engine-notes.mdx:36" in line and "<Button>" in line for line in warnings)
    assert any("team-onboarding.md:42" in line and "<SmallTeam>" in line for line in warnings)
    assert any("team-onboarding.md:44" in line and "<PUT>" in line for line in warnings)
    assert len(warnings_of(mdx_site)) == 3


ADMONITIONS = {  # (docname, marker): (class, title)
    ("2021-03-09-releasing-docs-v2", "MARKER-NOTE"): ("note", "Note"),
    ("2021-03-09-releasing-docs-v2", "MARKER-TIP"): ("tip", "Tip"),
    ("2021-03-09-releasing-docs-v2", "MARKER-INFO"): ("note", "Info"),
    ("2021-03-09-releasing-docs-v2", "MARKER-CAUTION"): ("caution", "Caution"),
    ("2021-03-09-releasing-docs-v2", "MARKER-WARNING"): ("warning", "Warning"),
    ("2021-03-09-releasing-docs-v2", "MARKER-DANGER"): ("danger", "Danger"),
    ("2020-12-01-legacy-front-matter", "MARKER-IMPORTANT"): ("important", "Read this first"),
    ("2020-12-01-legacy-front-matter", "MARKER-SUCCESS"): ("tip", "Shipped"),
    ("2020-12-01-legacy-front-matter", "MARKER-SECONDARY"): ("note", "Side note"),
    ("2020-12-01-legacy-front-matter", "MARKER-CAUTION-TITLE"): ("caution", "Old syntax ahead"),
    ("2020-12-01-legacy-front-matter", "MARKER-WARNING-TITLE"): ("warning", "Mind the gap"),
    ("2020-12-01-legacy-front-matter", "MARKER-DANGER-TITLE"): ("danger", "Do not run this in production"),
    ("2022/05-01-translations-beta", "MARKER-ADMONITION"): ("tip", "Keep labels short"),
    ("2023-01-15-folder-post/index", "MARKER-OUTER"): ("tip", "Nested boxes"),
    ("2023-01-15-folder-post/index", "MARKER-INNER"): ("warning", "Inner warning"),
    ("2023-06-30-single-author-object", "MARKER-GUEST-TIP"): ("tip", "Guest tip"),
    ("2023-06-30-single-author-object", "MARKER-IMPORTANT-PLAIN"): ("important", "Important"),
    ("2023-06-30-single-author-object", "MARKER-SUCCESS-PLAIN"): ("tip", "Success"),
    ("2023-06-30-single-author-object", "MARKER-SECONDARY-PLAIN"): ("note", "Secondary"),
    ("2023-06-30-single-author-object", "MARKER-NOTE-TITLE"): ("note", "Before you start"),
    ("2023-06-30-single-author-object", "MARKER-INFO-TITLE"): ("note", "Good to know"),
}


@pytest.mark.parametrize(("docname", "marker"), ADMONITIONS)
def test_docusaurus_admonitions_have_their_kind_and_title(docusaurus_site, docname, marker):
    soup = page(docusaurus_site, "blog/" + docname)
    paragraph = soup.find("p", string=re.compile(marker + r"$"))
    box = paragraph.find_parent("div", class_="admonition")
    kind, title = ADMONITIONS[docname, marker]
    assert kind in box["class"] and box.select_one("p.admonition-title").get_text() == title


def test_docusaurus_nested_admonition_is_inside_the_outer_one(docusaurus_site):
    soup = page(docusaurus_site, "blog/2023-01-15-folder-post/index")
    assert soup.select_one("div.admonition.tip div.admonition.warning") is not None


@pytest.mark.parametrize(
    ("docname", "anchor", "heading"),
    [
        ("2021-03-09-releasing-docs-v2", "upgrade-guide", "Upgrading"),
        ("2022/05-01-translations-beta", "enable-locale", "Enabling a locale"),
        ("2022/05-01-translations-beta", "translate-sidebar", "Translating the sidebar"),
        ("2023-01-15-folder-post/index", "previews", "Previews"),
    ],
)
def test_docusaurus_heading_ids_are_anchors(docusaurus_site, docname, anchor, heading):
    soup = page(docusaurus_site, "blog/" + docname)
    target = soup.find(id=anchor)  # the section's own id, or (docutils < 0.22) a span in it
    section = target if target.name == "section" else target.find_parent("section")
    assert section.find("h2").get_text().rstrip("¶") == heading
    assert "{" not in soup.title.get_text()


@pytest.mark.parametrize(
    "docname",
    [
        "2021-03-09-releasing-docs-v2",
        "2020-12-01-legacy-front-matter",
        "2022/05-01-translations-beta",
        "2023-01-15-folder-post/index",
        "2023-06-30-single-author-object",
    ],
)
def test_docusaurus_pages_have_the_excerpt_marker_and_no_mdx_text(docusaurus_site, docname):
    soup = page(docusaurus_site, "blog/" + docname)
    comments = [comment.strip() for comment in soup.find_all(string=lambda s: isinstance(s, Comment))]
    assert "truncate" in comments
    text = body_text(soup)
    assert ":::" not in text and "{/*" not in text and "{#" not in text
    assert not re.search(r"\bimport\b.*\bfrom\b", text)
    raw = (Path(docusaurus_site.outdir) / "blog" / f"{docname}.html").read_text(encoding="utf-8")
    assert not re.search(r"</?[A-Z]", raw), "a component reached the HTML as a tag"


def test_docusaurus_tabs_and_images(docusaurus_site):
    soup = page(docusaurus_site, "blog/2022/05-01-translations-beta")
    labels = [label.get_text().strip() for label in soup.select(".sd-tab-set label")]
    assert labels == ["npm", "Yarn"]
    assert soup.select(".sd-tab-set input")[0].has_attr("checked")
    folder = page(docusaurus_site, "blog/2023-01-15-folder-post/index")
    again = folder.find("img", alt="The pipeline again")  # Sphinx 8.0 writes the width as a style
    assert again.get("width") == "320" or "width: 320px" in again.get("style", "")
    assert folder.find("img", alt="The pipeline at night")["src"] == "../../_images/pipeline-dark.png"
    # the one warning of the root: a tag its tags.yml does not list (see test_docusaurus.py)
    assert [line.split("WARNING: ")[1] for line in warnings_of(docusaurus_site)] == [
        "unknown tag 'beta' (not in blog/tags.yml) [blog.tag]"
    ]


def test_default_components_follow_the_dark_mode_switch():
    screenshot = default_components(dark_mode=False)["ProductScreenshot"]
    assert callable(screenshot)
    assert screenshot({"imageLight": "l", "imageDark": "d"}, "").count("{image}") == 1
