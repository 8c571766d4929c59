"""Sentence segmentation: what is prose, where sentences split, and exact 1-based positions."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.segment import (MARKDOWN, RST, TEXT, clean_text, line_starts, mask_markdown_inline, segment,
                               split_sentences)


def sentences(text: str, syntax: str = MARKDOWN) -> list[str]:
    return [s.text for s in segment(text, syntax).sentences]


def located(text: str, syntax: str = MARKDOWN) -> list[tuple[int, int, int, int, str]]:
    doc = segment(text, syntax)
    return [(*doc.position(s.start), *doc.position(s.end), s.text) for s in doc.sentences]


def split(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


# -- sentence splitting -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The U.S. Commerce Department restricted the H800 in 2023.",
    "Several labs, e.g. the one in Hangzhou, train large models.",
    "It costs about 5.5 million dollars.",
    "The final run cost $5.58M in rented GPU time.",
    "DeepSeek V2.5 merged the chat and coder models.",
    "Dr. Liang and Mr. Wang met at No. 1 on Main St. in the morning.",
    "They waited... and waited.",
    "Models (approx. 671B parameters) need many GPUs.",
])
def test_abbreviations_decimals_and_versions_do_not_split(text):
    """Periods inside abbreviations, figures and version numbers do not end a sentence."""
    assert split(text) == [text]


@pytest.mark.parametrize("text, expected", [
    ("DeepSeek cost $6M. That is the final run.", ["DeepSeek cost $6M.", "That is the final run."]),
    ("Is it true? No! It is not.", ["Is it true?", "No!", "It is not."]),
    ('He said "it cost $6M." Then he left.', ['He said "it cost $6M."', "Then he left."]),
    ("It was built in the U.S. The chips came later.", ["It was built in the U.S.", "The chips came later."]),
    ("It waited... Then it shipped.", ["It waited...", "Then it shipped."]),
    ("\u6df1\u5ea6\u6c42\u7d22\u6210\u7acb\u4e8e2023\u5e74\u3002\u5b83\u5f88\u6709\u540d\u3002",
     ["\u6df1\u5ea6\u6c42\u7d22\u6210\u7acb\u4e8e2023\u5e74\u3002", "\u5b83\u5f88\u6709\u540d\u3002"]),
    ("Released in 2024. 50 people worked on it.", ["Released in 2024.", "50 people worked on it."]),
])
def test_sentences_split_at_terminators(text, expected):
    """Full stops, question and exclamation marks, closing quotes and CJK full stops end sentences."""
    assert split(text) == expected


# -- positions ----------------------------------------------------------------------------------------------

def test_positions_are_one_based_and_end_is_just_past_the_sentence():
    """line:column are 1-based; the end column is the one after the last character (as in SARIF)."""
    assert located("One two three. Four five six.\n") == [
        (1, 1, 1, 15, "One two three."),
        (1, 16, 1, 30, "Four five six."),
    ]


def test_positions_skip_container_markers():
    """Headings, list items and block quotes start after their markers."""
    text = "# A heading here\n\n- an item here\n  continues here.\n\n> quoted text here.\n"
    assert located(text) == [
        (1, 3, 1, 17, "A heading here"),
        (3, 3, 4, 18, "an item here continues here."),
        (6, 3, 6, 20, "quoted text here."),
    ]


def test_crlf_and_lone_cr_give_the_same_positions_as_lf():
    """CRLF and CR end lines exactly like LF."""
    lf = "Intro line.\n\nFirst sentence here. Second one\nwraps here.\n"
    expected = located(lf)
    assert located(lf.replace("\n", "\r\n")) == expected
    assert located(lf.replace("\n", "\r")) == expected
    assert located(lf.replace("\n", "\r\n"), TEXT) == located(lf, TEXT)


def test_a_byte_order_mark_is_not_a_column():
    """A leading BOM does not shift line 1."""
    assert located("\ufeffHello there world.\n") == located("Hello there world.\n") == [
        (1, 1, 1, 19, "Hello there world.")]


def test_tabs_and_astral_characters_count_as_one_column_each():
    """Columns count code points: a tab is one column, so is an emoji outside the BMP."""
    assert located("\U0001F680 Rockets fly high.\tThen they land.\n") == [
        (1, 1, 1, 20, "\U0001F680 Rockets fly high."),
        (1, 21, 1, 36, "Then they land."),
    ]


def test_line_starts_handles_every_line_break():
    """The line table knows CRLF, CR and LF, and a leading BOM."""
    assert line_starts("a\r\nb\rc\nd") == (0, 3, 5, 7)
    assert line_starts("\ufeffa\nb") == (1, 3)


# -- what is prose in Markdown ------------------------------------------------------------------------------

def test_code_blocks_front_matter_html_and_comments_are_skipped():
    """Fenced and indented code, YAML/TOML front matter, HTML blocks and comments hold no sentences."""
    text = (
        "---\ntitle: DeepSeek cost $6M\n---\n\n"
        "```\nDeepSeek cost $6M in code.\n```\n\n"
        "    DeepSeek cost $6M indented.\n\n"
        "<div>\nDeepSeek cost $6M in HTML.\n</div>\n\n"
        "<!-- DeepSeek cost $6M in a comment. -->\n\n"
        "Only this sentence is prose.\n"
    )
    assert located(text) == [(17, 1, 17, 29, "Only this sentence is prose.")]
    assert sentences("+++\ntitle = 'x'\n+++\nProse after TOML front matter.\n") == [
        "Prose after TOML front matter."]


def test_inline_code_urls_and_link_targets_are_masked_but_link_text_is_kept():
    """Inline code, bare URLs, autolinks and link destinations vanish; link text stays in the sentence."""
    text = ("Run `DeepSeek cost $6M` or see https://example.com/DeepSeek-cost-6M and <https://x.org/a>. "
            "Read [the cost story](https://example.com/cost \"title\") today.\n")
    assert sentences(text) == ["Run or see and.", "Read the cost story today."]


def test_images_html_inline_entities_and_emphasis():
    """Images are dropped; inline tags, emphasis markers and entities leave only their text."""
    text = "![DeepSeek cost $6M](img.png) A <b>bold</b> **claim** &amp; _more_ ~~old~~ text here.\n"
    assert sentences(text) == ["A bold claim & more old text here."]


def test_table_cells_are_blocks_of_their_own():
    """Each cell is linted alone, escaped pipes included, with its own column."""
    text = "| Claim | Verdict |\n|---|---|\n| DeepSeek cost \\| $6M | misleading |\n"
    assert located(text) == [
        (1, 3, 1, 8, "Claim"),
        (1, 11, 1, 18, "Verdict"),
        (3, 3, 3, 23, "DeepSeek cost | $6M"),
        (3, 26, 3, 36, "misleading"),
    ]


def test_mdx_import_and_export_lines_are_not_prose():
    """In MDX, `import`/`export` statements are code."""
    doc = segment("import X from './x'\n\nProse stays here.\n", MARKDOWN, mdx=True)
    assert [s.text for s in doc.sentences] == ["Prose stays here."]


def test_github_alerts_wiki_links_and_attribute_lists_are_cleaned():
    """`[!NOTE]`, `[[target|label]]` and kramdown `{:toc}` leave no trace in the sentence."""
    assert sentences("> [!NOTE]\n> The note text here.\n") == ["The note text here."]
    assert sentences("See [[deepseek_r1 | DeepSeek]] for more.\n") == ["See DeepSeek for more."]
    assert sentences("* TOC\n{:toc}\n") == ["TOC"]


def test_comments_are_collected_with_their_target_block():
    """A standalone comment targets the next sibling block; an inline one stands on its own line."""
    text = "<!-- factcheck: ignore -->\n- one item here\n- two items here\n\nText here. <!-- factcheck: ignore x -->\n"
    doc = segment(text)
    assert [(c.text, c.line, c.standalone, c.target) for c in doc.comments] == [
        ("factcheck: ignore", 1, True, (2, 3)),
        ("factcheck: ignore x", 5, False, None),
    ]


def test_clean_text_collapses_white_space_and_drops_deleted_characters():
    """The matcher sees single spaces and no markup."""
    assert clean_text(mask_markdown_inline("a  **b**\n c .")) == "a b c."


# -- plain text and reStructuredText ------------------------------------------------------------------------

def test_plain_text_blocks_split_at_blank_lines_and_bullets():
    """Paragraphs and list items are separate blocks; a wrapped sentence spans lines."""
    text = "First para wraps\nover two lines.\n\n- item one here\n- item two here\n"
    assert located(text, TEXT) == [
        (1, 1, 2, 16, "First para wraps over two lines."),
        (4, 3, 4, 16, "item one here"),
        (5, 3, 5, 16, "item two here"),
    ]


def test_plain_text_masks_urls_and_trailing_directives():
    """URLs and a `factcheck: ignore` at the end of a line are not part of the sentence."""
    text = "See https://example.com/a.b for it.  # factcheck: ignore some-id\n"
    assert sentences(text, TEXT) == ["See for it."]


def test_rst_skips_literal_blocks_directives_and_inline_literals():
    """reStructuredText: `::` literal blocks, `..` directives and ``literals`` are not prose."""
    text = ("Title here\n==========\n\nThe command is::\n\n    code line here.\n\n"
            ".. note::\n\n   Directive body here.\n\nUse ``code`` and `a link <https://x.org>`_ now.\n")
    assert sentences(text, RST) == ["Title here", "The command is::", "Use and a link now."]


# -- properties -----------------------------------------------------------------------------------------------

_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz\u00e9\u6df1", min_size=1, max_size=8)
_SENTENCE = st.lists(_WORD, min_size=1, max_size=6).map(lambda ws: " ".join(ws).capitalize() + ".")
_PARAGRAPH = st.lists(_SENTENCE, min_size=1, max_size=4).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(st.lists(_PARAGRAPH, min_size=1, max_size=4), st.sampled_from(["\n", "\r\n", "\r"]),
       st.sampled_from([MARKDOWN, TEXT]))
def test_every_sentence_points_at_its_own_text(paragraphs, newline, syntax):
    """For plain prose, the original text between start and end is exactly the sentence."""
    text = (newline * 2).join(paragraphs) + newline
    doc = segment(text, syntax)
    assert doc.sentences
    for s in doc.sentences:
        assert text[s.start:s.end] == s.text
        line, column = doc.position(s.start)
        start_of_line = doc.line_starts[line - 1]
        assert text[start_of_line + column - 1] == s.text[0]


_MARKDOWNISH = st.sampled_from(list("ab cD.\n\t#>-*_`[]()!<|=~$\\&:/1\r\"'") + [
    "http://x.y", "<!--", "-->", "```", "    ", "---", "\ufeff", "\U0001F680", "\u6df1", "| a | b |\n|---|---|\n",
    "<div>", "factcheck: ignore", "e.g.", "U.S."])


@settings(max_examples=200, deadline=None)
@given(st.lists(_MARKDOWNISH, max_size=50).map("".join), st.sampled_from([MARKDOWN, TEXT, RST]))
def test_any_input_segments_without_error_into_trimmed_in_bounds_sentences(text, syntax):
    """Whatever the input, sentences lie inside the text and start and end on a visible character."""
    from factcheck.suppress import find_suppressions

    doc = segment(text, syntax)
    for s in doc.sentences:
        assert 0 <= s.start < s.end <= len(text)
        assert not text[s.start].isspace() and not text[s.end - 1].isspace()
    find_suppressions(doc)
