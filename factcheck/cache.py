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
            tuple((h.date, h.from_verdict, h.to_verdict, h.reason) for h in c.history), c.registry, c.appearances,
            c.counters)


def _claim_from_plain(t: tuple) -> Claim:
    (cid, verdict, claim, summary, explanation, phrasings, cits, as_of, requires, figs, tags, review_by,
     superseded_by, history, registry, appearances, counters) = t
    return Claim(id=cid, verdict=verdict, claim=claim, summary=summary, explanation=explanation,
                 phrasings=phrasings, citations=tuple(Citation(q, s, u, ti) for q, s, u, ti in cits), as_of=as_of,
                 requires=requires, figures=tuple(Figure(*f) for f in figs), tags=tags, review_by=review_by,
                 superseded_by=superseded_by, history=tuple(HistoryEntry(*h) for h in history), registry=registry,
                 appearances=appearances, counters=counters)


def _polarity_to_plain(p: ClaimPolarity) -> tuple:
    return (p.negated_stems, p.negative, p.asserted_stems, p.restrictive)


def _index_to_plain(index: Index) -> tuple:
    entries = tuple(
        (tuple((p.text, p.terms, p.joined) for p in e.phrasings), e.vocabulary,
         tuple(tuple(g) for g in e.requires), _polarity_to_plain(e.polarity), e.length, e.affirming,
         _polarity_to_plain(e.counter_polarity))
        for e in index.entries
    )
    return (index.postings, index.idf, index.unknown_idf, index.avgdl, entries)


def _index_from_plain(t: tuple) -> Index:
    postings, idf, unknown_idf, avgdl, entries = t
    return Index(
        postings=postings, idf=idf, unknown_idf=unknown_idf, avgdl=avgdl,
        entries=[ClaimEntry(phrasings=[PhrasingEntry(*p) for p in ph], vocabulary=vocab,
                            requires=[list(g) for g in req], polarity=ClaimPolarity(*pol), length=length,
                            affirming=affirming, counter_polarity=ClaimPolarity(*counter_pol))
                 for ph, vocab, req, pol, length, affirming, counter_pol in entries],
    )


# -- load / store ------------------------------------------------------------------------------------------

def _read(path: Path, key: str) -> tuple[Registry, Index] | None:
    """The cached registry and index at `path`, or None (a miss) when the file is missing, unreadable,
    stale, or not exactly what `_write` writes. A tampered or corrupt file is a miss whatever it holds:
    any exception while loading it counts as one, and its plain data is checked for the types and index
    bounds the matcher relies on, so a file that loads but would fail later is refused now."""
    try:
        blob = path.read_bytes()
        data = marshal.loads(blob)
        if type(data) is not tuple or len(data) != 7:
            return None
        magic, stored_key, sources, fingerprint, claims, index, metadata = data
        if magic != _MAGIC or stored_key != key or not _valid(sources, fingerprint, claims, index, metadata):
            return None
        registry = Registry(claims=tuple(_claim_from_plain(c) for c in claims), sources=sources,
                            fingerprint=fingerprint, metadata=tuple(RegistryMeta(*m) for m in metadata))
        return registry, _index_from_plain(index)
    except Exception:  # noqa: BLE001 - whatever a damaged file makes fail (MemoryError, RecursionError...)
        return None


def _strs(value, optional: bool = False) -> bool:
    """A tuple of str (or of str and None, when `optional`). Anything else in it raises TypeError (a miss):
    str.join checks the items in C, which keeps a cache hit fast."""
    if type(value) is not tuple:
        return False
    if optional:
        return all(type(x) is str or x is None for x in value)
    "".join(value)
    return True


def _str_set(value) -> bool:
    """A frozenset of str (anything else in it raises TypeError, a miss)."""
    if type(value) is not frozenset:
        return False
    "".join(value)
    return True


def _opt_str(value) -> bool:
    return value is None or type(value) is str


def _number(value) -> bool:
    return type(value) in (int, float) and value == value  # not NaN


def _valid_claim(c) -> bool:
    if type(c) is not tuple or len(c) != 17:
        return False
    (cid, verdict, claim, summary, explanation, phrasings, cits, as_of, requires, figs, tags, review_by,
     superseded_by, history, registry, appearances, counters) = c
    return (all(type(x) is str for x in (cid, verdict, claim, summary, explanation, as_of, registry))
            and _strs(phrasings) and _strs(tags) and _strs(appearances) and _strs(counters)
            and _opt_str(review_by) and _opt_str(superseded_by)
            and type(cits) is tuple and all(type(x) is tuple and len(x) == 4 and type(x[0]) is str
                                            and _strs(x[1:], optional=True) for x in cits)
            and type(requires) is tuple and all(_strs(group) for group in requires)
            and type(figs) is tuple and all(type(f) is tuple and len(f) == 4 and _number(f[0])
                                            and type(f[1]) is str and type(f[2]) is str and _number(f[3])
                                            for f in figs)
            and type(history) is tuple and all(type(h) is tuple and len(h) == 4 and _strs(h) for h in history))


def _valid_entry(e) -> bool:
    if type(e) is not tuple or len(e) != 7:
        return False
    phrasings, vocabulary, requires, polarity, length, affirming, counter_polarity = e
    return (type(phrasings) is tuple
            and all(type(p) is tuple and len(p) == 3 and type(p[0]) is str and _strs(p[1]) and type(p[2]) is str
                    for p in phrasings)
            and _str_set(vocabulary)
            and type(requires) is tuple
            and all(type(g) is tuple and all(type(r) is tuple and len(r) == 2 and _strs(r[0]) and type(r[1]) is bool
                                             for r in g) for g in requires)
            and _valid_polarity(polarity) and _valid_polarity(counter_polarity)
            and type(length) is int and length >= 0
            and type(affirming) is int and 0 <= affirming <= len(phrasings))


def _valid_polarity(p) -> bool:
    return (type(p) is tuple and len(p) == 4 and _str_set(p[0]) and type(p[1]) is bool and _str_set(p[2])
            and type(p[3]) is bool)


def _valid(sources, fingerprint, claims, index, metadata) -> bool:
    """Whether loaded plain data has the shape `_write` gives it (types, lengths, index bounds)."""
    if not (_strs(sources) and _opt_str(fingerprint) and type(claims) is tuple and type(metadata) is tuple
            and all(type(m) is tuple and len(m) == 4 and _strs(m) for m in metadata)
            and all(_valid_claim(c) for c in claims)
            and type(index) is tuple and len(index) == 5):
        return False
    postings, idf, unknown_idf, avgdl, entries = index
    if not (type(entries) is tuple and len(entries) == len(claims) and all(_valid_entry(e) for e in entries)
            and _number(unknown_idf) and _number(avgdl) and (avgdl > 0 or not entries)
            and type(idf) is dict and all(type(t) is str and _number(w) for t, w in idf.items())
            and type(postings) is dict):
        return False
    n = len(entries)
    for term, posting in postings.items():
        if type(term) is not str or term not in idf or type(posting) is not list:
            return False
        for item in posting:
            if type(item) is not tuple or len(item) != 2:
                return False
            doc, tf = item
            if type(doc) is not int or not 0 <= doc < n or type(tf) is not int:
                return False
    return True


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
