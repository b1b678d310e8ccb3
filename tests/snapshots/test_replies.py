"""Every gold and blind question still gets the decision recorded in `replies.json`."""

from __future__ import annotations

import json

from bot.answer.answerer import Answerer
from tests.snapshots.replies import SNAPSHOT, questions, record


def test_every_labelled_question_gets_the_recorded_reply(answerer: Answerer) -> None:
    """Status, entry, part ids and confidence are those of the recorded engine, to the item."""
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    keys = [key for key, _ in questions()]
    assert keys == list(expected), "the question files changed: regenerate only on purpose"
    moved = [
        f"{key}: {expected[key]} -> {got}"
        for key, q in questions()
        if (got := record(answerer.ask(q))) != expected[key]
    ]
    assert not moved, f"{len(moved)} replies moved:\n" + "\n".join(moved[:20])
