"""Which way round a comparison goes: "R1 came out before o1" against a claim that o1 came first.

A bag of words cannot tell "A before B" from "B before A", nor "Llama's licence is looser than R1's" from
"R1's licence is looser than Llama's". This module reads, from a claim's own texts, which of its terms stand
on which side of a comparison word, and tells whether a statement puts them the other way round. Antonyms
count as the same comparison reversed: "B after A" is "A before B", "B is stricter than A" is "A is looser
than B". Plain data in, plain data out; the matcher decides what a reversal means for the stance.
"""

from __future__ import annotations

import re
from collections import defaultdict

from .normalize import STOPWORDS, stem
from .stance import AUXILIARIES, NEGATORS, expand_contractions

#: Comparison words that need no "than", each with its canonical key and a sign (-1 for the antonym:
#: "after" is "before" reversed).
_STANDALONE: dict[tuple[str, ...], tuple[str, int]] = {}
#: Comparatives that compare with a "than" up to two words later ("a looser licence than", "stricter
#: terms than"), same keys.
_COMPARATIVES: dict[tuple[str, ...], tuple[str, int]] = {}
for key, forward, backward, comparative_forward, comparative_backward in (
    ("before", ("before", "predates", "predated", "preceded", "precedes", "ahead of"),
     ("after", "postdates", "followed", "follows"),
     ("older", "earlier"), ("newer", "younger", "later")),
    ("better", ("beats", "beat", "outperforms", "outperformed", "superior to"), ("inferior to", "loses to", "lost to"),
     ("better", "stronger"), ("worse", "weaker")),
    ("cheaper", (), (), ("cheaper", "less expensive", "less costly"),
     ("pricier", "costlier", "more expensive", "more costly")),
    ("looser", (), (), ("looser", "freer", "more permissive", "less restrictive", "more open"),
     ("stricter", "tighter", "more restrictive", "less permissive")),
    ("faster", (), (), ("faster", "quicker"), ("slower",)),
    ("bigger", (), (), ("bigger", "larger"), ("smaller",)),
):
    for table, phrases, sign in ((_STANDALONE, forward, 1), (_STANDALONE, backward, -1),
                                 (_COMPARATIVES, comparative_forward, 1), (_COMPARATIVES, comparative_backward, -1)):
        for phrase in phrases:
            table[tuple(phrase.split())] = (key, sign)
_LONGEST = max(len(k) for k in (*_STANDALONE, *_COMPARATIVES))
#: How many words on each side of a comparison word belong to it, within its clause.
_REACH = 6
_CLAUSES = re.compile(r"([;:!?]|[.,](?=\s|$))")
_WORD = re.compile(r"[a-z0-9]+")

#: How many words before a comparison word a negation of it may stand ("nothing from OpenAI can beat R1").
_NEGATION_REACH = 8
#: Negators that turn a comparison round; "without" describes ("faster without a critic").
_COMPARISON_NEGATORS = NEGATORS - {"without"}

#: (left stems, key, sign, right stems, negated)
Comparison = tuple[frozenset[str], str, int, frozenset[str], bool]


def find_comparisons(folded: str) -> list[Comparison]:
    """Each comparison in a text (`normalize.analyze(...).folded`), with the content stems within reach on
    either side in its clause: (left, key, sign, right, negated). A negated comparison is the comparison reversed
    ("R1 didn't come out before o1" puts o1 first), so its sign is turned round."""
    out: list[Comparison] = []
    pieces = _CLAUSES.split(expand_contractions(folded))
    for k in range(0, len(pieces), 2):
        words = _WORD.findall(pieces[k])
        question = k + 1 < len(pieces) and pieces[k + 1] == "?"
        i, n = 0, len(words)
        while i < n:
            step = 1
            for size in range(min(_LONGEST, n - i), 0, -1):
                span = tuple(words[i:i + size])
                found, after = _STANDALONE.get(span), i + size
                if found is None and span in _COMPARATIVES:
                    than = next((j for j in range(i + size, min(i + size + 3, n)) if words[j] == "than"), None)
                    if than is not None:
                        found, after = _COMPARATIVES[span], than + 1
                if found is not None:
                    start = i
                    while start > 0 and _is_degree(words[start - 1]):
                        start -= 1  # "V3 was more than ten times cheaper": the comparand is V3, not "ten times"
                    left = _stems(words[max(0, start - _REACH):start])
                    right = _stems(words[after:after + _REACH])
                    if left and right:
                        # "isn't V3 newer than R1?" asks; its "not" does not turn the comparison round
                        negated = any(w in _COMPARISON_NEGATORS
                                      and not (question and 0 < j <= 2 and words[j - 1] in AUXILIARIES)
                                      for j, w in enumerate(words[:i]) if j >= i - _NEGATION_REACH)
                        out.append((left, found[0], -found[1] if negated else found[1], right, negated))
                    step = after - i
                    break
            i += step
    return out


#: Words that say by how much a comparison holds ("more than ten times cheaper", "10x faster", "far better").
_DEGREE = frozenset("""more less than times x much far way lot a bit significantly substantially slightly
considerably vastly about roughly nearly almost over around some several two three four five six seven eight
nine ten eleven twelve fifteen twenty thirty forty fifty hundred thousand""".split())
_MULTIPLE = re.compile(r"\d+(?:\.\d+)?x?")


def _is_degree(word: str) -> bool:
    return word in _DEGREE or bool(_MULTIPLE.fullmatch(word))


def _stems(words) -> frozenset[str]:
    return frozenset(stem(w) for w in words if w not in STOPWORDS and not w.isdigit())


class OrderProfile:
    """Which of a claim's terms its texts put first, per comparison key: votes for (key, x, y) = x stands on
    the forward side of y. Only the things compared vote: terms that stay on one side of the comparisons
    that hold them, not the words around them that turn up on either side."""

    def __init__(self, texts: list[str]):
        """`texts`: the claim's texts, folded (`normalize.analyze(...).folded`)."""
        comparisons = [c for folded in texts for c in find_comparisons(folded)]
        sides: dict[tuple[str, str], list[int]] = defaultdict(list)
        for left, key, sign, right, _ in comparisons:
            for t in left:
                sides[(key, t)].append(sign)
            for t in right:
                sides[(key, t)].append(-sign)
        # a comparand stands on the same side in at least 3 of every 4 comparisons of one kind that hold it
        # (Llama can be the dearer model in "cheaper than" and the beaten one in "beat it for $5.6M")
        compared = {kt for kt, s in sides.items() if abs(sum(s)) * 2 >= len(s)}
        self.votes: dict[tuple[str, str, str], int] = defaultdict(int)
        for left, key, sign, right, _ in comparisons:
            first, second = (left, right) if sign > 0 else (right, left)
            for x in (t for t in first if (key, t) in compared):
                for y in (t for t in second if (key, t) in compared):
                    if x != y:
                        self.votes[(key, x, y)] += 1

    def reading(self, folded: str) -> tuple[int, bool]:
        """How a (folded) text orders the claim's terms, and whether a negated comparison says so.

        The order is -1 the other way round, and never the same way ("R1 came out before o1" for "o1 came
        first", or "o1 didn't come out before R1"); +1 the same way through a negated comparison ("R1 didn't
        come out before o1"), which the claim's words under a negation would otherwise read as a denial; 0
        otherwise (no comparison of the claim's terms, the same way plainly, or both ways)."""
        agree = disagree = through_negation = 0
        for left, key, sign, right, negated in find_comparisons(folded):
            first, second = (left, right) if sign > 0 else (right, left)
            for x in first:
                for y in second:
                    forward, backward = self.votes.get((key, x, y), 0), self.votes.get((key, y, x), 0)
                    agree += forward
                    disagree += backward
                    through_negation += (forward + backward) if negated else 0
        if disagree > 0 and agree == 0:
            return -1, through_negation > 0
        if agree > 0 and disagree == 0 and through_negation > 0:
            return 1, True
        return 0, False
