"""The same question gets the same reply in every process, whatever Python's hash seed.

Sets of strings iterate in an order that changes with the seed; where that order decides a
tie (two equally close typo corrections: "minh" read as "mini" in one process and as "mine"
in another), two shards of the bot would answer the same question differently, and the
recorded replies (tests/snapshots) would move from one run to the next.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from bot.config import PROJECT_ROOT

QUESTIONS = [
    # two corrections at the same distance from "minh"
    "Cambodia's cluster bomb contamination is mostly near which borders? I suppose near "
    "Vietnam because of Ho Chi Minh trail.",
    "wen did cambodai sign the ottowa treaty",
    "is laos in the ccm? and vietnam?",
]


def _replies(seed: str) -> list[dict[str, object]]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    out = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--json"],
        input="\n".join(QUESTIONS) + "\n",
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_replies_do_not_depend_on_the_hash_seed() -> None:
    first, second = _replies("1"), _replies("2")
    assert len(first) == len(QUESTIONS)
    assert first == second
