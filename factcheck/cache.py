"""On-disk cache of validated registries and their compiled indexes, so a one-shot check starts fast.

Parsing ~400 KB of YAML, checking every quote against its seed file and analysing ~1,300 phrasings takes
longer than the rest of a check put together. The result depends only on the registry files, the seed
files they cite and this version of factcheck, so it is cached under the user cache directory, keyed by a
hash of all three.

Safety: the cache is written atomically (temporary file + rename), stored with `marshal` (plain data: a
tampered file cannot run code, only fail to load), and ignored and rebuilt when stale, corrupt or
unreadable. An unwritable cache directory only costs speed. Nothing else is ever written.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
import time
from pathlib import Path

from . import __version__
from .index import INDEX_FORMAT, ClaimEntry, Index, PhrasingEntry, build_index
from .model import Citation, Claim, Figure, HistoryEntry, Registry, RegistryMeta
from .stance import ClaimPolarity

ENV_DIR = "FACTCHECK_CACHE_DIR"
ENV_DISABLE = "FACTCHECK_NO_CACHE"
_MAGIC = "factcheck-index"


def cache_dir() -> Path:
    """$FACTCHECK_CACHE_DIR, else $XDG_CACHE_HOME/factcheck, else ~/.cache/factcheck."""
    explicit = os.environ.get(ENV_DIR)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "factcheck"


def cache_key(paths: list[Path]) -> str | None:
    """Hash of factcheck's version, every registry file's bytes and the seed folders' listings.

    None when a file cannot be read: the caller then loads normally and reports the error.
    """
    h = hashlib.sha256(f"{_MAGIC}:{INDEX_FORMAT}:{__version__}:{sys.version_info[:2]}".encode())
    seen_roots: set[Path] = set()
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError:
            return None
        h.update(str(path.resolve()).encode() + b"\0" + hashlib.sha256(data).digest())
        base = path.resolve().parent
        for root in (base / "seeds", base.parent / "seeds"):
            if root in seen_roots:
                continue
            seen_roots.add(root)
            try:
                entries = sorted(os.scandir(root), key=lambda e: e.name)
            except OSError:
                continue
            for entry in entries:
                try:
                    st = entry.stat()
                except OSError:
                    continue
                h.update(f"{root}/{entry.name}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()


# -- plain-data form ---------------------------------------------------------------------------------------

def _claim_to_plain(c: Claim) -> tuple:
    return (c.id, c.verdict, c.claim, c.summary, c.explanation, c.phrasings,
            tuple((x.quote, x.source, x.url, x.title) for x in c.citations), c.as_of, c.requires,
            tuple((f.value, f.unit, f.label, f.tolerance) for f in c.figures), c.tags, c.review_by, c.superseded_by,
            tuple((h.date, h.from_verdict, h.to_verdict, h.reason) for h in c.history), c.registry, c.appearances)


def _claim_from_plain(t: tuple) -> Claim:
    (cid, verdict, claim, summary, explanation, phrasings, cits, as_of, requires, figs, tags, review_by,
     superseded_by, history, registry, appearances) = t
    return Claim(id=cid, verdict=verdict, claim=claim, summary=summary, explanation=explanation,
                 phrasings=phrasings, citations=tuple(Citation(q, s, u, ti) for q, s, u, ti in cits), as_of=as_of,
                 requires=requires, figures=tuple(Figure(*f) for f in figs), tags=tags, review_by=review_by,
                 superseded_by=superseded_by, history=tuple(HistoryEntry(*h) for h in history), registry=registry,
                 appearances=appearances)


def _index_to_plain(index: Index) -> tuple:
    entries = tuple(
        (tuple((p.text, p.terms, p.joined) for p in e.phrasings), e.vocabulary,
         tuple(tuple(g) for g in e.requires), (e.polarity.negated_stems, e.polarity.negative, e.polarity.asserted_stems), e.length)
        for e in index.entries
    )
    return (index.postings, index.idf, index.unknown_idf, index.avgdl, entries)


def _index_from_plain(t: tuple) -> Index:
    postings, idf, unknown_idf, avgdl, entries = t
    return Index(
        postings=postings, idf=idf, unknown_idf=unknown_idf, avgdl=avgdl,
        entries=[ClaimEntry(phrasings=[PhrasingEntry(*p) for p in ph], vocabulary=vocab,
                            requires=[list(g) for g in req], polarity=ClaimPolarity(*pol), length=length)
                 for ph, vocab, req, pol, length in entries],
    )


# -- load / store ------------------------------------------------------------------------------------------

def _read(path: Path, key: str) -> tuple[Registry, Index] | None:
    try:
        blob = path.read_bytes()
        magic, stored_key, sources, fingerprint, claims, index, metadata = marshal.loads(blob)
        if magic != _MAGIC or stored_key != key:
            return None
        registry = Registry(claims=tuple(_claim_from_plain(c) for c in claims), sources=sources,
                            fingerprint=fingerprint, metadata=tuple(RegistryMeta(*m) for m in metadata))
        return registry, _index_from_plain(index)
    except (OSError, EOFError, ValueError, TypeError):
        return None


def _write(path: Path, key: str, registry: Registry, index: Index) -> None:
    try:
        blob = marshal.dumps((_MAGIC, key, registry.sources, registry.fingerprint,
                              tuple(_claim_to_plain(c) for c in registry.claims), _index_to_plain(index),
                              tuple((m.path, m.name, m.author, m.url) for m in registry.metadata)))
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".index-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(blob)
            os.replace(tmp, path)
            _prune(path.parent, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    except (OSError, ValueError):
        pass  # a read-only or full cache directory only costs speed


#: How many compiled indexes the cache directory keeps (the most recently used; ~0.5 MB each for the built-in
#: registry): every edit of a registry file, or a registry at another path, makes a new one. An index used in
#: the last RECENT seconds is never deleted, so concurrent runs (a test suite) do not evict each other's.
KEEP = 64
RECENT = 600


def _prune(directory: Path, keep: Path) -> None:
    """Delete all but the KEEP most recently used indexes, and temporary files a crash left behind."""
    try:
        entries = [(e.stat().st_mtime, e.name) for e in os.scandir(directory)
                   if e.name.startswith(".index-") or (e.name.startswith("index-") and e.name.endswith(".marshal"))]
    except OSError:
        return
    now = time.time()
    stale = [name for mtime, name in entries if name.startswith(".index-") and now - mtime > 3600]
    indexes = sorted(((m, n) for m, n in entries if n.startswith("index-")), reverse=True)
    stale += [name for mtime, name in indexes[KEEP:] if name != keep.name and now - mtime > RECENT]
    for name in stale:
        try:
            os.unlink(directory / name)
        except OSError:
            pass


def _touch(path: Path) -> None:
    """Mark a cache entry as used (pruning keeps the most recently used); a read-only cache is fine."""
    try:
        os.utime(path)
    except OSError:
        pass


def load_registry_and_index(paths: list[Path]) -> tuple[Registry, Index]:
    """The merged registry of `paths` and its index, from the cache when it is fresh."""
    from .registry import load_registry

    use_cache = not os.environ.get(ENV_DISABLE)
    key = cache_key(paths) if use_cache else None
    target = cache_dir() / f"index-{key[:40]}.marshal" if key else None
    if target is not None:
        hit = _read(target, key)
        if hit is not None:
            _touch(target)
            return hit
    registry = load_registry(paths, builtin=False, use_env=False)
    index = build_index(registry)
    if target is not None:
        _write(target, key, registry, index)
    return registry, index


def load_or_build_index(registry: Registry) -> Index:
    """The index for an already loaded registry (the API path); built in memory."""
    return build_index(registry)
