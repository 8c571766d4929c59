"""On-disk cache of compiled registry indexes. (Placeholder until the speed work: always builds.)"""

from __future__ import annotations

from .index import Index, build_index
from .model import Registry


def load_or_build_index(registry: Registry) -> Index:
    return build_index(registry)
