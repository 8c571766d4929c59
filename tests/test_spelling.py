"""British and American spellings of a word are one term: a statement need not spell like the registry."""

from __future__ import annotations

import pytest

from factcheck.normalize import american_spelling, analyze, stem


@pytest.mark.parametrize("british, american", [
    ("licence", "license"), ("licenced", "licensed"), ("optimised", "optimized"), ("organisation", "organization"),
    ("behaviour", "behavior"), ("favourite", "favorite"), ("centre", "center"), ("analysed", "analyzed"),
    ("modelling", "modeling"), ("defence", "defense"),
])
def test_british_spellings_stem_like_american_ones(british, american):
    assert stem(british) == stem(american)


@pytest.mark.parametrize("word", ["raised", "promise", "exercise", "expertise", "noise", "hours", "your", "four",
                                  "devour", "contour", "surprised", "premise", "wise", "analysis"])
def test_words_that_only_look_british_are_left_alone(word):
    assert american_spelling(word) == word


def test_a_british_statement_and_an_american_phrasing_share_their_terms():
    assert analyze("The licence was optimised for commercial use.").terms == \
        analyze("The license was optimized for commercial use.").terms
