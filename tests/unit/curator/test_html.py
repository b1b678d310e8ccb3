"""The curator page's layout: viewport, chart, the daily table, the nearest-entry column.

The page in a real browser, at phone and desktop widths: tests/e2e/test_report_browser.py.
"""

from __future__ import annotations

import re

from bot.curator.html import format_html
from bot.curator.report import Cluster, Report


def report(daily: list[tuple[str, int, int]]) -> Report:
    return Report(
        since="2026-11-01",
        guild=None,
        unanswered_total=2,
        clusters=[
            Cluster("what is the weather", 1, ["what is the weather"], None, 0.0),
            Cluster("is cambo in the ccm", 1, ["is cambo in the ccm"], "cambodia-ccm-status", 0.61),
        ],
        daily=daily,
    )


def test_a_phone_gets_a_viewport() -> None:
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in format_html(
        report([])
    )


def test_no_placeholder_where_there_is_no_nearest_entry() -> None:
    page = format_html(report([]), {"cambodia-ccm-status": "Is Cambodia a party to the CCM?"})
    assert "- (0.00)" not in page and "no entry came close" in page
    assert "cambodia-ccm-status (0.61)" in page and "Is Cambodia a party to the CCM?" in page


def test_one_day_is_one_bar_with_its_date_once_and_a_table() -> None:
    page = format_html(report([("2026-12-01", 16, 4)]))
    assert page.count('class="day"') == 1
    chart = page[page.index("<figure") : page.index("</figure>")]
    visible = re.sub(r"<[^>]+>", " ", chart)  # tags (and so tooltips, aria labels) removed
    assert visible.count("2026-12-01") == 1
    table = page.split('<table class="daily">', 1)[1].split("</table>", 1)[0]
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", table)
    assert cells == ["2026-12-01", "16", "4", "80%", "all days", "16", "4", "80%"]


def test_days_without_activity_stay_on_the_axis_but_not_in_the_table() -> None:
    page = format_html(report([("2026-11-28", 1, 0), ("2026-12-01", 0, 2)]))
    assert page.count('class="day"') == 4  # 28, 29, 30 Nov and 1 Dec
    table = page.split('<table class="daily">', 1)[1]
    assert "2026-11-29" not in table and "2026-11-28" in table and "2026-12-01" in table
    assert "0%" in table and "100%" in table


def test_no_activity() -> None:
    page = format_html(report([]))
    assert "No activity." in page and '<table class="daily">' not in page
