"""Matcher accuracy on labelled statements the registry was not written from.

    python bench/accuracy.py                 # dev set (the set thresholds are tuned on)
    python bench/accuracy.py --set test      # the sealed test set: report it, never tune on it
    python bench/accuracy.py --set inventory # the sample paraphrases of ../shared/claims-inventory.yaml
    python bench/accuracy.py --set holdout   # written in session 2 without the registry's wording; studied since
    python bench/accuracy.py --set holdout2  # written the same way; run once in session 3, then studied
    python bench/accuracy.py --set holdout3  # written in session 3 the same way: run once at its end, studied in session 4
    python bench/accuracy.py --set holdout4  # written in session 4 the same way: run once mid-session, then studied
    python bench/accuracy.py --set holdout5  # written in session 4 the same way: run once, then studied
    python bench/accuracy.py --set holdout6  # written in session 4 the same way: run once, then studied
    python bench/accuracy.py --set holdout7  # written in session 4 the same way: sealed, run once at its end
    python bench/accuracy.py --set holdout8  # written in session 5 the same way: run once then, studied in session 6
    python bench/accuracy.py --set holdout9  # written in session 6 the same way: summary only then, studied in session 7
    python bench/accuracy.py --set holdout10 # written in session 7 the same way: summary only then, studied in session 8
    python bench/accuracy.py --set holdout11 # written in session 8 the same way: sealed, summary only
    python bench/accuracy.py --set shortq    # short typed statements (session 8): reported, never fitted on
    python bench/accuracy.py --set corpus-eval  # real sentences of ../shared/corpus/deepseek-md (labels only)
    python bench/accuracy.py --set test --show 40   # list up to 40 errors of each kind

Figures printed: top-1 accuracy on statements that make a claim, abstention (missed) rate, stance
accuracy, false-match rate on statements that make no claim, figure-conflict recall and false-conflict
rate, and ms per check. The sets are in bench/data/ (YAML lists of {text, claim, stance, conflicts, kind}).
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factcheck.api import matcher_for  # noqa: E402
from factcheck.registry import load_registry  # noqa: E402

INVENTORY = ROOT.parent / "shared" / "claims-inventory.yaml"


def load_set(name: str) -> list[dict]:
    if name == "inventory":
        if not INVENTORY.is_file():
            sys.exit(f"skipped: {INVENTORY} is not here")
        items = []
        for entry in yaml.safe_load(INVENTORY.read_text(encoding="utf-8")):
            for text in entry.get("paraphrases", []):
                items.append({"text": text, "claim": entry["id"], "stance": "affirms", "kind": "paraphrase"})
        return items
    if name.startswith("corpus-"):
        import corpus_labels  # real sentences, labelled by position; text read from ../shared at run time

        return corpus_labels.load(name)
    path = ROOT / "bench" / "data" / f"{name}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


#: The sets label a date conflict with the duration unit of its precision (`days`, `months`, `years`); the
#: matcher reports it in a calendar unit (`day`, `month`, `year`), distinct so that dates are never compared
#: with durations. Used only to compare conflict units with those labels.
GOLD_UNIT_OF_CALENDAR = {"day": "days", "month": "months", "year": "years"}
#: holdout8's writer was given a unit list with `hours` and no `gpu_hours` (the prompt's omission, decided
#: before the set was run): its `hours` are GPU hours, counted as such.
GOLD_UNIT_ALIASES = {"hours": "gpu_hours"}
#: holdout8-10's writers were given `count` for a count of things; the matcher names the thing
#: counted (`experts`, `steps`, `pages`, `countries`...). A `count` label is met by a conflict in any unit
#: that is not one of these measures.
MEASURE_UNITS = frozenset({"usd", "cny", "percent", "times", "parameters", "gpu_hours", "hours", "days",
                           "months", "years"})


def _meets(want: set[str], got: set[str]) -> bool:
    counted = {u for u in got if u not in MEASURE_UNITS}
    return all(u in got or (u == "count" and counted) for u in want)


def evaluate(items: list[dict], matcher) -> dict:
    stats = collections.Counter()
    errors: dict[str, list[str]] = collections.defaultdict(list)
    per_kind = collections.defaultdict(collections.Counter)
    start = time.perf_counter()
    for item in items:
        text, gold = item["text"], item.get("claim")
        kind = item.get("kind", "?")
        result = matcher.check(text)
        got = result.match.claim.id if result.match else None
        per_kind[kind]["n"] += 1
        if gold is None:
            stats["unrelated"] += 1
            if got is not None:
                stats["false_match"] += 1
                stats["false_match_asks"] += result.match.stance == "asks"
                errors["false match"].append(f"{text!r} -> {got} ({result.match.score}, {result.match.stance})")
            else:
                per_kind[kind]["ok"] += 1
            continue
        stats["claims"] += 1
        if got == gold:
            stats["top1"] += 1
            per_kind[kind]["ok"] += 1
            want_stance = item.get("stance", "affirms")
            stats["stance_n"] += 1
            stats["stance_n_figures_aside"] += kind != "number-conflict"
            if result.match.stance == want_stance:
                stats["stance_ok"] += 1
                stats["stance_ok_figures_aside"] += kind != "number-conflict"
            else:
                errors["stance"].append(f"{text!r} [{gold}] want {want_stance}, got {result.match.stance}")
            want_units = {GOLD_UNIT_ALIASES.get(u, u) for u in item.get("conflicts") or []}
            got_units = {GOLD_UNIT_OF_CALENDAR.get(c.unit, c.unit) for c in result.match.conflicts}
            if want_units:
                stats["conflict_n"] += 1
                if _meets(want_units, got_units):
                    stats["conflict_ok"] += 1
                else:
                    errors["conflict missed"].append(f"{text!r} [{gold}] want {sorted(want_units)}, got {sorted(got_units)}")
            elif got_units:
                stats["false_conflict"] += 1
                errors["false conflict"].append(f"{text!r} [{gold}] got {sorted(got_units)}")
            if not want_units:
                stats["no_conflict_n"] += 1
        elif got is None:
            stats["abstained"] += 1
            alts = ", ".join(f"{a.id} {a.score}" for a in result.alternatives[:2])
            errors["abstained"].append(f"{text!r} [{gold}] nearest: {alts}")
        else:
            stats["wrong"] += 1
            errors["wrong claim"].append(f"{text!r} [{gold}] -> {got} ({result.match.score})")
    stats["seconds"] = time.perf_counter() - start
    stats["n"] = len(items)
    return {"stats": stats, "errors": errors, "per_kind": per_kind}


def pct(a: int, b: int) -> str:
    return f"{100.0 * a / b:5.1f}% ({a}/{b})" if b else "  n/a"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", default="dev", help="dev | test | inventory")
    parser.add_argument("--show", type=int, default=15, help="errors to list per kind")
    args = parser.parse_args()
    items = load_set(args.set)
    registry = load_registry(use_env=False)
    matcher = matcher_for(registry)
    out = evaluate(items, matcher)
    s, errors = out["stats"], out["errors"]
    print(f"set: {args.set}  statements: {s['n']}  registry claims: {len(registry.claims)}")
    print(f"top-1 correct claim      {pct(s['top1'], s['claims'])}")
    print(f"  abstained (missed)     {pct(s['abstained'], s['claims'])}")
    print(f"  wrong claim            {pct(s['wrong'], s['claims'])}")
    print(f"stance correct           {pct(s['stance_ok'], s['stance_n'])}  (on correct matches)")
    # writers differ on the stance of a claim stated with another figure (holdout9's labelled all of them
    # `denies`, every other set's `affirms`, the conflict listed): the same figure without them
    print(f"  number-conflict aside  {pct(s['stance_ok_figures_aside'], s['stance_n_figures_aside'])}")
    print(f"false matches            {pct(s['false_match'], s['unrelated'])}  (statements that make no claim)")
    # a direct question matched with stance `asks` shows the claim it asks about but is never a finding:
    # still counted above, and told apart here
    print(f"  of which questions     {s['false_match_asks']} (stance asks: shown, never reported by lint)")
    print(f"conflicts found          {pct(s['conflict_ok'], s['conflict_n'])}")
    print(f"false conflicts          {pct(s['false_conflict'], s['no_conflict_n'])}")
    print(f"ms per check             {1000 * s['seconds'] / max(s['n'], 1):.2f}")
    print("by kind: " + "  ".join(f"{k} {pct(v['ok'], v['n'])}" for k, v in sorted(out["per_kind"].items())))
    for kind, rows in errors.items():
        print(f"\n{kind} ({len(rows)}):")
        for row in rows[:args.show]:
            print("  " + row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
