"""`python -m bot report`: what curators need to see, from the curator store.

Unanswered questions are grouped into clusters of near-duplicates (rapidfuzz), each with its
count, example wordings and the entry the bot found nearest; suggestion picks (question asked
-> entry chosen) are ready to paste as alternates; then the entries with the most 👎, the
most-asked entries and answered vs declined per day.
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from bot.curator.store import DAY, connect, migrate

#: near-duplicate threshold (token_set_ratio): word order and extra small words don't matter
CLUSTER_SIMILARITY = 72.0
#: only the most frequent distinct questions are clustered; the long tail is counted
MAX_DISTINCT = 3000
TOP = 20


@dataclass
class Cluster:
    """Near-duplicate unanswered questions, with the entry the bot found nearest."""
    representative: str
    count: int
    examples: list[str]
    nearest_id: str | None
    nearest_score: float


@dataclass
class Report:
    """Everything `python -m bot report` shows, ready for text, JSON or HTML."""
    since: str
    guild: int | None
    unanswered_total: int = 0
    clusters: list[Cluster] = field(default_factory=list)
    picks: list[tuple[str, str, int]] = field(default_factory=list)
    downvoted: list[tuple[str, int, int]] = field(default_factory=list)  # id, down, up
    most_asked: list[tuple[str, int]] = field(default_factory=list)
    daily: list[tuple[str, int, int]] = field(default_factory=list)  # day, answered, not

    def as_json(self) -> dict[str, Any]:
        """The report as plain data for `report --json`."""
        return asdict(self)


def parse_since(text: str | None, today: date | None = None) -> date:
    """`30` (days back) or `2026-11-01`; default 30 days."""
    today = today or datetime.now(UTC).date()
    if not text:
        return today - timedelta(days=30)
    if text.isdigit():
        return today - timedelta(days=int(text))
    return date.fromisoformat(text)


def cluster_questions(counts: Counter[str]) -> list[tuple[str, int, list[str]]]:
    """Greedy clustering, most frequent first: a question joins the first representative it
    is a near-duplicate of, or starts a cluster. (representative, total, wordings)."""
    reps: list[str] = []
    members: list[list[tuple[str, int]]] = []
    for question, count in counts.most_common(MAX_DISTINCT):
        hit = (
            process.extractOne(
                question, reps, scorer=fuzz.token_set_ratio, score_cutoff=CLUSTER_SIMILARITY
            )
            if reps
            else None
        )
        if hit is None:
            reps.append(question)
            members.append([(question, count)])
        else:
            members[hit[2]].append((question, count))
    out = [(reps[i], sum(c for _, c in m), [q for q, _ in m]) for i, m in enumerate(members)]
    return sorted(out, key=lambda c: (-c[1], c[0]))


def build_report(db_path: Path, since: date, guild: int | None = None) -> Report:
    """Read the store (never write it) and assemble the report since `since`."""
    report = Report(since=since.isoformat(), guild=guild)
    if not db_path.exists():
        return report
    db = connect(db_path)
    try:
        migrate(db)
        return _fill(db, report, since, guild)
    finally:
        db.close()


def _fill(db: sqlite3.Connection, report: Report, since: date, guild: int | None) -> Report:
    since_ts = int(datetime(since.year, since.month, since.day, tzinfo=UTC).timestamp())
    since_day = since_ts // DAY
    where, args = "ts >= ?", [since_ts]
    if guild is not None:
        where += " AND guild_id = ?"
        args.append(guild)

    counts: Counter[str] = Counter()
    nearest: dict[str, Counter[str]] = defaultdict(Counter)
    scores: dict[str, list[float]] = defaultdict(list)
    per_day_unanswered: Counter[int] = Counter()
    for question, top_id, top_score, ts in db.execute(
        f"SELECT question, top_id, top_score, ts FROM unanswered WHERE {where}", args
    ):
        counts[question] += 1
        if top_id:
            nearest[question][top_id] += 1
            scores[question].append(top_score or 0.0)
        per_day_unanswered[ts // DAY] += 1
    report.unanswered_total = sum(counts.values())
    for rep, total, wordings in cluster_questions(counts)[:TOP]:
        ids: Counter[str] = Counter()
        for q in wordings:
            ids.update(nearest[q])
        top = ids.most_common(1)[0][0] if ids else None
        top_scores = [s for q in wordings for s in scores[q]]
        report.clusters.append(
            Cluster(
                representative=rep,
                count=total,
                examples=wordings[:5],
                nearest_id=top,
                nearest_score=round(max(top_scores), 2) if top_scores else 0.0,
            )
        )

    pick_where = where.replace("ts", "picks.ts")
    report.picks = [
        (q, e, n)
        for q, e, n in db.execute(
            f"SELECT question, entry_id, COUNT(*) AS n FROM picks WHERE {pick_where} "
            "GROUP BY question, entry_id ORDER BY n DESC, question LIMIT ?",
            [*args, TOP * 5],
        )
    ]
    report.downvoted = [
        (e, d, u)
        for e, d, u in db.execute(
            "SELECT entry_id, SUM(down) AS d, SUM(up) FROM votes WHERE day >= ? GROUP BY entry_id "
            "HAVING d > 0 ORDER BY d DESC, entry_id LIMIT ?",
            (since_day, TOP),
        )
    ]
    report.most_asked = [
        (e, n)
        for e, n in db.execute(
            "SELECT entry_id, SUM(count) AS n FROM hits WHERE day >= ? GROUP BY entry_id "
            "ORDER BY n DESC, entry_id LIMIT ?",
            (since_day, TOP),
        )
    ]
    answered_per_day = dict(
        db.execute(
            "SELECT day, SUM(count) FROM hits WHERE day >= ? GROUP BY day", (since_day,)
        ).fetchall()
    )
    days = sorted(set(answered_per_day) | set(per_day_unanswered))
    report.daily = [
        (
            (date(1970, 1, 1) + timedelta(days=d)).isoformat(),
            int(answered_per_day.get(d, 0)),
            per_day_unanswered.get(d, 0),
        )
        for d in days
    ]
    return report


def format_text(report: Report, questions: dict[str, str] | None = None) -> str:
    """The report for a terminal."""
    questions = questions or {}
    where = f" in guild {report.guild}" if report.guild else ""
    lines = [f"Curator report since {report.since}{where}", ""]
    lines.append(
        f"Unanswered questions: {report.unanswered_total} in {len(report.clusters)} top clusters"
    )
    if not report.clusters:
        lines.append("  (none recorded yet)")
    for i, c in enumerate(report.clusters, 1):
        near = (
            f"nearest: {c.nearest_id} ({c.nearest_score:.2f})"
            + (f' "{questions[c.nearest_id]}"' if c.nearest_id in questions else "")
            if c.nearest_id
            else "nearest: none"
        )
        lines.append(f"  {i:>2}. x{c.count}  {c.representative}")
        lines.append(f"      {near}")
        for example in c.examples[1:]:
            lines.append(f"      also: {example}")
    lines += ["", "Suggestion picks (question asked -> entry chosen): paste as alternates"]
    lines += [f"  x{n}  {q!r} -> {e}" for q, e, n in report.picks] or ["  (none)"]
    lines += ["", "Most 👎 (down / up)"]
    lines += [f"  {e}: {d} / {u}" for e, d, u in report.downvoted] or ["  (none)"]
    lines += ["", "Most asked"]
    lines += [f"  {e}: {n}" for e, n in report.most_asked] or ["  (none)"]
    lines += ["", "Per day: answered / not answered"]
    peak = max((a + n for _, a, n in report.daily), default=1) or 1
    for day, answered, not_answered in report.daily:
        bar = "#" * round(30 * answered / peak) + "." * round(30 * not_answered / peak)
        lines.append(f"  {day}  {answered:>5} / {not_answered:<5} {bar}")
    if not report.daily:
        lines.append("  (no activity)")
    return "\n".join(lines)
