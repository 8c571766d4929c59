"""Property-based tests (issue 6): for arbitrary Unicode text and arbitrary Markdown-shaped text, `check`
and `lint` never raise, every reported line:column lies inside the input and points at the reported
sentence, the output is deterministic, linting a file equals linting the same bytes from stdin, and linting
in streamed chunks equals linting the whole text.

The number of examples comes from the hypothesis profile (tests/conftest.py): 100 a property by default,
15,000 with `--hypothesis-profile=fuzz` (the long campaign, bench/fuzz.py, recorded in docs/benchmarks.md).
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from unittest import mock

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from factcheck.linter import LintOptions, lint_text  # noqa: E402
from factcheck.segment import MARKDOWN, RST, TEXT, line_starts  # noqa: E402


@pytest.fixture(scope="module")
def matcher():
    from factcheck.api import load_matcher

    return load_matcher(use_config=False)


def _claim_texts() -> list[str]:
    from factcheck.registry import load_registry

    texts = []
    for claim in load_registry(use_env=False, use_config=False).claims[:80]:
        texts.append(claim.claim)
        texts.extend(claim.phrasings[:1])
    return texts


CLAIMS = _claim_texts()

# -- strategies ------------------------------------------------------------------------------------------------

#: Arbitrary Unicode (surrogates excluded: they cannot come out of a decoder), tilted towards line breaks,
#: markup characters and the characters that matter to segmentation and masking.
SPECIALS = st.sampled_from(list("\n\r\t *_`#>-+|[]()<>!&;$\\~.?…。！？\"'“”\u00a0\u2028\u3000\ufeff\x0b\x0c\x1c\u0301🚀中"))
UNICODE_TEXT = st.lists(st.one_of(st.text(max_size=30), SPECIALS, st.sampled_from(CLAIMS)), max_size=40).map("".join)

_INLINE = st.sampled_from([
    "DeepSeek", "R1", "V3", "$6M", "$5.6 million", "2,048 H800 GPUs", "e.g.", "U.S.", "**bold**", "_it_",
    "`code`", "[link](https://example.com/a_(b))", "![img](x.png)", "<b>bold</b>", "<code>x</code>", "&amp;",
    "&eacute;", "&#8220;", "$x^2$", "https://deepseek.com/x.", "[^1]", "\\*", "<!-- note -->",
    "<!-- factcheck: ignore -->", "🚀", "中文句子。", "...", "…", "—", "\t", "  ", "word", "the lab", "said",
    "did not", "never", "It is a myth that",
])
_SENTENCE = st.one_of(st.sampled_from(CLAIMS), st.lists(_INLINE, min_size=1, max_size=8).map(" ".join),
                      st.text(max_size=20))
_LINE_PREFIX = st.sampled_from(["", "", "", "# ", "## ", "> ", "> > ", "- ", "* ", "1. ", "  - ", "    ", "\t",
                                "| ", "- [ ] ", "> - ", "[^1]: ", ".. ", "   "])
_BLOCK_LINES = st.sampled_from([
    "", "", "```", "```python", "~~~", "---", "+++", "***", "| a | b |", "|---|---|", "<div>", "</div>",
    "<pre>", "</pre>", "<!--", "-->", "<!-- factcheck: off -->", "<!-- factcheck: on -->",
    "<!-- factcheck: ignore -->", "factcheck: ignore", "factcheck: off", "factcheck: on", "Title", "=====",
    ".. note::", "::", "[ref]: https://example.com", "import x from 'y'", "{: .class}", "$$", "<script>",
    "</script>",
])
MARKDOWNISH = st.tuples(
    st.lists(st.one_of(_BLOCK_LINES, st.tuples(_LINE_PREFIX, st.lists(_SENTENCE, min_size=1, max_size=3)
                                               .map(" ".join)).map("".join)), max_size=30),
    st.sampled_from(["\n", "\n", "\r\n", "\r"]),
    st.booleans(),
).map(lambda t: ("\ufeff" if t[2] else "") + t[1].join(t[0]) + (t[1] if t[0] else ""))

TEXTS = st.one_of(UNICODE_TEXT, MARKDOWNISH)
SYNTAXES = st.sampled_from([MARKDOWN, MARKDOWN, TEXT, RST])
PATHS = {MARKDOWN: "post.md", TEXT: "notes.txt", RST: "doc.rst"}

# -- checks ------------------------------------------------------------------------------------------------------

_SPACE = re.compile(r"\s")


def assert_positions_point_at_sentences(text: str, findings) -> None:
    """Every finding's line:column range lies inside `text`, and the characters there are the sentence's."""
    starts = line_starts(text)
    for f in findings:
        assert 1 <= f.line <= f.end_line <= len(starts), (f.line, f.end_line, len(starts))
        start = starts[f.line - 1] + f.column - 1
        end = starts[f.end_line - 1] + f.end_column - 1
        line_end = starts[f.line] if f.line < len(starts) else len(text)
        assert starts[f.line - 1] <= start < line_end, "the column is past the end of its line"
        assert start < end <= len(text)
        span = text[start:end]
        sentence = f.sentence
        assert span[0] == sentence[0] or span[0] == "&", (span[:20], sentence[:20])
        assert span[-1] == sentence[-1] or span[-1] == ";", (span[-20:], sentence[-20:])
        if "&" not in span:  # an HTML entity is one character of the sentence and several of the text
            rest = iter(span)
            assert all(ch in rest for ch in sentence if not _SPACE.match(ch)), (span, sentence)


def _lint_cli(args: list[str], stdin: bytes | None, matcher) -> tuple[int, str, str]:
    from factcheck.cli import main

    out, err = io.StringIO(), io.StringIO()
    patches = [mock.patch("factcheck.clitools.load_matcher_or_exit", lambda registries: matcher),
               mock.patch.dict(os.environ, {"GITHUB_ACTIONS": ""})]
    if stdin is not None:
        patches.append(mock.patch.object(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")))
    for p in patches:
        p.start()
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = main(args)
    finally:
        for p in reversed(patches):
            p.stop()
    return code, out.getvalue(), err.getvalue()


# -- properties ----------------------------------------------------------------------------------------------------

@settings(deadline=None)
@given(TEXTS, SYNTAXES)
def test_lint_never_raises_and_positions_point_at_the_sentence(matcher, text, syntax):
    findings = lint_text(text, PATHS[syntax], matcher, LintOptions(fail_on="never"))
    assert_positions_point_at_sentences(text, findings)


@settings(deadline=None)
@given(TEXTS, SYNTAXES)
def test_lint_is_deterministic_to_the_byte(matcher, text, syntax):
    from factcheck.formats import lint_json
    from factcheck.model import LintReport

    def render() -> str:
        found = lint_text(text, PATHS[syntax], matcher)
        return lint_json.render(LintReport(findings=tuple(found), files=1, total_findings=len(found)), version="x")

    assert render() == render()


@settings(deadline=None)
@given(TEXTS, SYNTAXES, st.integers(min_value=1, max_value=400), st.integers(min_value=1, max_value=97))
def test_linting_in_streamed_chunks_equals_linting_the_whole_text(matcher, text, syntax, target, piece):
    """The chunker cuts only where cutting cannot change a finding (whatever the chunk size and however the
    text arrives), and the chunks' findings carry the whole text's positions."""
    from factcheck.stream import lint_stream, split_blocks

    if text.startswith("\ufeff"):
        text = text[1:]  # decoding drops a BOM before the text reaches the linter
    chunks = split_blocks(text, syntax, target=target)
    assert "".join(c for c, _ in chunks) == text
    assert [first for _, first in chunks] == [len(line_starts("".join(c for c, _ in chunks[:k]))) - 1
                                              if k else 0 for k in range(len(chunks))]
    options = LintOptions(fail_on="never", syntax=syntax)
    whole = lint_text(text, PATHS[syntax], matcher, options)
    pieces = [text[k:k + piece] for k in range(0, len(text), piece)]
    streamed = [f for part in lint_stream(pieces, PATHS[syntax], matcher, options, target=target) for f in part]
    assert streamed == whole


@settings(deadline=None)
@given(st.one_of(TEXTS.map(lambda t: t.encode("utf-8")), st.binary(max_size=200)), SYNTAXES)
def test_linting_a_file_equals_linting_the_same_bytes_from_stdin(matcher, data, syntax):
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / PATHS[syntax])
        Path(path).write_bytes(data)
        common = ["-f", "json", "--show", "all", "--no-config", "--fail-on", "needs-context"]
        by_path = _lint_cli(["lint", path, *common], None, matcher)
        by_stdin = _lint_cli(["lint", "-", "--stdin-filename", path, *common], data, matcher)
    assert "Traceback" not in by_path[2] and "internal error" not in by_path[2]
    # An empty file is a clean document; empty stdin is too, and one more line on stderr says so.
    warning = f"factcheck: warning: {path}: empty input; nothing to lint\n"
    assert by_path == (by_stdin[0], by_stdin[1], by_stdin[2].replace(warning, ""))
    report = json.loads(by_path[1])
    assert report["summary"]["files"] + report["summary"]["skipped"] == 1


@settings(deadline=None)
@given(UNICODE_TEXT)
def test_check_never_raises_and_is_deterministic(matcher, text):
    from factcheck.formats import check_json
    from factcheck.matcher import clean_statement

    statement = clean_statement(text)
    first = check_json.render(matcher.check(statement))
    assert check_json.render(matcher.check(statement)) == first
    assert json.loads(first)["input"] == statement


@settings(deadline=None, max_examples=max(10, settings().max_examples // 5))
@given(UNICODE_TEXT.filter(lambda t: t.strip() and "\x00" not in t))
def test_check_from_the_command_line_never_raises(matcher, text):
    code, out, err = _lint_cli(["check", "--format", "json", "--", text], None, matcher)
    assert "Traceback" not in err and "internal error" not in err
    if code == 2:
        assert err.startswith("factcheck: error: ") and err.count("\n") == 1
    else:
        assert code in (0, 1) and json.loads(out)["input"]


@settings(deadline=None)
@given(st.binary(max_size=300), st.integers(min_value=1, max_value=9),
       st.sampled_from([None, "latin-1", "utf-16", "shift_jis", "utf-8-sig"]))
def test_streamed_decoding_equals_decoding_the_whole_input(data, size, encoding):
    """Same text, or the same one-line error (byte offset and line counted from the start), whatever the
    read size."""
    from factcheck.inputs import InputError, Source, decode, iter_text

    def outcome(f):
        try:
            return f()
        except InputError as exc:
            return str(exc)

    whole = outcome(lambda: decode(data, "x", encoding))
    streamed = outcome(lambda: "".join(iter_text(Source("x", None), encoding=encoding, stdin=io.BytesIO(data),
                                                 size=size)))
    assert streamed == whole


# -- the registry loader ---------------------------------------------------------------------------------------

_KEYS = st.sampled_from(["version", "name", "claims", "id", "verdict", "claim", "summary", "explanation",
                         "phrasings", "citations", "as_of", "source", "url", "title", "quote", "figures", "value",
                         "unit", "tolerance", "tags", "history", "date", "from", "to", "reason", "requires",
                         "override", "superseded_by", "review_by", "appearances", "<<", "?"])
_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20),
                     st.sampled_from(["true", "false", "misleading", "seeds/acme.txt", "../../etc/passwd",
                                      "2025-01-01", "2025-02-30", "https://example.org/", "usd"]))
_DATA = st.recursive(_SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(_KEYS, inner, max_size=6)), max_leaves=30)


@settings(deadline=None)
@given(st.one_of(_DATA.map(lambda d: ("data", d)), st.text(max_size=300).map(lambda t: ("text", t))))
def test_the_registry_loader_only_ever_raises_registry_error(tmp_path_factory, sample):
    import yaml

    from factcheck.registry import RegistryError, load_registry_file

    kind, value = sample
    text = yaml.safe_dump(value, allow_unicode=True) if kind == "data" else value
    directory = tmp_path_factory.getbasetemp() / "registry-fuzz"
    (directory / "seeds").mkdir(parents=True, exist_ok=True)
    (directory / "seeds" / "acme.txt").write_text("Acme Widgets was founded in 1999 in Lyon.\n", encoding="utf-8")
    path = directory / "claims.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        load_registry_file(path)
    except RegistryError as exc:
        assert exc.problems and all(str(p).startswith(str(path)) for p in exc.problems)
