"""User registries end to end: examples/my-claims.yaml through `--registry`, FACTCHECK_REGISTRY and
`[tool.factcheck] registries`, how ids merge and override, and linting a file with a team's registry."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from factcheck.registry import (RegistryError, config_registry_paths, load_registry, load_registry_file,
                                registry_paths)

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "my-claims.yaml"


def factcheck(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """`python -m factcheck ...` in a fresh process, as a user runs it."""
    full_env = {k: v for k, v in os.environ.items() if k != "FACTCHECK_REGISTRY"}
    full_env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")]))
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "factcheck", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, env=full_env, timeout=120)


@pytest.fixture(autouse=True)
def _no_env_registries(monkeypatch):
    monkeypatch.delenv("FACTCHECK_REGISTRY", raising=False)


# -- the example registry ------------------------------------------------------------------------------------

def test_the_example_registry_has_two_valid_claims_about_something_else():
    rf = load_registry_file(EXAMPLE)
    assert len(rf.claims) == 2
    assert rf.name == "python-facts" and rf.author
    for claim in rf.claims:
        assert "deepseek" not in (claim.claim + claim.explanation).lower()
        assert any(c.source for c in claim.citations), "cites its own seed file"
    # its seeds live next to it, in examples/seeds/
    assert (EXAMPLE.parent / "seeds" / "python-org-excerpts.txt").is_file()


def test_the_example_merges_with_the_builtin_registry_without_clashes():
    registry = load_registry([EXAMPLE], use_env=False, use_config=False)
    assert registry.get("python-named-after-snake").registry == str(EXAMPLE)
    assert registry.get("training-cost-6m") is not None
    assert [m.path for m in registry.metadata][1:] == [str(EXAMPLE)]
    assert registry.metadata[1].name == "python-facts" and registry.metadata[1].author == "Example Docs Team"


def test_check_with_registry_option_matches_the_example_claim():
    done = factcheck("--registry", str(EXAMPLE), "Python is named after the snake", "--format", "json")
    data = json.loads(done.stdout)
    assert done.returncode == 1, done.stderr  # affirming a claim rated false is a finding
    assert data["match"]["id"] == "python-named-after-snake"
    assert data["match"]["verdict"] == "false" and data["match"]["stance"] == "affirms"


def test_check_with_relative_registry_path_in_text_format():
    done = factcheck("--registry", "examples/my-claims.yaml", "Python got its name from a snake")
    assert done.returncode == 1, done.stderr
    assert "python-named-after-snake" in done.stdout and "Monty Python" in done.stdout


def test_denying_the_myth_is_consistent():
    done = factcheck("--registry", str(EXAMPLE), "Python is not named after the snake", "--format", "json")
    data = json.loads(done.stdout)
    assert done.returncode == 0 and data["match"]["stance"] == "denies"


def test_the_environment_variable_adds_the_registry():
    done = factcheck("Python 2 stopped getting security fixes in 2020", "--format", "json",
                     env={"FACTCHECK_REGISTRY": str(EXAMPLE)})
    data = json.loads(done.stdout)
    assert done.returncode == 0, done.stderr
    assert data["match"]["id"] == "python2-sunset-2020" and data["match"]["verdict"] == "true"


def test_without_the_registry_the_example_claims_are_unknown():
    done = factcheck("claims", "show", "python-named-after-snake")
    assert done.returncode == 2 and "no claim with id" in done.stderr


# -- [tool.factcheck] registries (read through factcheck/config.py, shared with `factcheck lint`) ------------

def _project(tmp_path: Path, registries: str) -> Path:
    project = tmp_path / "project"
    (project / "docs" / "deep").mkdir(parents=True)
    (project / "pyproject.toml").write_text(
        f'[project]\nname = "blog"\n\n[tool.factcheck]\nregistries = {registries}\n', encoding="utf-8")
    return project


def test_pyproject_registries_are_loaded_relative_to_pyproject(tmp_path):
    project = _project(tmp_path, f'["{EXAMPLE.as_posix()}", "team/claims.yaml"]')
    paths = config_registry_paths(project / "docs" / "deep")
    assert paths == [EXAMPLE, project / "team" / "claims.yaml"]


def test_pyproject_registries_work_end_to_end_from_a_subfolder(tmp_path):
    project = _project(tmp_path, f'["{EXAMPLE.as_posix()}"]')
    done = factcheck("claims", "show", "python2-sunset-2020", "--format", "json", cwd=project / "docs" / "deep")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["verdict"] == "true"


def test_a_pyproject_without_tool_factcheck_adds_nothing(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert config_registry_paths(tmp_path) == []


def test_a_malformed_registries_setting_is_an_error(tmp_path):
    project = _project(tmp_path, "42")
    with pytest.raises(RegistryError) as info:
        config_registry_paths(project)
    assert "registries must be a list of strings" in str(info.value)
    assert info.value.problems[0].path == str(project / "pyproject.toml")
    done = factcheck("DeepSeek cost $6M", cwd=project)
    assert done.returncode == 2 and "registries must be a list of strings" in done.stderr


def test_a_file_named_twice_loads_once(tmp_path, monkeypatch):
    """Listed in pyproject.toml and passed with --registry (as `lint` does with its configuration): no clash."""
    project = _project(tmp_path, f'["{EXAMPLE.as_posix()}"]')
    monkeypatch.chdir(project)
    assert registry_paths([EXAMPLE]).count(EXAMPLE) == 1
    done = factcheck("--registry", str(EXAMPLE), "Python is named after the snake", cwd=project)
    assert done.returncode == 1, done.stderr


def test_load_order_is_builtin_then_pyproject_then_environment_then_options(tmp_path, monkeypatch):
    project = _project(tmp_path, '["a.yaml"]')
    monkeypatch.chdir(project)
    monkeypatch.setenv("FACTCHECK_REGISTRY", str(tmp_path / "b.yaml"))
    paths = registry_paths([tmp_path / "c.yaml"])
    assert [p.name for p in paths] == ["claims.yaml", "a.yaml", "b.yaml", "c.yaml"]


# -- merging and overriding ids ------------------------------------------------------------------------------

OVERRIDE = """\
version: 1
name: our-view
author: Our Desk
claims:
  - id: training-cost-6m
    verdict: "needs-context"
    claim: "DeepSeek built a model as good as GPT-4o and o1 for only $6 million."
    summary: "Our team's reading: the figure is real but covers V3's final run only."
    explanation: "We rate it needs-context for our readers. The figure is the final run's rented GPU time."
    phrasings: ["DeepSeek cost $6M."]
    citations:
      - source: seeds/note.txt
        quote: "The $5.6M covers the final training run only."
    as_of: "2025-03-01"
"""


@pytest.fixture
def team_folder(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "note.txt").write_text("Our note. The $5.6M covers the final training run only.\n",
                                                 encoding="utf-8")
    return tmp_path


def test_a_user_registry_cannot_silently_reuse_a_builtin_id(team_folder):
    (team_folder / "ours.yaml").write_text(OVERRIDE, encoding="utf-8")
    done = factcheck("--registry", str(team_folder / "ours.yaml"), "DeepSeek cost $6M")
    assert done.returncode == 2
    assert "training-cost-6m" in done.stderr and "override: true" in done.stderr


def test_override_true_replaces_the_builtin_claim(team_folder):
    (team_folder / "ours.yaml").write_text(OVERRIDE + "    override: true\n", encoding="utf-8")
    done = factcheck("claims", "show", "training-cost-6m", "--registry", str(team_folder / "ours.yaml"),
                     "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["verdict"] == "needs-context" and data["registry"] == str(team_folder / "ours.yaml")
    listed = factcheck("claims", "--registry", str(team_folder / "ours.yaml"), "--format", "json")
    ids = [row["id"] for row in json.loads(listed.stdout)]
    assert ids.count("training-cost-6m") == 1


# -- registry validate with no files: the built-in registry and the configured ones ----------------------------

def _validate(args: list[str], cwd: Path, capsys, monkeypatch) -> tuple[int, str, str]:
    from factcheck.cli import main

    monkeypatch.chdir(cwd)
    monkeypatch.delenv("FACTCHECK_REGISTRY", raising=False)
    code = main(["registry", "validate", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _builtin_count() -> int:
    from factcheck.registry import builtin_registry_path

    return len(load_registry_file(builtin_registry_path()).claims)


def test_registry_validate_without_files_also_validates_the_configured_registries(tmp_path, capsys, monkeypatch):
    project = _project(tmp_path, f'["{EXAMPLE.as_posix()}"]')
    code, out, _ = _validate([], project / "docs" / "deep", capsys, monkeypatch)
    assert code == 0 and out == f"ok: {_builtin_count() + 2} claims in 2 registry file(s)\n"
    code, out, _ = _validate(["--no-config"], project, capsys, monkeypatch)  # the built-in registry only
    assert code == 0 and out == f"ok: {_builtin_count()} claims in 1 registry file(s)\n"
    code, out, _ = _validate([str(EXAMPLE)], project, capsys, monkeypatch)  # named files: only those
    assert code == 0 and out == "ok: 2 claims in 1 registry file(s)\n"


def test_registry_validate_without_files_reports_a_broken_configured_registry(tmp_path, capsys, monkeypatch):
    project = _project(tmp_path, '["team/claims.yaml", "team/missing.yaml"]')
    (project / "team").mkdir()
    (project / "team" / "claims.yaml").write_text(
        EXAMPLE.read_text(encoding="utf-8").replace('verdict: "true"', 'verdict: "mostly-true"', 1), encoding="utf-8")
    code, out, _ = _validate([], project, capsys, monkeypatch)
    assert code == 1
    assert any(line.startswith(f"{project / 'team' / 'claims.yaml'}:") and "mostly-true" in line
               for line in out.splitlines()), out
    assert "missing.yaml" in out and out.splitlines()[-1].endswith("in 3 registry file(s)")
    code, out, _ = _validate(["--no-config"], project, capsys, monkeypatch)
    assert code == 0 and out.startswith("ok: ")


def test_registry_validate_without_files_names_each_configured_registry_once(tmp_path, capsys, monkeypatch):
    from factcheck.registry import builtin_registry_path

    project = _project(tmp_path, f'["{EXAMPLE.as_posix()}", "{EXAMPLE.as_posix()}", '
                                 f'"{builtin_registry_path().as_posix()}"]')
    code, out, _ = _validate([], project, capsys, monkeypatch)
    assert code == 0 and out == f"ok: {_builtin_count() + 2} claims in 2 registry file(s)\n"


def test_registry_validate_with_an_invalid_configuration_is_a_usage_error(tmp_path, capsys, monkeypatch):
    project = _project(tmp_path, "42")
    code, out, err = _validate([], project, capsys, monkeypatch)
    assert (code, out) == (2, "") and "registries must be a list of strings" in err
    other = tmp_path / "factcheck.toml"
    other.write_text(f'[tool.factcheck]\nregistries = ["{EXAMPLE.as_posix()}"]\n', encoding="utf-8")
    code, out, _ = _validate(["--config", str(other)], project, capsys, monkeypatch)
    assert code == 0 and out == f"ok: {_builtin_count() + 2} claims in 2 registry file(s)\n"


def test_registry_validate_help_says_it_includes_the_configured_registries(capsys):
    from factcheck.cli import main

    assert main(["registry", "validate", "--help"]) == 0
    out = " ".join(capsys.readouterr().out.replace("│", " ").split())
    assert "With no FILES: the built-in registry, then every file listed in `registries = [...]` under " \
           "[tool.factcheck]" in out
    assert "--no-config" in out


# -- lint a file with the example registry -------------------------------------------------------------------

def test_lint_a_file_with_the_example_registry(tmp_path):
    post = tmp_path / "post.md"
    post.write_text(textwrap.dedent("""\
        # Ten things about Python

        Python is named after the snake, which is why the logo shows two snakes.

        It is a popular language for teaching.
        """), encoding="utf-8")
    done = factcheck("lint", "--registry", str(EXAMPLE), str(post))
    if "not implemented" in done.stderr:
        pytest.skip("`factcheck lint` is not implemented yet (factcheck/commands/lint.py)")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "python-named-after-snake" in done.stdout
    assert "post.md" in done.stdout and ":3" in done.stdout


# -- a registry of one claim ------------------------------------------------------------------------------------

def test_a_registry_of_one_claim_still_reads_a_negation_of_it(make_registry):
    """With one claim every term is in every claim, so none may be set aside as common to the registry: the
    negation of the claim's own verb still denies it."""
    from factcheck.matcher import Matcher
    from factcheck.registry import load_registry

    registry = load_registry([make_registry()], builtin=False, use_env=False, use_config=False)
    matcher = Matcher(registry, stance_model=False)
    assert matcher.check("Acme Widgets was founded in 1999.").match.stance == "affirms"
    assert matcher.check("Acme Widgets was not founded in 1999.").match.stance == "denies"
