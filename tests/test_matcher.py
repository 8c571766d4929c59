"""The matcher on the built-in registry: numbers, negation, abstention and near-duplicate claims.

The statements here are written for these tests; none comes from the dev or test sets in bench/data.
"""

from __future__ import annotations

import pytest

from factcheck import check


def matched(text):
    result = check(text)
    return result.match


def assert_reads(text, claim, stance):
    """The statement matches `claim` with `stance`."""
    m = matched(text)
    assert m is not None and (m.claim.id, m.stance) == (claim, stance), m and (m.claim.id, m.stance)


_RULES_ONLY = []


def assert_rules_read(text, claim, stance):
    """The stance rules, before the learned stance model's last word, read the statement as `stance`: for
    rules whose sentence the shipped model happens to overrule (its fit, not the rule, decides that)."""
    if not _RULES_ONLY:
        from factcheck.api import load_matcher
        from factcheck.matcher import Matcher

        shipped = load_matcher()
        _RULES_ONLY.append(Matcher(shipped.registry, shipped.index, stance_model=False))
    m = _RULES_ONLY[0].check(text).match
    assert m is not None and (m.claim.id, m.stance) == (claim, stance), m and (m.claim.id, m.stance)


@pytest.mark.parametrize("text", [
    "DeepSeek cost $6M",
    "DeepSeek made its model for 6 million dollars.",
    "DeepSeek trained the whole thing for US$6,000,000.",
])
def test_equivalent_cost_spellings_find_the_cost_myth_without_conflicts(text):
    m = matched(text)
    assert m is not None and m.claim.id == "training-cost-6m"
    assert m.conflicts == ()


def test_a_wrong_gpu_count_still_matches_the_topic_and_lists_the_conflict():
    m = matched("DeepSeek-V3 was trained on a cluster of 9,000 H800 GPUs.")
    assert m is not None and m.claim.id == "h800-not-h100"
    assert [(c.unit, c.stated, c.registry) for c in m.conflicts] == [("gpus", 9000, 2048)]


def test_a_wrong_parameter_count_conflicts_with_671_billion():
    m = matched("DeepSeek-V3 is a 700B-parameter mixture-of-experts model with 37B active parameters.")
    assert m is not None and m.claim.id == "v3-671b-37b-active"
    assert any(c.unit == "parameters" and c.registry == 671e9 for c in m.conflicts)


def test_the_cuda_myth_denied_exits_clean():
    m = matched("DeepSeek did not use PTX to bypass CUDA")
    assert m.claim.id == "ptx-bypasses-cuda" and m.stance == "denies" and not m.is_wrong


def test_a_true_claim_denied_is_wrong():
    m = matched("DeepSeek-R1 is not released under the MIT license.")
    assert m.claim.id == "mit-license" and m.stance == "denies" and m.is_wrong


@pytest.mark.parametrize("text", [
    "The weather in Lisbon is lovely in May.",
    "Our quarterly revenue grew 12% to $4.2 million.",
    "I asked DeepSeek for a lasagna recipe and it was great.",
    "Run pip install -r requirements.txt before starting the server.",
    "The GPU driver update fixed the flickering on my laptop.",
])
def test_sentences_that_make_no_registry_claim_are_not_matched(text):
    assert matched(text) is None


@pytest.mark.parametrize("text,expected", [
    ("DeepSeek trained V3 on Nvidia H100 chips.", "trained-on-h100s"),
    ("V3 was trained on 2,048 Nvidia H800 GPUs.", "h800-not-h100"),
    ("OpenAI shipped its o1 reasoning model in September 2024, months before R1.", "o1-came-first"),
    ("DeepSeek was the first lab ever to show a model's reasoning; they invented reasoning models.",
     "invented-visible-reasoning"),
    ("The R1 7B and 14B downloads are just smaller versions of R1.", "distills-are-r1"),
])
def test_near_duplicate_claims_with_opposite_verdicts_are_told_apart(text, expected):
    m = matched(text)
    assert m is not None and m.claim.id == expected


@pytest.mark.parametrize("text", [
    "Qwen3-235B has 235 billion total parameters, of which 22 billion are active per token.",
    "Gemma 3 27B was trained on about 14 trillion tokens.",
])
def test_a_statement_about_another_labs_model_does_not_take_a_deepseek_claims_figures(text):
    # each shares figures and words with a V3 claim, but is about another lab's model
    assert matched(text) is None


def test_chinese_names_of_companies_and_people_meet_their_english_spelling():
    from factcheck.normalize import analyze

    zh = set(analyze("阿里云和火山引擎都支持部署，梁文锋很高兴").terms)
    en = set(analyze("Alibaba Cloud and Volcano Engine support it; Liang Wenfeng is pleased").terms)
    assert {"alibaba", "cloud", "volcano", "engin", "liang", "wenfeng"} <= zh & en
    result = check("腾讯云和华为云上线了 DeepSeek")
    assert result.match is not None and result.match.claim.id == "chinese-clouds-host"


@pytest.mark.parametrize("text", ["Standardizing the output", "It's really the best of both worlds.",
                                  "Let's check out some results!"])
def test_a_statement_of_two_terms_naming_nothing_of_deepseeks_is_never_a_match(text):
    assert matched(text) is None


def test_a_short_statement_that_names_a_deepseek_model_is_not_too_thin():
    from factcheck.matcher import Matcher
    from factcheck.normalize import analyze

    assert Matcher._too_thin(analyze("the best of both worlds"))
    assert not Matcher._too_thin(analyze("R1 rocks"))


def test_a_version_of_an_api_is_not_a_deepseek_model():
    from factcheck.normalize import analyze

    assert "v2" not in analyze("No, the v2 API is new in this release.").terms
    assert "v2" not in analyze("OpenAPI v2 has no such field.").terms
    assert "v2" in analyze("DeepSeek-V2 API pricing").terms  # named as DeepSeek's, it stays the model
    assert matched("No, the v2 API is new.") is None


@pytest.mark.parametrize("text", [
    "R1 cost $500 million to build.",
    "DeepSeek made R1 open source on February 3, 2025.",
])
def test_a_wrong_value_of_the_claims_figure_is_a_conflict_not_a_reason_to_abstain(text):
    m = matched(text)
    assert m is not None and m.conflicts


def test_a_figure_many_orders_of_magnitude_away_is_another_quantity_not_a_conflict():
    # a 128K-token context window has nothing to do with a 14.8T-token training corpus
    m = matched("DeepSeek-V3 can read up to 128K tokens of context in one prompt.")
    assert m is None or m.claim.id != "v3-17-6t-tokens"


def test_nowhere_near_is_far_from_not_the_nowhere_of_came_out_of_nowhere():
    assert_reads("R1 is nowhere close to o1 on math; the gap is large.", "r1-matches-o1", "denies")


def test_a_negation_followed_by_its_correction_affirms_what_the_correction_states():
    assert_reads("Google's busiest US region for DeepSeek searches wasn't California; it was Washington, D.C.",
                 "dc-top-search-interest", "affirms")
    assert_reads("Washington, D.C. never led US Google searches for DeepSeek; it's just a rumour.",
                 "dc-top-search-interest", "denies")


@pytest.mark.parametrize("text", [
    "GRPO keeps PPO's critic model.",
    "GRPO keeps the value model from PPO.",
])
def test_a_plain_statement_of_what_the_claim_negates_leans_to_its_counters(text):
    # the claim's texts negate or exclude ("drops the critic", "no value model"); its counters and these
    # statements do not
    assert_reads(text, "grpo-no-critic", "denies")


@pytest.mark.parametrize("text, claim", [
    ("o1 was free to try when it came out, exactly like R1.", "r1-free-o1-paid"),
    ("DeepSeek-V3 keeps its experts balanced with an auxiliary loss, the same way every other MoE does.",
     "aux-loss-free-balancing"),
])
def test_putting_on_a_par_what_the_claim_sets_apart_denies_it(text, claim):
    assert_reads(text, claim, "denies")


def test_same_as_everyone_else_affirms_a_claim_that_sets_nothing_apart():
    assert_reads("R1 was trained with process reward models and MCTS, the same way every other lab does it.",
                 "used-prm-mcts", "affirms")


def test_naming_the_foil_a_claim_sets_aside_without_a_negation_states_the_foil():
    # the claim: open source beat closed models, "not China beating the US". The shipped stance model
    # overrules this reading (p(affirms) = 0.52 at 9d7db64): a known miss, measured in the benchmarks
    assert_rules_read("Yann LeCun reckons DeepSeek shows that China has overtaken the US in AI.",
                      "lecun-open-source-win", "denies")
    assert_reads("LeCun reads DeepSeek as open models outpacing closed ones, not as China outpacing America.",
                 "lecun-open-source-win", "affirms")
