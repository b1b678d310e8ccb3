"""The load side of `python -m bot bench --discord`: the fake Discord plus a generator of /ask.

Run as a child process (`python -m bot.testing.load ...`) so that its CPU is not the bot's:
the parent runs the real client, this process plays Discord. It speaks JSON lines on stdout:

1. `{"event": "listening", "api": ..., "gateway": ...}` once the fake listens on 127.0.0.1;
2. `{"event": "start"}` once the bot identified and the warm-up questions were answered;
3. `{"event": "done", "sent": N, "answered": N, "embeds": N, "send_seconds": S,
   "latencies": [...]}` when every
   question was answered or `--timeout` seconds passed after the last one was sent;

then it keeps serving until its stdin closes (so the bot can say goodbye), and exits.

Open loop: question i is sent at start + i / rate whether or not earlier ones were answered,
from user `i % users`, so queueing in the bot shows in the latencies instead of slowing the
sender. A latency is the time from just before an INTERACTION_CREATE is written to the
gateway to the arrival of that interaction's callback POST, both on this process's clock.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import sys
import time
from pathlib import Path
from typing import Any

from bot.testing.fake_discord import FakeDiscord

#: bounds, so a typo never floods the machine or runs for an hour
MAX_RATE = 2000.0
MAX_COUNT = 200_000
MAX_TIMEOUT = 120.0
#: user ids of the askers start here (the fake's own ids are far below)
FIRST_USER_ID = 10_000_000


def _emit(**fields: Any) -> None:
    sys.stdout.write(json.dumps(fields) + "\n")
    sys.stdout.flush()


class LoadRun:
    """Sends /ask at a fixed rate through `fake` and times each interaction's callback."""

    def __init__(self, fake: FakeDiscord, questions: list[str], users: int) -> None:
        self.fake = fake
        self.questions = questions
        self.users = users
        self.sent_at: dict[str, float] = {}
        self.latencies: list[float] = []
        self.answered: set[str] = set()
        #: public answers with an embed (not a cooldown note or an apology)
        self.embeds = 0
        self.all_answered = asyncio.Event()
        self.expected = 0
        self.sent = 0
        fake.on_callback = self._callback

    def _callback(self, interaction_id: str, received: float, body: Any) -> None:
        sent = self.sent_at.pop(interaction_id, None)
        if sent is None:
            return  # a second response to the same interaction: not a new answer
        self.answered.add(interaction_id)
        data = (body or {}).get("data") or {}
        if data.get("embeds") and not data.get("flags", 0) & 64:
            self.embeds += 1
        self.latencies.append(received - sent)
        if len(self.answered) >= self.expected:
            self.all_answered.set()

    async def send(self, count: int, rate: float, offset: int = 0) -> float:
        """Send `count` questions at `rate` per second (open loop); the seconds it took."""
        loop = asyncio.get_running_loop()
        start = loop.time()
        self.expected += count
        self.all_answered.clear()
        for i in range(count):
            due = start + i / rate
            delay = due - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
            n = offset + i
            payload = self.fake.slash(
                "ask",
                [{"name": "question", "type": 3, "value": self.questions[n % len(self.questions)]}],
                user_id=str(FIRST_USER_ID + n % self.users),
            )
            self.sent_at[payload["id"]] = time.perf_counter()
            await self.fake.dispatch("INTERACTION_CREATE", payload)
            self.sent += 1
        return loop.time() - start

    async def settle(self, timeout: float) -> None:
        """Wait until every question sent was answered, or `timeout` seconds."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.all_answered.wait(), timeout)


async def drive(args: argparse.Namespace) -> None:
    """Serve the fake, wait for the bot, warm up, send the load, report, serve until EOF."""
    questions = json.loads(Path(args.questions).read_text(encoding="utf-8"))
    fake = FakeDiscord(record=False)
    await fake.start()
    _emit(event="listening", api=fake.api_base, gateway=fake.gateway_url)
    try:
        await asyncio.wait_for(fake.identified.wait(), args.timeout)
        await asyncio.sleep(0.5)  # let the bot finish its start (GUILD_CREATE, ready)
        run = LoadRun(fake, questions, args.users)
        if args.warmup:
            await run.send(args.warmup, min(args.rate, 50.0))
            await run.settle(args.timeout)
        warm = len(run.latencies)
        run.latencies.clear()
        run.answered.clear()
        run.sent_at.clear()
        run.expected = run.embeds = 0
        _emit(event="start", warmup_answered=warm)
        send_seconds = await run.send(args.count, args.rate, offset=args.warmup)
        await run.settle(args.timeout)
        _emit(
            event="done",
            sent=args.count,
            answered=len(run.answered),
            embeds=run.embeds,
            send_seconds=send_seconds,
            latencies=run.latencies,
        )
        # keep serving until the parent closes our stdin (the bot logs out meanwhile)
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, sys.stdin.read)
    finally:
        await fake.stop()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot.testing.load", description=__doc__)
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--rate", type=float, required=True)
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--questions", required=True, help="a JSON file: a list of questions")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Check the bounds, then drive one run."""
    args = _parser().parse_args(argv)
    if not (0 < args.rate <= MAX_RATE and 0 < args.count <= MAX_COUNT):
        sys.exit(f"load: --rate must be in (0, {MAX_RATE}] and --count in [1, {MAX_COUNT}]")
    if not (0 < args.timeout <= MAX_TIMEOUT and args.users >= 1 and args.warmup >= 0):
        sys.exit(f"load: --timeout must be in (0, {MAX_TIMEOUT}], --users >= 1, --warmup >= 0")
    asyncio.run(drive(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
