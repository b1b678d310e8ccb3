"""Small helpers the end-to-end tests share: ask a slash question, find a callback."""

from __future__ import annotations

from typing import Any

from tests.e2e.fake_discord import FakeDiscord, Recorded


def callback_of(payload: dict[str, Any]) -> Any:
    """A predicate for the interaction callback request of `payload`."""
    return lambda r: r.path == f"/interactions/{payload['id']}/{payload['token']}/callback"


async def ask(fake: FakeDiscord, question: str) -> Recorded:
    """Send /ask and return the bot's callback request."""
    payload = fake.slash("ask", [{"name": "question", "type": 3, "value": question}])
    await fake.dispatch("INTERACTION_CREATE", payload)
    return await fake.wait_for_request(callback_of(payload))


def custom_ids(message: dict[str, Any]) -> list[str]:
    """Every component custom_id in a message body."""
    return [
        c["custom_id"]
        for row in message.get("components", [])
        for c in row["components"]
        if "custom_id" in c
    ]


