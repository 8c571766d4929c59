"""schema/claims.schema.json: valid JSON Schema, accepts the shipped registries, and agrees with the Python
validator (`factcheck registry validate`) on what a broken registry is."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from factcheck.cli import main
from factcheck.registry import RegistryError, load_registry_file

from conftest import GOOD_CLAIM

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is a test dependency: pip install '.[test]'")

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_PATH = ROOT / "schema" / "claims.schema.json"
BUILTIN = ROOT / "data" / "claims.yaml"
EXAMPLE = ROOT / "examples" / "my-claims.yaml"


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    cls = jsonschema.Draft202012Validator
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def as_json(value):
    """YAML data as an editor's YAML 1.2 language server sees it: dates are plain strings."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def schema_errors(validator, path: Path) -> list[str]:
    data = as_json(yaml.safe_load(path.read_text(encoding="utf-8")))
    return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(data)]


def python_problems(path: Path) -> list[str]:
    try:
        load_registry_file(path)
    except RegistryError as exc:
        return [str(p) for p in exc.problems]
    return []


def test_the_schema_is_a_valid_draft_2020_12_schema(validator):
    """check_schema ran in the fixture; the schema also names its dialect."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_builtin_registry_is_valid_against_the_schema(validator):
    """data/claims.yaml passes the schema, field for field."""
    assert schema_errors(validator, BUILTIN) == []


def test_the_builtin_registry_points_editors_at_the_schema():
    """The first line is the yaml-language-server modeline, and the path it names exists."""
    first = BUILTIN.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/claims.schema.json"
    assert (BUILTIN.parent / "../schema/claims.schema.json").resolve() == SCHEMA_PATH.resolve()


def test_schema_path_and_registry_schema_command_find_the_schema(capsys):
    """In a checkout, the schema at the top; installed, the copy in the package (tests/test_wheel.py)."""
    from factcheck.registry import schema_path

    found = schema_path()
    # a checkout gives its own schema; an installed package (CI installs it) gives its copy, the same bytes
    assert found.read_bytes() == SCHEMA_PATH.read_bytes()
    assert main(["registry", "schema"]) == 0
    assert capsys.readouterr().out == f"{found}\n"


def test_the_example_user_registry_is_valid_against_the_schema_and_the_validator(validator):
    assert schema_errors(validator, EXAMPLE) == []
    assert python_problems(EXAMPLE) == []


# -- agreement: registries both validators accept, and registries both reject --------------------------------

FULL_CLAIM = GOOD_CLAIM + """\
    review_by: "2030-01-01"
    tags: [company, history]
    requires:
      - [founded, "found*", "<usd>"]
    figures:
      - {value: 1999, unit: days, label: "not really days", tolerance: 0.5}
      - {value: 12, unit: usd}
    appearances: [https://example.org/post/1]
    override: false
    history:
      - {date: "2025-01-01", from: "unproven", to: "false", reason: "first review"}
      - {date: "2025-02-01", from: "false", to: "true", reason: "the 1999 catalogue turned up"}
  - id: acme-old-price
    verdict: "outdated"
    claim: "Acme widgets cost $10."
    summary: "They cost $12 now."
    explanation: "The 2024 catalogue lists $12."
    phrasings: ["Acme widgets are ten dollars."]
    citations:
      - url: https://example.org/catalogue
        title: "Acme catalogue 2024"
        quote: "Its widgets cost $12 each."
    as_of: "2025-01-01"
    superseded_by: acme-founded-1999
"""

VALID = {
    "minimal claim": GOOD_CLAIM,
    "every optional field": FULL_CLAIM,
    "unquoted true verdict": GOOD_CLAIM.replace('verdict: "true"', "verdict: true"),
    "unquoted date": GOOD_CLAIM.replace('as_of: "2025-01-01"', "as_of: 2025-01-01"),
}


def _top(extra: str) -> str:
    return "version: 1\n" + extra + "claims:\n"


BROKEN = {
    # name: (claims yaml, header)
    "unknown verdict": (GOOD_CLAIM.replace('verdict: "true"', 'verdict: "mostly-true"'), None),
    "missing summary": (GOOD_CLAIM.replace('    summary: "Acme was founded in 1999 in Lyon."\n', ""), None),
    "summary over 120 characters": (GOOD_CLAIM.replace("Acme was founded in 1999 in Lyon.", "x" * 121), None),
    "summary on two lines": (GOOD_CLAIM.replace('"Acme was founded in 1999 in Lyon."', '"Acme was founded\\nin 1999."'),
                             None),
    "blank claim": (GOOD_CLAIM.replace('claim: "Acme Widgets was founded in 1999."', 'claim: "   "'), None),
    "upper-case id": (GOOD_CLAIM.replace("acme-founded-1999", "Acme-Founded"), None),
    "unknown claim field": (GOOD_CLAIM + "    sources: []\n", None),
    "as_of not a date": (GOOD_CLAIM.replace('as_of: "2025-01-01"', 'as_of: "Feb 2025"'), None),
    "as_of impossible date": (GOOD_CLAIM.replace('as_of: "2025-01-01"', 'as_of: "2025-02-30"'), None),
    "review_by not a date": (GOOD_CLAIM + '    review_by: "soon"\n', None),
    "empty phrasings": (GOOD_CLAIM.replace('    phrasings:\n      - "Acme dates back to 1999."\n', "    phrasings: []\n"),
                        None),
    "phrasing not a string": (GOOD_CLAIM.replace('- "Acme dates back to 1999."', "- {text: x}"), None),
    "no citations": (GOOD_CLAIM.split("    citations:")[0] + '    citations: []\n    as_of: "2025-01-01"\n', None),
    "citation with neither source nor url": (GOOD_CLAIM.replace("source: seeds/acme.txt", "where: seeds/acme.txt"),
                                             None),
    "citation with source and url": (GOOD_CLAIM.replace("source: seeds/acme.txt",
                                                        "source: seeds/acme.txt\n        url: https://x.org"), None),
    "url citation without title": (GOOD_CLAIM.replace("source: seeds/acme.txt", "url: https://example.org/a"), None),
    "url that is not http": (GOOD_CLAIM.replace("source: seeds/acme.txt", "url: ftp://example.org/a\n        title: t"),
                             None),
    "source outside seeds": (GOOD_CLAIM.replace("seeds/acme.txt", "seeds/../acme.txt"), None),
    "citation without quote": (GOOD_CLAIM.replace('        quote: "Acme Widgets was founded in 1999 in Lyon."\n', ""),
                               None),
    "figure with unknown unit": (GOOD_CLAIM + "    figures: [{value: 3, unit: furlongs}]\n", None),
    "figure with negative value": (GOOD_CLAIM + "    figures: [{value: -3, unit: usd}]\n", None),
    "figure with boolean value": (GOOD_CLAIM + "    figures: [{value: true, unit: usd}]\n", None),
    "figure with unknown field": (GOOD_CLAIM + "    figures: [{value: 3, unit: usd, note: x}]\n", None),
    "figure with numeric label": (GOOD_CLAIM + "    figures: [{value: 3, unit: usd, label: 7}]\n", None),
    "figure tolerance above 10": (GOOD_CLAIM + "    figures: [{value: 3, unit: usd, tolerance: 11}]\n", None),
    "tags not a list": (GOOD_CLAIM + "    tags: company\n", None),
    "blank tag": (GOOD_CLAIM + '    tags: [company, " "]\n', None),
    "empty requires group": (GOOD_CLAIM + "    requires: [[]]\n", None),
    "history entry without reason": (GOOD_CLAIM + '    history: [{date: "2025-01-01", from: "false", to: "true"}]\n',
                                     None),
    "history entry with unknown verdict": (
        GOOD_CLAIM + '    history: [{date: "2025-01-01", from: "dubious", to: "true", reason: x}]\n', None),
    "history entry with unknown field": (
        GOOD_CLAIM + '    history: [{date: "2025-01-01", from: "false", to: "true", reason: x, by: me}]\n', None),
    "outdated without superseded_by": (GOOD_CLAIM.replace('verdict: "true"', 'verdict: "outdated"'), None),
    "superseded_by not an id": (GOOD_CLAIM + '    superseded_by: "Some Claim"\n', None),
    "override not a boolean": (GOOD_CLAIM + '    override: "maybe"\n', None),
    "appearance not a URL": (GOOD_CLAIM + "    appearances: [somewhere on twitter]\n", None),
    "unknown top-level field": (GOOD_CLAIM, _top("owner: me\n")),
    "unsupported version": (GOOD_CLAIM, "version: 2\nclaims:\n"),
    "author not a string": (GOOD_CLAIM, _top("author: [a, b]\n")),
    "registry url not http": (GOOD_CLAIM, _top("url: example.org\n")),
    "claims not a list": ("", "version: 1\nclaims: {a: 1}\n"),
}


@pytest.mark.parametrize("name", sorted(VALID))
def test_both_validators_accept(name, make_registry, validator):
    path = make_registry(VALID[name])
    assert python_problems(path) == []
    assert schema_errors(validator, path) == []


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_both_validators_reject(name, make_registry, validator):
    claims, header = BROKEN[name]
    path = make_registry(claims, **({"header": header} if header else {}))
    assert python_problems(path), f"factcheck registry validate accepted: {name}"
    assert schema_errors(validator, path), f"the JSON Schema accepted: {name}"


#: Rules a JSON Schema cannot express: they need the seed files or more than one claim. Only the Python
#: validator checks them, and docs/registry.md says so.
PYTHON_ONLY = {
    "quote not verbatim in its seed": GOOD_CLAIM.replace("founded in 1999 in Lyon.\"\n    as_of",
                                                         "founded in 2001 in Lyon.\"\n    as_of"),
    "unknown seed file": GOOD_CLAIM.replace("seeds/acme.txt", "seeds/missing.txt"),
    "duplicate id": GOOD_CLAIM + GOOD_CLAIM,
    "history not ending at the verdict": GOOD_CLAIM + '    history: [{date: "2025-01-01", from: "true", to: "false", '
                                                      'reason: x}]\n',
    "history out of date order": GOOD_CLAIM + '    history:\n      - {date: "2025-03-01", from: "false", to: '
                                              '"unproven", reason: x}\n      - {date: "2025-01-01", from: '
                                              '"unproven", to: "true", reason: y}\n',
    "claim superseding itself": GOOD_CLAIM + "    superseded_by: acme-founded-1999\n",
}


@pytest.mark.parametrize("name", sorted(PYTHON_ONLY))
def test_rules_beyond_the_schema_are_checked_by_the_python_validator(name, make_registry, validator):
    path = make_registry(PYTHON_ONLY[name])
    assert schema_errors(validator, path) == []
    assert python_problems(path)


def test_registry_validate_reports_file_line_claim_and_field(make_registry, capsys):
    """`factcheck registry validate` prints `file:line: claim 'id': field 'f': message` and exits 1."""
    path = make_registry(GOOD_CLAIM.replace('verdict: "true"', 'verdict: "mostly-true"'))
    code = main(["registry", "validate", str(path)])
    out = capsys.readouterr().out
    assert code == 1
    assert f"{path}:3: claim 'acme-founded-1999': field 'verdict': unknown verdict" in out
    assert "1 problem(s)" in out


def test_registry_validate_accepts_the_builtin_and_example_registries_together(capsys):
    code = main(["registry", "validate", str(BUILTIN), str(EXAMPLE)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert out.startswith("ok: ") and "in 2 registry file(s)" in out
