"""`python -m bot kb review`: which entries a curator should look at next, and why.

Three reasons put an entry in the queue:

* its figures are old: the entry is `volatile: true` and the newest `as_of` on its sources is
  older than the age limit (or cannot be read as a date);
* people marked it 👎 since its last review (votes from the curator store);
* it has never been reviewed on its own (no date under `entries:` in knowledge/meta.yaml).

The most urgent come first: the most 👎, then the oldest figures, then entries never reviewed.
This module is pure: the votes are read by the caller (bot.curator.feedback) and passed in.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

from bot.kb.models import Entry, KnowledgeBase

#: a figure older than this many days is due for a look (BOT_REVIEW_MAX_AGE_DAYS)
DEFAULT_MAX_AGE_DAYS = 365

ReasonKind = Literal["downvoted", "old-figures", "unreadable-as-of", "never-reviewed"]

_MONTHS = {
    name.casefold(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
_MONTHS["sept"] = 9
_ISO = re.compile(r"\b(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\b")
_WORDS = re.compile(r"(?:\b(\d{1,2})\s+)?\b([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")


@dataclass(frozen=True)
class DayVotes:
    """👍 and 👎 given to one entry on one day (a row of the curator store's `votes`)."""

    entry_id: str
    day: date
    up: int
    down: int


@dataclass(frozen=True)
class Reason:
    """Why an entry is in the queue, in a few words a curator can act on."""

    kind: ReasonKind
    text: str


@dataclass
class QueueItem:
    """One entry due for review, with every reason and what they are based on."""

    id: str
    file: str
    question: str
    last_reviewed: str | None
    reasons: list[Reason] = field(default_factory=list)
    down: int = 0
    up: int = 0
    as_of: str | None = None
    figures_age_days: int | None = None

    def sort_key(self) -> tuple[int, int, int, str]:
        """Most 👎 first, then the oldest figures, then entries never reviewed."""
        never = any(r.kind == "never-reviewed" for r in self.reasons)
        return (-self.down, -(self.figures_age_days or 0), 0 if never else 1, self.id)


@dataclass
class ReviewQueue:
    """Everything `kb review` prints, as text or JSON."""

    today: str
    max_age_days: int
    votes_from: str  # where the 👍/👎 came from, or why they could not be read
    items: list[QueueItem] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """The queue as plain data for `kb review --json`."""
        return asdict(self)


def as_of_date(text: str) -> date | None:
    """The last day an `as_of` stamp can mean, or None when it is not a date.

    >>> as_of_date("2025-09"), as_of_date("Sep 2025"), as_of_date("2023-07-07")
    (datetime.date(2025, 9, 30), datetime.date(2025, 9, 30), datetime.date(2023, 7, 7))
    >>> as_of_date("2022"), as_of_date("end-2023"), as_of_date("soon")
    (datetime.date(2022, 12, 31), datetime.date(2023, 12, 31), None)
    """
    try:
        for words in _WORDS.finditer(text):
            month = _MONTHS.get(words.group(2).casefold())
            if month:
                year = int(words.group(3))
                day = int(words.group(1)) if words.group(1) else _last_day(year, month)
                return date(year, month, day)
        iso = _ISO.search(text)
        if iso is None:
            return None
        year = int(iso.group(1))
        if iso.group(2) is None:
            return date(year, 12, 31)
        month = int(iso.group(2))
        day = int(iso.group(3)) if iso.group(3) else _last_day(year, month)
        return date(year, month, day)
    except ValueError:  # 2025-13, 31 Feb 2025
        return None


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _figure_reason(entry: Entry, today: date, max_age_days: int, item: QueueItem) -> None:
    """Old figures: the newest readable as_of of a volatile entry, against the age limit."""
    if not entry.volatile:
        return
    stamps = [s.as_of for s in entry.sources if s.as_of]
    dated = sorted(((as_of_date(s), s) for s in stamps), key=lambda p: p[0] or date.min)
    newest, stamp = dated[-1] if dated else (None, None)
    if newest is None:
        unreadable = ", ".join(repr(s) for s in stamps) or "none"
        item.reasons.append(
            Reason(
                "unreadable-as-of",
                f"figures change but no as_of reads as a date ({unreadable}): "
                "write it as 2025-09 or Sep 2025",
            )
        )
        return
    age = (today - newest).days
    item.as_of = stamp
    if age > max_age_days:
        item.figures_age_days = age
        item.reasons.append(
            Reason(
                "old-figures",
                f"figures as of {stamp} ({age} days old): look for newer ones",
            )
        )


def build_queue(
    kb: KnowledgeBase,
    votes: Iterable[DayVotes] = (),
    *,
    today: date,
    max_age_days: int = DEFAULT_MAX_AGE_DAYS,
    min_downvotes: int = 1,
    votes_from: str = "no curator store",
) -> ReviewQueue:
    """Every entry due for review, most urgent first.

    A 👎 counts only if it came after the entry's last review (on a later day): reviewing an
    entry answers the votes it had.
    """
    since_review: dict[str, list[int]] = {}
    for vote in votes:
        reviewed = kb.entry_reviews.get(vote.entry_id)
        if kb.get(vote.entry_id) is None or (reviewed is not None and vote.day <= reviewed):
            continue
        counts = since_review.setdefault(vote.entry_id, [0, 0])
        counts[0] += vote.down
        counts[1] += vote.up
    queue = ReviewQueue(today.isoformat(), max_age_days, votes_from)
    for entry in kb.entries:
        reviewed = kb.entry_reviews.get(entry.id)
        item = QueueItem(
            id=entry.id,
            file=kb.entry_files.get(entry.id, ""),
            question=entry.question,
            last_reviewed=reviewed.isoformat() if reviewed else None,
        )
        down, up = since_review.get(entry.id, (0, 0))
        if down >= max(1, min_downvotes):
            item.down, item.up = down, up
            since = f"since its review on {reviewed}" if reviewed else "in the store"
            item.reasons.append(Reason("downvoted", f"👎 {down} (👍 {up}) {since}"))
        _figure_reason(entry, today, max_age_days, item)
        if reviewed is None:
            item.reasons.append(Reason("never-reviewed", "never reviewed"))
        if item.reasons:
            queue.items.append(item)
    queue.items.sort(key=QueueItem.sort_key)
    return queue


def format_text(queue: ReviewQueue) -> str:
    """The queue for a terminal: one line per entry with its reasons, most urgent first."""
    lines = [
        f"Review queue on {queue.today}: {len(queue.items)} entries due "
        f"(figures older than {queue.max_age_days} days, 👎 since the last review, "
        f"never reviewed; votes: {queue.votes_from})"
    ]
    if not queue.items:
        lines.append("  nothing is due")
    width = max((len(item.id) for item in queue.items), default=0)
    for item in queue.items:
        reasons = "; ".join(r.text for r in item.reasons)
        lines.append(f"  {item.id:<{width}}  {item.file}: {reasons}")
    if queue.items:
        lines += [
            "",
            "Check each against its sources (knowledge/CURATING.md, 'Reviews'), then set its",
            "date under 'entries:' in knowledge/meta.yaml: that clears 'never reviewed' and the",
            "👎 so far. Old figures stay listed until a source gives a newer as_of.",
        ]
    return "\n".join(lines)
