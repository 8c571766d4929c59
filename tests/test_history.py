"""Corrections log and dates: history rules on the built-in registry, `registry validate --strict`, and
browsing (`factcheck claims` filters, `factcheck claims show ID` with phrasings, quotes in context, history)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from factcheck.cli import main
from factcheck.formats.claim_show import quote_context
from factcheck.registry import RegistryError, builtin_registry_path, load_registry, load_registry_file

from conftest import GOOD_CLAIM

ROOT = Path(__file__).resolve().parents[1]
INVENTORY = ROOT.parent / "shared" / "claims-inventory.yaml"
COVERAGE_TOOL = ROOT.parent / "shared" / "tools" / "inventory_coverage.py"


@pytest.fixture(autouse=True)
def _no_env_registries(monkeypatch):
    monkeypatch.delenv("FACTCHECK_REGISTRY", raising=False)


@pytest.fixture(scope="module")
def builtin():
    return load_registry(builtin=True, use_env=False, use_config=False)


def run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


# -- the built-in registry's corrections log -----------------------------------------------------------------

@pytest.fixture(scope="module")
def inventory():
    if not INVENTORY.is_file():
        pytest.skip(f"{INVENTORY} is absent (the ../shared checkout is not next to this repository)")
    return {e["id"]: e for e in yaml.safe_load(INVENTORY.read_text(encoding="utf-8"))}


def test_a_verdict_that_differs_from_the_inventory_has_a_history_entry_saying_why(builtin, inventory):
    """The inventory's verdict is the starting point; any change must be logged: from it, to ours, with a reason."""
    unexplained = []
    for claim in builtin.claims:
        entry = inventory.get(claim.id)
        if entry is None or entry["verdict"] == claim.verdict:
            continue
        steps = [(h.from_verdict, h.to_verdict) for h in claim.history]
        chain_ok = (claim.history and claim.history[0].from_verdict == entry["verdict"]
                    and claim.history[-1].to_verdict == claim.verdict
                    and all(len(h.reason.split()) >= 5 for h in claim.history))
        if not chain_ok:
            unexplained.append(f"{claim.id}: inventory {entry['verdict']!r}, registry {claim.verdict!r}, "
                               f"history {steps}")
    assert not unexplained, "verdict changes without a history entry explaining why:\n" + "\n".join(unexplained)


def test_every_inventory_id_is_in_the_registry_per_the_shared_coverage_tool(inventory, capsys):
    """../shared/tools/inventory_coverage.py reads `factcheck claims --format json` and exits 0 when covered."""
    if not COVERAGE_TOOL.is_file():
        pytest.skip(f"{COVERAGE_TOOL} is absent")
    code, out, _ = run(["claims", "--format", "json"], capsys)
    assert code == 0
    done = subprocess.run([sys.executable, str(COVERAGE_TOOL), "-"], input=out, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_history_ends_at_the_current_verdict(builtin):
    for claim in builtin.claims:
        if claim.history:
            assert claim.history[-1].to_verdict == claim.verdict, claim.id


def test_history_entries_are_oldest_first_and_each_changes_the_verdict(builtin):
    for claim in builtin.claims:
        dates = [h.date for h in claim.history]
        assert dates == sorted(dates), claim.id
        assert all(h.from_verdict != h.to_verdict for h in claim.history), claim.id


def test_every_claim_has_valid_dates_and_review_by_follows_as_of(builtin):
    for claim in builtin.claims:
        as_of = dt.date.fromisoformat(claim.as_of)
        if claim.review_by:
            assert dt.date.fromisoformat(claim.review_by) > as_of, claim.id


def test_outdated_claims_name_an_existing_successor(builtin):
    for claim in builtin.claims:
        if claim.verdict == "outdated":
            assert builtin.get(claim.superseded_by) is not None, claim.id


def test_the_loader_requires_superseded_by_on_outdated_claims(make_registry):
    with pytest.raises(RegistryError) as info:
        load_registry_file(make_registry(GOOD_CLAIM.replace('verdict: "true"', 'verdict: "outdated"')))
    assert info.value.problems[0].field == "superseded_by"


def test_the_builtin_registry_file_has_the_modeline_and_is_the_one_loaded():
    assert builtin_registry_path().read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")


# -- registry validate --strict ------------------------------------------------------------------------------

def _with_review_by(date: str) -> str:
    return GOOD_CLAIM + f'    review_by: "{date}"\n'


def test_strict_fails_when_a_review_by_date_has_passed(make_registry, capsys):
    path = make_registry(_with_review_by("2020-01-01"))
    code, out, _ = run(["registry", "validate", "--strict", str(path)], capsys)
    assert code == 1
    assert "claim 'acme-founded-1999': field 'review_by': review_by 2020-01-01 has passed" in out


def test_without_strict_a_passed_review_by_date_is_fine(make_registry, capsys):
    path = make_registry(_with_review_by("2020-01-01"))
    code, out, _ = run(["registry", "validate", str(path)], capsys)
    assert code == 0 and out.startswith("ok: 1 claims")


def test_strict_passes_when_review_by_is_in_the_future(make_registry, capsys):
    future = (dt.date.today() + dt.timedelta(days=400)).isoformat()
    code, out, _ = run(["registry", "validate", "--strict", str(make_registry(_with_review_by(future)))], capsys)
    assert code == 0, out


def test_a_malformed_review_by_is_an_error_even_without_strict(make_registry, capsys):
    code, out, _ = run(["registry", "validate", str(make_registry(_with_review_by("next year")))], capsys)
    assert code == 1 and "field 'review_by'" in out


# -- claims show ---------------------------------------------------------------------------------------------

SEED = ("Intro line without a full stop\n"
        "Acme started small. Acme Widgets was founded in 1999 in Lyon. It moved to Paris later! Then more.\n"
        "Prices: widgets cost $12.50 each in 2024. That was the catalogue price.\n")

SHOW_CLAIM = """\
  - id: acme-founded-1999
    verdict: "true"
    claim: "Acme Widgets was founded in 1999."
    summary: "Acme was founded in 1999 in Lyon."
    explanation: "The company history says so."
    phrasings:
      - "Acme dates back to 1999."
      - "Acme is a 1999 company."
      - "Acme opened its doors in 1999."
    citations:
      - source: seeds/acme.txt
        quote: "Acme Widgets was founded in 1999 in Lyon."
      - source: seeds/acme.txt
        quote: "widgets cost $12.50 each"
      - url: https://example.org/acme
        title: "Acme history page"
        quote: "Founded 1999."
    as_of: "2025-01-01"
    review_by: "2026-01-01"
    tags: [acme-company]
    history:
      - {date: "2025-01-05", from: "unproven", to: "true", reason: "The 1999 founding deed was published."}
"""


@pytest.fixture
def show_registry(make_registry):
    path = make_registry(SHOW_CLAIM)
    (path.parent / "seeds" / "acme.txt").write_text(SEED, encoding="utf-8")
    return path


def test_claims_show_prints_every_phrasing_citation_context_history_and_dates(show_registry, capsys):
    code, out, _ = run(["claims", "show", "acme-founded-1999", "--registry", str(show_registry), "-f", "text"],
                       capsys)
    assert code == 0
    flat = " ".join(out.split())
    for phrasing in ("Acme dates back to 1999.", "Acme is a 1999 company.", "Acme opened its doors in 1999."):
        assert phrasing in flat
    assert "As of 2025-01-01; review by 2026-01-01; last corrected 2025-01-05" in flat
    assert "History:" in out and "2025-01-05: unproven -> true. The 1999 founding deed was published." in flat
    # the quote in context: the sentence before and after it, within its paragraph
    assert ("in context: Acme started small. «Acme Widgets was founded in 1999 in Lyon.» "
            "It moved to Paris later!") in flat
    # a quote inside a sentence is extended to the whole sentence ($12.50 does not end a sentence)
    assert "in context: Prices: «widgets cost $12.50 each» in 2024." in flat
    assert "Acme history page <https://example.org/acme>" in flat


def test_claims_show_json_carries_contexts_history_and_dates(show_registry, capsys):
    code, out, _ = run(["claims", "--registry", str(show_registry), "show", "acme-founded-1999", "-f", "json"],
                       capsys)
    data = json.loads(out)
    assert code == 0
    assert data["review_by"] == "2026-01-01" and data["as_of"] == "2025-01-01"
    assert data["history"] == [{"date": "2025-01-05", "from": "unproven", "to": "true",
                                "reason": "The 1999 founding deed was published."}]
    assert data["citations"][0]["context"] == {"before": "Acme started small. ", "after": " It moved to Paris later!"}
    assert "context" not in data["citations"][2]  # url citations have no seed file to read
    assert len(data["phrasings"]) == 3


def test_claims_show_unknown_id_suggests_the_nearest(capsys):
    code, _, err = run(["claims", "show", "training-cost-6"], capsys)
    assert code == 2 and "did you mean 'training-cost-6m'?" in err


@pytest.mark.parametrize("text, quote, expected", [
    ("One. Two three. Four.", "Two three.", ("One. ", " Four.")),
    ("One. Two three. Four.", "three", ("Two ", ".")),
    ("First line.\nOne two. Three.", "One two.", ("", " Three.")),
    ("他说了。这是引用。然后呢。", "这是引用。", ("他说了。", "然后呢。")),
    ("Cost was $5.576M in total. Next.", "$5.576M", ("Cost was ", " in total.")),
])
def test_quote_context_extends_to_sentences_within_the_paragraph(text, quote, expected):
    assert quote_context(text, quote) == expected


def test_quote_context_is_none_when_the_quote_is_not_there():
    assert quote_context("Some text.", "other") is None


# -- claims (list) filters -----------------------------------------------------------------------------------

def test_claims_filter_by_verdict(builtin, capsys):
    code, out, _ = run(["claims", "--verdict", "misleading", "-f", "json"], capsys)
    rows = json.loads(out)
    assert code == 0 and rows
    assert {r["verdict"] for r in rows} == {"misleading"}
    assert len(rows) == sum(c.verdict == "misleading" for c in builtin.claims)


def test_claims_filter_by_several_verdicts_and_a_tag(builtin, capsys):
    tags = sorted({t for c in builtin.claims for t in c.tags},
                  key=lambda t: -sum(t in c.tags and c.verdict in ("false", "misleading") for c in builtin.claims))
    code, out, _ = run(["claims", "--verdict", "false", "--verdict", "misleading", "--tag", tags[0], "-f", "json"],
                       capsys)
    rows = json.loads(out)
    expected = [c.id for c in builtin.claims if c.verdict in ("false", "misleading") and tags[0] in c.tags]
    assert code == 0 and [r["id"] for r in rows] == expected and expected


def test_claims_search_uses_the_matcher(capsys):
    code, out, _ = run(["claims", "--search", "DeepSeek trained its model for six million dollars", "-f", "json"],
                       capsys)
    ids = [r["id"] for r in json.loads(out)]
    assert code == 0 and "training-cost-6m" in ids[:3]


def test_claims_unknown_verdict_or_tag_is_a_usage_error(make_registry, capsys):
    code, _, err = run(["claims", "--verdict", "mostly-true"], capsys)
    assert code == 2 and "unknown verdict 'mostly-true'" in err
    path = make_registry(GOOD_CLAIM + "    tags: [zzq-widgets]\n")
    code, out, _ = run(["claims", "--registry", str(path), "--tag", "zzq-widgets", "-f", "text"], capsys)
    assert code == 0 and out.startswith("acme-founded-1999\ttrue\t")
    code, _, err = run(["claims", "--registry", str(path), "--tag", "zzq-widget"], capsys)
    assert code == 2 and "unknown tag 'zzq-widget'; did you mean 'zzq-widgets'?" in err


def test_claims_text_output_is_one_tab_separated_line_per_claim(builtin, capsys):
    code, out, _ = run(["claims", "-f", "text"], capsys)
    lines = out.splitlines()
    assert code == 0 and len(lines) == len(builtin.claims)
    assert all(len(line.split("\t")) == 3 for line in lines)
