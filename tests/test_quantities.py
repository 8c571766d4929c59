"""Figures: one form for every way of writing a number, and conflicts only where the values disagree."""

from __future__ import annotations

import pytest

from factcheck.model import Figure
from factcheck.quantities import conflicts, find_quantities


@pytest.mark.parametrize("text", ["$6M", "6 million dollars", "US$6,000,000", "six million bucks", "$6 mn",
                                  "USD 6 million", "about 6m dollars"])
def test_every_spelling_of_six_million_dollars_is_the_same_figure(text):
    (q,) = find_quantities(text)
    assert (q.value, q.unit) == (6_000_000, "usd")


@pytest.mark.parametrize("text,value,unit", [
    ("671B parameters", 671e9, "parameters"),
    ("a 671-billion-parameter model", 671e9, "parameters"),
    ("2,048 H800 GPUs", 2048, "gpus"),
    ("2048 Nvidia H800s", 2048, "gpus"),
    ("two thousand and forty-eight chips", 2048, "gpus"),
    ("14.8T tokens", 14.8e12, "tokens"),
    ("2.788M GPU hours", 2.788e6, "gpu_hours"),
    ("a 17% drop", 17, "percent"),
    ("1 trillion yuan", 1e12, "cny"),
    ("37 billion active", 37e9, "parameters"),
])
def test_figures_carry_value_and_unit(text, value, unit):
    (q,) = find_quantities(text)
    assert q.unit == unit and q.value == pytest.approx(value)


def test_years_and_small_words_are_not_figures():
    assert find_quantities("In 2025 one of the labs shipped a model") == []


SIX_M = (Figure(5_576_000, "usd", "final run", 0.15),)


@pytest.mark.parametrize("text", ["$6M", "about six million dollars", "$5.58 million", "5.5 million US dollars"])
def test_roundings_of_the_registry_figure_do_not_conflict(text):
    assert conflicts(find_quantities(text), SIX_M) == ()


@pytest.mark.parametrize("text,stated", [("$60M", 60e6), ("$500 million", 500e6), ("$1.2 billion", 1.2e9)])
def test_a_different_amount_conflicts_with_stated_and_registry_values(text, stated):
    (c,) = conflicts(find_quantities(text), SIX_M)
    assert (c.unit, c.stated, c.registry) == ("usd", stated, 5_576_000)


def test_units_the_claim_has_no_figure_for_are_ignored():
    assert conflicts(find_quantities("it used 50,000 GPUs"), SIX_M) == ()


def test_yuan_are_compared_with_dollars_and_reported_in_yuan():
    (c,) = conflicts(find_quantities("it cost ¥6 million"), SIX_M)
    assert c.unit == "cny" and c.registry > 30e6


def test_quoting_the_claims_own_figure_is_not_a_conflict():
    myth = tuple(find_quantities("trained on 17.6 trillion tokens"))
    truth = (Figure(14.8e12, "tokens", "", 0.05),)
    assert conflicts(find_quantities("17.6T tokens"), truth, myth) == ()
    assert conflicts(find_quantities("30T tokens"), truth, myth)[0].registry == 14.8e12


def test_without_registry_figures_the_claims_own_figure_stands_in():
    own = tuple(find_quantities("R1 cost only $6 million"))
    (c,) = conflicts(find_quantities("$500 million"), (), own)
    assert c.registry == 6e6
