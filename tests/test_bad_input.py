"""The catalogue of bad inputs (issue 6): each gives one clear line on stderr naming the input and the
problem, the right exit code (2 for an input error), and the other inputs are still linted (the summary
says how many were skipped). Never a traceback, never a hang, never a file written.

Root and permissions: these tests may run as root, for whom `chmod 000` does not stop a read. An
unreadable file is therefore simulated three ways: a genuine kernel read error (`/proc/self/mem` fails
with EIO at offset 0, even for root), `os.open` monkeypatched to raise PermissionError for one path, and,
only when not running as root, a real `chmod 000` file.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from factcheck.cli import main

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data" / "lint"
REGISTRY = DATA / "registry.yaml"
CLAIM = "DeepSeek used PTX to bypass CUDA."
FINDING = "false lint-ptx-bypass"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture(scope="module")
def test_matcher():
    from factcheck.api import matcher_for
    from factcheck.registry import load_registry

    return matcher_for(load_registry([REGISTRY], builtin=False, use_env=False))


@pytest.fixture
def work(tmp_path, monkeypatch, test_matcher):
    """An empty working directory, linted with the small test registry."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.setattr("factcheck.clitools.load_matcher_or_exit", lambda registries: test_matcher)
    return tmp_path


def run(argv, capsys, monkeypatch=None, stdin: bytes | None = None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    code = main(["lint", *argv, "--no-config", "-f", "text"])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def errors(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("factcheck: error: ")]


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("cache")


def env(cache: Path, **extra) -> dict[str, str]:
    e = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "FACTCHECK_REGISTRY", "FACTCHECK_DEBUG")}
    e["PYTHONPATH"] = str(ROOT) + os.pathsep + e.get("PYTHONPATH", "")
    e["FACTCHECK_CACHE_DIR"] = str(cache)
    e.update(extra)
    return e


def factcheck(*args, cache: Path, cwd: Path, input: bytes | None = None, timeout: float = 120, **extra):
    """Run `python -m factcheck` as a process (stdin closed unless `input`)."""
    return subprocess.run([sys.executable, "-m", "factcheck", *args], input=input if input is not None else b"",
                          capture_output=True, cwd=cwd, env=env(cache, **extra), timeout=timeout)


# -- binary, encodings, line endings -------------------------------------------------------------------------

def test_binary_file_named_and_found_in_a_walk_is_skipped_and_the_rest_is_linted(work, capsys):
    (work / "logo.md").write_bytes(b"GIF89a\x00\x01" + CLAIM.encode())
    (work / "docs").mkdir()
    (work / "docs" / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (work / "docs" / "post.md").write_text(f"{CLAIM}\n", encoding="utf-8")
    code, out, err = run(["logo.md", "docs"], capsys)
    assert code == 2
    assert out == f"docs/post.md:1:1: {FINDING}: PTX is part of NVIDIA's CUDA stack; writing PTX goes deeper into it, " \
                  "not around it.\n"
    assert errors(err) == ["factcheck: error: logo.md: binary file (NUL byte at byte 6); not linted",
                           "factcheck: error: docs/image.md: binary file (NUL byte at byte 8); not linted"]
    assert err.splitlines()[-1].endswith("in 1 file; 2 files skipped (see the errors above)")


def test_invalid_utf8_names_the_byte_offset_and_encoding_overrides_it(work, capsys):
    (work / "old.md").write_bytes(b"Intro line.\n\nCaf\xe9 " + CLAIM.encode() + b"\n")
    code, out, err = run(["old.md"], capsys)
    assert (code, out) == (2, "")
    assert errors(err) == ["factcheck: error: old.md: not valid UTF-8: byte 0xe9 at byte offset 16 (line 3); "
                           "pass --encoding to read it in another encoding"]
    code, out, err = run(["old.md", "--encoding", "latin-1"], capsys)
    assert code == 1 and out.startswith(f"old.md:3:1: {FINDING}") and not errors(err)


def test_invalid_utf8_deep_in_a_large_streamed_input_has_the_right_offset_and_line(work, capsys, monkeypatch):
    """Past the first read (1 MiB), offsets and lines still count from the start of the input."""
    body = b"Nothing to see on this line at all.\n\n" * 60_000  # 2.2 MB, read in pieces
    data = body + b"caf\xe9\n"
    (work / "big.md").write_bytes(data)
    lines = body.count(b"\n")
    expected = (f"not valid UTF-8: byte 0xe9 at byte offset {len(body) + 3} (line {lines + 1}); "
                "pass --encoding to read it in another encoding")
    code, _, err = run(["big.md"], capsys)
    assert code == 2 and errors(err) == [f"factcheck: error: big.md: {expected}"]
    code, _, err = run(["-"], capsys, monkeypatch, stdin=data)
    assert code == 2 and errors(err) == [f"factcheck: error: <stdin>: {expected}"]


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_bom_and_crlf_or_cr_line_endings_keep_line_and_column(work, capsys, monkeypatch, newline):
    text = f"# Title\n\nSome intro text here. {CLAIM}\n\n- item one\n- {CLAIM}\n"
    (work / "lf.md").write_text(text, encoding="utf-8")
    (work / "crlf.md").write_bytes(b"\xef\xbb\xbf" + text.replace("\n", newline).encode("utf-8"))
    _, lf, _ = run(["lf.md"], capsys)
    assert lf.splitlines() == [f"lf.md:3:23: {FINDING}: PTX is part of NVIDIA's CUDA stack; writing PTX goes deeper "
                               "into it, not around it.",
                               f"lf.md:6:3: {FINDING}: PTX is part of NVIDIA's CUDA stack; writing PTX goes deeper "
                               "into it, not around it."]
    code, crlf, err = run(["crlf.md"], capsys)
    assert code == 1 and crlf == lf.replace("lf.md:", "crlf.md:")
    _, piped, _ = run(["-", "--stdin-filename", "crlf.md"], capsys, monkeypatch, stdin=(work / "crlf.md").read_bytes())
    assert piped == crlf


def test_empty_file_is_clean_and_empty_stdin_says_so(work, capsys, monkeypatch):
    """An empty file is a valid (empty) document: exit 0, silent. Empty stdin is probably a broken pipeline:
    one warning line naming it, exit 0 (nothing failed)."""
    (work / "empty.md").write_bytes(b"")
    assert run(["empty.md"], capsys) == (0, "", "")
    code, out, err = run(["-"], capsys, monkeypatch, stdin=b"")
    assert (code, out) == (0, "") and err == "factcheck: warning: <stdin>: empty input; nothing to lint\n"
    code, out, err = run([], capsys, monkeypatch, stdin=b"")  # `factcheck < /dev/null` with no path at all
    assert (code, out) == (0, "") and "<stdin>: empty input" in err


# -- size and depth --------------------------------------------------------------------------------------------

def test_a_few_mb_from_stdin_are_streamed_in_chunks_with_the_positions_of_the_whole(work, capsys, monkeypatch,
                                                                                   test_matcher):
    """3 MB of Markdown (the lint drafts, with suppressions, code, tables, HTML, repeated): linted from stdin
    in ~1 MiB chunks, and by path (over 1 MiB, also streamed); both equal linting the whole text at once."""
    from factcheck.linter import LintOptions, lint_text
    from factcheck.stream import CHUNK_CHARS, split_blocks

    draft = (DATA / "draft.md").read_text(encoding="utf-8")
    body = draft.split("---\n", 2)[2]
    filler = "A paragraph about the weather in the valley, with nothing to flag.\n\n" * 2000
    text = draft + "".join(f"\n## Part {k}\n\n{body}\n{filler}" for k in range(24))
    assert len(text) > 3 * CHUNK_CHARS
    assert len(split_blocks(text)) >= 3
    (work / "big.md").write_text(text, encoding="utf-8")
    whole = lint_text(text, "big.md", test_matcher, LintOptions(fail_on="misleading"))
    assert len(whole) > 100
    expected = [[f.line, f.column, f.end_line, f.end_column, f.claim_id] for f in whole]

    def positions(out: str) -> list:
        return [[f["line"], f["column"], f["end_line"], f["end_column"], f["claim_id"]]
                for f in json.loads(out)["findings"]]

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode()), encoding="utf-8"))
    code = main(["lint", "-", "--stdin-filename", "big.md", "--no-config", "-f", "json", "--show", "all"])
    by_stdin = capsys.readouterr().out
    assert code == 1 and positions(by_stdin) == expected
    assert main(["lint", "big.md", "--no-config", "-f", "json", "--show", "all"]) == 1
    assert capsys.readouterr().out == by_stdin


def test_a_10_mb_single_line_is_linted_with_the_right_column(work, capsys):
    filler = "The weather was mild in the valley that day. "
    line = filler * ((10_000_000 - len(CLAIM)) // len(filler))
    (work / "long.md").write_text(line + CLAIM + "\n", encoding="utf-8")
    assert (work / "long.md").stat().st_size > 9_900_000
    started = time.monotonic()
    code, out, _ = run(["long.md"], capsys)
    assert code == 1 and out.startswith(f"long.md:1:{len(line) + 1}: {FINDING}")
    assert time.monotonic() - started < 120


def test_a_10_mb_sentence_without_a_full_stop_is_linted_in_bounded_windows(work, capsys):
    """No sentence end in 10 MB: the segmenter cuts the run-on "sentence" into bounded windows (was ~50 s
    in the matcher as one sentence), and the claim in the middle is found at its exact line and column."""
    from factcheck.segment import MAX_SENTENCE_CHARS

    filler = "the weather was mild in the valley that day, and "
    head = filler * (5_000_000 // len(filler))
    text = "DeepSeek " + head + CLAIM.rstrip(".") + ", " + filler * (5_000_000 // len(filler)) + "\n"
    (work / "runon.md").write_text(text, encoding="utf-8")
    started = time.monotonic()
    code, out, _ = run(["runon.md"], capsys)
    assert time.monotonic() - started < 30
    assert code == 1 and len(out.splitlines()) == 1
    column = int(out.split(":")[2])
    claim_column = len("DeepSeek " + head) + 1
    assert claim_column - MAX_SENTENCE_CHARS < column <= claim_column  # the start of the window holding it


def test_over_long_sentences_are_cut_into_windows_at_clause_punctuation_with_exact_positions():
    from factcheck.segment import MAX_SENTENCE_CHARS, clean_text, segment, split_sentences

    clause = "DeepSeek trained the model on many chips in the valley, "
    text = "Intro sentence here. " + clause * 200 + "and that was all. " + "X" * (3 * MAX_SENTENCE_CHARS) + "\n"
    ranges = split_sentences(text)
    assert text[slice(*ranges[0])] == "Intro sentence here."
    windows = ranges[1:]
    assert all(0 < b - a <= MAX_SENTENCE_CHARS for a, b in ranges)
    assert all(text[b - 1] == "," for a, b in windows[:-5])  # cut after clause punctuation
    assert "".join(text[a:b] for a, b in windows).replace(" ", "") == text[ranges[1][0]:].replace(" ", "").strip()
    assert [b - a for a, b in windows[-3:]] == [MAX_SENTENCE_CHARS] * 3  # one enormous word: cut at the limit
    for syntax in ("markdown", "text"):
        doc = segment("> " + text.replace("\n", "\n> "), syntax) if syntax == "markdown" else segment(text, syntax)
        assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in doc.sentences)
        for s in doc.sentences:  # the positions are exact: the source range holds the sentence text
            assert clean_text(doc.text[s.start:s.end].replace("\n> ", " ")) == s.text


NESTING = ["> ", "- ", "1. ", "- > ", "* 1. > "]


@pytest.mark.parametrize("marker", NESTING)
def test_10000_levels_of_nesting_never_crash(work, capsys, marker):
    """10,000 levels of block quotes and lists: no RecursionError, no error line, a prompt answer."""
    deep = marker * 10_000 + CLAIM + "\n"
    (work / "deep.md").write_text(f"{deep}\nThen again: {CLAIM}\n\n> > {CLAIM}\n", encoding="utf-8")
    started = time.monotonic()
    code, out, err = run(["deep.md"], capsys)
    assert code in (0, 1) and not errors(err)
    assert time.monotonic() - started < 60
    if marker == "> ":  # the prose after 10,000 levels of quotes is linted at its exact place
        assert out.splitlines()[-2:] == [
            f"deep.md:3:1: {FINDING}: PTX is part of NVIDIA's CUDA stack; writing PTX goes deeper into it, not around it.",
            f"deep.md:5:5: {FINDING}: PTX is part of NVIDIA's CUDA stack; writing PTX goes deeper into it, not around it."]


@pytest.mark.parametrize("depth", [30, 10_000])
@pytest.mark.parametrize("marker", ["- ", "> ", "1. "])
def test_text_nested_deeper_than_markdown_it_parses_is_still_linted(work, capsys, marker, depth):
    """markdown-it stops at a nesting limit; what is deeper is linted as plain text at its exact place, and
    the rest of the document after it is parsed as usual."""
    (work / "deep.md").write_text(f"{marker * depth}{CLAIM}\n\nThen again: {CLAIM}\n", encoding="utf-8")
    _, out, _ = run(["deep.md"], capsys)
    assert [line.split(": ")[0] for line in out.splitlines()] == [f"deep.md:1:{len(marker) * depth + 1}", "deep.md:3:1"]


def test_deeply_nested_paragraphs_code_and_comments_keep_their_markdown_meaning():
    """Past markdown-it's limit: container markers are stripped line by line, a paragraph spans its lines,
    list items start paragraphs of their own, fenced code is skipped, and comments are still collected."""
    from factcheck.segment import segment

    quote = "> " * 60
    item = "- " * 40
    indent = "  " * 40
    text = (f"{quote}First line\n{quote}continues here.\n\n"
            f"{item}Intro words here.\n{indent}```\n{indent}{CLAIM}\n{indent}```\n{indent}- Tail words here.\n\n"
            f"{item}<!-- factcheck: ignore --> {CLAIM}\n\nAfter the list.\n")
    doc = segment(text)
    got = [(doc.position(s.start), doc.position(s.end - 1), s.text) for s in doc.sentences]
    assert got == [((1, 121), (2, 135), "First line continues here."),
                   ((4, 81), (4, 97), "Intro words here."),
                   ((8, 83), (8, 98), "Tail words here."),
                   ((10, 108), (10, 140), CLAIM),
                   ((12, 1), (12, 15), "After the list.")]
    assert [(c.text, c.line) for c in doc.comments] == [("factcheck: ignore", 10)]
    assert [b.start_line for b in doc.blocks] == sorted(b.start_line for b in doc.blocks)


@pytest.mark.parametrize("marker", ["> ", "- ", "1. ", "- > ", "* 1. > ", "  - ", ">"])
def test_parsing_100000_levels_of_nesting_is_fast_and_never_raises(marker):
    from factcheck.segment import segment

    text = f"{marker * 100_000}{CLAIM}\n" + "".join(f"{'> ' * k}Line {k} of a staircase.\n" for k in range(2000))
    started = time.monotonic()
    doc = segment(text)
    assert time.monotonic() - started < 10
    assert doc.sentences[0].text == CLAIM and doc.position(doc.sentences[0].start) == (1, len(marker) * 100_000 + 1)
    assert len(doc.sentences) == 2001


def test_nested_text_is_segmented_even_with_little_stack_left():
    """A parse started deep in the stack (a framework calling the linter) lowers the nesting limit instead
    of overflowing it."""
    from factcheck.segment import segment

    def nest(k: int):
        return nest(k - 1) if k else segment(f"{'- ' * 60}{CLAIM}\n\n{'> ' * 60}{CLAIM}\n")

    for k in (0, sys.getrecursionlimit() - 150, sys.getrecursionlimit() - 60):
        doc = nest(k)
        assert [doc.position(s.start) for s in doc.sentences] == [(1, 121), (3, 121)]


# -- paths: missing, symlinks, special files, unreadable ----------------------------------------------------------

def test_missing_path_and_broken_symlink_are_named(work, capsys):
    (work / "post.md").write_text(f"{CLAIM}\n", encoding="utf-8")
    os.symlink("nowhere.md", work / "dangling.md")
    code, out, err = run(["missing.md", "dangling.md", "post.md"], capsys)
    assert code == 2 and out.startswith(f"post.md:1:1: {FINDING}")
    assert errors(err) == ["factcheck: error: missing.md: no such file or directory",
                           "factcheck: error: dangling.md: broken symbolic link (its target 'nowhere.md' does not exist)"]
    assert "2 files skipped" in err.splitlines()[-1]


def test_a_directory_symlink_loop_is_reported_once_and_not_followed(tmp_path, cache_dir):
    """In a child process with a timeout: a regression (following the loop forever) fails, not hangs."""
    (tmp_path / "docs" / "sub").mkdir(parents=True)
    (tmp_path / "docs" / "sub" / "post.md").write_text(f"{CLAIM}\n", encoding="utf-8")
    os.symlink("..", tmp_path / "docs" / "sub" / "up")  # docs/sub/up -> docs: a loop
    os.symlink(".", tmp_path / "docs" / "self")  # docs/self -> docs
    os.symlink("a.md", tmp_path / "b.md")
    os.symlink("b.md", tmp_path / "a.md")  # a file symlink loop, named explicitly
    done = factcheck("lint", "docs", "a.md", "--no-config", "--registry", str(REGISTRY), "-f", "text",
                     cache=cache_dir, cwd=tmp_path, timeout=60)
    out, err = done.stdout.decode(), done.stderr.decode()
    assert done.returncode == 2 and "Traceback" not in err
    assert out.splitlines() == [f"docs/sub/post.md:1:1: {FINDING}: PTX is part of NVIDIA's CUDA stack; "
                                "writing PTX goes deeper into it, not around it."]
    assert errors(err) == [
        "factcheck: error: docs/self: symbolic link loop (leads back to docs); not followed",
        "factcheck: error: docs/sub/up: symbolic link loop (leads back to docs); not followed",
        "factcheck: error: a.md: symbolic link loop (too many levels of symbolic links)",
    ]
    assert err.splitlines()[-1].endswith("in 1 file; 3 files skipped (see the errors above)")


def test_symlinked_directories_without_a_loop_are_followed(work, capsys):
    (work / "real").mkdir()
    (work / "real" / "post.md").write_text(f"{CLAIM}\n", encoding="utf-8")
    (work / "docs").mkdir()
    os.symlink("../real", work / "docs" / "linked")
    code, out, err = run(["docs"], capsys)
    assert code == 1 and out.startswith(f"docs/linked/post.md:1:1: {FINDING}") and not errors(err)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_named_or_found_in_a_walk_is_refused_without_blocking(tmp_path, cache_dir):
    """No writer ever opens the FIFO: reading it would hang forever. It is refused at once instead."""
    (tmp_path / "docs").mkdir()
    os.mkfifo(tmp_path / "pipe.md")
    os.mkfifo(tmp_path / "docs" / "queue.md")
    (tmp_path / "docs" / "post.md").write_text(f"{CLAIM}\n", encoding="utf-8")
    done = factcheck("lint", "pipe.md", "docs", "--no-config", "--registry", str(REGISTRY), "-f", "text",
                     cache=cache_dir, cwd=tmp_path, timeout=60)
    err = done.stderr.decode()
    assert done.returncode == 2 and "Traceback" not in err
    assert done.stdout.decode().startswith(f"docs/post.md:1:1: {FINDING}")
    assert errors(err) == [
        "factcheck: error: pipe.md: is a FIFO (named pipe), not a regular file; not read "
        "(pipe it in instead: factcheck lint - < FIFO)",
        "factcheck: error: docs/queue.md: is a FIFO (named pipe), not a regular file; not read "
        "(pipe it in instead: factcheck lint - < FIFO)",
    ]


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_a_device_is_refused_without_being_read(tmp_path, cache_dir):
    """/dev/zero would be read forever (and /dev/null is no document): devices are never opened. In a child
    process with a timeout, so a regression fails instead of eating the test run's memory."""
    done = factcheck("lint", "/dev/zero", "/dev/null", "--no-config", "--registry", str(REGISTRY), "-f", "text",
                     cache=cache_dir, cwd=tmp_path, timeout=60)
    assert (done.returncode, done.stdout) == (2, b"")
    assert errors(done.stderr.decode()) == [
        "factcheck: error: /dev/zero: is a character device, not a regular file; not read",
        "factcheck: error: /dev/null: is a character device, not a regular file; not read"]


@pytest.mark.skipif(not os.path.exists("/dev/stdin"), reason="no /dev/stdin")
def test_an_open_pipe_named_by_path_is_read(tmp_path, cache_dir):
    """`factcheck lint /dev/stdin` (and process substitution, /dev/fd/N) name an open pipe: it is read."""
    done = factcheck("lint", "/dev/stdin", "--no-config", "--registry", str(REGISTRY), "-f", "text",
                     cache=cache_dir, cwd=tmp_path, input=f"{CLAIM}\n".encode())
    assert done.returncode == 1 and done.stdout.decode().startswith(f"/dev/stdin:1:1: {FINDING}")


@pytest.mark.skipif(not os.path.exists("/proc/self/mem"), reason="needs Linux /proc")
def test_a_file_whose_read_fails_in_the_kernel_is_skipped(tmp_path, cache_dir):
    """A genuine read error that root cannot bypass: /proc/self/mem is a regular file; reading offset 0
    fails with EIO."""
    (tmp_path / "post.md").write_text(f"{CLAIM}\n", encoding="utf-8")
    done = factcheck("lint", "/proc/self/mem", "post.md", "--no-config", "--registry", str(REGISTRY), "-f", "text",
                     cache=cache_dir, cwd=tmp_path, timeout=60)
    err = done.stderr.decode()
    assert done.returncode == 2 and done.stdout.decode().startswith(f"post.md:1:1: {FINDING}")
    assert errors(err) == ["factcheck: error: /proc/self/mem: input/output error"]
    assert err.splitlines()[-1].endswith("in 1 file; 1 file skipped (see the errors above)")


def test_permission_denied_is_one_line_and_the_rest_is_linted(work, capsys, monkeypatch):
    """Simulated (root reads anything): os.open raises PermissionError for one file only."""
    (work / "secret.md").write_text(f"{CLAIM}\n", encoding="utf-8")
    (work / "post.md").write_text(f"{CLAIM}\n", encoding="utf-8")
    real_open = os.open

    def guarded(path, *args, **kwargs):
        if str(path).endswith("secret.md"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded)
    code, out, err = run(["secret.md", "post.md"], capsys)
    assert code == 2 and out.startswith(f"post.md:1:1: {FINDING}")
    assert errors(err) == ["factcheck: error: secret.md: permission denied"]
    assert err.splitlines()[-1].endswith("in 1 file; 1 file skipped (see the errors above)")


def test_an_unreadable_directory_in_a_walk_is_one_line(work, capsys, monkeypatch):
    """Simulated: scanning one subdirectory fails with EACCES; its siblings are still linted."""
    (work / "docs" / "private").mkdir(parents=True)
    (work / "docs" / "private" / "x.md").write_text(f"{CLAIM}\n", encoding="utf-8")
    (work / "docs" / "post.md").write_text(f"{CLAIM}\n", encoding="utf-8")
    real_scandir = os.scandir

    def guarded(path="."):
        if str(path).endswith("private"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", guarded)
    code, out, err = run(["docs"], capsys)
    assert code == 2 and out.startswith(f"docs/post.md:1:1: {FINDING}")
    assert errors(err) == ["factcheck: error: docs/private: permission denied"]


@pytest.mark.skipif(IS_ROOT or not hasattr(os, "geteuid"), reason="root reads files whatever their mode")
def test_a_chmod_000_file_is_permission_denied(work, capsys):
    (work / "secret.md").write_text(f"{CLAIM}\n", encoding="utf-8")
    (work / "secret.md").chmod(0)
    try:
        code, _, err = run(["secret.md"], capsys)
    finally:
        (work / "secret.md").chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert code == 2 and errors(err) == ["factcheck: error: secret.md: permission denied"]


def test_closed_stdin_is_an_input_error(work, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", None)
    code = main(["lint", "-", "--no-config", "-f", "text"])
    err = capsys.readouterr().err
    assert code == 2 and errors(err) == ["factcheck: error: <stdin>: standard input is closed"]


# -- pipes and signals -------------------------------------------------------------------------------------------

def test_lint_stdin_into_head_ends_quietly(tmp_path, cache_dir):
    """`... | factcheck lint - | head -1`: one line, no BrokenPipeError, and the run stops early."""
    script = (f'"{sys.executable}" -c "import sys; sys.stdout.write((\'{CLAIM}\\n\\n\' + '
              f'\'Nothing to see in this paragraph at all.\\n\\n\' * 27000) * 6)" | '
              f'"{sys.executable}" -m factcheck lint - --no-config --registry "{REGISTRY}" -f text | head -1; '
              'echo "status=${PIPESTATUS[1]}" >&2')
    started = time.monotonic()
    done = subprocess.run(["bash", "-c", script], capture_output=True, text=True, env=env(cache_dir), cwd=tmp_path,
                          timeout=300)
    assert done.stdout.startswith(f"<stdin>:1:1: {FINDING}") and done.stdout.count("\n") == 1
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr and "Exception" not in done.stderr
    assert done.stderr.strip().endswith("status=1")  # output cut short: exit 1, as for every command
    assert time.monotonic() - started < 120


@pytest.mark.parametrize("args", [["claims"], ["check", "--lines"], ["claims", "--format", "json"]])
def test_other_commands_into_head_end_quietly(tmp_path, cache_dir, args):
    stdin = "DeepSeek cost $6M\\n" * 2000 if "--lines" in args else ""
    script = (f'printf "{stdin}" | "{sys.executable}" -m factcheck {" ".join(args)} | head -1 >/dev/null; '
              'echo "status=${PIPESTATUS[1]}" >&2')
    done = subprocess.run(["bash", "-c", script], capture_output=True, text=True, env=env(cache_dir), cwd=tmp_path,
                          timeout=300)
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr
    assert done.stderr.strip().splitlines()[-1] in ("status=0", "status=1")


@pytest.mark.skipif(not hasattr(signal, "SIGINT") or sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_while_reading_a_slow_pipe_exits_130_without_a_traceback(tmp_path, cache_dir):
    proc = subprocess.Popen([sys.executable, "-m", "factcheck", "lint", "-", "--no-config", "--registry", str(REGISTRY),
                             "-f", "text"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            cwd=tmp_path, env=env(cache_dir))
    try:
        # More than one chunk, so the first chunk's finding is written while stdin is still open: once it is
        # out, the process is certainly inside the read loop, waiting for more.
        proc.stdin.write(f"{CLAIM}\n\n".encode() + b"Some filler prose, nothing to flag.\n\n" * 40_000)
        proc.stdin.flush()
        first = proc.stdout.readline()
        assert first.startswith(f"<stdin>:1:1: {FINDING}".encode())
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130
    assert err.decode() == "factcheck: interrupted\n"


def test_an_unexpected_error_is_one_line_and_debug_shows_the_traceback(work, capsys, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr("factcheck.linter.lint_document", boom)
    monkeypatch.delenv("FACTCHECK_DEBUG", raising=False)
    code, out, err = run(["-"], capsys, monkeypatch, stdin=f"{CLAIM}\n".encode())
    assert code == 2 and out == ""
    assert err == "factcheck: internal error: RuntimeError: boom second line (set FACTCHECK_DEBUG=1 for a traceback)\n"
    monkeypatch.setenv("FACTCHECK_DEBUG", "1")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"x\n"), encoding="utf-8"))
    with pytest.raises(RuntimeError):
        main(["lint", "-", "--no-config"])


# -- the cache, and nothing else, is written ----------------------------------------------------------------------

def _check_output(tmp_path, cache: Path):
    done = factcheck("DeepSeek cost $6M", "--format", "json", cache=cache, cwd=tmp_path)
    assert "Traceback" not in done.stderr.decode()
    return done.returncode, json.loads(done.stdout)["match"]["id"], done.stderr.decode()


def test_an_unwritable_cache_directory_only_costs_speed(tmp_path, cache_dir):
    """FACTCHECK_CACHE_DIR is a regular file, or below one (root cannot create those): same answer, no noise."""
    expected = _check_output(tmp_path, cache_dir)
    assert expected[:2] == (1, "training-cost-6m")
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x", encoding="utf-8")
    for cache in (blocker, blocker / "factcheck"):
        assert _check_output(tmp_path, cache) == expected
    assert blocker.read_text(encoding="utf-8") == "x"
    (tmp_path / "post.md").write_text("DeepSeek used PTX to bypass CUDA.\n", encoding="utf-8")
    done = factcheck("lint", "post.md", "--no-config", "-f", "text", cache=blocker, cwd=tmp_path)
    assert done.returncode == 1 and done.stdout.startswith(b"post.md:1:1: false ") and b"Traceback" not in done.stderr


def test_a_corrupt_cache_is_ignored_and_rebuilt(tmp_path):
    cache = tmp_path / "cache"
    expected = _check_output(tmp_path, cache)
    entries = [p for p in cache.iterdir() if p.is_file()]
    assert entries
    for p in entries:
        p.write_bytes(b"\xff\x00garbage" * 100)
    assert _check_output(tmp_path, cache) == expected


def _snapshot(root: Path) -> dict[str, tuple]:
    """Every path under root: type, size, mtime (ns) and content hash."""
    snap = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            st = p.lstat()
            digest = hashlib.sha256(p.read_bytes()).hexdigest() if stat.S_ISREG(st.st_mode) else None
            snap[str(p.relative_to(root))] = (stat.S_IFMT(st.st_mode), st.st_size, st.st_mtime_ns, digest)
    return snap


def test_no_command_modifies_the_users_files_and_only_the_cache_is_written(tmp_path):
    """Every command, on a project tree with a registry, seeds, config and documents: nothing under the
    tree, the home directory or the temporary directory changes; the cache directory holds complete index
    files only (written atomically: no temporary file left behind). Export writes where -o says, only."""
    tree, home, tmp, cache, out = (tmp_path / n for n in ("project", "home", "tmp", "cache", "out"))
    for d in (tree, home, tmp, out):
        d.mkdir()
    (tree / "docs").mkdir()
    shutil.copy(DATA / "draft.md", tree / "docs" / "draft.md")
    shutil.copy(DATA / "draft.txt", tree / "docs" / "draft.txt")
    shutil.copy(DATA / "draft.rst", tree / "draft.rst")
    shutil.copy(REGISTRY, tree / "claims.yaml")
    shutil.copytree(ROOT / "examples", tree / "examples") if (ROOT / "examples").is_dir() else None
    (tree / "pyproject.toml").write_text('[tool.factcheck]\nfail-on = "misleading"\nregistries = ["claims.yaml"]\n',
                                         encoding="utf-8")
    (tree / ".gitignore").write_text("ignored/\n", encoding="utf-8")
    (tree / "ignored").mkdir()
    (tree / "ignored" / "x.md").write_text(f"{CLAIM}\n", encoding="utf-8")
    time.sleep(0.01)
    before, home_before, tmp_before = _snapshot(tree), _snapshot(home), _snapshot(tmp)
    extra = {"HOME": str(home), "TMPDIR": str(tmp), "XDG_CACHE_HOME": str(home / ".cache")}
    draft = (tree / "docs" / "draft.md").read_bytes()
    runs = [
        (["DeepSeek cost $6M"], None),
        (["check", "--explain", "DeepSeek used PTX to bypass CUDA"], None),
        (["--lines", "--format", "jsonl"], b"DeepSeek cost $6M\nR1 is MIT licensed\n"),
        (["lint", "."], None),
        (["lint", "docs", "draft.rst", "-f", "json", "--show", "all"], None),
        (["lint", "docs", "-f", "sarif"], None),
        (["lint", "docs", "-f", "github", "--jobs", "2"], None),
        (["lint", "docs/draft.md", "-f", "rich"], None),
        (["lint", "-", "--stdin-filename", "docs/draft.md"], draft),
        ([], draft),
        (["claims"], None),
        (["claims", "--format", "json", "--verdict", "false"], None),
        (["claims", "show", "lint-cost-6m"], None),
        (["registry", "validate", "claims.yaml"], None),
        (["registry", "validate"], None),
        (["export", "claimreview", "-o", str(out / "claimreview.json"), "--url", "https://example.org/f/"], None),
        (["export", "html", "-o", str(out / "site")], None),
        (["claims", "--nonsense"], None),
    ]
    for args, stdin in runs:
        done = factcheck(*args, cache=cache, cwd=tree, input=stdin, **extra)
        assert done.returncode in (0, 1, 2), (args, done.stderr)
        assert b"Traceback" not in done.stderr, (args, done.stderr)
    assert _snapshot(tree) == before
    assert _snapshot(home) == home_before
    assert _snapshot(tmp) == tmp_before
    written = sorted(p.name for p in cache.iterdir())
    assert written and all(name.startswith("index-") and name.endswith(".marshal") for name in written), written
    assert sorted(p.name for p in out.iterdir()) == ["claimreview.json", "site"]
