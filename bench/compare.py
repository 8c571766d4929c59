"""Right claim and right stance, and no-claim matches, on every studied set in one process; and which
statements a change moved.

    python bench/compare.py --save /tmp/before.json     # per-set figures, and every answer saved
    (change something)
    python bench/compare.py --diff /tmp/before.json     # the figures again, then each statement whose
                                                        # answer changed: + now right, - now wrong, ~ other

This is how each change of sessions 4 and 5 was judged (docs/benchmarks.md quotes its totals). Sealed sets
(`SEALED`) are never read here: run them with `bench/accuracy.py --set NAME --show 0`, once.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import accuracy  # noqa: E402
from factcheck.api import matcher_for  # noqa: E402
from factcheck.registry import load_registry  # noqa: E402

STUDIED = ("dev", "train", "train2", "train3", "train4", "train5", "train6", "train7", "train8", "train9", "shortq2",
           "test", "holdout", "holdout2", "holdout3", "holdout4", "holdout5", "holdout6", "holdout7", "holdout8",
           "holdout9", "holdout10", "inventory", "shortq")
#: Sets no change may be judged on: summary figures only, through bench/accuracy.py.
SEALED = ("holdout11",)


def gold(item: dict) -> list:
    return [item["claim"], item.get("stance", "affirms")] if item.get("claim") else [None, None]


def answers(sets: tuple[str, ...]) -> dict[str, dict[str, list]]:
    matcher = matcher_for(load_registry(use_env=False))
    out: dict[str, dict[str, list]] = {}
    for name in sets:
        out[name] = {}
        for item in accuracy.load_set(name):
            match = matcher.check(item["text"]).match
            out[name][item["text"]] = [match.claim.id, match.stance] if match else [None, None]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", default=",".join(STUDIED), help="comma-separated studied sets")
    parser.add_argument("--save", type=Path, help="write every answer to this JSON file")
    parser.add_argument("--diff", type=Path, help="list the statements whose answer differs from this file's")
    args = parser.parse_args()
    sets = tuple(s for s in args.sets.split(",") if s)
    if sealed := [s for s in sets if s in SEALED]:
        sys.exit(f"refused: {', '.join(sealed)} is sealed; run bench/accuracy.py --set NAME --show 0 once")
    got = answers(sets)
    items = {name: accuracy.load_set(name) for name in sets}
    total_right = total_false = 0
    for name in sets:
        right = sum(1 for it in items[name] if it.get("claim") and got[name][it["text"]] == gold(it))
        no_claim = [it for it in items[name] if not it.get("claim")]
        false = sum(1 for it in no_claim if got[name][it["text"]][0] is not None)
        total_right, total_false = total_right + right, total_false + false
        print(f"{name:10} right claim and stance {right:4}   no-claim matched {false:3}/{len(no_claim)}")
    print(f"{'total':10} right claim and stance {total_right:4}   no-claim matched {total_false:3}")
    if args.save:
        args.save.write_text(json.dumps(got), encoding="utf-8")
    if args.diff:
        before = json.loads(args.diff.read_text(encoding="utf-8"))
        for name in sets:
            for it in items[name]:
                was, now = before.get(name, {}).get(it["text"]), got[name][it["text"]]
                if was is not None and was != now:
                    want = gold(it)
                    mark = "+" if now == want else "-" if was == want else "~"
                    print(f"{mark} [{name}] {it['text'][:110]!r} want={want} was={was} now={now}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
