"""`--format json` / `jsonl` for `factcheck check`: one object per statement (documented in the README)."""

from __future__ import annotations

import json

from ..model import CheckResult


def result_to_dict(result: CheckResult) -> dict:
    """The stable JSON shape of a check result."""
    match = None
    if result.match is not None:
        m = result.match
        c = m.claim
        match = {
            "id": c.id,
            "claim": c.claim,
            "verdict": c.verdict,
            "stance": m.stance,
            "score": m.score,
            "summary": c.summary,
            "explanation": c.explanation,
            "citations": [cit.to_dict() for cit in c.citations],
            "conflicts": [x.to_dict() for x in m.conflicts],
            "as_of": c.as_of,
            "wrong": m.is_wrong,
        }
        if m.why is not None:
            match["why"] = {"phrasing": m.why.phrasing, "shared_terms": list(m.why.shared_terms),
                            "quantities": list(m.why.quantities), "stance_cue": m.why.stance_cue}
    return {"input": result.input, "match": match,
            "alternatives": [{"id": a.id, "score": a.score} for a in result.alternatives]}


def render(result: CheckResult) -> str:
    return json.dumps(result_to_dict(result), ensure_ascii=False, indent=2)


def render_line(result: CheckResult) -> str:
    return json.dumps(result_to_dict(result), ensure_ascii=False)
