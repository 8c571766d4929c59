"""`factcheck lint` end to end: paths, stdin, exit codes, one-line errors, config, formats, pipes."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.cli import main

DATA = Path(__file__).parent / "data" / "lint"
ROOT = Path(__file__).resolve().parents[1]

FAILING_TEXT = [
    "draft.md:8:28: misleading lint-cost-6m: The ~$6M covers only the final training run of V3, not research or hardware.",
    "draft.md:34:3: false lint-ptx-bypass: PTX is part of NVIDIA's CUDA stack; writing PTX goes deeper into it, not around it.",
    "draft.md:36:1: misleading lint-cost-6m: The ~$6M covers only the final training run of V3, not research or hardware.",
    "draft.md:42:35: misleading lint-cost-6m: The ~$6M covers only the final training run of V3, not research or hardware.",
    "draft.md:56:1: false lint-ptx-bypass: PTX is part of NVIDIA's CUDA stack; writing PTX goes deeper into it, not around it.",
]


@pytest.fixture(scope="module")
def test_matcher():
    from factcheck.api import matcher_for
    from factcheck.registry import load_registry

    return matcher_for(load_registry([DATA / "registry.yaml"], builtin=False, use_env=False))


@pytest.fixture
def work(tmp_path, monkeypatch, test_matcher):
    """A working directory holding the drafts, with the matcher of the small test registry."""
    for name in ("draft.md", "draft.txt", "draft.rst"):
        shutil.copy(DATA / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.setattr("factcheck.clitools.load_matcher_or_exit", lambda registries: test_matcher)
    return tmp_path


def run(argv, capsys, monkeypatch=None, stdin: bytes | None = None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_failing_findings_print_as_text_and_exit_1(work, capsys):
    """`lint FILE --format text` prints path:line:col lines for failing findings and exits 1."""
    code, out, err = run(["lint", "draft.md", "--format", "text", "--no-config"], capsys)
    assert code == 1
    assert out.splitlines() == FAILING_TEXT
    assert err == "factcheck: 8 findings (5 failing at --fail-on misleading) in 1 file\n"


def test_show_all_adds_consistent_and_true_findings(work, capsys):
    """`--show all` also prints denials of myths and affirmations of true or unproven claims."""
    code, out, _ = run(["lint", "draft.md", "-f", "text", "--show", "all", "--no-config"], capsys)
    assert code == 1
    assert len(out.splitlines()) == 8
    assert "draft.md:25:1: false lint-ptx-bypass (denied): PTX is part" in out
    assert "draft.md:30:3: true lint-mit-license: R1's code and weights are MIT-licensed." in out


@pytest.mark.parametrize("name", ["draft.md", "draft.txt", "draft.rst"])
def test_stdin_gives_the_same_findings_as_the_path(work, capsys, monkeypatch, name):
    """Piped with --stdin-filename, a file's findings are identical to linting it by path."""
    _, by_path, _ = run(["lint", name, "-f", "json", "--show", "all", "--no-config"], capsys)
    data = (work / name).read_bytes()
    _, by_stdin, _ = run(["lint", "-", "--stdin-filename", name, "-f", "json", "--show", "all", "--no-config"],
                         capsys, monkeypatch, stdin=data)
    assert json.loads(by_stdin)["findings"] == json.loads(by_path)["findings"] != []


def test_bare_factcheck_with_piped_input_lints_stdin(work, capsys, monkeypatch):
    """`cat post.md | factcheck` lints standard input as Markdown, reported as <stdin>."""
    code, out, _ = run(["--format", "text", "--no-config"], capsys, monkeypatch,
                       stdin=(work / "draft.md").read_bytes())
    assert code == 1
    assert out.splitlines() == [line.replace("draft.md:", "<stdin>:", 1) for line in FAILING_TEXT]
    code, out2, _ = run([], capsys, monkeypatch, stdin=(work / "draft.md").read_bytes())
    assert code == 1 and out2 == out


def test_clean_input_exits_0_and_prints_nothing(work, capsys, monkeypatch):
    """No claim, no output, exit 0 (text format)."""
    code, out, err = run(["lint", "-", "--no-config"], capsys, monkeypatch, stdin=b"Nothing to see here.\n")
    assert (code, out) == (0, "")


def test_unreadable_inputs_are_one_line_each_and_the_rest_is_linted(work, capsys):
    """A missing path and a binary file: one error line each, other files linted, exit 2."""
    (work / "image.md").write_bytes(b"\x89PNG\x00\x00")
    (work / "old.txt").write_bytes("caf\u00e9 ol\u00e9".encode("latin-1"))
    code, out, err = run(["lint", "missing.md", "image.md", "old.txt", "draft.md", "-f", "text", "--no-config"],
                         capsys)
    assert code == 2
    assert out.splitlines() == FAILING_TEXT
    assert err.splitlines() == [
        "factcheck: error: missing.md: no such file or directory",
        "factcheck: error: image.md: binary file (NUL byte at byte 4); not linted",
        "factcheck: error: old.txt: not valid UTF-8: byte 0xe9 at byte offset 3 (line 1); "
        "pass --encoding to read it in another encoding",
        "factcheck: 8 findings (5 failing at --fail-on misleading) in 1 file; 3 files skipped (see the errors above)",
    ]


def test_encoding_option_reads_other_encodings(work, capsys):
    """`--encoding latin-1` reads a Latin-1 file; an unknown encoding is a usage error."""
    (work / "old.md").write_bytes("Caf\u00e9: DeepSeek used PTX to bypass CUDA.\n".encode("latin-1"))
    code, out, _ = run(["lint", "old.md", "--encoding", "latin-1", "-f", "text", "--no-config"], capsys)
    assert code == 1 and out.startswith("old.md:1:1: false lint-ptx-bypass")
    code, _, err = run(["lint", "old.md", "--encoding", "klingon", "--no-config"], capsys)
    assert code == 2 and err == "factcheck: error: --encoding: unknown encoding 'klingon'\n"


@pytest.mark.parametrize("level, expected_code, claims", [
    ("never", 0, set()),
    ("false", 1, {"lint-ptx-bypass"}),
    ("unproven", 1, {"lint-ptx-bypass", "lint-cost-6m", "lint-h100-stockpile"}),
])
def test_fail_on_option(work, capsys, level, expected_code, claims):
    """`--fail-on` sets which verdicts fail the run (and which findings show by default)."""
    code, out, _ = run(["lint", "draft.md", "-f", "json", "--fail-on", level, "--no-config"], capsys)
    assert code == expected_code
    assert {f["claim_id"] for f in json.loads(out)["findings"]} == claims


def test_ignore_option_drops_a_claim(work, capsys):
    """`--ignore ID` never reports that claim; an unknown id is a warning."""
    code, out, err = run(["lint", "draft.md", "-f", "text", "--ignore", "lint-cost-6m", "--ignore", "nope",
                          "--no-config"], capsys)
    assert code == 1
    assert "lint-cost-6m" not in out and "lint-ptx-bypass" in out
    assert "factcheck: warning: ignore: no claim with id 'nope' in the registry\n" in err


def test_config_file_is_read_and_no_config_ignores_it(work, capsys):
    """pyproject.toml [tool.factcheck] sets fail-on, ignore and exclude; --no-config turns it off."""
    (work / "pyproject.toml").write_text('[tool.factcheck]\nfail-on = "false"\nignore = ["lint-ptx-bypass"]\n'
                                         'exclude = ["*.txt"]\n', encoding="utf-8")
    code, out, _ = run(["lint", ".", "-f", "text"], capsys)
    assert (code, out) == (0, "")
    code, out, _ = run(["lint", ".", "-f", "text", "--show", "all"], capsys)
    assert "lint-ptx-bypass" not in out and "draft.txt" not in out and "draft.md:8:28" in out
    code, out, _ = run(["lint", ".", "-f", "text", "--no-config"], capsys)
    assert code == 1 and "draft.txt:3:28" in out and "draft.md:34:3: false lint-ptx-bypass" in out


def test_factcheck_toml_in_a_parent_directory_is_found(work, capsys, monkeypatch):
    """The configuration is searched upward from the working directory."""
    (work / ".factcheck.toml").write_text('fail-on = "never"\n', encoding="utf-8")
    (work / "sub").mkdir()
    shutil.copy(work / "draft.md", work / "sub" / "draft.md")
    monkeypatch.chdir(work / "sub")
    code, out, _ = run(["lint", "draft.md", "-f", "text"], capsys)
    assert (code, out) == (0, "")


def test_invalid_config_is_a_usage_error(work, capsys):
    """A bad key is one line on stderr and exit 2."""
    (work / ".factcheck.toml").write_text('fail_on = "false"\n', encoding="utf-8")
    code, out, err = run(["lint", "draft.md"], capsys)
    assert code == 2 and out == ""
    assert err.startswith("factcheck: error: config: ") and "unknown key 'fail_on'; did you mean 'fail-on'?" in err


def test_directories_are_linted_recursively(work, capsys):
    """A directory argument finds Markdown and text files below it, skipping hidden ones."""
    (work / "posts" / ".drafts").mkdir(parents=True)
    (work / "posts" / "a.md").write_text("DeepSeek used PTX to bypass CUDA.\n", encoding="utf-8")
    (work / "posts" / ".drafts" / "b.md").write_text("DeepSeek used PTX to bypass CUDA.\n", encoding="utf-8")
    (work / "posts" / "c.py").write_text("DeepSeek used PTX to bypass CUDA.\n", encoding="utf-8")
    code, out, _ = run(["lint", "posts", "-f", "text", "--no-config"], capsys)
    assert out.splitlines() == ["posts/a.md:1:1: false lint-ptx-bypass: PTX is part of NVIDIA's CUDA stack; "
                                "writing PTX goes deeper into it, not around it."]


def test_nothing_to_lint_on_a_terminal_is_a_usage_error(work, capsys, monkeypatch):
    """`factcheck lint` with no path and no piped input says what to do."""

    class Tty(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setattr(sys, "stdin", Tty())
    code, _, err = run(["lint"], capsys)
    assert code == 2
    assert err == "factcheck: error: nothing to lint; pass files or directories, or - for standard input\n"


def test_auto_format_is_github_under_github_actions(work, capsys, monkeypatch):
    """GITHUB_ACTIONS=true switches `auto` to workflow commands."""
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, out, _ = run(["lint", "draft.md", "--no-config"], capsys)
    assert code == 1
    assert out.splitlines()[0].startswith("::error file=draft.md,line=8,endLine=8,col=28,endColumn=77,"
                                          "title=factcheck%3A misleading (lint-cost-6m)::")


def test_auto_format_is_text_in_a_pipe(work, capsys):
    """Without a terminal, `auto` prints the grep-able text format."""
    _, out, _ = run(["lint", "draft.md", "--no-config"], capsys)
    assert out.splitlines() == FAILING_TEXT


def _colour_codes(text: str) -> list[int]:
    """The SGR parameters of `text` that set a foreground or background colour."""
    import re

    codes = []
    for params in re.findall(r"\x1b\[([0-9;]*)m", text):
        codes += [int(p) for p in params.split(";") if p and (30 <= int(p) <= 49 or 90 <= int(p) <= 107)]
    return codes


def test_rich_format_honours_no_color(work, capsys, monkeypatch):
    """On a terminal the rich layout is coloured; with NO_COLOR it keeps its layout and loses every colour."""
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    _, coloured, _ = run(["lint", "draft.md", "-f", "rich", "--no-config"], capsys)
    assert _colour_codes(coloured)
    monkeypatch.setenv("NO_COLOR", "1")
    code, out, _ = run(["lint", "draft.md", "-f", "rich", "--no-config"], capsys)
    assert code == 1
    assert "MISLEADING" in out and "lint-cost-6m" in out and _colour_codes(out) == []


def test_sarif_from_the_cli_validates(work, capsys):
    """`--format sarif` writes a schema-valid SARIF log anchored at the working directory."""
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    code, out, err = run(["lint", "draft.md", "missing.md", "-f", "sarif", "--no-config"], capsys)
    assert code == 2 and err == "factcheck: error: missing.md: no such file or directory\n"
    log = json.loads(out)
    jsonschema.validators.validator_for(schema)(schema).validate(log)
    run_ = log["runs"][0]
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == work.resolve().as_uri() + "/"
    assert [r["ruleId"] for r in run_["results"]] == ["lint-cost-6m", "lint-ptx-bypass", "lint-cost-6m",
                                                       "lint-cost-6m", "lint-ptx-bypass"]


# -- the installed command, as a process --------------------------------------------------------------------

def _env():
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "FACTCHECK_REGISTRY")}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def test_piping_into_head_does_not_raise_broken_pipe(tmp_path):
    """`factcheck lint big.md | head -1` ends quietly: no BrokenPipeError traceback."""
    big = tmp_path / "big.md"
    big.write_text("DeepSeek used PTX to bypass CUDA.\n\n" * 1500, encoding="utf-8")
    proc = subprocess.run(f'"{sys.executable}" -m factcheck lint "{big}" --no-config --registry "{DATA / "registry.yaml"}" '
                          "--format text | head -1", shell=True, capture_output=True, text=True, env=_env(),
                          cwd=tmp_path, timeout=300)
    assert proc.stdout.count("\n") == 1 and ":1:1: false " in proc.stdout
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr


def test_cat_post_into_factcheck_lints_stdin(tmp_path):
    """`cat post.md | factcheck` with the built-in registry flags a myth written as the registry states it."""
    from factcheck.registry import load_registry

    claim = load_registry().get("ptx-bypasses-cuda")
    if claim is None:  # pragma: no cover - the built-in registry changed its ids
        pytest.skip("the built-in registry has no ptx-bypasses-cuda claim")
    post = f"# Notes\n\n```\n{claim.claim}\n```\n\nIntro text here. {claim.claim}\n"
    proc = subprocess.run([sys.executable, "-m", "factcheck"], input=post, capture_output=True, text=True,
                          env=_env(), cwd=tmp_path, timeout=300)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.startswith("<stdin>:7:18: false ptx-bypasses-cuda: ")
    assert len(proc.stdout.splitlines()) == 1


def test_config_option_names_the_file(work, capsys):
    """`--config FILE` reads that file instead of searching."""
    (work / "strict.toml").write_text('fail-on = "unproven"\n', encoding="utf-8")
    code, out, _ = run(["lint", "draft.md", "-f", "text", "--config", "strict.toml"], capsys)
    assert code == 1 and "draft.md:28:3: unproven lint-h100-stockpile" in out


def test_syntax_option_forces_plain_text(work, capsys, monkeypatch):
    """`--syntax text` lints stdin as plain text: an indented line is prose, not a code block."""
    post = b"Intro line here.\n\n    DeepSeek used PTX to bypass CUDA.\n"
    _, as_markdown, _ = run(["lint", "-", "-f", "text", "--no-config"], capsys, monkeypatch, stdin=post)
    _, as_text, _ = run(["lint", "-", "-f", "text", "--syntax", "text", "--no-config"], capsys, monkeypatch,
                        stdin=post)
    assert as_markdown == ""
    assert as_text.startswith("<stdin>:3:5: false lint-ptx-bypass")


def test_progress_bar_on_a_terminal_does_not_touch_stdout(work, capsys, monkeypatch):
    """Many files on a terminal: the progress bar goes to stderr and the findings are unchanged."""
    for k in range(25):
        (work / f"note{k:02}.md").write_text("Nothing here at all.\n", encoding="utf-8")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    code, out, _ = run(["lint", ".", "-f", "text", "--no-config", "--exclude", "*.txt", "--exclude", "*.rst"],
                       capsys)
    assert code == 1 and out.splitlines() == FAILING_TEXT
