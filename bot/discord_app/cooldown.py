"""Per-user cooldowns at a constant cost per question, however many people are asking.

discord.py's cooldown mappings (`app_commands.checks.dynamic_cooldown`,
`commands.CooldownMapping`) drop expired buckets by scanning every bucket on every
interaction: 0.15-0.2 ms per /ask with 1,000 people asking, growing with every one of them,
on the event loop (`python -m bot bench --discord --profile`, 2026-12-02). Here expired
buckets are swept at most once per window, so a question costs one dict lookup.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable

from discord import app_commands


class Cooldowns:
    """`rate` questions per `per` seconds for each key (a user id), on a monotonic clock.

    >>> c = Cooldowns(2, 60.0, clock=lambda: 100.0)
    >>> c.hit(1), c.hit(1), c.hit(1) is not None, c.hit(2)
    (None, None, True, None)
    """

    def __init__(
        self, rate: int, per: float, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.rate, self.per = rate, per
        self._clock = clock
        self._buckets: dict[Hashable, app_commands.Cooldown] = {}
        self._sweep_at = clock() + per

    def __len__(self) -> int:
        return len(self._buckets)

    @property
    def cooldown(self) -> app_commands.Cooldown:
        """A fresh bucket with these limits (what `CommandOnCooldown` reports)."""
        return app_commands.Cooldown(self.rate, self.per)

    def hit(self, key: Hashable) -> float | None:
        """Count one question from `key`: None if allowed, else the seconds to wait."""
        now = self._clock()
        if now >= self._sweep_at:
            self._sweep(now)
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = app_commands.Cooldown(self.rate, self.per)
        return bucket.update_rate_limit(now)

    def _sweep(self, now: float) -> None:
        """Forget every bucket whose window is over (it holds all its tokens again)."""
        for key in [k for k, b in self._buckets.items() if b.get_tokens(now) >= self.rate]:
            del self._buckets[key]
        self._sweep_at = now + self.per
