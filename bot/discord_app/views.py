"""Buttons and menus. Every item is a `DynamicItem`: its custom_id carries what it does
("faq:answer:k5-belt"), so a click works from any message, after a restart, on any shard.
Views still time out and grey their buttons out, so people see that a message is old."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any, cast

import discord

from bot.answer.answerer import Reply
from bot.discord_app import render

if TYPE_CHECKING:
    from bot.discord_app.client import FaqBot

log = logging.getLogger(__name__)
VIEW_TIMEOUT = 15 * 60.0  # interaction tokens live 15 minutes: edits are possible until then
QUESTIONS_PER_PAGE = 4
_ID = r"[a-z0-9]+(?:-[a-z0-9]+)*"


def bot_of(interaction: discord.Interaction[Any]) -> FaqBot:
    return cast("FaqBot", interaction.client)


async def send_reply(
    interaction: discord.Interaction[Any], reply: Reply, *, ephemeral: bool
) -> None:
    """Answer an interaction with an engine Reply: embed plus buttons."""
    bot = bot_of(interaction)
    embed, view = reply_message(bot, reply)
    sent = await interaction.response.send_message(embed=embed, view=view, ephemeral=ephemeral)
    view.attach_interaction(interaction)
    bot.record(reply, interaction.guild_id, sent.message_id if sent else None)


def reply_message(bot: FaqBot, reply: Reply) -> tuple[discord.Embed, TimedView]:
    kb = bot.answerer.kb
    if reply.answered and reply.entry is not None:
        embed = render.answer_embed(reply.entry, kb, asked=None)
        return embed, AnswerView(bot, reply)
    return render.not_answered_embed(reply), SuggestionView(reply)


def _button(
    custom_id: str,
    text: str | None = None,
    *,
    emoji: str | None = None,
    style: discord.ButtonStyle = discord.ButtonStyle.secondary,
    row: int | None = None,
    disabled: bool = False,
) -> discord.ui.Button[Any]:
    return discord.ui.Button(
        label=render.label(text) if text else None,
        emoji=emoji,
        style=style,
        custom_id=custom_id,
        row=row,
        disabled=disabled,
    )


class TimedView(discord.ui.View):
    """A view that greys out its buttons when it times out, on whatever message holds it."""

    def __init__(self) -> None:
        super().__init__(timeout=VIEW_TIMEOUT)
        self._interaction: discord.Interaction[Any] | None = None
        self.message: discord.Message | None = None

    def attach_interaction(self, interaction: discord.Interaction[Any]) -> None:
        self._interaction = interaction

    async def on_timeout(self) -> None:
        for child in self.children:
            item = child.item if isinstance(child, discord.ui.DynamicItem) else child
            if isinstance(item, discord.ui.Button | discord.ui.Select):
                item.disabled = True
        try:
            if self.message is not None:
                await self.message.edit(view=self)
            elif self._interaction is not None:
                await self._interaction.edit_original_response(view=self)
        except discord.HTTPException as exc:  # message deleted, token expired: nothing to do
            log.debug("could not disable an expired view: %s", exc)


class AnswerButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]], template=rf"faq:answer:(?P<id>{_ID})"
):
    """Answers one entry, exactly (a follow-up, a suggestion, a question in a list)."""

    def __init__(
        self,
        entry_id: str,
        text: str = "Answer",
        style: discord.ButtonStyle = discord.ButtonStyle.secondary,
        row: int | None = None,
    ) -> None:
        super().__init__(_button(f"faq:answer:{entry_id}", text, style=style, row=row))
        self.entry_id = entry_id

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> AnswerButton:
        return cls(match["id"], getattr(item, "label", None) or "Answer")

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        reply = bot_of(interaction).answerer.answer_entry(self.entry_id)
        if reply is None:
            await interaction.response.send_message(
                "That question is no longer in the knowledge base. Try `/topics`.", ephemeral=True
            )
            return
        message_id = interaction.message.id if interaction.message else None
        bot_of(interaction).record_pick(self.entry_id, message_id, interaction.guild_id)
        await send_reply(interaction, reply, ephemeral=True)


class FeedbackButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=rf"faq:vote:(?P<vote>up|down):(?P<id>{_ID})",
):
    def __init__(self, entry_id: str, vote: str) -> None:
        super().__init__(
            _button(f"faq:vote:{vote}:{entry_id}", emoji="👍" if vote == "up" else "👎", row=4)
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
        return cls(match["id"], match["vote"])

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        bot_of(interaction).record_vote(self.entry_id, up=self.vote == "up")
        text = (
            "Thanks, glad it helped!"
            if self.vote == "up"
            else "Thanks: the curators will look at this answer. If you know a better source, "
            "tell the server's moderators."
        )
        await interaction.response.send_message(text, ephemeral=True)


class SourcesButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]], template=rf"faq:sources:(?P<id>{_ID})"
):
    def __init__(self, entry_id: str) -> None:
        super().__init__(_button(f"faq:sources:{entry_id}", "Sources", row=4))
        self.entry_id = entry_id

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> SourcesButton:
        return cls(match["id"])

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        kb = bot_of(interaction).answerer.kb
        entry = kb.get(self.entry_id)
        if entry is None:
            await interaction.response.send_message("That entry is gone.", ephemeral=True)
            return
        await interaction.response.send_message(
            embed=render.sources_embed(entry, kb), ephemeral=True
        )


class AnswerView(TimedView):
    """Under an answer: up to 3 related questions, 👍 / 👎, and Sources when they don't fit."""

    def __init__(self, bot: FaqBot, reply: Reply) -> None:
        super().__init__()
        assert reply.entry is not None
        kb = bot.answerer.kb
        follow = [s.id for s in reply.suggestions] + list(reply.entry.related)
        for row, entry_id in enumerate(list(dict.fromkeys(follow))[:3]):
            entry = kb.get(entry_id)
            if entry is not None and entry_id != reply.entry.id:
                self.add_item(AnswerButton(entry_id, entry.question, row=row))
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
                )
            )


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
        return cls(list(bot_of(interaction).answerer.kb.topics))

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        values = self.item.values
        topic = int(values[0]) if values and values[0].isdigit() else 0
        embed, view = topic_page(bot_of(interaction), topic, 0)
        await interaction.response.send_message(embed=embed, view=view, ephemeral=True)
        view.attach_interaction(interaction)


class TopicPageButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"faq:page:(?P<topic>\d+):(?P<page>\d+)",
):
    def __init__(self, topic: int, page: int, text: str, disabled: bool = False) -> None:
        super().__init__(_button(f"faq:page:{topic}:{page}", text, row=4, disabled=disabled))
        self.topic, self.page = topic, page

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> TopicPageButton:
        return cls(int(match["topic"]), int(match["page"]), getattr(item, "label", None) or "")

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        embed, view = topic_page(bot_of(interaction), self.topic, self.page)
        await interaction.response.edit_message(embed=embed, view=view)
        view.attach_interaction(interaction)


def topics_message(bot: FaqBot) -> tuple[discord.Embed, TimedView]:
    kb = bot.answerer.kb
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


def topic_page(bot: FaqBot, topic: int, page: int) -> tuple[discord.Embed, TimedView]:
    kb = bot.answerer.kb
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


class IgnoreButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"faq:ignore:(?P<author>\d+)"
):
    """Under an automatic answer: the person it answered (or a moderator) can remove it."""

    def __init__(self, author_id: int) -> None:
        super().__init__(
            _button(f"faq:ignore:{author_id}", "Ignore", style=discord.ButtonStyle.danger, row=4)
        )
        self.author_id = author_id

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> IgnoreButton:
        return cls(int(match["author"]))

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        perms = getattr(interaction.user, "guild_permissions", None)
        if interaction.user.id != self.author_id and not (perms and perms.manage_messages):
            await interaction.response.send_message(
                "Only the person this answered (or a moderator) can dismiss it.", ephemeral=True
            )
            return
        if interaction.message is not None:
            await interaction.response.defer()
            await interaction.message.delete()


DYNAMIC_ITEMS: tuple[type[discord.ui.DynamicItem[Any]], ...] = (
    AnswerButton,
    FeedbackButton,
    SourcesButton,
    TopicSelect,
    TopicPageButton,
    IgnoreButton,
)
