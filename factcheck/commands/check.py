"""Checking statements and printing the results: shared by the typer command and the fast path.

Imports nothing heavy at module level: a one-shot `factcheck "statement"` goes through here without
loading typer (see factcheck/entry.py).
"""

from __future__ import annotations

import sys

EXIT_OK, EXIT_FINDINGS = 0, 1


def run_check(matcher, texts: list[str], fmt: str, *, explain: bool = False, lines: bool = False) -> int:
    """Check each statement, print in `fmt` (rich, text, json, jsonl), return the exit code."""
    reg = matcher.registry
    code = EXIT_OK
    console = None
    if fmt == "rich":
        from rich.console import Console

        from ..formats import use_color

        console = Console(no_color=not use_color(sys.stdout), highlight=False, soft_wrap=False)
    for k, text in enumerate(texts):
        result = matcher.check(text, explain=explain)
        if result.match is not None and result.match.is_wrong:
            code = EXIT_FINDINGS
        if fmt == "jsonl" or (fmt == "json" and lines):
            from ..formats import check_json

            sys.stdout.write(check_json.render_line(result) + "\n")
        elif fmt == "json":
            from ..formats import check_json

            sys.stdout.write(check_json.render(result) + "\n")
        elif fmt == "rich":
            from ..formats import check_rich

            check_rich.render(result, reg, console=console)
        else:
            from ..formats import check_text

            if k:
                sys.stdout.write("\n")
            sys.stdout.write(check_text.render(result, reg) + "\n")
    return code
