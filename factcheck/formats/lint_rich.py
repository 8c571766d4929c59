"""Terminal output of `factcheck lint`: findings grouped by file, the sentence with the claim's words
highlighted, a verdict badge, the summary and one citation."""

from __future__ import annotations

from ..model import DENIES, Finding, LintReport
from .check_rich import badge


def _sentence(f: Finding):
    from rich.text import Text

    text = Text("\u201c", style="italic")
    text.append(f.sentence, style="italic")
    for start, end in f.highlights:
        text.stylize("bold underline", start + 1, end + 1)
    text.append("\u201d", style="italic")
    return text


def _citation(f: Finding):
    from rich.text import Text

    if not f.claim.citations:
        return None
    c = f.claim.citations[0]
    where = f"{c.title} <{c.url}>" if c.url else (c.source or "")
    quote = " ".join(c.quote.split())
    if len(quote) > 160:
        quote = quote[:157].rstrip() + "..."
    line = Text("Source: ", style="dim")
    line.append(where, style="cyan")
    line.append(f" \u2014 \u201c{quote}\u201d", style="dim")
    return line


def finding_renderable(f: Finding):
    from rich.console import Group
    from rich.padding import Padding
    from rich.text import Text

    head = Text(f"{f.line}:{f.column}".ljust(8), style="bold" if f.failing else "dim")
    head.append_text(badge(f.verdict))
    head.append(f" {f.claim_id}", style="bold")
    if f.stance == DENIES:
        head.append("  denied", style="green" if f.assessment == "consistent" else "red")
    elif f.assessment == "consistent":
        head.append("  affirmed", style="green")
    if not f.failing:
        head.append("  (not failing)", style="dim")
    body = [_sentence(f), Text(f.summary)]
    cite = _citation(f)
    if cite is not None:
        body.append(cite)
    return Group(head, Padding(Group(*body), (0, 0, 1, 8)))


def renderables(report: LintReport) -> list:
    """A heading per file, then its findings."""
    from rich.rule import Rule
    from rich.text import Text

    out: list = []
    current = None
    for f in report.findings:
        if f.path != current:
            current = f.path
            out.append(Rule(Text(f.path, style="bold"), align="left", style="dim"))
        out.append(finding_renderable(f))
    return out


def render(report: LintReport, console) -> None:
    """Print the report's findings on a rich Console."""
    for item in renderables(report):
        console.print(item)
