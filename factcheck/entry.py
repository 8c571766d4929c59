"""The console entry point: a fast path for the one-shot check, everything else through typer.

`factcheck "DeepSeek cost $6M"` is the command people type most, in terminals, editors and hooks. Typer
(with pydantic) takes longer to import than the whole check, so plain checks are parsed here by hand and
never import it; anything else (another command, `--help`, an unknown option, an error to report) goes
to the typer app in cli.py, which gives the same results.
"""

from __future__ import annotations

import sys

_COMMANDS = {"check", "claims", "registry", "lint", "export"}

#: Options that take a value, so the value is not mistaken for the statement or a command.
_VALUE_OPTIONS = {"--registry", "-r", "--format", "-f", "--fail-on", "--show", "--encoding", "--config", "--output",
                  "-o", "--verdict", "--tag", "--search", "-s", "--url", "--jobs", "-j", "--exclude"}


def _stdin_is_piped() -> bool:
    try:
        return not sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def _first_positional(argv: list[str]) -> int | None:
    skip = False
    for k, arg in enumerate(argv):
        if skip:
            skip = False
            continue
        if arg == "--":
            return k + 1 if k + 1 < len(argv) else None
        if arg.startswith("-") and arg != "-":
            skip = arg in _VALUE_OPTIONS
            continue
        return k
    return None


def _rewrite_argv(argv: list[str]) -> list[str]:
    """`factcheck "statement"` means `factcheck check "statement"`; bare piped `factcheck` lints stdin.

    Options before a command move after it (`factcheck --registry X claims` = `factcheck claims --registry X`).
    """
    if not argv:
        return ["lint", "-"] if _stdin_is_piped() else ["--help"]
    if argv[0] in ("-h", "--help", "--version"):
        return argv
    k = _first_positional(argv)
    if k is None:
        # only options, e.g. `factcheck --lines --format jsonl` or `cat post.md | factcheck --format json`
        if "--lines" in argv or not _stdin_is_piped():
            return ["check", *argv]
        return ["lint", *argv, "-"]
    if argv[k] in _COMMANDS:
        return [argv[k], *argv[:k], *argv[k + 1:]]
    return ["check", *argv]


def _fast_check(args: list[str]) -> int | None:
    """Handle `check [--format F] [--explain] [--registry P]... WORDS...`; None when typer must do it."""
    if not args or args[0] != "check":
        return None
    words: list[str] = []
    fmt, explain, registries = "auto", False, []
    it = iter(args[1:])
    for arg in it:
        if arg in ("--format", "-f"):
            fmt = next(it, "")
            if fmt not in ("auto", "rich", "text", "json"):
                return None
        elif arg.startswith("--format="):
            fmt = arg.split("=", 1)[1]
            if fmt not in ("auto", "rich", "text", "json"):
                return None
        elif arg == "--explain":
            explain = True
        elif arg in ("--registry", "-r"):
            value = next(it, None)
            if value is None:
                return None
            registries.append(value)
        elif arg.startswith("-") and arg != "-":
            return None
        else:
            words.append(arg)
    from .matcher import clean_statement

    text = clean_statement(" ".join(words))
    if not text:
        return None
    from .api import load_matcher
    from .formats import resolve_check_format
    from .registry import RegistryError

    try:
        matcher = load_matcher(registries or None)
    except RegistryError:
        return None  # typer's path reports every problem
    from .commands.check import run_check

    return run_check(matcher, [text], resolve_check_format(fmt), explain=explain)


def main(argv: list[str] | None = None) -> int:
    """Run factcheck with `argv` (default: the command line); returns the exit code."""
    args = _rewrite_argv(list(sys.argv[1:] if argv is None else argv))
    try:
        code = _fast_check(args)
    except KeyboardInterrupt:
        sys.stderr.write("factcheck: interrupted\n")
        return 130
    except BrokenPipeError:
        from .cli import _silence_broken_pipe

        _silence_broken_pipe()
        return 0
    if code is not None:
        return code
    from .cli import run

    return run(args)
