"""`python -m bot report`: what curators need to see, from the curator store.

Unanswered questions are grouped into clusters of near-duplicates (rapidfuzz, on the
normalized text), each shown as people typed it (redacted, see `bot.curator.redact`) with its
count, example wordings and the entry the bot found nearest; a question followed by a picked
suggestion counts as answered, not as a miss. Suggestion picks (question asked -> entry
chosen) are ready to paste as alternates; then the entries with the most 👎, the most-asked
entries and answered vs not answered per day. With a guild, every section is that guild's.

A report only reads: it opens the database read-only and never migrates it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from bot.curator.database import Connection, Database, SqliteDatabase
from bot.curator.store import DAY

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
    #: questions first declined or asked back, then answered by a suggestion people picked
    answered_by_pick: int = 0
    clusters: list[Cluster] = field(default_factory=list)
    picks: list[tuple[str, str, int]] = field(default_factory=list)
    downvoted: list[tuple[str, int, int]] = field(default_factory=list)  # id, down, up
    most_asked: list[tuple[str, int]] = field(default_factory=list)
    daily: list[tuple[str, int, int]] = field(default_factory=list)  # day, answered, not

    def as_json(self) -> dict[str, Any]:
        """The report as plain data for `report --json`."""
        return asdict(self)


class SinceError(ValueError):
    """`--since` is neither a number of days nor a date."""


def parse_since(text: str | None, today: date | None = None) -> date:
    """`30` (days back) or `2026-11-01`; default 30 days. SinceError names what is wrong.

    >>> parse_since("2026-11-01")
    datetime.date(2026, 11, 1)
    >>> parse_since("7", today=date(2026, 11, 28))
    datetime.date(2026, 11, 21)
    """
    today = today or datetime.now(UTC).date()
    if not text:
        return today - timedelta(days=30)
    text = text.strip()
    if text.isdigit():
        days = int(text)
        if days > 36_500:
            raise SinceError(f"{text} days is too far back")
        return today - timedelta(days=days)
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        reason = str(exc) if any(c.isdigit() for c in text) else "not a date"
        raise SinceError(
            f"{text!r} is not a number of days or a date YYYY-MM-DD ({reason})"
        ) from None


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


def build_report(database: Database | Path, since: date, guild: int | None = None) -> Report:
    """Read the store (read-only, never migrating it) and assemble the report since `since`.
    Raises DatabaseError with a message for people when the store cannot be read."""
    if isinstance(database, Path):
        database = SqliteDatabase(database)
    filled = database.read(
        lambda db: _fill(db, Report(since=since.isoformat(), guild=guild), since, guild)
    )
    return filled or Report(since=since.isoformat(), guild=guild)


def _fill(db: Connection, report: Report, since: date, guild: int | None) -> Report:
    since_ts = int(datetime(since.year, since.month, since.day, tzinfo=UTC).timestamp())
    since_day = since_ts // DAY
    where, args = "ts >= ?", [since_ts]
    day_where, day_args = "day >= ?", [since_day]
    if guild is not None:
        where += " AND guild_id = ?"
        args.append(guild)
        day_where += " AND guild_id = ?"
        day_args.append(guild)

    picked = {
        ask_id
        for (ask_id,) in db.execute(
            f"SELECT DISTINCT ask_id FROM picks WHERE {where} AND ask_id IS NOT NULL", args
        )
    }
    counts: Counter[str] = Counter()
    typed: dict[str, Counter[str]] = defaultdict(Counter)
    nearest: dict[str, Counter[str]] = defaultdict(Counter)
    scores: dict[str, list[float]] = defaultdict(list)
    per_day_unanswered: Counter[int] = Counter()
    for question, asked, top_id, top_score, ts, ask_id in db.execute(
        f"SELECT question, asked, top_id, top_score, ts, ask_id FROM unanswered WHERE {where}",
        args,
    ):
        if ask_id is not None and ask_id in picked:
            report.answered_by_pick += 1  # a suggestion answered it: not a miss
            continue
        counts[question] += 1
        typed[question][asked or question] += 1
        if top_id:
            nearest[question][top_id] += 1
            scores[question].append(top_score or 0.0)
        per_day_unanswered[int(ts) // DAY] += 1
    report.unanswered_total = sum(counts.values())
    for rep, total, wordings in cluster_questions(counts)[:TOP]:
        ids: Counter[str] = Counter()
        said: Counter[str] = Counter()
        for q in wordings:
            ids.update(nearest[q])
            said.update(typed[q])
        top = ids.most_common(1)[0][0] if ids else None
        top_scores = [s for q in wordings for s in scores[q]]
        examples = [typed[rep].most_common(1)[0][0]]
        examples += [text for text, _ in said.most_common() if text not in examples]
        report.clusters.append(
            Cluster(
                representative=examples[0],
                count=total,
                examples=examples[:5],
                nearest_id=top,
                nearest_score=round(max(top_scores), 2) if top_scores else 0.0,
            )
        )

    report.picks = [
        (q, e, int(n))
        for q, e, n in db.execute(
            f"SELECT COALESCE(asked, question), entry_id, COUNT(*) FROM picks WHERE {where} "
            "GROUP BY COALESCE(asked, question), entry_id "
            "ORDER BY COUNT(*) DESC, COALESCE(asked, question), entry_id LIMIT ?",
            [*args, TOP * 5],
        )
    ]
    report.downvoted = [
        (e, int(d), int(u))
        for e, d, u in db.execute(
            f"SELECT entry_id, SUM(down), SUM(up) FROM votes WHERE {day_where} GROUP BY entry_id "
            "HAVING SUM(down) > 0 ORDER BY SUM(down) DESC, entry_id LIMIT ?",
            [*day_args, TOP],
        )
    ]
    report.most_asked = [
        (e, int(n))
        for e, n in db.execute(
            f"SELECT entry_id, SUM(count) FROM hits WHERE {day_where} GROUP BY entry_id "
            "ORDER BY SUM(count) DESC, entry_id LIMIT ?",
            [*day_args, TOP],
        )
    ]
    answered_per_day = {
        int(d): int(n)
        for d, n in db.execute(
            f"SELECT day, SUM(count) FROM hits WHERE {day_where} GROUP BY day", day_args
        )
    }
    days = sorted(set(answered_per_day) | set(per_day_unanswered))
    report.daily = [
        (
            (date(1970, 1, 1) + timedelta(days=d)).isoformat(),
            answered_per_day.get(d, 0),
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
        + (
            f" ({report.answered_by_pick} more answered by a suggestion people picked)"
            if report.answered_by_pick
            else ""
        )
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
