"""The Python API: `check` a statement, `load_registry`, `matcher_for` a registry (built once, reused)."""

from __future__ import annotations

from pathlib import Path

from .matcher import Matcher, clean_statement
from .model import CheckResult, Registry

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


def load_matcher(registries: list[str | Path] | None = None, *, use_config: bool = True) -> Matcher:
    """The matcher for the built-in registry plus the project configuration's `registries` (unless
    `use_config` is false) plus FACTCHECK_REGISTRY plus `registries`, via the disk cache."""
    from .cache import load_registry_and_index
    from .registry import registry_paths

    registry, index = load_registry_and_index(registry_paths(registries, use_config=use_config))
    key = registry.fingerprint or str(id(registry))
    matcher = _MATCHERS.get(key)
    if matcher is None:
        matcher = _MATCHERS[key] = Matcher(registry, index)
    return matcher


def check(statement: str, registry: Registry | None = None, *, explain: bool = False,
          registries: list[str | Path] | None = None) -> CheckResult:
    """Match one statement against the built-in registry (plus `registries`), or against `registry`."""
    matcher = load_matcher(registries) if registry is None else matcher_for(registry)
    return matcher.check(clean_statement(statement), explain=explain)
