"""The Python API: `check` a statement, `load_registry`, `matcher_for` a registry (built once, reused)."""

from __future__ import annotations

from pathlib import Path

from .matcher import Matcher, clean_statement
from .model import CheckResult, Registry
from .registry import load_registry

_MATCHERS: dict[str, Matcher] = {}


def matcher_for(registry: Registry) -> Matcher:
    """The matcher for a registry, built once per registry content and then reused (from disk when cached)."""
    key = registry.fingerprint or str(id(registry))
    matcher = _MATCHERS.get(key)
    if matcher is None:
        from .cache import load_or_build_index

        matcher = Matcher(registry, load_or_build_index(registry))
        _MATCHERS[key] = matcher
    return matcher


def check(statement: str, registry: Registry | None = None, *, explain: bool = False,
          registries: list[str | Path] | None = None) -> CheckResult:
    """Match one statement against the built-in registry (plus `registries`), or against `registry`."""
    if registry is None:
        registry = load_registry(registries)
    return matcher_for(registry).check(clean_statement(statement), explain=explain)
