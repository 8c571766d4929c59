"""`factcheck claims show ID`: one claim in full, as text or JSON."""

from __future__ import annotations

import textwrap

from ..model import Claim


def claim_to_dict(claim: Claim) -> dict:
    return {
        "id": claim.id, "verdict": claim.verdict, "claim": claim.claim, "summary": claim.summary,
        "explanation": claim.explanation, "phrasings": list(claim.phrasings),
        "citations": [c.to_dict() for c in claim.citations], "as_of": claim.as_of, "review_by": claim.review_by,
        "tags": list(claim.tags), "superseded_by": claim.superseded_by,
        "figures": [{"value": f.value, "unit": f.unit, "label": f.label, "tolerance": f.tolerance}
                    for f in claim.figures],
        "history": [{"date": h.date, "from": h.from_verdict, "to": h.to_verdict, "reason": h.reason}
                    for h in claim.history],
        "registry": claim.registry,
    }


def render_text(claim: Claim, width: int = 88) -> str:
    def wrap(s: str, indent: str = "  ") -> str:
        return textwrap.fill(s, width=width, initial_indent=indent, subsequent_indent=" " * len(indent))

    out = [f"{claim.id}  [{claim.verdict}]", wrap(claim.claim), "", wrap(f"Summary: {claim.summary}"), "",
           wrap(claim.explanation), ""]
    dates = f"As of {claim.as_of}"
    if claim.review_by:
        dates += f"; review by {claim.review_by}"
    out.append(dates)
    if claim.superseded_by:
        out.append(f"Superseded by: {claim.superseded_by}")
    if claim.tags:
        out.append("Tags: " + ", ".join(claim.tags))
    out += ["", "Phrasings:"] + [wrap(p, "  - ") for p in claim.phrasings]
    out += ["", "Citations:"]
    for k, c in enumerate(claim.citations, 1):
        out.append(f"  [{k}] {c.source or f'{c.title} <{c.url}>'}")
        out.append(wrap(f"\u201c{c.quote.strip()}\u201d", "      "))
    if claim.history:
        out += ["", "History:"]
        for h in claim.history:
            out.append(wrap(f"{h.date}: {h.from_verdict} -> {h.to_verdict}. {h.reason}", "  - "))
    return "\n".join(out)
