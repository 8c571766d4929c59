"""schema.org ClaimReview JSON-LD for every claim of a registry.

One self-contained object per claim (each carries its own `@context`, so any one of them can be pasted into
a page). The verdict maps to a 1-4 rating, best 4:

| verdict         | ratingValue | alternateName  |
|-----------------|-------------|----------------|
| `true`          | 4           | True           |
| `needs-context` | 3           | Needs context  |
| `misleading`    | 2           | Misleading     |
| `false`         | 1           | False          |
| `unproven`      | (none)      | Unproven       |
| `outdated`      | (none)      | Outdated       |

`unproven` and `outdated` are not points on a true-false scale, so they carry only the text rating.
"""

from __future__ import annotations

import json

from ..model import Claim, Registry, RegistryMeta
from . import VERDICT_LABELS

BEST_RATING = 4
WORST_RATING = 1
#: ratingValue per verdict; verdicts missing here get no ratingValue.
RATING_VALUES: dict[str, int] = {"true": 4, "needs-context": 3, "misleading": 2, "false": 1}
DEFAULT_AUTHOR = "factcheck"


def review_url(base: str, claim_id: str) -> str:
    """The URL of a claim's review on the published fact sheet: `base#claim-id`."""
    return f"{base.split('#', 1)[0]}#{claim_id}"


def claim_review(claim: Claim, meta: RegistryMeta, *, base_url: str | None = None) -> dict:
    """The ClaimReview object of one claim; `meta` is the metadata of the registry file it came from."""
    rating: dict = {"@type": "Rating"}
    if claim.verdict in RATING_VALUES:
        rating["ratingValue"] = RATING_VALUES[claim.verdict]
    rating.update({"bestRating": BEST_RATING, "worstRating": WORST_RATING,
                   "alternateName": VERDICT_LABELS.get(claim.verdict, claim.verdict),
                   "ratingExplanation": claim.explanation})
    author: dict = {"@type": "Organization", "name": meta.author or meta.name or DEFAULT_AUTHOR}
    if meta.url:
        author["url"] = meta.url
    item: dict = {"@type": "Claim"}
    if claim.appearances:
        item["appearance"] = [{"@type": "CreativeWork", "url": u} for u in claim.appearances]
    review: dict = {"@context": "https://schema.org", "@type": "ClaimReview", "identifier": claim.id}
    base = base_url or meta.url
    if base:
        review["url"] = review_url(base, claim.id)
    review["claimReviewed"] = claim.claim
    review["datePublished"] = claim.as_of
    modified = max((h.date for h in claim.history), default="")
    if modified > claim.as_of:
        review["dateModified"] = modified
    review["author"] = author
    review["reviewRating"] = rating
    review["itemReviewed"] = item
    citations = [{"@type": "CreativeWork", "name": c.title, "url": c.url} for c in claim.citations if c.url]
    if citations:
        review["citation"] = citations
    if claim.tags:
        review["keywords"] = ", ".join(claim.tags)
    return review


def claim_reviews(registry: Registry, *, base_url: str | None = None) -> list[dict]:
    """One ClaimReview object per claim, in registry order."""
    return [claim_review(c, registry.meta_for(c), base_url=base_url) for c in registry.claims]


def render(registry: Registry, *, base_url: str | None = None) -> str:
    """The JSON-LD document: a JSON array of ClaimReview objects."""
    return json.dumps(claim_reviews(registry, base_url=base_url), ensure_ascii=False, indent=2)
