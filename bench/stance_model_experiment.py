"""Experiment (not shipped): does a learned stance model beat the stance rules on statements it was not fitted on?

    python bench/stance_model_experiment.py

For every statement of the studied sets that the matcher matches to its right claim (stance `asks` left out),
it collects the rules' answer, the cue that decided it and a few generic cues (side-model log-odds, negation in
the statement and in its closest wording, a debunking frame, the claim's polarity, counter-nearest), and
fits a logistic regression on half of the holdouts (plus dev, train, train2), measuring stance on the other
half: first over those cues alone, then with a bag of words and word pairs of the statement (seen 5+ times in
the fit half) at three L2 strengths, and last on the held-out statements whose text is not in the fit half.
Figures of session 6 are in docs/benchmarks.md. Needs numpy, which is not a factcheck dependency: it is
skipped when numpy is absent.
"""

from __future__ import annotations

import collections
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

try:
    import numpy as np
except ImportError:
    sys.exit("skipped: this experiment needs numpy (not a factcheck dependency)")

import accuracy  # noqa: E402
import compare  # noqa: E402
from factcheck import matcher as matcher_module  # noqa: E402
from factcheck.api import matcher_for  # noqa: E402
from factcheck.normalize import analyze_cached, fold  # noqa: E402
from factcheck.registry import load_registry  # noqa: E402
from factcheck.stance import expand_contractions, has_debunk_frame, has_negation  # noqa: E402

#: Substrings of the stance cue that decided the rules' answer, one feature each.
CUES = ("no negation", "negation '", "states the contrary", "negates a statement of the contrary",
        "compares the claim", "negates the claim's comparison", "its words are those", "gives the registry's figure",
        "puts on a par", "states positively", "myth", "frame")
HALF_A = ("dev", "train", "train2", "holdout", "holdout2", "holdout3", "holdout4")
HALF_B = ("dev", "train", "train2", "holdout5", "holdout6", "holdout7", "holdout8")


def cue_features(matcher, text: str, match) -> list[float]:
    doc = matcher.registry.claims.index(match.claim)
    entry = matcher.index.entries[doc]
    nearest = match.why.phrasing
    lean = 0.0
    if entry.counters:
        terms = (*analyze_cached(text).terms, matcher_module._polarity_token(text))
        lean = max(min(matcher._sides(doc).log_odds(terms), 10.0), -10.0) / 10.0
    return [1.0 if match.stance == "denies" else 0.0, lean, float(has_negation(text)), float(has_negation(nearest)),
            float(has_debunk_frame(text)), float(entry.polarity.negative),
            float(any(p.text == nearest for p in entry.counters)),
            *(float(c in match.why.stance_cue) for c in CUES)]


def collect(matcher) -> dict[str, list[tuple[str, list[float], float]]]:
    """Per studied set: (text, cue features, 1.0 if it denies) of each statement matched to its right claim."""
    out = {}
    for name in compare.STUDIED:
        rows = []
        for item in accuracy.load_set(name):
            if not item.get("claim"):
                continue
            match = matcher.check(item["text"], explain=True).match
            if match and match.claim.id == item["claim"] and match.stance != "asks":
                rows.append((item["text"], cue_features(matcher, item["text"], match),
                             1.0 if item.get("stance", "affirms") == "denies" else 0.0))
        out[name] = rows
    return out


def words(text: str) -> set[str]:
    w = re.findall(r"[a-z]+", expand_contractions(fold(text)))
    return set(w) | {a + "_" + b for a, b in zip(w, w[1:])}


def fit(x, y, l2: float = 1.0, iters: int = 30):
    """L2-regularised logistic regression by Newton's method; returns [bias, weights...]."""
    x = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(x.shape[1])
    penalty = l2 * np.diag(np.r_[0.0, np.ones(len(w) - 1)])
    for _ in range(iters):
        p = 1 / (1 + np.exp(-x @ w))
        w -= np.linalg.solve((x.T * (p * (1 - p))) @ x + penalty, x.T @ (p - y) + penalty @ w)
    return w


def held_out(data, fit_sets, *, bag: bool, l2: float, unseen_only: bool = False) -> tuple[int, int, int]:
    """(statements, right by the rules, right by the model) on the studied sets outside `fit_sets`."""
    vocab: dict[str, int] = {}
    if bag:
        counts = collections.Counter(x for s in fit_sets for t, _, _ in data[s] for x in words(t))
        vocab = {x: i for i, x in enumerate(x for x, c in counts.items() if c >= 5)}

    def vector(text, feats):
        v = np.zeros(len(feats) + len(vocab))
        v[:len(feats)] = feats
        for x in words(text) if bag else ():
            if x in vocab:
                v[len(feats) + vocab[x]] = 1.0
        return v

    rows = [(t, f, y) for s in fit_sets for t, f, y in data[s]]
    w = fit(np.array([vector(t, f) for t, f, _ in rows]), np.array([y for _, _, y in rows]), l2=l2)
    seen = {t.lower() for t, _, _ in rows}
    n = by_rules = by_model = 0
    for name in data:
        if name in fit_sets:
            continue
        for text, feats, y in data[name]:
            if unseen_only and text.lower() in seen:
                continue
            n += 1
            by_rules += feats[0] == y
            by_model += (w[0] + vector(text, feats) @ w[1:] >= 0) == (y == 1.0)
    return n, by_rules, by_model


def main() -> int:
    data = collect(matcher_for(load_registry(use_env=False)))
    runs = [("cues", False, 1.0, False)] + [(f"cues + words, L2 {l2:g}", True, l2, False) for l2 in (3.0, 10.0, 30.0)] \
        + [("cues + words, L2 3, texts not in the fit half", True, 3.0, True)]
    for title, bag, l2, unseen in runs:
        for half in (HALF_A, HALF_B):
            n, rules, model = held_out(data, half, bag=bag, l2=l2, unseen_only=unseen)
            print(f"{title:48} fit on {'+'.join(half[3:]):38} held out {n}: rules {rules}, model {model}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
