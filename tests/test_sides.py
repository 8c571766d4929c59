"""Which side a statement's words lean to: a claim's stating texts or its counters. The texts are written for
these tests."""

from __future__ import annotations

from factcheck.normalize import analyze
from factcheck.sides import SideModel

STATING = ("Acme's phone runs a week on one charge.", "One charge lasts Acme's phone a whole week.",
           "A week of battery from a single charge: that's the Acme phone.")
COUNTERS = ("Acme's phone needs a charger every evening.", "The Acme phone's battery is dead by dinner time.")


def model() -> SideModel:
    return SideModel((frozenset(analyze(t).terms) for t in STATING), (frozenset(analyze(t).terms) for t in COUNTERS))


def test_a_statement_in_the_counters_words_leans_to_the_contrary():
    assert model().log_odds(analyze("By dinner the Acme phone is dead; it needs the charger every evening.").terms) < -5


def test_a_statement_in_the_claims_words_leans_to_the_claim():
    assert model().log_odds(analyze("My Acme phone lasts a full week per charge.").terms) > 0


def test_words_neither_side_uses_weigh_nothing():
    assert model().log_odds(analyze("Globex sells tablets.").terms) == 0


def test_figures_do_not_lean_either_way():
    # which side a figure is on is for the conflict check to judge ("10 hours" is in a counter below)
    sides = SideModel([frozenset(analyze(t).terms) for t in STATING],
                      [frozenset(analyze(t).terms) for t in (*COUNTERS, "Acme's phone lasts 10 hours.")])
    figures = {t for t in analyze("10 hours").terms if t.startswith("qty")}
    assert figures and sides.log_odds({"phone", *figures}) == sides.log_odds({"phone"})


def test_without_counters_nothing_leans():
    assert SideModel([frozenset({"acme"})], []).log_odds({"acme"}) == 0


def test_the_matcher_denies_a_claim_in_the_words_of_its_contrary():
    from factcheck import check

    result = check("The real 671B R1 needs hundreds of gigabytes of memory; what runs on your laptop is a small "
                   "distilled model.", explain=True)
    assert result.match is not None and result.match.claim.id == "run-r1-on-laptop"
    assert result.match.stance == "denies"
