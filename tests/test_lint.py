"""The linter on golden drafts (exact positions), suppressions, fail-on levels, the prefilter, config and inputs.

Findings come from a small registry in tests/data/lint/registry.yaml (loaded without the built-in one), so
these expectations do not move when the built-in registry or the matcher's tuning changes.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from factcheck.config import Config, ConfigError, find_config, load_config, parse_config
from factcheck.inputs import STDIN_NAME, InputError, Source, compile_patterns, decode, discover, read_source
from factcheck.linter import (FAIL_ON_CHOICES, LintOptions, Prefilter, is_failing, is_statement, lint_text,
                              syntax_for)
from factcheck.model import CONSISTENT, WRONG
from factcheck.segment import segment
from factcheck.suppress import find_suppressions, parse_directive

DATA = Path(__file__).parent / "data" / "lint"


@pytest.fixture(scope="module")
def matcher():
    from factcheck.api import matcher_for
    from factcheck.registry import load_registry

    return matcher_for(load_registry([DATA / "registry.yaml"], builtin=False, use_env=False))


def read(name: str) -> str:
    return (DATA / name).read_bytes().decode("utf-8")


def rows(findings):
    return [(f.line, f.column, f.end_line, f.end_column, f.claim_id, f.stance, f.failing) for f in findings]


# -- golden drafts --------------------------------------------------------------------------------------------

DRAFT_MD = [
    (8, 28, 8, 78, "lint-cost-6m", "affirms", True),
    (25, 1, 25, 52, "lint-ptx-bypass", "denies", False),
    (28, 3, 28, 45, "lint-h100-stockpile", "affirms", False),
    (30, 3, 30, 49, "lint-mit-license", "affirms", False),
    (34, 3, 34, 36, "lint-ptx-bypass", "affirms", True),
    (36, 1, 36, 103, "lint-cost-6m", "affirms", True),
    (42, 35, 42, 73, "lint-cost-6m", "affirms", True),
    (56, 1, 56, 69, "lint-ptx-bypass", "affirms", True),
]


def test_markdown_draft_golden_findings(matcher):
    """Myths in prose, lists, quotes, tables and link text are found at their exact line:column."""
    assert rows(lint_text(read("draft.md"), "draft.md", matcher)) == DRAFT_MD


def test_golden_positions_point_at_the_sentences(matcher):
    """Each finding's line:column is where its sentence starts in the file, and the end is just past it."""
    lines = read("draft.md").split("\n")
    for f in lint_text(read("draft.md"), "draft.md", matcher):
        first_word = f.sentence.split()[0]
        assert lines[f.line - 1][f.column - 1:].startswith(first_word)
        assert lines[f.end_line - 1][:f.end_column - 1].endswith(f.sentence[-1])


def test_nothing_is_reported_in_front_matter_code_urls_html_or_comments(matcher):
    """The myth is written in front matter (2), code (11, 12, 15), inline code and a URL (17), HTML (20)
    and a comment (23): none of these lines is reported."""
    lines = {f.line for f in lint_text(read("draft.md"), "draft.md", matcher)}
    assert not lines & {2, 11, 12, 15, 17, 20, 23}


def test_markdown_suppressions_are_honoured(matcher):
    """ignore (next block), ignore claim-id, off...on, an inline ignore and an ignored list stay silent."""
    lines = {f.line for f in lint_text(read("draft.md"), "draft.md", matcher)}
    assert not lines & {39, 45, 47, 50, 53, 54}
    # `ignore lint-ptx-bypass` silences only that claim: the other sentence on line 42 is reported.
    on_42 = [f.claim_id for f in lint_text(read("draft.md"), "draft.md", matcher) if f.line == 42]
    assert on_42 == ["lint-cost-6m"]


def test_plain_text_draft_golden_findings(matcher):
    """Plain text: a wrapped sentence spans two lines; end-of-line and standalone directives work."""
    assert rows(lint_text(read("draft.txt"), "draft.txt", matcher)) == [
        (3, 28, 3, 78, "lint-cost-6m", "affirms", True),
        (6, 1, 7, 16, "lint-ptx-bypass", "affirms", True),
        (11, 3, 11, 49, "lint-mit-license", "affirms", False),
        (12, 3, 12, 54, "lint-ptx-bypass", "denies", False),
        (15, 1, 15, 41, "lint-h100-stockpile", "affirms", False),
    ]


def test_rst_draft_golden_findings(matcher):
    """reStructuredText: directives, literal blocks, inline literals and `.. factcheck: ignore` are skipped."""
    assert rows(lint_text(read("draft.rst"), "draft.rst", matcher)) == [
        (5, 28, 5, 78, "lint-cost-6m", "affirms", True),
        (21, 1, 21, 52, "lint-ptx-bypass", "denies", False),
    ]


@pytest.mark.parametrize("transform", [
    lambda t: t.replace("\n", "\r\n"),
    lambda t: "\ufeff" + t,
    lambda t: t.replace("\n", "\r"),
], ids=["crlf", "bom", "cr"])
def test_line_endings_and_bom_do_not_move_findings(matcher, transform):
    """CRLF, CR and a byte-order mark give the same line:column as the LF original."""
    assert rows(lint_text(transform(read("draft.md")), "draft.md", matcher)) == DRAFT_MD


def test_findings_carry_the_claim_and_highlights(matcher):
    """A finding exposes claim id, verdict, summary, score and the spans of the claim's words."""
    f = lint_text(read("draft.md"), "draft.md", matcher)[0]
    assert (f.claim_id, f.verdict, f.path) == ("lint-cost-6m", "misleading", "draft.md")
    assert f.summary.startswith("The ~$6M covers")
    assert 0 <= f.score <= 100
    assert f.assessment == WRONG
    spans = [f.sentence[a:b] for a, b in f.highlights]
    assert "$6 million" in spans and any("DeepSeek" in s for s in spans)


# -- severity ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("verdict, stance, fail_on, expected", [
    ("false", "affirms", "false", True),
    ("misleading", "affirms", "false", False),
    ("misleading", "affirms", "misleading", True),
    ("needs-context", "affirms", "misleading", False),
    ("needs-context", "affirms", "needs-context", True),
    ("outdated", "affirms", "needs-context", True),
    ("unproven", "affirms", "needs-context", False),
    ("unproven", "affirms", "unproven", True),
    ("true", "affirms", "unproven", False),
    ("false", "denies", "unproven", False),
    ("true", "denies", "false", True),
    ("false", "affirms", "never", False),
    ("true", "denies", "never", False),
])
def test_fail_on_levels(verdict, stance, fail_on, expected):
    """Affirming a claim fails at its level or a stricter one; denying fails only for a true claim."""
    assert is_failing(verdict, stance, fail_on) is expected


def test_fail_on_changes_which_findings_fail(matcher):
    """`unproven` also fails the 50,000-H100 claim; `never` fails nothing; `false` only the PTX myth."""
    text = read("draft.md")
    failing = {lvl: {f.claim_id for f in lint_text(text, "d.md", matcher, LintOptions(fail_on=lvl)) if f.failing}
               for lvl in FAIL_ON_CHOICES}
    assert failing["unproven"] == {"lint-cost-6m", "lint-ptx-bypass", "lint-h100-stockpile"}
    assert failing["misleading"] == {"lint-cost-6m", "lint-ptx-bypass"}
    assert failing["false"] == {"lint-ptx-bypass"}
    assert failing["never"] == set()


def test_a_denial_of_a_myth_is_consistent_and_a_denial_of_a_fact_fails(matcher):
    """Debunking a myth is consistent; denying a true claim is wrong."""
    myth, fact = lint_text("It is a myth that DeepSeek used PTX to bypass CUDA.\n\n"
                           "DeepSeek-R1 is not released under the MIT license.\n", "x.md", matcher)
    assert (myth.stance, myth.assessment, myth.failing) == ("denies", CONSISTENT, False)
    assert (fact.claim_id, fact.stance, fact.assessment, fact.failing) == ("lint-mit-license", "denies", WRONG, True)


def test_config_and_linter_agree_on_fail_on_levels():
    """The configuration accepts exactly the levels the linter knows."""
    from factcheck import config

    assert config.FAIL_ON_CHOICES == FAIL_ON_CHOICES


def test_ignored_claims_are_not_reported(matcher):
    """`ignore` claim ids drop their findings."""
    found = lint_text(read("draft.md"), "d.md", matcher, LintOptions(ignore=frozenset({"lint-cost-6m"})))
    assert "lint-cost-6m" not in {f.claim_id for f in found}


def test_syntax_follows_the_extension():
    """Markdown for .md/.mdx/unknown, text for .txt, rst for .rst; a forced syntax wins."""
    assert [syntax_for(p) for p in ("a.md", "a.MDX", "a.txt", "a.rst", "a", "<stdin>")] == [
        "markdown", "markdown", "text", "rst", "markdown", "markdown"]


def test_fragments_are_not_statements():
    """Headings and cells of one or two words state no claim; short sentences with a full stop do."""
    assert not is_statement("DeepSeek-R1")
    assert not is_statement("Training Tokens")
    assert is_statement("DeepSeek lied.")
    assert is_statement("R1 beats o1")
    assert is_statement("\u6df1\u5ea6\u6c42\u7d22\u5f88\u4fbf\u5b9c")


# -- suppressions -----------------------------------------------------------------------------------------------

def test_directives_parse_with_and_without_claim_ids():
    """`ignore`, `ignore a, b`, `off`, `on`; anything else is not a directive."""
    assert parse_directive("factcheck: ignore") == ("ignore", frozenset())
    assert parse_directive(" factcheck:ignore a-b, c ") == ("ignore", frozenset({"a-b", "c"}))
    assert parse_directive("FACTCHECK: OFF x") == ("off", frozenset({"x"}))
    assert parse_directive("factcheck: on") == ("on", frozenset())
    assert parse_directive("factcheck: nope") is None
    assert parse_directive("just a comment") is None


def test_off_without_on_runs_to_the_end_of_the_file():
    """An unclosed `off` silences every later line."""
    doc = segment("Before here.\n\n<!-- factcheck: off -->\n\nAfter here.\n")
    supp = find_suppressions(doc)
    assert not supp.covers(1, 1, "x")
    assert supp.covers(5, 5, "x") and supp.covers(10_000, 10_000, "x")


def test_off_with_claim_ids_silences_only_them():
    """`off claim-id` ... `on` lets other claims through."""
    doc = segment("<!-- factcheck: off a -->\nText here.\n<!-- factcheck: on -->\n")
    supp = find_suppressions(doc)
    assert supp.covers(2, 2, "a") and not supp.covers(2, 2, "b")


def test_plain_text_standalone_directive_targets_the_next_block():
    """In plain text, a line with only `# factcheck: ignore` silences the next paragraph."""
    doc = segment("# factcheck: ignore\nFirst para.\n\nSecond para.\n", "text")
    supp = find_suppressions(doc)
    assert supp.covers(2, 2, "x") and not supp.covers(4, 4, "x")


# -- prefilter --------------------------------------------------------------------------------------------------

def test_prefilter_passes_every_phrasing_of_the_built_in_registry():
    """No claim text of the registry is dropped before the matcher sees it."""
    from factcheck.api import matcher_for
    from factcheck.registry import load_registry

    m = matcher_for(load_registry())
    pre = Prefilter(m)
    dropped = [t for c in m.registry.claims for t in c.texts if m.check(t).match and not pre(t)]
    assert dropped == []


def test_prefilter_drops_unrelated_prose(matcher):
    """Ordinary prose with no claim's words does not reach the matcher."""
    pre = Prefilter(matcher)
    assert not pre("The weather in Lyon was pleasant for most of the afternoon.")
    assert not pre("Install the package with pip and run the tests.")
    assert pre("DeepSeek used PTX to bypass CUDA.")


# -- configuration ----------------------------------------------------------------------------------------------

def test_pyproject_tool_factcheck_is_read(tmp_path):
    """`[tool.factcheck]` keys become settings; registries resolve against the file's directory."""
    path = tmp_path / "pyproject.toml"
    path.write_text('[project]\nname = "x"\n\n[tool.factcheck]\nfail-on = "false"\nexclude = ["drafts/**"]\n'
                    'ignore = ["mit-license"]\nregistries = ["extra.yaml"]\n', encoding="utf-8")
    config = load_config(tmp_path)
    assert config == Config(path=path, fail_on="false", exclude=("drafts/**",), ignore=("mit-license",),
                            registries=(tmp_path / "extra.yaml",))


def test_config_is_searched_upward_and_factcheck_toml_wins(tmp_path):
    """The nearest directory with a config wins; there `.factcheck.toml` beats pyproject.toml."""
    (tmp_path / ".factcheck.toml").write_text('fail-on = "never"\n', encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.factcheck]\nfail-on = "false"\n', encoding="utf-8")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    (tmp_path / "a" / "pyproject.toml").write_text('[project]\nname = "no-table"\n', encoding="utf-8")
    assert find_config(deep) == tmp_path / ".factcheck.toml"
    assert load_config(deep).fail_on == "never"


def test_no_config_gives_empty_settings(tmp_path):
    """Without any file, settings are empty (defaults apply)."""
    assert parse_config('[project]\nname = "x"\n', tmp_path / "pyproject.toml") is None
    if find_config(tmp_path) is None:  # no configuration in the temporary directory's parents either
        assert load_config(tmp_path) == Config()


@pytest.mark.parametrize("text, message", [
    ('fail_on = "false"\n', "unknown key 'fail_on'; did you mean 'fail-on'?"),
    ('fail-on = "sometimes"\n', "fail-on must be one of"),
    ('exclude = "a", 1\n', "invalid TOML"),
    ("ignore = [1, 2]\n", "ignore must be a list of strings"),
])
def test_invalid_config_names_the_file_and_key(tmp_path, text, message):
    """Config errors are one line naming the file and the key."""
    path = tmp_path / ".factcheck.toml"
    with pytest.raises(ConfigError) as err:
        parse_config(text, path)
    assert str(path) in str(err.value) and message in str(err.value)


# -- inputs -----------------------------------------------------------------------------------------------------

def make_tree(root: Path, files: dict[str, str]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")


def test_directories_are_walked_for_default_extensions_skipping_hidden_and_gitignored(tmp_path, monkeypatch):
    """Recursive walk: .md .markdown .mdx .txt .rst only; hidden entries and .gitignore'd paths skipped."""
    (tmp_path / ".git").mkdir()
    make_tree(tmp_path, {
        ".gitignore": "build/\n*.tmp.md\n!keep.tmp.md\n/root-only.md\n",
        "a.md": "", "b.markdown": "", "c.mdx": "", "d.txt": "", "e.rst": "", "f.py": "", "g.MD": "",
        ".hidden.md": "", ".dir/x.md": "", "build/y.md": "", "z.tmp.md": "", "keep.tmp.md": "",
        "root-only.md": "", "sub/root-only.md": "", "sub/.gitignore": "local.md\n", "sub/local.md": "",
        "sub/deep/n.md": "",
    })
    monkeypatch.chdir(tmp_path)
    sources, errors = discover(["."])
    assert errors == []
    assert [s.path for s in sources] == ["a.md", "b.markdown", "c.mdx", "d.txt", "e.rst", "g.MD", "keep.tmp.md",
                                         "sub/deep/n.md", "sub/root-only.md"]


def test_explicit_files_are_linted_whatever_their_extension_and_missing_paths_are_errors(tmp_path, monkeypatch):
    """A named file is always read; a missing path is one error naming it; `-` is stdin once."""
    make_tree(tmp_path, {"notes.py": "x"})
    monkeypatch.chdir(tmp_path)
    sources, errors = discover(["notes.py", "missing.md", "-", "-"])
    assert sources == [Source("notes.py", Path("notes.py")), Source(STDIN_NAME, None)]
    assert [str(e) for e in errors] == ["missing.md: no such file or directory"]


def test_exclude_globs_apply_relative_to_their_root(tmp_path, monkeypatch):
    """gitignore-style exclude globs skip files and whole directories."""
    make_tree(tmp_path, {"docs/a.md": "", "docs/drafts/b.md": "", "CHANGELOG.md": "", "x/CHANGELOG.md": ""})
    monkeypatch.chdir(tmp_path)
    sources, _ = discover(["."], exclude=[(tmp_path, ["drafts/", "/CHANGELOG.md"])])
    assert [s.path for s in sources] == ["docs/a.md", "x/CHANGELOG.md"]
    sources, _ = discover(["CHANGELOG.md"], exclude=[(tmp_path, ["CHANGELOG.md"])])
    assert sources == []


def test_gitignore_patterns():
    """`**`, anchoring, directory-only patterns and negation follow gitignore."""
    patterns = compile_patterns(["**/gen/*.md", "docs/*.txt", "!docs/keep.txt", "tmp/"])
    from factcheck.inputs import _matches

    assert _matches(patterns, "a/b/gen/x.md", False)
    assert _matches(patterns, "gen/x.md", False)
    assert _matches(patterns, "docs/a.txt", False)
    assert _matches(patterns, "docs/keep.txt", False) is False
    assert not _matches(patterns, "x/docs/a.txt", False)
    assert _matches(patterns, "a/tmp", True) and not _matches(patterns, "a/tmp", False)


def test_binary_input_is_rejected_with_a_clear_reason():
    """A NUL byte means binary: not linted, and the message says where."""
    with pytest.raises(InputError) as err:
        decode(b"abc\x00def", "img.md")
    assert str(err.value) == "img.md: binary file (NUL byte at byte 3); not linted"


def test_invalid_utf8_names_the_byte_offset_and_suggests_encoding():
    """Undecodable bytes: offset, line and the --encoding hint."""
    with pytest.raises(InputError) as err:
        decode("caf\u00e9\nna\u00efve".encode("latin-1"), "old.txt")
    assert str(err.value) == ("old.txt: not valid UTF-8: byte 0xe9 at byte offset 3 (line 1); "
                              "pass --encoding to read it in another encoding")
    assert decode("caf\u00e9".encode("latin-1"), "old.txt", "latin-1") == "caf\u00e9"


def test_boms_are_understood():
    """A UTF-8 BOM is dropped; UTF-16 files are decoded by their BOM."""
    assert decode(codecs.BOM_UTF8 + b"hi", "a") == "hi"
    assert decode("hi there".encode("utf-16"), "a") == "hi there"


def test_reading_a_directory_or_missing_file_is_an_input_error(tmp_path):
    """Read errors become InputError naming the path."""
    with pytest.raises(InputError, match="is a directory"):
        read_source(Source("dir", tmp_path))
    with pytest.raises(InputError, match="no such file"):
        read_source(Source("gone.md", tmp_path / "gone.md"))


def test_headings_cells_and_unfinished_lines_are_fragments_but_sentences_are_not():
    from factcheck.linter import is_fragment

    assert is_fragment("Multi-Token Prediction (MTP) Modules", "heading")
    assert is_fragment("DeepSeek-V2 Chat (RL) scores 77.8", "table-cell")
    assert is_fragment("The model was trained on H800s", "paragraph")
    assert not is_fragment("The model was trained on H800s.", "paragraph")
    assert not is_fragment("Was it trained on H800s? “Yes.”", "paragraph")


def test_a_weak_match_in_a_heading_is_not_reported_but_the_same_words_in_a_sentence_are(matcher, monkeypatch):
    import factcheck.linter as linter

    text = "The same words here\n\n# {s}\n\n{s}.\n"
    sentence = "DeepSeek used PTX to bypass CUDA"
    findings = lint_text(text.format(s=sentence), "draft.md", matcher)
    scores = {f.line: f.score for f in findings}
    assert 5 in scores  # the sentence in a paragraph
    monkeypatch.setattr(linter, "FRAGMENT_MIN_SCORE", scores[5] + 0.1)
    lines = [f.line for f in lint_text(text.format(s=sentence), "draft.md", matcher)]
    assert lines == [5]  # the heading needs a surer match than the paragraph's
