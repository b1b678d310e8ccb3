"""The UI of automatic answers in opt-in channels: an Ignore button to remove one."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import discord

from bot.discord_app.errors import guarded
from bot.discord_app.ui.common import make_button

if TYPE_CHECKING:
    from bot.discord_app.bot import FaqBot


class IgnoreButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"faq:ignore:(?P<author>\d+)"
):
    """Under an automatic answer: the person it answered (or a moderator) can remove it."""

    def __init__(self, author_id: int) -> None:
        super().__init__(
            make_button(
                f"faq:ignore:{author_id}", "Ignore", style=discord.ButtonStyle.danger, row=4
            )
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
        """Rebuild the button from its custom_id."""
        return cls(int(match["author"]))

    async def interaction_check(self, interaction: discord.Interaction[Any], /) -> bool:
        """Only the person answered, or someone who can manage messages, may press it."""
        perms = getattr(interaction.user, "guild_permissions", None)
        if interaction.user.id == self.author_id or (perms and perms.manage_messages):
            return True
        await interaction.response.send_message(
            "Only the person this answered (or a moderator) can dismiss it.", ephemeral=True
        )
        return False

    @guarded
    async def callback(self, interaction: discord.Interaction[FaqBot]) -> None:
        """Delete the automatic answer."""
        if interaction.message is not None:
            await interaction.response.defer()
            await interaction.message.delete()


ITEMS: tuple[type[discord.ui.DynamicItem[Any]], ...] = (IgnoreButton,)
