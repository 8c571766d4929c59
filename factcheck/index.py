"""The compiled form of a registry that the matcher searches: an inverted index of rare words.

One document per claim (its claim sentence and phrasings). Built once per registry content and kept as
plain lists and dicts, so it can be cached on disk (`cache.py`) and loaded without re-analysing 1,000
phrasings at every start.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from .model import Registry
from .normalize import analyze, requirement_terms
from .stance import claim_polarity, ClaimPolarity

K1 = 1.2
B = 0.75
INDEX_FORMAT = 4  # bump when the index layout or the analysis changes, to invalidate caches


@dataclass
class PhrasingEntry:
    """One indexed phrasing: its terms (for coverage) and its term string (for fuzzy re-ranking)."""

    text: str
    terms: tuple[str, ...]
    joined: str


@dataclass
class ClaimEntry:
    """Everything the matcher needs about one claim, precomputed."""

    phrasings: list[PhrasingEntry]
    vocabulary: frozenset[str]
    requires: list[list[tuple[tuple[str, ...], bool]]]  # groups of (terms, is_prefix)
    polarity: ClaimPolarity
    length: int


@dataclass
class Index:
    """BM25 postings over claims plus per-claim entries; `claims[i]` is `registry.claims[i]`."""

    postings: dict[str, list[tuple[int, int]]]
    idf: dict[str, float]
    unknown_idf: float
    avgdl: float
    entries: list[ClaimEntry]

    def weight(self, term: str) -> float:
        """How much a term tells: its IDF over claims, or the IDF of a term no claim uses."""
        return self.idf.get(term, self.unknown_idf)

    def bm25(self, terms: tuple[str, ...] | list[str]) -> dict[int, float]:
        scores: dict[int, float] = {}
        for term in set(terms):
            posting = self.postings.get(term)
            if not posting:
                continue
            idf = self.idf[term]
            for doc, tf in posting:
                norm = tf + K1 * (1 - B + B * self.entries[doc].length / self.avgdl)
                scores[doc] = scores.get(doc, 0.0) + idf * tf * (K1 + 1) / norm
        return scores


def build_index(registry: Registry) -> Index:
    """Analyse every claim's texts and build the postings and per-claim entries."""
    entries: list[ClaimEntry] = []
    doc_terms: list[Counter] = []
    for claim in registry.claims:
        phrasings = []
        counts: Counter = Counter()
        for text in claim.texts:
            a = analyze(text)
            phrasings.append(PhrasingEntry(text=text, terms=a.terms, joined=" ".join(a.terms)))
            counts.update(a.terms)
        requires = [[requirement_terms(e) for e in group] for group in claim.requires]
        entries.append(ClaimEntry(
            phrasings=phrasings,
            vocabulary=frozenset(counts),
            requires=requires,
            polarity=claim_polarity(claim.texts),
            length=sum(counts.values()),
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
