"""Which way round a comparison goes: a statement that compares a claim's terms the other way round denies
it, whatever words it shares with the claim. The sentences are written for these tests."""

from __future__ import annotations

import pytest

from factcheck.comparisons import OrderProfile, find_comparisons
from factcheck.normalize import analyze

CLAIM = ("Acme's licence is looser than Globex's.", "Globex has stricter terms than Acme.",
         "Acme is more permissive than Globex, by a mile.")


def profile(texts=CLAIM) -> OrderProfile:
    return OrderProfile([analyze(t).folded for t in texts])


def test_antonyms_read_as_the_same_comparison_reversed():
    (forward,) = find_comparisons(analyze("Acme shipped before Globex").folded)
    (backward,) = find_comparisons(analyze("Globex shipped after Acme").folded)
    assert forward[1] == backward[1] == "before" and forward[2] == -backward[2]


@pytest.mark.parametrize("statement", [
    "Globex's licence is looser than Acme's.",
    "Acme has stricter terms than Globex, honestly.",
])
def test_the_terms_the_other_way_round_reverse_the_claim(statement):
    assert profile().reading(analyze(statement).folded) == (-1, False)


@pytest.mark.parametrize("statement", [
    "Acme's licence is far looser than Globex's.",
    "Globex is more restrictive than Acme.",
    "Acme and Globex both publish licences.",  # no comparison at all
    "Acme's licence is looser than Initech's.",  # a comparison the claim never makes
])
def test_the_same_order_or_no_comparison_does_not(statement):
    assert profile().reading(analyze(statement).folded) == (0, False)


def test_a_comparison_is_read_within_its_clause():
    # "Globex" after the semicolon is not what "before" compares
    assert find_comparisons(analyze("Acme came before Initech; Globex was late").folded)[0][3] == frozenset({"initech"})


def test_the_matcher_denies_a_claim_compared_the_other_way_round():
    from factcheck import check

    result = check("Meta's Llama licence is more permissive than DeepSeek-R1's licence.", explain=True)
    assert result.match is not None and result.match.claim.id == "license-vs-llama"
    assert result.match.stance == "denies"
    assert result.match.why.stance_cue == "compares the claim's terms the other way round"


@pytest.mark.parametrize("statement", [
    "Globex's licence isn't looser than Acme's.",
    "Nothing Globex ships has a looser licence than Acme.",
])
def test_a_negated_comparison_the_other_way_round_keeps_the_claims_order(statement):
    assert profile().reading(analyze(statement).folded) == (1, True)


def test_a_negated_comparison_the_same_way_round_reverses_it():
    assert profile().reading(analyze("Acme's licence is not looser than Globex's.").folded) == (-1, True)


def test_a_negative_question_does_not_negate_its_comparison():
    # "isn't Globex looser than Acme?" asks; it puts Globex first, as a plain comparison would
    assert profile().reading(analyze("Isn't Globex looser than Acme?").folded) == (-1, False)


@pytest.mark.parametrize("statement, stance", [
    ("DeepSeek-R1 didn't come out before OpenAI's o1; o1 was previewed in September 2024.", "affirms"),
    ("OpenAI's o1 did not come out before DeepSeek-R1, it came later.", "denies"),
])
def test_the_matcher_reads_a_negated_comparison_as_its_reverse(statement, stance):
    from factcheck import check

    result = check(statement)
    assert result.match is not None and result.match.claim.id == "o1-came-first"
    assert result.match.stance == stance


def test_a_degree_between_the_comparand_and_the_comparison_is_skipped():
    (comparison,) = find_comparisons(analyze("Acme's training run was more than ten times cheaper than Globex's").folded)
    assert "acm" in comparison[0]  # the stem of "acme", not "ten times"


def test_a_term_compared_one_way_in_one_kind_of_comparison_counts_even_if_another_kind_puts_it_elsewhere():
    texts = ("Acme's training run was more than ten times cheaper than Globex's.",
             "Globex spent a fortune and Acme beat it for a tenth of that.")
    assert profile(texts).reading(analyze("Globex was cheaper to train than Acme.").folded) == (-1, False)
