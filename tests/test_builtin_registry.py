"""The built-in registry: every quote is verbatim in its source, and the data obeys the format's rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from factcheck.model import VERDICTS
from factcheck.registry import builtin_registry_path, load_registry

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "deepseek-md"
INVENTORY = ROOT.parent / "shared" / "claims-inventory.yaml"
REGISTRY = load_registry(use_env=False)


def test_every_seed_quote_is_verbatim_in_its_seed_file():
    texts = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "seeds").iterdir()}
    count = 0
    for claim in REGISTRY.claims:
        for cit in claim.citations:
            if cit.source:
                assert cit.quote in texts[cit.source.removeprefix("seeds/")], (claim.id, cit.quote[:60])
                count += 1
    assert count >= 200


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not here")
def test_every_primary_source_quote_is_verbatim_in_the_corpus_copy():
    corpus = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in CORPUS.iterdir())
    flat = " ".join(corpus.split())
    for claim in REGISTRY.claims:
        for cit in claim.citations:
            if cit.url:
                assert cit.quote in corpus or " ".join(cit.quote.split()) in flat, (claim.id, cit.quote[:60])


def test_seeds_are_the_shared_articles_unchanged():
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds is not here")
    for path in shared.iterdir():
        assert (ROOT / "seeds" / path.name).read_bytes() == path.read_bytes()


def test_verdicts_are_quoted_strings_in_the_yaml_file():
    text = builtin_registry_path().read_text(encoding="utf-8")
    for m in re.finditer(r"^\s+verdict:\s*(.+)$", text, re.M):
        assert m.group(1).strip() in {f'"{v}"' for v in VERDICTS}


def test_summaries_are_one_short_line_and_explanations_two_to_five_sentences():
    for claim in REGISTRY.claims:
        assert len(claim.summary) <= 120 and "\n" not in claim.summary
        sentences = [s for s in re.split(r"(?<=[a-z0-9)\"'][.!?])\s+(?=[A-Za-z0-9\"'(])", claim.explanation) if s]
        assert 2 <= len(sentences) <= 7, claim.id


def test_every_claim_has_several_phrasings_and_a_date():
    for claim in REGISTRY.claims:
        assert len(claim.phrasings) >= 5, claim.id
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", claim.as_of)


@pytest.mark.skipif(not INVENTORY.is_file(), reason="../shared/claims-inventory.yaml is not here")
def test_registry_covers_the_inventory_with_the_same_verdicts_and_own_words():
    inventory = {e["id"]: e for e in yaml.safe_load(INVENTORY.read_text(encoding="utf-8"))}
    ids = {c.id: c for c in REGISTRY.claims}
    assert set(inventory) <= set(ids)
    for cid, entry in inventory.items():
        claim = ids[cid]
        assert claim.verdict == entry["verdict"] or claim.history, cid
        assert claim.explanation.strip() != entry["gist"].strip(), f"{cid}: explanation copies the gist"
        copied = set(claim.phrasings) & set(entry.get("paraphrases", []))
        assert not copied, f"{cid}: phrasings copied from the inventory: {copied}"
