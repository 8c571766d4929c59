"""Rich panel output of `factcheck check` for terminals."""

from __future__ import annotations

from ..model import CheckResult, Registry
from ..quantities import describe_conflict

VERDICT_STYLES = {
    "true": "bold white on green",
    "needs-context": "bold black on yellow",
    "misleading": "bold white on dark_orange3",
    "false": "bold white on red",
    "unproven": "bold white on purple4",
    "outdated": "bold white on grey42",
}


def badge(verdict: str):
    from rich.text import Text

    return Text(f" {verdict.upper()} ", style=VERDICT_STYLES.get(verdict, "bold reverse"))


def render(result: CheckResult, registry: Registry | None = None, console=None) -> None:
    """Print the result to `console` (a rich Console)."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    if result.match is None:
        body = [Text("No claim in the registry matches this statement.", style="bold")]
        if result.alternatives and registry is not None:
            body.append(Text("\nNearest claims (below the match threshold):", style="dim"))
            for alt in result.alternatives:
                claim = registry.get(alt.id)
                line = Text("  ")
                if claim:
                    line.append_text(badge(claim.verdict))
                    line.append(f" {alt.id}: {claim.claim} ")
                line.append(f"(score {alt.score:g})", style="dim")
                body.append(line)
        console.print(Panel(Group(*body), title=Text(result.input, overflow="ellipsis"), title_align="left"))
        return
    m = result.match
    c = m.claim
    header = Text()
    header.append_text(badge(c.verdict))
    header.append(f"  {c.id}", style="bold")
    stance = "asks about" if m.stance == "asks" else m.stance
    header.append(f"   score {m.score:g} · statement {stance} the claim", style="dim")
    body: list = [header, Text(""), Text(c.claim, style="italic"), Text(""), Text(c.summary, style="bold"),
                  Text(""), Text(c.explanation)]
    if m.conflicts:
        body.append(Text("\nFigures that disagree with the registry:", style="bold red"))
        for x in m.conflicts:
            body.append(Text(f"  • {describe_conflict(x)}"))
    body.append(Text("\nCitations", style="bold"))
    for k, cit in enumerate(c.citations, 1):
        where = cit.source or f"{cit.title} <{cit.url}>"
        body.append(Text(f" [{k}] {where}", style="cyan"))
        body.append(Text(f"     \u201c{cit.quote.strip()}\u201d", style="dim"))
    if m.why is not None:
        body.append(Text("\nWhy this claim", style="bold"))
        body.append(Text(f"  closest phrasing: {m.why.phrasing}"))
        body.append(Text(f"  shared rare terms: {', '.join(m.why.shared_terms) or '(none)'}"))
        body.append(Text(f"  figures: {'; '.join(m.why.quantities) or '(none)'}"))
        body.append(Text(f"  stance cue: {m.why.stance_cue}"))
    if result.alternatives:
        body.append(Text("\nAlso close: " + ", ".join(f"{a.id} ({a.score:g})" for a in result.alternatives),
                         style="dim"))
    body.append(Text(f"As of {c.as_of}", style="dim"))
    console.print(Panel(Group(*body), title=Text(result.input, overflow="ellipsis"), title_align="left"))
