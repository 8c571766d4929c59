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
import sys, math, collections
from pathlib import Path
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT)); sys.path.insert(0, str(ROOT / 'bench'))
import accuracy, compare
from factcheck.api import matcher_for
from factcheck.registry import load_registry
from factcheck.normalize import analyze_cached
from factcheck.stance import has_negation, has_debunk_frame
from factcheck import matcher as M
try:
    import numpy as np
except ImportError:
    sys.exit('skipped: this experiment needs numpy (not a factcheck dependency)')
m = matcher_for(load_registry(use_env=False))
CUES = ["no negation", "negation '", "states the contrary", "negates a statement of the contrary", "compares the claim", "negates the claim's comparison", "its words are those", "gives the registry's figure", "puts on a par", "states positively", "myth", "frame"]
def feats(text, r):
    mt = r.match
    doc = m.registry.claims.index(mt.claim)
    entry = m.index.entries[doc]
    a = analyze_cached(text)
    cue = mt.why.stance_cue
    near = mt.why.phrasing
    lo = m._sides(doc).log_odds((*a.terms, M._polarity_token(text))) if entry.counters else 0.0
    f = [1.0 if mt.stance == "denies" else 0.0, max(min(lo, 10), -10) / 10, float(has_negation(text)), float(has_negation(near)),
         float(has_debunk_frame(text)), float(entry.polarity.negative), float(any(p.text == near for p in entry.counters))]
    f += [float(c in cue) for c in CUES]
    return f
data = {}
for name in compare.STUDIED:
    rows = []
    for it in accuracy.load_set(name):
        if not it.get('claim'): continue
        r = m.check(it['text'], explain=True)
        if not r.match or r.match.claim.id != it['claim'] or r.match.stance == 'asks': continue
        rows.append((feats(it['text'], r), 1.0 if it.get('stance', 'affirms') == 'denies' else 0.0))
    data[name] = rows
def fit(X, y, l2=1.0, iters=30):
    X = np.hstack([np.ones((len(X), 1)), X]); w = np.zeros(X.shape[1])
    for _ in range(iters):
        p = 1 / (1 + np.exp(-X @ w)); g = X.T @ (p - y) + l2 * np.r_[0, w[1:]]
        H = (X.T * (p * (1 - p))) @ X + l2 * np.diag(np.r_[0, np.ones(len(w) - 1)])
        w -= np.linalg.solve(H, g)
    return w
A = ["dev", "train", "train2", "holdout", "holdout2", "holdout3", "holdout4"]
B = ["dev", "train", "train2", "holdout5", "holdout6", "holdout7", "holdout8"]
for fitset in (A, B):
    X = np.array([f for s in fitset for f, _ in data[s]]); y = np.array([t for s in fitset for _, t in data[s]])
    w = fit(X, y)
    rule_ok = model_ok = n = 0
    for s in compare.STUDIED:
        if s in fitset: continue
        for f, t in data[s]:
            n += 1; rule_ok += (f[0] == t)
            p = 1 / (1 + math.exp(-(w[0] + sum(a * b for a, b in zip(w[1:], f)))))
            model_ok += ((p >= 0.5) == (t == 1.0))
    print("fit", fitset[3:], "held-out n", n, "rule", rule_ok, "model", model_ok)

# --- bag of words on top of the cues -------------------------------------------------------------
import re
texts = {}
for name in compare.STUDIED:
    t = []
    for it in accuracy.load_set(name):
        if not it.get('claim'): continue
        r = m.check(it['text'], explain=True)
        if not r.match or r.match.claim.id != it['claim'] or r.match.stance == 'asks': continue
        t.append(it['text'])
    texts[name] = t
from factcheck.stance import expand_contractions
from factcheck.normalize import fold
def words(t):
    w = re.findall(r"[a-z]+", expand_contractions(fold(t)))
    return set(w) | {a + "_" + b for a, b in zip(w, w[1:])}
for l2 in (3.0, 10.0, 30.0):
    for fitset in (A, B):
        vocab = collections.Counter(x for s in fitset for t in texts[s] for x in words(t))
        vocab = [x for x, c in vocab.items() if c >= 5]
        idx = {x: i for i, x in enumerate(vocab)}
        def vec(f, t):
            v = np.zeros(len(f) + len(vocab)); v[:len(f)] = f
            for x in words(t):
                if x in idx: v[len(f) + idx[x]] = 1.0
            return v
        X = np.array([vec(f, t) for s in fitset for (f, _), t in zip(data[s], texts[s])])
        y = np.array([lab for s in fitset for _, lab in data[s]])
        w = fit(X, y, l2=l2)
        rule_ok = model_ok = n = 0
        for s in compare.STUDIED:
            if s in fitset: continue
            for (f, lab), t in zip(data[s], texts[s]):
                n += 1; rule_ok += (f[0] == lab)
                z = w[0] + vec(f, t) @ w[1:]
                model_ok += ((z >= 0) == (lab == 1.0))
        print("l2", l2, "fit", fitset[3:], "held-out n", n, "rule", rule_ok, "model+bow", model_ok, "vocab", len(vocab))

print("-- held-out statements whose text (case-folded) is not in the fit sets --")
for fitset in (A, B):
    seen = [t.lower() for s in fitset for t in texts[s]]
    seen_set = set(seen)
    vocab = collections.Counter(x for s in fitset for t in texts[s] for x in words(t))
    vocab = [x for x, c in vocab.items() if c >= 5]
    idx = {x: i for i, x in enumerate(vocab)}
    def vec(f, t):
        v = np.zeros(len(f) + len(vocab)); v[:len(f)] = f
        for x in words(t):
            if x in idx: v[len(f) + idx[x]] = 1.0
        return v
    X = np.array([vec(f, t) for s in fitset for (f, _), t in zip(data[s], texts[s])])
    y = np.array([lab for s in fitset for _, lab in data[s]])
    w = fit(X, y, l2=3.0)
    rule_ok = model_ok = n = 0
    for s in compare.STUDIED:
        if s in fitset: continue
        for (f, lab), t in zip(data[s], texts[s]):
            if t.lower() in seen_set: continue
            n += 1; rule_ok += (f[0] == lab)
            model_ok += ((w[0] + vec(f, t) @ w[1:] >= 0) == (lab == 1.0))
    print("fit", fitset[3:], "held-out new texts", n, "rule", rule_ok, "model+bow", model_ok)
