"""Per-user cooldowns (`bot.discord_app.cooldown`)."""

from __future__ import annotations

from bot.discord_app.cooldown import Cooldowns


def test_a_window_resets_and_old_buckets_are_swept() -> None:
    now = [1000.0]
    c = Cooldowns(2, 10.0, clock=lambda: now[0])
    assert c.hit(1) is None and c.hit(1) is None
    retry = c.hit(1)
    assert retry is not None and 0 < retry <= 10
    for user in range(2, 100):
        c.hit(user)
    assert len(c) == 99
    now[0] += 11  # every window is over: the next question sweeps them all
    assert c.hit(1) is None
    assert len(c) == 1
