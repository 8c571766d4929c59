"""Counters: a claim's statements of the contrary fact ("V3 came out first" for "R1 is older than V3").

A writer who corrects a claim often states the truth and never negates the claim's words; affirming a
counter denies the claim. Counters compete in the re-ranking only: BM25 and retrieval read the claim's own
texts, so a counter's words do not pull near misses towards the claim. The sentences here are written for
these tests; none comes from bench/data.
"""

from __future__ import annotations

import pytest
from conftest import GOOD_CLAIM

from factcheck.api import load_matcher
from factcheck.normalize import analyze
from factcheck.registry import RegistryError, load_registry_file


@pytest.fixture(scope="module")
def matcher():
    return load_matcher(use_config=False)


def test_every_builtin_claim_with_counters_keeps_them_apart_from_its_phrasings(matcher):
    with_counters = [c for c in matcher.registry.claims if c.counters]
    assert len(with_counters) >= 100
    for claim in with_counters:
        assert not set(claim.counters) & set(claim.texts), claim.id
        entry = matcher.index.entries[matcher.registry.claims.index(claim)]
        assert entry.affirming == len(claim.texts)
        assert all(entry.is_counter(k) for k in range(entry.affirming, len(entry.phrasings)))


@pytest.mark.parametrize("text, claim_id", [
    ("DeepSeek-V3 came out first; R1 followed about a month later.", "r1-older-than-v3"),
    ("Each token goes to several experts in every MoE layer of V3.", "moe-picks-one-expert"),
    ("Writing PTX ties DeepSeek even more tightly to Nvidia's CUDA stack.", "ptx-bypasses-cuda"),
    ("DeepSeek had to roll V3's training back several times after bad loss spikes.", "v3-trained-without-crash"),
])
def test_a_statement_of_the_contrary_fact_denies_the_claim(matcher, text, claim_id):
    result = matcher.check(text, explain=True)
    assert result.match is not None and result.match.claim.id == claim_id
    assert result.match.stance == "denies"
    assert result.match.why.phrasing in result.match.claim.counters
    assert result.match.why.stance_cue == "states the contrary fact"


def test_restating_the_claim_with_its_own_words_in_another_order_is_not_a_counter(matcher):
    # the counter "Pure RL on small models beats distilling from R1" has every word of this sentence:
    # a bag of words cannot tell which way round it is, so the counter needs a word of its own to win
    result = matcher.check("On small models, distilling from R1 works better than pure RL.", explain=True)
    assert result.match is not None and result.match.claim.id == "small-models-pure-rl"
    assert result.match.stance == "affirms"
    assert result.match.why.phrasing not in result.match.claim.counters


def test_a_word_only_a_counter_uses_does_not_retrieve_the_claim(matcher):
    # "Pangu" is in a counter of chinese-clouds-host, never in its texts: BM25 (retrieval and its
    # features) reads the claim's own texts, so it scores no claim for the word
    claim = matcher.registry.get("chinese-clouds-host")
    assert "pangu" in " ".join(claim.counters).lower()
    assert "pangu" not in " ".join(claim.texts).lower()
    assert matcher.index.bm25(analyze("Pangu").terms) == {}
    doc = matcher.registry.claims.index(claim)
    assert "pangu" in matcher.index.entries[doc].vocabulary
    assert "pangu" not in matcher.stating_vocabulary(doc)


def with_counters(counters_yaml: str) -> str:
    """The conftest claim with a `counters:` entry after its phrasings."""
    head, tail = GOOD_CLAIM.split("    citations:", 1)
    return head + counters_yaml + "    citations:" + tail


def test_counters_must_be_a_list_of_strings(make_registry):
    path = make_registry(with_counters('    counters: "Acme was founded in 2010."\n'))
    with pytest.raises(RegistryError, match="counters"):
        load_registry_file(path)


def test_counters_are_read_and_shown_with_the_claim(make_registry):
    from factcheck.formats.claim_show import claim_to_dict, render_text

    path = make_registry(with_counters('    counters:\n      - "Acme is a young firm set up in 2010."\n'))
    claim = load_registry_file(path).claims[0]
    assert claim.counters == ("Acme is a young firm set up in 2010.",)
    assert claim.texts == ("Acme Widgets was founded in 1999.", "Acme dates back to 1999.")
    assert claim_to_dict(claim)["counters"] == ["Acme is a young firm set up in 2010."]
    assert "Acme is a young firm set up in 2010." in render_text(claim)
