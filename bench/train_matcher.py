"""Fit the matcher's scoring weights (factcheck/weights.py) and report the threshold trade-off.

    python bench/train_matcher.py            # fit and print; nothing written
    python bench/train_matcher.py --write    # also rewrite factcheck/weights.py
    python bench/train_matcher.py --hold-out train2   # fit without one set, report on it (nothing written)
    python bench/train_matcher.py --sets dev,train,holdout  # fit on these sets (plus corpus negatives)

Training data: the labelled sets named by --sets (by default those the shipped weights are fitted on: dev,
train, train2, corpus-train and the studied holdouts, holdout to holdout8; see docs/benchmarks.md): for
each statement that makes a claim, the gold claim among the BM25 shortlist is a positive and the other
candidates are negatives; statements that make no claim give negatives only. More negatives come from
sentences of unrelated Markdown in ../shared/corpus/general-md (read in place, never copied). The sealed
set (SEALED) is refused; test is never named here.

Two L2-regularised logistic regressions, fitted by Newton's method in plain Python: a ranker over every
shortlist candidate (positives up-weighted, so the right claim comes first) and an acceptance model over
the ranker's first choices (is it right, or should the matcher abstain?). The abstention threshold then
applies to the acceptance model's probability.
"""

from __future__ import annotations

import argparse
import math
import random
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import corpus_labels  # noqa: E402
from factcheck.api import load_matcher  # noqa: E402
from factcheck.normalize import analyze  # noqa: E402
from factcheck.scoring import ACCEPT_FEATURES, FEATURES  # noqa: E402

GENERAL = ROOT.parent / "shared" / "corpus" / "general-md"


def corpus_sentences(limit: int, seed: int = 7) -> list[str]:
    """Prose-looking sentences from unrelated Markdown (none of it is about DeepSeek)."""
    if not GENERAL.is_dir():
        return []
    files = sorted(GENERAL.glob("*.md"))
    random.Random(seed).shuffle(files)
    out: list[str] = []
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        text = re.sub(r"```.*?```", " ", text, flags=re.S)
        for para in re.split(r"\n\s*\n", text):
            if para.lstrip().startswith(("#", "|", "<", "    ", "-", "*", ">")):
                continue
            for sent in re.split(r"(?<=[.!?])\s+", " ".join(para.split())):
                if 40 <= len(sent) <= 300 and sent[0].isupper():
                    out.append(sent)
        if len(out) >= limit * 3:
            break
    random.Random(seed).shuffle(out)
    return out[:limit]


def rows_for(matcher, text: str, gold: str | None) -> list[tuple[tuple[float, ...], int]]:
    ids = matcher.registry.claims
    return [(f, int(gold is not None and ids[doc].id == gold))
            for doc, f, _, _ in matcher.candidate_features(analyze(text))]


def fit(rows: list[tuple[tuple[float, ...], int]], l2: float = 1.0, iters: int = 25,
        positive_weight: float = 1.0, negative_weight: float = 1.0) -> list[float]:
    """Newton-Raphson for logistic regression with an L2 penalty (bias not penalised); returns [bias, w...]."""
    d = len(rows[0][0]) + 1
    w = [0.0] * d
    pos = sum(y for _, y in rows)
    neg = len(rows) - pos
    cw = {1: positive_weight, 0: negative_weight}
    for _ in range(iters):
        grad = [0.0] * d
        hess = [[0.0] * d for _ in range(d)]
        for f, y in rows:
            x = (1.0, *f)
            z = sum(a * b for a, b in zip(w, x))
            p = 1 / (1 + math.exp(-max(min(z, 30), -30)))
            c = cw[y]
            for i in range(d):
                grad[i] += c * (p - y) * x[i]
                for j in range(i, d):
                    hess[i][j] += c * p * (1 - p) * x[i] * x[j]
        for i in range(d):
            for j in range(i):
                hess[i][j] = hess[j][i]
            if i:
                grad[i] += l2 * w[i]
                hess[i][i] += l2
        step = solve(hess, grad)
        w = [a - b for a, b in zip(w, step)]
        if max(abs(s) for s in step) < 1e-6:
            break
    return w


def solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for col in range(n):
        piv = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[piv] = m[piv], m[col]
        if abs(m[col][col]) < 1e-12:
            continue
        for r in range(n):
            if r != col:
                factor = m[r][col] / m[col][col]
                for c in range(col, n + 1):
                    m[r][c] -= factor * m[col][c]
    return [m[i][n] / m[i][i] if abs(m[i][i]) > 1e-12 else 0.0 for i in range(n)]


#: The sets fitted on by default: those the shipped weights are fitted on (session 6).
FIT_SETS = ("dev", "train", "train2", "corpus-train", "holdout", "holdout2", "holdout3", "holdout4", "holdout5",
            "holdout6", "holdout7", "holdout8")
#: Sets nobody fits or tunes on (bench/compare.py refuses them too).
SEALED = ("holdout11",)


def held_out_figures(matcher, items: list[dict], rank_w: list[float], acc_w: list[float],
                     threshold: float | None = None) -> dict[str, int]:
    """Top-1 (right claim, accepted) and no-claim-matched counts of a set under given weights, deciding as
    `Matcher.rank` and `Matcher.check` do (model-name filter, ranker favourite, acceptance score >= THRESHOLD)."""
    from factcheck.matcher import MODEL_NAMES, THRESHOLD

    threshold = THRESHOLD if threshold is None else threshold
    claims = matcher.registry.claims
    logistic = lambda w, f: 1 / (1 + math.exp(-max(min(w[0] + sum(a * b for a, b in zip(w[1:], f)), 30), -30)))  # noqa: E731
    out = dict.fromkeys(("claims", "top1", "wrong", "nones", "matched"), 0)
    for item in items:
        gold = item.get("claim")
        out["claims" if gold else "nones"] += 1
        analysis = analyze(item["text"])
        named = MODEL_NAMES.intersection(analysis.terms)
        cands = [(doc, f) for doc, f, _, _ in matcher.candidate_features(analysis)
                 if not named or not matcher._models(doc) or named & matcher._models(doc)]
        if not cands:
            continue
        ps = [logistic(rank_w, f) for _, f in cands]
        k = max(range(len(ps)), key=ps.__getitem__)
        other = max((p for j, p in enumerate(ps) if j != k), default=0.0)
        if round(100.0 * logistic(acc_w, (*cands[k][1], ps[k], ps[k] - other)), 1) < threshold:
            continue
        if not gold:
            out["matched"] += 1
        elif claims[cands[k][0]].id == gold:
            out["top1"] += 1
        else:
            out["wrong"] += 1
    return out


def report_held_out(matcher, name: str, items: list[dict], rank_w: list[float], acc_w: list[float]) -> None:
    r = held_out_figures(matcher, items, rank_w, acc_w)
    print(f"\nheld out: {name} (fitted without it)")
    print(f"  top-1 on statements that make a claim: {r['top1']}/{r['claims']} "
          f"({100 * r['top1'] / max(r['claims'], 1):.1f}%), wrong claim {r['wrong']}")
    print(f"  no-claim sentences matched: {r['matched']}/{r['nones']} ({100 * r['matched'] / max(r['nones'], 1):.1f}%)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true", help="rewrite factcheck/weights.py")
    parser.add_argument("--negatives", type=int, default=10000, help="corpus sentences used as negatives")
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--positive-weight", type=float, default=20.0,
                        help="weight of positive rows for the ranker (it must put the right claim first)")
    parser.add_argument("--negative-weight", type=float, default=1.25,
                        help="weight of wrong first choices for the acceptance model (a false match costs more "
                             "than an abstention)")
    parser.add_argument("--sets", default=",".join(FIT_SETS),
                        help="comma-separated labelled sets to fit on (bench/data names, corpus-train); never a "
                             "sealed set")
    parser.add_argument("--hold-out", metavar="NAME",
                        help="leave one of --sets out of the fit and report its top-1 and "
                             "no-claim-matched rates (leave-one-set-out validation; implies no --write)")
    args = parser.parse_args()
    if args.hold_out and args.write:
        parser.error("--hold-out fits without a set: it never writes the weights")
    matcher = load_matcher()
    claims = matcher.registry.claims
    names = [n for n in args.sets.split(",") if n]
    if sealed := [n for n in names if n in SEALED]:
        parser.error(f"{', '.join(sealed)} is sealed: never fitted on")
    if args.hold_out and args.hold_out not in names:
        parser.error(f"--hold-out {args.hold_out} is not one of --sets")
    sets = {name: yaml.safe_load((ROOT / "bench" / "data" / f"{name}.yaml").read_text(encoding="utf-8"))
            for name in names if name != "corpus-train"}
    if "corpus-train" in names:
        if corpus_labels.CORPUS.is_dir():
            sets["corpus-train"] = corpus_labels.load("corpus-train")
        elif args.hold_out == "corpus-train":
            parser.error(f"{corpus_labels.CORPUS} is not here")
    held = sets.pop(args.hold_out) if args.hold_out else None
    dev = sets.pop("dev", [])
    train = [item for items in sets.values() for item in items]
    negatives = corpus_sentences(args.negatives)
    statements = ([(item["text"], item.get("claim")) for item in dev + train]
                  + [(s, None) for s in negatives])
    cands = [matcher.candidate_features(analyze(text)) for text, _ in statements]

    # stage 1: the ranker, over every shortlist candidate
    rows = [(f, int(gold is not None and claims[doc].id == gold))
            for (_, gold), cs in zip(statements, cands) for doc, f, _, _ in cs]
    print(f"ranker rows: {len(rows)} (positives {sum(y for _, y in rows)}); corpus negatives: {len(negatives)}")
    rank_w = fit(rows, l2=args.l2, positive_weight=args.positive_weight)
    rank_p = lambda f: 1 / (1 + math.exp(-max(min(rank_w[0] + sum(a * b for a, b in zip(rank_w[1:], f)), 30), -30)))  # noqa: E731

    # stage 2: acceptance, over the ranker's first choice of each statement
    acc_rows, firsts = [], []
    for (_, gold), cs in zip(statements, cands):
        if not cs:
            firsts.append((gold, None, None))
            continue
        ps = sorted(((rank_p(f), doc, f) for doc, f, _, _ in cs), key=lambda t: -t[0])
        p0, doc, f = ps[0]
        other = ps[1][0] if len(ps) > 1 else 0.0
        af = (*f, p0, p0 - other)
        acc_rows.append((af, int(gold is not None and claims[doc].id == gold)))
        firsts.append((gold, claims[doc].id, af))
    acc_w = fit(acc_rows, l2=args.l2, positive_weight=1.0, negative_weight=args.negative_weight)
    for title, w, names in (("ranker", rank_w, FEATURES), ("acceptance", acc_w, ACCEPT_FEATURES)):
        print(f"{title}: bias {w[0]:+.3f}")
        for name, value in zip(names, w[1:]):
            print(f"  {name:20s} {value:+.3f}")
    if args.write:
        fmt = lambda w: ", ".join(f"{v:.4f}" for v in w[1:])  # noqa: E731
        (ROOT / "factcheck" / "weights.py").write_text(
            '"""Fitted weights for factcheck.scoring (written by `python bench/train_matcher.py --write`; '
            'do not edit by hand)."""\n\n'
            f"RANK_BIAS = {rank_w[0]:.4f}\nRANK_WEIGHTS = ({fmt(rank_w)})\n"
            f"ACCEPT_BIAS = {acc_w[0]:.4f}\nACCEPT_WEIGHTS = ({fmt(acc_w)})\n", encoding="utf-8")
        print("wrote factcheck/weights.py")
    if held is not None:
        report_held_out(matcher, args.hold_out, held, rank_w, acc_w)
        return 0
    acc_p = lambda af: 100 / (1 + math.exp(-max(min(acc_w[0] + sum(a * b for a, b in zip(acc_w[1:], af)), 30), -30)))  # noqa: E731
    n_dev = len(dev) + len(train)
    dev_firsts, neg_firsts = firsts[:n_dev], firsts[n_dev:]
    with_claim = [(g, c, af) for g, c, af in dev_firsts if g is not None]
    ranked_right = sum(1 for g, c, _ in with_claim if c == g) / len(with_claim)
    print(f"\nranker top-1 on dev+train statements that make a claim (no abstention): {ranked_right:.3f}")
    print("threshold  top1(dev+train)  false-match(dev+train none)  false-match(corpus)")
    for thr in (20, 30, 40, 50, 60, 70, 80, 90):
        top1 = sum(1 for g, c, af in with_claim if c == g and acc_p(af) >= thr) / len(with_claim)
        nones = [af for g, c, af in dev_firsts if g is None]
        fm = sum(1 for af in nones if af is not None and acc_p(af) >= thr) / max(len(nones), 1)
        fmc = sum(1 for _, _, af in neg_firsts if af is not None and acc_p(af) >= thr) / max(len(neg_firsts), 1)
        print(f"{thr:9d}  {top1:9.3f}  {fm:21.3f}  {fmc:19.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
