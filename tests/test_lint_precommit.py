"""The pre-commit hook, tried for real: `pre-commit try-repo` installs this repository into a fresh
environment and runs the `factcheck` hook on a temporary git repository.

Skipped when `pre-commit` or `git` is not installed (pre-commit is not a test dependency: the run builds a
virtual environment and installs factcheck's dependencies from the package index, which takes a while).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]


def test_hook_definition_is_valid():
    """.pre-commit-hooks.yaml defines the `factcheck` hook on Markdown and text files."""
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = {h["id"]: h for h in hooks}["factcheck"]
    assert hook["entry"] == "factcheck lint"
    assert hook["language"] == "python"
    import re

    pattern = re.compile(hook["files"])
    assert all(pattern.search(name) for name in ("a.md", "b.markdown", "c.mdx", "d.txt", "e.rst"))
    assert not pattern.search("setup.py")


def _git(cwd: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env)


@pytest.mark.skipif(shutil.which("pre-commit") is None or shutil.which("git") is None,
                    reason="pre-commit and git are needed to try the hook for real")
def test_pre_commit_try_repo_runs_the_hook(tmp_path):
    """A staged post repeating a myth fails the hook with a path:line:col finding; a clean post passes."""
    from factcheck.registry import load_registry

    claim = load_registry().get("ptx-bypasses-cuda")
    if claim is None:  # pragma: no cover - the built-in registry changed its ids
        pytest.skip("the built-in registry has no ptx-bypasses-cuda claim")

    hook_repo = tmp_path / "hook"
    hook_repo.mkdir()
    for name in ("factcheck", "data", "seeds", "schema"):  # the wheel's force-included folders too
        shutil.copytree(ROOT / name, hook_repo / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy(ROOT / name, hook_repo / name)
    _git(hook_repo, "init", "-q")
    _git(hook_repo, "add", "-A")
    _git(hook_repo, "commit", "-q", "-m", "hook")

    project = tmp_path / "project"
    project.mkdir()
    (project / "post.md").write_text(f"# Draft\n\nSome intro here. {claim.claim}\n", encoding="utf-8")
    (project / "clean.md").write_text("# Notes\n\nNothing about any lab here.\n", encoding="utf-8")
    (project / "script.py").write_text(f"# {claim.claim}\n", encoding="utf-8")
    _git(project, "init", "-q")
    _git(project, "add", "-A")

    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    proc = subprocess.run(["pre-commit", "try-repo", str(hook_repo), "factcheck", "--all-files", "--color", "never"],
                          cwd=project, capture_output=True, text=True, env=env, timeout=900)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output
    assert "post.md:3:18: false ptx-bypasses-cuda:" in output
    assert "clean.md:" not in output and "script.py" not in output

    (project / "post.md").write_text("# Draft\n\nNothing to flag here.\n", encoding="utf-8")
    _git(project, "add", "-A")
    proc = subprocess.run(["pre-commit", "try-repo", str(hook_repo), "factcheck", "--all-files", "--color", "never"],
                          cwd=project, capture_output=True, text=True, env=env, timeout=900)
    assert proc.returncode == 0, proc.stdout + proc.stderr
