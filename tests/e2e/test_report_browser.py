"""The curator report's HTML page in a real browser (headless Chromium), phone and desktop.

Each page is screenshotted into build/screenshots/ for people to look at, and measured in the
browser: no sideways scrolling, bars no wider than MAX_BAR_PX, the daily table under the
chart, labels at a readable size. The page itself has no scripts: the measuring script is
added to a copy, for the test only.

Skipped with a reason where Chromium is missing; .ci/run installs it (Debian's chromium).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
import tempfile
from datetime import date, timedelta
from html import escape
from pathlib import Path

import pytest

from bot.curator.html import MAX_BAR_PX, format_html
from bot.curator.report import Cluster, Report
from tests.paths import ROOT

BROWSER = next(
    (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None
)
# skipped where Chromium is missing, except in CI (CI=true), which installs it: there it fails
pytestmark = pytest.mark.skipif(
    BROWSER is None and not os.environ.get("CI"), reason="Chromium is not installed"
)
SHOTS = ROOT / "build" / "screenshots"
WIDTHS = (375, 1280)
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)
QUESTIONS = {
    "ccm-what": "What is the Convention on Cluster Munitions (CCM)?",
    "cambodia-ccm-status": "Is Cambodia a party to the CCM?",
}

MEASURE = """<script>
addEventListener('load', () => {
  const box = (el) => el.getBoundingClientRect();
  const bars = [...document.querySelectorAll('.day')].map((d) => box(d).width);
  const chart = document.querySelector('.chart'), table = document.querySelector('table.daily');
  const label = document.querySelector('.labels span, .ends span');
  parent.document.title = JSON.stringify({
    overflow: document.documentElement.scrollWidth - innerWidth,
    width: innerWidth,
    bars: bars.length, widest: Math.max(...bars),
    chartBottom: box(chart).bottom, tableTop: table ? box(table).top : -1,
    tableRows: table ? table.tBodies[0].rows.length : 0,
    tableOverflow: table ? table.parentElement.scrollWidth - table.parentElement.clientWidth : 0,
    labelPx: parseFloat(getComputedStyle(label).fontSize),
    labels: [...document.querySelectorAll('.labels span, .ends span')].map((s) => s.textContent),
  });
});
</script>"""


def one_day() -> Report:
    return Report(
        since="2026-11-01",
        guild=None,
        unanswered_total=4,
        clusters=[
            Cluster(
                "how do i volunteer as a deminer in cambodia",
                3,
                [
                    "how do i volunteer as a deminer in cambodia",
                    "can i volunteer as a deminer in cambodia",
                    "volunteering as a deminer in cambodia how",
                ],
                "cambodia-ccm-status",
                0.51,
            ),
            Cluster("what is the weather in phnom penh today", 1, ["x"], None, 0.0),
        ],
        picks=[("is cambo in the cluster treaty", "cambodia-ccm-status", 2)],
        downvoted=[("ccm-what", 1, 3)],
        most_asked=[("ccm-what", 12), ("cambodia-ccm-status", 4)],
        daily=[("2026-12-01", 16, 4)],
    )


def thirty_days() -> Report:
    start = date(2026, 11, 1)
    daily = [
        ((start + timedelta(days=i)).isoformat(), (i * 7) % 23, (i * 5) % 9)
        for i in range(30)
        if i % 6 != 3  # some days have no activity at all
    ]
    report = one_day()
    report.daily = daily
    return report


def browser(*args: str) -> subprocess.CompletedProcess[str]:
    assert BROWSER is not None, "Chromium is not installed (.ci/run installs Debian's chromium)"
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [BROWSER, *FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            text=True,
            timeout=90,
            check=False,
        )


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("name, report", [("one-day", one_day()), ("thirty-days", thirty_days())])
@pytest.mark.parametrize("width", WIDTHS)
def test_report_page_at_phone_and_desktop_widths(
    name: str, report: Report, width: int, tmp_path: Path
) -> None:
    page = format_html(report, QUESTIONS)
    assert "<script" not in page.lower()
    SHOTS.mkdir(parents=True, exist_ok=True)
    html = SHOTS / f"report-{name}.html"
    html.write_text(page, encoding="utf-8")
    shot = SHOTS / f"report-{name}-{width}.png"
    shot.unlink(missing_ok=True)
    done = browser(f"--screenshot={shot}", f"--window-size={width},1400", html.as_uri())
    assert shot.exists(), done.stderr[-2000:]
    assert png_size(shot) == (width, 1400)

    # headless Chromium's window is at least 500 px wide for --dump-dom, so the page is
    # measured inside a frame exactly `width` px wide (a frame's width is its viewport)
    inner = escape(page.replace("</body>", MEASURE + "</body>"), quote=True)
    measured = tmp_path / "measured.html"
    measured.write_text(
        '<!doctype html><html><head><title></title></head><body style="margin:0">'
        f'<iframe srcdoc="{inner}" style="border:0;width:{width}px;height:1400px"></iframe>'
        "</body></html>",
        encoding="utf-8",
    )
    done = browser("--dump-dom", f"--window-size={width},1400", measured.as_uri())
    title = re.search(r"<title>(.*?)</title>", done.stdout, re.S)
    assert title and title.group(1).startswith("{"), done.stdout[:500] + done.stderr[-2000:]
    m = json.loads(title.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    assert m["width"] == width
    assert m["overflow"] <= 0, f"the page scrolls sideways by {m['overflow']} px"
    days = (date.fromisoformat(report.daily[-1][0]) - date.fromisoformat(report.daily[0][0])).days
    assert m["bars"] == days + 1  # days with no activity are on the axis too
    assert 0 < m["widest"] <= MAX_BAR_PX
    assert m["tableTop"] > m["chartBottom"] and m["tableRows"] == len(report.daily)
    assert m["tableOverflow"] <= 0, "the daily table needs sideways scrolling"
    assert m["labelPx"] >= 11
    assert len(m["labels"]) == len(set(m["labels"])), f"a date is printed twice: {m['labels']}"
    if len(report.daily) == 1:
        assert m["labels"] == [report.daily[0][0]]
