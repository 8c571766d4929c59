"""The compiled form of a registry that the matcher searches: an inverted index of rare words.

One document per claim (its claim sentence and phrasings). Built once per registry content and kept as
plain lists and dicts, so it can be cached on disk (`cache.py`) and loaded without re-analysing 1,000
phrasings at every start.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from sys import intern
from dataclasses import dataclass, field

from .model import Registry
from .normalize import analyze, requirement_terms
from .stance import claim_polarity, ClaimPolarity

_NEGATED_ENTRY = re.compile(r"\b(?:not|no|never|won't|can't|cannot|don't|doesn't|didn't|isn't|nothing|nobody)\b|n't\b",
                            re.IGNORECASE)
K1 = 1.2
B = 0.75
#: Bump when the index layout or the analysis changes, to invalidate caches (8: polarity.restrictive; 9: dates,
#: "a single"; 10: "US dollars"; 11: Chinese names; 12: counters; 13: Coder-V2, V2-Lite; 17: date terms;
#: 18: British spellings; 19: "nowhere near").
INDEX_FORMAT = 19


@dataclass
class PhrasingEntry:
    """One indexed phrasing: its terms (for coverage) and its term string (for fuzzy re-ranking)."""

    text: str
    terms: tuple[str, ...]
    joined: str


@dataclass
class ClaimEntry:
    """Everything the matcher needs about one claim, precomputed.

    `phrasings` holds the claim's texts (claim sentence and phrasings), then its counters: the first
    `affirming` of them state the claim, the rest state its contrary (`counter_polarity` is theirs).
    """

    phrasings: list[PhrasingEntry]
    vocabulary: frozenset[str]
    requires: list[list[tuple[tuple[str, ...], bool]]]  # groups of (terms, is_prefix)
    polarity: ClaimPolarity
    length: int
    affirming: int
    counter_polarity: ClaimPolarity

    def is_counter(self, phrasing: int) -> bool:
        """Whether phrasing number `phrasing` states the claim's contrary (a counter)."""
        return phrasing >= self.affirming

    @property
    def stating(self) -> list[PhrasingEntry]:
        """The phrasings that state the claim: what its anchors, names and models are read from, so that a
        counter naming V2 to correct a claim about V3 does not make it a V2 claim."""
        return self.phrasings[:self.affirming]

    @property
    def counters(self) -> list[PhrasingEntry]:
        """The phrasings that state the claim's contrary."""
        return self.phrasings[self.affirming:]


@dataclass
class Index:
    """BM25 postings over claims plus per-claim entries; `claims[i]` is `registry.claims[i]`."""

    postings: dict[str, list[tuple[int, int]]]
    idf: dict[str, float]
    unknown_idf: float
    avgdl: float
    entries: list[ClaimEntry]
    # term -> [(claim, BM25 contribution)], filled on first use of each term (registries of 10k+ claims
    # then score a query with one addition per posting); not part of the cached form
    _weighted: dict[str, list[tuple[int, float]]] = field(default_factory=dict, repr=False, compare=False)

    def weight(self, term: str) -> float:
        """How much a term tells: its IDF over claims, or the IDF of a term no claim uses."""
        return self.idf.get(term, self.unknown_idf)

    def _term_scores(self, term: str, posting: list[tuple[int, int]]) -> list[tuple[int, float]]:
        weighted = self._weighted.get(term)
        if weighted is None:
            idf, entries, avgdl = self.idf[term], self.entries, self.avgdl
            weighted = self._weighted[term] = [
                (doc, idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * entries[doc].length / avgdl)))
                for doc, tf in posting]
        return weighted

    def bm25(self, terms: tuple[str, ...] | list[str]) -> dict[int, float]:
        """BM25 (Okapi, K1/B above) of every claim sharing a term with `terms`; query terms count once."""
        scores: dict[int, float] = {}
        get = scores.get
        for term in set(terms):
            posting = self.postings.get(term)
            if not posting:
                continue
            for doc, value in self._term_scores(term, posting):
                scores[doc] = get(doc, 0.0) + value
        return scores


def build_index(registry: Registry) -> Index:
    """Analyse every claim's texts and build the postings and per-claim entries."""
    entries: list[ClaimEntry] = []
    doc_terms: list[Counter] = []
    for claim in registry.claims:
        phrasings = []
        counts: Counter = Counter()
        counter_terms: set[str] = set()
        for k, text in enumerate((*claim.texts, *claim.counters)):
            a = analyze(text)
            # one string object per distinct term, shared by every phrasing, vocabulary and posting (and so
            # by the marshal cache, which stores a shared object once): a 1,000-claim index loads in ~1/3 less memory
            terms = tuple([intern(t) for t in a.terms])
            phrasings.append(PhrasingEntry(text=text, terms=terms, joined=" ".join(terms)))
            # the postings (and so BM25, IDF and retrieval) are the claim's texts alone: a counter's words
            # ("Huawei", "government devices") must not pull near misses towards the claim; counters only
            # compete in the re-ranking of the claims retrieved
            if k < len(claim.texts):
                counts.update(terms)
            else:
                counter_terms.update(terms)
        requires = [[requirement_terms(e) for e in group] for group in claim.requires]
        entries.append(ClaimEntry(
            phrasings=phrasings,
            vocabulary=frozenset(counts) | counter_terms,
            requires=requires,
            polarity=claim_polarity(claim.texts, negative_wording=any(
                _NEGATED_ENTRY.search(entry) for group in claim.requires for entry in group)),
            length=sum(counts.values()),
            affirming=len(claim.texts),
            counter_polarity=claim_polarity(claim.counters),
        ))
        doc_terms.append(counts)
    n = max(len(entries), 1)
    df: Counter = Counter()
    postings: dict[str, list[tuple[int, int]]] = {}
    for i, counts in enumerate(doc_terms):
        for term, tf in counts.items():
            df[term] += 1
            postings.setdefault(term, []).append((i, tf))
    idf = {t: math.log((n - d + 0.5) / (d + 0.5) + 1) for t, d in df.items()}
    avgdl = sum(e.length for e in entries) / n if entries else 1.0
    return Index(postings=postings, idf=idf, unknown_idf=math.log((n + 0.5) / 0.5 + 1), avgdl=avgdl or 1.0,
                 entries=entries)
