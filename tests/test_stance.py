"""Stance: a negation denies a claim only when it governs the claim's own words."""

from __future__ import annotations

import pytest

from factcheck.normalize import analyze
from factcheck.stance import claim_polarity, detect_stance

CUDA = ("DeepSeek used PTX to bypass NVIDIA's CUDA.", "DeepSeek got around CUDA by writing PTX.")
NO_ROLLBACK = ("V3 trained without a single rollback.", "V3's run had no irrecoverable loss spikes and no rollbacks.",
               "DeepSeek never had to restart V3's training.")


def stance(sentence, phrasings, nearest=None):
    stems = frozenset(t for p in phrasings for t in analyze(p).terms)
    return detect_stance(sentence, claim_polarity(phrasings), stems, nearest=nearest)[0]


@pytest.mark.parametrize("sentence", [
    "DeepSeek did not bypass CUDA with PTX.",
    "DeepSeek never got around CUDA; PTX lives inside it.",
    "It's a myth that DeepSeek bypassed CUDA by writing PTX.",
    "Contrary to what you read, DeepSeek used PTX within CUDA.",
    "No, DeepSeek's PTX code did not get around CUDA.",
    "Stop repeating that PTX let DeepSeek bypass CUDA.",
    "The notion that PTX bypasses CUDA is simply false.",
    "Some commentators wrongly claimed DeepSeek bypassed CUDA.",
])
def test_denials_of_a_myth(sentence):
    assert stance(sentence, CUDA) == "denies"


@pytest.mark.parametrize("sentence", [
    "DeepSeek bypassed CUDA by writing raw PTX.",
    "DeepSeek, which isn't even two years old, bypassed CUDA with PTX.",
    "Not only did DeepSeek write PTX, it bypassed CUDA altogether.",
    "Isn't it wild that DeepSeek bypassed CUDA with PTX?",
])
def test_affirmations_with_negation_words_outside_the_claim(sentence):
    assert stance(sentence, CUDA) == "affirms"


@pytest.mark.parametrize("sentence", [
    "No rollbacks and no restarts: V3's run went through in one go.",
    "V3 trained with no irrecoverable loss spikes.",
])
def test_a_claims_own_negation_is_part_of_what_it_says(sentence):
    assert stance(sentence, NO_ROLLBACK) == "affirms"


def test_quantifier_negations_are_not_denials():
    phrasings = ("V3 was trained on 2,048 H800 GPUs.", "DeepSeek used 2048 H800s for V3.")
    assert stance("It took no more than 2,048 H800s to train V3.", phrasings) == "affirms"
    assert stance("V3 wasn't trained on H800s.", phrasings) == "denies"


@pytest.mark.parametrize("sentence", [
    "The claim that DeepSeek bypassed CUDA with PTX doesn't stand up.",
    "That PTX-around-CUDA story does not add up.",
    "Saying PTX let DeepSeek bypass CUDA is pure speculation.",
    "Calling PTX a way to bypass CUDA overlooks that it is NVIDIA's own layer.",
    "Wrong premise: DeepSeek's PTX never got around CUDA.",
    "The CUDA-bypass reading of DeepSeek's PTX work gets it backwards.",
])
def test_common_debunk_idioms_deny(sentence):
    assert stance(sentence, CUDA) == "denies"


def test_a_contrast_denies_the_claim_when_the_claim_follows_not():
    phrasings = ("DeepSeek is a revolution that overturns AI.", "DeepSeek started a revolution in AI.")
    assert stance("DeepSeek is a solid engineering step, not a revolution that overturns AI.", phrasings) == "denies"
    full = ("You need the full-power 671B R1 for R1's quality.", "Only the full 671B R1 model is the real R1.")
    assert stance("Run the full-power 671B R1, not the small distilled ones.", full) == "affirms"


@pytest.mark.parametrize("sentence, asks", [
    ("Did DeepSeek bypass CUDA with PTX?", True),
    ("How did DeepSeek get around CUDA?", True),
    ("is it true deepseek wrote PTX to skip CUDA??", True),
    ("Isn't it wild that DeepSeek bypassed CUDA?", False),  # asks for agreement: the rules decide
    ("Did you know DeepSeek bypassed CUDA?", False),  # asserts what it asks
    ("Bypassed CUDA? Hardly: PTX is NVIDIA's own layer.", False),
    ("DeepSeek bypassed CUDA?", False),
    ("Anyone know whether PTX gets around CUDA?", True),  # the auxiliary left out
    ("Any idea how DeepSeek skipped CUDA?", True),
    ("Anyone else think DeepSeek bypassed CUDA?", False),  # rallies agreement: it asserts
    ("Anyone who says PTX bypasses CUDA is wrong.", False),
])
def test_direct_questions_ask_and_everything_else_is_left_to_the_stance_rules(sentence, asks):
    from factcheck.stance import is_direct_question

    assert is_direct_question(sentence) is asks


def test_a_negated_foil_clause_does_not_deny_the_claim_the_other_clause_states():
    released = ("DeepSeek released R1 on January 20, 2025.", "R1 came out on 20 January 2025.")
    assert stance("R1 wasn't a Christmas launch; it came out on January 20, 2025.", released) == "affirms"
    assert stance("R1 did not come out on January 20, 2025.", released) == "denies"


@pytest.mark.parametrize("sentence", [
    "PTX as a way around CUDA? Nope: it is NVIDIA's own instruction set.",
    "Bypassing CUDA with PTX? Not even close, it compiles for NVIDIA GPUs only.",
    "There's zero evidence DeepSeek bypassed CUDA with PTX.",
])
def test_a_rebuttal_after_a_quoted_question_and_zero_evidence_deny(sentence):
    assert stance(sentence, CUDA) == "denies"


FIRST_FP8 = ("DeepSeek-V3 was the first model trained in FP8 at this scale.",
             "V3 pioneered FP8 training for a model this large.")
ONLY_FINAL_RUN = ("The $6M covers only the final training run.", "The $6M figure is just V3's last training run.")
MTP = ("DeepSeek-V3 predicts two tokens at a time with multi-token prediction.",
       "V3 uses MTP to predict a second token.")
NO_CRITIC = ("GRPO has no critic model.", "GRPO drops the critic network that PPO needs.",
             "GRPO works without a value model.")


@pytest.mark.parametrize("sentence", [
    "Nobody saw DeepSeek's FP8 training coming before V3 was released.",
    "No one expected V3 to train in FP8 at that scale.",
    "Nobody had trained in FP8 at this scale before V3.",
    "No lab before DeepSeek had ever shipped FP8 training this large.",
])
def test_a_negated_subject_that_sets_the_claim_apart_affirms(sentence):
    assert stance(sentence, FIRST_FP8) == "affirms"


def test_not_just_followed_by_more_affirms_unless_the_claim_says_only():
    assert stance("V3 does not just guess one token; it predicts two with MTP.", MTP) == "affirms"
    assert stance("The $6M is not just the final training run; it includes research.", ONLY_FINAL_RUN) == "denies"


def test_a_negation_of_a_negative_word_denies_a_negatively_stated_claim():
    assert stance("GRPO does not get rid of the critic model.", NO_CRITIC) == "denies"
    assert stance("GRPO was not designed without a critic network.", NO_CRITIC) == "denies"
    assert stance("GRPO runs with no critic model at all.", NO_CRITIC) == "affirms"


@pytest.mark.parametrize("sentence", [
    "lol no, DeepSeek never bypassed CUDA with PTX",
    "Stop crediting PTX with letting DeepSeek bypass CUDA.",
    "That PTX-bypasses-CUDA line is a made-up story.",
    "It's ridiculous to claim DeepSeek bypassed CUDA with PTX.",
    "Bypassing CUDA with PTX is pure guesswork by commentators.",
    "People say DeepSeek bypassed CUDA with PTX, but that's wrong.",
])
def test_more_debunk_frames_deny(sentence):
    assert stance(sentence, CUDA) == "denies"


@pytest.mark.parametrize("sentence", [
    "No, it's not a rumour: DeepSeek bypassed CUDA by writing PTX.",
    "Don't forget that DeepSeek bypassed CUDA with PTX.",
    "Nothing stops you from bypassing CUDA with PTX the way DeepSeek did.",
    "Not every kernel went through CUDA: DeepSeek bypassed it with PTX.",
    "NVIDIA didn't bypass CUDA; DeepSeek did, with PTX.",
])
def test_idioms_with_negation_words_that_affirm(sentence):
    assert stance(sentence, CUDA) == "affirms"


def test_never_before_a_rank_is_a_negation_but_no_before_a_rank_is_not():
    top = ("DeepSeek was the #1 free app on the US App Store.", "DeepSeek hit No. 1 on Apple's US App Store.")
    assert stance("DeepSeek was never #1 on the US App Store.", top) == "denies"
    assert stance("DeepSeek went to No. 1 on the US App Store.", top) == "affirms"


@pytest.mark.parametrize("sentence", [
    "The PTX-around-CUDA story is nonsense: PTX only runs on NVIDIA GPUs.",
    "That reading is wrong, since PTX is part of NVIDIA's own stack.",
    "Anyone who says DeepSeek bypassed CUDA with PTX has it backwards.",
    "Comparing PTX with bypassing CUDA is apples to oranges.",
    "That DeepSeek bypassed CUDA with PTX is not an established fact.",
    "A benchmark win proves nothing about DeepSeek bypassing CUDA with PTX.",
    "The bypassed-CUDA argument doesn't hold once you read how PTX works.",
])
def test_debunks_that_judge_the_claim_without_negating_its_verb(sentence):
    assert stance(sentence, CUDA) == "denies"


@pytest.mark.parametrize("sentence", [
    "Hardly anyone noticed that DeepSeek bypassed CUDA with PTX.",
    "Engineers, hardly known outside China, bypassed CUDA with PTX at DeepSeek.",
    "NVIDIA's terms say you may not bypass CUDA, yet DeepSeek bypassed it with PTX.",
])
def test_hardly_as_a_quantifier_and_a_stated_rule_do_not_deny(sentence):
    assert stance(sentence, CUDA) == "affirms"


def test_no_restrictions_is_a_freedom_unless_restrictions_are_the_claim():
    mit = ("R1 is MIT-licensed, so commercial use is allowed.", "You can use R1 commercially under MIT.")
    assert stance("There are no restrictions on using R1 commercially under MIT.", mit) == "affirms"
    restricted = ("R1's license restricts commercial use.", "There are restrictions on using R1 commercially.")
    assert stance("There are no restrictions on using R1 commercially.", restricted) == "denies"


@pytest.mark.parametrize("sentence", [
    "It's no secret that DeepSeek went around CUDA by writing PTX.",
    "There's no denying that DeepSeek bypassed CUDA with PTX.",
    "You can't deny that DeepSeek used PTX to bypass CUDA.",
    "Not many readers realise that DeepSeek bypassed CUDA with PTX.",
    "It's hard not to conclude that DeepSeek got around CUDA with PTX.",
    "Nobody mentions that DeepSeek bypassed CUDA by writing PTX.",
])
def test_a_negated_frame_over_a_factive_verb_presupposes_the_claim(sentence):
    # negating "know", "deny", "mention" or "a secret" leaves what follows "that" asserted
    assert stance(sentence, CUDA) == "affirms"


def test_a_negated_subject_of_the_claims_own_verb_still_denies_it():
    assert stance("Nobody bypassed CUDA: DeepSeek's PTX runs inside it.", CUDA) == "denies"


OPEN_DATA = ("Acme published its training data with the model.", "Acme's training data is open to everyone.",
             "You can download the training data Acme used, along with the weights.")


def test_the_clause_with_the_words_the_claim_keeps_repeating_carries_it():
    # "weights" is in one text of the claim, "training data" in all three: with the stems weighted by the
    # share of texts that use them, the negated clause is the claim's, not a foil
    sentence = "Acme shared the weights, not the training data."
    terms = [set(analyze(p).terms) for p in OPEN_DATA]
    shares = {t: sum(t in ts for ts in terms) / len(terms) for ts in terms for t in ts}
    assert detect_stance(sentence, claim_polarity(OPEN_DATA), shares)[0] == "denies"
    assert detect_stance("Acme shared the training data, not just the weights.", claim_polarity(OPEN_DATA),
                         shares)[0] == "affirms"


@pytest.mark.parametrize("sentence", [
    "The PTX-bypasses-CUDA story is a common misconception; PTX sits inside CUDA.",
    "Saying PTX let DeepSeek bypass CUDA is a misreading of what PTX is.",
    "CUDA is the wrong layer to say DeepSeek bypassed with PTX, and that is a widespread misunderstanding.",
])
def test_a_trailing_judgement_of_the_claim_denies_it(sentence):
    assert stance(sentence, CUDA) == "denies"


@pytest.mark.parametrize("sentence", [
    "You can't argue with the results: DeepSeek bypassed CUDA with PTX.",
    "It's hardly a secret that DeepSeek bypassed CUDA with PTX.",
    "People don't appreciate how DeepSeek got around CUDA by writing PTX.",
])
def test_frames_that_grant_the_claim_affirm_it(sentence):
    assert stance(sentence, CUDA) == "affirms"


NO_UPLOAD = ("Acme's desktop app sends no files to the cloud.", "Acme never uploads your files anywhere.",
             "No file leaves your laptop with Acme.", "With Acme, your files stay on your own disk.")


def test_a_positive_statement_near_a_positive_wording_of_a_negative_claim_affirms_it():
    assert stance("Using Acme, the files stay right there on your disk.", NO_UPLOAD, NO_UPLOAD[3]) == "affirms"
    # near a negated wording, a positive sentence still reads as stating what the claim negates
    assert stance("Acme uploads your files to the cloud.", NO_UPLOAD, NO_UPLOAD[1]) == "denies"


FREE_TIER = ("Acme's cloud is free for hobby projects.", "Hobbyists pay nothing to use Acme's cloud.",
             "With Acme you don't pay a cent for hobby use.", "Acme gives hobby projects its cloud at no cost.")


def test_negating_the_word_the_nearest_wording_negates_restates_it():
    assert stance("Hobby users of Acme's cloud don't pay anything.", FREE_TIER, FREE_TIER[2]) == "affirms"
    # a negation of another word still denies: "free" is what the claim asserts
    assert stance("Acme's cloud is not free for hobby projects.", FREE_TIER, FREE_TIER[0]) == "denies"


def test_a_hyphenated_no_compound_is_an_adjective_not_a_negation():
    nowhere = ("DeepSeek came out of nowhere.", "DeepSeek appeared overnight out of nowhere.")
    assert stance("A no-name lab appeared out of nowhere overnight.", nowhere) == "affirms"
    assert stance("DeepSeek did not come out of nowhere.", nowhere) == "denies"
