"""A learned second opinion on stance: does a matched statement deny its claim?

The rules (`stance.detect_stance` and the matcher's contrary-fact checks) read negations, debunking frames,
comparisons and the claim's counters; each rule was written from sentences the team had seen, and on a new
writer's sentences they transfer less well than learned weights do (docs/benchmarks.md, sessions 6 and 7).
This model takes the rules' answer and the cues behind it as features, adds the statement's words and word
pairs, and weighs them all with a logistic regression fitted on labelled statements
(`python bench/train_stance.py --write` writes `stance_weights.json`, read as JSON because a 4,000-entry
dict literal costs 20 ms to compile where no bytecode is cached, and `json` 1.4 ms). Its answer replaces the rules' answer;
a direct question is still decided by the rules (it asks, whatever its words).

Plain data in, a probability out: the features are named strings with values, so the fit, the check and
`--explain` all read the same thing, and nothing here knows about scores or terminals.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from .stance import words

#: Substrings of the rules' cue that name the rule that decided, one feature each ("cue:myth").
CUES = ("no negation", "negation '", "states the contrary", "negates a statement of the contrary",
        "compares the claim", "negates the claim's comparison", "its words are those", "gives the registry's figure",
        "puts on a par", "states positively", "myth", "frame")
#: The side model's log-odds (`sides.SideModel`) are clipped to +-LEAN_CLIP and scaled to +-1.
LEAN_CLIP = 10.0
WEIGHTS_FILE = Path(__file__).with_name("stance_weights.json")


@dataclass(frozen=True)
class StanceCues:
    """What the rules saw in a statement matched to a claim: the learned model's input besides the words."""

    rules_deny: bool          # the rules' answer
    rule_cue: str             # the cue that decided it ("negation 'not' governs 'bypass'")
    lean: float               # side-model log-odds: > 0 leans to the claim's texts, < 0 to its counters
    negated: bool             # the statement negates anything
    nearest_negated: bool     # the claim's text it came nearest negates anything
    debunk_frame: bool        # "it's a myth that ...", "no, ..."
    claim_negative: bool      # the claim itself is a negation ("R1 did not use SFT")
    nearest_counter: bool     # it came nearest a counter (a text of the contrary fact)


def features(text: str, cues: StanceCues) -> dict[str, float]:
    """The named features of one statement (binary unless named otherwise)."""
    lean = max(min(cues.lean, LEAN_CLIP), -LEAN_CLIP) / LEAN_CLIP
    out = {"rules:denies": float(cues.rules_deny), "lean": lean, "negated": float(cues.negated),
           "nearest:negated": float(cues.nearest_negated), "debunk-frame": float(cues.debunk_frame),
           "claim:negative": float(cues.claim_negative), "nearest:counter": float(cues.nearest_counter)}
    for cue in CUES:
        if cue in cues.rule_cue:
            out["cue:" + cue] = 1.0
    for w in words(text):
        out["w:" + w] = 1.0
    return out


def logit(feats: dict[str, float], bias: float, weights: dict[str, float]) -> float:
    """The model's log-odds that the statement denies its claim."""
    return bias + sum(weights.get(name, 0.0) * value for name, value in feats.items())


def probability(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z > -60 else 0.0


class StanceModel:
    """Fitted weights (`stance_weights.json`) applied to one statement's features."""

    def __init__(self, bias: float, weights: dict[str, float], claims: frozenset[str] | None = None):
        """`claims`: the ids of the claims whose statements the weights were fitted on, or None for any."""
        self.bias, self.weights, self.claims = bias, weights, claims

    @classmethod
    def shipped(cls) -> "StanceModel":
        fitted = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
        claims = fitted.get("claims")
        return cls(float(fitted["bias"]), {str(k): float(v) for k, v in fitted["weights"].items()},
                   frozenset(claims) if claims is not None else None)

    def covers(self, claim_id: str) -> bool:
        """Whether the model may judge statements of this claim. Its word weights were learned from
        statements about the built-in claims ("after" leans to denial there: "R1 came after V3"); on a
        user's own claim ("Python is named after the snake") the rules' reading is the better guess."""
        return self.claims is None or claim_id in self.claims

    def denies(self, text: str, cues: StanceCues) -> tuple[bool, str]:
        """(whether the statement denies its claim, a cue saying why when the model overrules the rules)."""
        feats = features(text, cues)
        z = logit(feats, self.bias, self.weights)
        deny = z >= 0.0
        if deny == cues.rules_deny:
            return deny, cues.rule_cue
        return deny, self._describe(feats, deny, z)

    def _describe(self, feats: dict[str, float], deny: bool, z: float) -> str:
        """Name the words that tipped it: the three strongest on the side the model chose."""
        sign = 1.0 if deny else -1.0
        pulls = sorted(((self.weights.get(n, 0.0) * v * sign, n) for n, v in feats.items() if n.startswith("w:")),
                       reverse=True)
        named = ", ".join("'" + n[2:].replace("_", " ") + "'" for pull, n in pulls[:3] if pull > 0)
        side = "denies" if deny else "affirms"
        return (f"the learned stance model overrules the rules: p({side}) = {probability(z * sign):.2f}"
                + (f", leaning on {named}" if named else ""))
