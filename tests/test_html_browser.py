"""The HTML fact sheet in a real browser: headless Chromium loads the page from disk, the rendered DOM holds
every claim, badge and citation, and a screenshot shows the badges painted in their colours.

Needs Debian's `chromium` package (`.ci/run` installs it); without a Chromium binary the tests skip.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from factcheck.export import VERDICT_LABELS
from factcheck.export.html import BADGE_COLOURS, render
from factcheck.registry import load_registry

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM = next((found for name in BROWSERS if (found := shutil.which(name))), None)

pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no Chromium binary on PATH (looked for chromium, chromium-browser, google-chrome); "
           "install it with `apt-get install chromium` to run the browser test (.ci/run does)",
)

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--force-color-profile=srgb"]


def chromium(args: list[str], tmp: Path) -> subprocess.CompletedProcess:
    profile = tmp / "profile"
    profile.mkdir(exist_ok=True)
    env = {**os.environ, "HOME": str(tmp)}  # keep Chromium's crash and config files out of the real home
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True,
                          text=True, timeout=180, env=env)


@pytest.fixture(scope="module")
def registry():
    return load_registry(use_env=False, use_config=False)


@pytest.fixture(scope="module")
def site(registry, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    (folder / "index.html").write_text(render(registry), encoding="utf-8")
    return folder


class DomText(HTMLParser):
    """Ids, badge texts and visible-ish text of the DOM Chromium dumps."""

    INLINE = {"a", "span", "time", "code", "cite", "strong", "em", "b", "i"}

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.badges: list[tuple[str, str]] = []
        self.parts: list[str] = []
        self._badge: list[str] | None = None
        self._skip = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag in ("style", "title"):
            self._skip += 1
        if tag == "span" and "badge" in (a.get("class") or "").split():
            self._badge = [a["class"]]
        if tag not in self.INLINE:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in ("style", "title"):
            self._skip -= 1
        if tag == "span" and self._badge is not None:
            self.badges.append((self._badge[0], "".join(self._badge[1:])))
            self._badge = None
        if tag not in self.INLINE:
            self.parts.append(" ")

    def handle_data(self, data):
        if self._skip:
            return
        self.parts.append(data)
        if self._badge is not None:
            self._badge.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self.parts).split())


def test_chromium_renders_every_claim_badge_and_citation(site, registry, tmp_path):
    done = chromium(["--dump-dom", (site / "index.html").as_uri()], tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    dom = DomText(done.stdout)
    assert dom.ids, "Chromium returned an empty DOM"
    text = dom.text
    for claim in registry.claims:
        assert claim.id in dom.ids, claim.id
        assert f"{VERDICT_LABELS[claim.verdict]} {claim.claim}" in text, claim.id
        for cit in claim.citations:
            assert " ".join(cit.quote.split()) in text, (claim.id, cit.quote[:50])
    for classes, label in dom.badges:
        verdict = next(c[len("badge-"):] for c in classes.split() if c.startswith("badge-"))
        assert label == VERDICT_LABELS[verdict]
    assert "By verdict" in text and "By tag" in text


# -- screenshot ----------------------------------------------------------------------------------------------

def read_png(path: Path) -> tuple[int, int, list[bytes]]:
    """(width, height, rows of RGB(A) bytes) of an 8-bit, non-interlaced RGB or RGBA PNG."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, header
    bpp = 3 if colour == 2 else 4
    raw, stride, rows, prev = zlib.decompress(idat), width * bpp, [], bytes(width * bpp)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + b) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(bytes(line))
        prev = bytes(line)
    return width, height, [bytes(r[i] for i in range(len(r)) if i % bpp < 3) for r in rows]


def test_chromium_screenshot_shows_the_page_with_coloured_badges(site, registry, tmp_path):
    shot = tmp_path / "shot.png"
    done = chromium([f"--screenshot={shot}", "--window-size=1280,2000", (site / "index.html").as_uri()], tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert shot.is_file() and shot.stat().st_size > 20_000, "the screenshot is missing or nearly empty"
    width, height, rows = read_png(shot)
    assert (width, height) == (1280, 2000)
    pixels = {row[i:i + 3] for row in rows[::2] for i in range(0, len(row), 6)}
    assert len(pixels) > 50, "the screenshot is (nearly) one colour"
    # the index at the top shows one badge per verdict in use, painted in its background colour
    for verdict in {c.verdict for c in registry.claims}:
        bg = bytes(int(BADGE_COLOURS[verdict][1][i:i + 2], 16) for i in (1, 3, 5))
        assert any(all(abs(p[k] - bg[k]) <= 6 for k in range(3)) for p in pixels), \
            f"no {verdict} badge colour {BADGE_COLOURS[verdict][1]} in the screenshot"
