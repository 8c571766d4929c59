"""The long fuzz campaign: the property tests of tests/test_properties.py with the `fuzz` hypothesis profile.

    python bench/fuzz.py                      # 15,000 examples a property (over 100,000 in all)
    python bench/fuzz.py --examples 1000      # a shorter run

Runs pytest with `--hypothesis-profile=fuzz --hypothesis-show-statistics`, then adds up the examples
hypothesis reports for every property and phase, and prints the total, the time and the result. A failure
is printed with its smallest failing example (kept in .hypothesis/ for replay); pytest's whole output goes
to --log.
The figures of the last campaign are in docs/benchmarks.md ("Robustness").
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_COUNTS = re.compile(r"(\d+) passing examples?, (\d+) failing examples?, (\d+) invalid examples?")
_TEST = re.compile(r"^(\S+::\S+):\s*$")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--examples", type=int, default=15_000, help="examples a property (default 15,000)")
    ap.add_argument("-k", default=None, help="only the properties matching this pytest -k expression")
    ap.add_argument("--log", type=Path, default=Path(tempfile.gettempdir()) / "factcheck-fuzz.log",
                    help="where pytest's whole output goes (default: factcheck-fuzz.log in the temp directory)")
    args = ap.parse_args()
    env = {**os.environ, "FACTCHECK_FUZZ_EXAMPLES": str(args.examples),
           "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    cmd = [sys.executable, "-m", "pytest", str(ROOT / "tests" / "test_properties.py"), "-q", "-p", "no:cacheprovider",
           "--hypothesis-profile=fuzz", "--hypothesis-show-statistics", "-W", "ignore::DeprecationWarning"]
    if args.k:
        cmd += ["-k", args.k]
    started = time.monotonic()
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed = time.monotonic() - started
    args.log.write_text(done.stdout + done.stderr, encoding="utf-8")
    failures = done.stdout.find("= FAILURES =")
    if failures >= 0:  # the failing examples, shrunk, as pytest prints them
        end = done.stdout.find("= Hypothesis Statistics =", failures)
        sys.stdout.write(done.stdout[failures:end if end > 0 else None][:50000] + "\n")
    sys.stderr.write(done.stderr[-5000:])
    per_test: dict[str, list[int]] = {}
    current = None
    for line in done.stdout.splitlines():
        m = _TEST.match(line.strip())
        if m:
            current = m.group(1)
            continue
        m = _COUNTS.search(line)
        if m and current:
            counts = per_test.setdefault(current, [0, 0, 0])
            for k in range(3):
                counts[k] += int(m.group(k + 1))
    total = [sum(c[k] for c in per_test.values()) for k in range(3)]
    print("\nfuzz campaign:")
    for name, (passing, failing, invalid) in per_test.items():
        print(f"  {name.split('::')[-1]}: {passing:,} passing, {failing:,} failing, {invalid:,} invalid")
    result = "all properties hold" if done.returncode == 0 else f"FAILED (pytest exit {done.returncode})"
    print(f"  total: {total[0] + total[1]:,} examples run ({total[1]:,} failing, {total[2]:,} invalid) in "
          f"{elapsed / 60:.1f} min: {result}")
    print(f"  pytest's whole output: {args.log}")
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
