"""`factcheck claims show ID`: one claim in full, as text or JSON.

Everything a reviewer needs on one screen: the verdict and its dates, every phrasing, each citation with its
quote and, for seed files, the quote in context (the surrounding sentence, see `quote_context`), and the
corrections log. Rendering is pure; `citation_contexts` is the one function that reads (seed) files.
"""

from __future__ import annotations

import re
import textwrap
from typing import Callable, Optional

from ..model import Claim

#: (text before the quote, text after it), both within the quote's paragraph.
Context = tuple[str, str]

# A sentence ends at . ! ? (plus closing quotes/brackets) followed by white space, or right after CJK
# sentence punctuation. "$5.576M" and "e.g.x" do not end a sentence; a line break always does.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+|[。！？][\"'”’」』)\]）]*\s*")
MAX_CONTEXT = 300  # characters on each side, at most


def _sentence_starts(paragraph: str) -> list[int]:
    starts = [0] + [m.end() for m in _SENTENCE_END.finditer(paragraph)]
    return sorted({s for s in starts if s < len(paragraph)})


def quote_context(text: str, quote: str, max_chars: int = MAX_CONTEXT) -> Optional[Context]:
    """The text around `quote` in `text`: extended to whole sentences, plus the sentence before and after when
    the quote is itself whole sentences; never beyond the quote's paragraph (line). None if not found."""
    quote = quote.strip()
    start = text.find(quote) if quote else -1
    if start < 0:
        return None
    end = start + len(quote)
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    para_end = len(text) if para_end < 0 else para_end
    para = text[para_start:para_end]
    q0, q1 = start - para_start, end - para_start
    starts = _sentence_starts(para)
    # the sentence the quote starts in; one sentence further back if the quote starts a sentence
    begin_candidates = [s for s in starts if s <= q0]
    begin = begin_candidates[-1] if begin_candidates else 0
    if begin == q0 or not para[begin:q0].strip():
        earlier = [s for s in starts if s < begin]
        begin = earlier[-1] if earlier else begin
    # the end of the sentence the quote ends in; one sentence further if the quote ends a sentence
    ends = [s for s in starts if s >= q1] + [len(para)]
    after_end = ends[0]
    if not para[q1:after_end].strip() and len(ends) > 1:
        after_end = ends[1]
    before = para[begin:q0].lstrip()
    after = para[q1:after_end].rstrip()
    if len(before) > max_chars:
        before = "…" + before[-max_chars:].lstrip()
    if len(after) > max_chars:
        after = after[:max_chars].rstrip() + "…"
    return before, after


def citation_contexts(claim: Claim, read: Optional[Callable[[str, str], Optional[str]]] = None
                      ) -> dict[int, Context]:
    """Context for each seed citation of `claim`, by citation index; `read(registry_file, source)` gives a
    seed file's text (default: registry.seed_text). Citations whose seed cannot be read are left out."""
    if read is None:
        from ..registry import seed_text as read
    out: dict[int, Context] = {}
    for k, cit in enumerate(claim.citations):
        if not cit.source:
            continue
        text = read(claim.registry, cit.source)
        ctx = quote_context(text, cit.quote) if text else None
        if ctx is not None:
            out[k] = ctx
    return out


def claim_to_dict(claim: Claim, contexts: Optional[dict[int, Context]] = None) -> dict:
    citations = []
    for k, c in enumerate(claim.citations):
        d = c.to_dict()
        if contexts and k in contexts:
            d["context"] = {"before": contexts[k][0], "after": contexts[k][1]}
        citations.append(d)
    return {
        "id": claim.id, "verdict": claim.verdict, "claim": claim.claim, "summary": claim.summary,
        "explanation": claim.explanation, "phrasings": list(claim.phrasings),
        "counters": list(claim.counters),
        "citations": citations, "as_of": claim.as_of, "review_by": claim.review_by,
        "tags": list(claim.tags), "superseded_by": claim.superseded_by,
        "appearances": list(claim.appearances),
        "figures": [{"value": f.value, "unit": f.unit, "label": f.label, "tolerance": f.tolerance}
                    for f in claim.figures],
        "history": [{"date": h.date, "from": h.from_verdict, "to": h.to_verdict, "reason": h.reason}
                    for h in claim.history],
        "registry": claim.registry,
    }


def render_text(claim: Claim, width: int = 88, contexts: Optional[dict[int, Context]] = None) -> str:
    def wrap(s: str, indent: str = "  ", rest: str | None = None) -> str:
        return textwrap.fill(s, width=width, initial_indent=indent,
                             subsequent_indent=rest if rest is not None else " " * len(indent))

    out = [f"{claim.id}  [{claim.verdict}]", wrap(claim.claim), "", wrap(f"Summary: {claim.summary}"), "",
           wrap(claim.explanation), ""]
    dates = f"As of {claim.as_of}"
    if claim.review_by:
        dates += f"; review by {claim.review_by}"
    if claim.history:
        dates += f"; last corrected {claim.history[-1].date}"
    out.append(dates)
    if claim.superseded_by:
        out.append(f"Superseded by: {claim.superseded_by}")
    if claim.tags:
        out.append("Tags: " + ", ".join(claim.tags))
    if claim.appearances:
        out.append("Seen at: " + ", ".join(claim.appearances))
    if claim.registry:
        out.append(f"Registry: {claim.registry}")
    out += ["", f"Phrasings ({len(claim.phrasings)}):"] + [wrap(p, "  - ") for p in claim.phrasings]
    if claim.counters:
        out += ["", f"Counters, statements that contradict the claim ({len(claim.counters)}):"] + [wrap(p, "  - ") for p in claim.counters]
    out += ["", "Citations:"]
    for k, c in enumerate(claim.citations):
        out.append(f"  [{k + 1}] {c.source or f'{c.title} <{c.url}>'}")
        out.append(wrap(f"\u201c{c.quote.strip()}\u201d", "      "))
        if contexts and k in contexts:
            before, after = contexts[k]
            if before or after:
                out.append(wrap(f"in context: {before}\u00ab{c.quote.strip()}\u00bb{after}", "      ",
                                "        "))
    if claim.history:
        out += ["", "History:"]
        for h in claim.history:
            out.append(wrap(f"{h.date}: {h.from_verdict} -> {h.to_verdict}. {h.reason}", "  - "))
    return "\n".join(out)
