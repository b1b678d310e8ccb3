"""The real discord.py client, end to end, against the fake Discord on 127.0.0.1."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from urllib.parse import unquote

import pytest

from bot.discord_app.bot import FaqBot
from bot.testing.fake_discord import BOT_ID, CHANNEL_ID, FakeDiscord
from tests.e2e.helpers import ask, callback_of, custom_ids

pytestmark = pytest.mark.timeout(60)


async def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Poll `condition` until it holds (bounded)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.02)


async def test_ask_answers_with_embed_and_sources(fake: FakeDiscord, bot: FaqBot) -> None:
    call = await ask(fake, "is the US in the CCM?")
    assert call.body["type"] == 4
    data = call.body["data"]
    [embed] = data["embeds"]
    assert embed["title"] == "Is the United States a party to the CCM?"
    assert "neither signed nor acceded" in embed["description"]
    sources = next(f for f in embed["fields"] if f["name"] == "Sources")
    assert "https://" in sources["value"]
    ids = custom_ids(data)
    assert any(i.startswith("faq:vote:up:") for i in ids)
    assert any(i.startswith("faq:answer:") for i in ids)  # related questions


async def test_decline_offers_suggestion_buttons(fake: FakeDiscord, bot: FaqBot) -> None:
    call = await ask(fake, "how do I volunteer as a deminer in Cambodia")
    data = call.body["data"]
    assert data["embeds"][0]["title"] in ("I don't know that one", "Did you mean…?")
    ids = custom_ids(data)
    assert 1 <= len(ids) <= 3 and all(i.startswith("faq:answer:") for i in ids)
    assert "/topics" in data["embeds"][0]["description"]


async def test_autocomplete_returns_at_most_25_choices(fake: FakeDiscord, bot: FaqBot) -> None:
    payload = fake.interaction(
        4,
        {
            "id": fake.next_id(),
            "name": "ask",
            "type": 1,
            "options": [{"name": "question", "type": 3, "value": "cambo", "focused": True}],
        },
    )
    await fake.dispatch("INTERACTION_CREATE", payload)
    call = await fake.wait_for_request(callback_of(payload))
    assert call.body["type"] == 8
    choices = call.body["data"]["choices"]
    assert 1 <= len(choices) <= 25
    assert all(len(c["name"]) <= 100 and c["value"].startswith("entry:") for c in choices)
    assert any("Cambodia" in c["name"] for c in choices)


async def test_picked_suggestion_answers_that_entry(fake: FakeDiscord, bot: FaqBot) -> None:
    call = await ask(fake, "entry:k5-belt")
    assert call.body["data"]["embeds"][0]["title"] == "What is the K5 belt?"


async def test_button_click_answers_the_related_question(fake: FakeDiscord, bot: FaqBot) -> None:
    first = await ask(fake, "what is the k5 belt")
    related = next(i for i in custom_ids(first.body["data"]) if i.startswith("faq:answer:"))
    message = fake.message(first.body["data"])
    payload = fake.interaction(3, {"custom_id": related, "component_type": 2}, message=message)
    await fake.dispatch("INTERACTION_CREATE", payload)
    call = await fake.wait_for_request(callback_of(payload))
    entry = bot.answerer.kb.get(related.removeprefix("faq:answer:"))
    assert entry is not None
    assert call.body["data"]["embeds"][0]["title"] == entry.question
    assert call.body["data"]["flags"] & 64  # ephemeral to the person who clicked


async def test_mention_gets_the_same_answer(fake: FakeDiscord, bot: FaqBot) -> None:
    message = fake.user_message(f"<@{BOT_ID}> is the US in the CCM?", mention_bot=True)
    await fake.dispatch("MESSAGE_CREATE", message)
    sent = await fake.wait_for_request(
        lambda r: r.method == "POST" and r.path == f"/channels/{CHANNEL_ID}/messages"
    )
    assert sent.body["embeds"][0]["title"] == "Is the United States a party to the CCM?"
    assert str(sent.body["message_reference"]["message_id"]) == message["id"]


async def test_cooldown_reply_is_ephemeral(fake: FakeDiscord, bot: FaqBot) -> None:
    for _ in range(3):
        call = await ask(fake, "what is a bomblet")
        assert not call.body["data"].get("flags", 0) & 64
    call = await ask(fake, "what is a bomblet")
    assert call.body["data"]["flags"] & 64
    assert "Slow down" in call.body["data"]["content"]


async def test_a_mention_in_cooldown_gets_one_hourglass(fake: FakeDiscord, bot: FaqBot) -> None:
    """Over the rate (3 per 60 s here), a mention is not answered but marked ⏳, once."""

    def answers() -> int:
        return sum(
            1
            for r in fake.requests
            if r.method == "POST" and r.path == f"/channels/{CHANNEL_ID}/messages"
        )

    def reactions() -> list[str]:
        return [unquote(r.path) for r in fake.requests if "/reactions/" in r.path]

    for i in range(3):
        message = fake.user_message(f"<@{BOT_ID}> what is a bomblet", mention_bot=True)
        await fake.dispatch("MESSAGE_CREATE", message)
        await wait_until(lambda n=i: answers() == n + 1)
    over = [fake.user_message(f"<@{BOT_ID}> and a dud?", mention_bot=True) for _ in range(3)]
    for message in over:
        await fake.dispatch("MESSAGE_CREATE", message)
    first = over[0]["id"]
    await wait_until(lambda: len(reactions()) >= 1)
    # a plain message after the burst, answered by nobody, proves the bot read them all
    await fake.dispatch("MESSAGE_CREATE", fake.user_message("hello all", mention_bot=False))
    await asyncio.sleep(0.5)
    assert reactions() == [f"/channels/{CHANNEL_ID}/messages/{first}/reactions/⏳/@me"]
    assert [r.method for r in fake.requests if "/reactions/" in r.path] == ["PUT"]
    assert answers() == 3


async def test_admin_command_refused_to_non_admin(fake: FakeDiscord, bot: FaqBot) -> None:
    data = {
        "id": fake.next_id(),
        "name": "config",
        "type": 1,
        "guild_id": fake.guild()["id"],
        "options": [
            {
                "name": "autoanswer",
                "type": 1,
                "options": [
                    {"name": "channel", "type": 7, "value": CHANNEL_ID},
                    {"name": "enabled", "type": 5, "value": True},
                ],
            }
        ],
        "resolved": {
            "channels": {
                CHANNEL_ID: {"id": CHANNEL_ID, "type": 0, "name": "general", "permissions": "0"}
            }
        },
    }
    refused = fake.interaction(2, data)
    await fake.dispatch("INTERACTION_CREATE", refused)
    call = await fake.wait_for_request(callback_of(refused))
    assert call.body["data"]["flags"] & 64 and "Manage Server" in call.body["data"]["content"]
    assert not bot.guild_config.autoanswer(int(fake.guild()["id"]), int(CHANNEL_ID))

    allowed = fake.interaction(2, dict(data, id=fake.next_id()), admin=True)
    await fake.dispatch("INTERACTION_CREATE", allowed)
    call = await fake.wait_for_request(callback_of(allowed))
    assert "now **on**" in call.body["data"]["content"]
    assert bot.guild_config.autoanswer(int(fake.guild()["id"]), int(CHANNEL_ID))


async def test_resumes_after_a_resumable_close_and_still_answers(
    fake: FakeDiscord, bot: FaqBot
) -> None:
    await fake.close_gateway(4000)
    await asyncio.wait_for(fake.resumed.wait(), 20)
    assert 6 in fake.gateway_ops  # RESUME, not a new IDENTIFY
    call = await ask(fake, "what is the ccm?")
    assert call.body["data"]["embeds"][0]["title"].startswith("What is the Convention")


async def test_no_message_can_ping_anyone(fake: FakeDiscord, bot: FaqBot) -> None:
    await ask(fake, "@everyone what did hun sen ask nato <@4001>")
    await fake.dispatch(
        "MESSAGE_CREATE", fake.user_message(f"<@{BOT_ID}> @here hi", mention_bot=True)
    )
    await fake.wait_for_request(lambda r: r.path == f"/channels/{CHANNEL_ID}/messages")
    sent = [
        r
        for r in fake.requests
        if r.method in ("POST", "PATCH")
        and isinstance(r.body, dict)
        and ("embeds" in r.body or "content" in r.body or "data" in r.body)
    ]
    assert sent
    for request in sent:
        body = (
            request.body.get("data", request.body)
            if request.path.endswith("/callback")
            else request.body
        )
        if "embeds" in body or "content" in body:
            assert body.get("allowed_mentions", {}).get("parse") == [], request


async def test_unknown_or_expired_button_gets_a_note(fake: FakeDiscord, bot: FaqBot) -> None:
    payload = fake.interaction(
        3,
        {"custom_id": "faq:retired-feature:1", "component_type": 2},
        message=fake.message({"content": "old"}),
    )
    await fake.dispatch("INTERACTION_CREATE", payload)
    call = await fake.wait_for_request(callback_of(payload))
    assert call.body["data"]["flags"] & 64 and "expired" in call.body["data"]["content"]


async def test_topics_select_then_page(fake: FakeDiscord, bot: FaqBot) -> None:
    payload = fake.slash("topics", [])
    await fake.dispatch("INTERACTION_CREATE", payload)
    call = await fake.wait_for_request(callback_of(payload))
    [select] = [c for row in call.body["data"]["components"] for c in row["components"]]
    assert select["custom_id"] == "faq:topics" and len(select["options"]) <= 25
    pick = fake.interaction(
        3,
        {"custom_id": "faq:topics", "component_type": 3, "values": ["0"]},
        message=fake.message(call.body["data"]),
    )
    await fake.dispatch("INTERACTION_CREATE", pick)
    page = await fake.wait_for_request(callback_of(pick))
    ids = custom_ids(page.body["data"])
    assert any(i.startswith("faq:answer:") for i in ids)
    topic = bot.answerer.kb.topics[0]
    if sum(e.topic == topic for e in bot.answerer.kb.entries) > 4:
        assert "faq:page:0:1" in ids


async def test_context_menu_answers_someone_elses_message(fake: FakeDiscord, bot: FaqBot) -> None:
    target = fake.user_message(
        "is cambodia part of the cluster munitions convention?", mention_bot=False
    )
    payload = fake.interaction(
        2,
        {
            "id": fake.next_id(),
            "name": "Answer with the FAQ",
            "type": 3,
            "target_id": target["id"],
            "resolved": {"messages": {target["id"]: target}},
        },
    )
    await fake.dispatch("INTERACTION_CREATE", payload)
    call = await fake.wait_for_request(callback_of(payload))
    assert call.body["data"]["embeds"][0]["title"] == "Is Cambodia a party to the CCM?"
    assert target["id"] in call.body["data"]["content"]  # a link to the message answered


async def test_direct_message_is_answered(fake: FakeDiscord, bot: FaqBot) -> None:
    dm = fake.user_message("what is a bomblet", mention_bot=False)
    dm.pop("guild_id")
    dm.pop("member")
    dm["channel_id"] = "5000"
    await fake.dispatch("MESSAGE_CREATE", dm)
    sent = await fake.wait_for_request(lambda r: r.path == "/channels/5000/messages")
    assert sent.body["embeds"][0]["title"] == "What is a submunition or bomblet?"


async def test_admin_kb_reload_and_gaps(fake: FakeDiscord, bot: FaqBot) -> None:
    for name in ("reload", "gaps"):
        data = {
            "id": fake.next_id(),
            "name": "kb",
            "type": 1,
            "guild_id": fake.guild()["id"],
            "options": [{"name": name, "type": 1, "options": []}],
        }
        payload = fake.interaction(2, data, admin=True)
        await fake.dispatch("INTERACTION_CREATE", payload)
        deferred = await fake.wait_for_request(callback_of(payload))
        assert deferred.body["type"] == 5  # "thinking…", then a follow-up
        follow = await fake.wait_for_request(
            lambda r, p=payload: r.method == "POST" and r.path == f"/webhooks/{BOT_ID}/{p['token']}"
        )
        text = follow.body.get("content") or follow.body["embeds"][0]["title"]
        assert (
            (f"Reloaded: {len(bot.answerer.kb.entries)} -> {len(bot.answerer.kb.entries)}" in text)
            if name == "reload"
            else ("Unanswered questions" in text)
        )


async def test_a_follow_up_is_read_with_the_same_persons_last_question(
    fake: FakeDiscord, bot: FaqBot
) -> None:
    first = await ask(fake, "what did hun sen ask nato")
    assert first.body["data"]["embeds"][0]["title"].startswith("What did Hun Sen")
    second = await ask(fake, "who is he?")
    assert second.body["data"]["embeds"][0]["title"] == "Who is Hun Sen?"


async def test_old_buttons_are_greyed_out(fake: FakeDiscord, bot: FaqBot) -> None:
    """After the view timeout the answer's buttons are disabled through its token."""
    bot.expiry.after = 0.2
    call = await ask(fake, "is the US in the CCM?")
    token = call.path.split("/")[3]
    edit = await fake.wait_for_request(
        lambda r: r.method == "PATCH" and r.path.endswith(f"/{token}/messages/@original")
    )
    items = [c for row in edit.body["components"] for c in row["components"]]
    assert len(items) == len(custom_ids(call.body["data"])) and all(c["disabled"] for c in items)
