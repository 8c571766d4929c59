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
    ("two-thousand-and-forty-eight chips", 2048, "gpus"),
    ("the whole six-hundred-seventy-one-billion-parameter model", 671e9, "parameters"),
    ("14.8T tokens", 14.8e12, "tokens"),
    ("2.788M GPU hours", 2.788e6, "gpu_hours"),
    ("2,788,000 hours of H800 compute", 2.788e6, "gpu_hours"),
    ("500 H800 hours", 500, "gpu_hours"),
    ("down for about six hours", 6, "hours"),
    ("argued for an hour", 1, "hours"),
    ("a 17% drop", 17, "percent"),
    ("1 trillion yuan", 1e12, "cny"),
    ("37 billion active", 37e9, "parameters"),
])
def test_figures_carry_value_and_unit(text, value, unit):
    (q,) = find_quantities(text)
    assert q.unit == unit and q.value == pytest.approx(value)


@pytest.mark.parametrize("text", ["a frontier model for like 6 mil.", "it cost them 6 million", "a 6 mil budget"])
def test_a_bare_count_of_millions_spent_is_money(text):
    (q,) = find_quantities(text)
    assert (q.value, q.unit) == (6_000_000, "usd")


@pytest.mark.parametrize("text", ["6 million users spent an hour a day on it", "downloaded 6 million times for free"])
def test_a_bare_count_of_millions_of_something_is_not(text):
    assert [q.unit for q in find_quantities(text) if q.value == 6_000_000] == [None]


def test_a_bare_count_of_b_is_compared_as_a_model_size_not_a_count_of_things():
    sizes = [q.context_unit for q in find_quantities("the distills go from 1.5B up to 405B.")]
    assert sizes == ["parameters", "parameters"]
    assert [q.context_unit for q in find_quantities("1.5B users signed up") if q.value == 1.5e9] == [None]


def test_a_distill_size_the_registry_does_not_list_conflicts():
    from factcheck import check

    result = check("DeepSeek distilled R1 into Qwen and Llama models from 1.5B all the way to 405B.")
    assert result.match is not None and result.match.claim.id == "distilled-qwen-llama"
    assert [(c.unit, c.stated) for c in result.match.conflicts] == [("parameters", 405e9)]


def test_years_and_small_words_are_not_figures():
    assert find_quantities("The 2025 list says one of the labs shipped a model") == []


def test_a_year_after_in_is_a_date_not_a_number():
    assert [(q.unit, q.value) for q in find_quantities("In 2025 one of the labs shipped a model")] == [("year", 2025)]


SIX_M = (Figure(5_576_000, "usd", "final run", 0.15),)


@pytest.mark.parametrize("text", ["$6M", "about six million dollars", "$5.58 million", "5.5 million US dollars"])
def test_roundings_of_the_registry_figure_do_not_conflict(text):
    assert conflicts(find_quantities(text), SIX_M) == ()


@pytest.mark.parametrize("text,stated", [("$60M", 60e6), ("$500 million", 500e6), ("$1.2 billion", 1.2e9)])
def test_a_different_amount_conflicts_with_stated_and_registry_values(text, stated):
    (c,) = conflicts(find_quantities(text), SIX_M)
    assert (c.unit, c.stated, c.registry) == ("usd", stated, 5_576_000)


@pytest.mark.parametrize("text", ["API calls cost $2.19 per million tokens", "shares fell from $142.62 to $118.58"])
def test_a_figure_thousands_of_times_off_every_registry_figure_is_another_quantity(text):
    assert conflicts(find_quantities(text), SIX_M) == ()


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


# -- powers of ten, durations in years, approximate and vague figures ----------------------------------------

@pytest.mark.parametrize("text", ["10^4 steps", "10⁴ steps", "1e4 steps", "10**4 steps", "1.0 x 10^4 steps"])
def test_powers_of_ten_are_one_figure(text):
    (q,) = find_quantities(text)
    assert (q.value, q.unit) == (10_000, "steps")


def test_superscript_powers_of_ten_survive_normalisation():
    from factcheck.normalize import analyze

    (q,) = analyze("the run took 10⁴ steps").quantities
    assert (q.value, q.unit) == (10_000, "steps")


@pytest.mark.parametrize("text,value", [("over seven years", 7), ("a 3-year plan", 3), ("within a year", 1)])
def test_durations_in_years_are_figures(text, value):
    (q,) = find_quantities(text)
    assert (q.value, q.unit) == (value, "years")


@pytest.mark.parametrize("text", ["paid $2 million a year", "audited twice a year", "in a single day"])
def test_rates_and_idioms_are_not_durations(text):
    assert all(q.unit not in ("years", "days") for q in find_quantities(text))


GPUS = (Figure(4096, "gpus", "cluster size", 0.01),)


@pytest.mark.parametrize("text", ["a roughly 4k-GPU cluster", "about 4,000 GPUs", "~4000 GPUs", "close to 4,100 GPUs",
                                  "some 4 thousand GPUs"])
def test_a_hedged_figure_agrees_with_its_rounding(text):
    (q,) = find_quantities(text)
    assert q.approx and conflicts([q], GPUS) == ()


@pytest.mark.parametrize("text", ["4k GPUs", "about 8,000 GPUs", "roughly 3k GPUs", "nearly 5,000 GPUs"])
def test_an_unhedged_rounding_or_a_hedged_other_value_still_conflicts(text):
    assert conflicts(find_quantities(text), GPUS)[0].registry == 4096


def test_a_hedge_allows_one_digit_rounding_but_not_another_value():
    sizes = (Figure(23e9, "parameters", "active", 0.01),)
    assert conflicts(find_quantities("about 20 billion parameters"), sizes) == ()
    assert conflicts(find_quantities("about 50 billion parameters"), sizes)[0].stated == 50e9


def test_vague_counts_are_never_compared():
    myth = tuple(find_quantities("the router picks one of a few experts"))
    assert [q.vague for q in myth] == [True]
    assert conflicts(find_quantities("each prompt goes to one expert"), (), myth) == ()
    assert conflicts(find_quantities("several experts answer"), (Figure(64, "experts", "", 0.0),)) == ()


def test_a_single_is_one():
    (q,) = find_quantities("a single expert answers")
    assert (q.value, q.unit) == (1, "experts")


@pytest.mark.parametrize("text", ["it activates about 90 billion per token", "it activates only 90B",
                                  "90 billion for each token"])
def test_a_bare_count_of_billions_per_token_is_compared_as_parameters(text):
    (q,) = find_quantities(text)
    assert q.unit is None and q.context_unit == "parameters"  # not indexed as parameters
    (c,) = conflicts([q], (Figure(23e9, "parameters", "active", 0.01),))
    assert c.unit == "parameters" and c.stated == 90e9


def test_a_bare_count_of_billions_elsewhere_stays_bare():
    (q,) = find_quantities("the index fell 90 billion")
    assert q.unit is None and q.context_unit is None


def test_us_dollars_spelled_out_are_dollars_after_names_are_folded():
    from factcheck.normalize import analyze

    (q,) = analyze("They paid nearly four million US dollars for it.").quantities
    assert (q.unit, q.value) == ("usd", 4e6)


def test_a_bare_figure_equal_to_the_claims_own_is_not_a_correction():
    from factcheck.model import Figure, Quantity
    from factcheck.quantities import corrects_claim

    registry = (Figure(value=5.576e6, unit="usd", label="final run", tolerance=0.15),)
    claim_says = (Quantity(value=6e6, unit="usd", text="$6 million"),)
    bare = (Quantity(value=6e6, unit=None, text="six million"),)
    assert corrects_claim(bare, registry, claim_says) is None
    assert corrects_claim((Quantity(value=5.576e6, unit="usd", text="$5.576M"),), registry,
                          (Quantity(value=1e9, unit="usd", text="$1B"),)) is not None
