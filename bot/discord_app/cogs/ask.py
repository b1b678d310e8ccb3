"""Questions in every form: /ask, mentions and DMs, the context menu, opt-in auto-answer."""

from __future__ import annotations

import logging
from collections import OrderedDict
from typing import Any, cast

import discord
from discord import app_commands
from discord.ext import commands

from bot.answer.answerer import MAX_QUESTION_CHARS
from bot.discord_app import render
from bot.discord_app.client import FaqBot, send_ephemeral
from bot.discord_app.views import IgnoreButton, reply_message, send_reply

log = logging.getLogger(__name__)
PICK_PREFIX = "entry:"  # autocomplete values that name an entry rather than free text
AUTOCOMPLETE_LIMIT = 25
TOO_LONG = (
    f"That's longer than I can read ({MAX_QUESTION_CHARS} characters). "
    "Please ask one question in a sentence or two."
)


def _user_cooldown(interaction: discord.Interaction[Any]) -> app_commands.Cooldown | None:
    settings = cast(FaqBot, interaction.client).settings
    return app_commands.Cooldown(settings.cooldown_rate, settings.cooldown_seconds)


class AskCog(commands.Cog):
    def __init__(self, bot: FaqBot) -> None:
        self.bot = bot
        self.message_cooldown = commands.CooldownMapping.from_cooldown(
            bot.settings.cooldown_rate, bot.settings.cooldown_seconds, commands.BucketType.user
        )
        self.auto_answered: OrderedDict[int, None] = OrderedDict()
        self.context_menu = app_commands.ContextMenu(
            name="Answer with the FAQ", callback=self.answer_message
        )
        bot.tree.add_command(self.context_menu)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.context_menu.name, type=self.context_menu.type)

    @app_commands.command(
        name="ask",
        description="Ask about the CCM, Cambodia's clearance "
        "record or the July 2023 cluster munition appeals",
    )
    @app_commands.describe(question="Your question, in your own words")
    @app_commands.checks.dynamic_cooldown(_user_cooldown, key=lambda i: i.user.id)
    async def ask(self, interaction: discord.Interaction[Any], question: str) -> None:
        if question.startswith(PICK_PREFIX):
            reply = self.bot.answerer.answer_entry(question.removeprefix(PICK_PREFIX))
            if reply is not None:
                await send_reply(interaction, reply, ephemeral=False)
                return
        if len(question) > MAX_QUESTION_CHARS:
            await send_ephemeral(interaction, TOO_LONG)
            return
        reply = self.bot.answerer.ask(question)
        await send_reply(interaction, reply, ephemeral=False)

    @ask.autocomplete("question")
    async def ask_autocomplete(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        """Suggestions as the user types, straight from the in-memory index."""
        answerer = self.bot.answerer
        if not current.strip():
            entries = [e for e in answerer.kb.entries if e.kind != "about"]
            ids = [e.id for e in entries[:AUTOCOMPLETE_LIMIT]]
        else:
            _, candidates = answerer.matcher.search(
                answerer.normalizer(current[:200]), limit=AUTOCOMPLETE_LIMIT
            )
            ids = [c.entry_id for c in candidates]
        choices = []
        for entry_id in ids[:AUTOCOMPLETE_LIMIT]:
            entry = answerer.kb.get(entry_id)
            if entry is not None:
                choices.append(
                    app_commands.Choice(
                        name=render.label(entry.question, render.OPTION_LIMIT),
                        value=f"{PICK_PREFIX}{entry.id}",
                    )
                )
        return choices

    async def answer_message(
        self, interaction: discord.Interaction[Any], message: discord.Message
    ) -> None:
        """Context menu: run the engine on someone else's message and answer it publicly."""
        if not message.content.strip():
            await send_ephemeral(interaction, "That message has no text I can read.")
            return
        reply = self.bot.answerer.ask(message.content[: MAX_QUESTION_CHARS + 1])
        embed, view = reply_message(self.bot, reply)
        sent = await interaction.response.send_message(
            content=f"↪ In reply to {message.jump_url}", embed=embed, view=view
        )
        view.attach_interaction(interaction)
        self.bot.record(reply, interaction.guild_id, sent.message_id if sent else None)

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot or self.bot.user is None:
            return
        direct = message.guild is None
        mentioned = self.bot.user in message.mentions and not message.mention_everyone
        if direct or mentioned:
            await self._answer_mention(message)
        elif (
            message.guild is not None
            and self.bot.settings.message_content
            and self.bot.guild_config.autoanswer(message.guild.id, message.channel.id)
        ):
            await self._auto_answer(message)

    async def _answer_mention(self, message: discord.Message) -> None:
        if self.message_cooldown.update_rate_limit(message) is not None:
            log.info("cooldown: ignored a message from user %s", message.author.id)
            return
        reply = self.bot.answerer.ask(message.content[: MAX_QUESTION_CHARS + 1])
        embed, view = reply_message(self.bot, reply)
        try:
            view.message = await message.reply(embed=embed, view=view, mention_author=False)
        except discord.Forbidden:
            log.warning("no permission to reply in channel %s", message.channel.id)
            return
        self.bot.record(reply, message.guild.id if message.guild else None, view.message.id)

    async def _auto_answer(self, message: discord.Message) -> None:
        """Opt-in channels: answer only when very sure, at most once per message."""
        if message.id in self.auto_answered or not message.content.strip():
            return
        reply = self.bot.answerer.ask(message.content[: MAX_QUESTION_CHARS + 1])
        if not reply.answered or reply.confidence < self.bot.settings.autoanswer_confidence:
            return
        self.auto_answered[message.id] = None
        while len(self.auto_answered) > 10_000:
            self.auto_answered.popitem(last=False)
        embed, view = reply_message(self.bot, reply)
        view.add_item(IgnoreButton(message.author.id))
        try:
            view.message = await message.reply(embed=embed, view=view, mention_author=False)
        except discord.Forbidden:
            log.warning("no permission to auto-answer in channel %s", message.channel.id)


async def setup(bot: FaqBot) -> None:
    await bot.add_cog(AskCog(bot))
