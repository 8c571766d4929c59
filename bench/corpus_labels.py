"""Hand labels of real sentences from ../shared/corpus/deepseek-md, joined with their text at run time.

bench/data/corpus-labels.yaml points at sentences by path:line:col only (the corpus's licences forbid
copying its text into this repository); this module segments each labelled file the way `factcheck lint`
does and returns {text, claim, stance, kind} items like the other sets in bench/data.

The labelled files are split in two halves by a hash of their name, so that whole documents (their
style, their headings) stay on one side: `corpus-train` may be used to fit the matcher, `corpus-eval`
only to measure it.
"""

from __future__ import annotations

import sys
import zlib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "deepseek-md"
LABELS = ROOT / "bench" / "data" / "corpus-labels.yaml"
SPLITS = ("corpus-train", "corpus-eval")


def split_of(path: str) -> str:
    return SPLITS[zlib.crc32(path.encode("utf-8")) % 2]


def load(split: str) -> list[dict]:
    """Items of one split; exits with a message when the corpus is not beside the repository."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}")
    if not CORPUS.is_dir():
        sys.exit(f"skipped: {CORPUS} is not here")
    sys.path.insert(0, str(ROOT))
    from factcheck.segment import segment

    labels = [e for e in yaml.safe_load(LABELS.read_text(encoding="utf-8")) if split_of(e["path"]) == split]
    by_file: dict[str, dict[tuple[int, int], str]] = {}
    items = []
    for entry in labels:
        path = entry["path"]
        if path not in by_file:
            doc = segment((CORPUS / path).read_text(encoding="utf-8"))
            by_file[path] = {doc.position(s.start): s.text for s in doc.sentences}
        text = by_file[path].get((entry["line"], entry["col"]))
        if text is None:
            continue  # segmentation moved this sentence: skip rather than guess
        kind = "missed" if entry.get("missed") else "candidate" if entry.get("candidate") else "finding"
        item = {"text": text, "claim": entry.get("gold"), "kind": kind + ("" if entry.get("gold") else "-none")}
        if entry.get("gold"):
            item["stance"] = entry.get("stance", "affirms")
        items.append(item)
    return items


def lint_figures(split: str) -> dict[str, int]:
    """Lint every labelled file of a split as `factcheck lint` does; count findings whose position is labelled.

    The labels were made on the findings of commit c5fdb7a plus a recall sample (`missed`), so findings at
    unlabelled positions are counted apart (`unlabelled`), neither right nor wrong.
    """
    sys.path.insert(0, str(ROOT))
    from factcheck.api import load_matcher
    from factcheck.linter import lint_text

    matcher = load_matcher()
    labels = {(e["path"], e["line"], e["col"]): e
              for e in yaml.safe_load(LABELS.read_text(encoding="utf-8")) if split_of(e["path"]) == split}
    counts = dict.fromkeys(("findings", "unlabelled", "right_claim", "right_stance", "no_claim", "other_claim",
                            "missed_labelled", "missed_found"), 0)
    counts["missed_labelled"] = sum(1 for e in labels.values() if e.get("missed"))
    for path in sorted({k[0] for k in labels}):
        for f in lint_text((CORPUS / path).read_text(encoding="utf-8"), path, matcher):
            counts["findings"] += 1
            entry = labels.get((path, f.line, f.column))
            if entry is None:
                counts["unlabelled"] += 1
                continue
            gold = entry.get("gold")
            if gold is None:
                counts["no_claim"] += 1
            elif gold != f.claim.id:
                counts["other_claim"] += 1
            else:
                counts["right_claim"] += 1
                counts["right_stance"] += f.stance == entry.get("stance", "affirms")
                counts["missed_found"] += bool(entry.get("missed"))
    return counts


if __name__ == "__main__":
    # python bench/corpus_labels.py: real-document precision of `factcheck lint`, per half of the labels
    for name in SPLITS:
        c = lint_figures(name)
        labelled = c["findings"] - c["unlabelled"]
        print(f"{name}: {c['findings']} findings, {labelled} at labelled positions: right claim {c['right_claim']} "
              f"({c['right_claim'] / max(labelled, 1):.1%}), right claim and stance {c['right_stance']} "
              f"({c['right_stance'] / max(labelled, 1):.1%}), no claim {c['no_claim']}, another claim "
              f"{c['other_claim']}; recall sample: {c['missed_found']}/{c['missed_labelled']} found")
