"""Find the registry claim a statement makes, or abstain.

Three steps, each cheap enough for a linter:

1. **Retrieve** candidates by rare shared terms (BM25 over one document per claim).
2. **Filter** by the claim's concept groups (`requires`): a claim is a subject plus a predicate, so a
   sentence that only shares its rare noun ("Tiananmen") does not make it.
3. **Re-rank** the shortlist by how much of the statement the claim explains and how much of its best
   phrasing the statement covers (IDF-weighted), blended with a rapidfuzz score against that phrasing.

The score of the winner (0-100) decides abstention; the stance and figure conflicts are then read off the
winner. Nothing here prints or knows about terminals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .index import ClaimEntry, Index, build_index
from .model import Alternative, CheckResult, Explanation, Match, Registry
from .normalize import Analysis, analyze, stem, STOPWORDS
from .quantities import conflicts as figure_conflicts
from .stance import detect_stance

#: Below this score the matcher abstains. Chosen on the dev set (bench/accuracy.py --dev); see docs/benchmarks.md.
THRESHOLD = 50.0
#: How many BM25 candidates are re-ranked.
SHORTLIST = 12
#: Runners-up are listed when they score at least this close to the winner.
ALTERNATIVE_MARGIN = 15.0


@dataclass(frozen=True)
class Scored:
    """A candidate claim with its score and the evidence behind it."""

    index: int
    score: float
    requires_ok: bool
    phrasing: int
    shared: tuple[str, ...]


def _phrase_in(seq: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    n = len(needle)
    return any(seq[i:i + n] == needle for i in range(len(seq) - n + 1))


class Matcher:
    """Matches statements against one registry. Build once, call `check` many times."""

    def __init__(self, registry: Registry, index: Index | None = None):
        self.registry = registry
        self.index = index if index is not None else build_index(registry)
        self._stated: dict[int, tuple] = {}

    # -- requirements -------------------------------------------------------------------------------
    @staticmethod
    def _requirements_met(entry: ClaimEntry, words: tuple[str, ...], stems: tuple[str, ...]) -> bool:
        stem_set = set(stems)
        joined = " " + " ".join(words)
        for group in entry.requires:
            hit = False
            for terms, prefix in group:
                if not terms:
                    continue
                if prefix:
                    if (" " + " ".join(terms)) in joined:
                        hit = True
                elif len(terms) == 1:
                    hit = terms[0] in stem_set
                else:
                    hit = _phrase_in(stems, terms)
                if hit:
                    break
            if not hit:
                return False
        return True

    # -- scoring ------------------------------------------------------------------------------------
    def _score(self, doc: int, analysis: Analysis, q_terms: set[str], q_weight: float,
               words: tuple[str, ...], stems: tuple[str, ...]) -> Scored:
        from rapidfuzz import fuzz

        entry = self.index.entries[doc]
        weight = self.index.weight
        shared = q_terms & entry.vocabulary
        q_cov = sum(weight(t) for t in shared) / q_weight if q_weight else 0.0
        q_joined = " ".join(analysis.terms)
        best_p, best_i = -1.0, 0
        for i, p in enumerate(entry.phrasings):
            p_set = set(p.terms)
            if not p_set:
                continue
            p_weight = sum(weight(t) for t in p_set)
            p_cov = sum(weight(t) for t in p_set & q_terms) / p_weight
            fuzzy = fuzz.token_sort_ratio(q_joined, p.joined) / 100.0
            value = 0.6 * p_cov + 0.4 * fuzzy
            if value > best_p:
                best_p, best_i = value, i
        score = 100.0 * (0.5 * q_cov + 0.5 * best_p)
        ok = self._requirements_met(entry, words, stems)
        ranked_shared = tuple(sorted(shared, key=lambda t: -weight(t)))
        return Scored(index=doc, score=round(score, 1), requires_ok=ok, phrasing=best_i, shared=ranked_shared)

    def rank(self, analysis: Analysis) -> list[Scored]:
        """Candidates that share a rare term with the statement, best first (requirement failures last)."""
        q_terms = set(analysis.terms)
        if not q_terms:
            return []
        bm = self.index.bm25(analysis.terms)
        if not bm:
            return []
        shortlist = sorted(bm, key=lambda d: -bm[d])[:SHORTLIST]
        q_weight = sum(self.index.weight(t) for t in q_terms)
        words = analysis.words
        stems = tuple(stem(w) for w in words)
        scored = [self._score(d, analysis, q_terms, q_weight, words, stems) for d in shortlist]
        scored.sort(key=lambda s: (not s.requires_ok, -s.score))
        return scored

    def _claim_quantities(self, doc: int) -> tuple:
        """The figures of a claim's own sentence, parsed once."""
        cached = self._stated.get(doc)
        if cached is None:
            cached = self._stated[doc] = analyze(self.registry.claims[doc].claim).quantities
        return cached

    # -- the answer ---------------------------------------------------------------------------------
    def check(self, text: str, *, explain: bool = False) -> CheckResult:
        """Match one statement: the best claim above the threshold (or None) and close runners-up."""
        analysis = analyze(text)
        ranked = self.rank(analysis)
        if not ranked:
            return CheckResult(input=text, match=None, alternatives=())
        best = ranked[0]
        accepted = best.requires_ok and best.score >= THRESHOLD
        claims = self.registry.claims
        if not accepted:
            alternatives = tuple(Alternative(claims[s.index].id, s.score) for s in ranked[:3])
            return CheckResult(input=text, match=None, alternatives=alternatives)
        entry = self.index.entries[best.index]
        claim = claims[best.index]
        stance, cue = detect_stance(text, entry.polarity, entry.vocabulary)
        found_conflicts = figure_conflicts(analysis.quantities, claim.figures, self._claim_quantities(best.index))
        why = None
        if explain:
            why = Explanation(
                phrasing=entry.phrasings[best.phrasing].text,
                shared_terms=best.shared,
                quantities=tuple(f"{q.text} = {_plain_number(q.value)} {q.unit or '(no unit)'}" for q in analysis.quantities),
                stance_cue=cue,
            )
        alternatives = tuple(
            Alternative(claims[s.index].id, s.score)
            for s in ranked[1:]
            if s.requires_ok and s.score >= best.score - ALTERNATIVE_MARGIN and s.score >= THRESHOLD * 0.8
        )[:4]
        match = Match(claim=claim, score=best.score, stance=stance, conflicts=found_conflicts, why=why)
        return CheckResult(input=text, match=match, alternatives=alternatives)


_WS = re.compile(r"\s+")


def clean_statement(text: str) -> str:
    """Collapse white space; the matcher sees one line."""
    return _WS.sub(" ", text).strip()


def _plain_number(value: float) -> str:
    """6000000.0 -> '6,000,000'; 5.5 -> '5.5'."""
    return f"{value:,.0f}" if value == int(value) else f"{value:,g}"
