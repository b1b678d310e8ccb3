"""The UI of /topics: a topic menu, then pages of question buttons."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import discord

from bot.discord_app import render
from bot.discord_app.errors import guarded
from bot.discord_app.ui.answer import AnswerButton
from bot.discord_app.ui.common import TimedView, make_button
from bot.kb.models import KnowledgeBase

if TYPE_CHECKING:
    from bot.discord_app.bot import FaqBot

QUESTIONS_PER_PAGE = 4


class TopicSelect(discord.ui.DynamicItem[discord.ui.Select[Any]], template=r"faq:topics"):
    """Choose a topic; its questions come back as a page of buttons."""

    def __init__(self, topics: list[str] | None = None) -> None:
        options = [
            discord.SelectOption(label=render.label(t, render.OPTION_LIMIT), value=str(i))
            for i, t in enumerate((topics or [])[:25])
        ]
        super().__init__(
            discord.ui.Select(
                custom_id="faq:topics",
                placeholder="Choose a topic",
                options=options or [discord.SelectOption(label="-")],
            )
        )

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> TopicSelect:
        """Rebuild the menu with today's topics."""
        return cls(list(interaction.client.answerer.kb.topics))

    @guarded
    async def callback(self, interaction: discord.Interaction[FaqBot]) -> None:
        """Show the first page of the chosen topic, privately."""
        values = self.item.values
        topic = int(values[0]) if values and values[0].isdigit() else 0
        embed, view = topic_page(interaction.client.answerer.kb, topic, 0)
        await interaction.response.send_message(embed=embed, view=view, ephemeral=True)
        interaction.client.expiry.interaction(interaction, view)


class TopicPageButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"faq:page:(?P<topic>\d+):(?P<page>\d+)",
):
    """◀ Previous / Next ▶ through a topic's questions."""

    def __init__(self, topic: int, page: int, text: str, disabled: bool = False) -> None:
        super().__init__(make_button(f"faq:page:{topic}:{page}", text, row=4, disabled=disabled))
        self.topic, self.page = topic, page

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> TopicPageButton:
        """Rebuild the button from its custom_id, keeping its label."""
        return cls(int(match["topic"]), int(match["page"]), getattr(item, "label", None) or "")

    @guarded
    async def callback(self, interaction: discord.Interaction[FaqBot]) -> None:
        """Replace the page in place."""
        embed, view = topic_page(interaction.client.answerer.kb, self.topic, self.page)
        await interaction.response.edit_message(embed=embed, view=view)
        interaction.client.expiry.interaction(interaction, view)


def topics_message(kb: KnowledgeBase) -> tuple[discord.Embed, TimedView]:
    """Every topic with its number of questions, and the menu to choose one."""
    lines = [
        f"**{topic}**: {sum(1 for e in kb.entries if e.topic == topic)} questions"
        for topic in kb.topics
    ]
    embed = discord.Embed(
        title="Browse the knowledge base",
        colour=render.ANSWER_COLOUR,
        description=render.clip("\n".join(lines), render.DESCRIPTION_LIMIT),
    )
    view = TimedView()
    view.add_item(TopicSelect(list(kb.topics)))
    return embed, view


def topic_page(kb: KnowledgeBase, topic: int, page: int) -> tuple[discord.Embed, TimedView]:
    """One page of a topic's questions, each a button, with paging when there are more."""
    topics = list(kb.topics)
    topic = min(max(topic, 0), len(topics) - 1)
    entries = [e for e in kb.entries if e.topic == topics[topic]]
    pages = max(1, -(-len(entries) // QUESTIONS_PER_PAGE))
    page = min(max(page, 0), pages - 1)
    shown = entries[page * QUESTIONS_PER_PAGE : (page + 1) * QUESTIONS_PER_PAGE]
    embed = discord.Embed(
        title=render.clip(f"{topics[topic]} (page {page + 1}/{pages})", 256),
        description="Press a question to see its answer.",
        colour=render.ANSWER_COLOUR,
    )
    view = TimedView()
    for row, entry in enumerate(shown):
        view.add_item(AnswerButton(entry.id, entry.question, row=row))
    if pages > 1:
        view.add_item(TopicPageButton(topic, max(page - 1, 0), "◀ Previous", disabled=page == 0))
        view.add_item(
            TopicPageButton(
                topic,
                min(page + 1, pages - 1) if page < pages - 1 else page + 1,
                "Next ▶",
                disabled=page >= pages - 1,
            )
        )
    return embed, view


#: what the browse cog registers
ITEMS: tuple[type[discord.ui.DynamicItem[Any]], ...] = (TopicSelect, TopicPageButton)
