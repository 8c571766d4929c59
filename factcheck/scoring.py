"""How a candidate claim is scored: a few interpretable features and a logistic model over them.

Why a model and not a hand-set formula: coverage of the statement, coverage of the best phrasing, a fuzzy
score and the BM25 margin each tell part of the story, and how much each counts is best measured, not
guessed. The weights in `weights.py` are fitted by `bench/train_matcher.py` on the labelled sets of
bench/data that have been studied (dev, train, train2, holdout to holdout8) and the corpus-train labels,
plus sentences from unrelated Markdown as negatives; test, the inventory's paraphrases, holdout9 (studied
since session 7, not fitted here) and the sealed holdout10 are never used. The output is a probability-like score in 0-100 that the abstention threshold
applies to.
"""

from __future__ import annotations

import math
import re

from .weights import ACCEPT_BIAS, ACCEPT_WEIGHTS, RANK_BIAS, RANK_WEIGHTS

FEATURES = (
    "statement_coverage",   # IDF-weighted share of the statement's terms that the claim uses
    "phrasing_coverage",    # IDF-weighted share of the best phrasing's terms found in the statement
    "fuzzy_sort",           # rapidfuzz token_sort_ratio against the best phrasing, 0-1
    "fuzzy_set",            # rapidfuzz token_set_ratio against the best phrasing, 0-1
    "bm25_share",           # BM25 of the claim over the statement's total IDF
    "bm25_margin",          # how far the claim's BM25 leads (or trails) the best other candidate
    "is_top_bm25",          # 1 when the claim is BM25's first candidate
    "requires_met",         # 1 when every concept group of the claim is mentioned
    "rare_shared",          # rare terms (IDF > 2.5) shared, capped at 4, over 4
    "statement_length",     # log of the number of content terms
    "unexplained_rare",     # IDF mass of rare statement terms no claim uses, over the statement's
    "names_deepseek",       # 1 when the statement names DeepSeek, one of its models, people or methods
    "debunk_frame",         # 1 when the statement frames something as false ("it's a myth that ...")
    "other_subject",        # 1 when the statement names another lab, model or company the claim never names,
                            # and nothing of DeepSeek's: "Mixtral has 141B parameters, 39B active"
    "anchor_coverage",      # IDF-weighted share of the claim's anchor terms (words, not names, that at least
                            # 30% of its texts use, each weighted by that share) found in the statement
    "deepseek_missing",     # 1 when the statement names nothing of DeepSeek's while every text of the claim does
    "negated",              # 1 when the statement negates something ("never", "no", "isn't"): a denial states
                            # the contrary and shares fewer of the claim's words than a restatement does
)

#: A term is one of a claim's anchors when at least this share of its texts (claim sentence and phrasings) use it.
ANCHOR_SHARE = 0.3

#: Words (after normalisation) that tie a statement to DeepSeek: without one, a sentence about "the MIT
#: licence" or "Monte Carlo tree search" is probably about something else.
DEEPSEEK_WORDS = frozenset({"deepseek", "r1", "r1zero", "v2", "v3", "highflyer", "liang", "wenfeng", "grpo", "mla",
                            "dualpipe", "deepthink", "deepseekmath", "deepseekmo", "深", "ds"})


#: Other labs, models, products and companies, as normalised terms; a family's versions share its prefix
#: ("qwen2", "llama3", "gpt4o"). A statement about one of them that a claim never mentions is about
#: something else, however many figures it shares with the claim.
_OTHER_ENTITY = re.compile(
    r"(?:openai|chatgpt|gpt\d*\w*|o[13]|claud\w*|anthrop\w*|gemini\w*|googl\w*|deepmind|meta|llama\d*|mistral\w*|"
    r"mixtral\w*|qwen\d*\w*|alibaba|tencent|hunyuan|baidu|erni\w*|moonshot|kimi|zhipu|glm\d*\w*|minimax|xai|grok\d*|"
    r"microsoft|copilot|phi\d+\w*|appl|amazon|aw|temu|tiktok|bytedanc\w*|doubao|olmo\w*|ai2|falcon|gemma\d*\w*|"
    r"huawei|amd|intel|perplex\w*|oracl|softbank|groq|cerebra\w*|nvidia|huggingfac\w*|ollama|samsung|tesla|"
    r"netflix|snowflak\w*|databrick\w*|cohere|ibm|yi|stargat\w*|sora|midjourney|broadcom|tsmc|micron|asml|"
    r"qualcomm|supermicro|dell|cisco|salesforc\w*|adob\w*)"
)


def entities(terms) -> frozenset[str]:
    """The other labs', models' and companies' names among normalised terms."""
    return frozenset(t for t in terms if _OTHER_ENTITY.fullmatch(t))


#: The acceptance model sees the candidate's features plus how clearly the ranker preferred it.
ACCEPT_FEATURES = FEATURES + ("rank_probability", "rank_margin")


def _logistic(bias: float, weights: tuple[float, ...], features: tuple[float, ...]) -> float:
    z = bias + sum(w * f for w, f in zip(weights, features))
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


def rank_probability(features: tuple[float, ...]) -> float:
    """Ranking model (fitted with up-weighted positives): which candidate is the claim the statement makes."""
    return _logistic(RANK_BIAS, RANK_WEIGHTS, features)


def accept_features(features: tuple[float, ...], rank_p: float, other_rank_p: float) -> tuple[float, ...]:
    return (*features, rank_p, rank_p - other_rank_p)


def accept_probability(features: tuple[float, ...]) -> float:
    """Acceptance model (fitted on the ranker's first choices): is that choice right, or should we abstain?"""
    return _logistic(ACCEPT_BIAS, ACCEPT_WEIGHTS, features)
