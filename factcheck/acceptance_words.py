"""A second look at abstention: do the statement's own words say it makes a claim, or that it does not?

The acceptance model (`scoring.py`) judges a candidate by how well the statement and the claim's texts fit
each other; it cannot see that "I used the V3 API to summarise 2,048 tickets" tells of someone's afternoon,
or that "R1 managed only 39.8% on AIME, far below o1" is phrased as a claim. This model recalibrates the
acceptance probability with the statement's words and word pairs: a logistic regression over the
acceptance logit plus those words, fitted by `bench/train_accept_words.py` on the studied sets and on
unrelated Markdown (weights in `acceptance_weights.json`). The words shift every candidate of a statement
alike, so the ranking never changes; only the score, and with it abstention.

It applies only to candidates whose own score reaches MIN_BASE_SCORE (the fit saw no others), and only in
registries shaped like the built-in one (`matcher.rerank_suits`): the words were learned from statements
about DeepSeek and mean nothing for a registry of tweets' claims.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from .stance import words

#: Candidates scored below this (0-100) by the acceptance model keep their score: the fit saw only the others.
MIN_BASE_SCORE = 30.0
WEIGHTS_FILE = Path(__file__).with_name("acceptance_weights.json")


def _logit(p: float) -> float:
    p = min(max(p, 1e-9), 1.0 - 1e-9)
    return math.log(p / (1.0 - p))


class AcceptanceWords:
    """score = sigmoid(bias + logit_weight * logit(acceptance probability) + the statement's word weights
    + logit(threshold)): the fitted model's even odds land on the matcher's threshold, so that the matcher
    accepts exactly the candidates the model judges more likely right than not."""

    def __init__(self, bias: float, logit_weight: float, weights: dict[str, float], threshold: float,
                 claims: frozenset[str] | None = None):
        """`claims`: the ids of the claims the fit's statements were labelled against, or None for any."""
        if logit_weight <= 0:
            raise ValueError("the acceptance logit's weight must be positive (the recalibration must keep order)")
        self.bias = bias + _logit(threshold / 100.0)
        self.logit_weight, self.weights, self.claims = logit_weight, weights, claims

    @classmethod
    def shipped(cls, threshold: float) -> "AcceptanceWords":
        fitted = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
        weights = {str(k): float(v) for k, v in fitted["weights"].items()}
        claims = fitted.get("claims")
        return cls(float(fitted["bias"]), weights.pop("logit"), weights, threshold,
                   frozenset(claims) if claims is not None else None)

    def suits(self, claim_ids) -> bool:
        """Whether a registry holds any claim the model was fitted for: its words were learned from
        statements about the built-in claims and say nothing about a registry of a team's own."""
        return self.claims is None or not self.claims.isdisjoint(claim_ids)

    def shift(self, folded: str) -> float:
        """What a statement's words add to every candidate's logit (`folded`: `Analysis.folded`)."""
        weights = self.weights
        return sum(weights.get("w:" + w, 0.0) for w in words(folded))

    def recalibrate(self, probability: float, shift: float) -> float:
        """The acceptance probability seen with the statement's words (unchanged below MIN_BASE_SCORE)."""
        if 100.0 * probability < MIN_BASE_SCORE:
            return probability
        z = self.bias + self.logit_weight * _logit(probability) + shift
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))

    def base_logit_floor(self, accept_logit: float, shift: float) -> float:
        """The lowest acceptance logit whose recalibrated logit reaches `accept_logit` (for `could_match`)."""
        return max(_logit(MIN_BASE_SCORE / 100.0), (accept_logit - self.bias - shift) / self.logit_weight)
