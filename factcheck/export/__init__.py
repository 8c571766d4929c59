"""Exports of the registry for other readers: one module per format, each a pure function returning a string.

* `claimreview`: schema.org ClaimReview JSON-LD, for search engines and fact-check aggregators;
* `html`: a self-contained HTML fact sheet (one file, no JavaScript, no network) a blogger can link to.

`factcheck export ...` (factcheck/commands/export.py) loads the registry and writes the result.
"""

from __future__ import annotations

#: Human-readable verdict labels, shared by every export.
VERDICT_LABELS: dict[str, str] = {
    "true": "True",
    "needs-context": "Needs context",
    "misleading": "Misleading",
    "false": "False",
    "unproven": "Unproven",
    "outdated": "Outdated",
}

#: What each verdict means, in one sentence (the fact sheet's legend).
VERDICT_MEANINGS: dict[str, str] = {
    "true": "The claim is right as people state it.",
    "needs-context": "Right in substance, but missing context that changes how it reads.",
    "misleading": "Contains some truth but leaves a wrong impression.",
    "false": "The evidence contradicts it.",
    "unproven": "Alleged or estimated; the evidence does not establish it.",
    "outdated": "Was right once; a newer claim supersedes it.",
}

__all__ = ["VERDICT_LABELS", "VERDICT_MEANINGS"]
