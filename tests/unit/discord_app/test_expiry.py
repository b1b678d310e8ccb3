"""Greying out old buttons from one queue (`bot.discord_app.expiry`)."""

from __future__ import annotations

import asyncio
import gc
from typing import Any

from bot.answer import Answerer
from bot.discord_app.expiry import Expiry, disabled
from bot.discord_app.ui.answer import AnswerView
from bot.discord_app.ui.browse import topics_message


class _Http:
    def __init__(self) -> None:
        self.edits: list[tuple[int, int, dict[str, Any]]] = []

    async def edit_message(self, channel_id: int, message_id: int, *, params: Any) -> None:
        self.edits.append((channel_id, message_id, params.payload))


class _Client:
    def __init__(self) -> None:
        self.http = _Http()


class _Message:
    def __init__(self, message_id: int, channel_id: int) -> None:
        self.id = message_id
        self.channel = type("Channel", (), {"id": channel_id})()


def test_disabled_keeps_every_item_and_disables_it(answerer: Answerer) -> None:
    view = AnswerView(answerer.kb, answerer.ask("what is the k5 belt"))
    components = view.to_components()
    out = disabled(components)
    items = [c for row in out for c in row["components"]]
    assert items and all(c["disabled"] for c in items)
    assert [c.get("custom_id") for c in items] == [
        c.get("custom_id") for row in components for c in row["components"]
    ]
    _, menu = topics_message(answerer.kb)  # a select menu too
    assert all(c["disabled"] for row in disabled(menu.to_components()) for c in row["components"])


async def test_a_message_is_greyed_out_when_due(answerer: Answerer) -> None:
    client = _Client()
    expiry = Expiry(client, after=0.05)  # type: ignore[arg-type]
    view = AnswerView(answerer.kb, answerer.ask("what is the k5 belt"))
    expiry.message(_Message(7, 3), view)  # type: ignore[arg-type]
    task = asyncio.create_task(expiry.run())
    try:
        for _ in range(100):
            if client.http.edits:
                break
            await asyncio.sleep(0.01)
    finally:
        task.cancel()
    [(channel, message, payload)] = client.http.edits
    assert (channel, message) == (3, 7)
    assert all(c["disabled"] for row in payload["components"] for c in row["components"])
    assert len(expiry) == 0


def test_the_queue_is_bounded_and_out_of_the_collectors_sight(answerer: Answerer) -> None:
    expiry = Expiry(_Client(), memory=2)  # type: ignore[arg-type]
    view = AnswerView(answerer.kb, answerer.ask("what is the k5 belt"))
    for i in range(3):
        expiry.message(_Message(i, 1), view)  # type: ignore[arg-type]
    assert len(expiry) == 2
    gc.collect()
    assert not any(gc.is_tracked(due) for due in expiry._due)


async def test_a_burst_is_greyed_out_a_few_at_a_time(answerer: Answerer) -> None:
    in_flight, most = [0], [0]

    class _SlowHttp(_Http):
        async def edit_message(self, channel_id: int, message_id: int, *, params: Any) -> None:
            in_flight[0] += 1
            most[0] = max(most[0], in_flight[0])
            await asyncio.sleep(0.01)
            in_flight[0] -= 1
            await super().edit_message(channel_id, message_id, params=params)

    client = _Client()
    client.http = _SlowHttp()
    expiry = Expiry(client, after=0.0)  # type: ignore[arg-type]
    view = AnswerView(answerer.kb, answerer.ask("what is the k5 belt"))
    for i in range(40):
        expiry.message(_Message(i, 1), view)  # type: ignore[arg-type]
    task = asyncio.create_task(expiry.run())
    try:
        for _ in range(200):
            if len(client.http.edits) == 40:
                break
            await asyncio.sleep(0.01)
    finally:
        task.cancel()
    assert sorted(m for _, m, _ in client.http.edits) == list(range(40))
    assert 1 < most[0] <= 16
