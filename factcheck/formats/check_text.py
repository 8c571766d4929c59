"""Plain-text output of `factcheck check`, for pipes and terminals without colour."""

from __future__ import annotations

import textwrap

from ..model import CheckResult, Registry
from ..quantities import describe_conflict


def render(result: CheckResult, registry: Registry | None = None, width: int = 88) -> str:
    lines: list[str] = []
    wrap = lambda s, indent="  ": textwrap.fill(s, width=width, initial_indent=indent,  # noqa: E731
                                                subsequent_indent=" " * len(indent))  # a bullet is not repeated
    if result.match is None:
        lines.append(f"No matching claim for: {result.input}")
        if result.alternatives and registry is not None:
            lines.append("Nearest claims (below the match threshold):")
            for alt in result.alternatives:
                claim = registry.get(alt.id)
                label = f"{claim.verdict:<13} {alt.id}: {claim.claim}" if claim else alt.id
                lines.append(wrap(f"{label} (score {alt.score:g})", "  - "))
        return "\n".join(lines)
    m = result.match
    c = m.claim
    stance = {"denies": "denies", "asks": "asks about"}.get(m.stance, "affirms")
    lines.append(f"{c.verdict.upper()}  {c.id}  (score {m.score:g}, the statement {stance} this claim)")
    lines.append(wrap(f"Claim: {c.claim}"))
    lines.append(wrap(f"Summary: {c.summary}"))
    lines.append("")
    lines.append(wrap(c.explanation))
    if m.conflicts:
        lines.append("")
        lines.append("Figures that disagree with the registry:")
        for x in m.conflicts:
            lines.append(wrap(describe_conflict(x), "  - "))
    lines.append("")
    lines.append("Citations:")
    for k, cit in enumerate(c.citations, 1):
        where = cit.source or f"{cit.title} <{cit.url}>"
        lines.append(f"  [{k}] {where}")
        lines.append(wrap(f"\u201c{cit.quote.strip()}\u201d", "      "))
    if m.why is not None:
        lines.append("")
        lines.append("Why this claim:")
        lines.append(wrap(f"closest phrasing: {m.why.phrasing}", "  - "))
        lines.append(wrap(f"shared rare terms: {', '.join(m.why.shared_terms) or '(none)'}", "  - "))
        lines.append(wrap(f"figures: {'; '.join(m.why.quantities) or '(none)'}", "  - "))
        lines.append(wrap(f"stance cue: {m.why.stance_cue}", "  - "))
    if result.alternatives:
        lines.append("")
        lines.append("Also close: " + ", ".join(f"{a.id} ({a.score:g})" for a in result.alternatives))
    lines.append(f"As of {c.as_of}.")
    return "\n".join(lines)
