"""factcheck's matcher on the public claim-retrieval benchmark (CLEF CheckThat! 2020 Task 2, 2021 Subtask 2A).

    python bench/claim_retrieval.py                  # both years, every query
    python bench/claim_retrieval.py --year 2020 --limit 50
    python bench/claim_retrieval.py --data-dir /elsewhere/claim-retrieval
    python bench/claim_retrieval.py --opt shortlist=30   # one more row: Matcher(..., shortlist=30)

Each year's registry of Snopes claims is turned into an in-memory `factcheck.model.Registry` (claim text as
`claim`, the article title as a phrasing), indexed with `factcheck.index.build_index` and searched with
`Matcher.rank(analyze(tweet))`, the same code `factcheck check` runs: once with the defaults (which, for a
registry of a claim and a title per claim, keep BM25's order: `factcheck.matcher.rerank_suits`), once with
`rerank=True` (the fitted re-ranker forced on). A plain BM25 baseline (Snowball stems, Lucene's English
stopwords, claim + title as one document) is printed next to them.

Metrics (see the data folder's README): MAP@5 (trec_eval style, AP denominator |R_q|), Recall@1,
Recall@5, MRR (0 when no relevant claim is ranked), and queries/second for ranking alone (index build
excluded, one query at a time, one thread): a first pass (the matcher's per-term BM25 weights are computed on
first use) and a second, warm pass.

The data is third-party (Snopes claims, tweets) and for internal evaluation only: it is read from
../shared/bench/claim-retrieval and never copied into this repository. When it is absent the script prints
"skipped: ... not found" and exits 0.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DATA_DIR = Path(__file__).resolve().parents[2] / "shared" / "bench" / "claim-retrieval"
YEARS = {"2020": ".", "2021": "ct2021-2a"}
K = 5


# -- metrics ------------------------------------------------------------------------------------------------

def average_precision(ranking: Sequence[str], relevant: set[str] | frozenset[str], k: int = K) -> float:
    """AP@k, trec_eval style: sum of P@i at each relevant hit within the top k, divided by |R_q|."""
    if not relevant:
        return 0.0
    hits, total = 0, 0.0
    seen: set[str] = set()
    for i, doc in enumerate(ranking[:k], start=1):
        if doc in relevant and doc not in seen:
            hits += 1
            total += hits / i
        seen.add(doc)
    return total / len(relevant)


def recall_at(ranking: Sequence[str], relevant: set[str] | frozenset[str], k: int) -> float:
    """|top-k ∩ R_q| / |R_q|."""
    if not relevant:
        return 0.0
    return len(set(ranking[:k]) & set(relevant)) / len(relevant)


def reciprocal_rank(ranking: Sequence[str], relevant: set[str] | frozenset[str]) -> float:
    """1 / rank of the first relevant item, 0 when none is ranked."""
    for i, doc in enumerate(ranking, start=1):
        if doc in relevant:
            return 1.0 / i
    return 0.0


def evaluate(rankings: Mapping[str, Sequence[str]], qrels: Mapping[str, set[str]]) -> dict[str, float]:
    """Mean MAP@5, R@1, R@5 and MRR over the queries of `qrels` (a query with no ranking scores 0)."""
    n = len(qrels)
    if n == 0:
        return {"map5": 0.0, "r1": 0.0, "r5": 0.0, "mrr": 0.0}
    sums = Counter()
    for qid, relevant in qrels.items():
        ranking = rankings.get(qid, ())
        sums["map5"] += average_precision(ranking, relevant, K)
        sums["r1"] += recall_at(ranking, relevant, 1)
        sums["r5"] += recall_at(ranking, relevant, 5)
        sums["mrr"] += reciprocal_rank(ranking, relevant)
    return {key: sums[key] / n for key in ("map5", "r1", "r5", "mrr")}


# -- data ---------------------------------------------------------------------------------------------------

def _rows(path: Path) -> Iterable[list[str]]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if line:
                yield line.split("\t")


def load_year(folder: Path) -> tuple[list[tuple[str, str, str]], dict[str, str], dict[str, set[str]]]:
    """(claims as (id, text, title), queries id -> tweet, qrels id -> relevant claim ids) of one edition."""
    claims = [(r[0], r[1], r[2] if len(r) > 2 else "") for r in _rows(folder / "claims.tsv")]
    queries = {r[0]: r[1] for r in _rows(folder / "queries.tsv")}
    qrels: dict[str, set[str]] = {}
    for r in _rows(folder / "qrels.tsv"):
        qrels.setdefault(r[0], set()).add(r[-1] if len(r) == 2 else r[2])
    qrels = {q: rel for q, rel in qrels.items() if q in queries}
    return claims, queries, qrels


# -- plain BM25 baseline ------------------------------------------------------------------------------------

# Lucene's English stopword list (the one Elasticsearch and bm25s use).
BASELINE_STOPWORDS = frozenset("""a an and are as at be but by for if in into is it no not of on or such that the
their then there these they this to was will with""".split())
_BASELINE_TOKEN = re.compile(r"\b\w\w+\b")


class BM25Baseline:
    """Okapi BM25 (Lucene IDF, k1=1.5, b=0.75) over stemmed claim + title, with a term-at-a-time scorer."""

    def __init__(self, docs: Sequence[str], k1: float = 1.5, b: float = 0.75):
        import snowballstemmer

        self._stem = snowballstemmer.stemmer("english").stemWord
        self._cache: dict[str, str] = {}
        self.k1, self.b = k1, b
        lengths, postings = [], {}
        for i, text in enumerate(docs):
            tf = Counter(self.tokens(text))
            lengths.append(sum(tf.values()))
            for term, n in tf.items():
                postings.setdefault(term, []).append((i, n))
        n_docs = max(len(docs), 1)
        avgdl = (sum(lengths) / n_docs) or 1.0
        self.postings: dict[str, list[tuple[int, float]]] = {}
        for term, plist in postings.items():
            idf = math.log(1 + (n_docs - len(plist) + 0.5) / (len(plist) + 0.5))
            self.postings[term] = [(i, idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * lengths[i] / avgdl)))
                                   for i, tf in plist]

    def tokens(self, text: str) -> list[str]:
        out = []
        for w in _BASELINE_TOKEN.findall(text.lower()):
            if w in BASELINE_STOPWORDS:
                continue
            s = self._cache.get(w)
            if s is None:
                s = self._cache[w] = self._stem(w)
            out.append(s)
        return out

    def rank(self, query: str, k: int = 10) -> list[int]:
        scores: dict[int, float] = {}
        for term in self.tokens(query):  # repeated query terms count again, as in bm25s
            for doc, w in self.postings.get(term, ()):
                scores[doc] = scores.get(doc, 0.0) + w
        return sorted(scores, key=lambda d: (-scores[d], d))[:k]


# -- factcheck's matcher ------------------------------------------------------------------------------------

def build_registry(claims: Sequence[tuple[str, str, str]]):
    """An in-memory Registry: claim text as `claim`, the Snopes title as its one phrasing."""
    from factcheck.model import Citation, Claim, Registry

    cite = (Citation(quote="(benchmark claim)", url="https://example.invalid/", title="benchmark"),)
    out = []
    for cid, text, title in claims:
        phrasings = (title,) if title and title.strip() and title.strip() != text.strip() else ()
        out.append(Claim(id=cid, verdict="unproven", claim=text, summary="", explanation="", phrasings=phrasings,
                         citations=cite, as_of="2020-01-01"))
    return Registry(claims=tuple(out), sources=("<claim-retrieval benchmark>",))


def _parse_opts(pairs: Sequence[str]) -> dict[str, object]:
    opts: dict[str, object] = {}
    for pair in pairs:
        key, _, raw = pair.partition("=")
        value: object = raw
        for cast in (int, float):
            try:
                value = cast(raw)
                break
            except ValueError:
                continue
        if raw in ("true", "false", "True", "False"):
            value = raw.lower() == "true"
        opts[key.strip().replace("-", "_")] = value
    return opts


def _timed(rank: Callable[[str], list[str]], queries: Mapping[str, str]) -> tuple[dict[str, list[str]], float, float]:
    """Rank every query twice: (rankings, queries/s of the first pass, queries/s of the second, warm pass)."""
    rates = []
    rankings: dict[str, list[str]] = {}
    for _ in range(2):
        start = time.perf_counter()
        rankings = {qid: rank(text) for qid, text in queries.items()}
        seconds = time.perf_counter() - start
        rates.append(len(queries) / seconds if seconds > 0 else float("inf"))
    return rankings, rates[0], rates[1]


def run_year(folder: Path, limit: int | None, extra_opts: Mapping[str, object] | None = None) -> list[dict]:
    """The BM25 baseline and factcheck's matcher (default, rerank=True, and `extra_opts` if any) on one edition."""
    from factcheck.index import build_index
    from factcheck.matcher import Matcher
    from factcheck.normalize import analyze

    claims, queries, qrels = load_year(folder)
    qids = [q for q in queries if q in qrels]
    if limit:
        qids = qids[:limit]
    queries = {q: queries[q] for q in qids}
    qrels = {q: qrels[q] for q in qids}
    ids = [c[0] for c in claims]
    rows = []

    def add(method: str, build_seconds: float, rank: Callable[[str], list[str]]) -> None:
        rankings, qps, qps_warm = _timed(rank, queries)
        rows.append({"method": method, **evaluate(rankings, qrels), "qps": qps, "qps_warm": qps_warm,
                     "build": build_seconds, "queries": len(qrels), "claims": len(claims)})

    start = time.perf_counter()
    baseline = BM25Baseline([f"{text} {title}" for _, text, title in claims])
    add("BM25 baseline", time.perf_counter() - start, lambda t: [ids[d] for d in baseline.rank(t)])

    settings: list[tuple[str, dict]] = [("factcheck matcher", {}), ("factcheck, rerank=True", {"rerank": True})]
    if extra_opts:
        settings.append(("factcheck, " + ", ".join(f"{k}={v}" for k, v in extra_opts.items()), dict(extra_opts)))
    for label, opts in settings:
        start = time.perf_counter()
        registry = build_registry(claims)
        matcher = Matcher(registry, build_index(registry), **opts)  # a fresh index each: cold caches
        add(label, time.perf_counter() - start,
            lambda t, m=matcher: [ids[s.index] for s in m.rank(analyze(t))])
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--year", choices=("2020", "2021", "both"), default="both")
    parser.add_argument("--limit", type=int, default=None, help="only the first N queries of each year")
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR, help=f"default: {DATA_DIR}")
    parser.add_argument("--opt", action="append", default=[], metavar="KEY=VALUE",
                        help="also run the matcher with this factcheck.matcher.Matcher keyword (repeatable)")
    args = parser.parse_args(argv)

    years = ("2020", "2021") if args.year == "both" else (args.year,)
    folders = {}
    for year in years:
        folder = args.data_dir / YEARS[year]
        if all((folder / name).is_file() for name in ("claims.tsv", "queries.tsv", "qrels.tsv")):
            folders[year] = folder
        else:
            print(f"skipped {year}: claim-retrieval data not found in {folder}")
    if not folders:
        print(f"skipped: claim-retrieval data not found at {args.data_dir} (third-party data, never shipped)")
        return 0

    opts = _parse_opts(args.opt)
    header = (f"{'year':<5} {'method':<26} {'MAP@5':>6} {'R@1':>6} {'R@5':>6} {'MRR':>6} "
              f"{'q/s':>7} {'q/s warm':>8} {'build s':>7}")
    print(header)
    print("-" * len(header))
    for year, folder in folders.items():
        rows = run_year(folder, args.limit, opts)
        for row in rows:
            print(f"{year:<5} {row['method']:<26} {row['map5']:6.3f} {row['r1']:6.3f} {row['r5']:6.3f} "
                  f"{row['mrr']:6.3f} {row['qps']:7.0f} {row['qps_warm']:8.0f} {row['build']:7.1f}")
        print(f"      ({rows[0]['queries']} queries, {rows[0]['claims']} claims)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
