"""`factcheck lint PATH...`: find every sentence that makes a registry claim.

The edge of the lint pipeline: reads the configuration, the environment, the files and stdin, runs the pure
linter on each input, and writes one rendered report. Findings go to stdout; errors (one line each, naming
the input) and the summary go to stderr, so `--format json | jq` stays clean.

Standard input and files over STREAM_BYTES are read in pieces and linted in chunks (factcheck/stream.py),
so memory stays bounded whatever their size; the line formats (text, github) then print findings as they
are found. A closed stdout (`| head -1`) ends the run quietly with exit 1.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from functools import partial
from pathlib import Path
from typing import List, Optional

import typer

from ..clitools import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, RegistryOption, fail


class LintFormat(str, Enum):
    auto = "auto"
    rich = "rich"
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"


class FailOn(str, Enum):
    false = "false"
    misleading = "misleading"
    needs_context = "needs-context"
    unproven = "unproven"
    never = "never"


class Show(str, Enum):
    failing = "failing"
    all = "all"


class Syntax(str, Enum):
    auto = "auto"
    markdown = "markdown"
    text = "text"
    rst = "rst"


#: Show a progress bar on a terminal when there is at least this much to read.
PROGRESS_FILES = 20
PROGRESS_BYTES = 2_000_000


def lint(
    paths: Optional[List[str]] = typer.Argument(None, show_default=False, help="Files, directories (searched "
                                                "for .md .markdown .mdx .txt .rst), or - for standard input."),
    format: LintFormat = typer.Option(LintFormat.auto, "--format", "-f",
                                      help="auto: github under GitHub Actions, rich on a terminal, text otherwise."),
    fail_on: Optional[FailOn] = typer.Option(None, "--fail-on", help="Fail on claims rated this or worse "
                                             "(false < misleading < needs-context < unproven); never: always exit 0 "
                                             "on findings. [default: misleading]", show_default=False),
    show: Show = typer.Option(Show.failing, "--show", help="failing: only findings that fail the run; all: also "
                              "consistent sentences and claims rated true."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", metavar="CLAIM-ID",
                                               help="Never report this claim (repeatable)."),
    exclude: Optional[List[str]] = typer.Option(None, "--exclude", metavar="GLOB",
                                                help="Skip paths matching this gitignore-style glob (repeatable)."),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Read inputs in this encoding instead of "
                                           "UTF-8."),
    syntax: Syntax = typer.Option(Syntax.auto, "--syntax", help="Lint every input as this syntax; auto: by "
                                  "file extension, Markdown for stdin."),
    stdin_filename: Optional[str] = typer.Option(None, "--stdin-filename", metavar="PATH",
                                                 help="The name standard input is reported under (its extension "
                                                      "also picks the syntax)."),
    config: Optional[Path] = typer.Option(None, "--config", metavar="FILE",
                                          help="Read this configuration file instead of searching for one."),
    no_config: bool = typer.Option(False, "--no-config", help="Ignore pyproject.toml \\[tool.factcheck] and "
                                   ".factcheck.toml."),
    registry: Optional[List[Path]] = RegistryOption,
    jobs: int = typer.Option(0, "--jobs", "-j", min=0, metavar="N", help="Lint files in N processes "
                             "(0: one per core when there is at least 0.5 MB to read). The output is the same."),
) -> None:
    """Lint text and Markdown files for claims about DeepSeek: exit 0 clean, 1 failing findings, 2 errors."""
    from ..config import Config, ConfigError, load_config
    from ..inputs import STDIN, STDIN_NAME, InputError, check_encoding, discover, iter_text, read_source
    from ..linter import DEFAULT_FAIL_ON, LintJob, LintOptions, lint_jobs, worker_count
    from ..model import SkippedInput
    from ..stream import lint_stream

    settings = Config()
    if not no_config:
        try:
            settings = load_config(path=config) if config is not None else load_config(Path.cwd())
        except ConfigError as exc:
            fail(f"config: {exc}")
    if encoding is not None:
        try:
            encoding = check_encoding(encoding)
        except ValueError as exc:
            fail(f"--encoding: {exc}")
    targets = list(paths or [])
    if not targets:
        if _stdin_is_piped():
            targets = [STDIN]
        else:
            fail("nothing to lint; pass files or directories, or - for standard input")
    level = fail_on.value if fail_on is not None else (settings.fail_on or DEFAULT_FAIL_ON)
    excludes = []
    if settings.exclude:
        excludes.append((settings.root, settings.exclude))
    if exclude:
        excludes.append((Path.cwd(), exclude))
    sources, problems = discover(targets, exclude=excludes)
    skipped = [SkippedInput(p.path, p.reason) for p in problems]
    for p in problems:
        _error(str(p))

    from ..clitools import load_matcher_or_exit

    matcher = load_matcher_or_exit([*settings.registries, *(registry or [])])
    ignored = frozenset([*settings.ignore, *(ignore or [])])
    known = {c.id for c in matcher.registry.claims}
    for claim_id in sorted(ignored - known):
        sys.stderr.write(f"factcheck: warning: ignore: no claim with id {claim_id!r} in the registry\n")
    forced = None if syntax == Syntax.auto else syntax.value
    fmt = _resolve_format(format.value)
    out = _Output(fmt, show == Show.all)
    linted = 0
    work = []
    streamed: dict[int, tuple[str, LintOptions]] = {}  # stdin and large files: linted here, in chunks
    for k, source in enumerate(sources):
        display = source.path
        options = LintOptions(fail_on=level, ignore=ignored, syntax=forced)
        if source.file is None:
            display = stdin_filename or STDIN_NAME
            if forced is None and stdin_filename is None:
                options = LintOptions(fail_on=level, ignore=ignored, syntax="markdown")
        size = _size(source)
        if source.file is None or size > STREAM_BYTES:
            streamed[k] = (display, options)
            continue
        work.append(LintJob(display, options, partial(read_source, source, encoding=encoding), size=size))
    results = iter(lint_jobs(work, matcher, workers=worker_count(work, jobs)))  # files in parallel, in order
    try:
        with _progress(sources) as advance:
            for k, source in enumerate(sources):
                if k in streamed:
                    display, options = streamed[k]
                    pieces = _Counted(iter_text(source, encoding=encoding))
                    exc = out.consume(lint_stream(pieces, display, matcher, options))
                    if exc is None and source.file is None and not pieces.chars:
                        sys.stderr.write(f"factcheck: warning: {display}: empty input; nothing to lint\n")
                else:
                    job, found, exc = next(results)
                    display = job.path
                    if exc is None:
                        out.add(found)
                if exc is not None:
                    if not isinstance(exc, InputError):
                        raise exc
                    _error(f"{display}: {exc.reason}")
                    skipped.append(SkippedInput(display, exc.reason))
                else:
                    linted += 1
                advance(source)
        report = out.report(files=linted, skipped=tuple(skipped), fail_on=level)
        out.finish(report)
    except BrokenPipeError:
        # The reader went away (`| head -1`): stop quietly, as git and grep do.
        from ..entry import _silence_broken_pipe

        _silence_broken_pipe()
        raise typer.Exit(EXIT_FINDINGS)
    if fmt in ("rich", "text", "github") and (report.total_findings or skipped or fmt == "rich"):
        from ..formats.lint_text import summary_line

        sys.stderr.write(f"factcheck: {summary_line(report)}\n")
    if skipped:
        raise typer.Exit(EXIT_USAGE)
    raise typer.Exit(EXIT_FINDINGS if report.failing else EXIT_OK)


#: Files larger than this are linted in chunks in this process, in bounded memory (as standard input is).
STREAM_BYTES = 1 << 20


class _Counted:
    """An iterator of text pieces that counts the characters it passed on."""

    def __init__(self, pieces):
        self.pieces = pieces
        self.chars = 0

    def __iter__(self):
        for piece in self.pieces:
            self.chars += len(piece)
            yield piece


class _Output:
    """Collects findings, and writes them as they come in the line formats (text, github), so a long
    stream is linted in bounded memory; the other formats need the whole report."""

    def __init__(self, fmt: str, show_all: bool):
        self.fmt = fmt
        self.show_all = show_all
        # Written at once only into a pipe or a file: on a terminal they would cross the progress bar.
        self.streaming = fmt in ("text", "github") and not _isatty(sys.stdout)
        self.shown: list = []
        self.total = 0
        self.failing = 0

    def add(self, found: list) -> None:
        self.total += len(found)
        self.failing += sum(1 for f in found if f.failing)
        shown = [f for f in found if self.show_all or f.failing]
        if not shown:
            return
        if self.streaming:
            from ..formats.lint_formats import renderer

            module = renderer(self.fmt)
            sys.stdout.write("".join(module.format_finding(f) + "\n" for f in shown))
            sys.stdout.flush()
        else:
            self.shown.extend(shown)

    def consume(self, parts) -> BaseException | None:
        """Add the findings of a streamed input chunk by chunk; the InputError that stopped it, if any (the
        findings of the chunks before it are kept: in the line formats they are already written)."""
        from ..inputs import InputError

        try:
            for part in parts:
                self.add(part)
        except InputError as exc:
            return exc
        return None

    def report(self, **fields):
        from dataclasses import dataclass

        from ..model import LintReport

        @dataclass(frozen=True)
        class Report(LintReport):
            failing_count: int = 0

            @property
            def failing(self) -> int:  # the written findings are not kept, only counted
                return self.failing_count

        return Report(findings=tuple(self.shown), total_findings=self.total, failing_count=self.failing, **fields)

    def finish(self, report) -> None:
        if not self.streaming:
            _write(report, self.fmt)


def _size(source) -> int:
    try:
        return source.file.stat().st_size if source.file is not None else 0
    except OSError:
        return 0


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _error(message: str) -> None:
    sys.stderr.write(f"factcheck: error: {message}\n")


def _stdin_is_piped() -> bool:
    try:
        return not sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def _resolve_format(name: str) -> str:
    from ..formats.lint_formats import resolve_lint_format

    try:
        isatty = sys.stdout.isatty()
    except (AttributeError, ValueError):
        isatty = False
    return resolve_lint_format(name, os.environ, isatty)


def _write(report, fmt: str) -> None:
    """Render the report in `fmt` and write it to stdout (a closed pipe ends the run quietly, in cli.main)."""
    from .. import __version__
    from ..formats.lint_formats import renderer

    module = renderer(fmt)
    if fmt == "rich":
        from ..clitools import console

        module.render(report, console())
        return
    if fmt == "json":
        out = module.render(report, version=__version__)
    elif fmt == "sarif":
        out = module.render(report, version=__version__, base_uri=Path.cwd().as_uri().rstrip("/") + "/")
    else:
        out = module.render(report)
    if out:
        sys.stdout.write(out)
        sys.stdout.flush()


class _progress:
    """A transient progress bar on stderr for long runs on a terminal; a no-op otherwise."""

    def __init__(self, sources):
        self.sources = sources
        self.bar = None

    def __enter__(self):
        try:
            tty = sys.stderr.isatty()
        except (AttributeError, ValueError):
            tty = False
        files = [s.file for s in self.sources if s.file is not None]
        if not tty or not files:
            return lambda source: None
        if len(files) < PROGRESS_FILES:
            try:
                if sum(f.stat().st_size for f in files) < PROGRESS_BYTES:
                    return lambda source: None
            except OSError:
                pass
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        from ..clitools import console

        self.bar = Progress(TextColumn("linting"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("{task.description}", style="dim"), console=console(stderr=True),
                            transient=True, redirect_stdout=False)
        self.bar.start()
        task = self.bar.add_task("", total=len(self.sources))

        def advance(source) -> None:
            self.bar.update(task, advance=1, description=source.path[-60:])

        return advance

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()
