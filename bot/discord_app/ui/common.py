"""What every UI module shares: the custom_id grammar, a button factory, the view every
message's buttons live in, and the one way to send a private note."""

from __future__ import annotations

import logging
from typing import Any

import discord

from bot.discord_app import render

log = logging.getLogger(__name__)

#: an entry id inside a custom_id template
ENTRY_ID = r"[a-z0-9]+(?:-[a-z0-9]+)*"


def make_button(
    custom_id: str,
    text: str | None = None,
    *,
    emoji: str | None = None,
    style: discord.ButtonStyle = discord.ButtonStyle.secondary,
    row: int | None = None,
    disabled: bool = False,
) -> discord.ui.Button[Any]:
    """A button whose label always fits Discord's 80 characters."""
    return discord.ui.Button(
        label=render.label(text) if text else None,
        emoji=emoji,
        style=style,
        custom_id=custom_id,
        row=row,
        disabled=disabled,
    )


async def send_ephemeral(interaction: discord.Interaction[Any], text: str) -> None:
    """A short private note, whether or not the interaction was already answered."""
    try:
        if interaction.response.is_done():
            await interaction.followup.send(text, ephemeral=True)
        else:
            await interaction.response.send_message(text, ephemeral=True)
    except discord.HTTPException as exc:
        log.warning("could not send a note to the user: %s", exc)


class TimedView(discord.ui.View):
    """A view of dynamic items that discord.py does not keep: no timeout task, nothing to
    dispatch (the items are found by custom_id). Whoever sends it hands it to the bot's
    `Expiry` (`bot.discord_app.expiry`), which greys it out after VIEW_TIMEOUT."""

    def __init__(self) -> None:
        super().__init__(timeout=None)
