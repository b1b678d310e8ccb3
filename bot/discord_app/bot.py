"""The bot: an AutoShardedBot that holds the engine and the services the cogs share.

It knows no UI: each cog registers the buttons it sends, and every failure a person could see
goes through `bot.discord_app.errors`. Curator state lives in the `Recorder`, shared with the
terminal chat. Extensions are discovered in `bot.discord_app.cogs`: one file per feature.
"""

from __future__ import annotations

import asyncio
import logging
import pkgutil
import signal
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.answer import Answerer, build_answerer
from bot.config import Settings
from bot.curator.recording import Recorder
from bot.curator.store import Store
from bot.discord_app import cogs, errors
from bot.discord_app.guild_config import GuildConfig
from bot.kb.loader import KnowledgeBaseError

log = logging.getLogger(__name__)


def extensions() -> tuple[str, ...]:
    """Every module in `bot.discord_app.cogs`, each an extension with `setup(bot)`."""
    return tuple(
        sorted(
            module.name
            for module in pkgutil.iter_modules(cogs.__path__, f"{cogs.__name__}.")
            if not module.ispkg
        )
    )


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
    """The slash-command tree: its errors go through the one error path."""

    async def on_error(
        self, interaction: discord.Interaction[FaqBot], error: app_commands.AppCommandError, /
    ) -> None:
        """A short ephemeral note for the person, a log line with context for operators."""
        command = interaction.command.qualified_name if interaction.command else "?"
        await errors.report(interaction, error, where=f"/{command}")


class FaqBot(commands.AutoShardedBot):
    """The Discord adapter's root: settings, the answer engine, guild settings, the recorder."""

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
        self.recorder = Recorder(self.store)
        self._reload_lock = asyncio.Lock()

    async def setup_hook(self) -> None:
        """Load every extension, install the SIGHUP reload, sync to the dev guild if set."""
        try:  # the same reload as /kb reload, for deployments: kill -HUP <pid>
            self.loop.add_signal_handler(
                signal.SIGHUP, lambda: asyncio.ensure_future(self.reload_knowledge())
            )
        except (NotImplementedError, RuntimeError, AttributeError):  # not on this platform
            log.debug("no SIGHUP reload on this platform")
        for extension in extensions():
            try:
                await self.load_extension(extension)
            except commands.ExtensionError:
                log.exception("extension %s failed to load; the others still run", extension)
        if self.settings.dev_guild_id:
            guild = discord.Object(id=self.settings.dev_guild_id)
            self.tree.copy_global_to(guild=guild)
            await self.tree.sync(guild=guild)
            log.info("commands synced to the development guild %s", guild.id)

    async def on_message(self, message: discord.Message, /) -> None:
        """No prefix commands: the ask cog handles mentions, DMs and auto-answer."""

    async def on_ready(self) -> None:
        """One line when the gateway is ready."""
        log.info(
            "ready as %s in %d guild(s), shards %s",
            self.user,
            len(self.guilds),
            self.shard_ids or "all",
        )

    async def on_error(self, event_method: str, /, *args: Any, **kwargs: Any) -> None:
        """A listener failed outside the cogs' own handling: log it with its message's place."""
        message = next((a for a in args if isinstance(a, discord.Message)), None)
        log.exception(
            "error in %s (guild %s, channel %s)",
            event_method,
            message.guild.id if message and message.guild else None,
            message.channel.id if message else None,
        )

    async def close(self) -> None:
        """Close the gateway, then flush what the store still holds."""
        await super().close()
        await asyncio.to_thread(self.store.close)

    async def reload_knowledge(self) -> tuple[bool, str]:
        """Validate the whole knowledge base first; swap in one step only if it is sound.
        On any error the old one keeps answering, and the errors are returned."""
        async with self._reload_lock:
            before = len(self.answerer.kb.entries)
            try:
                fresh = await asyncio.to_thread(
                    build_answerer, self.settings.knowledge_dir, self.settings.seeds_dir
                )
            except KnowledgeBaseError as exc:
                log.warning(
                    "reload refused, still serving the old knowledge base:\n%s", exc.summary()
                )
                return False, exc.summary()
            self.answerer = fresh
            after = len(fresh.kb.entries)
            log.info("knowledge base reloaded: %d -> %d entries", before, after)
            return True, f"Reloaded: {before} -> {after} entries, {len(fresh.kb.topics)} topics."


async def run_bot(settings: Settings, answerer: Answerer) -> None:
    """Connect to Discord and serve until closed."""
    assert settings.discord_token is not None
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
