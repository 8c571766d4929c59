"""Speed of factcheck next to codespell, on the same machine in the same run (issue 5).

    pip install '.[bench]'                       # codespell
    python bench/speed.py                        # everything (about 5-10 minutes on 2 cores)
    python bench/speed.py --quick                # fewer runs, a 2 MB slice for the scaling table
    python bench/speed.py --only oneshot,check   # some sections: oneshot, lint, check, scaling

Prints the machine, then:

* one-shot: median wall time of `factcheck "DeepSeek cost $6M"` (output piped) and of `codespell` on a
  one-line file, N runs each, interleaved; the ratio (target <= 1.0);
* lint: MB/s of `factcheck lint` over ../shared/corpus/general-md (JSON to a pipe) with the built-in
  registry and with a synthetic 1,000-claim registry, and of `codespell` over the same directory; the
  ratios (target >= 1.5); peak RSS of the largest process (as GNU time reports it), with --jobs 1 too;
* ms per check: `Matcher.check` in-process over the dev set's statements, both registries;
* scaling: lint time at 1x, 4x and 16x the corpus (files repeated through symlinks in a temporary
  directory) and with 10x the claims.

Timings are medians of subprocess runs (`time.perf_counter` around `subprocess` with `os.wait4` for the
peak RSS). Nothing here is asserted; the test suite never checks timings.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus" / "general-md"
STATEMENT = "DeepSeek cost $6M"
EXTENSIONS = (".md", ".markdown", ".mdx", ".txt", ".rst")


# -- helpers -------------------------------------------------------------------------------------------------

def run(cmd: list[str], *, env: dict | None = None, cwd: Path | None = None) -> tuple[float, int, int, float]:
    """Run a command with stdout to a pipe that is drained; (wall seconds, exit code, peak RSS in KB of its
    largest process, CPU seconds of it and its reaped children, i.e. worker processes)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=cwd)
    while proc.stdout.read(1 << 16):
        pass
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stdout.close()
    return wall, proc.returncode, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


def median_runs(cmds: dict[str, list[str]], runs: int, **kw) -> dict[str, tuple[float, int, float]]:
    """Median wall time, max peak RSS and median CPU time of each command, runs interleaved so drift hits
    all alike."""
    times: dict[str, list[float]] = {k: [] for k in cmds}
    cpus: dict[str, list[float]] = {k: [] for k in cmds}
    rss: dict[str, int] = {k: 0 for k in cmds}
    for _ in range(runs):
        for name, cmd in cmds.items():
            wall, code, peak, cpu = run(cmd, **kw)
            if code not in (0, 1, 65):  # factcheck: 1 = failing findings; codespell: 65 = misspellings
                sys.exit(f"error: {' '.join(cmd)} exited with {code}; rerun it to see why")
            times[name].append(wall)
            cpus[name].append(cpu)
            rss[name] = max(rss[name], peak)
    return {k: (statistics.median(v), rss[k], statistics.median(cpus[k])) for k, v in times.items()}


def corpus_bytes(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and p.suffix.lower() in EXTENSIONS)


def script(name: str) -> str | None:
    """The console script installed with this interpreter (not a pyenv shim, which adds ~50 ms of bash)."""
    beside = Path(sys.executable).parent / name
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which(name)


def factcheck_cmd(*args: str) -> list[str]:
    exe = script("factcheck")
    return [exe, *args] if exe else [sys.executable, "-m", "factcheck", *args]


def codespell_cmd(*args: str) -> list[str] | None:
    exe = script("codespell")
    return [exe, *args] if exe else None


def machine() -> str:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        load = "%.2f %.2f %.2f" % os.getloadavg()
    except OSError:
        load = "?"
    versions = []
    for name in ("factcheck", "codespell", "markdown-it-py", "rapidfuzz", "typer", "rich"):
        try:
            from importlib.metadata import version

            versions.append(f"{name} {version(name)}")
        except Exception:  # noqa: BLE001
            versions.append(f"{name} (not installed)")
    return (f"machine: nproc {os.cpu_count()}, {cpu}, Python {platform.python_version()}, load average {load}\n"
            f"         {', '.join(versions)}")


# -- the synthetic registry ----------------------------------------------------------------------------------

class _NoAliases(yaml.SafeDumper):
    """Registries may not use YAML anchors: write shared lists out in full."""

    def ignore_aliases(self, data) -> bool:
        return True


def synthetic_registry(directory: Path, total: int = 1000, seed: int = 5) -> Path:
    """A registry file that, with the built-in one, makes `total` claims: each new claim is a built-in one
    with a new id, its phrasings shuffled and recombined (the first half of one with the second half of
    another) and one of them as its claim sentence. The citations are kept, and `seeds/` is linked next to
    the file, so it validates like the real one."""
    rng = random.Random(seed)
    data = yaml.safe_load((ROOT / "data" / "claims.yaml").read_text(encoding="utf-8"))
    base = data["claims"]
    claims = []
    for k in range(total - len(base)):
        c = dict(base[k % len(base)])
        c["id"] = f"{c['id']}-syn{k}"
        texts = [c["claim"], *c.get("phrasings", [])]
        rng.shuffle(texts)
        mixed = []
        for a, b in zip(texts, texts[1:] + texts[:1]):
            wa, wb = a.split(), b.split()
            mixed.append(" ".join(wa[: max(1, len(wa) // 2)] + wb[len(wb) // 2:]))
        c["claim"] = texts[0]
        c["phrasings"] = list(dict.fromkeys(p for p in texts[1:] + mixed[: len(texts) // 2] if p != texts[0]))
        for key in ("superseded_by", "history"):
            c.pop(key, None)
        claims.append(c)
    directory.mkdir(parents=True, exist_ok=True)
    seeds = directory / "seeds"
    if not seeds.exists():
        try:
            seeds.symlink_to(ROOT / "seeds", target_is_directory=True)
        except OSError:
            shutil.copytree(ROOT / "seeds", seeds)
    path = directory / "synthetic.yaml"
    path.write_text(yaml.dump({"version": 1, "name": "synthetic", "claims": claims}, Dumper=_NoAliases,
                              allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    return path


def repeated_corpus(source: Path, times: int, directory: Path) -> Path:
    """`times` copies of every file of `source` (symlinks), each copy in its own folder."""
    target = directory / f"x{times}"
    for k in range(times):
        for path in sorted(source.rglob("*")):
            if path.is_file() and path.suffix.lower() in EXTENSIONS:
                link = target / f"copy{k:02d}" / path.relative_to(source)
                link.parent.mkdir(parents=True, exist_ok=True)
                link.symlink_to(path.resolve())
    return target


def sliced_corpus(source: Path, limit: int, directory: Path) -> Path:
    """The first files of `source` (in name order) up to `limit` bytes, as symlinks."""
    target = directory / "slice"
    total = 0
    for path in sorted(source.rglob("*")):
        if path.is_file() and path.suffix.lower() in EXTENSIONS and total < limit:
            link = target / path.relative_to(source)
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(path.resolve())
            total += path.stat().st_size
    return target


# -- sections ------------------------------------------------------------------------------------------------

def section_oneshot(args, tmp: Path) -> None:
    one = tmp / "one.txt"
    one.write_text("DeepSeek cost $6M.\n", encoding="utf-8")
    cmds = {"factcheck": factcheck_cmd(STATEMENT)}
    spell = codespell_cmd(str(one))
    if spell:
        cmds["codespell"] = spell
    cmds["python -c pass"] = [sys.executable, "-c", "pass"]
    # Bytecode: an installed package has its .pyc files. With PYTHONDONTWRITEBYTECODE set (as in some
    # sandboxes) an editable checkout is compiled from source at every start (~30 ms for factcheck), so the
    # main figure gives both programs a bytecode cache (PYTHONPYCACHEPREFIX, in the temporary directory).
    cached = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    cached["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    envs = [("bytecode cached", cached)]
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        envs.append(("as this environment runs it (PYTHONDONTWRITEBYTECODE set)", dict(os.environ)))
    for label, env in envs:
        for cmd in cmds.values():
            run(cmd, env=env)  # warm: the index cache, the bytecode cache, the page cache
        res = median_runs(cmds, args.oneshot_runs, env=env)
        fc = res["factcheck"][0]
        line = (f"one-shot `factcheck \"{STATEMENT}\"`, {label}: {fc * 1000:.0f} ms "
                f"(median of {args.oneshot_runs}, output piped)")
        if spell:
            cs = res["codespell"][0]
            line += f"; codespell on a one-line file {cs * 1000:.0f} ms; ratio {fc / cs:.2f} (target <= 1.0)"
        print(line)
        print(f"  (bare `python -c pass`: {res['python -c pass'][0] * 1000:.0f} ms)")


def section_lint(args, tmp: Path, synthetic: Path) -> None:
    size = corpus_bytes(args.corpus)
    mb = size / 1e6
    cmds = {
        "factcheck": factcheck_cmd("lint", str(args.corpus), "--format", "json", "--no-config"),
        "factcheck 1k claims": factcheck_cmd("lint", str(args.corpus), "--format", "json", "--no-config",
                                             "--registry", str(synthetic)),
        "factcheck --jobs 1": factcheck_cmd("lint", str(args.corpus), "--format", "json", "--no-config",
                                            "--jobs", "1"),
    }
    spell = codespell_cmd(str(args.corpus))
    if spell:
        cmds["codespell"] = spell
    for cmd in cmds.values():
        run(cmd)  # warm: the page cache, and the index cache (the synthetic registry's index is built here)
    res = median_runs(cmds, args.lint_runs)
    cs = res.get("codespell", (None,))[0]
    print(f"lint {args.corpus} ({mb:.1f} MB, median of {args.lint_runs}):")
    for name, (wall, rss, cpu) in res.items():
        speed = mb / wall
        ratio = f", {speed / (mb / cs):.2f}x codespell" if cs and name != "codespell" else ""
        print(f"  {name:<22} {wall:6.2f} s  {speed:5.2f} MB/s  CPU {cpu:6.2f} s  peak RSS {rss / 1024:.0f} MB{ratio}")
    if cs:
        print("  target: factcheck >= 1.5x codespell's MB/s, both registries; peak RSS <= 80 MB")
    print(f"  (load average after: {' '.join('%.2f' % x for x in os.getloadavg())}; CPU = user + system time of "
          "the process and its workers)")


def section_check(args, synthetic: Path) -> None:
    from factcheck.api import load_matcher

    items = yaml.safe_load((ROOT / "bench" / "data" / "dev.yaml").read_text(encoding="utf-8"))
    texts = [it["text"] for it in items]
    for label, extra in (("built-in registry", None), ("1k-claim registry", [synthetic])):
        matcher = load_matcher(extra, use_config=False)
        for t in texts:  # warm: per-term weights, stems, caches of the first pass
            matcher.check(t)
        rounds = []
        for _ in range(args.check_rounds):
            start = time.perf_counter()
            for t in texts:
                matcher.check(t)
            rounds.append((time.perf_counter() - start) / len(texts))
        print(f"ms per check ({label}, {len(matcher.registry.claims)} claims, {len(texts)} dev statements, "
              f"median of {args.check_rounds} passes): {statistics.median(rounds) * 1000:.2f}")


def section_scaling(args, tmp: Path, synthetic: Path) -> None:
    base = args.scale_base
    if args.quick and base == CORPUS:
        base = sliced_corpus(CORPUS, 2_000_000, tmp)
    rows = []
    for times in args.scale:
        corpus = base if times == 1 else repeated_corpus(base, times, tmp)
        size = corpus_bytes(corpus)
        cmd = factcheck_cmd("lint", str(corpus), "--format", "json", "--no-config")
        wall, rss, cpu = median_runs({"x": cmd}, args.lint_runs if size <= 100e6 else 1)["x"]
        rows.append((f"{times}x corpus", size, wall, rss, cpu))
    cmd = factcheck_cmd("lint", str(base), "--format", "json", "--no-config", "--registry", str(synthetic))
    run(cmd)  # the synthetic registry's index into the cache
    wall, rss, cpu = median_runs({"x": cmd}, args.lint_runs)["x"]
    rows.append(("1x corpus, 10x claims", corpus_bytes(base), wall, rss, cpu))
    print(f"scaling (base {base}; median of {args.lint_runs} runs up to 100 MB, one run above):")
    print("  | input | MB | wall s | MB/s | wall / (1x wall x size) | CPU s | CPU / (1x CPU x size) | peak RSS MB |")
    print("  |---|---|---|---|---|---|---|---|")
    base_size, base_wall, base_cpu = rows[0][1], rows[0][2], rows[0][4]
    for label, size, wall, rss, cpu in rows:
        factor = size / base_size
        print(f"  | {label} | {size / 1e6:.1f} | {wall:.2f} | {size / 1e6 / wall:.2f} | "
              f"{wall / (base_wall * factor):.2f} | {cpu:.2f} | {cpu / (base_cpu * factor):.2f} | {rss / 1024:.0f} |")
    print(f"  10x claims cost {rows[-1][2] / base_wall:.2f}x the wall time, {rows[-1][4] / base_cpu:.2f}x the CPU "
          "time (target <= 2.0)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--scale-base", type=Path, default=CORPUS)
    ap.add_argument("--scale", default="1,4,16", help="corpus repetitions for the scaling table")
    ap.add_argument("--oneshot-runs", type=int, default=15)
    ap.add_argument("--lint-runs", type=int, default=3)
    ap.add_argument("--check-rounds", type=int, default=5)
    ap.add_argument("--only", default="oneshot,lint,check,scaling")
    ap.add_argument("--quick", action="store_true", help="fewer runs, and a 2 MB slice for the scaling table")
    args = ap.parse_args()
    args.scale = [int(x) for x in args.scale.split(",")]
    if args.quick:
        args.oneshot_runs, args.lint_runs, args.check_rounds = 7, 1, 2
    only = set(args.only.split(","))
    print(machine())
    if not args.corpus.is_dir():
        sys.exit(f"skipped: {args.corpus} not found")
    if shutil.which("codespell") is None:
        print("codespell is not installed (pip install '.[bench]'): no ratios")
    with tempfile.TemporaryDirectory(prefix="factcheck-speed-") as name:
        tmp = Path(name)
        synthetic = synthetic_registry(tmp / "registry")
        if "oneshot" in only:
            section_oneshot(args, tmp)
        if "lint" in only:
            section_lint(args, tmp, synthetic)
        if "scaling" in only:
            section_scaling(args, tmp, synthetic)
        if "check" in only:  # last: it loads registries into this process, whose size forked children inherit
            section_check(args, synthetic)


if __name__ == "__main__":
    main()
