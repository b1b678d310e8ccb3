"""Questions in every form: /ask, mentions and DMs, the context menu, opt-in auto-answer."""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.answer import Reply
from bot.bounded import BoundedDict, Recent
from bot.discord_app import errors, render
from bot.discord_app.cooldown import Cooldowns
from bot.discord_app.delivery import deliver
from bot.discord_app.ui import answer as answer_ui
from bot.discord_app.ui import autoanswer as autoanswer_ui
from bot.discord_app.ui.answer import reply_message, send_reply
from bot.discord_app.ui.autoanswer import IgnoreButton
from bot.discord_app.ui.common import send_ephemeral

if TYPE_CHECKING:
    from bot.discord_app.bot import FaqBot

log = logging.getLogger(__name__)
PICK_PREFIX = "entry:"  # autocomplete values that name an entry rather than free text
AUTOCOMPLETE_LIMIT = 25
#: messages already auto-answered, so an edit or a replay never answers twice
AUTO_ANSWERED_MEMORY = 10_000
#: a follow-up ("and laos?") is read with the same person's question in the same channel
#: asked at most this many seconds before
FOLLOW_UP_SECONDS = 5 * 60
#: a mention not answered because of the cooldown gets this reaction, once per window
COOLDOWN_REACTION = "⏳"
#: users whose cooldown notice is remembered (older ones may get a second ⏳, no harm)
COOLDOWN_MEMORY = 10_000


class AskCog(commands.Cog):
    """Every way of asking; it sends (and so registers) the answer and Ignore buttons."""

    ITEMS = (*answer_ui.ITEMS, *autoanswer_ui.ITEMS)

    def __init__(self, bot: FaqBot) -> None:
        self.bot = bot
        #: per-user limits, one for /ask and one for mentions and DMs
        self.slash_cooldown = Cooldowns(bot.settings.cooldown_rate, bot.settings.cooldown_seconds)
        self.message_cooldown = Cooldowns(
            bot.settings.cooldown_rate, bot.settings.cooldown_seconds
        )
        self.auto_answered: BoundedDict[int, None] = BoundedDict(size=AUTO_ANSWERED_MEMORY)
        self.previous: Recent[tuple[int | None, int], str] = Recent(
            size=AUTO_ANSWERED_MEMORY, ttl=FOLLOW_UP_SECONDS
        )
        #: user id -> when their current cooldown window ends (monotonic), once ⏳ was shown
        self.cooldown_noticed: BoundedDict[int, float] = BoundedDict(size=COOLDOWN_MEMORY)
        self.context_menu = app_commands.ContextMenu(
            name="Answer with the FAQ", callback=self.answer_message
        )

    async def cog_load(self) -> None:
        """Register the buttons this cog sends, and the context menu."""
        self.bot.add_dynamic_items(*self.ITEMS)
        self.bot.tree.add_command(self.context_menu)

    async def cog_unload(self) -> None:
        """Undo `cog_load`."""
        self.bot.remove_dynamic_items(*self.ITEMS)
        self.bot.tree.remove_command(self.context_menu.name, type=self.context_menu.type)

    async def interaction_check(self, interaction: discord.Interaction[Any], /) -> bool:
        """The cog's slash commands (/ask) count against the person's cooldown; over it,
        the error path tells them how long to wait."""
        retry_after = self.slash_cooldown.hit(interaction.user.id)
        if retry_after is not None:
            raise app_commands.CommandOnCooldown(self.slash_cooldown.cooldown, retry_after)
        return True

    @app_commands.command(
        name="ask",
        description="Ask about the CCM, Cambodia's clearance "
        "record or the July 2023 cluster munition appeals (English or Khmer)",
    )
    @app_commands.describe(question="Your question, in your own words, in English or Khmer")
    async def ask(self, interaction: discord.Interaction[FaqBot], question: str) -> None:
        """Answer a question publicly (or an entry picked from autocomplete)."""
        with self.bot.metrics.interaction("slash"):
            if question.startswith(PICK_PREFIX):
                entry_id, _, lang = question.removeprefix(PICK_PREFIX).partition(":")
                reply = self.bot.answerer.answer_entry(
                    entry_id, lang="km" if lang == "km" else "en"
                )
                if reply is not None:
                    await send_reply(interaction, reply, ephemeral=False)
                    return
            reply = self._ask(question, (interaction.channel_id, interaction.user.id))
            await send_reply(interaction, reply, ephemeral=False)

    def _ask(self, text: str, who: tuple[int | None, int]) -> Reply:
        """Ask the engine, reading a short follow-up with this person's last question here."""
        reply = self.bot.ask(text, previous=self.previous.get(who))
        last = reply.shown[-1]
        if last.normalized:
            self.previous[who] = last.normalized
        return reply

    @ask.autocomplete("question")
    async def ask_autocomplete(
        self, interaction: discord.Interaction[FaqBot], current: str
    ) -> list[app_commands.Choice[str]]:
        """Suggestions as the user types, straight from the in-memory index: Khmer questions
        (answered in Khmer when picked) when the typed text is Khmer."""
        khmer = self.bot.answerer.language(current) == "km"
        choices = []
        for entry in self.bot.answerer.suggest(current, limit=AUTOCOMPLETE_LIMIT):
            shown = entry.km.question if khmer and entry.km else entry.question
            choices.append(
                app_commands.Choice(
                    name=render.label(shown, render.OPTION_LIMIT),
                    value=f"{PICK_PREFIX}{entry.id}" + (":km" if khmer else ""),
                )
            )
        return choices

    async def answer_message(
        self, interaction: discord.Interaction[FaqBot], message: discord.Message
    ) -> None:
        """Context menu: run the engine on someone else's message and answer it publicly."""
        if not message.content.strip():
            await send_ephemeral(interaction, "That message has no text I can read.")
            return
        with self.bot.metrics.interaction("context-menu"):
            reply = self.bot.ask(message.content)
            embeds, view = reply_message(self.bot.answerer.kb, reply)
            sent = await deliver(
                lambda: interaction.response.send_message(
                    content=f"↪ In reply to {message.jump_url}", embeds=embeds, view=view
                ),
                metrics=self.bot.metrics,
            )
        self.bot.expiry.interaction(interaction, view)
        self.bot.recorder.reply(
            reply,
            guild_id=interaction.guild_id,
            channel_kind="guild" if interaction.guild_id else "dm",
            offer_key=sent.message_id if sent else None,
        )

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """Mentions and DMs always; messages in auto-answer channels when very sure."""
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
        retry_after = self.message_cooldown.hit(message.author.id)
        if retry_after is not None:
            log.info("cooldown: did not answer a message from user %s", message.author.id)
            await self._cooldown_notice(message, retry_after)
            return
        reply: Reply | None = None
        try:
            with self.bot.metrics.interaction("dm" if message.guild is None else "mention"):
                reply = self._ask(message.content, (message.channel.id, message.author.id))
                embeds, view = reply_message(self.bot.answerer.kb, reply)
                sent = await deliver(
                    lambda: message.reply(embeds=embeds, view=view, mention_author=False),
                    metrics=self.bot.metrics,
                )
        except Exception as exc:
            entry = reply.entry.id if reply is not None and reply.entry else None
            await errors.report_message(message, exc, where="mention", entry=entry)
            return
        self.bot.expiry.message(sent, view)
        self.bot.recorder.reply(
            reply,
            guild_id=message.guild.id if message.guild else None,
            channel_kind="guild" if message.guild else "dm",
            offer_key=sent.id,
        )

    async def _cooldown_notice(self, message: discord.Message, retry_after: float) -> None:
        """React ⏳ to a mention or DM not answered for the cooldown, so the person knows why;
        once per cooldown window, so a burst of messages gets one reaction, not one each."""
        now = time.monotonic()
        if self.cooldown_noticed.get(message.author.id, 0.0) > now:
            return
        self.cooldown_noticed[message.author.id] = now + retry_after
        try:
            await message.add_reaction(COOLDOWN_REACTION)
        except discord.HTTPException as exc:  # no Add Reactions permission, message gone...
            log.info("cooldown: could not react on message %s: %s", message.id, exc)

    async def _auto_answer(self, message: discord.Message) -> None:
        """Opt-in channels: answer only when very sure, at most once per message."""
        if message.id in self.auto_answered or not message.content.strip():
            return
        reply: Reply | None = None
        start = time.perf_counter()
        try:
            reply = self.bot.ask(message.content)
            if not reply.answered or reply.confidence < self.bot.settings.autoanswer_confidence:
                return
            self.auto_answered[message.id] = None
            embeds, view = reply_message(self.bot.answerer.kb, reply)
            view.add_item(IgnoreButton(message.author.id))
            sent = await deliver(
                lambda: message.reply(embeds=embeds, view=view, mention_author=False),
                metrics=self.bot.metrics,
            )
            self.bot.expiry.message(sent, view)
            self.bot.metrics.interaction_seconds.labels("auto-answer").observe(
                time.perf_counter() - start
            )
            self.bot.recorder.reply(
                reply,
                guild_id=message.guild.id if message.guild else None,
                channel_kind="guild",
            )
        except discord.Forbidden:
            log.warning("no permission to auto-answer in channel %s", message.channel.id)
        except Exception as exc:  # nobody asked the bot here: log, never post an apology
            entry = reply.entry.id if reply is not None and reply.entry else None
            errors.log_failure(
                exc,
                where="auto-answer",
                guild_id=message.guild.id if message.guild else None,
                channel_id=message.channel.id,
                entry=entry,
            )


async def setup(bot: FaqBot) -> None:
    """Load the ask cog."""
    await bot.add_cog(AskCog(bot))
