"""Whether the fitted re-ranker orders candidates by default depends on the registry's shape (synthetic claims)."""

from __future__ import annotations

from factcheck.api import load_matcher
from factcheck.index import build_index
from factcheck.matcher import RERANK_MIN_TEXTS, Matcher, rerank_suits
from factcheck.model import Citation, Claim, Registry
from factcheck.normalize import analyze

CITE = (Citation(quote="(test)", url="https://example.invalid/", title="test"),)


def thin_registry(rows):
    """Claims of one sentence and a headline each, as a fact-checker's archive gives them."""
    return Registry(claims=tuple(
        Claim(id=cid, verdict="false", claim=text, summary="", explanation="", phrasings=(title,), citations=CITE,
              as_of="2024-01-01")
        for cid, text, title in rows), sources=("<test>",))


ROWS = [
    ("bridge", "A city council banned bicycles on every bridge in town.", "Did a City Ban Bikes on Bridges?"),
    ("moon", "The moon is made of green cheese.", "Is the Moon Cheese?"),
    ("owl", "A parliament of owls nested on the bridge of a cargo ship for a month.", "Owls on a Ship"),
    ("bakery", "A bakery sells bread shaped like famous paintings.", "Bread Art Bakery"),
]


def test_built_in_registry_keeps_the_fitted_ranker():
    matcher = load_matcher()
    assert rerank_suits(matcher.index) and matcher.rerank


def test_claim_and_title_registry_keeps_bm25_order_by_default():
    registry = thin_registry(ROWS)
    index = build_index(registry)
    assert sum(len(e.phrasings) for e in index.entries) / len(index.entries) < RERANK_MIN_TEXTS
    default, bm25_order = Matcher(registry, index), Matcher(registry, index, rerank=False)
    assert default.rerank is False
    for text in ("council bans bikes on the bridge", "owls on the bridge of a ship", "moon cheese lol"):
        a = analyze(text)
        assert [s.index for s in default.rank(a)] == [s.index for s in bm25_order.rank(a)]
        assert [s.score for s in default.rank(a)] == [s.score for s in bm25_order.rank(a)]


def test_explicit_rerank_is_respected():
    registry = thin_registry(ROWS)
    assert Matcher(registry, rerank=True).rerank is True
    assert load_matcher().registry and Matcher(load_matcher().registry, load_matcher().index, rerank=False).rerank is False
