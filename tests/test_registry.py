"""The registry loader: safe YAML, every kind of error named with file, line, claim id and field."""

from __future__ import annotations

import pytest

from factcheck.registry import RegistryError, load_registry, load_registry_file, merge_registries

from conftest import GOOD_CLAIM


def problems_of(path):
    with pytest.raises(RegistryError) as info:
        load_registry_file(path)
    return info.value.problems


def test_a_valid_registry_loads_into_frozen_claims(make_registry):
    rf = load_registry_file(make_registry())
    (claim,) = rf.claims
    assert claim.id == "acme-founded-1999" and claim.verdict == "true"
    assert claim.citations[0].source == "seeds/acme.txt"
    with pytest.raises(Exception):
        claim.verdict = "false"  # frozen


def test_unknown_verdict_names_file_line_claim_and_field(make_registry):
    path = make_registry(GOOD_CLAIM.replace('verdict: "true"', 'verdict: "mostly-true"'))
    (p,) = problems_of(path)
    assert p.field == "verdict" and p.claim_id == "acme-founded-1999" and p.line == 3
    assert str(p).startswith(f"{path}:3: claim 'acme-founded-1999': field 'verdict': unknown verdict")


def test_unquoted_true_verdict_is_read_as_the_verdict_not_a_boolean(make_registry):
    path = make_registry(GOOD_CLAIM.replace('verdict: "true"', "verdict: true"))
    assert load_registry_file(path).claims[0].verdict == "true"


def test_duplicate_id_is_an_error(make_registry):
    (p,) = problems_of(make_registry(GOOD_CLAIM + GOOD_CLAIM))
    assert p.field == "id" and "duplicate id" in p.message


def test_missing_field_is_named(make_registry):
    path = make_registry(GOOD_CLAIM.replace('    summary: "Acme was founded in 1999 in Lyon."\n', ""))
    (p,) = problems_of(path)
    assert p.field == "summary" and "missing" in p.message


def test_quote_not_in_its_source_is_an_error(make_registry):
    path = make_registry(GOOD_CLAIM.replace("founded in 1999 in Lyon.\"\n    as_of", "founded in 2001 in Lyon.\"\n    as_of"))
    (p,) = problems_of(path)
    assert p.field == "citations" and "not found verbatim" in p.message


def test_unknown_seed_file_is_an_error(make_registry):
    (p,) = problems_of(make_registry(GOOD_CLAIM.replace("seeds/acme.txt", "seeds/missing.txt")))
    assert "unknown seed file" in p.message


@pytest.mark.parametrize("source", ["../../etc/passwd", "seeds/../../etc/passwd", "/etc/passwd", "seeds/sub/x.txt"])
def test_a_source_outside_the_seeds_folder_is_refused(make_registry, source):
    (p,) = problems_of(make_registry(GOOD_CLAIM.replace("seeds/acme.txt", source)))
    assert "seeds/<file name>" in p.message


def test_malformed_yaml_reports_line_and_column(make_registry):
    path = make_registry(GOOD_CLAIM.replace('claim: "Acme Widgets was founded in 1999."', 'claim: "unterminated'))
    (p,) = problems_of(path)
    assert "invalid YAML" in p.message and p.line is not None and p.column is not None


def test_python_tags_are_refused_and_nothing_runs(make_registry, tmp_path):
    marker = tmp_path / "pwned"
    path = make_registry(f"  - !!python/object/apply:os.system ['touch {marker}']\n")
    problems = problems_of(path)
    assert "invalid YAML" in problems[0].message
    assert not marker.exists()


def test_alias_bombs_are_refused(make_registry):
    bomb = 'a: &a ["lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nclaims: [*c]\n'
    (p,) = problems_of(make_registry("", header=bomb))
    assert "anchors and aliases" in p.message


def test_a_later_registry_overrides_an_id_only_when_it_says_so(make_registry, tmp_path):
    first = load_registry_file(make_registry())
    second = load_registry_file(make_registry(GOOD_CLAIM.replace('verdict: "true"', 'verdict: "false"'), name="b.yaml"))
    with pytest.raises(RegistryError) as info:
        merge_registries([first, second])
    assert "override: true" in str(info.value)
    third = load_registry_file(make_registry(
        GOOD_CLAIM.replace('verdict: "true"', 'verdict: "false"') + "    override: true\n", name="c.yaml"))
    merged = merge_registries([first, third])
    assert merged.get("acme-founded-1999").verdict == "false"


def test_history_must_end_at_the_current_verdict(make_registry):
    path = make_registry(GOOD_CLAIM + '    history:\n      - {date: "2025-02-01", from: "unproven", to: "false", reason: "x"}\n')
    (p,) = problems_of(path)
    assert p.field == "history"


def test_builtin_registry_is_valid_and_env_registries_are_added(make_registry, monkeypatch):
    path = make_registry()
    monkeypatch.setenv("FACTCHECK_REGISTRY", str(path))
    registry = load_registry()
    assert registry.get("acme-founded-1999") is not None
    assert len(registry.claims) > 100
