"""Khmer end to end: the real discord.py client against the fake Discord on 127.0.0.1, with
the Khmer test fixture in the knowledge base."""

from __future__ import annotations

import pytest

from bot.answer import Answerer
from bot.answer.messages import LANGUAGES_EN, LANGUAGES_KM, LANGUAGES_LINE, UNREVIEWED_KM
from bot.discord_app.bot import FaqBot
from bot.testing.fake_discord import FakeDiscord
from tests.e2e.helpers import ask, callback_of, custom_ids

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def answerer(km_answerer: Answerer) -> Answerer:
    """The `bot` fixture answers from the knowledge base with Khmer text."""
    return km_answerer


async def test_khmer_question_gets_the_khmer_answer_and_english_sources(
    fake: FakeDiscord, bot: FaqBot
) -> None:
    call = await ask(fake, "ហ៊ុន សែន ជានរណា?")
    [embed] = call.body["data"]["embeds"]
    entry = bot.answerer.kb.get("hun-sen-who")
    assert entry is not None and entry.km is not None
    assert embed["title"] == entry.km.question and embed["description"] == entry.km.answer
    sources = next(f for f in embed["fields"] if f["name"].endswith("Sources"))
    assert "https://" in sources["value"]
    assert UNREVIEWED_KM in embed["footer"]["text"]
    related = [i for i in custom_ids(call.body["data"]) if i.startswith("faq:answer:")]
    assert related and all(i.endswith(":km") for i in related)
    # a follow-up button answers in Khmer too
    payload = fake.interaction(
        3, {"custom_id": related[0], "component_type": 2}, message=fake.message(call.body["data"])
    )
    await fake.dispatch("INTERACTION_CREATE", payload)
    follow = await fake.wait_for_request(callback_of(payload))
    picked = bot.answerer.kb.get(related[0].removeprefix("faq:answer:").removesuffix(":km"))
    assert picked is not None and picked.km is not None
    assert follow.body["data"]["embeds"][0]["title"] == picked.km.question


async def test_autocomplete_suggests_khmer_questions_for_khmer_typing(
    fake: FakeDiscord, bot: FaqBot
) -> None:
    payload = fake.interaction(
        4,
        {
            "id": fake.next_id(),
            "name": "ask",
            "type": 1,
            "options": [{"name": "question", "type": 3, "value": "ហ៊ុន ម៉ាណែត", "focused": True}],
        },
    )
    await fake.dispatch("INTERACTION_CREATE", payload)
    call = await fake.wait_for_request(callback_of(payload))
    choices = call.body["data"]["choices"]
    entry = bot.answerer.kb.get("hun-manet-who")
    assert entry is not None and entry.km is not None
    assert choices[0] == {"name": entry.km.question, "value": "entry:hun-manet-who:km"}
    picked = await ask(fake, choices[0]["value"])
    assert picked.body["data"]["embeds"][0]["title"] == entry.km.question
    assert UNREVIEWED_KM not in picked.body["data"]["embeds"][0]["footer"]["text"]  # reviewed


async def test_other_language_gets_the_notice(fake: FakeDiscord, bot: FaqBot) -> None:
    call = await ask(fake, "Qui est Hun Sen ?")
    [embed] = call.body["data"]["embeds"]
    assert LANGUAGES_EN in embed["description"] and LANGUAGES_KM in embed["description"]
    assert not custom_ids(call.body["data"])


async def test_about_lists_the_languages(fake: FakeDiscord, bot: FaqBot) -> None:
    payload = fake.slash("about", [])
    await fake.dispatch("INTERACTION_CREATE", payload)
    call = await fake.wait_for_request(callback_of(payload))
    [embed] = call.body["data"]["embeds"]
    languages = next(f for f in embed["fields"] if f["name"] == "Languages")
    assert LANGUAGES_LINE in languages["value"]
    assert "Khmer: 22 entries, 1 reviewed" in languages["value"]
