"""Every failure a person could see on Discord passes through here: one short message for
them, one log line for the operators with the guild, the channel and what was being done.

Which error becomes which message (the first that matches wins):

1. `app_commands.CommandOnCooldown`: "Slow down a little: try again in N s." (not logged)
2. `app_commands.NoPrivateMessage`: "That only works in a server." (not logged)
3. `app_commands.MissingPermissions`, or any other `app_commands.CheckFailure`:
   "You need the Manage Server permission for that." (not logged)
4. `discord.Forbidden`: "I don't have permission to post in this channel." (a warning)
5. `discord.NotFound` on the interaction itself (it expired before we answered): nothing can
   be sent; an info line.
6. `DeliveryFailed` (Discord kept failing after the retries in `delivery`): nothing can be
   sent; one error line with the reason, no traceback.
7. anything else: "Sorry, something went wrong on my side..." (an error, with traceback)

The slash-command tree (`FaqTree.on_error`), every button and select callback (`guarded`) and
the message listener (`report_message`) all call this module, so a failing button is never
reported to its user as "expired" and no traceback ever reaches a person.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Coroutine
from typing import Any, Concatenate, ParamSpec, TypeVar

import discord
from discord import app_commands

from bot.discord_app.delivery import DeliveryFailed
from bot.discord_app.ui.common import send_ephemeral

log = logging.getLogger(__name__)

APOLOGY = "Sorry, something went wrong on my side. Please try again in a moment."
COOLDOWN = "Slow down a little: try again in {seconds:.0f} s."
GUILD_ONLY = "That only works in a server."
NEEDS_MANAGE_SERVER = "You need the Manage Server permission for that."
FORBIDDEN = "I don't have permission to post in this channel."

P = ParamSpec("P")
S = TypeVar("S")


def unwrap(error: BaseException) -> BaseException:
    """The error a command raised, not discord.py's wrapper around it."""
    return getattr(error, "original", None) or error


def user_message(error: BaseException) -> str | None:
    """What the person is told about `error` (None: nothing can be sent).

    >>> user_message(RuntimeError("boom")) == APOLOGY
    True
    """
    error = unwrap(error)
    if isinstance(error, app_commands.CommandOnCooldown):
        return COOLDOWN.format(seconds=error.retry_after)
    if isinstance(error, app_commands.NoPrivateMessage):
        return GUILD_ONLY
    if isinstance(error, app_commands.CheckFailure):
        return NEEDS_MANAGE_SERVER
    if isinstance(error, discord.Forbidden):
        return FORBIDDEN
    if isinstance(error, discord.NotFound | DeliveryFailed):
        return None
    return APOLOGY


def log_failure(
    error: BaseException,
    *,
    where: str,
    guild_id: int | None,
    channel_id: int | None,
    entry: str | None = None,
) -> None:
    """One log line with the context an operator needs to find what failed."""
    error = unwrap(error)
    context = f"{where} (guild {guild_id}, channel {channel_id}, entry {entry or '-'})"
    if isinstance(error, app_commands.CheckFailure):
        return  # the person was told why; nothing for operators
    if isinstance(error, discord.Forbidden):
        log.warning("missing permission in %s: %s", context, error)
    elif isinstance(error, discord.NotFound):
        log.info("interaction gone before we answered in %s: %s", context, error)
    elif isinstance(error, DeliveryFailed):
        log.error("%s in %s", error, context)
    else:
        log.error("error in %s", context, exc_info=error)


async def report(
    interaction: discord.Interaction[Any],
    error: BaseException,
    *,
    where: str,
    entry: str | None = None,
) -> None:
    """Tell the person (ephemerally) and the log about a failed command or component.

    The entry defaults to the one the reply was about (`interaction.extras["entry"]`, set by
    `ui.answer.send_reply` before rendering), so a failure after matching names it.
    """
    log_failure(
        error,
        where=where,
        guild_id=interaction.guild_id,
        channel_id=interaction.channel_id,
        entry=entry or interaction.extras.get("entry"),
    )
    text = user_message(error)
    if text is not None:
        await send_ephemeral(interaction, text)


async def report_message(
    message: discord.Message, error: BaseException, *, where: str, entry: str | None = None
) -> None:
    """A failure while answering a message (mention, DM, auto-answer): a polite reply."""
    log_failure(
        error,
        where=where,
        guild_id=message.guild.id if message.guild else None,
        channel_id=message.channel.id,
        entry=entry,
    )
    text = user_message(error)
    if text is None or isinstance(unwrap(error), discord.Forbidden):
        return  # a channel we may not post in gets no reply at all
    try:
        await message.reply(text, mention_author=False)
    except discord.HTTPException as exc:
        log.warning("could not apologise in channel %s: %s", message.channel.id, exc)


def guarded(
    callback: Callable[Concatenate[S, discord.Interaction[Any], P], Coroutine[Any, Any, None]],
) -> Callable[Concatenate[S, discord.Interaction[Any], P], Coroutine[Any, Any, None]]:
    """Route a button's or select's callback failures through `report`.

    discord.py only logs "Ignoring exception in dynamic item callback" for these, and the
    person would be left with no answer; the item's custom_id and `entry_id` (if it has one)
    name what failed.
    """

    @functools.wraps(callback)
    async def wrapper(
        self: S, interaction: discord.Interaction[Any], /, *args: P.args, **kwargs: P.kwargs
    ) -> None:
        try:
            await callback(self, interaction, *args, **kwargs)
        except Exception as exc:
            await report(
                interaction,
                exc,
                where=str(getattr(self, "custom_id", type(self).__name__)),
                entry=getattr(self, "entry_id", None),
            )

    return wrapper
