"""One error path: a failing button, select, slash command or mention gets an apology (never
"expired", never a traceback), and the log names the guild, the channel and the entry."""

from __future__ import annotations

import logging
from typing import NoReturn

import pytest

from bot.discord_app import render
from bot.discord_app.bot import FaqBot
from bot.discord_app.errors import APOLOGY
from bot.discord_app.ui import browse
from bot.testing.fake_discord import BOT_ID, CHANNEL_ID, FakeDiscord
from tests.e2e.helpers import ask, callback_of, custom_ids

pytestmark = pytest.mark.timeout(60)


def _boom(*args: object, **kwargs: object) -> NoReturn:
    raise RuntimeError("rendering exploded")


def _logged(caplog: pytest.LogCaptureFixture, guild: str, entry: str) -> str:
    lines = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    line = next((x for x in lines if "error in" in x), "")
    assert f"guild {guild}" in line and f"channel {CHANNEL_ID}" in line, lines
    assert f"entry {entry}" in line, lines
    return line


async def test_failing_button_apologises_and_logs_its_entry(
    fake: FakeDiscord,
    bot: FaqBot,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    first = await ask(fake, "what is the k5 belt")
    related = next(i for i in custom_ids(first.body["data"]) if i.startswith("faq:answer:"))
    monkeypatch.setattr(render, "answer_embed", _boom)
    payload = fake.interaction(
        3, {"custom_id": related, "component_type": 2}, message=fake.message(first.body["data"])
    )
    await fake.dispatch("INTERACTION_CREATE", payload)
    call = await fake.wait_for_request(callback_of(payload))
    assert call.body["data"]["content"] == APOLOGY and call.body["data"]["flags"] & 64
    assert "expired" not in call.body["data"]["content"]
    line = _logged(caplog, fake.guild()["id"], related.removeprefix("faq:answer:"))
    assert related in line


async def test_failing_select_apologises(
    fake: FakeDiscord,
    bot: FaqBot,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    topics = fake.slash("topics", [])
    await fake.dispatch("INTERACTION_CREATE", topics)
    menu = await fake.wait_for_request(callback_of(topics))
    monkeypatch.setattr(browse, "topic_page", _boom)
    pick = fake.interaction(
        3,
        {"custom_id": "faq:topics", "component_type": 3, "values": ["0"]},
        message=fake.message(menu.body["data"]),
    )
    await fake.dispatch("INTERACTION_CREATE", pick)
    call = await fake.wait_for_request(callback_of(pick))
    assert call.body["data"]["content"] == APOLOGY
    assert "faq:topics" in _logged(caplog, fake.guild()["id"], "-")


async def test_failing_slash_command_apologises_and_logs_its_entry(
    fake: FakeDiscord,
    bot: FaqBot,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(render, "answer_embed", _boom)
    call = await ask(fake, "what is the k5 belt")
    assert call.body["data"]["content"] == APOLOGY and call.body["data"]["flags"] & 64
    assert "/ask" in _logged(caplog, fake.guild()["id"], "k5-belt")


async def test_failing_mention_gets_a_polite_reply(
    fake: FakeDiscord,
    bot: FaqBot,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(render, "answer_embed", _boom)
    message = fake.user_message(f"<@{BOT_ID}> what is the k5 belt", mention_bot=True)
    await fake.dispatch("MESSAGE_CREATE", message)
    sent = await fake.wait_for_request(
        lambda r: r.method == "POST" and r.path == f"/channels/{CHANNEL_ID}/messages"
    )
    assert sent.body["content"] == APOLOGY
    assert str(sent.body["message_reference"]["message_id"]) == message["id"]
    assert "mention" in _logged(caplog, fake.guild()["id"], "k5-belt")
