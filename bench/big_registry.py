"""Generate a registry of N claims, then load it, index it and match statements against it.

    python bench/big_registry.py                   # 100,000 claims, 100 per seed file
    python bench/big_registry.py --claims 10000 --json
    python bench/big_registry.py --per-seed 100000 # every quote in one 4 MB seed file (the worst case)

Prints the load time (YAML parse + validation, quotes checked against their seed files), the index build
time, the time per matched statement, how often a claim's own phrasing finds it, and the peak RSS of this
process. The on-disk cache is not used (FACTCHECK_NO_CACHE), so every figure is a cold load. Results for
this machine are in docs/benchmarks.md ("Robustness").
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SYLLABLES = ["ba", "ko", "mi", "ru", "te", "zo", "la", "ne", "vi", "du", "sa", "fo", "gi", "pe", "xu", "ha"]
VERDICTS = ["true", "false", "misleading", "needs-context", "unproven"]


def word(n: int) -> str:
    """A made-up word, distinct for each n: 16 syllables, 4 to 5 of them."""
    out = []
    for _ in range(4):
        out.append(SYLLABLES[n % 16])
        n //= 16
    while n:
        out.append(SYLLABLES[n % 16])
        n //= 16
    return "".join(out)


def generate(directory: Path, claims: int, per_seed: int, seed: int = 6) -> tuple[Path, list[tuple[str, str]]]:
    """Write claims.yaml and seeds/ under `directory`; returns its path and (claim id, phrasing) pairs."""
    rng = random.Random(seed)
    (directory / "seeds").mkdir(parents=True, exist_ok=True)
    lines = ["version: 1", "name: big", "claims:"]
    phrasings: list[tuple[str, str]] = []
    seed_text: list[str] = []
    for i in range(claims):
        a, b, c = word(3 * i), word(3 * i + 1), word(3 * i + 2)
        subject = f"{a} {b}"
        quote = f"Record {i}: the {subject} report says {c} shipped."
        seed_text.append(quote)
        seed_name = f"seeds/s{i // per_seed:05}.txt"
        phrasing = f"The {subject} lab shipped {c}."
        phrasings.append((f"c{i}", phrasing))
        lines += [f"  - id: c{i}", f'    verdict: "{rng.choice(VERDICTS)}"',
                  f'    claim: "The {subject} group shipped {c}."', f'    summary: "About {subject}."',
                  f'    explanation: "The {subject} report says so."', "    phrasings:", f'      - "{phrasing}"',
                  "    citations:", f"      - source: {seed_name}", f'        quote: "{quote}"',
                  '    as_of: "2025-01-01"']
        if (i + 1) % per_seed == 0 or i == claims - 1:
            (directory / seed_name).write_text("\n".join(seed_text) + "\n", encoding="utf-8")
            seed_text = []
    path = directory / "claims.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, phrasings


def measure(claims: int, per_seed: int, statements: int) -> dict:
    os.environ["FACTCHECK_NO_CACHE"] = "1"
    from factcheck.api import matcher_for
    from factcheck.registry import load_registry

    with tempfile.TemporaryDirectory() as tmp:
        path, phrasings = generate(Path(tmp), claims, per_seed)
        size = path.stat().st_size
        rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        registry = load_registry([path], builtin=False, use_env=False, use_config=False)
        loaded = time.perf_counter()
        matcher = matcher_for(registry)
        indexed = time.perf_counter()
        rng = random.Random(1)
        sample = rng.sample(phrasings, min(statements, len(phrasings)))
        found = sum(1 for cid, text in sample if (m := matcher.check(text).match) is not None and m.claim.id == cid)
        unrelated = ["DeepSeek trained V3 for only $6 million.", "The weather in Lyon was mild this spring."] * 10
        for text in unrelated:
            matcher.check(text)
        matched = time.perf_counter()
    return {
        "claims": len(registry.claims), "registry_mb": round(size / 1e6, 1), "claims_per_seed": per_seed,
        "load_s": round(loaded - started, 1), "index_s": round(indexed - loaded, 1),
        "match_ms": round((matched - indexed) / (len(sample) + len(unrelated)) * 1000, 1),
        "own_phrasing_found": f"{found}/{len(sample)}",
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        "rss_before_mb": rss0 // 1024,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--per-seed", type=int, default=100, help="claims whose quotes share one seed file")
    ap.add_argument("--statements", type=int, default=500, help="phrasings to match (a random sample)")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args()
    result = measure(args.claims, args.per_seed, args.statements)
    if args.json:
        print(json.dumps(result))
        return
    for key, value in result.items():
        print(f"{key:>20}: {value}")


if __name__ == "__main__":
    main()
