"""`factcheck export ...`: the registry in other formats (ClaimReview JSON-LD, an HTML fact sheet)."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import List, Optional

import typer

from ..clitools import RegistryOption, fail, load_registry_or_exit

app = typer.Typer(help="Export the registry (ClaimReview JSON-LD, HTML fact sheet).", no_args_is_help=True)


def _check_url(url: Optional[str]) -> None:
    if url is not None and not re.match(r"^https?://\S+$", url):
        fail(f"--url must be an http(s) URL, not {url!r}")


def _write(path: Path, text: str) -> None:
    """Write UTF-8 text to `path`, failing with one line (exit 2) when it cannot be written."""
    if path.is_dir():
        fail(f"{path}: is a directory; give a file name")
    try:
        path.write_text(text, encoding="utf-8", newline="\n")
    except OSError as exc:
        fail(f"{path}: cannot write: {exc.strerror or exc}")


@app.command("claimreview")
def claimreview(
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE",
                                          help="Write the JSON-LD to FILE instead of standard output."),
    url: Optional[str] = typer.Option(None, "--url", metavar="URL",
                                      help="Where the fact sheet is published; each review's url is URL#claim-id "
                                           "(default: the registry's top-level `url`)."),
    registry: Optional[List[Path]] = RegistryOption,
) -> None:
    """Write schema.org ClaimReview JSON-LD for every claim (a JSON array, one object per claim)."""
    from ..export import claimreview as fmt

    _check_url(url)
    reg = load_registry_or_exit(registry)
    text = fmt.render(reg, base_url=url) + "\n"
    if output is None or str(output) == "-":
        sys.stdout.write(text)
        return
    _write(output, text)
    sys.stderr.write(f"factcheck: wrote {len(reg.claims)} ClaimReview objects to {output}\n")


@app.command("html")
def html(
    output: Path = typer.Option(..., "--output", "-o", metavar="DIR",
                                help="The folder to write index.html into (created if missing)."),
    title: Optional[str] = typer.Option(None, "--title", help="The page title (default: from the registry names)."),
    registry: Optional[List[Path]] = RegistryOption,
) -> None:
    """Write a self-contained HTML fact sheet (DIR/index.html): every claim, verdict, sources and dates."""
    from ..export import html as fmt

    if output.exists() and not output.is_dir():
        fail(f"{output}: exists and is not a folder; -o takes a folder, index.html is written into it")
    reg = load_registry_or_exit(registry)
    page = fmt.render(reg, title=title)
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(f"{output}: cannot create folder: {exc.strerror or exc}")
    target = output / "index.html"
    _write(target, page)
    sys.stderr.write(f"factcheck: wrote {target} ({len(reg.claims)} claims)\n")
