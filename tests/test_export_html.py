"""`factcheck export html`: one self-contained page; accessibility basics checked by parsing the HTML
(one h1, heading order, lang, badge contrast from the CSS, verdict as text), escaping, internal links."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from factcheck.cli import main
from factcheck.export import VERDICT_LABELS
from factcheck.export.html import BADGE_COLOURS, render
from factcheck.model import VERDICTS
from factcheck.registry import load_registry

from conftest import GOOD_CLAIM


@pytest.fixture(autouse=True)
def _no_env_registries(monkeypatch):
    monkeypatch.delenv("FACTCHECK_REGISTRY", raising=False)


class Page(HTMLParser):
    """The parts of a page the checks need: elements with attributes, headings, badges, text, links."""

    VOID = {"meta", "link", "br", "img", "hr", "input", "source", "wbr", "area", "base", "col", "embed", "track"}
    INLINE = {"a", "span", "time", "code", "cite", "strong", "em", "b", "i", "abbr", "small"}

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.headings: list[tuple[int, str]] = []
        self.badges: list[tuple[str, str]] = []  # (class list, text)
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.text_parts: list[str] = []
        self.style = ""
        self._stack: list[tuple[str, dict]] = []
        self._heading: list[str] | None = None
        self._badge: list[str] | None = None
        self._in_style = False
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag not in self.INLINE:
            self.text_parts.append(" ")  # block boundaries separate words, inline ones do not
        self.tags.append((tag, a))
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = []
            self._heading_level = int(tag[1])
        if tag == "span" and "badge" in a.get("class", "").split():
            self._badge = [a["class"]]
        if tag == "style":
            self._in_style = True
        if tag not in self.VOID:
            self._stack.append((tag, a))

    def handle_endtag(self, tag):
        if tag not in self.INLINE:
            self.text_parts.append(" ")
        if re.fullmatch(r"h[1-6]", tag) and self._heading is not None:
            self.headings.append((self._heading_level, "".join(self._heading).strip()))
            self._heading = None
        if tag == "span" and self._badge is not None:
            self.badges.append((self._badge[0], "".join(self._badge[1:])))
            self._badge = None
        if tag == "style":
            self._in_style = False
        while self._stack:
            if self._stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self._in_style:
            self.style += data
            return
        self.text_parts.append(data)
        if self._heading is not None:
            self._heading.append(data)
        if self._badge is not None:
            self._badge.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self.text_parts).split())


def relative_luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def css_rules(style: str) -> dict[str, dict[str, str]]:
    rules = {}
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", style):
        decls = dict((k.strip(), v.strip()) for k, v in (d.split(":", 1) for d in body.split(";") if ":" in d))
        for sel in selector.split(","):
            rules.setdefault(sel.strip(), {}).update(decls)
    return rules


@pytest.fixture(scope="module")
def builtin_registry():
    return load_registry(use_env=False, use_config=False)


@pytest.fixture(scope="module")
def builtin_html(builtin_registry) -> str:
    return render(builtin_registry)


@pytest.fixture(scope="module")
def page(builtin_html) -> Page:
    return Page(builtin_html)


# -- accessibility basics ------------------------------------------------------------------------------------

def test_the_page_has_a_lang_attribute_and_one_h1(page):
    html_tags = [a for t, a in page.tags if t == "html"]
    assert len(html_tags) == 1 and re.fullmatch(r"[a-z]{2}(-[A-Za-z]+)?", html_tags[0].get("lang", ""))
    assert [level for level, _ in page.headings].count(1) == 1
    assert page.headings[0][0] == 1


def test_headings_never_skip_a_level(page):
    levels = [level for level, _ in page.headings]
    for before, after in zip(levels, levels[1:]):
        assert after <= before + 1, f"heading h{before} followed by h{after}"
    assert all(text for _, text in page.headings), "empty heading"


def test_each_badge_says_its_verdict_in_words(page, builtin_registry):
    """The verdict is never conveyed by colour alone: every badge's text is its verdict's label."""
    assert page.badges
    for classes, text in page.badges:
        verdict = next(c[len("badge-"):] for c in classes.split() if c.startswith("badge-"))
        assert text == VERDICT_LABELS[verdict]
    # and each claim's article heading starts with its badge
    for claim in builtin_registry.claims:
        heading = next(t for lvl, t in page.headings if lvl == 3 and t.endswith(claim.claim))
        assert heading == f"{VERDICT_LABELS[claim.verdict]} {claim.claim}"


@pytest.mark.parametrize("verdict", VERDICTS)
def test_badge_colours_in_the_css_have_at_least_4_5_to_1_contrast(page, verdict):
    rule = css_rules(page.style)[f".badge-{verdict}"]
    fg, bg = rule["color"], rule["background"]
    assert (fg, bg) == BADGE_COLOURS[verdict]
    assert contrast(fg, bg) >= 4.5, f"{verdict}: {contrast(fg, bg):.2f}:1"


def test_body_text_and_links_have_enough_contrast(page):
    rules = css_rules(page.style)
    background = rules["body"]["background"]
    for selector in ("body", "a", ".muted"):
        assert contrast(rules[selector]["color"], background) >= 4.5, selector


def test_the_badge_colours_are_all_different(page):
    assert len(set(BADGE_COLOURS.values())) == len(VERDICTS)


# -- content -------------------------------------------------------------------------------------------------

def test_every_claim_is_on_the_page_with_badge_explanation_citations_and_dates(page, builtin_registry):
    text = page.text
    for claim in builtin_registry.claims:
        assert claim.id in page.ids
        assert " ".join(claim.explanation.split()) in text
        assert claim.summary in text
        assert f"Verdict as of {claim.as_of}" in text
        for cit in claim.citations:
            assert " ".join(cit.quote.split()) in text, (claim.id, cit.quote[:40])
            if cit.url:
                assert cit.url in page.hrefs


def test_there_is_an_index_by_verdict_and_by_tag(page, builtin_registry):
    headings = [t for _, t in page.headings]
    assert "By verdict" in headings and "By tag" in headings and "Claims by tag" in headings
    for verdict in {c.verdict for c in builtin_registry.claims}:
        assert f"#verdict_{verdict}" in page.hrefs
    for tag in {t for c in builtin_registry.claims for t in c.tags}:
        assert tag in headings


def test_ids_are_unique_and_every_internal_link_has_a_target(page):
    assert len(page.ids) == len(set(page.ids))
    targets = set(page.ids)
    for href in page.hrefs:
        if href.startswith("#"):
            assert href[1:] in targets, href


def test_the_page_is_self_contained_no_script_no_network(builtin_html, page):
    assert "<script" not in builtin_html.lower()
    assert not re.search(r"url\(|@import", page.style)
    for tag, attrs in page.tags:
        assert tag not in ("script", "iframe", "object", "embed", "img", "link", "video", "audio"), tag
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)  # no event-handler JavaScript
        assert "src" not in attrs
    csp = [a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0]


def test_the_page_is_deterministic(builtin_registry, builtin_html):
    assert render(builtin_registry) == builtin_html


def test_a_history_entry_appears_as_a_correction(page, builtin_registry):
    claim = next((c for c in builtin_registry.claims if c.history), None)
    if claim is None:
        pytest.skip("the built-in registry has no history entries")
    h = claim.history[-1]
    assert (f"{h.date}: changed from {VERDICT_LABELS[h.from_verdict]} to {VERDICT_LABELS[h.to_verdict]}: "
            f"{' '.join(h.reason.split())}") in page.text


# -- escaping ------------------------------------------------------------------------------------------------

HOSTILE = GOOD_CLAIM.replace(
    'claim: "Acme Widgets was founded in 1999."',
    'claim: "<script>alert(1)</script> Acme & Sons \\"founded\\" <b>1999</b>"',
).replace('explanation: "The company history says so."',
          "explanation: \"<img src=x onerror=alert(1)> It's true & the <i>deed</i> says so.\"") + (
    '    tags: ["<tag onclick=x>", "a&b"]\n')


def test_everything_from_the_registry_is_escaped(make_registry):
    registry = load_registry([make_registry(HOSTILE)], builtin=False, use_env=False, use_config=False)
    html = render(registry, title="<Title> & co")
    parsed = Page(html)
    assert "<script" not in html and "<img" not in html and "<b>" not in html and "<tag" not in html
    assert not any(t in ("script", "img", "b", "i", "tag") for t, _ in parsed.tags)
    text = parsed.text
    assert '<script>alert(1)</script> Acme & Sons "founded" <b>1999</b>' in text
    assert "<img src=x onerror=alert(1)> It's true & the <i>deed</i> says so." in text
    assert "<Title> & co" in [t for _, t in parsed.headings]
    assert "<tag onclick=x>" in [t for _, t in parsed.headings] and "a&b" in [t for _, t in parsed.headings]
    ids = parsed.ids
    assert len(ids) == len(set(ids)) and all(re.fullmatch(r"[A-Za-z0-9_-]+", i) for i in ids)


# -- the command ---------------------------------------------------------------------------------------------

def test_export_html_writes_index_html_into_the_folder(tmp_path, capsys):
    site = tmp_path / "site" / "deep"
    assert main(["export", "html", "-o", str(site), "--title", "DeepSeek myths"]) == 0
    err = capsys.readouterr().err
    page_text = (site / "index.html").read_text(encoding="utf-8")
    assert f"wrote {site / 'index.html'}" in err
    assert "<h1>DeepSeek myths</h1>" in page_text and page_text.startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]


def test_export_html_refuses_a_file_as_the_output_folder(tmp_path, capsys):
    target = tmp_path / "index.html"
    target.write_text("x", encoding="utf-8")
    assert main(["export", "html", "-o", str(target)]) == 2
    assert "is not a folder" in capsys.readouterr().err


def test_export_html_needs_an_output_folder(capsys):
    assert main(["export", "html"]) == 2


def test_export_html_includes_user_registries(tmp_path, capsys):
    example = Path(__file__).resolve().parents[1] / "examples" / "my-claims.yaml"
    assert main(["export", "html", "-o", str(tmp_path), "--registry", str(example)]) == 0
    parsed = Page((tmp_path / "index.html").read_text(encoding="utf-8"))
    assert "python-named-after-snake" in parsed.ids
    builtin_name = load_registry(use_env=False, use_config=False).metadata[0].name
    assert parsed.headings[0] == (1, f"Fact sheet: {builtin_name} + python-facts")
