"""What every UI module shares: the custom_id grammar, a button factory, views that grey
out when they expire, and the one way to send a private note."""

from __future__ import annotations

import logging
from typing import Any

import discord

from bot.discord_app import render

log = logging.getLogger(__name__)

#: interaction tokens live 15 minutes: an expired view can be edited until then
VIEW_TIMEOUT = 15 * 60.0
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
    """A view that greys out its buttons when it times out, on whatever message holds it."""

    def __init__(self) -> None:
        super().__init__(timeout=VIEW_TIMEOUT)
        self._interaction: discord.Interaction[Any] | None = None
        self.message: discord.Message | None = None

    def attach_interaction(self, interaction: discord.Interaction[Any]) -> None:
        """Remember the interaction whose response holds this view, to edit it on timeout."""
        self._interaction = interaction

    async def on_timeout(self) -> None:
        """Disable every button and menu, so people see the message is old."""
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
