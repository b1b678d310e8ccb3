"""The UI under an answer and under "did you mean": follow-up questions, 👍 / 👎, Sources.

Sent by the ask cog (which registers these items) and by topic pages (question buttons).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import discord

from bot.answer import Reply
from bot.discord_app import render
from bot.discord_app.delivery import deliver
from bot.discord_app.errors import guarded
from bot.discord_app.ui.common import ENTRY_ID, TimedView, make_button
from bot.kb.models import KnowledgeBase

if TYPE_CHECKING:
    from bot.discord_app.bot import FaqBot

FOLLOW_UPS = 3


async def send_reply(
    interaction: discord.Interaction[FaqBot], reply: Reply, *, ephemeral: bool
) -> None:
    """Answer an interaction with an engine Reply (embed plus buttons), and record it."""
    bot = interaction.client
    if reply.entry is not None:
        interaction.extras["entry"] = reply.entry.id  # for the error path, should rendering fail
    embeds, view = reply_message(bot.answerer.kb, reply)
    sent = await deliver(
        lambda: interaction.response.send_message(embeds=embeds, view=view, ephemeral=ephemeral),
        metrics=bot.metrics,
    )
    view.attach_interaction(interaction)
    bot.recorder.reply(
        reply,
        guild_id=interaction.guild_id,
        channel_kind="guild" if interaction.guild_id else "dm",
        offer_key=sent.message_id if sent else None,
    )


def reply_message(kb: KnowledgeBase, reply: Reply) -> tuple[list[discord.Embed], TimedView]:
    """The embeds (one per question asked) and buttons for any engine reply."""
    embeds = render.reply_embeds(reply, kb)
    first = next((p for p in reply.shown if p.answered and p.entry is not None), None)
    if first is not None:
        return embeds, AnswerView(kb, first)
    return embeds, SuggestionView(reply)


class AnswerButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=rf"faq:answer:(?P<id>{ENTRY_ID})(?::(?P<lang>km))?",
):
    """Answers one entry, exactly (a follow-up, a suggestion, a question in a list); under a
    Khmer reply (custom_id ending in `:km`) it answers in Khmer too."""

    def __init__(
        self,
        entry_id: str,
        text: str = "Answer",
        style: discord.ButtonStyle = discord.ButtonStyle.secondary,
        row: int | None = None,
        lang: str = "en",
    ) -> None:
        suffix = ":km" if lang == "km" else ""
        super().__init__(
            make_button(f"faq:answer:{entry_id}{suffix}", text, style=style, row=row)
        )
        self.entry_id = entry_id
        self.lang = "km" if lang == "km" else "en"

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> AnswerButton:
        """Rebuild the button from a click on any message, keeping its label."""
        return cls(
            match["id"], getattr(item, "label", None) or "Answer", lang=match["lang"] or "en"
        )

    @guarded
    async def callback(self, interaction: discord.Interaction[FaqBot]) -> None:
        """Answer the entry privately; a pick from suggestions is paired with its question."""
        bot = interaction.client
        reply = bot.answerer.answer_entry(self.entry_id, lang="km" if self.lang == "km" else "en")
        if reply is None:
            await interaction.response.send_message(
                "That question is no longer in the knowledge base. Try `/topics`.", ephemeral=True
            )
            return
        offer = interaction.message.id if interaction.message else None
        bot.recorder.pick(self.entry_id, offer_key=offer, guild_id=interaction.guild_id)
        with bot.metrics.interaction("button"):
            await send_reply(interaction, reply, ephemeral=True)


class FeedbackButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=rf"faq:vote:(?P<vote>up|down):(?P<id>{ENTRY_ID})",
):
    """👍 or 👎 on an answer, for the curators' report."""

    def __init__(self, entry_id: str, vote: str) -> None:
        super().__init__(
            make_button(f"faq:vote:{vote}:{entry_id}", emoji="👍" if vote == "up" else "👎", row=4)
        )
        self.entry_id, self.vote = entry_id, vote

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> FeedbackButton:
        """Rebuild the vote button from its custom_id."""
        return cls(match["id"], match["vote"])

    @guarded
    async def callback(self, interaction: discord.Interaction[FaqBot]) -> None:
        """Record the vote and thank the person privately."""
        interaction.client.recorder.vote(
            self.entry_id, up=self.vote == "up", guild_id=interaction.guild_id
        )
        text = (
            "Thanks, glad it helped!"
            if self.vote == "up"
            else "Thanks: the curators will look at this answer. If you know a better source, "
            "tell the server's moderators."
        )
        await interaction.response.send_message(text, ephemeral=True)


class SourcesButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]], template=rf"faq:sources:(?P<id>{ENTRY_ID})"
):
    """Every source of an entry, when they don't all fit under the answer."""

    def __init__(self, entry_id: str) -> None:
        super().__init__(make_button(f"faq:sources:{entry_id}", "Sources", row=4))
        self.entry_id = entry_id

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> SourcesButton:
        """Rebuild the button from its custom_id."""
        return cls(match["id"])

    @guarded
    async def callback(self, interaction: discord.Interaction[FaqBot]) -> None:
        """Show the full list of sources privately."""
        kb = interaction.client.answerer.kb
        entry = kb.get(self.entry_id)
        if entry is None:
            await interaction.response.send_message("That entry is gone.", ephemeral=True)
            return
        await interaction.response.send_message(
            embed=render.sources_embed(entry, kb), ephemeral=True
        )


class AnswerView(TimedView):
    """Under an answer: up to 3 related questions, 👍 / 👎, and Sources when they don't fit."""

    def __init__(self, kb: KnowledgeBase, reply: Reply) -> None:
        super().__init__()
        assert reply.entry is not None
        follow = [s.id for s in reply.suggestions] + list(reply.entry.related)
        lang = "km" if reply.lang == "km" else "en"
        for row, entry_id in enumerate(list(dict.fromkeys(follow))[:FOLLOW_UPS]):
            entry = kb.get(entry_id)
            if entry is not None and entry_id != reply.entry.id:
                question = entry.km.question if lang == "km" and entry.km else entry.question
                self.add_item(AnswerButton(entry_id, question, row=row, lang=lang))
        self.add_item(FeedbackButton(reply.entry.id, "up"))
        self.add_item(FeedbackButton(reply.entry.id, "down"))
        _, truncated = render.sources_value(render.source_lines(reply.entry, kb))
        if truncated:
            self.add_item(SourcesButton(reply.entry.id))


class SuggestionView(TimedView):
    """Under "did you mean" or "I don't know": the nearest questions, one button each."""

    def __init__(self, reply: Reply) -> None:
        super().__init__()
        for i, suggestion in enumerate(reply.suggestions[:3], 1):
            self.add_item(
                AnswerButton(
                    suggestion.id,
                    f"{i}. {suggestion.question}",
                    style=discord.ButtonStyle.primary,
                    row=i - 1,
                    lang="km" if reply.lang == "km" else "en",
                )
            )


#: what the ask cog registers: every item this module can put on a message
ITEMS: tuple[type[discord.ui.DynamicItem[Any]], ...] = (AnswerButton, FeedbackButton, SourcesButton)
