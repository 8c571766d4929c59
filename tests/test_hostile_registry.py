"""Hostile and broken registries (issue 6), beyond the basics in test_registry.py: every problem is a
RegistryError naming file:line:column (or the claim and field), never another exception, never a hang,
never code run, and bounded in time and memory. From the command line: one line per problem, exit 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from factcheck.registry import (MAX_REGISTRY_BYTES, MAX_YAML_DEPTH, RegistryError, _safe_loader, load_registry,
                                load_registry_file)

from conftest import GOOD_CLAIM, SEED_TEXT

ROOT = Path(__file__).resolve().parents[1]


def problems_of(path):
    with pytest.raises(RegistryError) as info:
        load_registry_file(path)
    return info.value.problems


def cli(*args, cwd: Path, registry: Path | None = None, timeout: float = 120):
    env = {k: v for k, v in os.environ.items() if k not in ("FACTCHECK_REGISTRY", "FACTCHECK_DEBUG")}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    if registry is not None:
        env["FACTCHECK_REGISTRY"] = str(registry)
    return subprocess.run([sys.executable, "-m", "factcheck", *args], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=timeout, stdin=subprocess.DEVNULL)


@pytest.fixture(params=["libyaml", "python"])
def both_loaders(request, monkeypatch):
    """Run a test with libyaml's parser (the default when installed) and with PyYAML's pure-Python one."""
    import yaml

    if request.param == "libyaml" and not hasattr(yaml, "CSafeLoader"):
        pytest.skip("libyaml is not installed")
    if request.param == "python":
        monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    _safe_loader.cache_clear()
    yield request.param
    _safe_loader.cache_clear()


# -- malformed YAML: file:line:column ------------------------------------------------------------------------

@pytest.mark.parametrize("broken, where, context", [
    ('    claim: "unterminated\n', (8, 1), "while scanning a quoted scalar at line 6, column 12"),
    ("    claim: [a, b\n", (7, 10), "while parsing a flow sequence at line 6, column 12"),
    ("\tclaim: tab\n", (6, 1), "while scanning for the next token"),
    ("    claim: x\n   bad: indentation\n", (7, 4), "while parsing a block collection at line 4, column 3"),
])
def test_malformed_yaml_names_file_line_and_column(make_registry, broken, where, context, both_loaders):
    text = '  - id: acme-x\n    verdict: "true"\n' + broken
    path = make_registry("", header="version: 1\nname: t\nclaims:\n" + text + "    as_of: 2025-01-01\n")
    (p,) = problems_of(path)
    assert (p.line, p.column) == where
    assert str(p).startswith(f"{path}:{where[0]}:{where[1]}: invalid YAML: ") and str(p).endswith(f"({context})")


def test_a_broken_registry_on_the_command_line_is_one_line_per_problem_and_exit_2(make_registry, tmp_path):
    path = make_registry(GOOD_CLAIM.replace('verdict: "true"', 'verdict: "mostly"')
                         + GOOD_CLAIM.replace("acme-founded-1999", "acme-two").replace("as_of", "as_off"))
    done = cli("--registry", str(path), "Acme was founded in 1999", cwd=tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr and done.stdout == ""
    lines = done.stderr.splitlines()
    assert all(line.startswith("factcheck: registry error: ") for line in lines), lines
    assert any(f"{path}:3: claim 'acme-founded-1999': field 'verdict': unknown verdict 'mostly'" in s for s in lines)
    assert any("claim 'acme-two': field 'as_of': missing required field" in s for s in lines)
    assert any("claim 'acme-two': field 'as_off': unknown field" in s for s in lines)
    done = cli("registry", "validate", str(path), cwd=tmp_path)
    assert done.returncode == 1 and "3 problem(s) in 1 registry file(s)" in done.stdout


# -- wrong types: every one a RegistryError naming the field -----------------------------------------------------

WRONG_TYPES = [
    ("claims", "claims: just a string\n", "`claims` must be a list"),
    ("claims", "claims: {a: 1}\n", "`claims` must be a list"),
    ("version", 'version: "one"\nclaims: []\n', "unsupported registry version"),
    ("top", "- 1\n- 2\n", "is not a mapping"),
    ("scalar", "42\n", "must be a mapping"),
    ("id", GOOD_CLAIM.replace("id: acme-founded-1999", "id: 12345"), "kebab-case"),
    ("id", GOOD_CLAIM.replace("id: acme-founded-1999", "id: [a, b]"), "kebab-case"),
    ("verdict", GOOD_CLAIM.replace('verdict: "true"', "verdict: [true]"), "unknown verdict"),
    ("verdict", GOOD_CLAIM.replace('verdict: "true"', "verdict: 1"), "unknown verdict"),
    ("claim", GOOD_CLAIM.replace('claim: "Acme Widgets was founded in 1999."', "claim: {a: 1}"), "must be a string"),
    ("phrasings", GOOD_CLAIM.replace('phrasings:\n      - "Acme dates back to 1999."', "phrasings: 5"),
     "must be a list of strings"),
    ("phrasings", GOOD_CLAIM.replace('- "Acme dates back to 1999."', "- [nested]"), "must be a list of strings"),
    ("citations", GOOD_CLAIM.replace("citations:\n      - source: seeds/acme.txt\n"
                                     '        quote: "Acme Widgets was founded in 1999 in Lyon."',
                                     "citations: {source: seeds/acme.txt}"), "must be a list"),
    ("citations", GOOD_CLAIM.replace("      - source: seeds/acme.txt\n", "      - source: 7\n"),
     "source must be a string"),
    ("as_of", GOOD_CLAIM.replace('as_of: "2025-01-01"', 'as_of: "2025-13-45"'), "ISO date"),
    ("as_of", GOOD_CLAIM.replace('as_of: "2025-01-01"', "as_of: [2025]"), "ISO date"),
    ("as_of", GOOD_CLAIM.replace('as_of: "2025-01-01"', "as_of: 2025-02-30"), "day is out of range"),
    ("figures", GOOD_CLAIM + "    figures: [{value: 1, unit: [usd]}]\n", "unknown unit"),
    ("figures", GOOD_CLAIM + "    figures: [{value: .nan, unit: usd}]\n", "not a non-negative number"),
    ("figures", GOOD_CLAIM + "    figures: [{value: .inf, unit: usd}]\n", "not a non-negative number"),
    ("figures", GOOD_CLAIM + "    figures: [{value: 1, unit: usd, tolerance: {}}]\n", "tolerance"),
    ("figures", GOOD_CLAIM + "    figures: 3\n", "must be a list"),
    ("figures", GOOD_CLAIM + "    figures: [{value: 1, unit: {usd: 1}}]\n", "unknown unit"),
    ("tags", GOOD_CLAIM + "    tags: [1, 2]\n", "non-blank strings"),
    ("tags", GOOD_CLAIM + "    tags: {a: b}\n", "non-blank strings"),
    ("requires", GOOD_CLAIM + "    requires: [[1]]\n", "non-empty list of strings"),
    ("history", GOOD_CLAIM + "    history: 5\n", "must be a list"),
    ("history", GOOD_CLAIM + "    history: [[1]]\n", "must be a mapping"),
    ("override", GOOD_CLAIM + "    override: maybe\n", "true or false"),
    ("appearances", GOOD_CLAIM + "    appearances: [ftp://x]\n", "http(s) URLs"),
    ("superseded_by", GOOD_CLAIM + "    superseded_by: [x]\n", "must be a claim id"),
    ("integer", GOOD_CLAIM + "    figures: [{value: 1" + "0" * 5000 + ", unit: usd}]\n", "invalid value"),
    ("key", "? [a, b]\n: 1\nclaims: []\n", "unhashable key"),
    ("duplicate key", GOOD_CLAIM.replace('    as_of: "2025-01-01"', '    as_of: "2025-01-01"\n    verdict: "false"'),
     "duplicate key 'verdict'"),
]


@pytest.mark.parametrize("what, body, message", WRONG_TYPES, ids=[f"{w}-{k}" for k, (w, _, _) in enumerate(WRONG_TYPES)])
def test_wrong_types_are_registry_errors_never_crashes(make_registry, what, body, message, both_loaders):
    if body.startswith("  - "):
        path = make_registry(body)
    else:
        path = make_registry("", header=body)
    problems = problems_of(path)
    assert any(message in str(p) for p in problems), [str(p) for p in problems]


def test_a_duplicate_key_names_the_line_and_column_of_the_second(make_registry):
    path = make_registry(GOOD_CLAIM + '    summary: "again"\n')
    (p,) = problems_of(path)
    assert (p.line, p.column) == (14, 5) and "duplicate key 'summary'" in p.message


# -- missing citations, quotes, seed files that escape ------------------------------------------------------------

@pytest.mark.parametrize("citations, message", [
    ("    citations: []\n", "missing required field"),
    ("    citations:\n      - source: seeds/acme.txt\n", "has no quote"),
    ('    citations:\n      - quote: "Acme Widgets was founded in 1999 in Lyon."\n', "needs a `source`"),
    ('    citations:\n      - url: https://example.org/\n        quote: "x"\n', "needs a title"),
    ('    citations:\n      - url: javascript:alert(1)\n        title: t\n        quote: "x"\n', "http(s) URL"),
    ('    citations:\n      - source: seeds/acme.txt\n        quote: "Acme Widgets  was founded in 1999 in Lyon."\n',
     "not found verbatim"),
])
def test_missing_or_broken_citations(make_registry, citations, message):
    body = GOOD_CLAIM.split("    citations:")[0] + citations + '    as_of: "2025-01-01"\n'
    problems = problems_of(make_registry(body))
    assert any(message in p.message and p.field == "citations" for p in problems), [str(p) for p in problems]


@pytest.mark.parametrize("source", ["seeds/..\\..\\etc\\passwd", "seeds/%2e%2e/etc/passwd", "seeds/.hidden",
                                    "seeds/acme.txt/..", "SEEDS/acme.txt", "seeds//acme.txt", "~/seeds/acme.txt"])
def test_more_sources_that_could_escape_the_seeds_folder_are_refused(make_registry, source):
    problems = problems_of(make_registry(GOOD_CLAIM.replace("seeds/acme.txt", source)))
    assert any("seeds/<file name>" in p.message or "unknown seed file" in p.message for p in problems)


def test_a_seed_symlink_pointing_outside_the_seeds_folder_is_refused(make_registry, tmp_path):
    """seeds/passwd -> /etc/passwd (or any file outside): the quote check never reads it."""
    outside = tmp_path / "outside.txt"
    outside.write_text(SEED_TEXT, encoding="utf-8")
    path = make_registry(GOOD_CLAIM.replace("seeds/acme.txt", "seeds/escape.txt"))
    os.symlink(outside, tmp_path / "seeds" / "escape.txt")
    (p,) = problems_of(path)
    assert "unknown seed file: seeds/escape.txt" in p.message


def test_a_seed_file_that_is_a_fifo_is_not_opened(make_registry, tmp_path):
    path = make_registry(GOOD_CLAIM.replace("seeds/acme.txt", "seeds/pipe.txt"))
    os.mkfifo(tmp_path / "seeds" / "pipe.txt")
    started = time.monotonic()
    (p,) = problems_of(path)
    assert "unknown seed file" in p.message and time.monotonic() - started < 5


# -- code execution: refused, and nothing ran -------------------------------------------------------------------

PAYLOADS = [
    "  - !!python/object/apply:os.system ['touch {marker}']\n",
    "  - !!python/object/new:os.system ['touch {marker}']\n",
    "  - !!python/object/apply:subprocess.call [['touch', '{marker}']]\n",
    "  - !!python/name:os.system\n",
    "  - !!python/module:os\n",
    "  - !<tag:yaml.org,2002:python/object/apply:os.system> ['touch {marker}']\n",
    "  - !!python/object/apply:builtins.exec [\"open('{marker}', 'w').close()\"]\n",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_python_tags_are_refused_before_parsing_and_nothing_runs(make_registry, tmp_path, payload, both_loaders):
    marker = tmp_path / "pwned"
    path = make_registry("", header="version: 1\nclaims:\n" + payload.format(marker=marker))
    (p,) = problems_of(path)
    assert "invalid YAML for a registry: tag" in p.message and "is not allowed" in p.message
    assert (p.line, p.column) == (3, 5)
    assert not marker.exists()


def test_a_python_tag_from_the_environment_is_refused_by_every_command(make_registry, tmp_path):
    """FACTCHECK_REGISTRY pointing at a hostile file: check, lint and claims all refuse it; the marker file
    a payload would create never appears."""
    marker = tmp_path / "pwned"
    path = make_registry(GOOD_CLAIM + f"    tags: !!python/object/apply:os.system ['touch {marker}']\n")
    (tmp_path / "post.md").write_text("Acme dates back to 1999.\n", encoding="utf-8")
    for args in (["Acme dates back to 1999"], ["lint", "post.md", "--no-config"], ["claims"]):
        done = cli(*args, cwd=tmp_path, registry=path)
        assert done.returncode == 2, done.stderr
        assert done.stderr.splitlines() == [f"factcheck: registry error: {path}:14:11: invalid YAML for a registry: "
                                            "tag '!!python/object/apply:os.system' is not allowed (a registry holds "
                                            "plain data; nothing in it is ever run)"]
    assert not marker.exists()


# -- alias bombs and deep nesting: bounded time and memory ---------------------------------------------------------

def _bomb(levels: int, width: int) -> str:
    lines = ['a0: &a0 ["lol", "lol"]']
    for k in range(1, levels):
        lines.append(f"a{k}: &a{k} [" + ", ".join([f"*a{k - 1}"] * width) + "]")
    return "\n".join(lines) + f"\nclaims: [*a{levels - 1}]\n"


@pytest.mark.parametrize("bomb", [
    _bomb(10, 10),  # 10^10 nodes if expanded
    _bomb(30, 30),
    "version: 1\n" + "".join(f"x{k}: y\n" for k in range(20000)) + _bomb(12, 12),  # after 20,000 harmless lines
    "base: &b {id: x}\nclaims:\n  - <<: *b\n    verdict: 'true'\n",  # merge keys need aliases too
], ids=["10x10", "30x30", "late", "merge-key"])
def test_alias_bombs_are_refused_in_bounded_time_and_memory(make_registry, bomb, both_loaders):
    path = make_registry("", header=bomb)
    tracemalloc.start()
    started = time.monotonic()
    try:
        problems = problems_of(path)
        elapsed = time.monotonic() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "anchors and aliases are not allowed" in problems[0].message and problems[0].line is not None
    assert elapsed < 5 and peak < 50_000_000, (elapsed, peak)


@pytest.mark.parametrize("deep", [
    "claims: " + "[" * 1_000_000 + "]" * 1_000_000 + "\n",
    "claims:\n" + "- " * 200_000 + "x\n",
    "claims: " + "{a: " * 200_000 + "}" * 200_000 + "\n",
    "claims:\n" + "".join("  " * k + "- \n" for k in range(1, 2000)),
], ids=["flow-sequences", "block-sequences", "flow-mappings", "indented"])
def test_deep_nesting_is_refused_before_libyaml_could_overflow_the_stack(tmp_path, deep):
    """libyaml's composer recurses in C: 100,000 nested brackets crash the interpreter (SIGSEGV) with a
    plain yaml.load. The registry loader refuses nesting past MAX_YAML_DEPTH first; in a child process, so
    a regression shows as a failed test, not a crashed test run."""
    (tmp_path / "deep.yaml").write_text(deep, encoding="utf-8")
    code = ("import sys, time; from pathlib import Path; from factcheck.registry import load_registry_file, "
            "RegistryError\nt = time.monotonic()\ntry:\n    load_registry_file(Path(sys.argv[1]))\n"
            "except RegistryError as e:\n    print(e.problems[0]); print(time.monotonic() - t)\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "deep.yaml")], capture_output=True, text=True,
                          env=env, timeout=120)
    assert done.returncode == 0, (done.returncode, done.stderr[-500:])
    message, elapsed = done.stdout.splitlines()
    # our own depth check, or (PyYAML >= 6.0.4) libyaml's own limit: either way a clear refusal with file:line:col
    assert (f"nested more than {MAX_YAML_DEPTH} levels deep" in message
            or "exceeded maximum nesting depth" in message) and ":" in message
    assert float(elapsed) < 10


# -- files that are not registries ------------------------------------------------------------------------------------

def test_a_fifo_or_device_as_registry_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "claims.yaml"
    os.mkfifo(fifo)
    for registry in (fifo, Path("/dev/zero")):
        if not registry.exists():
            continue
        done = cli("DeepSeek cost $6M", cwd=tmp_path, registry=registry, timeout=60)
        assert done.returncode == 2 and "Traceback" not in done.stderr
        assert done.stderr.startswith(f"factcheck: registry error: {registry}: is a ")


def test_an_oversized_registry_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "huge.yaml"
    with open(big, "wb") as fh:  # sparse: no disk used, and nothing may read it
        fh.truncate(MAX_REGISTRY_BYTES + 1)
    tracemalloc.start()
    try:
        with pytest.raises(RegistryError) as info:
            load_registry([big], builtin=False, use_env=False, use_config=False)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "registries are limited to" in str(info.value) and peak < 10_000_000


@pytest.mark.parametrize("content, message", [
    (b"version: 1\x00\nclaims: []\n", "binary file"),
    (b"version: 1\nname: caf\xe9\nclaims: []\n", "invalid UTF-8 at byte 20"),
    (b"", "empty registry file"),
    (b"# only a comment\n", "empty registry file"),
])
def test_binary_undecodable_or_empty_registries(tmp_path, content, message):
    path = tmp_path / "r.yaml"
    path.write_bytes(content)
    (p,) = problems_of(path)
    assert message in p.message


def test_a_symlink_loop_as_registry_path(tmp_path):
    os.symlink(tmp_path / "b.yaml", tmp_path / "a.yaml")
    os.symlink(tmp_path / "a.yaml", tmp_path / "b.yaml")
    with pytest.raises(RegistryError) as info:
        load_registry([tmp_path / "a.yaml"], builtin=False, use_env=False, use_config=False)
    assert "symbolic link loop" in str(info.value)


# -- a very large registry ---------------------------------------------------------------------------------------------

def test_ten_thousand_generated_claims_load_and_match_in_bounded_time_and_memory():
    """bench/big_registry.py with 10,000 claims (the 100,000-claim figures are in docs/benchmarks.md)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "big_registry.py"), "--claims", "10000",
                           "--statements", "200", "--json"], capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-1000:]
    result = json.loads(done.stdout)
    assert result["claims"] == 10000
    assert result["own_phrasing_found"] == "200/200"
    assert result["load_s"] < 120 and result["match_ms"] < 500
    assert result["peak_rss_mb"] < 1000
