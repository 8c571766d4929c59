"""The learned stance model: its features, how the matcher lets it overrule the rules, and its fit.

Weights here are made up for each test (the shipped ones are measured by bench/train_stance.py and
bench/compare.py, not pinned), so a test names exactly which feature tips which way.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from factcheck.matcher import Matcher
from factcheck.stance import words
from factcheck.stance_model import StanceCues, StanceModel, features

ROOT = Path(__file__).resolve().parents[1]



def cues(**changed) -> StanceCues:
    base = dict(rules_deny=False, rule_cue="no negation or debunking cue", lean=0.0, negated=False,
                nearest_negated=False, debunk_frame=False, claim_negative=False, nearest_counter=False)
    return StanceCues(**{**base, **changed})


def acme_matcher(registry, model) -> Matcher:
    return Matcher(registry, stance_model=model)


def test_words_are_folded_with_contractions_expanded_and_paired():
    assert words("Acme DIDN'T ship") >= {"acme", "did", "not", "ship", "did_not", "not_ship", "acme_did"}


def test_features_carry_the_rules_answer_their_cue_and_a_clipped_lean():
    feats = features("It's a myth.", cues(rules_deny=True, rule_cue="debunking frame: 'myth'", lean=-25.0))
    assert feats["rules:denies"] == 1.0 and feats["cue:myth"] == 1.0 and feats["cue:frame"] == 1.0
    assert feats["lean"] == -1.0  # clipped to the side model's range, then scaled
    assert "cue:no negation" not in feats and feats["w:myth"] == 1.0


def test_the_model_agrees_with_the_rules_and_keeps_their_cue():
    model = StanceModel(-1.0, {"rules:denies": 2.0})
    assert model.denies("Acme lasts a week.", cues()) == (False, "no negation or debunking cue")
    assert model.denies("Acme lasts a week.", cues(rules_deny=True, rule_cue="negation 'not'"))[0] is True


def test_when_the_model_overrules_the_rules_its_cue_names_the_words_that_tipped_it():
    model = StanceModel(-1.0, {"rules:denies": 2.0, "w:hah": 3.0, "w:acme": -0.5})
    deny, cue = model.denies("Acme lasts a week, hah.", cues())
    assert deny is True
    assert "overrules the rules" in cue and "'hah'" in cue and "'acme'" not in cue


def test_the_matcher_lets_the_model_have_the_last_word(battery_registry):
    statement = "Acme's phone runs a week on one charge, said nobody honest."
    plain = acme_matcher(battery_registry, False).check(statement).match
    tipped = acme_matcher(battery_registry, StanceModel(-1.0, {"rules:denies": 2.0, "w:honest": 5.0})).check(
        statement, explain=True).match
    assert plain is not None and tipped is not None and plain.claim.id == tipped.claim.id == "acme-week-battery"
    assert (plain.stance, tipped.stance) == ("affirms", "denies")
    assert "'honest'" in tipped.why.stance_cue


def test_a_direct_question_still_asks_whatever_the_model_says(battery_registry):
    model = StanceModel(5.0, {})  # denies everything
    match = acme_matcher(battery_registry, model).check("Does Acme's phone run a week on one charge?").match
    assert match is not None and match.stance == "asks"


def test_without_a_model_the_rules_decide(battery_registry):
    matcher = acme_matcher(battery_registry, False)
    assert matcher.stance_model is None
    match = matcher.check("Acme's phone does not run a week on one charge.").match
    assert match is not None and match.stance == "denies"


def test_the_model_judges_only_the_claims_it_was_fitted_on(battery_registry):
    statement = "Acme's phone runs a week on one charge."
    elsewhere = StanceModel(5.0, {}, claims=frozenset({"another-claim"}))  # would deny everything it covers
    covering = StanceModel(5.0, {}, claims=frozenset({"acme-week-battery"}))
    assert acme_matcher(battery_registry, elsewhere).check(statement).match.stance == "affirms"  # the rules
    assert acme_matcher(battery_registry, covering).check(statement).match.stance == "denies"


def test_the_shipped_model_loads_and_weighs_the_rules_answer_towards_denying():
    model = StanceModel.shipped()
    assert model.weights["rules:denies"] > 0
    assert model.claims is not None and model.covers("v3-671b-37b-active") and not model.covers("acme-week-battery")
    assert all(name.startswith(("w:", "cue:")) or name in features("x", cues()) for name in model.weights)


@pytest.fixture(scope="module")
def trainer():
    spec = importlib.util.spec_from_file_location("train_stance_bench", ROOT / "bench" / "train_stance.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_fit_learns_a_word_that_flips_the_rules(trainer):
    # the rules say "affirms" every time; "bogus" marks every denial, "nice" is in half of each side's rows
    denial, affirmation = {"rules:denies": 0.0, "w:bogus": 1.0}, {"rules:denies": 0.0}
    rows = [("", denial, 1.0), ("", {**denial, "w:nice": 1.0}, 1.0)] * 10 \
        + [("", affirmation, 0.0), ("", {**affirmation, "w:nice": 1.0}, 0.0)] * 20
    bias, weights = trainer.fit(rows, trainer.vocabulary(rows, min_count=5), l2=1.0)
    assert weights["w:bogus"] > 2.0 and abs(weights.get("w:nice", 0.0)) < weights["w:bogus"] / 4
    assert trainer.judged(rows, bias, weights) == (60, 40, 60)


def test_words_seen_too_rarely_are_not_fitted(trainer):
    rows = [("", {"rules:denies": 1.0, "w:once": 1.0}, 1.0)] + [("", {"rules:denies": 0.0}, 0.0)] * 9
    assert trainer.vocabulary(rows, min_count=2) == ["rules:denies"]
