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

import heapq
import math
import re
from bisect import bisect_left
from dataclasses import dataclass

from .comparisons import OrderProfile
from .index import ClaimEntry, Index, build_index
from .dates import CALENDAR_UNITS, format_date
from .model import AFFIRMS, ASKS, DENIES, Alternative, CheckResult, Explanation, Match, Quantity, Registry
from .normalize import Analysis, analyze, analyze_cached, stem, STOPWORDS
from .quantities import conflicts as figure_conflicts, corrects_claim
from .scoring import ANCHOR_SHARE, DEEPSEEK_WORDS, accept_features, accept_probability, entities, rank_probability
from .sides import SideModel
from .stance import detect_stance, has_debunk_frame, has_negation, has_negator, is_direct_question
from .stance_model import StanceCues, StanceModel
from .acceptance_words import AcceptanceWords

#: Below this score the matcher abstains. Chosen on the dev set at 50, raised to 52 when four phrasings per
#: claim were added (session 5), and to 54 when the weights were refit on every studied set (session 6): at
#: 54 two fits that each left half of the holdouts out matched as many or more statements right, and fewer
#: no-claim statements, on the half they left out than the old weights at 52 (see docs/benchmarks.md).
THRESHOLD = 54.0
#: DeepSeek model names after normalisation. A statement naming one of them cannot make a claim whose
#: texts name only others.
MODEL_NAMES = frozenset({"v1", "v2", "v3", "v4", "r1", "r1zero", "r2", "deepseekmath", "deepseekmo", "janus",
                         "coder", "coderv2", "v2lite", "vl", "vl2", "lite"})
#: `check` accepts when round(100 * p, 1) >= THRESHOLD, which needs p >= 0.4995: this logit, less a margin
#: for rounding, is what `could_match` compares its bounds with.
_FLOOR = math.log((THRESHOLD - 0.05) / (100.0 - THRESHOLD + 0.05)) - 1e-6
#: A statement nearest a text of its claim denies it when its terms lean this far (a log-likelihood ratio,
#: `sides.SideModel`) to the claim's counters. Chosen over the studied sets (4 and 5 gave the same gain, 3
#: lost more than it gained); see docs/benchmarks.md.
CONTRARY_LEAN = 5.0
#: A statement with fewer terms than this that names nothing of DeepSeek's is never a match (see `_too_thin`).
MIN_TERMS_UNNAMED = 3
#: How many BM25 candidates are re-ranked.
SHORTLIST = 12
#: The fitted ranker orders candidates by default only in registries whose claims average this many texts
#: (see `rerank_suits`); the built-in registry has ~10 per claim, a claim + title registry 2.
RERANK_MIN_TEXTS = 3.0
#: Runners-up are listed when the ranker gives them at least this share of the winner's probability.
CLOSE_RATIO = 0.5


#: A figure's index token (`normalize.figure_tokens`): its unit ("qtyusd"), with its order of magnitude when
#: it has one ("qtyusd6").
_FIGURE_TOKEN = re.compile(r"qty([a-z_]+?)(\d*)")
#: A figure within this many orders of magnitude of one a claim's texts give, in the same unit, is another
#: value of that figure ($500 million for $5.6 million, 20,480 GPUs for 2,048); further off, it is another
#: quantity (a 128K-token context window is not a 14.8T-token corpus).
NEAR_ORDERS = 2


#: A claim sets two things apart when at least this share of its texts says so with a contrast word.
CONTRAST_SHARE = 0.25
_CONTRAST = re.compile(r"\b(?:unlike|whereas|while|but|instead of|rather than|versus|vs|compared with|compared to)\b"
                       r"|, not\b")
#: A statement that puts two things on a par.
_SAME_AS = re.compile(r"\b(?:just like|exactly like|same as|the same way|like every other|like any other|"
                      r"like all other|no different (?:from|than)|just as)\b")


@dataclass(frozen=True)
class Scored:
    """A candidate claim with its score and the evidence behind it."""

    index: int
    score: float
    requires_ok: bool
    phrasing: int
    shared: tuple[str, ...]
    rank_p: float = 0.0  # the ranker's probability, for deciding which runners-up are close


def rerank_suits(index: Index) -> bool:
    """Whether the fitted ranker should order a registry's candidates: when its claims have, on average, at
    least RERANK_MIN_TEXTS texts (claim sentence plus phrasings). Its strongest features compare a statement
    with the claim's best phrasing, which tells most when there are several short phrasings to choose from;
    with one sentence and a title per claim they mostly favour short claims, and BM25's order is better."""
    if not index.entries:
        return True
    return sum(len(e.phrasings) for e in index.entries) / len(index.entries) >= RERANK_MIN_TEXTS


def _phrase_in(seq: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    n = len(needle)
    return any(seq[i:i + n] == needle for i in range(len(seq) - n + 1))


class Matcher:
    """Matches statements against one registry. Build once, call `check` many times."""

    def __init__(self, registry: Registry, index: Index | None = None, *, shortlist: int = SHORTLIST,
                 rerank: bool | None = None, stance_model: StanceModel | None | bool = True,
                 acceptance_words: AcceptanceWords | None | bool = None):
        """`shortlist`: how many BM25 candidates are scored. `rerank`: True orders them by the fitted ranking
        model, False keeps BM25's order; None (the default) decides by the registry's shape (`rerank_suits`):
        the ranker was fitted on the built-in registry, whose claims have ~10 phrasings each, and it is worth
        2.5 points of top-1 there, but on registries of one- or two-sentence claims (a claim and a title) it
        ranks worse than BM25's own order (measured on 10k+ Snopes claims, bench/claim_retrieval.py).
        Scores (acceptance) are computed either way. `stance_model`: True (the default) lets the shipped
        learned stance model (`stance_model.py`) have the last word on affirms/denies, False leaves it to the
        rules alone (what `bench/train_stance.py` fits the model on), or a `StanceModel` to use instead.
        `acceptance_words`: whether the statement's words recalibrate the acceptance score
        (`acceptance_words.py`); None (the default) decides as `rerank` does, by the registry's shape, and
        only for a registry holding claims the shipped words were fitted for.
        """
        self.registry = registry
        self.index = index if index is not None else build_index(registry)
        self.shortlist = shortlist
        self.rerank = rerank_suits(self.index) if rerank is None else bool(rerank)
        self.stance_model = StanceModel.shipped() if stance_model is True else (stance_model or None)
        if acceptance_words is None:
            shipped = AcceptanceWords.shipped(THRESHOLD) if rerank_suits(self.index) else None
            acceptance_words = shipped if shipped and shipped.suits(c.id for c in registry.claims) else None
        self.acceptance_words = AcceptanceWords.shipped(THRESHOLD) if acceptance_words is True \
            else (acceptance_words or None)
        self._stated: dict[int, tuple] = {}
        self._phrasings: dict[int, tuple[tuple[int, tuple[str, ...], float, str], ...]] = {}
        self._model_cache: dict[int, frozenset[str]] = {}
        self._entity_cache: dict[int, frozenset[str]] = {}
        self._requires: dict[int, tuple] = {}
        self._shape: dict[int, tuple[float, tuple[int, ...]]] = {}
        self._anchor_cache: dict[int, tuple[tuple[tuple[str, float], ...], float, bool]] = {}
        self._vocabulary_cache: dict[int, frozenset[str]] = {}
        self._counter_group_cache: dict[tuple[int, int], tuple[int, ...]] = {}
        self._order_cache: dict[int, OrderProfile] = {}
        self._sides_cache: dict[int, SideModel] = {}
        self._sizes_cache: dict[int, dict[str, list[int]]] = {}
        self._contrast_cache: dict[int, bool] = {}
        self._folded_cache: dict[int, tuple[str, ...]] = {}

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

    def _requirement_groups(self, doc: int) -> tuple[tuple[tuple[int, object], ...], ...]:
        """A claim's `requires` groups as _requirements_met reads them, prepared once: (0, " prefix words"),
        (1, stem) or (2, phrase of stems) for each non-empty entry."""
        cached = self._requires.get(doc)
        if cached is None:
            cached = self._requires[doc] = tuple(
                tuple((0, " " + " ".join(terms)) if prefix else (1, terms[0]) if len(terms) == 1 else (2, terms)
                      for terms, prefix in group if terms)
                for group in self.index.entries[doc].requires)
        return cached

    def _requires_ok(self, doc: int, stem_set: set[str], joined: str, stems: tuple[str, ...],
                     groups: tuple[int, ...] | None = None) -> bool:
        """`_requirements_met(entries[doc], words, stems)`, with `stem_set = set(stems)` and
        `joined = " " + " ".join(words)` computed once per statement; `groups`: only those groups."""
        for k, group in enumerate(self._requirement_groups(doc)):
            if groups is not None and k not in groups:
                continue
            for kind, value in group:
                if kind == 0:
                    if value in joined:
                        break
                elif kind == 1:
                    if value in stem_set:
                        break
                elif value[0] in stem_set and _phrase_in(stems, value):
                    break
            else:
                return False
        return True

    def _requires_met(self, doc: int, entry: ClaimEntry, best: int, bounds: bool, stem_set: set[str], joined: str,
                      stems: tuple[str, ...]) -> float:
        """The `requires_met` feature: 1.0 when the statement mentions every concept group of the claim, or,
        when it is nearest a counter, every group that counter mentions (a statement of the contrary fact
        need not use the claim's words: "V3 came first; R1 a month later" names no age). Its upper bound
        (`bounds`, no phrasing chosen yet) is 1.0 for a claim with counters."""
        if bounds:
            ok = entry.affirming < len(entry.phrasings) or self._requires_ok(doc, stem_set, joined, stems)
        else:
            groups = self._counter_groups(doc, best) if entry.is_counter(best) else None
            ok = self._requires_ok(doc, stem_set, joined, stems, groups)
        return 1.0 if ok else 0.0

    def _counter_groups(self, doc: int, i: int) -> tuple[int, ...]:
        """The concept groups of a claim that its counter number `i` mentions itself."""
        key = (doc, i)
        cached = self._counter_group_cache.get(key)
        if cached is None:
            a = analyze(self.index.entries[doc].phrasings[i].text)
            stems = tuple(stem(w) for w in a.words)
            stem_set, joined = set(stems), " " + " ".join(a.words)
            cached = self._counter_group_cache[key] = tuple(
                k for k in range(len(self._requirement_groups(doc)))
                if self._requires_ok(doc, stem_set, joined, stems, (k,)))
        return cached

    # -- scoring ------------------------------------------------------------------------------------
    def candidate_features(self, analysis: Analysis, *, bounds: bool = False
                           ) -> list[tuple[int, tuple[float, ...], int, tuple[str, ...]]]:
        """(claim index, feature vector, best phrasing, shared terms) for each BM25 candidate.

        `bounds=True` (for `could_match`) skips the fuzzy re-ranking over the phrasings: the three features
        it gives (`phrasing_coverage`, `fuzzy_sort`, `fuzzy_set`) are replaced by upper bounds, each >= 0.
        """
        from rapidfuzz import fuzz

        q_terms = set(analysis.terms)
        if not q_terms:
            return []
        bm = self.index.bm25(analysis.terms)
        if not bm:
            return []
        weight = self.index.weight
        shortlist = heapq.nlargest(self.shortlist, bm, key=bm.__getitem__)  # = a stable sort, cut
        q_weight = sum(weight(t) for t in q_terms)
        unexplained = sum(weight(t) for t in q_terms if t not in self.index.idf and weight(t) > 2.5) / q_weight
        stems = tuple(stem(w) for w in analysis.words)
        stem_set, words_joined = set(stems), " " + " ".join(analysis.words)
        q_joined = " ".join(analysis.terms)
        top_bm = bm[shortlist[0]]
        second_bm = bm[shortlist[1]] if len(shortlist) > 1 else 0.0
        length = math.log(1 + len(q_terms))
        names_deepseek = 1.0 if DEEPSEEK_WORDS.intersection(analysis.words) else 0.0
        debunk = 1.0 if has_debunk_frame(analysis.folded) else 0.0
        date_terms = analysis.date_terms & q_terms
        sized = [(t, *size) for t in q_terms if (size := _figure_size(t))]  # (token, magnitude, unit token)
        negated = 1.0 if has_negator(analysis.folded) else 0.0
        named_others = entities(analysis.terms) if not names_deepseek else frozenset()
        idf_get, unknown_idf = self.index.idf.get, self.index.unknown_idf
        token_sort_ratio, token_set_ratio = fuzz.token_sort_ratio, fuzz.token_set_ratio
        out = []
        for rank, doc in enumerate(shortlist):
            entry = self.index.entries[doc]
            # the statement's terms the claim explains, its counters' included: a correction often restates
            # the claim and gives the contrary fact ("DeepSeek didn't appear out of thin air: it had shipped
            # open models since 2023"); the BM25 features read the claim's own texts only
            shared = q_terms & entry.vocabulary
            # another value of a figure the claim gives is a conflict to report, not words the claim fails to
            # explain: "R1 went open source on February 3, 2025", "R1 cost $500 million" (qtyusd8, where the
            # claim's texts say qtyusd6)
            other_values = [t for t, size, unit in sized if t not in shared and self._near_size(doc, unit, size)]
            if date_terms and self._states_a_date(doc):
                other_values += date_terms - shared
            q_cov = sum(weight(t) for t in shared) / max(q_weight - sum(weight(t) for t in other_values), 1e-9)
            best_v, best_i, best_cov, best_sort, best_set = -1.0, 0, 0.0, 0.0, 0.0
            if bounds:
                # best_cov <= the coverage of any phrasing <= (weight of the terms shared with the claim) / (the
                # lightest phrasing's weight), refined in could_match when needed; token_sort_ratio is an Indel
                # similarity, at most 2 * min(len) / (sum of lengths) of the two sorted term strings, largest
                # for the phrasing whose length is nearest the statement's; token_set_ratio <= 1
                lightest, lengths = self._phrasing_shape(doc)
                best_cov = min(1.0, sum([idf_get(t, unknown_idf) for t in shared]) / lightest * (1 + 1e-9))
                q_len = len(q_joined)
                k = bisect_left(lengths, q_len)
                best_sort = max((2.0 * min(q_len, p_len) / (q_len + p_len) for p_len in lengths[max(k - 1, 0):k + 1]),
                                default=0.0)
                best_set = 1.0
            for i, p_terms, p_weight, p_joined, own in (() if bounds else self._phrasing_weights(doc)):
                if own is not None and own.isdisjoint(q_terms):
                    continue  # a counter the statement shares none of its own words with
                # the same sums as sum(weight(t) for t in ...), term by term in the same order
                p_cov = sum([idf_get(t, unknown_idf) for t in set(p_terms) & q_terms]) / p_weight
                f_sort = token_sort_ratio(q_joined, p_joined) / 100.0
                value = p_cov + 0.5 * f_sort
                if value > best_v:
                    best_v, best_i, best_cov, best_sort = value, i, p_cov, f_sort
                    best_set = token_set_ratio(q_joined, p_joined) / 100.0
            other = second_bm if rank == 0 else top_bm
            anchors, anchor_total, always_deepseek = self._anchors(doc)
            anchor_cov = sum([v for t, v in anchors if t in q_terms]) / anchor_total if anchor_total else 0.0
            features = (
                q_cov, best_cov, best_sort, best_set, bm[doc] / q_weight, (bm[doc] - other) / max(top_bm, 1e-9),
                1.0 if rank == 0 else 0.0, self._requires_met(doc, entry, best_i, bounds, stem_set, words_joined, stems),
                min(sum(1 for t in shared if weight(t) > 2.5), 4) / 4.0, length, unexplained, names_deepseek,
                debunk, 1.0 if named_others - self._entities(doc) else 0.0,
                anchor_cov, 1.0 if always_deepseek and not names_deepseek else 0.0, negated,
            )
            out.append((doc, features, best_i, tuple(sorted(shared, key=lambda t: -weight(t)))))
        return out

    def _anchors(self, doc: int) -> tuple[tuple[tuple[str, float], ...], float, bool]:
        """A claim's anchor terms, each with its weight (IDF times the share of the claim's texts that use it),
        their total, and whether every text of the claim names DeepSeek or one of its models, computed once.

        Anchors are what the claim's writers kept saying in every wording, minus names (DeepSeek's, its models',
        other labs'): mostly the predicate and its figures. A near miss shares the claim's subject and a rare
        word or two ("The Stargate project plans to invest $500 billion" for the claim that DeepSeek wrecks the
        return on it), but few of its anchors."""
        cached = self._anchor_cache.get(doc)
        if cached is None:
            phrasings = self.index.entries[doc].stating
            n = max(len(phrasings), 1)
            counts: dict[str, int] = {}
            for p in phrasings:
                for t in set(p.terms):
                    counts[t] = counts.get(t, 0) + 1
            names = self._entities(doc)
            weight = self.index.weight
            anchors = tuple((t, weight(t) * c / n) for t, c in sorted(counts.items())
                            if c / n >= ANCHOR_SHARE and t not in DEEPSEEK_WORDS and t not in MODEL_NAMES
                            and t not in names)
            always = bool(phrasings) and all(DEEPSEEK_WORDS.intersection(p.terms) or MODEL_NAMES.intersection(p.terms)
                                             for p in phrasings)
            cached = self._anchor_cache[doc] = (anchors, sum(v for _, v in anchors), always)
        return cached

    def _entities(self, doc: int) -> frozenset[str]:
        """The other labs, models and companies a claim's texts name, computed once."""
        cached = self._entity_cache.get(doc)
        if cached is None:
            cached = self._entity_cache[doc] = entities(t for p in self.index.entries[doc].stating for t in p.terms)
        return cached

    def _models(self, doc: int) -> frozenset[str]:
        """The DeepSeek models a claim's texts name (v2, v3, r1, ...), computed once."""
        cached = self._model_cache.get(doc)
        if cached is None:
            cached = self._model_cache[doc] = frozenset(
                t for p in self.index.entries[doc].stating for t in p.terms if t in MODEL_NAMES)
        return cached

    def stating_vocabulary(self, doc: int) -> frozenset[str]:
        """The terms of a claim's texts, without those only its counters use, computed once."""
        cached = self._vocabulary_cache.get(doc)
        if cached is None:
            entry = self.index.entries[doc]
            cached = self._vocabulary_cache[doc] = (
                entry.vocabulary if not entry.counters
                else frozenset(t for p in entry.stating for t in p.terms))
        return cached

    def _phrasing_weights(self, doc: int) -> tuple[tuple[int, tuple[str, ...], float, str, frozenset | None], ...]:
        """(position, terms, total weight of its distinct terms, term string, own terms) of each non-empty
        phrasing of a claim, computed once (the weights; the rest is the index's own objects).

        `own` is None for a text that states the claim; for a counter, the terms no such text uses. A
        statement must share one of them to be nearest a counter: "Pure RL on small models beats distilling"
        has all the words of "distilling beats pure RL on small models", and a bag of words cannot tell
        which way round it is."""
        cached = self._phrasings.get(doc)
        if cached is None:
            weight = self.index.weight
            entry = self.index.entries[doc]
            stating = self.stating_vocabulary(doc)
            rows = []
            for i, p in enumerate(entry.phrasings):
                p_set = set(p.terms)
                if p_set:
                    # figures are not a counter's own words: "$55.76M" shares a magnitude with "about $50M" but
                    # is a misreading of the claim's $5.576M, not a statement of the contrary
                    own = frozenset(t for t in p_set - stating if not t.startswith("qty")) if entry.is_counter(i) else None
                    rows.append((i, p.terms, sum(weight(t) for t in p_set), p.joined, own))
            cached = self._phrasings[doc] = tuple(rows)
        return cached

    def _phrasing_shape(self, doc: int) -> tuple[float, tuple[int, ...]]:
        """The smallest total weight of a claim's phrasings, and their term strings' lengths, sorted."""
        cached = self._shape.get(doc)
        if cached is None:
            rows = self._phrasing_weights(doc)
            cached = self._shape[doc] = (min((w for _, _, w, _, _ in rows), default=1.0) or 1.0,
                                         tuple(sorted(len(j) for _, _, _, j, _ in rows)))
        return cached

    def _best_coverage(self, doc: int, q_terms: set[str]) -> float:
        """The largest phrasing coverage of a claim (what `phrasing_coverage` can be at most)."""
        idf_get, unknown_idf = self.index.idf.get, self.index.unknown_idf
        return max((sum([idf_get(t, unknown_idf) for t in set(p_terms) & q_terms]) / p_weight
                    for _, p_terms, p_weight, _, _ in self._phrasing_weights(doc)), default=0.0)

    def could_match(self, analysis: Analysis) -> bool:
        """False only when `check` is certain to abstain on this analysis (no match, whatever the runners-up).

        An exact test, cheaper than `check` (no fuzzy re-ranking): every feature but the three the fuzzy
        re-ranking gives is computed as `check` computes it, those three are bounded (`candidate_features`
        with `bounds=True`), and the logistic models are monotonic in each feature, so the acceptance
        score of every candidate, were it the ranker's favourite, is bounded from above. The linter asks it
        before `check`; most sentences that pass the prefilter stop here.
        """
        cands = self.candidate_features(analysis, bounds=True)
        if not cands:
            return False
        from . import scoring

        loose = {scoring.FEATURES.index(name) for name in ("phrasing_coverage", "fuzzy_sort", "fuzzy_set")}
        coverage = scoring.FEATURES.index("phrasing_coverage")
        floor = _FLOOR
        if self.acceptance_words is not None:
            shift = self.acceptance_words.shift(analysis.folded)
            floor = self.acceptance_words.base_logit_floor(_FLOOR + 1e-6, shift) - 1e-6
        for doc, f, _, _ in cands:
            if self._accept_bound(f, loose) < floor:
                continue
            # refine the coverage bound with every phrasing, then ask again
            f = (*f[:coverage], min(f[coverage], self._best_coverage(doc, set(analysis.terms)) * (1 + 1e-9)),
                 *f[coverage + 1:])
            if self._accept_bound(f, loose) >= floor:
                return True
        return False

    @staticmethod
    def _accept_bound(f: tuple[float, ...], loose: set[int]) -> float:
        """An upper bound of the acceptance model's logit for a candidate with features `f`, were it the
        ranker's favourite; the features in `loose` are upper bounds (each >= 0)."""
        from . import scoring

        n = len(scoring.FEATURES)
        z_rank = scoring.RANK_BIAS + sum(w * (f[i] if w > 0 or i not in loose else 0.0)
                                         for i, w in enumerate(scoring.RANK_WEIGHTS))
        rank_hi = 1.0 / (1.0 + math.exp(-max(min(z_rank, 30.0), -30.0)))
        z = scoring.ACCEPT_BIAS
        for i, w in enumerate(scoring.ACCEPT_WEIGHTS):
            if i < n:
                z += w * (f[i] if w > 0 or i not in loose else 0.0)
            elif i == n:  # rank_probability, in [0, rank_hi]
                z += w * (rank_hi if w > 0 else 0.0)
            else:  # rank_margin: the favourite's probability minus another's, in [-1, rank_hi]
                z += w * (rank_hi if w > 0 else -1.0)
        return z

    def rank(self, analysis: Analysis) -> list[Scored]:
        """Candidates that share a rare term with the statement, in the ranker's order.

        Each candidate's `score` is the acceptance model's confidence (0-100) that it is the claim the
        statement makes, judged against the best other candidate.
        """
        cands = self.candidate_features(analysis)
        named = MODEL_NAMES.intersection(analysis.terms)
        if named:
            # a statement about DeepSeek-V2 does not make a claim about V3: drop claims that only name others
            cands = [c for c in cands if not self._models(c[0]) or named & self._models(c[0])]
        if not cands:
            return []
        rank_ps = [rank_probability(f) for _, f, _, _ in cands]
        if self.rerank:
            order = sorted(range(len(cands)), key=lambda k: -rank_ps[k])
        else:
            order = list(range(len(cands)))  # BM25's order, as candidate_features lists them
        first = max(range(len(cands)), key=rank_ps.__getitem__)  # the ranker's favourite (= order[0] when reranking)
        best_p = rank_ps[first]
        second_p = max((p for k, p in enumerate(rank_ps) if k != first), default=0.0)
        words = self.acceptance_words
        shift = words.shift(analysis.folded) if words is not None else 0.0
        scored = []
        for k in order:
            doc, f, best_i, shared = cands[k]
            other = second_p if k == first else best_p
            score = accept_probability(accept_features(f, rank_ps[k], other))
            if words is not None:
                score = words.recalibrate(score, shift)
            scored.append(Scored(index=doc, score=round(100.0 * score, 1), requires_ok=bool(f[7]), phrasing=best_i,
                                 shared=shared, rank_p=rank_ps[k]))
        return scored

    def _distinctive_stems(self, doc: int, counters: bool = False) -> dict[str, float]:
        """The stems of a claim's texts (or, with `counters`, of its counters) minus those nearly every claim
        uses ('deepseek'): what a negation must reach. Each maps to the share of those texts that use it, so
        that stance can tell which clause carries the claim ("DeepSeek released weights, not its training
        data": 'training data' is in every text of the claim, 'weights' in two)."""
        idf = self.index.idf
        entry = self.index.entries[doc]
        phrasings = entry.counters if counters else entry.stating
        # in a registry of one claim every term is in every claim: none is common to the others
        floor = 0.5 if len(self.index.entries) > 1 else -1.0
        shares: dict[str, float] = {}
        for p in phrasings:
            for t in set(p.terms):
                if idf.get(t, 0.0) > floor:
                    shares[t] = shares.get(t, 0.0) + 1.0 / len(phrasings)
        return shares

    @staticmethod
    def _too_thin(analysis: Analysis) -> bool:
        """A statement of one or two terms that names nothing of DeepSeek's says too little to make a claim
        ("Standardizing the output", "It's the best of both worlds"), however well it fits a short wording."""
        return len(set(analysis.terms)) < MIN_TERMS_UNNAMED and not DEEPSEEK_WORDS.intersection(analysis.words) \
            and not MODEL_NAMES.intersection(analysis.terms)

    def _sides(self, doc: int) -> SideModel:
        """The terms of a claim's texts weighed against those of its counters, read once."""
        cached = self._sides_cache.get(doc)
        if cached is None:
            entry = self.index.entries[doc]
            cached = self._sides_cache[doc] = SideModel(
                (frozenset(p.terms) | {_polarity_token(p.text)} for p in entry.stating),
                (frozenset(p.terms) | {_polarity_token(p.text)} for p in entry.counters))
        return cached

    def _order(self, doc: int) -> OrderProfile:
        """Which way round a claim's texts compare its terms ("o1 came before R1"), read once."""
        cached = self._order_cache.get(doc)
        if cached is None:
            cached = self._order_cache[doc] = OrderProfile(list(self._folded_stating(doc)))
        return cached

    def _folded_stating(self, doc: int) -> tuple[str, ...]:
        """The texts that state a claim, folded as statements are (`analyze(...).folded`), read once."""
        cached = self._folded_cache.get(doc)
        if cached is None:
            cached = self._folded_cache[doc] = tuple(analyze(p.text).folded for p in self.index.entries[doc].stating)
        return cached

    def _contrasts(self, doc: int) -> bool:
        """Whether at least CONTRAST_SHARE of a claim's texts set two things apart ("unlike o1", "while o1 was
        paid"), read once."""
        cached = self._contrast_cache.get(doc)
        if cached is None:
            folded = self._folded_stating(doc)
            cached = self._contrast_cache[doc] = bool(folded) and \
                sum(1 for f in folded if _CONTRAST.search(f)) >= CONTRAST_SHARE * len(folded)
        return cached

    def _near_size(self, doc: int, unit: str, size: int) -> bool:
        """Whether a claim's texts give a figure in `unit` ("qtyusd") within NEAR_ORDERS orders of `size`."""
        sizes = self._sizes_cache.get(doc)
        if sizes is None:
            sizes = {}
            for t in self.index.entries[doc].vocabulary:
                if found := _figure_size(t):
                    sizes.setdefault(found[1], []).append(found[0])
            self._sizes_cache[doc] = sizes
        return any(abs(size - s) <= NEAR_ORDERS for s in sizes.get(unit, ()))

    def _states_a_date(self, doc: int) -> bool:
        """Whether a claim's own sentence gives a date (what a statement's other date conflicts with)."""
        return any(q.unit in CALENDAR_UNITS for q in self._claim_quantities(doc))

    def _claim_quantities(self, doc: int) -> tuple:
        """The figures of a claim's own sentence, parsed once."""
        cached = self._stated.get(doc)
        if cached is None:
            cached = self._stated[doc] = analyze(self.registry.claims[doc].claim).quantities
        return cached

    def stance_cues(self, text: str, analysis: Analysis, best: Scored) -> StanceCues:
        """The rules' reading of a statement matched to `best`: their answer, the cue that decided it and the
        cues the learned stance model weighs besides the statement's words."""
        entry = self.index.entries[best.index]
        claim = self.registry.claims[best.index]
        nearest = entry.phrasings[best.phrasing].text
        lean = 0.0
        if entry.counters:
            lean = self._sides(best.index).log_odds((*analysis.terms, _polarity_token(text)))
        stance, cue = detect_stance(text, entry.polarity, self._distinctive_stems(best.index), nearest=nearest)
        if entry.is_counter(best.phrasing):
            # nearest a statement of the contrary fact: it denies the claim, whether it states that fact
            # plainly or also negates the claim's words ("R1 isn't older than V3: V3 came first"), unless it
            # negates the contrary fact and not the claim ("V3 never had to be rolled back")
            against_counter, _ = detect_stance(text, entry.counter_polarity,
                                               self._distinctive_stems(best.index, counters=True))
            if stance == AFFIRMS and against_counter == DENIES:
                cue = "negates a statement of the contrary fact"
            else:
                stance, cue = DENIES, "states the contrary fact"
        elif (reading := self._order(best.index).reading(analysis.folded))[0]:
            # the comparison decides: "R1 came out before o1" denies that o1 came first, "R1 didn't come out
            # before o1" affirms it, and a debunking frame turns a plain comparison round ("it's a myth that
            # R1 came first"), not a negated one, whose negation is the same denial ("No, R1 isn't older")
            order, negated = reading
            stance = DENIES if (order < 0) != (has_debunk_frame(text) and not negated) else AFFIRMS
            cue = ("compares the claim's terms the other way round" if order < 0
                   else "negates the claim's comparison reversed")
        elif stance == AFFIRMS and entry.counters and lean <= -CONTRARY_LEAN:
            # nearest a text of the claim, but its words taken together are the counters' ("the real 671B R1
            # needs hundreds of GB; your laptop runs a distill")
            stance, cue = DENIES, "its words are those of the claim's contrary"
        if stance == AFFIRMS and _SAME_AS.search(analysis.folded) and self._contrasts(best.index):
            # the claim sets two things apart ("R1 is free, while o1 was paid"); the statement puts them on a
            # par ("o1 was free at launch, just like R1", "GRPO still trains a critic, exactly like PPO")
            stance, cue = DENIES, "puts on a par what the claim sets apart"
        stated = self._claim_quantities(best.index)
        correction = None if claim.verdict == "true" else corrects_claim(analysis.quantities, claim.figures, stated)
        if correction is not None and stance == AFFIRMS:
            stance, cue = DENIES, f"gives the registry's figure ({correction.text}), not the claim's"
        return StanceCues(rules_deny=stance == DENIES, rule_cue=cue, lean=lean, negated=has_negation(text),
                          nearest_negated=has_negation(nearest), debunk_frame=has_debunk_frame(text),
                          claim_negative=entry.polarity.negative, nearest_counter=entry.is_counter(best.phrasing))

    # -- the answer ---------------------------------------------------------------------------------
    def check(self, text: str, *, explain: bool = False) -> CheckResult:
        """Match one statement: the best claim above the threshold (or None) and close runners-up."""
        analysis = analyze_cached(text)
        ranked = self.rank(analysis)
        if not ranked:
            return CheckResult(input=text, match=None, alternatives=())
        best = ranked[0]
        accepted = best.score >= THRESHOLD and not self._too_thin(analysis)
        claims = self.registry.claims
        if not accepted:
            alternatives = tuple(Alternative(claims[s.index].id, s.score) for s in ranked[:3])
            return CheckResult(input=text, match=None, alternatives=alternatives)
        entry = self.index.entries[best.index]
        claim = claims[best.index]
        stated = self._claim_quantities(best.index)
        found_conflicts = figure_conflicts(analysis.quantities, claim.figures, stated)
        cues = self.stance_cues(text, analysis, best)
        stance, cue = (DENIES if cues.rules_deny else AFFIRMS), cues.rule_cue
        if self.stance_model is not None and self.stance_model.covers(claim.id):
            deny, cue = self.stance_model.denies(text, cues)
            stance = DENIES if deny else AFFIRMS
        if is_direct_question(text):
            stance, cue = ASKS, "a direct question: it asks about the claim and asserts nothing"
        why = None
        if explain:
            why = Explanation(
                phrasing=entry.phrasings[best.phrasing].text,
                shared_terms=tuple(_readable_term(t) for t in best.shared),
                quantities=tuple(_describe(q) for q in analysis.quantities),
                stance_cue=cue,
            )
        alternatives = tuple(
            Alternative(claims[s.index].id, s.score)
            for s in ranked[1:]
            if s.score >= THRESHOLD * 0.8 and s.rank_p >= best.rank_p * CLOSE_RATIO
        )[:4]
        match = Match(claim=claim, score=best.score, stance=stance, conflicts=found_conflicts, why=why)
        return CheckResult(input=text, match=match, alternatives=alternatives)


def _polarity_token(text: str) -> str:
    """A pseudo-term saying whether a text negates or excludes anything, for the side model: when a claim's
    texts say "GRPO drops the critic" and its counters "GRPO trains a critic", the plain "GRPO still trains a
    critic" leans to the counters by having no negation."""
    return "~negated" if has_negation(text) else "~plain"


_WS = re.compile(r"\s+")


def clean_statement(text: str) -> str:
    """Collapse white space; the matcher sees one line."""
    return _WS.sub(" ", text).strip()


def _figure_size(term: str) -> tuple[int, str] | None:
    """(order of magnitude, unit token) of a sized figure token: `qtyusd6` -> (6, "qtyusd"); else None."""
    m = _FIGURE_TOKEN.fullmatch(term)
    return (int(m.group(2)), f"qty{m.group(1)}") if m and m.group(2) else None


def _readable_term(term: str) -> str:
    """Index tokens as a person reads them: `qtyusd6` is 'a usd figure of about 10^6'."""
    m = _FIGURE_TOKEN.fullmatch(term)
    if not m:
        return term
    return f"<{m.group(1)} figure ~1e{m.group(2)}>" if m.group(2) else f"<{m.group(1)} figure>"


def _describe(q: Quantity) -> str:
    """A figure for `--explain`: '2,048 gpus = 2,048 gpus', 'jan 20, 2025 = January 20, 2025 (day)'."""
    if q.unit in CALENDAR_UNITS:
        return f"{q.text} = {format_date(q.unit, q.value)} ({q.unit})"
    hedge = " (approximate)" if q.approx else " (vague)" if q.vague else ""
    return f"{q.text} = {_plain_number(q.value)} {q.unit or '(no unit)'}{hedge}"


def _plain_number(value: float) -> str:
    """6000000.0 -> '6,000,000'; 5.5 -> '5.5'."""
    return f"{value:,.0f}" if value == int(value) else f"{value:,g}"
