"""The engine's decisions on every labelled question, as a fixed record.

Speed work must not move a single decision: `tests/snapshots/test_replies.py` asserts that
the engine still gives every gold and blind question the status, entry, part ids and
confidence (rounded to 4 places) recorded in `replies.json`. The file holds no question
text (blind batches are not for reading): each row is keyed by its set, its position and a
short hash of the question, so a changed or reordered question file is reported as such.

Regenerate only after an intentional change of behaviour:

    .venv/bin/python -m tests.snapshots.replies
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

from bot.answer.answerer import Answerer, Reply
from bot.quality.blind import load_batches
from bot.quality.evaluation import load_gold
from tests.paths import ROOT

SNAPSHOT = Path(__file__).with_name("replies.json")


def questions() -> Iterator[tuple[str, str]]:
    """(key, question) for every gold and blind question, in a stable order."""
    for i, item in enumerate(load_gold(ROOT / "eval" / "gold")):
        yield f"gold/{i}/{_digest(item.q)}", item.q
    for batch, items in load_batches(ROOT / "eval" / "blind").items():
        for i, blind in enumerate(items):
            yield f"blind/{batch}/{i}/{_digest(blind.q)}", blind.q


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def record(reply: Reply) -> list[object]:
    """What must not move: status, entry id, part ids, confidence to 4 places."""
    return [
        reply.status,
        reply.entry.id if reply.entry else None,
        [p.entry.id if p.entry else None for p in reply.parts],
        round(reply.confidence, 4),
    ]


def snapshot(answerer: Answerer) -> dict[str, list[object]]:
    """The record of every labelled question, by key."""
    return {key: record(answerer.ask(q)) for key, q in questions()}


def main() -> None:
    """Write `replies.json` from the current engine."""
    from bot.answer.engine import build_answerer

    answerer = build_answerer(ROOT / "knowledge", ROOT / "seeds")
    rows = snapshot(answerer)
    SNAPSHOT.write_text(
        "{\n" + ",\n".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in rows.items()) + "\n}\n",
        encoding="utf-8",
    )
    print(f"{len(rows)} replies written to {SNAPSHOT}")


if __name__ == "__main__":
    main()
