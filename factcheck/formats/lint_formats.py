"""Which output format `factcheck lint` uses: the names, `auto` resolution, and the lazy lookup by name.

Each format is one module (`lint_text`, `lint_json`, `lint_sarif`, `lint_github`, `lint_rich`) with a
`render(report, ...)` function; they read `Finding` fields and never score anything.
"""

from __future__ import annotations

from typing import Mapping

LINT_FORMATS: tuple[str, ...] = ("auto", "rich", "text", "json", "sarif", "github")
#: Formats that print a whole document even when there is nothing to report.
MANIFEST_FORMATS = frozenset({"json", "sarif"})


def resolve_lint_format(name: str, env: Mapping[str, str], isatty: bool) -> str:
    """`auto` is `github` under GitHub Actions, `rich` on a terminal, `text` otherwise (pure)."""
    if name != "auto":
        return name
    if env.get("GITHUB_ACTIONS", "").lower() == "true":
        return "github"
    return "rich" if isatty else "text"


def renderer(name: str):
    """The module that renders format `name` (imported on demand)."""
    import importlib

    if name not in LINT_FORMATS or name == "auto":
        raise ValueError(f"unknown lint format {name!r}")
    return importlib.import_module(f"{__package__}.lint_{name}")
