"""Which side of a claim a statement's words lean to: the texts that state the claim, or its counters.

A statement of the contrary fact often shares most of its words with the claim and comes nearest one of the
claim's own texts ("the real 671B R1 needs hundreds of GB of memory; your laptop runs a distill" is nearest
"you can run the full R1 on your laptop"), so no single counter wins the re-ranking. Taken together, the
counters still say which words belong to the contrary fact ("memory", "distill"). This module weighs them
with a naive Bayes log-likelihood ratio over the terms a statement shares with either side, smoothed
because a claim has about ten texts and three counters. Plain data in, a number out.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

#: Added to every term's text count on each side: small, so that a term only the counters use weighs
#: heavily, but never infinitely.
SMOOTHING = 0.25


class SideModel:
    """Per-term log-likelihood ratios of a claim's stating texts against its counters."""

    def __init__(self, stating: Iterable[frozenset[str]], counters: Iterable[frozenset[str]]):
        stating, counters = list(stating), list(counters)
        on_stating = Counter(t for terms in stating for t in terms)
        on_counters = Counter(t for terms in counters for t in terms)
        n_s, n_c = len(stating), len(counters)
        self.ratios: dict[str, float] = {}
        if n_s and n_c:
            for t in on_stating.keys() | on_counters.keys():
                p_s = (on_stating[t] + SMOOTHING) / (n_s + 2 * SMOOTHING)
                p_c = (on_counters[t] + SMOOTHING) / (n_c + 2 * SMOOTHING)
                self.ratios[t] = math.log(p_s / p_c)

    def log_odds(self, terms: Iterable[str]) -> float:
        """How far a statement's distinct terms lean to the stating texts (> 0) or to the counters (< 0)."""
        ratios = self.ratios
        # figures are judged by the conflict check, not by which side words them
        return sum(ratios.get(t, 0.0) for t in set(terms) if not t.startswith("qty"))
