"""The statement's words recalibrate the acceptance score: order kept, even odds at the threshold, applied
only where the registry is shaped like the built-in one, and `could_match` still exact.

Weights are made up for each test; the shipped ones are measured by bench/train_accept_words.py."""

from __future__ import annotations

import pytest

from factcheck.acceptance_words import MIN_BASE_SCORE, AcceptanceWords
from factcheck.matcher import THRESHOLD, Matcher
from factcheck.normalize import analyze
from factcheck.registry import load_registry



def model(**weights) -> AcceptanceWords:
    return AcceptanceWords(0.0, 1.0, {"w:" + k: v for k, v in weights.items()}, THRESHOLD)


def test_even_odds_land_on_the_threshold_and_order_is_kept():
    neutral = model()
    assert round(100 * neutral.recalibrate(0.5, 0.0), 1) == pytest.approx(THRESHOLD, abs=0.1)
    scores = [neutral.recalibrate(p, 0.0) for p in (0.31, 0.4, 0.6, 0.9)]
    assert scores == sorted(scores)


def test_scores_below_the_base_floor_are_left_alone():
    p = (MIN_BASE_SCORE - 1) / 100
    assert model().recalibrate(p, 50.0) == p


def test_words_shift_the_score_both_ways():
    words = model(tickets=-3.0, myth=2.0)
    assert words.shift(analyze("I summarised my tickets").folded) == -3.0
    assert words.shift(analyze("a myth about tickets").folded) == -1.0


def test_a_negative_logit_weight_is_refused():
    with pytest.raises(ValueError):
        AcceptanceWords(0.0, -1.0, {}, THRESHOLD)


def acme(registry, words) -> Matcher:
    return Matcher(registry, acceptance_words=words)


def test_a_statements_words_can_make_the_matcher_abstain(battery_registry):
    statement = "Acme's phone runs a week on one charge, my diary says."
    assert acme(battery_registry, model()).check(statement).match is not None
    assert acme(battery_registry, model(diary=-30.0)).check(statement).match is None


def test_could_match_follows_the_words_shift_of_the_acceptance_floor(battery_registry):
    # `could_match` may say True for a statement `check` rejects, never False for one it accepts
    statement = "Acme phone battery reviews, honestly."  # scored 30-54 without the lift
    plain = acme(battery_registry, model())
    lifted, sunk = acme(battery_registry, model(honestly=30.0)), acme(battery_registry, model(honestly=-30.0))
    assert plain.check(statement).match is None
    assert lifted.check(statement).match is not None and lifted.could_match(analyze(statement)) is True
    assert sunk.could_match(analyze(statement)) is False


def test_registries_of_one_sentence_claims_get_no_word_recalibration(make_registry):
    registry = load_registry([make_registry()], builtin=False, use_env=False, use_config=False)
    assert Matcher(registry).acceptance_words is None
    assert load_registry(use_env=False) and Matcher(load_registry(use_env=False)).acceptance_words is not None


def test_a_registry_of_a_teams_own_claims_gets_no_word_recalibration(battery_registry):
    # shaped like the built-in registry (a claim, three phrasings, a counter), but none of its claims
    # were in the fit: DeepSeek's word weights say nothing about them
    assert Matcher(battery_registry).acceptance_words is None
    assert AcceptanceWords.shipped(54.0).suits(["acme-week-battery", "v3-671b-37b-active"])
