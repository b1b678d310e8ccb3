"""Sending replies through Discord's hiccups: server errors are retried with backoff.

discord.py retries 500, 502, 504 and 524 by itself; any other 5xx (503 Service Unavailable,
for one) it raises at once, which used to lose the answer. `deliver` sends again, up to
ATTEMPTS times in all, waiting BACKOFF_SECONDS, then twice that, and so on (well inside an
interaction's 3 seconds for the first retries). When every attempt failed it raises
`DeliveryFailed`, which the one error path (`bot.discord_app.errors`) logs as one line with
the guild, the channel and the reason: an answer is never dropped silently.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, TypeVar

import discord

if TYPE_CHECKING:
    from bot.discord_app.metrics import Metrics

log = logging.getLogger(__name__)

ATTEMPTS = 4
BACKOFF_SECONDS = 0.25
#: statuses discord.py already retried several times before raising
RETRIED_BY_LIBRARY = frozenset({500, 502, 504, 524})
T = TypeVar("T")


class DeliveryFailed(Exception):
    """A reply could not be delivered after every attempt; `reason` says what Discord said."""

    def __init__(self, what: str, attempts: int, reason: str) -> None:
        super().__init__(f"could not deliver the {what} after {attempts} attempt(s): {reason}")
        self.what, self.attempts, self.reason = what, attempts, reason


def _reason(exc: discord.HTTPException) -> str:
    status = f"{exc.status} {exc.response.reason or ''}".strip()
    return f"{status}: {exc.text}" if exc.text else status


async def deliver(
    send: Callable[[], Awaitable[T]],
    *,
    what: str = "answer",
    metrics: Metrics | None = None,
    attempts: int = ATTEMPTS,
) -> T:
    """Await `send()`, again after a server error Discord's library does not retry itself."""
    for attempt in range(1, attempts + 1):
        try:
            return await send()
        except discord.DiscordServerError as exc:
            if exc.status in RETRIED_BY_LIBRARY or attempt == attempts:
                if metrics is not None:
                    metrics.reply_failures.inc()
                raise DeliveryFailed(what, attempt, _reason(exc)) from exc
            if metrics is not None:
                metrics.reply_retries.inc()
            log.info("Discord answered %s; sending the %s again", _reason(exc), what)
            await asyncio.sleep(BACKOFF_SECONDS * 2 ** (attempt - 1))
    raise AssertionError("unreachable")  # pragma: no cover
