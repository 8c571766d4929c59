"""Does a statement affirm the claim it matched, or deny it?

Two kinds of cue decide it:

* a debunking frame around the whole sentence ("it's a myth that ...", "no, ...", "contrary to reports",
  "the idea that ... is pure fiction", "stop repeating ...", "there is no evidence that ...");
* a negation that governs the claim's own predicate: a `not`/`never`/`no` in the clause that carries the
  claim, and not one that belongs to the claim itself ("no rollbacks" in a claim about a run without
  rollbacks), nor a quantifier ("not more than 2,048 GPUs"), nor one inside a side clause, nor one in a
  foil clause that another clause, without a negation, outweighs ("V3 wasn't a 2025 release; it shipped
  on December 26, 2024").

The function works on the words of one sentence and the phrasings of the matched claim; it knows nothing
about scores or terminals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import AFFIRMS, DENIES
from .normalize import STOPWORDS, fold, stem

_CONTRACTIONS = (
    (re.compile(r"\bwon'?t\b"), "will not"),
    (re.compile(r"\bcan'?t\b|\bcannot\b"), "can not"),
    (re.compile(r"\bain'?t\b"), "is not"),
    (re.compile(r"\bshan'?t\b"), "shall not"),
    (re.compile(r"n't\b"), " not"),
    (re.compile(r"\b(it|that|this|what|there|here|which|who|he|she)'s\b"), r"\1 is"),
    (re.compile(r"\b(does|did|is|was|are|were|has|have|had|do|could|would|should)nt\b"), r"\1 not"),
    # a hyphenated compound is an adjective, not a negation: "a no-name lab", "a no-brainer", "no-code"
    (re.compile(r"\bno-(?=[a-z])"), "no"),
)

NEGATORS = frozenset({"not", "never", "no", "none", "nobody", "nothing", "neither", "nor", "without"})

# A negator followed by these within a few words is a quantifier or an idiom, not a denial.
_NEUTRAL_AFTER = re.compile(
    r"^(?:\w+\s+){0,2}(?:more|less|fewer|later|earlier)\s+than\b"
    r"|^(?:doubt|wonder|matter|surprise|surprising(?:ly)?|exception|mean feat|small feat|coincidence|joke|kidding|"
    r"problem|problems|worries|question|big deal|bad|offense|offence|forget|forgetting|overlook|ignore|"
    r"secret|denying|deny|disputing|dispute|argue with|arguing with)\b"
    r"|^(?:\w+\s+)?appreciat\w*\s+(?:how|that|just|the fact)\b"
    # a negated subject or frame over a factive verb presupposes what follows: "not many people realise
    # that X", "it's hard not to notice that X"
    r"|^(?:many|a lot of|enough|everyone|everybody)\s+(?:\w+\s+){0,2}?(?:know|knew|realis|realiz|understand|notic|"
    r"mention|remember|appreciat|talk|point)\w*"
    r"|^to\s+(?:notice|see|admire|conclude|think|be impressed)\b"
    r"|^(?:only|just|merely|simply)\b.*\b(?:but|also|too|as well)\b"
    r"|^only\s+(?:did|does|do|is|was|are|were|has|have|had|can|could|will|would)\b"  # "Not only did X ..."
    r"|^(?:all|every|everyone|everything|everybody)\b"  # "not all 671B parameters fire": a part, not none
    r"|^(?:stop|stopped|prevent|prevented|keep|kept)\s+(?:(?:\w+\s+){1,3}from|anyone|anybody|you|people|users)\b"
    # "didn't stop X from having", "doesn't stop anyone running it"
)
# "Nobody expected X", "no one had heard of X", "nothing stops you from X": the negation is about people's
# expectations or about obstacles, and X itself is presupposed, not denied.
_PRESUPPOSING_AFTER_NOBODY = re.compile(
    r"^(?:one\s+)?(?:(?:had|has|have|really|even|ever|could|would|seriously|truly|actually)\s+){0,2}"
    r"(?:expect\w*|knew|known|heard|hear|saw|see|seen|predict\w*|thought|imagin\w*|believ\w*|guess\w*|"
    r"anticipat\w*|cared?|notic\w*|paid attention|saw it coming|foresaw|mentions?|mentioned|talks? about|"
    r"tells? you|points? out|realis\w*|realiz\w*|remembers?|appreciat\w*)\b")
# "Nobody had trained FP8 at that scale before V3", "no other lab figured it out; only DeepSeek did", "no
# company had ever lost as much": a negated subject that sets the claim's subject apart (first, only, most).
_SETS_APART = re.compile(r"\b(?:before|ever|until|first|else|only|as much|as many|as big|as large|so much|"
                         r"like (?:it|this|that))\b")
_NO_OTHER = re.compile(r"^(?:one|other|\w+ (?:before|else|ever)|(?:company|lab|chatbot|model|firm) )")
_NOTHING_STOPS = re.compile(r"^(?:stops?|prevents?|keeps?|forbids?|bars?)\s+(?:you|anyone|anybody|people|users|"
                            r"companies|developers|us|them|me)\b")
# "No. 1 on the App Store" is a rank, not a negation; "never #1" is a negation.
_RANK_AFTER_NO = re.compile(r"^\d")

# Frames that deny whatever follows (or precedes) them. Each pattern is searched in the folded sentence.
_DENY_FRAMES: tuple[tuple[str, str], ...] = (
    ("opening refutation", r"(?:^|\?)\W*(?:(?:lol|lmao|haha|ha|oh|um|uh+m*|well|ok|okay|sorry|look|honestly)\W+)?(?:no|nope|wrong|false|myth|nah|incorrect|fact[\s-]?check|debunked|misconception|"
                           r"myth busted|not true|not so|not quite|not happening|not even close|hardly|backwards|"
                           r"(?:wrong|false|incorrect)\s+\w+)\b\s*[,:.!\-;]"),
    ("it is a myth that", r"\b(?:it|that|this)(?:'s| is| was)\s+(?:(?:a|an|just a|just|simply|totally|completely|"
                          r"pure|a common|a popular|an old)\s+)*(?:myth|false|untrue|wrong|nonsense|fiction|fantasy|absurd|"
                          r"ridiculous|silly|naive|laughable|misguided|"
                          r"misconception|not true|not the case|fake|a lie|bs|bullshit|misinformation|disinformation|"
                          r"a misreading|misleading|incorrect)\s+(?:that\b|to (?:say|claim|think|believe|suggest|assume|call)\b)"),
    ("contrary to", r"\bcontrary to\b"),
    ("the idea that ... is false", r"\b(?:idea|claim|claims|notion|belief|myth|story|narrative|rumou?rs?|assertion|"
                                   r"suggestion|theory|meme|talking point|headline|take)\s+(?:that|of)\b.*\b(?:is|are|was|were|"
                                   r"remains?|seems?)\s+(?:\w+\s+){0,2}(?:myth|false|wrong|untrue|nonsense|fiction|"
                                   r"overblown|misleading|bogus|baseless|debunked|not true|a misconception|exaggerated|"
                                   r"incorrect|inaccurate|a lie|unfounded|flawed|absurd|ridiculous|silly|misguided|"
                                   r"overstated|off|fantasy|bs|garbage|a stretch|simply not)"),
    ("myth label", r"\b(?:myth|misconception|false claim|falsehood|fake news|misinformation|debunk\w*|rumou?r)\b\s*"
                   r"(?:#?\s*\d+\s*)?[:\-.]"),
    ("wrongly claimed", r"\b(?:wrongly|falsely|mistakenly|incorrectly|erroneously|misleadingly)\s+(?:\w+\s+)?"
                        r"(?:claim|say|said|report|believe|assume|state|suggest|think|thought|tout|portray|describe|"
                        r"present|attribute|credit|blame)"),
    ("stop repeating", r"\b(?:stop|quit|enough with|enough of)\s+(?:\w+\s+)?(?:saying|repeating|quoting|claiming|"
                       r"pretending|believing|spreading|citing|parroting|posting|sharing|with|blaming|attaching|"
                       r"attributing|crediting|calling|treating|acting like|assuming|insisting)\b"),
    ("is made up", r"\b(?:is|are|was|were)\s+(?:an?\s+|the\s+)?(?:(?:total|complete|pure)\s+)?(?:made[\s-]up|invented|"
                   r"fabricated|fictional|fictitious|imaginary)\b"),
    ("no evidence that", r"\b(?:no|zero|little|scant) (?:\w+\s+)?(?:evidence|proof|sign|indication|basis|truth|"
                         r"reason to (?:think|believe))\b"
                         r"|\b(?:unproven|unsubstantiated|unfounded|baseless|unverified)\b"),
    ("far from", r"\b(?:far from|anything but|by no means|in no way|not at all|nowhere near|nowhere close|a far cry from)\b"
                 r"|\b(?:is|are|was|were) hardly\b(?!\s+(?:an?\s+)?(?:secret|news|surprising|surprise|new|"
                 r"controversial|unusual)\b)"),
    ("is a myth", r"\b(?:is|are|was|were)\s+(?:\w+\s+)?(?:a myth|false|untrue|debunked|nonsense|bogus|fiction|"
                  r"overblown|not true|a misconception|incorrect|fake news|misinformation|exaggerated|wrong|"
                  r"inaccurate|misleading|a lie|fake|garbage|bs|way off|made up|pure fiction|a fantasy|fantasy)"
                  r"\s*[.!]*\s*$"
                  # words that only judge a statement may also open a reason: "... is wrong, since ...";
                  # not "fake" or "a lie", which are often the claim itself ("the popularity is fake, it's bots")
                  r"|\b(?:is|are|was|were)\s+(?:\w+\s+)?(?:a myth|false|untrue|debunked|nonsense|incorrect|wrong|"
                  r"inaccurate|misleading|(?:an? )?(?:premature )?misreadings?|premature|"
                  r"(?:an? )?(?:common |popular |widespread |persistent )?(?:misconception|misunderstanding)s?)"
                  r"(?:\s*[:;,.]|\s+(?:since|because|as)\b)"
                  # "... is a misreading of what happened", "January 13 is the wrong date for it"
                  r"|\b(?:is|are|was|were)\s+(?:an?\s+)?(?:\w+\s+)?(?:misreading|misrepresentation|misunderstanding|"
                  r"distortion)s?\s+of\b"
                  r"|\b(?:is|are|was|were)\s+(?:the|a)\s+wrong\s+(?:date|day|month|year|number|figure|count|amount|"
                  r"chip|gpu|model|timeline)s?\b"),
    ("not the case", r"\b(?:not|never) (?:the case|so|true|happened|what happened|how it works|accurate|correct|right|"
                     r"(?:an? )?established(?: fact)?|proven|a fact)\b|\b(?:proves|means|shows) nothing\b"),
    ("does not exist", r"\b(?:never|not|no longer)\s+(?:existed|exists?|happened|a thing|real)\b|\bno such thing\b"),
    ("doesn't hold up", r"\b(?:does|do|did) not (?:hold (?:up|water)|stand up|add up|check out|survive|stack up)\b"
                        r"|\b(?:contrast|claim|comparison|argument|story|idea|narrative|theory|logic|premise|math|"
                        r"number|figure|take|framing)s? (?:\w+ )?(?:does|do|did) not hold\b"
                        r"|\b(?:have|has|had|got|get|gets|getting) (?:it|this|that) (?:all )?(?:wrong|backwards)\b"
                        r"|\bapples[\s-](?:to|and|with)[\s-]oranges\b"
                        r"|\b(?:falls apart|misses the point|the other way (?:a)?round|"
                        r"nothing (?:behind|to) it|not quite|mix-?up)\b"),
    ("is speculation", r"\b(?:is|are|was|were|remains?)\s+(?:\w+\s+)?(?:speculat\w*|unsupported|hearsay|conjecture|"
                       r"guesswork|(?:\w+\s+)?guess\b|"
                       r"far too (?:broad|simple)|too simplistic|an? (?:oversimplification|overstatement|exaggeration))\b"
                       r"|\bunsupported by\b"),
    ("calling it ... ignores", r"^\W*(?:calling|saying|claiming|the (?:idea|claim|notion|story|narrative|theory) that)\b.*"
                               r"\b(?:ignores|overlooks|misses|misreads|glosses over|is wrong|is false)\b"),
    ("debunked", r"\b(?:debunk\w*|myth[\s-]?bust\w*|fact[\s-]?check\w*|refut\w*|disprove\w*)\b"),
)
_DENY_RES = tuple((name, re.compile(p)) for name, p in _DENY_FRAMES)

# A frame that itself is negated ("it's not a myth that ...") affirms.
_NEGATED_FRAME = re.compile(r"\b(?:not|never|hardly) (?:a |an |just a )?(?:myth|false|untrue|wrong|misconception|fiction|"
                            r"nonsense|exaggerat\w*|overblown|debunked)\b"
                            r"|\b(?:it|that|this) is (?:not|no|never) (?:a |an |just a )?(?:rumou?r|hoax|lie|"
                            r"conspiracy theory|made up|fake)\b")

_CLAUSE_SPLIT = re.compile(
    r"((?<!\d),|,(?!\d)|[;:()\[\]\u2014\u2013]|\s-\s|\.\.\.|\b(?:which|who|whom|whose|although|though|whereas|"
    r"while|since|even if|unless|but|yet|however|so that|and yet|except that|rather than|back when|"
    r"at a time when)\b)"
    # not "because": in "X isn't cheap because of Y" the negation governs the reason; commas inside
    # numbers (10,000) do not split
)
# "no restrictions", "no strings": an absence of limits, which says something is free, not that it is false.
_PERMISSIVE = re.compile(r"^(?:restrictions?|limits?|limitations?|caps?|strings|catch|fees?|royalt\w*|barriers?|"
                         r"obstacles?|conditions?)$")
# Clauses introduced by these are side clauses: a negation there is about something else.
_SUBORDINATE = frozenset({"which", "who", "whom", "whose", "although", "though", "whereas", "while", "since",
                          "even if", "unless", "back when", "at a time when"})
# Words that carry a negation without a negator: they restate a negative claim rather than contradict it.
_NEGATIVE_MEANING = re.compile(r"\b(?:incapable|unable|impossible|fail\w*|lack\w*|zero|free of|devoid|absent|"
                               r"missing|barely|nobody|nothing|nowhere|eliminat\w*|drop\w*|remov\w*|ditch\w*|skip\w*|abandon\w*|"
                               r"dispens\w*|get rid|got rid|instead of|rather than)\b")
AUXILIARIES = frozenset({"is", "was", "are", "were", "do", "does", "did", "has", "have", "had", "can", "could",
                         "will", "would", "should", "is", "ai"})
_WORD_RE = re.compile(r"[a-z0-9]+|[\u3400-\u9fff]")


def has_debunk_frame(text: str) -> bool:
    """True when the sentence frames something as false ("it's a myth that", "contrary to", ...).

    The matcher uses it as a feature: a debunk talks about a claim even when it shares fewer of its words.
    """
    folded = expand_contractions(fold(text))
    return any(pattern.search(folded) for _, pattern in _DENY_RES)


_DIRECT_QUESTION = re.compile(
    r"^\W*(?:did|does|do|is|are|was|were|has|have|had|can|could|will|would|should|how|what|why|when|where|who|"
    r"which|whose|any(?:one|body)(?!\s+else\b)|any\s+(?:idea|ideas|tips|advice|pointers))\b"
    r"(?!n[o']?t\b|\s+not\b|\s+(?:you|ya|u)\s+(?:know|hear|heard|see|seen|reali[sz]e|notice)\b)"
    r"[^?]*\?+[\W_]*$")


def is_direct_question(text: str) -> bool:
    """A question that asks rather than asserts: "Did DeepSeek spend only $6M?", "How many GPUs did V3 use?",
    "Anyone know how DualPipe works?" (an auxiliary left out).

    A negative question ("Isn't it wild that DeepSeek bypassed CUDA?") asks for agreement and is left to
    the stance rules; so is a sentence with a question inside it ("R1 older than V3? Backwards.").
    """
    return bool(_DIRECT_QUESTION.match(fold(text).strip()))


def expand_contractions(text: str) -> str:
    for pattern, repl in _CONTRACTIONS:
        text = pattern.sub(repl, text)
    return text


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(text)


_RESTRICTIVE = re.compile(r"\b(?:only|just|merely|simply|solely|nothing but|nothing more than)\b")


@dataclass(frozen=True)
class ClaimPolarity:
    """What a claim's own wording negates: the stems that follow a negator in its phrasings."""

    negated_stems: frozenset[str]
    negative: bool  # most phrasings state the claim with a negation ("DeepSeek made no innovations")
    asserted_stems: frozenset[str] = frozenset()  # stems the phrasings never negate
    restrictive: bool = False  # the phrasings say "only"/"just" ("the $6M is just the final run")


def claim_polarity(texts: tuple[str, ...] | list[str], negative_wording: bool = False) -> ClaimPolarity:
    """Read a claim's phrasings once to learn which of its concepts it states negatively.

    A stem counts as negated when it follows a negator in more phrasings than it appears without one, so a
    claim phrased both ways ("doesn't hallucinate" / "is hallucination-free") negates nothing.
    `negative_wording` marks a claim whose concept groups accept a negation ("won't", "can't talk"): its
    predicate is negative in itself, so a negated restatement affirms it.
    """
    negated: dict[str, int] = {}
    positive: dict[str, int] = {}
    negative_count = 0
    for text in texts:
        words = _words(expand_contractions(fold(text)))
        has_neg = False
        in_scope: set[int] = set()
        for i, w in enumerate(words):
            if w in NEGATORS and not _is_neutral(words, i):
                has_neg = True
                in_scope.update(range(i + 1, min(i + 4, len(words))))
        for i, w in enumerate(words):
            if w in STOPWORDS:
                continue
            bucket = negated if i in in_scope else positive
            bucket[stem(w)] = bucket.get(stem(w), 0) + 1
        negative_count += has_neg
    net = frozenset(t for t, n in negated.items() if n > positive.get(t, 0))
    asserted = frozenset(t for t in positive if t not in negated)
    negative = negative_wording or negative_count * 5 >= len(texts) * 3
    restrictive = sum(1 for t in texts if _RESTRICTIVE.search(fold(t))) * 3 >= len(texts)
    return ClaimPolarity(net, negative, asserted, restrictive)


_WORD = re.compile(r"[a-z]+")


def words(text: str) -> set[str]:
    """A sentence's lower-case words and adjacent word pairs ("not_just"), contractions expanded: what the
    learned models (`stance_model`, `acceptance_words`) weigh. `fold` is idempotent, so a folded text
    (`Analysis.folded`) gives the same words as the original."""
    found = _WORD.findall(expand_contractions(fold(text)))
    return set(found) | {a + "_" + b for a, b in zip(found, found[1:])}


def has_negation(text: str) -> bool:
    """True when a text negates or excludes anything: a phrasing that words a negative claim positively
    ("your data stays with you" for "no data goes to DeepSeek") is stated, not contradicted, by a positive
    statement."""
    folded = fold(text)
    if _RESTRICTIVE.search(folded) or _NEGATIVE_MEANING.search(folded):
        return True  # "from RL only", "zero rewinds" exclude what the claim's negation does ("no SFT")
    words = _words(expand_contractions(folded))
    return _negators(words, with_without=True) != [] \
        or any(_NEGATIVE_VERB.match(" ".join(words[i:i + 2])) for i in range(len(words)))


def has_negator(text: str) -> bool:
    """True when a sentence holds a negator that is not a quantifier or an idiom ("not more than", "no doubt");
    narrower than `has_negation`, which also counts "only", "zero" and verbs such as "drops"."""
    return _negators(_words(expand_contractions(fold(text))), with_without=True) != []


def _negators(words: list[str], *, with_without: bool = False) -> list[int]:
    """The positions of the negators that negate (not "no doubt", "not more than"); "without" only on request."""
    return [i for i, w in enumerate(words)
            if w in NEGATORS and (with_without or w != "without") and not _is_neutral(words, i)]


_MAGNITUDES = frozenset({"thousand", "million", "billion", "trillion", "k", "m", "mn", "b", "bn", "t", "usd"})


def _negated_scope(text: str) -> frozenset[str]:
    """The content stems within three words after each negation of a text ("china" in "open source is
    winning, not China"); not figures: "forget $6M, it was $2.5B" restates "$2.5B, not $6M"."""
    words = _words(expand_contractions(fold(text)))
    return frozenset(stem(x) for i in _negators(words) for x in words[i + 1:i + 4]
                     if x not in STOPWORDS and not x[0].isdigit() and x not in _MAGNITUDES)


def _negated_heads(text: str) -> frozenset[str]:
    """The first content stem after each negation of a text: what it negates ("need" in "you don't need
    CUDA"). A statement that negates the same word as the claim's nearest wording restates that wording
    ("DeepSeek doesn't need CUDA anymore"); it does not deny the claim."""
    words = _words(expand_contractions(fold(text)))
    return frozenset(next((stem(x) for x in words[i + 1:] if x not in STOPWORDS), None) for i in _negators(words)) \
        - {None}


def _is_neutral(words: list[str], i: int) -> bool:
    rest = " ".join(words[i + 1:i + 12])
    if words[i] == "no" and _RANK_AFTER_NO.search(rest):
        return True
    if (words[i] == "nobody" or (words[i] == "no" and rest.startswith("one "))) and _PRESUPPOSING_AFTER_NOBODY.search(rest):
        return True
    if words[i] == "nothing" and _NOTHING_STOPS.search(rest):
        return True
    if (words[i] == "nobody" or (words[i] == "no" and _NO_OTHER.search(rest))) \
            and _SETS_APART.search(" ".join(words[:i] + words[i + 1:])):
        return True
    return bool(_NEUTRAL_AFTER.search(rest))


# A short clause that answers a negated one with another subject: "...; DeepSeekMath did", "only DeepSeek did".
_ELLIPTICAL_REPLY = re.compile(r"^(?:only\s+|but\s+)?(?:[a-z0-9]+\s+){1,3}(?:did|does|do|was|is|were|are|has|have|had|"
                               r"can|could|will|would)(?:\s+(?:it|that|so|too|this))?$")
_NEGATIVE_VERB = re.compile(r"^(?:without|no|drop\w*|remov\w*|eliminat\w*|ditch\w*|skip\w*|abandon\w*|lack\w*|"
                            r"get rid|got rid|getting rid|do away|did away|dispens\w*)\b")


def _negates_a_negative(scope: list[str]) -> bool:
    """True when a negation's scope opens with a negative word: "doesn't get rid of the critic", "wasn't
    trained without human data" deny a claim stated negatively ("no critic", "no human data")."""
    return any(_NEGATIVE_VERB.search(" ".join(scope[j:])) for j in range(min(2, len(scope))))


def _claim_overlap(words: list[str], claim_stems: frozenset[str] | dict[str, float]) -> float:
    """How much of a clause's content is the claim's: which clause carries the claim. With a mapping of
    stems to weights (the share of the claim's texts that use each), a word the claim keeps repeating
    counts more than one it mentions once."""
    if isinstance(claim_stems, dict):
        return sum(claim_stems.get(stem(w), 0.0) for w in words if w not in STOPWORDS)
    return sum(1 for w in words if w not in STOPWORDS and stem(w) in claim_stems)


def _contrast_targets_claim(before: list[str], after: list[str], claim_stems: frozenset[str]) -> bool:
    """In "X, not Y", True when Y carries more of the claim than X: "an efficiency gain, not a revolution"
    denies a claim about a revolution, while "the full-power R1, not the cut-down one" affirms X."""
    return _claim_overlap(after[1:], claim_stems) > _claim_overlap(before, claim_stems)


def _foil(clauses: list[list[str]], k: int, claim_stems: frozenset[str]) -> bool:
    """True when clause k (negated) is a foil: another clause, without a negation, carries more of the
    claim ("V3 wasn't a 2025 release; it shipped on December 26, 2024")."""
    mine = _claim_overlap(clauses[k], claim_stems)
    return any(_claim_overlap(c, claim_stems) > mine for j, c in enumerate(clauses)
               if j != k and not any(w in NEGATORS for w in c))


# "..., it was D.C.", "; that was V2", "but DeepSeek": a short clause that puts the right value in place of
# the one a negated clause rejects.
_DISMISSIVE = frozenset({"just", "only", "merely", "simply"})
_CORRECTION = re.compile(r"^(?:(?:it|that|this|they|he|she)\s+(?:is|was|are|were)|but|rather|instead)\b")


def _corrected(clauses: list[list[str]], k: int, scope: list[str], claim_stems: frozenset[str] | dict[str, float]) -> bool:
    """True when a negated clause is followed by a short correction that carries more of the claim than what
    the negation rejects: "the top region wasn't California, it was D.C." states that D.C. led."""
    if k + 1 >= len(clauses):
        return False
    nxt = clauses[k + 1]
    if len(nxt) > 8 or not _CORRECTION.match(" ".join(nxt)) or any(w in NEGATORS or w in _DISMISSIVE for w in nxt):
        return False  # "...; it's just Wang's say-so" dismisses, it does not correct
    return _claim_overlap(nxt, claim_stems) > _claim_overlap(scope, claim_stems)


def detect_stance(sentence: str, polarity: ClaimPolarity, claim_stems: frozenset[str] | dict[str, float],
                  nearest: str | None = None) -> tuple[str, str]:
    """Return (`affirms`|`denies`, the cue that decided it) for a sentence matched to a claim.

    `claim_stems` are the content stems of the claim's phrasings, used to find the clause that carries
    the claim, optionally mapped to the share of the phrasings that use each (a clause's weight is then
    the sum of its stems' shares, not their count); `polarity` says which concepts the claim itself
    states negatively. `nearest` is the claim's wording closest to the sentence, when known: a negation of
    the word it negates restates it, and a positive sentence near a positive wording states it.
    """
    text = expand_contractions(fold(sentence)).strip()
    flips = 0
    cues: list[str] = []

    frame_hit = None
    for name, pattern in _DENY_RES:
        if pattern.search(text):
            frame_hit = name
            break
    if frame_hit and not _NEGATED_FRAME.search(text):
        flips += 1
        cues.append(frame_hit)

    parts = _CLAUSE_SPLIT.split(text)
    clauses: list[list[str]] = []
    subordinate: list[bool] = []
    lead = ""
    for k, part in enumerate(parts):
        if k % 2:  # a delimiter
            lead = part.strip()
            continue
        words = _words(part)
        if words:
            clauses.append(words)
            subordinate.append(lead in _SUBORDINATE)
    clauses = clauses or [[]]
    question = "?" in text
    nearest_negated: frozenset[str] | None = None
    own_negation_present = False
    governing: str | None = None
    any_negation = False
    for k, words in enumerate(clauses):
        for i, w in enumerate(words):
            if w not in NEGATORS or _is_neutral(words, i):
                continue
            # the negation's scope: the next few content words of its clause
            targets = [stem(x) for x in words[i + 1:] if x not in STOPWORDS][:4]
            if w == "without":
                any_negation = True  # "trained without SFT" describes; it rarely denies
                if any(x in NEGATORS for x in words[max(0, i - 3):i]):
                    continue  # "wasn't trained without human data": the outer negation decides
                own_negation_present |= any(t in polarity.negated_stems for t in targets[:3])
                continue
            if words[i + 1:i + 2] in (["only"], ["just"], ["merely"], ["simply"]) and k + 1 < len(clauses) \
                    and not polarity.restrictive:
                continue  # "V3 doesn't just predict the next token; it predicts two": more than, not instead of
                # (but "the $6M isn't just the final run" denies a claim that says it is only that)
            if k + 1 < len(clauses) and _ELLIPTICAL_REPLY.match(" ".join(clauses[k + 1])) \
                    and (clauses[k + 1][0] == "only" or _claim_overlap(clauses[k + 1], claim_stems)):
                continue  # "R1 didn't introduce GRPO; DeepSeekMath did": it corrects who, and keeps the what
            if w == "not" and i > 0 and words[i - 1] in ("may", "must", "shall"):
                continue  # "you may not use its outputs to ...": states a rule, does not deny a fact
            if w == "no" and words[i + 1:i + 2] and _PERMISSIVE.match(words[i + 1]) \
                    and stem(words[i + 1]) not in claim_stems:
                continue  # "no restrictions on commercial use": a freedom, unless restrictions are the claim
            if question and w == "not" and 0 < i <= 2 and words[i - 1] in AUXILIARIES:
                continue  # "isn't V3 newer than R1?" asks for agreement; it does not deny
            if w == "not" and i == 0 and k > 0 and not _contrast_targets_claim(clauses[k - 1], words, claim_stems):
                continue  # "the full-power R1, not the cut-down one": a contrast that affirms what precedes
            any_negation = True
            if nearest_negated is None:
                nearest_negated = _negated_heads(nearest) if nearest else frozenset()
            if targets[:1] and targets[0] in nearest_negated:
                own_negation_present = True  # the nearest wording negates the same word: "doesn't need CUDA"
            elif any(t in polarity.negated_stems for t in targets[:3]) and not _negates_a_negative(words[i + 1:i + 5]):
                own_negation_present = True  # the claim's own "no rollbacks": part of what it says
            elif not subordinate[k] and governing is None and any(t in claim_stems for t in targets) \
                    and not _foil(clauses, k, claim_stems) and not _corrected(clauses, k, words[i + 1:], claim_stems):
                if polarity.negative and not any(t in polarity.asserted_stems for t in targets[:3]) \
                        and not _negates_a_negative(words[i + 1:i + 5]):
                    own_negation_present = True  # a claim stated negatively, restated negatively
                else:
                    governing = w  # a negation whose scope holds the claim's own words
    if governing and not own_negation_present and not frame_hit:
        flips += 1
        cues.append(f"negation '{governing}' governs the claim")
    if not any_negation and not frame_hit and polarity.negated_stems and not _NEGATIVE_MEANING.search(text):
        mentioned = {stem(w) for c in clauses for w in c}
        if polarity.negative and (nearest is None or has_negation(nearest)):
            positively = mentioned & polarity.negated_stems
        else:
            # a claim stated positively that sets a foil aside ("open source is winning, not China"): naming
            # the foil without a negation, as its closest wording negates it, states the foil
            positively = mentioned & polarity.negated_stems & _negated_scope(nearest) \
                if nearest and not has_negation(sentence) else set()
        if positively:
            flips += 1
            cues.append("states positively what the claim negates")
    stance = DENIES if flips % 2 else AFFIRMS
    return stance, "; ".join(cues) or "no negation or debunking cue"
