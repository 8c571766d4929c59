"""Output formats, chosen by name. Each module renders plain results to a string; none scores anything."""

from __future__ import annotations

import os
import sys

CHECK_FORMATS = ("auto", "rich", "text", "json", "jsonl")


def use_color(stream=None) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    stream = stream or sys.stdout
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def resolve_check_format(name: str) -> str:
    """`auto` means rich on a terminal and plain text otherwise."""
    if name == "auto":
        return "rich" if use_color() else "text"
    return name
