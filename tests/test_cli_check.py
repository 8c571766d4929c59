"""`factcheck "statement"`: text, JSON, --lines, no-match and exit codes."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from factcheck.cli import main


def run(argv, capsys, stdin: bytes | None = None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_a_misleading_claim_exits_1_and_explains_the_final_run_figure(capsys):
    code, out, _ = run(["DeepSeek cost $6M"], capsys)
    assert code == 1
    assert "training-cost-6m" in out and "MISLEADING" in out
    assert "5.576" in out or "5.58" in out or "5.6" in out


def test_denying_a_myth_is_consistent_and_exits_0(capsys):
    code, out, _ = run(["DeepSeek did not use PTX to bypass CUDA", "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 0
    assert data["match"]["id"] == "ptx-bypasses-cuda"
    assert data["match"]["stance"] == "denies"
    assert data["match"]["verdict"] == "false"


def test_a_direct_question_about_a_myth_gets_its_verdict_asks_and_exits_0(capsys):
    code, out, _ = run(["Did DeepSeek really spend only six million dollars to train its model?", "--format", "json"],
                       capsys)
    data = json.loads(out)
    assert code == 0
    assert data["match"]["id"] == "training-cost-6m"
    assert data["match"]["stance"] == "asks" and data["match"]["wrong"] is False


def test_json_has_the_documented_fields(capsys):
    _, out, _ = run(["DeepSeek cost $6M", "--format", "json"], capsys)
    data = json.loads(out)
    assert set(data) >= {"input", "match", "alternatives"}
    assert set(data["match"]) >= {"id", "claim", "verdict", "stance", "score", "summary", "explanation",
                                  "citations", "conflicts"}
    assert 0 <= data["match"]["score"] <= 100
    for cit in data["match"]["citations"]:
        assert "quote" in cit and ("source" in cit or "url" in cit)


def test_no_match_says_so_and_exits_0(capsys):
    code, out, _ = run(["My cat prefers the blue blanket on Sundays.", "--format", "text"], capsys)
    assert code == 0
    assert "No matching claim" in out


def test_no_match_json_has_null_match(capsys):
    _, out, _ = run(["The bakery opens at 7 am.", "--format", "json"], capsys)
    assert json.loads(out)["match"] is None


def test_lines_jsonl_prints_one_object_per_nonempty_line_in_order(capsys, monkeypatch):
    stdin = "DeepSeek cost $6M\n\nThe bakery opens at 7 am.\nDeepSeek did not use PTX to bypass CUDA\n".encode()
    code, out, _ = run(["--lines", "--format", "jsonl"], capsys, stdin, monkeypatch)
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["input"] for r in rows] == ["DeepSeek cost $6M", "The bakery opens at 7 am.",
                                          "DeepSeek did not use PTX to bypass CUDA"]
    assert rows[1]["match"] is None
    assert code == 1  # the first line asserts a misleading claim


def test_empty_statement_is_a_usage_error(capsys):
    code, _, err = run(["check", "   "], capsys)
    assert code == 2 and err.startswith("factcheck: error:") and err.count("\n") == 1


def test_unknown_option_is_a_usage_error(capsys):
    code, _, err = run(["DeepSeek cost $6M", "--bogus"], capsys)
    assert code == 2 and "Traceback" not in err


def test_empty_lines_input_is_a_usage_error(capsys, monkeypatch):
    code, _, err = run(["--lines"], capsys, b"\n\n", monkeypatch)
    assert code == 2 and "no statements" in err


def test_invalid_utf8_on_stdin_names_the_byte_offset(capsys, monkeypatch):
    code, _, err = run(["--lines"], capsys, b"ok line\n\xff\xfe bad\n", monkeypatch)
    assert code == 2 and "invalid UTF-8 at byte 8" in err


def test_a_broken_user_registry_is_a_one_line_usage_error(capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("claims: [\n", encoding="utf-8")
    code, _, err = run(["--registry", str(bad), "DeepSeek cost $6M"], capsys)
    assert code == 2 and str(bad) in err and "Traceback" not in err


def test_text_output_shows_citations_with_quotes(capsys):
    _, out, _ = run(["DeepSeek cost $6M", "--format", "text"], capsys)
    assert "Citations:" in out and "\u201c" in out


def test_explain_shows_the_phrasing_shared_terms_figures_and_stance_cue(capsys):
    _, out, _ = run(["DeepSeek cost $6M", "--explain", "--format", "text"], capsys)
    assert "closest phrasing:" in out and "shared rare terms:" in out and "figures: $6m = 6,000,000 usd" in out.lower()
    assert "stance cue:" in out


def test_claims_json_lists_every_claim_with_id_verdict_claim_summary(capsys):
    code, out, _ = run(["claims", "--format", "json"], capsys)
    rows = json.loads(out)
    assert code == 0 and len(rows) >= 113
    assert all({"id", "verdict", "claim", "summary"} <= set(r) for r in rows)


def test_claims_show_prints_one_claim_in_full(capsys):
    code, out, _ = run(["claims", "show", "mit-license"], capsys)
    assert code == 0 and "mit-license" in out and "Citations:" in out


def test_registry_validate_passes_on_the_builtin_registry(capsys):
    code, out, _ = run(["registry", "validate"], capsys)
    assert code == 0 and out.startswith("ok:")


def test_python_dash_m_runs_the_cli():
    proc = subprocess.run([sys.executable, "-m", "factcheck", "DeepSeek cost $6M", "--format", "json"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["match"]["id"] == "training-cost-6m"


def test_non_tty_output_has_no_ansi_colour():
    proc = subprocess.run([sys.executable, "-m", "factcheck", "DeepSeek cost $6M"], capture_output=True,
                          text=True, timeout=60)
    assert "\x1b[" not in proc.stdout


@pytest.mark.parametrize("argv,expected", [
    (["DeepSeek cost $6M"], ["check", "DeepSeek cost $6M"]),
    (["--format", "json", "claims"], ["claims", "--format", "json"]),
    (["--registry", "x.yaml", "claims"], ["claims", "--registry", "x.yaml"]),
    (["-f", "json", "R1 is MIT licensed"], ["check", "-f", "json", "R1 is MIT licensed"]),
    (["lint", "docs"], ["lint", "docs"]),
])
def test_statement_sugar_and_options_before_commands(argv, expected):
    from factcheck.cli import _rewrite_argv

    assert _rewrite_argv(argv) == expected
