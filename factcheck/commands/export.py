"""`factcheck export ...`: the registry in other formats."""

from __future__ import annotations

import typer

app = typer.Typer(help="Export the registry (ClaimReview JSON-LD, HTML fact sheet).", no_args_is_help=True)
