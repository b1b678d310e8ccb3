"""Every extension loads; command names are unique; every custom_id a message can carry is
registered by a loaded cog, so no button the bot sends can ever answer "expired"."""

from __future__ import annotations

import re

import discord

from bot.answer import Answerer, Reply, Suggestion
from bot.config import Settings
from bot.discord_app.bot import FaqBot, extensions
from bot.discord_app.ui.answer import reply_message
from bot.discord_app.ui.autoanswer import IgnoreButton
from bot.discord_app.ui.browse import QUESTIONS_PER_PAGE, topic_page, topics_message


def _emitted(answerer: Answerer) -> set[str]:
    kb = answerer.kb
    views: list[discord.ui.View] = []
    for entry in kb.entries:
        reply = answerer.answer_entry(entry.id)
        assert reply is not None
        views.append(reply_message(kb, reply)[1])
    unsure = Reply(
        question="x",
        status="clarify",
        confidence=0.1,
        reason="close-call",
        suggestions=tuple(
            Suggestion(id=e.id, question=e.question, score=0.5) for e in kb.entries[:3]
        ),
    )
    views.append(reply_message(kb, unsure)[1])
    views.append(topics_message(kb)[1])
    for t, topic in enumerate(kb.topics):
        count = sum(e.topic == topic for e in kb.entries)
        for page in range(-(-count // QUESTIONS_PER_PAGE)):
            views.append(topic_page(kb, t, page)[1])
    ignore = discord.ui.View()
    ignore.add_item(IgnoreButton(1234))
    views.append(ignore)
    ids: set[str] = set()
    for view in views:
        for child in view.children:
            item = child.item if isinstance(child, discord.ui.DynamicItem) else child
            custom_id = getattr(item, "custom_id", None)
            assert custom_id, item
            ids.add(custom_id)
    return ids


async def test_every_extension_loads_and_every_emitted_custom_id_has_a_template(
    answerer: Answerer,
) -> None:
    bot = FaqBot(Settings(_env_file=None), answerer)
    names = extensions()
    assert {"bot.discord_app.cogs.ask", "bot.discord_app.cogs.browse"} <= set(names)
    for name in names:
        await bot.load_extension(name)
    assert set(bot.extensions) == set(names)

    commands = [(c.name, type(c).__name__) for c in bot.tree.walk_commands()]
    assert len(commands) == len(set(commands)), commands
    top = {c.name for c in bot.tree.get_commands()}
    assert {"ask", "topics", "about", "config", "kb", "Answer with the FAQ"} <= top

    templates: list[re.Pattern[str]] = list(bot._connection._view_store._dynamic_items)
    emitted = _emitted(answerer)
    assert any(i.startswith("faq:ignore:") for i in emitted)
    for custom_id in sorted(emitted):
        assert len(custom_id) <= 100
        assert any(t.fullmatch(custom_id) for t in templates), f"unregistered: {custom_id}"

    for name in names:
        await bot.unload_extension(name)
    assert not bot._connection._view_store._dynamic_items
