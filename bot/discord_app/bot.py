"""The bot: an AutoShardedBot that holds the engine and the services the cogs share.

It knows no UI: each cog registers the buttons it sends, and every failure a person could see
goes through `bot.discord_app.errors`. Curator state lives in the `Recorder`, shared with the
terminal chat. Extensions are discovered in `bot.discord_app.cogs`: one file per feature.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import pkgutil
import signal
import time
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.answer import Answerer, Reply, build_answerer
from bot.config import Settings
from bot.curator.database import database_from_settings
from bot.curator.recording import Recorder
from bot.curator.store import Store
from bot.discord_app import cogs, errors
from bot.discord_app.expiry import Expiry
from bot.discord_app.guild_config import GuildConfig
from bot.discord_app.metrics import Metrics
from bot.kb.loader import KnowledgeBaseError

log = logging.getLogger(__name__)

#: after SIGTERM: the gateway closes and the store flushes within this (the whole exit < 10 s)
SHUTDOWN_SECONDS = 8.0
STORE_CLOSE_SECONDS = 5.0


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
        store: Store | None = None,
        **options: Any,
    ) -> None:
        # the bot never joins voice: no warning about voice libraries at every start
        discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
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
        self.store = store or Store.disabled()
        self.guild_config = GuildConfig(self.store)
        self.recorder = Recorder(self.store, normalize=lambda text: self.answerer.normalizer(text))
        self.metrics = Metrics(self)
        #: greys out the buttons of old messages (one queue, not a task per message)
        self.expiry = Expiry(self)
        self._reload_lock = asyncio.Lock()
        self._background: set[asyncio.Task[None]] = set()

    def ask(self, text: str, *, previous: str | None = None) -> Reply:
        """The engine's reply to a message, timed and counted for the metrics."""
        start = time.perf_counter()
        reply = self.answerer.ask(text, previous=previous)
        self.metrics.match_seconds.observe(time.perf_counter() - start)
        self.metrics.questions.labels(reply.status).inc()
        return reply

    def _keep(self, task: asyncio.Task[None]) -> None:
        """Hold a background task until it ends (`close` cancels what is left)."""
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def setup_hook(self) -> None:
        """Load guild settings and every extension, install the SIGHUP reload, start greying
        out old buttons and the metrics endpoint if asked, sync to the dev guild if set."""
        try:  # the same reload as /kb reload, for deployments: kill -HUP <pid>
            self.loop.add_signal_handler(
                signal.SIGHUP, lambda: asyncio.ensure_future(self.reload_knowledge())
            )
        except (NotImplementedError, RuntimeError, AttributeError):  # not on this platform
            log.debug("no SIGHUP reload on this platform")
        if not await self.guild_config.load():
            self._keep(asyncio.create_task(self.guild_config.keep_loading()))
        self._keep(asyncio.create_task(self.expiry.run()))
        if self.settings.metrics_port:
            await self.metrics.serve(self.settings.metrics_addr, self.settings.metrics_port)
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
        """Close the gateway, then flush what the store still holds (bounded in time)."""
        await super().close()
        for task in list(self._background):
            task.cancel()
        await self.metrics.stop()
        await asyncio.to_thread(self.store.close, STORE_CLOSE_SECONDS)

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
                self.metrics.kb_reloads.labels("refused").inc()
                log.warning(
                    "reload refused, still serving the old knowledge base:\n%s", exc.summary()
                )
                return False, exc.summary()
            self.metrics.kb_reloads.labels("ok").inc()
            self.answerer = fresh
            after = len(fresh.kb.entries)
            log.info("knowledge base reloaded: %d -> %d entries", before, after)
            return True, f"Reloaded: {before} -> {after} entries, {len(fresh.kb.topics)} topics."


async def run_bot(settings: Settings, answerer: Answerer) -> None:
    """Connect to Discord and serve until closed. On SIGTERM (or Ctrl-C) the gateway is
    closed and the store flushed, and the process exits 0 within 10 seconds."""
    assert settings.discord_token is not None
    store = Store(database_from_settings(settings), retention_days=settings.retention_days)
    bot = FaqBot(settings, answerer, store)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError):  # not on this platform
            loop.add_signal_handler(signum, stop.set)
    async with bot:
        serving = asyncio.create_task(bot.start(settings.discord_token.get_secret_value()))
        stopping = asyncio.create_task(stop.wait())
        await asyncio.wait({serving, stopping}, return_when=asyncio.FIRST_COMPLETED)
        if serving.done():
            stopping.cancel()
            serving.result()  # a failed login or connection: the command line says why
            return
        log.info("stopping: closing the gateway and flushing the curator store")
        try:
            await asyncio.wait_for(bot.close(), SHUTDOWN_SECONDS)
        except TimeoutError:
            log.error("shutdown took longer than %.0f s; exiting anyway", SHUTDOWN_SECONDS)
        serving.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await serving


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
