"""The wheel ships the registry and the seeds, so an installed factcheck works from any directory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    pytest.importorskip("hatchling", reason="building the wheel needs hatchling (in the test extra)")
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                           "-w", str(out), str(ROOT)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    (whl,) = out.glob("factcheck-*.whl")
    return whl


def test_the_wheel_contains_the_registry_and_every_seed(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "factcheck/data/claims.yaml" in names
    seeds = {p.name for p in (ROOT / "seeds").iterdir()}
    assert {f"factcheck/seeds/{s}" for s in seeds} <= names


@pytest.mark.parametrize("name", ["stance_weights.json", "acceptance_weights.json"])
def test_the_wheel_contains_the_fitted_word_weights(wheel, name):
    archive = zipfile.ZipFile(wheel)
    assert archive.read(f"factcheck/{name}") == (ROOT / "factcheck" / name).read_bytes()


def test_the_wheel_contains_the_json_schema_where_the_registry_modeline_points(wheel):
    """factcheck/schema/claims.schema.json, byte for byte; data/claims.yaml's `../schema/...` modeline
    resolves to it inside the package."""
    archive = zipfile.ZipFile(wheel)
    assert archive.read("factcheck/schema/claims.schema.json") == (ROOT / "schema" / "claims.schema.json").read_bytes()
    modeline = archive.read("factcheck/data/claims.yaml").decode("utf-8").splitlines()[0]
    assert modeline == "# yaml-language-server: $schema=../schema/claims.schema.json"
    assert os.path.normpath(os.path.join("factcheck/data", modeline.split("=", 1)[1])) == os.path.normpath(
        "factcheck/schema/claims.schema.json")


def test_the_installed_wheel_checks_a_statement_from_another_directory(wheel, tmp_path):
    target = tmp_path / "site"
    proc = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
                           str(wheel)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    env = {**os.environ, "PYTHONPATH": str(target), "FACTCHECK_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("FACTCHECK_REGISTRY", None)
    run = subprocess.run([sys.executable, "-m", "factcheck", "DeepSeek cost $6M", "--format", "json"],
                         capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)
    assert run.returncode == 1, run.stderr
    data = json.loads(run.stdout)
    assert data["match"]["id"] == "training-cost-6m"
    validate = subprocess.run([sys.executable, "-m", "factcheck", "registry", "validate"], capture_output=True,
                              text=True, cwd=tmp_path, env=env, timeout=120)
    assert validate.returncode == 0 and str(target) in subprocess.run(
        [sys.executable, "-c", "import factcheck.registry as r; print(r.builtin_registry_path())"],
        capture_output=True, text=True, cwd=tmp_path, env=env).stdout
    schema = subprocess.run([sys.executable, "-m", "factcheck", "registry", "schema"], capture_output=True,
                            text=True, cwd=tmp_path, env=env, timeout=120)
    assert schema.returncode == 0, schema.stderr
    installed = Path(schema.stdout.strip())
    assert installed == target / "factcheck" / "schema" / "claims.schema.json"
    assert json.loads(installed.read_text(encoding="utf-8"))["$schema"] == "https://json-schema.org/draft/2020-12/schema"
