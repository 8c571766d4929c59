"""What the speed work must not change: output order with several processes, the index cache's safety, the
one-shot path's imports, and the exactness of the shortcuts (fast alias folding, `Matcher.could_match`).

No timing is asserted here; bench/speed.py measures.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data" / "lint"

needs_fork = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parallel linting forks (Linux)")


def factcheck(*args: str, cwd: Path, env: dict | None = None, stdin: bytes | None = None):
    full_env = {**os.environ, **(env or {})}
    full_env.pop("GITHUB_ACTIONS", None)
    return subprocess.run([sys.executable, "-m", "factcheck", *args], cwd=cwd, capture_output=True, env=full_env,
                          input=stdin, timeout=300)


# -- several processes, one order ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    """Twelve files with findings in nested folders, one binary file and one undecodable file."""
    root = tmp_path_factory.mktemp("tree")
    draft = (DATA / "draft.md").read_text(encoding="utf-8")
    for k in range(12):
        folder = root / f"part{k % 3}"
        folder.mkdir(exist_ok=True)
        (folder / f"doc{k:02d}.md").write_text(f"# Document {k}\n\n" + draft * (1 + k % 4), encoding="utf-8")
    (root / "part1" / "logo.md").write_bytes(b"\x89PNG\x00\x00binary")
    (root / "part2" / "latin1.txt").write_bytes("caf\xe9 DeepSeek cost $6M.".encode("latin-1"))
    return root


@needs_fork
@pytest.mark.parametrize("fmt", ["json", "text", "sarif"])
def test_jobs_1_and_2_give_the_same_output(tree, fmt):
    """Files linted in two processes come out exactly as in one: findings, errors, summary, exit code."""
    reg = str(DATA / "registry.yaml")
    one = factcheck("lint", ".", "--format", fmt, "--no-config", "--registry", reg, "--show", "all", "-j", "1",
                    cwd=tree)
    two = factcheck("lint", ".", "--format", fmt, "--no-config", "--registry", reg, "--show", "all", "-j", "2",
                    cwd=tree)
    assert one.returncode == two.returncode == 2  # the binary and the latin-1 file are skipped
    assert one.stdout == two.stdout
    assert one.stderr == two.stderr
    if fmt == "json":
        report = json.loads(one.stdout)
        assert report["summary"]["files"] == 12 and report["summary"]["skipped"] == 2
        assert report["summary"]["findings"] > 12


@needs_fork
def test_lint_jobs_in_process_matches_one_process(tree):
    """`lint_jobs` with workers returns the same findings (claims are the registry's own objects), in order,
    and hands back read errors with the job instead of raising them."""
    from factcheck.api import load_matcher
    from factcheck.inputs import InputError, discover, read_source
    from factcheck.linter import LintJob, LintOptions, lint_jobs

    matcher = load_matcher([DATA / "registry.yaml"], use_config=False)
    sources, _ = discover([str(tree)])
    jobs = [LintJob(s.path, LintOptions(), lambda s=s: read_source(s), size=10_000) for s in sources]
    serial = list(lint_jobs(jobs, matcher, workers=1))
    forked = list(lint_jobs(jobs, matcher, workers=2))
    assert [j.path for j, _, _ in forked] == [s.path for s in sources]
    assert [f for _, f, _ in forked] == [f for _, f, _ in serial]
    errors = [(j.path, type(e), str(e), e.reason) for j, _, e in forked if e is not None]
    assert errors == [(j.path, type(e), str(e), e.reason) for j, _, e in serial if e is not None]
    assert len(errors) == 2 and all(t is InputError for _, t, _, _ in errors)
    claims = {id(c) for c in matcher.registry.claims}
    assert all(id(f.claim) in claims for _, found, _ in forked if found for f in found)


def test_worker_count_is_one_for_small_inputs():
    from factcheck.linter import PARALLEL_MIN_BYTES, LintJob, LintOptions, worker_count

    small = [LintJob(f"{k}.md", LintOptions(), str, size=1000) for k in range(5)]
    assert worker_count(small) == 1
    assert worker_count(small, 3) == 3
    big = [LintJob(f"{k}.md", LintOptions(), str, size=PARALLEL_MIN_BYTES) for k in range(2)]
    assert worker_count(big) >= 1
    assert worker_count([LintJob("-", LintOptions(), str, parallel=False, size=10**9)]) == 1


# -- the index cache -----------------------------------------------------------------------------------------

@pytest.fixture
def cache_env(tmp_path, monkeypatch):
    directory = tmp_path / "cache"
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(directory))
    monkeypatch.delenv("FACTCHECK_NO_CACHE", raising=False)
    return directory


def _load(path: Path):
    from factcheck.cache import load_registry_and_index

    return load_registry_and_index([path])


def _entry(directory: Path) -> Path:
    (entry,) = directory.glob("index-*.marshal")
    return entry


def test_cache_is_written_then_read(cache_env, make_registry):
    path = make_registry()
    registry, index = _load(path)
    entry = _entry(cache_env)
    again, again_index = _load(path)
    assert [c.id for c in again.claims] == [c.id for c in registry.claims] == ["acme-founded-1999"]
    assert again_index.idf == index.idf and again.fingerprint == registry.fingerprint
    assert _entry(cache_env) == entry


@pytest.mark.parametrize("damage", [b"", b"not marshal at all", b"\xe3\x00\x00\x00garbage"])
def test_corrupt_cache_is_ignored_and_rebuilt(cache_env, make_registry, damage):
    path = make_registry()
    registry, _ = _load(path)
    entry = _entry(cache_env)
    entry.write_bytes(damage)
    again, _ = _load(path)
    assert [c.id for c in again.claims] == [c.id for c in registry.claims]
    assert entry.read_bytes() != damage  # rewritten


def _garbage(blob: bytes) -> dict[str, bytes]:
    """Damaged versions of a valid cache file: every kind a crash, a full disk or a tamperer can leave."""
    import marshal
    import random

    magic, key, sources, fingerprint, claims, index, metadata = marshal.loads(blob)
    postings, idf, unknown_idf, avgdl, entries = index

    def tampered(**change) -> bytes:
        fields = dict(magic=magic, key=key, sources=sources, fingerprint=fingerprint, claims=claims, index=index,
                      metadata=metadata)
        fields.update(change)
        return marshal.dumps(tuple(fields.values()))

    def with_index(**change) -> bytes:
        parts = dict(postings=postings, idf=idf, unknown_idf=unknown_idf, avgdl=avgdl, entries=entries)
        parts.update(change)
        return tampered(index=tuple(parts.values()))

    nested: object = None
    for _ in range(1500):  # as deep as marshal writes; loads fine, then fits nowhere
        nested = (nested,)
    rng = random.Random(6)
    term = next(iter(postings))
    claim = list(claims[0])
    claim[0] = 42
    entry = list(entries[0])
    entry[1] = frozenset({1, 2})
    return {
        "truncated by one byte": blob[:-1],
        "truncated in half": blob[:len(blob) // 2],
        "truncated to the header": blob[:5],
        "random bytes": bytes(rng.getrandbits(8) for _ in range(4096)),
        "random bytes after a tuple header": b")\x07" + bytes(rng.getrandbits(8) for _ in range(4096)),
        "a list instead of the tuple": marshal.dumps(list(marshal.loads(blob))),
        "a tuple of the wrong length": marshal.dumps((magic, key)),
        "a number": marshal.dumps(12345),
        "claims that are not tuples": tampered(claims=(1, 2, 3)),
        "a claim id that is not a string": tampered(claims=(tuple(claim), *claims[1:])),
        "sources that are not strings": tampered(sources=(None, 3.5)),
        "metadata of the wrong shape": tampered(metadata=((1,),)),
        "a posting past the last claim": with_index(postings={**postings, term: [(len(entries) + 7, 1)]}),
        "a posting with a negative claim": with_index(postings={**postings, term: [(-1, 1)]}),
        "a posting term with no idf": with_index(postings={**postings, "zzz-unknown": [(0, 1)]}),
        "an idf that is a string": with_index(idf={**idf, term: "high"}),
        "an idf that is NaN": with_index(idf={**idf, term: float("nan")}),
        "a zero average length": with_index(avgdl=0.0),
        "fewer entries than claims": with_index(entries=entries[:-1]),
        "a vocabulary of numbers": with_index(entries=(tuple(entry), *entries[1:])),
        "the index as a dict": tampered(index={"postings": postings}),
        "a huge nested structure as the claims": tampered(claims=nested),
        "a huge nested structure as the index": tampered(index=nested),
        "a marshal nested past its own limit": b"[\x01\x00\x00\x00" * 100_000 + b"N",
        "a tuple header claiming 2**31 items": b")" + b"\xff\xff\xff\x7f" + b"N" * 64,
        "a huge list of empty tuples": marshal.dumps([()] * 1_000_000),
    }


def test_any_damaged_or_tampered_cache_file_is_a_miss_and_rebuilt(cache_env, make_registry):
    """Whatever a cache file holds, reading it never raises: anything that is not exactly what the cache
    writes is a miss, the registry is loaded from its files, the entry rewritten, and the matcher works."""
    from factcheck.cache import _read, cache_key
    from factcheck.matcher import Matcher

    path = make_registry()
    registry, index = _load(path)
    entry = _entry(cache_env)
    blob = entry.read_bytes()
    key = cache_key([path])
    assert _read(entry, key) is not None
    for kind, damage in _garbage(blob).items():
        entry.write_bytes(damage)
        assert _read(entry, key) is None, kind
        again, again_index = _load(path)
        assert [c.id for c in again.claims] == [c.id for c in registry.claims], kind
        assert again_index.idf == index.idf, kind
        assert entry.read_bytes() == blob, kind  # rewritten
        result = Matcher(again, again_index).check("Acme was founded in 1999.")
        assert result.match is not None and result.match.claim.id == "acme-founded-1999", kind


@pytest.mark.parametrize("error", [RecursionError, MemoryError, RuntimeError, KeyError, AttributeError])
def test_any_exception_while_reading_the_cache_is_a_miss(cache_env, make_registry, monkeypatch, error):
    from factcheck import cache

    path = make_registry()
    _load(path)
    entry = _entry(cache_env)

    def fail(blob):
        raise error("damaged")

    monkeypatch.setattr(cache.marshal, "loads", fail)
    assert cache._read(entry, cache.cache_key([path])) is None
    registry, _ = _load(path)
    assert [c.id for c in registry.claims] == ["acme-founded-1999"]


def test_stale_cache_is_ignored(cache_env, make_registry, tmp_path):
    """A cache entry written for other registry content (another key inside) is not used."""
    import marshal

    path = make_registry()
    _load(path)
    entry = _entry(cache_env)
    magic, key, *rest = marshal.loads(entry.read_bytes())
    entry.write_bytes(marshal.dumps((magic, "0" * len(key), *rest)))
    path.write_text(path.read_text(encoding="utf-8").replace("Acme dates back to 1999.",
                                                             "Acme has existed since 1999."), encoding="utf-8")
    _, index = _load(path)
    assert any(p.text == "Acme has existed since 1999." for e in index.entries for p in e.phrasings)


def test_unwritable_cache_directory_only_costs_speed(tmp_path, monkeypatch, make_registry):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(blocker / "cache"))  # mkdir fails, even as root
    registry, _ = _load(make_registry())
    assert [c.id for c in registry.claims] == ["acme-founded-1999"]


def test_cache_keeps_the_most_recently_used_entries(cache_env, make_registry):
    from factcheck import cache

    cache_env.mkdir(parents=True)
    old = time.time() - 86400
    for k in range(cache.KEEP + 5):
        fake = cache_env / f"index-{k:040d}.marshal"
        fake.write_bytes(b"x")
        os.utime(fake, (old + k, old + k))
    leftover = cache_env / ".index-crashed"
    leftover.write_bytes(b"x")
    os.utime(leftover, (old, old))
    _load(make_registry())
    names = sorted(p.name for p in cache_env.iterdir())
    assert len(names) == cache.KEEP and ".index-crashed" not in names
    assert f"index-{0:040d}.marshal" not in names and f"index-{cache.KEEP + 4:040d}.marshal" in names


# -- the one-shot path ---------------------------------------------------------------------------------------

def test_one_shot_check_imports_no_cli_or_markdown_machinery(tmp_path):
    """`factcheck "statement"` with output piped uses neither typer (nor click), rich nor markdown-it."""
    code = ("import sys\n"
            "from factcheck.entry import main\n"
            "code = main(['DeepSeek cost $6M'])\n"
            "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'typer', 'click', 'rich', 'markdown_it',"
            " 'multiprocessing'})\n"
            "sys.stderr.write('HEAVY=' + ','.join(heavy) + '\\n')\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL)
    assert "training-cost-6m" in done.stdout, done.stderr
    assert "HEAVY=\n" in done.stderr, done.stderr


# -- exact shortcuts -----------------------------------------------------------------------------------------

def _statements() -> list[str]:
    from factcheck.registry import load_registry

    texts = [t for c in load_registry().claims for t in c.texts]
    for name in ("dev", "test"):
        texts += [item["text"] for item in yaml.safe_load((ROOT / "bench" / "data" / f"{name}.yaml").read_text(
            encoding="utf-8"))]
    return texts


def test_fast_alias_folding_equals_running_every_pattern():
    import unicodedata

    from factcheck import normalize

    def slow(text: str) -> str:
        text = unicodedata.normalize("NFKC", text).translate(normalize._PUNCT_MAP)
        text = normalize._US_RE.sub(" america ", text).casefold()
        for pattern, repl in normalize._ALIAS_RES:
            text = pattern.sub(repl, text)
        return text

    texts = _statements()
    texts += [t.upper() for t in texts[:300]] + [t.replace(" ", "-") for t in texts[:300]]
    texts += ["Deep Seek R1 Zero and deepseek-v2.5", "High Flyer, Huan-fang", "U.S.A. export-controls on H800s",
              "multi-head latent attention + multi token prediction", "KV-cache, key value caching", "GPT 4 o",
              "llama-3.1 and open-weights", "chains of thought", "group relative policy optimisation"]
    assert [normalize.fold(t) for t in texts] == [slow(t) for t in texts]


def test_could_match_never_rules_out_a_match():
    """`could_match` is an upper bound: whenever `check` matches, it says the statement could."""
    from factcheck.api import load_matcher
    from factcheck.normalize import analyze

    matcher = load_matcher(use_config=False)
    texts = _statements() + ["The Home of", "This will be rewritten as", "In OpenAPI v2 does not exist."]
    ruled_out = 0
    for text in texts:
        could = matcher.could_match(analyze(text))
        if matcher.check(text).match is not None:
            assert could, text
        ruled_out += not could
    assert ruled_out  # and it does rule some out
