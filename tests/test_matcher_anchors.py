"""Near misses: sentences that share a claim's subject and rare words but not what it says.

`anchor_coverage` (how much of the words a claim's texts keep repeating, names aside, the statement uses),
`deepseek_missing` (the statement names nothing of DeepSeek's while every text of the claim does) and the
`requires` groups that say what the claim is about. The statements are written for these tests; none comes
from bench/data.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from factcheck import check
from factcheck.api import load_matcher
from factcheck.normalize import analyze
from factcheck.scoring import FEATURES

BENCH = Path(__file__).resolve().parents[1] / "bench"


def features_for(text: str, claim_id: str) -> dict[str, float]:
    matcher = load_matcher()
    ids = [c.id for c in matcher.registry.claims]
    for doc, f, _, _ in matcher.candidate_features(analyze(text)):
        if ids[doc] == claim_id:
            return dict(zip(FEATURES, f))
    raise AssertionError(f"{claim_id} is not among the candidates of {text!r}")


@pytest.mark.parametrize("text", [
    "OpenAI and SoftBank say the Stargate venture will invest $500 billion in American data centres over four years.",
    'Google Trends says Washington, D.C. searched for "tax refund status" more than any other state last spring.',
    "Our office printer jams on anything longer than forty pages.",
    "DeepSeek-V3 can read up to 128K tokens of context in one prompt.",
    # other models of the V2 family are not V2
    "DeepSeek-Coder-V2 was released in June 2024 with 236B parameters.",
    "DeepSeek V2 Lite has 16B parameters and 2.4B active.",
    # another company's market value is not NVIDIA's
    "Broadcom's market cap crossed $1 trillion again in mid-December.",
])
def test_a_sentence_sharing_only_a_claims_subject_is_not_matched(text):
    assert check(text).match is None


@pytest.mark.parametrize("text,expected", [
    ("After DeepSeek, America's $500 billion AI infrastructure spend may never earn its money back.",
     "roi-500b-investment"),
    ("DeepSeek was googled more in Washington DC than in any other part of the US.", "dc-top-search-interest"),
    ("The R1 paper from DeepSeek is a 150-page monster.", "paper-page-counts"),
])
def test_the_claims_near_misses_resemble_are_still_matched(text, expected):
    m = check(text).match
    assert m is not None and m.claim.id == expected


def test_anchor_coverage_is_higher_for_the_claim_than_for_its_subject():
    claim = "roi-500b-investment"
    said = features_for("DeepSeek has wrecked the return on America's $500 billion AI infrastructure bet.", claim)
    near = features_for("The Stargate venture will invest $500 billion in data centres across America.", claim)
    assert 0.0 <= near["anchor_coverage"] < said["anchor_coverage"] <= 1.0


def test_deepseek_missing_only_when_the_statement_names_nothing_of_deepseeks():
    claim = "dc-top-search-interest"  # every text of this claim names DeepSeek
    assert features_for('Washington, D.C. searched Google for "tax refund status" the most.', claim)[
        "deepseek_missing"] == 1.0
    assert features_for("Washington, D.C. searched Google for DeepSeek the most.", claim)["deepseek_missing"] == 0.0


@pytest.fixture(scope="module")
def train_matcher():
    sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location("train_matcher_bench", BENCH / "train_matcher.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_held_out_figures_decide_as_check_does(train_matcher):
    from factcheck import weights

    items = [
        {"text": "DeepSeek was googled more in Washington DC than in any other part of the US.",
         "claim": "dc-top-search-interest"},
        {"text": "The R1 paper from DeepSeek is a 150-page monster.", "claim": "paper-page-counts"},
        {"text": "Our office printer jams on anything longer than forty pages.", "claim": None},
        {"text": "The weather in Lisbon is lovely in May.", "claim": None},
    ]
    rank_w = [weights.RANK_BIAS, *weights.RANK_WEIGHTS]
    acc_w = [weights.ACCEPT_BIAS, *weights.ACCEPT_WEIGHTS]
    r = train_matcher.held_out_figures(load_matcher(), items, rank_w, acc_w)
    expected_top1 = sum(1 for i in items if i["claim"] and (m := check(i["text"]).match) and m.claim.id == i["claim"])
    expected_matched = sum(1 for i in items if not i["claim"] and check(i["text"]).match is not None)
    assert r == {"claims": 2, "top1": expected_top1, "wrong": 0, "nones": 2, "matched": expected_matched}
    assert (expected_top1, expected_matched) == (2, 0)
