"""Helpers every command shares: exit codes, one-line errors, loading registries, consoles."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def fail(message: str, code: int = EXIT_USAGE) -> None:
    """Print one clear line on stderr and exit."""
    sys.stderr.write(f"factcheck: error: {message}\n")
    raise typer.Exit(code)


RegistryOption = typer.Option(None, "--registry", "-r", help="An extra registry file (repeatable); "
                              "also FACTCHECK_REGISTRY.", metavar="PATH")


def load_registry_or_exit(registries: Optional[List[Path]]):
    """The registry to use (built-in + FACTCHECK_REGISTRY + `registries`), or exit 2 listing its problems."""
    return load_matcher_or_exit(registries).registry


def load_matcher_or_exit(registries: Optional[List[Path]], *, use_config: bool = True):
    """The matcher for the registries to use (from the index cache when fresh), or exit 2. `use_config=False`
    leaves out the project configuration's `registries` (for a command that reads its configuration itself)."""
    from .api import load_matcher
    from .registry import RegistryError

    try:
        return load_matcher(registries or None, use_config=use_config)
    except RegistryError as exc:
        for problem in exc.problems[:20]:
            sys.stderr.write(f"factcheck: registry error: {problem}\n")
        if len(exc.problems) > 20:
            sys.stderr.write(f"factcheck: ... and {len(exc.problems) - 20} more registry problems\n")
        raise typer.Exit(EXIT_USAGE)


def console(stderr: bool = False):
    from rich.console import Console

    from .formats import use_color

    return Console(stderr=stderr, no_color=not use_color(sys.stderr if stderr else sys.stdout),
                   highlight=False, soft_wrap=False)


