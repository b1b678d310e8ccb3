"""The curator report as one self-contained HTML page: no scripts, fonts or images from
anywhere, and every string people typed is escaped.

The page reads on a phone as well as on a desktop (a viewport, tables that wrap or scroll
inside their own box). The daily chart is drawn with plain HTML and CSS, so its labels stay
readable at any width, and its figures are also in a table under it: nothing hides in a
tooltip.
"""

from __future__ import annotations

from datetime import date, timedelta
from html import escape

from bot.curator.report import Report

#: a day's bar is never wider than this, so a single day is a bar, not a wall
MAX_BAR_PX = 48
#: up to this many days, every bar has its date under it; beyond, the first and the last do
LABEL_EVERY_DAY_UP_TO = 7

_STYLE = """
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,sans-serif;max-width:960px;margin:1.5em auto;padding:0 1em;
color:#222;-webkit-text-size-adjust:100%}
h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ddd}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%}td,th{padding:.3em .5em;border-bottom:1px solid #eee;
text-align:left;vertical-align:top;overflow-wrap:break-word}th{background:#f6f6f6}
.n{text-align:right;font-variant-numeric:tabular-nums}td.n,.daily td{white-space:nowrap}
.muted{color:#666;font-size:.9em}
tfoot td{font-weight:600;border-top:2px solid #ccc}table.daily{max-width:34em}
.chart{margin:1em 0 .5em}
.plot{display:flex;gap:.4em}
.yaxis{display:flex;flex-direction:column;justify-content:space-between;height:160px;
font-size:.8em;color:#666;text-align:right;min-width:2em;font-variant-numeric:tabular-nums}
.area{flex:1;min-width:0}
.bars{display:flex;align-items:flex-end;gap:2px;height:160px;border-bottom:1px solid #999;
background:linear-gradient(#eee 1px,transparent 1px) 0 0/100% 50%}
.day{flex:1 1 0;max-width:48px;min-width:1px;height:100%;display:flex;flex-direction:column;
justify-content:flex-end}
.ok{background:#3a8f5c}.no{background:#d9822b}
.labels{display:flex;gap:2px;font-size:.8em;color:#444;margin-top:.25em}
.labels span{flex:1 1 0;max-width:48px;text-align:center;white-space:nowrap}
.ends{display:flex;justify-content:space-between;font-size:.8em;color:#444;margin-top:.25em}
.legend{font-size:.9em;color:#444;margin:.6em 0 0}
.key{display:inline-block;width:.8em;height:.8em;margin:0 .3em 0 0;vertical-align:-.05em}
.legend .key+span{margin-right:1em}
@media (max-width:480px){body{padding:0 .7em;margin-top:1em}td,th{padding:.3em .35em}}
"""


def _table(headers: list[str], rows: list[list[str]], numeric: set[int] | None = None) -> str:
    if not rows:
        return '<p class="muted">None recorded.</p>'
    numeric = numeric or set()
    head = "".join(
        f"<th{' class=n' if i in numeric else ''}>{escape(h)}</th>" for i, h in enumerate(headers)
    )
    body = "".join("<tr>" + "".join(row) + "</tr>" for row in rows)
    return f'<div class="scroll"><table><thead><tr>{head}</tr></thead>{body}</table></div>'


def _td(text: object, numeric: bool = False) -> str:
    cls = ' class="n"' if numeric else ""
    return f"<td{cls}>{escape(str(text))}</td>"


def _entry(entry_id: str, questions: dict[str, str]) -> str:
    """An entry id, with its question under it when we know it."""
    question = questions.get(entry_id)
    extra = f'<br><span class="muted">{escape(question)}</span>' if question else ""
    return f"<td>{escape(entry_id)}{extra}</td>"


def _nearest(entry_id: str | None, score: float, questions: dict[str, str]) -> str:
    if not entry_id:
        return '<td class="muted">no entry came close</td>'
    question = questions.get(entry_id)
    extra = f'<br><span class="muted">{escape(question)}</span>' if question else ""
    return f"<td>{escape(entry_id)} ({score:.2f}){extra}</td>"


def _every_day(daily: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The days from the first to the last, days with no activity filled in as zeros, so the
    chart's time axis is even (the report lists only days with activity)."""
    try:
        known = {date.fromisoformat(day): (a, n) for day, a, n in daily}
    except ValueError:
        return daily
    first, last = min(known), max(known)
    out = []
    for i in range((last - first).days + 1):
        day = first + timedelta(days=i)
        answered, not_answered = known.get(day, (0, 0))
        out.append((day.isoformat(), answered, not_answered))
    return out


def _short(day: str) -> str:
    """'2026-11-28' -> '11-28' for the labels under the bars (the year is in the ends)."""
    return day[5:] if len(day) == 10 else day


def _chart(report: Report) -> str:
    if not report.daily:
        return '<p class="muted">No activity.</p>'
    days = _every_day(report.daily)
    peak = max(a + n for _, a, n in days) or 1
    bars = []
    for day, answered, not_answered in days:
        total = answered + not_answered
        tip = f"{day}: {answered} answered, {not_answered} not answered"
        # heights as shares of the tallest day; the orange part sits on top of the green
        bars.append(
            f'<div class="day" title="{escape(tip)}">'
            f'<div class="no" style="height:{100 * not_answered / peak:.2f}%"></div>'
            f'<div class="ok" style="height:{100 * answered / peak:.2f}%"></div>'
            f"</div>"
            if total
            else f'<div class="day" title="{escape(tip)}"></div>'
        )
    if len(days) == 1:
        labels = f'<div class="labels"><span>{escape(days[0][0])}</span></div>'
    elif len(days) <= LABEL_EVERY_DAY_UP_TO:
        labels = (
            '<div class="labels">'
            + "".join(f"<span>{escape(_short(d))}</span>" for d, _, _ in days)
            + "</div>"
        )
    else:
        labels = (
            f'<div class="ends"><span>{escape(days[0][0])}</span>'
            f"<span>{escape(days[-1][0])}</span></div>"
        )
    answered_total = sum(a for _, a, _ in days)
    not_total = sum(n for _, _, n in days)
    span = f"on {days[0][0]}" if len(days) == 1 else f"from {days[0][0]} to {days[-1][0]}"
    summary = escape(
        f"Answered and not answered per day, {span}: "
        f"{answered_total} answered, {not_total} not answered"
    )
    return (
        f'<figure class="chart" role="img" aria-label="{summary}" style="margin-left:0;'
        'margin-right:0"><div class="plot">'
        f'<div class="yaxis" aria-hidden="true"><span>{peak}</span>'
        f"<span>{peak / 2:g}</span><span>0</span></div>"
        f'<div class="area"><div class="bars">{"".join(bars)}</div>{labels}</div></div>'
        '<p class="legend"><span class="key ok"></span><span>answered</span>'
        '<span class="key no"></span><span>declined or asked back</span></p></figure>'
    )


def _daily_table(report: Report) -> str:
    """The chart's figures, one row per day with activity, and the totals."""
    if not report.daily:
        return ""
    rows = []
    for day, answered, not_answered in report.daily:
        total = answered + not_answered
        share = f"{100 * answered / total:.0f}%" if total else "-"
        rows.append(
            "<tr>"
            + _td(day)
            + _td(answered, True)
            + _td(not_answered, True)
            + _td(share, True)
            + "</tr>"
        )
    answered = sum(a for _, a, _ in report.daily)
    not_answered = sum(n for _, _, n in report.daily)
    total = answered + not_answered
    share = f"{100 * answered / total:.0f}%" if total else "-"
    return (
        '<div class="scroll"><table class="daily"><thead><tr><th>day</th>'
        '<th class="n">answered</th><th class="n">not answered</th>'
        '<th class="n" title="share of questions answered">%</th></tr></thead>'
        f'<tbody>{"".join(rows)}</tbody>'
        f"<tfoot><tr>{_td('all days')}{_td(answered, True)}{_td(not_answered, True)}"
        f"{_td(share, True)}</tr></tfoot></table></div>"
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
            _nearest(c.nearest_id, c.nearest_score, questions),
        ]
        for c in report.clusters
    ]
    picks = [[_td(n, True), _td(q), _entry(e, questions)] for q, e, n in report.picks]
    down = [[_entry(e, questions), _td(d, True), _td(u, True)] for e, d, u in report.downvoted]
    asked = [[_entry(e, questions), _td(n, True)] for e, n in report.most_asked]
    where = f" · guild {report.guild}" if report.guild else ""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Curator report since {escape(report.since)}</title><style>{_STYLE}</style></head><body>
<h1>Curator report</h1><p class="muted">Since {escape(report.since)}{escape(where)} ·
{report.unanswered_total} unanswered questions</p>
<h2>Answered and not answered per day</h2>{_chart(report)}{_daily_table(report)}
<h2>Unanswered questions, grouped</h2>
{_table(["count", "question (and other wordings)", "nearest entry"], clusters, {0})}
<h2>Suggestion picks: paste as alternates</h2>
{_table(["count", "question asked", "entry chosen"], picks, {0})}
<h2>Most 👎 (thumbs down)</h2>{_table(["entry", "👎 down", "👍 up"], down, {1, 2})}
<h2>Most asked</h2>{_table(["entry", "answers"], asked, {1})}
</body></html>
"""
