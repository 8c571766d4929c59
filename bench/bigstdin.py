"""Stream generated Markdown into `factcheck lint -` and record its peak memory and time.

    python bench/bigstdin.py                 # 1 GB (10^9 bytes)
    python bench/bigstdin.py --size 50MB     # a quick run

The Markdown is generated as it is written, never held whole: the files of a Markdown corpus
(`../shared/corpus/general-md` when it is there) in a new random order on every pass, interleaved with
synthetic blocks (headings, lists, tables, block quotes, fenced code, HTML comments with suppression
directives) and sentences that state registry claims, so the linter has findings to report all the way
through. The child runs `python -m factcheck lint - --no-config --format text`; its stdout is counted, not
kept. The child's resident memory is sampled every second from /proc, and its peak (ru_maxrss) is read when
it exits. Results for this machine are in docs/benchmarks.md ("Robustness").
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "general-md"

WORDS = ("the a of to and in is for on that with as it was by this be are from at or an have not but which "
         "model training data cost report team paper results benchmark release open weights lab chip export "
         "cluster hardware research budget reasoning language users market company engineers figure week "
         "year month people system code performance said would could new first last large small early").split()


def _claims() -> list[str]:
    sys.path.insert(0, str(ROOT))
    from factcheck.registry import load_registry

    texts = []
    for claim in load_registry(use_env=False, use_config=False).claims:
        texts.append(claim.claim)
        texts.extend(claim.phrasings[:2])
    return texts


def _corpus() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(p for p in CORPUS.rglob("*") if p.suffix.lower() in (".md", ".markdown", ".mdx") and p.is_file())


def _prose(rng: random.Random, claims: list[str], sentences: int) -> str:
    out = []
    for _ in range(sentences):
        if rng.random() < 0.08:
            out.append(rng.choice(claims))
        else:
            words = [rng.choice(WORDS) for _ in range(rng.randint(6, 18))]
            out.append(" ".join(words).capitalize() + ".")
    return " ".join(out)


def _synthetic(rng: random.Random, claims: list[str]) -> str:
    kind = rng.randrange(9)
    if kind == 0:
        return "#" * rng.randint(1, 4) + " " + _prose(rng, claims, 1).rstrip(".")
    if kind == 1:
        return "\n".join(f"- {_prose(rng, claims, rng.randint(1, 2))}" for _ in range(rng.randint(2, 6)))
    if kind == 2:
        rows = [f"| {_prose(rng, claims, 1)} | {rng.randint(1, 999)} |" for _ in range(rng.randint(1, 4))]
        return "| claim | n |\n|---|---|\n" + "\n".join(rows)
    if kind == 3:
        return "\n".join("> " + _prose(rng, claims, 1) for _ in range(rng.randint(1, 3)))
    if kind == 4:
        return "```text\n" + _prose(rng, claims, 2) + "\n\n" + _prose(rng, claims, 1) + "\n```"
    if kind == 5:
        return "<!-- factcheck: ignore -->\n" + _prose(rng, claims, 2)
    if kind == 6:
        return "<!-- factcheck: off -->\n\n" + _prose(rng, claims, 2) + "\n\n<!-- factcheck: on -->"
    return _prose(rng, claims, rng.randint(2, 8))


def generate(size: int, seed: int = 2025):
    """Yield Markdown in pieces of about 64 KB until `size` bytes."""
    rng = random.Random(seed)
    claims = _claims()
    files = _corpus()
    written = 0
    buffer: list[str] = ["---\ntitle: generated\ntags: [bench]\n---\n\n"]
    pending = len(buffer[0])
    while written < size:
        order = files[:]
        rng.shuffle(order)
        for path in order or [None]:
            if path is not None:
                try:
                    text = path.read_text(encoding="utf-8", errors="replace").replace("\x00", " ")
                except OSError:
                    continue
                buffer.append(text.rstrip("\n") + "\n\n")
                pending += len(text) + 2
            for _ in range(rng.randint(1, 6)):
                block = _synthetic(rng, claims) + "\n\n"
                buffer.append(block)
                pending += len(block)
            if pending >= 65536:
                data = "".join(buffer).encode("utf-8")[: size - written]
                buffer, pending = [], 0
                written += len(data)
                yield data
                if written >= size:
                    return


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _parse_size(text: str) -> int:
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([KMG]?B?)", text.strip().upper())
    if not m:
        raise argparse.ArgumentTypeError(f"not a size: {text!r}")
    scale = {"": 1, "B": 1, "K": 1e3, "KB": 1e3, "M": 1e6, "MB": 1e6, "G": 1e9, "GB": 1e9}[m.group(2)]
    return int(float(m.group(1)) * scale)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=_parse_size, default=10**9, help="bytes to stream (default 1GB = 10^9)")
    ap.add_argument("--json", action="store_true", help="print the result as one JSON object")
    args = ap.parse_args()
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    env.pop("GITHUB_ACTIONS", None)
    child = subprocess.Popen([sys.executable, "-m", "factcheck", "lint", "-", "--no-config", "--format", "text"],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    samples: list[tuple[float, int, int]] = []  # (seconds, bytes written so far, RSS KB)
    state = {"written": 0, "findings": 0, "stderr": b"", "done": False}
    started = time.monotonic()

    def read_stdout() -> None:
        for _line in child.stdout:
            state["findings"] += 1

    def read_stderr() -> None:
        state["stderr"] = child.stderr.read()

    def sample() -> None:
        while not state["done"]:
            samples.append((time.monotonic() - started, state["written"], _rss_kb(child.pid)))
            time.sleep(1)

    threads = [threading.Thread(target=f, daemon=True) for f in (read_stdout, read_stderr, sample)]
    for t in threads:
        t.start()
    try:
        for data in generate(args.size):
            child.stdin.write(data)
            state["written"] += len(data)
        child.stdin.close()
    except BrokenPipeError:
        pass
    written_at = time.monotonic() - started
    _, status, usage = os.wait4(child.pid, 0)
    state["done"] = True
    elapsed = time.monotonic() - started
    for t in threads[:2]:
        t.join(timeout=10)
    code = os.waitstatus_to_exitcode(status)
    child.returncode = code
    rss = [kb for _, _, kb in samples if kb]
    quartiles = {}
    for q in (0.25, 0.5, 0.75, 1.0):
        upto = [kb for _, w, kb in samples if kb and w <= q * args.size]
        quartiles[f"rss_mb_at_{int(q * 100)}pct"] = round(max(upto) / 1024) if upto else None
    result = {
        "bytes": state["written"], "seconds": round(elapsed, 1), "mb_per_s": round(state["written"] / 1e6 / elapsed, 2),
        "writer_done_s": round(written_at, 1), "exit_code": code, "findings_printed": state["findings"],
        "peak_rss_mb": round(usage.ru_maxrss / 1024), "sampled_max_rss_mb": round(max(rss) / 1024) if rss else None,
        **quartiles, "summary": state["stderr"].decode("utf-8", "replace").strip().splitlines()[-1:],
    }
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:>22}: {value}")
    return 0 if code in (0, 1) else 1


if __name__ == "__main__":
    sys.exit(main())
