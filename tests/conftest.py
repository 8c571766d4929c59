"""Shared fixtures: a tiny registry folder builder, so tests don't depend on the built-in registry's wording."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

SEED_TEXT = (
    "Acme Widgets was founded in 1999 in Lyon. The company sells blue widgets.\n"
    "Its widgets cost $12 each, according to the 2024 catalogue.\n"
)

GOOD_CLAIM = """\
  - id: acme-founded-1999
    verdict: "true"
    claim: "Acme Widgets was founded in 1999."
    summary: "Acme was founded in 1999 in Lyon."
    explanation: "The company history says so."
    phrasings:
      - "Acme dates back to 1999."
    citations:
      - source: seeds/acme.txt
        quote: "Acme Widgets was founded in 1999 in Lyon."
    as_of: "2025-01-01"
"""


#: A claim with three phrasings and a counter, shaped like the built-in registry's (which has ~10 texts a
#: claim): what the learned models (stance, acceptance words) apply to.
BATTERY_CLAIM = """\
  - id: acme-week-battery
    claim: "Acme's phone runs a week on one charge."
    verdict: "false"
    summary: "It lasts a day."
    explanation: "Acme's own tests give about a day of battery."
    phrasings:
      - "One charge lasts Acme's phone a whole week."
      - "Acme's phone battery lasts seven days per charge."
      - "A week of battery from a single charge: that's the Acme phone."
    counters:
      - "Acme's phone needs a charger every evening."
    citations:
      - source: seeds/acme.txt
        quote: "Acme Widgets was founded in 1999 in Lyon."
    as_of: "2025-01-01"
"""


@pytest.fixture
def battery_registry(make_registry):
    """The BATTERY_CLAIM registry, loaded without the built-in one."""
    from factcheck.registry import load_registry

    return load_registry([make_registry(BATTERY_CLAIM)], builtin=False, use_env=False, use_config=False)


@pytest.fixture
def make_registry(tmp_path: Path):
    """Write a registry file (and a seeds/acme.txt next to it) and return its path."""

    def make(claims_yaml: str = GOOD_CLAIM, header: str = "version: 1\nclaims:\n", name: str = "claims.yaml") -> Path:
        seeds = tmp_path / "seeds"
        seeds.mkdir(exist_ok=True)
        (seeds / "acme.txt").write_text(SEED_TEXT, encoding="utf-8")
        path = tmp_path / name
        path.write_text(header + textwrap.dedent(claims_yaml) if not claims_yaml.startswith("  ") else header + claims_yaml,
                        encoding="utf-8")
        return path

    return make


# -- hypothesis profiles -----------------------------------------------------------------------------------------
# The property tests (tests/test_properties.py) take their example counts from the active profile:
#   default   100 examples a property: part of every `pytest` run, a few seconds;
#   fuzz      the long campaign (bench/fuzz.py): 15,000 examples a property (over 100,000 in all).
# Choose one with `pytest --hypothesis-profile=fuzz`, or FACTCHECK_HYPOTHESIS_PROFILE=fuzz.
try:
    import os as _os

    from hypothesis import HealthCheck as _HealthCheck
    from hypothesis import settings as _settings
except ImportError:  # hypothesis is a test extra; the property tests skip themselves without it
    pass
else:
    _slow = [_HealthCheck.too_slow, _HealthCheck.data_too_large, _HealthCheck.filter_too_much]
    _settings.register_profile("factcheck-default", max_examples=100, deadline=None, suppress_health_check=_slow)
    _settings.register_profile("fuzz", max_examples=int(_os.environ.get("FACTCHECK_FUZZ_EXAMPLES", "15000")),
                               deadline=None, suppress_health_check=_slow, print_blob=True)
    _settings.load_profile(_os.environ.get("FACTCHECK_HYPOTHESIS_PROFILE", "factcheck-default"))
