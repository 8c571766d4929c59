"""factcheck: check statements about DeepSeek against a registry of reviewed, cited claims."""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["check", "load_registry", "Claim", "Match", "CheckResult", "Registry", "__version__"]


def __getattr__(name: str):
    # Lazy: `python -m factcheck` and the CLI must not pay for imports they do not use.
    if name == "check":
        from .api import check

        return check
    if name == "load_registry":
        from .registry import load_registry

        return load_registry
    if name in ("Claim", "Match", "CheckResult", "Registry", "Citation", "Finding", "Conflict"):
        from . import model

        return getattr(model, name)
    raise AttributeError(f"module 'factcheck' has no attribute {name!r}")
