"""`factcheck export claimreview`: schema.org ClaimReview JSON-LD with Google's required fields and the
documented verdict-to-rating mapping."""

from __future__ import annotations

import json

import pytest

from factcheck.cli import main
from factcheck.export.claimreview import BEST_RATING, RATING_VALUES, WORST_RATING, claim_reviews
from factcheck.registry import load_registry

from conftest import GOOD_CLAIM


@pytest.fixture(autouse=True)
def _no_env_registries(monkeypatch):
    monkeypatch.delenv("FACTCHECK_REGISTRY", raising=False)


def _claim(cid: str, verdict: str, extra: str = "") -> str:
    return (GOOD_CLAIM.replace("acme-founded-1999", cid).replace('verdict: "true"', f'verdict: "{verdict}"') + extra)


EVERY_VERDICT = (
    _claim("acme-true", "true", "    appearances: [https://example.org/post/1, https://example.org/post/2]\n")
    + _claim("acme-needs-context", "needs-context", "    tags: [acme, history]\n")
    + _claim("acme-misleading", "misleading",
             '    history: [{date: "2025-03-01", from: "false", to: "misleading", reason: "new evidence"}]\n')
    + _claim("acme-false", "false")
    + _claim("acme-unproven", "unproven")
    + _claim("acme-outdated", "outdated", "    superseded_by: acme-true\n")
)
HEADER = "version: 1\nname: acme-facts\nauthor: Acme Fact Desk\nurl: https://facts.example.org/acme/\nclaims:\n"


@pytest.fixture
def acme(make_registry):
    return make_registry(EVERY_VERDICT, header=HEADER)


def by_id(reviews: list[dict]) -> dict[str, dict]:
    return {r["identifier"]: r for r in reviews}


def assert_google_required_fields(review: dict) -> None:
    """Google's ClaimReview requirements: claimReviewed, reviewRating (alternateName), url or itemReviewed,
    author; a numeric rating lies between worstRating and bestRating."""
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert isinstance(review["claimReviewed"], str) and review["claimReviewed"].strip()
    rating = review["reviewRating"]
    assert rating["@type"] == "Rating"
    assert isinstance(rating["alternateName"], str) and rating["alternateName"].strip()
    assert review.get("url") or review.get("itemReviewed")
    assert review["author"]["name"].strip() and review["author"]["@type"] in ("Organization", "Person")
    if "ratingValue" in rating:
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    assert (rating["bestRating"], rating["worstRating"]) == (BEST_RATING, WORST_RATING) == (4, 1)
    assert review["itemReviewed"]["@type"] == "Claim"


def test_every_builtin_claim_has_googles_required_fields(capsys):
    code = main(["export", "claimreview"])
    out, _ = capsys.readouterr()
    reviews = json.loads(out)
    registry = load_registry(use_env=False, use_config=False)
    builtin_author = registry.metadata[0].author or registry.metadata[0].name
    assert code == 0 and builtin_author
    assert [r["identifier"] for r in reviews] == [c.id for c in registry.claims]
    for review, claim in zip(reviews, registry.claims):
        assert_google_required_fields(review)
        assert review["claimReviewed"] == claim.claim
        assert review["datePublished"] == claim.as_of
        assert review["author"]["name"] == builtin_author  # the built-in registry's `author`
        assert review["reviewRating"]["ratingExplanation"] == claim.explanation


@pytest.mark.parametrize("verdict, value, label", [
    ("true", 4, "True"), ("needs-context", 3, "Needs context"), ("misleading", 2, "Misleading"),
    ("false", 1, "False"), ("unproven", None, "Unproven"), ("outdated", None, "Outdated"),
])
def test_the_verdict_maps_to_the_documented_rating(acme, verdict, value, label):
    review = by_id(claim_reviews(load_registry([acme], builtin=False, use_env=False)))[f"acme-{verdict}"]
    assert_google_required_fields(review)
    rating = review["reviewRating"]
    assert rating.get("ratingValue") == value and rating["alternateName"] == label
    assert RATING_VALUES.get(verdict) == value


def test_author_url_and_appearances_come_from_the_registry(acme):
    reviews = by_id(claim_reviews(load_registry([acme], builtin=False, use_env=False)))
    review = reviews["acme-true"]
    assert review["author"] == {"@type": "Organization", "name": "Acme Fact Desk",
                                "url": "https://facts.example.org/acme/"}
    assert review["url"] == "https://facts.example.org/acme/#acme-true"
    assert review["itemReviewed"]["appearance"] == [{"@type": "CreativeWork", "url": "https://example.org/post/1"},
                                                    {"@type": "CreativeWork", "url": "https://example.org/post/2"}]
    assert "appearance" not in reviews["acme-false"]["itemReviewed"]
    assert reviews["acme-misleading"]["dateModified"] == "2025-03-01"
    assert reviews["acme-needs-context"]["keywords"] == "acme, history"


def test_a_registry_without_author_falls_back_to_its_name(make_registry):
    path = make_registry(header="version: 1\nname: team-claims\nclaims:\n")
    (review,) = claim_reviews(load_registry([path], builtin=False, use_env=False))
    assert review["author"]["name"] == "team-claims" and "url" not in review


def test_cli_writes_a_file_with_url_option_and_user_registry(acme, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    target = tmp_path / "claimreview.json"
    for _ in range(2):  # the second run reads the registry from the index cache: metadata must survive it
        code = main(["export", "claimreview", "-o", str(target), "--registry", str(acme),
                     "--url", "https://example.com/sheet/index.html"])
        out, err = capsys.readouterr()
        assert code == 0 and out == ""
        reviews = by_id(json.loads(target.read_text(encoding="utf-8")))
        assert f"wrote {len(reviews)} ClaimReview objects to {target}" in err
        assert reviews["acme-false"]["url"] == "https://example.com/sheet/index.html#acme-false"
        assert reviews["training-cost-6m"]["url"] == "https://example.com/sheet/index.html#training-cost-6m"
        assert reviews["acme-true"]["author"]["name"] == "Acme Fact Desk"
        builtin = load_registry(use_env=False, use_config=False).metadata[0]
        assert reviews["training-cost-6m"]["author"]["name"] == (builtin.author or builtin.name)
        assert len(reviews["acme-true"]["itemReviewed"]["appearance"]) == 2
        for review in reviews.values():
            assert_google_required_fields(review)


def test_cli_rejects_a_url_that_is_not_http(capsys):
    assert main(["export", "claimreview", "--url", "facts.example.org"]) == 2
    assert "--url must be an http(s) URL" in capsys.readouterr().err


def test_cli_output_to_a_directory_is_a_usage_error(tmp_path, capsys):
    assert main(["export", "claimreview", "-o", str(tmp_path)]) == 2
    assert "is a directory" in capsys.readouterr().err
