"""Find the sentences of a document that make a registry claim: segment, prefilter, match, suppress.

Pure: takes text, a path (for the syntax and the findings), a `Matcher` and `LintOptions`, and returns
`Finding`s. It reads no file, prints nothing and knows nothing about terminals or output formats.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import TYPE_CHECKING

from .model import AFFIRMS, Finding
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
#: every bench statement the matcher accepts passes; about 1 sentence in 9 of unrelated Markdown does.
MIN_COVERAGE = 0.4

_ASCII_WORD = re.compile(r"[a-z0-9]+")
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
        self._idf = index.idf
        self._unknown = index.unknown_idf
        self._postings = {term: tuple(doc for doc, _ in posting) for term, posting in index.postings.items()}
        hints = set(_ALIAS_WORDS)
        for claim in matcher.registry.claims:
            for text in claim.texts:
                for pattern, _ in alias_patterns:
                    for m in pattern.finditer(text.lower()):
                        hints.update(_ASCII_WORD.findall(m.group())[:1])
        self._hints = frozenset(hints)

    def terms(self, sentence: str) -> tuple[tuple[str, ...], frozenset[str]]:
        """The sentence's words and stemmed content terms, as the matcher's analysis would give them."""
        from .normalize import STOPWORDS, analyze, stem

        if sentence.isascii() and "US" not in sentence:
            lowered = sentence.lower()
            words = tuple(_ASCII_WORD.findall(lowered))
            if self._hints.isdisjoint(words) and not any(ch.isdigit() for ch in lowered):
                return words, frozenset(stem(w) for w in words if w not in STOPWORDS)
        analysis = analyze(sentence)
        return analysis.words, frozenset(analysis.terms)

    def coverage(self, terms: frozenset[str]) -> float:
        """The largest share of the terms' IDF weight that a single claim's vocabulary holds."""
        if not terms:
            return 0.0
        idf, unknown = self._idf, self._unknown
        total = known = 0.0
        for term in terms:
            w = idf.get(term)
            if w is None:
                total += unknown
            else:
                total += w
                known += w
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
        words, terms = self.terms(sentence)
        if not terms:
            return False
        if not self._names.isdisjoint(words):
            return True
        return self.coverage(terms) >= self.min_coverage


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
    for sentence in doc.sentences:
        if not is_statement(sentence.text) or not may_match(sentence.text):
            continue
        result = matcher.check(sentence.text)
        match = result.match
        if match is None or match.claim.id in options.ignore:
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


__all__ = ["LintOptions", "Prefilter", "FAIL_ON_CHOICES", "DEFAULT_FAIL_ON", "failing_verdicts", "is_failing",
           "lint_document", "lint_text", "prefilter_for", "syntax_for", "highlight_spans", "is_statement"]
