"""Find the sentences of a document that make a registry claim: segment, prefilter, match, suppress.

Pure: takes text, a path (for the syntax and the findings), a `Matcher` and `LintOptions`, and returns
`Finding`s. It reads no file, prints nothing and knows nothing about terminals or output formats.
"""

from __future__ import annotations

import os
import re
import sys
import weakref
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import TYPE_CHECKING, Callable, Iterator, Sequence

from .model import AFFIRMS, ASKS, Finding
from .normalize import STOPWORDS as _STOPWORDS, analyze_cached, stem as _stem

_stem_uncached = getattr(_stem, "__wrapped__", _stem)  # this cache holds the words; no need to fill stem()'s too
from .segment import MARKDOWN, RST, TEXT, Document, segment
from .suppress import find_suppressions

if TYPE_CHECKING:
    from .matcher import Matcher

#: `--fail-on` levels, from strictest to most lenient; each fails on its verdict and every worse one.
FAIL_ON_CHOICES: tuple[str, ...] = ("false", "misleading", "needs-context", "unproven", "never")
_FAILING: dict[str, frozenset[str]] = {
    "false": frozenset({"false"}),
    "misleading": frozenset({"false", "misleading"}),
    "needs-context": frozenset({"false", "misleading", "needs-context", "outdated"}),
    "unproven": frozenset({"false", "misleading", "needs-context", "outdated", "unproven"}),
    "never": frozenset(),
}
DEFAULT_FAIL_ON = "misleading"

#: File extensions and the syntax they are linted with.
SYNTAX_BY_EXTENSION = {".md": MARKDOWN, ".markdown": MARKDOWN, ".mdx": MARKDOWN, ".txt": TEXT, ".rst": RST}


@dataclass(frozen=True)
class LintOptions:
    """How to lint: which verdicts fail, which claims to ignore, and (optionally) a forced syntax."""

    fail_on: str = DEFAULT_FAIL_ON
    ignore: frozenset[str] = field(default_factory=frozenset)
    syntax: str | None = None  # None: from the path's extension (Markdown when unknown)


def failing_verdicts(fail_on: str) -> frozenset[str]:
    """The verdicts whose affirmation fails a run at this `--fail-on` level."""
    try:
        return _FAILING[fail_on]
    except KeyError:
        raise ValueError(f"unknown fail-on level {fail_on!r}; expected one of {', '.join(FAIL_ON_CHOICES)}") from None


def is_failing(verdict: str, stance: str, fail_on: str) -> bool:
    """Affirming a claim fails when its verdict is at the level; denying one fails only when it is true."""
    effective = verdict if stance == AFFIRMS else ("false" if verdict == "true" else None)
    return effective in failing_verdicts(fail_on)


def syntax_for(path: str) -> str:
    """The syntax a path is linted with: Markdown, plain text or reStructuredText, by extension."""
    return SYNTAX_BY_EXTENSION.get(PurePath(path).suffix.lower(), MARKDOWN)


# -- prefilter -----------------------------------------------------------------------------------------------

#: A sentence reaches the matcher when some claim explains at least this share of its IDF-weighted terms
#: (the matcher's own `statement_coverage` feature, computed without the fuzzy re-ranking), or when it names
#: DeepSeek, one of its models, people or methods. Measured in docs/lint.md: every registry phrasing and
#: counter the matcher accepts passes, as do all but two (Chinese) of the bench statements it accepts;
#: about 1 sentence in 9 of unrelated Markdown does.
MIN_COVERAGE = 0.4

_ASCII_WORD = re.compile(r"[a-z0-9]+")
_DIGIT = re.compile(r"[0-9]")
_UNSEEN = object()
#: Words that may start a name the normaliser rewrites (`deep-seek`, `high flyer`, `open source`, `U.S.`,
#: `Chinese`...): a sentence holding one gets the matcher's full analysis. Words of the registry's own alias
#: matches are added when the prefilter is built.
_ALIAS_WORDS = frozenset("""
deep deepseek deepseeks high highflyer huan huanfang nvda nvidea nvdia nividia r1 r1zero open openai chat chatgpt
gpt gpt4o llama mixture mixtures multi multihead reinforcement supervised fine chain chains k kv key monte process
group u usa united american americans america chinese prc app export market
""".split())


class Prefilter:
    """A cheap test that a sentence may make a registry claim, so most sentences skip the matcher.

    The matcher scores candidates with a learned model, so no cheap test is exact; this one uses the
    feature that separates claims from prose best: the share of the sentence's IDF-weighted terms that one
    claim's vocabulary covers. Words no claim uses weigh the most, so ordinary prose scores low. Sentences
    that name DeepSeek, its models, people or methods always pass.

    Plain ASCII sentences without figures or names the normaliser rewrites are tokenised with one regex
    and the (cached) stemmer; the others get the matcher's own analysis.
    """

    def __init__(self, matcher: Matcher, min_coverage: float = MIN_COVERAGE):
        from . import normalize

        alias_patterns = getattr(normalize, "_ALIAS_RES", ())  # the normaliser's name rewrites, if any
        try:
            from .scoring import DEEPSEEK_WORDS as names
        except ImportError:  # pragma: no cover - an older matcher without the feature
            names = frozenset({"deepseek", "r1", "r1zero", "v2", "v3"})
        index = matcher.index
        self.min_coverage = min_coverage
        self._names = frozenset(names)
        self._unknown = index.unknown_idf
        # what the matcher's statement coverage counts: each claim's vocabulary, its counters' terms included,
        # weighted as the matcher weighs them (a term only counters use weighs as a term no claim uses)
        idf = dict(index.idf)
        postings = {term: [doc for doc, _ in posting] for term, posting in index.postings.items()}
        for doc, entry in enumerate(index.entries):
            for term in entry.vocabulary - matcher.stating_vocabulary(doc):
                idf.setdefault(term, index.unknown_idf)
                postings.setdefault(term, []).append(doc)
        self._idf = idf
        self._postings = {term: tuple(docs) for term, docs in postings.items()}
        # a pattern can only match lower-case ASCII text that holds one of its anchors (normalize.fold)
        anchors = getattr(normalize, "_ALIAS_ANCHORS", None)
        if anchors is None or len(anchors) != len(alias_patterns):
            anchors = [()] * len(alias_patterns)
        hints = set(_ALIAS_WORDS)
        for claim in matcher.registry.claims:
            for text in (*claim.texts, *claim.counters):
                lowered = text.lower()
                plain = lowered.isascii()
                for (pattern, _), needles in zip(alias_patterns, anchors):
                    if plain and needles and not any(n in lowered for n in needles):
                        continue
                    for m in pattern.finditer(lowered):
                        hints.update(_ASCII_WORD.findall(m.group())[:1])
        self._hints = frozenset(hints)
        self._stems: dict[str, str | None] = {}  # plain word -> its term (None for a stopword)
        self._vocabularies = [entry.vocabulary for entry in index.entries]

    def terms(self, sentence: str) -> tuple[tuple[str, ...], frozenset[str]]:
        """The sentence's words and stemmed content terms, as the matcher's analysis would give them."""
        words = self._plain_words(sentence)
        if words is not None:
            return tuple(words), frozenset(self._plain_terms(words))
        analysis = analyze_cached(sentence)
        return analysis.words, frozenset(analysis.terms)

    def _plain_words(self, sentence: str) -> list[str] | None:
        """The words of a plain ASCII sentence (no figures, no name the normaliser rewrites), else None."""
        if not sentence.isascii() or "US" in sentence:
            return None
        lowered = sentence.lower()
        if _DIGIT.search(lowered) is not None:
            return None
        words = _ASCII_WORD.findall(lowered)
        return words if self._hints.isdisjoint(words) else None

    def _plain_terms(self, words: list[str]) -> set[str]:
        """Stemmed content terms of plain words, through a per-word cache (stopwords map to None)."""
        cache = self._stems
        terms = set()
        for w in words:
            t = cache.get(w, _UNSEEN)
            if t is _UNSEEN:
                if len(cache) > 20_000:
                    cache.clear()
                t = cache[w] = None if w in _STOPWORDS else _stem_uncached(w)
            if t is not None:
                terms.add(t)
        return terms

    def _weights(self, terms: frozenset[str] | set[str]) -> tuple[float, float, list[tuple[float, str]]]:
        """(IDF weight of all terms, weight of the terms some claim uses, those terms with their weights)."""
        idf, unknown = self._idf, self._unknown
        total = known = 0.0
        weighted = []
        for term in terms:
            w = idf.get(term)
            if w is None:
                total += unknown
            else:
                total += w
                known += w
                weighted.append((w, term))
        return total, known, weighted

    def coverage(self, terms: frozenset[str] | set[str]) -> float:
        """The largest share of the terms' IDF weight that a single claim's vocabulary holds."""
        if not terms:
            return 0.0
        idf = self._idf
        total, known, _ = self._weights(terms)
        if known < self.min_coverage * total:
            return known / total  # even a claim using every known term falls short
        shared: dict[int, float] = {}
        postings = self._postings
        for term in terms:
            docs = postings.get(term)
            if docs:
                w = idf[term]
                for doc in docs:
                    shared[doc] = shared.get(doc, 0.0) + w
        return max(shared.values()) / total

    def __call__(self, sentence: str) -> bool:
        """False when the sentence is very unlikely to make any registry claim."""
        words = self._plain_words(sentence)
        if words is not None:
            # the same decision as below, without building the tuple and frozenset (most sentences come here)
            terms = self._plain_terms(words)
        else:
            analysis = analyze_cached(sentence)
            words, terms = analysis.words, frozenset(analysis.terms)
        if not terms:
            return False
        if not self._names.isdisjoint(words):
            return True
        return self._covered(terms)

    def _covered(self, terms: frozenset[str] | set[str]) -> bool:
        """`coverage(terms) >= min_coverage`, scoring only the claims that can reach it: a claim that has
        none of the rarest terms (those whose weight the others cannot make up) cannot, so only the claims
        in those terms' postings are summed, term by term in the same order, to the same floats."""
        idf = self._idf
        total, known, weighted = self._weights(terms)
        if known < self.min_coverage * total:
            return known / total >= self.min_coverage
        weighted.sort(reverse=True)
        floor = self.min_coverage * total * (1 - 1e-9)  # a claim must hold this much weight
        rest = known
        postings = self._postings
        docs: set[int] = set()
        for w, term in weighted:
            docs.update(postings.get(term, ()))
            rest -= w
            if rest < floor:  # a claim with none of the terms so far holds at most `rest`
                break
        vocabularies = self._vocabularies
        best = 0.0
        for doc in docs:
            vocabulary = vocabularies[doc]
            shared = 0.0
            for term in terms:  # the order coverage() adds them in
                if term in vocabulary:
                    shared += idf[term]
            if shared > best:
                best = shared
        return best / total >= self.min_coverage


_PREFILTERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def prefilter_for(matcher: Matcher) -> Prefilter:
    """The prefilter of a matcher, built once."""
    pre = _PREFILTERS.get(matcher)
    if pre is None:
        pre = _PREFILTERS[matcher] = Prefilter(matcher)
    return pre


# -- linting -----------------------------------------------------------------------------------------------

#: A fragment shorter than this many words ("DeepSeek-R1", "Training Tokens", a table header) states no
#: claim; two words do when they end like a sentence ("DeepSeek lied.").
MIN_WORDS = 3
_WORDS = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


_QUOTED = re.compile(r'^\s*["“”][^"“”]+["“”]\s*[.,;:]?\s*$')


def is_statement(text: str) -> bool:
    """Whether a sentence asserts something: long enough to make a claim (headings and table cells are often
    fragments), not a question (a question asks, it asserts nothing), and not wholly in quotation marks
    (a quoted headline in a reference list is someone else's title)."""
    stripped = text.rstrip()
    if stripped.endswith("?") or _QUOTED.match(stripped):
        return False
    words = _WORDS.findall(text)
    if len(words) >= MIN_WORDS:
        return True
    if len(_CJK.findall(text)) >= 4:
        return True
    return len(words) == MIN_WORDS - 1 and text.rstrip("\"'”’)").endswith((".", "!", "?"))


#: Headings, table cells and lines that do not end like a sentence are mostly labels ("DeepSeek-V2 Chat
#: (RL)", "Multi-Token Prediction (MTP) Modules", a paper's title): they name a claim's subject more often
#: than they state the claim, so a finding there needs a surer match. Chosen on the labelled findings of
#: half the real corpus (bench/corpus_labels.py, corpus-train) and checked on the other half.
FRAGMENT_MIN_SCORE = 70.0
_SENTENCE_END = re.compile(r"[.!?。！？][\"'”’)\]*_\s]*$")


def is_fragment(text: str, block_kind: str) -> bool:
    """A heading, a table cell, or a line that does not end like a sentence."""
    return block_kind != "paragraph" or not _SENTENCE_END.search(text)


def lint_text(text: str, path: str, matcher: Matcher, options: LintOptions | None = None) -> list[Finding]:
    """Lint one document's text; `path` names it in the findings and, by extension, picks the syntax."""
    options = options or LintOptions()
    syntax = options.syntax or syntax_for(path)
    doc = segment(text, syntax, mdx=path.lower().endswith(".mdx"))
    return lint_document(doc, path, matcher, options)


def lint_document(doc: Document, path: str, matcher: Matcher, options: LintOptions) -> list[Finding]:
    """The findings of a segmented document, in position order, suppressions and ignored claims removed."""
    failing_verdicts(options.fail_on)  # an unknown level fails before any work
    may_match = prefilter_for(matcher)
    suppressions = None
    findings: list[Finding] = []
    could_match = getattr(matcher, "could_match", None)
    for sentence in doc.sentences:
        if not is_statement(sentence.text) or not may_match(sentence.text):
            continue
        if could_match is not None and not could_match(analyze_cached(sentence.text)):
            continue  # an exact test: check() would abstain
        result = matcher.check(sentence.text)
        match = result.match
        if match is None or match.claim.id in options.ignore or match.stance == ASKS:
            continue  # a direct question asserts nothing
        if match.score < FRAGMENT_MIN_SCORE and is_fragment(sentence.text, doc.blocks[sentence.block].kind):
            continue
        line, column = doc.position(sentence.start)
        end_line, end_column = doc.position(sentence.end)
        if suppressions is None:
            suppressions = find_suppressions(doc)
        if suppressions.covers(line, end_line, match.claim.id):
            continue
        findings.append(Finding(
            path=path, line=line, column=column, end_line=end_line, end_column=end_column,
            sentence=sentence.text, claim=match.claim, stance=match.stance, score=match.score,
            failing=is_failing(match.claim.verdict, match.stance, options.fail_on), conflicts=match.conflicts,
            highlights=highlight_spans(sentence.text, matcher, match.claim.id, match.conflicts),
        ))
    return findings


_TOKEN = re.compile(r"[\w$¥%.,-]+")
_MAGNITUDES = frozenset({"thousand", "million", "millions", "billion", "billions", "trillion", "trillions"})


def highlight_spans(sentence: str, matcher: Matcher, claim_id: str, conflicts=()) -> tuple[tuple[int, int], ...]:
    """Spans of the sentence whose words belong to the claim's vocabulary, or state a conflicting figure.

    Adjacent words separated only by white space are merged, so a renderer can underline phrases.
    """
    from .normalize import STOPWORDS, analyze

    index = matcher.index
    position = _claim_positions(matcher).get(claim_id)
    if position is None:
        return ()
    vocabulary = index.entries[position].vocabulary
    spans: list[tuple[int, int]] = []
    for m in _TOKEN.finditer(sentence):
        word = m.group().strip(".,-")
        if not word:
            continue
        lowered = word.lower()
        start = m.start() + m.group().index(word)
        if lowered in _MAGNITUDES and spans and not sentence[spans[-1][1]:start].strip():
            spans[-1] = (spans[-1][0], start + len(word))  # "$6" + "million"
            continue
        if lowered in STOPWORDS:
            continue
        terms = analyze(word).terms
        if terms and any(t in vocabulary for t in terms):
            spans.append((start, start + len(word)))
    for conflict in conflicts:
        at = sentence.find(conflict.stated_text)
        if at < 0:
            at = sentence.lower().find(conflict.stated_text.lower())
        if at >= 0:
            spans.append((at, at + len(conflict.stated_text)))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and (start <= merged[-1][1] or not sentence[merged[-1][1]:start].strip()):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


_POSITIONS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _claim_positions(matcher: Matcher) -> dict[str, int]:
    positions = _POSITIONS.get(matcher)
    if positions is None:
        positions = _POSITIONS[matcher] = {c.id: k for k, c in enumerate(matcher.registry.claims)}
    return positions


# -- many documents, on several cores ------------------------------------------------------------------------

#: Below this much input, linting in one process is faster than starting workers.
PARALLEL_MIN_BYTES = 512_000


@dataclass(frozen=True)
class LintJob:
    """One document to lint: the path that names its findings, how to lint it, and how to read it.

    `read` returns the text or raises (an `inputs.InputError` for an unreadable input); the exception is
    handed back with the job's result, not raised. `parallel=False` keeps the job in the calling process
    (standard input); `size` (bytes, when known) only balances the work between processes.
    """

    path: str
    options: LintOptions
    read: Callable[[], str]
    parallel: bool = True
    size: int = 0


def worker_count(jobs: Sequence[LintJob], requested: int = 0) -> int:
    """How many processes lint `jobs`: `requested` when positive, else one per available core when there
    is enough to read (PARALLEL_MIN_BYTES in at least two parallel jobs), else 1."""
    if requested > 0:
        return requested
    parallel = [j for j in jobs if j.parallel]
    if len(parallel) < 2 or sum(j.size for j in parallel) < PARALLEL_MIN_BYTES:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


def lint_jobs(jobs: Sequence[LintJob], matcher: Matcher, *, workers: int = 1
              ) -> Iterator[tuple[LintJob, list[Finding] | None, BaseException | None]]:
    """Lint every job; yields (job, findings, None) or (job, None, the read error), in the order of `jobs`.

    With `workers` > 1 (and `fork`, as on Linux), the documents are linted by that many forked processes,
    which inherit the loaded matcher; the output is the same as with one, in the same order. The workers
    are started before this returns, so start any thread (a progress bar) afterwards.
    """
    jobs = list(jobs)
    batches = _batches(jobs, workers) if workers > 1 and _fork_context() is not None else []
    if len(batches) < 2:
        return _lint_here(jobs, matcher)
    return _lint_forked(jobs, matcher, batches, workers)


def _lint_one(job: LintJob, matcher: Matcher) -> tuple[list[Finding] | None, BaseException | None]:
    try:
        text = job.read()
    except Exception as exc:  # noqa: BLE001 - handed back to the caller with the job
        return None, exc
    return lint_text(text, job.path, matcher, job.options), None


def _lint_here(jobs: list[LintJob], matcher: Matcher):
    for job in jobs:
        found, error = _lint_one(job, matcher)
        yield job, found, error


def _batches(jobs: list[LintJob], workers: int) -> list[list[int]]:
    """Runs of consecutive parallel jobs, cut into batches of about 1/16 of a worker's share of the bytes."""
    total = sum(max(j.size, 1) for j in jobs if j.parallel)
    target = max(total // (workers * 16), 1)
    batches: list[list[int]] = []
    current: list[int] = []
    size = 0
    for k, job in enumerate(jobs):
        if not job.parallel:
            if current:
                batches.append(current)
            current, size = [], 0
            continue
        current.append(k)
        size += max(job.size, 1)
        if size >= target:
            batches.append(current)
            current, size = [], 0
    if current:
        batches.append(current)
    return batches


def _fork_context():
    """multiprocessing's `fork` context where forking is safe and cheap (Linux), else None (one process)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import multiprocessing

        return multiprocessing.get_context("fork")
    except (ImportError, ValueError):  # pragma: no cover
        return None

#: What forked workers inherit: (jobs, matcher), set just before the pool starts.
_INHERITED: tuple[list[LintJob], Matcher] | None = None


def _worker_init() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles ^C and stops the workers


def _run_batch(indexes: list[int]) -> list[tuple]:
    """In a worker: lint jobs by index; findings travel as plain tuples (claims by position)."""
    jobs, matcher = _INHERITED
    positions = _claim_positions(matcher)
    out = []
    for k in indexes:
        found, error = _lint_one(jobs[k], matcher)
        if error is not None:
            out.append((k, None, _portable_error(error)))
        else:
            out.append((k, [(f.line, f.column, f.end_line, f.end_column, f.sentence, positions[f.claim.id], f.stance,
                             f.score, f.failing, f.conflicts, f.highlights) for f in found], None))
    return out


def _portable_error(exc: BaseException) -> tuple:
    return type(exc), exc.args, dict(getattr(exc, "__dict__", {}))


def _restore_error(state: tuple) -> BaseException:
    cls, args, attrs = state
    exc = cls.__new__(cls)
    exc.args = args
    exc.__dict__.update(attrs)
    return exc


def _lint_forked(jobs: list[LintJob], matcher: Matcher, batches: list[list[int]], workers: int):
    global _INHERITED
    import gc

    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (AttributeError, ValueError, OSError):
            pass
    prefilter_for(matcher)  # built once, here, for every worker
    _INHERITED = (jobs, matcher)
    gc.collect()
    gc.freeze()  # the workers then share the parent's objects instead of copying the pages gc touches
    try:
        pool = _fork_context().Pool(min(workers, len(batches)), initializer=_worker_init)
    finally:
        gc.unfreeze()
        _INHERITED = None
    return _collect(jobs, matcher, batches, pool)


def _collect(jobs: list[LintJob], matcher: Matcher, batches: list[list[int]], pool):
    claims = matcher.registry.claims
    results = pool.imap(_run_batch, batches)
    in_batch = {k for batch in batches for k in batch}
    ready: dict[int, tuple] = {}
    try:
        for k, job in enumerate(jobs):
            if k not in in_batch:
                found, error = _lint_one(job, matcher)
                yield job, found, error
                continue
            while k not in ready:
                for item in next(results):
                    ready[item[0]] = item
            _, rows, error = ready.pop(k)
            if error is not None:
                yield job, None, _restore_error(error)
                continue
            yield job, [Finding(path=job.path, line=line, column=column, end_line=end_line, end_column=end_column,
                                sentence=sentence, claim=claims[claim], stance=stance, score=score, failing=failing,
                                conflicts=conflicts, highlights=highlights)
                        for (line, column, end_line, end_column, sentence, claim, stance, score, failing, conflicts,
                             highlights) in rows], None
        pool.close()
    finally:
        pool.terminate()
        pool.join()


__all__ = ["LintOptions", "Prefilter", "FAIL_ON_CHOICES", "DEFAULT_FAIL_ON", "failing_verdicts", "is_failing",
           "lint_document", "lint_text", "prefilter_for", "syntax_for", "highlight_spans", "is_statement",
           "LintJob", "lint_jobs", "worker_count"]
