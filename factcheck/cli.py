"""The command line: argument parsing, I/O and exit codes. Everything else lives in plain modules.

Exit codes: 0 clean (or nothing matched), 1 findings (a statement asserts something rated false or
misleading, or denies something rated true), 2 usage or input error, 130 interrupted.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from .clitools import (EXIT_FINDINGS, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, RegistryOption, fail,
                       console as _console, load_matcher_or_exit,
                       load_registry_or_exit as _load)

app = typer.Typer(
    add_completion=False,
    no_args_is_help=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Check statements about DeepSeek against a registry of reviewed, cited claims.\n\n"
         "factcheck \"DeepSeek cost $6M\" is short for factcheck check \"DeepSeek cost $6M\"; "
         "with no arguments and piped input, factcheck lints standard input.",
)
claims_app = typer.Typer(help="Browse the claims of the registry.", invoke_without_command=True)
registry_app = typer.Typer(help="Maintain registries.", no_args_is_help=True)
app.add_typer(claims_app, name="claims")
app.add_typer(registry_app, name="registry")


class CheckFormat(str, Enum):
    auto = "auto"
    rich = "rich"
    text = "text"
    json = "json"
    jsonl = "jsonl"


class ListFormat(str, Enum):
    auto = "auto"
    rich = "rich"
    text = "text"
    json = "json"


# -- check -------------------------------------------------------------------------------------------------

@app.command()
def check(
    statement: Optional[List[str]] = typer.Argument(None, help="The statement to check (words are joined)."),
    format: CheckFormat = typer.Option(CheckFormat.auto, "--format", "-f", help="Output format."),
    lines: bool = typer.Option(False, "--lines", help="Read statements from stdin, one per line."),
    explain: bool = typer.Option(False, "--explain", help="Show why the claim matched."),
    registry: Optional[List[Path]] = RegistryOption,
) -> None:
    """Check one statement: the claim it makes, its verdict, the explanation and the citations."""
    from .formats import resolve_check_format
    from .matcher import clean_statement

    if lines and statement:
        fail("--lines reads statements from stdin; do not also pass a statement")
    if lines:
        texts = [clean_statement(t) for t in _read_stdin_text().splitlines()]
        texts = [t for t in texts if t]
        if not texts:
            fail("no statements on stdin")
    else:
        text = clean_statement(" ".join(statement or []))
        if not text:
            fail("empty statement; pass the statement to check, e.g. factcheck \"DeepSeek cost $6M\"")
        texts = [text]
    from .commands.check import run_check

    matcher = load_matcher_or_exit(registry)
    raise typer.Exit(run_check(matcher, texts, resolve_check_format(format.value), explain=explain, lines=lines))


def _read_stdin_text() -> str:
    if sys.stdin is None:
        fail("<stdin>: standard input is closed")
    try:
        data = sys.stdin.buffer.read()
    except OSError as exc:
        fail(f"<stdin>: cannot read: {exc.strerror or exc}")
    if b"\x00" in data:
        fail("<stdin>: binary input (contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        fail(f"<stdin>: invalid UTF-8 at byte {exc.start}")
    return ""


# -- claims ------------------------------------------------------------------------------------------------

@claims_app.callback()
def claims_list(
    ctx: typer.Context,
    format: ListFormat = typer.Option(ListFormat.auto, "--format", "-f", help="Output format."),
    verdict: Optional[List[str]] = typer.Option(None, "--verdict", help="Only claims with this verdict."),
    tag: Optional[List[str]] = typer.Option(None, "--tag", help="Only claims with this tag."),
    search: Optional[str] = typer.Option(None, "--search", "-s", help="Only claims the matcher relates to this text."),
    registry: Optional[List[Path]] = RegistryOption,
) -> None:
    """List every claim: id, verdict and summary."""
    if ctx.invoked_subcommand is not None:
        ctx.obj = {"registry": registry}
        return
    from .formats import resolve_check_format

    reg = _load(registry)
    claims = list(reg.claims)
    if verdict:
        from .model import VERDICTS

        for v in verdict:
            if v not in VERDICTS:
                fail(f"unknown verdict {v!r}; expected one of {', '.join(VERDICTS)}")
        claims = [c for c in claims if c.verdict in verdict]
    if tag:
        known = {t for c in reg.claims for t in c.tags}
        for t in tag:
            if t not in known:
                from rapidfuzz import process

                near = process.extractOne(t, sorted(known))
                hint = f"; did you mean {near[0]!r}?" if near and near[1] >= 60 else ""
                fail(f"unknown tag {t!r}{hint} (factcheck claims --format json lists every claim's tags)")
        claims = [c for c in claims if set(tag) & set(c.tags)]
    if search is not None:
        if not search.strip():
            fail("--search needs some text, e.g. --search \"training cost\"")
        from .api import matcher_for
        from .normalize import analyze

        ranked = matcher_for(reg).rank(analyze(search))
        wanted = [reg.claims[s.index].id for s in ranked if s.score >= 25]
        order = {cid: k for k, cid in enumerate(wanted)}
        claims = sorted((c for c in claims if c.id in order), key=lambda c: order[c.id])
    fmt = resolve_check_format(format.value)
    if fmt == "json":
        import json

        rows = [{"id": c.id, "verdict": c.verdict, "claim": c.claim, "summary": c.summary, "tags": list(c.tags),
                 "as_of": c.as_of, "review_by": c.review_by} for c in claims]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "rich":
        from rich.table import Table

        from .formats.check_rich import badge

        table = Table(show_lines=False, header_style="bold")
        table.add_column("id", no_wrap=True)
        table.add_column("verdict", no_wrap=True)
        table.add_column("summary")
        for c in claims:
            table.add_row(c.id, badge(c.verdict), c.summary)
        _console().print(table)
    else:
        for c in claims:
            sys.stdout.write(f"{c.id}\t{c.verdict}\t{c.summary}\n")


@claims_app.command("show")
def claims_show(
    ctx: typer.Context,
    claim_id: str = typer.Argument(..., metavar="ID", help="The claim id."),
    format: ListFormat = typer.Option(ListFormat.auto, "--format", "-f", help="Output format."),
    registry: Optional[List[Path]] = RegistryOption,
) -> None:
    """Show one claim in full: dates, phrasings, citations (quotes in context) and history."""
    from .formats import claim_show

    reg = _load(registry or (ctx.obj or {}).get("registry"))
    claim = reg.get(claim_id)
    if claim is None:
        from rapidfuzz import process

        near = process.extractOne(claim_id, [c.id for c in reg.claims])
        hint = f"; did you mean {near[0]!r}?" if near and near[1] >= 60 else ""
        fail(f"no claim with id {claim_id!r}{hint}")
    from .formats import resolve_check_format

    fmt = resolve_check_format(format.value)
    contexts = claim_show.citation_contexts(claim)
    if fmt == "json":
        import json

        sys.stdout.write(json.dumps(claim_show.claim_to_dict(claim, contexts), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(claim_show.render_text(claim, contexts=contexts) + "\n")


# -- registry ----------------------------------------------------------------------------------------------

_VALIDATE_HELP = (
    "Run every registry check; exit 0 when valid, 1 when not (2 for an invalid configuration).\n\n"
    "With no FILES: the built-in registry, then every file listed in `registries = [...]` under "
    "\\[tool.factcheck] in the nearest pyproject.toml that has that table (or in .factcheck.toml), relative "
    "to that file, merged as factcheck loads them. FACTCHECK_REGISTRY and --registry files are not "
    "included: name them as FILES."
)


@registry_app.command("validate", help=_VALIDATE_HELP)
def registry_validate(
    paths: Optional[List[Path]] = typer.Argument(
        None, metavar="FILES",
        help="Registry files, merged in this order (default: the built-in registry, then the registries "
             "configured for the project)."),
    strict: bool = typer.Option(False, "--strict", help="Also fail when a claim's review_by date has passed."),
    config: Optional[Path] = typer.Option(None, "--config", metavar="FILE",
                                          help="With no FILES: read the configured registries from this file "
                                               "instead of searching for one."),
    no_config: bool = typer.Option(False, "--no-config", help="With no FILES: validate the built-in registry "
                                   "only, ignoring pyproject.toml \\[tool.factcheck] and .factcheck.toml."),
) -> None:
    """Run every registry check; exit 0 when valid, 1 when not (2 for an invalid configuration)."""
    import datetime as dt

    from .registry import (RegistryError, builtin_registry_path, load_registry_file, merge_registries,
                           unique_paths)

    if paths:
        files = list(paths)
    else:
        files = [builtin_registry_path()]
        if not no_config:
            from .config import ConfigError, load_config

            try:
                settings = load_config(path=config) if config is not None else load_config(Path.cwd())
            except ConfigError as exc:
                fail(f"config: {exc}")
            # a file listed twice (or the built-in one) is validated once
            files += unique_paths(list(settings.registries), exclude=(builtin_registry_path(),))
    problems = []
    loaded = []
    for path in files:
        try:
            loaded.append(load_registry_file(path))
        except RegistryError as exc:
            problems.extend(exc.problems)
    if not problems:
        try:
            registry = merge_registries(loaded)
        except RegistryError as exc:
            problems.extend(exc.problems)
        else:
            if strict:
                today = dt.date.today().isoformat()
                for c in registry.claims:
                    if c.review_by and c.review_by < today:
                        from .registry import RegistryProblem

                        problems.append(RegistryProblem(c.registry, f"review_by {c.review_by} has passed",
                                                        claim_id=c.id, field="review_by"))
    for problem in problems:
        sys.stdout.write(f"{problem}\n")
    total = sum(len(rf.claims) for rf in loaded)
    if problems:
        sys.stdout.write(f"{len(problems)} problem(s) in {len(files)} registry file(s)\n")
        raise typer.Exit(EXIT_FINDINGS)
    sys.stdout.write(f"ok: {total} claims in {len(files)} registry file(s)\n")


@registry_app.command("schema")
def registry_schema() -> None:
    """Print the path of the registry format's JSON Schema (claims.schema.json, shipped with factcheck)."""
    from .registry import schema_path

    path = schema_path()
    if not path.is_file():
        fail(f"the JSON Schema is missing from this installation (expected at {path})", EXIT_FINDINGS)
    sys.stdout.write(f"{path}\n")


# -- commands that live in their own modules --------------------------------------------------------------

from .commands import export as _export_cmd  # noqa: E402
from .commands import lint as _lint_cmd  # noqa: E402

app.command("lint")(_lint_cmd.lint)
app.add_typer(_export_cmd.app, name="export")


# -- entry point -------------------------------------------------------------------------------------------

from .entry import _rewrite_argv, main  # noqa: E402,F401  (the entry point; kept importable from here)


def run(args: list[str]) -> int:
    """Run the typer app on already rewritten arguments; returns the exit code."""
    from .entry import internal_error, interrupted

    if args == ["--version"]:
        from . import __version__

        sys.stdout.write(f"factcheck {__version__}\n")
        return 0
    try:
        code = app(args=args, prog_name="factcheck", standalone_mode=False)
    except typer.Exit as exc:
        return exc.exit_code
    except KeyboardInterrupt:
        return interrupted()
    except BrokenPipeError:
        _silence_broken_pipe()
        return EXIT_FINDINGS
    except SystemExit as exc:  # typer ends a run whose stdout was closed (EPIPE) with sys.exit(1)
        return exc.code if isinstance(exc.code, int) else EXIT_FINDINGS
    except Exception as exc:  # noqa: BLE001 - the one place where every error becomes one line
        # typer vendors click, so its exceptions are recognised by shape, not by import.
        name = type(exc).__name__
        if name == "Abort":
            return interrupted()
        if hasattr(exc, "show") and hasattr(exc, "exit_code"):
            exc.show()
            return EXIT_USAGE if exc.exit_code in (None, 1, 2) else exc.exit_code
        if name == "Exit" and hasattr(exc, "exit_code"):
            return exc.exit_code
        return internal_error(exc)
    if code == EXIT_INTERRUPTED:  # typer turns Ctrl-C into a silent exit code 130
        return interrupted()
    return code if isinstance(code, int) else EXIT_OK


from .entry import _silence_broken_pipe  # noqa: E402,F401  (kept importable from here)
