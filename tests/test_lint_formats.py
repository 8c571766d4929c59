"""Every lint output format rendered from one fixed report: exact text, GitHub syntax, JSON, SARIF schema."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from factcheck.formats import use_color
from factcheck.formats.lint_formats import LINT_FORMATS, renderer, resolve_lint_format
from factcheck.model import Citation, Claim, Finding, LintReport, SkippedInput

DATA = Path(__file__).parent / "data" / "lint"

COST = Claim(id="cost-6m", verdict="misleading", claim="DeepSeek built V3 for $6M.",
             summary="The ~$6M is the final run only, 100% of nothing else: no research, no hardware.",
             explanation="The V3 report prices the final run only.", phrasings=(),
             citations=(Citation(quote="2.788M H800 GPU hours", url="https://example.org/v3", title="V3 report"),),
             as_of="2025-02-01", tags=("cost",))
PTX = Claim(id="ptx-bypass", verdict="false", claim="DeepSeek used PTX to bypass CUDA.",
            summary="PTX is part of CUDA.", explanation="PTX is NVIDIA's own layer.", phrasings=(),
            citations=(Citation(quote="PTX is a virtual ISA", source="seeds/ptx.txt"),), as_of="2025-02-01")


def finding(path, line, column, end_line, end_column, sentence, claim, stance="affirms", failing=True):
    return Finding(path=path, line=line, column=column, end_line=end_line, end_column=end_column,
                   sentence=sentence, claim=claim, stance=stance, score=91.5, failing=failing,
                   highlights=((0, 8),))


REPORT = LintReport(
    findings=(
        finding("docs/post.md", 3, 5, 3, 31, "DeepSeek built V3 for $6M.", COST),
        finding("docs/post.md", 9, 1, 10, 12, "DeepSeek used PTX, a layer, to bypass CUDA.", PTX),
        finding("<stdin>", 1, 1, 1, 45, "It is a myth that DeepSeek used PTX to bypass CUDA.", PTX,
                stance="denies", failing=False),
    ),
    files=2,
    skipped=(SkippedInput("img.md", "binary file (NUL byte at byte 3); not linted"),),
    fail_on="misleading",
    total_findings=3,
)


def test_text_format_is_path_line_col_verdict_id_summary():
    """One grep-able line per finding; denials say so."""
    assert renderer("text").render(REPORT) == (
        "docs/post.md:3:5: misleading cost-6m: The ~$6M is the final run only, 100% of nothing else: no research, "
        "no hardware.\n"
        "docs/post.md:9:1: false ptx-bypass: PTX is part of CUDA.\n"
        "<stdin>:1:1: false ptx-bypass (denied): PTX is part of CUDA.\n"
    )


def test_summary_line_counts_findings_failures_and_skipped_files():
    """The stderr summary says how many findings fail and how many files were skipped."""
    from factcheck.formats.lint_text import summary_line

    assert summary_line(REPORT) == ("3 findings (2 failing at --fail-on misleading) in 2 files; "
                                    "1 file skipped (see the errors above)")
    assert summary_line(LintReport(findings=(), files=1)) == "no findings in 1 file"


def test_github_format_follows_the_workflow_command_syntax():
    """::error for failing findings, ::notice otherwise; properties and messages escaped; columns on one line."""
    assert renderer("github").render(REPORT).splitlines() == [
        "::error file=docs/post.md,line=3,endLine=3,col=5,endColumn=30,title=factcheck%3A misleading (cost-6m)::"
        "This sentence affirms a claim rated misleading: The ~$6M is the final run only, 100%25 of nothing else: "
        "no research, no hardware.%0ASource: https://example.org/v3",
        "::error file=docs/post.md,line=9,endLine=10,title=factcheck%3A false (ptx-bypass)::"
        "This sentence affirms a claim rated false: PTX is part of CUDA.%0ASource: seeds/ptx.txt",
        "::notice file=<stdin>,line=1,endLine=1,col=1,endColumn=44,title=factcheck%3A false (ptx-bypass)::"
        "This sentence denies a claim rated false: PTX is part of CUDA.%0ASource: seeds/ptx.txt",
    ]


def test_github_properties_escape_commas_and_colons():
    """A path with a comma or colon cannot break the property list."""
    from factcheck.formats.lint_github import escape_property

    assert escape_property("a,b:c%d\ne") == "a%2Cb%3Ac%25d%0Ae"


def test_json_document_is_versioned_and_complete():
    """The JSON object has schema_version, tool, fail_on, summary, findings and skipped inputs."""
    data = json.loads(renderer("json").render(REPORT, version="9.9"))
    assert data["schema_version"] == 1
    assert data["tool"] == {"name": "factcheck", "version": "9.9"}
    assert data["summary"] == {"files": 2, "skipped": 1, "findings": 3, "shown": 3, "failing": 2}
    assert data["skipped"] == [{"path": "img.md", "reason": "binary file (NUL byte at byte 3); not linted"}]
    first = data["findings"][0]
    assert first == {
        "path": "docs/post.md", "line": 3, "column": 5, "end_line": 3, "end_column": 31,
        "sentence": "DeepSeek built V3 for $6M.", "claim_id": "cost-6m", "claim": "DeepSeek built V3 for $6M.",
        "verdict": "misleading", "stance": "affirms", "assessment": "wrong", "failing": True, "score": 91.5,
        "summary": COST.summary,
        "citations": [{"url": "https://example.org/v3", "title": "V3 report", "quote": "2.788M H800 GPU hours"}],
        "conflicts": [], "highlights": [[0, 8]],
    }
    assert data["findings"][2]["assessment"] == "consistent"


@pytest.fixture(scope="module")
def sarif_validator():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def test_sarif_validates_against_the_official_schema(sarif_validator):
    """The SARIF log passes the OASIS SARIF 2.1.0 JSON schema (vendored in tests/data/lint)."""
    log = json.loads(renderer("sarif").render(REPORT, version="0.1.0", base_uri="file:///work/repo/"))
    errors = sorted(sarif_validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert [f"{list(e.absolute_path)}: {e.message}" for e in errors] == []


def test_sarif_has_one_rule_per_claim_and_exact_regions():
    """Rules are the claims (help text with citations); results carry 1-based regions and rule indexes."""
    log = json.loads(renderer("sarif").render(REPORT, version="0.1.0", base_uri="file:///work/repo/"))
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-schema-2.1.0.json")
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["cost-6m", "ptx-bypass"]
    assert rules[0]["fullDescription"]["text"] == COST.summary
    assert "V3 report <https://example.org/v3>" in rules[0]["help"]["text"]
    assert "\u201c2.788M H800 GPU hours\u201d" in rules[0]["help"]["text"]
    assert rules[0]["helpUri"] == "https://example.org/v3"
    results = run["results"]
    assert [(r["ruleId"], r["ruleIndex"], r["level"]) for r in results] == [
        ("cost-6m", 0, "error"), ("ptx-bypass", 1, "error"), ("ptx-bypass", 1, "note")]
    location = results[1]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "docs/post.md", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 9, "startColumn": 1, "endLine": 10, "endColumn": 12,
                                  "snippet": {"text": "DeepSeek used PTX, a layer, to bypass CUDA."}}
    assert results[2]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "%3Cstdin%3E"
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": "file:///work/repo/"}}
    assert run["invocations"][0]["executionSuccessful"] is False
    assert run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"].startswith("img.md: binary")


def test_sarif_absolute_paths_are_file_uris():
    """Absolute paths become file: URIs, percent-encoded."""
    from factcheck.formats.lint_sarif import artifact_location

    assert artifact_location("/tmp/my post.md") == {"uri": "file:///tmp/my%20post.md"}
    assert artifact_location("./a/b.md") == {"uri": "a/b.md", "uriBaseId": "%SRCROOT%"}


def test_empty_reports_render_documents_for_machine_formats(sarif_validator):
    """JSON and SARIF print a document even with nothing found; text and github print nothing."""
    empty = LintReport(findings=(), files=1)
    assert renderer("text").render(empty) == ""
    assert renderer("github").render(empty) == ""
    assert json.loads(renderer("json").render(empty))["findings"] == []
    log = json.loads(renderer("sarif").render(empty))
    assert list(sarif_validator.iter_errors(log)) == []


def test_rich_format_groups_by_file_with_badge_summary_and_citation():
    """The terminal layout: a rule per file, position, verdict badge, sentence, summary, one citation."""
    from rich.console import Console

    out = io.StringIO()
    console = Console(file=out, width=100, color_system=None, legacy_windows=False)
    renderer("rich").render(REPORT, console)
    text = out.getvalue()
    assert text.index("docs/post.md") < text.index("3:5") < text.index("<stdin>")
    assert "MISLEADING" in text and "cost-6m" in text
    assert "\u201cDeepSeek built V3 for $6M.\u201d" in text
    assert "Source: V3 report <https://example.org/v3>" in text
    assert "denied" in text and "(not failing)" in text


def test_rich_highlights_the_matched_words():
    """The words the claim shares are styled in the sentence."""
    from factcheck.formats.lint_rich import _sentence

    styled = _sentence(REPORT.findings[0])
    assert any(span.start == 1 and span.end == 9 and "underline" in str(span.style) for span in styled.spans)


def test_every_format_renders():
    """Each named format has a module that renders the shared report."""
    from rich.console import Console

    for name in LINT_FORMATS:
        if name == "auto":
            continue
        module = renderer(name)
        if name == "rich":
            module.render(REPORT, Console(file=io.StringIO()))
        else:
            assert module.render(REPORT)


@pytest.mark.parametrize("env, isatty, expected", [
    ({"GITHUB_ACTIONS": "true"}, True, "github"),
    ({"GITHUB_ACTIONS": "true"}, False, "github"),
    ({}, True, "rich"),
    ({}, False, "text"),
    ({"GITHUB_ACTIONS": "false"}, False, "text"),
])
def test_auto_format_resolution(env, isatty, expected):
    """auto: github under GitHub Actions, rich on a terminal, text otherwise."""
    assert resolve_lint_format("auto", env, isatty) == expected
    assert resolve_lint_format("json", env, isatty) == "json"


def test_no_color_turns_colour_off_even_on_a_terminal(monkeypatch):
    """NO_COLOR wins over a terminal."""

    class Tty(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_color(Tty()) is True
    monkeypatch.setenv("NO_COLOR", "1")
    assert use_color(Tty()) is False
