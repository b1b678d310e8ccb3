"""Discord hiccups: a 5xx the library does not retry itself (503) is retried with backoff and
the answer arrives; when every attempt fails, one log line names the channel and the reason
(no traceback, no answer dropped silently)."""

from __future__ import annotations

import asyncio
import logging

import pytest

from bot.discord_app.bot import FaqBot
from bot.testing.fake_discord import BOT_ID, CHANNEL_ID, FakeDiscord, Recorded
from tests.e2e.helpers import ask

pytestmark = pytest.mark.timeout(60)


def _channel_post(r: Recorded) -> bool:
    return r.method == "POST" and r.path == f"/channels/{CHANNEL_ID}/messages"


async def test_503_on_a_mention_reply_is_retried_and_the_answer_arrives(
    fake: FakeDiscord, bot: FaqBot, caplog: pytest.LogCaptureFixture
) -> None:
    fake.fail_next(_channel_post, status=503, times=2)
    message = fake.user_message(f"<@{BOT_ID}> is the US in the CCM?", mention_bot=True)
    await fake.dispatch("MESSAGE_CREATE", message)
    sent = await fake.wait_for_request(lambda r: _channel_post(r) and _nth(fake, r) == 3)
    assert sent.body["embeds"][0]["title"] == "Is the United States a party to the CCM?"
    assert str(sent.body["message_reference"]["message_id"]) == message["id"]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert "ccm_reply_retries_total 2.0" in bot.metrics.exposition().decode()


def _nth(fake: FakeDiscord, request: Recorded) -> int:
    """1 for the first channel post recorded, 2 for the second..."""
    return [r for r in fake.requests if _channel_post(r)].index(request) + 1


async def test_503_on_a_slash_answer_is_retried(fake: FakeDiscord, bot: FaqBot) -> None:
    fake.fail_next(lambda r: r.path.endswith("/callback"), status=503, times=1)
    call = await ask(fake, "what is the ccm?")  # the first callback: the one that failed
    assert call.body["data"]["embeds"][0]["title"].startswith("What is the Convention")
    callbacks = await _callbacks(fake, 2)
    assert callbacks[0].body == callbacks[1].body  # the same answer, sent again


async def _callbacks(fake: FakeDiscord, n: int) -> list[Recorded]:
    await fake.wait_for_request(
        lambda r: len([x for x in fake.requests if x.path.endswith("/callback")]) >= n
    )
    return [r for r in fake.requests if r.path.endswith("/callback")]


async def test_a_reply_that_keeps_failing_is_one_log_line_with_the_channel(
    fake: FakeDiscord, bot: FaqBot, caplog: pytest.LogCaptureFixture
) -> None:
    fake.fail_next(_channel_post, status=503, times=100)
    message = fake.user_message(f"<@{BOT_ID}> what is a bomblet", mention_bot=True)
    with caplog.at_level(logging.INFO):
        await fake.dispatch("MESSAGE_CREATE", message)
        await fake.wait_for_request(lambda r: _channel_post(r) and _nth(fake, r) == 4)
        for _ in range(100):
            errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
            if errors:
                break
            await _pause()
    [line] = errors
    text = line.getMessage()
    assert "could not deliver the answer after 4 attempt(s): 503" in text
    assert f"channel {CHANNEL_ID}" in text and "entry glossary-submunition" in text
    assert line.exc_info is None  # one line, no traceback
    assert len([r for r in fake.requests if _channel_post(r)]) == 4  # bounded; no apology spam


async def _pause() -> None:
    await asyncio.sleep(0.05)
