"""The curator report as one self-contained HTML page: no scripts, fonts or images from
anywhere, and every string people typed is escaped."""

from __future__ import annotations

from html import escape

from bot.curator.report import Report

_STYLE = """
body{font:15px/1.45 system-ui,sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;width:100%}td,th{padding:.3em .5em;border-bottom:1px solid #eee;
text-align:left;vertical-align:top}.n{text-align:right;font-variant-numeric:tabular-nums}
.muted{color:#777;font-size:.9em}svg text{font-size:10px;fill:#555}
"""


def _table(headers: list[str], rows: list[list[str]]) -> str:
    if not rows:
        return '<p class="muted">None recorded.</p>'
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(rows_cell for rows_cell in row) + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def _td(text: object, numeric: bool = False) -> str:
    cls = ' class="n"' if numeric else ""
    return f"<td{cls}>{escape(str(text))}</td>"


def _chart(report: Report) -> str:
    if not report.daily:
        return '<p class="muted">No activity.</p>'
    width, height, gap = 900, 160, 2
    bar = max(2, (width - 40) // len(report.daily) - gap)
    peak = max(a + n for _, a, n in report.daily) or 1
    parts = [
        f'<svg width="{width}" height="{height + 30}" role="img" '
        'aria-label="answered and not answered per day">'
    ]
    for i, (day, answered, not_answered) in enumerate(report.daily):
        x = 30 + i * (bar + gap)
        h_a = round(height * answered / peak)
        h_n = round(height * not_answered / peak)
        parts.append(
            f'<rect x="{x}" y="{height - h_a}" width="{bar}" height="{h_a}" '
            f'fill="#4a7"><title>{escape(day)}: {answered} answered</title></rect>'
        )
        parts.append(
            f'<rect x="{x}" y="{height - h_a - h_n}" width="{bar}" height="{h_n}" '
            f'fill="#d84"><title>{escape(day)}: {not_answered} not answered</title>'
            "</rect>"
        )
    parts.append(f'<text x="30" y="{height + 20}">{escape(report.daily[0][0])}</text>')
    parts.append(f'<text x="{width - 80}" y="{height + 20}">{escape(report.daily[-1][0])}</text>')
    parts.append("</svg>")
    return "".join(parts) + (
        '<p class="muted">Green: answered. Orange: declined or asked back.</p>'
    )


def format_html(report: Report, questions: dict[str, str] | None = None) -> str:
    """The whole report as one HTML page (no scripts, everything people typed escaped)."""
    questions = questions or {}
    clusters = [
        [
            _td(c.count, True),
            "<td>"
            + escape(c.representative)
            + "".join(f'<br><span class="muted">also: {escape(e)}</span>' for e in c.examples[1:])
            + "</td>",
            _td(
                f"{c.nearest_id or '-'} ({c.nearest_score:.2f})"
                + (f": {questions[c.nearest_id]}" if c.nearest_id in questions else "")
            ),
        ]
        for c in report.clusters
    ]
    picks = [[_td(n, True), _td(q), _td(e)] for q, e, n in report.picks]
    down = [[_td(e), _td(d, True), _td(u, True)] for e, d, u in report.downvoted]
    asked = [[_td(e), _td(n, True)] for e, n in report.most_asked]
    where = f" · guild {report.guild}" if report.guild else ""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Curator report since {escape(report.since)}</title><style>{_STYLE}</style></head><body>
<h1>Curator report</h1><p class="muted">Since {escape(report.since)}{escape(where)} ·
{report.unanswered_total} unanswered questions</p>
<h2>Unanswered questions, grouped</h2>
{_table(["count", "question (and other wordings)", "nearest entry"], clusters)}
<h2>Suggestion picks: paste as alternates</h2>
{_table(["count", "question asked", "entry chosen"], picks)}
<h2>Most 👎</h2>{_table(["entry", "👎", "👍"], down)}
<h2>Most asked</h2>{_table(["entry", "answers"], asked)}
<h2>Answered and not answered per day</h2>{_chart(report)}
</body></html>
"""
