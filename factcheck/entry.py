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
    """Run factcheck with `argv` (default: the command line); returns the exit code.

    Whatever happens, the user sees at most one line about it on stderr, never a traceback: Ctrl-C is
    `factcheck: interrupted` (exit 130), a closed stdout (`| head -1`) ends the run quietly (exit 1, as
    for any command whose output was cut short), and an unexpected error is `factcheck: internal error: ...`
    (exit 2; FACTCHECK_DEBUG=1 shows the traceback).
    """
    try:
        args = _rewrite_argv(list(sys.argv[1:] if argv is None else argv))
        code = _fast_check(args)
        if code is None:
            from .cli import run

            code = run(args)
        sys.stdout.flush()  # a closed pipe shows up here rather than in the interpreter's last flush
        return code
    except KeyboardInterrupt:
        return interrupted()
    except BrokenPipeError:
        _silence_broken_pipe()
        return 1
    except Exception as exc:  # noqa: BLE001 - the last line of defence: one line, never a traceback
        return internal_error(exc)


def interrupted() -> int:
    """Ctrl-C: say so in one line; exit 130 (128 + SIGINT), as shells do."""
    _say("factcheck: interrupted\n")
    return 130


def internal_error(exc: BaseException) -> int:
    """An unexpected exception: one line naming it (FACTCHECK_DEBUG=1 re-raises it for the traceback)."""
    import os

    if os.environ.get("FACTCHECK_DEBUG"):
        raise exc
    message = " ".join(str(exc).split())[:300]
    _say(f"factcheck: internal error: {type(exc).__name__}: {message} (set FACTCHECK_DEBUG=1 for a traceback)\n")
    return 2


def _say(line: str) -> None:
    try:
        sys.stderr.write(line)
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass  # stderr is closed too


def _silence_broken_pipe() -> None:
    """After the reader went away, point stdout at devnull so the interpreter's final flush stays quiet."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
