"""The bot: an AutoShardedBot whose cogs are thin adapters over the answer engine."""

from __future__ import annotations

import asyncio
import logging
import signal
from collections import OrderedDict
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.answer.answerer import Answerer, Reply
from bot.config import Settings
from bot.curation import record_reply
from bot.discord_app.guild_config import GuildConfig
from bot.discord_app.views import DYNAMIC_ITEMS
from bot.engine import build_answerer
from bot.kb.loader import KnowledgeBaseError
from bot.store import Store

log = logging.getLogger(__name__)
EXTENSIONS = (
    "bot.discord_app.cogs.ask",
    "bot.discord_app.cogs.browse",
    "bot.discord_app.cogs.admin",
)
UNHANDLED_GRACE = 1.5  # seconds to let a button's own handler answer first (Discord allows 3)
APOLOGY = "Sorry, something went wrong on my side. Please try again in a moment."


def intents_for(settings: Settings) -> discord.Intents:
    """Guild messages and DMs carry content when the bot is mentioned or DMed, without the
    privileged message-content intent; only opt-in auto-answer needs it."""
    intents = discord.Intents.none()
    intents.guilds = True
    intents.guild_messages = True
    intents.dm_messages = True
    intents.message_content = settings.message_content
    return intents


class FaqTree(app_commands.CommandTree["FaqBot"]):
    async def on_error(
        self, interaction: discord.Interaction[FaqBot], error: app_commands.AppCommandError, /
    ) -> None:
        """Errors become a short ephemeral note for the user and a log line with context."""
        if isinstance(error, app_commands.CommandOnCooldown):
            text = f"Slow down a little: try again in {error.retry_after:.0f} s."
        elif isinstance(error, app_commands.MissingPermissions | app_commands.CheckFailure):
            text = "You need the Manage Server permission for that."
        else:
            original = getattr(error, "original", error)
            command = interaction.command.qualified_name if interaction.command else "?"
            if isinstance(original, discord.Forbidden):
                log.warning(
                    "missing permission in channel %s for /%s: %s",
                    interaction.channel_id,
                    command,
                    original,
                )
                text = "I don't have permission to post in this channel."
            else:
                log.error(
                    "error in /%s (guild %s, channel %s)",
                    command,
                    interaction.guild_id,
                    interaction.channel_id,
                    exc_info=original,
                )
                text = APOLOGY
        await send_ephemeral(interaction, text)


class FaqBot(commands.AutoShardedBot):
    def __init__(
        self,
        settings: Settings,
        answerer: Answerer,
        guild_config: GuildConfig | None = None,
        store: Store | None = None,
        **options: Any,
    ) -> None:
        if settings.shard_ids:
            options["shard_ids"] = list(settings.shard_ids)
        super().__init__(
            command_prefix=commands.when_mentioned,
            help_command=None,
            intents=intents_for(settings),
            allowed_mentions=discord.AllowedMentions.none(),
            shard_count=settings.shard_count,
            tree_cls=FaqTree,
            **options,
        )
        self.settings = settings
        self.answerer = answerer
        self.guild_config = guild_config or GuildConfig(None)
        self.store = store or Store.disabled()
        #: message id -> the unanswered question it offered suggestions for (pick pairing)
        self.offered: OrderedDict[int, str] = OrderedDict()
        self._reload_lock = asyncio.Lock()

    async def setup_hook(self) -> None:
        self.add_dynamic_items(*DYNAMIC_ITEMS)
        try:  # the same reload as /kb reload, for deployments: kill -HUP <pid>
            self.loop.add_signal_handler(
                signal.SIGHUP, lambda: asyncio.ensure_future(self.reload_knowledge())
            )
        except (NotImplementedError, RuntimeError, AttributeError):  # not on this platform
            log.debug("no SIGHUP reload on this platform")
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        if self.settings.dev_guild_id:
            guild = discord.Object(id=self.settings.dev_guild_id)
            self.tree.copy_global_to(guild=guild)
            await self.tree.sync(guild=guild)
            log.info("commands synced to the development guild %s", guild.id)

    async def on_message(self, message: discord.Message, /) -> None:
        """No prefix commands: the ask cog handles mentions, DMs and auto-answer."""

    async def on_ready(self) -> None:
        log.info(
            "ready as %s in %d guild(s), shards %s",
            self.user,
            len(self.guilds),
            self.shard_ids or "all",
        )

    async def on_interaction(self, interaction: discord.Interaction[Any], /) -> None:
        """A click on one of our buttons that nothing handled (an old format, a removed
        feature) gets a short note rather than Discord's "interaction failed"."""
        if interaction.type is not discord.InteractionType.component:
            return
        data: dict[str, Any] = dict(interaction.data or {})
        custom_id = str(data.get("custom_id", ""))
        if not custom_id.startswith("faq:"):
            return
        await asyncio.sleep(UNHANDLED_GRACE)
        if not interaction.response.is_done():
            await send_ephemeral(
                interaction,
                "This button has expired. Ask again with `/ask` or browse with `/topics`.",
            )

    async def close(self) -> None:
        await super().close()
        await asyncio.to_thread(self.store.close)

    # -- curator records ---------------------------------------------------------------------
    def record(self, reply: Reply, guild_id: int | None, message_id: int | None) -> None:
        record_reply(
            self.store, reply, guild_id=guild_id, channel_kind="guild" if guild_id else "dm"
        )
        if not reply.answered and reply.suggestions and message_id and reply.normalized:
            self.offered[message_id] = reply.normalized
            while len(self.offered) > 5000:
                self.offered.popitem(last=False)

    def record_vote(self, entry_id: str, *, up: bool) -> None:
        self.store.record_vote(entry_id, up=up)

    def record_pick(self, entry_id: str, message_id: int | None, guild_id: int | None) -> None:
        """A suggestion picked from our "did you mean" message: pair it with the question."""
        question = self.offered.get(message_id) if message_id else None
        if question:
            self.store.record_pick(question, entry_id, guild_id)

    # -- knowledge base reload --------------------------------------------------------------
    async def reload_knowledge(self) -> tuple[bool, str]:
        """Validate the whole knowledge base first; swap in one step only if it is sound.
        On any error the old one keeps answering, and the errors are returned."""
        async with self._reload_lock:
            before = len(self.answerer.kb.entries)
            try:
                fresh = await asyncio.to_thread(build_answerer, self.settings)
            except KnowledgeBaseError as exc:
                log.warning(
                    "reload refused, still serving the old knowledge base:\n%s", exc.summary()
                )
                return False, exc.summary()
            self.answerer = fresh
            after = len(fresh.kb.entries)
            log.info("knowledge base reloaded: %d -> %d entries", before, after)
            return True, f"Reloaded: {before} -> {after} entries, {len(fresh.kb.topics)} topics."


async def send_ephemeral(interaction: discord.Interaction[Any], text: str) -> None:
    try:
        if interaction.response.is_done():
            await interaction.followup.send(text, ephemeral=True)
        else:
            await interaction.response.send_message(text, ephemeral=True)
    except discord.HTTPException as exc:
        log.warning("could not tell the user about an error: %s", exc)


async def run_bot(settings: Settings, answerer: Answerer) -> None:
    assert settings.discord_token is not None
    from bot.discord_app.guild_config import GuildConfig

    bot = FaqBot(
        settings,
        answerer,
        GuildConfig(settings.db_path),
        Store(settings.db_path, retention_days=settings.retention_days),
    )
    async with bot:
        await bot.start(settings.discord_token.get_secret_value())


async def sync_commands(settings: Settings, answerer: Answerer, guild_id: int | None) -> int:
    """Log in over HTTP only and register the slash commands (globally or in one guild)."""
    assert settings.discord_token is not None
    bot = FaqBot(settings.model_copy(update={"dev_guild_id": None}), answerer)
    async with bot:
        await bot.login(settings.discord_token.get_secret_value())
        if guild_id:
            guild = discord.Object(id=guild_id)
            bot.tree.copy_global_to(guild=guild)
            synced = await bot.tree.sync(guild=guild)
        else:
            synced = await bot.tree.sync()
    await asyncio.sleep(0)
    return len(synced)
