"""`factcheck lint PATH...`: find every sentence that makes a registry claim."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from ..clitools import RegistryOption, fail


def lint(
    paths: Optional[List[str]] = typer.Argument(None, help="Files, directories, or - for stdin."),
    registry: Optional[List[Path]] = RegistryOption,
) -> None:
    """Lint text and Markdown files for claims about DeepSeek."""
    fail("lint is not implemented yet")
